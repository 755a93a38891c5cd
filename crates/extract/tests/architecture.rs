//! The module graph of crates/extract has no circles: an extractor (repair, segment, entities,
//! attribution, events) reads dossier_core, the lexicon, the closed word lists (`words`) and the
//! token view (`segment`), never another extractor; the lexicon and the word lists read no
//! extractor. The test reads the sources, so a new `use crate::attribution::…` in events fails it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const EXTRACTORS: &[&str] = &["repair", "segment", "entities", "attribution", "events"];
/// Modules every extractor may read.
const SHARED: &[&str] = &["lexicon", "words", "segment"];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a source file belongs to (`attribution/quotes.rs` → `attribution`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src");
    let first = rel.components().next().expect("a component").as_os_str().to_string_lossy().to_string();
    first.trim_end_matches(".rs").to_string()
}

/// The crate modules a source names through `crate::` (in `use` lines, groups and paths alike).
fn crate_modules(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or("");
                for item in inner.split(',') {
                    let name: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    if !name.is_empty() {
                        out.insert(name);
                    }
                }
            } else {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn no_extractor_reads_another_and_the_lexicon_reads_none() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut violations = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        let code = std::fs::read_to_string(file).expect("readable source");
        // `super::super::x` would step around the rule; nothing here needs it.
        if code.contains("super::super::") {
            violations.push(format!("{}: uses super::super::", file.display()));
        }
        let allowed: Vec<&str> = if EXTRACTORS.contains(&module.as_str()) {
            SHARED.to_vec()
        } else if module == "lexicon" || module == "words" {
            vec!["lexicon", "words"]
        } else {
            continue; // lib.rs and the pipeline run the extractors.
        };
        for used in crate_modules(&code) {
            let is_module = EXTRACTORS.contains(&used.as_str()) || used == "pipeline";
            if is_module && used != module && !allowed.contains(&used.as_str()) {
                violations.push(format!("{}: {module} uses crate::{used}", file.display()));
            }
        }
    }
    assert!(files.len() > 8, "found the sources");
    assert!(violations.is_empty(), "import circles:\n{}", violations.join("\n"));
}

#[test]
fn the_reader_of_imports_sees_groups_and_paths() {
    let code = "use crate::{lexicon::Lexicons, attribution};\nlet x = crate::events::events(); // crate::repair\n";
    let found: Vec<String> = crate_modules(code).into_iter().collect();
    assert_eq!(found, ["attribution", "events", "lexicon"]);
}
