//! Page metadata: title, author, publication date, outlet, canonical URL and language, from
//! `<meta>` (OpenGraph, article:*, Dublin Core and the usual variants), JSON-LD, `<title>`,
//! `<h1>`, `<time>` and byline elements. Reads the nodes as a flat list: nothing recurses.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;
use scraper::{ElementRef, Html, Node};
use serde_json::Value;

/// What a page says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    /// The page's own `og:title` and first `<h1>`, kept for checks.
    pub og_title: Option<String>,
    pub h1: Option<String>,
}

/// JSON-LD fields of the page's article object.
#[derive(Default)]
struct Ld {
    headline: Option<String>,
    author: Option<String>,
    published: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    language: Option<String>,
}

fn clean(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = decode_entities(&s);
    (!s.is_empty()).then_some(s)
}

/// Meta contents sometimes carry entities twice escaped (`&amp;#8217;`); undo the common ones.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&amp;", "&")
        .replace("&#8217;", "’")
        .replace("&#8216;", "‘")
        .replace("&#039;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
}

fn text_of(el: ElementRef<'_>) -> String {
    el.text().collect::<String>()
}

/// Reads the metadata of a parsed page.
pub(crate) fn read(doc: &Html) -> Meta {
    let mut metas: HashMap<String, String> = HashMap::new();
    let mut canonical = None;
    let mut title_tag = None;
    let mut h1 = None;
    let mut time_dt = None;
    let mut byline = None;
    let mut lang = None;
    let mut lds: Vec<Value> = Vec::new();
    for node in doc.tree.nodes() {
        let Node::Element(el) = node.value() else { continue };
        let name = el.name();
        match name {
            "html" => lang = el.attr("lang").or(el.attr("xml:lang")).and_then(clean),
            "meta" => {
                let key = el.attr("property").or(el.attr("name")).or(el.attr("itemprop")).or(el.attr("http-equiv"));
                if let (Some(k), Some(v)) = (key, el.attr("content")) {
                    if let Some(v) = clean(v) {
                        metas.entry(k.trim().to_ascii_lowercase()).or_insert(v);
                    }
                }
            }
            "link" => {
                let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && canonical.is_none() {
                    canonical = el.attr("href").and_then(clean);
                }
            }
            "title" if title_tag.is_none() => {
                title_tag = ElementRef::wrap(node).map(text_of).and_then(|t| clean(&t));
            }
            "h1" if h1.is_none() => h1 = ElementRef::wrap(node).map(text_of).and_then(|t| clean(&t)),
            "time" if time_dt.is_none() => {
                time_dt = el.attr("datetime").and_then(iso_date);
            }
            "script" if el.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
                if let Some(e) = ElementRef::wrap(node) {
                    let raw = text_of(e);
                    if let Ok(v) = serde_json::from_str::<Value>(raw.trim().trim_end_matches(';')) {
                        lds.push(v);
                    }
                }
            }
            _ => {}
        }
        if name == "meta" || name == "link" || name == "script" {
            continue;
        }
        if byline.is_none() && is_byline(el) {
            if let Some(t) = ElementRef::wrap(node).map(text_of) {
                byline = clean_author(&t);
            }
        }
        if time_dt.is_none() {
            if let Some(v) = el.attr("itemprop").filter(|p| *p == "datePublished") {
                let _ = v;
                time_dt = el.attr("content").or(el.attr("datetime")).and_then(iso_date);
            }
        }
    }
    let ld = read_ld(&lds);
    let m = |k: &str| metas.get(k).cloned();

    let site = m("og:site_name").or(ld.publisher.clone()).or(m("application-name")).or(m("publisher"));
    let url = canonical.or(m("og:url")).or(ld.url.clone()).filter(|u| u.starts_with("http"));
    let og_title = m("og:title").or(m("twitter:title"));
    let title = og_title
        .clone()
        .or(ld.headline.clone())
        .or(title_tag.clone())
        .or(h1.clone())
        .map(|t| strip_site(&t, site.as_deref(), h1.as_deref()));
    let site = site.or_else(|| title_tag.as_deref().and_then(|t| site_from_title(t, title.as_deref())));
    let author = ld
        .author
        .clone()
        .or(m("author").and_then(|a| clean_author(&a)))
        .or(m("article:author").filter(|a| !a.starts_with("http")).and_then(|a| clean_author(&a)))
        .or(m("dc.creator").and_then(|a| clean_author(&a)))
        .or(m("parsely-author").and_then(|a| clean_author(&a)))
        .or(m("sailthru.author").and_then(|a| clean_author(&a)))
        .or(byline);
    const DATE_KEYS: &[&str] = &[
        "article:published_time",
        "og:published_time",
        "article:published",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "published_time",
        "date",
        "dc.date",
        "dc.date.issued",
        "dc.date.created",
        "dcterms.created",
        "dcterms.date",
        "sailthru.date",
        "parsely-pub-date",
        "article.published",
        "cxenseparse:recs:publishtime",
        "citation_publication_date",
        "originalpublicationdate",
        "displaydate",
        "article_date_original",
    ];
    let published = DATE_KEYS
        .iter()
        .find_map(|k| metas.get(*k).and_then(|v| iso_date(v)))
        .or(ld.published.as_deref().and_then(iso_date))
        .or(time_dt)
        .or_else(|| url.as_deref().and_then(url_date))
        .or_else(|| m("article:modified_time").and_then(|v| iso_date(&v)));
    let language = lang
        .or(m("content-language"))
        .or(ld.language.clone())
        .or(m("og:locale").map(|l| l.replace('_', "-")))
        .filter(|l| l.len() <= 35);
    Meta { title, author, published, site, url, language, og_title, h1 }
}

fn is_byline(el: &scraper::node::Element) -> bool {
    if el.attr("rel") == Some("author") || el.attr("itemprop") == Some("author") {
        return true;
    }
    let ci = format!("{} {}", el.attr("class").unwrap_or(""), el.attr("id").unwrap_or("")).to_ascii_lowercase();
    (ci.contains("byline") || ci.contains("author-name") || ci.contains("authorname") || ci.contains("author__name"))
        && !matches!(el.name(), "body" | "html" | "article" | "main")
}

fn clean_author(s: &str) -> Option<String> {
    static BY: OnceLock<Regex> = OnceLock::new();
    let by = BY.get_or_init(|| Regex::new(r"(?i)^\s*(by|von|par|por|door)[:\s]+").expect("valid regex"));
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = by.replace(&s, "").trim().trim_end_matches([',', '|', '-']).trim().to_string();
    let words = s.split_whitespace().count();
    (!s.is_empty() && words <= 12 && !s.starts_with("http")).then_some(s)
}

/// Removes an outlet name around a title ("Headline | The Outlet", "Outlet - Headline").
fn strip_site(title: &str, site: Option<&str>, h1: Option<&str>) -> String {
    static SEP: OnceLock<Regex> = OnceLock::new();
    let sep = SEP.get_or_init(|| Regex::new(r"\s+[|\-–—:·»•/]\s+|\s+::\s+|\s*\|\s*").expect("valid regex"));
    let title = title.trim();
    let parts: Vec<&str> = sep.split(title).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() < 2 {
        return title.to_string();
    }
    let norm = |s: &str| s.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    if let Some(h) = h1 {
        let nh = norm(h);
        if !nh.is_empty() && norm(title).starts_with(&nh) && nh.len() * 2 > norm(title).len() {
            return h.trim().to_string();
        }
    }
    if let Some(site) = site {
        let ns = norm(site);
        if !ns.is_empty() {
            let last = parts[parts.len() - 1];
            let first = parts[0];
            if let Some(m) = sep.find_iter(title).last() {
                let nl = norm(last);
                if !nl.is_empty() && (nl == ns || ns.contains(&nl) || nl.contains(&ns)) {
                    return title[..m.start()].trim().to_string();
                }
            }
            if let Some(m) = sep.find(title) {
                let nf = norm(first);
                if !nf.is_empty() && (nf == ns || ns.contains(&nf) || nf.contains(&ns)) {
                    return title[m.end()..].trim().to_string();
                }
            }
        }
    }
    // A short last part after a long first one is the outlet.
    if let Some(m) = sep.find_iter(title).last() {
        let (head, tail) = (title[..m.start()].trim(), title[m.end()..].trim());
        if tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 4 && site.is_none() {
            return head.to_string();
        }
    }
    title.to_string()
}

/// The outlet named after the headline in `<title>`, when the title without it is the headline.
fn site_from_title(title_tag: &str, title: Option<&str>) -> Option<String> {
    let title = title?;
    let rest = title_tag.trim().strip_prefix(title.trim())?;
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "|-–—:·»•/".contains(c)).trim();
    (!rest.is_empty() && rest.split_whitespace().count() <= 5).then(|| rest.to_string())
}

fn str_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Object(o) => o.get("name").and_then(str_of),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(str_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

fn is_article_type(v: &Value) -> bool {
    let t = |s: &str| s.contains("Article") || s == "BlogPosting" || s == "Report" || s == "LiveBlogPosting";
    match v.get("@type") {
        Some(Value::String(s)) => t(s),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(t)),
        _ => false,
    }
}

/// The article object of the page's JSON-LD (the first with an article type, looked for through
/// arrays and `@graph`s with an explicit stack).
fn read_ld(values: &[Value]) -> Ld {
    let mut stack: Vec<&Value> = values.iter().rev().collect();
    let mut article = None;
    let mut publisher = None;
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(a) => stack.extend(a.iter().rev()),
            Value::Object(o) => {
                if article.is_none() && is_article_type(v) {
                    article = Some(v);
                }
                if publisher.is_none() {
                    if let Some(t) = o.get("@type").and_then(Value::as_str) {
                        if t == "NewsMediaOrganization" || t == "Organization" && o.contains_key("name") {
                            publisher = o.get("name").and_then(str_of);
                        }
                    }
                }
                if let Some(g) = o.get("@graph") {
                    stack.push(g);
                }
            }
            _ => {}
        }
    }
    let Some(a) = article else { return Ld { publisher, ..Ld::default() } };
    let url = a.get("url").and_then(Value::as_str).map(str::to_string).or_else(|| match a.get("mainEntityOfPage") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Object(o)) => o.get("@id").and_then(Value::as_str).map(str::to_string),
        _ => None,
    });
    Ld {
        headline: a.get("headline").and_then(str_of).or_else(|| a.get("name").and_then(str_of)),
        author: a.get("author").and_then(str_of).and_then(|s| clean_author(&s)),
        published: a.get("datePublished").and_then(Value::as_str).map(str::to_string),
        publisher: a.get("publisher").and_then(str_of).or(publisher),
        url,
        language: a.get("inLanguage").and_then(Value::as_str).map(str::to_string),
    }
}

/// A date in any of the forms pages use, as `YYYY-MM-DD`.
pub(crate) fn iso_date(s: &str) -> Option<String> {
    static YMD: OnceLock<Regex> = OnceLock::new();
    static WORDS: OnceLock<Regex> = OnceLock::new();
    let s = s.trim();
    let ymd =
        YMD.get_or_init(|| Regex::new(r"\b((?:19|20)\d\d)[-/.]?(\d\d)[-/.]?(\d\d)(?:\b|T)").expect("valid regex"));
    if let Some(c) = ymd.captures(s) {
        let d = NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
        if let Some(d) = d {
            return Some(d.to_string());
        }
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(d.date_naive().to_string());
    }
    let words = WORDS.get_or_init(|| {
        Regex::new(r"(?i)\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+((?:19|20)\d\d)|([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d))\b")
            .expect("valid regex")
    });
    let c = words.captures(s)?;
    let (day, month, year) = match (c.get(1), c.get(4)) {
        (Some(d), _) => (d.as_str(), &c[2], &c[3]),
        (None, Some(m)) => (&c[5], m.as_str(), &c[6]),
        _ => return None,
    };
    let month = month_number(month)?;
    NaiveDate::from_ymd_opt(year.parse().ok()?, month, day.parse().ok()?).map(|d| d.to_string())
}

fn month_number(m: &str) -> Option<u32> {
    let m = m.to_ascii_lowercase();
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let i = MONTHS.iter().position(|p| m.starts_with(p))?;
    Some(i as u32 + 1)
}

/// A date in a URL path (`/2019/11/19/`, `/20191119/`).
pub fn url_date(url: &str) -> Option<String> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = R.get_or_init(|| Regex::new(r"/((?:19|20)\d\d)/?(\d\d)/?(\d\d)(?:/|[-_]|$)").expect("valid regex"));
    let c = r.captures(url)?;
    NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?).map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(iso_date("2019-11-19T12:00:00Z").as_deref(), Some("2019-11-19"));
        assert_eq!(iso_date("Tue, 19 Nov 2019 12:00:00 +0000").as_deref(), Some("2019-11-19"));
        assert_eq!(iso_date("November 19, 2019").as_deref(), Some("2019-11-19"));
        assert_eq!(iso_date("19th Nov. 2019").as_deref(), Some("2019-11-19"));
        assert_eq!(iso_date("soon"), None);
        assert_eq!(url_date("https://x.com/2019/11/19/story").as_deref(), Some("2019-11-19"));
    }

    #[test]
    fn titles() {
        assert_eq!(strip_site("Rain returns | The Daily", Some("The Daily"), None), "Rain returns");
        assert_eq!(
            strip_site("The Daily - Rain returns to the valley", Some("The Daily"), None),
            "Rain returns to the valley"
        );
        assert_eq!(
            strip_site("Rain returns to the valley today | Daily", None, None),
            "Rain returns to the valley today"
        );
        assert_eq!(
            strip_site("Why - and how - it rains", None, Some("Why - and how - it rains")),
            "Why - and how - it rains"
        );
    }
}
