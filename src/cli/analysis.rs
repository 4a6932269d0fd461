//! The what-if commands of the command line: `sensitivity`, `breakeven`
//! and `montecarlo`, their CSV tables, and the multi-threaded Monte Carlo
//! runner that the command line and the app share. The analyses themselves
//! are in `model::analysis`; this module only loads, runs, formats and
//! writes.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use rust_decimal::Decimal;

use super::{Failure, Output, PngSize, ensure_not_input, load_all, write_outputs};
use crate::chart::{monte_carlo_chart, sensitivity_chart};
use crate::format::{money, payback, percent};
use crate::io::csv_out::guard;
use crate::io::png::{PngOptions, render_png};
use crate::model::Scenario;
use crate::model::analysis::{
    AnalysisError, BreakEven, MonteCarloResults, Outcome, Plan, Sensitivity, Target, break_even,
    sensitivity,
};
use crate::model::decimal::{fixed, grouped};

/// The columns of the sensitivity CSV.
pub const SENSITIVITY_COLUMNS: [&str; 6] = ["input", "low", "high", "npv_low", "npv_high", "swing"];
/// The columns of the break-even CSV.
pub const BREAKEVEN_COLUMNS: [&str; 3] = ["input", "target", "value"];
/// The metric rows of the Monte Carlo CSV, in order.
pub const MONTE_CARLO_METRICS: [&str; 15] = [
    "trials",
    "seed",
    "npv_mean",
    "npv_p5",
    "npv_p10",
    "npv_p50",
    "npv_p90",
    "npv_p95",
    "prob_npv_positive",
    "payback_p5",
    "payback_p10",
    "payback_p50",
    "payback_p90",
    "payback_p95",
    "prob_payback_within_horizon",
];

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new())
}

fn finish(w: csv::Writer<Vec<u8>>) -> String {
    // Writing to memory cannot fail; every field is valid UTF-8.
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// An input value as written in CSV: exact, without trailing zeros.
fn plain(value: Decimal) -> String {
    let mut v = value.normalize();
    if v.is_zero() {
        v.set_sign_positive(true);
    }
    v.to_string()
}

/// The sensitivity table: one row per input, largest swing first; input
/// values exact, NPVs to the cent.
#[must_use]
pub fn sensitivity_csv(result: &Sensitivity) -> String {
    let mut w = writer();
    let _ = w.write_record(SENSITIVITY_COLUMNS);
    for row in &result.rows {
        let _ = w.write_record([
            guard(&row.input),
            plain(row.low),
            plain(row.high),
            fixed(row.npv_low, 2),
            fixed(row.npv_high, 2),
            fixed(row.swing, 2),
        ]);
    }
    finish(w)
}

/// The break-even table: one row per target; the value is empty when there
/// is no break-even in range.
#[must_use]
pub fn breakeven_csv(results: &[BreakEven]) -> String {
    let mut w = writer();
    let _ = w.write_record(BREAKEVEN_COLUMNS);
    for r in results {
        let _ = w.write_record([
            guard(&r.input),
            r.target.key(),
            r.value.map(|v| v.to_string()).unwrap_or_default(),
        ]);
    }
    finish(w)
}

/// One metric of a Monte Carlo run as written in CSV: money 2 places,
/// probabilities 6, payback 2; a payback percentile is empty when no trial
/// pays back.
#[must_use]
pub fn monte_carlo_cell(r: &MonteCarloResults, metric: &str) -> String {
    let pay = |pick: fn(&crate::model::analysis::Percentiles) -> Decimal| {
        r.payback
            .as_ref()
            .map(|p| fixed(pick(p), 2))
            .unwrap_or_default()
    };
    match metric {
        "trials" => r.trials.to_string(),
        "seed" => r.seed.to_string(),
        "npv_mean" => fixed(r.npv_mean, 2),
        "npv_p5" => fixed(r.npv.p5, 2),
        "npv_p10" => fixed(r.npv.p10, 2),
        "npv_p50" => fixed(r.npv.p50, 2),
        "npv_p90" => fixed(r.npv.p90, 2),
        "npv_p95" => fixed(r.npv.p95, 2),
        "prob_npv_positive" => fixed(r.prob_npv_positive, 6),
        "payback_p5" => pay(|p| p.p5),
        "payback_p10" => pay(|p| p.p10),
        "payback_p50" => pay(|p| p.p50),
        "payback_p90" => pay(|p| p.p90),
        "payback_p95" => pay(|p| p.p95),
        "prob_payback_within_horizon" => fixed(r.prob_payback_within_horizon, 6),
        _ => String::new(),
    }
}

/// The Monte Carlo table: `metric,value`.
#[must_use]
pub fn monte_carlo_csv(r: &MonteCarloResults) -> String {
    let mut w = writer();
    let _ = w.write_record(["metric", "value"]);
    for metric in MONTE_CARLO_METRICS {
        let _ = w.write_record([metric.to_owned(), monte_carlo_cell(r, metric)]);
    }
    finish(w)
}

/// Runs a Monte Carlo plan on `threads` threads (at least one). The chunks
/// are reassembled in order, so the result is the same for any number of
/// threads. `progress` is called on the calling thread after each chunk,
/// and at least every 50 ms, with `(trials done, trials in all)`; setting
/// `cancel` stops the workers after their current chunk and the run returns
/// `None`, with no partial result.
pub fn run_parallel(
    plan: &Plan,
    threads: usize,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(u32, u32),
) -> Option<MonteCarloResults> {
    let chunks = plan.chunk_count();
    let threads = threads.clamp(1, (chunks as usize).max(1));
    let next = AtomicU32::new(0);
    let slots: Mutex<Vec<Option<Vec<Outcome>>>> = Mutex::new(vec![None; chunks as usize]);
    let (sender, receiver) = mpsc::channel::<u32>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (next, slots) = (&next, &slots);
            scope.spawn(move || {
                while !cancel.load(Ordering::Acquire) {
                    let chunk = next.fetch_add(1, Ordering::AcqRel);
                    if chunk >= chunks {
                        break;
                    }
                    let outcomes = plan.run_chunk(chunk);
                    slots.lock().unwrap_or_else(PoisonError::into_inner)[chunk as usize] =
                        Some(outcomes);
                    let _ = sender.send(plan.chunk_trials(chunk));
                }
            });
        }
        // The workers hold the only senders now: the channel closes when
        // the last of them ends, however it ends.
        drop(sender);
        let mut done = 0u32;
        progress(done, plan.trials());
        loop {
            match receiver.recv_timeout(Duration::from_millis(50)) {
                Ok(trials) => done = done.saturating_add(trials),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            progress(done, plan.trials());
        }
    });
    if cancel.load(Ordering::Acquire) {
        return None;
    }
    let slots = slots.into_inner().unwrap_or_else(PoisonError::into_inner);
    let chunks: Option<Vec<Vec<Outcome>>> = slots.into_iter().collect();
    plan.finish(chunks?)
}

/// The number of worker threads for a Monte Carlo run: the machine's
/// available parallelism.
#[must_use]
pub fn worker_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

fn analysis_failure(file: &Path, e: AnalysisError) -> Failure {
    match e {
        AnalysisError::Invalid(problems) => Failure::Input(
            problems
                .iter()
                .map(|p| format!("{}: {p}", file.display()))
                .collect(),
        ),
        AnalysisError::UnknownInput(_) => Failure::Input(vec![format!("{}: {e}", file.display())]),
        AnalysisError::BadArgument(message) => Failure::Usage(message),
    }
}

/// The PNG options of a command that writes a chart, checked before any
/// work (a size out of range is wrong usage); `None` without `--png`.
fn png_options(png: Option<&Path>, size: PngSize) -> Result<Option<PngOptions>, Failure> {
    if png.is_none() {
        return Ok(None);
    }
    let opts = PngOptions {
        width: size.width,
        height: size.height,
        scale: size.scale,
    };
    opts.check().map_err(Failure::Usage)?;
    Ok(Some(opts))
}

/// The chart as an output, when one was asked for.
fn png_output(
    path: Option<PathBuf>,
    opts: Option<PngOptions>,
    chart: impl FnOnce() -> crate::chart::Chart,
) -> Result<Option<Output>, Failure> {
    let (Some(path), Some(opts)) = (path, opts) else {
        return Ok(None);
    };
    let bytes = render_png(&chart(), &opts).map_err(|e| {
        Failure::Input(vec![format!(
            "{}: cannot draw the chart: {e}",
            path.display()
        )])
    })?;
    Ok(Some(Output { path, bytes }))
}

/// The end of an analysis command: writes its CSV (when asked for) and its
/// chart together, nothing unless both are ready, then prints its text.
fn write_and_print(
    csv: Option<PathBuf>,
    csv_text: impl FnOnce() -> String,
    chart: Option<Output>,
    text: &str,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let mut writes: Vec<Output> = csv
        .map(|path| Output {
            path,
            bytes: csv_text().into_bytes(),
        })
        .into_iter()
        .collect();
    writes.extend(chart);
    write_outputs(writes)?;
    let _ = out.write_all(text.as_bytes());
    Ok(())
}

fn outputs_of<'a>(paths: &[Option<&'a Path>]) -> Vec<&'a Path> {
    paths.iter().flatten().copied().collect()
}

/// `envroi sensitivity FILE [--csv PATH] [--png PATH]`.
pub fn sensitivity_command(
    file: &Path,
    csv: Option<PathBuf>,
    png: Option<PathBuf>,
    size: PngSize,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    ensure_not_input(
        &outputs_of(&[csv.as_deref(), png.as_deref()]),
        &[file.to_path_buf()],
    )?;
    let opts = png_options(png.as_deref(), size)?;
    let scenario = load_all(&[file.to_path_buf()])?.remove(0);
    let result = sensitivity(&scenario).map_err(|e| analysis_failure(file, e))?;
    let chart = png_output(png, opts, || sensitivity_chart(&scenario, &result))?;
    write_and_print(
        csv,
        || sensitivity_csv(&result),
        chart,
        &sensitivity_text(&scenario, &result),
        out,
    )
}

/// The readable tornado table printed by `sensitivity`.
#[must_use]
pub fn sensitivity_text(s: &Scenario, r: &Sensitivity) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "Sensitivity of the risk-adjusted NPV: {}", s.name);
    let _ = writeln!(text, "Base NPV {}", money(&s.currency, r.base_npv));
    if r.assumed_ranges {
        let _ = writeln!(
            text,
            "The scenario has no uncertainty ranges: every input is moved 20 % either way, within its allowed range."
        );
    }
    let _ = writeln!(text);
    let header = [
        "Input".to_owned(),
        "Low".to_owned(),
        "High".to_owned(),
        "NPV at low".to_owned(),
        "NPV at high".to_owned(),
        "Swing".to_owned(),
    ];
    let rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .map(|row| {
            vec![
                row.label.clone(),
                plain(row.low),
                plain(row.high),
                money(&s.currency, row.npv_low),
                money(&s.currency, row.npv_high),
                money(&s.currency, row.swing),
            ]
        })
        .collect();
    table(&mut text, &header, &rows);
    text
}

/// `envroi breakeven FILE --input PATH [--payback-months N] [--csv PATH]`.
pub fn breakeven_command(
    file: &Path,
    input: &str,
    payback_months: Option<u32>,
    csv: Option<PathBuf>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    ensure_not_input(&outputs_of(&[csv.as_deref()]), &[file.to_path_buf()])?;
    let scenario = load_all(&[file.to_path_buf()])?.remove(0);
    let mut targets = vec![Target::NpvZero];
    targets.extend(payback_months.map(Target::PaybackMonths));
    let results = targets
        .into_iter()
        .map(|t| break_even(&scenario, input, t))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| analysis_failure(file, e))?;
    if let Some(path) = csv {
        write_outputs(vec![Output {
            path,
            bytes: breakeven_csv(&results).into_bytes(),
        }])?;
    }
    let _ = out.write_all(breakeven_text(&scenario, &results).as_bytes());
    Ok(())
}

/// The readable break-even lines printed by `breakeven`.
#[must_use]
pub fn breakeven_text(s: &Scenario, results: &[BreakEven]) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "Break-even: {}", s.name);
    for r in results {
        let value = r.value.map_or_else(
            || "no break-even in range".to_owned(),
            |v| format!("{v} (base {})", plain(r.base)),
        );
        let _ = writeln!(text, "{} for {}: {value}", r.label, r.target.describe());
    }
    text
}

/// `envroi montecarlo FILE [--trials N] [--seed S] [--csv PATH] [--png PATH]`.
pub fn montecarlo_command(
    file: &Path,
    trials: Option<u32>,
    seed: Option<u64>,
    csv: Option<PathBuf>,
    png: Option<PathBuf>,
    size: PngSize,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    ensure_not_input(
        &outputs_of(&[csv.as_deref(), png.as_deref()]),
        &[file.to_path_buf()],
    )?;
    let opts = png_options(png.as_deref(), size)?;
    let scenario = load_all(&[file.to_path_buf()])?.remove(0);
    let trials = trials.unwrap_or(scenario.monte_carlo.trials);
    let seed = seed.unwrap_or(scenario.monte_carlo.seed);
    let plan = Plan::new(&scenario, trials, seed).map_err(|e| analysis_failure(file, e))?;
    let mut bar = ProgressBar::new(std::io::stderr().is_terminal());
    let cancel = AtomicBool::new(false);
    let result = run_parallel(&plan, worker_threads(), &cancel, &mut |done, total| {
        bar.show(done, total);
    });
    bar.clear();
    let result = result.ok_or_else(|| {
        Failure::Input(vec![format!(
            "{}: the Monte Carlo run did not complete",
            file.display()
        )])
    })?;
    let chart = png_output(png, opts, || monte_carlo_chart(&scenario, &result))?;
    write_and_print(
        csv,
        || monte_carlo_csv(&result),
        chart,
        &monte_carlo_text(&scenario, &result),
        out,
    )
}

/// The readable summary printed by `montecarlo`.
#[must_use]
pub fn monte_carlo_text(s: &Scenario, r: &MonteCarloResults) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "Monte Carlo: {}", s.name);
    let _ = writeln!(
        text,
        "{} trials, seed {}, {} uncertain input{} drawn from PERT(low, base, high)",
        grouped(Decimal::from(r.trials), 0),
        r.seed,
        r.uncertain_inputs,
        if r.uncertain_inputs == 1 { "" } else { "s" }
    );
    if r.uncertain_inputs == 0 {
        let _ = writeln!(
            text,
            "The scenario has no uncertainty ranges, so every trial is the base case."
        );
    }
    let _ = writeln!(text);
    let m = |v: Decimal| money(&s.currency, v);
    let mut rows = vec![
        vec!["Risk-adjusted NPV, mean".to_owned(), m(r.npv_mean)],
        vec!["P5".to_owned(), m(r.npv.p5)],
        vec!["P10".to_owned(), m(r.npv.p10)],
        vec!["P50".to_owned(), m(r.npv.p50)],
        vec!["P90".to_owned(), m(r.npv.p90)],
        vec!["P95".to_owned(), m(r.npv.p95)],
        vec![
            "Probability NPV > 0".to_owned(),
            percent(r.prob_npv_positive, 2),
        ],
        vec![
            format!("Probability of payback within {} months", s.horizon_months),
            percent(r.prob_payback_within_horizon, 2),
        ],
    ];
    if let Some(p) = &r.payback {
        let label = "Payback (trials that pay back)";
        rows.push(vec![format!("{label}, P5"), payback(Some(p.p5))]);
        rows.push(vec![format!("{label}, P10"), payback(Some(p.p10))]);
        rows.push(vec![format!("{label}, P50"), payback(Some(p.p50))]);
        rows.push(vec![format!("{label}, P90"), payback(Some(p.p90))]);
        rows.push(vec![format!("{label}, P95"), payback(Some(p.p95))]);
    } else {
        rows.push(vec![
            "Payback".to_owned(),
            "no trial pays back within the horizon".to_owned(),
        ]);
    }
    table(&mut text, &[String::new(), String::new()], &rows);
    text
}

/// A plain text table: first column left-aligned, the rest right-aligned.
fn table(out: &mut String, header: &[String], rows: &[Vec<String>]) {
    let mut widths = vec![0usize; header.len()];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut String, row: &[String]| {
        let mut text = String::new();
        for (i, (cell, w)) in row.iter().zip(&widths).enumerate() {
            if i == 0 {
                let _ = write!(text, "{cell:<w$}");
            } else {
                let _ = write!(text, "  {cell:>w$}");
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
    };
    if header.iter().any(|h| !h.is_empty()) {
        line(out, header);
    }
    for row in rows {
        line(out, row);
    }
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
struct ProgressBar {
    enabled: bool,
    last: Option<u32>,
}

impl ProgressBar {
    const WIDTH: u32 = 40;

    fn new(enabled: bool) -> Self {
        Self {
            enabled,
            last: None,
        }
    }

    fn show(&mut self, done: u32, total: u32) {
        if !self.enabled || total == 0 {
            return;
        }
        let percent = u64::from(done) * 100 / u64::from(total);
        let percent = u32::try_from(percent).unwrap_or(100).min(100);
        if self.last == Some(percent) {
            return;
        }
        self.last = Some(percent);
        let filled = (percent * Self::WIDTH / 100) as usize;
        let empty = Self::WIDTH as usize - filled;
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\rMonte Carlo [{}{}] {percent:>3} % ({done} of {total} trials)",
            "#".repeat(filled),
            "-".repeat(empty)
        );
        let _ = err.flush();
    }

    fn clear(&mut self) {
        if self.enabled && self.last.is_some() {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{}\r", " ".repeat(80));
            let _ = err.flush();
        }
    }
}
