//! File dialogs that never block the window, and the recent-files list
//! (written by the file worker, `super::worker`).
//!
//! A dialog runs on its own thread (rfd's async dialog, driven to the end
//! there) and reports back through a channel; the window keeps drawing
//! meanwhile. Where the desktop offers no dialog (no portal and no zenity),
//! rfd answers "nothing chosen" at once; an answer that fast is taken to
//! mean "no dialog here", and the app asks for a typed path instead.

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::task::{Context, Poll, Wake};
use std::time::{Duration, Instant};

use super::state::DocId;
use super::state::Export;

/// What a save dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SavePurpose {
    /// Save a document under a new name.
    SaveAs(DocId),
    /// Write an export.
    Export(Export),
}

/// A dialog the app wants shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Choose scenario files to open.
    Open,
    /// Choose where to save, suggesting a file name.
    Save(SavePurpose, String),
}

/// What came back from a dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Files chosen to open.
    Open(Vec<PathBuf>),
    /// A path chosen to save to.
    Save(SavePurpose, PathBuf),
    /// The person cancelled.
    Cancelled,
    /// No dialog could be shown: ask for a typed path.
    Unavailable(Request),
}

/// An answer faster than this, with nothing chosen, means no dialog was shown.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(300);

/// Runs dialogs off the UI thread.
pub struct Dialogs {
    native: bool,
    busy: bool,
    tx: Sender<Outcome>,
    rx: Receiver<Outcome>,
}

impl Dialogs {
    /// `native`: whether to try the desktop's dialogs at all (off in tests
    /// and where `ENVROI_NO_DIALOGS` is set).
    #[must_use]
    pub fn new(native: bool) -> Self {
        let (tx, rx) = channel();
        Self {
            native,
            busy: false,
            tx,
            rx,
        }
    }

    /// Whether a dialog is open.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.busy
    }

    /// Shows a dialog for `request`. Returns the request back when there is
    /// no native dialog to show, so the caller asks for a typed path.
    pub fn request(&mut self, ctx: &egui::Context, request: Request) -> Option<Request> {
        if !self.native {
            return Some(request);
        }
        if self.busy {
            return None;
        }
        self.busy = true;
        let fallback = request.clone();
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("envroi-file-dialog".into())
            .spawn(move || {
                let started = Instant::now();
                let outcome = run(&request);
                let outcome = match outcome {
                    Outcome::Cancelled if started.elapsed() < NO_DIALOG_WITHIN => {
                        Outcome::Unavailable(request)
                    }
                    other => other,
                };
                let _ = tx.send(outcome);
                ctx.request_repaint();
            });
        if spawned.is_ok() {
            None
        } else {
            self.busy = false;
            self.native = false;
            Some(fallback)
        }
    }

    /// Outcomes that arrived since the last call.
    pub fn poll(&mut self) -> Vec<Outcome> {
        let outcomes: Vec<Outcome> = self.rx.try_iter().collect();
        if !outcomes.is_empty() {
            self.busy = false;
        }
        outcomes
    }
}

/// Shows the dialog and waits for it (on the dialog thread).
fn run(request: &Request) -> Outcome {
    match request {
        Request::Open => {
            let picked = block_on(
                rfd::AsyncFileDialog::new()
                    .set_title("Open scenario files")
                    .add_filter("envroi scenario", &["ron"])
                    .pick_files(),
            );
            match picked {
                Some(files) if !files.is_empty() => {
                    Outcome::Open(files.iter().map(|f| f.path().to_path_buf()).collect())
                }
                _ => Outcome::Cancelled,
            }
        }
        Request::Save(purpose, name) => {
            let (title, filter, ext) = match purpose {
                SavePurpose::SaveAs(_) => ("Save scenario as", "envroi scenario", "ron"),
                SavePurpose::Export(Export::Png) => ("Export chart", "PNG image", "png"),
                SavePurpose::Export(Export::BusinessCase | Export::Appraisal) => {
                    ("Export document", "HTML document", "html")
                }
                SavePurpose::Export(Export::Workbook) => {
                    ("Export workbook", "Excel workbook", "xlsx")
                }
                SavePurpose::Export(_) => ("Export CSV", "CSV table", "csv"),
            };
            let picked = block_on(
                rfd::AsyncFileDialog::new()
                    .set_title(title)
                    .add_filter(filter, &[ext])
                    .set_file_name(name)
                    .save_file(),
            );
            picked.map_or(Outcome::Cancelled, |f| {
                Outcome::Save(*purpose, f.path().to_path_buf())
            })
        }
    }
}

/// Drives a future to its end on the current thread.
fn block_on<F: Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Arc::new(Unpark(std::thread::current())).into();
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(value) => return value,
            Poll::Pending => std::thread::park(),
        }
    }
}

/// How many recent files are remembered.
const RECENT_LIMIT: usize = 10;
/// The file, in the configuration folder, that lists recent files.
const RECENT_FILE: &str = "recent-files.ron";

/// The recent-files list, newest first, kept in the configuration folder.
#[derive(Debug, Default)]
pub struct Recent {
    /// Newest first.
    pub paths: Vec<PathBuf>,
    file: Option<PathBuf>,
}

impl Recent {
    /// Reads the list from the configuration folder; a missing or unreadable
    /// list is an empty one.
    #[must_use]
    pub fn load() -> Self {
        let file = crate::io::paths::config_dir().map(|d| d.join(RECENT_FILE));
        let paths = file
            .as_deref()
            .and_then(|f| std::fs::read_to_string(f).ok())
            .and_then(|text| ron::from_str::<Vec<PathBuf>>(&text).ok())
            .unwrap_or_default();
        Self { paths, file }
    }

    /// Puts `path` (already made canonical) first. Returns the list's file
    /// and the text to write there, for the file worker (`None`: the list
    /// lives only in memory, or did not change).
    pub fn add(&mut self, path: PathBuf) -> Option<(PathBuf, String)> {
        if self.paths.first() == Some(&path) {
            return None;
        }
        self.paths.retain(|p| *p != path);
        self.paths.insert(0, path);
        self.paths.truncate(RECENT_LIMIT);
        let file = self.file.clone()?;
        ron::to_string(&self.paths).ok().map(|text| (file, text))
    }
}
