//! Benchmarks of the decision analyses of MODEL.md section 10 on the
//! 120-month fixture (nine categories, 10 custom lines, 20 costs, 20
//! ranges): the switching value of every input for NPV = 0 (the target is
//! under half a second in release on a 2-core machine) on one thread and on
//! all threads, and the cost-of-delay table.

use std::hint::black_box;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};
use envroi::model::analysis::{Goal, SwitchingPlan, cost_of_delay, switching};
use envroi::parallel::worker_threads;
use envroi::parallel_rows::run_switching;

#[path = "support/fixture.rs"]
mod fixture;

fn benches(c: &mut Criterion) {
    let s = fixture::large(120, 0);
    let mut group = c.benchmark_group("decision");
    group.sample_size(10);
    group.bench_function("switching_120m_every_input_one_thread", |b| {
        b.iter(|| switching(black_box(&s), Goal::Npv));
    });
    group.bench_function("switching_120m_every_input_all_threads", |b| {
        b.iter(|| {
            let plan = SwitchingPlan::new(black_box(&s), Goal::Npv).ok();
            let cancel = AtomicBool::new(false);
            plan.and_then(|p| run_switching(&p, worker_threads(), &cancel))
        });
    });
    group.bench_function("cost_of_delay_120m", |b| {
        b.iter(|| cost_of_delay(black_box(&s)));
    });
    group.finish();
}

criterion_group!(decision, benches);
criterion_main!(decision);
