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
//! Percentiles use the nearest-rank definition: the P-th percentile of `n`
//! sorted values is the value of rank `ceil(P x n / 100)` (counting from 1),
//! so it is always one of the trial values. Payback percentiles are taken
//! over the trials that pay back within the horizon only.

use rand::Rng;
use rand_pcg::Pcg64;
use rust_decimal::Decimal;
use std::ops::ControlFlow;

use super::pert::Pert;
use super::{AnalysisError, Evaluator, Outcome, ensure_valid, file_drivers};
use crate::model::inputs;
use crate::model::scenario::Scenario;

/// Trials per chunk: each chunk has its own random stream.
pub const CHUNK_TRIALS: u32 = 250;
/// Bars of the NPV histogram.
pub const HISTOGRAM_BINS: usize = 40;
/// The fewest trials a run may have (MODEL.md section 2).
pub const MIN_TRIALS: u32 = 100;
/// The most trials a run may have (MODEL.md section 2).
pub const MAX_TRIALS: u32 = 1_000_000;

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
}

/// One uncertain input ready to be drawn.
#[derive(Debug, Clone)]
struct Draw {
    path: String,
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
        let draws = file_drivers(s)
            .into_iter()
            .map(|d| Draw {
                pert: Pert::new(d.low, d.base, d.high),
                path: d.input,
            })
            .collect();
        Ok(Self {
            scenario: s.clone(),
            draws,
            trials,
            seed,
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

    /// Runs the trials of chunk `chunk`, in order.
    #[must_use]
    pub fn run_chunk(&self, chunk: u32) -> Vec<Outcome> {
        let mut rng = self.rng(chunk);
        let mut work = self.scenario.clone();
        let mut evaluator = Evaluator::new();
        (0..self.chunk_trials(chunk))
            .map(|_| self.trial(&mut rng, &mut work, &mut evaluator))
            .collect()
    }

    fn trial<R: Rng>(
        &self,
        rng: &mut R,
        work: &mut Scenario,
        evaluator: &mut Evaluator,
    ) -> Outcome {
        for d in &self.draws {
            let value = d.pert.draw(rng);
            inputs::set(work, &d.path, value);
        }
        evaluator.outcome(work)
    }

    /// Summarises the chunks, given in chunk order. Returns `None` unless
    /// they hold exactly the plan's trials.
    #[must_use]
    pub fn finish(&self, chunks: Vec<Vec<Outcome>>) -> Option<MonteCarloResults> {
        let all: Vec<Outcome> = chunks.into_iter().flatten().collect();
        if all.len() != self.trials as usize {
            return None;
        }
        Some(summarise(&all, self.trials, self.seed, self.draws.len()))
    }
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

fn summarise(
    all: &[Outcome],
    trials: u32,
    seed: u64,
    uncertain_inputs: usize,
) -> MonteCarloResults {
    let npvs: Vec<Decimal> = all.iter().map(|o| o.npv).collect();
    let npv_mean = mean(&npvs);
    let positive = npvs.iter().filter(|v| **v > Decimal::ZERO).count();
    let mut sorted = npvs;
    sorted.sort_unstable();
    let mut paybacks: Vec<Decimal> = all.iter().filter_map(|o| o.payback_months).collect();
    paybacks.sort_unstable();
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
