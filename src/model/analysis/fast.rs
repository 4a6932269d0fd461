//! The monthly totals of the risk-adjusted view alone, for the analyses,
//! which compute thousands of variants of a scenario and need only the
//! risk-adjusted NPV and payback.
//!
//! [`crate::model::schedule::tables`] builds both views, every row with its
//! labels and its total; this builds only the risk-adjusted `benefits(t)`,
//! `costs(t)`, `net(t)` and `cumulative(t)`, which roughly halves the work.
//! It must give exactly the same numbers, so it repeats the schedule's
//! operations (MODEL.md 3.2 to 3.5) in the same order on the same operands:
//! each cell is `round2(A x (1 + growth)^y x (1 - risk) x f(t) / 12)`, with
//! `f(t)` as the exact fraction of [`crate::model::ramp::realisation_fraction`] (or
//! the cost formulas), multiplied in the schedule's order, and each month's
//! total adds the cells row by row from zero in the schedule's row order
//! (categories, custom lines, synergy; costs in file order). The tests
//! compare it with a full compute on many scenarios.

use rust_decimal::Decimal;

use crate::model::decimal::round2;
use crate::model::ramp::{escalation_year, growth_factors, ramp_fractions};
use crate::model::scenario::{Cost, ProgrammeRef, Scenario};
use crate::model::schedule::category_annual_savings;

const TWELVE: Decimal = Decimal::from_parts(12, 0, 0, false, 0);

/// The risk-adjusted monthly totals, months `0..=H`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdjustedFlows {
    /// `benefits(t)`.
    pub benefits: Vec<Decimal>,
    /// `costs(t)`.
    pub costs: Vec<Decimal>,
    /// `net(t)`.
    pub net: Vec<Decimal>,
    /// `cumulative(t)`.
    pub cumulative: Vec<Decimal>,
}

/// Adds the risk-adjusted cells of one benefit line to the running totals
/// (MODEL.md 3.2), and to the synergy base when the line has a programme.
fn add_benefit_line(
    annual: Decimal,
    growth: Decimal,
    risk: Decimal,
    f: &[(Decimal, Decimal)],
    years: usize,
    totals: &mut [Decimal],
    synergy_base: Option<&mut [Decimal]>,
) {
    let growth = growth_factors(growth, years);
    let keep = Decimal::ONE - risk;
    let mut cells = Vec::with_capacity(f.len());
    cells.push(Decimal::ZERO);
    let mut memo: Option<(usize, (Decimal, Decimal), Decimal)> = None;
    for (t, &share) in (1u32..).zip(f.iter().skip(1)) {
        let (numerator, denominator) = share;
        if numerator.is_zero() || annual.is_zero() {
            cells.push(Decimal::ZERO);
            continue;
        }
        let y = escalation_year(t);
        let a = match memo {
            Some((my, mf, a)) if my == y && mf == share => a,
            _ => {
                // A x (1 + g)^y x f / 12 with f = numerator / denominator:
                // exact products, one division last, as in the schedule.
                let escalated = annual * growth[y];
                let divisor = TWELVE * denominator;
                let a = round2(escalated * keep * numerator / divisor);
                memo = Some((y, share, a));
                a
            }
        };
        cells.push(a);
    }
    for (total, cell) in totals.iter_mut().zip(&cells) {
        *total += *cell;
    }
    if let Some(base) = synergy_base {
        for (total, cell) in base.iter_mut().zip(&cells) {
            *total += *cell;
        }
    }
}

/// Adds the risk-adjusted cells of one cost line to the running totals
/// (MODEL.md 3.3).
fn add_cost_line(cost: &Cost, horizon: u32, years: usize, totals: &mut [Decimal]) {
    let mut cells = vec![Decimal::ZERO; totals.len()];
    match cost {
        Cost::OneOff {
            amount,
            month,
            risk,
            ..
        } => {
            if let Some(cell) = cells.get_mut(*month as usize)
                && *month <= horizon
            {
                *cell = round2(*amount * (Decimal::ONE + *risk));
            }
        }
        Cost::Recurring {
            annual_amount,
            start_month,
            end_month,
            growth,
            risk,
            ..
        } => {
            let growth = growth_factors(*growth, years);
            let uplift = Decimal::ONE + *risk;
            let last = end_month.map_or(horizon, |e| e.min(horizon));
            let mut memo: Option<(usize, Decimal)> = None;
            for t in (*start_month).max(1)..=last {
                let y = escalation_year(t);
                let a = match memo {
                    Some((my, a)) if my == y => a,
                    _ => {
                        let escalated = *annual_amount * growth[y];
                        let a = round2(escalated * uplift / TWELVE);
                        memo = Some((y, a));
                        a
                    }
                };
                if let Some(cell) = cells.get_mut(t as usize) {
                    *cell = a;
                }
            }
        }
    }
    for (total, cell) in totals.iter_mut().zip(&cells) {
        *total += *cell;
    }
}

/// The risk-adjusted monthly totals of a valid scenario.
#[must_use]
pub fn adjusted_flows(s: &Scenario) -> AdjustedFlows {
    let horizon = s.horizon_months;
    let len = horizon as usize + 1;
    let years = (horizon as usize).saturating_sub(1) / 12 + 1;
    let f_tem = ramp_fractions(&s.tem, horizon);
    let f_tdm = ramp_fractions(&s.tdm, horizon);
    let f_none: Vec<(Decimal, Decimal)> = (0..=horizon)
        .map(|t| {
            (
                if t == 0 { Decimal::ZERO } else { Decimal::ONE },
                Decimal::ONE,
            )
        })
        .collect();
    let ramp_of = |p: ProgrammeRef| match p {
        ProgrammeRef::Tem => &f_tem,
        ProgrammeRef::Tdm => &f_tdm,
        ProgrammeRef::None => &f_none,
    };

    let mut benefits = vec![Decimal::ZERO; len];
    let mut synergy_base = vec![Decimal::ZERO; len];
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
    for (i, ((_, annual), (growth, risk))) in category_annual_savings(s)
        .into_iter()
        .zip(escalation)
        .enumerate()
    {
        let programme = if i < 4 {
            ProgrammeRef::Tem
        } else {
            ProgrammeRef::Tdm
        };
        add_benefit_line(
            annual,
            growth,
            risk,
            ramp_of(programme),
            years,
            &mut benefits,
            Some(&mut synergy_base),
        );
    }
    for c in &b.custom {
        let base = (c.programme != ProgrammeRef::None).then_some(synergy_base.as_mut_slice());
        add_benefit_line(
            c.annual_amount,
            c.growth,
            c.risk,
            ramp_of(c.programme),
            years,
            &mut benefits,
            base,
        );
    }
    // Synergy (MODEL.md 3.4): always a row, zero unless both programmes run.
    let synergy = s.tem.enabled && s.tdm.enabled && !s.synergy_uplift.is_zero();
    for (total, base) in benefits.iter_mut().zip(&synergy_base) {
        *total += if synergy {
            round2(s.synergy_uplift * *base)
        } else {
            Decimal::ZERO
        };
    }

    let mut costs = vec![Decimal::ZERO; len];
    for cost in &s.costs {
        add_cost_line(cost, horizon, years, &mut costs);
    }
    let net: Vec<Decimal> = benefits.iter().zip(&costs).map(|(b, c)| b - c).collect();
    let cumulative = net
        .iter()
        .scan(Decimal::ZERO, |acc, n| {
            *acc += n;
            Some(*acc)
        })
        .collect();
    AdjustedFlows {
        benefits,
        costs,
        net,
        cumulative,
    }
}
