//! The window's questions and reports: save before closing, quit with
//! unsaved changes, a typed path where the desktop has no file dialog,
//! errors (a file that failed to load, a save that failed), a file changed
//! on disk since it was opened, unsaved work left by a crash, the evidence
//! editor of an input, and removing a list item that carries evidence.

use egui::{Modal, RichText, Ui};

use crate::gui::command::Command;
use crate::gui::files::{Request, SavePurpose};
use crate::gui::state::DocId;
use crate::gui::theme;
use crate::gui::widgets::evidence;
use crate::gui::workspace::Workspace;
use crate::model::Assumption;
use crate::model::edit::{Edit, List};

/// A question or report the window is showing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// Save changes before closing this document?
    CloseUnsaved(DocId),
    /// Quit although documents have unsaved changes?
    QuitUnsaved,
    /// Type the path a dialog would have chosen.
    TypedPath {
        /// What the path is for.
        request: Request,
        /// The text typed so far.
        text: String,
    },
    /// Something failed: a title and one line per problem.
    Errors(String, Vec<String>),
    /// The file changed on disk since it was opened: overwrite it?
    ChangedOnDisk(DocId, std::path::PathBuf),
    /// An earlier run ended without saving: one line per scenario left.
    Recover(Vec<String>),
    /// The evidence editor of one input of a document.
    Evidence(DocId, Box<evidence::Draft>),
    /// Remove a list item whose evidence records or ranges go with it?
    ConfirmRemove {
        /// The document.
        doc: DocId,
        /// The list.
        list: List,
        /// The item.
        index: usize,
        /// What goes: "Training (2 evidence records, 1 range)".
        what: String,
    },
}

/// The edit that sets or removes the record of the input at `path`.
fn evidence_edit(doc: DocId, path: &str, record: Option<Assumption>) -> Command {
    Command::Edit {
        doc,
        key: format!("assumptions[{path:?}]"),
        edit: Edit::Assumption(path.to_owned(), record.map(Box::new)),
    }
}

/// The evidence editor; returns whether it is answered.
fn evidence_prompt(
    ui: &mut Ui,
    doc: DocId,
    draft: &mut evidence::Draft,
    out: &mut Vec<Command>,
) -> bool {
    match evidence::editor(ui, draft) {
        evidence::Answer::Open => false,
        evidence::Answer::Cancel => true,
        evidence::Answer::Save(record) => {
            out.push(evidence_edit(doc, &draft.path, Some(record)));
            true
        }
        evidence::Answer::Remove => {
            out.push(evidence_edit(doc, &draft.path, None));
            true
        }
    }
}

/// Asks before removing a list item that carries evidence records or
/// ranges; returns whether it is answered.
fn confirm_remove(
    ui: &mut Ui,
    doc: DocId,
    list: List,
    index: usize,
    what: &str,
    out: &mut Vec<Command>,
) -> bool {
    ui.heading(format!("Remove this {}?", list.noun()));
    ui.label(format!(
        "Removing {what} removes them too. Undo brings everything back."
    ));
    ui.add_space(theme::space(2.0));
    let mut done = false;
    ui.horizontal(|ui| {
        if ui.button("Remove").clicked() {
            out.push(Command::Edit {
                doc,
                key: list.key().to_owned(),
                edit: Edit::Remove(list, index),
            });
            done = true;
        }
        if ui.button("Cancel").clicked() {
            done = true;
        }
    });
    done
}

/// Shows `prompt`, pushing commands for the chosen answer; clears it when
/// answered.
pub fn show(ui: &mut Ui, prompt: &mut Option<Prompt>, ws: &Workspace, out: &mut Vec<Command>) {
    let Some(current) = prompt.as_mut() else {
        return;
    };
    let mut done = false;
    let response = Modal::new(egui::Id::unique("envroi-prompt")).show(ui.ctx(), |ui| {
        ui.set_max_width(520.0);
        match current {
            Prompt::CloseUnsaved(id) => {
                let id = *id;
                let Some(doc) = ws.doc(id) else {
                    done = true;
                    return;
                };
                ui.heading("Unsaved changes");
                ui.label(format!(
                    "\"{}\" has changes that are not saved. Save them before closing?",
                    doc.title()
                ));
                ui.add_space(theme::space(2.0));
                ui.horizontal(|ui| {
                    let save_label = if doc.path.is_some() {
                        "Save"
                    } else {
                        "Save As..."
                    };
                    if ui.button(save_label).clicked() {
                        if doc.path.is_some() {
                            out.push(Command::Save(id));
                            out.push(Command::Close(id));
                        } else {
                            out.push(Command::SaveAsDialog(id));
                        }
                        done = true;
                    }
                    if ui.button("Close without saving").clicked() {
                        out.push(Command::CloseDiscarding(id));
                        done = true;
                    }
                    if ui.button("Cancel").clicked() {
                        done = true;
                    }
                });
            }
            Prompt::QuitUnsaved => {
                ui.heading("Unsaved changes");
                let names: Vec<&str> = ws
                    .docs
                    .iter()
                    .filter(|d| d.is_dirty())
                    .map(crate::gui::document::Document::title)
                    .collect();
                ui.label(format!(
                    "These scenarios have changes that are not saved: {}. Quit anyway?",
                    names.join(", ")
                ));
                ui.add_space(theme::space(2.0));
                ui.horizontal(|ui| {
                    if ui.button("Quit without saving").clicked() {
                        out.push(Command::QuitDiscarding);
                        done = true;
                    }
                    if ui.button("Cancel").clicked() {
                        done = true;
                    }
                });
            }
            Prompt::TypedPath { request, text } => {
                let (title, hint) = match request {
                    Request::Open => ("Open a scenario file", "/path/to/scenario.ron"),
                    Request::Save(SavePurpose::SaveAs(_), _) => {
                        ("Save the scenario as", "/path/to/scenario.ron")
                    }
                    Request::Save(SavePurpose::Export(_), _) => ("Export to", "/path/to/file"),
                };
                ui.heading(title);
                ui.label(
                    RichText::new("No file dialog is available on this desktop; type the path.")
                        .small(),
                );
                let label = ui.label("Path");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(text)
                            .hint_text(hint)
                            .desired_width(480.0),
                    )
                    .labelled_by(label.id);
                // Put the cursor in the field when the prompt opens.
                if ui.memory(|m| m.focused().is_none()) {
                    field.request_focus();
                }
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if matches!(request, Request::Save(SavePurpose::Export(e), _) if e.is_csv()) {
                    crate::gui::widgets::csv_dialect_choice(ui, ws, out);
                }
                ui.horizontal(|ui| {
                    let ok = ui
                        .add_enabled(!text.trim().is_empty(), egui::Button::new("OK"))
                        .clicked();
                    if (ok || entered) && !text.trim().is_empty() {
                        let path = std::path::PathBuf::from(text.trim());
                        out.push(match request {
                            Request::Open => Command::Open(path),
                            Request::Save(SavePurpose::SaveAs(id), _) => Command::SaveAs(*id, path),
                            Request::Save(SavePurpose::Export(e), _) => Command::ExportTo(*e, path),
                        });
                        done = true;
                    }
                    if ui.button("Cancel").clicked() {
                        done = true;
                    }
                });
            }
            Prompt::ChangedOnDisk(id, path) => {
                let id = *id;
                ui.heading("The file changed on disk");
                ui.label(format!(
                    "{} was changed by someone or something else since it was opened here. Saving overwrites those changes (the version on disk is kept as {}).",
                    path.display(),
                    crate::io::backup_path(path).display()
                ));
                ui.add_space(theme::space(2.0));
                ui.horizontal(|ui| {
                    if ui.button("Overwrite").clicked() {
                        out.push(Command::SaveOverwriting(id, path.clone()));
                        done = true;
                    }
                    if ui.button("Save As...").clicked() {
                        out.push(Command::SaveAsDialog(id));
                        done = true;
                    }
                    if ui.button("Cancel").clicked() {
                        done = true;
                    }
                });
            }
            Prompt::Recover(lines) => {
                ui.heading("Recover unsaved work?");
                ui.label(
                    "envroi did not close normally last time. These scenarios had changes that were not saved:",
                );
                egui::ScrollArea::vertical()
                    .max_height(240.0)
                    .show(ui, |ui| {
                        for line in lines.iter() {
                            ui.add(egui::Label::new(RichText::new(line).monospace()).wrap());
                        }
                    });
                ui.label(
                    RichText::new("Recovered scenarios open as unsaved; save them to keep them.")
                        .small(),
                );
                ui.add_space(theme::space(2.0));
                ui.horizontal(|ui| {
                    if ui.button("Recover").clicked() {
                        out.push(Command::Recover);
                        done = true;
                    }
                    if ui.button("Discard").clicked() {
                        out.push(Command::DiscardRecovered);
                        done = true;
                    }
                    if ui.button("Later").clicked() {
                        done = true;
                    }
                });
            }
            Prompt::Evidence(doc, draft) => done = evidence_prompt(ui, *doc, draft, out),
            Prompt::ConfirmRemove {
                doc,
                list,
                index,
                what,
            } => done = confirm_remove(ui, *doc, *list, *index, what, out),
            Prompt::Errors(title, lines) => {
                ui.heading(RichText::new(title.as_str()).color(theme::negative()));
                egui::ScrollArea::vertical()
                    .max_height(300.0)
                    .show(ui, |ui| {
                        for line in lines.iter() {
                            ui.add(egui::Label::new(RichText::new(line).monospace()).wrap());
                        }
                    });
                ui.label(RichText::new("Nothing already open was changed.").small());
                if ui.button("OK").clicked() {
                    done = true;
                }
            }
        }
    });
    // Escape or a click outside answers "Cancel".
    if response.should_close() {
        done = true;
    }
    if done {
        *prompt = None;
    }
}
