//! Names: countries, places, organisations, metonyms and GUM's names (surface → entity), demonyms,
//! titles, and given names (GUM's, and the tagger's list of English given names).

use std::collections::{HashMap, HashSet};

use dossier_core::{tsv, EntityKind};

use super::LexiconError;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleClass {
    Role,
    Rank,
    Honorific,
}

/// The name files, in the order they are read (most to least curated: the first to name a
/// surface wins).
pub struct NameFiles<'a> {
    pub organizations: &'a str,
    pub metonyms: &'a str,
    pub countries: &'a str,
    pub places: &'a str,
    pub gum_names: &'a str,
    pub titles: &'a str,
    pub given_names: &'a str,
}

/// Everything read from the name files.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Surface form → entity (countries, places, organisations, metonyms, GUM names).
    pub names: HashMap<String, NameEntry>,
    /// Demonym → country ("North Korean" → "North Korea").
    pub demonyms: HashMap<String, String>,
    /// Titles and roles that stand before a person's name (lowercase).
    pub titles: HashMap<String, TitleClass>,
    pub given_names: HashSet<String>,
    /// Longest name in tokens, to bound lookups.
    pub max_name_words: usize,
}

fn kind(row: &tsv::Row, s: &str) -> Result<EntityKind, LexiconError> {
    Ok(match s.to_lowercase().as_str() {
        "person" | "per" => EntityKind::Person,
        "organization" | "organisation" | "org" => EntityKind::Organization,
        "place" | "loc" | "location" | "gpe" => EntityKind::Place,
        "group" => EntityKind::Group,
        _ => return Err(row.error(format!("unknown entity kind {s:?}")).into()),
    })
}

fn plain(canonical: &str, kind: EntityKind) -> NameEntry {
    NameEntry { canonical: canonical.to_string(), kind, only_as_actor: false, own_kind: kind }
}

impl Names {
    fn add(&mut self, surface: &str, entry: NameEntry) {
        let surface = surface.trim();
        if surface.is_empty() {
            return;
        }
        self.max_name_words = self.max_name_words.max(surface.split_whitespace().count());
        // The first source to name a surface wins: the files are loaded from most to least curated.
        self.names.entry(surface.to_string()).or_insert(entry);
    }

    /// Reads the name files (their names as in `resources/lexicons/`).
    pub fn load(files: &NameFiles) -> Result<Names, LexiconError> {
        let mut n = Names::default();
        // (surface, canonical name) of every organisation name and alias.
        let mut organizations: Vec<(&str, &str)> = Vec::new();
        for row in tsv::rows("organizations.tsv", files.organizations) {
            let name = row.field(0)?;
            organizations.push((name, name));
            organizations.extend(row.optional(1).split(',').map(str::trim).map(|alias| (alias, name)));
        }
        // A metonym that stands for its target only when it acts is, otherwise, an organisation
        // when organizations.tsv lists it ("Kremlin"), else a place ("Moscow", "Whitehall").
        let is_organization = |surface: &str| organizations.iter().any(|&(s, _)| s == surface);
        for row in tsv::rows("metonyms.tsv", files.metonyms) {
            let [surface, canonical, k, cond] = row.first::<4>()?;
            let k = kind(&row, k)?;
            let only_as_actor = match cond {
                "speaker" => true,
                "always" => false,
                _ => return Err(row.error(format!("condition must be speaker or always, not {cond:?}")).into()),
            };
            let own_kind = match (only_as_actor, is_organization(surface)) {
                (false, _) => k,
                (true, true) => EntityKind::Organization,
                (true, false) => EntityKind::Place,
            };
            n.add(surface, NameEntry { canonical: canonical.to_string(), kind: k, only_as_actor, own_kind });
        }
        for &(surface, name) in &organizations {
            n.add(surface, plain(name, EntityKind::Organization));
        }
        for row in tsv::rows("countries.tsv", files.countries) {
            let name = row.field(0)?;
            n.add(name, plain(name, EntityKind::Place));
            for alias in row.optional(4).split(',') {
                n.add(alias, plain(name, EntityKind::Place));
            }
            for d in row.list(2) {
                n.demonyms.insert(d.to_string(), name.to_string());
                n.add(d, plain(d, EntityKind::Group));
                // Plural group nouns: "Ukrainians", "Americans".
                if d.ends_with('n') || d.ends_with('i') {
                    n.add(&format!("{d}s"), plain(d, EntityKind::Group));
                }
            }
            let capital = row.optional(3);
            if !capital.is_empty() {
                n.add(capital, plain(capital, EntityKind::Place));
            }
        }
        for name in tsv::words("places.tsv", files.places) {
            n.add(name, plain(name, EntityKind::Place));
        }
        for row in tsv::rows("gum_names.tsv", files.gum_names) {
            let [name, k] = row.first::<2>()?;
            let k = kind(&row, k)?;
            // Single-word GUM names are too ambiguous out of context ("Apple", "Jordan").
            if name.contains(' ') {
                n.add(name, plain(name, k));
            }
        }
        for row in tsv::rows("titles.tsv", files.titles) {
            let [title, class] = row.first::<2>()?;
            let class = match class {
                "rank" => TitleClass::Rank,
                "honorific" => TitleClass::Honorific,
                "role" => TitleClass::Role,
                _ => return Err(row.error(format!("unknown title class {class:?}")).into()),
            };
            n.titles.insert(title.to_lowercase(), class);
        }
        n.given_names.extend(tsv::words("given_names.tsv", files.given_names).map(str::to_string));
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files<'a>(metonyms: &'a str, titles: &'a str) -> NameFiles<'a> {
        NameFiles {
            organizations: "Kremlin\t\tRussia\n",
            metonyms,
            countries: "Russia\tplace\tRussian\tMoscow\tRussian Federation\n",
            places: "",
            gum_names: "",
            titles,
            given_names: "",
        }
    }

    #[test]
    fn metonyms_demonyms_and_capitals() {
        let n = Names::load(&files("Kremlin\tRussia\tplace\tspeaker\n", "president\trole\tperson\n")).unwrap();
        let kremlin = &n.names["Kremlin"];
        assert_eq!((kremlin.canonical.as_str(), kremlin.only_as_actor), ("Russia", true));
        assert_eq!(kremlin.own_kind, EntityKind::Organization);
        assert_eq!(n.demonyms["Russian"], "Russia");
        assert_eq!(n.names["Russians"].kind, EntityKind::Group);
        assert_eq!(n.names["Moscow"].kind, EntityKind::Place);
        assert_eq!(n.names["Russian Federation"].canonical, "Russia");
        assert_eq!(n.titles["president"], TitleClass::Role);
    }

    #[test]
    fn a_bad_name_row_is_an_error_naming_file_and_line() {
        let err = Names::load(&files("# head\nKremlin\tRussia\tcity\tspeaker\n", "")).unwrap_err();
        assert_eq!(err.to_string(), "metonyms.tsv line 2: unknown entity kind \"city\"");
        let err = Names::load(&files("", "president\n")).unwrap_err();
        assert!(err.to_string().starts_with("titles.tsv line 1: missing field 2"), "{err}");
    }
}
