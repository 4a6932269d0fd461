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
mod tests;
