//! The headless command line (MODEL.md section 6): argument types, and the
//! `check`, `report` and `compare` commands. Commands read their inputs,
//! compute everything, and only then write outputs, each atomically; an
//! output path that names an input file is refused.

pub mod analysis;
pub mod assumptions;
mod command;
mod progress;
mod report;
pub mod switching;
mod table;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, ValueEnum};

pub use command::Command;

use crate::io::csv_out::CsvDialect;
use crate::io::csv_out::analysis::Thresholds;
use crate::io::png::{self, PngOptions};
use crate::io::{FileError, csv_out, load_path};
use crate::model::{Results, Scenario, View, compute, shared_currency};

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "envroi",
    version,
    about = "Business cases for Test Environment Management and Test Data Management",
    long_about = "Business cases for Test Environment Management (TEM) and Test Data Management (TDM).\n\nWith no command, opens the desktop app on the given scenario files (or on the built-in default scenario).",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A headless command; none opens the desktop app.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Scenario files to open in the app.
    pub files: Vec<PathBuf>,
}

/// Which view a command writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewArg {
    /// Risk-adjusted (benefits down by their risk, costs up by theirs).
    Adjusted,
    /// As entered.
    Unadjusted,
}

impl From<ViewArg> for View {
    fn from(v: ViewArg) -> Self {
        match v {
            ViewArg::Adjusted => View::Adjusted,
            ViewArg::Unadjusted => View::Unadjusted,
        }
    }
}

/// The CSV dialect of every command that writes a CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum CsvDialectArg {
    /// MODEL.md's CSV: `,` between fields, `.` decimals (the exchange format).
    #[default]
    Standard,
    /// `;` between fields, `,` decimals and a UTF-8 BOM, for Excel and Calc set to a comma-decimal locale.
    ExcelSemicolon,
}

impl From<CsvDialectArg> for CsvDialect {
    fn from(d: CsvDialectArg) -> Self {
        match d {
            CsvDialectArg::Standard => Self::Standard,
            CsvDialectArg::ExcelSemicolon => Self::ExcelSemicolon,
        }
    }
}

/// The CSV options shared by every command that writes a CSV.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct CsvFormat {
    /// How CSV files are written.
    #[arg(long, value_enum, default_value_t = CsvDialectArg::Standard)]
    pub csv_dialect: CsvDialectArg,
}

impl CsvFormat {
    /// `standard`, a standard CSV as the writers make it, in this dialect.
    #[must_use]
    pub fn bytes(self, standard: String) -> Vec<u8> {
        CsvDialect::from(self.csv_dialect)
            .apply(standard)
            .into_bytes()
    }
}

/// Size options shared by every command that writes a PNG.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct PngSize {
    /// Chart width in pixels.
    #[arg(
        long,
        default_value_t = 1600,
        value_parser = clap::value_parser!(u32).range(png::side_range())
    )]
    pub width: u32,
    /// Chart height in pixels.
    #[arg(
        long,
        default_value_t = 900,
        value_parser = clap::value_parser!(u32).range(png::side_range())
    )]
    pub height: u32,
    /// Pixel scale: 1 or 2 (2 doubles the size for high-density screens and print).
    #[arg(
        long,
        default_value_t = 1,
        value_parser = clap::value_parser!(u32).range(png::scale_range())
    )]
    pub scale: u32,
}

/// Why a command failed; decides the exit status.
#[derive(Debug)]
pub enum Failure {
    /// Invalid input, or a file that could not be read or written (exit 1).
    Input(Vec<String>),
    /// Wrong usage (exit 2).
    Usage(String),
}

impl Failure {
    /// The process exit status for this failure.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Input(_) => 1,
            Self::Usage(_) => 2,
        }
    }

    /// The lines to print on stderr.
    #[must_use]
    pub fn lines(&self) -> Vec<String> {
        match self {
            Self::Input(lines) => lines.clone(),
            Self::Usage(line) => vec![format!("envroi: {line}")],
        }
    }
}

impl From<FileError> for Failure {
    fn from(e: FileError) -> Self {
        Self::Input(e.lines())
    }
}

/// One output to write once everything has been computed.
pub struct Output {
    /// Where.
    pub path: PathBuf,
    /// What.
    pub bytes: Vec<u8>,
}

/// Refuses an output path that names one of the inputs.
fn ensure_not_input(outputs: &[&Path], inputs: &[PathBuf]) -> Result<(), Failure> {
    let inputs: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    for out in outputs {
        if let Ok(canonical) = out.canonicalize()
            && inputs.contains(&canonical)
        {
            return Err(Failure::Usage(format!(
                "{} is an input file; envroi never overwrites its inputs, choose another output path",
                out.display()
            )));
        }
    }
    Ok(())
}

/// Writes every output atomically, in order.
pub fn write_outputs(outputs: Vec<Output>) -> Result<(), Failure> {
    for out in outputs {
        crate::io::atomic::write_atomic(&out.path, &out.bytes).map_err(|e| {
            Failure::Input(vec![format!("{}: cannot write: {e}", out.path.display())])
        })?;
    }
    Ok(())
}

impl From<PngSize> for PngOptions {
    fn from(size: PngSize) -> Self {
        Self {
            width: size.width,
            height: size.height,
            scale: size.scale,
        }
    }
}

/// The PNG options of a command, checked before any work (wrong usage).
fn png_options(size: PngSize) -> Result<PngOptions, Failure> {
    let opts = PngOptions::from(size);
    opts.check().map_err(Failure::Usage)?;
    Ok(opts)
}

/// The payback chart as an output, drawn by the same function as the app's
/// Export PNG so that both write the same bytes.
fn payback_output(
    path: PathBuf,
    scenarios: &[(&str, &Results)],
    currency: &str,
    opts: &PngOptions,
) -> Result<Output, Failure> {
    let bytes = png::payback_png(scenarios, View::Adjusted, currency, opts).map_err(|e| {
        Failure::Input(vec![format!(
            "{}: cannot draw the chart: {e}",
            path.display()
        )])
    })?;
    Ok(Output { path, bytes })
}

/// The payback curves of every compared file on one chart; scenarios in
/// different currencies cannot share a money axis and are refused.
fn compare_output(
    path: PathBuf,
    scenarios: &[Scenario],
    pairs: &[(&str, &Results)],
    opts: &PngOptions,
) -> Result<Output, Failure> {
    let currency = shared_currency(scenarios.iter().map(|s| s.currency.as_str()))
        .map_err(|e| Failure::Input(vec![format!("{}: {e}", path.display())]))?;
    payback_output(path, pairs, currency, opts)
}

/// A `--date` value: a calendar date written `YYYY-MM-DD`.
pub(super) fn parse_date(text: &str) -> Result<String, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| format!("`{text}` is not a date; write YYYY-MM-DD, e.g. 2026-12-04"))
}

/// Loads and validates files, collecting every file's problems.
pub fn load_all(files: &[PathBuf]) -> Result<Vec<Scenario>, Failure> {
    let mut scenarios = Vec::new();
    let mut lines = Vec::new();
    for file in files {
        match load_path(file) {
            Ok(s) => scenarios.push(s),
            Err(e) => lines.extend(e.lines()),
        }
    }
    if lines.is_empty() {
        Ok(scenarios)
    } else {
        Err(Failure::Input(lines))
    }
}

/// Runs a headless command, printing its report to `out`.
pub fn run(command: Command, out: &mut dyn Write) -> Result<(), Failure> {
    match command {
        Command::Check { files, strict } => {
            let scenarios = load_all(&files)?;
            let mut findings = Vec::new();
            for (file, s) in files.iter().zip(&scenarios) {
                let _ = writeln!(out, "{}: ok ({})", file.display(), s.name);
                findings.extend(assumptions::key_findings(file, s));
            }
            if strict && !findings.is_empty() {
                return Err(Failure::Input(findings));
            }
            for line in findings {
                eprintln!("{line} (warning; --strict makes it an error)");
            }
            Ok(())
        }
        Command::Report {
            file,
            view,
            monthly_csv,
            summary_csv,
            format,
            png,
            html,
            date,
            xlsx,
            size,
        } => {
            let outputs: Vec<&Path> = [&monthly_csv, &summary_csv, &png, &html, &xlsx]
                .into_iter()
                .flatten()
                .map(PathBuf::as_path)
                .collect();
            ensure_not_input(&outputs, std::slice::from_ref(&file))?;
            let png_opts = png_options(size)?;
            let scenario = load_all(std::slice::from_ref(&file))?.remove(0);
            let results = compute(&scenario);
            let mut writes = Vec::new();
            if let Some(path) = monthly_csv {
                writes.push(Output {
                    path,
                    bytes: format.bytes(csv_out::monthly_csv(&results, view.into())),
                });
            }
            if let Some(path) = summary_csv {
                writes.push(Output {
                    path,
                    bytes: format.bytes(csv_out::summary_csv(&results)),
                });
            }
            if let Some(path) = png {
                writes.push(payback_output(
                    path,
                    &[(scenario.name.as_str(), &results)],
                    &scenario.currency,
                    &png_opts,
                )?);
            }
            if let Some(path) = html {
                let text = crate::case::business_case_html(
                    (&scenario, Some(file.as_path()), &results),
                    date.as_deref(),
                )
                .map_err(|e| Failure::Input(vec![format!("{}: {e}", path.display())]))?;
                writes.push(Output {
                    path,
                    bytes: text.into_bytes(),
                });
            }
            if let Some(path) = xlsx {
                let bytes = crate::io::xlsx::workbook(&scenario, &results)
                    .map_err(|e| Failure::Input(vec![format!("{}: {e}", path.display())]))?;
                writes.push(Output { path, bytes });
            }
            write_outputs(writes)?;
            let _ = out.write_all(report::text(&scenario, &results).as_bytes());
            let _ = out.write_all(switching::decision_text(&scenario).as_bytes());
            Ok(())
        }
        Command::Compare {
            files,
            csv,
            format,
            png,
            html,
            date,
            size,
        } => {
            let outputs: Vec<&Path> = [&csv, &png, &html]
                .into_iter()
                .flatten()
                .map(PathBuf::as_path)
                .collect();
            ensure_not_input(&outputs, &files)?;
            let png_opts = png_options(size)?;
            let scenarios = load_all(&files)?;
            let results: Vec<Results> = scenarios.iter().map(compute).collect();
            let pairs: Vec<(&str, &Results)> = scenarios
                .iter()
                .map(|s| s.name.as_str())
                .zip(&results)
                .collect();
            let table = csv_out::comparison_csv(&pairs);
            let mut writes = Vec::new();
            if let Some(path) = png {
                writes.push(compare_output(path, &scenarios, &pairs, &png_opts)?);
            }
            if let Some(path) = html {
                let items: Vec<crate::case::Item<'_>> = scenarios
                    .iter()
                    .zip(&files)
                    .zip(&results)
                    .map(|((s, f), r)| (s, Some(f.as_path()), r))
                    .collect();
                let text = crate::case::appraisal_html(&items, date.as_deref())
                    .map_err(|e| Failure::Input(vec![format!("{}: {e}", path.display())]))?;
                writes.push(Output {
                    path,
                    bytes: text.into_bytes(),
                });
            }
            if let Some(path) = csv {
                writes.insert(
                    0,
                    Output {
                        path,
                        bytes: format.bytes(table.clone()),
                    },
                );
            }
            write_outputs(writes)?;
            let _ = out.write_all(report::comparison_text(&scenarios, &results).as_bytes());
            Ok(())
        }
        Command::Sensitivity {
            file,
            csv,
            format,
            png,
            size,
        } => analysis::sensitivity_command(&file, (csv, format), png, size, out),
        Command::Breakeven {
            file,
            input,
            payback_months,
            csv,
            format,
        } => analysis::breakeven_command(&file, &input, payback_months, (csv, format), out),
        Command::Switching {
            file,
            target,
            csv,
            format,
        } => switching::switching_command(&file, &target, (csv, format), out),
        Command::Assumptions { file, csv, format } => {
            assumptions::assumptions_command(&file, csv, format, out)
        }
        Command::Montecarlo {
            file,
            trials,
            seed,
            csv,
            format,
            png,
            size,
            hurdle,
            payback_within,
            roi_at_least,
            fan_csv,
            fan_png,
        } => {
            let options = analysis::MonteCarloOptions {
                trials,
                seed,
                thresholds: Thresholds {
                    hurdle,
                    payback_within,
                    roi_at_least,
                },
                fan_csv,
                fan_png,
            };
            analysis::montecarlo_command(&file, options, (csv, format), png, size, out)
        }
    }
}

pub use report::text as report_text;
