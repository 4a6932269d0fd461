//! The axes of the plot: grid lines and the axis line, tick marks and tick
//! labels (thinned so that neighbours never touch), and the month (or
//! value) axis title under the tick labels.

use super::fonts::{ASCENT, CAP_HEIGHT};
use super::layout::{Page, Plot, Scale};
use super::scene::{Align, Label, Scene};
use crate::chart::{Chart, Tick};
use crate::tokens;

/// The height of the tick labels under the plot, with their gap above.
pub(super) fn x_labels_height(page: &Page<'_>, chart: &Chart) -> f64 {
    let x_label_lines = chart
        .x_axis
        .ticks
        .iter()
        .map(|t| t.label.lines().count())
        .max()
        .unwrap_or(0);
    x_label_lines as f64 * tick_line(page) + 12.0 * page.unit
}

/// The distance between the lines of a tick label.
fn tick_line(page: &Page<'_>) -> f64 {
    page.size.tick * 1.3
}

/// Grid lines at the ticks of the axes that have them, and the axis line.
pub(super) fn grid(scene: &mut Scene, page: &Page<'_>, chart: &Chart, plot: &Plot) {
    let hair = page.hair;
    if chart.y_axis.grid {
        for tick in &chart.y_axis.ticks {
            let at = plot.y.map(tick.value);
            scene.line(
                vec![(plot.left, at), (plot.right, at)],
                hair,
                tokens::CHART_GRID,
            );
        }
    }
    if chart.x_axis.grid {
        for tick in &chart.x_axis.ticks {
            let at = plot.x.map(tick.value);
            scene.line(
                vec![(at, plot.top), (at, plot.bottom)],
                hair,
                tokens::CHART_GRID,
            );
        }
    }
    scene.line(
        vec![(plot.left, plot.bottom), (plot.right, plot.bottom)],
        hair,
        page.axis_line,
    );
}

/// Tick marks and labels of the month (or value) axis below the plot; a
/// label's first line is in the text colour, the others muted.
pub(super) fn x_ticks(scene: &mut Scene, page: &Page<'_>, chart: &Chart, plot: &Plot) {
    let (fonts, size, unit) = (page.fonts, page.size.tick, page.unit);
    let x_label_width = chart
        .x_axis
        .ticks
        .iter()
        .flat_map(|t| t.label.lines())
        .map(|l| fonts.width(l, size, false))
        .fold(0.0, f64::max);
    for tick in thin(&chart.x_axis.ticks, plot.x, x_label_width + 18.0 * unit) {
        let at = plot.x.map(tick.value);
        scene.line(
            vec![(at, plot.bottom), (at, plot.bottom + 5.0 * unit)],
            page.hair,
            page.axis_line,
        );
        for (i, line) in tick.label.lines().enumerate() {
            let baseline = plot.bottom + 12.0 * unit + ASCENT * size + i as f64 * tick_line(page);
            scene.text(
                fonts,
                Label {
                    text: line,
                    x: at,
                    baseline,
                    align: Align::Centre,
                    size,
                    bold: false,
                    colour: if i == 0 { page.text } else { page.muted },
                },
            );
        }
    }
}

/// Labels of the value axis (thinned) or of the categories (every one, in
/// a type small enough for its row) left of the plot.
pub(super) fn y_ticks(scene: &mut Scene, page: &Page<'_>, chart: &Chart, plot: &Plot) {
    let (fonts, size) = (page.fonts, page.size.tick);
    let (ticks, tick_size) = if plot.categorical {
        let row = plot.y.density();
        (chart.y_axis.ticks.iter().collect(), size.min(row * 0.55))
    } else {
        (thin(&chart.y_axis.ticks, plot.y, size * 1.6), size)
    };
    let cap = page.y_label_cap(plot.categorical);
    for tick in ticks {
        let at = plot.y.map(tick.value);
        let label = fonts.fit(&tick.label, tick_size, false, cap);
        scene.text(
            fonts,
            Label {
                text: &label,
                x: plot.left - 12.0 * page.unit,
                baseline: at + CAP_HEIGHT * tick_size / 2.0,
                align: Align::Right,
                size: tick_size,
                bold: false,
                colour: page.text,
            },
        );
    }
}

/// The title of the horizontal axis, centred under the plot at `top`.
pub(super) fn x_title(scene: &mut Scene, page: &Page<'_>, plot: &Plot, title: &str, top: f64) {
    if title.is_empty() {
        return;
    }
    let size = page.size.axis_title;
    let title = page.fonts.fit(title, size, true, page.inner_width);
    scene.text(
        page.fonts,
        Label {
            text: &title,
            x: f64::midpoint(plot.left, plot.right),
            baseline: top + ASCENT * size,
            align: Align::Centre,
            size,
            bold: true,
            colour: page.text,
        },
    );
}

/// Keeps every `k`-th tick so that neighbouring labels do not touch.
fn thin(ticks: &[Tick], scale: Scale, needed: f64) -> Vec<&Tick> {
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
