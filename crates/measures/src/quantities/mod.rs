//! Quantities: a number (digits, words, vague amounts), the words that bound or hedge it, its
//! unit, and what it counts.
//!
//! Works on the pipeline's tokens of one sentence, each read as its parts (see [`parts`]:
//! "twenty-five" is "twenty", "-", "five"). A number "core" is found first ([`cores`]); the
//! words to its left (currency sign, "more than", "around", "rose by": [`units`], [`modifiers`])
//! and to its right (range end, "%", unit, counted noun: [`counted`]) are then read off around it.
//!
//! Span decisions:
//! * the quantity span is modifier + currency + number + scale + unit ("over $3 billion",
//!   "around 10,000", "12 percent"); the counted noun is a separate span and not included,
//!   except for "a small number of these troops", where the number phrase means nothing
//!   without its noun;
//! * change words ("rose by") are recorded in `change` but stay outside the span.
//!
//! Not emitted: years and other numbers inside a time expression (dates, clock times,
//! "every two weeks", "three years ago"; durations like "48 hours" are kept, unit "hour"),
//! ordinals ("1st", "third"), designators ("F-16", "Article 5", "No. 10"), and "one" used as
//! a pronoun ("one of the …", "no one", "the one that") — "one" is kept only when a counted
//! noun follows it.

mod cores;
mod counted;
mod modifiers;
mod units;

use dossier_core::{Bound, Change, Quantity, Span, Token};

use crate::time;
use cores::{core_at, range_end, Core};
use counted::counted_after;
use modifiers::{change_before, modifier_before, Modifier};
use units::{currency_code, currency_prefix, currency_symbol, currency_word, unit_of};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Num,
    Word,
    Punct,
}

#[derive(Debug)]
struct Part {
    start: usize,
    end: usize,
    kind: Kind,
    lower: String,
}

/// The parts of one pipeline token (`start..end` of `s`), as the quantity rules read them:
/// digits (with "," and "." between digits), words (letters and digits, inner apostrophes), and
/// single punctuation characters. Hyphens and slashes stay separate, so "twenty-five", "10-15"
/// and "F-16" (one token each in the pipeline) can be read part by part.
fn split_token(s: &str, start: usize, end: usize, out: &mut Vec<Part>) {
    // A span off character boundaries cannot come from the pipeline: nothing to read.
    let Some(t) = s.get(..end).filter(|t| start <= end && t.is_char_boundary(start)) else {
        return;
    };
    let mut it = t[start..].char_indices().map(|(i, c)| (i + start, c)).peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = i + c.len_utf8();
        let kind = if c.is_ascii_digit() {
            while let Some(&(j, d)) = it.peek() {
                let joins = d.is_ascii_digit()
                    || ((d == ',' || d == '.') && t[j + 1..].starts_with(|x: char| x.is_ascii_digit()));
                if !joins {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
            Kind::Num
        } else if c.is_alphabetic() {
            while let Some(&(j, d)) = it.peek() {
                let joins = d.is_alphanumeric()
                    || ((d == '\'' || d == '’') && t[j + d.len_utf8()..].starts_with(char::is_alphabetic));
                if !joins {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
            Kind::Word
        } else {
            Kind::Punct
        };
        out.push(Part { start: i, end, kind, lower: s[i..end].to_lowercase() });
    }
}

/// The parts of a sentence's tokens (spans relative to `s`). A possessive that the pipeline
/// splits off ("Russia" + "'s") joins its word again: "Russia's" is one word to these rules,
/// which read it as a possessive noun that cannot be what is counted.
fn parts(s: &str, tokens: impl Iterator<Item = (usize, usize)>) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::new();
    let mut scratch = Vec::new();
    for (start, end) in tokens {
        scratch.clear();
        split_token(s, start, end, &mut scratch);
        let possessive = matches!(scratch.as_slice(), [a, b, ..] if a.kind == Kind::Punct
            && matches!(a.lower.as_str(), "'" | "’")
            && b.kind == Kind::Word
            && b.start == a.end
            && s[b.start..].starts_with(char::is_alphabetic));
        if let Some(prev) = out.last_mut().filter(|p| possessive && p.kind == Kind::Word && p.end == start) {
            prev.end = scratch[1].end;
            prev.lower = s[prev.start..prev.end].to_lowercase();
            out.extend(scratch.drain(2..));
        } else {
            out.append(&mut scratch);
        }
    }
    out
}

struct View<'a> {
    text: &'a str,
    toks: Vec<Part>,
}

impl View<'_> {
    fn word(&self, i: usize) -> Option<&str> {
        self.toks.get(i).filter(|t| t.kind == Kind::Word).map(|t| t.lower.as_str())
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.lower == w)
    }

    fn punct(&self, i: usize, chars: &[char]) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && t.lower.chars().next().is_some_and(|c| chars.contains(&c)))
    }

    /// No space between token `i` and the next one.
    fn glued(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    fn raw(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    /// Does the phrase end right before token `end` (exclusive)?
    fn phrase_before(&self, end: usize, phrase: &[&str]) -> bool {
        end >= phrase.len() && phrase.iter().enumerate().all(|(k, w)| self.word(end - phrase.len() + k) == Some(*w))
    }

    /// Lowercase words from `i` on, joining hyphenated words; with their token indices.
    fn words_from(&self, i: usize, max: usize) -> Vec<(&str, usize)> {
        let mut out = Vec::new();
        let mut j = i;
        while out.len() < max {
            match self.word(j) {
                Some(w) => out.push((w, j)),
                None => break,
            }
            if self.punct(j + 1, &['-']) && self.glued(j) && self.glued(j + 1) {
                j += 2;
            } else {
                j += 1;
            }
        }
        out
    }
}

/// A sentence view for the unit tests of the submodules: its tokens split at white space, which
/// gives the same parts as the pipeline's tokens do.
#[cfg(test)]
fn test_sentence(text: &str) -> View<'_> {
    View { text, toks: parts(text, crate::test_tokens(text).iter().map(|t| (t.span.start(), t.span.end()))) }
}

/// Quantities in one sentence (`text`, starting at `offset` in the document) from its tokens
/// (document spans, inside the sentence); the spans returned are in document coordinates.
pub(crate) fn in_sentence(text: &str, offset: usize, tokens: &[Token]) -> Vec<Quantity> {
    let spans = tokens.iter().map(|t| (t.span.start() - offset, t.span.end() - offset));
    let s = View { text, toks: parts(text, spans) };
    // Numbers inside dates, clock times and sets are not quantities. Durations stay: "48
    // hours" is both a time span and an amount.
    let blocked: Vec<(usize, usize)> = time::find_in(text, None)
        .into_iter()
        .filter(|f| f.kind != dossier_core::TimeType::Duration)
        .map(|f| (f.start, f.end))
        .collect();
    let is_blocked = |a: usize, b: usize| blocked.iter().any(|&(s, e)| a < e && s < b);

    let mut out = Vec::new();
    let mut pending_change: Option<(usize, Change)> = None;
    let mut i = 0;
    while i < s.toks.len() {
        if let Some((mut q, next)) = score_at(&s, i) {
            q.span = Span::new(q.span.start() + offset, q.span.end() + offset);
            out.push(q);
            i = next;
            continue;
        }
        let Some(core) = core_at(&s, i) else {
            i += 1;
            continue;
        };
        if is_blocked(s.toks[core.first].start, s.toks[core.last].end) {
            i = core.last + 1;
            continue;
        }
        let core_first = core.first;
        let carried = pending_change.take().filter(|(at, _)| *at == core.first).map(|(_, c)| c);
        let built = build(&s, core, carried, &is_blocked);
        pending_change = built.pending_change;
        i = built.next;
        let mut q = built.quantity;
        if names_a_thing(&s, core_first, &q) {
            continue;
        }
        q.span = Span::new(q.span.start() + offset, q.span.end() + offset);
        q.counted = q.counted.map(|c| Span::new(c.start() + offset, c.end() + offset));
        out.push(q);
    }
    out
}

/// "%", "percent", "pct" or "per cent" at token `k`.
fn is_percent_after(s: &View, k: usize) -> bool {
    s.punct(k, &['%']) || s.is(k, "percent") || s.is(k, "pct") || (s.is(k, "per") && s.is(k + 1, "cent"))
}

/// A number that is part of a name rather than an amount: a bare number (no unit, nothing
/// counted) right after a capitalised word inside the sentence ("Internet Explorer 6", "HTML 5",
/// "Studio 54"), or after "#" ("the #2 browser"). Month and weekday names are dates' business.
fn names_a_thing(s: &View, first: usize, q: &Quantity) -> bool {
    if first > 0 && s.punct(first - 1, &['#']) {
        return true;
    }
    if q.unit.is_some() || q.counted.is_some() || first == 0 || q.value.is_none() {
        return false;
    }
    let prev = &s.toks[first - 1];
    let raw = s.raw(first - 1);
    prev.kind == Kind::Word
        && first >= 2
        && raw.chars().next().is_some_and(char::is_uppercase)
        && !crate::time::is_month_or_weekday(raw)
        && s.toks[first].kind == Kind::Num
}

/// A match score, "Sweden 1 – 0 Korea", "ended 0 – 0", "winning 2-1": two small whole numbers
/// joined by a dash, in a sentence about a match. One quantity with unit "score", the two sides
/// as its low and high (the text keeps which side is which); not a range and not two counts.
fn score_at(s: &View, i: usize) -> Option<(Quantity, usize)> {
    let small = |k: usize| {
        s.toks.get(k).filter(|t| t.kind == Kind::Num).and_then(|t| t.lower.parse::<u32>().ok()).filter(|v| *v <= 30)
    };
    let a = small(i)?;
    if !s.punct(i + 1, &['–', '-', '—']) {
        return None;
    }
    let b = small(i + 2)?;
    // Not "10-15 people": a lower-case word after a score is not what it counts.
    let counts_something =
        s.word(i + 3).is_some_and(|w| !is_score_neighbour(w)) && !s.raw(i + 3).starts_with(char::is_uppercase);
    if counts_something {
        return None;
    }
    let sporting = s.toks.iter().filter_map(|t| (t.kind == Kind::Word).then_some(t.lower.as_str())).any(is_match_word);
    if !sporting {
        return None;
    }
    let (lo, hi) = (a.min(b) as f64, a.max(b) as f64);
    let quantity = Quantity {
        span: Span::new(s.toks[i].start, s.toks[i + 2].end),
        value: None,
        low: Some(lo),
        high: Some(hi),
        approx: false,
        bound: Bound::Range,
        change: None,
        unit: Some("score".into()),
        counted: None,
    };
    Some((quantity, i + 3))
}

/// Words after a score that leave it a score ("1 – 0 up", "2 – 1 win").
fn is_score_neighbour(w: &str) -> bool {
    matches!(
        w,
        "up" | "down"
            | "win"
            | "victory"
            | "defeat"
            | "loss"
            | "lead"
            | "draw"
            | "on"
            | "in"
            | "at"
            | "and"
            | "with"
            | "after"
            | "against"
            | "to"
    )
}

/// Words that say a sentence is about a match.
fn is_match_word(w: &str) -> bool {
    matches!(
        w,
        "defeated"
            | "beat"
            | "beating"
            | "won"
            | "winning"
            | "lost"
            | "losing"
            | "drew"
            | "draw"
            | "ended"
            | "scored"
            | "score"
            | "scoreline"
            | "scoreboard"
            | "goal"
            | "goals"
            | "match"
            | "game"
            | "half"
            | "group"
            | "putting"
            | "victory"
            | "defeat"
            | "final"
            | "semi-final"
            | "win"
            | "lead"
    )
}

// ---------------------------------------------------------------------------------------
// A quantity built around its core

struct Built {
    quantity: Quantity,
    next: usize,
    pending_change: Option<(usize, Change)>,
}

fn build(s: &View, core: Core, carried: Option<Change>, is_blocked: &dyn Fn(usize, usize) -> bool) -> Built {
    let mut unit = core.unit.clone();
    let mut first = core.first;

    // Left: currency sign ("US$", "€"), a currency code, then up to two modifiers.
    if let Some(cur) = first.checked_sub(1).and_then(|p| currency_symbol(s.raw(p))) {
        unit = Some(cur.to_string());
        first -= 1;
        if first > 0 && s.glued(first - 1) {
            let code = currency_prefix(s.raw(first - 1));
            if let Some(code) = code {
                unit = Some(code.to_string());
                first -= 1;
            }
        }
    }
    if unit.is_none() && first > 0 && currency_code(s.raw(first - 1)).is_some() {
        unit = Some(s.raw(first - 1).to_string());
        first -= 1;
    }
    let mut approx = core.vague.is_some();
    let mut bound = Bound::Exact;
    let mut between = None;
    let mut from = None;
    for _ in 0..2 {
        let Some((start, m)) = modifier_before(s, first) else {
            break;
        };
        match m {
            Modifier::Approx => approx = true,
            Modifier::Lower | Modifier::LowerApprox if bound == Bound::Exact => {
                bound = Bound::Lower;
                approx |= m == Modifier::LowerApprox;
            }
            Modifier::Upper | Modifier::UpperApprox if bound == Bound::Exact => {
                bound = Bound::Upper;
                approx |= m == Modifier::UpperApprox;
            }
            Modifier::Between => between = Some(start),
            Modifier::From => from = Some(start),
            _ => break,
        }
        first = start;
        if matches!(m, Modifier::Between | Modifier::From) {
            break;
        }
    }
    // "up from 4.8%", "rose from 5%": the number after "from" is the old value, not the
    // change; a following "to 8%" gets the change instead (see below).
    let verb_change = change_before(s, from.unwrap_or(first));
    let change = carried.or(if from.is_some() { None } else { verb_change });

    // Right: range end, percent, currency word, unit, counted noun.
    let mut last = core.last;
    let mut value = core.value;
    let (mut low, mut high) = core.vague.unwrap_or((None, None));
    let mut pending_change = None;
    // "5% to 8%": the first number may carry its own percent sign.
    let first_pct = s.punct(last + 1, &['%']);
    let range_sep = last + 1 + usize::from(first_pct);
    let is_sep = if between.is_some() {
        s.is(range_sep, "and")
    } else {
        s.is(range_sep, "to") || s.punct(range_sep, &['-', '–', '—'])
    };
    let mut ranged = false;
    if is_sep && core.vague.is_none() {
        if from.is_some() && verb_change.is_some() {
            // "rose from 5% to 8%": two values, the second carries the change.
            pending_change = verb_change.map(|c| (range_sep + 1, c));
        } else if let Some((hi, hi_last, hi_unit)) = range_end(s, range_sep + 1, is_blocked)
            // "rose 4% to 210 pence", "rose 6.2% to $1.45 billion": a change and the new value,
            // not a range; "5% to 8%" is one.
            .filter(|(_, hi_last, hi_unit)| !first_pct || (hi_unit.is_none() && is_percent_after(s, hi_last + 1)))
        {
            let mut lo = core.value.unwrap_or(0.0);
            // "5 to 10 million": the scale of the second number applies to the first.
            if core.scale == 1.0 && hi.scale > 1.0 && lo * hi.scale <= hi.value.unwrap_or(0.0) {
                lo *= hi.scale;
            }
            if let Some(h) = hi.value.filter(|h| lo < *h) {
                ranged = true;
                bound = Bound::Range;
                value = None;
                low = Some(lo);
                high = Some(h);
                last = hi_last;
                if first_pct {
                    unit = Some("%".into());
                }
                if unit.is_none() {
                    unit = hi_unit.or(hi.unit);
                }
            }
        }
    }
    if !ranged {
        if let Some(b) = between {
            // "between" without "and": not ours after all.
            if first == b {
                first = b + 1;
            }
        }
        if let Some(f) = from {
            if first == f {
                first = f + 1;
            }
        }
    }
    if !ranged && core.vague.is_none() {
        match bound {
            Bound::Lower => low = value,
            Bound::Upper => high = value,
            _ => {}
        }
    }

    // Percent.
    let mut k = last + 1;
    if s.punct(k, &['%']) || s.is(k, "percent") || s.is(k, "pct") {
        unit = Some("%".into());
        last = k;
    } else if s.is(k, "per") && s.is(k + 1, "cent") {
        unit = Some("%".into());
        last = k + 1;
    } else if s.is(k, "percentage") && (s.is(k + 1, "points") || s.is(k + 1, "point")) {
        unit = Some("pp".into());
        last = k + 1;
    }
    k = last + 1;
    // Currency words: "5 million dollars", "millions of dollars", "10 US dollars".
    if unit.is_none() {
        let of = usize::from(s.is(k, "of") && core.vague.is_some());
        let us = usize::from(s.is(k + of, "us") && s.is(k + of + 1, "dollars"));
        if let Some(cur) = s.word(k + of + us).and_then(currency_word) {
            unit = Some(cur.to_string());
            last = k + of + us;
        } else if s.is(k, "pounds") && s.is(k + 1, "sterling") {
            unit = Some("GBP".into());
            last = k + 1;
        } else if currency_code(s.raw(k)).is_some() {
            unit = Some(s.raw(k).to_string());
            last = k;
        }
    }
    k = last + 1;
    // Units of measure: "10 km", "5 square kilometres", "48 hours".
    if unit.is_none() {
        if s.is(k, "square") {
            if let Some(u) = s.word(k + 1).and_then(unit_of) {
                unit = Some(format!("{u}2"));
                last = k + 1;
            }
        } else if let Some(u) = s.word(k).and_then(unit_of) {
            unit = Some(u.to_string());
            last = k;
        } else if s.punct(k, &['-']) && s.glued(last) && s.glued(k) {
            // "a 48-hour truce", "a 10-km convoy".
            if let Some(u) = s.word(k + 1).and_then(unit_of) {
                unit = Some(u.to_string());
                last = k + 1;
            }
        }
    }
    // What is counted: not for money, percentages of nothing, or measures.
    let mut counted = None;
    let counts_things = match unit.as_deref() {
        None => true,
        Some("%") | Some("pp") => s.is(last + 1, "of"),
        Some(_) => false,
    };
    let mut span_end_tok = last;
    let mut next = last + 1;
    if counts_things {
        let mut pos = last + 1;
        // "a 10-member delegation": the glued word after a hyphen starts the noun phrase.
        if s.punct(pos, &['-']) && s.glued(last) && s.glued(pos) {
            pos += 1;
        }
        if let Some((a, b)) = counted_after(s, pos) {
            counted = Some(Span::new(s.toks[a].start, s.toks[b].end));
            if core.number_of {
                span_end_tok = b;
                next = b + 1;
            }
        }
    }

    let quantity = Quantity {
        span: Span::new(s.toks[first].start, s.toks[span_end_tok].end),
        value,
        low,
        high,
        approx,
        bound,
        change,
        unit,
        counted,
    };
    Built { quantity, next, pending_change }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Vec<Quantity> {
        in_sentence(text, 0, &crate::test_tokens(text))
    }

    fn only(text: &str) -> Quantity {
        let mut found = q(text);
        assert_eq!(found.len(), 1, "{text:?} → {found:#?}");
        found.remove(0)
    }

    fn span(text: &str, sp: Span) -> &str {
        &text[sp.start()..sp.end()]
    }

    fn counted(text: &str, quantity: &Quantity) -> Option<String> {
        quantity.counted.map(|c| span(text, c).to_string())
    }

    #[test]
    fn seed_around_ten_thousand_troops() {
        let t = "North Korea has deployed around 10,000 troops, with several thousand already moving toward Russia's Kursk region.";
        let found = q(t);
        assert_eq!(found.len(), 2, "{found:#?}");
        let a = &found[0];
        assert_eq!(span(t, a.span), "around 10,000");
        assert_eq!(a.value, Some(10_000.0));
        assert!(a.approx);
        assert_eq!(a.bound, Bound::Exact);
        assert_eq!(counted(t, a).as_deref(), Some("troops"));
        let b = &found[1];
        assert_eq!(span(t, b.span), "several thousand");
        assert_eq!((b.value, b.low, b.high), (None, Some(2000.0), Some(9999.0)));
        assert!(b.approx);
        assert_eq!(b.counted, None);
    }

    #[test]
    fn seed_over_twelve_thousand() {
        let t = "with estimates suggesting over 12,000 could arrive by year's end.";
        let a = only(t);
        assert_eq!(span(t, a.span), "over 12,000");
        assert_eq!(a.bound, Bound::Lower);
        assert_eq!((a.value, a.low, a.high), (Some(12_000.0), Some(12_000.0), None));
        assert_eq!(a.counted, None);
    }

    #[test]
    fn seed_small_number_of_troops() {
        let t = "a small number of these troops are already in the region";
        let a = only(t);
        assert_eq!(span(t, a.span), "a small number of these troops");
        assert_eq!(a.value, None);
        assert!(a.approx);
        assert_eq!(counted(t, &a).as_deref(), Some("troops"));
    }

    #[test]
    fn seed_thousands_of_soldiers() {
        let t = "reporting on the thousands of North Korean soldiers moving into Ukraine";
        let a = only(t);
        assert_eq!(span(t, a.span), "thousands");
        assert_eq!((a.low, a.high), (Some(2000.0), Some(9999.0)));
        assert_eq!(counted(t, &a).as_deref(), Some("North Korean soldiers"));
    }

    #[test]
    fn news_conventions() {
        // A change and the new value, not a range; "5% to 8%" still is one.
        let t = "Shares rose 4% to 210 pence.";
        let found = q(t);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!((found[0].value, found[0].change), (Some(4.0), Some(Change::Up)));
        assert_eq!((found[1].value, found[1].bound), (Some(210.0), Bound::Exact));
        let a = only("Rates went from 5% to 8% last year.");
        assert_eq!((a.low, a.high, a.unit.as_deref()), (Some(5.0), Some(8.0), Some("%")));
        // "one of the …" is one of a group.
        assert_eq!(only("It is one of the nations covered.").value, Some(1.0));
        // Numbers in names.
        for t in [
            "Microsoft waits for the death of Internet Explorer 6",
            "the newest markup language HTML 5 came",
            "the #2 browser",
        ] {
            assert!(q(t).is_empty(), "{t}: {:?}", q(t));
        }
        assert!(q("Yesterday, day five of the World Cup began.").is_empty());
        assert_eq!(only("In Ukraine 300 people died.").value, Some(300.0));
    }

    #[test]
    fn match_scores() {
        let t = "Sweden defeated South Korea 1 – 0; Tunisia lost 1-2 to England.";
        let found = q(t);
        assert_eq!(found.iter().map(|f| span(t, f.span)).collect::<Vec<_>>(), ["1 – 0", "1-2"]);
        assert!(found.iter().all(|f| f.unit.as_deref() == Some("score") && f.value.is_none()), "{found:#?}");
        assert_eq!((found[1].low, found[1].high), (Some(1.0), Some(2.0)));
        // Without a match in the sentence, or counting something, a dash is a range.
        assert_eq!(only("It took 10-15 people.").unit, None);
        assert_eq!(only("The game drew 10-15 people.").bound, Bound::Range);
    }

    #[test]
    fn seed_date_is_not_a_quantity() {
        assert!(q("troops will fight for Russia starting on November 1.").is_empty());
        assert!(q("In 2023, the war went on.").is_empty());
        assert!(q("at 3 p.m. on Monday").is_empty());
    }

    #[test]
    fn number_words_and_scales() {
        let t = "ten thousand soldiers";
        let a = only(t);
        assert_eq!(a.value, Some(10_000.0));
        assert_eq!(counted(t, &a).as_deref(), Some("soldiers"));
        assert_eq!(only("a dozen drones").value, Some(12.0));
        assert_eq!(only("two tanks").value, Some(2.0));
        assert_eq!(only("1.5 million people").value, Some(1_500_000.0));
        assert_eq!(only("twenty-five people").value, Some(25.0));
    }

    #[test]
    fn money() {
        let t = "a package worth $3 billion";
        let a = only(t);
        assert_eq!(span(t, a.span), "$3 billion");
        assert_eq!(a.value, Some(3e9));
        assert_eq!(a.unit.as_deref(), Some("USD"));
        assert_eq!(only("€5bn in aid").unit.as_deref(), Some("EUR"));
        assert_eq!(only("€5bn in aid").value, Some(5e9));
        assert_eq!(only("£20m").unit.as_deref(), Some("GBP"));
        let b = only("5 million dollars");
        assert_eq!((b.value, b.unit.as_deref()), (Some(5e6), Some("USD")));
        assert_eq!(only("100 USD").unit.as_deref(), Some("USD"));
        assert_eq!(only("US$40").unit.as_deref(), Some("USD"));
        let c = only("millions of dollars");
        assert_eq!((c.value, c.unit.as_deref()), (None, Some("USD")));
    }

    #[test]
    fn percentages() {
        let t = "support rose by 12% in a month";
        let a = only(t);
        assert_eq!(span(t, a.span), "12%");
        assert_eq!(a.unit.as_deref(), Some("%"));
        assert_eq!(a.change, Some(Change::Up));
        let b = only("fell to 12 percent");
        assert_eq!((b.value, b.unit.as_deref(), b.change), (Some(12.0), Some("%"), Some(Change::Down)));
        let c = only("5% of voters");
        assert_eq!(c.unit.as_deref(), Some("%"));
        assert!(c.counted.is_some());
    }

    #[test]
    fn bounds() {
        let a = only("more than 500 civilians");
        assert_eq!((a.bound, a.low), (Bound::Lower, Some(500.0)));
        let b = only("at least 20 people");
        assert_eq!(b.bound, Bound::Lower);
        let c = only("up to 300 km");
        assert_eq!((c.bound, c.high, c.unit.as_deref()), (Bound::Upper, Some(300.0), Some("km")));
        let d = only("less than 5 kg");
        assert_eq!(d.bound, Bound::Upper);
        let e = only("no more than 5 kg");
        assert_eq!(e.bound, Bound::Upper);
    }

    #[test]
    fn ranges() {
        let t = "between 5 and 10 drones";
        let a = only(t);
        assert_eq!(span(t, a.span), "between 5 and 10");
        assert_eq!((a.bound, a.low, a.high, a.value), (Bound::Range, Some(5.0), Some(10.0), None));
        let b = only("10-15 soldiers");
        assert_eq!((b.bound, b.low, b.high), (Bound::Range, Some(10.0), Some(15.0)));
        let c = only("5 to 10 million people");
        assert_eq!((c.low, c.high), (Some(5e6), Some(10e6)));
        let d = only("$5-$10 billion");
        assert_eq!((d.low, d.high, d.unit.as_deref()), (Some(5e9), Some(10e9), Some("USD")));
    }

    #[test]
    fn change_from_to() {
        let found = q("unemployment rose from 5% to 8%");
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].change, None);
        assert_eq!(found[1].change, Some(Change::Up));
        assert_eq!(found[1].value, Some(8.0));
        let found = q("Prices rose 5.2% in September, up from 4.8% in August.");
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].change, Some(Change::Up));
        assert_eq!(found[1].change, None);
    }

    #[test]
    fn approximations() {
        for t in [
            "about 40 drones",
            "roughly 40 drones",
            "nearly 40 drones",
            "some 40 drones",
            "approximately 40 drones",
            "almost 40 drones",
        ] {
            let a = only(t);
            assert!(a.approx, "{t}");
            assert_eq!(a.value, Some(40.0));
        }
    }

    #[test]
    fn vague_amounts() {
        let a = only("dozens of people");
        assert_eq!((a.low, a.high), (Some(24.0), Some(99.0)));
        let b = only("hundreds of civilians");
        assert_eq!((b.low, b.high), (Some(200.0), Some(999.0)));
        let c = only("tens of thousands of refugees");
        assert_eq!((c.low, c.high), (Some(20_000.0), Some(99_999.0)));
        let d = only("a few soldiers");
        assert!(d.approx && d.value.is_none());
        let e = only("several officials");
        assert_eq!((e.low, e.high), (Some(2.0), Some(9.0)));
    }

    #[test]
    fn fractions() {
        assert_eq!(only("two-thirds of the troops").value, Some(2.0 / 3.0));
        assert_eq!(only("a third of the troops").value, Some(1.0 / 3.0));
        assert_eq!(only("half a million people").value, Some(500_000.0));
        assert!(q("a third country").is_empty());
        assert_eq!(only("about half of the troops").value, Some(0.5));
        let t = only("the population fell by a third");
        assert_eq!((t.value, t.change), (Some(1.0 / 3.0), Some(Change::Down)));
    }

    #[test]
    fn not_quantities() {
        // "one of the soldiers" is one of a group: a count (news quantity sets write it so).
        assert_eq!(only("one of the soldiers").value, Some(1.0));
        assert!(q("no one knows").is_empty());
        assert!(q("F-16 jets and COVID-19").is_empty());
        assert!(q("under Article 5 of the treaty").is_empty());
        assert!(q("the 1st battalion").is_empty());
        assert!(q("the 1990s").is_empty());
        assert!(q("open 24/7").is_empty());
        assert_eq!(only("one soldier").value, Some(1.0));
        assert_eq!(only("Only one soldier returned").value, Some(1.0));
    }

    #[test]
    fn counted_stops_at_verbs_and_prepositions() {
        let t = "5,000 military personnel, including pilots";
        assert_eq!(counted(t, &only(t)).as_deref(), Some("military personnel"));
        let t = "10,000 troops deployed to Russia";
        assert_eq!(counted(t, &only(t)).as_deref(), Some("troops"));
        let t = "300 long-range missiles";
        assert_eq!(counted(t, &only(t)).as_deref(), Some("long-range missiles"));
    }

    #[test]
    fn durations_keep_their_number() {
        let a = only("a 48-hour truce");
        assert_eq!((a.value, a.unit.as_deref()), (Some(48.0), Some("hour")));
        let b = only("for three years");
        assert_eq!(b.unit.as_deref(), Some("year"));
        assert!(q("three years ago").is_empty());
    }
}
