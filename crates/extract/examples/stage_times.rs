//! Prints how long each stage takes on one text file, and on the file's first half, so a stage
//! whose time grows faster than its input stands out (`cargo run --release -p dossier-extract
//! --example stage_times -- FILE`). The adversarial-input table (bench/adversarial.py) times
//! whole runs; this says which stage to look at.
use std::time::Instant;

use dossier_core::{Document, Metadata};
use dossier_extract::pipeline::DocContext;

fn main() {
    let path = std::env::args().nth(1).expect("usage: stage_times FILE");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let lex = dossier_extract::Lexicons::builtin().unwrap();
    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    let docs = [Document::new(text[..half].to_string(), Metadata::default()), Document::new(text, Metadata::default())];
    let times: Vec<Vec<f64>> = docs
        .iter()
        .map(|doc| {
            let mut cx = DocContext::new(doc);
            dossier_extract::pipeline::standard()
                .stages()
                .iter()
                .map(|stage| {
                    let start = Instant::now();
                    stage.run(&mut cx, &lex);
                    start.elapsed().as_secs_f64()
                })
                .collect()
        })
        .collect();
    println!("{:<16} {:>10} {:>10} {:>6}", "stage", "half s", "whole s", "ratio");
    for (i, stage) in dossier_extract::pipeline::standard().stages().iter().enumerate() {
        let (h, w) = (times[0][i], times[1][i]);
        println!("{:<16} {:>10.4} {:>10.4} {:>6.2}", stage.info().id, h, w, w / h.max(1e-9));
    }
}
