//! A renderer-neutral chart description, built from results or from plain
//! analysis data: series, bars, reference rules, labelled points, axes with
//! ready-made tick labels (currency with thousands separators, calendar
//! months), a legend, a title and notes. The headless PNG renderer
//! (`io::png`) and the app's on-screen plots both draw from it.
//!
//! This module is pure (no files, no egui) and it is the single place in
//! the program where a `Decimal` becomes an `f64`, and only for drawing:
//! every figure shown as text is formatted from the exact `Decimal` first.
//!
//! Choices written down here:
//! - Money ticks are "nice" steps (1, 2, 2.5 or 5 times a power of ten)
//!   computed in `Decimal`, so a tick label is exact and never `1,999,999`.
//! - The month axis counts months from the programme start (month 0 is the
//!   upfront instant) and, when every scenario starts in the same month,
//!   shows the calendar month whose end the point stands for under it.
//! - A comparison of scenarios that start in different months keeps the
//!   month counts and drops the calendar months, which would be ambiguous.

//!
//! The module is split by concern: `description` holds the chart types,
//! `axis` makes axes and their tick labels, `results` builds the payback and
//! benefits charts from a scenario's results, and `analysis` builds the
//! tornado and histogram charts of the what-if analyses.

mod analysis;
mod axis;
mod description;
mod fan;
mod results;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

pub use analysis::{
    HistogramBin, TornadoBar, ValueMarker, histogram_chart, monte_carlo_chart, sensitivity_chart,
    tornado_chart,
};
pub use description::{
    Axis, BarMark, Chart, LegendEntry, LegendKey, LineMark, Mark, PointMark, RuleDirection,
    RuleMark, Side, Tick,
};
pub use fan::{FAN_TITLE, fan_chart};
pub use results::{benefits_chart, payback_chart};

/// The one conversion from `Decimal` to `f64` in the program, for drawing
/// only: a position on a plot, never a figure shown as text. On-screen plots
/// that draw straight from results should call this rather than convert on
/// their own.
pub fn plot_value(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}
