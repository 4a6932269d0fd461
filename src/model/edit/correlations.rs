//! Edits of the declared rank correlations (MODEL.md section 12.1), and
//! how they follow the inputs they name: a renamed input takes its
//! correlations along, a removed input or range removes them.

use rust_decimal::Decimal;

use crate::model::Scenario;
use crate::model::scenario::Correlation;

/// One change to the list of correlations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorrelationEdit {
    /// Appends a pair of the first two inputs with a range that are not
    /// yet paired, with rank 0 (no effect until a rank is typed).
    Add,
    /// Removes the entry at an index.
    Remove(usize),
    /// Sets input `a` (`true`) or `b` of the entry at an index.
    Input(usize, bool, String),
    /// Sets the rank of the entry at an index.
    Rank(usize, Decimal),
}

/// Applies `edit` to `s`; an index out of range is an error.
pub(super) fn apply(s: &mut Scenario, edit: &CorrelationEdit) -> Result<(), String> {
    let missing = |i: usize| format!("there is no correlation {}", i + 1);
    match edit {
        CorrelationEdit::Add => {
            let ranged: Vec<&str> = s.uncertainty.iter().map(|r| r.input.as_str()).collect();
            let paired = |a: &str, b: &str| {
                s.correlations
                    .iter()
                    .any(|c| (c.a == a && c.b == b) || (c.a == b && c.b == a))
            };
            let free = ranged.iter().enumerate().find_map(|(i, a)| {
                ranged[i + 1..]
                    .iter()
                    .find(|b| !paired(a, b))
                    .map(|b| ((*a).to_owned(), (*b).to_owned()))
            });
            let (a, b) = free.ok_or(
                "every pair of inputs with a range is already correlated; add a range first",
            )?;
            s.correlations.push(Correlation {
                a,
                b,
                rank: Decimal::ZERO,
            });
        }
        CorrelationEdit::Remove(i) => {
            if *i >= s.correlations.len() {
                return Err(missing(*i));
            }
            s.correlations.remove(*i);
        }
        CorrelationEdit::Input(i, first, path) => {
            let c = s.correlations.get_mut(*i).ok_or_else(|| missing(*i))?;
            if *first {
                c.a.clone_from(path);
            } else {
                c.b.clone_from(path);
            }
        }
        CorrelationEdit::Rank(i, rank) => {
            s.correlations.get_mut(*i).ok_or_else(|| missing(*i))?.rank = *rank;
        }
    }
    Ok(())
}

/// Moves the correlations of the input at `from` to `to`, or removes them
/// when `to` is `None`.
pub(super) fn carry(s: &mut Scenario, from: &str, to: Option<&str>) {
    if let Some(to) = to {
        for c in &mut s.correlations {
            for path in [&mut c.a, &mut c.b] {
                if path == from {
                    to.clone_into(path);
                }
            }
        }
    } else {
        s.correlations.retain(|c| c.a != from && c.b != from);
    }
}

/// Removes the correlations that name an input without a range (after a
/// range is removed or pointed at another input).
pub(super) fn prune(s: &mut Scenario) {
    let ranged = |path: &str| s.uncertainty.iter().any(|r| r.input == path);
    let keep: Vec<bool> = s
        .correlations
        .iter()
        .map(|c| ranged(&c.a) && ranged(&c.b))
        .collect();
    let mut keep = keep.into_iter();
    s.correlations.retain(|_| keep.next().unwrap_or(true));
}
