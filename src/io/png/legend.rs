//! The legend under the chart: in one row when it fits, otherwise in
//! columns, each entry a key (a short line or a swatch) and its text, the
//! label shortened before the figures that follow it.

use super::fonts::{CAP_HEIGHT, Fonts};
use super::layout::Page;
use super::raster::px;
use super::scene::{Align, Label, Scene};
use crate::chart::{LegendEntry, LegendKey};

/// The fixed lengths of a legend entry, in device pixels.
struct Metrics {
    /// Width of the key.
    key_width: f64,
    /// Gap between the key and the text.
    key_gap: f64,
    /// Gap after an entry.
    entry_gap: f64,
    /// Height of a row.
    row: f64,
}

impl Metrics {
    fn new(page: &Page<'_>) -> Self {
        let unit = page.unit;
        Self {
            key_width: 30.0 * unit,
            key_gap: 8.0 * unit,
            entry_gap: 28.0 * unit,
            row: page.size.legend * 1.75,
        }
    }
}

/// The legend's entries and their arrangement.
pub(super) struct Legend<'a> {
    entries: &'a [LegendEntry],
    /// Each entry's full width in one row.
    widths: Vec<f64>,
    one_row: bool,
    columns: usize,
    column_width: f64,
    top: f64,
}

impl<'a> Legend<'a> {
    /// Arranges the entries in one row or in columns, and takes their room
    /// from the bottom of the canvas.
    pub(super) fn place(page: &Page<'_>, entries: &'a [LegendEntry], bottom: &mut f64) -> Self {
        let m = Metrics::new(page);
        let inner_width = page.inner_width;
        let widths: Vec<f64> = entries
            .iter()
            .map(|e| {
                m.key_width
                    + m.key_gap
                    + page.fonts.width(&legend_text(e), page.size.legend, false)
                    + m.entry_gap
            })
            .collect();
        let one_row = widths.iter().sum::<f64>() - m.entry_gap <= inner_width;
        let (columns, column_width) = if one_row {
            (entries.len().max(1), 0.0)
        } else {
            // Many entries go in columns at most half the width; long labels
            // are shortened (their figures are kept) rather than taking a row each.
            let mut widest = widths.iter().copied().fold(0.0, f64::max);
            if entries.len() >= 4 {
                widest = widest.min((inner_width + m.entry_gap) * 0.5);
            }
            let columns = ((inner_width + m.entry_gap) / widest).floor().max(1.0);
            (
                usize::try_from(px(columns)).unwrap_or(1).max(1),
                (inner_width + m.entry_gap) / columns,
            )
        };
        let rows = entries.len().div_ceil(columns);
        *bottom -= rows as f64 * m.row;
        let top = *bottom;
        if rows > 0 {
            *bottom -= 14.0 * page.unit;
        }
        Self {
            entries,
            widths,
            one_row,
            columns,
            column_width,
            top,
        }
    }

    /// Draws the entries row by row from the left margin.
    pub(super) fn draw(&self, scene: &mut Scene, page: &Page<'_>) {
        let m = Metrics::new(page);
        let (unit, size) = (page.unit, page.size.legend);
        let mut column = 0;
        let mut row_top = self.top;
        let mut at = page.margin;
        for (entry, width) in self.entries.iter().zip(&self.widths) {
            if column == self.columns {
                column = 0;
                row_top += m.row;
                at = page.margin;
            }
            let middle = row_top + m.row / 2.0;
            match entry.key {
                LegendKey::Line => scene.line(
                    vec![(at, middle), (at + m.key_width, middle)],
                    3.0 * unit,
                    entry.colour,
                ),
                LegendKey::Swatch => {
                    let half = 8.0 * unit;
                    scene.rect(
                        (at + m.key_width / 2.0 - half, middle - half),
                        (at + m.key_width / 2.0 + half, middle + half),
                        entry.colour,
                    );
                }
            }
            let cell = if self.one_row {
                *width
            } else {
                self.column_width
            };
            let text_width = cell - m.key_width - m.key_gap - m.entry_gap;
            let label = fit_legend(page.fonts, entry, size, text_width.max(10.0 * unit));
            scene.text(
                page.fonts,
                Label {
                    text: &label,
                    x: at + m.key_width + m.key_gap,
                    baseline: middle + CAP_HEIGHT * size / 2.0,
                    align: Align::Left,
                    size,
                    bold: false,
                    colour: page.text,
                },
            );
            at += cell;
            column += 1;
        }
    }
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
