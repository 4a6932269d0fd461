//! Fuzz target: load, then compute everything a valid scenario feeds. A
//! scenario the loader accepts must compute both views and the analysis
//! outcome without a panic, and save to text that loads back exactly.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(scenario) = envroi::io::load_bytes(data, "fuzz.ron") else {
        return;
    };
    let results = envroi::model::compute(&scenario);
    let outcome = envroi::model::analysis::outcome(&scenario);
    assert_eq!(outcome.npv, results.adjusted.figures.npv);
    let _ = envroi::io::csv_out::monthly_csv(&results, envroi::model::View::Adjusted);
    let _ = envroi::io::csv_out::summary_csv(&results);
    if let Ok(text) = envroi::io::to_ron_string(&scenario) {
        let again = envroi::io::load_str(&text, "round trip");
        assert_eq!(again.as_ref().ok(), Some(&scenario), "{text}");
    }
});
