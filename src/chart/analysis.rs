//! The charts of the what-if analyses: the tornado chart of a sensitivity
//! run and the NPV histogram of a Monte Carlo run, each from plain data
//! (bars, bins, markers) or straight from the model's analysis results.

use rust_decimal::Decimal;

use super::axis::{category_axis, category_position, money_axis, value_axis, zero_rule};
use super::description::{
    BarMark, Chart, LegendEntry, LegendKey, Mark, RuleDirection, RuleMark, Side,
};
use super::plot_value;
use crate::format::{money_whole, number};
use crate::model::Scenario;
use crate::model::analysis::{MonteCarloResults, Sensitivity};

use crate::tokens::{self, Rgb};

/// One bar of a tornado chart: the NPV with one input at the low and at the
/// high end of its range, every other input at its base value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TornadoBar {
    /// The input, as people should read it.
    pub label: String,
    /// NPV with the input at the low end of its range.
    pub npv_low: Decimal,
    /// NPV with the input at the high end of its range.
    pub npv_high: Decimal,
}

/// One bin of a histogram: trials with `lower <= value < upper`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistogramBin {
    /// Lower edge.
    pub lower: Decimal,
    /// Upper edge.
    pub upper: Decimal,
    /// Number of trials in the bin.
    pub count: u64,
}

/// A labelled value marked on a histogram (base NPV, mean, percentiles).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueMarker {
    /// Short label, e.g. `P10`; the value is appended when drawn.
    pub label: String,
    /// The value on the horizontal axis.
    pub value: Decimal,
}

/// A tornado chart of NPV sensitivity: for each input, a bar from the base
/// NPV to the NPV with the input at the low end of its range and one to the
/// NPV at the high end, widest swing at the top.
pub fn tornado_chart(name: &str, base_npv: Decimal, bars: &[TornadoBar], currency: &str) -> Chart {
    let mut sorted: Vec<&TornadoBar> = bars.iter().collect();
    sorted.sort_by(|a, b| {
        let swing = |bar: &TornadoBar| (bar.npv_high - bar.npv_low).abs();
        swing(b).cmp(&swing(a))
    });
    let mut low = base_npv;
    let mut high = base_npv;
    for bar in &sorted {
        low = low.min(bar.npv_low).min(bar.npv_high);
        high = high.max(bar.npv_low).max(bar.npv_high);
    }
    let room = (high.saturating_sub(low) * Decimal::new(18, 2)).max(Decimal::ONE);
    let x_axis = money_axis(
        "NPV",
        low.saturating_sub(room),
        high.saturating_add(room),
        6,
        currency,
    );
    let labels: Vec<String> = sorted.iter().map(|b| b.label.clone()).collect();
    let n = sorted.len();
    let low_colour = tokens::series(1);
    let high_colour = tokens::series(0);
    let base = plot_value(base_npv);
    let mut marks = Vec::new();
    for (i, bar) in sorted.iter().enumerate() {
        let y = category_position(i, n);
        for (value, colour) in [(bar.npv_low, low_colour), (bar.npv_high, high_colour)] {
            let v = plot_value(value);
            marks.push(Mark::Bar(BarMark {
                x: (v.min(base), v.max(base)),
                y: (y - 0.3, y + 0.3),
                colour,
                label: Some(money_whole(currency, value)),
                label_side: if value < base_npv {
                    Side::Left
                } else {
                    Side::Right
                },
            }));
        }
    }
    if x_axis.min < 0.0 && x_axis.max > 0.0 {
        marks.push(Mark::Rule(RuleMark {
            direction: RuleDirection::Vertical,
            value: 0.0,
            colour: tokens::NEGATIVE,
            width: 1.5,
            dashed: true,
            label: Some("NPV 0".to_owned()),
        }));
    }
    marks.push(Mark::Rule(RuleMark {
        direction: RuleDirection::Vertical,
        value: base,
        colour: tokens::CHART_ZERO,
        width: 2.0,
        dashed: false,
        label: Some(format!("Base NPV {}", money_whole(currency, base_npv))),
    }));
    let mut notes = vec![
        "Each bar moves one input to the low or high end of its range with every other input at its base value."
            .to_owned(),
    ];
    if sorted.is_empty() {
        notes.push("The scenario has no uncertainty ranges to test.".to_owned());
    }
    Chart {
        title: format!("Sensitivity of NPV: {name}"),
        subtitle: format!("NPV in {currency}, widest swing first"),
        x_axis,
        y_axis: category_axis(&labels),
        marks,
        legend: vec![
            LegendEntry {
                label: "Input at the low end of its range".to_owned(),
                detail: String::new(),
                colour: low_colour,
                key: LegendKey::Swatch,
            },
            LegendEntry {
                label: "Input at the high end of its range".to_owned(),
                detail: String::new(),
                colour: high_colour,
                key: LegendKey::Swatch,
            },
        ],
        notes,
    }
}

/// A histogram of Monte Carlo NPVs: one bar per bin, red below zero and
/// green above (a bin across zero is split there), with labelled markers
/// such as the base NPV or percentiles.
pub fn histogram_chart(
    name: &str,
    bins: &[HistogramBin],
    markers: &[ValueMarker],
    currency: &str,
) -> Chart {
    let trials: u64 = bins.iter().map(|b| b.count).sum();
    let max_count = bins.iter().map(|b| b.count).max().unwrap_or(0);
    let mut low = bins
        .iter()
        .map(|b| b.lower.min(b.upper))
        .min()
        .unwrap_or(Decimal::ZERO);
    let mut high = bins
        .iter()
        .map(|b| b.lower.max(b.upper))
        .max()
        .unwrap_or(Decimal::ZERO);
    for m in markers {
        low = low.min(m.value);
        high = high.max(m.value);
    }
    let x_axis = money_axis("NPV", low, high, 6, currency);
    let y_axis = value_axis(
        "Trials",
        Decimal::ZERO,
        Decimal::from(max_count) * Decimal::new(115, 2),
        6,
        true,
        &|v, dp| number(v, dp),
    );
    let mut marks = Vec::new();
    for bin in bins {
        let (lo, hi) = (bin.lower.min(bin.upper), bin.lower.max(bin.upper));
        let count = bin.count as f64;
        // A hair of white between neighbouring bins keeps them apart.
        let gap = (plot_value(hi) - plot_value(lo)) * 0.02;
        let mut push = |from: Decimal, to: Decimal, colour: Rgb| {
            let start = if from == lo { gap } else { 0.0 };
            let end = if to == hi { gap } else { 0.0 };
            marks.push(Mark::Bar(BarMark {
                x: (plot_value(from) + start, plot_value(to) - end),
                y: (0.0, count),
                colour,
                label: None,
                label_side: Side::Top,
            }));
        };
        if hi <= Decimal::ZERO {
            push(lo, hi, tokens::NEGATIVE);
        } else if lo >= Decimal::ZERO {
            push(lo, hi, tokens::POSITIVE);
        } else {
            push(lo, Decimal::ZERO, tokens::NEGATIVE);
            push(Decimal::ZERO, hi, tokens::POSITIVE);
        }
    }
    marks.push(zero_rule(RuleDirection::Horizontal, None));
    for m in markers {
        marks.push(Mark::Rule(RuleMark {
            direction: RuleDirection::Vertical,
            value: plot_value(m.value),
            colour: tokens::CHART_ZERO,
            width: 1.5,
            dashed: true,
            label: Some(format!("{} {}", m.label, money_whole(currency, m.value))),
        }));
    }
    let below: u64 = bins
        .iter()
        .filter(|b| b.lower.max(b.upper) <= Decimal::ZERO)
        .map(|b| b.count)
        .sum();
    let mut notes = vec![format!(
        "{} trials; {} of them in bins wholly below an NPV of zero.",
        number(Decimal::from(trials), 0),
        number(Decimal::from(below), 0)
    )];
    if bins.is_empty() {
        notes.push("There are no trials to show.".to_owned());
    }
    // The legend names only the colours the chart uses.
    let legend = [
        ("NPV below zero", tokens::NEGATIVE),
        ("NPV zero or above", tokens::POSITIVE),
    ]
    .into_iter()
    .filter(|(_, colour)| {
        marks
            .iter()
            .any(|m| matches!(m, Mark::Bar(b) if b.colour == *colour))
    })
    .map(|(label, colour)| LegendEntry {
        label: label.to_owned(),
        detail: String::new(),
        colour,
        key: LegendKey::Swatch,
    })
    .collect();
    Chart {
        title: format!("Monte Carlo NPV: {name}"),
        subtitle: format!("Distribution of NPV over the trials, {currency}"),
        x_axis,
        y_axis,
        marks,
        legend,
        notes,
    }
}

/// The tornado chart of a sensitivity run.
#[must_use]
pub fn sensitivity_chart(s: &Scenario, result: &Sensitivity) -> Chart {
    let bars: Vec<TornadoBar> = result
        .rows
        .iter()
        .map(|r| TornadoBar {
            label: r.label.clone(),
            npv_low: r.npv_low,
            npv_high: r.npv_high,
        })
        .collect();
    tornado_chart(&s.name, result.base_npv, &bars, &s.currency)
}

/// The NPV histogram of a Monte Carlo run, marked at P10, P50 and P90.
#[must_use]
pub fn monte_carlo_chart(s: &Scenario, r: &MonteCarloResults) -> Chart {
    let bins: Vec<HistogramBin> = r
        .histogram
        .edges()
        .into_iter()
        .zip(&r.histogram.counts)
        .map(|((lower, upper), count)| HistogramBin {
            lower,
            upper,
            count: u64::from(*count),
        })
        .collect();
    let markers = [("P10", r.npv.p10), ("P50", r.npv.p50), ("P90", r.npv.p90)]
        .into_iter()
        .map(|(label, value)| ValueMarker {
            label: label.to_owned(),
            value,
        })
        .collect::<Vec<_>>();
    histogram_chart(&s.name, &bins, &markers, &s.currency)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn tornado_puts_the_widest_swing_first_and_marks_the_base() {
        let bars = [
            TornadoBar {
                label: "narrow".to_owned(),
                npv_low: d("90"),
                npv_high: d("110"),
            },
            TornadoBar {
                label: "wide".to_owned(),
                npv_low: d("-50"),
                npv_high: d("300"),
            },
        ];
        let chart = tornado_chart("S", d("100"), &bars, "USD");
        let top = chart
            .y_axis
            .ticks
            .iter()
            .max_by(|a, b| a.value.total_cmp(&b.value))
            .unwrap();
        assert_eq!(top.label, "wide");
        assert!(chart.marks.iter().any(|m| matches!(
            m,
            Mark::Rule(r) if r.label.as_deref() == Some("Base NPV USD 100")
        )));
    }

    #[test]
    fn a_histogram_bin_across_zero_is_split_at_zero() {
        let bins = [HistogramBin {
            lower: d("-10"),
            upper: d("30"),
            count: 4,
        }];
        let chart = histogram_chart("S", &bins, &[], "USD");
        let bars: Vec<&BarMark> = chart
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Bar(b) => Some(b),
                _ => None,
            })
            .collect();
        assert_eq!(bars.len(), 2);
        assert!(bars[0].x.1.abs() < 1e-9);
        assert!(bars[0].x.0 > -10.0 && bars[0].x.0 < -9.0);
        assert_eq!(bars[0].colour, tokens::NEGATIVE);
        assert!(bars[1].x.0.abs() < 1e-9);
        assert!(bars[1].x.1 < 30.0 && bars[1].x.1 > 29.0);
    }
}
