//! Quantity accuracy on the project's own news dev set (resources/eval/quantities_gum_news.json:
//! the GUM Wikinews sentences with numbers, hand-annotated; its README gives the conventions).
//! It ships with the repository, so the floors hold in a plain clone. They sit a little under the
//! measured figures (docs/EVALUATION.md) so that accuracy cannot drop silently.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
const SET: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../resources/eval/quantities_gum_news.json");

fn figure(out: &str, key: &str) -> f64 {
    let line =
        out.lines().rev().find(|l| l.starts_with(&format!("{key}="))).unwrap_or_else(|| panic!("no {key} in {out}"));
    line[key.len() + 1..].trim().parse().expect("a figure")
}

#[test]
fn news_dev_set_floors() {
    let out = Command::new(BIN).args(["eval", "quantities", SET]).output().expect("dossier runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(out.contains("sentences=262 failed_runs=0 gold=208"), "{out}");
    let (value, unit) = (figure(&out, "quantity_value_f1"), figure(&out, "value+unit_f1"));
    assert!(value >= 0.94, "news dev value F1 {value:.3} fell below 0.94");
    assert!(unit >= 0.91, "news dev value+unit F1 {unit:.3} fell below 0.91");
}
