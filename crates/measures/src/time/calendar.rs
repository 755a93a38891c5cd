//! The calendar: month and weekday names (the one list the workspace has, in
//! `resources/lexicons/en/calendar.tsv`), TIMEX value formats, and date arithmetic.

use std::collections::HashSet;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::lexicon::CALENDAR;

/// "January|February|…|December", for the patterns.
pub(super) fn month_alternation() -> String {
    CALENDAR.months.iter().map(|(m, _)| *m).collect::<Vec<_>>().join("|")
}

/// "Jan|Feb|…|Sept|Sep|…|Dec": the abbreviations, in calendar order.
pub(super) fn month_abbr_alternation() -> String {
    CALENDAR.months.iter().flat_map(|(_, a)| a.iter().copied()).collect::<Vec<_>>().join("|")
}

/// "Monday|…|Sunday".
pub(super) fn weekday_alternation() -> String {
    CALENDAR.weekdays.join("|")
}

/// Whether a word is a month or weekday name, full or abbreviated, with or without a period.
pub(crate) fn is_month_or_weekday(word: &str) -> bool {
    static NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        let months = CALENDAR.months.iter().flat_map(|(m, a)| std::iter::once(*m).chain(a.iter().copied()));
        months.chain(CALENDAR.weekdays.iter().copied()).collect()
    });
    NAMES.contains(word.strip_suffix('.').unwrap_or(word))
}

/// The month a name starts with: its first three letters, any case ("Sept." → 9, "MAY" → 5).
pub(super) fn month_number(s: &str) -> Option<u32> {
    static KEYS: LazyLock<Vec<String>> = LazyLock::new(|| {
        CALENDAR.months.iter().map(|(m, _)| m.chars().take(3).collect::<String>().to_lowercase()).collect()
    });
    let key: String = s.chars().take(3).collect::<String>().to_lowercase();
    KEYS.iter().position(|m| *m == key).map(|p| p as u32 + 1)
}

pub(super) fn parse_weekday(s: &str) -> Option<Weekday> {
    s.parse().ok()
}

pub(super) fn part_of_day(s: &str) -> Option<&'static str> {
    match s.to_lowercase().as_str() {
        "morning" => Some("MO"),
        "afternoon" => Some("AF"),
        "evening" => Some("EV"),
        "night" => Some("NI"),
        _ => None,
    }
}

pub(super) fn with_pod(day: String, pod: Option<&str>) -> String {
    match pod {
        Some(p) => format!("{day}T{p}"),
        None => day,
    }
}

pub(super) fn fmt_day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A quarter index (`year * 4 + quarter - 1`) as TIMEX writes it: `1988-Q3`.
pub(super) fn fmt_quarter(idx: i32) -> String {
    format!("{:04}-Q{}", idx.div_euclid(4), idx.rem_euclid(4) + 1)
}

pub(super) fn fmt_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

pub(super) fn day_or_unknown(published: Option<NaiveDate>) -> String {
    published.map_or_else(|| "XXXX-XX-XX".to_string(), fmt_day)
}

pub(super) fn add_months(year: i32, month: u32, delta: i32) -> (i32, u32) {
    let idx = year * 12 + month as i32 - 1 + delta;
    (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
}

pub(super) fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = add_months(year, month, 1);
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// The date with this month and day nearest to `p` (ties go to the past).
pub(super) fn closest_day(p: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    [p.year() - 1, p.year(), p.year() + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| ((*d - p).num_days().abs(), *d))
}

pub(super) fn closest_month_year(p: NaiveDate, month: u32) -> i32 {
    let here = p.year() * 12 + p.month0() as i32;
    [p.year() - 1, p.year(), p.year() + 1]
        .into_iter()
        .min_by_key(|y| ((y * 12 + month as i32 - 1 - here).abs(), *y))
        .unwrap_or(p.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_in_calendar_order() {
        assert!(month_alternation().starts_with("January|February|March|"));
        assert_eq!(month_abbr_alternation(), "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec");
        assert_eq!(weekday_alternation(), "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday");
    }

    #[test]
    fn month_numbers_from_any_spelling() {
        for (s, n) in [("January", 1), ("Sept.", 9), ("sep", 9), ("MAY", 5), ("Dec", 12)] {
            assert_eq!(month_number(s), Some(n), "{s}");
        }
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Monday"), None);
    }

    #[test]
    fn names_and_abbreviations_are_recognised() {
        for w in ["November", "Nov", "Nov.", "Sept.", "Friday", "May"] {
            assert!(is_month_or_weekday(w), "{w}");
        }
        for w in ["november", "Fri", "Mays", "Noon"] {
            assert!(!is_month_or_weekday(w), "{w}");
        }
    }

    #[test]
    fn date_arithmetic() {
        assert_eq!(add_months(2024, 12, 1), (2025, 1));
        assert_eq!(add_months(2024, 1, -1), (2023, 12));
        assert_eq!(last_day_of_month(2024, 2), NaiveDate::from_ymd_opt(2024, 2, 29));
        let p = NaiveDate::from_ymd_opt(2024, 10, 31).unwrap();
        assert_eq!(closest_day(p, 1, 3), NaiveDate::from_ymd_opt(2025, 1, 3));
        assert_eq!(closest_month_year(p, 5), 2024);
        assert_eq!(fmt_week(p), "2024-W44");
        assert_eq!(with_pod(fmt_day(p), part_of_day("Morning")), "2024-10-31TMO");
        assert_eq!(day_or_unknown(None), "XXXX-XX-XX");
    }
}
