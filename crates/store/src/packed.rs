//! Stored analyses, compressed. The analysis JSON of a document (the contract, verbatim, with the
//! text of every span) is four to five times the size of the text it describes and was most of a
//! store; zstd brings it to about a tenth, and reading one back costs microseconds. A packed
//! analysis is a BLOB; an analysis stored as TEXT (before schema 15) still reads.

use rusqlite::types::ValueRef;

/// zstd's level 3 (its default): ~10× on analysis JSON at hundreds of MB/s, so packing never
/// slows an ingest; higher levels gain a few percent for several times the time.
const LEVEL: i32 = 3;

/// The analysis JSON as stored.
pub(crate) fn pack(json: &str) -> Vec<u8> {
    zstd::bulk::compress(json.as_bytes(), LEVEL).expect("compressing to memory does not fail")
}

/// The analysis JSON of a stored value: a packed BLOB, or TEXT as older schemas stored it.
pub(crate) fn unpack(value: ValueRef<'_>) -> rusqlite::Result<String> {
    let bad = |e: Box<dyn std::error::Error + Send + Sync>| {
        rusqlite::Error::FromSqlConversionFailure(0, value.data_type(), e)
    };
    match value {
        ValueRef::Text(t) => String::from_utf8(t.to_vec()).map_err(|e| bad(e.into())),
        ValueRef::Blob(b) => {
            let bytes = zstd::stream::decode_all(b).map_err(|e| bad(e.into()))?;
            String::from_utf8(bytes).map_err(|e| bad(e.into()))
        }
        _ => Err(rusqlite::Error::InvalidColumnType(0, "analysis".into(), value.data_type())),
    }
}

/// Schema 15: every analysis stored as TEXT is packed. The space freed is reused by later
/// writes; `dossier compact` ([`crate::Store::compact`]) gives it back to the file system.
pub(crate) fn pack_stored_analyses(tx: &rusqlite::Transaction) -> crate::Result<()> {
    let mut read = tx.prepare(
        "SELECT pk, analysis FROM documents WHERE typeof(analysis) = 'text' AND pk > ?1 ORDER BY pk LIMIT 500",
    )?;
    let mut write = tx.prepare("UPDATE documents SET analysis = ?2 WHERE pk = ?1")?;
    let mut after = 0i64;
    loop {
        // A batch at a time: a large store's analyses are not all held in memory at once.
        let rows: Vec<(i64, String)> =
            read.query_map([after], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let Some(&(last, _)) = rows.last() else { return Ok(()) };
        for (pk, json) in rows {
            write.execute(rusqlite::params![pk, pack(&json)])?;
        }
        after = last;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_and_text_analyses_read_back_the_same() {
        let json = r#"{"version":"1.9","attributions":[{"cue":{"text":"said"}}]}"#.repeat(50);
        let packed = pack(&json);
        assert!(packed.len() * 5 < json.len(), "{} of {}", packed.len(), json.len());
        assert_eq!(unpack(ValueRef::Blob(&packed)).unwrap(), json);
        assert_eq!(unpack(ValueRef::Text(json.as_bytes())).unwrap(), json);
        assert!(unpack(ValueRef::Blob(b"not zstd")).is_err());
        assert!(unpack(ValueRef::Null).is_err());
    }
}
