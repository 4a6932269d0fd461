//! The progress bar of a long command line run: one line on stderr,
//! redrawn as the percentage moves, drawn only when stderr is a terminal.

use std::io::Write;

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
pub(super) struct ProgressBar {
    enabled: bool,
    last: Option<u32>,
}

impl ProgressBar {
    const WIDTH: u32 = 40;

    pub(super) fn new(enabled: bool) -> Self {
        Self {
            enabled,
            last: None,
        }
    }

    pub(super) fn show(&mut self, done: u32, total: u32) {
        if !self.enabled || total == 0 {
            return;
        }
        let percent = u64::from(done) * 100 / u64::from(total);
        let percent = u32::try_from(percent).unwrap_or(100).min(100);
        if self.last == Some(percent) {
            return;
        }
        self.last = Some(percent);
        let filled = (percent * Self::WIDTH / 100) as usize;
        let empty = Self::WIDTH as usize - filled;
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\rMonte Carlo [{}{}] {percent:>3} % ({done} of {total} trials)",
            "#".repeat(filled),
            "-".repeat(empty)
        );
        let _ = err.flush();
    }

    pub(super) fn clear(&mut self) {
        if self.enabled && self.last.is_some() {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{}\r", " ".repeat(80));
            let _ = err.flush();
        }
    }
}
