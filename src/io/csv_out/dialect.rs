//! CSV dialects: the standard CSV of MODEL.md section 5 (the default, the
//! exchange format) and `excel-semicolon`, for spreadsheets set to a
//! comma-decimal locale (de-DE, fr-FR, pt-BR...). Every writer makes the
//! standard CSV; a dialect is a transformation of it, so each table has
//! one code path and the default output is untouched.

use std::fmt;

/// How a CSV file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum CsvDialect {
    /// MODEL.md section 5: `,` between fields, `.` decimals, no BOM.
    #[default]
    Standard,
    /// `;` between fields, `,` decimals, a UTF-8 byte-order mark (so that
    /// Excel reads names as UTF-8); opens as numbers in Calc and Excel set
    /// to a comma-decimal locale.
    ExcelSemicolon,
}

impl CsvDialect {
    /// Every dialect, in the order offered.
    pub const ALL: [Self; 2] = [Self::Standard, Self::ExcelSemicolon];

    /// The name used on the command line.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::ExcelSemicolon => "excel-semicolon",
        }
    }

    /// A short description for menus.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Standard => "Standard CSV (1234.56, comma-separated)",
            Self::ExcelSemicolon => "Comma-decimal spreadsheets (1234,56; semicolon-separated)",
        }
    }

    /// The standard CSV `standard` (as the writers of this module make
    /// it) in this dialect.
    #[must_use]
    pub fn apply(self, standard: String) -> String {
        match self {
            Self::Standard => standard,
            Self::ExcelSemicolon => excel_semicolon(&standard),
        }
    }
}

impl fmt::Display for CsvDialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Whether a cell is a plain decimal as the writers make numbers:
/// `-?\d+(\.\d+)?`.
fn is_plain_decimal(cell: &str) -> bool {
    let body = cell.strip_prefix('-').unwrap_or(cell);
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(int_part) && frac_part.is_none_or(digits)
}

/// `;` between fields and `,` decimals in every body cell that is a plain
/// decimal; the header row and text cells (names already guarded against
/// formulas) are kept as they are, quoted where they hold `;`, `"` or a
/// line break.
fn excel_semicolon(standard: &str) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(standard.as_bytes());
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for (row, record) in reader.records().enumerate() {
        // The input is this module's own output: it always parses.
        let Ok(record) = record else { continue };
        let cells: Vec<String> = record
            .iter()
            .map(|cell| {
                if row > 0 && is_plain_decimal(cell) {
                    cell.replace('.', ",")
                } else {
                    cell.to_owned()
                }
            })
            .collect();
        let _ = writer.write_record(&cells);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8(bytes).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::csv_out::guard;

    fn standard(rows: &[&[&str]]) -> String {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        for row in rows {
            w.write_record(*row).unwrap();
        }
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn standard_is_unchanged() {
        let text = standard(&[&["metric", "value"], &["npv", "-1234.50"]]);
        assert_eq!(CsvDialect::Standard.apply(text.clone()), text);
    }

    #[test]
    fn decimals_take_commas_and_fields_semicolons() {
        let text = standard(&[
            &["month_index", "month", "net", "roi"],
            &["0", "upfront", "-250000.00", ""],
            &["1", "2026-01", "7381461.06", "0.123456"],
        ]);
        assert_eq!(
            CsvDialect::ExcelSemicolon.apply(text),
            "\u{feff}month_index;month;net;roi\n0;upfront;-250000,00;\n1;2026-01;7381461,06;0,123456\n"
        );
    }

    #[test]
    fn text_cells_keep_their_text_and_are_quoted_where_needed() {
        let names = ["a;b", "Tom's, \"big\" line", "1.5 TB", "v2.0", "東京"];
        let mut header = vec!["metric".to_owned()];
        header.extend(names.iter().map(|n| guard(n)));
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let body = ["npv", "1.00", "2.00", "3.00", "4.00", "5.00"];
        let converted = CsvDialect::ExcelSemicolon.apply(standard(&[&header, &body]));
        let text = converted.strip_prefix('\u{feff}').unwrap();
        assert!(text.starts_with("metric;\"a;b\";\"Tom's, \"\"big\"\" line\";1.5 TB;v2.0;東京\n"));
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(&rows[0].iter().skip(1).collect::<Vec<_>>(), &names);
        assert_eq!(
            rows[1].iter().collect::<Vec<_>>(),
            ["npv", "1,00", "2,00", "3,00", "4,00", "5,00"]
        );
    }

    #[test]
    fn formula_guard_survives_and_guarded_text_is_not_a_number() {
        let guarded = guard("=SUM(A1)");
        let minus = guard("-5");
        let at = guard("@cmd;x");
        let text = standard(&[
            &["input", "low"],
            &[guarded.as_str(), "-5"],
            &[minus.as_str(), "12.5"],
            &[at.as_str(), "-0.5"],
        ]);
        let converted = CsvDialect::ExcelSemicolon.apply(text);
        assert_eq!(
            converted,
            "\u{feff}input;low\n'=SUM(A1);-5\n'-5;12,5\n\"'@cmd;x\";-0,5\n"
        );
    }

    #[test]
    fn only_plain_decimals_are_numbers() {
        for yes in ["0", "-1", "12.50", "-0.000001", "20261126"] {
            assert!(is_plain_decimal(yes), "{yes}");
        }
        for no in [
            "", "-", ".5", "5.", "1e5", "1,5", "2026-01", "'-5", "+1", "1.2.3", " 1",
        ] {
            assert!(!is_plain_decimal(no), "{no}");
        }
    }
}
