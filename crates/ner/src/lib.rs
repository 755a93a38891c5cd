//! A statistical named-entity tagger written in the project: an averaged perceptron with a greedy
//! left-to-right decoder over BIO tags (PER, ORG, LOC, GRP), hashed sparse features (word, affixes,
//! shape, casing, a ±2 context window, the previous tags, gazetteer membership and a vocabulary of
//! words seen in lower case), trained by `dossier train ner` and shipped as one compact binary file.
//!
//! Feature `train` adds what only training needs: the corpus readers (GUM CoNLL-U, CoNLL-2003,
//! UNER `.iob2`, offsets), mention replacement and the training loop. The runtime tagger
//! ([`Tagger::load`], [`Tagger::tag`]) needs none of it.
//!
#![cfg_attr(feature = "train", doc = "```")]
#![cfg_attr(not(feature = "train"), doc = "```ignore")]
//! use dossier_ner::{train, Clusters, Gazetteer, Kind, Sentence, Tag, TrainConfig};
//! let s = Sentence::new(
//!     vec!["Ann".into(), "met".into(), "Bob".into()],
//!     vec![Tag::B(Kind::Per), Tag::O, Tag::B(Kind::Per)],
//! );
//! let tagger = train(&[s], Gazetteer::default(), Clusters::default(), &TrainConfig { epochs: 5, ..TrainConfig::default() });
//! let tags = tagger.tag(&["Ann", "met", "Bob"]);
//! assert_eq!(tags[1], Tag::O);
//! let again = dossier_ner::Tagger::load(&tagger.save()).unwrap();
//! assert_eq!(again.tag(&["Ann", "met", "Bob"]), tags);
//! ```

#[cfg(feature = "train")]
mod augment;
mod clusters;
mod codec;
#[cfg(feature = "train")]
mod corpus;
mod features;
mod gazetteer;
mod hash;
mod model;
mod tags;
mod tokenize;
#[cfg(feature = "train")]
mod train;

#[cfg(feature = "train")]
pub use augment::{replace_mentions, NamePools};
pub use clusters::Clusters;
#[cfg(feature = "train")]
pub use clusters::{learn as learn_clusters, ClusterConfig};
#[cfg(feature = "train")]
pub use corpus::{
    read_conll, read_gum_conllu, read_iob, sentences_from_offsets, sentences_from_spans, GoldSentence, OffsetEntity,
};
pub use gazetteer::Gazetteer;
pub use model::Tagger;
pub use tags::{spans, EntitySpan, Kind, Sentence, Tag};
pub use tokenize::tokenize;
#[cfg(feature = "train")]
pub use train::{average, train, TrainConfig};

/// Errors of the tagger crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The model bytes are not a Dossier NER model of a version this code reads.
    #[error("not a Dossier NER model (bad magic or version {0})")]
    BadModel(u32),
    /// The model bytes end early or hold inconsistent sizes.
    #[error("truncated or corrupt NER model: {0}")]
    Corrupt(&'static str),
    /// A lexicon or corpus file could not be read.
    #[error("reading {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A corpus line that does not follow its format.
    #[error("{0}")]
    Format(String),
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;
