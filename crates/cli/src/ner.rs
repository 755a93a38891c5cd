//! `dossier train ner` and `dossier eval ner`: the statistical entity tagger (crate `dossier-ner`).
//!
//! Training reads GUM CoNLL-U documents (`.conllu` or `.conllu.gz`), leaves out every document
//! that GUM's `splits.md` lists under dev, test or test2, turns the nested entity annotation into
//! flat named-entity BIO tags (rules in `dossier_ner::read_gum_conllu`), and writes the model.
//!
//! Evaluation tags gold tokens directly and scores exact span + exact type micro P/R/F1 over
//! PER/ORG/LOC, the figures of `shared/tools/score_ner.py`. Formats, by file name: `.iob2`
//! (Universal NER columns `index token tag - annotator`), `.conllu`/`.conllu.gz` (GUM, gold
//! from the same named-mention rules as training), anything else CoNLL-2003 (token first, tag
//! last; IOB1 or IOB2). Dossier's kinds map as person → PER, organization → ORG, place → LOC;
//! group (GRP: nationalities, religious and political groups) is not scored, as neither UNER
//! nor CoNLL tags it as PER/ORG/LOC. `--text` instead tags a raw text file (one sentence or
//! paragraph a line) and prints `{"mentions":[{start,end,kind,text}]}` with byte offsets: the
//! contract of `score_ner.py`, so the tagger alone can be scored by the reference script.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use dossier_ner::{
    read_conll, read_gum_conllu, read_iob, spans, train, Counts, EntitySpan, Gazetteer, GoldSentence, Kind, Scores,
    Sentence, Tagger, TrainConfig,
};
use serde::Serialize;

use crate::args::{EvalNerArgs, TrainNerArgs};
use crate::{emit, Exit};

/// The kind names of Dossier's JSON contract.
fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Per => "person",
        Kind::Org => "organization",
        Kind::Loc => "place",
        Kind::Grp => "group",
    }
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let bytes = if path.extension().is_some_and(|e| e == "gz") {
        let mut s = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut s)
            .with_context(|| format!("decompressing {}", path.display()))?;
        s
    } else {
        bytes
    };
    String::from_utf8(bytes).with_context(|| format!("{} is not UTF-8", path.display()))
}

/// Documents listed under dev, test or test2 in GUM's splits.md.
fn held_out(splits: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut section = "";
    for line in splits.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            section = h.trim();
        } else if let Some(doc) = line.trim().strip_prefix("* ") {
            if section != "train" {
                out.insert(doc.trim().to_string());
            }
        }
    }
    out
}

fn doc_name(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.trim_end_matches(".gz").trim_end_matches(".conllu").to_string()
}

fn find_splits(gum: &Path, given: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = given {
        return Ok(p.to_path_buf());
    }
    for c in [gum.join("splits.md"), PathBuf::from("../shared/eval/ner/gum-news/splits.md")] {
        if c.is_file() {
            return Ok(c);
        }
    }
    bail!("no splits.md next to {} nor ../shared/eval/ner/gum-news; pass --splits", gum.display())
}

pub fn train_ner(a: &TrainNerArgs) -> Result<Exit> {
    let mut gaz = Gazetteer::from_lexicon_dir(&a.lexicons)?;
    for n in &a.names {
        gaz.add_given_names(&read_text(n)?);
    }
    let splits = find_splits(&a.gum, a.splits.as_deref())?;
    let exclude = held_out(&read_text(&splits)?);
    if exclude.is_empty() {
        bail!("{} lists no dev/test documents", splits.display());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&a.gum)
        .with_context(|| format!("reading {}", a.gum.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.to_string_lossy();
            n.ends_with(".conllu") || n.ends_with(".conllu.gz")
        })
        .collect();
    files.sort();
    let mut sentences: Vec<Sentence> = Vec::new();
    let (mut used, mut skipped) = (0, 0);
    for f in &files {
        if exclude.contains(&doc_name(f)) {
            skipped += 1;
            continue;
        }
        used += 1;
        sentences.extend(read_gum_conllu(&read_text(f)?, &gaz).with_context(|| f.display().to_string())?);
    }
    if let Some(dir) = &a.re3d {
        let (re3d, report) = read_re3d(dir, &gaz)?;
        eprintln!("{report}");
        sentences.extend(re3d);
    }
    for extra in &a.conll {
        let gold = read_gold(extra, &gaz)?;
        sentences.extend(dossier_ner::sentences_from_spans(&gold));
    }
    if a.replace_copies > 0 {
        let pools = name_pools(&a.lexicons, &a.names)?;
        let extra = dossier_ner::replace_mentions(&sentences, &pools, a.replace_copies, a.seed);
        eprintln!(
            "mention replacement: {} sentences (pools: {} given names, {} surnames, {} places, {} organisations)",
            extra.len(),
            pools.given.len(),
            pools.surnames.len(),
            pools.places.len(),
            pools.organizations.len()
        );
        sentences.extend(extra);
    }
    let tokens: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    let entities: usize = sentences.iter().map(|s| spans(&s.tags).len()).sum();
    eprintln!(
        "training on {used} GUM documents ({skipped} held out by {}), {} sentences, {tokens} tokens, {entities} entities",
        splits.display(),
        sentences.len()
    );
    let models: Vec<Tagger> = (0..a.average.max(1))
        .map(|k| {
            let seed = a.seed + k;
            train(
                &sentences,
                gaz.clone(),
                &TrainConfig { epochs: a.epochs, bits: a.bits, lowercase_share: a.lowercase_share, seed },
            )
        })
        .collect();
    let tagger = dossier_ner::average(&models);
    let bytes = tagger.save();
    if let Some(dir) = a.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(&a.out, &bytes).with_context(|| format!("writing {}", a.out.display()))?;
    emit(&format!("wrote {} ({} bytes)\n", a.out.display(), bytes.len()))?;
    Ok(Exit::Success)
}

/// The names mention replacement draws from: given names (`--names` files and the lexicons'
/// `given_names.tsv`), Census surnames, places (countries, `places.tsv`, GeoNames) and
/// organisations (`organizations.tsv` names and aliases; not the single words of
/// `companies.tsv`, which are parts of names), each tokenised as the tagger tokenises text.
fn name_pools(lexicons: &Path, names: &[PathBuf]) -> Result<dossier_ner::NamePools> {
    let column = |path: &Path, columns: &[usize]| -> Result<Vec<Vec<String>>> {
        let text = read_text(path)?;
        let mut out = Vec::new();
        for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let fields: Vec<&str> = line.split('\t').collect();
            for &c in columns {
                for name in fields.get(c).map_or("", |f| f.trim()).split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    out.push(dossier_ner::tokenize(name).into_iter().map(|(s, e)| name[s..e].to_string()).collect());
                }
            }
        }
        Ok(out)
    };
    let mut given = column(&lexicons.join("given_names.tsv"), &[0])?;
    for n in names {
        given.extend(column(n, &[0])?);
    }
    let mut places = column(&lexicons.join("countries.tsv"), &[0, 3])?;
    places.extend(column(&lexicons.join("places.tsv"), &[0])?);
    places.extend(column(&lexicons.join("geonames_places.tsv"), &[0])?);
    let organizations = column(&lexicons.join("organizations.tsv"), &[0, 1])?;
    Ok(dossier_ner::NamePools { given, surnames: column(&lexicons.join("surnames.tsv"), &[0])?, places, organizations })
}

/// re3d (Dstl's defence and security corpus): its sources, each a folder with `documents.json`
/// and `entities.json` (JSON Lines exported from MongoDB) and a `LICENSE`. Sources whose licence
/// is non-commercial (BBC Online, CC BY-NC) are left out. Offsets are in characters (UTF-16
/// code units in the export; the same for the texts' Basic Multilingual Plane characters); an
/// entity whose offsets do not give its recorded value is skipped and counted. Types:
/// Person → PER, Organisation → ORG, Location → LOC, Nationality → GRP (plural nouns only);
/// the rest (weapons, dates, quantities, …) stay O. Which spans count as names:
/// [`dossier_ner::sentences_from_offsets`].
fn read_re3d(dir: &Path, gaz: &Gazetteer) -> Result<(Vec<Sentence>, String)> {
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
        let text = read_text(path)?;
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
        let licence = read_text(&src.join("LICENSE")).unwrap_or_default();
        if licence.contains("NonCommercial") || licence.contains("BY-NC") || licence.trim().is_empty() {
            left_out.push(name);
            continue;
        }
        let docs: Vec<Doc> = lines(&src.join("documents.json"))?;
        let ents: Vec<Ent> = lines(&src.join("entities.json"))?;
        for d in &docs {
            // Character offset → byte offset.
            let bytes: Vec<usize> = d.text.char_indices().map(|(b, _)| b).chain([d.text.len()]).collect();
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

/// Gold sentences of one file, by its name (see the module documentation).
fn read_gold(path: &Path, gaz: &Gazetteer) -> Result<Vec<GoldSentence>> {
    if path.is_dir() {
        // A re3d folder (not used for training the shipped model, so it can score it).
        let (sentences, report) = read_re3d(path, gaz)?;
        eprintln!("{report}");
        return Ok(sentences.into_iter().map(|s| GoldSentence { spans: spans(&s.tags), tokens: s.tokens }).collect());
    }
    let text = read_text(path)?;
    let name = path.to_string_lossy();
    let gold = if name.ends_with(".iob2") {
        read_iob(&text)?
    } else if name.ends_with(".conllu") || name.ends_with(".conllu.gz") {
        read_gum_conllu(&text, gaz)?
            .into_iter()
            .map(|s| GoldSentence { spans: spans(&s.tags), tokens: s.tokens })
            .collect()
    } else {
        read_conll(&text)?
    };
    Ok(gold)
}

#[derive(Serialize)]
struct Prf {
    precision: f64,
    recall: f64,
    f1: f64,
    gold: usize,
    predicted: usize,
}

impl From<Counts> for Prf {
    fn from(c: Counts) -> Prf {
        Prf { precision: c.precision(), recall: c.recall(), f1: c.f1(), gold: c.tp + c.fn_, predicted: c.tp + c.fp }
    }
}

#[derive(Serialize)]
struct Report {
    files: Vec<String>,
    sentences: usize,
    tokens: usize,
    per: Prf,
    org: Prf,
    loc: Prf,
    micro: Prf,
}

#[derive(Serialize)]
struct MentionJson<'a> {
    start: usize,
    end: usize,
    kind: &'static str,
    text: &'a str,
}

fn load_model(path: &Path) -> Result<Tagger> {
    let bytes = std::fs::read(path).with_context(|| format!("reading model {}", path.display()))?;
    Tagger::load(&bytes).with_context(|| format!("loading model {}", path.display()))
}

/// Tags raw text line by line and prints the mentions with byte offsets.
fn tag_text(tagger: &Tagger, text: &str) -> Result<Exit> {
    let mut mentions = Vec::new();
    let mut base = 0;
    for line in text.split_inclusive('\n') {
        let toks = dossier_ner::tokenize(line);
        let words: Vec<&str> = toks.iter().map(|&(a, b)| &line[a..b]).collect();
        for EntitySpan { start, end, kind } in spans(&tagger.tag(&words)) {
            let (s, e) = (toks[start].0, toks[end - 1].1);
            mentions.push(MentionJson { start: base + s, end: base + e, kind: kind_name(kind), text: &line[s..e] });
        }
        base += line.len();
    }
    emit(&format!("{}\n", serde_json::json!({ "mentions": mentions })))?;
    Ok(Exit::Success)
}

pub fn eval_ner(a: &EvalNerArgs) -> Result<Exit> {
    let tagger = load_model(&a.model)?;
    if a.text {
        let [path] = a.paths.as_slice() else {
            bail!("--text takes one file");
        };
        return tag_text(&tagger, &read_text(path)?);
    }
    let mut scores = Scores::default();
    let (mut n_sent, mut n_tok) = (0, 0);
    let mut conll_out = String::new();
    for path in &a.paths {
        for g in read_gold(path, tagger.gazetteer())? {
            let words: Vec<&str> = g.tokens.iter().map(String::as_str).collect();
            let tags = tagger.tag(&words);
            scores.add(&g.spans, &spans(&tags));
            n_sent += 1;
            n_tok += words.len();
            if a.dump_gold.is_some() {
                let gold_tags = dossier_ner::sentences_from_spans(std::slice::from_ref(&g));
                for ((w, t), p) in words.iter().zip(&gold_tags[0].tags).zip(&tags) {
                    if a.with_predictions {
                        conll_out.push_str(&format!("{w} {} {}\n", p.to_iob2(), t.to_iob2()));
                    } else {
                        conll_out.push_str(&format!("{w} {}\n", t.to_iob2()));
                    }
                }
                conll_out.push('\n');
            }
        }
    }
    if let Some(p) = &a.dump_gold {
        std::fs::write(p, conll_out).with_context(|| format!("writing {}", p.display()))?;
    }
    let report = Report {
        files: a.paths.iter().map(|p| p.display().to_string()).collect(),
        sentences: n_sent,
        tokens: n_tok,
        per: scores.by_kind[0].into(),
        org: scores.by_kind[1].into(),
        loc: scores.by_kind[2].into(),
        micro: scores.micro().into(),
    };
    if a.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
    } else {
        let line = |name: &str, p: &Prf| {
            format!(
                "{name:<5} P={:.3} R={:.3} F1={:.3}  (gold {}, predicted {})\n",
                p.precision, p.recall, p.f1, p.gold, p.predicted
            )
        };
        let mut s = format!("{} sentences, {} tokens\n", report.sentences, report.tokens);
        s += &line("PER", &report.per);
        s += &line("ORG", &report.org);
        s += &line("LOC", &report.loc);
        s += &line("micro", &report.micro);
        s += &format!("ner_f1={:.3}\n", report.micro.f1);
        emit(&s)?;
    }
    Ok(Exit::Success)
}
