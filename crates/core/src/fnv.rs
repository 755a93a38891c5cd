//! FNV-1a, the hasher of the word tables that the extractors look up at every token: the keys are
//! a few bytes long, where SipHash's per-call setup costs more than the lookup. Not for keys an
//! adversary chooses (no DoS resistance); the tables hold compiled-in words only.
//!
//! ```
//! use std::collections::HashSet;
//! let mut words: HashSet<&str, dossier_core::fnv::FnvBuild> = HashSet::default();
//! words.insert("said");
//! assert!(words.contains("said"));
//! ```

use std::hash::{BuildHasherDefault, Hasher};

/// The FNV-1a 64-bit hasher.
pub struct Fnv(u64);

/// Builds [`Fnv`] hashers, for `HashMap`/`HashSet`.
pub type FnvBuild = BuildHasherDefault<Fnv>;

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}
