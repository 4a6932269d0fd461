//! The internal rate of return of MODEL.md 3.6: the monthly rate `i` in
//! (-0.99, 10) with `sum net(t) / (1 + i)^t = 0`, the root nearest zero,
//! reported as `(1 + i)^12 - 1`, in `Decimal` throughout.
//!
//! The search runs on each side of zero in a variable `z` in (0, 1] in which
//! the sign of the NPV is a polynomial that cannot overflow:
//!
//! - rates `i >= 0`: `z = 1 / (1 + i)`, and `sum net(t) z^t`;
//! - rates `i < 0`: `z = 1 + i`, and `sum net(t) z^(H - t)`, the NPV times
//!   the positive `(1 + i)^H`.
//!
//! Searching in `z` instead of `i` lets every point where the polynomial is
//! evaluated be a short decimal (6 places on the grid, a few places more
//! than the bracket's width while refining): a 121-month polynomial in a
//! 28-digit `z` costs several times as much as in a short one, and the
//! evaluations are nearly all of an IRR's cost.
//!
//! The refinement stops as soon as the root is known to lie between two
//! rates whose annual IRRs round to the same 6 places (the precision the
//! figure is written with), or when the bracket is narrower than 1e-26.
//! Because `(1 + i)^12 - 1` is increasing in `i`, every rate in the bracket,
//! and so the root, rounds to the same 6 places: the written figure is the
//! one a search to Decimal's last digit would give.

use std::sync::OnceLock;

use rust_decimal::{Decimal, RoundingStrategy};

use super::decimal::exact_cents;

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

/// A root: its side and its `z`.
#[derive(Debug, Clone, Copy)]
struct Root {
    side: Side,
    z: Decimal,
}

impl Root {
    /// The monthly rate, for ordering roots by their distance from zero.
    fn monthly(self) -> Option<Decimal> {
        match self.side {
            Side::Up => Decimal::ONE.checked_div(self.z).map(|r| r - Decimal::ONE),
            Side::Down => Some(self.z - Decimal::ONE),
        }
    }

    fn annual(self) -> Option<Decimal> {
        annual(self.side, self.z)
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

/// A run of `len` consecutive months with the same net cash flow. A
/// business case's monthly nets repeat: after the ramp, every month of a
/// year is the same, so 121 months are typically 20 to 30 runs.
#[derive(Debug, Clone, Copy)]
struct Run {
    net: Decimal,
    len: usize,
}

/// The runs of `net`, month 0 first.
fn runs(net: &[Decimal]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for &n in net {
        match out.last_mut() {
            Some(run) if run.net == n => run.len += 1,
            _ => out.push(Run { net: n, len: 1 }),
        }
    }
    out
}

/// The sign form of the NPV at `z` by Horner's rule (see the module notes),
/// a run at a time: a run of `n` months of `c` takes the accumulator `a` to
/// `a z^n + c (1 + z + ... + z^(n-1))`, which is what `n` single steps
/// give, for 2 multiplications instead of `n`. The powers and sums are made
/// once per evaluation for each run length.
fn sign_form(runs: &[Run], side: Side, z: Decimal) -> Decimal {
    // (n, z^n, 1 + z + ... + z^(n-1)) for the run lengths met so far.
    let mut powers: Vec<(usize, Decimal, Decimal)> = Vec::new();
    let mut step = |acc: Decimal, run: &Run| {
        if run.len == 1 {
            return acc * z + run.net;
        }
        let (power, sum) =
            if let Some(&(_, power, sum)) = powers.iter().find(|(n, _, _)| *n == run.len) {
                (power, sum)
            } else {
                let (mut power, mut sum) = (z, Decimal::ONE);
                for _ in 1..run.len {
                    sum = sum * z + Decimal::ONE;
                    power *= z;
                }
                powers.push((run.len, power, sum));
                (power, sum)
            };
        if run.net.is_zero() {
            acc * power
        } else {
            acc * power + run.net * sum
        }
    };
    match side {
        Side::Up => runs.iter().rev().fold(Decimal::ZERO, &mut step),
        Side::Down => runs.iter().fold(Decimal::ZERO, &mut step),
    }
}

/// The decimal digits an `i128` always holds (its largest value is about
/// 1.7e38).
const I128_DIGITS: u32 = 38;

/// The most places the fixed-point evaluation uses below a cent.
const MOST_FIXED_PLACES: u32 = 24;

/// The net cash flows as the search evaluates them: in runs for `Decimal`,
/// and in whole cents for the fixed-point evaluation when every month is a
/// whole number of cents (as the model's cells are).
struct Flows {
    runs: Vec<Run>,
    cents: Option<Vec<i128>>,
    /// Digits of the sum of the months' sizes in cents, which bounds the
    /// accumulator of Horner's rule (`z <= 1`).
    size_digits: u32,
}

impl Flows {
    fn new(net: &[Decimal]) -> Self {
        let cents: Option<Vec<i128>> = net.iter().map(|n| exact_cents(*n)).collect();
        let size = cents.as_ref().and_then(|c| {
            c.iter()
                .try_fold(0i128, |sum, n| sum.checked_add(n.checked_abs()?))
        });
        Self {
            runs: runs(net),
            size_digits: size.map_or(I128_DIGITS, |s| s.checked_ilog10().unwrap_or(0) + 1),
            cents: cents.filter(|_| size.is_some()),
        }
    }

    /// The sign form at `z` (see the module notes): from the fixed-point
    /// evaluation when it is sure of the sign, else in `Decimal`.
    fn eval(&self, side: Side, z: Decimal) -> Decimal {
        self.fixed(side, z)
            .unwrap_or_else(|| sign_form(&self.runs, side, z))
    }

    /// The sign form at `z` by Horner's rule in integers: the accumulator
    /// is in units of `10^-p` cents and each step truncates `acc x z` to a
    /// whole unit. Each truncation is off by less than a unit and later
    /// steps only multiply it by `z <= 1`, so the result is within `n` units
    /// of the exact value for `n` months. It is returned only when it is
    /// further than that from zero, so its sign is the exact sign; its value
    /// (in money, like [`sign_form`]'s) only guides the secant.
    ///
    /// `p` is 6 and, when that cannot tell the sign, as large as the `i128`
    /// allows: the accumulator is at most the sum of the months' sizes times
    /// `10^p`, and it is multiplied by the mantissa of `z`, so their digits
    /// must add up to less than 38. The longer the point, the fewer places
    /// below a cent. `None` when the sign
    /// is not certain, when the amounts leave no room (near the validation
    /// bounds) or when a month is not whole cents. It costs a fraction of a
    /// `Decimal` evaluation, and nearly every point the search visits is far
    /// enough from the root for it.
    fn fixed(&self, side: Side, z: Decimal) -> Option<Decimal> {
        // Small numbers divide fastest: 6 places first, which settles the
        // sign at nearly every point, and all the room there is only when
        // that was too coarse.
        let most = self.fixed_places(z)?;
        let first = most.min(6);
        self.fixed_at(side, z, first).or_else(|| {
            (most > first)
                .then(|| self.fixed_at(side, z, most))
                .flatten()
        })
    }

    /// [`Self::fixed`] with `places` places below a cent.
    fn fixed_at(&self, side: Side, z: Decimal, places: u32) -> Option<Decimal> {
        let cents = self.cents.as_ref()?;
        let numerator = z.mantissa();
        let denominator = 10i128.checked_pow(z.scale())?;
        let unit = 10i128.checked_pow(places)?;
        let step = |acc: Option<i128>, n: &i128| {
            (acc?.checked_mul(numerator)? / denominator).checked_add(n.checked_mul(unit)?)
        };
        let acc = match side {
            Side::Up => cents.iter().rev().fold(Some(0), step),
            Side::Down => cents.iter().fold(Some(0), step),
        }?;
        let bound = i128::try_from(cents.len()).ok()?;
        if acc.abs() <= bound {
            return None;
        }
        // In money, with as many of its digits as a `Decimal` holds.
        let (mut mantissa, mut scale) = (acc, places + 2);
        while mantissa.unsigned_abs() >= 1u128 << 96 {
            mantissa /= 10;
            scale = scale.checked_sub(1)?;
        }
        Decimal::try_from_i128_with_scale(mantissa, scale).ok()
    }

    /// The places below a cent of the fixed-point evaluation at `z` (see
    /// [`Self::fixed`]); `None` when the amounts leave no room.
    fn fixed_places(&self, z: Decimal) -> Option<u32> {
        let numerator_digits = z.mantissa().unsigned_abs().checked_ilog10().unwrap_or(0) + 1;
        Some(
            (I128_DIGITS - 1)
                .checked_sub(self.size_digits + numerator_digits)?
                .min(MOST_FIXED_PLACES),
        )
    }
}

fn sign(d: Decimal) -> i8 {
    if d.is_zero() {
        0
    } else if d.is_sign_negative() {
        -1
    } else {
        1
    }
}

/// The grid of each side, outward from zero, so `z` falls from 1: monthly
/// rates in steps of 0.0005 up to 1 %, 0.0025 to 5 %, 0.01 to 20 %, then
/// coarser, up to 9.9999 above zero and down to -0.9899 below. Above zero
/// `z = 1 / (1 + i)` is rounded to 6 places, which moves a grid rate by less
/// than 1e-5 and keeps the points short.
struct Grid {
    up: Vec<Decimal>,
    down: Vec<Decimal>,
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
                up.push(z);
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
                down.push(Decimal::ONE - Decimal::new(at, 4));
            }
        }
        Grid { up, down }
    })
}

/// The first decimal place at which `width` (positive) has a digit:
/// 3 for 0.00345.
fn leading_place(width: Decimal) -> u32 {
    let digits = width
        .mantissa()
        .unsigned_abs()
        .checked_ilog10()
        .unwrap_or(0)
        + 1;
    (width.scale() + 1).saturating_sub(digits)
}

/// Whether every rate between `a` and `b` has the same annual IRR to the
/// written places.
fn settled(side: Side, a: Decimal, b: Decimal) -> bool {
    let round = |z| {
        annual(side, z).map(|v| {
            v.round_dp_with_strategy(REPORTED_PLACES, RoundingStrategy::MidpointAwayFromZero)
        })
    };
    match (round(a), round(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// Refines a bracket `[a, b]` of `z` (`fa` and `fb` of opposite signs) with
/// the Anderson-Bjorck method until the root's annual IRR is settled to the
/// written places or the bracket is narrower than 1e-26. Each new point
/// carries only the places its step can use (never more than 28), which
/// keeps the evaluations cheap and costs nothing in convergence.
fn refine(
    net: &Flows,
    side: Side,
    (mut a, mut fa): (Decimal, Decimal),
    (mut b, mut fb): (Decimal, Decimal),
) -> Decimal {
    /// Below this width (in `z`) the annual IRRs of the ends are compared;
    /// above it they cannot agree to 6 places, so the check is skipped.
    const CHECK_BELOW: Decimal = Decimal::from_parts(1, 0, 0, false, 7);
    let floor = Decimal::new(1, 26);
    // The width in `z` over which the annual IRR moves by about 1e-8, a
    // hundredth of its last written place: the derivative of `z^-12` (above
    // zero) or `z^12` (below) is `12 (1 + annual) / z` in size, taken where
    // it is largest of the two ends. No point needs more places than this
    // width has, and three more, until the bracket is narrower than it (when
    // the root lies so near a rounding boundary that it has to be pinned
    // further).
    let settle = [a, b]
        .into_iter()
        .filter_map(|z| {
            let growth = annual(side, z)? + Decimal::ONE;
            Decimal::new(1, 8)
                .checked_mul(z)?
                .checked_div(TWELVE * growth)
        })
        .min()
        .filter(|w| !w.is_zero())
        .unwrap_or(floor);
    let mut straddled = false;
    for _ in 0..400 {
        let width = (b - a).abs();
        if width <= floor || (width < CHECK_BELOW && settled(side, a, b)) {
            break;
        }
        let (lo, hi) = (a.min(b), a.max(b));
        let midpoint = a + (b - a) / Decimal::TWO;
        // The secant point, with the ratio of the values taken first: near
        // the root `fb x (b - a)` can fall below Decimal's last place.
        let denom = fb - fa;
        let secant = if denom.is_zero() {
            midpoint
        } else {
            b - (b - a) * (fb / denom)
        };
        // The secant's correction `step` is about the size of the error of
        // `b`, and the new point's error is smaller still (the method
        // converges superlinearly): twice the correction's places, and 4
        // more, keep every digit the step gains, up to the settling width's.
        let step = (secant - b).abs();
        let most = if width > settle {
            leading_place(settle) + 3
        } else {
            28
        };
        let places = if step.is_zero() {
            most
        } else {
            (2 * leading_place(step) + 4)
                .max(leading_place(width) + 4)
                .min(most)
        };
        // Once `b` is nearer the root than the settling width, the secant
        // would only creep up on it from the same side while the far end
        // stays put: step over it instead, by the settling width towards
        // the far end, so that the bracket closes to that width at once.
        // A step that did not get past the root is not tried twice in a row:
        // the next point is then the midpoint, so the bracket always closes.
        let target = if straddled {
            midpoint
        } else if width > settle && step < settle / Decimal::TWO {
            if a > b { b + settle } else { b - settle }
        } else {
            secant
        };
        straddled = target != secant && target != midpoint;
        let rounded = target.round_dp_with_strategy(places, RoundingStrategy::MidpointNearestEven);
        let c = if rounded > lo && rounded < hi {
            rounded
        } else if midpoint > lo && midpoint < hi {
            midpoint
        } else {
            // The ends are adjacent at Decimal's precision.
            break;
        };
        let fc = net.eval(side, c);
        if fc.is_zero() {
            return c;
        }
        if sign(fc) == sign(fb) {
            // `a` is kept again: weigh its value down (Anderson and
            // Bjorck), by 1 - fc / fb, or by a half when that is not
            // positive, so that the next secant moves past the root.
            let m = Decimal::ONE - fc / fb;
            fa *= if m.is_sign_positive() && !m.is_zero() {
                m
            } else {
                Decimal::new(5, 1)
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
fn single_root_on_side(net: &Flows, side: Side, grid: &[Decimal], f0: Decimal) -> Option<Root> {
    let s0 = sign(f0);
    // As `z` falls to 0 the sign form tends to the first month's net above
    // zero and to the last month's below. With that sign at both ends of
    // the side, the side has an even number of roots, so none: no need to
    // evaluate anything.
    let far = match side {
        Side::Up => net.runs.first(),
        Side::Down => net.runs.last(),
    };
    if far.is_some_and(|run| sign(run.net) == s0) {
        return None;
    }
    let &last_z = grid.last()?;
    let last_f = net.eval(side, last_z);
    if sign(last_f) == s0 {
        return None;
    }
    // Invariant: the point before `lo` (zero's `z`, 1, when `lo` is 0) has
    // the sign of `f0`; the point at `hi` does not.
    let mut before = (Decimal::ONE, f0);
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
    let z = if sign(hi_f) == 0 {
        grid[hi]
    } else {
        refine(net, side, before, (grid[hi], hi_f))
    };
    Some(Root { side, z })
}

/// The roots on one side, nearest zero first, stopping after `max_roots`:
/// a scan of the grid for sign changes, each refined.
fn roots_on_side(
    net: &Flows,
    side: Side,
    grid: &[Decimal],
    f0: Decimal,
    max_roots: usize,
) -> Vec<Root> {
    if max_roots == 1 && sign(f0) != 0 {
        return single_root_on_side(net, side, grid, f0)
            .into_iter()
            .collect();
    }
    let mut roots = Vec::new();
    // At zero both sign forms are the plain sum of `net`, so `f0` serves
    // either side.
    let mut prev = (Decimal::ONE, f0);
    for &z in grid {
        let fz = net.eval(side, z);
        if sign(fz) == 0 {
            roots.push(Root { side, z });
        } else if sign(prev.1) != 0 && sign(prev.1) != sign(fz) {
            roots.push(Root {
                side,
                z: refine(net, side, prev, (z, fz)),
            });
        }
        if roots.len() >= max_roots {
            break;
        }
        prev = (z, fz);
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
        let s = sign(*n);
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
    // power of (1 + i); dropping them keeps the roots and stops the sums
    // from vanishing below Decimal's precision at extreme rates.
    let first = net.iter().position(|n| !n.is_zero()).unwrap_or(0);
    let last = net.iter().rposition(|n| !n.is_zero()).unwrap_or(0);
    let net = &net[first..=last];
    // Descartes' rule of signs: one sign change means at most one root.
    let max_roots = if changes == 1 { 1 } else { usize::MAX };
    let f0: Decimal = net.iter().sum();
    let net = Flows::new(net);
    let net = &net;
    let grid = grid();
    let mut roots = Vec::new();
    if f0.is_zero() {
        roots.push(Root {
            side: Side::Up,
            z: Decimal::ONE,
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
        let eleventh = Decimal::ONE / Decimal::from(11);
        assert!(g.up.iter().all(|z| *z > eleventh && *z < Decimal::ONE));
        assert!(g.down.iter().all(|z| *z > d("0.01") && *z < Decimal::ONE));
        assert!(g.up.windows(2).all(|w| w[0] > w[1]));
        assert!(g.down.windows(2).all(|w| w[0] > w[1]));
        assert!(g.up.iter().all(|z| z.scale() <= 6));
    }

    #[test]
    fn runs_evaluate_as_month_by_month_horner() {
        let mut net = vec![d("-250000.00"), d("0.00"), d("0.00"), d("1200.50")];
        net.extend(std::iter::repeat_n(d("15000.25"), 12));
        net.extend(std::iter::repeat_n(d("-300.00"), 5));
        net.extend(std::iter::repeat_n(d("16000.75"), 12));
        let packed = runs(&net);
        assert_eq!(packed.len(), 6);
        for z in [d("0.999"), d("0.5"), d("0.090910"), d("0.0101")] {
            let up = net.iter().rev().fold(Decimal::ZERO, |a, n| a * z + n);
            let down = net.iter().fold(Decimal::ZERO, |a, n| a * z + n);
            let tolerance = d("0.0000000000001");
            assert!(
                (sign_form(&packed, Side::Up, z) - up).abs() < tolerance,
                "{z}"
            );
            assert!(
                (sign_form(&packed, Side::Down, z) - down).abs() < tolerance,
                "{z}"
            );
        }
    }

    /// The fixed-point evaluation answers only with the exact sign and
    /// within its error bound (`n` units of its places) of the `Decimal` value, on random cash flows,
    /// every grid point and long points near a root.
    #[test]
    fn fixed_point_signs_are_exact_or_absent() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut answered = 0;
        for _ in 0..60 {
            let months = 13 + usize::try_from(next() % 108).unwrap();
            let net: Vec<Decimal> = (0..months)
                .map(|t| {
                    let cents = i64::try_from(next() % 10_000_000_000).unwrap();
                    let sign = if t == 0 || next() % 7 == 0 { -1 } else { 1 };
                    Decimal::new(sign * cents, 2)
                })
                .collect();
            let flows = Flows::new(&net);
            let g = grid();
            let mut points: Vec<(Side, Decimal)> = g.up.iter().map(|z| (Side::Up, *z)).collect();
            points.extend(g.down.iter().map(|z| (Side::Down, *z)));
            // The roots, with many places, and points a hair from them.
            let f0: Decimal = net.iter().sum();
            for side in [Side::Up, Side::Down] {
                let side_grid = if side == Side::Up { &g.up } else { &g.down };
                for root in roots_on_side(&flows, side, side_grid, f0, usize::MAX) {
                    for offset in [Decimal::ZERO, Decimal::new(1, 15), Decimal::new(-1, 12)] {
                        points.push((side, root.z + offset));
                    }
                }
            }
            for (side, z) in points {
                let exact = sign_form(&flows.runs, side, z);
                if let Some(value) = flows.fixed(side, z) {
                    answered += 1;
                    assert_eq!(sign(value), sign(exact), "{side:?} {z}");
                    // `n` units of the places used, and the `Decimal`
                    // evaluation's own last places.
                    let places = flows.fixed_places(z).unwrap().min(6) + 2;
                    let bound = Decimal::new(i64::try_from(months).unwrap(), places)
                        + exact.abs() * Decimal::new(1, 24)
                        + Decimal::new(1, 20);
                    assert!(
                        (value - exact).abs() <= bound,
                        "{side:?} {z}: {value} vs {exact}"
                    );
                }
            }
        }
        assert!(
            answered > 1_000,
            "the fixed-point path answered only {answered} times"
        );
    }

    #[test]
    fn leading_place_counts_from_the_point() {
        assert_eq!(leading_place(d("0.00345")), 3);
        assert_eq!(leading_place(d("0.1")), 1);
        assert_eq!(leading_place(d("0.0000000000000000000000000001")), 28);
        assert_eq!(leading_place(d("2.5")), 0);
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
    /// the result agrees to 6 places with a refinement to 1e-26, here on a
    /// root placed just off a rounding boundary.
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
