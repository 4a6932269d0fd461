//! The fan chart of a Monte Carlo run on screen (MODEL.md 12.3): the
//! cumulative net cash flow by month at P50 (solid) and P10 and P90
//! (dashed), from the same figures as `envroi montecarlo --fan-png`.
//! Amounts become `f64` only to be drawn.

use egui::{RichText, Ui};
use egui_plot::{Corner, HLine, Legend, Line, LineStyle, Plot, PlotPoints};
use rust_decimal::Decimal;

use super::axes;
use crate::chart::{FAN_TITLE, plot_value};
use crate::format;
use crate::gui::theme;
use crate::model::Scenario;
use crate::model::analysis::{FanPoint, MonteCarloResults};

/// Draws the fan chart of `r` under its title and caption, the three
/// `height` points tall together (the plot at least 100).
pub fn fan_plot(ui: &mut Ui, s: &Scenario, r: &MonteCarloResults, height: f32) {
    let top = ui.cursor().top();
    ui.label(RichText::new(FAN_TITLE).strong());
    let Some(last) = r.fan.last() else {
        ui.label(RichText::new("No months to show.").weak());
        return;
    };
    ui.label(
        RichText::new(format!(
            "Month {}: P10 {}, P50 {}, P90 {}",
            last.month,
            format::money_whole(&s.currency, last.p10),
            format::money_whole(&s.currency, last.p50),
            format::money_whole(&s.currency, last.p90),
        ))
        .weak(),
    );
    // The top tick label of the money axis stands half a line above the
    // plot: keep it off the caption.
    ui.add_space(8.0);
    let height = (height - (ui.cursor().top() - top)).max(100.0);
    let points = |pick: fn(&FanPoint) -> Decimal| -> PlotPoints<'static> {
        r.fan
            .iter()
            .map(|p| [f64::from(p.month), plot_value(pick(p))])
            .collect()
    };
    let currency = s.currency.clone();
    let dark = ui.visuals().dark_mode;
    Plot::new("analysis-fan")
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_double_click_reset(false)
        .legend(Legend::default().position(Corner::LeftTop))
        .x_grid_spacer(axes::nice_steps(8))
        .y_grid_spacer(axes::nice_steps(5))
        .y_axis_formatter(axes::money(currency))
        .x_axis_label("Month")
        .show(ui, |plot| {
            plot.hline(HLine::new("Zero", 0.0).color(theme::zero_line(dark)));
            plot.line(
                Line::new("P90", points(|p| p.p90))
                    .color(theme::series(1))
                    .style(LineStyle::dashed_loose()),
            );
            plot.line(
                Line::new("P50 (median)", points(|p| p.p50))
                    .color(theme::series(0))
                    .width(2.5),
            );
            plot.line(
                Line::new("P10", points(|p| p.p10))
                    .color(theme::series(1))
                    .style(LineStyle::dashed_loose()),
            );
        });
}
