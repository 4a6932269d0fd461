//! The assumption register as a table: every input of the scenario (the
//! full path grammar of [`inputs::all_inputs`]) with its value, its record
//! (if any) and its impact, the NPV swing of its tornado bar, sorted by
//! impact; and which high-impact inputs are unconfirmed.

use rust_decimal::Decimal;

use super::Sensitivity;
use crate::model::assumption::{Assumption, Confidence, Evidence};
use crate::model::inputs::{self, Unit};
use crate::model::scenario::Scenario;

/// How many inputs, by swing, count as the case's key inputs.
pub const KEY_INPUTS: usize = 5;

/// The standings that leave a key input unconfirmed: no record, a
/// placeholder, or low confidence (what the app's cards count).
pub const UNCONFIRMED: [Standing; 3] = [Standing::Missing, Standing::Placeholder, Standing::Low];

/// One input of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRow {
    /// Dotted input path.
    pub input: String,
    /// Human label.
    pub label: String,
    /// The value in the scenario.
    pub value: Decimal,
    /// Display unit.
    pub unit: Unit,
    /// Its record, if it has one.
    pub record: Option<Assumption>,
    /// The NPV swing of its tornado bar; `None` when the tornado has no
    /// bar for it.
    pub swing: Option<Decimal>,
}

/// Where a record leaves an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Standing {
    /// No record at all.
    Missing,
    /// A placeholder record.
    Placeholder,
    /// A record held with low confidence.
    Low,
    /// Any other record.
    Recorded,
}

impl RegisterRow {
    /// Where the row's record leaves it.
    #[must_use]
    pub fn standing(&self) -> Standing {
        match &self.record {
            None => Standing::Missing,
            Some(r) if r.evidence == Evidence::Placeholder => Standing::Placeholder,
            Some(r) if r.confidence == Confidence::Low => Standing::Low,
            Some(_) => Standing::Recorded,
        }
    }
}

/// Every input of `s` with its record and swing (from `tornado`, when
/// given), the largest swing first; inputs without a swing follow in the
/// catalogue's order.
#[must_use]
pub fn register(s: &Scenario, tornado: Option<&Sensitivity>) -> Vec<RegisterRow> {
    let mut rows: Vec<RegisterRow> = inputs::all_inputs(s)
        .into_iter()
        .filter_map(|spec| {
            let value = inputs::get(s, &spec.path)?;
            let swing = tornado
                .and_then(|t| t.rows.iter().find(|r| r.input == spec.path))
                .map(|r| r.swing);
            Some(RegisterRow {
                record: s.assumptions.get(&spec.path).cloned(),
                input: spec.path,
                label: spec.label,
                value,
                unit: spec.unit,
                swing,
            })
        })
        .collect();
    // A stable sort: equal swings keep the catalogue's order.
    rows.sort_by_key(|r| std::cmp::Reverse(r.swing));
    rows
}

/// The key inputs (the [`KEY_INPUTS`] largest non-zero swings of a
/// register sorted by [`register`]) whose standing is in `weak`.
#[must_use]
pub fn unconfirmed_key_inputs<'a>(
    rows: &'a [RegisterRow],
    weak: &[Standing],
) -> Vec<&'a RegisterRow> {
    rows.iter()
        .filter(|r| r.swing.is_some_and(|s| !s.is_zero()))
        .take(KEY_INPUTS)
        .filter(|r| weak.contains(&r.standing()))
        .collect()
}
