//! A light lexical pass over a scenario file before RON reads it. It does
//! two things RON cannot: it checks the text of every bare number (at most
//! 15 significant digits, no exponent: MODEL.md section 4), and it records
//! where each field path starts, so that validation problems found after
//! parsing can still name a line and column.

use std::collections::HashMap;

use crate::model::decimal::{MAX_BARE_DIGITS, significant_digits};

/// A 1-based line and column (columns count characters, as RON does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub col: usize,
}

/// A problem found in the text of a number (or in the nesting of brackets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberProblem {
    /// Where the number starts.
    pub pos: Pos,
    /// The field it belongs to (the nearest key before it).
    pub field: String,
    /// What is wrong.
    pub message: String,
}

/// Field paths (as validation names them: `costs[1].month`) and where they start.
pub type Positions = HashMap<String, Pos>;

/// The deepest nesting of brackets the scan follows. A scenario file nests
/// about five levels; deeper text is refused here, before RON reads it, so
/// that a hostile file cannot make the paths grow with the square of its
/// depth.
pub const MAX_SCAN_DEPTH: usize = 64;

/// The fields that hold whole numbers (MODEL.md sections 2, 11.1 and 11.3):
/// a decimal point in one of them is refused with the field's name. An
/// estate environment's `licences` may be fractional ([`is_whole_field`]).
const INTEGER_FIELDS: [&str; 22] = [
    "format_version",
    "horizon_months",
    "go_live_month",
    "pilot_months",
    "rollout_months",
    "environments",
    "licences",
    "requests_per_year",
    "non_production_copies",
    "people",
    "defects_per_year",
    "month",
    "start_month",
    "end_month",
    "trials",
    "seed",
    "people_blocked",
    "refreshes_per_year",
    "refreshes_per_year_after",
    "count",
    "copies",
    "copies_after",
];

/// Whether `key`, a field of the struct at `path`, holds a whole number:
/// `licences` is a whole count in `benefits.tem_licences` but each
/// environment's licences in the estate may be fractional (MODEL.md 11.3).
fn is_whole_field(path: &str, key: &str) -> bool {
    INTEGER_FIELDS.contains(&key) && !(key == "licences" && path.starts_with("estate."))
}

#[derive(Clone)]
enum Frame {
    Struct {
        path: String,
        key: Option<String>,
    },
    List {
        path: String,
        index: usize,
    },
    /// A map (the assumption register): its keys are strings, and a value's
    /// path is `path["key"]`.
    Map {
        path: String,
        key: Option<String>,
    },
}

struct Lexer<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    pos: Pos,
}

impl Lexer<'_> {
    fn next(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.pos.line += 1;
            self.pos.col = 1;
        } else {
            self.pos.col += 1;
        }
        Some(c)
    }

    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }
}

fn child_path(frames: &[Frame]) -> String {
    match frames.last() {
        Some(Frame::Struct {
            path,
            key: Some(key),
        }) => {
            if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            }
        }
        Some(Frame::Struct { path, key: None } | Frame::Map { path, key: None }) => path.clone(),
        Some(Frame::List { path, index }) => format!("{path}[{index}]"),
        Some(Frame::Map {
            path,
            key: Some(key),
        }) => format!("{path}[{key:?}]"),
        None => String::new(),
    }
}

fn check_number(text: &str, path: &str, key: &str) -> Option<String> {
    let body = text.trim_start_matches(['-', '+']);
    let lower = body.to_ascii_lowercase();
    if lower.starts_with("0x") || lower.starts_with("0b") || lower.starts_with("0o") {
        return None;
    }
    if lower.contains('e') {
        let suggestion = rust_decimal::Decimal::from_scientific(&text.replace('+', ""))
            .map_or_else(
                |_| "the digits in full".to_owned(),
                |d| format!("{}", d.normalize()),
            );
        return Some(format!(
            "the number {text} is in exponent notation, which cannot be read exactly; write it in full, e.g. {suggestion}"
        ));
    }
    let digits = significant_digits(body);
    let is_integer = !body.contains('.');
    if !is_integer && is_whole_field(path, key) {
        return Some(format!(
            "the number {text} has a decimal point, but `{key}` is a whole number; write it without one"
        ));
    }
    if digits > MAX_BARE_DIGITS && !(is_integer && key == "seed") {
        return Some(format!(
            "the number {text} has {digits} significant digits; a bare number may have at most {MAX_BARE_DIGITS}, so write it as a string to keep every digit: \"{text}\""
        ));
    }
    None
}

/// Scans `text`, returning the positions of field paths and every problem
/// found in bare numbers.
#[must_use]
pub fn scan(text: &str) -> (Positions, Vec<NumberProblem>) {
    let mut lx = Lexer {
        chars: text.chars().peekable(),
        pos: Pos { line: 1, col: 1 },
    };
    let mut frames: Vec<Frame> = Vec::new();
    let mut positions = Positions::new();
    let mut problems = Vec::new();
    let mut last_ident: Option<(String, Pos)> = None;
    let mut last_string: Option<(String, Pos)> = None;
    let mut current_key = String::new();
    loop {
        let start = lx.pos;
        let Some(c) = lx.next() else { break };
        match c {
            '/' if lx.peek() == Some('/') => {
                while let Some(n) = lx.next() {
                    if n == '\n' {
                        break;
                    }
                }
            }
            '/' if lx.peek() == Some('*') => {
                lx.next();
                let mut depth = 1usize;
                while depth > 0 {
                    match lx.next() {
                        Some('*') if lx.peek() == Some('/') => {
                            lx.next();
                            depth -= 1;
                        }
                        Some('/') if lx.peek() == Some('*') => {
                            lx.next();
                            depth += 1;
                        }
                        Some(_) => {}
                        None => break,
                    }
                }
            }
            '"' if matches!(frames.last(), Some(Frame::Map { .. })) => {
                last_string = Some((read_string(&mut lx), start));
            }
            '"' => skip_string(&mut lx),
            '\'' => {
                // A char literal: 'x' or '\n'.
                if lx.next() == Some('\\') {
                    lx.next();
                }
                lx.next();
            }
            'r' if matches!(lx.peek(), Some('"' | '#')) => skip_raw_string(&mut lx),
            c if c.is_alphabetic() || c == '_' => {
                let mut ident = String::from(c);
                while let Some(n) = lx.peek() {
                    if n.is_alphanumeric() || n == '_' {
                        ident.push(n);
                        lx.next();
                    } else {
                        break;
                    }
                }
                last_ident = Some((ident, start));
            }
            ':' if last_string.is_some() => {
                if let (Some((key, at)), Some(Frame::Map { key: k, .. })) =
                    (last_string.take(), frames.last_mut())
                {
                    *k = Some(key);
                    positions.entry(child_path(&frames)).or_insert(at);
                }
            }
            '{' if frames.len() < MAX_SCAN_DEPTH => {
                last_ident = None;
                let path = child_path(&frames);
                frames.push(Frame::Map { path, key: None });
            }
            // Braces past the depth limit push nothing (RON refuses them
            // itself, naming the field), so only a map's own brace pops.
            '}' => {
                last_ident = None;
                last_string = None;
                if matches!(frames.last(), Some(Frame::Map { .. })) {
                    frames.pop();
                }
            }
            ':' => {
                if let Some((key, at)) = last_ident.take() {
                    if let Some(Frame::Struct { key: k, .. }) = frames.last_mut() {
                        *k = Some(key.clone());
                    }
                    positions.entry(child_path(&frames)).or_insert(at);
                    current_key = key;
                }
            }
            '(' | '[' if frames.len() >= MAX_SCAN_DEPTH => {
                problems.push(NumberProblem {
                    pos: start,
                    field: String::new(),
                    message: format!(
                        "brackets are nested more than {MAX_SCAN_DEPTH} levels deep; a scenario file nests only a few"
                    ),
                });
                break;
            }
            '(' => {
                last_ident = None;
                let path = child_path(&frames);
                frames.push(Frame::Struct { path, key: None });
            }
            '[' => {
                last_ident = None;
                let path = child_path(&frames);
                positions.entry(format!("{path}[0]")).or_insert(lx.pos);
                frames.push(Frame::List { path, index: 0 });
            }
            ')' | ']' => {
                last_ident = None;
                frames.pop();
            }
            ',' => {
                last_ident = None;
                last_string = None;
                if let Some(Frame::List { index, .. }) = frames.last_mut() {
                    *index += 1;
                }
                if let Some(Frame::List { path, index }) = frames.last() {
                    positions
                        .entry(format!("{path}[{index}]"))
                        .or_insert(lx.pos);
                }
            }
            c if c.is_ascii_digit()
                || ((c == '-' || c == '+' || c == '.')
                    && lx.peek().is_some_and(|n| n.is_ascii_digit() || n == '.')) =>
            {
                last_ident = None;
                let mut literal = String::from(c);
                while let Some(n) = lx.peek() {
                    let after_exponent = matches!(literal.chars().last(), Some('e' | 'E'))
                        && !literal.to_ascii_lowercase().starts_with("0x");
                    if n.is_ascii_alphanumeric()
                        || n == '.'
                        || n == '_'
                        || ((n == '-' || n == '+') && after_exponent)
                    {
                        literal.push(n);
                        lx.next();
                    } else {
                        break;
                    }
                }
                let clean: String = literal.chars().filter(|c| *c != '_').collect();
                let field = child_path(&frames);
                if let Some(message) = check_number(&clean, &field, &current_key) {
                    problems.push(NumberProblem {
                        pos: start,
                        field,
                        message,
                    });
                }
            }
            _ => {}
        }
    }
    (positions, problems)
}

/// Reads a string's text after its opening quote (an escaped character is
/// kept as written after the backslash: enough to name a map key).
fn read_string(lx: &mut Lexer<'_>) -> String {
    let mut text = String::new();
    while let Some(n) = lx.next() {
        match n {
            '\\' => {
                if let Some(e) = lx.next() {
                    text.push(e);
                }
            }
            '"' => break,
            c => text.push(c),
        }
    }
    text
}

fn skip_string(lx: &mut Lexer<'_>) {
    while let Some(n) = lx.next() {
        match n {
            '\\' => {
                lx.next();
            }
            '"' => break,
            _ => {}
        }
    }
}

fn skip_raw_string(lx: &mut Lexer<'_>) {
    let mut hashes = 0usize;
    while lx.peek() == Some('#') {
        lx.next();
        hashes += 1;
    }
    if lx.next() != Some('"') {
        return;
    }
    'outer: while let Some(n) = lx.next() {
        if n == '"' {
            let mut seen = 0usize;
            while seen < hashes {
                if lx.peek() == Some('#') {
                    lx.next();
                    seen += 1;
                } else {
                    continue 'outer;
                }
            }
            break;
        }
    }
}

/// The best position for a validation path: the path itself, else its
/// nearest recorded ancestor.
#[must_use]
pub fn locate(positions: &Positions, path: &str) -> Option<Pos> {
    let mut candidate = path;
    loop {
        if let Some(pos) = positions.get(candidate) {
            return Some(*pos);
        }
        let cut = candidate.rfind(['.', '['])?;
        candidate = &candidate[..cut];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_nested_paths_and_list_items() {
        let text = "Scenario(\n  name: \"a, b\",\n  tem: (enabled: true),\n  costs: [\n    OneOff(name: \"x\", month: 2),\n    Recurring(name: \"y\", end_month: Some(3)),\n  ],\n)";
        let (pos, problems) = scan(text);
        assert!(problems.is_empty());
        assert_eq!(pos["name"], Pos { line: 2, col: 3 });
        assert_eq!(pos["tem.enabled"], Pos { line: 3, col: 9 });
        assert_eq!(pos["costs[0].month"], Pos { line: 5, col: 23 });
        assert_eq!(pos["costs[1].end_month"], Pos { line: 6, col: 26 });
        assert_eq!(locate(&pos, "costs[1].growth"), locate(&pos, "costs[1]"));
    }

    #[test]
    fn flags_long_and_exponent_numbers_but_not_strings_or_comments() {
        let text = "(a: 0.1234567890123456, b: 1e5, c: \"0.12345678901234567\", // 1e9\n d: 123456789012345, seed: 18446744073709551615, e: 1234567890123456)";
        let (_, problems) = scan(text);
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["a", "b", "e"]);
        assert!(problems[0].message.contains("write it as a string"));
        assert!(problems[1].message.contains("exponent"));
    }

    #[test]
    fn refuses_deep_nesting_quickly_and_decimal_points_in_whole_numbers() {
        let deep = "[".repeat(1_000_000);
        let (_, problems) = scan(&deep);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("nested more than 64"));
        let (_, problems) = scan("(horizon_months: 36.0, end_month: Some(3.5), fte: 2.5)");
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["horizon_months", "end_month"]);
        assert!(problems[0].message.contains("whole number"));
    }

    #[test]
    fn estate_whole_numbers_are_named_and_an_environments_licences_may_be_fractional() {
        let text = "(benefits: (tem_licences: (licences: 2.5), tem_availability: (people_blocked: 3.5)),
 estate: (environments: [(count: 1.5, servers: 2.5, licences: 6.5)],
 databases: [(copies: 8.5, copies_after: 2.0, refreshes_per_year: 10.5, refreshes_per_year_after: 52.5)]))";
        let (_, problems) = scan(text);
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "benefits.tem_licences.licences",
                "benefits.tem_availability.people_blocked",
                "estate.environments[0].count",
                "estate.databases[0].copies",
                "estate.databases[0].copies_after",
                "estate.databases[0].refreshes_per_year",
                "estate.databases[0].refreshes_per_year_after",
            ]
        );
        let keys = [
            "`licences`",
            "`people_blocked`",
            "`count`",
            "`copies`",
            "`copies_after`",
            "`refreshes_per_year`",
            "`refreshes_per_year_after`",
        ];
        for (problem, key) in problems.iter().zip(keys) {
            assert!(problem.message.contains(key), "{}", problem.message);
            assert!(
                problem.message.contains("whole number"),
                "{}",
                problem.message
            );
        }
    }
}
