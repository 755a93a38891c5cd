//! What a stage is: an id, a version, the layers it requires and provides, and a pure function
//! over one document's [`DocContext`].

use dossier_core::{Analysis, Document, EntityKind, RegionKind, Sentence, Span};

use crate::Lexicons;

/// A layer of one document's analysis: what a stage reads and what it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    /// Regions (title, sub-headings, boilerplate), soft line breaks, cited sources and the
    /// repaired reading text.
    Regions,
    Tokens,
    Sentences,
    /// Name and pronoun mentions with the document's entities.
    Entities,
    /// Speaker, cue and content of each statement.
    Attributions,
    /// Speakers and mentions resolved to the entity they act for ("Moscow dismissed …" →
    /// Russia), with entities left without a mention dropped.
    ResolvedActors,
    Quantities,
    Times,
    Events,
    /// The title and sub-headings checked against the body.
    Headlines,
}

impl Layer {
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Regions => "regions",
            Layer::Tokens => "tokens",
            Layer::Sentences => "sentences",
            Layer::Entities => "entities",
            Layer::Attributions => "attributions",
            Layer::ResolvedActors => "resolved_actors",
            Layer::Quantities => "quantities",
            Layer::Times => "times",
            Layer::Events => "events",
            Layer::Headlines => "headlines",
        }
    }
}

/// What a stage declares about itself; the pipeline checks the declarations once when it is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageInfo {
    /// Stable identifier, recorded in every result ("attributions").
    pub id: &'static str,
    /// Bumped whenever the stage's output for some input changes; a stored document analysed by
    /// another version is re-analysed by `dossier ingest`.
    pub version: u32,
    pub requires: &'static [Layer],
    pub provides: &'static [Layer],
}

/// One step of the pipeline: reads the layers it requires from the context and writes the ones
/// it provides. A stage is pure: the same document, lexicons and earlier layers give the same
/// output, and it never panics on any UTF-8 text.
pub trait Stage: Send + Sync {
    fn info(&self) -> StageInfo;
    fn run(&self, cx: &mut DocContext<'_>, lex: &Lexicons);
}

/// Everything known about one document while the pipeline runs over it.
#[derive(Debug, Clone)]
pub struct DocContext<'d> {
    pub doc: &'d Document,
    /// The text the extractors read: the original with the repair stage's soft breaks and
    /// fixes applied, byte for byte the same length, so every span is a span of the original.
    pub reading: String,
    /// The layers found so far.
    pub analysis: Analysis,
    /// Mentions that stand for another entity when they act ("Moscow" → Russia): written by
    /// the entity stage, read when actors are resolved.
    pub actor_metonyms: Vec<(Span, String, EntityKind)>,
}

impl<'d> DocContext<'d> {
    pub fn new(doc: &'d Document) -> DocContext<'d> {
        DocContext { doc, reading: doc.text.clone(), analysis: Analysis::default(), actor_metonyms: Vec::new() }
    }

    /// Sentences read for names: all but boilerplate (related links, promotions, source lists).
    pub fn named_scope(&self, s: &Sentence) -> bool {
        !self.analysis.region_at(s.span.start()).is_boilerplate()
    }

    /// Sentences read for statements and events: the body and the headlines (headlines are
    /// claims too; the claims layer checks them against the body).
    pub fn statement_scope(&self, s: &Sentence) -> bool {
        matches!(self.analysis.region_at(s.span.start()), RegionKind::Body | RegionKind::Title)
    }
}
