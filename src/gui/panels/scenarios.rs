//! The list of open scenarios: each with its colour, its name, a marker
//! when it has unsaved changes, and whether it is in the comparison set.
//! Clicking a name makes it the scenario being edited.

use egui::{RichText, Sense, Ui, vec2};

use crate::gui::command::Command;
use crate::gui::theme;
use crate::gui::widgets::describe;
use crate::gui::workspace::Workspace;

/// The marker shown beside a scenario with unsaved changes.
pub const UNSAVED_MARKER: &str = "\u{2022}";

/// The accessible name of a scenario's unsaved marker.
#[must_use]
pub fn unsaved_name(scenario_name: &str) -> String {
    format!("{scenario_name}: unsaved changes")
}

/// Shows the list as one wrapping row.
pub fn show(ui: &mut Ui, ws: &Workspace, out: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Scenarios").strong());
        for doc in &ws.docs {
            let active = ws.active == Some(doc.id);
            egui::Frame::new()
                .stroke(if active {
                    egui::Stroke::new(1.5, theme::series(doc.colour))
                } else {
                    ui.visuals().widgets.noninteractive.bg_stroke
                })
                .corner_radius(theme::card_radius())
                .inner_margin(egui::Margin::symmetric(6, 2))
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
                        ui.painter()
                            .rect_filled(rect, 2.0, theme::series(doc.colour));
                        let title = RichText::new(doc.title());
                        let response = ui
                            .selectable_label(active, if active { title.strong() } else { title })
                            .on_hover_text(format!(
                                "{}\n{}",
                                doc.file_label(),
                                doc.path
                                    .as_ref()
                                    .map(|p| p.display().to_string())
                                    .unwrap_or_default()
                            ));
                        if response.clicked() && !active {
                            out.push(Command::Select(doc.id));
                        }
                        if doc.is_dirty() {
                            let marker = ui
                                .label(
                                    RichText::new(UNSAVED_MARKER)
                                        .strong()
                                        .color(theme::warning()),
                                )
                                .on_hover_text(
                                    "Unsaved changes: the scenario differs from its file.",
                                );
                            describe(&marker, &unsaved_name(doc.title()));
                        }
                        let mut compared = ws.compared.contains(&doc.id);
                        if ui
                            .checkbox(&mut compared, "Compare")
                            .accessible_name(format!("Compare {}", doc.title()))
                            .on_hover_text(
                                "Show this scenario on the payback chart and in the compare view.",
                            )
                            .changed()
                        {
                            out.push(Command::SetCompared(doc.id, compared));
                        }
                    });
                });
        }
        if ui
            .button("New")
            .on_hover_text("A new scenario from the built-in default (Ctrl+N)")
            .clicked()
        {
            out.push(Command::New);
        }
        if ui
            .button("Open...")
            .on_hover_text("Open scenario files (Ctrl+O)")
            .clicked()
        {
            out.push(Command::OpenDialog);
        }
    });
}
