//! Unit tests of the IRR search: the grid, the integer evaluation of the
//! polynomial, and the roots found on chosen and random cash flows.

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
