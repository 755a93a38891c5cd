//! Training the averaged perceptron (feature `train`): parameter mixing and the training loop.

use std::collections::HashMap;

use crate::clusters::Clusters;
use crate::features::{SentenceFeatures, Vocab};
use crate::gazetteer::Gazetteer;
use crate::hash::hash_str;
use crate::model::{best_label, row, Tagger, START};
use crate::tags::{Sentence, Tag, N_LABELS};

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
    Tagger {
        bits: first.bits,
        weights,
        gazetteer: first.gazetteer.clone(),
        vocab: first.vocab.clone(),
        clusters: first.clusters.clone(),
    }
}

/// Trains an averaged perceptron on tagged sentences. Each token is decoded greedily with the
/// current weights and the model's own previous tags; on a mistake the gold label's weights of
/// the token's features go up and the predicted label's go down (not on an unlabelled token,
/// whose prediction only carries on as the next token's history). Weights are averaged over all
/// steps (lazy averaging). Deterministic for a given config.
pub fn train(sentences: &[Sentence], gazetteer: Gazetteer, clusters: Clusters, config: &TrainConfig) -> Tagger {
    let bits = config.bits.clamp(8, 26);
    let vocab = lower_vocab(sentences);
    let mut extra = Vec::new();
    let every = if config.lowercase_share > 0.0 { (1.0 / config.lowercase_share.min(1.0)).round() as usize } else { 0 };
    if every > 0 {
        for s in sentences.iter().step_by(every) {
            let tokens = s.tokens.iter().map(|t| t.to_lowercase()).collect();
            extra.push(Sentence { tokens, ..s.clone() });
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
            sf.compute(&toks, &gazetteer, &vocab, &clusters);
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
            let unlabelled = &sentences[si].unlabelled;
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
                if pred != gi && !unlabelled.get(i).copied().unwrap_or(false) {
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
    Tagger { bits, weights, gazetteer, vocab, clusters }
}
