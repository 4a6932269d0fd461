//! Each benefit line's annual saving written out with the scenario's own
//! numbers, e.g. "12 x 6 x USD 9,000 x 35 % = USD 226,800 a year": what
//! the app's Benefits tab and the HTML business case show.

use crate::model::category::Category;
use crate::model::category::Term;
use crate::model::scenario::Nature;
use crate::model::schedule::category_annual_savings;
use crate::model::{ProgrammeRef, Scenario};
use rust_decimal::Decimal;

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
            let counted = |text: String| match category.recapture(b) {
                Some(rho) => format!(
                    "{text}, {} recaptured: {} a year counted",
                    percent_as_entered(rho),
                    money_as_entered(c, crate::model::decimal::round2(annual * rho))
                ),
                None => text,
            };
            if category.is_derived(s) {
                return (
                    category.label().to_owned(),
                    counted(derived_text(s, category, annual)),
                );
            }
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
                counted(format!(
                    "{} = {} a year",
                    terms.join(" x "),
                    money_as_entered(c, crate::model::decimal::round2(annual))
                )),
            )
        })
        .collect();
    for line in &b.custom {
        let mut text = format!(
            "{} a year, given directly ({})",
            money_as_entered(c, line.annual_amount),
            match line.programme {
                ProgrammeRef::Tem => "TEM ramp",
                ProgrammeRef::Tdm => "TDM ramp",
                ProgrammeRef::None => "in full from month 1",
            }
        );
        if line.nature == Some(Nature::Capacity) {
            let rho = line.recapture.unwrap_or(Decimal::ONE);
            text = format!(
                "{text}, capacity, {} recaptured: {} a year counted",
                percent_as_entered(rho),
                money_as_entered(c, crate::model::decimal::round2(line.annual_amount * rho))
            );
        }
        out.push((line.name.clone(), text));
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

/// The formula of a category the estate derives (MODEL.md 11.3), in words
/// with the number of rows behind it.
fn derived_text(s: &Scenario, category: Category, annual: Decimal) -> String {
    let c = s.currency.as_str();
    let reduction = category
        .field("reduction")
        .map_or(Decimal::ZERO, |f| f.get(&s.benefits));
    let (envs, dbs) = s
        .estate
        .as_ref()
        .map_or((0, 0), |e| (e.environments.len(), e.databases.len()));
    let r = percent_as_entered(reduction);
    let terms = match category {
        Category::TemInfrastructure => {
            format!("sum over {envs} environment rows of n x S x Cs x (w - (1 - {r}) x w') / w")
        }
        Category::TemLicences => {
            format!("sum over {envs} environment rows of n x L x Cl x {r}")
        }
        Category::TdmInfrastructure => {
            format!("sum over {dbs} database rows of D x Ct x (K - K' x (1 - {r}))")
        }
        _ => format!("C x sum over {dbs} database rows of (R x h - R' x h' x (1 - {r}))"),
    };
    format!(
        "from the estate: {terms} = {} a year",
        money_as_entered(c, crate::model::decimal::round2(annual))
    )
}
