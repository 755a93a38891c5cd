//! Criterion benchmarks of each pipeline stage over a fixed real corpus: the PolNeAR training
//! texts (840 news articles, 3.9 MB), read at bench time from
//! `../shared/eval/attribution/polnear/train.tar.gz` beside the repository (research-only data:
//! never copied into the repository). `DOSSIER_POLNEAR_TRAIN` names another copy of the archive;
//! `DOSSIER_BENCH_DOCS=N` benchmarks only the first N articles (in name order).
//!
//! ```sh
//! cargo bench -p dossier-extract --bench stages            # all stages
//! cargo bench -p dossier-extract --bench stages -- entities # one stage
//! ```
//!
//! The stages are the pipeline's own list ([`Pipeline::standard`]), so the benchmark times exactly
//! what `dossier analyze` runs, glue stages included. Each stage is timed on the outputs of the
//! earlier ones (computed once, copied outside the timing), and each iteration checks a count of
//! what the stage produced against the count from the first run, so that no benchmark can
//! measure a no-op. `analyze` times the whole list. Never run in CI (see docs/PERFORMANCE.md).

use std::hint::black_box;
use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput};
use dossier_core::{Analysis, Document, Metadata};
use dossier_extract::pipeline::DocContext;
use dossier_extract::{Lexicons, Pipeline};

fn corpus_path() -> PathBuf {
    std::env::var_os("DOSSIER_POLNEAR_TRAIN").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/attribution/polnear/train.tar.gz")
    })
}

/// The `train/text/*.txt` files of the archive, sorted by name.
fn load_corpus() -> Option<Vec<String>> {
    let path = corpus_path();
    let file = std::fs::File::open(&path).ok()?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut texts = Vec::new();
    for entry in archive.entries().expect("a readable tar.gz") {
        let mut entry = entry.expect("a readable tar entry");
        let name = entry.path().expect("an entry name").to_string_lossy().into_owned();
        if name.contains("/text/") && name.ends_with(".txt") {
            let mut text = String::new();
            entry.read_to_string(&mut text).expect("UTF-8 text");
            texts.push((name, text));
        }
    }
    texts.sort();
    let limit = std::env::var("DOSSIER_BENCH_DOCS").ok().and_then(|n| n.parse().ok()).unwrap_or(usize::MAX);
    Some(texts.into_iter().take(limit).map(|(_, t)| t).collect())
}

/// A count of what a stage adds, so that every iteration can check it did its work.
fn produced(a: &Analysis) -> usize {
    a.regions.len()
        + a.soft_breaks.len()
        + a.tokens.len()
        + a.sentences.len()
        + a.mentions.len()
        + a.entities.len()
        + a.attributions.len()
        + a.quantities.len()
        + a.times.len()
        + a.events.len()
        + a.headlines.iter().map(|h| 1 + h.evidence.len()).sum::<usize>()
        + a.attributions.iter().filter(|x| x.speaker.as_ref().is_some_and(|s| s.entity.is_some())).count()
}

fn main() {
    let Some(texts) = load_corpus() else {
        eprintln!("stages: {} is missing; nothing to benchmark", corpus_path().display());
        return;
    };
    let lex = Lexicons::builtin().unwrap();
    let pipeline = Pipeline::standard();
    let docs: Vec<Document> = texts.iter().map(|t| Document::new(t.clone(), Metadata::default())).collect();
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    let mut g = c.benchmark_group(format!("polnear_train_{}_docs", docs.len()));
    g.throughput(Throughput::Bytes(bytes));

    for (i, stage) in pipeline.stages().iter().enumerate() {
        let info = stage.info();
        // What the earlier stages found, once; each iteration runs the stage on a fresh copy.
        let before: Vec<DocContext<'_>> = docs.iter().map(|d| pipeline.run_prefix(d, &lex, i)).collect();
        let run = |contexts: Vec<DocContext<'_>>| {
            contexts
                .into_iter()
                .map(|mut cx| {
                    stage.run(black_box(&mut cx), &lex);
                    produced(&cx.analysis)
                })
                .sum::<usize>()
        };
        let expected = run(before.clone());
        let had: usize = before.iter().map(|cx| produced(&cx.analysis)).sum();
        // resolve_actors may only move links; every other stage must add something.
        assert!(expected > had || info.id == "resolve_actors", "stage {} found nothing in the corpus", info.id);
        g.bench_function(info.id, |b| {
            b.iter_batched(|| before.clone(), |cx| assert_eq!(run(cx), expected), BatchSize::LargeInput)
        });
    }

    let whole: usize = docs.iter().map(|d| produced(&pipeline.analyze(d, &lex))).sum();
    g.bench_function("analyze", |b| {
        b.iter(|| {
            assert_eq!(docs.iter().map(|d| produced(&pipeline.analyze(black_box(d), &lex))).sum::<usize>(), whole)
        })
    });

    g.finish();
    c.final_summary();
}
