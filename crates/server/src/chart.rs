//! Inline SVG charts: an entity's mentions and statements over time, and numbers over time.
//! Every label and tooltip is escaped text; the SVG scales with the page (viewBox, width 100%).

use std::fmt::Write;

use chrono::Datelike;
use dossier_store::{QuantityPoint, StatementRow, TimelinePoint};

use crate::html::{enc, esc};

const W: f64 = 720.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 700.0;

/// Days since the common era for an ISO date; `None` for undated or unreadable dates.
fn day(published: Option<&str>) -> Option<i64> {
    published.and_then(dossier_core::parse_published).map(|d| i64::from(d.num_days_from_ce()))
}

/// Maps days onto the x axis, with a little room when all points share one day.
struct XAxis {
    min: i64,
    max: i64,
}

impl XAxis {
    fn new(days: impl Iterator<Item = i64>) -> Option<XAxis> {
        let (mut min, mut max) = (i64::MAX, i64::MIN);
        for d in days {
            min = min.min(d);
            max = max.max(d);
        }
        if min > max {
            return None;
        }
        if min == max {
            min -= 3;
            max += 3;
        }
        Some(XAxis { min, max })
    }

    fn x(&self, d: i64) -> f64 {
        LEFT + (RIGHT - LEFT) * (d - self.min) as f64 / (self.max - self.min) as f64
    }

    fn label(d: i64) -> String {
        i32::try_from(d)
            .ok()
            .and_then(chrono::NaiveDate::from_num_days_from_ce_opt)
            .map(|d| d.to_string())
            .unwrap_or_default()
    }

    fn ticks(&self, out: &mut String, y: f64) {
        let _ = write!(
            out,
            "<text class=\"tick\" x=\"{LEFT}\" y=\"{y}\" text-anchor=\"start\">{}</text><text class=\"tick\" x=\"{RIGHT}\" y=\"{y}\" text-anchor=\"end\">{}</text>",
            XAxis::label(self.min),
            XAxis::label(self.max)
        );
    }
}

fn clip(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn undated_note(n: usize, what: &str) -> String {
    if n == 0 {
        String::new()
    } else {
        format!("<p class=\"note\">{n} undated {what} not drawn.</p>\n")
    }
}

/// Bars: mentions per document; dots above: the entity's statements, coloured by stance.
pub fn entity_timeline(points: &[TimelinePoint], statements: &[StatementRow]) -> String {
    let Some(axis) = XAxis::new(
        points
            .iter()
            .filter_map(|p| day(p.published.as_deref()))
            .chain(statements.iter().filter_map(|s| day(s.published.as_deref()))),
    ) else {
        return "<p class=\"note\">No dated documents to draw.</p>\n".into();
    };
    let h = 250.0;
    let (bar_base, bar_top): (f64, f64) = (215.0, 140.0);
    let mut svg = format!(
        "<figure class=\"chart\"><svg class=\"timeline\" viewBox=\"0 0 {W} {h}\" width=\"100%\" role=\"group\" aria-label=\"Mentions and statements over time\">\n\
         <text class=\"lane\" x=\"4\" y=\"70\">said</text><text class=\"lane\" x=\"4\" y=\"180\">mentions</text>\n\
         <line class=\"axis\" x1=\"{LEFT}\" y1=\"{bar_base}\" x2=\"{RIGHT}\" y2=\"{bar_base}\"/>\n"
    );
    let max_mentions = points.iter().map(|p| p.mentions).max().unwrap_or(1).max(1) as f64;
    for p in points {
        let Some(d) = day(p.published.as_deref()) else { continue };
        let x = axis.x(d);
        let bh = (bar_top - bar_base).abs() * p.mentions as f64 / max_mentions;
        let _ = writeln!(
            svg,
            "<a href=\"/documents/{}\"><rect class=\"bar\" x=\"{:.1}\" y=\"{:.1}\" width=\"6\" height=\"{bh:.1}\"><title>{} — {} mentions, {} statements</title></rect></a>",
            enc(&p.doc_id),
            x - 3.0,
            bar_base - bh,
            esc(&format!("{} {}", p.published.as_deref().unwrap_or(""), p.title.as_deref().unwrap_or(&p.doc_id))),
            p.mentions,
            p.statements
        );
    }
    // Statements on one day stack upwards.
    let mut stacked: Vec<(i64, u32)> = Vec::new();
    for s in statements {
        let Some(d) = day(s.published.as_deref()) else { continue };
        let level = match stacked.iter_mut().find(|x| x.0 == d) {
            Some(x) => {
                x.1 += 1;
                x.1
            }
            None => {
                stacked.push((d, 0));
                0
            }
        };
        let y = 115.0 - f64::from(level.min(9)) * 10.0;
        let _ = writeln!(
            svg,
            "<a href=\"/documents/{}#text\"><circle class=\"dot stance-{}\" cx=\"{:.1}\" cy=\"{y:.1}\" r=\"5\"><title>{}</title></circle></a>",
            enc(&s.doc_id),
            esc(&s.stance),
            axis.x(d),
            esc(&format!("{} · {} {}: {}", s.published.as_deref().unwrap_or(""), s.cue, s.stance, clip(&s.content, 160)))
        );
    }
    axis.ticks(&mut svg, 238.0);
    svg.push_str("</svg>");
    let _ = writeln!(svg, "<figcaption>Bars: mentions per article (tallest = {max_mentions}). Dots: statements, coloured by stance.</figcaption></figure>");
    let undated = points.iter().filter(|p| day(p.published.as_deref()).is_none()).count();
    svg.push_str(&undated_note(undated, "documents"));
    svg
}

/// Numbers over time: one dot per number (its value, or the low end of a range), a line for
/// ranges.
pub fn numbers(rows: &[QuantityPoint]) -> String {
    let value = |q: &QuantityPoint| q.value.or(q.low).or(q.high).filter(|v| v.is_finite());
    let drawable: Vec<(i64, f64, &QuantityPoint)> =
        rows.iter().filter_map(|q| Some((day(q.published.as_deref())?, value(q)?, q))).collect();
    let Some(axis) = XAxis::new(drawable.iter().map(|x| x.0)) else {
        return "<p class=\"note\">No dated numbers to draw.</p>\n".into();
    };
    let max = drawable.iter().map(|x| x.1.max(x.2.high.unwrap_or(0.0))).fold(0.0_f64, f64::max);
    let top = if max > 0.0 { max * 1.1 } else { 1.0 };
    let (base, ceil) = (200.0, 20.0);
    let y = |v: f64| base - (base - ceil) * (v.max(0.0) / top);
    let mut svg = format!(
        "<figure class=\"chart\"><svg class=\"numbers\" viewBox=\"0 0 {W} 235\" width=\"100%\" role=\"group\" aria-label=\"Numbers over time\">\n\
         <line class=\"axis\" x1=\"{LEFT}\" y1=\"{base}\" x2=\"{RIGHT}\" y2=\"{base}\"/><line class=\"axis\" x1=\"{LEFT}\" y1=\"{ceil}\" x2=\"{LEFT}\" y2=\"{base}\"/>\n\
         <text class=\"tick\" x=\"{}\" y=\"{base}\" text-anchor=\"end\">0</text><text class=\"tick\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\n",
        LEFT - 4.0,
        LEFT - 4.0,
        y(max) + 4.0,
        short(max)
    );
    for (d, v, q) in &drawable {
        let x = axis.x(*d);
        if let (Some(lo), Some(hi)) = (q.low, q.high) {
            let _ = writeln!(
                svg,
                "<line class=\"range\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\"/>",
                y(lo),
                y(hi)
            );
        }
        let _ = writeln!(
            svg,
            "<a href=\"/documents/{}\"><circle class=\"dot num-dot\" cx=\"{x:.1}\" cy=\"{:.1}\" r=\"5\"><title>{}</title></circle></a>",
            enc(&q.doc_id),
            y(*v),
            esc(&format!(
                "{} · \"{}\" {} — {}",
                q.published.as_deref().unwrap_or(""),
                q.text,
                q.counted.as_deref().unwrap_or(""),
                q.title.as_deref().unwrap_or(&q.doc_id)
            ))
        );
    }
    axis.ticks(&mut svg, 225.0);
    svg.push_str("</svg><figcaption>Each dot is a number as an article reported it; hover for the words.</figcaption></figure>\n");
    svg.push_str(&undated_note(rows.len() - drawable.len(), "or valueless numbers"));
    svg
}

/// A short axis label: 12000 → 12k.
fn short(v: f64) -> String {
    if v >= 1e9 {
        format!("{:.1}G", v / 1e9)
    } else if v >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if v >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else {
        format!("{v:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stmt(date: &str, content: &str) -> StatementRow {
        StatementRow {
            doc_id: "sha256:x".into(),
            title: Some("<b>t</b>".into()),
            source: None,
            outlet: None,
            published: Some(date.into()),
            speaker: Some("A".into()),
            speaker_entity: None,
            source_type: None,
            cue: "said".into(),
            content: content.into(),
            quote: "direct".into(),
            stance: "deny".into(),
            hedged: false,
            start: 0,
            end: 1,
            claim: None,
        }
    }

    #[test]
    fn timeline_escapes_text_and_places_dots() {
        let svg = entity_timeline(&[], &[stmt("2024-11-01", "<script>x</script>"), stmt("2024-11-03", "b")]);
        assert!(svg.contains("&lt;script&gt;"));
        assert!(!svg.contains("<script>"));
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("2024-11-01") && svg.contains("2024-11-03"));
    }

    #[test]
    fn nothing_dated_draws_nothing() {
        assert!(entity_timeline(&[], &[]).contains("No dated"));
        assert!(numbers(&[]).contains("No dated"));
        assert_eq!(short(12_000.0), "12k");
    }
}
