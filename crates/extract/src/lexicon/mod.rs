//! Lexicons and gazetteers, built into the binary and parsed once.
//!
//! The files live in `resources/lexicons/` (origins and licences in its SOURCES.md). They are data,
//! kept apart from the algorithms that read them; [`Lexicons::builtin`] parses them and the result
//! is passed to the extractors explicitly. The lexicon reads no extractor:
//! - [`cues`]: reporting cues (`cues.tsv`, `learned/polnear_cues.tsv`);
//! - [`names`]: names, demonyms, titles and given names;
//! - [`events`]: the event lexicon (`events/*.tsv`).
//!
//! A row that does not parse is an error naming its file and line ([`LexiconError`]), and so is a
//! model that does not load: nothing is silently skipped.

use std::collections::{HashMap, HashSet};
use std::fmt;

use dossier_core::tsv::TsvError;

macro_rules! lexicon_file {
    ($name:expr) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../resources/lexicons/", $name))
    };
}

pub mod cues;
pub mod events;
pub mod names;

pub use cues::{inflect, CueEntry, CueKind, VerbForm};
pub use events::EventLexicon;
pub use names::{NameEntry, TitleClass};

/// Why the built-in lexicons could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum LexiconError {
    /// A row that does not parse: its file, line and why.
    Row(TsvError),
    /// A model file that does not load (resources/models).
    Model { file: String, reason: String },
    /// Anything else wrong with the data.
    Invalid(String),
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LexiconError::Row(e) => e.fmt(f),
            LexiconError::Model { file, reason } => write!(f, "{file}: {reason}"),
            LexiconError::Invalid(reason) => f.write_str(reason),
        }
    }
}

impl std::error::Error for LexiconError {}

impl From<TsvError> for LexiconError {
    fn from(e: TsvError) -> Self {
        LexiconError::Row(e)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    pub cues: Vec<CueEntry>,
    /// First word form (lowercase) → (cue index, form).
    pub cue_forms: HashMap<String, Vec<(usize, VerbForm)>>,
    /// Surface form → entity (countries, places, organisations, metonyms, GUM names).
    pub names: HashMap<String, NameEntry>,
    /// Demonym → country ("North Korean" → "North Korea").
    pub demonyms: HashMap<String, String>,
    /// Titles and roles that stand before a person's name (lowercase).
    pub titles: HashMap<String, TitleClass>,
    pub given_names: HashSet<String>,
    /// The given names that only the tagger's list brought (they leave with the tagger).
    tagger_given_names: HashSet<String>,
    /// Longest name in tokens, to bound lookups.
    pub max_name_words: usize,
    /// The statistical entity tagger (resources/models/ner.bin, trained on GUM; MODEL_CARD.md there).
    pub tagger: Option<dossier_ner::Tagger>,
    /// Event trigger patterns, support verbs and sector words (resources/lexicons/events).
    pub events: EventLexicon,
    /// Loaded by [`Lexicons::rules_only`]: without the cue forms learnt from PolNeAR.
    pub rules_only: bool,
    /// The claim/body stance model (resources/models/stance.bin, trained on FNC-1;
    /// STANCE_MODEL_CARD.md there), read by the headlines stage.
    pub stance: Option<&'static dossier_stance::StanceModel>,
}

/// The built-in stance model (resources/models/stance.bin), loaded once for the process.
pub fn stance_model() -> Result<&'static dossier_stance::StanceModel, LexiconError> {
    static MODEL: std::sync::LazyLock<Result<dossier_stance::StanceModel, String>> = std::sync::LazyLock::new(|| {
        dossier_stance::StanceModel::load(include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../resources/models/stance.bin"
        )))
        .map_err(|e| e.to_string())
    });
    MODEL
        .as_ref()
        .map_err(|reason| LexiconError::Model { file: "resources/models/stance.bin".into(), reason: reason.clone() })
}

impl Lexicons {
    /// Parses the lexicons compiled into the binary, with the cue forms learnt from PolNeAR's
    /// train split (resources/lexicons/learned/MODEL_CARD.md).
    pub fn builtin() -> Result<Lexicons, LexiconError> {
        Lexicons::load(true)
    }

    /// The hand-written lexicons only: for users who cannot accept the provenance of a lexicon
    /// learnt from research-only news data (`--rules-only` on the command line).
    pub fn rules_only() -> Result<Lexicons, LexiconError> {
        Lexicons::load(false)
    }

    fn load(learned: bool) -> Result<Lexicons, LexiconError> {
        let mut cues = cues::Cues::default();
        cues.load("cues.tsv", lexicon_file!("cues.tsv"))?;
        if learned {
            cues.load_learned("learned/polnear_cues.tsv", lexicon_file!("learned/polnear_cues.tsv"))?;
        }
        let names = names::Names::load(&names::NameFiles {
            organizations: lexicon_file!("organizations.tsv"),
            metonyms: lexicon_file!("metonyms.tsv"),
            countries: lexicon_file!("countries.tsv"),
            places: lexicon_file!("places.tsv"),
            gum_names: lexicon_file!("gum_names.tsv"),
            titles: lexicon_file!("titles.tsv"),
            given_names: lexicon_file!("given_names.tsv"),
        })?;
        // The model is built by `dossier train ner` and checked by its tests.
        let tagger = dossier_ner::Tagger::load(include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../resources/models/ner.bin"
        )))
        .map_err(|e| LexiconError::Model { file: "resources/models/ner.bin".into(), reason: e.to_string() })?;
        let mut lex = Lexicons {
            cues: cues.entries,
            cue_forms: cues.forms,
            names: names.names,
            demonyms: names.demonyms,
            titles: names.titles,
            given_names: names.given_names,
            tagger_given_names: HashSet::new(),
            max_name_words: names.max_name_words,
            tagger: None,
            events: EventLexicon::builtin()?,
            rules_only: !learned,
            stance: Some(stance_model()?),
        };
        lex.set_tagger(tagger)?;
        // The closed word lists are parsed here too, so that the first document does not pay for them.
        crate::words::en();
        Ok(lex)
    }

    /// Uses `tagger`, with its list of English given names (resources/models/first_names.tsv,
    /// PDDL/CC0) joining the given names found in GUM, except names that are also ordinary words in
    /// the tagger's training text ("Rose", "Hope") or dates ("Jan"): a sentence's first "Vince" is
    /// a name.
    fn set_tagger(&mut self, tagger: dossier_ner::Tagger) -> Result<(), LexiconError> {
        let file = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../resources/models/first_names.tsv"));
        for row in dossier_core::tsv::rows("resources/models/first_names.tsv", file) {
            let name = row.field(0)?;
            if !tagger.is_common_word(name) && !crate::words::is_date_word(name) && !self.given_names.contains(name) {
                self.tagger_given_names.insert(name.to_string());
            }
        }
        self.given_names.extend(self.tagger_given_names.iter().cloned());
        self.tagger = Some(tagger);
        Ok(())
    }

    /// The same lexicons without the statistical tagger (`--no-tagger`): the given names that only
    /// the tagger's list brought leave with it.
    pub fn without_tagger(mut self) -> Lexicons {
        self.tagger = None;
        for name in std::mem::take(&mut self.tagger_given_names) {
            self.given_names.remove(&name);
        }
        self
    }

    /// The closed-class word lists (resources/lexicons/en), parsed once for the process.
    pub fn words(&self) -> &'static crate::words::WordLists {
        crate::words::en()
    }

    /// The cue entries whose first word is this (lowercase) token.
    pub fn cue_candidates(&self, word: &str) -> &[(usize, VerbForm)] {
        self.cue_forms.get(word).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicons_load() {
        let lex = Lexicons::builtin().unwrap();
        assert!(lex.cue_candidates("said").iter().any(|&(i, f)| lex.cues[i].lemma == "say" && f == VerbForm::Past));
        assert!(lex.cue_candidates("made").iter().any(|&(i, _)| lex.cues[i].lemma == "make it clear"));
        assert_eq!(
            lex.names.get("Pentagon").map(|e| e.canonical.as_str()),
            Some("United States Department of Defense")
        );
        assert_eq!(lex.demonyms.get("North Korean").map(String::as_str), Some("North Korea"));
        assert!(lex.titles.contains_key("spokesperson"));
        assert!(lex.tagger.is_some());
        assert!(lex.stance.is_some_and(|m| m.support_floor() > 0.0 && m.support_floor() < 1.0));
    }

    #[test]
    fn rules_only_leaves_out_the_learnt_cues() {
        let (all, rules) = (Lexicons::builtin().unwrap(), Lexicons::rules_only().unwrap());
        assert!(rules.cues.len() < all.cues.len());
        assert!(rules.cues.iter().all(|c| !c.learned));
    }

    /// `--no-tagger` once kept the tagger's given names ("Vince" stayed a name without it).
    #[test]
    fn without_the_tagger_its_given_names_go_too() {
        let with = Lexicons::builtin().unwrap();
        assert!(!with.tagger_given_names.is_empty());
        let only_tagger = with.tagger_given_names.iter().next().unwrap().clone();
        assert!(with.given_names.contains(&only_tagger));
        let without = with.clone().without_tagger();
        assert!(without.tagger.is_none());
        assert!(!without.given_names.contains(&only_tagger), "{only_tagger} is the tagger's given name");
        let gum = dossier_core::tsv::words("given_names.tsv", lexicon_file!("given_names.tsv"));
        let gum: HashSet<String> = gum.map(str::to_string).collect();
        assert_eq!(without.given_names, gum);
    }
}
