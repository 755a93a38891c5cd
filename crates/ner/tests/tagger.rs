//! Behaviour of the tagger: learning, the model format, the shipped model, and robustness on odd
//! tokens (needs the `train` feature). Accuracy floors on held-out data are in
//! `crates/eval/tests/ner.rs`.

use std::path::PathBuf;

use dossier_ner::{spans, train, Clusters, EntitySpan, Gazetteer, Kind, Sentence, Tag, Tagger, TrainConfig};
use proptest::prelude::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shipped() -> Tagger {
    let bytes = std::fs::read(root().join("resources/models/ner.bin")).expect("resources/models/ner.bin");
    Tagger::load(&bytes).expect("shipped model loads")
}

fn sent(words: &str, tags: &[Tag]) -> Sentence {
    Sentence::new(words.split(' ').map(String::from).collect(), tags.to_vec())
}

fn tiny() -> Vec<Sentence> {
    use Kind::*;
    use Tag::*;
    vec![
        sent("Alice Smith visited Paris .", &[B(Per), I(Per), O, B(Loc), O]),
        sent("Bob Jones works for Acme Corp .", &[B(Per), I(Per), O, O, B(Org), I(Org), O]),
        sent("The Acme Corp office is in Berlin .", &[O, B(Org), I(Org), O, O, O, B(Loc), O]),
        sent("Alice Smith met Bob Jones in Berlin .", &[B(Per), I(Per), O, B(Per), I(Per), O, B(Loc), O]),
        sent("it rained .", &[O, O, O]),
    ]
}

#[test]
fn learns_a_tiny_handmade_set() {
    let data = tiny();
    let tagger =
        train(&data, Gazetteer::default(), Clusters::default(), &TrainConfig { epochs: 10, ..TrainConfig::default() });
    for s in &data {
        let words: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        assert_eq!(tagger.tag(&words), s.tags, "{:?}", s.tokens);
    }
    let e = tagger.entities(&["Bob", "Jones", "visited", "Paris", "."]);
    assert_eq!(e[0], EntitySpan { start: 0, end: 2, kind: Kind::Per });
}

#[test]
fn save_load_round_trip() {
    let tagger = train(
        &tiny(),
        Gazetteer::default(),
        Clusters::default(),
        &TrainConfig { epochs: 5, bits: 12, ..TrainConfig::default() },
    );
    let bytes = tagger.save();
    let again = Tagger::load(&bytes).unwrap();
    assert_eq!(again.save(), bytes);
    let words = ["Alice", "Smith", "visited", "Berlin", "."];
    assert_eq!(again.tag(&words), tagger.tag(&words));
    assert!(Tagger::load(&bytes[..bytes.len() - 1]).is_err());
    assert!(Tagger::load(b"not a model").is_err());
}

#[test]
fn shipped_model_is_compact_and_finds_names() {
    let size = std::fs::metadata(root().join("resources/models/ner.bin")).unwrap().len();
    assert!(size <= 20 * 1024 * 1024, "model is {size} bytes");
    let t = shipped();
    let words = ["Defense", "Secretary", "Lloyd", "Austin", "said", "in", "Washington", "that", "NATO", "agreed", "."];
    let got: Vec<(usize, usize, Kind)> = t.entities(&words).iter().map(|e| (e.start, e.end, e.kind)).collect();
    // Titles are not part of GUM person names, but a sentence-initial title may still be taken in.
    assert!(got.iter().any(|&(a, b, k)| a <= 2 && b == 4 && k == Kind::Per), "{got:?}");
    assert!(got.contains(&(8, 9, Kind::Org)), "{got:?}");
    assert!(got.contains(&(6, 7, Kind::Loc)), "{got:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn odd_tokens_never_panic(tokens in proptest::collection::vec("\\PC{0,12}|[\\u{300}-\\u{36f}]{1,3}|", 0..30)) {
        let t = train(&tiny(), Gazetteer::default(), Clusters::default(), &TrainConfig { epochs: 1, bits: 10, ..TrainConfig::default() });
        let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
        let tags = t.tag(&words);
        prop_assert_eq!(tags.len(), words.len());
        for e in spans(&tags) {
            prop_assert!(e.start < e.end && e.end <= words.len());
        }
        let text = tokens.join(" ");
        for (a, b) in dossier_ner::tokenize(&text) {
            prop_assert!(a < b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b));
        }
    }
}
