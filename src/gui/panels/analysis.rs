//! What-if analysis of the active scenario: the sensitivity tornado, a
//! goal-seek panel (break-even of any numeric input for NPV = 0 or a payback
//! target) and a Monte Carlo run with a progress bar and Cancel, its shares
//! at a hurdle, payback month and ROI, its histogram, fan chart and rank
//! sensitivity. Two columns so that all of it fits a 1440x900 window: what
//! moves the NPV on the left (tornado, rank sensitivity, goal seek), the
//! simulation on the right. Every
//! figure comes from `model::analysis`, the same code as the `sensitivity`,
//! `breakeven` and `montecarlo` commands; amounts become `f64` only to be
//! drawn.
//!
//! The panel only reads: the analyses are document state
//! ([`Analyses`](crate::gui::analyses::Analyses)), computed off the UI
//! thread, and every button pushes a [`Command::Analysis`]. Results carry
//! the document revision they were computed from, so an edit makes them
//! stale: the tornado is recomputed (the app asks for it while this tab is
//! shown), the others offer to run again.

use egui::{Align2, RichText, Ui};
use egui_plot::{Bar, BarChart, Plot, PlotPoint, Text, VLine};
use rust_decimal::Decimal;

use crate::format;
use crate::model::Scenario;
use crate::model::analysis::MonteCarloResults;
use crate::model::inputs;

use crate::gui::command::{AnalysisRequest, Command};
use crate::gui::document::Document;
use crate::gui::theme;
use crate::gui::widgets::{axes, fan, ranks};
use crate::gui::workspace::Workspace;

/// An amount as a plot coordinate, through the chart module's one
/// conversion.
fn to_f64(d: Decimal) -> f64 {
    crate::chart::plot_value(d)
}

/// Shows the analyses of the active document.
pub fn show(ui: &mut Ui, ws: &Workspace, out: &mut Vec<Command>) {
    let Some(doc) = ws.active_doc() else {
        ui.label("Open or create a scenario to analyse it.");
        return;
    };
    let mut decision = Vec::new();
    let mut ask = |request| out.push(Command::Analysis(doc.id, request));
    // The height the tab shows without scrolling: the fan chart takes
    // what the Monte Carlo column leaves of it.
    let view_height = ui.available_height();
    egui::ScrollArea::vertical()
        .id_salt("analysis-scroll")
        .show(ui, |ui| {
            // What moves the NPV on the left (wider, for the tornado's
            // labels), the simulation on the right.
            let total = ui.available_width();
            let gap = 16.0;
            let left_width = ((total - gap) * 0.55).max(200.0);
            let right_width = (total - gap - left_width).max(200.0);
            ui.horizontal_top(|ui| {
                column(ui, left_width, |ui| {
                    tornado_section(ui, doc);
                    ui.separator();
                    egui::CollapsingHeader::new("Switching values and cost of delay")
                        .default_open(true)
                        .show(ui, |ui| {
                            crate::gui::widgets::switching::show(ui, doc, &mut decision);
                        });
                    if let Some((_, Ok(r))) = &doc.analyses.monte_carlo {
                        ui.separator();
                        egui::CollapsingHeader::new("Rank correlation with NPV (Monte Carlo)")
                            .default_open(true)
                            .show(ui, |ui| ranks::rank_table(ui, r));
                    }
                    ui.separator();
                    goal_seek_section(ui, doc, &mut ask);
                });
                ui.add_space(gap);
                column(ui, right_width, |ui| {
                    monte_carlo_section(ui, doc, &mut ask, view_height);
                });
            });
        });
    out.extend(decision);
}

/// A column of the tab, `width` points wide, laid out top to bottom.
fn column(ui: &mut Ui, width: f32, add: impl FnOnce(&mut Ui)) {
    ui.allocate_ui_with_layout(
        egui::vec2(width, 0.0),
        egui::Layout::top_down(egui::Align::Min),
        |ui| {
            ui.set_width(width);
            add(ui);
        },
    );
}

/// What the tornado says while it is being computed.
pub const TORNADO_COMPUTING: &str = "Computing the sensitivity of each input...";

fn tornado_section(ui: &mut Ui, doc: &Document) {
    let s = doc.scenario();
    ui.label(RichText::new("Sensitivity of the risk-adjusted NPV").strong());
    let Some(result) = doc.analyses.tornado.answer(doc.revision()) else {
        ui.label(RichText::new(TORNADO_COMPUTING).weak());
        // Keep the space the chart will take, so the sections below do not
        // jump when it arrives.
        let rows = s.uncertainty.len().max(1);
        #[expect(
            clippy::cast_precision_loss,
            reason = "a handful of rows sizes the chart"
        )]
        let height = (rows as f32 * 28.0).clamp(160.0, 400.0);
        ui.add_space(height);
        return;
    };
    let result = match result {
        Ok(r) => r,
        Err(e) => {
            ui.colored_label(theme::negative(), e);
            return;
        }
    };
    if result.assumed_ranges {
        ui.label(
            RichText::new(
                "No uncertainty ranges: every input is moved 20 % either way, within its allowed range.",
            )
            .weak(),
        );
    }
    ui.label(format!(
        "Base NPV {}. Widest swing at the top.",
        format::money(&s.currency, result.base_npv)
    ));
    ui.horizontal(|ui| {
        ui.label(RichText::new("\u{25a0} input at its low end").color(theme::series(1)));
        ui.label(RichText::new("\u{25a0} input at its high end").color(theme::series(0)));
        ui.label(RichText::new("(NPV at each bar's end)").weak());
    });
    let rows: Vec<_> = result.rows.iter().rev().collect();
    let base = to_f64(result.base_npv);
    let mut low_bars = Vec::new();
    let mut high_bars = Vec::new();
    let mut ends = Vec::new();
    let (mut left_end, mut right_end) = (base, base);
    for (i, row) in rows.iter().enumerate() {
        let y = i as f64;
        let bar = |value: Decimal, end: &str, at: Decimal| {
            Bar::new(y, to_f64(value) - base)
                .base_offset(base)
                .name(format!(
                    "{} at {end} ({}): NPV {}",
                    row.label,
                    at.normalize(),
                    format::money(&s.currency, value)
                ))
        };
        low_bars.push(bar(row.npv_low, "low", row.low).fill(theme::series(1)));
        high_bars.push(bar(row.npv_high, "high", row.high).fill(theme::series(0)));
        for value in [row.npv_low, row.npv_high] {
            let x = to_f64(value);
            left_end = left_end.min(x);
            right_end = right_end.max(x);
            ends.push((x, y, format::money_whole(&s.currency, value)));
        }
    }
    // Room either side for the amounts at the bars' ends: about 90 points
    // of text each, whatever width the column gives the plot (beside its
    // 200-point axis of labels).
    let plot_width = f64::from((ui.available_width() - 200.0).max(120.0));
    let label_width = 90.0;
    let span = (right_end - left_end).max(1.0);
    let pad = if plot_width > 2.0 * label_width + 40.0 {
        span * label_width / (plot_width - 2.0 * label_width)
    } else {
        span
    };
    let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
    let currency = s.currency.clone();
    #[expect(
        clippy::cast_precision_loss,
        reason = "a handful of rows sizes the chart"
    )]
    let height = (rows.len() as f32 * 28.0).clamp(160.0, 400.0);
    Plot::new("analysis-tornado")
        .height(height)
        .include_x(left_end - pad)
        .include_x(right_end + pad)
        .x_grid_spacer(axes::nice_steps(axes::money_ticks(
            ui.available_width() - 200.0,
        )))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_double_click_reset(false)
        .show_grid([true, false])
        .y_axis_min_width(200.0)
        .y_axis_formatter(axes::row_labels(labels))
        .x_axis_formatter(axes::money(currency))
        .show(ui, |plot| {
            plot.vline(VLine::new("Base case", base).color(theme::zero_line(true)));
            plot.bar_chart(
                BarChart::new("Input at the low end", low_bars)
                    .horizontal()
                    .width(0.6)
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
            plot.bar_chart(
                BarChart::new("Input at the high end", high_bars)
                    .horizontal()
                    .width(0.6)
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
            for (x, y, text) in ends {
                let anchor = if x < base {
                    Align2::RIGHT_CENTER
                } else {
                    Align2::LEFT_CENTER
                };
                plot.text(Text::new("", PlotPoint::new(x, y), text).anchor(anchor));
            }
        })
        .response
        .on_hover_text("Each bar moves one input to an end of its range, everything else at base.");
}

fn goal_seek_section(ui: &mut Ui, doc: &Document, ask: &mut impl FnMut(AnalysisRequest)) {
    let s = doc.scenario();
    let state = &doc.analyses;
    ui.label(RichText::new("Goal seek").strong());
    let specs = inputs::numeric_inputs(s);
    let mut chosen = if specs.iter().any(|sp| sp.path == state.goal_input) {
        state.goal_input.clone()
    } else {
        specs.first().map(|sp| sp.path.clone()).unwrap_or_default()
    };
    let chosen_label = specs
        .iter()
        .find(|sp| sp.path == chosen)
        .map_or_else(String::new, |sp| sp.label.clone());
    let mut payback = state.goal_payback.clone();
    let mut run = false;
    ui.horizontal_wrapped(|ui| {
        ui.label("Input");
        egui::ComboBox::from_id_salt("goal-seek-input")
            .selected_text(chosen_label)
            .width(260.0)
            .show_ui(ui, |ui| {
                for sp in &specs {
                    ui.selectable_value(&mut chosen, sp.path.clone(), sp.label.as_str());
                }
            })
            .response
            .accessible_name("Goal seek input");
        ui.label("Payback target (months, optional)");
        ui.add(egui::TextEdit::singleline(&mut payback).desired_width(50.0))
            .accessible_name("Payback target in months");
        run = ui
            .add_enabled(!state.goal.is_running(), egui::Button::new("Find break-even"))
            .on_hover_text("The value of the input at which the risk-adjusted NPV is zero, and payback meets the target")
            .clicked();
    });
    if chosen != state.goal_input {
        ask(AnalysisRequest::GoalInput(chosen));
    }
    if payback != state.goal_payback {
        ask(AnalysisRequest::GoalPayback(payback));
    }
    if run {
        ask(AnalysisRequest::FindGoal);
    }
    if state.goal.is_running() {
        ui.label(RichText::new("Finding the break-even...").weak());
        return;
    }
    match state.goal.latest() {
        Some((revision, Ok(results))) => {
            if revision != doc.revision() {
                ui.label(RichText::new("The scenario has changed since: find again.").weak());
            }
            for r in results {
                let value = r.value.map_or_else(
                    || "no break-even in range".to_owned(),
                    |v| format!("{v} (base {})", r.base.normalize()),
                );
                ui.label(format!("{} for {}: {value}", r.label, r.target.describe()));
            }
        }
        Some((_, Err(e))) => {
            ui.colored_label(theme::negative(), e);
        }
        None => {}
    }
}

/// The Monte Carlo column; `view_height` is the height of the tab shown
/// without scrolling, from the column's top.
fn monte_carlo_section(
    ui: &mut Ui,
    doc: &Document,
    ask: &mut impl FnMut(AnalysisRequest),
    view_height: f32,
) {
    let s = doc.scenario();
    let state = &doc.analyses;
    // Where the view ends, in this frame's coordinates (the column and the
    // cursor move together when the tab scrolls).
    let bottom = ui.cursor().top() + view_height;
    let progress = state.monte_carlo_progress();
    let mut run = false;
    ui.horizontal(|ui| {
        ui.label(RichText::new("Monte Carlo").strong());
        if progress.is_none() {
            run = ui
                .button("Run Monte Carlo")
                .on_hover_text("Runs in the background; the window stays responsive")
                .clicked();
        }
    });
    if run {
        ask(AnalysisRequest::RunMonteCarlo);
    }
    ui.label(format!(
        "{} trials, seed {}, {} uncertain input{} drawn from PERT(low, base, high).",
        s.monte_carlo.trials,
        s.monte_carlo.seed,
        s.uncertainty.len(),
        if s.uncertainty.len() == 1 { "" } else { "s" }
    ));
    if let Some((done, total)) = progress {
        let fraction = if total == 0 {
            0.0
        } else {
            f64::from(done) / f64::from(total)
        };
        ui.horizontal(|ui| {
            #[expect(
                clippy::cast_possible_truncation,
                reason = "a progress fraction between 0 and 1"
            )]
            let progress = fraction as f32;
            ui.add(
                egui::ProgressBar::new(progress)
                    .show_percentage()
                    .desired_width(300.0),
            );
            if ui.button("Cancel").clicked() {
                ask(AnalysisRequest::CancelMonteCarlo);
            }
        });
        return;
    }
    match &state.monte_carlo {
        Some((revision, Ok(r))) => {
            if *revision != doc.revision() {
                ui.label(RichText::new("The scenario has changed since: run again.").weak());
            }
            monte_carlo_results(ui, s, r, bottom);
        }
        Some((_, Err(e))) => {
            ui.label(RichText::new(e).weak());
        }
        None => {}
    }
}

/// Grid spacing of the Monte Carlo tables: rows closer than the app's
/// usual spacing (the stripes keep them apart), so that the column fits.
fn tight_rows() -> egui::Vec2 {
    egui::vec2(theme::space(2.0), theme::space(0.5))
}

/// The fan chart's block (title, caption and plot) at its smallest and
/// largest, in points.
const FAN_BLOCK: (f32, f32) = (170.0, 320.0);

/// The results of a run: the shares and the percentiles first, then the
/// histogram, then the fan chart sized to what is left above `bottom` (so
/// that at 1440x900 the whole column shows without scrolling).
fn monte_carlo_results(ui: &mut Ui, s: &Scenario, r: &MonteCarloResults, bottom: f32) {
    let m = |v: Decimal| format::money(&s.currency, v);
    shares(ui, s, r);
    percentiles(ui, s, r);
    let bars: Vec<Bar> = r
        .histogram
        .edges()
        .into_iter()
        .zip(&r.histogram.counts)
        .map(|((lo, hi), count)| {
            let mid = to_f64(lo).midpoint(to_f64(hi));
            let colour = if hi <= Decimal::ZERO {
                theme::negative()
            } else {
                theme::positive()
            };
            Bar::new(mid, f64::from(*count))
                .width((to_f64(hi) - to_f64(lo)) * 0.95)
                .fill(colour)
                .name(format!("{} to {}: {count} trials", m(lo), m(hi)))
        })
        .collect();
    let currency = s.currency.clone();
    Plot::new("analysis-histogram")
        .height(110.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .x_grid_spacer(axes::nice_steps(axes::money_ticks(ui.available_width())))
        .x_axis_formatter(axes::money(currency))
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new("NPV", bars).element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
        });
    let room = bottom - ui.cursor().top() - ui.spacing().item_spacing.y;
    fan::fan_plot(ui, s, r, room.clamp(FAN_BLOCK.0, FAN_BLOCK.1));
}

/// The NPV's mean and percentiles and the payback's percentiles.
fn percentiles(ui: &mut Ui, s: &Scenario, r: &MonteCarloResults) {
    let m = |v: Decimal| format::money(&s.currency, v);
    egui::CollapsingHeader::new("NPV and payback percentiles")
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new("monte-carlo-grid")
                .num_columns(2)
                .striped(true)
                .spacing(tight_rows())
                .show(ui, |ui| {
                    let mut row = |label: &str, value: String| {
                        ui.label(label);
                        ui.label(value);
                        ui.end_row();
                    };
                    row("NPV, mean", m(r.npv_mean));
                    row(
                        "NPV, P5 / P10",
                        format!("{} / {}", m(r.npv.p5), m(r.npv.p10)),
                    );
                    row("NPV, P50", m(r.npv.p50));
                    row(
                        "NPV, P90 / P95",
                        format!("{} / {}", m(r.npv.p90), m(r.npv.p95)),
                    );
                    match &r.payback {
                        Some(p) => {
                            row(
                                "Payback, P10 / P50 / P90",
                                format!(
                                    "{} / {} / {}",
                                    format::payback(Some(p.p10)),
                                    format::payback(Some(p.p50)),
                                    format::payback(Some(p.p90))
                                ),
                            );
                        }
                        None => row("Payback", "no trial pays back".to_owned()),
                    }
                });
        });
}

/// A threshold typed in the What-if tab: view state kept in egui's memory
/// (like a scroll position), not in the document. Returns the text.
fn threshold_field(ui: &mut Ui, key: &str, default: &str, name: &str) -> String {
    let id = egui::Id::unique(("analysis-threshold", key));
    let mut text = ui
        .data_mut(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| default.to_owned());
    ui.add(egui::TextEdit::singleline(&mut text).desired_width(90.0))
        .accessible_name(name);
    ui.data_mut(|d| d.insert_temp(id, text.clone()));
    text
}

/// A typed decimal, read from its text (never through `f64`).
fn typed_decimal(text: &str) -> Option<Decimal> {
    Decimal::from_str_exact(text.trim()).ok()
}

/// The shares of MODEL.md 12.3 at thresholds the user types: NPV at
/// least a hurdle, payback within N months, ROI at least X.
fn shares(ui: &mut Ui, s: &Scenario, r: &MonteCarloResults) {
    let unreadable = || "type a number".to_owned();
    egui::Grid::new("monte-carlo-shares")
        .num_columns(3)
        .striped(true)
        .spacing(tight_rows())
        .show(ui, |ui| {
            ui.label("Probability NPV > 0");
            ui.label("");
            ui.label(format::percent(r.prob_npv_positive, 2));
            ui.end_row();
            ui.label("Probability of payback within the horizon");
            ui.label("");
            ui.label(format::percent(r.prob_payback_within_horizon, 2));
            ui.end_row();
            ui.label(format!("Probability NPV >= ({})", s.currency));
            let hurdle = threshold_field(ui, "mc-hurdle", "0", "NPV hurdle");
            ui.label(
                typed_decimal(&hurdle)
                    .map_or_else(unreadable, |h| format::percent(r.prob_npv_at_least(h), 2)),
            );
            ui.end_row();
            ui.label("Probability of payback within (months)");
            let default = s.horizon_months.to_string();
            let months = threshold_field(ui, "mc-payback", &default, "Payback within months");
            ui.label(
                months
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=s.horizon_months).contains(n))
                    .map_or_else(
                        || format!("type 1 to {}", s.horizon_months),
                        |n| format::percent(r.prob_payback_within(n), 2),
                    ),
            );
            ui.end_row();
            ui.label("Probability ROI >= (fraction, 0.15 = 15 %)");
            let roi = threshold_field(ui, "mc-roi", "0", "ROI at least");
            ui.label(
                typed_decimal(&roi)
                    .map_or_else(unreadable, |x| format::percent(r.prob_roi_at_least(x), 2)),
            );
            ui.end_row();
        });
    if r.correlated {
        ui.label(
            RichText::new(format!(
                "Inputs drawn with the file's {} rank correlation{} (Iman-Conover).",
                s.correlations.len(),
                if s.correlations.len() == 1 { "" } else { "s" }
            ))
            .weak(),
        );
    }
}
