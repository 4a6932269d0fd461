//! Custom benefit lines: savings given directly as an annual amount, each
//! realised by the TEM ramp, the TDM ramp or neither. Lines can be added,
//! removed and reordered.

use egui::{RichText, Ui};

use crate::model::fields;
use crate::model::{ProgrammeRef, Scenario};

use crate::gui::command::Command;
use crate::gui::widgets::Form;
use crate::gui::widgets::form::{ItemField, TextRow};
use crate::gui::widgets::{list_controls, rows};
use crate::model::edit::{CostKind, CustomField, Edit, EstateEdit, List};
use crate::model::scenario::{CustomLine, Nature};
use crate::model::validate::check_name;
use rust_decimal::Decimal;

/// Shows every custom line with its fields and the add button.
pub fn show(ui: &mut Ui, form: &mut Form<'_>, s: &Scenario) {
    let count = s.benefits.custom.len();
    if count == 0 {
        ui.label(
            RichText::new(
                "No custom lines. A custom line adds a saving given directly as an annual amount.",
            )
            .weak(),
        );
    }
    for (i, line) in s.benefits.custom.iter().enumerate() {
        ui.separator();
        let title = format!("Custom line {}: {}", i + 1, line.name);
        list_controls(ui, form, List::Custom, i, count, &title, &line.name);
        rows(ui, &format!("custom-{i}-grid"), |ui| {
            form.text(
                ui,
                &TextRow {
                    label: "Name",
                    name: &format!("Custom line {} name", i + 1),
                    key: &format!("custom[{i}].name"),
                    value: &line.name,
                    help: "Unique among custom lines; the CSV column is custom:<name>.",
                    hint: "",
                },
                check_name,
                move |t| Edit::CustomName(i, t),
            );
            ui.label("Programme").on_hover_text(
                "Which ramp realises the line: TEM, TDM, or neither (in full from month 1).",
            );
            let mut programme = line.programme;
            egui::ComboBox::from_id_salt(("custom-programme", i))
                .selected_text(programme_label(programme))
                .show_ui(ui, |ui| {
                    for p in [ProgrammeRef::Tem, ProgrammeRef::Tdm, ProgrammeRef::None] {
                        ui.selectable_value(&mut programme, p, programme_label(p));
                    }
                })
                .response
                .accessible_name(format!("{} programme", line.name));
            ui.end_row();
            if programme != line.programme {
                form.out.push(Command::Edit {
                    doc: form.doc,
                    key: format!("custom[{i}].programme"),
                    edit: Edit::CustomProgramme(i, programme),
                });
            }
            nature_row(ui, form, i, line);
            for (field, spec, value) in [
                (
                    CustomField::AnnualAmount,
                    &fields::CUSTOM_ANNUAL_AMOUNT,
                    line.annual_amount,
                ),
                (CustomField::Growth, &fields::CUSTOM_GROWTH, line.growth),
                (CustomField::Risk, &fields::CUSTOM_RISK, line.risk),
            ] {
                form.item_number(
                    ui,
                    List::Custom,
                    i,
                    &line.name,
                    &ItemField {
                        spec,
                        value,
                        horizon_months: s.horizon_months,
                    },
                    |v| Edit::CustomNumber(i, field, v),
                );
            }
            if line.nature == Some(Nature::Capacity) {
                let path = format!("custom.{}.recapture", line.name);
                form.item_number(
                    ui,
                    List::Custom,
                    i,
                    &line.name,
                    &ItemField {
                        spec: &fields::CUSTOM_RECAPTURE,
                        value: line.recapture.unwrap_or(Decimal::ONE),
                        horizon_months: s.horizon_months,
                    },
                    |v| Edit::Number { path, value: v },
                );
            }
        });
    }
    ui.separator();
    if ui.button("Add custom line").clicked() {
        form.out.push(Command::Edit {
            doc: form.doc,
            key: "custom".into(),
            edit: Edit::Add(List::Custom, CostKind::OneOff),
        });
    }
}

/// Cash or capacity (MODEL.md 11.2); "Cash (not set)" is a line whose
/// file does not say, which counts as cash.
fn nature_row(ui: &mut Ui, form: &mut Form<'_>, i: usize, line: &CustomLine) {
    let label = |n: Option<Nature>| match n {
        None => "Cash (not set)",
        Some(Nature::Cash) => "Cash",
        Some(Nature::Capacity) => "Capacity",
    };
    ui.label("Nature").on_hover_text(
        "Cash removes spend; capacity frees people's time, of which only the recapture share counts as money.",
    );
    let mut nature = line.nature;
    egui::ComboBox::from_id_salt(("custom-nature", i))
        .selected_text(label(nature))
        .show_ui(ui, |ui| {
            for n in [None, Some(Nature::Cash), Some(Nature::Capacity)] {
                ui.selectable_value(&mut nature, n, label(n));
            }
        })
        .response
        .accessible_name(format!("{} nature", line.name));
    ui.end_row();
    if nature != line.nature {
        form.out.push(Command::Edit {
            doc: form.doc,
            key: format!("custom[{i}].nature"),
            edit: Edit::Estate(EstateEdit::Nature(i, nature)),
        });
    }
}

fn programme_label(p: ProgrammeRef) -> &'static str {
    match p {
        ProgrammeRef::Tem => "TEM",
        ProgrammeRef::Tdm => "TDM",
        ProgrammeRef::None => "Neither",
    }
}
