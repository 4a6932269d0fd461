//! Loading and saving scenario files (MODEL.md section 4). Loading checks
//! size, encoding, the text of every bare number, the RON syntax, unknown
//! and missing fields, the format version and every validation rule, and
//! reports each problem with the file, line:column and field. Saving writes
//! atomically, so no half-written file is ever left.

use std::fmt::{self, Write};
use std::path::Path;

use crate::model::scenario::FORMAT_VERSION;
use crate::model::{Scenario, validate};

use super::scan::{self, Pos};

/// The largest scenario file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;
/// The deepest nesting RON may read.
const MAX_NESTING: usize = 32;

/// One problem with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    /// Where, when known.
    pub pos: Option<Pos>,
    /// The field path, when known.
    pub field: Option<String>,
    /// What is wrong (and, for a range, what is allowed).
    pub message: String,
}

/// Why a file could not be loaded: the file's name and every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The file as the user named it.
    pub file: String,
    /// Every problem, in file order where known.
    pub problems: Vec<FileProblem>,
}

impl FileError {
    fn one(
        file: &str,
        pos: Option<Pos>,
        field: Option<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.to_owned(),
            problems: vec![FileProblem {
                pos,
                field,
                message: message.into(),
            }],
        }
    }

    /// One line per problem: `file:line:col: field `path`: message`.
    #[must_use]
    pub fn lines(&self) -> Vec<String> {
        self.problems
            .iter()
            .map(|p| {
                let mut line = self.file.clone();
                if let Some(pos) = p.pos {
                    let _ = write!(line, ":{}:{}", pos.line, pos.col);
                }
                line.push_str(": ");
                if let Some(field) = &p.field {
                    let _ = write!(line, "field `{field}`: ");
                }
                line.push_str(&p.message);
                line
            })
            .collect()
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

impl std::error::Error for FileError {}

/// Reads the file at `path` and loads it (see [`load_str`]).
pub fn load_path(path: &Path) -> Result<Scenario, FileError> {
    let file = path.display().to_string();
    let bytes = read_limited(path).map_err(|message| FileError::one(&file, None, None, message))?;
    load_bytes(&bytes, &file)
}

fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let handle = std::fs::File::open(path).map_err(|e| format!("cannot open the file: {e}"))?;
    let meta = handle
        .metadata()
        .map_err(|e| format!("cannot read the file: {e}"))?;
    if meta.is_dir() {
        return Err("is a folder, not a scenario file".to_owned());
    }
    let mut bytes = Vec::new();
    handle
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the file: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "the file is larger than {} MiB; a scenario file is a few kilobytes",
            MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    Ok(bytes)
}

/// Loads a scenario from raw bytes: UTF-8, an optional byte-order mark.
pub fn load_bytes(bytes: &[u8], file: &str) -> Result<Scenario, FileError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(FileError::one(
            file,
            None,
            None,
            "the file is larger than 5 MiB",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        FileError::one(
            file,
            Some(Pos { line, col }),
            None,
            "the file is not UTF-8 text; save it as UTF-8",
        )
    })?;
    load_str(text, file)
}

/// Just enough of a file to read its version first, so a file from a newer
/// release says so instead of listing fields this build does not know.
#[derive(serde::Deserialize)]
#[serde(rename = "Scenario")]
struct VersionProbe {
    #[serde(default)]
    format_version: u32,
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_recursion_limit(MAX_NESTING)
}

/// Loads a scenario from text. `file` names it in errors.
pub fn load_str(text: &str, file: &str) -> Result<Scenario, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FileError::one(
            file,
            None,
            None,
            "the file is empty; a scenario file starts with `Scenario(`",
        ));
    }
    let (positions, number_problems) = scan::scan(text);
    if !number_problems.is_empty() {
        return Err(FileError {
            file: file.to_owned(),
            problems: number_problems
                .into_iter()
                .map(|p| FileProblem {
                    pos: Some(p.pos),
                    field: (!p.field.is_empty()).then_some(p.field),
                    message: p.message,
                })
                .collect(),
        });
    }
    if let Ok(probe) = ron_options().from_str::<VersionProbe>(text)
        && probe.format_version > FORMAT_VERSION
    {
        return Err(FileError::one(
            file,
            scan::locate(&positions, "format_version"),
            Some("format_version".into()),
            format!(
                "the file is format_version {}, written by a newer release of envroi; this release reads format_version {FORMAT_VERSION}. Update envroi to open it",
                probe.format_version
            ),
        ));
    }
    let mut de = ron::Deserializer::from_str_with_options(text, &ron_options()).map_err(|e| {
        FileError::one(
            file,
            Some(Pos {
                line: e.span.start.line,
                col: e.span.start.col,
            }),
            None,
            e.code.to_string(),
        )
    })?;
    let scenario: Scenario = match serde_path_to_error::deserialize(&mut de) {
        Ok(s) => s,
        Err(err) => {
            let path = err.path().to_string();
            let spanned = de.span_error(err.into_inner());
            let field = (!path.is_empty() && path != "?").then_some(path);
            return Err(FileError::one(
                file,
                Some(Pos {
                    line: spanned.span.start.line,
                    col: spanned.span.start.col,
                }),
                field,
                spanned.code.to_string(),
            ));
        }
    };
    if let Err(e) = de.end() {
        let spanned = de.span_error(e);
        return Err(FileError::one(
            file,
            Some(Pos {
                line: spanned.span.start.line,
                col: spanned.span.start.col,
            }),
            None,
            format!("unexpected text after the scenario: {}", spanned.code),
        ));
    }
    let problems = validate(&scenario);
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(FileError {
            file: file.to_owned(),
            problems: problems
                .into_iter()
                .map(|p| FileProblem {
                    pos: scan::locate(&positions, &p.path),
                    message: format!("{} (found {})", p.message, p.value),
                    field: Some(p.path),
                })
                .collect(),
        })
    }
}

/// The scenario as RON text, in the shape of MODEL.md section 4. Decimals
/// are written so that loading the text gives back exactly `scenario`.
pub fn to_ron_string(scenario: &Scenario) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_owned())
        .separate_tuple_members(false);
    let body = ron::ser::to_string_pretty(scenario, config)?;
    Ok(format!(
        "// envroi scenario file (format_version {FORMAT_VERSION}); see README.md for every field.\n{body}\n"
    ))
}

/// Saves `scenario` to `path` atomically.
pub fn save_path(scenario: &Scenario, path: &Path) -> Result<(), String> {
    let text = to_ron_string(scenario).map_err(|e| format!("cannot write the scenario: {e}"))?;
    super::atomic::write_atomic(path, text.as_bytes())
        .map_err(|e| format!("{}: cannot save: {e}", path.display()))
}
