//! The decision analyses of one document (MODEL.md 10): the switching value
//! of every input for NPV = 0 and the cost of delay, computed together off
//! the UI thread and cancellable between inputs. A run started for a newer
//! revision stops the older one; an answer for an older revision is thrown
//! away by [`Keyed`], as for every analysis.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::model::Scenario;
use crate::model::analysis::{Goal, SwitchingPlan, cost_of_delay};
use crate::parallel::worker_threads;
use crate::parallel_rows::run_switching;

use super::background::Keyed;

pub use crate::io::html::decision::Decision;

/// What the switching table says while it is being computed.
pub const DECISION_COMPUTING: &str = "Computing the switching value of each input...";

/// Starts the run for `revision` in `slot`; returns the flag that stops it.
pub fn start_decision(
    slot: &mut Keyed<Decision>,
    ctx: &egui::Context,
    scenario: &Scenario,
    revision: u64,
) -> Arc<AtomicBool> {
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    let scenario = scenario.clone();
    slot.start(ctx, revision, move || {
        let plan = SwitchingPlan::new(&scenario, Goal::Npv).map_err(|e| e.to_string())?;
        let delay = cost_of_delay(&scenario).map_err(|e| e.to_string())?;
        let switching = run_switching(&plan, worker_threads(), &flag)
            .ok_or_else(|| "Cancelled: the scenario changed.".to_owned())?;
        Ok(Decision { switching, delay })
    });
    cancel
}

/// Stops a run (its answer, if any, is thrown away as stale).
pub fn stop(cancel: &AtomicBool) {
    cancel.store(true, Ordering::Release);
}
