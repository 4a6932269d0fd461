//! Axis label formatters shared by the app's horizontal bar charts: row
//! names on the category axis and whole currency amounts on the value axis.
//! Plot coordinates are `f64` (`egui_plot` draws in floats); a value becomes a
//! `Decimal` only to be formatted, never to be computed with.

use std::ops::RangeInclusive;

use egui_plot::{GridInput, GridMark};
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

/// Grid marks at readable steps (1, 2, 2.5 or 5 times a power of ten),
/// about `target` of them across the visible range, as the PNG's axes
/// use; e.g. `USD 250,000` steps rather than `USD 200,000` and `100,000`
/// marks of two strengths.
pub fn nice_steps(target: u32) -> impl Fn(GridInput) -> Vec<GridMark> {
    move |input| {
        let (low, high) = input.bounds;
        let span = (high - low).abs();
        if !span.is_finite() || span <= 0.0 {
            return Vec::new();
        }
        let raw = (span / f64::from(target.max(1))).max(input.base_step_size);
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .into_iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= raw)
            .unwrap_or(10.0 * magnitude);
        let first = (low / step).ceil();
        let count = ((high - low) / step).floor();
        if !(0.0..=1_000.0).contains(&count) {
            return Vec::new();
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a count of at most a thousand grid marks"
        )]
        let count = count as u32 + 1;
        (0..count)
            .map(|i| GridMark {
                value: (first + f64::from(i)) * step,
                step_size: step,
            })
            .collect()
    }
}
