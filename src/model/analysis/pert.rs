//! The PERT sampler of the Monte Carlo analysis, and the only file of the
//! model that uses binary floating point (MODEL.md section 1: the sampler
//! may draw in floating point and converts each draw to `Decimal` once).
//!
//! A PERT(low, base, high) draw is `low + (high - low) x B`, where `B` is a
//! Beta(alpha, beta) variate with `alpha = 1 + 4 (base - low) / (high - low)`
//! and `beta = 1 + 4 (high - base) / (high - low)`. `B` is drawn as
//! `X / (X + Y)` from two Gamma variates (Marsaglia and Tsang, 2000), whose
//! normal variates come from the Marsaglia polar method.
//!
//! Portability: the same seed must give the same numbers on every machine.
//! The code therefore uses only operations that IEEE 754 defines exactly
//! (addition, subtraction, multiplication, division, square root and
//! comparison), which Rust never fuses or reorders, plus a natural logarithm
//! written here from those operations instead of the platform's maths
//! library, whose results may differ in the last bit between systems. The
//! uniform variates are made from the generator's 64-bit words by integer
//! operations, not by a library's float conversion.

use rand::Rng;
use rust_decimal::Decimal;

/// Decimal places of the Beta fraction when it becomes a `Decimal`.
const FRACTION_PLACES: u32 = 15;
/// `10^FRACTION_PLACES`.
const FRACTION_SCALE: f64 = 1e15;
/// `2^-52`, the spacing of the uniform grid.
const TWO_POW_MINUS_52: f64 = 1.0 / 4_503_599_627_370_496.0;
/// `ln 2`.
const LN_2: f64 = std::f64::consts::LN_2;
/// `sqrt 2`.
const SQRT_2: f64 = std::f64::consts::SQRT_2;

/// A PERT distribution prepared for sampling.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pert {
    low: Decimal,
    span: Decimal,
    /// Shape parameters; `None` when `low == high` and every draw is `low`.
    shapes: Option<(Gamma, Gamma)>,
}

impl Pert {
    /// Prepares PERT(`low`, `base`, `high`). The caller guarantees
    /// `low <= base <= high` (validation checks it); a base outside the
    /// range is clamped into it.
    #[must_use]
    pub fn new(low: Decimal, base: Decimal, high: Decimal) -> Self {
        let (low, high) = if low <= high {
            (low, high)
        } else {
            (high, low)
        };
        let span = high - low;
        if span.is_zero() {
            return Self {
                low,
                span,
                shapes: None,
            };
        }
        let base = base.clamp(low, high);
        let share = to_float((base - low) / span).clamp(0.0, 1.0);
        let alpha = 1.0 + 4.0 * share;
        let beta = 1.0 + 4.0 * (1.0 - share);
        Self {
            low,
            span,
            shapes: Some((Gamma::new(alpha), Gamma::new(beta))),
        }
    }

    /// The mean of the distribution, `(low + 4 x base + high) / 6`, in
    /// `Decimal`.
    #[must_use]
    pub fn mean(low: Decimal, base: Decimal, high: Decimal) -> Decimal {
        (low + Decimal::from(4) * base + high) / Decimal::from(6)
    }

    /// One draw, as a `Decimal` in `[low, high]`. The Beta fraction is
    /// rounded to 15 decimal places as it becomes a `Decimal`; the rest is
    /// exact decimal arithmetic.
    pub fn draw<R: Rng + ?Sized>(&self, rng: &mut R) -> Decimal {
        let Some((x, y)) = &self.shapes else {
            return self.low;
        };
        let a = x.draw(rng);
        let b = y.draw(rng);
        let total = a + b;
        let fraction = if total > 0.0 { a / total } else { 0.5 };
        self.low + self.span * fraction_to_decimal(fraction)
    }
}

/// A Gamma(shape, 1) distribution for `shape >= 1` (Marsaglia and Tsang).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Gamma {
    d: f64,
    c: f64,
}

impl Gamma {
    fn new(shape: f64) -> Self {
        let d = shape.max(1.0) - 1.0 / 3.0;
        Self {
            d,
            c: 1.0 / (9.0 * d).sqrt(),
        }
    }

    fn draw<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        loop {
            let z = normal(rng);
            let v = 1.0 + self.c * z;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = uniform(rng);
            let z2 = z * z;
            if u < 1.0 - 0.0331 * z2 * z2 {
                return self.d * v;
            }
            if ln(u) < 0.5 * z2 + self.d * (1.0 - v + ln(v)) {
                return self.d * v;
            }
        }
    }
}

/// A uniform variate in the open interval (0, 1): the top 52 bits of a
/// word, offset by half a step so that neither end is reached.
fn uniform<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    // A 52-bit whole number converts to a double exactly.
    let whole = (rng.next_u64() >> 12) as f64;
    (whole + 0.5) * TWO_POW_MINUS_52
}

/// A standard normal variate by the Marsaglia polar method (the second
/// variate of each pair is discarded, so a draw depends on nothing but the
/// generator's state).
fn normal<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    loop {
        let a = 2.0 * uniform(rng) - 1.0;
        let b = 2.0 * uniform(rng) - 1.0;
        let s = a * a + b * b;
        if s > 0.0 && s < 1.0 {
            return a * (-2.0 * ln(s) / s).sqrt();
        }
    }
}

/// The natural logarithm of a positive, finite, normal number, from exactly
/// rounded operations only: `x = m x 2^e` with `m` in `[sqrt(1/2), sqrt(2))`,
/// then `ln m = 2 atanh((m - 1) / (m + 1))` by its series, which converges
/// to below the last bit within twelve terms for that `m`. Other inputs give
/// negative infinity (for zero or less) or the input itself.
pub(super) fn ln(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_infinite() {
        return x;
    }
    let bits = x.to_bits();
    let biased = (bits >> 52) & 0x7ff;
    if biased == 0 {
        // Subnormal numbers never reach here: uniform variates are at
        // least 2^-53 and the other arguments are at least that large.
        return f64::NEG_INFINITY;
    }
    let mut exponent = i32::try_from(biased).unwrap_or(1023) - 1023;
    let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | (1023_u64 << 52));
    if m >= SQRT_2 {
        m *= 0.5;
        exponent += 1;
    }
    let t = (m - 1.0) / (m + 1.0);
    let t2 = t * t;
    // Horner form of t (1 + t^2/3 + t^4/5 + ... + t^22/23).
    let mut sum = 0.0;
    for k in (3..=23u32).rev().step_by(2) {
        sum = (sum + 1.0 / f64::from(k)) * t2;
    }
    let ln_m = 2.0 * t * (1.0 + sum);
    f64::from(exponent) * LN_2 + ln_m
}

/// Converts a fraction in `[0, 1]` to a `Decimal` with 15 decimal places,
/// rounding half away from zero: the one crossing from floating point to
/// `Decimal`.
fn fraction_to_decimal(fraction: f64) -> Decimal {
    let scaled = (fraction.clamp(0.0, 1.0) * FRACTION_SCALE).round();
    #[expect(
        clippy::cast_possible_truncation,
        reason = "the value is a whole number from 0 to 10^15"
    )]
    let units = scaled as i64;
    Decimal::new(units, FRACTION_PLACES)
}

/// A decimal fraction as a double, by the correctly rounded standard parser
/// (the same on every platform).
pub(super) fn to_float(value: Decimal) -> f64 {
    value.normalize().to_string().parse::<f64>().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_pcg::Pcg64;

    #[test]
    fn the_portable_logarithm_matches_the_platform_to_the_last_bits() {
        for x in [
            1e-16, 2.5e-9, 0.001, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 10.0, 1e6, 7.3e12,
        ] {
            let ours = ln(x);
            let theirs = x.ln();
            assert!(
                (ours - theirs).abs() <= 4.0 * f64::EPSILON * theirs.abs().max(1.0),
                "ln({x}): {ours} against {theirs}"
            );
        }
        assert!(ln(1.0).abs() < f64::MIN_POSITIVE);
        assert!(ln(0.0).is_infinite());
    }

    #[test]
    fn uniform_variates_stay_strictly_inside_the_unit_interval() {
        struct Fixed(u64);
        impl rand::TryRng for Fixed {
            type Error = std::convert::Infallible;
            fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
                Ok(0)
            }
            fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
                Ok(self.0)
            }
            fn try_fill_bytes(&mut self, _dest: &mut [u8]) -> Result<(), Self::Error> {
                Ok(())
            }
        }
        let lowest = uniform(&mut Fixed(0));
        let highest = uniform(&mut Fixed(u64::MAX));
        assert!(lowest > 0.0 && lowest < 1e-15);
        assert!(highest < 1.0 && highest > 1.0 - 1e-15);
    }

    #[test]
    fn fractions_become_fifteen_place_decimals() {
        assert_eq!(fraction_to_decimal(0.25), Decimal::new(25, 2));
        assert_eq!(fraction_to_decimal(1.0), Decimal::ONE);
        assert_eq!(fraction_to_decimal(-0.1), Decimal::ZERO);
        assert_eq!(fraction_to_decimal(0.1).scale(), 15);
    }

    #[test]
    fn draws_stay_within_the_range() {
        let pert = Pert::new(
            Decimal::new(40, 2),
            Decimal::new(60, 2),
            Decimal::new(70, 2),
        );
        let mut rng = Pcg64::new(7, 11);
        for _ in 0..10_000 {
            let v = pert.draw(&mut rng);
            assert!(v >= Decimal::new(40, 2) && v <= Decimal::new(70, 2), "{v}");
        }
    }
}
