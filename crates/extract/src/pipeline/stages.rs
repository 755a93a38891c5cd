//! The standard stages, in pipeline order. Each adapts one extractor module to the
//! [`DocContext`]: it takes the layers it requires, calls the extractor, stores what it provides.
//! Bump a stage's `version` whenever its output for some input changes (stored documents made by
//! another version are re-analysed by `dossier ingest`).

use super::stage::{DocContext, Layer, Stage, StageInfo};
use crate::{attribution, entities, events, headlines, repair, segment, Lexicons};

/// The standard stages in pipeline order ([`super::Pipeline::standard`] checks and runs them).
pub fn standard_list() -> Vec<Box<dyn Stage>> {
    vec![
        Box::new(Repair),
        Box::new(Segment),
        Box::new(Entities),
        Box::new(Attributions),
        Box::new(ResolveActors),
        Box::new(Quantities),
        Box::new(Times),
        Box::new(Events),
        Box::new(Headlines),
    ]
}

/// Marks title, sub-headings and boilerplate, soft line breaks and cited sources; writes the
/// reading text.
pub struct Repair;

impl Stage for Repair {
    fn info(&self) -> StageInfo {
        StageInfo { id: "repair", version: 2, requires: &[], provides: &[Layer::Regions] }
    }

    fn run(&self, cx: &mut DocContext<'_>, _: &Lexicons) {
        let repaired = repair::repair(&cx.doc.text);
        cx.reading = repaired.reading_text(&cx.doc.text);
        cx.analysis.regions = repaired.regions;
        cx.analysis.soft_breaks = repaired.soft_breaks;
        cx.analysis.cited_sources = repaired.cited_sources;
    }
}

/// Tokens and sentences of the reading text.
pub struct Segment;

impl Stage for Segment {
    fn info(&self) -> StageInfo {
        StageInfo {
            id: "segment",
            version: 2,
            requires: &[Layer::Regions],
            provides: &[Layer::Tokens, Layer::Sentences],
        }
    }

    fn run(&self, cx: &mut DocContext<'_>, _: &Lexicons) {
        cx.analysis.tokens = segment::tokenize(&cx.reading);
        cx.analysis.sentences = segment::sentences(&cx.reading, &cx.analysis.tokens, &cx.analysis.regions);
    }
}

/// Names and pronouns, and the document's entities.
pub struct Entities;

impl Stage for Entities {
    fn info(&self) -> StageInfo {
        StageInfo {
            id: "entities",
            // 2: a bracketed acronym after a name must be spelled out by it ("NEW YORK (AP)").
            // 3: the tagger trained on UNER EWT, wikigold and CrossNER beside GUM, with word
            // clusters (resources/models/MODEL_CARD.md).
            version: 3,
            requires: &[Layer::Regions, Layer::Tokens, Layer::Sentences],
            provides: &[Layer::Entities],
        }
    }

    fn run(&self, cx: &mut DocContext<'_>, lex: &Lexicons) {
        let a = &cx.analysis;
        let layer = entities::entities(&cx.reading, &a.tokens, &a.sentences, &|s| cx.named_scope(s), lex);
        cx.analysis.mentions = layer.mentions;
        cx.analysis.entities = layer.entities;
        cx.actor_metonyms = layer.actor_metonyms;
    }
}

/// Who said what: speaker, cue, content, stance and hedges.
pub struct Attributions;

impl Stage for Attributions {
    fn info(&self) -> StageInfo {
        StageInfo {
            id: "attributions",
            // 3: a coordination of named speakers is one statement per speaker; an urged
            // infinitive is the content ("urges Ukraine to hit troops that …").
            version: 3,
            requires: &[Layer::Regions, Layer::Tokens, Layer::Sentences, Layer::Entities],
            provides: &[Layer::Attributions],
        }
    }

    fn run(&self, cx: &mut DocContext<'_>, lex: &Lexicons) {
        let a = &cx.analysis;
        cx.analysis.attributions = attribution::attributions(
            &cx.reading,
            &a.tokens,
            &a.sentences,
            &|s| cx.statement_scope(s),
            &a.mentions,
            lex,
        );
    }
}

/// Speakers that are metonyms act for their government ([`entities::resolve_actors`]).
pub struct ResolveActors;

impl Stage for ResolveActors {
    fn info(&self) -> StageInfo {
        StageInfo {
            id: "resolve_actors",
            version: 1,
            requires: &[Layer::Entities, Layer::Attributions],
            provides: &[Layer::ResolvedActors],
        }
    }

    fn run(&self, cx: &mut DocContext<'_>, _: &Lexicons) {
        let mut layer = entities::EntityLayer {
            mentions: std::mem::take(&mut cx.analysis.mentions),
            entities: std::mem::take(&mut cx.analysis.entities),
            actor_metonyms: std::mem::take(&mut cx.actor_metonyms),
        };
        entities::resolve_actors(&mut layer, &mut cx.analysis.attributions);
        cx.analysis.mentions = layer.mentions;
        cx.analysis.entities = layer.entities;
        cx.actor_metonyms = layer.actor_metonyms;
    }
}

/// Numbers with their units, bounds, changes and counted things.
pub struct Quantities;

impl Stage for Quantities {
    fn info(&self) -> StageInfo {
        StageInfo {
            id: "quantities",
            // 2: spans the time layer now reads ("nineteen ninety-six", "5 1/2 hours") are not numbers.
            version: 2,
            requires: &[Layer::Tokens, Layer::Sentences],
            provides: &[Layer::Quantities],
        }
    }

    fn run(&self, cx: &mut DocContext<'_>, _: &Lexicons) {
        let a = &cx.analysis;
        cx.analysis.quantities = dossier_measures::quantities(&cx.reading, &a.tokens, &a.sentences);
    }
}

/// Dates, times, durations and sets, resolved against the publication date.
pub struct Times;

impl Stage for Times {
    fn info(&self) -> StageInfo {
        StageInfo { id: "times", version: 7, requires: &[Layer::Tokens, Layer::Sentences], provides: &[Layer::Times] }
    }

    fn run(&self, cx: &mut DocContext<'_>, _: &Lexicons) {
        let a = &cx.analysis;
        cx.analysis.times = dossier_measures::times(&cx.reading, &a.tokens, &a.sentences, cx.doc.meta.published);
    }
}

/// Who did what to whom (PLOVER), with the statement that reports it, where, when and how many.
pub struct Events;

impl Stage for Events {
    fn info(&self) -> StageInfo {
        StageInfo {
            id: "events",
            version: 1,
            requires: &[
                Layer::Regions,
                Layer::Tokens,
                Layer::Sentences,
                Layer::ResolvedActors,
                Layer::Quantities,
                Layer::Times,
            ],
            provides: &[Layer::Events],
        }
    }

    fn run(&self, cx: &mut DocContext<'_>, lex: &Lexicons) {
        let a = &cx.analysis;
        cx.analysis.events = events::events(
            &cx.reading,
            &a.tokens,
            &a.sentences,
            &|s| cx.statement_scope(s),
            &a.mentions,
            &a.attributions,
            &a.quantities,
            &a.times,
            lex,
        );
    }
}

/// The title and sub-headings checked against the body by the stance model
/// ([`headlines::headlines`]; docs/headlines.md). Without a stance model (lexicons built by hand,
/// not [`Lexicons::builtin`]) it finds nothing.
pub struct Headlines;

impl Stage for Headlines {
    fn info(&self) -> StageInfo {
        StageInfo {
            id: "headlines",
            version: 2,
            requires: &[Layer::Regions, Layer::Tokens, Layer::Sentences],
            provides: &[Layer::Headlines],
        }
    }

    fn run(&self, cx: &mut DocContext<'_>, lex: &Lexicons) {
        let Some(model) = lex.stance else { return };
        let a = &cx.analysis;
        let in_body = |s: &dossier_core::Sentence| a.region_at(s.span.start()) == dossier_core::RegionKind::Body;
        cx.analysis.headlines = headlines::headlines(
            &cx.reading,
            &a.tokens,
            &a.sentences,
            &a.regions,
            cx.doc.meta.title.as_deref(),
            &in_body,
            model,
            lex.words(),
        );
    }
}
