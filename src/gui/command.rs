//! Every change the app makes is a [`Command`]. Panels push commands; the
//! app drains them in one place (`app.rs`), and edits to a scenario go
//! through [`Document::apply_edit`](super::document::Document::apply_edit),
//! which records undo, recomputes the results and keeps the dirty state.
//!
//! An [`Edit`] (`crate::model::edit`) changes one scenario; it is applied
//! to a copy, the copy is validated, and only a valid copy replaces the
//! scenario. So the model never sees an invalid value.
//!
//! This module names only the vocabulary below it (`state`, the model), so
//! every layer of the app can push commands without importing another.

use std::path::PathBuf;

use crate::format::style::Style;
use crate::io::csv_out::CsvDialect;
use crate::model::View;
use crate::model::edit::Edit;

use super::state::{DocId, Export, Tab, Theme};

/// Everything the app can be asked to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Applies an edit to a document; `key` names the field (for errors
    /// and for merging consecutive keystrokes into one undo step).
    Edit {
        /// Which document.
        doc: DocId,
        /// The field being edited, e.g. `benefits.tem_services.reduction`.
        key: String,
        /// The change.
        edit: Edit,
    },
    /// Undoes the last edit of a document.
    Undo(DocId),
    /// Redoes the last undone edit of a document.
    Redo(DocId),
    /// Opens a new scenario, a copy of the built-in default.
    New,
    /// Asks for files to open (dialog, or typed path where there is none).
    OpenDialog,
    /// Opens a file.
    Open(PathBuf),
    /// Saves a document to its file (or asks where, when it has none).
    Save(DocId),
    /// Asks where to save a document, then saves it there.
    SaveAsDialog(DocId),
    /// Saves a document to a path and makes that its file.
    SaveAs(DocId, PathBuf),
    /// Saves a document to its file although the file changed on disk
    /// since it was opened (the person chose to overwrite).
    SaveOverwriting(DocId, PathBuf),
    /// Opens the unsaved work an earlier run left behind.
    Recover,
    /// Deletes the unsaved work an earlier run left behind.
    DiscardRecovered,
    /// Opens an unsaved copy of a document.
    Duplicate(DocId),
    /// Closes a document, asking first when it has unsaved changes.
    Close(DocId),
    /// Closes a document without asking.
    CloseDiscarding(DocId),
    /// Makes a document the one being edited.
    Select(DocId),
    /// Adds a document to, or removes it from, the comparison set.
    SetCompared(DocId, bool),
    /// The document the compare view measures deltas against.
    SetCompareBase(DocId),
    /// Which results tab is shown.
    SetTab(Tab),
    /// Which view the tables and curves show.
    SetView(View),
    /// Light or dark.
    SetTheme(Theme),
    /// The dialect of CSV exports.
    SetCsvDialect(CsvDialect),
    /// How numbers, money and months are shown.
    SetDisplayStyle(Style),
    /// Asks where to write a CSV export of the active document.
    ExportDialog(Export),
    /// Writes an export to a path.
    ExportTo(Export, PathBuf),
    /// Quits, asking first when something is unsaved.
    Quit,
    /// Quits without asking.
    QuitDiscarding,
    /// Dismisses the message bar or error window.
    DismissMessage,
    /// Asks something of a document's what-if analyses.
    Analysis(DocId, AnalysisRequest),
    /// Opens the evidence editor on the input at a path.
    EditEvidence(DocId, String),
    /// Removes an item of a list, asking first when evidence records or
    /// uncertainty ranges go with it.
    RemoveItem(DocId, crate::model::edit::List, usize),
    /// How the Assumptions tab sorts and filters.
    SetRegisterView(crate::gui::state::RegisterView),
}

/// What a panel can ask of a document's what-if analyses
/// (`super::analyses::Analyses`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnalysisRequest {
    /// Chooses the goal seek's input (a `model::inputs` path).
    GoalInput(String),
    /// The goal seek's payback target, as typed.
    GoalPayback(String),
    /// Finds the goal seek's break-even for the current revision.
    FindGoal,
    /// Starts a Monte Carlo run of the current revision.
    RunMonteCarlo,
    /// Stops the Monte Carlo run after its current chunk.
    CancelMonteCarlo,
    /// Finds the value of the input at this path at which the risk-adjusted
    /// NPV is zero.
    BreakEven(String),
    /// Computes the switching values and the cost of delay of the current
    /// revision, unless they are there or being computed.
    Decision,
}
