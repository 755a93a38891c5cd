//! A small tokenizer for raw text (used when a caller has no tokens of its own, e.g. scoring on
//! rebuilt text): white space separates, punctuation is split off, and the clitics 's, n't, 're,
//! 've, 'll, 'd, 'm are split as in Penn/UD tokenisation. Abbreviations with inner periods
//! ("U.S.", "D.C.") and numbers ("1,000.5") stay whole.

/// Byte ranges of the tokens of `text`.
pub fn tokenize(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    let bytes_len = text.len();
    while i < bytes_len {
        let rest = &text[i..];
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        // A white-space delimited chunk.
        let end = rest.char_indices().find(|&(_, ch)| ch.is_whitespace()).map_or(bytes_len, |(j, _)| i + j);
        split_chunk(text, i, end, &mut out);
        i = end;
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn split_chunk(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let chunk = &text[start..end];
    // Leading punctuation.
    let mut s = start;
    let mut e = end;
    for (j, c) in chunk.char_indices() {
        if is_word_char(c) {
            break;
        }
        out.push((start + j, start + j + c.len_utf8()));
        s = start + j + c.len_utf8();
    }
    if s >= e {
        return;
    }
    // Trailing punctuation (kept: a final period of an abbreviation like "U.S.").
    let mut tail = Vec::new();
    while e > s {
        let Some(c) = text[s..e].chars().next_back() else { break };
        if is_word_char(c) {
            break;
        }
        let word = &text[s..e];
        if c == '.' && word[..word.len() - 1].contains('.') && !word.ends_with("..") {
            break;
        }
        tail.push((e - c.len_utf8(), e));
        e -= c.len_utf8();
    }
    // Clitics.
    let lower = text[s..e].to_lowercase();
    let mut clitic = None;
    if lower.len() == e - s {
        for cl in ["n't", "'s", "’s", "'re", "'ve", "'ll", "'d", "'m", "’re", "’ve", "’ll", "’d", "’m"] {
            if lower.ends_with(cl) && lower.len() > cl.len() {
                clitic = Some(e - cl.len());
                break;
            }
        }
    }
    // Inner punctuation splits (a/b, word:word), but keep hyphens, periods, commas in numbers and
    // apostrophes inside words.
    let body_end = clitic.unwrap_or(e);
    let mut tok_start = s;
    for (j, c) in text[s..body_end].char_indices() {
        let at = s + j;
        if !is_word_char(c) && !matches!(c, '-' | '.' | ',' | '\'' | '’' | '&') {
            if tok_start < at {
                out.push((tok_start, at));
            }
            out.push((at, at + c.len_utf8()));
            tok_start = at + c.len_utf8();
        }
    }
    if tok_start < body_end {
        out.push((tok_start, body_end));
    }
    if let Some(c) = clitic {
        out.push((c, e));
    }
    out.extend(tail.into_iter().rev());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<&str> {
        tokenize(t).into_iter().map(|(a, b)| &t[a..b]).collect()
    }

    #[test]
    fn splits_like_ud() {
        assert_eq!(
            toks("\"Obama's visit to the U.S. didn't (really) help,\" he said."),
            vec![
                "\"", "Obama", "'s", "visit", "to", "the", "U.S.", "did", "n't", "(", "really", ")", "help", ",", "\"",
                "he", "said", "."
            ]
        );
        assert_eq!(toks("1,000.5 km/h"), vec!["1,000.5", "km", "/", "h"]);
    }
}
