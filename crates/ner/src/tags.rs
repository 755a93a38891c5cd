//! Entity kinds, BIO tags, sentences and spans.

/// The entity kinds the tagger predicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A place (country, city, region, landmark, facility).
    Loc,
    /// A nationality, ethnic, religious or political group ("Americans", "Muslims").
    Grp,
}

impl Kind {
    /// All kinds, in label order.
    pub const ALL: [Kind; 4] = [Kind::Per, Kind::Org, Kind::Loc, Kind::Grp];

    /// The CoNLL-style label: `PER`, `ORG`, `LOC`, `GRP`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Per => "PER",
            Kind::Org => "ORG",
            Kind::Loc => "LOC",
            Kind::Grp => "GRP",
        }
    }

    /// Parses `PER`/`ORG`/`LOC`/`GRP` (and `PERSON`, `GPE`, `NORP` spellings); other labels
    /// (MISC, DATE, …) give `None`.
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "PER" | "PERSON" => Some(Kind::Per),
            "ORG" => Some(Kind::Org),
            "LOC" | "GPE" => Some(Kind::Loc),
            "GRP" | "NORP" => Some(Kind::Grp),
            _ => None,
        }
    }

    #[cfg(any(test, feature = "train"))]
    fn index(self) -> usize {
        self as usize
    }
}

/// A BIO tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Outside any entity.
    O,
    /// First token of an entity.
    B(Kind),
    /// A later token of an entity.
    I(Kind),
}

/// Number of distinct tags (labels of the classifier).
pub(crate) const N_LABELS: usize = 1 + 2 * Kind::ALL.len();

impl Tag {
    /// Label index: 0 = O, then B and I of each kind.
    #[cfg(any(test, feature = "train"))]
    pub(crate) fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(k) => 1 + 2 * k.index(),
            Tag::I(k) => 2 + 2 * k.index(),
        }
    }

    pub(crate) fn from_index(i: usize) -> Tag {
        if i == 0 || i >= N_LABELS {
            return Tag::O;
        }
        let k = Kind::ALL[(i - 1) / 2];
        if (i - 1).is_multiple_of(2) {
            Tag::B(k)
        } else {
            Tag::I(k)
        }
    }

    /// Whether this tag may follow `prev` in a BIO sequence (`I-X` only after `B-X` or `I-X`).
    pub fn may_follow(self, prev: Tag) -> bool {
        match self {
            Tag::I(k) => matches!(prev, Tag::B(p) | Tag::I(p) if p == k),
            _ => true,
        }
    }

    /// The IOB2 string (`O`, `B-PER`, `I-LOC`, …).
    pub fn to_iob2(self) -> String {
        match self {
            Tag::O => "O".to_string(),
            Tag::B(k) => format!("B-{}", k.as_str()),
            Tag::I(k) => format!("I-{}", k.as_str()),
        }
    }
}

/// An entity over tokens `start..end` (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntitySpan {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Its kind.
    pub kind: Kind,
}

/// Reads entity spans off a BIO sequence. An `I-X` that does not continue an `X` entity opens a
/// new one (so IOB1 input reads as intended), the convention of `shared/tools/score_ner.py`.
pub fn spans(tags: &[Tag]) -> Vec<EntitySpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Kind)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let (begin, kind) = match t {
            Tag::O => (false, None),
            Tag::B(k) => (true, Some(k)),
            Tag::I(k) => (!matches!(open, Some((_, ok)) if ok == k), Some(k)),
        };
        if let Some((s, k)) = open {
            if kind.is_none() || begin {
                out.push(EntitySpan { start: s, end: i, kind: k });
                open = None;
            }
        }
        if begin {
            open = kind.map(|k| (i, k));
        }
    }
    if let Some((s, k)) = open {
        out.push(EntitySpan { start: s, end: tags.len(), kind: k });
    }
    out
}

/// A tokenised sentence with one gold tag per token (training data).
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// The tokens.
    pub tokens: Vec<String>,
    /// One BIO tag per token.
    pub tags: Vec<Tag>,
    /// Tokens whose label the corpus does not give (entities of a type that cuts across
    /// Dossier's, such as MISC): training makes no update on them.
    pub unlabelled: Vec<bool>,
}

impl Sentence {
    /// A sentence; `tags` is padded with `O` or cut to the number of tokens; every token labelled.
    pub fn new(tokens: Vec<String>, mut tags: Vec<Tag>) -> Sentence {
        tags.resize(tokens.len(), Tag::O);
        let unlabelled = vec![false; tokens.len()];
        Sentence { tokens, tags, unlabelled }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_indices_round_trip() {
        for i in 0..N_LABELS {
            assert_eq!(Tag::from_index(i).index(), i);
        }
    }

    #[test]
    fn spans_read_bio_and_iob1() {
        use Kind::*;
        let t = [Tag::B(Per), Tag::I(Per), Tag::O, Tag::I(Loc), Tag::I(Org), Tag::B(Org)];
        let s = spans(&t);
        let got: Vec<_> = s.iter().map(|e| (e.start, e.end, e.kind)).collect();
        assert_eq!(got, vec![(0, 2, Per), (3, 4, Loc), (4, 5, Org), (5, 6, Org)]);
    }
}
