//! The internal rate of return of MODEL.md 3.6: the monthly rate `i` in
//! (-0.99, 10) with `sum net(t) / (1 + i)^t = 0`, the root nearest zero,
//! reported as `(1 + i)^12 - 1`.
//!
//! The search runs on each side of zero in a variable `z` in (0, 1] in which
//! the sign of the NPV is a polynomial that cannot overflow:
//!
//! - rates `i >= 0`: `z = 1 / (1 + i)`, and `sum net(t) z^t`;
//! - rates `i < 0`: `z = 1 + i`, and `sum net(t) z^(H - t)`, the NPV times
//!   the positive `(1 + i)^H`.
//!
//! The points of the search are binary fractions `z = m / 2^124` and the
//! polynomial is evaluated at them in integers (`fixed.rs`), with the exact
//! sign: a 121-month evaluation is a few hundred nanoseconds, where one in
//! 28-digit `Decimal` was several microseconds, and the evaluations are
//! nearly all of an IRR's cost. No floating point is involved. `Decimal`
//! comes in only for the annual figure, `(1 / z)^12 - 1` or `z^12 - 1`.
//!
//! Roots are looked for on a grid of points from zero outward, by
//! bisection when `net` changes sign once (there is one root at most) and
//! by a scan of every grid step otherwise, which also looks inside a step
//! whose ends have the same sign for a pair of roots hidden there (see
//! `turning_roots`).
//!
//! The refinement stops as soon as the root is known to lie between two
//! points whose annual IRRs round to the same 6 places (the precision the
//! figure is written with). Because `(1 + i)^12 - 1` is increasing in `i`,
//! every rate in the bracket, and so the root, rounds to the same 6 places:
//! the written figure is the one an exact search would give. Only when the
//! root lies within about `1e-37` of a rounding boundary in `z` does the
//! bracket close to adjacent points (`2^-124` apart) first; the figure is
//! then that of the end nearer the root.

use std::sync::OnceLock;

use rust_decimal::{Decimal, RoundingStrategy};

mod fixed;

use fixed::{Flows, ONE, Point, Slopes, decimal, point_below, scale_by, sign};

const TWELVE: Decimal = Decimal::from_parts(12, 0, 0, false, 0);

/// The places the annual IRR is written with (MODEL.md 3.6).
const REPORTED_PLACES: u32 = 6;

/// Which side of zero, and so which variable `z`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// `i >= 0`, `z = 1 / (1 + i)`.
    Up,
    /// `i < 0`, `z = 1 + i`.
    Down,
}

/// A root: its side and its point.
#[derive(Debug, Clone, Copy)]
struct Root {
    side: Side,
    z: Point,
}

impl Root {
    /// The monthly rate, for ordering roots by their distance from zero.
    fn monthly(self) -> Option<Decimal> {
        let z = decimal(self.z, false);
        match self.side {
            Side::Up => Decimal::ONE.checked_div(z).map(|r| r - Decimal::ONE),
            Side::Down => Some(z - Decimal::ONE),
        }
    }

    fn annual(self) -> Option<Decimal> {
        annual(self.side, decimal(self.z, false))
    }
}

/// `(1 + i)^12 - 1` for the rate at `z`: `(1 / z)^12 - 1` above zero,
/// `z^12 - 1` below. Above zero the power is taken of `1 / z`, not of `z`:
/// `Decimal` keeps at most 28 places, so a small `z^12` would keep few
/// significant digits. `None` only if `z` is outside (0, 1], which the
/// search never makes.
fn annual(side: Side, z: Decimal) -> Option<Decimal> {
    let base = match side {
        Side::Up => Decimal::ONE.checked_div(z)?,
        Side::Down => z,
    };
    let p2 = base.checked_mul(base)?;
    let p4 = p2.checked_mul(p2)?;
    let p12 = p4.checked_mul(p4)?.checked_mul(p4)?;
    Some(p12 - Decimal::ONE)
}

/// The grid of each side, outward from zero, so `z` falls from 1: monthly
/// rates in steps of 0.0005 up to 1 %, 0.0025 to 5 %, 0.01 to 20 %, then
/// coarser, up to 9.9999 above zero and down to -0.9899 below. Above zero
/// `z = 1 / (1 + i)` is rounded to 6 places, and every point is the binary
/// point just below its decimal one: a grid rate moves by less than 1e-5.
struct Grid {
    up: Vec<Point>,
    down: Vec<Point>,
}

fn grid() -> &'static Grid {
    static GRID: OnceLock<Grid> = OnceLock::new();
    GRID.get_or_init(|| {
        let mut up = Vec::new();
        let mut at = 0i64;
        for (limit, step) in [
            (100i64, 5i64),
            (500, 25),
            (2_000, 100),
            (10_000, 500),
            (30_000, 2_500),
            (100_000, 5_000),
        ] {
            while at < limit {
                at += step;
                // Stop just below 10 a month: the interval is open.
                let i = Decimal::new(at.min(99_999), 4);
                let z = (Decimal::ONE / (Decimal::ONE + i))
                    .round_dp_with_strategy(6, RoundingStrategy::MidpointAwayFromZero);
                up.extend(point_below(z));
            }
        }
        let mut down = Vec::new();
        at = 0;
        for (limit, step) in [
            (100i64, 5i64),
            (500, 25),
            (2_000, 100),
            (9_500, 500),
            (9_899, 100),
        ] {
            while at < limit {
                at = (at + step).min(limit);
                down.extend(point_below(Decimal::ONE - Decimal::new(at, 4)));
            }
        }
        Grid { up, down }
    })
}

/// Whether every rate between the points `a` and `b` has the same annual
/// IRR to the written places: the `Decimal`s just outside them are compared.
fn settled(side: Side, a: Point, b: Point) -> bool {
    let round = |z| {
        annual(side, z).map(|v| {
            v.round_dp_with_strategy(REPORTED_PLACES, RoundingStrategy::MidpointAwayFromZero)
        })
    };
    match (
        round(decimal(a.min(b), false)),
        round(decimal(a.max(b), true)),
    ) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// The width in points over which the annual IRR moves by about 1e-8, a
/// hundredth of its last written place, near the bracket `[a, b]`: the
/// derivative of `z^-12` (above zero) or `z^12` (below) is
/// `12 (1 + annual) / z` in size, taken where it is largest of the two ends.
/// At least one point.
fn settling_width(side: Side, a: Point, b: Point) -> Point {
    [a, b]
        .into_iter()
        .filter_map(|m| {
            let z = decimal(m, false);
            let growth = annual(side, z)? + Decimal::ONE;
            let width = Decimal::new(1, 8)
                .checked_mul(z)?
                .checked_div(TWELVE * growth)?;
            point_below(width)
        })
        .min()
        .unwrap_or(1)
        .max(1)
}

/// Refines a bracket `[a, b]` of points (`fa` and `fb` of opposite signs)
/// with the Anderson-Bjorck method until the root's annual IRR is settled
/// to the written places or the ends are adjacent points.
fn refine(
    net: &Flows,
    side: Side,
    (mut a, mut fa): (Point, i128),
    (mut b, mut fb): (Point, i128),
) -> Point {
    /// Below this width (1e-7 in `z`, `2^124 / 10^7`) the annual IRRs of
    /// the ends are compared; above it they cannot agree to 6 places, so the
    /// check is skipped.
    const CHECK_BELOW: Point = 2_126_764_793_255_865_396_646_091_296_448;
    let settle = settling_width(side, a, b);
    let mut straddled = false;
    // A bracket of 2^124 points closes in far fewer steps than this: at
    // worst every other step is a bisection.
    for _ in 0..400 {
        let width = (b - a).abs();
        if width <= 1 || (width < CHECK_BELOW && settled(side, a, b)) {
            break;
        }
        let (lo, hi) = (a.min(b), a.max(b));
        let midpoint = a + (b - a) / 2;
        // The secant point: `fb` and `fb - fa` have the same sign and
        // `|fb| <= |fb - fa|`, so the step is at most the width.
        let secant = b - scale_by(b - a, fb, fb - fa);
        // Once `b` is nearer the root than the settling width, the secant
        // would only creep up on it from the same side while the far end
        // stays put: step over it instead, by the settling width towards
        // the far end, so that the bracket closes to that width at once.
        // A step that did not get past the root is not tried twice in a row:
        // the next point is then the midpoint, so the bracket always closes.
        let target = if straddled {
            midpoint
        } else if width > settle && (secant - b).abs() < settle / 2 {
            if a > b { b + settle } else { b - settle }
        } else {
            secant
        };
        straddled = target != secant && target != midpoint;
        // The midpoint is strictly inside: the width is at least 2.
        let c = if target > lo && target < hi {
            target
        } else {
            midpoint
        };
        let fc = net.eval(side, c);
        if fc == 0 {
            return c;
        }
        if sign(fc) == sign(fb) {
            // `a` is kept again: weigh its value down (Anderson and
            // Bjorck), by 1 - fc / fb, or by a half when that is not
            // positive, so that the next secant moves past the root. It
            // keeps its sign.
            let weighed = if fc.abs() < fb.abs() {
                scale_by(fa, fb - fc, fb)
            } else {
                fa / 2
            };
            fa = if weighed == 0 {
                i128::from(sign(fa))
            } else {
                weighed
            };
        } else {
            a = b;
            fa = fb;
            straddled = false;
        }
        b = c;
        fb = fc;
    }
    if fa.abs() < fb.abs() { a } else { b }
}

/// The one root on one side when `net` changes sign once (Descartes' rule
/// of signs allows one root at most): the sign along the grid keeps the
/// sign at zero, `f0`, up to the first point past the root and the other
/// sign after it, so that point is found by bisecting the grid, in about 8
/// evaluations instead of up to 90. `f0` must not be zero.
fn single_root_on_side(net: &Flows, side: Side, grid: &[Point], f0: i128) -> Option<Root> {
    let s0 = sign(f0);
    // As `z` falls to 0 the sign form tends to the first month's net above
    // zero and to the last month's below. With that sign at both ends of
    // the side, the side has an even number of roots, so none: no need to
    // evaluate anything.
    let (first, last) = net.end_signs();
    let far = match side {
        Side::Up => first,
        Side::Down => last,
    };
    if far == s0 {
        return None;
    }
    let &last_z = grid.last()?;
    let last_f = net.eval(side, last_z);
    if sign(last_f) == s0 {
        return None;
    }
    // Invariant: the point before `lo` (zero's, 1, when `lo` is 0) has the
    // sign of `f0`; the point at `hi` does not.
    let mut before = (ONE, f0);
    let (mut lo, mut hi, mut hi_f) = (0usize, grid.len() - 1, last_f);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let mid_f = net.eval(side, grid[mid]);
        if sign(mid_f) == s0 {
            lo = mid + 1;
            before = (grid[mid], mid_f);
        } else {
            hi = mid;
            hi_f = mid_f;
        }
    }
    let z = if hi_f == 0 {
        grid[hi]
    } else {
        refine(net, side, before, (grid[hi], hi_f))
    };
    Some(Root { side, z })
}

/// The narrowest piece of a grid step searched for hidden roots: 2^-40 in
/// `z`, about 1e-12.
const HIDDEN_FLOOR: Point = 1 << 84;

/// Looks between `a` (nearer zero, where the slope's sign is `sa`, 0 when
/// not known) and `b`, where the sign form has the
/// same sign but its slope does not keep one sign, for a pair of roots the
/// grid step hides. Such a pair needs a turning point between its roots
/// where the sign form has the other sign. The turning point is bracketed
/// by the sign of the slope: the half whose ends have the same slope sign
/// is taken to turn nowhere (a second turning point within a grid step is
/// not looked for), the other is halved again. At each middle the sign
/// form is evaluated: the other sign there means a root on either side,
/// each refined. The search ends when [`Slopes::no_root_between`] clears
/// what is left, the slope's sign at a middle cannot be told, or the piece
/// is narrower than [`HIDDEN_FLOOR`].
fn turning_roots(
    net: &Flows,
    slopes: &Slopes,
    side: Side,
    ((mut a, mut fa), mut sa): ((Point, i128), i8),
    (mut b, mut fb): (Point, i128),
    roots: &mut Vec<Root>,
) {
    while (a - b).abs() > HIDDEN_FLOOR
        && !slopes.no_root_between(slopes.bound(side, a.max(b)), (a, fa), (b, fb))
    {
        let mid = a + (b - a) / 2;
        let fm = net.eval(side, mid);
        if fm == 0 {
            roots.push(Root { side, z: mid });
            return;
        }
        if sign(fm) != sign(fa) {
            roots.push(Root {
                side,
                z: refine(net, side, (a, fa), (mid, fm)),
            });
            roots.push(Root {
                side,
                z: refine(net, side, (mid, fm), (b, fb)),
            });
            return;
        }
        let sm = slopes.sign(side, mid);
        if sm == 0 {
            return;
        }
        if sm == sa {
            (a, fa, sa) = (mid, fm, sm);
        } else {
            (b, fb) = (mid, fm);
        }
    }
}

/// The roots on one side, nearest zero first, stopping after `max_roots`:
/// a scan of the grid for sign changes, each refined, and for turning
/// points between two grid points of the same sign (see
/// [`turning_roots`]). A grid step that the slope bound clears
/// ([`Slopes::no_root_between`], with a bound taken every 8 steps, valid
/// below where it was taken since `z` falls along the grid) needs no more;
/// the slope's sign is taken only at the ends of the others.
fn roots_on_side(net: &Flows, side: Side, grid: &[Point], f0: i128, max_roots: usize) -> Vec<Root> {
    if max_roots == 1 && f0 != 0 {
        return single_root_on_side(net, side, grid, f0)
            .into_iter()
            .collect();
    }
    let mut roots = Vec::new();
    let slopes = net.slopes();
    let mut bound: Option<(usize, i128)> = None;
    // At zero both sign forms are the plain sum of `net`, so `f0` serves
    // either side. The slope's sign at the point before, once taken.
    let mut prev = (ONE, f0);
    let mut prev_slope: Option<i8> = None;
    for (k, &z) in grid.iter().enumerate() {
        let fz = net.eval(side, z);
        let mut slope = None;
        if fz == 0 {
            roots.push(Root { side, z });
        } else if prev.1 != 0 && sign(prev.1) != sign(fz) {
            roots.push(Root {
                side,
                z: refine(net, side, prev, (z, fz)),
            });
        } else if prev.1 != 0 {
            let steepest = match bound {
                Some((taken, b)) if k < taken + 8 => b,
                _ => {
                    let b = slopes.bound(side, prev.0);
                    bound = Some((k, b));
                    b
                }
            };
            if !slopes.no_root_between(steepest, prev, (z, fz)) {
                let sa = prev_slope.unwrap_or_else(|| slopes.sign(side, prev.0));
                let sb = slopes.sign(side, z);
                slope = Some(sb);
                if sa == 0 || sb == 0 || sa != sb {
                    turning_roots(net, &slopes, side, (prev, sa), (z, fz), &mut roots);
                }
            }
        }
        if roots.len() >= max_roots {
            break;
        }
        prev = (z, fz);
        prev_slope = slope;
    }
    roots
}

/// IRR (MODEL.md 3.6): the monthly root nearest zero, annualised, and
/// whether it is the only root found.
#[must_use]
pub fn irr(net: &[Decimal]) -> (Option<Decimal>, bool) {
    let mut changes = 0;
    let mut last = 0i8;
    for n in net {
        let s = decimal_sign(*n);
        if s != 0 {
            if last != 0 && s != last {
                changes += 1;
            }
            last = s;
        }
    }
    if changes == 0 {
        return (None, true);
    }
    // Leading and trailing zero months only scale the NPV by a positive
    // power of (1 + i); dropping them keeps the roots and makes the
    // evaluation's margins no wider than they need be.
    let first = net.iter().position(|n| !n.is_zero()).unwrap_or(0);
    let last = net.iter().rposition(|n| !n.is_zero()).unwrap_or(0);
    let net = Flows::new(&net[first..=last]);
    let net = &net;
    // Descartes' rule of signs: one sign change means at most one root.
    let max_roots = if changes == 1 { 1 } else { usize::MAX };
    let f0 = net.at_zero();
    let grid = grid();
    let mut roots = Vec::new();
    if f0 == 0 {
        roots.push(Root {
            side: Side::Up,
            z: ONE,
        });
    }
    for (side, points) in [(Side::Up, &grid.up), (Side::Down, &grid.down)] {
        if roots.len() < max_roots {
            let budget = max_roots.saturating_sub(roots.len());
            roots.extend(roots_on_side(net, side, points, f0, budget));
        }
    }
    let mut monthly: Vec<(Decimal, Root)> = roots
        .into_iter()
        .filter_map(|r| r.monthly().map(|i| (i, r)))
        .collect();
    monthly.sort_by_key(|(i, _)| i.abs());
    monthly.dedup_by_key(|(i, _)| *i);
    let unique = monthly.len() <= 1;
    (monthly.first().and_then(|(_, r)| r.annual()), unique)
}

fn decimal_sign(d: Decimal) -> i8 {
    if d.is_zero() {
        0
    } else if d.is_sign_negative() {
        -1
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn pow12(x: Decimal) -> Decimal {
        (0..12).fold(Decimal::ONE, |p, _| p * x)
    }

    #[test]
    fn grid_stays_inside_the_open_interval_and_moves_outward() {
        let g = grid();
        let eleventh = point_below(Decimal::ONE / Decimal::from(11)).unwrap();
        let hundredth = point_below(d("0.01")).unwrap();
        assert!(g.up.iter().all(|z| *z > eleventh && *z < ONE));
        assert!(g.down.iter().all(|z| *z > hundredth && *z < ONE));
        assert!(g.up.windows(2).all(|w| w[0] > w[1]));
        assert!(g.down.windows(2).all(|w| w[0] > w[1]));
        assert_eq!(g.up.len(), 89);
        assert_eq!(g.down.len(), 70);
    }

    /// A small seeded generator for the random cash flows (xorshift).
    fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    /// `months` random nets of up to `max_cents` cents: the first negative,
    /// each other one negative one time in `negative_one_in`.
    fn random_net(
        next: &mut impl FnMut() -> u64,
        months: usize,
        max_cents: u64,
        negative_one_in: u64,
    ) -> Vec<Decimal> {
        (0..months)
            .map(|t| {
                let cents = i64::try_from(next() % max_cents).unwrap();
                let negative = t == 0 || next() % negative_one_in == 0;
                Decimal::new(if negative { -cents } else { cents }, 2)
            })
            .collect()
    }

    /// Horner's rule in `Decimal`, month by month, at a point of 20 places
    /// (exactly `k / 2^20`): the reference for the integer evaluation.
    fn reference(net: &[Decimal], side: Side, z: Decimal) -> Decimal {
        match side {
            Side::Up => net.iter().rev().fold(Decimal::ZERO, |a, n| a * z + n),
            Side::Down => net.iter().fold(Decimal::ZERO, |a, n| a * z + n),
        }
    }

    /// The integer evaluation gives the exact sign or zero, on random cash
    /// flows, at points all over (0, 1] and points a hair from each root
    /// the search finds; and it tells the sign down to within a few units of
    /// `Decimal`'s last place.
    #[test]
    fn integer_signs_are_exact_or_zero() {
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15u64);
        let mut checked = 0;
        for _ in 0..60 {
            let months = 13 + usize::try_from(next() % 108).unwrap();
            let net = random_net(&mut next, months, 10_000_000_000, 7);
            let flows = Flows::new(&net);
            let size: Decimal = net.iter().map(Decimal::abs).sum();
            let f0 = flows.at_zero();
            let mut points: Vec<(Side, Point)> = Vec::new();
            for side in [Side::Up, Side::Down] {
                // Points of 20 binary places, which are exact decimals.
                for k in (1..64).map(|k| k * (1 << 14) + i128::from(next() % 9_999)) {
                    points.push((side, k << 104));
                }
                let g = grid();
                let side_grid = if side == Side::Up { &g.up } else { &g.down };
                for root in roots_on_side(&flows, side, side_grid, f0, usize::MAX) {
                    // The nearest points of 20 binary places on either side.
                    let below = root.z >> 104 << 104;
                    points.extend([(side, below), (side, below + (1 << 104))]);
                }
            }
            for (side, m) in points {
                let z = decimal(m, false);
                assert_eq!(decimal(m, true), z, "{m} is not exact");
                let value = flows.eval(side, m);
                let exact = reference(&net, side, z);
                // `Decimal`'s own rounding, relative to the sizes.
                let noise = size * Decimal::new(1, 25);
                if value == 0 {
                    assert!(exact.abs() <= noise, "{side:?} {z}: no sign for {exact}");
                } else if exact.abs() > noise {
                    checked += 1;
                    assert_eq!(sign(value), decimal_sign(exact), "{side:?} {z}");
                }
            }
        }
        assert!(checked > 5_000, "only {checked} signs were checked");
    }

    /// Every root the search reports has the figure of a plain bisection
    /// in `Decimal` (the reference evaluation, 100 halvings) started from a
    /// bracket around it as wide as the search may leave, on random cash
    /// flows with one or more sign changes.
    #[test]
    fn reported_figures_are_those_of_a_plain_bisection() {
        let mut next = xorshift(0x2545_f491_4f6c_dd1du64);
        let figure = |side, z| {
            annual(side, z)
                .unwrap()
                .round_dp_with_strategy(REPORTED_PLACES, RoundingStrategy::MidpointAwayFromZero)
        };
        let mut compared = 0;
        for _ in 0..300 {
            let months = 2 + usize::try_from(next() % 120).unwrap();
            let net = random_net(&mut next, months, 100_000_000, 5);
            let flows = Flows::new(&net);
            let f0 = flows.at_zero();
            let g = grid();
            for (side, side_grid) in [(Side::Up, &g.up), (Side::Down, &g.down)] {
                for root in roots_on_side(&flows, side, side_grid, f0, usize::MAX) {
                    let z = decimal(root.z, false);
                    let wide = Decimal::new(1, 7);
                    let (mut lo, mut hi) = (z - wide, (z + wide).min(Decimal::ONE));
                    let f_lo = reference(&net, side, lo);
                    if decimal_sign(f_lo) == decimal_sign(reference(&net, side, hi)) {
                        // Two roots within the bracket, or none at zero.
                        continue;
                    }
                    for _ in 0..100 {
                        let mid = (lo + hi) / Decimal::TWO;
                        if decimal_sign(reference(&net, side, mid)) == decimal_sign(f_lo) {
                            lo = mid;
                        } else {
                            hi = mid;
                        }
                    }
                    // Skip a root on a rounding boundary to 1e-20.
                    let hair = Decimal::new(1, 20);
                    if figure(side, lo - hair) != figure(side, hi + hair) {
                        continue;
                    }
                    compared += 1;
                    assert_eq!(figure(side, z), figure(side, lo), "{side:?} {net:?}");
                }
            }
        }
        assert!(compared > 200, "only {compared} roots compared");
    }

    /// Two roots closer together than the grid step (monthly 5.01 % and
    /// 5.03 %, both inside the grid's step from 5 % to 6 %) are both found,
    /// and the one nearer zero is the IRR.
    #[test]
    fn roots_closer_than_a_grid_step_are_found() {
        // k (z - z1)(z - z2) in z = 1 / (1 + i): k z1 z2 - k (z1 + z2) z + k z^2.
        let k = d("1000000000");
        let (z1, z2) = (Decimal::ONE / d("1.0501"), Decimal::ONE / d("1.0503"));
        let net = [(k * z1 * z2).round_dp(2), (-k * (z1 + z2)).round_dp(2), k];
        let (value, unique) = irr(&net);
        assert!(!unique, "two roots");
        let expected = pow12(d("1.0501")) - Decimal::ONE;
        assert!(
            (value.unwrap() - expected).abs() < d("0.000001"),
            "{value:?}"
        );
        let flows = Flows::new(&net);
        let g = grid();
        let up = roots_on_side(&flows, Side::Up, &g.up, flows.at_zero(), usize::MAX);
        assert_eq!(up.len(), 2);
    }

    /// A piece of a grid step cleared of roots has no sign change at any of
    /// 64 points across it (by the `Decimal` reference), and the slope
    /// bound is at least the slope between neighbouring points, on random
    /// cash flows.
    #[test]
    fn cleared_pieces_have_no_root() {
        let mut next = xorshift(0x5851_f42d_4c95_7f2d);
        let mut cleared = 0;
        for _ in 0..40 {
            let months = 3 + usize::try_from(next() % 60).unwrap();
            let net = random_net(&mut next, months, 1_000_000_000, 3);
            let flows = Flows::new(&net);
            for side in [Side::Up, Side::Down] {
                for _ in 0..20 {
                    // A piece of 20 binary places at each end, so that its
                    // points are exact decimals.
                    let lo = i128::from(1 + next() % ((1 << 20) - 64));
                    let hi = lo + 1 + i128::from(next() % 64);
                    let (a, b) = (hi << 104, lo << 104);
                    let (fa, fb) = (flows.eval(side, a), flows.eval(side, b));
                    let slopes = flows.slopes();
                    let slope = slopes.bound(side, a);
                    if !slopes.no_root_between(slope, (a, fa), (b, fb)) {
                        continue;
                    }
                    cleared += 1;
                    let s0 = decimal_sign(reference(&net, side, decimal(a, false)));
                    for j in 0..=64 {
                        let m = b + (a - b) * j / 64;
                        let z = decimal(m, false);
                        assert_eq!(decimal_sign(reference(&net, side, z)), s0, "{side:?} {z}");
                    }
                }
            }
        }
        assert!(cleared > 100, "only {cleared} pieces cleared");
    }

    /// The slope's sign, when told, is the sign of the slope of the
    /// `Decimal` reference (a difference across 2^-40 at exactly
    /// representable points), on random cash flows.
    #[test]
    fn slope_signs_are_exact_or_zero() {
        let mut next = xorshift(0x1405_7b7e_f767_814f);
        let mut told = 0;
        for _ in 0..40 {
            let months = 3 + usize::try_from(next() % 100).unwrap();
            let net = random_net(&mut next, months, 1_000_000_000, 3);
            let flows = Flows::new(&net);
            let size: Decimal = net.iter().map(Decimal::abs).sum();
            for side in [Side::Up, Side::Down] {
                for _ in 0..30 {
                    let m = i128::from(1 + next() % ((1 << 20) - 2)) << 104;
                    let s = flows.slopes().sign(side, m);
                    if s == 0 {
                        continue;
                    }
                    // The difference quotient over a step of 2^-20: its
                    // sign is the slope's unless the slope is tiny.
                    let (lo, hi) = (decimal(m, false), decimal(m + (1 << 104), false));
                    let rise = reference(&net, side, hi) - reference(&net, side, lo);
                    if rise.abs() > size * Decimal::new(1, 9) {
                        told += 1;
                        assert_eq!(s, decimal_sign(rise), "{side:?} {lo}");
                    }
                }
            }
        }
        assert!(told > 1_000, "only {told} slope signs compared");
    }

    #[test]
    fn annual_is_the_twelfth_power_on_either_side() {
        // 10 % a month above zero: z = 1 / 1.1.
        let z = Decimal::ONE / d("1.1");
        let up = annual(Side::Up, z).unwrap();
        assert!(
            (up - d("2.138428376721")).abs() < d("0.000000000001"),
            "{up}"
        );
        assert_eq!(
            annual(Side::Down, d("0.9")).unwrap(),
            pow12(d("0.9")) - Decimal::ONE
        );
    }

    /// The refinement stops early only when the written figure is settled:
    /// on a root placed 1e-12 off a rounding boundary the figure is the
    /// root's, not the boundary's other side.
    #[test]
    fn early_stop_gives_the_figure_of_a_full_refinement() {
        // -100 at month 0 and 100 (1 + i)^12 at month 12 have the root i:
        // pick i so the annual IRR is 0.1234565 + 1e-12, just above a tie.
        let target = d("0.123456500001");
        let monthly_base = {
            // (1 + target)^(1/12) by bisection in Decimal.
            let (mut lo, mut hi) = (Decimal::ONE, d("1.1"));
            for _ in 0..100 {
                let mid = (lo + hi) / Decimal::TWO;
                if pow12(mid) < Decimal::ONE + target {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        let mut net = vec![Decimal::ZERO; 13];
        net[0] = d("-100");
        net[12] = (d("100") * pow12(monthly_base)).round_dp(20);
        let (value, unique) = irr(&net);
        assert!(unique);
        let value = value.unwrap();
        assert_eq!(
            value.round_dp_with_strategy(6, RoundingStrategy::MidpointAwayFromZero),
            d("0.123457"),
            "{value}"
        );
    }
}
