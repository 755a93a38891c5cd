//! The canonical seed article (../shared/seed, not redistributed here) against its hand annotation.
//! These floors keep the first thing every new user sees from silently getting worse.
#![cfg(feature = "shared-data")]

use dossier_core::{Analysis, Document, EntityKind, Metadata, RegionKind, Span};
use serde_json::Value;

const SEED_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seed");

fn seed() -> (Document, Analysis, Value) {
    let text =
        std::fs::read_to_string(format!("{SEED_DIR}/000_daa44a4bba378782.txt")).expect("the shared seed article");
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(format!("{SEED_DIR}/gold.json")).expect("gold"))
        .expect("gold JSON");
    let meta = Metadata { published: chrono::NaiveDate::from_ymd_opt(2024, 10, 31), ..Metadata::default() };
    let doc = Document::new(text, meta);
    let analysis = dossier_extract::analyze(&doc, &dossier_extract::Lexicons::builtin().unwrap());
    (doc, analysis, gold)
}

fn span_of(v: &Value) -> Span {
    Span::new(v[0].as_u64().unwrap() as usize, v[1].as_u64().unwrap() as usize)
}

/// The metric of shared/tools/score_seed.py: content overlapping by half of the longer span and
/// overlapping speakers, greedy one-to-one.
fn attribution_matches(analysis: &Analysis, gold: &Value) -> Matches {
    let gold: Vec<(Span, Span)> = gold["attributions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (span_of(&a["speaker_span"]), span_of(&a["content_span"])))
        .collect();
    let pred: Vec<(Option<Span>, Span)> =
        analysis.attributions.iter().map(|a| (a.speaker.as_ref().map(|s| s.span), a.content)).collect();
    let mut used = vec![false; pred.len()];
    let mut tp = 0;
    for (gs, gc) in &gold {
        let hit = pred.iter().enumerate().position(|(i, (ps, pc))| {
            !used[i] && gc.overlap_len(*pc) * 2 >= gc.len().max(pc.len()) && ps.is_some_and(|p| p.overlaps(*gs))
        });
        if let Some(i) = hit {
            used[i] = true;
            tp += 1;
        }
    }
    let p = tp as f64 / pred.len().max(1) as f64;
    let r = tp as f64 / gold.len() as f64;
    let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    Matches { found: tp, gold: gold.len(), predicted: pred.len(), f1 }
}

struct Matches {
    found: usize,
    gold: usize,
    predicted: usize,
    f1: f64,
}

#[test]
fn attributions_reach_the_floor() {
    let (_, analysis, gold) = seed();
    let m = attribution_matches(&analysis, &gold);
    // Measured 0.957: all 22 gold statements, plus the headline (the gold lists no statement
    // there) and "both Moscow and Pyongyang have dismissed …" read as two reports, one per
    // government, where the gold keeps one relation with a coordinated speaker (issue 17 asks
    // for two). Every gold statement must be found; a third extra statement fails.
    assert_eq!(m.found, m.gold, "seed: {} of {} gold statements found", m.found, m.gold);
    assert!(m.predicted <= m.gold + 2, "seed: {} statements for {} gold", m.predicted, m.gold);
    assert!(m.f1 >= 0.95, "seed attribution F1 {:.3} fell below 0.95", m.f1);
}

#[test]
fn stances_and_echoes_on_the_seed() {
    let (doc, analysis, _) = seed();
    let find = |cue: &str| {
        analysis
            .attributions
            .iter()
            .find(|a| a.cue.slice(&doc.text) == Some(cue))
            .unwrap_or_else(|| panic!("no attribution with cue {cue:?}"))
    };
    assert_eq!(find("dismissed").stance, dossier_core::Stance::Deny);
    assert_eq!(find("confirmed").stance, dossier_core::Stance::Confirm);
    assert_eq!(find("warned").stance, dossier_core::Stance::Warn);
    let echo = find("echoed");
    assert_eq!(echo.stance, dossier_core::Stance::Agree);
    assert!(echo.echoes.as_ref().and_then(|e| e.span.slice(&doc.text)).is_some_and(|t| t.contains("Lloyd Austin")));
    assert!(find("suggested").hedged(), "\"suggested\" hedges what the agencies report");
    assert!(!find("made it clear").hedged());
    assert_eq!(find("made it clear").stance, dossier_core::Stance::Assert, "\"should X engage\" is a condition");
    assert!(!find("warned").hedged(), "the hedge of the nested \"estimates suggesting … could\" stays there");
}

#[test]
fn every_gold_boilerplate_region_is_marked() {
    let (doc, analysis, gold) = seed();
    for b in gold["boilerplate"].as_array().unwrap() {
        let span = span_of(&b["span"]);
        // Every non-space byte of the gold region lies in a non-body region.
        for (off, ch) in doc.text[span.start()..span.end()].char_indices() {
            if !ch.is_whitespace() {
                let kind = analysis.region_at(span.start() + off);
                assert!(
                    kind.is_boilerplate(),
                    "byte {} ({:?}) of {:?} is {:?}",
                    span.start() + off,
                    ch,
                    b["what"],
                    kind
                );
            }
        }
    }
    let kinds: Vec<RegionKind> = analysis.regions.iter().map(|r| r.kind).collect();
    assert!(kinds.contains(&RegionKind::Title) && kinds.contains(&RegionKind::Subheading), "{kinds:?}");
    let sources: Vec<&str> = analysis.cited_sources.iter().filter_map(|s| s.slice(&doc.text)).collect();
    assert_eq!(sources, ["Bloomberg.com", "Reuters.com", "Brighteon.com"]);
}

#[test]
fn no_sentence_breaks_at_a_wrapped_abbreviation() {
    let (doc, analysis, _) = seed();
    let at = doc.text.find("U.S.\nDepartment").unwrap();
    assert!(
        analysis.sentences.iter().any(|s| s.span.start() <= at && s.span.end() > at + 5),
        "a sentence ends at \"U.S.\\nDepartment\""
    );
}

#[test]
fn seed_entities_and_aliases_resolve() {
    let (_, analysis, gold) = seed();
    let entity = |name: &str| analysis.entities.iter().find(|e| e.name == name);
    let mut missing = Vec::new();
    for g in gold["entities"].as_array().unwrap().iter().filter(|g| g["kind"] == "PERSON") {
        if entity(g["name"].as_str().unwrap()).is_none_or(|e| e.kind != EntityKind::Person) {
            missing.push(g["name"].as_str().unwrap().to_string());
        }
    }
    assert!(missing.is_empty(), "people not found: {missing:?}");
    let dod = entity("United States Department of Defense").expect("DoD");
    for alias in ["Department of Defense", "DoD", "Pentagon"] {
        assert!(dod.aliases.iter().any(|a| a == alias), "DoD alias {alias} missing: {:?}", dod.aliases);
    }
    let ryder = entity("Patrick Ryder").unwrap();
    assert!(ryder.aliases.iter().any(|a| a == "Ryder"), "{:?}", ryder.aliases);
    assert!(ryder.roles.iter().any(|r| r.contains("spokesperson")), "{:?}", ryder.roles);
    assert!(entity("Russia").unwrap().aliases.iter().any(|a| a == "Moscow"), "Moscow speaking is Russia");
    let nato = entity("North Atlantic Treaty Organization").expect("NATO spelled out");
    assert!(nato.aliases.iter().any(|a| a == "NATO"), "{:?}", nato.aliases);

    // Organisations and places: found under their name or an alias, with their kind. Two gold
    // places are not read as names ("eastern North Korea" is North Korea; "Europe").
    let found = |name: &str, kind: EntityKind| {
        analysis.entities.iter().any(|e| e.kind == kind && (e.name == name || e.aliases.iter().any(|a| a == name)))
    };
    let mut missing = Vec::new();
    let mut total = 0;
    for g in gold["entities"].as_array().unwrap() {
        let kind = match g["kind"].as_str() {
            Some("ORG") => EntityKind::Organization,
            Some("PLACE") => EntityKind::Place,
            _ => continue,
        };
        total += 1;
        let name = g["name"].as_str().unwrap();
        let aliases = g["aliases"].as_array().into_iter().flatten().filter_map(|a| a.as_str());
        if !std::iter::once(name).chain(aliases).any(|n| found(n, kind)) {
            missing.push(name.to_string());
        }
    }
    assert!(missing.len() <= 2, "{} of {total} organisations and places missing: {missing:?}", missing.len());
}

#[test]
fn pronoun_speaker_resolves() {
    let (doc, analysis, _) = seed();
    let he = analysis
        .attributions
        .iter()
        .find(|a| a.speaker.as_ref().and_then(|s| s.span.slice(&doc.text)) == Some("He"))
        .expect("\"He noted\"");
    let id = he.speaker.as_ref().unwrap().entity.expect("resolved");
    assert_eq!(analysis.entities[id as usize].name, "Volodymyr Zelensky");
}

#[test]
fn seed_numbers_and_dates_carry_values() {
    let (doc, analysis, _) = seed();
    let q = |t: &str| {
        analysis
            .quantities
            .iter()
            .find(|q| q.span.slice(&doc.text).is_some_and(|s| s.contains(t)))
            .unwrap_or_else(|| panic!("quantity {t}"))
    };
    assert_eq!(q("10,000").value, Some(10000.0));
    assert!(q("10,000").approx);
    assert_eq!(q("12,000").low, Some(12000.0));
    assert_eq!(q("several thousand").value, None);
    let t = |s: &str| {
        analysis.times.iter().find(|t| t.span.slice(&doc.text) == Some(s)).unwrap_or_else(|| panic!("time {s}"))
    };
    assert_eq!(t("November 1").value.as_deref(), Some("2024-11-01"));
    assert_eq!(t("in the coming weeks").value.as_deref(), Some("FUTURE_REF"));
}

/// The seed's headline checks (gold.json "headlines"): the title is borne out with the body's
/// conditions ("should hit them if they cross"), so supported or overstated, with evidence; the
/// sub-heading "Ukraine threatening to declare war on North Korea" is something the body never
/// says: the stance model reads the body's closest sentences as discussing it, but none of its
/// predicate words ("threatening", "declare", "war") is found around them, so it is unsupported.
#[test]
fn seed_headlines_are_checked_against_the_body() {
    let (doc, analysis, gold) = seed();
    let gold = gold["headlines"].as_array().expect("gold headlines");
    assert_eq!(analysis.headlines.len(), gold.len(), "{:?}", analysis.headlines);
    for (h, g) in analysis.headlines.iter().zip(gold) {
        let span = h.span.expect("headings of the seed are in its text");
        assert_eq!(span.slice(&doc.text), g["text"].as_str());
        assert!(!h.evidence.is_empty(), "{h:?}");
        for e in &h.evidence {
            assert_eq!(analysis.region_at(e.start()), RegionKind::Body, "evidence lies in the body");
        }
    }
    let title = &analysis.headlines[0];
    assert_eq!(title.role, dossier_core::HeadlineRole::Title);
    assert!(matches!(title.verdict, dossier_core::Verdict::Supported | dossier_core::Verdict::Overstated), "{title:?}");
    let evidence: Vec<&str> = title.evidence.iter().filter_map(|e| e.slice(&doc.text)).collect();
    assert!(evidence.iter().any(|e| e.contains("should take action against North Korean troops if")), "{evidence:?}");
    let qualifiers: Vec<&str> = title.qualifiers.iter().filter_map(|q| q.slice(&doc.text)).collect();
    assert!(qualifiers.contains(&"should") && qualifiers.contains(&"if"), "{qualifiers:?}");
    let sub = &analysis.headlines[1];
    assert_eq!(sub.role, dossier_core::HeadlineRole::Subheading);
    assert!(matches!(sub.verdict, dossier_core::Verdict::Unsupported | dossier_core::Verdict::Contradicted), "{sub:?}");
}
