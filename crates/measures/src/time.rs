//! Time expressions, TIMEX3-style.
//!
//! Every pattern is a regex run over one sentence; all candidates are pooled and the longest
//! non-overlapping ones win, so "by the end of the year" beats the "the year" inside it without
//! the patterns having to know about each other.
//!
//! Values follow TIMEX3: `2024-11-01`, `2024-11`, `2024`, `2024-W43`, `2024-Q3`, `2024-SU`,
//! `199` (the 1990s), `P3Y`, `PT48H`, `PXW` (an unspecified number of weeks), `FUTURE_REF`,
//! `PAST_REF`, `PRESENT_REF`, `2024-10-31T15:00`. Decisions worth knowing:
//!
//! * Anything that needs the publication date ("yesterday", "last week", "on Monday") has
//!   value `None` without one. Dates that lack only the year ("November 1", "in November")
//!   keep what they know: `XXXX-11-01`, `XXXX-11`; with a publication date they take the year
//!   that puts them closest to it.
//! * Weekdays resolve to the most recent such day on or before publication ("last" and
//!   "past": strictly before; "next" and "coming": strictly after).
//! * Deadlines and ends of periods ("by year's end", "by the end of the month") resolve to the
//!   last day of the period (`2024-12-31`), which is what a deadline means. The preposition
//!   "by"/"before"/"until" belongs to the span; for plain dates ("in November") it does not.
//! * "the past week" is a DURATION (`P1W`); "last week" is a DATE (`2024-W43`).
//! * Clock times take the publication day when known (`2024-10-31T15:00`), else
//!   `XXXX-XX-XXT15:00`.
//! * A bare four-digit number 1900–2099 is a year unless its neighbours say it is a count
//!   ("about 2000", "2000 troops", "2000%").

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use dossier_core::TimeType;
use regex::{Captures, Regex};

use crate::numbers;

/// A time expression found in one sentence; offsets are relative to that sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: TimeType,
    pub value: Option<String>,
}

type Handler = fn(&Captures, &str, Option<NaiveDate>) -> Option<Found>;

struct Rule {
    re: Regex,
    handle: Handler,
}

const MONTH_FULL: &str = "January|February|March|April|May|June|July|August|September|October|November|December";
const MONTH_ABBR: &str = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
const WEEKDAYS: &str = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
const TZ: &str = r"GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|PST|PDT|ET|PT|local\s+time";
/// Counts that can precede a time unit: digits or number words, including vague ones.
const NUM: &str = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?i:a\s+couple\s+of|a\s+few|couple\s+of|several|few|many|some|half\s+an?|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen)(?:[\s-]+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand|dozen))*))";
const UNIT: &str =
    r"(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centuries|century)";

pub(crate) fn is_month_or_weekday(word: &str) -> bool {
    static NAMES: LazyLock<std::collections::HashSet<&'static str>> =
        LazyLock::new(|| [MONTH_FULL, MONTH_ABBR, WEEKDAYS].iter().flat_map(|names| names.split('|')).collect());
    NAMES.contains(word.strip_suffix('.').unwrap_or(word))
}

fn month_pattern() -> String {
    format!(r"(?P<m>(?:{MONTH_FULL})\b|(?:{MONTH_ABBR})(?:\.|\b))")
}

/// Every `\b` of a rule as an ASCII word boundary. A Unicode `\b` makes the regex crate's lazy DFA
/// give up at the first non-ASCII byte of a sentence (a curly quote, a dash) and fall back to a
/// backtracker for every rule, which was most of `dossier analyze`'s time (docs/PERFORMANCE.md).
/// The patterns only put `\b` beside ASCII letters and digits, so the matches are the same except
/// beside a non-ASCII letter ("2015é"), which news text does not write.
fn ascii_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let month = month_pattern();
    let rule = |pattern: String, handle: Handler| Rule {
        re: Regex::new(&ascii_boundaries(&pattern)).expect("time pattern compiles"),
        handle,
    };
    vec![
        rule(
            r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})\b".into(),
            iso_date,
        ),
        rule(
            r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})\b".into(),
            slash_date,
        ),
        rule(
            format!(r"\b{month}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?"),
            month_day,
        ),
        rule(
            format!(r"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{month}(?:,?\s+(?P<y>\d{{4}})\b)?"),
            month_day,
        ),
        rule(format!(r"\b{month},?\s+(?P<y>\d{{4}})\b"), month_year),
        rule(
            format!(r"\b(?:{WEEKDAYS}),?\s+{month}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?"),
            month_day,
        ),
        rule(
            format!(r"\b(?:(?P<h>\d{{1,2}})(?::(?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b))|(?P<w>(?i:noon|midday|midnight)))(?:\s+(?P<tz>{TZ})\b)?,?\s+(?:(?i:on)\s+)?(?P<day>{WEEKDAYS}|(?i:today|yesterday|tomorrow))\b"),
            clock_on_day,
        ),
        rule(
            format!(r"\b(?P<prep>(?i:in|since|until|till|by|during|from|through|before|after|of|last|next|this|early|late|mid|earlier\s+in|later\s+in))[\s-]+(?P<m>{MONTH_FULL})\b"),
            month_alone,
        ),
        rule(
            r"\b(?:(?P<mod>(?i:early|mid|late))[\s-]+)?(?P<y>(?:19|20)\d\d)(?P<s>s)?\b".into(),
            year,
        ),
        rule(
            format!(r"\b(?:(?P<mod>(?i:last|next|this|past|coming))\s+)?(?P<wd>{WEEKDAYS})(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?\b"),
            weekday,
        ),
        rule(
            r"\b(?P<w>(?i:today|yesterday|tomorrow|tonight))(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?\b".into(),
            deictic_day,
        ),
        rule(
            r"\b(?P<w>(?i:this|last))\s+(?P<pod>(?i:morning|afternoon|evening|night))\b".into(),
            deictic_day,
        ),
        rule(
            r"(?i)\b(?:(?P<el>earlier|later)\s+)?(?P<the>the\s+)?(?P<mod>last|this|next|past|previous|coming|current|following)\s+(?P<u>week|weekend|month|year|quarter|decade)\b".into(),
            relative_period,
        ),
        rule(
            r"(?i)\b(?:(?P<by>by|before|until|till)\s+)?(?P<u>year|month|week)(?:'s|’s|-)\s*end\b".into(),
            period_end,
        ),
        rule(
            r"(?i)\b(?:(?P<by>by|before|until|till)\s+)?the\s+(?P<pos>end|start|beginning|middle|close)\s+of\s+(?:(?P<mod>the|this|next|last|the\s+current)\s+)?(?P<u>year|month|week)\b".into(),
            period_end,
        ),
        rule(
            format!(r"\b(?:(?P<by>(?i:by|before|until|till))\s+)?(?i:the\s+)?(?P<pos>(?i:end|start|beginning|middle|close))\s+of\s+(?:(?P<m>{MONTH_FULL})\b(?:,?\s+(?P<y>\d{{4}})\b)?|(?P<y2>(?:19|20)\d\d)\b)"),
            named_period_end,
        ),
        rule(
            r"(?i)\b(?:soon|in\s+the\s+(?:coming|next|following|upcoming)\s+(?:few\s+|several\s+)?(?:days|weeks|months|years|decades)|in\s+the\s+(?:near\s+|distant\s+|not\s+too\s+distant\s+)?future|in\s+the\s+(?:days|weeks|months|years)\s+ahead)\b".into(),
            |c, _, _| whole(c, TimeType::Date, Some("FUTURE_REF".into())),
        ),
        rule(
            r"(?i)\b(?:recently|lately|in\s+recent\s+(?:days|weeks|months|years|decades|times)|in\s+the\s+past|the\s+other\s+day)\b".into(),
            |c, _, _| whole(c, TimeType::Date, Some("PAST_REF".into())),
        ),
        rule(
            r"(?i)\b(?:right\s+now|for\s+now|now|currently|presently|at\s+present|at\s+the\s+moment|at\s+this\s+time|these\s+days|nowadays)\b".into(),
            |c, _, _| whole(c, TimeType::Date, Some("PRESENT_REF".into())),
        ),
        rule(
            format!(r"(?i)\b(?:every|each|per)\s+(?:(?P<n>{NUM})\s+)?(?P<u>seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|mornings?|evenings?|weekends?)\b"),
            set_every,
        ),
        rule(
            format!(r"\b(?i:every|each)\s+(?P<wd>{WEEKDAYS})\b"),
            set_weekday,
        ),
        rule(
            format!(r"(?i)\b(?:once|twice|thrice|{NUM}\s+times)\s+(?:a|an|per|each|every)\s+(?P<u>second|minute|hour|day|night|week|month|year)\b"),
            set_every,
        ),
        rule(
            r"\b(?P<w>daily|weekly|biweekly|monthly|yearly|annually|hourly|nightly)\b".into(),
            set_adverb,
        ),
        rule(
            format!(r"\b(?:(?P<pre>(?i:(?:the\s+)?(?:past|last|next|first|previous|coming|following)|(?:no\s+)?(?:more|less|fewer)\s+than|nearly|almost|about|around|approximately|roughly|at\s+least|at\s+most|up\s+to|over|under))\s+)?(?P<n>{NUM})[\s-]+(?P<u>{UNIT})\b(?P<ago>\s+(?i:ago)\b)?"),
            duration,
        ),
        rule(
            r"(?i)\b(?:for|in|within|over)\s+(?P<u>years|months|weeks|days|decades|hours)\b".into(),
            vague_duration,
        ),
        rule(
            format!(r"\b(?P<h>\d{{1,2}})(?::(?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b))(?:\s+(?P<tz>{TZ})\b)?"),
            clock,
        ),
        rule(
            format!(r"\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)\b(?:\s+(?P<tz>{TZ})\b)?"),
            clock,
        ),
        rule(r"(?i)\b(?P<w>noon|midday|midnight)\b".into(), clock_word),
        rule(
            r"\b(?i:Q(?P<q>[1-4])\s+(?P<y>(?:19|20)\d\d))\b".into(),
            quarter,
        ),
        rule(
            r"(?i)\b(?:the\s+)?(?P<ord>first|second|third|fourth)[\s-]+quarter(?:\s+of\s+(?P<y>(?:19|20)\d\d))?\b".into(),
            quarter,
        ),
        rule(
            r"(?i)\bthe\s+(?:(?P<which>latest|most\s+recent|recent|current|same|year-ago|year-earlier)\s+)?quarter\b".into(),
            reported_quarter,
        ),
        rule(
            r"(?i)\b(?:the\s+)?(?P<which>latest|year-ago|year-earlier)\s+period\b".into(),
            reported_quarter,
        ),
        rule(r"(?i)\b(?P<which>year-ago|year-earlier)\b".into(), reported_quarter),
        rule(r"(?i)\bthe\s+weekend\b".into(), the_weekend),
        rule(
            r"\b(?:(?P<mod>(?i:last|this|next|early|late))\s+|(?i:in|during|by|until|since)\s+(?i:the\s+)?)(?P<s>(?i:spring|summer|autumn|winter|fall))(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d))?\b".into(),
            season,
        ),
    ]
});

/// All time expressions in one sentence, sorted and non-overlapping.
pub(crate) fn find_in(sentence: &str, published: Option<NaiveDate>) -> Vec<Found> {
    let mut cands: Vec<(usize, Found)> = Vec::new();
    for (rank, rule) in RULES.iter().enumerate() {
        for caps in rule.re.captures_iter(sentence) {
            if let Some(f) = (rule.handle)(&caps, sentence, published) {
                let valid = f.start < f.end
                    && f.end <= sentence.len()
                    && sentence.is_char_boundary(f.start)
                    && sentence.is_char_boundary(f.end);
                if valid {
                    cands.push((rank, f));
                }
            }
        }
    }
    // Longest first; among equals the earlier rule (listed from most to least specific).
    cands.sort_by(|(ra, a), (rb, b)| {
        (b.end - b.start).cmp(&(a.end - a.start)).then(a.start.cmp(&b.start)).then(ra.cmp(rb))
    });
    let mut chosen: Vec<Found> = Vec::new();
    for (_, f) in cands {
        if chosen.iter().all(|c| f.end <= c.start || c.end <= f.start) {
            chosen.push(f);
        }
    }
    chosen.sort_by_key(|f| f.start);
    chosen
}

// ---------------------------------------------------------------------------------------
// Handlers

fn whole(c: &Captures, kind: TimeType, value: Option<String>) -> Option<Found> {
    let m = c.get(0)?;
    Some(Found { start: m.start(), end: m.end(), kind, value })
}

fn from_to(start: usize, end: usize, kind: TimeType, value: Option<String>) -> Option<Found> {
    Some(Found { start, end, kind, value })
}

fn num(c: &Captures, name: &str) -> Option<u32> {
    c.name(name)?.as_str().parse().ok()
}

fn iso_date(c: &Captures, _: &str, _: Option<NaiveDate>) -> Option<Found> {
    let d = NaiveDate::from_ymd_opt(num(c, "y")? as i32, num(c, "mo")?, num(c, "d")?)?;
    whole(c, TimeType::Date, Some(fmt_day(d)))
}

/// "11/01/2024": month first (US news style) unless the first number cannot be a month.
fn slash_date(c: &Captures, _: &str, _: Option<NaiveDate>) -> Option<Found> {
    let (a, b, y) = (num(c, "a")?, num(c, "b")?, num(c, "y")? as i32);
    let d = if a > 12 { NaiveDate::from_ymd_opt(y, b, a)? } else { NaiveDate::from_ymd_opt(y, a, b)? };
    whole(c, TimeType::Date, Some(fmt_day(d)))
}

fn month_day(c: &Captures, s: &str, published: Option<NaiveDate>) -> Option<Found> {
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

fn month_year(c: &Captures, _: &str, _: Option<NaiveDate>) -> Option<Found> {
    let month = month_number(c.name("m")?.as_str())?;
    let y = num(c, "y")?;
    whole(c, TimeType::Date, Some(format!("{y:04}-{month:02}")))
}

/// "in November", "last November", "early March": a month named without day or year.
fn month_alone(c: &Captures, s: &str, published: Option<NaiveDate>) -> Option<Found> {
    let m = c.name("m")?;
    let month = month_number(m.as_str())?;
    let prep = c.name("prep")?;
    let modifier = prep.as_str().to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
    // Modifiers that qualify the month belong to the span; prepositions do not.
    let start = if matches!(modifier.as_str(), "last" | "next" | "this" | "early" | "late" | "mid") {
        prep.start()
    } else {
        m.start()
    };
    let tense = tense_near(s, prep.start(), m.end());
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
            // Months more than two away go the way the tense looks.
            _ if tense == Tense::Past && (month as i32 - 1 - p.month0() as i32).rem_euclid(12) > 2 => {
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

fn year(c: &Captures, s: &str, _: Option<NaiveDate>) -> Option<Found> {
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
    whole(c, TimeType::Date, Some(value))
}

/// A four-digit number is a year unless its neighbours make it a count: a currency sign or a
/// quantity modifier before it, a percent sign, unit or plural noun after it.
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
    const COUNT_MODIFIERS: [&str; 17] = [
        "about",
        "around",
        "over",
        "under",
        "some",
        "nearly",
        "almost",
        "approximately",
        "roughly",
        "than",
        "least",
        "most",
        "estimated",
        "exactly",
        "another",
        "additional",
        "extra",
    ];
    if COUNT_MODIFIERS.contains(&prev_word.as_str()) {
        return false;
    }
    let rest = after.trim_start();
    if rest.starts_with('%') {
        return false;
    }
    let next_word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    let lower = next_word.to_lowercase();
    if matches!(
        lower.as_str(),
        "percent" | "per" | "people" | "million" | "billion" | "thousand" | "km" | "kg" | "miles"
    ) {
        return false;
    }
    // "2000 troops": a lowercase plural right after reads as what is counted. "the 2024
    // elections" is lost to this, which is the cheaper mistake.
    let plural = next_word.len() > 2
        && next_word.chars().all(|c| c.is_lowercase())
        && next_word.ends_with('s')
        && !next_word.ends_with("ss");
    !plural
}

fn weekday(c: &Captures, s: &str, published: Option<NaiveDate>) -> Option<Found> {
    let wd = parse_weekday(c.name("wd")?.as_str())?;
    let modifier = c.name("mod").map(|m| m.as_str().to_lowercase());
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
fn clock_on_day(c: &Captures, s: &str, published: Option<NaiveDate>) -> Option<Found> {
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

fn deictic_day(c: &Captures, _: &str, published: Option<NaiveDate>) -> Option<Found> {
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
fn relative_period(c: &Captures, _: &str, published: Option<NaiveDate>) -> Option<Found> {
    let modifier = c.name("mod")?.as_str().to_lowercase();
    let unit = c.name("u")?.as_str().to_lowercase();
    if c.name("the").is_some() && matches!(modifier.as_str(), "past" | "last") {
        // "the past week" is a stretch of time, not a calendar week.
        let value = match unit.as_str() {
            "week" => "P1W",
            "month" => "P1M",
            "year" => "P1Y",
            "quarter" => "P3M",
            "decade" => "P1DE",
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
        _ => format!("{:04}", p.year() + step),
    });
    whole(c, TimeType::Date, value)
}

/// "by year's end", "by the end of the month": the last day of the period. "the start of
/// the year" resolves to the period itself.
fn period_end(c: &Captures, _: &str, published: Option<NaiveDate>) -> Option<Found> {
    let unit = c.name("u")?.as_str().to_lowercase();
    let pos = c.name("pos").map(|p| p.as_str().to_lowercase()).unwrap_or_else(|| "end".into());
    let step: i32 = match c.name("mod").map(|m| m.as_str().to_lowercase()).as_deref() {
        Some("next") => 1,
        Some("last") => -1,
        _ => 0,
    };
    let end = matches!(pos.as_str(), "end" | "close");
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

/// "by the end of November", "the end of 2024".
fn named_period_end(c: &Captures, _: &str, published: Option<NaiveDate>) -> Option<Found> {
    let end = matches!(c.name("pos")?.as_str().to_lowercase().as_str(), "end" | "close");
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

fn set_every(c: &Captures, _: &str, _: Option<NaiveDate>) -> Option<Found> {
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

fn set_weekday(c: &Captures, _: &str, _: Option<NaiveDate>) -> Option<Found> {
    let wd = parse_weekday(c.name("wd")?.as_str())?;
    let value = format!("XXXX-WXX-{}", wd.number_from_monday());
    whole(c, TimeType::Set, Some(value))
}

fn set_adverb(c: &Captures, _: &str, _: Option<NaiveDate>) -> Option<Found> {
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
fn duration(c: &Captures, s: &str, published: Option<NaiveDate>) -> Option<Found> {
    // "a 6-year-old boy": an age, not a stretch of time.
    if s[c.get(0)?.end()..].starts_with("-old") {
        return None;
    }
    let n = count_value(c.name("n")?.as_str())?;
    let unit = c.name("u")?.as_str().to_lowercase();
    let unit = match unit.as_str() {
        "centuries" => "century",
        u => u.trim_end_matches('s'),
    };
    if c.name("ago").is_none() {
        return whole(c, TimeType::Duration, Some(period(&n, unit)?));
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
    whole(c, TimeType::Date, value)
}

/// "for years", "in months": an unspecified number of the unit; the span is the unit alone.
fn vague_duration(c: &Captures, _: &str, _: Option<NaiveDate>) -> Option<Found> {
    let u = c.name("u")?;
    let value = period("X", u.as_str().to_lowercase().trim_end_matches('s'))?;
    from_to(u.start(), u.end(), TimeType::Duration, Some(value))
}

fn clock(c: &Captures, _: &str, published: Option<NaiveDate>) -> Option<Found> {
    let (h, mi) = clock_hm(c)?;
    let value = format!("{}T{h:02}:{mi:02}", day_or_unknown(published));
    whole(c, TimeType::Time, Some(value))
}

fn clock_word(c: &Captures, _: &str, published: Option<NaiveDate>) -> Option<Found> {
    let t = match c.name("w")?.as_str().to_lowercase().as_str() {
        "midnight" => "24:00",
        _ => "12:00",
    };
    whole(c, TimeType::Time, Some(format!("{}T{t}", day_or_unknown(published))))
}

fn quarter(c: &Captures, s: &str, published: Option<NaiveDate>) -> Option<Found> {
    let q = match c.name("q") {
        Some(q) => q.as_str().parse::<u32>().ok()?,
        None => match c.name("ord")?.as_str().to_lowercase().as_str() {
            "first" => 1,
            "second" => 2,
            "third" => 3,
            _ => 4,
        },
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
fn reported_quarter(c: &Captures, s: &str, published: Option<NaiveDate>) -> Option<Found> {
    let which = c.name("which").map(|w| w.as_str().to_lowercase()).unwrap_or_default();
    let m = c.get(0)?;
    let current = which == "current" || (which.is_empty() && tense_near(s, m.start(), m.end()) == Tense::Future);
    let value = published.map(|p| {
        let mut idx = p.year() * 4 + (p.month0() / 3) as i32 - i32::from(!current);
        if which.starts_with("year-") {
            idx -= 4;
        }
        format!("{:04}-Q{}", idx.div_euclid(4), idx.rem_euclid(4) + 1)
    });
    whole(c, TimeType::Date, value)
}

/// "the weekend": the one before publication (the current one when published on it, the coming
/// one when the sentence looks ahead).
fn the_weekend(c: &Captures, s: &str, published: Option<NaiveDate>) -> Option<Found> {
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
enum Tense {
    Past,
    Future,
    Unknown,
}

/// The tense of the verb nearest to `start..end` in the sentence: modal "will"/"'ll"/"shall",
/// "going to", "scheduled", "plans", "expected" look ahead; "was", "had", "said", "ago",
/// regular past forms look back. Nearest marker wins, the one before on a tie.
fn tense_near(s: &str, start: usize, end: usize) -> Tense {
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
    const FUTURE: [&str; 11] = [
        "will",
        "shall",
        "won't",
        "scheduled",
        "expected",
        "expects",
        "plans",
        "planned",
        "upcoming",
        "due",
        "tomorrow",
    ];
    const PAST: [&str; 13] =
        ["was", "were", "had", "did", "said", "ago", "told", "came", "went", "met", "began", "yesterday", "earlier"];
    const NOT_PAST: [&str; 10] =
        ["need", "speed", "indeed", "hundred", "united", "red", "bed", "feed", "seed", "proceed"];
    if FUTURE.contains(&w)
        || w.ends_with("'ll")
        || w.ends_with("’ll")
        || (w == "to" && prev.eq_ignore_ascii_case("going"))
    {
        return Some(Tense::Future);
    }
    // "will be signed", "has fallen": a participle says nothing; its auxiliary does.
    let participle = matches!(prev.to_lowercase().as_str(), "be" | "been" | "being" | "is" | "are" | "has" | "have");
    if PAST.contains(&w) || (w.len() > 4 && w.ends_with("ed") && !NOT_PAST.contains(&w) && !participle) {
        return Some(Tense::Past);
    }
    None
}

fn season(c: &Captures, _: &str, published: Option<NaiveDate>) -> Option<Found> {
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

// ---------------------------------------------------------------------------------------
// Calendar helpers

fn month_number(s: &str) -> Option<u32> {
    let key: String = s.chars().take(3).collect::<String>().to_lowercase();
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    months.iter().position(|m| *m == key).map(|p| p as u32 + 1)
}

fn parse_weekday(s: &str) -> Option<Weekday> {
    s.parse().ok()
}

fn part_of_day(s: &str) -> Option<&'static str> {
    match s.to_lowercase().as_str() {
        "morning" => Some("MO"),
        "afternoon" => Some("AF"),
        "evening" => Some("EV"),
        "night" => Some("NI"),
        _ => None,
    }
}

fn with_pod(day: String, pod: Option<&str>) -> String {
    match pod {
        Some(p) => format!("{day}T{p}"),
        None => day,
    }
}

fn fmt_day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn fmt_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn day_or_unknown(published: Option<NaiveDate>) -> String {
    published.map_or_else(|| "XXXX-XX-XX".to_string(), fmt_day)
}

fn add_months(year: i32, month: u32, delta: i32) -> (i32, u32) {
    let idx = year * 12 + month as i32 - 1 + delta;
    (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = add_months(year, month, 1);
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// The date with this month and day nearest to `p` (ties go to the past).
fn closest_day(p: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    [p.year() - 1, p.year(), p.year() + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| ((*d - p).num_days().abs(), *d))
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

fn closest_month_year(p: NaiveDate, month: u32) -> i32 {
    let here = p.year() * 12 + p.month0() as i32;
    [p.year() - 1, p.year(), p.year() + 1]
        .into_iter()
        .min_by_key(|y| ((y * 12 + month as i32 - 1 - here).abs(), *y))
        .unwrap_or(p.year())
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
    let v = numbers::parse_number(s.trim())?;
    Some(if v.fract() == 0.0 && v < 1e15 { format!("{}", v as u64) } else { format!("{v}") })
}

/// TIMEX period string for `n` units.
fn period(n: &str, unit: &str) -> Option<String> {
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
        "decade" => format!("P{n}DE"),
        "century" => format!("P{n}CE"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pubd() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2024, 10, 31) // a Thursday
    }

    fn one(s: &str, p: Option<NaiveDate>) -> (String, TimeType, Option<String>) {
        let found = find_in(s, p);
        assert_eq!(found.len(), 1, "{s:?} → {found:?}");
        let f = &found[0];
        (s[f.start..f.end].to_string(), f.kind, f.value.clone())
    }

    fn check(s: &str, text: &str, kind: TimeType, value: Option<&str>) {
        assert_eq!(one(s, pubd()), (text.to_string(), kind, value.map(str::to_string)), "{s:?}");
    }

    #[test]
    fn absolute_dates() {
        check("on November 1, 2024 it", "November 1, 2024", TimeType::Date, Some("2024-11-01"));
        check("on Nov. 1 it", "Nov. 1", TimeType::Date, Some("2024-11-01"));
        check("on 1 November it", "1 November", TimeType::Date, Some("2024-11-01"));
        check("on the 3rd of March 2022", "3rd of March 2022", TimeType::Date, Some("2022-03-03"));
        check("dated 2024-11-01.", "2024-11-01", TimeType::Date, Some("2024-11-01"));
        check("in November 2023", "November 2023", TimeType::Date, Some("2023-11"));
        check("in 2023,", "2023", TimeType::Date, Some("2023"));
        check("since the 1990s", "1990s", TimeType::Date, Some("199"));
    }

    #[test]
    fn month_day_takes_closest_year() {
        check("starting on November 1.", "November 1", TimeType::Date, Some("2024-11-01"));
        check("on January 3", "January 3", TimeType::Date, Some("2025-01-03"));
        check("on December 3", "December 3", TimeType::Date, Some("2024-12-03"));
        assert_eq!(one("on November 1", None).2.as_deref(), Some("XXXX-11-01"));
        assert!(find_in("on February 31", None).is_empty());
    }

    #[test]
    fn month_and_weekday_words() {
        for w in ["November", "Nov", "Nov.", "Sept.", "Friday"] {
            assert!(is_month_or_weekday(w), "{w}");
        }
        for w in ["november", "Novel", "Fri", "Nov.."] {
            assert!(!is_month_or_weekday(w), "{w}");
        }
    }

    #[test]
    fn months_alone() {
        check("in November", "November", TimeType::Date, Some("2024-11"));
        check("since March", "March", TimeType::Date, Some("2024-03"));
        check("last November", "last November", TimeType::Date, Some("2023-11"));
        check("by early May", "early May", TimeType::Date, Some("2024-05"));
        // "may" as a verb is not a month.
        assert!(find_in("they may come", pubd()).is_empty());
    }

    #[test]
    fn weekdays_and_deictics() {
        check("said on Monday", "Monday", TimeType::Date, Some("2024-10-28"));
        check("said last Thursday", "last Thursday", TimeType::Date, Some("2024-10-24"));
        check("said on Thursday", "Thursday", TimeType::Date, Some("2024-10-31"));
        check("meet next Monday", "next Monday", TimeType::Date, Some("2024-11-04"));
        check("said yesterday", "yesterday", TimeType::Date, Some("2024-10-30"));
        check("said today", "today", TimeType::Date, Some("2024-10-31"));
        check("it rained last night", "last night", TimeType::Time, Some("2024-10-30TNI"));
        assert_eq!(one("said yesterday", None).2, None);
    }

    #[test]
    fn relative_periods() {
        check("met last week", "last week", TimeType::Date, Some("2024-W43"));
        check("met next month", "next month", TimeType::Date, Some("2024-11"));
        check("met earlier this month", "earlier this month", TimeType::Date, Some("2024-10"));
        check("met this year", "this year", TimeType::Date, Some("2024"));
        check("over the past week", "the past week", TimeType::Duration, Some("P1W"));
        assert_eq!(one("met last week", None).2, None);
    }

    #[test]
    fn vague_references() {
        check("in the coming weeks.", "in the coming weeks", TimeType::Date, Some("FUTURE_REF"));
        check("deployed soon for combat", "soon", TimeType::Date, Some("FUTURE_REF"));
        check("it recently said", "recently", TimeType::Date, Some("PAST_REF"));
        check("in recent weeks", "in recent weeks", TimeType::Date, Some("PAST_REF"));
        check("are currently engaged", "currently", TimeType::Date, Some("PRESENT_REF"));
        // Vague references need no publication date.
        assert_eq!(one("soon", None).2.as_deref(), Some("FUTURE_REF"));
        assert!(find_in("sooner or later", None).is_empty());
    }

    #[test]
    fn deadlines() {
        check("arrive by year's end.", "by year's end", TimeType::Date, Some("2024-12-31"));
        check("arrive by year’s end.", "by year’s end", TimeType::Date, Some("2024-12-31"));
        check("by the end of the year", "by the end of the year", TimeType::Date, Some("2024-12-31"));
        check("by the end of the month", "by the end of the month", TimeType::Date, Some("2024-10-31"));
        check("by the end of November", "by the end of November", TimeType::Date, Some("2024-11-30"));
        check("until the end of 2025", "until the end of 2025", TimeType::Date, Some("2025-12-31"));
        assert_eq!(one("by year's end", None).2, None);
    }

    #[test]
    fn durations_and_sets() {
        check("for three years", "three years", TimeType::Duration, Some("P3Y"));
        check("within two weeks", "two weeks", TimeType::Duration, Some("P2W"));
        check("a 48-hour truce", "48-hour", TimeType::Duration, Some("PT48H"));
        check("for several months", "several months", TimeType::Duration, Some("PXM"));
        check("for twenty-five years", "twenty-five years", TimeType::Duration, Some("P25Y"));
        check("two weeks ago", "two weeks ago", TimeType::Date, Some("2024-W42"));
        check("three years ago", "three years ago", TimeType::Date, Some("2021"));
        check("meets every week", "every week", TimeType::Set, Some("P1W"));
        check("meets every two weeks", "every two weeks", TimeType::Set, Some("P2W"));
        check("reported daily", "daily", TimeType::Set, Some("P1D"));
        check("twice a week", "twice a week", TimeType::Set, Some("P1W"));
    }

    #[test]
    fn clock_times() {
        check("at 3 p.m. local", "3 p.m.", TimeType::Time, Some("2024-10-31T15:00"));
        check("at 10:30 GMT", "10:30 GMT", TimeType::Time, Some("2024-10-31T10:30"));
        assert_eq!(one("at 9am", None).2.as_deref(), Some("XXXX-XX-XXT09:00"));
    }

    #[test]
    fn years_versus_counts() {
        assert!(find_in("about 2000 troops", pubd()).is_empty());
        assert!(find_in("2000 troops arrived", pubd()).is_empty());
        assert!(find_in("$2000 in aid", pubd()).is_empty());
        assert!(find_in("10,2024", pubd()).is_empty());
        check("the 2024 election", "2024", TimeType::Date, Some("2024"));
    }

    #[test]
    fn tense_picks_the_direction() {
        // Published Thursday 2024-10-31.
        check("talks will resume Monday", "Monday", TimeType::Date, Some("2024-11-04"));
        check("talks resumed Monday", "Monday", TimeType::Date, Some("2024-10-28"));
        check("it was signed on March 3", "March 3", TimeType::Date, Some("2024-03-03"));
        check("it will be signed on March 3", "March 3", TimeType::Date, Some("2025-03-03"));
        check("He said on Monday, Oct. 28, that", "Monday, Oct. 28", TimeType::Date, Some("2024-10-28"));
        check("the vote at 9 a.m. Tuesday", "9 a.m. Tuesday", TimeType::Time, Some("2024-10-29T09:00"));
    }

    #[test]
    fn reported_periods_and_modified_durations() {
        check("a third-quarter loss", "third-quarter", TimeType::Date, Some("2024-Q3"));
        check("sales in the quarter rose", "the quarter", TimeType::Date, Some("2024-Q3"));
        check("in the year-ago quarter", "the year-ago quarter", TimeType::Date, Some("2023-Q3"));
        check("arrived over the weekend", "the weekend", TimeType::Date, Some("2024-W43-WE"));
        check("over the past two months", "the past two months", TimeType::Duration, Some("P2M"));
        check("for more than four hours", "more than four hours", TimeType::Duration, Some("PT4H"));
        assert!(find_in("a 6-year-old boy", pubd()).is_empty());
        assert!(find_in("a quarterly dividend", pubd()).is_empty());
    }

    #[test]
    fn seasons_and_quarters() {
        check("this summer", "this summer", TimeType::Date, Some("2024-SU"));
        check("in the spring", "spring", TimeType::Date, Some("2024-SP"));
        check("in the third quarter", "the third quarter", TimeType::Date, Some("2024-Q3"));
        assert!(find_in("prices fall", pubd()).is_empty());
    }
}
