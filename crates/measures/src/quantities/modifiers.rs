//! The words around a number that bound, hedge or move it: "more than", "around", "up to",
//! "between … and", "rose by", "an increase of".

use dossier_core::Change;

use super::View;
pub(super) use crate::lexicon::Modifier;
use crate::lexicon::{CHANGE_WORDS, MODIFIERS};

/// The longest modifier phrase ending right before token `end`.
pub(super) fn modifier_before(s: &View, end: usize) -> Option<(usize, Modifier)> {
    MODIFIERS
        .iter()
        .filter(|(p, _)| s.phrase_before(end, p))
        .max_by_key(|(p, _)| p.len())
        .map(|(p, m)| (end - p.len(), *m))
}

fn change_verb(w: &str) -> Option<Change> {
    CHANGE_WORDS.verb.get(w).copied()
}

fn change_noun(w: &str) -> Option<Change> {
    CHANGE_WORDS.noun.get(w).copied()
}

/// "rose by", "fell to", "jumped", "an increase of", "up" — ending right before token `at`.
pub(super) fn change_before(s: &View, at: usize) -> Option<Change> {
    let w = |k: usize| at.checked_sub(k).and_then(|j| s.word(j));
    match w(1)? {
        "by" | "to" => w(2).and_then(change_verb),
        "of" => w(2).and_then(change_noun),
        other => change_verb(other),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_sentence;
    use super::*;

    /// The modifier right before the last token of `text`, with the text it covers.
    fn before_last(text: &str) -> Option<(String, Modifier)> {
        let s = test_sentence(text);
        let end = s.toks.len() - 1;
        modifier_before(&s, end).map(|(start, m)| (text[s.toks[start].start..s.toks[end - 1].end].to_string(), m))
    }

    #[test]
    fn the_longest_phrase_wins() {
        assert_eq!(before_last("more than 5"), Some(("more than".into(), Modifier::Lower)));
        assert_eq!(before_last("no more than 5"), Some(("no more than".into(), Modifier::Upper)));
        assert_eq!(before_last("just over 5"), Some(("just over".into(), Modifier::LowerApprox)));
        assert_eq!(before_last("an estimated 5"), Some(("an estimated".into(), Modifier::Approx)));
        assert_eq!(before_last("between 5"), Some(("between".into(), Modifier::Between)));
        assert_eq!(before_last("the 5"), None);
    }

    #[test]
    fn change_words_before_a_number() {
        let change = |text: &str| {
            let s = test_sentence(text);
            change_before(&s, s.toks.len() - 1)
        };
        assert_eq!(change("prices rose 5"), Some(Change::Up));
        assert_eq!(change("it fell by 5"), Some(Change::Down));
        assert_eq!(change("an increase of 5"), Some(Change::Up));
        assert_eq!(change("a cut of 5"), Some(Change::Down));
        assert_eq!(change("the rose of 5"), None);
        assert_eq!(change("he said 5"), None);
    }
}
