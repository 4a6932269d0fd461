//! Runs `model::compute` on the 120-month benchmark fixture (or, with a
//! second argument `estate`, the estate fixture of 40 environments and 20
//! databases) a given number of times (default 200) and nothing else, so that an instruction count
//! under callgrind is the recompute's alone (a criterion binary adds its
//! warm-up and statistics). See BENCHMARKS.md:
//!
//! ```bash
//! cargo build --release --example profile_recompute
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out \
//!     target/release/examples/profile_recompute 200 [estate]
//! callgrind_annotate --inclusive=yes /tmp/cg.out | grep envroi::model
//! ```

#[path = "../benches/support/estate_fixture.rs"]
mod estate_fixture;
#[path = "../benches/support/fixture.rs"]
mod fixture;

fn main() {
    let runs: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let s = match std::env::args().nth(2).as_deref() {
        Some("estate") => estate_fixture::with_estate(fixture::large(120, 0)),
        _ => fixture::large(120, 0),
    };
    let mut months = 0usize;
    for _ in 0..runs {
        let results = envroi::model::compute(std::hint::black_box(&s));
        months += results.adjusted.table.net.len();
    }
    println!("{runs} recomputes, {months} months");
}
