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
