//! `envroi switching` (MODEL.md 10.2) and the cost-of-delay lines of
//! `report` (10.3): load, run, format and write. The analyses are in
//! `model::analysis`, the CSV in `io::csv_out::switching`, the threads in
//! `parallel_rows`.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use super::table::write_table;
use super::{CsvFormat, Failure, Output, ensure_not_input, load_all, write_outputs};
use crate::format::{money, percent};
use crate::io::csv_out::plain;
use crate::io::csv_out::switching::switching_csv;
use crate::model::Scenario;
use crate::model::analysis::delay::sentence;
use crate::model::analysis::{AnalysisError, CostOfDelay, Goal, Switching, SwitchingPlan};
use crate::parallel::worker_threads;
use crate::parallel_rows::run_switching;

/// The switching values of `s` on every worker thread.
///
/// # Errors
/// As [`SwitchingPlan::new`].
pub fn switching_values(s: &Scenario, goal: Goal) -> Result<Switching, AnalysisError> {
    let plan = SwitchingPlan::new(s, goal)?;
    let never = AtomicBool::new(false);
    run_switching(&plan, worker_threads(), &never)
        .ok_or_else(|| AnalysisError::BadArgument("the switching values did not complete".into()))
}

/// `envroi switching FILE [--target npv|payback=N|roi=X] [--csv PATH]`.
pub fn switching_command(
    file: &Path,
    target: &str,
    (csv, format): (Option<PathBuf>, CsvFormat),
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let goal = Goal::parse(target).map_err(Failure::Usage)?;
    let outputs: Vec<&Path> = csv.as_deref().into_iter().collect();
    ensure_not_input(&outputs, &[file.to_path_buf()])?;
    let scenario = load_all(&[file.to_path_buf()])?.remove(0);
    let result = switching_values(&scenario, goal).map_err(|e| match e {
        AnalysisError::BadArgument(m) => Failure::Usage(m),
        e => Failure::Input(vec![format!("{}: {e}", file.display())]),
    })?;
    if let Some(path) = csv {
        write_outputs(vec![Output {
            path,
            bytes: format.bytes(switching_csv(&result)),
        }])?;
    }
    let _ = out.write_all(switching_text(&scenario, &result, None).as_bytes());
    Ok(())
}

/// A value of an input for people: plain, and for a month how far it moved.
fn value_text(
    row_timing: bool,
    base: rust_decimal::Decimal,
    value: rust_decimal::Decimal,
) -> String {
    if row_timing && value != base {
        let moved = value - base;
        let word = if moved > rust_decimal::Decimal::ZERO {
            "later"
        } else {
            "earlier"
        };
        format!("{} ({word} by {})", plain(value), plain(moved.abs()))
    } else {
        plain(value)
    }
}

/// The readable switching-values table; `limit` keeps the first rows only.
#[must_use]
pub fn switching_text(s: &Scenario, r: &Switching, limit: Option<usize>) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "Switching values for {} (risk-adjusted): {}",
        r.goal.describe(),
        s.name
    );
    let _ = writeln!(
        text,
        "Base NPV {}; the base case {} the target. Each input moved alone, the others at base.",
        money(&s.currency, r.base_npv),
        if r.base_met { "meets" } else { "does not meet" }
    );
    if r.assumed_ranges {
        let _ = writeln!(
            text,
            "The scenario has no uncertainty ranges: \"critical\" uses the assumed 20 % either way."
        );
    }
    let _ = writeln!(text);
    let header = ["Input", "Base", "Switching value", "Change", "Critical"].map(str::to_owned);
    let shown = limit.unwrap_or(r.rows.len()).min(r.rows.len());
    let rows: Vec<Vec<String>> = r.rows[..shown]
        .iter()
        .map(|row| {
            vec![
                row.label.clone(),
                plain(row.base),
                row.value.map_or_else(
                    || row.reason.clone().unwrap_or_default(),
                    |v| value_text(row.timing, row.base, v),
                ),
                row.change_pct
                    .map(|c| percent(c / rust_decimal::Decimal::ONE_HUNDRED, 2))
                    .unwrap_or_default(),
                match row.in_range {
                    Some(true) => "critical".to_owned(),
                    Some(false) => "no".to_owned(),
                    None => String::new(),
                },
            ]
        })
        .collect();
    write_table(&mut text, &header, &rows);
    if shown < r.rows.len() {
        let _ = writeln!(
            text,
            "... {} more inputs (envroi switching FILE)",
            r.rows.len() - shown
        );
    }
    text
}

/// The cost-of-delay lines of `report` (MODEL.md 10.3).
#[must_use]
pub fn delay_text(s: &Scenario, c: &CostOfDelay) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "Cost of delay (risk-adjusted NPV; the spend stays on its months)"
    );
    if c.rows.is_empty() {
        let _ = writeln!(text, "Neither programme is enabled.");
        return text;
    }
    let m = |v| money(&s.currency, v);
    for slipping in [
        crate::model::analysis::Slipping::Tem,
        crate::model::analysis::Slipping::Tdm,
        crate::model::analysis::Slipping::Both,
    ] {
        if let Some(loss) = c.per_month(slipping) {
            let _ = writeln!(text, "{}.", sentence(slipping, loss, &m));
        }
    }
    let _ = writeln!(text);
    let header = ["", "NPV", "NPV lost", "Lost per month"].map(str::to_owned);
    let rows: Vec<Vec<String>> = c
        .rows
        .iter()
        .map(|r| vec![r.describe(), m(r.npv), m(r.loss), m(r.loss_per_month)])
        .collect();
    write_table(&mut text, &header, &rows);
    text
}

/// What `report` prints after the figures: the cost of delay and the five
/// smallest switching values for NPV = 0 (nothing when the scenario cannot
/// be analysed, which `report` has already refused).
#[must_use]
pub fn decision_text(s: &Scenario) -> String {
    let mut text = String::new();
    if let Ok(c) = crate::model::analysis::cost_of_delay(s) {
        let _ = writeln!(text);
        text.push_str(&delay_text(s, &c));
    }
    if let Ok(r) = switching_values(s, Goal::Npv) {
        let _ = writeln!(text);
        text.push_str(&switching_text(s, &r, Some(5)));
    }
    text
}
