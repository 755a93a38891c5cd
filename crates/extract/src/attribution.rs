//! Attributions: who said what, with which cue, directly or not, asserting, denying, confirming,
//! warning, urging or agreeing, and how hedged.
//!
//! Frames read, per sentence, around a reporting cue from `resources/lexicons/cues.tsv`:
//! - "X said (that) Y", "X has long warned of Y", "X told reporters Y" (subject before the cue);
//! - "Y, X said" and "“Y,” said X" (content first, also for quotes that span sentences);
//! - "according to X, Y" and "Y, according to X";
//! - "X, who …, said Y" and "X, the spokesman, said Y" (a relative clause or apposition between);
//! - ", indicating that Y" (a participle: the speaker is the subject of the sentence);
//! - "X echoed Y's assessment that Z" (agree, echoes Y) and "X's assessment that Z" (reporting nouns);
//! - "dismissed Y as 'Z'", "described Y as Z";
//! - "it was reported that Y" (a passive with no agent: no speaker).

use dossier_core::{
    Attribution, EntityKind, Mention, QuoteKind, Sentence, SourceType, Span, Speaker, Stance, Token, TokenKind,
};

use crate::lexicon::{CueKind, Lexicons, VerbForm};
use crate::segment::TokenView;
use crate::words::en;

struct Ctx<'a> {
    words: TokenView<'a>,
    mentions: &'a [Mention],
    lex: &'a Lexicons,
    /// Token index of the matching quote for each quote token that was paired.
    quote_pair: Vec<Option<usize>>,
    /// Tokens between a pair of quotation marks.
    inside_quote: Vec<bool>,
}

impl<'a> std::ops::Deref for Ctx<'a> {
    type Target = TokenView<'a>;
    fn deref(&self) -> &TokenView<'a> {
        &self.words
    }
}

impl Ctx<'_> {
    fn is_punct(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Punct
    }
    fn is_quote(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Quote
    }
    fn opens_quote(&self, i: usize) -> bool {
        self.is_quote(i) && self.quote_pair[i].is_some_and(|j| j > i)
    }
    fn closes_quote(&self, i: usize) -> bool {
        self.is_quote(i) && self.quote_pair[i].is_some_and(|j| j < i)
    }
}

/// Pairs quotation marks within each paragraph. Curly quotes pair by direction, straight ones by
/// alternation; an apostrophe inside or after a word is not a quote.
fn pair_quotes(text: &str, tokens: &[Token]) -> Vec<Option<usize>> {
    let mut pair = vec![None; tokens.len()];
    let mut open_double: Option<usize> = None;
    let mut open_single: Option<usize> = None;
    for i in 0..tokens.len() {
        if i > 0 && text[tokens[i - 1].span.end()..tokens[i].span.start()].contains("\n\n") {
            open_double = None;
            open_single = None;
        }
        if tokens[i].kind != TokenKind::Quote {
            continue;
        }
        let q = tokens[i].span.slice(text).unwrap_or("");
        let space_before = i == 0 || tokens[i - 1].span.end < tokens[i].span.start;
        match q {
            "“" | "„" | "«" => open_double = Some(i),
            "”" | "»" => {
                if let Some(o) = open_double.take() {
                    pair[o] = Some(i);
                    pair[i] = Some(o);
                }
            }
            "\"" | "''" | "``" => match open_double.take() {
                Some(o) => {
                    pair[o] = Some(i);
                    pair[i] = Some(o);
                }
                None => open_double = Some(i),
            },
            "‘" => open_single = Some(i),
            "'" | "’" => {
                if let Some(o) = open_single.filter(|_| !space_before || i + 1 == tokens.len()) {
                    pair[o] = Some(i);
                    pair[i] = Some(o);
                    open_single = None;
                } else if space_before && q == "'" {
                    open_single = Some(i);
                }
            }
            _ => {}
        }
    }
    pair
}

#[derive(Debug, Clone, Copy)]
struct CueMatch {
    start: usize,
    end: usize,
    entry: usize,
    form: VerbForm,
}

/// The cue starting at token `i`, if any: the longest lexicon entry whose words match.
/// Is token `i` the first word of a sentence (where capitals say nothing about names)?
fn sentence_initial(c: &Ctx, i: usize) -> bool {
    i == 0
        || c.is_quote(i - 1)
        || c.text[c.tokens[i - 1].span.end()..c.tokens[i].span.start()].contains('\n')
        || matches!(c.raw(i - 1), "." | "?" | "!")
}

fn cue_at(c: &Ctx, i: usize, last: usize) -> Option<CueMatch> {
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

/// Skips auxiliaries and adverbs leftwards from `i` (exclusive); returns the index after the subject head.
fn skip_aux_left(c: &Ctx, first: usize, mut i: usize) -> usize {
    while i > first && en().aux_and_adverbs.contains(c.w(i - 1)) {
        i -= 1;
    }
    i
}

/// The speaker phrase ending just before token `end`: walks left to a boundary. `None` when empty.
fn speaker_left(c: &Ctx, first: usize, end: usize) -> Option<(usize, usize)> {
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
fn speaker_right(c: &Ctx, start: usize, last: usize) -> Option<(usize, usize)> {
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
fn plausible_speaker(c: &Ctx, (a, b): (usize, usize)) -> bool {
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

fn classify_speaker(c: &Ctx, (a, b): (usize, usize)) -> Speaker {
    let span = c.span(a, b);
    let head_idx = (a..b)
        .rev()
        .find(|&k| !c.is_punct(k) && !c.w(k).starts_with('\'') && !c.w(k).starts_with('’'))
        .unwrap_or(b - 1);
    let head = c.raw(head_idx);
    // The entity: the mention covering the head, else the last named mention in the phrase.
    let in_phrase: Vec<&Mention> = c.mentions.iter().filter(|m| span.contains(m.span)).collect();
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

/// The subject at the start of the clause that a participle cue hangs from.
fn sentence_subject(c: &Ctx, first: usize, cue: usize) -> Option<(usize, usize)> {
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

/// Where the content of a forward cue starts: after "that", a colon, or the listener of "told".
fn content_start(c: &Ctx, cue: &CueMatch, last: usize) -> usize {
    let lemma = c.lex.cues[cue.entry].lemma.as_str();
    let mut k = cue.end;
    // "said on Monday that …", "told reporters that …": the content starts after a near "that".
    let window =
        (k..last.min(k + 9)).find(|&j| c.w(j) == "that" || c.raw(j) == ":" || c.is_punct(j) && c.raw(j) != ",");
    if let Some(j) = window.filter(|&j| c.w(j) == "that" || c.raw(j) == ":") {
        if !(k..j).any(|x| {
            c.lex.cue_candidates(c.w(x)).iter().any(|&(_, f)| f == VerbForm::Past || f == VerbForm::ThirdPerson)
        }) {
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
fn introduces_clause(c: &Ctx, cue: &CueMatch, a: usize, last: usize) -> bool {
    a < last && (a > cue.end && matches!(c.w(a - 1), "that" | ":") || c.is_quote(a))
}

/// Trims closing punctuation of a sentence off a content span (a closing quote stays).
fn content_end(c: &Ctx, start: usize, mut end: usize) -> usize {
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

fn hedges_in(c: &Ctx, a: usize, b: usize, out: &mut Vec<Span>) {
    for k in a..b {
        let w = c.w(k);
        if en().hedges.contains(w) || (en().hedges_before_to.contains(w) && k + 1 < b && c.w(k + 1) == "to") {
            out.push(c.tokens[k].span);
        }
    }
}

fn build(
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

/// Reads every body sentence for attributions.
pub fn attributions(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    in_scope: &dyn Fn(&Sentence) -> bool,
    mentions: &[Mention],
    lex: &Lexicons,
) -> Vec<Attribution> {
    let c = Ctx {
        words: TokenView::new(text, tokens),
        mentions,
        lex,
        quote_pair: pair_quotes(text, tokens),
        inside_quote: Vec::new(),
    };
    let mut c = c;
    c.inside_quote = vec![false; tokens.len()];
    for (open, close) in c.quote_pair.iter().enumerate().filter_map(|(i, p)| p.filter(|&j| j > i).map(|j| (i, j))) {
        // Scare quotes around a few words do not make a quotation.
        if close - open > 4 {
            c.inside_quote[open + 1..close].iter_mut().for_each(|x| *x = true);
        }
    }
    let c = c;
    let mut out: Vec<Attribution> = Vec::new();
    let mut cues_per_sentence = Vec::with_capacity(sentences.len());
    for s in sentences {
        let before = out.len();
        if in_scope(s) {
            sentence_attributions(&c, s, &mut out);
            trim_nested(&c, &mut out[before..]);
        }
        cues_per_sentence.push(out.len() - before);
    }
    continue_quotes(&c, sentences, &cues_per_sentence, &mut out);
    out
}

/// "“A,” said X. “B.”": a quotation that follows its attributed one, with no cue of its own,
/// continues the same statement.
fn continue_quotes(c: &Ctx, sentences: &[Sentence], cues_per_sentence: &[usize], out: &mut [Attribution]) {
    for a in out.iter_mut() {
        if a.content.end > a.cue.start || a.quote == QuoteKind::Indirect {
            continue;
        }
        let Some(mut k) = sentences.iter().position(|s| s.span.contains(a.cue)) else { continue };
        while k + 1 < sentences.len() && cues_per_sentence[k + 1] == 0 {
            let next = &sentences[k + 1];
            let (f, l) = (next.tokens.0 as usize, next.tokens.1 as usize);
            // Same paragraph, opens with a quote that closes at the sentence end.
            let same_paragraph = !c.text[sentences[k].span.end()..next.span.start()].contains('\n');
            let whole_quote = c.opens_quote(f) && c.quote_pair[f].is_some_and(|q| q + 2 >= l);
            if !(same_paragraph && whole_quote) {
                break;
            }
            a.content.end = next.span.end;
            k += 1;
        }
    }
}

fn sentence_attributions(c: &Ctx, s: &Sentence, out: &mut Vec<Attribution>) {
    let (first, last) = (s.tokens.0 as usize, s.tokens.1 as usize);
    if let Some(a) = speaker_colon(c, first, last) {
        out.push(a);
        return;
    }
    if let Some(a) = quote_dash_name(c, first, last) {
        out.push(a);
    }
    let mut i = first;
    let mut prev_speaker: Option<(usize, usize)> = None;
    while i < last {
        // Words inside a quotation are the quoted person's, not the reporter's frame.
        if c.inside_quote[i] {
            i += 1;
            continue;
        }
        let Some(cue) = cue_at(c, i, last) else {
            i += 1;
            continue;
        };
        let entry = &c.lex.cues[cue.entry];
        let found = match entry.kind {
            CueKind::Prep => according_to(c, &cue, first, last),
            CueKind::Noun => reporting_noun(c, &cue, first, last),
            CueKind::Adj => adjective_cue(c, &cue, first, last),
            CueKind::Verb => verb_cue(c, &cue, first, last, prev_speaker),
        };
        if let Some((a, sp)) = found {
            if sp.is_some() {
                prev_speaker = sp;
            }
            out.push(a);
        }
        i = cue.end;
    }
}

type Found = Option<(Attribution, Option<(usize, usize)>)>;

/// A bare attribution with a punctuation cue (":" or a dash), stance assert.
fn punctuation_attribution(
    c: &Ctx,
    speaker: (usize, usize),
    cue: usize,
    content: (usize, usize),
) -> Option<Attribution> {
    if content.1 <= content.0 || (content.0..content.1).all(|k| c.is_punct(k) || c.is_quote(k)) {
        return None;
    }
    let mut hedges = Vec::new();
    hedges_in(c, content.0, content.1, &mut hedges);
    let quote = if c.opens_quote(content.0) { QuoteKind::Direct } else { QuoteKind::Indirect };
    Some(Attribution {
        speaker: Some(classify_speaker(c, speaker)),
        cue: c.tokens[cue].span,
        content: c.span(content.0, content.1),
        quote,
        stance: Stance::Assert,
        hedges,
        echoes: None,
    })
}

/// "Pence: Gennifer Flowers Won't Be at Debate" (a headline) and "WALLACE: Let's start …" (a
/// transcript turn): a short name opening a line, then a colon. The content runs to the line end.
fn speaker_colon(c: &Ctx, first: usize, last: usize) -> Option<Attribution> {
    let line_start = first == 0 || c.text[c.tokens[first - 1].span.end()..c.tokens[first].span.start()].contains('\n');
    if !line_start {
        return None;
    }
    let colon = (first + 1..last.min(first + 5)).find(|&k| c.raw(k) == ":")?;
    let named = (first..colon).all(|k| c.tokens[k].kind == TokenKind::Word && c.raw(k).starts_with(char::is_uppercase));
    if !named || colon + 1 >= last {
        return None;
    }
    // The turn goes on to the end of the line, over sentence ends.
    let mut end = last;
    while end < c.tokens.len() && !c.text[c.tokens[end - 1].span.end()..c.tokens[end].span.start()].contains('\n') {
        end += 1;
    }
    let end = content_end(c, colon + 1, end).max(colon + 2);
    punctuation_attribution(c, (first, colon), colon, (colon + 1, end))
}

/// "“… unlike him.” ―Carla Sanchez": a quotation signed with a dash and a name.
fn quote_dash_name(c: &Ctx, first: usize, last: usize) -> Option<Attribution> {
    let dash = (first + 1..last.saturating_sub(1))
        .find(|&k| matches!(c.raw(k), "―" | "—" | "–" | "--") && c.closes_quote(k - 1))?;
    if !c.raw(dash + 1).starts_with(char::is_uppercase) {
        return None;
    }
    let open = c.quote_pair[dash - 1]?;
    let speaker = speaker_right(c, dash + 1, last)?;
    punctuation_attribution(c, speaker, dash, (open, dash))
}

fn according_to(c: &Ctx, cue: &CueMatch, first: usize, last: usize) -> Found {
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

fn reporting_noun(c: &Ctx, cue: &CueMatch, first: usize, last: usize) -> Found {
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

fn adjective_cue(c: &Ctx, cue: &CueMatch, first: usize, last: usize) -> Found {
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

fn verb_cue(c: &Ctx, cue: &CueMatch, first: usize, last: usize, prev_speaker: Option<(usize, usize)>) -> Found {
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
        && (aux_start..cue.start).any(|k| matches!(c.w(k), "is" | "are" | "was" | "were" | "been" | "be" | "being"));

    // Inverted: "…,” said X." / "…, X said."
    // After an inverted cue only an adjunct follows ("said Friday afternoon, as …"), not a clause.
    let tail_short = |from: usize| {
        let clause_end = (from..last).find(|&k| c.raw(k) == "," || c.is_punct(k) && k + 1 == last).unwrap_or(last);
        clause_end - from <= 6 && !(from..clause_end).any(|k| c.w(k) == "that" || c.opens_quote(k))
    };
    let left = if cue.start > first { cue.start - 1 } else { first };
    // (Not for "told": the name after it is the listener.)
    if cue.start > first
        && (c.raw(left) == "," || c.closes_quote(left))
        && matches!(cue.form, VerbForm::Past | VerbForm::ThirdPerson)
        && !en().tell_verbs.contains(lemma)
        && tail_short(cue.end)
    {
        let opens_np = |s: (usize, usize)| {
            let w = c.raw(s.0);
            (w.starts_with(char::is_uppercase) && !en().time_words.contains(c.w(s.0)))
                || matches!(c.w(s.0), "the" | "a" | "an" | "he" | "she" | "they" | "one" | "another")
        };
        if let Some(speaker) = speaker_right(c, cue.end, last).filter(|&s| plausible_speaker(c, s) && opens_np(s)) {
            let content = content_before(c, first, left);
            return build(c, Some(speaker), cue, content, negated).map(|a| (a, Some(speaker)));
        }
    }

    if passive {
        // "it was reported that Y": no speaker. "Y was reported by X": agent after "by".
        if aux_start > first && c.w(aux_start - 1) == "it" && cue.end < last && c.w(cue.end) == "that" {
            let a = cue.end + 1;
            return build(c, None, cue, (a, content_end(c, a, last)), negated).map(|a| (a, None));
        }
        return None;
    }

    // Coordination: "X promised Y and said Z" — the speaker is the subject of the first verb.
    if matches!(cue.form, VerbForm::Past | VerbForm::ThirdPerson)
        && aux_start == cue.start
        && aux_start > first
        && matches!(c.w(aux_start - 1), "and" | "but")
    {
        let speaker =
            prev_speaker.or_else(|| sentence_subject(c, first, aux_start - 1)).filter(|&s| plausible_speaker(c, s))?;
        let a = content_start(c, cue, last);
        if entry.learned && !introduces_clause(c, cue, a, last) {
            return None;
        }
        return build(c, Some(speaker), cue, (a, content_end(c, a, last)), negated).map(|x| (x, Some(speaker)));
    }

    // Participle: ", indicating that Y" hangs from the sentence subject.
    if cue.form == VerbForm::Ing && (aux_start == first || c.raw(aux_start - 1) == "," || c.w(aux_start - 1) == "and") {
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
        return build(c, Some(speaker), cue, (a, content_end(c, a, last)), negated).map(|x| (x, Some(speaker)));
    }

    // Subject before the cue, possibly across "X, who …," or "X, the spokesman,".
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
    let speaker = speaker_left(c, first, subj_end)?;
    if !plausible_speaker(c, speaker) {
        return None;
    }
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
        return build(c, Some(speaker), cue, content, negated).map(|a| (a, Some(speaker)));
    }
    // "“How many times …?” Clinton said.": the quotation closed the sentence before.
    if speaker.0 == first && first > 0 && c.closes_quote(first - 1) && (cue.end..last).all(|k| c.is_punct(k)) {
        if let Some(open) = c.quote_pair[first - 1] {
            return build(c, Some(speaker), cue, (open, first), negated).map(|a| (a, Some(speaker)));
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
        && (after_quote || (c.raw(speaker.0 - 1) == "," || quote_close.is_some()) && tail_short(cue.end))
    {
        let mut content = content_before(c, first, speaker.0 - 1);
        // "“By locking in China,” Mr. Obama said, “it now allowed me …”": one quotation, split.
        if after_quote && cue.end + 1 < last && c.raw(cue.end) == "," && c.opens_quote(cue.end + 1) {
            if let Some(close) = c.quote_pair[cue.end + 1] {
                content.1 = close + 1;
            }
        }
        return build(c, Some(speaker), cue, content, negated).map(|a| (a, Some(speaker)));
    }
    // Content: after the cue; a leading quote may run past the sentence end.
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

/// The content before an inverted cue whose speaker phrase is set off by the token `left`
/// (a comma or a closing quote): from the sentence start, or from the opening quote of a
/// quotation that ends there, which may open sentences earlier.
fn content_before(c: &Ctx, first: usize, left: usize) -> (usize, usize) {
    let mut end = if c.closes_quote(left) { left + 1 } else { left };
    while end > first + 1 && c.is_punct(end - 1) && !matches!(c.raw(end - 1), ")" | "%") {
        end -= 1;
    }
    let start = (end > first && c.closes_quote(end - 1)).then(|| c.quote_pair[end - 1]).flatten().unwrap_or(first);
    (start.min(first), end)
}

/// A later attribution in the same sentence, set off by a comma, ends the earlier one's content:
/// "warned of Y, with estimates suggesting Z".
fn trim_nested(c: &Ctx, found: &mut [Attribution]) {
    for i in 0..found.len() {
        for j in 0..found.len() {
            if i == j {
                continue;
            }
            let (outer, inner) = (&found[i], &found[j]);
            // A participle's speaker sits before the outer content: the inner clause starts at its cue.
            let inner_start = inner
                .speaker
                .as_ref()
                .map(|s| s.span.start)
                .filter(|&st| st > outer.content.start)
                .unwrap_or(inner.cue.start);
            if !(outer.content.start < inner.cue.start
                && inner.cue.start < outer.content.end
                && inner_start > outer.content.start)
            {
                continue;
            }
            // Find the comma that sets the inner clause off.
            let Some(k) = c.tokens.iter().position(|t| t.span.start >= inner_start) else { continue };
            let mut p = k;
            while p > 0 && matches!(c.w(p - 1), "with" | "and" | "while" | "but" | "as") {
                p -= 1;
            }
            if p > 0 && c.raw(p - 1) == "," && c.tokens[p - 1].span.start > outer.content.start {
                let a = &mut found[i];
                a.content.end = c.tokens[p - 2].span.end.max(a.content.start);
                // Hedges of the inner statement are not the outer one's.
                let (content, cue) = (a.content, a.cue);
                a.hedges.retain(|h| content.contains(*h) || *h == cue);
            }
        }
    }
}
