//! Readers of the gold formats, one module per format. Each turns files into plain records
//! (spans in the unit the format counts in, as documented per reader); scoring is in
//! [`crate::tasks`].

pub mod brat;
pub mod conll;
pub mod ecbplus;
pub mod emergent;
pub mod fnc;
pub mod petrarch;
pub mod plover;
pub mod quantities;
pub mod recognizers;
pub mod scrapinghub;
pub mod timeml;

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde_json::Value;

/// Every file under `dir`, recursively, in sorted order.
pub fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            out.extend(walk(&p)?);
        } else {
            out.push(p);
        }
    }
    Ok(out)
}

/// A file's text; it must be UTF-8.
pub fn read_utf8(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {} as UTF-8", path.display()))
}

/// A file's bytes, gunzipped when its name ends in `.gz`.
pub fn read_bytes_maybe_gz(path: &Path) -> Result<Vec<u8>> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let gz = path.extension().is_some_and(|e| e == "gz");
    if !gz {
        return Ok(bytes);
    }
    let mut s = Vec::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_end(&mut s)
        .with_context(|| format!("decompressing {}", path.display()))?;
    Ok(s)
}

/// A file's text, gunzipped when its name ends in `.gz`; it must be UTF-8.
pub fn read_text_maybe_gz(path: &Path) -> Result<String> {
    String::from_utf8(read_bytes_maybe_gz(path)?).with_context(|| format!("{} is not UTF-8", path.display()))
}

/// A JSON file holding a list (a leading byte-order mark is allowed).
pub fn read_json_list(path: &Path) -> Result<Vec<Value>> {
    let src = read_utf8(path)?;
    let v: Value = serde_json::from_str(src.trim_start_matches('\u{feff}'))
        .with_context(|| format!("{} is not JSON", path.display()))?;
    match v {
        Value::Array(a) => Ok(a),
        _ => bail!("{} is not a JSON list", path.display()),
    }
}

/// Whether a path names a gzipped tar archive (`.tar.gz` or `.tgz`).
pub fn is_tar_gz(path: &Path) -> bool {
    let name = path.to_string_lossy();
    name.ends_with(".tar.gz") || name.ends_with(".tgz")
}

/// (path inside the archive, contents) of every regular file of a `.tar.gz` whose path
/// `keep` accepts, in archive order (read with the `tar` crate).
pub fn tar_gz_files(path: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<(String, Vec<u8>)>> {
    let f = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(std::io::BufReader::new(f)));
    let mut out = Vec::new();
    let bad = || format!("malformed archive {}", path.display());
    for entry in archive.entries().with_context(bad)? {
        let mut entry = entry.with_context(bad)?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let name = entry.path().with_context(bad)?.to_string_lossy().into_owned();
        if !keep(&name) {
            continue;
        }
        let mut data = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut data).with_context(bad)?;
        out.push((name, data));
    }
    Ok(out)
}

#[cfg(test)]
pub(crate) mod testutil {
    /// A `.tar.gz` holding the given files, written with the `tar` crate.
    pub fn tar_gz(files: &[(&str, &str)]) -> Vec<u8> {
        let mut b = tar::Builder::new(flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast()));
        for (name, data) in files {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_cksum();
            b.append_data(&mut h, name, data.as_bytes()).unwrap();
        }
        b.into_inner().unwrap().finish().unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tar_gz_files_reads_long_names_and_filters() {
        let long = format!("dir/{}/a.tml", "x".repeat(120));
        let bytes = testutil::tar_gz(&[(&long, "one"), ("dir/b.txt", "two")]);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.tar.gz");
        std::fs::write(&p, bytes).unwrap();
        assert!(is_tar_gz(&p));
        let files = tar_gz_files(&p, |n| n.ends_with(".tml")).unwrap();
        assert_eq!(files, vec![(long, b"one".to_vec())]);
    }
}
