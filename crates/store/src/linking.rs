//! Linking an article's entities to the store's canonical ones, and the evidence an alias joins
//! an entity on (docs/ENTITIES.md). Deterministic: the same store and the same article give the
//! same links; every look-up is an index look-up, whatever the size of the store.

use dossier_core::names::spells_out;
use dossier_core::{Entity, EntityKind};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::Result;

/// Why an alias belongs to an entity. Stored as [`Evidence::as_str`] in `entity_aliases.evidence`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Evidence {
    /// The same name in another case or spacing ("HILLARY CLINTON").
    SameName,
    /// A person's surname, resolved to the full name by the article itself ("Ryder" after
    /// "Patrick Ryder").
    SurnameOfFullName,
    /// A person's name with middle names or initials dropped or added, first and last agreeing
    /// ("Donald J. Trump", "Donald Trump").
    MiddleInitial,
    /// An acronym the name spells out ("KCNA").
    AcronymSpelledOut,
    /// A bare surname in an article with no fuller name for it, linked to the one stored person
    /// with that surname (or the one overwhelmingly more often seen).
    UniqueSurname,
    /// Another spelling the article's analysis resolved to the entity from the lexicons: a
    /// gazetteer variant ("U.S."), a metonym that spoke ("Moscow" for Russia).
    Lexicon,
}

impl Evidence {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Evidence::SameName => "same_name",
            Evidence::SurnameOfFullName => "surname_of_full_name",
            Evidence::MiddleInitial => "middle_initial",
            Evidence::AcronymSpelledOut => "acronym_spelled_out",
            Evidence::UniqueSurname => "unique_surname",
            Evidence::Lexicon => "lexicon",
        }
    }
}

/// How many times more documents the leading person with a surname must have than the next one
/// before a bare surname links to it; and how many times more documents an entity must give a
/// contextual alias (a surname, a lexicon variant) than any other entity of its kind before the
/// alias is listed for it (`ALIASES_SQL`).
pub(crate) const SURNAME_DOMINANCE: i64 = 4;

/// The key entities merge on by exact name: case, spacing and apostrophe style ignored.
pub(crate) fn normalise_name(name: &str) -> String {
    let words: Vec<String> = name.split_whitespace().map(|w| w.to_lowercase().replace('\u{2019}', "'")).collect();
    words.join(" ")
}

/// A person's name in parts, lower-cased: "Donald J. Trump" → ("donald", "j", "trump"); a single
/// word is a bare surname (`first` empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PersonName {
    pub first: String,
    /// The words between first and last, without dots, space-separated ("h w" for "H. W.",
    /// "hw" for "H.W.").
    pub middle: String,
    pub last: String,
}

const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

pub(crate) fn person_name(name: &str) -> Option<PersonName> {
    let norm = normalise_name(name);
    let mut words: Vec<&str> = norm.split(' ').map(|w| w.trim_matches(',')).filter(|w| !w.is_empty()).collect();
    while words.len() > 1 && words.last().is_some_and(|w| SUFFIXES.contains(&w.trim_end_matches('.'))) {
        words.pop();
    }
    let last = (*words.last()?).to_string();
    if !last.chars().any(char::is_alphabetic) {
        return None;
    }
    if words.len() == 1 {
        return Some(PersonName { first: String::new(), middle: String::new(), last });
    }
    let middle: Vec<String> = words[1..words.len() - 1].iter().map(|w| w.replace('.', "")).collect();
    Some(PersonName { first: words[0].to_string(), middle: middle.join(" "), last })
}

/// Whether two middle parts can belong to one person: either is empty, or word by word they are
/// equal or one is the other's initial ("j" and "john"). "w" and "hw" (George W. and George
/// H. W. Bush) disagree.
pub(crate) fn middles_agree(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return true;
    }
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| {
            x == y || (x.chars().count() == 1 || y.chars().count() == 1) && x.chars().next() == y.chars().next()
        })
}

/// The evidence on which `alias`, seen in an article for `entity`, names that entity (whose
/// store name is `canonical`).
pub(crate) fn evidence_for(alias: &str, entity: &Entity, canonical: &str) -> Evidence {
    let norm = normalise_name(alias);
    if norm == normalise_name(&entity.name) || norm == normalise_name(canonical) {
        return Evidence::SameName;
    }
    if entity.kind == EntityKind::Person {
        if let (Some(a), Some(full)) = (person_name(alias), person_name(&entity.name)) {
            if a.last == full.last && a.first.is_empty() && !full.first.is_empty() {
                return Evidence::SurnameOfFullName;
            }
            if a.last == full.last && a.first == full.first && middles_agree(&a.middle, &full.middle) {
                return Evidence::MiddleInitial;
            }
        }
    }
    let acronym = !alias.contains(' ') && alias.chars().filter(|c| c.is_uppercase()).count() >= 2;
    if acronym && (spells_out(&entity.name, alias) || spells_out(canonical, alias)) {
        return Evidence::AcronymSpelledOut;
    }
    Evidence::Lexicon
}

/// A canonical entity's id and name, with the evidence the link rests on (`None`: the same name).
pub(crate) type Link = (i64, String, Option<Evidence>);

/// The canonical entity of the same kind and name (case, spacing and apostrophes aside).
pub(crate) fn find_exact(tx: &Transaction, e: &Entity) -> Result<Option<Link>> {
    Ok(tx
        .prepare_cached("SELECT id, name FROM entities WHERE norm = ?1 AND kind = ?2")?
        .query_row(params![normalise_name(&e.name), e.kind.as_str()], |r| Ok((r.get(0)?, r.get(1)?, None)))
        .optional()?)
}

/// The canonical entity an article's entity links to, with the evidence when the link is not by
/// exact name, or `None` when it starts an entity of its own.
pub(crate) fn find_canonical(tx: &Transaction, e: &Entity) -> Result<Option<Link>> {
    let exact = |tx: &Transaction| find_exact(tx, e);
    let person = (e.kind == EntityKind::Person).then(|| person_name(&e.name)).flatten();
    let Some(p) = person else { return exact(tx) };
    if p.first.is_empty() {
        // A bare surname: the article had no fuller name for it (the extractor would have
        // joined them). The store's one person with that surname, or none.
        if let Some(found) = unique_surname(tx, &p.last)? {
            return Ok(Some((found.0, found.1, Some(Evidence::UniqueSurname))));
        }
        return exact(tx);
    }
    if let Some(found) = exact(tx)? {
        return Ok(Some(found));
    }
    // First and last agree; the middle parts must agree with ours and with each other.
    let mut stmt = tx.prepare_cached(
        "SELECT p.entity_id, e.name, p.middle FROM person_names p JOIN entities e ON e.id = p.entity_id
         WHERE p.last = ?1 AND p.first = ?2 ORDER BY p.documents DESC, p.entity_id",
    )?;
    let candidates: Vec<(i64, String, String)> = stmt
        .query_map(params![p.last, p.first], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let fitting: Vec<&(i64, String, String)> = candidates.iter().filter(|c| middles_agree(&c.2, &p.middle)).collect();
    let consistent = fitting.iter().all(|a| fitting.iter().all(|b| middles_agree(&a.2, &b.2)));
    match fitting.first() {
        Some(c) if consistent => Ok(Some((c.0, c.1.clone(), Some(Evidence::MiddleInitial)))),
        _ => Ok(None),
    }
}

/// The stored person a bare surname can only mean: the only full name with that surname, or one
/// seen in [`SURNAME_DOMINANCE`] times as many documents as the next.
fn unique_surname(tx: &Transaction, last: &str) -> Result<Option<(i64, String)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT p.entity_id, e.name, p.documents FROM person_names p JOIN entities e ON e.id = p.entity_id
         WHERE p.last = ?1 AND p.first <> '' ORDER BY p.documents DESC, p.entity_id LIMIT 2",
    )?;
    let top: Vec<(i64, String, i64)> =
        stmt.query_map(params![last], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(match top.as_slice() {
        [one] => Some((one.0, one.1.clone())),
        [first, second] if first.2 >= SURNAME_DOMINANCE * second.2.max(1) => Some((first.0, first.1.clone())),
        _ => None,
    })
}

/// How many times more documents one of an article's own full names for a surname must have in
/// the store than each of the others before the article's bare surname is read as that one
/// ("Trump" beside Donald and Melania Trump; not "Clinton" beside Hillary and Bill, about six to
/// one in the 2016 news of PolNeAR).
pub(crate) const IN_ARTICLE_DOMINANCE: i64 = 10;

/// Among the store persons an article names in full with one surname, the one a bare use of the
/// surname in that article means: the only one, or one in [`IN_ARTICLE_DOMINANCE`] times as many
/// documents as each other.
pub(crate) fn dominant_among(tx: &Transaction, ids: &[i64]) -> Result<Option<(i64, String)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT p.entity_id, e.name, p.documents FROM person_names p JOIN entities e ON e.id = p.entity_id
         WHERE p.entity_id = ?1",
    )?;
    let mut found: Vec<(i64, String, i64)> = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(row) = stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()? {
            found.push(row);
        }
    }
    found.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    Ok(match found.as_slice() {
        [one] => Some((one.0, one.1.clone())),
        [first, second, ..] if first.2 >= IN_ARTICLE_DOMINANCE * second.2.max(1) => Some((first.0, first.1.clone())),
        _ => None,
    })
}

/// Records a new canonical person's name parts.
pub(crate) fn index_person(tx: &Transaction, id: i64, name: &str) -> Result<()> {
    if let Some(p) = person_name(name) {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO person_names (entity_id, first, middle, last) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id, p.first, p.middle, p.last])?;
    }
    Ok(())
}

/// Fills `person_names` for a store migrated to schema 6 (its persons predate the table).
pub(crate) fn backfill_person_names(tx: &Transaction) -> Result<()> {
    let persons: Vec<(i64, String)> = tx
        .prepare("SELECT id, name FROM entities WHERE kind = 'person'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, name) in persons {
        index_person(tx, id, &name)?;
    }
    tx.execute(
        "UPDATE person_names SET documents =
             (SELECT count(DISTINCT doc_id) FROM document_entities de WHERE de.entity_id = person_names.entity_id)",
        [],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(first: &str, middle: &str, last: &str) -> Option<PersonName> {
        Some(PersonName { first: first.into(), middle: middle.into(), last: last.into() })
    }

    #[test]
    fn a_person_name_is_first_middle_and_last() {
        assert_eq!(person_name("Donald J. Trump"), p("donald", "j", "trump"));
        assert_eq!(person_name("George H.W. Bush"), p("george", "hw", "bush"));
        assert_eq!(person_name("Martin Luther King Jr."), p("martin", "luther", "king"));
        assert_eq!(person_name("TRUMP"), p("", "", "trump"));
        assert_eq!(person_name("  "), None);
    }

    #[test]
    fn middle_names_agree_when_one_is_missing_or_an_initial() {
        assert!(middles_agree("", "j"));
        assert!(middles_agree("j", "john"));
        assert!(middles_agree("rodham", ""));
        assert!(!middles_agree("w", "hw"));
        assert!(!middles_agree("john", "james"));
    }

    #[test]
    fn each_alias_is_told_its_evidence() {
        let e = |name: &str, kind| Entity { id: 0, name: name.into(), kind, aliases: vec![], roles: vec![] };
        let hillary = e("Hillary Clinton", EntityKind::Person);
        assert_eq!(evidence_for("HILLARY CLINTON", &hillary, "Hillary Clinton"), Evidence::SameName);
        assert_eq!(evidence_for("Clinton", &hillary, "Hillary Clinton"), Evidence::SurnameOfFullName);
        assert_eq!(evidence_for("Hillary Rodham Clinton", &hillary, "Hillary Clinton"), Evidence::MiddleInitial);
        let kcna = e("Korean Central News Agency", EntityKind::Organization);
        assert_eq!(evidence_for("KCNA", &kcna, &kcna.name), Evidence::AcronymSpelledOut);
        let us = e("United States", EntityKind::Place);
        assert_eq!(evidence_for("America", &us, "United States"), Evidence::Lexicon);
    }
}
