//! The evaluation of the IRR's sign form in binary fixed point, with signs
//! that are exact.
//!
//! A point is `z = m / 2^124` for a whole `m` in (0, 2^124] (see the module
//! notes of the search): finer than `Decimal`'s last place, which the
//! annual figure of an extreme rate needs (near 10 a month, its sixth
//! place moves with `z` in the 23rd). The months' nets are whole numbers of
//! units; a step of Horner's rule multiplies the accumulator by the point,
//! floors the product to a whole unit and adds the month. There are two
//! widths:
//!
//! - **narrow**: units of `2^-e` of the nets' last decimal place, `e` as
//!   large as keeps every accumulator under `2^62` in size, at the point cut
//!   to 62 bits, so a step is one 64 by 64-bit multiplication and a shift;
//! - **wide**: `2^62` times finer, every accumulator under `2^125`, at the
//!   whole point, a step four such multiplications. It is tried when the
//!   narrow result is too near zero to tell the sign, which happens only at
//!   points very near a root.
//!
//! **Why the signs are exact.** Each floor lowers the accumulator by less
//! than one unit, and later steps only multiply that error by `z <= 1`, so
//! for `n` months the result lies in `(P - n, P]` for the exact value `P` at
//! the point evaluated. A positive result is a positive `P`, and a result of
//! `-n` or less a negative one. The narrow point is below the real one by
//! less than `2^-62`, and the sign form's slope is at most `n - 1` times the
//! sum of the months' sizes, which is under `2^62` units, so the value moves
//! by less than `n` more units: its margins are `n` and `2n`. Within the
//! margins the sign is not known and the value is reported as zero: the
//! point is a root to the precision of the evaluation. When the nets do not
//! fit at their own decimal places (only amounts far beyond any business
//! case, near `Decimal`'s limits), they are rounded to coarser places, each
//! by at most half a unit, and the wide margins grow by `n` of those
//! places.

use rust_decimal::Decimal;

use super::Side;

/// A point of the search: `z = m / 2^124`.
pub(super) type Point = i128;

/// The bits below the binary point of a [`Point`].
const POINT_BITS: u32 = 124;

/// `z = 1`.
pub(super) const ONE: Point = 1 << POINT_BITS;

/// The bits of the narrow evaluation's point and of its units' headroom.
const NARROW_BITS: u32 = 62;

/// The low 64 bits.
const LOW: i128 = (1 << 64) - 1;

/// The places of a [`Point`] turned into a `Decimal`.
const DECIMAL_PLACES: u32 = 27;

/// The months' nets in whole units, and how far from zero a result must be
/// for its sign to be certain.
struct Units<T> {
    months: Vec<T>,
    /// A result above this is positive.
    above: i128,
    /// A result at or below this is negative.
    below: i128,
}

/// The nets for the evaluation: always the wide units, and the narrow ones
/// when they are the wide ones `2^62` times coarser (the nets fit 62 bits at
/// their own places, as every business case's cents do).
pub(super) struct Flows {
    narrow: Option<Units<i64>>,
    wide: Units<i128>,
    /// The sum of the nets in wide units: the value at `z = 1`.
    at_zero: i128,
    /// How far a value of [`Flows::eval`] may be from the exact one, in
    /// wide units.
    margin: i128,
}

/// The months in coarse units, for the slope of the sign form, which only
/// the scan for several roots needs ([`Flows::slopes`]).
pub(super) struct Slopes {
    /// The months' sizes in units of `2^shift` wide units, rounded up, for
    /// [`Slopes::bound`].
    sizes: Vec<i128>,
    /// The months' nets in the same units, rounded down, for
    /// [`Slopes::sign`].
    nets: Vec<i128>,
    shift: u32,
    /// [`Flows::eval`]'s margin, in wide units.
    margin: i128,
}

impl Flows {
    /// The nets as whole units: at their own places when they fit, else at
    /// the most places that fit (see the module notes).
    pub(super) fn new(net: &[Decimal]) -> Self {
        let months = i128::try_from(net.len()).unwrap_or(i128::MAX);
        let places = net.iter().map(Decimal::scale).max().unwrap_or(0);
        let wide_limit = 1i128 << 124;
        // At worst 10^-28 of the largest `Decimal` is under 8 units a month.
        let (integers, exact) = (-28..=i32::try_from(places).unwrap_or(28))
            .rev()
            .find_map(|p| integers(net, p, wide_limit - months))
            .unwrap_or_default();
        let size: i128 = integers.iter().map(|i| i.abs()).sum();
        let narrow_room = (1i128 << NARROW_BITS) - months;
        let narrow_shift = (exact && size < narrow_room).then(|| largest_shift(size, narrow_room));
        let narrow = narrow_shift.and_then(|shift| {
            let units = integers
                .iter()
                .map(|i| i64::try_from(i << shift).ok())
                .collect::<Option<Vec<i64>>>()?;
            Some(Units {
                months: units,
                above: months - 1,
                below: -2 * months,
            })
        });
        // The wide units are the narrow ones `2^62` finer when there are
        // narrow ones, so that a narrow result converts by a shift.
        let wide_shift = match (&narrow, narrow_shift) {
            (Some(_), Some(shift)) => shift + NARROW_BITS,
            _ => largest_shift(size, wide_limit - months),
        };
        let rounding = if exact { 0 } else { months << wide_shift };
        let units: Vec<i128> = integers.iter().map(|i| i << wide_shift).collect();
        Self {
            margin: ((2 * months) << NARROW_BITS) + months + rounding,
            narrow,
            at_zero: units.iter().sum(),
            wide: Units {
                months: units,
                above: rounding,
                below: -months - rounding,
            },
        }
    }

    /// The months in coarse units for the slope: small enough that `n`
    /// times their sum (and `n` more for each rounding up) stays under
    /// 2^62, since the wide sizes add up to less than 2^124.
    pub(super) fn slopes(&self) -> Slopes {
        let units = &self.wide.months;
        let months = units.len();
        let month_bits = usize::BITS - months.leading_zeros();
        let shift = (POINT_BITS - NARROW_BITS + 1 + month_bits).min(POINT_BITS);
        Slopes {
            sizes: units.iter().map(|u| (u.abs() >> shift) + 1).collect(),
            nets: units.iter().map(|u| u >> shift).collect(),
            shift,
            margin: self.margin,
        }
    }

    /// The value at `z = 1` (the sum of the nets), in the units of
    /// [`Self::eval`]: exact when the nets fit at their own places (always,
    /// for a business case), else the sum of the rounded nets.
    pub(super) fn at_zero(&self) -> i128 {
        self.at_zero
    }

    /// The sign of the first month's net and of the last one's.
    pub(super) fn end_signs(&self) -> (i8, i8) {
        let units = &self.wide.months;
        let sign = |u: Option<&i128>| u.map_or(0, |u| sign(*u));
        (sign(units.first()), sign(units.last()))
    }

    /// The sign form at `m` (see the module notes of the search), in wide
    /// units: its sign is the exact sign, or it is zero when the point is
    /// too near a root to tell.
    pub(super) fn eval(&self, side: Side, m: Point) -> i128 {
        if let Some(narrow) = &self.narrow {
            // The point cut to 62 bits: at most 2^62.
            let top = i64::try_from(m >> (POINT_BITS - NARROW_BITS)).unwrap_or(i64::MAX);
            let step = |acc: i64, unit: &i64| mul_point(acc, top) + unit;
            let acc = i128::from(match side {
                Side::Up => narrow.months.iter().rev().fold(0, step),
                Side::Down => narrow.months.iter().fold(0, step),
            });
            if acc > narrow.above || acc <= narrow.below {
                return acc << NARROW_BITS;
            }
        }
        let step = |acc: i128, unit: &i128| mul_point_wide(acc, m) + unit;
        let acc = match side {
            Side::Up => self.wide.months.iter().rev().fold(0, step),
            Side::Down => self.wide.months.iter().fold(0, step),
        };
        if acc > self.wide.above || acc <= self.wide.below {
            acc
        } else {
            0
        }
    }
}

impl Slopes {
    /// An upper bound of the size of the sign form's slope at every point
    /// of (0, m], in coarse units per unit of `z`: the slope of the sign
    /// form with every month's size in place of its net, at `m` rounded up
    /// to 62 bits, which is the largest there (its terms only grow with
    /// `z`), by Horner's rule for the value and the slope together with
    /// every product rounded up. The coarse sizes keep both under 2^62.
    pub(super) fn bound(&self, side: Side, m: Point) -> i128 {
        let top = (m >> (POINT_BITS - NARROW_BITS)) + 1;
        let up = |x: i128| (x * top + (1 << NARROW_BITS) - 1) >> NARROW_BITS;
        // Horner's rule for the value and its slope: slope <- slope z +
        // value, then value <- value z + size.
        let step =
            |(value, slope): (i128, i128), size: &i128| (up(value) + size, up(slope) + value);
        let (_, slope) = match side {
            Side::Up => self.sizes.iter().rev().fold((0, 0), step),
            Side::Down => self.sizes.iter().fold((0, 0), step),
        };
        slope
    }

    /// The exact sign of the sign form's slope at `m`, or 0 when it is too
    /// near zero to tell. Horner's rule for the value and the slope in
    /// coarse units, at `m` cut to 62 bits, each product floored. The slope
    /// is then off the exact one by less than `3 n^2 + 2 n` units for `n`
    /// months: the nets rounded down to coarse units move it by less than
    /// `n^2 / 2`, the cut point by less than `n^2` (the second derivative of
    /// the coarse sizes is under `n^2 2^61`, the cut under `2^-62`), and the
    /// floors by less than `n (n + 1)`.
    pub(super) fn sign(&self, side: Side, m: Point) -> i8 {
        let top = m >> (POINT_BITS - NARROW_BITS);
        let down = |x: i128| (x * top) >> NARROW_BITS;
        let step =
            |(value, slope): (i128, i128), net: &i128| (down(value) + net, down(slope) + value);
        let (_, slope) = match side {
            Side::Up => self.nets.iter().rev().fold((0, 0), step),
            Side::Down => self.nets.iter().fold((0, 0), step),
        };
        let months = i128::try_from(self.nets.len()).unwrap_or(i128::MAX / 4);
        if slope.abs() > 3 * months * months + 2 * months {
            sign(slope)
        } else {
            0
        }
    }

    /// Whether the sign form has no root between the points `a` and `b`,
    /// given the values there (of the same sign) and `slope`, a
    /// [`Self::bound`] at a point at or above both: a root at `z`
    /// would need `|f(a)| <= slope |z - a|` and `|f(b)| <= slope |b - z|`,
    /// so `|f(a)| + |f(b)| <= slope |b - a|` (each value taken at its
    /// smallest, less the evaluation's margin). `false` whenever that is not
    /// shown.
    pub(super) fn no_root_between(
        &self,
        slope: i128,
        (a, fa): (Point, i128),
        (b, fb): (Point, i128),
    ) -> bool {
        if fa == 0 || fb == 0 || sign(fa) != sign(fb) {
            return false;
        }
        // The width in units of 2^-(124 - shift), rounded up, so that
        // `slope x width` is in wide units.
        let width = ((a - b).abs() >> (POINT_BITS - self.shift)) + 1;
        let reach = slope
            .checked_mul(width)
            .and_then(|r| r.checked_add(2 * self.margin));
        reach.is_some_and(|reach| fa.abs() + fb.abs() > reach)
    }
}

/// The nets as whole multiples of `10^-places` (rounded, midpoint away from
/// zero, when they have more places) and whether that was exact; `None`
/// when their sizes add up to `limit` or more.
fn integers(net: &[Decimal], places: i32, limit: i128) -> Option<(Vec<i128>, bool)> {
    let mut exact = true;
    let mut size = 0i128;
    let mut out = Vec::with_capacity(net.len());
    for n in net {
        let shift = places - i32::try_from(n.scale()).ok()?;
        let value = if shift >= 0 {
            n.mantissa()
                .checked_mul(10i128.checked_pow(shift.unsigned_abs())?)?
        } else {
            let divisor = 10i128.checked_pow(shift.unsigned_abs())?;
            let (q, r) = (n.mantissa() / divisor, n.mantissa() % divisor);
            exact &= r == 0;
            if r.abs() * 2 >= divisor {
                q + r.signum()
            } else {
                q
            }
        };
        size = size.checked_add(value.checked_abs()?)?;
        if size >= limit {
            return None;
        }
        out.push(value);
    }
    Some((out, exact))
}

/// The largest shift `s <= 62` with `size x 2^s < room`, for `size < room`.
fn largest_shift(size: i128, room: i128) -> u32 {
    let mut shift = 0;
    while shift < NARROW_BITS && size << (shift + 1) < room {
        shift += 1;
    }
    shift
}

pub(super) fn sign(value: i128) -> i8 {
    match value.signum() {
        1 => 1,
        -1 => -1,
        _ => 0,
    }
}

/// `acc x top / 2^62`, floored. Both are under `2^62` in size (`top <=
/// 2^62`), so the product fits an `i128` and the result an `i64`.
#[allow(clippy::cast_possible_truncation)]
fn mul_point(acc: i64, top: i64) -> i64 {
    ((i128::from(acc) * i128::from(top)) >> NARROW_BITS) as i64
}

/// `acc x m / 2^124`, floored, for `|acc| < 2^125` and `0 < m <= 2^124`, in
/// 64-bit halves: `acc = a1 2^64 + a0` and `m = m1 2^64 + m0` with `a0` and
/// `m0` in [0, 2^64), so that
/// `floor(acc m / 2^124) = 16 a1 m1 + floor((a1 m0 + a0 m1 + floor(a0 m0 / 2^64)) / 2^60)`,
/// every product and sum of which fits an `i128` (`|a1| < 2^61`, `m1 <= 2^60`).
#[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
fn mul_point_wide(acc: i128, m: Point) -> i128 {
    let (a1, a0) = (acc >> 64, acc & LOW);
    let (m1, m0) = (m >> 64, m & LOW);
    // Below 2^128 as unsigned; its top half is below 2^64.
    let low = ((a0.unsigned_abs() * m0.unsigned_abs()) >> 64) as i128;
    16 * a1 * m1 + ((a1 * m0 + a0 * m1 + low) >> 60)
}

/// The point at or just below `z` in (0, 1]: `z x 2^124` floored, by long
/// division of the mantissa by `10^scale`, 31 bits at a time (the remainder
/// is under `10^28 < 2^94`, so it can be shifted by 31 in an `i128`).
/// `None` outside (0, 1].
pub(super) fn point_below(z: Decimal) -> Option<Point> {
    if z.is_sign_negative() || z.is_zero() || z > Decimal::ONE {
        return None;
    }
    let divisor = 10i128.pow(z.scale());
    let (mut m, mut rest) = (z.mantissa() / divisor, z.mantissa() % divisor);
    for _ in 0..4 {
        rest <<= 31;
        m = (m << 31) | (rest / divisor);
        rest %= divisor;
    }
    Some(m)
}

/// The `Decimal` of 27 places at or below (`up` false) or at or above (`up`
/// true) the point `m`: `m 10^27 / 2^124 = m 5^27 / 2^97`, taken with `m` in
/// halves of 62 bits (`m = mh 2^62 + ml`) as
/// `floor((mh 5^27 + floor(ml 5^27 / 2^62)) / 2^35)`; `5^27 < 2^63`, so each
/// product fits an `i128`.
pub(super) fn decimal(m: Point, up: bool) -> Decimal {
    let five = 5i128.pow(DECIMAL_PLACES);
    let half = (1i128 << 62) - 1;
    let low = (m & half) * five;
    let total = (m >> 62) * five + (low >> 62);
    let shift = 35;
    let mut mantissa = total >> shift;
    if up && (low & half != 0 || mantissa << shift != total) {
        mantissa += 1;
    }
    Decimal::from_i128_with_scale(mantissa, DECIMAL_PLACES)
}

/// `x x num / den` (towards zero, near enough: it only guides the search)
/// for `|num| <= |den|`, `den` not zero and `|x| < 2^125`: `num` and `den`
/// are first brought under `2^63` together, then `x` is divided before it
/// is multiplied.
pub(super) fn scale_by(x: i128, num: i128, den: i128) -> i128 {
    let bits = 128 - den.unsigned_abs().leading_zeros();
    let drop = bits.saturating_sub(63);
    let (num, den) = (num >> drop, den >> drop);
    (x / den) * num + (x % den) * num / den
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn points_and_decimals_bracket_each_other() {
        assert_eq!(point_below(d("0.5")), Some(1 << 123));
        assert_eq!(point_below(Decimal::ONE), Some(ONE));
        assert_eq!(point_below(d("-0.1")), None);
        assert_eq!(point_below(d("1.1")), None);
        assert_eq!(point_below(Decimal::ZERO), None);
        assert_eq!(decimal(1 << 123, false), d("0.5"));
        assert_eq!(decimal(1 << 123, true), d("0.5"));
        assert_eq!(decimal(ONE, true), Decimal::ONE);
        let ulp = Decimal::new(1, DECIMAL_PLACES);
        for z in [
            Decimal::ONE / Decimal::from(3),
            d("0.090910"),
            d("0.987654321"),
            d("0.0000000000000000000000000001"),
        ] {
            let m = point_below(z).unwrap();
            let (below, above) = (decimal(m, false), decimal(m, true));
            assert!(below <= z && z <= above && above - below <= ulp, "{z}");
            // The point is the floor: the next one is past `z`, checked in
            // integers as `(m + 1) 10^s > mantissa 2^124` over 10^s chunks.
            let next = decimal(m + 1, true);
            assert!(next >= z, "{z}");
        }
        // 2^124 / 10^7, the search's check width, in points.
        assert_eq!(
            point_below(Decimal::new(1, 7)),
            Some(2_126_764_793_255_865_396_646_091_296_448)
        );
    }

    #[test]
    fn scale_by_multiplies_by_the_ratio() {
        assert_eq!(scale_by(1_000, 1, 4), 250);
        assert_eq!(scale_by(-1_000, 3, 4), -750);
        assert_eq!(scale_by(1 << 124, 1 << 100, 1 << 101), 1 << 123);
        assert_eq!(scale_by(1 << 60, -(1 << 110), 1 << 110), -(1 << 60));
    }

    #[test]
    fn wide_multiplication_is_the_floor_of_the_exact_product() {
        // Products that fit an i128 on their own.
        for acc in [
            0i128,
            1,
            -1,
            (1 << 60) - 7,
            -(1 << 60) + 3,
            -98_765_432_109_876,
        ] {
            for m in [
                1i128,
                3,
                (1 << 66) - 1,
                1 << 65,
                123_456_789_012_345_678_901,
            ] {
                assert_eq!(mul_point_wide(acc, m), (acc * m) >> 124, "{acc} {m}");
            }
        }
        // Whole, half and nearly whole points.
        for acc in [
            (1i128 << 124) - 7,
            -(1 << 124) + 3,
            123_456_789_012_345_678_901_234_567,
        ] {
            assert_eq!(mul_point_wide(acc, ONE), acc);
            assert_eq!(mul_point_wide(acc, ONE / 2), acc >> 1);
        }
        // (2^124 - 1)^2 / 2^124 = 2^124 - 2 + 2^-124.
        assert_eq!(mul_point_wide(ONE - 1, ONE - 1), ONE - 2);
        // -(2^124 - 1) (2^124 - 1) / 2^124 floors to -(2^124 - 1).
        assert_eq!(mul_point_wide(-(ONE - 1), ONE - 1), -(ONE - 1));
    }

    #[test]
    fn nets_fit_at_their_places_or_are_rounded_coarser() {
        let cents = Flows::new(&[d("-100.00"), d("50.25"), d("60.00")]);
        assert!(cents.narrow.is_some());
        assert_eq!(cents.wide.above, 0);
        assert_eq!(cents.wide.below, -3);
        assert_eq!(cents.end_signs(), (-1, 1));
        // 10^-2 units: 1025 cents in total, times 2^shift.
        assert_eq!(cents.at_zero() % 1025, 0);
        assert!(cents.at_zero() > 0);
        // Near Decimal's limits: rounded, with margins.
        let huge = d("70000000000000000000000000000");
        let exact = Flows::new(&[-huge, huge, d("0.01"), huge]);
        assert!(exact.narrow.is_none());
        assert_eq!(exact.wide.above, 0);
        let big = Flows::new(&[-huge, huge, d("0.0000000000000000000000000001"), huge]);
        assert!(big.narrow.is_none());
        assert!(big.wide.above > 0 && big.wide.below < -4);
        assert_eq!(big.end_signs(), (-1, 1));
    }
}
