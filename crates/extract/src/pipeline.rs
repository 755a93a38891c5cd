//! The pipeline: repair → segment → entities → attributions → quantities/time → events, in that order,
//! each stage a pure function of the document and what the earlier ones found.

use dossier_core::{Analysis, Attribution, Document, Entity, EntityId, Mention, RegionKind, Sentence};

use crate::{attribution, entities, events, repair, segment, Lexicons};

/// Analyses one document. Never panics on any UTF-8 text.
pub fn analyze(doc: &Document, lex: &Lexicons) -> Analysis {
    let text = doc.text.as_str();
    let repaired = repair::repair(text);
    let reading = repaired.reading_text(text);
    let tokens = segment::tokenize(&reading);
    let sentences = segment::sentences(&reading, &tokens, &repaired.regions);

    let mut analysis = Analysis {
        regions: repaired.regions,
        soft_breaks: repaired.soft_breaks,
        cited_sources: repaired.cited_sources,
        ..Analysis::default()
    };
    let region_of = |s: &Sentence| analysis.region_at(s.span.start());
    let named_scope = |s: &Sentence| !region_of(s).is_boilerplate();
    // Headlines are statements too (the claims layer checks them against the body).
    let statement_scope = |s: &Sentence| matches!(region_of(s), RegionKind::Body | RegionKind::Title);

    let mut layer = entities::entities(&reading, &tokens, &sentences, &named_scope, lex);
    let attributions = attribution::attributions(&reading, &tokens, &sentences, &statement_scope, &layer.mentions, lex);
    let speakers: Vec<_> = attributions.iter().filter_map(|a| a.speaker.as_ref().map(|s| s.span)).collect();
    entities::relink_actors(&mut layer, &speakers);
    // Speakers pointed at the mention's old entity; follow the relinked mention.
    let attributions = attributions
        .into_iter()
        .map(|mut a| {
            if let Some(sp) = a.speaker.as_mut() {
                if let Some(m) = layer.mentions.iter().find(|m| {
                    sp.span.contains(m.span)
                        && sp.entity.is_some()
                        && !m.resolved
                        && layer.actor_metonyms.iter().any(|(i, ..)| layer.mentions[*i].span == m.span)
                }) {
                    sp.entity = m.entity;
                }
            }
            a
        })
        .collect();

    let (entities, mentions, attributions) = drop_orphans(layer.entities, layer.mentions, attributions);
    let quantities = dossier_measures::quantities(&reading, &tokens, &sentences);
    let times = dossier_measures::times(&reading, &tokens, &sentences, doc.meta.published);
    let events = events::events(
        &reading,
        &tokens,
        &sentences,
        &statement_scope,
        &mentions,
        &attributions,
        &quantities,
        &times,
        lex,
    );
    analysis.quantities = quantities;
    analysis.times = times;
    analysis.events = events;
    analysis.tokens = tokens;
    analysis.sentences = sentences;
    analysis.mentions = mentions;
    analysis.entities = entities;
    analysis.attributions = attributions;
    analysis
}

/// Entities left without a mention (a capital relinked to its country when it spoke) are dropped
/// and the ids renumbered, so that ids stay dense indexes into the entity list.
fn drop_orphans(
    entities: Vec<Entity>,
    mut mentions: Vec<Mention>,
    mut attributions: Vec<Attribution>,
) -> (Vec<Entity>, Vec<Mention>, Vec<Attribution>) {
    let mut new_id = vec![None; entities.len()];
    let mut kept = Vec::new();
    for e in entities {
        if mentions.iter().any(|m| m.entity == Some(e.id)) {
            new_id[e.id as usize] = Some(kept.len() as EntityId);
            kept.push(Entity { id: kept.len() as EntityId, ..e });
        }
    }
    let remap = |id: &mut Option<EntityId>| *id = id.and_then(|i| new_id.get(i as usize).copied().flatten());
    mentions.iter_mut().for_each(|m| remap(&mut m.entity));
    for a in &mut attributions {
        for s in a.speaker.iter_mut().chain(a.echoes.iter_mut()) {
            remap(&mut s.entity);
        }
    }
    (kept, mentions, attributions)
}
