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

/// The widest a scenario's name is shown in its chip, in points.
const MAX_NAME_WIDTH: f32 = 320.0;

/// `text`, cut at a character boundary and ended with `…` when wider than
/// `max` (as measured by `width`).
fn shortened(text: &str, max: f32, width: &impl Fn(&str) -> f32) -> String {
    if width(text) <= max {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    // The longest prefix that fits, found by halving.
    let (mut fits, mut too_long) = (0, chars.len());
    while too_long - fits > 1 {
        let mid = usize::midpoint(fits, too_long);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if width(&candidate) <= max {
            fits = mid;
        } else {
            too_long = mid;
        }
    }
    chars[..fits]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_owned()
        + "…"
}

/// Shows the list, each scenario a chip, in as many rows as the width
/// needs; a chip is never split or cut at the window's edge.
pub fn show(ui: &mut Ui, ws: &Workspace, out: &mut Vec<Command>) {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let text_width = |text: &str| {
        ui.ctx().fonts_mut(|f| {
            f.layout_no_wrap(text.to_owned(), font.clone(), egui::Color32::WHITE)
                .size()
                .x
        })
    };
    let spacing = ui.spacing().item_spacing.x;
    let padding = ui.spacing().button_padding.x;
    let check = ui.spacing().icon_width + ui.spacing().icon_spacing;
    // Swatch, name, marker, check box with its word, the frame's margins.
    let fixed = 12.0 + 2.0 * padding + 12.0 + check + text_width("Compare") + 12.0 + 5.0 * spacing;
    // A long name is shortened with an ellipsis (in full on hover), so
    // that one chip never outgrows the window.
    let titles: Vec<String> = ws
        .docs
        .iter()
        .map(|d| shortened(d.title(), MAX_NAME_WIDTH, &text_width))
        .collect();
    let widths: Vec<f32> = titles.iter().map(|t| fixed + text_width(t)).collect();
    let heading = text_width("Scenarios") + spacing;
    let buttons = text_width("New") + text_width("Open...") + 4.0 * padding + 3.0 * spacing;
    let available = ui.available_width();
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = heading;
    for (i, w) in widths.iter().enumerate() {
        let last = rows.len() - 1;
        if !rows[last].is_empty() && used + w > available {
            rows.push(Vec::new());
            used = heading;
        }
        let last = rows.len() - 1;
        rows[last].push(i);
        used += w + spacing;
    }
    let buttons_fit = used + buttons <= available;
    let row_count = rows.len();
    for (r, row) in rows.iter().enumerate() {
        ui.horizontal(|ui| {
            if r == 0 {
                ui.label(RichText::new("Scenarios").strong());
            } else {
                ui.add_space(heading);
            }
            for &i in row {
                chip(ui, ws, i, &titles[i], out);
            }
            if r + 1 == row_count && buttons_fit {
                new_and_open(ui, out);
            }
        });
    }
    if !buttons_fit {
        ui.horizontal(|ui| {
            ui.add_space(heading);
            new_and_open(ui, out);
        });
    }
}

fn new_and_open(ui: &mut Ui, out: &mut Vec<Command>) {
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
}

/// One scenario: colour, name (click to edit it), unsaved marker, and
/// whether it is compared.
fn chip(ui: &mut Ui, ws: &Workspace, index: usize, shown: &str, out: &mut Vec<Command>) {
    let doc = &ws.docs[index];
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
                let title = RichText::new(shown);
                let response = ui
                    .selectable_label(active, if active { title.strong() } else { title })
                    .on_hover_text(format!(
                        "{}\n{}\n{}",
                        doc.title(),
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
                        .on_hover_text("Unsaved changes: the scenario differs from its file.");
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
