//! Repair, tokens and sentences over arbitrary text (bytes read as lossy UTF-8).
//!
//! Checks: repair's regions, soft breaks and cited sources lie inside the text (a soft break is
//! a '\n'); the reading text has the same length; every token is non-empty, on char boundaries,
//! inside the text, after the previous one, and only whitespace lies between tokens; sentences
//! tile the tokens in order, none empty, none longer than MAX_SENTENCE_TOKENS, each spanning
//! exactly its first to its last token.
#![no_main]

use dossier_extract::repair::repair;
use dossier_extract::segment::{sentences, tokenize, MAX_SENTENCE_TOKENS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;

    let r = repair(text);
    for reg in &r.regions {
        assert!(reg.span.slice(text).is_some(), "region {reg:?} outside the text");
    }
    for &b in &r.soft_breaks {
        assert_eq!(text.as_bytes().get(b as usize), Some(&b'\n'), "soft break {b} is not a newline");
    }
    for s in &r.cited_sources {
        assert!(s.slice(text).is_some(), "cited source {s:?} outside the text");
    }
    let reading = r.reading_text(text);
    assert_eq!(reading.len(), text.len(), "the reading text changed length");

    let tokens = tokenize(&reading);
    let mut prev_end = 0usize;
    for (i, t) in tokens.iter().enumerate() {
        assert!(t.span.start < t.span.end, "token {i} {t:?} is empty");
        assert!(t.span.start() >= prev_end, "token {i} {t:?} overlaps or precedes the one before (ends {prev_end})");
        assert!(t.span.slice(&reading).is_some(), "token {i} {t:?} is not a slice of the reading text");
        assert!(t.span.slice(text).is_some(), "token {i} {t:?} is not a slice of the original text");
        let gap = &reading[prev_end..t.span.start()];
        assert!(gap.chars().all(char::is_whitespace), "non-whitespace {gap:?} before token {i} belongs to no token");
        prev_end = t.span.end();
    }
    assert!(reading[prev_end..].chars().all(char::is_whitespace), "non-whitespace after the last token");

    let sents = sentences(&reading, &tokens, &r.regions);
    let mut next = 0u32;
    for (k, s) in sents.iter().enumerate() {
        let (a, b) = s.tokens;
        assert_eq!(a, next, "sentence {k} {s:?} does not start where the previous one ended");
        assert!(a < b, "sentence {k} {s:?} holds no token");
        assert!((b - a) as usize <= MAX_SENTENCE_TOKENS, "sentence {k} holds {} tokens", b - a);
        assert!(b as usize <= tokens.len(), "sentence {k} {s:?} runs past the tokens");
        assert_eq!(s.span.start, tokens[a as usize].span.start, "sentence {k} does not start at its first token");
        assert_eq!(s.span.end, tokens[b as usize - 1].span.end, "sentence {k} does not end at its last token");
        next = b;
    }
    assert_eq!(next as usize, tokens.len(), "the sentences leave tokens out");
});
