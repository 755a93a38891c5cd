//! Entity typing rules that hold whatever the statistical tagger says.

use dossier_core::{Document, EntityKind, Metadata};

fn kind_of(text: &str, name: &str) -> Option<EntityKind> {
    let doc = Document::new(text.to_string(), Metadata::default());
    let analysis = dossier_extract::analyze(&doc, &dossier_extract::Lexicons::builtin());
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
