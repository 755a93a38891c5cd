//! Main-text extraction: Dossier's own scoring of block elements.
//!
//! 1. Boilerplate subtrees are set aside: scripts, forms, navigation, hidden elements, and
//!    elements whose class or id says navigation, comments, sharing, related links or ads.
//! 2. Every text block (a paragraph, or a container of inline text only) of some length scores
//!    by its commas and length; the score goes to its ancestors, less the further up.
//! 3. A container's score is weighted by its class/id hints and by its link density; the best
//!    container is taken, climbing to a parent that holds comparable text, with the siblings
//!    that look like more of the same article.
//! 4. The chosen subtrees are written out one block a line, leaving out link lists, low-value
//!    containers and the repeated headline.
//!
//! All walks are loops over the arena of [`crate::dom::arena`]: nothing recurses on the depth of
//! the page.

use std::sync::OnceLock;

use regex::Regex;
use scraper::Html;

use crate::dom::{arena, is_block, Item, REMOVED};

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid regex"))
}

/// Class/id words of page furniture that is never the article.
fn unlikely(s: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)banner|breadcrumb|combx|comment|communit|cover-wrap|disqus|extra|footer|gdpr|cookie|consent|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|modal|newsletter|subscri|signup|share|sharing|recommend|trending|most-?popular|outbrain|taboola|promo|paywall|masthead|navbar|toolbar|(^|[-_ ])(ad|ads|advert|advertisement|nav|tags?|widget|jump|login|print)([-_ ]|$)",
    )
    .is_match(s)
}

/// Class/id words that can hold the article even when an unlikely word is there too.
fn maybe(s: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?i)and|article|body|column|content|main|shadow|story|entry|post-?text|text").is_match(s)
}

fn positive(s: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?i)article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose|rich-?text").is_match(s)
}

fn negative(s: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)hidden|^hid$|banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|byline|author|dateline|timestamp|caption|credit|toolbar|newsletter|subscribe|social|(^|[-_ ])(ad|ads|advert|date|time)([-_ ]|$)",
    )
    .is_match(s)
}

/// Whole lines that are furniture wherever they stand.
fn stock_line(s: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)^(advertisement|advertisements|ad|sponsored|continue reading( the main story)?( below)?|story continues below( advertisement)?|advertisement - continue reading below|read more|share this( article| story)?|share|tweet|email|print|skip (to|this) (content|ad|advertisement)|click here|related( articles| stories)?|follow us.*)[.:!]?$",
    )
    .is_match(s.trim())
}

fn class_id(item: &Item<'_>) -> String {
    let Some(el) = item.el else { return String::new() };
    let mut s = String::new();
    for a in ["class", "id"] {
        if let Some(v) = el.attr(a) {
            s.push_str(v);
            s.push(' ');
        }
    }
    s
}

fn hidden(item: &Item<'_>) -> bool {
    let Some(el) = item.el else { return false };
    if el.attr("hidden").is_some() {
        return true;
    }
    if el.attr("aria-hidden").is_some_and(|v| v.trim() == "true") && !matches!(el.name(), "article" | "main" | "body") {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Whether an element is set aside before scoring (and everything under it) by what it is:
/// scripts, forms, media, navigation, hidden elements.
fn set_aside(item: &Item<'_>) -> bool {
    let Some(el) = item.el else { return false };
    let tag = el.name();
    if REMOVED.contains(&tag) || hidden(item) {
        return true;
    }
    if let Some(role) = el.attr("role") {
        if matches!(
            role.trim(),
            "navigation"
                | "complementary"
                | "contentinfo"
                | "banner"
                | "menu"
                | "menubar"
                | "dialog"
                | "alert"
                | "search"
        ) {
            return true;
        }
    }
    false
}

/// Whether an element's class or id says it is page furniture. Such an element is set aside
/// unless it holds much of the page's text (wrappers are named carelessly: `Page-ad-margins`,
/// `has-sidebar`).
fn unlikely_by_name(item: &Item<'_>) -> bool {
    let Some(el) = item.el else { return false };
    if matches!(el.name(), "html" | "body" | "article" | "main" | "a") || el.attr("role") == Some("main") {
        return false;
    }
    let ci = class_id(item);
    !ci.is_empty() && unlikely(&ci) && !maybe(&ci)
}

/// Per-node figures, summed bottom-up.
#[derive(Default, Clone)]
struct Stats {
    chars: u32,
    link_chars: u32,
    commas: u32,
    paragraphs: u32,
    images: u32,
    list_items: u32,
    block_child: bool,
    aside: bool,
    score: f32,
    scored: bool,
}

impl Stats {
    fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

fn text_chars(s: &str) -> (u32, u32) {
    let mut chars = 0u32;
    let mut commas = 0u32;
    let mut space = true;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                chars += 1;
            }
            space = true;
        } else {
            chars += 1;
            space = false;
            if matches!(c, ',' | '，' | '、' | '،') {
                commas += 1;
            }
        }
    }
    (chars, commas)
}

fn class_weight(item: &Item<'_>) -> f32 {
    let ci = class_id(item);
    if ci.is_empty() {
        return 0.0;
    }
    let mut w = 0.0;
    if negative(&ci) {
        w -= 25.0;
    }
    if positive(&ci) {
        w += 25.0;
    }
    w
}

fn tag_base(tag: &str) -> f32 {
    match tag {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Containers that may hold a paragraph's worth of inline text.
fn text_container(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "pre" | "td" | "blockquote" | "div" | "section" | "article" | "main" | "font" | "center" | "span" | "dd"
    )
}

/// The main text of a parsed page, one block a line. `title` (when known) is dropped where it is
/// repeated as a heading at the top of the article.
pub fn main_text(doc: &Html, title: Option<&str>) -> String {
    let items = arena(doc);
    if items.is_empty() {
        return String::new();
    }
    let n = items.len();
    let mut st = vec![Stats::default(); n];

    // Set aside what is never text, top-down (parents come first in the arena), sum the
    // figures, then set aside the furniture named so by its class unless it holds much of the text.
    for i in 1..n {
        let p = items[i].parent;
        st[i].aside = st[p].aside || set_aside(&items[i]);
    }
    sum_up(&items, &mut st);
    let body = (0..n).find(|&i| items[i].tag() == "body").unwrap_or(0);
    let prose = |s: &Stats| s.chars.saturating_sub(s.link_chars);
    let page_prose = prose(&st[body]).max(1);
    let mut changed = false;
    for i in 1..n {
        let p = items[i].parent;
        if st[i].aside {
            continue;
        }
        if st[p].aside || (unlikely_by_name(&items[i]) && prose(&st[i]) * 2 < page_prose) {
            st[i].aside = true;
            changed = true;
        }
    }
    if changed {
        for s in st.iter_mut() {
            let aside = s.aside;
            *s = Stats { aside, ..Stats::default() };
        }
        sum_up(&items, &mut st);
    }

    // Score the text blocks into their ancestors.
    for i in 0..n {
        let it = &items[i];
        let Some(el) = it.el else { continue };
        if st[i].aside || !text_container(el.name()) {
            continue;
        }
        let tag = el.name();
        let is_para = matches!(tag, "p" | "pre");
        if !is_para && st[i].block_child {
            continue;
        }
        if st[i].chars < 25 {
            continue;
        }
        let content = 1.0 + st[i].commas as f32 + (st[i].chars as f32 / 100.0).floor().min(3.0);
        let mut a = it.parent;
        let mut level = 0usize;
        while level < 5 && a != 0 {
            if items[a].el.is_none() {
                break;
            }
            if !st[a].scored {
                st[a].scored = true;
                st[a].score = tag_base(items[a].tag()) + class_weight(&items[a]);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            st[a].score += content / divider;
            if a == body {
                break;
            }
            a = items[a].parent;
            level += 1;
        }
    }
    let final_score = |i: usize| st[i].score * (1.0 - st[i].link_density());

    // The best container.
    let mut top = body;
    let mut best = f32::MIN;
    for i in 0..n {
        if st[i].scored && !st[i].aside && items[i].tag() != "body" && items[i].tag() != "html" {
            let s = final_score(i);
            if s > best {
                best = s;
                top = i;
            }
        }
    }
    if best == f32::MIN {
        top = body;
    } else {
        // Climb while the parent holds comparable text (an article split into several blocks).
        let mut cur = top;
        let mut last = best;
        let threshold = best / 3.0;
        let mut p = items[cur].parent;
        while p != body && p != 0 {
            if !st[p].scored {
                p = items[p].parent;
                continue;
            }
            let s = final_score(p);
            if s < threshold {
                break;
            }
            if s > last {
                cur = p;
                break;
            }
            last = s;
            p = items[p].parent;
        }
        top = cur;
        // A lone child is no better than its parent.
        while top != body {
            let p = items[top].parent;
            if p == body || p == 0 || st[p].aside {
                break;
            }
            let siblings = element_children(&items, p).filter(|&c| !st[c].aside && st[c].chars > 0).count();
            if siblings == 1 && st[p].chars <= st[top].chars + 20 {
                top = p;
            } else {
                break;
            }
        }
    }

    // The siblings that look like more of the same article.
    let mut roots = vec![top];
    if top != body && best != f32::MIN {
        let parent = items[top].parent;
        let top_score = final_score(top);
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = items[top].el.and_then(|e| e.attr("class")).unwrap_or("");
        roots.clear();
        for c in element_children(&items, parent) {
            if c == top {
                roots.push(c);
                continue;
            }
            if st[c].aside || st[c].chars == 0 {
                continue;
            }
            let mut bonus = 0.0;
            let class = items[c].el.and_then(|e| e.attr("class")).unwrap_or("");
            if !class.is_empty() && class == top_class {
                bonus += top_score * 0.2;
            }
            let mut take = st[c].scored && final_score(c) + bonus >= threshold;
            // More of the same: an article cut into cards or sections built alike.
            if !take && !class.is_empty() && class == top_class && items[c].tag() == items[top].tag() {
                take = st[c].link_density() < 0.3;
            }
            if !take && (items[c].tag() == "p" || (text_container(items[c].tag()) && !st[c].block_child)) {
                let ld = st[c].link_density();
                let len = st[c].chars;
                take = (len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld == 0.0 && ends_sentence(&items, c));
            }
            if take {
                roots.push(c);
            }
        }
    }

    // Write the chosen subtrees out.
    let mut out = Writer::default();
    let title_norm = title.map(normalise);
    for &root in &roots {
        let end = root + items[root].size;
        let mut open: Vec<usize> = Vec::new();
        let mut i = root;
        while i < end {
            while let Some(&o) = open.last() {
                if o + items[o].size <= i {
                    open.pop();
                    out.flush();
                } else {
                    break;
                }
            }
            let it = &items[i];
            if st[i].aside || (i != root && it.el.is_some() && pruned(&items, &st, i)) {
                i += it.size;
                continue;
            }
            if let Some(t) = it.text {
                out.push(t);
            } else if let Some(el) = it.el {
                let tag = el.name();
                if tag == "br" {
                    out.flush();
                } else if matches!(tag, "h1" | "h2")
                    && title_norm.as_ref().is_some_and(|t| *t == normalise(&subtree_text(&items, &st, i)))
                {
                    i += it.size;
                    continue;
                } else if is_block(tag) {
                    out.flush();
                    open.push(i);
                }
            }
            i += 1;
        }
        out.flush();
    }
    out.lines.join("\n")
}

/// Sums the figures bottom-up (children come after their parent in the arena).
fn sum_up(items: &[Item<'_>], st: &mut [Stats]) {
    let n = items.len();
    for i in (1..n).rev() {
        if st[i].aside {
            continue;
        }
        let it = &items[i];
        if let Some(t) = it.text {
            let (c, k) = text_chars(t);
            st[i].chars += c;
            st[i].commas += k;
        }
        match it.tag() {
            "a" => st[i].link_chars = st[i].chars,
            "p" => st[i].paragraphs += 1,
            "img" => st[i].images += 1,
            "li" => st[i].list_items += 1,
            _ => {}
        }
        let p = it.parent;
        if p != i {
            let (c, l, k, pa, im, li) =
                (st[i].chars, st[i].link_chars, st[i].commas, st[i].paragraphs, st[i].images, st[i].list_items);
            let ps = &mut st[p];
            ps.chars += c;
            ps.link_chars += l;
            ps.commas += k;
            ps.paragraphs += pa;
            ps.images += im;
            ps.list_items += li;
            if it.el.is_some_and(|e| is_block(e.name()) && e.name() != "br") {
                ps.block_child = true;
            }
        }
    }
}

/// A container inside the article that is furniture: a list of links, a block of hints that
/// say ads or sharing, a gallery.
fn pruned(items: &[Item<'_>], st: &[Stats], i: usize) -> bool {
    let tag = items[i].tag();
    let s = &st[i];
    if !(is_block(tag) && tag != "br") {
        return false;
    }
    if s.chars == 0 {
        return false;
    }
    let weight = class_weight(&items[i]);
    let ld = s.link_density();
    if matches!(tag, "p" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre" | "blockquote" | "td" | "th") {
        return ld > 0.6 && s.chars < 200;
    }
    if s.commas >= 10 {
        return false;
    }
    if weight < 0.0 {
        return true;
    }
    if matches!(tag, "ul" | "ol" | "li") {
        return ld > 0.5;
    }
    if (weight < 25.0 && ld > 0.33) || ld > 0.5 {
        return true;
    }
    if s.list_items > s.paragraphs * 2 + 5 && !matches!(tag, "ul" | "ol") && ld > 0.2 {
        return true;
    }
    false
}

fn element_children<'a>(items: &'a [Item<'_>], p: usize) -> impl Iterator<Item = usize> + 'a {
    let end = p + items[p].size;
    let mut i = p + 1;
    std::iter::from_fn(move || {
        while i < end {
            let c = i;
            i += items[c].size;
            if items[c].el.is_some() {
                return Some(c);
            }
        }
        None
    })
}

fn ends_sentence(items: &[Item<'_>], i: usize) -> bool {
    let end = i + items[i].size;
    let last = items[i..end].iter().rev().filter_map(|it| it.text).map(str::trim_end).find(|t| !t.is_empty());
    last.is_some_and(|t| t.ends_with(['.', '!', '?', '"', '”', '。']))
}

fn subtree_text(items: &[Item<'_>], st: &[Stats], i: usize) -> String {
    let end = i + items[i].size;
    let mut s = String::new();
    for (j, it) in items.iter().enumerate().take(end).skip(i) {
        if let Some(t) = it.text {
            if !st[j].aside {
                s.push_str(t);
            }
        }
    }
    s
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Collects inline text into lines, collapsing white space.
#[derive(Default)]
struct Writer {
    line: String,
    lines: Vec<String>,
}

impl Writer {
    fn push(&mut self, t: &str) {
        let mut space = self.line.ends_with(' ') || self.line.is_empty();
        for c in t.chars() {
            if c.is_whitespace() || c == '\u{200b}' {
                if !space {
                    self.line.push(' ');
                    space = true;
                }
            } else {
                self.line.push(c);
                space = false;
            }
        }
    }

    fn flush(&mut self) {
        let l = self.line.trim();
        if !l.is_empty() && !stock_line(l) {
            self.lines.push(l.to_string());
        }
        self.line.clear();
    }
}
