//! How a report stands toward its claim: `asserts`, `confirms`, `denies`, `repeats` (the outlet
//! relays what someone else says without taking a side) or `questions`. A statement's stance
//! comes first from the attribution layer (a denial cue, a confirmation cue, an echoed source),
//! then from the words of what is reported (`resources/lexicons/en/claim_stance.tsv`); a headline
//! or an unattributed sentence has only its words.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::terms::words;

const LEXICON: &str = include_str!("../../../resources/lexicons/en/claim_stance.tsv");

/// A report's stance toward its claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ReportStance {
    Asserts,
    Confirms,
    Denies,
    Repeats,
    Questions,
}

impl ReportStance {
    pub const ALL: [ReportStance; 5] = [
        ReportStance::Asserts,
        ReportStance::Confirms,
        ReportStance::Denies,
        ReportStance::Repeats,
        ReportStance::Questions,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportStance::Asserts => "asserts",
            ReportStance::Confirms => "confirms",
            ReportStance::Denies => "denies",
            ReportStance::Repeats => "repeats",
            ReportStance::Questions => "questions",
        }
    }

    pub fn parse(s: &str) -> Option<ReportStance> {
        ReportStance::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Denies,
    Negation,
    Questions,
    Repeats,
}

struct Lexicon {
    /// Phrases as word sequences by their first word, longest first.
    phrases: std::collections::HashMap<String, Vec<(Vec<String>, Cue)>>,
    /// The one-word cues, for [`is_cue_word`].
    single: std::collections::HashSet<String, dossier_core::fnv::FnvBuild>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut phrases = Vec::new();
        for row in dossier_core::tsv::rows("claim_stance.tsv", LEXICON) {
            let [phrase, class] = row.first::<2>().expect("claim_stance.tsv rows have two fields (tested)");
            let cue = match class {
                "denies" => Cue::Denies,
                "negation" => Cue::Negation,
                "questions" => Cue::Questions,
                "repeats" => Cue::Repeats,
                other => panic!("claim_stance.tsv line {}: unknown class {other:?} (tested)", row.line),
            };
            phrases.push((phrase.split(' ').map(str::to_string).collect::<Vec<_>>(), cue));
        }
        phrases.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let single = phrases.iter().filter(|(p, _)| p.len() == 1).map(|(p, _)| p[0].clone()).collect();
        let mut by_first: std::collections::HashMap<String, Vec<(Vec<String>, Cue)>> = Default::default();
        for (p, cue) in phrases {
            by_first.entry(p[0].clone()).or_default().push((p, cue));
        }
        Lexicon { phrases: by_first, single }
    })
}

/// Whether a word (lowercase) is one of the stance cues: such words say how a report stands,
/// not what it is about, so the wording of a claim leaves them out.
pub fn is_cue_word(word: &str) -> bool {
    lexicon().single.contains(word)
}

/// The cues a text carries.
fn cues(text: &str) -> Vec<Cue> {
    let ws: Vec<String> = words(text).map(|w| w.to_lowercase().replace('\u{2019}', "'")).collect();
    let mut out = Vec::new();
    for i in 0..ws.len() {
        for (p, cue) in lexicon().phrases.get(&ws[i]).into_iter().flatten() {
            if ws[i..].starts_with(p) {
                out.push(*cue);
                break;
            }
        }
    }
    out
}

/// The stance of a text on its own: a headline, or an unattributed sentence of the outlet.
pub fn of_text(text: &str) -> ReportStance {
    let cues = cues(text);
    let has = |c: Cue| cues.contains(&c);
    let question = text.trim_end().ends_with('?');
    if has(Cue::Denies) {
        ReportStance::Denies
    } else if question || has(Cue::Questions) {
        ReportStance::Questions
    } else if has(Cue::Negation) {
        ReportStance::Denies
    } else if has(Cue::Repeats) {
        ReportStance::Repeats
    } else {
        ReportStance::Asserts
    }
}

/// What the attribution layer knows of a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Attributed {
    /// The cue is a denial ("denied", "rejected").
    pub denial: bool,
    /// The cue confirms or agrees ("confirmed", "agreed").
    pub confirmation: bool,
    /// The speaker relays someone else (`echoes`), or is an anonymous "reports" / "sources".
    pub relayed: bool,
}

/// The stance of an attributed statement: its cue first, then the words of its content.
pub fn of_statement(a: Attributed, content: &str) -> ReportStance {
    if a.denial {
        return ReportStance::Denies;
    }
    if a.confirmation {
        return ReportStance::Confirms;
    }
    match of_text(content) {
        ReportStance::Asserts | ReportStance::Repeats if a.relayed => ReportStance::Repeats,
        // The speaker asserts it; hedges inside the content are the report's `hedged`, not a stance.
        ReportStance::Repeats => ReportStance::Asserts,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexicon_reads() {
        assert!(lexicon().phrases.values().map(Vec::len).sum::<usize>() > 50);
        for group in lexicon().phrases.values() {
            assert!(group.windows(2).all(|w| w[0].0.len() >= w[1].0.len()), "longest phrases first");
        }
    }

    #[test]
    fn headlines() {
        assert_eq!(of_text("Pyongyang denies sending troops to Russia"), ReportStance::Denies);
        assert_eq!(of_text("North Korea has reportedly sent troops"), ReportStance::Repeats);
        assert_eq!(of_text("Has North Korea sent troops to Russia?"), ReportStance::Questions);
        assert_eq!(of_text("North Korea did not send troops, Seoul says"), ReportStance::Denies);
        assert_eq!(of_text("North Korea sends 10,000 troops to Russia"), ReportStance::Asserts);
        assert_eq!(of_text("According to Seoul, troops were sent"), ReportStance::Repeats);
        assert_eq!(of_text(""), ReportStance::Asserts);
    }

    #[test]
    fn statements() {
        let said = Attributed::default();
        assert_eq!(of_statement(said, "they sent 10,000 troops"), ReportStance::Asserts);
        assert_eq!(of_statement(said, "they may have sent troops"), ReportStance::Asserts);
        assert_eq!(of_statement(Attributed { denial: true, ..said }, "sending troops"), ReportStance::Denies);
        assert_eq!(of_statement(Attributed { confirmation: true, ..said }, "troops arrived"), ReportStance::Confirms);
        assert_eq!(of_statement(Attributed { relayed: true, ..said }, "troops arrived"), ReportStance::Repeats);
        assert_eq!(of_statement(said, "the report is false"), ReportStance::Denies);
        assert_eq!(ReportStance::parse("denies"), Some(ReportStance::Denies));
    }
}
