//! The heading of one item of an editable list (a custom line, a cost, a
//! range) with its Up, Down and Remove buttons.

use egui::Ui;

use crate::gui::command::Command;
use crate::model::edit::{Edit, List};

use super::Form;

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
    let (what, key) = (list.noun(), list.key());
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(title).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let edit = |edit| Command::Edit {
                doc: form.doc,
                key: key.to_owned(),
                edit,
            };
            let mut chosen = None;
            if ui
                .small_button("Remove")
                .accessible_name(format!("Remove {what} {name}"))
                .on_hover_text(format!("Remove this {what}"))
                .clicked()
            {
                chosen = Some(Command::RemoveItem(form.doc, list, index));
            }
            if ui
                .add_enabled(index + 1 < count, egui::Button::new("Down").small())
                .accessible_name(format!("Move {what} {name} down"))
                .clicked()
            {
                chosen = Some(edit(Edit::Move(list, index, index + 1)));
            }
            if ui
                .add_enabled(index > 0, egui::Button::new("Up").small())
                .accessible_name(format!("Move {what} {name} up"))
                .clicked()
            {
                chosen = Some(edit(Edit::Move(list, index, index - 1)));
            }
            form.out.extend(chosen);
        });
    });
}
