//! Quotation marks: pairing them, quotations that continue a statement over sentences, and the
//! frames a quotation makes by punctuation alone ("WALLACE: …", "“…” ―Carla Sanchez").

use dossier_core::{Attribution, QuoteKind, Sentence, Stance, Token, TokenKind};

use super::content::*;
use super::speaker::*;
use super::Ctx;

/// Pairs quotation marks within each paragraph. Curly quotes pair by direction, straight ones by
/// alternation; an apostrophe inside or after a word is not a quote.
pub(super) fn pair_quotes(text: &str, tokens: &[Token]) -> Vec<Option<usize>> {
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

/// "“A,” said X. “B.”": a quotation that follows its attributed one, with no cue of its own,
/// continues the same statement.
pub(super) fn continue_quotes(c: &Ctx, sentences: &[Sentence], cues_per_sentence: &[usize], out: &mut [Attribution]) {
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

/// A bare attribution with a punctuation cue (":" or a dash), stance assert.
pub(super) fn punctuation_attribution(
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
pub(super) fn speaker_colon(c: &Ctx, first: usize, last: usize) -> Option<Attribution> {
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
pub(super) fn quote_dash_name(c: &Ctx, first: usize, last: usize) -> Option<Attribution> {
    let dash = (first + 1..last.saturating_sub(1))
        .find(|&k| matches!(c.raw(k), "―" | "—" | "–" | "--") && c.closes_quote(k - 1))?;
    if !c.raw(dash + 1).starts_with(char::is_uppercase) {
        return None;
    }
    let open = c.quote_pair[dash - 1]?;
    let speaker = speaker_right(c, dash + 1, last)?;
    punctuation_attribution(c, speaker, dash, (open, dash))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::tests::read;

    #[test]
    fn curly_quotes_pair_by_direction_straight_ones_by_turns() {
        let text = "“A” and \"B\" here";
        let tokens = crate::segment::tokenize(text);
        let pair = pair_quotes(text, &tokens);
        let raw: Vec<&str> = tokens.iter().map(|t| t.span.slice(text).unwrap()).collect();
        assert_eq!(raw, ["“", "A", "”", "and", "\"", "B", "\"", "here"]);
        assert_eq!((pair[0], pair[2], pair[4], pair[6]), (Some(2), Some(0), Some(6), Some(4)));
        assert_eq!(pair[1], None);
    }

    #[test]
    fn a_quotation_with_no_cue_of_its_own_continues_the_statement_before() {
        let got = read("“We will win,” said the commander. “The enemy is weak.”");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].2, "“We will win,” said the commander. “The enemy is weak.”");
    }
}
