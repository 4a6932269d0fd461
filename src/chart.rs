//! A renderer-neutral chart description, built from results or from plain
//! analysis data: series, bars, reference rules, labelled points, axes with
//! ready-made tick labels (currency with thousands separators, calendar
//! months), a legend, a title and notes. The headless PNG renderer
//! (`io::png`) and the app's on-screen plots both draw from it.
//!
//! This module is pure (no files, no egui) and it is the single place in
//! the program where a `Decimal` becomes an `f64`, and only for drawing:
//! every figure shown as text is formatted from the exact `Decimal` first.
//!
//! Choices written down here:
//! - Money ticks are "nice" steps (1, 2, 2.5 or 5 times a power of ten)
//!   computed in `Decimal`, so a tick label is exact and never `1,999,999`.
//! - The month axis counts months from the programme start (month 0 is the
//!   upfront instant) and, when every scenario starts in the same month,
//!   shows the calendar month whose end the point stands for under it.
//! - A comparison of scenarios that start in different months keeps the
//!   month counts and drops the calendar months, which would be ambiguous.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::format::{money_whole, payback};
use crate::model::decimal::grouped;
use crate::model::{ProgrammeRef, Results, View, YearMonth};
use crate::tokens::{self, Rgb};

/// A complete chart: what to draw, with every text already formatted.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The headline, e.g. `Payback: Composite bank`.
    pub title: String,
    /// One line under the title: view, currency, totals.
    pub subtitle: String,
    /// The horizontal axis.
    pub x_axis: Axis,
    /// The vertical axis.
    pub y_axis: Axis,
    /// What is drawn in the plot area, in drawing order.
    pub marks: Vec<Mark>,
    /// Legend entries, in reading order.
    pub legend: Vec<LegendEntry>,
    /// Small print under the chart, one sentence per entry.
    pub notes: Vec<String>,
}

/// One axis: its range, ticks and title.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// Axis title; for the vertical axis it is shown above the plot.
    pub title: String,
    /// Smallest value shown.
    pub min: f64,
    /// Largest value shown.
    pub max: f64,
    /// Ticks in increasing order of value.
    pub ticks: Vec<Tick>,
    /// Whether grid lines are drawn at the ticks.
    pub grid: bool,
}

/// A tick: a position on the axis and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Position in axis units.
    pub value: f64,
    /// Label; a `\n` separates lines (month number over calendar month).
    pub label: String,
}

/// Which side of a bar its label goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Left of the bar.
    Left,
    /// Right of the bar.
    Right,
    /// Above the bar.
    Top,
}

/// Direction of a reference rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleDirection {
    /// A horizontal line at a value of the vertical axis.
    Horizontal,
    /// A vertical line at a value of the horizontal axis.
    Vertical,
}

/// Something drawn in the plot area.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A polyline, e.g. a payback curve.
    Line(LineMark),
    /// A filled rectangle, e.g. a bar of a bar chart or a histogram bin.
    Bar(BarMark),
    /// A reference line across the plot, e.g. the zero line.
    Rule(RuleMark),
    /// A labelled point, e.g. where a curve pays back.
    Point(PointMark),
}

/// A polyline through data points.
#[derive(Debug, Clone, PartialEq)]
pub struct LineMark {
    /// Series name (as in the legend).
    pub name: String,
    /// Colour.
    pub colour: Rgb,
    /// Stroke width in points at 1600 x 900.
    pub width: f64,
    /// Points `(x, y)` in axis units, in drawing order.
    pub points: Vec<(f64, f64)>,
}

/// A filled rectangle in axis units, with an optional label outside one side.
#[derive(Debug, Clone, PartialEq)]
pub struct BarMark {
    /// Horizontal extent `(from, to)`, `from <= to`.
    pub x: (f64, f64),
    /// Vertical extent `(from, to)`, `from <= to`.
    pub y: (f64, f64),
    /// Fill colour.
    pub colour: Rgb,
    /// Value label, if any.
    pub label: Option<String>,
    /// Where the label goes.
    pub label_side: Side,
}

/// A reference line across the whole plot area.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleMark {
    /// Horizontal or vertical.
    pub direction: RuleDirection,
    /// Position in the units of the axis it crosses.
    pub value: f64,
    /// Colour.
    pub colour: Rgb,
    /// Stroke width in points at 1600 x 900.
    pub width: f64,
    /// Dashed rather than solid.
    pub dashed: bool,
    /// Label shown at the top (vertical rules) or the right end (horizontal).
    pub label: Option<String>,
}

/// A marked point with a label; renderers keep labels from overlapping.
#[derive(Debug, Clone, PartialEq)]
pub struct PointMark {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
    /// Colour of the marker and of the label's border.
    pub colour: Rgb,
    /// Label text.
    pub label: String,
}

/// How a legend entry's key is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendKey {
    /// A short line, for series.
    Line,
    /// A filled square, for bars.
    Swatch,
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    /// Text, e.g. a scenario name; shortened first when space is short.
    pub label: String,
    /// Figures shown after the label (empty for none), kept whole.
    pub detail: String,
    /// Colour of the key.
    pub colour: Rgb,
    /// Shape of the key.
    pub key: LegendKey,
}

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

/// The one conversion from `Decimal` to `f64` in the program, for drawing
/// only: a position on a plot, never a figure shown as text. On-screen plots
/// that draw straight from results should call this rather than convert on
/// their own.
pub fn plot_value(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

fn to_f64(value: Decimal) -> f64 {
    plot_value(value)
}

/// `USD 1,250,000` with `dp` decimals (0 for whole amounts).
fn money_dp(currency: &str, value: Decimal, dp: u32) -> String {
    if dp == 0 {
        return money_whole(currency, value);
    }
    let text = grouped(value, dp);
    match text.strip_prefix('-') {
        Some(rest) => format!("-{currency} {rest}"),
        None => format!("{currency} {text}"),
    }
}

/// A "nice" tick step (1, 2, 2.5 or 5 times a power of ten) so that `span`
/// is covered by at most about `target` steps.
fn nice_step(span: Decimal, target: u32) -> Decimal {
    let target = Decimal::from(target.max(1));
    let raw = if span > Decimal::ZERO {
        span / target
    } else {
        Decimal::ONE
    };
    let ten = Decimal::TEN;
    let mut magnitude = Decimal::ONE;
    for _ in 0..40 {
        match magnitude.checked_mul(ten) {
            Some(next) if next <= raw => magnitude = next,
            _ => break,
        }
    }
    for _ in 0..40 {
        if magnitude <= raw {
            break;
        }
        magnitude /= ten;
    }
    let two_and_a_half = Decimal::new(25, 1);
    for factor in [
        Decimal::ONE,
        Decimal::TWO,
        two_and_a_half,
        Decimal::from(5),
        ten,
    ] {
        let step = magnitude * factor;
        if step >= raw {
            return step;
        }
    }
    magnitude * ten
}

/// A value axis over `[low, high]`, widened to whole tick steps, with tick
/// labels made by `label` from the exact tick value.
fn value_axis(
    title: &str,
    low: Decimal,
    high: Decimal,
    target: u32,
    integer_steps: bool,
    label: &dyn Fn(Decimal, u32) -> String,
) -> Axis {
    let (mut low, mut high) = if low <= high {
        (low, high)
    } else {
        (high, low)
    };
    if low == high {
        let pad = (low.abs() / Decimal::TEN).max(Decimal::ONE);
        if low >= Decimal::ZERO && low - pad < Decimal::ZERO {
            low = Decimal::ZERO;
        } else {
            low = low.saturating_sub(pad);
        }
        high = high.saturating_add(pad);
    }
    let mut step = nice_step(high.saturating_sub(low), target);
    if (integer_steps && step < Decimal::ONE) || step <= Decimal::ZERO {
        step = Decimal::ONE;
    }
    let first = (low / step).floor() * step;
    let last = (high / step).ceil() * step;
    let dp = step.normalize().scale();
    let mut ticks = Vec::new();
    let mut value = first;
    while value <= last && ticks.len() < 200 {
        ticks.push(Tick {
            value: to_f64(value),
            label: label(value, dp),
        });
        match value.checked_add(step) {
            Some(next) => value = next,
            None => break,
        }
    }
    Axis {
        title: title.to_owned(),
        min: to_f64(first),
        max: to_f64(last),
        ticks,
        grid: true,
    }
}

/// A money axis over `[low, high]`, in whole currency units; an empty
/// range (a chart of nothing) shows `0` to `1,000`.
fn money_axis(title: &str, low: Decimal, high: Decimal, target: u32, currency: &str) -> Axis {
    let high = if low == high && high.is_zero() {
        Decimal::ONE_THOUSAND
    } else {
        high
    };
    value_axis(title, low, high, target, true, &|v, dp| {
        money_dp(currency, v, dp)
    })
}

/// `Dec 2027`.
fn month_name(ym: YearMonth) -> String {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let index = usize::try_from(ym.month.clamp(1, 12) - 1).unwrap_or(0);
    format!("{} {}", NAMES[index], ym.year)
}

/// The month axis `0..=horizon`: month counts, and calendar months under
/// them when `start` is known (the month whose end the point stands for).
fn month_axis(horizon: u32, start: Option<YearMonth>) -> Axis {
    let horizon = horizon.max(1);
    let step = [1, 2, 3, 6, 12, 24]
        .into_iter()
        .find(|step| horizon / step <= 12)
        .unwrap_or(24);
    let ticks = (0..=horizon)
        .step_by(usize::try_from(step).unwrap_or(12))
        .map(|t| {
            let date = match start {
                Some(_) if t == 0 => "\nUpfront".to_owned(),
                Some(s) => format!("\n{}", month_name(s.plus_months(t - 1))),
                None => String::new(),
            };
            Tick {
                value: f64::from(t),
                label: format!("{t}{date}"),
            }
        })
        .collect();
    Axis {
        title: if start.is_some() {
            "Months from start (calendar month below)".to_owned()
        } else {
            "Months from start (the scenarios start in different months)".to_owned()
        },
        min: 0.0,
        max: f64::from(horizon),
        ticks,
        grid: true,
    }
}

/// A category axis: one tick per label, the first label at the top.
fn category_axis(labels: &[String]) -> Axis {
    let n = labels.len();
    let ticks = labels
        .iter()
        .enumerate()
        .map(|(i, label)| Tick {
            value: (n - 1 - i) as f64,
            label: label.clone(),
        })
        .rev()
        .collect();
    Axis {
        title: String::new(),
        min: -0.5,
        max: n.max(1) as f64 - 0.5,
        ticks,
        grid: false,
    }
}

/// The position of category `i` of `n` on a category axis.
fn category_position(i: usize, n: usize) -> f64 {
    n.saturating_sub(1 + i) as f64
}

/// The zero line of a value axis.
fn zero_rule(direction: RuleDirection, label: Option<String>) -> Mark {
    Mark::Rule(RuleMark {
        direction,
        value: 0.0,
        colour: tokens::CHART_ZERO,
        width: 1.5,
        dashed: false,
        label,
    })
}

fn view_phrase(view: View) -> &'static str {
    match view {
        View::Adjusted => "risk-adjusted",
        View::Unadjusted => "unadjusted",
    }
}

fn view_note(view: View) -> String {
    match view {
        View::Adjusted => {
            "Risk-adjusted view: each benefit is written down by its risk and each cost raised by its risk."
                .to_owned()
        }
        View::Unadjusted => "Unadjusted view: inputs as entered, before risk adjustment.".to_owned(),
    }
}

/// The payback curves (cumulative net cash flow by month) of one or several
/// scenarios on one chart, with the zero line, each payback point labelled
/// and a legend giving payback and NPV. `currency` labels the money axis;
/// the scenarios are expected to share it.
pub fn payback_chart(scenarios: &[(&str, &Results)], view: View, currency: &str) -> Chart {
    let horizon = scenarios
        .iter()
        .map(|(_, r)| r.horizon_months)
        .max()
        .unwrap_or(12);
    let start = scenarios.first().map(|(_, r)| r.start);
    let same_start = scenarios.iter().all(|(_, r)| Some(r.start) == start);
    let mut low = Decimal::ZERO;
    let mut high = Decimal::ZERO;
    for (_, r) in scenarios {
        for &value in &r.view(view).table.cumulative {
            low = low.min(value);
            high = high.max(value);
        }
    }
    let y_axis = money_axis("Cumulative net cash flow", low, high, 7, currency);
    let x_axis = month_axis(horizon, if same_start { start } else { None });

    let mut marks = vec![zero_rule(RuleDirection::Horizontal, None)];
    let mut points = Vec::new();
    let mut legend = Vec::new();
    let mut notes = Vec::new();
    for (i, (name, results)) in scenarios.iter().enumerate() {
        let colour = tokens::series(i);
        let v = results.view(view);
        let line: Vec<(f64, f64)> = v
            .table
            .cumulative
            .iter()
            .enumerate()
            .map(|(t, &c)| (t as f64, to_f64(c)))
            .collect();
        marks.push(Mark::Line(LineMark {
            name: (*name).to_owned(),
            colour,
            width: 3.0,
            points: line,
        }));
        let payback_text = match v.figures.payback_months {
            Some(months) => format!("payback {}", payback(Some(months))),
            None => format!("no payback within {} months", results.horizon_months),
        };
        legend.push(LegendEntry {
            label: (*name).to_owned(),
            detail: format!(
                "{payback_text}; NPV {}",
                money_whole(currency, v.figures.npv)
            ),
            colour,
            key: LegendKey::Line,
        });
        match v.figures.payback_months {
            Some(months) if months > Decimal::ZERO => points.push(Mark::Point(PointMark {
                x: to_f64(months),
                y: 0.0,
                colour,
                label: payback(Some(months)),
            })),
            Some(_) => notes.push(format!(
                "{name}: the cumulative cash flow is never negative, so it pays back at once."
            )),
            None => {}
        }
    }
    marks.extend(points);

    notes.insert(0, view_note(view));
    notes.insert(
        1,
        "Each point is the cumulative net cash flow at the end of a month; month 0 is the upfront spend."
            .to_owned(),
    );
    let title = match scenarios {
        [(name, _)] => format!("Payback: {name}"),
        _ => "Payback comparison".to_owned(),
    };
    let subtitle = match scenarios {
        [(_, r)] => {
            let f = &r.view(view).figures;
            format!(
                "Cumulative net cash flow, {}, {currency}. NPV {}; {}",
                view_phrase(view),
                money_whole(currency, f.npv),
                f.payback_months.map_or_else(
                    || format!("no payback within {} months", r.horizon_months),
                    |m| format!("payback {}", payback(Some(m)))
                )
            )
        }
        _ => format!(
            "Cumulative net cash flow of {} scenarios, {}, {currency}",
            scenarios.len(),
            view_phrase(view)
        ),
    };
    Chart {
        title,
        subtitle,
        x_axis,
        y_axis,
        marks,
        legend,
        notes,
    }
}

/// The benefits of one scenario by category over the whole horizon, as
/// horizontal bars in the model's order, coloured by programme. Lines with
/// no benefit in this view are left out (and counted in a note).
pub fn benefits_chart(name: &str, results: &Results, view: View, currency: &str) -> Chart {
    let v = results.view(view);
    let rows: Vec<_> = v
        .table
        .benefit_rows
        .iter()
        .filter(|r| !r.total.is_zero())
        .collect();
    let hidden = v.table.benefit_rows.len() - rows.len();
    let labels: Vec<String> = rows.iter().map(|r| r.label.to_string()).collect();
    let low = rows
        .iter()
        .map(|r| r.total)
        .fold(Decimal::ZERO, Decimal::min);
    let high = rows
        .iter()
        .map(|r| r.total)
        .fold(Decimal::ZERO, Decimal::max);
    // Head room for the value labels at the ends of the bars.
    let room = high.saturating_sub(low) * Decimal::new(12, 2);
    let x_axis = money_axis(
        &format!("Total benefit over {} months", results.horizon_months),
        if low < Decimal::ZERO {
            low.saturating_sub(room)
        } else {
            low
        },
        high.saturating_add(room),
        6,
        currency,
    );
    let n = rows.len();
    let mut marks = Vec::new();
    let mut used = [false; 3];
    for (i, row) in rows.iter().enumerate() {
        let (colour, slot) = match row.programme {
            ProgrammeRef::Tem => (tokens::TEM, 0),
            ProgrammeRef::Tdm => (tokens::TDM, 1),
            ProgrammeRef::None => (tokens::NEUTRAL, 2),
        };
        used[slot] = true;
        let value = to_f64(row.total);
        let y = category_position(i, n);
        marks.push(Mark::Bar(BarMark {
            x: (value.min(0.0), value.max(0.0)),
            y: (y - 0.32, y + 0.32),
            colour,
            label: Some(money_whole(currency, row.total)),
            label_side: if value < 0.0 { Side::Left } else { Side::Right },
        }));
    }
    marks.push(zero_rule(RuleDirection::Vertical, None));
    let legend = [
        ("Test Environment Management (TEM)", tokens::TEM),
        ("Test Data Management (TDM)", tokens::TDM),
        ("Neither programme (custom lines, synergy)", tokens::NEUTRAL),
    ]
    .into_iter()
    .zip(used)
    .filter(|(_, used)| *used)
    .map(|((label, colour), _)| LegendEntry {
        label: label.to_owned(),
        detail: String::new(),
        colour,
        key: LegendKey::Swatch,
    })
    .collect();
    let mut notes = vec![view_note(view)];
    if rows.is_empty() {
        notes.push("This scenario has no benefits in this view.".to_owned());
    } else if hidden > 0 {
        notes.push(format!(
            "{hidden} line{} with no benefit in this view {} not shown.",
            if hidden == 1 { "" } else { "s" },
            if hidden == 1 { "is" } else { "are" }
        ));
    }
    let end = results
        .start
        .plus_months(results.horizon_months.saturating_sub(1));
    Chart {
        title: format!("Benefits by category: {name}"),
        subtitle: format!(
            "{}, {} to {}, {currency}. Total benefits {}",
            capitalise(view_phrase(view)),
            month_name(results.start),
            month_name(end),
            money_whole(currency, v.figures.total_benefits)
        ),
        x_axis,
        y_axis: category_axis(&labels),
        marks,
        legend,
        notes,
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
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
    let base = to_f64(base_npv);
    let mut marks = Vec::new();
    for (i, bar) in sorted.iter().enumerate() {
        let y = category_position(i, n);
        for (value, colour) in [(bar.npv_low, low_colour), (bar.npv_high, high_colour)] {
            let v = to_f64(value);
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
        &|v, dp| grouped(v, dp),
    );
    let mut marks = Vec::new();
    for bin in bins {
        let (lo, hi) = (bin.lower.min(bin.upper), bin.lower.max(bin.upper));
        let count = bin.count as f64;
        // A hair of white between neighbouring bins keeps them apart.
        let gap = (to_f64(hi) - to_f64(lo)) * 0.02;
        let mut push = |from: Decimal, to: Decimal, colour: Rgb| {
            let start = if from == lo { gap } else { 0.0 };
            let end = if to == hi { gap } else { 0.0 };
            marks.push(Mark::Bar(BarMark {
                x: (to_f64(from) + start, to_f64(to) - end),
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
            value: to_f64(m.value),
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
        grouped(Decimal::from(trials), 0),
        grouped(Decimal::from(below), 0)
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn nice_steps_are_one_two_two_and_a_half_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(d("1000000"), 5), d("200000"));
        assert_eq!(nice_step(d("1100000"), 5), d("250000"));
        assert_eq!(nice_step(d("7"), 7), d("1"));
        assert_eq!(nice_step(d("0.3"), 3), d("0.1"));
        assert_eq!(nice_step(Decimal::ZERO, 5), d("1"));
    }

    #[test]
    fn money_axis_labels_are_exact_with_thousands_separators() {
        let axis = money_axis("x", d("-512345.67"), d("1234567.89"), 7, "USD");
        let labels: Vec<&str> = axis.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels.first(), Some(&"-USD 750,000"));
        assert!(labels.contains(&"USD 0"));
        assert!(labels.contains(&"USD 1,250,000"));
        assert!(axis.min <= -512_345.67 && axis.max >= 1_234_567.89);
    }

    #[test]
    fn a_flat_range_still_gets_an_axis() {
        let axis = money_axis("x", Decimal::ZERO, Decimal::ZERO, 7, "EUR");
        assert!(axis.max > axis.min);
        assert!(axis.ticks.len() >= 2);
    }

    #[test]
    fn month_ticks_carry_calendar_months_and_stay_few() {
        let start = YearMonth {
            year: 2027,
            month: 1,
        };
        let axis = month_axis(36, Some(start));
        assert_eq!(axis.ticks[0].label, "0\nUpfront");
        assert_eq!(axis.ticks[1].label, "3\nMar 2027");
        let long = month_axis(120, Some(start));
        assert!(long.ticks.len() <= 13);
        assert_eq!(long.ticks[1].label, "12\nDec 2027");
        assert_eq!(month_axis(24, None).ticks[1].label, "2");
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
