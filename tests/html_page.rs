//! The interactive page (`vsmap export --format html`): parsed by an HTML5
//! parser (every name present as text, hostile names inert, no id twice,
//! its Content-Security-Policy allowing exactly its script and style, its
//! size), and driven in a real browser: headless Chromium loads the page in
//! a frame of a harness page, clicks a stream, a finding, a change and the
//! view switch, and reports what is highlighted. Where no Chromium is
//! installed, the browser tests say so and pass (`.ci/run` installs one).

mod common;
use common::*;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use base64::Engine as _;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use sha2::{Digest, Sha256};
use vsmap::analysis::{Finding, analyze_on};
use vsmap::diff::diff_analyzed;
use vsmap::export;
use vsmap::generate::{GenerateOptions, generate};
use vsmap::model::Map;

fn load(name: &str) -> Map {
    vsmap::io::load_file(&example_path(&format!("onboarding-{name}"))).unwrap()
}

fn findings(map: &Map) -> Arc<[Finding]> {
    analyze_on(map, jiff::civil::date(2026, 11, 24)).into()
}

/// The page of `after`, compared with `before` when given.
fn page(after: &Map, before: Option<&Map>) -> String {
    let fa = findings(after);
    match before {
        None => export::html(after, &fa, None),
        Some(before) => {
            let fb = findings(before);
            let diff = diff_analyzed(before, &fb, after, &fa);
            export::html(
                after,
                &fa,
                Some(export::Before {
                    map: before,
                    findings: &fb,
                    diff: &diff,
                }),
            )
        }
    }
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// An element's text, whitespace collapsed.
fn text_of(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The JSON data block, parsed.
fn data(doc: &Html) -> Value {
    let block = doc
        .select(&sel(r#"script[type="application/json"]#vsmap-data"#))
        .next()
        .expect("a data block");
    serde_json::from_str(&block.text().collect::<String>()).expect("the data block is JSON")
}

#[test]
fn every_service_and_stream_name_is_text_on_the_page() {
    for (after, before) in [("current", None), ("proposed", Some("current"))] {
        let map = load(after);
        let before = before.map(load);
        let html = page(&map, before.as_ref());
        let doc = Html::parse_document(&html);
        assert!(
            doc.errors.len() < 5,
            "{after}: parse errors {:?}",
            doc.errors
        );
        let layer = doc
            .select(&sel("#layer-after"))
            .next()
            .expect("the after layer");
        for s in &map.services {
            let node = layer
                .select(&sel(&format!(r#"g.service[data-id="{}"]"#, s.id)))
                .next()
                .unwrap_or_else(|| panic!("{after}: no node for {}", s.id));
            let label: Vec<String> = node.select(&sel(":scope > text")).map(text_of).collect();
            assert_eq!(
                collapse(&label.join(" ")),
                collapse(&s.name),
                "{after}: the label of {}",
                s.id
            );
        }
        let listed: Vec<String> = doc
            .select(&sel(r#"aside .streams[data-map="after"] .stream-item"#))
            .map(text_of)
            .collect();
        let names: Vec<String> = map.streams.iter().map(|s| collapse(&s.name)).collect();
        assert_eq!(listed, names, "{after}: the streams listed");
        let data = data(&doc);
        assert_eq!(
            data["after"]["services"].as_object().unwrap().len(),
            map.services.len()
        );
        assert_eq!(data["before"].is_null(), before.is_none());
    }
}

#[test]
fn a_compared_page_has_the_switch_both_pictures_and_every_change() {
    let (before, after) = (load("current"), load("proposed"));
    let doc = Html::parse_document(&page(&after, Some(&before)));
    let views: Vec<String> = doc.select(&sel("[data-view]")).map(text_of).collect();
    assert_eq!(views, ["Before", "After", "Overlay"]);
    assert_eq!(doc.select(&sel(".layer svg")).count(), 2);
    let fb = findings(&before);
    let fa = findings(&after);
    let diff = diff_analyzed(&before, &fb, &after, &fa);
    let lines = vsmap::diff::render::review_lines(&diff);
    let changes: Vec<String> = doc.select(&sel("button.change")).map(text_of).collect();
    assert_eq!(changes.len(), lines.len());
    assert_eq!(changes[0], collapse(&lines[0].text));
    // Two pictures in one page keep their ids apart.
    let mut ids = BTreeSet::new();
    for e in doc.select(&sel("[id]")) {
        let id = e.value().id().unwrap().to_string();
        assert!(ids.insert(id.clone()), "id {id:?} twice");
    }
    assert!(ids.contains("before-svc-kyc-check") && ids.contains("svc-kyc-check"));
}

const HOSTILE: [&str; 6] = [
    "<script>parent.pwned = 1</script>",
    "</script><script>parent.pwned = 2</script>",
    "\"><svg onload=\"parent.pwned = 3\">",
    "<img src=x onerror=\"parent.pwned = 4\">",
    "O'Brien & \"Sons\" </style>",
    "\u{202e}evil\u{202c} مرحبا",
];

/// The current example with hostile names on services, a team, streams, a
/// description and a link label.
fn hostile_map() -> Map {
    let mut map = load("current");
    for (s, name) in map.services.iter_mut().zip(HOSTILE) {
        s.name = name.to_string();
        s.description = name.to_string();
    }
    map.teams[0].name = HOSTILE[1].into();
    for (s, name) in map.streams.iter_mut().zip(HOSTILE.iter().rev()) {
        s.name = name.to_string();
        s.customer = HOSTILE[2].into();
    }
    map.links[0].label = HOSTILE[3].into();
    map
}

#[test]
fn hostile_names_stay_text() {
    let map = hostile_map();
    let html = page(&map, Some(&load("current")));
    let doc = Html::parse_document(&html);
    assert_eq!(
        doc.select(&sel("script")).count(),
        2,
        "only the data block and the script"
    );
    assert_eq!(doc.select(&sel("img")).count(), 0);
    assert_eq!(doc.select(&sel("style")).count(), 1);
    for e in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        for (name, _) in e.value().attrs() {
            assert!(!name.starts_with("on"), "<{} {name}>", e.value().name());
        }
    }
    // Every name reads back whole: as a stream button's text and from the data block.
    let listed: Vec<String> = doc
        .select(&sel(r#"aside .streams[data-map="after"] .stream-item"#))
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect();
    for s in &map.streams {
        assert!(listed.contains(&s.name), "{:?} not listed as text", s.name);
    }
    let data = data(&doc);
    for s in &map.services {
        assert_eq!(
            data["after"]["services"][s.id.as_str()]["name"],
            s.name.as_str()
        );
        assert_eq!(
            data["after"]["services"][s.id.as_str()]["description"],
            s.description.as_str()
        );
    }
}

#[test]
fn the_policy_allows_exactly_the_inline_script_and_style() {
    let html = page(&load("current"), None);
    let doc = Html::parse_document(&html);
    let policy = doc
        .select(&sel(r#"meta[http-equiv="Content-Security-Policy"]"#))
        .next()
        .expect("a policy")
        .value()
        .attr("content")
        .unwrap()
        .to_string();
    let hash = |text: &str| {
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
        )
    };
    let script = doc
        .select(&sel("script:not([type])"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    let style = doc
        .select(&sel("style"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    assert!(
        policy.contains(&format!("script-src {}", hash(&script))),
        "{policy}"
    );
    assert!(
        policy.contains(&format!("style-src {}", hash(&style))),
        "{policy}"
    );
    assert!(!policy.contains("unsafe"), "{policy}");
    // The typeface is included, as data the policy allows.
    assert!(
        style.contains("src:url(data:font/ttf;base64,"),
        "no font in the style"
    );
    assert!(policy.contains("font-src data:"), "{policy}");
    // Nothing is fetched: no address anywhere but the SVG namespace.
    for url in ["http://", "https://", "//fonts"] {
        let outside = html.matches(url).count()
            - html.matches("http://www.w3.org/2000/svg").count() * usize::from(url == "http://");
        assert_eq!(outside, 0, "{url} in the page");
    }
}

#[test]
fn pages_are_small_deterministic_and_grow_linearly() {
    for name in ["current", "proposed"] {
        let map = load(name);
        let html = page(&map, None);
        assert!(html.len() < 1_000_000, "{name}: {} bytes", html.len());
        assert_eq!(html, page(&map, None), "{name}: not deterministic");
    }
    let compared = page(&load("proposed"), Some(&load("current")));
    assert!(
        compared.len() < 1_000_000,
        "compared: {} bytes",
        compared.len()
    );
    let per_service = |n: usize| {
        let map = generate(&GenerateOptions::with_services(n));
        page(&map, None).len() as f64 / n as f64
    };
    let (small, large) = (per_service(250), per_service(2_000));
    assert!(
        large < small * 1.5,
        "bytes per service: {small:.0} at 250, {large:.0} at 2,000"
    );
}

#[test]
fn cli_writes_a_page_and_takes_compare() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("review.html");
    let o = vsmap(&[
        "export",
        &example("onboarding-proposed"),
        "--format",
        "html",
        "--compare",
        &example("onboarding-current"),
        "--today",
        TODAY,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(r#"data-view="overlay""#));
}

// --- In a real browser.

/// Chromium, if one is installed (`VSMAP_CHROMIUM` names another).
fn chromium() -> Option<PathBuf> {
    if let Ok(path) = std::env::var("VSMAP_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|dir| {
        [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ]
        .iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file())
    })
}

/// The harness: the page in a frame; once it has loaded, `steps` (a
/// script's body, with `d` the page's document and `out` an object to fill)
/// run, and `out` is written into the harness as JSON.
const HARNESS: &str = r#"<!DOCTYPE html><html><body><pre id="out">pending</pre>
<iframe id="f" src="page.html" width="1400" height="900"></iframe>
<script src="harness.js"></script></body></html>"#;

fn in_browser(browser: &Path, html: &str, steps: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), html).unwrap();
    std::fs::write(dir.path().join("harness.html"), HARNESS).unwrap();
    let script = format!(
        "var f = document.getElementById('f');\n\
         f.addEventListener('load', function () {{\n\
           var out = {{}};\n\
           try {{ var d = f.contentDocument; var w = f.contentWindow;\n{steps}\n}}\n\
           catch (e) {{ out.error = String(e); }}\n\
           out.pwned = window.pwned || null;\n\
           document.getElementById('out').textContent = JSON.stringify(out);\n\
         }});"
    );
    std::fs::write(dir.path().join("harness.js"), script).unwrap();
    let profile = dir.path().join("profile");
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--allow-file-access-from-files",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!(
            "file://{}",
            dir.path().join("harness.html").display()
        ))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&output.stdout);
    let doc = Html::parse_document(&dom);
    let out = doc
        .select(&sel("#out"))
        .next()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_default();
    let value: Value = serde_json::from_str(&out).unwrap_or_else(|_| {
        panic!(
            "the harness did not report: {out:?}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    assert!(value["error"].is_null(), "in the page: {}", value["error"]);
    value
}

/// The ids of the elements matching a selector, as the script reads them.
const IDS: &str = "function ids(sel) { return Array.prototype.map.call(d.querySelectorAll(sel), function (n) { return n.getAttribute('data-id'); }).sort(); }";

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn in_a_browser_a_stream_and_a_finding_highlight_their_services() {
    let Some(browser) = chromium() else {
        eprintln!("note: no Chromium installed (or VSMAP_CHROMIUM); the browser test did not run");
        return;
    };
    let map = load("current");
    let f = findings(&map);
    let html = export::html(&map, &f, None);
    let stream = &map.streams[0];
    let live: Vec<&Finding> = f.iter().filter(|f| !f.allowed).collect();
    let (i, finding) = live
        .iter()
        .enumerate()
        .find(|(_, f)| {
            f.subjects.len() > 1 && f.subjects.iter().all(|s| map.service(s.as_str()).is_some())
        })
        .expect("a finding about two services");
    let steps = format!(
        "{IDS}\n\
         d.querySelector('[data-stream=\"{stream}\"]').click();\n\
         out.focused = ids('.layer g.service.on');\n\
         out.card = d.querySelector('aside .streams .card').textContent;\n\
         out.cardHidden = d.querySelector('aside .streams .card').hidden;\n\
         d.querySelector('[data-finding=\"{i}\"]').click();\n\
         out.hit = ids('.layer g.service.hit');\n\
         out.dimmed = w.getComputedStyle(d.querySelector('.layer g.service:not(.hit)')).opacity;\n\
         d.dispatchEvent(new w.KeyboardEvent('keydown', {{ key: 'Escape' }}));\n\
         out.afterEscape = ids('.layer .hit, .layer .on');\n\
         out.transform = d.getElementById('world').style.transform;",
        stream = stream.id
    );
    let out = in_browser(&browser, &html, &steps);
    let mut expected: Vec<String> = stream.steps.iter().map(|s| s.service.to_string()).collect();
    expected.sort();
    expected.dedup();
    assert_eq!(strings(&out["focused"]), expected);
    assert_eq!(out["cardHidden"], false);
    assert!(
        out["card"].as_str().unwrap().contains(&stream.name),
        "{}",
        out["card"]
    );
    let mut subjects: Vec<String> = finding.subjects.iter().map(|s| s.to_string()).collect();
    subjects.sort();
    assert_eq!(strings(&out["hit"]), subjects);
    assert_eq!(out["dimmed"], "0.25");
    assert!(strings(&out["afterEscape"]).is_empty());
    assert!(
        out["transform"].as_str().unwrap().contains("scale("),
        "not fitted: {}",
        out["transform"]
    );
}

#[test]
fn in_a_browser_the_view_switch_and_a_change_work() {
    let Some(browser) = chromium() else {
        eprintln!("note: no Chromium installed (or VSMAP_CHROMIUM); the browser test did not run");
        return;
    };
    let html = page(&load("proposed"), Some(&load("current")));
    let steps = "function shown() { return ['layer-before', 'layer-after'].filter(function (id) { return !d.getElementById(id).hidden; }); }\n\
         out.start = shown();\n\
         d.querySelector('[data-view=\"before\"]').click(); out.before = shown();\n\
         out.beforeLists = w.getComputedStyle(d.querySelector('aside .streams[data-map=\"before\"]')).display;\n\
         d.querySelector('[data-view=\"overlay\"]').click(); out.overlay = shown();\n\
         out.faded = w.getComputedStyle(d.getElementById('layer-before')).opacity;\n\
         var change = d.querySelector('button.change[data-services]:not([data-services=\"\"])');\n\
         change.click();\n\
         out.changeServices = change.getAttribute('data-services').split(' ').sort();\n\
         out.hit = Array.prototype.map.call(d.querySelectorAll('#layer-after g.service.hit'), function (n) { return n.getAttribute('data-id'); }).sort();";
    let out = in_browser(&browser, &html, steps);
    assert_eq!(strings(&out["start"]), ["layer-after"]);
    assert_eq!(strings(&out["before"]), ["layer-before"]);
    assert_eq!(out["beforeLists"], "block");
    assert_eq!(strings(&out["overlay"]), ["layer-before", "layer-after"]);
    assert_eq!(out["faded"], "0.35");
    let after = load("proposed");
    let in_after: Vec<String> = strings(&out["changeServices"])
        .into_iter()
        .filter(|id| after.service(id).is_some())
        .collect();
    assert!(!in_after.is_empty());
    assert_eq!(strings(&out["hit"]), in_after);
}

#[test]
fn in_a_browser_hostile_names_stay_text() {
    let Some(browser) = chromium() else {
        eprintln!("note: no Chromium installed (or VSMAP_CHROMIUM); the browser test did not run");
        return;
    };
    let map = hostile_map();
    let html = page(&map, Some(&load("current")));
    let steps = "out.scripts = d.querySelectorAll('script').length;\n\
         out.images = d.querySelectorAll('img').length;\n\
         out.streams = Array.prototype.map.call(d.querySelectorAll('aside .streams[data-map=\"after\"] .stream-item'), function (b) { return b.textContent.trim(); });\n\
         Array.prototype.forEach.call(d.querySelectorAll('aside .stream-item'), function (b) { b.click(); });\n\
         var svc = d.querySelector('#layer-after g.service');\n\
         svc.dispatchEvent(new w.MouseEvent('mousemove', { bubbles: true, clientX: 200, clientY: 200 }));\n\
         out.tip = d.getElementById('tip').textContent;";
    let out = in_browser(&browser, &html, steps);
    assert!(
        out["pwned"].is_null(),
        "a name ran as script: {}",
        out["pwned"]
    );
    assert_eq!(out["scripts"], 2);
    assert_eq!(out["images"], 0);
    let listed = strings(&out["streams"]);
    for s in &map.streams {
        assert!(
            listed.contains(&s.name),
            "{:?} not text in {listed:?}",
            s.name
        );
    }
    assert!(
        out["tip"].as_str().unwrap().contains(HOSTILE[0]),
        "{}",
        out["tip"]
    );
}
