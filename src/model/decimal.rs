//! Decimal conventions shared by the whole model: the one rounding rule
//! (`round2`, midpoint away from zero), fixed-point formatting of figures,
//! and the serde adapter that reads decimals exactly from scenario files.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds to `dp` decimal places, midpoint away from zero (MODEL.md section 3).
/// A negative zero comes back as a plain zero.
#[must_use]
pub fn round_dp(value: Decimal, dp: u32) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    rounded
}

/// The one money rounding of the model: 2 places, midpoint away from zero,
/// never a negative zero. The result always has exactly 2 places (`250000`
/// comes back as `250000.00`), so that sums of cells are sums of cents. A
/// value with more than 2 places is rounded in integer arithmetic on its
/// mantissa (it is the largest single cost of building a table), giving the
/// value [`round_dp`] gives; a unit test compares the two.
#[must_use]
pub fn round2(value: Decimal) -> Decimal {
    let places = value.scale();
    if places <= 2 {
        let mut cents = round_dp(value, 2);
        cents.rescale(2);
        return cents;
    }
    let divisor = 10i128.pow(places - 2);
    let mantissa = value.mantissa();
    let mut cents = mantissa / divisor;
    let rest = (mantissa % divisor).abs();
    if rest >= divisor - rest {
        cents += mantissa.signum();
    }
    if cents == 0 {
        return Decimal::new(0, 2);
    }
    Decimal::from_i128_with_scale(cents, 2)
}

/// Formats `value` rounded to exactly `dp` decimals (`12.5` with 2 -> `"12.50"`),
/// never as `-0.00`.
#[must_use]
pub fn fixed(value: Decimal, dp: u32) -> String {
    let mut rounded = round_dp(value, dp);
    rounded.rescale(dp);
    rounded.to_string()
}

/// Formats money for people: thousands separators and exactly two decimals,
/// e.g. `-1234567.5` -> `-1,234,567.50`.
#[must_use]
pub fn grouped(value: Decimal, dp: u32) -> String {
    let text = fixed(value, dp);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int_part, frac_part) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut out = String::with_capacity(text.len() + int_part.len() / 3);
    out.push_str(sign);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(frac) = frac_part {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// Counts significant digits of a plain decimal literal: leading zeros (and
/// the sign and point) are not counted, trailing zeros are.
#[must_use]
pub fn significant_digits(literal: &str) -> usize {
    literal
        .chars()
        .filter(char::is_ascii_digit)
        .skip_while(|c| *c == '0')
        .count()
}

/// The most significant digits a bare (unquoted) number may carry in a file.
pub const MAX_BARE_DIGITS: usize = 15;
/// The most significant digits a quoted decimal may carry.
pub const MAX_STRING_DIGITS: usize = 28;

/// Parses a decimal typed by a person or written as a string in a file,
/// exactly: no exponent, no rounding, at most 28 significant digits.
pub fn parse_exact(text: &str) -> Result<Decimal, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("a number is required".to_owned());
    }
    let body = trimmed.strip_prefix(['-', '+']).unwrap_or(trimmed);
    if body.is_empty()
        || !body.chars().all(|c| c.is_ascii_digit() || c == '.')
        || body.chars().filter(|c| *c == '.').count() > 1
        || !body.chars().any(|c| c.is_ascii_digit())
    {
        return Err(format!(
            "`{trimmed}` is not a plain decimal number (write e.g. 1250.50)"
        ));
    }
    if significant_digits(body) > MAX_STRING_DIGITS {
        return Err(format!(
            "`{trimmed}` has more than {MAX_STRING_DIGITS} significant digits"
        ));
    }
    let normalised = trimmed.strip_prefix('+').unwrap_or(trimmed);
    Decimal::from_str_exact(normalised)
        .map_err(|e| format!("`{trimmed}` cannot be read exactly: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn integer_round2_gives_the_value_of_decimal_rounding_with_two_places() {
        let cases = [
            "2.345",
            "-2.345",
            "2.344999",
            "1790.615",
            "0.004",
            "-0.004",
            "0.005",
            "-0.005",
            "0.0000000000000000000000000001",
            "7922816251426433759354395.0335",
            "-7922816251426433759354395.0335",
            "12.5",
            "100",
            "0",
            "0.00",
            "75.225000000000000000000000",
        ];
        for case in cases {
            let value = d(case);
            let cents = round2(value);
            assert_eq!(cents, round_dp(value, 2), "{case}");
            assert_eq!(cents.scale(), 2, "{case}");
            assert!(!cents.is_sign_negative() || !cents.is_zero(), "{case}");
        }
    }

    #[test]
    fn round2_ties_go_away_from_zero() {
        assert_eq!(round2(d("1003") * d("0.9") / d("12")), d("75.23"));
        assert_eq!(round2(d("2.345")), d("2.35"));
        assert_eq!(round2(d("-2.345")), d("-2.35"));
        assert_eq!(round2(d("2.344999")), d("2.34"));
    }

    #[test]
    fn fixed_pads_and_never_shows_negative_zero() {
        assert_eq!(fixed(d("12.5"), 2), "12.50");
        assert_eq!(fixed(d("-0.001"), 2), "0.00");
        assert_eq!(fixed(d("0.1234565"), 6), "0.123457");
    }

    #[test]
    fn grouped_inserts_thousands_separators() {
        assert_eq!(grouped(d("-1234567.5"), 2), "-1,234,567.50");
        assert_eq!(grouped(d("999"), 2), "999.00");
        assert_eq!(grouped(d("1000"), 0), "1,000");
    }

    #[test]
    fn parse_exact_accepts_plain_decimals_only() {
        assert_eq!(parse_exact(" 0.1 ").unwrap(), d("0.1"));
        assert_eq!(parse_exact("+5").unwrap(), d("5"));
        assert!(parse_exact("1e5").is_err());
        assert!(parse_exact("").is_err());
        assert!(parse_exact("1.2.3").is_err());
        assert!(parse_exact("12345678901234567890123456789").is_err());
    }
}
