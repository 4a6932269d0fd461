//! A chart as SVG text, for the HTML business case: the same chart
//! description and the same layout as the PNG (one scene), written as
//! vector shapes and text instead of painted pixels.
//!
//! Shapes become `rect`, `polyline` and `circle`; each text becomes a
//! `text` placed by its layout anchor (`text-anchor` start, middle or end)
//! in the chart's font, so a reader whose system substitutes another font
//! keeps the alignment. Every text is escaped; nothing in the SVG refers
//! to anything outside it. Coordinates are written to 0.1 px, so the same
//! chart always gives the same text.

use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute, encode_text};

use super::fonts::Fonts;
use super::scene::{Align, Shape};
use super::{lay_out, type_scale};
use crate::chart::Chart;
use crate::tokens::{self, Rgb};

/// The font stack of chart text: the font the layout measured with first.
const FONT_FAMILY: &str = "'DejaVu Sans', Verdana, 'Segoe UI', sans-serif";

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// A coordinate to 0.1 px, without a needless `.0`.
fn n(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// `chart` as an SVG element `width` x `height` user units (points of the
/// chart), scaled to its container's width.
pub fn render_svg(chart: &Chart, width: u32, height: u32) -> Result<String, String> {
    let fonts = Fonts::load()?;
    let (w, h) = (f64::from(width), f64::from(height));
    let scene = lay_out(chart, &fonts, w, h, type_scale(width, height));
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\" font-family=\"{FONT_FAMILY}\">",
        encode_double_quoted_attribute(&chart.title)
    );
    let _ = write!(
        out,
        "<rect width=\"{width}\" height=\"{height}\" fill=\"{}\"/>",
        hex(tokens::CHART_BACKGROUND)
    );
    for shape in &scene.shapes {
        match shape {
            Shape::Rect {
                x0,
                y0,
                x1,
                y1,
                colour,
            } => {
                let _ = write!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                    n(*x0),
                    n(*y0),
                    n(x1 - x0),
                    n(y1 - y0),
                    hex(*colour)
                );
            }
            Shape::Path {
                points,
                width,
                colour,
            } => {
                if points.len() < 2 {
                    continue;
                }
                let list: Vec<String> = points
                    .iter()
                    .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
                    .collect();
                let _ = write!(
                    out,
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>",
                    list.join(" "),
                    hex(*colour),
                    n(width.max(0.5))
                );
            }
            Shape::Circle {
                x,
                y,
                radius,
                colour,
            } => {
                let _ = write!(
                    out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"/>",
                    n(*x),
                    n(*y),
                    n(*radius),
                    hex(*colour)
                );
            }
        }
    }
    for text in &scene.texts {
        let (x, align) = text.anchor;
        let anchor = match align {
            Align::Left => "start",
            Align::Centre => "middle",
            Align::Right => "end",
        };
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{} fill=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            n(x),
            n(text.baseline),
            n(text.size),
            if text.bold {
                " font-weight=\"bold\""
            } else {
                ""
            },
            hex(text.colour),
            encode_text(&text.content)
        );
    }
    out.push_str("</svg>");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::payback_chart;
    use crate::model::{View, compute};

    #[test]
    fn a_chart_becomes_self_contained_escaped_svg() {
        let mut s = crate::io::default_scenario().unwrap_or_else(|e| panic!("{e}"));
        s.name = "<script>alert(1)</script> & \"q\"".into();
        let results = compute(&s);
        let chart = payback_chart(&[(s.name.as_str(), &results)], View::Adjusted, "USD");
        let svg = render_svg(&chart, 900, 500).unwrap_or_else(|e| panic!("{e}"));
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("<polyline"), "the curve is drawn");
        assert!(!svg.contains("href"), "nothing refers outside the SVG");
        let again = render_svg(&chart, 900, 500).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(svg, again, "the same chart gives the same text");
    }
}
