//! Scores extraction on the benchmark folder, the worst pages first with `-v`:
//! `cargo run --release -p dossier-eval --example extraction_bench -- DIR [-v]`.
fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/eval/html_extraction/scrapinghub-article-extraction-benchmark".into());
    let r = dossier_eval::tasks::extraction::eval_dir(std::path::Path::new(&dir), None, 2).expect("eval");
    if std::env::args().nth(2).as_deref() == Some("-v") {
        let mut pp = r.per_page.clone();
        pp.sort_by(|a, b| {
            let f = |s: &dossier_eval::tasks::extraction::PageScore| {
                s.precision.unwrap_or(0.0).min(s.recall.unwrap_or(0.0))
            };
            f(&a.1).total_cmp(&f(&b.1))
        });
        for (k, s) in pp.iter().take(40) {
            println!("{k} P={:.3} R={:.3}", s.precision.unwrap_or(-1.0), s.recall.unwrap_or(-1.0));
        }
    }
    println!("{}", serde_json::to_string_pretty(&r).unwrap());
}
