//! Web inputs for `dossier ingest`: HTML pages (plain or gzipped) and WARC archives, read with
//! dossier-web. A page becomes a document whose text is the extracted main text (the title on the
//! first line, then the paragraphs); its raw HTML is kept gzipped in the store for provenance.

use std::collections::HashMap;
use std::fs::File;
use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::Result;
use dossier_core::Document;
use dossier_store::RawHtml;
use dossier_web::warc::{Event, WarcReader};
use dossier_web::Limits;

/// Raw pages waiting for their documents to be stored, by document id. The reader adds; the
/// writer takes them when it commits the batch holding the document (so at most a few batches).
pub type RawPending = Arc<Mutex<HashMap<String, RawHtml>>>;

/// Takes the raw pages of the given documents out of the pending set.
pub fn take_raw<'a>(raw: &RawPending, ids: impl Iterator<Item = &'a str>) -> Vec<(String, RawHtml)> {
    let Ok(mut map) = raw.lock() else { return Vec::new() };
    ids.filter_map(|id| map.remove(id).map(|r| (id.to_string(), r))).collect()
}

/// Adds a raw page to the pending set.
pub fn keep_raw(raw: &RawPending, id: &str, html: &[u8]) {
    if let Ok(mut map) = raw.lock() {
        map.entry(id.to_string())
            .or_insert_with(|| RawHtml { gzip: dossier_web::gzip(html), bytes: html.len() as u64 });
    }
}

/// Where the pages read go: the ingest run.
pub trait PageSink {
    /// A document read from a page, with the page's raw bytes.
    fn page(&mut self, doc: Document, raw: &[u8]) -> Result<()>;
    fn failed(&mut self, what: &str, why: &str);
    fn noted(&self, msg: &str);
    fn file_read(&mut self);
}

pub use dossier_ingest::page_document;

fn limits(max_bytes: u64) -> Limits {
    Limits { max_bytes, ..Limits::default() }
}

/// Reads one HTML page file (`.html`, `.htm`, optionally `.gz`).
pub fn html_file(sink: &mut impl PageSink, path: &Path, max_bytes: u64) -> Result<()> {
    let name = path.display().to_string();
    sink.file_read();
    let bytes = match dossier_web::read_file_bytes(path, max_bytes) {
        Ok(b) => b,
        Err(e) => {
            sink.failed(&name, &e.to_string());
            return Ok(());
        }
    };
    match dossier_web::read_page(&bytes, None, &limits(max_bytes)) {
        Ok(page) => {
            if let Some(note) = &page.charset_note {
                sink.noted(&format!("{name}: {note}"));
            }
            match page_document(page, name.clone(), None) {
                Ok(doc) => sink.page(doc, &bytes)?,
                Err(why) => sink.failed(&name, &why),
            }
        }
        Err(e) => sink.failed(&name, &e.to_string()),
    }
    Ok(())
}

/// Reads the `response` records of a WARC file, one at a time; a bad record is reported as
/// `PATH@OFFSET` and reading goes on.
pub fn warc_file(sink: &mut impl PageSink, path: &Path, gz: bool, max_bytes: u64) -> Result<()> {
    let name = path.display().to_string();
    sink.file_read();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            sink.failed(&name, &e.to_string());
            return Ok(());
        }
    };
    // Room for the HTTP header around a page of the largest size.
    let max_record = max_bytes.saturating_add(256 * 1024);
    for event in WarcReader::new(file, gz, max_record) {
        match event {
            Event::Skipped { offset, kind } => sink.noted(&format!("{name}@{offset}: {kind} record skipped")),
            Event::Error { offset, why } => sink.failed(&format!("{name}@{offset}"), &why),
            Event::Response(rec) => {
                let at = format!("{name}@{}", rec.offset);
                let resp = match dossier_web::http::parse_response(&rec.block, max_bytes) {
                    Ok(r) => r,
                    Err(why) => {
                        sink.failed(&at, &format!("unparseable HTTP header: {why}"));
                        continue;
                    }
                };
                if !(200..300).contains(&resp.status) {
                    sink.noted(&format!("{at}: HTTP status {} skipped", resp.status));
                    continue;
                }
                if !resp.is_html() {
                    sink.noted(&format!("{at}: {} skipped", resp.media_type.as_deref().unwrap_or("untyped body")));
                    continue;
                }
                match dossier_web::read_page(&resp.body, resp.charset.as_deref(), &limits(max_bytes)) {
                    Ok(page) => {
                        if let Some(note) = &page.charset_note {
                            sink.noted(&format!("{at}: {note}"));
                        }
                        match page_document(page, at.clone(), rec.target_uri.as_deref()) {
                            Ok(doc) => sink.page(doc, &resp.body)?,
                            Err(why) => sink.failed(&at, &why),
                        }
                    }
                    Err(e) => sink.failed(&at, &e.to_string()),
                }
            }
        }
    }
    Ok(())
}
