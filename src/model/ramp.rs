//! The realisation ramp of a programme, MODEL.md section 3.1, and the
//! escalation year of a month.

use rust_decimal::Decimal;

use super::scenario::Programme;

/// `f(t)` for every month `t = 0..=horizon` (`f(0)` is 0: month 0 has no
/// benefit). A disabled programme is 0 throughout.
#[must_use]
pub fn ramp(p: &Programme, horizon: u32) -> Vec<Decimal> {
    (0..=horizon)
        .map(|t| {
            if t == 0 {
                Decimal::ZERO
            } else {
                realisation(p, t)
            }
        })
        .collect()
}

/// [`realisation_fraction`] for every month `t = 0..=horizon`.
#[must_use]
pub fn ramp_fractions(p: &Programme, horizon: u32) -> Vec<(Decimal, u32)> {
    (0..=horizon)
        .map(|t| {
            if t == 0 {
                (Decimal::ZERO, 1)
            } else {
                realisation_fraction(p, t)
            }
        })
        .collect()
}

/// `f(t)` for one month `t >= 1` (MODEL.md 3.1), rounded to 28 digits
/// where the ramp is a repeating decimal (for display; cells use
/// [`realisation_fraction`]).
#[must_use]
pub fn realisation(p: &Programme, t: u32) -> Decimal {
    let (numerator, denominator) = realisation_fraction(p, t);
    numerator / Decimal::from(denominator)
}

/// `f(t)` as an exact fraction `(numerator, denominator)`: during the
/// rollout `f = (c R + (1 - c)(k - P)) / R`, whose numerator is a finite
/// decimal and whose denominator is the whole number `R` (1 otherwise). Cells multiply by the numerator and divide once at the end, so
/// no intermediate value is rounded (MODEL.md section 3): a cell that is
/// exactly a half cent, such as 64,462.14 x 1/3 / 12 = 1,790.615, rounds
/// away from zero as it should.
#[must_use]
pub fn realisation_fraction(p: &Programme, t: u32) -> (Decimal, u32) {
    if !p.enabled || t <= p.go_live_month {
        return (Decimal::ZERO, 1);
    }
    let k = t - p.go_live_month;
    let c = p.pilot_coverage;
    if k <= p.pilot_months {
        (c, 1)
    } else if k <= p.pilot_months + p.rollout_months {
        let r = p.rollout_months;
        (
            c * Decimal::from(r) + (Decimal::ONE - c) * Decimal::from(k - p.pilot_months),
            r,
        )
    } else {
        (Decimal::ONE, 1)
    }
}

/// `y(t) = floor((t - 1) / 12)`, the escalation year of month `t >= 1`.
#[must_use]
pub fn escalation_year(t: usize) -> usize {
    debug_assert!(t >= 1, "month 0 has no escalation year");
    t.saturating_sub(1) / 12
}

/// `(1 + growth)^y` for `y = 0..years`, by exact repeated multiplication.
#[must_use]
pub fn growth_factors(growth: Decimal, years: usize) -> Vec<Decimal> {
    let base = Decimal::ONE + growth;
    let mut out = Vec::with_capacity(years);
    let mut factor = Decimal::ONE;
    for _ in 0..years {
        out.push(factor);
        factor *= base;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn programme(enabled: bool, s: u32, p: u32, c: &str, r: u32) -> Programme {
        Programme {
            enabled,
            go_live_month: s,
            pilot_months: p,
            pilot_coverage: d(c),
            rollout_months: r,
        }
    }

    #[test]
    fn ramp_follows_pilot_then_linear_rollout() {
        // s = 2, P = 3, c = 0.25, R = 6.
        let p = programme(true, 2, 3, "0.25", 6);
        let f = ramp(&p, 14);
        let expected = [
            "0", "0", "0", // t = 0, 1, 2: before go-live
            "0.25", "0.25", "0.25", // k = 1..=3: pilot
            "0.375", "0.5", "0.625", "0.75", "0.875", "1", // k = 4..=9: 0.25 + 0.75 (k-3)/6
            "1", "1", "1",
        ];
        let expected: Vec<Decimal> = expected.iter().map(|s| d(s)).collect();
        assert_eq!(f, expected);
    }

    #[test]
    fn rollout_fractions_stay_exact() {
        // R = 3: f = 1/3 in the first rollout month, kept as 1 / 3.
        let p = programme(true, 0, 0, "0", 3);
        assert_eq!(realisation_fraction(&p, 1), (d("1"), 3));
        assert_eq!(realisation_fraction(&p, 3), (d("3"), 3));
        assert_eq!(realisation_fraction(&p, 4), (d("1"), 1));
    }

    #[test]
    fn zero_rollout_goes_straight_to_full() {
        let p = programme(true, 0, 1, "0.5", 0);
        assert_eq!(realisation(&p, 1), d("0.5"));
        assert_eq!(realisation(&p, 2), Decimal::ONE);
    }

    #[test]
    fn disabled_programme_realises_nothing() {
        let p = programme(false, 0, 0, "1", 0);
        assert!(ramp(&p, 24).iter().all(Decimal::is_zero));
    }

    #[test]
    fn escalation_year_table() {
        for (t, y) in [(1, 0), (12, 0), (13, 1), (24, 1), (25, 2), (120, 9)] {
            assert_eq!(escalation_year(t), y, "t = {t}");
        }
    }

    #[test]
    fn growth_factors_compound_exactly() {
        assert_eq!(
            growth_factors(d("0.05"), 4),
            vec![d("1"), d("1.05"), d("1.1025"), d("1.157625")]
        );
        assert_eq!(
            growth_factors(d("-0.5"), 3),
            vec![d("1"), d("0.5"), d("0.25")]
        );
    }
}
