//! What is counted: the noun phrase after a number ("10,000 troops", "5% of voters", "300
//! long-range missiles"), up to the first stop word, verb form or punctuation.

use super::View;
use crate::lexicon::{has_role, role};
use crate::numbers;

/// Words that end (or cannot start) the noun phrase naming what is counted.
pub(super) fn is_stop(w: &str) -> bool {
    has_role(w, role::STOP)
}

/// The noun phrase after a number: optional "of" + determiner, then up to three words until
/// a stop word, punctuation or a participle ("troops deployed", "soldiers moving").
/// Returns the token range and the index after the phrase.
pub(super) fn counted_after(s: &View, pos: usize) -> Option<(usize, usize)> {
    let mut j = pos;
    if s.is(j, "of") {
        j += 1;
        if s.word(j).is_some_and(|w| has_role(w, role::DETERMINER)) {
            j += 1;
        }
    }
    let first = j;
    let mut words = 0;
    let mut last = None;
    while words < 3 {
        let Some(w) = s.word(j) else { break };
        let participle = (w.len() > 4 && w.ends_with("ed")) || (w.len() > 5 && w.ends_with("ing"));
        if is_stop(w)
            || numbers::unit_word(w).is_some()
            || numbers::scale_word(w).is_some()
            || (words > 0 && participle)
            || w.ends_with("'s")
            || w.ends_with("’s")
        {
            break;
        }
        last = Some(j);
        words += 1;
        // A plural noun is almost always the head: "troops deployed", "men came".
        let head = is_plural_noun(w);
        // "long-range missiles": a hyphenated compound is one word.
        while s.punct(j + 1, &['-']) && s.glued(j) && s.glued(j + 1) && s.word(j + 2).is_some() {
            j += 2;
            last = Some(j);
        }
        j += 1;
        if head {
            break;
        }
    }
    last.map(|l| (first, l))
}

fn is_plural_noun(w: &str) -> bool {
    has_role(w, role::PLURAL)
        || (w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is")
            && !w.ends_with("'s")
            && !w.ends_with("’s"))
}

#[cfg(test)]
mod tests {
    use super::super::test_sentence;
    use super::*;

    fn counted(text: &str) -> Option<&str> {
        let s = test_sentence(text);
        counted_after(&s, 1).map(|(a, b)| &text[s.toks[a].start..s.toks[b].end])
    }

    #[test]
    fn the_phrase_ends_at_its_head_or_a_stop_word() {
        assert_eq!(counted("5 troops deployed to Russia"), Some("troops"));
        assert_eq!(counted("5 military personnel, including pilots"), Some("military personnel"));
        assert_eq!(counted("5 long-range missiles"), Some("long-range missiles"));
        assert_eq!(counted("5 of the voters"), Some("voters"));
        assert_eq!(counted("5 North Korean soldiers moving"), Some("North Korean soldiers"));
        assert_eq!(counted("5 were killed"), None);
        assert_eq!(counted("5 million"), None);
        assert_eq!(counted("5 Russia's"), None);
    }

    #[test]
    fn plural_heads() {
        assert!(is_plural_noun("people") && is_plural_noun("troops") && is_plural_noun("drones"));
        assert!(
            !is_plural_noun("press") && !is_plural_noun("virus") && !is_plural_noun("crisis") && !is_plural_noun("bus")
        );
        assert!(is_stop("the") && is_stop("were") && !is_stop("troops"));
    }
}
