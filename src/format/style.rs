//! The display style of numbers, money and months: the digit grouping and
//! decimal mark (1,234.56 / 1.234,56 / 1 234,56 / 1'234.56), where the
//! currency goes and whether it is a code or a symbol, month names, and
//! minor units by currency. Reading typed numbers in the same convention
//! is here too, so that what is shown can be typed back.
//!
//! The style is a setting of the thread that formats: [`Style::CLASSIC`]
//! unless changed. The command line never changes it, so its reports and
//! charts are as they always were; the app sets the person's choice at the
//! start of every frame ([`set_current`]) and around an export drawn on
//! its file worker ([`with_style`]). Files and CSV never use it.

use std::cell::Cell;

/// Digit grouping and decimal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Grouping {
    /// `1,234.56`
    #[default]
    Comma,
    /// `1.234,56`
    Dot,
    /// `1 234,56` (a no-break space between groups)
    Space,
    /// `1'234.56`
    Apostrophe,
}

impl Grouping {
    /// Every preset, in the order offered.
    pub const ALL: [Self; 4] = [Self::Comma, Self::Dot, Self::Space, Self::Apostrophe];

    /// The mark between groups of three digits as shown.
    #[must_use]
    pub fn group_mark(self) -> char {
        match self {
            Self::Comma => ',',
            Self::Dot => '.',
            Self::Space => '\u{a0}',
            Self::Apostrophe => '\'',
        }
    }

    /// The decimal mark.
    #[must_use]
    pub fn decimal_mark(self) -> char {
        match self {
            Self::Comma | Self::Apostrophe => '.',
            Self::Dot | Self::Space => ',',
        }
    }

    /// Whether `c` is typed as a group mark in this convention (a space
    /// may be typed as any space).
    fn is_group_mark(self, c: char) -> bool {
        match self {
            Self::Space => matches!(c, ' ' | '\u{a0}' | '\u{202f}'),
            Self::Apostrophe => matches!(c, '\'' | '’'),
            Self::Comma | Self::Dot => c == self.group_mark(),
        }
    }

    /// The preset as shown in the menu.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Comma => "1,234.56",
            Self::Dot => "1.234,56",
            Self::Space => "1 234,56",
            Self::Apostrophe => "1'234.56",
        }
    }
}

/// How an amount names its currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum CurrencyStyle {
    /// `USD 1,234.56`
    #[default]
    CodeBefore,
    /// `1.234,56 USD`
    CodeAfter,
    /// `€1,234.56`, or the code where the symbol is shared (`CHF 1,234.56`).
    SymbolBefore,
    /// `1.234,56 €`, or the code where the symbol is shared.
    SymbolAfter,
}

impl CurrencyStyle {
    /// Every style, in the order offered.
    pub const ALL: [Self; 4] = [
        Self::CodeBefore,
        Self::CodeAfter,
        Self::SymbolBefore,
        Self::SymbolAfter,
    ];

    /// The style as shown in the menu.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::CodeBefore => "Code before: EUR 1,234",
            Self::CodeAfter => "Code after: 1,234 EUR",
            Self::SymbolBefore => "Symbol before: €1,234",
            Self::SymbolAfter => "Symbol after: 1,234 €",
        }
    }
}

/// How calendar months are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum MonthNames {
    /// `2026-01` in tables, `Jan 2026` on chart axes (as MODEL.md writes
    /// months).
    #[default]
    Iso,
    /// `Jan 2026`
    English,
    /// `Jan. 2026`
    German,
    /// `janv. 2026`
    French,
    /// `ene 2026`
    Spanish,
    /// `jan 2026`
    Portuguese,
    /// `2026年1月`
    Japanese,
}

impl MonthNames {
    /// Every choice, in the order offered.
    pub const ALL: [Self; 7] = [
        Self::Iso,
        Self::English,
        Self::German,
        Self::French,
        Self::Spanish,
        Self::Portuguese,
        Self::Japanese,
    ];

    /// The choice as shown in the menu.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Iso => "2026-01",
            Self::English => "Jan 2026",
            Self::German => "Jan. 2026 (Deutsch)",
            Self::French => "janv. 2026 (français)",
            Self::Spanish => "ene 2026 (español)",
            Self::Portuguese => "jan 2026 (português)",
            Self::Japanese => "2026年1月 (日本語)",
        }
    }

    /// Month `month` (1 to 12) of `year`; `None` for [`Self::Iso`], which
    /// tables and charts write each their own way.
    #[must_use]
    pub fn name(self, year: i32, month: u32) -> Option<String> {
        const EN: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        const DE: [&str; 12] = [
            "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.",
            "Dez.",
        ];
        const FR: [&str; 12] = [
            "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
            "nov.", "déc.",
        ];
        const ES: [&str; 12] = [
            "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
        ];
        const PT: [&str; 12] = [
            "jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez",
        ];
        let index = usize::try_from(month.clamp(1, 12) - 1).unwrap_or(0);
        let names = match self {
            Self::Iso => return None,
            Self::Japanese => return Some(format!("{year}年{}月", index + 1)),
            Self::English => EN,
            Self::German => DE,
            Self::French => FR,
            Self::Spanish => ES,
            Self::Portuguese => PT,
        };
        Some(format!("{} {year}", names[index]))
    }
}

/// The display style of numbers, money and months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Style {
    /// Digit grouping and decimal mark.
    pub grouping: Grouping,
    /// How amounts name their currency.
    pub currency: CurrencyStyle,
    /// How calendar months are named.
    pub months: MonthNames,
    /// Whether amounts have their currency's minor units (JPY 0, KWD 3)
    /// rather than always two decimals.
    pub minor_units: bool,
}

impl Style {
    /// The command line's style, as envroi has always written figures:
    /// `USD 1,234.56`, two decimals in every currency.
    pub const CLASSIC: Self = Self {
        grouping: Grouping::Comma,
        currency: CurrencyStyle::CodeBefore,
        months: MonthNames::Iso,
        minor_units: false,
    };
}

impl Default for Style {
    /// The app's default: the classic style with each currency's minor units.
    fn default() -> Self {
        Self {
            minor_units: true,
            ..Self::CLASSIC
        }
    }
}

thread_local! {
    static CURRENT: Cell<Style> = const { Cell::new(Style::CLASSIC) };
}

/// The style this thread formats with.
#[must_use]
pub fn current() -> Style {
    CURRENT.with(Cell::get)
}

/// Makes `style` the style this thread formats with.
pub fn set_current(style: Style) {
    CURRENT.with(|c| c.set(style));
}

/// Runs `f` with `style` as this thread's style, then restores the one
/// before.
pub fn with_style<T>(style: Style, f: impl FnOnce() -> T) -> T {
    let before = current();
    set_current(style);
    let out = f();
    set_current(before);
    out
}

/// `text` made of ASCII digits only, at least one.
fn digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// The plain reading of typed text: `1234.56` (digits, at most one `.`).
fn plain_reading(body: &str) -> Option<String> {
    let ok = match body.split_once('.') {
        Some((i, f)) => (i.is_empty() || digits(i)) && (f.is_empty() || digits(f)) && body != ".",
        None => digits(body),
    };
    ok.then(|| body.to_owned())
}

/// The reading of typed text in `grouping`'s convention: groups of three
/// digits after the first (of one to three), or no group marks at all,
/// then optionally the decimal mark and digits. Returned as a plain
/// decimal.
fn convention_reading(body: &str, grouping: Grouping) -> Option<String> {
    let (int_part, frac_part) = match body.split_once(grouping.decimal_mark()) {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let groups: Vec<&str> = int_part.split(|c| grouping.is_group_mark(c)).collect();
    let well_grouped = match groups.as_slice() {
        [single] => digits(single),
        [first, rest @ ..] => {
            (1..=3).contains(&first.len())
                && digits(first)
                && !first.starts_with('0')
                && rest.iter().all(|g| g.len() == 3 && digits(g))
        }
        [] => false,
    };
    if !well_grouped || frac_part.is_some_and(|f| !digits(f)) {
        return None;
    }
    let mut plain = groups.concat();
    if let Some(f) = frac_part {
        plain.push('.');
        plain.push_str(f);
    }
    Some(plain)
}

/// Typed text as a plain decimal (`-1234.56`), read in `grouping`'s
/// convention or as a plain number. Text that the two readings both accept
/// with different values (`1.234` with `1.234,56` numbers: 1234 or 1.234?)
/// is refused as ambiguous; text neither accepts is refused with the forms
/// that are. The result still has to be parsed exactly
/// (`model::decimal::parse_exact`).
pub fn typed_number(text: &str, grouping: Grouping) -> Result<String, String> {
    let trimmed = text.trim();
    let (sign, body) = match trimmed.strip_prefix(['-', '+']) {
        Some(rest) => (&trimmed[..1], rest.trim_start()),
        None => ("", trimmed),
    };
    if body.is_empty() {
        return Err("a number is required".to_owned());
    }
    let plain = plain_reading(body);
    let convention = convention_reading(body, grouping);
    let same = |a: &str, b: &str| a.trim_end_matches('.') == b.trim_end_matches('.');
    let chosen = match (plain, convention) {
        (Some(p), Some(c)) if !same(&p, &c) => {
            return Err(format!(
                "`{trimmed}` is ambiguous: with {} numbers it is {}, as a plain number {}; type it without `{}`, or with the decimal mark `{}`",
                grouping.label(),
                c,
                p,
                grouping.group_mark(),
                grouping.decimal_mark()
            ));
        }
        (Some(p), _) => p,
        (None, Some(c)) => c,
        (None, None) => {
            let g = grouping.group_mark();
            let m = grouping.decimal_mark();
            return Err(format!(
                "`{trimmed}` is not a plain decimal number (write e.g. 1250.50, or 1{g}250{m}50)"
            ));
        }
    };
    Ok(format!("{sign}{chosen}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, g: Grouping) -> Result<String, String> {
        typed_number(text, g)
    }

    #[test]
    fn each_convention_and_plain_text_are_read() {
        for (g, text) in [
            (Grouping::Comma, "1,234,567.5"),
            (Grouping::Dot, "1.234.567,5"),
            (Grouping::Space, "1 234 567,5"),
            (Grouping::Space, "1\u{a0}234\u{202f}567,5"),
            (Grouping::Apostrophe, "1'234'567.5"),
        ] {
            assert_eq!(read(text, g).unwrap(), "1234567.5", "{g:?} {text}");
            assert_eq!(read("1234567.5", g).unwrap(), "1234567.5", "{g:?} plain");
            assert_eq!(read("-0.25", g).unwrap(), "-0.25", "{g:?} negative");
        }
        assert_eq!(read("12,5", Grouping::Dot).unwrap(), "12.5");
        assert_eq!(read("- 12,5", Grouping::Space).unwrap(), "-12.5");
        assert_eq!(read("1.234", Grouping::Comma).unwrap(), "1.234");
        assert_eq!(read("1,234", Grouping::Comma).unwrap(), "1234");
    }

    #[test]
    fn a_text_two_readings_give_differently_is_refused() {
        let e = read("1.234", Grouping::Dot).unwrap_err();
        assert!(
            e.contains("ambiguous") && e.contains("1234") && e.contains("1.234"),
            "{e}"
        );
        assert!(read("12.500", Grouping::Dot).is_err());
        assert_eq!(read("0.500", Grouping::Dot).unwrap(), "0.500");
        // One reading only: the comma is this convention's decimal mark.
        assert_eq!(read("1,234", Grouping::Dot).unwrap(), "1.234");
        assert_eq!(read("1,234", Grouping::Space).unwrap(), "1.234");
        // Only the plain reading: groups have three digits.
        assert_eq!(read("1.2345", Grouping::Dot).unwrap(), "1.2345");
    }

    #[test]
    fn badly_grouped_or_foreign_text_is_refused() {
        for (g, text) in [
            (Grouping::Comma, "0,35"),
            (Grouping::Comma, "1,23,456"),
            (Grouping::Comma, "0,350"),
            (Grouping::Dot, "1.23.456"),
            (Grouping::Apostrophe, "1,234"),
            (Grouping::Space, "1 23"),
            (Grouping::Dot, "1e5"),
            (Grouping::Dot, ","),
            (Grouping::Dot, ""),
        ] {
            assert!(read(text, g).is_err(), "{g:?} {text}");
        }
    }

    #[test]
    fn the_style_is_per_thread_and_restored() {
        let chosen = Style {
            grouping: Grouping::Dot,
            ..Style::default()
        };
        assert_eq!(current(), Style::CLASSIC);
        let inside = with_style(chosen, current);
        assert_eq!(inside, chosen);
        assert_eq!(current(), Style::CLASSIC);
        assert_eq!(MonthNames::Japanese.name(2026, 1).unwrap(), "2026年1月");
        assert_eq!(MonthNames::French.name(2027, 2).unwrap(), "févr. 2027");
        assert_eq!(MonthNames::Iso.name(2027, 2), None);
    }
}
