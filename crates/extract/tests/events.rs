//! Events: every lexicon pattern finds its own example, and the seed article's events (../shared/seed)
//! are found with their actors and tied to whoever reports them.

use dossier_core::{Analysis, Document, EventType, Metadata};
use dossier_extract::{analyze, Lexicons};

fn run(text: &str, lex: &Lexicons) -> (Document, Analysis) {
    let doc = Document::new(text.to_string(), Metadata::default());
    let a = analyze(&doc, lex);
    (doc, a)
}

#[test]
fn every_pattern_finds_its_example() {
    let lex = Lexicons::builtin().unwrap();
    let mut failures = Vec::new();
    for e in &lex.events.entries {
        let (doc, a) = run(&e.example, &lex);
        let found = a.events.iter().any(|ev| ev.kind == e.kind);
        if !found {
            let got: Vec<String> = a
                .events
                .iter()
                .map(|ev| format!("{}[{}]", ev.kind.as_str(), ev.trigger.slice(&doc.text).unwrap_or_default()))
                .collect();
            failures.push(format!("{} {:?}: {:?} → {:?}", e.kind.as_str(), e.pattern, e.example, got));
        }
    }
    assert!(failures.is_empty(), "{} patterns miss their example:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn intent_negation_hedging_and_passives() {
    let lex = Lexicons::builtin().unwrap();
    let (doc, a) = run("Turkey will allow the refugees to return home.", &lex);
    assert_eq!(a.events[0].kind, EventType::Agree, "a promised concession is AGREE");
    let (_, a) = run("The governor will extend the curfew in the capital.", &lex);
    assert_eq!(a.events[0].kind, EventType::Threaten, "a promised coercion is THREATEN");
    let (_, a) = run("The army did not attack the village.", &lex);
    assert!(a.events[0].negated);
    let (_, a) = run("The rebels could attack the town soon.", &lex);
    assert!(a.events[0].hedged);
    let (d2, a) = run("The convoy was attacked by rebels near Goma.", &lex);
    let e = &a.events[0];
    assert_eq!(e.source.as_ref().and_then(|s| s.span.slice(&d2.text)), Some("rebels"));
    assert_eq!(e.target.as_ref().and_then(|s| s.span.slice(&d2.text)), Some("The convoy"));
    let (d3, a) = run("Government troops killed five rebels.", &lex);
    assert_eq!(a.events[0].kind, EventType::Fight, "an attack by the military is FIGHT");
    assert_eq!(a.events[0].source.as_ref().and_then(|s| s.sector), Some(dossier_core::Sector::Military));
    let _ = (doc, d3);
}

/// The seed article's events: ../shared/seed beside the repository (`--features shared-data`).
#[cfg(feature = "shared-data")]
mod seed {
    use super::*;

    const SEED_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seed");

    fn seed() -> (Document, Analysis, serde_json::Value) {
        let text =
            std::fs::read_to_string(format!("{SEED_DIR}/000_daa44a4bba378782.txt")).expect("the shared seed article");
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(format!("{SEED_DIR}/gold.json")).expect("gold"))
                .expect("JSON");
        let meta = Metadata { published: chrono::NaiveDate::from_ymd_opt(2024, 10, 31), ..Metadata::default() };
        let doc = Document::new(text, meta);
        let a = analyze(&doc, &Lexicons::builtin().unwrap());
        (doc, a, gold)
    }

    /// The gold actor names matched against an argument's words or its entity's name.
    fn names_match(doc: &Document, a: &Analysis, arg: Option<&dossier_core::EventArg>, gold: &str) -> bool {
        let Some(arg) = arg else { return false };
        let words = arg.span.slice(&doc.text).unwrap_or_default().replace('\n', " ");
        let entity = arg.entity.and_then(|e| a.entities.get(e as usize)).map(|e| e.name.clone()).unwrap_or_default();
        gold.split(';').map(str::trim).all(|g| {
            let g_last = g.split_whitespace().last().unwrap_or(g);
            words.contains(g) || entity.contains(g) || words.contains(g_last) && g_last.len() > 4 || {
                // Capitals acting for their country: "Moscow" for Russia, "Pyongyang" for North Korea.
                let metonyms = [("Russia", "Moscow"), ("North Korea", "Pyongyang"), ("Russia", "Kremlin")];
                metonyms.iter().any(|(c, m)| *c == g && words.contains(m))
            }
        })
    }

    /// The PLOVER types that can stand for a gold action of the seed (gold.json writes actions in
    /// words). PLOVER 0.5: an appeal or an urging is a DEMAND; a denial of reports is a REJECT; a
    /// signed pact is an AGREE or, as material cooperation, COOPERATE.
    fn plover_types(action: &str) -> &'static [EventType] {
        match action {
            "urge" | "appeal" => &[EventType::Demand],
            "deploy forces" => &[EventType::Mobilize],
            "consult" | "meet" => &[EventType::Consult],
            "sign agreement" => &[EventType::Agree, EventType::Cooperate],
            "deny" => &[EventType::Reject],
            other => panic!("gold action {other:?} has no PLOVER type here: add it"),
        }
    }

    /// Meetings and agreements have no direction: their sides may come in either order.
    fn symmetric(t: EventType) -> bool {
        matches!(t, EventType::Consult | EventType::Agree | EventType::Cooperate)
    }

    #[test]
    fn seed_events_are_found_with_their_type_and_actors() {
        let (doc, a, gold) = seed();
        let gold = gold["events"].as_array().expect("gold events");
        let mut found = 0;
        let mut missing = Vec::new();
        for g in gold {
            let actor = g["actor"].as_str().unwrap_or_default();
            let target = g["target"].as_str().unwrap_or_default();
            let types = plover_types(g["action"].as_str().unwrap_or_default());
            let hit = a.events.iter().filter(|e| types.contains(&e.kind)).any(|e| {
                let (s, t) = (e.source.as_ref(), e.target.as_ref());
                let forward = names_match(&doc, &a, s, actor) && names_match(&doc, &a, t, target);
                let backward = names_match(&doc, &a, s, target) && names_match(&doc, &a, t, actor);
                // A joint action ("Russia; North Korea deny") needs its sources, not the gold's paraphrase of the target.
                let joint = actor.contains(';') && names_match(&doc, &a, s, actor);
                forward || symmetric(e.kind) && backward || joint
            });
            if hit {
                found += 1;
            } else {
                missing.push(format!("{actor} {} {target}", g["action"]));
            }
        }
        assert!(
            found >= 8,
            "seed events with the right type and actors: {found}/{} (missing: {missing:?})",
            gold.len()
        );
    }

    /// The check above must fail when the type is wrong or the sides of a directed event are swapped.
    #[test]
    fn the_seed_event_check_rejects_wrong_types_and_swapped_actors() {
        let (doc, a, _) = seed();
        let urge = a.events.iter().find(|e| e.kind == EventType::Demand).expect("Biden's urging");
        assert!(!symmetric(urge.kind));
        assert!(names_match(&doc, &a, urge.source.as_ref(), "Joe Biden"));
        assert!(!names_match(&doc, &a, urge.source.as_ref(), "Ukraine"), "swapped sides must not match");
        assert!(!plover_types("urge").contains(&EventType::Consult));
    }

    #[test]
    fn seed_deployment_is_reported_by_the_agencies() {
        let (doc, a, _) = seed();
        let deploy = a
            .events
            .iter()
            .find(|e| e.kind == EventType::Mobilize && e.trigger.slice(&doc.text) == Some("deployed"))
            .expect("the deployment");
        let q = deploy.quantity.map(|i| a.quantities[i as usize].span.slice(&doc.text).unwrap_or_default());
        assert_eq!(q, Some("around 10,000"));
        assert!(deploy.source.as_ref().and_then(|s| s.span.slice(&doc.text)) == Some("North Korea"));
        assert_eq!(deploy.source.as_ref().and_then(|s| s.country.as_deref()), Some("North Korea"));
        assert!(deploy.place.as_ref().and_then(|p| p.span.slice(&doc.text)).is_some_and(|p| p.contains("Kursk")));
        let by = deploy.reported_by.expect("reported") as usize;
        let speaker = a.attributions[by].speaker.as_ref().and_then(|s| s.span.slice(&doc.text));
        assert_eq!(speaker, Some("American intelligence agencies"));
        assert!(deploy.hedged, "\"suggested\" hedges the report");
    }

    #[test]
    fn every_reported_seed_event_is_tied_to_its_reporter() {
        let (doc, a, _) = seed();
        let mut reported = 0;
        for e in &a.events {
            let reporter = a
                .attributions
                .iter()
                .enumerate()
                .filter(|(_, x)| x.content.contains(e.trigger))
                .min_by_key(|(_, x)| x.content.len())
                .map(|(i, _)| i as u32);
            assert_eq!(e.reported_by, reporter, "event {:?} and its reporter", e.trigger.slice(&doc.text));
            reported += usize::from(reporter.is_some());
        }
        assert!(reported >= 4, "only {reported} seed events are reported by someone");
    }
}

/// Regression: a noun trigger as the very first token made the subject search step before the
/// text's start (an overflow caught by a debug build on Recognizers-Text inputs).
#[test]
fn noun_trigger_at_the_start_of_the_text() {
    let lex = Lexicons::builtin().unwrap();
    for text in ["Meetings with Iran resume next week.", "Talks", "Protest in Paris."] {
        let (doc, a) = run(text, &lex);
        for e in &a.events {
            assert!(e.trigger.slice(&doc.text).is_some());
        }
    }
}
