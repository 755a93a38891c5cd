//! Units: currency signs, codes and words ("$", "USD", "dollars"), and units of measure
//! ("km", "square kilometres", "48 hours"), each normalised ("USD", "km", "hour").

use crate::lexicon::{CURRENCIES, UNITS};

/// A currency sign before the number: "$" → "USD".
pub(super) fn currency_symbol(c: &str) -> Option<&'static str> {
    CURRENCIES.symbol.get(c).copied()
}

/// An ISO code as written, before or after the number: "USD".
pub(super) fn currency_code(c: &str) -> Option<&'static str> {
    CURRENCIES.code.get(c).copied()
}

/// A currency word after the number: "dollars" → "USD".
pub(super) fn currency_word(w: &str) -> Option<&'static str> {
    CURRENCIES.word.get(w).copied()
}

/// A prefix glued to a currency sign: "HK" (in "HK$") → "HKD".
pub(super) fn currency_prefix(p: &str) -> Option<&'static str> {
    CURRENCIES.prefix.get(p).copied()
}

/// Units of measure, normalised: "kilometres" → "km".
pub(super) fn unit_of(w: &str) -> Option<&'static str> {
    UNITS.get(w).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_by_position() {
        assert_eq!(currency_symbol("€"), Some("EUR"));
        assert_eq!(currency_symbol("E"), None);
        assert_eq!(currency_code("USD"), Some("USD"));
        assert_eq!(currency_code("usd"), None, "codes are matched as written");
        assert_eq!(currency_word("roubles"), Some("RUB"));
        assert_eq!(currency_word("pounds"), None, "pounds are a weight unless sterling follows");
        assert_eq!(currency_prefix("NZ"), Some("NZD"));
    }

    #[test]
    fn units_are_normalised() {
        for (w, u) in
            [("kilometres", "km"), ("kms", "km"), ("hours", "hour"), ("lbs", "lb"), ("kph", "km/h"), ("mw", "MW")]
        {
            assert_eq!(unit_of(w), Some(u), "{w}");
        }
        assert_eq!(unit_of("troops"), None);
    }
}
