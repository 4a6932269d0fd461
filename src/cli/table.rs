//! The plain text table of the readable summaries (`report`, `compare` and
//! the what-if commands): columns as wide as their widest cell, the first
//! left-aligned and the rest right-aligned, two spaces apart, no trailing
//! blanks; an all-empty header is not printed.

use std::fmt::Write;

/// Writes `header` (unless every cell is empty) and `rows` as a table.
pub(super) fn write_table<R: AsRef<[String]>>(out: &mut String, header: &[String], rows: &[R]) {
    let columns = header.len();
    let mut widths = vec![0usize; columns];
    for row in std::iter::once(header).chain(rows.iter().map(AsRef::as_ref)) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut String, row: &[String]| {
        let mut text = String::new();
        for (i, (cell, w)) in row.iter().zip(&widths).enumerate() {
            if i == 0 {
                let _ = write!(text, "{cell:<w$}");
            } else {
                let _ = write!(text, "  {cell:>w$}");
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
    };
    if header.iter().any(|h| !h.is_empty()) {
        line(out, header);
    }
    for row in rows {
        line(out, row.as_ref());
    }
}
