//! Arbitrary bytes as a JSON Lines feed, as `dossier ingest` reads one (plain or gzipped), and
//! as the JSON body of `POST /api/documents` (`FeedItem::parse` over the whole input).
//!
//! The first byte picks the mode: 0 plain; 1 the rest gzipped (one member); 2 the rest read
//! through the gzip decoder as it is. Checks: lines read with the cap are exactly the input's
//! lines (CR LF or LF, a final line without one) and never over the cap, long ones reported with
//! their true length; a line that becomes a document gives non-blank text within the size limit
//! (for `text` items), an id that is the content hash of the text, the line's source, and a
//! `bad_date` exactly when `published` was given and is not a date.
#![no_main]

use std::io::{BufReader, Read};

use dossier_core::{content_id, parse_published};
use dossier_ingest::input::{parse_feed_line, read_line_capped, FeedItem, Line};
use libfuzzer_sys::fuzz_target;

const MAX_BYTES: u64 = 1024;
const CAP: u64 = MAX_BYTES * 2 + 64;

fn expected_lines(data: &[u8]) -> Vec<&[u8]> {
    if data.is_empty() {
        return Vec::new();
    }
    let body = data.strip_suffix(b"\n").unwrap_or(data);
    body.split(|&b| b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l)).collect()
}

fn feed(reader: impl Read, plain: Option<&[u8]>) {
    let mut reader = BufReader::with_capacity(256, reader);
    let expected = plain.map(expected_lines);
    let mut n = 0usize;
    loop {
        let line = match read_line_capped(&mut reader, CAP) {
            Ok(Some(l)) => l,
            Ok(None) => break,
            Err(_) => break, // a broken .gz ends the file
        };
        let want = expected.as_ref().map(|e| {
            assert!(n < e.len(), "more lines read ({}) than the input has ({})", n + 1, e.len());
            e[n]
        });
        n += 1;
        match line {
            Line::TooLong(len) => {
                assert!(len > CAP, "a line of {len} bytes reported too long (cap {CAP})");
                if let Some(w) = want {
                    assert_eq!(len, w.len() as u64, "a long line's length is not its true length");
                }
            }
            Line::Full(bytes) => {
                assert!(bytes.len() as u64 <= CAP, "a line of {} bytes over the cap", bytes.len());
                assert!(!bytes.contains(&b'\n'), "a line holds a newline");
                if let Some(w) = want {
                    assert_eq!(bytes, w, "line {n} differs from the input's");
                }
                if bytes.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let item = FeedItem::parse(&bytes).ok();
                let source = format!("fuzz:{n}");
                if let Ok(fd) = parse_feed_line(bytes, source.clone(), MAX_BYTES) {
                    let doc = &fd.doc;
                    assert_eq!(doc.id, content_id(doc.text.as_bytes()), "the id is not the text's hash");
                    assert!(!doc.text.trim().is_empty(), "a blank document");
                    assert_eq!(doc.meta.source.as_deref(), Some(source.as_str()));
                    let item = item.expect("a line that made a document parses");
                    if item.text.is_some() {
                        assert!(doc.text.len() as u64 <= MAX_BYTES, "a {}-byte text over the limit", doc.text.len());
                        assert!(fd.raw_html.is_none());
                        let bad = item.published.as_deref().is_some_and(|p| parse_published(p).is_none());
                        assert_eq!(fd.bad_date.is_some(), bad, "bad_date {:?} for {:?}", fd.bad_date, item.published);
                    } else {
                        assert!(fd.raw_html.is_some(), "an html item keeps its page");
                    }
                }
            }
        }
    }
    if let Some(e) = expected {
        assert_eq!(n, e.len(), "fewer lines read than the input has");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    // The POST body path: the whole input as one item.
    let _ = FeedItem::parse(rest);
    match mode % 3 {
        0 => feed(rest, Some(rest)),
        1 => {
            let gz = dossier_web::gzip(rest);
            feed(flate2::read::MultiGzDecoder::new(&gz[..]), Some(rest));
        }
        _ => feed(flate2::read::MultiGzDecoder::new(rest), None),
    }
});
