//! The assumption register (file format 2): for any numeric input, by its
//! path, a record of the evidence behind its value: what kind of evidence,
//! how confident the analyst is, the source, its year, a link shown as
//! text, an owner, when it was last reviewed and a note.
//!
//! The register is data about the inputs, never an input itself: no figure
//! depends on it. Its text comes from files and is untrusted: every field is
//! bounded in length here, and writers escape or guard it where it goes.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::scenario::YearMonth;

/// The most records a scenario may hold (one per input is the most useful:
/// a scenario with every list full has fewer than a thousand inputs).
pub const MAX_RECORDS: usize = 1_000;
/// The longest source, in characters.
pub const MAX_SOURCE_CHARS: usize = 500;
/// The longest link, in characters.
pub const MAX_URL_CHARS: usize = 500;
/// The longest owner, in characters.
pub const MAX_OWNER_CHARS: usize = 100;
/// The longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 2_000;
/// The years a source may be published in.
pub const PUBLISHED_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// What kind of evidence stands behind a value, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Evidence {
    /// Measured in the organisation itself.
    Measured,
    /// From an independent benchmark or survey.
    Benchmarked,
    /// From a vendor's material.
    Vendor,
    /// The analyst's or an expert's estimate.
    Estimated,
    /// Not worked yet: a value to be replaced.
    Placeholder,
}

impl Evidence {
    /// Every kind, strongest first.
    pub const ALL: [Self; 5] = [
        Self::Measured,
        Self::Benchmarked,
        Self::Vendor,
        Self::Estimated,
        Self::Placeholder,
    ];

    /// The word in files and tables.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Measured => "Measured",
            Self::Benchmarked => "Benchmarked",
            Self::Vendor => "Vendor",
            Self::Estimated => "Estimated",
            Self::Placeholder => "Placeholder",
        }
    }

    /// What the kind means, for tooltips.
    #[must_use]
    pub fn help(self) -> &'static str {
        match self {
            Self::Measured => "measured in this organisation",
            Self::Benchmarked => "from an independent benchmark, survey or study",
            Self::Vendor => "from a vendor's material",
            Self::Estimated => "an estimate by the analyst or an expert",
            Self::Placeholder => "not worked yet: replace before the result counts",
        }
    }
}

/// How far the analyst trusts the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Confidence {
    /// Little doubt.
    High,
    /// Some doubt.
    Medium,
    /// Much doubt.
    Low,
}

impl Confidence {
    /// Every level, highest first.
    pub const ALL: [Self; 3] = [Self::High, Self::Medium, Self::Low];

    /// The word in files and tables.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::High => "High",
            Self::Medium => "Medium",
            Self::Low => "Low",
        }
    }
}

/// The evidence behind one input's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assumption {
    /// What kind of evidence.
    pub evidence: Evidence,
    /// How far the value is trusted.
    pub confidence: Confidence,
    /// Where the value comes from, e.g. a study and its figure.
    #[serde(default)]
    pub source: String,
    /// The year the source was published.
    #[serde(default)]
    pub published: Option<i32>,
    /// A link to the source, shown as text and never fetched.
    #[serde(default)]
    pub url: Option<String>,
    /// Who answers for the value.
    #[serde(default)]
    pub owner: Option<String>,
    /// When the value was last reviewed.
    #[serde(default)]
    pub reviewed: Option<YearMonth>,
    /// Free text.
    #[serde(default)]
    pub note: String,
}

impl Assumption {
    /// A placeholder record: what a template starts with.
    #[must_use]
    pub fn placeholder() -> Self {
        Self {
            evidence: Evidence::Placeholder,
            confidence: Confidence::Low,
            source: String::new(),
            published: None,
            url: None,
            owner: None,
            reviewed: None,
            note: String::new(),
        }
    }

    /// Whether the value is unconfirmed: a placeholder, or held with low
    /// confidence.
    #[must_use]
    pub fn is_unconfirmed(&self) -> bool {
        self.evidence == Evidence::Placeholder || self.confidence == Confidence::Low
    }
}

/// The register: records by input path, in path order. Reading a file
/// refuses a path given twice (a plain map would keep the last silently).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assumptions(pub BTreeMap<String, Assumption>);

impl Assumptions {
    /// Whether there is no record.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The record of `path`, if any.
    #[must_use]
    pub fn get(&self, path: &str) -> Option<&Assumption> {
        self.0.get(path)
    }

    /// Moves the record of `from`, if any, to `to` (a renamed line).
    pub fn rename(&mut self, from: &str, to: &str) {
        if let Some(record) = self.0.remove(from) {
            self.0.insert(to.to_owned(), record);
        }
    }
}

/// Gives every input of `s` without a record a placeholder record: what a
/// new scenario from the template starts with, so that an unworked
/// template is visibly unworked.
pub fn mark_unworked(s: &mut super::Scenario) {
    for spec in super::inputs::all_inputs(s) {
        s.assumptions
            .0
            .entry(spec.path)
            .or_insert_with(Assumption::placeholder);
    }
}

impl Serialize for Assumptions {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Assumptions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Records;
        impl<'de> Visitor<'de> for Records {
            type Value = Assumptions;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map from input paths to assumption records")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    if out.contains_key(&key) {
                        return Err(serde::de::Error::custom(format!(
                            "the input `{key}` has more than one record"
                        )));
                    }
                    let record: Assumption = map.next_value()?;
                    out.insert(key, record);
                }
                Ok(Assumptions(out))
            }
        }
        d.deserialize_map(Records)
    }
}
