//! Presentation of figures for people (the report, the app, the charts):
//! currency amounts with thousands separators, percentages and months.
//! Files use `model::decimal::fixed` instead: no separators, no signs.

use rust_decimal::Decimal;

use crate::model::bounds::Unit;
use crate::model::category::Term;
use crate::model::decimal::{fixed, grouped};
use crate::model::schedule::category_annual_savings;
use crate::model::{ProgrammeRef, Scenario};

/// `USD 1,234,567.89`; negative amounts as `-USD 1,234.00`.
#[must_use]
pub fn money(currency: &str, value: Decimal) -> String {
    let text = grouped(value, 2);
    match text.strip_prefix('-') {
        Some(rest) => format!("-{currency} {rest}"),
        None => format!("{currency} {text}"),
    }
}

/// Money without decimals, for chart axes and compact cards: `USD 1,234,568`.
#[must_use]
pub fn money_whole(currency: &str, value: Decimal) -> String {
    let text = grouped(value, 0);
    match text.strip_prefix('-') {
        Some(rest) => format!("-{currency} {rest}"),
        None => format!("{currency} {text}"),
    }
}

/// A fraction as a percentage with `dp` decimals: `0.1234` -> `12.34 %`.
#[must_use]
pub fn percent(fraction: Decimal, dp: u32) -> String {
    format!("{} %", grouped(fraction * Decimal::ONE_HUNDRED, dp))
}

/// An optional ROI or IRR: a percentage, or a dash with the reason.
#[must_use]
pub fn percent_or(fraction: Option<Decimal>, undefined: &str) -> String {
    fraction.map_or_else(|| undefined.to_owned(), |f| percent(f, 2))
}

/// Payback: `14.23 months`, or "not within the horizon".
#[must_use]
pub fn payback(months: Option<Decimal>) -> String {
    months.map_or_else(
        || "not within the horizon".to_owned(),
        |m| format!("{} months", fixed(m, 2)),
    )
}

/// A number as people read it: thousands separators, only the decimals it
/// has (an input shown as entered).
#[must_use]
pub fn number_as_entered(value: Decimal) -> String {
    let n = value.normalize();
    grouped(n, n.scale())
}

/// An amount as entered: the currency code, then the amount with no
/// decimals when it is whole and at least two otherwise.
#[must_use]
pub fn money_as_entered(currency: &str, value: Decimal) -> String {
    let n = value.normalize();
    let dp = if n.scale() == 0 { 0 } else { n.scale().max(2) };
    let text = grouped(n, dp);
    match text.strip_prefix('-') {
        Some(rest) => format!("-{currency} {rest}"),
        None => format!("{currency} {text}"),
    }
}

/// A fraction as a percentage with only the decimals it has: `0.35` -> `35 %`.
#[must_use]
pub fn percent_as_entered(fraction: Decimal) -> String {
    format!("{} %", number_as_entered(fraction * Decimal::ONE_HUNDRED))
}

/// An input's value as a term of a formula, in its unit: `USD 9,000`,
/// `35 %`, `16 hours`, `40 TB`, `8 FTE`, `12`.
#[must_use]
pub fn input_value(currency: &str, unit: Unit, value: Decimal) -> String {
    let n = number_as_entered(value);
    match unit {
        Unit::Money => money_as_entered(currency, value),
        Unit::Fraction => percent_as_entered(value),
        Unit::Months => format!("{n} months"),
        Unit::Count | Unit::Quantity => n,
        Unit::Fte => format!("{n} FTE"),
        Unit::Terabytes => format!("{n} TB"),
        Unit::Hours => format!("{n} hours"),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn formats_for_people() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(money("USD", d("-1234.5")), "-USD 1,234.50");
        assert_eq!(money_whole("EUR", d("1234567.5")), "EUR 1,234,568");
        assert_eq!(percent(d("0.123456"), 2), "12.35 %");
        assert_eq!(payback(None), "not within the horizon");
        assert_eq!(payback(Some(d("14.225"))), "14.23 months");
    }
}
