//! What people expect to see of a currency: its symbol where the symbol
//! names one currency only, and its number of minor units (ISO 4217). The
//! model does not use either: it rounds every amount to two decimals of the
//! currency unit whatever the currency (docs/MODEL.md section 3,
//! docs/DECISIONS.md).

/// The symbol of `code` when it stands for that currency alone (the
/// symbols of CLDR's English locale, with `US$` for USD since `$` alone is
/// also the Canadian, Australian and many other dollars); `None` for a
/// currency best shown by its code.
#[must_use]
pub fn symbol(code: &str) -> Option<&'static str> {
    Some(match code {
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "CNY" => "CN¥",
        "INR" => "₹",
        "KRW" => "₩",
        "USD" => "US$",
        "CAD" => "CA$",
        "AUD" => "A$",
        "NZD" => "NZ$",
        "HKD" => "HK$",
        "TWD" => "NT$",
        "MXN" => "MX$",
        "BRL" => "R$",
        "ILS" => "₪",
        "VND" => "₫",
        "PHP" => "₱",
        "NGN" => "₦",
        "UAH" => "₴",
        "PLN" => "zł",
        _ => return None,
    })
}

/// The number of decimals an amount in `code` is shown with: 0 for the
/// currencies without minor units (JPY, KRW...), 3 for those with
/// thousandths (KWD, BHD...), 2 for every other code.
#[must_use]
pub fn minor_units(code: &str) -> u32 {
    match code {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_symbols_are_qualified_and_minor_units_follow_iso_4217() {
        assert_eq!(symbol("EUR"), Some("€"));
        assert_eq!(symbol("USD"), Some("US$"));
        assert_ne!(symbol("JPY"), symbol("CNY"));
        assert_eq!(symbol("CHF"), None);
        assert_eq!(minor_units("JPY"), 0);
        assert_eq!(minor_units("KWD"), 3);
        assert_eq!(minor_units("EUR"), 2);
        assert_eq!(minor_units("XYZ"), 2);
    }
}
