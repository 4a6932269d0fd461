//! The options appraisal (`envroi compare FILE... --html`): the first
//! scenario is the base case and each other one an option, shown by its
//! own figures and by its increments against the base; the payback curves
//! of all of them on one chart; each option's key assumptions; the method
//! and the files.

use std::fmt::Write as _;

use super::page::{Cell, esc, name, num, page, table, text};
use super::review::method;
use super::{CHART_SIZE, Case};
use crate::chart::payback_chart;
use crate::format::{money_whole, payback as payback_text, percent_or};
use crate::io::png::render_svg;
use crate::model::analysis::register::{KEY_INPUTS, UNCONFIRMED};
use crate::model::analysis::{register, unconfirmed_key_inputs};
use crate::model::{Figures, Results, View, shared_currency};

/// A signed increment: `+USD 1,234` or `-USD 1,234`.
fn increment(currency: &str, value: rust_decimal::Decimal) -> String {
    let text = money_whole(currency, value);
    if value.is_sign_negative() || value.is_zero() {
        text
    } else {
        format!("+{text}")
    }
}

/// The options appraisal of `cases` (at least one; the first is the base).
/// Scenarios in different currencies are refused, as for the PNG.
pub fn options_appraisal(cases: &[Case<'_>], date: Option<&str>) -> Result<String, String> {
    let base = cases.first().ok_or("no scenario to appraise")?;
    let currency = shared_currency(cases.iter().map(|c| c.scenario.currency.as_str()))
        .map_err(|e| e.to_string())?
        .to_owned();
    let c = currency.as_str();
    let mut out = String::with_capacity(128 * 1024);
    let _ = write!(
        out,
        "<section class=\"summary\">\n<p class=\"note\">Options appraisal</p><h1>{}</h1>\n<p class=\"lede\">{} options against the base case {}, risk-adjusted, in {}.</p>\n",
        name(&base.scenario.name),
        cases.len() - 1,
        name(&base.scenario.name),
        esc(c)
    );
    if let Some(date) = date {
        let _ = writeln!(out, "<p>Date: {}</p>", esc(date));
    }
    let mut header = vec![text("")];
    for (i, case) in cases.iter().enumerate() {
        let role = if i == 0 { "base" } else { "option" };
        header.push(num(format!(
            "{} <span class=\"note\">({role})</span>",
            name(&case.scenario.name)
        )));
    }
    let figures: Vec<&Figures> = cases.iter().map(|c| &c.results.adjusted.figures).collect();
    let row = |label: &str, f: &dyn Fn(&Figures) -> String| {
        let mut cells = vec![text(label)];
        cells.extend(figures.iter().map(|x| num(f(x))));
        (cells, "")
    };
    let delta = |label: &str, f: &dyn Fn(&Figures) -> rust_decimal::Decimal| {
        let mut cells: Vec<Cell> = vec![text(label), num("")];
        cells.extend(
            figures
                .iter()
                .skip(1)
                .map(|x| num(increment(c, f(x) - f(figures[0])))),
        );
        (cells, "total")
    };
    let rows = vec![
        row("Present value of benefits", &|f| {
            money_whole(c, f.pv_benefits)
        }),
        row("Investment (present value of costs)", &|f| {
            money_whole(c, f.pv_costs)
        }),
        row("NPV", &|f| money_whole(c, f.npv)),
        row("ROI", &|f| percent_or(f.roi, "undefined")),
        row("Payback", &|f| payback_text(f.payback_months)),
        row("IRR (annual)", &|f| percent_or(f.irr_annual, "undefined")),
        delta("Increment in PV of benefits", &|f| f.pv_benefits),
        delta("Increment in investment", &|f| f.pv_costs),
        delta("Increment in NPV", &|f| f.npv),
    ];
    table(&mut out, "headline", &header, &rows);
    out.push_str("<p class=\"note\">Increments are each option minus the base case. The incremental NPV is what choosing the option over the base adds.</p>\n");
    out.push_str("<h3>Key assumptions</h3><ul>");
    for case in cases {
        let rows = register(case.scenario, case.analyses.tornado.as_ref());
        let weak = unconfirmed_key_inputs(&rows, &UNCONFIRMED);
        let _ = write!(
            out,
            "<li>{}: {} of the {KEY_INPUTS} inputs with the widest NPV swing unconfirmed{}</li>",
            name(&case.scenario.name),
            weak.len(),
            if weak.is_empty() {
                String::new()
            } else {
                format!(
                    " ({})",
                    weak.iter()
                        .map(|r| name(&r.label))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        );
    }
    out.push_str("</ul>\n</section>\n<section>\n<h2>Payback curves</h2>\n");
    let pairs: Vec<(&str, &Results)> = cases
        .iter()
        .map(|c| (c.scenario.name.as_str(), c.results))
        .collect();
    let svg = render_svg(
        &payback_chart(&pairs, View::Adjusted, c),
        CHART_SIZE.0,
        CHART_SIZE.1,
    )?;
    let _ = writeln!(
        out,
        "<figure>{svg}<figcaption>Cumulative net cash flow of each scenario by month, risk-adjusted.</figcaption></figure>\n</section>"
    );
    let sources: Vec<&super::Source> = cases.iter().map(|c| c.source).collect();
    method(&mut out, &sources, base.scenario);
    Ok(page(
        &format!("Options appraisal: {}", base.scenario.name),
        &out,
    ))
}
