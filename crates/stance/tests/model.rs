//! The shipped model (resources/models/stance.bin) on inputs a user may give it: it loads, and it
//! gives a judgement, never a panic, for an empty body, an empty claim, a claim only, and a 10 MB
//! body.

use dossier_stance::{Label, StanceModel};

fn model() -> StanceModel {
    StanceModel::load(include_bytes!("../../../resources/models/stance.bin")).expect("the shipped model loads")
}

#[test]
fn the_shipped_model_tells_related_from_unrelated() {
    let m = model();
    let body = "Police in Paris found the missing boy alive on Sunday, officers said. \
                The boy, 9, had been missing for three days after he wandered off.";
    let j = m.judge("Missing boy found alive in Paris", body);
    assert_ne!(j.label, Label::Unrelated, "{j:?}");
    assert!(body[j.evidence[0].clone()].starts_with("Police in Paris found the missing boy"));
    assert!(j.coverage > 0.8, "{j:?}");
    let u = m.judge("Apple unveils a new phone with a bigger screen", body);
    assert_eq!(u.label, Label::Unrelated, "{u:?}");
    assert!((j.scores.iter().sum::<f32>() - 1.0).abs() < 1e-4);
}

#[test]
fn bad_inputs_get_a_judgement() {
    let m = model();
    for (claim, body) in [("", ""), ("A claim without a body", ""), ("", "A body without a claim."), ("???", "!!!")] {
        let j = m.judge(claim, body);
        assert_eq!(j.label, Label::Unrelated, "{claim:?} / {body:?}: {j:?}");
        assert!(j.score.is_finite() && j.evidence.is_empty());
    }
    // 10 MB of body, one long run of sentences (and one run without any break).
    let sentence = "Officials said the bridge was closed after the storm damaged it. ";
    let big = sentence.repeat(10 * 1024 * 1024 / sentence.len());
    // (What the network makes of a body a thousand times longer than any it was trained on is
    // its own affair; it must answer, with the sentences that match.)
    let j = m.judge("Storm closes bridge", &big);
    assert!(j.score.is_finite() && j.score > 0.0);
    assert_eq!(&big[j.evidence[0].clone()], sentence.trim_end());
    let run = "x".repeat(10 * 1024 * 1024);
    let j = m.judge("Storm closes bridge", &run);
    assert!(j.score.is_finite());
    // Given sentences that do not fit the body are dropped, not sliced.
    let j = m.judge_sentences("Storm closes bridge", "Storm closed the bridge.", &[0..24, 5..999, 30..40]);
    assert_eq!(j.evidence, vec![0..24usize]);
}
