//! The annual summary of the active scenario in the chosen view: year 0
//! (the upfront instant) then each year, with benefits, costs, net,
//! cumulative, the discount factor and the present value, and a total row
//! whose present value is the NPV.

use egui::{Grid, RichText, Ui};
use rust_decimal::Decimal;

use crate::model::decimal::{fixed, grouped};

use crate::gui::theme;
use crate::gui::workspace::Workspace;

/// Shows the annual table of the active document.
pub fn show(ui: &mut Ui, ws: &Workspace) {
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
            Grid::new("annual-grid")
                .num_columns(7)
                .striped(true)
                .min_col_width(90.0)
                .spacing([theme::space(4.0), theme::space(1.5)])
                .show(ui, |ui| {
                    for title in [
                        "Year",
                        "Benefits",
                        "Costs",
                        "Net",
                        "Cumulative",
                        "Discount factor",
                        "Present value",
                    ] {
                        ui.label(RichText::new(title).strong());
                    }
                    ui.end_row();
                    for row in &view.years {
                        ui.label(if row.year == 0 {
                            "0 (upfront)".to_owned()
                        } else {
                            row.year.to_string()
                        });
                        for v in [row.benefits, row.costs, row.net, row.cumulative] {
                            money(ui, v);
                        }
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            ui.label(RichText::new(fixed(row.discount_factor, 6)).monospace());
                        });
                        money(ui, row.present_value);
                        ui.end_row();
                    }
                    let sum = |f: fn(&crate::model::YearRow) -> Decimal| -> Decimal {
                        view.years.iter().map(f).sum()
                    };
                    ui.label(RichText::new("Total").strong());
                    money(ui, sum(|r| r.benefits));
                    money(ui, sum(|r| r.costs));
                    money(ui, sum(|r| r.net));
                    ui.label("-");
                    ui.label("-");
                    money(ui, sum(|r| r.present_value));
                    ui.end_row();
                });
            ui.add_space(theme::space(2.0));
            ui.label(
                RichText::new(format!(
                    "NPV {} (present values are summed unrounded, then rounded)",
                    crate::format::money(&s.currency, view.figures.npv)
                ))
                .small(),
            );
        });
}

fn money(ui: &mut Ui, v: Decimal) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        let mut text = RichText::new(grouped(v, 2)).monospace();
        if v.is_sign_negative() && !v.is_zero() {
            text = text.color(theme::negative());
        }
        ui.label(text);
    });
}
