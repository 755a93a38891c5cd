//! Behaviour of the tagger: learning, the model format, accuracy floors of the shipped model on
//! held-out data, and robustness on odd tokens.

use std::path::PathBuf;

use dossier_ner::{spans, train, EntitySpan, Gazetteer, Kind, Sentence, Tag, Tagger, TrainConfig};
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
    let tagger = train(&data, Gazetteer::default(), &TrainConfig { epochs: 10, ..TrainConfig::default() });
    for s in &data {
        let words: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        assert_eq!(tagger.tag(&words), s.tags, "{:?}", s.tokens);
    }
    let e = tagger.entities(&["Bob", "Jones", "visited", "Paris", "."]);
    assert_eq!(e[0], EntitySpan { start: 0, end: 2, kind: Kind::Per });
}

#[test]
fn save_load_round_trip() {
    let tagger = train(&tiny(), Gazetteer::default(), &TrainConfig { epochs: 5, bits: 12, ..TrainConfig::default() });
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

/// Accuracy floors on the annotated data in ../shared (`--features shared-data`).
#[cfg(feature = "shared-data")]
mod floors {
    use super::*;
    use dossier_ner::{read_gum_conllu, read_iob, GoldSentence, Scores};

    fn f1_of(t: &Tagger, gold: &[GoldSentence]) -> f64 {
        let mut s = Scores::default();
        for g in gold {
            let words: Vec<&str> = g.tokens.iter().map(String::as_str).collect();
            s.add(&g.spans, &spans(&t.tag(&words)));
        }
        s.micro().f1()
    }

    /// The evaluation data lives in ../shared beside the repository (CI has it there too); a
    /// missing file fails the test rather than skipping it.
    fn shared(rel: &str) -> String {
        let p = root().join("../shared").join(rel);
        std::fs::read_to_string(&p)
            .unwrap_or_else(|e| panic!("{}: {e} (../shared must sit beside the repository)", p.display()))
    }

    #[test]
    fn accuracy_floor_uner_ewt_dev() {
        let text = shared("eval/ner/uner-english-ewt/en_ewt-ud-dev.iob2");
        let gold = read_iob(&text).unwrap();
        let f1 = f1_of(&shipped(), &gold);
        // Measured 0.599 (spaCy en_core_web_sm 3.8: 0.585) with the shipped model.
        assert!(f1 >= 0.57, "UNER EWT dev F1 {f1:.3}");
    }

    #[test]
    fn accuracy_floor_gum_dev_news() {
        let t = shipped();
        let mut gold = Vec::new();
        for doc in ["GUM_news_homeopathic", "GUM_news_iodine"] {
            let text = shared(&format!("eval/ner/gum-news/dep/{doc}.conllu"));
            for s in read_gum_conllu(&text, t.gazetteer()).unwrap() {
                gold.push(GoldSentence { spans: spans(&s.tags), tokens: s.tokens });
            }
        }
        let f1 = f1_of(&t, &gold);
        // Measured 0.739 (spaCy en_core_web_sm 3.8: 0.655) with the shipped model.
        assert!(f1 >= 0.70, "GUM dev news F1 {f1:.3}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn odd_tokens_never_panic(tokens in proptest::collection::vec("\\PC{0,12}|[\\u{300}-\\u{36f}]{1,3}|", 0..30)) {
        let t = train(&tiny(), Gazetteer::default(), &TrainConfig { epochs: 1, bits: 10, ..TrainConfig::default() });
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
