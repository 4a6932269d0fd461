//! Validation of a scenario against MODEL.md section 2. It returns every
//! problem, each with the dotted field path, the offending value and the
//! allowed range, so a person can fix a file in one pass.

use rust_decimal::Decimal;
use std::collections::HashSet;
use std::fmt;

use super::assumption;

mod correlations;
mod estate;
use super::category::Category;
use super::fields::{self, Spec};
use super::inputs::{self, Bounds};
use super::scenario::{Cost, FORMAT_VERSION, Programme, Scenario, YearMonth};
pub use correlations::indexed_pairs;

/// The longest list of custom lines, costs or ranges a scenario may hold.
pub const MAX_LIST_LEN: usize = 100;
/// Names are 1 to this many characters.
pub const MAX_NAME_CHARS: usize = 100;
/// The longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 10_000;
/// The most characters of an offending value a problem repeats.
const MAX_SHOWN_CHARS: usize = 120;

/// One reason a scenario is invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Dotted field path, e.g. `benefits.tem_services.reduction` or `costs[2].month`.
    pub path: String,
    /// The offending value as written.
    pub value: String,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} = {}: {}", self.path, self.value, self.message)
    }
}

/// Collects problems while walking the scenario.
#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn push(
        &mut self,
        path: impl Into<String>,
        value: impl fmt::Display,
        message: impl Into<String>,
    ) {
        // A hostile file can hold a name of megabytes; the message shows
        // the start of it, which is enough to find it.
        let mut value = value.to_string();
        if value.chars().count() > MAX_SHOWN_CHARS {
            value = value.chars().take(MAX_SHOWN_CHARS).collect();
            value.push_str("...");
        }
        self.problems.push(Problem {
            path: path.into(),
            value,
            message: message.into(),
        });
    }

    fn decimal(&mut self, path: impl Into<String>, value: Decimal, bounds: Bounds) {
        if !bounds.contains(value) {
            self.push(path, value, format!("must be {}", bounds.describe()));
        }
    }

    /// Checks `value` against the range `spec` gives for `horizon`.
    fn spec(&mut self, path: impl Into<String>, value: Decimal, spec: &Spec, horizon: u32) {
        self.decimal(path, value, spec.bounds(horizon));
    }

    fn name(&mut self, path: impl Into<String>, name: &str) {
        if let Err(message) = check_name(name) {
            self.push(path, format!("{name:?}"), message);
        }
    }

    fn list_len(&mut self, path: &str, len: usize) {
        if len > MAX_LIST_LEN {
            self.push(
                path,
                format!("{len} entries"),
                format!("may hold at most {MAX_LIST_LEN} entries"),
            );
        }
    }

    fn programme(&mut self, key: &str, p: &Programme, horizon: u32) {
        for input in &fields::PROGRAMME {
            let spec = &input.spec;
            self.spec(format!("{key}.{}", spec.key), (input.get)(p), spec, horizon);
        }
    }
}

/// The rule for a scenario, custom line or cost name: 1 to
/// [`MAX_NAME_CHARS`] characters. The inputs panel checks typed names with
/// it too.
pub fn check_name(name: &str) -> Result<(), String> {
    let chars = name.chars().count();
    if chars == 0 || chars > MAX_NAME_CHARS {
        Err(format!(
            "must be 1 to {MAX_NAME_CHARS} characters (has {chars})"
        ))
    } else {
        Ok(())
    }
}

/// The rule for the currency: an ISO 4217 code, three capital letters.
pub fn check_currency(code: &str) -> Result<(), String> {
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err("must be an ISO 4217 code: three capital letters, e.g. USD".to_owned())
    }
}

/// The rule for the first month: a year from 2000 to 2100.
pub fn check_start(start: YearMonth) -> Result<(), String> {
    if (2000..=2100).contains(&start.year) {
        Ok(())
    } else {
        Err("the year must be from 2000 to 2100".to_owned())
    }
}

/// Checks every rule of MODEL.md section 2 and returns every problem found;
/// an empty list means the scenario is valid and computes without failure.
#[must_use]
pub fn validate(s: &Scenario) -> Vec<Problem> {
    let mut c = Checker::default();
    if s.format_version != FORMAT_VERSION {
        c.push(
            "format_version",
            s.format_version,
            format!("must be {FORMAT_VERSION}"),
        );
    }
    c.name("name", &s.name);
    let desc_chars = s.description.chars().count();
    if desc_chars > MAX_DESCRIPTION_CHARS {
        c.push(
            "description",
            format!("{desc_chars} characters"),
            format!("must be at most {MAX_DESCRIPTION_CHARS} characters"),
        );
    }
    if let Err(message) = check_currency(&s.currency) {
        c.push("currency", format!("{:?}", s.currency), message);
    }
    if let Err(message) = check_start(s.start) {
        c.push("start", format!("\"{}\"", s.start), message);
    }
    let horizon_bounds = inputs::HORIZON;
    c.spec(
        "horizon_months",
        Decimal::from(s.horizon_months),
        &fields::HORIZON_MONTHS,
        s.horizon_months,
    );
    // Month fields are checked against the horizon as written, or against
    // the largest horizon when the horizon itself is out of range.
    let horizon = if horizon_bounds.contains(Decimal::from(s.horizon_months)) {
        s.horizon_months
    } else {
        120
    };
    c.spec(
        "discount_rate",
        s.discount_rate,
        &fields::DISCOUNT_RATE,
        horizon,
    );
    c.spec(
        "synergy_uplift",
        s.synergy_uplift,
        &fields::SYNERGY_UPLIFT,
        horizon,
    );
    c.programme("tem", &s.tem, horizon);
    c.programme("tdm", &s.tdm, horizon);

    for category in Category::present(&s.benefits) {
        for field in category.fields() {
            c.decimal(
                format!("benefits.{}.{}", category.key(), field.key),
                field.get(&s.benefits),
                field.bounds,
            );
        }
    }

    if let Some(e) = &s.estate {
        estate::check(&mut c, e);
    }
    if s.benefits.custom.len() <= MAX_LIST_LEN {
        estate::check_custom_capacity(&mut c, &s.benefits);
    }

    // An over-long list is reported once and its items are not checked one
    // by one: a hostile file with a million entries must be refused quickly
    // (ranges look up every line and cost by name, which would take the
    // square of the length).
    c.list_len("benefits.custom", s.benefits.custom.len());
    c.list_len("costs", s.costs.len());
    c.list_len("uncertainty", s.uncertainty.len());
    let custom_ok = s.benefits.custom.len() <= MAX_LIST_LEN;
    let costs_ok = s.costs.len() <= MAX_LIST_LEN;
    let ranges_ok = custom_ok && costs_ok && s.uncertainty.len() <= MAX_LIST_LEN;
    let mut seen = HashSet::new();
    for (i, line) in s.benefits.custom.iter().enumerate().filter(|_| custom_ok) {
        let at = format!("benefits.custom[{i}]");
        c.name(format!("{at}.name"), &line.name);
        if !seen.insert(line.name.as_str()) {
            c.push(
                format!("{at}.name"),
                format!("{:?}", line.name),
                "custom line names must be unique",
            );
        }
        for (spec, value) in [
            (&fields::CUSTOM_ANNUAL_AMOUNT, line.annual_amount),
            (&fields::CUSTOM_GROWTH, line.growth),
            (&fields::CUSTOM_RISK, line.risk),
        ] {
            c.spec(format!("{at}.{}", spec.key), value, spec, horizon);
        }
    }

    let mut seen = HashSet::new();
    for (i, cost) in s.costs.iter().enumerate().filter(|_| costs_ok) {
        let at = format!("costs[{i}]");
        c.name(format!("{at}.name"), cost.name());
        if !seen.insert(cost.name()) {
            c.push(
                format!("{at}.name"),
                format!("{:?}", cost.name()),
                "cost names must be unique",
            );
        }
        c.spec(
            format!("{at}.risk"),
            cost.risk(),
            &fields::COST_RISK,
            horizon,
        );
        match cost {
            Cost::OneOff { amount, month, .. } => {
                c.spec(
                    format!("{at}.amount"),
                    *amount,
                    &fields::COST_AMOUNT,
                    horizon,
                );
                c.spec(
                    format!("{at}.month"),
                    Decimal::from(*month),
                    &fields::COST_MONTH,
                    horizon,
                );
            }
            Cost::Recurring {
                annual_amount,
                start_month,
                end_month,
                growth,
                ..
            } => {
                c.spec(
                    format!("{at}.annual_amount"),
                    *annual_amount,
                    &fields::COST_ANNUAL_AMOUNT,
                    horizon,
                );
                c.spec(
                    format!("{at}.start_month"),
                    Decimal::from(*start_month),
                    &fields::COST_START_MONTH,
                    horizon,
                );
                if let Some(end) = end_month
                    && end < start_month
                {
                    c.push(
                        format!("{at}.end_month"),
                        format!("Some({end})"),
                        format!("must be None or Some(n) with n >= start_month ({start_month})"),
                    );
                }
                c.spec(
                    format!("{at}.growth"),
                    *growth,
                    &fields::COST_GROWTH,
                    horizon,
                );
            }
        }
    }

    if ranges_ok {
        // The catalogue of inputs is built once, not once per range or
        // record: it formats a path and a label for every input, and
        // validation runs on every keystroke in the app.
        // The estate's hundreds of paths only when a range, record or
        // correlation names one of them.
        let names_estate = s.uncertainty.iter().any(|r| r.input.starts_with("estate."))
            || s.assumptions.0.keys().any(|k| k.starts_with("estate."))
            || s.correlations
                .iter()
                .any(|c| c.a.starts_with("estate.") || c.b.starts_with("estate."));
        let catalogue =
            if s.uncertainty.is_empty() && s.assumptions.is_empty() && s.correlations.is_empty() {
                Vec::new()
            } else if names_estate {
                inputs::all_inputs(s)
            } else {
                inputs::inputs_but_estate(s)
            };
        check_ranges(&mut c, s, &catalogue);
        check_assumptions(&mut c, s, &catalogue);
        correlations::check(&mut c, s, &catalogue);
    }
    c.spec(
        "monte_carlo.trials",
        Decimal::from(s.monte_carlo.trials),
        &fields::TRIALS,
        horizon,
    );
    c.problems
}

/// The uncertainty ranges: each on a known input that is not the horizon
/// or a cost month (MODEL.md 10.1), at most one per input, inside the input's range and around its
/// base.
fn check_ranges(c: &mut Checker, s: &Scenario, catalogue: &[inputs::InputSpec]) {
    let mut seen = HashSet::new();
    for (i, range) in s.uncertainty.iter().enumerate() {
        let at = format!("uncertainty[{i}]");
        let Some(spec) = catalogue.iter().find(|spec| spec.path == range.input) else {
            c.push(
                format!("{at}.input"),
                format!("{:?}", range.input),
                inputs::unknown_message(catalogue, &range.input),
            );
            continue;
        };
        if inputs::is_timing(spec) && !inputs::is_programme_month(spec) {
            c.push(
                format!("{at}.input"),
                format!("{:?}", range.input),
                "is a timing input (the horizon or a cost month); ranges address amounts, counts, rates and the programme months",
            );
            continue;
        }
        if !seen.insert(range.input.as_str()) {
            c.push(
                format!("{at}.input"),
                format!("{:?}", range.input),
                "has more than one range",
            );
        }
        c.decimal(format!("{at}.low"), range.low, spec.bounds);
        c.decimal(format!("{at}.high"), range.high, spec.bounds);
        if let Some(base) = inputs::get(s, &range.input)
            && !(range.low <= base && base <= range.high)
        {
            c.push(
                at.clone(),
                format!("low {} high {}", range.low, range.high),
                format!("must satisfy low <= base ({base}) <= high"),
            );
        }
    }
}

/// The path of an assumption record in problems: `assumptions["PATH"]`.
#[must_use]
pub fn assumption_path(key: &str) -> String {
    format!("assumptions[{key:?}]")
}

/// The assumption register (MODEL.md section 7): at most
/// [`MAX_RECORDS`](assumption::MAX_RECORDS) records, each keyed by an input
/// of this scenario, with bounded text and plausible years.
fn check_assumptions(c: &mut Checker, s: &Scenario, catalogue: &[inputs::InputSpec]) {
    let records = &s.assumptions.0;
    if records.len() > assumption::MAX_RECORDS {
        c.push(
            "assumptions",
            format!("{} records", records.len()),
            format!("may hold at most {} records", assumption::MAX_RECORDS),
        );
        return;
    }
    for (key, record) in records {
        let at = assumption_path(key);
        if !catalogue.iter().any(|spec| spec.path == *key) {
            c.push(
                at.clone(),
                format!("{key:?}"),
                inputs::unknown_message(catalogue, key),
            );
        }
        let texts = [
            ("source", Some(&record.source), assumption::MAX_SOURCE_CHARS),
            ("url", record.url.as_ref(), assumption::MAX_URL_CHARS),
            ("owner", record.owner.as_ref(), assumption::MAX_OWNER_CHARS),
            ("note", Some(&record.note), assumption::MAX_NOTE_CHARS),
        ];
        for (field, text, max) in texts {
            let chars = text.map_or(0, |t| t.chars().count());
            if chars > max {
                c.push(
                    format!("{at}.{field}"),
                    format!("{chars} characters"),
                    format!("must be at most {max} characters"),
                );
            }
        }
        let years = assumption::PUBLISHED_YEARS;
        if let Some(year) = record.published
            && !years.contains(&year)
        {
            c.push(
                format!("{at}.published"),
                format!("Some({year})"),
                format!("must be a year from {} to {}", years.start(), years.end()),
            );
        }
        if let Some(month) = record.reviewed
            && !years.contains(&month.year)
        {
            c.push(
                format!("{at}.reviewed"),
                format!("\"{month}\""),
                format!("the year must be from {} to {}", years.start(), years.end()),
            );
        }
    }
}
