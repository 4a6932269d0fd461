//! What a business-case document needs beyond a scenario's results: its
//! analyses (the tornado, the break-even of each uncertain input, and the
//! Monte Carlo run of the file's ranges, trials and seed) and the SHA-256
//! of its file. The command line and the app both call these, so the same
//! file gives the same document from either.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use sha2::{Digest, Sha256};

use crate::io::html::{self, Analyses, Case, Source};
use crate::model::analysis::{Plan, Target, break_even, sensitivity};
use crate::model::{Results, Scenario};
use crate::parallel::{run_parallel, worker_threads};

/// The analyses of a valid scenario. The Monte Carlo run is made only when
/// the scenario has uncertainty ranges (without them every trial is the
/// base case); it gives the same result on any number of threads.
#[must_use]
pub fn analyses(s: &Scenario) -> Analyses {
    let tornado = sensitivity(s).ok();
    let break_evens = s
        .uncertainty
        .iter()
        .filter_map(|r| break_even(s, &r.input, Target::NpvZero).ok())
        .collect();
    let monte_carlo = if s.uncertainty.is_empty() {
        None
    } else {
        Plan::new(s, s.monte_carlo.trials, s.monte_carlo.seed)
            .ok()
            .and_then(|plan| {
                run_parallel(
                    &plan,
                    worker_threads(),
                    &AtomicBool::new(false),
                    &mut |_, _| {},
                )
            })
    };
    let decision = crate::model::analysis::SwitchingPlan::new(s, crate::model::analysis::Goal::Npv)
        .ok()
        .and_then(|plan| {
            crate::parallel_rows::run_switching(&plan, worker_threads(), &AtomicBool::new(false))
        })
        .zip(crate::model::analysis::cost_of_delay(s).ok())
        .map(|(switching, delay)| html::decision::Decision { switching, delay });
    Analyses {
        tornado,
        decision,
        break_evens,
        monte_carlo,
    }
}

/// The SHA-256 of `bytes` in lower-case hex.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
}

/// The source of `scenario`: the file at `path` when it still holds exactly
/// this scenario (its bytes are hashed), otherwise (no file, or unsaved
/// changes) the scenario as envroi would save it, marked unsaved.
#[must_use]
pub fn source(path: Option<&Path>, scenario: &Scenario) -> Source {
    let file = path.and_then(Path::file_name).map_or_else(
        || format!("{}.ron", scenario.name),
        |n| n.to_string_lossy().into_owned(),
    );
    if let Some(path) = path
        && let Ok(bytes) = std::fs::read(path)
        && crate::io::load_bytes(&bytes, &file).is_ok_and(|loaded| loaded == *scenario)
    {
        return Source {
            file,
            sha256: sha256_hex(&bytes),
            unsaved: false,
        };
    }
    let text = crate::io::to_ron_string(scenario).unwrap_or_default();
    Source {
        file,
        sha256: sha256_hex(text.as_bytes()),
        unsaved: true,
    }
}

/// One scenario of a document: the scenario, its file (if any) and its
/// results.
pub type Item<'a> = (&'a Scenario, Option<&'a Path>, &'a Results);

/// The business case of one scenario as HTML: its analyses are run and its
/// file hashed here, so the command line and the app write the same bytes.
pub fn business_case_html(item: Item<'_>, date: Option<&str>) -> Result<String, String> {
    let (scenario, path, results) = item;
    let analyses = analyses(scenario);
    let source = source(path, scenario);
    html::business_case(
        &Case {
            scenario,
            results,
            analyses: &analyses,
            source: &source,
        },
        date,
    )
}

/// The options appraisal of `items` (the first is the base case) as HTML.
pub fn appraisal_html(items: &[Item<'_>], date: Option<&str>) -> Result<String, String> {
    let analyses: Vec<Analyses> = items.iter().map(|(s, _, _)| analyses(s)).collect();
    let sources: Vec<Source> = items.iter().map(|(s, p, _)| source(*p, s)).collect();
    let cases: Vec<Case<'_>> = items
        .iter()
        .zip(analyses.iter().zip(&sources))
        .map(|((scenario, _, results), (analyses, source))| Case {
            scenario,
            results,
            analyses,
            source,
        })
        .collect();
    html::options_appraisal(&cases, date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_sha_256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
