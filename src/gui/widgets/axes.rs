//! Axis label formatters shared by the app's horizontal bar charts: row
//! names on the category axis and whole currency amounts on the value axis.
//! Plot coordinates are `f64` (`egui_plot` draws in floats); a value becomes a
//! `Decimal` only to be formatted, never to be computed with.

use std::ops::RangeInclusive;

use egui_plot::GridMark;
use rust_decimal::Decimal;

use crate::format;

/// Names the whole-numbered rows of a category axis (row `i` is
/// `labels[i]`) and leaves every other grid mark blank.
pub fn row_labels(labels: Vec<String>) -> impl Fn(GridMark, &RangeInclusive<f64>) -> String {
    move |mark, _| {
        let i = mark.value.round();
        if (mark.value - i).abs() < 1e-6 && (0.0..1e6).contains(&i) {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a small whole non-negative row index"
            )]
            let index = i as usize;
            labels.get(index).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    }
}

/// Whole currency amounts, e.g. `USD 1,250,000`.
pub fn money(currency: String) -> impl Fn(GridMark, &RangeInclusive<f64>) -> String {
    move |mark, _| {
        Decimal::from_f64_retain(mark.value)
            .map(|d| format::money_whole(&currency, d))
            .unwrap_or_default()
    }
}
