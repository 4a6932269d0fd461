//! Every change to one scenario as a value: an [`Edit`] names the change
//! (a numeric input by path, a name, a programme setting, a list item) and
//! [`Edit::apply`] makes it on a scenario. Nothing here validates: the app
//! applies an edit to a copy, validates the copy with
//! [`validate`](super::validate) and keeps it only when it is valid, so the
//! model never sees an invalid value.

use rust_decimal::Decimal;

use super::assumption::Assumption;

mod correlations;
mod estate;
use super::scenario::{Cost, CustomLine, Range};
use super::{Discounting, ProgrammeRef, Scenario, YearMonth, inputs};
pub use correlations::CorrelationEdit;
pub use estate::{EstateEdit, EstateList};

/// Which programme a programme edit addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Test Environment Management.
    Tem,
    /// Test Data Management.
    Tdm,
}

/// One setting of a programme's realisation ramp (MODEL.md 3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgrammeField {
    /// Whether the programme yields any benefit.
    Enabled(bool),
    /// `s`, months before any benefit.
    GoLive(u32),
    /// `P`, pilot length in months.
    Pilot(u32),
    /// `c`, share of the benefit during the pilot.
    Coverage(Decimal),
    /// `R`, months of linear ramp.
    Rollout(u32),
}

/// A numeric field of a custom benefit line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomField {
    /// `A`, the annual saving.
    AnnualAmount,
    /// Annual escalation.
    Growth,
    /// Share written off when risk-adjusted.
    Risk,
}

/// A numeric field of a cost line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostField {
    /// The one-off amount, or the recurring annual amount.
    Amount,
    /// The one-off month, or the recurring start month.
    Month,
    /// Annual escalation (recurring only).
    Growth,
    /// Share by which the cost is raised when risk-adjusted.
    Risk,
}

/// The two kinds of cost line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostKind {
    /// Paid once.
    OneOff,
    /// Paid every month of a span.
    Recurring,
}

/// The editable lists of a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// Custom benefit lines.
    Custom,
    /// Cost lines.
    Costs,
    /// Uncertainty ranges.
    Ranges,
}

impl List {
    /// The list's key in files and field keys: `custom`, `costs`,
    /// `uncertainty`.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Custom => "custom",
            Self::Costs => "costs",
            Self::Ranges => "uncertainty",
        }
    }

    /// What one item is called: "custom line", "cost", "range".
    #[must_use]
    pub fn noun(self) -> &'static str {
        match self {
            Self::Custom => "custom line",
            Self::Costs => "cost",
            Self::Ranges => "range",
        }
    }
}

/// One change to one scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// A catalogued numeric input (`model::inputs` path), e.g. a driver.
    Number {
        /// Dotted path, e.g. `benefits.tem_services.reduction`.
        path: String,
        /// The new value (a fraction for a percentage field).
        value: Decimal,
    },
    /// The scenario's name.
    Name(String),
    /// The free-text description.
    Description(String),
    /// The ISO 4217 currency code.
    Currency(String),
    /// The first month of the horizon.
    Start(YearMonth),
    /// `H`.
    Horizon(u32),
    /// The present-value convention.
    Discounting(Discounting),
    /// A programme setting.
    Programme(Which, ProgrammeField),
    /// Appends an item to a list.
    Add(List, CostKind),
    /// Removes the item at an index.
    Remove(List, usize),
    /// Moves the item at `from` to `to`.
    Move(List, usize, usize),
    /// Renames a custom line.
    CustomName(usize, String),
    /// Changes which programme realises a custom line.
    CustomProgramme(usize, ProgrammeRef),
    /// A numeric field of a custom line.
    CustomNumber(usize, CustomField, Decimal),
    /// Renames a cost line.
    CostName(usize, String),
    /// A numeric field of a cost line.
    CostNumber(usize, CostField, Decimal),
    /// The last month of a recurring cost (`None`: to the end).
    CostEnd(usize, Option<u32>),
    /// Turns a cost line into the other kind, keeping its name and amounts.
    CostKind(usize, CostKind),
    /// The input a range applies to.
    RangeInput(usize, String),
    /// The low (`true`) or high end of a range.
    RangeBound(usize, bool, Decimal),
    /// Monte Carlo trials.
    Trials(u32),
    /// Monte Carlo seed.
    Seed(u64),
    /// Sets (`Some`) or removes (`None`) the assumption record of the input
    /// at a path.
    Assumption(String, Option<Box<Assumption>>),
    /// A change to the estate, an optional category or a line's nature
    /// (MODEL.md section 11).
    Estate(EstateEdit),
    /// A change to the declared rank correlations (MODEL.md section 12).
    Correlation(CorrelationEdit),
}

impl Edit {
    /// Applies the edit to `s`. An index out of range or a path the
    /// scenario does not have is an error and leaves `s` as it was; a value
    /// out of its range is caught by validation afterwards.
    pub fn apply(&self, s: &mut Scenario) -> Result<(), String> {
        match self {
            Self::Number { path, value } => {
                if inputs::set(s, path, *value) {
                    Ok(())
                } else {
                    Err(format!("`{path}` is not an input of this scenario"))
                }
            }
            Self::Name(name) => {
                s.name.clone_from(name);
                Ok(())
            }
            Self::Description(text) => {
                s.description.clone_from(text);
                Ok(())
            }
            Self::Currency(code) => {
                s.currency.clone_from(code);
                Ok(())
            }
            Self::Start(start) => {
                s.start = *start;
                Ok(())
            }
            Self::Horizon(h) => {
                s.horizon_months = *h;
                Ok(())
            }
            Self::Discounting(d) => {
                s.discounting = *d;
                Ok(())
            }
            Self::Programme(which, field) => {
                let p = match which {
                    Which::Tem => &mut s.tem,
                    Which::Tdm => &mut s.tdm,
                };
                match *field {
                    ProgrammeField::Enabled(on) => p.enabled = on,
                    ProgrammeField::GoLive(m) => p.go_live_month = m,
                    ProgrammeField::Pilot(m) => p.pilot_months = m,
                    ProgrammeField::Coverage(c) => p.pilot_coverage = c,
                    ProgrammeField::Rollout(m) => p.rollout_months = m,
                }
                Ok(())
            }
            Self::Add(list, kind) => {
                add(s, *list, *kind);
                Ok(())
            }
            Self::Remove(list, index) => remove(s, *list, *index),
            Self::Move(list, from, to) => move_item(s, *list, *from, *to),
            Self::CustomName(i, name) => {
                let old = std::mem::replace(&mut custom(s, *i)?.name, name.clone());
                for spec in inputs::CUSTOM_PATH_FIELDS {
                    carry(
                        s,
                        &format!("custom.{old}.{}", spec.key),
                        Some(&format!("custom.{name}.{}", spec.key)),
                    );
                }
                Ok(())
            }
            Self::CustomProgramme(i, programme) => {
                custom(s, *i)?.programme = *programme;
                Ok(())
            }
            Self::CustomNumber(i, field, value) => {
                let line = custom(s, *i)?;
                *match field {
                    CustomField::AnnualAmount => &mut line.annual_amount,
                    CustomField::Growth => &mut line.growth,
                    CustomField::Risk => &mut line.risk,
                } = *value;
                Ok(())
            }
            Self::CostName(i, new_name) => {
                let line = cost(s, *i)?;
                let fields = inputs::cost_fields(line);
                let old = match line {
                    Cost::OneOff { name, .. } | Cost::Recurring { name, .. } => {
                        std::mem::replace(name, new_name.clone())
                    }
                };
                for spec in fields {
                    carry(
                        s,
                        &format!("costs.{old}.{}", spec.key),
                        Some(&format!("costs.{new_name}.{}", spec.key)),
                    );
                }
                Ok(())
            }
            Self::CostNumber(i, field, value) => cost_number(cost(s, *i)?, *field, *value),
            Self::CostEnd(i, end) => match cost(s, *i)? {
                Cost::Recurring { end_month, .. } => {
                    *end_month = *end;
                    Ok(())
                }
                Cost::OneOff { .. } => Err("a one-off cost has no end month".to_owned()),
            },
            Self::CostKind(i, kind) => {
                let line = cost(s, *i)?;
                let before = inputs::cost_fields(line);
                *line = convert(line, *kind);
                let after = inputs::cost_fields(line);
                let name = line.name().to_owned();
                // The amount, the month and the risk keep their records
                // and ranges under the new kind's keys; the end month and
                // growth of a recurring cost go with them.
                for (j, spec) in before.iter().enumerate() {
                    let to = match j {
                        0 | 1 => Some(after[j].key),
                        _ => after.iter().find(|a| a.key == spec.key).map(|a| a.key),
                    };
                    carry(
                        s,
                        &format!("costs.{name}.{}", spec.key),
                        to.map(|key| format!("costs.{name}.{key}")).as_deref(),
                    );
                }
                Ok(())
            }
            Self::RangeInput(i, input) => {
                range(s, *i)?.input.clone_from(input);
                correlations::prune(s);
                Ok(())
            }
            Self::RangeBound(i, low, value) => {
                let r = range(s, *i)?;
                if *low {
                    r.low = *value;
                } else {
                    r.high = *value;
                }
                Ok(())
            }
            Self::Trials(n) => {
                s.monte_carlo.trials = *n;
                Ok(())
            }
            Self::Seed(n) => {
                s.monte_carlo.seed = *n;
                Ok(())
            }
            Self::Assumption(path, record) => {
                if inputs::get(s, path).is_none() {
                    let catalogue = inputs::all_inputs(s);
                    return Err(format!(
                        "`{path}` {}",
                        inputs::unknown_message(&catalogue, path)
                    ));
                }
                match record {
                    Some(r) => {
                        s.assumptions.0.insert(path.clone(), (**r).clone());
                    }
                    None => {
                        s.assumptions.0.remove(path);
                    }
                }
                Ok(())
            }
            Self::Estate(edit) => estate::apply(s, edit),
            Self::Correlation(edit) => correlations::apply(s, edit),
        }
    }

    /// Whether the edit changes the shape of a list (so index-keyed text
    /// buffers no longer line up with the items).
    #[must_use]
    pub fn is_structural(&self) -> bool {
        match self {
            Self::Add(..)
            | Self::Remove(..)
            | Self::Move(..)
            | Self::CostKind(..)
            | Self::Correlation(CorrelationEdit::Add | CorrelationEdit::Remove(_)) => true,
            // Typing a row's name or a share merges like typing a number;
            // every other change of the estate is a step of its own.
            Self::Estate(e) => !matches!(e, EstateEdit::Rename(..) | EstateEdit::Recapture(..)),
            _ => false,
        }
    }
}

/// Moves the assumption record and the uncertainty range of the input at
/// `from` to `to` (a renamed line), or removes them when `to` is `None` (a
/// removed line or field).
pub(crate) fn carry(s: &mut Scenario, from: &str, to: Option<&str>) {
    correlations::carry(s, from, to);
    if let Some(to) = to {
        s.assumptions.rename(from, to);
        for range in s.uncertainty.iter_mut().filter(|r| r.input == from) {
            to.clone_into(&mut range.input);
        }
    } else {
        s.assumptions.0.remove(from);
        s.uncertainty.retain(|r| r.input != from);
    }
}

fn custom(s: &mut Scenario, i: usize) -> Result<&mut CustomLine, String> {
    s.benefits
        .custom
        .get_mut(i)
        .ok_or_else(|| format!("there is no custom line {}", i + 1))
}

fn cost(s: &mut Scenario, i: usize) -> Result<&mut Cost, String> {
    s.costs
        .get_mut(i)
        .ok_or_else(|| format!("there is no cost line {}", i + 1))
}

fn range(s: &mut Scenario, i: usize) -> Result<&mut Range, String> {
    s.uncertainty
        .get_mut(i)
        .ok_or_else(|| format!("there is no range {}", i + 1))
}

fn cost_number(line: &mut Cost, field: CostField, value: Decimal) -> Result<(), String> {
    let whole = || {
        if value.fract().is_zero() {
            u32::try_from(value).map_err(|_| "must be a whole number of months".to_owned())
        } else {
            Err("must be a whole number of months".to_owned())
        }
    };
    match (line, field) {
        (
            Cost::OneOff { amount, .. }
            | Cost::Recurring {
                annual_amount: amount,
                ..
            },
            CostField::Amount,
        ) => *amount = value,
        (
            Cost::OneOff { month, .. }
            | Cost::Recurring {
                start_month: month, ..
            },
            CostField::Month,
        ) => *month = whole()?,
        (Cost::Recurring { growth, .. }, CostField::Growth) => *growth = value,
        (Cost::OneOff { risk, .. } | Cost::Recurring { risk, .. }, CostField::Risk) => {
            *risk = value;
        }
        (Cost::OneOff { .. }, CostField::Growth) => {
            return Err("a one-off cost has no growth".to_owned());
        }
    }
    Ok(())
}

/// A name not yet used in `taken`, built from `stem`.
pub(crate) fn fresh_name(stem: &str, taken: &[&str]) -> String {
    (1..=taken.len() + 1)
        .map(|n| {
            if n == 1 {
                stem.to_owned()
            } else {
                format!("{stem} {n}")
            }
        })
        .find(|candidate| !taken.contains(&candidate.as_str()))
        .unwrap_or_else(|| stem.to_owned())
}

fn add(s: &mut Scenario, list: List, kind: CostKind) {
    match list {
        List::Custom => {
            let name = fresh_name(
                "New benefit",
                &s.benefits
                    .custom
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>(),
            );
            s.benefits.custom.push(CustomLine {
                name,
                programme: ProgrammeRef::None,
                annual_amount: Decimal::ZERO,
                growth: Decimal::ZERO,
                risk: Decimal::ZERO,
                nature: None,
                recapture: None,
            });
        }
        List::Costs => {
            let name = fresh_name(
                "New cost",
                &s.costs.iter().map(Cost::name).collect::<Vec<_>>(),
            );
            s.costs.push(match kind {
                CostKind::OneOff => Cost::OneOff {
                    name,
                    amount: Decimal::ZERO,
                    month: 0,
                    risk: Decimal::ZERO,
                },
                CostKind::Recurring => Cost::Recurring {
                    name,
                    annual_amount: Decimal::ZERO,
                    start_month: 1,
                    end_month: None,
                    growth: Decimal::ZERO,
                    risk: Decimal::ZERO,
                },
            });
        }
        List::Ranges => {
            let taken: Vec<&str> = s.uncertainty.iter().map(|r| r.input.as_str()).collect();
            let free = inputs::numeric_inputs(s)
                .into_iter()
                .find(|spec| !taken.contains(&spec.path.as_str()));
            if let Some(spec) = free {
                let base = inputs::get(s, &spec.path).unwrap_or_default();
                s.uncertainty.push(Range {
                    input: spec.path,
                    low: base,
                    high: base,
                });
            }
        }
    }
}

fn remove(s: &mut Scenario, list: List, index: usize) -> Result<(), String> {
    let len = list_len(s, list);
    if index >= len {
        return Err(format!("there is no item {}", index + 1));
    }
    match list {
        List::Custom => {
            let line = s.benefits.custom.remove(index);
            for spec in inputs::CUSTOM_PATH_FIELDS {
                carry(s, &format!("custom.{}.{}", line.name, spec.key), None);
            }
        }
        List::Costs => {
            let line = s.costs.remove(index);
            for spec in inputs::cost_fields(&line) {
                carry(s, &format!("costs.{}.{}", line.name(), spec.key), None);
            }
        }
        List::Ranges => {
            s.uncertainty.remove(index);
            correlations::prune(s);
        }
    }
    Ok(())
}

fn list_len(s: &Scenario, list: List) -> usize {
    match list {
        List::Custom => s.benefits.custom.len(),
        List::Costs => s.costs.len(),
        List::Ranges => s.uncertainty.len(),
    }
}

fn move_item(s: &mut Scenario, list: List, from: usize, to: usize) -> Result<(), String> {
    let len = list_len(s, list);
    if from >= len || to >= len {
        return Err("cannot move past the end of the list".to_owned());
    }
    match list {
        List::Custom => {
            let item = s.benefits.custom.remove(from);
            s.benefits.custom.insert(to, item);
        }
        List::Costs => {
            let item = s.costs.remove(from);
            s.costs.insert(to, item);
        }
        List::Ranges => {
            let item = s.uncertainty.remove(from);
            s.uncertainty.insert(to, item);
        }
    }
    Ok(())
}

fn convert(line: &Cost, kind: CostKind) -> Cost {
    match (line, kind) {
        (
            Cost::Recurring {
                name,
                annual_amount,
                start_month,
                risk,
                ..
            },
            CostKind::OneOff,
        ) => Cost::OneOff {
            name: name.clone(),
            amount: *annual_amount,
            month: *start_month,
            risk: *risk,
        },
        (
            Cost::OneOff {
                name,
                amount,
                month,
                risk,
            },
            CostKind::Recurring,
        ) => Cost::Recurring {
            name: name.clone(),
            annual_amount: *amount,
            start_month: (*month).max(1),
            end_month: None,
            growth: Decimal::ZERO,
            risk: *risk,
        },
        (same, _) => same.clone(),
    }
}
