//! The cold-start probe: how long the app takes from the start of `main`
//! to its first painted frame, with the moments on the way
//! (`ENVROI_EXIT_AFTER_FIRST_FRAME`).

use std::time::Instant;

/// The cold-start probe: when the process started (first thing in `main`)
/// and the moments on the way to the first painted frame.
#[derive(Debug, Clone)]
pub struct StartupProbe {
    started: Instant,
    marks: Vec<(&'static str, f64)>,
}

impl StartupProbe {
    /// A probe measuring from `started`.
    #[must_use]
    pub fn new(started: Instant) -> Self {
        Self {
            started,
            marks: Vec::new(),
        }
    }

    fn elapsed_ms(&self) -> f64 {
        self.started.elapsed().as_secs_f64() * 1000.0
    }

    /// Notes that `what` happened now (once: later calls are ignored).
    pub fn mark_once(&mut self, what: &'static str) {
        if !self.marks.iter().any(|(w, _)| *w == what) {
            let at = self.elapsed_ms();
            self.marks.push((what, at));
        }
    }

    /// The line printed at the first painted frame: milliseconds since
    /// `main` began, the moments on the way, and the wall-clock time (so a
    /// script can measure from before `exec`).
    #[must_use]
    pub fn report(&self) -> String {
        let now = self.elapsed_ms();
        let unix_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
        let marks: Vec<String> = self
            .marks
            .iter()
            .map(|(what, at)| format!("{what} {at:.1} ms"))
            .collect();
        format!(
            "envroi first frame: {now:.1} ms after main started ({}; unix time {unix_ms:.1} ms)",
            marks.join(", ")
        )
    }
}
