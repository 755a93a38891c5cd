//! The content of a statement: where it starts after a cue and ends, hedges inside it, and the
//! attribution built from speaker, cue and content.

use dossier_core::{Attribution, QuoteKind, Span, Stance, TokenKind};

use super::speaker::*;
use super::{Ctx, CueMatch};
use crate::lexicon::VerbForm;
use crate::words::en;

/// Where the content of a forward cue starts: after "that", a colon, or the listener of "told".
pub(super) fn content_start(c: &Ctx, cue: &CueMatch, last: usize) -> usize {
    let lemma = c.lex.cues[cue.entry].lemma.as_str();
    let mut k = cue.end;
    // "said on Monday that …", "told reporters that …": the content starts after a near "that".
    let window =
        (k..last.min(k + 9)).find(|&j| c.w(j) == "that" || c.raw(j) == ":" || c.is_punct(j) && c.raw(j) != ",");
    // "urges Ukraine to hit troops that its military encounters": after an urging cue's object
    // and infinitive, "that" opens a relative clause inside the content, not the content.
    let urged_infinitive = |j: usize| c.lex.cues[cue.entry].stance == Stance::Urge && (k..j).any(|x| c.w(x) == "to");
    if let Some(j) = window.filter(|&j| c.w(j) == "that" || c.raw(j) == ":") {
        if !urged_infinitive(j)
            && !(k..j).any(|x| {
                c.lex.cue_candidates(c.w(x)).iter().any(|&(_, f)| f == VerbForm::Past || f == VerbForm::ThirdPerson)
            })
        {
            return j + 1;
        }
    }
    let takes_particle = en().particle_verbs.contains(lemma) || !c.lex.cues[cue.entry].rest.is_empty();
    while k + 1 < last
        && takes_particle
        && matches!(c.w(k), "of" | "about" | "over" | "against" | "with" | "on")
        && c.tokens[k + 1].kind != TokenKind::Number
    {
        k += 1;
    }
    while k < last && (c.raw(k) == ":" || c.raw(k) == ",") {
        k += 1;
    }
    // "accused Holt of being a Democrat", "blamed Obama for the deficit": the content is the charge.
    if en().judge_verbs.contains(lemma) {
        if let Some(p) = (k..last.min(k + 7)).find(|&j| matches!(c.w(j), "of" | "for") && j > k) {
            return p + 1;
        }
    }
    if en().tell_verbs.contains(lemma) && k < last {
        // Skip a pronoun listener: "told them", "warned him".
        if matches!(c.w(k), "reporters" | "him" | "her" | "them" | "us" | "me" | "journalists" | "supporters") {
            k += 1;
        }
    }
    k
}

/// Does the content of a weak (learnt) cue open like a reported clause: after "that", a colon,
/// or with a quotation?
pub(super) fn introduces_clause(c: &Ctx, cue: &CueMatch, a: usize, last: usize) -> bool {
    a < last && (a > cue.end && matches!(c.w(a - 1), "that" | ":") || c.is_quote(a))
}

/// Trims closing punctuation of a sentence off a content span (a closing quote stays).
pub(super) fn content_end(c: &Ctx, start: usize, mut end: usize) -> usize {
    if let Some(k) =
        (start + 1..end.saturating_sub(1)).find(|&k| c.raw(k) == "," && en().speaker_participles.contains(c.w(k + 1)))
    {
        end = k;
    }
    while end > start + 1 && c.is_punct(end - 1) && !matches!(c.raw(end - 1), ")" | "%") {
        end -= 1;
    }
    end
}

/// The content before an inverted cue whose speaker phrase is set off by the token `left`
/// (a comma or a closing quote): from the sentence start, or from the opening quote of a
/// quotation that ends there, which may open sentences earlier.
pub(super) fn content_before(c: &Ctx, first: usize, left: usize) -> (usize, usize) {
    let mut end = if c.closes_quote(left) { left + 1 } else { left };
    while end > first + 1 && c.is_punct(end - 1) && !matches!(c.raw(end - 1), ")" | "%") {
        end -= 1;
    }
    let start = (end > first && c.closes_quote(end - 1)).then(|| c.quote_pair[end - 1]).flatten().unwrap_or(first);
    (start.min(first), end)
}

pub(super) fn hedges_in(c: &Ctx, a: usize, b: usize, out: &mut Vec<Span>) {
    for k in a..b {
        let w = c.w(k);
        if en().hedges.contains(w) || (en().hedges_before_to.contains(w) && k + 1 < b && c.w(k + 1) == "to") {
            out.push(c.tokens[k].span);
        }
    }
}

pub(super) fn build(
    c: &Ctx,
    speaker: Option<(usize, usize)>,
    cue: &CueMatch,
    content: (usize, usize),
    negated: bool,
) -> Option<Attribution> {
    let (a, b) = content;
    if b <= a || (a..b).all(|k| c.is_punct(k) || c.is_quote(k)) {
        return None;
    }
    let entry = &c.lex.cues[cue.entry];
    let mut stance = entry.stance;
    // "should X happen, …" opening the content is a condition, not an obligation.
    if matches!(stance, Stance::Assert)
        && (a + 1..b).any(|k| {
            en().deontic.contains(c.w(k))
                || (matches!(c.w(k), "need" | "needs" | "has" | "have") && k + 1 < b && c.w(k + 1) == "to")
        })
    {
        stance = Stance::Urge;
    }
    if negated && matches!(stance, Stance::Confirm | Stance::Assert | Stance::Agree) {
        stance = Stance::Deny;
    }
    let mut hedges = Vec::new();
    if entry.hedge {
        hedges.push(c.span(cue.start, cue.end));
    }
    hedges_in(c, a, b, &mut hedges);
    let first_quote = c.opens_quote(a) && c.quote_pair[a].is_some_and(|j| j + 1 >= b);
    let has_quote = (a..b).any(|k| c.opens_quote(k));
    let quote = if first_quote {
        QuoteKind::Direct
    } else if has_quote {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    };
    Some(Attribution {
        speaker: speaker.map(|s| classify_speaker(c, s)),
        cue: c.span(cue.start, cue.end),
        content: c.span(a, b),
        quote,
        stance,
        hedges,
        echoes: None,
    })
}

/// A later attribution in the same sentence, set off by a comma, ends the earlier one's content:
/// "warned of Y, with estimates suggesting Z".
///
/// Each statement's cut (the comma before its clause) is found once, and each content is cut at
/// the first cut inside it, so a sentence of many statements costs n log n, not n² token scans.
pub(super) fn trim_nested(c: &Ctx, found: &mut [Attribution]) {
    // The comma that sets a clause starting at `start` off, skipping "with", "and", … before it.
    let comma_before = |start: u32| {
        let mut p = c.tokens.partition_point(|t| t.span.start < start);
        while p > 0 && matches!(c.w(p - 1), "with" | "and" | "while" | "but" | "as") {
            p -= 1;
        }
        // `then_some(p - 1)` would compute `p - 1` even when p is 0 (a statement opening the text).
        if p > 1 && c.raw(p - 1) == "," {
            Some(p - 1)
        } else {
            None
        }
    };
    // (comma token, statement, cut before its speaker rather than its cue).
    let mut cuts: Vec<(usize, usize, bool)> = Vec::new();
    for (j, inner) in found.iter().enumerate() {
        cuts.extend(comma_before(inner.cue.start).map(|k| (k, j, false)));
        if let Some(s) = &inner.speaker {
            cuts.extend(comma_before(s.span.start).map(|k| (k, j, true)));
        }
    }
    cuts.sort_unstable();
    for i in 0..found.len() {
        let content = found[i].content;
        let inside = |at: u32| content.start < at && at < content.end;
        let first = cuts.partition_point(|&(comma, ..)| c.tokens[comma].span.start <= content.start);
        let cut = cuts[first..].iter().take_while(|&&(comma, ..)| c.tokens[comma].span.start < content.end).find(
            |&&(_, j, before_speaker)| {
                let inner = &found[j];
                // A participle's speaker sits before the outer content: the inner clause then
                // starts at its cue, else at its speaker.
                let speaker_inside = inner.speaker.as_ref().is_some_and(|s| s.span.start > content.start);
                j != i && inside(inner.cue.start) && before_speaker == speaker_inside
            },
        );
        if let Some(&(comma, ..)) = cut {
            let a = &mut found[i];
            a.content.end = c.tokens[comma - 1].span.end.max(a.content.start);
            // Hedges of the inner statement are not the outer one's.
            let (content, cue) = (a.content, a.cue);
            a.hedges.retain(|h| content.contains(*h) || *h == cue);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::tests::{attributions_of, read};

    #[test]
    fn hedges_inside_the_content_and_hedging_cues() {
        let text = "The minister said the talks could fail.";
        let a = &attributions_of(text)[0];
        let hedges: Vec<&str> = a.hedges.iter().map(|h| h.slice(text).unwrap()).collect();
        assert_eq!(hedges, ["could"]);
        let text = "The minister suggested the talks had failed.";
        let a = &attributions_of(text)[0];
        assert_eq!(a.hedges.iter().map(|h| h.slice(text).unwrap()).collect::<Vec<_>>(), ["suggested"]);
    }

    #[test]
    fn a_later_statement_set_off_by_a_comma_ends_the_earlier_content() {
        let got = read("Analysts warned of a slowdown, with estimates suggesting that growth would halve.");
        assert_eq!(got[0].2, "a slowdown");
    }

    #[test]
    fn the_charge_of_a_judging_verb_is_the_content() {
        assert_eq!(read("The senator accused Holt of lying to the committee.")[0].2, "lying to the committee");
    }
}
