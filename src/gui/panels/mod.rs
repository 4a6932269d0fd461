//! The panels of the window, one per file. Each reads the workspace and
//! pushes commands; none changes anything itself.
//!
//! The results tabs are registered in one place, [`Tab`]: to add a panel,
//! add a variant, its label, and its arm in [`show_tab`].

pub mod analysis;
pub mod annual;
pub mod breakdown;
pub mod cards;
pub mod cash_flow;
pub mod compare;
pub mod costs;
pub mod dialogs;
pub mod inputs;
pub mod lines;
pub mod menu;
pub mod payback;
pub mod ranges;
pub mod scenarios;

use egui::Ui;

use super::command::{Command, Edit, List};
use super::widgets::Form;
use super::workspace::Workspace;

/// The results tabs of the central area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Tab {
    /// Benefits by category: the chart and each category's formula.
    #[default]
    Benefits,
    /// The cumulative cash flow of every compared scenario.
    Payback,
    /// The monthly cash-flow table.
    Monthly,
    /// The annual summary table.
    Annual,
    /// The compared scenarios side by side.
    Compare,
    /// What-if analysis: sensitivity, goal seek and Monte Carlo.
    Analysis,
}

impl Tab {
    /// Every tab, in the order shown.
    pub const ALL: [Self; 6] = [
        Self::Benefits,
        Self::Payback,
        Self::Monthly,
        Self::Annual,
        Self::Compare,
        Self::Analysis,
    ];

    /// The tab's title.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Benefits => "Benefits",
            Self::Payback => "Payback curves",
            Self::Monthly => "Monthly cash flow",
            Self::Annual => "Annual summary",
            Self::Compare => "Compare",
            Self::Analysis => "What-if",
        }
    }
}

/// Shows the body of `tab`.
pub fn show_tab(tab: Tab, ui: &mut Ui, ws: &Workspace, out: &mut Vec<Command>) {
    match tab {
        Tab::Benefits => {
            egui::ScrollArea::vertical()
                .id_salt("benefits-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| breakdown::show(ui, ws, out));
        }
        Tab::Payback => payback::show(ui, ws, out),
        Tab::Monthly => cash_flow::show(ui, ws, out),
        Tab::Annual => annual::show(ui, ws, out),
        Tab::Compare => compare::show(ui, ws, out),
        Tab::Analysis => analysis::show(ui, ws),
    }
}

/// The heading of one item of an editable list with its Up, Down and
/// Remove buttons, each named after the item for assistive technology.
pub fn list_controls(
    ui: &mut Ui,
    form: &mut Form<'_>,
    list: List,
    index: usize,
    count: usize,
    title: &str,
    name: &str,
) {
    let what = match list {
        List::Custom => "custom line",
        List::Costs => "cost",
        List::Ranges => "range",
    };
    let key = match list {
        List::Custom => "custom",
        List::Costs => "costs",
        List::Ranges => "uncertainty",
    };
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(title).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let mut push = |edit| {
                form.out.push(Command::Edit {
                    doc: form.doc,
                    key: key.to_owned(),
                    edit,
                });
            };
            if ui
                .small_button("Remove")
                .accessible_name(format!("Remove {what} {name}"))
                .on_hover_text(format!("Remove this {what}"))
                .clicked()
            {
                push(Edit::Remove(list, index));
            }
            if ui
                .add_enabled(index + 1 < count, egui::Button::new("Down").small())
                .accessible_name(format!("Move {what} {name} down"))
                .clicked()
            {
                push(Edit::Move(list, index, index + 1));
            }
            if ui
                .add_enabled(index > 0, egui::Button::new("Up").small())
                .accessible_name(format!("Move {what} {name} up"))
                .clicked()
            {
                push(Edit::Move(list, index, index - 1));
            }
        });
    });
}
