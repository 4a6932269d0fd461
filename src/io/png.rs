//! Headless PNG rendering of a [`Chart`]: no display, GPU or system fonts.
//!
//! The renderer lays the chart out in device pixels (title, subtitle, the
//! value axis title above the plot, the plot, tick labels, legend, notes),
//! then paints in two passes onto an RGB buffer: shapes with plotters'
//! bitmap backend, then text with the embedded `DejaVu` Sans through
//! `ab_glyph` (the rasteriser behind plotters' own `ab_glyph` feature, used
//! directly because plotters' text path drops glyph side bearings and has no
//! baseline metrics, which leaves labels unevenly spaced and off centre).
//! The canvas is drawn at twice the output size and averaged down, which
//! anti-aliases the lines; the PNG is then encoded with the `png` crate.
//! Nothing depends on the clock or the machine, so the same chart and
//! options always give the same bytes.
//!
//! Sizes are in points of a 1600 x 900 chart: a smaller or larger chart
//! scales its type gently (by the square root of the size ratio), and the
//! `scale` option multiplies the pixel size and every length exactly.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use plotters::prelude::{
    BitMapBackend, Circle, Color, DrawingArea, IntoDrawingArea, PathElement, RGBColor, Rectangle,
    ShapeStyle,
};

use crate::chart::{
    Axis, Chart, LegendEntry, LegendKey, Mark, PointMark, RuleDirection, RuleMark, Side,
    payback_chart,
};
use crate::model::{Results, View};
use crate::tokens::{self, Rgb};

/// `DejaVu` Sans (Bitstream Vera licence, see `assets/DejaVuSans-LICENSE.txt`).
static REGULAR_FONT: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");
/// `DejaVu` Sans Bold, same licence.
static BOLD_FONT: &[u8] = include_bytes!("../../assets/DejaVuSans-Bold.ttf");

/// Smallest width or height accepted, in points.
pub const MIN_SIDE: u32 = 200;
/// Largest width or height accepted, in points.
pub const MAX_SIDE: u32 = 8000;
/// Largest scale accepted.
pub const MAX_SCALE: u32 = 2;
/// Largest image accepted, in output pixels (width x height x scale^2).
pub const MAX_PIXELS: u64 = 64_000_000;
/// Images up to this many output pixels are drawn at twice the size and
/// averaged down; larger ones are drawn directly to bound the memory used.
const SUPERSAMPLE_LIMIT: u64 = 16_000_000;

/// Size of a PNG chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PngOptions {
    /// Width in points.
    pub width: u32,
    /// Height in points.
    pub height: u32,
    /// Pixels per point: 1, or 2 for high-density screens and print.
    pub scale: u32,
}

impl Default for PngOptions {
    fn default() -> Self {
        Self {
            width: 1600,
            height: 900,
            scale: 1,
        }
    }
}

impl PngOptions {
    /// Checks the size: sides within `MIN_SIDE..=MAX_SIDE`, scale within
    /// `1..=MAX_SCALE` and at most `MAX_PIXELS` output pixels.
    pub fn check(&self) -> Result<(), String> {
        for (name, value) in [("width", self.width), ("height", self.height)] {
            if !(MIN_SIDE..=MAX_SIDE).contains(&value) {
                return Err(format!(
                    "the chart {name} must be {MIN_SIDE} to {MAX_SIDE} pixels, not {value}"
                ));
            }
        }
        if !(1..=MAX_SCALE).contains(&self.scale) {
            return Err(format!(
                "the chart scale must be 1 to {MAX_SCALE}, not {}",
                self.scale
            ));
        }
        let (w, h) = self.pixel_size();
        if u64::from(w) * u64::from(h) > MAX_PIXELS {
            return Err(format!(
                "a {w} x {h} pixel chart is too large; the limit is {MAX_PIXELS} pixels"
            ));
        }
        Ok(())
    }

    /// Width and height of the image in pixels.
    #[must_use]
    pub fn pixel_size(&self) -> (u32, u32) {
        (
            self.width.saturating_mul(self.scale),
            self.height.saturating_mul(self.scale),
        )
    }
}

/// Renders `chart` as a PNG image of the given size.
pub fn render_png(chart: &Chart, opts: &PngOptions) -> Result<Vec<u8>, String> {
    opts.check()?;
    let fonts = Fonts::load()?;
    let (out_w, out_h) = opts.pixel_size();
    let supersample: u32 = if u64::from(out_w) * u64::from(out_h) <= SUPERSAMPLE_LIMIT {
        2
    } else {
        1
    };
    let (w, h) = (out_w * supersample, out_h * supersample);
    let type_scale = (f64::from(opts.width) / 1600.0)
        .min(f64::from(opts.height) / 900.0)
        .sqrt()
        .clamp(0.5, 2.0);
    let unit = type_scale * f64::from(opts.scale * supersample);
    let (w_px, h_px) = (f64::from(w), f64::from(h));
    let mut scene = Scene::default();
    for detail in 0..=3 {
        let (candidate, plot_height) = layout(chart, &fonts, w_px, h_px, unit, detail);
        scene = candidate;
        if plot_height >= 0.4 * h_px {
            break;
        }
    }

    let background = tokens::CHART_BACKGROUND;
    let mut pixels = [background.0, background.1, background.2].repeat(w as usize * h as usize);
    paint_shapes(&mut pixels, w, h, &scene.shapes)?;
    for text in &scene.texts {
        fonts.paint(&mut pixels, w, h, text);
    }
    let pixels = if supersample == 2 {
        halve(&pixels, w, h)
    } else {
        pixels
    };
    encode(&pixels, out_w, out_h)
}

/// The payback chart of `scenarios` as PNG bytes: what `envroi report
/// --png`, `envroi compare --png` and the app's Export PNG all call, so the
/// same scenarios and size give the same file everywhere.
pub fn payback_png(
    scenarios: &[(&str, &Results)],
    view: View,
    currency: &str,
    opts: &PngOptions,
) -> Result<Vec<u8>, String> {
    render_png(&payback_chart(scenarios, view, currency), opts)
}

/// A shape in device pixels.
enum Shape {
    Rect {
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        colour: Rgb,
    },
    Path {
        points: Vec<(f64, f64)>,
        width: f64,
        colour: Rgb,
    },
    Circle {
        x: f64,
        y: f64,
        radius: f64,
        colour: Rgb,
    },
}

/// A line of text in device pixels, positioned by its baseline.
struct Text {
    x: f64,
    baseline: f64,
    content: String,
    size: f64,
    bold: bool,
    colour: Rgb,
}

/// Everything to paint, shapes under text.
#[derive(Default)]
struct Scene {
    shapes: Vec<Shape>,
    texts: Vec<Text>,
}

/// Horizontal alignment of a text.
#[derive(Clone, Copy)]
enum Align {
    Left,
    Centre,
    Right,
}

impl Scene {
    fn rect(&mut self, (x0, y0): (f64, f64), (x1, y1): (f64, f64), colour: Rgb) {
        self.shapes.push(Shape::Rect {
            x0: x0.min(x1),
            y0: y0.min(y1),
            x1: x0.max(x1),
            y1: y0.max(y1),
            colour,
        });
    }

    fn line(&mut self, points: Vec<(f64, f64)>, width: f64, colour: Rgb) {
        self.shapes.push(Shape::Path {
            points,
            width,
            colour,
        });
    }

    fn dashed(&mut self, from: (f64, f64), to: (f64, f64), width: f64, unit: f64, colour: Rgb) {
        let (dx, dy) = (to.0 - from.0, to.1 - from.1);
        let length = dx.hypot(dy);
        if length <= 0.0 {
            return;
        }
        let (dash, gap) = (8.0 * unit, 6.0 * unit);
        let mut at = 0.0;
        while at < length {
            let end = (at + dash).min(length);
            let p = |d: f64| (from.0 + dx * d / length, from.1 + dy * d / length);
            self.line(vec![p(at), p(end)], width, colour);
            at = end + gap;
        }
    }

    fn circle(&mut self, (x, y): (f64, f64), radius: f64, colour: Rgb) {
        self.shapes.push(Shape::Circle {
            x,
            y,
            radius,
            colour,
        });
    }

    /// Adds a line of text with its left, centre or right at `x`.
    #[expect(
        clippy::too_many_arguments,
        reason = "a text needs position, alignment, size, weight and colour"
    )]
    fn text(
        &mut self,
        fonts: &Fonts,
        text: &str,
        x: f64,
        baseline: f64,
        align: Align,
        size: f64,
        bold: bool,
        colour: Rgb,
    ) {
        let width = fonts.width(text, size, bold);
        let x = match align {
            Align::Left => x,
            Align::Centre => x - width / 2.0,
            Align::Right => x - width,
        };
        self.texts.push(Text {
            x,
            baseline,
            content: text.to_owned(),
            size,
            bold,
            colour,
        });
    }
}

/// The two embedded faces and their metrics.
struct Fonts {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

/// Cap height of `DejaVu` Sans as a fraction of the em, for centring text.
const CAP_HEIGHT: f64 = 0.73;
/// Ascent of `DejaVu` Sans as a fraction of the em.
const ASCENT: f64 = 0.93;

impl Fonts {
    fn load() -> Result<Self, String> {
        let load = |bytes: &'static [u8]| {
            FontRef::try_from_slice(bytes)
                .map_err(|e| format!("the embedded chart font is unreadable: {e}"))
        };
        Ok(Self {
            regular: load(REGULAR_FONT)?,
            bold: load(BOLD_FONT)?,
        })
    }

    fn face(&self, bold: bool) -> &FontRef<'static> {
        if bold { &self.bold } else { &self.regular }
    }

    /// The `ab_glyph` scale for an em of `size` pixels.
    #[expect(
        clippy::cast_possible_truncation,
        reason = "glyph sizes are small numbers of pixels"
    )]
    fn scale(&self, size: f64, bold: bool) -> PxScale {
        let face = self.face(bold);
        let per_em = face.units_per_em().unwrap_or(2048.0);
        PxScale::from((size * f64::from(face.height_unscaled()) / f64::from(per_em)) as f32)
    }

    /// The advance width of `text` in pixels.
    fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        let face = self.face(bold).as_scaled(self.scale(size, bold));
        let mut width = 0.0_f32;
        let mut previous = None;
        for c in text.chars() {
            let id = face.glyph_id(c);
            if let Some(p) = previous {
                width += face.kern(p, id);
            }
            width += face.h_advance(id);
            previous = Some(id);
        }
        f64::from(width)
    }

    /// `text`, shortened with an ellipsis if needed to fit in `max_width`.
    fn fit(&self, text: &str, size: f64, bold: bool, max_width: f64) -> String {
        if self.width(text, size, bold) <= max_width {
            return text.to_owned();
        }
        let mut chars: Vec<char> = text.chars().collect();
        while !chars.is_empty() {
            chars.pop();
            let candidate: String = chars.iter().collect::<String>().trim_end().to_owned() + "…";
            if self.width(&candidate, size, bold) <= max_width {
                return candidate;
            }
        }
        "…".to_owned()
    }

    /// `text` broken into lines no wider than `max_width` at spaces.
    fn wrap(&self, text: &str, size: f64, max_width: f64) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if line.is_empty() || self.width(&candidate, size, false) <= max_width {
                line = candidate;
            } else {
                lines.push(std::mem::take(&mut line));
                word.clone_into(&mut line);
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
            .into_iter()
            .map(|l| self.fit(&l, size, false, max_width))
            .collect()
    }

    /// Paints one text onto an RGB buffer, blending by glyph coverage.
    #[expect(
        clippy::cast_possible_truncation,
        reason = "positions are pixels on a canvas of at most a few thousand pixels"
    )]
    fn paint(&self, pixels: &mut [u8], w: u32, h: u32, text: &Text) {
        let face = self.face(text.bold);
        let scale = self.scale(text.size, text.bold);
        let scaled = face.as_scaled(scale);
        let mut caret = text.x as f32;
        let baseline = text.baseline as f32;
        let mut previous = None;
        for c in text.content.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = previous {
                caret += scaled.kern(p, id);
            }
            previous = Some(id);
            let glyph = id.with_scale_and_position(scale, point(caret, baseline));
            caret += scaled.h_advance(id);
            let Some(outline) = face.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            let (left, top) = (bounds.min.x as i64, bounds.min.y as i64);
            outline.draw(|gx, gy, coverage| {
                blend(
                    pixels,
                    w,
                    h,
                    left + i64::from(gx),
                    top + i64::from(gy),
                    text.colour,
                    coverage,
                );
            });
        }
    }
}

/// Blends `colour` over one pixel with opacity `alpha`.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "the blended channel is rounded and clamped to 0..=255 first"
)]
fn blend(pixels: &mut [u8], w: u32, h: u32, x: i64, y: i64, colour: Rgb, alpha: f32) {
    if x < 0 || y < 0 || x >= i64::from(w) || y >= i64::from(h) {
        return;
    }
    let Ok(index) = usize::try_from((y * i64::from(w) + x) * 3) else {
        return;
    };
    let alpha = alpha.clamp(0.0, 1.0);
    if let Some(pixel) = pixels.get_mut(index..index + 3) {
        for (channel, target) in pixel.iter_mut().zip([colour.0, colour.1, colour.2]) {
            let mixed = f32::from(*channel) * (1.0 - alpha) + f32::from(target) * alpha;
            *channel = mixed.round().clamp(0.0, 255.0) as u8;
        }
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

/// A rectangle in device pixels, for keeping labels apart.
#[derive(Clone, Copy)]
struct Bounds {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Bounds {
    fn overlaps(&self, other: &Self) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }
}

/// Maps axis values to device pixels along one direction.
#[derive(Clone, Copy)]
struct Scale {
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

    fn map(&self, value: f64) -> f64 {
        let value = if value.is_finite() { value } else { self.min };
        self.from + (value - self.min) / (self.max - self.min) * (self.to - self.from)
    }

    /// Pixels per axis unit (always positive).
    fn density(&self) -> f64 {
        ((self.to - self.from) / (self.max - self.min)).abs()
    }
}

/// Type sizes, in device pixels.
struct Sizes {
    title: f64,
    subtitle: f64,
    tick: f64,
    axis_title: f64,
    legend: f64,
    note: f64,
    label: f64,
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

/// Keeps every `k`-th tick so that neighbouring labels do not touch.
fn thin(ticks: &[crate::chart::Tick], scale: Scale, needed: f64) -> Vec<&crate::chart::Tick> {
    let spacing = ticks
        .windows(2)
        .map(|pair| (scale.map(pair[1].value) - scale.map(pair[0].value)).abs())
        .fold(f64::INFINITY, f64::min);
    let mut every: u32 = 1;
    while spacing.is_finite() && spacing * f64::from(every) < needed && every < 1000 {
        every += 1;
    }
    ticks
        .iter()
        .step_by(usize::try_from(every).unwrap_or(1))
        .collect()
}

/// Lays the chart out on a `w` x `h` canvas; `unit` is pixels per point.
#[expect(
    clippy::too_many_lines,
    reason = "the layout reads best top to bottom in one place"
)]
fn layout(chart: &Chart, fonts: &Fonts, w: f64, h: f64, unit: f64, detail: u8) -> (Scene, f64) {
    // Small charts shed the notes, then the legend, then the subtitle and
    // axis titles, so that the plot keeps its room (see `render_png`).
    let notes: &[String] = if detail >= 1 { &[] } else { &chart.notes };
    let legend: &[LegendEntry] = if detail >= 2 { &[] } else { &chart.legend };
    let subtitle = if detail >= 3 {
        ""
    } else {
        chart.subtitle.as_str()
    };
    let y_title = if detail >= 3 {
        ""
    } else {
        chart.y_axis.title.as_str()
    };
    let x_title = if detail >= 3 {
        ""
    } else {
        chart.x_axis.title.as_str()
    };
    let mut scene = Scene::default();
    let text = tokens::CHART_TEXT;
    let muted = mix(tokens::CHART_TEXT, tokens::CHART_BACKGROUND, 0.38);
    let axis_line = mix(tokens::CHART_GRID, tokens::CHART_TEXT, 0.3);
    let size = Sizes::new(unit);
    let margin = 36.0 * unit;
    let inner_width = (w - 2.0 * margin).max(10.0);

    // The header: title, subtitle and the value axis title, top down.
    let mut top = margin;
    let title = fonts.fit(&chart.title, size.title, true, inner_width);
    scene.text(
        fonts,
        &title,
        margin,
        top + ASCENT * size.title,
        Align::Left,
        size.title,
        true,
        text,
    );
    top += size.title * 1.3;
    if !subtitle.is_empty() {
        let subtitle = fonts.fit(subtitle, size.subtitle, false, inner_width);
        scene.text(
            fonts,
            &subtitle,
            margin,
            top + ASCENT * size.subtitle,
            Align::Left,
            size.subtitle,
            false,
            muted,
        );
        top += size.subtitle * 1.35;
    }
    top += 16.0 * unit;
    if !y_title.is_empty() {
        let axis_title = fonts.fit(y_title, size.axis_title, true, inner_width);
        scene.text(
            fonts,
            &axis_title,
            margin,
            top + ASCENT * size.axis_title,
            Align::Left,
            size.axis_title,
            true,
            text,
        );
        top += size.axis_title * 1.3 + 8.0 * unit;
    }

    // The plot's left and right edges: room for the value labels on the
    // left and for half of the last month label on the right.
    let categorical = !chart.y_axis.grid;
    let y_label_cap = w * if categorical { 0.36 } else { 0.3 };
    let y_label_width = chart
        .y_axis
        .ticks
        .iter()
        .map(|t| fonts.width(&t.label, size.tick, false).min(y_label_cap))
        .fold(0.0, f64::max);
    let left = margin + y_label_width + 12.0 * unit;
    let last_half = chart.x_axis.ticks.last().map_or(0.0, |t| {
        t.label
            .lines()
            .map(|l| fonts.width(l, size.tick, false))
            .fold(0.0, f64::max)
            / 2.0
    });
    let right = (w - margin)
        .min(w - margin / 2.0 - last_half)
        .max(left + 40.0 * unit);
    let x = Scale::new(&chart.x_axis, left, right);

    // Labels of vertical rules go above the plot, in as many rows as needed.
    let rule_row = size.label * 1.6;
    let mut rule_labels: Vec<(Bounds, usize, f64, String, Rgb)> = Vec::new();
    for mark in &chart.marks {
        if let Mark::Rule(RuleMark {
            direction: RuleDirection::Vertical,
            value,
            label: Some(label),
            colour,
            ..
        }) = mark
        {
            let label = fonts.fit(label, size.label, false, inner_width);
            let width = fonts.width(&label, size.label, false);
            let at = x.map(*value);
            let x0 = (at - width / 2.0).clamp(margin, (w - margin - width).max(margin));
            let mut row = 0;
            loop {
                let candidate = Bounds {
                    x0: x0 - 6.0 * unit,
                    x1: x0 + width + 6.0 * unit,
                    y0: row as f64,
                    y1: row as f64 + 0.5,
                };
                if row > 8 || rule_labels.iter().all(|(b, ..)| !b.overlaps(&candidate)) {
                    rule_labels.push((candidate, row, at, label, *colour));
                    break;
                }
                row += 1;
            }
        }
    }
    let rows = rule_labels
        .iter()
        .map(|(_, row, ..)| row + 1)
        .max()
        .unwrap_or(0);
    let rules_top = top;
    top += rows as f64 * rule_row;
    let plot_top = top + 6.0 * unit;

    // The footer, bottom up: notes, legend, month axis title, tick labels.
    let mut bottom = h - margin;
    let note_lines: Vec<String> = notes
        .iter()
        .flat_map(|n| fonts.wrap(n, size.note, inner_width))
        .collect();
    let note_line = size.note * 1.45;
    bottom -= note_lines.len() as f64 * note_line;
    let notes_top = bottom;
    if !note_lines.is_empty() {
        bottom -= 10.0 * unit;
    }

    let key_width = 30.0 * unit;
    let key_gap = 8.0 * unit;
    let entry_gap = 28.0 * unit;
    let entry_widths: Vec<f64> = legend
        .iter()
        .map(|e| key_width + key_gap + fonts.width(&legend_text(e), size.legend, false) + entry_gap)
        .collect();
    let legend_row = size.legend * 1.75;
    let one_row = entry_widths.iter().sum::<f64>() - entry_gap <= inner_width;
    let (columns, column_width) = if one_row {
        (legend.len().max(1), 0.0)
    } else {
        // Many entries go in columns at most half the width; long labels
        // are shortened (their figures are kept) rather than taking a row each.
        let mut widest = entry_widths.iter().copied().fold(0.0, f64::max);
        if legend.len() >= 4 {
            widest = widest.min((inner_width + entry_gap) * 0.5);
        }
        let columns = ((inner_width + entry_gap) / widest).floor().max(1.0);
        (
            usize::try_from(px(columns)).unwrap_or(1).max(1),
            (inner_width + entry_gap) / columns,
        )
    };
    let legend_rows = legend.len().div_ceil(columns);
    bottom -= legend_rows as f64 * legend_row;
    let legend_top = bottom;
    if legend_rows > 0 {
        bottom -= 14.0 * unit;
    }

    if !x_title.is_empty() {
        bottom -= size.axis_title * 1.3;
    }
    let x_title_top = bottom;
    bottom -= 6.0 * unit;
    let x_label_lines = chart
        .x_axis
        .ticks
        .iter()
        .map(|t| t.label.lines().count())
        .max()
        .unwrap_or(0);
    let tick_line = size.tick * 1.3;
    bottom -= x_label_lines as f64 * tick_line + 12.0 * unit;
    let plot_height = bottom - plot_top;
    let plot_bottom = bottom.max(plot_top + 20.0 * unit);
    let y = Scale::new(&chart.y_axis, plot_bottom, plot_top);

    // Grid lines and the axis line.
    let hair = unit.max(1.0);
    if chart.y_axis.grid {
        for tick in &chart.y_axis.ticks {
            let at = y.map(tick.value);
            scene.line(vec![(left, at), (right, at)], hair, tokens::CHART_GRID);
        }
    }
    if chart.x_axis.grid {
        for tick in &chart.x_axis.ticks {
            let at = x.map(tick.value);
            scene.line(
                vec![(at, plot_top), (at, plot_bottom)],
                hair,
                tokens::CHART_GRID,
            );
        }
    }
    scene.line(
        vec![(left, plot_bottom), (right, plot_bottom)],
        hair,
        axis_line,
    );

    // Tick labels: the month (or value) axis below, values or categories left.
    let x_label_width = chart
        .x_axis
        .ticks
        .iter()
        .flat_map(|t| t.label.lines())
        .map(|l| fonts.width(l, size.tick, false))
        .fold(0.0, f64::max);
    for tick in thin(&chart.x_axis.ticks, x, x_label_width + 18.0 * unit) {
        let at = x.map(tick.value);
        scene.line(
            vec![(at, plot_bottom), (at, plot_bottom + 5.0 * unit)],
            hair,
            axis_line,
        );
        for (i, line) in tick.label.lines().enumerate() {
            let baseline = plot_bottom + 12.0 * unit + ASCENT * size.tick + i as f64 * tick_line;
            let colour = if i == 0 { text } else { muted };
            scene.text(
                fonts,
                line,
                at,
                baseline,
                Align::Centre,
                size.tick,
                false,
                colour,
            );
        }
    }
    let (y_ticks, y_tick_size) = if categorical {
        let row = y.density();
        (
            chart.y_axis.ticks.iter().collect(),
            size.tick.min(row * 0.55),
        )
    } else {
        (thin(&chart.y_axis.ticks, y, size.tick * 1.6), size.tick)
    };
    for tick in y_ticks {
        let at = y.map(tick.value);
        let label = fonts.fit(&tick.label, y_tick_size, false, y_label_cap);
        scene.text(
            fonts,
            &label,
            left - 12.0 * unit,
            at + CAP_HEIGHT * y_tick_size / 2.0,
            Align::Right,
            y_tick_size,
            false,
            text,
        );
    }
    if !x_title.is_empty() {
        let axis_title = fonts.fit(x_title, size.axis_title, true, inner_width);
        scene.text(
            fonts,
            &axis_title,
            f64::midpoint(left, right),
            x_title_top + ASCENT * size.axis_title,
            Align::Centre,
            size.axis_title,
            true,
            text,
        );
    }

    // The marks, in the chart's order; point labels are placed last.
    let mut placed: Vec<Bounds> = Vec::new();
    let mut points: Vec<&PointMark> = Vec::new();
    for mark in &chart.marks {
        match mark {
            Mark::Bar(bar) => {
                let (x0, x1) = (x.map(bar.x.0), x.map(bar.x.1));
                let (mut y0, mut y1) = (y.map(bar.y.1), y.map(bar.y.0));
                // A bar of a category chart with few categories stays a bar,
                // not a block: at most 72 points thick, centred on its row.
                if categorical && (y1 - y0).abs() > 72.0 * unit {
                    let centre = f64::midpoint(y0, y1);
                    (y0, y1) = (centre - 36.0 * unit, centre + 36.0 * unit);
                }
                scene.rect((x0, y0), (x1, y1), bar.colour);
                if let Some(label) = &bar.label {
                    let label_size = size.label.min((y1 - y0).abs() * 0.7);
                    let width = fonts.width(label, label_size, false);
                    let middle = f64::midpoint(y0, y1) + CAP_HEIGHT * label_size / 2.0;
                    let pad = 6.0 * unit;
                    let inside = tokens::CHART_BACKGROUND;
                    match bar.label_side {
                        Side::Right
                            if x1 + pad + width > w - margin / 2.0
                                && x1 - x0 > width + 2.0 * pad =>
                        {
                            scene.text(
                                fonts,
                                label,
                                x1 - pad,
                                middle,
                                Align::Right,
                                label_size,
                                true,
                                inside,
                            );
                        }
                        Side::Right => scene.text(
                            fonts,
                            label,
                            x1 + pad,
                            middle,
                            Align::Left,
                            label_size,
                            false,
                            text,
                        ),
                        Side::Left
                            if x0 - pad - width < margin / 2.0 && x1 - x0 > width + 2.0 * pad =>
                        {
                            scene.text(
                                fonts,
                                label,
                                x0 + pad,
                                middle,
                                Align::Left,
                                label_size,
                                true,
                                inside,
                            );
                        }
                        Side::Left => scene.text(
                            fonts,
                            label,
                            x0 - pad,
                            middle,
                            Align::Right,
                            label_size,
                            false,
                            text,
                        ),
                        Side::Top => scene.text(
                            fonts,
                            label,
                            f64::midpoint(x0, x1),
                            y0 - pad,
                            Align::Centre,
                            size.label,
                            false,
                            text,
                        ),
                    }
                }
            }
            Mark::Rule(rule) => {
                let width = rule.width * unit;
                let (from, to) = match rule.direction {
                    RuleDirection::Horizontal => {
                        let at = y.map(rule.value);
                        ((left, at), (right, at))
                    }
                    RuleDirection::Vertical => {
                        let at = x.map(rule.value);
                        ((at, plot_top), (at, plot_bottom))
                    }
                };
                if rule.dashed {
                    scene.dashed(from, to, width, unit, rule.colour);
                } else {
                    scene.line(vec![from, to], width, rule.colour);
                }
                if let (RuleDirection::Horizontal, Some(label)) = (rule.direction, &rule.label) {
                    scene.text(
                        fonts,
                        label,
                        right - 6.0 * unit,
                        from.1 - 6.0 * unit,
                        Align::Right,
                        size.label,
                        false,
                        rule.colour,
                    );
                }
            }
            Mark::Line(line) => {
                let path: Vec<(f64, f64)> = line
                    .points
                    .iter()
                    .map(|&(px, py)| (x.map(px), y.map(py)))
                    .collect();
                scene.line(path, line.width * unit, line.colour);
            }
            Mark::Point(point) => points.push(point),
        }
    }

    // Vertical rule labels in their rows above the plot, with a leader.
    for (bounds, row, at, label, colour) in &rule_labels {
        let baseline = rules_top + *row as f64 * rule_row + ASCENT * size.label;
        scene.rect(
            (
                bounds.x0 + 2.0 * unit,
                baseline - ASCENT * size.label - 2.0 * unit,
            ),
            (bounds.x1 - 2.0 * unit, baseline + 0.3 * size.label),
            tokens::CHART_BACKGROUND,
        );
        scene.text(
            fonts,
            label,
            bounds.x0 + 6.0 * unit,
            baseline,
            Align::Left,
            size.label,
            false,
            *colour,
        );
        let leader_top = baseline + 0.3 * size.label;
        if leader_top < plot_top {
            scene.dashed(
                (*at, leader_top),
                (*at, plot_top),
                hair,
                unit * 0.5,
                *colour,
            );
        }
    }

    // Payback points: a marker on the curve and a boxed label kept clear
    // of the others, above and to the left of the point where its own
    // curve never is, stacked upwards (then downwards) when crowded.
    points.sort_by(|a, b| a.x.total_cmp(&b.x));
    let pad_x = 7.0 * unit;
    let box_height = size.label * 1.25 + 8.0 * unit;
    for point in points {
        let (px, py) = (x.map(point.x), y.map(point.y));
        let label = fonts.fit(&point.label, size.label, false, inner_width / 3.0);
        let box_width = fonts.width(&label, size.label, false) + 2.0 * pad_x;
        let x1 = (px - 4.0 * unit)
            .max(left + box_width + 2.0 * unit)
            .min(right - 2.0 * unit);
        let x0 = x1 - box_width;
        let step = box_height + 6.0 * unit;
        let candidates = (0..10)
            .map(|level| py - 12.0 * unit - f64::from(level) * step - box_height)
            .chain((0..10).map(|level| py + 12.0 * unit + f64::from(level) * step));
        let mut chosen = None;
        for y0 in candidates {
            let candidate = Bounds {
                x0,
                x1,
                y0,
                y1: y0 + box_height,
            };
            let inside = y0 >= plot_top && y0 + box_height <= plot_bottom;
            if inside && placed.iter().all(|b| !b.overlaps(&candidate)) {
                chosen = Some(candidate);
                break;
            }
        }
        let chosen = chosen.unwrap_or(Bounds {
            x0,
            x1,
            y0: (py - 12.0 * unit - box_height).max(plot_top),
            y1: (py - 12.0 * unit).max(plot_top + box_height),
        });
        placed.push(chosen);
        let corner_y = if chosen.y1 <= py {
            chosen.y1
        } else {
            chosen.y0
        };
        scene.line(
            vec![(px, py), (chosen.x1.min(px), corner_y)],
            1.5 * unit,
            point.colour,
        );
        let border = 1.5 * unit;
        scene.rect(
            (chosen.x0 - border, chosen.y0 - border),
            (chosen.x1 + border, chosen.y1 + border),
            point.colour,
        );
        scene.rect(
            (chosen.x0, chosen.y0),
            (chosen.x1, chosen.y1),
            tokens::CHART_BACKGROUND,
        );
        scene.circle((px, py), 7.5 * unit, tokens::CHART_BACKGROUND);
        scene.circle((px, py), 5.5 * unit, point.colour);
        let baseline = f64::midpoint(chosen.y0, chosen.y1) + CAP_HEIGHT * size.label / 2.0;
        scene.text(
            fonts,
            &label,
            chosen.x0 + pad_x,
            baseline,
            Align::Left,
            size.label,
            false,
            text,
        );
    }

    // The legend, in one row or in columns.
    let mut column = 0;
    let mut row_top = legend_top;
    let mut at = margin;
    for (entry, width) in legend.iter().zip(&entry_widths) {
        if column == columns {
            column = 0;
            row_top += legend_row;
            at = margin;
        }
        let middle = row_top + legend_row / 2.0;
        match entry.key {
            LegendKey::Line => scene.line(
                vec![(at, middle), (at + key_width, middle)],
                3.0 * unit,
                entry.colour,
            ),
            LegendKey::Swatch => {
                let half = 8.0 * unit;
                scene.rect(
                    (at + key_width / 2.0 - half, middle - half),
                    (at + key_width / 2.0 + half, middle + half),
                    entry.colour,
                );
            }
        }
        let text_width =
            if one_row { *width } else { column_width } - key_width - key_gap - entry_gap;
        let label = fit_legend(fonts, entry, size.legend, text_width.max(10.0 * unit));
        scene.text(
            fonts,
            &label,
            at + key_width + key_gap,
            middle + CAP_HEIGHT * size.legend / 2.0,
            Align::Left,
            size.legend,
            false,
            text,
        );
        at += if one_row { *width } else { column_width };
        column += 1;
    }

    for (i, line) in note_lines.iter().enumerate() {
        let baseline = notes_top + i as f64 * note_line + ASCENT * size.note;
        scene.text(
            fonts,
            line,
            margin,
            baseline,
            Align::Left,
            size.note,
            false,
            muted,
        );
    }
    (scene, plot_height)
}

/// The full text of a legend entry: `label: detail`.
fn legend_text(entry: &LegendEntry) -> String {
    if entry.detail.is_empty() {
        entry.label.clone()
    } else {
        format!("{}: {}", entry.label, entry.detail)
    }
}

/// A legend entry's text in `max_width`: the label is shortened before the
/// detail, so a long scenario name never hides its figures.
fn fit_legend(fonts: &Fonts, entry: &LegendEntry, size: f64, max_width: f64) -> String {
    let full = legend_text(entry);
    if entry.detail.is_empty() || fonts.width(&full, size, false) <= max_width {
        return fonts.fit(&full, size, false, max_width);
    }
    let detail = format!(": {}", entry.detail);
    let room = max_width - fonts.width(&detail, size, false);
    if room < fonts.width("Wwwwww…", size, false) {
        return fonts.fit(&full, size, false, max_width);
    }
    fonts.fit(&entry.label, size, false, room) + &detail
}

/// Rounds a device coordinate to a whole pixel.
#[expect(
    clippy::cast_possible_truncation,
    reason = "coordinates are clamped to a range that fits in i32"
)]
fn px(value: f64) -> i32 {
    value.round().clamp(-1_000_000.0, 1_000_000.0) as i32
}

fn colour(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Paints the shapes with plotters' bitmap backend.
fn paint_shapes(
    pixels: &mut [u8],
    width: u32,
    height: u32,
    shapes: &[Shape],
) -> Result<(), String> {
    let root: DrawingArea<BitMapBackend, _> =
        BitMapBackend::with_buffer(pixels, (width, height)).into_drawing_area();
    let failed = |e: &dyn std::fmt::Display| format!("drawing the chart failed: {e}");
    for shape in shapes {
        match shape {
            Shape::Rect {
                x0,
                y0,
                x1,
                y1,
                colour: c,
            } => {
                let (a, b) = ((px(*x0), px(*y0)), (px(*x1) - 1, px(*y1) - 1));
                if b.0 >= a.0 && b.1 >= a.1 {
                    root.draw(&Rectangle::new([a, b], colour(*c).filled()))
                        .map_err(|e| failed(&e))?;
                }
            }
            Shape::Path {
                points,
                width,
                colour: c,
            } => {
                let mut path: Vec<(i32, i32)> = Vec::with_capacity(points.len());
                for &(x, y) in points {
                    let p = (px(x), px(y));
                    if path.last() != Some(&p) {
                        path.push(p);
                    }
                }
                if path.len() < 2 {
                    continue;
                }
                let stroke = u32::try_from(px(*width).max(1)).unwrap_or(1);
                let style = ShapeStyle {
                    color: colour(*c).to_rgba(),
                    filled: false,
                    stroke_width: stroke,
                };
                root.draw(&PathElement::new(path, style))
                    .map_err(|e| failed(&e))?;
            }
            Shape::Circle {
                x,
                y,
                radius,
                colour: c,
            } => {
                let r = u32::try_from(px(*radius).max(1)).unwrap_or(1);
                root.draw(&Circle::new((px(*x), px(*y)), r, colour(*c).filled()))
                    .map_err(|e| failed(&e))?;
            }
        }
    }
    root.present().map_err(|e| failed(&e))?;
    Ok(())
}

/// Averages each 2 x 2 block of a `w` x `h` RGB buffer into one pixel.
fn halve(pixels: &[u8], w: u32, h: u32) -> Vec<u8> {
    let (w, h) = (w as usize, h as usize);
    let (ow, oh) = (w / 2, h / 2);
    let mut out = vec![0_u8; ow * oh * 3];
    for y in 0..oh {
        for x in 0..ow {
            for c in 0..3 {
                let at = |dx: usize, dy: usize| {
                    u16::from(pixels[((2 * y + dy) * w + 2 * x + dx) * 3 + c])
                };
                let sum = at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1);
                out[(y * ow + x) * 3 + c] = u8::try_from((sum + 2) / 4).unwrap_or(u8::MAX);
            }
        }
    }
    out
}

/// Encodes an RGB buffer as an 8-bit PNG.
fn encode(pixels: &[u8], w: u32, h: u32) -> Result<Vec<u8>, String> {
    let failed = |e: png::EncodingError| format!("encoding the PNG failed: {e}");
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(pixels).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_outside_the_limits_are_refused() {
        assert!(PngOptions::default().check().is_ok());
        let narrow = PngOptions {
            width: 10,
            ..PngOptions::default()
        };
        assert!(narrow.check().unwrap_err().contains("width"));
        let scaled = PngOptions {
            scale: 3,
            ..PngOptions::default()
        };
        assert!(scaled.check().unwrap_err().contains("scale"));
        let huge = PngOptions {
            width: 8000,
            height: 8000,
            scale: 2,
        };
        assert!(huge.check().unwrap_err().contains("too large"));
    }

    #[test]
    fn the_embedded_fonts_load_and_measure_text() {
        let fonts = Fonts::load().unwrap();
        let short = fonts.width("USD 1", 15.0, false);
        let long = fonts.width("USD 1,000,000", 15.0, false);
        assert!(short > 0.0 && long > short);
        let fitted = fonts.fit("A very long scenario name indeed", 15.0, false, 80.0);
        assert!(fitted.ends_with('…'));
        assert!(fonts.width(&fitted, 15.0, false) <= 80.0);
    }

    #[test]
    fn halving_averages_blocks() {
        let pixels = [0, 0, 0, 255, 255, 255, 0, 0, 0, 255, 255, 255];
        assert_eq!(halve(&pixels, 2, 2), vec![128, 128, 128]);
    }
}
