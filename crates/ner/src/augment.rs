//! Mention replacement: extra training sentences in which names are swapped for other names of
//! the same kind drawn from the gazetteer lists (a GeoNames place for a place, a given name and
//! a Census surname for a person, …). GUM holds a few thousand names; the swap makes the model
//! read the context and the word shapes around a name rather than remember the name itself,
//! which is what a tagger needs on news about people and places it never saw.

use crate::tags::{spans, Kind, Sentence, Tag};

/// Names to draw from, by kind; each name is its tokens.
#[derive(Debug, Clone, Default)]
pub struct NamePools {
    /// Full person names are built from a given name and a surname (or a surname alone).
    pub given: Vec<Vec<String>>,
    pub surnames: Vec<Vec<String>>,
    pub places: Vec<Vec<String>>,
    pub organizations: Vec<Vec<String>>,
}

impl NamePools {
    fn draw(&self, kind: Kind, original_len: usize, rng: &mut u64) -> Option<Vec<String>> {
        let pick = |pool: &[Vec<String>], rng: &mut u64| -> Option<Vec<String>> {
            (!pool.is_empty()).then(|| pool[(next(rng) % pool.len() as u64) as usize].clone())
        };
        match kind {
            Kind::Per => {
                let mut surname = pick(&self.surnames, rng)?;
                // Keep the shape of the original: a lone surname stays a lone surname.
                if original_len == 1 {
                    return Some(surname);
                }
                let mut name = pick(&self.given, rng)?;
                name.append(&mut surname);
                Some(name)
            }
            Kind::Loc => pick(&self.places, rng),
            Kind::Org => pick(&self.organizations, rng),
            Kind::Grp => None,
        }
    }
}

fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// `copies` versions of every sentence that holds a person, place or organisation name, each
/// name swapped with probability 1/2 (groups stay as they are). Deterministic for a given seed.
pub fn replace_mentions(sentences: &[Sentence], pools: &NamePools, copies: usize, seed: u64) -> Vec<Sentence> {
    let mut rng = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut out = Vec::new();
    for s in sentences {
        let names = spans(&s.tags);
        if names.iter().all(|n| n.kind == Kind::Grp) {
            continue;
        }
        for _ in 0..copies {
            let mut tokens = Vec::with_capacity(s.tokens.len() + 4);
            let mut tags = Vec::with_capacity(s.tokens.len() + 4);
            let mut unlabelled = Vec::with_capacity(s.tokens.len() + 4);
            let mut at = 0;
            for n in &names {
                tokens.extend_from_slice(&s.tokens[at..n.start]);
                tags.extend_from_slice(&s.tags[at..n.start]);
                unlabelled.extend_from_slice(&s.unlabelled[at..n.start]);
                // Each name is swapped with probability 1/2: the copy keeps some of the names
                // that really occur in such contexts (swapping every name did worse on held-out
                // GUM documents).
                let swap = next(&mut rng) & 1 == 1;
                match swap.then(|| pools.draw(n.kind, n.end - n.start, &mut rng)).flatten() {
                    Some(name) if !name.is_empty() => {
                        tags.push(Tag::B(n.kind));
                        tags.extend(std::iter::repeat_n(Tag::I(n.kind), name.len() - 1));
                        unlabelled.extend(std::iter::repeat_n(false, name.len()));
                        tokens.extend(name);
                    }
                    _ => {
                        tokens.extend_from_slice(&s.tokens[n.start..n.end]);
                        tags.extend_from_slice(&s.tags[n.start..n.end]);
                        unlabelled.extend_from_slice(&s.unlabelled[n.start..n.end]);
                    }
                }
                at = n.end;
            }
            tokens.extend_from_slice(&s.tokens[at..]);
            tags.extend_from_slice(&s.tags[at..]);
            unlabelled.extend_from_slice(&s.unlabelled[at..]);
            out.push(Sentence { tokens, tags, unlabelled });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn names_are_swapped_kind_for_kind() {
        let s = Sentence::new(
            toks("Ann Lee flew to Paris with Acme ."),
            vec![
                Tag::B(Kind::Per),
                Tag::I(Kind::Per),
                Tag::O,
                Tag::O,
                Tag::B(Kind::Loc),
                Tag::O,
                Tag::B(Kind::Org),
                Tag::O,
            ],
        );
        let pools = NamePools {
            given: vec![toks("Maria")],
            surnames: vec![toks("Okafor")],
            places: vec![toks("New York")],
            organizations: vec![toks("Bank of Spain")],
        };
        let out = replace_mentions(std::slice::from_ref(&s), &pools, 40, 1);
        assert_eq!(out.len(), 40);
        let mut swapped = [false; 3];
        for o in &out {
            let names: Vec<(Kind, String)> =
                spans(&o.tags).iter().map(|e| (e.kind, o.tokens[e.start..e.end].join(" "))).collect();
            assert_eq!(names.iter().map(|n| n.0).collect::<Vec<_>>(), [Kind::Per, Kind::Loc, Kind::Org]);
            for (i, (was, now)) in
                [("Ann Lee", "Maria Okafor"), ("Paris", "New York"), ("Acme", "Bank of Spain")].iter().enumerate()
            {
                assert!(names[i].1 == *was || names[i].1 == *now, "{names:?}");
                swapped[i] |= names[i].1 == *now;
            }
            assert_eq!(o.tokens.last().map(String::as_str), Some("."));
        }
        assert_eq!(swapped, [true; 3]);
        assert!(out.iter().any(|o| o.tokens == s.tokens), "some copies keep every name");
        assert!(out.iter().any(|o| o.tokens != s.tokens), "some copies swap a name");
    }
}
