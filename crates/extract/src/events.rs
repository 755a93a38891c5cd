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

use dossier_core::{
    Attribution, EntityKind, Event, EventArg, EventType, Mention, Quantity, Sector, Sentence, Span, Stance, TimeExpr,
    TimeType, Token, TokenKind,
};

use crate::lexicon::events::{EventLexicon, Form, Part};
use crate::lexicon::Lexicons;
use crate::segment::TokenView;
use crate::words::en;

/// Longest gap `*` in a pattern, in words.
const MAX_GAP: usize = 5;

/// Words before a trigger that hedge it: the attribution layer's hedges ("could", "expected",
/// "reportedly" …) and "potential".
fn is_hedge(w: &str) -> bool {
    en().hedges.contains(w) || en().hedges_before_to.contains(w) || w == "potential"
}

struct Ctx<'a> {
    words: TokenView<'a>,
    mentions: &'a [Mention],
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

#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    entry: Option<usize>,
    kind: EventType,
    form: Form,
    /// The verb that carries subject, negation and modality (the support verb of a noun).
    head: usize,
    /// For nouns followed by "between X and Y": the two sides.
    between: Option<(usize, usize, usize, usize)>,
    /// An urging statement: its content span, governed.
    governs: Option<Span>,
    reported_speaker: Option<Span>,
}

/// Matches `parts` from token `k`; returns the end token.
fn match_parts(c: &Ctx, parts: &[Part], mut k: usize, last: usize) -> Option<usize> {
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

fn match_words(c: &Ctx, alts: &[Vec<String>], k: usize, last: usize) -> Option<usize> {
    alts.iter()
        .filter(|a| k + a.len() <= last && a.iter().enumerate().all(|(j, w)| c.w(k + j) == w))
        .map(|a| k + a.len())
        .max()
}

/// The best trigger starting at token `i`: (entry, form, end), longest first, verbs before nouns.
fn best_at(c: &Ctx, i: usize, last: usize, nouns_only: bool) -> Option<(usize, Form, usize)> {
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
fn support_verb(c: &Ctx, first: usize, i: usize) -> Option<usize> {
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

fn is_noun_position(c: &Ctx, first: usize, i: usize, form: Form) -> bool {
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

fn sentence_candidates(c: &Ctx, s: &Sentence, attributions: &[Attribution]) -> Vec<Candidate> {
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
    for a in attributions.iter().filter(|a| a.stance == Stance::Urge && s.span.contains(a.cue)) {
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
fn select(c: &Ctx, cands: Vec<Candidate>) -> Vec<Candidate> {
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

/// "between X and Y": the token ranges of X and Y.
fn between_sides(c: &Ctx, from: usize, last: usize) -> Option<(usize, usize, usize, usize)> {
    let np = np_right(c, from, last, true)?;
    let and = (np.0..np.1).find(|&k| c.w(k) == "and")?;
    (and > np.0 && and + 1 < np.1).then_some((np.0, and, and + 1, np.1))
}

/// A noun phrase starting at `k`: up to punctuation, a preposition, a verb or a clause word.
fn np_right(c: &Ctx, mut k: usize, last: usize, keep_and: bool) -> Option<(usize, usize)> {
    while k < last && (en().days.contains(c.w(k)) || matches!(c.w(k), "again" | "also" | "hard" | "jointly")) {
        k += 1;
    }
    let start = k;
    while k < last && k - start < 12 {
        let w = c.w(k);
        let keep_punct = matches!(c.raw(k), "(" | ")" | "-" | "&" | "'s" | "’s" | "'" | "’");
        if (c.is_punct(k) && !keep_punct)
            || (en().prepositions.contains(w) && w != "of")
            || en().np_boundaries.contains(w)
            || (en().aux_and_adverbs.contains(w) && !matches!(w, "all" | "both" | "each"))
            || (k > start && c.verbish(k))
            || (!keep_and && w == "and")
            || en().days.contains(w)
            || (k > start && w.len() > 5 && w.ends_with("ing") && !en().determiners.contains(c.w(k - 1)))
        {
            break;
        }
        k += 1;
    }
    while k > start && (c.w(k - 1) == "and" || c.raw(k - 1) == "(" || c.raw(k - 1) == "-") {
        k -= 1;
    }
    (k > start).then_some((start, k))
}

/// The noun phrase ending just before `end`, walking left.
fn np_left(c: &Ctx, first: usize, end: usize) -> Option<(usize, usize)> {
    let mut k = end;
    while k > first && end - k < 12 {
        let p = k - 1;
        let w = c.w(p);
        let keep_punct = matches!(c.raw(p), "(" | ")" | "-" | "&" | "'s" | "’s");
        if (c.is_punct(p) && !keep_punct)
            || en().np_boundaries.contains(w)
            || (en().prepositions.contains(w) && w != "of")
            || (en().aux_and_adverbs.contains(w) && !matches!(w, "all" | "both" | "each"))
            || c.verbish(p)
        {
            break;
        }
        k = p;
    }
    while k < end && (c.w(k) == "and" || c.raw(k) == ")" || en().prepositions.contains(c.w(k))) {
        k += 1;
    }
    // "Doctors from two aid groups", "police in Jericho": the phrase goes on left of a preposition.
    if k < end && k > first + 1 && matches!(c.w(k - 1), "in" | "from" | "at" | "of" | "including") {
        if let Some((a, _)) = np_left(c, first, k - 1) {
            if end - a <= 16 {
                k = a;
            }
        }
    }
    if (k..end).all(|j| en().determiners.contains(c.w(j))) {
        return None;
    }
    (k < end).then_some((k, end))
}

/// Skips auxiliaries, adverbs, time adjuncts and catenatives leftwards from `head`; returns the
/// position after the subject and the words skipped.
fn skip_left(c: &Ctx, first: usize, head: usize) -> (usize, Vec<usize>) {
    let mut k = head;
    let mut skipped = Vec::new();
    while k > first {
        let w = c.w(k - 1);
        let time_on = w == "on" && k < head && en().days.contains(c.w(k));
        if en().aux_and_adverbs.contains(w)
            || en().days.contains(w)
            || time_on
            || w == "to"
            || w == "'ll"
            || en().intent.contains(w)
            || is_hedge(w)
            || en().catenatives.contains(w)
            || matches!(w, "no" | "longer" | "hard" | "jointly" | "soon" | "formally" | "officially")
        {
            skipped.push(k - 1);
            k -= 1;
        } else {
            break;
        }
    }
    (k, skipped)
}

/// The subject of the sentence: the words before its first verb or auxiliary.
fn sentence_subject(c: &Ctx, first: usize, last: usize) -> Option<(usize, usize)> {
    let mut start = first;
    while start < last && c.is_punct(start) {
        start += 1;
    }
    if start < last && en().fronted.contains(c.w(start)) {
        start = (start..last).find(|&k| c.raw(k) == ",")? + 1;
    }
    let mut k = start;
    while k < last && k - start < 12 {
        let w = c.w(k);
        if en().aux_and_adverbs.contains(w)
            || c.verbish(k)
            || c.is_punct(k) && c.raw(k) != "'s"
            || en().np_boundaries.contains(w)
        {
            break;
        }
        k += 1;
    }
    (k > start).then_some((start, k))
}

fn subject_of(c: &Ctx, first: usize, head: usize, last: usize, form: Form) -> Option<(usize, usize)> {
    let (k, _) = skip_left(c, first, head);
    if k > first && c.raw(k - 1) == "," {
        // A participle continues the sentence's subject; an apposition stands between subject and verb.
        if form == Form::Ing {
            return sentence_subject(c, first, last);
        }
        if k < head && (k..head).any(|j| is_hedge(c.w(j)) || en().catenatives.contains(c.w(j)) || c.w(j) == "to") {
            return None;
        }
        let comma = k - 1;
        let prev_comma = (first..comma).rev().find(|&j| c.raw(j) == ",");
        if let Some(pc) = prev_comma {
            if let Some((a, _)) = np_left(c, first, pc) {
                return Some((a, comma));
            }
        }
        return None;
    }
    if form == Form::Ing && k == head {
        return sentence_subject(c, first, last);
    }
    let np = np_left(c, first, k)?;
    let head_word = c.w(np.1 - 1);
    if matches!(head_word, "this" | "that" | "it" | "there" | "which" | "what" | "these" | "those") && np.1 - np.0 == 1
    {
        return None;
    }
    Some(np)
}

fn actor_like(c: &Ctx, (a, b): (usize, usize)) -> bool {
    let span = c.span(a, b);
    c.mentions.iter().any(|m| span.overlaps(m.span))
        || (a..b).any(|k| k > a && c.raw(k).starts_with(char::is_uppercase))
        || (a..b).any(|k| {
            c.raw(k).starts_with(char::is_uppercase) && c.raw(k).len() > 1 && !en().determiners.contains(c.w(k))
        })
}

fn target_of(c: &Ctx, end: usize, last: usize) -> Option<(usize, usize)> {
    let mut k = end;
    while k < last && en().days.contains(c.w(k)) {
        k += 1;
    }
    if k < last && c.w(k) == "that" {
        k += 1;
    } else if k + 1 < last && c.w(k) == "to" && !actor_like(c, (k + 1, (k + 2).min(last))) {
        k += 2;
    }
    let direct = np_right(c, k, last, true).filter(|np| c.w(np.0) != "to" && np.0 == k);
    if let Some(np) = direct.filter(|&np| actor_like(c, np)) {
        return Some(np);
    }
    let mut commas = 0;
    let mut fallback = None;
    for j in end..last.min(end + 24) {
        let w = c.w(j);
        if w == ";" {
            break;
        }
        if w == "," {
            commas += 1;
            if commas > 1 || j + 1 < last && !en().prepositions.contains(c.w(j + 1)) {
                break;
            }
        }
        if matches!(
            w,
            "to" | "with" | "against" | "on" | "from" | "into" | "toward" | "towards" | "for" | "over" | "by"
        ) {
            if let Some(np) = np_right(c, j + 1, last, true) {
                if actor_like(c, np) {
                    return Some(np);
                }
            }
        }
        if fallback.is_none() && matches!(w, "in" | "at") {
            fallback = np_right(c, j + 1, last, true).filter(|&np| actor_like(c, np));
        }
    }
    direct.or(fallback)
}

fn agent_of_passive(c: &Ctx, end: usize, last: usize) -> Option<(usize, usize)> {
    (end..last.min(end + 16))
        .take_while(|&j| c.w(j) != ";")
        .find(|&j| c.w(j) == "by")
        .and_then(|j| np_right(c, j + 1, last, true))
}

/// The entity, country and sector of an argument's words.
fn arg(c: &Ctx, span: Span) -> EventArg {
    let in_span: Vec<&Mention> = c.mentions.iter().filter(|m| span.overlaps(m.span)).collect();
    let rank = |m: &Mention| match m.kind {
        EntityKind::Person | EntityKind::Organization => 2,
        EntityKind::Place => 1,
        EntityKind::Group => 0,
    };
    let best = in_span.iter().copied().fold(None::<&Mention>, |b, m| match b {
        Some(b) if rank(b) > rank(m) => Some(b),
        _ => Some(m),
    });
    let ev = c.ev();
    let country_of = |s: &str| -> Option<String> {
        if ev.countries.contains(s) {
            return Some(s.to_string());
        }
        ev.country_of.get(s).cloned().or_else(|| c.lex.demonyms.get(s).cloned())
    };
    let mut country = None;
    for m in &in_span {
        let surface = m.span.slice(c.text).unwrap_or("");
        if let Some(x) = country_of(surface) {
            country = Some(x);
            break;
        }
    }
    let words: Vec<String> = c
        .tokens
        .iter()
        .filter(|t| span.contains(t.span))
        .map(|t| t.span.slice(c.text).unwrap_or("").to_lowercase())
        .collect();
    let mut sector = None;
    for (i, _) in words.iter().enumerate().rev() {
        if let Some((_, s)) =
            ev.sectors.iter().find(|(ws, _)| i + ws.len() <= words.len() && words[i..i + ws.len()] == ws[..])
        {
            sector = Some(*s);
            break;
        }
    }
    if sector.is_none() && best.is_some_and(|m| m.kind == EntityKind::Place) && country.is_some() {
        sector = Some(Sector::Government);
    }
    EventArg { span, entity: best.and_then(|m| m.entity), country, sector }
}

fn place_of(c: &Ctx, first: usize, last: usize, trigger_end: usize, avoid: &[Span]) -> Option<EventArg> {
    let mut found: Vec<(usize, (usize, usize))> = Vec::new();
    for j in first..last {
        if !matches!(c.w(j), "in" | "at" | "near" | "toward" | "towards" | "into" | "outside") {
            continue;
        }
        let Some(np) = np_right(c, j + 1, last, false) else { continue };
        let span = c.span(np.0, np.1);
        if avoid.iter().any(|a| a.overlaps(span)) {
            continue;
        }
        let has_place = c.mentions.iter().any(|m| m.kind == EntityKind::Place && span.contains(m.span));
        let named_area = (np.0..np.1).any(|k| en().place_nouns.contains(c.w(k)))
            && (np.0..np.1).any(|k| c.raw(k).starts_with(char::is_uppercase));
        if has_place || named_area {
            found.push((j, np));
        }
    }
    let pick = found.iter().find(|(j, _)| *j >= trigger_end).or(found.first())?;
    let (a, mut b) = pick.1;
    // "the Kursk region, an area where …": the phrase ends at the comma; strip a leading article.
    let a = if c.w(a) == "the" && a + 1 < b { a + 1 } else { a };
    b = b.max(a + 1);
    Some(arg(c, c.span(a, b)))
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
    let c = Ctx { words: TokenView::new(text, tokens), mentions, lex };
    let mut out = Vec::new();
    for s in sentences.iter().filter(|s| in_scope(s)) {
        let (first, last) = (s.tokens.0 as usize, s.tokens.1 as usize);
        if first >= last {
            continue;
        }
        let mut prev_source: Option<EventArg> = None;
        for x in sentence_candidates(&c, s, attributions) {
            let e = build(&c, s, &x, prev_source.as_ref(), attributions, quantities, times);
            prev_source = e.source.clone();
            out.push(e);
        }
    }
    out
}

fn build(
    c: &Ctx,
    s: &Sentence,
    x: &Candidate,
    prev_source: Option<&EventArg>,
    attributions: &[Attribution],
    quantities: &[Quantity],
    times: &[TimeExpr],
) -> Event {
    let (first, last) = (s.tokens.0 as usize, s.tokens.1 as usize);
    let trigger = c.span(x.start, x.end);
    let entry = x.entry.map(|e| &c.ev().entries[e]);
    let (subject_end, skipped) = skip_left(c, first, x.head);
    // "Rebels kidnapped advisers and exploded bombs": the second verb shares the first one's subject.
    let coordinated =
        subject_end > first && c.w(subject_end - 1) == "and" && matches!(x.form, Form::Past | Form::Third);
    let reported_by = attributions
        .iter()
        .enumerate()
        .filter(|(_, a)| a.content.contains(trigger))
        .min_by_key(|(_, a)| a.content.len())
        .map(|(i, _)| i as u32);
    let words: Vec<&str> = skipped.iter().map(|&k| c.w(k)).collect();
    let negated = words.iter().any(|w| matches!(*w, "not" | "n't" | "never" | "no"))
        || x.head + 1 < last && c.w(x.head + 1) == "not";
    let intent = words.iter().any(|w| en().intent.contains(w));
    let mut hedged = words.iter().any(|w| is_hedge(w));
    let passive = x.form == Form::Past && skipped.iter().any(|&k| en().be.contains(c.w(k)));

    let (source, target) = if let Some(g) = x.governs {
        let content_start = (first..last).find(|&k| c.tokens[k].span.start >= g.start);
        let tgt = content_start.and_then(|k| {
            let k = if c.w(k) == "that" { k + 1 } else { k };
            np_right(c, k, last, true)
        });
        (x.reported_speaker.map(|sp| arg(c, sp)), tgt.map(|t| arg(c, c.span(t.0, t.1))))
    } else if let Some((a, b, d, e)) = x.between {
        (Some(arg(c, c.span(a, b))), Some(arg(c, c.span(d, e))))
    } else if passive {
        let subj = subject_of(c, first, x.head, last, x.form);
        (agent_of_passive(c, x.end, last).map(|n| arg(c, c.span(n.0, n.1))), subj.map(|n| arg(c, c.span(n.0, n.1))))
    } else {
        // A possessor before a noun trigger acts: "North Korea's military collaboration with Russia".
        let possessor = (x.form == Form::Noun && x.head == x.start)
            .then(|| (first..x.start).rev().take(4).find(|&k| matches!(c.w(k), "'s" | "'")))
            .flatten()
            .and_then(|k| np_left(c, first, k));
        // "the Kremlin prepared for meetings with X": the verb the noun hangs from has the subject.
        let governor = (x.form == Form::Noun && x.head == x.start && possessor.is_none())
            .then(|| {
                let mut j = x.start;
                while j > first && en().determiners.contains(c.w(j - 1)) {
                    j -= 1;
                }
                if j > first && matches!(c.w(j - 1), "for" | "in" | "to" | "of") {
                    j -= 1;
                }
                (j > first
                    && j < x.start
                    && !c.is_punct(j - 1)
                    && c.raw(j - 1).starts_with(char::is_lowercase)
                    && !en().np_boundaries.contains(c.w(j - 1))
                    && !en().prepositions.contains(c.w(j - 1)))
                .then_some(j.saturating_sub(1))
            })
            .flatten();
        let subj = possessor.or_else(|| subject_of(c, first, governor.unwrap_or(x.head), last, x.form));
        (subj.map(|n| arg(c, c.span(n.0, n.1))), target_of(c, x.end, last).map(|n| arg(c, c.span(n.0, n.1))))
    };

    let source = if coordinated && prev_source.is_some() { prev_source.cloned() } else { source };
    // "Iraq said it would allow …": a pronoun subject of reported words is their speaker.
    let speaker = reported_by.and_then(|i| attributions[i as usize].speaker.as_ref());
    let person = |sp: &dossier_core::Speaker| {
        c.mentions.iter().any(|m| sp.span.contains(m.span) && m.kind == EntityKind::Person)
    };
    let agrees = |a: &EventArg, sp: &dossier_core::Speaker| {
        let plural = sp.span.slice(c.text).is_some_and(|t| t.ends_with('s'));
        a.span.slice(c.text).is_some_and(|t| match t.to_lowercase().as_str() {
            "he" | "she" => person(sp),
            "it" => !person(sp) && !plural,
            "they" | "we" => plural,
            _ => false,
        })
    };
    let source = match (source, speaker) {
        (src, Some(sp))
            if (src.as_ref().is_some_and(|a| agrees(a, sp)) || src.is_none() && !passive) && x.governs.is_none() =>
        {
            let mut a = arg(c, sp.span);
            a.entity = a.entity.or(sp.entity);
            Some(a)
        }
        (src, _) => src,
    };
    let mut kind = x.kind;
    let mode = entry.and_then(|e| e.mode.clone());
    if intent && x.governs.is_none() {
        kind = match kind {
            k if k.is_cooperative() && negated => EventType::Reject,
            k if k.is_cooperative() => EventType::Agree,
            EventType::Coerce | EventType::Assault | EventType::Fight | EventType::Sanction => EventType::Threaten,
            k => k,
        };
    }
    if kind == EventType::Assault
        && matches!(mode.as_deref(), None | Some("firearms"))
        && source.as_ref().is_some_and(|s| s.sector == Some(Sector::Military))
    {
        kind = EventType::Fight;
    }

    let avoid: Vec<Span> = source.iter().chain(target.iter()).map(|a| a.span).collect();
    let place = place_of(c, first, last, x.end, &avoid[..source.iter().count()]);
    let time = times
        .iter()
        .enumerate()
        .filter(|(_, t)| s.span.contains(t.span))
        .min_by_key(|(_, t)| {
            (t.kind != TimeType::Date && t.kind != TimeType::Time, t.span.start.abs_diff(trigger.start))
        })
        .map(|(i, _)| i as u32);
    let near = Span::new(trigger.start(), (trigger.end() + 48).min(s.span.end()));
    let quantity = quantities
        .iter()
        .enumerate()
        .filter(|(_, q)| s.span.contains(q.span))
        .filter(|(_, q)| near.overlaps(q.span) || avoid.iter().any(|a| a.overlaps(q.span)))
        .min_by_key(|(_, q)| (q.counted.is_none(), q.span.start.abs_diff(trigger.end)))
        .map(|(i, _)| i as u32);
    if let Some(i) = reported_by {
        hedged |= attributions[i as usize].hedged();
    }
    Event { trigger, kind, mode, source, target, place, time, quantity, negated, hedged, reported_by }
}
