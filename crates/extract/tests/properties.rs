//! Whatever the input, analysis does not panic and every span is a real slice of the text.

use dossier_core::{AnalysisJson, Document, Metadata};
use proptest::prelude::*;

fn check(text: String) {
    let lex = dossier_extract::Lexicons::builtin().unwrap();
    let doc = Document::new(text, Metadata::default());
    let analysis = dossier_extract::analyze(&doc, &lex);
    let json = serde_json::to_value(AnalysisJson::new(&doc, &analysis)).unwrap();
    fn walk(v: &serde_json::Value, text: &str) {
        match v {
            serde_json::Value::Object(m) => {
                if let (Some(s), Some(e)) =
                    (m.get("start").and_then(|x| x.as_u64()), m.get("end").and_then(|x| x.as_u64()))
                {
                    let (s, e) = (s as usize, e as usize);
                    assert!(s <= e && e <= text.len(), "span {s}..{e} outside {}", text.len());
                    let slice = text.get(s..e).unwrap_or_else(|| panic!("span {s}..{e} cuts a character"));
                    if let Some(t) = m.get("text").and_then(|t| t.as_str()) {
                        assert_eq!(t, slice);
                    }
                }
                m.values().for_each(|x| walk(x, text));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, text)),
            _ => {}
        }
    }
    walk(&json, &doc.text);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text(text in "\\PC{0,300}") {
        check(text);
    }

    #[test]
    fn news_like_text(parts in prop::collection::vec(prop::sample::select(vec![
        "Biden", " said", " that", "“", "”", "\"", "'", ",", ".", "\n", "\n\n", "U.S.", " Brig. Gen.", " Ryder", " according to",
        " officials", " warned", " 10,000", " troops", " November 1", " (Related:", ")", " — ", "Zelensky’s", " é", "🙂", " He", " echoed",
        " Sources include:", "Watch this", " dismissed", " as", " ''", "\r\n",
    ]), 0..60)) {
        check(parts.concat());
    }
}
