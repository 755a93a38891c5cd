//! `dossier eval event-coref`: cross-document event coreference on ECB+, exactly as
//! `shared/tools/score_ecb.py` scores it.
//!
//! The mentions are the gold event mentions (`ACTION_*`, `NEG_ACTION_*`) in the sentences that
//! `ECBplus_coreference_sentences.csv` lists (all of them without the CSV). The system reads the
//! tokens and the anchored markables only: each document's text, each mention's words, its sentence
//! and the participant (`HUMAN_PART_*`, `NON_HUMAN_PART*`), place (`LOC_*`) and time (`TIME_*`)
//! markables of that sentence; never the relations, the instance markables, nor the topic in the
//! file name (a document's name is an opaque id). The clustering is `dossier_claims::event_coref`,
//! over every document read, all at once.
//!
//! The gold, as the script builds it: a mention's cluster is the instance its `CROSS_DOC_COREF`
//! names, else its `INTRA_DOC_COREF` target within the document (the last relation naming it
//! wins), else it is alone. MUC, B-cubed and CEAF-e (the optimal one-to-one alignment of clusters
//! by φ4, as the script computes it with scipy; [`ceafe_greedy`] is its fallback without scipy)
//! over all documents together, and their average, the CoNLL F1.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use anyhow::Result;
use dossier_claims::event_coref::{self, EventDocument, EventMention, Pairs, Params};
use serde::Serialize;

use crate::readers::ecbplus::{self, EcbCorpus, EcbDocument};

/// The documents and mentions the system reads, and per mention its `(document, m_id)`.
#[derive(Debug, Clone, Default)]
pub struct Input {
    pub documents: Vec<EventDocument>,
    pub mentions: Vec<EventMention>,
    pub keys: Vec<(String, String)>,
    /// The gold cluster of each mention; `None` when no document has relations (held-out files).
    pub gold: Option<Vec<String>>,
}

/// Whether a markable tag names a participant, a place or a time.
fn argument_kind(tag: &str) -> Option<usize> {
    if tag.starts_with("HUMAN_PART") || tag.starts_with("NON_HUMAN_PART") {
        Some(0)
    } else if tag.starts_with("LOC_") {
        Some(1)
    } else if tag.starts_with("TIME_") {
        Some(2)
    } else {
        None
    }
}

/// The gold cluster of every mention of a document, as the script builds it.
fn gold_of(d: &EcbDocument) -> HashMap<&str, String> {
    let instance: HashMap<&str, Option<&str>> =
        d.instances.iter().map(|i| (i.id.as_str(), i.instance_id.as_deref())).collect();
    let mut out = HashMap::new();
    for r in &d.relations {
        let tid = r.target.as_deref();
        let cross =
            if r.kind == "CROSS_DOC_COREF" { tid.and_then(|t| instance.get(t).copied().flatten()) } else { None };
        let cid = match cross {
            Some(c) if !c.is_empty() => c.to_string(),
            _ => format!("{}#{}#{}", d.name, r.kind, tid.unwrap_or("None")),
        };
        for s in &r.sources {
            out.insert(s.as_str(), cid.clone());
        }
    }
    out
}

/// The documents whose topic (the name before `_`) is one of `topics`; all with `None`. Only for
/// choosing which files make the evaluation set, as a folder of those files would.
pub fn select(corpus: EcbCorpus, topics: Option<&[String]>) -> EcbCorpus {
    let Some(topics) = topics else { return corpus };
    let keep: HashSet<&str> = topics.iter().map(String::as_str).collect();
    let documents = corpus.documents.into_iter().filter(|d| keep.contains(d.topic())).collect();
    EcbCorpus { documents, sentences: corpus.sentences }
}

/// What the system reads of a corpus, and the gold.
pub fn input(corpus: &EcbCorpus) -> Input {
    let mut inp = Input::default();
    let mut gold = Vec::new();
    let mut any_relation = false;
    for d in &corpus.documents {
        any_relation |= !d.relations.is_empty();
        let doc = inp.documents.len();
        let token: HashMap<&str, (u32, &str)> =
            d.tokens.iter().map(|t| (t.id.as_str(), (t.sentence, t.text.as_str()))).collect();
        let text_of = |ids: &[String]| -> String {
            ids.iter().filter_map(|t| token.get(t.as_str()).map(|x| x.1)).collect::<Vec<_>>().join(" ")
        };
        let mut sentences: HashMap<u32, Vec<&str>> = HashMap::new();
        for t in &d.tokens {
            sentences.entry(t.sentence).or_default().push(&t.text);
        }
        inp.documents.push(EventDocument {
            id: d.name.clone(),
            text: d.tokens.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join(" "),
        });
        let sentence_of = |m: &ecbplus::Mention| m.tokens.first().and_then(|t| token.get(t.as_str())).map(|x| x.0);
        // Arguments per sentence: participants, places, times.
        let mut args: HashMap<u32, [Vec<String>; 3]> = HashMap::new();
        for m in &d.mentions {
            if let (Some(k), Some(s)) = (argument_kind(&m.tag), sentence_of(m)) {
                args.entry(s).or_default()[k].push(text_of(&m.tokens));
            }
        }
        let file = d.name.split_once('_').map_or("", |x| x.1);
        let file = file.rsplit_once('.').map_or(file, |x| x.0);
        let golds = gold_of(d);
        for m in d.mentions.iter().filter(|m| m.is_event()) {
            let Some(s) = sentence_of(m) else { continue };
            if !corpus.sentences.is_empty() && !corpus.sentences.contains(&(d.topic().to_string(), file.to_string(), s))
            {
                continue;
            }
            let [participants, places, times] = args.get(&s).cloned().unwrap_or_default();
            inp.mentions.push(EventMention {
                doc,
                trigger: text_of(&m.tokens),
                context: sentences.get(&s).map(|w| w.join(" ")).unwrap_or_default(),
                participants,
                places,
                times,
            });
            inp.keys.push((d.name.clone(), m.id.clone()));
            gold.push(golds.get(m.id.as_str()).cloned().unwrap_or_else(|| format!("{}#alone#{}", d.name, m.id)));
        }
    }
    inp.gold = any_relation.then_some(gold);
    inp
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
}

impl Prf {
    fn new(p: f64, r: f64) -> Prf {
        Prf { p, r, f1: if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 } }
    }
}

/// Clusters as sets of mention indices, in order of first appearance of their label.
pub fn clusters<L: std::hash::Hash + Eq>(labels: &[L]) -> Vec<Vec<usize>> {
    let mut index: HashMap<&L, usize> = HashMap::new();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (m, l) in labels.iter().enumerate() {
        let next = out.len();
        let c = *index.entry(l).or_insert(next);
        if c == next {
            out.push(Vec::new());
        }
        out[c].push(m);
    }
    out
}

fn where_is(cs: &[Vec<usize>], n: usize) -> Vec<usize> {
    let mut w = vec![usize::MAX; n];
    for (i, c) in cs.iter().enumerate() {
        for &m in c {
            w[m] = i;
        }
    }
    w
}

fn universe(key: &[Vec<usize>], resp: &[Vec<usize>]) -> usize {
    key.iter().chain(resp).flatten().copied().max().map_or(0, |m| m + 1)
}

/// MUC (Vilain et al. 1995).
pub fn muc(key: &[Vec<usize>], resp: &[Vec<usize>]) -> Prf {
    let n = universe(key, resp);
    let part = |a: &[Vec<usize>], b: &[Vec<usize>]| {
        let w = where_is(b, n);
        let (mut num, mut den) = (0usize, 0usize);
        for c in a {
            // A mention b does not hold is a part of its own.
            let parts: HashSet<(usize, usize)> =
                c.iter().map(|&m| if w[m] == usize::MAX { (1, m) } else { (0, w[m]) }).collect();
            num += c.len() - parts.len();
            den += c.len() - 1;
        }
        if den > 0 {
            num as f64 / den as f64
        } else {
            0.0
        }
    };
    let (r, p) = (part(key, resp), part(resp, key));
    Prf::new(p, r)
}

/// B-cubed (Bagga & Baldwin 1998), over the key's mentions.
pub fn b3(key: &[Vec<usize>], resp: &[Vec<usize>]) -> Prf {
    let n_all = universe(key, resp);
    let (kw, rw) = (where_is(key, n_all), where_is(resp, n_all));
    let ks: Vec<HashSet<usize>> = key.iter().map(|c| c.iter().copied().collect()).collect();
    let rs: Vec<HashSet<usize>> = resp.iter().map(|c| c.iter().copied().collect()).collect();
    let n = key.iter().map(Vec::len).sum::<usize>().max(1) as f64;
    let common = |m: usize| -> f64 {
        match (kw[m], rw[m]) {
            (k, r) if k != usize::MAX && r != usize::MAX => ks[k].intersection(&rs[r]).count() as f64,
            _ => 0.0,
        }
    };
    let r: f64 = key.iter().flatten().map(|&m| common(m) / ks[kw[m]].len() as f64).sum::<f64>() / n;
    let p: f64 = resp.iter().flatten().map(|&m| common(m) / rs[rw[m]].len() as f64).sum::<f64>() / n;
    Prf::new(p, r)
}

/// ((key cluster, response cluster), φ4).
type Phi4 = ((usize, usize), f64);

/// φ4 of every overlapping (key, response) pair, keyed in the script's order.
fn phi4_pairs(key: &[Vec<usize>], resp: &[Vec<usize>]) -> Vec<Phi4> {
    let n = universe(key, resp);
    let rw = where_is(resp, n);
    let mut out = Vec::new();
    for (i, c) in key.iter().enumerate() {
        let mut count: Vec<(usize, usize)> = Vec::new();
        for &m in c {
            if rw[m] == usize::MAX {
                continue;
            }
            match count.iter_mut().find(|x| x.0 == rw[m]) {
                Some(x) => x.1 += 1,
                None => count.push((rw[m], 1)),
            }
        }
        count.sort();
        for (j, k) in count {
            out.push(((i, j), 2.0 * k as f64 / (c.len() + resp[j].len()) as f64));
        }
    }
    out
}

fn ceafe_from(total: f64, key: &[Vec<usize>], resp: &[Vec<usize>]) -> Prf {
    let r = if key.is_empty() { 0.0 } else { total / key.len() as f64 };
    let p = if resp.is_empty() { 0.0 } else { total / resp.len() as f64 };
    Prf::new(p, r)
}

/// CEAF-e (Luo 2005) with the optimal alignment (the Hungarian method, per connected component
/// of overlapping clusters).
pub fn ceafe(key: &[Vec<usize>], resp: &[Vec<usize>]) -> Prf {
    let pairs = phi4_pairs(key, resp);
    // Components: union-find over key clusters 0..k and response clusters k..k+r.
    let k = key.len();
    let mut parent: Vec<usize> = (0..k + resp.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for &((i, j), _) in &pairs {
        let (a, b) = (find(&mut parent, i), find(&mut parent, k + j));
        parent[a] = b;
    }
    let mut comps: HashMap<usize, Vec<Phi4>> = HashMap::new();
    for &p in &pairs {
        let c = find(&mut parent, p.0 .0);
        comps.entry(c).or_default().push(p);
    }
    let mut total = 0.0;
    for (_, ps) in comps {
        let rows: BTreeSet<usize> = ps.iter().map(|p| p.0 .0).collect();
        let cols: BTreeSet<usize> = ps.iter().map(|p| p.0 .1).collect();
        let ri: HashMap<usize, usize> = rows.iter().enumerate().map(|(a, &b)| (b, a)).collect();
        let ci: HashMap<usize, usize> = cols.iter().enumerate().map(|(a, &b)| (b, a)).collect();
        let (nr, nc) = (rows.len(), cols.len());
        let mut w = vec![vec![0.0; nc.max(nr)]; nr.min(nc)];
        for &((i, j), v) in &ps {
            let (a, b) = (ri[&i], ci[&j]);
            if nr <= nc {
                w[a][b] = v;
            } else {
                w[b][a] = v;
            }
        }
        total += max_assignment(&w);
    }
    ceafe_from(total, key, resp)
}

/// The script's fallback without scipy: pairs taken greedily by falling φ4 (a lower bound).
pub fn ceafe_greedy(key: &[Vec<usize>], resp: &[Vec<usize>]) -> Prf {
    let mut pairs = phi4_pairs(key, resp);
    pairs.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (mut ui, mut uj, mut total) = (HashSet::new(), HashSet::new(), 0.0);
    for ((i, j), v) in pairs {
        if !ui.contains(&i) && !uj.contains(&j) {
            ui.insert(i);
            uj.insert(j);
            total += v;
        }
    }
    ceafe_from(total, key, resp)
}

/// The largest sum of a one-to-one assignment of rows to columns (rows ≤ columns), by the
/// Hungarian method on the negated weights.
#[allow(clippy::needless_range_loop)] // the method reads best with its indices
fn max_assignment(w: &[Vec<f64>]) -> f64 {
    let n = w.len();
    if n == 0 {
        return 0.0;
    }
    let m = w[0].len();
    let inf = f64::INFINITY;
    let (mut u, mut v) = (vec![0.0; n + 1], vec![0.0; m + 1]);
    let (mut p, mut way) = (vec![0usize; m + 1], vec![0usize; m + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; m + 1];
        let mut used = vec![false; m + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let (mut delta, mut j1) = (inf, 0);
            for j in 1..=m {
                if !used[j] {
                    let cur = -w[i0 - 1][j - 1] - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=m {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=m).filter(|&j| p[j] != 0).map(|j| w[p[j] - 1][j - 1]).sum()
}

/// The script's figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    pub muc: Prf,
    pub b3: Prf,
    pub ceafe: Prf,
    pub conll_f1: f64,
    pub mentions: usize,
    pub gold_clusters: usize,
    pub predicted_clusters: usize,
    pub missing: usize,
}

impl Scores {
    /// The lines the Python scorer prints, byte for byte.
    pub fn lines(&self) -> String {
        let l = |name: &str, s: &Prf| format!("{name}: P={:.3} R={:.3} F1={:.3}\n", s.p, s.r, s.f1);
        format!(
            "{}{}{}mentions={} gold_clusters={} predicted_clusters={} missing={}\necb_conll_f1={:.3}\n",
            l("muc", &self.muc),
            l("b3", &self.b3),
            l("ceafe", &self.ceafe),
            self.mentions,
            self.gold_clusters,
            self.predicted_clusters,
            self.missing,
            self.conll_f1
        )
    }
}

/// Scores predicted labels against gold labels (one each per mention); with `greedy`, CEAF-e as
/// the script computes it without scipy.
pub fn score<G: std::hash::Hash + Eq, P: std::hash::Hash + Eq>(gold: &[G], pred: &[P], greedy: bool) -> Scores {
    let (key, resp) = (clusters(gold), clusters(pred));
    let (m, b, c) =
        (muc(&key, &resp), b3(&key, &resp), if greedy { ceafe_greedy(&key, &resp) } else { ceafe(&key, &resp) });
    Scores {
        muc: m,
        b3: b,
        ceafe: c,
        conll_f1: (m.f1 + b.f1 + c.f1) / 3.0,
        mentions: gold.len(),
        gold_clusters: key.len(),
        predicted_clusters: resp.len(),
        missing: 0,
    }
}

/// Which clustering to run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum System {
    /// `dossier_claims::event_coref::cluster`.
    Claims(Params),
    /// The same-head-stem baseline across the whole corpus.
    SameHead,
}

/// One run: the predictions, the number of pseudo-topics, and the scores when there is gold.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub documents: usize,
    pub pseudo_topics: usize,
    pub scores: Option<Scores>,
    #[serde(skip)]
    pub labels: Vec<usize>,
    #[serde(skip)]
    pub keys: Vec<(String, String)>,
}

impl Run {
    /// The predictions as JSON Lines, `{"doc", "m_id", "cluster"}`.
    pub fn jsonl(&self) -> String {
        let mut out = String::new();
        for ((doc, m), c) in self.keys.iter().zip(&self.labels) {
            let q = |s: &str| serde_json::Value::from(s).to_string();
            out.push_str(&format!("{{\"doc\": {}, \"m_id\": {}, \"cluster\": {c}}}\n", q(doc), q(m)));
        }
        out
    }
}

/// Clusters what [`input`] read and scores it when there is gold.
pub fn run(inp: &Input, system: System) -> Run {
    let (labels, pseudo_topics) = match system {
        System::Claims(params) => {
            let c = event_coref::cluster(&inp.documents, &inp.mentions, &params);
            let k = c.documents.iter().collect::<HashSet<_>>().len();
            (c.mentions, k)
        }
        System::SameHead => (event_coref::same_head(&inp.mentions), 1),
    };
    let scores = inp.gold.as_ref().map(|g| score(g, &labels, false));
    Run { documents: inp.documents.len(), pseudo_topics, scores, labels, keys: inp.keys.clone() }
}

/// Reads a corpus (optionally only some topics' files) and runs.
pub fn run_path(path: &Path, topics: Option<&[String]>, system: System) -> Result<Run> {
    let corpus = select(ecbplus::read(path)?, topics);
    Ok(run(&input(&corpus), system))
}

/// One row of [`tune`].
#[derive(Debug, Clone, Serialize)]
pub struct TuneRow {
    pub doc_threshold: f32,
    pub link_threshold: f32,
    pub conll_f1: f64,
}

/// A grid over the two thresholds (the weights as in `base`) on a corpus with gold: the CoNLL F1
/// of each, best first. Meant for the training topics only.
pub fn tune(inp: &Input, base: Params, doc_thresholds: &[f32], link_thresholds: &[f32]) -> Vec<TuneRow> {
    let Some(gold) = &inp.gold else { return Vec::new() };
    let pairs = Pairs::new(&inp.documents, &inp.mentions);
    let mut rows = Vec::new();
    for &dt in doc_thresholds {
        let docs = pairs.document_clusters(dt);
        for &lt in link_thresholds {
            let params = Params { doc_threshold: dt, link_threshold: lt, ..base };
            let labels = pairs.mention_clusters(&docs, &params);
            let s = score(gold, &labels, false);
            rows.push(TuneRow { doc_threshold: dt, link_threshold: lt, conll_f1: s.conll_f1 });
        }
    }
    rows.sort_by(|a, b| b.conll_f1.total_cmp(&a.conll_f1));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_on_a_hand_example() {
        // Gold {0,1,2} {3,4}; response {0,1} {2,3,4}.
        let gold = ["a", "a", "a", "b", "b"];
        let pred = [1, 1, 2, 2, 2];
        let s = score(&gold, &pred, false);
        // MUC: recall (3-2 + 2-1)/(2+1) = 2/3; precision (2-1 + 3-2)/(1+2) = 2/3.
        assert!((s.muc.r - 2.0 / 3.0).abs() < 1e-9 && (s.muc.p - 2.0 / 3.0).abs() < 1e-9);
        // B3 recall: (2/3+2/3+1/3+1+1)/5; precision: (1+1+1/3+2/3+2/3)/5.
        assert!((s.b3.r - (2.0 / 3.0 + 2.0 / 3.0 + 1.0 / 3.0 + 2.0) / 5.0).abs() < 1e-9);
        assert!((s.b3.p - (2.0 + 1.0 / 3.0 + 4.0 / 3.0) / 5.0).abs() < 1e-9);
        // CEAF-e: best alignment a↔1 (2·2/5) and b↔2 (2·2/5) = 1.6 over 2 clusters each.
        assert!((s.ceafe.f1 - 0.8).abs() < 1e-9);
        let perfect = score(&gold, &["x", "x", "x", "y", "y"], false);
        assert!((perfect.conll_f1 - 1.0).abs() < 1e-9);
        assert_eq!(perfect.lines().lines().last(), Some("ecb_conll_f1=1.000"));
    }

    #[test]
    fn the_optimal_alignment_beats_the_greedy_one_where_they_differ() {
        // Key {0,1,2,3} {4,5}; response {0,1,2,4} {3,5}: greedy takes the first pair (0.75) and
        // leaves 0.5 for the other; the optimum is the same here, so build one where it is not.
        let w = vec![vec![0.9, 0.8], vec![0.8, 0.0]];
        assert!((max_assignment(&w) - 1.6).abs() < 1e-9);
        let w = vec![vec![0.5, 0.4, 0.0]];
        assert!((max_assignment(&w) - 0.5).abs() < 1e-9);
        let gold = [0, 0, 0, 1, 1, 2];
        let pred = [0, 0, 1, 1, 1, 1];
        assert!(score(&gold, &pred, false).ceafe.f1 >= score(&gold, &pred, true).ceafe.f1);
    }

    const XML: &str = r#"<Document doc_name="9_1ecb.xml">
<token t_id="1" sentence="0" number="0">Police</token>
<token t_id="2" sentence="0" number="1">arrested</token>
<token t_id="3" sentence="0" number="2">Smith</token>
<token t_id="4" sentence="1" number="0">The</token>
<token t_id="5" sentence="1" number="1">arrest</token>
<token t_id="6" sentence="1" number="2">followed</token>
<token t_id="7" sentence="2" number="0">He</token>
<token t_id="8" sentence="2" number="1">ran</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="5"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="3"><token_anchor t_id="6"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="4"><token_anchor t_id="8"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="5"><token_anchor t_id="3"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="9" instance_id="ACT77"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1"><source m_id="1"/><source m_id="2"/><target m_id="9"/></CROSS_DOC_COREF>
</Relations>
</Document>"#;

    #[test]
    fn input_reads_checked_sentences_arguments_and_gold() {
        let d = ecbplus::parse_document("9_1ecb.xml", XML).unwrap();
        let sentences = [("9".to_string(), "1ecb".to_string(), 0), ("9".to_string(), "1ecb".to_string(), 1)];
        let corpus = EcbCorpus { documents: vec![d], sentences: sentences.into_iter().collect() };
        let inp = input(&corpus);
        assert_eq!(
            inp.keys,
            [
                ("9_1ecb.xml".to_string(), "1".to_string()),
                ("9_1ecb.xml".into(), "2".into()),
                ("9_1ecb.xml".into(), "3".into())
            ]
        );
        assert_eq!(inp.mentions[0].trigger, "arrested");
        assert_eq!(inp.mentions[0].context, "Police arrested Smith");
        assert_eq!(inp.mentions[0].participants, ["Smith"]);
        assert_eq!(inp.gold.as_deref().unwrap(), ["ACT77", "ACT77", "9_1ecb.xml#alone#3"]);
        let r = run(&inp, System::Claims(Params::default()));
        assert_eq!(r.labels[0], r.labels[1], "arrested / the arrest");
        assert!(r.jsonl().starts_with("{\"doc\": \"9_1ecb.xml\", \"m_id\": \"1\", \"cluster\": 0}\n"));
        // Without relations there is no gold.
        let mut bare = corpus.clone();
        bare.documents[0].relations.clear();
        assert!(input(&bare).gold.is_none());
        assert_eq!(select(corpus, Some(&["3".to_string()])).documents.len(), 0);
    }
}
