//! Byte spans over a document's original text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's original text.
///
/// Spans are the one way annotations point at text: no annotation copies a substring.
/// Offsets are bytes (not chars) and always lie on UTF-8 boundaries of the text they
/// were made for; [`Span::slice`] checks this instead of panicking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// Builds a span; `start > end` is a bug in the caller, so the bounds are swapped into order
    /// rather than producing an inverted span.
    pub fn new(start: usize, end: usize) -> Span {
        let (start, end) = if start <= end { (start, end) } else { (end, start) };
        Span { start: start as u32, end: end as u32 }
    }

    pub fn start(self) -> usize {
        self.start as usize
    }

    pub fn end(self) -> usize {
        self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text under the span, or `None` when the span is out of range or cuts a character.
    pub fn slice(self, text: &str) -> Option<&str> {
        text.get(self.start()..self.end())
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The number of bytes the two spans share.
    pub fn overlap_len(self, other: Span) -> usize {
        let s = self.start.max(other.start);
        let e = self.end.min(other.end);
        e.saturating_sub(s) as usize
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// Shrinks a span so that it neither starts nor ends with whitespace or the given punctuation.
pub fn trim_span(text: &str, span: Span, punct: &[char]) -> Span {
    let Some(s) = span.slice(text) else { return span };
    let is_trim = |c: char| c.is_whitespace() || punct.contains(&c);
    let lead = s.len() - s.trim_start_matches(is_trim).len();
    let trimmed = s.trim_end_matches(is_trim);
    if trimmed.len() <= lead {
        return Span::new(span.start(), span.start());
    }
    Span::new(span.start() + lead, span.start() + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_refuses_to_cut_a_character() {
        let text = "Zelensky’s";
        assert_eq!(Span::new(0, 8).slice(text), Some("Zelensky"));
        assert_eq!(Span::new(0, 9).slice(text), None);
    }

    #[test]
    fn trim_drops_spaces_and_punctuation() {
        let text = " \"fake news,\" ";
        let t = trim_span(text, Span::new(0, text.len()), &['"', ',']);
        assert_eq!(t.slice(text), Some("fake news"));
    }

    #[test]
    fn overlap_len_counts_shared_bytes() {
        assert_eq!(Span::new(0, 10).overlap_len(Span::new(5, 20)), 5);
        assert_eq!(Span::new(0, 5).overlap_len(Span::new(5, 20)), 0);
    }
}
