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

/// The room one label of a money axis takes, gap included: about
/// `USD 10,000,000` (some 100 points) and 40 points of space.
pub const MONEY_LABEL_ROOM: f32 = 140.0;

/// How many grid marks a money axis `width` points long can label
/// without the labels running together: one per [`MONEY_LABEL_ROOM`],
/// at least 2 and at most 8. For [`nice_steps`], whose step is never
/// smaller than the span over this count.
#[must_use]
pub fn money_ticks(width: f32) -> u32 {
    let count = (width / MONEY_LABEL_ROOM).floor().clamp(2.0, 8.0);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a whole number from 2 to 8"
    )]
    let count = count as u32;
    count
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
        // Only marks inside the range: egui_plot draws a mark's label even
        // past the plot's edge, over whatever is beside it.
        (0..count)
            .map(|i| GridMark {
                value: (first + f64::from(i)) * step,
                step_size: step,
            })
            .filter(|mark| mark.value <= high)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The marks `nice_steps(money_ticks(width))` puts on an axis from 0
    /// to `high` that is `width` points long, and their labels.
    fn marks(width: f32, high: f64) -> Vec<(f64, String)> {
        let input = GridInput {
            bounds: (-0.02 * high, 1.05 * high),
            base_step_size: high / f64::from(width),
        };
        let label = money("USD".to_owned());
        nice_steps(money_ticks(width))(input)
            .into_iter()
            .map(|m| (m.value, label(m, &(0.0..=high))))
            .collect()
    }

    #[test]
    fn money_marks_stand_far_enough_apart_for_their_labels() {
        // The Benefits chart at 1440 points is about 740 points wide; the
        // conservative scenario's longest bar is about USD 900,000, and
        // egui's default marks, 100,000 apart, ran their labels together.
        for width in [300.0_f32, 420.0, 740.0, 1_200.0] {
            for high in [9_000.0, 120_000.0, 900_000.0, 1_800_000.0, 45_000_000.0] {
                let marks = marks(width, high);
                assert!(marks.len() >= 2, "{width} points, {high}: {marks:?}");
                let span = 1.07 * high;
                for pair in marks.windows(2) {
                    let apart = (pair[1].0 - pair[0].0) / span * f64::from(width);
                    // About 7 points a character of the body font.
                    #[expect(clippy::cast_precision_loss, reason = "a label of a few characters")]
                    let needed = 7.0 * pair[1].1.chars().count() as f64 + 20.0;
                    assert!(
                        apart >= needed,
                        "{width} points, {high}: {} and {} only {apart:.0} apart",
                        pair[0].1,
                        pair[1].1
                    );
                }
            }
        }
    }

    #[test]
    fn every_mark_lies_inside_the_range() {
        // A tornado of NPVs from 3.1 to 4.2 million with marks a million
        // apart had a mark at 5 million, whose label egui_plot drew past
        // the plot's edge over the next column.
        for (low, high) in [(3.1e6, 4.2e6), (3.5e6, 4.5e6), (-2.0e5, 9.0e5), (0.0, 1.0)] {
            for target in 1..=8 {
                let marks = nice_steps(target)(GridInput {
                    bounds: (low, high),
                    base_step_size: (high - low) / 1_000.0,
                });
                assert!(!marks.is_empty(), "{low}..{high}, {target}");
                for mark in marks {
                    assert!(
                        (low..=high).contains(&mark.value),
                        "{} outside {low}..{high} ({target} marks)",
                        mark.value
                    );
                }
            }
        }
    }

    #[test]
    fn a_wide_axis_gets_more_marks_than_a_narrow_one() {
        assert_eq!(money_ticks(100.0), 2);
        assert_eq!(money_ticks(740.0), 5);
        assert_eq!(money_ticks(5_000.0), 8);
        assert!(marks(740.0, 900_000.0).len() > marks(280.0, 900_000.0).len());
    }
}
