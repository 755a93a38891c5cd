//! The one precision/recall/F1 type every task reports, and the offset maps every task uses to
//! bring predicted byte offsets and gold offsets (characters, UTF-16 code units) together.

use serde::Serialize;

/// Counts of one measure: true positives, predictions, gold items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Predicted and gold.
    pub tp: u64,
    /// Everything predicted.
    pub predicted: u64,
    /// Everything in the gold.
    pub gold: u64,
}

impl Counts {
    pub fn new(tp: u64, predicted: u64, gold: u64) -> Counts {
        Counts { tp, predicted, gold }
    }

    /// Predicted, not gold.
    pub fn false_positives(&self) -> u64 {
        self.predicted.saturating_sub(self.tp)
    }

    /// Gold, not predicted.
    pub fn false_negatives(&self) -> u64 {
        self.gold.saturating_sub(self.tp)
    }

    /// Adds another set of counts.
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.predicted += o.predicted;
        self.gold += o.gold;
    }

    /// Precision (0 when nothing was predicted), recall (0 without gold) and F1 = 2·TP / (P + G),
    /// the formula of the reference scripts (0 when both are empty).
    pub fn prf(&self) -> Prf {
        let ratio = |a: u64, b: u64| if b > 0 { a as f64 / b as f64 } else { 0.0 };
        Prf {
            precision: ratio(self.tp, self.predicted),
            recall: ratio(self.tp, self.gold),
            f1: ratio(2 * self.tp, self.predicted + self.gold),
        }
    }
}

/// Precision, recall and F1 of one measure.
#[derive(Debug, Default, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    /// From counts (see [`Counts::prf`]).
    pub fn of(tp: u64, predicted: u64, gold: u64) -> Prf {
        Counts::new(tp, predicted, gold).prf()
    }

    /// `P=0.123 R=0.456 F1=0.789`, the way every scorer prints a measure.
    pub fn line(&self) -> String {
        format!("P={:.3} R={:.3} F1={:.3}", self.precision, self.recall, self.f1)
    }
}

/// Byte offset → character index, for every byte of `bytes` and its end: a byte inside a
/// multi-byte character maps to that character, the end to the number of characters (the
/// reference scripts' `b2c`). Invalid UTF-8 is counted by its lead bytes, as the scripts do.
pub fn byte_to_char(bytes: &[u8]) -> Vec<usize> {
    let mut m = vec![0usize; bytes.len() + 1];
    let mut chars = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        if b & 0xC0 != 0x80 && i > 0 {
            chars += 1;
        }
        m[i] = chars;
    }
    m[bytes.len()] = if bytes.is_empty() { 0 } else { chars + 1 };
    m
}

/// Character index → byte offset, for every character of `text` and its end.
pub fn char_to_byte(text: &str) -> Vec<usize> {
    text.char_indices().map(|(b, _)| b).chain([text.len()]).collect()
}

/// UTF-16 index → byte offset, for every code unit of `text` and its end (an index inside a
/// surrogate pair maps to the start of its character).
pub fn utf16_to_byte(text: &str) -> Vec<usize> {
    let mut m = Vec::with_capacity(text.len() + 1);
    for (b, c) in text.char_indices() {
        for _ in 0..c.len_utf16() {
            m.push(b);
        }
    }
    m.push(text.len());
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_of_counts() {
        let p = Prf::of(1, 1, 2);
        assert_eq!((p.precision, p.recall), (1.0, 0.5));
        assert!((p.f1 - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(p.line(), "P=1.000 R=0.500 F1=0.667");
        assert_eq!(Prf::of(0, 0, 0), Prf::default());
        assert_eq!(Counts::new(3, 5, 4).false_positives(), 2);
        assert_eq!(Counts::new(3, 5, 4).false_negatives(), 1);
    }

    #[test]
    fn byte_to_char_maps_inner_bytes_to_their_character() {
        assert_eq!(byte_to_char("a’b".as_bytes()), vec![0, 1, 1, 1, 2, 3]);
        assert_eq!(byte_to_char(b""), vec![0]);
        assert_eq!(byte_to_char("’".as_bytes()), vec![0, 0, 0, 1]);
    }

    #[test]
    fn char_and_utf16_maps() {
        assert_eq!(char_to_byte("a’b"), vec![0, 1, 4, 5]);
        assert_eq!(utf16_to_byte("a😀b"), vec![0, 1, 1, 5, 6]);
    }
}
