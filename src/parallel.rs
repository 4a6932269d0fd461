//! The parallel Monte Carlo runner shared by the command line and the app:
//! it spreads a plan's chunks over threads and reassembles them in order.
//! No egui and no command line here; the trials themselves are in
//! `model::analysis`.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use crate::model::analysis::{MonteCarloResults, Plan, Trial};

/// Runs a Monte Carlo plan on `threads` threads (at least one). The chunks
/// are reassembled in order, so the result is the same for any number of
/// threads. `progress` is called on the calling thread after each chunk,
/// and at least every 50 ms, with `(trials done, trials in all)`; setting
/// `cancel` stops the workers after their current chunk and the run returns
/// `None`, with no partial result.
pub fn run_parallel(
    plan: &Plan,
    threads: usize,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(u32, u32),
) -> Option<MonteCarloResults> {
    let chunks = plan.chunk_count();
    let threads = threads.clamp(1, (chunks as usize).max(1));
    let next = AtomicU32::new(0);
    let slots: Mutex<Vec<Option<Vec<Trial>>>> = Mutex::new(vec![None; chunks as usize]);
    let (sender, receiver) = mpsc::channel::<u32>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (next, slots) = (&next, &slots);
            scope.spawn(move || {
                while !cancel.load(Ordering::Acquire) {
                    let chunk = next.fetch_add(1, Ordering::AcqRel);
                    if chunk >= chunks {
                        break;
                    }
                    let outcomes = plan.run_chunk(chunk);
                    slots.lock().unwrap_or_else(PoisonError::into_inner)[chunk as usize] =
                        Some(outcomes);
                    let _ = sender.send(plan.chunk_trials(chunk));
                }
            });
        }
        // The workers hold the only senders now: the channel closes when
        // the last of them ends, however it ends.
        drop(sender);
        let mut done = 0u32;
        progress(done, plan.trials());
        loop {
            match receiver.recv_timeout(Duration::from_millis(50)) {
                Ok(trials) => done = done.saturating_add(trials),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            progress(done, plan.trials());
        }
    });
    if cancel.load(Ordering::Acquire) {
        return None;
    }
    let slots = slots.into_inner().unwrap_or_else(PoisonError::into_inner);
    let chunks: Option<Vec<Vec<Trial>>> = slots.into_iter().collect();
    plan.finish(chunks?)
}

/// The number of worker threads for a Monte Carlo run: the machine's
/// available parallelism.
#[must_use]
pub fn worker_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}
