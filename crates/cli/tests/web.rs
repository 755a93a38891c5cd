//! `dossier ingest` of HTML pages and WARC archives, `dossier extract`, and `dossier eval
//! extraction` agreeing with shared/tools/score_html.py.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::Path;
#[cfg(feature = "shared-data")]
use std::path::PathBuf;
use std::process::Command;

fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

#[cfg(feature = "shared-data")]
fn bench() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/eval/html_extraction/scrapinghub-article-extraction-benchmark");
    assert!(
        d.exists(),
        "the benchmark is missing at {}: the `shared-data` tests need ../shared beside the repository",
        d.display()
    );
    d
}

/// `n` news pages (key and raw HTML) made from the bundled Wikinews examples (CC BY 2.5,
/// examples/README.md): a headline, paragraphs, the page metadata news sites carry, and the
/// navigation and footer that extraction must leave out.
fn pages(n: usize) -> Vec<(String, Vec<u8>)> {
    let feed = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/wikinews.jsonl"))
        .expect("examples/wikinews.jsonl");
    let items: Vec<serde_json::Value> = feed.lines().map(|l| serde_json::from_str(l).expect("a feed line")).collect();
    assert!(items.len() >= n, "only {} examples", items.len());
    items
        .iter()
        .take(n)
        .enumerate()
        .map(|(i, item)| {
            let title = dossier_server::html::esc(item["title"].as_str().unwrap());
            let paragraphs: String = item["text"]
                .as_str()
                .unwrap()
                .lines()
                .skip(1)
                .filter(|l| !l.trim().is_empty())
                .map(|l| format!("<p>{}</p>\n", dossier_server::html::esc(l)))
                .collect();
            let html = format!(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} - Wikinews</title>\
                 <meta property=\"og:site_name\" content=\"Wikinews\">\
                 <meta name=\"author\" content=\"Wikinews contributors\">\
                 <meta property=\"article:published_time\" content=\"{published}\">\
                 <link rel=\"canonical\" href=\"{url}\"></head><body>\
                 <nav><a href=\"/\">Main page</a> <a href=\"/world\">World</a> <a href=\"/politics\">Politics</a></nav>\
                 <article><h1>{title}</h1>\n{paragraphs}</article>\
                 <footer>Content is available under Creative Commons Attribution 2.5.</footer></body></html>",
                published = item["published"].as_str().unwrap(),
                url = dossier_server::html::esc(item["url"].as_str().unwrap()),
            );
            (format!("wikinews-{i}"), html.into_bytes())
        })
        .collect()
}

fn gz_member(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// A WARC/1.0 record with the given type and content block.
fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{}>\r\nWARC-Date: 2019-11-20T00:00:00Z\r\n\
         WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn response(uri: &str, html: &[u8]) -> Vec<u8> {
    let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nServer: test\r\n\r\n".to_vec();
    block.extend_from_slice(html);
    record("response", uri, &block)
}

fn ids(db: &Path) -> BTreeSet<String> {
    let store = dossier_store::Store::open(db).unwrap();
    store.documents(0, 10_000).unwrap().items.into_iter().map(|d| d.id).collect()
}

#[test]
fn warc_gives_the_same_documents_as_the_pages_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let pages = pages(5);
    let page_dir = dir.path().join("pages");
    std::fs::create_dir(&page_dir).unwrap();
    let mut warc = gz_member(&record("warcinfo", "", b"software: dossier test\r\n"));
    for (i, (key, html)) in pages.iter().enumerate() {
        std::fs::write(page_dir.join(format!("{key}.html")), html).unwrap();
        let uri = format!("https://example.org/{key}");
        warc.extend(gz_member(&record("request", &uri, b"GET / HTTP/1.1\r\n\r\n")));
        warc.extend(gz_member(&response(&uri, html)));
        if i == 1 {
            // An unparseable HTTP header between good records.
            warc.extend(gz_member(&record("response", &uri, b"this is not HTTP\r\n\r\n<p>x</p>")));
        }
    }
    // A record cut off: its member holds less than its Content-Length says.
    let cut_at = warc.len();
    let full = response("https://example.org/cut", &pages[0].1);
    warc.extend(gz_member(&full[..full.len() / 2]));
    // A good record after it, then a truncated gzip member at the end.
    let extra = format!(
        "<html><head><title>Extra</title></head><body><article><p>{}</p></article></body></html>",
        "The extra page is read after the cut-off record, as it must be. ".repeat(5)
    );
    warc.extend(gz_member(&response("https://example.org/extra", extra.as_bytes())));
    let trunc_at = warc.len();
    let last = gz_member(&response("https://example.org/last", &pages[1].1));
    warc.extend_from_slice(&last[..last.len() / 3]);
    let warc_path = dir.path().join("crawl.warc.gz");
    std::fs::write(&warc_path, &warc).unwrap();

    let db_pages = dir.path().join("pages.db");
    let out = dossier().args(["ingest", "--db"]).arg(&db_pages).arg(&page_dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let db_warc = dir.path().join("warc.db");
    let out = dossier().args(["ingest", "--db"]).arg(&db_warc).arg(&warc_path).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let name = warc_path.display().to_string();
    assert!(err.contains(&format!("error: {name}@{cut_at}: record cut off")), "{err}");
    assert!(err.contains(&format!("error: {name}@{trunc_at}:")), "{err}");
    assert!(err.contains("unparseable HTTP header"), "{err}");
    assert_eq!(err.matches("error: ").count(), 3, "{err}");

    let from_pages = ids(&db_pages);
    let from_warc = ids(&db_warc);
    assert_eq!(from_pages.len(), 5);
    assert_eq!(from_warc.len(), 6, "the five pages and the extra one");
    assert!(from_pages.is_subset(&from_warc), "{from_pages:?} vs {from_warc:?}");

    // The raw page is kept, compressed, beside its document.
    let store = dossier_store::Store::open(&db_warc).unwrap();
    let id = from_pages.iter().next().unwrap();
    let raw = store.raw_html(id).unwrap().expect("raw HTML kept");
    let mut html = Vec::new();
    flate2::read::GzDecoder::new(&raw.gzip[..]).read_to_end(&mut html).unwrap();
    assert!(pages.iter().any(|(_, h)| *h == html));
    assert_eq!(raw.bytes, html.len() as u64);
}

#[test]
fn jsonl_lines_may_hold_html() {
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = pages(1).remove(0);
    let feed = dir.path().join("feed.jsonl");
    let line = serde_json::json!({"url": "https://example.org/x", "html": String::from_utf8_lossy(&html)});
    std::fs::write(&feed, format!("{line}\n{{\"title\":\"no body\"}}\n")).unwrap();
    let db = dir.path().join("f.db");
    let out = dossier().args(["ingest", "--db"]).arg(&db).arg(&feed).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(":2: no \"text\" or \"html\" field"));
    assert_eq!(ids(&db).len(), 1);
}

#[test]
fn extract_prints_json_and_refuses_bad_pages() {
    let dir = tempfile::tempdir().unwrap();
    let (key, html) = pages(1).remove(0);
    let p = dir.path().join(format!("{key}.html"));
    std::fs::write(&p, &html).unwrap();
    let out = dossier().args(["extract", "--json"]).arg(&p).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for k in ["title", "author", "published", "site", "url", "language", "text"] {
        assert!(v.get(k).is_some(), "{k} missing in {v}");
    }
    assert!(v["text"].as_str().unwrap().len() > 200);

    let empty = dir.path().join("empty.html");
    std::fs::write(&empty, b"").unwrap();
    let out = dossier().arg("extract").arg(&empty).output().unwrap();
    // A bad input, as in `analyze`: exit 1 (2 is for usage and fatal errors).
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty page (0 bytes)"));
}

/// The Rust metric and shared/tools/score_html.py give the same figures on a few pages.
#[cfg(feature = "shared-data")]
#[test]
fn eval_extraction_agrees_with_score_html_py() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("bench");
    std::fs::create_dir_all(sub.join("html")).unwrap();
    let gt: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&std::fs::read(bench().join("ground-truth.json")).unwrap()).unwrap();
    let keys: Vec<&String> = gt.keys().step_by(30).collect();
    let mut small = serde_json::Map::new();
    for k in &keys {
        small.insert((*k).clone(), gt[*k].clone());
        let name = format!("{k}.html.gz");
        std::fs::copy(bench().join("html").join(&name), sub.join("html").join(&name)).unwrap();
    }
    std::fs::write(sub.join("ground-truth.json"), serde_json::to_vec(&small).unwrap()).unwrap();

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/tools/score_html.py");
    let cmd = format!("{} extract --json {{}}", env!("CARGO_BIN_EXE_dossier"));
    let py = Command::new("python3")
        .arg(&script)
        .arg("scrapinghub")
        .arg(&sub)
        .arg(&cmd)
        .output()
        .expect("python3 is needed to check the metric against score_html.py");
    assert!(py.status.success(), "{}", String::from_utf8_lossy(&py.stderr));
    let py = String::from_utf8_lossy(&py.stdout).to_string();
    let ours = dossier().args(["eval", "extraction"]).arg(&sub).output().unwrap();
    assert!(ours.status.success());
    let ours = String::from_utf8_lossy(&ours.stdout).to_string();
    let pr =
        |s: &str| s.lines().find(|l| l.starts_with("pages=")).map(|l| l.replace("failed_runs=", "failed=")).unwrap();
    let f1 = |s: &str| s.lines().find(|l| l.starts_with("html_f1=")).unwrap().to_string();
    assert_eq!(pr(&py), pr(&ours), "python:\n{py}\nours:\n{ours}");
    assert_eq!(f1(&py), f1(&ours));
}
