//! Cross-document event coreference on ECB+ topics 1–35 (feature `shared-data`): the dev topics'
//! floor, and agreement with shared/tools/score_ecb.py figure for figure.
#![cfg(feature = "shared-data")]

mod common;

use std::process::Command;

use dossier_claims::event_coref::Params;
use dossier_eval::readers::{ecbplus, tar_gz_files};
use dossier_eval::tasks::event_coref::{self, System};

const DEV: [&str; 8] = ["2", "5", "12", "18", "21", "23", "34", "35"];

fn archive() -> std::path::PathBuf {
    common::shared("eval/claims/ecbplus/ecbplus-topics-1-35.tar.gz")
}

fn dev_input() -> event_coref::Input {
    let topics: Vec<String> = DEV.iter().map(|t| t.to_string()).collect();
    let corpus = event_coref::select(ecbplus::read(&archive()).unwrap(), Some(&topics));
    assert_eq!(corpus.documents.len(), 197);
    event_coref::input(&corpus)
}

#[test]
fn dev_topics_without_topic_information() {
    let inp = dev_input();
    let run = event_coref::run(&inp, System::Claims(Params::default()));
    let s = run.scores.expect("the archive has gold relations");
    assert_eq!(s.mentions, 1245);
    assert!(s.conll_f1 >= FLOOR, "dev CoNLL F1 {:.3} under the floor {FLOOR}", s.conll_f1);
    let base = event_coref::run(&inp, System::SameHead).scores.unwrap();
    assert!(s.conll_f1 > base.conll_f1 + 0.1, "{:.3} vs the baseline {:.3}", s.conll_f1, base.conll_f1);
}

/// A little under what docs/EVALUATION.md reports (0.754).
const FLOOR: f64 = 0.73;

#[test]
fn agrees_with_score_ecb_py() {
    // The dev topics' files in a folder of their own, as the script reads them.
    let dir = tempfile::tempdir().unwrap();
    let keep = |n: &str| {
        n.ends_with("ECBplus_coreference_sentences.csv")
            || (n.ends_with(".xml") && DEV.iter().any(|t| n.rsplit('/').next().unwrap().starts_with(&format!("{t}_"))))
    };
    for (name, data) in tar_gz_files(&archive(), keep).unwrap() {
        std::fs::write(dir.path().join(name.rsplit('/').next().unwrap()), data).unwrap();
    }
    let inp = dev_input();
    let pred = dir.path().join("pred.jsonl");
    for system in [System::Claims(Params::default()), System::SameHead] {
        let run = event_coref::run(&inp, system);
        std::fs::write(&pred, run.jsonl()).unwrap();
        let out = Command::new("python3")
            .arg(common::root().join("../shared/tools/score_ecb.py"))
            .arg(dir.path())
            .arg(&pred)
            .output()
            .expect("python3 runs");
        assert!(out.status.success(), "score_ecb.py failed: {}", String::from_utf8_lossy(&out.stderr));
        // Without scipy the script aligns CEAF-e greedily; score as it does.
        let scipy = Command::new("python3").args(["-c", "import scipy, numpy"]).status().unwrap().success();
        let ours = if scipy {
            run.scores.unwrap()
        } else {
            let gold = inp.gold.as_ref().unwrap();
            event_coref::score(gold, &run.labels, true)
        };
        assert_eq!(String::from_utf8_lossy(&out.stdout), ours.lines(), "{system:?}");
    }
}
