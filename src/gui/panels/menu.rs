//! The menu bar, and the one table that gives every menu action its text
//! and keyboard shortcut (the shortcuts are handled in `app.rs` from the
//! same table, so the menu and the keys never disagree).

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers, Ui};

use crate::format::style::{CurrencyStyle, Grouping, MonthNames, Style};
use crate::model::View;

use crate::gui::command::Command;
use crate::gui::state::Export;
use crate::gui::state::Theme;
use crate::gui::workspace::Workspace;

/// A menu action with a keyboard shortcut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// New scenario.
    New,
    /// Open files.
    Open,
    /// Save the active scenario.
    Save,
    /// Save the active scenario elsewhere.
    SaveAs,
    /// Undo.
    Undo,
    /// Redo.
    Redo,
    /// Redo, the other common key.
    RedoAlt,
}

impl Action {
    /// Every action, in the order shortcuts are matched: a shortcut with
    /// Shift comes before the same key without it.
    pub const SHORTCUT_ORDER: [Self; 7] = [
        Self::New,
        Self::Open,
        Self::SaveAs,
        Self::Save,
        Self::Redo,
        Self::RedoAlt,
        Self::Undo,
    ];

    /// Menu text.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::New => "New",
            Self::Open => "Open...",
            Self::Save => "Save",
            Self::SaveAs => "Save As...",
            Self::Undo => "Undo",
            Self::Redo | Self::RedoAlt => "Redo",
        }
    }

    /// The keyboard shortcut (Ctrl, or Cmd on a Mac).
    #[must_use]
    pub fn shortcut(self) -> KeyboardShortcut {
        let shift = Modifiers::COMMAND | Modifiers::SHIFT;
        match self {
            Self::New => KeyboardShortcut::new(Modifiers::COMMAND, Key::N),
            Self::Open => KeyboardShortcut::new(Modifiers::COMMAND, Key::O),
            Self::Save => KeyboardShortcut::new(Modifiers::COMMAND, Key::S),
            Self::SaveAs => KeyboardShortcut::new(shift, Key::S),
            Self::Undo => KeyboardShortcut::new(Modifiers::COMMAND, Key::Z),
            Self::Redo => KeyboardShortcut::new(shift, Key::Z),
            Self::RedoAlt => KeyboardShortcut::new(Modifiers::COMMAND, Key::Y),
        }
    }

    /// The command the action stands for, given the workspace.
    #[must_use]
    pub fn command(self, ws: &Workspace) -> Option<Command> {
        match self {
            Self::New => Some(Command::New),
            Self::Open => Some(Command::OpenDialog),
            Self::Save => ws.active.map(Command::Save),
            Self::SaveAs => ws.active.map(Command::SaveAsDialog),
            Self::Undo => ws.active.map(Command::Undo),
            Self::Redo | Self::RedoAlt => ws.active.map(Command::Redo),
        }
    }
}

fn item(ui: &mut Ui, ws: &Workspace, action: Action, enabled: bool, out: &mut Vec<Command>) {
    let text = ui.ctx().format_shortcut(&action.shortcut());
    let button = egui::Button::new(action.label()).shortcut_text(text);
    if ui.add_enabled(enabled, button).clicked() {
        if let Some(cmd) = action.command(ws) {
            out.push(cmd);
        }
        ui.close();
    }
}

fn plain(ui: &mut Ui, label: &str, enabled: bool, cmd: Command, out: &mut Vec<Command>) {
    if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
        out.push(cmd);
        ui.close();
    }
}

/// The display style's menus (View > Numbers, Currency, Months): each
/// choice pushes the whole style with that one part changed.
fn display_menus(ui: &mut Ui, current: Style, out: &mut Vec<Command>) {
    let mut choose = |ui: &mut Ui, selected: bool, label: &str, style: Style| {
        if ui.radio(selected, label).clicked() {
            out.push(Command::SetDisplayStyle(style));
            ui.close();
        }
    };
    ui.menu_button("Numbers", |ui| {
        for grouping in Grouping::ALL {
            let style = Style {
                grouping,
                ..current
            };
            choose(ui, current.grouping == grouping, grouping.label(), style);
        }
    });
    ui.menu_button("Currency", |ui| {
        for currency in CurrencyStyle::ALL {
            let style = Style {
                currency,
                ..current
            };
            choose(ui, current.currency == currency, currency.label(), style);
        }
        ui.separator();
        let label = "Decimals of the currency (JPY 0, KWD 3)";
        let style = Style {
            minor_units: !current.minor_units,
            ..current
        };
        choose(ui, current.minor_units, label, style);
    });
    ui.menu_button("Months", |ui| {
        for months in MonthNames::ALL {
            let style = Style { months, ..current };
            choose(ui, current.months == months, months.label(), style);
        }
    });
}

/// Shows the menu bar. `recent` is the recent-files list, newest first.
pub fn show(ui: &mut Ui, ws: &Workspace, recent: &[PathBuf], out: &mut Vec<Command>) {
    let active = ws.active_doc();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            item(ui, ws, Action::New, true, out);
            item(ui, ws, Action::Open, true, out);
            ui.menu_button("Open recent", |ui| {
                if recent.is_empty() {
                    ui.label("No recent files");
                }
                for path in recent {
                    let label = path.display().to_string();
                    plain(ui, &label, true, Command::Open(path.clone()), out);
                }
            });
            ui.separator();
            item(ui, ws, Action::Save, active.is_some(), out);
            item(ui, ws, Action::SaveAs, active.is_some(), out);
            if let Some(doc) = active {
                plain(ui, "Duplicate", true, Command::Duplicate(doc.id), out);
                plain(ui, "Close", true, Command::Close(doc.id), out);
            }
            ui.separator();
            ui.menu_button("Export CSV", |ui| {
                crate::gui::widgets::csv_dialect_choice(ui, ws, out);
                ui.separator();
                for export in [
                    Export::Monthly(View::Adjusted),
                    Export::Monthly(View::Unadjusted),
                    Export::Summary,
                ] {
                    plain(
                        ui,
                        export.label(),
                        active.is_some(),
                        Command::ExportDialog(export),
                        out,
                    );
                }
                plain(
                    ui,
                    Export::Comparison.label(),
                    !ws.compared.is_empty(),
                    Command::ExportDialog(Export::Comparison),
                    out,
                );
            });
            plain(
                ui,
                "Export PNG...",
                !ws.compared.is_empty(),
                Command::ExportDialog(Export::Png),
                out,
            );
            plain(
                ui,
                Export::BusinessCase.label(),
                active.is_some(),
                Command::ExportDialog(Export::BusinessCase),
                out,
            );
            plain(
                ui,
                Export::Appraisal.label(),
                ws.compared.len() > 1,
                Command::ExportDialog(Export::Appraisal),
                out,
            );
            plain(
                ui,
                Export::Workbook.label(),
                active.is_some(),
                Command::ExportDialog(Export::Workbook),
                out,
            );
            ui.separator();
            plain(ui, "Quit", true, Command::Quit, out);
        });
        ui.menu_button("Edit", |ui| {
            item(
                ui,
                ws,
                Action::Undo,
                active.is_some_and(crate::gui::document::Document::can_undo),
                out,
            );
            item(
                ui,
                ws,
                Action::Redo,
                active.is_some_and(crate::gui::document::Document::can_redo),
                out,
            );
        });
        ui.menu_button("View", |ui| {
            for view in View::ALL {
                if ui.radio(ws.view == view, view.label()).clicked() {
                    out.push(Command::SetView(view));
                    ui.close();
                }
            }
            ui.separator();
            for theme in [Theme::Light, Theme::Dark] {
                if ui.radio(ws.theme == theme, theme.label()).clicked() {
                    out.push(Command::SetTheme(theme));
                    ui.close();
                }
            }
            ui.separator();
            display_menus(ui, ws.display, out);
        });
    });
}
