//! Bad and hostile input: nothing crashes, each problem is a clear error, memory stays bounded.

use std::io::{Read, Write};

use dossier_web::warc::{Event, WarcReader};
use dossier_web::{read_page, read_page_file, Limits, WebError};

fn article(body: &str) -> String {
    format!(
        "<html><head><title>Deep page</title></head><body><nav><a href=/>Home</a></nav>\
         <article><p>The council met on Monday, and it voted, after a long debate, to repair the bridge.</p>{body}\
         <p>Work starts in spring, officials said, and should last, weather permitting, two years.</p></article></body></html>"
    )
}

#[test]
fn html_nested_100000_levels_deep() {
    let deep =
        format!("{}<p>Deep inside, the text is still read, as it should be, by everyone.</p>", "<div>".repeat(100_000));
    let t = std::time::Instant::now();
    let page = read_page(article(&deep).as_bytes(), None, &Limits::default()).unwrap();
    assert!(page.text.contains("The council met"), "{}", page.text);
    assert!(t.elapsed().as_secs() < 30, "took {:?}", t.elapsed());

    // Without the depth cap the tree itself is 100,000 levels deep (inline elements parse in
    // linear time): every walk over it must be a loop.
    let deep = format!("{}Deep inside, the text is still read, as it should be.", "<span>".repeat(100_000));
    let limits = Limits { max_depth: usize::MAX, ..Limits::default() };
    let page = read_page(article(&deep).as_bytes(), None, &limits).unwrap();
    assert!(page.text.contains("Work starts in spring"));
}

#[test]
fn empty_page_is_a_clear_error() {
    assert!(matches!(read_page(b"", None, &Limits::default()), Err(WebError::Empty)));
    assert!(matches!(read_page(b"  \n ", None, &Limits::default()), Err(WebError::Empty)));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("empty.html");
    std::fs::write(&p, b"").unwrap();
    let e = read_page_file(&p, &Limits::default()).unwrap_err();
    assert_eq!(e.to_string(), "empty page (0 bytes)");
}

#[test]
fn page_of_100_mb_is_refused_by_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.html");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    let e = read_page_file(&p, &Limits::default()).unwrap_err();
    assert!(matches!(e, WebError::TooLarge { size: 104_857_600, .. }), "{e}");
    assert!(e.to_string().contains("too large"));

    // Gzipped, the size is only known while reading: at most the limit is held.
    let gz = dir.path().join("huge.html.gz");
    let mut enc = flate2::write::GzEncoder::new(std::fs::File::create(&gz).unwrap(), flate2::Compression::fast());
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..100 {
        enc.write_all(&chunk).unwrap();
    }
    enc.finish().unwrap();
    let e = read_page_file(&gz, &Limits::default()).unwrap_err();
    assert!(matches!(e, WebError::TooLargeStream { .. }), "{e}");
}

#[test]
fn wrong_declared_charset_falls_back() {
    let html = b"<html><head><meta charset=\"utf-8\"></head><body><article><p>Le caf\xE9 de la gare a rouvert lundi, apr\xE8s trois ans de travaux, dit le maire.</p></article></body></html>";
    let page = read_page(html, None, &Limits::default()).unwrap();
    assert!(page.text.contains("café"), "{}", page.text);
    assert!(page.charset_note.as_deref().unwrap_or("").contains("declared UTF-8"));
    let page = read_page(html, Some("x-no-such-charset"), &Limits::default()).unwrap();
    assert!(page.charset_note.unwrap().contains("unknown charset"));
}

fn member(record: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(record).unwrap();
    enc.finish().unwrap()
}

fn record(kind: &str, content: &[u8], claimed: Option<usize>) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: https://example.org/a\r\nContent-Length: {}\r\n\r\n",
        claimed.unwrap_or(content.len())
    )
    .into_bytes();
    r.extend_from_slice(content);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(body: &str) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{body}").into_bytes()
}

#[test]
fn warc_bad_records_are_reported_with_offsets_and_the_rest_read() {
    let good = record("response", &http(&article("")), None);
    let mut file = member(&record("warcinfo", b"software: test", None));
    file.extend(member(&good));
    let cut_at = file.len() as u64;
    // A record whose content is shorter than its Content-Length says.
    file.extend(member(&record("response", &http("<p>short"), Some(10_000))));
    file.extend(member(&good));
    let truncated_at = file.len() as u64;
    let last = member(&good);
    file.extend_from_slice(&last[..last.len() / 2]);

    let events: Vec<Event> = WarcReader::new(&file[..], true, 1 << 20).collect();
    let responses = events.iter().filter(|e| matches!(e, Event::Response(_))).count();
    assert_eq!(responses, 2, "{events:?}");
    let errors: Vec<(u64, &str)> = events
        .iter()
        .filter_map(|e| if let Event::Error { offset, why } = e { Some((*offset, why.as_str())) } else { None })
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].0, cut_at);
    assert!(errors[0].1.contains("cut off"), "{}", errors[0].1);
    assert_eq!(errors[1].0, truncated_at);
    assert!(errors[1].1.contains("gzip") || errors[1].1.contains("cut off"), "{}", errors[1].1);

    // The same in a plain WARC: the cut-off record at the end.
    let mut plain = record("response", &http(&article("")), None);
    let at = plain.len() as u64;
    plain.extend_from_slice(&record("response", &http(&article("")), None)[..100]);
    let events: Vec<Event> = WarcReader::new(&plain[..], false, 1 << 20).collect();
    assert!(matches!(events[0], Event::Response(_)));
    assert!(matches!(&events[1], Event::Error { offset, .. } if *offset == at), "{events:?}");
}

#[test]
fn warc_record_of_100_mb_streams_past_without_being_held() {
    const BIG: u64 = 100 * 1024 * 1024;
    let head = format!("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: {BIG}\r\n\r\n");
    let tail = record("response", &http(&article("")), None);
    let input = head.as_bytes().chain(std::io::repeat(b'x').take(BIG)).chain(&b"\r\n\r\n"[..]).chain(&tail[..]);
    let events: Vec<Event> = WarcReader::new(input, false, 16 << 20).collect();
    assert!(matches!(&events[0], Event::Error { offset: 0, why } if why.contains("too large")), "{:?}", events[0]);
    assert!(matches!(events[1], Event::Response(_)));
}
