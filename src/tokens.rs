//! Design tokens: every colour and spacing the app and the exported charts
//! use, in one place. Plain RGB values, so the headless chart renderer and
//! the egui app share them without either depending on the other.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Colours of scenarios in a comparison, in order (colour-blind-safe,
/// after the Okabe-Ito palette); the ninth scenario reuses the first.
pub const SERIES: [Rgb; 8] = [
    Rgb(0, 114, 178),   // blue
    Rgb(213, 94, 0),    // vermilion
    Rgb(0, 158, 115),   // bluish green
    Rgb(204, 121, 167), // reddish purple
    Rgb(230, 159, 0),   // orange
    Rgb(86, 180, 233),  // sky blue
    Rgb(120, 94, 60),   // brown
    Rgb(90, 90, 90),    // grey
];

/// The colour of the `index`-th scenario.
#[must_use]
pub fn series(index: usize) -> Rgb {
    SERIES[index % SERIES.len()]
}

/// Gains: benefits, positive NPV.
pub const POSITIVE: Rgb = Rgb(0, 140, 90);
/// Losses: costs, negative NPV, errors.
pub const NEGATIVE: Rgb = Rgb(200, 50, 40);
/// Warnings (IRR not unique, unsaved changes).
pub const WARNING: Rgb = Rgb(200, 130, 0);
/// TEM categories in breakdown charts.
pub const TEM: Rgb = Rgb(0, 114, 178);
/// TDM categories in breakdown charts.
pub const TDM: Rgb = Rgb(0, 158, 115);
/// Lines that belong to neither programme (custom lines, synergy).
pub const NEUTRAL: Rgb = Rgb(120, 120, 120);

/// Chart background (exports are always light, for documents).
pub const CHART_BACKGROUND: Rgb = Rgb(255, 255, 255);
/// Chart text.
pub const CHART_TEXT: Rgb = Rgb(33, 37, 41);
/// Chart grid lines.
pub const CHART_GRID: Rgb = Rgb(225, 228, 232);
/// The zero line.
pub const CHART_ZERO: Rgb = Rgb(60, 60, 60);

/// Spacing unit in points; other spacings are multiples of it.
pub const SPACE: f32 = 4.0;
/// Corner radius of cards.
pub const CARD_RADIUS: f32 = 6.0;
/// Width of the inputs side panel, in points.
pub const INPUT_PANEL_WIDTH: f32 = 420.0;
