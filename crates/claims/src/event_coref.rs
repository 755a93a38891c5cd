//! Cross-document event coreference: the mentions of one real-world event, reported in several
//! articles, grouped into one cluster ("the quake", "struck", "the earthquake that hit …").
//!
//! The input is plain data, so that any source of event mentions can feed it: documents (an
//! opaque id and their text) and, per mention, its document, its trigger words, its sentence and
//! the participants, places and times read around it. ECB+'s gold mentions feed it in
//! `dossier eval event-coref`; Dossier's own events (`dossier_core::Event`: trigger, source,
//! target, place, time) map onto the same fields.
//!
//! Two levels, no topic information:
//! 1. **Documents** are clustered into pseudo-topics by the TF-IDF cosine of their content words
//!    (stop words out, inflections folded by [`stem`]), average linkage, stopping below
//!    [`Params::doc_threshold`]. Articles about the same event share its names, places and
//!    numbers; two events of the same kind (two earthquakes) share only the kind's words.
//! 2. **Mentions** within one document cluster are clustered by a pairwise score, average linkage,
//!    stopping below [`Params::link_threshold`]. The score ([`Params::score`]) adds: the triggers'
//!    head stems agree (or they share a content word), the cosine of the sentences' TF-IDF
//!    vectors, the overlap of participants, places and times, and the cosine of the two
//!    documents. A pair whose triggers do not agree can still link on a very similar context.
//!
//! Every function is pure and deterministic (ties break by input order); the word lists are data
//! (`resources/lexicons/en/stop_words.tsv`, `irregular_forms.tsv`, `event_families.tsv`).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use dossier_core::tsv;

/// A document: an opaque id (never read for meaning) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDocument {
    pub id: String,
    pub text: String,
}

/// One event mention.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventMention {
    /// Index into the documents.
    pub doc: usize,
    /// The words that name the event ("struck", "took office").
    pub trigger: String,
    /// Its sentence (or a window of text around it).
    pub context: String,
    /// Who takes part: actors, victims, objects.
    pub participants: Vec<String>,
    pub places: Vec<String>,
    pub times: Vec<String>,
}

/// The weights and thresholds of [`cluster`]. The defaults were chosen on the ECB+ training
/// topics (docs/EVALUATION.md, "Events across articles").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Documents whose average TF-IDF cosine is below this stay in different pseudo-topics.
    pub doc_threshold: f32,
    /// Mention clusters whose average pair score is below this are not merged.
    pub link_threshold: f32,
    /// Score of triggers with the same head stem.
    pub same_head: f32,
    /// Score of triggers sharing a content word but not their head.
    pub shared_word: f32,
    /// Weight of the sentences' cosine.
    pub context: f32,
    /// Weight of the participants', places' and times' overlap.
    pub arguments: f32,
    /// Weight of the two documents' cosine.
    pub document: f32,
    /// Taken off the same-head score in proportion to the share of documents (past the first)
    /// that have a mention with that head: "said" is in most articles and names a different act
    /// in each.
    pub generic: f32,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            doc_threshold: 0.18,
            link_threshold: 0.55,
            same_head: 0.5,
            shared_word: 0.3,
            context: 0.1,
            arguments: 0.1,
            document: 0.3,
            generic: 0.4,
        }
    }
}

/// What [`cluster`] found: a cluster number per document (its pseudo-topic) and per mention.
/// Numbers are dense, in order of first appearance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clusters {
    pub documents: Vec<usize>,
    pub mentions: Vec<usize>,
}

/// The pair features [`Params::score`] weighs.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PairFeatures {
    /// The triggers' head stems are equal, or of one event family.
    pub same_head: bool,
    /// The triggers share a content word's stem (implied by `same_head` for one-word triggers).
    pub shared_word: bool,
    /// Cosine of the sentences' TF-IDF vectors (trigger words left out).
    pub context: f32,
    /// Share of the smaller argument set (participants, places, times) found in the other.
    pub arguments: f32,
    /// Cosine of the two documents.
    pub document: f32,
    /// With `same_head`: the share of all documents, past the first, with a mention of that head.
    pub head_spread: f32,
}

impl Params {
    /// The score of a pair: the trigger term, plus the weighted context, arguments and document.
    pub fn score(&self, f: &PairFeatures) -> f32 {
        let trigger = if f.same_head {
            self.same_head - self.generic * f.head_spread
        } else if f.shared_word {
            self.shared_word
        } else {
            0.0
        };
        trigger + self.context * f.context + self.arguments * f.arguments + self.document * f.document
    }
}

fn stop_words() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| {
        let text = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../resources/lexicons/en/stop_words.tsv"));
        tsv::words("en/stop_words.tsv", text).collect()
    })
}

fn irregular_forms() -> &'static HashMap<&'static str, &'static str> {
    static S: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    S.get_or_init(|| {
        let text =
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../resources/lexicons/en/irregular_forms.tsv"));
        tsv::rows("en/irregular_forms.tsv", text)
            .filter_map(|r| r.first::<2>().ok())
            .map(|[form, base]| (form, base))
            .collect()
    })
}

fn families() -> &'static HashMap<String, String> {
    static S: OnceLock<HashMap<String, String>> = OnceLock::new();
    S.get_or_init(|| {
        let text = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../resources/lexicons/en/event_families.tsv"));
        let mut out = HashMap::new();
        for row in tsv::rows("en/event_families.tsv", text) {
            let stems: Vec<String> = row.optional(0).split_whitespace().map(stem).collect();
            for s in &stems {
                out.entry(s.clone()).or_insert_with(|| stems[0].clone());
            }
        }
        out
    })
}

/// The event family of a stem (`resources/lexicons/en/event_families.tsv`: "death", "dead" →
/// the family of "die"), else the stem itself.
pub fn family(stem: &str) -> &str {
    families().get(stem).map_or(stem, String::as_str)
}

/// Whether a word is a stop word (lowercase).
pub fn is_stop_word(word: &str) -> bool {
    stop_words().contains(word)
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn has_vowel(s: &[u8]) -> bool {
    s.iter().any(|&c| is_vowel(c) || c == b'y')
}

/// A light stem of a lowercase word: irregular forms to their base ("struck" → "strike"), then
/// plural and verb endings, nominal suffixes and a final "e" or consonant "y" cut, so that the
/// forms of one word meet ("fired", "fires", "firing", "fire" → "fir"; "injuries", "injured" →
/// "injur"; "elected", "election" → "elect"). Not a linguist's lemma: an equality key.
pub fn stem(word: &str) -> String {
    let w = irregular_forms().get(word).copied().unwrap_or(word);
    if !w.is_ascii() || w.len() <= 3 {
        return w.to_string();
    }
    let mut s = w.as_bytes().to_vec();
    let ends = |s: &[u8], suf: &str| s.len() > suf.len() && s.ends_with(suf.as_bytes());
    // Plurals and third persons.
    if ends(&s, "ies") && s.len() > 4 {
        s.truncate(s.len() - 3);
        s.push(b'y');
    } else if ends(&s, "sses") {
        s.truncate(s.len() - 2);
    } else if ends(&s, "s") && !ends(&s, "ss") && !ends(&s, "us") && !ends(&s, "is") && s.len() > 3 {
        s.pop();
    }
    // Verb endings, when a vowel stays before them.
    let mut cut_verb = false;
    for suf in ["ied", "ing", "ed"] {
        if ends(&s, suf) && has_vowel(&s[..s.len() - suf.len()]) && s.len() - suf.len() >= 2 {
            s.truncate(s.len() - suf.len());
            if suf == "ied" {
                s.push(b'y');
            }
            cut_verb = true;
            break;
        }
    }
    if cut_verb {
        let n = s.len();
        if n >= 3 && s[n - 1] == s[n - 2] && !is_vowel(s[n - 1]) && !matches!(s[n - 1], b'l' | b's' | b'z') {
            s.pop();
        }
    }
    // Nominal suffixes.
    for suf in ["ations", "ation", "ments", "ment", "ions", "ion", "ness"] {
        if ends(&s, suf) && s.len() - suf.len() >= 4 {
            s.truncate(s.len() - suf.len());
            break;
        }
    }
    if s.len() > 5 && s.ends_with(b"at") {
        s.truncate(s.len() - 2);
    }
    let n = s.len();
    let final_e = n > 3 && s[n - 1] == b'e';
    let consonant_y = n > 4 && s[n - 1] == b'y' && !is_vowel(s[n - 2]);
    if final_e || consonant_y {
        s.pop();
    }
    String::from_utf8(s).unwrap_or_else(|_| w.to_string())
}

/// The lowercase words of a text: runs of letters and digits (inner apostrophes, hyphens and
/// dots kept, as in "U.S." or "break-in").
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’' | '-' | '.')
            && !cur.is_empty()
            && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            if c == '-' || c == '.' {
                cur.push(c);
            } else {
                // "police's" → "police": the possessive is not part of the word.
                out.push(std::mem::take(&mut cur));
                while chars.peek().is_some_and(|n| n.is_alphanumeric()) {
                    chars.next();
                }
            }
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The stems of a text's content words (stop words and one-letter words left out).
pub fn content_stems(text: &str) -> Vec<String> {
    words(text).into_iter().filter(|w| w.chars().count() > 1 && !is_stop_word(w)).map(|w| stem(&w)).collect()
}

/// The head stem of a trigger: its last content word, or its first when that is a verb form
/// ("checked into", "claimed the life", "took office") or the last is a particle.
pub fn head_stem(trigger: &str) -> String {
    let ws: Vec<String> = words(trigger);
    let content: Vec<&String> = ws.iter().filter(|w| !is_stop_word(w)).collect();
    let Some(last) = content.last() else {
        return ws.last().map(|w| stem(w)).unwrap_or_default();
    };
    let first = content[0];
    let verb_like = |w: &str| irregular_forms().contains_key(w) || w.ends_with("ed") || w.ends_with("ing");
    if content.len() > 1 && verb_like(first) {
        return stem(first);
    }
    stem(last)
}

/// A sparse vector: (term id, weight) sorted by term id, unit length.
type Sparse = Vec<(u32, f32)>;

fn cosine(a: &Sparse, b: &Sparse) -> f32 {
    crate::terms::dot(a, b).0
}

/// Term ids and document frequencies over the documents, for TF-IDF vectors.
struct Vocabulary {
    ids: HashMap<String, u32>,
    df: Vec<u32>,
    docs: usize,
}

impl Vocabulary {
    fn new(docs: &[Vec<String>]) -> Vocabulary {
        let mut v = Vocabulary { ids: HashMap::new(), df: Vec::new(), docs: docs.len() };
        for d in docs {
            let mut seen = HashSet::new();
            for w in d {
                let next = v.ids.len() as u32;
                let id = *v.ids.entry(w.clone()).or_insert(next);
                if id as usize == v.df.len() {
                    v.df.push(0);
                }
                if seen.insert(id) {
                    v.df[id as usize] += 1;
                }
            }
        }
        v
    }

    fn idf(&self, id: Option<u32>) -> f32 {
        let df = id.map_or(0, |i| self.df[i as usize]) as f32;
        ((1.0 + self.docs as f32) / (1.0 + df)).ln() + 1.0
    }

    /// The unit TF-IDF vector of some stems (sublinear term frequency); unknown stems get the
    /// highest idf and a fresh id past the vocabulary's.
    fn vector<'a>(&self, stems: impl IntoIterator<Item = &'a String>, extra: &mut HashMap<String, u32>) -> Sparse {
        let mut tf: HashMap<u32, f32> = HashMap::new();
        for s in stems {
            let id = match self.ids.get(s) {
                Some(&id) => id,
                None => {
                    let next = (self.df.len() + extra.len()) as u32;
                    *extra.entry(s.clone()).or_insert(next)
                }
            };
            *tf.entry(id).or_default() += 1.0;
        }
        let mut v: Sparse = tf
            .into_iter()
            .map(|(id, n)| {
                let known = ((id as usize) < self.df.len()).then_some(id);
                (id, (1.0 + n.ln()) * self.idf(known))
            })
            .collect();
        v.sort_by_key(|&(id, _)| id);
        let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, x)| *x /= norm);
        }
        v
    }
}

/// Average-linkage agglomerative clustering of `n` items with the symmetric similarity `sim`
/// (row-major, `n × n`): the two most similar clusters merge while their average similarity is
/// at least `threshold`. Returns a dense cluster number per item, in order of first appearance.
pub fn average_linkage(n: usize, sim: &[f32], threshold: f32) -> Vec<usize> {
    assert_eq!(sim.len(), n * n, "a similarity matrix of n × n");
    let mut s = sim.to_vec();
    let mut size = vec![1usize; n];
    let mut alive = vec![true; n];
    let mut parent: Vec<usize> = (0..n).collect();
    // Each row's best partner, refreshed when it goes stale.
    let best_of = |s: &[f32], alive: &[bool], i: usize| -> (f32, usize) {
        let mut best = (f32::NEG_INFINITY, usize::MAX);
        for j in 0..n {
            if j != i && alive[j] && s[i * n + j] > best.0 {
                best = (s[i * n + j], j);
            }
        }
        best
    };
    let mut best: Vec<(f32, usize)> = (0..n).map(|i| best_of(&s, &alive, i)).collect();
    loop {
        let mut top = (f32::NEG_INFINITY, usize::MAX, usize::MAX);
        for i in 0..n {
            if alive[i] && best[i].1 != usize::MAX && best[i].0 > top.0 {
                top = (best[i].0, i, best[i].1);
            }
        }
        let (value, a, b) = top;
        if a == usize::MAX || value < threshold {
            break;
        }
        let (a, b) = (a.min(b), a.max(b));
        // b joins a.
        alive[b] = false;
        parent[b] = a;
        let (sa, sb) = (size[a] as f32, size[b] as f32);
        for k in 0..n {
            if alive[k] && k != a {
                let v = (sa * s[a * n + k] + sb * s[b * n + k]) / (sa + sb);
                s[a * n + k] = v;
                s[k * n + a] = v;
            }
        }
        size[a] += size[b];
        for k in 0..n {
            if !alive[k] {
                continue;
            }
            if k == a || best[k].1 == a || best[k].1 == b {
                best[k] = best_of(&s, &alive, k);
            } else if s[k * n + a] > best[k].0 {
                best[k] = (s[k * n + a], a);
            }
        }
    }
    let root = |mut i: usize| {
        while parent[i] != i {
            i = parent[i];
        }
        i
    };
    dense((0..n).map(root))
}

/// Dense numbers in order of first appearance.
fn dense<K: std::hash::Hash + Eq>(keys: impl IntoIterator<Item = K>) -> Vec<usize> {
    let mut seen = HashMap::new();
    keys.into_iter()
        .map(|k| {
            let next = seen.len();
            *seen.entry(k).or_insert(next)
        })
        .collect()
}

/// The baseline: mentions whose trigger heads have the same stem are one event, across all
/// documents.
pub fn same_head(mentions: &[EventMention]) -> Vec<usize> {
    let mut ids: HashMap<String, usize> = HashMap::new();
    mentions
        .iter()
        .map(|m| {
            let next = ids.len();
            *ids.entry(head_stem(&m.trigger)).or_insert(next)
        })
        .collect()
}

/// The document clusters alone (level 1 of [`cluster`]).
pub fn cluster_documents(docs: &[EventDocument], doc_threshold: f32) -> Vec<usize> {
    let stems: Vec<Vec<String>> = docs.iter().map(|d| content_stems(&d.text)).collect();
    let vocab = Vocabulary::new(&stems);
    let vectors: Vec<Sparse> = stems.iter().map(|s| vocab.vector(s, &mut HashMap::new())).collect();
    document_clusters(&vectors, doc_threshold)
}

fn document_clusters(vectors: &[Sparse], doc_threshold: f32) -> Vec<usize> {
    let n = vectors.len();
    let mut sim = vec![0.0; n * n];
    for i in 0..n {
        for j in i + 1..n {
            let c = cosine(&vectors[i], &vectors[j]);
            sim[i * n + j] = c;
            sim[j * n + i] = c;
        }
    }
    average_linkage(n, &sim, doc_threshold)
}

/// What is compared of one mention.
struct MentionView {
    head: String,
    trigger: HashSet<String>,
    context: Sparse,
    arguments: HashSet<String>,
}

fn overlap(a: &HashSet<String>, b: &HashSet<String>) -> f32 {
    let small = a.len().min(b.len());
    if small == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f32 / small as f32
}

/// The pair features of every two mentions, for whoever weighs them (the tuning in
/// `dossier eval event-coref`, or [`Params::score`]).
pub struct Pairs {
    views: Vec<MentionView>,
    /// Per head, the share of documents with a mention of it.
    spread: HashMap<String, f32>,
    doc_vectors: Vec<Sparse>,
    doc_of: Vec<usize>,
}

impl Pairs {
    /// Prepares the mentions' views and the documents' vectors.
    pub fn new(docs: &[EventDocument], mentions: &[EventMention]) -> Pairs {
        let stems: Vec<Vec<String>> = docs.iter().map(|d| content_stems(&d.text)).collect();
        let vocab = Vocabulary::new(&stems);
        let mut extra = HashMap::new();
        let doc_vectors = stems.iter().map(|s| vocab.vector(s, &mut extra)).collect();
        let views: Vec<MentionView> = mentions
            .iter()
            .map(|m| {
                let trigger: HashSet<String> = content_stems(&m.trigger).into_iter().collect();
                let context: Vec<String> =
                    content_stems(&m.context).into_iter().filter(|s| !trigger.contains(s)).collect();
                let arguments = m.participants.iter().chain(&m.places).chain(&m.times).flat_map(|a| content_stems(a));
                MentionView {
                    head: family(&head_stem(&m.trigger)).to_string(),
                    context: vocab.vector(&context, &mut extra),
                    arguments: arguments.collect(),
                    trigger,
                }
            })
            .collect();
        let mut docs_of_head: HashMap<&str, HashSet<usize>> = HashMap::new();
        for (v, m) in views.iter().zip(mentions) {
            docs_of_head.entry(v.head.as_str()).or_default().insert(m.doc);
        }
        let n = docs.len().max(1) as f32;
        // The other documents: a head in one document only is not generic, however few there are.
        let spread = docs_of_head.into_iter().map(|(h, d)| (h.to_string(), (d.len() - 1) as f32 / n)).collect();
        Pairs { spread, views, doc_vectors, doc_of: mentions.iter().map(|m| m.doc).collect() }
    }

    /// The documents' TF-IDF vectors' clusters (level 1).
    pub fn document_clusters(&self, doc_threshold: f32) -> Vec<usize> {
        document_clusters(&self.doc_vectors, doc_threshold)
    }

    /// The features of mentions `i` and `j`.
    pub fn features(&self, i: usize, j: usize) -> PairFeatures {
        let (a, b) = (&self.views[i], &self.views[j]);
        let doc = |k: usize| self.doc_vectors.get(self.doc_of[k]);
        PairFeatures {
            same_head: !a.head.is_empty() && a.head == b.head,
            head_spread: if a.head == b.head { self.spread.get(&a.head).copied().unwrap_or(0.0) } else { 0.0 },
            shared_word: a.trigger.intersection(&b.trigger).next().is_some(),
            context: cosine(&a.context, &b.context),
            arguments: overlap(&a.arguments, &b.arguments),
            document: match (doc(i), doc(j)) {
                (Some(x), Some(y)) => cosine(x, y),
                _ => 0.0,
            },
        }
    }

    /// Level 2 given the document clusters: mentions clustered within each document cluster.
    pub fn mention_clusters(&self, doc_clusters: &[usize], params: &Params) -> Vec<usize> {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut group_of: HashMap<usize, usize> = HashMap::new();
        for (m, &d) in self.doc_of.iter().enumerate() {
            let key = doc_clusters.get(d).copied().unwrap_or(usize::MAX - d);
            let g = *group_of.entry(key).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(m);
        }
        let mut label = vec![(0usize, 0usize); self.doc_of.len()];
        for (g, members) in groups.iter().enumerate() {
            let n = members.len();
            let mut sim = vec![0.0; n * n];
            for x in 0..n {
                for y in x + 1..n {
                    let s = params.score(&self.features(members[x], members[y]));
                    sim[x * n + y] = s;
                    sim[y * n + x] = s;
                }
            }
            for (x, c) in average_linkage(n, &sim, params.link_threshold).into_iter().enumerate() {
                label[members[x]] = (g, c);
            }
        }
        dense(label)
    }
}

/// Clusters documents into pseudo-topics and the event mentions within each into events.
pub fn cluster(docs: &[EventDocument], mentions: &[EventMention], params: &Params) -> Clusters {
    let pairs = Pairs::new(docs, mentions);
    let documents = pairs.document_clusters(params.doc_threshold);
    let mentions = pairs.mention_clusters(&documents, params);
    Clusters { documents, mentions }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_across_inflections() {
        for group in [
            &["fire", "fired", "fires", "firing"][..],
            &["injuries", "injured", "injury"],
            &["elected", "election", "elect", "elections"],
            &["arrest", "arrested", "arresting", "arrests"],
            &["struck", "strike", "strikes", "striking"],
            &["stabbed", "stab", "stabbing"],
            &["died", "die", "dies", "dying"],
            &["announcement", "announced", "announce"],
        ] {
            let s: HashSet<String> = group.iter().map(|w| stem(w)).collect();
            assert_eq!(s.len(), 1, "{group:?} → {s:?}");
        }
        assert_ne!(stem("kill"), stem("killer"));
        assert_ne!(stem("quake"), stem("quit"));
        assert_eq!(stem("was"), "be");
        assert_eq!(stem("café"), "café");
    }

    #[test]
    fn words_and_heads() {
        assert_eq!(
            words("The U.S. police's break-in, 6.1 quake."),
            ["the", "u.s", "police", "break-in", "6.1", "quake"]
        );
        assert_eq!(content_stems("The quake struck"), ["quak", "strik"]);
        assert_eq!(head_stem("checked into"), stem("check"));
        assert_eq!(head_stem("claimed the life"), stem("claim"));
        assert_eq!(head_stem("prison term"), stem("term"));
        assert_eq!(head_stem("said"), "say");
        assert_eq!(family(&stem("death")), family(&stem("died")));
        assert_eq!(family(&stem("quake")), family(&stem("earthquakes")));
        assert_ne!(family(&stem("death")), family(&stem("quake")));
        assert_eq!(family("zzz"), "zzz");
    }

    #[test]
    fn average_linkage_merges_above_the_threshold_only() {
        // 0-1 close, 2-3 close, the two pairs far apart.
        let s = [
            0.0, 0.9, 0.1, 0.0, //
            0.9, 0.0, 0.2, 0.1, //
            0.1, 0.2, 0.0, 0.8, //
            0.0, 0.1, 0.8, 0.0,
        ];
        assert_eq!(average_linkage(4, &s, 0.5), [0, 0, 1, 1]);
        assert_eq!(average_linkage(4, &s, 0.85), [0, 0, 1, 2]);
        assert_eq!(average_linkage(4, &s, 0.05), [0, 0, 0, 0]);
        assert_eq!(average_linkage(4, &s, 0.95), [0, 1, 2, 3]);
        assert!(average_linkage(0, &[], 0.5).is_empty());
    }

    fn doc(id: &str, text: &str) -> EventDocument {
        EventDocument { id: id.into(), text: text.into() }
    }

    fn mention(doc: usize, trigger: &str, context: &str) -> EventMention {
        EventMention { doc, trigger: trigger.into(), context: context.into(), ..EventMention::default() }
    }

    #[test]
    fn two_events_of_one_kind_stay_apart_and_reports_of_one_meet() {
        let docs = [
            doc("a", "A magnitude 6.1 earthquake struck Aceh province on Sunday, killing three people in Banda Aceh."),
            doc("b", "Three people died in Banda Aceh when a 6.1 quake hit Aceh province, officials said."),
            doc(
                "c",
                "A 7.2 earthquake shook Lima, Peru, on Tuesday; no one was killed in Lima, officials in Peru said.",
            ),
        ];
        let mentions = [
            mention(0, "struck", "A magnitude 6.1 earthquake struck Aceh province on Sunday"),
            mention(0, "killing", "killing three people in Banda Aceh"),
            mention(1, "died", "Three people died in Banda Aceh"),
            mention(1, "hit", "a 6.1 quake hit Aceh province"),
            mention(2, "shook", "A 7.2 earthquake shook Lima, Peru, on Tuesday"),
            mention(2, "killed", "no one was killed in Lima"),
        ];
        let p = Params::default();
        let c = cluster(&docs, &mentions, &p);
        assert_eq!(c.documents[0], c.documents[1]);
        assert_ne!(c.documents[0], c.documents[2]);
        // The Peru mentions share no cluster with the Aceh ones, whatever their words.
        let aceh: HashSet<usize> = c.mentions[..4].iter().copied().collect();
        assert!(c.mentions[4..].iter().all(|m| !aceh.contains(m)));
        assert_ne!(c.mentions[1], c.mentions[5], "the same verb in another event's articles");
        assert_eq!(c.mentions.len(), 6);
    }

    #[test]
    fn same_head_baseline_joins_equal_stems_anywhere() {
        let m = [mention(0, "fired", ""), mention(1, "firing", ""), mention(2, "hired", "")];
        assert_eq!(same_head(&m), [0, 0, 1]);
    }

    #[test]
    fn a_mention_of_a_missing_document_is_clustered_alone_by_document() {
        let docs = [doc("a", "the fire")];
        let m = [mention(0, "fire", "the fire"), mention(7, "fire", "the fire")];
        let c = cluster(&docs, &m, &Params::default());
        assert_ne!(c.mentions[0], c.mentions[1]);
    }
}
