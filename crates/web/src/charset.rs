//! Decoding a page to UTF-8: the BOM first, then the HTTP header, then `<meta charset>` /
//! `http-equiv`, then UTF-8. A declared charset that is unknown or does not fit the bytes is
//! replaced (UTF-8 when the bytes are valid UTF-8, windows-1252 otherwise) and the fact noted.

use std::sync::OnceLock;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;

/// A page decoded to UTF-8.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    /// Why the declared charset was not used, if it was not.
    pub note: Option<String>,
}

/// How far into the page `<meta charset>` is looked for (the HTML standard says 1024 bytes;
/// real pages put it later, after long comments or scripts).
const PRESCAN: usize = 8192;

fn meta_charset(bytes: &[u8]) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r#"(?i-u)<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).expect("valid regex")
    });
    let head = &bytes[..bytes.len().min(PRESCAN)];
    re.captures(head).and_then(|c| c.get(1)).map(|m| String::from_utf8_lossy(m.as_bytes()).into_owned())
}

/// Decodes `bytes`; `http_charset` is the charset of an HTTP `Content-Type` header.
pub fn decode(bytes: &[u8], http_charset: Option<&str>) -> Decoded {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Decoded { text: text.into_owned(), encoding: enc, note: None };
    }
    let declared = http_charset.map(str::to_string).or_else(|| meta_charset(bytes));
    let mut note = None;
    let enc = match declared.as_deref() {
        None => None,
        Some(label) => match Encoding::for_label(label.trim().as_bytes()) {
            // A page cannot really be UTF-16 without a BOM; the standard reads it as UTF-8.
            Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => Some(UTF_8),
            Some(e) if e == encoding_rs::REPLACEMENT => {
                note = Some(format!("charset {label:?} cannot be decoded; read as UTF-8 or windows-1252"));
                None
            }
            Some(e) => Some(e),
            None => {
                note = Some(format!("unknown charset {label:?}; read as UTF-8 or windows-1252"));
                None
            }
        },
    };
    let utf8_ok = std::str::from_utf8(bytes).is_ok();
    let enc = match enc {
        Some(e) if e == UTF_8 && !utf8_ok => {
            note = Some("declared UTF-8 but the bytes are not; read as windows-1252".into());
            WINDOWS_1252
        }
        Some(e) if e != UTF_8 && utf8_ok && !bytes.is_ascii() && !e.is_single_byte() => {
            // Valid non-ASCII UTF-8 is almost never an accident of another multi-byte charset.
            note = Some(format!("declared {} but the bytes are UTF-8; read as UTF-8", e.name()));
            UTF_8
        }
        Some(e) => {
            let (_, _, errors) = e.decode(bytes);
            if errors {
                let fallback = if utf8_ok { UTF_8 } else { WINDOWS_1252 };
                note = Some(format!("declared {} does not fit the bytes; read as {}", e.name(), fallback.name()));
                fallback
            } else {
                e
            }
        }
        None if utf8_ok => UTF_8,
        None => WINDOWS_1252,
    };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding: enc, note }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_in_order() {
        assert_eq!(decode(b"\xEF\xBB\xBFcaf\xC3\xA9", Some("latin1")).text, "café");
        assert_eq!(decode(b"<meta charset=\"iso-8859-1\">caf\xE9", None).text, "<meta charset=\"iso-8859-1\">café");
        assert_eq!(decode(b"caf\xE9", Some("windows-1252")).text, "café");
        let d = decode(b"<meta http-equiv=Content-Type content=\"text/html; charset=koi8-r\">\xF0", None);
        assert_eq!(d.encoding.name(), "KOI8-R");
    }

    #[test]
    fn wrong_charsets_fall_back() {
        let d = decode(b"<meta charset=utf-8>caf\xE9", None);
        assert_eq!(d.encoding, WINDOWS_1252);
        assert!(d.note.is_some());
        assert!(d.text.ends_with("café"));
        let d = decode("<meta charset=shift_jis>Zelensky’s".as_bytes(), None);
        assert!(d.text.ends_with("Zelensky’s"), "{}", d.text);
        let d = decode(b"<meta charset=no-such-thing>abc", None);
        assert!(d.note.unwrap().contains("unknown charset"));
        assert_eq!(d.encoding, UTF_8);
    }
}
