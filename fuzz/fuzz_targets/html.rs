//! Arbitrary bytes as a web page: charset detection, parsing, main text and metadata.
//!
//! The first byte picks the HTTP `charset` the page comes with (none, a real one, a bogus one);
//! the rest is the page. Checks: `decode` gives text for any bytes; `read_page` either refuses
//! the page or gives a main text of non-empty, trimmed lines, and the same main text as
//! `page_parts` (the benchmark's path) when no HTTP charset was given; a published date is
//! `YYYY-MM-DD`; the document a page becomes holds the main text, and its title line when one
//! is added; `url_date` of the canonical URL is a date too.
#![no_main]

use dossier_web::{decode, page_parts, read_page, url_date, Limits};
use libfuzzer_sys::fuzz_target;

const CHARSETS: [Option<&str>; 8] =
    [None, Some("utf-8"), Some("windows-1252"), Some("shift_jis"), Some("utf-16le"), Some("iso-2022-jp"), Some("x-bogus"), Some("")];

fn is_date(s: &str) -> bool {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() && s.len() == 10
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, page)) = data.split_first() else { return };
    let charset = CHARSETS[sel as usize % CHARSETS.len()];
    let limits = Limits { max_bytes: 1 << 20, max_depth: 512 };

    let decoded = decode(page, charset);
    // A String is valid UTF-8 by construction; make sure it is walked.
    let _ = decoded.text.chars().count();

    let Ok(p) = read_page(page, charset, &limits) else { return };
    for (i, line) in p.text.split('\n').enumerate() {
        if p.text.is_empty() {
            break;
        }
        assert!(!line.is_empty(), "main text line {i} is empty: {:?}", p.text);
        assert_eq!(line, line.trim(), "main text line {i} is not trimmed");
    }
    if charset.is_none() {
        let (meta, body) = page_parts(page, &limits);
        assert_eq!(body, p.text, "page_parts and read_page disagree on the main text");
        assert_eq!(meta.title, p.title, "page_parts and read_page disagree on the title");
    }
    if let Some(d) = &p.published {
        assert!(is_date(d), "published {d:?} is not YYYY-MM-DD");
    }
    if let Some(u) = &p.url {
        if let Some(d) = url_date(u) {
            assert!(is_date(&d), "url_date({u:?}) = {d:?} is not YYYY-MM-DD");
        }
    }
    let text = p.text.clone();
    let whole = p.document_text();
    assert!(whole.ends_with(&text), "the document text does not end with the main text");
    if let Ok(doc) = dossier_ingest::input::page_document(p, "fuzz".into(), None) {
        assert_eq!(doc.text, whole);
        assert!(!doc.text.trim().is_empty());
    }
});
