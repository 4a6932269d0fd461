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
use std::path::PathBuf;

use egui::{Ui, ViewportCommand};

use crate::format::style::{self, Style};
use crate::io::csv_out::CsvDialect;
use crate::io::recovery::{self, Recoverable};
use crate::io::{self, DiskStamp};
use crate::model::View;

use super::autosave::AppAutosave;
use super::command::Command;
use super::files::{Dialogs, Recent};
use super::panels::dialogs::Prompt;
use super::state::DocId;
use super::state::Tab;
use super::state::Theme;
use super::worker::{self, Worker};
use super::workspace::Workspace;

mod apply;
mod files;
mod layout;
mod probe;

pub use probe::StartupProbe;

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
    /// The dialect of CSV exports.
    pub csv_dialect: CsvDialect,
    /// How numbers, money and months are shown.
    pub display: Style,
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
        app.ws.csv_dialect = state.csv_dialect;
        app.ws.display = state.display;
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
            csv_dialect: self.ws.csv_dialect,
            display: self.ws.display,
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
}

impl eframe::App for EnvroiApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        // Everything this frame formats follows the person's display style.
        style::set_current(self.ws.display);
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
        self.update_analyses(ctx);
        self.update_window(ctx);
        if !self.quitting
            && let Some(autosave) = &mut self.autosave
        {
            autosave.sync(ctx, &self.ws);
        }
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        style::set_current(self.ws.display);
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
