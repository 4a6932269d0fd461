//! Benefits by category: a bar chart of each benefit line's total over the
//! horizon (in the chosen view), and each category's formula written out
//! with the scenario's own numbers, e.g.
//! "12 x 6 x USD 9,000 x 35 % = USD 226,800 a year".

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, GridMark, Plot};

use crate::format::{self, formulas};
use crate::gui::theme;
use crate::gui::widgets::{axes, view_toggle};
use crate::gui::workspace::Workspace;

/// The width kept for the benefit lines' names left of the bars.
const LABEL_AXIS_WIDTH: f32 = 150.0;

/// Shows the chart and the formulas of the active document.
pub fn show(ui: &mut Ui, ws: &Workspace, out: &mut Vec<crate::gui::command::Command>) {
    view_toggle(ui, ws.view, out);
    let Some(doc) = ws.active_doc() else {
        ui.label("Open or create a scenario to see its benefits.");
        return;
    };
    let s = doc.scenario();
    let table = &doc.results().view(ws.view).table;
    ui.label(
        RichText::new(format!(
            "Benefits by category over {} months, {}",
            s.horizon_months,
            ws.view.label().to_lowercase()
        ))
        .strong(),
    );
    let rows: Vec<_> = table.benefit_rows.iter().collect();
    let bars: Vec<Bar> = rows
        .iter()
        .rev()
        .enumerate()
        .map(|(i, row)| {
            Bar::new(i as f64, crate::chart::plot_value(row.total))
                .name(format!(
                    "{}: {}",
                    row.label,
                    format::money(&s.currency, row.total)
                ))
                .fill(theme::programme(row.programme))
        })
        .collect();
    let labels: Vec<String> = rows.iter().rev().map(|r| r.label.to_string()).collect();
    let currency = s.currency.clone();
    // One row of the chart per benefit line, every line labelled.
    let chart_height = 26.0 * rows.len() as f32 + 50.0;
    let bar_count = rows.len();
    // Money marks far enough apart for their labels on the plot's width
    // (egui's own marks ran `USD 100,000USD 200,000` together).
    let plot_width = (ui.available_width() - LABEL_AXIS_WIDTH).max(100.0);
    Plot::new("benefits-by-category")
        .height(chart_height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_double_click_reset(false)
        .allow_boxed_zoom(false)
        .show_x(false)
        .show_y(false)
        .show_grid([true, false])
        .y_axis_min_width(LABEL_AXIS_WIDTH)
        .y_grid_spacer(move |_| {
            (0..bar_count)
                .map(|i| GridMark {
                    value: i as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .y_axis_formatter(axes::row_labels(labels))
        .x_grid_spacer(axes::nice_steps(axes::money_ticks(plot_width)))
        .x_axis_formatter(axes::money(currency))
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new("Benefits", bars)
                    .horizontal()
                    .width(0.7)
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
        })
        .response
        .on_hover_text("Blue: TEM. Green: TDM. Grey: custom lines realised in full, and synergy.");
    ui.add_space(theme::space(3.0));
    ui.label(RichText::new("Annual saving of each category at today's prices").strong())
        .on_hover_text("Each month then realises A x (1 + growth)^y x f(t) / 12, times (1 - risk) in the risk-adjusted view.");
    egui::Grid::new("formulas-grid")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for (label, formula) in formulas(s) {
                ui.label(label);
                ui.add(egui::Label::new(RichText::new(formula).monospace()).wrap());
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn the_infrastructure_formula_shows_its_numbers() {
        let mut s = crate::io::default_scenario().unwrap();
        let b = &mut s.benefits.tem_infrastructure;
        b.environments = 12;
        b.servers_per_environment = Decimal::from(6);
        b.cost_per_server_year = Decimal::from(9000);
        b.reduction = Decimal::new(35, 2);
        s.currency = "USD".into();
        let (_, formula) = &formulas(&s)[0];
        assert_eq!(formula, "12 x 6 x USD 9,000 x 35 % = USD 226,800 a year");
    }
}
