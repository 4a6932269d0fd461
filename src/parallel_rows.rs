//! The switching values of every input on several threads, shared by the
//! command line and the app: the threads take inputs one at a time from a
//! shared counter, stop between inputs when `cancel` is set, and the rows
//! are sorted by the plan ([`SwitchingPlan::finish`]) whatever order they
//! finished in, so the answer does not depend on the number of threads.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use crate::model::analysis::{Switching, SwitchingPlan, SwitchingRow};

/// Runs `plan` on `threads` threads (at least one); `None` when cancelled.
#[must_use]
pub fn run_switching(
    plan: &SwitchingPlan,
    threads: usize,
    cancel: &AtomicBool,
) -> Option<Switching> {
    let next = AtomicUsize::new(0);
    let rows: Mutex<Vec<SwitchingRow>> = Mutex::new(Vec::with_capacity(plan.len()));
    let work = || {
        let mut scratch: Option<crate::model::Scenario> = None;
        loop {
            if cancel.load(Ordering::Acquire) {
                return;
            }
            let i = next.fetch_add(1, Ordering::AcqRel);
            if i >= plan.len() {
                return;
            }
            let work = scratch.get_or_insert_with(|| plan.scenario().clone());
            let row = plan.row(i, work);
            rows.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(row);
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..threads.max(1) {
            scope.spawn(work);
        }
        work();
    });
    if cancel.load(Ordering::Acquire) {
        return None;
    }
    let rows = rows.into_inner().unwrap_or_else(PoisonError::into_inner);
    (rows.len() == plan.len()).then(|| plan.finish(rows))
}
