//! The one reader of Dossier's tab-separated language data (`resources/lexicons/**.tsv`).
//!
//! Every lexicon, word list and gazetteer is a TSV file: `#` starts a comment line, blank lines
//! are skipped, fields are split at tabs and trimmed. A row that does not have the fields its
//! reader needs is an error that names the file and the line ([`TsvError`]), never a silently
//! skipped entry or a default.
//!
//! ```
//! use dossier_core::tsv;
//! let file = "# word\tclass\nsaid\tverb\n\nclaims\n";
//! let rows: Vec<_> = tsv::rows("cues.tsv", file).collect();
//! assert_eq!(rows[0].field(1).unwrap(), "verb");
//! assert_eq!(rows[1].line, 4);
//! let err = rows[1].field(1).unwrap_err();
//! assert_eq!(err.to_string(), "cues.tsv line 4: missing field 2 (the row has 1)");
//! ```

use std::fmt;

/// One data row of a TSV file: its 1-based line number and its trimmed fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    pub file: &'a str,
    pub line: usize,
    pub fields: Vec<&'a str>,
}

/// A row that its reader cannot use: which file, which line, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsvError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

impl fmt::Display for TsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} line {}: {}", self.file, self.line, self.reason)
    }
}

impl std::error::Error for TsvError {}

impl<'a> Row<'a> {
    /// The field at `i` (0-based), or an error naming file and line when the row is shorter.
    pub fn field(&self, i: usize) -> Result<&'a str, TsvError> {
        self.fields
            .get(i)
            .copied()
            .ok_or_else(|| self.error(format!("missing field {} (the row has {})", i + 1, self.fields.len())))
    }

    /// The field at `i`, or "" when the row stops before it (for optional trailing columns).
    pub fn optional(&self, i: usize) -> &'a str {
        self.fields.get(i).copied().unwrap_or("")
    }

    /// The first `N` fields, or an error when the row has fewer.
    pub fn first<const N: usize>(&self) -> Result<[&'a str; N], TsvError> {
        let mut out = [""; N];
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = self.field(i)?;
        }
        Ok(out)
    }

    /// A comma-separated list in field `i` (absent or empty → no items).
    pub fn list(&self, i: usize) -> impl Iterator<Item = &'a str> {
        self.optional(i).split(',').map(str::trim).filter(|s| !s.is_empty())
    }

    /// An error about this row.
    pub fn error(&self, reason: impl Into<String>) -> TsvError {
        TsvError { file: self.file.to_string(), line: self.line, reason: reason.into() }
    }
}

/// The data rows of a TSV file (`file` names it in errors).
pub fn rows<'a>(file: &'a str, text: &'a str) -> impl Iterator<Item = Row<'a>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .map(move |(i, l)| Row { file, line: i + 1, fields: l.split('\t').map(str::trim).collect() })
}

/// The first field of every row: a word list.
pub fn words<'a>(file: &'a str, text: &'a str) -> impl Iterator<Item = &'a str> {
    rows(file, text).filter_map(|r| r.fields.first().copied()).filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_skipped_and_lines_counted() {
        let rows: Vec<_> = rows("x.tsv", "# head\n\na\tb \n  # indented comment\nc\n").collect();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].line, rows[0].fields.clone()), (3, vec!["a", "b"]));
        assert_eq!((rows[1].line, rows[1].optional(1)), (5, ""));
    }

    #[test]
    fn a_short_row_names_file_and_line() {
        let row = rows("titles.tsv", "president\n").next().unwrap();
        let err = row.first::<2>().unwrap_err();
        assert_eq!(err.file, "titles.tsv");
        assert_eq!(err.line, 1);
        assert!(err.to_string().contains("missing field 2"));
    }

    #[test]
    fn lists_split_at_commas() {
        let row = rows("c.tsv", "Korea\tKorean, Koreans,\n").next().unwrap();
        assert_eq!(row.list(1).collect::<Vec<_>>(), ["Korean", "Koreans"]);
        assert_eq!(row.list(5).count(), 0);
    }
}
