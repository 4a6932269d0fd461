//! Cost lines of the programme: one-off amounts paid in one month and
//! recurring annual amounts paid monthly over a span. Lines can be added,
//! removed, reordered and switched between the two kinds.

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use crate::model::Scenario;
use crate::model::fields::{self, Spec};
use crate::model::scenario::Cost;

use crate::gui::command::Command;
use crate::gui::field::parse_months;
use crate::gui::widgets::Form;
use crate::gui::widgets::form::{ItemField, TextRow};
use crate::gui::widgets::{list_controls, rows};
use crate::model::edit::{CostField, CostKind, Edit, List};
use crate::model::validate::check_name;

/// Shows every cost line with its fields and the add buttons.
pub fn show(ui: &mut Ui, form: &mut Form<'_>, s: &Scenario) {
    let count = s.costs.len();
    if count == 0 {
        ui.label(
            RichText::new("No costs: ROI is undefined until the programme costs something.").weak(),
        );
    }
    let h = s.horizon_months;
    for (i, cost) in s.costs.iter().enumerate() {
        ui.separator();
        let name = cost.name();
        let title = format!("Cost {}: {name}", i + 1);
        list_controls(ui, form, List::Costs, i, count, &title, name);
        rows(ui, &format!("cost-{i}-grid"), |ui| {
            form.text(
                ui,
                &TextRow {
                    label: "Name",
                    name: &format!("Cost {} name", i + 1),
                    key: &format!("costs[{i}].name"),
                    value: name,
                    help: "Unique among costs; the CSV column is cost:<name>.",
                    hint: "",
                },
                check_name,
                move |t| Edit::CostName(i, t),
            );
            let kind = match cost {
                Cost::OneOff { .. } => CostKind::OneOff,
                Cost::Recurring { .. } => CostKind::Recurring,
            };
            ui.label("Kind").on_hover_text("One-off: paid once, in one month. Recurring: an annual amount paid in twelfths every month of a span.");
            let mut chosen = kind;
            egui::ComboBox::from_id_salt(("cost-kind", i))
                .selected_text(kind_label(chosen))
                .show_ui(ui, |ui| {
                    for k in [CostKind::OneOff, CostKind::Recurring] {
                        ui.selectable_value(&mut chosen, k, kind_label(k));
                    }
                })
                .response
                .accessible_name(format!("{name}: kind"));
            ui.end_row();
            if chosen != kind {
                form.out.push(Command::Edit {
                    doc: form.doc,
                    key: format!("costs[{i}].kind"),
                    edit: Edit::CostKind(i, chosen),
                });
            }
            amounts(ui, form, i, cost, h);
        });
    }
    ui.separator();
    ui.horizontal(|ui| {
        for (kind, label) in [
            (CostKind::OneOff, "Add one-off cost"),
            (CostKind::Recurring, "Add recurring cost"),
        ] {
            if ui.button(label).clicked() {
                form.out.push(Command::Edit {
                    doc: form.doc,
                    key: "costs".into(),
                    edit: Edit::Add(List::Costs, kind),
                });
            }
        }
    });
}

/// The amount, month, growth and risk rows of cost `i`, for its kind.
fn amounts(ui: &mut Ui, form: &mut Form<'_>, i: usize, cost: &Cost, h: u32) {
    let name = cost.name();
    match cost {
        Cost::OneOff {
            amount,
            month,
            risk,
            ..
        } => {
            let rows = [
                (&fields::COST_AMOUNT, *amount, CostField::Amount),
                (&fields::COST_MONTH, Decimal::from(*month), CostField::Month),
                (&fields::COST_RISK, *risk, CostField::Risk),
            ];
            numbers(ui, form, i, name, h, &rows);
        }
        Cost::Recurring {
            annual_amount,
            start_month,
            end_month,
            growth,
            risk,
            ..
        } => {
            let rows = [
                (
                    &fields::COST_ANNUAL_AMOUNT,
                    *annual_amount,
                    CostField::Amount,
                ),
                (
                    &fields::COST_START_MONTH,
                    Decimal::from(*start_month),
                    CostField::Month,
                ),
            ];
            numbers(ui, form, i, name, h, &rows);
            let end_text = end_month.map(|e| e.to_string()).unwrap_or_default();
            let start = *start_month;
            form.text(
                ui,
                &TextRow {
                    label: "End month",
                    name: &format!("{name}: end month"),
                    key: &format!("costs[{i}].end_month"),
                    value: &end_text,
                    help: "The last month paid; leave empty to pay to the end of the horizon. Months past the horizon are simply not counted.",
                    hint: "to the end of the horizon",
                },
                |t| {
                    if t.trim().is_empty() {
                        Ok(())
                    } else {
                        parse_months(t, start, 9_999).map(|_| ())
                    }
                },
                move |t| {
                    Edit::CostEnd(i, parse_months(&t, start, 9_999).ok())
                },
            );
            let rows = [
                (&fields::COST_GROWTH, *growth, CostField::Growth),
                (&fields::COST_RISK, *risk, CostField::Risk),
            ];
            numbers(ui, form, i, name, h, &rows);
        }
    }
}

/// Numeric rows of cost `i` (named `name`): each field's spec, value and
/// the field its edit sets.
fn numbers(
    ui: &mut Ui,
    form: &mut Form<'_>,
    i: usize,
    name: &str,
    h: u32,
    rows: &[(&Spec, Decimal, CostField)],
) {
    for &(spec, value, field) in rows {
        form.item_number(
            ui,
            List::Costs,
            i,
            name,
            &ItemField {
                spec,
                value,
                horizon_months: h,
            },
            |v| Edit::CostNumber(i, field, v),
        );
    }
}

fn kind_label(kind: CostKind) -> &'static str {
    match kind {
        CostKind::OneOff => "One-off",
        CostKind::Recurring => "Recurring",
    }
}
