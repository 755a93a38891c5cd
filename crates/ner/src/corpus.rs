//! Reading annotated corpora: IOB2 files in the Universal NER layout, CoNLL-2003 files (IOB1 or
//! IOB2), and GUM CoNLL-U with nested entity annotations (`Entity=` in MISC), turned into flat
//! named-entity BIO tags.

use crate::gazetteer::Gazetteer;
use crate::tags::{EntitySpan, Kind, Sentence, Tag};
use crate::{Error, Result};

/// A tokenised sentence with its gold entities (PER/ORG/LOC/GRP; other types dropped).
#[derive(Debug, Clone, PartialEq)]
pub struct GoldSentence {
    /// The tokens.
    pub tokens: Vec<String>,
    /// Gold entities over the tokens.
    pub spans: Vec<EntitySpan>,
    /// Token ranges `start..end` of entities of a type outside PER/ORG/LOC/GRP (MISC, OTH,
    /// product, …). In a corpus whose types cut across Dossier's (CoNLL's MISC holds the
    /// nationalities that are Dossier's groups, UNER's OTH too), their tokens say nothing about
    /// Dossier's labels: training leaves them out (no update), scoring ignores them.
    pub other: Vec<(usize, usize)>,
}

impl GoldSentence {
    /// A gold sentence with no entities of other types.
    pub fn new(tokens: Vec<String>, spans: Vec<EntitySpan>) -> GoldSentence {
        GoldSentence { tokens, spans, other: Vec::new() }
    }
}

/// What an entity label of a corpus means for Dossier.
enum LabelKind {
    Kind(Kind),
    /// A typed entity of a kind Dossier does not tag.
    Other,
}

/// Entity types of the corpora Dossier trains on, mapped to its kinds: CoNLL/UNER (PER, ORG,
/// LOC, MISC, OTH), CrossNER (person, politician, organisation, politicalparty, country,
/// location; election, event, misc are names of other things), WNUT-17 (person, location,
/// corporation, group; product, creative-work) and the Broad Twitter Corpus (PER, ORG, LOC).
/// CrossNER's elections and events are "other": GUM's rules also keep the names inside another
/// named thing ("2008 Beijing Olympics") out.
fn label_kind(ty: &str) -> LabelKind {
    if let Some(k) = Kind::parse(ty) {
        return LabelKind::Kind(k);
    }
    match ty.to_ascii_lowercase().as_str() {
        "person" | "politician" | "scientist" | "writer" | "musicalartist" => LabelKind::Kind(Kind::Per),
        "organisation" | "organization" | "politicalparty" | "corporation" | "group" | "university" | "band" => {
            LabelKind::Kind(Kind::Org)
        }
        "country" | "location" => LabelKind::Kind(Kind::Loc),
        _ => LabelKind::Other,
    }
}

/// Spans over IOB labels (`B-X`, `I-X`, `O`), as `shared/tools/score_ner.py` reads them: an `I-X`
/// that does not continue an `X` entity opens a new one. Types are mapped by [`label_kind`];
/// the spans of other types come second.
fn spans_from_labels(labels: &[&str]) -> (Vec<EntitySpan>, Vec<(usize, usize)>) {
    let mut out = Vec::new();
    let mut other = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, t) in labels.iter().chain(std::iter::once(&"O")).enumerate() {
        let (b, ty) = t.split_once('-').unwrap_or((t, ""));
        let begin = b == "B" || (b == "I" && open.is_none_or(|(_, o)| o != ty));
        if let Some((s, oty)) = open {
            if b == "O" || begin || (b != "B" && b != "I") {
                match label_kind(oty) {
                    LabelKind::Kind(kind) => out.push(EntitySpan { start: s, end: i, kind }),
                    LabelKind::Other => other.push((s, i)),
                }
                open = None;
            }
        }
        if (b == "B" || b == "I") && begin {
            open = Some((i, ty));
        }
    }
    (out, other)
}

fn gold(tokens: Vec<String>, labels: &[&str]) -> GoldSentence {
    let (spans, other) = spans_from_labels(labels);
    GoldSentence { tokens, spans, other }
}

/// Reads a Universal NER `.iob2` file: tab-separated `index token tag …` lines, `#` comments,
/// sentences separated by blank lines.
pub fn read_iob(text: &str) -> Result<Vec<GoldSentence>> {
    let mut out = Vec::new();
    let (mut toks, mut labels): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let flush = |toks: &mut Vec<String>, labels: &mut Vec<String>, out: &mut Vec<GoldSentence>| {
        if !toks.is_empty() {
            let l: Vec<&str> = labels.iter().map(String::as_str).collect();
            out.push(gold(std::mem::take(toks), &l));
            labels.clear();
        }
    };
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut toks, &mut labels, &mut out);
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return Err(Error::Format(format!("line {}: expected `index<TAB>token<TAB>tag`", n + 1)));
        }
        toks.push(cols[1].to_string());
        labels.push(cols[2].trim().to_string());
    }
    flush(&mut toks, &mut labels, &mut out);
    Ok(out)
}

/// Reads a CoNLL-2003 file: white-space separated columns, the token first and the tag last,
/// `-DOCSTART-` lines and blank lines between sentences. IOB1 and IOB2 both read correctly.
pub fn read_conll(text: &str) -> Result<Vec<GoldSentence>> {
    let mut out = Vec::new();
    let (mut toks, mut labels): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for line in text.lines().chain(std::iter::once("")) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() || cols[0] == "-DOCSTART-" {
            if !toks.is_empty() {
                let l: Vec<&str> = labels.iter().map(String::as_str).collect();
                out.push(gold(std::mem::take(&mut toks), &l));
                labels.clear();
            }
            continue;
        }
        toks.push(cols[0].to_string());
        labels.push(cols[cols.len() - 1].to_string());
    }
    Ok(out)
}

/// Tagged sentences from gold spans (BIO).
pub fn sentences_from_spans(gold: &[GoldSentence]) -> Vec<Sentence> {
    gold.iter()
        .map(|g| {
            let mut tags = vec![Tag::O; g.tokens.len()];
            for s in &g.spans {
                for (j, t) in tags.iter_mut().enumerate().take(s.end).skip(s.start) {
                    *t = if j == s.start { Tag::B(s.kind) } else { Tag::I(s.kind) };
                }
            }
            let mut s = Sentence::new(g.tokens.clone(), tags);
            for &(a, b) in &g.other {
                for u in s.unlabelled.iter_mut().take(b).skip(a) {
                    *u = true;
                }
            }
            s
        })
        .collect()
}

struct Row<'a> {
    form: &'a str,
    upos: &'a str,
    xpos: &'a str,
    head: usize,
    entity: &'a str,
}

struct Mention {
    start: usize,
    end: usize, // inclusive
    etype: String,
    identity: bool,
}

/// Words that may sit inside a name between capitalised words ("Bank of England", "Powell 's
/// Books", "Osama bin Laden"), but never at its edges. Not "in" or "at": "City Hall in New
/// York" is two names.
const CONNECTORS: &[&str] = &[
    "of", "the", "and", "&", "de", "du", "des", "la", "le", "von", "van", "der", "den", "for", "on", "'s", "’s", "-",
    "da", "di", "del", "al", "bin", "el", "y", "upon",
];

/// Reads one GUM CoNLL-U document and returns its sentences with flat BIO tags of the *named*
/// person, organisation and place mentions (see `resources/models/MODEL_CARD.md`):
/// - a mention is named when its syntactic head (the token whose head lies outside the mention)
///   is PROPN, or when it carries a Wikipedia identity and its head is capitalised and not a
///   pronoun, determiner or number;
/// - its span is cut down to the run of name-like tokens around the head (capitalised or PROPN
///   tokens, with connectors such as "of", "the", "'s" only inside), so "the United States"
///   gives "United States" and "Paris , France" gives "Paris" (France is its own mention);
///   leading titles of persons ("President", "Dr.") are dropped;
/// - nested mentions: the outermost named mention wins, unless it holds two or more named
///   mentions (a coordination such as "Jake Sullivan and Andriy Yermak": the parts are the
///   names); named mentions of other GUM types
///   (event, object, abstract, …) block the names inside them ("2008 Beijing Olympics");
/// - types: person → PER, except plural proper-noun heads (NNPS: "Americans", "Muslims") →
///   GRP; organization → ORG; place → LOC.
pub fn read_gum_conllu(text: &str, gazetteer: &Gazetteer) -> Result<Vec<Sentence>> {
    let mut out = Vec::new();
    let mut rows: Vec<Row<'_>> = Vec::new();
    for (n, line) in text.lines().chain(std::iter::once("")).enumerate() {
        if line.trim().is_empty() {
            if !rows.is_empty() {
                out.push(gum_sentence(&rows, gazetteer)?);
                rows.clear();
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 10 {
            return Err(Error::Format(format!("line {}: expected 10 CoNLL-U columns", n + 1)));
        }
        if c[0].contains('-') || c[0].contains('.') {
            continue;
        }
        let entity = c[9].split('|').find_map(|m| m.strip_prefix("Entity=")).unwrap_or("");
        rows.push(Row { form: c[1], upos: c[3], xpos: c[4], head: c[6].parse().unwrap_or(0), entity });
    }
    Ok(out)
}

fn parse_mentions(rows: &[Row<'_>]) -> Result<Vec<Mention>> {
    let mut open: Vec<(String, usize, String, bool)> = Vec::new();
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let s = r.entity;
        let b = s.as_bytes();
        let mut j = 0;
        while j < b.len() {
            if b[j] == b'(' {
                let k = s[j + 1..].find(['(', ')']).map_or(s.len(), |x| x + j + 1);
                let fields: Vec<&str> = s[j + 1..k].split('-').collect();
                let id = fields.first().copied().unwrap_or("").to_string();
                let etype = fields.get(1).copied().unwrap_or("").to_string();
                let identity = fields.len() > 7 && !fields[7..].join("-").is_empty();
                if k < b.len() && b[k] == b')' {
                    out.push(Mention { start: i, end: i, etype, identity });
                    j = k + 1;
                } else {
                    open.push((id, i, etype, identity));
                    j = k;
                }
            } else if b[j].is_ascii_digit() {
                let k = s[j..].find(')').map_or(s.len(), |x| x + j);
                let id = &s[j..k];
                if let Some(p) = open.iter().rposition(|o| o.0 == id) {
                    let (_, start, etype, identity) = open.remove(p);
                    out.push(Mention { start, end: i, etype, identity });
                }
                j = k + 1;
            } else {
                j += 1;
            }
        }
    }
    Ok(out)
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn gum_sentence(rows: &[Row<'_>], gazetteer: &Gazetteer) -> Result<Sentence> {
    let mentions = parse_mentions(rows)?;
    // "I" is capitalised but never part of a name ("Bert and I").
    let name_like = |j: usize| (rows[j].upos == "PROPN" || capitalised(rows[j].form)) && rows[j].form != "I";
    let connector = |j: usize| CONNECTORS.contains(&rows[j].form.to_lowercase().as_str());
    // (outer length, core start, core end exclusive, kind or None for a blocker)
    let mut named: Vec<(usize, usize, usize, Option<Kind>)> = Vec::new();
    let mut outer: Vec<(usize, usize)> = Vec::new();
    for m in &mentions {
        let inside = |h: usize| h > m.start && h <= m.end + 1;
        let Some(head) = (m.start..=m.end).find(|&j| !inside(rows[j].head)) else {
            continue;
        };
        let h = &rows[head];
        let is_named =
            h.upos == "PROPN" || (m.identity && capitalised(h.form) && !matches!(h.upos, "PRON" | "DET" | "NUM"));
        if !is_named {
            continue;
        }
        let kind = match m.etype.as_str() {
            "person" if h.xpos == "NNPS" => Some(Kind::Grp),
            "person" => Some(Kind::Per),
            "organization" => Some(Kind::Org),
            "place" => Some(Kind::Loc),
            _ => None,
        };
        let (mut a, mut b) = (head, head);
        while a > m.start && (name_like(a - 1) || connector(a - 1)) {
            a -= 1;
        }
        // A person's name does not go on through "of" ("Kwong Chun-yu of the Democratic Party").
        while b < m.end
            && (name_like(b + 1) || connector(b + 1))
            && !(kind == Some(Kind::Per) && rows[b + 1].form == "of")
        {
            b += 1;
        }
        while a < head && !name_like(a) {
            a += 1;
        }
        while b > head && !name_like(b) {
            b -= 1;
        }
        if kind == Some(Kind::Per) {
            'titles: while a < b {
                for len in (1..=3.min(b - a)).rev() {
                    let words: Vec<&str> = rows[a..a + len].iter().map(|r| r.form).collect();
                    if gazetteer.is_title(&words) {
                        a += len;
                        continue 'titles;
                    }
                }
                break;
            }
            // "President of Ukraine": once the title is gone the head went with it; the mention
            // names a role, not a person (the place inside it is its own mention).
            if a > head {
                continue;
            }
        }
        named.push((m.end - m.start, a, b + 1, kind));
        outer.push((m.start, m.end));
    }
    // A named mention holding two or more other named mentions is a coordination or a list
    // ("Jake Sullivan and Andriy Yermak", "Paris , France"): its parts are the names.
    let parts =
        |&(s, e): &(usize, usize)| outer.iter().filter(|&&(s2, e2)| s <= s2 && e2 <= e && (s2, e2) != (s, e)).count();
    let keep: Vec<bool> = outer.iter().map(|m| parts(m) < 2).collect();
    let mut named: Vec<_> = named.into_iter().zip(keep).filter_map(|(n, k)| k.then_some(n)).collect();
    named.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    let mut taken = vec![false; rows.len()];
    let mut tags = vec![Tag::O; rows.len()];
    for (_, a, b, kind) in named {
        if taken[a..b].iter().any(|&t| t) {
            continue;
        }
        for t in &mut taken[a..b] {
            *t = true;
        }
        if let Some(k) = kind {
            tags[a] = Tag::B(k);
            for t in &mut tags[a + 1..b] {
                *t = Tag::I(k);
            }
        }
    }
    Ok(Sentence::new(rows.iter().map(|r| r.form.to_string()).collect(), tags))
}

const PRONOUNS: &[&str] = &["i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them"];

/// The kind of a span annotated by character offsets in running text (re3d and the like).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OffsetEntity {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    pub kind: Kind,
}

/// Tagged sentences from raw text annotated with byte-offset spans, under the same idea of a
/// *named* mention as GUM's reader, so the two corpora teach one convention:
/// - the text is split into tokens by [`crate::tokenize`] and into sentences after `.`, `!`
///   or `?` before a capitalised token, and at blank lines;
/// - a span is kept only when, after dropping a leading article and (for persons) everything
///   up to the last title word, every token is capitalised or a connector ("of", "the", "'s", …) and the edges are
///   capitalised: "the Kurdish YPG" → "Kurdish YPG", while "U.S. service members" or "mourners"
///   are not names and stay O;
/// - a group (GRP) is kept only in its plural noun form ("Syrians"); adjectival uses
///   ("Syrian forces") stay O, as in GUM; pronouns ("I", "He") are never names;
/// - overlapping spans: the longest kept span wins.
pub fn sentences_from_offsets(text: &str, entities: &[OffsetEntity], gazetteer: &Gazetteer) -> Vec<Sentence> {
    let toks = crate::tokenize(text);
    let words: Vec<&str> = toks.iter().map(|&(a, b)| &text[a..b]).collect();
    let connector = |w: &str| CONNECTORS.contains(&w.to_lowercase().as_str());
    let mut named: Vec<(usize, usize, Kind)> = Vec::new();
    for e in entities {
        let Some(mut a) = toks.iter().position(|&(_, b)| b > e.start) else {
            continue;
        };
        let mut b = toks.iter().rposition(|&(s, _)| s < e.end).map_or(a, |x| x + 1);
        if b <= a || toks[a].0 < e.start.saturating_sub(1) || toks[b - 1].1 > e.end + 1 {
            continue;
        }
        while a < b && matches!(words[a].to_lowercase().as_str(), "the" | "a" | "an") {
            a += 1;
        }
        // re3d puts roles inside person spans ("Foreign Secretary Philip Hammond", "Minister for
        // the Middle East"): a person's name starts after the last title word, and a span that
        // ends in a title word names a role, not a person or an organisation.
        if let Some(t) = (a..b).rev().find(|&j| gazetteer.is_title(&words[j..=j])) {
            if e.kind != Kind::Per || t + 1 == b {
                continue;
            }
            a = t + 1;
        }
        while b > a && !words[b - 1].chars().any(char::is_alphanumeric) {
            b -= 1;
        }
        if a >= b || !capitalised(words[a]) || !capitalised(words[b - 1]) {
            continue;
        }
        if !words[a..b].iter().all(|w| capitalised(w) || connector(w)) {
            continue;
        }
        if e.kind == Kind::Grp && !(b - a == 1 && words[a].ends_with('s')) {
            continue;
        }
        // re3d also marks pronouns ("I", a sentence-initial "He"): they are not names.
        if b - a == 1 && PRONOUNS.contains(&words[a].to_lowercase().as_str()) {
            continue;
        }
        named.push((a, b, e.kind));
    }
    named.sort_by(|x, y| (y.1 - y.0).cmp(&(x.1 - x.0)).then(x.0.cmp(&y.0)));
    let mut tags = vec![Tag::O; toks.len()];
    let mut taken = vec![false; toks.len()];
    for (a, b, k) in named {
        if taken[a..b].iter().any(|&t| t) {
            continue;
        }
        taken[a..b].iter_mut().for_each(|t| *t = true);
        tags[a] = Tag::B(k);
        tags[a + 1..b].iter_mut().for_each(|t| *t = Tag::I(k));
    }
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..toks.len() {
        let last = i + 1 == toks.len();
        let blank_line = !last && text[toks[i].1..toks[i + 1].0].matches('\n').count() >= 2;
        let full_stop = !last
            && matches!(words[i], "." | "!" | "?")
            && capitalised(words[i + 1])
            && !matches!(tags[i + 1], Tag::I(_));
        if last || blank_line || full_stop {
            let tokens = words[start..=i].iter().map(|w| (*w).to_string()).collect();
            out.push(Sentence::new(tokens, tags[start..=i].to_vec()));
            start = i + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uner_lines_read() {
        let t = "# text = x\n1\tin\tO\t-\t-\n2\ttampa\tB-LOC\t-\ts\n3\tbay\tI-LOC\t-\ts\n\n1\tHi\tB-MISC\t-\t-\n";
        let g = read_iob(t).unwrap();
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].spans, vec![EntitySpan { start: 1, end: 3, kind: Kind::Loc }]);
        assert!(g[1].spans.is_empty());
    }

    #[test]
    fn conll_iob1_reads() {
        let t = "-DOCSTART- -X- O O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP I-MISC\nPeter NNP I-NP I-PER\n";
        let g = read_conll(t).unwrap();
        assert_eq!(g.len(), 1);
        let k: Vec<_> = g[0].spans.iter().map(|s| (s.start, s.end, s.kind)).collect();
        assert_eq!(k, vec![(0, 1, Kind::Org), (3, 4, Kind::Per)]);
    }

    #[test]
    fn gum_named_outermost_trimmed() {
        let mut gz = Gazetteer::default();
        gz.add("President", 4);
        let doc = "\
1\tPresident\tPresident\tPROPN\tNNP\t_\t2\tcompound\t_\tEntity=(1-person-new-x-cf1-2-coref-Barack_Obama
2\tObama\tObama\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=1)
3\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\tEntity=(2-place-new-x-cf1-2-coref-United_States
5\tUnited\tUnited\tPROPN\tNNP\t_\t6\tcompound\t_\t_
6\tStates\tStates\tPROPN\tNNP\t_\t3\tobj\t_\tEntity=2)
7\tand\tand\tCCONJ\tCC\t_\t8\tcc\t_\t_
8\the\the\tPRON\tPRP\t_\t3\tconj\t_\tEntity=(1-person-giv-x-cf1-1-coref-Barack_Obama)
9\tmet\tmeet\tVERB\tVBD\t_\t3\tconj\t_\t_
10\tAmericans\tAmerican\tPROPN\tNNPS\t_\t9\tobj\t_\tEntity=(3-person-new-x-cf1-1-coref)
";
        let s = read_gum_conllu(doc, &gz).unwrap();
        use Kind::*;
        assert_eq!(
            s[0].tags,
            vec![Tag::O, Tag::B(Per), Tag::O, Tag::O, Tag::B(Loc), Tag::I(Loc), Tag::O, Tag::O, Tag::O, Tag::B(Grp)]
        );
    }

    #[test]
    fn offset_spans_keep_names_only() {
        use crate::tags::spans;
        let mut gz = Gazetteer::default();
        gz.add("General", 4);
        let text =
            "U.S. service members met the Kurdish YPG. General John Smith said I saw Syrians and Syrian forces leave.";
        let at = |s: &str, kind| {
            let start = text.find(s).unwrap();
            OffsetEntity { start, end: start + s.len(), kind }
        };
        let ents = [
            at("U.S. service members", Kind::Org),
            at("the Kurdish YPG", Kind::Org),
            at("Kurdish", Kind::Grp),
            at("General John Smith", Kind::Per),
            at("Syrians", Kind::Grp),
            at("I", Kind::Per),
            at("Syrian", Kind::Grp),
        ];
        let s = sentences_from_offsets(text, &ents, &gz);
        assert_eq!(s.len(), 2);
        let named = |i: usize| -> Vec<String> {
            spans(&s[i].tags)
                .iter()
                .map(|e| format!("{}:{}", e.kind.as_str(), s[i].tokens[e.start..e.end].join(" ")))
                .collect()
        };
        assert_eq!(named(0), vec!["ORG:Kurdish YPG"]);
        assert_eq!(named(1), vec!["PER:John Smith", "GRP:Syrians"]);
    }
}
