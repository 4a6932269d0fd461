//! `envroi assumptions FILE [--csv PATH]`: the assumption register sorted
//! by impact; and the key-assumption findings of `envroi check` (a warning)
//! and `envroi check --strict` (a failure).

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::table::write_table;
use super::{CsvFormat, Failure, Output, ensure_not_input, load_all, write_outputs};
use crate::format::{input_value, money};
use crate::io::csv_out::analysis::register_csv;
use crate::model::Scenario;
use crate::model::analysis::register::{KEY_INPUTS, UNCONFIRMED};
use crate::model::analysis::{
    RegisterRow, Standing, register, sensitivity, unconfirmed_key_inputs,
};

/// The register of a valid scenario, with the swings of its tornado.
#[must_use]
pub fn register_of(s: &Scenario) -> Vec<RegisterRow> {
    let tornado = sensitivity(s).ok();
    register(s, tornado.as_ref())
}

/// `envroi assumptions FILE [--csv PATH]`.
pub fn assumptions_command(
    file: &Path,
    csv: Option<PathBuf>,
    format: CsvFormat,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let outputs: Vec<&Path> = csv.as_deref().into_iter().collect();
    ensure_not_input(&outputs, &[file.to_path_buf()])?;
    let scenario = load_all(&[file.to_path_buf()])?.remove(0);
    let rows = register_of(&scenario);
    let writes = csv
        .map(|path| Output {
            path,
            bytes: format.bytes(register_csv(&rows)),
        })
        .into_iter()
        .collect();
    write_outputs(writes)?;
    let _ = out.write_all(register_text(&scenario, &rows).as_bytes());
    Ok(())
}

/// The most characters of a source the readable table shows.
const SOURCE_CHARS: usize = 60;

/// The readable register printed by `assumptions`.
#[must_use]
pub fn register_text(s: &Scenario, rows: &[RegisterRow]) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "Assumption register: {}", s.name);
    let recorded = rows.iter().filter(|r| r.record.is_some()).count();
    let _ = writeln!(
        text,
        "{recorded} of {} inputs have a record; impact is the NPV swing of the tornado.",
        rows.len()
    );
    let weak = unconfirmed_key_inputs(rows, &UNCONFIRMED);
    if !weak.is_empty() {
        let _ = writeln!(
            text,
            "{} of the {KEY_INPUTS} inputs with the widest swing {} unconfirmed (no record, a placeholder or low confidence).",
            weak.len(),
            if weak.len() == 1 { "is" } else { "are" }
        );
    }
    let _ = writeln!(text);
    let header = [
        "Input".to_owned(),
        "Value".to_owned(),
        "Evidence".to_owned(),
        "Confidence".to_owned(),
        "Swing".to_owned(),
        "Source".to_owned(),
    ];
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let r = row.record.as_ref();
            let mut source: String = r
                .map_or("", |r| r.source.as_str())
                .chars()
                .take(SOURCE_CHARS)
                .collect();
            if r.is_some_and(|r| r.source.chars().count() > SOURCE_CHARS) {
                source.push_str("...");
            }
            vec![
                row.input.clone(),
                input_value(&s.currency, row.unit, row.value),
                r.map_or("-", |r| r.evidence.key()).to_owned(),
                r.map_or("-", |r| r.confidence.key()).to_owned(),
                row.swing
                    .map_or_else(|| "-".to_owned(), |v| money(&s.currency, v)),
                source.replace(['\n', '\r', '\t'], " "),
            ]
        })
        .collect();
    write_table(&mut text, &header, &table);
    text
}

/// The key inputs (the widest swings) of `s` that have no record or only a
/// placeholder, as lines naming `file`: what `check` warns about and
/// `check --strict` fails on.
#[must_use]
pub fn key_findings(file: &Path, s: &Scenario) -> Vec<String> {
    let rows = register_of(s);
    unconfirmed_key_inputs(&rows, &[Standing::Missing, Standing::Placeholder])
        .into_iter()
        .map(|row| {
            let why = match row.standing() {
                Standing::Placeholder => "has Placeholder evidence",
                _ => "has no evidence record",
            };
            format!(
                "{}: key assumption `{}` ({}) {why}: it is among the {KEY_INPUTS} inputs with the widest NPV swing",
                file.display(),
                row.input,
                row.label
            )
        })
        .collect()
}
