//! File work off the UI thread: opening, saving, exports and the
//! recent-files list are done by one worker thread, in the order they were
//! asked for, and their outcomes are applied by the app in a frame.
//!
//! One thread, first in first out, keeps the order a person expects: two
//! saves of the same file land in the order they were made, and an export
//! asked for after a save sees the saved file. The worker owns copies of
//! what it writes (the scenario as it was when the save began, shared
//! results for an export), so a frame never waits for a disk, and an edit
//! made during a save cannot change what is being written.
//!
//! Every guarantee of the synchronous code stays with the functions it
//! calls: `io::save_checked` (the changed-on-disk check, the `.bak` copy,
//! the atomic write) and `write_atomic` for exports and the recent list.
//! On exit the app calls [`Worker::finish`], which waits for everything
//! queued, so closing the window during a save does not lose it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::thread::JoinHandle;

use crate::io::recovery::{self, Autosave};
use crate::io::{self, DiskStamp, SaveError, atomic::write_atomic, csv_out};
use crate::model::{Results, Scenario, View};

use super::state::DocId;
use super::state::Export;

/// Whether a save first checks that nobody changed the file since it was
/// opened or last saved here.
#[derive(Debug, Clone, Copy)]
pub enum Guard {
    /// Save unless the file now differs from this stamp (`None`: there was
    /// no file).
    UnlessChanged(Option<DiskStamp>),
    /// Write whatever is on disk now (the person chose to overwrite, or
    /// it is a Save As to another file).
    Overwrite,
}

/// The owned data an export is made from.
#[derive(Debug, Clone)]
pub enum ExportData {
    /// A monthly table of one view.
    Monthly(Arc<Results>, View),
    /// Both views' figures.
    Summary(Arc<Results>),
    /// The risk-adjusted figures of named scenarios.
    Comparison(Vec<(String, Arc<Results>)>),
    /// The formula workbook of one scenario.
    Workbook(Box<Scenario>, Arc<Results>),
    /// The payback chart of named scenarios.
    Png {
        /// Scenario names and results.
        series: Vec<(String, Arc<Results>)>,
        /// Which view to draw.
        view: View,
        /// The one currency of the money axis.
        currency: String,
    },
}

impl ExportData {
    /// The bytes of the export, from the same functions as the command
    /// line (so the files are byte-identical).
    pub fn bytes(&self) -> Result<Vec<u8>, String> {
        match self {
            Self::Monthly(results, view) => Ok(csv_out::monthly_csv(results, *view).into_bytes()),
            Self::Summary(results) => Ok(csv_out::summary_csv(results).into_bytes()),
            Self::Workbook(scenario, results) => io::xlsx::workbook(scenario, results),
            Self::Comparison(series) => {
                let borrowed: Vec<(&str, &Results)> =
                    series.iter().map(|(n, r)| (n.as_str(), &**r)).collect();
                Ok(csv_out::comparison_csv(&borrowed).into_bytes())
            }
            Self::Png {
                series,
                view,
                currency,
            } => {
                let borrowed: Vec<(&str, &Results)> =
                    series.iter().map(|(n, r)| (n.as_str(), &**r)).collect();
                // The command line's defaults (1600 x 900, scale 1), so the
                // risk-adjusted chart is byte for byte `envroi compare --png`.
                io::png::payback_png(&borrowed, *view, currency, &io::png::PngOptions::default())
            }
        }
    }
}

/// Work for the file worker.
#[derive(Debug)]
pub enum Job {
    /// Read, load and validate a scenario file.
    Load(PathBuf),
    /// Save a document's scenario (as it was when the save began).
    Save {
        /// The document.
        doc: DocId,
        /// Where to.
        path: PathBuf,
        /// The scenario to write.
        scenario: Box<Scenario>,
        /// Whether to check the file on disk first.
        guard: Guard,
    },
    /// Build an export and write it atomically.
    Export {
        /// What it is (for messages).
        export: Export,
        /// Where to.
        path: PathBuf,
        /// What to build it from.
        data: ExportData,
        /// The open scenario files, resolved: an export never overwrites
        /// one.
        open: Vec<PathBuf>,
    },
    /// Write the recent-files list.
    Recent {
        /// The list's file.
        file: PathBuf,
        /// Its text.
        text: String,
    },
    /// After autosaved documents were recovered: write this run's copies of
    /// them, then remove the earlier run's entries (only once the copies
    /// are on disk), and take the stamps of the files they came from.
    Recovered {
        /// This run's autosave (`None`: there is none, and the old entries
        /// go at once).
        store: Option<Autosave>,
        /// The earlier run's entries: folder and id.
        old: Vec<(PathBuf, String)>,
        /// The recovered documents and the files they came from.
        originals: Vec<(DocId, PathBuf)>,
    },
    /// Remove autosave entries the person chose not to recover: folder and
    /// id.
    Discard(Vec<(PathBuf, String)>),
}

impl Job {
    /// What the status bar says while the job waits or runs (`None`: a
    /// bookkeeping write not worth a word).
    fn describe(&self) -> Option<String> {
        let name = |p: &Path| {
            p.file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
        };
        match self {
            Self::Load(path) => Some(format!("Opening {}...", name(path))),
            Self::Save { path, .. } => Some(format!("Saving {}...", name(path))),
            Self::Export { path, .. } => Some(format!("Exporting {}...", name(path))),
            Self::Recent { .. } | Self::Recovered { .. } | Self::Discard(_) => None,
        }
    }
}

/// A scenario read from a file.
#[derive(Debug)]
pub struct Loaded {
    /// The scenario (valid).
    pub scenario: Scenario,
    /// What the file held.
    pub stamp: DiskStamp,
    /// The file's canonical path (for the recent-files list).
    pub canonical: PathBuf,
}

/// What the worker did.
#[derive(Debug)]
pub enum Done {
    /// A file was read.
    Loaded {
        /// As asked.
        path: PathBuf,
        /// The scenario, or the lines of the error.
        outcome: Result<Box<Loaded>, Vec<String>>,
    },
    /// A save finished.
    Saved {
        /// The document.
        doc: DocId,
        /// Where to.
        path: PathBuf,
        /// What was (or would have been) written.
        scenario: Box<Scenario>,
        /// The new stamp and the canonical path, or why nothing was
        /// written.
        outcome: Result<(DiskStamp, PathBuf), SaveError>,
    },
    /// An export finished.
    Exported {
        /// What it was.
        export: Export,
        /// Where to.
        path: PathBuf,
        /// Whether it was written.
        outcome: Result<(), String>,
    },
    /// The recent-files list was written, or why not.
    Recent(Result<(), String>),
    /// Recovered documents' copies were written and the old entries
    /// removed, or why not; and the stamps of the files they came from.
    Recovered {
        /// The documents whose files could be read.
        stamps: Vec<(DocId, DiskStamp)>,
        /// Whether the old entries are gone.
        outcome: Result<(), String>,
    },
    /// Autosave entries were removed, or why not.
    Discarded(Result<(), String>),
    /// The job did not finish (the worker failed; a bug). The text says
    /// what it was.
    Lost(String),
}

/// Runs one job (on the worker thread, or on the caller's when no thread
/// can be had).
fn run(job: Job) -> Done {
    match job {
        Job::Load(path) => {
            let outcome = io::load_path_stamped(&path)
                .map(|(scenario, stamp)| {
                    Box::new(Loaded {
                        scenario,
                        stamp,
                        canonical: canonical(&path),
                    })
                })
                .map_err(|e| e.lines());
            Done::Loaded { path, outcome }
        }
        Job::Save {
            doc,
            path,
            scenario,
            guard,
        } => {
            let written = match guard {
                Guard::UnlessChanged(opened) => io::save_checked(&scenario, &path, opened.as_ref()),
                Guard::Overwrite => {
                    io::save_with_backup(&scenario, &path).map_err(SaveError::Failed)
                }
            };
            let outcome = written.map(|stamp| (stamp, canonical(&path)));
            Done::Saved {
                doc,
                path,
                scenario,
                outcome,
            }
        }
        Job::Export {
            export,
            path,
            data,
            open,
        } => {
            let outcome = if open.contains(&canonical(&path)) {
                Err(format!(
                    "{} is an open scenario file; choose another name.",
                    path.display()
                ))
            } else {
                data.bytes()
            }
            .and_then(|bytes| {
                write_atomic(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))
            });
            Done::Exported {
                export,
                path,
                outcome,
            }
        }
        Job::Recent { file, text } => {
            let outcome = file
                .parent()
                .map_or(Ok(()), |dir| {
                    std::fs::create_dir_all(dir)
                        .map_err(|e| format!("{}: cannot create the folder: {e}", dir.display()))
                })
                .and_then(|()| {
                    write_atomic(&file, text.as_bytes()).map_err(|e| {
                        format!("{}: cannot write the recent files: {e}", file.display())
                    })
                });
            Done::Recent(outcome)
        }
        Job::Recovered {
            store,
            old,
            originals,
        } => {
            let written = store.map_or(Ok(0), |store| store.flush()).map_err(|e| {
                format!(
                    "cannot write the recovered scenarios' autosaves, the old ones are kept: {e}"
                )
            });
            let outcome = written.and_then(|_| discard_entries(&old));
            let stamps = originals
                .into_iter()
                .filter_map(|(doc, path)| DiskStamp::of_path(&path).map(|stamp| (doc, stamp)))
                .collect();
            Done::Recovered { stamps, outcome }
        }
        Job::Discard(entries) => Done::Discarded(discard_entries(&entries)),
    }
}

/// Removes autosave entries (folder and id); the first failure says why.
fn discard_entries(entries: &[(PathBuf, String)]) -> Result<(), String> {
    let mut outcome = Ok(());
    for (dir, id) in entries {
        if let Err(e) = recovery::discard(dir, id) {
            outcome = outcome.and(Err(format!(
                "{}: cannot remove an autosave: {e}",
                dir.display()
            )));
        }
    }
    outcome
}

/// The path made absolute and resolved, where the file exists. The app
/// calls it itself only at start-up, before the first frame.
pub(super) fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A job on its way, numbered so its outcome can be matched to it.
struct Ticket {
    number: u64,
    /// What the status bar says (`None`: nothing).
    text: Option<String>,
    doc: Option<DocId>,
    load: Option<PathBuf>,
}

/// The file worker: a thread started on first use, a queue to it and a
/// queue back.
pub struct Worker {
    jobs: Option<Sender<(u64, Job)>>,
    outcomes: Option<Receiver<(u64, Done)>>,
    thread: Option<JoinHandle<()>>,
    pending: Vec<Ticket>,
    next: u64,
    /// Outcomes of jobs run on the caller's thread (no thread available).
    inline: Vec<Done>,
}

impl Default for Worker {
    fn default() -> Self {
        Self::new()
    }
}

impl Worker {
    /// A worker; its thread starts with the first job.
    #[must_use]
    pub fn new() -> Self {
        Self {
            jobs: None,
            outcomes: None,
            thread: None,
            pending: Vec::new(),
            next: 0,
            inline: Vec::new(),
        }
    }

    /// Queues `job`; `ctx` is asked to repaint when it is done.
    pub fn submit(&mut self, ctx: &egui::Context, job: Job) {
        self.next += 1;
        let ticket = Ticket {
            number: self.next,
            text: job.describe(),
            doc: match &job {
                Job::Save { doc, .. } => Some(*doc),
                _ => None,
            },
            load: match &job {
                Job::Load(path) => Some(path.clone()),
                _ => None,
            },
        };
        if self.jobs.is_none() {
            self.spawn(ctx);
        }
        let job = match &self.jobs {
            Some(tx) => match tx.send((ticket.number, job)) {
                Ok(()) => {
                    self.pending.push(ticket);
                    return;
                }
                Err(returned) => returned.0.1,
            },
            None => job,
        };
        // No worker thread could be started: do the job here rather than
        // not at all.
        self.inline.push(run(job));
        ctx.request_repaint();
    }

    fn spawn(&mut self, ctx: &egui::Context) {
        let (job_tx, job_rx) = channel::<(u64, Job)>();
        let (done_tx, done_rx) = channel::<(u64, Done)>();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("envroi-files".into())
            .spawn(move || {
                for (number, job) in job_rx {
                    let what = job
                        .describe()
                        .unwrap_or_else(|| "Writing the recent files".into());
                    let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(job)))
                        .unwrap_or(Done::Lost(what));
                    if done_tx.send((number, done)).is_err() {
                        break;
                    }
                    repaint.request_repaint();
                }
            });
        if let Ok(handle) = spawned {
            self.jobs = Some(job_tx);
            self.outcomes = Some(done_rx);
            self.thread = Some(handle);
        }
    }

    /// The outcomes that arrived since the last call, in the order the
    /// jobs were queued.
    pub fn poll(&mut self) -> Vec<Done> {
        let mut done = std::mem::take(&mut self.inline);
        let Some(rx) = &self.outcomes else {
            return done;
        };
        loop {
            match rx.try_recv() {
                Ok((number, outcome)) => {
                    self.pending.retain(|t| t.number != number);
                    done.push(outcome);
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    // The thread is gone (it cannot be, short of a bug):
                    // report what it still had, and start a new one next
                    // time.
                    for ticket in self.pending.drain(..) {
                        done.push(Done::Lost(
                            ticket
                                .text
                                .unwrap_or_else(|| "Writing the recent files".into()),
                        ));
                    }
                    self.jobs = None;
                    self.outcomes = None;
                    self.thread = None;
                    break;
                }
            }
        }
        done
    }

    /// Whether nothing is queued or running.
    #[must_use]
    pub fn is_idle(&self) -> bool {
        self.pending.is_empty() && self.inline.is_empty()
    }

    /// Whether a save of `doc` is queued or running.
    #[must_use]
    pub fn is_saving(&self, doc: DocId) -> bool {
        self.pending.iter().any(|t| t.doc == Some(doc))
    }

    /// Whether `path` is being opened.
    #[must_use]
    pub fn is_loading(&self, path: &Path) -> bool {
        self.pending.iter().any(|t| t.load.as_deref() == Some(path))
    }

    /// What the status bar says while jobs wait or run, e.g. "Saving
    /// case.ron..." (`None` when there is nothing to say).
    #[must_use]
    pub fn status(&self) -> Option<String> {
        let mut texts = self.pending.iter().filter_map(|t| t.text.as_deref());
        let first = texts.next()?;
        let more = texts.count();
        Some(if more == 0 {
            first.to_owned()
        } else {
            format!("{first} (and {more} more)")
        })
    }

    /// Waits for every queued job to finish (their outcomes are not
    /// applied: the app is closing) and stops the thread.
    pub fn finish(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finishing_waits_for_every_queued_save() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = egui::Context::default();
        let mut worker = Worker::new();
        let scenario = crate::io::default_scenario().unwrap();
        let paths: Vec<PathBuf> = (0..5)
            .map(|i| dir.path().join(format!("case {i}.ron")))
            .collect();
        for (i, path) in paths.iter().enumerate() {
            let doc = DocId(u64::try_from(i).unwrap());
            worker.submit(
                &ctx,
                Job::Save {
                    doc,
                    path: path.clone(),
                    scenario: Box::new(scenario.clone()),
                    guard: Guard::UnlessChanged(None),
                },
            );
        }
        assert!(!worker.is_idle());
        // As on exit: no frame will take the outcomes, but every file is
        // written once `finish` returns.
        worker.finish();
        for path in &paths {
            assert_eq!(crate::io::load_path(path).unwrap(), scenario);
        }
    }

    #[test]
    fn a_save_refused_because_the_file_changed_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.ron");
        std::fs::write(&path, "someone else's text").unwrap();
        let done = run(Job::Save {
            doc: DocId(1),
            path: path.clone(),
            scenario: Box::new(crate::io::default_scenario().unwrap()),
            guard: Guard::UnlessChanged(None),
        });
        assert!(matches!(
            done,
            Done::Saved {
                outcome: Err(SaveError::ChangedOnDisk { .. }),
                ..
            }
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"someone else's text");
        assert!(!crate::io::backup_path(&path).exists());
    }
}
