//! The event built from a trigger: type and mode (intent makes promises and threats), source and
//! target with country and sector, place, time, quantity, negation, hedging and the reporting
//! statement.

use dossier_core::{EntityKind, Event, EventArg, EventType, Sector, Sentence, Span, TimeType};

use super::args::*;
use super::triggers::*;
use super::{is_hedge, Ctx, Near};
use crate::lexicon::events::Form;
use crate::words::en;

pub(super) fn build(c: &Ctx, s: &Sentence, x: &Candidate, prev_source: Option<&EventArg>, near: &Near) -> Event {
    let (first, last) = (s.tokens.0 as usize, s.tokens.1 as usize);
    let trigger = c.span(x.start, x.end);
    let entry = x.entry.map(|e| &c.ev().entries[e]);
    let (subject_end, skipped) = skip_left(c, first, x.head);
    // "Rebels kidnapped advisers and exploded bombs": the second verb shares the first one's subject.
    let coordinated =
        subject_end > first && c.w(subject_end - 1) == "and" && matches!(x.form, Form::Past | Form::Third);
    let reported_by = near
        .attributions
        .iter()
        .filter(|(_, a)| a.content.contains(trigger))
        .min_by_key(|(_, a)| a.content.len())
        .map(|&(i, a)| (i, a));
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
    let speaker = reported_by.and_then(|(_, a)| a.speaker.as_ref());
    let person = |sp: &dossier_core::Speaker| c.mentions.within(sp.span).any(|m| m.kind == EntityKind::Person);
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
    let time = near
        .times
        .iter()
        .filter(|(_, t)| s.span.contains(t.span))
        .min_by_key(|(_, t)| {
            (t.kind != TimeType::Date && t.kind != TimeType::Time, t.span.start.abs_diff(trigger.start))
        })
        .map(|&(i, _)| i);
    let after = Span::new(trigger.start(), (trigger.end() + 48).min(s.span.end()));
    let quantity = near
        .quantities
        .iter()
        .filter(|(_, q)| s.span.contains(q.span))
        .filter(|(_, q)| after.overlaps(q.span) || avoid.iter().any(|a| a.overlaps(q.span)))
        .min_by_key(|(_, q)| (q.counted.is_none(), q.span.start.abs_diff(trigger.end)))
        .map(|&(i, _)| i);
    if let Some((_, a)) = reported_by {
        hedged |= a.hedged();
    }
    let reported_by = reported_by.map(|(i, _)| i);
    Event { trigger, kind, mode, source, target, place, time, quantity, negated, hedged, reported_by }
}

#[cfg(test)]
mod tests {
    use dossier_core::EventType;

    use crate::events::tests::events_of;

    #[test]
    fn intent_makes_promises_and_threats() {
        assert_eq!(events_of("Turkey will allow the refugees to return home.")[0].kind, EventType::Agree);
        assert_eq!(events_of("The governor will extend the curfew in the capital.")[0].kind, EventType::Threaten);
        assert_eq!(events_of("Turkey will not allow the refugees to return home.")[0].kind, EventType::Reject);
    }

    #[test]
    fn negation_and_hedging() {
        assert!(events_of("The army did not attack the village.")[0].negated);
        let e = &events_of("The rebels could attack the town soon.")[0];
        assert!(e.hedged && !e.negated);
    }

    #[test]
    fn a_military_attack_is_fight_another_is_assault() {
        assert_eq!(events_of("Government troops killed five rebels.")[0].kind, EventType::Fight);
        assert_eq!(events_of("A gang attacked two shopkeepers.")[0].kind, EventType::Assault);
    }
}
