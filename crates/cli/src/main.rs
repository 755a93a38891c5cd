use std::io::Read;
fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let path = &args[args.len() - 1];
    let mut text = String::new();
    if path == "-" { std::io::stdin().read_to_string(&mut text)?; } else { text = std::fs::read_to_string(path)?; }
    let lex = dossier_extract::Lexicons::builtin();
    let doc = dossier_core::Document::new(text, Default::default());
    let a = dossier_extract::analyze(&doc, &lex);
    println!("{}", serde_json::to_string_pretty(&dossier_core::AnalysisJson::new(&doc, &a))?);
    Ok(())
}
