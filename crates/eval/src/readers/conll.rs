//! Named-entity gold: CoNLL-style token files and re3d. By file name: `.iob2` (Universal NER
//! columns `index token tag - annotator`), `.conllu`/`.conllu.gz` (GUM, gold from the tagger's
//! named-mention rules), anything else CoNLL-2003 (token first, tag last; IOB1 or IOB2); a
//! folder is read as re3d ([`read_re3d`]). The line-level parsers are `dossier_ner`'s (feature
//! `train`), which training shares.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use dossier_ner::{read_conll, read_gum_conllu, read_iob, spans, Gazetteer, GoldSentence, Kind, Sentence};

use super::read_text_maybe_gz;
use crate::metrics::char_to_byte;

/// Gold sentences of one file (or re3d folder), by its name; `report` receives re3d's line on
/// what was read and left out.
pub fn read_ner_gold(path: &Path, gaz: &Gazetteer, report: &mut dyn FnMut(&str)) -> Result<Vec<GoldSentence>> {
    if path.is_dir() {
        // A re3d folder (not used for training the shipped model, so it can score it).
        let (sentences, line) = read_re3d(path, gaz)?;
        report(&line);
        return Ok(sentences.into_iter().map(|s| GoldSentence::new(s.tokens, spans(&s.tags))).collect());
    }
    let text = read_text_maybe_gz(path)?;
    let name = path.to_string_lossy();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let gold = if name.ends_with(".iob2") {
        read_iob(&text)?
    } else if name.ends_with(".conllu") {
        read_gum_conllu(&text, gaz)?.into_iter().map(|s| GoldSentence::new(s.tokens, spans(&s.tags))).collect()
    } else {
        read_conll(&text)?
    };
    Ok(gold)
}

/// re3d (Dstl's defence and security corpus): its sources, each a folder with `documents.json`
/// and `entities.json` (JSON Lines exported from MongoDB) and a `LICENSE`. Sources whose licence
/// is non-commercial (BBC Online, CC BY-NC) are left out. Offsets are in characters (UTF-16
/// code units in the export; the same for the texts' Basic Multilingual Plane characters); an
/// entity whose offsets do not give its recorded value is skipped and counted. Types:
/// Person → PER, Organisation → ORG, Location → LOC, Nationality → GRP (plural nouns only);
/// the rest (weapons, dates, quantities, …) stay O. Which spans count as names:
/// [`dossier_ner::sentences_from_offsets`]. Returns the sentences and a one-line report.
pub fn read_re3d(dir: &Path, gaz: &Gazetteer) -> Result<(Vec<Sentence>, String)> {
    #[derive(serde::Deserialize)]
    struct Doc {
        #[serde(rename = "_id")]
        id: String,
        text: String,
    }
    #[derive(serde::Deserialize)]
    struct Ent {
        #[serde(rename = "documentId")]
        document: String,
        begin: usize,
        end: usize,
        #[serde(rename = "type")]
        kind: String,
        value: String,
    }
    fn lines<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
        let text = read_text_maybe_gz(path)?;
        let text = text.trim_start_matches('\u{feff}');
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(n, l)| serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), n + 1)))
            .collect()
    }
    let mut sources: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("documents.json").is_file())
        .collect();
    sources.sort();
    let mut out = Vec::new();
    let (mut used, mut left_out, mut bad) = (Vec::new(), Vec::new(), 0usize);
    for src in &sources {
        let name = src.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let licence = read_text_maybe_gz(&src.join("LICENSE")).unwrap_or_default();
        if licence.contains("NonCommercial") || licence.contains("BY-NC") || licence.trim().is_empty() {
            left_out.push(name);
            continue;
        }
        let docs: Vec<Doc> = lines(&src.join("documents.json"))?;
        let ents: Vec<Ent> = lines(&src.join("entities.json"))?;
        for d in &docs {
            let bytes = char_to_byte(&d.text);
            let mut spans = Vec::new();
            for e in ents.iter().filter(|e| e.document == d.id) {
                let kind = match e.kind.as_str() {
                    "Person" => Kind::Per,
                    "Organisation" => Kind::Org,
                    "Location" => Kind::Loc,
                    "Nationality" => Kind::Grp,
                    _ => continue,
                };
                match (bytes.get(e.begin), bytes.get(e.end)) {
                    (Some(&start), Some(&end)) if start < end && d.text[start..end] == e.value => {
                        spans.push(dossier_ner::OffsetEntity { start, end, kind });
                    }
                    _ => bad += 1,
                }
            }
            out.extend(dossier_ner::sentences_from_offsets(&d.text, &spans, gaz));
        }
        used.push(name);
    }
    let report = format!(
        "re3d: {} sentences from {} (left out as non-commercial: {}; {bad} entities skipped, offsets not matching their value)",
        out.len(),
        used.join(", "),
        if left_out.is_empty() { "none".to_string() } else { left_out.join(", ") },
    );
    Ok((out, report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_ner::EntitySpan;

    #[test]
    fn iob2_and_conll_files() {
        let d = tempfile::tempdir().unwrap();
        let iob = d.path().join("a.iob2");
        std::fs::write(
            &iob,
            "# sent_id = 1\n1\tAnn\tB-PER\t-\t-\n2\tsaw\tO\t-\t-\n3\tNew\tB-LOC\t-\t-\n4\tYork\tI-LOC\t-\t-\n\n",
        )
        .unwrap();
        let gaz = Gazetteer::default();
        let g = read_ner_gold(&iob, &gaz, &mut |_| {}).unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].tokens, ["Ann", "saw", "New", "York"]);
        assert!(g[0].spans.contains(&EntitySpan { start: 2, end: 4, kind: Kind::Loc }));
        let conll = d.path().join("b.txt");
        std::fs::write(&conll, "-DOCSTART- -X- O O\n\nBob NNP B-NP I-PER\nran VBD B-VP O\n\n").unwrap();
        let g = read_ner_gold(&conll, &gaz, &mut |_| {}).unwrap();
        assert_eq!(g.last().unwrap().spans, vec![EntitySpan { start: 0, end: 1, kind: Kind::Per }]);
    }

    #[test]
    fn re3d_sources_and_licences() {
        let d = tempfile::tempdir().unwrap();
        for (src, licence) in [("open", "CC BY 4.0"), ("nc", "CC BY-NC 4.0")] {
            let s = d.path().join(src);
            std::fs::create_dir_all(&s).unwrap();
            std::fs::write(s.join("LICENSE"), licence).unwrap();
            std::fs::write(s.join("documents.json"), "{\"_id\":\"d1\",\"text\":\"Ann Smith visited Paris.\"}\n")
                .unwrap();
            std::fs::write(
                s.join("entities.json"),
                "{\"documentId\":\"d1\",\"begin\":18,\"end\":23,\"type\":\"Location\",\"value\":\"Paris\"}\n\
                 {\"documentId\":\"d1\",\"begin\":0,\"end\":3,\"type\":\"Person\",\"value\":\"Bob\"}\n",
            )
            .unwrap();
        }
        let mut lines = Vec::new();
        let g = read_ner_gold(d.path(), &Gazetteer::default(), &mut |l| lines.push(l.to_string())).unwrap();
        assert!(lines[0].contains("from open (left out as non-commercial: nc; 1 entities skipped"), "{lines:?}");
        let all: Vec<&EntitySpan> = g.iter().flat_map(|s| &s.spans).collect();
        assert_eq!(all.iter().filter(|s| s.kind == Kind::Loc).count(), 1);
    }
}
