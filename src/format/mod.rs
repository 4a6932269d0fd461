//! Presentation of figures for people (the report, the app, the charts):
//! currency amounts with thousands separators, percentages and months, in
//! the display style of the thread ([`style`]; the command line's is
//! always [`style::Style::CLASSIC`]: `USD 1,234.56`). Files use
//! `model::decimal::fixed` instead: no separators, no signs, no style.

pub mod currency;
mod formulas;
pub mod style;

pub use formulas::formulas;

use rust_decimal::Decimal;

use crate::model::YearMonth;
use crate::model::bounds::Unit;
use crate::model::decimal::{fixed, grouped};

/// `value` with `dp` decimals and the grouping and decimal mark of the
/// style: `1,234.50`, `1.234,50`, `1 234,50`, `1'234.50`.
#[must_use]
pub fn number(value: Decimal, dp: u32) -> String {
    localise(&grouped(value, dp))
}

/// Text made by `grouped` or `fixed` (`,` groups, `.` decimals) in the
/// style's marks.
fn localise(text: &str) -> String {
    let g = style::current().grouping;
    if g == style::Grouping::Comma {
        return text.to_owned();
    }
    text.chars()
        .map(|c| match c {
            ',' => g.group_mark(),
            '.' => g.decimal_mark(),
            other => other,
        })
        .collect()
}

/// An amount already formatted (`-1,234.50`) with its currency, placed as
/// the style says: `-USD 1,234.50`, `-1.234,50 USD`, `-€1,234.50`,
/// `-1 234,50 €`.
fn with_currency(currency: &str, text: &str) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let symbol = currency::symbol(currency);
    match (style::current().currency, symbol) {
        (style::CurrencyStyle::SymbolBefore, Some(s)) => format!("{sign}{s}{digits}"),
        (style::CurrencyStyle::SymbolAfter, Some(s)) => format!("{sign}{digits}\u{a0}{s}"),
        (style::CurrencyStyle::CodeAfter | style::CurrencyStyle::SymbolAfter, _) => {
            format!("{sign}{digits}\u{a0}{currency}")
        }
        (style::CurrencyStyle::CodeBefore | style::CurrencyStyle::SymbolBefore, _) => {
            format!("{sign}{currency} {digits}")
        }
    }
}

/// The decimals an amount in `currency` is shown with: two, or the
/// currency's minor units when the style says so.
#[must_use]
pub fn money_decimals(currency: &str) -> u32 {
    if style::current().minor_units {
        currency::minor_units(currency)
    } else {
        2
    }
}

/// `USD 1,234,567.89`; negative amounts as `-USD 1,234.00` (in the
/// classic style; see [`style`]).
#[must_use]
pub fn money(currency: &str, value: Decimal) -> String {
    with_currency(currency, &number(value, money_decimals(currency)))
}

/// Money with `dp` decimals, for chart axes: `USD 1,250,000`.
#[must_use]
pub fn money_dp(currency: &str, value: Decimal, dp: u32) -> String {
    with_currency(currency, &number(value, dp))
}

/// Money without decimals, for chart axes and compact cards: `USD 1,234,568`.
#[must_use]
pub fn money_whole(currency: &str, value: Decimal) -> String {
    money_dp(currency, value, 0)
}

/// A fraction as a percentage with `dp` decimals: `0.1234` -> `12.34 %`.
#[must_use]
pub fn percent(fraction: Decimal, dp: u32) -> String {
    format!("{} %", number(fraction * Decimal::ONE_HUNDRED, dp))
}

/// The label of month `t` of a horizon starting at `start` for tables:
/// `upfront` for 0, then `2026-01` or the style's month names.
#[must_use]
pub fn month_label(start: YearMonth, t: u32) -> String {
    if t == 0 {
        return crate::model::month_label(start, t);
    }
    let ym = start.plus_months(t - 1);
    style::current()
        .months
        .name(ym.year, ym.month)
        .unwrap_or_else(|| ym.to_string())
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
        |m| format!("{} months", localise(&fixed(m, 2))),
    )
}

/// A number as people read it: thousands separators, only the decimals it
/// has (an input shown as entered).
#[must_use]
pub fn number_as_entered(value: Decimal) -> String {
    let n = value.normalize();
    number(n, n.scale())
}

/// An amount as entered: the currency code, then the amount with no
/// decimals when it is whole and at least two otherwise.
#[must_use]
pub fn money_as_entered(currency: &str, value: Decimal) -> String {
    let n = value.normalize();
    let dp = if n.scale() == 0 {
        0
    } else {
        n.scale().max(money_decimals(currency))
    };
    with_currency(currency, &number(n, dp))
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
        assert_eq!(money("JPY", d("1234.5")), "JPY 1,234.50");
    }

    #[test]
    fn the_display_style_changes_marks_currency_and_decimals() {
        use style::{CurrencyStyle, Grouping, Style, with_style};
        let d = |s| Decimal::from_str(s).unwrap();
        let style = |grouping, currency| Style {
            grouping,
            currency,
            ..Style::default()
        };
        let cases = [
            (
                Grouping::Comma,
                CurrencyStyle::SymbolBefore,
                "EUR",
                "-€1,234,567.89",
            ),
            (
                Grouping::Dot,
                CurrencyStyle::CodeAfter,
                "EUR",
                "-1.234.567,89\u{a0}EUR",
            ),
            (
                Grouping::Space,
                CurrencyStyle::SymbolAfter,
                "EUR",
                "-1\u{a0}234\u{a0}567,89\u{a0}€",
            ),
            (
                Grouping::Apostrophe,
                CurrencyStyle::SymbolBefore,
                "CHF",
                "-CHF 1'234'567.89",
            ),
            (
                Grouping::Comma,
                CurrencyStyle::SymbolBefore,
                "JPY",
                "-¥1,234,568",
            ),
            (
                Grouping::Dot,
                CurrencyStyle::CodeBefore,
                "KWD",
                "-KWD 1.234.567,890",
            ),
        ];
        for (g, c, code, want) in cases {
            let got = with_style(style(g, c), || money(code, d("-1234567.89")));
            assert_eq!(got, want);
        }
        let german = Style {
            grouping: Grouping::Dot,
            months: style::MonthNames::German,
            ..Style::default()
        };
        with_style(german, || {
            assert_eq!(percent(d("0.123456"), 2), "12,35 %");
            assert_eq!(payback(Some(d("14.225"))), "14,23 months");
            let start = YearMonth {
                year: 2026,
                month: 3,
            };
            assert_eq!(month_label(start, 1), "März 2026");
            assert_eq!(month_label(start, 0), "upfront");
        });
        // Outside, the classic style again.
        assert_eq!(money("EUR", d("-1234567.89")), "-EUR 1,234,567.89");
    }
}
