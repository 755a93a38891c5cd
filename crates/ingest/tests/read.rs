//! The one reader of input files (dossier_ingest::read), as `dossier ingest` and the Python
//! package use it: every item is a document or a failure naming it, and reading goes on.

use std::io::Write;

use dossier_core::Document;
use dossier_ingest::input::Format;
use dossier_ingest::metadata::MetadataOptions;
use dossier_ingest::read::{self, Counted, Sink};

#[derive(Default)]
struct Collect {
    docs: Vec<(Document, bool)>,
    failed: Vec<(String, String)>,
    notes: Vec<String>,
    files: usize,
    lines: usize,
}

impl Sink for Collect {
    type Error = std::convert::Infallible;
    fn document(&mut self, doc: Document, raw: Option<&[u8]>) -> Result<(), Self::Error> {
        self.docs.push((doc, raw.is_some()));
        Ok(())
    }
    fn failed(&mut self, what: &str, why: &str) {
        self.failed.push((what.to_string(), why.to_string()));
    }
    fn noted(&mut self, msg: &str) {
        self.notes.push(msg.to_string());
    }
    fn counted(&mut self, what: Counted) {
        match what {
            Counted::File => self.files += 1,
            Counted::Line => self.lines += 1,
        }
    }
}

fn read(path: &std::path::Path) -> Collect {
    let mut sink = Collect::default();
    let Ok(()) = read::read_file(&mut sink, path, Format::of_named(path), 1 << 20, &MetadataOptions::default());
    sink
}

#[test]
fn a_feed_gives_a_document_or_a_named_failure_for_every_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    writeln!(
        f,
        r#"{{"text": "The mayor said the bridge would reopen.", "published": "2024-05-06", "outlet": "Post"}}"#
    )
    .unwrap();
    writeln!(f, "   ").unwrap();
    writeln!(f, r#"{{"text": "cut off"#).unwrap();
    writeln!(f, r#"{{"html": "<html><title>T</title><body><p>The minister said the talks had failed after a long night.</p></body></html>"}}"#).unwrap();
    writeln!(f, r#"{{"text": "A date that is none.", "published": "soon"}}"#).unwrap();
    drop(f);
    let got = read(&path);
    assert_eq!((got.files, got.lines), (1, 4));
    assert_eq!(got.docs.len(), 3);
    let (first, from_page) = &got.docs[0];
    assert_eq!(first.meta.outlet.as_deref(), Some("Post"));
    assert_eq!(first.meta.published.map(|d| d.to_string()).as_deref(), Some("2024-05-06"));
    assert_eq!(first.meta.source.as_deref(), Some(format!("{}:1", path.display()).as_str()));
    assert!(!from_page);
    assert!(got.docs[1].1, "an html line keeps its page");
    assert!(got.docs[1].0.text.contains("talks had failed"));
    assert_eq!(got.failed.len(), 1);
    assert_eq!(got.failed[0].0, format!("{}:3", path.display()));
    assert!(got.notes.iter().any(|n| n.contains(":5: unreadable date")), "{:?}", got.notes);
}

#[test]
fn a_missing_or_invalid_file_is_one_failure() {
    let dir = tempfile::tempdir().unwrap();
    let got = read(&dir.path().join("absent.txt"));
    assert_eq!((got.docs.len(), got.failed.len()), (0, 1));
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"caf\xe9 au lait").unwrap();
    let got = read(&bad);
    assert_eq!(got.failed.len(), 1);
    assert!(got.failed[0].1.contains("UTF-8"), "{:?}", got.failed);
}
