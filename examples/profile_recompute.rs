//! Runs `model::compute` on the 120-month benchmark fixture a given number
//! of times (default 200) and nothing else, so that an instruction count
//! under callgrind is the recompute's alone (a criterion binary adds its
//! warm-up and statistics). See BENCHMARKS.md:
//!
//! ```bash
//! cargo build --release --example profile_recompute
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out \
//!     target/release/examples/profile_recompute 200
//! callgrind_annotate --inclusive=yes /tmp/cg.out | grep envroi::model
//! ```

#[path = "../benches/support/fixture.rs"]
mod fixture;

fn main() {
    let runs: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let s = fixture::large(120, 0);
    let mut months = 0usize;
    for _ in 0..runs {
        let results = envroi::model::compute(std::hint::black_box(&s));
        months += results.adjusted.table.net.len();
    }
    println!("{runs} recomputes, {months} months");
}
