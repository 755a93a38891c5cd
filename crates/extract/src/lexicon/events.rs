//! The event lexicon: trigger patterns per PLOVER type (`events/<TYPE>.tsv`), support verbs
//! (`events/light_verbs.tsv`), sector words (`events/sectors.tsv`) and the country facts that place
//! actors (`countries.tsv`, `places.tsv`, `metonyms.tsv`).

use std::collections::{HashMap, HashSet};

use dossier_core::{tsv, EventType, Sector};

use super::cues::inflect;
use super::LexiconError;

macro_rules! event_file {
    ($name:literal) => {
        ($name, lexicon_file!(concat!("events/", $name, ".tsv")))
    };
}

/// The per-type lexicons, in the order they are loaded.
const TYPE_FILES: &[(&str, &str)] = &[
    event_file!("AGREE"),
    event_file!("CONSULT"),
    event_file!("SUPPORT"),
    event_file!("COOPERATE"),
    event_file!("AID"),
    event_file!("CONCEDE"),
    event_file!("RETREAT"),
    event_file!("INVESTIGATE"),
    event_file!("DEMAND"),
    event_file!("DISAPPROVE"),
    event_file!("REJECT"),
    event_file!("THREATEN"),
    event_file!("PROTEST"),
    event_file!("MOBILIZE"),
    event_file!("SANCTION"),
    event_file!("COERCE"),
    event_file!("ASSAULT"),
    event_file!("FIGHT"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Base,
    Third,
    Past,
    Ing,
    Noun,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Gap,
    /// Alternatives, each a sequence of lowercase words.
    Words(Vec<Vec<String>>),
}

/// One row of an event lexicon.
#[derive(Debug, Clone)]
pub struct EventEntry {
    pub kind: EventType,
    /// The pattern as written ("hold * talks|meeting").
    pub pattern: String,
    pub noun: bool,
    pub mode: Option<String>,
    /// A sentence in which the pattern must be found as an event of `kind` (checked by tests).
    pub example: String,
    /// The pattern after its head word: word alternatives and gaps.
    pub rest: Vec<Part>,
}

/// The event lexicons: trigger patterns per PLOVER type, support verbs, sector words and the
/// country facts that place actors.
#[derive(Debug, Clone, Default)]
pub struct EventLexicon {
    pub entries: Vec<EventEntry>,
    /// First word (lowercase, any form) → (entry, form).
    pub index: HashMap<String, Vec<(usize, Form)>>,
    /// Support verb forms (first word) → the words that must follow.
    pub light: HashMap<String, Vec<Vec<String>>>,
    /// Sector words (lowercase word sequences).
    pub sectors: Vec<(Vec<String>, Sector)>,
    pub countries: HashSet<String>,
    /// Place, capital or demonym → country.
    pub country_of: HashMap<String, String>,
    /// Finite verb forms in the lexicon (past, third person): they end noun phrases.
    pub verb_forms: HashMap<String, Form>,
}

fn plural(w: &str) -> String {
    if w.ends_with('s') || w.ends_with('x') || w.ends_with("ch") || w.ends_with("sh") {
        format!("{w}es")
    } else if let Some(stem) = w.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
        format!("{stem}ies")
    } else {
        format!("{w}s")
    }
}

impl EventLexicon {
    /// Parses the event lexicons compiled into the binary.
    pub fn builtin() -> Result<EventLexicon, LexiconError> {
        let mut lex = EventLexicon::default();
        for (name, file) in TYPE_FILES {
            let kind = EventType::parse(name).ok_or_else(|| LexiconError::Invalid(format!("no event type {name}")))?;
            lex.load_type(kind, &format!("events/{name}.tsv"), file)?;
        }
        for row in tsv::rows("events/light_verbs.tsv", lexicon_file!("events/light_verbs.tsv")) {
            let verb = row.field(0)?;
            let words: Vec<String> = verb.split(' ').map(str::to_string).collect();
            let mut forms: Vec<String> = inflect(&words[0]).into();
            forms.push(words[0].clone());
            forms.extend(row.list(1).map(str::to_string));
            for f in forms {
                lex.light.entry(f).or_default().push(words[1..].to_vec());
            }
        }
        for row in tsv::rows("events/sectors.tsv", lexicon_file!("events/sectors.tsv")) {
            let [word, sector] = row.first::<2>()?;
            let s = Sector::parse(sector).ok_or_else(|| row.error(format!("unknown sector {sector:?}")))?;
            lex.sectors.push((word.split(' ').map(str::to_string).collect(), s));
        }
        lex.sectors.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        for row in tsv::rows("countries.tsv", lexicon_file!("countries.tsv")) {
            let name = row.field(0)?;
            lex.countries.insert(name.to_string());
            for item in [2, 3, 4].into_iter().flat_map(|i| row.list(i)) {
                lex.country_of.insert(item.to_string(), name.to_string());
            }
        }
        for row in tsv::rows("places.tsv", lexicon_file!("places.tsv")) {
            let [name, _] = row.first::<2>()?;
            let parent = row.optional(2);
            if !parent.is_empty() {
                lex.country_of.insert(name.to_string(), parent.to_string());
            }
        }
        for row in tsv::rows("metonyms.tsv", lexicon_file!("metonyms.tsv")) {
            let [surface, canonical] = row.first::<2>()?;
            if lex.countries.contains(canonical) {
                lex.country_of.insert(surface.to_string(), canonical.to_string());
            }
        }
        Ok(lex)
    }

    fn load_type(&mut self, kind: EventType, file: &str, text: &str) -> Result<(), LexiconError> {
        for row in tsv::rows(file, text) {
            let [pattern, pos, mode, example] = row.first::<4>()?;
            let forms: Vec<&str> = row.list(4).collect();
            let noun = match pos {
                "n" => true,
                "v" => false,
                _ => return Err(row.error(format!("pos must be v or n, not {pos:?}")).into()),
            };
            // Segments split at gaps; the first word is the head; the rest of a segment is one set of
            // alternatives, each possibly several words ("martial law|state of emergency").
            let mut segments = pattern.split(" * ");
            let seg0 = segments.next().unwrap_or_default();
            let (head, seg0_rest) = seg0.split_once(' ').unwrap_or((seg0, ""));
            let alternatives = |seg: &str| -> Part {
                Part::Words(seg.split('|').map(|a| a.split(' ').map(str::to_string).collect()).collect())
            };
            let mut rest = Vec::new();
            if !seg0_rest.is_empty() {
                rest.push(alternatives(seg0_rest));
            }
            for seg in segments {
                rest.push(Part::Gap);
                rest.push(alternatives(seg));
            }
            let idx = self.entries.len();
            let mut heads: Vec<(String, Form)> = Vec::new();
            if noun {
                heads.push((head.to_string(), Form::Noun));
                if rest.is_empty() {
                    if forms.is_empty() {
                        heads.push((plural(head), Form::Noun));
                    } else {
                        heads.extend(forms.iter().map(|p| (p.to_string(), Form::Noun)));
                    }
                }
            } else {
                let [third, past, ing] = inflect(head);
                let f = |i: usize, d: String| forms.get(i).map_or(d, |s| s.to_string());
                heads.push((head.to_string(), Form::Base));
                heads.push((f(0, third), Form::Third));
                heads.push((f(1, past), Form::Past));
                heads.push((f(2, ing), Form::Ing));
                if let Some(pp) = forms.get(3) {
                    heads.push((pp.to_string(), Form::Past));
                }
                for (h, f) in &heads {
                    if matches!(f, Form::Past | Form::Third) {
                        self.verb_forms.entry(h.clone()).or_insert(*f);
                    }
                }
            }
            if noun {
                // The last word of a multi-word noun may be plural: "hunger strikes".
                if let Some(Part::Words(alts)) = rest.last_mut() {
                    let extra: Vec<Vec<String>> = alts
                        .iter()
                        .filter_map(|a| {
                            let mut a = a.clone();
                            let last = a.pop()?;
                            a.push(plural(&last));
                            Some(a)
                        })
                        .collect();
                    alts.extend(extra);
                }
            }
            self.entries.push(EventEntry {
                kind,
                pattern: pattern.to_string(),
                noun,
                mode: (!mode.is_empty()).then(|| mode.to_string()),
                example: example.to_string(),
                rest,
            });
            for (h, form) in heads {
                let e = self.index.entry(h).or_default();
                if !e.contains(&(idx, form)) {
                    e.push((idx, form));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_parse() {
        let lex = EventLexicon::builtin().unwrap();
        assert!(lex.entries.len() > 200);
        let e = lex.entries.iter().find(|e| e.pattern.starts_with("impose * martial law")).unwrap();
        assert_eq!(
            e.rest[1],
            Part::Words(vec![
                vec!["martial".into(), "law".into()],
                vec!["state".into(), "of".into(), "emergency".into()],
                vec!["state".into(), "of".into(), "siege".into()],
                vec!["emergency".into(), "rule".into()],
            ])
        );
        assert!(lex.index["met"].iter().any(|&(i, f)| lex.entries[i].kind == EventType::Consult && f == Form::Past));
        assert!(lex.light.contains_key("held"));
        assert_eq!(lex.country_of.get("Pyongyang").map(String::as_str), Some("North Korea"));
    }

    #[test]
    fn a_bad_pattern_row_is_an_error_naming_file_and_line() {
        let mut lex = EventLexicon::default();
        let err = lex
            .load_type(
                EventType::Agree,
                "events/AGREE.tsv",
                "# head
accept	verb		X accepted.	
",
            )
            .unwrap_err();
        assert_eq!(err.to_string(), "events/AGREE.tsv line 2: pos must be v or n, not \"verb\"");
        let err = lex
            .load_type(
                EventType::Agree,
                "events/AGREE.tsv",
                "accept	v
",
            )
            .unwrap_err();
        assert!(err.to_string().starts_with("events/AGREE.tsv line 1: missing field 3"), "{err}");
    }
}
