//! Events: who did what to whom, typed with PLOVER, read per sentence from a trigger lexicon.
//!
//! The patterns are data (`resources/lexicons/events/<TYPE>.tsv`, one file per PLOVER type), each
//! row a verb or noun pattern with an optional mode and an example sentence that the tests run.
//! Per sentence:
//! - triggers are matched (the longest pattern at each word): verbs in any form, nouns only when
//!   a support verb governs them ("held talks", `light_verbs.tsv`) or an actor follows ("meetings
//!   with X", "a discussion between X and Y"); gerunds after a preposition and words inside a
//!   fronted prepositional adjunct are background, not events;
//! - the first trigger of a clause governs the rest of it ("threatened to shell" is one THREATEN,
//!   not a THREATEN and a FIGHT); a clause ends at ";", "but", "while", or "and" before a new
//!   finite verb;
//! - a statement urging an action ("X said Y must …", stance `urge` from the attribution layer) is a
//!   DEMAND by its speaker on the subject of its content, and governs the events inside it;
//! - intent turns an action into a promise or a threat, as CAMEO codes them: "will allow", "ready
//!   to contribute" → AGREE; "will extend the curfew", "plans to impose restrictions" → THREATEN;
//!   "will not allow" → REJECT. A generic attack by a military actor is FIGHT, by others ASSAULT;
//! - the source is the subject before the trigger (through auxiliaries, adverbs, "on Friday",
//!   catenatives like "attempted to", appositions), or the agent of a passive ("was attacked by
//!   Y"), or the subject of the sentence for a participle (", discussing …"); the target is the
//!   object (or the subject of a "that" clause), else the first actor after to/with/against/on/…;
//! - place, time, quantity, negation and hedging are read around the trigger; `reported_by` is the
//!   attribution whose content holds the trigger.
//!
//! Along its seams: `triggers` finds and selects the triggers of a sentence, `args` reads
//! the noun phrases around them, `build` makes each selected trigger an event.

mod args;
mod build;
mod triggers;

use dossier_core::{
    Attribution, Event, EventArg, Mention, MentionIndex, Quantity, Sentence, Span, TimeExpr, Token, TokenKind,
};

use self::build::*;
use self::triggers::*;
use crate::lexicon::events::EventLexicon;
use crate::lexicon::Lexicons;
use crate::segment::TokenView;
use crate::words::en;

/// Words before a trigger that hedge it: the attribution layer's hedges ("could", "expected",
/// "reportedly" …) and "potential".
fn is_hedge(w: &str) -> bool {
    en().hedges.contains(w) || en().hedges_before_to.contains(w) || w == "potential"
}

struct Ctx<'a> {
    words: TokenView<'a>,
    mentions: MentionIndex<'a>,
    lex: &'a Lexicons,
}

impl<'a> std::ops::Deref for Ctx<'a> {
    type Target = TokenView<'a>;
    fn deref(&self) -> &TokenView<'a> {
        &self.words
    }
}

impl Ctx<'_> {
    fn is_punct(&self, i: usize) -> bool {
        matches!(self.tokens[i].kind, TokenKind::Punct | TokenKind::Quote)
    }
    fn ev(&self) -> &EventLexicon {
        &self.lex.events
    }
    /// A word that is likely a finite verb here: ends a noun phrase ("the occupied West Bank" and
    /// "the talks" are not).
    fn verbish(&self, i: usize) -> bool {
        let w = self.w(i);
        if self.raw(i).starts_with(char::is_uppercase) {
            return false;
        }
        let after_det = i > 0
            && (en().determiners.contains(self.w(i - 1))
                || en().prepositions.contains(self.w(i - 1))
                || self.tokens[i - 1].kind == TokenKind::Number);
        let finite = self.ev().verb_forms.contains_key(w)
            || self.lex.cue_candidates(w).iter().any(|&(e, f)| {
                self.lex.cues[e].kind == crate::lexicon::CueKind::Verb
                    && matches!(
                        f,
                        crate::lexicon::VerbForm::Past
                            | crate::lexicon::VerbForm::ThirdPerson
                            | crate::lexicon::VerbForm::Ing
                    )
            });
        finite && !after_det
    }
}

/// The statements, numbers and times that touch one sentence, each with its index in the
/// document's list: an event reads only its own sentence's, so a long document costs its length,
/// not its square.
struct Near<'a> {
    attributions: Vec<(u32, &'a Attribution)>,
    quantities: Vec<(u32, &'a Quantity)>,
    times: Vec<(u32, &'a TimeExpr)>,
}

/// For each sentence, the items (with their indices) whose span overlaps it; an item over
/// several sentences is listed in each.
fn by_sentence<'a, T>(sentences: &[Sentence], items: &'a [T], span: impl Fn(&T) -> Span) -> Vec<Vec<(u32, &'a T)>> {
    let mut out: Vec<Vec<(u32, &T)>> = vec![Vec::new(); sentences.len()];
    for (i, item) in items.iter().enumerate() {
        let sp = span(item);
        let mut k = sentences.partition_point(|s| s.span.end <= sp.start);
        while k < sentences.len() && (sentences[k].span.start < sp.end || sentences[k].span.contains(sp)) {
            out[k].push((i as u32, item));
            k += 1;
        }
    }
    out
}

/// Finds the events of every in-scope sentence.
#[allow(clippy::too_many_arguments)]
pub fn events(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    in_scope: &dyn Fn(&Sentence) -> bool,
    mentions: &[Mention],
    attributions: &[Attribution],
    quantities: &[Quantity],
    times: &[TimeExpr],
    lex: &Lexicons,
) -> Vec<Event> {
    let c = Ctx { words: TokenView::new(text, tokens), mentions: MentionIndex::new(mentions), lex };
    let mut out = Vec::new();
    let mut near_attributions = by_sentence(sentences, attributions, |a| a.content.cover(a.cue));
    let mut near_quantities = by_sentence(sentences, quantities, |q| q.span);
    let mut near_times = by_sentence(sentences, times, |t| t.span);
    for (k, s) in sentences.iter().enumerate().filter(|(_, s)| in_scope(s)) {
        let (first, last) = (s.tokens.0 as usize, s.tokens.1 as usize);
        if first >= last {
            continue;
        }
        let near = Near {
            attributions: std::mem::take(&mut near_attributions[k]),
            quantities: std::mem::take(&mut near_quantities[k]),
            times: std::mem::take(&mut near_times[k]),
        };
        let mut prev_source: Option<EventArg> = None;
        for x in sentence_candidates(&c, s, &near) {
            let e = build(&c, s, &x, prev_source.as_ref(), &near);
            prev_source = e.source.clone();
            out.push(e);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;
    use crate::segment;
    use dossier_core::{EventType, Span};

    pub(crate) fn lex() -> &'static Lexicons {
        static LEX: OnceLock<Lexicons> = OnceLock::new();
        LEX.get_or_init(|| Lexicons::builtin().unwrap())
    }

    /// The events read from `text` alone (no entities, statements, numbers or times).
    pub(crate) fn events_of(text: &str) -> Vec<Event> {
        let tokens = segment::tokenize(text);
        let sentences = segment::sentences(text, &tokens, &[]);
        events(text, &tokens, &sentences, &|_| true, &[], &[], &[], &[], lex())
    }

    /// (type, trigger, source, target, place) of every event in `text`, as written.
    pub(crate) fn read(text: &str) -> Vec<(EventType, String, String, String, String)> {
        let s = |sp: Span| sp.slice(text).unwrap_or("").to_string();
        let a = |x: &Option<EventArg>| x.as_ref().map(|x| s(x.span)).unwrap_or_default();
        events_of(text).iter().map(|e| (e.kind, s(e.trigger), a(&e.source), a(&e.target), a(&e.place))).collect()
    }

    #[test]
    fn hedges_are_the_attribution_hedges_and_potential() {
        assert!(is_hedge("could") && is_hedge("expected") && is_hedge("potential"));
        assert!(!is_hedge("will"));
    }
}
