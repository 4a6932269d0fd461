//! What the app does with the window each frame: keyboard shortcuts,
//! dropped files and the close button become commands
//! ([`EnvroiApp::gather_input`]), the title and theme follow the workspace,
//! and the panels are laid out ([`EnvroiApp::layout`]).

use std::path::PathBuf;

use egui::ViewportCommand;

use crate::gui::command::Command;
use crate::gui::files::{Outcome, SavePurpose};
use crate::gui::panels::dialogs::Prompt;
use crate::gui::worker::Job;

use super::EnvroiApp;
use crate::gui::autosave;
use crate::gui::panels;
use crate::gui::panels::menu::Action;
use crate::gui::state::Tab;
use crate::gui::theme;
use egui::{RichText, Ui};

impl EnvroiApp {
    /// Shortcuts, dropped files, dialog answers and the close button, turned
    /// into commands.
    pub(super) fn gather_input(&mut self, ctx: &egui::Context) {
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

    pub(super) fn update_window(&mut self, ctx: &egui::Context) {
        if self.applied_theme.is_none() {
            // The first frame, before its layout: the system fonts become
            // the fallback for characters the default fonts lack. They are
            // enumerated on a thread of their own; only such text waits.
            theme::add_system_font_fallback(ctx);
        }
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

    pub(super) fn layout(&mut self, ui: &mut Ui) {
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
                        let (scenario, buffers, analyses) = doc.form_parts();
                        panels::inputs::show(
                            ui, id, revision, scenario, buffers, analyses, &mut out,
                        );
                    }
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(doc) = self.ws.active_doc() {
                panels::cards::show(ui, doc, &mut out);
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
            if self.ws.tab == Tab::Estate {
                match self
                    .ws
                    .active
                    .and_then(|id| Some((id, self.ws.doc_mut(id)?)))
                {
                    Some((id, doc)) => {
                        let revision = doc.revision();
                        let (scenario, buffers, analyses) = doc.form_parts();
                        panels::estate::show(
                            ui, id, revision, scenario, buffers, analyses, &mut out,
                        );
                    }
                    None => {
                        ui.label("Open or create a scenario to list its estate.");
                    }
                }
            } else {
                panels::show_tab(self.ws.tab, ui, &self.ws, &mut out);
            }
        });
        panels::dialogs::show(ui, &mut self.prompt, &self.ws, &mut out);
        self.commands.extend(out);
    }
}
