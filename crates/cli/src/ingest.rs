//! `dossier ingest`: walk the inputs, read documents one at a time, analyse them in batches and
//! store each batch in one transaction. A bad input is reported and skipped, never fatal.

use std::fs::File;
use std::io::{BufReader, IsTerminal};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use dossier_core::{AnalysisJson, Document, Metadata};
use dossier_extract::Lexicons;
use dossier_store::{Inserted, Store};
use flate2::read::MultiGzDecoder;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::args::IngestArgs;
use crate::input::{self, Format, Line};
use crate::{emit, Exit};

/// Inputs past this count get a progress bar (when stderr is a terminal).
const PROGRESS_THRESHOLD: u64 = 50;

#[derive(Debug, Default)]
struct Counts {
    new: u64,
    duplicate: u64,
    failed: u64,
    files: u64,
    lines: u64,
}

/// The state of one ingest run: the store, the pending batch and what was done so far.
struct Ingest<'a> {
    store: Store,
    lex: &'a Lexicons,
    batch: Vec<Document>,
    batch_size: usize,
    max_bytes: u64,
    verbose: bool,
    counts: Counts,
    bar: ProgressBar,
    tty: bool,
    /// Documents and failures seen so far, for the progress bar.
    items: u64,
}

pub fn run(args: &IngestArgs, lex: &Lexicons) -> Result<Exit> {
    let store = Store::open(&args.db.db).with_context(|| format!("cannot open database {}", args.db.db.display()))?;
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {pos} inputs  {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let mut ing = Ingest {
        store,
        lex,
        batch: Vec::new(),
        batch_size: args.batch as usize,
        max_bytes: args.max_bytes,
        verbose: args.verbose,
        counts: Counts::default(),
        bar,
        tty: std::io::stderr().is_terminal(),
        items: 0,
    };

    for path in &args.paths {
        match std::fs::metadata(path) {
            Err(e) => ing.fail(&path.display().to_string(), &e.to_string()),
            Ok(m) if m.is_dir() => {
                let mut files = Vec::new();
                if let Err(e) = walk(path, &mut files) {
                    ing.fail(&path.display().to_string(), &format!("cannot read directory: {e}"));
                }
                for file in files {
                    match Format::of_walked(&file) {
                        Some(format) => ing.file(&file, format)?,
                        None => ing.note(&format!("skipped {} (not .txt/.text/.jsonl/.ndjson)", file.display())),
                    }
                }
            }
            Ok(_) => ing.file(path, Format::of_named(path))?,
        }
    }
    ing.flush()?;
    ing.bar.finish_and_clear();

    let c = &ing.counts;
    let summary = format!(
        "ingested {} new, {} duplicate, {} failed (files: {}, lines: {}) into {}",
        c.new,
        c.duplicate,
        c.failed,
        c.files,
        c.lines,
        args.db.db.display()
    );
    eprintln!("{summary}");
    emit(&format!("{summary}\n"))?;
    Ok(if c.failed > 0 { Exit::Partial } else { Exit::Success })
}

/// Collects the files under `dir`, recursively, sorted by name within each directory.
/// Symbolic links to directories are not followed (they could loop).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
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

impl Ingest<'_> {
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
        let name = path.display().to_string();
        self.bar.set_message(name.clone());
        match format {
            Format::Text => {
                self.counts.files += 1;
                match input::read_text_file(path, self.max_bytes) {
                    Ok(text) => {
                        let meta = Metadata { source: Some(name), ..Metadata::default() };
                        self.push(Document::new(text, meta))?;
                    }
                    Err(e) => self.fail(&name, &e.to_string()),
                }
            }
            Format::Jsonl | Format::JsonlGz => match File::open(path) {
                Err(e) => {
                    self.counts.files += 1;
                    self.fail(&name, &e.to_string());
                }
                Ok(f) => {
                    self.counts.files += 1;
                    if format == Format::JsonlGz {
                        self.feed(&name, &mut BufReader::new(MultiGzDecoder::new(f)))?;
                    } else {
                        self.feed(&name, &mut BufReader::new(f))?;
                    }
                }
            },
        }
        Ok(())
    }

    /// Reads a JSON Lines feed line by line; each line is its own document or its own failure.
    fn feed(&mut self, name: &str, reader: &mut impl std::io::BufRead) -> Result<()> {
        // A line holds the text JSON-escaped, which can take more bytes than the text itself.
        let cap = self.max_bytes.saturating_mul(2).saturating_add(64 * 1024);
        let mut lineno = 0u64;
        loop {
            lineno += 1;
            let at = format!("{name}:{lineno}");
            let line = match input::read_line_capped(reader, cap) {
                Ok(Some(line)) => line,
                Ok(None) => break,
                Err(e) => {
                    // A read error (a truncated or corrupt .gz) ends the file.
                    self.fail(&at, &format!("read error: {e}"));
                    break;
                }
            };
            match line {
                Line::TooLong(n) => {
                    self.counts.lines += 1;
                    self.fail(&at, &format!("line too large ({n} bytes > limit {cap})"));
                }
                Line::Full(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => {}
                Line::Full(bytes) => {
                    self.counts.lines += 1;
                    match input::parse_feed_line(bytes, at.clone(), self.max_bytes) {
                        Ok(fd) => {
                            if let Some(d) = fd.bad_date {
                                self.note(&format!("{at}: unreadable date {d:?} ignored"));
                            }
                            self.push(fd.doc)?;
                        }
                        Err(e) => self.fail(&at, &e.to_string()),
                    }
                }
            }
        }
        Ok(())
    }

    fn push(&mut self, doc: Document) -> Result<()> {
        self.batch.push(doc);
        self.tick();
        if self.batch.len() >= self.batch_size {
            self.flush()?;
        }
        Ok(())
    }

    /// Analyses the pending batch (on two threads) and stores it in one transaction.
    fn flush(&mut self) -> Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let docs = std::mem::take(&mut self.batch);
        let analysed = analyse_all(docs, self.lex);
        let results = self.store.insert_batch(&analysed).context("cannot store documents")?;
        for r in &results {
            match r {
                Inserted::New => self.counts.new += 1,
                Inserted::Duplicate => self.counts.duplicate += 1,
            }
        }
        Ok(())
    }
}

/// Analyses documents on two threads, keeping their order.
fn analyse_all(docs: Vec<Document>, lex: &Lexicons) -> Vec<(Document, AnalysisJson)> {
    let analyse = |doc: Document| {
        let a = dossier_extract::analyze(&doc, lex);
        let json = AnalysisJson::new(&doc, &a);
        (doc, json)
    };
    if docs.len() < 2 {
        return docs.into_iter().map(analyse).collect();
    }
    let mut docs = docs;
    let second = docs.split_off(docs.len() / 2);
    std::thread::scope(|s| {
        let other = s.spawn(|| second.into_iter().map(analyse).collect::<Vec<_>>());
        let mut out: Vec<_> = docs.into_iter().map(analyse).collect();
        match other.join() {
            Ok(rest) => out.extend(rest),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        out
    })
}
