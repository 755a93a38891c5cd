//! The wording of a statement as a weighted term vector: Snowball stems of its words, weighted by
//! how rare they are in news (inverse document frequency from a table the project builds from
//! public-domain Voice of America sentences, `dossier train idf`), then scaled to unit length.
//! Two statements of one proposition share their rare words ("troops", "Kursk", "10,000"); the
//! common ones ("said", "the") weigh almost nothing.
//!
//! A vector holds [`TermId`]s, 64-bit hashes of the stems, not the stems: a claim's profile and
//! the store's term index compare and look up integers (docs/claims.md, "Cost"); an [`Item`]
//! keeps its own stems beside the ids to spell out what it shares with a claim.
//!
//! [`Item`]: crate::group::Item

use std::collections::HashMap;
use std::hash::Hasher;
use std::io::BufRead;
use std::rc::Rc;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// The shipped table: `stem<TAB>idf`, built by [`IdfTable::build`] (see its card beside it).
const BUILTIN_IDF: &str = include_str!("../../../resources/models/claims/word_idf.tsv");

/// Stems more common than this (in more than about one news sentence in twelve: "to", "his",
/// "at", "said") are left out of the vectors: they say nothing about which claim a text states.
pub const MIN_IDF: f32 = 2.5;

/// A stem as a vector key: its FNV-1a hash. With 64 bits, two stems of one store colliding is
/// about as likely as a cosmic-ray bit flip (the vocabulary of news is a few hundred thousand).
pub type TermId = u64;

/// The [`TermId`] of a stem.
pub fn term_id(stem: &str) -> TermId {
    let mut h = dossier_core::fnv::Fnv::default();
    h.write(stem.as_bytes());
    h.finish()
}

/// Inverse document frequencies of stems.
pub struct IdfTable {
    idf: HashMap<String, f32, dossier_core::fnv::FnvBuild>,
    /// The weight of a stem the table never saw: as rare as the rarest seen.
    unseen: f32,
}

impl IdfTable {
    /// The table shipped with Dossier.
    pub fn builtin() -> &'static IdfTable {
        static TABLE: OnceLock<IdfTable> = OnceLock::new();
        TABLE.get_or_init(|| IdfTable::parse(BUILTIN_IDF).expect("the shipped word_idf.tsv parses (tested)"))
    }

    /// Reads a table written by [`IdfTable::write`].
    pub fn parse(text: &str) -> Result<IdfTable, dossier_core::tsv::TsvError> {
        let mut idf = HashMap::default();
        let mut unseen = 0f32;
        for row in dossier_core::tsv::rows("word_idf.tsv", text) {
            let [stem, value] = row.first::<2>()?;
            let value: f32 = value.parse().map_err(|_| row.error(format!("idf {value:?} is not a number")))?;
            if stem == "*" {
                unseen = value;
            } else {
                idf.insert(stem.to_string(), value);
            }
        }
        if unseen == 0.0 {
            unseen = idf.values().copied().fold(1.0, f32::max);
        }
        Ok(IdfTable { idf, unseen })
    }

    /// Builds a table from text with one document per line (for the shipped table: one news
    /// sentence per line). Stems seen in fewer than `min_df` lines are left out: they weigh
    /// as much as unseen ones.
    pub fn build(lines: impl BufRead, min_df: u32) -> std::io::Result<IdfTable> {
        let mut df: HashMap<String, u32> = HashMap::new();
        let mut docs = 0u32;
        for line in lines.lines() {
            let line = line?;
            let mut seen: Vec<String> = stems(&line).collect();
            seen.sort_unstable();
            seen.dedup();
            for s in seen {
                *df.entry(s).or_default() += 1;
            }
            docs += 1;
        }
        let n = docs.max(1) as f32;
        let weight = |d: u32| (n / d as f32).ln().max(0.0);
        let idf = df.into_iter().filter(|(_, d)| *d >= min_df).map(|(s, d)| (s, weight(d))).collect();
        Ok(IdfTable { idf, unseen: weight(1) })
    }

    /// The table as TSV, stems sorted (a stable file for review), the unseen weight as `*`.
    pub fn write(&self, header: &str) -> String {
        let mut rows: Vec<_> = self.idf.iter().collect();
        rows.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut out = String::from(header);
        out.push_str(&format!("*\t{:.3}\n", self.unseen));
        for (s, w) in rows {
            out.push_str(&format!("{s}\t{w:.3}\n"));
        }
        out
    }

    pub fn len(&self) -> usize {
        self.idf.len()
    }

    pub fn is_empty(&self) -> bool {
        self.idf.is_empty()
    }

    /// The weight of a stem.
    pub fn idf(&self, stem: &str) -> f32 {
        self.idf.get(stem).copied().unwrap_or(self.unseen)
    }

    /// The unit-length TF-IDF vector of a text.
    pub fn vector(&self, text: &str) -> TermVector {
        self.vector_and_stems(text).0
    }

    /// The vector of a text and the stems behind its ids (sorted by id).
    pub fn vector_and_stems(&self, text: &str) -> (TermVector, Vec<(TermId, String)>) {
        // An item has a few dozen words: a list searched in place beats a map.
        let mut tf: Vec<(TermId, f32, Rc<str>)> = Vec::new();
        let mut lower = String::new();
        for w in words(text) {
            let Some((id, stem)) = content_term(w, &mut lower) else { continue };
            if let Some(t) = tf.iter_mut().find(|t| t.0 == id) {
                t.1 += 1.0;
            } else if self.idf(&stem) >= MIN_IDF {
                tf.push((id, 1.0, stem));
            }
        }
        let weights = tf.iter().map(|(id, n, s)| (*id, (1.0 + n.ln()) * self.idf(s)));
        let vector = TermVector::from_weights(weights);
        let mut stems: Vec<(TermId, String)> = tf.into_iter().map(|(id, _, s)| (id, s.to_string())).collect();
        stems.sort_unstable();
        (vector, stems)
    }
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The stems of a text's words, in order. Words are runs of letters and digits (an apostrophe
/// inside a word kept, a possessive `'s` dropped); digits keep their inner `,` and `.` and lose
/// the thousands commas, so "10,000" and "10000" are one term.
pub fn stems(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut lower = String::new();
    words(text).filter_map(move |w| term(w, &mut lower, false).map(|(_, s)| s.to_string()))
}

/// The stems that carry what a text is about: [`stems`] without the stance cues ("denies",
/// "reportedly", "not"), which say how it is reported, not what, and without years.
pub fn content_stems(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut lower = String::new();
    words(text).filter_map(move |w| content_term(w, &mut lower).map(|(_, s)| s.to_string()))
}

/// A word's term for [`content_stems`] and the vectors: none for a cue or a year.
fn content_term(w: &str, lower: &mut String) -> Option<(TermId, Rc<str>)> {
    if is_year(w) {
        return None;
    }
    term(w, lower, true)
}

/// A word's stem and its id (`lower` is scratch space); none when nothing is left of the word
/// or, with `content`, when it is a stance cue.
fn term(w: &str, lower: &mut String, content: bool) -> Option<(TermId, Rc<str>)> {
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        let s = w.replace(',', "");
        return Some((term_id(&s), s.into()));
    }
    lowercase_into(w, lower);
    let dropped = |k: &Known| k.stem.is_empty() || (content && k.cue);
    known(lower, |k| (!dropped(k)).then(|| (k.id, Rc::clone(&k.stem))))
}

/// A word in lower case, with the typographic apostrophe made plain, into `out`.
fn lowercase_into(w: &str, out: &mut String) {
    out.clear();
    for c in w.chars() {
        if c == '\u{2019}' {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// What is known of a lower-case word: whether it is a stance cue, and its stem (empty when
/// nothing is left of it, as of "'s") with the stem's id.
struct Known {
    cue: bool,
    id: TermId,
    stem: Rc<str>,
}

/// How many words [`known`] remembers per thread before it starts over: news repeats its words,
/// and the Snowball stemmer was most of what making a vector cost.
const REMEMBERED_WORDS: usize = 200_000;

/// `f` of what is known of `lower` (a word in lower case, as [`lowercase_into`] makes it).
fn known<R>(lower: &str, f: impl FnOnce(&Known) -> R) -> R {
    thread_local! {
        static WORDS: std::cell::RefCell<HashMap<String, Known, dossier_core::fnv::FnvBuild>> =
            std::cell::RefCell::new(HashMap::default());
    }
    WORDS.with_borrow_mut(|memo| {
        if let Some(k) = memo.get(lower) {
            return f(k);
        }
        if memo.len() >= REMEMBERED_WORDS {
            memo.clear();
        }
        let bare = lower.strip_suffix("'s").unwrap_or(lower).trim_matches('\'');
        let stem: Rc<str> = if bare.is_empty() { Rc::from("") } else { Rc::from(stemmer().stem(bare).as_ref()) };
        let k = Known { cue: crate::stance::is_cue_word(lower), id: term_id(&stem), stem };
        f(memo.entry(lower.to_string()).or_insert(k))
    })
}

/// "2015": a year says when, which the time layer reads; as wording it would tie every
/// statement of that year together.
fn is_year(w: &str) -> bool {
    w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) && matches!(&w[..2], "19" | "20")
}

/// The words of a text: see [`stems`].
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let is_word = |c: char| c.is_alphanumeric();
        // Skip to the next word character.
        let start = text[i..].char_indices().find(|&(_, c)| is_word(c)).map(|(o, _)| i + o)?;
        let mut end = start;
        let mut chars = text[start..].char_indices().peekable();
        while let Some((o, c)) = chars.next() {
            let at = start + o;
            if is_word(c) {
                end = at + c.len_utf8();
                continue;
            }
            // A joiner stays inside the word when a word character follows it: "don't", "10,000", "3.5".
            let next_is_word = chars.peek().is_some_and(|&(_, n)| is_word(n));
            let digit_joiner = matches!(c, ',' | '.') && bytes[at - 1].is_ascii_digit() && {
                chars.peek().is_some_and(|&(_, n)| n.is_ascii_digit())
            };
            let apostrophe = matches!(c, '\'' | '\u{2019}') && next_is_word;
            if digit_joiner || apostrophe {
                continue;
            }
            break;
        }
        i = end.max(start + 1);
        Some(&text[start..end])
    })
}

/// The dot product of two sparse vectors sorted by key (stems, or term ids), and how many keys
/// they share.
pub fn dot<K: Ord>(a: &[(K, f32)], b: &[(K, f32)]) -> (f32, usize) {
    let (mut i, mut j, mut dot, mut shared) = (0, 0, 0.0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (dot, shared)
}

/// A sparse vector over stems, sorted by [`TermId`], of unit length (or empty).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermVector(Vec<(TermId, f32)>);

impl TermVector {
    /// Sorts, merges repeated terms, drops zero weights and scales to unit length.
    pub fn from_weights(weights: impl IntoIterator<Item = (TermId, f32)>) -> TermVector {
        let mut v: Vec<(TermId, f32)> = weights.into_iter().filter(|(_, w)| *w > 0.0).collect();
        v.sort_unstable_by_key(|t| t.0);
        v.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 += b.1;
                true
            } else {
                false
            }
        });
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut v {
                *w /= norm;
            }
        }
        TermVector(v)
    }

    pub fn terms(&self) -> &[(TermId, f32)] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The `n` heaviest terms, heaviest first (ties by id, so the choice is stable).
    pub fn top(&self, n: usize) -> Vec<(TermId, f32)> {
        let mut v = self.0.clone();
        v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }

    /// Cosine similarity of two unit vectors: the dot product over shared stems.
    pub fn cosine(&self, other: &TermVector) -> f32 {
        dot(&self.0, &other.0).0
    }

    /// The heaviest `n` terms, scaled to unit length again and sorted by id.
    pub fn truncated(&self, n: usize) -> TermVector {
        TermVector::from_weights(self.top(n))
    }

    /// Takes terms already sorted by id and of unit length (as [`TermVector::terms`] gives them).
    pub fn from_unit(terms: Vec<(TermId, f32)>) -> TermVector {
        debug_assert!(terms.windows(2).all(|w| w[0].0 < w[1].0));
        TermVector(terms)
    }

    pub fn into_terms(self) -> Vec<(TermId, f32)> {
        self.0
    }

    /// The terms both vectors hold, heaviest (in `self`) first.
    pub fn shared(&self, other: &[(TermId, f32)]) -> Vec<TermId> {
        let mut shared: Vec<(TermId, f32)> =
            self.0.iter().filter(|(s, _)| other.binary_search_by(|(o, _)| o.cmp(s)).is_ok()).copied().collect();
        shared.sort_unstable_by(|a, b| b.1.total_cmp(&a.1));
        shared.into_iter().map(|(s, _)| s).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_numbers_and_contractions_whole() {
        let w: Vec<_> = words("Kim's 10,000 troops—don't move; 3.5 km. (AP)").collect();
        assert_eq!(w, ["Kim's", "10,000", "troops", "don't", "move", "3.5", "km", "AP"]);
        let s: Vec<_> = stems("Troops were deployed; 10,000 of them").collect();
        assert_eq!(s, ["troop", "were", "deploy", "10000", "of", "them"]);
        assert_eq!(words("").count(), 0);
        assert_eq!(words("…—").count(), 0);
    }

    #[test]
    fn rare_shared_words_make_similar_vectors() {
        let t = IdfTable::builtin();
        assert!(t.len() > 5000, "the shipped table has {} stems", t.len());
        assert!(t.idf("the") < 0.5 && t.idf("troop") > t.idf("said"));
        let a = t.vector("North Korea has sent 10,000 troops to Russia");
        let b = t.vector("Pyongyang sent about 10,000 soldiers and troops to Russia, officials said");
        let c = t.vector("The central bank raised interest rates on Tuesday");
        assert!(a.cosine(&b) > 0.3, "{}", a.cosine(&b));
        assert!(a.cosine(&c) < 0.1, "{}", a.cosine(&c));
        assert!((a.cosine(&a) - 1.0).abs() < 1e-4);
        assert_eq!(a.shared(b.terms())[0], term_id("10000"));
        let (_, stems) = t.vector_and_stems("Troops, troops and the troops");
        assert_eq!(stems, [(term_id("troop"), "troop".to_string())]);
    }

    #[test]
    fn build_and_write_round_trip() {
        let text = "troops moved\ntroops stayed\nthe bank\n";
        let t = IdfTable::build(text.as_bytes(), 1).unwrap();
        assert!(t.idf("troop") < t.idf("bank"));
        let back = IdfTable::parse(&t.write("# test\n")).unwrap();
        assert_eq!(back.len(), t.len());
        assert!((back.idf("bank") - t.idf("bank")).abs() < 1e-3);
        assert!(IdfTable::parse("troop\tmany\n").is_err());
    }
}
