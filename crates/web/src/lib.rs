//! Dossier's web reader: the article inside an HTML page, and the pages inside WARC archives.
//!
//! - [`read_page`] decodes a page (charset from the BOM, the HTTP header or `<meta>`), parses it
//!   with html5ever (through `scraper`), finds the main text with Dossier's own scoring of block
//!   elements and reads the metadata (title, author, date, outlet, canonical URL, language).
//! - [`warc::WarcReader`] streams the `response` records of a WARC 1.0/1.1 archive, plain or
//!   gzipped record by record (Common Crawl style), with the byte offset of every record.
//! - [`page_parts`] and [`url_date`] serve the extraction benchmark (scored in `dossier-eval`).
//!
//! ```
//! let page = dossier_web::read_page(
//!     b"<html lang=en><head><title>Rain returns | The Daily</title></head><body><article>\
//!       <h1>Rain returns</h1><p>The rain came back on Monday, after a dry month, forecasters said.</p>\
//!       </article></body></html>",
//!     None,
//!     &dossier_web::Limits::default(),
//! )?;
//! assert_eq!(page.title.as_deref(), Some("Rain returns"));
//! assert!(page.text.starts_with("The rain came back"));
//! # Ok::<(), dossier_web::WebError>(())
//! ```

mod charset;
mod dom;
mod extract;
pub mod http;
mod meta;
pub mod warc;

use std::io::Read;

pub use charset::{decode, Decoded};
pub use extract::main_text;
pub use meta::{url_date, Meta};

/// Everything that can go wrong when reading a page or an archive.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebError {
    #[error("empty page (0 bytes)")]
    Empty,
    #[error("page too large ({size} bytes > limit {limit})")]
    TooLarge { size: u64, limit: u64 },
    #[error("page too large (more than {limit} bytes)")]
    TooLargeStream { limit: u64 },
    #[error("no text found in the page")]
    NoText,
    #[error("gzip: {0}")]
    Gzip(std::io::Error),
    /// Transparent: the I/O error is the message, not also its cause (printed twice otherwise).
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("unparseable HTTP header: {0}")]
    Http(String),
    #[error("WARC: {0}")]
    Warc(String),
}

pub type Result<T> = std::result::Result<T, WebError>;

/// Bounds on what one page may cost.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest page (raw bytes, after gunzip) that is read; larger ones are refused.
    pub max_bytes: u64,
    /// Elements nested deeper than this are flattened before parsing (browsers do the same):
    /// html5ever's tree builder is quadratic in the depth of the open-element stack.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_bytes: 16 * 1024 * 1024, max_depth: 512 }
    }
}

/// A page read: its metadata, its main text and how it was decoded.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Page {
    pub title: Option<String>,
    pub author: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The outlet (site name or publisher).
    pub site: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    pub language: Option<String>,
    /// The main text: one paragraph (or heading, or list item) a line.
    pub text: String,
    /// The encoding the page was read with.
    #[serde(skip)]
    pub charset: &'static str,
    /// Set when the declared charset was unknown or wrong and another was used.
    #[serde(skip)]
    pub charset_note: Option<String>,
}

impl Page {
    /// The text a document is made of: the title on the first line, then the paragraphs.
    pub fn document_text(&self) -> String {
        match self.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) if !self.text.starts_with(t) => format!("{t}\n{}", self.text),
            _ => self.text.clone(),
        }
    }
}

/// Reads one page from its raw bytes. `http_charset` is the `charset` of an HTTP
/// `Content-Type` header, when the page came with one.
pub fn read_page(bytes: &[u8], http_charset: Option<&str>, limits: &Limits) -> Result<Page> {
    if bytes.is_empty() {
        return Err(WebError::Empty);
    }
    if bytes.len() as u64 > limits.max_bytes {
        return Err(WebError::TooLarge { size: bytes.len() as u64, limit: limits.max_bytes });
    }
    let decoded = charset::decode(bytes, http_charset);
    if decoded.text.trim().is_empty() {
        return Err(WebError::Empty);
    }
    let html = dom::flatten_deep(&decoded.text, limits.max_depth);
    let doc = scraper::Html::parse_document(&html);
    let meta = meta::read(&doc);
    let text = extract::main_text(&doc, meta.title.as_deref());
    Ok(Page {
        title: meta.title,
        author: meta.author,
        published: meta.published,
        site: meta.site,
        url: meta.url,
        language: meta.language,
        text,
        charset: decoded.encoding.name(),
        charset_note: decoded.note,
    })
}

/// The metadata and main text of a page's raw bytes, decoded and parsed as [`read_page`] does
/// but without its checks (an empty page gives empty fields): what the extraction benchmark
/// scores.
pub fn page_parts(bytes: &[u8], limits: &Limits) -> (Meta, String) {
    let text = charset::decode(bytes, None).text;
    let doc = scraper::Html::parse_document(&dom::flatten_deep(&text, limits.max_depth));
    let meta = meta::read(&doc);
    let body = extract::main_text(&doc, meta.title.as_deref());
    (meta, body)
}

/// Reads a page file (`.html`, `.htm`, or gzipped `.gz`), refusing it by its size first.
pub fn read_page_file(path: &std::path::Path, limits: &Limits) -> Result<Page> {
    let bytes = read_file_bytes(path, limits.max_bytes)?;
    read_page(&bytes, None, limits)
}

/// The bytes of a file, gunzipped when its name ends in `.gz`; at most `limit` bytes.
pub fn read_file_bytes(path: &std::path::Path, limit: u64) -> Result<Vec<u8>> {
    let gz = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let file = std::fs::File::open(path)?;
    if !gz {
        let size = file.metadata()?.len();
        if size > limit {
            return Err(WebError::TooLarge { size, limit });
        }
        return read_capped(file, limit, false);
    }
    read_capped(flate2::read::MultiGzDecoder::new(std::io::BufReader::new(file)), limit, true)
}

/// Reads at most `limit` bytes; more is an error, and so is a broken gzip stream.
pub fn read_capped(reader: impl Read, limit: u64, gz: bool) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| {
        if gz {
            WebError::Gzip(e)
        } else {
            WebError::Io(e)
        }
    })?;
    if bytes.len() as u64 > limit {
        return Err(WebError::TooLargeStream { limit });
    }
    if bytes.is_empty() {
        return Err(WebError::Empty);
    }
    Ok(bytes)
}

/// Gzips bytes (for keeping raw pages compressed).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}
