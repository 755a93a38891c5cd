//! Entity typing rules that hold whatever the statistical tagger says.

use dossier_core::{Document, EntityKind, Metadata};

fn kind_of(text: &str, name: &str) -> Option<EntityKind> {
    let doc = Document::new(text.to_string(), Metadata::default());
    let analysis = dossier_extract::analyze(&doc, &dossier_extract::Lexicons::builtin().unwrap());
    analysis.entities.iter().find(|e| e.name == name).map(|e| e.kind)
}

#[test]
fn an_apposition_headed_by_a_role_names_a_person() {
    // Neither word is a known given name or place; the role after the comma decides.
    let text = "Reporters met Oleksandr Vrublevsky, head of the regional water board, on Monday.";
    assert_eq!(kind_of(text, "Oleksandr Vrublevsky"), Some(EntityKind::Person));
    let text = "The ruling was welcomed by Tamsin Okonjo-Hale, spokeswoman for the court.";
    assert_eq!(kind_of(text, "Tamsin Okonjo-Hale"), Some(EntityKind::Person));
}

fn mentions(text: &str) -> Vec<(String, EntityKind)> {
    let doc = Document::new(text.to_string(), Metadata::default());
    let analysis = dossier_extract::analyze(&doc, &dossier_extract::Lexicons::builtin().unwrap());
    analysis.mentions.iter().filter_map(|m| Some((m.span.slice(text)?.to_string(), m.kind))).collect()
}

#[test]
fn names_do_not_open_with_articles_or_prepositions_nor_run_into_dates() {
    let found = mentions(
        "The Northern Water Authority said on Monday that it would act.\n\n\
         Near Tarnow, crews cleared the road.\n\n\
         Crews reached Tarnow on Nov. 3 and left on Friday.",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Northern Water Authority"), "{found:?}");
    assert!(texts.iter().all(|t| !t.starts_with("The ") && !t.starts_with("Near ")), "{found:?}");
    assert!(texts.iter().all(|t| !t.contains("Nov") && !t.contains("Friday")), "{found:?}");
}

#[test]
fn connectors_neither_end_names_nor_join_a_person_to_an_organisation() {
    let found = mentions(
        "The Government of Moldova rejected the plan.\n\n\
         \"We will check every batch,\" said Marta Kowalczyk for Food Safety Poland.",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Government of Moldova"), "{found:?}");
    assert!(texts.iter().all(|t| !t.ends_with(" of") && !t.ends_with(" for")), "{found:?}");
    assert!(found.iter().any(|(t, k)| t == "Marta Kowalczyk" && *k == EntityKind::Person), "{found:?}");
    // Between two names a connector stays a connector; a known name runs on past the capitals.
    let found = mentions("Fighters of the Islamic State of Iraq and the Levant left Velbar for Tarkhan of Dorsa.");
    assert!(found.iter().all(|(t, _)| !matches!(t.as_str(), "of" | "the")), "{found:?}");
    assert!(found.iter().any(|(t, _)| t == "Islamic State of Iraq and the Levant"), "{found:?}");
}

#[test]
fn the_north_and_the_south_are_the_divided_countries_named_before() {
    let text = "North Korea and South Korea traded fire on Thursday.\n\n\
                The North said the South had started it.";
    let doc = Document::new(text.to_string(), Metadata::default());
    let analysis = dossier_extract::analyze(&doc, &dossier_extract::Lexicons::builtin().unwrap());
    let aliases = |name: &str| analysis.entities.iter().find(|e| e.name == name).map(|e| e.aliases.clone());
    assert!(aliases("North Korea").is_some_and(|a| a.contains(&"North".to_string())), "{:?}", analysis.entities);
    assert!(aliases("South Korea").is_some_and(|a| a.contains(&"South".to_string())), "{:?}", analysis.entities);
    assert!(analysis.entities.iter().all(|e| e.name != "North" && e.name != "South"), "{:?}", analysis.entities);
}

#[test]
fn the_same_text_gives_the_same_analysis_every_time() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/wikinews/korea.txt")).unwrap();
    let doc = Document::new(text, Metadata::default());
    let lex = dossier_extract::Lexicons::builtin().unwrap();
    let first = dossier_extract::analyze(&doc, &lex);
    for _ in 0..5 {
        assert_eq!(dossier_extract::analyze(&doc, &lex), first, "hash-map order leaked into the output");
    }
}

#[test]
fn a_given_name_opens_a_sentence_as_a_name_but_an_ordinary_word_is_no_given_name() {
    let found = mentions("Vince said the model was ready.\n\nThe board will decide.");
    assert!(found.iter().any(|(t, k)| t == "Vince" && *k == EntityKind::Person), "{found:?}");
    let lex = dossier_extract::Lexicons::builtin().unwrap();
    assert!(lex.given_names.contains("Vince"));
    assert!(!lex.given_names.contains("Hope") && !lex.given_names.contains("Rose"));
}

#[test]
fn a_place_word_makes_an_unknown_name_a_place_and_a_date_opens_no_name() {
    let found = mentions("Fighters fled to Mount Velbar and the Tarkhan Barrage on Dec. 4.\n\nDec. 5 was calm.");
    assert!(found.iter().any(|(t, k)| t == "Mount Velbar" && *k == EntityKind::Place), "{found:?}");
    assert!(found.iter().any(|(t, k)| t == "Tarkhan Barrage" && *k == EntityKind::Place), "{found:?}");
    assert!(found.iter().all(|(t, _)| !t.starts_with("Dec")), "{found:?}");
}
