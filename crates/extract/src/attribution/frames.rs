//! The frames around each kind of cue: verbs ("X said Y", "Y, X said", participles, coordination,
//! echoes, passives), reporting nouns ("X's assessment that Z"), adjectives ("X is confident that Y")
//! and "according to".

use dossier_core::Stance;

use super::content::*;
use super::speaker::*;
use super::{Ctx, CueMatch, Found};
use crate::lexicon::{CueEntry, CueKind, VerbForm};
use crate::words::en;

/// The cue starting at token `i`, if any: the longest lexicon entry whose words match.
pub(super) fn cue_at(c: &Ctx, i: usize, last: usize) -> Option<CueMatch> {
    // "States", "Post": a capitalised word inside a sentence is a name, not a cue.
    if c.raw(i).starts_with(char::is_uppercase) && c.lower[i] != "according" && !sentence_initial(c, i) {
        return None;
    }
    let mut best: Option<CueMatch> = None;
    for &(entry, form) in c.lex.cue_candidates(c.w(i)) {
        let e = &c.lex.cues[entry];
        let mut k = i + 1;
        let mut ok = true;
        for word in &e.rest {
            if k < last && (c.w(k) == word || (word == "concern" && c.w(k) == "concerns")) {
                k += 1;
            } else {
                ok = false;
                break;
            }
        }
        if ok && best.is_none_or(|b| k - i > b.end - b.start || (k - i == b.end - b.start && e.kind == CueKind::Verb)) {
            best = Some(CueMatch { start: i, end: k, entry, form });
        }
    }
    best
}

pub(super) fn according_to(c: &Ctx, cue: &CueMatch, first: usize, last: usize) -> Found {
    let speaker = speaker_right(c, cue.end, last)?;
    let at_start =
        (first..cue.start).all(|k| c.is_punct(k) || c.is_quote(k) || matches!(c.w(k), "but" | "and" | "yet"));
    let content = if at_start {
        let mut a = speaker.1;
        while a < last && c.is_punct(a) {
            a += 1;
        }
        (a, content_end(c, a, last))
    } else {
        let mut b = cue.start;
        while b > first && c.is_punct(b - 1) {
            b -= 1;
        }
        (first, b)
    };
    build(c, Some(speaker), cue, content, false).map(|a| (a, Some(speaker)))
}

pub(super) fn reporting_noun(c: &Ctx, cue: &CueMatch, first: usize, last: usize) -> Found {
    // "X's assessment that Z" — a possessor and a "that" clause, and not the object of an echo verb.
    if cue.start < first + 2 || cue.end >= last || c.w(cue.end) != "that" || !matches!(c.w(cue.start - 1), "'s" | "’s")
    {
        return None;
    }
    let speaker = speaker_left(c, first, cue.start - 1)?;
    let echoed = (first..speaker.0).rev().take(3).any(|k| {
        c.lex.cue_candidates(c.w(k)).iter().any(|&(e, _)| en().echo_verbs.contains(c.lex.cues[e].lemma.as_str()))
    });
    if echoed || !plausible_speaker(c, speaker) {
        return None;
    }
    let a = cue.end + 1;
    build(c, Some(speaker), cue, (a, content_end(c, a, last)), false).map(|x| (x, Some(speaker)))
}

pub(super) fn adjective_cue(c: &Ctx, cue: &CueMatch, first: usize, last: usize) -> Found {
    // "X is confident that Y", "Democrats are worried about Y".
    if cue.start == first
        || cue.end >= last
        || !matches!(
            c.w(cue.start - 1),
            "is" | "are"
                | "was"
                | "were"
                | "been"
                | "be"
                | "remain"
                | "remains"
                | "increasingly"
                | "very"
                | "deeply"
                | "so"
        )
    {
        return None;
    }
    if !matches!(c.w(cue.end), "that" | "about" | "of" | "over") {
        return None;
    }
    let subj_end = skip_aux_left(c, first, cue.start);
    let speaker = speaker_left(c, first, subj_end).filter(|&s| plausible_speaker(c, s))?;
    let a = cue.end + 1;
    build(c, Some(speaker), cue, (a, content_end(c, a, last)), false).map(|x| (x, Some(speaker)))
}

pub(super) fn verb_cue(
    c: &Ctx,
    cue: &CueMatch,
    first: usize,
    last: usize,
    prev_speaker: Option<(usize, usize)>,
) -> Found {
    let v = VerbCue::read(c, cue, first, last)?;
    let VerbCue { aux_start, .. } = v;
    if let Some(found) = inverted(c, &v) {
        return found;
    }
    if v.passive {
        return passive(c, &v);
    }
    // Coordination: "X promised Y and said Z" — the speaker is the subject of the first verb.
    if matches!(cue.form, VerbForm::Past | VerbForm::ThirdPerson)
        && aux_start == cue.start
        && aux_start > first
        && matches!(c.w(aux_start - 1), "and" | "but")
    {
        return coordinated(c, &v, prev_speaker);
    }
    // Participle: ", indicating that Y" hangs from the sentence subject.
    if cue.form == VerbForm::Ing && (aux_start == first || c.raw(aux_start - 1) == "," || c.w(aux_start - 1) == "and") {
        return participle(c, &v, prev_speaker);
    }
    let speaker = subject_before(c, &v)?;
    if let Some(found) = content_around(c, &v, speaker) {
        return found;
    }
    content_after(c, &v, speaker)
}

/// A verb cue where it is one: its entry, the auxiliaries before it, negation and voice.
#[derive(Clone, Copy)]
struct VerbCue<'a> {
    cue: &'a CueMatch,
    first: usize,
    last: usize,
    entry: &'a CueEntry,
    lemma: &'a str,
    /// Where the auxiliaries and adverbs before the cue start.
    aux_start: usize,
    negated: bool,
    passive: bool,
}

impl<'a> VerbCue<'a> {
    /// `None` where the form is a noun here ("the report", "reports indicated").
    fn read(c: &Ctx<'a>, cue: &'a CueMatch, first: usize, last: usize) -> Option<VerbCue<'a>> {
        let entry = &c.lex.cues[cue.entry];
        let lemma = entry.lemma.as_str();
        let before = if cue.start > first { c.w(cue.start - 1) } else { "" };
        // Nouns that look like verbs: "the report", "his warning", "reports indicated".
        if matches!(
            before,
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
                | "our"
                | "my"
                | "this"
                | "these"
                | "those"
                | "that"
                | "no"
                | "any"
                | "to"
                | "of"
                | "new"
        ) && cue.form != VerbForm::Past
        {
            return None;
        }
        if cue.form == VerbForm::Base && (cue.start == first || before == "to") {
            return None;
        }
        // "reports indicated", "estimates suggesting": a noun subject of the next reporting verb.
        let next_is_verb = cue.end < last
            && c.lex
                .cue_candidates(c.w(cue.end))
                .iter()
                .any(|&(e, f)| c.lex.cues[e].kind == CueKind::Verb && f != VerbForm::Base);
        if matches!(cue.form, VerbForm::ThirdPerson | VerbForm::Base) && next_is_verb {
            return None;
        }
        // "battleground states", "the comments": forms that are mostly nouns count as verbs only
        // before a reported clause.
        if matches!(cue.form, VerbForm::ThirdPerson | VerbForm::Base) && en().noun_like_forms.contains(c.w(cue.start)) {
            let clause = cue.end < last && (matches!(c.w(cue.end), "that" | ":") || c.is_quote(cue.end));
            if !clause {
                return None;
            }
        }
        let aux_start = skip_aux_left(c, first, cue.start);
        let negated = (aux_start..cue.start).any(|k| matches!(c.w(k), "not" | "never" | "n't"));
        let passive = cue.form == VerbForm::Past
            && (aux_start..cue.start)
                .any(|k| matches!(c.w(k), "is" | "are" | "was" | "were" | "been" | "be" | "being"));
        Some(VerbCue { cue, first, last, entry, lemma, aux_start, negated, passive })
    }
}

/// After an inverted cue only an adjunct follows ("said Friday afternoon, as …"), not a clause.
fn tail_short(c: &Ctx, from: usize, last: usize) -> bool {
    let clause_end = (from..last).find(|&k| c.raw(k) == "," || c.is_punct(k) && k + 1 == last).unwrap_or(last);
    clause_end - from <= 6 && !(from..clause_end).any(|k| c.w(k) == "that" || c.opens_quote(k))
}

/// Inverted: "…,” said X." / "…, X said." (`None`: not this frame).
fn inverted(c: &Ctx, v: &VerbCue) -> Option<Found> {
    let VerbCue { cue, first, last, lemma, negated, .. } = *v;
    let left = if cue.start > first { cue.start - 1 } else { first };
    // (Not for "told": the name after it is the listener.)
    if cue.start > first
        && (c.raw(left) == "," || c.closes_quote(left))
        && matches!(cue.form, VerbForm::Past | VerbForm::ThirdPerson)
        && !en().tell_verbs.contains(lemma)
        && tail_short(c, cue.end, last)
    {
        let opens_np = |s: (usize, usize)| {
            let w = c.raw(s.0);
            (w.starts_with(char::is_uppercase) && !en().time_words.contains(c.w(s.0)))
                || matches!(c.w(s.0), "the" | "a" | "an" | "he" | "she" | "they" | "one" | "another")
        };
        if let Some(speaker) = speaker_right(c, cue.end, last).filter(|&s| plausible_speaker(c, s) && opens_np(s)) {
            let content = content_before(c, first, left);
            return Some(build(c, Some(speaker), cue, content, negated).map(|a| (a, Some(speaker))));
        }
    }

    None
}

/// A passive: "it was reported that Y" has no speaker; any other passive is no statement here.
fn passive(c: &Ctx, v: &VerbCue) -> Found {
    let VerbCue { cue, first, last, aux_start, negated, .. } = *v;
    // "it was reported that Y": no speaker. "Y was reported by X": agent after "by".
    if aux_start > first && c.w(aux_start - 1) == "it" && cue.end < last && c.w(cue.end) == "that" {
        let a = cue.end + 1;
        return build(c, None, cue, (a, content_end(c, a, last)), negated).map(|a| (a, None));
    }
    None
}

/// Coordination: "X promised Y and said Z" — the speaker is the subject of the first verb.
fn coordinated(c: &Ctx, v: &VerbCue, prev_speaker: Option<(usize, usize)>) -> Found {
    let VerbCue { cue, first, last, entry, aux_start, negated, .. } = *v;
    let speaker =
        prev_speaker.or_else(|| sentence_subject(c, first, aux_start - 1)).filter(|&s| plausible_speaker(c, s))?;
    let a = content_start(c, cue, last);
    if entry.learned && !introduces_clause(c, cue, a, last) {
        return None;
    }
    build(c, Some(speaker), cue, (a, content_end(c, a, last)), negated).map(|x| (x, Some(speaker)))
}

/// Participle: ", indicating that Y" hangs from the sentence subject.
fn participle(c: &Ctx, v: &VerbCue, prev_speaker: Option<(usize, usize)>) -> Found {
    let VerbCue { cue, first, last, entry, negated, .. } = *v;
    let speaker =
        prev_speaker.or_else(|| sentence_subject(c, first, cue.start)).filter(|&s| plausible_speaker(c, s))?;
    let a = content_start(c, cue, last);
    let opens_clause = a < last
        && (a > cue.end && matches!(c.w(a - 1), "that" | ":")
            || c.is_quote(a)
            || matches!(
                c.w(a),
                "he" | "she" | "they" | "it" | "we" | "i" | "the" | "there" | "this" | "these" | "those"
            )
            || c.raw(a).starts_with(char::is_uppercase));
    if !opens_clause || entry.learned && !introduces_clause(c, cue, a, last) {
        return None;
    }
    build(c, Some(speaker), cue, (a, content_end(c, a, last)), negated).map(|x| (x, Some(speaker)))
}

/// The subject before the cue, possibly across "X, who …," or "X, the spokesman,".
fn subject_before(c: &Ctx, v: &VerbCue) -> Option<(usize, usize)> {
    let VerbCue { first, aux_start, .. } = *v;
    let mut subj_end = aux_start;
    if subj_end > first && c.raw(subj_end - 1) == "," {
        let prev_comma = (first..subj_end - 1).rev().find(|&k| c.raw(k) == ",")?;
        let opener = c.w(prev_comma + 1);
        let relative = matches!(
            opener,
            "who" | "which" | "the" | "a" | "an" | "whose" | "another" | "former" | "its" | "his" | "her" | "their"
        );
        // "Rep. G.K. Butterfield (D-N.C.), head of the caucus, said": an apposition after a name.
        let opener_is_apposition = !(opener.ends_with("ly")
            || opener.ends_with("ing")
            || matches!(
                opener,
                "in" | "on"
                    | "at"
                    | "with"
                    | "after"
                    | "during"
                    | "for"
                    | "from"
                    | "by"
                    | "of"
                    | "as"
                    | "like"
                    | "despite"
                    | "since"
                    | "and"
                    | "but"
                    | "or"
            ));
        let after_name = opener_is_apposition
            && prev_comma > first
            && (c.raw(prev_comma - 1).starts_with(char::is_uppercase) || c.raw(prev_comma - 1) == ")")
            && subj_end - 1 - prev_comma <= 25;
        if !relative && !after_name {
            return None;
        }
        subj_end = prev_comma;
    }
    speaker_left(c, first, subj_end).filter(|&s| plausible_speaker(c, s))
}

/// A content around or before its speaker: "But …, he said, …", "“…?” Clinton said.", "Y, X said."
/// (`None`: the content follows the cue).
fn content_around(c: &Ctx, v: &VerbCue, speaker: (usize, usize)) -> Option<Found> {
    let VerbCue { cue, first, last, negated, .. } = *v;
    // "But to prevent problems, he said, local officials should …": the statement surrounds its cue.
    if speaker.0 > first + 1
        && c.raw(speaker.0 - 1) == ","
        && cue.end + 1 < last
        && c.raw(cue.end) == ","
        && !c.closes_quote(speaker.0 - 2)
        && !c.opens_quote(cue.end + 1)
        && matches!(cue.form, VerbForm::Past | VerbForm::ThirdPerson)
    {
        let content = (first, content_end(c, first, last));
        return Some(build(c, Some(speaker), cue, content, negated).map(|a| (a, Some(speaker))));
    }
    // "“How many times …?” Clinton said.": the quotation closed the sentence before.
    if speaker.0 == first && first > 0 && c.closes_quote(first - 1) && (cue.end..last).all(|k| c.is_punct(k)) {
        if let Some(open) = c.quote_pair[first - 1] {
            return Some(build(c, Some(speaker), cue, (open, first), negated).map(|a| (a, Some(speaker))));
        }
    }
    // "Y, X said." and "“Y,” X said": the content is before the speaker.
    // A quotation right before the speaker is the content when it opens the sentence (or earlier).
    let quote_close = if speaker.0 > first && c.closes_quote(speaker.0 - 1) {
        Some(speaker.0 - 1)
    } else if speaker.0 > first + 1 && c.raw(speaker.0 - 1) == "," && c.closes_quote(speaker.0 - 2) {
        Some(speaker.0 - 2)
    } else {
        None
    };
    let after_quote = quote_close.and_then(|q| c.quote_pair[q]).is_some_and(|open| open <= first + 1);
    if speaker.0 > first + 2
        && matches!(cue.form, VerbForm::Past | VerbForm::ThirdPerson)
        && (after_quote || (c.raw(speaker.0 - 1) == "," || quote_close.is_some()) && tail_short(c, cue.end, last))
    {
        let mut content = content_before(c, first, speaker.0 - 1);
        // "“By locking in China,” Mr. Obama said, “it now allowed me …”": one quotation, split.
        if after_quote && cue.end + 1 < last && c.raw(cue.end) == "," && c.opens_quote(cue.end + 1) {
            if let Some(close) = c.quote_pair[cue.end + 1] {
                content.1 = close + 1;
            }
        }
        return Some(build(c, Some(speaker), cue, content, negated).map(|a| (a, Some(speaker))));
    }
    None
}

/// The content after the cue; a leading quote may run past the sentence end.
fn content_after(c: &Ctx, v: &VerbCue, speaker: (usize, usize)) -> Found {
    let VerbCue { cue, last, entry, lemma, negated, .. } = *v;
    let mut a = content_start(c, cue, last);
    let mut echoes = None;
    if en().echo_verbs.contains(lemma) {
        // "echoed Austin's assessment that Z": Z is the content, Austin is echoed.
        if let Some(poss) = (cue.end..last.min(cue.end + 10)).find(|&k| matches!(c.w(k), "'s" | "’s")) {
            if poss > cue.end
                && poss + 2 < last
                && c.lex.cue_candidates(c.w(poss + 1)).iter().any(|&(e, _)| c.lex.cues[e].kind == CueKind::Noun)
                && c.w(poss + 2) == "that"
            {
                echoes = Some(classify_speaker(c, (cue.end, poss)));
                a = poss + 3;
            }
        }
    }
    if entry.learned && !introduces_clause(c, cue, a, last) {
        return None;
    }
    let mut b = content_end(c, a, last);
    if a < last && c.opens_quote(a) {
        if let Some(close) = c.quote_pair[a] {
            b = b.max(close + 1);
        }
    }
    // "X told The Huffington Post. “This narrative …”": the quotation in the next sentence.
    let nothing_reported = (a..b).all(|k| c.is_punct(k));
    let only_listener = en().tell_verbs.contains(lemma)
        && (a..b).all(|k| c.is_punct(k) || c.raw(k).starts_with(char::is_uppercase) || c.w(k) == "the");
    if a >= last || nothing_reported || only_listener {
        let same_paragraph =
            last < c.tokens.len() && !c.text[c.tokens[last - 1].span.end()..c.tokens[last].span.start()].contains('\n');
        if same_paragraph && c.opens_quote(last) {
            if let Some(close) = c.quote_pair[last] {
                a = last;
                b = close + 1;
            }
        }
    }
    if en().as_framers.contains(lemma) {
        if let Some(k) = (a..b).find(|&k| c.w(k) == "as") {
            b = k;
        }
    }
    let mut attribution = build(c, Some(speaker), cue, (a, b), negated)?;
    if echoes.is_some() {
        attribution.stance = Stance::Agree;
        attribution.echoes = echoes;
    }
    Some((attribution, Some(speaker)))
}

#[cfg(test)]
mod tests {
    use crate::attribution::tests::read;

    /// Every frame of the module docs, with a sentence it reads: (frame, sentence, speaker, cue, content).
    const FRAMES: &[(&str, &str, &str, &str, &str)] = &[
        (
            "X said (that) Y",
            "The minister said that the talks had failed.",
            "The minister",
            "said",
            "the talks had failed",
        ),
        (
            "X has long warned of Y",
            "Economists have long warned of a recession.",
            "Economists",
            "warned",
            "a recession",
        ),
        (
            "X told reporters Y",
            "The general told reporters the attack was repelled.",
            "The general",
            "told",
            "the attack was repelled",
        ),
        ("Y, X said", "The talks had failed, the minister said.", "the minister", "said", "The talks had failed"),
        (
            "“Y,” said X",
            "“We will not retreat,” said the commander.",
            "the commander",
            "said",
            "“We will not retreat,”",
        ),
        (
            "a quote over sentences",
            "“We will not retreat. We will win,” the commander said.",
            "the commander",
            "said",
            "“We will not retreat. We will win,”",
        ),
        (
            "according to X, Y",
            "According to the police, five people died.",
            "the police",
            "According to",
            "five people died",
        ),
        (
            "Y, according to X",
            "Five people died, according to the police.",
            "the police",
            "according to",
            "Five people died",
        ),
        // (A content of six words or fewer after "X, …, said" reads as "Y, said X": a known limit.)
        (
            "X, who …, said Y",
            "The mayor, who was elected in May, said the city was safe for its residents again.",
            "The mayor",
            "said",
            "the city was safe for its residents again",
        ),
        (
            "X, the spokesman, said Y",
            "John Smith, the spokesman, said the plan was ready for a vote in the assembly.",
            "John Smith",
            "said",
            "the plan was ready for a vote in the assembly",
        ),
        (
            ", indicating that Y",
            "The ministry issued a statement, indicating that talks would resume.",
            "The ministry",
            "indicating",
            "talks would resume",
        ),
        (
            "X echoed Y's assessment that Z",
            "Ryder echoed Austin's assessment that the war was over.",
            "Ryder",
            "echoed",
            "the war was over",
        ),
        (
            "X's assessment that Z",
            "The agency's assessment that the dam would hold proved wrong.",
            "The agency",
            "assessment",
            "the dam would hold proved wrong",
        ),
        (
            "dismissed Y as 'Z'",
            "The minister dismissed the report as 'fake news'.",
            "The minister",
            "dismissed",
            "the report",
        ),
        ("described Y as Z", "She described the deal as a disaster.", "She", "described", "the deal as a disaster"),
        (
            "it was reported that Y",
            "It was reported that the president had resigned.",
            "",
            "reported",
            "the president had resigned",
        ),
        (
            "X is confident that Y",
            "The coach is confident that the team will win.",
            "The coach",
            "confident",
            "the team will win",
        ),
        (
            "X promised Y and said Z",
            "The mayor promised reforms and said the budget was sound.",
            "The mayor",
            "said",
            "the budget was sound",
        ),
        ("NAME: Y", "WALLACE: Let's start with the economy.", "WALLACE", ":", "Let's start with the economy"),
        ("“Y” ―X", "“Nobody is above the law.” ―Carla Sanchez", "Carla Sanchez", "―", "“Nobody is above the law.”"),
    ];

    #[test]
    fn every_frame_of_the_docs_reads_its_example() {
        let mut failures = Vec::new();
        for &(frame, sentence, speaker, cue, content) in FRAMES {
            let got = read(sentence);
            let want = (speaker.to_string(), cue.to_string(), content.to_string());
            if !got.iter().any(|(s, c, t, _)| (s.clone(), c.clone(), t.clone()) == want) {
                failures.push(format!("{frame}: {sentence:?} → {got:?}"));
            }
        }
        assert!(failures.is_empty(), "frames that miss their example:\n{}", failures.join("\n"));
    }
}
