//! Reading inputs: plain text files (or stdin), JSON Lines feeds and HTML pages, with the checks
//! every document goes through (size, emptiness, binary content, UTF-8).

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::Path;

use dossier_core::{parse_published, Document, Metadata};
use serde::Deserialize;

/// Why one input (a file or a feed line) could not be read as a document.
#[derive(Debug)]
pub enum InputError {
    Io(io::Error),
    TooLarge {
        size: u64,
        limit: u64,
    },
    /// A stream (stdin) that went past the limit; its full size is unknown.
    TooLargeStream {
        limit: u64,
    },
    Empty,
    Binary,
    InvalidUtf8 {
        offset: usize,
    },
    Json(serde_json::Error),
    /// Valid JSON, but not an object (an array, a string, a number…).
    NotAnObject(&'static str),
    MissingText,
    /// An `html` field that gave no document.
    Page(String),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io(e) => write!(f, "{e}"),
            InputError::TooLarge { size, limit } => {
                write!(f, "too large ({size} bytes > limit {limit})")
            }
            InputError::TooLargeStream { limit } => {
                write!(f, "too large (more than {limit} bytes)")
            }
            InputError::Empty => write!(f, "empty input"),
            InputError::Binary => write!(f, "binary file (contains NUL bytes)"),
            InputError::InvalidUtf8 { offset } => write!(f, "invalid UTF-8 at byte {offset}"),
            InputError::Json(e) => write!(f, "malformed JSON: {e}"),
            InputError::NotAnObject(found) => write!(f, "expected a JSON object, found {found}"),
            InputError::MissingText => write!(f, "no \"text\" or \"html\" field"),
            InputError::Page(why) => write!(f, "html: {why}"),
        }
    }
}

impl From<io::Error> for InputError {
    fn from(e: io::Error) -> Self {
        InputError::Io(e)
    }
}

/// Checks raw bytes and turns them into text. Input of whitespace and byte-order marks only
/// counts as empty.
pub fn check_text(bytes: Vec<u8>, limit: u64) -> Result<String, InputError> {
    let size = bytes.len() as u64;
    if size > limit {
        return Err(InputError::TooLarge { size, limit });
    }
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    if bytes.contains(&0) {
        return Err(InputError::Binary);
    }
    let text =
        String::from_utf8(bytes).map_err(|e| InputError::InvalidUtf8 { offset: e.utf8_error().valid_up_to() })?;
    if text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}').is_empty() {
        return Err(InputError::Empty);
    }
    Ok(text)
}

/// Reads a plain text file, refusing it by its size before reading anything.
pub fn read_text_file(path: &Path, limit: u64) -> Result<String, InputError> {
    let size = std::fs::metadata(path)?.len();
    if size > limit {
        return Err(InputError::TooLarge { size, limit });
    }
    read_capped(File::open(path)?, limit)
}

/// Reads at most `limit + 1` bytes, so that a file that grew (or stdin) cannot exhaust memory.
pub fn read_capped(reader: impl Read, limit: u64) -> Result<String, InputError> {
    let mut bytes = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        // Only a stream (or a file that grew) gets here; its full size is unknown.
        return Err(InputError::TooLargeStream { limit });
    }
    check_text(bytes, limit)
}

/// What kind of input a path holds, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Jsonl,
    JsonlGz,
    /// An HTML page, `.html`/`.htm`, optionally gzipped.
    Html,
    /// A WARC archive; `gz` when gzipped (per record or as a whole).
    Warc {
        gz: bool,
    },
}

impl Format {
    /// The format of a file met while walking a directory; `None` for files to skip.
    pub fn of_walked(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        if name.ends_with(".jsonl.gz") || name.ends_with(".ndjson.gz") {
            Some(Format::JsonlGz)
        } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            Some(Format::Jsonl)
        } else if name.ends_with(".txt") || name.ends_with(".text") {
            Some(Format::Text)
        } else if [".html", ".htm", ".html.gz", ".htm.gz"].iter().any(|e| name.ends_with(e)) {
            Some(Format::Html)
        } else if name.ends_with(".warc.gz") {
            Some(Format::Warc { gz: true })
        } else if name.ends_with(".warc") {
            Some(Format::Warc { gz: false })
        } else {
            None
        }
    }

    /// The format of a file named on the command line: JSON Lines by name, text otherwise.
    pub fn of_named(path: &Path) -> Format {
        Format::of_walked(path).unwrap_or(Format::Text)
    }
}

/// One item of a feed: a line of a JSON Lines file for `dossier ingest`, or the JSON body of
/// `POST /api/documents`. Either `text` or `html` (a page whose main text is extracted). Unknown
/// fields are ignored.
#[derive(Debug, Deserialize)]
pub struct FeedItem {
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub text: Option<String>,
    pub html: Option<String>,
}

/// A feed line turned into a document, with a note when its date could not be read.
pub struct FeedDoc {
    pub doc: Document,
    pub bad_date: Option<String>,
    /// The raw page, when the line held `html` rather than `text`.
    pub raw_html: Option<Vec<u8>>,
}

/// Parses one feed line (already known to be non-blank) into a document.
pub fn parse_feed_line(line: Vec<u8>, source: String, limit: u64) -> Result<FeedDoc, InputError> {
    let line = String::from_utf8(line).map_err(|e| InputError::InvalidUtf8 { offset: e.utf8_error().valid_up_to() })?;
    feed_document(FeedItem::parse(line.as_bytes())?, source, limit)
}

impl FeedItem {
    /// A feed item from its JSON. Anything but an object is refused by what it is: serde would
    /// read an array field by field and complain about the first field's type.
    pub fn parse(json: &[u8]) -> Result<FeedItem, InputError> {
        let found = match json.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') | None => None,
            Some(b'[') => Some("an array"),
            Some(b'"') => Some("a string"),
            Some(b't' | b'f') => Some("a boolean"),
            Some(b'n') => Some("null"),
            Some(b'-' | b'0'..=b'9') => Some("a number"),
            Some(_) => None,
        };
        match found {
            Some(what) if serde_json::from_slice::<serde::de::IgnoredAny>(json).is_ok() => {
                Err(InputError::NotAnObject(what))
            }
            _ => serde_json::from_slice(json).map_err(InputError::Json),
        }
    }
}

/// The document a feed item becomes; a `published` that is not a date is kept aside in
/// [`FeedDoc::bad_date`] for the caller to report or refuse.
pub fn feed_document(feed: FeedItem, source: String, limit: u64) -> Result<FeedDoc, InputError> {
    let published = feed.published.as_deref().and_then(parse_published);
    let bad_date = feed.published.filter(|_| published.is_none());
    let text = match (feed.text, feed.html) {
        (Some(text), _) => text,
        (None, Some(html)) => {
            // The page's own metadata, where the line does not give it.
            let limits = dossier_web::Limits { max_bytes: limit, ..dossier_web::Limits::default() };
            let page =
                dossier_web::read_page(html.as_bytes(), None, &limits).map_err(|e| InputError::Page(e.to_string()))?;
            let mut doc = page_document(page, source, feed.url.as_deref()).map_err(InputError::Page)?;
            if let Some(t) = feed.title {
                doc.meta.title = Some(t);
            }
            doc.meta.outlet = feed.outlet.or(doc.meta.outlet);
            doc.meta.author = feed.author.or(doc.meta.author);
            doc.meta.published = published.or(doc.meta.published);
            if let Some(u) = feed.url {
                doc.meta.url = Some(u);
            }
            return Ok(FeedDoc { doc, bad_date, raw_html: Some(html.into_bytes()) });
        }
        (None, None) => return Err(InputError::MissingText),
    };
    let text = check_text(text.into_bytes(), limit)?;
    let meta = Metadata {
        title: feed.title,
        url: feed.url,
        published,
        outlet: feed.outlet,
        author: feed.author,
        source: Some(source),
    };
    Ok(FeedDoc { doc: Document::new(text, meta), bad_date, raw_html: None })
}

/// The document a page becomes; an error when the page has no main text.
pub fn page_document(page: dossier_web::Page, source: String, fallback_url: Option<&str>) -> Result<Document, String> {
    let text = page.document_text();
    if page.text.trim().is_empty() || text.trim().is_empty() {
        return Err("no main text found in the page".into());
    }
    let meta = Metadata {
        published: page.published.as_deref().and_then(parse_published),
        title: page.title,
        url: page.url.or_else(|| fallback_url.map(str::to_string)),
        outlet: page.site,
        author: page.author,
        source: Some(source),
    };
    Ok(Document::new(text, meta))
}

/// A line read by [`read_line_capped`].
pub enum Line {
    /// The whole line, without its line ending.
    Full(Vec<u8>),
    /// The line was longer than the cap and was skipped; its length in bytes.
    TooLong(u64),
}

/// Reads one line of at most `cap` bytes into memory; longer lines are consumed and skipped,
/// never held. `Ok(None)` at the end of input.
pub fn read_line_capped(reader: &mut impl BufRead, cap: u64) -> io::Result<Option<Line>> {
    let mut buf = Vec::new();
    let mut len: u64 = 0;
    let mut last: Option<u8> = None;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        len += part.len() as u64;
        if let Some(&b) = part.last() {
            last = Some(b);
        }
        if len <= cap.saturating_add(1) {
            buf.extend_from_slice(part);
        }
        let used = done.unwrap_or(part.len());
        reader.consume(used);
        if done.is_some() {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    // A CR before the LF is not part of the line. Read it off the line's last byte, not the
    // buffer's: a long line's buffer stops at the cap (a fuzz finding: "…\r\n" past the cap
    // was reported one byte too long).
    if last == Some(b'\r') {
        if buf.len() as u64 == len {
            buf.pop();
        }
        len = len.saturating_sub(1);
    }
    if len > cap {
        return Ok(Some(Line::TooLong(len)));
    }
    Ok(Some(Line::Full(buf)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_in_order() {
        assert!(matches!(check_text(vec![], 10), Err(InputError::Empty)));
        assert!(matches!(check_text(b" \n".to_vec(), 10), Err(InputError::Empty)));
        assert!(matches!(check_text(b"\xef\xbb\xbf".to_vec(), 10), Err(InputError::Empty)));
        assert!(matches!(check_text(b"\xef\xbb\xbf \n\xef\xbb\xbf".to_vec(), 10), Err(InputError::Empty)));
        assert!(matches!(check_text(b"a\0b".to_vec(), 10), Err(InputError::Binary)));
        assert!(matches!(check_text(b"abc\xffd".to_vec(), 10), Err(InputError::InvalidUtf8 { offset: 3 })));
        assert!(matches!(check_text(b"abcdef".to_vec(), 3), Err(InputError::TooLarge { size: 6, limit: 3 })));
        assert_eq!(check_text("Zelensky’s".into(), 100).unwrap(), "Zelensky’s");
    }

    #[test]
    fn feed_items_are_objects() {
        let err = |json: &str| FeedItem::parse(json.as_bytes()).unwrap_err().to_string();
        assert_eq!(err(r#"["a", 1]"#), "expected a JSON object, found an array");
        assert_eq!(err(" 42"), "expected a JSON object, found a number");
        assert_eq!(err(r#""text""#), "expected a JSON object, found a string");
        // Broken JSON keeps serde's message, with its position.
        assert!(err("[1, ").starts_with("malformed JSON"), "{}", err("[1, "));
        assert_eq!(FeedItem::parse(br#"{"text": "x"}"#).unwrap().text.as_deref(), Some("x"));
    }

    #[test]
    fn capped_lines() {
        let mut r = io::BufReader::with_capacity(4, &b"ab\r\n0123456789\nlast"[..]);
        assert!(matches!(read_line_capped(&mut r, 5).unwrap(), Some(Line::Full(v)) if v == b"ab"));
        assert!(matches!(read_line_capped(&mut r, 5).unwrap(), Some(Line::TooLong(10))));
        assert!(matches!(read_line_capped(&mut r, 5).unwrap(), Some(Line::Full(v)) if v == b"last"));
        assert!(read_line_capped(&mut r, 5).unwrap().is_none());
    }

    #[test]
    fn a_long_crlf_line_is_reported_without_its_cr() {
        // Fuzz finding (jsonl target): past the cap the buffer stops, and the CR was counted.
        let mut r = io::BufReader::with_capacity(4, &b"0123456789\r\nab\r\n"[..]);
        assert!(matches!(read_line_capped(&mut r, 5).unwrap(), Some(Line::TooLong(10))));
        assert!(matches!(read_line_capped(&mut r, 5).unwrap(), Some(Line::Full(v)) if v == b"ab"));
        // A line of exactly the cap with its CR LF is whole.
        let mut r = io::BufReader::with_capacity(4, &b"01234\r\n"[..]);
        assert!(matches!(read_line_capped(&mut r, 5).unwrap(), Some(Line::Full(v)) if v == b"01234"));
    }

    #[test]
    fn feed_lines() {
        let d =
            parse_feed_line(br#"{"text":"Ryder said so.","published":"2024-10-30","x":1}"#.to_vec(), "f:1".into(), 100)
                .unwrap();
        assert_eq!(d.doc.meta.published.map(|d| d.to_string()).as_deref(), Some("2024-10-30"));
        assert!(matches!(
            parse_feed_line(br#"{"title":"x"}"#.to_vec(), "f:1".into(), 100),
            Err(InputError::MissingText)
        ));
        assert!(matches!(parse_feed_line(br#"{"text": "#.to_vec(), "f:1".into(), 100), Err(InputError::Json(_))));
    }
}
