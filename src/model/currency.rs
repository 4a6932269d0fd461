//! The one currency a set of scenarios shares: scenarios in different
//! currencies cannot be drawn on one money axis. The command line and the
//! app both ask here before they draw several scenarios on one chart.

use std::fmt;

/// Scenarios in more than one currency, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MixedCurrencies {
    /// The currency of each scenario, in order (repeats included).
    pub currencies: Vec<String>,
}

impl fmt::Display for MixedCurrencies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot draw scenarios in different currencies ({}) on one money axis",
            self.currencies.join(", ")
        )
    }
}

impl std::error::Error for MixedCurrencies {}

/// The currency shared by every scenario (the empty string when there are
/// none), or the list of their currencies when they differ.
///
/// # Errors
///
/// [`MixedCurrencies`] when two scenarios have different currencies.
pub fn shared_currency<'a>(
    currencies: impl IntoIterator<Item = &'a str>,
) -> Result<&'a str, MixedCurrencies> {
    let currencies: Vec<&str> = currencies.into_iter().collect();
    let first = currencies.first().copied().unwrap_or_default();
    if currencies.iter().any(|c| *c != first) {
        return Err(MixedCurrencies {
            currencies: currencies.iter().map(|c| (*c).to_owned()).collect(),
        });
    }
    Ok(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_currency_is_shared() {
        assert_eq!(shared_currency(["EUR", "EUR"]), Ok("EUR"));
        assert_eq!(shared_currency([]), Ok(""));
    }

    #[test]
    fn mixed_currencies_are_named_in_order() {
        let e = shared_currency(["USD", "EUR", "USD"]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot draw scenarios in different currencies (USD, EUR, USD) on one money axis"
        );
    }
}
