//! Arguments: the noun phrases around a trigger, its source (subject, agent of a passive, subject
//! of the sentence for a participle), its target (object, "that" clause subject, an actor after a
//! preposition), and its place.

use dossier_core::{EntityKind, EventArg, Mention, Sector, Span};

use super::{is_hedge, Ctx};
use crate::lexicon::events::Form;
use crate::words::en;

/// "between X and Y": the token ranges of X and Y.
pub(super) fn between_sides(c: &Ctx, from: usize, last: usize) -> Option<(usize, usize, usize, usize)> {
    let np = np_right(c, from, last, true)?;
    let and = (np.0..np.1).find(|&k| c.w(k) == "and")?;
    (and > np.0 && and + 1 < np.1).then_some((np.0, and, and + 1, np.1))
}

/// A noun phrase starting at `k`: up to punctuation, a preposition, a verb or a clause word.
pub(super) fn np_right(c: &Ctx, mut k: usize, last: usize, keep_and: bool) -> Option<(usize, usize)> {
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
pub(super) fn np_left(c: &Ctx, first: usize, end: usize) -> Option<(usize, usize)> {
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
pub(super) fn skip_left(c: &Ctx, first: usize, head: usize) -> (usize, Vec<usize>) {
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
pub(super) fn sentence_subject(c: &Ctx, first: usize, last: usize) -> Option<(usize, usize)> {
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

pub(super) fn subject_of(c: &Ctx, first: usize, head: usize, last: usize, form: Form) -> Option<(usize, usize)> {
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

pub(super) fn actor_like(c: &Ctx, (a, b): (usize, usize)) -> bool {
    let span = c.span(a, b);
    c.mentions.overlapping(span).next().is_some()
        || (a..b).any(|k| k > a && c.raw(k).starts_with(char::is_uppercase))
        || (a..b).any(|k| {
            c.raw(k).starts_with(char::is_uppercase) && c.raw(k).len() > 1 && !en().determiners.contains(c.w(k))
        })
}

pub(super) fn target_of(c: &Ctx, end: usize, last: usize) -> Option<(usize, usize)> {
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

pub(super) fn agent_of_passive(c: &Ctx, end: usize, last: usize) -> Option<(usize, usize)> {
    (end..last.min(end + 16))
        .take_while(|&j| c.w(j) != ";")
        .find(|&j| c.w(j) == "by")
        .and_then(|j| np_right(c, j + 1, last, true))
}

/// The entity, country and sector of an argument's words.
pub(super) fn arg(c: &Ctx, span: Span) -> EventArg {
    let in_span: Vec<&Mention> = c.mentions.overlapping(span).collect();
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
    let words: Vec<&str> = c.within(span).map(|k| c.w(k)).collect();
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

pub(super) fn place_of(c: &Ctx, first: usize, last: usize, trigger_end: usize, avoid: &[Span]) -> Option<EventArg> {
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
        let has_place = c.mentions.within(span).any(|m| m.kind == EntityKind::Place);
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

#[cfg(test)]
mod tests {
    use crate::events::tests::read;

    #[test]
    fn subject_and_object() {
        // (The place needs the entity layer: "near Goma" is a place only as a mention.)
        let got = read("Government troops attacked the rebel camp near Goma.");
        let (_, _, source, target, _) = &got[0];
        assert_eq!((source.as_str(), target.as_str()), ("Government troops", "the rebel camp"));
    }

    #[test]
    fn the_agent_of_a_passive_is_the_source() {
        let got = read("The convoy was attacked by rebels near Goma.");
        assert_eq!((got[0].2.as_str(), got[0].3.as_str()), ("rebels", "The convoy"));
    }

    #[test]
    fn an_actor_after_a_preposition_is_the_target() {
        let got = read("Egypt protested against Israel on Monday.");
        assert_eq!((got[0].2.as_str(), got[0].3.as_str()), ("Egypt", "Israel"), "{got:?}");
    }
}
