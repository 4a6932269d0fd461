//! Reusable widgets, shared by the panels (which never import each other):
//! text fields that keep the typed text apart from the value they stand
//! for, laid out as labelled form rows; list-item controls; table cells;
//! the view switch; chart axis formatters; the Monte Carlo fan chart and
//! rank sensitivity.

pub mod axes;
pub mod evidence;
pub mod fan;
pub mod form;
pub mod list;
pub mod ranks;
pub mod switching;
pub mod table;
pub mod toggle;

pub use form::{Form, rows};
pub use list::list_controls;
pub use table::cell;
pub use toggle::{csv_dialect_choice, view_toggle};

/// Gives a label a fuller text for assistive technology (and tests) than
/// the words shown, e.g. "NPV, risk-adjusted: USD 1,234" for a card that
/// shows "USD 1,234" under the title "NPV". AccessKit reads a label's
/// value, so both its name and its value are set.
pub fn describe(response: &egui::Response, text: &str) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_label(text.to_owned());
        node.set_value(text.to_owned());
    });
}
