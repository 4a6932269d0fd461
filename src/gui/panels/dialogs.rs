//! The window's questions and reports: save before closing, quit with
//! unsaved changes, a typed path where the desktop has no file dialog,
//! errors (a file that failed to load, a save that failed), a file changed
//! on disk since it was opened, and unsaved work left by a crash.

use egui::{Modal, RichText, Ui};

use crate::gui::command::Command;
use crate::gui::files::{Request, SavePurpose};
use crate::gui::state::{DocId, Export};
use crate::gui::theme;
use crate::gui::workspace::Workspace;

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
                if matches!(request, Request::Save(SavePurpose::Export(e), _) if *e != Export::Png) {
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
