//! Cost lines of the programme: one-off amounts paid in one month and
//! recurring annual amounts paid monthly over a span. Lines can be added,
//! removed, reordered and switched between the two kinds.

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use crate::model::Scenario;
use crate::model::inputs::{AMOUNT, FRACTION, GROWTH, Unit};
use crate::model::scenario::Cost;

use crate::gui::command::Command;
use crate::gui::field::parse_months;
use crate::gui::widgets::Form;
use crate::gui::widgets::form::{NumberRow, TextRow};
use crate::gui::widgets::{list_controls, rows};
use crate::model::edit::{CostField, CostKind, Edit, List};
use crate::model::inputs::Bounds;
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
            match cost {
                Cost::OneOff {
                    amount,
                    month,
                    risk,
                    ..
                } => {
                    number(
                        ui,
                        form,
                        i,
                        name,
                        CostField::Amount,
                        "Amount",
                        "amount",
                        *amount,
                        Unit::Money,
                        AMOUNT,
                        "The amount paid once. Risk-adjusted: amount x (1 + risk).",
                    );
                    number(
                        ui,
                        form,
                        i,
                        name,
                        CostField::Month,
                        "Month",
                        "month",
                        Decimal::from(*month),
                        Unit::Months,
                        Bounds::whole(0, h),
                        "The month it is paid: 0 is the upfront instant, 1 the first month of the horizon.",
                    );
                    number(
                        ui,
                        form,
                        i,
                        name,
                        CostField::Risk,
                        "Risk",
                        "risk",
                        *risk,
                        Unit::Fraction,
                        FRACTION,
                        "The share by which the cost is raised in the risk-adjusted view.",
                    );
                }
                Cost::Recurring {
                    annual_amount,
                    start_month,
                    end_month,
                    growth,
                    risk,
                    ..
                } => {
                    number(
                        ui,
                        form,
                        i,
                        name,
                        CostField::Amount,
                        "Annual amount",
                        "annual amount",
                        *annual_amount,
                        Unit::Money,
                        AMOUNT,
                        "The cost per year at today's prices; each month pays annual amount x (1 + growth)^y / 12.",
                    );
                    number(
                        ui,
                        form,
                        i,
                        name,
                        CostField::Month,
                        "Start month",
                        "start month",
                        Decimal::from(*start_month),
                        Unit::Months,
                        Bounds::whole(1, h),
                        "The first month paid, 1 to the horizon.",
                    );
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
                    number(
                        ui,
                        form,
                        i,
                        name,
                        CostField::Growth,
                        "Growth a year",
                        "growth",
                        *growth,
                        Unit::Fraction,
                        GROWTH,
                        "Annual escalation of the cost, -50 % to 100 %.",
                    );
                    number(
                        ui,
                        form,
                        i,
                        name,
                        CostField::Risk,
                        "Risk",
                        "risk",
                        *risk,
                        Unit::Fraction,
                        FRACTION,
                        "The share by which the cost is raised in the risk-adjusted view.",
                    );
                }
            }
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

#[expect(
    clippy::too_many_arguments,
    reason = "one call per field keeps the rows readable"
)]
fn number(
    ui: &mut Ui,
    form: &mut Form<'_>,
    i: usize,
    cost_name: &str,
    field: CostField,
    label: &str,
    short: &str,
    value: Decimal,
    unit: Unit,
    bounds: crate::model::inputs::Bounds,
    help: &str,
) {
    let name = format!("{cost_name}: {short}");
    let key = format!("costs[{i}].{}", short.replace(' ', "_"));
    form.number(
        ui,
        &NumberRow {
            label,
            name: &name,
            key: &key,
            value,
            unit,
            bounds,
            help,
        },
        |v| Edit::CostNumber(i, field, v),
    );
}

fn kind_label(kind: CostKind) -> &'static str {
    match kind {
        CostKind::OneOff => "One-off",
        CostKind::Recurring => "Recurring",
    }
}
