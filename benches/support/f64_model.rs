//! A binary floating-point mirror of the savings model, for benchmarks only:
//! the same formulas as `src/model/schedule.rs`, `src/model/figures.rs` and
//! `src/model/irr/` (ramp, benefit and cost cells, made once per run of
//! equal cells, synergy, totals, present values, NPV, ROI, payback, the IRR
//! search in the same variable, grid, refinement and stopping rule, and the
//! annual summary), with the same outputs and row labels, but in `f64`. It
//! exists so that the cost of decimal precision is a measured ratio; it
//! must never be used for a figure, and it never moves into `src/` (the
//! model is `Decimal` only). Where the decimal model saves work by keeping
//! cents in integers (stretches of equal cells, sums as differences, the
//! IRR's integer evaluation), the mirror does the plain `f64` thing, which
//! is already as cheap: an `f64` addition or multiplication is one
//! instruction.

#![expect(
    dead_code,
    reason = "the mirror builds every output of the decimal model so the timing compares like with like; the bench reads only a few"
)]

use envroi::model::{Cost, Discounting, ProgrammeRef, Scenario};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// A decimal input as `f64` (done once, before timing).
fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// `round2` in binary: 2 places, midpoint away from zero (as near as `f64`
/// can tell a midpoint).
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Realisation settings of one programme.
#[derive(Debug, Clone, Copy)]
pub struct Programme {
    enabled: bool,
    go_live: u32,
    pilot: u32,
    coverage: f64,
    rollout: u32,
}

/// A benefit line: the annual saving and its escalation and risk.
#[derive(Debug, Clone)]
struct Line {
    key: String,
    label: String,
    programme: ProgrammeRef,
    annual: f64,
    growth: f64,
    risk: f64,
}

/// A cost line.
#[derive(Debug, Clone)]
enum CostLine {
    OneOff {
        name: String,
        amount: f64,
        month: u32,
        risk: f64,
    },
    Recurring {
        name: String,
        annual: f64,
        start: u32,
        end: Option<u32>,
        growth: f64,
        risk: f64,
    },
}

/// A scenario with every number converted to `f64`, as an `f64` app
/// would hold it.
#[derive(Debug, Clone)]
pub struct Scenario64 {
    horizon: u32,
    rate: f64,
    monthly: bool,
    synergy: f64,
    tem: Programme,
    tdm: Programme,
    /// The nine categories as `(key, label, A, growth, risk)` inputs, then
    /// the custom lines; category labels are rebuilt on every compute as
    /// the decimal model does.
    lines: Vec<Line>,
    costs: Vec<CostLine>,
}

/// Converts a decimal scenario (outside the timed code).
pub fn convert(s: &Scenario) -> Scenario64 {
    let programme = |p: &envroi::model::Programme| Programme {
        enabled: p.enabled,
        go_live: p.go_live_month,
        pilot: p.pilot_months,
        coverage: f(p.pilot_coverage),
        rollout: p.rollout_months,
    };
    let b = &s.benefits;
    let escalation = [
        (b.tem_infrastructure.growth, b.tem_infrastructure.risk),
        (b.tem_licences.growth, b.tem_licences.risk),
        (b.tem_services.growth, b.tem_services.risk),
        (b.tem_headcount.growth, b.tem_headcount.risk),
        (b.tdm_infrastructure.growth, b.tdm_infrastructure.risk),
        (
            b.tdm_tester_productivity.growth,
            b.tdm_tester_productivity.risk,
        ),
        (
            b.tdm_developer_productivity.growth,
            b.tdm_developer_productivity.risk,
        ),
        (b.tdm_support.growth, b.tdm_support.risk),
        (b.tdm_breach.growth, b.tdm_breach.risk),
    ];
    // The annual savings are products of the drivers; computing them in
    // f64 from f64 drivers is the same work as the decimal products.
    let ti = &b.tem_infrastructure;
    let tl = &b.tem_licences;
    let ts = &b.tem_services;
    let th = &b.tem_headcount;
    let di = &b.tdm_infrastructure;
    let dt = &b.tdm_tester_productivity;
    let dd = &b.tdm_developer_productivity;
    let ds = &b.tdm_support;
    let db = &b.tdm_breach;
    let annual = [
        f64::from(ti.environments)
            * f(ti.servers_per_environment)
            * f(ti.cost_per_server_year)
            * f(ti.reduction),
        f64::from(tl.licences) * f(tl.cost_per_licence_year) * f(tl.reduction),
        f64::from(ts.requests_per_year)
            * f(ts.hours_per_request)
            * f(ts.cost_per_hour)
            * f(ts.reduction),
        f(th.fte) * f(th.cost_per_fte_year) * f(th.reduction),
        f(di.production_data_tb)
            * f64::from(di.non_production_copies)
            * f(di.cost_per_tb_year)
            * f(di.reduction),
        f64::from(dt.people)
            * f(dt.hours_per_person_month)
            * 12.0
            * f(dt.cost_per_hour)
            * f(dt.reduction),
        f64::from(dd.people)
            * f(dd.hours_per_person_month)
            * 12.0
            * f(dd.cost_per_hour)
            * f(dd.reduction),
        f64::from(ds.defects_per_year) * f(ds.cost_per_defect) * f(ds.reduction),
        f(db.annual_probability) * f(db.breach_cost) * f(db.reduction),
    ];
    // The nine categories every file has, in the order of `annual` (the
    // mirror does not model the optional ones of MODEL.md 11.1).
    let mut lines: Vec<Line> = envroi::model::Category::ALL
        .iter()
        .filter(|c| !c.is_optional())
        .zip(annual)
        .zip(escalation)
        .map(|((key, a), (g, r))| Line {
            key: key.key().to_owned(),
            label: key.label().to_owned(),
            programme: key.programme(),
            annual: a,
            growth: f(g),
            risk: f(r),
        })
        .collect();
    lines.extend(b.custom.iter().map(|c| Line {
        key: format!("custom:{}", c.name),
        label: c.name.clone(),
        programme: c.programme,
        annual: f(c.annual_amount),
        growth: f(c.growth),
        risk: f(c.risk),
    }));
    let costs = s
        .costs
        .iter()
        .map(|c| match c {
            Cost::OneOff {
                name,
                amount,
                month,
                risk,
            } => CostLine::OneOff {
                name: name.clone(),
                amount: f(*amount),
                month: *month,
                risk: f(*risk),
            },
            Cost::Recurring {
                name,
                annual_amount,
                start_month,
                end_month,
                growth,
                risk,
            } => CostLine::Recurring {
                name: name.clone(),
                annual: f(*annual_amount),
                start: *start_month,
                end: *end_month,
                growth: f(*growth),
                risk: f(*risk),
            },
        })
        .collect();
    Scenario64 {
        horizon: s.horizon_months,
        rate: f(s.discount_rate),
        monthly: s.discounting == Discounting::Monthly,
        synergy: f(s.synergy_uplift),
        tem: programme(&s.tem),
        tdm: programme(&s.tdm),
        lines,
        costs,
    }
}

/// One row of the monthly table.
#[derive(Debug, Clone)]
pub struct Row {
    /// Column key.
    pub key: String,
    /// Human label.
    pub label: String,
    /// Programme of the row.
    pub programme: ProgrammeRef,
    /// Cells for months 0..=H.
    pub cells: Vec<f64>,
    /// Sum of the cells.
    pub total: f64,
}

impl Row {
    fn new(key: String, label: String, programme: ProgrammeRef, cells: Vec<f64>) -> Self {
        let total = cells.iter().sum();
        Self {
            key,
            label,
            programme,
            cells,
            total,
        }
    }
}

/// One view of the monthly table.
#[derive(Debug, Clone)]
pub struct Table {
    /// Benefit rows then synergy.
    pub benefit_rows: Vec<Row>,
    /// Cost rows.
    pub cost_rows: Vec<Row>,
    /// `benefits(t)`.
    pub benefits: Vec<f64>,
    /// `costs(t)`.
    pub costs: Vec<f64>,
    /// `net(t)`.
    pub net: Vec<f64>,
    /// `cumulative(t)`.
    pub cumulative: Vec<f64>,
}

/// Headline figures of one view.
#[derive(Debug, Clone)]
pub struct Figures {
    /// Sum of benefit cells.
    pub total_benefits: f64,
    /// Sum of cost cells.
    pub total_costs: f64,
    /// Present value of benefits.
    pub pv_benefits: f64,
    /// Present value of costs.
    pub pv_costs: f64,
    /// NPV.
    pub npv: f64,
    /// ROI.
    pub roi: Option<f64>,
    /// Payback months.
    pub payback_months: Option<f64>,
    /// Annual IRR.
    pub irr_annual: Option<f64>,
    /// Whether the IRR is unique.
    pub irr_unique: bool,
}

/// One year of the annual summary.
#[derive(Debug, Clone)]
pub struct YearRow {
    /// Year index.
    pub year: usize,
    /// Benefits in the year.
    pub benefits: f64,
    /// Costs in the year.
    pub costs: f64,
    /// Net in the year.
    pub net: f64,
    /// Cumulative at the end of the year.
    pub cumulative: f64,
    /// `1 / (1 + r)^Y`.
    pub discount_factor: f64,
    /// Present value of the year's net.
    pub present_value: f64,
}

/// Both views.
#[derive(Debug, Clone)]
pub struct Results {
    /// Unadjusted view: table, figures, years.
    pub unadjusted: (Table, Figures, Vec<YearRow>),
    /// Risk-adjusted view.
    pub adjusted: (Table, Figures, Vec<YearRow>),
}

fn ramp(p: &Programme, horizon: u32) -> Vec<f64> {
    (0..=horizon)
        .map(|t| {
            if t == 0 || !p.enabled || t <= p.go_live {
                return 0.0;
            }
            let k = t - p.go_live;
            if k <= p.pilot {
                p.coverage
            } else if k <= p.pilot + p.rollout {
                p.coverage + (1.0 - p.coverage) * f64::from(k - p.pilot) / f64::from(p.rollout)
            } else {
                1.0
            }
        })
        .collect()
}

fn growth_factors(growth: f64, years: usize) -> Vec<f64> {
    let mut out = Vec::with_capacity(years);
    let mut factor = 1.0;
    for _ in 0..years {
        out.push(factor);
        factor *= 1.0 + growth;
    }
    out
}

fn escalation_year(t: u32) -> usize {
    (t.saturating_sub(1) / 12) as usize
}

fn benefit_cells(line: &Line, ramp: &[f64], years: usize) -> (Vec<f64>, Vec<f64>) {
    let growth = growth_factors(line.growth, years);
    let keep = 1.0 - line.risk;
    let mut unadjusted = Vec::with_capacity(ramp.len());
    let mut adjusted = Vec::with_capacity(ramp.len());
    unadjusted.push(0.0);
    adjusted.push(0.0);
    let mut memo: Option<(usize, f64, f64, f64)> = None;
    for (t, &share) in (1u32..).zip(&ramp[1..]) {
        if share == 0.0 || line.annual == 0.0 {
            unadjusted.push(0.0);
            adjusted.push(0.0);
            continue;
        }
        let y = escalation_year(t);
        let (u, a) = match memo {
            Some((my, mf, u, a)) if my == y && mf.to_bits() == share.to_bits() => (u, a),
            _ => {
                let escalated = line.annual * growth[y];
                let u = round2(escalated * share / 12.0);
                let a = round2(escalated * keep * share / 12.0);
                memo = Some((y, share, u, a));
                (u, a)
            }
        };
        unadjusted.push(u);
        adjusted.push(a);
    }
    (unadjusted, adjusted)
}

fn cost_cells(cost: &CostLine, horizon: u32, years: usize) -> (Vec<f64>, Vec<f64>) {
    let len = horizon as usize + 1;
    let mut unadjusted = vec![0.0; len];
    let mut adjusted = vec![0.0; len];
    match cost {
        CostLine::OneOff {
            amount,
            month,
            risk,
            ..
        } => {
            if *month <= horizon {
                unadjusted[*month as usize] = round2(*amount);
                adjusted[*month as usize] = round2(*amount * (1.0 + *risk));
            }
        }
        CostLine::Recurring {
            annual,
            start,
            end,
            growth,
            risk,
            ..
        } => {
            let growth = growth_factors(*growth, years);
            let uplift = 1.0 + *risk;
            let last = end.map_or(horizon, |e| e.min(horizon));
            let mut memo: Option<(usize, f64, f64)> = None;
            for t in (*start).max(1)..=last {
                let y = escalation_year(t);
                let (u, a) = match memo {
                    Some((my, u, a)) if my == y => (u, a),
                    _ => {
                        let escalated = *annual * growth[y];
                        let u = round2(escalated / 12.0);
                        let a = round2(escalated * uplift / 12.0);
                        memo = Some((y, u, a));
                        (u, a)
                    }
                };
                unadjusted[t as usize] = u;
                adjusted[t as usize] = a;
            }
        }
    }
    (unadjusted, adjusted)
}

fn synergy_cells(s: &Scenario64, rows: &[Row], len: usize) -> Vec<f64> {
    let mut cells = vec![0.0; len];
    if !(s.tem.enabled && s.tdm.enabled) || s.synergy == 0.0 {
        return cells;
    }
    for (t, cell) in cells.iter_mut().enumerate() {
        let base: f64 = rows
            .iter()
            .filter(|r| r.programme != ProgrammeRef::None)
            .map(|r| r.cells[t])
            .sum();
        *cell = round2(s.synergy * base);
    }
    cells
}

fn finish(benefit_rows: Vec<Row>, cost_rows: Vec<Row>, len: usize) -> Table {
    let column_sum = |rows: &[Row]| -> Vec<f64> {
        (0..len)
            .map(|t| rows.iter().map(|r| r.cells[t]).sum())
            .collect()
    };
    let benefits = column_sum(&benefit_rows);
    let costs = column_sum(&cost_rows);
    let net: Vec<f64> = benefits.iter().zip(&costs).map(|(b, c)| b - c).collect();
    let cumulative = net
        .iter()
        .scan(0.0, |acc, n| {
            *acc += n;
            Some(*acc)
        })
        .collect();
    Table {
        benefit_rows,
        cost_rows,
        benefits,
        costs,
        net,
        cumulative,
    }
}

fn tables(s: &Scenario64) -> (Table, Table) {
    let horizon = s.horizon;
    let len = horizon as usize + 1;
    let years = (horizon as usize).saturating_sub(1) / 12 + 1;
    let f_tem = ramp(&s.tem, horizon);
    let f_tdm = ramp(&s.tdm, horizon);
    let f_none: Vec<f64> = (0..=horizon)
        .map(|t| if t == 0 { 0.0 } else { 1.0 })
        .collect();
    let mut rows_u = Vec::new();
    let mut rows_a = Vec::new();
    for line in &s.lines {
        let ramp = match line.programme {
            ProgrammeRef::Tem => &f_tem,
            ProgrammeRef::Tdm => &f_tdm,
            ProgrammeRef::None => &f_none,
        };
        let (u, a) = benefit_cells(line, ramp, years);
        rows_u.push(Row::new(
            line.key.clone(),
            line.label.clone(),
            line.programme,
            u,
        ));
        rows_a.push(Row::new(
            line.key.clone(),
            line.label.clone(),
            line.programme,
            a,
        ));
    }
    let synergy_u = synergy_cells(s, &rows_u, len);
    let synergy_a = synergy_cells(s, &rows_a, len);
    let synergy = |cells| {
        Row::new(
            "synergy".into(),
            "Synergy".into(),
            ProgrammeRef::None,
            cells,
        )
    };
    rows_u.push(synergy(synergy_u));
    rows_a.push(synergy(synergy_a));
    let mut costs_u = Vec::new();
    let mut costs_a = Vec::new();
    for cost in &s.costs {
        let (u, a) = cost_cells(cost, horizon, years);
        let name = match cost {
            CostLine::OneOff { name, .. } | CostLine::Recurring { name, .. } => name,
        };
        let key = format!("cost:{name}");
        costs_u.push(Row::new(key.clone(), name.clone(), ProgrammeRef::None, u));
        costs_a.push(Row::new(key, name.clone(), ProgrammeRef::None, a));
    }
    (finish(rows_u, costs_u, len), finish(rows_a, costs_a, len))
}

/// Discount factors of one scenario.
struct Discounter {
    monthly: bool,
    month_factor: Vec<f64>,
    year_factor: Vec<f64>,
}

impl Discounter {
    fn new(s: &Scenario64) -> Self {
        let h = s.horizon;
        let base = 1.0 + s.rate;
        let years = h.div_ceil(12) as usize + 1;
        let mut year_factor = Vec::with_capacity(years);
        let mut factor = 1.0;
        for _ in 0..years {
            year_factor.push(factor);
            factor *= base;
        }
        let month_factor = if s.monthly {
            let root = base.powf(1.0 / 12.0);
            (0..=h)
                .map(|t| {
                    year_factor[(t / 12) as usize] * root.powi(i32::try_from(t % 12).unwrap_or(0))
                })
                .collect()
        } else {
            (0..=h)
                .map(|t| year_factor[t.div_ceil(12) as usize])
                .collect()
        };
        Self {
            monthly: s.monthly,
            month_factor,
            year_factor,
        }
    }

    fn present_value(&self, cells: &[f64]) -> f64 {
        if self.monthly {
            cells
                .iter()
                .zip(&self.month_factor)
                .map(|(c, f)| c / f)
                .sum()
        } else {
            let mut sums = vec![0.0; self.year_factor.len()];
            for (t, cell) in (0u32..).zip(cells) {
                sums[t.div_ceil(12) as usize] += cell;
            }
            sums.iter()
                .zip(&self.year_factor)
                .map(|(sum, f)| sum / f)
                .sum()
        }
    }
}

fn payback_months(net: &[f64], cumulative: &[f64]) -> Option<f64> {
    let Some(t0) = cumulative.iter().position(|c| *c < 0.0) else {
        return Some(0.0);
    };
    let t1 = (t0 + 1..cumulative.len()).find(|&t| cumulative[t] >= 0.0)?;
    Some((t1 - 1) as f64 + (-cumulative[t1 - 1]) / net[t1])
}

// The IRR as `src/model/irr.rs` finds it: the same variable `z` on each
// side of zero, the same grid, runs of equal months, the bisection of the
// grid when net changes sign once, the Anderson-Bjorck refinement and the
// same stop (the 6-place annual IRR settled, or the bracket at the floor of
// the number type).

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Up,
    Down,
}

#[derive(Clone, Copy)]
struct Run {
    net: f64,
    len: usize,
}

#[expect(
    clippy::float_cmp,
    reason = "runs are months with the very same value, as in the decimal model"
)]
fn runs(net: &[f64]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for &n in net {
        match out.last_mut() {
            Some(run) if run.net == n => run.len += 1,
            _ => out.push(Run { net: n, len: 1 }),
        }
    }
    out
}

fn annual(side: Side, z: f64) -> f64 {
    let base = match side {
        Side::Up => 1.0 / z,
        Side::Down => z,
    };
    base.powi(12) - 1.0
}

fn sign_form(runs: &[Run], side: Side, z: f64) -> f64 {
    let mut powers: Vec<(usize, f64, f64)> = Vec::new();
    let mut step = |acc: f64, run: &Run| {
        if run.len == 1 {
            return acc * z + run.net;
        }
        let (power, sum) =
            if let Some(&(_, power, sum)) = powers.iter().find(|(n, _, _)| *n == run.len) {
                (power, sum)
            } else {
                let (mut power, mut sum) = (z, 1.0);
                for _ in 1..run.len {
                    sum = sum * z + 1.0;
                    power *= z;
                }
                powers.push((run.len, power, sum));
                (power, sum)
            };
        if run.net == 0.0 {
            acc * power
        } else {
            acc * power + run.net * sum
        }
    };
    match side {
        Side::Up => runs.iter().rev().fold(0.0, &mut step),
        Side::Down => runs.iter().fold(0.0, &mut step),
    }
}

struct Grid {
    up: Vec<f64>,
    down: Vec<f64>,
}

fn grid() -> &'static Grid {
    static GRID: std::sync::OnceLock<Grid> = std::sync::OnceLock::new();
    GRID.get_or_init(|| {
        let mut up = Vec::new();
        let mut at = 0i32;
        for (limit, step) in [
            (100, 5),
            (500, 25),
            (2_000, 100),
            (10_000, 500),
            (30_000, 2_500),
            (100_000, 5_000),
        ] {
            while at < limit {
                at += step;
                let i = f64::from(at.min(99_999)) / 10_000.0;
                up.push((1e6 / (1.0 + i)).round() / 1e6);
            }
        }
        let mut down = Vec::new();
        at = 0;
        for (limit, step) in [
            (100, 5),
            (500, 25),
            (2_000, 100),
            (9_500, 500),
            (9_899, 100),
        ] {
            while at < limit {
                at = (at + step).min(limit);
                down.push(1.0 - f64::from(at) / 10_000.0);
            }
        }
        Grid { up, down }
    })
}

fn sign(x: f64) -> i8 {
    if x == 0.0 {
        0
    } else if x < 0.0 {
        -1
    } else {
        1
    }
}

#[expect(
    clippy::float_cmp,
    reason = "whole numbers of millionths, compared exactly as the decimal model does"
)]
fn settled(side: Side, a: f64, b: f64) -> bool {
    (annual(side, a) * 1e6).round() == (annual(side, b) * 1e6).round()
}

fn refine(
    net: &[Run],
    side: Side,
    (mut a, mut fa): (f64, f64),
    (mut b, mut fb): (f64, f64),
) -> f64 {
    // The decimal model's floor is 1e-26; binary stops at its own limit.
    let floor = 1e-15;
    for _ in 0..400 {
        let width = (b - a).abs();
        if width <= floor || (width < 1e-7 && settled(side, a, b)) {
            break;
        }
        let (lo, hi) = (a.min(b), a.max(b));
        let midpoint = a + (b - a) / 2.0;
        let denom = fb - fa;
        let secant = if denom == 0.0 {
            midpoint
        } else {
            b - fb * (b - a) / denom
        };
        let c = if secant > lo && secant < hi {
            secant
        } else if midpoint > lo && midpoint < hi {
            midpoint
        } else {
            break;
        };
        let fc = sign_form(net, side, c);
        if fc == 0.0 {
            return c;
        }
        if sign(fc) == sign(fb) {
            let m = 1.0 - fc / fb;
            fa *= if m > 0.0 { m } else { 0.5 };
        } else {
            a = b;
            fa = fb;
        }
        b = c;
        fb = fc;
    }
    if fa.abs() < fb.abs() { a } else { b }
}

fn single_root_on_side(net: &[Run], side: Side, grid: &[f64], f0: f64) -> Option<f64> {
    let s0 = sign(f0);
    let far = match side {
        Side::Up => net.first(),
        Side::Down => net.last(),
    };
    if far.is_some_and(|run| sign(run.net) == s0) {
        return None;
    }
    let &last_z = grid.last()?;
    let last_f = sign_form(net, side, last_z);
    if sign(last_f) == s0 {
        return None;
    }
    let mut before = (1.0, f0);
    let (mut lo, mut hi, mut hi_f) = (0usize, grid.len() - 1, last_f);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let mid_f = sign_form(net, side, grid[mid]);
        if sign(mid_f) == s0 {
            lo = mid + 1;
            before = (grid[mid], mid_f);
        } else {
            hi = mid;
            hi_f = mid_f;
        }
    }
    Some(if sign(hi_f) == 0 {
        grid[hi]
    } else {
        refine(net, side, before, (grid[hi], hi_f))
    })
}

fn roots_on_side(
    net: &[Run],
    side: Side,
    grid: &[f64],
    f0: f64,
    max_roots: usize,
) -> Vec<(Side, f64)> {
    if max_roots == 1 && sign(f0) != 0 {
        return single_root_on_side(net, side, grid, f0)
            .map(|z| (side, z))
            .into_iter()
            .collect();
    }
    let mut roots = Vec::new();
    let mut prev = (1.0, f0);
    for &z in grid {
        let fz = sign_form(net, side, z);
        if sign(fz) == 0 {
            roots.push((side, z));
        } else if sign(prev.1) != 0 && sign(prev.1) != sign(fz) {
            roots.push((side, refine(net, side, prev, (z, fz))));
        }
        if roots.len() >= max_roots {
            break;
        }
        prev = (z, fz);
    }
    roots
}

fn irr(net: &[f64]) -> (Option<f64>, bool) {
    let mut changes = 0;
    let mut last = 0i8;
    for n in net {
        let s = sign(*n);
        if s != 0 {
            if last != 0 && s != last {
                changes += 1;
            }
            last = s;
        }
    }
    if changes == 0 {
        return (None, true);
    }
    let first = net.iter().position(|n| *n != 0.0).unwrap_or(0);
    let end = net.iter().rposition(|n| *n != 0.0).unwrap_or(0);
    let net = &net[first..=end];
    let max_roots = if changes == 1 { 1 } else { usize::MAX };
    let f0: f64 = net.iter().sum();
    let net = runs(net);
    let grid = grid();
    let mut roots = Vec::new();
    if f0 == 0.0 {
        roots.push((Side::Up, 1.0));
    }
    for (side, points) in [(Side::Up, &grid.up), (Side::Down, &grid.down)] {
        if roots.len() < max_roots {
            let budget = max_roots.saturating_sub(roots.len());
            roots.extend(roots_on_side(&net, side, points, f0, budget));
        }
    }
    let mut monthly: Vec<(f64, Side, f64)> = roots
        .into_iter()
        .map(|(side, z)| {
            let i = match side {
                Side::Up => 1.0 / z - 1.0,
                Side::Down => z - 1.0,
            };
            (i, side, z)
        })
        .collect();
    monthly.sort_by(|a, b| a.0.abs().total_cmp(&b.0.abs()));
    monthly.dedup_by(|a, b| a.0.total_cmp(&b.0).is_eq());
    let unique = monthly.len() <= 1;
    (monthly.first().map(|&(_, side, z)| annual(side, z)), unique)
}

fn figures(table: &Table, discounter: &Discounter) -> Figures {
    let total_benefits: f64 = table.benefits.iter().sum();
    let total_costs: f64 = table.costs.iter().sum();
    let pv_benefits = discounter.present_value(&table.benefits);
    let pv_costs = discounter.present_value(&table.costs);
    let npv = pv_benefits - pv_costs;
    let (irr_annual, irr_unique) = irr(&table.net);
    Figures {
        total_benefits,
        total_costs,
        pv_benefits,
        pv_costs,
        npv,
        roi: (pv_costs != 0.0).then(|| npv / pv_costs),
        payback_months: payback_months(&table.net, &table.cumulative),
        irr_annual,
        irr_unique,
    }
}

fn annual_rows(table: &Table, discounter: &Discounter) -> Vec<YearRow> {
    let years = table.net.len().saturating_sub(1).div_ceil(12) + 1;
    let mut rows: Vec<YearRow> = (0..years)
        .map(|y| YearRow {
            year: y,
            benefits: 0.0,
            costs: 0.0,
            net: 0.0,
            cumulative: 0.0,
            discount_factor: 1.0 / discounter.year_factor[y],
            present_value: 0.0,
        })
        .collect();
    for (t, ((b, c), n)) in table
        .benefits
        .iter()
        .zip(&table.costs)
        .zip(&table.net)
        .enumerate()
    {
        let row = &mut rows[t.div_ceil(12)];
        row.benefits += b;
        row.costs += c;
        row.net += n;
        if discounter.monthly {
            row.present_value += n / discounter.month_factor[t];
        }
        row.cumulative = table.cumulative[t];
    }
    if !discounter.monthly {
        for row in &mut rows {
            row.present_value = row.net / discounter.year_factor[row.year];
        }
    }
    rows
}

/// Computes both views, like `envroi::model::compute`.
pub fn compute(s: &Scenario64) -> Results {
    let (unadjusted, adjusted) = tables(s);
    let discounter = Discounter::new(s);
    let finish = |table: Table| {
        let figures = figures(&table, &discounter);
        let years = annual_rows(&table, &discounter);
        (table, figures, years)
    };
    Results {
        unadjusted: finish(unadjusted),
        adjusted: finish(adjusted),
    }
}
