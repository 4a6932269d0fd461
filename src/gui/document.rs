//! One open scenario: its file, the scenario, the copy last saved (or
//! opened), the results of the current scenario, the undo history and the
//! text people are typing into its fields.
//!
//! The scenario held here is always valid: [`Document::apply_edit`] applies
//! an edit to a copy, validates the copy and only then keeps it, so the
//! results shown are always those of a valid scenario. "Unsaved" is not a
//! flag: it means the scenario differs from the saved copy.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::model::{Results, Scenario, compute, validate};

use crate::model::analysis::{RegisterRow, register};
use crate::model::edit::Edit;

use super::analyses::Analyses;
use super::state::DocId;

/// What a person has typed into one field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldBuffer {
    /// The text as typed.
    pub text: String,
    /// The model value, as shown, that `text` was last in step with.
    pub source: String,
    /// Why the text is not accepted, shown beside the field.
    pub error: Option<String>,
}

/// The text buffers of a document's fields, keyed by field (e.g.
/// `benefits.tem_services.reduction` or `costs[2].amount`).
pub type Buffers = HashMap<String, FieldBuffer>;

/// How many undo steps a document keeps.
const UNDO_LIMIT: usize = 200;

/// One open scenario.
#[derive(Debug)]
pub struct Document {
    /// Never reused.
    pub id: DocId,
    /// The file, or `None` until first saved.
    pub path: Option<PathBuf>,
    /// The file's path made absolute with links resolved, once the file
    /// worker (or the start-up, before the first frame) has looked it up:
    /// the UI thread compares paths with it and never asks the file system.
    pub canonical: Option<PathBuf>,
    /// Index into the series colours, fixed when the document opens.
    pub colour: usize,
    /// Text being typed into the fields, kept apart from the values.
    pub buffers: Buffers,
    /// The what-if analyses (tornado, goal seek, Monte Carlo, break-evens),
    /// computed off the UI thread and never saved.
    pub analyses: Analyses,
    scenario: Scenario,
    saved: Option<Scenario>,
    /// Shared so that an export on the file worker reads them without a
    /// copy.
    results: Arc<Results>,
    revision: u64,
    computations: u64,
    undo: Vec<Scenario>,
    redo: Vec<Scenario>,
    merge_key: Option<String>,
}

impl Document {
    /// A document for a valid scenario. `saved` says whether the scenario
    /// as given counts as saved (opened from `path`, or a pristine new one);
    /// a duplicate does not, so it shows as unsaved until written.
    #[must_use]
    pub fn new(
        id: DocId,
        scenario: Scenario,
        path: Option<PathBuf>,
        colour: usize,
        saved: bool,
    ) -> Self {
        let results = Arc::new(compute(&scenario));
        Self {
            id,
            path,
            canonical: None,
            colour,
            buffers: Buffers::new(),
            analyses: Analyses::default(),
            saved: saved.then(|| scenario.clone()),
            scenario,
            results,
            revision: 0,
            computations: 1,
            undo: Vec::new(),
            redo: Vec::new(),
            merge_key: None,
        }
    }

    /// The scenario (always valid).
    #[must_use]
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The scenario and analyses to read and the field buffers to type
    /// into, together.
    pub fn form_parts(&mut self) -> (&Scenario, &mut Buffers, &Analyses) {
        (&self.scenario, &mut self.buffers, &self.analyses)
    }

    /// The analyses to change, with the scenario and revision they are
    /// for.
    pub fn analyses_parts(&mut self) -> (&mut Analyses, &Scenario, u64) {
        (&mut self.analyses, &self.scenario, self.revision)
    }

    /// The assumption register of the scenario, sorted by impact, and
    /// whether the impacts are known (the tornado of this revision is
    /// computed in the background; until it is there, the last one kept is
    /// used, and before any, no impact is shown).
    #[must_use]
    pub fn register(&self) -> (Vec<RegisterRow>, bool) {
        let tornado = match self.analyses.tornado.answer(self.revision) {
            Some(answer) => (answer.as_ref().ok(), true),
            None => (
                self.analyses
                    .tornado
                    .latest()
                    .and_then(|(_, answer)| answer.as_ref().ok()),
                false,
            ),
        };
        (register(&self.scenario, tornado.0), tornado.1)
    }

    /// The results of the scenario.
    #[must_use]
    pub fn results(&self) -> &Results {
        &self.results
    }

    /// The results, shared with a background job (no copy is made).
    #[must_use]
    pub fn shared_results(&self) -> Arc<Results> {
        Arc::clone(&self.results)
    }

    /// Bumped on every change of the scenario.
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// How many times the results have been computed (for tests that check
    /// nothing is recomputed without a change).
    #[must_use]
    pub fn computations(&self) -> u64 {
        self.computations
    }

    /// Whether the scenario differs from the copy last saved or opened.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.saved.as_ref() != Some(&self.scenario)
    }

    /// The name shown in lists and legends.
    #[must_use]
    pub fn title(&self) -> &str {
        &self.scenario.name
    }

    /// The file name, or "not saved yet".
    #[must_use]
    pub fn file_label(&self) -> String {
        self.path.as_ref().map_or_else(
            || "not saved yet".to_owned(),
            |p| {
                p.file_name()
                    .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
            },
        )
    }

    /// Whether there is something to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Applies `edit` to the field `key`: to a copy first, then validates
    /// the copy; only a valid copy replaces the scenario, records undo and
    /// recomputes the results. Otherwise the field's buffer gets the
    /// message and nothing else changes. Consecutive edits of the same field
    /// make one undo step.
    pub fn apply_edit(&mut self, key: &str, edit: &Edit) -> Result<(), String> {
        let mut candidate = self.scenario.clone();
        let checked = edit.apply(&mut candidate).and_then(|()| {
            let problems = validate(&candidate);
            if problems.is_empty() {
                Ok(())
            } else {
                Err(problems
                    .iter()
                    .map(|p| explain(&candidate, key, p))
                    .collect::<Vec<_>>()
                    .join("; "))
            }
        });
        if let Err(message) = checked {
            let buffer = self.buffers.entry(key.to_owned()).or_default();
            buffer.error = Some(message.clone());
            return Err(message);
        }
        if let Some(buffer) = self.buffers.get_mut(key) {
            buffer.error = None;
        }
        if candidate == self.scenario {
            return Ok(());
        }
        let merge = !edit.is_structural() && self.merge_key.as_deref() == Some(key);
        if !merge {
            self.undo.push(self.scenario.clone());
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.merge_key = if edit.is_structural() {
            self.buffers.clear();
            None
        } else {
            Some(key.to_owned())
        };
        self.replace(candidate);
        Ok(())
    }

    /// Steps back one edit. Returns whether anything changed.
    pub fn undo(&mut self) -> bool {
        let Some(previous) = self.undo.pop() else {
            return false;
        };
        let current = std::mem::replace(&mut self.scenario, previous);
        self.redo.push(current);
        self.after_history_step();
        true
    }

    /// Steps forward one undone edit. Returns whether anything changed.
    pub fn redo(&mut self) -> bool {
        let Some(next) = self.redo.pop() else {
            return false;
        };
        let current = std::mem::replace(&mut self.scenario, next);
        self.undo.push(current);
        self.after_history_step();
        true
    }

    fn after_history_step(&mut self) {
        self.merge_key = None;
        self.buffers.clear();
        self.revision += 1;
        self.recompute();
    }

    fn replace(&mut self, scenario: Scenario) {
        self.scenario = scenario;
        self.revision += 1;
        self.recompute();
    }

    fn recompute(&mut self) {
        self.results = Arc::new(compute(&self.scenario));
        self.computations += 1;
    }

    /// Records that `written` was written to `path`: it becomes the saved
    /// copy, and the next edit starts a new undo step. A save runs in the
    /// background, so `written` is the scenario as it was when the save
    /// began; an edit made since keeps the document unsaved, because
    /// "unsaved" compares the current scenario with this copy.
    pub fn mark_saved(&mut self, path: PathBuf, written: Scenario) {
        self.saved = Some(written);
        self.path = Some(path);
        self.merge_key = None;
    }

    /// Whether any field holds text that was not accepted.
    #[must_use]
    pub fn has_field_errors(&self) -> bool {
        self.buffers.values().any(|b| b.error.is_some())
    }
}

/// A validation problem as the person editing `key` should read it: the
/// bare message for the field itself; for an uncertainty range that the
/// new value falls outside, which range and what to do; otherwise the
/// other field's path and message.
fn explain(s: &Scenario, key: &str, p: &crate::model::Problem) -> String {
    if p.path == key {
        return p.message.clone();
    }
    let range = p
        .path
        .strip_prefix("uncertainty[")
        .and_then(|rest| rest.strip_suffix(']'))
        .and_then(|i| i.parse::<usize>().ok())
        .and_then(|i| s.uncertainty.get(i));
    match range {
        Some(r) if r.input == key => {
            let unit = crate::model::inputs::spec(s, key)
                .map_or(crate::model::inputs::Unit::Quantity, |spec| spec.unit);
            let show = |v| {
                let text = super::field::display(v, unit);
                if unit == crate::model::inputs::Unit::Fraction {
                    format!("{text} %")
                } else {
                    text
                }
            };
            format!(
                "outside its uncertainty range ({} to {}); widen the range under Uncertainty ranges first",
                show(r.low),
                show(r.high)
            )
        }
        _ => format!("{}: {}", p.path, p.message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn doc() -> Document {
        Document::new(
            DocId(1),
            crate::io::default_scenario().unwrap(),
            None,
            0,
            true,
        )
    }

    fn set(path: &str, value: i64) -> Edit {
        Edit::Number {
            path: path.to_owned(),
            value: Decimal::from(value),
        }
    }

    #[test]
    fn an_edit_recomputes_and_makes_the_document_unsaved() {
        let mut d = doc();
        let before = d.results().adjusted.figures.npv;
        let key = "benefits.tem_infrastructure.environments";
        d.apply_edit(key, &set(key, 30)).unwrap();
        assert!(d.is_dirty());
        assert_ne!(d.results().adjusted.figures.npv, before);
        assert_eq!(d.computations(), 2);
    }

    #[test]
    fn an_invalid_edit_changes_nothing_and_reports_on_its_field() {
        let mut d = doc();
        let key = "benefits.tem_infrastructure.reduction";
        let err = d.apply_edit(key, &set(key, 2)).unwrap_err();
        assert!(err.contains("0 to 1"), "{err}");
        assert!(!d.is_dirty());
        assert_eq!(d.computations(), 1);
        assert!(d.buffers[key].error.is_some());
    }

    #[test]
    fn a_value_outside_its_uncertainty_range_says_which_range() {
        let mut d = doc();
        let key = "benefits.tem_infrastructure.reduction";
        let err = d
            .apply_edit(
                key,
                &Edit::Number {
                    path: key.to_owned(),
                    value: Decimal::new(1, 2),
                },
            )
            .unwrap_err();
        assert!(
            err.starts_with("outside its uncertainty range (20 % to 50 %)"),
            "{err}"
        );
    }

    #[test]
    fn undo_returns_to_the_saved_copy_and_redo_comes_back() {
        let mut d = doc();
        let key = "benefits.tem_infrastructure.environments";
        d.apply_edit(key, &set(key, 30)).unwrap();
        d.apply_edit(key, &set(key, 31)).unwrap();
        assert!(d.undo());
        assert!(!d.is_dirty(), "keystrokes in one field are one step");
        assert!(d.redo());
        assert!(d.is_dirty());
        assert!(!d.redo());
    }

    #[test]
    fn a_save_of_an_earlier_revision_leaves_later_edits_unsaved() {
        let mut d = doc();
        let key = "benefits.tem_infrastructure.environments";
        d.apply_edit(key, &set(key, 30)).unwrap();
        let written = d.scenario().clone();
        d.apply_edit(key, &set(key, 31)).unwrap();
        d.mark_saved(PathBuf::from("case.ron"), written);
        assert!(d.is_dirty(), "the edit made during the save is not saved");
        d.apply_edit(key, &set(key, 30)).unwrap();
        assert!(!d.is_dirty(), "back at what was written");
    }

    #[test]
    fn editing_back_to_the_saved_value_is_not_unsaved() {
        let mut d = doc();
        let key = "benefits.tem_infrastructure.environments";
        let original = crate::model::inputs::get(d.scenario(), key).unwrap();
        d.apply_edit(key, &set(key, 30)).unwrap();
        d.apply_edit(
            key,
            &Edit::Number {
                path: key.to_owned(),
                value: original,
            },
        )
        .unwrap();
        assert!(!d.is_dirty());
    }
}
