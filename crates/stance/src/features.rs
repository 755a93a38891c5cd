//! The features of a (claim, body) pair.
//!
//! Dense features ([`DENSE`] of them): TF-IDF cosine of the claim with the body and with its
//! best-matching sentences, IDF-weighted coverage of the claim's stems by the body, the best
//! sentence and the best window of three sentences, bigram and number agreement, and counts of
//! refuting, negating, hedging and reporting words in the claim, the body and the best-matching
//! sentences.
//!
//! Sparse features, hashed into `2^SPARSE_BITS` rows: the claim's stems and stem bigrams, the
//! stems of the three best-matching sentences, the body's stems, and the refuting / negating /
//! hedging / reporting words of the best-matching sentences (each block l2-normalised, under its
//! own salt).

use std::collections::HashSet;
use std::ops::Range;

use dossier_core::fnv::FnvBuild;

use crate::text::{self, Word, Words, HEDGE, NEGATE, NUMBER, REFUTE, REPORT};

pub(crate) const DENSE: usize = 32;
pub(crate) const SPARSE_BITS: u32 = 14;
pub(crate) const SPARSE: usize = 1 << SPARSE_BITS;
/// Sentences whose words the sparse block "top sentences" holds, and the most evidence given.
pub(crate) const TOP: usize = 3;

const SALT_CLAIM: u64 = 0x1;
const SALT_BIGRAM: u64 = 0x2;
const SALT_TOP: u64 = 0x3;
const SALT_BODY: u64 = 0x4;
const SALT_CUE: u64 = 0x5;
const SALT_SHARED: u64 = 0x6;

fn slot(stem: u64, salt: u64) -> u32 {
    let z = (stem ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    ((z ^ (z >> 31)) >> (64 - SPARSE_BITS)) as u32
}

fn bigram(a: u64, b: u64) -> u64 {
    a.rotate_left(17) ^ b.wrapping_mul(0x94d0_49bb_1331_11eb)
}

/// Inverse document frequencies by hashed stem (trained with the model).
pub(crate) trait Idf {
    fn idf(&self, stem: u64) -> f32;
}

/// A sparse vector sorted by key.
type Vector = Vec<(u64, f32)>;

fn tfidf(words: &[Word], idf: &dyn Idf) -> (Vector, f32) {
    let mut stems: Vec<u64> = words.iter().filter(|w| w.content()).map(|w| w.stem).collect();
    stems.sort_unstable();
    let mut v: Vector = Vec::new();
    for s in stems {
        match v.last_mut() {
            Some((k, c)) if *k == s => *c += 1.0,
            _ => v.push((s, 1.0)),
        }
    }
    let mut norm = 0.0;
    for (k, c) in &mut v {
        *c = (1.0 + c.ln()) * idf.idf(*k);
        norm += *c * *c;
    }
    (v, norm.sqrt())
}

fn weight(v: &Vector, stem: u64) -> f32 {
    v.binary_search_by_key(&stem, |&(k, _)| k).map_or(0.0, |i| v[i].1)
}

fn has(v: &Vector, stem: u64) -> bool {
    v.binary_search_by_key(&stem, |&(k, _)| k).is_ok()
}

/// A body read once for any number of claims.
#[derive(Debug, Clone)]
pub struct PreparedBody {
    pub(crate) sentences: Vec<Range<usize>>,
    sent_words: Vec<Range<usize>>,
    words: Vec<Word>,
    vector: Vector,
    norm: f32,
    sent_vectors: Vec<(Vector, f32)>,
    bigrams: HashSet<u64, FnvBuild>,
    sparse: Vec<(u32, f32)>,
    counts: [f32; 4],
}

impl PreparedBody {
    /// The sentences (byte ranges of the body) the features read.
    pub fn sentences(&self) -> &[Range<usize>] {
        &self.sentences
    }

    pub(crate) fn sparse(&self) -> &[(u32, f32)] {
        &self.sparse
    }
}

fn flag_counts(words: &[Word]) -> [f32; 4] {
    let mut c = [0.0; 4];
    for w in words {
        for (i, f) in [REFUTE, NEGATE, HEDGE, REPORT].into_iter().enumerate() {
            if w.flags & f != 0 {
                c[i] += 1.0;
            }
        }
    }
    c
}

fn normalise(block: &mut [(u32, f32)]) {
    let n: f32 = block.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
    if n > 0.0 {
        for (_, v) in block {
            *v /= n;
        }
    }
}

fn push_block(out: &mut Vec<(u32, f32)>, items: impl Iterator<Item = (u64, f32)>, salt: u64) {
    let start = out.len();
    out.extend(items.map(|(k, v)| (slot(k, salt), v)));
    normalise(&mut out[start..]);
}

pub(crate) fn prepare(body: &str, sentences: Option<&[Range<usize>]>, idf: &dyn Idf, lists: &Words) -> PreparedBody {
    let sentences: Vec<Range<usize>> = match sentences {
        Some(s) => s
            .iter()
            .filter(|r| {
                r.start < r.end && r.end <= body.len() && body.is_char_boundary(r.start) && body.is_char_boundary(r.end)
            })
            .cloned()
            .collect(),
        None => text::split_sentences(body),
    };
    let mut words = Vec::new();
    let mut sent_words = Vec::with_capacity(sentences.len());
    for r in &sentences {
        let spans: Vec<Range<usize>> =
            text::word_spans(&body[r.clone()]).into_iter().map(|w| w.start + r.start..w.end + r.start).collect();
        let start = words.len();
        words.extend(text::analyse(body, &spans, lists));
        sent_words.push(start..words.len());
    }
    let (vector, norm) = tfidf(&words, idf);
    let sent_vectors = sent_words.iter().map(|r| tfidf(&words[r.clone()], idf)).collect();
    let mut bigrams = HashSet::default();
    for r in &sent_words {
        let content: Vec<u64> = words[r.clone()].iter().filter(|w| w.content()).map(|w| w.stem).collect();
        bigrams.extend(content.windows(2).map(|p| bigram(p[0], p[1])));
    }
    let mut sparse = Vec::new();
    push_block(&mut sparse, vector.iter().map(|&(k, v)| (k, v)), SALT_BODY);
    PreparedBody {
        counts: flag_counts(&words),
        sentences,
        sent_words,
        words,
        vector,
        norm,
        sent_vectors,
        bigrams,
        sparse,
    }
}

/// What the features of one pair found besides the vector: the body's sentences, best first.
pub(crate) struct PairFeatures {
    pub dense: [f32; DENSE],
    /// Pair-specific sparse features (the body's own block is [`PreparedBody::sparse`]).
    pub sparse: Vec<(u32, f32)>,
    /// Indexes into the body's sentences with their cosine, best first (at most [`TOP`], cosine > 0).
    pub ranked: Vec<(usize, f32)>,
    /// IDF-weighted share of the claim's stems found in the best sentence and its neighbours.
    pub coverage: f32,
    /// The same share for the claim's predicate words only ([`predicate_words`]), found around
    /// the evidence sentences (the best [`EVIDENCE`] and their neighbours).
    pub predicate_coverage: f32,
}

/// How many of the best sentences are the evidence of a judgement.
pub(crate) const EVIDENCE: usize = 2;

/// Which of a claim's content words say what happened rather than who: the words that do not
/// begin with a capital ("Ukraine *threatening* to *declare war* on North Korea"). A
/// sentence-case headline capitalises its names and its first word only; a title-case one
/// capitalises nearly everything, and then every content word counts.
fn predicate_words(claim: &str, spans: &[std::ops::Range<usize>], words: &[Word]) -> Vec<u64> {
    let content: Vec<usize> = (0..words.len()).filter(|&i| words[i].content()).collect();
    let capital = |i: usize| claim[spans[i].clone()].starts_with(char::is_uppercase);
    let capitals = content.iter().filter(|&&i| capital(i)).count();
    let title_case = capitals * 10 > content.len() * 7;
    let mut out: Vec<u64> = content.into_iter().filter(|&i| title_case || !capital(i)).map(|i| words[i].stem).collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn share(num: f32, den: f32) -> f32 {
    if den > 0.0 {
        num / den
    } else {
        0.0
    }
}

pub(crate) fn features(claim: &str, body: &PreparedBody, idf: &dyn Idf, lists: &Words) -> PairFeatures {
    let spans = text::word_spans(claim);
    let cw = text::analyse(claim, &spans, lists);
    let (cv, cnorm) = tfidf(&cw, idf);
    let content: Vec<u64> = cw.iter().filter(|w| w.content()).map(|w| w.stem).collect();
    let idf_total: f32 = cv.iter().map(|&(k, _)| idf.idf(k)).sum();
    let covered = |v: &Vector| -> f32 {
        share(cv.iter().filter(|&&(k, _)| has(v, k)).map(|&(k, _)| idf.idf(k)).sum(), idf_total)
    };

    // Sentence cosines.
    let cos = |v: &Vector, n: f32| -> f32 {
        if cnorm == 0.0 || n == 0.0 {
            return 0.0;
        }
        cv.iter().map(|&(k, w)| w * weight(v, k)).sum::<f32>() / (cnorm * n)
    };
    let sims: Vec<f32> = body.sent_vectors.iter().map(|(v, n)| cos(v, *n)).collect();
    let mut order: Vec<usize> = (0..sims.len()).collect();
    order.sort_by(|&a, &b| sims[b].total_cmp(&sims[a]).then(a.cmp(&b)));
    let ranked: Vec<(usize, f32)> = order.iter().take(TOP).filter(|&&i| sims[i] > 0.0).map(|&i| (i, sims[i])).collect();
    let top = |k: usize| ranked.get(k).map_or(0.0, |r| r.1);
    let best = ranked.first().map(|r| r.0);

    let top_words: Vec<Word> =
        ranked.iter().flat_map(|&(i, _)| body.words[body.sent_words[i].clone()].iter().copied()).collect();
    let top_counts = flag_counts(&top_words);
    let claim_counts = flag_counts(&cw);
    let best_counts = best.map_or([0.0; 4], |i| flag_counts(&body.words[body.sent_words[i].clone()]));

    let best_cov = best.map_or(0.0, |i| covered(&body.sent_vectors[i].0));
    // The words of a sentence and its two neighbours.
    let window = |i: usize| -> &[Word] {
        let lo = i.saturating_sub(1);
        let hi = (i + 2).min(body.sent_words.len());
        &body.words[body.sent_words[lo].start..body.sent_words[hi - 1].end]
    };
    let window_cov = best.map_or(0.0, |i| covered(&tfidf(window(i), idf).0));
    let predicates = predicate_words(claim, &spans, &cw);
    let predicate_coverage = if predicates.is_empty() {
        1.0
    } else {
        let around: Vec<Word> = ranked.iter().take(EVIDENCE).flat_map(|&(i, _)| window(i).iter().copied()).collect();
        let (v, _) = tfidf(&around, idf);
        let total: f32 = predicates.iter().map(|&k| idf.idf(k)).sum();
        share(predicates.iter().filter(|&&k| has(&v, k)).map(|&k| idf.idf(k)).sum(), total)
    };
    let lede_cov = if body.sent_words.is_empty() {
        0.0
    } else {
        let hi = body.sent_words.len().min(2);
        let (v, _) = tfidf(&body.words[..body.sent_words[hi - 1].end], idf);
        covered(&v)
    };
    let plain_cov = share(cv.iter().filter(|&&(k, _)| has(&body.vector, k)).count() as f32, cv.len() as f32);
    let claim_bigrams: Vec<u64> = content.windows(2).map(|p| bigram(p[0], p[1])).collect();
    let bigram_cov =
        share(claim_bigrams.iter().filter(|b| body.bigrams.contains(b)).count() as f32, claim_bigrams.len() as f32);
    let numbers: Vec<u64> = cw.iter().filter(|w| w.flags & NUMBER != 0).map(|w| w.stem).collect();
    let number_cov = share(numbers.iter().filter(|&&n| has(&body.vector, n)).count() as f32, numbers.len() as f32);
    let body_len = body.words.len() as f32;
    let root = (1.0 + body_len).sqrt();
    let jaccard = ranked
        .iter()
        .map(|&(i, _)| {
            let v = &body.sent_vectors[i].0;
            let inter = cv.iter().filter(|&&(k, _)| has(v, k)).count() as f32;
            share(inter, (cv.len() + v.len()) as f32 - inter)
        })
        .fold(0.0, f32::max);
    let related = sims.iter().filter(|&&s| s > 0.2).count() as f32;
    let position = best.map_or(1.0, |i| share(i as f32, body.sentences.len() as f32));
    let question = if claim.trim_end().ends_with('?') { 1.0 } else { 0.0 };

    let dense = [
        cos(&body.vector, body.norm),
        top(0),
        top(1),
        (top(0) + top(1) + top(2)) / 3.0,
        covered(&body.vector),
        best_cov,
        window_cov,
        plain_cov,
        bigram_cov,
        lede_cov,
        position,
        body.counts[0] / root,
        top_counts[0],
        claim_counts[0],
        top_counts[1],
        claim_counts[1],
        top_counts[2],
        claim_counts[2],
        top_counts[3],
        body.counts[3] / root,
        question,
        numbers.len() as f32,
        number_cov,
        (1.0 + body_len).ln(),
        (1.0 + content.len() as f32).ln(),
        if body.counts[0] > 0.0 { 1.0 } else { 0.0 },
        best_counts[1],
        related.ln_1p(),
        jaccard,
        best_counts[0],
        body.counts[1] / root,
        body.counts[2] / root,
    ];

    let mut sparse = Vec::with_capacity(4 * content.len() + 64);
    push_block(&mut sparse, cv.iter().map(|&(k, _)| (k, 1.0)), SALT_CLAIM);
    push_block(&mut sparse, claim_bigrams.iter().map(|&b| (b, 1.0)), SALT_BIGRAM);
    let (tv, _) = tfidf(&top_words, idf);
    push_block(&mut sparse, tv.into_iter(), SALT_TOP);
    let cue = |w: &&Word| w.flags & (REFUTE | NEGATE | HEDGE | REPORT) != 0;
    push_block(&mut sparse, top_words.iter().filter(cue).map(|w| (w.stem, 1.0)), SALT_CUE);
    push_block(&mut sparse, cw.iter().filter(cue).map(|w| (w.stem, 1.0)), SALT_CUE ^ 0x10);
    push_block(&mut sparse, cv.iter().filter(|&&(k, _)| has(&body.vector, k)).map(|&(k, _)| (k, 1.0)), SALT_SHARED);
    PairFeatures { dense, sparse, ranked, coverage: window_cov, predicate_coverage }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> &'static Words {
        text::words().unwrap()
    }

    struct Flat;
    impl Idf for Flat {
        fn idf(&self, _: u64) -> f32 {
            1.0
        }
    }

    #[test]
    fn the_matching_sentence_ranks_first_and_covers_the_claim() {
        let body = "The weather was mild. Police found the missing dog in Paris. Markets rose.";
        let p = prepare(body, None, &Flat, lists());
        assert_eq!(p.sentences.len(), 3);
        let f = features("Missing dog found in Paris", &p, &Flat, lists());
        assert_eq!(f.ranked[0].0, 1);
        assert!(f.dense[5] > 0.99, "best-sentence coverage {}", f.dense[5]);
        let g = features("Stock prices fall in Tokyo", &p, &Flat, lists());
        assert!(g.dense[4] < f.dense[4]);
        assert!(f.dense.iter().chain(g.dense.iter()).all(|x| x.is_finite()));
    }

    #[test]
    fn empty_inputs_give_finite_features() {
        let p = prepare("", None, &Flat, lists());
        for claim in ["", "a claim", "???"] {
            let f = features(claim, &p, &Flat, lists());
            assert!(f.dense.iter().all(|x| x.is_finite()));
            assert!(f.ranked.is_empty());
        }
        // Sentences out of range or off char boundaries are dropped, not sliced.
        let p = prepare("héllo", Some(&[0..2, 0..99, 0..6]), &Flat, lists());
        assert_eq!(p.sentences, vec![0..6usize]);
    }
}
