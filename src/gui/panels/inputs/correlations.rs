//! The declared rank correlations between inputs with ranges (MODEL.md
//! section 12): pairs added, removed, re-pointed and given a rank. Monte
//! Carlo applies them; a set the model refuses (a matrix that is not
//! positive semi-definite, a repeated pair) is refused with its message and
//! leaves the scenario as it was.

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use crate::model::Scenario;
use crate::model::edit::{CorrelationEdit, Edit};
use crate::model::inputs::{self, Bounds, Unit};

use crate::gui::command::Command;
use crate::gui::widgets::Form;
use crate::gui::widgets::form::NumberRow;
use crate::gui::widgets::rows;

/// The allowed ranks.
const RANK: Bounds = Bounds {
    min: Decimal::NEGATIVE_ONE,
    max: Decimal::ONE,
    integer: false,
};

fn push(form: &mut Form<'_>, key: String, edit: CorrelationEdit) {
    form.out.push(Command::Edit {
        doc: form.doc,
        key,
        edit: Edit::Correlation(edit),
    });
}

/// Shows every declared correlation and the button that adds one.
pub fn show(ui: &mut Ui, form: &mut Form<'_>, s: &Scenario) {
    ui.label(RichText::new("Rank correlations").strong())
        .on_hover_text("Inputs that move together, such as two productivity gains driven by the same adoption. Monte Carlo draws them with these Spearman rank correlations (Iman-Conover); uncorrelated draws understate the spread.");
    if s.uncertainty.len() < 2 {
        ui.label(RichText::new("Two inputs with ranges can be correlated.").weak());
        return;
    }
    let specs = inputs::numeric_inputs(s);
    let label_of = |path: &str| {
        specs
            .iter()
            .find(|sp| sp.path == path)
            .map_or_else(|| path.to_owned(), |sp| sp.label.clone())
    };
    let ranged: Vec<(String, String)> = s
        .uncertainty
        .iter()
        .map(|r| (r.input.clone(), label_of(&r.input)))
        .collect();
    for (i, c) in s.correlations.iter().enumerate() {
        ui.separator();
        rows(ui, &format!("correlation-{i}-grid"), |ui| {
            for (first, path) in [(true, &c.a), (false, &c.b)] {
                let word = if first { "First input" } else { "Second input" };
                ui.label(word);
                let mut chosen = path.clone();
                egui::ComboBox::from_id_salt(("correlation-input", i, first))
                    .selected_text(label_of(path))
                    .width(240.0)
                    .show_ui(ui, |ui| {
                        for (p, label) in &ranged {
                            ui.selectable_value(&mut chosen, p.clone(), label.as_str());
                        }
                    })
                    .response
                    .accessible_name(format!("Correlation {} {}", i + 1, word.to_lowercase()));
                ui.end_row();
                if chosen != *path {
                    push(
                        form,
                        format!("correlations[{i}].input"),
                        CorrelationEdit::Input(i, first, chosen),
                    );
                }
            }
            let name = format!("Correlation {} rank", i + 1);
            let key = format!("correlations[{i}].rank");
            form.number(
                ui,
                &NumberRow {
                    label: "Rank",
                    name: &name,
                    key: &key,
                    value: c.rank,
                    unit: Unit::Quantity,
                    bounds: RANK,
                    help: "Spearman rank correlation, -1 to 1: 0.7 moves the two together, -0.5 against each other, 0 has no effect.",
                },
                move |v| Edit::Correlation(CorrelationEdit::Rank(i, v)),
            );
        });
        if ui
            .small_button("Remove correlation")
            .on_hover_text("Monte Carlo draws the two inputs independently again.")
            .clicked()
        {
            push(form, "correlations".into(), CorrelationEdit::Remove(i));
        }
    }
    ui.separator();
    if ui.button("Add correlation").clicked() {
        push(form, "correlations".into(), CorrelationEdit::Add);
    }
}
