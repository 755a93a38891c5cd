//! Quantities and time expressions (pipeline stage "quantities/time").
//!
//! Both functions read the pipeline's tokens and sentences (`dossier_extract::segment`), return
//! spans in document byte offsets (always on character boundaries), sorted by start and
//! non-overlapping. See [`quantities`] and [`time`] module docs for what is recognised and how
//! values are written; the word lists are in `resources/lexicons/en/` ([`lexicon`]).

mod lexicon;
mod numbers;
mod quantities;
mod time;

use chrono::NaiveDate;
use dossier_core::{Quantity, Sentence, Span, TimeExpr, Token};

/// Finds numbers in `text` (sentence by sentence) with value, bounds, approximation and what is
/// counted. `tokens` and `sentences` are the pipeline's (`segment::tokenize`, `segment::sentences`);
/// no sentences means the whole text is one.
pub fn quantities(text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Quantity> {
    let found = sentence_ranges(text, sentences)
        .flat_map(|(start, end, hint)| {
            quantities::in_sentence(&text[start..end], start, tokens_in(tokens, start, end, hint))
        })
        .collect();
    sorted_disjoint(found, |q| q.span)
}

/// Finds time expressions, normalised against `published` when known. The patterns read the
/// sentence text itself; `tokens` is taken for the same context as [`quantities`].
pub fn times(text: &str, _tokens: &[Token], sentences: &[Sentence], published: Option<NaiveDate>) -> Vec<TimeExpr> {
    let found = sentence_ranges(text, sentences)
        .flat_map(|(start, end, _)| {
            time::find_in(&text[start..end], published).into_iter().map(move |f| TimeExpr {
                span: Span::new(start + f.start, start + f.end),
                kind: f.kind,
                value: f.value,
            })
        })
        .collect();
    let mut found = sorted_disjoint(found, |t| t.span);
    time::back_to_the_date_before(text, &mut found);
    if let Some(p) = published {
        time::year_back_to_reported_quarter(text, &mut found, p);
    }
    found
}

/// Whether a word is a month or weekday name as the time layer reads them: "November", "Nov",
/// "Nov.", "Friday" (capitalised, as in running text).
pub fn is_month_or_weekday(word: &str) -> bool {
    time::is_month_or_weekday(word)
}

/// The sentence spans as valid byte ranges of `text`: clamped to the text and moved onto
/// character boundaries, so a bad span from upstream can never make us panic; with each, the
/// sentence's token range. No sentences means the whole text is one.
fn sentence_ranges<'a>(
    text: &'a str,
    sentences: &'a [Sentence],
) -> impl Iterator<Item = (usize, usize, Option<(usize, usize)>)> + 'a {
    let spans: Vec<(Span, Option<(usize, usize)>)> = if sentences.is_empty() {
        vec![(Span::new(0, text.len()), None)]
    } else {
        sentences.iter().map(|s| (s.span, Some((s.tokens.0 as usize, s.tokens.1 as usize)))).collect()
    };
    spans.into_iter().filter_map(move |(sp, hint)| {
        let mut start = sp.start().min(text.len());
        let mut end = sp.end().min(text.len());
        while !text.is_char_boundary(start) {
            start += 1;
        }
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        (start < end).then_some((start, end, hint))
    })
}

/// The tokens that lie inside `start..end` (tokens are sorted, as the pipeline makes them). The
/// sentence's own token range (`hint`) is taken when it is exactly those tokens, as it is from the
/// pipeline; otherwise they are found by their spans, so a range that disagrees with its span
/// cannot mislead. A token off character boundaries is skipped where it is read
/// (`quantities::parts`).
fn tokens_in(tokens: &[Token], start: usize, end: usize, hint: Option<(usize, usize)>) -> &[Token] {
    let (n, s, e) = (tokens.len(), |i: usize| tokens[i].span.start(), |i: usize| tokens[i].span.end());
    if let Some((a, b)) = hint.filter(|&(a, b)| a <= b && b <= n) {
        let first_is_a = (a == 0 || s(a - 1) < start) && (a == n || s(a) >= start);
        let last_is_b = (b == a || e(b - 1) <= end) && (b == n || e(b) > end);
        if first_is_a && last_is_b {
            return &tokens[a..b];
        }
    }
    let a = tokens.partition_point(|t| t.span.start() < start);
    let b = a + tokens[a..].partition_point(|t| t.span.end() <= end);
    &tokens[a..b]
}

/// The document's tokens, split as the pipeline splits them where the measures care: at white
/// space, and before a possessive "'s". For tests; the pipeline's own tokenizer lives in
/// `dossier_extract::segment`.
#[cfg(test)]
fn test_tokens(text: &str) -> Vec<Token> {
    tokens_at_spaces(text, true)
}

/// White-space chunks, with a possessive split off when `possessive`.
#[cfg(test)]
fn tokens_at_spaces(text: &str, possessive: bool) -> Vec<Token> {
    let mut out = Vec::new();
    let mut push = |a: usize, b: usize| out.push(Token { span: Span::new(a, b), kind: dossier_core::TokenKind::Word });
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                let chunk: &str = &text[s..i];
                let word = ["'s", "’s", "'S", "’S"].iter().find_map(|p| chunk.strip_suffix(p));
                match word.filter(|w| possessive && w.ends_with(char::is_alphanumeric)) {
                    Some(w) => {
                        push(s, s + w.len());
                        push(s + w.len(), i);
                    }
                    None => push(s, i),
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

/// Sorts by start and drops anything overlapping an earlier kept item (overlapping sentence
/// spans could otherwise report the same expression twice).
fn sorted_disjoint<T>(mut items: Vec<T>, span: impl Fn(&T) -> Span) -> Vec<T> {
    items.sort_by_key(|i| {
        let s = span(i);
        (s.start, std::cmp::Reverse(s.end))
    });
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        let s = span(&item);
        if out.last().is_none_or(|prev| span(prev).end <= s.start) {
            out.push(item);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_core::TimeType;
    use proptest::prelude::*;

    /// Passages of the seed document, hard-wrap newlines already turned into spaces.
    const SEED: &str = "His remarks come as officials have indicated that these troops are expected to approach the frontlines in the coming weeks. American intelligence agencies have suggested that North Korea has deployed around 10,000 troops, with several thousand already moving toward Russia's Kursk region, an area where Ukrainian forces are currently engaged in conflict with Russian troops. According to U.S. Department of Defense (DoD) spokesperson Brig. Gen. Patrick Ryder, a small number of these troops are already in the region, with the rest undergoing training in eastern North Korea, anticipated to be deployed soon for combat operations. South Korea's National Intelligence Service has long warned of North Korea's preparations to send military personnel, including fighter pilots, with estimates suggesting over 12,000 could arrive by year's end. South Korea claims North Korean troops will fight for Russia in Ukraine starting on November 1.";

    fn texts<T>(items: &[T], span: impl Fn(&T) -> Span) -> Vec<&'static str> {
        items.iter().map(|i| span(i).slice(SEED).unwrap()).collect()
    }

    #[test]
    fn seed_quantities() {
        let qs = quantities(SEED, &test_tokens(SEED), &[]);
        assert_eq!(
            texts(&qs, |q| q.span),
            ["around 10,000", "several thousand", "a small number of these troops", "over 12,000"]
        );
        assert_eq!(qs[0].counted.and_then(|c| c.slice(SEED)), Some("troops"));
        assert_eq!(qs[3].bound, dossier_core::Bound::Lower);
    }

    #[test]
    fn seed_times() {
        let published = NaiveDate::from_ymd_opt(2024, 10, 31);
        let ts = times(SEED, &[], &[], published);
        assert_eq!(texts(&ts, |t| t.span), ["in the coming weeks", "currently", "soon", "by year's end", "November 1"]);
        let values: Vec<Option<&str>> = ts.iter().map(|t| t.value.as_deref()).collect();
        assert_eq!(
            values,
            [Some("FUTURE_REF"), Some("PRESENT_REF"), Some("FUTURE_REF"), Some("2024-12-31"), Some("2024-11-01")]
        );
        assert!(ts.iter().all(|t| t.kind == TimeType::Date));
        // Without a publication date the deadline cannot be resolved but is still found.
        let bare = times(SEED, &[], &[], None);
        assert_eq!(bare.len(), 5);
        assert_eq!(bare[3].value, None);
    }

    #[test]
    fn a_year_back_in_an_earnings_report_is_the_same_quarter() {
        let published = NaiveDate::from_ymd_opt(2024, 10, 31);
        let values = |text: &str| -> Vec<(String, String)> {
            times(text, &[], &[], published)
                .into_iter()
                .map(|t| (t.span.slice(text).unwrap_or("").to_string(), t.value.unwrap_or_default()))
                .collect()
        };
        let report = "Net income for the third quarter rose to $5 million from $4 million a year earlier. \
                      Sales were $9 million, compared with $8 million last year. Last year, it hired.";
        let got = values(report);
        assert_eq!(got[0], ("the third quarter".into(), "2024-Q3".into()));
        assert_eq!(got[1], ("a year earlier".into(), "2023-Q3".into()));
        assert_eq!(got[2], ("last year".into(), "2023-Q3".into()));
        // "last year" that compares no figure stays the calendar year.
        assert_eq!(got[3], ("Last year".into(), "2023".into()));
        // Without a quarter named before it, "a year ago" is the year.
        assert_eq!(values("Profit fell from a year ago."), [("a year ago".to_string(), "2023".to_string())]);
        // The year-ago quarter is not the quarter reported on.
        let year_ago = "In the year-ago quarter it lost $2 million; it earned $1 million a year ago.";
        assert_eq!(values(year_ago)[1].1, "2023");
    }

    #[test]
    fn sentence_spans_are_respected_and_offset() {
        let text = "He left. About 300 men came on Monday.";
        let sentences = sentences(&[Span::new(0, 8), Span::new(9, text.len())]);
        let qs = quantities(text, &test_tokens(text), &sentences);
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].span.slice(text), Some("About 300"));
        assert_eq!(qs[0].counted.and_then(|c| c.slice(text)), Some("men"));
        let ts = times(text, &[], &sentences, None);
        assert_eq!(ts.len(), 1);
        assert_eq!(ts[0].span.slice(text), Some("Monday"));
    }

    #[test]
    fn bad_sentence_spans_do_not_panic() {
        let text = "Über 5 Männer, 10 €";
        let sentences = sentences(&[Span::new(1, 3), Span::new(0, 1000), Span::new(50, 60)]);
        for q in quantities(text, &test_tokens(text), &sentences) {
            assert!(q.span.slice(text).is_some());
        }
        let _ = times(text, &[], &sentences, None);
    }

    fn check_spans(text: &str, spans: &[Span]) {
        let mut prev_end = 0;
        for sp in spans {
            assert!(sp.start <= sp.end);
            assert!(sp.slice(text).is_some(), "{sp:?} in {text:?}");
            assert!(sp.start() >= prev_end, "overlap at {sp:?}");
            prev_end = sp.end();
        }
    }

    fn sentences(spans: &[Span]) -> Vec<Sentence> {
        spans.iter().map(|&span| Sentence { span, tokens: (0, 0) }).collect()
    }

    fn sentence_strategy() -> impl Strategy<Value = Vec<Sentence>> {
        prop::collection::vec((0usize..200, 0usize..200), 0..4)
            .prop_map(|v| v.into_iter().map(|(a, b)| Sentence { span: Span::new(a, b), tokens: (0, 0) }).collect())
    }

    proptest! {
        #[test]
        fn never_panics_and_spans_are_valid(
            text in "(\\PC|[ 0-9$€%,.\\-]|about |over |between | and | to |thousand|million|November|Monday|yesterday|’s)*",
            sentences in sentence_strategy(),
            day in 0i64..20_000,
        ) {
            let published = NaiveDate::from_ymd_opt(1970, 1, 1).map(|d| d + chrono::Duration::days(day));
            let qs = quantities(&text, &test_tokens(&text), &sentences);
            check_spans(&text, &qs.iter().map(|q| q.span).collect::<Vec<_>>());
            for q in &qs {
                if let Some(c) = q.counted {
                    prop_assert!(c.slice(&text).is_some());
                }
            }
            let ts = times(&text, &[], &sentences, published);
            check_spans(&text, &ts.iter().map(|t| t.span).collect::<Vec<_>>());
            let whole = times(&text, &[], &[], None);
            check_spans(&text, &whole.iter().map(|t| t.span).collect::<Vec<_>>());
        }

        #[test]
        fn arbitrary_strings(text in any::<String>()) {
            let qs = quantities(&text, &test_tokens(&text), &[]);
            // Where the tokens split a glued chunk does not change what is read.
            prop_assert_eq!(&qs, &quantities(&text, &tokens_at_spaces(&text, false), &[]));
            check_spans(&text, &qs.iter().map(|q| q.span).collect::<Vec<_>>());
            let ts = times(&text, &[], &[], NaiveDate::from_ymd_opt(2024, 10, 31));
            check_spans(&text, &ts.iter().map(|t| t.span).collect::<Vec<_>>());
        }
    }
}
