//! Prints the JSON analysis of one text file: a development aid for scoring the extractors
//! without the full binary (`cargo run --release -p dossier-extract --example analyze -- FILE`).
fn main() {
    let path = std::env::args().nth(1).expect("usage: analyze FILE");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let lex = dossier_extract::Lexicons::builtin().unwrap();
    let doc = dossier_core::Document::new(text, Default::default());
    let analysis = dossier_extract::analyze(&doc, &lex);
    println!("{}", serde_json::to_string(&dossier_core::AnalysisJson::new(&doc, &analysis)).expect("serialisable"));
}
