//! The rank sensitivity of a Monte Carlo run (MODEL.md 12.3): each drawn
//! input's Spearman rank correlation with the NPV, strongest first, with a
//! bar for its size. Unlike the tornado, it reflects declared correlations.

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use crate::gui::theme;
use crate::model::analysis::MonteCarloResults;

/// The rank sensitivity table of `r` (its heading is the caller's).
pub fn rank_table(ui: &mut Ui, r: &MonteCarloResults) {
    if r.rank_sensitivity.is_empty() {
        ui.label(RichText::new("No uncertain inputs.").weak());
        return;
    }
    ui.label(
        RichText::new(if r.correlated {
            "Spearman rank correlation of each drawn input with the NPV, with the declared correlations."
        } else {
            "Spearman rank correlation of each drawn input with the NPV."
        })
        .weak(),
    );
    let mut rows: Vec<_> = r.rank_sensitivity.iter().collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.rho.abs()));
    egui::Grid::new("rank-sensitivity")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for row in rows {
                ui.label(&row.label);
                ui.label(format!("{:+.4}", row.rho));
                let colour = if row.rho < Decimal::ZERO {
                    theme::negative()
                } else {
                    theme::positive()
                };
                let fraction = crate::chart::plot_value(row.rho.abs());
                #[expect(
                    clippy::cast_possible_truncation,
                    reason = "a width in points from a fraction between 0 and 1"
                )]
                let width = (fraction * 120.0) as f32;
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(120.0, 10.0), egui::Sense::hover());
                let bar = egui::Rect::from_min_size(rect.min, egui::vec2(width, 10.0));
                ui.painter().rect_filled(bar, 2.0, colour);
                ui.end_row();
            }
        });
}
