//! The switching-values table and the cost of delay of the What-if tab
//! (MODEL.md 10): the cost of one month of delay of each programme, then
//! every input's switching value for NPV = 0, smallest change first, the
//! critical ones marked. Each input's name links to the input (its
//! evidence editor, as in the register). The figures come from
//! `model::analysis`, computed off the UI thread
//! ([`crate::gui::decision`]); this widget only reads and asks.

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use crate::format;
use crate::model::analysis::delay::sentence;
use crate::model::analysis::{Slipping, SwitchingRow};
use crate::model::bounds::Unit;

use crate::gui::command::{AnalysisRequest, Command};
use crate::gui::decision::DECISION_COMPUTING;
use crate::gui::document::Document;
use crate::gui::theme;

/// Rows shown before "Show all".
const FIRST_ROWS: usize = 12;

/// Shows the cost of delay and the switching table of `doc`, asking for
/// them when the current revision has none.
pub fn show(ui: &mut Ui, doc: &Document, out: &mut Vec<Command>) {
    let revision = doc.revision();
    let s = doc.scenario();
    let Some(answer) = doc.analyses.decision.answer(revision) else {
        // Asked once per revision: a command every frame would keep the
        // window repainting while the run is under way.
        if !doc.analyses.decision.is_running_for(revision) {
            out.push(Command::Analysis(doc.id, AnalysisRequest::Decision));
        }
        // A static line, not a spinner: an idle window asks for no frames.
        ui.label(DECISION_COMPUTING);
        return;
    };
    let d = match answer {
        Ok(d) => d,
        Err(e) => {
            ui.colored_label(theme::warning(), e);
            return;
        }
    };
    let money = |v: Decimal| format::money(&s.currency, v);
    for slipping in [Slipping::Tem, Slipping::Tdm, Slipping::Both] {
        if let Some(loss) = d.delay.per_month(slipping) {
            ui.label(format!("{}.", sentence(slipping, loss, &money)));
        }
    }
    let r = &d.switching;
    ui.label(format!(
        "The value at which each input alone brings the risk-adjusted NPV ({}) to zero; critical when inside its {} range.",
        money(r.base_npv),
        if r.assumed_ranges { "assumed +/-20 %" } else { "uncertainty" }
    ));
    let id = egui::Id::unique("envroi-switching-all");
    let mut all = ui.data(|data| data.get_temp::<bool>(id)).unwrap_or(false);
    let shown = if all {
        r.rows.len()
    } else {
        FIRST_ROWS.min(r.rows.len())
    };
    egui::Grid::new("switching-table")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for title in ["Input", "Switching value", "Change"] {
                ui.label(RichText::new(title).strong());
            }
            ui.end_row();
            for row in &r.rows[..shown] {
                table_row(ui, doc, row, out);
            }
        });
    if r.rows.len() > FIRST_ROWS {
        let text = if all {
            "Show the first rows".to_owned()
        } else {
            format!("Show all {} inputs", r.rows.len())
        };
        if ui.button(text).clicked() {
            all = !all;
            ui.data_mut(|data| data.insert_temp(id, all));
        }
    }
}

/// A value as the analyst reads it: money with its currency, a fraction
/// as a percentage, other numbers grouped.
fn shown(currency: &str, v: Decimal, unit: Unit) -> String {
    match unit {
        Unit::Money => format::money(currency, v),
        Unit::Fraction => format::percent(v, 2),
        _ => crate::model::decimal::grouped(v, v.normalize().scale().min(4)),
    }
}

fn table_row(ui: &mut Ui, doc: &Document, row: &SwitchingRow, out: &mut Vec<Command>) {
    let c = doc.scenario().currency.as_str();
    let unit = row.unit;
    if ui
        .link(&row.label)
        .on_hover_text(format!("{}: open the input's evidence", row.input))
        .clicked()
    {
        out.push(Command::EditEvidence(doc.id, row.input.clone()));
    }
    let base = format!("Base {}", shown(c, row.base, unit));
    match row.value {
        Some(v) if row.timing && v != row.base => {
            let word = if v > row.base { "later" } else { "earlier" };
            ui.label(format!(
                "{} ({word} by {})",
                shown(c, v, unit),
                shown(c, (v - row.base).abs(), unit)
            ))
            .on_hover_text(&base);
        }
        Some(v) => {
            ui.label(shown(c, v, unit)).on_hover_text(&base);
        }
        None => {
            ui.weak(row.reason.clone().unwrap_or_default())
                .on_hover_text(&base);
        }
    }
    let change = row
        .change_pct
        .map(|c| format::percent(c / Decimal::ONE_HUNDRED, 2))
        .unwrap_or_default();
    if row.in_range == Some(true) {
        ui.colored_label(theme::negative(), format!("{change}, critical"))
            .on_hover_text("The switching value lies inside the input's uncertainty range.");
    } else {
        ui.label(change);
    }
    ui.end_row();
}
