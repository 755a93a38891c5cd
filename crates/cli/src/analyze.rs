//! `dossier analyze`: one file (or stdin) → a report or the JSON contract.

use std::path::Path;

use anyhow::Result;
use dossier_core::{AnalysisJson, Document, Metadata};
use dossier_extract::Lexicons;

use crate::args::AnalyzeArgs;
use crate::input::{self, InputError};
use crate::{emit, report, Exit};

/// Reads the document `dossier analyze` (and `dossier eval`) works on: a file, or stdin for `-`.
pub fn read_document(path: &Path, max_bytes: u64, meta: Metadata) -> Result<Document, InputError> {
    let text = if path.as_os_str() == "-" {
        input::read_capped(std::io::stdin().lock(), max_bytes)?
    } else {
        input::read_text_file(path, max_bytes)?
    };
    Ok(Document::new(text, meta))
}

/// How the input is named in messages and in the document's source.
pub fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

pub fn run(args: &AnalyzeArgs, lex: &Lexicons) -> Result<Exit> {
    let name = display_name(&args.file);
    let meta = Metadata {
        title: args.title.clone(),
        url: args.url.clone(),
        published: args.published,
        source: (name != "<stdin>").then(|| name.clone()),
        ..Metadata::default()
    };
    let doc = match read_document(&args.file, args.max_bytes, meta) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("error: {name}: {e}");
            return Ok(Exit::Partial);
        }
    };
    let analysis = dossier_extract::analyze(&doc, lex);
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&AnalysisJson::new(&doc, &analysis))?))?;
    } else {
        emit(&report::analysis(&doc, &analysis))?;
    }
    Ok(Exit::Success)
}
