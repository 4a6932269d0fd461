//! The sections of one scenario's business case, in reading order:
//! (a) executive summary, (b) financial summary in the TEI layout,
//! (c) benefits, (d) costs, (e) payback curve, (f) risk, (g) assumption
//! register, (h) method.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::page::{Cell, esc, link, name, num, table, text};
use super::{CHART_SIZE, Case};
use crate::chart::payback_chart;
use crate::format::{
    formulas, input_value, money, money_whole, payback as payback_text, percent_or,
};
use crate::io::png::render_svg;
use crate::model::analysis::register::{KEY_INPUTS, UNCONFIRMED};
use crate::model::analysis::{RegisterRow, register as register_rows, unconfirmed_key_inputs};
use crate::model::category::Category;
use crate::model::decimal::grouped;
use crate::model::inputs::{self, Unit};
use crate::model::{Assumption, Cost, Discounting, Figures, Scenario, View, YearRow};

/// The register of a case, with the swings of its tornado.
pub(super) fn rows_of(case: &Case<'_>) -> Vec<RegisterRow> {
    register_rows(case.scenario, case.analyses.tornado.as_ref())
}

fn signed(class_of: Decimal, html: &str) -> String {
    let class = if class_of.is_sign_negative() && !class_of.is_zero() {
        "neg"
    } else {
        "pos"
    };
    format!("<span class=\"{class}\">{html}</span>")
}

/// (a) What is proposed, what it costs and returns, how sure it is.
pub fn summary(out: &mut String, case: &Case<'_>, date: Option<&str>) {
    let s = case.scenario;
    let c = s.currency.as_str();
    let _ = write!(
        out,
        "<section class=\"summary\">\n<p class=\"note\">Business case</p><h1>{}</h1>\n",
        name(&s.name)
    );
    if !s.description.is_empty() {
        let _ = writeln!(out, "<p class=\"lede\">{}</p>", esc(&s.description));
    }
    let programmes: Vec<&str> = [
        (s.tem.enabled, "Test Environment Management (TEM)"),
        (s.tdm.enabled, "Test Data Management (TDM)"),
    ]
    .into_iter()
    .filter_map(|(on, label)| on.then_some(label))
    .collect();
    out.push_str("<dl class=\"facts\">");
    let _ = write!(
        out,
        "<dt>Proposed</dt><dd>{}</dd>",
        if programmes.is_empty() {
            "no programme enabled (custom lines only)".to_owned()
        } else {
            programmes.join(" and ")
        }
    );
    let _ = write!(
        out,
        "<dt>Start</dt><dd>{}</dd><dt>Horizon</dt><dd>{} months</dd><dt>Currency</dt><dd>{}</dd>",
        s.start,
        s.horizon_months,
        esc(c)
    );
    if let Some(date) = date {
        let _ = write!(out, "<dt>Date</dt><dd>{}</dd>", esc(date));
    }
    out.push_str("</dl>\n");
    let (a, u) = (
        &case.results.adjusted.figures,
        &case.results.unadjusted.figures,
    );
    let row =
        |label: &str, f: &dyn Fn(&Figures) -> String| (vec![text(label), num(f(a)), num(f(u))], "");
    let mut rows = vec![
        row("Investment (present value of costs)", &|f| {
            money_whole(c, f.pv_costs)
        }),
        row("Present value of benefits", &|f| {
            money_whole(c, f.pv_benefits)
        }),
        row("Net present value (NPV)", &|f| {
            signed(f.npv, &money_whole(c, f.npv))
        }),
        row("Return on investment (ROI)", &|f| {
            percent_or(f.roi, "undefined (no costs)")
        }),
        row("Payback", &|f| payback_text(f.payback_months)),
        row("Internal rate of return (IRR, annual)", &|f| {
            percent_or(f.irr_annual, "undefined")
        }),
    ];
    if case.results.declares_capacity {
        rows.extend(cash_rows(case));
    }
    table(
        out,
        "headline",
        &[text(""), num("Risk-adjusted"), num("Unadjusted")],
        &rows,
    );
    if case.results.declares_capacity {
        cash_paragraph(out, case);
    }
    if let Some(mc) = &case.analyses.monte_carlo {
        let _ = writeln!(
            out,
            "<p>Monte Carlo ({} trials, seed {}, {} uncertain inputs): risk-adjusted NPV P10 {}, P50 {}, P90 {}; probability that NPV &gt; 0: {}.</p>",
            grouped(Decimal::from(mc.trials), 0),
            mc.seed,
            mc.uncertain_inputs,
            money_whole(c, mc.npv.p10),
            money_whole(c, mc.npv.p50),
            money_whole(c, mc.npv.p90),
            crate::format::percent(mc.prob_npv_positive, 1)
        );
    }
    let rows = rows_of(case);
    let widest: Vec<&RegisterRow> = rows
        .iter()
        .filter(|r| r.swing.is_some_and(|v| !v.is_zero()))
        .take(3)
        .collect();
    if !widest.is_empty() {
        out.push_str("<p>The inputs that move the NPV most:</p><ol>");
        for r in &widest {
            let _ = write!(
                out,
                "<li>{}: NPV swing {}{}</li>",
                name(&r.label),
                money_whole(c, r.swing.unwrap_or_default()),
                evidence_phrase(r.record.as_ref())
            );
        }
        out.push_str("</ol>\n");
    }
    let weak = unconfirmed_key_inputs(&rows, &UNCONFIRMED);
    if weak.is_empty() {
        let _ = writeln!(
            out,
            "<p>All {KEY_INPUTS} inputs with the widest NPV swing have evidence records held with medium or high confidence.</p>"
        );
    } else {
        let names: Vec<String> = weak.iter().map(|r| name(&r.label)).collect();
        let _ = writeln!(
            out,
            "<p class=\"warn\">{} of the {KEY_INPUTS} inputs with the widest NPV swing {} unconfirmed (no evidence record, a placeholder or low confidence): {}.</p>",
            weak.len(),
            if weak.len() == 1 { "is" } else { "are" },
            names.join(", ")
        );
    }
    out.push_str("</section>\n");
}

/// ", Benchmarked, Medium confidence" or ", no evidence record".
fn evidence_phrase(record: Option<&Assumption>) -> String {
    match record {
        None => " (no evidence record)".to_owned(),
        Some(r) => format!(" ({}, {} confidence)", r.evidence.key(), r.confidence.key()),
    }
}

/// (b) The TEI table: Initial, Year 1..N, Total, Present value.
/// The cash-only rows of the headline table (MODEL.md 11.2).
fn cash_rows(case: &Case<'_>) -> Vec<(Vec<Cell>, &'static str)> {
    let c = case.scenario.currency.as_str();
    let (a, u) = (&case.results.adjusted.cash, &case.results.unadjusted.cash);
    vec![
        (
            vec![
                text("NPV, cash only"),
                num(signed(a.cash_npv, &money_whole(c, a.cash_npv))),
                num(signed(u.cash_npv, &money_whole(c, u.cash_npv))),
            ],
            "",
        ),
        (
            vec![
                text("Payback, cash only"),
                num(payback_text(a.cash_payback_months)),
                num(payback_text(u.cash_payback_months)),
            ],
            "",
        ),
    ]
}

/// How much of the case is cash, and the capacity it frees but does not
/// count.
fn cash_paragraph(out: &mut String, case: &Case<'_>) {
    let c = case.scenario.currency.as_str();
    let v = &case.results.adjusted;
    let total = v.figures.total_benefits;
    let share = if total.is_zero() {
        String::new()
    } else {
        format!(
            " ({} of the risk-adjusted benefits)",
            crate::format::percent(v.cash.cash_benefits / total, 0)
        )
    };
    let _ = writeln!(
        out,
        "<p>Cash (spend removed: servers, licences, storage, services bought in, breach losses avoided): {}{share}; recaptured capacity (people's time turned into money by redeployment or hiring avoided) and synergy: {}.</p>",
        money_whole(c, v.cash.cash_benefits),
        money_whole(c, v.cash.capacity_benefits),
    );
    let freed: Vec<String> = crate::model::cash::freed_capacity(case.scenario)
        .into_iter()
        .filter(|f| !f.value.is_zero())
        .map(|f| {
            let amount = f.amount(|v| money_whole(c, v));
            format!(
                "{} {amount} a year ({} recaptured)",
                esc(&f.label),
                crate::format::percent(f.recapture, 0)
            )
        })
        .collect();
    if !freed.is_empty() {
        let _ = writeln!(
            out,
            "<p>Freed capacity not counted as money, at full realisation: {}.</p>",
            freed.join("; ")
        );
    }
}

pub fn financial(out: &mut String, case: &Case<'_>) {
    let c = case.scenario.currency.as_str();
    out.push_str("<section>\n<h2>Financial summary</h2>\n");
    let _ = writeln!(
        out,
        "<p class=\"note\">In {}. Initial is the upfront instant (month 0); each year sums its months; present values discount at {} a year ({}).</p>",
        esc(c),
        crate::format::percent(case.scenario.discount_rate, 2),
        discounting_words(case.scenario.discounting)
    );
    for view in View::ALL {
        let v = case.results.view(view);
        let _ = writeln!(out, "<h3>{}</h3>", view.label());
        let mut header = vec![text("")];
        for y in &v.years {
            header.push(num(if y.year == 0 {
                "Initial".to_owned()
            } else {
                format!("Year {}", y.year)
            }));
        }
        header.push(num("Total"));
        header.push(num("Present value"));
        let line = |label: &str,
                    get: &dyn Fn(&YearRow) -> Decimal,
                    total: Decimal,
                    pv: Option<Decimal>,
                    class: &'static str| {
            let mut cells = vec![text(label)];
            cells.extend(v.years.iter().map(|y| num(grouped(get(y), 0))));
            cells.push(num(grouped(total, 0)));
            cells.push(num(pv.map(|p| grouped(p, 0)).unwrap_or_default()));
            (cells, class)
        };
        let f = &v.figures;
        let last = v.years.last().map_or(Decimal::ZERO, |y| y.cumulative);
        let rows = vec![
            line(
                "Benefits",
                &|y| y.benefits,
                f.total_benefits,
                Some(f.pv_benefits),
                "",
            ),
            line("Costs", &|y| y.costs, f.total_costs, Some(f.pv_costs), ""),
            line(
                "Net cash flow",
                &|y| y.net,
                f.net_total,
                Some(f.npv),
                "total",
            ),
            line("Cumulative net", &|y| y.cumulative, last, None, ""),
        ];
        table(out, "wide", &header, &rows);
    }
    out.push_str("</section>\n");
}

pub(super) fn discounting_words(d: Discounting) -> &'static str {
    match d {
        Discounting::Annual => {
            "year-end discounting: year Y's cash is divided by (1 + r)^Y; the initial investment is not discounted"
        }
        Discounting::Monthly => {
            "monthly discounting: month t's cash is divided by (1 + r)^(t / 12)"
        }
    }
}

/// The evidence of one input as table cells: kind, source (with its link).
fn evidence_cells(s: &Scenario, path: &str) -> [Cell; 2] {
    match s.assumptions.get(path) {
        None => [text("<span class=\"evidence-none\">none</span>"), text("")],
        Some(r) => {
            let kind = format!(
                "<span class=\"evidence-{}\">{}</span>, {}",
                r.evidence.key(),
                r.evidence.key(),
                r.confidence.key()
            );
            let mut source = esc(&r.source);
            if let Some(year) = r.published {
                let _ = write!(source, " ({year})");
            }
            if let Some(url) = &r.url {
                let _ = write!(source, "<br>{}", link(url));
            }
            [text(kind), text(source)]
        }
    }
}

/// The inputs of one benefit line with their values and evidence:
/// (label, unit, value, input path) for each.
fn evidence_table<'a>(
    out: &mut String,
    s: &Scenario,
    inputs: impl Iterator<Item = (&'a str, Unit, Decimal, String)>,
) {
    let c = s.currency.as_str();
    let rows: Vec<(Vec<Cell>, &str)> = inputs
        .map(|(label, unit, value, path)| {
            let [kind, source] = evidence_cells(s, &path);
            (
                vec![
                    text(esc(label)),
                    num(esc(&input_value(c, unit, value))),
                    kind,
                    source,
                ],
                "",
            )
        })
        .collect();
    table(
        out,
        "wide evidence",
        &[
            text("Input"),
            num("Value"),
            text("Evidence"),
            text("Source"),
        ],
        &rows,
    );
}

/// (c) Each category's formula with its numbers, and its inputs' evidence.
pub fn benefits(out: &mut String, case: &Case<'_>) {
    let s = case.scenario;
    let c = s.currency.as_str();
    out.push_str("<section>\n<h2>Benefits</h2>\n<p class=\"note\">Each line's annual saving at today's prices; the monthly cells then apply the programme's ramp, growth from year to year and, in the risk-adjusted view, the line's risk.</p>\n");
    let formulas = formulas(s);
    let totals = &case.results.adjusted.table.benefit_rows;
    let present: Vec<Category> = Category::present(&s.benefits).collect();
    for (i, &category) in present.iter().enumerate() {
        let (label, formula) = &formulas[i];
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<p class=\"formula\">{}</p>",
            esc(label),
            esc(formula)
        );
        if let Some(row) = totals.iter().find(|r| &*r.key == category.key()) {
            let _ = writeln!(
                out,
                "<p class=\"note\">Risk-adjusted total over the horizon: {}.</p>",
                money_whole(c, row.total)
            );
        }
        evidence_table(
            out,
            s,
            category
                .fields()
                .iter()
                .filter(|field| {
                    field.key != "recapture" || category.recapture(&s.benefits).is_some()
                })
                .map(|field| {
                    (
                        field.label,
                        field.unit,
                        field.get(&s.benefits),
                        format!("benefits.{}.{}", category.key(), field.key),
                    )
                }),
        );
    }
    for (line, (label, formula)) in s
        .benefits
        .custom
        .iter()
        .zip(formulas.iter().skip(present.len()))
    {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<p class=\"formula\">{}</p>",
            name(label),
            esc(formula)
        );
        evidence_table(
            out,
            s,
            inputs::CUSTOM_FIELDS.iter().map(|spec| {
                let path = format!("custom.{}.{}", line.name, spec.key);
                let value = inputs::get(s, &path).unwrap_or_default();
                (spec.label, spec.unit, value, path)
            }),
        );
    }
    if let Some((label, formula)) = formulas.last() {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<p class=\"formula\">{}</p>",
            esc(label),
            esc(formula)
        );
    }
    out.push_str("</section>\n");
}

/// (d) Every cost line with its terms and evidence.
pub fn costs(out: &mut String, case: &Case<'_>) {
    let s = case.scenario;
    let c = s.currency.as_str();
    out.push_str("<section>\n<h2>Costs</h2>\n<p class=\"note\">One-off costs are paid in their month (0 is the upfront instant); recurring costs every month of their span, escalated by their growth each year. In the risk-adjusted view each cost is raised by its risk.</p>\n");
    let rows: Vec<(Vec<Cell>, &str)> = s
        .costs
        .iter()
        .map(|cost| {
            let (kind, amount, when, growth, key) = match cost {
                Cost::OneOff { amount, month, .. } => (
                    "One-off",
                    money(c, *amount),
                    if *month == 0 {
                        "upfront".to_owned()
                    } else {
                        format!("month {month}")
                    },
                    "-".to_owned(),
                    "amount",
                ),
                Cost::Recurring {
                    annual_amount,
                    start_month,
                    end_month,
                    growth,
                    ..
                } => (
                    "Recurring",
                    format!("{} a year", money(c, *annual_amount)),
                    match end_month {
                        Some(end) => format!("months {start_month} to {end}"),
                        None => format!("month {start_month} to the end"),
                    },
                    crate::format::percent_as_entered(*growth),
                    "annual_amount",
                ),
            };
            let [evidence, source] = evidence_cells(s, &format!("costs.{}.{key}", cost.name()));
            (
                vec![
                    text(name(cost.name())),
                    text(kind),
                    num(esc(&amount)),
                    text(when),
                    num(growth),
                    num(crate::format::percent_as_entered(cost.risk())),
                    evidence,
                    source,
                ],
                "",
            )
        })
        .collect();
    table(
        out,
        "wide",
        &[
            text("Cost"),
            text("Kind"),
            num("Amount"),
            text("When"),
            num("Growth"),
            num("Risk"),
            text("Evidence of the amount"),
            text("Source"),
        ],
        &rows,
    );
    for view in View::ALL {
        let f = &case.results.view(view).figures;
        let _ = writeln!(
            out,
            "<p>{}: total costs {}, present value {}.</p>",
            view.label(),
            money_whole(c, f.total_costs),
            money_whole(c, f.pv_costs)
        );
    }
    out.push_str("</section>\n");
}

/// A chart as a figure with its caption.
pub(super) fn figure(
    out: &mut String,
    chart: &crate::chart::Chart,
    caption: &str,
) -> Result<(), String> {
    let svg = render_svg(chart, CHART_SIZE.0, CHART_SIZE.1)?;
    let _ = writeln!(
        out,
        "<figure>{svg}<figcaption>{}</figcaption></figure>",
        esc(caption)
    );
    Ok(())
}

/// (e) The cumulative net cash flow, risk-adjusted.
pub fn payback(out: &mut String, case: &Case<'_>) -> Result<(), String> {
    let s = case.scenario;
    out.push_str("<section>\n<h2>Payback</h2>\n");
    let chart = payback_chart(
        &[(s.name.as_str(), case.results)],
        View::Adjusted,
        &s.currency,
    );
    figure(
        out,
        &chart,
        "Cumulative net cash flow by month, risk-adjusted; payback is where the curve crosses zero.",
    )?;
    out.push_str("</section>\n");
    Ok(())
}
