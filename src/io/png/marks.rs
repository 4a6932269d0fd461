//! The marks in the plot area: bars with their value labels, reference
//! rules (the labels of vertical ones in rows above the plot, with a
//! leader), lines, and the boxed labels of payback points, which are kept
//! clear of one another.

use super::fonts::{ASCENT, CAP_HEIGHT};
use super::layout::{Page, Plot, Scale};
use super::scene::{Align, Label, Scene};
use crate::chart::{BarMark, Chart, Mark, PointMark, RuleDirection, RuleMark, Side};
use crate::tokens::{self, Rgb};

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

/// Draws the bars, rules and lines in the chart's order, and returns the
/// points, whose labels are placed last (see [`point_labels`]).
pub(super) fn draw<'c>(
    scene: &mut Scene,
    page: &Page<'_>,
    chart: &'c Chart,
    plot: &Plot,
) -> Vec<&'c PointMark> {
    let mut points = Vec::new();
    for mark in &chart.marks {
        match mark {
            Mark::Bar(b) => bar(scene, page, plot, b),
            Mark::Rule(r) => rule(scene, page, plot, r),
            Mark::Line(line) => {
                let path: Vec<(f64, f64)> = line
                    .points
                    .iter()
                    .map(|&(px, py)| (plot.x.map(px), plot.y.map(py)))
                    .collect();
                if line.dashed {
                    for pair in path.windows(2) {
                        scene.dashed(
                            pair[0],
                            pair[1],
                            line.width * page.unit,
                            page.unit,
                            line.colour,
                        );
                    }
                } else {
                    scene.line(path, line.width * page.unit, line.colour);
                }
            }
            Mark::Point(point) => points.push(point),
        }
    }
    points
}

/// A bar and its value label: outside the bar on its side, or inside it
/// (bold, in the background colour) when outside would leave the canvas.
fn bar(scene: &mut Scene, page: &Page<'_>, plot: &Plot, bar: &BarMark) {
    let unit = page.unit;
    let (x0, x1) = (plot.x.map(bar.x.0), plot.x.map(bar.x.1));
    let (mut y0, mut y1) = (plot.y.map(bar.y.1), plot.y.map(bar.y.0));
    // A bar of a category chart with few categories stays a bar, not a
    // block: at most 72 points thick, centred on its row.
    if plot.categorical && (y1 - y0).abs() > 72.0 * unit {
        let centre = f64::midpoint(y0, y1);
        (y0, y1) = (centre - 36.0 * unit, centre + 36.0 * unit);
    }
    scene.rect((x0, y0), (x1, y1), bar.colour);
    let Some(text) = &bar.label else {
        return;
    };
    let label_size = page.size.label.min((y1 - y0).abs() * 0.7);
    let width = page.fonts.width(text, label_size, false);
    let middle = f64::midpoint(y0, y1) + CAP_HEIGHT * label_size / 2.0;
    let pad = 6.0 * unit;
    let beside = |x: f64, align: Align| Label {
        text,
        x,
        baseline: middle,
        align,
        size: label_size,
        bold: false,
        colour: page.text,
    };
    let within = |x: f64, align: Align| Label {
        text,
        x,
        baseline: middle,
        align,
        size: label_size,
        bold: true,
        colour: tokens::CHART_BACKGROUND,
    };
    let label = match bar.label_side {
        Side::Right
            if x1 + pad + width > page.w - page.margin / 2.0 && x1 - x0 > width + 2.0 * pad =>
        {
            within(x1 - pad, Align::Right)
        }
        Side::Right => beside(x1 + pad, Align::Left),
        Side::Left if x0 - pad - width < page.margin / 2.0 && x1 - x0 > width + 2.0 * pad => {
            within(x0 + pad, Align::Left)
        }
        Side::Left => beside(x0 - pad, Align::Right),
        Side::Top => Label {
            text,
            x: f64::midpoint(x0, x1),
            baseline: y0 - pad,
            align: Align::Centre,
            size: page.size.label,
            bold: false,
            colour: page.text,
        },
    };
    scene.text(page.fonts, label);
}

/// A reference rule across the plot, solid or dashed; a horizontal rule's
/// label sits above its right end (vertical ones are in [`RuleLabels`]).
fn rule(scene: &mut Scene, page: &Page<'_>, plot: &Plot, rule: &RuleMark) {
    let unit = page.unit;
    let width = rule.width * unit;
    let (from, to) = match rule.direction {
        RuleDirection::Horizontal => {
            let at = plot.y.map(rule.value);
            ((plot.left, at), (plot.right, at))
        }
        RuleDirection::Vertical => {
            let at = plot.x.map(rule.value);
            ((at, plot.top), (at, plot.bottom))
        }
    };
    if rule.dashed {
        scene.dashed(from, to, width, unit, rule.colour);
    } else {
        scene.line(vec![from, to], width, rule.colour);
    }
    if let (RuleDirection::Horizontal, Some(label)) = (rule.direction, &rule.label) {
        scene.text(
            page.fonts,
            Label {
                text: label,
                x: plot.right - 6.0 * unit,
                baseline: from.1 - 6.0 * unit,
                align: Align::Right,
                size: page.size.label,
                bold: false,
                colour: rule.colour,
            },
        );
    }
}

/// One label of a vertical rule, in its row above the plot.
struct RuleLabel {
    bounds: Bounds,
    row: usize,
    at: f64,
    text: String,
    colour: Rgb,
}

/// The labels of the vertical rules, above the plot in as many rows as
/// needed for none to overlap another.
pub(super) struct RuleLabels(Vec<RuleLabel>);

impl RuleLabels {
    /// Gives each vertical rule's label the first row where it fits.
    pub(super) fn place(page: &Page<'_>, chart: &Chart, x: Scale) -> Self {
        let (fonts, size, unit, margin) = (page.fonts, page.size.label, page.unit, page.margin);
        let mut labels: Vec<RuleLabel> = Vec::new();
        for mark in &chart.marks {
            if let Mark::Rule(RuleMark {
                direction: RuleDirection::Vertical,
                value,
                label: Some(label),
                colour,
                ..
            }) = mark
            {
                let text = fonts.fit(label, size, false, page.inner_width);
                let width = fonts.width(&text, size, false);
                let at = x.map(*value);
                let x0 = (at - width / 2.0).clamp(margin, (page.w - margin - width).max(margin));
                let mut row = 0;
                loop {
                    let candidate = Bounds {
                        x0: x0 - 6.0 * unit,
                        x1: x0 + width + 6.0 * unit,
                        y0: row as f64,
                        y1: row as f64 + 0.5,
                    };
                    if row > 8 || labels.iter().all(|l| !l.bounds.overlaps(&candidate)) {
                        labels.push(RuleLabel {
                            bounds: candidate,
                            row,
                            at,
                            text,
                            colour: *colour,
                        });
                        break;
                    }
                    row += 1;
                }
            }
        }
        Self(labels)
    }

    fn row_height(page: &Page<'_>) -> f64 {
        page.size.label * 1.6
    }

    /// The height of the rows, zero when there are no labels.
    pub(super) fn height(&self, page: &Page<'_>) -> f64 {
        let rows = self.0.iter().map(|l| l.row + 1).max().unwrap_or(0);
        rows as f64 * Self::row_height(page)
    }

    /// Draws the labels in their rows from `top`, on a patch of background,
    /// each with a dashed leader down to the plot's top edge.
    pub(super) fn draw(&self, scene: &mut Scene, page: &Page<'_>, top: f64, plot_top: f64) {
        let (size, unit) = (page.size.label, page.unit);
        for label in &self.0 {
            let bounds = label.bounds;
            let baseline = top + label.row as f64 * Self::row_height(page) + ASCENT * size;
            scene.rect(
                (
                    bounds.x0 + 2.0 * unit,
                    baseline - ASCENT * size - 2.0 * unit,
                ),
                (bounds.x1 - 2.0 * unit, baseline + 0.3 * size),
                tokens::CHART_BACKGROUND,
            );
            scene.text(
                page.fonts,
                Label {
                    text: &label.text,
                    x: bounds.x0 + 6.0 * unit,
                    baseline,
                    align: Align::Left,
                    size,
                    bold: false,
                    colour: label.colour,
                },
            );
            let leader_top = baseline + 0.3 * size;
            if leader_top < plot_top {
                scene.dashed(
                    (label.at, leader_top),
                    (label.at, plot_top),
                    page.hair,
                    unit * 0.5,
                    label.colour,
                );
            }
        }
    }
}

/// Payback points: a marker on the curve and a boxed label kept clear of
/// the others, above and to the left of the point where its own curve
/// never is, stacked upwards (then downwards) when crowded.
pub(super) fn point_labels(
    scene: &mut Scene,
    page: &Page<'_>,
    plot: &Plot,
    mut points: Vec<&PointMark>,
) {
    let (fonts, size, unit) = (page.fonts, page.size.label, page.unit);
    points.sort_by(|a, b| a.x.total_cmp(&b.x));
    let pad_x = 7.0 * unit;
    let box_height = size * 1.25 + 8.0 * unit;
    let mut placed: Vec<Bounds> = Vec::new();
    for point in points {
        let (px, py) = (plot.x.map(point.x), plot.y.map(point.y));
        let label = fonts.fit(&point.label, size, false, page.inner_width / 3.0);
        let box_width = fonts.width(&label, size, false) + 2.0 * pad_x;
        let x1 = (px - 4.0 * unit)
            .max(plot.left + box_width + 2.0 * unit)
            .min(plot.right - 2.0 * unit);
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
            let inside = y0 >= plot.top && y0 + box_height <= plot.bottom;
            if inside && placed.iter().all(|b| !b.overlaps(&candidate)) {
                chosen = Some(candidate);
                break;
            }
        }
        let chosen = chosen.unwrap_or(Bounds {
            x0,
            x1,
            y0: (py - 12.0 * unit - box_height).max(plot.top),
            y1: (py - 12.0 * unit).max(plot.top + box_height),
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
        scene.text(
            fonts,
            Label {
                text: &label,
                x: chosen.x0 + pad_x,
                baseline: f64::midpoint(chosen.y0, chosen.y1) + CAP_HEIGHT * size / 2.0,
                align: Align::Left,
                size,
                bold: false,
                colour: page.text,
            },
        );
    }
}
