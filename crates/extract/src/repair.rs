//! Repair of scraped text without rewriting it.
//!
//! Scraped articles arrive with hard line wraps in the middle of sentences, a title line,
//! sub-headings, inline "(Related: …)" links, promotions and a tail of related stories and
//! sources. This stage never changes a byte: it reports which newlines read as spaces
//! ([`Repair::soft_breaks`]) and marks the non-body stretches as regions, so that every later
//! span still points at the original bytes. [`Repair::reading_text`] gives the text with soft
//! breaks read as spaces — the same length, so offsets carry over unchanged.

use dossier_core::{Region, RegionKind, Span};

use crate::segment::{is_quote_char, is_sentence_starter};
use crate::words::en;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Repair {
    pub regions: Vec<Region>,
    /// Byte offsets of newlines that sit inside a sentence (hard wraps).
    pub soft_breaks: Vec<u32>,
    /// The outlets or sites listed under "Sources include:" and the like.
    pub cited_sources: Vec<Span>,
}

impl Repair {
    /// The text with every soft break, and every control character but tab, newline and
    /// carriage return, read as a space. Same byte length as `text`. A control character glued
    /// into scraped text ("good.\x01 Putin") would otherwise hold two sentences together.
    pub fn reading_text(&self, text: &str) -> String {
        let mut bytes = text.as_bytes().to_vec();
        for b in bytes.iter_mut() {
            // ASCII controls are one byte and never inside a multi-byte character.
            if (b.is_ascii_control() && !matches!(*b, b'\t' | b'\n' | b'\r')) || *b == 0x7f {
                *b = b' ';
            }
        }
        for &b in &self.soft_breaks {
            // A soft break is always a '\n' (checked when it is made), and a space is one byte too,
            // so the result stays valid UTF-8 with identical offsets.
            bytes[b as usize] = b' ';
        }
        String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
    }
}

/// One physical line of the input, without its line terminator.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    start: usize,
    /// Offset of the terminating '\n', or the text length for the last line.
    newline: usize,
    text: &'a str,
}

impl Line<'_> {
    fn trimmed(&self) -> &str {
        self.text.trim()
    }
    fn span(&self) -> Span {
        let lead = self.text.len() - self.text.trim_start().len();
        let s = self.start + lead;
        Span::new(s, s + self.trimmed().len())
    }
    fn is_blank(&self) -> bool {
        self.trimmed().is_empty()
    }
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let raw = &text[start..i];
            out.push(Line { start, newline: i, text: raw.strip_suffix('\r').unwrap_or(raw) });
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(Line { start, newline: text.len(), text: &text[start..] });
    }
    out
}

/// Lines that open a list of related stories at the end of an article.
fn is_related_stories_header(line: &str) -> bool {
    let l = line.trim().trim_end_matches(':').trim().to_lowercase();
    matches!(
        l.as_str(),
        "more related stories"
            | "related stories"
            | "related articles"
            | "more stories"
            | "related"
            | "related news"
            | "related posts"
            | "you may also like"
            | "read more"
            | "more from this author"
            | "recommended"
            | "recommended stories"
            | "trending"
    )
}

/// Lines that open the article's own list of sources.
fn is_sources_header(line: &str) -> bool {
    let l = line.trim().trim_end_matches(':').trim().to_lowercase();
    matches!(l.as_str(), "sources include" | "sources" | "source" | "references" | "sources for this article include")
}

fn is_promotion_opener(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    en().promotion_openers.iter().any(|p| l.starts_with(p))
}

fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with(['.', '!', '?', '…', '"', '”', '’', ')', ':', ';'])
}

/// The last word of a line, for wrap decisions.
fn last_word(line: &str) -> &str {
    line.trim_end().rsplit(char::is_whitespace).next().unwrap_or("")
}

fn first_word(line: &str) -> &str {
    line.trim_start().split(char::is_whitespace).next().unwrap_or("")
}

fn dangling_end(line: &str) -> bool {
    let w = last_word(line).to_lowercase();
    en().dangling_words.contains(&w) || w.ends_with("'s") || w.ends_with("’s") || w.ends_with(',')
}

/// A stand-alone line that names a section: no final punctuation, a few words, a capital start,
/// and a following line that starts a new sentence.
fn looks_like_heading(line: &str, next: Option<&str>) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    if !(3..=20).contains(&words) || ends_sentence(t) || dangling_end(t) {
        return false;
    }
    if !t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
        return false;
    }
    match next {
        Some(n) => n.trim_start().chars().next().is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“' | '‘')),
        None => false,
    }
}

/// Finds "(Related: …)" links inside a stretch, which may run over a wrap.
fn inline_related_links(text: &str, out: &mut Vec<Region>) {
    const OPENERS: &[&str] = &["(Related:", "(RELATED:", "(Read more:", "(READ MORE:", "(See also:", "(Also read:"];
    for opener in OPENERS {
        let mut from = 0;
        while let Some(pos) = text[from..].find(opener) {
            let start = from + pos;
            let close = text[start..].find(')').map(|c| start + c + 1);
            // A link that never closes runs to the end of its line.
            let end = close.unwrap_or_else(|| text[start..].find('\n').map_or(text.len(), |n| start + n));
            out.push(Region { span: Span::new(start, end), kind: RegionKind::RelatedLink });
            from = end.max(start + 1);
        }
    }
}

/// Runs the repair stage over the original text.
pub fn repair(text: &str) -> Repair {
    let lines = lines(text);
    let mut regions: Vec<Region> = Vec::new();
    let mut cited_sources = Vec::new();
    // Per line: is it part of a marked region that ends at the line end (no wrap across it)?
    let mut closed = vec![false; lines.len()];

    let nonblank: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_blank()).collect();

    // Tail lists: everything from a header line to the next header or the end.
    let mut tail_start = lines.len();
    for (k, &i) in nonblank.iter().enumerate() {
        let t = lines[i].trimmed();
        let kind = if is_sources_header(t) {
            RegionKind::SourceList
        } else if is_related_stories_header(t) && k > 0 {
            RegionKind::RelatedStories
        } else {
            continue;
        };
        tail_start = tail_start.min(i);
        let end_line = nonblank[k + 1..]
            .iter()
            .copied()
            .find(|&j| is_sources_header(lines[j].trimmed()) || is_related_stories_header(lines[j].trimmed()));
        let last = end_line.map_or(*nonblank.last().unwrap_or(&i), |j| {
            nonblank[..nonblank.iter().position(|&x| x == j).unwrap_or(0)].last().copied().unwrap_or(i)
        });
        let span = lines[i].span().cover(lines[last].span());
        regions.push(Region { span, kind });
        for c in closed.iter_mut().take(last + 1).skip(i) {
            *c = true;
        }
        if kind == RegionKind::SourceList {
            for &j in nonblank.iter().filter(|&&j| j > i && j <= last) {
                cited_sources.push(lines[j].span());
            }
        }
    }

    // Promotions: from an opener line through its wrapped continuation lines.
    let mut k = 0;
    while k < nonblank.len() {
        let i = nonblank[k];
        if i >= tail_start || !is_promotion_opener(lines[i].trimmed()) {
            k += 1;
            continue;
        }
        let mut last = k;
        while last + 1 < nonblank.len() && nonblank[last + 1] < tail_start {
            let cur = lines[nonblank[last]].trimmed();
            let next = lines[nonblank[last + 1]].trimmed();
            if !ends_sentence(cur) || is_promotion_opener(next) {
                last += 1;
            } else {
                break;
            }
        }
        let span = lines[i].span().cover(lines[nonblank[last]].span());
        regions.push(Region { span, kind: RegionKind::Promotion });
        for &j in &nonblank[k..=last] {
            closed[j] = true;
        }
        k = last + 1;
    }

    // Title: the first line, when it does not read as the start of a running sentence.
    if let (Some(&first), Some(&second)) = (nonblank.first(), nonblank.get(1)) {
        let t = lines[first].trimmed();
        let words = t.split_whitespace().count();
        let blank_after = second > first + 1;
        let next_opens = lines[second].trimmed().chars().next().is_some_and(|c| c.is_uppercase() || is_quote_char(c));
        let lw = last_word(t).to_lowercase();
        let cut_short = ["a", "an", "the", "of", "and", "or", "that", "to"].contains(&lw.as_str()) || t.ends_with(',');
        if !closed[first] && words <= 30 && !cut_short && ((!ends_sentence(t) && next_opens) || blank_after) {
            regions.push(Region { span: lines[first].span(), kind: RegionKind::Title });
            closed[first] = true;
        }
    }

    // Sub-headings: stand-alone lines between sentences.
    for (k, &i) in nonblank.iter().enumerate().skip(1) {
        if closed[i] || i >= tail_start {
            continue;
        }
        let prev = nonblank[k - 1];
        let prev_ends = prev + 1 < i || closed[prev] || ends_sentence(lines[prev].trimmed());
        let next = nonblank.get(k + 1).map(|&j| lines[j].trimmed());
        if prev_ends && looks_like_heading(lines[i].trimmed(), next) {
            regions.push(Region { span: lines[i].span(), kind: RegionKind::Subheading });
            closed[i] = true;
        }
    }

    inline_related_links(text, &mut regions);

    // Soft breaks: a single newline between two lines of one running sentence.
    const SHORT_LINE: usize = 50;
    let mut soft_breaks = Vec::new();
    for w in 0..lines.len().saturating_sub(1) {
        let (cur, next) = (&lines[w], &lines[w + 1]);
        if cur.is_blank() || next.is_blank() || closed[w] || closed[w + 1] {
            continue;
        }
        let t = cur.trimmed();
        let wraps = if !ends_sentence(t) {
            // A short line that ends in a capitalised word, before a capitalised line, is a line of
            // its own (a signature, a list, a byline: "Debra Perlingiere⏎Jackie Taylor"). Prose
            // wraps long lines, goes on in lower case, or stops at a small word ("… has stated
            // that⏎Ukraine should …").
            let capital = |w: &str| w.starts_with(char::is_uppercase);
            t.chars().count() >= SHORT_LINE || !capital(last_word(t)) || !capital(next.text.trim_start())
        } else {
            // "According to U.S.\nDepartment of Defense": an abbreviation at the line end does not
            // end the sentence unless the next line opens like a new one.
            let lw = last_word(t);
            let abbreviation = en().abbreviations_before_names.contains(lw)
                || (lw.len() >= 4 && lw.ends_with('.') && lw.matches('.').count() >= 2);
            abbreviation && !is_sentence_starter(first_word(next.text))
        };
        // Only a real '\n' becomes a space ("\r\n": the '\r' already reads as whitespace).
        if wraps && text.as_bytes().get(cur.newline) == Some(&b'\n') {
            soft_breaks.push(cur.newline as u32);
        }
    }

    regions.sort_by_key(|r| (r.span.start, r.span.end));
    // An inline related link inside a larger region adds nothing.
    let mut merged: Vec<Region> = Vec::new();
    for r in regions {
        if merged.last().is_some_and(|m: &Region| m.span.contains(r.span)) {
            continue;
        }
        merged.push(r);
    }
    Repair { regions: merged, soft_breaks, cited_sources }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCRAPED: &str = "Minister says talks will go on\nThe minister said on Monday that the talks\nwould continue. According to U.S.\nDepartment of State officials, nothing changed.\nA new round of talks\nThe next round starts soon. (Related:\nTalks stall again.)\nWatch this video about the talks\nfrom our channel.\nMore related stories:\nTalks stall.\nSources include:\nExample.com\nNews.org";

    fn kinds(r: &Repair, text: &str) -> Vec<(RegionKind, String)> {
        r.regions.iter().map(|g| (g.kind, g.span.slice(text).unwrap().to_string())).collect()
    }

    #[test]
    fn marks_title_heading_links_promotions_and_tail() {
        let r = repair(SCRAPED);
        let k = kinds(&r, SCRAPED);
        assert!(k.contains(&(RegionKind::Title, "Minister says talks will go on".into())), "{k:?}");
        assert!(k.contains(&(RegionKind::Subheading, "A new round of talks".into())), "{k:?}");
        assert!(k.contains(&(RegionKind::RelatedLink, "(Related:\nTalks stall again.)".into())), "{k:?}");
        assert!(
            k.contains(&(RegionKind::Promotion, "Watch this video about the talks\nfrom our channel.".into())),
            "{k:?}"
        );
        assert!(k.contains(&(RegionKind::RelatedStories, "More related stories:\nTalks stall.".into())), "{k:?}");
        assert!(k.contains(&(RegionKind::SourceList, "Sources include:\nExample.com\nNews.org".into())), "{k:?}");
        let sources: Vec<_> = r.cited_sources.iter().map(|s| s.slice(SCRAPED).unwrap()).collect();
        assert_eq!(sources, ["Example.com", "News.org"]);
    }

    #[test]
    fn wraps_read_as_spaces_and_offsets_stay() {
        let r = repair(SCRAPED);
        let reading = r.reading_text(SCRAPED);
        assert_eq!(reading.len(), SCRAPED.len());
        assert!(reading.contains("the talks would continue."));
        assert!(reading.contains("According to U.S. Department of State"));
        // A line that ends a sentence keeps its newline.
        assert!(reading.contains("nothing changed.\nA new round"));
    }

    #[test]
    fn short_lines_before_a_capital_stay_lines() {
        let text = "Re: the meeting\n\nThe figures you sent are fine and we will go through them all at the\nmeeting on Monday.\nDebra Perlingiere\nJackie Taylor\nlegal department\n";
        let reading = repair(text).reading_text(text);
        // A long line wraps; a short one before a capital does not; before lower case it does.
        assert!(
            reading.contains("all at the meeting on Monday.\nDebra Perlingiere\nJackie Taylor legal"),
            "{reading:?}"
        );
        // A short line that stops at a small word runs on, capital or not.
        let text = "Talks resume\n\nThe minister has said that\nThe Hague would host them.\n";
        assert!(repair(text).reading_text(text).contains("said that The Hague"));
    }

    #[test]
    fn plain_paragraphs_have_no_regions() {
        let text = "The council met on Monday.\nIt agreed to raise taxes.\n";
        let r = repair(text);
        assert!(r.regions.is_empty(), "{:?}", r.regions);
        assert!(r.soft_breaks.is_empty());
    }
}
