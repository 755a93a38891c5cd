//! The JSON API against a real server on port 0: every route documented in openapi.json is
//! called, and its real status and body are checked against the description; errors, ingest
//! with its token, body limits and CORS.

mod common;

use std::collections::BTreeSet;

use common::{enc, get, ingest_json, korea_item, post_without_body, request, start, Options, Resp, TOKEN};
use serde_json::{json, Value};

fn spec() -> Value {
    serde_json::from_str(dossier_server::OPENAPI).expect("openapi.json is JSON")
}

fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.strip_prefix("#/components/schemas/").expect("local ref");
            let target = &spec["components"]["schemas"][name];
            assert!(!target.is_null(), "dangling $ref {r}");
            resolve(spec, target)
        }
        None => schema,
    }
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        other => panic!("unknown schema type {other}"),
    }
}

/// Checks `v` against a JSON schema subset: type, enum, required, properties, items.
fn conforms(spec: &Value, schema: &Value, v: &Value, at: &str) -> Result<(), String> {
    let schema = resolve(spec, schema);
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => panic!("bad type in schema at {at}"),
        };
        if !types.iter().any(|t| type_ok(t, v)) {
            return Err(format!("{at}: expected {types:?}, got {v}"));
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        if !values.contains(v) {
            return Err(format!("{at}: {v} not in {values:?}"));
        }
    }
    if let Some(obj) = v.as_object() {
        for key in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
            let key = key.as_str().expect("required key");
            if !obj.contains_key(key) {
                return Err(format!("{at}: missing required {key:?} in {}", Value::Object(obj.clone())));
            }
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (k, sub) in props {
                if let Some(x) = obj.get(k) {
                    conforms(spec, sub, x, &format!("{at}.{k}"))?;
                }
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, x) in arr.iter().take(50).enumerate() {
            conforms(spec, items, x, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

/// Checks a real response against the description of `method template`; returns the body.
fn check(spec: &Value, method: &str, template: &str, r: &Resp) -> Value {
    let op = &spec["paths"][template][method];
    assert!(op.is_object(), "{method} {template} is not documented");
    let status = r.status.to_string();
    let documented = &op["responses"][&status];
    assert!(documented.is_object(), "{method} {template} answered {status}, which is not documented: {}", r.body);
    let schema = &documented["content"]["application/json"]["schema"];
    assert!(
        r.header("content-type").is_some_and(|c| c.starts_with("application/json")),
        "{method} {template}: not JSON"
    );
    let body = r.json();
    if let Err(e) = conforms(spec, schema, &body, "$") {
        panic!("{method} {template} {status}: {e}");
    }
    body
}

#[tokio::test]
async fn every_documented_route_answers_as_described() {
    let spec = spec();
    let srv = start(Options::default()).await;
    let a = srv.addr;
    for item in common::example_items() {
        ingest_json(a, &item).await;
    }
    // Stored already: the same id back, nothing new.
    let korea_id = ingest_json(a, &korea_item()).await;
    let auth = format!("Bearer {TOKEN}");
    let mut seen = BTreeSet::new();
    let mut call = |method: &'static str, template: &'static str| {
        seen.insert((method, template));
        (method, template)
    };

    let cases: Vec<((&str, &str), String, u16)> = vec![
        (call("get", "/api/documents"), "/api/documents?limit=5&offset=1".into(), 200),
        (call("get", "/api/documents/{id}"), format!("/api/documents/{}", enc(&korea_id)), 200),
        (call("get", "/api/documents/{id}"), "/api/documents/sha256%3Anope".into(), 404),
        (call("get", "/api/search"), "/api/search?q=loudspeakers".into(), 200),
        (call("get", "/api/search"), "/api/search".into(), 400),
        (call("get", "/api/search"), "/api/search?q=loudspeakers&limit=0".into(), 400),
        (call("get", "/api/documents"), "/api/documents?limit=0".into(), 400),
        (call("get", "/api/documents"), "/api/documents?sort=statements&limit=3".into(), 200),
        (call("get", "/api/documents"), "/api/documents?since=2015-08-21&until=2015-08-21&sort=title".into(), 200),
        (call("get", "/api/documents"), "/api/documents?speaker=Korean%20Central%20News%20Agency".into(), 200),
        (call("get", "/api/documents"), "/api/documents?sort=random".into(), 400),
        (call("get", "/api/documents"), "/api/documents?verdict=maybe".into(), 400),
        (call("get", "/api/documents"), "/api/documents?format=xml".into(), 400),
        (call("get", "/api/entities"), "/api/entities?kind=person&offset=1&limit=5".into(), 200),
        (call("get", "/api/search"), "/api/search?q=loudspeakers&offset=1&limit=1".into(), 200),
        (call("get", "/api/entities"), "/api/entities?limit=20".into(), 200),
        (call("get", "/api/entities/{name}"), "/api/entities/Korean%20Central%20News%20Agency".into(), 200),
        (call("get", "/api/entities/{name}"), "/api/entities/Nobody%20At%20All".into(), 404),
        (call("get", "/api/statements"), "/api/statements?speaker=kcna&since=2015-01-01&until=2015-12-31".into(), 200),
        (call("get", "/api/statements"), "/api/statements?entity=North%20Korea&hedged=false&stance=assert".into(), 200),
        (call("get", "/api/statements"), "/api/statements?stance=bogus".into(), 400),
        (call("get", "/api/statements"), "/api/statements?since=yesterday".into(), 400),
        (call("get", "/api/statements"), "/api/statements?limit=many".into(), 400),
        (call("get", "/api/quantities"), "/api/quantities?counted=people".into(), 200),
        (call("get", "/api/quantities"), "/api/quantities".into(), 200),
        (call("get", "/api/events"), "/api/events?type=mobilize&since=2015-01-01&limit=50".into(), 200),
        (call("get", "/api/events"), "/api/events?actor=north%20korea&offset=1".into(), 200),
        (call("get", "/api/events"), "/api/events?type=PARTY".into(), 400),
        (call("get", "/api/claims"), "/api/claims?min_documents=1&limit=5".into(), 200),
        (call("get", "/api/claims"), "/api/claims?about=Nobody%20At%20All".into(), 404),
        (call("get", "/api/claims"), "/api/claims?since=yesterday".into(), 400),
        (call("get", "/api/claims/{id}"), "/api/claims/1".into(), 200),
        (call("get", "/api/claims/{id}"), "/api/claims/999999".into(), 404),
        (call("get", "/api/claims/{id}"), "/api/claims/one".into(), 400),
        (call("get", "/api/stats"), "/api/stats".into(), 200),
        (call("get", "/api/openapi.json"), "/api/openapi.json".into(), 200),
    ];
    let mut bodies = Vec::new();
    for ((method, template), path, want) in cases {
        let r = get(a, &path).await;
        assert_eq!(r.status, want, "GET {path}: {}", r.body);
        bodies.push((path, check(&spec, method, template, &r)));
    }
    // The body of the call whose path is `p` exactly, or else the first that starts with it.
    let body = |p: &str| {
        let exact = bodies.iter().find(|(path, _)| path == p);
        exact.or_else(|| bodies.iter().find(|(path, _)| path.starts_with(p))).map(|(_, b)| b.clone()).expect(p)
    };

    // What the routes returned, beyond their shape.
    let docs = body("/api/documents?");
    assert_eq!(docs["total"], 8, "the 8 Wikinews articles");
    assert_eq!(docs["items"].as_array().map(Vec::len), Some(5));
    let doc = body("/api/documents/sha256%3A");
    let attributions = doc["analysis"]["attributions"].as_array().expect("attributions");
    assert!(attributions.len() >= 4, "the Korea article has 5 statements; found {}", attributions.len());
    assert_eq!(doc["document"]["published"], "2015-08-21");
    let kcna = body("/api/entities/Korean");
    assert_eq!(kcna["name"], "Korean Central News Agency");
    assert!(!kcna["statements"].as_array().expect("statements").is_empty());
    let by_kcna = body("/api/statements?speaker=kcna");
    assert!(by_kcna["items"].as_array().is_some_and(|a| !a.is_empty()));
    let people = body("/api/quantities?counted");
    assert!(people["items"].as_array().is_some_and(|a| !a.is_empty()));
    let nouns = body("/api/quantities");
    assert!(nouns["nouns"].as_array().is_some_and(|a| !a.is_empty()));
    assert_eq!(body("/api/stats")["documents"], 8);
    let mobilize = body("/api/events?type=mobilize");
    let items = mobilize["items"].as_array().expect("events");
    assert!(!items.is_empty() && items.iter().all(|e| e["type"] == "MOBILIZE"), "{mobilize}");
    assert!(items.windows(2).all(|w| w[0]["published"].as_str() <= w[1]["published"].as_str()));
    assert_eq!(body("/api/events?type=PARTY")["error"]["code"], "bad_request");
    assert_eq!(body("/api/statements?stance=bogus")["error"]["code"], "bad_request");
    assert_eq!(body("/api/documents/sha256%3Anope")["error"]["code"], "not_found");

    // Filters, orders and pages.
    let by_count = body("/api/documents?sort=statements");
    let counts: Vec<u64> =
        by_count["items"].as_array().unwrap().iter().map(|d| d["statements"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    let that_day = body("/api/documents?since=2015-08-21");
    assert!(that_day["total"].as_u64().is_some_and(|n| n >= 1), "{that_day}");
    assert!(that_day["items"].as_array().unwrap().iter().all(|d| d["published"] == "2015-08-21"));
    let by_kcna_docs = body("/api/documents?speaker=");
    assert!(by_kcna_docs["items"].as_array().unwrap().iter().any(|d| d["id"] == korea_id.as_str()), "{by_kcna_docs}");
    let people = body("/api/entities?kind=person");
    assert!(
        people["total"].as_u64().unwrap() > 5
            && people["items"].as_array().unwrap().iter().all(|e| e["kind"] == "person")
    );
    assert_eq!(people["offset"], 1);
    let second = body("/api/search?q=loudspeakers&offset=1");
    let first = body("/api/search?q=loudspeakers");
    assert_eq!(second["items"][0], first["items"][1], "the second page starts where the first went on");

    // Every list as CSV: a header, then one row per item of the same list as JSON.
    for (path, column) in [
        ("/api/documents?limit=5", "title"),
        ("/api/entities?limit=20", "aliases"),
        ("/api/entities/Korean%20Central%20News%20Agency", "speaker_entity"),
        ("/api/statements?entity=North%20Korea", "content"),
        ("/api/search?q=loudspeakers", "snippet"),
        ("/api/quantities?counted=people", "counted"),
        ("/api/quantities", "head_quantities"),
        ("/api/events?limit=50", "trigger"),
        ("/api/claims?limit=5", "first_seen.date"),
    ] {
        let json = get(a, path).await.json();
        let items =
            json.get("items").or_else(|| json.get("statements")).and_then(Value::as_array).cloned().unwrap_or_default();
        let items = if path == "/api/quantities" { json["nouns"].as_array().cloned().unwrap() } else { items };
        let r = get(a, &format!("{path}{}format=csv", if path.contains('?') { "&" } else { "?" })).await;
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert!(r.header("content-type").is_some_and(|c| c.starts_with("text/csv")), "{path}");
        assert!(r.header("content-disposition").is_some_and(|c| c.starts_with("attachment")), "{path}");
        let mut reader = csv::Reader::from_reader(r.body.as_bytes());
        let header = reader.headers().unwrap().clone();
        assert!(items.is_empty() || header.iter().any(|h| h == column), "{path}: no {column} in {header:?}");
        assert_eq!(reader.records().map(Result::unwrap).count(), items.len(), "{path}");
        assert!(!items.is_empty(), "{path}: nothing to export");
    }

    // POST ingest: each documented answer.
    let post = |headers: Vec<(&'static str, String)>, body: &'static [u8]| async move {
        let h: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        request(a, "POST", "/api/documents", &h, body).await
    };
    seen.insert(("post", "/api/documents"));
    let text = b"Officials said 300 troops arrived on Friday.";
    let plain = || vec![("Authorization", auth.clone()), ("Content-Type", "text/plain; charset=utf-8".to_string())];
    // (headers, body, expected status, expected error code or "" for success)
    type PostCase<'a> = (Vec<(&'a str, String)>, &'a [u8], u16, &'a str);
    let cases: Vec<PostCase> = vec![
        (plain(), text, 201, ""),
        (plain(), text, 200, ""),
        (vec![("Content-Type", "text/plain".into())], text, 401, "unauthorized"),
        (vec![("Authorization", "Bearer wrong-token-xxxxxxxx".into())], text, 401, "unauthorized"),
        // The scheme in any case; another scheme with the right token is refused.
        (
            vec![("Authorization", format!("bearer {TOKEN}")), ("Content-Type", "text/plain".into())],
            b"Officials said 40 ships left the port on Monday.",
            201,
            "",
        ),
        (vec![("Authorization", format!("Basic {TOKEN}"))], text, 401, "unauthorized"),
        (
            vec![("Authorization", auth.clone()), ("Content-Type", "image/png".into())],
            text,
            415,
            "unsupported_media_type",
        ),
        (plain(), b"   \n", 400, "bad_request"),
        (
            vec![("Authorization", auth.clone()), ("Content-Type", "application/json".into())],
            b"{\"text\": 5}",
            400,
            "bad_request",
        ),
        (
            vec![("Authorization", auth.clone()), ("Content-Type", "application/json".into())],
            b"{\"text\": \"x y\", \"published\": \"someday\"}",
            400,
            "bad_request",
        ),
        // The feed type `dossier ingest` reads: a page in `html` is extracted, as on the command line.
        (
            vec![("Authorization", auth.clone()), ("Content-Type", "application/json".into())],
            br#"{"url": "https://example.org/kyiv", "outlet": "Example News", "html": "<html><head><title>Troops arrive</title></head><body><article><h1>Troops arrive</h1><p>Officials in Kyiv said on Friday that 300 troops had arrived at the border, and that more would follow within the week.</p><p>The ministry declined to say where the troops had come from or how long they would stay.</p></article></body></html>"}"#,
            201,
            "",
        ),
        (
            vec![("Authorization", auth.clone()), ("Content-Type", "application/json".into())],
            br#"{"html": "<html><body></body></html>"}"#,
            400,
            "bad_request",
        ),
    ];
    for (headers, b, want, code) in cases {
        let r = post(headers, b).await;
        assert_eq!(r.status, want, "{}", r.body);
        let out = check(&spec, "post", "/api/documents", &r);
        if code.is_empty() {
            assert_eq!(out["inserted"], if want == 201 { "new" } else { "duplicate" });
        } else {
            assert_eq!(out["error"]["code"], code);
        }
    }
    assert_eq!(r_status(get(a, "/api/stats").await), 200);

    // Every route in the description was called.
    let documented: BTreeSet<(String, String)> = spec["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(p, ops)| ops.as_object().expect("ops").keys().map(move |m| (m.clone(), p.clone())))
        .collect();
    let called: BTreeSet<(String, String)> = seen.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    assert_eq!(documented, called, "documented routes vs routes the test called");
}

fn r_status(r: Resp) -> u16 {
    r.status
}

#[tokio::test]
async fn read_only_by_default_and_limits_hold() {
    let spec = spec();
    let ro = start(Options { ingest: false, ..Options::default() }).await;
    let auth = format!("Bearer {TOKEN}");
    let r = request(ro.addr, "POST", "/api/documents", &[("Authorization", &auth)], b"Some text said here.").await;
    assert_eq!(r.status, 403);
    assert_eq!(check(&spec, "post", "/api/documents", &r)["error"]["code"], "ingest_disabled");

    let small = start(Options { max_body: 1024, ..Options::default() }).await;
    let big = vec![b'a'; 4096];
    let r = request(
        small.addr,
        "POST",
        "/api/documents",
        &[("Authorization", &auth), ("Content-Type", "text/plain")],
        &big,
    )
    .await;
    assert_eq!(r.status, 413, "{}", r.body);
    assert_eq!(check(&spec, "post", "/api/documents", &r)["error"]["code"], "payload_too_large");

    // A document whose analysis runs past the budget is answered 422 and not stored.
    let hurried = start(Options { doc_budget: Some(std::time::Duration::from_nanos(1)), ..Options::default() }).await;
    let text = b"Ryder said the talks failed.";
    let r = request(
        hurried.addr,
        "POST",
        "/api/documents",
        &[("Authorization", &auth), ("Content-Type", "text/plain")],
        text,
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(check(&spec, "post", "/api/documents", &r)["error"]["code"], "over_budget");
    assert!(r.body.contains("past the per-document budget"), "{}", r.body);
    assert_eq!(get(hurried.addr, "/api/documents").await.json()["total"], 0);

    // Refused before the body is read: read-only, no token, a declared length over the limit.
    let huge = 1u64 << 40;
    let r = post_without_body(ro.addr, &[("Authorization", &auth)], huge).await.expect("answered at once");
    assert_eq!(r.status, 403);
    let r = post_without_body(small.addr, &[], huge).await.expect("answered at once");
    assert_eq!(r.status, 401);
    let r = post_without_body(small.addr, &[("Authorization", &auth)], huge).await.expect("answered at once");
    assert_eq!(r.status, 413);

    // Errors outside the documented routes are JSON with a stable code too.
    let r = get(ro.addr, "/api/nothing/here").await;
    assert_eq!((r.status, r.json()["error"]["code"].as_str()), (404, Some("not_found")));
    let r = request(ro.addr, "DELETE", "/api/documents", &[], b"").await;
    assert_eq!((r.status, r.json()["error"]["code"].as_str()), (405, Some("method_not_allowed")));
    // Pages answer unknown paths with an HTML page.
    let r = get(ro.addr, "/no/such/page").await;
    assert_eq!(r.status, 404);
    assert!(r.header("content-type").is_some_and(|c| c.starts_with("text/html")));
    // So do path segments that are not UTF-8, on every page that takes one.
    for path in ["/entities/%FF", "/documents/%FF%FE", "/claims/%C3"] {
        let r = get(ro.addr, path).await;
        assert_eq!(r.status, 400, "{path}: {}", r.body);
        assert!(r.header("content-type").is_some_and(|c| c.starts_with("text/html")), "{path}");
    }
    let r = get(ro.addr, "/api/entities/%FF").await;
    assert_eq!((r.status, r.json()["error"]["code"].as_str()), (400, Some("bad_request")));
}

/// DNS rebinding: a page on evil.example that points its name at 127.0.0.1 reaches the local
/// server with `Host: evil.example`; only this machine's names are answered by default.
#[tokio::test]
async fn only_this_machines_host_names_are_answered() {
    let srv = start(Options { ingest: false, ..Options::default() }).await;
    let port = srv.addr.port();
    for host in [
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "localhost".into(),
    ] {
        let r = request(srv.addr, "GET", "/api/stats", &[("Host", &host)], b"").await;
        assert_eq!(r.status, 200, "{host}: {}", r.body);
    }
    for host in [format!("evil.example:{port}"), "evil.example".into(), format!("127.0.0.1.evil.example:{port}")] {
        for path in ["/api/stats", "/"] {
            let r = request(srv.addr, "GET", path, &[("Host", &host)], b"").await;
            assert_eq!((r.status, r.json()["error"]["code"].as_str()), (400, Some("bad_request")), "{host}{path}");
            assert!(r.header("content-security-policy").is_some(), "{host}{path}");
        }
    }
}

#[tokio::test]
async fn cors_is_closed_unless_an_origin_is_named() {
    let closed = start(Options { ingest: false, ..Options::default() }).await;
    let r = request(closed.addr, "GET", "/api/stats", &[("Origin", "https://evil.example")], b"").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), None);
    let pre = request(
        closed.addr,
        "OPTIONS",
        "/api/documents",
        &[("Origin", "https://evil.example"), ("Access-Control-Request-Method", "POST")],
        b"",
    )
    .await;
    assert_eq!(pre.header("access-control-allow-origin"), None);

    let open =
        start(Options { ingest: false, cors_origin: Some("https://ok.example".into()), ..Options::default() }).await;
    let r = request(open.addr, "GET", "/api/stats", &[("Origin", "https://ok.example")], b"").await;
    assert_eq!(r.header("access-control-allow-origin"), Some("https://ok.example"));
    let r = request(open.addr, "GET", "/api/stats", &[("Origin", "https://evil.example")], b"").await;
    assert_ne!(r.header("access-control-allow-origin"), Some("https://evil.example"));
}

#[tokio::test]
async fn pages_escape_article_text() {
    let srv = start(Options::default()).await;
    let a = srv.addr;
    let evil = json!({
        "title": "<script>window.__xss = 1</script> headline",
        "published": "2024-11-02",
        "text": "Officials said <script>alert(1)</script> and <img src=x onerror=alert(1)> were found.\n\
                 The <b>minister</b> said \"<a href=javascript:alert(1)>click</a>\" on Friday.\n",
    });
    let id = ingest_json(a, &evil).await;
    for path in [
        format!("/documents/{}", enc(&id)),
        "/statements?speaker=officials".to_string(),
        "/search?q=script".to_string(),
        "/".to_string(),
    ] {
        let r = get(a, &path).await;
        assert_eq!(r.status, 200, "{path}");
        assert!(r.header("content-security-policy").is_some_and(|c| c.contains("script-src 'self'")));
        for bad in ["<script>alert", "<script>window", "<img src=x", "<b>minister", "<a href=javascript"] {
            assert!(!r.body.contains(bad), "{path} contains {bad:?} unescaped");
        }
    }
    let page = get(a, &format!("/documents/{}", enc(&id))).await.body;
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the script shows as text");
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"), "the img shows as text");
    assert!(page.contains("<title>&lt;script&gt;window.__xss = 1&lt;/script&gt; headline · Dossier</title>"));
}

#[tokio::test]
async fn the_claim_page_shows_its_drift_with_both_evidences() {
    let srv = start(Options::default()).await;
    let a = srv.addr;
    let mut ids = Vec::new();
    for line in include_str!("../../ingest/tests/data/drift_reports.jsonl").lines() {
        ids.push(ingest_json(a, &serde_json::from_str(line).unwrap()).await);
    }
    let claims = get(a, "/api/claims").await.json();
    let id = claims["items"][0]["id"].as_i64().or_else(|| claims[0]["id"].as_i64()).expect("a claim");
    let page = get(a, &format!("/claims/{id}")).await;
    assert_eq!(page.status, 200);
    let panel = &page.body[page.body.find("<section class=\"drift\" id=\"drift\">").expect("a drift panel")..];
    assert!(panel.contains("<strong>Daily Planet relays Reuters</strong>"), "{panel}");
    assert!(panel.contains("number grew: &quot;about 10,000&quot; → &quot;over 12,000&quot;"), "{panel}");
    assert!(panel.contains("<li class=\"change-denial_dropped\">"), "{panel}");
    assert!(panel.contains("Harbour Times: its own words against a source it quotes"), "{panel}");
    // Both evidences link into their articles, marked: the source's in Reuters, the relayer's in
    // the Daily Planet.
    let (reuters, planet) = (enc(&ids[0]), enc(&ids[1]));
    assert!(panel.contains(&format!("href=\"/documents/{reuters}?hl=56-108#hl\"")), "{panel}");
    assert!(panel.contains(&format!("href=\"/documents/{planet}?hl=48-98#hl\"")), "{panel}");
    assert!(panel.contains("6 pairs compared, 2 unchanged"), "{panel}");

    // The claim as JSON a page of reports at a time: the pages make up the whole, each says how
    // many there are, and each carries the number series of all of them.
    let whole = get(a, &format!("/api/claims/{id}")).await.json();
    let total = whole["reports_total"].as_u64().expect("reports_total");
    assert_eq!(whole["reports"].as_array().unwrap().len() as u64, total);
    assert!(total >= 3, "{whole}");
    let mut paged = Vec::new();
    for offset in 0..total {
        let page = get(a, &format!("/api/claims/{id}?offset={offset}&limit=1")).await.json();
        assert_eq!(page["reports_total"], whole["reports_total"]);
        assert_eq!(page["numbers"], whole["numbers"]);
        paged.extend(page["reports"].as_array().unwrap().clone());
    }
    assert_eq!(serde_json::Value::Array(paged), whole["reports"]);

    // The page, one stance's reports a page at a time: the stance with the most reports, one
    // report a page, walked forwards.
    let reports = whole["reports"].as_array().unwrap();
    let stance_of = |r: &serde_json::Value| r["stance"].as_str().unwrap().to_string();
    let stance =
        reports.iter().map(stance_of).max_by_key(|s| reports.iter().filter(|r| stance_of(r) == *s).count()).unwrap();
    let of_stance: Vec<&serde_json::Value> = reports.iter().filter(|r| stance_of(r) == stance).collect();
    assert!(of_stance.len() >= 2, "{whole}");
    for (offset, report) in of_stance.iter().enumerate() {
        let page = get(a, &format!("/claims/{id}?stance={stance}&offset={offset}&limit=1")).await;
        assert_eq!(page.status, 200);
        let evidence = report["evidence"]["text"].as_str().unwrap();
        assert!(page.body.contains(&dossier_server::html::esc(evidence)), "report {offset} of {stance}: {evidence}");
        assert_eq!(page.body.matches("<li><p class=\"meta\">").count(), 1, "{}", page.body);
        assert_eq!(page.body.contains("rel=\"prev\""), offset > 0);
        assert_eq!(page.body.contains("rel=\"next\""), offset + 1 < of_stance.len());
        assert!(page.body.contains(&format!("{}–{} of {}", offset + 1, offset + 1, of_stance.len())));
        assert!(!page.body.contains("id=\"drift\""), "no drift section on a stance's page");
    }
    let bogus = get(a, &format!("/claims/{id}?stance=shrugs")).await;
    assert_eq!(bogus.status, 400);
    assert!(bogus.body.contains("unknown stance"), "{}", bogus.body);
}
