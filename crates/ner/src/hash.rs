//! The tagger's hashes: FNV-1a over strings (as written or lower-cased) and a splitmix64 mixer
//! that combines them. Features, gazetteer keys and the vocabulary all hash through here, so a
//! model file stays readable only while these functions do not change.

pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// Combines a hash with a value (splitmix64 finaliser over their sum).
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let mut z = a.rotate_left(23).wrapping_add(b).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a over `bytes`, continuing from `h`.
#[inline]
pub(crate) fn fnv_bytes(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// Hash of a string as it is.
pub(crate) fn hash_str(s: &str) -> u64 {
    fnv_bytes(FNV_OFFSET, s.as_bytes())
}

/// Hash of a string's lower-case form (no allocation).
pub(crate) fn hash_lower(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    let mut buf = [0u8; 4];
    for c in s.chars() {
        for l in c.to_lowercase() {
            h = fnv_bytes(h, l.encode_utf8(&mut buf).as_bytes());
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_hash_ignores_case_and_matches_the_lowercased_string() {
        assert_eq!(hash_lower("KOREA"), hash_lower("korea"));
        assert_eq!(hash_lower("Élysée"), hash_str("élysée"));
        assert_ne!(hash_str("Korea"), hash_str("korea"));
    }

    #[test]
    fn values_are_stable() {
        // A model file stores these hashes: changing them silently breaks every shipped model.
        assert_eq!(hash_str(""), FNV_OFFSET);
        assert_eq!(hash_str("a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(mix(1, 2), mix(2, 1));
    }
}
