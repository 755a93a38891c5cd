//! `dossier train ner`: the statistical entity tagger (crate `dossier-ner`, feature `train`).
//!
//! Training reads GUM CoNLL-U documents (`.conllu` or `.conllu.gz`), leaves out every document
//! that GUM's `splits.md` lists under dev, test or test2, turns the nested entity annotation into
//! flat named-entity BIO tags (rules in `dossier_ner::read_gum_conllu`), and writes the model.
//! Extra gold files and re3d are read by `dossier_eval::readers::conll`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use dossier_eval::readers::conll::{read_ner_gold, read_re3d};
use dossier_ner::{read_gum_conllu, spans, train, Gazetteer, Sentence, Tagger, TrainConfig};

use crate::args::TrainNerArgs;
use crate::{emit, Exit};

fn read_text(path: &Path) -> Result<String> {
    dossier_eval::readers::read_text_maybe_gz(path)
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
    for extra in given(&a.conll) {
        let gold = read_ner_gold(extra, &gaz, &mut |line| eprintln!("{line}"))?;
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
    let clusters = word_clusters(&a.unlabelled, &sentences, a.clusters)?;
    let models: Vec<Tagger> = (0..a.average.max(1))
        .map(|k| {
            let seed = a.seed + k;
            train(
                &sentences,
                gaz.clone(),
                clusters.clone(),
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

/// The files of a list option whose default a user can switch off with `none`.
fn given(files: &[PathBuf]) -> impl Iterator<Item = &PathBuf> {
    files.iter().filter(|p| p.as_os_str() != "none")
}

/// Word clusters learnt from the `--unlabelled` files (tokenised as the tagger tokenises text)
/// and the training sentences' tokens; none when no file is given.
fn word_clusters(files: &[PathBuf], sentences: &[Sentence], fine: usize) -> Result<dossier_ner::Clusters> {
    let files: Vec<&PathBuf> = given(files).collect();
    if files.is_empty() {
        return Ok(dossier_ner::Clusters::default());
    }
    let mut text: Vec<Vec<String>> = sentences.iter().map(|s| s.tokens.clone()).collect();
    for f in files {
        // Unlabelled text only counts words: a stray Latin-1 byte (the State of the Union file
        // has some) becomes U+FFFD rather than refusing the file.
        let bytes = dossier_eval::readers::read_bytes_maybe_gz(f)?;
        for line in String::from_utf8_lossy(&bytes).lines().filter(|l| !l.trim().is_empty()) {
            text.push(dossier_ner::tokenize(line).into_iter().map(|(s, e)| line[s..e].to_string()).collect());
        }
    }
    let config = dossier_ner::ClusterConfig { fine, coarse: (fine / 8).max(2), ..Default::default() };
    let clusters = dossier_ner::learn_clusters(&text, &config);
    eprintln!(
        "word clusters: {} words from {} lines ({fine} fine, {} coarse)",
        clusters.len(),
        text.len(),
        config.coarse
    );
    Ok(clusters)
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

/// `dossier train idf`: the claims layer's word-rarity table (`dossier_claims::IdfTable`).
pub fn train_idf(a: &crate::args::TrainIdfArgs) -> Result<Exit> {
    let text = read_text(&a.text)?;
    let table = dossier_claims::IdfTable::build(text.as_bytes(), a.min_df)?;
    let header = format!(
        "# word_idf.tsv: inverse document frequency (ln N/df) of Snowball English stems, one line of the\n\
         # source a document; `*` is the weight of a stem not listed. Read by crates/claims (terms.rs).\n\
         # Built by `dossier train idf --text {} --min-df {}` from the Groningen Meaning Bank's Voice of\n\
         # America news sentences (public domain, US government work); see resources/models/claims/README.md.\n",
        a.text.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
        a.min_df
    );
    if let Some(dir) = a.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&a.out, table.write(&header)).with_context(|| format!("writing {}", a.out.display()))?;
    emit(&format!("wrote {} stems to {}\n", table.len(), a.out.display()))?;
    Ok(Exit::Success)
}

/// `dossier train stance`: FNC-1's training pairs, the bodies of `--held-out` (the usual dev
/// split) left out entirely, every `--tune-every`-th remaining body (by id) kept for tuning.
pub fn train_stance(a: &crate::args::TrainStanceArgs) -> Result<Exit> {
    use dossier_eval::readers::fnc;
    use dossier_stance::{Example, Label, TrainConfig};
    let find = |stem: &str| -> Result<PathBuf> {
        [a.fnc.join(format!("{stem}.csv")), a.fnc.join(format!("{stem}.csv.gz"))]
            .into_iter()
            .find(|p| p.is_file())
            .with_context(|| format!("no {stem}.csv[.gz] in {}", a.fnc.display()))
    };
    let pairs = fnc::read_stances(&find("train_stances")?)?;
    let bodies = fnc::read_bodies(&find("train_bodies")?)?;
    let held_path = a.held_out.clone().unwrap_or_else(|| a.fnc.join("dev_body_ids.txt"));
    let held = dossier_eval::tasks::headlines::read_body_ids(&held_path)?;
    if held.is_empty() {
        bail!("{} lists no body ids", held_path.display());
    }
    let ids: Vec<u32> = bodies.keys().copied().collect();
    let texts: Vec<String> = bodies.values().cloned().collect();
    let index = |id: u32| ids.binary_search(&id).ok();
    let every = a.tune_every.max(2);
    let (mut train, mut tune, mut skipped) = (Vec::new(), Vec::new(), 0usize);
    for p in &pairs {
        let (Some(body), Some(label)) = (index(p.body_id), p.stance.as_deref().and_then(Label::parse)) else {
            bail!("pair {:?} / {} has no body or no stance", p.headline, p.body_id);
        };
        let e = Example { claim: p.headline.clone(), body, label };
        if held.contains(&p.body_id) {
            skipped += 1;
        } else if p.body_id % every == 0 {
            tune.push(e);
        } else {
            train.push(e);
        }
    }
    eprintln!(
        "{} pairs: {} train, {} tune (bodies with id % {every} == 0), {skipped} held out by {}",
        pairs.len(),
        train.len(),
        tune.len(),
        held_path.display()
    );
    let cfg = TrainConfig {
        hidden: a.hidden,
        epochs: a.epochs,
        class_weight_power: a.class_weight_power,
        dropout: a.dropout,
        seed: a.seed,
        ..TrainConfig::default()
    };
    let (model, _) = dossier_stance::train(&texts, &train, &tune, &cfg, &mut |line| eprintln!("{line}"))?;
    let bytes = model.save();
    if let Some(dir) = a.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(&a.out, &bytes).with_context(|| format!("writing {}", a.out.display()))?;
    emit(&format!("wrote {} ({} bytes)\n", a.out.display(), bytes.len()))?;
    Ok(Exit::Success)
}
