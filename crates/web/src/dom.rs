//! What the extractor needs from the parsed tree: a flat arena in document order (so that every
//! walk is a loop, never a recursion), tag classes, and the depth guard applied before parsing.

use std::borrow::Cow;

use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{Html, Node};

/// Elements that hold no text of an article (scripts, forms, media, navigation).
pub(crate) const REMOVED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "math", "canvas", "object", "embed", "video", "audio",
    "head", "select", "button", "input", "textarea", "nav", "aside", "footer", "dialog", "menu", "link", "meta",
    "title", "label", "option", "picture", "source", "map",
];

/// Elements that start a new line of text.
pub(crate) const BLOCK: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "form",
    "frame",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
    "html",
    "br",
];

pub(crate) fn is_block(tag: &str) -> bool {
    BLOCK.contains(&tag)
}

/// One node of the arena. Children follow their parent; a subtree is `idx..idx + size`.
pub(crate) struct Item<'a> {
    pub parent: usize,
    pub el: Option<&'a Element>,
    pub text: Option<&'a str>,
    pub size: usize,
}

impl Item<'_> {
    pub fn tag(&self) -> &str {
        self.el.map_or("", |e| e.name())
    }
}

/// The document in preorder; index 0 is the document node. `parent` of the root is itself.
pub(crate) fn arena(doc: &Html) -> Vec<Item<'_>> {
    let mut items: Vec<Item<'_>> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                let idx = items.len();
                let parent = stack.last().copied().unwrap_or(0);
                let (el, text) = match node.value() {
                    Node::Element(e) => (Some(e), None),
                    Node::Text(t) => (None, Some(&**t)),
                    _ => (None, None),
                };
                items.push(Item { parent, el, text, size: 1 });
                stack.push(idx);
            }
            Edge::Close(_) => {
                if let Some(idx) = stack.pop() {
                    items[idx].size = items.len() - idx;
                }
            }
        }
    }
    items
}

/// Elements that the parser closes by themselves (or never opens), left out of the depth count.
const NOT_COUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp",
    "html", "head", "body", "image", "keygen", "frame",
];

/// A tag found by the scanner: where it starts and ends, whether it closes, its name.
struct Tag<'a> {
    start: usize,
    end: usize,
    closing: bool,
    name: &'a str,
}

/// Scans tags without a tree. Comments are skipped; the content of `script`, `style`,
/// `textarea` and `title` is skipped to their end tag.
fn scan_tags(html: &str) -> impl Iterator<Item = Tag<'_>> {
    let b = html.as_bytes();
    let mut i = 0usize;
    let mut raw_until: Option<&'static str> = None;
    std::iter::from_fn(move || loop {
        let lt = i + memchr(b'<', &b[i..])?;
        i = lt + 1;
        if b[i..].starts_with(b"!--") {
            i = find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let mut j = name_start;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
            j += 1;
        }
        if j == name_start || !b[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = &html[name_start..j];
        if let Some(raw) = raw_until {
            if !(closing && name.eq_ignore_ascii_case(raw)) {
                continue;
            }
            raw_until = None;
        }
        // The end of the tag, honouring quoted attribute values.
        let mut k = j;
        let mut quote = 0u8;
        while k < b.len() {
            match (quote, b[k]) {
                (0, b'>') => break,
                (0, q @ (b'"' | b'\'')) => quote = q,
                (q, c) if q != 0 && c == q => quote = 0,
                _ => {}
            }
            k += 1;
        }
        let end = (k + 1).min(b.len());
        i = end;
        if !closing {
            for raw in ["script", "style", "textarea", "title", "xmp", "plaintext"] {
                if name.eq_ignore_ascii_case(raw) {
                    raw_until = Some(raw);
                }
            }
        }
        return Some(Tag { start: lt, end, closing, name });
    })
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

fn counted(tag: &Tag<'_>, html: &str) -> bool {
    let lower = tag.name.to_ascii_lowercase();
    !NOT_COUNTED.contains(&lower.as_str()) && !html[tag.start..tag.end].ends_with("/>")
}

/// Drops the tags of elements nested deeper than `max_depth` (their text stays), the way
/// browsers cap the depth of the tree. Pages within the cap are returned as they are.
pub(crate) fn flatten_deep(html: &str, max_depth: usize) -> Cow<'_, str> {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for tag in scan_tags(html) {
        if !counted(&tag, html) {
            continue;
        }
        if tag.closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    if deepest <= max_depth {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut last = 0usize;
    depth = 0;
    for tag in scan_tags(html) {
        if !counted(&tag, html) {
            continue;
        }
        let drop = if tag.closing {
            let d = depth > max_depth;
            depth = depth.saturating_sub(1);
            d
        } else {
            depth += 1;
            depth > max_depth
        };
        if drop {
            out.push_str(&html[last..tag.start]);
            last = tag.end;
        }
    }
    out.push_str(&html[last..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_only_what_is_too_deep() {
        let html = "<div><div><div>x</div></div></div><p>y";
        assert!(matches!(flatten_deep(html, 3), Cow::Borrowed(_)));
        assert_eq!(flatten_deep(html, 2), "<div><div>x</div></div><p>y");
        let tricky = "<div title='a>b'><!-- <div> --><script>'<div>'</script><br/></div>";
        assert!(matches!(flatten_deep(tricky, 2), Cow::Borrowed(_)));
    }
}
