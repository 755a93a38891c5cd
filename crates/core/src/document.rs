//! A document: its original text, its identity and its metadata.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What is known about a document besides its text. Every field is optional: plain text
/// files arrive with none of it, feeds and web pages with some.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Where the document was read from: a file path, or `path:line` for a feed line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A document owns its text once; every annotation refers to it by byte span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// `sha256:` + the hex digest of the text's bytes: the same content always gets the same id,
    /// so ingesting it twice changes nothing.
    pub id: String,
    pub meta: Metadata,
    pub text: String,
}

impl Document {
    pub fn new(text: String, meta: Metadata) -> Document {
        Document { id: content_id(text.as_bytes()), meta, text }
    }
}

/// The content hash that identifies a document.
pub fn content_id(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    format!("sha256:{}", hex::encode(&digest[..16]))
}

/// Parses the publication dates feeds carry: `2024-10-30`, `2024-10-30T12:00:00Z`,
/// `2024-10-30 12:00`, or RFC 2822 (`Wed, 30 Oct 2024 12:00:00 +0000`).
pub fn parse_published(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(prefix) = s.get(..10) {
        if let Ok(d) = NaiveDate::parse_from_str(prefix, "%Y-%m-%d") {
            return Some(d);
        }
    }
    chrono::DateTime::parse_from_rfc2822(s).ok().map(|d| d.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_text_same_id() {
        let a = Document::new("Ryder said so.".into(), Metadata::default());
        let b = Document::new("Ryder said so.".into(), Metadata { title: Some("x".into()), ..Default::default() });
        assert_eq!(a.id, b.id);
        assert_ne!(a.id, Document::new("Ryder said no.".into(), Metadata::default()).id);
    }

    #[test]
    fn published_dates_in_feed_formats() {
        let d = NaiveDate::from_ymd_opt(2024, 10, 30);
        assert_eq!(parse_published("2024-10-30"), d);
        assert_eq!(parse_published("2024-10-30T23:10:00Z"), d);
        assert_eq!(parse_published("Wed, 30 Oct 2024 12:00:00 +0000"), d);
        assert_eq!(parse_published("yesterday"), None);
    }
}
