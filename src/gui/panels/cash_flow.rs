//! The monthly cash-flow table of the active scenario in either view: one
//! row per month (0 to H, up to 121 rows), one column per benefit line and
//! cost line, then the totals, net and cumulative. The header stays in
//! place while the rows scroll, and only the visible rows are laid out.

use egui::{Align, Layout, RichText, ScrollArea, Ui, vec2};

use crate::gui::command::Command;
use crate::gui::theme;
use crate::gui::widgets::{cell, view_toggle};
use crate::gui::workspace::Workspace;

/// Width of a money column, in points.
const MONEY_WIDTH: f32 = 112.0;
/// Width of the month number column.
const INDEX_WIDTH: f32 = 40.0;
/// Width of the month label column.
const MONTH_WIDTH: f32 = 72.0;
/// Height of a body row.
const ROW_HEIGHT: f32 = 20.0;
/// Height of the header: two lines of small text.
const HEADER_HEIGHT: f32 = 30.0;

/// Shows the table of the active document in the chosen view.
pub fn show(ui: &mut Ui, ws: &Workspace, out: &mut Vec<Command>) {
    view_toggle(ui, ws.view, out);
    let Some(doc) = ws.active_doc() else {
        ui.label("Open or create a scenario to see its cash flow.");
        return;
    };
    let results = doc.results();
    let table = &results.view(ws.view).table;
    ui.label(
        RichText::new(format!(
            "Monthly cash flow, {}, in {} (every cell rounded to the cent; totals are sums of cells)",
            ws.view.label().to_lowercase(),
            doc.scenario().currency
        ))
        .small(),
    );
    let mut headers: Vec<(String, f32)> = vec![
        ("#".to_owned(), INDEX_WIDTH),
        ("Month".to_owned(), MONTH_WIDTH),
    ];
    headers.extend(
        table
            .benefit_rows
            .iter()
            .map(|r| (r.label.to_string(), MONEY_WIDTH)),
    );
    headers.push(("Total benefits".to_owned(), MONEY_WIDTH));
    headers.extend(
        table
            .cost_rows
            .iter()
            .map(|r| (r.label.to_string(), MONEY_WIDTH)),
    );
    for title in ["Total costs", "Net", "Cumulative"] {
        headers.push((title.to_owned(), MONEY_WIDTH));
    }
    let spacing = ui.spacing().item_spacing.x;
    let total_width: f32 = headers.iter().map(|(_, w)| w + spacing).sum();
    let rows = results.horizon_months as usize + 1;
    ScrollArea::horizontal()
        .id_salt("cash-flow-h")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.set_min_width(total_width);
            ui.spacing_mut().item_spacing.y = 2.0;
            ui.horizontal(|ui| {
                ui.set_height(HEADER_HEIGHT);
                for (i, (title, width)) in headers.iter().enumerate() {
                    // Titles sit on the bottom line, aligned like their column.
                    let layout = if i < 2 {
                        Layout::bottom_up(Align::Min)
                    } else {
                        Layout::bottom_up(Align::Max)
                    };
                    ui.allocate_ui_with_layout(vec2(*width, HEADER_HEIGHT), layout, |ui| {
                        ui.set_width(*width);
                        ui.add(egui::Label::new(RichText::new(title).strong().small()).wrap());
                    });
                }
            });
            ui.separator();
            ScrollArea::vertical()
                .id_salt("cash-flow-v")
                .auto_shrink([false, false])
                .show_rows(ui, ROW_HEIGHT, rows, |ui, range| {
                    for t in range {
                        ui.horizontal(|ui| {
                            ui.set_height(ROW_HEIGHT);
                            let month = u32::try_from(t).unwrap_or(0);
                            cell(ui, INDEX_WIDTH, ROW_HEIGHT, Align::Max, |ui| {
                                ui.label(t.to_string());
                            });
                            cell(ui, MONTH_WIDTH, ROW_HEIGHT, Align::Min, |ui| {
                                ui.label(crate::format::month_label(results.start, month));
                            });
                            let money = |ui: &mut Ui, v: rust_decimal::Decimal, strong: bool| {
                                cell(ui, MONEY_WIDTH, ROW_HEIGHT, Align::Max, |ui| {
                                    let mut text =
                                        RichText::new(crate::format::number(v, 2)).monospace();
                                    if strong {
                                        text = text.strong();
                                    }
                                    if v.is_sign_negative() && !v.is_zero() {
                                        text = text.color(theme::negative());
                                    }
                                    ui.label(text);
                                });
                            };
                            for r in &table.benefit_rows {
                                money(ui, r.cells[t], false);
                            }
                            money(ui, table.benefits[t], true);
                            for r in &table.cost_rows {
                                money(ui, r.cells[t], false);
                            }
                            money(ui, table.costs[t], true);
                            money(ui, table.net[t], true);
                            money(ui, table.cumulative[t], true);
                        });
                    }
                });
        });
}
