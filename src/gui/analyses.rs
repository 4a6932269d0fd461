//! The what-if analyses of one document, kept as document state: the
//! tornado, the goal seek (its chosen input, payback target and answer),
//! the Monte Carlo run (its job and its last result) and the break-even of
//! each field someone asked about.
//!
//! Panels only read this; they ask for work by pushing an
//! [`AnalysisRequest`](super::command::AnalysisRequest), and the app applies
//! the request here. Every computation runs off the UI thread (the
//! background runner [`Keyed`] for one-shot answers, the shared parallel
//! runner for Monte Carlo), and every answer carries the document revision
//! it was computed for: an answer for an older revision is kept only as
//! "the scenario has changed since" or thrown away.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::thread::JoinHandle;

use super::decision::{Decision, start_decision};
use crate::model::Scenario;
use crate::model::analysis::{
    BreakEven, MonteCarloResults, Plan, Sensitivity, Target, break_even, sensitivity,
};
use crate::parallel::{run_parallel, worker_threads};

use super::background::{Answer, Keyed};
use super::command::AnalysisRequest;

/// What a field's break-even says while it is being found.
pub const BREAK_EVEN_COMPUTING: &str = "Finding the break-even...";

/// A Monte Carlo run in progress on a background thread.
struct Job {
    /// The document revision being simulated.
    revision: u64,
    /// Set by Cancel; the workers stop after their current chunk.
    cancel: Arc<AtomicBool>,
    /// Trials done so far.
    done: Arc<AtomicU32>,
    /// Trials in all.
    total: u32,
    /// The thread; its value is `None` when cancelled.
    handle: JoinHandle<Option<MonteCarloResults>>,
}

/// The analyses of one document (never saved).
#[derive(Default)]
pub struct Analyses {
    /// The sensitivity tornado, recomputed for each revision while the
    /// What-if tab is shown.
    pub tornado: Keyed<Sensitivity>,
    /// The goal seek's chosen input path.
    pub goal_input: String,
    /// The goal seek's payback target, as typed (months, optional).
    pub goal_payback: String,
    /// The goal seek's answer.
    pub goal: Keyed<Vec<BreakEven>>,
    job: Option<Job>,
    /// The last Monte Carlo result (or why there is none), with the
    /// revision it was run for.
    pub monte_carlo: Option<(u64, Answer<MonteCarloResults>)>,
    break_evens: HashMap<String, Keyed<String>>,
    /// The switching values and cost of delay (MODEL.md 10), with the flag
    /// that stops their run when a newer revision asks.
    pub decision: Keyed<Decision>,
    decision_cancel: Option<Arc<AtomicBool>>,
}

impl fmt::Debug for Analyses {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Analyses")
            .field("goal_input", &self.goal_input)
            .field("goal_payback", &self.goal_payback)
            .field("monte_carlo_running", &self.job.is_some())
            .field("break_evens", &self.break_evens.len())
            .finish_non_exhaustive()
    }
}

impl Analyses {
    /// Collects every finished run: answers for `revision` are kept, older
    /// one-shot answers thrown away, a finished Monte Carlo job joined.
    pub fn poll(&mut self, revision: u64) {
        self.tornado.poll(revision);
        self.goal.poll(revision);
        self.decision.poll(revision);
        for slot in self.break_evens.values_mut() {
            slot.poll(revision);
        }
        let finished = self.job.as_ref().is_some_and(|j| j.handle.is_finished());
        if finished && let Some(job) = self.job.take() {
            let result = match job.handle.join() {
                Ok(Some(r)) => Ok(r),
                Ok(None) => Err("Cancelled: no result.".to_owned()),
                Err(_) => Err("The run failed.".to_owned()),
            };
            self.monte_carlo = Some((job.revision, result));
        }
    }

    /// Starts the tornado for `revision` unless it is there or running.
    /// The scenario is copied only when a run starts, not every frame.
    pub fn ensure_tornado(&mut self, ctx: &egui::Context, scenario: &Scenario, revision: u64) {
        if !self.tornado.needs_run(revision) {
            return;
        }
        let scenario = scenario.clone();
        self.tornado.start(ctx, revision, move || {
            sensitivity(&scenario).map_err(|e| e.to_string())
        });
    }

    /// Carries out one request for `scenario` at `revision`.
    pub fn apply(
        &mut self,
        ctx: &egui::Context,
        request: AnalysisRequest,
        scenario: &Scenario,
        revision: u64,
    ) {
        match request {
            AnalysisRequest::GoalInput(path) => self.goal_input = path,
            AnalysisRequest::GoalPayback(text) => self.goal_payback = text,
            AnalysisRequest::FindGoal => {
                let (scenario, input, payback) = (
                    scenario.clone(),
                    self.goal_input.clone(),
                    self.goal_payback.clone(),
                );
                self.goal.start(ctx, revision, move || {
                    goal_seek(&scenario, &input, &payback)
                });
            }
            AnalysisRequest::RunMonteCarlo => {
                if self.job.is_some() {
                    return;
                }
                match Plan::new(
                    scenario,
                    scenario.monte_carlo.trials,
                    scenario.monte_carlo.seed,
                ) {
                    Ok(plan) => match start(plan, revision) {
                        Ok(job) => self.job = Some(job),
                        Err(e) => self.monte_carlo = Some((revision, Err(e))),
                    },
                    Err(e) => self.monte_carlo = Some((revision, Err(e.to_string()))),
                }
            }
            AnalysisRequest::CancelMonteCarlo => {
                if let Some(job) = &self.job {
                    job.cancel.store(true, Ordering::Release);
                }
            }
            AnalysisRequest::Decision => {
                self.decision.poll(revision);
                if self.decision.answer(revision).is_none()
                    && !self.decision.is_running_for(revision)
                {
                    if let Some(old) = self.decision_cancel.take() {
                        old.store(true, Ordering::Release);
                    }
                    self.decision_cancel =
                        Some(start_decision(&mut self.decision, ctx, scenario, revision));
                }
            }
            AnalysisRequest::BreakEven(path) => {
                let slot = self.break_evens.entry(path.clone()).or_default();
                slot.poll(revision);
                if slot.answer(revision).is_some() || slot.is_running_for(revision) {
                    return;
                }
                let scenario = scenario.clone();
                slot.start(ctx, revision, move || {
                    Ok(match break_even(&scenario, &path, Target::NpvZero) {
                        Ok(r) => r.value.map_or_else(
                            || "no break-even in range".to_owned(),
                            |v| format!("NPV = 0 at {v}"),
                        ),
                        Err(e) => e.to_string(),
                    })
                });
            }
        }
    }

    /// The Monte Carlo run's progress, `(trials done, trials in all)`,
    /// while one is running.
    #[must_use]
    pub fn monte_carlo_progress(&self) -> Option<(u32, u32)> {
        self.job
            .as_ref()
            .map(|j| (j.done.load(Ordering::Acquire), j.total))
    }

    /// Whether a Monte Carlo run is in flight (the app keeps repainting
    /// while it reports progress).
    #[must_use]
    pub fn monte_carlo_running(&self) -> bool {
        self.job.is_some()
    }

    /// The break-even of `path` for revision `revision`: the answer,
    /// [`BREAK_EVEN_COMPUTING`] while it runs, or `None` (never asked, or
    /// asked before the scenario changed).
    #[must_use]
    pub fn break_even_note(&self, revision: u64, path: &str) -> Option<String> {
        let slot = self.break_evens.get(path)?;
        if let Some(answer) = slot.answer(revision) {
            return Some(answer.clone().unwrap_or_else(|e| e));
        }
        slot.is_running_for(revision)
            .then(|| BREAK_EVEN_COMPUTING.to_owned())
    }
}

/// The break-even of `input` for NPV = 0 and, when `payback` holds a
/// number of months, for that payback.
fn goal_seek(s: &Scenario, input: &str, payback: &str) -> Answer<Vec<BreakEven>> {
    let mut targets = vec![Target::NpvZero];
    let payback = payback.trim();
    if !payback.is_empty() {
        let months: u32 = payback
            .parse()
            .map_err(|_| format!("`{payback}` is not a whole number of months"))?;
        targets.push(Target::PaybackMonths(months));
    }
    targets
        .into_iter()
        .map(|t| break_even(s, input, t).map_err(|e| e.to_string()))
        .collect()
}

/// Starts a run on a background thread, which fans out to the workers.
fn start(plan: Plan, revision: u64) -> Result<Job, String> {
    let cancel = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU32::new(0));
    let total = plan.trials();
    let (c, d) = (Arc::clone(&cancel), Arc::clone(&done));
    let handle = std::thread::Builder::new()
        .name("envroi-monte-carlo".into())
        .spawn(move || {
            run_parallel(&plan, worker_threads(), &c, &mut |n, _| {
                d.store(n, Ordering::Release);
            })
        })
        .map_err(|e| format!("cannot start a thread: {e}"))?;
    Ok(Job {
        revision,
        cancel,
        done,
        total,
        handle,
    })
}
