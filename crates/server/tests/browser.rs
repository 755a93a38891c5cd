//! The web page in a real browser: Debian's chromium, headless, driven through chromedriver
//! (WebDriver, fantoccini). These tests fail, never skip, when the browser is missing: install
//! it with `apt-get install -y chromium chromium-driver` (.ci/run does).
//! Set CHROMIUM and CHROMEDRIVER to use other binaries.
#![cfg(feature = "browser")]

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[cfg(feature = "shared-data")]
use common::seed_item;
use common::{enc, get, ingest_json, start, Options};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// One browser at a time: the machine has two cores.
static BROWSER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// chromedriver and its browser; both end when this is dropped.
struct Browser {
    client: Client,
    _driver: tokio::process::Child,
    _profile: tempfile::TempDir,
}

fn binary(var: &str, default: &str) -> PathBuf {
    let path = PathBuf::from(std::env::var(var).unwrap_or_else(|_| default.to_string()));
    assert!(
        path.exists(),
        "{} not found: the browser tests need Debian's chromium and chromium-driver \
         (apt-get install -y chromium chromium-driver), or {var}=PATH",
        path.display()
    );
    path
}

async fn browser() -> Browser {
    let chromium = binary("CHROMIUM", "/usr/bin/chromium");
    let chromedriver = binary("CHROMEDRIVER", "/usr/bin/chromedriver");
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
    let driver = tokio::process::Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display()));
    let deadline = Instant::now() + Duration::from_secs(30);
    while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not listen on port {port} within 30 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let profile = tempfile::tempdir().expect("profile dir");
    // As this machine requires: no sandbox (root), no GPU, and no background connections (the
    // network is closed), with a fresh profile.
    let args = vec![
        "--headless".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-dev-shm-usage".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--hide-scrollbars".into(),
        format!("--user-data-dir={}", profile.path().display()),
        "--window-size=1280,1600".into(),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), json!({ "binary": chromium, "args": args }));
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("WebDriver session with chromium");
    Browser { client, _driver: driver, _profile: profile }
}

/// Where a screenshot goes: the build directory, never the repository (a test run must not
/// rewrite committed files). `scripts/update_screenshots.sh` runs this test and copies the pages
/// of the openly licensed examples to docs/screenshots; pages of the seed article (someone
/// else's copyrighted news) are never copied.
fn screenshot_path(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir.join(name)
}

/// Saves a screenshot of the whole page (the window is sized to the page first).
async fn screenshot(c: &Client, width: u32, name: &str) {
    c.set_window_size(width, 900).await.expect("resize");
    let h = c.execute("return document.documentElement.scrollHeight", vec![]).await.expect("height");
    let h = h.as_u64().unwrap_or(1600).clamp(600, 6000) as u32;
    c.set_window_size(width, h + 140).await.expect("resize");
    let png = c.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    std::fs::write(screenshot_path(name), png).expect("write screenshot");
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The screenshots committed under docs/screenshots: the Wikinews examples only (CC BY 2.5).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn example_pages_for_the_docs() {
    let _one = BROWSER.lock().await;
    let srv = start(Options::default()).await;
    let base = format!("http://{}", srv.addr);
    let mut korea = None;
    for item in common::example_items() {
        let id = ingest_json(srv.addr, &item).await;
        if item["text"].as_str().is_some_and(|t| t.starts_with("North Korea puts military")) {
            korea = Some(id);
        }
    }
    let korea = korea.expect("the Korea example");
    let b = browser().await;
    let c = &b.client;
    c.goto(&format!("{base}/documents/{}", enc(&korea))).await.expect("open article");
    let highlighted = c.find_all(Locator::Css(".text .content")).await.expect("statements");
    assert!(!highlighted.is_empty(), "the example's statements are highlighted");
    screenshot(c, 1280, "article.png").await;
    c.set_window_size(390, 844).await.expect("phone");
    screenshot(c, 390, "article-phone.png").await;
    c.set_window_size(1280, 1600).await.expect("resize");
    let link = c.find(Locator::Css(".text a.speaker[href^=\"/entities/\"]")).await.expect("a linked speaker");
    link.click().await.expect("click speaker");
    c.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("h1.entity-name")).await.expect("entity page");
    screenshot(c, 1280, "entity.png").await;
    c.goto(&format!("{base}/entities/North%20Korea")).await.expect("entity");
    c.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("h1.entity-name")).await.expect("entity page");
    screenshot(c, 1280, "entity-north-korea.png").await;
    // The lists an analyst works from, at desktop and at phone width.
    for (path, name) in [
        ("/", "documents"),
        ("/statements", "statements"),
        ("/quantities", "numbers"),
        ("/quantities?counted=people", "numbers-people"),
        ("/entities/North%20Korea", "entity-phone-north-korea"),
    ] {
        c.goto(&format!("{base}{path}")).await.expect("open");
        if !name.contains("phone") {
            screenshot(c, 1280, &format!("{name}.png")).await;
        }
        screenshot(
            c,
            390,
            &format!("{}.png", if name.contains("phone") { name.to_string() } else { format!("{name}-phone") }),
        )
        .await;
    }
    b.client.close().await.expect("close");
}

/// axe-core, the accessibility engine (npm, MPL-2.0): never committed here; .ci/run installs it
/// under target/axe. AXE_CORE=PATH names another copy of axe.min.js. The test fails, never
/// skips, without it.
fn axe_source() -> String {
    let default = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/axe/node_modules/axe-core/axe.min.js");
    let path = std::env::var("AXE_CORE").unwrap_or_else(|_| default.to_string());
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("axe-core not found at {path} ({e}): npm install --prefix target/axe axe-core@4 (.ci/run does), or AXE_CORE=PATH")
    })
}

/// The violations axe-core finds on the open page: (rule, impact, elements, help).
async fn axe_violations(c: &Client, axe: &str) -> Vec<(String, String, u64, String)> {
    c.execute(&format!("{axe}\nreturn typeof axe;"), vec![]).await.expect("load axe-core");
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
                .then(r => done(r.violations.map(v => [v.id, v.impact || '', v.nodes.length, v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.any[0] && n.any[0].message || '')).join(' | ')])))
                .catch(e => done([['axe-error', 'critical', 0, String(e)]]));",
            vec![],
        )
        .await
        .expect("run axe-core");
    serde_json::from_value(found).expect("violations")
}

/// Every kind of page over the openly licensed examples: no serious or critical accessibility
/// violation (axe-core, WCAG 2 A/AA rules and best practices), and the keyboard reaches the
/// content first. The results per page are written to target/tmp/axe-results.md.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_passes_axe_core_and_the_keyboard_reaches_the_content() {
    let axe = axe_source();
    let _one = BROWSER.lock().await;
    let srv = start(Options::default()).await;
    let base = format!("http://{}", srv.addr);
    let mut korea = String::new();
    for item in common::example_items() {
        let id = ingest_json(srv.addr, &item).await;
        if item["text"].as_str().is_some_and(|t| t.starts_with("North Korea puts military")) {
            korea = id;
        }
    }
    let b = browser().await;
    let c = &b.client;
    let pages = [
        "/".to_string(),
        "/?sort=statements&since=2015-01-01".into(),
        "/entities".into(),
        "/entities/North%20Korea".into(),
        "/statements".into(),
        "/statements?stance=assert&hedged=false".into(),
        "/quantities".into(),
        "/quantities?counted=people".into(),
        "/search?q=troops".into(),
        format!("/documents/{}", enc(&korea)),
        "/claims".into(),
        "/claims/1".into(),
        "/claims/1?stance=asserts&limit=1".into(),
        "/no-such-page".into(),
    ];
    let mut report = String::from("| page | violations (rule, impact, elements) |\n|---|---|\n");
    let mut serious = Vec::new();
    for path in &pages {
        c.goto(&format!("{base}{path}")).await.expect("open");
        let found = axe_violations(c, &axe).await;
        let listed: Vec<String> = found.iter().map(|(id, impact, n, _)| format!("{id} ({impact}, {n})")).collect();
        report.push_str(&format!(
            "| `{path}` | {} |\n",
            if listed.is_empty() { "none".into() } else { listed.join(", ") }
        ));
        serious.extend(
            found
                .into_iter()
                .filter(|(_, impact, _, _)| impact == "serious" || impact == "critical")
                .map(|v| format!("{path}: {v:?}")),
        );
        // The first Tab lands on the skip link; following it puts the focus on the content.
        c.execute("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);", vec![])
            .await
            .expect("reset focus");
        c.find(Locator::Css("body")).await.expect("body").send_keys("\u{E004}").await.expect("Tab");
        let first = c.execute("return document.activeElement.textContent", vec![]).await.expect("focus");
        assert_eq!(first, "Skip to content", "{path}: the first Tab stop");
        c.active_element().await.expect("focused").send_keys("\u{E007}").await.expect("Enter");
        let focused = c.execute("return document.activeElement.id", vec![]).await.expect("focus");
        assert_eq!(focused, "main", "{path}: the skip link moves the focus to the content");
    }
    std::fs::write(Path::new(env!("CARGO_TARGET_TMPDIR")).join("axe-results.md"), &report).expect("write results");
    println!("{report}");
    assert!(serious.is_empty(), "serious or critical accessibility violations:\n{}", serious.join("\n"));
    b.client.close().await.expect("close");
}

#[cfg(feature = "shared-data")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seed_article_shows_its_statements_and_a_speaker_click_opens_the_speaker() {
    let _one = BROWSER.lock().await;
    let srv = start(Options::default()).await;
    let base = format!("http://{}", srv.addr);
    let id = ingest_json(srv.addr, &seed_item()).await;
    for item in common::example_items() {
        ingest_json(srv.addr, &item).await;
    }
    let api = get(srv.addr, &format!("/api/documents/{}", enc(&id))).await.json();
    let attributions = api["analysis"]["attributions"].as_array().expect("attributions").clone();
    assert!(attributions.len() >= 10, "statements found in the seed: {}", attributions.len());

    let b = browser().await;
    let c = &b.client;
    c.goto(&format!("{base}/documents/{}", enc(&id))).await.expect("open article");
    assert!(c.title().await.expect("title").contains("Biden urges Ukraine"), "the page is titled by the article");

    // Every statement is drawn in place, with its speaker's element naming the right speaker.
    let mut speakers: Vec<(Vec<usize>, String, String)> = Vec::new();
    for el in c.find_all(Locator::Css(".text a.speaker")).await.expect("speakers") {
        let ids = el.attr("data-stmt").await.expect("attr").unwrap_or_default();
        let ids = ids.split(' ').filter_map(|i| i.parse().ok()).collect();
        let href = el.attr("href").await.expect("href").unwrap_or_default();
        speakers.push((ids, squash(&el.text().await.expect("text")), href));
    }
    for (i, at) in attributions.iter().enumerate() {
        let content = c
            .find(Locator::Css(&format!(".text .content[data-stmt=\"{i}\"]")))
            .await
            .unwrap_or_else(|_| panic!("statement {i} is not highlighted"));
        assert!(!content.text().await.expect("text").trim().is_empty());
        if let Some(who) = at["speaker"]["text"].as_str() {
            let (_, shown, _) = speakers
                .iter()
                .find(|(ids, _, _)| ids.contains(&i))
                .unwrap_or_else(|| panic!("statement {i} has no speaker element"));
            assert_eq!(shown, &squash(who), "statement {i}'s speaker");
        }
    }

    // Patrick Ryder's statement: his name is the speaker element; the content names him.
    let (ryder_idx, ryder) = attributions
        .iter()
        .enumerate()
        .find(|(_, a)| a["speaker"]["text"].as_str().is_some_and(|s| s.contains("Patrick Ryder")))
        .expect("a statement by Patrick Ryder");
    let (_, shown, href) = speakers.iter().find(|(ids, _, _)| ids.contains(&ryder_idx)).expect("Ryder's speaker");
    assert!(shown.ends_with("Patrick Ryder"), "{shown}");
    assert!(href.starts_with("/entities/"), "{href}");
    let content = c.find(Locator::Css(&format!(".text .content[data-stmt=\"{ryder_idx}\"]"))).await.expect("content");
    let tip = content.attr("title").await.expect("title").unwrap_or_default();
    assert!(tip.contains("Patrick Ryder"), "{tip}");
    let ryder_said = squash(ryder["content"]["text"].as_str().expect("content"));
    // The statements table lists it with the same speaker.
    let row = c.find(Locator::Css(&format!("table.statements tr[data-stmt=\"{ryder_idx}\"]"))).await.expect("row");
    let row_text = squash(&row.text().await.expect("row text"));
    assert!(
        row_text.contains("Patrick Ryder") && row_text.contains(&ryder_said.chars().take(40).collect::<String>()),
        "{row_text}"
    );
    // Each heading's verdict is shown, with its evidence sentences listed and marked in the text.
    let headlines = api["analysis"]["headlines"].as_array().expect("headlines").clone();
    assert_eq!(headlines.len(), 2, "the seed's title and sub-heading");
    for (i, h) in headlines.iter().enumerate() {
        let row = c.find(Locator::Css(&format!("table.headlines tr[data-headline=\"{i}\"]"))).await.expect("row");
        let verdict = row.find(Locator::Css(".verdict")).await.expect("verdict");
        assert_eq!(verdict.text().await.expect("text"), h["verdict"].as_str().expect("a verdict"));
        let evidence =
            c.find_all(Locator::Css(&format!(".text .evidence[data-headline=\"{i}\"]"))).await.expect("evidence");
        assert!(!evidence.is_empty(), "heading {i}'s evidence is marked in the text");
        let first = squash(h["evidence"][0]["text"].as_str().expect("evidence text"));
        assert!(squash(&row.text().await.expect("row text")).contains(&first), "heading {i}'s evidence is listed");
    }
    // Boilerplate is marked (greyed) and never holds a statement.
    let boiler = c.find_all(Locator::Css(".text .bp")).await.expect("boilerplate");
    assert!(!boiler.is_empty(), "the seed's promotion and related-stories tail are marked");

    screenshot(c, 1280, "seed-article.png").await;
    // Phone width: nothing sticks out sideways.
    c.set_window_size(390, 844).await.expect("phone");
    let fits =
        c.execute("return document.documentElement.scrollWidth <= window.innerWidth + 1", vec![]).await.expect("js");
    assert_eq!(fits, Value::Bool(true), "the article page fits a phone's width");
    screenshot(c, 390, "seed-article-phone.png").await;
    c.set_window_size(1280, 1600).await.expect("resize");

    // Clicking the speaker opens the speaker's entity page, with the statement on it.
    let link = c.find(Locator::Css(&format!(".text a.speaker[href=\"{href}\"]"))).await.expect("link");
    link.click().await.expect("click speaker");
    let h1 = c
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("h1.entity-name"))
        .await
        .expect("entity page");
    assert_eq!(h1.text().await.expect("h1"), "Patrick Ryder");
    assert!(c.current_url().await.expect("url").path().starts_with("/entities/"));
    let said: Vec<String> = {
        let mut v = Vec::new();
        for cell in c.find_all(Locator::Css("table.statements td.said")).await.expect("cells") {
            v.push(squash(&cell.text().await.expect("cell")));
        }
        v
    };
    assert!(said.iter().any(|s| s == &ryder_said), "Ryder's statement on his page: {said:?}");
    let dots = c.find_all(Locator::Css("svg.timeline circle")).await.expect("chart");
    assert_eq!(dots.len(), said.len(), "one dot per dated statement on the timeline");
    screenshot(c, 1280, "seed-entity.png").await;

    // An entity quoted and mentioned across several articles.
    c.goto(&format!("{base}/entities/North%20Korea")).await.expect("entity");
    let bars = c.find_all(Locator::Css("svg.timeline rect.bar")).await.expect("bars");
    assert!(bars.len() >= 2, "North Korea appears in the seed and a Wikinews article");
    screenshot(c, 1280, "seed-entity-north-korea.png").await;
    b.client.close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn injected_markup_stays_inert_text() {
    let _one = BROWSER.lock().await;
    let srv = start(Options::default()).await;
    let base = format!("http://{}", srv.addr);
    let script = "<script>window.__xss = 1; alert(1)</script>";
    let img = "<img src=x onerror=\"window.__xss = 2; alert(1)\">";
    let text = format!(
        "Officials said {script} was found in the page.\nA spokesman said {img} appeared on Friday, \
         and the minister said <b onmouseover=alert(1)>nothing</b>.\n"
    );
    let id =
        ingest_json(srv.addr, &json!({ "title": format!("Attack {script}"), "published": "2024-11-02", "text": text }))
            .await;

    let b = browser().await;
    let c = &b.client;
    for path in [
        format!("/documents/{}", enc(&id)),
        "/search?q=alert".into(),
        "/statements?speaker=spokesman".into(),
        "/".into(),
    ] {
        c.goto(&format!("{base}{path}")).await.expect("open");
        let ran = c.execute("return typeof window.__xss", vec![]).await.expect("js");
        assert_eq!(ran, json!("undefined"), "{path}: injected script ran");
        assert!(c.get_alert_text().await.is_err(), "{path}: an alert is open");
        let imgs = c.execute("return document.querySelectorAll('main img, main b, main script').length", vec![]).await;
        assert_eq!(imgs.expect("js"), json!(0), "{path}: injected elements exist");
    }
    c.goto(&format!("{base}/documents/{}", enc(&id))).await.expect("open");
    let shown = c.find(Locator::Css(".text")).await.expect("text").text().await.expect("text");
    assert!(shown.contains(script), "the script shows literally: {shown}");
    assert!(shown.contains(img), "the img shows literally: {shown}");
    let h1 = c.find(Locator::Css("h1")).await.expect("h1").text().await.expect("h1");
    assert_eq!(h1, format!("Attack {script}"));
    b.client.close().await.expect("close");
}

/// Three dated reports of one troop deployment (the ingest crate's claims test data): the claim
/// page shows the denial beside the assertions and the numbers in date order, and a report's
/// link opens the article with its evidence marked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_page_shows_reports_by_stance_and_links_to_marked_evidence() {
    let _one = BROWSER.lock().await;
    let srv = start(Options::default()).await;
    let base = format!("http://{}", srv.addr);
    for line in include_str!("../../ingest/tests/data/troop_reports.jsonl").lines() {
        ingest_json(srv.addr, &serde_json::from_str(line).expect("feed line")).await;
    }
    let b = browser().await;
    let c = &b.client;
    c.goto(&format!("{base}/claims")).await.expect("claims");
    let first = c.find(Locator::Css("table.claims tbody tr td a")).await.expect("a claim");
    first.click().await.expect("open claim");
    c.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("h1.claim-text")).await.expect("claim page");
    let denies = c.find(Locator::Css(".stance-col.stance-denies")).await.expect("a denies column");
    assert!(denies.text().await.expect("text").contains("sending troops"));
    let numbers = c.find(Locator::Css("table.numbers")).await.expect("numbers").text().await.expect("text");
    let at = |s: &str| numbers.find(s).unwrap_or_else(|| panic!("{s} in {numbers}"));
    assert!(at("3,000") < at("10,000") && at("10,000") < at("12,000"), "date order: {numbers}");
    assert!(c.find(Locator::Css("svg.numbers circle")).await.is_ok(), "the numbers are drawn");
    screenshot(c, 1280, "claim.png").await;
    let evidence = denies.find(Locator::Css("blockquote a")).await.expect("evidence link");
    evidence.click().await.expect("open evidence");
    let mark = c
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(".text mark.evidence"))
        .await
        .expect("the evidence is marked");
    assert_eq!(mark.text().await.expect("text"), "sending troops to Russia");
    let listed = c.find(Locator::Css("ul.claims-of a")).await.expect("the article lists its claims");
    assert!(listed.attr("href").await.expect("href").unwrap_or_default().starts_with("/claims/"));
    b.client.close().await.expect("close");
}
