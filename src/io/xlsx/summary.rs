//! The Annual sheets (year sums, discount factors, present values) and the
//! Summary sheet (the figures of MODEL.md 3.6 as formulas).

use rust_xlsxwriter::{Format, Note, Worksheet, XlsxError};

use super::monthly::Layout;
use super::{FIRST_ROW, Formats, SUMMARY, annual_sheet, c16, col, monthly_sheet, quoted, r32};
use crate::io::csv_out::{CASH_METRICS, METRICS};
use crate::model::{Results, Scenario, View};

// The columns of an Annual sheet.
const YEAR: u16 = 0;
const BENEFITS: u16 = 1;
const COSTS: u16 = 2;
const NET: u16 = 3;
const CUMULATIVE: u16 = 4;
const FACTOR: u16 = 5;
const PV_BENEFITS: u16 = 6;
const PV_COSTS: u16 = 7;
const PV_NET: u16 = 8;

/// The number of years of the Annual sheet: year 0 then `ceil(H / 12)`.
fn years(horizon: u32) -> u32 {
    horizon.div_ceil(12) + 1
}

/// The months of year `y`: 0 for year 0, else `12 (y - 1) + 1 ..= min(12 y, H)`.
fn months(y: u32, horizon: u32) -> (u32, u32) {
    if y == 0 {
        (0, 0)
    } else {
        (12 * (y - 1) + 1, (12 * y).min(horizon))
    }
}

const PV_NOTE: &str = "Annual discounting: the year's sum x 1/(1+r)^Y. Monthly: the sum over its months of cell x 1/(1+r)^(t/12) (the Monthly sheet's discount factor).";

/// The Annual sheet of `view`.
pub fn annual(view: View, layout: &Layout, f: &Formats) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(annual_sheet(view))?;
    for (c, label, key) in [
        (YEAR, "Year Y", "year"),
        (BENEFITS, "Benefits", "benefits"),
        (COSTS, "Costs", "costs"),
        (NET, "Net", "net"),
        (CUMULATIVE, "Cumulative", "cumulative"),
        (FACTOR, "Discount factor 1/(1+r)^Y", "discount_factor"),
        (PV_BENEFITS, "PV of benefits", "pv_benefits"),
        (PV_COSTS, "PV of costs", "pv_costs"),
        (PV_NET, "PV of net", "present_value"),
    ] {
        ws.write_string_with_format(0, c, label, &f.header)?;
        ws.write_string_with_format(1, c, key, &f.key)?;
    }
    ws.insert_note(0, PV_BENEFITS, &Note::new(PV_NOTE).add_author_prefix(false))?;
    let monthly = quoted(monthly_sheet(view));
    let range = |c: u16, (first, last): (u32, u32)| {
        format!(
            "{monthly}!{col}{}:{col}{}",
            Layout::row(first) + 1,
            Layout::row(last) + 1,
            col = col(c)
        )
    };
    for y in 0..years(layout.horizon) {
        let row = FIRST_ROW + y;
        let r = row + 1;
        let span = months(y, layout.horizon);
        ws.write_number(row, YEAR, f64::from(y))?;
        ws.write_formula_with_format(
            row,
            BENEFITS,
            format!("=SUM({})", range(layout.benefits, span)).as_str(),
            &f.money,
        )?;
        ws.write_formula_with_format(
            row,
            COSTS,
            format!("=SUM({})", range(layout.costs, span)).as_str(),
            &f.money,
        )?;
        ws.write_formula_with_format(row, NET, format!("=B{r}-C{r}").as_str(), &f.money)?;
        ws.write_formula_with_format(
            row,
            CUMULATIVE,
            format!(
                "={monthly}!{}{}",
                col(layout.cumulative),
                Layout::row(span.1) + 1
            )
            .as_str(),
            &f.money,
        )?;
        ws.write_formula_with_format(
            row,
            FACTOR,
            format!("=1/POWER(1+in_discount_rate,A{r})").as_str(),
            &f.factor,
        )?;
        let discount = range(layout.discount, span);
        for (c, from) in [(PV_BENEFITS, layout.benefits), (PV_COSTS, layout.costs)] {
            let sum = if c == PV_BENEFITS { "B" } else { "C" };
            ws.write_formula_with_format(
                row,
                c,
                format!(
                    "=IF(in_discounting=\"Monthly\",SUMPRODUCT({},{discount}),{sum}{r}*F{r})",
                    range(from, span)
                )
                .as_str(),
                &f.money,
            )?;
        }
        ws.write_formula_with_format(row, PV_NET, format!("=G{r}-H{r}").as_str(), &f.money)?;
    }
    ws.set_column_range_width(0, PV_NET, 16)?;
    ws.set_freeze_panes(FIRST_ROW, 1)?;
    Ok(ws)
}

const IRR_NOTE: &str = "(1 + IRR(monthly net))^12 - 1, the spreadsheet's IRR() started from a monthly guess of 0. envroi takes the monthly root nearest zero in (-0.99, 10) and leaves the IRR undefined when there is none; where the net changes sign more than once there can be several roots, and IRR() may find another one.";
const PAYBACK_NOTE: &str = "0 when the cumulative never falls below zero; otherwise the Monthly sheet's payback once the cumulative has recovered; empty when it does not within the horizon.";

/// The Summary sheet: the rows of the summary CSV, both views.
pub fn summary(
    s: &Scenario,
    results: &Results,
    layouts: &[(View, Layout)],
    f: &Formats,
) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(SUMMARY)?;
    for (c, title) in ["metric", "unadjusted", "risk_adjusted"]
        .into_iter()
        .enumerate()
    {
        ws.write_string_with_format(0, c16(c), title, &f.header)?;
    }
    // The rows of METRICS, from sheet row 1 (A1 row 2).
    let at = |metric: &str| r32(METRICS.iter().position(|m| *m == metric).unwrap_or(0)) + 2;
    for (i, metric) in METRICS.iter().enumerate() {
        ws.write_string(r32(i) + 1, 0, *metric)?;
    }
    for (c, view) in [(1u16, View::Unadjusted), (2, View::Adjusted)] {
        let Some((_, layout)) = layouts.iter().find(|(v, _)| *v == view) else {
            continue;
        };
        let monthly = quoted(monthly_sheet(view));
        let annual = quoted(annual_sheet(view));
        let x = col(c);
        let (first, last) = (Layout::row(0) + 1, Layout::row(layout.horizon) + 1);
        let last_year = FIRST_ROW + years(layout.horizon);
        let month_sum =
            |column: u16| format!("=SUM({monthly}!{c}{first}:{c}{last})", c = col(column));
        let year_sum = |column: u16| {
            format!(
                "=SUM({annual}!{c}{}:{c}{last_year})",
                FIRST_ROW + 1,
                c = col(column)
            )
        };
        let formulas: [(&str, String, &Format); 9] = [
            ("total_benefits", month_sum(layout.benefits), &f.money),
            ("total_costs", month_sum(layout.costs), &f.money),
            (
                "net_total",
                format!("={x}{}-{x}{}", at("total_benefits"), at("total_costs")),
                &f.money,
            ),
            ("pv_benefits", year_sum(PV_BENEFITS), &f.money),
            ("pv_costs", year_sum(PV_COSTS), &f.money),
            (
                "npv",
                format!("={x}{}-{x}{}", at("pv_benefits"), at("pv_costs")),
                &f.money,
            ),
            (
                "roi",
                format!(
                    "=IF({x}{c}=0,\"\",{x}{n}/{x}{c})",
                    c = at("pv_costs"),
                    n = at("npv")
                ),
                &f.fraction,
            ),
            (
                "payback_months",
                format!(
                    "=IF({monthly}!{d}{last}=0,0,IF({monthly}!{p}{last}>=0,{monthly}!{p}{last},\"\"))",
                    d = col(layout.deficit),
                    p = col(layout.payback)
                ),
                &f.months,
            ),
            (
                "irr_annual",
                format!(
                    "=IFERROR((1+IRR({monthly}!{n}{first}:{n}{last},0))^12-1,\"\")",
                    n = col(layout.net)
                ),
                &f.fraction,
            ),
        ];
        for (metric, formula, format) in formulas {
            ws.write_formula_with_format(at(metric) - 1, c, formula.as_str(), format)?;
        }
        if let Some(cash) = layout.cash {
            let first_cash = r32(METRICS.len()) + 1;
            let month_range =
                |column: u16| format!("{monthly}!{c}{first}:{c}{last}", c = col(column));
            let cash_row = |metric: &str| {
                first_cash + r32(CASH_METRICS.iter().position(|m| *m == metric).unwrap_or(0)) + 1
            };
            let formulas: [(&str, String, &Format); 5] = [
                ("cash_benefits", month_sum(cash), &f.money),
                ("capacity_benefits", month_sum(cash + 1), &f.money),
                (
                    "cash_pv_benefits",
                    format!(
                        "=SUMPRODUCT({},{})",
                        month_range(cash),
                        month_range(layout.discount)
                    ),
                    &f.money,
                ),
                (
                    "cash_npv",
                    format!("={x}{}-{x}{}", cash_row("cash_pv_benefits"), at("pv_costs")),
                    &f.money,
                ),
                (
                    "cash_payback_months",
                    format!(
                        "=IF({monthly}!{d}{last}=0,0,IF({monthly}!{p}{last}>=0,{monthly}!{p}{last},\"\"))",
                        d = col(cash + 4),
                        p = col(cash + 5)
                    ),
                    &f.months,
                ),
            ];
            for (metric, formula, format) in formulas {
                ws.write_formula_with_format(cash_row(metric) - 1, c, formula.as_str(), format)?;
            }
        }
        let figures = &results.view(view).figures;
        let mut irr_note = IRR_NOTE.to_owned();
        if figures.irr_annual.is_some() && !figures.irr_unique {
            irr_note.push_str(" envroi found more than one root for this view's net.");
        }
        ws.insert_note(
            at("irr_annual") - 1,
            c,
            &Note::new(irr_note).add_author_prefix(false),
        )?;
        ws.insert_note(
            at("payback_months") - 1,
            c,
            &Note::new(PAYBACK_NOTE).add_author_prefix(false),
        )?;
    }
    let cash_rows = if layouts.iter().any(|(_, l)| l.cash.is_some()) {
        for (i, metric) in CASH_METRICS.iter().enumerate() {
            ws.write_string(r32(METRICS.len() + i) + 1, 0, *metric)?;
        }
        CASH_METRICS.len()
    } else {
        0
    };
    let info = r32(METRICS.len() + cash_rows) + 2;
    ws.write_string(info, 0, "Scenario")?;
    ws.write_string(info, 1, &s.name)?;
    ws.write_string(info + 1, 0, "Currency")?;
    ws.write_string(info + 1, 1, &s.currency)?;
    ws.write_string(info + 2, 0, "Made by")?;
    ws.write_string(info + 2, 1, concat!("envroi ", env!("CARGO_PKG_VERSION")))?;
    ws.write_string(
        info + 3,
        0,
        "Every figure is a formula on the Inputs sheet: change an input and the case recalculates.",
    )?;
    ws.set_column_width(0, 18)?;
    ws.set_column_range_width(1, 2, 18)?;
    Ok(ws)
}
