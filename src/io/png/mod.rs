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
//!
//! This file holds the size limits, [`PngOptions`] and the two entry points;
//! the work is split by concern: `layout` (the steps from top to bottom)
//! with `axes`, `marks` and `legend`; `scene` (what to paint, and the
//! `Label` of a text); `fonts` (measuring and painting text);
//! `raster` (shapes, downsampling and PNG encoding).

mod axes;
mod fonts;
mod layout;
mod legend;
mod marks;
mod raster;
mod scene;
mod svg;
mod system_fonts;

use std::ops::RangeInclusive;

use crate::chart::{Chart, payback_chart};
use crate::model::{Results, View};
use crate::tokens;
use fonts::Fonts;
use layout::layout;
use raster::{encode, halve, paint_shapes};
use scene::Scene;
pub use svg::render_svg;

/// Smallest width or height accepted, in points.
pub const MIN_SIDE: u32 = 200;
/// Largest width or height accepted, in points.
pub const MAX_SIDE: u32 = 8000;
/// Largest scale accepted.
pub const MAX_SCALE: u32 = 2;
/// Largest image accepted, in output pixels (width x height x scale^2).
pub const MAX_PIXELS: u64 = 64_000_000;
/// The accepted widths and heights, `MIN_SIDE..=MAX_SIDE`, in the form that
/// argument parsers take (the command line's `--width` and `--height`).
#[must_use]
pub fn side_range() -> RangeInclusive<i64> {
    i64::from(MIN_SIDE)..=i64::from(MAX_SIDE)
}

/// The accepted scales, `1..=MAX_SCALE`, in the form that argument parsers
/// take (the command line's `--scale`).
#[must_use]
pub fn scale_range() -> RangeInclusive<i64> {
    1..=i64::from(MAX_SCALE)
}

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

/// The scene of `chart` on a canvas of `w` x `h` pixels: the layout with
/// as much detail as leaves the plot at least 40 % of the height.
fn lay_out(chart: &Chart, fonts: &Fonts, w: f64, h: f64, unit: f64) -> Scene {
    let mut scene = Scene::default();
    for detail in 0..=3 {
        let (candidate, plot_height) = layout(chart, fonts, w, h, unit, detail);
        scene = candidate;
        if plot_height >= 0.4 * h {
            break;
        }
    }
    scene
}

/// The type scale of a chart `width` x `height` points: gentle, by the
/// square root of the size ratio to 1600 x 900.
fn type_scale(width: u32, height: u32) -> f64 {
    (f64::from(width) / 1600.0)
        .min(f64::from(height) / 900.0)
        .sqrt()
        .clamp(0.5, 2.0)
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
    let unit = type_scale(opts.width, opts.height) * f64::from(opts.scale * supersample);
    let scene = lay_out(chart, &fonts, f64::from(w), f64::from(h), unit);

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
}
