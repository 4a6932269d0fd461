//! The decision section of a business case (MODEL.md 10): what a month of
//! delay costs and the switching value of every input for NPV = 0, the
//! critical ones (inside their range) marked.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::Case;
use super::page::{Cell, esc, name, num, table, text};
use crate::format::{input_value, money, money_whole, percent};
use crate::model::analysis::delay::sentence;
use crate::model::analysis::{CostOfDelay, Slipping, Switching};
use crate::model::inputs::{self, Unit};

/// The switching values and cost of delay a business case shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Every input's switching value for NPV = 0.
    pub switching: Switching,
    /// The cost-of-delay table.
    pub delay: CostOfDelay,
}

/// The decision section, when the analyses were made.
pub fn decision(out: &mut String, case: &Case<'_>) {
    let Some(d) = &case.analyses.decision else {
        return;
    };
    let s = case.scenario;
    let c = s.currency.as_str();
    out.push_str("<section>\n<h2>Decision: delay and switching values</h2>\n");
    out.push_str("<h3>Cost of delay</h3>\n<p class=\"note\">The risk-adjusted NPV lost when a programme's go-live slips by whole months while its spend stays on its months.</p>\n");
    let m = |v: Decimal| money(c, v);
    for slipping in [Slipping::Tem, Slipping::Tdm, Slipping::Both] {
        if let Some(loss) = d.delay.per_month(slipping) {
            let _ = writeln!(out, "<p>{}.</p>", esc(&sentence(slipping, loss, &m)));
        }
    }
    let rows: Vec<(Vec<Cell>, &str)> = d
        .delay
        .rows
        .iter()
        .map(|r| {
            (
                vec![
                    text(esc(&r.describe())),
                    num(money_whole(c, r.npv)),
                    num(money_whole(c, r.loss)),
                    num(money_whole(c, r.loss_per_month)),
                ],
                "",
            )
        })
        .collect();
    if !rows.is_empty() {
        table(
            out,
            "",
            &[text(""), num("NPV"), num("NPV lost"), num("Lost per month")],
            &rows,
        );
    }
    let sw = &d.switching;
    out.push_str("<h3>Switching values</h3>\n");
    let _ = writeln!(
        out,
        "<p class=\"note\">The value at which each input alone, the others at base, brings the risk-adjusted NPV to zero, smallest change first; critical when it lies inside the input's {} range. Inputs that cannot bring it to zero within their allowed range are counted below the table.</p>",
        if sw.assumed_ranges {
            "assumed +/-20 %"
        } else {
            "uncertainty"
        }
    );
    let unit_of = |path: &str| inputs::spec(s, path).map_or(Unit::Quantity, |spec| spec.unit);
    let rows: Vec<(Vec<Cell>, &str)> = sw
        .rows
        .iter()
        .filter_map(|r| {
            let v = r.value?;
            let unit = unit_of(&r.input);
            Some((
                vec![
                    text(name(&r.label)),
                    num(esc(&input_value(c, unit, r.base))),
                    num(esc(&input_value(c, unit, v))),
                    num(r
                        .change_pct
                        .map(|p| esc(&percent(p / Decimal::ONE_HUNDRED, 2)))
                        .unwrap_or_default()),
                    text(if r.in_range == Some(true) {
                        "critical"
                    } else {
                        ""
                    }),
                ],
                "",
            ))
        })
        .collect();
    let without = sw.rows.len() - rows.len();
    table(
        out,
        "wide",
        &[
            text("Input"),
            num("Base"),
            num("Switching value"),
            num("Change"),
            text(""),
        ],
        &rows,
    );
    let _ = writeln!(
        out,
        "<p class=\"note\">{without} of {} inputs leave the NPV on the same side of zero across their whole allowed range.</p>\n</section>",
        sw.rows.len()
    );
}
