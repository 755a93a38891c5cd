//! The claims readers on the full sets in ../shared/eval/claims (feature `shared-data`): the sizes
//! SOURCES.md gives.
#![cfg(feature = "shared-data")]

mod common;

use std::collections::HashSet;

use dossier_eval::readers::{ecbplus, emergent, fnc};

#[test]
fn emergent_train() {
    let rows = emergent::read_file(&common::shared("eval/claims/emergent/emergent-train.csv")).unwrap();
    assert_eq!(rows.len(), 2071);
    let claims: HashSet<_> = rows.iter().filter_map(|r| r.claim_id.as_deref()).collect();
    assert_eq!(claims.len(), 240);
    let stances: HashSet<_> = rows.iter().filter_map(|r| r.stance.as_deref()).collect();
    assert_eq!(stances, HashSet::from(["for", "against", "observing"]));
}

#[test]
fn fnc1_train() {
    let bodies = fnc::read_bodies(&common::shared("eval/claims/fnc-1/train_bodies.csv.gz")).unwrap();
    assert_eq!(bodies.len(), 1683);
    let pairs = fnc::read_stances(&common::shared("eval/claims/fnc-1/train_stances.csv.gz")).unwrap();
    assert_eq!(pairs.len(), 49972);
    assert!(pairs.iter().all(|p| bodies.contains_key(&p.body_id) && p.stance.is_some()));
}

#[test]
fn ecbplus_topics_1_to_35() {
    let c = ecbplus::read(&common::shared("eval/claims/ecbplus/ecbplus-topics-1-35.tar.gz")).unwrap();
    assert_eq!(c.documents.len(), 772);
    assert!(!c.sentences.is_empty());
    let topics: HashSet<_> = c.documents.iter().map(|d| d.topic()).collect();
    // Topics 15 and 17 are not in the ECB+ release.
    assert_eq!(topics.len(), 33);
    let d = &c.documents[0];
    assert!(d.mentions.iter().any(|m| m.is_event()));
    assert!(d.mentions.iter().all(|m| m.tokens.iter().all(|t| d.tokens.iter().any(|x| &x.id == t))));
}

/// Floors under what `dossier eval claims` measures on the whole Emergent training file (B-cubed
/// 0.790, stance accuracy 0.768 when written); docs/EVALUATION.md has the dev-part figures.
#[test]
fn emergent_grouping_and_stance_floors() {
    use dossier_eval::tasks::claims;
    let rows = emergent::read_file(&common::shared("eval/claims/emergent/emergent-train.csv")).unwrap();
    let s = claims::score(&rows, &claims::predict(&rows, None)).unwrap();
    assert!(s.b3_f1 >= 0.77, "B-cubed F1 {:.3}", s.b3_f1);
    assert!(s.stance_accuracy >= 0.75, "stance accuracy {:.3}", s.stance_accuracy);
    assert!(s.against_f1 >= 0.70, "against F1 {:.3}", s.against_f1);
}
