//! The app's What-if tab: the tornado, Monte Carlo in the background with
//! Cancel, goal seek, and a field's break-even.

#![cfg(feature = "gui")]

use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use envroi::gui::EnvroiApp;
use envroi::gui::command::Command;
use envroi::gui::state::Tab;

/// The app on its What-if tab, once the tornado (computed off the UI
/// thread, so it can take a few frames) is shown.
fn what_if_tab() -> Harness<'static, EnvroiApp> {
    let mut harness = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(64)
        .build_eframe(|_cc| EnvroiApp::headless(Vec::new()));
    harness.state_mut().push(Command::SetTab(Tab::Analysis));
    assert!(step_until(&mut harness, "Base NPV"));
    harness
}

/// Steps frames, with the background thread running in between, until
/// a label containing `text` shows or about a minute has passed.
fn step_until<State>(harness: &mut Harness<'_, State>, text: &str) -> bool {
    for _ in 0..1_200 {
        harness.step();
        if harness.query_by_label_contains(text).is_some() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn the_what_if_tab_shows_the_tornado_and_runs_monte_carlo_in_the_background() {
    let mut harness = what_if_tab();
    harness.get_by_label_contains("Base NPV");
    harness.get_by_label("Run Monte Carlo").click();
    harness.step();
    harness.step();
    // While it runs, the window keeps drawing and offers Cancel.
    harness.get_by_label("Cancel");
    assert!(step_until(&mut harness, "Probability NPV > 0"));
    assert!(harness.query_by_label("Cancel").is_none());
}

#[test]
fn cancel_stops_the_run_and_leaves_no_result() {
    let mut harness = what_if_tab();
    harness.get_by_label("Run Monte Carlo").click();
    harness.step();
    harness.step();
    harness.get_by_label("Cancel").click();
    assert!(step_until(&mut harness, "Cancelled: no result."));
    assert!(
        harness
            .query_by_label_contains("Probability NPV > 0")
            .is_none()
    );
}

#[test]
fn a_fields_break_even_is_found_off_the_ui_thread_for_its_revision_only() {
    use envroi::gui::analyses::{Analyses, BREAK_EVEN_COMPUTING};
    use envroi::gui::command::AnalysisRequest;
    let path = "costs.Implementation.amount";
    let ctx = egui::Context::default();
    let mut analyses = Analyses::default();
    let request = AnalysisRequest::BreakEven(path.to_owned());
    analyses.apply(&ctx, request, &super::linear(), 1);
    let mut note = None;
    for _ in 0..1_200 {
        analyses.poll(1);
        note = analyses.break_even_note(1, path);
        if note.as_deref() != Some(BREAK_EVEN_COMPUTING) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(note.as_deref(), Some("NPV = 0 at 120000.00"));
    // The answer belongs to revision 1: after an edit there is none.
    assert_eq!(analyses.break_even_note(2, path), None);
}

#[test]
fn goal_seek_finds_the_break_even_of_the_chosen_input() {
    let mut harness = what_if_tab();
    harness.get_by_label("Find break-even").click();
    // The first input of the catalogue is the discount rate; the answer
    // is computed off the UI thread.
    assert!(step_until(&mut harness, "Discount rate for NPV = 0"));
}

#[test]
fn the_what_if_tab_shows_the_shares_the_fan_chart_and_the_rank_sensitivity() {
    let mut harness = what_if_tab();
    // The tornado says which colour is which end.
    harness.get_by_label_contains("input at its low end");
    harness.get_by_label_contains("input at its high end");
    harness.get_by_label("Run Monte Carlo").click();
    assert!(step_until(&mut harness, "Probability NPV > 0"));
    harness.get_by_label_contains("Probability NPV >= (USD)");
    harness.get_by_label_contains("Probability of payback within (months)");
    harness.get_by_label_contains("Probability ROI >= ");
    harness.get_by_label(envroi::chart::FAN_TITLE);
    harness.get_by_label("Rank correlation with NPV (Monte Carlo)");
}

/// The switching table and the cost of delay arrive off the UI thread and
/// show the engine's figures; an input's link opens its evidence editor.
#[test]
fn the_what_if_tab_shows_switching_values_and_the_cost_of_delay() {
    use envroi::model::analysis::{Goal, cost_of_delay, switching};
    let mut harness = what_if_tab();
    assert!(step_until(&mut harness, "Each month of delay of TEM costs"));
    let s = harness.state().workspace().docs[0].scenario().clone();
    let delay = cost_of_delay(&s).unwrap();
    let tem = delay
        .per_month(envroi::model::analysis::Slipping::Tem)
        .unwrap();
    harness.get_by_label(&format!(
        "Each month of delay of TEM costs {} of NPV.",
        envroi::format::money(&s.currency, tem)
    ));
    // The first row is the input with the smallest change, as the model
    // sorts them.
    let first = switching(&s, Goal::Npv).unwrap().rows.remove(0);
    // The table came with the cost of delay (one answer).
    harness
        .get_by_role_and_label(egui::accesskit::Role::Link, &first.label)
        .click();
    harness.run_steps(4);
    harness.get_by_label(&format!("{}  ({})", first.label, first.input));
}

/// After a run at 1440x900 the whole Monte Carlo column shows without
/// scrolling: the percentiles (once just below the fold) and the fan
/// chart, which takes the height left under them.
#[test]
fn the_monte_carlo_column_fits_a_1440x900_window_after_a_run() {
    let mut harness = what_if_tab();
    harness.get_by_label("Run Monte Carlo").click();
    assert!(step_until(&mut harness, "Probability NPV > 0"));
    harness.run_steps(4);
    // The tab's scroll area ends 8 points above the window's bottom.
    let bottom = 900.0 - 8.0;
    let shown = [
        "NPV and payback percentiles",
        "NPV, mean",
        "NPV, P90 / P95",
        "Payback, P10 / P50 / P90",
        envroi::chart::FAN_TITLE,
        // The fan chart's legend, its last entry at the plot's foot.
        "P50 (median)",
        "Zero",
    ];
    let mut previous = 0.0;
    for label in shown {
        let rect = harness.get_by_label(label).rect();
        assert!(rect.max.y <= bottom, "{label} ends at {}", rect.max.y);
        assert!(rect.min.y > previous, "{label} is below the one before");
        previous = rect.min.y;
    }
}
