//! A streaming WARC 1.0/1.1 reader that knows where every record starts.
//!
//! Plain `.warc` files and `.warc.gz` files are read; a `.warc.gz` is a series of gzip members
//! (Common Crawl puts one record in each) or one member holding them all. Every event carries
//! the byte offset of its record in the file (for a gzipped file, the offset of the gzip member
//! it starts in), so that an error can be found again. Only one record is held in memory at a
//! time, and never more than the size limit: larger records are skipped as they stream by.
//!
//! After a bad record the reader carries on: in a gzipped file at the next gzip member, in a
//! plain file at the next `WARC/` version line.

use std::io::{self, BufRead, BufReader, Read};

use flate2::bufread::GzDecoder;

/// What the reader found next.
#[derive(Debug)]
pub enum Event {
    /// A `response` record.
    Response(Record),
    /// A record of another type (`warcinfo`, `request`, `metadata`, …), skipped.
    Skipped { offset: u64, kind: String },
    /// A record that could not be read; reading goes on after it.
    Error { offset: u64, why: String },
}

/// A `response` record: its headers of interest and its content block (the HTTP response).
#[derive(Debug, Clone)]
pub struct Record {
    pub offset: u64,
    pub version: String,
    pub target_uri: Option<String>,
    pub date: Option<String>,
    pub block: Vec<u8>,
}

/// Counts the bytes taken from the underlying reader.
struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

type Src<R> = Counting<BufReader<R>>;

enum State<R: Read> {
    Plain(Src<R>),
    /// Between gzip members.
    Gz(Src<R>),
    /// Inside the gzip member that starts at `start`.
    Member {
        dec: Box<BufReader<GzDecoder<Src<R>>>>,
        start: u64,
    },
    Done,
}

/// Longest WARC header line, and most header lines, accepted.
const MAX_LINE: usize = 64 * 1024;
const MAX_HEADER_LINES: usize = 256;

/// Reads the records of one WARC file.
pub struct WarcReader<R: Read> {
    state: State<R>,
    max_record: u64,
}

impl<R: Read> WarcReader<R> {
    /// A reader over `inner`; `gzipped` for `.warc.gz`. Records whose content is larger than
    /// `max_record` bytes are reported as errors and skipped without being held.
    pub fn new(inner: R, gzipped: bool, max_record: u64) -> Self {
        let src = Counting { inner: BufReader::with_capacity(256 * 1024, inner), pos: 0 };
        let state = if gzipped { State::Gz(src) } else { State::Plain(src) };
        WarcReader { state, max_record }
    }
}

/// What reading one record from a stream gave.
enum Got {
    Event(Event),
    /// A clean end of the stream (or of the gzip member).
    End,
    /// The record could not be read, and the stream cannot be trusted past this point.
    Broken(Event),
}

impl<R: Read> Iterator for WarcReader<R> {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Plain(mut src) => {
                    let start = src.pos;
                    match read_record(&mut src, start, self.max_record, false) {
                        Got::Event(e) => {
                            self.state = State::Plain(src);
                            return Some(e);
                        }
                        Got::End => return None,
                        Got::Broken(e) => {
                            // Carry on at the next version line.
                            if resync_plain(&mut src).unwrap_or(false) {
                                self.state = State::Plain(src);
                            }
                            return Some(e);
                        }
                    }
                }
                State::Gz(mut src) => match src.fill_buf() {
                    Ok([]) => return None,
                    Ok(_) => {
                        let start = src.pos;
                        let dec = Box::new(BufReader::with_capacity(64 * 1024, GzDecoder::new(src)));
                        self.state = State::Member { dec, start };
                    }
                    Err(e) => return Some(Event::Error { offset: src.pos, why: format!("read error: {e}") }),
                },
                State::Member { mut dec, start } => match read_record(&mut *dec, start, self.max_record, true) {
                    Got::Event(e) => {
                        self.state = State::Member { dec, start };
                        return Some(e);
                    }
                    Got::End => {
                        // The member ended cleanly: the next one starts right after it.
                        self.state = State::Gz(dec.into_inner().into_inner());
                    }
                    Got::Broken(e) => {
                        let mut src = dec.into_inner().into_inner();
                        if src.pos <= start {
                            src.consume(1);
                        }
                        if next_gzip_member(&mut src).unwrap_or(false) {
                            self.state = State::Gz(src);
                        }
                        return Some(e);
                    }
                },
            }
        }
    }
}

/// Skips to the next gzip member header (`1f 8b 08`); false at the end of input.
fn next_gzip_member<R: BufRead>(src: &mut Counting<R>) -> io::Result<bool> {
    let mut prev: Option<u8> = None;
    loop {
        let buf = src.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        if prev == Some(0x1f) && buf[0] == 0x8b {
            // The member began one byte back, already consumed; it cannot be read from its
            // start any more, so look for the one after it.
            prev = None;
            src.consume(1);
            continue;
        }
        if let Some(i) = buf.windows(2).position(|w| w == [0x1f, 0x8b]) {
            src.consume(i);
            return Ok(true);
        }
        let n = buf.len();
        prev = buf.last().copied();
        src.consume(n);
    }
}

/// Skips to the next line that starts with `WARC/1.`; false at the end of input.
fn resync_plain<R: BufRead>(src: &mut Counting<R>) -> io::Result<bool> {
    loop {
        let buf = src.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        if buf.len() >= 7 && buf.starts_with(b"WARC/1.") {
            return Ok(true);
        }
        // Drop this line.
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => src.consume(i + 1),
            None => {
                let n = buf.len();
                src.consume(n);
            }
        }
    }
}

/// Reads one line (without its CR LF) of at most `MAX_LINE` bytes; `None` at the end of input.
fn read_line(r: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    let n = r.by_ref().take(MAX_LINE as u64 + 1).read_until(b'\n', &mut line)?;
    if n == 0 {
        return Ok(None);
    }
    if line.len() > MAX_LINE {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "header line too long"));
    }
    while line.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
        line.pop();
    }
    Ok(Some(line))
}

fn err(offset: u64, why: impl Into<String>) -> Got {
    Got::Broken(Event::Error { offset, why: why.into() })
}

fn io_err(offset: u64, e: &io::Error, gz: bool) -> Got {
    if gz {
        err(offset, format!("bad gzip data: {e}"))
    } else {
        err(offset, format!("read error: {e}"))
    }
}

/// Reads one record. `pos` is the offset to report when the stream cannot say better.
fn read_record<S: Positioned>(src: &mut S, member_start: u64, max: u64, gz: bool) -> Got {
    // Blank lines between records.
    let (offset, version) = loop {
        let offset = if gz { member_start } else { src.position() };
        match read_line(src) {
            Ok(None) => return Got::End,
            Ok(Some(l)) if l.is_empty() => continue,
            Ok(Some(l)) => break (offset, String::from_utf8_lossy(&l).into_owned()),
            Err(e) => return io_err(offset, &e, gz),
        }
    };
    if !version.starts_with("WARC/") {
        let shown: String = version.chars().take(40).collect();
        return err(offset, format!("not a WARC record (expected a WARC/1.x line, found {shown:?})"));
    }
    let mut length: Option<u64> = None;
    let mut kind = None;
    let mut target_uri = None;
    let mut date = None;
    let mut lines = 0usize;
    loop {
        let line = match read_line(src) {
            Ok(Some(l)) => l,
            Ok(None) => return err(offset, "record cut off inside its header"),
            Err(e) => return io_err(offset, &e, gz),
        };
        if line.is_empty() {
            break;
        }
        lines += 1;
        if lines > MAX_HEADER_LINES {
            return err(offset, "WARC header has too many lines");
        }
        let line = String::from_utf8_lossy(&line);
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => match value.parse() {
                Ok(n) => length = Some(n),
                Err(_) => return err(offset, format!("bad Content-Length {value:?}")),
            },
            "warc-type" => kind = Some(value.to_string()),
            "warc-target-uri" => target_uri = Some(value.trim_matches(['<', '>']).to_string()),
            "warc-date" => date = Some(value.to_string()),
            _ => {}
        }
    }
    let Some(length) = length else { return err(offset, "WARC header has no Content-Length") };
    let kind = kind.unwrap_or_default();
    let keep = kind.eq_ignore_ascii_case("response") && length <= max;
    let mut block = Vec::new();
    let got = if keep {
        src.by_ref().take(length).read_to_end(&mut block).map(|n| n as u64)
    } else {
        io::copy(&mut src.by_ref().take(length), &mut io::sink())
    };
    match got {
        Ok(n) if n < length => {
            return err(offset, format!("record cut off: {n} of {length} content bytes"));
        }
        Ok(_) => {}
        Err(e) => return io_err(offset, &e, gz),
    }
    // The record ends with CR LF CR LF.
    let mut end = [0u8; 4];
    let mut have = 0;
    while have < 4 {
        match src.read(&mut end[have..]) {
            Ok(0) => break,
            Ok(n) => have += n,
            Err(e) => return io_err(offset, &e, gz),
        }
    }
    let tail = &end[..have];
    if !(tail.is_empty() || b"\r\n\r\n".starts_with(tail) || tail == b"\n\n" || tail.starts_with(b"\n\n")) {
        return err(offset, format!("record does not end after its {length} content bytes (wrong Content-Length?)"));
    }
    if !kind.eq_ignore_ascii_case("response") {
        return Got::Event(Event::Skipped { offset, kind });
    }
    if length > max {
        return Got::Event(Event::Error {
            offset,
            why: format!("record too large ({length} bytes > limit {max}); skipped"),
        });
    }
    Got::Event(Event::Response(Record { offset, version, target_uri, date, block }))
}

/// A stream that can say how far it has read (plain files only; gzip members report their
/// start).
trait Positioned: BufRead {
    fn position(&self) -> u64;
}

impl<R: BufRead> Positioned for Counting<R> {
    fn position(&self) -> u64 {
        self.pos
    }
}

impl<R: Read> Positioned for BufReader<GzDecoder<R>>
where
    GzDecoder<R>: Read,
{
    fn position(&self) -> u64 {
        0
    }
}
