//! Pairs per second of the shipped stance model on real pairs: the first 2,000 pairs of FNC-1's
//! dev split (../shared/eval/claims/fnc-1, bodies of dev_body_ids.txt), read at bench time. Each
//! iteration judges every pair from scratch (the body read anew for each pair, as a caller with
//! one pair does) and checks the label counts against the first run, so no iteration is a no-op.
//!
//! ```sh
//! cargo bench -p dossier-stance --bench judge
//! ```

use std::collections::{HashMap, HashSet};
use std::hint::black_box;
use std::io::Read;
use std::path::PathBuf;

use criterion::{Criterion, Throughput};
use dossier_stance::StanceModel;

fn fnc() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/claims/fnc-1")
}

fn csv_rows(name: &str) -> Vec<csv::StringRecord> {
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(fnc().join(name)).expect("FNC-1 in ../shared"))
        .read_to_end(&mut bytes)
        .expect("gzip");
    csv::Reader::from_reader(bytes.as_slice()).records().map(|r| r.expect("a CSV row")).collect()
}

fn pairs() -> Vec<(String, String)> {
    let dev: HashSet<String> = std::fs::read_to_string(fnc().join("dev_body_ids.txt"))
        .expect("dev_body_ids.txt")
        .lines()
        .map(|l| l.trim().to_string())
        .collect();
    let bodies: HashMap<String, String> =
        csv_rows("train_bodies.csv.gz").into_iter().map(|r| (r[0].to_string(), r[1].to_string())).collect();
    csv_rows("train_stances.csv.gz")
        .into_iter()
        .filter(|r| dev.contains(&r[1]))
        .take(2000)
        .map(|r| (r[0].to_string(), bodies[&r[1]].clone()))
        .collect()
}

fn counts(model: &StanceModel, pairs: &[(String, String)]) -> [usize; 4] {
    let mut c = [0; 4];
    for (claim, body) in pairs {
        c[model.judge(black_box(claim), black_box(body)).label as usize] += 1;
    }
    c
}

fn main() {
    let model =
        StanceModel::load(include_bytes!("../../../resources/models/stance.bin")).expect("the shipped model loads");
    let pairs = pairs();
    let words: usize = pairs.iter().map(|(_, b)| b.split_whitespace().count()).sum();
    let expected = counts(&model, &pairs);
    eprintln!("{} pairs, {words} body words; labels {expected:?}", pairs.len());
    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("stance");
    g.sample_size(10);
    g.throughput(Throughput::Elements(pairs.len() as u64));
    g.bench_function("judge_fnc_dev_2000", |b| b.iter(|| assert_eq!(counts(&model, &pairs), expected)));
    // As `dossier eval headlines` and the headlines stage judge: each body read once, then its claims.
    let mut by_body: Vec<(&str, Vec<&str>)> = Vec::new();
    for (claim, body) in &pairs {
        match by_body.iter_mut().find(|(b, _)| b == body) {
            Some((_, claims)) => claims.push(claim),
            None => by_body.push((body, vec![claim])),
        }
    }
    g.bench_function("judge_prepared_fnc_dev_2000", |b| {
        b.iter(|| {
            let mut c = [0usize; 4];
            for (body, claims) in &by_body {
                let prepared = model.prepare(black_box(body), None);
                for claim in claims {
                    c[model.judge_prepared(claim, &prepared).label as usize] += 1;
                }
            }
            assert_eq!(c, expected);
        })
    });
    g.finish();
    c.final_summary();
}
