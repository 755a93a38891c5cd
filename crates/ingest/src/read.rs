//! Reading one input file into documents, one at a time: a text file (with its sidecar), a JSON
//! Lines feed (plain or gzipped), an HTML page, a WARC archive. `dossier ingest` and the Python
//! package (and so its Spark job) read files through this one reader, so a file gives the same
//! documents, the same failures and the same names for them (`file`, `file:line`, `file@offset`)
//! whoever reads it.
//!
//! Nothing here is fatal but the sink's own error: an item that cannot be read is reported to
//! [`Sink::failed`] and reading goes on with the next.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use dossier_core::{Document, Metadata};
use dossier_web::warc::{Event, WarcReader};
use dossier_web::Limits;
use flate2::read::MultiGzDecoder;

use crate::input::{self, Format, Line};
use crate::metadata::{self, MetadataOptions};

/// Where what is read goes.
pub trait Sink {
    /// What stops the reading (the receiving side gone, a store that cannot be written).
    type Error;
    /// A document read; `raw` is the page it was extracted from, when it came from HTML.
    fn document(&mut self, doc: Document, raw: Option<&[u8]>) -> Result<(), Self::Error>;
    /// An item that could not be read (`what` names it: a file, `file:line`, `file@offset`).
    fn failed(&mut self, what: &str, why: &str);
    /// Something a verbose run tells: a record skipped, a date ignored, a charset guessed.
    fn noted(&mut self, msg: &str);
    /// One more input file opened, or feed line read (for the run's counts).
    fn counted(&mut self, _what: Counted) {}
}

/// What [`Sink::counted`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    File,
    Line,
}

/// Collects the files under `dir`, recursively, sorted by name within each directory (read them
/// with the format [`Format::of_walked`] gives; `None`: not an input). Symbolic links to
/// directories are not followed (they could loop).
pub fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let ft = entry.file_type()?;
        if ft.is_dir() {
            walk(&path, out)?;
        } else if ft.is_file() || (ft.is_symlink() && path.is_file()) {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads the file at `path`, of `format`, into `sink`. `max_bytes` is the largest document (and
/// page) read; `metadata` says where a text file's missing metadata is found.
pub fn read_file<S: Sink>(
    sink: &mut S,
    path: &Path,
    format: Format,
    max_bytes: u64,
    metadata: &MetadataOptions,
) -> Result<(), S::Error> {
    let name = path.display().to_string();
    sink.counted(Counted::File);
    match format {
        Format::Text => match input::read_text_file(path, max_bytes) {
            Ok(text) => {
                let mut meta = Metadata { source: Some(name.clone()), ..Metadata::default() };
                match metadata::fill_from_sidecar(&mut meta, path, metadata) {
                    Ok(()) => sink.document(Document::new(text, meta), None)?,
                    Err(why) => sink.failed(&name, &why),
                }
            }
            Err(e) => sink.failed(&name, &e.to_string()),
        },
        Format::Jsonl | Format::JsonlGz => match File::open(path) {
            Err(e) => sink.failed(&name, &e.to_string()),
            Ok(f) if format == Format::JsonlGz => {
                feed(sink, &name, &mut BufReader::new(MultiGzDecoder::new(f)), max_bytes)?
            }
            Ok(f) => feed(sink, &name, &mut BufReader::new(f), max_bytes)?,
        },
        Format::Html => html_file(sink, path, max_bytes)?,
        Format::Warc { gz } => warc_file(sink, path, gz, max_bytes)?,
    }
    Ok(())
}

/// Reads a JSON Lines feed line by line; each line is its own document or its own failure.
pub fn feed<S: Sink>(sink: &mut S, name: &str, reader: &mut impl BufRead, max_bytes: u64) -> Result<(), S::Error> {
    // A line holds the text JSON-escaped, which can take more bytes than the text itself.
    let cap = max_bytes.saturating_mul(2).saturating_add(64 * 1024);
    let mut lineno = 0u64;
    loop {
        lineno += 1;
        let at = format!("{name}:{lineno}");
        let line = match input::read_line_capped(reader, cap) {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(e) => {
                // A read error (a truncated or corrupt .gz) ends the file.
                sink.failed(&at, &format!("read error: {e}"));
                break;
            }
        };
        match line {
            Line::TooLong(n) => {
                sink.counted(Counted::Line);
                sink.failed(&at, &format!("line too large ({n} bytes > limit {cap})"));
            }
            Line::Full(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => {}
            Line::Full(bytes) => {
                sink.counted(Counted::Line);
                match input::parse_feed_line(bytes, at.clone(), max_bytes) {
                    Ok(fd) => {
                        if let Some(d) = fd.bad_date {
                            sink.noted(&format!("{at}: unreadable date {d:?} ignored"));
                        }
                        sink.document(fd.doc, fd.raw_html.as_deref())?;
                    }
                    Err(e) => sink.failed(&at, &e.to_string()),
                }
            }
        }
    }
    Ok(())
}

fn limits(max_bytes: u64) -> Limits {
    Limits { max_bytes, ..Limits::default() }
}

/// Reads one HTML page file (`.html`, `.htm`, optionally `.gz`).
fn html_file<S: Sink>(sink: &mut S, path: &Path, max_bytes: u64) -> Result<(), S::Error> {
    let name = path.display().to_string();
    let bytes = match dossier_web::read_file_bytes(path, max_bytes) {
        Ok(b) => b,
        Err(e) => {
            sink.failed(&name, &e.to_string());
            return Ok(());
        }
    };
    page(sink, &name, &bytes, None, None, max_bytes)
}

/// The document of one page's raw bytes, into `sink`; `at` names it.
fn page<S: Sink>(
    sink: &mut S,
    at: &str,
    bytes: &[u8],
    charset: Option<&str>,
    url: Option<&str>,
    max_bytes: u64,
) -> Result<(), S::Error> {
    match dossier_web::read_page(bytes, charset, &limits(max_bytes)) {
        Ok(page) => {
            if let Some(note) = &page.charset_note {
                sink.noted(&format!("{at}: {note}"));
            }
            match crate::page_document(page, at.to_string(), url) {
                Ok(doc) => sink.document(doc, Some(bytes))?,
                Err(why) => sink.failed(at, &why),
            }
        }
        Err(e) => sink.failed(at, &e.to_string()),
    }
    Ok(())
}

/// Reads the `response` records of a WARC file, one at a time; a bad record is reported as
/// `PATH@OFFSET` and reading goes on. Records of other types, responses that are not a
/// successful HTML page, are noted and skipped.
fn warc_file<S: Sink>(sink: &mut S, path: &Path, gz: bool, max_bytes: u64) -> Result<(), S::Error> {
    let name = path.display().to_string();
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
                } else if !resp.is_html() {
                    sink.noted(&format!("{at}: {} skipped", resp.media_type.as_deref().unwrap_or("untyped body")));
                } else {
                    page(sink, &at, &resp.body, resp.charset.as_deref(), rec.target_uri.as_deref(), max_bytes)?;
                }
            }
        }
    }
    Ok(())
}
