//! Serde adapter for decimal fields: a string is read exactly; an integer is
//! read exactly; a float is accepted only when it came from a literal of at
//! most 15 significant digits (the loader checks the literal's text before
//! this runs, so the shortest form of the float is the typed value). Writing
//! uses a bare number when it reads back exactly and a string otherwise.

use super::decimal::{MAX_BARE_DIGITS, parse_exact, significant_digits};
use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};
use std::fmt;

/// Writes a decimal so that it reads back exactly. RON writes floats in
/// their `Debug` form, so a bare float is used only when that form is the
/// decimal digit for digit (never exponent notation).
pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    let text = value.normalize().to_string();
    if value.is_integer()
        && let Ok(int) = i64::try_from(value.normalize().mantissa())
        && significant_digits(&text) <= MAX_BARE_DIGITS
    {
        return serializer.serialize_i64(int);
    }
    if significant_digits(&text) <= MAX_BARE_DIGITS
        && let Ok(float) = text.parse::<f64>()
        && format!("{float:?}") == text
    {
        return serializer.serialize_f64(float);
    }
    serializer.serialize_str(&text)
}

/// Reads a decimal exactly (see the module doc).
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_any(ExactVisitor)
}

struct ExactVisitor;

impl Visitor<'_> for ExactVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number (bare, such as 0.10, or quoted, such as \"0.10\")")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_exact(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Decimal, E> {
        Decimal::try_from_i128_with_scale(v, 0)
            .map_err(|_| E::custom("the number is too large for a decimal"))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Decimal, E> {
        i128::try_from(v)
            .ok()
            .and_then(|v| Decimal::try_from_i128_with_scale(v, 0).ok())
            .ok_or_else(|| E::custom("the number is too large for a decimal"))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        if !v.is_finite() {
            return Err(E::custom("the number must be finite"));
        }
        // The loader has checked the literal: at most 15 significant
        // digits, no exponent. Such a literal is the shortest form of its
        // float, which `Display` prints back digit for digit.
        let text = format!("{v}");
        if significant_digits(&text) > MAX_BARE_DIGITS {
            return Err(E::custom(format!(
                "the number has more than {MAX_BARE_DIGITS} significant digits and cannot be read exactly; write it as a string, e.g. \"{text}\""
            )));
        }
        Decimal::from_str_exact(&text)
            .map_err(|_| E::custom("the number is too large for a decimal; write it as a string"))
    }
}

/// The same for an optional decimal that files write bare when present
/// (`recapture: 0.5`) and leave out when absent.
pub mod optional {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer};

    /// Writes the decimal as [`super::serialize`] does.
    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => super::serialize(v, s),
            None => s.serialize_none(),
        }
    }

    /// Reads a bare decimal as present.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        super::deserialize(d).map(Some)
    }
}
