//! Each benefit line's annual saving written out with the scenario's own
//! numbers, e.g. "12 x 6 x USD 9,000 x 35 % = USD 226,800 a year": what
//! the app's Benefits tab and the HTML business case show.

use crate::model::category::Term;
use crate::model::schedule::category_annual_savings;
use crate::model::{ProgrammeRef, Scenario};

use super::{input_value, money_as_entered, percent_as_entered};

/// Each category's formula with the scenario's numbers, then each custom
/// line and the synergy, as (label, formula) pairs.
#[must_use]
pub fn formulas(s: &Scenario) -> Vec<(String, String)> {
    let c = s.currency.as_str();
    let b = &s.benefits;
    let mut out: Vec<(String, String)> = category_annual_savings(s)
        .into_iter()
        .map(|(category, annual)| {
            let terms: Vec<String> = category
                .formula()
                .iter()
                .map(|term| match term {
                    Term::Field(key) => category
                        .field(key)
                        .map_or_else(String::new, |f| input_value(c, f.unit, f.get(b))),
                    Term::MonthsPerYear => "12".to_owned(),
                })
                .collect();
            (
                category.label().to_owned(),
                format!(
                    "{} = {} a year",
                    terms.join(" x "),
                    money_as_entered(c, crate::model::decimal::round2(annual))
                ),
            )
        })
        .collect();
    for line in &b.custom {
        out.push((
            line.name.clone(),
            format!(
                "{} a year, given directly ({})",
                money_as_entered(c, line.annual_amount),
                match line.programme {
                    ProgrammeRef::Tem => "TEM ramp",
                    ProgrammeRef::Tdm => "TDM ramp",
                    ProgrammeRef::None => "in full from month 1",
                }
            ),
        ));
    }
    let synergy = if s.tem.enabled && s.tdm.enabled {
        format!(
            "{} x each month's TEM and TDM benefits",
            percent_as_entered(s.synergy_uplift)
        )
    } else {
        "0: it applies only when both programmes are enabled".to_owned()
    };
    out.push(("Synergy".to_owned(), synergy));
    out
}
