//! The `envroi` binary: parses arguments, runs a headless command or opens
//! the desktop app, and is the one place exit codes are decided
//! (0 success, 1 invalid input, 2 wrong usage).

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use envroi::cli::{self, Cli, Failure};

fn main() -> ExitCode {
    // The cold-start probe of the app measures from here.
    let started = Instant::now();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Some(command) => cli::run(command, &mut std::io::stdout().lock()),
        None => open_app(&cli.files, started),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let mut stderr = std::io::stderr().lock();
            for line in failure.lines() {
                let _ = writeln!(stderr, "{line}");
            }
            ExitCode::from(failure.exit_code())
        }
    }
}

/// With the desktop app, `envroi [FILE...]` opens the window on the files
/// (or, with none, the last session's files or the built-in default). A
/// machine with no display gets a clear message and exit status 1.
#[cfg(feature = "gui")]
fn open_app(files: &[std::path::PathBuf], started: Instant) -> Result<(), Failure> {
    envroi::gui::run(files.to_vec(), started).map_err(|message| Failure::Input(vec![message]))
}

/// Without the desktop app, `envroi [FILE...]` prints the report of each
/// file, or of the built-in default scenario.
#[cfg(not(feature = "gui"))]
fn open_app(files: &[std::path::PathBuf], _started: Instant) -> Result<(), Failure> {
    let scenarios = if files.is_empty() {
        vec![envroi::io::default_scenario().map_err(Failure::from)?]
    } else {
        cli::load_all(files)?
    };
    let mut out = std::io::stdout().lock();
    for s in &scenarios {
        let results = envroi::model::compute(s);
        let _ = writeln!(out, "{}", cli::report_text(s, &results));
    }
    Ok(())
}
