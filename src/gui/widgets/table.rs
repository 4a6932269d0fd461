//! A cell of a hand-laid table: a fixed-size box whose content is aligned
//! left, centred or right, so that columns of figures line up.

use egui::{Align, Layout, Ui, vec2};

/// One fixed-width cell with its content aligned.
pub fn cell(ui: &mut Ui, width: f32, height: f32, align: Align, add: impl FnOnce(&mut Ui)) {
    let layout = match align {
        Align::Max => Layout::right_to_left(Align::Center),
        Align::Center => Layout::top_down(Align::Center),
        Align::Min => Layout::left_to_right(Align::Center),
    };
    ui.allocate_ui_with_layout(vec2(width, height), layout, |ui| {
        ui.set_width(width);
        add(ui);
    });
}
