//! The cue lexicon: reporting verbs, nouns, prepositions and adjectives (`cues.tsv`), with the cue
//! forms learnt from PolNeAR's train split (`learned/polnear_cues.tsv`).

use std::collections::HashMap;

use dossier_core::{tsv, Stance};

use super::LexiconError;

/// Learnt cue forms at least this often a cue in training count like hand-written cues.
const STRONG_CUE_RATIO: f64 = 0.6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    Verb,
    Noun,
    Prep,
    Adj,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbForm {
    Base,
    ThirdPerson,
    Past,
    Ing,
}

#[derive(Debug, Clone)]
pub struct CueEntry {
    pub lemma: String,
    pub kind: CueKind,
    pub stance: Stance,
    pub hedge: bool,
    /// Literal words after the first one ("point out" → ["out"]).
    pub rest: Vec<String>,
    /// Learnt from data rather than written by hand: a weaker cue that needs a reported clause.
    pub learned: bool,
}

/// The cues and the index of their word forms.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    pub entries: Vec<CueEntry>,
    /// First word form (lowercase) → (cue index, form).
    pub forms: HashMap<String, Vec<(usize, VerbForm)>>,
}

fn stance(row: &tsv::Row, s: &str) -> Result<Stance, LexiconError> {
    Ok(match s {
        "deny" => Stance::Deny,
        "confirm" => Stance::Confirm,
        "warn" => Stance::Warn,
        "urge" => Stance::Urge,
        "agree" => Stance::Agree,
        "assert" => Stance::Assert,
        _ => return Err(row.error(format!("unknown stance {s:?}")).into()),
    })
}

/// Regular English inflections of a verb lemma: (3rd person, past, -ing).
pub fn inflect(lemma: &str) -> [String; 3] {
    let vowel = |c: char| "aeiou".contains(c);
    let chars: Vec<char> = lemma.chars().collect();
    let n = chars.len();
    let third = if lemma.ends_with(['s', 'x', 'z', 'o']) || lemma.ends_with("sh") || lemma.ends_with("ch") {
        format!("{lemma}es")
    } else if n > 1 && lemma.ends_with('y') && !vowel(chars[n - 2]) {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}s")
    };
    let past = if lemma.ends_with('e') {
        format!("{lemma}d")
    } else if n > 1 && lemma.ends_with('y') && !vowel(chars[n - 2]) {
        format!("{}ied", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}ed")
    };
    let ing = if lemma.ends_with("ee") {
        format!("{lemma}ing")
    } else if let Some(stem) = lemma.strip_suffix('e') {
        format!("{stem}ing")
    } else {
        format!("{lemma}ing")
    };
    [third, past, ing]
}

impl Cues {
    /// The hand-written cues of `cues.tsv` (`file` names it in errors).
    pub fn load(&mut self, file: &str, text: &str) -> Result<(), LexiconError> {
        for row in tsv::rows(file, text) {
            let [cue, kind, st, hedge] = row.first::<4>()?;
            let kind = match kind {
                "verb" => CueKind::Verb,
                "noun" => CueKind::Noun,
                "prep" => CueKind::Prep,
                "adj" => CueKind::Adj,
                _ => return Err(row.error(format!("unknown cue kind {kind:?}")).into()),
            };
            let hedge = match hedge {
                "1" => true,
                "0" | "" => false,
                _ => return Err(row.error(format!("hedge must be 0 or 1, not {hedge:?}")).into()),
            };
            let words: Vec<&str> = cue.split(' ').collect();
            let idx = self.entries.len();
            self.entries.push(CueEntry {
                lemma: cue.to_string(),
                kind,
                stance: stance(&row, st)?,
                hedge,
                rest: words[1..].iter().map(|w| w.to_string()).collect(),
                learned: false,
            });
            let mut forms = vec![(words[0].to_string(), VerbForm::Base)];
            if kind == CueKind::Verb {
                let explicit: Vec<&str> = row.list(4).collect();
                let [third, past, ing] = inflect(words[0]);
                let firsts: Vec<String> = if explicit.len() >= 3 {
                    // Explicit forms may carry the rest of the phrase ("made it clear"); key on the first word.
                    explicit.iter().map(|f| f.split(' ').next().unwrap_or(f).to_string()).collect()
                } else {
                    vec![third, past, ing]
                };
                forms.push((firsts[0].clone(), VerbForm::ThirdPerson));
                forms.push((firsts[1].clone(), VerbForm::Past));
                forms.push((firsts[2].clone(), VerbForm::Ing));
                if let Some(pp) = firsts.get(3) {
                    forms.push((pp.clone(), VerbForm::Past));
                }
            }
            for (form, vf) in forms {
                let entry = self.forms.entry(form).or_default();
                if !entry.contains(&(idx, vf)) {
                    entry.push((idx, vf));
                }
            }
        }
        Ok(())
    }

    /// Adds learnt cue word forms that the hand-written lexicon lacks, as assertions.
    pub fn load_learned(&mut self, file: &str, text: &str) -> Result<(), LexiconError> {
        for row in tsv::rows(file, text) {
            let [form, _, _, ratio] = row.first::<4>()?;
            // A form that was a cue in most of its training occurrences is as strong as a hand-written one.
            let ratio: f64 = ratio.parse().map_err(|_| row.error(format!("ratio {ratio:?} is not a number")))?;
            // Adverbs and nominalisations are not verbs of saying, whatever their statistics.
            if form.ends_with("ly")
                || ["tion", "sion", "ment", "ness", "ity"].iter().any(|s| form.ends_with(s))
                || self.forms.contains_key(form)
            {
                continue;
            }
            let verb_form = if form.ends_with("ing") {
                VerbForm::Ing
            } else if form.ends_with("ed") || form.ends_with('t') && !form.ends_with("st") {
                VerbForm::Past
            } else if form.ends_with('s') && !form.ends_with("ss") {
                VerbForm::ThirdPerson
            } else {
                VerbForm::Base
            };
            let idx = self.entries.len();
            self.entries.push(CueEntry {
                lemma: form.to_string(),
                kind: CueKind::Verb,
                stance: Stance::Assert,
                hedge: false,
                rest: Vec::new(),
                learned: ratio < STRONG_CUE_RATIO,
            });
            self.forms.entry(form.to_string()).or_default().push((idx, verb_form));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        assert_eq!(inflect("warn"), ["warns", "warned", "warning"]);
        assert_eq!(inflect("deny"), ["denies", "denied", "denying"]);
        assert_eq!(inflect("note"), ["notes", "noted", "noting"]);
        assert_eq!(inflect("stress"), ["stresses", "stressed", "stressing"]);
        assert_eq!(inflect("agree"), ["agrees", "agreed", "agreeing"]);
    }

    #[test]
    fn a_bad_cue_row_is_an_error_naming_file_and_line() {
        let mut cues = Cues::default();
        let err = cues.load("cues.tsv", "# head\nsay\tverb\tassert\t0\t\nclaim\tverb\tshout\t0\n").unwrap_err();
        assert_eq!(err.to_string(), "cues.tsv line 3: unknown stance \"shout\"");
        let err = cues.load("cues.tsv", "say\tverb\n").unwrap_err();
        assert!(err.to_string().starts_with("cues.tsv line 1: missing field 3"), "{err}");
        let err = Cues::default().load_learned("l.tsv", "said\t3\t4\tmany\n").unwrap_err();
        assert!(err.to_string().starts_with("l.tsv line 1:"), "{err}");
    }
}
