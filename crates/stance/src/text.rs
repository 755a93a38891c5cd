//! Words, stems and sentences as the stance features read them: lower-case alphanumeric runs
//! (inner apostrophes kept: "don't"), Snowball English stems hashed with FNV-1a, each word's
//! membership in the stance word lists, and a plain sentence splitter for bodies that come without
//! sentences.

use std::hash::Hasher;
use std::ops::Range;
use std::sync::LazyLock;

use dossier_core::fnv::{Fnv, FnvBuild};
use rust_stemmers::{Algorithm, Stemmer};

macro_rules! list {
    ($dir:literal, $name:literal) => {
        (
            concat!($dir, "/", $name),
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../resources/lexicons/", $dir, "/", $name)),
        )
    };
}

/// The word lists the features read (resources/lexicons/stance and, shared with the attribution
/// stage, en/hedges.tsv and en/deontic.tsv).
pub(crate) struct Words {
    /// Flags by the hash of the lower-case word: one lookup a word.
    flags: std::collections::HashMap<u64, u8, FnvBuild>,
}

fn parse((file, text): (&str, &str)) -> Result<Vec<String>, dossier_core::tsv::TsvError> {
    dossier_core::tsv::rows(file, text).map(|r| r.field(0).map(str::to_lowercase)).collect()
}

static WORDS: LazyLock<Result<Words, dossier_core::tsv::TsvError>> = LazyLock::new(|| {
    let mut flags = std::collections::HashMap::default();
    for (list, flag) in [
        (list!("stance", "stopwords.tsv"), STOP),
        (list!("stance", "refuting.tsv"), REFUTE),
        (list!("stance", "negations.tsv"), NEGATE),
        (list!("stance", "reporting.tsv"), REPORT),
        (list!("en", "hedges.tsv"), HEDGE),
        (list!("en", "deontic.tsv"), HEDGE),
    ] {
        for w in parse(list)? {
            *flags.entry(hash(w.as_bytes())).or_insert(0) |= flag;
        }
    }
    Ok(Words { flags })
});

pub(crate) fn words() -> Result<&'static Words, crate::Error> {
    WORDS.as_ref().map_err(|e| crate::Error::Lexicon(e.to_string()))
}

/// The stemmer and a cache of stems by the hash of the lower-case word (news repeats its words;
/// a lookup costs less than Snowball). Cleared when it grows past [`CACHE_MAX`] entries.
struct StemCache {
    stemmer: Stemmer,
    /// Hash of the lower-case word → its stem's hash and its flags.
    stems: std::collections::HashMap<u64, Word, FnvBuild>,
}

const CACHE_MAX: usize = 200_000;

thread_local! {
    static STEMMER: std::cell::RefCell<StemCache> = std::cell::RefCell::new(StemCache {
        stemmer: Stemmer::create(Algorithm::English),
        stems: std::collections::HashMap::default(),
    });
}

/// Flags of a word.
pub(crate) const STOP: u8 = 1;
pub(crate) const REFUTE: u8 = 2;
pub(crate) const NEGATE: u8 = 4;
pub(crate) const REPORT: u8 = 8;
pub(crate) const HEDGE: u8 = 16;
pub(crate) const NUMBER: u8 = 32;

/// One word: its stem's hash and its flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    pub stem: u64,
    pub flags: u8,
}

impl Word {
    pub fn content(self) -> bool {
        self.flags & STOP == 0
    }
}

pub(crate) fn hash(bytes: &[u8]) -> u64 {
    let mut h = Fnv::default();
    h.write(bytes);
    h.finish()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Byte ranges of the words of `text`.
pub(crate) fn word_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if is_word_char(c) {
            start.get_or_insert(i);
        } else if start.is_some() && is_apostrophe(c) && it.peek().is_some_and(|&(_, n)| is_word_char(n)) {
            // "don't", "Korea's": the apostrophe stays inside the word.
        } else if let Some(s) = start.take() {
            out.push(s..i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// The words of `text`, classified.
pub(crate) fn analyse(text: &str, spans: &[Range<usize>], lists: &Words) -> Vec<Word> {
    let mut lower = String::new();
    STEMMER.with_borrow_mut(|cache| {
        if cache.stems.len() > CACHE_MAX {
            cache.stems.clear();
        }
        spans
            .iter()
            .map(|r| {
                lower.clear();
                for c in text[r.clone()].chars() {
                    if is_apostrophe(c) {
                        lower.push('\'');
                    } else {
                        lower.extend(c.to_lowercase());
                    }
                }
                let w = lower.strip_suffix("'s").unwrap_or(&lower);
                let key = hash(w.as_bytes());
                let StemCache { stemmer, stems } = cache;
                *stems.entry(key).or_insert_with(|| {
                    let mut flags = lists.flags.get(&key).copied().unwrap_or(0);
                    if w.ends_with("n't") {
                        flags |= NEGATE;
                    }
                    if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                        flags |= NUMBER;
                    }
                    // Long runs (URLs, hashes) are not stemmed: nothing is gained on them.
                    let stem = if w.len() > 40 { key } else { hash(stemmer.stem(w).as_bytes()) };
                    Word { stem, flags }
                })
            })
            .collect()
    })
}

/// Sentences of a body given without them: breaks after `.`, `!` or `?` (and closing quotes)
/// before white space, and at blank lines or line breaks.
pub(crate) fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let end = if b == b'\n' {
            Some(i)
        } else if matches!(b, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')') {
                j += 1;
            }
            (j >= bytes.len() || bytes[j].is_ascii_whitespace()).then_some(j)
        } else {
            None
        };
        if let Some(e) = end {
            push_trimmed(text, start..e, &mut out);
            start = e;
            i = e.max(i + 1);
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_apostrophes_and_stems_join_forms() {
        let t = "Ukraine's troops don't attack; attacked, 10,000 'quoted'";
        let spans = word_spans(t);
        let w: Vec<&str> = spans.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(w, ["Ukraine's", "troops", "don't", "attack", "attacked", "10", "000", "quoted"]);
        let a = analyse(t, &spans, words().unwrap());
        assert_eq!(a[3].stem, a[4].stem);
        assert!(a[2].flags & NEGATE != 0);
        assert!(a[5].flags & NUMBER != 0);
        assert_eq!(a[0].stem, analyse("ukraine", &word_spans("ukraine"), words().unwrap())[0].stem);
    }

    #[test]
    fn word_lists_flag_their_words() {
        let t = "The hoax could not be confirmed, reportedly";
        let a = analyse(t, &word_spans(t), words().unwrap());
        assert!(a[0].flags & STOP != 0);
        assert!(a[1].flags & REFUTE != 0);
        assert!(a[2].flags & HEDGE != 0);
        assert!(a[3].flags & NEGATE != 0);
        assert!(a[6].flags & REPORT != 0);
    }

    #[test]
    fn sentences_split_at_stops_and_lines() {
        let t = "One here. \"Two?\" Three\nFour 3.5 five";
        let s: Vec<&str> = split_sentences(t).iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(s, ["One here.", "\"Two?\"", "Three", "Four 3.5 five"]);
        assert!(split_sentences("  \n ").is_empty());
    }
}
