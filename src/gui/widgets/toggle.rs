//! The risk-adjusted / unadjusted switch shown above the tables and
//! charts: it pushes the command that changes the view.

use egui::Ui;

use crate::gui::command::Command;
use crate::model::View;

/// The risk-adjusted / unadjusted switch.
pub fn view_toggle(ui: &mut Ui, view: View, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label("View:");
        for v in View::ALL {
            if ui.selectable_label(view == v, v.label()).clicked() && view != v {
                out.push(Command::SetView(v));
            }
        }
    });
}
