//! Digests the language data built into the binary (resources/lexicons, resources/models), so
//! that every analysis can say which lexicons and models made it (`provenance.resources`).

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../resources");
    let mut all = Vec::new();
    for dir in ["lexicons", "models"] {
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
        files(&root.join(dir), &mut all);
    }
    // Name order, and names relative to resources/, so the digest is the same on every machine.
    all.sort();
    let mut hash = Sha256::new();
    for path in &all {
        let name = path.strip_prefix(&root).unwrap_or(path).to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(path).unwrap_or_default();
        hash.update(name.as_bytes());
        hash.update([0]);
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(&bytes);
    }
    println!("cargo:rustc-env=DOSSIER_RESOURCES_DIGEST=sha256:{}", hex::encode(hash.finalize()));
}
