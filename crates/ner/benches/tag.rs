//! Tagging speed of the shipped model over the UNER English-EWT dev tokens (25,149 tokens), or
//! over a fixed built-in text when ../shared is absent. Reports tokens per second (one core).

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier_ner::{read_iob, spans, Tagger};

fn corpus() -> Vec<Vec<String>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    if let Ok(text) = std::fs::read_to_string(root.join("../shared/eval/ner/uner-english-ewt/en_ewt-ud-dev.iob2")) {
        return read_iob(&text).unwrap().into_iter().map(|g| g.tokens).collect();
    }
    let s = "North Korea said on Friday that its army , led by Kim Jong-un , was ready , according to \
             the Korean Central News Agency in Pyongyang .";
    (0..1000).map(|_| s.split(' ').map(String::from).collect()).collect()
}

fn bench(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let tagger = Tagger::load(&std::fs::read(root.join("resources/models/ner.bin")).unwrap()).unwrap();
    let sents = corpus();
    let refs: Vec<Vec<&str>> = sents.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
    let n_tokens: usize = refs.iter().map(Vec::len).sum();
    // The output is real: the corpus has entities.
    let found: usize = refs.iter().map(|s| spans(&tagger.tag(s)).len()).sum();
    assert!(found > refs.len() / 10, "only {found} entities");
    let mut g = c.benchmark_group("ner");
    g.throughput(Throughput::Elements(n_tokens as u64));
    g.bench_function("tag_corpus", |b| {
        b.iter(|| {
            let out = tagger.tag_all(refs.iter().map(Vec::as_slice));
            black_box(out)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
