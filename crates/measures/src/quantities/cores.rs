//! The number core: digits ("10,000", "3bn", "1/2"), number words ("twenty-five", "half a
//! million"), vague amounts ("several thousand", "tens of thousands", "a small number of"),
//! found before any context is read. Also what is not a number: designators ("Article 5"),
//! model numbers ("F-16"), "one" as a pronoun.

use super::counted::is_stop;
use super::units::{currency_symbol, unit_of};
use super::{Kind, View};
use crate::lexicon::{has_role, role};
use crate::numbers;

/// The number itself, before any context is read.
#[derive(Debug, Clone)]
pub(super) struct Core {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) value: Option<f64>,
    /// Interval for vague amounts ("several thousand").
    pub(super) vague: Option<(Option<f64>, Option<f64>)>,
    /// Product of the scale words applied ("5 million" → 1e6), for "5 to 10 million".
    pub(super) scale: f64,
    pub(super) unit: Option<String>,
    /// "a small number of …": the counted phrase joins the span.
    pub(super) number_of: bool,
}

impl Core {
    pub(super) fn exact(first: usize, last: usize, value: f64, scale: f64) -> Core {
        Core { first, last, value: Some(value), vague: None, scale, unit: None, number_of: false }
    }

    pub(super) fn vague(first: usize, last: usize, low: Option<f64>, high: Option<f64>) -> Core {
        Core { first, last, value: None, vague: Some((low, high)), scale: 1.0, unit: None, number_of: false }
    }
}

pub(super) fn core_at(s: &View, i: usize) -> Option<Core> {
    match s.toks[i].kind {
        Kind::Num => digit_core(s, i),
        Kind::Word => word_core(s, i),
        Kind::Punct => None,
    }
}

fn digit_core(s: &View, i: usize) -> Option<Core> {
    // "F-16", "COVID-19", "Kh-101": a model number glued to a word by a hyphen or slash.
    if i >= 2 && s.punct(i - 1, &['-', '/']) && s.toks[i - 2].kind == Kind::Word && s.glued(i - 2) && s.glued(i - 1) {
        return None;
    }
    let prev = if s.punct(i.wrapping_sub(1), &['.']) { i.checked_sub(2) } else { i.checked_sub(1) };
    if prev.and_then(|p| s.word(p)).is_some_and(|w| has_role(w, role::DESIGNATOR)) {
        return None;
    }
    // The second half of "24/7" or "9/11".
    if i >= 2 && s.punct(i - 1, &['/']) && s.glued(i - 2) && s.glued(i - 1) {
        return None;
    }
    let mut value = numbers::parse_digits(&s.toks[i].lower)?;
    let mut last = i;
    // "1/2" is a fraction; "24/7" and "9/11" are not amounts at all.
    if s.punct(i + 1, &['/']) && s.glued(i) && s.glued(i + 1) {
        let den = s.toks.get(i + 2).filter(|t| t.kind == Kind::Num).and_then(|t| numbers::parse_digits(&t.lower))?;
        if den == 0.0 || value >= den || den > 100.0 {
            return None;
        }
        value /= den;
        last = i + 2;
    }
    let mut scale = 1.0;
    let mut unit = None;
    // Letters glued to the digits: "3bn", "10km"; anything else ("1st", "5G", "1990s") means
    // this is not a plain amount.
    if s.glued(last) && s.toks.get(last + 1).is_some_and(|t| t.kind == Kind::Word) {
        let suffix = &s.toks[last + 1].lower;
        if let Some(m) = numbers::scale_abbrev(suffix) {
            scale *= m;
        } else if let Some(u) = unit_of(suffix) {
            unit = Some(u.to_string());
        } else {
            return None;
        }
        last += 1;
    }
    while let Some(m) = s.word(last + 1).and_then(spaced_scale) {
        scale *= m;
        last += 1;
    }
    let mut core = Core::exact(i, last, value * scale, scale);
    core.unit = unit;
    Some(core)
}

/// Scale words that may stand apart from the digits: "1.5 million", "$3 bn".
fn spaced_scale(w: &str) -> Option<f64> {
    numbers::scale_word(w).or_else(|| numbers::spaced_abbrev(w))
}

/// Every number phrase that [`word_core`] reads starts with one of these words or a number word
/// (checked first: it runs at every word of a sentence, and most words start none).
fn starts_a_number(w: &str) -> bool {
    matches!(w, "a" | "an" | "several" | "tens" | "hundreds" | "dozens" | "scores" | "half")
        || numbers::is_number_word(w)
}

fn word_core(s: &View, i: usize) -> Option<Core> {
    if !s.word(i).is_some_and(starts_a_number) {
        return None;
    }
    // "day five", "round two": a name, as "Article 5" is.
    if i > 0 && s.word(i - 1).is_some_and(|w| has_role(w, role::DESIGNATOR)) {
        return None;
    }
    let ws = s.words_from(i, 8);
    let w: Vec<&str> = ws.iter().map(|(w, _)| *w).collect();
    let tok = |k: usize| ws[k].1;
    if w.is_empty() {
        return None;
    }
    // Vague amounts.
    if w.len() >= 3 && w[0] == "a" && w[2] == "number" {
        let kind = w[1];
        if has_role(kind, role::NUMBER_OF) {
            let mut c = Core::vague(i, tok(2), None, None);
            c.number_of = true;
            return Some(c);
        }
    }
    if w.len() >= 2 && w[0] == "a" && w[1] == "handful" {
        return Some(Core::vague(i, tok(1), Some(2.0), Some(5.0)));
    }
    if w.len() >= 2 && w[0] == "a" && w[1] == "couple" {
        let mut c = Core::vague(i, tok(1), None, None);
        c.value = Some(2.0);
        return Some(c);
    }
    // "several", "a few", optionally scaled: "several thousand" → 2,000–9,999.
    let several = match w.as_slice() {
        ["several", ..] => Some(1),
        ["a", "few", ..] => Some(2),
        _ => None,
    };
    if let Some(n) = several {
        let mut scale = 1.0;
        let mut last = tok(n - 1);
        let mut k = n;
        while let Some(m) = w.get(k).and_then(|x| numbers::scale_word(x)) {
            scale *= m;
            last = tok(k);
            k += 1;
        }

        let (low, high) = (2.0 * scale, 10.0 * scale - 1.0);
        return Some(Core::vague(i, last, Some(low), Some(high)));
    }
    // "tens of thousands", "hundreds of millions".
    if w.len() >= 3 && matches!(w[0], "tens" | "hundreds" | "dozens") && w[1] == "of" {
        if let Some(big) = numbers::plural_scale(w[2]).filter(|b| *b >= 1e3) {
            let k = match w[0] {
                "tens" => 10.0,
                "dozens" => 12.0,
                _ => 100.0,
            };
            let (low, high) = (2.0 * k * big, 10.0 * k * big - 1.0);
            return Some(Core::vague(i, tok(2), Some(low), Some(high)));
        }
    }
    if let Some(scale) = numbers::plural_scale(w[0]) {
        let (low, high) = numbers::plural_scale_interval(scale);
        return Some(Core::vague(i, i, Some(low), Some(high)));
    }
    if w[0] == "scores" && w.get(1) == Some(&"of") {
        return Some(Core::vague(i, i, Some(40.0), Some(99.0)));
    }
    // Fractions: "a third of", "two-thirds", "half a million".
    if let Some(c) = fraction(s, &w, &ws, i) {
        return Some(c);
    }
    let (value, n) = numbers::parse_word_seq(&w)?;
    if w[..n] == ["one"] && !one_is_a_number(s, i, ws.get(1).map(|x| x.1)) {
        return None;
    }
    let scale = w[..n].iter().filter_map(|x| numbers::scale_word(x)).fold(1.0, |a, b| a * b);
    Some(Core::exact(i, tok(n - 1), value, scale))
}

fn fraction(s: &View, w: &[&str], ws: &[(&str, usize)], i: usize) -> Option<Core> {
    if w[0] == "half" {
        if w.len() >= 3 && matches!(w[1], "a" | "an") {
            let scale = numbers::scale_word(w[2])?;
            return Some(Core::exact(i, ws[2].1, 0.5 * scale, scale));
        }
        // "half of the troops"; a bare "half" is too often "half-hearted", "first half".
        return (w.get(1) == Some(&"of")).then(|| Core::exact(i, i, 0.5, 1.0));
    }
    let (den, plural) = numbers::denominator(w.get(1)?)?;
    let num = match w[0] {
        "a" | "an" => 1.0,
        other => numbers::unit_word(other)?,
    };
    // "a third of the troops" is a fraction; "a third country" is an ordinal.
    let ok = if num == 1.0 {
        // "fell by a third" is a fraction too.
        !plural && (w.get(2) == Some(&"of") || i > 0 && s.word(i - 1) == Some("by"))
    } else {
        plural && num > 0.0 && num < den
    };
    ok.then(|| Core::exact(i, ws[1].1, num / den, 1.0))
}

/// "one" is a count in "one soldier" but a pronoun in "one of the", "no one", "the one that".
fn one_is_a_number(s: &View, i: usize, next: Option<usize>) -> bool {
    if i > 0 && s.word(i - 1).is_some_and(|w| has_role(w, role::PRONOUN_ONE)) {
        return false;
    }
    let Some(n) = next.filter(|n| *n == i + 1) else {
        return false;
    };
    // "one of the nations", "one of his priorities": one of a group, a count of 1 as news
    // quantity sets write it.
    if s.word(n) == Some("of") && s.word(n + 1).is_some_and(|w| has_role(w, role::DETERMINER)) {
        return true;
    }
    s.word(n).is_some_and(|w| !is_stop(w) && w != "another")
}

/// The second number of a range ("10-15", "5 to 10 million", "$5 and $10"): the core, its
/// last token, and a currency read off its own sign.
pub(super) fn range_end(
    s: &View,
    at: usize,
    is_blocked: &dyn Fn(usize, usize) -> bool,
) -> Option<(Core, usize, Option<String>)> {
    let (at, cur) = match s.toks.get(at).and_then(|t| currency_symbol(&t.lower)) {
        Some(c) => (at + 1, Some(c.to_string())),
        None => (at, None),
    };
    s.toks.get(at)?;
    let core = core_at(s, at)?;
    if core.vague.is_some() || is_blocked(s.toks[core.first].start, s.toks[core.last].end) {
        return None;
    }
    let last = core.last;
    Some((core, last, cur))
}

#[cfg(test)]
mod tests {
    use super::super::test_sentence;
    use super::*;

    type Interval = Option<(Option<f64>, Option<f64>)>;

    /// The core at the first token: its value, interval and the text it covers.
    fn core(text: &str) -> Option<(Option<f64>, Interval, String)> {
        let s = test_sentence(text);
        let c = core_at(&s, 0)?;
        Some((c.value, c.vague, text[s.toks[c.first].start..s.toks[c.last].end].to_string()))
    }

    #[test]
    fn digits_with_scales_and_glued_suffixes() {
        assert_eq!(core("10,000 troops"), Some((Some(10_000.0), None, "10,000".into())));
        assert_eq!(core("3bn dollars"), Some((Some(3e9), None, "3bn".into())));
        assert_eq!(core("1.5 million people"), Some((Some(1.5e6), None, "1.5 million".into())));
        assert_eq!(core("5 bn"), Some((Some(5e9), None, "5 bn".into())));
        assert_eq!(core("1/2 of it"), Some((Some(0.5), None, "1/2".into())));
        let s = test_sentence("10km");
        assert_eq!(core_at(&s, 0).and_then(|c| c.unit).as_deref(), Some("km"));
    }

    #[test]
    fn not_amounts() {
        for t in ["1st place", "5G", "the 1990s", "24/7"] {
            assert!(core(t).is_none(), "{t}");
        }
        let s = test_sentence("Article 5 and F-16");
        assert!(core_at(&s, 1).is_none());
        assert!(core_at(&s, 5).is_none());
        let s = test_sentence("no one came");
        assert!(core_at(&s, 1).is_none());
    }

    #[test]
    fn words_and_vague_amounts() {
        assert_eq!(core("twenty-five men"), Some((Some(25.0), None, "twenty-five".into())));
        assert_eq!(
            core("several thousand men"),
            Some((None, Some((Some(2000.0), Some(9999.0))), "several thousand".into()))
        );
        assert_eq!(core("a handful of men"), Some((None, Some((Some(2.0), Some(5.0))), "a handful".into())));
        assert_eq!(core("scores of men"), Some((None, Some((Some(40.0), Some(99.0))), "scores".into())));
        assert_eq!(core("two-thirds of men"), Some((Some(2.0 / 3.0), None, "two-thirds".into())));
        let s = test_sentence("a small number of troops");
        assert!(core_at(&s, 0).is_some_and(|c| c.number_of));
        assert!(core("a big number of troops").is_none());
    }

    #[test]
    fn only_number_words_and_a_few_others_start_a_number() {
        for w in ["a", "several", "scores", "half", "five", "twenty", "million", "thousands", "thirds"] {
            assert!(starts_a_number(w), "{w}");
        }
        assert!(!starts_a_number("troops") && !starts_a_number("the"));
    }

    #[test]
    fn a_range_end_takes_its_own_currency_sign() {
        let s = test_sentence("$5-$10 billion");
        let (hi, last, cur) = range_end(&s, 3, &|_, _| false).unwrap();
        assert_eq!((hi.value, last, cur.as_deref()), (Some(10e9), 5, Some("USD")));
    }
}
