//! The scene: every shape and line of text of a laid-out chart, in device
//! pixels and in painting order, and the small vocabulary the layout uses
//! to add to it (rectangles, lines, dashes, circles and [`Label`]s).

use super::fonts::Fonts;
use crate::tokens::Rgb;

/// A shape in device pixels.
pub(super) enum Shape {
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
pub(super) struct Text {
    pub(super) x: f64,
    /// Where the layout anchored the text, and how (the SVG writer places
    /// text by its anchor, so a reader's substitute font keeps alignment).
    pub(super) anchor: (f64, Align),
    pub(super) baseline: f64,
    pub(super) content: String,
    pub(super) size: f64,
    pub(super) bold: bool,
    pub(super) colour: Rgb,
}

/// Everything to paint, shapes under text.
#[derive(Default)]
pub(super) struct Scene {
    pub(super) shapes: Vec<Shape>,
    pub(super) texts: Vec<Text>,
}

/// Horizontal alignment of a text.
#[derive(Clone, Copy)]
pub(super) enum Align {
    Left,
    Centre,
    Right,
}

/// A line of text to add to the scene: its content, where its left, centre
/// or right (`align`) and its baseline go, and how it looks.
#[derive(Clone, Copy)]
pub(super) struct Label<'a> {
    /// The text, already shortened to fit if needed.
    pub(super) text: &'a str,
    /// The horizontal anchor, read according to `align`.
    pub(super) x: f64,
    /// The baseline.
    pub(super) baseline: f64,
    /// Which part of the text sits at `x`.
    pub(super) align: Align,
    /// The em size in pixels.
    pub(super) size: f64,
    /// Bold rather than regular.
    pub(super) bold: bool,
    /// The colour.
    pub(super) colour: Rgb,
}

impl Scene {
    pub(super) fn rect(&mut self, (x0, y0): (f64, f64), (x1, y1): (f64, f64), colour: Rgb) {
        self.shapes.push(Shape::Rect {
            x0: x0.min(x1),
            y0: y0.min(y1),
            x1: x0.max(x1),
            y1: y0.max(y1),
            colour,
        });
    }

    pub(super) fn line(&mut self, points: Vec<(f64, f64)>, width: f64, colour: Rgb) {
        self.shapes.push(Shape::Path {
            points,
            width,
            colour,
        });
    }

    pub(super) fn dashed(
        &mut self,
        from: (f64, f64),
        to: (f64, f64),
        width: f64,
        unit: f64,
        colour: Rgb,
    ) {
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

    pub(super) fn circle(&mut self, (x, y): (f64, f64), radius: f64, colour: Rgb) {
        self.shapes.push(Shape::Circle {
            x,
            y,
            radius,
            colour,
        });
    }

    /// Adds a line of text, measured with `fonts` to place it by its anchor.
    pub(super) fn text(&mut self, fonts: &Fonts, label: Label<'_>) {
        let width = fonts.width(label.text, label.size, label.bold);
        let x = match label.align {
            Align::Left => label.x,
            Align::Centre => label.x - width / 2.0,
            Align::Right => label.x - width,
        };
        self.texts.push(Text {
            x,
            anchor: (label.x, label.align),
            baseline: label.baseline,
            content: label.text.to_owned(),
            size: label.size,
            bold: label.bold,
            colour: label.colour,
        });
    }
}
