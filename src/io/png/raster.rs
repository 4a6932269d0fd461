//! From scene to PNG bytes: the shapes painted with plotters' bitmap
//! backend, the supersampled canvas averaged down, and the RGB buffer
//! encoded as an 8-bit PNG.

use plotters::prelude::{
    BitMapBackend, Circle, Color, DrawingArea, IntoDrawingArea, PathElement, RGBColor, Rectangle,
    ShapeStyle,
};

use super::scene::Shape;
use crate::tokens::Rgb;

/// Rounds a device coordinate to a whole pixel.
#[expect(
    clippy::cast_possible_truncation,
    reason = "coordinates are clamped to a range that fits in i32"
)]
pub(super) fn px(value: f64) -> i32 {
    value.round().clamp(-1_000_000.0, 1_000_000.0) as i32
}

fn colour(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Paints the shapes with plotters' bitmap backend.
pub(super) fn paint_shapes(
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
pub(super) fn halve(pixels: &[u8], w: u32, h: u32) -> Vec<u8> {
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
pub(super) fn encode(pixels: &[u8], w: u32, h: u32) -> Result<Vec<u8>, String> {
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
    fn halving_averages_blocks() {
        let pixels = [0, 0, 0, 255, 255, 255, 0, 0, 0, 255, 255, 255];
        assert_eq!(halve(&pixels, 2, 2), vec![128, 128, 128]);
    }
}
