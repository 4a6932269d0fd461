//! The chart description itself: a chart, its axes and ticks, the marks
//! drawn in the plot area and the legend entries, with every text already
//! formatted. Renderers read these types; nothing here computes anything.

use crate::tokens::Rgb;

/// A complete chart: what to draw, with every text already formatted.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The headline, e.g. `Payback: Composite bank`.
    pub title: String,
    /// One line under the title: view, currency, totals.
    pub subtitle: String,
    /// The horizontal axis.
    pub x_axis: Axis,
    /// The vertical axis.
    pub y_axis: Axis,
    /// What is drawn in the plot area, in drawing order.
    pub marks: Vec<Mark>,
    /// Legend entries, in reading order.
    pub legend: Vec<LegendEntry>,
    /// Small print under the chart, one sentence per entry.
    pub notes: Vec<String>,
}

/// One axis: its range, ticks and title.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// Axis title; for the vertical axis it is shown above the plot.
    pub title: String,
    /// Smallest value shown.
    pub min: f64,
    /// Largest value shown.
    pub max: f64,
    /// Ticks in increasing order of value.
    pub ticks: Vec<Tick>,
    /// Whether grid lines are drawn at the ticks.
    pub grid: bool,
}

/// A tick: a position on the axis and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Position in axis units.
    pub value: f64,
    /// Label; a `\n` separates lines (month number over calendar month).
    pub label: String,
}

/// Which side of a bar its label goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Left of the bar.
    Left,
    /// Right of the bar.
    Right,
    /// Above the bar.
    Top,
}

/// Direction of a reference rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleDirection {
    /// A horizontal line at a value of the vertical axis.
    Horizontal,
    /// A vertical line at a value of the horizontal axis.
    Vertical,
}

/// Something drawn in the plot area.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A polyline, e.g. a payback curve.
    Line(LineMark),
    /// A filled rectangle, e.g. a bar of a bar chart or a histogram bin.
    Bar(BarMark),
    /// A reference line across the plot, e.g. the zero line.
    Rule(RuleMark),
    /// A labelled point, e.g. where a curve pays back.
    Point(PointMark),
}

/// A polyline through data points.
#[derive(Debug, Clone, PartialEq)]
pub struct LineMark {
    /// Series name (as in the legend).
    pub name: String,
    /// Colour.
    pub colour: Rgb,
    /// Stroke width in points at 1600 x 900.
    pub width: f64,
    /// Points `(x, y)` in axis units, in drawing order.
    pub points: Vec<(f64, f64)>,
    /// Drawn dashed (a scenario's cash-only curve).
    pub dashed: bool,
}

/// A filled rectangle in axis units, with an optional label outside one side.
#[derive(Debug, Clone, PartialEq)]
pub struct BarMark {
    /// Horizontal extent `(from, to)`, `from <= to`.
    pub x: (f64, f64),
    /// Vertical extent `(from, to)`, `from <= to`.
    pub y: (f64, f64),
    /// Fill colour.
    pub colour: Rgb,
    /// Value label, if any.
    pub label: Option<String>,
    /// Where the label goes.
    pub label_side: Side,
}

/// A reference line across the whole plot area.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleMark {
    /// Horizontal or vertical.
    pub direction: RuleDirection,
    /// Position in the units of the axis it crosses.
    pub value: f64,
    /// Colour.
    pub colour: Rgb,
    /// Stroke width in points at 1600 x 900.
    pub width: f64,
    /// Dashed rather than solid.
    pub dashed: bool,
    /// Label shown at the top (vertical rules) or the right end (horizontal).
    pub label: Option<String>,
}

/// A marked point with a label; renderers keep labels from overlapping.
#[derive(Debug, Clone, PartialEq)]
pub struct PointMark {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
    /// Colour of the marker and of the label's border.
    pub colour: Rgb,
    /// Label text.
    pub label: String,
}

/// How a legend entry's key is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendKey {
    /// A short line, for series.
    Line,
    /// A filled square, for bars.
    Swatch,
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    /// Text, e.g. a scenario name; shortened first when space is short.
    pub label: String,
    /// Figures shown after the label (empty for none), kept whole.
    pub detail: String,
    /// Colour of the key.
    pub colour: Rgb,
    /// Shape of the key.
    pub key: LegendKey,
}
