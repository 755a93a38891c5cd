//! The averaged perceptron: greedy BIO decoding and the binary model format (training is in
//! `train.rs`, feature `train`).

use std::collections::HashSet;

use crate::clusters::Clusters;
use crate::codec::{Reader, Writer};
use crate::features::{SentenceFeatures, Vocab};
use crate::gazetteer::Gazetteer;
use crate::hash::hash_lower;
use crate::tags::{spans, EntitySpan, Tag, N_LABELS};
use crate::{Error, Result};

const MAGIC: &[u8; 8] = b"DSNERMDL";
/// 2: gazetteer masks are 16 bits (nine categories). 3: word clusters after the vocabulary.
const VERSION: u32 = 3;
/// The label index used for "before the sentence" in the previous-tag features.
pub(crate) const START: usize = N_LABELS;

/// A trained tagger: the weight table, the gazetteer and the lower-case vocabulary it was
/// trained with. Load it once and share it; tagging takes `&self`.
#[derive(Debug, Clone)]
pub struct Tagger {
    pub(crate) bits: u32,
    pub(crate) weights: Vec<f32>,
    pub(crate) gazetteer: Gazetteer,
    pub(crate) vocab: Vocab,
    pub(crate) clusters: Clusters,
}

#[inline]
pub(crate) fn row(f: u64, bits: u32) -> usize {
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
        sf.compute(tokens, &self.gazetteer, &self.vocab, &self.clusters);
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

    /// The word clusters the model carries (empty when trained without unlabelled text).
    pub fn clusters(&self) -> &Clusters {
        &self.clusters
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
        self.clusters.write(&mut out);
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
        let clusters = Clusters::read(&mut r)?;
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
        Ok(Tagger { bits, weights, gazetteer, vocab, clusters })
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

pub(crate) fn best_label(scores: &[f32; N_LABELS], prev: Tag) -> usize {
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
