//! The layout of a chart on the canvas, in the order a reader sees it: the
//! header (title, subtitle, value axis title), the plot's left and right
//! edges, the labels of vertical rules above the plot, the footer measured
//! from the bottom up (notes, legend, month axis title, tick labels), and
//! then the plot itself (grid, ticks, marks, point labels), the legend and
//! the notes. [`layout`] calls one named step for each; the steps live
//! here and in `axes`, `marks` and `legend`.

use super::axes;
use super::fonts::{ASCENT, Fonts};
use super::legend::Legend;
use super::marks::{self, RuleLabels};
use super::scene::{Align, Label, Scene};
use crate::chart::{Axis, Chart, LegendEntry};
use crate::tokens::{self, Rgb};

/// Lays the chart out on a `w` x `h` canvas; `unit` is pixels per point.
/// Returns the scene and the height left for the plot, which `render_png`
/// uses to shed detail (`detail` 0 keeps everything).
pub(super) fn layout(
    chart: &Chart,
    fonts: &Fonts,
    w: f64,
    h: f64,
    unit: f64,
    detail: u8,
) -> (Scene, f64) {
    let content = Content::at_detail(chart, detail);
    let page = Page::new(fonts, w, unit);
    let mut scene = Scene::default();

    // From the top: the header, then the rows of vertical rule labels.
    let header_bottom = header(&mut scene, &page, &chart.title, &content);
    let (left, right) = plot_edges(&page, chart);
    let x = Scale::new(&chart.x_axis, left, right);
    let rule_labels = RuleLabels::place(&page, chart, x);
    let plot_top = header_bottom + rule_labels.height(&page) + 6.0 * unit;

    // From the bottom: notes, legend, month axis title, tick labels.
    let mut bottom = h - page.margin;
    let notes = Notes::place(&page, content.notes, &mut bottom);
    let legend = Legend::place(&page, content.legend, &mut bottom);
    if !content.x_title.is_empty() {
        bottom -= page.size.axis_title * 1.3;
    }
    let x_title_top = bottom;
    bottom -= 6.0 * unit;
    bottom -= axes::x_labels_height(&page, chart);
    let plot_height = bottom - plot_top;
    let plot_bottom = bottom.max(plot_top + 20.0 * unit);
    let plot = Plot {
        left,
        right,
        top: plot_top,
        bottom: plot_bottom,
        x,
        y: Scale::new(&chart.y_axis, plot_bottom, plot_top),
        categorical: !chart.y_axis.grid,
    };

    // The plot, then what goes around it.
    axes::grid(&mut scene, &page, chart, &plot);
    axes::x_ticks(&mut scene, &page, chart, &plot);
    axes::y_ticks(&mut scene, &page, chart, &plot);
    axes::x_title(&mut scene, &page, &plot, content.x_title, x_title_top);
    let points = marks::draw(&mut scene, &page, chart, &plot);
    rule_labels.draw(&mut scene, &page, header_bottom, plot.top);
    marks::point_labels(&mut scene, &page, &plot, points);
    legend.draw(&mut scene, &page);
    notes.draw(&mut scene, &page);
    (scene, plot_height)
}

/// The parts of a chart kept at one level of detail: small charts shed the
/// notes, then the legend, then the subtitle and axis titles, so that the
/// plot keeps its room (see `render_png`).
struct Content<'a> {
    notes: &'a [String],
    legend: &'a [LegendEntry],
    subtitle: &'a str,
    y_title: &'a str,
    x_title: &'a str,
}

impl<'a> Content<'a> {
    fn at_detail(chart: &'a Chart, detail: u8) -> Self {
        let titles = detail < 3;
        Self {
            notes: if detail >= 1 { &[] } else { &chart.notes },
            legend: if detail >= 2 { &[] } else { &chart.legend },
            subtitle: if titles { &chart.subtitle } else { "" },
            y_title: if titles { &chart.y_axis.title } else { "" },
            x_title: if titles { &chart.x_axis.title } else { "" },
        }
    }
}

/// The canvas and the house style at its size: what every step needs.
pub(super) struct Page<'a> {
    /// The embedded faces.
    pub(super) fonts: &'a Fonts,
    /// Canvas width in pixels.
    pub(super) w: f64,
    /// Pixels per point.
    pub(super) unit: f64,
    /// Type sizes.
    pub(super) size: Sizes,
    /// The margin round the chart.
    pub(super) margin: f64,
    /// The width between the margins.
    pub(super) inner_width: f64,
    /// Colour of ordinary text.
    pub(super) text: Rgb,
    /// Colour of secondary text.
    pub(super) muted: Rgb,
    /// Colour of the axis line and tick marks.
    pub(super) axis_line: Rgb,
    /// Width of grid lines, the axis line and tick marks.
    pub(super) hair: f64,
}

impl<'a> Page<'a> {
    fn new(fonts: &'a Fonts, w: f64, unit: f64) -> Self {
        let margin = 36.0 * unit;
        Self {
            fonts,
            w,
            unit,
            size: Sizes::new(unit),
            margin,
            inner_width: (w - 2.0 * margin).max(10.0),
            text: tokens::CHART_TEXT,
            muted: mix(tokens::CHART_TEXT, tokens::CHART_BACKGROUND, 0.38),
            axis_line: mix(tokens::CHART_GRID, tokens::CHART_TEXT, 0.3),
            hair: unit.max(1.0),
        }
    }

    /// The widest a value or category label may be, left of the plot.
    pub(super) fn y_label_cap(&self, categorical: bool) -> f64 {
        self.w * if categorical { 0.36 } else { 0.3 }
    }
}

/// Type sizes, in device pixels.
pub(super) struct Sizes {
    pub(super) title: f64,
    pub(super) subtitle: f64,
    pub(super) tick: f64,
    pub(super) axis_title: f64,
    pub(super) legend: f64,
    pub(super) note: f64,
    pub(super) label: f64,
}

impl Sizes {
    fn new(unit: f64) -> Self {
        Self {
            title: 30.0 * unit,
            subtitle: 18.0 * unit,
            tick: 15.0 * unit,
            axis_title: 15.0 * unit,
            legend: 16.0 * unit,
            note: 13.0 * unit,
            label: 14.0 * unit,
        }
    }
}

/// The plot area and its two scales.
pub(super) struct Plot {
    pub(super) left: f64,
    pub(super) right: f64,
    pub(super) top: f64,
    pub(super) bottom: f64,
    pub(super) x: Scale,
    pub(super) y: Scale,
    /// The vertical axis lists categories (bar charts), not values.
    pub(super) categorical: bool,
}

/// Maps axis values to device pixels along one direction.
#[derive(Clone, Copy)]
pub(super) struct Scale {
    min: f64,
    max: f64,
    from: f64,
    to: f64,
}

impl Scale {
    fn new(axis: &Axis, from: f64, to: f64) -> Self {
        let (min, max) = if axis.max > axis.min && axis.min.is_finite() && axis.max.is_finite() {
            (axis.min, axis.max)
        } else {
            (axis.min.min(0.0), axis.min.max(0.0) + 1.0)
        };
        Self { min, max, from, to }
    }

    pub(super) fn map(&self, value: f64) -> f64 {
        let value = if value.is_finite() { value } else { self.min };
        self.from + (value - self.min) / (self.max - self.min) * (self.to - self.from)
    }

    /// Pixels per axis unit (always positive).
    pub(super) fn density(&self) -> f64 {
        ((self.to - self.from) / (self.max - self.min)).abs()
    }
}

/// `a` moved towards `b` by `t` (0 keeps `a`, 1 gives `b`).
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "the mixed channel is rounded and clamped to 0..=255 first"
)]
fn mix(a: Rgb, b: Rgb, t: f64) -> Rgb {
    let m = |x: u8, y: u8| {
        (f64::from(x) + (f64::from(y) - f64::from(x)) * t)
            .round()
            .clamp(0.0, 255.0) as u8
    };
    Rgb(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// Draws the title, the subtitle and the value axis title from the top
/// margin down, and returns where the header ends.
fn header(scene: &mut Scene, page: &Page<'_>, title: &str, content: &Content<'_>) -> f64 {
    let (fonts, size, unit) = (page.fonts, &page.size, page.unit);
    let mut top = page.margin;
    let title = fonts.fit(title, size.title, true, page.inner_width);
    scene.text(
        fonts,
        Label {
            text: &title,
            x: page.margin,
            baseline: top + ASCENT * size.title,
            align: Align::Left,
            size: size.title,
            bold: true,
            colour: page.text,
        },
    );
    top += size.title * 1.3;
    if !content.subtitle.is_empty() {
        let subtitle = fonts.fit(content.subtitle, size.subtitle, false, page.inner_width);
        scene.text(
            fonts,
            Label {
                text: &subtitle,
                x: page.margin,
                baseline: top + ASCENT * size.subtitle,
                align: Align::Left,
                size: size.subtitle,
                bold: false,
                colour: page.muted,
            },
        );
        top += size.subtitle * 1.35;
    }
    top += 16.0 * unit;
    if !content.y_title.is_empty() {
        let axis_title = fonts.fit(content.y_title, size.axis_title, true, page.inner_width);
        scene.text(
            fonts,
            Label {
                text: &axis_title,
                x: page.margin,
                baseline: top + ASCENT * size.axis_title,
                align: Align::Left,
                size: size.axis_title,
                bold: true,
                colour: page.text,
            },
        );
        top += size.axis_title * 1.3 + 8.0 * unit;
    }
    top
}

/// The plot's left and right edges: room for the value labels on the left
/// and for half of the last month label on the right.
fn plot_edges(page: &Page<'_>, chart: &Chart) -> (f64, f64) {
    let (fonts, tick, unit, margin, w) =
        (page.fonts, page.size.tick, page.unit, page.margin, page.w);
    let y_label_cap = page.y_label_cap(!chart.y_axis.grid);
    let y_label_width = chart
        .y_axis
        .ticks
        .iter()
        .map(|t| fonts.width(&t.label, tick, false).min(y_label_cap))
        .fold(0.0, f64::max);
    let left = margin + y_label_width + 12.0 * unit;
    let last_half = chart.x_axis.ticks.last().map_or(0.0, |t| {
        t.label
            .lines()
            .map(|l| fonts.width(l, tick, false))
            .fold(0.0, f64::max)
            / 2.0
    });
    let right = (w - margin)
        .min(w - margin / 2.0 - last_half)
        .max(left + 40.0 * unit);
    (left, right)
}

/// The notes under the chart, wrapped to the width between the margins.
struct Notes {
    lines: Vec<String>,
    top: f64,
}

impl Notes {
    /// Wraps the notes and takes their room from the bottom of the canvas.
    fn place(page: &Page<'_>, notes: &[String], bottom: &mut f64) -> Self {
        let size = page.size.note;
        let lines: Vec<String> = notes
            .iter()
            .flat_map(|n| page.fonts.wrap(n, size, page.inner_width))
            .collect();
        *bottom -= lines.len() as f64 * Self::line_height(page);
        let top = *bottom;
        if !lines.is_empty() {
            *bottom -= 10.0 * page.unit;
        }
        Self { lines, top }
    }

    fn line_height(page: &Page<'_>) -> f64 {
        page.size.note * 1.45
    }

    fn draw(&self, scene: &mut Scene, page: &Page<'_>) {
        let size = page.size.note;
        for (i, line) in self.lines.iter().enumerate() {
            let baseline = self.top + i as f64 * Self::line_height(page) + ASCENT * size;
            scene.text(
                page.fonts,
                Label {
                    text: line,
                    x: page.margin,
                    baseline,
                    align: Align::Left,
                    size,
                    bold: false,
                    colour: page.muted,
                },
            );
        }
    }
}
