//! The page around the sections: the document head with its inline style
//! sheet (screen and print), and the small writers every section uses:
//! escaped text, isolated names, tables, links that are only ever http(s).
//!
//! Every text that comes from a scenario file goes through [`esc`] (or
//! [`name`], which also isolates its direction, so a right-to-left override
//! in a name cannot reorder the text around it). The page holds no script,
//! no external style and no reference to anything outside it.

use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute, encode_text};

/// The style sheet: readable on screen, clean on A4 and Letter paper (a
/// page break before each section, no table row split across pages,
/// table headers repeated on each page).
const STYLE: &str = r#"
:root { --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --band: #f6f8fa; --good: #1a7f37; --bad: #cf222e; --warn: #9a6700; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", "DejaVu Sans", Verdana, Helvetica, Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem; line-height: 1.45; font-size: 10.5pt; }
h1 { font-size: 1.9em; margin: 0 0 .2em; overflow-wrap: anywhere; }
h2 { font-size: 1.35em; border-bottom: 2px solid var(--ink); padding-bottom: .15em; margin: 2em 0 .6em; }
h3 { font-size: 1.05em; margin: 1.4em 0 .4em; }
p, li, dd { overflow-wrap: anywhere; }
.lede { color: var(--muted); font-size: 1.05em; margin-top: 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1.2em; margin: 1em 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--rule); padding: .25em .5em; text-align: left; vertical-align: top; unicode-bidi: isolate; }
thead th { border-bottom: 2px solid var(--ink); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
tbody tr:nth-child(even) { background: var(--band); }
tr.total td { font-weight: 600; border-top: 2px solid var(--ink); }
table.wide { font-size: .9em; }
table.evidence, table.register { table-layout: fixed; }
table.evidence th:nth-child(1) { width: 24%; }
table.evidence th:nth-child(2) { width: 13%; }
table.evidence th:nth-child(3) { width: 15%; }
table.evidence th:nth-child(4) { width: 48%; }
table.register { font-size: .85em; }
table.register th:nth-child(1) { width: 14%; }
table.register th:nth-child(2) { width: 11%; }
table.register th:nth-child(3) { width: 10%; }
table.register th:nth-child(4) { width: 10%; }
table.register th:nth-child(5) { width: 25%; }
table.register th:nth-child(6) { width: 5%; }
table.register th:nth-child(7) { width: 7%; }
table.register th:nth-child(8) { width: 8%; }
table.register th:nth-child(9) { width: 10%; }
table.evidence td:not(.num), table.register td:not(.num) { overflow-wrap: anywhere; }
.headline { font-size: 1.15em; }
table.headline td:first-child { white-space: nowrap; }
.pos { color: var(--good); }
.neg { color: var(--bad); }
.warn { color: var(--warn); font-weight: 600; }
.note { color: var(--muted); font-size: .92em; }
.formula { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .95em; }
figure { margin: .8em 0 1.2em; }
figure svg { width: 100%; height: auto; display: block; border: 1px solid var(--rule); }
figcaption { color: var(--muted); font-size: .9em; margin-top: .3em; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .92em; overflow-wrap: anywhere; }
.evidence-Measured, .evidence-Benchmarked { color: var(--good); }
.evidence-Placeholder, .evidence-none { color: var(--bad); }
@page { margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  section { break-before: page; }
  section.summary { break-before: auto; }
  h2, h3 { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  tbody tr:nth-child(even) { background: none; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// Text from a scenario, escaped for HTML.
#[must_use]
pub fn esc(text: &str) -> String {
    encode_text(text).into_owned()
}

/// A name from a scenario: escaped and isolated (`<bdi>`), so a
/// right-to-left name, or one with direction overrides, cannot reorder the
/// text around it.
#[must_use]
pub fn name(text: &str) -> String {
    format!("<bdi>{}</bdi>", esc(text))
}

/// A link for an `http` or `https` address, opened without giving the
/// page to it; anything else (a `javascript:` address, a file path) stays
/// text.
#[must_use]
pub fn link(url: &str) -> String {
    let trimmed = url.trim();
    let lower = trimmed.to_ascii_lowercase();
    let web = (lower.starts_with("https://") || lower.starts_with("http://"))
        && !trimmed.chars().any(|c| c.is_whitespace() || c.is_control());
    if web {
        format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            encode_double_quoted_attribute(trimmed),
            esc(trimmed)
        )
    } else {
        esc(trimmed)
    }
}

/// One table cell: text (already escaped or built from escaped parts),
/// right-aligned when `num`.
pub struct Cell {
    /// The cell's HTML.
    pub html: String,
    /// A number (right-aligned).
    pub num: bool,
}

/// A text cell from already-safe HTML.
#[must_use]
pub fn text(html: impl Into<String>) -> Cell {
    Cell {
        html: html.into(),
        num: false,
    }
}

/// A number cell from already-safe HTML.
#[must_use]
pub fn num(html: impl Into<String>) -> Cell {
    Cell {
        html: html.into(),
        num: true,
    }
}

/// A table: header cells, body rows and the class of a row (`total`).
pub fn table(out: &mut String, class: &str, header: &[Cell], rows: &[(Vec<Cell>, &str)]) {
    let _ = write!(out, "<table class=\"{class}\"><thead><tr>");
    for h in header {
        let align = if h.num { " class=\"num\"" } else { "" };
        let _ = write!(out, "<th{align}>{}</th>", h.html);
    }
    out.push_str("</tr></thead><tbody>");
    for (cells, row_class) in rows {
        if row_class.is_empty() {
            out.push_str("<tr>");
        } else {
            let _ = write!(out, "<tr class=\"{row_class}\">");
        }
        for c in cells {
            let align = if c.num { " class=\"num\"" } else { "" };
            let _ = write!(out, "<td{align}>{}</td>", c.html);
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>\n");
}

/// The whole page: `title` (escaped here) and the body's HTML.
#[must_use]
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"envroi {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        esc(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            link("https://example.org/a?b=1&c=\"2\""),
            "<a href=\"https://example.org/a?b=1&amp;c=&quot;2&quot;\" rel=\"noopener noreferrer\">https://example.org/a?b=1&amp;c=\"2\"</a>"
        );
        assert_eq!(link("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(link("JaVaScRiPt:alert(1)"), "JaVaScRiPt:alert(1)");
        assert_eq!(link("http://a b"), "http://a b");
        assert_eq!(
            link("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
    }

    #[test]
    fn names_are_escaped_and_isolated() {
        assert_eq!(name("\u{202e}<b>"), "<bdi>\u{202e}&lt;b&gt;</bdi>");
        let p = page("<x>", "");
        assert!(p.contains("<title>&lt;x&gt;</title>"));
        assert!(!p.contains("<script"));
    }
}
