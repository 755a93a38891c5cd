//! Hashed sparse features. Every feature is a 64-bit hash of a template id and its values; the
//! top `bits` bits of the hash pick a row of the weight table (one weight per label in a row).

use std::collections::HashSet;

use crate::clusters::{Clusters, NONE};
use crate::gazetteer::{Gazetteer, CATEGORIES};
use crate::hash::{fnv_bytes, hash_str, mix, FNV_OFFSET};

// Flag bits of a token.
const INIT_CAP: u16 = 1;
const ALL_CAPS: u16 = 1 << 1;
const HAS_DIGIT: u16 = 1 << 2;
const ALL_DIGIT: u16 = 1 << 3;
const HAS_HYPHEN: u16 = 1 << 4;
const HAS_PERIOD: u16 = 1 << 5;
const HAS_APOS: u16 = 1 << 6;
const NO_ALNUM: u16 = 1 << 7;
const INNER_CAP: u16 = 1 << 8;
const FIRST: u16 = 1 << 9;
const CAP_COMMON: u16 = 1 << 10;
const SINGLE_CHAR: u16 = 1 << 11;
const N_FLAGS: u64 = 12;

/// What the features need of one token, computed once per sentence.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TokenInfo {
    pub word: u64,
    pub lower: u64,
    pub shape: u64,
    pub pre: [u64; 4],
    pub suf: [u64; 4],
    pub flags: u16,
    pub len_bucket: u8,
    /// Fine and coarse word cluster ([`NONE`] when the word has none).
    pub cluster: [u16; 2],
}

fn shape_char(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else {
        c
    }
}

/// Lower-case vocabulary test used for `CAP_COMMON`.
pub(crate) type Vocab = HashSet<u64>;

fn token_info(tok: &str, first: bool, vocab: &Vocab) -> TokenInfo {
    let mut lower = String::with_capacity(tok.len());
    let mut flags = 0u16;
    let mut shape = FNV_OFFSET;
    let mut last_shape = '\0';
    let mut n_chars = 0usize;
    let (mut letters, mut uppers, mut digits, mut alnum) = (0usize, 0usize, 0usize, 0usize);
    let mut seen_lower = false;
    let mut buf = [0u8; 4];
    for (i, c) in tok.chars().enumerate() {
        n_chars += 1;
        if c.is_alphabetic() {
            letters += 1;
        }
        if c.is_uppercase() {
            uppers += 1;
            if i == 0 {
                flags |= INIT_CAP;
            } else if seen_lower {
                flags |= INNER_CAP;
            }
        }
        if c.is_lowercase() {
            seen_lower = true;
        }
        if c.is_numeric() {
            digits += 1;
        }
        if c.is_alphanumeric() {
            alnum += 1;
        }
        match c {
            '-' | '–' => flags |= HAS_HYPHEN,
            '.' => flags |= HAS_PERIOD,
            '\'' | '’' => flags |= HAS_APOS,
            _ => {}
        }
        let s = shape_char(c);
        if s != last_shape {
            shape = fnv_bytes(shape, s.encode_utf8(&mut buf).as_bytes());
            last_shape = s;
        }
        lower.extend(c.to_lowercase());
    }
    if letters > 0 && uppers == letters && letters > 1 {
        flags |= ALL_CAPS;
    }
    if digits > 0 {
        flags |= HAS_DIGIT;
        if digits == n_chars {
            flags |= ALL_DIGIT;
        }
    }
    if alnum == 0 {
        flags |= NO_ALNUM;
    }
    if first {
        flags |= FIRST;
    }
    if n_chars == 1 {
        flags |= SINGLE_CHAR;
    }
    let lower_h = hash_str(&lower);
    if flags & INIT_CAP != 0 && vocab.contains(&lower_h) {
        flags |= CAP_COMMON;
    }
    let mut pre = [0u64; 4];
    let mut suf = [0u64; 4];
    let chars: Vec<(usize, char)> = lower.char_indices().collect();
    for k in 0..4 {
        let n = (k + 1).min(chars.len());
        let end = chars.get(n).map_or(lower.len(), |&(b, _)| b);
        pre[k] = hash_str(&lower[..end]);
        let start = chars.len() - n;
        let b = chars.get(start).map_or(lower.len(), |&(b, _)| b);
        suf[k] = hash_str(&lower[b..]);
    }
    let len_bucket = match n_chars {
        0..=3 => n_chars as u8,
        4..=6 => 4,
        7..=10 => 5,
        _ => 6,
    };
    TokenInfo { word: hash_str(tok), lower: lower_h, shape, pre, suf, flags, len_bucket, cluster: [NONE; 2] }
}

/// Feature template ids.
mod t {
    pub const BIAS: u64 = 1;
    pub const WORD: u64 = 2;
    pub const LOWER: u64 = 3;
    pub const SHAPE: u64 = 4;
    pub const PRE: u64 = 5;
    pub const SUF: u64 = 9;
    pub const FLAG: u64 = 13;
    pub const LEN: u64 = 14;
    pub const LOWER_M1: u64 = 15;
    pub const LOWER_M2: u64 = 16;
    pub const LOWER_P1: u64 = 17;
    pub const LOWER_P2: u64 = 18;
    pub const SHAPE_M1: u64 = 19;
    pub const SHAPE_P1: u64 = 20;
    pub const SHAPE_M1_0: u64 = 21;
    pub const SHAPE_0_P1: u64 = 22;
    pub const BIGRAM_M1: u64 = 23;
    pub const BIGRAM_P1: u64 = 24;
    pub const GAZ: u64 = 25;
    pub const GAZ_CAP: u64 = 26;
    pub const GAZ_M1: u64 = 27;
    pub const GAZ_P1: u64 = 28;
    pub const SUF3_M1: u64 = 29;
    pub const SUF3_P1: u64 = 30;
    pub const FLAGS_M1_0_P1: u64 = 31;
    pub const WORD_P1: u64 = 32;
    pub const WORD_M1: u64 = 33;
    pub const CLUSTER: u64 = 34;
    pub const COARSE: u64 = 35;
    pub const CLUSTER_M1: u64 = 36;
    pub const CLUSTER_P1: u64 = 37;
    pub const CLUSTER_CAP: u64 = 38;
    pub const T1: u64 = 40;
    pub const T2T1: u64 = 41;
    pub const T1_LOWER: u64 = 42;
    pub const T1_SHAPE: u64 = 43;
    pub const T1_FLAGS: u64 = 44;
}

const BOS: u64 = 0x5eed_0b05;
const EOS: u64 = 0x5eed_0e05;
const CASE_FLAGS: u16 = INIT_CAP | ALL_CAPS | NO_ALNUM | HAS_DIGIT | FIRST;

/// Per-sentence feature state: the hashed static features of every token (flattened), and the
/// token information the tag-dependent features need.
#[derive(Debug, Default)]
pub(crate) struct SentenceFeatures {
    pub info: Vec<TokenInfo>,
    /// Static feature hashes; token i owns `feats[offsets[i]..offsets[i + 1]]`.
    pub feats: Vec<u64>,
    pub offsets: Vec<usize>,
    lower: Vec<u64>,
    gaz: Vec<u64>,
}

impl SentenceFeatures {
    pub fn compute(&mut self, tokens: &[&str], gaz: &Gazetteer, vocab: &Vocab, clusters: &Clusters) {
        self.info.clear();
        self.info.extend(tokens.iter().enumerate().map(|(i, t)| {
            let mut x = token_info(t, i == 0, vocab);
            x.cluster = clusters.get(x.lower);
            x
        }));
        self.lower.clear();
        self.lower.extend(self.info.iter().map(|x| x.lower));
        gaz.memberships(&self.lower, &mut self.gaz);
        self.feats.clear();
        self.offsets.clear();
        let n = tokens.len();
        for i in 0..n {
            self.offsets.push(self.feats.len());
            let x = &self.info[i];
            let f = &mut self.feats;
            let lower_at = |j: isize| -> u64 {
                if j < 0 {
                    BOS
                } else if j as usize >= n {
                    EOS
                } else {
                    self.info[j as usize].lower
                }
            };
            let at = |j: isize| -> Option<&TokenInfo> {
                if j < 0 {
                    None
                } else {
                    self.info.get(j as usize)
                }
            };
            let i_ = i as isize;
            f.push(t::BIAS);
            f.push(mix(t::WORD, x.word));
            f.push(mix(t::LOWER, x.lower));
            f.push(mix(t::SHAPE, x.shape));
            for k in 0..4 {
                f.push(mix(t::PRE + k as u64, x.pre[k]));
                f.push(mix(t::SUF + k as u64, x.suf[k]));
            }
            for b in 0..N_FLAGS {
                if x.flags & (1 << b) != 0 {
                    f.push(mix(t::FLAG, b));
                }
            }
            f.push(mix(t::LEN, u64::from(x.len_bucket)));
            f.push(mix(t::LOWER_M1, lower_at(i_ - 1)));
            f.push(mix(t::LOWER_M2, lower_at(i_ - 2)));
            f.push(mix(t::LOWER_P1, lower_at(i_ + 1)));
            f.push(mix(t::LOWER_P2, lower_at(i_ + 2)));
            let sm1 = at(i_ - 1).map_or(BOS, |y| y.shape);
            let sp1 = at(i_ + 1).map_or(EOS, |y| y.shape);
            f.push(mix(t::SHAPE_M1, sm1));
            f.push(mix(t::SHAPE_P1, sp1));
            f.push(mix(mix(t::SHAPE_M1_0, sm1), x.shape));
            f.push(mix(mix(t::SHAPE_0_P1, x.shape), sp1));
            f.push(mix(mix(t::BIGRAM_M1, lower_at(i_ - 1)), x.lower));
            f.push(mix(mix(t::BIGRAM_P1, x.lower), lower_at(i_ + 1)));
            f.push(mix(t::SUF3_M1, at(i_ - 1).map_or(BOS, |y| y.suf[2])));
            f.push(mix(t::SUF3_P1, at(i_ + 1).map_or(EOS, |y| y.suf[2])));
            f.push(mix(t::WORD_M1, at(i_ - 1).map_or(BOS, |y| y.word)));
            f.push(mix(t::WORD_P1, at(i_ + 1).map_or(EOS, |y| y.word)));
            // Word clusters (none for a word the unlabelled text did not hold often enough).
            if x.cluster[0] != NONE {
                f.push(mix(t::CLUSTER, u64::from(x.cluster[0])));
                f.push(mix(t::COARSE, u64::from(x.cluster[1])));
                f.push(mix(t::CLUSTER_CAP, u64::from(x.cluster[0]) << 2 | u64::from(x.flags & (INIT_CAP | ALL_CAPS))));
            }
            for (y, tmpl) in [(at(i_ - 1), t::CLUSTER_M1), (at(i_ + 1), t::CLUSTER_P1)] {
                if let Some(y) = y.filter(|y| y.cluster[0] != NONE) {
                    f.push(mix(tmpl, u64::from(y.cluster[0])));
                }
            }
            let fl = |y: Option<&TokenInfo>| y.map_or(0xffff, |y| u64::from(y.flags & CASE_FLAGS));
            f.push(mix(t::FLAGS_M1_0_P1, fl(at(i_ - 1)) | (fl(Some(x)) << 16) | (fl(at(i_ + 1)) << 32)));
            let cap = u64::from(x.flags & (INIT_CAP | ALL_CAPS) != 0);
            for (bits, tmpl) in [
                (self.gaz[i], t::GAZ),
                (if i > 0 { self.gaz[i - 1] } else { 0 }, t::GAZ_M1),
                (self.gaz.get(i + 1).copied().unwrap_or(0), t::GAZ_P1),
            ] {
                for b in 0..(4 * CATEGORIES.len() as u32) {
                    if bits & (1u64 << b) != 0 {
                        f.push(mix(tmpl, u64::from(b)));
                        if tmpl == t::GAZ {
                            f.push(mix(t::GAZ_CAP, u64::from(b) * 2 + cap));
                        }
                    }
                }
            }
        }
        self.offsets.push(self.feats.len());
    }

    /// The tag-dependent features of token `i` given the previous two labels.
    #[inline]
    pub fn dynamic(&self, i: usize, p1: usize, p2: usize) -> [u64; 5] {
        let x = &self.info[i];
        let p1 = p1 as u64;
        [
            mix(t::T1, p1),
            mix(t::T2T1, (p2 as u64) << 8 | p1),
            mix(mix(t::T1_LOWER, p1), x.lower),
            mix(mix(t::T1_SHAPE, p1), x.shape),
            mix(t::T1_FLAGS, p1 << 16 | u64::from(x.flags & CASE_FLAGS)),
        ]
    }
}
