//! The Assumptions tab: the register of every input of the active scenario
//! (value, unit, evidence, confidence, source, year, owner, reviewed) with
//! its impact, the NPV swing of its tornado bar; sortable, and filtered to
//! placeholders or to the key inputs that are unconfirmed. A click on a
//! row's marker opens its evidence editor.

use egui::{Align, RichText, Ui};

use crate::format;
use crate::model::analysis::register::{KEY_INPUTS, UNCONFIRMED};
use crate::model::analysis::{RegisterRow, Standing, unconfirmed_key_inputs};
use crate::model::{Confidence, Evidence};

use crate::gui::command::Command;
use crate::gui::document::Document;
use crate::gui::state::{RegisterSort, RegisterView};
use crate::gui::theme;
use crate::gui::widgets::{cell, evidence};

/// Height of a row.
const ROW_HEIGHT: f32 = 22.0;
/// The columns: title and width.
const COLUMNS: [(&str, f32); 10] = [
    ("", 18.0),
    ("Input", 300.0),
    ("Value", 120.0),
    ("Evidence", 95.0),
    ("Confidence", 80.0),
    ("Impact (NPV swing)", 130.0),
    ("Source", 300.0),
    ("Year", 45.0),
    ("Owner", 100.0),
    ("Reviewed", 70.0),
];
/// The most characters of a source a row shows (the tooltip has all).
const SOURCE_CHARS: usize = 48;

/// How weak a record is, for sorting: no record first.
fn evidence_rank(row: &RegisterRow) -> usize {
    row.record.as_ref().map_or(0, |r| {
        Evidence::ALL.len()
            - Evidence::ALL
                .iter()
                .position(|e| *e == r.evidence)
                .unwrap_or(0)
    })
}

fn confidence_rank(row: &RegisterRow) -> usize {
    row.record.as_ref().map_or(0, |r| {
        Confidence::ALL.len()
            - Confidence::ALL
                .iter()
                .position(|c| *c == r.confidence)
                .unwrap_or(0)
    })
}

/// The rows shown under `view`, from a register sorted by impact.
#[must_use]
pub fn visible(rows: &[RegisterRow], view: RegisterView) -> Vec<&RegisterRow> {
    let weak: Vec<&str> = unconfirmed_key_inputs(rows, &UNCONFIRMED)
        .iter()
        .map(|r| r.input.as_str())
        .collect();
    let mut shown: Vec<&RegisterRow> = rows
        .iter()
        .filter(|r| !view.placeholders_only || r.standing() == Standing::Placeholder)
        .filter(|r| !view.weak_key_only || weak.contains(&r.input.as_str()))
        .collect();
    match view.sort {
        RegisterSort::Impact => {}
        RegisterSort::Input => shown.sort_by(|a, b| a.input.cmp(&b.input)),
        RegisterSort::Evidence => shown.sort_by_key(|r| evidence_rank(r)),
        RegisterSort::Confidence => shown.sort_by_key(|r| confidence_rank(r)),
    }
    shown
}

/// Shows the register of `doc`.
pub fn show(ui: &mut Ui, doc: Option<&Document>, view: RegisterView, out: &mut Vec<Command>) {
    let Some(doc) = doc else {
        ui.label("Open or create a scenario to see its assumptions.");
        return;
    };
    let (rows, impact_known) = doc.register();
    let s = doc.scenario();
    let recorded = rows.iter().filter(|r| r.record.is_some()).count();
    ui.label(
        RichText::new(format!(
            "{recorded} of {} inputs have an evidence record. Impact is the NPV swing of each input's tornado bar{}.",
            rows.len(),
            if impact_known { "" } else { " (being computed)" }
        ))
        .small(),
    );
    ui.horizontal(|ui| {
        ui.label("Sort by");
        let mut next = view;
        for sort in RegisterSort::ALL {
            ui.selectable_value(&mut next.sort, sort, sort.label());
        }
        ui.separator();
        ui.checkbox(&mut next.placeholders_only, "Show placeholders only");
        ui.checkbox(
            &mut next.weak_key_only,
            format!("High impact, low confidence (top {KEY_INPUTS})"),
        );
        if next != view {
            out.push(Command::SetRegisterView(next));
        }
    });
    ui.separator();
    let shown = visible(&rows, view);
    egui::ScrollArea::both()
        .id_salt("assumptions-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.spacing_mut().item_spacing.y = 2.0;
            ui.horizontal(|ui| {
                for (title, width) in COLUMNS {
                    cell(ui, width, ROW_HEIGHT, Align::Min, |ui| {
                        ui.label(RichText::new(title).strong());
                    });
                }
            });
            if shown.is_empty() {
                ui.label("No input matches the filters.");
            }
            for row in shown {
                let r = row.record.as_ref();
                ui.horizontal(|ui| {
                    cell(ui, COLUMNS[0].1, ROW_HEIGHT, Align::Min, |ui| {
                        let name = format!("{} in the register", row.label);
                        if evidence::marker(ui, r, &name).clicked() {
                            out.push(Command::EditEvidence(doc.id, row.input.clone()));
                        }
                    });
                    cell(ui, COLUMNS[1].1, ROW_HEIGHT, Align::Min, |ui| {
                        ui.add(egui::Label::new(&row.label).truncate())
                            .on_hover_text(&row.input);
                    });
                    let value = format::input_value(&s.currency, row.unit, row.value);
                    cell(ui, COLUMNS[2].1, ROW_HEIGHT, Align::Max, |ui| {
                        ui.label(value);
                    });
                    let kind = r.map_or("none", |r| r.evidence.key());
                    cell(ui, COLUMNS[3].1, ROW_HEIGHT, Align::Min, |ui| {
                        let text = RichText::new(kind);
                        let text = if r.is_none_or(|r| r.evidence == Evidence::Placeholder) {
                            text.color(theme::negative())
                        } else {
                            text
                        };
                        ui.label(text);
                    });
                    cell(ui, COLUMNS[4].1, ROW_HEIGHT, Align::Min, |ui| {
                        if let Some(r) = r {
                            ui.label(
                                RichText::new(r.confidence.key())
                                    .color(evidence::confidence_colour(r.confidence)),
                            );
                        }
                    });
                    cell(ui, COLUMNS[5].1, ROW_HEIGHT, Align::Max, |ui| {
                        ui.label(row.swing.map_or_else(
                            || "-".to_owned(),
                            |v| format::money_whole(&s.currency, v),
                        ));
                    });
                    let source = r.map_or("", |r| r.source.as_str());
                    cell(ui, COLUMNS[6].1, ROW_HEIGHT, Align::Min, |ui| {
                        let mut short: String = source.chars().take(SOURCE_CHARS).collect();
                        if source.chars().count() > SOURCE_CHARS {
                            short.push_str("...");
                        }
                        let response = ui.add(egui::Label::new(short).truncate());
                        if !source.is_empty() {
                            let mut tip = source.to_owned();
                            if let Some(url) = r.and_then(|r| r.url.as_deref()) {
                                tip.push('\n');
                                tip.push_str(url);
                            }
                            if let Some(note) = r.map(|r| r.note.as_str()).filter(|n| !n.is_empty())
                            {
                                tip.push('\n');
                                tip.push_str(note);
                            }
                            response.on_hover_text(tip);
                        }
                    });
                    let year = r.and_then(|r| r.published).map(|y| y.to_string());
                    cell(ui, COLUMNS[7].1, ROW_HEIGHT, Align::Min, |ui| {
                        ui.label(year.unwrap_or_default());
                    });
                    cell(ui, COLUMNS[8].1, ROW_HEIGHT, Align::Min, |ui| {
                        ui.add(
                            egui::Label::new(r.and_then(|r| r.owner.clone()).unwrap_or_default())
                                .truncate(),
                        );
                    });
                    cell(ui, COLUMNS[9].1, ROW_HEIGHT, Align::Min, |ui| {
                        ui.label(
                            r.and_then(|r| r.reviewed)
                                .map(|m| m.to_string())
                                .unwrap_or_default(),
                        );
                    });
                });
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Assumption;
    use rust_decimal::Decimal;

    fn row(input: &str, swing: i64, record: Option<Assumption>) -> RegisterRow {
        RegisterRow {
            input: input.into(),
            label: input.into(),
            value: Decimal::ONE,
            unit: crate::model::inputs::Unit::Money,
            record,
            swing: Some(Decimal::from(swing)),
        }
    }

    #[test]
    fn filters_and_sorts() {
        let measured = Assumption {
            evidence: Evidence::Measured,
            confidence: Confidence::High,
            ..Assumption::placeholder()
        };
        let low = Assumption {
            evidence: Evidence::Estimated,
            confidence: Confidence::Low,
            ..Assumption::placeholder()
        };
        let rows = vec![
            row("a", 60, Some(measured)),
            row("b", 50, Some(Assumption::placeholder())),
            row("c", 40, None),
            row("d", 30, Some(low)),
            row("e", 20, Some(Assumption::placeholder())),
            row("f", 10, None),
        ];
        let names = |v: Vec<&RegisterRow>| v.iter().map(|r| r.input.clone()).collect::<Vec<_>>();
        let all = RegisterView::default();
        assert_eq!(names(visible(&rows, all)), ["a", "b", "c", "d", "e", "f"]);
        let placeholders = RegisterView {
            placeholders_only: true,
            ..all
        };
        assert_eq!(names(visible(&rows, placeholders)), ["b", "e"]);
        let weak = RegisterView {
            weak_key_only: true,
            ..all
        };
        assert_eq!(
            names(visible(&rows, weak)),
            ["b", "c", "d", "e"],
            "top five only"
        );
        let by_evidence = RegisterView {
            sort: RegisterSort::Evidence,
            ..all
        };
        assert_eq!(
            names(visible(&rows, by_evidence)),
            ["c", "f", "b", "e", "d", "a"]
        );
    }
}
