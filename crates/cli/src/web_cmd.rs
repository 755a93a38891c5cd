//! `dossier extract`: one HTML page → main text and metadata.

use anyhow::Result;
use dossier_web::Limits;

use crate::args::ExtractArgs;
use crate::{emit, Exit};

pub fn extract(args: &ExtractArgs) -> Result<Exit> {
    let limits = Limits { max_bytes: args.max_bytes, ..Limits::default() };
    // A page that cannot be read is a failed input, as in `analyze` and `ingest` (exit 1).
    let page = match dossier_web::read_page_file(&args.file, &limits) {
        Ok(page) => page,
        Err(e) => {
            eprintln!("error: {}: {e}", args.file.display());
            return Ok(Exit::Partial);
        }
    };
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
