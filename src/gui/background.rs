//! An analysis of one document computed off the UI thread: at most one run
//! in flight, its answer kept with the document revision it was computed
//! for, and an answer that arrives after the scenario changed thrown away.
//!
//! A frame never waits: it polls, shows what is there ("Computing..." while
//! a run is going), and the run asks for a repaint when it is done. The
//! answer travels through a channel that is read only by a frame, so an
//! edit applied before that frame always makes the answer stale, however
//! fast the run was.

use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What a run sends back.
pub type Answer<T> = Result<T, String>;

/// The message of a run that stopped without an answer (a bug: the model
/// cannot fail on a valid scenario, so this only follows a panic).
pub const STOPPED: &str = "The computation stopped without an answer.";

/// The answer for one revision of a document, and the run in flight.
pub struct Keyed<T> {
    done: Option<(u64, Answer<T>)>,
    running: Option<(u64, Receiver<Answer<T>>)>,
    discarded: u64,
}

impl<T> Default for Keyed<T> {
    fn default() -> Self {
        Self {
            done: None,
            running: None,
            discarded: 0,
        }
    }
}

impl<T: Send + 'static> Keyed<T> {
    /// Collects a finished run: kept when it was computed for `current`,
    /// thrown away otherwise.
    pub fn poll(&mut self, current: u64) {
        let Some((revision, rx)) = &self.running else {
            return;
        };
        let answer = match rx.try_recv() {
            Ok(answer) => answer,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Err(STOPPED.to_owned()),
        };
        let revision = *revision;
        self.running = None;
        if revision == current {
            self.done = Some((revision, answer));
        } else {
            self.discarded += 1;
        }
    }

    /// Starts `work` for `revision` on its own thread; `ctx` is asked to
    /// repaint when it is done. A run already in flight is abandoned: its
    /// answer will be thrown away (as asked for again, the newer question
    /// wins).
    pub fn start(
        &mut self,
        ctx: &egui::Context,
        revision: u64,
        work: impl FnOnce() -> Answer<T> + Send + 'static,
    ) {
        if self.running.take().is_some() {
            self.discarded += 1;
        }
        let (tx, rx) = channel();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("envroi-analysis".into())
            .spawn(move || {
                // The receiver is gone when the run was abandoned; the
                // answer then goes nowhere.
                let _ = tx.send(work());
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => self.running = Some((revision, rx)),
            // No thread to be had: the answer is missing rather than
            // computed inside the frame.
            Err(e) => self.done = Some((revision, Err(format!("cannot start a thread: {e}")))),
        }
    }

    /// Polls, and starts `work` for `current` when there is neither an
    /// answer for it nor a run in flight. A run for an older revision is
    /// left to finish (and be thrown away) first, so a burst of edits
    /// costs at most one run at a time.
    pub fn ensure(
        &mut self,
        ctx: &egui::Context,
        current: u64,
        work: impl FnOnce() -> Answer<T> + Send + 'static,
    ) {
        if self.needs_run(current) {
            self.start(ctx, current, work);
        }
    }

    /// Polls, and says whether [`ensure`](Self::ensure) would start a run
    /// for `current`: there is neither an answer for it nor a run in
    /// flight. A caller whose work is costly to prepare asks this first.
    pub fn needs_run(&mut self, current: u64) -> bool {
        self.poll(current);
        self.answer(current).is_none() && self.running.is_none()
    }

    /// The answer for revision `current`, if it is there.
    #[must_use]
    pub fn answer(&self, current: u64) -> Option<&Answer<T>> {
        self.done
            .as_ref()
            .filter(|(r, _)| *r == current)
            .map(|(_, a)| a)
    }

    /// The last answer kept, with its revision (it may be for an earlier
    /// revision than the current one).
    #[must_use]
    pub fn latest(&self) -> Option<(u64, &Answer<T>)> {
        self.done.as_ref().map(|(r, a)| (*r, a))
    }

    /// Whether a run is in flight.
    #[must_use]
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Whether a run for revision `current` is in flight.
    #[must_use]
    pub fn is_running_for(&self, current: u64) -> bool {
        self.running.as_ref().is_some_and(|(r, _)| *r == current)
    }

    /// How many answers arrived after their scenario had changed and were
    /// thrown away.
    #[must_use]
    pub fn discarded(&self) -> u64 {
        self.discarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::Sender;
    use std::time::{Duration, Instant};

    /// Polls until no run is in flight (bounded).
    fn settle<T: Send + 'static>(slot: &mut Keyed<T>, current: u64) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while slot.is_running() && Instant::now() < deadline {
            slot.poll(current);
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(!slot.is_running(), "the run finished within 10 s");
    }

    /// A job that waits for a word from the test before it answers.
    fn gated(value: u32) -> (Sender<()>, impl FnOnce() -> Answer<u32> + Send + 'static) {
        let (open, gate) = channel::<()>();
        (open, move || {
            let _ = gate.recv();
            Ok(value)
        })
    }

    #[test]
    fn an_answer_for_the_current_revision_is_kept() {
        let ctx = egui::Context::default();
        let mut slot = Keyed::default();
        let (open, work) = gated(7);
        slot.ensure(&ctx, 1, work);
        assert!(slot.is_running());
        assert!(slot.answer(1).is_none(), "nothing before the run ends");
        open.send(()).unwrap();
        settle(&mut slot, 1);
        assert_eq!(slot.answer(1), Some(&Ok(7)));
        assert_eq!(slot.discarded(), 0);
    }

    #[test]
    fn an_answer_that_arrives_after_an_edit_is_thrown_away_and_the_new_revision_computed() {
        let ctx = egui::Context::default();
        let mut slot = Keyed::default();
        let (open, work) = gated(1);
        slot.ensure(&ctx, 1, work);
        // The scenario changes to revision 2 while the run is in flight;
        // only one run at a time, so nothing new starts yet.
        slot.ensure(&ctx, 2, || Ok(2));
        assert!(slot.is_running());
        open.send(()).unwrap();
        settle(&mut slot, 2);
        assert_eq!(slot.discarded(), 1);
        assert!(slot.answer(1).is_none() && slot.answer(2).is_none());
        slot.ensure(&ctx, 2, || Ok(2));
        settle(&mut slot, 2);
        assert_eq!(slot.answer(2), Some(&Ok(2)));
    }

    #[test]
    fn asking_again_abandons_the_run_in_flight() {
        let ctx = egui::Context::default();
        let mut slot = Keyed::default();
        let (open, work) = gated(1);
        slot.start(&ctx, 1, work);
        slot.start(&ctx, 2, || Ok(2));
        assert!(slot.is_running_for(2));
        settle(&mut slot, 2);
        open.send(()).unwrap();
        assert_eq!(slot.answer(2), Some(&Ok(2)));
        assert_eq!(slot.discarded(), 1);
    }

    #[test]
    fn a_run_that_panics_reports_that_it_stopped() {
        let ctx = egui::Context::default();
        let mut slot: Keyed<u32> = Keyed::default();
        // The panic's report on stderr is expected.
        slot.ensure(&ctx, 3, || {
            panic!("a bug in the job (expected by this test)")
        });
        settle(&mut slot, 3);
        assert_eq!(slot.answer(3), Some(&Err(STOPPED.to_owned())));
    }
}
