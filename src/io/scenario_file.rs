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
    load_path_stamped(path).map(|(scenario, _)| scenario)
}

/// Reads the file at `path` and loads it, with the [`DiskStamp`] of the
/// bytes read, so that a later save can tell whether someone else changed
/// the file in the meantime.
pub fn load_path_stamped(path: &Path) -> Result<(Scenario, DiskStamp), FileError> {
    let file = path.display().to_string();
    let bytes = read_limited(path).map_err(|message| FileError::one(&file, None, None, message))?;
    let stamp = DiskStamp::of_bytes(&bytes, modified(path));
    load_bytes(&bytes, &file).map(|scenario| (scenario, stamp))
}

/// What a file held when it was opened or last saved: its length, a hash
/// of its bytes and its modification time. Two stamps are the same file
/// content when length and hash agree; the time is kept for messages only,
/// because copying a file or touching it changes the time and not the text.
#[derive(Debug, Clone, Copy)]
pub struct DiskStamp {
    /// Modification time, when the file system reports one.
    pub modified: Option<std::time::SystemTime>,
    /// Length in bytes.
    pub len: u64,
    /// A hash of the bytes (stable within one run of the program).
    pub hash: u64,
}

impl PartialEq for DiskStamp {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.hash == other.hash
    }
}

impl Eq for DiskStamp {}

impl DiskStamp {
    /// The stamp of `bytes` (as read or written) with the file's time.
    #[must_use]
    pub fn of_bytes(bytes: &[u8], modified: Option<std::time::SystemTime>) -> Self {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut hasher);
        Self {
            modified,
            len: bytes.len() as u64,
            hash: hasher.finish(),
        }
    }

    /// The stamp of the file at `path` now, or `None` when there is no file
    /// (or it cannot be read, or is larger than a scenario file may be).
    #[must_use]
    pub fn of_path(path: &Path) -> Option<Self> {
        let bytes = read_limited(path).ok()?;
        Some(Self::of_bytes(&bytes, modified(path)))
    }
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Whether the file at `path` differs from what `opened` recorded: its
/// content changed, it was deleted, or it appeared where there was none.
#[must_use]
pub fn changed_on_disk(path: &Path, opened: Option<&DiskStamp>) -> bool {
    DiskStamp::of_path(path).as_ref() != opened
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
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(FileError::one(
            file,
            None,
            None,
            "the file is UTF-16 text; save it as UTF-8",
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
    #[serde(default, deserialize_with = "present")]
    format_version: Option<u32>,
}

/// Reads a bare `format_version: 1` as `Some(1)` (RON would otherwise want
/// `Some(1)` in the file); an absent field stays `None`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    <u32 as serde::Deserialize>::deserialize(d).map(Some)
}

/// The migration path between format versions (MODEL.md section 7), run
/// on the version read before the file is read as a [`Scenario`].
///
/// Version 2 adds the optional assumption register and makes nothing
/// required that version 1 could leave out, so a version-1 file reads as a
/// version-2 file without records: this accepts 1 and 2 and refuses every
/// other version with a message that says what to do. The fixtures of every
/// released version under `tests/fixtures/v<N>/` keep proving that old
/// files still open with the same figures.
fn migrate(version: Option<u32>) -> Result<(), String> {
    match version {
        Some(1 | FORMAT_VERSION) => Ok(()),
        Some(newer) if newer > FORMAT_VERSION => Err(format!(
            "the file is format_version {newer}, written by a newer release of envroi; this release reads format_versions 1 and {FORMAT_VERSION}. Update envroi to open it"
        )),
        Some(older) => Err(format!(
            "format_version {older} was never released; envroi files start at format_version 1. Write `format_version: {FORMAT_VERSION},` if the rest of the file follows README.md"
        )),
        None => Err(format!(
            "the file has no format_version; add `format_version: {FORMAT_VERSION},` as the first field of `Scenario(`"
        )),
    }
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
    // The version is read first and on its own, so a file from a newer
    // release says so instead of listing fields this build does not know.
    // A file too broken to probe goes on to the full parse, which names
    // the problem.
    if let Ok(probe) = ron_options().from_str::<VersionProbe>(text)
        && let Err(message) = migrate(probe.format_version)
    {
        return Err(FileError::one(
            file,
            scan::locate(&positions, "format_version"),
            Some("format_version".into()),
            message,
        ));
    }
    let version = ron_options()
        .from_str::<VersionProbe>(text)
        .ok()
        .and_then(|probe| probe.format_version);
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
    let mut scenario: Scenario = match serde_path_to_error::deserialize(&mut de) {
        Ok(s) => s,
        Err(err) => {
            let path = tidy_path(err.path());
            let spanned = de.span_error(err.into_inner());
            let field = (!path.is_empty()).then_some(path);
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
    if version == Some(1) {
        if !scenario.assumptions.is_empty() {
            return Err(FileError::one(
                file,
                scan::locate(&positions, "assumptions"),
                Some("assumptions".into()),
                format!(
                    "assumption records need format_version {FORMAT_VERSION}; write `format_version: {FORMAT_VERSION},`"
                ),
            ));
        }
        scenario.format_version = FORMAT_VERSION;
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

/// A field path from `serde_path_to_error` as people read it: fields
/// joined by dots, list items as `[i]`, a map key that is not a plain word
/// or a key of the assumption register as `["key"]`; segments it could not name
/// are left out.
fn tidy_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => {
                let _ = write!(out, "[{index}]");
            }
            Segment::Map { key } | Segment::Enum { variant: key } => {
                let register_key = out == "assumptions";
                if !register_key && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                } else {
                    let _ = write!(out, "[{key:?}]");
                }
            }
            Segment::Unknown => {}
        }
    }
    out
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

/// The backup kept beside a saved file: `<name>.ron.bak` for `<name>.ron`.
#[must_use]
pub fn backup_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Why [`save_checked`] did not save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// The file changed on disk since it was opened or last saved; nothing
    /// was written. Ask the user, then call [`save_with_backup`] to
    /// overwrite.
    ChangedOnDisk {
        /// The file as the user named it.
        file: String,
    },
    /// The file could not be written; the message says why.
    Failed(String),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ChangedOnDisk { file } => write!(
                f,
                "{file}: the file changed on disk since it was opened; saving would overwrite those changes"
            ),
            Self::Failed(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for SaveError {}

/// Saves `scenario` to `path` unless the file changed on disk since `opened`
/// was taken (`None`: there was no file). Returns the new stamp.
pub fn save_checked(
    scenario: &Scenario,
    path: &Path,
    opened: Option<&DiskStamp>,
) -> Result<DiskStamp, SaveError> {
    if changed_on_disk(path, opened) {
        return Err(SaveError::ChangedOnDisk {
            file: path.display().to_string(),
        });
    }
    save_with_backup(scenario, path).map_err(SaveError::Failed)
}

/// Saves `scenario` to `path` atomically, first keeping the file's previous
/// content as `<name>.ron.bak` beside it (also written atomically, so the
/// backup is whole or untouched). Returns the stamp of what was written.
pub fn save_with_backup(scenario: &Scenario, path: &Path) -> Result<DiskStamp, String> {
    let text = to_ron_string(scenario).map_err(|e| format!("cannot write the scenario: {e}"))?;
    match std::fs::read(path) {
        Ok(previous) => {
            super::atomic::write_atomic(&backup_path(path), &previous).map_err(|e| {
                format!(
                    "{}: cannot keep the previous version as a backup, so nothing was saved: {e}",
                    path.display()
                )
            })?;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(format!(
                "{}: cannot read the previous version to back it up, so nothing was saved: {e}",
                path.display()
            ));
        }
    }
    super::atomic::write_atomic(path, text.as_bytes())
        .map_err(|e| format!("{}: cannot save: {e}", path.display()))?;
    Ok(DiskStamp::of_bytes(text.as_bytes(), modified(path)))
}
