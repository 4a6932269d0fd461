//! Writes the 120-month benchmark fixture (nine categories, 10 custom
//! lines, 20 costs, 20 ranges) as a scenario file, for timing the command
//! line on it (BENCHMARKS.md, "Exports"):
//!
//! ```bash
//! cargo run --example write_fixture -- /tmp/fixture_120.ron
//! time target/release/envroi report /tmp/fixture_120.ron --xlsx /tmp/case.xlsx
//! ```

#[path = "../benches/support/fixture.rs"]
mod fixture;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fixture_120.ron".into());
    let text = match envroi::io::to_ron_string(&fixture::large(120, 0)) {
        Ok(text) => text,
        Err(e) => panic!("cannot write the fixture: {e}"),
    };
    if let Err(e) = std::fs::write(&path, text) {
        panic!("{path}: {e}");
    }
}
