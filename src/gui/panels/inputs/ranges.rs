//! Uncertainty ranges for the analysis features: a low and a high value
//! around the base of one numeric input, plus the Monte Carlo settings.
//! Ranges can be added, removed and reordered.

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use crate::model::Scenario;
use crate::model::fields;
use crate::model::inputs::{self, Bounds, Unit};

use crate::gui::command::Command;
use crate::gui::widgets::Form;
use crate::gui::widgets::form::NumberRow;
use crate::gui::widgets::{list_controls, rows};
use crate::model::edit::{CostKind, Edit, List};

/// Shows every range, the add button and the Monte Carlo settings.
pub fn show(ui: &mut Ui, form: &mut Form<'_>, s: &Scenario) {
    let specs = inputs::numeric_inputs(s);
    let count = s.uncertainty.len();
    if count == 0 {
        ui.label(RichText::new("No ranges. A range gives the low and high value of one input for sensitivity and Monte Carlo analysis.").weak());
    }
    for (i, range) in s.uncertainty.iter().enumerate() {
        ui.separator();
        let spec = specs.iter().find(|sp| sp.path == range.input);
        let label = spec.map_or(range.input.as_str(), |sp| sp.label.as_str());
        let title = format!("Range {}: {label}", i + 1);
        list_controls(ui, form, List::Ranges, i, count, &title, label);
        rows(ui, &format!("range-{i}-grid"), |ui| {
            ui.label("Input")
                .on_hover_text("The input this range varies.");
            let mut chosen = range.input.clone();
            egui::ComboBox::from_id_salt(("range-input", i))
                .selected_text(label)
                .width(240.0)
                .show_ui(ui, |ui| {
                    for sp in &specs {
                        ui.selectable_value(&mut chosen, sp.path.clone(), sp.label.as_str());
                    }
                })
                .response
                .accessible_name(format!("Range {} input", i + 1));
            ui.end_row();
            if chosen != range.input {
                form.out.push(Command::Edit {
                    doc: form.doc,
                    key: format!("uncertainty[{i}].input"),
                    edit: Edit::RangeInput(i, chosen),
                });
            }
            let (unit, bounds) =
                spec.map_or((Unit::Quantity, inputs::AMOUNT), |sp| (sp.unit, sp.bounds));
            let base = inputs::get(s, &range.input).unwrap_or_default();
            for (low, value, word) in [(true, range.low, "low"), (false, range.high, "high")] {
                let name = format!("Range {} {word}", i + 1);
                let key = format!("uncertainty[{i}].{word}");
                let help = format!(
                    "The {word} value; low <= base ({}) <= high, inside the input's own range.",
                    crate::gui::field::display(base, unit)
                );
                form.number(
                    ui,
                    &NumberRow {
                        label: if low { "Low" } else { "High" },
                        name: &name,
                        key: &key,
                        value,
                        unit,
                        bounds,
                        help: &help,
                    },
                    |v| Edit::RangeBound(i, low, v),
                );
            }
        });
    }
    ui.separator();
    if ui.button("Add range").clicked() {
        form.out.push(Command::Edit {
            doc: form.doc,
            key: "uncertainty".into(),
            edit: Edit::Add(List::Ranges, CostKind::OneOff),
        });
    }
    ui.add_space(crate::gui::theme::space(2.0));
    rows(ui, "monte-carlo-grid", |ui| {
        form.number(
            ui,
            &NumberRow {
                label: fields::TRIALS.label,
                name: fields::TRIALS.label,
                key: "monte_carlo.trials",
                value: Decimal::from(s.monte_carlo.trials),
                unit: fields::TRIALS.unit,
                bounds: fields::TRIALS.bounds(s.horizon_months),
                help: fields::TRIALS.help,
            },
            |v| Edit::Trials(u32::try_from(v).unwrap_or(s.monte_carlo.trials)),
        );
        form.number(
            ui,
            &NumberRow {
                label: "Monte Carlo seed",
                name: "Monte Carlo seed",
                key: "monte_carlo.seed",
                value: Decimal::from(s.monte_carlo.seed),
                unit: Unit::Count,
                bounds: Bounds {
                    min: Decimal::ZERO,
                    max: Decimal::from(u64::MAX),
                    integer: true,
                },
                help: "The seed of the random draws: the same seed gives the same results.",
            },
            |v| Edit::Seed(u64::try_from(v).unwrap_or(s.monte_carlo.seed)),
        );
    });
}
