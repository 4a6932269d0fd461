//! No lost work in the app: unsaved documents are autosaved every few
//! seconds (off the UI thread), the next start after a crash offers them
//! back, and a panic writes them before the app goes.
//!
//! The storage is [`crate::io::recovery`]; this file only connects it to the
//! workspace: each frame it notes which documents are unsaved (a copy is
//! taken only when a scenario changed), and when something is waiting it
//! asks for one repaint at the next autosave time, so an idle window does
//! no work.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use crate::io::recovery::{self, Autosave, Recoverable};

use super::state::DocId;
use super::workspace::Workspace;

/// How often unsaved edits are written.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(3);

/// The store the panic hook writes from (one app per process).
static CRASH_STORE: OnceLock<Autosave> = OnceLock::new();

/// The app's autosave: the store, the time of the last write and the
/// errors reported by the writing thread.
#[derive(Debug)]
pub struct AppAutosave {
    store: Autosave,
    last_flush: Instant,
    errors_tx: Sender<String>,
    errors_rx: Receiver<String>,
}

impl AppAutosave {
    /// Autosaves into `dir`; returns the entries earlier runs left there
    /// (what to offer for recovery).
    #[must_use]
    pub fn start(dir: PathBuf) -> (Self, Vec<Recoverable>) {
        let offered = recovery::list_recoverable(&dir);
        let store = Autosave::new(dir);
        let _ = CRASH_STORE.set(store.clone());
        let (errors_tx, errors_rx) = channel();
        (
            Self {
                store,
                last_flush: Instant::now(),
                errors_tx,
                errors_rx,
            },
            offered,
        )
    }

    /// The folder autosaves go to.
    #[must_use]
    pub fn dir(&self) -> &std::path::Path {
        self.store.dir()
    }

    /// The entry id of a document of this run.
    #[must_use]
    pub fn entry_id(doc: DocId) -> String {
        recovery::entry_id(doc.0)
    }

    /// Notes every unsaved document, forgets saved and closed ones, and
    /// writes what changed when the autosave time has come. Asks for a
    /// repaint at the next autosave time while something waits.
    pub fn sync(&mut self, ctx: &egui::Context, ws: &Workspace) {
        let mut live = Vec::new();
        for doc in ws.docs.iter().filter(|d| d.is_dirty()) {
            let id = Self::entry_id(doc.id);
            self.store
                .note_unsaved(&id, doc.scenario(), doc.path.as_deref());
            live.push(id);
        }
        for id in self.store.ids() {
            if !live.contains(&id) {
                self.store.note_saved(&id);
            }
        }
        if self.store.has_unwritten() {
            let elapsed = self.last_flush.elapsed();
            // A saved document's entry goes at once (on the writing thread).
            if elapsed >= AUTOSAVE_EVERY || self.store.has_removed() {
                let tx = self.errors_tx.clone();
                let repaint = ctx.clone();
                self.store.flush_in_background(move |e| {
                    let _ = tx.send(e);
                    repaint.request_repaint();
                });
                self.last_flush = Instant::now();
                ctx.request_repaint_after(AUTOSAVE_EVERY);
            } else {
                ctx.request_repaint_after(AUTOSAVE_EVERY.saturating_sub(elapsed));
            }
        }
    }

    /// The store, to flush from another thread (clones share it).
    #[must_use]
    pub fn store(&self) -> Autosave {
        self.store.clone()
    }

    /// Errors the writing thread reported since the last call.
    pub fn errors(&self) -> Vec<String> {
        self.errors_rx.try_iter().collect()
    }

    /// Removes every entry of this run, on this thread: the app is closing
    /// with nothing unsaved, or the person chose to quit without saving.
    pub fn discard_all(&self) {
        for id in self.store.ids() {
            self.store.note_saved(&id);
        }
        let _ = self.store.flush();
    }
}

/// Installs a panic hook that, after the usual report, writes a recovery
/// copy of every unsaved document and, when the UI thread failed, tells the
/// person so: on stderr and, where the desktop can show one, in a message
/// box.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        previous(info);
        let Some(store) = CRASH_STORE.get() else {
            return;
        };
        let copies = store.write_all_now();
        // A helper thread that fails (a file dialog, an autosave) does not
        // close the window; only the UI thread's failure is announced.
        if std::thread::current().name() != Some("main") {
            return;
        }
        let message = recovery::crash_message(&copies, store.dir());
        eprintln!("{message}");
        if std::env::var_os("ENVROI_NO_DIALOGS").is_none() {
            let _ = std::panic::catch_unwind(|| {
                rfd::MessageDialog::new()
                    .set_level(rfd::MessageLevel::Error)
                    .set_title("envroi has to close")
                    .set_description(&message)
                    .set_buttons(rfd::MessageButtons::Ok)
                    .show()
            });
        }
    }));
}

/// One line per recoverable entry, for the recovery prompt.
#[must_use]
pub fn describe(entries: &[Recoverable]) -> Vec<String> {
    entries
        .iter()
        .map(|r| {
            let when = r.written.map_or_else(String::new, |t| {
                chrono::DateTime::<chrono::Local>::from(t)
                    .format(" (autosaved %Y-%m-%d %H:%M)")
                    .to_string()
            });
            let file = r
                .original
                .as_ref()
                .map_or_else(|| "never saved".to_owned(), |p| p.display().to_string());
            match &r.scenario {
                Ok(s) => format!("\"{}\", {file}{when}", s.name),
                Err(e) => format!("{}: damaged, cannot be recovered: {e}", r.copy.display()),
            }
        })
        .collect()
}
