//! The HTTP response inside a WARC `response` record: status, `Content-Type` (with its
//! charset), and the body, un-chunked and un-gzipped.

use std::io::Read;

/// A parsed HTTP response.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    /// The media type, lower case, without parameters.
    pub media_type: Option<String>,
    pub charset: Option<String>,
    pub body: Vec<u8>,
}

impl Response {
    /// Whether the body is an HTML page (by its media type, or by a look at it when untyped).
    pub fn is_html(&self) -> bool {
        match self.media_type.as_deref() {
            Some(t) => t.contains("html"),
            None => {
                let head = &self.body[..self.body.len().min(512)];
                let s = String::from_utf8_lossy(head).to_ascii_lowercase();
                s.trim_start().starts_with('<') && (s.contains("<html") || s.contains("<!doctype"))
            }
        }
    }
}

/// Longest HTTP header read.
const MAX_HEADER: usize = 256 * 1024;

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Parses an HTTP response block; `limit` bounds the decoded body.
pub fn parse_response(block: &[u8], limit: u64) -> Result<Response, String> {
    let scan = &block[..block.len().min(MAX_HEADER)];
    let (head_end, body_start) = match (find(scan, b"\r\n\r\n"), find(scan, b"\n\n")) {
        (Some(a), Some(b)) if b < a => (b, b + 2),
        (Some(a), _) => (a, a + 4),
        (None, Some(b)) => (b, b + 2),
        (None, None) => return Err("no end of the HTTP header".into()),
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let mut parts = status_line.split_whitespace();
    let version = parts.next().unwrap_or("");
    if !version.starts_with("HTTP/") {
        return Err(format!("status line {:?} is not HTTP", truncate(status_line)));
    }
    let status: u16 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no status code in {:?}", truncate(status_line)))?;
    let mut media_type = None;
    let mut charset = None;
    let mut chunked = false;
    let mut encoding = None;
    for line in lines {
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!("header line {:?} has no colon", truncate(line)));
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => {
                let mut params = value.split(';');
                media_type = params.next().map(|t| t.trim().to_ascii_lowercase()).filter(|t| !t.is_empty());
                for p in params {
                    if let Some((k, v)) = p.split_once('=') {
                        if k.trim().eq_ignore_ascii_case("charset") {
                            charset = Some(v.trim().trim_matches(['"', '\'']).to_string()).filter(|c| !c.is_empty());
                        }
                    }
                }
            }
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = Some(value.to_ascii_lowercase()),
            _ => {}
        }
    }
    let raw = &block[body_start.min(block.len())..];
    let body = if chunked { dechunk(raw).unwrap_or_else(|| raw.to_vec()) } else { raw.to_vec() };
    let body = match encoding.as_deref() {
        None | Some("" | "identity" | "none") => body,
        Some("gzip" | "x-gzip") if body.starts_with(&[0x1f, 0x8b]) => {
            inflate(flate2::read::MultiGzDecoder::new(&body[..]), limit)?
        }
        Some("deflate") => inflate(flate2::read::ZlibDecoder::new(&body[..]), limit)
            .or_else(|_| inflate(flate2::read::DeflateDecoder::new(&body[..]), limit))?,
        // Archives often store the body already decoded while keeping the header.
        Some("gzip" | "x-gzip") => body,
        Some(other) => return Err(format!("unsupported Content-Encoding {other:?}")),
    };
    Ok(Response { status, media_type, charset, body })
}

fn inflate(r: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    r.take(limit.saturating_add(1)).read_to_end(&mut out).map_err(|e| format!("cannot decompress the body: {e}"))?;
    if out.len() as u64 > limit {
        return Err(format!("body too large (more than {limit} bytes once decompressed)"));
    }
    Ok(out)
}

fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    loop {
        let nl = find(raw, b"\r\n")?;
        let size_str = std::str::from_utf8(&raw[..nl]).ok()?;
        let size = usize::from_str_radix(size_str.split(';').next()?.trim(), 16).ok()?;
        raw = &raw[nl + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(raw.get(..size)?);
        raw = raw.get(size..)?;
        raw = raw.strip_prefix(b"\r\n").unwrap_or(raw);
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses() {
        let r = parse_response(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\n\r\n<p>x", 100)
            .unwrap();
        assert_eq!((r.status, r.charset.as_deref(), r.is_html()), (200, Some("ISO-8859-1"), true));
        assert_eq!(r.body, b"<p>x");
        let r = parse_response(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n<p>\r\n1\r\nx\r\n0\r\n\r\n",
            100,
        )
        .unwrap();
        assert_eq!(r.body, b"<p>x");
        assert!(parse_response(b"garbage\r\n\r\n<p>x", 100).unwrap_err().contains("not HTTP"));
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nContent-Type text/html\r\n\r\nx", 100).is_err());
        assert!(parse_response(b"HTTP/1.1 200 OK", 100).is_err());
    }
}
