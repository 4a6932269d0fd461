//! The charts built from a scenario's results: the payback curves of one
//! or several scenarios and the benefits of one scenario by category.

use rust_decimal::Decimal;

use super::axis::{
    category_axis, category_position, money_axis, month_axis, month_name, zero_rule,
};
use super::description::{
    BarMark, Chart, LegendEntry, LegendKey, LineMark, Mark, PointMark, RuleDirection, Side,
};
use super::plot_value;
use crate::format::{money_whole, payback};
use crate::model::cash::{CashRows, cash_rows};
use crate::model::{ProgrammeRef, Results, View};
use crate::tokens;

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
    // A file that separates cash from capacity also draws its cash-only
    // curve (MODEL.md 11.2).
    let cash: Vec<Option<CashRows>> = scenarios
        .iter()
        .map(|(_, r)| r.declares_capacity.then(|| cash_rows(&r.view(view).table)))
        .collect();
    for ((_, r), cash) in scenarios.iter().zip(&cash) {
        let extra = cash.iter().flat_map(|c| &c.cash_cumulative);
        for &value in r.view(view).table.cumulative.iter().chain(extra) {
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
            .map(|(t, &c)| (t as f64, plot_value(c)))
            .collect();
        marks.push(Mark::Line(LineMark {
            name: (*name).to_owned(),
            colour,
            width: 3.0,
            points: line,
            dashed: false,
        }));
        if let Some(rows) = &cash[i] {
            marks.push(Mark::Line(LineMark {
                name: format!("{name} (cash only)"),
                colour,
                width: 2.0,
                points: rows
                    .cash_cumulative
                    .iter()
                    .enumerate()
                    .map(|(t, &c)| (t as f64, plot_value(c)))
                    .collect(),
                dashed: true,
            }));
        }
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
        if cash[i].is_some() {
            legend.push(LegendEntry {
                label: format!("{name}, cash only (dashed)"),
                detail: format!(
                    "payback {}; NPV {}",
                    payback(v.cash.cash_payback_months),
                    money_whole(currency, v.cash.cash_npv)
                ),
                colour,
                key: LegendKey::Line,
            });
        }
        match v.figures.payback_months {
            Some(months) if months > Decimal::ZERO => points.push(Mark::Point(PointMark {
                x: plot_value(months),
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
        let value = plot_value(row.total);
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
