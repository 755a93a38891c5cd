//! `dossier` for Python: the same analysis, page reading and store as the CLI, as Python values.
//!
//! Everything crosses the boundary as the JSON the CLI prints (`serde_json`, then Python's own
//! `json.loads`), so a notebook sees exactly the contract `dossier analyze --json` documents and
//! `analyze_json` is byte for byte the CLI's output. The analysis runs with the GIL released:
//! Python threads (a `ThreadPoolExecutor`, a Spark task's threads) analyse in parallel.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Mutex, OnceLock};

use chrono::NaiveDate;
use dossier_core::{AnalysisJson, Document, Metadata};
use dossier_extract::Lexicons;
use dossier_ingest::input::Format;
use dossier_ingest::metadata::MetadataOptions;
use dossier_ingest::read;
use dossier_store::{ClaimFilter, EventFilter, Inserted, QuantityFilter, StatementFilter};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

/// The lexicons and models, loaded on first use and shared by every call and thread (loading
/// the tagger takes a fraction of a second; doing it per article would dominate).
fn lexicons() -> PyResult<&'static Lexicons> {
    static LEXICONS: OnceLock<Result<Lexicons, String>> = OnceLock::new();
    LEXICONS
        .get_or_init(|| Lexicons::builtin().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| PyRuntimeError::new_err(format!("the built-in lexicons could not be loaded: {e}")))
}

/// Turns a value the CLI would print as JSON into Python dicts and lists.
fn to_python<'py>(py: Python<'py>, value: &impl serde::Serialize) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_string(value).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    loads(py, &json)
}

fn loads<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (json,))
}

fn parse_date(published: Option<&str>) -> PyResult<Option<NaiveDate>> {
    published
        .map(|d| {
            d.parse::<NaiveDate>()
                .map_err(|e| PyValueError::new_err(format!("published must be a date YYYY-MM-DD, not {d:?}: {e}")))
        })
        .transpose()
}

/// A document's metadata as Python passes it (each optional).
#[derive(Default)]
struct Meta {
    published: Option<String>,
    title: Option<String>,
    url: Option<String>,
    source: Option<String>,
    outlet: Option<String>,
    author: Option<String>,
}

/// The document `dossier analyze` would make of a file with this text and these options.
fn document(text: String, m: Meta) -> PyResult<Document> {
    let meta = Metadata {
        published: parse_date(m.published.as_deref())?,
        title: m.title,
        url: m.url,
        source: m.source,
        outlet: m.outlet,
        author: m.author,
    };
    Ok(Document::new(text, meta))
}

/// Text from `str` or from `bytes` that must be UTF-8 (a clear error, never a silent repair:
/// the CLI refuses such a file too).
fn text_of(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(s.to_str()?.to_owned());
    }
    if let Ok(b) = value.cast::<PyBytes>() {
        return String::from_utf8(b.as_bytes().to_vec()).map_err(|e| {
            PyValueError::new_err(format!(
                "the text is not valid UTF-8 (byte {}): decode it first",
                e.utf8_error().valid_up_to()
            ))
        });
    }
    Err(PyValueError::new_err("expected str or bytes"))
}

fn analysis_json(py: Python<'_>, doc: &Document) -> PyResult<String> {
    let lex = lexicons()?;
    py.detach(|| {
        let analysis = dossier_extract::analyze(doc, lex);
        serde_json::to_string_pretty(&AnalysisJson::new(doc, &analysis)).map(|s| s + "\n")
    })
    .map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

/// analyze(text, published=None, title=None, url=None, source=None, outlet=None, author=None) -> dict
///
/// The analysis of one article: the JSON contract of `dossier analyze --json` as Python values
/// (statements, entities, quantities, times, events …, each with byte offsets into `text`).
#[pyfunction]
#[pyo3(signature = (text, published=None, title=None, url=None, source=None, outlet=None, author=None))]
#[allow(clippy::too_many_arguments)]
fn analyze<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    published: Option<String>,
    title: Option<String>,
    url: Option<String>,
    source: Option<String>,
    outlet: Option<String>,
    author: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let json = analyze_json(py, text, published, title, url, source, outlet, author)?;
    loads(py, &json)
}

/// analyze_json(text, published=None, title=None, url=None, source=None, outlet=None, author=None) -> str
///
/// Exactly what `dossier analyze --json` prints for a file holding `text` (pass the file's path
/// as `source` for the same `source` field).
#[pyfunction]
#[pyo3(signature = (text, published=None, title=None, url=None, source=None, outlet=None, author=None))]
#[allow(clippy::too_many_arguments)]
fn analyze_json(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    published: Option<String>,
    title: Option<String>,
    url: Option<String>,
    source: Option<String>,
    outlet: Option<String>,
    author: Option<String>,
) -> PyResult<String> {
    let doc = document(text_of(text)?, Meta { published, title, url, source, outlet, author })?;
    analysis_json(py, &doc)
}

fn read_page(py: Python<'_>, html: &Bound<'_, PyAny>, charset: Option<&str>) -> PyResult<dossier_web::Page> {
    let bytes: Vec<u8> = if let Ok(s) = html.cast::<PyString>() {
        s.to_str()?.as_bytes().to_vec()
    } else if let Ok(b) = html.cast::<PyBytes>() {
        b.as_bytes().to_vec()
    } else {
        return Err(PyValueError::new_err("expected the page as str or bytes"));
    };
    // A str is already decoded: its bytes are UTF-8 whatever the page's <meta charset> says.
    let charset = if html.is_instance_of::<PyString>() { Some("utf-8") } else { charset };
    py.detach(|| dossier_web::read_page(&bytes, charset, &dossier_web::Limits::default()))
        .map_err(|e| PyValueError::new_err(format!("the page could not be read: {e}")))
}

/// extract(html, charset=None) -> dict
///
/// A page's main text and metadata, as `dossier extract --json` prints them. `html` is the raw
/// page (`bytes`, decoded by its declared charset or `charset`, the HTTP header's) or a `str`.
#[pyfunction]
#[pyo3(signature = (html, charset=None))]
fn extract<'py>(py: Python<'py>, html: &Bound<'py, PyAny>, charset: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
    let page = read_page(py, html, charset)?;
    to_python(py, &page)
}

/// analyze_page(html, url=None, charset=None, source=None) -> dict
///
/// A page read as `extract` reads it, then analysed as `dossier ingest` analyses a page: the
/// title as the first line, the page's date, outlet and author as the document's.
#[pyfunction]
#[pyo3(signature = (html, url=None, charset=None, source=None))]
fn analyze_page<'py>(
    py: Python<'py>,
    html: &Bound<'py, PyAny>,
    url: Option<&str>,
    charset: Option<&str>,
    source: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let page = read_page(py, html, charset)?;
    let source = source.or_else(|| url.map(str::to_string)).unwrap_or_else(|| "<python>".to_string());
    let doc = dossier_ingest::page_document(page, source, url).map_err(PyValueError::new_err)?;
    loads(py, &analysis_json(py, &doc)?)
}

/// What a [`Reader`] hands on.
enum Item {
    Document(Document),
    Failed { at: String, why: String },
    Note(String),
}

/// The reading thread's end of a [`Reader`]: everything read goes down a bounded channel.
struct ChannelSink {
    tx: SyncSender<Item>,
    notes: bool,
}

/// The Python side stopped reading (the `Reader` was dropped).
struct Gone;

impl read::Sink for ChannelSink {
    type Error = Gone;
    fn document(&mut self, doc: Document, _raw: Option<&[u8]>) -> Result<(), Gone> {
        self.tx.send(Item::Document(doc)).map_err(|_| Gone)
    }
    fn failed(&mut self, what: &str, why: &str) {
        let _ = self.tx.send(Item::Failed { at: what.to_string(), why: why.to_string() });
    }
    fn noted(&mut self, msg: &str) {
        if self.notes {
            let _ = self.tx.send(Item::Note(msg.to_string()));
        }
    }
}

/// Documents read ahead of the Python side: enough to keep it busy, few enough to bound memory
/// (a WARC file of Common Crawl News holds tens of thousands).
const READ_AHEAD: usize = 16;

/// read(path, max_bytes=16 MiB, sidecar=False, notes=False) — iterate over what one input file
/// holds, read exactly as `dossier ingest` reads it: a text file, a JSON Lines feed (`.jsonl`,
/// `.ndjson`, `.gz` of them), an HTML page, a WARC archive (`.warc`, `.warc.gz`, Common Crawl's
/// layout). Each item is a dict with `kind`:
///
/// - `"document"`: `text`, `source` (`file`, `file:line` or `file@offset`), `title`, `url`,
///   `published`, `outlet`, `author` (each may be None) — pass them to `analyze(**fields)`;
/// - `"failed"`: `at` and `error`: one item that could not be read (the rest are still read);
/// - `"note"` (only with `notes=True`): `message`, e.g. a WARC record that is no HTML page.
///
/// The file is read on a thread of its own, streaming: only a few documents are held at once.
#[pyclass(module = "dossier")]
struct Reader {
    items: Mutex<Receiver<Item>>,
}

#[pymethods]
impl Reader {
    #[new]
    #[pyo3(signature = (path, max_bytes=16 * 1024 * 1024, sidecar=false, notes=false))]
    fn new(path: PathBuf, max_bytes: u64, sidecar: bool, notes: bool) -> Reader {
        let (tx, rx) = mpsc::sync_channel(READ_AHEAD);
        std::thread::spawn(move || {
            let options = MetadataOptions { sidecar, ..MetadataOptions::default() };
            let mut sink = ChannelSink { tx, notes };
            // Err(Gone): nobody is reading any more, which ends the thread.
            let _ = read::read_file(&mut sink, &path, Format::of_named(&path), max_bytes, &options);
        });
        Reader { items: Mutex::new(rx) }
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let item = py.detach(|| self.items.lock().ok().and_then(|rx| rx.recv().ok()));
        let value = match item {
            None => return Ok(None),
            Some(Item::Document(doc)) => {
                let m = doc.meta;
                serde_json::json!({
                    "kind": "document", "text": doc.text, "source": m.source, "title": m.title, "url": m.url,
                    "published": m.published.map(|d| d.to_string()), "outlet": m.outlet, "author": m.author,
                })
            }
            Some(Item::Failed { at, why }) => serde_json::json!({"kind": "failed", "at": at, "error": why}),
            Some(Item::Note(message)) => serde_json::json!({"kind": "note", "message": message}),
        };
        to_python(py, &value).map(Some)
    }
}

/// readable(path) -> bool: whether `dossier ingest` reads this file when it walks a directory
/// (by its name: .txt, .text, .jsonl, .ndjson, .html, .htm, .warc, and .gz of them).
#[pyfunction]
fn readable(path: PathBuf) -> bool {
    Format::of_walked(Path::new(&path)).is_some()
}

/// A document from what Python passes to `Store.add_many`: a text (`str` or UTF-8 `bytes`), or a
/// dict with `text` and any of the metadata `analyze` takes (as `read` yields them).
fn document_of(item: &Bound<'_, PyAny>) -> PyResult<Document> {
    let Ok(d) = item.cast::<PyDict>() else {
        return document(text_of(item)?, Meta::default());
    };
    let field = |k: &str| -> PyResult<Option<String>> {
        match d.get_item(k)? {
            Some(v) if !v.is_none() => Ok(Some(v.extract()?)),
            _ => Ok(None),
        }
    };
    let text = d.get_item("text")?.ok_or_else(|| PyValueError::new_err("a document dict needs \"text\""))?;
    let meta = Meta {
        published: field("published")?,
        title: field("title")?,
        url: field("url")?,
        source: field("source")?,
        outlet: field("outlet")?,
        author: field("author")?,
    };
    document(text_of(&text)?, meta)
}

/// A document analysed, or given up with the reason.
type Outcome = Result<(Document, AnalysisJson), (Document, String)>;

/// Documents analysed on `threads` threads, in input order; one that takes longer than
/// `dossier ingest`'s per-document budget comes back as the reason.
fn analyse_all(docs: Vec<Document>, lex: &Lexicons, threads: usize) -> Vec<Outcome> {
    let budget = dossier_ingest::DEFAULT_DOC_BUDGET;
    let slots: Vec<Mutex<Option<Document>>> = docs.into_iter().map(|d| Mutex::new(Some(d))).collect();
    let done: Vec<Mutex<Option<Outcome>>> = slots.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads.clamp(1, slots.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(slot) = slots.get(i) else { break };
                let Some(doc) = slot.lock().ok().and_then(|mut d| d.take()) else { continue };
                let out = dossier_ingest::analyze_within(doc, lex, budget).map_err(|(d, over)| (d, over.to_string()));
                if let Ok(mut cell) = done[i].lock() {
                    *cell = Some(out);
                }
            });
        }
    });
    done.into_iter().filter_map(|c| c.into_inner().ok().flatten()).collect()
}

fn default_threads(threads: Option<usize>) -> usize {
    threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

fn inserted_name(inserted: Inserted) -> &'static str {
    match inserted {
        Inserted::New => "new",
        Inserted::Duplicate => "duplicate",
        Inserted::Refreshed => "refreshed",
    }
}

/// Documents stored in one transaction a batch: enough to spread the commit, few enough that a
/// batch's analyses stay small in memory.
const BATCH: usize = 256;

/// Analyses and stores `docs` a batch at a time: for each, its id and what became of it, or
/// why it was given up.
fn store_all(
    store: &mut dossier_store::Store,
    lex: &Lexicons,
    docs: Vec<Document>,
    threads: usize,
) -> dossier_store::Result<Vec<serde_json::Value>> {
    let mut out = Vec::with_capacity(docs.len());
    let mut docs = docs.into_iter().peekable();
    while docs.peek().is_some() {
        let batch: Vec<Document> = docs.by_ref().take(BATCH).collect();
        let mut analysed = Vec::with_capacity(batch.len());
        let mut results = Vec::with_capacity(batch.len());
        for r in analyse_all(batch, lex, threads) {
            match r {
                Ok(a) => {
                    results.push(None);
                    analysed.push(a);
                }
                Err((doc, why)) => results.push(Some(serde_json::json!({
                    "id": doc.id, "at": doc.meta.source, "error": why,
                }))),
            }
        }
        let mut stored = dossier_ingest::store_analysed(store, &analysed)?.into_iter();
        for r in results {
            out.push(r.unwrap_or_else(|| {
                let s = stored.next().expect("one stored result per analysed document");
                serde_json::json!({"id": s.id, "inserted": inserted_name(s.inserted), "statements": s.statements})
            }));
        }
    }
    Ok(out)
}

/// What `Store.ingest` reads: documents (with their raw pages) and failures.
#[derive(Default)]
struct Collected {
    docs: Vec<Document>,
    raw: Vec<(String, dossier_store::RawHtml)>,
    failed: Vec<serde_json::Value>,
    files: u64,
}

impl read::Sink for Collected {
    type Error = std::convert::Infallible;
    fn document(&mut self, doc: Document, raw: Option<&[u8]>) -> Result<(), Self::Error> {
        if let Some(raw) = raw {
            self.raw.push((
                doc.id.clone(),
                dossier_store::RawHtml { gzip: dossier_web::gzip(raw), bytes: raw.len() as u64 },
            ));
        }
        self.docs.push(doc);
        Ok(())
    }
    fn failed(&mut self, what: &str, why: &str) {
        self.failed.push(serde_json::json!({"at": what, "error": why}));
    }
    fn noted(&mut self, _msg: &str) {}
    fn counted(&mut self, what: read::Counted) {
        if what == read::Counted::File {
            self.files += 1;
        }
    }
}

fn store_error(e: impl std::fmt::Display) -> PyErr {
    PyRuntimeError::new_err(format!("store: {e}"))
}

/// Store(path) — a Dossier store: the SQLite file `dossier ingest --db` writes and `dossier
/// serve` reads (created if missing). Readers and one writer may share it across processes.
#[pyclass(module = "dossier")]
struct Store {
    /// A SQLite connection is used by one thread at a time; the lock also lets Python threads
    /// share one `Store` safely.
    inner: Mutex<dossier_store::Store>,
    path: PathBuf,
}

impl Store {
    /// A store call's answer as Python values.
    fn answer<'py, T: serde::Serialize + Send>(
        &self,
        py: Python<'py>,
        f: impl FnOnce(&mut dossier_store::Store) -> dossier_store::Result<T> + Send,
    ) -> PyResult<Bound<'py, PyAny>> {
        let value = self.with(py, f)?;
        to_python(py, &value)
    }

    fn with<T>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut dossier_store::Store) -> dossier_store::Result<T> + Send,
    ) -> PyResult<T>
    where
        T: Send,
    {
        py.detach(|| {
            let mut store = self.inner.lock().map_err(|_| store_error("an earlier call panicked"))?;
            f(&mut store).map_err(store_error)
        })
    }
}

#[pymethods]
impl Store {
    #[new]
    fn new(py: Python<'_>, location: PathBuf) -> PyResult<Store> {
        let text = location.to_string_lossy();
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            return Err(PyValueError::new_err(
                "PostgreSQL stores are not supported by this build yet; open a SQLite file (dossier ingest --db FILE)",
            ));
        }
        let store = py.detach(|| dossier_store::Store::open(&location)).map_err(store_error)?;
        Ok(Store { inner: Mutex::new(store), path: location })
    }

    fn __repr__(&self) -> String {
        format!("dossier.Store({:?})", self.path.display().to_string())
    }

    /// add(text, published=None, title=None, url=None, source=None, outlet=None, author=None) -> dict
    ///
    /// Analyses one article and stores it, as `dossier ingest` does: `{"id", "inserted"
    /// ("new" / "duplicate" / "refreshed"), "statements"}`. The same text twice is one document.
    #[pyo3(signature = (text, published=None, title=None, url=None, source=None, outlet=None, author=None))]
    #[allow(clippy::too_many_arguments)]
    fn add<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        published: Option<String>,
        title: Option<String>,
        url: Option<String>,
        source: Option<String>,
        outlet: Option<String>,
        author: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let doc = document(text_of(text)?, Meta { published, title, url, source, outlet, author })?;
        let lex = lexicons()?;
        let stored = self.with(py, |store| {
            let stored = dossier_ingest::analyze_and_store(store, lex, vec![doc])?;
            Ok(stored.into_iter().next().expect("one document in, one result out"))
        })?;
        to_python(
            py,
            &serde_json::json!({"id": stored.id, "inserted": inserted_name(stored.inserted), "statements": stored.statements}),
        )
    }

    /// add_many(documents, threads=None) -> list of dicts, one per document in order
    ///
    /// Analyses many documents on `threads` threads (default: every core) and stores them a
    /// batch per transaction: much faster than `add` one at a time. Each document is a text or
    /// a dict with `text` and the metadata `add` takes (what `read` yields). Each result is as
    /// `add`'s, or `{"id", "at", "error"}` for a document given up (over the time budget).
    #[pyo3(signature = (documents, threads=None))]
    fn add_many<'py>(
        &self,
        py: Python<'py>,
        documents: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut docs = Vec::new();
        for item in documents.try_iter()? {
            docs.push(document_of(&item?)?);
        }
        let lex = lexicons()?;
        let threads = default_threads(threads);
        self.answer(py, move |store| store_all(store, lex, docs, threads))
    }

    /// ingest(path, threads=None, max_bytes=16 MiB, sidecar=False) -> dict
    ///
    /// `dossier ingest` from Python: a file or a folder (walked as the CLI walks it: .txt,
    /// .jsonl, .html, .warc and .gz of them), read, analysed on `threads` threads and stored,
    /// raw pages kept. Answers `{"files", "documents", "new", "duplicate", "refreshed",
    /// "failed": [{"at", "error"}]}`; one bad item never stops the rest.
    #[pyo3(signature = (path, threads=None, max_bytes=16 * 1024 * 1024, sidecar=false))]
    fn ingest<'py>(
        &self,
        py: Python<'py>,
        path: PathBuf,
        threads: Option<usize>,
        max_bytes: u64,
        sidecar: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let lex = lexicons()?;
        let threads = default_threads(threads);
        self.answer(py, move |store| {
            let options = MetadataOptions { sidecar, ..MetadataOptions::default() };
            let mut got = Collected::default();
            let mut results = Vec::new();
            let mut files = Vec::new();
            if path.is_dir() {
                if let Err(e) = read::walk(&path, &mut files) {
                    got.failed.push(serde_json::json!({"at": path.display().to_string(), "error": format!("cannot read directory: {e}")}));
                }
                files.retain(|f| Format::of_walked(f).is_some());
            } else {
                files.push(path.clone());
            }
            for file in &files {
                let format = Format::of_walked(file).unwrap_or(Format::of_named(file));
                let Ok(()) = read::read_file(&mut got, file, format, max_bytes, &options);
                // A batch at a time, so that a folder of WARC files is never all in memory.
                if got.docs.len() >= BATCH {
                    results.extend(store_all(store, lex, std::mem::take(&mut got.docs), threads)?);
                    store.put_raw_html(&std::mem::take(&mut got.raw))?;
                }
            }
            results.extend(store_all(store, lex, std::mem::take(&mut got.docs), threads)?);
            store.put_raw_html(&got.raw)?;
            let count = |what: &str| results.iter().filter(|r| r["inserted"] == what).count();
            let mut failed = got.failed;
            failed.extend(results.iter().filter(|r| r.get("error").is_some()).cloned());
            Ok(serde_json::json!({
                "files": got.files, "documents": results.len(), "new": count("new"),
                "duplicate": count("duplicate"), "refreshed": count("refreshed"), "failed": failed,
            }))
        })
    }

    /// stats() -> dict: how many documents, statements, entities, mentions, quantities, times.
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.answer(py, |s| s.stats())
    }

    /// search(query, limit=20, offset=0) -> list of hits (documents and statements), best first.
    #[pyo3(signature = (query, limit=20, offset=0))]
    fn search<'py>(&self, py: Python<'py>, query: String, limit: usize, offset: usize) -> PyResult<Bound<'py, PyAny>> {
        self.answer(py, |s| s.search_page(&query, offset, limit))
    }

    /// statements(speaker=None, stance=None, document=None, limit=100) -> list
    #[pyo3(signature = (speaker=None, stance=None, document=None, limit=100))]
    fn statements<'py>(
        &self,
        py: Python<'py>,
        speaker: Option<String>,
        stance: Option<String>,
        document: Option<String>,
        limit: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let filter = StatementFilter { speaker, stance, doc_id: document, limit };
        self.answer(py, |s| s.statements(&filter))
    }

    /// entities(kind=None, limit=100, offset=0) -> list, most mentioned first.
    #[pyo3(signature = (kind=None, limit=100, offset=0))]
    fn entities<'py>(
        &self,
        py: Python<'py>,
        kind: Option<String>,
        limit: usize,
        offset: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.answer(py, |s| Ok(s.entities_page(kind.as_deref(), offset, limit)?.items))
    }

    /// entity(name, limit=100) -> dict or None: one entity (by name or alias) with its
    /// statements, mentions and aliases' evidence.
    #[pyo3(signature = (name, limit=100))]
    fn entity<'py>(&self, py: Python<'py>, name: String, limit: usize) -> PyResult<Bound<'py, PyAny>> {
        self.answer(py, |s| s.entity(&name, limit))
    }

    /// documents(limit=100, offset=0) -> list of stored documents, newest first.
    #[pyo3(signature = (limit=100, offset=0))]
    fn documents<'py>(&self, py: Python<'py>, limit: usize, offset: usize) -> PyResult<Bound<'py, PyAny>> {
        self.answer(py, |s| Ok(s.documents(offset, limit)?.items))
    }

    /// document(id) -> dict or None: the stored analysis of one document (the JSON contract).
    fn document<'py>(&self, py: Python<'py>, id: String) -> PyResult<Bound<'py, PyAny>> {
        self.answer(py, |s| Ok(s.document(&id)?.map(|(_, analysis)| analysis)))
    }

    /// claims(about=None, since=None, min_documents=1, limit=50, offset=0) -> list, or None
    /// when `about` names no stored entity.
    #[pyo3(signature = (about=None, since=None, min_documents=1, limit=50, offset=0))]
    fn claims<'py>(
        &self,
        py: Python<'py>,
        about: Option<String>,
        since: Option<String>,
        min_documents: u32,
        limit: u32,
        offset: u32,
    ) -> PyResult<Bound<'py, PyAny>> {
        let filter = ClaimFilter { about, since, min_documents, limit, offset };
        self.answer(py, |s| s.claims(&filter))
    }

    /// claim(id) -> dict or None: one claim with every report of it (who asserts, confirms,
    /// denies), its headline checks and how its numbers changed.
    fn claim<'py>(&self, py: Python<'py>, id: i64) -> PyResult<Bound<'py, PyAny>> {
        self.answer(py, |s| s.claim(id))
    }

    /// events(kind=None, actor=None, since=None, limit=1000, offset=0) -> list of PLOVER events.
    #[pyo3(signature = (kind=None, actor=None, since=None, limit=1000, offset=0))]
    fn events<'py>(
        &self,
        py: Python<'py>,
        kind: Option<String>,
        actor: Option<String>,
        since: Option<String>,
        limit: usize,
        offset: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let filter = EventFilter { kind, actor, since, offset, limit };
        self.answer(py, |s| s.events(&filter))
    }

    /// quantities(counted=None, limit=1000, offset=0) -> list of stored numbers.
    #[pyo3(signature = (counted=None, limit=1000, offset=0))]
    fn quantities<'py>(
        &self,
        py: Python<'py>,
        counted: Option<String>,
        limit: usize,
        offset: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let filter = QuantityFilter { counted, offset, limit };
        self.answer(py, |s| s.quantities(&filter))
    }
}

#[pymodule]
fn _dossier(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_json, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_page, m)?)?;
    m.add_class::<Store>()?;
    m.add_class::<Reader>()?;
    m.add_function(wrap_pyfunction!(readable, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
