//! The edits of MODEL.md section 11: the estate's rows, the optional
//! categories, and the nature and recapture share of benefit lines. Each
//! moves or drops the assumption records and ranges of what it renames or
//! removes, as the list edits do.

use rust_decimal::Decimal;

use super::{carry, fresh_name};
use crate::model::Scenario;
use crate::model::category::{Access, Category};
use crate::model::estate::{
    DATABASE_FIELDS, Database, ENVIRONMENT_FIELDS, Environment, EnvironmentKind, Estate,
};
use crate::model::scenario::{Nature, TdmRefresh, TemAvailability};

/// The estate's two lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EstateList {
    /// Lower environments.
    Environments,
    /// Databases.
    Databases,
}

impl EstateList {
    /// The list's key in files and paths.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Environments => "environments",
            Self::Databases => "databases",
        }
    }

    /// The field keys of a row.
    fn fields(self) -> impl Iterator<Item = &'static str> {
        let (env, db): (&[_], &[_]) = match self {
            Self::Environments => (&ENVIRONMENT_FIELDS, &[]),
            Self::Databases => (&[], &DATABASE_FIELDS),
        };
        env.iter().chain(db).map(|f| f.key)
    }
}

/// One change of MODEL.md section 11.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EstateEdit {
    /// Gives the scenario an empty estate (`true`) or removes it with its
    /// rows' records and ranges (`false`).
    Inventory(bool),
    /// Appends a row. The first environment (database) row of a list holds
    /// the aggregate inputs, so that the figures do not move until the
    /// analyst splits it.
    Add(EstateList),
    /// Appends a copy of a row under a fresh name.
    Duplicate(EstateList, usize),
    /// Removes a row.
    Remove(EstateList, usize),
    /// Renames a row.
    Rename(EstateList, usize, String),
    /// What an environment row is for.
    Kind(usize, EnvironmentKind),
    /// Adds (`true`) or removes an optional category.
    Category(Category, bool),
    /// Sets or clears a category's recapture share.
    Recapture(Category, Option<Decimal>),
    /// Sets or clears a custom line's nature; a line that is not capacity
    /// loses its recapture share.
    Nature(usize, Option<Nature>),
}

fn row_paths(list: EstateList, name: &str) -> Vec<String> {
    list.fields()
        .map(|key| format!("estate.{}.{name}.{key}", list.key()))
        .collect()
}

fn rows(estate: &Estate, list: EstateList) -> Vec<&str> {
    match list {
        EstateList::Environments => estate
            .environments
            .iter()
            .map(|e| e.name.as_str())
            .collect(),
        EstateList::Databases => estate.databases.iter().map(|d| d.name.as_str()).collect(),
    }
}

fn estate(s: &mut Scenario) -> Result<&mut Estate, String> {
    s.estate
        .as_mut()
        .ok_or_else(|| "the scenario has no estate inventory".to_owned())
}

/// The row that stands for today's aggregate environment inputs.
fn aggregate_environment(s: &Scenario, name: String) -> Environment {
    let infra = &s.benefits.tem_infrastructure;
    let lic = &s.benefits.tem_licences;
    Environment {
        name,
        kind: EnvironmentKind::Other,
        count: 1,
        servers: Decimal::from(infra.environments) * infra.servers_per_environment,
        cost_per_server_year: infra.cost_per_server_year,
        licences: Decimal::from(lic.licences),
        cost_per_licence_year: lic.cost_per_licence_year,
        hours_per_week: Decimal::from(168),
        hours_per_week_after: Decimal::from(168),
    }
}

/// The row that stands for today's aggregate data inputs.
fn aggregate_database(s: &Scenario, name: String) -> Database {
    let storage = &s.benefits.tdm_infrastructure;
    let (refreshes, hours) = s
        .benefits
        .tdm_refresh
        .as_ref()
        .map_or((0, Decimal::ZERO), |r| {
            (r.refreshes_per_year, r.hours_per_refresh)
        });
    Database {
        name,
        production_tb: storage.production_data_tb,
        copies: storage.non_production_copies,
        cost_per_tb_year: storage.cost_per_tb_year,
        refreshes_per_year: refreshes,
        hours_per_refresh: hours,
        copies_after: storage.non_production_copies,
        refreshes_per_year_after: refreshes,
        hours_per_refresh_after: hours,
    }
}

/// An optional category with defaults from public figures (the app's
/// tooltips and MODEL.md 11.1 cite them).
fn added(s: &mut Scenario, category: Category) {
    let b = &mut s.benefits;
    match category {
        Category::TemAvailability => {
            b.tem_availability.get_or_insert(TemAvailability {
                hours_per_month: Decimal::from(6),
                people_blocked: 25,
                cost_per_hour: Decimal::from(75),
                reduction: Decimal::new(5, 1),
                growth: Decimal::new(3, 2),
                risk: Decimal::new(2, 1),
                recapture: None,
            });
        }
        Category::TdmRefresh => {
            b.tdm_refresh.get_or_insert(TdmRefresh {
                refreshes_per_year: 10,
                hours_per_refresh: Decimal::from(40),
                cost_per_hour: Decimal::from(85),
                reduction: Decimal::new(6, 1),
                growth: Decimal::ZERO,
                risk: Decimal::new(15, 2),
                recapture: None,
            });
        }
        _ => {}
    }
}

/// Applies `edit` to `s` (see [`super::Edit::apply`]).
pub fn apply(s: &mut Scenario, edit: &EstateEdit) -> Result<(), String> {
    match edit {
        EstateEdit::Inventory(true) => {
            s.estate.get_or_insert_with(Estate::default);
        }
        EstateEdit::Inventory(false) => {
            if let Some(old) = s.estate.take() {
                for list in [EstateList::Environments, EstateList::Databases] {
                    for name in rows(&old, list) {
                        for path in row_paths(list, name) {
                            carry(s, &path, None);
                        }
                    }
                }
            }
        }
        EstateEdit::Add(list) => {
            let first = s.estate.as_ref().is_none_or(|e| rows(e, *list).is_empty());
            let taken: Vec<String> = s
                .estate
                .as_ref()
                .map(|e| rows(e, *list).into_iter().map(str::to_owned).collect())
                .unwrap_or_default();
            let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
            match list {
                EstateList::Environments => {
                    let stem = if first {
                        "All environments"
                    } else {
                        "Environment"
                    };
                    let mut row = aggregate_environment(s, fresh_name(stem, &taken));
                    if !first {
                        row.kind = EnvironmentKind::Dev;
                        row.servers = Decimal::ONE;
                        row.licences = Decimal::ZERO;
                    }
                    s.estate
                        .get_or_insert_with(Estate::default)
                        .environments
                        .push(row);
                }
                EstateList::Databases => {
                    let stem = if first { "All databases" } else { "Database" };
                    let mut row = aggregate_database(s, fresh_name(stem, &taken));
                    if !first {
                        row.production_tb = Decimal::ONE;
                    }
                    s.estate
                        .get_or_insert_with(Estate::default)
                        .databases
                        .push(row);
                }
            }
        }
        EstateEdit::Duplicate(list, i) => {
            let e = estate(s)?;
            let taken: Vec<String> = rows(e, *list).into_iter().map(str::to_owned).collect();
            let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
            let name = |old: &str| fresh_name(&format!("{old} copy"), &taken);
            match list {
                EstateList::Environments => {
                    let mut row = e
                        .environments
                        .get(*i)
                        .ok_or_else(|| no_row(*list, *i))?
                        .clone();
                    row.name = name(&row.name);
                    e.environments.insert(i + 1, row);
                }
                EstateList::Databases => {
                    let mut row = e
                        .databases
                        .get(*i)
                        .ok_or_else(|| no_row(*list, *i))?
                        .clone();
                    row.name = name(&row.name);
                    e.databases.insert(i + 1, row);
                }
            }
        }
        EstateEdit::Remove(list, i) => {
            let e = estate(s)?;
            let name = match list {
                EstateList::Environments if *i < e.environments.len() => {
                    e.environments.remove(*i).name
                }
                EstateList::Databases if *i < e.databases.len() => e.databases.remove(*i).name,
                _ => return Err(no_row(*list, *i)),
            };
            for path in row_paths(*list, &name) {
                carry(s, &path, None);
            }
        }
        EstateEdit::Rename(list, i, new) => {
            let e = estate(s)?;
            let slot = match list {
                EstateList::Environments => e.environments.get_mut(*i).map(|r| &mut r.name),
                EstateList::Databases => e.databases.get_mut(*i).map(|r| &mut r.name),
            };
            let old = std::mem::replace(slot.ok_or_else(|| no_row(*list, *i))?, new.clone());
            for (from, to) in row_paths(*list, &old).iter().zip(row_paths(*list, new)) {
                carry(s, from, Some(&to));
            }
        }
        EstateEdit::Kind(i, kind) => {
            let list = EstateList::Environments;
            estate(s)?
                .environments
                .get_mut(*i)
                .ok_or_else(|| no_row(list, *i))?
                .kind = *kind;
        }
        EstateEdit::Category(category, true) => added(s, *category),
        EstateEdit::Category(category, false) => {
            if !category.is_optional() {
                return Err(format!("{} cannot be removed", category.label()));
            }
            for field in category.fields() {
                carry(
                    s,
                    &format!("benefits.{}.{}", category.key(), field.key),
                    None,
                );
            }
            match category {
                Category::TemAvailability => s.benefits.tem_availability = None,
                _ => s.benefits.tdm_refresh = None,
            }
        }
        EstateEdit::Recapture(category, share) => {
            let Some(Access::Share(_, get_mut)) = category.field("recapture").map(|f| f.access)
            else {
                return Err(format!(
                    "{} is a cash line: it has no recapture share",
                    category.label()
                ));
            };
            if share.is_none() {
                carry(s, &format!("benefits.{}.recapture", category.key()), None);
            }
            *get_mut(&mut s.benefits) = *share;
        }
        EstateEdit::Nature(i, nature) => {
            let line = s
                .benefits
                .custom
                .get_mut(*i)
                .ok_or_else(|| format!("there is no custom line {}", i + 1))?;
            line.nature = *nature;
            if *nature != Some(Nature::Capacity) && line.recapture.take().is_some() {
                let path = format!("custom.{}.recapture", line.name);
                carry(s, &path, None);
            }
        }
    }
    Ok(())
}

fn no_row(list: EstateList, i: usize) -> String {
    format!("there is no row {} of {}", i + 1, list.key())
}
