//! The switching-values CSV (MODEL.md 10.2), with the conventions of
//! MODEL.md section 5 and the writer of the parent module.

use super::{finish, guard, plain, writer};
use crate::model::analysis::Switching;
use crate::model::decimal::fixed;

/// The columns of the switching-values CSV.
pub const SWITCHING_COLUMNS: [&str; 6] = [
    "input",
    "label",
    "base",
    "switching_value",
    "change_pct",
    "in_range",
];

/// One row per input, smallest change first: the base exact, the switching
/// value with its resolution's places, the change to 2 places, `in_range`
/// `true`, `false` or empty; an empty value where the outcome never
/// changes.
#[must_use]
pub fn switching_csv(result: &Switching) -> String {
    let mut w = writer();
    let _ = w.write_record(SWITCHING_COLUMNS);
    for row in &result.rows {
        let _ = w.write_record([
            guard(&row.input),
            guard(&row.label),
            plain(row.base),
            row.value.map(|v| v.to_string()).unwrap_or_default(),
            row.change_pct.map(|c| fixed(c, 2)).unwrap_or_default(),
            row.in_range.map(|b| b.to_string()).unwrap_or_default(),
        ]);
    }
    finish(w)
}
