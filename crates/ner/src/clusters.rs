//! Word clusters learnt from unlabelled text: words that occur in the same contexts share a
//! cluster, so the tagger can treat a name it never saw in its labelled data like the names it
//! did see ("Medvedev" beside "Putin", "Mosul" beside "Basra").
//!
//! How they are learnt ([`learn`], feature `train`): each word of the text (lower-cased, seen at
//! least `min_count` times) is described by its neighbours two to the left and two to the right,
//! among the most frequent words; the counts are weighted by positive pointwise mutual
//! information (a sparse vector per word); spherical k-means then groups the vectors at two
//! granularities (a fine and a coarse clustering). On the Voice of America news text this puts
//! heads of state together, countries and capitals together, weekdays, given names, speech
//! verbs (`DOSSIER_CLUSTER_DUMP=FILE dossier train ner …` writes the clusters to look at).
//! Everything is deterministic for a given input. The tagger stores only the table word hash →
//! (fine, coarse), which the model file carries.

use std::collections::HashMap;

use crate::codec::{Reader, Writer};
use crate::{Error, Result};

/// The cluster id a word outside the table gets.
pub(crate) const NONE: u16 = u16::MAX;

/// Word (lower-case hash, as [`crate::hash::hash_str`] of the lower-cased word) → its fine and
/// coarse cluster.
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    map: HashMap<u64, [u16; 2]>,
}

impl Clusters {
    /// The fine and coarse cluster of a word by its lower-case hash; [`NONE`] for both when the
    /// word was too rare in the unlabelled text.
    #[inline]
    pub(crate) fn get(&self, lower: u64) -> [u16; 2] {
        if self.map.is_empty() {
            return [NONE; 2];
        }
        self.map.get(&lower).copied().unwrap_or([NONE; 2])
    }

    /// Number of words with a cluster.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether no word has a cluster (a model trained without unlabelled text).
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub(crate) fn write(&self, out: &mut Writer) {
        let mut rows: Vec<(u64, [u16; 2])> = self.map.iter().map(|(&k, &v)| (k, v)).collect();
        rows.sort_unstable();
        out.u32(rows.len() as u32);
        for (k, [fine, coarse]) in rows {
            out.u64(k);
            out.u16(fine);
            out.u16(coarse);
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Clusters> {
        let n = r.u32()? as usize;
        if n > 1 << 24 {
            return Err(Error::Corrupt("cluster count"));
        }
        let mut map = HashMap::with_capacity(n);
        for _ in 0..n {
            let k = r.u64()?;
            let fine = r.u16()?;
            let coarse = r.u16()?;
            map.insert(k, [fine, coarse]);
        }
        Ok(Clusters { map })
    }
}

/// Settings of [`learn`].
#[cfg(feature = "train")]
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// A word needs this many occurrences to get a cluster.
    pub min_count: u32,
    /// At most this many words (the most frequent) get a cluster.
    pub max_words: usize,
    /// How many of the most frequent words serve as context features.
    pub contexts: usize,
    /// Number of fine and of coarse clusters.
    pub fine: usize,
    pub coarse: usize,
    /// k-means passes.
    pub iterations: usize,
    /// Seed of the k-means start.
    pub seed: u64,
}

#[cfg(feature = "train")]
impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            min_count: 3,
            max_words: 60_000,
            contexts: 1_000,
            fine: 384,
            coarse: 48,
            iterations: 12,
            seed: 7,
        }
    }
}

#[cfg(feature = "train")]
fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Learns clusters over tokenised sentences (the tokens as written; they are lower-cased here).
#[cfg(feature = "train")]
pub fn learn(sentences: &[Vec<String>], config: &ClusterConfig) -> Clusters {
    use crate::hash::hash_str;

    let lower: Vec<Vec<String>> = sentences.iter().map(|s| s.iter().map(|t| t.to_lowercase()).collect()).collect();
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for s in &lower {
        for t in s {
            *counts.entry(t.as_str()).or_insert(0) += 1;
        }
    }
    let mut by_freq: Vec<(&str, u32)> = counts.iter().map(|(&w, &c)| (w, c)).collect();
    by_freq.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let words: Vec<(&str, u32)> =
        by_freq.iter().copied().filter(|&(_, c)| c >= config.min_count).take(config.max_words).collect();
    if words.len() < config.fine.max(config.coarse) {
        return Clusters::default();
    }
    let word_id: HashMap<&str, usize> = words.iter().enumerate().map(|(i, &(w, _))| (w, i)).collect();
    // Context ids: the most frequent words, then one id for "sentence edge" and one for "other".
    let n_ctx = config.contexts.min(words.len());
    let (edge, other) = (n_ctx, n_ctx + 1);
    let ctx_of = |t: Option<&String>| -> usize {
        match t {
            None => edge,
            Some(t) => word_id.get(t.as_str()).copied().filter(|&i| i < n_ctx).unwrap_or(other),
        }
    };
    let mut pairs: HashMap<(u32, u32), u32> = HashMap::new();
    let mut ctx_totals = vec![0f64; 4 * (n_ctx + 2)];
    let mut total = 0f64;
    for s in &lower {
        for (i, t) in s.iter().enumerate() {
            let Some(&w) = word_id.get(t.as_str()) else { continue };
            for (slot, off) in [-2isize, -1, 1, 2].iter().enumerate() {
                let j = i as isize + off;
                let c = if j < 0 { None } else { s.get(j as usize) };
                let dim = slot * (n_ctx + 2) + ctx_of(c);
                *pairs.entry((w as u32, dim as u32)).or_insert(0) += 1;
                ctx_totals[dim] += 1.0;
                total += 1.0;
            }
        }
    }
    // Sparse positive-PMI vectors, unit length (rows sorted by dimension).
    let mut word_totals = vec![0f64; words.len()];
    for (&(w, _), &n) in &pairs {
        word_totals[w as usize] += f64::from(n);
    }
    let mut entries: Vec<(&(u32, u32), &u32)> = pairs.iter().collect();
    entries.sort_unstable();
    let mut vecs: Vec<Vec<(u32, f32)>> = vec![Vec::new(); words.len()];
    for (&(w, dim), &n) in entries {
        if dim as usize % (n_ctx + 2) == other {
            continue;
        }
        let pmi = (f64::from(n) * total / (word_totals[w as usize] * ctx_totals[dim as usize])).ln();
        if pmi > 0.0 {
            vecs[w as usize].push((dim, pmi as f32));
        }
    }
    for v in &mut vecs {
        let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| x.1 /= norm);
        }
    }
    let dims = 4 * (n_ctx + 2);
    let fine = kmeans(&vecs, dims, config.fine, config.iterations, config.seed);
    let coarse = kmeans(&vecs, dims, config.coarse, config.iterations, config.seed.wrapping_add(1));
    if let Ok(path) = std::env::var("DOSSIER_CLUSTER_DUMP") {
        let mut out = String::new();
        for (i, &(w, c)) in words.iter().enumerate() {
            out.push_str(&format!("{}\t{}\t{w}\t{c}\n", fine[i], coarse[i]));
        }
        let _ = std::fs::write(path, out);
    }
    let map = words.iter().enumerate().map(|(i, &(w, _))| (hash_str(w), [fine[i] as u16, coarse[i] as u16])).collect();
    Clusters { map }
}

/// Spherical k-means (cosine similarity of unit vectors) over sparse vectors with dense
/// centroids, started from `k` distinct vectors drawn by a seeded shuffle among the more
/// frequent words (vectors come in frequency order; rare words' vectors are too noisy to start
/// a cluster); returns each vector's cluster.
#[cfg(feature = "train")]
fn kmeans(vecs: &[Vec<(u32, f32)>], dims: usize, k: usize, iterations: usize, seed: u64) -> Vec<usize> {
    let n = vecs.len();
    let pool = (8 * k).min(n);
    let mut order: Vec<usize> = (0..pool).collect();
    let mut rng = splitmix(seed) | 1;
    for i in (1..pool).rev() {
        rng = splitmix(rng);
        order.swap(i, (rng % (i as u64 + 1)) as usize);
    }
    let mut centroids = vec![0f32; k * dims];
    for (c, &i) in order[..k].iter().enumerate() {
        for &(d, x) in &vecs[i] {
            centroids[c * dims + d as usize] = x;
        }
    }
    let mut assign = vec![0usize; n];
    for _ in 0..iterations {
        for (v, a) in vecs.iter().zip(assign.iter_mut()) {
            let mut best = (f32::NEG_INFINITY, 0);
            for (c, cv) in centroids.chunks(dims).enumerate() {
                let s: f32 = v.iter().map(|&(d, x)| x * cv[d as usize]).sum();
                if s > best.0 {
                    best = (s, c);
                }
            }
            *a = best.1;
        }
        centroids.iter_mut().for_each(|x| *x = 0.0);
        for (v, &a) in vecs.iter().zip(&assign) {
            for &(d, x) in v {
                centroids[a * dims + d as usize] += x;
            }
        }
        for c in centroids.chunks_mut(dims) {
            let norm = c.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                c.iter_mut().for_each(|x| *x /= norm);
            }
        }
    }
    assign
}

#[cfg(all(test, feature = "train"))]
mod tests {
    use super::*;
    use crate::hash::hash_str;

    #[test]
    fn words_in_the_same_contexts_share_a_cluster() {
        // Two kinds of words in two kinds of frames, many times over.
        let mut sentences = Vec::new();
        for (i, city) in ["paris", "rome", "oslo", "lima"].iter().enumerate() {
            for (j, name) in ["ann", "bob", "eve", "max"].iter().enumerate() {
                for _ in 0..3 {
                    let s = format!("she flew to {city} on monday . {name} said that it rained {i} {j}");
                    sentences.push(s.split(' ').map(String::from).collect::<Vec<_>>());
                }
            }
        }
        let config = ClusterConfig { min_count: 2, contexts: 30, fine: 4, coarse: 2, ..Default::default() };
        let c = learn(&sentences, &config);
        let fine = |w: &str| c.get(hash_str(w))[0];
        assert_eq!(fine("paris"), fine("oslo"));
        assert_eq!(fine("ann"), fine("max"));
        assert_ne!(fine("paris"), fine("ann"));
        assert_eq!(c.get(hash_str("unseen")), [NONE; 2]);
    }
}
