//! Does the headline say what the body says? The title and every sub-heading are checked against
//! the body's sentences by the stance model (crate `dossier-stance`, resources/models/stance.bin)
//! and given a verdict (docs/headlines.md):
//!
//! | stance model | coverage ≥ floor | qualifiers in the evidence the heading lacks | verdict |
//! |---|---|---|---|
//! | unrelated | any | any | unsupported |
//! | disagree | any | any | contradicted |
//! | agree / discuss | no | any | unsupported |
//! | agree / discuss | yes, but not of its predicate words | any | unsupported |
//! | agree / discuss | yes | some | overstated |
//! | agree / discuss | yes | none | supported |
//!
//! Coverage is the IDF-weighted share of the heading's words found in the best-matching body
//! sentence and its neighbours; the floor is the one the model was trained with (the coverage 90 %
//! of FNC-1's agreeing and discussing pairs reach). Predicate coverage is the same share for the
//! heading's words without a capital (what happened, not who: "*threatening* to *declare war*"),
//! found around the evidence sentences, against its own floor set the same way. Qualifiers are
//! the hedges, modals of obligation and conditions of the attribution layer's word lists
//! (`en/hedges.tsv`, `en/hedges_before_to.tsv` before "to", `en/deontic.tsv`, `en/conditions.tsv`)
//! found in the evidence sentences when the heading has none of that kind: "should hit them if they cross"
//! against "urges Ukraine to hit".
//!
//! The body is every sentence outside the headings and the boilerplate. A title known only from
//! the metadata (not in the text) is checked too, without a span.

use dossier_core::{
    Headline, HeadlineRole, Region, RegionKind, Sentence, Span, StanceLabel, Token, TokenKind, Verdict,
};
use dossier_stance::{Label, StanceModel};

use crate::words::WordLists;

/// Qualifier classes: hedges, obligations, conditions.
const HEDGE: u8 = 1;
const OBLIGATION: u8 = 2;
const CONDITION: u8 = 4;

fn lower(s: &str) -> String {
    s.chars().map(|c| if c == '\u{2019}' { '\'' } else { c }).flat_map(char::to_lowercase).collect()
}

/// The qualifier words among `tokens` (classes and spans).
fn qualifiers(text: &str, tokens: &[Token], words: &WordLists) -> Vec<(u8, Span)> {
    let word = |t: &Token| lower(t.span.slice(text).unwrap_or_default());
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Word {
            continue;
        }
        let w = word(t);
        let next_is_to = tokens.get(i + 1).is_some_and(|n| word(n) == "to");
        let class = if words.hedges.contains(&w) || (next_is_to && words.hedges_before_to.contains(&w)) {
            HEDGE
        } else if words.deontic.contains(&w) {
            OBLIGATION
        } else if words.conditions.contains(&w) {
            CONDITION
        } else {
            0
        };
        if class != 0 {
            out.push((class, t.span));
        }
    }
    out
}

fn tokens_in(tokens: &[Token], span: Span) -> &[Token] {
    let lo = tokens.partition_point(|t| t.span.start < span.start);
    let hi = tokens.partition_point(|t| t.span.start < span.end);
    &tokens[lo..hi.max(lo)]
}

fn stance(l: Label) -> StanceLabel {
    match l {
        Label::Agree => StanceLabel::Agree,
        Label::Disagree => StanceLabel::Disagree,
        Label::Discuss => StanceLabel::Discuss,
        Label::Unrelated => StanceLabel::Unrelated,
    }
}

/// One heading checked against a prepared body.
fn check(
    model: &StanceModel,
    body: &dossier_stance::PreparedBody,
    claim: &str,
    claim_tokens: &[Token],
    text: &str,
    tokens: &[Token],
    words: &WordLists,
) -> (Verdict, dossier_stance::Judgement, Vec<Span>) {
    let j = model.judge_prepared(claim, body);
    let own: u8 = qualifiers(claim, claim_tokens, words).iter().fold(0, |m, (c, _)| m | c);
    let evidence: Vec<Span> = j.evidence.iter().map(|r| Span::new(r.start, r.end)).collect();
    let dropped: Vec<Span> = evidence
        .iter()
        .flat_map(|&e| qualifiers(text, tokens_in(tokens, e), words))
        .filter(|(c, _)| own & c == 0)
        .map(|(_, s)| s)
        .collect();
    let verdict = match j.label {
        Label::Unrelated => Verdict::Unsupported,
        Label::Disagree => Verdict::Contradicted,
        Label::Agree | Label::Discuss if j.coverage < model.support_floor() => Verdict::Unsupported,
        // The body names who the heading names but not what it says they did.
        Label::Agree | Label::Discuss if j.predicate_coverage < model.predicate_floor() => Verdict::Unsupported,
        Label::Agree | Label::Discuss if !dropped.is_empty() => Verdict::Overstated,
        Label::Agree | Label::Discuss => Verdict::Supported,
    };
    (verdict, j, dropped)
}

/// The most headings of one document checked against its body (the title first, then the
/// sub-headings in order). News articles have a title and a handful of sub-headings.
pub const MAX_CHECKED_HEADINGS: usize = 24;

/// Checks the title and sub-headings of `text` (the reading text) against its body sentences.
/// `meta_title` is the document's metadata title, checked when the text marks no title.
#[allow(clippy::too_many_arguments)]
pub fn headlines(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    regions: &[Region],
    meta_title: Option<&str>,
    in_body: &dyn Fn(&Sentence) -> bool,
    model: &StanceModel,
    words: &WordLists,
) -> Vec<Headline> {
    let mut heads: Vec<(HeadlineRole, Option<Span>)> = regions
        .iter()
        .filter_map(|r| match r.kind {
            RegionKind::Title => Some((HeadlineRole::Title, Some(r.span))),
            RegionKind::Subheading => Some((HeadlineRole::Subheading, Some(r.span))),
            _ => None,
        })
        .collect();
    let meta_title = meta_title.map(str::trim).filter(|t| !t.is_empty());
    if !heads.iter().any(|h| h.0 == HeadlineRole::Title) {
        if let Some(t) = meta_title {
            heads.insert(0, (HeadlineRole::Title, None));
            // The same words at the top of the text are its title even when repair did not mark it.
            if let Some(at) = text.find(t).filter(|&at| text[..at].trim().is_empty()) {
                heads[0].1 = Some(Span::new(at, at + t.len()));
            }
        }
    }
    if heads.is_empty() {
        return Vec::new();
    }
    // Each heading is read against the whole body, so their number is bounded: a text of glued
    // articles (a crawler dump saved as one file) has a "sub-heading" every few lines.
    heads.truncate(MAX_CHECKED_HEADINGS);
    // The body: its sentences, less any that overlap a heading (a metadata title found at the top
    // of the text is not body even where the repair stage left it unmarked).
    let body: Vec<std::ops::Range<usize>> = sentences
        .iter()
        .filter(|s| in_body(s) && !heads.iter().any(|(_, h)| h.is_some_and(|h| h.overlaps(s.span))))
        .map(|s| s.span.start()..s.span.end())
        .collect();
    let prepared = model.prepare(text, Some(&body));
    heads
        .into_iter()
        .map(|(role, span)| {
            let (claim, claim_tokens): (&str, Vec<Token>) = match span {
                Some(s) => (
                    s.slice(text).unwrap_or_default(),
                    tokens_in(tokens, s)
                        .iter()
                        .map(|t| Token {
                            span: Span::new(t.span.start() - s.start(), t.span.end() - s.start()),
                            kind: t.kind,
                        })
                        .collect(),
                ),
                None => {
                    let t = meta_title.unwrap_or_default();
                    (t, crate::segment::tokenize(t))
                }
            };
            let (verdict, j, qualifiers) = check(model, &prepared, claim, &claim_tokens, text, tokens, words);
            Headline {
                role,
                span,
                verdict,
                stance: stance(j.label),
                score: j.score,
                coverage: j.coverage,
                evidence: j.evidence.iter().map(|r| Span::new(r.start, r.end)).collect(),
                qualifiers,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lexicons;

    fn run(text: &str, title: Option<&str>) -> Vec<Headline> {
        let lex = Lexicons::builtin().unwrap();
        let doc = dossier_core::Document::new(
            text.to_string(),
            dossier_core::Metadata { title: title.map(str::to_string), ..Default::default() },
        );
        crate::analyze(&doc, &lex).headlines
    }

    #[test]
    fn qualifiers_are_the_attribution_word_lists() {
        let text = "Biden said Ukraine should hit them if they cross, and it could be expected to work.";
        let tokens = crate::segment::tokenize(text);
        let q: Vec<&str> =
            qualifiers(text, &tokens, crate::words::en()).iter().map(|(_, s)| s.slice(text).unwrap()).collect();
        assert_eq!(q, ["should", "if", "could", "expected"]);
    }

    #[test]
    fn a_heading_without_a_body_is_unsupported_and_no_heading_gives_nothing() {
        // A heading over an empty body: the repair stage marks the title of a text whose body is
        // blank lines only.
        let h = run("Giant squid found alive off the coast of Japan\n\n\n", Some("Giant squid found alive"));
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].role, HeadlineRole::Title);
        assert_eq!(h[0].verdict, Verdict::Unsupported);
        assert_eq!((h[0].stance, h[0].score), (StanceLabel::Unrelated, 1.0));
        assert!(h[0].evidence.is_empty());
        // No heading, nothing to check: a lone line is body, not title.
        assert!(run("", None).is_empty());
        assert!(run("Giant squid found alive off the coast of Japan", None).is_empty());
        // A metadata title is checked against an empty body, without a span.
        let h = run("", Some("Giant squid found"));
        assert_eq!((h.len(), h[0].span, h[0].verdict), (1, None, Verdict::Unsupported));
    }

    #[test]
    fn a_body_that_says_the_heading_supports_it_and_evidence_lies_in_the_body() {
        let text = "Police find missing boy in forest\n\nPolice found the missing boy alive in the forest on \
                    Sunday, officers said. The boy, 9, had been missing for three days. He was taken to hospital.";
        let h = run(text, None);
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].span.and_then(|s| s.slice(text)), Some("Police find missing boy in forest"));
        assert!(matches!(h[0].verdict, Verdict::Supported | Verdict::Overstated), "{h:?}");
        assert!(h[0].evidence[0].slice(text).unwrap().starts_with("Police found the missing boy"));
    }
}
