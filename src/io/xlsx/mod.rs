//! The formula workbook (`envroi report FILE --xlsx PATH` and the app's
//! File menu): the whole business case as live spreadsheet formulas, so
//! that a finance team can audit the arithmetic and change an input to see
//! the case recalculate. Layout and rules: docs/MODEL.md section 8.
//!
//! - **Inputs**: every input of [`crate::model::inputs::all_inputs`] in a
//!   named cell (`in_discount_rate`, `in_benefits_tem_services_reduction`,
//!   `in_custom_1_annual_amount`, `in_cost_2_amount`...), its unit and
//!   evidence as a cell note; the programme switches, the discounting
//!   convention, each custom line's programme; each category's annual
//!   saving `A` as a formula (`a_tem_services`...).
//! - **Monthly adjusted**, **Monthly unadjusted**: months 0..=H, the ramp,
//!   every benefit and cost cell rounded once with `ROUND(...,2)` where
//!   MODEL.md section 3 rounds, totals as `SUM`s of cells.
//! - **Annual adjusted**, **Annual unadjusted**: year sums, discount
//!   factors and present values.
//! - **Summary**: the rows of the summary CSV as formulas.
//!
//! Numbers: a spreadsheet cell holds an `f64`. Each input is converted from
//! its `Decimal` once, at its cell, through its exact decimal text (the
//! nearest `f64`, which a spreadsheet shows as the same decimal: 0.1 stays
//! 0.1). Every other number is a formula. Text from the scenario is
//! untrusted and always written as a string, never as a formula.
//!
//! No clock: the document's creation date is fixed, so the same scenario
//! gives the same bytes.

mod inputs;
mod monthly;
mod summary;

use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use crate::model::{Results, Scenario, View};

/// The name of the Inputs sheet.
const INPUTS: &str = "Inputs";
/// The name of the Summary sheet.
const SUMMARY: &str = "Summary";

/// The first data row of the Monthly and Annual sheets (0-based): row 0
/// holds the labels, row 1 the keys of the CSV columns.
pub const FIRST_ROW: u32 = 2;

/// The name of the Monthly sheet of a view.
#[must_use]
pub fn monthly_sheet(view: View) -> &'static str {
    match view {
        View::Adjusted => "Monthly adjusted",
        View::Unadjusted => "Monthly unadjusted",
    }
}

/// The name of the Annual sheet of a view.
#[must_use]
pub fn annual_sheet(view: View) -> &'static str {
    match view {
        View::Adjusted => "Annual adjusted",
        View::Unadjusted => "Annual unadjusted",
    }
}

/// A column number from a count (a sheet never has 65,536 columns).
fn c16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// A row number from a count.
fn r32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The sheet name as a formula writes it before `!`.
fn quoted(sheet: &str) -> String {
    format!("'{sheet}'")
}

/// The letters of a 0-based column.
fn col(c: u16) -> String {
    rust_xlsxwriter::utility::column_number_to_name(c)
}

/// A cell in A1 notation from 0-based row and column: `B3`.
fn cell(row: u32, c: u16) -> String {
    format!("{}{}", col(c), row + 1)
}

/// A decimal as the `f64` a cell holds: the nearest one, through the
/// decimal's exact text. The one `Decimal` -> `f64` step of the workbook.
fn number(value: Decimal) -> f64 {
    value.normalize().to_string().parse().unwrap_or(0.0)
}

fn xlsx_error(e: &XlsxError) -> String {
    format!("cannot write the workbook: {e}")
}

/// The formats shared by every sheet.
struct Formats {
    header: Format,
    key: Format,
    money: Format,
    fraction: Format,
    factor: Format,
    months: Format,
}

impl Formats {
    fn new() -> Self {
        Self {
            header: Format::new().set_bold(),
            key: Format::new().set_italic(),
            money: Format::new().set_num_format("#,##0.00"),
            fraction: Format::new().set_num_format("0.000000"),
            factor: Format::new().set_num_format("0.0000000000"),
            months: Format::new().set_num_format("0.00"),
        }
    }
}

/// The formula workbook of `scenario` (whose computed results are
/// `results`, used only for the notes on undefined or not unique figures):
/// the bytes of an `.xlsx` file.
pub fn workbook(scenario: &Scenario, results: &Results) -> Result<Vec<u8>, String> {
    let formats = Formats::new();
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(|e| xlsx_error(&e))?;
    book.set_properties(
        &DocProperties::new()
            .set_title("envroi business case")
            .set_creation_datetime(&created),
    );
    let names = inputs::Names::new(scenario);
    let sheet = inputs::sheet(scenario, &names, &formats).map_err(|e| xlsx_error(&e))?;
    book.push_worksheet(sheet);
    for (name, reference) in names.defined() {
        book.define_name(name, &reference)
            .map_err(|e| xlsx_error(&e))?;
    }
    let mut layouts = Vec::new();
    for view in [View::Adjusted, View::Unadjusted] {
        let (sheet, layout) =
            monthly::sheet(scenario, view, &names, &formats).map_err(|e| xlsx_error(&e))?;
        book.push_worksheet(sheet);
        layouts.push((view, layout));
    }
    for (view, layout) in &layouts {
        let sheet = summary::annual(*view, layout, &formats).map_err(|e| xlsx_error(&e))?;
        book.push_worksheet(sheet);
    }
    let sheet =
        summary::summary(scenario, results, &layouts, &formats).map_err(|e| xlsx_error(&e))?;
    book.push_worksheet(sheet);
    book.save_to_buffer().map_err(|e| xlsx_error(&e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn a_decimal_becomes_the_nearest_double() {
        for text in ["0.1", "0.35", "1234567.89", "0", "-0.5", "0.000001"] {
            let d = Decimal::from_str(text).unwrap_or_default();
            assert_eq!(
                number(d).to_bits(),
                text.parse::<f64>().unwrap_or(f64::NAN).to_bits(),
                "{text}"
            );
        }
    }

    #[test]
    fn cells_are_written_in_a1_notation() {
        assert_eq!(cell(0, 0), "A1");
        assert_eq!(cell(2, 27), "AB3");
    }
}
