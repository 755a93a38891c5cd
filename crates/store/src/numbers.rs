//! Reading stored numbers back: every quantity, optionally only those counting a given noun,
//! in date order — "every claimed number of North Korean troops, oldest report first".

use rusqlite::params;

use crate::browse::{quantity_point, QUANTITY_COLUMNS};
use crate::query::sql_limit;
use crate::{CountedNoun, QuantityPoint, Result, Store};

/// Which numbers [`Store::quantities`] returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuantityFilter {
    /// What is counted, matched by its key ([`counted_key`]: case, plural and words like "the"
    /// do not matter): "troops" finds "U.S. troops" and "North Korean Troops", "north korean
    /// troops" only the latter. `None` lists every number, counted or not.
    pub counted: Option<String>,
    pub offset: usize,
    pub limit: usize,
}

impl Default for QuantityFilter {
    /// No filter, at most 1000 rows.
    fn default() -> Self {
        QuantityFilter { counted: None, offset: 0, limit: 1000 }
    }
}

impl Store {
    /// Stored numbers matching `filter`, in publication order (undated documents last), then by
    /// document id, within a document in text order. A `counted` with no key (only words that count nothing)
    /// matches nothing.
    pub fn quantities(&self, filter: &QuantityFilter) -> Result<Vec<QuantityPoint>> {
        let key = match filter.counted.as_deref() {
            Some(c) => match counted_key(c) {
                Some(k) => Some(k),
                None => return Ok(Vec::new()),
            },
            None => None,
        };
        let head = key.as_deref().map(counted_head);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {QUANTITY_COLUMNS}
             FROM quantities q JOIN documents d ON d.id = q.doc_id
             WHERE {}
             ORDER BY q.published IS NULL, q.published, q.doc_id, q.start
             LIMIT ?3 OFFSET ?4",
            // Written out only when given ("?1 IS NULL OR …" would read every number, unindexed).
            if key.is_some() {
                "q.counted_head = ?2 AND (q.counted_key = ?1 OR substr(q.counted_key, -length(?1) - 1) = ' ' || ?1)"
            } else {
                "?1 IS NULL AND ?2 IS NULL"
            }
        ))?;
        let rows = stmt.query_map(
            params![key, head, sql_limit(filter.limit), crate::browse::sql_offset(filter.offset)],
            quantity_point,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The counted nouns by key, grouped by their head: the heads with the most numbers first,
    /// within a head its most frequent keys first; at most `limit` keys.
    pub fn counted_nouns(&self, limit: usize) -> Result<Vec<CountedNoun>> {
        let mut cache = self.aggregates()?;
        if let Some((n, nouns)) = &cache.counted_nouns {
            if *n == limit {
                return Ok(nouns.clone());
            }
        }
        let nouns = self.count_counted_nouns(limit)?;
        cache.counted_nouns = Some((limit, nouns.clone()));
        Ok(nouns)
    }

    fn count_counted_nouns(&self, limit: usize) -> Result<Vec<CountedNoun>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT counted_key, counted_head, n, sum(n) OVER (PARTITION BY counted_head) AS head_n
             FROM (SELECT counted_key, counted_head, count(*) AS n FROM quantities
                   WHERE counted_head IS NOT NULL GROUP BY counted_head, counted_key)
             ORDER BY head_n DESC, counted_head, n DESC, counted_key LIMIT ?1",
        )?;
        let rows = stmt.query_map(params![sql_limit(limit)], |r| {
            Ok(CountedNoun {
                counted: r.get(0)?,
                head: r.get(1)?,
                quantities: crate::query::count(r.get(2)?),
                head_quantities: crate::query::count(r.get(3)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Words that never name what a number counts, dropped from the key: articles, pronouns,
/// prepositions, quantifiers and the adverbs and particles the counted-noun rule still lets
/// through ("5 out of", "a long way", "needed", "randomly"). Adverbs are listed, not guessed
/// from "-ly": "family", "rally", "assembly" and "likely voters" count something.
const NOT_COUNTED: &[&str] = &[
    "allegedly",
    "altogether",
    "apiece",
    "apparently",
    "approximately",
    "collectively",
    "individually",
    "mostly",
    "nearly",
    "randomly",
    "recently",
    "reportedly",
    "respectively",
    "roughly",
    "a",
    "about",
    "after",
    "all",
    "almost",
    "among",
    "an",
    "and",
    "another",
    "any",
    "around",
    "as",
    "at",
    "away",
    "back",
    "before",
    "between",
    "both",
    "but",
    "by",
    "down",
    "each",
    "either",
    "else",
    "enough",
    "even",
    "every",
    "few",
    "for",
    "from",
    "further",
    "her",
    "here",
    "his",
    "how",
    "in",
    "into",
    "its",
    "just",
    "least",
    "less",
    "many",
    "more",
    "most",
    "much",
    "my",
    "needed",
    "neither",
    "nor",
    "not",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "others",
    "our",
    "out",
    "over",
    "own",
    "per",
    "same",
    "several",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "way",
    "ways",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "with",
    "within",
    "without",
    "yet",
    "you",
    "your",
];

/// Plurals that do not end in a plain -s.
const IRREGULAR_PLURALS: &[(&str, &str)] = &[
    ("children", "child"),
    ("feet", "foot"),
    ("geese", "goose"),
    ("lives", "life"),
    ("men", "man"),
    ("mice", "mouse"),
    ("people", "person"),
    ("teeth", "tooth"),
    ("wives", "wife"),
    ("women", "woman"),
    ("knives", "knife"),
    ("leaves", "leaf"),
    ("halves", "half"),
    ("thieves", "thief"),
    ("wolves", "wolf"),
    ("shelves", "shelf"),
    ("criteria", "criterion"),
    ("phenomena", "phenomenon"),
];

/// The singular of an English noun by the regular rules, leaving words that only look plural
/// ("news", "series", "crisis", "campus", "status", "glass") as they are.
fn singular(word: &str) -> String {
    if let Some(&(_, s)) = IRREGULAR_PLURALS.iter().find(|(p, _)| *p == word) {
        return s.to_string();
    }
    let n = word.len();
    let ends = |s: &str| word.ends_with(s);
    if n <= 3 || ends("ss") || ends("us") || ends("is") || ends("news") || ends("series") || ends("species") {
        return word.to_string();
    }
    if ends("ies") && n > 4 {
        return format!("{}y", &word[..n - 3]);
    }
    if ends("sses") || ends("shes") || ends("ches") || ends("xes") || ends("zzes") {
        return word[..n - 2].to_string();
    }
    if ends("s") {
        return word[..n - 1].to_string();
    }
    word.to_string()
}

/// The key a counted noun is grouped under: lower-case, without the words that never name what
/// is counted and single letters, its last word singular. "U.S. troops" →
/// "u.s. troop", "People" → "person", "registered voters" → "registered voter"; "u", "out",
/// "way" and "randomly" have none. The numbers page groups by it and `--counted` matches it.
pub fn counted_key(counted: &str) -> Option<String> {
    let lower = counted.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”'))
        .map(trim_word)
        .filter(|w| w.chars().count() > 1 && w.chars().any(char::is_alphabetic) && !NOT_COUNTED.contains(w))
        .collect();
    let (last, rest) = words.split_last()?;
    let mut key: Vec<String> = rest.iter().map(|w| w.to_string()).collect();
    key.push(singular(last));
    Some(key.join(" "))
}

/// A word without the punctuation around it, keeping the dots of an abbreviation ("U.S.").
fn trim_word(w: &str) -> &str {
    let w = w
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
    match w.strip_suffix('.') {
        Some(bare) if !bare.contains('.') => bare,
        _ => w,
    }
}

/// The last word of a counted key: what is counted, before its qualifiers ("voter" for
/// "registered voter").
pub fn counted_head(key: &str) -> &str {
    key.rsplit(' ').next().unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_group_what_is_counted() {
        assert_eq!(counted_key("U.S. troops").as_deref(), Some("u.s. troop"));
        assert_eq!(counted_key("People").as_deref(), Some("person"));
        assert_eq!(counted_key("registered voters").as_deref(), Some("registered voter"));
        assert_eq!(counted_key("cities").as_deref(), Some("city"));
        assert_eq!(counted_key("churches").as_deref(), Some("church"));
        assert_eq!(counted_key("e-mails").as_deref(), Some("e-mail"));
        assert_eq!(counted_key("the delegates").as_deref(), Some("delegate"));
        assert_eq!(counted_key("news").as_deref(), Some("news"));
        assert_eq!(counted_key("crisis").as_deref(), Some("crisis"));
        assert_eq!(counted_key("Women").as_deref(), Some("woman"));
        assert_eq!(counted_head("registered voter"), "voter");
    }

    #[test]
    fn words_that_count_nothing_have_no_key() {
        for w in ["u", "e", "out", "way", "randomly", "needed", "of the", "", "  ", "42"] {
            assert_eq!(counted_key(w), None, "{w:?}");
        }
    }
}
