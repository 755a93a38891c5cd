use std::io::BufRead;
fn main() {
    let f = std::fs::File::open(std::env::args().nth(1).unwrap()).unwrap();
    for l in std::io::BufReader::new(f).lines() {
        let v: serde_json::Value = serde_json::from_str(&l.unwrap()).unwrap();
        let t = v["text"].as_str().unwrap();
        let toks = dossier_extract::segment::tokenize(t);
        let s = dossier_extract::segment::sentences(t, &toks, &[]);
        let spans: Vec<_> = s.iter().map(|s| s.span).collect();
        let pubd = chrono::NaiveDate::from_ymd_opt(2016, 5, 17);
        for x in dossier_measures::times(t, &spans, pubd) {
            println!("{:?}", x);
        }
        for x in dossier_measures::quantities(t, &spans) {
            println!("{:?}", x);
        }
    }
}
