//! The app: owns the workspace, lays out the panels, and drains the
//! commands they push in one place ([`EnvroiApp::apply`]). Keyboard
//! shortcuts, dropped files, dialog answers and the close button become
//! commands too, so every change goes the same way.
//!
//! No frame waits for a disk: opening, saving and exports are queued on the
//! file worker ([`super::worker`]) and their outcomes are applied here, in
//! a frame, when they arrive. Only start-up reads its files on the UI
//! thread, before the first frame, so that the first frame already shows
//! them.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::time::Instant;

use egui::{RichText, Ui, ViewportCommand};

use crate::io::recovery::{self, Recoverable};
use crate::io::{self, DiskStamp, SaveError};
use crate::model::View;

use super::autosave::{self, AppAutosave};
use super::command::{Command, Export};
use super::document::DocId;
use super::files::{Dialogs, Outcome, Recent, Request, SavePurpose};
use super::panels::dialogs::Prompt;
use super::panels::menu::Action;
use super::panels::{self, Tab};
use super::theme::{self, Theme};
use super::worker::{self, Done, ExportData, Guard, Job, Worker};
use super::workspace::Workspace;

/// The key under which the window state is kept in eframe's storage.
pub const STORAGE_KEY: &str = "envroi-app-state";

/// Window state kept between runs (never scenario data: that lives only in
/// the `.ron` files).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Persisted {
    /// Light or dark.
    pub theme: Theme,
    /// Files open at the end of the last run.
    pub open_files: Vec<PathBuf>,
    /// Which of them were in the comparison set.
    pub compared_files: Vec<PathBuf>,
    /// The file being edited.
    pub active_file: Option<PathBuf>,
    /// The results tab.
    pub tab: Tab,
    /// Whether the unadjusted view was chosen.
    pub unadjusted: bool,
}

/// How the app is set up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Whether to use the desktop's file dialogs (otherwise a typed path).
    pub native_dialogs: bool,
    /// Whether to read and write the recent-files list in the configuration
    /// folder (otherwise it lives only in memory).
    pub recent_files: bool,
    /// Where unsaved work is autosaved and looked for at start (`None`:
    /// no autosave).
    pub autosave_dir: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            native_dialogs: std::env::var_os("ENVROI_NO_DIALOGS").is_none(),
            recent_files: true,
            autosave_dir: recovery::autosave_dir(),
        }
    }
}

/// A short note in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Message {
    text: String,
    error: bool,
}

/// The desktop app.
pub struct EnvroiApp {
    ws: Workspace,
    commands: Vec<Command>,
    prompt: Option<Prompt>,
    message: Option<Message>,
    dialogs: Dialogs,
    recent: Recent,
    applied_theme: Option<Theme>,
    title: String,
    quitting: bool,
    autosave: Option<AppAutosave>,
    recoverable: Vec<Recoverable>,
    recovery_offered: bool,
    stamps: HashMap<DocId, DiskStamp>,
    worker: Worker,
    /// Questions and reports from finished jobs, waiting for the one on
    /// screen to be answered.
    later: VecDeque<Prompt>,
    /// Documents to close once their save in flight has finished.
    close_after_save: HashSet<DocId>,
    /// A save asked for while one of the same document was in flight:
    /// where to, and whether to overwrite.
    save_again: HashMap<DocId, (PathBuf, bool)>,
    /// Quit was asked for while files were being written: ask again when
    /// they are done.
    quit_when_idle: bool,
    /// The recent-files list changed before the first frame (files named
    /// on the command line); written by the worker then.
    recent_unwritten: Option<(PathBuf, String)>,
    /// When set, report the time of the first painted frame and close.
    first_frame_probe: Option<StartupProbe>,
}

impl EnvroiApp {
    /// The app as eframe starts it: window state from eframe's storage,
    /// then `files` (or, with none, the files of the last run, or the
    /// built-in default scenario).
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>, files: Vec<PathBuf>) -> Self {
        let persisted = cc
            .storage
            .and_then(|s| eframe::get_value::<Persisted>(s, STORAGE_KEY));
        Self::with_state(files, persisted, Options::default())
    }

    /// The app without stored state, desktop dialogs or a recent-files
    /// file, for tests.
    #[must_use]
    pub fn headless(files: Vec<PathBuf>) -> Self {
        Self::with_state(
            files,
            None,
            Options {
                native_dialogs: false,
                recent_files: false,
                autosave_dir: None,
            },
        )
    }

    /// The app from explicit state and options.
    #[must_use]
    pub fn with_state(files: Vec<PathBuf>, persisted: Option<Persisted>, options: Options) -> Self {
        let mut app = Self {
            ws: Workspace::default(),
            commands: Vec::new(),
            prompt: None,
            message: None,
            dialogs: Dialogs::new(options.native_dialogs),
            recent: if options.recent_files {
                Recent::load()
            } else {
                Recent::default()
            },
            applied_theme: None,
            title: String::new(),
            quitting: false,
            autosave: None,
            recoverable: Vec::new(),
            recovery_offered: false,
            stamps: HashMap::new(),
            worker: Worker::new(),
            later: VecDeque::new(),
            close_after_save: HashSet::new(),
            save_again: HashMap::new(),
            quit_when_idle: false,
            recent_unwritten: None,
            first_frame_probe: None,
        };
        if let Some(dir) = options.autosave_dir {
            let (autosave, offered) = AppAutosave::start(dir);
            app.autosave = Some(autosave);
            app.recoverable = offered;
        }
        let restore = files.is_empty();
        let state = persisted.unwrap_or_default();
        app.ws.theme = state.theme;
        app.ws.tab = state.tab;
        app.ws.view = if state.unadjusted {
            View::Unadjusted
        } else {
            View::Adjusted
        };
        if restore {
            let mut missing = Vec::new();
            for path in &state.open_files {
                match io::load_path_stamped(path) {
                    Ok((s, stamp)) => {
                        let id = app.ws.add(s, Some(path.clone()), true);
                        app.stamps.insert(id, stamp);
                        app.set_canonical(id, worker::canonical(path));
                    }
                    Err(_) => missing.push(path.display().to_string()),
                }
            }
            if !missing.is_empty() {
                app.message = Some(Message {
                    text: format!("Could not reopen: {}", missing.join(", ")),
                    error: true,
                });
            }
            if !state.open_files.is_empty() {
                let compared: Vec<_> = app
                    .ws
                    .docs
                    .iter()
                    .filter(|d| {
                        d.path
                            .as_ref()
                            .is_some_and(|p| state.compared_files.contains(p))
                    })
                    .map(|d| d.id)
                    .collect();
                app.ws.compared = compared;
                app.ws.base = app.ws.compared.first().copied();
                if let Some(active) = &state.active_file {
                    app.ws.active = app.ws.find_path(active).or(app.ws.active);
                }
            }
            if app.ws.docs.is_empty() {
                app.open_default();
            }
        } else {
            let mut errors = Vec::new();
            for path in files {
                if let Err(lines) = app.open_now(&path) {
                    errors.extend(lines);
                }
            }
            if !errors.is_empty() {
                app.prompt = Some(Prompt::Errors("Could not open a file".into(), errors));
            }
            if let Some(first) = app.ws.docs.first() {
                app.ws.active = Some(first.id);
            }
        }
        app
    }

    /// The workspace (read-only), for tests and embedding.
    #[must_use]
    pub fn workspace(&self) -> &Workspace {
        &self.ws
    }

    /// Queues a command, as a panel would.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The window state to keep between runs.
    #[must_use]
    pub fn persisted(&self) -> Persisted {
        let path_of = |id| self.ws.doc(id).and_then(|d| d.path.clone());
        Persisted {
            theme: self.ws.theme,
            open_files: self.ws.docs.iter().filter_map(|d| d.path.clone()).collect(),
            compared_files: self
                .ws
                .compared
                .iter()
                .filter_map(|id| path_of(*id))
                .collect(),
            active_file: self.ws.active.and_then(path_of),
            tab: self.ws.tab,
            unadjusted: self.ws.view == View::Unadjusted,
        }
    }

    /// The status-bar message, if any.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.message.as_ref().map(|m| m.text.as_str())
    }

    /// Whether the file worker has nothing queued or running.
    #[must_use]
    pub fn files_idle(&self) -> bool {
        self.worker.is_idle()
    }

    /// Makes the app report, on stderr, the milliseconds from the start of
    /// `probe` to its first painted frame, and then close: the cold-start
    /// probe (`ENVROI_EXIT_AFTER_FIRST_FRAME`).
    pub fn exit_after_first_frame(&mut self, probe: StartupProbe) {
        self.first_frame_probe = Some(probe);
    }

    fn set_canonical(&mut self, id: DocId, canonical: PathBuf) {
        if let Some(d) = self.ws.doc_mut(id) {
            d.canonical = Some(canonical);
        }
    }

    fn open_default(&mut self) {
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
    fn open_now(&mut self, path: &Path) -> Result<(), Vec<String>> {
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
    fn open(&mut self, ctx: &egui::Context, path: PathBuf) {
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
    fn remember(&mut self, ctx: &egui::Context, canonical: PathBuf) {
        if let Some((file, text)) = self.recent.add(canonical) {
            self.worker.submit(ctx, Job::Recent { file, text });
        }
    }

    /// Shows `prompt` now, or after the question on screen is answered.
    fn prompt_later(&mut self, prompt: Prompt) {
        if self.prompt.is_none() {
            self.prompt = Some(prompt);
        } else {
            self.later.push_back(prompt);
        }
    }

    fn note(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message {
            text: text.into(),
            error,
        });
    }

    fn ask(&mut self, ctx: &egui::Context, request: Request) {
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
    fn save_to(&mut self, ctx: &egui::Context, id: DocId, path: &Path, overwrite: bool) {
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
    fn export_data(&self, export: Export) -> Result<ExportData, String> {
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
            Export::Png => {
                let docs = self.ws.compared_docs();
                let currencies: Vec<&str> = docs
                    .iter()
                    .map(|d| d.scenario().currency.as_str())
                    .collect();
                let currency = currencies.first().copied().unwrap_or_default();
                if currencies.iter().any(|c| *c != currency) {
                    return Err(format!(
                        "cannot draw scenarios in different currencies ({}) on one money axis",
                        currencies.join(", ")
                    ));
                }
                Ok(ExportData::Png {
                    series: series(),
                    view: self.ws.view,
                    currency: currency.to_owned(),
                })
            }
        }
    }

    fn export_to(&mut self, ctx: &egui::Context, export: Export, path: PathBuf) {
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
                        open,
                    },
                );
            }
            Err(e) => self.prompt = Some(Prompt::Errors("Could not export".into(), vec![e])),
        }
    }

    /// Applies what the file worker finished.
    fn finished(&mut self, ctx: &egui::Context, done: Done) {
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

    /// Applies one command. This is the one place the workspace changes.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Edit { doc, key, edit } => {
                if let Some(d) = self.ws.doc_mut(doc) {
                    // A refused edit has already put its message on the field.
                    let _ = d.apply_edit(&key, &edit);
                }
            }
            Command::Undo(id) => {
                if let Some(d) = self.ws.doc_mut(id) {
                    d.undo();
                }
            }
            Command::Redo(id) => {
                if let Some(d) = self.ws.doc_mut(id) {
                    d.redo();
                }
            }
            Command::New => match io::default_scenario() {
                Ok(mut s) => {
                    let taken: Vec<&str> = self
                        .ws
                        .docs
                        .iter()
                        .map(super::document::Document::title)
                        .collect();
                    s.name = (1..=taken.len() + 1)
                        .map(|n| {
                            if n == 1 {
                                "New scenario".to_owned()
                            } else {
                                format!("New scenario {n}")
                            }
                        })
                        .find(|name| !taken.contains(&name.as_str()))
                        .unwrap_or_default();
                    self.ws.add(s, None, true);
                }
                Err(e) => {
                    self.prompt = Some(Prompt::Errors(
                        "The built-in scenario did not load".into(),
                        e.lines(),
                    ));
                }
            },
            Command::OpenDialog => self.ask(ctx, Request::Open),
            Command::Open(path) => self.open(ctx, path),
            Command::Save(id) => match self.ws.doc(id).and_then(|d| d.path.clone()) {
                Some(path) => self.save_to(ctx, id, &path, false),
                None => self.commands.push(Command::SaveAsDialog(id)),
            },
            Command::SaveAsDialog(id) => {
                if let Some(doc) = self.ws.doc(id) {
                    let name = file_stem(doc.title());
                    self.ask(
                        ctx,
                        Request::Save(SavePurpose::SaveAs(id), format!("{name}.ron")),
                    );
                }
            }
            Command::SaveAs(id, path) => {
                let path = if path.extension().is_none() {
                    path.with_extension("ron")
                } else {
                    path
                };
                self.save_to(ctx, id, &path, false);
            }
            Command::SaveOverwriting(id, path) => self.save_to(ctx, id, &path, true),
            Command::Recover => self.recover(ctx),
            Command::DiscardRecovered => {
                let entries = autosave_entries(&std::mem::take(&mut self.recoverable));
                self.worker.submit(ctx, Job::Discard(entries));
            }
            Command::Duplicate(id) => {
                if let Some(doc) = self.ws.doc(id) {
                    let mut s = doc.scenario().clone();
                    let mut name = format!("{} (copy)", s.name);
                    if name.chars().count() > 100 {
                        name = name.chars().take(100).collect();
                    }
                    s.name = name;
                    self.ws.add(s, None, false);
                }
            }
            Command::Close(id) if self.worker.is_saving(id) => {
                // Closed when the save is done (or, if it fails, left open
                // with the error).
                self.close_after_save.insert(id);
            }
            Command::Close(id) => {
                if self
                    .ws
                    .doc(id)
                    .is_some_and(super::document::Document::is_dirty)
                {
                    self.ws.active = Some(id);
                    // A question already showing (a save that needs an
                    // answer first) is not replaced.
                    if self.prompt.is_none() {
                        self.prompt = Some(Prompt::CloseUnsaved(id));
                    }
                } else {
                    self.ws.remove(id);
                }
            }
            Command::CloseDiscarding(id) => {
                self.close_after_save.remove(&id);
                self.ws.remove(id);
            }
            Command::Select(id) => {
                if self.ws.doc(id).is_some() {
                    self.ws.active = Some(id);
                }
            }
            Command::SetCompared(id, on) => {
                self.ws.compared.retain(|c| *c != id);
                if on {
                    self.ws.compared.push(id);
                }
                if self.ws.base.is_none_or(|b| !self.ws.compared.contains(&b)) {
                    self.ws.base = self.ws.compared_docs().first().map(|d| d.id);
                }
            }
            Command::SetCompareBase(id) => self.ws.base = Some(id),
            Command::SetTab(tab) => self.ws.tab = tab,
            Command::SetView(view) => self.ws.view = view,
            Command::SetTheme(theme) => self.ws.theme = theme,
            Command::ExportDialog(export) => {
                self.ask(
                    ctx,
                    Request::Save(SavePurpose::Export(export), export.file_name().to_owned()),
                );
            }
            Command::ExportTo(export, path) => self.export_to(ctx, export, path),
            Command::Quit if !self.worker.is_idle() => {
                self.quit_when_idle = true;
                self.note("Closing once the files being written are done...", false);
            }
            Command::Quit => {
                if self.ws.any_dirty() {
                    self.prompt = Some(Prompt::QuitUnsaved);
                } else {
                    self.quitting = true;
                    ctx.send_viewport_cmd(ViewportCommand::Close);
                }
            }
            Command::QuitDiscarding => {
                self.quitting = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Command::DismissMessage => self.message = None,
        }
    }

    /// Opens the scenarios an earlier run left unsaved, as unsaved
    /// documents of their original files, and removes the old entries once
    /// this run has written its own copies.
    fn recover(&mut self, ctx: &egui::Context) {
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

    /// Applies every queued command; returns whether there were any.
    fn drain(&mut self, ctx: &egui::Context) -> bool {
        let mut any = false;
        // Applying a command may queue another (Save without a file asks
        // where), so drain until the queue stays empty.
        while !self.commands.is_empty() {
            any = true;
            let queued = std::mem::take(&mut self.commands);
            for command in queued {
                self.apply(ctx, command);
            }
        }
        any
    }

    /// Shortcuts, dropped files, dialog answers and the close button, turned
    /// into commands.
    fn gather_input(&mut self, ctx: &egui::Context) {
        if self.prompt.is_none() && !ctx.egui_wants_keyboard_input() {
            for action in Action::SHORTCUT_ORDER {
                if ctx.input_mut(|i| i.consume_shortcut(&action.shortcut()))
                    && let Some(command) = action.command(&self.ws)
                {
                    self.commands.push(command);
                }
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        for path in dropped {
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
            {
                self.commands.push(Command::Open(path));
            } else {
                self.note(
                    format!("{} is not a .ron scenario file", path.display()),
                    true,
                );
            }
        }
        if let Some(autosave) = &self.autosave {
            for error in autosave.errors() {
                self.note(error, true);
            }
        }
        if self.prompt.is_none() && !self.recovery_offered && !self.recoverable.is_empty() {
            self.recovery_offered = true;
            self.prompt = Some(Prompt::Recover(autosave::describe(&self.recoverable)));
        }
        for outcome in self.dialogs.poll() {
            match outcome {
                Outcome::Open(paths) => self.commands.extend(paths.into_iter().map(Command::Open)),
                Outcome::Save(SavePurpose::SaveAs(id), path) => {
                    self.commands.push(Command::SaveAs(id, path));
                }
                Outcome::Save(SavePurpose::Export(e), path) => {
                    self.commands.push(Command::ExportTo(e, path));
                }
                Outcome::Cancelled => {}
                Outcome::Unavailable(request) => {
                    self.prompt = Some(Prompt::TypedPath {
                        request,
                        text: String::new(),
                    });
                }
            }
        }
        // Checked before the worker's outcomes are taken, so that a close
        // asked for while a save is in flight always waits for it.
        if ctx.input(|i| i.viewport().close_requested()) && !self.quitting {
            if !self.worker.is_idle() {
                // A save or export in flight finishes first; then the
                // usual question about unsaved changes.
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.quit_when_idle = true;
                self.note("Closing once the files being written are done...", false);
            } else if self.ws.any_dirty() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.prompt = Some(Prompt::QuitUnsaved);
            }
        }
        for done in self.worker.poll() {
            self.finished(ctx, done);
        }
        if self.prompt.is_none() {
            self.prompt = self.later.pop_front();
        }
        if self.quit_when_idle && self.worker.is_idle() {
            self.quit_when_idle = false;
            self.commands.push(Command::Quit);
        }
        if let Some((file, text)) = self.recent_unwritten.take() {
            self.worker.submit(ctx, Job::Recent { file, text });
        }
    }

    fn update_window(&mut self, ctx: &egui::Context) {
        if self.applied_theme != Some(self.ws.theme) {
            theme::apply(ctx, self.ws.theme);
            self.applied_theme = Some(self.ws.theme);
        }
        let title = match self.ws.active_doc() {
            Some(d) => format!(
                "{}{} ({}) - envroi",
                if d.is_dirty() { "* " } else { "" },
                d.title(),
                d.file_label()
            ),
            None => "envroi".to_owned(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn layout(&mut self, ui: &mut Ui) {
        let mut out = Vec::new();
        egui::Panel::top("menu-bar").show(ui, |ui| {
            panels::menu::show(ui, &self.ws, &self.recent.paths, &mut out);
        });
        egui::Panel::top("scenario-list").show(ui, |ui| {
            ui.add_space(theme::space(1.0));
            panels::scenarios::show(ui, &self.ws, &mut out);
            ui.add_space(theme::space(1.0));
        });
        let busy = self.worker.status();
        if busy.is_some() || self.message.is_some() {
            egui::Panel::bottom("status-bar").show(ui, |ui| {
                ui.horizontal(|ui| {
                    if let Some(busy) = &busy {
                        ui.label(RichText::new(busy).strong());
                    }
                    if let Some(message) = &self.message {
                        let colour = if message.error {
                            theme::negative()
                        } else {
                            ui.visuals().text_color()
                        };
                        ui.label(RichText::new(&message.text).color(colour));
                        if ui.small_button("Dismiss").clicked() {
                            out.push(Command::DismissMessage);
                        }
                    }
                });
            });
        }
        let width = ui.available_width();
        let panel_width = theme::input_panel_width().min(width * 0.42);
        if let Some(id) = self.ws.active {
            egui::Panel::left("inputs-panel")
                .resizable(true)
                .default_size(panel_width)
                .size_range(280.0..=(width * 0.6).max(320.0))
                .show(ui, |ui| {
                    if let Some(doc) = self.ws.doc_mut(id) {
                        let revision = doc.revision();
                        let (scenario, buffers) = doc.form_parts();
                        panels::inputs::show(ui, id, revision, scenario, buffers, &mut out);
                    }
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(doc) = self.ws.active_doc() {
                panels::cards::show(ui, doc);
            } else {
                ui.label("No scenario is open. Choose New or Open... above.");
            }
            ui.add_space(theme::space(1.0));
            ui.horizontal(|ui| {
                for tab in Tab::ALL {
                    if ui
                        .selectable_label(self.ws.tab == tab, tab.label())
                        .clicked()
                    {
                        out.push(Command::SetTab(tab));
                    }
                }
            });
            ui.separator();
            panels::show_tab(self.ws.tab, ui, &self.ws, &mut out);
        });
        panels::dialogs::show(ui, &mut self.prompt, &self.ws, &mut out);
        self.commands.extend(out);
    }
}

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

/// A file name made from a scenario name: letters, digits, `-` and `_`.
/// The folder and id of each autosave entry, for the file worker to
/// remove.
fn autosave_entries(entries: &[Recoverable]) -> Vec<(PathBuf, String)> {
    entries
        .iter()
        .filter_map(|e| Some((e.copy.parent()?.to_path_buf(), e.id.clone())))
        .collect()
}

fn file_stem(name: &str) -> String {
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

impl eframe::App for EnvroiApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if let Some(probe) = &mut self.first_frame_probe {
            // eframe paints and presents a frame (paint, show the window,
            // swap_buffers) before it begins the next, so the beginning of
            // the second frame is when the first was on screen.
            if ctx.cumulative_frame_nr() == 0 {
                probe.mark_once("first frame began");
                ctx.request_repaint();
            } else {
                eprintln!("{}", probe.report());
                self.first_frame_probe = None;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
        self.gather_input(ctx);
        self.drain(ctx);
        self.update_window(ctx);
        if !self.quitting
            && let Some(autosave) = &mut self.autosave
        {
            autosave.sync(ctx, &self.ws);
        }
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.layout(ui);
        if self.drain(ui.ctx()) {
            ui.ctx().request_repaint();
        }
        if let Some(probe) = &mut self.first_frame_probe
            && ui.ctx().cumulative_frame_nr() == 0
        {
            // What follows is egui's tessellation, the GL painting and the
            // swap.
            probe.mark_once("first frame laid out");
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, &self.persisted());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A save or export still queued is written before the app goes.
        self.worker.finish();
        // The window closes only when nothing is unsaved or the person chose
        // to quit without saving, so this run's autosaves are not needed.
        if let Some(autosave) = &self.autosave {
            autosave.discard_all();
        }
    }
}
