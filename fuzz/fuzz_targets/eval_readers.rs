//! Arbitrary bytes through the gold-file readers of `dossier eval`: TimeML, brat standoff,
//! the CSV readers (FNC-1 stances and bodies, Emergent, ECB+ sentences), ECB+ XML, and the JSON
//! case readers (Recognizers-Text DateTime/Number, quantity sets, PLOVER), plus the offset maps
//! they score with.
//!
//! Checks: no reader panics on any input; a TimeML document's gold spans run forwards and lie
//! within its text's characters (and map to bytes through `char_to_byte`); a Recognizers
//! DateTime case's gold byte spans slice its text; the offset maps have one entry per unit plus
//! the end, never go back, and point at character boundaries.
#![no_main]

use dossier_eval::metrics::{byte_to_char, char_to_byte, utf16_to_byte};
use dossier_eval::readers::{brat, ecbplus, emergent, fnc, plover, quantities, recognizers, timeml};
use libfuzzer_sys::fuzz_target;

fn maps(text: &str) {
    let c2b = char_to_byte(text);
    assert_eq!(c2b.len(), text.chars().count() + 1);
    assert!(c2b.windows(2).all(|w| w[0] < w[1]) && c2b.iter().all(|&b| text.is_char_boundary(b)));
    let u2b = utf16_to_byte(text);
    assert_eq!(u2b.len(), text.encode_utf16().count() + 1);
    assert!(u2b.windows(2).all(|w| w[0] <= w[1]) && u2b.iter().all(|&b| text.is_char_boundary(b)));
    let b2c = byte_to_char(text.as_bytes());
    assert_eq!(b2c.len(), text.len() + 1);
    assert_eq!(b2c[text.len()], text.chars().count(), "byte_to_char of the end");
    for (ci, (bi, _)) in text.char_indices().enumerate() {
        assert_eq!(b2c[bi], ci, "byte_to_char({bi})");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    maps(text);
    let _ = byte_to_char(data);

    if let Ok(doc) = timeml::parse_timeml(text) {
        let n = doc.text.chars().count();
        let c2b = char_to_byte(&doc.text);
        for g in &doc.gold {
            assert!(g.start <= g.end && g.end <= n, "TimeML gold {}..{} in a text of {n} chars", g.start, g.end);
            assert!(doc.text.get(c2b[g.start]..c2b[g.end]).is_some());
        }
    }
    let _ = brat::read_relations(text);
    let _ = fnc::stances_from(data);
    let _ = fnc::bodies_from(data);
    let _ = emergent::read_csv(data);
    let _ = ecbplus::read_sentences(text);
    let _ = ecbplus::parse_document("fuzz.xml", text);

    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    let _ = plover::records_of(&value);
    let cases: Vec<serde_json::Value> = match &value {
        serde_json::Value::Array(a) => a.clone(),
        v => vec![v.clone()],
    };
    let format = quantities::detect_format(&cases);
    let _ = quantities::convert(&cases, format);
    for c in &cases {
        let _ = recognizers::number_case(c);
        if let Ok(doc) = recognizers::datetime_case(c) {
            for g in &doc.gold {
                assert!(
                    g.start <= g.end && doc.text.get(g.start..g.end).is_some(),
                    "Recognizers gold {}..{} does not slice {:?}",
                    g.start,
                    g.end,
                    doc.text
                );
            }
        }
    }
});
