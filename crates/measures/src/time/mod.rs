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
//!   Without the preposition, "the end of 2024" is the period itself (`2024`), as TimeML writes
//!   it (with mod END).
//! * Stretches of unknown length up to now are durations ("in recent weeks" `PXW`), and decades
//!   are written in years ("two decades" `P20Y`), as TimeBank does.
//! * Otherwise spans follow TimeML (TimeBank's conventions, measured on TBAQ-cleaned): a
//!   leading "in"/"for"/"right" is a signal outside the span ("recent years", "the past",
//!   "now"), except in the seed's look-ahead idiom "in the coming weeks"; an article before a
//!   count is outside ("a [five-hour] visit"); "early"/"late" qualifying a weekday or a relative
//!   period is inside ("early next week"), before a bare year or month outside ("early
//!   [1997]"), and "the" is inside before a decade ("the 1990s", "the early 1980s").
//! * "a year earlier" resolves like "a year ago"; "that same day", "earlier that year" refer to
//!   a time of the story and have no value; holidays (Christmas, Thanksgiving, Election Day …)
//!   resolve like month and day; "for the year ended …" is a stretch of a year (`P1Y`).
//! * In a story that reports on a quarter, "a year ago", "a year earlier" and a compared "last
//!   year" are that quarter a year before (`2023-Q3`), as earnings reports mean them
//!   ([`year_back_to_reported_quarter`], the one pass over the whole document).
//! * "the past week" is a DURATION (`P1W`); "last week" is a DATE (`2024-W43`).
//! * Clock times take the publication day when known (`2024-10-31T15:00`), else
//!   `XXXX-XX-XXT15:00`.
//! * A bare four-digit number 1900–2099 is a year unless its neighbours say it is a count
//!   ("about 2000", "2000 troops", "2000%").

use chrono::{Datelike, NaiveDate};
use dossier_core::TimeType;

mod calendar;
mod resolve;
mod rules;

pub(crate) use calendar::is_month_or_weekday;
use rules::RULES;

/// A time expression found in one sentence; offsets are relative to that sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: TimeType,
    pub value: Option<String>,
}

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
                if valid && !names_no_time(sentence, f.start, f.end) {
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
    let seconds: Vec<Found> = resolve::second_days(sentence, &chosen)
        .into_iter()
        .filter(|s| chosen.iter().all(|c| s.end <= c.start || c.end <= s.start))
        .collect();
    chosen.extend(seconds);
    chosen.sort_by_key(|f| f.start);
    for f in &mut chosen {
        f.start = after_signal(sentence, f.start, f.end);
    }
    clock_on_the_sentences_day(&mut chosen, published);
    chosen
}

/// Matches that read as times but name something else: an age ("Mr. Reupke, [52 years] old"),
/// an ordinal ("[a second] betrayal", "[A second] group"), and the name of a show or film
/// written in title case mid-sentence ("CBS's [60 Minutes]", "ABC's [This Week]", "High
/// [Noon]", "VOA [Today]"). A sentence that is itself in title case (a headline) keeps its
/// capitalised times.
fn names_no_time(sentence: &str, start: usize, end: usize) -> bool {
    let span = &sentence[start..end];
    let after = sentence[end..].trim_start();
    let next: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    let next = next.to_lowercase();
    let lower = span.to_lowercase();
    let last_word = lower.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let unit = last_word.trim_end_matches('s');
    if next == "old" && ["year", "month", "week", "day"].contains(&unit) {
        return true;
    }
    // "a one second delay" stays a duration: only "a second" is also an ordinal.
    if lower == "a second" && !next.is_empty() && !AFTER_A_DURATION.contains(&next.as_str()) {
        return true;
    }
    title_cased_name(sentence, start, end)
}

/// Words that may follow "a second" used as a duration ("wait [a second] and", "[a second]
/// later"); any other word after it makes it an ordinal ("a second term").
const AFTER_A_DURATION: [&str; 16] = [
    "ago", "later", "earlier", "before", "after", "and", "or", "to", "of", "for", "in", "at", "on", "when", "longer",
    "then",
];

/// Whether a unit or deictic word of `start..end` other than its first is capitalised ("60
/// Minutes", "This Week", "High Noon"), or its only word is, right after a capitalised word
/// ("VOA Today"), in a sentence that is not in title case throughout (a headline). Holidays
/// ("Election Day", "Christmas Eve") and time zones are capitalised words of other kinds.
fn title_cased_name(sentence: &str, start: usize, end: usize) -> bool {
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let named_unit = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphabetic());
        capital(w) && TITLE_WORDS.contains(&w.to_lowercase().trim_end_matches('s'))
    };
    let words: Vec<&str> = sentence[start..end].split_whitespace().collect();
    let word_before = sentence[..start].trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
    let inner = words.iter().skip(1).any(|w| named_unit(w));
    let alone_after_name = words.len() == 1
        && named_unit(words[0])
        && capital(word_before)
        && word_before.chars().all(char::is_alphanumeric);
    if !inner && !alone_after_name {
        return false;
    }
    // Only now the whole sentence: this runs for every candidate of every rule.
    let headline = sentence
        .split_whitespace()
        .filter(|w| {
            w.chars().next().is_some_and(char::is_alphabetic) && w.chars().filter(|c| c.is_alphabetic()).count() >= 4
        })
        .all(capital);
    !headline
}

/// Time words that, capitalised inside a phrase, make it a name ([`title_cased_name`]), in the
/// singular.
const TITLE_WORDS: [&str; 11] =
    ["second", "minute", "hour", "week", "month", "year", "noon", "today", "tonight", "now", "night"];

/// "at about 10:35 a.m. (0735 GMT) Friday", "at 4 a.m. on the day of the vote, Oct. 3": a clock
/// time that took the publication day takes the day the sentence names instead, when it names
/// exactly one.
fn clock_on_the_sentences_day(found: &mut [Found], published: Option<NaiveDate>) {
    let Some(p) = published else { return };
    let today = format!("{}T", p.format("%Y-%m-%d"));
    let is_day = |v: &str| v.len() == 10 && NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok();
    let mut days = found.iter().filter_map(|f| f.value.as_deref().filter(|v| is_day(v)));
    let (Some(day), None) = (days.next(), days.next()) else { return };
    let day = day.to_string();
    for f in found.iter_mut().filter(|f| f.kind == TimeType::Time) {
        if let Some(clock) = f.value.as_deref().and_then(|v| v.strip_prefix(today.as_str())) {
            f.value = Some(format!("{day}T{clock}"));
        }
    }
}

/// "from $90.5 million a year ago", "a year earlier", "compared with $3 million last year",
/// "last year's $1.55 billion": in a story that reports on a quarter (an earnings report), the
/// comparison is with the same quarter a year before, and TimeBank writes it so (`1988-Q3`,
/// not the calendar year `1988`). The quarter is the latest one the document has named before
/// the expression and that a report published then can be about (the current quarter or one of
/// the three before it: not "the year-ago quarter", not an outlook for next year); `times` are
/// the document's, in order.
pub(crate) fn year_back_to_reported_quarter(text: &str, times: &mut [dossier_core::TimeExpr], published: NaiveDate) {
    let now = published.year() * 4 + published.month0() as i32 / 3;
    let mut latest: Option<i32> = None;
    for t in times.iter_mut() {
        let Some(value) = t.value.as_deref() else { continue };
        if let Some(idx) = quarter_index(value) {
            if (now - 3..=now).contains(&idx) {
                latest = Some(idx);
            }
            continue;
        }
        let Some(idx) = latest else { continue };
        let is_year = value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit());
        if is_year && compares_with_a_year_before(text, t.span.start as usize, t.span.end as usize) {
            t.value = Some(calendar::fmt_quarter(idx - 4));
        }
    }
}

/// "that day", "earlier that day", "that same morning", "later that year": an expression that
/// points back takes its value from the nearest date before it in the document that is precise
/// enough (a day for a day or part of one, a month, a year); with none, it keeps no value.
/// `times` are the document's, in order.
pub(crate) fn back_to_the_date_before(text: &str, times: &mut [dossier_core::TimeExpr]) {
    for i in 0..times.len() {
        if times[i].value.is_some() {
            continue;
        }
        let (start, end) = (times[i].span.start as usize, times[i].span.end as usize);
        let span = text[start..end].to_lowercase();
        let Some(unit) = span.rsplit(' ').next().filter(|_| span.contains("that ")) else { continue };
        let needed = match unit {
            "year" => 4,
            "month" => 7,
            "week" => continue,
            _ => 10,
        };
        let part = match unit {
            "morning" => "TMO",
            "afternoon" => "TAF",
            "evening" => "TEV",
            "night" => "TNI",
            _ => "",
        };
        let earlier = times[..i].iter().rev().filter_map(|t| t.value.as_deref()).find_map(|v| {
            let head = v.get(..needed)?;
            let shape_ok =
                head.bytes().enumerate().all(|(k, b)| if k == 4 || k == 7 { b == b'-' } else { b.is_ascii_digit() });
            shape_ok.then(|| head.to_string())
        });
        if let Some(date) = earlier {
            times[i].value = Some(format!("{date}{part}"));
        }
    }
}

/// `1988-Q3` as `1988 * 4 + 2`.
fn quarter_index(value: &str) -> Option<i32> {
    let (y, q) = value.split_once("-Q")?;
    let (y, q) = (y.parse::<i32>().ok()?, q.parse::<i32>().ok()?);
    (y.to_string().len() == 4 && (1..=4).contains(&q)).then_some(y * 4 + q - 1)
}

/// "a year ago", "a year earlier", "one year before"; "last year" only where it is a figure's
/// comparison ("from $10 million last year", "compared with a loss of $3 million last year",
/// "last year's $1.55 billion"): one of the comparing words among the few words before it.
fn compares_with_a_year_before(text: &str, start: usize, end: usize) -> bool {
    let span = text[start..end].to_lowercase();
    let words: Vec<&str> = span.split_whitespace().collect();
    match words.as_slice() {
        ["a" | "one", "year", "ago" | "earlier" | "before"] => true,
        ["last", "year"] => {
            let after = &text[end..];
            let mut back = start.saturating_sub(80);
            while !text.is_char_boundary(back) {
                back += 1;
            }
            let before = text[back..start].rsplit(['.', ';']).next().unwrap_or("").to_lowercase();
            after.starts_with("'s")
                || after.starts_with("’s")
                || before.split_whitespace().rev().take(7).any(|w| COMPARING.contains(&w))
        }
        _ => false,
    }
}

/// Words a compared figure follows ("from", "compared with", "than", "versus").
const COMPARING: [&str; 6] = ["from", "with", "than", "versus", "vs.", "against"];

/// Words TimeML leaves outside a TIMEX3 as a SIGNAL: "[in] recent years", "[in] the past",
/// "[for] now", "[right] now". The span starts after them (the value is not changed by them).
/// Two kinds keep their preposition, as the canonical annotation of the seed article has them
/// (../shared/seed/gold.json, DESIGN.md): deadlines ("by year's end", "until the end of the
/// month": the preposition is what makes it a deadline, and the value is the period's last day)
/// and the look-ahead idiom "in the coming weeks".
const SIGNALS: [&str; 4] = ["in", "into", "for", "right"];

/// Where a span starting at `start` begins once a leading signal word is left out.
fn after_signal(sentence: &str, start: usize, end: usize) -> usize {
    let span = &sentence[start..end];
    let Some((first, rest)) = span.split_once(char::is_whitespace) else {
        return start;
    };
    let rest_lower = rest.trim_start().to_lowercase();
    let look_ahead =
        ["the coming", "the next", "the following", "the upcoming"].iter().any(|p| rest_lower.starts_with(p));
    if !SIGNALS.iter().any(|w| first.eq_ignore_ascii_case(w)) || rest.trim().is_empty() || look_ahead {
        return start;
    }
    end - rest.trim_start().len()
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
        check("since the 1990s", "the 1990s", TimeType::Date, Some("199"));
        check("in early 1997", "1997", TimeType::Date, Some("1997"));
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
    fn ages_ordinals_and_show_names_are_no_times() {
        for s in [
            "Mr. Reupke, 52 years old and a veteran, resigned.",
            "it will be a second betrayal, she said.",
            "A second group of three directors agreed.",
            "Gonzalez said on CBS's ''60 Minutes.'' Then he left.",
            "Baker, speaking on ABC News' \"This Week,\" said the request was fair.",
            "It reminded him of the film High Noon, which he liked.",
            "You are listening to VOA Today from Washington.",
        ] {
            assert!(find_in(s, pubd()).is_empty(), "{s}: {:?}", find_in(s, pubd()));
        }
        check("wait a second and look", "a second", TimeType::Duration, Some("PT1S"));
        check("due to a one second delay", "one second", TimeType::Duration, Some("PT1S"));
        check("Talks Resume Next Week In Geneva", "Next Week", TimeType::Date, Some("2024-W45"));
        check("He left. Now we wait.", "Now", TimeType::Date, Some("PRESENT_REF"));
    }

    #[test]
    fn centuries_decades_fiscal_years_and_qualified_durations() {
        check("a 20th century democrat", "20th century", TimeType::Date, Some("19"));
        check("events of the twenty-first century", "the twenty-first century", TimeType::Date, Some("20"));
        check("the fabled eleventh-century temple", "eleventh-century", TimeType::Date, Some("10"));
        check("numbers dropped through the nineties", "the nineties", TimeType::Date, Some("199"));
        check("the trend of the late '80s", "the late '80s", TimeType::Date, Some("198"));
        assert!(find_in("a man in his forties", pubd()).is_empty());
        check("above fiscal 1989 sales of $155 million", "fiscal 1989", TimeType::Date, Some("1989"));
        check("stay for at least two more weeks", "at least two more weeks", TimeType::Duration, Some("P2W"));
        check("Eight trading days after the fall", "Eight trading days", TimeType::Duration, Some("P8D"));
        check("extended for an additional year", "an additional year", TimeType::Duration, Some("P1Y"));
    }

    #[test]
    fn that_day_takes_the_date_named_before() {
        let text = "The vote was on March 3, 1999. Earlier that day, talks failed. Later that year he left.";
        let mut times = crate::times(text, &[], &[], pubd());
        let values: Vec<_> = times.iter().map(|t| t.value.clone()).collect();
        assert_eq!(values, [Some("1999-03-03".into()), Some("1999-03-03".into()), Some("1999".into())]);
        times[0].value = Some("PRESENT_REF".into());
        times[1].value = None;
        back_to_the_date_before(text, &mut times);
        assert_eq!(times[1].value, None);
    }

    #[test]
    fn hours_by_part_of_day_pairs_of_days_and_years_before_plurals() {
        check("will leave at 4 in the morning", "4 in the morning", TimeType::Time, Some("2024-10-31T04:00"));
        check("until 10 at night", "10 at night", TimeType::Time, Some("2024-10-31T22:00"));
        check("it opened at 3 in the afternoon", "3 in the afternoon", TimeType::Time, Some("2024-10-31T15:00"));
        let both = find_in("the summit on April 24 and 25 was", pubd());
        let values: Vec<_> = both.iter().map(|f| f.value.clone()).collect();
        assert_eq!(values, [Some("2024-04-24".into()), Some("2024-04-25".into())]);
        assert_eq!(find_in("on May 3 and 2,000 people", pubd()).len(), 1);
        assert_eq!(find_in("on May 3 and 25,000 people", pubd()).len(), 1);
        assert_eq!(find_in("hurt on May 3 and 5 others died", pubd()).len(), 1);
        check("leaders of the 1992 protests", "1992", TimeType::Date, Some("1992"));
        assert!(find_in("sent 2000 troops", pubd()).is_empty());
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
    fn timeml_span_conventions() {
        check("met in a five-hour visit", "five-hour", TimeType::Duration, Some("PT5H"));
        check("after a six year process", "six year", TimeType::Duration, Some("P6Y"));
        check("a couple of days", "a couple of days", TimeType::Duration, Some("P2D"));
        check("expected early next week", "early next week", TimeType::Date, Some("2024-W45"));
        check("the riots of the early 1980s", "the early 1980s", TimeType::Date, Some("198"));
        check("profit rose from a year earlier", "a year earlier", TimeType::Date, Some("2023"));
        check("for now, it waits", "now", TimeType::Date, Some("PRESENT_REF"));
        check("disasters of this century", "this century", TimeType::Date, Some("20"));
        check("in the weeks before the shooting", "weeks", TimeType::Duration, Some("PXW"));
        check("Earlier that day, he left", "Earlier that day", TimeType::Date, None);
        check("net income for the year ended, it said", "the year", TimeType::Duration, Some("P1Y"));
        check("found last Thanksgiving at sea", "last Thanksgiving", TimeType::Date, Some("2023-11-23"));
        check("due by Election Day", "Election Day", TimeType::Date, Some("2024-11-05"));
        check("lights on Christmas Eve", "Christmas Eve", TimeType::Date, Some("2024-12-24"));
        // "as soon as" is a conjunction, not a time.
        assert!(find_in("leave as soon as possible", pubd()).is_empty());
    }

    #[test]
    fn vague_references() {
        check("in the coming weeks.", "in the coming weeks", TimeType::Date, Some("FUTURE_REF"));
        check("deployed soon for combat", "soon", TimeType::Date, Some("FUTURE_REF"));
        check("it recently said", "recently", TimeType::Date, Some("PAST_REF"));
        check("in recent weeks", "recent weeks", TimeType::Duration, Some("PXW"));
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
        // Without a preposition the end of a period is the period (TimeML: mod END).
        check("at the end of 2025 prices rose", "the end of 2025", TimeType::Date, Some("2025"));
        check("at the end of the month prices rose", "the end of the month", TimeType::Date, Some("2024-10"));
        check("over the past decade", "the past decade", TimeType::Duration, Some("P10Y"));
        check("for two decades", "two decades", TimeType::Duration, Some("P20Y"));
        check("in recent years", "recent years", TimeType::Duration, Some("PXY"));
        check("in recent times", "recent times", TimeType::Date, Some("PAST_REF"));
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
        check("down 4.5% from the previous Friday", "the previous Friday", TimeType::Date, Some("2024-10-25"));
        check("it was signed on March 3", "March 3", TimeType::Date, Some("2024-03-03"));
        check("it will be signed on March 3", "March 3", TimeType::Date, Some("2025-03-03"));
        check("He added that it would still be held on March 3", "March 3", TimeType::Date, Some("2025-03-03"));
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
    fn quarters_with_their_year_said() {
        // Published 2024-10-31: the quarter reported on is the third.
        check("in the 1988 second quarter", "the 1988 second quarter", TimeType::Date, Some("1988-Q2"));
        check("net for this year's third quarter", "this year's third quarter", TimeType::Date, Some("2024-Q3"));
        check("as early as next year's first quarter", "next year's first quarter", TimeType::Date, Some("2025-Q1"));
        check("sales for last year's quarter", "last year's quarter", TimeType::Date, Some("2023-Q3"));
        check("In the 1989 period, profit", "the 1989 period", TimeType::Date, Some("1989-Q3"));
        check("in the year-ago third quarter", "the year-ago third quarter", TimeType::Date, Some("2023-Q3"));
        check(
            "for the corresponding period last year.",
            "the corresponding period last year",
            TimeType::Date,
            Some("2023-Q3"),
        );
    }

    #[test]
    fn halves_spoken_years_and_bare_months() {
        check("for 5 1/2 hours", "5 1/2 hours", TimeType::Duration, Some("PT5H30M"));
        check("for two and a half years", "two and a half years", TimeType::Duration, Some("P2Y6M"));
        check("a minute and a half later", "a minute and a half", TimeType::Duration, Some("PT1M30S"));
        check("in half an hour", "half an hour", TimeType::Duration, Some("PT30M"));
        check("back in nineteen ninety-six", "nineteen ninety-six", TimeType::Date, Some("1996"));
        check("the October slaying", "October", TimeType::Date, Some("2024-10"));
        check("well into the future", "the future", TimeType::Date, Some("FUTURE_REF"));
        // "March" and "May" alone are more often verbs; lower-case months are not names.
        assert!(find_in("they march on", pubd()).is_empty());
        assert!(find_in("Protesters March to the capital", pubd()).is_empty());
    }

    #[test]
    fn a_clock_time_takes_the_day_its_sentence_names() {
        let values = |s: &str| find_in(s, pubd()).into_iter().map(|f| f.value.unwrap_or_default()).collect::<Vec<_>>();
        assert_eq!(values("It occurred at about 10:35 a.m. (0735 GMT) Friday."), ["2024-10-25T10:35", "2024-10-25"]);
        // Without a day, or with two, the clock keeps the publication day.
        assert_eq!(values("It occurred at 10:35 a.m."), ["2024-10-31T10:35"]);
        assert_eq!(values("From Friday to Monday, at 9 a.m."), ["2024-10-25", "2024-10-28", "2024-10-31T09:00"]);
    }

    #[test]
    fn looking_ahead_markers() {
        check("set to resume Monday", "Monday", TimeType::Date, Some("2024-11-04"));
        check("to leave as soon as Tuesday", "Tuesday", TimeType::Date, Some("2024-11-05"));
        check("said he would travel Monday", "Monday", TimeType::Date, Some("2024-11-04"));
    }

    #[test]
    fn seasons_and_quarters() {
        check("this summer", "this summer", TimeType::Date, Some("2024-SU"));
        check("in the spring", "spring", TimeType::Date, Some("2024-SP"));
        check("in the third quarter", "the third quarter", TimeType::Date, Some("2024-Q3"));
        assert!(find_in("prices fall", pubd()).is_empty());
    }
}
