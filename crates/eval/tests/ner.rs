//! Accuracy floors of the shipped tagger on held-out data in ../shared (feature `shared-data`;
//! a missing file fails the test rather than skipping it).
#![cfg(feature = "shared-data")]

mod common;

use dossier_eval::tasks::ner::{load_model, score_files, Dump};

#[test]
fn accuracy_floor_uner_ewt_dev() {
    let t = load_model(&common::root().join("resources/models/ner.bin")).unwrap();
    let (r, _) =
        score_files(&t, &[common::shared("eval/ner/uner-english-ewt/en_ewt-ud-dev.iob2")], Dump::None, &mut |_| {})
            .unwrap();
    // Measured 0.652 (GUM-only model 0.600; spaCy en_core_web_sm 3.8: 0.585) with the shipped model.
    assert!(r.micro.f1 >= 0.625, "UNER EWT dev F1 {:.3}", r.micro.f1);
}

#[test]
fn accuracy_floor_re3d_and_error_breakdown() {
    let t = load_model(&common::root().join("resources/models/ner.bin")).unwrap();
    let (r, _) = score_files(&t, &[common::shared("train/re3d")], Dump::None, &mut |_| {}).unwrap();
    // Measured 0.674 (GUM-only model 0.621; spaCy en_core_web_sm 3.8: 0.509); re3d is never trained on.
    assert!(r.micro.f1 >= 0.65, "re3d F1 {:.3}", r.micro.f1);
    // Every gold entity not found exactly is counted once in the breakdown.
    let e = &r.errors;
    let gold_errors =
        e.wrong_kind + e.boundary_too_short + e.boundary_too_long + e.boundary_other + e.boundary_and_kind + e.missed;
    let found = (r.micro.recall * r.micro.gold as f64).round() as u64;
    assert_eq!(gold_errors + found, r.micro.gold, "{e:?}");
    assert_eq!(e.missed_by_length.iter().sum::<u64>(), e.missed);
}

#[test]
fn accuracy_floor_gum_dev_news() {
    let t = load_model(&common::root().join("resources/models/ner.bin")).unwrap();
    let files: Vec<_> = ["GUM_news_homeopathic", "GUM_news_iodine"]
        .iter()
        .map(|d| common::shared(&format!("eval/ner/gum-news/dep/{d}.conllu")))
        .collect();
    let (r, _) = score_files(&t, &files, Dump::None, &mut |_| {}).unwrap();
    // Measured 0.735 (GUM-only model 0.750; spaCy en_core_web_sm 3.8: 0.655) with the shipped model.
    assert!(r.micro.f1 >= 0.70, "GUM dev news F1 {:.3}", r.micro.f1);
}
