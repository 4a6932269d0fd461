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
/// comes back as `250000.00`), so that sums of cells are sums of cents. It
/// is done in integer arithmetic on the mantissa ([`round2_cents`]; it is
/// the most frequent operation of building a table), giving the value
/// [`round_dp`] gives; a unit test compares the two.
#[must_use]
pub fn round2(value: Decimal) -> Decimal {
    from_cents(round2_cents(value))
}

/// [`round2`] as a whole number of cents.
#[inline]
#[must_use]
pub fn round2_cents(value: Decimal) -> i128 {
    let places = value.scale();
    exact_cents(value).unwrap_or_else(|| rounded_quotient(value.mantissa(), 10i128.pow(places - 2)))
}

/// `round2(value / divisor)` for a whole `divisor`, with the quotient
/// rounded once, to cents, from its exact value: the mantissa times 100 over
/// `divisor x 10^scale`, in integers, midpoint away from zero. This is how
/// every cell is divided by 12 (and by the rollout months): `Decimal`'s own
/// division would first round the quotient to 28 digits, which gives the
/// same cents (a quotient by at most 1,440 cannot carry the long run of 9s
/// or 0s past the cents that a second rounding needs) at several times the
/// cost. A unit test compares the two. A zero divisor, or one too large for
/// the integer form, falls back to `Decimal` division.
#[must_use]
pub fn round2_ratio(value: Decimal, divisor: u32) -> Decimal {
    from_cents(round2_ratio_cents(value, divisor))
}

/// [`round2_ratio`] as a whole number of cents.
#[must_use]
pub fn round2_ratio_cents(value: Decimal, divisor: u32) -> i128 {
    let denominator = power_of_ten(value.scale())
        .and_then(|p| p.checked_mul(i128::from(divisor)))
        .filter(|d| *d != 0);
    // |mantissa| < 2^96, so 100 times it fits in an i128.
    let cents = denominator.map(|d| rounded_quotient(value.mantissa() * 100, d));
    match cents {
        Some(cents) if cents.unsigned_abs() < 1u128 << 96 => cents,
        _ => round2_cents(value / Decimal::from(divisor)),
    }
}

/// `10^exponent` for a `Decimal`'s scale (at most 28), from a table: a
/// power is needed for every cell.
fn power_of_ten(exponent: u32) -> Option<i128> {
    const POWERS: [i128; 29] = {
        let mut powers = [1i128; 29];
        let mut k = 1;
        while k < powers.len() {
            powers[k] = powers[k - 1] * 10;
            k += 1;
        }
        powers
    };
    POWERS.get(exponent as usize).copied()
}

/// `numerator / denominator` (positive) rounded to a whole number, midpoint
/// away from zero.
fn rounded_quotient(numerator: i128, denominator: i128) -> i128 {
    // One division of the magnitudes (a 128-bit division is a library call,
    // the costliest step of a cell): the rest comes from the quotient.
    let magnitude = numerator.unsigned_abs();
    let divisor = denominator.unsigned_abs();
    let mut quotient = magnitude / divisor;
    let rest = magnitude - quotient * divisor;
    if rest >= divisor - rest {
        quotient += 1;
    }
    // The quotient is at most the numerator's magnitude, which fits.
    let quotient = i128::try_from(quotient).unwrap_or(i128::MAX);
    if numerator < 0 { -quotient } else { quotient }
}

/// The whole cents of a value with at most 2 places (as every cell has);
/// `None` for a value with more places.
#[inline]
#[must_use]
pub fn exact_cents(value: Decimal) -> Option<i128> {
    // |mantissa| < 2^96: a hundred times it fits in an i128.
    let mantissa = value.mantissa();
    match value.scale() {
        2 => Some(mantissa),
        1 => Some(mantissa * 10),
        0 => Some(mantissa * 100),
        _ => None,
    }
}

/// The sum of `values` exactly as `Decimal` addition gives it (the same
/// value and the same scale), made in integer cents when every value has at
/// most 2 places, as every cell of the table has: much cheaper than a
/// `Decimal` addition per month. Any other value, or a sum outside the
/// cents' range, falls back to `Decimal` addition.
#[must_use]
pub fn sum_cells(values: &[Decimal]) -> Decimal {
    let mut total = 0i128;
    let mut scale = 0;
    for value in values {
        let Some(cents) = exact_cents(*value) else {
            return values.iter().sum();
        };
        total += cents;
        scale = scale.max(value.scale());
    }
    if total.unsigned_abs() >= 1u128 << 96 {
        return values.iter().sum();
    }
    let mut sum = from_cents(total);
    sum.rescale(scale);
    sum
}

/// A whole number of cents as a `Decimal` of 2 places, never a negative
/// zero. Every amount the model makes is far inside `Decimal`'s range (the
/// validation bounds money and counts, see docs/DECISIONS.md); one outside
/// it would saturate instead of panicking.
#[must_use]
pub fn from_cents(cents: i128) -> Decimal {
    let magnitude = cents.unsigned_abs();
    if magnitude >= 1u128 << 96 {
        return if cents < 0 {
            Decimal::MIN
        } else {
            Decimal::MAX
        };
    }
    // The three 32-bit words of the mantissa (the casts keep the low bits).
    #[expect(
        clippy::cast_possible_truncation,
        reason = "each word is masked to 32 bits"
    )]
    let word = |shift: u32| (magnitude >> shift) as u32;
    Decimal::from_parts(word(0), word(32), word(64), cents < 0, 2)
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
    fn a_sum_of_cells_is_decimal_addition_to_the_scale() {
        let cases: [&[&str]; 7] = [
            &[],
            &["1.25", "-3.10", "7"],
            &["5", "6"],
            &["0.5", "0.25"],
            &["-1.00", "1.00"],
            &["0.001", "2.50"],
            &["79228162514264337593543950.33", "-1.00"],
        ];
        for values in cases {
            let values: Vec<Decimal> = values.iter().map(|v| d(v)).collect();
            let expected: Decimal = values.iter().sum();
            let got = sum_cells(&values);
            assert_eq!(got, expected, "{values:?}");
            assert_eq!(got.to_string(), expected.to_string(), "{values:?}");
        }
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

    /// The exact integer quotient gives the cents of `Decimal` division
    /// followed by `round2`, over many values, every rollout divisor and
    /// quotients that land exactly on half a cent.
    #[test]
    fn round2_ratio_matches_decimal_division() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for months in 1..=120u32 {
            let divisor = 12 * months;
            for _ in 0..200 {
                let mantissa = i64::try_from(next() % 1_000_000_000_000_000).unwrap();
                let scale = u32::try_from(next() % 13).unwrap();
                let value = Decimal::new(mantissa, scale);
                let expected = round2(value / Decimal::from(divisor));
                assert_eq!(
                    round2_ratio(value, divisor),
                    expected,
                    "{value} / {divisor}"
                );
                assert_eq!(round2_ratio(value, divisor).scale(), 2);
                // A quotient of exactly k + 0.005: half a cent, away from zero.
                let tie = Decimal::new(mantissa % 1_000_000, 0) + d("0.005");
                let at_tie = tie * Decimal::from(divisor);
                assert_eq!(
                    round2_ratio(at_tie, divisor),
                    round2(tie),
                    "{at_tie} / {divisor}"
                );
            }
        }
        // A long product, as cells make, and a negative value.
        let long = d("64462.1400000000000000000001") * d("1");
        assert_eq!(round2_ratio(long, 36), round2(long / Decimal::from(36)));
        assert_eq!(round2_ratio(d("-1790.615"), 1), d("-1790.62"));
        assert_eq!(round2_ratio(d("0.001"), 12), Decimal::new(0, 2));
    }

    /// Summing cells as whole cents and making the sum a `Decimal` again
    /// gives the exact sum, with the 2 places of a cell, as the tables do.
    #[test]
    fn sums_of_cents_are_the_exact_sum() {
        let cases: [&[&str]; 7] = [
            &[],
            &["0", "0.00", "0"],
            &["250000", "0.50", "0", "1790.62"],
            &["1.5", "2", "0.00"],
            &["100", "200"],
            &["5.00", "-5.00", "1"],
            &["792281625142643375935439503.35", "0"],
        ];
        for case in cases {
            let cells: Vec<Decimal> = case.iter().map(|s| d(s)).collect();
            let fast = from_cents(cells.iter().map(|c| exact_cents(*c).unwrap()).sum());
            let slow: Decimal = cells.iter().sum();
            assert_eq!(fast, slow, "{case:?}");
            assert_eq!(fast.scale(), 2, "{case:?}");
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
