//! Payback curves: the cumulative net cash flow by month of every scenario
//! in the comparison set on one plot, with the zero line, each payback
//! point marked, a legend in the scenarios' colours, and hover showing the
//! month, its date and the exact value. Amounts become `f64` here, at the
//! draw, and nowhere else; the hover text is written from the exact cells.

use egui::Ui;
use egui_plot::{HLine, HoverPosition, Legend, Line, MarkerShape, Plot, PlotPoints, Points};
use rust_decimal::Decimal;

use crate::format;
use crate::io::csv_out::unique_names;
use crate::model::{Results, View};

use crate::gui::command::Command;
use crate::gui::document::Document;
use crate::gui::theme;
use crate::gui::widgets::view_toggle;
use crate::gui::workspace::Workspace;

/// One curve: its legend name, colour, currency and results.
pub struct Curve<'a> {
    /// Legend name (unique on the chart).
    pub name: String,
    /// Series colour.
    pub colour: egui::Color32,
    /// Currency code for hover text.
    pub currency: &'a str,
    /// The scenario's results.
    pub results: &'a Results,
}

/// The curves of the comparison set, with names made unique.
#[must_use]
pub fn curves<'a>(docs: &[&'a Document]) -> Vec<Curve<'a>> {
    let names = unique_names(docs.iter().map(|d| d.title()));
    docs.iter()
        .zip(names)
        .map(|(d, name)| Curve {
            name,
            colour: theme::series(d.colour),
            currency: &d.scenario().currency,
            results: d.results(),
        })
        .collect()
}

/// A position on the plot (the program's one `Decimal` to `f64` step).
fn to_f64(d: Decimal) -> f64 {
    crate::chart::plot_value(d)
}

/// Shows the plot of the comparison set.
pub fn show(ui: &mut Ui, ws: &Workspace, out: &mut Vec<Command>) {
    view_toggle(ui, ws.view, out);
    let docs = ws.compared_docs();
    if docs.is_empty() {
        ui.label("No scenario is in the comparison set: tick Compare beside a scenario above.");
        return;
    }
    let curves = curves(&docs);
    let view = ws.view;
    // Each scenario's payback beside a swatch of its colour; the text stays
    // in the theme's colour so that light series colours remain readable.
    ui.horizontal_wrapped(|ui| {
        for c in &curves {
            let f = &c.results.view(view).figures;
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, c.colour);
            let cash = &c.results.view(view).cash;
            ui.label(if c.results.declares_capacity {
                format!(
                    "{}: payback {} (cash only {})",
                    c.name,
                    format::payback(f.payback_months),
                    format::payback(cash.cash_payback_months)
                )
            } else {
                format!("{}: payback {}", c.name, format::payback(f.payback_months))
            });
            ui.add_space(theme::space(3.0));
        }
    });
    let hover_curves: Vec<(String, String, Results)> = curves
        .iter()
        .map(|c| (c.name.clone(), c.currency.to_owned(), c.results.clone()))
        .collect();
    let axis_currency = curves
        .first()
        .map(|c| c.currency.to_owned())
        .unwrap_or_default();
    let dark = ui.visuals().dark_mode;
    Plot::new("payback-curves")
        .legend(
            Legend::default()
                .position(egui_plot::Corner::LeftTop)
                .follow_insertion_order(true),
        )
        .grid_spacing(24.0..=300.0)
        .allow_scroll(false)
        .x_axis_label("Month")
        .y_axis_min_width(90.0)
        .x_axis_formatter(|mark, _| {
            if mark.value >= 0.0 && (mark.value - mark.value.round()).abs() < 1e-9 {
                format!("{}", mark.value.round())
            } else {
                String::new()
            }
        })
        .y_axis_formatter(move |mark, _| {
            Decimal::from_f64_retain(mark.value)
                .map(|d| format::money_whole(&axis_currency, d))
                .unwrap_or_default()
        })
        .label_formatter(move |pos| hover_text(&hover_curves, view, pos))
        .show(ui, |plot| {
            plot.hline(HLine::new("", 0.0).color(theme::zero_line(dark)).width(1.0));
            for c in &curves {
                let cumulative = &c.results.view(view).table.cumulative;
                let points: PlotPoints = cumulative
                    .iter()
                    .enumerate()
                    .map(|(t, v)| [t as f64, to_f64(*v)])
                    .collect();
                plot.line(Line::new(c.name.clone(), points).color(c.colour).width(2.0));
                // The cash-only curve (MODEL.md 11.2), dashed, of a file
                // that separates cash from capacity.
                if c.results.declares_capacity {
                    let rows = crate::model::cash::cash_rows(&c.results.view(view).table);
                    let points: PlotPoints = rows
                        .cash_cumulative
                        .iter()
                        .enumerate()
                        .map(|(t, v)| [t as f64, to_f64(*v)])
                        .collect();
                    plot.line(
                        Line::new(format!("{} (cash only)", c.name), points)
                            .color(c.colour)
                            .width(1.5)
                            .style(egui_plot::LineStyle::dashed_loose()),
                    );
                }
                if let Some(months) = c.results.view(view).figures.payback_months {
                    plot.points(
                        Points::new(c.name.clone(), vec![[to_f64(months), 0.0]])
                            .shape(MarkerShape::Diamond)
                            .radius(6.0)
                            .color(c.colour),
                    );
                }
            }
        });
}

/// The hover text: scenario, month number, its date, and the exact
/// cumulative value from the cells (not from the plotted float).
fn hover_text(
    curves: &[(String, String, Results)],
    view: View,
    pos: &HoverPosition<'_>,
) -> Option<String> {
    let HoverPosition::NearDataPoint {
        plot_name,
        position,
        ..
    } = pos
    else {
        return None;
    };
    let (name, currency, results) = curves.iter().find(|(n, _, _)| n == plot_name)?;
    let table = &results.view(view).table;
    let t = position.x.round();
    if !(0.0..=f64::from(results.horizon_months)).contains(&t) {
        return None;
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "t is a whole month inside 0..=H"
    )]
    let month = t as u32;
    let value = table.cumulative.get(month as usize)?;
    let payback = results.view(view).figures.payback_months;
    let at_payback =
        payback.is_some_and(|p| (to_f64(p) - position.x).abs() < 1e-9 && position.y == 0.0);
    if at_payback {
        return Some(format!(
            "{name}\npays back after {}",
            format::payback(payback)
        ));
    }
    Some(format!(
        "{name}\nmonth {month} ({})\ncumulative {}",
        format::month_label(results.start, month),
        format::money(currency, *value)
    ))
}
