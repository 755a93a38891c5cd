//! `dossier extract` (one HTML page → main text and metadata) and `dossier eval extraction`
//! (the scrapinghub article-extraction benchmark's metric).

use anyhow::{Context, Result};
use dossier_web::Limits;

use crate::args::{EvalExtractionArgs, ExtractArgs};
use crate::{emit, Exit};

pub fn extract(args: &ExtractArgs) -> Result<Exit> {
    let limits = Limits { max_bytes: args.max_bytes, ..Limits::default() };
    let page = dossier_web::read_page_file(&args.file, &limits)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    if let Some(note) = &page.charset_note {
        eprintln!("note: {}: {note}", args.file.display());
    }
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&page)?))?;
    } else {
        let mut out = String::new();
        for (label, v) in [
            ("title", &page.title),
            ("author", &page.author),
            ("published", &page.published),
            ("site", &page.site),
            ("url", &page.url),
            ("language", &page.language),
        ] {
            out.push_str(&format!("{:<10} {}\n", format!("{label}:"), v.as_deref().unwrap_or("-")));
        }
        out.push('\n');
        out.push_str(&page.text);
        out.push('\n');
        emit(&out)?;
    }
    Ok(if page.text.is_empty() { Exit::Partial } else { Exit::Success })
}

pub fn eval_extraction(args: &EvalExtractionArgs) -> Result<Exit> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let r = dossier_web::score::eval_dir(&args.dir, args.limit, threads)
        .with_context(|| format!("cannot score {}", args.dir.display()))?;
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&r)?))?;
        return Ok(Exit::Success);
    }
    let m = &r.meta;
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
    emit(&format!(
        "pages={} failed={} P={:.3} R={:.3}\nhtml_f1={:.3}\n\
         title: found on {}/{} pages; equals the page's <h1> on {}/{} ({:.1}%)\n\
         date: found on {}/{} ({:.1}%); equals the date in the URL on {}/{} pages whose URL has one ({:.1}%)\n\
         outlet: found on {}/{} ({:.1}%); fits the URL's domain on {}/{} ({:.1}%)\n\
         author: found on {}/{} ({:.1}%)\n",
        r.summary.pages,
        r.failed,
        r.summary.precision,
        r.summary.recall,
        r.summary.f1,
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
    ))?;
    Ok(Exit::Success)
}
