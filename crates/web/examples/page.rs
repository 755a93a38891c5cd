//! Prints what is read from one page: `cargo run -p dossier-web --example page -- FILE.html[.gz]`.
fn main() {
    let path = std::env::args().nth(1).expect("a page");
    let page = dossier_web::read_page_file(std::path::Path::new(&path), &dossier_web::Limits::default()).expect("page");
    println!("{}", serde_json::to_string_pretty(&page).unwrap());
}
