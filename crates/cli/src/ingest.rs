//! `dossier ingest`: walk the inputs, read documents one at a time, analyse them in batches and
//! store each batch in one transaction. A bad input is reported and skipped, never fatal.
//!
//! With `--threads 1` one thread does it all in turn. With N > 1 three stages overlap: this thread
//! reads and parses the inputs into chunks of documents; N workers analyse chunks; one writer
//! thread stores them in input order, a batch per transaction. The channels between them are
//! bounded, so memory stays bounded (a few batches in flight) whatever the size of the input.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use dossier_core::Document;
use dossier_extract::Lexicons;
use dossier_ingest::metadata::{self, MetadataOptions};
use dossier_ingest::read;
use dossier_store::{Analysed, Inserted, Store};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::args::IngestArgs;
use crate::input::Format;
use crate::web_ingest::{self, RawPending};
use crate::{emit, Exit};

/// Inputs past this count get a progress bar (when stderr is a terminal).
const PROGRESS_THRESHOLD: u64 = 50;

#[derive(Debug, Default)]
struct Counts {
    stored: Stored,
    /// Already stored by this pipeline, found before analysis (not sent to the workers).
    known: u64,
    failed: u64,
    files: u64,
    lines: u64,
}

/// Documents the reader hands to the workers at once: a part of one batch, so that a single batch
/// is analysed on all threads. `ends_batch` tells the writer to commit after this chunk.
struct Chunk<D> {
    seq: u64,
    docs: Vec<D>,
    ends_batch: bool,
}

/// Where the reader's chunks go.
enum Sink<'a> {
    /// To the analysis workers; `None` once the input is read, which lets them finish.
    Workers(Option<SyncSender<Chunk<Document>>>),
    /// Analysed and stored on the reading thread (`--threads 1`).
    Inline(&'a Lexicons, Box<Writer>),
}

/// A document analysed, or why it was given up (naming it).
type Outcome = Result<Analysed, String>;

/// The state of the reading side of one ingest run: the pending chunk and what was done so far.
struct Ingest<'a> {
    sink: Sink<'a>,
    seq: u64,
    chunk: Vec<Document>,
    chunk_size: usize,
    /// Documents of the current batch sent or pending.
    in_batch: usize,
    batch_size: usize,
    max_bytes: u64,
    verbose: bool,
    counts: Counts,
    bar: ProgressBar,
    tty: bool,
    /// Documents and failures seen so far, for the progress bar.
    items: u64,
    /// Raw HTML of pages read, until the writer stores it beside its document.
    raw: RawPending,
    budget: Duration,
    /// A reading connection to the store and this run's provenance key: a document already
    /// stored with the same key is counted a duplicate without being analysed, so that a run
    /// started again after a crash or an interruption goes quickly over what it had stored.
    known: (Store, String),
    /// Where to find the metadata a document lacks (`--sidecar`, `--date-from-filename` …).
    metadata: MetadataOptions,
}

pub fn run(args: &IngestArgs, lex: &Lexicons) -> Result<Exit> {
    let store = Store::open(&args.db.db).with_context(|| format!("cannot open database {}", args.db.db.display()))?;
    let known = Store::open(&args.db.db).with_context(|| format!("cannot open database {}", args.db.db.display()))?;
    let provenance = dossier_extract::pipeline::standard().provenance(lex).key();
    let threads =
        args.threads.map_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()), |n| n as usize);
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {pos} inputs  {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let batch_size = args.batch as usize;
    let raw = RawPending::default();
    let budget = args.doc_budget();
    let ing = |sink| Ingest {
        sink,
        seq: 0,
        chunk: Vec::new(),
        chunk_size: batch_size.div_ceil(threads),
        in_batch: 0,
        batch_size,
        max_bytes: args.max_bytes,
        verbose: args.verbose,
        counts: Counts::default(),
        bar,
        tty: std::io::stderr().is_terminal(),
        items: 0,
        raw: raw.clone(),
        budget,
        known: (known, provenance),
        metadata: MetadataOptions {
            sidecar: args.sidecar,
            date_from_filename: args.date_from_filename,
            published: args.published,
            outlet: args.outlet.clone(),
        },
    };

    let ing = if threads == 1 {
        let mut ing = ing(Sink::Inline(lex, Box::new(Writer::new(store, raw.clone()))));
        ing.read_all(&args.paths)?;
        if let Sink::Inline(_, writer) = std::mem::replace(&mut ing.sink, Sink::Workers(None)) {
            ing.counts.stored = writer.finish()?;
        }
        ing
    } else {
        // Bounded channels: at most about 2 × threads chunks wait between the stages.
        let (work, work_rx) = mpsc::sync_channel::<Chunk<Document>>(threads);
        let (done, done_rx) = mpsc::sync_channel::<Chunk<Outcome>>(threads);
        let work_rx = Arc::new(Mutex::new(work_rx));
        let mut ing = ing(Sink::Workers(Some(work)));
        let (read, stored) = std::thread::scope(|s| {
            for _ in 0..threads {
                let (work_rx, done) = (Arc::clone(&work_rx), done.clone());
                s.spawn(move || analyse_chunks(&work_rx, &done, lex, budget));
            }
            drop((work_rx, done));
            let raw = raw.clone();
            let writer = s.spawn(move || {
                let mut writer = Writer::new(store, raw);
                done_rx.into_iter().try_for_each(|chunk| writer.accept(chunk))?;
                writer.finish()
            });
            let read = ing.read_all(&args.paths);
            ing.sink = Sink::Workers(None);
            let stored = writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (read, stored)
        });
        // The writer's error explains a reader that found the pipeline closed.
        ing.counts.stored = stored?;
        read?;
        ing
    };
    ing.bar.finish_and_clear();

    let c = &ing.counts;
    let failed = c.failed + c.stored.over_budget;
    let summary = format!(
        "ingested {} new, {} refreshed, {} duplicate, {} failed (files: {}, lines: {}) into {}",
        c.stored.new,
        c.stored.refreshed,
        c.stored.duplicate + c.known,
        failed,
        c.files,
        c.lines,
        args.db.db.display()
    );
    // The result, on standard output only: standard error holds the failures above it.
    emit(&format!("{summary}\n"))?;
    Ok(if failed > 0 { Exit::Partial } else { Exit::Success })
}

impl Ingest<'_> {
    /// Reads every input path, sending chunks to the workers; sends the last one.
    fn read_all(&mut self, paths: &[PathBuf]) -> Result<()> {
        for path in paths {
            match std::fs::metadata(path) {
                Err(e) => self.fail(&path.display().to_string(), &e.to_string()),
                Ok(m) if m.is_dir() => {
                    let mut files = Vec::new();
                    if let Err(e) = read::walk(path, &mut files) {
                        self.fail(&path.display().to_string(), &format!("cannot read directory: {e}"));
                    }
                    for file in files {
                        match Format::of_walked(&file) {
                            Some(format) => self.file(&file, format)?,
                            None => self.note(&format!(
                                "skipped {} (not .txt/.text/.jsonl/.ndjson/.html/.htm/.warc, or .gz of them)",
                                file.display()
                            )),
                        }
                    }
                }
                Ok(_) => self.file(path, Format::of_named(path))?,
            }
        }
        self.send(true)
    }

    fn fail(&mut self, what: &str, why: &str) {
        self.counts.failed += 1;
        self.bar.suspend(|| eprintln!("error: {what}: {why}"));
        self.tick();
    }

    /// Counts one more input on the progress bar, showing the bar once there are many.
    fn tick(&mut self) {
        self.items += 1;
        if self.tty && self.items > PROGRESS_THRESHOLD && self.bar.is_hidden() {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(std::time::Duration::from_millis(200));
        }
        self.bar.set_position(self.items);
    }

    fn note(&self, msg: &str) {
        if self.verbose {
            self.bar.suspend(|| eprintln!("note: {msg}"));
        }
    }

    fn file(&mut self, path: &Path, format: Format) -> Result<()> {
        self.bar.set_message(path.display().to_string());
        let metadata = self.metadata.clone();
        read::read_file(self, path, format, self.max_bytes, &metadata)
    }

    fn push(&mut self, mut doc: Document) -> Result<()> {
        metadata::fill_defaults(&mut doc.meta, &self.metadata);
        // A page's raw HTML is stored beside a duplicate that lacks it, so pages always go on.
        let is_page = self.raw.lock().is_ok_and(|m| m.contains_key(&doc.id));
        let (store, key) = &self.known;
        if !is_page && store.stored_provenance(&doc.id).ok().flatten().as_deref() == Some(key.as_str()) {
            self.counts.known += 1;
            self.tick();
            return Ok(());
        }
        self.chunk.push(doc);
        self.in_batch += 1;
        self.tick();
        if self.in_batch >= self.batch_size {
            self.send(true)?;
        } else if self.chunk.len() >= self.chunk_size {
            self.send(false)?;
        }
        Ok(())
    }

    /// Hands the pending chunk to the workers (blocking while they are busy: the bound on memory).
    fn send(&mut self, ends_batch: bool) -> Result<()> {
        if self.chunk.is_empty() && !ends_batch {
            return Ok(());
        }
        let chunk = Chunk { seq: self.seq, docs: std::mem::take(&mut self.chunk), ends_batch };
        self.seq += 1;
        if ends_batch {
            self.in_batch = 0;
        }
        let stopped = || anyhow!("the analysis workers stopped");
        match &mut self.sink {
            Sink::Workers(work) => work.as_ref().ok_or_else(stopped)?.send(chunk).map_err(|_| stopped()),
            Sink::Inline(lex, writer) => writer.accept(analyse_chunk(chunk, lex, self.budget)),
        }
    }
}

impl read::Sink for Ingest<'_> {
    type Error = anyhow::Error;
    fn document(&mut self, doc: Document, raw: Option<&[u8]>) -> Result<()> {
        if let Some(raw) = raw {
            web_ingest::keep_raw(&self.raw, &doc.id, raw);
        }
        self.push(doc)
    }
    fn failed(&mut self, what: &str, why: &str) {
        self.fail(what, why);
    }
    fn noted(&mut self, msg: &str) {
        self.note(msg);
    }
    fn counted(&mut self, what: read::Counted) {
        match what {
            read::Counted::File => self.counts.files += 1,
            read::Counted::Line => self.counts.lines += 1,
        }
    }
}

fn analyse_chunk(chunk: Chunk<Document>, lex: &Lexicons, budget: Duration) -> Chunk<Outcome> {
    let Chunk { seq, docs, ends_batch } = chunk;
    // The claim items too: the pure half of linking claims runs here, beside the analysis.
    let docs = docs
        .into_iter()
        .map(|doc| match dossier_ingest::analyze_within(doc, lex, budget) {
            Ok((doc, analysis)) => Ok(Analysed::new(doc, analysis)),
            Err((doc, over)) => {
                let name = doc.meta.source.as_deref().unwrap_or(&doc.id);
                Err(format!("{name}: {over} (not stored; --doc-budget SECONDS allows more)"))
            }
        })
        .collect();
    Chunk { seq, docs, ends_batch }
}

/// A worker: analyses chunks until the work channel closes or the writer stops.
fn analyse_chunks(
    work: &Mutex<Receiver<Chunk<Document>>>,
    done: &SyncSender<Chunk<Outcome>>,
    lex: &Lexicons,
    budget: Duration,
) {
    loop {
        let next = match work.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(chunk) = next else { return };
        if done.send(analyse_chunk(chunk, lex, budget)).is_err() {
            return;
        }
    }
}

/// Puts analysed chunks back in input order and stores each batch in one transaction.
struct Writer {
    store: Store,
    /// Chunks that arrived before an earlier one, by sequence number.
    waiting: std::collections::BTreeMap<u64, Chunk<Outcome>>,
    next: u64,
    batch: Vec<Analysed>,
    stored: Stored,
    raw: RawPending,
}

/// What the writer did with the documents: stored anew, re-analysed (stored by other stage
/// versions, data or switches), or left alone as already stored.
#[derive(Debug, Default, Clone, Copy)]
struct Stored {
    new: u64,
    refreshed: u64,
    duplicate: u64,
    /// Given up for taking longer than the per-document budget (reported as failures).
    over_budget: u64,
}

impl Writer {
    fn new(store: Store, raw: RawPending) -> Writer {
        Writer { store, waiting: Default::default(), next: 0, batch: Vec::new(), stored: Stored::default(), raw }
    }

    fn accept(&mut self, chunk: Chunk<Outcome>) -> Result<()> {
        self.waiting.insert(chunk.seq, chunk);
        while let Some(chunk) = self.waiting.remove(&self.next) {
            self.next += 1;
            for outcome in chunk.docs {
                match outcome {
                    Ok(analysed) => self.batch.push(analysed),
                    Err(why) => {
                        self.stored.over_budget += 1;
                        eprintln!("error: {why}");
                    }
                }
            }
            if chunk.ends_batch {
                self.commit()?;
            }
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        for r in self.store.insert_analysed(&self.batch).context("cannot store documents")? {
            match r {
                Inserted::New => self.stored.new += 1,
                Inserted::Refreshed => self.stored.refreshed += 1,
                Inserted::Duplicate => self.stored.duplicate += 1,
            }
        }
        let raw = web_ingest::take_raw(&self.raw, self.batch.iter().map(|a| a.doc.id.as_str()));
        if !raw.is_empty() {
            self.store.put_raw_html(&raw).context("cannot store raw HTML")?;
        }
        self.batch.clear();
        Ok(())
    }

    /// Stores what is left; returns what was stored.
    fn finish(mut self) -> Result<Stored> {
        if !self.waiting.is_empty() {
            return Err(anyhow!("an analysis worker stopped before the end of the input"));
        }
        // What a reader that stopped early had sent of its last batch.
        self.commit()?;
        Ok(self.stored)
    }
}
