//! Validation of the declared rank correlations (MODEL.md section 12.1):
//! known inputs with a range, no self-correlation, no repeated pair, ranks
//! from -1 to 1 and, when every entry is otherwise valid, a positive
//! semi-definite matrix.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{Checker, MAX_LIST_LEN};
use crate::model::analysis::ranks;
use crate::model::inputs::{self, InputSpec};
use crate::model::scenario::Scenario;

/// Checks `s.correlations` against the catalogue of inputs.
pub(super) fn check(c: &mut Checker, s: &Scenario, catalogue: &[InputSpec]) {
    let list = &s.correlations;
    if list.is_empty() {
        return;
    }
    if list.len() > MAX_LIST_LEN {
        c.push(
            "correlations",
            format!("{} entries", list.len()),
            format!("may hold at most {MAX_LIST_LEN} entries"),
        );
        return;
    }
    let before = c.problems.len();
    let ranged: Vec<&str> = s.uncertainty.iter().map(|r| r.input.as_str()).collect();
    let mut pairs: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, entry) in list.iter().enumerate() {
        let at = format!("correlations[{i}]");
        let mut known = true;
        for (field, path) in [("a", &entry.a), ("b", &entry.b)] {
            if !catalogue.iter().any(|spec| spec.path == *path) {
                c.push(
                    format!("{at}.{field}"),
                    format!("{path:?}"),
                    inputs::unknown_message(catalogue, path),
                );
                known = false;
            } else if !ranged.contains(&path.as_str()) {
                c.push(
                    format!("{at}.{field}"),
                    format!("{path:?}"),
                    "has no uncertainty range; only inputs with a range in `uncertainty` may be correlated",
                );
                known = false;
            }
        }
        if entry.a == entry.b {
            c.push(
                format!("{at}.b"),
                format!("{:?}", entry.b),
                "is the same input as `a`; an input's correlation with itself is always 1 and is not declared",
            );
        } else if known {
            let key = if entry.a < entry.b {
                (entry.a.as_str(), entry.b.as_str())
            } else {
                (entry.b.as_str(), entry.a.as_str())
            };
            if let Some(first) = pairs.get(&key) {
                c.push(
                    at.clone(),
                    format!("{:?} and {:?}", entry.a, entry.b),
                    format!("repeats the pair of correlations[{first}]; declare each pair once"),
                );
            } else {
                pairs.insert(key, i);
            }
        }
        if entry.rank.abs() > Decimal::ONE {
            c.push(
                format!("{at}.rank"),
                entry.rank,
                "must be a rank correlation from -1 to 1",
            );
        }
    }
    if c.problems.len() == before {
        check_matrix(c, s);
    }
}

/// The matrix of the declared ranks must be positive semi-definite.
fn check_matrix(c: &mut Checker, s: &Scenario) {
    let (count, pairs) = indexed_pairs(s, false);
    if let Some(smallest) = ranks::not_semi_definite(count, &pairs) {
        c.push(
            "correlations",
            format!("smallest eigenvalue {smallest}"),
            "no set of inputs can have these rank correlations together (the matrix is not positive semi-definite); weaken the strongest ranks or remove one of the pairs",
        );
    }
}

/// The inputs named by the correlations (by those with a nonzero rank
/// when `nonzero` is set), numbered in the order of their ranges in
/// `uncertainty`, and each declared pair as `(i, j, rank)` over those
/// numbers. Pairs naming an input without a range are left out.
#[must_use]
pub fn indexed_pairs(s: &Scenario, nonzero: bool) -> (usize, Vec<(usize, usize, Decimal)>) {
    let declared: Vec<_> = s
        .correlations
        .iter()
        .filter(|c| !nonzero || !c.rank.is_zero())
        .collect();
    let named: Vec<&str> = s
        .uncertainty
        .iter()
        .map(|r| r.input.as_str())
        .filter(|input| declared.iter().any(|c| c.a == *input || c.b == *input))
        .collect();
    let position = |path: &str| named.iter().position(|n| *n == path);
    let pairs = declared
        .iter()
        .filter_map(|c| Some((position(&c.a)?, position(&c.b)?, c.rank)))
        .filter(|(i, j, _)| i != j)
        .collect();
    (named.len(), pairs)
}
