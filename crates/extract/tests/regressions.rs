//! One test per defect found in review, each with the input that showed it.

use dossier_core::{Document, EntityKind, Metadata};
use dossier_extract::{analyze, Lexicons};

fn doc(text: &str) -> Document {
    Document::new(text.to_string(), Metadata::default())
}

/// The entity stage sorts its mentions after collecting them; metonyms held mention indices from
/// before the sort, so "He" (resolved later, sorted earlier) was relinked to Russia.
#[test]
fn metonym_relinking_follows_the_mention_not_its_old_index() {
    let lex = Lexicons::builtin().unwrap();
    let text = "Zelensky spoke. He said Moscow lied.";
    let a = analyze(&doc(text), &lex);
    let he = a.mentions.iter().find(|m| m.span.slice(text) == Some("He")).expect("the pronoun is a mention");
    assert_eq!(a.entities[he.entity.unwrap() as usize].name, "Zelensky");
    // Moscow does not speak here: it stays the place, and nobody is an alias of Russia.
    assert!(a.entities.iter().all(|e| e.name != "Russia"), "{:?}", a.entities);

    // When Moscow speaks, it is Russia, and only Moscow is Russia's alias.
    let text = "Zelensky spoke. He said Moscow dismissed the claim.";
    let a = analyze(&doc(text), &lex);
    let russia = a.entities.iter().find(|e| e.name == "Russia").expect("Moscow acts for Russia");
    assert_eq!((russia.kind, russia.aliases.as_slice()), (EntityKind::Place, &["Moscow".to_string()][..]));
    let speakers: Vec<_> = a.attributions.iter().filter_map(|x| x.speaker.as_ref()).collect();
    let moscow = speakers.iter().find(|s| s.span.slice(text) == Some("Moscow")).expect("Moscow speaks");
    assert_eq!(moscow.entity, Some(russia.id));
    let he = speakers.iter().find(|s| s.span.slice(text) == Some("He")).expect("He speaks");
    assert_eq!(a.entities[he.entity.unwrap() as usize].name, "Zelensky");
}

/// A dateline's agency was taken for the city's acronym: "NEW YORK (AP)" made "AP" an alias of
/// New York, and across a store of wire stories New York and Washington collected AP and AFP.
#[test]
fn a_dateline_agency_is_not_the_citys_acronym() {
    let lex = Lexicons::builtin().unwrap();
    let text =
        "NEW YORK (AP) — Officials said the talks had failed.\nThe Korean Central News Agency (KCNA) said so too.";
    let a = analyze(&doc(text), &lex);
    let city = a.mentions.iter().find(|m| m.span.slice(text) == Some("NEW YORK")).expect("the city is a mention");
    let new_york = &a.entities[city.entity.expect("linked") as usize];
    assert!(!new_york.aliases.iter().any(|x| x == "AP"), "{:?}", new_york.aliases);
    let ap = a.mentions.iter().find(|m| m.span.slice(text) == Some("AP"));
    assert!(ap.is_none_or(|m| m.entity != Some(new_york.id)), "AP is a mention of New York");
    // An acronym the name spells out still is that name.
    let kcna = a.entities.iter().find(|e| e.name == "Korean Central News Agency").expect("the agency");
    assert!(kcna.aliases.iter().any(|x| x == "KCNA"), "{:?}", kcna.aliases);
}

/// A control character glued into the text held two sentences together, so one statement ran
/// on into the next (issue "Never lose, never hang", finding 3).
#[test]
fn control_characters_do_not_glue_sentences() {
    let lex = Lexicons::builtin().unwrap();
    for glue in ["\x01", "\x08", "\x1f", "\x7f"] {
        let text = format!("Obama said the deal was good.{glue} Putin said it was bad.");
        let a = analyze(&doc(&text), &lex);
        assert_eq!(a.sentences.len(), 2, "{glue:?}: {:?}", a.sentences);
        assert_eq!(a.attributions.len(), 2, "{glue:?}");
        for x in &a.attributions {
            // Spans still point at the original bytes.
            assert!(x.content.slice(&text).is_some());
            assert!(!x.content.slice(&text).unwrap().contains(glue), "{glue:?}");
        }
    }
}

/// Work that grows with the square of a sentence or a document shows as output (or time) per
/// input byte that grows with the input. These inputs cost time cubic in their length and
/// output quadratic in it (issue "Never lose, never hang", findings 3 and 4); the measure here
/// is what the analysis holds, which is deterministic: the summed length of every statement's
/// content and of every event's arguments, per input byte, at two sizes.
fn held_per_byte(text: &str, lex: &Lexicons) -> f64 {
    let a = analyze(&doc(text), lex);
    let contents: usize = a.attributions.iter().map(|x| x.content.len()).sum();
    let args: usize = a.events.iter().flat_map(|e| e.source.iter().chain(e.target.iter())).map(|x| x.span.len()).sum();
    assert!(a
        .sentences
        .iter()
        .all(|s| (s.tokens.1 - s.tokens.0) as usize <= dossier_extract::segment::MAX_SENTENCE_TOKENS));
    (contents + args) as f64 / text.len() as f64
}

#[test]
fn nested_reporting_and_quotes_hold_output_proportional_to_input() {
    let lex = Lexicons::builtin().unwrap();
    for unit in ["He said that they said that ", "He said \"she said \u{201c}they said \u{2018}", "Officials said, "] {
        let small = held_per_byte(&unit.repeat(500), &lex);
        let large = held_per_byte(&unit.repeat(2000), &lex);
        assert!(large <= small * 1.25 + 0.5, "{unit:?}: {small:.1} bytes held per byte at 500, {large:.1} at 2000");
        assert!(large < 100.0, "{unit:?}: {large:.1} bytes held per input byte");
    }
}

/// Many names, statements and events in one long text: every stage looked mentions, statements,
/// numbers and times up by scanning the document's lists, once per phrase.
#[test]
fn a_long_article_is_read_as_its_parts_are() {
    let lex = Lexicons::builtin().unwrap();
    let part = "Senator Velmora Dunst said on Monday that 300 soldiers attacked Kursk. \
                Moscow denied it, according to the Interior Ministry. She said the talks failed.\n\n";
    let one = analyze(&doc(part), &lex);
    let many = analyze(&doc(&part.repeat(400)), &lex);
    assert_eq!(many.attributions.len(), 400 * one.attributions.len());
    assert_eq!(many.events.len(), 400 * one.events.len());
    assert_eq!(many.quantities.len(), 400 * one.quantities.len());
    // Each event's number and time are its own paragraph's, not the first one's.
    for (k, e) in many.events.iter().enumerate() {
        let base = (k / one.events.len()) * part.len();
        let first = &one.events[k % one.events.len()];
        assert_eq!(e.trigger.start as usize, first.trigger.start as usize + base);
        assert_eq!(
            e.quantity.map(|q| many.quantities[q as usize].span.start as usize - base),
            first.quantity.map(|q| one.quantities[q as usize].span.start as usize)
        );
    }
}

/// Found by `cargo fuzz` (fuzz target `analyze`, minimised): a statement whose speaker is the
/// first token of the text. Looking for the comma before that speaker computed `p - 1` with p = 0
/// eagerly (`then_some`), so a build with overflow checks (debug, tests) panicked on "O:3" — and
/// on the bundled examples/wikinews.jsonl.
#[test]
fn a_statement_opening_the_text_is_read() {
    let lex = Lexicons::builtin().unwrap();
    for text in ["O:3", "O say 3", "\u{1}Obama says 3.\n", "Obama said the deal was good, and Putin said it was bad."] {
        let a = analyze(&doc(text), &lex);
        for x in &a.attributions {
            assert!(x.content.slice(text).is_some() && x.cue.slice(text).is_some(), "{text:?}: {x:?}");
        }
    }
}

/// Issue 17: "both Moscow and Pyongyang have dismissed" was one report by one speaker, Russia;
/// it is two reports, one per government. Phrases that are not all names, and names with "and"
/// inside, stay whole.
#[test]
fn a_coordination_of_named_speakers_is_one_report_each() {
    let lex = Lexicons::builtin().unwrap();
    let speakers = |text: &str| -> Vec<(String, String)> {
        let a = analyze(&doc(text), &lex);
        a.attributions
            .iter()
            .map(|x| {
                let sp = x.speaker.as_ref().expect("a speaker");
                let entity = sp.entity.map(|e| a.entities[e as usize].name.clone()).unwrap_or_default();
                (sp.span.slice(text).unwrap_or("").to_string(), entity)
            })
            .collect()
    };
    let text = "Both Moscow and Pyongyang have dismissed the reports as fabrications.";
    let got = speakers(text);
    assert_eq!(got.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(), ["Moscow", "Pyongyang"], "{got:?}");
    assert_ne!(got[0].1, got[1].1, "two governments, not one: {got:?}");
    let got = speakers("President Biden and Chancellor Olaf Scholz said the sanctions would stay.");
    assert_eq!(got.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(), ["President Biden", "Chancellor Olaf Scholz"]);
    let got = speakers("The United States and its allies said the sanctions would stay.");
    assert_eq!(got.len(), 1, "{got:?}");
    let got = speakers("Bosnia and Herzegovina said the talks had failed.");
    assert_eq!(got.len(), 1, "{got:?}");
    let got = speakers("Merkel and Macron said the talks had failed.");
    assert_eq!(got.len(), 2, "{got:?}");
}
