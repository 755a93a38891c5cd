//! The measures' word lists, read once from `resources/lexicons/en/*.tsv` (compiled in) with the
//! one TSV reader, [`dossier_core::tsv`]. A row that does not parse panics at first use with the
//! file and line; the test below loads every file, so a bad file fails `cargo test` first.
//!
//! The modules keep the algorithms; this one knows the files and what their columns mean.

use std::collections::HashMap;
use std::sync::LazyLock;

use dossier_core::fnv::FnvBuild;
use dossier_core::tsv::{self, Row, TsvError};
use dossier_core::Change;

/// A word table.
pub(crate) type Map<V> = HashMap<&'static str, V, FnvBuild>;

/// A small word table (a few dozen words), looked up by length and then compared word by word,
/// as a `match` over string literals does: cheaper than hashing for the number words, which
/// are looked up several times at every word of a sentence.
pub(crate) struct SmallMap<V> {
    by_len: Vec<Vec<(&'static str, V)>>,
}

impl<V> Default for SmallMap<V> {
    fn default() -> Self {
        SmallMap { by_len: Vec::new() }
    }
}

impl<V: Copy> SmallMap<V> {
    pub(crate) fn insert(&mut self, word: &'static str, v: V) -> Option<V> {
        if self.by_len.len() <= word.len() {
            self.by_len.resize_with(word.len() + 1, Vec::new);
        }
        let bucket = &mut self.by_len[word.len()];
        match bucket.iter_mut().find(|(w, _)| *w == word) {
            Some(slot) => Some(std::mem::replace(&mut slot.1, v)),
            None => {
                bucket.push((word, v));
                None
            }
        }
    }

    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<&V> {
        let first = *word.as_bytes().first()?;
        let bucket = self.by_len.get(word.len())?;
        bucket.iter().find(|(w, _)| w.as_bytes()[0] == first && *w == word).map(|(_, v)| v)
    }
}

impl<V: Copy> std::ops::Index<&str> for SmallMap<V> {
    type Output = V;
    fn index(&self, word: &str) -> &V {
        self.get(word).expect("a word of the table")
    }
}

macro_rules! file {
    ($name:literal) => {
        ($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../resources/lexicons/en/", $name)))
    };
}

/// Every row of a file through `parse`; the first bad row panics with file and line.
fn load<'a, T>((name, text): (&'a str, &'a str), parse: impl FnMut(&Row<'a>) -> Result<T, TsvError>) -> Vec<T> {
    try_load((name, text), parse).unwrap_or_else(|e| panic!("{e}"))
}

fn try_load<'a, T>(
    (name, text): (&'a str, &'a str),
    mut parse: impl FnMut(&Row<'a>) -> Result<T, TsvError>,
) -> Result<Vec<T>, TsvError> {
    tsv::rows(name, text).map(|r| parse(&r)).collect()
}

/// A field that must be one of `choices`.
fn one_of<'a>(row: &Row<'a>, i: usize, choices: &[&str]) -> Result<&'a str, TsvError> {
    let v = row.field(i)?;
    if choices.contains(&v) {
        Ok(v)
    } else {
        Err(row.error(format!("field {} is {v:?}, expected one of {choices:?}", i + 1)))
    }
}

/// A numeric field.
fn number<T: std::str::FromStr>(row: &Row<'_>, i: usize) -> Result<T, TsvError> {
    let v = row.field(i)?;
    v.parse().map_err(|_| row.error(format!("field {} is {v:?}, not a number", i + 1)))
}

/// `calendar.tsv`: month and weekday names, in calendar order.
pub(crate) struct Calendar {
    /// Full month names with their abbreviations, January first.
    pub months: Vec<(&'static str, Vec<&'static str>)>,
    /// Weekday names, Monday first.
    pub weekdays: Vec<&'static str>,
}

pub(crate) static CALENDAR: LazyLock<Calendar> = LazyLock::new(|| {
    let rows = load(file!("calendar.tsv"), |r| {
        let kind = one_of(r, 1, &["month", "weekday"])?;
        let n: usize = number(r, 2)?;
        Ok((r.field(0)?, kind, n, r.list(3).collect::<Vec<_>>(), r.line))
    });
    let mut cal = Calendar { months: Vec::new(), weekdays: Vec::new() };
    for (name, kind, n, abbr, line) in rows {
        let (len, expected) = if kind == "month" { (cal.months.len(), 12) } else { (cal.weekdays.len(), 7) };
        if n != len + 1 || n > expected {
            panic!("calendar.tsv line {line}: {name} is {kind} {n}, expected {}", len + 1);
        }
        if kind == "month" {
            cal.months.push((name, abbr));
        } else {
            cal.weekdays.push(name);
        }
    }
    assert!(cal.months.len() == 12 && cal.weekdays.len() == 7, "calendar.tsv: needs 12 months and 7 weekdays");
    cal
});

/// `number_words.tsv`: number words by kind.
#[derive(Default)]
pub(crate) struct NumberWords {
    /// "zero" … "nineteen".
    pub unit: SmallMap<f64>,
    /// "twenty" … "ninety".
    pub tens: SmallMap<f64>,
    /// "hundred", "million", "dozen", "lakh".
    pub scale: SmallMap<f64>,
    /// "k", "bn": the multiplier and whether it may stand apart from the digits ("3 bn").
    pub abbrev: SmallMap<(f64, bool)>,
    /// "thousands", "dozens".
    pub plural_scale: SmallMap<f64>,
    /// "third", "thirds": the denominator and whether the word is plural.
    pub denominator: SmallMap<(f64, bool)>,
    /// Every word of the file, of any kind.
    pub any: SmallMap<()>,
}

pub(crate) static NUMBER_WORDS: LazyLock<NumberWords> = LazyLock::new(|| {
    let mut n = NumberWords::default();
    let kinds = ["unit", "tens", "scale", "abbrev", "abbrev_spaced", "plural_scale", "denominator", "denominators"];
    for (word, kind, v) in load(file!("number_words.tsv"), |r| Ok((r.field(0)?, one_of(r, 1, &kinds)?, number(r, 2)?)))
    {
        n.any.insert(word, ());
        match kind {
            "unit" => n.unit.insert(word, v),
            "tens" => n.tens.insert(word, v),
            "scale" => n.scale.insert(word, v),
            "abbrev" | "abbrev_spaced" => n.abbrev.insert(word, (v, kind == "abbrev_spaced")).map(|x| x.0),
            "plural_scale" => n.plural_scale.insert(word, v),
            _ => n.denominator.insert(word, (v, kind == "denominators")).map(|x| x.0),
        };
    }
    n
});

/// `units.tsv`: unit words → normalised unit.
pub(crate) static UNITS: LazyLock<Map<&'static str>> =
    LazyLock::new(|| load(file!("units.tsv"), |r| Ok((r.field(0)?, r.field(1)?))).into_iter().collect());

/// `currencies.tsv`, by where the form stands.
#[derive(Default)]
pub(crate) struct Currencies {
    /// "$" → "USD".
    pub symbol: SmallMap<&'static str>,
    /// "USD" → "USD" (as written).
    pub code: SmallMap<&'static str>,
    /// "dollars" → "USD".
    pub word: SmallMap<&'static str>,
    /// "HK" (glued before a sign) → "HKD".
    pub prefix: SmallMap<&'static str>,
}

pub(crate) static CURRENCIES: LazyLock<Currencies> = LazyLock::new(|| {
    let mut c = Currencies::default();
    let rows = load(file!("currencies.tsv"), |r| {
        Ok((r.field(0)?, r.field(1)?, one_of(r, 2, &["symbol", "code", "word", "prefix"])?))
    });
    for (form, code, kind) in rows {
        let table = match kind {
            "symbol" => &mut c.symbol,
            "code" => &mut c.code,
            "word" => &mut c.word,
            _ => &mut c.prefix,
        };
        table.insert(form, code);
    }
    c
});

/// What a modifier phrase does to the number after it (`quantity_modifiers.tsv`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Modifier {
    Approx,
    Lower,
    Upper,
    LowerApprox,
    UpperApprox,
    Between,
    From,
}

/// `quantity_modifiers.tsv`: each phrase as its words, with what it does.
pub(crate) static MODIFIERS: LazyLock<Vec<(Vec<&'static str>, Modifier)>> = LazyLock::new(|| {
    let kinds = ["approx", "lower", "upper", "lower_approx", "upper_approx", "between", "from"];
    let all = [
        Modifier::Approx,
        Modifier::Lower,
        Modifier::Upper,
        Modifier::LowerApprox,
        Modifier::UpperApprox,
        Modifier::Between,
        Modifier::From,
    ];
    load(file!("quantity_modifiers.tsv"), |r| {
        let kind = one_of(r, 1, &kinds)?;
        let m = all[kinds.iter().position(|k| *k == kind).unwrap_or(0)];
        Ok((r.field(0)?.split_whitespace().collect(), m))
    })
});

/// `change_words.tsv`: verbs and nouns that say a number moved.
#[derive(Default)]
pub(crate) struct ChangeWords {
    pub verb: Map<Change>,
    pub noun: Map<Change>,
}

pub(crate) static CHANGE_WORDS: LazyLock<ChangeWords> = LazyLock::new(|| {
    let mut c = ChangeWords::default();
    let rows = load(file!("change_words.tsv"), |r| {
        let part = one_of(r, 1, &["verb", "noun"])?;
        let dir = if one_of(r, 2, &["up", "down"])? == "up" { Change::Up } else { Change::Down };
        Ok((r.field(0)?, part, dir))
    });
    for (word, part, dir) in rows {
        if part == "verb" { &mut c.verb } else { &mut c.noun }.insert(word, dir);
    }
    c
});

/// The roles of `quantity_words.tsv`, as bits.
pub(crate) mod role {
    pub const STOP: u8 = 1;
    pub const DETERMINER: u8 = 1 << 1;
    pub const PLURAL: u8 = 1 << 2;
    pub const DESIGNATOR: u8 = 1 << 3;
    pub const PRONOUN_ONE: u8 = 1 << 4;
    pub const NUMBER_OF: u8 = 1 << 5;
}

/// `quantity_words.tsv`: each word with its roles ([`role`] bits).
pub(crate) static QUANTITY_WORDS: LazyLock<Map<u8>> = LazyLock::new(|| {
    let names = ["stop", "determiner", "plural", "designator", "pronoun_one", "number_of"];
    load(file!("quantity_words.tsv"), |r| {
        let mut bits = 0;
        for name in r.list(1) {
            let k = names.iter().position(|n| *n == name);
            bits |= 1 << k.ok_or_else(|| r.error(format!("unknown role {name:?}, expected one of {names:?}")))?;
        }
        if bits == 0 {
            return Err(r.error("no role"));
        }
        Ok((r.field(0)?, bits))
    })
    .into_iter()
    .collect()
});

/// Whether `w` has role `bit` in `quantity_words.tsv`.
pub(crate) fn has_role(w: &str, bit: u8) -> bool {
    QUANTITY_WORDS.get(w).is_some_and(|b| b & bit != 0)
}

/// The roles of `tense_and_count_words.tsv`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum TimeWord {
    Future,
    Past,
    NotPast,
    CountBefore,
    CountAfter,
}

/// `tense_and_count_words.tsv`: one role per row; a word may have several rows.
pub(crate) static TIME_WORDS: LazyLock<Vec<(&'static str, TimeWord)>> = LazyLock::new(|| {
    let names = ["future", "past", "not_past", "count_before", "count_after"];
    let all = [TimeWord::Future, TimeWord::Past, TimeWord::NotPast, TimeWord::CountBefore, TimeWord::CountAfter];
    load(file!("tense_and_count_words.tsv"), |r| {
        let role = one_of(r, 1, &names)?;
        Ok((r.field(0)?, all[names.iter().position(|n| *n == role).unwrap_or(0)]))
    })
});

/// Whether `w` has this role in `tense_and_count_words.tsv`.
pub(crate) fn is_time_word(w: &str, role: TimeWord) -> bool {
    static SET: LazyLock<HashMap<(&'static str, u8), (), FnvBuild>> =
        LazyLock::new(|| TIME_WORDS.iter().map(|(w, r)| ((*w, *r as u8), ())).collect());
    SET.contains_key(&(w, role as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_loads() {
        LazyLock::force(&NUMBER_WORDS);
        LazyLock::force(&UNITS);
        LazyLock::force(&CURRENCIES);
        LazyLock::force(&MODIFIERS);
        LazyLock::force(&CHANGE_WORDS);
        LazyLock::force(&QUANTITY_WORDS);
        LazyLock::force(&TIME_WORDS);
        assert_eq!(NUMBER_WORDS.unit["nineteen"], 19.0);
        assert_eq!(NUMBER_WORDS.abbrev["bn"], (1e9, true));
        assert_eq!(NUMBER_WORDS.denominator["thirds"], (3.0, true));
        assert_eq!(UNITS["kilometres"], "km");
        assert_eq!((CURRENCIES.symbol["€"], CURRENCIES.code["KRW"], CURRENCIES.prefix["HK"]), ("EUR", "KRW", "HKD"));
        assert!(MODIFIERS.contains(&(vec!["no", "fewer", "than"], Modifier::Lower)));
        assert_eq!(CHANGE_WORDS.noun["cut"], Change::Down);
        assert!(has_role("the", role::STOP | role::DETERMINER) && has_role("people", role::PLURAL));
        assert!(is_time_word("will", TimeWord::Future) && is_time_word("about", TimeWord::CountBefore));
        assert_eq!(CALENDAR.months[8], ("September", vec!["Sept", "Sep"]));
        assert_eq!(CALENDAR.weekdays[6], "Sunday");
    }

    #[test]
    fn a_bad_row_names_file_and_line() {
        let bad = std::panic::catch_unwind(|| load(("x.tsv", "a\tb\nc\n"), |r| r.field(1).map(str::to_string)));
        let msg = bad.unwrap_err().downcast::<String>().unwrap();
        assert_eq!(*msg, "x.tsv line 2: missing field 2 (the row has 1)");
    }
}
