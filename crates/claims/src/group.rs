//! Whether a statement states a claim already seen: the pieces of evidence (wording, entities,
//! event, counted thing) and the one score that weighs them. The same scoring serves the store
//! (which keeps each claim's [`Profile`] in tables and finds candidates through a term index)
//! and the in-memory [`Grouper`] (evaluation, tests).

use std::collections::HashMap;

use dossier_core::fnv::FnvBuild;
use serde::{Deserialize, Serialize};

use crate::terms::{IdfTable, TermId, TermVector};

/// How many of a claim's terms its profile keeps (and the store indexes).
pub const PROFILE_TERMS: usize = 24;
/// How many of a claim's heaviest profile terms the term index holds: a report of the claim
/// shares its rarest words with it, and each indexed term is a row written (docs/claims.md, "Cost").
pub const INDEXED_TERMS: usize = 8;
/// How many claims one term's index entry yields: the most recent ones.
pub const PER_TERM: usize = 48;
/// How many of the candidates sharing most weight with an item are scored in full.
pub const SCORED: usize = 4;
/// How many of an item's heaviest terms are looked up to find candidate claims.
pub const LOOKUP_TERMS: usize = 8;
/// After this many reports a claim's profile stops moving: later reports cannot drag it away
/// from what it was about, and attaching costs no profile rewrite.
pub const PROFILE_SETTLES_AFTER: u32 = 8;
/// The score a candidate needs for an item to join it rather than open a new claim.
pub const ATTACH_AT: f32 = 0.28;

/// One statement, headline or event of one document, ready to be grouped.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub vector: TermVector,
    /// The stems behind the vector's ids, sorted by id: what a match spells out.
    /// Shared, not copied: items are made once and grouped once, the stems read for the winner only.
    pub stems: std::sync::Arc<[(TermId, String)]>,
    /// Canonical (store) ids of the entities it is about.
    pub entities: Vec<i64>,
    /// PLOVER type, for events.
    pub event_type: Option<String>,
    /// The stem of the counted thing's head noun ("troop"), when it gives a number.
    pub counted: Option<String>,
}

impl Item {
    pub fn new(idf: &IdfTable, text: &str) -> Item {
        let (vector, stems) = idf.vector_and_stems(text);
        Item { vector, stems: stems.into(), entities: Vec::new(), event_type: None, counted: None }
    }

    /// The stem of a term of this item.
    pub fn stem(&self, id: TermId) -> Option<&str> {
        self.stems.binary_search_by(|(s, _)| s.cmp(&id)).ok().map(|i| self.stems[i].1.as_str())
    }
}

/// What a claim is about, as far as grouping needs: a centroid of its first reports' wording
/// and each of those reports' own wording (unit vectors sorted by term id), the entities they name
/// (with counts), its event type and counted thing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub terms: Vec<(TermId, f32)>,
    #[serde(default)]
    pub members: Vec<Vec<(TermId, f32)>>,
    pub entities: Vec<(i64, u32)>,
    pub event_type: Option<String>,
    pub counted: Option<String>,
    pub reports: u32,
}

/// Why an item joined a claim (or how close it came): shown by `dossier claim ID --why`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Match {
    pub score: f32,
    /// The wording similarity: the mean of the cosine with the claim's centroid and with its
    /// closest report.
    pub wording: f32,
    /// The stems they share, heaviest first (at most 8).
    pub shared_terms: Vec<String>,
    pub shared_entities: Vec<i64>,
    pub same_event: bool,
    pub same_counted: bool,
}

/// An item must share at least this many stems with a claim's closest report to join it: one
/// rare word in common ("nobody", "Latinos") is a topic, not a proposition.
pub const MIN_SHARED_TERMS: usize = 2;

impl Profile {
    /// A claim's profile at its first report.
    pub fn of(item: &Item) -> Profile {
        let mut p =
            Profile { event_type: item.event_type.clone(), counted: item.counted.clone(), ..Profile::default() };
        p.add(item);
        p
    }

    /// Folds one more report in (until the profile settles).
    pub fn add(&mut self, item: &Item) {
        self.reports += 1;
        if self.reports > PROFILE_SETTLES_AFTER {
            return;
        }
        let before = (self.reports - 1) as f32;
        let mut sum: HashMap<TermId, f32, FnvBuild> = self.terms.iter().map(|&(s, w)| (s, w * before)).collect();
        for &(s, w) in item.vector.terms() {
            *sum.entry(s).or_default() += w;
        }
        self.terms = TermVector::from_weights(sum).truncated(PROFILE_TERMS).into_terms();
        self.members.push(item.vector.truncated(PROFILE_TERMS / 2).into_terms());
        for e in &item.entities {
            match self.entities.iter_mut().find(|(id, _)| id == e) {
                Some((_, n)) => *n += 1,
                None => self.entities.push((*e, 1)),
            }
        }
        if self.counted.is_none() {
            self.counted.clone_from(&item.counted);
        }
    }

    /// The terms the index holds for this claim: its [`INDEXED_TERMS`] heaviest, sorted by id.
    pub fn indexed_terms(&self) -> Vec<TermId> {
        let mut top = TermVector::from_unit(self.terms.clone()).top(INDEXED_TERMS);
        top.sort_unstable_by_key(|t| t.0);
        top.into_iter().map(|t| t.0).collect()
    }

    /// How well an item fits this claim.
    pub fn score(&self, item: &Item) -> Match {
        let (score, wording) = self.fit(item, &Lookup::of(item.vector.terms()));
        Match {
            score,
            wording,
            shared_terms: Vec::new(),
            shared_entities: item.entities.iter().copied().filter(|&e| self.names(e)).collect(),
            same_event: self.same_event(item),
            same_counted: item.counted.is_some() && item.counted == self.counted,
        }
    }

    /// The score of [`Profile::score`] and its wording part, without spelling out why: scoring
    /// every candidate is hot, the reasons are wanted for the winner only ([`best`]).
    fn fit(&self, item: &Item, terms: &Lookup) -> (f32, f32) {
        let (centroid, _) = terms.dot(&self.terms);
        let (closest, shared) =
            self.members.iter().map(|m| terms.dot(m)).fold((0.0, 0), |a, b| if b.0 > a.0 { b } else { a });
        let wording = (centroid + closest) / 2.0;
        let same_event = self.same_event(item);
        let other_event = item.event_type.is_some() && self.event_type.is_some() && !same_event;
        // Events of different types, and wording that shares a single stem, never join.
        if other_event || shared < MIN_SHARED_TERMS {
            return (0.0, wording);
        }
        // Wording decides; shared entities, event and counted thing add evidence.
        let shared_entities = item.entities.iter().filter(|&&e| self.names(e)).count();
        let mut score = wording + 0.08 * shared_entities.min(2) as f32;
        if same_event {
            score += 0.1;
        }
        if item.counted.is_some() && item.counted == self.counted {
            score += 0.1;
        }
        (score, wording)
    }

    fn names(&self, entity: i64) -> bool {
        self.entities.iter().any(|&(id, _)| id == entity)
    }

    fn same_event(&self, item: &Item) -> bool {
        item.event_type.is_some() && item.event_type == self.event_type
    }
}

/// An item's terms in an open-addressing table, for the dot products with the candidates'
/// vectors: a probe a term of theirs rather than a merge of both lists.
struct Lookup {
    /// (term, weight); weight 0 marks an empty slot (vectors hold positive weights only).
    slots: Vec<(TermId, f32)>,
    mask: usize,
}

impl Lookup {
    fn of(terms: &[(TermId, f32)]) -> Lookup {
        let size = (terms.len() * 2).next_power_of_two().max(8);
        let mut slots = vec![(0, 0.0); size];
        let mask = size - 1;
        for &(t, w) in terms {
            let mut i = Lookup::slot(t) & mask;
            while slots[i].1 != 0.0 {
                i = (i + 1) & mask;
            }
            slots[i] = (t, w);
        }
        Lookup { slots, mask }
    }

    fn slot(t: TermId) -> usize {
        (t ^ (t >> 29)) as usize
    }

    fn get(&self, t: TermId) -> Option<f32> {
        let mut i = Lookup::slot(t) & self.mask;
        loop {
            let (k, w) = self.slots[i];
            if w == 0.0 {
                return None;
            }
            if k == t {
                return Some(w);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// As [`dot`] of the item's vector with `other` (the same sum, in the same order: `other`'s).
    fn dot(&self, other: &[(TermId, f32)]) -> (f32, usize) {
        let (mut dot, mut shared) = (0.0, 0);
        for &(t, w) in other {
            if let Some(mine) = self.get(t) {
                dot += mine * w;
                shared += 1;
            }
        }
        (dot, shared)
    }
}

/// A term found among the profiles of `claims` claims says that much less about which claim an
/// item states: "Apple" in a store full of Apple rumours. Rare words in news can be common in
/// one store; this weighs them down as they become so.
pub fn local_rarity(claims: usize) -> f32 {
    1.0 / (1.0 + claims as f32 / 8.0)
}

impl Item {
    /// The item with each term weighed down by how many claims hold it (`claims_with(term)`).
    pub fn reweighed(mut self, claims_with: impl Fn(TermId) -> usize) -> Item {
        self.vector =
            TermVector::from_weights(self.vector.terms().iter().map(|&(s, w)| (s, w * local_rarity(claims_with(s)))));
        self
    }
}

/// The candidate an item joins: the best score at or above `threshold`, the oldest claim (lowest
/// key) on a tie, so the choice does not depend on the order candidates come in.
pub fn best<'a, K: Ord + Copy>(
    item: &Item,
    candidates: impl IntoIterator<Item = (K, &'a Profile)>,
    threshold: f32,
) -> Option<(K, Match)> {
    let terms = Lookup::of(item.vector.terms());
    let (k, p, _) = candidates
        .into_iter()
        .map(|(k, p)| (k, p, p.fit(item, &terms).0))
        .filter(|&(_, _, score)| score >= threshold)
        .max_by(|a, b| a.2.total_cmp(&b.2).then(b.0.cmp(&a.0)))?;
    let mut m = p.score(item);
    m.shared_terms =
        item.vector.shared(&p.terms).into_iter().filter_map(|id| item.stem(id)).take(8).map(str::to_string).collect();
    Some((k, m))
}

/// The candidates an item is scored against, from `hits`: (claim, weight of one of the item's
/// heaviest terms) for each claim holding that term, term by term. The [`SCORED`] claims with
/// the most weight, the oldest (lowest key) first on a tie. Linear in the hits (a few hundred
/// for every item linked): each claim's weights summed in the order of the terms, the few
/// best picked without sorting the rest.
pub fn shortlist<K: Ord + Copy + std::hash::Hash>(hits: impl IntoIterator<Item = (K, f32)>) -> Vec<K> {
    let mut sums: HashMap<K, f32, FnvBuild> =
        HashMap::with_capacity_and_hasher(LOOKUP_TERMS * PER_TERM, FnvBuild::default());
    for (id, w) in hits {
        *sums.entry(id).or_insert(0.0) += w;
    }
    let mut ranked: Vec<(K, f32)> = sums.into_iter().collect();
    let order = |a: &(K, f32), b: &(K, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if ranked.len() > SCORED {
        ranked.select_nth_unstable_by(SCORED - 1, order);
        ranked.truncate(SCORED);
    }
    ranked.sort_unstable_by(order);
    ranked.into_iter().map(|(id, _)| id).collect()
}

/// An in-memory claim grouping with the store's rules: each item joins the best-scoring
/// candidate claim (found through its heaviest terms) at or above [`ATTACH_AT`], or opens a
/// new claim. Claim ids are positions, in order of opening: they never change.
#[derive(Debug, Default)]
pub struct Grouper {
    profiles: Vec<Profile>,
    postings: HashMap<TermId, Vec<usize>, FnvBuild>,
    attach_at: Option<f32>,
}

impl Grouper {
    pub fn new() -> Grouper {
        Grouper::default()
    }

    /// A grouper with another attach threshold (for tuning on training data).
    pub fn with_threshold(attach_at: f32) -> Grouper {
        Grouper { attach_at: Some(attach_at), ..Grouper::default() }
    }

    /// Groups one item; returns its claim and, when it joined an existing one, why.
    pub fn add(&mut self, item: &Item) -> (usize, Option<Match>) {
        let threshold = self.attach_at.unwrap_or(ATTACH_AT);
        let item = &item.clone().reweighed(|s| self.holders(s).len());
        let candidates = self.candidates(item);
        match best(item, candidates.iter().map(|&c| (c, &self.profiles[c])), threshold) {
            Some((c, m)) => {
                let before = self.profiles[c].indexed_terms();
                self.profiles[c].add(item);
                self.index(c, &before);
                (c, Some(m))
            }
            None => {
                let c = self.profiles.len();
                self.profiles.push(Profile::of(item));
                self.index(c, &[]);
                (c, None)
            }
        }
    }

    pub fn len(&self) -> usize {
        self.profiles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty()
    }

    /// The claims holding a term, as the store's index gives them: the newest [`PER_TERM`].
    fn holders(&self, term: TermId) -> &[usize] {
        let all = self.postings.get(&term).map_or(&[][..], Vec::as_slice);
        &all[all.len().saturating_sub(PER_TERM)..]
    }

    fn candidates(&self, item: &Item) -> Vec<usize> {
        let top = item.vector.top(LOOKUP_TERMS);
        shortlist(top.iter().flat_map(|&(t, w)| self.holders(t).iter().rev().map(move |&c| (c, w))))
    }

    fn index(&mut self, claim: usize, before: &[TermId]) {
        for s in self.profiles[claim].indexed_terms() {
            if before.binary_search(&s).is_err() {
                self.postings.entry(s).or_default().push(claim);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str) -> Item {
        Item::new(IdfTable::builtin(), text)
    }

    #[test]
    fn one_proposition_worded_three_ways_is_one_claim() {
        let mut g = Grouper::new();
        let (a, none) = g.add(&item("North Korea has sent 3,000 troops to Russia"));
        assert!(none.is_none());
        let (b, m) = g.add(&item("North Korea has sent about 10,000 troops to Russia, officials say"));
        let (c, _) = g.add(&item("North Korea denies sending troops to Russia"));
        let (d, _) = g.add(&item("The central bank raised interest rates by half a point"));
        assert_eq!((a, b, c), (0, 0, 0));
        assert_eq!(d, 1);
        let m = m.unwrap();
        assert!(m.shared_terms.contains(&"troop".to_string()), "{m:?}");
        assert!(m.score >= ATTACH_AT && m.wording > 0.0);
    }

    #[test]
    fn entities_and_events_weigh_in() {
        let mut base = item("sent troops to the front");
        base.entities = vec![7];
        let p = Profile::of(&base);
        let mut same = item("troops were sent");
        same.entities = vec![7];
        let other = item("troops were sent");
        assert!(p.score(&same).score > p.score(&other).score);
        assert_eq!(p.score(&same).shared_entities, [7]);
        let mut e1 = base.clone();
        e1.event_type = Some("MOBILIZE".into());
        let mut e2 = base.clone();
        e2.event_type = Some("ASSAULT".into());
        assert_eq!(Profile::of(&e1).score(&e2).score, 0.0);
        assert!(Profile::of(&e1).score(&e1).same_event);
    }

    #[test]
    fn the_profile_settles() {
        let mut p = Profile::of(&item("troops sent to Russia"));
        for _ in 0..20 {
            p.add(&item("interest rates raised by the bank"));
        }
        assert_eq!(p.reports, 21);
        // The first report still weighs as one of the first PROFILE_SETTLES_AFTER.
        assert!(p.terms.iter().any(|&(s, _)| s == crate::terms::term_id("troop")));
    }
}
