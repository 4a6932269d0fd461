//! The panels of the window, one per file (the inputs panel is a folder
//! of sections). Each reads the workspace and pushes commands; none
//! changes anything itself, and none imports another: what two panels
//! share lives in `widgets`.
//!
//! The results tabs are registered in one place,
//! [`Tab`](crate::gui::state::Tab): to add a panel, add a variant and its
//! label there and its arm in [`show_tab`].

pub mod analysis;
pub mod annual;
pub mod assumptions;
pub mod breakdown;
pub mod cards;
pub mod cash_flow;
pub mod compare;
pub mod dialogs;
pub mod estate;
pub mod inputs;
pub mod menu;
pub mod payback;
pub mod scenarios;

use egui::Ui;

use super::command::Command;
use super::state::Tab;
use super::workspace::Workspace;

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
        Tab::Analysis => analysis::show(ui, ws, out),
        Tab::Assumptions => assumptions::show(ui, ws.active_doc(), ws.register, out),
        // The estate edits its document's text buffers: the app shows it
        // with `estate::show` and a mutable document.
        Tab::Estate => {}
    }
}
