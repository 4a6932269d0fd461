//! Speed budgets of interactive what-if work (issue 7), measured with
//! criterion on fixture scenarios of 36 and 120 months with all nine
//! categories, 10 custom lines, 20 cost lines and 20 uncertainty ranges:
//!
//! - `recompute/decimal/{36,120}m`: one full `model::compute` (both views,
//!   every table, figure and annual row); budget 100 us at 120 months.
//! - `recompute/f64/{36,120}m`: the same formulas in `f64` (bench-only code
//!   in `support/f64_model.rs`), so that the cost of decimal precision is a
//!   measured ratio; budget decimal / f64 <= 5.
//! - `recompute/{decimal,f64}/120m_shipped_baseline`: the shipped baseline
//!   at 120 months, for comparison with the fixture.
//! - `edit/ten_scenarios`: one edit, then all 10 open scenarios recomputed
//!   (the worst case; the app recomputes only the edited one, which
//!   `edit/app_validate_and_compute_one_120m` measures with its validation);
//!   `edit/tornado_20_ranges`: the sensitivity tornado of 20 ranges;
//!   `edit/frame`: both together, what one keystroke costs at worst;
//!   budget one frame at 60 Hz, 16 ms.
//! - `monte_carlo/10k_trials_20_ranges_*`: 10,000 trials on one thread,
//!   and on every core as the app runs it (a background thread fanning out
//!   to `worker_threads()` workers); budget 1 s.
//! - `files/*`: load and validate of a scenario file (from text and from
//!   disk), the monthly and summary CSV and the payback PNG.
//!
//! Run with `cargo bench --bench engine`; BENCHMARKS.md has the figures.

#[path = "support/estate_fixture.rs"]
mod estate_fixture;
#[path = "support/f64_model.rs"]
mod f64_model;
#[path = "support/fixture.rs"]
mod fixture;

use std::hint::black_box;
use std::ops::ControlFlow;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use envroi::io::csv_out::{monthly_csv, summary_csv};
use envroi::io::png::{PngOptions, payback_png};
use envroi::model::analysis::{Plan, run_monte_carlo, sensitivity};
use envroi::model::{Scenario, View, compute, inputs, validate};
use envroi::parallel::{run_parallel, worker_threads};
use rust_decimal::Decimal;

/// The number of scenarios open in the app for the edit benchmarks.
const OPEN_SCENARIOS: u32 = 10;

/// Checks that the `f64` mirror computes the same business case, so the
/// ratio compares like with like: NPV within a cent per million.
fn check_mirror(s: &Scenario) {
    use rust_decimal::prelude::ToPrimitive;
    let exact = compute(s);
    let binary = f64_model::compute(&f64_model::convert(s));
    let npv = exact.adjusted.figures.npv.to_f64().unwrap_or(f64::NAN);
    let npv64 = binary.adjusted.1.npv;
    assert!(
        ((npv - npv64) / npv).abs() < 1e-8,
        "the f64 mirror disagrees: {npv} vs {npv64}"
    );
    assert_eq!(
        exact.adjusted.table.benefit_rows.len(),
        binary.adjusted.0.benefit_rows.len()
    );
    assert_eq!(
        exact.adjusted.figures.irr_annual.is_some(),
        binary.adjusted.1.irr_annual.is_some()
    );
}

fn recompute(c: &mut Criterion) {
    let mut group = c.benchmark_group("recompute");
    for horizon in [36u32, 120] {
        let s = fixture::large(horizon, 0);
        check_mirror(&s);
        let s64 = f64_model::convert(&s);
        let id = format!("{horizon}m");
        group.bench_with_input(BenchmarkId::new("decimal", &id), &s, |b, s| {
            b.iter(|| compute(black_box(s)));
        });
        group.bench_with_input(BenchmarkId::new("f64", &id), &s64, |b, s| {
            b.iter(|| f64_model::compute(black_box(s)));
        });
    }
    // For comparison with the fixture: the shipped baseline (all nine
    // categories, one custom line, four costs) stretched to 120 months, a
    // business case with an ordinary IRR (several hundred % a year).
    let mut baseline = match envroi::io::default_scenario() {
        Ok(s) => s,
        Err(e) => panic!("the built-in scenario does not load: {e:?}"),
    };
    baseline.horizon_months = 120;
    check_mirror(&baseline);
    let baseline64 = f64_model::convert(&baseline);
    group.bench_with_input(
        BenchmarkId::new("decimal", "120m_shipped_baseline"),
        &baseline,
        |b, s| b.iter(|| compute(black_box(s))),
    );
    let estate = estate_fixture::with_estate(fixture::large(120, 0));
    group.bench_with_input(
        BenchmarkId::new("decimal", "120m_estate_40_20"),
        &estate,
        |b, s| b.iter(|| compute(black_box(s))),
    );
    group.bench_with_input(
        BenchmarkId::new("f64", "120m_shipped_baseline"),
        &baseline64,
        |b, s| b.iter(|| f64_model::compute(black_box(s))),
    );
    group.finish();
}

/// One keystroke's edit: a new value for a category driver of the first
/// scenario, alternating so every iteration sees a change.
fn edit(open: &mut [Scenario], step: u64) {
    let value = Decimal::from(100 + step % 2);
    inputs::set(&mut open[0], "benefits.tem_services.cost_per_hour", value);
}

fn after_edit(c: &mut Criterion) {
    let mut open: Vec<Scenario> = (0..OPEN_SCENARIOS)
        .map(|v| fixture::large(if v % 2 == 0 { 120 } else { 36 }, v))
        .collect();
    let mut group = c.benchmark_group("edit");
    let mut step = 0u64;
    group.bench_function("ten_scenarios", |b| {
        b.iter(|| {
            step += 1;
            edit(&mut open, step);
            let results: Vec<_> = open.iter().map(|s| compute(black_box(s))).collect();
            results
        });
    });
    // What the app does on a keystroke: the edited copy is validated, then
    // only the edited document is recomputed (the others keep their cached
    // results).
    group.bench_function("app_validate_and_compute_one_120m", |b| {
        b.iter(|| {
            step += 1;
            edit(&mut open, step);
            let problems = validate(black_box(&open[0]));
            (problems, compute(black_box(&open[0])))
        });
    });
    // The same keystroke on an estate cell of the 120-month fixture with 40
    // environments and 20 databases (issue budget: 100 us, as above).
    let mut estate = estate_fixture::with_estate(fixture::large(120, 0));
    group.bench_function("app_validate_and_compute_one_120m_estate_40_20", |b| {
        b.iter(|| {
            step += 1;
            inputs::set(
                &mut estate,
                "estate.environments.Environment 7.hours_per_week_after",
                Decimal::from(40 + step % 2),
            );
            let problems = validate(black_box(&estate));
            (problems, compute(black_box(&estate)))
        });
    });
    group.bench_function("tornado_20_ranges", |b| {
        b.iter(|| sensitivity(black_box(&open[0])));
    });
    group.bench_function("frame", |b| {
        b.iter(|| {
            step += 1;
            edit(&mut open, step);
            let results: Vec<_> = open.iter().map(|s| compute(black_box(s))).collect();
            (results, sensitivity(black_box(&open[0])))
        });
    });
    group.finish();
}

fn monte_carlo(c: &mut Criterion) {
    let s = fixture::large(120, 0);
    let mut group = c.benchmark_group("monte_carlo");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("10k_trials_20_ranges_one_thread", |b| {
        b.iter(|| {
            run_monte_carlo(black_box(&s), 10_000, 42, &mut |_, _| {
                ControlFlow::Continue(())
            })
        });
    });
    group.bench_function("10k_trials_20_ranges_all_threads", |b| {
        b.iter(|| {
            let plan = Plan::new(black_box(&s), 10_000, 42).ok();
            let cancel = AtomicBool::new(false);
            plan.and_then(|p| run_parallel(&p, worker_threads(), &cancel, &mut |_, _| {}))
        });
    });
    group.finish();
}

fn files(c: &mut Criterion) {
    let s = fixture::large(120, 0);
    let text = match envroi::io::to_ron_string(&s) {
        Ok(t) => t,
        Err(e) => panic!("the fixture does not serialise: {e}"),
    };
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("no temporary folder: {e}"),
    };
    let path = dir.path().join("large.ron");
    if let Err(e) = envroi::io::save_path(&s, &path) {
        panic!("cannot write the fixture file: {e}");
    }
    let results = compute(&s);
    let mut group = c.benchmark_group("files");
    group.bench_function("load_validate_text_120m", |b| {
        b.iter(|| {
            let loaded = envroi::io::load_str(black_box(&text), "large.ron");
            loaded.map(|s| validate(&s))
        });
    });
    group.bench_function("load_validate_file_120m", |b| {
        b.iter(|| envroi::io::load_path(black_box(&path)).map(|s| validate(&s)));
    });
    group.bench_function("monthly_csv_both_views_120m", |b| {
        b.iter(|| {
            (
                monthly_csv(black_box(&results), View::Adjusted),
                monthly_csv(black_box(&results), View::Unadjusted),
            )
        });
    });
    group.bench_function("summary_csv", |b| {
        b.iter(|| summary_csv(black_box(&results)));
    });
    group.sample_size(10);
    group.bench_function("payback_png_1600x900", |b| {
        b.iter(|| {
            payback_png(
                &[(s.name.as_str(), black_box(&results))],
                View::Adjusted,
                &s.currency,
                &PngOptions::default(),
            )
        });
    });
    group.finish();
}

criterion_group!(engine, recompute, after_edit, monte_carlo, files);
criterion_main!(engine);
