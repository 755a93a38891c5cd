//! The handlers: what a matched pattern means. Each reads the captures of its rule, checks what
//! the regex cannot ("February 31", "2000 troops"), and resolves the value against the
//! publication date, reading the sentence's tense where a date could lie either way.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use dossier_core::TimeType;
use regex::Captures;

use super::calendar::*;
use super::Found;
use crate::lexicon::{is_time_word, TimeWord};
use crate::numbers;

pub(super) fn whole(c: &Captures, kind: TimeType, value: Option<String>) -> Option<Found> {
    let m = c.get(0)?;
    Some(Found { start: m.start(), end: m.end(), kind, value })
}

fn from_to(start: usize, end: usize, kind: TimeType, value: Option<String>) -> Option<Found> {
    Some(Found { start, end, kind, value })
}

fn num(c: &Captures, name: &str) -> Option<u32> {
    c.name(name)?.as_str().parse().ok()
}

pub(super) fn iso_date(c: &Captures, _: &str, _: Option<NaiveDate>) -> Option<Found> {
    let d = NaiveDate::from_ymd_opt(num(c, "y")? as i32, num(c, "mo")?, num(c, "d")?)?;
    whole(c, TimeType::Date, Some(fmt_day(d)))
}

/// "11/01/2024": month first (US news style) unless the first number cannot be a month.
pub(super) fn slash_date(c: &Captures, _: &str, _: Option<NaiveDate>) -> Option<Found> {
    let (a, b, y) = (num(c, "a")?, num(c, "b")?, num(c, "y")? as i32);
    let d = if a > 12 { NaiveDate::from_ymd_opt(y, b, a)? } else { NaiveDate::from_ymd_opt(y, a, b)? };
    whole(c, TimeType::Date, Some(fmt_day(d)))
}

pub(super) fn month_day(c: &Captures, s: &str, published: Option<NaiveDate>) -> Option<Found> {
    let month = month_number(c.name("m")?.as_str())?;
    let day = num(c, "d")?;
    // Reject "February 31" even when the year is unknown (2024 allows February 29).
    NaiveDate::from_ymd_opt(2024, month, day)?;
    let value = match (num(c, "y"), published) {
        (Some(y), _) => fmt_day(NaiveDate::from_ymd_opt(y as i32, month, day)?),
        (None, Some(p)) => {
            let m = c.get(0)?;
            fmt_day(day_in_tense(p, month, day, tense_near(s, m.start(), m.end()))?)
        }
        (None, None) => format!("XXXX-{month:02}-{day:02}"),
    };
    whole(c, TimeType::Date, Some(value))
}

pub(super) fn month_year(c: &Captures, _: &str, _: Option<NaiveDate>) -> Option<Found> {
    let month = month_number(c.name("m")?.as_str())?;
    let y = num(c, "y")?;
    whole(c, TimeType::Date, Some(format!("{y:04}-{month:02}")))
}

/// "in November", "last November", "early March", "the October slaying": a month named without
/// day or year.
pub(super) fn month_alone(c: &Captures, s: &str, published: Option<NaiveDate>) -> Option<Found> {
    let m = c.name("m")?;
    let month = month_number(m.as_str())?;
    let prep = c.name("prep");
    // A bare month before a number is a date the date rules refused ("February 31"), not a month.
    if prep.is_none() && s[m.end()..].trim_start().starts_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    let modifier =
        prep.map_or(String::new(), |p| p.as_str().to_lowercase().split_whitespace().collect::<Vec<_>>().join(" "));
    // Modifiers that qualify the month belong to the span; prepositions do not.
    let start = match prep {
        Some(p) if matches!(modifier.as_str(), "last" | "next" | "this" | "early" | "late" | "mid") => p.start(),
        _ => m.start(),
    };
    let tense = tense_near(s, start, m.end());
    let value = published.map(|p| {
        let here = p.year() * 12 + p.month0() as i32;
        let candidates = [p.year() - 1, p.year(), p.year() + 1].map(|y| y * 12 + month as i32 - 1);
        let pick = match modifier.as_str() {
            "last" => candidates.into_iter().filter(|c| *c < here).max(),
            "next" => candidates.into_iter().filter(|c| *c > here).min(),
            "this" => Some(p.year() * 12 + month as i32 - 1),
            // "since March" and "earlier in March" look back; "later in March" ahead.
            "since" | "earlier in" => candidates.into_iter().filter(|c| *c <= here).max(),
            "later in" => candidates.into_iter().filter(|c| *c >= here).min(),
            // Months more than two away go the way the tense looks; without a tense, back
            // (news mostly reports what happened: "from $29.75 in March" in October).
            _ if tense != Tense::Future && (month as i32 - 1 - p.month0() as i32).rem_euclid(12) > 2 => {
                candidates.into_iter().filter(|c| *c <= here).max()
            }
            _ if tense == Tense::Future && (p.month0() as i32 - month as i32 + 1).rem_euclid(12) > 2 => {
                candidates.into_iter().filter(|c| *c >= here).min()
            }
            // Ties go to the past: news mostly reports what happened.
            _ => candidates.into_iter().min_by_key(|c| ((c - here).abs(), *c)),
        };
        let pick = pick.unwrap_or(here);
        format!("{:04}-{:02}", pick.div_euclid(12), pick.rem_euclid(12) + 1)
    });
    let value = value.or_else(|| Some(format!("XXXX-{month:02}")));
    from_to(start, m.end(), TimeType::Date, value)
}

pub(super) fn year(c: &Captures, s: &str, _: Option<NaiveDate>) -> Option<Found> {
    let y = c.name("y")?;
    if !looks_like_year(s, y.start(), y.end()) {
        return None;
    }
    let value = if c.name("s").is_some() {
        // "the 1990s": TIMEX writes a decade as its first three digits.
        if !y.as_str().ends_with('0') {
            return None;
        }
        y.as_str()[..3].to_string()
    } else {
        y.as_str().to_string()
    };
    // TimeML's spans: "the early 1980s" and "the 1990s" whole, but "early 1997" and "late
    // October" without the modifier, and a year alone without "the" ("the 1988 period").
    let keep_prefix = c.name("the").is_some() || (c.name("the2").is_some() && c.name("s").is_some());
    let start = if keep_prefix { c.get(0)?.start() } else { y.start() };
    from_to(start, c.get(0)?.end(), TimeType::Date, Some(value))
}

/// A four-digit number is a year unless its neighbours make it a count: a currency sign or a
/// quantity modifier before it, a percent sign, unit or plural noun after it.
/// "nineteen ninety-six" → 1996.
pub(super) fn spoken_year(c: &Captures, _: &str, _: Option<NaiveDate>) -> Option<Found> {
    const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    const UNITS: [&str; 9] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    let position = |list: &[&str], w: &str| list.iter().position(|x| x.eq_ignore_ascii_case(w));
    let tens = position(&TENS, c.name("tens")?.as_str())? + 2;
    let unit = c.name("unit").map_or(Some(0), |u| position(&UNITS, u.as_str()).map(|i| i + 1))?;
    whole(c, TimeType::Date, Some(format!("19{tens}{unit}")))
}

/// "the 20th century", "the eleventh century": TIMEX writes a century as its first two digits
/// ("19", "10").
pub(super) fn ordinal_century(c: &Captures, _: &str, _: Option<NaiveDate>) -> Option<Found> {
    const ORDINALS: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    let n: u32 = match (c.name("n"), c.name("w")) {
        (Some(n), _) => n.as_str().parse().ok()?,
        (None, Some(w)) => {
            let w = w.as_str().to_lowercase();
            let (twenty, last) = match w.rsplit_once(|c: char| c == '-' || c.is_whitespace()) {
                Some((_, last)) => (20, last.to_string()),
                None => (0, w),
            };
            twenty + ORDINALS.iter().position(|o| *o == last)? as u32 + 1
        }
        (None, None) => return None,
    };
    (1..=21).contains(&n).then_some(())?;
    whole(c, TimeType::Date, Some(format!("{:02}", n - 1)))
}

/// "the nineties", "the late eighties", "the '80s": a decade of the 1900s, as its first three
/// digits ("199"). Only after "the": "in his forties" is an age.
pub(super) fn spoken_decade(c: &Captures, _: &str, _: Option<NaiveDate>) -> Option<Found> {
    const DECADES: [&str; 8] =
        ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];
    let digit = match (c.name("w"), c.name("d")) {
        (Some(w), _) => DECADES.iter().position(|d| d.eq_ignore_ascii_case(w.as_str()))? + 2,
        (None, Some(d)) => d.as_str().parse().ok()?,
        (None, None) => return None,
    };
    whole(c, TimeType::Date, Some(format!("19{digit}")))
}

fn looks_like_year(s: &str, start: usize, end: usize) -> bool {
    let before = s[..start].trim_end();
    let after = &s[end..];
    // Glued to a currency sign or to the digits of a longer number.
    if s[..start].ends_with(['$', '€', '£', '¥', '₹', '₽', '#', ',', '.']) {
        return false;
    }
    if after.starts_with([',', '.']) && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let prev_word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase();
    if is_time_word(&prev_word, TimeWord::CountBefore) {
        return false;
    }
    let rest = after.trim_start();
    if rest.starts_with('%') {
        return false;
    }
    let next_word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    let lower = next_word.to_lowercase();
    if is_time_word(&lower, TimeWord::CountAfter) {
        return false;
    }
    // "2000 troops": a lowercase plural right after reads as what is counted, except after
    // "the" ("the 1992 protests", "the 2024 elections"): a count after "the" is written with
    // its comma ("the 2,000 troops").
    let plural = next_word.len() > 2
        && next_word.chars().all(|c| c.is_lowercase())
        && next_word.ends_with('s')
        && !next_word.ends_with("ss");
    !plural || prev_word == "the"
}

/// "4 in the morning", "11 at night": an hour with the part of the day that says a.m. or p.m.
pub(super) fn hour_of_part_of_day(c: &Captures, _: &str, published: Option<NaiveDate>) -> Option<Found> {
    let h = num(c, "h")?;
    let mi = num(c, "mi").unwrap_or(0);
    if !(1..=12).contains(&h) {
        return None;
    }
    let part = c.name("pod").or_else(|| c.name("pod2"))?.as_str().to_lowercase();
    let h = match (part.as_str(), h) {
        ("morning", 12) => 0,
        ("morning", h) => h,
        // "12 at night" is midnight; "10 at night" 22:00.
        ("night", 12) => 24,
        (_, 12) => 12,
        (_, h) => h + 12,
    };
    whole(c, TimeType::Time, Some(format!("{}T{h:02}:{mi:02}", day_or_unknown(published))))
}

/// "April 24 and 25", "March 3 to 5": the second day of a pair written with one month, as a
/// date of its own (TimeML marks the number alone), in the first one's month and year. The
/// second day must come after the first and not begin a number that goes on ("24 and 25,000").
pub(super) fn second_days(sentence: &str, found: &[super::Found]) -> Vec<super::Found> {
    static AND_DAY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^\s+(?:and|or|to|through|till|until|-|–)\s*(\d{1,2})(?:st|nd|rd|th)?\b").unwrap()
    });
    let mut out = Vec::new();
    for f in found {
        let Some(v) = f.value.as_deref().filter(|v| v.len() == 10) else { continue };
        let Some(first) = v.get(8..).and_then(|d| d.parse::<u32>().ok()) else { continue };
        let after = &sentence[f.end..];
        let Some(c) = AND_DAY.captures(after) else { continue };
        let (Some(m), Some(whole_match)) = (c.get(1), c.get(0)) else { continue };
        let rest = &after[whole_match.end()..];
        let next: String = rest.trim_start().chars().take_while(|ch| ch.is_alphabetic()).collect();
        let counted = next.len() > 3
            && next.chars().all(char::is_lowercase)
            && next.ends_with('s')
            && !["this", "thus", "less", "unless"].contains(&next.as_str());
        if counted || (rest.starts_with([',', '.']) && rest[1..].starts_with(|ch: char| ch.is_ascii_digit())) {
            continue;
        }
        let Ok(day) = m.as_str().parse::<u32>() else { continue };
        let (y, mo) = (v[..4].parse::<i32>().ok(), v[5..7].parse::<u32>().ok());
        let valid = y.zip(mo).and_then(|(y, mo)| NaiveDate::from_ymd_opt(y, mo, day)).is_some() || v.starts_with('X');
        if day > first && valid {
            let start = f.end + m.start();
            out.push(super::Found {
                start,
                end: start + m.len(),
                kind: TimeType::Date,
                value: Some(format!("{}{day:02}", &v[..8])),
            });
        }
    }
    out
}

pub(super) fn weekday(c: &Captures, s: &str, published: Option<NaiveDate>) -> Option<Found> {
    let wd = parse_weekday(c.name("wd")?.as_str())?;
    // "the previous Friday" counts back from publication like "last Friday", "the following
    // Monday" forward like "next Monday".
    let modifier = match c.name("pmod").map(|m| m.as_str().to_lowercase()).as_deref() {
        Some("previous") => Some("last".to_string()),
        Some(_) => Some("next".to_string()),
        None => c.name("mod").map(|m| m.as_str().to_lowercase()),
    };
    let pod = c.name("pod").and_then(|p| part_of_day(p.as_str()));
    let m = c.get(0)?;
    let tense = tense_near(s, m.start(), m.end());
    let value = published.map(|p| with_pod(fmt_day(weekday_date(p, wd, modifier.as_deref(), tense)), pod));
    let kind = if pod.is_some() { TimeType::Time } else { TimeType::Date };
    whole(c, kind, value)
}

/// The date a weekday names: "next"/"coming" and future-tense sentences look ahead (the same
/// day counts for the tense), "last"/"past" strictly back, anything else back to the most
/// recent such day (news mostly reports what happened).
fn weekday_date(p: NaiveDate, wd: Weekday, modifier: Option<&str>, tense: Tense) -> NaiveDate {
    let back = (p.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
    let fwd = (wd.num_days_from_monday() + 7 - p.weekday().num_days_from_monday()) % 7;
    match modifier {
        Some("next") | Some("coming") => p + Duration::days(if fwd == 0 { 7 } else { fwd } as i64),
        Some("last") | Some("past") => p - Duration::days(if back == 0 { 7 } else { back } as i64),
        _ if tense == Tense::Future => p + Duration::days(fwd as i64),
        _ => p - Duration::days(back as i64),
    }
}

/// "9 a.m. Tuesday", "noon yesterday": a clock time on a named day.
pub(super) fn clock_on_day(c: &Captures, s: &str, published: Option<NaiveDate>) -> Option<Found> {
    let (h, mi) = match c.name("w") {
        Some(w) if w.as_str().eq_ignore_ascii_case("midnight") => (24, 0),
        Some(_) => (12, 0),
        None => clock_hm(c)?,
    };
    let day = c.name("day")?.as_str().to_lowercase();
    let m = c.get(0)?;
    let tense = tense_near(s, m.start(), m.end());
    let value = published.map(|p| {
        let d = match day.as_str() {
            "today" => p,
            "yesterday" => p - Duration::days(1),
            "tomorrow" => p + Duration::days(1),
            w => parse_weekday(w).map_or(p, |wd| weekday_date(p, wd, None, tense)),
        };
        format!("{}T{h:02}:{mi:02}", fmt_day(d))
    });
    whole(c, TimeType::Time, value.or_else(|| Some(format!("XXXX-XX-XXT{h:02}:{mi:02}"))))
}

/// Hour and minute of a clock match with an a.m./p.m. marker or a 24-hour time.
fn clock_hm(c: &Captures) -> Option<(u32, u32)> {
    let mut h = num(c, "h")?;
    let mi = num(c, "mi").unwrap_or(0);
    if let Some(ap) = c.name("ap") {
        if !(1..=12).contains(&h) {
            return None;
        }
        let pm = ap.as_str().to_lowercase().starts_with('p');
        h = match (pm, h) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    (h <= 23 && mi <= 59).then_some((h, mi))
}

pub(super) fn deictic_day(c: &Captures, _: &str, published: Option<NaiveDate>) -> Option<Found> {
    let w = c.name("w")?.as_str().to_lowercase();
    let mut pod = c.name("pod").and_then(|p| part_of_day(p.as_str()));
    let offset = match w.as_str() {
        "yesterday" => -1,
        "tomorrow" => 1,
        "tonight" => {
            pod = Some("NI");
            0
        }
        // "last night" is the night before; "this morning" is today.
        "last" => -1,
        _ => 0,
    };
    let value = published.map(|p| with_pod(fmt_day(p + Duration::days(offset)), pod));
    let kind = if pod.is_some() { TimeType::Time } else { TimeType::Date };
    whole(c, kind, value)
}

/// "last week", "this year", "earlier this month", "the past year".
pub(super) fn relative_period(c: &Captures, _: &str, published: Option<NaiveDate>) -> Option<Found> {
    let modifier = c.name("mod")?.as_str().to_lowercase();
    let unit = c.name("u")?.as_str().to_lowercase();
    if c.name("the").is_some() && matches!(modifier.as_str(), "past" | "last") {
        // "the past week" is a stretch of time, not a calendar week.
        let value = match unit.as_str() {
            "week" => "P1W",
            "month" => "P1M",
            "year" => "P1Y",
            "quarter" => "P3M",
            // TimeBank writes a decade as ten years.
            "decade" => "P10Y",
            _ => "P2D",
        };
        return whole(c, TimeType::Duration, Some(value.into()));
    }
    let step: i32 = match modifier.as_str() {
        "last" | "past" | "previous" => -1,
        "next" | "coming" | "following" => 1,
        _ => 0,
    };
    let value = published.map(|p| match unit.as_str() {
        "week" => fmt_week(p + Duration::weeks(step as i64)),
        "weekend" => format!("{}-WE", fmt_week(p + Duration::weeks(step as i64))),
        "month" => {
            let (y, m) = add_months(p.year(), p.month(), step);
            format!("{y:04}-{m:02}")
        }
        "quarter" => {
            let (y, m) = add_months(p.year(), p.month(), step * 3);
            format!("{y:04}-Q{}", (m - 1) / 3 + 1)
        }
        "decade" => format!("{:03}", (p.year() / 10 + step)),
        // TIMEX writes the 20th century as "19".
        "century" => format!("{:02}", (p.year() / 100 + step)),
        _ => format!("{:04}", p.year() + step),
    });
    whole(c, TimeType::Date, value)
}

/// "by year's end", "by the end of the month": a deadline, the last day of the period. Without
/// the preposition ("the end of the year") it is the period itself, as TimeML writes it (with
/// mod END), and so is "the start of the year".
pub(super) fn period_end(c: &Captures, _: &str, published: Option<NaiveDate>) -> Option<Found> {
    let unit = c.name("u")?.as_str().to_lowercase();
    let pos = c.name("pos").map(|p| p.as_str().to_lowercase()).unwrap_or_else(|| "end".into());
    let step: i32 = match c.name("mod").map(|m| m.as_str().to_lowercase()).as_deref() {
        Some("next") => 1,
        Some("last") => -1,
        _ => 0,
    };
    let end = matches!(pos.as_str(), "end" | "close") && c.name("by").is_some();
    let value = published.and_then(|p| match unit.as_str() {
        "year" if end => NaiveDate::from_ymd_opt(p.year() + step, 12, 31).map(fmt_day),
        "year" => Some(format!("{:04}", p.year() + step)),
        "month" => {
            let (y, m) = add_months(p.year(), p.month(), step);
            if end {
                last_day_of_month(y, m).map(fmt_day)
            } else {
                Some(format!("{y:04}-{m:02}"))
            }
        }
        _ => {
            let d = p + Duration::weeks(step as i64);
            if end {
                let to_sunday = 6 - d.weekday().num_days_from_monday();
                Some(fmt_day(d + Duration::days(to_sunday as i64)))
            } else {
                Some(fmt_week(d))
            }
        }
    });
    whole(c, TimeType::Date, value)
}

/// "by the end of November" (a deadline: its last day), "the end of 2024" (the year, as TimeML
/// writes it).
pub(super) fn named_period_end(c: &Captures, _: &str, published: Option<NaiveDate>) -> Option<Found> {
    let end = matches!(c.name("pos")?.as_str().to_lowercase().as_str(), "end" | "close") && c.name("by").is_some();
    let value = if let Some(y) = num(c, "y2") {
        if end {
            format!("{y:04}-12-31")
        } else {
            format!("{y:04}")
        }
    } else {
        let month = month_number(c.name("m")?.as_str())?;
        let year = num(c, "y").map(|y| y as i32).or_else(|| published.map(|p| closest_month_year(p, month)));
        match (year, end) {
            (Some(y), true) => fmt_day(last_day_of_month(y, month)?),
            (Some(y), false) => format!("{y:04}-{month:02}"),
            (None, _) => format!("XXXX-{month:02}"),
        }
    };
    whole(c, TimeType::Date, Some(value))
}

pub(super) fn set_every(c: &Captures, _: &str, _: Option<NaiveDate>) -> Option<Found> {
    let n = match c.name("n") {
        Some(n) => count_value(n.as_str())?,
        None => "1".into(),
    };
    let unit = c.name("u")?.as_str().to_lowercase();
    let unit = unit.trim_end_matches('s');
    let value = match unit {
        "morning" | "evening" | "night" => "P1D".into(),
        "weekend" => "P1W".into(),
        u => period(&n, u)?,
    };
    whole(c, TimeType::Set, Some(value))
}

pub(super) fn set_weekday(c: &Captures, _: &str, _: Option<NaiveDate>) -> Option<Found> {
    let wd = parse_weekday(c.name("wd")?.as_str())?;
    let value = format!("XXXX-WXX-{}", wd.number_from_monday());
    whole(c, TimeType::Set, Some(value))
}

pub(super) fn set_adverb(c: &Captures, _: &str, _: Option<NaiveDate>) -> Option<Found> {
    let value = match c.name("w")?.as_str() {
        "daily" | "nightly" => "P1D",
        "weekly" => "P1W",
        "biweekly" => "P2W",
        "monthly" => "P1M",
        "quarterly" => "P3M",
        "hourly" => "PT1H",
        _ => "P1Y",
    };
    whole(c, TimeType::Set, Some(value.into()))
}

/// "three years" → P3Y; "two weeks ago" → a date.
pub(super) fn duration(c: &Captures, s: &str, published: Option<NaiveDate>) -> Option<Found> {
    // "a 6-year-old boy": an age, not a stretch of time.
    if s[c.get(0)?.end()..].starts_with("-old") {
        return None;
    }
    let n_match = c.name("n")?;
    // "a five-hour visit": the article is not part of the count (nor of TimeML's span), and
    // reading "a five" as a count failed, which hid the duration behind it.
    let article = n_match
        .as_str()
        .split_once(char::is_whitespace)
        .filter(|(a, rest)| {
            matches!(a.to_lowercase().as_str(), "a" | "an")
                && !rest.to_lowercase().split_whitespace().any(|w| matches!(w, "few" | "couple" | "half"))
        })
        .map(|(_, rest)| n_match.len() - rest.trim_start().len());
    let mut n = count_value(&n_match.as_str()[article.unwrap_or(0)..])?;
    if c.name("half").is_some() {
        // "a minute and a half": the half follows the unit.
        n = format!("{}", n.parse::<f64>().ok()? + 0.5);
    }
    let unit = c.name("u")?.as_str().to_lowercase();
    let unit = match unit.as_str() {
        "centuries" => "century",
        u => u.trim_end_matches('s'),
    };
    let m = c.get(0)?;
    let start = match article {
        Some(skip) if c.name("pre").is_none() => n_match.start() + skip,
        _ => m.start(),
    };
    if c.name("ago").is_none() {
        return from_to(start, m.end(), TimeType::Duration, Some(period(&n, unit)?));
    }
    let value = published.map(|p| {
        let Ok(k) = n.parse::<f64>() else {
            return "PAST_REF".to_string();
        };
        if k.fract() != 0.0 || k > 10_000.0 {
            return "PAST_REF".to_string();
        }
        let k = k as i64;
        match unit {
            "year" => format!("{:04}", p.year() as i64 - k),
            "decade" => format!("{:04}", p.year() as i64 - 10 * k),
            "month" => {
                let (y, m) = add_months(p.year(), p.month(), -(k as i32));
                format!("{y:04}-{m:02}")
            }
            "week" | "fortnight" => {
                let weeks = if unit == "week" { k } else { 2 * k };
                fmt_week(p - Duration::weeks(weeks))
            }
            "day" | "night" => fmt_day(p - Duration::days(k)),
            _ => "PAST_REF".to_string(),
        }
    });
    from_to(start, m.end(), TimeType::Date, value)
}

/// "soon", "in the coming weeks", "in the future"; but "as soon as" is a conjunction.
pub(super) fn future_ref(c: &Captures, s: &str, _: Option<NaiveDate>) -> Option<Found> {
    let m = c.get(0)?;
    let ends_with_as = |b: &[u8]| b.len() >= 3 && b[b.len() - 3..].eq_ignore_ascii_case(b"as ");
    let conjunction = m.as_str().eq_ignore_ascii_case("soon")
        && ends_with_as(&s.as_bytes()[..m.start()])
        && s.as_bytes()[m.end()..].get(..3).is_some_and(|b| b.eq_ignore_ascii_case(b" as"));
    if conjunction {
        return None;
    }
    whole(c, TimeType::Date, Some("FUTURE_REF".into()))
}

/// "for the year ended Sept. 30", "in the fiscal year", "for the week": the period a company or a
/// market reports on. With "ended"/"ending" it is a stretch of a year (the date after it is its
/// own expression); else the current calendar one.
pub(super) fn reporting_period(c: &Captures, _: &str, published: Option<NaiveDate>) -> Option<Found> {
    let t = c.name("t")?;
    let week = c.name("u")?.as_str().eq_ignore_ascii_case("week");
    let (kind, value) = match (c.name("ended").is_some(), week) {
        (true, false) => (TimeType::Duration, Some("P1Y".to_string())),
        (true, true) => (TimeType::Duration, Some("P1W".to_string())),
        (false, false) => (TimeType::Date, published.map(|p| format!("{:04}", p.year()))),
        (false, true) => (TimeType::Date, published.map(fmt_week)),
    };
    from_to(t.start(), t.end(), kind, value)
}

/// "that same day", "earlier that year": a time named by an event of the story, not by the
/// calendar; its value is not known from the text alone.
pub(super) fn anaphoric(c: &Captures, _: &str, _: Option<NaiveDate>) -> Option<Found> {
    whole(c, TimeType::Date, None)
}

/// Holidays on a fixed date or a fixed weekday of a month ("Thanksgiving Day": the fourth
/// Thursday of November), in the year the sentence's tense points to.
pub(super) fn holiday(c: &Captures, s: &str, published: Option<NaiveDate>) -> Option<Found> {
    let name = c.name("h")?.as_str().to_lowercase();
    let m = c.get(0)?;
    let in_year = |y: i32| -> Option<NaiveDate> {
        match name.split_whitespace().next()? {
            "christmas" if name.ends_with("eve") => NaiveDate::from_ymd_opt(y, 12, 24),
            "christmas" => NaiveDate::from_ymd_opt(y, 12, 25),
            "new" => NaiveDate::from_ymd_opt(y, 1, 1),
            "independence" => NaiveDate::from_ymd_opt(y, 7, 4),
            "thanksgiving" => NaiveDate::from_weekday_of_month_opt(y, 11, Weekday::Thu, 4),
            // US general elections: the Tuesday after the first Monday of November.
            "election" => NaiveDate::from_weekday_of_month_opt(y, 11, Weekday::Mon, 1).map(|d| d + Duration::days(1)),
            _ => None,
        }
    };
    let tense = tense_near(s, m.start(), m.end());
    let value = published.and_then(|p| {
        let year = match c.name("mod").map(|m| m.as_str().to_lowercase()).as_deref() {
            Some("last") => in_year(p.year()).filter(|d| *d < p).or_else(|| in_year(p.year() - 1)),
            Some("next") => in_year(p.year()).filter(|d| *d > p).or_else(|| in_year(p.year() + 1)),
            _ => {
                let this = in_year(p.year())?;
                let (month, day) = (this.month(), this.day());
                // Weekday holidays move between years; the fixed ones decide the year the way
                // month and day do, then the holiday is taken in that year.
                day_in_tense(p, month, day, tense).and_then(|d| in_year(d.year()))
            }
        };
        year.map(fmt_day)
    });
    whole(c, TimeType::Date, value)
}

/// "for years", "in months": an unspecified number of the unit; the span is the unit alone.
pub(super) fn vague_duration(c: &Captures, _: &str, _: Option<NaiveDate>) -> Option<Found> {
    let u = c.name("u")?;
    let value = period("X", u.as_str().to_lowercase().trim_end_matches('s'))?;
    from_to(u.start(), u.end(), TimeType::Duration, Some(value))
}

pub(super) fn clock(c: &Captures, _: &str, published: Option<NaiveDate>) -> Option<Found> {
    let (h, mi) = clock_hm(c)?;
    let value = format!("{}T{h:02}:{mi:02}", day_or_unknown(published));
    whole(c, TimeType::Time, Some(value))
}

pub(super) fn clock_word(c: &Captures, _: &str, published: Option<NaiveDate>) -> Option<Found> {
    let t = match c.name("w")?.as_str().to_lowercase().as_str() {
        "midnight" => "24:00",
        _ => "12:00",
    };
    whole(c, TimeType::Time, Some(format!("{}T{t}", day_or_unknown(published))))
}

fn ordinal_quarter(c: &Captures) -> Option<u32> {
    Some(match c.name("ord")?.as_str().to_lowercase().as_str() {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        _ => 4,
    })
}

pub(super) fn quarter(c: &Captures, s: &str, published: Option<NaiveDate>) -> Option<Found> {
    let q = match c.name("q") {
        Some(q) => q.as_str().parse::<u32>().ok()?,
        None => ordinal_quarter(c)?,
    };
    let value = match (num(c, "y"), published) {
        (Some(y), _) => format!("{y:04}-Q{q}"),
        (None, Some(p)) => {
            // A quarter still ahead this year is last year's, unless the sentence looks ahead.
            let m = c.get(0)?;
            let ahead = q > p.month0() / 3 + 1 && tense_near(s, m.start(), m.end()) != Tense::Future;
            format!("{:04}-Q{q}", p.year() - i32::from(ahead))
        }
        (None, None) => format!("XXXX-Q{q}"),
    };
    whole(c, TimeType::Date, Some(value))
}

/// "the quarter", "the latest quarter", "the year-ago period": the quarter a company reports
/// on, which is the one before publication (the current one when the sentence looks ahead or
/// says "current"); "year-ago" and "year-earlier" move it back a year.
pub(super) fn reported_quarter(c: &Captures, s: &str, published: Option<NaiveDate>) -> Option<Found> {
    let which = c.name("which").map(|w| w.as_str().to_lowercase()).unwrap_or_default();
    let m = c.get(0)?;
    let current = which == "current" || (which.is_empty() && tense_near(s, m.start(), m.end()) == Tense::Future);
    let value = published.map(|p| {
        let idx = reported_index(p, current) - if which.starts_with("year-") { 4 } else { 0 };
        fmt_quarter(idx)
    });
    whole(c, TimeType::Date, value)
}

/// The quarter a company reports on, as `year * 4 + quarter - 1`: the one before publication,
/// or the current one.
fn reported_index(p: NaiveDate, current: bool) -> i32 {
    p.year() * 4 + (p.month0() / 3) as i32 - i32::from(!current)
}

/// "the 1988 third quarter", "this year's third quarter", "last year's quarter", "the year-ago
/// third quarter", "the 1989 period", "the corresponding period last year": a quarter whose
/// year is said; without an ordinal it is the quarter reported on ([`reported_quarter`]), in
/// that year.
pub(super) fn quarter_of_year(c: &Captures, _: &str, published: Option<NaiveDate>) -> Option<Found> {
    let reported = published.map(|p| reported_index(p, false));
    let q = ordinal_quarter(c).or_else(|| reported.map(|i| i.rem_euclid(4) as u32 + 1))?;
    let year_back = c.name("which").is_some() || c.name("back").is_some();
    let year = match (num(c, "y"), c.name("rel")) {
        (Some(y), _) => Some(y as i32),
        (None, Some(rel)) => published.map(|p| {
            p.year()
                + match rel.as_str().to_lowercase().as_str() {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                }
        }),
        (None, None) if year_back => reported.map(|i| i.div_euclid(4) - 1),
        (None, None) => None,
    };
    let value = year.map_or_else(|| format!("XXXX-Q{q}"), |y| format!("{y:04}-Q{q}"));
    whole(c, TimeType::Date, Some(value))
}

/// "the weekend": the one before publication (the current one when published on it, the coming
/// one when the sentence looks ahead).
pub(super) fn the_weekend(c: &Captures, s: &str, published: Option<NaiveDate>) -> Option<Found> {
    let m = c.get(0)?;
    let tense = tense_near(s, m.start(), m.end());
    let value = published.map(|p| {
        let on_weekend = p.weekday().num_days_from_monday() >= 5;
        let d = if on_weekend || tense == Tense::Future { p } else { p - Duration::weeks(1) };
        format!("{}-WE", fmt_week(d))
    });
    whole(c, TimeType::Date, value)
}

/// Which way the sentence looks from a time expression, read off the nearest tense marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
    Unknown,
}

/// The tense of the verb nearest to `start..end` in the sentence: modal "will"/"'ll"/"shall",
/// "going to", "scheduled", "plans", "expected" look ahead; "was", "had", "said", "ago",
/// regular past forms look back. Nearest marker wins, the one before on a tie.
pub(super) fn tense_near(s: &str, start: usize, end: usize) -> Tense {
    let mut best: Option<(usize, bool, Tense)> = None;
    let mut prev = "";
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let mut words = Vec::new();
    let mut from = None;
    for (i, ch) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (from, is_word(ch)) {
            (None, true) => from = Some(i),
            (Some(f), false) => {
                words.push((f, &s[f..i]));
                from = None;
            }
            _ => {}
        }
    }
    for (pos, w) in words {
        if pos >= start && pos < end {
            continue;
        }
        let lw = w.to_lowercase();
        let t = tense_of(&lw, prev);
        prev = w;
        let Some(t) = t else { continue };
        let (dist, after) = if pos < start { (start - pos, false) } else { (pos - end, true) };
        if best.is_none_or(|(d, a, _)| dist < d || (dist == d && a && !after)) {
            best = Some((dist, after, t));
        }
    }
    best.map_or(Tense::Unknown, |(_, _, t)| t)
}

fn tense_of(w: &str, prev: &str) -> Option<Tense> {
    if is_time_word(w, TimeWord::Future)
        || w.ends_with("'ll")
        || w.ends_with("’ll")
        || (w == "to" && ["going", "set", "poised", "about"].iter().any(|p| prev.eq_ignore_ascii_case(p)))
        // "as soon as Tuesday": a conjunction that looks ahead.
        || (w == "soon" && prev.eq_ignore_ascii_case("as"))
    {
        return Some(Tense::Future);
    }
    // "will be signed", "has fallen": a participle says nothing; its auxiliary does.
    let participle = matches!(prev.to_lowercase().as_str(), "be" | "been" | "being" | "is" | "are" | "has" | "have");
    // Irregular participles too: "would still be held on April 24" looks ahead.
    if !participle
        && (is_time_word(w, TimeWord::Past)
            || (w.len() > 4 && w.ends_with("ed") && !is_time_word(w, TimeWord::NotPast)))
    {
        return Some(Tense::Past);
    }
    None
}

pub(super) fn season(c: &Captures, _: &str, published: Option<NaiveDate>) -> Option<Found> {
    let s = c.name("s")?;
    let name = s.as_str().to_lowercase();
    let modifier = c.name("mod").map(|m| m.as_str().to_lowercase());
    // "fall" is far more often the verb; only "this fall", "last fall" … are seasons.
    if name == "fall" && modifier.is_none() {
        return None;
    }
    let (code, first_month) = match name.as_str() {
        "spring" => ("SP", 3),
        "summer" => ("SU", 6),
        "autumn" | "fall" => ("FA", 9),
        _ => ("WI", 12),
    };
    let start = c.name("mod").map_or(s.start(), |m| m.start());
    let year = num(c, "y").map(|y| y as i32).or_else(|| {
        published.map(|p| match modifier.as_deref() {
            Some("last") if first_month >= p.month() => p.year() - 1,
            Some("next") if first_month <= p.month() => p.year() + 1,
            _ => p.year(),
        })
    });
    let value = year.map(|y| format!("{y:04}-{code}"));
    from_to(start, c.get(0)?.end(), TimeType::Date, value)
}

/// The date with this month and day nearest to publication; when that is more than two
/// months away, the one in the direction the sentence's tense looks ("Oct. 23" in a past-tense
/// sentence of May is last October).
fn day_in_tense(p: NaiveDate, month: u32, day: u32, tense: Tense) -> Option<NaiveDate> {
    let closest = closest_day(p, month, day)?;
    if (closest - p).num_days().abs() <= 62 {
        return Some(closest);
    }
    let mut cands =
        [p.year() - 1, p.year(), p.year() + 1].into_iter().filter_map(|y| NaiveDate::from_ymd_opt(y, month, day));
    match tense {
        Tense::Past => cands.filter(|d| *d <= p).max(),
        Tense::Future => cands.find(|d| *d >= p),
        Tense::Unknown => Some(closest),
    }
}

/// The count before a time unit as TIMEX writes it: "3", "1.5", or "X" when vague.
fn count_value(s: &str) -> Option<String> {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    if words.iter().any(|w| matches!(*w, "few" | "several" | "many" | "some")) {
        return Some("X".into());
    }
    if words.contains(&"couple") {
        return Some("2".into());
    }
    if words.first() == Some(&"half") {
        return Some("0.5".into());
    }
    if matches!(words.as_slice(), ["a"] | ["an"]) {
        return Some("1".into());
    }
    // "5 1/2", "two and a half": the whole count and a half.
    let trimmed = lower.trim();
    if let Some(whole) = [" 1/2", "½", " and a half"].iter().find_map(|h| trimmed.strip_suffix(h)) {
        let v = match whole.trim() {
            "a" | "an" => 1.0,
            w => numbers::parse_number(w)?,
        };
        return Some(format!("{}", v + 0.5));
    }
    let v = numbers::parse_number(trimmed)?;
    Some(if v.fract() == 0.0 && v < 1e15 { format!("{}", v as u64) } else { format!("{v}") })
}

/// TIMEX period string for `n` units.
fn period(n: &str, unit: &str) -> Option<String> {
    // A half is written in the next smaller unit, as TIMEX does: "5 1/2 hours" PT5H30M,
    // "two and a half years" P2Y6M, "half an hour" PT30M.
    if let Some(whole) = n.strip_suffix(".5") {
        let halves = match unit {
            "minute" => Some(("PT", "M", "30S")),
            "hour" => Some(("PT", "H", "30M")),
            "day" | "night" => Some(("P", "D", "T12H")),
            "month" => Some(("P", "M", "15D")),
            "year" => Some(("P", "Y", "6M")),
            _ => None,
        };
        if let Some((lead, big, small)) = halves {
            return Some(match whole {
                "" | "0" if small.starts_with('T') => format!("P{small}"),
                "" | "0" => format!("{lead}{small}"),
                _ => format!("{lead}{whole}{big}{small}"),
            });
        }
    }
    Some(match unit {
        "second" => format!("PT{n}S"),
        "minute" => format!("PT{n}M"),
        "hour" => format!("PT{n}H"),
        "day" | "night" => format!("P{n}D"),
        "week" => format!("P{n}W"),
        "fortnight" => match n.parse::<f64>() {
            Ok(k) => format!("P{}W", k * 2.0),
            Err(_) => "PXW".into(),
        },
        "month" => format!("P{n}M"),
        "year" => format!("P{n}Y"),
        // TimeBank writes decades as years ("two decades" P20Y); an unknown count stays a decade.
        "decade" => match n.parse::<f64>() {
            Ok(k) => format!("P{}Y", k * 10.0),
            Err(_) => format!("P{n}DE"),
        },
        "century" => format!("P{n}CE"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tense_is_read_off_the_nearest_marker() {
        let s = "On Monday troops arrived; they will leave on Friday.";
        let at = |w: &str| s.find(w).map(|i| (i, i + w.len())).unwrap();
        let (a, b) = at("Monday");
        assert_eq!(tense_near(s, a, b), Tense::Past);
        let (a, b) = at("Friday");
        assert_eq!(tense_near(s, a, b), Tense::Future);
        assert_eq!(tense_near("on Monday", 3, 9), Tense::Unknown);
        // A participle after "be" says nothing; "hundred" is not a past form.
        assert_eq!(tense_of("signed", "be"), None);
        assert_eq!(tense_of("hundred", ""), None);
        assert_eq!(tense_of("to", "going"), Some(Tense::Future));
    }

    #[test]
    fn four_digit_numbers_that_are_counts() {
        let year = |s: &str| {
            let i = s.find("2000").unwrap();
            looks_like_year(s, i, i + 4)
        };
        assert!(year("in 2000 the war"));
        assert!(!year("about 2000 people"));
        assert!(!year("2000 troops"));
        assert!(!year("$2000"));
        assert!(!year("2000%"));
        assert!(!year("12,2000"));
    }

    #[test]
    fn counts_and_periods_as_timex_writes_them() {
        assert_eq!(count_value("three").as_deref(), Some("3"));
        assert_eq!(count_value("1.5").as_deref(), Some("1.5"));
        assert_eq!(count_value("several").as_deref(), Some("X"));
        assert_eq!(count_value("a couple of").as_deref(), Some("2"));
        assert_eq!(count_value("half an").as_deref(), Some("0.5"));
        assert_eq!(period("48", "hour").as_deref(), Some("PT48H"));
        assert_eq!(period("2", "fortnight").as_deref(), Some("P4W"));
        assert_eq!(period("X", "decade").as_deref(), Some("PXDE"));
        assert_eq!(period("1", "troop"), None);
    }

    #[test]
    fn weekdays_look_back_unless_told_otherwise() {
        let thu = NaiveDate::from_ymd_opt(2024, 10, 31).unwrap();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(weekday_date(thu, Weekday::Mon, None, Tense::Unknown), d(2024, 10, 28));
        assert_eq!(weekday_date(thu, Weekday::Mon, None, Tense::Future), d(2024, 11, 4));
        assert_eq!(weekday_date(thu, Weekday::Thu, Some("last"), Tense::Unknown), d(2024, 10, 24));
        assert_eq!(weekday_date(thu, Weekday::Thu, Some("next"), Tense::Unknown), d(2024, 11, 7));
        assert_eq!(day_in_tense(d(2024, 5, 10), 10, 23, Tense::Past), Some(d(2023, 10, 23)));
    }
}
