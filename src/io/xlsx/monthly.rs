//! The Monthly sheet of one view: months 0..=H as rows, the ramp, every
//! benefit and cost cell (MODEL.md 3.1 to 3.5) as formulas on the Inputs
//! names, rounded once with `ROUND(...,2)`; totals, net and cumulative as
//! sums; the discount factor and the payback helpers the Annual and
//! Summary sheets read.

use std::fmt::Write as _;

use rust_xlsxwriter::{Note, Worksheet, XlsxError};

use super::inputs::{Names, annual_saving, custom_programme};
use super::{FIRST_ROW, Formats, c16, cell, col, monthly_sheet};
use crate::model::cash::declares_capacity;
use crate::model::category::Category;
use crate::model::scenario::{Cost, Nature};
use crate::model::schedule::SYNERGY_LABEL;
use crate::model::{Scenario, View, month_label};

/// Where the columns of a Monthly sheet are (0-based), for the sheets that
/// read it.
pub struct Layout {
    /// `H`: the sheet has rows for months 0..=H from [`FIRST_ROW`].
    pub horizon: u32,
    /// `total_benefits`.
    pub benefits: u16,
    /// `total_costs`.
    pub costs: u16,
    /// `net`.
    pub net: u16,
    /// `cumulative`.
    pub cumulative: u16,
    /// The discount factor of each month.
    pub discount: u16,
    /// 1 once the cumulative has been below zero.
    pub deficit: u16,
    /// The payback so far, -1 until the cumulative recovers.
    pub payback: u16,
    /// The first of the cash columns (MODEL.md 11.2), when the file
    /// declares capacity: `cash_benefits`, `capacity_benefits`,
    /// `cash_net`, `cash_cumulative`, then the cash payback helpers.
    pub cash: Option<u16>,
}

impl Layout {
    /// The 0-based row of month `t`.
    pub fn row(t: u32) -> u32 {
        FIRST_ROW + t
    }
}

// The fixed columns.
const T: u16 = 0;
const MONTH: u16 = 1;
const YEAR: u16 = 2;
const F_TEM: u16 = 3;
const F_TDM: u16 = 4;
const F_NONE: u16 = 5;
const FIRST_LINE: u16 = 6;

/// `f(t)` of one programme (MODEL.md 3.1) in row `r` (A1 row number).
fn ramp(key: &str, r: u32) -> String {
    let s = format!("in_{key}_go_live_month");
    let p = format!("in_{key}_pilot_months");
    let c = format!("in_{key}_pilot_coverage");
    let rr = format!("in_{key}_rollout_months");
    format!(
        "=IF(OR(NOT(in_{key}_enabled),$A{r}<={s}),0,IF($A{r}-{s}<={p},{c},IF($A{r}-{s}<={p}+{rr},{c}+(1-{c})*($A{r}-{s}-{p})/{rr},1)))"
    )
}

/// A benefit line of the sheet: how its `A`, growth, risk and ramp are
/// named.
struct Line {
    label: String,
    key: String,
    annual: String,
    growth: String,
    risk: String,
    /// The ramp of the row, with `{r}` for the row number.
    ramp: String,
    /// For the synergy base: `None` for a category (always in the base),
    /// the programme cell's name for a custom line.
    custom_programme: Option<String>,
    /// Cash or capacity (MODEL.md 11.2).
    nature: Nature,
}

fn lines(s: &Scenario, names: &Names) -> Vec<Line> {
    let mut out = Vec::new();
    for category in Category::present(&s.benefits) {
        let path = |field: &str| format!("benefits.{}.{field}", category.key());
        let mut annual = annual_saving(category);
        if category.recapture(&s.benefits).is_some() {
            annual = format!("{annual}*{}", names.of(&path("recapture")));
        }
        let ramp = match category.programme() {
            crate::model::scenario::ProgrammeRef::Tem => "$D{r}",
            crate::model::scenario::ProgrammeRef::Tdm => "$E{r}",
            crate::model::scenario::ProgrammeRef::None => "$F{r}",
        };
        out.push(Line {
            label: category.label().into(),
            key: category.key().into(),
            annual,
            growth: names.of(&path("growth")).into(),
            risk: names.of(&path("risk")).into(),
            ramp: ramp.into(),
            custom_programme: None,
            nature: category.nature(),
        });
    }
    for (i, line) in s.benefits.custom.iter().enumerate() {
        let path = |field: &str| format!("custom.{}.{field}", line.name);
        let programme = custom_programme(i + 1);
        let mut annual = names.of(&path("annual_amount")).to_owned();
        if line.recapture.is_some() && line.nature == Some(Nature::Capacity) {
            annual = format!("{annual}*{}", names.of(&path("recapture")));
        }
        out.push(Line {
            label: line.name.clone(),
            key: format!("custom:{}", line.name),
            annual,
            growth: names.of(&path("growth")).into(),
            risk: names.of(&path("risk")).into(),
            ramp: format!(
                "IF({programme}=\"Tem\",$D{{r}},IF({programme}=\"Tdm\",$E{{r}},$F{{r}}))"
            ),
            custom_programme: Some(programme),
            nature: line.nature.unwrap_or_default(),
        });
    }
    out
}

/// A benefit cell (MODEL.md 3.2).
fn benefit_formula(line: &Line, view: View, r: u32) -> String {
    let keep = match view {
        View::Adjusted => format!("*(1-{})", line.risk),
        View::Unadjusted => String::new(),
    };
    let ramp = line.ramp.replace("{r}", &r.to_string());
    format!(
        "=ROUND({}*POWER(1+{},$C{r}){keep}*{ramp}/12,2)",
        line.annual, line.growth
    )
}

/// A cost cell (MODEL.md 3.3); `n` is the cost's 1-based number.
fn cost_formula(cost: &Cost, n: usize, view: View, r: u32) -> String {
    let name = |field: &str| format!("in_cost_{n}_{field}");
    let uplift = match view {
        View::Adjusted => format!("*(1+{})", name("risk")),
        View::Unadjusted => String::new(),
    };
    match cost {
        Cost::OneOff { .. } => format!(
            "=IF($A{r}={},ROUND({}{uplift},2),0)",
            name("month"),
            name("amount")
        ),
        Cost::Recurring { .. } => format!(
            "=IF(AND($A{r}>=MAX(1,{}),$A{r}<={}),ROUND({}*POWER(1+{},$C{r}){uplift}/12,2),0)",
            name("start_month"),
            name("end_month"),
            name("annual_amount"),
            name("growth")
        ),
    }
}

const ROUND_NOTE: &str = "Each cell is one ROUND(...,2) of its formula, as MODEL.md section 3 rounds; totals are sums of cells.";
const PAYBACK_NOTE: &str = "-1 until the cumulative, having been below zero, is back at or above zero; then the months to pay back, (t - 1) + (-cumulative(t - 1)) / net(t), kept for every later month.";
const DEFICIT_NOTE: &str = "1 once the cumulative has been below zero (compared at the cent: ROUND(...,2) only clears the floating-point noise of the sum).";

/// The columns of one cumulative and its payback helpers.
#[derive(Clone, Copy)]
struct PaybackColumns {
    net: u16,
    cumulative: u16,
    deficit: u16,
    payback: u16,
}

/// Month `t`'s cumulative, "below zero so far" and "payback so far"
/// (MODEL.md 3.6) on the net in `c.net`.
fn payback_cells(
    ws: &mut Worksheet,
    t: u32,
    c: PaybackColumns,
    f: &Formats,
) -> Result<(), XlsxError> {
    let row = Layout::row(t);
    let r = row + 1;
    let (net, cum) = (cell(row, c.net), cell(row, c.cumulative));
    let (deficit, payback) = (col(c.deficit), col(c.payback));
    if t == 0 {
        ws.write_formula_with_format(row, c.cumulative, format!("={net}").as_str(), &f.money)?;
        ws.write_formula(
            row,
            c.deficit,
            format!("=IF(ROUND({cum},2)<0,1,0)").as_str(),
        )?;
        ws.write_number_with_format(row, c.payback, -1.0, &f.months)?;
    } else {
        let before = cell(row - 1, c.cumulative);
        ws.write_formula_with_format(
            row,
            c.cumulative,
            format!("={before}+{net}").as_str(),
            &f.money,
        )?;
        ws.write_formula(
            row,
            c.deficit,
            format!("=IF(OR({deficit}{p}=1,ROUND({cum},2)<0),1,0)", p = r - 1).as_str(),
        )?;
        ws.write_formula_with_format(
            row,
            c.payback,
            format!(
                "=IF({payback}{p}>=0,{payback}{p},IF(AND({deficit}{p}=1,ROUND({cum},2)>=0),$A{r}-1+(-{before})/{net},-1))",
                p = r - 1
            )
            .as_str(),
            &f.months,
        )?;
    }
    Ok(())
}

/// Month `t`'s cash columns (MODEL.md 11.2), from column `cash` on.
fn cash_cells(
    ws: &mut Worksheet,
    t: u32,
    cash: u16,
    lines: &[Line],
    layout: &Layout,
    f: &Formats,
) -> Result<(), XlsxError> {
    let row = Layout::row(t);
    let cash_lines: Vec<String> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.nature == Nature::Cash)
        .map(|(i, _)| cell(row, FIRST_LINE + c16(i)))
        .collect();
    let cash_sum = if cash_lines.is_empty() {
        "=0".to_owned()
    } else {
        format!("=SUM({})", cash_lines.join(","))
    };
    let (cb, b, c) = (
        cell(row, cash),
        cell(row, layout.benefits),
        cell(row, layout.costs),
    );
    for (column, formula) in [
        (cash, cash_sum),
        (cash + 1, format!("={b}-{cb}")),
        (cash + 2, format!("={cb}-{c}")),
    ] {
        ws.write_formula_with_format(row, column, formula.as_str(), &f.money)?;
    }
    let helpers = PaybackColumns {
        net: cash + 2,
        cumulative: cash + 3,
        deficit: cash + 4,
        payback: cash + 5,
    };
    payback_cells(ws, t, helpers, f)
}

/// The Monthly sheet of `view` and where its columns are.
pub fn sheet(
    s: &Scenario,
    view: View,
    names: &Names,
    f: &Formats,
) -> Result<(Worksheet, Layout), XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(monthly_sheet(view))?;
    let lines = lines(s, names);
    let synergy = FIRST_LINE + c16(lines.len());
    let benefits = synergy + 1;
    let first_cost = benefits + 1;
    let costs = first_cost + c16(s.costs.len());
    let layout = Layout {
        horizon: s.horizon_months,
        benefits,
        costs,
        net: costs + 1,
        cumulative: costs + 2,
        discount: costs + 3,
        deficit: costs + 4,
        payback: costs + 5,
        cash: declares_capacity(s).then_some(costs + 6),
    };
    let mut headers: Vec<(u16, String, String)> = vec![
        (T, "Month index t".into(), "month_index".into()),
        (MONTH, "Month".into(), "month".into()),
        (YEAR, "Escalation year y".into(), "escalation_year".into()),
        (F_TEM, "TEM ramp f(t)".into(), "f_tem".into()),
        (F_TDM, "TDM ramp f(t)".into(), "f_tdm".into()),
        (F_NONE, "No programme f(t)".into(), "f_none".into()),
    ];
    for (i, line) in lines.iter().enumerate() {
        headers.push((FIRST_LINE + c16(i), line.label.clone(), line.key.clone()));
    }
    headers.push((synergy, SYNERGY_LABEL.into(), "synergy".into()));
    headers.push((benefits, "Total benefits".into(), "total_benefits".into()));
    for (i, cost) in s.costs.iter().enumerate() {
        headers.push((
            first_cost + c16(i),
            cost.name().into(),
            format!("cost:{}", cost.name()),
        ));
    }
    for (c, label, key) in [
        (layout.costs, "Total costs", "total_costs"),
        (layout.net, "Net", "net"),
        (layout.cumulative, "Cumulative", "cumulative"),
        (layout.discount, "Discount factor", "discount_factor"),
        (layout.deficit, "Below zero so far", "deficit_seen"),
        (layout.payback, "Payback so far", "payback_months"),
    ] {
        headers.push((c, label.into(), key.into()));
    }
    if let Some(cash) = layout.cash {
        for (i, (label, key)) in [
            ("Cash benefits", "cash_benefits"),
            ("Capacity benefits", "capacity_benefits"),
            ("Cash net", "cash_net"),
            ("Cash cumulative", "cash_cumulative"),
            ("Cash below zero so far", "cash_deficit_seen"),
            ("Cash payback so far", "cash_payback_months"),
        ]
        .into_iter()
        .enumerate()
        {
            headers.push((cash + c16(i), label.into(), key.into()));
        }
    }
    for (c, label, key) in &headers {
        ws.write_string_with_format(0, *c, label, &f.header)?;
        ws.write_string_with_format(1, *c, key, &f.key)?;
    }
    ws.insert_note(
        0,
        FIRST_LINE,
        &Note::new(ROUND_NOTE).add_author_prefix(false),
    )?;
    ws.insert_note(
        0,
        layout.deficit,
        &Note::new(DEFICIT_NOTE).add_author_prefix(false),
    )?;
    ws.insert_note(
        0,
        layout.payback,
        &Note::new(PAYBACK_NOTE).add_author_prefix(false),
    )?;

    let synergy_base = {
        let first = col(FIRST_LINE);
        let last = col(FIRST_LINE + c16(Category::present(&s.benefits).count()) - 1);
        let mut base = format!("SUM({first}{{r}}:{last}{{r}})");
        for (i, line) in lines.iter().enumerate() {
            if let Some(programme) = &line.custom_programme {
                let _ = write!(
                    base,
                    "+IF({programme}<>\"None\",{}{{r}},0)",
                    col(FIRST_LINE + c16(i))
                );
            }
        }
        base
    };
    let sum = |from: u16, to: u16, r: u32| {
        if from > to {
            "=0".to_owned()
        } else {
            format!("=SUM({}{r}:{}{r})", col(from), col(to))
        }
    };
    for t in 0..=s.horizon_months {
        let row = Layout::row(t);
        let r = row + 1;
        ws.write_number(row, T, f64::from(t))?;
        ws.write_string(row, MONTH, month_label(s.start, t))?;
        ws.write_formula(
            row,
            YEAR,
            format!("=IF($A{r}=0,0,INT(($A{r}-1)/12))").as_str(),
        )?;
        ws.write_formula_with_format(row, F_TEM, ramp("tem", r).as_str(), &f.fraction)?;
        ws.write_formula_with_format(row, F_TDM, ramp("tdm", r).as_str(), &f.fraction)?;
        ws.write_formula(row, F_NONE, format!("=IF($A{r}=0,0,1)").as_str())?;
        for (i, line) in lines.iter().enumerate() {
            let formula = benefit_formula(line, view, r);
            ws.write_formula_with_format(row, FIRST_LINE + c16(i), formula.as_str(), &f.money)?;
        }
        let base = synergy_base.replace("{r}", &r.to_string());
        ws.write_formula_with_format(
            row,
            synergy,
            format!(
                "=IF(AND(in_tem_enabled,in_tdm_enabled),ROUND(in_synergy_uplift*({base}),2),0)"
            )
            .as_str(),
            &f.money,
        )?;
        ws.write_formula_with_format(
            row,
            benefits,
            sum(FIRST_LINE, synergy, r).as_str(),
            &f.money,
        )?;
        for (i, cost) in s.costs.iter().enumerate() {
            let formula = cost_formula(cost, i + 1, view, r);
            ws.write_formula_with_format(row, first_cost + c16(i), formula.as_str(), &f.money)?;
        }
        ws.write_formula_with_format(
            row,
            layout.costs,
            sum(first_cost, layout.costs - 1, r).as_str(),
            &f.money,
        )?;
        let (b, c) = (cell(row, benefits), cell(row, layout.costs));
        ws.write_formula_with_format(row, layout.net, format!("={b}-{c}").as_str(), &f.money)?;
        let headline = PaybackColumns {
            net: layout.net,
            cumulative: layout.cumulative,
            deficit: layout.deficit,
            payback: layout.payback,
        };
        payback_cells(&mut ws, t, headline, f)?;
        if let Some(cash) = layout.cash {
            cash_cells(&mut ws, t, cash, &lines, &layout, f)?;
        }
        ws.write_formula_with_format(
            row,
            layout.discount,
            format!(
                "=1/POWER(1+in_discount_rate,IF(in_discounting=\"Monthly\",$A{r}/12,ROUNDUP($A{r}/12,0)))"
            )
            .as_str(),
            &f.factor,
        )?;
    }
    ws.set_column_width(MONTH, 9)?;
    ws.set_column_range_width(FIRST_LINE, layout.cumulative, 14)?;
    ws.set_freeze_panes(FIRST_ROW, FIRST_LINE)?;
    Ok((ws, layout))
}
