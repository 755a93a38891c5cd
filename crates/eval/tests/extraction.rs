//! The extraction floor on the scrapinghub benchmark in ../shared (feature `shared-data`).
#![cfg(feature = "shared-data")]

mod common;

#[test]
fn extraction_floor_on_the_benchmark() {
    let dir = common::shared("eval/html_extraction/scrapinghub-article-extraction-benchmark");
    let r = dossier_eval::tasks::extraction::eval_dir(&dir, None, 2).unwrap();
    assert_eq!(r.summary.pages, 181);
    // Measured 0.956 (P 0.943, R 0.969); trafilatura scores 0.958, readability.js 0.947.
    assert!(r.summary.f1 >= 0.95, "F1 {:.4} fell below the floor", r.summary.f1);
    assert!(r.meta.date_found >= 150 && r.meta.site_found >= 165, "{:?}", r.meta);
}
