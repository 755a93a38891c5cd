//! ECB+ (Cybulska & Vossen 2014): one XML file per news article, in a folder (read recursively)
//! or a `.tar.gz` of the release. Each document holds tokens (`t_id`, sentence number, position),
//! markables anchored to tokens (events are `ACTION_*` and `NEG_ACTION_*`; participants
//! `HUMAN_PART_*`, `NON_HUMAN_PART*`, `LOC_*`, `TIME_*`), unanchored instance markables carrying
//! the `instance_id` shared across documents, and relations (`CROSS_DOC_COREF` from mentions to an
//! instance markable, `INTRA_DOC_COREF` within the document). `ECBplus_coreference_sentences.csv`
//! lists the sentences checked for coreference.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result};

use super::{is_tar_gz, tar_gz_files, walk};

/// One token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub id: String,
    pub sentence: u32,
    /// Position in its sentence.
    pub number: u32,
    pub text: String,
}

/// A markable anchored to tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub id: String,
    /// The element name: `ACTION_OCCURRENCE`, `HUMAN_PART_PER`, …
    pub tag: String,
    /// Its tokens' ids, in document order.
    pub tokens: Vec<String>,
}

impl Mention {
    /// An event mention (`ACTION_*` or `NEG_ACTION_*`).
    pub fn is_event(&self) -> bool {
        self.tag.starts_with("ACTION_") || self.tag.starts_with("NEG_ACTION_")
    }
}

/// An unanchored markable: what a cross-document relation points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    pub id: String,
    pub tag: String,
    pub instance_id: Option<String>,
    pub descriptor: Option<String>,
}

/// A coreference relation: its kind (`CROSS_DOC_COREF`, `INTRA_DOC_COREF`), the mentions it
/// joins and the markable they corefer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub kind: String,
    pub sources: Vec<String>,
    pub target: Option<String>,
}

/// One article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcbDocument {
    /// The file name, e.g. `3_9ecb.xml`.
    pub name: String,
    pub tokens: Vec<Token>,
    pub mentions: Vec<Mention>,
    pub instances: Vec<Instance>,
    pub relations: Vec<Relation>,
}

impl EcbDocument {
    /// The topic number, the part of the name before `_`.
    pub fn topic(&self) -> &str {
        self.name.split('_').next().unwrap_or("")
    }

    /// The instance id a mention's cross-document relation names, if any.
    pub fn instance_of(&self, mention: &str) -> Option<&str> {
        let r =
            self.relations.iter().find(|r| r.kind == "CROSS_DOC_COREF" && r.sources.iter().any(|s| s == mention))?;
        let t = r.target.as_deref()?;
        self.instances.iter().find(|i| i.id == t)?.instance_id.as_deref()
    }
}

/// A corpus: its documents (sorted by name) and the checked sentences `(topic, file, sentence)`
/// (e.g. `("1", "10ecbplus", 1)`), empty when the CSV is not there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EcbCorpus {
    pub documents: Vec<EcbDocument>,
    pub sentences: BTreeSet<(String, String, u32)>,
}

/// Reads a folder or a `.tar.gz` of ECB+.
pub fn read(path: &Path) -> Result<EcbCorpus> {
    let keep = |n: &str| n.ends_with(".xml") || n.ends_with("ECBplus_coreference_sentences.csv");
    let files: Vec<(String, Vec<u8>)> = if path.is_file() && is_tar_gz(path) {
        tar_gz_files(path, keep)?
    } else {
        let mut out = Vec::new();
        for p in walk(path)? {
            let name = p.to_string_lossy().into_owned();
            if keep(&name) {
                out.push((name, std::fs::read(&p).with_context(|| format!("reading {}", p.display()))?));
            }
        }
        out
    };
    let mut corpus = EcbCorpus::default();
    for (name, data) in files {
        let base = name.rsplit('/').next().unwrap_or(&name).to_string();
        let text = String::from_utf8(data).with_context(|| format!("{name} is not UTF-8"))?;
        if base.ends_with(".csv") {
            corpus.sentences = read_sentences(&text).with_context(|| format!("reading {name}"))?;
        } else {
            corpus.documents.push(parse_document(&base, &text).with_context(|| format!("reading {name}"))?);
        }
    }
    corpus.documents.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(corpus)
}

/// The checked sentences of `ECBplus_coreference_sentences.csv` (`Topic,File,Sentence Number`).
pub fn read_sentences(text: &str) -> Result<BTreeSet<(String, String, u32)>> {
    let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut out = BTreeSet::new();
    for rec in r.records() {
        let rec = rec?;
        let (Some(t), Some(f), Some(s)) = (rec.get(0), rec.get(1), rec.get(2)) else { continue };
        if !t.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        // score_ecb.py compares the field as written to the tokens' sentence numbers: a row with
        // a space around its number ("1,17ecb,0 ") names no sentence.
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        out.insert((t.to_string(), f.to_string(), s.parse().with_context(|| format!("sentence {s:?}"))?));
    }
    Ok(out)
}

/// One ECB+ XML document.
pub fn parse_document(name: &str, xml: &str) -> Result<EcbDocument> {
    let doc = roxmltree::Document::parse(xml)?;
    let root = doc.root_element();
    let num = |n: roxmltree::Node, a: &str| -> Result<u32> {
        n.attribute(a).unwrap_or("").parse().with_context(|| format!("token without a numeric {a}"))
    };
    let mut d = EcbDocument {
        name: name.to_string(),
        tokens: Vec::new(),
        mentions: Vec::new(),
        instances: Vec::new(),
        relations: Vec::new(),
    };
    for t in root.children().filter(|n| n.has_tag_name("token")) {
        d.tokens.push(Token {
            id: t.attribute("t_id").context("token without t_id")?.to_string(),
            sentence: num(t, "sentence")?,
            number: num(t, "number")?,
            text: t.text().unwrap_or("").to_string(),
        });
    }
    let elements = |parent: &'static str| {
        root.children().filter(move |n| n.has_tag_name(parent)).flat_map(|p| p.children().filter(|c| c.is_element()))
    };
    for m in elements("Markables") {
        let id = m.attribute("m_id").context("markable without m_id")?.to_string();
        let tag = m.tag_name().name().to_string();
        let tokens: Vec<String> = m
            .children()
            .filter(|c| c.has_tag_name("token_anchor"))
            .filter_map(|c| c.attribute("t_id").map(str::to_string))
            .collect();
        if tokens.is_empty() {
            d.instances.push(Instance {
                id,
                tag,
                instance_id: m.attribute("instance_id").map(str::to_string),
                descriptor: m.attribute("TAG_DESCRIPTOR").map(str::to_string),
            });
        } else {
            d.mentions.push(Mention { id, tag, tokens });
        }
    }
    for r in elements("Relations") {
        let ids = |tag: &str| -> Vec<String> {
            r.children()
                .filter(|c| c.has_tag_name(tag))
                .filter_map(|c| c.attribute("m_id").map(str::to_string))
                .collect()
        };
        d.relations.push(Relation {
            kind: r.tag_name().name().to_string(),
            sources: ids("source"),
            target: ids("target").into_iter().next(),
        });
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<Document doc_name="3_9ecb.xml" doc_id="DOC1">
<token t_id="1" sentence="0" number="0">A</token>
<token t_id="2" sentence="0" number="1">judge</token>
<token t_id="3" sentence="0" number="2">sentenced</token>
<token t_id="4" sentence="1" number="0">Nichols</token>
<token t_id="5" sentence="1" number="1">was</token>
<token t_id="6" sentence="1" number="2">found</token>
<token t_id="7" sentence="1" number="3">guilty</token>
<Markables>
<ACTION_OCCURRENCE m_id="19"  >
  <token_anchor t_id="3"/>
</ACTION_OCCURRENCE>
<ACTION_STATE m_id="20" >
  <token_anchor t_id="6"/>
  <token_anchor t_id="7"/>
</ACTION_STATE>
<HUMAN_PART_PER m_id="13"><token_anchor t_id="4"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="24" RELATED_TO="" TAG_DESCRIPTOR="t3b_judge_gave_life_sentence" instance_id="ACT1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="32490" note="ACT1" >
  <source m_id="19" />
  <target m_id="24" />
</CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="5"><source m_id="20"/><target m_id="19"/></INTRA_DOC_COREF>
</Relations>
</Document>"#;

    #[test]
    fn tokens_mentions_and_relations() {
        let d = parse_document("3_9ecb.xml", XML).unwrap();
        assert_eq!(d.topic(), "3");
        assert_eq!(d.tokens.len(), 7);
        assert_eq!(d.tokens[3], Token { id: "4".into(), sentence: 1, number: 0, text: "Nichols".into() });
        let events: Vec<&Mention> = d.mentions.iter().filter(|m| m.is_event()).collect();
        assert_eq!(events.len(), 2);
        assert_eq!(events[1].tokens, ["6", "7"]);
        assert_eq!(d.instances[0].instance_id.as_deref(), Some("ACT1"));
        assert_eq!(d.instance_of("19"), Some("ACT1"));
        assert_eq!(d.instance_of("20"), None);
        assert_eq!(d.relations[1].kind, "INTRA_DOC_COREF");
        assert!(parse_document("x.xml", "<Document><token t_id=\"1\">x</token></Document>").is_err());
    }

    #[test]
    fn corpus_from_a_folder_and_an_archive() {
        let csv = "Topic,File,Sentence Number\n3,9ecb,1\n3,9ecb,2 \n";
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("ECB+/3")).unwrap();
        std::fs::write(d.path().join("ECB+/3/3_9ecb.xml"), XML).unwrap();
        std::fs::write(d.path().join("ECB+/ECBplus_coreference_sentences.csv"), csv).unwrap();
        std::fs::write(d.path().join("ECB+/README.txt"), "x").unwrap();
        let c = read(&d.path().join("ECB+")).unwrap();
        assert_eq!(c.documents.len(), 1);
        assert!(c.sentences.contains(&("3".to_string(), "9ecb".to_string(), 1)));
        assert_eq!(c.sentences.len(), 1, "a number with a space is no sentence, as for score_ecb.py");
        let tgz = d.path().join("e.tar.gz");
        std::fs::write(
            &tgz,
            super::super::testutil::tar_gz(&[
                ("ECB+/3/3_9ecb.xml", XML),
                ("ECB+/ECBplus_coreference_sentences.csv", csv),
            ]),
        )
        .unwrap();
        assert_eq!(read(&tgz).unwrap(), c);
    }
}
