//! CSV writers of MODEL.md section 5: the monthly table of one view, the
//! summary of both views and the comparison of several scenarios here, the
//! what-if tables in [`analysis`]. UTF-8, no BOM, `\n` line ends, RFC 4180
//! quoting, exact cents, and the formula guard on every text cell; one
//! writer and one set of cell formats for all of them.

pub mod analysis;
mod dialect;
pub mod switching;

pub use dialect::CsvDialect;

use rust_decimal::Decimal;

use crate::model::cash::{CashFigures, cash_rows};
use crate::model::decimal::fixed;
use crate::model::{Figures, Results, View};

/// Prefixes a text cell with `'` when a spreadsheet would run it as a formula.
#[must_use]
pub fn guard(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// A CSV writer to memory with `\n` line ends.
fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new())
}

/// The text a writer made.
fn finish(w: csv::Writer<Vec<u8>>) -> String {
    // Writing to memory cannot fail; the fields are valid UTF-8.
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A money cell: exactly 2 places.
fn money(d: Decimal) -> String {
    fixed(d, 2)
}

/// An input value as written in CSV: exact, without trailing zeros (and
/// never `-0`).
#[must_use]
pub fn plain(value: Decimal) -> String {
    let mut v = value.normalize();
    if v.is_zero() {
        v.set_sign_positive(true);
    }
    v.to_string()
}

/// The metric rows of the summary and comparison tables, in order.
pub const METRICS: [&str; 9] = [
    "total_benefits",
    "total_costs",
    "net_total",
    "pv_benefits",
    "pv_costs",
    "npv",
    "roi",
    "payback_months",
    "irr_annual",
];

/// One metric of a view as written in CSV: money 2 places, ROI and IRR 6,
/// payback 2; an undefined figure is an empty cell.
#[must_use]
pub fn metric_cell(f: &Figures, metric: &str) -> String {
    match metric {
        "total_benefits" => money(f.total_benefits),
        "total_costs" => money(f.total_costs),
        "net_total" => money(f.net_total),
        "pv_benefits" => money(f.pv_benefits),
        "pv_costs" => money(f.pv_costs),
        "npv" => money(f.npv),
        "roi" => f.roi.map(|v| fixed(v, 6)).unwrap_or_default(),
        "payback_months" => f.payback_months.map(|v| fixed(v, 2)).unwrap_or_default(),
        "irr_annual" => f.irr_annual.map(|v| fixed(v, 6)).unwrap_or_default(),
        _ => String::new(),
    }
}

/// The monthly table of one view, months 0..=H.
#[must_use]
pub fn monthly_csv(results: &Results, view: View) -> String {
    let v = &results.view(view).table;
    let mut w = writer();
    let mut header = vec!["month_index".to_owned(), "month".to_owned()];
    header.extend(v.benefit_rows.iter().map(|r| guard(&r.key)));
    header.push("total_benefits".into());
    header.extend(v.cost_rows.iter().map(|r| guard(&r.key)));
    header.extend(["total_costs".into(), "net".into(), "cumulative".into()]);
    let split = results.declares_capacity.then(|| cash_rows(v));
    if split.is_some() {
        header.extend(CASH_COLUMNS.map(str::to_owned));
    }
    let _ = w.write_record(&header);
    for t in 0..=results.horizon_months {
        let i = t as usize;
        let mut record = vec![t.to_string(), results.month_label(t)];
        record.extend(v.benefit_rows.iter().map(|r| money(r.cells[i])));
        record.push(money(v.benefits[i]));
        record.extend(v.cost_rows.iter().map(|r| money(r.cells[i])));
        record.extend([money(v.costs[i]), money(v.net[i]), money(v.cumulative[i])]);
        if let Some(c) = &split {
            record.extend([
                money(c.cash_benefits[i]),
                money(c.capacity_benefits[i]),
                money(c.cash_net[i]),
                money(c.cash_cumulative[i]),
            ]);
        }
        let _ = w.write_record(&record);
    }
    finish(w)
}

/// The summary of both views.
#[must_use]
pub fn summary_csv(results: &Results) -> String {
    let mut w = writer();
    let _ = w.write_record(["metric", "unadjusted", "risk_adjusted"]);
    for metric in METRICS {
        let _ = w.write_record([
            metric.to_owned(),
            metric_cell(&results.unadjusted.figures, metric),
            metric_cell(&results.adjusted.figures, metric),
        ]);
    }
    if results.declares_capacity {
        for metric in CASH_METRICS {
            let _ = w.write_record([
                metric.to_owned(),
                cash_cell(&results.unadjusted.cash, metric),
                cash_cell(&results.adjusted.cash, metric),
            ]);
        }
    }
    finish(w)
}

/// The columns the monthly table ends with when the file declares capacity
/// (MODEL.md 11.2).
pub const CASH_COLUMNS: [&str; 4] = [
    "cash_benefits",
    "capacity_benefits",
    "cash_net",
    "cash_cumulative",
];

/// The rows the summary ends with when the file declares capacity.
pub const CASH_METRICS: [&str; 5] = [
    "cash_benefits",
    "capacity_benefits",
    "cash_pv_benefits",
    "cash_npv",
    "cash_payback_months",
];

/// One cash figure as written in CSV.
#[must_use]
pub fn cash_cell(f: &CashFigures, metric: &str) -> String {
    match metric {
        "cash_benefits" => money(f.cash_benefits),
        "capacity_benefits" => money(f.capacity_benefits),
        "cash_pv_benefits" => money(f.cash_pv_benefits),
        "cash_npv" => money(f.cash_npv),
        "cash_payback_months" => f
            .cash_payback_months
            .map(|v| fixed(v, 2))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// Column names for scenarios in order: a name already used by an earlier
/// column gets ` (2)`, ` (3)`... appended.
#[must_use]
pub fn unique_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let mut candidate = name.to_owned();
        let mut n = 2;
        while out.contains(&candidate) {
            candidate = format!("{name} ({n})");
            n += 1;
        }
        out.push(candidate);
    }
    out
}

/// The risk-adjusted figures of several scenarios, one column each.
#[must_use]
pub fn comparison_csv(scenarios: &[(&str, &Results)]) -> String {
    let mut w = writer();
    let mut header = vec!["metric".to_owned()];
    header.extend(
        unique_names(scenarios.iter().map(|(n, _)| *n))
            .iter()
            .map(|n| guard(n)),
    );
    let _ = w.write_record(&header);
    for metric in METRICS {
        let mut record = vec![metric.to_owned()];
        record.extend(
            scenarios
                .iter()
                .map(|(_, r)| metric_cell(&r.adjusted.figures, metric)),
        );
        let _ = w.write_record(&record);
    }
    if scenarios.iter().any(|(_, r)| r.declares_capacity) {
        for metric in ["cash_npv", "cash_payback_months"] {
            let mut record = vec![metric.to_owned()];
            record.extend(scenarios.iter().map(|(_, r)| {
                if r.declares_capacity {
                    cash_cell(&r.adjusted.cash, metric)
                } else {
                    String::new()
                }
            }));
            let _ = w.write_record(&record);
        }
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guard_prefixes_formula_starts_only() {
        for bad in ["=SUM(A1)", "+1", "-x", "@cmd", "\tx", "\rx"] {
            assert_eq!(guard(bad), format!("'{bad}"));
        }
        assert_eq!(guard("Plain name"), "Plain name");
        assert_eq!(guard("a=b"), "a=b");
    }

    #[test]
    fn repeated_names_are_numbered() {
        assert_eq!(
            unique_names(["A", "B", "A", "A", "A (2)"]),
            ["A", "B", "A (2)", "A (3)", "A (2) (2)"]
        );
    }
}
