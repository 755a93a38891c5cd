//! Dossier's text-pair stance model: given a short claim (a headline, a statement) and a body (an
//! article, a passage), does the body **agree** with the claim, **disagree** with it, **discuss**
//! it (report or debate it without taking a side) or is it **unrelated**? The labels are those of
//! the Fake News Challenge (FNC-1), whose training pairs the shipped model learns from
//! (`dossier train stance`; resources/models/STANCE_MODEL_CARD.md).
//!
//! The model is a small network (one hidden ReLU layer) over word-overlap, TF-IDF cosine,
//! coverage, refuting/negating/hedging-word features and hashed stems of the claim, the body and
//! the body's best-matching sentences. A [`Judgement`] carries the label, its probability and the
//! body sentences that matched the claim best: the ones that decided it.
//!
//! Feature `train` adds the training loop ([`train()`]); the runtime model needs none of it.
//!
//! ```no_run
//! let model = dossier_stance::StanceModel::load(&std::fs::read("resources/models/stance.bin")?)?;
//! let j = model.judge("Police find missing dog", "The dog was found by police on Sunday.");
//! println!("{} {:.2} {:?}", j.label.as_str(), j.score, j.evidence);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod features;
mod model;
mod text;
#[cfg(feature = "train")]
mod train;

use std::ops::Range;

pub use features::PreparedBody;
pub use model::StanceModel;
#[cfg(feature = "train")]
pub use train::{train, Example, Metrics, TrainConfig};

/// The four FNC-1 stances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Agree = 0,
    Disagree = 1,
    Discuss = 2,
    Unrelated = 3,
}

impl Label {
    /// In the order of [`Judgement::scores`].
    pub const ALL: [Label; 4] = [Label::Agree, Label::Disagree, Label::Discuss, Label::Unrelated];

    /// The FNC-1 name: agree, disagree, discuss, unrelated.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Agree => "agree",
            Label::Disagree => "disagree",
            Label::Discuss => "discuss",
            Label::Unrelated => "unrelated",
        }
    }

    /// The label of an FNC-1 name (any case).
    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// What the model says about one (claim, body) pair. When no body sentence shares a content word
/// with the claim (an empty body or claim among them) it is unrelated with score 1, without asking
/// the network.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub label: Label,
    /// The probability of `label`.
    pub score: f32,
    /// The probability of each label, in [`Label::ALL`] order.
    pub scores: [f32; 4],
    /// Byte ranges of the body: the sentences that match the claim best, best first (at most
    /// two; none when no sentence shares a word with the claim).
    pub evidence: Vec<Range<usize>>,
    /// IDF-weighted share of the claim's words (stems, function words aside) found in the best
    /// sentence and its two neighbours: 1 when they say every word of it.
    pub coverage: f32,
    /// The same share for the claim's predicate words (those without a capital: what happened,
    /// not who), found around the evidence sentences; 1 when the claim has none.
    pub predicate_coverage: f32,
}

/// Errors of the stance crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are not a Dossier stance model of a version this code reads.
    #[error("not a Dossier stance model (bad magic)")]
    BadModel,
    /// The model bytes end early or hold inconsistent sizes.
    #[error("truncated or corrupt stance model: {0}")]
    Corrupt(&'static str),
    /// A built-in word list that does not parse.
    #[error("stance word list: {0}")]
    Lexicon(String),
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;
