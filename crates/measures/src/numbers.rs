//! Number words and digit strings: the small vocabulary shared by quantities and time
//! expressions. Hand-written rather than a dependency because English number words are a
//! closed, tiny set and we need to know exactly how many words were consumed. The words and
//! their values are in `resources/lexicons/en/number_words.tsv`.

use crate::lexicon::NUMBER_WORDS;

/// Whether `w` is a number word of any kind ("five", "million", "thousands", "thirds", "bn").
pub(crate) fn is_number_word(w: &str) -> bool {
    NUMBER_WORDS.any.get(w).is_some()
}

/// "zero" … "nineteen".
pub(crate) fn unit_word(w: &str) -> Option<f64> {
    NUMBER_WORDS.unit.get(w).copied()
}

/// "twenty" … "ninety".
pub(crate) fn tens_word(w: &str) -> Option<f64> {
    NUMBER_WORDS.tens.get(w).copied()
}

/// Multipliers written as words after a number: "1.5 million", "ten thousand", "two dozen".
pub(crate) fn scale_word(w: &str) -> Option<f64> {
    NUMBER_WORDS.scale.get(w).copied()
}

/// Multipliers glued to digits or standing after them in financial shorthand: "3bn", "$5m", "10k".
pub(crate) fn scale_abbrev(w: &str) -> Option<f64> {
    NUMBER_WORDS.abbrev.get(w).map(|(v, _)| *v)
}

/// The abbreviations that may also stand apart from the digits: "$3 bn", "5 mln".
pub(crate) fn spaced_abbrev(w: &str) -> Option<f64> {
    NUMBER_WORDS.abbrev.get(w).filter(|(_, spaced)| *spaced).map(|(v, _)| *v)
}

/// Plural scale words used as vague amounts: "thousands", "dozens".
pub(crate) fn plural_scale(w: &str) -> Option<f64> {
    NUMBER_WORDS.plural_scale.get(w).copied()
}

/// The conventional interval of a plural scale ("thousands" → 2,000–9,999): at least two of
/// the unit and less than the next order of magnitude. "dozens" stops below a hundred, since
/// past that a writer would say "hundreds".
pub(crate) fn plural_scale_interval(scale: f64) -> (f64, f64) {
    if scale == 12.0 {
        (24.0, 99.0)
    } else {
        (2.0 * scale, 10.0 * scale - 1.0)
    }
}

/// Denominators of word fractions: "half", "third", "quarters" → (denominator, plural).
pub(crate) fn denominator(w: &str) -> Option<(f64, bool)> {
    NUMBER_WORDS.denominator.get(w).copied()
}

/// Parses digits with thousands separators or a decimal point: "10,000", "1.5", "3".
pub(crate) fn parse_digits(s: &str) -> Option<f64> {
    let cleaned: String = s.chars().filter(|c| *c != ',').collect();
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let v: f64 = cleaned.parse().ok()?;
    v.is_finite().then_some(v)
}

/// Parses the longest number written in words at the start of `words` (lowercase, hyphens
/// already removed): "ten thousand", "one hundred and five", "a dozen", "twenty five".
/// Returns the value and how many words it used. A leading "a"/"an" counts only before a
/// scale word ("a hundred", "a million"), so the article alone is never a number.
pub(crate) fn parse_word_seq(words: &[&str]) -> Option<(f64, usize)> {
    #[derive(PartialEq, Clone, Copy)]
    enum Last {
        None,
        Unit,
        Teen,
        Tens,
        Hundred,
        Scale,
    }
    let mut total = 0.0;
    let mut current = 0.0;
    let mut last = Last::None;
    let mut seen = false;
    let mut i = 0;
    if matches!(words.first(), Some(&"a") | Some(&"an")) {
        if words.get(1).is_none_or(|w| scale_word(w).is_none()) {
            return None;
        }
        i = 1;
    }
    while i < words.len() {
        let w = words[i];
        if let Some(v) = unit_word(w) {
            // "twenty five" joins; "five six" or "twelve five" do not.
            let ok = match last {
                Last::None | Last::Hundred | Last::Scale => true,
                Last::Tens => v > 0.0 && v < 10.0,
                Last::Unit | Last::Teen => false,
            };
            if !ok {
                break;
            }
            current += v;
            last = if v < 10.0 { Last::Unit } else { Last::Teen };
        } else if let Some(v) = tens_word(w) {
            if !matches!(last, Last::None | Last::Hundred | Last::Scale) {
                break;
            }
            current += v;
            last = Last::Tens;
        } else if w == "hundred" || w == "dozen" {
            if current >= 100.0 || last == Last::Hundred {
                break;
            }
            let m = if w == "hundred" { 100.0 } else { 12.0 };
            current = current.max(1.0) * m;
            last = Last::Hundred;
        } else if let Some(s) = scale_word(w) {
            if last == Last::Scale && current == 0.0 {
                // "thousand million" style stacking: multiply what we have.
                total *= s;
            } else {
                total += current.max(1.0) * s;
            }
            current = 0.0;
            last = Last::Scale;
        } else if w == "and"
            && matches!(last, Last::Hundred | Last::Scale)
            && words.get(i + 1).is_some_and(|n| unit_word(n).is_some() || tens_word(n).is_some())
        {
            // "one hundred and five": the "and" is part of the number.
        } else {
            break;
        }
        seen = true;
        i += 1;
    }
    if !seen {
        return None;
    }
    Some((total + current, i))
}

/// Parses a whole string of number words ("twenty-four", "a hundred") or digits.
/// `None` unless every word is used.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    if let Some(v) = parse_digits(s) {
        return Some(v);
    }
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).collect();
    match parse_word_seq(&words) {
        Some((v, n)) if n == words.len() => Some(v),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(parse_number("ten thousand"), Some(10_000.0));
        assert_eq!(parse_number("twenty-five"), Some(25.0));
        assert_eq!(parse_number("one hundred and five"), Some(105.0));
        assert_eq!(parse_number("a dozen"), Some(12.0));
        assert_eq!(parse_number("a million"), Some(1e6));
        assert_eq!(parse_number("two"), Some(2.0));
        assert_eq!(parse_number("three hundred thousand"), Some(300_000.0));
        assert_eq!(parse_number("a"), None);
        assert_eq!(parse_number("five six"), None);
    }

    #[test]
    fn digits() {
        assert_eq!(parse_digits("10,000"), Some(10_000.0));
        assert_eq!(parse_digits("1.5"), Some(1.5));
        assert_eq!(parse_digits("1.2.3"), None);
        assert_eq!(parse_digits(""), None);
    }

    #[test]
    fn word_seq_reports_length() {
        assert_eq!(parse_word_seq(&["two", "thousand", "troops"]), Some((2000.0, 2)));
        assert_eq!(parse_word_seq(&["a", "hundred", "and", "men"]), Some((100.0, 2)));
        assert_eq!(parse_word_seq(&["a", "few"]), None);
    }
}
