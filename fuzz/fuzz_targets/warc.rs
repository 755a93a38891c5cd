//! Arbitrary bytes as a WARC archive, plain or gzipped, then each `response` record's HTTP
//! response and page, as `dossier ingest` reads them.
//!
//! The first byte picks the mode: 0 plain; 1 the rest gzipped into one member (so that the
//! records inside are explored); 2 the rest read as `.warc.gz` as it is (broken gzip); 3 the
//! rest gzipped, then cut at a point the second byte picks. Checks: the reader ends (never more
//! events than bytes); a record's block is never over the limit; in a plain file the offsets
//! never go back and lie inside the file, and cutting the file anywhere gives the same events
//! up to the one the cut falls in (a cut record is an error or the last event, never a panic
//! or a different earlier record); gzipping a plain file gives the same events (offsets aside)
//! until the first broken record.
#![no_main]

use dossier_web::warc::{Event, WarcReader};
use dossier_web::{http, read_page, Limits};
use libfuzzer_sys::fuzz_target;

const MAX_RECORD: u64 = 64 * 1024;

#[derive(Debug, PartialEq)]
enum Seen {
    Response { offset: u64, block: Vec<u8>, uri: Option<String> },
    Skipped { offset: u64, kind: String },
    Error { offset: u64, why: String },
}

impl Seen {
    fn without_offset(&self) -> Seen {
        match self {
            Seen::Response { block, uri, .. } => Seen::Response { offset: 0, block: block.clone(), uri: uri.clone() },
            Seen::Skipped { kind, .. } => Seen::Skipped { offset: 0, kind: kind.clone() },
            Seen::Error { why, .. } => Seen::Error { offset: 0, why: why.clone() },
        }
    }
}

fn read(bytes: &[u8], gz: bool) -> Vec<Seen> {
    let mut out = Vec::new();
    for e in WarcReader::new(bytes, gz, MAX_RECORD) {
        assert!(out.len() <= bytes.len() + 1, "{} events from {} bytes: the reader does not end", out.len(), bytes.len());
        out.push(match e {
            Event::Response(r) => {
                assert!(r.block.len() as u64 <= MAX_RECORD, "a {}-byte block kept over the limit", r.block.len());
                assert!(r.version.starts_with("WARC/"));
                Seen::Response { offset: r.offset, block: r.block, uri: r.target_uri }
            }
            Event::Skipped { offset, kind } => Seen::Skipped { offset, kind },
            Event::Error { offset, why } => Seen::Error { offset, why },
        });
    }
    out
}

fn offset(s: &Seen) -> u64 {
    match s {
        Seen::Response { offset, .. } | Seen::Skipped { offset, .. } | Seen::Error { offset, .. } => *offset,
    }
}

/// The pages inside, as `dossier ingest` reads a WARC.
fn pages(events: &[Seen]) {
    let limits = Limits { max_bytes: MAX_RECORD, max_depth: 512 };
    for e in events {
        if let Seen::Response { block, .. } = e {
            if let Ok(resp) = http::parse_response(block, MAX_RECORD) {
                assert!(resp.body.len() as u64 <= MAX_RECORD, "an HTTP body of {} bytes over the limit", resp.body.len());
                if resp.is_html() {
                    let _ = read_page(&resp.body, resp.charset.as_deref(), &limits);
                }
            }
        }
    }
}

fn check_plain(data: &[u8], cut_at: usize) {
    let full = read(data, false);
    let mut last = 0;
    for e in &full {
        let o = offset(e);
        assert!(o >= last, "offsets go back: {o} after {last}");
        assert!(o <= data.len() as u64, "offset {o} past the end ({})", data.len());
        last = o;
    }
    // Cut the file: every event but the last one of the cut file is the full file's.
    let cut = cut_at % (data.len() + 1);
    let part = read(&data[..cut], false);
    if let Some((_, before)) = part.split_last() {
        assert_eq!(before, &full[..before.len()], "cutting the file at {cut} changed an earlier event");
    }
    pages(&full);
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    match mode % 4 {
        0 => check_plain(rest, rest.first().map_or(0, |&b| b as usize * 7)),
        1 => {
            let gz = dossier_web::gzip(rest);
            let zipped = read(&gz, true);
            let plain = read(rest, false);
            // One member: it stops at the first broken record; until then, the same events.
            let z: Vec<Seen> = zipped.iter().map(Seen::without_offset).collect();
            let p: Vec<Seen> = plain.iter().take(z.len()).map(Seen::without_offset).collect();
            let n = z.len().saturating_sub(1);
            assert_eq!(z[..n], p[..n.min(p.len())], "gzipped and plain readings differ");
            pages(&zipped);
        }
        2 => {
            let events = read(rest, true);
            pages(&events);
        }
        _ => {
            let Some((&cut, rest)) = rest.split_first() else { return };
            let gz = dossier_web::gzip(rest);
            let cut = (cut as usize * gz.len()) / 256;
            let events = read(&gz[..cut], true);
            pages(&events);
        }
    }
});
