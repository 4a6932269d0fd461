//! The app's file jobs: opening, saving (with the checks for a file that
//! changed on disk, a save in flight and a close after saving), exports
//! and recovery. Each queues a job on the file worker and applies its
//! outcome in a frame when it arrives ([`EnvroiApp::finished`]); no frame
//! waits for a disk.

use std::path::{Path, PathBuf};

use crate::io::recovery::Recoverable;
use crate::io::{self, SaveError};
use crate::model::shared_currency;

use crate::gui::command::Command;
use crate::gui::files::Request;
use crate::gui::panels::dialogs::Prompt;
use crate::gui::state::{DocId, Export};
use crate::gui::worker::{self, Done, ExportData, Guard, Job};

use super::{EnvroiApp, Message};

impl EnvroiApp {
    pub(super) fn set_canonical(&mut self, id: DocId, canonical: PathBuf) {
        if let Some(d) = self.ws.doc_mut(id) {
            d.canonical = Some(canonical);
        }
    }

    pub(super) fn open_default(&mut self) {
        match io::default_scenario() {
            Ok(s) => {
                self.ws.add(s, None, true);
            }
            Err(e) => {
                self.prompt = Some(Prompt::Errors(
                    "The built-in scenario did not load".into(),
                    e.lines(),
                ));
            }
        }
    }

    /// Opens `path` at start-up, on this thread (there is no frame to
    /// keep yet), or selects it when it is already open. On failure
    /// returns the error lines and changes nothing.
    pub(super) fn open_now(&mut self, path: &Path) -> Result<(), Vec<String>> {
        if let Some(id) = self.ws.find_path(path) {
            self.ws.active = Some(id);
            return Ok(());
        }
        let (scenario, stamp) = io::load_path_stamped(path).map_err(|e| e.lines())?;
        let id = self.ws.add(scenario, Some(path.to_path_buf()), true);
        self.stamps.insert(id, stamp);
        let canonical = worker::canonical(path);
        self.set_canonical(id, canonical.clone());
        if let Some(write) = self.recent.add(canonical) {
            self.recent_unwritten = Some(write);
        }
        Ok(())
    }

    /// Opens `path` on the file worker, or selects it when it is already
    /// open. A second request for a file still being read adds nothing.
    pub(super) fn open(&mut self, ctx: &egui::Context, path: PathBuf) {
        if let Some(id) = self.ws.find_path(&path) {
            self.ws.active = Some(id);
            return;
        }
        if self.worker.is_loading(&path) {
            return;
        }
        self.worker.submit(ctx, Job::Load(path));
    }

    /// Puts `canonical` first in the recent-files list; the worker writes
    /// the list.
    pub(super) fn remember(&mut self, ctx: &egui::Context, canonical: PathBuf) {
        if let Some((file, text)) = self.recent.add(canonical) {
            self.worker.submit(ctx, Job::Recent { file, text });
        }
    }

    /// Shows `prompt` now, or after the question on screen is answered.
    pub(super) fn prompt_later(&mut self, prompt: Prompt) {
        if self.prompt.is_none() {
            self.prompt = Some(prompt);
        } else {
            self.later.push_back(prompt);
        }
    }

    pub(super) fn note(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message {
            text: text.into(),
            error,
        });
    }

    pub(super) fn ask(&mut self, ctx: &egui::Context, request: Request) {
        if let Some(request) = self.dialogs.request(ctx, request) {
            self.prompt = Some(Prompt::TypedPath {
                request,
                text: String::new(),
            });
        }
    }

    /// Saves document `id` to `path` on the file worker, keeping the
    /// previous file as `<name>.ron.bak`. Saving to the document's own file
    /// first checks (on the worker) that nobody changed it on disk since it
    /// was opened or saved here, and asks before overwriting such changes
    /// (unless `overwrite`). What is written is the scenario as it is now;
    /// when the save is done only that copy counts as saved.
    pub(super) fn save_to(&mut self, ctx: &egui::Context, id: DocId, path: &Path, overwrite: bool) {
        let Some(doc) = self.ws.doc(id) else {
            return;
        };
        if self.worker.is_saving(id) {
            // One save of a document at a time, so the next one checks the
            // disk against what the first wrote.
            self.save_again.insert(id, (path.to_path_buf(), overwrite));
            return;
        }
        let guard = if !overwrite && doc.path.as_deref() == Some(path) {
            Guard::UnlessChanged(self.stamps.get(&id).copied())
        } else {
            Guard::Overwrite
        };
        let job = Job::Save {
            doc: id,
            path: path.to_path_buf(),
            scenario: Box::new(doc.scenario().clone()),
            guard,
        };
        self.worker.submit(ctx, job);
    }

    /// What an export is made from, taken now so that the worker needs
    /// nothing from the workspace.
    pub(super) fn export_data(&self, export: Export) -> Result<ExportData, String> {
        let active = self.ws.active_doc().ok_or("no scenario is open")?;
        let series = || -> Vec<(String, std::sync::Arc<crate::model::Results>)> {
            self.ws
                .compared_docs()
                .iter()
                .map(|d| (d.title().to_owned(), d.shared_results()))
                .collect()
        };
        match export {
            Export::Monthly(view) => Ok(ExportData::Monthly(active.shared_results(), view)),
            Export::Summary => Ok(ExportData::Summary(active.shared_results())),
            Export::Comparison => Ok(ExportData::Comparison(series())),
            Export::Workbook => Ok(ExportData::Workbook(
                Box::new(active.scenario().clone()),
                active.shared_results(),
            )),
            Export::Png => {
                let docs = self.ws.compared_docs();
                let currency = shared_currency(docs.iter().map(|d| d.scenario().currency.as_str()))
                    .map_err(|e| e.to_string())?;
                Ok(ExportData::Png {
                    series: series(),
                    view: self.ws.view,
                    currency: currency.to_owned(),
                    style: self.ws.display,
                })
            }
            Export::BusinessCase => Ok(ExportData::Html {
                items: vec![(
                    Box::new(active.scenario().clone()),
                    active.path.clone(),
                    active.shared_results(),
                )],
                appraisal: false,
                style: self.ws.display,
            }),
            Export::Appraisal => {
                // The compare base first, then the others in their order.
                let mut docs = self.ws.compared_docs();
                if let Some(at) = docs.iter().position(|d| Some(d.id) == self.ws.base) {
                    let base = docs.remove(at);
                    docs.insert(0, base);
                }
                Ok(ExportData::Html {
                    items: docs
                        .iter()
                        .map(|d| {
                            (
                                Box::new(d.scenario().clone()),
                                d.path.clone(),
                                d.shared_results(),
                            )
                        })
                        .collect(),
                    appraisal: true,
                    style: self.ws.display,
                })
            }
        }
    }

    pub(super) fn export_to(&mut self, ctx: &egui::Context, export: Export, path: PathBuf) {
        if self.ws.find_path(&path).is_some() {
            self.prompt = Some(Prompt::Errors(
                "Export refused".into(),
                vec![format!(
                    "{} is an open scenario file; choose another name.",
                    path.display()
                )],
            ));
            return;
        }
        match self.export_data(export) {
            Ok(data) => {
                // The worker also refuses a path that names an open file
                // another way.
                let open = self.ws.canonical_paths();
                self.worker.submit(
                    ctx,
                    Job::Export {
                        export,
                        path,
                        data,
                        dialect: self.ws.csv_dialect,
                        open,
                    },
                );
            }
            Err(e) => self.prompt = Some(Prompt::Errors("Could not export".into(), vec![e])),
        }
    }

    /// Applies what the file worker finished.
    pub(super) fn finished(&mut self, ctx: &egui::Context, done: Done) {
        match done {
            Done::Loaded { path, outcome } => match outcome {
                Ok(loaded) => {
                    // The same file may be open already, by this name or
                    // another.
                    let open = self
                        .ws
                        .find_path(&path)
                        .or_else(|| self.ws.find_path(&loaded.canonical));
                    if let Some(id) = open {
                        self.ws.active = Some(id);
                    } else {
                        let id = self.ws.add(loaded.scenario, Some(path), true);
                        self.stamps.insert(id, loaded.stamp);
                        self.set_canonical(id, loaded.canonical.clone());
                        self.remember(ctx, loaded.canonical);
                    }
                }
                Err(lines) => self.prompt_later(Prompt::Errors(
                    format!("Could not open {}", path.display()),
                    lines,
                )),
            },
            Done::Saved {
                doc,
                path,
                scenario,
                outcome,
            } => {
                let again = self.save_again.remove(&doc);
                match outcome {
                    Ok((stamp, canonical)) => {
                        if let Some(d) = self.ws.doc_mut(doc) {
                            d.mark_saved(path.clone(), *scenario);
                            d.canonical = Some(canonical.clone());
                            self.stamps.insert(doc, stamp);
                        }
                        self.note(format!("Saved {}", path.display()), false);
                        self.remember(ctx, canonical);
                        if let Some((path, overwrite)) = again {
                            self.save_to(ctx, doc, &path, overwrite);
                        }
                        if self.close_after_save.remove(&doc) {
                            self.commands.push(Command::Close(doc));
                        }
                    }
                    Err(SaveError::ChangedOnDisk { .. }) => {
                        self.close_after_save.remove(&doc);
                        self.prompt_later(Prompt::ChangedOnDisk(doc, path));
                    }
                    Err(SaveError::Failed(e)) => {
                        self.close_after_save.remove(&doc);
                        self.prompt_later(Prompt::Errors("Could not save".into(), vec![e]));
                    }
                }
            }
            Done::Exported { path, outcome, .. } => match outcome {
                Ok(()) => self.note(format!("Wrote {}", path.display()), false),
                Err(e) => self.prompt_later(Prompt::Errors("Could not export".into(), vec![e])),
            },
            Done::Recent(outcome) | Done::Discarded(outcome) => {
                if let Err(e) = outcome {
                    self.note(e, true);
                }
            }
            Done::Recovered { stamps, outcome } => {
                for (doc, stamp) in stamps {
                    // A document saved meanwhile has its own stamp.
                    self.stamps.entry(doc).or_insert(stamp);
                }
                if let Err(e) = outcome {
                    self.note(e, true);
                }
            }
            Done::Lost(what) => self.prompt_later(Prompt::Errors(
                "A file operation did not finish".into(),
                vec![format!(
                    "{what} stopped unexpectedly; nothing was marked as saved."
                )],
            )),
        }
    }

    /// Opens the scenarios an earlier run left unsaved, as unsaved
    /// documents of their original files, and removes the old entries once
    /// this run has written its own copies.
    pub(super) fn recover(&mut self, ctx: &egui::Context) {
        let entries = std::mem::take(&mut self.recoverable);
        let mut recovered = 0;
        let mut originals = Vec::new();
        for entry in &entries {
            if let Ok(scenario) = &entry.scenario {
                let id = self.ws.add(scenario.clone(), entry.original.clone(), false);
                if let Some(original) = &entry.original {
                    originals.push((id, original.clone()));
                }
                recovered += 1;
            }
        }
        // The worker writes this run's copies, and only then removes the
        // old entries.
        let store = self.autosave.as_mut().map(|a| {
            a.sync(ctx, &self.ws);
            a.store()
        });
        self.worker.submit(
            ctx,
            Job::Recovered {
                store,
                old: autosave_entries(&entries),
                originals,
            },
        );
        self.note(
            format!(
                "Recovered {recovered} unsaved scenario{}; save to keep {}.",
                if recovered == 1 { "" } else { "s" },
                if recovered == 1 { "it" } else { "them" }
            ),
            false,
        );
    }
}

/// The folder and id of each autosave entry, for the file worker to
/// remove.
pub(super) fn autosave_entries(entries: &[Recoverable]) -> Vec<(PathBuf, String)> {
    entries
        .iter()
        .filter_map(|e| Some((e.copy.parent()?.to_path_buf(), e.id.clone())))
        .collect()
}

/// A file name made from a scenario name: letters, digits, `-` and `_`.
pub(super) fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-').to_owned();
    if stem.is_empty() {
        "scenario".to_owned()
    } else {
        stem
    }
}
