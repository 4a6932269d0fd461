//! The embedded `DejaVu` Sans faces: measuring, shortening and wrapping
//! text, and painting glyphs onto an RGB buffer through `ab_glyph` with
//! coverage blending. Text is painted directly rather than through
//! plotters, whose text path drops glyph side bearings and has no baseline
//! metrics. A character the embedded faces lack (Japanese, Chinese,
//! Korean...) is drawn from a system font ([`super::system_fonts`]).
//! Text is drawn in logical order without shaping: Arabic letters are
//! not joined and right-to-left text runs left to right (the app, through
//! egui, shapes both).

use ab_glyph::{Font, FontArc, FontRef, GlyphId, PxScale, ScaleFont, point};

use super::scene::Text;
use super::system_fonts;
use crate::tokens::Rgb;

/// `DejaVu` Sans (Bitstream Vera licence, see `assets/DejaVuSans-LICENSE.txt`).
static REGULAR_FONT: &[u8] = include_bytes!("../../../assets/DejaVuSans.ttf");
/// `DejaVu` Sans Bold, same licence.
static BOLD_FONT: &[u8] = include_bytes!("../../../assets/DejaVuSans-Bold.ttf");

/// The two embedded faces and their metrics.
pub(super) struct Fonts {
    regular: FontArc,
    bold: FontArc,
}

/// Cap height of `DejaVu` Sans as a fraction of the em, for centring text.
pub(super) const CAP_HEIGHT: f64 = 0.73;
/// Ascent of `DejaVu` Sans as a fraction of the em.
pub(super) const ASCENT: f64 = 0.93;

impl Fonts {
    pub(super) fn load() -> Result<Self, String> {
        let load = |bytes: &'static [u8]| {
            FontRef::try_from_slice(bytes)
                .map(FontArc::new)
                .map_err(|e| format!("the embedded chart font is unreadable: {e}"))
        };
        Ok(Self {
            regular: load(REGULAR_FONT)?,
            bold: load(BOLD_FONT)?,
        })
    }

    fn face(&self, bold: bool) -> &FontArc {
        if bold { &self.bold } else { &self.regular }
    }

    /// The face that draws `c`, its glyph, and whether it is the embedded
    /// face: a system face when the embedded one lacks `c` (and one has it).
    fn glyph(&self, c: char, bold: bool) -> (FontArc, GlyphId, bool) {
        let face = self.face(bold);
        let id = face.glyph_id(c);
        if id.0 == 0
            && !c.is_control()
            && let Some(system) = system_fonts::face_for(c)
        {
            let id = system.glyph_id(c);
            return (system, id, false);
        }
        (face.clone(), id, true)
    }

    /// The `ab_glyph` scale of `face` for an em of `size` pixels.
    #[expect(
        clippy::cast_possible_truncation,
        reason = "glyph sizes are small numbers of pixels"
    )]
    fn scale(face: &FontArc, size: f64) -> PxScale {
        let per_em = face.units_per_em().unwrap_or(2048.0);
        PxScale::from((size * f64::from(face.height_unscaled()) / f64::from(per_em)) as f32)
    }

    /// Each character of `text` with its face, glyph, the scale of its
    /// face and its caret position in pixels, starting at `start`; and
    /// where the caret ends.
    fn layout(&self, text: &str, size: f64, bold: bool, start: f32) -> (Vec<Placed>, f32) {
        let mut placed = Vec::with_capacity(text.len());
        let mut caret = start;
        // The previous glyph when it was the embedded face's (kerning pairs
        // are looked up within that face only).
        let mut previous: Option<GlyphId> = None;
        for c in text.chars() {
            let (face, id, embedded) = self.glyph(c, bold);
            let scale = Self::scale(&face, size);
            let scaled = face.as_scaled(scale);
            if let Some(p) = previous.filter(|_| embedded) {
                caret += scaled.kern(p, id);
            }
            let advance = scaled.h_advance(id);
            placed.push(Placed {
                face: face.clone(),
                id,
                scale,
                x: caret,
            });
            caret += advance;
            previous = embedded.then_some(id);
        }
        (placed, caret)
    }

    /// The advance width of `text` in pixels.
    pub(super) fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        f64::from(self.layout(text, size, bold, 0.0).1)
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
        let baseline = text.baseline as f32;
        for placed in self
            .layout(&text.content, text.size, text.bold, text.x as f32)
            .0
        {
            let position = point(placed.x, baseline);
            let glyph = placed.id.with_scale_and_position(placed.scale, position);
            let Some(outline) = placed.face.outline_glyph(glyph) else {
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

/// One character laid out: its face, glyph, scale and caret position.
struct Placed {
    face: FontArc,
    id: GlyphId,
    scale: PxScale,
    x: f32,
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

    /// CI installs a CJK font (fonts-wqy-microhei, `.ci/run`); elsewhere,
    /// install one to run this test (README, "Fonts").
    #[test]
    fn characters_the_embedded_font_lacks_come_from_a_system_font() {
        let fonts = Fonts::load().unwrap();
        // DejaVu has Latin, Greek, Cyrillic, Arabic and Hebrew itself.
        for c in ['A', 'Ω', 'Ж', 'ع', 'ש'] {
            let (_, id, embedded) = fonts.glyph(c, false);
            assert!(embedded && id.0 != 0, "{c}");
        }
        for c in ['東', '京', 'テ', '한'] {
            let (face, id, embedded) = fonts.glyph(c, false);
            assert!(
                !embedded && id.0 != 0 && face.outline(id).is_some(),
                "no system font has {c}: install a CJK font (e.g. fonts-wqy-microhei)"
            );
        }
        let latin = fonts.width("Tokyo", 15.0, false);
        let japanese = fonts.width("東京テスト環境", 15.0, false);
        assert!(japanese > latin, "CJK glyphs have real advances");
    }
}
