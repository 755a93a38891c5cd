//! The patterns: one regex per kind of expression, each with the handler in [`super::resolve`]
//! that turns its match into a [`Found`] (span and value). Rules are listed from most to least
//! specific; when two matches are equally long the earlier rule wins.

use std::sync::LazyLock;

use chrono::NaiveDate;
use dossier_core::TimeType;
use regex::{Captures, Regex};

use super::calendar;
use super::resolve::*;
use super::Found;

type Handler = fn(&Captures, &str, Option<NaiveDate>) -> Option<Found>;

pub(super) struct Rule {
    pub(super) re: Regex,
    pub(super) handle: Handler,
}

const TZ: &str = r"GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|PST|PDT|ET|PT|local\s+time";
/// Counts that can precede a time unit: digits or number words, including vague ones.
const NUM: &str = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+|\s+1/2|½)?|(?i:a\s+couple\s+of|a\s+few|couple\s+of|several|few|many|some|half\s+an?|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen)(?:[\s-]+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand|dozen))*(?:\s+and\s+a\s+half)?))";
const UNIT: &str =
    r"(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centuries|century)";

fn month_pattern() -> String {
    let (full, abbr) = (calendar::month_alternation(), calendar::month_abbr_alternation());
    format!(r"(?P<m>(?:{full})\b|(?:{abbr})(?:\.|\b))")
}

/// Every `\b` of a rule as an ASCII word boundary. A Unicode `\b` makes the regex crate's lazy DFA
/// give up at the first non-ASCII byte of a sentence (a curly quote, a dash) and fall back to a
/// backtracker for every rule, which was most of `dossier analyze`'s time (docs/PERFORMANCE.md).
/// The patterns only put `\b` beside ASCII letters and digits, so the matches are the same except
/// beside a non-ASCII letter ("2015é"), which news text does not write.
fn ascii_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

pub(super) static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let month = month_pattern();
    let (month_full, weekdays) = (calendar::month_alternation(), calendar::weekday_alternation());
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
            format!(r"\b(?:{weekdays}),?\s+{month}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?"),
            month_day,
        ),
        rule(
            format!(r"\b(?:(?P<h>\d{{1,2}})(?::(?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b))|(?P<w>(?i:noon|midday|midnight)))(?:\s+(?P<tz>{TZ})\b)?,?\s+(?:(?i:on)\s+)?(?P<day>{weekdays}|(?i:today|yesterday|tomorrow))\b"),
            clock_on_day,
        ),
        rule(
            format!(r"\b(?P<prep>(?i:in|since|until|till|by|during|from|through|before|after|of|last|next|this|early|late|mid|earlier\s+in|later\s+in))[\s-]+(?P<m>{month_full})\b"),
            month_alone,
        ),
        rule(
            // A month without a preposition ("the October slaying", "sales fell in the year to
            // October"): capitalised full names only, and not "March" or "May", which are more
            // often the verb.
            r"\b(?P<m>January|February|April|June|July|August|September|October|November|December)\b".into(),
            month_alone,
        ),
        rule(
            r"\b(?:(?P<the>(?i:the)\s+)?(?P<mod>(?i:early|mid|late))[\s-]+|(?P<the2>(?i:the)\s+))?(?P<y>(?:19|20)\d\d)(?P<s>s)?\b".into(),
            year,
        ),
        // "fiscal 1989 sales": the fiscal year is a year even before the noun that makes a
        // bare number a count.
        rule(r"\b(?i:fiscal)\s+(?P<y>(?:19|20)\d\d)\b".into(), |c, _, _| {
            whole(c, TimeType::Date, Some(c.name("y")?.as_str().to_string()))
        }),
        rule(
            r"(?i)\b(?:the\s+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>(?:twenty[\s-]+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)))[\s-]+century\b".into(),
            ordinal_century,
        ),
        rule(
            r"(?i)\bthe\s+(?:(?:early|mid|late)[\s-]+)?(?:(?:nineteen[\s-]+)?(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)|['’](?P<d>[1-9])0s)\b".into(),
            spoken_decade,
        ),
        rule(r"(?i)\bthe\s+year\s+two\s+thousand\b".into(), |c, _, _| whole(c, TimeType::Date, Some("2000".into()))),
        rule(
            // Years as said aloud in broadcast transcripts: "nineteen ninety-six".
            r"(?i)\bnineteen[\s-]+(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?P<unit>one|two|three|four|five|six|seven|eight|nine))?\b".into(),
            spoken_year,
        ),
        rule(
            format!(r"\b(?:(?i:early|late)\s+)?(?:(?i:the)\s+(?P<pmod>(?i:previous|following))\s+|(?P<mod>(?i:last|next|this|past|coming))\s+)?(?P<wd>{weekdays})(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?\b"),
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
            r"(?i)\b(?:(?P<el>earlier|later|early|late)\s+)?(?P<the>the\s+)?(?P<mod>last|this|next|past|previous|coming|current|following)\s+(?P<u>week|weekend|month|year|quarter|decade|century)\b".into(),
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
            format!(r"\b(?:(?P<by>(?i:by|before|until|till))\s+)?(?i:the\s+)?(?P<pos>(?i:end|start|beginning|middle|close))\s+of\s+(?:(?P<m>{month_full})\b(?:,?\s+(?P<y>\d{{4}})\b)?|(?P<y2>(?:19|20)\d\d)\b)"),
            named_period_end,
        ),
        rule(
            r"(?i)\b(?:soon|in\s+the\s+(?:coming|next|following|upcoming)\s+(?:few\s+|several\s+)?(?:days|weeks|months|years|decades)|(?:in(?:to)?\s+)?the\s+(?:near\s+|distant\s+|not\s+too\s+distant\s+|foreseeable\s+)?future|in\s+the\s+(?:days|weeks|months|years)\s+ahead)\b".into(),
            future_ref,
        ),
        // "in recent weeks": a stretch of unknown length up to now, as TimeBank writes it (PXW).
        rule(
            r"(?i)\bin\s+recent\s+(?P<u>days|weeks|months|years)\b".into(),
            |c, _, _| {
                let unit = match c.name("u")?.as_str().to_lowercase().as_str() {
                    "days" => "D",
                    "weeks" => "W",
                    "months" => "M",
                    _ => "Y",
                };
                whole(c, TimeType::Duration, Some(format!("PX{unit}")))
            },
        ),
        rule(
            r"(?i)\b(?:recently|lately|in\s+recent\s+(?:decades|times)|in\s+the\s+past|the\s+other\s+day)\b".into(),
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
            format!(r"\b(?i:every|each)\s+(?P<wd>{weekdays})\b"),
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
            format!(r"\b(?:(?P<pre>(?i:(?:the\s+)?(?:past|last|next|first|previous|coming|following)|the|(?:no\s+)?(?:more|less|fewer)\s+than|nearly|almost|about|around|approximately|roughly|at\s+least|at\s+most|up\s+to|over|under))\s+)?(?P<n>{NUM})[\s-]+(?:(?i:more|additional|further|extra|trading|business|working)\s+)?(?P<u>{UNIT})\b(?P<half>\s+and\s+a\s+half\b)?(?P<ago>\s+(?i:ago|earlier)\b)?"),
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
        rule(
            r"\b(?P<h>\d{1,2})(?::(?P<mi>[0-5]\d))?\s+(?i:in\s+the\s+(?P<pod>morning|afternoon|evening)|at\s+(?P<pod2>night))\b".into(),
            hour_of_part_of_day,
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
            r"(?i)\b(?:the\s+)?(?:(?P<y>(?:19|20)\d\d)|(?P<rel>this|last|next)\s+year(?:'s|’s)|(?:comparable\s+)?(?P<which>year-ago|year-earlier))\s+(?:(?P<ord>first|second|third|fourth)[\s-]+)?(?P<u>quarter|period)\b".into(),
            quarter_of_year,
        ),
        rule(
            r"(?i)\bthe\s+(?:corresponding|comparable|same)\s+(?:period|quarter)\s+(?:of\s+|in\s+)?(?P<back>last\s+year|a\s+year\s+(?:ago|earlier))\b".into(),
            quarter_of_year,
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
            r"(?i)\b(?:for|in|of|throughout|during)\s+(?P<t>the\s+(?:fiscal\s+|full\s+)?(?P<u>year|week))\b(?P<ended>\s+(?:ended|ending))?".into(),
            reporting_period,
        ),
        rule(
            r"(?i)\bthe\s+(?P<u>days|weeks|months|years|decades)\s+(?:before|after|since|that\s+followed|following|leading\s+up)\b".into(),
            // "the weeks before the shooting": a vague stretch beside an event, the unit alone.
            vague_duration,
        ),
        rule(
            r"(?i)\b(?:(?:earlier|later)\s+)?that\s+(?:same\s+)?(?:day|morning|afternoon|evening|night|week|month|year)\b".into(),
            anaphoric,
        ),
        rule(
            r"\b(?:(?P<mod>(?i:last|next|this))\s+)?(?P<h>Christmas(?:\s+Day|\s+Eve)?|New\s+Year's\s+Day|New\s+Year’s\s+Day|Thanksgiving(?:\s+Day)?|Election\s+Day|Independence\s+Day)\b".into(),
            holiday,
        ),
        rule(
            r"\b(?:(?P<mod>(?i:last|this|next|early|late))\s+|(?i:this\s+past|the\s+past)\s+|(?i:in|during|by|until|since|over|into|through|throughout)\s+(?i:the\s+)?)(?P<s>(?i:spring|summer|autumn|winter|fall))(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d))?\b".into(),
            season,
        ),
    ]
});

#[cfg(test)]
mod tests {
    use super::*;

    /// The first rule whose regex matches all of `s`.
    fn rule_of(s: &str) -> Option<usize> {
        RULES.iter().position(|r| r.re.find(s).is_some_and(|m| m.start() == 0 && m.end() == s.len()))
    }

    #[test]
    fn every_rule_compiles() {
        assert!(RULES.len() > 30);
    }

    #[test]
    fn month_names_and_abbreviations_match_with_or_without_a_period() {
        let re = Regex::new(&month_pattern()).unwrap();
        for s in ["November", "Nov.", "Nov", "Sept.", "May"] {
            assert_eq!(re.find(s).map(|m| m.as_str()), Some(s), "{s}");
        }
        assert!(re.find("Novel").is_none());
    }

    #[test]
    fn boundaries_are_ascii() {
        assert_eq!(ascii_boundaries(r"\bx\b"), r"(?-u:\b)x(?-u:\b)");
    }

    #[test]
    fn examples_are_matched_by_the_rule_meant_for_them() {
        // The order of the rules is what they are tried in: most specific first.
        let iso = rule_of("2024-11-01").unwrap();
        let month_day = rule_of("November 1, 2024").unwrap();
        let weekday = rule_of("last Friday").unwrap();
        let duration = rule_of("three years ago").unwrap();
        let clock = rule_of("3:45 p.m. GMT").unwrap();
        assert!(iso < month_day && month_day < weekday && weekday < duration && duration < clock);
        for s in ["by year's end", "every two weeks", "the latest quarter", "this fall", "in the coming weeks"] {
            assert!(rule_of(s).is_some(), "{s}");
        }
        assert_eq!(rule_of("troops"), None);
    }
}
