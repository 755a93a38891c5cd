//! PETRARCH2's unit-test records (`PETR.UnitTest.records.xml`, MIT): stylised sentences about
//! fictional states (Tolkien's), each with the CAMEO events PETRARCH2 must code for it
//! (`<EventCoding sourcecode targetcode eventcode>`, or `noevents`), and the validation actor
//! dictionary that turns names into the actor codes (`PETR.Validate.actors.txt`). With the
//! CAMEO → PLOVER table of the PLOVER gold standard (`CAMEO2PLOVER-2021.txt`) the events become
//! PLOVER types, so Dossier's event layer can be scored on sentences nobody here read while
//! writing its lexicons.
//!
//! The file is not well-formed XML (some attributes lack their closing quote), so it is read
//! with patterns over its `<Sentence>` elements rather than with an XML parser.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::LazyLock;

use anyhow::{bail, Context, Result};
use regex::Regex;

/// One expected coding: the PLOVER type (2021 names) and the actor codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coding {
    pub plover: String,
    pub cameo: String,
    pub source: String,
    pub target: String,
}

/// One unit-test sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct PetrarchRecord {
    pub id: String,
    pub category: String,
    pub text: String,
    /// Empty for a `noevents` record.
    pub codings: Vec<Coding>,
}

/// The actor dictionary: each name (upper case, words joined by spaces) with the three-letter
/// state codes its entries give.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Actors {
    names: BTreeMap<String, BTreeSet<String>>,
}

impl Actors {
    /// Whether `text` names an actor whose code begins with the state code of `code` (its first
    /// three letters: `DAGGOV` → `DAG`). A name matches at the start of a word and may run on
    /// ("ERIADOR" matches "Eriadorian") unless the dictionary ends it with `_`.
    pub fn names_state(&self, text: &str, code: &str) -> bool {
        let Some(state) = code.get(..3) else { return false };
        let upper = text.to_uppercase();
        self.names.iter().filter(|(_, codes)| codes.contains(state)).any(|(name, _)| {
            let (stem, whole_word) = match name.strip_suffix('_') {
                Some(s) => (s, true),
                None => (name.as_str(), false),
            };
            upper.match_indices(stem).any(|(i, _)| {
                let starts = upper[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after = upper[i + stem.len()..].chars().next();
                starts && (!whole_word || after.is_none_or(|c| !c.is_alphanumeric()))
            })
        })
    }
}

static SENTENCE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<Sentence\b([^>]*)>(.*?)</Sentence>").unwrap());
static CODING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<EventCoding\b([^>]*)>").unwrap());
static TEXT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<Text>(.*?)</Text>").unwrap());

fn attr(attrs: &str, name: &str) -> Option<String> {
    let re = Regex::new(&format!(r#"\b{name}\s*=\s*'?"([^"]*)"#)).ok()?;
    re.captures(attrs).map(|c| c[1].to_string())
}

/// The CAMEO → PLOVER table: code → PLOVER type.
pub fn read_cameo_table(path: &Path) -> Result<BTreeMap<String, String>> {
    let src = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let table: BTreeMap<String, String> = src
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (code, rest) = l.split_once(':')?;
            let kind = rest.split([',', '#']).next()?.trim();
            let ok = !code.trim().is_empty() && code.trim().bytes().all(|b| b.is_ascii_digit()) && !kind.is_empty();
            ok.then(|| (code.trim().to_string(), kind.to_uppercase()))
        })
        .collect();
    if table.is_empty() {
        bail!("{} holds no CAMEO → PLOVER lines (\"030: AGREE, …\")", path.display());
    }
    Ok(table)
}

/// The PLOVER type of a CAMEO code: its own line, or the nearest shorter code's ("0871" →
/// "087" → "08").
fn plover_of(table: &BTreeMap<String, String>, code: &str) -> Option<String> {
    (2..=code.len()).rev().find_map(|n| table.get(&code[..n]).cloned())
}

/// The unit-test sentences that can be scored, and the ids of those left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Records {
    pub records: Vec<PetrarchRecord>,
    /// Sentences with a code the CAMEO table does not know: the unit tests also exercise
    /// PETRARCH2's own test codes (`224`, `903` …, from its validation verb dictionary), which no
    /// PLOVER type stands for, so the sentence's gold is not known in PLOVER terms.
    pub not_cameo: Vec<String>,
}

/// The records of the unit-test file, their CAMEO codes read through `table`.
pub fn read_records(path: &Path, table: &BTreeMap<String, String>) -> Result<Records> {
    let src = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    records_of(&src, table).with_context(|| format!("in {}", path.display()))
}

pub fn records_of(src: &str, table: &BTreeMap<String, String>) -> Result<Records> {
    let mut out = Records { records: Vec::new(), not_cameo: Vec::new() };
    for c in SENTENCE.captures_iter(src) {
        let (attrs, body) = (&c[1], &c[2]);
        let id = attr(attrs, "id").unwrap_or_default();
        let Some(text) = TEXT.captures(body).map(|t| t[1].split_whitespace().collect::<Vec<_>>().join(" ")) else {
            bail!("sentence {id} has no <Text>");
        };
        let mut codings = Vec::new();
        let mut known = true;
        for e in CODING.captures_iter(body) {
            let Some(cameo) = attr(&e[1], "eventcode") else { continue };
            let Some(plover) = plover_of(table, &cameo) else {
                known = false;
                continue;
            };
            codings.push(Coding {
                plover,
                cameo,
                source: attr(&e[1], "sourcecode").unwrap_or_default(),
                target: attr(&e[1], "targetcode").unwrap_or_default(),
            });
        }
        if known {
            out.records.push(PetrarchRecord {
                id,
                category: attr(attrs, "category").unwrap_or_default(),
                text,
                codings,
            });
        } else {
            out.not_cameo.push(id);
        }
    }
    if out.records.is_empty() && out.not_cameo.is_empty() {
        bail!("no <Sentence> records");
    }
    Ok(out)
}

/// The actor dictionary (`PETR.Validate.actors.txt`): an entry is a line starting with its
/// name, then `+SYNONYM` lines and indented `[CODE …]` lines (dated codes); comments after `#`.
pub fn read_actors(path: &Path) -> Result<Actors> {
    let src = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(actors_of(&src))
}

pub fn actors_of(src: &str) -> Actors {
    static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([A-Z-]{3})[^\]]*\]").unwrap());
    let mut actors = Actors::default();
    let mut names: Vec<String> = Vec::new();
    let name_of = |s: &str| s.trim().trim_start_matches('+').replace('_', " ").trim_end().to_string();
    let mut flush = |names: &mut Vec<String>, codes: &BTreeSet<String>| {
        for n in names.drain(..) {
            actors.names.entry(n).or_default().extend(codes.iter().cloned());
        }
    };
    let mut codes = BTreeSet::new();
    for line in src.lines() {
        let line = line.split('#').next().unwrap_or("");
        if line.trim().is_empty() || line.trim_start().starts_with("<!--") {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        if !indented && !line.starts_with('+') {
            flush(&mut names, &codes);
            codes.clear();
            let name_part = line.split('[').next().unwrap_or("");
            // "ARNOR_ [ARN]": a trailing underscore ends the name at a word boundary.
            let raw = name_part.trim();
            let mut name = name_of(raw);
            if raw.ends_with('_') {
                name.push('_');
            }
            names.push(name);
        } else if line.trim_start().starts_with('+') {
            names.push(name_of(line));
        }
        codes.extend(CODE.captures_iter(line).map(|c| c[1].to_string()));
    }
    flush(&mut names, &codes);
    actors.names.retain(|n, codes| !n.trim_matches('_').is_empty() && !codes.is_empty());
    actors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> BTreeMap<String, String> {
        [("03", "AGREE"), ("064", "COOPERATE"), ("19", "ASSAULT"), ("190", "ASSAULT")]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn records_with_broken_attributes_and_no_events() {
        let src = r#"<Sentence date="19950101" id="DEMO-04" category="DEMO" sentence="false>
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode='"INJURY TOLL"' targetcode="OSG" eventcode="0311"></EventCoding>
<Text>
Arnor is about to restore
ties with Gondor.
</Text></Sentence>
<Sentence id="X-1" category="NULL"><EventCoding noevents = "True"></EventCoding><Text>Nothing.</Text></Sentence>"#;
        let Records { records: r, not_cameo } = records_of(src, &table()).unwrap();
        assert!(not_cameo.is_empty());
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].id, "DEMO-04");
        assert_eq!(r[0].text, "Arnor is about to restore ties with Gondor.");
        assert_eq!(r[0].codings[0].plover, "COOPERATE");
        assert_eq!(r[0].codings[1].plover, "AGREE", "0311 falls back to 03");
        assert_eq!(r[0].codings[1].source, "INJURY TOLL");
        assert!(r[1].codings.is_empty());
        let odd = records_of(
            "<Sentence id=\"Y\"><EventCoding eventcode=\"999\"></EventCoding><Text>x</Text></Sentence>",
            &table(),
        );
        assert_eq!(odd.unwrap().not_cameo, ["Y"]);
        assert!(records_of("<Sentences></Sentences>", &table()).is_err());
    }

    #[test]
    fn actor_names_synonyms_and_dated_codes() {
        let a = actors_of(
            "ARNOR_  [ARN]\nERIADOR  [ERI]\nGOLLUM  # pas\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\nGONDOR [GON]\n+MINAS_TIRITH\n",
        );
        assert!(a.names_state("the Eriadorian envoy", "ERIGOV"));
        assert!(a.names_state("Arnor's king", "ARN"));
        assert!(!a.names_state("Arnorian troops", "ARN"), "ARNOR_ ends at the word");
        assert!(a.names_state("Smeagol", "HOBREB"));
        assert!(a.names_state("officials in Minas Tirith", "GON"));
        assert!(!a.names_state("Gondor", "ARN"));
    }

    #[test]
    fn cameo_table_lines() {
        let t = read_cameo_table_from(
            "# c\n03: AGREE\n030: AGREE,  , diplomatic # x\n0871: RETREAT, ceasefire, military\n",
        );
        assert_eq!(t.get("0871").map(String::as_str), Some("RETREAT"));
        assert_eq!(plover_of(&t, "0301").as_deref(), Some("AGREE"));
        assert_eq!(plover_of(&t, "99"), None);
    }

    fn read_cameo_table_from(src: &str) -> BTreeMap<String, String> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.txt");
        std::fs::write(&p, src).unwrap();
        read_cameo_table(&p).unwrap()
    }
}
