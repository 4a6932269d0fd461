//! Parsing and showing the value of one numeric field. People type text;
//! the text is parsed exactly to a `Decimal` (never through a float), in
//! the display style's convention or as a plain number
//! (`format::style::typed_number`), percentages are typed as percentages
//! and stored as fractions, and a value outside its range is refused with
//! a message that says the range in the units the person typed.

use rust_decimal::Decimal;

use crate::format::number;
use crate::format::style::{self, Grouping};
use crate::model::decimal::{fixed, parse_exact};
use crate::model::inputs::{Bounds, Unit};

/// The text a field shows for `value` (a fraction shows as a percentage):
/// the display style's marks, only the decimals the value has. [`parse`]
/// reads the same text back exactly. With `1.234,56` numbers a field has
/// no group marks (`1234,5`), so that a digit added to `1.234` never makes
/// a plain `1.2345`.
#[must_use]
pub fn display(value: Decimal, unit: Unit) -> String {
    let shown = match unit {
        Unit::Fraction => value * Decimal::ONE_HUNDRED,
        _ => value,
    }
    .normalize();
    let grouping = style::current().grouping;
    if grouping == Grouping::Dot {
        fixed(shown, shown.scale()).replace('.', ",")
    } else {
        number(shown, shown.scale())
    }
}

/// The short unit written after (or, for money, before) a field.
#[must_use]
pub fn unit_suffix(unit: Unit) -> &'static str {
    match unit {
        Unit::Fraction => "%",
        Unit::Months => "months",
        Unit::Terabytes => "TB",
        Unit::Hours => "hours",
        Unit::Money | Unit::Count | Unit::Quantity | Unit::Fte => "",
    }
}

/// A bound as people read it in the field's unit.
fn bound_text(value: Decimal, unit: Unit) -> String {
    let shown = display(value, unit);
    match unit {
        Unit::Fraction => format!("{shown} %"),
        _ => shown,
    }
}

/// Parses typed `text` to a stored value: exact decimal, percentages
/// divided by 100, whole numbers where the field needs one, inside `bounds`.
pub fn parse(text: &str, unit: Unit, bounds: Bounds) -> Result<Decimal, String> {
    let mut cleaned = text.trim().to_owned();
    if unit == Unit::Fraction {
        cleaned = cleaned.trim_end_matches('%').trim_end().to_owned();
    }
    let plain = style::typed_number(&cleaned, style::current().grouping)?;
    let typed = parse_exact(&plain)?;
    let value = match unit {
        Unit::Fraction => typed
            .checked_div(Decimal::ONE_HUNDRED)
            .ok_or_else(|| format!("`{}` has too many digits", text.trim()))?,
        _ => typed,
    };
    if bounds.integer && !value.fract().is_zero() {
        return Err("must be a whole number".to_owned());
    }
    if value < bounds.min || value > bounds.max {
        return Err(format!(
            "must be {} to {}",
            bound_text(bounds.min, unit),
            bound_text(bounds.max, unit)
        ));
    }
    Ok(value)
}

/// Parses a whole number of months in `min..=max`.
pub fn parse_months(text: &str, min: u32, max: u32) -> Result<u32, String> {
    let bounds = Bounds {
        min: Decimal::from(min),
        max: Decimal::from(max),
        integer: true,
    };
    let value = parse(text, Unit::Months, bounds)?;
    u32::try_from(value).map_err(|_| "must be a whole number of months".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::inputs::{AMOUNT, COUNT, FRACTION, GROWTH, UNIT_PRICE};
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn percentages_are_typed_as_percent_and_stored_as_fractions() {
        assert_eq!(parse("35", Unit::Fraction, FRACTION).unwrap(), d("0.35"));
        assert_eq!(
            parse("12.5 %", Unit::Fraction, FRACTION).unwrap(),
            d("0.125")
        );
        assert_eq!(parse("-50", Unit::Fraction, GROWTH).unwrap(), d("-0.5"));
        assert_eq!(display(d("0.35"), Unit::Fraction), "35");
        assert_eq!(display(d("0.125"), Unit::Fraction), "12.5");
        assert_eq!(display(d("-0.000"), Unit::Fraction), "0");
    }

    #[test]
    fn decimals_are_exact_and_grouping_is_understood() {
        assert_eq!(
            parse("0.1", Unit::Money, UNIT_PRICE).unwrap(),
            Decimal::new(1, 1)
        );
        assert_eq!(
            parse("1,250,000.50", Unit::Money, UNIT_PRICE).unwrap(),
            d("1250000.50")
        );
        assert!(parse("0,35", Unit::Money, UNIT_PRICE).is_err());
        let shown = display(d("4880000.5"), Unit::Money);
        assert_eq!(shown, "4,880,000.5");
        assert_eq!(parse(&shown, Unit::Money, AMOUNT).unwrap(), d("4880000.5"));
        assert!(parse("1e5", Unit::Money, UNIT_PRICE).is_err());
    }

    #[test]
    fn every_display_style_reads_back_what_it_shows() {
        use crate::format::style::{Style, with_style};
        let wide = Bounds {
            min: Decimal::from(-1_000_000_000),
            max: Decimal::from(1_000_000_000),
            integer: false,
        };
        for grouping in Grouping::ALL {
            let chosen = Style {
                grouping,
                ..Style::default()
            };
            with_style(chosen, || {
                for text in ["4880000.5", "1234", "1.234", "0.001", "-250000", "999.999"] {
                    let value = d(text);
                    let shown = display(value, Unit::Money);
                    assert_eq!(
                        parse(&shown, Unit::Money, wide).unwrap(),
                        value,
                        "{grouping:?}: {shown}"
                    );
                    // Plain text is always understood too, when unambiguous.
                    if grouping != Grouping::Dot || !text.contains('.') {
                        assert_eq!(parse(text, Unit::Money, wide).unwrap(), value);
                    }
                }
                assert_eq!(
                    parse("12.5 %", Unit::Fraction, FRACTION).unwrap(),
                    d("0.125")
                );
            });
        }
        let german = Style {
            grouping: Grouping::Dot,
            ..Style::default()
        };
        with_style(german, || {
            assert_eq!(display(d("4880000.5"), Unit::Money), "4880000,5");
            assert_eq!(
                parse("4.880.000,5", Unit::Money, AMOUNT).unwrap(),
                d("4880000.5")
            );
            assert_eq!(parse("12,5", Unit::Fraction, FRACTION).unwrap(), d("0.125"));
            let e = parse("1.234", Unit::Money, AMOUNT).unwrap_err();
            assert!(e.contains("ambiguous"), "{e}");
        });
    }

    #[test]
    fn out_of_range_and_fractional_counts_are_refused_in_the_typed_unit() {
        assert_eq!(
            parse("120", Unit::Fraction, FRACTION).unwrap_err(),
            "must be 0 % to 100 %"
        );
        assert_eq!(
            parse("2.5", Unit::Count, COUNT).unwrap_err(),
            "must be a whole number"
        );
        assert!(parse("", Unit::Count, COUNT).is_err());
        assert_eq!(parse_months("13", 0, 12).unwrap_err(), "must be 0 to 12");
    }
}
