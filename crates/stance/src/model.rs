//! The network (one hidden ReLU layer over the dense and hashed sparse features, softmax over the
//! four labels), the IDF table, and the model file.
//!
//! File (format 1, little-endian): magic `DSTANCE1`, hidden size, dense and sparse sizes, IDF
//! bits; the IDF table (one byte a bucket, with its scale); the dense features' means and
//! standard deviations; the first layer's rows as i8 with one f32 scale a row; the first layer's
//! bias, the output layer and bias as f32; the decision offsets added to the output (tuned on the
//! trainer's own tuning split).

use crate::features::{self, Idf, PreparedBody, DENSE, SPARSE};
use crate::text::{self, Words};
use crate::{Error, Judgement, Label, Result};

/// Version 2 added the predicate floor after the support floor.
const MAGIC: &[u8; 8] = b"DSTANCE2";
pub(crate) const IDF_BITS: u32 = 18;

/// Document frequencies turned into inverse document frequencies, by hashed stem.
#[derive(Debug, Clone)]
pub(crate) struct IdfTable {
    pub buckets: Vec<u8>,
    pub scale: f32,
    /// For stems never seen in training: the rarest weight.
    pub unseen: f32,
}

impl Idf for IdfTable {
    #[inline]
    fn idf(&self, stem: u64) -> f32 {
        let b = self.buckets[(stem >> (64 - IDF_BITS)) as usize];
        if b == 0 {
            self.unseen
        } else {
            f32::from(b) * self.scale
        }
    }
}

/// The network's weights as f32.
#[derive(Debug, Clone)]
pub(crate) struct Net {
    pub hidden: usize,
    /// `(SPARSE + DENSE) × hidden`, row-major: the sparse rows first, then the dense ones.
    pub w1: Vec<f32>,
    pub b1: Vec<f32>,
    /// `hidden × 4`.
    pub w2: Vec<f32>,
    pub b2: [f32; 4],
}

impl Net {
    /// The output scores (before the softmax) for one input and the hidden activations.
    pub fn forward(&self, inputs: &[(u32, f32)], hidden: &mut Vec<f32>) -> [f32; 4] {
        hidden.clear();
        hidden.extend_from_slice(&self.b1);
        for &(row, v) in inputs {
            let w = &self.w1[row as usize * self.hidden..(row as usize + 1) * self.hidden];
            for (h, w) in hidden.iter_mut().zip(w) {
                *h += v * w;
            }
        }
        let mut z = self.b2;
        for (j, h) in hidden.iter_mut().enumerate() {
            *h = h.max(0.0);
            for (k, zk) in z.iter_mut().enumerate() {
                *zk += *h * self.w2[j * 4 + k];
            }
        }
        z
    }
}

pub(crate) fn softmax(z: [f32; 4]) -> [f32; 4] {
    let m = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e = z.map(|x| (x - m).exp());
    let s: f32 = e.iter().sum();
    e.map(|x| x / s)
}

/// The stance model: loaded once ([`StanceModel::load`]), then judges any number of pairs.
#[derive(Clone)]
pub struct StanceModel {
    pub(crate) idf: IdfTable,
    pub(crate) mean: [f32; DENSE],
    pub(crate) std: [f32; DENSE],
    pub(crate) net: Net,
    pub(crate) offsets: [f32; 4],
    /// Coverage below which an agreeing or discussing body does not bear the claim out
    /// ([`StanceModel::support_floor`]).
    pub(crate) support_floor: f32,
    /// Predicate coverage below which it does not either ([`StanceModel::predicate_floor`]).
    pub(crate) predicate_floor: f32,
    pub(crate) words: &'static Words,
}

impl std::fmt::Debug for StanceModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StanceModel").field("hidden", &self.net.hidden).field("offsets", &self.offsets).finish()
    }
}

impl StanceModel {
    /// Reads a model file written by [`StanceModel::save`].
    pub fn load(bytes: &[u8]) -> Result<StanceModel> {
        let mut r = Reader { b: bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(Error::BadModel);
        }
        let hidden = r.u32()? as usize;
        let (dense, sparse, idf_bits) = (r.u32()? as usize, r.u32()? as usize, r.u32()?);
        if dense != DENSE || sparse != SPARSE || idf_bits != IDF_BITS || hidden == 0 || hidden > 4096 {
            return Err(Error::Corrupt("sizes differ from this build's features"));
        }
        let scale = r.f32()?;
        let unseen = r.f32()?;
        let buckets = r.take(1 << IDF_BITS)?.to_vec();
        let mut mean = [0.0; DENSE];
        let mut std = [0.0; DENSE];
        for m in &mut mean {
            *m = r.f32()?;
        }
        for s in &mut std {
            *s = r.f32()?;
        }
        let rows = SPARSE + DENSE;
        let mut w1 = Vec::with_capacity(rows * hidden);
        for _ in 0..rows {
            let s = r.f32()?;
            w1.extend(r.take(hidden)?.iter().map(|&q| f32::from(q as i8) * s));
        }
        let b1 = (0..hidden).map(|_| r.f32()).collect::<Result<Vec<_>>>()?;
        let w2 = (0..hidden * 4).map(|_| r.f32()).collect::<Result<Vec<_>>>()?;
        let mut b2 = [0.0; 4];
        for b in &mut b2 {
            *b = r.f32()?;
        }
        let mut offsets = [0.0; 4];
        for o in &mut offsets {
            *o = r.f32()?;
        }
        let support_floor = r.f32()?;
        let predicate_floor = r.f32()?;
        if r.pos != bytes.len() {
            return Err(Error::Corrupt("trailing bytes"));
        }
        let all = mean.iter().chain(&std).chain(&w1).chain(&b1).chain(&w2).chain(&b2).chain(&offsets);
        if !all.clone().all(|x| x.is_finite()) || !scale.is_finite() || !unseen.is_finite() {
            return Err(Error::Corrupt("a weight is not finite"));
        }
        Ok(StanceModel {
            idf: IdfTable { buckets, scale, unseen },
            mean,
            std,
            net: Net { hidden, w1, b1, w2, b2 },
            offsets,
            support_floor,
            predicate_floor,
            words: text::words()?,
        })
    }

    /// The model file: the first layer quantised to i8 a row.
    pub fn save(&self) -> Vec<u8> {
        let h = self.net.hidden;
        let mut w: Vec<u8> = Vec::with_capacity((SPARSE + DENSE) * (h + 4) + (1 << IDF_BITS) + 4096);
        w.extend_from_slice(MAGIC);
        for v in [h as u32, DENSE as u32, SPARSE as u32, IDF_BITS] {
            w.extend_from_slice(&v.to_le_bytes());
        }
        let f = |w: &mut Vec<u8>, x: f32| w.extend_from_slice(&x.to_le_bytes());
        f(&mut w, self.idf.scale);
        f(&mut w, self.idf.unseen);
        w.extend_from_slice(&self.idf.buckets);
        for &x in self.mean.iter().chain(&self.std) {
            f(&mut w, x);
        }
        for row in self.net.w1.chunks(h) {
            let max = row.iter().fold(0.0f32, |m, x| m.max(x.abs()));
            let s = if max > 0.0 { max / 127.0 } else { 1.0 };
            f(&mut w, s);
            w.extend(row.iter().map(|&x| (x / s).round().clamp(-127.0, 127.0) as i8 as u8));
        }
        for &x in self.net.b1.iter().chain(&self.net.w2).chain(&self.net.b2).chain(&self.offsets) {
            f(&mut w, x);
        }
        f(&mut w, self.support_floor);
        f(&mut w, self.predicate_floor);
        w
    }

    /// Reads a body once for several claims; `sentences` are byte ranges of `body` (split here
    /// when `None`). Ranges off the body or off char boundaries are dropped.
    pub fn prepare(&self, body: &str, sentences: Option<&[std::ops::Range<usize>]>) -> PreparedBody {
        features::prepare(body, sentences, &self.idf, self.words)
    }

    /// Whether `body` agrees with, disagrees with, discusses or is unrelated to `claim`.
    pub fn judge(&self, claim: &str, body: &str) -> Judgement {
        self.judge_prepared(claim, &self.prepare(body, None))
    }

    /// As [`StanceModel::judge`], over the body's own sentences (byte ranges of `body`).
    pub fn judge_sentences(&self, claim: &str, body: &str, sentences: &[std::ops::Range<usize>]) -> Judgement {
        self.judge_prepared(claim, &self.prepare(body, Some(sentences)))
    }

    /// As [`StanceModel::judge`], over a body read by [`StanceModel::prepare`].
    pub fn judge_prepared(&self, claim: &str, body: &PreparedBody) -> Judgement {
        let (z, f) = self.logits(claim, body, &mut Vec::new());
        if f.ranked.is_empty() {
            // No body sentence shares a word with the claim (an empty body or claim among them):
            // unrelated by definition, whatever the network would make of such an input.
            return Judgement {
                label: Label::Unrelated,
                score: 1.0,
                scores: [0.0, 0.0, 0.0, 1.0],
                evidence: Vec::new(),
                coverage: 0.0,
                predicate_coverage: 0.0,
            };
        }
        let scores = softmax(z);
        let label = Label::ALL[argmax(&scores)];
        let evidence = f.ranked.iter().take(features::EVIDENCE).map(|&(i, _)| body.sentences[i].clone()).collect();
        Judgement {
            label,
            score: scores[label as usize],
            scores,
            evidence,
            coverage: f.coverage,
            predicate_coverage: f.predicate_coverage,
        }
    }

    /// The input rows of one pair: the pair's sparse features, the body's, and the standardised
    /// dense ones.
    pub(crate) fn inputs(&self, claim: &str, body: &PreparedBody) -> (Vec<(u32, f32)>, features::PairFeatures) {
        let mut f = features::features(claim, body, &self.idf, self.words);
        let mut inputs = std::mem::take(&mut f.sparse);
        inputs.extend_from_slice(body.sparse());
        for (d, &x) in f.dense.iter().enumerate() {
            inputs.push(((SPARSE + d) as u32, (x - self.mean[d]) / self.std[d]));
        }
        (inputs, f)
    }

    /// The coverage ([`Judgement::coverage`]) that 90 % of the agreeing and discussing pairs of
    /// the trainer's tuning split reach: below it, a body that takes up the claim's topic does not
    /// say the claim itself.
    pub fn support_floor(&self) -> f32 {
        self.support_floor
    }

    /// The predicate coverage ([`Judgement::predicate_coverage`]) that 90 % of the agreeing and
    /// discussing pairs of the tuning split reach: below it, the body names the claim's people
    /// and places but not what the claim says they did.
    pub fn predicate_floor(&self) -> f32 {
        self.predicate_floor
    }

    pub(crate) fn logits(
        &self,
        claim: &str,
        body: &PreparedBody,
        hidden: &mut Vec<f32>,
    ) -> ([f32; 4], features::PairFeatures) {
        let (inputs, f) = self.inputs(claim, body);
        let mut z = self.net.forward(&inputs, hidden);
        for (z, o) in z.iter_mut().zip(self.offsets) {
            *z += o;
        }
        (z, f)
    }
}

pub(crate) fn argmax(x: &[f32; 4]) -> usize {
    (0..4).fold(0, |b, i| if x[i] > x[b] { i } else { b })
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.b.len()).ok_or(Error::Corrupt("unexpected end"))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32> {
        let mut a = [0u8; 4];
        a.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(a))
    }
    fn f32(&mut self) -> Result<f32> {
        self.u32().map(f32::from_bits)
    }
}
