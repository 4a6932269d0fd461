//! Benchmarks of the what-if analyses: a Monte Carlo run of 10,000 trials
//! of a 120-month scenario with 10 uncertainty ranges (the target is under
//! one second in release on a 2-core machine), on one thread and on all
//! available threads, plus a sensitivity run and a break-even search.

use std::hint::black_box;
use std::ops::ControlFlow;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};
use envroi::model::analysis::{Plan, Target, break_even, run_monte_carlo, sensitivity};
use envroi::model::{Correlation, Range, Scenario};
use envroi::parallel::{run_parallel, worker_threads};
use rust_decimal::Decimal;

/// The shipped baseline stretched to 120 months, with 10 ranges.
fn scenario() -> Scenario {
    let mut s = match envroi::io::default_scenario() {
        Ok(s) => s,
        Err(e) => panic!("the built-in scenario does not load: {e:?}"),
    };
    s.horizon_months = 120;
    let extra = [
        (
            "benefits.tem_licences.reduction",
            Decimal::new(15, 2),
            Decimal::new(35, 2),
        ),
        (
            "benefits.tdm_support.cost_per_defect",
            Decimal::from(8000),
            Decimal::from(15000),
        ),
        (
            "costs.Platform subscription.annual_amount",
            Decimal::from(160_000),
            Decimal::from(240_000),
        ),
        (
            "benefits.tem_headcount.fte",
            Decimal::from(6),
            Decimal::from(10),
        ),
    ];
    for (input, low, high) in extra {
        s.uncertainty.push(Range {
            input: input.to_owned(),
            low,
            high,
        });
    }
    assert_eq!(s.uncertainty.len(), 10);
    assert!(envroi::model::validate(&s).is_empty());
    s
}

/// The same with every one of the 10 ranges in a declared rank
/// correlation (five pairs and a chain, MODEL.md section 12).
fn correlated(s: &Scenario) -> Scenario {
    let mut s = s.clone();
    let ranks = [
        (0, 1, Decimal::new(7, 1)),
        (1, 2, Decimal::new(3, 1)),
        (2, 3, Decimal::new(-4, 1)),
        (4, 5, Decimal::new(5, 1)),
        (6, 7, Decimal::new(6, 1)),
        (8, 9, Decimal::new(-3, 1)),
    ];
    s.correlations = ranks
        .iter()
        .map(|&(a, b, rank)| Correlation {
            a: s.uncertainty[a].input.clone(),
            b: s.uncertainty[b].input.clone(),
            rank,
        })
        .collect();
    assert!(envroi::model::validate(&s).is_empty());
    s
}

fn benches(c: &mut Criterion) {
    let s = scenario();
    let mut group = c.benchmark_group("analysis");
    group.sample_size(10);
    group.bench_function("monte_carlo_10k_120m_10r_one_thread", |b| {
        b.iter(|| {
            run_monte_carlo(black_box(&s), 10_000, 42, &mut |_, _| {
                ControlFlow::Continue(())
            })
        });
    });
    group.bench_function("monte_carlo_10k_120m_10r_all_threads", |b| {
        b.iter(|| {
            let plan = Plan::new(black_box(&s), 10_000, 42).ok();
            let cancel = AtomicBool::new(false);
            plan.and_then(|p| run_parallel(&p, worker_threads(), &cancel, &mut |_, _| {}))
        });
    });
    let correlated = correlated(&s);
    group.bench_function("monte_carlo_10k_120m_10r_correlated_one_thread", |b| {
        b.iter(|| {
            run_monte_carlo(black_box(&correlated), 10_000, 42, &mut |_, _| {
                ControlFlow::Continue(())
            })
        });
    });
    group.bench_function("monte_carlo_10k_120m_10r_correlated_all_threads", |b| {
        b.iter(|| {
            let plan = Plan::new(black_box(&correlated), 10_000, 42).ok();
            let cancel = AtomicBool::new(false);
            plan.and_then(|p| run_parallel(&p, worker_threads(), &cancel, &mut |_, _| {}))
        });
    });
    group.bench_function("sensitivity_120m_10r", |b| {
        b.iter(|| sensitivity(black_box(&s)));
    });
    group.bench_function("break_even_cost_120m", |b| {
        b.iter(|| {
            break_even(
                black_box(&s),
                "costs.Implementation services.amount",
                Target::NpvZero,
            )
        });
    });
    group.finish();
}

criterion_group!(analysis, benches);
criterion_main!(analysis);
