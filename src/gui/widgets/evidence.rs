//! The evidence of an input at a glance, and its editor.
//!
//! The marker beside every input row: a dot coloured by confidence (green
//! High, amber Medium, red Low), a red ring with a bar for a Placeholder,
//! and a grey ring for an input with no record. Its tooltip gives the
//! evidence and source; a click asks to edit the record.
//!
//! The editor works on a [`Draft`]: the record's fields as typed, checked
//! as a whole before it becomes an edit.

use egui::{Color32, Response, RichText, Sense, Stroke, Ui, Vec2};

use crate::gui::theme;
use crate::model::assumption::{
    self, Assumption, Confidence, Evidence, MAX_NOTE_CHARS, MAX_OWNER_CHARS, MAX_SOURCE_CHARS,
    MAX_URL_CHARS,
};
use crate::model::scenario::YearMonth;

/// The side of the marker, in points.
const SIDE: f32 = 12.0;

/// The colour of a confidence level.
#[must_use]
pub fn confidence_colour(confidence: Confidence) -> Color32 {
    match confidence {
        Confidence::High => theme::positive(),
        Confidence::Medium => theme::warning(),
        Confidence::Low => theme::negative(),
    }
}

/// The words of a record's standing, for tooltips and assistive
/// technology: "Benchmarked, Medium confidence", "Placeholder", "no record".
#[must_use]
pub fn standing_words(record: Option<&Assumption>) -> String {
    match record {
        None => "no evidence record".to_owned(),
        Some(r) if r.evidence == Evidence::Placeholder => "Placeholder evidence".to_owned(),
        Some(r) => format!("{}, {} confidence", r.evidence.key(), r.confidence.key()),
    }
}

/// The marker of `record` for the input named `name`; clicking it is the
/// caller's to handle (open the editor).
pub fn marker(ui: &mut Ui, record: Option<&Assumption>, name: &str) -> Response {
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(SIDE), Sense::click());
    let centre = rect.center();
    let radius = SIDE * 0.36;
    let painter = ui.painter();
    match record {
        None => {
            let grey = ui.visuals().weak_text_color();
            painter.circle_stroke(centre, radius, Stroke::new(1.2, grey));
        }
        Some(r) if r.evidence == Evidence::Placeholder => {
            let red = theme::negative();
            painter.circle_stroke(centre, radius, Stroke::new(1.6, red));
            painter.line_segment(
                [
                    centre - Vec2::new(radius * 0.7, 0.0),
                    centre + Vec2::new(radius * 0.7, 0.0),
                ],
                Stroke::new(1.6, red),
            );
        }
        Some(r) => {
            painter.circle_filled(centre, radius, confidence_colour(r.confidence));
        }
    }
    let words = standing_words(record);
    let label = format!("Evidence of {name}: {words}");
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, ui.is_enabled(), label.clone())
    });
    let tip = match record {
        Some(r) if !r.source.is_empty() => format!("{words}\n{}\nClick to edit.", r.source),
        _ => format!("{words}\nClick to record the evidence."),
    };
    response.on_hover_text(tip)
}

/// A record's fields as typed in the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The input's path.
    pub path: String,
    /// The input's label.
    pub label: String,
    /// Whether the input had a record when the editor opened.
    pub existed: bool,
    /// Evidence kind.
    pub evidence: Evidence,
    /// Confidence.
    pub confidence: Confidence,
    /// Source.
    pub source: String,
    /// Year published, as typed.
    pub published: String,
    /// Link.
    pub url: String,
    /// Owner.
    pub owner: String,
    /// Reviewed, `YYYY-MM` as typed.
    pub reviewed: String,
    /// Note.
    pub note: String,
}

impl Draft {
    /// A draft of `record` (or of a new Estimated/Medium record) for the
    /// input at `path`.
    #[must_use]
    pub fn of(path: &str, label: &str, record: Option<&Assumption>) -> Self {
        let r = record.cloned().unwrap_or(Assumption {
            evidence: Evidence::Estimated,
            confidence: Confidence::Medium,
            ..Assumption::placeholder()
        });
        Self {
            path: path.to_owned(),
            label: label.to_owned(),
            existed: record.is_some(),
            evidence: r.evidence,
            confidence: r.confidence,
            source: r.source,
            published: r.published.map(|y| y.to_string()).unwrap_or_default(),
            url: r.url.unwrap_or_default(),
            owner: r.owner.unwrap_or_default(),
            reviewed: r.reviewed.map(|m| m.to_string()).unwrap_or_default(),
            note: r.note,
        }
    }

    /// The record the draft stands for, or every problem with it.
    pub fn record(&self) -> Result<Assumption, Vec<String>> {
        let mut problems = Vec::new();
        let years = assumption::PUBLISHED_YEARS;
        let published = match self.published.trim() {
            "" => None,
            text => match text.parse::<i32>() {
                Ok(y) if years.contains(&y) => Some(y),
                _ => {
                    problems.push(format!(
                        "Published: a year from {} to {}, or empty",
                        years.start(),
                        years.end()
                    ));
                    None
                }
            },
        };
        let reviewed = match self.reviewed.trim() {
            "" => None,
            text => match YearMonth::parse(text) {
                Ok(m) if years.contains(&m.year) => Some(m),
                _ => {
                    problems.push("Reviewed: a month written YYYY-MM, or empty".to_owned());
                    None
                }
            },
        };
        for (field, text, max) in [
            ("Source", &self.source, MAX_SOURCE_CHARS),
            ("Link", &self.url, MAX_URL_CHARS),
            ("Owner", &self.owner, MAX_OWNER_CHARS),
            ("Note", &self.note, MAX_NOTE_CHARS),
        ] {
            let chars = text.chars().count();
            if chars > max {
                problems.push(format!("{field}: at most {max} characters (has {chars})"));
            }
        }
        let optional = |t: &str| (!t.trim().is_empty()).then(|| t.trim().to_owned());
        if problems.is_empty() {
            Ok(Assumption {
                evidence: self.evidence,
                confidence: self.confidence,
                source: self.source.trim().to_owned(),
                published,
                url: optional(&self.url),
                owner: optional(&self.owner),
                reviewed,
                note: self.note.clone(),
            })
        } else {
            Err(problems)
        }
    }
}

/// What the person did in the editor this frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Nothing yet.
    Open,
    /// Save this record.
    Save(Assumption),
    /// Remove the record.
    Remove,
    /// Close without a change.
    Cancel,
}

/// The editor's fields and buttons for `draft`.
pub fn editor(ui: &mut Ui, draft: &mut Draft) -> Answer {
    ui.heading("Evidence");
    ui.label(RichText::new(format!("{}  ({})", draft.label, draft.path)).strong());
    ui.add_space(theme::space(1.0));
    egui::Grid::new("evidence-editor")
        .num_columns(2)
        .spacing([theme::space(2.0), theme::space(1.0)])
        .show(ui, |ui| {
            let label = ui.label("Evidence");
            egui::ComboBox::from_id_salt("evidence-kind")
                .selected_text(draft.evidence.key())
                .show_ui(ui, |ui| {
                    for kind in Evidence::ALL {
                        ui.selectable_value(&mut draft.evidence, kind, kind.key())
                            .on_hover_text(kind.help());
                    }
                })
                .response
                .labelled_by(label.id)
                .on_hover_text(draft.evidence.help());
            ui.end_row();
            ui.label("Confidence");
            ui.horizontal(|ui| {
                for level in Confidence::ALL {
                    ui.radio_value(&mut draft.confidence, level, level.key());
                }
            });
            ui.end_row();
            let line = |ui: &mut Ui, label: &str, text: &mut String, hint: &str| {
                ui.label(label);
                ui.add(
                    egui::TextEdit::singleline(text)
                        .hint_text(hint)
                        .desired_width(360.0),
                )
                .accessible_name(format!("Evidence {}", label.to_lowercase()));
                ui.end_row();
            };
            ui.label("Source");
            ui.add(
                egui::TextEdit::multiline(&mut draft.source)
                    .hint_text("study, survey or measurement, and its figure")
                    .desired_rows(2)
                    .desired_width(360.0),
            )
            .accessible_name("Evidence source");
            ui.end_row();
            line(ui, "Published", &mut draft.published, "year, e.g. 2025");
            line(ui, "Link", &mut draft.url, "shown as text, never opened");
            line(ui, "Owner", &mut draft.owner, "who answers for the value");
            line(ui, "Reviewed", &mut draft.reviewed, "YYYY-MM");
            ui.label("Note");
            ui.add(
                egui::TextEdit::multiline(&mut draft.note)
                    .desired_rows(3)
                    .desired_width(360.0),
            )
            .accessible_name("Evidence note");
            ui.end_row();
        });
    let checked = draft.record();
    if let Err(problems) = &checked {
        for p in problems {
            ui.label(RichText::new(p).color(theme::negative()).small());
        }
    }
    ui.add_space(theme::space(1.0));
    let mut answer = Answer::Open;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(checked.is_ok(), egui::Button::new("Save evidence"))
            .clicked()
            && let Ok(record) = &checked
        {
            answer = Answer::Save(record.clone());
        }
        if draft.existed && ui.button("Remove record").clicked() {
            answer = Answer::Remove;
        }
        if ui.button("Cancel").clicked() {
            answer = Answer::Cancel;
        }
    });
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_round_trips_a_record_and_refuses_bad_text() {
        let record = Assumption {
            evidence: Evidence::Vendor,
            confidence: Confidence::Low,
            source: "quote".into(),
            published: Some(2024),
            url: Some("https://example.org".into()),
            owner: Some("CFO".into()),
            reviewed: Some(YearMonth {
                year: 2026,
                month: 11,
            }),
            note: "n".into(),
        };
        let draft = Draft::of("discount_rate", "Discount rate", Some(&record));
        assert_eq!(draft.record(), Ok(record));
        let mut bad = draft.clone();
        bad.published = "20x4".into();
        bad.reviewed = "Nov 2026".into();
        bad.owner = "o".repeat(MAX_OWNER_CHARS + 1);
        assert_eq!(bad.record().unwrap_err().len(), 3);
        let fresh = Draft::of("discount_rate", "Discount rate", None);
        assert!(!fresh.existed);
        assert_eq!(fresh.record().unwrap().evidence, Evidence::Estimated);
    }
}
