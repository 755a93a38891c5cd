//! Gazetteer membership: multi-token names from the project's lexicons (countries, places,
//! organisations, demonyms, titles, given names), matched case-insensitively over tokens.

use std::collections::HashMap;
use std::path::Path;

use crate::codec::{Reader, Writer};
use crate::hash::{hash_lower, mix};
use crate::{Error, Result};

/// Gazetteer categories (bit positions in a token's membership mask).
pub(crate) const CATEGORIES: [&str; 9] =
    ["country", "place", "org", "demonym", "title", "given", "geonames", "surname", "company"];
const COUNTRY: u8 = 0;
const PLACE: u8 = 1;
const ORG: u8 = 2;
const DEMONYM: u8 = 3;
const TITLE: u8 = 4;
const GIVEN: u8 = 5;
/// Populated places, US states and counties from GeoNames (`geonames_places.tsv`): a list far
/// longer and noisier than the hand-made `places.tsv`, so the model weighs it on its own.
const GEONAMES: u8 = 6;
/// Surnames of the 1990 US Census (`surnames.tsv`).
const SURNAME: u8 = 7;
/// Single words of company and brand names (`companies.tsv`, from cspell's company dictionary).
const COMPANY: u8 = 8;

/// Longest entry, in tokens.
const MAX_LEN: usize = 8;

/// A set of names by category, keyed by the hash of their lower-cased tokens.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gazetteer {
    entries: HashMap<u64, u16>,
    max_len: usize,
}

impl Gazetteer {
    /// Reads `countries.tsv`, `places.tsv`, `organizations.tsv`, `titles.tsv`,
    /// `given_names.tsv`, `geonames_places.tsv`, `surnames.tsv` and `companies.tsv` from a
    /// lexicon folder (formats in `resources/lexicons/SOURCES.md`).
    /// A missing file is an error.
    pub fn from_lexicon_dir(dir: &Path) -> Result<Gazetteer> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|source| Error::Io { path: path.display().to_string(), source })
        };
        let mut g = Gazetteer::default();
        for row in rows(&read("countries.tsv")?) {
            g.add(field(&row, 0), COUNTRY);
            for d in list(field(&row, 2)) {
                g.add(d, DEMONYM);
                g.add(&plural(d), DEMONYM);
            }
            g.add(field(&row, 3), PLACE);
            for a in list(field(&row, 4)) {
                g.add(a, COUNTRY);
            }
        }
        for row in rows(&read("places.tsv")?) {
            g.add(field(&row, 0), PLACE);
        }
        for row in rows(&read("organizations.tsv")?) {
            g.add(field(&row, 0), ORG);
            for a in list(field(&row, 1)) {
                g.add(a, ORG);
            }
        }
        for row in rows(&read("titles.tsv")?) {
            g.add(field(&row, 0), TITLE);
        }
        for row in rows(&read("given_names.tsv")?) {
            g.add(field(&row, 0), GIVEN);
        }
        for row in rows(&read("geonames_places.tsv")?) {
            g.add(field(&row, 0), GEONAMES);
        }
        for row in rows(&read("surnames.tsv")?) {
            g.add(field(&row, 0), SURNAME);
        }
        for row in rows(&read("companies.tsv")?) {
            g.add(field(&row, 0), COMPANY);
        }
        Ok(g)
    }

    /// Adds the first column of a TSV list of given names (`#` header lines skipped).
    pub fn add_given_names(&mut self, tsv: &str) {
        for row in rows(tsv) {
            self.add(field(&row, 0), GIVEN);
        }
    }

    /// Adds a name to a category (an index into the category list), split on white space and,
    /// where that differs, also as the crate's tokenizer splits it ("Winston-Salem" is one
    /// token of running text in one corpus and three in another).
    pub(crate) fn add(&mut self, name: &str, category: u8) {
        let by_space: Vec<&str> = name.split_whitespace().collect();
        let by_tokenizer: Vec<&str> = crate::tokenize(name).into_iter().map(|(a, b)| &name[a..b]).collect();
        self.add_tokens(&by_space, category);
        if by_tokenizer != by_space {
            self.add_tokens(&by_tokenizer, category);
        }
    }

    fn add_tokens(&mut self, toks: &[&str], category: u8) {
        if toks.is_empty() || toks.len() > MAX_LEN || usize::from(category) >= CATEGORIES.len() {
            return;
        }
        let key = toks.iter().fold(0u64, |k, t| mix(k, hash_lower(t)));
        *self.entries.entry(key).or_insert(0) |= 1 << category;
        self.max_len = self.max_len.max(toks.len());
    }

    /// Whether these tokens (matched case-insensitively) form a title ("President", "Prime
    /// Minister", "Dr.").
    pub fn is_title(&self, tokens: &[&str]) -> bool {
        let key = tokens.iter().fold(0u64, |k, t| mix(k, hash_lower(t)));
        self.entries.get(&key).is_some_and(|m| m & (1 << TITLE) != 0)
    }

    /// Number of distinct names.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds no names.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// For each token, a bit mask of (category, position) memberships: bit `4 * category + p`
    /// with p = 0 begin, 1 inside, 2 last, 3 unit (single-token name). For every start and
    /// category the longest name is taken. `lower` holds the tokens' lower-case hashes.
    pub(crate) fn memberships(&self, lower: &[u64], out: &mut Vec<u64>) {
        out.clear();
        out.resize(lower.len(), 0);
        if self.entries.is_empty() {
            return;
        }
        for start in 0..lower.len() {
            let mut key = 0u64;
            let mut longest = [0usize; CATEGORIES.len()];
            for len in 1..=self.max_len.min(lower.len() - start) {
                key = mix(key, lower[start + len - 1]);
                if let Some(&mask) = self.entries.get(&key) {
                    for (c, l) in longest.iter_mut().enumerate() {
                        if mask & (1 << c) != 0 {
                            *l = len;
                        }
                    }
                }
            }
            for (c, &len) in longest.iter().enumerate() {
                if len == 0 {
                    continue;
                }
                let base = 4 * c as u32;
                if len == 1 {
                    out[start] |= 1u64 << (base + 3);
                    continue;
                }
                out[start] |= 1u64 << base;
                for o in &mut out[start + 1..start + len - 1] {
                    *o |= 1u64 << (base + 1);
                }
                out[start + len - 1] |= 1u64 << (base + 2);
            }
        }
    }

    pub(crate) fn write(&self, out: &mut Writer) {
        let mut e: Vec<(u64, u16)> = self.entries.iter().map(|(&k, &m)| (k, m)).collect();
        e.sort_unstable();
        out.u32(self.max_len as u32);
        out.u32(e.len() as u32);
        for (k, m) in e {
            out.u64(k);
            out.u16(m);
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Gazetteer> {
        let max_len = r.u32()? as usize;
        let n = r.u32()? as usize;
        if max_len > MAX_LEN {
            return Err(Error::Corrupt("gazetteer entry length"));
        }
        let mut entries = HashMap::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let k = r.u64()?;
            let m = r.u16()?;
            entries.insert(k, m);
        }
        Ok(Gazetteer { entries, max_len })
    }
}

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| l.split('\t').collect())
}

fn field<'a>(row: &[&'a str], i: usize) -> &'a str {
    row.get(i).copied().unwrap_or("").trim()
}

fn list(s: &str) -> impl Iterator<Item = &str> {
    s.split(',').map(str::trim).filter(|x| !x.is_empty())
}

/// "Afghan" → "Afghans"; demonyms in -ese, -ish, -ch, -s stay as they are.
fn plural(d: &str) -> String {
    if d.ends_with("ese") || d.ends_with("ish") || d.ends_with("ch") || d.ends_with('s') {
        d.to_string()
    } else {
        format!("{d}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::hash_lower;

    #[test]
    fn longest_match_marks_positions() {
        let mut g = Gazetteer::default();
        g.add("North Korea", COUNTRY);
        g.add("Korea", COUNTRY);
        let toks = ["in", "north", "KOREA", "today"];
        let lower: Vec<u64> = toks.iter().map(|t| hash_lower(t)).collect();
        let mut m = Vec::new();
        g.memberships(&lower, &mut m);
        assert_eq!(m[0], 0);
        assert_eq!(m[1], 1 << 0);
        assert_eq!(m[2], (1 << 2) | (1 << 3));
        assert_eq!(m[3], 0);
    }
}
