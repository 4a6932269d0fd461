//! Rank statistics of the Monte Carlo sampler (MODEL.md section 12): the
//! Iman-Conover reordering that gives drawn inputs their declared rank
//! correlations, the positive semi-definite check of declared ranks, and
//! the Spearman rank correlation of the simulation sensitivity.
//!
//! Like [`super::pert`], this is sampler code and computes in binary
//! floating point; it never touches money. A drawn value stays the
//! `Decimal` the PERT sampler made: Iman-Conover only changes which trial
//! receives it. For the same seed to give the same trials on every
//! machine, the code uses only operations that IEEE 754 defines exactly
//! (addition, subtraction, multiplication, division, square root,
//! comparison) and the sampler's own logarithm; the sine is a series
//! written here. Sums run in a fixed order.

use rand::Rng;
use rust_decimal::Decimal;

use super::pert::{ln, to_float};

/// A Cholesky pivot below this is taken as zero (a singular but positive
/// semi-definite matrix, e.g. a rank of exactly 1).
const PIVOT_TOLERANCE: f64 = 1e-12;
/// The smallest eigenvalue a matrix of declared ranks may have.
const EIGEN_TOLERANCE: f64 = 1e-9;
/// The fewest trials a chunk needs to be reordered.
const MIN_CHUNK: usize = 3;
/// `pi`.
const PI: f64 = std::f64::consts::PI;

/// A square matrix, row by row.
type Matrix = Vec<Vec<f64>>;

/// The matrix of declared ranks over `k` inputs: 1 on the diagonal, the
/// rank of each listed pair `(i, j, rank)` both sides, 0 elsewhere.
fn matrix(k: usize, pairs: &[(usize, usize, Decimal)]) -> Matrix {
    let mut m = vec![vec![0.0; k]; k];
    for (i, row) in m.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    for &(i, j, rank) in pairs {
        let r = to_float(rank);
        m[i][j] = r;
        m[j][i] = r;
    }
    m
}

/// The eigenvalues of a symmetric matrix by the cyclic Jacobi method.
#[expect(
    clippy::needless_range_loop,
    reason = "a rotation updates two rows at once, by index"
)]
fn eigenvalues(mut a: Matrix) -> Vec<f64> {
    let n = a.len();
    for _sweep in 0..100 {
        let mut off = 0.0;
        for (i, row) in a.iter().enumerate() {
            for v in &row[i + 1..] {
                off += v * v;
            }
        }
        if off < 1e-30 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p][q];
                if apq.abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q][q] - a[p][p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for row in &mut a {
                    let (akp, akq) = (row[p], row[q]);
                    row[p] = c * akp - s * akq;
                    row[q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[p][k], a[q][k]);
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
            }
        }
    }
    (0..n).map(|i| a[i][i]).collect()
}

/// The smallest eigenvalue of the declared ranks over `k` inputs when it is
/// below -1e-9 (the matrix is not positive semi-definite), to 6 places;
/// `None` when the matrix is acceptable.
#[must_use]
pub fn not_semi_definite(k: usize, pairs: &[(usize, usize, Decimal)]) -> Option<Decimal> {
    let smallest = eigenvalues(matrix(k, pairs))
        .into_iter()
        .fold(f64::INFINITY, f64::min);
    if smallest >= -EIGEN_TOLERANCE {
        return None;
    }
    format!("{smallest:.6}")
        .parse::<Decimal>()
        .ok()
        .map(|d| d.normalize())
}

/// The lower Cholesky factor `L` with `m = L L^T`, pivots below the
/// tolerance taken as zero; `None` when a pivot is clearly negative.
#[expect(
    clippy::needless_range_loop,
    reason = "the textbook index form of the factorisation"
)]
fn cholesky(m: &Matrix) -> Option<Matrix> {
    let n = m.len();
    let mut l = vec![vec![0.0; n]; n];
    for j in 0..n {
        let mut d = m[j][j];
        for k in 0..j {
            d -= l[j][k] * l[j][k];
        }
        if d < -1e-9 {
            return None;
        }
        if d <= PIVOT_TOLERANCE {
            continue;
        }
        let pivot = d.sqrt();
        l[j][j] = pivot;
        for i in j + 1..n {
            let mut v = m[i][j];
            for k in 0..j {
                v -= l[i][k] * l[j][k];
            }
            l[i][j] = v / pivot;
        }
    }
    Some(l)
}

/// `sin x` for `|x| <= pi / 6` by its Taylor series (converged to the last
/// bit within ten terms there).
fn sine(x: f64) -> f64 {
    let x2 = x * x;
    let mut term = x;
    let mut sum = x;
    for k in 1..12u32 {
        let a = f64::from(2 * k);
        term = -term * x2 / (a * (a + 1.0));
        sum += term;
    }
    sum
}

/// The standard normal quantile `PHI^-1(p)` for `p` in (0, 1): Acklam's
/// rational approximation (relative error below 1.2e-9, ample for scores
/// that only set an order).
fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let tail = |q: f64| {
        let q = (-2.0 * ln(q)).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < 0.024_25 {
        tail(p)
    } else if p > 1.0 - 0.024_25 {
        -tail(1.0 - p)
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// A uniform index in `0..bound` from one 64-bit word (multiply and keep
/// the high half: integer operations only).
fn index<R: Rng + ?Sized>(rng: &mut R, bound: usize) -> usize {
    let wide = u128::from(rng.next_u64()) * bound as u128;
    usize::try_from(wide >> 64).unwrap_or(0)
}

/// The Iman-Conover reordering of a run: which drawn inputs take part and
/// the Cholesky factor of their target correlation.
#[derive(Debug, Clone, PartialEq)]
pub struct Reorder {
    /// Positions of the correlated inputs among a trial's draws.
    columns: Vec<usize>,
    /// `P` with `C = P P^T`.
    factor: Matrix,
}

impl Reorder {
    /// Prepares the reordering of the draws at `columns` with the declared
    /// ranks `pairs` (indices into `columns`); `None` when no rank is
    /// nonzero (the draws are then left exactly as drawn).
    #[must_use]
    pub fn new(columns: Vec<usize>, pairs: &[(usize, usize, Decimal)]) -> Option<Self> {
        let pairs: Vec<_> = pairs.iter().filter(|p| !p.2.is_zero()).copied().collect();
        if pairs.is_empty() || columns.len() < 2 {
            return None;
        }
        let k = columns.len();
        let mut normal = matrix(k, &pairs);
        for &(i, j, rank) in &pairs {
            let r = 2.0 * sine(PI * to_float(rank) / 6.0);
            normal[i][j] = r;
            normal[j][i] = r;
        }
        let factor = cholesky(&normal).or_else(|| cholesky(&matrix(k, &pairs)))?;
        Some(Self { columns, factor })
    }

    /// Reorders the draws of one chunk, `rows[trial][input]`, with the
    /// chunk's generator (used after every draw of the chunk).
    pub fn apply<R: Rng + ?Sized>(&self, rows: &mut [Vec<Decimal>], rng: &mut R) {
        let n = rows.len();
        let k = self.columns.len();
        if n < MIN_CHUNK {
            return;
        }
        // Van der Waerden scores, shuffled per column.
        #[expect(clippy::cast_precision_loss, reason = "n is at most a chunk, 250")]
        let scores: Vec<f64> = (1..=n)
            .map(|i| normal_quantile(i as f64 / (n as f64 + 1.0)))
            .collect();
        let mut s: Matrix = Vec::with_capacity(k);
        for _ in 0..k {
            let mut column = scores.clone();
            for i in (1..n).rev() {
                let j = index(rng, i + 1);
                column.swap(i, j);
            }
            s.push(column);
        }
        // E, the correlation of the shuffled scores (their mean is zero).
        let norm: f64 = scores.iter().map(|v| v * v).sum();
        let mut e = vec![vec![0.0; k]; k];
        for i in 0..k {
            for j in 0..=i {
                let dot: f64 = s[i].iter().zip(&s[j]).map(|(a, b)| a * b).sum();
                e[i][j] = dot / norm;
                e[j][i] = dot / norm;
            }
        }
        // M = P Q^-1 (rows of P solved against lower-triangular Q), or P.
        let mixing = match cholesky(&e) {
            Some(q) if q.iter().enumerate().all(|(i, r)| r[i] > PIVOT_TOLERANCE) => {
                let mut m = vec![vec![0.0; k]; k];
                for (row, p_row) in m.iter_mut().zip(&self.factor) {
                    // x Q = p_row, so solve Q^T x^T = p_row^T backwards.
                    for j in (0..k).rev() {
                        let mut v = p_row[j];
                        for (l, x) in row.iter().enumerate().skip(j + 1) {
                            v -= x * q[l][j];
                        }
                        row[j] = v / q[j][j];
                    }
                }
                m
            }
            _ => self.factor.clone(),
        };
        // T = S M^T, column by column; then each input's sorted draws go to
        // the trials in the rank order of its column.
        for (c, &column) in self.columns.iter().enumerate() {
            let target: Vec<f64> = (0..n)
                .map(|t| {
                    let mut v = 0.0;
                    for (j, m) in mixing[c].iter().enumerate() {
                        v += s[j][t] * m;
                    }
                    v
                })
                .collect();
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by(|&x, &y| target[x].total_cmp(&target[y]).then(x.cmp(&y)));
            let mut values: Vec<Decimal> = rows.iter().map(|r| r[column]).collect();
            values.sort_unstable();
            for (value, &trial) in values.into_iter().zip(&order) {
                rows[trial][column] = value;
            }
        }
    }
}

/// Ranks of values, 1-based, ties given their average rank; doubled so
/// that every rank is a whole number.
fn doubled_ranks(values: &[Decimal]) -> Vec<i128> {
    let n = values.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| values[a].cmp(&values[b]).then(a.cmp(&b)));
    let mut ranks = vec![0i128; n];
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end hold ranks start+1..=end; twice their mean.
        let doubled = i128::try_from(start + 1 + end).unwrap_or(0);
        for &i in &order[start..end] {
            ranks[i] = doubled;
        }
        start = end;
    }
    ranks
}

/// The Spearman rank correlation of two equally long samples (the Pearson
/// correlation of their average ranks), rounded to 4 places; 0 when either
/// sample has no spread or they are shorter than 2. The sums are exact
/// whole numbers; only the final square root and division are in floating
/// point.
#[must_use]
pub fn spearman(x: &[Decimal], y: &[Decimal]) -> Decimal {
    let n = x.len().min(y.len());
    if n < 2 {
        return Decimal::ZERO;
    }
    let (rx, ry) = (doubled_ranks(&x[..n]), doubled_ranks(&y[..n]));
    let count = i128::try_from(n).unwrap_or(i128::MAX);
    let (sx, sy): (i128, i128) = (rx.iter().sum(), ry.iter().sum());
    let sxy: i128 = rx.iter().zip(&ry).map(|(a, b)| a * b).sum();
    let sxx: i128 = rx.iter().map(|a| a * a).sum();
    let syy: i128 = ry.iter().map(|b| b * b).sum();
    let cov = count * sxy - sx * sy;
    let vx = count * sxx - sx * sx;
    let vy = count * syy - sy * sy;
    if vx <= 0 || vy <= 0 {
        return Decimal::ZERO;
    }
    #[expect(
        clippy::cast_precision_loss,
        reason = "one rounding of each exact sum, then an exactly rounded root and division"
    )]
    let rho = cov as f64 / ((vx as f64).sqrt() * (vy as f64).sqrt());
    let rho = rho.clamp(-1.0, 1.0);
    format!("{rho:.4}")
        .parse::<Decimal>()
        .unwrap_or_default()
        .normalize()
        .max(Decimal::NEGATIVE_ONE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_normal_quantile_has_known_values() {
        assert!(normal_quantile(0.5).abs() < 1e-12);
        assert!((normal_quantile(0.975) - 1.959_963_984_540_054).abs() < 1e-8);
        assert!((normal_quantile(0.01) + 2.326_347_874_040_841).abs() < 1e-8);
    }

    #[test]
    fn the_sine_series_matches_known_values() {
        assert!((sine(PI / 6.0) - 0.5).abs() < 1e-15);
        assert!((sine(-PI / 12.0) + 0.258_819_045_102_520_74).abs() < 1e-15);
    }

    #[test]
    fn jacobi_finds_the_eigenvalues_of_a_known_matrix() {
        // [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]: eigenvalues
        // 1.9 (twice) and -0.8.
        let pairs = [
            (0, 1, Decimal::new(9, 1)),
            (1, 2, Decimal::new(9, 1)),
            (0, 2, Decimal::new(-9, 1)),
        ];
        assert_eq!(not_semi_definite(3, &pairs), Some(Decimal::new(-8, 1)));
        // a = b exactly and b ~ c 0.5 force a ~ c 0.5: singular but fine.
        let fine = [
            (0, 1, Decimal::ONE),
            (1, 2, Decimal::new(5, 1)),
            (0, 2, Decimal::new(5, 1)),
        ];
        assert_eq!(not_semi_definite(3, &fine[..1]), None);
        assert_eq!(not_semi_definite(3, &fine), None);
        // Leaving a ~ c at 0 is impossible.
        assert!(not_semi_definite(3, &fine[..2]).is_some_and(|v| v < Decimal::ZERO));
    }

    #[test]
    fn spearman_of_hand_worked_samples() {
        let d = |v: &[i64]| v.iter().map(|&x| Decimal::from(x)).collect::<Vec<_>>();
        assert_eq!(
            spearman(&d(&[1, 2, 3, 4]), &d(&[10, 20, 30, 40])),
            Decimal::ONE
        );
        assert_eq!(
            spearman(&d(&[1, 2, 3, 4]), &d(&[4, 3, 2, 1])),
            Decimal::NEGATIVE_ONE
        );
        // Ranks (1,2,3,4) and (2,1,4,3): d^2 sums to 4, 1 - 6x4/(4x15) = 0.6.
        assert_eq!(
            spearman(&d(&[1, 2, 3, 4]), &d(&[2, 1, 4, 3])),
            Decimal::new(6, 1)
        );
        assert_eq!(spearman(&d(&[5, 5, 5]), &d(&[1, 2, 3])), Decimal::ZERO);
    }
}
