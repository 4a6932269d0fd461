//! The embedded `DejaVu` Sans faces: measuring, shortening and wrapping
//! text, and painting glyphs onto an RGB buffer through `ab_glyph` with
//! coverage blending. Text is painted directly rather than through
//! plotters, whose text path drops glyph side bearings and has no baseline
//! metrics.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};

use super::scene::Text;
use crate::tokens::Rgb;

/// `DejaVu` Sans (Bitstream Vera licence, see `assets/DejaVuSans-LICENSE.txt`).
static REGULAR_FONT: &[u8] = include_bytes!("../../../assets/DejaVuSans.ttf");
/// `DejaVu` Sans Bold, same licence.
static BOLD_FONT: &[u8] = include_bytes!("../../../assets/DejaVuSans-Bold.ttf");

/// The two embedded faces and their metrics.
pub(super) struct Fonts {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

/// Cap height of `DejaVu` Sans as a fraction of the em, for centring text.
pub(super) const CAP_HEIGHT: f64 = 0.73;
/// Ascent of `DejaVu` Sans as a fraction of the em.
pub(super) const ASCENT: f64 = 0.93;

impl Fonts {
    pub(super) fn load() -> Result<Self, String> {
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
    pub(super) fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
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
    pub(super) fn fit(&self, text: &str, size: f64, bold: bool, max_width: f64) -> String {
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
    pub(super) fn wrap(&self, text: &str, size: f64, max_width: f64) -> Vec<String> {
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
    pub(super) fn paint(&self, pixels: &mut [u8], w: u32, h: u32, text: &Text) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
