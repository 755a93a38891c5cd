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
//! - "it was reported that Y" (a passive with no agent: no speaker);
//! - "X is confident that Y" (an adjective cue after a copula), "X promised Y and said Z" (the
//!   subject of the first verb speaks);
//! - "WALLACE: Y" (a name and a colon opening a line) and "“Y” ―X" (a quotation signed with a dash).
//!
//! Each frame has an example sentence in `frames::tests::FRAMES`, checked by a test.
//!
//! The reading is split along its seams: `quotes` pairs quotation marks, `frames` reads the
//! frame around each cue, `speaker` and `content` delimit the two sides of a statement.

mod content;
mod frames;
mod quotes;
mod speaker;

use dossier_core::{Attribution, Mention, MentionIndex, Sentence, Token, TokenKind};

use self::content::*;
use self::frames::*;
use self::quotes::*;
use crate::lexicon::{CueKind, Lexicons, VerbForm};
use crate::segment::TokenView;

struct Ctx<'a> {
    words: TokenView<'a>,
    mentions: MentionIndex<'a>,
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

#[derive(Debug, Clone, Copy)]
struct CueMatch {
    start: usize,
    end: usize,
    entry: usize,
    form: VerbForm,
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
        mentions: MentionIndex::new(mentions),
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
    speaker::split_coordinated_speakers(&c, out)
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

#[cfg(test)]
pub(super) mod tests {
    use std::sync::OnceLock;

    use dossier_core::Stance;

    use super::*;
    use crate::segment;

    /// The attributions read from `text` (no entity layer).
    pub(crate) fn attributions_of(text: &str) -> Vec<Attribution> {
        let tokens = segment::tokenize(text);
        let sentences = segment::sentences(text, &tokens, &[]);
        attributions(text, &tokens, &sentences, &|_| true, &[], lex())
    }

    pub(crate) fn lex() -> &'static Lexicons {
        static LEX: OnceLock<Lexicons> = OnceLock::new();
        LEX.get_or_init(|| Lexicons::builtin().unwrap())
    }

    /// (speaker, cue, content, stance) of every attribution read from `text` (no entity layer).
    pub(crate) fn read(text: &str) -> Vec<(String, String, String, Stance)> {
        let slice = |s: dossier_core::Span| s.slice(text).unwrap_or("").to_string();
        attributions_of(text)
            .into_iter()
            .map(|a| {
                let speaker = a.speaker.map(|s| slice(s.span)).unwrap_or_default();
                (speaker, slice(a.cue), slice(a.content), a.stance)
            })
            .collect()
    }

    #[test]
    fn stances_follow_cue_negation_and_echo() {
        assert_eq!(read("Ryder echoed Austin's assessment that the war was over.")[0].3, Stance::Agree);
        assert_eq!(read("The minister did not say that the talks had failed.")[0].3, Stance::Deny);
        assert_eq!(read("The minister said the army must withdraw.")[0].3, Stance::Urge);
    }

    #[test]
    fn an_urged_infinitive_is_the_content_and_its_relative_clause_stays_inside() {
        let got =
            read("Biden urges Ukraine to hit North Korean troops that its military encounters on the battlefield");
        assert_eq!(got[0].2, "Ukraine to hit North Korean troops that its military encounters on the battlefield");
        // Without an infinitive, a near "that" still opens the content.
        assert_eq!(read("Biden urged on Monday that Ukraine act.")[0].2, "Ukraine act");
    }
}
