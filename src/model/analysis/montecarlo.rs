//! Monte Carlo analysis (issue 5, point 3): every input with an uncertainty
//! range is drawn from PERT(low, base, high), the scenario is computed, and
//! the risk-adjusted NPV and payback of all trials are summarised.
//!
//! Reproducibility: trials are grouped in chunks of [`CHUNK_TRIALS`]; chunk
//! `c` draws from its own PCG-XSL-RR 128/64 generator (`rand_pcg::Pcg64`)
//! whose state and stream are derived from the seed and `c` by the
//! `SplitMix64` finaliser. Within a trial the ranges are drawn in file order,
//! each from two Gamma variates (see [`super::pert`]). The figures therefore
//! depend only on the scenario, the number of trials and the seed: not on
//! the machine, and not on how many threads run the chunks, because the
//! chunks are put back in order before anything is summed or sorted.
//!
//! A drawn value of a whole-number field is rounded to the nearest whole
//! number (midpoint away from zero) by [`crate::model::inputs::set`].
//!
//! Declared rank correlations (MODEL.md section 12) reorder the draws of
//! each chunk after they are made (Iman-Conover, [`super::ranks`]), with
//! the chunk's own generator; without a nonzero rank the draws are exactly
//! those of a run without correlations.
//!
//! Percentiles use the nearest-rank definition: the P-th percentile of `n`
//! sorted values is the value of rank `ceil(P x n / 100)` (counting from 1),
//! so it is always one of the trial values. Payback percentiles are taken
//! over the trials that pay back within the horizon only.

use rand_pcg::Pcg64;
use rust_decimal::Decimal;
use std::ops::ControlFlow;

use super::pert::Pert;
use super::ranks::{Reorder, spearman};
use super::{AnalysisError, Evaluator, ensure_valid, file_drivers};
use crate::model::inputs;
use crate::model::scenario::Scenario;
use crate::model::validate::indexed_pairs;

/// Trials per chunk: each chunk has its own random stream.
pub const CHUNK_TRIALS: u32 = 250;
/// Bars of the NPV histogram.
pub const HISTOGRAM_BINS: usize = 40;
/// The fewest trials a run may have (MODEL.md section 2).
pub const MIN_TRIALS: u32 = 100;
/// The most trials a run may have (MODEL.md section 2).
pub const MAX_TRIALS: u32 = 1_000_000;
/// The detail trials (MODEL.md 12.3): the first this many trials keep
/// their cumulative amounts and drawn values for the fan chart and the
/// rank sensitivity.
pub const DETAIL_TRIALS: u32 = 10_000;

/// The nearest-rank percentiles reported for a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percentiles {
    /// 5th percentile.
    pub p5: Decimal,
    /// 10th percentile.
    pub p10: Decimal,
    /// Median.
    pub p50: Decimal,
    /// 90th percentile.
    pub p90: Decimal,
    /// 95th percentile.
    pub p95: Decimal,
}

impl Percentiles {
    /// The percentiles of values sorted in ascending order; `None` when
    /// there are none.
    #[must_use]
    pub fn of_sorted(sorted: &[Decimal]) -> Option<Self> {
        Some(Self {
            p5: nearest_rank(sorted, 5)?,
            p10: nearest_rank(sorted, 10)?,
            p50: nearest_rank(sorted, 50)?,
            p90: nearest_rank(sorted, 90)?,
            p95: nearest_rank(sorted, 95)?,
        })
    }
}

/// The `percent`-th percentile of ascending values by nearest rank:
/// the value of rank `ceil(percent x n / 100)`, at least rank 1.
#[must_use]
pub fn nearest_rank(sorted: &[Decimal], percent: u32) -> Option<Decimal> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let rank = (n * percent as usize).div_ceil(100).clamp(1, n);
    sorted.get(rank - 1).copied()
}

/// A histogram of equal-width bins from the smallest to the largest value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Histogram {
    /// Left edge of the first bin (the smallest value).
    pub min: Decimal,
    /// Width of each bin; zero when every value is the same (one bin).
    pub bin_width: Decimal,
    /// Values per bin; the last bin includes its right edge.
    pub counts: Vec<u32>,
}

impl Histogram {
    /// Bins `sorted` (ascending) into at most `bins` equal-width bins.
    #[must_use]
    pub fn of_sorted(sorted: &[Decimal], bins: usize) -> Self {
        let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
            return Self {
                min: Decimal::ZERO,
                bin_width: Decimal::ZERO,
                counts: Vec::new(),
            };
        };
        let bins = bins.max(1);
        let span = max - min;
        if span.is_zero() {
            return Self {
                min,
                bin_width: Decimal::ZERO,
                counts: vec![u32::try_from(sorted.len()).unwrap_or(u32::MAX)],
            };
        }
        let bin_width = span / Decimal::from(bins);
        let mut counts = vec![0u32; bins];
        for v in sorted {
            let index = ((v - min) / bin_width).floor();
            let index = usize::try_from(index).unwrap_or(0).min(bins - 1);
            counts[index] = counts[index].saturating_add(1);
        }
        Self {
            min,
            bin_width,
            counts,
        }
    }

    /// The `(left, right)` edges of each bin.
    #[must_use]
    pub fn edges(&self) -> Vec<(Decimal, Decimal)> {
        (0..self.counts.len())
            .map(|i| {
                let left = self.min + self.bin_width * Decimal::from(i);
                (left, left + self.bin_width)
            })
            .collect()
    }
}

/// The summary of a Monte Carlo run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonteCarloResults {
    /// Number of trials.
    pub trials: u32,
    /// The seed.
    pub seed: u64,
    /// How many inputs were drawn (ranges with `low == high` included).
    pub uncertain_inputs: usize,
    /// Mean risk-adjusted NPV.
    pub npv_mean: Decimal,
    /// Percentiles of the risk-adjusted NPV.
    pub npv: Percentiles,
    /// Share of trials with NPV above zero.
    pub prob_npv_positive: Decimal,
    /// Percentiles of payback over the trials that pay back within the
    /// horizon; `None` when none do.
    pub payback: Option<Percentiles>,
    /// How many trials pay back within the horizon.
    pub paying_back: u32,
    /// Share of trials that pay back within the horizon.
    pub prob_payback_within_horizon: Decimal,
    /// Histogram of the risk-adjusted NPV.
    pub histogram: Histogram,
    /// Every trial's NPV, ascending (for the shares of 12.3).
    pub sorted_npv: Vec<Decimal>,
    /// The paybacks of the trials that pay back, ascending.
    pub sorted_payback: Vec<Decimal>,
    /// The ROIs of the trials that have one, ascending.
    pub sorted_roi: Vec<Decimal>,
    /// The fan chart of cumulative net cash, months `0..=H`.
    pub fan: Vec<FanPoint>,
    /// The rank sensitivity, one row per drawn input in file order.
    pub rank_sensitivity: Vec<RankRow>,
    /// Whether declared correlations reordered the draws.
    pub correlated: bool,
}

impl MonteCarloResults {
    /// The share of trials with `npv >= hurdle`.
    #[must_use]
    pub fn prob_npv_at_least(&self, hurdle: Decimal) -> Decimal {
        let below = self.sorted_npv.partition_point(|v| *v < hurdle);
        share(self.sorted_npv.len() - below, self.sorted_npv.len())
    }

    /// The share of trials with `payback_months <= months`.
    #[must_use]
    pub fn prob_payback_within(&self, months: u32) -> Decimal {
        let limit = Decimal::from(months);
        let within = self.sorted_payback.partition_point(|v| *v <= limit);
        share(within, self.trials as usize)
    }

    /// The share of trials with `roi >= at_least`.
    #[must_use]
    pub fn prob_roi_at_least(&self, at_least: Decimal) -> Decimal {
        let below = self.sorted_roi.partition_point(|v| *v < at_least);
        share(self.sorted_roi.len() - below, self.trials as usize)
    }
}

/// One month of the fan chart: nearest-rank percentiles of the cumulative
/// net cash over the detail trials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FanPoint {
    /// Month `t`, 0..=H.
    pub month: u32,
    /// 10th percentile.
    pub p10: Decimal,
    /// Median.
    pub p50: Decimal,
    /// 90th percentile.
    pub p90: Decimal,
}

/// The Spearman rank correlation of one drawn input with the NPV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankRow {
    /// Input path.
    pub input: String,
    /// Human label.
    pub label: String,
    /// Spearman rank correlation with the NPV, 4 places.
    pub rho: Decimal,
}

/// One trial's figures. Only the detail trials keep their detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trial {
    /// Risk-adjusted NPV, unrounded.
    pub npv: Decimal,
    /// Risk-adjusted payback in months; `None` when not within the horizon.
    pub payback_months: Option<Decimal>,
    /// `npv / pv_costs`; `None` when `pv_costs` is zero.
    pub roi: Option<Decimal>,
    /// The cumulative amounts and drawn values of a detail trial.
    pub detail: Option<Box<Detail>>,
}

/// The detail of one of the first [`DETAIL_TRIALS`] trials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    /// Risk-adjusted `cumulative(t)`, months `0..=H`.
    pub cumulative: Vec<Decimal>,
    /// The drawn values, in the order of the ranges.
    pub inputs: Vec<Decimal>,
}

/// One uncertain input ready to be drawn.
#[derive(Debug, Clone)]
struct Draw {
    path: String,
    label: String,
    pert: Pert,
}

/// A prepared Monte Carlo run. [`Plan::run_chunk`] runs one chunk of trials
/// and may be called for different chunks on different threads (the plan
/// is `Sync`); [`Plan::finish`] summarises the chunks in order.
/// [`run_monte_carlo`] does all of it on the calling thread.
#[derive(Debug, Clone)]
pub struct Plan {
    scenario: Scenario,
    draws: Vec<Draw>,
    trials: u32,
    seed: u64,
    reorder: Option<Reorder>,
}

/// The `SplitMix64` finaliser, used to spread a seed over generator state.
fn mix(z: u64) -> u64 {
    let z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Plan {
    /// Prepares a run of `trials` trials (100 to 1,000,000) with `seed`.
    pub fn new(s: &Scenario, trials: u32, seed: u64) -> Result<Self, AnalysisError> {
        ensure_valid(s)?;
        if !(MIN_TRIALS..=MAX_TRIALS).contains(&trials) {
            return Err(AnalysisError::BadArgument(format!(
                "trials must be a whole number from 100 to 1,000,000; got {trials}"
            )));
        }
        let draws: Vec<Draw> = file_drivers(s)
            .into_iter()
            .map(|d| Draw {
                pert: Pert::new(d.low, d.base, d.high),
                path: d.input,
                label: d.label,
            })
            .collect();
        let reorder = if s.correlations.is_empty() {
            None
        } else {
            let (_, pairs) = indexed_pairs(s, true);
            let columns = s
                .uncertainty
                .iter()
                .filter(|r| {
                    s.correlations
                        .iter()
                        .any(|c| !c.rank.is_zero() && (c.a == r.input || c.b == r.input))
                })
                .filter_map(|r| draws.iter().position(|d| d.path == r.input))
                .collect();
            Reorder::new(columns, &pairs)
        };
        Ok(Self {
            scenario: s.clone(),
            draws,
            trials,
            seed,
            reorder,
        })
    }

    /// Number of trials.
    #[must_use]
    pub fn trials(&self) -> u32 {
        self.trials
    }

    /// The seed.
    #[must_use]
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// How many inputs each trial draws.
    #[must_use]
    pub fn uncertain_inputs(&self) -> usize {
        self.draws.len()
    }

    /// Number of chunks.
    #[must_use]
    pub fn chunk_count(&self) -> u32 {
        self.trials.div_ceil(CHUNK_TRIALS)
    }

    /// Number of trials in chunk `chunk` (the last may be short; zero past
    /// the end).
    #[must_use]
    pub fn chunk_trials(&self, chunk: u32) -> u32 {
        let start = chunk.saturating_mul(CHUNK_TRIALS);
        self.trials.saturating_sub(start).min(CHUNK_TRIALS)
    }

    /// The generator of chunk `chunk`.
    fn rng(&self, chunk: u32) -> Pcg64 {
        let key = |salt: u64| {
            mix(self
                .seed
                .wrapping_add(mix(u64::from(chunk).wrapping_mul(4).wrapping_add(salt))))
        };
        let state = (u128::from(key(0)) << 64) | u128::from(key(1));
        let stream = (u128::from(key(2)) << 64) | u128::from(key(3));
        Pcg64::new(state, stream)
    }

    /// Whether declared correlations reorder the draws.
    #[must_use]
    pub fn correlated(&self) -> bool {
        self.reorder.is_some()
    }

    /// Runs the trials of chunk `chunk`, in order: every draw of the chunk
    /// first (trial by trial, ranges in file order), then the reordering
    /// of correlated inputs, then the trials.
    #[must_use]
    pub fn run_chunk(&self, chunk: u32) -> Vec<Trial> {
        let mut rng = self.rng(chunk);
        let n = self.chunk_trials(chunk);
        let mut rows: Vec<Vec<Decimal>> = (0..n)
            .map(|_| self.draws.iter().map(|d| d.pert.draw(&mut rng)).collect())
            .collect();
        if let Some(reorder) = &self.reorder {
            reorder.apply(&mut rows, &mut rng);
        }
        let mut work = self.scenario.clone();
        let mut evaluator = Evaluator::new();
        let first = chunk.saturating_mul(CHUNK_TRIALS);
        rows.into_iter()
            .zip(first..)
            .map(|(row, index)| {
                for (d, value) in self.draws.iter().zip(&row) {
                    inputs::set(&mut work, &d.path, *value);
                }
                let (outcome, pv_costs, cumulative) = evaluator.detail(&work);
                let roi = if pv_costs.is_zero() {
                    None
                } else {
                    outcome.npv.checked_div(pv_costs)
                };
                let detail = (index < DETAIL_TRIALS).then(|| {
                    Box::new(Detail {
                        cumulative,
                        inputs: row,
                    })
                });
                Trial {
                    npv: outcome.npv,
                    payback_months: outcome.payback_months,
                    roi,
                    detail,
                }
            })
            .collect()
    }

    /// Summarises the chunks, given in chunk order. Returns `None` unless
    /// they hold exactly the plan's trials.
    #[must_use]
    pub fn finish(&self, chunks: Vec<Vec<Trial>>) -> Option<MonteCarloResults> {
        let all: Vec<Trial> = chunks.into_iter().flatten().collect();
        if all.len() != self.trials as usize {
            return None;
        }
        let mut results = summarise(&all, self.trials, self.seed, self.draws.len());
        results.fan = fan(&all, self.scenario.horizon_months);
        results.rank_sensitivity = self.rank_sensitivity(&all);
        results.correlated = self.correlated();
        Some(results)
    }

    /// The Spearman rank correlation of each drawn input with the NPV over
    /// the detail trials.
    fn rank_sensitivity(&self, all: &[Trial]) -> Vec<RankRow> {
        let detailed: Vec<(&Trial, &Detail)> = all
            .iter()
            .filter_map(|t| Some((t, t.detail.as_deref()?)))
            .collect();
        let npv: Vec<Decimal> = detailed.iter().map(|(t, _)| t.npv).collect();
        self.draws
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let values: Vec<Decimal> = detailed
                    .iter()
                    .map(|(_, detail)| detail.inputs.get(i).copied().unwrap_or_default())
                    .collect();
                RankRow {
                    input: d.path.clone(),
                    label: d.label.clone(),
                    rho: spearman(&values, &npv),
                }
            })
            .collect()
    }
}

/// The fan chart: per month, nearest-rank P10, P50, P90 of the detail
/// trials' cumulative amounts.
fn fan(all: &[Trial], horizon: u32) -> Vec<FanPoint> {
    let detailed: Vec<&Detail> = all.iter().filter_map(|t| t.detail.as_deref()).collect();
    if detailed.is_empty() {
        return Vec::new();
    }
    (0..=horizon)
        .map(|month| {
            let mut values: Vec<Decimal> = detailed
                .iter()
                .map(|d| {
                    d.cumulative
                        .get(month as usize)
                        .copied()
                        .unwrap_or_default()
                })
                .collect();
            values.sort_unstable();
            let at = |p| nearest_rank(&values, p).unwrap_or_default();
            FanPoint {
                month,
                p10: at(10),
                p50: at(50),
                p90: at(90),
            }
        })
        .collect()
}

/// The mean of values, summed in order; if the sum would overflow, a
/// running mean is used instead.
fn mean(values: &[Decimal]) -> Decimal {
    let n = Decimal::from(values.len().max(1));
    let sum = values
        .iter()
        .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(*v));
    if let Some(sum) = sum {
        return sum / n;
    }
    let mut running = Decimal::ZERO;
    for (k, v) in (1u64..).zip(values) {
        running += (v - running) / Decimal::from(k);
    }
    running
}

fn share(count: usize, total: usize) -> Decimal {
    if total == 0 {
        Decimal::ZERO
    } else {
        Decimal::from(count) / Decimal::from(total)
    }
}

fn summarise(all: &[Trial], trials: u32, seed: u64, uncertain_inputs: usize) -> MonteCarloResults {
    let npvs: Vec<Decimal> = all.iter().map(|o| o.npv).collect();
    let npv_mean = mean(&npvs);
    let positive = npvs.iter().filter(|v| **v > Decimal::ZERO).count();
    let mut sorted = npvs;
    sorted.sort_unstable();
    let mut paybacks: Vec<Decimal> = all.iter().filter_map(|o| o.payback_months).collect();
    paybacks.sort_unstable();
    let mut rois: Vec<Decimal> = all.iter().filter_map(|o| o.roi).collect();
    rois.sort_unstable();
    let zero = Percentiles {
        p5: Decimal::ZERO,
        p10: Decimal::ZERO,
        p50: Decimal::ZERO,
        p90: Decimal::ZERO,
        p95: Decimal::ZERO,
    };
    MonteCarloResults {
        trials,
        seed,
        uncertain_inputs,
        npv_mean,
        npv: Percentiles::of_sorted(&sorted).unwrap_or(zero),
        prob_npv_positive: share(positive, all.len()),
        payback: Percentiles::of_sorted(&paybacks),
        paying_back: u32::try_from(paybacks.len()).unwrap_or(u32::MAX),
        prob_payback_within_horizon: share(paybacks.len(), all.len()),
        histogram: Histogram::of_sorted(&sorted, HISTOGRAM_BINS),
        sorted_npv: sorted,
        sorted_payback: paybacks,
        sorted_roi: rois,
        fan: Vec::new(),
        rank_sensitivity: Vec::new(),
        correlated: false,
    }
}

/// Runs a Monte Carlo analysis on the calling thread. `progress` is called
/// with `(trials done, trials in all)` before the first chunk and after
/// each chunk; returning [`ControlFlow::Break`] cancels the run, which then
/// returns `Ok(None)` and no partial result.
pub fn run_monte_carlo(
    s: &Scenario,
    trials: u32,
    seed: u64,
    progress: &mut dyn FnMut(u32, u32) -> ControlFlow<()>,
) -> Result<Option<MonteCarloResults>, AnalysisError> {
    let plan = Plan::new(s, trials, seed)?;
    let mut chunks = Vec::with_capacity(plan.chunk_count() as usize);
    let mut done = 0u32;
    if progress(done, trials).is_break() {
        return Ok(None);
    }
    for chunk in 0..plan.chunk_count() {
        let outcomes = plan.run_chunk(chunk);
        done += plan.chunk_trials(chunk);
        chunks.push(outcomes);
        if progress(done, trials).is_break() {
            return Ok(None);
        }
    }
    Ok(plan.finish(chunks))
}
