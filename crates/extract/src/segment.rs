//! Tokens and sentences over the reading text.
//!
//! News abbreviations ("U.S.", "Brig. Gen.", "Sept.", "Mr.") are single tokens that do not end a
//! sentence unless what follows opens a new one; quotation marks of every kind are tokens of
//! their own; a hard newline (one the repair stage kept) and a region edge always end a sentence.

use dossier_core::{Region, Sentence, Span, Token, TokenKind};

use crate::words::en;

/// The tokens as the extractors read them: lower-case forms computed once (curly apostrophes
/// folded to straight ones, so "Russia’s" and "Russia's" read alike), raw text and spans by index.
pub struct TokenView<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub lower: Vec<String>,
}

impl<'a> TokenView<'a> {
    pub fn new(text: &'a str, tokens: &'a [Token]) -> TokenView<'a> {
        let lower = tokens.iter().map(|t| t.span.slice(text).unwrap_or("").to_lowercase().replace('’', "'")).collect();
        TokenView { text, tokens, lower }
    }

    /// Token `i`, lower-cased.
    pub fn w(&self, i: usize) -> &str {
        &self.lower[i]
    }

    /// Token `i` as written.
    pub fn raw(&self, i: usize) -> &str {
        self.tokens[i].span.slice(self.text).unwrap_or("")
    }

    /// The indices of the tokens lying wholly inside `span`.
    pub fn within(&self, span: Span) -> std::ops::Range<usize> {
        let lo = self.tokens.partition_point(|t| t.span.start < span.start);
        let hi = self.tokens.partition_point(|t| t.span.end <= span.end);
        lo..hi.max(lo)
    }

    /// The span from token `a` to token `b - 1`.
    pub fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.tokens[a].span.start(), self.tokens[b - 1].span.end())
    }
}

pub fn is_sentence_starter(word: &str) -> bool {
    let w = word.trim_start_matches(['"', '“', '‘', '\'', '(']);
    en().sentence_starters.contains(w)
}

pub fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '‹' | '›' | '‘' | '’' | '‚' | '\'' | '「' | '」')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || (!c.is_ascii() && matches!(unicode_class(c), CharClass::Mark))
}

enum CharClass {
    Mark,
    Other,
}

fn unicode_class(c: char) -> CharClass {
    // Combining marks (U+0300–U+036F and friends) belong to the word they decorate.
    if ('\u{0300}'..='\u{036F}').contains(&c)
        || ('\u{1AB0}'..='\u{1AFF}').contains(&c)
        || ('\u{20D0}'..='\u{20FF}').contains(&c)
    {
        CharClass::Mark
    } else {
        CharClass::Other
    }
}

/// Splits the reading text into tokens. Every byte that is not whitespace belongs to a token.
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let off = |i: usize| chars.get(i).map_or(text.len(), |&(o, _)| o);
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if is_word_char(c) {
            // A word: alphanumerics joined by internal - ' ’ . & , (digits) when a word char follows.
            let mut j = i + 1;
            while let Some(d) = at(j) {
                if is_word_char(d) {
                    j += 1;
                    continue;
                }
                let next_is_word = at(j + 1).is_some_and(is_word_char);
                let joins = match d {
                    '-' | '&' | '·' => next_is_word,
                    '.' => {
                        next_is_word && !at(j + 1).is_some_and(char::is_uppercase)
                            || is_initialism_dot(&chars, start, j)
                    }
                    ',' => {
                        next_is_word
                            && at(j - 1).is_some_and(|p| p.is_ascii_digit())
                            && at(j + 1).is_some_and(|n| n.is_ascii_digit())
                    }
                    '\'' | '’' => {
                        // "don't", "O'Brien" join; the possessive "'s" becomes its own token.
                        let possessive =
                            matches!(at(j + 1), Some('s') | Some('S')) && !at(j + 2).is_some_and(is_word_char);
                        next_is_word && !possessive
                    }
                    _ => false,
                };
                if joins {
                    j += 1;
                } else {
                    break;
                }
            }
            // A trailing period belongs to a known abbreviation or an initialism ("U.S.", "J.").
            if at(j) == Some('.') {
                let word = &text[off(start)..off(j + 1)];
                let initialism = text[off(start)..off(j)]
                    .split('.')
                    .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
                if en().abbreviations_before_names.contains(word)
                    || en().abbreviations_may_end.contains(word)
                    || initialism
                {
                    j += 1;
                }
            }
            let kind = if c.is_ascii_digit() { TokenKind::Number } else { TokenKind::Word };
            tokens.push(Token { span: Span::new(off(start), off(j)), kind });
            i = j;
            continue;
        }
        if (c == '\'' || c == '’')
            && matches!(at(i + 1), Some('s') | Some('S'))
            && !at(i + 2).is_some_and(is_word_char)
            && i > 0
            && is_word_char(chars[i - 1].1)
        {
            tokens.push(Token { span: Span::new(off(i), off(i + 2)), kind: TokenKind::Word });
            i += 2;
            continue;
        }
        // Typewriter double quotes written as two marks: '' and ``.
        if (c == '\'' || c == '`') && at(i + 1) == Some(c) {
            tokens.push(Token { span: Span::new(off(i), off(i + 2)), kind: TokenKind::Quote });
            i += 2;
            continue;
        }
        if is_quote_char(c) {
            tokens.push(Token { span: Span::new(off(i), off(i + 1)), kind: TokenKind::Quote });
            i += 1;
            continue;
        }
        // Runs of the same punctuation ("...", "--", "?!") stay one token.
        let mut j = i + 1;
        while at(j).is_some_and(|d| d == c && matches!(c, '.' | '-' | '!' | '?')) {
            j += 1;
        }
        tokens.push(Token { span: Span::new(off(i), off(j)), kind: TokenKind::Punct });
        i = j;
    }
    tokens
}

/// "U.S": a dot after a single letter, inside a chain of single letters.
fn is_initialism_dot(chars: &[(usize, char)], start: usize, dot: usize) -> bool {
    let prev_single = dot >= 1 && chars[dot - 1].1.is_alphabetic() && (dot - 1 == start || chars[dot - 2].1 == '.');
    let next_single = chars.get(dot + 1).is_some_and(|&(_, c)| c.is_alphabetic())
        && !chars.get(dot + 2).is_some_and(|&(_, c)| c.is_alphabetic());
    prev_single && next_single
}

fn token_text<'a>(text: &'a str, t: &Token) -> &'a str {
    t.span.slice(text).unwrap_or("")
}

/// Does a sentence end after token `i`? `next` is the first token after any closing quotes.
fn ends_after(text: &str, tokens: &[Token], i: usize, next: Option<usize>) -> bool {
    let t = token_text(text, &tokens[i]);
    let Some(n) = next else { return true };
    let next_text = token_text(text, &tokens[n]);
    let next_opens = next_text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        || tokens[n].kind == TokenKind::Quote
        || next_text.starts_with(['(', '[', '—', '–']);
    match t {
        "." | "!" | "?" | "…" | "..." | "?!" | "!!" | "??" => next_opens,
        _ if t.ends_with('.') && tokens[i].kind == TokenKind::Word => {
            if en().abbreviations_before_names.contains(t) {
                false
            } else {
                // "U.S." or "Inc." ends a sentence only before a word that opens one.
                next_opens && (is_sentence_starter(next_text) || tokens[n].kind == TokenKind::Quote)
            }
        }
        _ => false,
    }
}

/// Splits tokens into sentences. `hard_breaks` are the newlines that end a line of text
/// (the repair stage decided which); `regions` edges always end a sentence.
pub fn sentences(text: &str, tokens: &[Token], regions: &[Region]) -> Vec<Sentence> {
    let mut out = Vec::new();
    if tokens.is_empty() {
        return out;
    }
    let mut edges: Vec<u32> = regions.iter().flat_map(|r| [r.span.start, r.span.end]).collect();
    edges.sort_unstable();
    let crosses_edge = |a: u32, b: u32| {
        let k = edges.partition_point(|&e| e <= a);
        edges.get(k).is_some_and(|&e| e <= b)
    };
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        // Absorb closing quotes and brackets into the sentence they close.
        let mut last = i;
        let is_final = matches!(token_text(text, &tokens[i]), "." | "!" | "?" | "…" | "..." | "?!" | "!!" | "??")
            || (tokens[i].kind == TokenKind::Word && token_text(text, &tokens[i]).ends_with('.'));
        if is_final {
            while last + 1 < tokens.len() {
                let nt = token_text(text, &tokens[last + 1]);
                let closing = matches!(nt, "”" | "’" | ")" | "]" | "»")
                    || (matches!(nt, "\"" | "'") && !gap_between(text, &tokens[last], &tokens[last + 1]));
                if closing {
                    last += 1;
                } else {
                    break;
                }
            }
        }
        let next = (last + 1 < tokens.len()).then_some(last + 1);
        let hard_gap = next.is_some_and(|n| text[tokens[last].span.end()..tokens[n].span.start()].contains('\n'));
        let edge = next.is_some_and(|n| crosses_edge(tokens[last].span.end, tokens[n].span.start));
        if next.is_none() || hard_gap || edge || (is_final && ends_after(text, tokens, i, next)) {
            push_bounded(text, tokens, first, last + 1, &mut out);
            first = last + 1;
        }
        i = last + 1;
    }
    out
}

/// The most tokens one sentence holds. Real news sentences stay far below it (the longest of
/// 11,516 PolNeAR sentences has 86 words); text without sentence punctuation (a crawler's run-on
/// line, a list glued together) is cut into pieces of at most this length, so every stage's work
/// per sentence, and a statement's content, stays bounded and a document's cost grows with its
/// length, not its square.
pub const MAX_SENTENCE_TOKENS: usize = 200;

/// Pushes the sentence of tokens `first..end`, cut into pieces of at most
/// [`MAX_SENTENCE_TOKENS`], each ending after the last clause mark (`;`, `:`, `,`, a dash) in the
/// second half of its window when there is one.
fn push_bounded(text: &str, tokens: &[Token], mut first: usize, end: usize, out: &mut Vec<Sentence>) {
    while first < end {
        let mut last = end;
        if end - first > MAX_SENTENCE_TOKENS {
            let window = first + MAX_SENTENCE_TOKENS / 2..first + MAX_SENTENCE_TOKENS;
            let clause_mark = |&i: &usize| matches!(token_text(text, &tokens[i]), ";" | ":" | "," | "—" | "–");
            last = window.clone().rev().find(clause_mark).map_or(window.end, |i| i + 1);
        }
        let span = Span::new(tokens[first].span.start(), tokens[last - 1].span.end());
        out.push(Sentence { span, tokens: (first as u32, last as u32) });
        first = last;
    }
}

fn gap_between(text: &str, a: &Token, b: &Token) -> bool {
    text.get(a.span.end()..b.span.start()).is_some_and(|g| !g.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        sentences(text, &tokens, &[]).iter().map(|s| s.span.slice(text).unwrap()).collect()
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.slice(text).unwrap()).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            split("According to U.S. Department of Defense spokesperson Brig. Gen. Patrick Ryder, it is so. Mr. Smith agreed."),
            ["According to U.S. Department of Defense spokesperson Brig. Gen. Patrick Ryder, it is so.", "Mr. Smith agreed."]
        );
        assert_eq!(
            split("The vote is on Sept. 12 in Washington. It will be close."),
            ["The vote is on Sept. 12 in Washington.", "It will be close."]
        );
    }

    #[test]
    fn initialism_ends_a_sentence_before_a_sentence_opener() {
        assert_eq!(split("He moved to the U.S. The move was hard."), ["He moved to the U.S.", "The move was hard."]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("“We will win.” He left. \"Never.\" She smiled."),
            ["“We will win.”", "He left.", "\"Never.\"", "She smiled."]
        );
        assert_eq!(split("(It rained.) Then it stopped."), ["(It rained.)", "Then it stopped."]);
    }

    #[test]
    fn tokens_keep_numbers_possessives_and_quotes_apart() {
        assert_eq!(
            words("Russia's 10,000 troops—“fake news,” U.S.-led"),
            ["Russia", "'s", "10,000", "troops", "—", "“", "fake", "news", ",", "”", "U.S.", "-", "led"]
        );
        assert_eq!(words("Austin’s assessment (DoD) don't"), ["Austin", "’s", "assessment", "(", "DoD", ")", "don't"]);
        assert_eq!(words("Brighteon.com. 1.5 million"), ["Brighteon.com", ".", "1.5", "million"]);
    }

    #[test]
    fn a_run_on_line_is_cut_into_bounded_sentences_after_clause_marks() {
        let text = "word ".repeat(550) + "end, " + &"more ".repeat(300);
        let tokens = tokenize(&text);
        let got = sentences(&text, &tokens, &[]);
        assert!(got.iter().all(|s| (s.tokens.1 - s.tokens.0) as usize <= MAX_SENTENCE_TOKENS));
        // Pieces tile the tokens with no gap or overlap.
        assert_eq!(got.first().unwrap().tokens.0, 0);
        assert!(got.windows(2).all(|w| w[0].tokens.1 == w[1].tokens.0));
        assert_eq!(got.last().unwrap().tokens.1 as usize, tokens.len());
        // No clause mark: cut at the cap; a comma in the window: cut after it.
        assert_eq!(got[0].tokens.1 as usize, MAX_SENTENCE_TOKENS);
        assert!(got[2].span.slice(&text).unwrap().ends_with("end,"), "{:?}", got[2].span.slice(&text));
    }

    #[test]
    fn hard_newline_ends_a_sentence() {
        assert_eq!(split("Ukraine threatening war\nZelensky spoke."), ["Ukraine threatening war", "Zelensky spoke."]);
    }
}
