//! Triggers: the lexicon patterns matched in a sentence (verbs in any form, nouns after a support
//! verb or before an actor), background words left out, and the first trigger of a clause governing
//! the rest.

use dossier_core::{EventType, Sentence, Span, Stance, TokenKind};

use super::args::*;
use super::{Ctx, Near};
use crate::lexicon::events::{Form, Part};
use crate::words::en;

/// Longest gap `*` in a pattern, in words.
pub(super) const MAX_GAP: usize = 5;

#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) entry: Option<usize>,
    pub(super) kind: EventType,
    pub(super) form: Form,
    /// The verb that carries subject, negation and modality (the support verb of a noun).
    pub(super) head: usize,
    /// For nouns followed by "between X and Y": the two sides.
    pub(super) between: Option<(usize, usize, usize, usize)>,
    /// An urging statement: its content span, governed.
    pub(super) governs: Option<Span>,
    pub(super) reported_speaker: Option<Span>,
}

/// Matches `parts` from token `k`; returns the end token.
pub(super) fn match_parts(c: &Ctx, parts: &[Part], mut k: usize, last: usize) -> Option<usize> {
    let mut i = 0;
    while i < parts.len() {
        match &parts[i] {
            Part::Gap => {
                let Some(Part::Words(next)) = parts.get(i + 1) else { return Some(k) };
                let mut found = None;
                for skip in 0..=MAX_GAP {
                    let at = k + skip;
                    if at >= last || (skip > 0 && c.is_punct(at - 1) && c.raw(at - 1) != "-") {
                        break;
                    }
                    if let Some(e) = match_words(c, next, at, last) {
                        found = Some(e);
                        break;
                    }
                }
                k = found?;
                i += 2;
            }
            Part::Words(alts) => {
                k = match_words(c, alts, k, last)?;
                i += 1;
            }
        }
    }
    Some(k)
}

pub(super) fn match_words(c: &Ctx, alts: &[Vec<String>], k: usize, last: usize) -> Option<usize> {
    alts.iter()
        .filter(|a| k + a.len() <= last && a.iter().enumerate().all(|(j, w)| c.w(k + j) == w))
        .map(|a| k + a.len())
        .max()
}

/// The best trigger starting at token `i`: (entry, form, end), longest first, verbs before nouns.
pub(super) fn best_at(c: &Ctx, i: usize, last: usize, nouns_only: bool) -> Option<(usize, Form, usize)> {
    let mut best: Option<(usize, Form, usize)> = None;
    for &(entry, form) in c.ev().index.get(c.w(i)).map_or(&[][..], Vec::as_slice) {
        let e = &c.ev().entries[entry];
        if nouns_only && !e.noun {
            continue;
        }
        let Some(end) = match_parts(c, &e.rest, i + 1, last) else { continue };
        // Ties: a verb before a noun (the position decides later), a finite form before the base.
        let rank = |f: Form| match f {
            Form::Noun => 0,
            Form::Base => 1,
            _ => 2,
        };
        if best.is_none_or(|(_, f, b)| end > b || end == b && rank(form) > rank(f)) {
            best = Some((entry, form, end));
        }
    }
    best
}

/// A support verb ending just before `i` (up to four words back, no punctuation between).
pub(super) fn support_verb(c: &Ctx, first: usize, i: usize) -> Option<usize> {
    for back in 1..=MAX_GAP + 1 {
        let Some(j) = i.checked_sub(back) else { break };
        if j < first || c.is_punct(j) {
            break;
        }
        if let Some(rests) = c.ev().light.get(c.w(j)) {
            if rests.iter().any(|r| r.iter().enumerate().all(|(n, w)| j + 1 + n < i && c.w(j + 1 + n) == w)) {
                return Some(j);
            }
        }
    }
    None
}

pub(super) fn is_noun_position(c: &Ctx, first: usize, i: usize, form: Form) -> bool {
    if i == first {
        return matches!(form, Form::Base | Form::Noun);
    }
    let prev = c.w(i - 1);
    match form {
        Form::Noun => true,
        Form::Base => !matches!(
            prev,
            "to" | "will"
                | "would"
                | "can"
                | "could"
                | "may"
                | "might"
                | "should"
                | "must"
                | "shall"
                | "not"
                | "n't"
                | "did"
                | "do"
                | "does"
                | "never"
                | "they"
                | "we"
                | "i"
                | "you"
                | "and"
                | "or"
                | "'ll"
        ),
        Form::Third => {
            en().determiners.contains(prev)
                || en().prepositions.contains(prev)
                || c.tokens[i - 1].kind == TokenKind::Number
                || i + 1 < c.tokens.len() && matches!(c.w(i + 1), "were" | "are" | "have" | "had" | "continued")
        }
        Form::Past | Form::Ing => en().determiners.contains(prev),
    }
}

pub(super) fn sentence_candidates(c: &Ctx, s: &Sentence, near: &Near) -> Vec<Candidate> {
    let (first, last) = (s.tokens.0 as usize, s.tokens.1 as usize);
    // Skip opening quotes and punctuation.
    let mut start = first;
    while start < last && c.is_punct(start) {
        start += 1;
    }
    // A fronted prepositional adjunct ("In a letter handed over to …, Iraq said") is background.
    let mut background_end = start;
    if start < last && en().fronted.contains(c.w(start)) {
        if let Some(comma) = (start..last).find(|&k| c.raw(k) == ",") {
            background_end = comma + 1;
        }
    }
    let mut out = Vec::new();
    let mut i = background_end;
    while i < last {
        let raw = c.raw(i);
        if raw.starts_with(char::is_uppercase) && i != start && !c.raw(i).chars().all(|ch| !ch.is_lowercase()) {
            i += 1;
            continue;
        }
        let Some((mut entry, form, mut end)) = best_at(c, i, last, false) else {
            i += 1;
            continue;
        };
        if is_noun_position(c, start, i, form) {
            if !c.ev().entries[entry].noun {
                // A verb written as a noun: a noun entry for the word wins ("a strike", "a bombing").
                if let Some((e2, _, end2)) = best_at(c, i, last, true) {
                    (entry, end) = (e2, end2);
                } else if form == Form::Past || form == Form::Ing {
                    i += 1;
                    continue;
                }
            }
            let support = support_verb(c, start, i);
            let next = if end < last { c.w(end) } else { "" };
            let with_actor = matches!(next, "with" | "between" | "against" | "on");
            if support.is_none() && !with_actor {
                i = end;
                continue;
            }
            let between = (next == "between").then(|| between_sides(c, end + 1, last)).flatten();
            let kind = c.ev().entries[entry].kind;
            out.push(Candidate {
                start: i,
                end,
                entry: Some(entry),
                kind,
                form: Form::Noun,
                head: support.unwrap_or(i),
                between,
                governs: None,
                reported_speaker: None,
            });
            i = end;
            continue;
        }
        if form == Form::Ing && i > first && en().prepositions.contains(c.w(i - 1)) && c.w(i - 1) != "to" {
            i = end;
            continue;
        }
        let kind = c.ev().entries[entry].kind;
        out.push(Candidate {
            start: i,
            end,
            entry: Some(entry),
            kind,
            form,
            head: i,
            between: None,
            governs: None,
            reported_speaker: None,
        });
        i = end;
    }
    // Urging statements are demands on the subject of their content.
    for (_, a) in near.attributions.iter().filter(|(_, a)| a.stance == Stance::Urge && s.span.contains(a.cue)) {
        let Some(cs) = (first..last).find(|&k| c.tokens[k].span.start >= a.cue.start) else { continue };
        let ce = (cs..last).find(|&k| c.tokens[k].span.start >= a.cue.end).unwrap_or(last);
        if out.iter().any(|x| x.start < ce && cs < x.end) || cs < background_end {
            continue;
        }
        out.push(Candidate {
            start: cs,
            end: ce.max(cs + 1),
            entry: None,
            kind: EventType::Demand,
            form: Form::Past,
            head: cs,
            between: None,
            governs: Some(a.content),
            reported_speaker: a.speaker.as_ref().map(|sp| sp.span),
        });
    }
    out.sort_by_key(|x| x.start);
    select(c, out)
}

/// The first trigger of a clause governs the later ones; urging statements govern their content.
pub(super) fn select(c: &Ctx, cands: Vec<Candidate>) -> Vec<Candidate> {
    let governing: Vec<Span> = cands.iter().filter_map(|x| x.governs).collect();
    let mut kept: Vec<Candidate> = Vec::new();
    for x in cands {
        let tspan = c.span(x.start, x.end);
        if x.governs.is_none() && governing.iter().any(|g| g.contains(tspan)) {
            continue;
        }
        if let Some(prev) = kept.last() {
            let boundary = (prev.end..x.start).any(|k| {
                matches!(c.w(k), ";" | "but" | "while" | "whereas" | "although")
                    || c.w(k) == "and"
                        && matches!(x.form, Form::Past | Form::Third)
                        && (k + 1..x.start).all(|j| en().aux_and_adverbs.contains(c.w(j)))
            });
            if !boundary {
                continue;
            }
        }
        kept.push(x);
    }
    kept
}

#[cfg(test)]
mod tests {
    use dossier_core::EventType;

    use crate::events::tests::read;

    #[test]
    fn a_noun_after_a_support_verb_is_a_trigger() {
        let got = read("The two leaders held talks in Geneva.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].0, got[0].1.as_str()), (EventType::Consult, "held talks"));
    }

    #[test]
    fn the_first_trigger_of_a_clause_governs_the_rest() {
        let got = read("Iraq threatened to shell the border towns.");
        assert_eq!(got.iter().map(|e| e.0).collect::<Vec<_>>(), [EventType::Threaten], "{got:?}");
    }

    #[test]
    fn a_gerund_after_a_preposition_is_background() {
        let got = read("The rebels were accused of attacking the convoy.");
        assert!(got.iter().all(|e| e.1 != "attacking"), "{got:?}");
    }
}
