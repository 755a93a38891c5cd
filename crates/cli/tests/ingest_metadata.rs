//! `dossier ingest` fills the metadata a folder of plain-text articles lacks, where the user
//! says to find it: a sidecar JSON file, a date in the file name, a date and an outlet for the
//! whole batch. A sidecar that cannot be read fails its document, by name; the others go on.

use std::path::Path;
use std::process::Command;

use dossier_store::Store;

const BIN: &str = env!("CARGO_BIN_EXE_dossier");

fn ingest(db: &Path, args: &[&str]) -> (i32, String, String) {
    let o = Command::new(BIN).args(["ingest", "--db", db.to_str().unwrap()]).args(args).output().expect("run dossier");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into(),
        String::from_utf8_lossy(&o.stderr).into(),
    )
}

/// (title, outlet, published) of every stored document, by title.
fn stored(db: &Path) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    let store = Store::open(db).unwrap();
    let mut docs: Vec<_> =
        store.documents(0, 100).unwrap().items.into_iter().map(|d| (d.title, d.outlet, d.published)).collect();
    docs.sort();
    docs
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn sidecars_file_names_and_batch_defaults_fill_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("saved");
    std::fs::create_dir(&folder).unwrap();
    write(&folder, "herald_2024-10-18_troops.txt", "Troops reach the border\n\nOfficials said 3,000 troops arrived.\n");
    write(&folder, "wire-20241101.txt", "Ships leave port\n\nThe ministry said 40 ships left on Monday.\n");
    write(&folder, "undated.txt", "Talks resume\n\nDiplomats said the talks would resume.\n");
    write(&folder, "with-sidecar.txt", "Kyiv reports drones\n\nOfficials said 12 drones were shot down.\n");
    write(
        &folder,
        "with-sidecar.json",
        r#"{"title": "Drones over Kyiv", "outlet": "Kyiv Post", "published": "2024-11-05"}"#,
    );
    let db = dir.path().join("store.db");
    let (code, out, err) = ingest(
        &db,
        &[
            "--sidecar",
            "--date-from-filename",
            "--published",
            "2024-12-01",
            "--outlet",
            "Saved",
            folder.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("ingested 4 new"), "{out}");
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        stored(&db),
        vec![
            // The sidecar's title wins over the text's first line, its outlet and date over the batch's.
            (s("Drones over Kyiv"), s("Kyiv Post"), s("2024-11-05")),
            (s("Ships leave port"), s("Saved"), s("2024-11-01")),
            (s("Talks resume"), s("Saved"), s("2024-12-01")),
            (s("Troops reach the border"), s("Saved"), s("2024-10-18")),
        ]
    );
}

#[test]
fn without_the_options_nothing_is_guessed_and_a_bad_sidecar_fails_only_its_document() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "paper_2020-05-06.txt", "Officials said 3,000 troops arrived.\n");
    write(dir.path(), "paper_2020-05-06.json", r#"{"published": "2020-05-07"}"#);
    let db = dir.path().join("plain.db");
    let (code, _, err) = ingest(&db, &[dir.path().join("paper_2020-05-06.txt").to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(stored(&db), vec![(None, None, None)]);

    write(dir.path(), "broken.txt", "The ministry said 40 ships left.\n");
    write(dir.path(), "broken.json", "{\"published\": ");
    write(dir.path(), "bad-date.txt", "Diplomats said the talks would resume.\n");
    write(dir.path(), "bad-date.json", r#"{"published": "next week"}"#);
    let db = dir.path().join("sidecars.db");
    let files: Vec<String> = ["paper_2020-05-06.txt", "broken.txt", "bad-date.txt"]
        .iter()
        .map(|f| dir.path().join(f).display().to_string())
        .collect();
    let mut args = vec!["--sidecar"];
    args.extend(files.iter().map(String::as_str));
    let (code, out, err) = ingest(&db, &args);
    // Partial success: exit 1, as for any failed document, each failure named with its cause.
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.starts_with("ingested 1 new, 0 refreshed, 0 duplicate, 2 failed"), "{out}");
    assert!(err.contains("broken.json") && err.contains("not a JSON object"), "{err}");
    assert!(err.contains("bad-date.json") && err.contains("not a date"), "{err}");
    assert_eq!(stored(&db), vec![(None, None, Some("2020-05-07".to_string()))]);
}
