//! Validation of the format-2 parts of MODEL.md section 11: the estate's
//! rows and the custom lines' nature and recapture share.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{Checker, check_name};
use crate::model::bounds::FRACTION;
use crate::model::estate::{DATABASE_FIELDS, ENVIRONMENT_FIELDS, Estate, MAX_ROWS, RowField};
use crate::model::scenario::{Benefits, Nature};

/// Checks every row of both lists: names, bounds, and `hours_per_week`
/// above 0. An over-long list is reported once and its rows are not
/// checked one by one.
pub(super) fn check(c: &mut Checker, estate: &Estate) {
    check_list(
        c,
        "environments",
        estate.environments.iter().map(|e| {
            let values = ENVIRONMENT_FIELDS.iter().map(|f| e.get(f.key));
            (e.name.as_str(), values.collect())
        }),
        &ENVIRONMENT_FIELDS,
    );
    for (i, e) in estate.environments.iter().enumerate().take(MAX_ROWS) {
        if e.hours_per_week <= Decimal::ZERO {
            c.push(
                format!("estate.environments[{i}].hours_per_week"),
                e.hours_per_week,
                "must be more than 0 and at most 168 (hours in a week)",
            );
        }
    }
    check_list(
        c,
        "databases",
        estate.databases.iter().map(|d| {
            let values = DATABASE_FIELDS.iter().map(|f| d.get(f.key));
            (d.name.as_str(), values.collect())
        }),
        &DATABASE_FIELDS,
    );
}

fn check_list<'a>(
    c: &mut Checker,
    list: &str,
    rows: impl ExactSizeIterator<Item = (&'a str, Vec<Option<Decimal>>)>,
    fields: &[RowField],
) {
    if rows.len() > MAX_ROWS {
        c.push(
            format!("estate.{list}"),
            format!("{} rows", rows.len()),
            format!("may hold at most {MAX_ROWS} rows"),
        );
        return;
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, (name, values)) in rows.enumerate() {
        // Paths are formatted only for a problem: validation runs on every
        // keystroke, and an estate has hundreds of numbers.
        let at = || format!("estate.{list}[{i}]");
        if check_name(name).is_err() {
            c.name(format!("{}.name", at()), name);
        }
        if let Some(first) = seen.insert(name, i) {
            seen.insert(name, first);
            c.push(
                format!("{}.name", at()),
                format!("{name:?}"),
                format!("is already the name of estate.{list}[{first}]; names must be unique"),
            );
        }
        for (field, value) in fields.iter().zip(values) {
            if let Some(value) = value.filter(|v| !field.bounds.contains(*v)) {
                c.decimal(format!("{}.{}", at(), field.key), value, field.bounds);
            }
        }
    }
}

/// A custom line's recapture share is a capacity line's (MODEL.md 11.2).
pub(super) fn check_custom_capacity(c: &mut Checker, b: &Benefits) {
    for (i, line) in b.custom.iter().enumerate() {
        let Some(rho) = line.recapture else { continue };
        let at = format!("benefits.custom[{i}].recapture");
        c.decimal(at.clone(), rho, FRACTION);
        if line.nature != Some(Nature::Capacity) {
            c.push(
                at,
                rho,
                "only a capacity line has a recapture share; add `nature: Capacity` or remove it",
            );
        }
    }
}
