//! Building HTML safely. Text only ever enters a page through [`esc`] (element text and
//! attribute values alike); URLs through [`enc`]. Nothing from an article is inserted as markup.

use std::cmp::Reverse;
use std::fmt::Write;

/// Escapes text for an HTML element or a quoted attribute value.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    esc_into(&mut out, s);
    out
}

pub fn esc_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Percent-encodes a path segment or query value: everything but unreserved characters.
pub fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// One annotation to draw over the text: `open` is a complete, already safe opening tag
/// (its attribute values escaped by the caller), `close` the matching closing tag.
/// `rank` orders marks with the same span: lower is outer.
#[derive(Debug, Clone)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub rank: u8,
    pub open: String,
    pub close: &'static str,
}

/// The text, escaped, with every mark drawn in place. Marks that cross each other are split so
/// that the elements nest; marks outside the text, off character boundaries or empty are
/// dropped.
pub fn highlight(text: &str, marks: Vec<Mark>) -> String {
    let mut marks: Vec<Mark> = marks
        .into_iter()
        .filter(|m| {
            m.start < m.end && m.end <= text.len() && text.is_char_boundary(m.start) && text.is_char_boundary(m.end)
        })
        .collect();
    marks.sort_by_key(|m| (m.start, Reverse(m.end), m.rank));
    let mut bounds: Vec<usize> = marks.iter().flat_map(|m| [m.start, m.end]).chain([0, text.len()]).collect();
    bounds.sort_unstable();
    bounds.dedup();

    let mut out = String::with_capacity(text.len() * 2);
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0;
    for (k, &p) in bounds.iter().enumerate() {
        // Close what ends here; anything above it on the stack that goes on is reopened.
        if stack.iter().any(|&i| marks[i].end <= p) {
            let mut reopen = Vec::new();
            while stack.iter().any(|&i| marks[i].end <= p) {
                let Some(i) = stack.pop() else { break };
                out.push_str(marks[i].close);
                if marks[i].end > p {
                    reopen.push(i);
                }
            }
            for &i in reopen.iter().rev() {
                out.push_str(&marks[i].open);
                stack.push(i);
            }
        }
        while next < marks.len() && marks[next].start == p {
            out.push_str(&marks[next].open);
            stack.push(next);
            next += 1;
        }
        if let Some(&q) = bounds.get(k + 1) {
            esc_into(&mut out, &text[p..q]);
        }
    }
    for &i in stack.iter().rev() {
        out.push_str(marks[i].close);
    }
    out
}

/// The page around a body: head, navigation with a search box, main.
pub fn layout(title: &str, query: &str, body: &str) -> String {
    format!(
        "<!doctype html>
<html lang=\"en\">
<head>
<meta charset=\"utf-8\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<title>{title} · Dossier</title>
<link rel=\"stylesheet\" href=\"/assets/style.css\">
<script src=\"/assets/app.js\" defer></script>
</head>
<body>
<a class=\"skip\" href=\"#main\">Skip to content</a>
<header class=\"top\">
<a class=\"brand\" href=\"/\">Dossier</a>
<nav aria-label=\"Sections\"><a href=\"/\">Documents</a><a href=\"/entities\">Entities</a><a href=\"/statements\">Statements</a><a href=\"/quantities\">Numbers</a><a href=\"/claims\">Claims</a></nav>
<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">
<input type=\"search\" name=\"q\" value=\"{query}\" placeholder=\"Search articles and statements\" aria-label=\"Search\">
<button type=\"submit\">Search</button>
</form>
</header>
<main id=\"main\" tabindex=\"-1\">
{body}
</main>
</body>
</html>
",
        title = esc(title),
        query = esc(query),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, rank: u8, name: &str) -> Mark {
        Mark { start, end, rank, open: format!("<{name}>"), close: if name == "a" { "</a>" } else { "</b>" } }
    }

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(enc("sha256:ab/c d"), "sha256%3Aab%2Fc%20d");
        assert_eq!(enc("Kursk"), "Kursk");
    }

    #[test]
    fn marks_nest_and_text_is_escaped() {
        let text = "a <b> c";
        let html = highlight(text, vec![mark(2, 5, 0, "a")]);
        assert_eq!(html, "a <a>&lt;b&gt;</a> c");
    }

    #[test]
    fn crossing_marks_are_split() {
        // [0,4) and [2,6) cross: the second is closed and reopened around the first's end.
        let html = highlight("abcdefg", vec![mark(0, 4, 0, "a"), mark(2, 6, 0, "b")]);
        assert_eq!(html, "<a>ab<b>cd</b></a><b>ef</b>g");
    }

    #[test]
    fn bad_marks_are_dropped() {
        let text = "héllo";
        // 2 is inside the two-byte é; 99 is past the end; 3..3 is empty.
        let html = highlight(text, vec![mark(2, 4, 0, "a"), mark(0, 99, 0, "a"), mark(3, 3, 0, "a")]);
        assert_eq!(html, "héllo");
    }

    #[test]
    fn same_span_orders_by_rank() {
        let html = highlight("xy", vec![mark(0, 2, 2, "b"), mark(0, 2, 1, "a")]);
        assert_eq!(html, "<a><b>xy</b></a>");
    }
}
