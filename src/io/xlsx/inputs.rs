//! The Inputs sheet: one row per input, its value in a named cell, and the
//! names every formula of the workbook refers to.

use std::collections::HashMap;
use std::fmt::Write as _;

use rust_xlsxwriter::{Note, Worksheet, XlsxError};

use super::{Formats, INPUTS, c16, number};
use crate::model::category::{Category, Term};
use crate::model::estate::{DATABASE_FIELDS, ENVIRONMENT_FIELDS};
use crate::model::inputs::{self, CUSTOM_FIELDS, cost_fields};
use crate::model::scenario::{Cost, Discounting, ProgrammeRef};
use crate::model::{Assumption, Scenario};

/// What a value cell holds.
enum Value {
    Number(f64),
    Bool(bool),
    Text(String),
    Formula(String),
}

/// One row of the Inputs sheet.
struct Row {
    label: String,
    value: Value,
    unit: &'static str,
    path: String,
    /// The defined name of the value cell; empty for a row no formula uses.
    name: String,
    /// Said in the value cell's note, before the evidence.
    remark: &'static str,
}

/// The rows of the Inputs sheet and the defined name of every input.
pub struct Names {
    rows: Vec<Row>,
    by_path: HashMap<String, String>,
}

/// The name of a custom line's programme cell (1-based line number).
pub fn custom_programme(line: usize) -> String {
    format!("in_custom_{line}_programme")
}

/// The name of a category's annual saving `A`.
pub fn annual_saving(category: Category) -> String {
    format!("a_{}", category.key())
}

fn programme_word(p: ProgrammeRef) -> &'static str {
    match p {
        ProgrammeRef::Tem => "Tem",
        ProgrammeRef::Tdm => "Tdm",
        ProgrammeRef::None => "None",
    }
}

const HORIZON_REMARK: &str = "The Monthly sheets have one row per month of this horizon: changing it does not add or remove months.";
const END_REMARK: &str = "None in the file (to the end of the horizon) is shown as the horizon.";
const ENABLED_REMARK: &str = "TRUE or FALSE: a disabled programme yields no benefit.";
const DISCOUNTING_REMARK: &str = "Annual (year-end, Y = ceil(t/12)) or Monthly (t/12 years).";
const PROGRAMME_REMARK: &str = "Tem, Tdm or None: which ramp applies to the line.";
const KIND_REMARK: &str = "OneOff or Recurring; fixed by the file (the fields differ).";
const TEXT_REMARK: &str = "Text of the scenario; no formula uses it.";

const DERIVED_REMARK: &str = "The sum of the estate rows' terms just above (MODEL.md 11.3); the category's own drivers are unused.";
const TERM_REMARK: &str =
    "This row's unrounded term of the category's annual saving (MODEL.md 11.3).";
const KIND_OF_ROW_REMARK: &str =
    "The kind of environment; it groups the subtotals, no formula uses it.";

/// Names the estate's inputs by row number (`in_env_2_servers`,
/// `in_db_1_copies`), as row names may hold any character, and puts each
/// environment's kind before its first number.
fn estate_names(
    s: &Scenario,
    by_path: &mut HashMap<String, String>,
    before: &mut HashMap<String, Row>,
) {
    let Some(estate) = &s.estate else {
        return;
    };
    for (i, e) in estate.environments.iter().enumerate() {
        for f in &ENVIRONMENT_FIELDS {
            by_path.insert(
                format!("estate.environments.{}.{}", e.name, f.key),
                format!("in_env_{}_{}", i + 1, f.key),
            );
        }
        before.insert(
            format!(
                "estate.environments.{}.{}",
                e.name, ENVIRONMENT_FIELDS[0].key
            ),
            Row {
                label: format!("{}: kind", e.name),
                value: Value::Text(e.kind.label().into()),
                unit: "",
                path: format!("estate.environments.{}.kind", e.name),
                name: String::new(),
                remark: KIND_OF_ROW_REMARK,
            },
        );
    }
    for (i, d) in estate.databases.iter().enumerate() {
        for f in &DATABASE_FIELDS {
            by_path.insert(
                format!("estate.databases.{}.{}", d.name, f.key),
                format!("in_db_{}_{}", i + 1, f.key),
            );
        }
    }
}

/// One row per estate row of a derived category: its term of `A`
/// (MODEL.md 11.3) as a formula on the row's names.
fn estate_terms(s: &Scenario, category: Category, by_path: &HashMap<String, String>) -> Vec<Row> {
    let Some(estate) = &s.estate else {
        return Vec::new();
    };
    let r = by_path
        .get(&format!("benefits.{}.reduction", category.key()))
        .map_or("0", String::as_str);
    let term = |label: String, formula: String| Row {
        label,
        value: Value::Formula(formula),
        unit: "money",
        path: String::new(),
        name: String::new(),
        remark: TERM_REMARK,
    };
    match category {
        Category::TemInfrastructure | Category::TemLicences => estate
            .environments
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let v = |key: &str| format!("in_env_{}_{key}", i + 1);
                let formula = if category == Category::TemInfrastructure {
                    format!(
                        "=IF({w}=0,0,{n}*{srv}*{c}*({w}-(1-{r})*{after})/{w})",
                        w = v("hours_per_week"),
                        n = v("count"),
                        srv = v("servers"),
                        c = v("cost_per_server_year"),
                        after = v("hours_per_week_after"),
                    )
                } else {
                    format!(
                        "={}*{}*{}*{r}",
                        v("count"),
                        v("licences"),
                        v("cost_per_licence_year")
                    )
                };
                term(format!("{}: {} term", e.name, category.label()), formula)
            })
            .collect(),
        _ => estate
            .databases
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let v = |key: &str| format!("in_db_{}_{key}", i + 1);
                let formula = if category == Category::TdmInfrastructure {
                    format!(
                        "={}*{}*({}-{}*(1-{r}))",
                        v("production_tb"),
                        v("cost_per_tb_year"),
                        v("copies"),
                        v("copies_after")
                    )
                } else {
                    format!(
                        "={}*{}-{}*{}*(1-{r})",
                        v("refreshes_per_year"),
                        v("hours_per_refresh"),
                        v("refreshes_per_year_after"),
                        v("hours_per_refresh_after")
                    )
                };
                let label = if category == Category::TdmRefresh {
                    format!("{}: refresh hours saved", d.name)
                } else {
                    format!("{}: {} term", d.name, category.label())
                };
                let mut row = term(label, formula);
                if category == Category::TdmRefresh {
                    row.unit = "hours";
                }
                row
            })
            .collect(),
    }
}

impl Names {
    /// The rows and names of `s`.
    pub fn new(s: &Scenario) -> Self {
        // Defined names of the inputs of custom lines and costs go by line
        // number: their names in the file may hold any character.
        let mut by_path: HashMap<String, String> = HashMap::new();
        // Rows that come just before the input with this path.
        let mut before: HashMap<String, Row> = HashMap::new();
        for (i, line) in s.benefits.custom.iter().enumerate() {
            let n = i + 1;
            for spec in CUSTOM_FIELDS {
                by_path.insert(
                    format!("custom.{}.{}", line.name, spec.key),
                    format!("in_custom_{n}_{}", spec.key),
                );
            }
            before.insert(
                format!("custom.{}.{}", line.name, CUSTOM_FIELDS[0].key),
                Row {
                    label: format!("{}: programme", line.name),
                    value: Value::Text(programme_word(line.programme).into()),
                    unit: "",
                    path: format!("custom.{}.programme", line.name),
                    name: custom_programme(n),
                    remark: PROGRAMME_REMARK,
                },
            );
        }
        for (i, line) in s.benefits.custom.iter().enumerate() {
            if line.recapture.is_some() {
                by_path.insert(
                    format!("custom.{}.recapture", line.name),
                    format!("in_custom_{}_recapture", i + 1),
                );
            }
        }
        estate_names(s, &mut by_path, &mut before);
        for (i, cost) in s.costs.iter().enumerate() {
            let n = i + 1;
            let fields = cost_fields(cost);
            for spec in fields {
                by_path.insert(
                    format!("costs.{}.{}", cost.name(), spec.key),
                    format!("in_cost_{n}_{}", spec.key),
                );
            }
            let kind = match cost {
                Cost::OneOff { .. } => "OneOff",
                Cost::Recurring { .. } => "Recurring",
            };
            before.insert(
                format!("costs.{}.{}", cost.name(), fields[0].key),
                Row {
                    label: format!("{}: kind", cost.name()),
                    value: Value::Text(kind.into()),
                    unit: "",
                    path: format!("costs.{}.kind", cost.name()),
                    name: format!("in_cost_{n}_kind"),
                    remark: KIND_REMARK,
                },
            );
        }
        for (key, label, enabled) in [("tem", "TEM", s.tem.enabled), ("tdm", "TDM", s.tdm.enabled)]
        {
            before.insert(
                format!("{key}.go_live_month"),
                Row {
                    label: format!("{label}: enabled"),
                    value: Value::Bool(enabled),
                    unit: "",
                    path: format!("{key}.enabled"),
                    name: format!("in_{key}_enabled"),
                    remark: ENABLED_REMARK,
                },
            );
        }
        let text = |label: &str, value: &str, path: &str| Row {
            label: label.into(),
            value: Value::Text(value.into()),
            unit: "",
            path: path.into(),
            name: String::new(),
            remark: TEXT_REMARK,
        };
        let mut rows = vec![
            text("Scenario", &s.name, "name"),
            text("Description", &s.description, "description"),
            text("Currency", &s.currency, "currency"),
            text("Start month", &s.start.to_string(), "start"),
        ];
        for spec in inputs::all_inputs(s) {
            if let Some(row) = before.remove(&spec.path) {
                rows.push(row);
            }
            let name = by_path
                .entry(spec.path.clone())
                .or_insert_with(|| format!("in_{}", spec.path.replace('.', "_")))
                .clone();
            let value = inputs::get(s, &spec.path).unwrap_or_default();
            let remark = if spec.path == "horizon_months" {
                HORIZON_REMARK
            } else if spec.path.ends_with(".end_month") {
                END_REMARK
            } else {
                ""
            };
            let is_rate = spec.path == "discount_rate";
            rows.push(Row {
                label: spec.label,
                value: Value::Number(number(value)),
                unit: spec.unit.key(),
                path: spec.path,
                name,
                remark,
            });
            if is_rate {
                let word = match s.discounting {
                    Discounting::Annual => "Annual",
                    Discounting::Monthly => "Monthly",
                };
                rows.push(Row {
                    label: "Discounting".into(),
                    value: Value::Text(word.into()),
                    unit: "",
                    path: "discounting".into(),
                    name: "in_discounting".into(),
                    remark: DISCOUNTING_REMARK,
                });
            }
        }
        let mut derived: HashMap<Category, String> = HashMap::new();
        for category in Category::present(&s.benefits).filter(|c| c.is_derived(s)) {
            let from = rows.len() + 2;
            rows.extend(estate_terms(s, category, &by_path));
            let range = format!("SUM($B${from}:$B${})", rows.len() + 1);
            let formula = if category == Category::TdmRefresh {
                let rate = by_path
                    .get("benefits.tdm_refresh.cost_per_hour")
                    .map_or("0", String::as_str);
                format!("={rate}*{range}")
            } else {
                format!("={range}")
            };
            derived.insert(category, formula);
        }
        for category in Category::present(&s.benefits) {
            if let Some(formula) = derived.remove(&category) {
                rows.push(Row {
                    label: format!("{}: annual saving A (from the estate)", category.label()),
                    value: Value::Formula(formula),
                    unit: "money",
                    path: format!("benefits.{}", category.key()),
                    name: annual_saving(category),
                    remark: DERIVED_REMARK,
                });
                continue;
            }
            let terms: Vec<String> = category
                .formula()
                .iter()
                .map(|term| match term {
                    Term::Field(key) => by_path
                        .get(&format!("benefits.{}.{key}", category.key()))
                        .cloned()
                        .unwrap_or_else(|| "0".into()),
                    Term::MonthsPerYear => "12".into(),
                })
                .collect();
            rows.push(Row {
                label: format!("{}: annual saving A", category.label()),
                value: Value::Formula(format!("={}", terms.join("*"))),
                unit: "money",
                path: format!("benefits.{}", category.key()),
                name: annual_saving(category),
                remark: "",
            });
        }
        Self { rows, by_path }
    }

    /// The defined name of the input at `path` (a path of
    /// [`inputs::all_inputs`]); `0` for an unknown path, which the
    /// workbook's own paths never are.
    pub fn of(&self, path: &str) -> &str {
        self.by_path.get(path).map_or("0", String::as_str)
    }

    /// Every defined name with the cell it names.
    pub fn defined(&self) -> Vec<(&str, String)> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, row)| !row.name.is_empty())
            .map(|(i, row)| (row.name.as_str(), format!("={INPUTS}!$B${}", i + 2)))
            .collect()
    }
}

/// The note of a value cell: its unit, what to know, and the evidence
/// record of the input, if any.
fn note_text(row: &Row, record: Option<&Assumption>) -> String {
    let mut text = String::new();
    if !row.unit.is_empty() {
        let _ = write!(text, "Unit: {}.", row.unit);
    }
    if !row.remark.is_empty() {
        let _ = write!(text, " {}", row.remark);
    }
    if let Some(r) = record {
        let _ = write!(
            text,
            "\nEvidence: {}, confidence {}.",
            r.evidence.key(),
            r.confidence.key()
        );
        if !r.source.is_empty() {
            let _ = write!(text, "\nSource: {}", r.source);
            if let Some(year) = r.published {
                let _ = write!(text, " ({year})");
            }
        }
        if let Some(url) = &r.url {
            let _ = write!(text, "\nURL: {url}");
        }
        if let Some(owner) = &r.owner {
            let _ = write!(text, "\nOwner: {owner}");
        }
        if let Some(reviewed) = r.reviewed {
            let _ = write!(text, "\nReviewed: {reviewed}");
        }
        if !r.note.is_empty() {
            let _ = write!(text, "\nNote: {}", r.note);
        }
    }
    text.trim_start().to_owned()
}

/// The Inputs sheet.
pub fn sheet(s: &Scenario, names: &Names, f: &Formats) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(INPUTS)?;
    for (c, title) in ["Input", "Value", "Unit", "Path", "Evidence", "Name"]
        .into_iter()
        .enumerate()
    {
        ws.write_string_with_format(0, c16(c), title, &f.header)?;
    }
    for (i, row) in names.rows.iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        ws.write_string(r, 0, &row.label)?;
        match &row.value {
            Value::Number(v) => ws.write_number(r, 1, *v)?,
            Value::Bool(b) => ws.write_boolean(r, 1, *b)?,
            Value::Text(t) => ws.write_string(r, 1, t)?,
            Value::Formula(formula) => {
                ws.write_formula_with_format(r, 1, formula.as_str(), &f.money)?
            }
        };
        ws.write_string(r, 2, row.unit)?;
        ws.write_string(r, 3, &row.path)?;
        let record = s.assumptions.get(&row.path);
        if let Some(record) = record {
            ws.write_string(r, 4, record.evidence.key())?;
        }
        ws.write_string(r, 5, &row.name)?;
        let note = note_text(row, record);
        if !note.is_empty() {
            ws.insert_note(r, 1, &Note::new(note).add_author_prefix(false))?;
        }
    }
    ws.set_column_width(0, 44)?;
    ws.set_column_width(1, 16)?;
    ws.set_column_width(3, 44)?;
    ws.set_column_width(5, 36)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(ws)
}
