//! The sections of a business case that review it: (f) risk, (g) the
//! assumption register and (h) the method and files.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::page::{Cell, esc, link, name, num, table, text};
use super::sections::{discounting_words, figure, rows_of};
use super::{Case, Source};
use crate::chart::{fan_chart, monte_carlo_chart, sensitivity_chart};
use crate::format::{input_value, money_whole};
use crate::model::Scenario;
use crate::model::analysis::MonteCarloResults;
use crate::model::decimal::grouped;
use crate::model::inputs::{self, Unit};

/// (f) Tornado, break-evens, Monte Carlo.
pub fn risk(out: &mut String, case: &Case<'_>) -> Result<(), String> {
    let s = case.scenario;
    let c = s.currency.as_str();
    out.push_str("<section>\n<h2>Risk</h2>\n");
    if let Some(t) = &case.analyses.tornado {
        out.push_str("<h3>Sensitivity</h3>\n");
        if t.assumed_ranges {
            out.push_str("<p class=\"note\">The scenario has no uncertainty ranges: every input is moved 20 % either way, within its allowed range.</p>\n");
        }
        figure(
            out,
            &sensitivity_chart(s, t),
            "Risk-adjusted NPV with each input at the low and the high end of its range, the others at base.",
        )?;
        let unit_of = |path: &str| inputs::spec(s, path).map_or(Unit::Quantity, |spec| spec.unit);
        let rows: Vec<(Vec<Cell>, &str)> = t
            .rows
            .iter()
            .map(|r| {
                let unit = unit_of(&r.input);
                (
                    vec![
                        text(name(&r.label)),
                        num(esc(&input_value(c, unit, r.low))),
                        num(esc(&input_value(c, unit, r.base))),
                        num(esc(&input_value(c, unit, r.high))),
                        num(money_whole(c, r.npv_low)),
                        num(money_whole(c, r.npv_high)),
                        num(money_whole(c, r.swing)),
                    ],
                    "",
                )
            })
            .collect();
        table(
            out,
            "wide",
            &[
                text("Input"),
                num("Low"),
                num("Base"),
                num("High"),
                num("NPV at low"),
                num("NPV at high"),
                num("Swing"),
            ],
            &rows,
        );
    }
    if !case.analyses.break_evens.is_empty() {
        out.push_str("<h3>Break-even</h3>\n<p class=\"note\">The value of each uncertain input, the others at base, at which the risk-adjusted NPV is zero.</p>\n");
        let rows: Vec<(Vec<Cell>, &str)> = case
            .analyses
            .break_evens
            .iter()
            .map(|b| {
                let unit = inputs::spec(s, &b.input).map_or(Unit::Quantity, |spec| spec.unit);
                let value = b.value.map_or_else(
                    || "none within the allowed range".to_owned(),
                    |v| input_value(c, unit, v),
                );
                (
                    vec![
                        text(name(&b.label)),
                        num(esc(&input_value(c, unit, b.base))),
                        num(esc(&value)),
                    ],
                    "",
                )
            })
            .collect();
        table(
            out,
            "",
            &[text("Input"), num("Base"), num("NPV = 0 at")],
            &rows,
        );
    }
    if let Some(mc) = &case.analyses.monte_carlo {
        out.push_str("<h3>Monte Carlo</h3>\n");
        figure(
            out,
            &monte_carlo_chart(s, mc),
            "Distribution of the risk-adjusted NPV over the trials (PERT draws of every uncertain input).",
        )?;
        let p = &mc.npv;
        let rows = vec![(
            vec![
                text("NPV"),
                num(money_whole(c, p.p5)),
                num(money_whole(c, p.p10)),
                num(money_whole(c, p.p50)),
                num(money_whole(c, p.p90)),
                num(money_whole(c, p.p95)),
            ],
            "",
        )];
        table(
            out,
            "",
            &[
                text(""),
                num("P5"),
                num("P10"),
                num("P50"),
                num("P90"),
                num("P95"),
            ],
            &rows,
        );
        let _ = writeln!(
            out,
            "<p>Mean NPV {}; probability that NPV &gt; 0: {}; probability of payback within the horizon: {}. {} trials, seed {}.</p>",
            money_whole(c, mc.npv_mean),
            crate::format::percent(mc.prob_npv_positive, 1),
            crate::format::percent(mc.prob_payback_within_horizon, 1),
            grouped(Decimal::from(mc.trials), 0),
            mc.seed
        );
        if !s.correlations.is_empty() {
            correlated(out, s, mc)?;
        }
    }
    out.push_str("</section>\n");
    Ok(())
}

/// (g) Every input with its evidence and impact.
pub fn register(out: &mut String, case: &Case<'_>) {
    let s = case.scenario;
    let c = s.currency.as_str();
    let rows = rows_of(case);
    let recorded = rows.iter().filter(|r| r.record.is_some()).count();
    let _ = writeln!(
        out,
        "<section>\n<h2>Assumptions</h2>\n<p class=\"note\">{recorded} of {} inputs have an evidence record. Impact is the NPV swing of the input's tornado bar; rows are sorted by it.</p>",
        rows.len()
    );
    let cells: Vec<(Vec<Cell>, &str)> = rows
        .iter()
        .map(|r| {
            let record = r.record.as_ref();
            let kind = record.map_or_else(
                || "<span class=\"evidence-none\">none</span>".to_owned(),
                |a| {
                    format!(
                        "<span class=\"evidence-{}\">{}</span>",
                        a.evidence.key(),
                        a.evidence.key()
                    )
                },
            );
            let mut source = record.map(|a| esc(&a.source)).unwrap_or_default();
            if let Some(url) = record.and_then(|a| a.url.as_deref()) {
                let _ = write!(source, "<br>{}", link(url));
            }
            if let Some(note) = record.map(|a| a.note.as_str()).filter(|n| !n.is_empty()) {
                let _ = write!(source, "<br><span class=\"note\">{}</span>", esc(note));
            }
            (
                vec![
                    text(name(&r.label)),
                    num(esc(&input_value(c, r.unit, r.value))),
                    text(kind),
                    text(record.map_or("", |a| a.confidence.key())),
                    text(source),
                    num(record
                        .and_then(|a| a.published)
                        .map(|y| y.to_string())
                        .unwrap_or_default()),
                    text(
                        record
                            .and_then(|a| a.owner.as_deref())
                            .map(esc)
                            .unwrap_or_default(),
                    ),
                    num(record
                        .and_then(|a| a.reviewed)
                        .map(|m| m.to_string())
                        .unwrap_or_default()),
                    num(r
                        .swing
                        .map_or_else(|| "-".to_owned(), |v| money_whole(c, v))),
                ],
                "",
            )
        })
        .collect();
    table(
        out,
        "register",
        &[
            text("Input"),
            num("Value"),
            text("Evidence"),
            text("Confidence"),
            text("Source"),
            num("Year"),
            text("Owner"),
            num("Reviewed"),
            num("Impact"),
        ],
        &cells,
    );
    out.push_str("</section>\n");
}

/// (h) How the figures are made, and the files they come from.
pub fn method(out: &mut String, sources: &[&Source], s: &Scenario) {
    out.push_str("<section>\n<h2>Method</h2>\n<ul>");
    let _ = write!(
        out,
        "<li>Discounting: {}; rate {} a year.</li>",
        discounting_words(s.discounting),
        crate::format::percent(s.discount_rate, 2)
    );
    out.push_str("<li>Rounding: every monthly cell is rounded once to two decimals of the currency unit, half away from zero; every total is the sum of its cells.</li>");
    out.push_str("<li>Risk adjustment: each benefit line is written down by its risk and each cost raised by its risk in the risk-adjusted view; the unadjusted view takes the inputs as entered.</li>");
    out.push_str("<li>Ramp: a programme yields nothing until its go-live month, then its pilot coverage during the pilot, then rises linearly to 100 % over its rollout months; custom lines without a programme count in full from month 1.</li>");
    out.push_str("<li>Payback is the month, interpolated within the month, when the cumulative net cash flow first turns non-negative and stays so; IRR is the annual rate at which the monthly net cash flows have an NPV of zero.</li>");
    let _ = write!(
        out,
        "<li>Computed by envroi {} (decimal arithmetic throughout; the model is specified in its MODEL.md).</li>",
        env!("CARGO_PKG_VERSION")
    );
    out.push_str("</ul>\n<h3>Scenario files</h3>\n");
    let rows: Vec<(Vec<Cell>, &str)> = sources
        .iter()
        .map(|src| {
            let file = if src.unsaved {
                format!(
                    "{} (unsaved changes: the hash is of the scenario as it would be saved)",
                    name(&src.file)
                )
            } else {
                name(&src.file)
            };
            (
                vec![
                    text(file),
                    text(format!("<code>{}</code>", esc(&src.sha256))),
                ],
                "",
            )
        })
        .collect();
    table(out, "", &[text("File"), text("SHA-256")], &rows);
    out.push_str("</section>\n");
}

/// The Monte Carlo outputs of MODEL.md 12.3 for a file that declares rank
/// correlations (earlier documents stay byte-identical): the declared
/// pairs, the shares at their defaults, the fan chart and the rank
/// sensitivity.
fn correlated(out: &mut String, s: &Scenario, mc: &MonteCarloResults) -> Result<(), String> {
    let label =
        |path: &str| inputs::spec(s, path).map_or_else(|| path.to_owned(), |spec| spec.label);
    let rows: Vec<(Vec<Cell>, &str)> = s
        .correlations
        .iter()
        .map(|c| {
            (
                vec![
                    text(name(&label(&c.a))),
                    text(name(&label(&c.b))),
                    num(esc(&c.rank.normalize().to_string())),
                ],
                "",
            )
        })
        .collect();
    out.push_str("<h4>Declared rank correlations</h4>\n");
    table(out, "", &[text("Input"), text("Input"), num("Rank")], &rows);
    let _ = writeln!(
        out,
        "<p>Inputs drawn with these rank correlations (Iman-Conover). Probability that NPV &gt;= 0: {}; that payback is within {} months: {}; that ROI &gt;= 0: {}.</p>",
        crate::format::percent(mc.prob_npv_at_least(Decimal::ZERO), 1),
        s.horizon_months,
        crate::format::percent(mc.prob_payback_within(s.horizon_months), 1),
        crate::format::percent(mc.prob_roi_at_least(Decimal::ZERO), 1),
    );
    figure(
        out,
        &fan_chart(s, mc),
        "Risk-adjusted cumulative net cash by month: the median trial and the band in which 8 in 10 trials lie.",
    )?;
    let rows: Vec<(Vec<Cell>, &str)> = mc
        .rank_sensitivity
        .iter()
        .map(|r| {
            (
                vec![text(name(&r.label)), num(esc(&format!("{:+.4}", r.rho)))],
                "",
            )
        })
        .collect();
    out.push_str("<h4>Rank correlation of each input with NPV</h4>\n");
    table(out, "", &[text("Input"), num("Spearman")], &rows);
    Ok(())
}
