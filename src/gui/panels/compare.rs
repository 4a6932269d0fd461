//! The compare view: the risk-adjusted figures of the scenarios in the
//! comparison set side by side, each with its delta against a chosen base,
//! and the inputs whose values differ between them highlighted.

use egui::{Grid, RichText, ScrollArea, Ui};
use rust_decimal::Decimal;

use crate::format;
use crate::io::csv_out::unique_names;
use crate::model::{Scenario, ViewResults, inputs};

use crate::gui::command::Command;
use crate::gui::document::Document;
use crate::gui::field::display;
use crate::gui::theme;
use crate::gui::workspace::Workspace;

/// Shows the comparison of the comparison set.
pub fn show(ui: &mut Ui, ws: &Workspace, out: &mut Vec<Command>) {
    let docs = ws.compared_docs();
    if docs.is_empty() {
        ui.label("No scenario is in the comparison set: tick Compare beside a scenario above.");
        return;
    }
    let names = unique_names(docs.iter().map(|d| d.title()));
    let base_index = docs.iter().position(|d| Some(d.id) == ws.base).unwrap_or(0);
    let base = docs[base_index];
    ui.horizontal(|ui| {
        let label = ui.label("Deltas against:");
        egui::ComboBox::from_id_salt("compare-base")
            .selected_text(&names[base_index])
            .show_ui(ui, |ui| {
                for (d, name) in docs.iter().zip(&names) {
                    if ui
                        .selectable_label(d.id == base.id, name.as_str())
                        .clicked()
                    {
                        out.push(Command::SetCompareBase(d.id));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    ScrollArea::both()
        .id_salt("compare-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(RichText::new("Risk-adjusted figures").strong());
            figures_grid(ui, &docs, &names, base_index);
            ui.add_space(theme::space(4.0));
            ui.label(RichText::new("Inputs that differ").strong());
            inputs_grid(ui, &docs, &names, base_index);
        });
}

fn header(ui: &mut Ui, docs: &[&Document], names: &[String], base_index: usize) {
    ui.label(RichText::new("Scenario").strong());
    for (i, (d, name)) in docs.iter().zip(names).enumerate() {
        let title = if i == base_index {
            format!("{name} (base)")
        } else {
            name.clone()
        };
        ui.label(RichText::new(title).strong().color(theme::series(d.colour)))
            .on_hover_text(d.file_label());
    }
    ui.end_row();
}

fn figures_grid(ui: &mut Ui, docs: &[&Document], names: &[String], base_index: usize) {
    let rows: [(&str, Metric); 11] = [
        ("NPV", Metric::Money(|v| v.figures.npv, false)),
        ("ROI", Metric::Percent(|v| v.figures.roi)),
        ("Payback", Metric::Months(|v| v.figures.payback_months)),
        ("IRR", Metric::Percent(|v| v.figures.irr_annual)),
        (
            "Total benefits",
            Metric::Money(|v| v.figures.total_benefits, false),
        ),
        (
            "Total costs",
            Metric::Money(|v| v.figures.total_costs, true),
        ),
        ("Net total", Metric::Money(|v| v.figures.net_total, false)),
        (
            "PV of benefits",
            Metric::Money(|v| v.figures.pv_benefits, false),
        ),
        ("PV of costs", Metric::Money(|v| v.figures.pv_costs, true)),
        ("NPV, cash only", Metric::Money(|v| v.cash.cash_npv, false)),
        (
            "Payback, cash only",
            Metric::Months(|v| v.cash.cash_payback_months),
        ),
    ];
    Grid::new("compare-figures")
        .striped(true)
        .min_col_width(120.0)
        .spacing([theme::space(4.0), theme::space(1.5)])
        .show(ui, |ui| {
            header(ui, docs, names, base_index);
            let base = &docs[base_index].results().adjusted;
            for (title, metric) in rows {
                ui.label(title);
                for (i, d) in docs.iter().enumerate() {
                    let f = &d.results().adjusted;
                    let currency = &d.scenario().currency;
                    ui.vertical(|ui| {
                        ui.label(RichText::new(metric.text(f, currency)).monospace())
                            .on_hover_text(format!("{}: {title}", names[i]));
                        if i != base_index
                            && let Some((delta, better)) = metric.delta(f, base, currency)
                        {
                            let colour = if better {
                                theme::positive()
                            } else {
                                theme::negative()
                            };
                            ui.label(RichText::new(delta).color(colour));
                        }
                    });
                }
                ui.end_row();
            }
        });
}

/// How a metric row is shown and differenced.
#[derive(Clone, Copy)]
enum Metric {
    /// An amount; `true` when less is better (costs).
    Money(fn(&ViewResults) -> Decimal, bool),
    Percent(fn(&ViewResults) -> Option<Decimal>),
    Months(fn(&ViewResults) -> Option<Decimal>),
}

impl Metric {
    fn text(self, f: &ViewResults, currency: &str) -> String {
        match self {
            Self::Money(get, _) => format::money_whole(currency, get(f)),
            Self::Percent(get) => format::percent_or(get(f), "undefined"),
            Self::Months(get) => format::payback(get(f)),
        }
    }

    /// The signed difference from the base, and whether it is an
    /// improvement (more money or return, sooner payback; less cost).
    fn delta(self, f: &ViewResults, base: &ViewResults, currency: &str) -> Option<(String, bool)> {
        let sign = |d: Decimal| if d.is_sign_negative() { "" } else { "+" };
        match self {
            Self::Money(get, lower_is_better) => {
                let d = get(f) - get(base);
                if d.is_zero() {
                    return None;
                }
                let better = d.is_sign_positive() != lower_is_better;
                Some((
                    format!("{}{}", sign(d), format::money_whole(currency, d)),
                    better,
                ))
            }
            Self::Percent(get) => {
                let d = get(f)? - get(base)?;
                if d.is_zero() {
                    return None;
                }
                let points = crate::format::number(d * Decimal::ONE_HUNDRED, 2);
                Some((format!("{}{points} points", sign(d)), d.is_sign_positive()))
            }
            Self::Months(get) => {
                let d = get(f)? - get(base)?;
                if d.is_zero() {
                    return None;
                }
                let months = crate::format::number(d, 2);
                Some((format!("{}{months} months", sign(d)), d.is_sign_negative()))
            }
        }
    }
}

/// Every compared field of a scenario as (label, shown value) pairs: the
/// general settings, the programmes, then every catalogued numeric input.
fn fields(s: &Scenario) -> Vec<(String, String)> {
    let mut out = vec![
        ("Currency".to_owned(), s.currency.clone()),
        ("Start month".to_owned(), s.start.to_string()),
        ("Horizon".to_owned(), format!("{} months", s.horizon_months)),
        ("Discounting".to_owned(), format!("{:?}", s.discounting)),
    ];
    for (short, p) in [("TEM", &s.tem), ("TDM", &s.tdm)] {
        out.push((
            format!("{short} enabled"),
            if p.enabled { "yes" } else { "no" }.to_owned(),
        ));
        out.push((
            format!("{short} go-live month"),
            p.go_live_month.to_string(),
        ));
        out.push((format!("{short} pilot months"), p.pilot_months.to_string()));
        out.push((
            format!("{short} pilot coverage"),
            format!("{} %", display(p.pilot_coverage, inputs::Unit::Fraction)),
        ));
        out.push((
            format!("{short} rollout months"),
            p.rollout_months.to_string(),
        ));
    }
    for spec in inputs::numeric_inputs(s) {
        let value = inputs::get(s, &spec.path).unwrap_or_default();
        let shown = match spec.unit {
            inputs::Unit::Fraction => format!("{} %", display(value, spec.unit)),
            inputs::Unit::Money => crate::format::money_as_entered(&s.currency, value),
            inputs::Unit::Months
            | inputs::Unit::Count
            | inputs::Unit::Quantity
            | inputs::Unit::Fte
            | inputs::Unit::Terabytes
            | inputs::Unit::Hours => crate::format::number_as_entered(value),
        };
        out.push((spec.label, shown));
    }
    out
}

fn inputs_grid(ui: &mut Ui, docs: &[&Document], names: &[String], base_index: usize) {
    let per_doc: Vec<Vec<(String, String)>> = docs.iter().map(|d| fields(d.scenario())).collect();
    let mut labels: Vec<String> = Vec::new();
    for list in &per_doc {
        for (label, _) in list {
            if !labels.contains(label) {
                labels.push(label.clone());
            }
        }
    }
    let value_of = |i: usize, label: &str| -> String {
        per_doc[i]
            .iter()
            .find(|(l, _)| l == label)
            .map_or_else(|| "(none)".to_owned(), |(_, v)| v.clone())
    };
    let differing: Vec<&String> = labels
        .iter()
        .filter(|label| {
            let first = value_of(0, label);
            (1..docs.len()).any(|i| value_of(i, label) != first)
        })
        .collect();
    if differing.is_empty() {
        ui.label(if docs.len() < 2 {
            "Add a second scenario to the comparison set to see which inputs differ."
        } else {
            "The compared scenarios have the same inputs."
        });
        return;
    }
    let highlight = theme::warning().gamma_multiply(0.25);
    Grid::new("compare-inputs")
        .striped(true)
        .min_col_width(120.0)
        .spacing([theme::space(4.0), theme::space(1.5)])
        .show(ui, |ui| {
            header(ui, docs, names, base_index);
            for label in differing {
                ui.label(label.as_str());
                let base_value = value_of(base_index, label);
                for i in 0..docs.len() {
                    let value = value_of(i, label);
                    let mut text = RichText::new(&value).monospace();
                    if i != base_index && value != base_value {
                        text = text.background_color(highlight).strong();
                    }
                    ui.label(text);
                }
                ui.end_row();
            }
        });
}
