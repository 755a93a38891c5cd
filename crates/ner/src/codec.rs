//! The binary codec of the model file: little-endian integers and floats written to a byte
//! buffer and read back with bounds checks. The tagger ([`crate::model`]) and the gazetteer it
//! embeds both write and read through it, and neither needs the other's internals to do so.

use crate::{Error, Result};

/// Appends little-endian values to a byte buffer.
#[derive(Default)]
pub(crate) struct Writer {
    out: Vec<u8>,
}

impl Writer {
    pub(crate) fn with_capacity(n: usize) -> Writer {
        Writer { out: Vec::with_capacity(n) }
    }
    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.out.extend_from_slice(b);
    }
    pub(crate) fn u16(&mut self, v: u16) {
        self.bytes(&v.to_le_bytes());
    }
    pub(crate) fn i16(&mut self, v: i16) {
        self.bytes(&v.to_le_bytes());
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.bytes(&v.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }
    pub(crate) fn f32(&mut self, v: f32) {
        self.bytes(&v.to_le_bytes());
    }
    /// The bytes written.
    pub(crate) fn finish(self) -> Vec<u8> {
        self.out
    }
}

/// Reads little-endian values off a byte slice; running past its end is [`Error::Corrupt`].
pub(crate) struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(b: &'a [u8]) -> Reader<'a> {
        Reader { b, pos: 0 }
    }
    /// The next `n` bytes.
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.b.len()).ok_or(Error::Corrupt("unexpected end"))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    pub(crate) fn u16(&mut self) -> Result<u16> {
        self.array().map(u16::from_le_bytes)
    }
    pub(crate) fn i16(&mut self) -> Result<i16> {
        self.array().map(i16::from_le_bytes)
    }
    pub(crate) fn u32(&mut self) -> Result<u32> {
        self.array().map(u32::from_le_bytes)
    }
    pub(crate) fn u64(&mut self) -> Result<u64> {
        self.array().map(u64::from_le_bytes)
    }
    pub(crate) fn f32(&mut self) -> Result<f32> {
        self.array().map(f32::from_le_bytes)
    }
    /// Whether every byte has been read.
    pub(crate) fn at_end(&self) -> bool {
        self.pos == self.b.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_little_endian() {
        let mut w = Writer::default();
        w.bytes(b"AB");
        w.u16(0x0102);
        w.i16(-2);
        w.u32(7);
        w.u64(u64::MAX - 1);
        w.f32(0.5);
        let bytes = w.finish();
        assert_eq!(&bytes[..4], &[b'A', b'B', 0x02, 0x01]);
        let mut r = Reader::new(&bytes);
        assert_eq!(r.take(2).unwrap(), b"AB");
        assert_eq!(r.u16().unwrap(), 0x0102);
        assert_eq!(r.i16().unwrap(), -2);
        assert_eq!(r.u32().unwrap(), 7);
        assert_eq!(r.u64().unwrap(), u64::MAX - 1);
        assert_eq!(r.f32().unwrap(), 0.5);
        assert!(r.at_end());
    }

    #[test]
    fn reading_past_the_end_is_corrupt() {
        let mut r = Reader::new(&[1, 2, 3]);
        assert!(matches!(r.u32(), Err(Error::Corrupt("unexpected end"))));
        assert_eq!(r.u16().unwrap(), 0x0201);
    }
}
