//! The fan chart of a Monte Carlo run (MODEL.md 12.3): the cumulative net
//! cash flow by month at P10, P50 and P90 over the detail trials.

use rust_decimal::Decimal;

use super::axis::{money_axis, month_axis, zero_rule};
use super::description::{Chart, LegendEntry, LegendKey, LineMark, Mark, RuleDirection};
use super::plot_value;
use crate::format::{money_whole, percent};
use crate::model::Scenario;
use crate::model::analysis::{FanPoint, MonteCarloResults};
use crate::model::decimal::grouped;
use crate::tokens;

/// The title of every fan chart (the app and the PNG use it).
pub const FAN_TITLE: &str = "Fan chart: cumulative net cash (P10, P50, P90)";

/// The fan chart of `r` for scenario `s`: P50 as a solid line, P10 and P90
/// as dashed lines around it, the zero line, months across.
#[must_use]
pub fn fan_chart(s: &Scenario, r: &MonteCarloResults) -> Chart {
    let currency = s.currency.as_str();
    let (mut low, mut high) = (Decimal::ZERO, Decimal::ZERO);
    for p in &r.fan {
        low = low.min(p.p10).min(p.p50);
        high = high.max(p.p90).max(p.p50);
    }
    let y_axis = money_axis("Cumulative net cash flow", low, high, 7, currency);
    let x_axis = month_axis(s.horizon_months, Some(s.start));
    let line = |pick: fn(&FanPoint) -> Decimal| -> Vec<(f64, f64)> {
        r.fan
            .iter()
            .map(|p| (f64::from(p.month), plot_value(pick(p))))
            .collect()
    };
    let band = tokens::series(1);
    let centre = tokens::series(0);
    let marks = vec![
        zero_rule(RuleDirection::Horizontal, None),
        Mark::Line(LineMark {
            name: "P90".to_owned(),
            colour: band,
            width: 2.0,
            points: line(|p| p.p90),
            dashed: true,
        }),
        Mark::Line(LineMark {
            name: "P10".to_owned(),
            colour: band,
            width: 2.0,
            points: line(|p| p.p10),
            dashed: true,
        }),
        Mark::Line(LineMark {
            name: "P50".to_owned(),
            colour: centre,
            width: 3.0,
            points: line(|p| p.p50),
            dashed: false,
        }),
    ];
    let last = r.fan.last().copied();
    let at_end = |pick: fn(&FanPoint) -> Decimal| {
        last.map(|p| money_whole(currency, pick(&p)))
            .unwrap_or_default()
    };
    let legend = vec![
        LegendEntry {
            label: "P50 (median)".to_owned(),
            detail: format!("month {}: {}", s.horizon_months, at_end(|p| p.p50)),
            colour: centre,
            key: LegendKey::Line,
        },
        LegendEntry {
            label: "P10 and P90 (dashed)".to_owned(),
            detail: format!(
                "month {}: {} to {}",
                s.horizon_months,
                at_end(|p| p.p10),
                at_end(|p| p.p90)
            ),
            colour: band,
            key: LegendKey::Line,
        },
    ];
    let detail = r
        .trials
        .min(crate::model::analysis::montecarlo::DETAIL_TRIALS);
    let mut notes = vec![
        format!(
            "Risk-adjusted cumulative net cash flow at the end of each month over {} trials (seed {}); 8 in 10 trials lie between the dashed lines.",
            grouped(Decimal::from(detail), 0),
            r.seed
        ),
        format!("Probability NPV > 0: {}.", percent(r.prob_npv_positive, 2)),
    ];
    if r.correlated {
        notes.push("Inputs are drawn with the file's rank correlations (Iman-Conover).".to_owned());
    }
    Chart {
        title: format!("Fan chart: {}", s.name),
        subtitle: format!(
            "Cumulative net cash (P10, P50, P90), Monte Carlo, risk-adjusted, {currency}, {} months",
            s.horizon_months
        ),
        x_axis,
        y_axis,
        marks,
        legend,
        notes,
    }
}
