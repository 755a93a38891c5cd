//! The averaged perceptron: training, greedy BIO decoding, and the binary model format.

use std::collections::{HashMap, HashSet};

use crate::codec::{Reader, Writer};
use crate::features::{SentenceFeatures, Vocab};
use crate::gazetteer::Gazetteer;
use crate::hash::{hash_lower, hash_str};
use crate::tags::{spans, EntitySpan, Sentence, Tag, N_LABELS};
use crate::{Error, Result};

const MAGIC: &[u8; 8] = b"DSNERMDL";
/// 2: gazetteer masks are 16 bits (nine categories).
const VERSION: u32 = 2;
/// The label index used for "before the sentence" in the previous-tag features.
const START: usize = N_LABELS;

/// A trained tagger: the weight table, the gazetteer and the lower-case vocabulary it was
/// trained with. Load it once and share it; tagging takes `&self`.
#[derive(Debug, Clone)]
pub struct Tagger {
    bits: u32,
    weights: Vec<f32>,
    gazetteer: Gazetteer,
    vocab: Vocab,
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Passes over the data.
    pub epochs: usize,
    /// log2 of the number of weight rows (feature hash buckets).
    pub bits: u32,
    /// Seed of the per-epoch shuffle.
    pub seed: u64,
    /// Share of sentences (0..=1) that are also trained on in lower case, so that the model
    /// does not rely on capitals alone (web text: "tampa bay", "kerala").
    pub lowercase_share: f64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig { epochs: 12, bits: 19, seed: 7, lowercase_share: 0.0 }
    }
}

#[inline]
fn row(f: u64, bits: u32) -> usize {
    (f >> (64 - bits)) as usize * N_LABELS
}

impl Tagger {
    /// Tags a tokenised sentence, one tag per token. Never fails; an empty input gives an empty
    /// output. Tokens are taken as they are (no normalisation besides lower-casing for features).
    pub fn tag(&self, tokens: &[&str]) -> Vec<Tag> {
        let mut sf = SentenceFeatures::default();
        self.tag_with(tokens, &mut sf)
    }

    /// Like [`Tagger::tag`], reusing the caller's feature buffers (faster over many sentences).
    fn tag_with(&self, tokens: &[&str], sf: &mut SentenceFeatures) -> Vec<Tag> {
        sf.compute(tokens, &self.gazetteer, &self.vocab);
        decode(sf, |f, out| {
            let r = row(f, self.bits);
            for (o, w) in out.iter_mut().zip(&self.weights[r..r + N_LABELS]) {
                *o += *w;
            }
        })
    }

    /// Tags many sentences, reusing buffers between them.
    pub fn tag_all<'a, I>(&self, sentences: I) -> Vec<Vec<Tag>>
    where
        I: IntoIterator<Item = &'a [&'a str]>,
    {
        let mut sf = SentenceFeatures::default();
        sentences.into_iter().map(|s| self.tag_with(s, &mut sf)).collect()
    }

    /// The entities of a tokenised sentence, as token spans `start..end` with their kind.
    pub fn entities(&self, tokens: &[&str]) -> Vec<EntitySpan> {
        spans(&self.tag(tokens))
    }

    /// The gazetteer the model carries.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Whether the training text used this word, in lower case, as an ordinary word at least
    /// twice ("will", "rose", "mark"): such a word is a name only by context.
    pub fn is_common_word(&self, word: &str) -> bool {
        self.vocab.contains(&hash_lower(word))
    }

    /// Serialises the model: magic, version, sizes, gazetteer, vocabulary, then the weights
    /// quantised to i16 with one scale (all little-endian).
    pub fn save(&self) -> Vec<u8> {
        let mut out = Writer::with_capacity(self.weights.len() * 2 + 1024);
        out.bytes(MAGIC);
        out.u32(VERSION);
        out.u32(self.bits);
        out.u32(N_LABELS as u32);
        self.gazetteer.write(&mut out);
        let mut v: Vec<u64> = self.vocab.iter().copied().collect();
        v.sort_unstable();
        out.u32(v.len() as u32);
        for h in v {
            out.u64(h);
        }
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        out.f32(scale);
        // Rows that are all zero are frequent: store a bitmap of non-empty rows, then their weights.
        let rows = self.weights.len() / N_LABELS;
        let q = |w: f32| (w / scale).round().clamp(-32767.0, 32767.0) as i16;
        let mut bitmap = vec![0u8; rows.div_ceil(8)];
        let mut body = Writer::default();
        for r in 0..rows {
            let ws = &self.weights[r * N_LABELS..(r + 1) * N_LABELS];
            if ws.iter().any(|&w| q(w) != 0) {
                bitmap[r / 8] |= 1 << (r % 8);
                for &w in ws {
                    body.i16(q(w));
                }
            }
        }
        out.bytes(&bitmap);
        out.bytes(&body.finish());
        out.finish()
    }

    /// Reads a model written by [`Tagger::save`].
    pub fn load(bytes: &[u8]) -> Result<Tagger> {
        let mut r = Reader::new(bytes);
        if r.take(8)? != MAGIC {
            return Err(Error::BadModel(0));
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(Error::BadModel(version));
        }
        let bits = r.u32()?;
        if !(8..=26).contains(&bits) {
            return Err(Error::Corrupt("bucket bits"));
        }
        if r.u32()? as usize != N_LABELS {
            return Err(Error::Corrupt("label count"));
        }
        let gazetteer = Gazetteer::read(&mut r)?;
        let n = r.u32()? as usize;
        let mut vocab = HashSet::with_capacity(n.min(1 << 22));
        for _ in 0..n {
            vocab.insert(r.u64()?);
        }
        let scale = r.f32()?;
        let rows = 1usize << bits;
        let bitmap = r.take(rows.div_ceil(8))?.to_vec();
        let mut weights = vec![0f32; rows * N_LABELS];
        for rw in 0..rows {
            if bitmap[rw / 8] & (1 << (rw % 8)) == 0 {
                continue;
            }
            for w in &mut weights[rw * N_LABELS..(rw + 1) * N_LABELS] {
                *w = f32::from(r.i16()?) * scale;
            }
        }
        if !r.at_end() {
            return Err(Error::Corrupt("trailing bytes"));
        }
        Ok(Tagger { bits, weights, gazetteer, vocab })
    }
}

/// Greedy left-to-right decoding under the BIO constraint; `add` adds a feature's weights to
/// the label scores.
fn decode(sf: &SentenceFeatures, mut add: impl FnMut(u64, &mut [f32; N_LABELS])) -> Vec<Tag> {
    let n = sf.info.len();
    let mut out = Vec::with_capacity(n);
    let (mut p1, mut p2) = (START, START);
    for i in 0..n {
        let mut scores = [0f32; N_LABELS];
        for &f in &sf.feats[sf.offsets[i]..sf.offsets[i + 1]] {
            add(f, &mut scores);
        }
        for f in sf.dynamic(i, p1, p2) {
            add(f, &mut scores);
        }
        let best = best_label(&scores, out.last().copied().unwrap_or(Tag::O));
        out.push(Tag::from_index(best));
        p2 = p1;
        p1 = best;
    }
    out
}

fn best_label(scores: &[f32; N_LABELS], prev: Tag) -> usize {
    let mut best = 0;
    let mut best_score = f32::NEG_INFINITY;
    for (l, &s) in scores.iter().enumerate() {
        if s > best_score && Tag::from_index(l).may_follow(prev) {
            best = l;
            best_score = s;
        }
    }
    best
}

/// Lower-case word forms seen at least twice in the training tokens: a capitalised token whose
/// lower-case form is in it is probably a sentence-initial or headline common word.
fn lower_vocab(sentences: &[Sentence]) -> Vocab {
    let mut counts: HashMap<u64, u32> = HashMap::new();
    for s in sentences {
        for t in &s.tokens {
            if t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_uppercase) {
                *counts.entry(hash_str(t)).or_insert(0) += 1;
            }
        }
    }
    counts.into_iter().filter(|&(_, c)| c >= 2).map(|(h, _)| h).collect()
}

/// Parameter mixing: the mean of the weights of taggers trained on the same sentences in
/// different orders (the first one's gazetteer and vocabulary are kept). The mean is steadier
/// than any one shuffle. Panics on an empty list or on models of different sizes.
pub fn average(taggers: &[Tagger]) -> Tagger {
    let first = taggers.first().expect("at least one tagger to average");
    assert!(taggers.iter().all(|t| t.bits == first.bits), "models of different sizes");
    let n = taggers.len() as f32;
    let weights = (0..first.weights.len()).map(|i| taggers.iter().map(|t| t.weights[i]).sum::<f32>() / n).collect();
    Tagger { bits: first.bits, weights, gazetteer: first.gazetteer.clone(), vocab: first.vocab.clone() }
}

/// Trains an averaged perceptron on tagged sentences. Each token is decoded greedily with the
/// current weights and the model's own previous tags; on a mistake the gold label's weights of
/// the token's features go up and the predicted label's go down. Weights are averaged over all
/// steps (lazy averaging). Deterministic for a given config.
pub fn train(sentences: &[Sentence], gazetteer: Gazetteer, config: &TrainConfig) -> Tagger {
    let bits = config.bits.clamp(8, 26);
    let vocab = lower_vocab(sentences);
    let mut extra = Vec::new();
    let every = if config.lowercase_share > 0.0 { (1.0 / config.lowercase_share.min(1.0)).round() as usize } else { 0 };
    if every > 0 {
        for s in sentences.iter().step_by(every) {
            let tokens = s.tokens.iter().map(|t| t.to_lowercase()).collect();
            extra.push(Sentence::new(tokens, s.tags.clone()));
        }
    }
    let all: Vec<&Sentence> = sentences.iter().chain(extra.iter()).collect();
    let sentences = all;
    let size = (1usize << bits) * N_LABELS;
    let mut w = vec![0f32; size];
    let mut totals = vec![0f64; size];
    let mut stamps = vec![0u64; size];
    let mut clock: u64 = 0;

    // Static features of every sentence, computed once.
    let feats: Vec<SentenceFeatures> = sentences
        .iter()
        .map(|s| {
            let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            let mut sf = SentenceFeatures::default();
            sf.compute(&toks, &gazetteer, &vocab);
            sf
        })
        .collect();
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = config.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut upd = |idx: usize, delta: f32, clock: u64, w: &mut [f32]| {
        totals[idx] += (clock - stamps[idx]) as f64 * f64::from(w[idx]);
        stamps[idx] = clock;
        w[idx] += delta;
    };
    for _ in 0..config.epochs {
        // Fisher-Yates with xorshift64.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &si in &order {
            let sf = &feats[si];
            let gold = &sentences[si].tags;
            let (mut p1, mut p2) = (START, START);
            let mut prev = Tag::O;
            for (i, g) in gold.iter().enumerate().take(sf.info.len()) {
                clock += 1;
                let dynamic = sf.dynamic(i, p1, p2);
                let all = sf.feats[sf.offsets[i]..sf.offsets[i + 1]].iter().chain(dynamic.iter());
                let mut scores = [0f32; N_LABELS];
                for &f in all.clone() {
                    let r = row(f, bits);
                    for (s, x) in scores.iter_mut().zip(&w[r..r + N_LABELS]) {
                        *s += *x;
                    }
                }
                let pred = best_label(&scores, prev);
                let gi = g.index();
                if pred != gi {
                    for &f in all {
                        let r = row(f, bits);
                        upd(r + gi, 1.0, clock, &mut w);
                        upd(r + pred, -1.0, clock, &mut w);
                    }
                }
                p2 = p1;
                p1 = pred;
                prev = Tag::from_index(pred);
            }
        }
    }
    let clock = clock.max(1);
    let weights: Vec<f32> = (0..size)
        .map(|i| {
            let t = totals[i] + (clock - stamps[i]) as f64 * f64::from(w[i]);
            (t / clock as f64) as f32
        })
        .collect();
    Tagger { bits, weights, gazetteer, vocab }
}
