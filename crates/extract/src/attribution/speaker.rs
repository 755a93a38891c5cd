//! The speaker phrase: where it starts and ends around a cue, whether it can speak at all, and
//! what kind of source it is (named, pronoun, anonymous, institutional).

use dossier_core::{Attribution, EntityKind, Mention, SourceType, Speaker};

use super::Ctx;
use crate::lexicon::{CueKind, VerbForm};
use crate::words::en;

/// Is token `i` the first word of a sentence (where capitals say nothing about names)?
pub(super) fn sentence_initial(c: &Ctx, i: usize) -> bool {
    i == 0
        || c.is_quote(i - 1)
        || c.text[c.tokens[i - 1].span.end()..c.tokens[i].span.start()].contains('\n')
        || matches!(c.raw(i - 1), "." | "?" | "!")
}

/// Skips auxiliaries and adverbs leftwards from `i` (exclusive); returns the index after the subject head.
pub(super) fn skip_aux_left(c: &Ctx, first: usize, mut i: usize) -> usize {
    while i > first && en().aux_and_adverbs.contains(c.w(i - 1)) {
        i -= 1;
    }
    i
}

/// The speaker phrase ending just before token `end`: walks left to a boundary. `None` when empty.
pub(super) fn speaker_left(c: &Ctx, first: usize, end: usize) -> Option<(usize, usize)> {
    if end <= first {
        return None;
    }
    let head = end - 1;
    if c.is_punct(head) && c.raw(head) != ")" || c.is_quote(head) || en().speaker_boundaries.contains(c.w(head)) {
        return None;
    }
    let mut k = head;
    if c.raw(head) == ")" {
        // "Rep. Gwen Moore (D-Wis.)": step over the brackets to the name.
        k = (first..head).rev().find(|&j| c.raw(j) == "(")?;
    }
    while k > first {
        let p = k - 1;
        let w = c.w(p);
        if (c.is_punct(p) && !matches!(c.raw(p), "(" | ")" | "-" | "&"))
            || c.is_quote(p)
            || en().speaker_boundaries.contains(w)
        {
            break;
        }
        // Another reporting verb ends the phrase: "Ryder echoed [Austin]'s assessment".
        if c.lex.cue_candidates(w).iter().any(|&(e, f)| c.lex.cues[e].kind == CueKind::Verb && f == VerbForm::Past) {
            break;
        }
        if head - p >= 14 {
            break;
        }
        k = p;
    }
    // "both Moscow and Pyongyang": a coordination of names is one speaker.
    if k > first + 1
        && c.w(k - 1) == "and"
        && c.raw(k).starts_with(char::is_uppercase)
        && c.raw(k - 2).starts_with(char::is_uppercase)
    {
        let mut j = k - 1;
        while j > first && !c.is_punct(j - 1) && !en().speaker_boundaries.contains(c.w(j - 1)) && head - j < 14 {
            j -= 1;
        }
        k = j;
    }
    Some((k, end))
}

/// The speaker phrase starting at `start` (after "according to" or an inverted "said"): up to a comma.
pub(super) fn speaker_right(c: &Ctx, start: usize, last: usize) -> Option<(usize, usize)> {
    let mut k = start;
    while k < last && k - start < 16 {
        if (c.is_punct(k) && !matches!(c.raw(k), "(" | ")" | "-" | "&")) || c.is_quote(k) {
            break;
        }
        if k > start
            && matches!(c.w(k), "that" | "who" | "which" | "on" | "in" | "at" | "during" | "after" | "when" | "because")
        {
            break;
        }
        k += 1;
    }
    (k > start).then_some((start, k))
}

/// Is the phrase a plausible source of a statement?
pub(super) fn plausible_speaker(c: &Ctx, (a, b): (usize, usize)) -> bool {
    let head = c.w(b - 1);
    if en().non_agents.contains(head) || (b - a == 1 && en().aux_and_adverbs.contains(head)) {
        return false;
    }
    // "isn't", "essentially", "Trump's": a negated auxiliary, an adverb or a possessor is no head noun.
    if head.ends_with("n't")
        || head.ends_with("n’t")
        || head.ends_with("ly") && head.len() > 4
        || matches!(head, "'s" | "’s")
    {
        return false;
    }
    // A lone determiner or adjective-like word is not a speaker.
    !(b - a == 1
        && matches!(head, "the" | "a" | "an" | "some" | "many" | "most" | "other" | "others" | "its" | "their")
        && head != "others")
}

pub(super) fn classify_speaker(c: &Ctx, (a, b): (usize, usize)) -> Speaker {
    let span = c.span(a, b);
    let head_idx = (a..b)
        .rev()
        .find(|&k| !c.is_punct(k) && !c.w(k).starts_with('\'') && !c.w(k).starts_with('’'))
        .unwrap_or(b - 1);
    let head = c.raw(head_idx);
    // The entity: the mention covering the head, else the last named mention in the phrase.
    let in_phrase: Vec<&Mention> = c.mentions.within(span).collect();
    let head_mention = in_phrase.iter().find(|m| m.span.contains(c.tokens[head_idx].span)).copied();
    let entity = head_mention
        .or_else(|| in_phrase.iter().rev().find(|m| m.kind != EntityKind::Group).copied())
        .and_then(|m| m.entity);
    let lower_head = head.to_lowercase();
    let source_type = if en().pronoun_speakers.contains(lower_head.as_str()) {
        if entity.is_some() {
            SourceType::Named
        } else {
            SourceType::Pronoun
        }
    } else if head_mention.is_some() || head.starts_with(char::is_uppercase) && !sentence_initial(c, head_idx) {
        SourceType::Named
    } else if b - a > 1
        && (a..head_idx)
            .any(|k| !matches!(c.w(k), "the" | "a" | "an" | "some" | "many" | "several" | "both" | "other" | "most"))
    {
        SourceType::AnonymousInstitutional
    } else {
        SourceType::Anonymous
    };
    let entity = if source_type == SourceType::AnonymousInstitutional { None } else { entity };
    Speaker { span, entity, source_type }
}

/// "Both Moscow and Pyongyang have dismissed …" is two reports, one per government: a speaker
/// phrase that is a coordination (", " and "and"; a leading "both" or "either" dropped) of
/// conjuncts that are each a name, with at most a title or "the" before it, gives one speaker per
/// conjunct. Not split: a conjunct that is no name ("The United States and its allies"), an
/// apposition ("Smith, a spokesman for Acme"), a list without "and", and an "and" inside a name
/// ("Bosnia and Herzegovina", one mention). Empty when the phrase is not such a coordination.
/// Known limit: a firm written with "and" that no lexicon knows ("Ernst and Young") reads as two
/// persons, as "Merkel and Macron" rightly does.
pub(super) fn coordinated_speakers(c: &Ctx, speaker: &Speaker) -> Vec<Speaker> {
    let range = c.within(speaker.span);
    let (a, b) = (range.start, range.end);
    if b - a < 3 {
        return Vec::new();
    }
    let inside_a_name = |k: usize| c.mentions.overlapping(c.tokens[k].span).next().is_some();
    if !(a..b).any(|k| c.w(k) == "and" && !inside_a_name(k)) {
        return Vec::new();
    }
    let mut conjuncts = Vec::new();
    let mut start = a;
    for k in a..=b {
        let splits = k < b && matches!(c.w(k), "and" | ",") && !inside_a_name(k);
        if k == b || splits {
            let mut s = start;
            while s < k && matches!(c.w(s), "both" | "either" | "and" | ",") {
                s += 1;
            }
            if s < k {
                conjuncts.push((s, k));
            }
            start = k + 1;
        }
    }
    if conjuncts.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(conjuncts.len());
    for (s, e) in conjuncts {
        let span = c.span(s, e);
        // The conjunct's name: the one covering its last word, else its last name.
        let names: Vec<&Mention> = c.mentions.within(span).filter(|m| m.kind != EntityKind::Group).collect();
        let head = c.tokens[e - 1].span;
        let Some(name) = names.iter().find(|m| m.span.contains(head)) else {
            return Vec::new();
        };
        // Before the name, only a title or an article: "President Biden", "the Kremlin".
        let lead = s..c.within(name.span).start;
        if lead.len() > 3 || lead.clone().any(|k| !(c.raw(k).starts_with(char::is_uppercase) || c.w(k) == "the")) {
            return Vec::new();
        }
        out.push(Speaker { span, entity: name.entity, source_type: SourceType::Named });
    }
    out
}

/// Each attribution whose speaker is a coordination of names becomes one per name (same cue and
/// content), in the order of the names.
pub(super) fn split_coordinated_speakers(c: &Ctx, found: Vec<Attribution>) -> Vec<Attribution> {
    let mut out = Vec::with_capacity(found.len());
    for a in found {
        let parts = a.speaker.as_ref().map(|s| coordinated_speakers(c, s)).unwrap_or_default();
        if parts.is_empty() {
            out.push(a);
        } else {
            out.extend(parts.into_iter().map(|sp| Attribution { speaker: Some(sp), ..a.clone() }));
        }
    }
    out
}

/// The subject at the start of the clause that a participle cue hangs from.
pub(super) fn sentence_subject(c: &Ctx, first: usize, cue: usize) -> Option<(usize, usize)> {
    // Skip a fronted clause ending with a comma: "As the Kremlin prepared …, Zelensky warned".
    let mut start = first;
    while start < cue && (c.is_quote(start) || c.is_punct(start)) {
        start += 1;
    }
    let mut k = start;
    while k < cue {
        let w = c.w(k);
        if en().aux_and_adverbs.contains(w)
            || c.is_punct(k)
            || c.lex.cue_candidates(w).iter().any(|&(_, f)| f != VerbForm::Base)
        {
            break;
        }
        k += 1;
    }
    (k > start && k - start <= 10).then_some((start, k))
}

#[cfg(test)]
mod tests {
    use dossier_core::SourceType;

    use crate::attribution::tests::{attributions_of, read};

    #[test]
    fn what_cannot_speak_is_no_speaker() {
        assert!(read("It said the plan had failed.").is_empty());
        assert!(read("This said little about the plan.").is_empty());
    }

    #[test]
    fn speakers_are_named_pronouns_or_anonymous() {
        let kind = |text: &str| attributions_of(text)[0].speaker.as_ref().unwrap().source_type;
        assert_eq!(kind("He said the plan had failed."), SourceType::Pronoun);
        assert_eq!(kind("The plan had failed, Ms. Warren said."), SourceType::Named);
        assert_eq!(kind("Officials said the plan had failed."), SourceType::Anonymous);
    }

    #[test]
    fn a_coordination_of_names_is_one_phrase_before_the_entity_layer_splits_it() {
        assert_eq!(read("Both Moscow and Pyongyang said the drills were a threat.")[0].0, "Both Moscow and Pyongyang");
    }
}
