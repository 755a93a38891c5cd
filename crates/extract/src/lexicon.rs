//! Lexicons and gazetteers, built into the binary and parsed once.
//!
//! The files live in `resources/lexicons/` (origins and licences in its SOURCES.md). They are data,
//! kept apart from the algorithms that read them; [`Lexicons::builtin`] parses them and the result
//! is passed to the extractors explicitly.

use std::collections::HashMap;

use dossier_core::{EntityKind, Stance};

macro_rules! lexicon_file {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../resources/lexicons/", $name))
    };
}

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

/// A known name: its canonical entity and kind.
#[derive(Debug, Clone, PartialEq)]
pub struct NameEntry {
    pub canonical: String,
    pub kind: EntityKind,
    /// Only a metonym when it acts (speaks, decides); otherwise the name itself, of `own_kind`.
    pub only_as_actor: bool,
    /// The kind of the name read for itself: the place "Moscow", the organisation "Kremlin".
    pub own_kind: EntityKind,
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
    pub given_names: std::collections::HashSet<String>,
    /// Longest name in tokens, to bound lookups.
    pub max_name_words: usize,
    /// The statistical entity tagger (resources/models/ner.bin, trained on GUM; MODEL_CARD.md there).
    pub tagger: Option<dossier_ner::Tagger>,
    /// Event trigger patterns, support verbs and sector words (resources/lexicons/events).
    pub events: crate::events::EventLexicon,
    /// Loaded by [`Lexicons::rules_only`]: without the cue forms learnt from PolNeAR.
    pub rules_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleClass {
    Role,
    Rank,
    Honorific,
}

fn rows(file: &str) -> impl Iterator<Item = Vec<&str>> {
    file.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| l.split('\t').map(str::trim).collect())
}

fn stance(s: &str) -> Stance {
    match s {
        "deny" => Stance::Deny,
        "confirm" => Stance::Confirm,
        "warn" => Stance::Warn,
        "urge" => Stance::Urge,
        "agree" => Stance::Agree,
        _ => Stance::Assert,
    }
}

fn kind(s: &str) -> Option<EntityKind> {
    match s.to_lowercase().as_str() {
        "person" | "per" => Some(EntityKind::Person),
        "organization" | "organisation" | "org" => Some(EntityKind::Organization),
        "place" | "loc" | "location" | "gpe" => Some(EntityKind::Place),
        "group" => Some(EntityKind::Group),
        _ => None,
    }
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

impl Lexicons {
    /// Parses the lexicons compiled into the binary, with the cue forms learnt from PolNeAR's
    /// train split (resources/lexicons/learned/MODEL_CARD.md).
    pub fn builtin() -> Lexicons {
        let mut lex = Lexicons::rules_only();
        lex.rules_only = false;
        lex.load_learned_cues(lexicon_file!("learned/polnear_cues.tsv"));
        lex
    }

    /// The hand-written lexicons only: for users who cannot accept the provenance of a lexicon
    /// learnt from research-only news data (`--rules-only` on the command line).
    pub fn rules_only() -> Lexicons {
        let mut lex = Lexicons { rules_only: true, ..Lexicons::default() };
        lex.load_cues(lexicon_file!("cues.tsv"));
        lex.load_names();
        // The model is built by `dossier train ner` and checked by its tests; a broken file is a build bug.
        lex.tagger = dossier_ner::Tagger::load(include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../resources/models/ner.bin"
        )))
        .ok();
        lex.load_first_names();
        lex.events = crate::events::EventLexicon::builtin();
        lex
    }

    /// The tagger's list of English given names (resources/models/first_names.tsv, PDDL/CC0)
    /// joins the given names found in GUM, except names that are also ordinary words in the
    /// tagger's training text ("Rose", "Hope") or dates ("Jan"): a sentence's first "Vince" is
    /// a name.
    fn load_first_names(&mut self) {
        let Some(tagger) = self.tagger.as_ref() else { return };
        let file = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../resources/models/first_names.tsv"));
        for row in rows(file) {
            let Some(&name) = row.first() else { continue };
            if !tagger.is_common_word(name) && !crate::entities::is_date_word(name) {
                self.given_names.insert(name.to_string());
            }
        }
    }

    /// Adds learnt cue word forms that the hand-written lexicon lacks, as assertions.
    fn load_learned_cues(&mut self, file: &str) {
        for row in rows(file) {
            let Some(&form) = row.first() else { continue };
            // Adverbs and nominalisations are not verbs of saying, whatever their statistics.
            if form.ends_with("ly")
                || ["tion", "sion", "ment", "ness", "ity"].iter().any(|s| form.ends_with(s))
                || self.cue_forms.contains_key(form)
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
            // A form that was a cue in most of its training occurrences is as strong as a hand-written one.
            let ratio: f64 = row.get(3).and_then(|r| r.parse().ok()).unwrap_or(0.0);
            let idx = self.cues.len();
            self.cues.push(CueEntry {
                lemma: form.to_string(),
                kind: CueKind::Verb,
                stance: Stance::Assert,
                hedge: false,
                rest: Vec::new(),
                learned: ratio < STRONG_CUE_RATIO,
            });
            self.cue_forms.entry(form.to_string()).or_default().push((idx, verb_form));
        }
    }

    fn load_cues(&mut self, file: &str) {
        for row in rows(file) {
            let [cue, kind, st, hedge, ..] = row[..] else { continue };
            let kind = match kind {
                "verb" => CueKind::Verb,
                "noun" => CueKind::Noun,
                "prep" => CueKind::Prep,
                _ => CueKind::Adj,
            };
            let words: Vec<&str> = cue.split(' ').collect();
            let idx = self.cues.len();
            self.cues.push(CueEntry {
                lemma: cue.to_string(),
                kind,
                stance: stance(st),
                hedge: hedge == "1",
                rest: words[1..].iter().map(|w| w.to_string()).collect(),
                learned: false,
            });
            let mut forms = vec![(words[0].to_string(), VerbForm::Base)];
            if kind == CueKind::Verb {
                let explicit: Vec<&str> =
                    row.get(4).map(|f| f.split(',').filter(|s| !s.is_empty()).collect()).unwrap_or_default();
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
                let entry = self.cue_forms.entry(form).or_default();
                if !entry.contains(&(idx, vf)) {
                    entry.push((idx, vf));
                }
            }
        }
    }

    fn add_name(&mut self, surface: &str, entry: NameEntry) {
        let surface = surface.trim();
        if surface.is_empty() {
            return;
        }
        self.max_name_words = self.max_name_words.max(surface.split_whitespace().count());
        // The first source to name a surface wins: the files are loaded from most to least curated.
        self.names.entry(surface.to_string()).or_insert(entry);
    }

    fn load_names(&mut self) {
        let plain = |canonical: &str, kind| NameEntry {
            canonical: canonical.to_string(),
            kind,
            only_as_actor: false,
            own_kind: kind,
        };
        // (surface, canonical name) of every organisation name and alias.
        let organizations: Vec<(&str, &str)> = rows(lexicon_file!("organizations.tsv"))
            .filter_map(|row| {
                let name = *row.first()?;
                let aliases = row.get(1).map(|a| a.split(',').map(str::trim).collect::<Vec<_>>()).unwrap_or_default();
                Some(std::iter::once(name).chain(aliases).map(move |surface| (surface, name)))
            })
            .flatten()
            .collect();
        // A metonym that stands for its target only when it acts is, otherwise, an organisation
        // when organizations.tsv lists it ("Kremlin"), else a place ("Moscow", "Whitehall").
        let is_organization = |surface: &str| organizations.iter().any(|&(s, _)| s == surface);
        for row in rows(lexicon_file!("metonyms.tsv")) {
            let [surface, canonical, k, cond, ..] = row[..] else { continue };
            let Some(k) = kind(k) else { continue };
            let only_as_actor = cond == "speaker";
            let own_kind = match (only_as_actor, is_organization(surface)) {
                (false, _) => k,
                (true, true) => EntityKind::Organization,
                (true, false) => EntityKind::Place,
            };
            self.add_name(surface, NameEntry { canonical: canonical.to_string(), kind: k, only_as_actor, own_kind });
        }
        for &(surface, name) in &organizations {
            self.add_name(surface, plain(name, EntityKind::Organization));
        }
        for row in rows(lexicon_file!("countries.tsv")) {
            let Some(&name) = row.first() else { continue };
            self.add_name(name, plain(name, EntityKind::Place));
            for alias in row.get(4).map(|a| a.split(',')).into_iter().flatten() {
                self.add_name(alias, plain(name, EntityKind::Place));
            }
            for demonym in row.get(2).map(|a| a.split(',')).into_iter().flatten() {
                let d = demonym.trim();
                if !d.is_empty() {
                    self.demonyms.insert(d.to_string(), name.to_string());
                    self.add_name(d, plain(d, EntityKind::Group));
                    // Plural group nouns: "Ukrainians", "Americans".
                    if d.ends_with('n') || d.ends_with('i') {
                        self.add_name(&format!("{d}s"), plain(d, EntityKind::Group));
                    }
                }
            }
            if let Some(capital) = row.get(3).filter(|c| !c.is_empty()) {
                self.add_name(capital, plain(capital, EntityKind::Place));
            }
        }
        for row in rows(lexicon_file!("places.tsv")) {
            let Some(&name) = row.first() else { continue };
            self.add_name(name, plain(name, EntityKind::Place));
        }
        for row in rows(lexicon_file!("gum_names.tsv")) {
            let [name, k, ..] = row[..] else { continue };
            // Single-word GUM names are too ambiguous out of context ("Apple", "Jordan").
            if let (Some(k), true) = (kind(k), name.contains(' ')) {
                self.add_name(name, plain(name, k));
            }
        }
        for row in rows(lexicon_file!("titles.tsv")) {
            let [title, class, ..] = row[..] else { continue };
            let class = match class {
                "rank" => TitleClass::Rank,
                "honorific" => TitleClass::Honorific,
                _ => TitleClass::Role,
            };
            self.titles.insert(title.to_lowercase(), class);
        }
        for row in rows(lexicon_file!("given_names.tsv")) {
            if let Some(&n) = row.first() {
                self.given_names.insert(n.to_string());
            }
        }
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
    fn inflections() {
        assert_eq!(inflect("warn"), ["warns", "warned", "warning"]);
        assert_eq!(inflect("deny"), ["denies", "denied", "denying"]);
        assert_eq!(inflect("note"), ["notes", "noted", "noting"]);
        assert_eq!(inflect("stress"), ["stresses", "stressed", "stressing"]);
        assert_eq!(inflect("agree"), ["agrees", "agreed", "agreeing"]);
    }

    #[test]
    fn builtin_lexicons_load() {
        let lex = Lexicons::builtin();
        assert!(lex.cue_candidates("said").iter().any(|&(i, f)| lex.cues[i].lemma == "say" && f == VerbForm::Past));
        assert!(lex.cue_candidates("made").iter().any(|&(i, _)| lex.cues[i].lemma == "make it clear"));
        assert_eq!(
            lex.names.get("Pentagon").map(|e| e.canonical.as_str()),
            Some("United States Department of Defense")
        );
        assert_eq!(lex.demonyms.get("North Korean").map(String::as_str), Some("North Korea"));
        assert!(lex.titles.contains_key("spokesperson"));
    }
}
