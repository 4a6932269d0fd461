//! The headless commands and their arguments, as clap parses them.

use std::path::PathBuf;

use clap::Subcommand;
use rust_decimal::Decimal;

use super::{CsvFormat, PngSize, ViewArg, analysis, parse_date};

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate scenario files; one line per problem on stderr.
    Check {
        /// Scenario files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Fail (exit 1) when one of the five inputs with the widest NPV swing has no evidence record or Placeholder evidence; without it, that is a warning.
        #[arg(long)]
        strict: bool,
    },
    /// Print a summary of both views; write the monthly table, summary and chart.
    Report {
        /// Scenario file.
        file: PathBuf,
        /// View written to --monthly-csv.
        #[arg(long, value_enum, default_value_t = ViewArg::Adjusted)]
        view: ViewArg,
        /// Write the monthly table of the chosen view as CSV.
        #[arg(long, value_name = "PATH")]
        monthly_csv: Option<PathBuf>,
        /// Write the summary of both views as CSV.
        #[arg(long, value_name = "PATH")]
        summary_csv: Option<PathBuf>,
        /// CSV options.
        #[command(flatten)]
        format: CsvFormat,
        /// Write the payback chart as PNG.
        #[arg(long, value_name = "PATH")]
        png: Option<PathBuf>,
        /// Write the business case as one self-contained HTML file.
        #[arg(long, value_name = "PATH")]
        html: Option<PathBuf>,
        /// The date shown on the business case (YYYY-MM-DD); none by default.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        date: Option<String>,
        /// Write the business case as a workbook of live formulas (XLSX).
        #[arg(long, value_name = "PATH")]
        xlsx: Option<PathBuf>,
        /// PNG size options.
        #[command(flatten)]
        size: PngSize,
    },
    /// Compare scenarios: the risk-adjusted figures side by side.
    Compare {
        /// Scenario files, in column order.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write the comparison table as CSV.
        #[arg(long, value_name = "PATH")]
        csv: Option<PathBuf>,
        /// CSV options.
        #[command(flatten)]
        format: CsvFormat,
        /// Write the payback curves of every file on one chart as PNG.
        #[arg(long, value_name = "PATH")]
        png: Option<PathBuf>,
        /// Write the options appraisal (the first file is the base case) as one self-contained HTML file.
        #[arg(long, value_name = "PATH")]
        html: Option<PathBuf>,
        /// The date shown on the appraisal (YYYY-MM-DD); none by default.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        date: Option<String>,
        /// PNG size options.
        #[command(flatten)]
        size: PngSize,
    },
    /// Sensitivity of the risk-adjusted NPV to each uncertainty range (a tornado).
    Sensitivity {
        /// Scenario file.
        file: PathBuf,
        /// Write the tornado table as CSV.
        #[arg(long, value_name = "PATH")]
        csv: Option<PathBuf>,
        /// CSV options.
        #[command(flatten)]
        format: CsvFormat,
        /// Write the tornado chart as PNG.
        #[arg(long, value_name = "PATH")]
        png: Option<PathBuf>,
        /// PNG size options.
        #[command(flatten)]
        size: PngSize,
    },
    /// The value of one input at which the risk-adjusted NPV is zero (and payback meets a target).
    Breakeven {
        /// Scenario file.
        file: PathBuf,
        /// The input to solve for.
        #[arg(
            long,
            value_name = "PATH",
            help = "Input path, e.g. benefits.tem_services.reduction or costs.<name>.amount"
        )]
        input: String,
        /// Also find the value at which payback is within this many months.
        #[arg(long, value_name = "N")]
        payback_months: Option<u32>,
        /// Write the break-even values as CSV.
        #[arg(long, value_name = "PATH")]
        csv: Option<PathBuf>,
        /// CSV options.
        #[command(flatten)]
        format: CsvFormat,
    },
    /// The assumption register: every input with its evidence, sorted by NPV swing.
    Assumptions {
        /// Scenario file.
        file: PathBuf,
        /// Write the register as CSV.
        #[arg(long, value_name = "PATH")]
        csv: Option<PathBuf>,
        /// CSV options.
        #[command(flatten)]
        format: CsvFormat,
    },
    /// The switching value of every input: where the case stops meeting its target.
    Switching {
        /// Scenario file.
        file: PathBuf,
        /// The target: npv (NPV = 0), payback=N (months) or roi=X (a fraction, e.g. 0.15).
        #[arg(long, value_name = "TARGET", default_value = "npv")]
        target: String,
        /// Write the switching values as CSV.
        #[arg(long, value_name = "PATH")]
        csv: Option<PathBuf>,
        /// CSV options.
        #[command(flatten)]
        format: CsvFormat,
    },
    /// Monte Carlo simulation of the risk-adjusted NPV and payback.
    Montecarlo {
        /// Scenario file.
        file: PathBuf,
        /// Number of trials (100 to 1,000,000); default from the file.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(100..=1_000_000))]
        trials: Option<u32>,
        /// Random seed; default from the file.
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
        /// Write the summary as CSV (metric,value).
        #[arg(long, value_name = "PATH")]
        csv: Option<PathBuf>,
        /// CSV options.
        #[command(flatten)]
        format: CsvFormat,
        /// Write the NPV histogram as PNG.
        #[arg(long, value_name = "PATH")]
        png: Option<PathBuf>,
        /// PNG size options.
        #[command(flatten)]
        size: PngSize,
        /// Also the probability that NPV >= X (money; CSV row `prob_npv_at_least`).
        #[arg(long, value_name = "X", value_parser = analysis::parse_decimal, allow_hyphen_values = true)]
        hurdle: Option<Decimal>,
        /// Also the probability of payback within N months (CSV row `prob_payback_within`).
        #[arg(long, value_name = "N")]
        payback_within: Option<u32>,
        /// Also the probability that ROI >= X, a fraction (CSV row `prob_roi_at_least`).
        #[arg(long, value_name = "X", value_parser = analysis::parse_decimal, allow_hyphen_values = true)]
        roi_at_least: Option<Decimal>,
        /// Write the fan chart of cumulative net cash as CSV (month,p10,p50,p90).
        #[arg(long, value_name = "PATH")]
        fan_csv: Option<PathBuf>,
        /// Draw the fan chart as PNG.
        #[arg(long, value_name = "PATH")]
        fan_png: Option<PathBuf>,
    },
}
