//! The what-if commands of the command line: `sensitivity`, `breakeven`
//! and `montecarlo`, and their readable text. The analyses themselves are
//! in `model::analysis`, their CSV tables in `io::csv_out::analysis` and
//! the Monte Carlo runner in `parallel`; this module only loads, runs,
//! formats and writes.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use rust_decimal::Decimal;

use super::progress::ProgressBar;
use super::table::write_table;
use super::{CsvFormat, Failure, Output, PngSize, ensure_not_input, load_all, write_outputs};

/// Where a command writes its CSV (if anywhere) and in which dialect.
type CsvOut = (Option<PathBuf>, CsvFormat);
use crate::chart::{fan_chart, monte_carlo_chart, sensitivity_chart};
use crate::format::{money, payback, percent};
use crate::io::csv_out::analysis::{
    Thresholds, breakeven_csv, fan_csv, monte_carlo_csv_with, sensitivity_csv,
};
use crate::io::csv_out::plain;
use crate::io::png::{PngOptions, render_png};
use crate::model::Scenario;
use crate::model::analysis::montecarlo::DETAIL_TRIALS;
use crate::model::analysis::{
    AnalysisError, BreakEven, MonteCarloResults, Plan, Sensitivity, Target, break_even, sensitivity,
};
use crate::model::decimal::grouped;
use crate::parallel::{run_parallel, worker_threads};

fn analysis_failure(file: &Path, e: AnalysisError) -> Failure {
    match e {
        AnalysisError::Invalid(problems) => Failure::Input(
            problems
                .iter()
                .map(|p| format!("{}: {p}", file.display()))
                .collect(),
        ),
        AnalysisError::UnknownInput(..) => Failure::Input(vec![format!("{}: {e}", file.display())]),
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
    (csv, format): CsvOut,
    csv_text: impl FnOnce() -> String,
    chart: impl IntoIterator<Item = Output>,
    text: &str,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let mut writes: Vec<Output> = csv
        .map(|path| Output {
            path,
            bytes: format.bytes(csv_text()),
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
    csv: CsvOut,
    png: Option<PathBuf>,
    size: PngSize,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    ensure_not_input(
        &outputs_of(&[csv.0.as_deref(), png.as_deref()]),
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
    write_table(&mut text, &header, &rows);
    text
}

/// `envroi breakeven FILE --input PATH [--payback-months N] [--csv PATH]`.
pub fn breakeven_command(
    file: &Path,
    input: &str,
    payback_months: Option<u32>,
    (csv, format): CsvOut,
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
            bytes: format.bytes(breakeven_csv(&results)),
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

/// What `montecarlo` was asked for beyond the run itself (MODEL.md 12.3).
#[derive(Debug, Clone, Default)]
pub struct MonteCarloOptions {
    /// `--trials N`; default from the file.
    pub trials: Option<u32>,
    /// `--seed S`; default from the file.
    pub seed: Option<u64>,
    /// The probability thresholds given.
    pub thresholds: Thresholds,
    /// `--fan-csv PATH`.
    pub fan_csv: Option<PathBuf>,
    /// `--fan-png PATH`.
    pub fan_png: Option<PathBuf>,
}

/// A decimal typed on the command line, read from its text (never through
/// binary floating point).
pub fn parse_decimal(text: &str) -> Result<Decimal, String> {
    Decimal::from_str_exact(text.trim())
        .map_err(|_| format!("`{text}` is not a decimal number; write e.g. 0.15 or 250000"))
}

/// `envroi montecarlo FILE [--trials N] [--seed S] [--csv PATH] [--png PATH]
/// [--hurdle X] [--payback-within N] [--roi-at-least X] [--fan-csv PATH]
/// [--fan-png PATH]`.
pub fn montecarlo_command(
    file: &Path,
    options: MonteCarloOptions,
    csv: CsvOut,
    png: Option<PathBuf>,
    size: PngSize,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    ensure_not_input(
        &outputs_of(&[
            csv.0.as_deref(),
            png.as_deref(),
            options.fan_csv.as_deref(),
            options.fan_png.as_deref(),
        ]),
        &[file.to_path_buf()],
    )?;
    let opts = png_options(png.as_deref(), size)?;
    let fan_opts = png_options(options.fan_png.as_deref(), size)?;
    let scenario = load_all(&[file.to_path_buf()])?.remove(0);
    if let Some(n) = options.thresholds.payback_within
        && !(1..=scenario.horizon_months).contains(&n)
    {
        return Err(Failure::Usage(format!(
            "--payback-within must be a whole number of months from 1 to the horizon ({}); got {n}",
            scenario.horizon_months
        )));
    }
    let trials = options.trials.unwrap_or(scenario.monte_carlo.trials);
    let seed = options.seed.unwrap_or(scenario.monte_carlo.seed);
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
    let mut extra = Vec::new();
    extra.extend(png_output(png, opts, || {
        monte_carlo_chart(&scenario, &result)
    })?);
    extra.extend(png_output(options.fan_png, fan_opts, || {
        fan_chart(&scenario, &result)
    })?);
    if let Some(path) = options.fan_csv {
        extra.push(Output {
            path,
            bytes: csv.1.bytes(fan_csv(&result)),
        });
    }
    let thresholds = options.thresholds;
    write_and_print(
        csv,
        || monte_carlo_csv_with(&result, thresholds),
        extra,
        &monte_carlo_text(&scenario, &result, thresholds),
        out,
    )
}

/// The readable summary printed by `montecarlo`.
#[must_use]
pub fn monte_carlo_text(s: &Scenario, r: &MonteCarloResults, t: Thresholds) -> String {
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
    let hurdle = t.hurdle.unwrap_or(Decimal::ZERO);
    rows.push(vec![
        format!("Probability NPV >= {}", m(hurdle)),
        percent(r.prob_npv_at_least(hurdle), 2),
    ]);
    if let Some(n) = t.payback_within {
        rows.push(vec![
            format!("Probability of payback within {n} months"),
            percent(r.prob_payback_within(n), 2),
        ]);
    }
    let roi = t.roi_at_least.unwrap_or(Decimal::ZERO);
    rows.push(vec![
        format!("Probability ROI >= {}", percent(roi, 2)),
        percent(r.prob_roi_at_least(roi), 2),
    ]);
    write_table(&mut text, &[String::new(), String::new()], &rows);
    if r.correlated {
        let _ = writeln!(
            text,
            "\nInputs drawn with the file's {} rank correlation{} (Iman-Conover).",
            s.correlations.len(),
            if s.correlations.len() == 1 { "" } else { "s" }
        );
    }
    if !r.rank_sensitivity.is_empty() {
        let detail = r.trials.min(DETAIL_TRIALS);
        let _ = writeln!(
            text,
            "\nRank sensitivity: Spearman rank correlation of each input with the NPV over {} trials",
            grouped(Decimal::from(detail), 0)
        );
        let mut sorted: Vec<_> = r.rank_sensitivity.iter().collect();
        sorted.sort_by_key(|row| std::cmp::Reverse(row.rho.abs()));
        let rows: Vec<Vec<String>> = sorted
            .iter()
            .map(|row| vec![row.label.clone(), format!("{:.4}", row.rho)])
            .collect();
        write_table(
            &mut text,
            &["Input".to_owned(), "Rank correlation".to_owned()],
            &rows,
        );
    }
    text
}
