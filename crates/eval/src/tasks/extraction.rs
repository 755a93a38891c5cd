//! The scrapinghub article-extraction benchmark's metric, as `shared/tools/score_html.py`
//! computes it: shingles of 4 consecutive word tokens (`\w+` in Python's sense), counted with
//! multiplicity; per page, precision and recall of the predicted shingles against the true ones;
//! the mean precision and mean recall over the pages; F1 of the two means. `dossier eval
//! extraction` runs [`eval_dir`]; the metadata is checked against what the pages show.

use std::collections::HashMap;

use crate::readers::scrapinghub;

/// Python's `\w`: letters (general category L), numbers (N) and the underscore; not the
/// combining marks that Rust's `char::is_alphabetic` also takes.
fn word_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| regex::Regex::new(r"[\p{L}\p{N}_]+").expect("valid regex"))
}

/// The word tokens of a text.
pub fn tokens(text: &str) -> Vec<&str> {
    word_re().find_iter(text).map(|m| m.as_str()).collect()
}

/// The 4-token shingles of a text with their counts (a text of 1 to 3 tokens is one shingle).
pub fn shingles(text: &str) -> HashMap<Vec<&str>, u32> {
    let toks = tokens(text);
    let mut out = HashMap::new();
    if toks.is_empty() {
        return out;
    }
    let n = toks.len().saturating_sub(3).max(1);
    for i in 0..n {
        let end = (i + 4).min(toks.len());
        *out.entry(toks[i..end].to_vec()).or_insert(0) += 1;
    }
    out
}

/// One page's precision and recall; `None` where the benchmark leaves the page out of the mean
/// (no predicted shingles for precision, no true ones for recall).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageScore {
    pub precision: Option<f64>,
    pub recall: Option<f64>,
}

/// Scores one page's extracted text against the true article body.
pub fn page_score(truth: &str, predicted: &str) -> PageScore {
    let a = shingles(truth);
    let b = shingles(predicted);
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for (k, &ca) in &a {
        let cb = b.get(k).copied().unwrap_or(0);
        tp += u64::from(ca.min(cb));
        fn_ += u64::from(ca.saturating_sub(cb));
    }
    for (k, &cb) in &b {
        let ca = a.get(k).copied().unwrap_or(0);
        fp += u64::from(cb.saturating_sub(ca));
    }
    let exact = fp == 0 && fn_ == 0;
    let (tp, fp, fn_) = (tp as f64, fp as f64, fn_ as f64);
    PageScore {
        precision: (tp + fp > 0.0).then(|| if exact { 1.0 } else { tp / (tp + fp) }),
        recall: (tp + fn_ > 0.0).then(|| if exact { 1.0 } else { tp / (tp + fn_) }),
    }
}

/// The benchmark's figures over a set of pages.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Summary {
    pub pages: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Mean precision and recall over the pages that have them, and their F1.
pub fn summarise(scores: &[PageScore]) -> Summary {
    let mean = |v: Vec<f64>| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
    let p = mean(scores.iter().filter_map(|s| s.precision).collect());
    let r = mean(scores.iter().filter_map(|s| s.recall).collect());
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    Summary { pages: scores.len(), precision: p, recall: r, f1 }
}

/// How the metadata fared on the benchmark pages (which carry only the body and the URL, so
/// the checks are against what the pages themselves show).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct MetaReport {
    pub pages: usize,
    pub title_found: usize,
    /// Pages with an `<h1>`, and those whose title is that `<h1>`.
    pub title_h1_pages: usize,
    pub title_h1_agree: usize,
    pub date_found: usize,
    /// Pages whose URL carries a date, and those whose date is that date.
    pub date_url_pages: usize,
    pub date_url_agree: usize,
    pub site_found: usize,
    /// Pages with an outlet, and those whose outlet fits the URL's domain.
    pub site_domain_agree: usize,
    pub author_found: usize,
}

/// The whole evaluation of one benchmark folder.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EvalReport {
    #[serde(flatten)]
    pub summary: Summary,
    pub failed: usize,
    pub meta: MetaReport,
    /// Per page: key, precision, recall.
    #[serde(skip)]
    pub per_page: Vec<(String, PageScore)>,
}

/// A loose key for comparing names: lower case letters and digits only.
fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Whether an outlet name fits a URL's domain ("The Wall Street Journal" ~ wsj.com,
/// "BBC News" ~ bbc.co.uk).
pub fn site_fits_domain(site: &str, url: &str) -> bool {
    let host = url.split("://").nth(1).unwrap_or(url).split(['/', ':', '?']).next().unwrap_or("").to_lowercase();
    let labels: Vec<&str> = host
        .split('.')
        .filter(|l| !matches!(*l, "www" | "m" | "com" | "co" | "org" | "net" | "uk" | "au" | "in" | "news"))
        .collect();
    let name = squash(site);
    let initials: String = site
        .split_whitespace()
        .filter(|w| !matches!(w.to_lowercase().as_str(), "the" | "of" | "and" | "&"))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect();
    labels.iter().any(|l| {
        let l = squash(l);
        !l.is_empty()
            && (name.contains(&l)
                || l.contains(&name) && !name.is_empty()
                || initials == l
                || l.starts_with(&initials) && initials.len() >= 3)
    })
}

/// Scores main-text extraction (and checks the metadata) on a folder in the scrapinghub
/// benchmark layout: `ground-truth.json` and `html/KEY.html.gz`. Runs on `threads` threads.
pub fn eval_dir(dir: &std::path::Path, limit: Option<usize>, threads: usize) -> anyhow::Result<EvalReport> {
    let mut pages = scrapinghub::read_dir(dir)?;
    if let Some(n) = limit {
        pages.truncate(n);
    }
    let limits = dossier_web::Limits::default();
    let one = |p: &scrapinghub::GoldPage| {
        let page =
            dossier_web::read_file_bytes(&p.html, limits.max_bytes).map(|b| dossier_web::page_parts(&b, &limits));
        (p.key.clone(), p.body.clone(), p.url.clone(), page)
    };
    let threads = threads.max(1);
    let chunk = pages.len().div_ceil(threads).max(1);
    let results: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> =
            pages.chunks(chunk).map(|c| s.spawn(move || c.iter().map(one).collect::<Vec<_>>())).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    let mut scores = Vec::new();
    let mut per_page = Vec::new();
    let mut failed = 0;
    let mut m = MetaReport { pages: results.len(), ..MetaReport::default() };
    for (key, truth, url, page) in results {
        let (meta, body) = match page {
            Ok(p) => p,
            Err(_) => {
                failed += 1;
                (dossier_web::Meta::default(), String::new())
            }
        };
        let s = page_score(&truth, &body);
        scores.push(s);
        per_page.push((key, s));
        if let Some(t) = &meta.title {
            m.title_found += 1;
            if let Some(h) = &meta.h1 {
                m.title_h1_pages += 1;
                if squash(h) == squash(t) {
                    m.title_h1_agree += 1;
                }
            }
        } else if meta.h1.is_some() {
            m.title_h1_pages += 1;
        }
        let url_date = dossier_web::url_date(&url);
        if url_date.is_some() {
            m.date_url_pages += 1;
        }
        if let Some(d) = &meta.published {
            m.date_found += 1;
            if url_date.as_ref() == Some(d) {
                m.date_url_agree += 1;
            }
        }
        if let Some(site) = &meta.site {
            m.site_found += 1;
            if site_fits_domain(site, &url) {
                m.site_domain_agree += 1;
            }
        }
        if meta.author.is_some() {
            m.author_found += 1;
        }
    }
    Ok(EvalReport { summary: summarise(&scores), failed, meta: m, per_page })
}

impl EvalReport {
    /// The printed report: the benchmark's figures, then the metadata checks.
    pub fn lines(&self) -> String {
        let m = &self.meta;
        let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
        format!(
            "pages={} failed={} P={:.3} R={:.3}\nhtml_f1={:.3}\n\
             title: found on {}/{} pages; equals the page's <h1> on {}/{} ({:.1}%)\n\
             date: found on {}/{} ({:.1}%); equals the date in the URL on {}/{} pages whose URL has one ({:.1}%)\n\
             outlet: found on {}/{} ({:.1}%); fits the URL's domain on {}/{} ({:.1}%)\n\
             author: found on {}/{} ({:.1}%)\n",
            self.summary.pages,
            self.failed,
            self.summary.precision,
            self.summary.recall,
            self.summary.f1,
            m.title_found,
            m.pages,
            m.title_h1_agree,
            m.title_h1_pages,
            pct(m.title_h1_agree, m.title_h1_pages),
            m.date_found,
            m.pages,
            pct(m.date_found, m.pages),
            m.date_url_agree,
            m.date_url_pages,
            pct(m.date_url_agree, m.date_url_pages),
            m.site_found,
            m.pages,
            pct(m.site_found, m.pages),
            m.site_domain_agree,
            m.site_found,
            pct(m.site_domain_agree, m.site_found),
            m.author_found,
            m.pages,
            pct(m.author_found, m.pages),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_counts() {
        assert!(shingles("").is_empty());
        assert_eq!(shingles("a b").len(), 1);
        assert_eq!(shingles("a b c d e").len(), 2);
        assert_eq!(tokens("it's 3½ x_y — naïve"), vec!["it", "s", "3½", "x_y", "naïve"]);
    }

    #[test]
    fn pages() {
        let s = page_score("one two three four five", "one two three four five");
        assert_eq!(s, PageScore { precision: Some(1.0), recall: Some(1.0) });
        let s = page_score("one two three four five", "");
        assert_eq!(s, PageScore { precision: None, recall: Some(0.0) });
        let s = page_score("one two three four five", "one two three four six");
        assert_eq!(s.precision, Some(0.5));
    }
}
