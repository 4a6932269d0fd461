//! Switches that push the command changing a setting: the risk-adjusted /
//! unadjusted switch shown above the tables and charts, and the dialect of
//! CSV exports.

use egui::Ui;

use crate::gui::command::Command;
use crate::gui::workspace::Workspace;
use crate::io::csv_out::CsvDialect;
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

/// The dialect of CSV exports as radio buttons (the Export CSV menu and
/// the typed-path prompt of a CSV export); the choice is kept between runs.
pub fn csv_dialect_choice(ui: &mut Ui, ws: &Workspace, out: &mut Vec<Command>) {
    for dialect in CsvDialect::ALL {
        if ui
            .radio(ws.csv_dialect == dialect, dialect.label())
            .clicked()
        {
            out.push(Command::SetCsvDialect(dialect));
        }
    }
}
