//! The measures' word lists, read once from `resources/lexicons/en/*.tsv` (compiled in) with the
//! one TSV reader, [`dossier_core::tsv`]. A row that does not parse panics at first use with the
//! file and line; the test below loads every file, so a bad file fails `cargo test` first.

use std::sync::LazyLock;

use dossier_core::tsv::{self, Row, TsvError};

macro_rules! file {
    ($name:literal) => {
        ($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../resources/lexicons/en/", $name)))
    };
}

/// Every row of a file through `parse`; the first bad row panics with file and line.
fn load<'a, T>((name, text): (&'a str, &'a str), mut parse: impl FnMut(&Row<'a>) -> Result<T, TsvError>) -> Vec<T> {
    tsv::rows(name, text).map(|r| parse(&r).unwrap_or_else(|e| panic!("{e}"))).collect()
}

/// A field that must be one of `choices`.
fn one_of<'a>(row: &Row<'a>, i: usize, choices: &[&str]) -> Result<&'a str, TsvError> {
    let v = row.field(i)?;
    if choices.contains(&v) {
        Ok(v)
    } else {
        Err(row.error(format!("field {} is {v:?}, expected one of {choices:?}", i + 1)))
    }
}

/// A numeric field.
fn number<T: std::str::FromStr>(row: &Row<'_>, i: usize) -> Result<T, TsvError> {
    let v = row.field(i)?;
    v.parse().map_err(|_| row.error(format!("field {} is {v:?}, not a number", i + 1)))
}

/// `calendar.tsv`: month and weekday names, in calendar order.
pub(crate) struct Calendar {
    /// Full month names with their abbreviations, January first.
    pub months: Vec<(&'static str, Vec<&'static str>)>,
    /// Weekday names, Monday first.
    pub weekdays: Vec<&'static str>,
}

pub(crate) static CALENDAR: LazyLock<Calendar> = LazyLock::new(|| {
    let rows = load(file!("calendar.tsv"), |r| {
        let kind = one_of(r, 1, &["month", "weekday"])?;
        let n: usize = number(r, 2)?;
        Ok((r.field(0)?, kind, n, r.list(3).collect::<Vec<_>>(), r.line))
    });
    let mut cal = Calendar { months: Vec::new(), weekdays: Vec::new() };
    for (name, kind, n, abbr, line) in rows {
        let (len, expected) = if kind == "month" { (cal.months.len(), 12) } else { (cal.weekdays.len(), 7) };
        if n != len + 1 || n > expected {
            panic!("calendar.tsv line {line}: {name} is {kind} {n}, expected {}", len + 1);
        }
        if kind == "month" {
            cal.months.push((name, abbr));
        } else {
            cal.weekdays.push(name);
        }
    }
    assert!(cal.months.len() == 12 && cal.weekdays.len() == 7, "calendar.tsv: needs 12 months and 7 weekdays");
    cal
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_loads() {
        assert_eq!(CALENDAR.months[8], ("September", vec!["Sept", "Sep"]));
        assert_eq!(CALENDAR.weekdays[6], "Sunday");
    }

    #[test]
    fn a_bad_row_names_file_and_line() {
        let bad = std::panic::catch_unwind(|| load(("x.tsv", "a\tb\nc\n"), |r| r.field(1).map(str::to_string)));
        let msg = bad.unwrap_err().downcast::<String>().unwrap();
        assert_eq!(*msg, "x.tsv line 2: missing field 2 (the row has 1)");
    }
}
