//! What-if analysis of the active scenario: the sensitivity tornado, a
//! goal-seek panel (break-even of any numeric input for NPV = 0 or a payback
//! target) and a Monte Carlo run on a background thread with a progress bar
//! and Cancel. Every figure comes from `model::analysis`, the same code as
//! the `sensitivity`, `breakeven` and `montecarlo` commands; amounts become
//! `f64` only to be drawn.
//!
//! The tab's state (results, the running job) lives in egui's temporary
//! memory, one entry per document, and is never saved. Results carry the
//! document revision they were computed from, so an edit makes them stale
//! and the tornado is recomputed while the others offer to run again.
//!
//! Nothing here computes inside a frame: the tornado, the goal seek and a
//! field's break-even run on background threads keyed by document and
//! revision (`crate::gui::background`), the panel says "Computing..."
//! meanwhile, and an answer that arrives after the scenario changed is
//! thrown away.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Plot, VLine};
use rust_decimal::Decimal;

use crate::format;
use crate::model::Scenario;
use crate::model::analysis::{
    BreakEven, MonteCarloResults, Plan, Sensitivity, Target, break_even, sensitivity,
};
use crate::model::inputs;
use crate::parallel::{run_parallel, worker_threads};

use crate::gui::background::Keyed;
use crate::gui::document::{DocId, Document};
use crate::gui::theme;
use crate::gui::workspace::Workspace;

/// A Monte Carlo run in progress on a background thread.
struct Job {
    /// The document revision being simulated.
    revision: u64,
    /// Set by Cancel; the workers stop after their current chunk.
    cancel: Arc<AtomicBool>,
    /// Trials done so far.
    done: Arc<AtomicU32>,
    /// Trials in all.
    total: u32,
    /// The thread; its value is `None` when cancelled.
    handle: JoinHandle<Option<MonteCarloResults>>,
}

/// What the tab remembers for one document between frames.
#[derive(Default)]
struct State {
    tornado: Keyed<Sensitivity>,
    goal_input: String,
    goal_payback: String,
    goal: Keyed<Vec<BreakEven>>,
    job: Option<Job>,
    monte_carlo: Option<(u64, Result<MonteCarloResults, String>)>,
}

type Shared = Arc<Mutex<State>>;

fn shared_state(ui: &Ui, doc: DocId) -> Shared {
    let id = egui::Id::unique(("envroi-analysis", doc.0));
    ui.data_mut(|d| d.get_temp_mut_or_default::<Shared>(id).clone())
}

/// An amount as a plot coordinate, through the chart module's one
/// conversion.
fn to_f64(d: Decimal) -> f64 {
    crate::chart::plot_value(d)
}

/// Shows the analyses of the active document.
pub fn show(ui: &mut Ui, ws: &Workspace) {
    let Some(doc) = ws.active_doc() else {
        ui.label("Open or create a scenario to analyse it.");
        return;
    };
    let shared = shared_state(ui, doc.id);
    let mut state = shared.lock().unwrap_or_else(PoisonError::into_inner);
    egui::ScrollArea::vertical()
        .id_salt("analysis-scroll")
        .show(ui, |ui| {
            tornado_section(ui, doc, &mut state);
            ui.separator();
            goal_seek_section(ui, doc, &mut state);
            ui.separator();
            monte_carlo_section(ui, doc, &mut state);
        });
}

/// What the tornado says while it is being computed.
pub const TORNADO_COMPUTING: &str = "Computing the sensitivity of each input...";

fn tornado_section(ui: &mut Ui, doc: &Document, state: &mut State) {
    let s = doc.scenario();
    ui.label(RichText::new("Sensitivity of the risk-adjusted NPV").strong());
    let scenario = s.clone();
    state.tornado.ensure(ui.ctx(), doc.revision(), move || {
        sensitivity(&scenario).map_err(|e| e.to_string())
    });
    let Some(result) = state.tornado.answer(doc.revision()) else {
        ui.label(RichText::new(TORNADO_COMPUTING).weak());
        // Keep the space the chart will take, so the sections below do not
        // jump when it arrives.
        let rows = s.uncertainty.len().max(1);
        #[expect(
            clippy::cast_precision_loss,
            reason = "a handful of rows sizes the chart"
        )]
        let height = (rows as f32 * 28.0).clamp(160.0, 640.0);
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
    let rows: Vec<_> = result.rows.iter().rev().collect();
    let base = to_f64(result.base_npv);
    let mut low_bars = Vec::new();
    let mut high_bars = Vec::new();
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
    }
    let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
    let currency = s.currency.clone();
    #[expect(
        clippy::cast_precision_loss,
        reason = "a handful of rows sizes the chart"
    )]
    let height = (rows.len() as f32 * 28.0).clamp(160.0, 640.0);
    Plot::new("analysis-tornado")
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_double_click_reset(false)
        .show_grid([true, false])
        .y_axis_min_width(200.0)
        .y_axis_formatter(crate::gui::widgets::axes::row_labels(labels))
        .x_axis_formatter(crate::gui::widgets::axes::money(currency))
        .show(ui, |plot| {
            plot.vline(VLine::new("Base NPV", base).color(theme::zero_line(true)));
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
        })
        .response
        .on_hover_text("Each bar moves one input to an end of its range, everything else at base.");
}

fn goal_seek_section(ui: &mut Ui, doc: &Document, state: &mut State) {
    let s = doc.scenario();
    ui.label(RichText::new("Goal seek").strong());
    let specs = inputs::numeric_inputs(s);
    if !specs.iter().any(|sp| sp.path == state.goal_input) {
        state.goal_input = specs.first().map(|sp| sp.path.clone()).unwrap_or_default();
    }
    let chosen_label = specs
        .iter()
        .find(|sp| sp.path == state.goal_input)
        .map_or_else(String::new, |sp| sp.label.clone());
    let mut run = false;
    ui.horizontal(|ui| {
        ui.label("Input");
        egui::ComboBox::from_id_salt("goal-seek-input")
            .selected_text(chosen_label)
            .width(260.0)
            .show_ui(ui, |ui| {
                for sp in &specs {
                    ui.selectable_value(&mut state.goal_input, sp.path.clone(), sp.label.as_str());
                }
            })
            .response
            .accessible_name("Goal seek input");
        ui.label("Payback target (months, optional)");
        ui.add(egui::TextEdit::singleline(&mut state.goal_payback).desired_width(50.0))
            .accessible_name("Payback target in months");
        run = ui
            .add_enabled(!state.goal.is_running(), egui::Button::new("Find break-even"))
            .on_hover_text("The value of the input at which the risk-adjusted NPV is zero, and payback meets the target")
            .clicked();
    });
    state.goal.poll(doc.revision());
    if run {
        let (scenario, input, payback) = (
            s.clone(),
            state.goal_input.clone(),
            state.goal_payback.clone(),
        );
        state.goal.start(ui.ctx(), doc.revision(), move || {
            goal_seek(&scenario, &input, &payback)
        });
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

fn goal_seek(s: &Scenario, input: &str, payback: &str) -> Result<Vec<BreakEven>, String> {
    let mut targets = vec![Target::NpvZero];
    let payback = payback.trim();
    if !payback.is_empty() {
        let months: u32 = payback
            .parse()
            .map_err(|_| format!("`{payback}` is not a whole number of months"))?;
        targets.push(Target::PaybackMonths(months));
    }
    targets
        .into_iter()
        .map(|t| break_even(s, input, t).map_err(|e| e.to_string()))
        .collect()
}

fn monte_carlo_section(ui: &mut Ui, doc: &Document, state: &mut State) {
    let s = doc.scenario();
    ui.label(RichText::new("Monte Carlo").strong());
    ui.label(format!(
        "{} trials, seed {}, {} uncertain input{} drawn from PERT(low, base, high).",
        s.monte_carlo.trials,
        s.monte_carlo.seed,
        s.uncertainty.len(),
        if s.uncertainty.len() == 1 { "" } else { "s" }
    ));
    let finished = state.job.as_ref().is_some_and(|j| j.handle.is_finished());
    if finished && let Some(job) = state.job.take() {
        let result = match job.handle.join() {
            Ok(Some(r)) => Ok(r),
            Ok(None) => Err("Cancelled: no result.".to_owned()),
            Err(_) => Err("The run failed.".to_owned()),
        };
        state.monte_carlo = Some((job.revision, result));
    }
    if let Some(job) = &state.job {
        let done = job.done.load(Ordering::Acquire);
        let fraction = if job.total == 0 {
            0.0
        } else {
            f64::from(done) / f64::from(job.total)
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
                job.cancel.store(true, Ordering::Release);
            }
        });
        ui.ctx().request_repaint_after(Duration::from_millis(100));
        return;
    }
    if ui
        .button("Run Monte Carlo")
        .on_hover_text("Runs in the background; the window stays responsive")
        .clicked()
    {
        match Plan::new(s, s.monte_carlo.trials, s.monte_carlo.seed) {
            Ok(plan) => {
                state.job = Some(start(plan, doc.revision()));
                ui.ctx().request_repaint();
            }
            Err(e) => state.monte_carlo = Some((doc.revision(), Err(e.to_string()))),
        }
    }
    match &state.monte_carlo {
        Some((revision, Ok(r))) => {
            if *revision != doc.revision() {
                ui.label(RichText::new("The scenario has changed since: run again.").weak());
            }
            monte_carlo_results(ui, s, r);
        }
        Some((_, Err(e))) => {
            ui.label(RichText::new(e).weak());
        }
        None => {}
    }
}

/// Starts a run on a background thread, which fans out to the workers.
fn start(plan: Plan, revision: u64) -> Job {
    let cancel = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU32::new(0));
    let total = plan.trials();
    let (c, d) = (Arc::clone(&cancel), Arc::clone(&done));
    let handle = std::thread::spawn(move || {
        run_parallel(&plan, worker_threads(), &c, &mut |n, _| {
            d.store(n, Ordering::Release);
        })
    });
    Job {
        revision,
        cancel,
        done,
        total,
        handle,
    }
}

fn monte_carlo_results(ui: &mut Ui, s: &Scenario, r: &MonteCarloResults) {
    let m = |v: Decimal| format::money(&s.currency, v);
    egui::Grid::new("monte-carlo-grid")
        .num_columns(2)
        .striped(true)
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
            row(
                "Probability NPV > 0",
                format::percent(r.prob_npv_positive, 2),
            );
            row(
                "Probability of payback within the horizon",
                format::percent(r.prob_payback_within_horizon, 2),
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
        .height(220.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .x_axis_formatter(crate::gui::widgets::axes::money(currency))
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new("NPV", bars).element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
        });
}

/// The break-even of one field of one document, computed in the
/// background and kept in egui's temporary memory (so it never reaches a
/// file).
type FieldBreakEven = Arc<Mutex<Keyed<String>>>;

fn field_break_even(ui: &Ui, doc: DocId, path: &str) -> FieldBreakEven {
    let id = egui::Id::unique(("envroi-break-even", doc.0, path));
    ui.data_mut(|d| d.get_temp_mut_or_default::<FieldBreakEven>(id).clone())
}

/// What a field's break-even says while it is being found.
pub const BREAK_EVEN_COMPUTING: &str = "Finding the break-even...";

/// Starts finding the value of input `path` at which the risk-adjusted NPV
/// is zero, for the scenario's current `revision`, on a background thread;
/// [`break_even_note`] shows the answer.
pub fn remember_break_even(ui: &Ui, doc: DocId, revision: u64, scenario: &Scenario, path: &str) {
    let slot = field_break_even(ui, doc, path);
    let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
    slot.poll(revision);
    if slot.answer(revision).is_some() {
        return;
    }
    let (scenario, input) = (scenario.clone(), path.to_owned());
    slot.start(ui.ctx(), revision, move || {
        Ok(match break_even(&scenario, &input, Target::NpvZero) {
            Ok(r) => r.value.map_or_else(
                || "no break-even in range".to_owned(),
                |v| format!("NPV = 0 at {v}"),
            ),
            Err(e) => e.to_string(),
        })
    });
}

/// The break-even of `path` for the scenario's current `revision`: the
/// answer, "Finding the break-even..." while it runs, or `None` (never
/// asked, or asked before the scenario changed).
#[must_use]
pub fn break_even_note(ui: &Ui, doc: DocId, revision: u64, path: &str) -> Option<String> {
    let id = egui::Id::unique(("envroi-break-even", doc.0, path));
    let slot: FieldBreakEven = ui.data(|d| d.get_temp(id))?;
    let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
    slot.poll(revision);
    if let Some(answer) = slot.answer(revision) {
        return Some(answer.clone().unwrap_or_else(|e| e));
    }
    slot.is_running_for(revision)
        .then(|| BREAK_EVEN_COMPUTING.to_owned())
}

/// A small "Break-even" button to put beside an input field: on a click it
/// finds the value of input `path` at which the risk-adjusted NPV is zero
/// and shows it beside the button until the scenario changes.
pub fn break_even_button(ui: &mut Ui, doc: &Document, path: &str) {
    let clicked = ui
        .small_button("Break-even")
        .accessible_name(format!("Break-even of {path}"))
        .on_hover_text("The value of this input at which the risk-adjusted NPV is zero")
        .clicked();
    if clicked {
        remember_break_even(ui, doc.id, doc.revision(), doc.scenario(), path);
    }
    if let Some(text) = break_even_note(ui, doc.id, doc.revision(), path) {
        ui.label(RichText::new(text).weak());
    }
}
