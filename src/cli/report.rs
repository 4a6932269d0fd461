//! The readable summaries `report` and `compare` print on stdout.

use std::fmt::Write;

use super::table::write_table;
use crate::format::{money, payback, percent, percent_or};
use crate::io::csv_out::unique_names;
use crate::model::{Figures, Results, Scenario, View};

fn irr_text(f: &Figures) -> String {
    let base = percent_or(f.irr_annual, "undefined");
    if f.irr_annual.is_some() && !f.irr_unique {
        format!("{base} (not unique)")
    } else {
        base
    }
}

/// Rows of the summary: label and one formatter per figure.
/// Formats one figure of a view for people.
type Formatter<'a> = Box<dyn Fn(&Figures) -> String + 'a>;

fn figure_rows(currency: &str) -> Vec<(&'static str, Formatter<'_>)> {
    vec![
        (
            "Total benefits",
            Box::new(move |f: &Figures| money(currency, f.total_benefits)),
        ),
        (
            "Total costs",
            Box::new(move |f: &Figures| money(currency, f.total_costs)),
        ),
        (
            "Net total",
            Box::new(move |f: &Figures| money(currency, f.net_total)),
        ),
        (
            "PV of benefits",
            Box::new(move |f: &Figures| money(currency, f.pv_benefits)),
        ),
        (
            "PV of costs",
            Box::new(move |f: &Figures| money(currency, f.pv_costs)),
        ),
        ("NPV", Box::new(move |f: &Figures| money(currency, f.npv))),
        (
            "ROI",
            Box::new(|f: &Figures| percent_or(f.roi, "undefined (no costs)")),
        ),
        ("Payback", Box::new(|f: &Figures| payback(f.payback_months))),
        ("IRR (annual)", Box::new(irr_text)),
    ]
}

/// The `report` summary of both views of one scenario.
#[must_use]
pub fn text(s: &Scenario, r: &Results) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", s.name);
    if !s.description.is_empty() {
        let _ = writeln!(out, "{}", s.description);
    }
    let end = s.start.plus_months(s.horizon_months - 1);
    let _ = writeln!(
        out,
        "{} months, {} to {}; discount rate {} ({:?}); currency {}",
        s.horizon_months,
        s.start,
        end,
        percent(s.discount_rate, 2),
        s.discounting,
        s.currency
    );
    let _ = writeln!(out);
    let rows = figure_rows(&s.currency);
    let mut cells: Vec<[String; 3]> = rows
        .iter()
        .map(|(label, f)| {
            [
                (*label).to_owned(),
                f(&r.adjusted.figures),
                f(&r.unadjusted.figures),
            ]
        })
        .collect();
    if r.declares_capacity {
        // MODEL.md 11.2: the figures on cash alone, beside the headline.
        let (a, u) = (&r.adjusted.cash, &r.unadjusted.cash);
        cells.push([
            "NPV, cash only".to_owned(),
            money(&s.currency, a.cash_npv),
            money(&s.currency, u.cash_npv),
        ]);
        cells.push([
            "Payback, cash only".to_owned(),
            payback(a.cash_payback_months),
            payback(u.cash_payback_months),
        ]);
    }
    let header = ["", View::Adjusted.label(), View::Unadjusted.label()];
    write_table(&mut out, &header.map(str::to_owned), &cells);
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Benefits by category (risk-adjusted total over the horizon)"
    );
    let by_category: Vec<[String; 2]> = r
        .adjusted
        .table
        .benefit_rows
        .iter()
        .filter(|row| !row.total.is_zero())
        .map(|row| {
            // A row's label is its category's, the custom line's name or
            // "Synergy" (`model::category`, `model::schedule`).
            [row.label.to_string(), money(&s.currency, row.total)]
        })
        .collect();
    write_table(&mut out, &[String::new(), String::new()], &by_category);
    if r.declares_capacity {
        freed_text(&mut out, s);
    }
    out
}

/// The capacity the recapture shares leave out of the money (MODEL.md
/// 11.2), in hours, FTE or value a year.
fn freed_text(out: &mut String, s: &Scenario) {
    let freed: Vec<[String; 3]> = crate::model::cash::freed_capacity(s)
        .into_iter()
        .filter(|f| !f.value.is_zero())
        .map(|f| {
            let amount = f.amount(|v| money(&s.currency, v));
            [
                f.label,
                amount,
                format!("{} recaptured", percent(f.recapture, 0)),
            ]
        })
        .collect();
    if freed.is_empty() {
        return;
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Freed capacity not counted as money (a year, at full realisation)"
    );
    write_table(out, &[String::new(), String::new(), String::new()], &freed);
}

/// The `compare` summary: risk-adjusted figures, one column per scenario.
#[must_use]
pub fn comparison_text(scenarios: &[Scenario], results: &[Results]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Risk-adjusted figures");
    let names = unique_names(scenarios.iter().map(|s| s.name.as_str()));
    let mut header = vec![String::new()];
    header.extend(names);
    let labels = figure_rows("")
        .into_iter()
        .map(|(l, _)| l)
        .collect::<Vec<_>>();
    let rows: Vec<Vec<String>> = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let mut row = vec![(*label).to_owned()];
            for (s, r) in scenarios.iter().zip(results) {
                let formatters = figure_rows(&s.currency);
                row.push((formatters[i].1)(&r.adjusted.figures));
            }
            row
        })
        .collect();
    write_table(&mut out, &header, &rows);
    out
}
