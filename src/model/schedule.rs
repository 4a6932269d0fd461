//! The monthly cash-flow table of both views: benefit cells (3.2), cost
//! cells (3.3), synergy (3.4), and the rows and totals under the footing
//! rule (3.5). Every money cell is made here by `decimal::round2`, the one
//! rounding of the model.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::View;
use super::category::Category;
use super::decimal::{from_cents, round2_cents, round2_ratio_cents};
use super::ramp::{escalation_year, growth_factors, ramp_fractions};
use super::scenario::{Cost, Nature, ProgrammeRef, Scenario};

/// The label of the synergy row (MODEL.md 3.4).
pub const SYNERGY_LABEL: &str = "Synergy";

/// What a row of the table is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowKind {
    /// One of the nine categories of MODEL.md section 2.
    Category,
    /// A custom benefit line.
    Custom,
    /// The synergy row.
    Synergy,
    /// A cost line.
    Cost,
}

/// One row of the monthly table: cells for `t = 0..=H` and their exact sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Column key as in the CSV: a category key, `custom:<name>`, `synergy`
    /// or `cost:<name>`. Shared by the two views' rows.
    pub key: Arc<str>,
    /// Human label.
    pub label: Arc<str>,
    /// What the row is.
    pub kind: RowKind,
    /// Which programme realises it (`None` for costs and neutral lines).
    pub programme: ProgrammeRef,
    /// Cash or capacity (MODEL.md 11.2): synergy counts with capacity; a
    /// cost row is `Cash`.
    pub nature: Nature,
    /// Cells for months 0..=H, whole cents.
    pub cells: Vec<Decimal>,
    /// Exact sum of the cells.
    pub total: Decimal,
}

/// A row's cells while the table is built: stretches of months
/// `start..end` with the same cell, in cents; the months no stretch covers
/// are zero. Rows repeat their cells for months on end (a year, a ramp
/// step), so a row is a few stretches rather than a cell a month.
type Stretches = Vec<(usize, usize, i128)>;

mod month_sums;
use month_sums::MonthSums;

impl Row {
    /// A row of `len` months from its stretches: each stretch's cell is
    /// made into a `Decimal` once.
    fn new(
        (key, label): (&Arc<str>, &Arc<str>),
        (kind, programme, nature): (RowKind, ProgrammeRef, Nature),
        len: usize,
        stretches: &[(usize, usize, i128)],
    ) -> Self {
        // The stretches come in month order: each cell is written once.
        let zero = from_cents(0);
        let mut cells = Vec::with_capacity(len);
        let mut total = 0i128;
        for &(start, end, cents) in stretches {
            let cell = from_cents(cents);
            if start >= cells.len() {
                cells.resize(start, zero);
                cells.resize(end, cell);
            } else {
                cells.resize(end.max(cells.len()), zero);
                cells[start..end].fill(cell);
            }
            total += cents * i128::try_from(end - start).unwrap_or(0);
        }
        cells.resize(len, zero);
        Self {
            key: Arc::clone(key),
            label: Arc::clone(label),
            kind,
            programme,
            nature,
            cells,
            total: from_cents(total),
        }
    }
}

/// One view (unadjusted or risk-adjusted) of the monthly table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Benefit rows: the nine categories, custom lines, then synergy.
    pub benefit_rows: Vec<Row>,
    /// Cost rows in file order.
    pub cost_rows: Vec<Row>,
    /// `benefits(t)`.
    pub benefits: Vec<Decimal>,
    /// `cash_benefits(t)` (MODEL.md 11.2): the sum of the cash lines'
    /// cells; synergy counts with capacity.
    pub cash_benefits: Vec<Decimal>,
    /// `costs(t)`.
    pub costs: Vec<Decimal>,
    /// `net(t) = benefits(t) - costs(t)`.
    pub net: Vec<Decimal>,
    /// Running sum of `net` over months 0..=t.
    pub cumulative: Vec<Decimal>,
}

/// A benefit line before it is spread over months.
struct Line {
    key: Arc<str>,
    label: Arc<str>,
    kind: RowKind,
    programme: ProgrammeRef,
    nature: Nature,
    annual: Decimal,
    growth: Decimal,
    risk: Decimal,
}

/// The annual saving `A` of each category the scenario has, at today's
/// prices (MODEL.md sections 2 and 11, from the estate where it derives
/// the category), in the order of [`Category::ALL`].
#[must_use]
pub fn category_annual_savings(s: &Scenario) -> Vec<(Category, Decimal)> {
    Category::present(&s.benefits)
        .map(|c| (c, c.saving(s)))
        .collect()
}

fn benefit_lines(s: &Scenario) -> Vec<Line> {
    let b = &s.benefits;
    let mut lines: Vec<Line> = category_annual_savings(s)
        .into_iter()
        .map(|(category, annual)| {
            let field = |key| category.field(key).map_or(Decimal::ZERO, |f| f.get(b));
            Line {
                key: category.key().into(),
                label: category.label().into(),
                kind: RowKind::Category,
                programme: category.programme(),
                nature: category.nature(),
                annual: match category.recapture(b) {
                    Some(rho) => annual * rho,
                    None => annual,
                },
                growth: field("growth"),
                risk: field("risk"),
            }
        })
        .collect();
    lines.extend(b.custom.iter().map(|c| Line {
        key: format!("custom:{}", c.name).into(),
        label: c.name.as_str().into(),
        kind: RowKind::Custom,
        programme: c.programme,
        nature: c.nature.unwrap_or_default(),
        annual: match c.recapture {
            Some(rho) if c.nature == Some(Nature::Capacity) => c.annual_amount * rho,
            _ => c.annual_amount,
        },
        growth: c.growth,
        risk: c.risk,
    }));
    lines
}

/// The realisation of a programme over the months, as stretches of months
/// with the same escalation year and the same exact fraction `f(t)`: every
/// month of a stretch has the same cell, made once.
struct Realisation {
    stretches: Vec<Stretch>,
}

/// Months `start..end` (all `>= 1`) of escalation year `year` with the
/// realisation fraction `numerator / denominator`.
#[derive(Debug, PartialEq, Eq)]
struct Stretch {
    start: usize,
    end: usize,
    year: usize,
    numerator: Decimal,
    denominator: u32,
}

impl Realisation {
    /// From `f(t)` for `t = 0..=H` (month 0 has no cell).
    fn new(share: &[(Decimal, u32)]) -> Self {
        let mut stretches: Vec<Stretch> = Vec::new();
        for (t, &(numerator, denominator)) in share.iter().enumerate().skip(1) {
            let year = escalation_year(t);
            match stretches.last_mut() {
                Some(last)
                    if last.year == year
                        && last.numerator == numerator
                        && last.denominator == denominator =>
                {
                    last.end = t + 1;
                }
                _ => stretches.push(Stretch {
                    start: t,
                    end: t + 1,
                    year,
                    numerator,
                    denominator,
                }),
            }
        }
        Self { stretches }
    }
}

/// The factors `(1 + g)^y` of each escalation year, made once for each
/// distinct growth rate: lines often share one.
struct GrowthFactors {
    years: usize,
    by_rate: Vec<(Decimal, Vec<Decimal>)>,
}

impl GrowthFactors {
    const fn new(years: usize) -> Self {
        Self {
            years,
            by_rate: Vec::new(),
        }
    }

    /// The factors of `growth`. A rate is the same only to the same scale
    /// (`0.03` and `0.030` make factors of different scales), so that every
    /// product is the one made without this table.
    fn get(&mut self, growth: Decimal) -> &[Decimal] {
        let found = self
            .by_rate
            .iter()
            .position(|(g, _)| *g == growth && g.scale() == growth.scale());
        let at = found.unwrap_or_else(|| {
            self.by_rate
                .push((growth, growth_factors(growth, self.years)));
            self.by_rate.len() - 1
        });
        &self.by_rate[at].1
    }
}

/// `A x (1 + g)^y` of one line for each escalation year, made when first
/// needed and shared by the two views.
struct YearValues<'a> {
    annual: Decimal,
    growth: &'a [Decimal],
    values: Vec<Option<Decimal>>,
}

impl<'a> YearValues<'a> {
    fn new(annual: Decimal, growth: &'a [Decimal]) -> Self {
        Self {
            annual,
            growth,
            values: vec![None; growth.len()],
        }
    }

    fn get(&mut self, y: usize) -> Decimal {
        *self.values[y].get_or_insert_with(|| self.annual * self.growth[y])
    }
}

/// Spreads one benefit line over the months (MODEL.md 3.2) in one view,
/// into `cells` (whole cents), a stretch of equal cells at a time.
fn benefit_cells(
    line: &Line,
    f: &Realisation,
    year_values: &mut YearValues,
    view: View,
    cells: &mut Stretches,
) {
    cells.clear();
    if line.annual.is_zero() {
        return;
    }
    let keep = match view {
        View::Adjusted => Some(Decimal::ONE - line.risk),
        View::Unadjusted => None,
    };
    // (escalation year, A x (1 + g)^y [x (1 - risk)]) of the last cell
    // computed.
    let mut year_value: Option<(usize, Decimal)> = None;
    for stretch in &f.stretches {
        if stretch.numerator.is_zero() {
            continue;
        }
        let y = stretch.year;
        // A x (1 + g)^y [x (1 - risk)] x f / 12, left to right as MODEL.md
        // writes it, with f = numerator / denominator: the one division, by
        // 12 x denominator, comes last and rounds once to cents.
        let value = match year_value {
            Some((vy, value)) if vy == y => value,
            _ => {
                let mut value = year_values.get(y);
                if let Some(keep) = keep {
                    value *= keep;
                }
                year_value = Some((y, value));
                value
            }
        };
        let value = if stretch.numerator == Decimal::ONE {
            value
        } else {
            value * stretch.numerator
        };
        let cell = round2_ratio_cents(value, 12 * stretch.denominator);
        cells.push((stretch.start, stretch.end, cell));
    }
}

/// Spreads one cost line over the months (MODEL.md 3.3) in one view, into
/// `cells` (whole cents). `year_values` holds `annual_amount x (1 + g)^y`
/// for a recurring cost; `years` is the realisation of a line with no
/// programme, whose stretches are the escalation years.
fn cost_cells(
    cost: &Cost,
    horizon: u32,
    years: &Realisation,
    year_values: &mut YearValues,
    view: View,
    cells: &mut Stretches,
) {
    cells.clear();
    let uplift = match view {
        View::Adjusted => Some(Decimal::ONE + cost.risk()),
        View::Unadjusted => None,
    };
    match cost {
        Cost::OneOff { amount, month, .. } => {
            if *month <= horizon {
                let at = *month as usize;
                cells.push((
                    at,
                    at + 1,
                    round2_cents(uplift.map_or(*amount, |u| *amount * u)),
                ));
            }
        }
        Cost::Recurring {
            start_month,
            end_month,
            ..
        } => {
            // A year of months at a time (within the cost's months): they
            // share one cell.
            let first = (*start_month).max(1) as usize;
            let end = end_month.map_or(horizon, |e| e.min(horizon)) as usize + 1;
            for year in &years.stretches {
                let (start, stop) = (year.start.max(first), year.end.min(end));
                if start < stop {
                    let mut value = year_values.get(year.year);
                    if let Some(uplift) = uplift {
                        value *= uplift;
                    }
                    cells.push((start, stop, round2_ratio_cents(value, 12)));
                }
            }
        }
    }
}

/// One view's table while it is built: its rows so far and their sums by
/// month, in cents.
struct Builder {
    view: View,
    len: usize,
    benefit_rows: Vec<Row>,
    cost_rows: Vec<Row>,
    benefits: MonthSums,
    /// The cells of the cash benefit lines (MODEL.md 11.2).
    cash: MonthSums,
    costs: MonthSums,
    /// The synergy base: the cells of the TEM and TDM lines (MODEL.md 3.4).
    realised: MonthSums,
}

impl Builder {
    fn new(view: View, len: usize, benefit_lines: usize, cost_lines: usize) -> Self {
        Self {
            view,
            len,
            benefit_rows: Vec::with_capacity(benefit_lines + 1),
            cost_rows: Vec::with_capacity(cost_lines),
            benefits: MonthSums::new(len),
            cash: MonthSums::new(len),
            costs: MonthSums::new(len),
            realised: MonthSums::new(len),
        }
    }

    fn add_benefit(&mut self, line: &Line, cells: &[(usize, usize, i128)]) {
        self.benefits.add(cells);
        if line.nature == Nature::Cash {
            self.cash.add(cells);
        }
        if line.programme != ProgrammeRef::None {
            self.realised.add(cells);
        }
        self.benefit_rows.push(Row::new(
            (&line.key, &line.label),
            (line.kind.clone(), line.programme, line.nature),
            self.len,
            cells,
        ));
    }

    /// The synergy row (MODEL.md 3.4), after every benefit line.
    fn add_synergy(&mut self, s: &Scenario, names: (&Arc<str>, &Arc<str>), cells: &mut Stretches) {
        cells.clear();
        if s.tem.enabled && s.tdm.enabled && !s.synergy_uplift.is_zero() {
            // The base repeats for months on end, like the cells under it:
            // a month with the base of the month before extends its stretch.
            let mut last: Option<i128> = None;
            for (t, base) in self.realised.sums().enumerate() {
                match cells.last_mut() {
                    Some(stretch) if last == Some(base) => stretch.1 = t + 1,
                    _ => {
                        let synergy = round2_cents(s.synergy_uplift * from_cents(base));
                        cells.push((t, t + 1, synergy));
                        last = Some(base);
                    }
                }
            }
        }
        self.benefits.add(cells);
        self.benefit_rows.push(Row::new(
            names,
            (RowKind::Synergy, ProgrammeRef::None, Nature::Capacity),
            self.len,
            cells,
        ));
    }

    fn add_cost(&mut self, (key, label): &(Arc<str>, Arc<str>), cells: &[(usize, usize, i128)]) {
        self.costs.add(cells);
        self.cost_rows.push(Row::new(
            (key, label),
            (RowKind::Cost, ProgrammeRef::None, Nature::Cash),
            self.len,
            cells,
        ));
    }

    /// The totals, net and cumulative rows (MODEL.md 3.5).
    fn finish(self) -> Table {
        let len = self.len;
        let mut running = 0i128;
        let mut benefits = Vec::with_capacity(len);
        let cash_benefits = self.cash.sums().map(from_cents).collect();
        let mut costs = Vec::with_capacity(len);
        let mut net = Vec::with_capacity(len);
        let mut cumulative = Vec::with_capacity(len);
        for (b, c) in self.benefits.sums().zip(self.costs.sums()) {
            benefits.push(from_cents(b));
            costs.push(from_cents(c));
            net.push(from_cents(b - c));
            running += b - c;
            cumulative.push(from_cents(running));
        }
        Table {
            benefit_rows: self.benefit_rows,
            cost_rows: self.cost_rows,
            benefits,
            cash_benefits,
            costs,
            net,
            cumulative,
        }
    }
}

/// Builds the tables of `views` in one pass over the lines: the ramp, the
/// growth factors and each line's `A x (1 + g)^y` are made once for all the
/// views. The scenario must be valid (see [`super::validate::validate`]).
fn build<const N: usize>(s: &Scenario, views: [View; N]) -> [Table; N] {
    let horizon = s.horizon_months;
    let len = horizon as usize + 1;
    let years = (horizon as usize).saturating_sub(1) / 12 + 1;
    let f_tem = Realisation::new(&ramp_fractions(&s.tem, horizon));
    let f_tdm = Realisation::new(&ramp_fractions(&s.tdm, horizon));
    let f_none = Realisation::new(&vec![(Decimal::ONE, 1); len]);
    let lines = benefit_lines(s);
    let mut builders = views.map(|view| Builder::new(view, len, lines.len(), s.costs.len()));
    let mut cells = Stretches::new();
    let mut factors = GrowthFactors::new(years);
    for line in &lines {
        let f = match line.programme {
            ProgrammeRef::Tem => &f_tem,
            ProgrammeRef::Tdm => &f_tdm,
            ProgrammeRef::None => &f_none,
        };
        let mut year_values = YearValues::new(line.annual, factors.get(line.growth));
        for builder in &mut builders {
            benefit_cells(line, f, &mut year_values, builder.view, &mut cells);
            builder.add_benefit(line, &cells);
        }
    }
    let synergy: (Arc<str>, Arc<str>) = ("synergy".into(), SYNERGY_LABEL.into());
    for builder in &mut builders {
        builder.add_synergy(s, (&synergy.0, &synergy.1), &mut cells);
    }
    for cost in &s.costs {
        let (amount, rate) = match cost {
            Cost::OneOff { amount, .. } => (*amount, Decimal::ZERO),
            Cost::Recurring {
                annual_amount,
                growth,
                ..
            } => (*annual_amount, *growth),
        };
        let mut year_values = YearValues::new(amount, factors.get(rate));
        let names = (format!("cost:{}", cost.name()).into(), cost.name().into());
        for builder in &mut builders {
            cost_cells(
                cost,
                horizon,
                &f_none,
                &mut year_values,
                builder.view,
                &mut cells,
            );
            builder.add_cost(&names, &cells);
        }
    }
    builders.map(Builder::finish)
}

/// Builds both views of the monthly table: `(unadjusted, risk_adjusted)`.
/// The scenario must be valid (see [`super::validate::validate`]).
#[must_use]
pub fn tables(s: &Scenario) -> (Table, Table) {
    let [unadjusted, adjusted] = build(s, [View::Unadjusted, View::Adjusted]);
    (unadjusted, adjusted)
}

/// Builds one view of the monthly table. The scenario must be valid (see
/// [`super::validate::validate`]).
#[must_use]
pub fn table(s: &Scenario, view: View) -> Table {
    let [table] = build(s, [view]);
    table
}

#[cfg(test)]
mod tests;
