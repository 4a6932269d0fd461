//! The business case as one self-contained HTML file (issue 14): what
//! `envroi report FILE --html`, `envroi compare FILE... --html` and the
//! app's File menu write, the same bytes from each.
//!
//! The document is built from the scenario, its results and its analyses
//! (the tornado, the break-even of each uncertain input, and the Monte
//! Carlo run when the file has ranges), all computed by the caller
//! (`crate::case`), and from the SHA-256 of the scenario file that ties the
//! document to it. Charts are inline SVG from the same chart descriptions
//! as the PNGs. Nothing depends on the clock: a date appears only when one
//! is given. Every text from the scenario is escaped (see [`page`]).

mod appraisal;
pub mod decision;
pub mod page;
mod review;
mod sections;

use crate::model::analysis::{BreakEven, MonteCarloResults, Sensitivity};
use crate::model::{Results, Scenario};

pub use appraisal::options_appraisal;

/// The analyses a business case shows.
#[derive(Debug, Clone)]
pub struct Analyses {
    /// The tornado (the file's ranges, or the assumed +/-20 % ranges).
    pub tornado: Option<Sensitivity>,
    /// The switching values and cost of delay (MODEL.md 10).
    pub decision: Option<decision::Decision>,
    /// The break-even (NPV = 0) of each input with an uncertainty range.
    pub break_evens: Vec<BreakEven>,
    /// The Monte Carlo run of the file's ranges, trials and seed; `None`
    /// when the file has no ranges.
    pub monte_carlo: Option<MonteCarloResults>,
}

/// Where a scenario came from, so a reader can tie the document to it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file's name as shown (no folders).
    pub file: String,
    /// The SHA-256 of the file's bytes, in lower-case hex.
    pub sha256: String,
    /// Whether the scenario differs from the file (an unsaved document):
    /// the hash is then of the scenario as envroi would save it.
    pub unsaved: bool,
}

/// One scenario with everything its business case shows.
#[derive(Debug, Clone, Copy)]
pub struct Case<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// Its results.
    pub results: &'a Results,
    /// Its analyses.
    pub analyses: &'a Analyses,
    /// Its file.
    pub source: &'a Source,
}

/// The width and height of the charts, in points.
const CHART_SIZE: (u32, u32) = (1200, 620);

/// The business case of one scenario. `date` (already checked by the
/// caller) is shown as the document's date when given.
pub fn business_case(case: &Case<'_>, date: Option<&str>) -> Result<String, String> {
    let mut body = String::with_capacity(256 * 1024);
    sections::summary(&mut body, case, date);
    sections::financial(&mut body, case);
    sections::benefits(&mut body, case);
    sections::costs(&mut body, case);
    sections::payback(&mut body, case)?;
    review::risk(&mut body, case)?;
    decision::decision(&mut body, case);
    review::register(&mut body, case);
    review::method(&mut body, &[case.source], case.scenario);
    Ok(page::page(
        &format!("Business case: {}", case.scenario.name),
        &body,
    ))
}
