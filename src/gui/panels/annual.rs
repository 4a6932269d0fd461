//! The annual summary of the active scenario in the chosen view: year 0
//! (the upfront instant) then each year, with benefits, costs, net,
//! cumulative, the discount factor and the present value, and a total row
//! whose present value is the NPV.

use egui::{Align, RichText, Ui};
use egui_plot::{Bar, BarChart, GridMark, Legend, Plot};
use rust_decimal::Decimal;

use crate::model::YearRow;

use crate::gui::command::Command;
use crate::gui::theme;
use crate::gui::widgets::{cell, view_toggle};
use crate::gui::workspace::Workspace;

/// Width of the year column, in points.
const YEAR_WIDTH: f32 = 90.0;
/// Width of a number column.
const NUMBER_WIDTH: f32 = 130.0;
/// Height of a row.
const ROW_HEIGHT: f32 = 22.0;

/// Shows the annual table of the active document.
pub fn show(ui: &mut Ui, ws: &Workspace, out: &mut Vec<Command>) {
    view_toggle(ui, ws.view, out);
    let Some(doc) = ws.active_doc() else {
        ui.label("Open or create a scenario to see its annual summary.");
        return;
    };
    let view = doc.results().view(ws.view);
    let s = doc.scenario();
    ui.label(
        RichText::new(format!(
            "Annual summary, {}, in {}; discount rate {} a year, {} discounting",
            ws.view.label().to_lowercase(),
            s.currency,
            crate::format::percent(s.discount_rate, 2),
            match s.discounting {
                crate::model::Discounting::Annual => "year-end",
                crate::model::Discounting::Monthly => "monthly",
            }
        ))
        .small(),
    );
    egui::ScrollArea::both()
        .id_salt("annual-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.spacing_mut().item_spacing.y = 2.0;
            ui.horizontal(|ui| {
                cell(ui, YEAR_WIDTH, ROW_HEIGHT, Align::Min, |ui| {
                    ui.label(RichText::new("Year").strong());
                });
                for title in [
                    "Benefits",
                    "Costs",
                    "Net",
                    "Cumulative",
                    "Discount factor",
                    "Present value",
                ] {
                    cell(ui, NUMBER_WIDTH, ROW_HEIGHT, Align::Max, |ui| {
                        ui.label(RichText::new(title).strong());
                    });
                }
            });
            ui.separator();
            for row in &view.years {
                ui.horizontal(|ui| {
                    let year = if row.year == 0 {
                        "0 (upfront)".to_owned()
                    } else {
                        row.year.to_string()
                    };
                    cell(ui, YEAR_WIDTH, ROW_HEIGHT, Align::Min, |ui| {
                        ui.label(year);
                    });
                    for v in [row.benefits, row.costs, row.net, row.cumulative] {
                        money(ui, v, false);
                    }
                    cell(ui, NUMBER_WIDTH, ROW_HEIGHT, Align::Max, |ui| {
                        ui.label(
                            RichText::new(crate::format::number(row.discount_factor, 6))
                                .monospace(),
                        );
                    });
                    money(ui, row.present_value, false);
                });
            }
            ui.separator();
            let sum = |f: fn(&YearRow) -> Decimal| -> Decimal { view.years.iter().map(f).sum() };
            ui.horizontal(|ui| {
                cell(ui, YEAR_WIDTH, ROW_HEIGHT, Align::Min, |ui| {
                    ui.label(RichText::new("Total").strong());
                });
                money(ui, sum(|r| r.benefits), true);
                money(ui, sum(|r| r.costs), true);
                money(ui, sum(|r| r.net), true);
                ui.add_space(2.0 * (NUMBER_WIDTH + ui.spacing().item_spacing.x));
                money(ui, sum(|r| r.present_value), true);
            });
            ui.add_space(theme::space(3.0));
            ui.label(
                RichText::new(format!(
                    "NPV {}: the sum of the present values (summed unrounded, then rounded).",
                    crate::format::money(&s.currency, view.figures.npv)
                ))
                .small(),
            );
            ui.add_space(theme::space(3.0));
            cash_table(ui, &view.table);
            ui.add_space(theme::space(3.0));
            chart(ui, &view.years, &s.currency);
        });
}

/// The benefits of each year split into cash and capacity (MODEL.md
/// 11.2), with the cash-only net and cumulative.
fn cash_table(ui: &mut Ui, table: &crate::model::Table) {
    let rows = crate::model::cash::cash_rows(table);
    let years = rows.cash_net.len().saturating_sub(1).div_ceil(12) + 1;
    let mut sums = vec![[Decimal::ZERO; 3]; years];
    for t in 0..rows.cash_net.len() {
        let y = &mut sums[t.div_ceil(12)];
        y[0] += rows.cash_benefits[t];
        y[1] += rows.capacity_benefits[t];
        y[2] += rows.cash_net[t];
    }
    ui.label(RichText::new("Cash and capacity").strong()).on_hover_text(
        "Cash benefits remove spend; capacity benefits are the recaptured share of freed time (and synergy). The cash net and cumulative leave capacity out.",
    );
    ui.horizontal(|ui| {
        cell(ui, YEAR_WIDTH, ROW_HEIGHT, Align::Min, |ui| {
            ui.label(RichText::new("Year").strong());
        });
        for title in [
            "Cash benefits",
            "Capacity benefits",
            "Cash net",
            "Cash cumulative",
        ] {
            cell(ui, NUMBER_WIDTH, ROW_HEIGHT, Align::Max, |ui| {
                ui.label(RichText::new(title).strong());
            });
        }
    });
    let mut cumulative = Decimal::ZERO;
    for (year, [cash, capacity, net]) in sums.into_iter().enumerate() {
        cumulative += net;
        ui.horizontal(|ui| {
            cell(ui, YEAR_WIDTH, ROW_HEIGHT, Align::Min, |ui| {
                ui.label(year.to_string());
            });
            for v in [cash, capacity, net, cumulative] {
                money(ui, v, false);
            }
        });
    }
}

/// Each year's net cash flow beside its present value. Amounts become
/// `f64` here, at the draw.
fn chart(ui: &mut Ui, years: &[YearRow], currency: &str) {
    let f = crate::chart::plot_value;
    let net_colour = theme::colour(crate::tokens::SERIES[0]);
    let pv_colour = theme::colour(crate::tokens::SERIES[2]);
    let net: Vec<Bar> = years
        .iter()
        .map(|r| {
            Bar::new(f64::from(r.year) - 0.18, f(r.net))
                .width(0.34)
                .fill(net_colour)
                .name(format!(
                    "Year {} net: {}",
                    r.year,
                    crate::format::money(currency, r.net)
                ))
        })
        .collect();
    let pv: Vec<Bar> = years
        .iter()
        .map(|r| {
            Bar::new(f64::from(r.year) + 0.18, f(r.present_value))
                .width(0.34)
                .fill(pv_colour)
                .name(format!(
                    "Year {} present value: {}",
                    r.year,
                    crate::format::money(currency, r.present_value)
                ))
        })
        .collect();
    let currency = currency.to_owned();
    let height = ui.available_height().clamp(200.0, 360.0);
    Plot::new("annual-chart")
        .height(height)
        .legend(Legend::default())
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .x_axis_label("Year")
        .y_axis_min_width(90.0)
        .x_grid_spacer(|input| {
            let (lo, hi) = input.bounds;
            #[expect(
                clippy::cast_possible_truncation,
                reason = "a few whole years, well inside i64"
            )]
            let (first, last) = (lo.ceil().max(0.0) as i64, hi.floor() as i64);
            (first..=last)
                .map(|y| GridMark {
                    value: y as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .x_axis_formatter(|mark, _| format!("{}", mark.value.round()))
        .y_axis_formatter(move |mark, _| {
            Decimal::from_f64_retain(mark.value)
                .map(|d| crate::format::money_whole(&currency, d))
                .unwrap_or_default()
        })
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new("Net", net)
                    .color(net_colour)
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
            plot.bar_chart(
                BarChart::new("Present value", pv)
                    .color(pv_colour)
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
        });
}

fn money(ui: &mut Ui, v: Decimal, strong: bool) {
    cell(ui, NUMBER_WIDTH, ROW_HEIGHT, Align::Max, |ui| {
        let mut text = RichText::new(crate::format::number(v, 2)).monospace();
        if strong {
            text = text.strong();
        }
        if v.is_sign_negative() && !v.is_zero() {
            text = text.color(theme::negative());
        }
        ui.label(text);
    });
}
