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
//! Each stage is timed on the outputs of the earlier ones (computed once, outside the timing), and
//! each iteration checks a count of what the stage produced against the count from the first run,
//! so that no benchmark can measure a no-op. Never run in CI (see docs/PERFORMANCE.md).

use std::hint::black_box;
use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, Throughput};
use dossier_core::{
    Analysis, Attribution, Document, Mention, Metadata, Quantity, RegionKind, Sentence, TimeExpr, Token,
};
use dossier_extract::repair::Repair;
use dossier_extract::{attribution, entities, events, repair, segment, Lexicons};

/// What the earlier stages found for one document: the input of the later ones.
struct Prepared {
    doc: Document,
    repaired: Repair,
    reading: String,
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    mentions: Vec<Mention>,
    /// What the events stage reads besides mentions: statements, numbers, dates.
    attributions: Vec<Attribution>,
    quantities: Vec<Quantity>,
    times: Vec<TimeExpr>,
    /// Region lookup for the scope closures, as the pipeline does it.
    regions: Analysis,
}

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

fn in_scope(regions: &Analysis) -> impl Fn(&Sentence) -> bool + '_ {
    |s: &Sentence| !regions.region_at(s.span.start()).is_boilerplate()
}

fn statement_scope(regions: &Analysis) -> impl Fn(&Sentence) -> bool + '_ {
    // As the pipeline: headlines are read for statements too.
    |s: &Sentence| matches!(regions.region_at(s.span.start()), RegionKind::Body | RegionKind::Title)
}

fn prepare(texts: &[String], lex: &Lexicons) -> Vec<Prepared> {
    texts
        .iter()
        .map(|text| {
            let doc = Document::new(text.clone(), Metadata::default());
            let repaired = repair::repair(&doc.text);
            let reading = repaired.reading_text(&doc.text);
            let tokens = segment::tokenize(&reading);
            let sentences = segment::sentences(&reading, &tokens, &repaired.regions);
            let regions = Analysis { regions: repaired.regions.clone(), ..Analysis::default() };
            let mentions = entities::entities(&reading, &tokens, &sentences, &in_scope(&regions), lex).mentions;
            let attributions =
                attribution::attributions(&reading, &tokens, &sentences, &statement_scope(&regions), &mentions, lex);
            let quantities = dossier_measures::quantities(&reading, &tokens, &sentences);
            let times = dossier_measures::times(&reading, &tokens, &sentences, doc.meta.published);
            Prepared { doc, repaired, reading, tokens, sentences, mentions, attributions, quantities, times, regions }
        })
        .collect()
}

fn main() {
    let Some(texts) = load_corpus() else {
        eprintln!("stages: {} is missing; nothing to benchmark", corpus_path().display());
        return;
    };
    let lex = Lexicons::builtin();
    let docs = prepare(&texts, &lex);
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let count = |f: &dyn Fn(&Prepared) -> usize| docs.iter().map(f).sum::<usize>();

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    let mut g = c.benchmark_group(format!("polnear_train_{}_docs", docs.len()));
    g.throughput(Throughput::Bytes(bytes));

    let regions = count(&|d| d.repaired.regions.len() + d.repaired.soft_breaks.len());
    assert!(regions > 0, "repair found no regions or soft breaks in the corpus");
    g.bench_function("repair", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|d| {
                    let r = repair::repair(black_box(&d.doc.text));
                    r.regions.len() + r.soft_breaks.len()
                })
                .sum();
            assert_eq!(n, regions);
        })
    });

    let tokens = count(&|d| d.tokens.len());
    let sentences = count(&|d| d.sentences.len());
    assert!(sentences > 0 && tokens > sentences, "segmentation found no sentences");
    g.bench_function("tokenize+sentences", |b| {
        b.iter(|| {
            let (mut t, mut s) = (0, 0);
            for d in &docs {
                let toks = segment::tokenize(black_box(&d.reading));
                s += segment::sentences(&d.reading, &toks, &d.repaired.regions).len();
                t += toks.len();
            }
            assert_eq!((t, s), (tokens, sentences));
        })
    });

    let mentions = count(&|d| d.mentions.len());
    assert!(mentions > 0, "the entity layer found no mentions");
    g.bench_function("entities", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|d| {
                    entities::entities(black_box(&d.reading), &d.tokens, &d.sentences, &in_scope(&d.regions), &lex)
                        .mentions
                        .len()
                })
                .sum();
            assert_eq!(n, mentions);
        })
    });

    let run_attributions = |d: &Prepared| {
        attribution::attributions(
            black_box(&d.reading),
            &d.tokens,
            &d.sentences,
            &statement_scope(&d.regions),
            &d.mentions,
            &lex,
        )
        .len()
    };
    let attributions = count(&run_attributions);
    assert!(attributions > 0, "no attributions found");
    g.bench_function("attribution", |b| {
        b.iter(|| assert_eq!(docs.iter().map(run_attributions).sum::<usize>(), attributions))
    });

    let run_measures = |d: &Prepared| {
        dossier_measures::quantities(black_box(&d.reading), &d.tokens, &d.sentences).len()
            + dossier_measures::times(&d.reading, &d.tokens, &d.sentences, d.doc.meta.published).len()
    };
    let measures = count(&run_measures);
    assert!(measures > 0, "no quantities or time expressions found");
    g.bench_function("measures", |b| b.iter(|| assert_eq!(docs.iter().map(run_measures).sum::<usize>(), measures)));

    let run_events = |d: &Prepared| {
        events::events(
            black_box(&d.reading),
            &d.tokens,
            &d.sentences,
            &statement_scope(&d.regions),
            &d.mentions,
            &d.attributions,
            &d.quantities,
            &d.times,
            &lex,
        )
        .len()
    };
    let event_count = count(&run_events);
    assert!(event_count > 0, "no events found");
    g.bench_function("events", |b| b.iter(|| assert_eq!(docs.iter().map(run_events).sum::<usize>(), event_count)));

    let run_analyze = |d: &Prepared| {
        let a = dossier_extract::analyze(black_box(&d.doc), &lex);
        (a.sentences.len(), a.attributions.len())
    };
    let whole = docs.iter().map(run_analyze).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    assert_eq!(whole.0, sentences, "analyze segments as the stages do");
    g.bench_function("analyze", |b| {
        b.iter(|| assert_eq!(docs.iter().map(run_analyze).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1)), whole))
    });

    g.finish();
    c.final_summary();
}
