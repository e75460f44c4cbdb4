//! `vsmap export` and the exporters behind it: the real binary on the example
//! maps, with the expected output of every format checked in under
//! `tests/fixtures/export/`, and every exporter fed hostile names. After an
//! intended change of output, regenerate the fixtures with
//! `VSMAP_BLESS=1 cargo test --test export` and look at the diff (and at the
//! SVGs: they are pictures).

mod common;
use common::*;

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use quick_xml::Reader;
use quick_xml::events::Event;
use vsmap::analysis::{Finding, analyze_on};
use vsmap::export;
use vsmap::model::{Id, Map};

/// The path of an example map by its short name ("current", "proposed").
fn onboarding(name: &str) -> String {
    example(&format!("onboarding-{name}"))
}

/// Runs `vsmap export` on an example map and checks the result against its
/// fixture; returns the output.
fn export_example(name: &str, format: &str, extra: &[&str], fixture_name: &str) -> String {
    let file = onboarding(name);
    let mut args = vec!["export", &file, "--format", format, "--today", TODAY];
    args.extend_from_slice(extra);
    let out = vsmap(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_fixture("export", fixture_name, &text);
    text
}

fn load(name: &str) -> Map {
    vsmap::io::load_file(Path::new(&onboarding(name))).unwrap()
}

fn findings(map: &Map) -> Vec<Finding> {
    analyze_on(map, jiff::civil::date(2026, 11, 24))
}

/// Every event of an XML document, failing on malformed XML.
fn xml_events(xml: &str) -> Vec<Event<'static>> {
    let mut reader = Reader::from_str(xml);
    let mut events = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(e) => events.push(e.into_owned()),
            Err(e) => panic!("invalid XML at byte {}: {e}", reader.buffer_position()),
        }
    }
    events
}

/// The element names of an XML document, in order.
fn element_names(xml: &str) -> Vec<String> {
    xml_events(xml)
        .into_iter()
        .filter_map(|e| match e {
            Event::Start(s) | Event::Empty(s) => {
                Some(String::from_utf8(s.name().as_ref().to_vec()).unwrap())
            }
            _ => None,
        })
        .collect()
}

/// The unescaped text of every `<text>` element of an XML document, its
/// `<tspan>`s joined with spaces.
fn svg_labels(xml: &str) -> Vec<String> {
    let mut texts = Vec::new();
    let mut current: Option<Vec<String>> = None;
    let append = |current: &mut Option<Vec<String>>, s: &str| {
        if let Some(parts) = current.as_mut() {
            match parts.last_mut() {
                Some(last) => last.push_str(s),
                None => parts.push(s.to_string()),
            }
        }
    };
    for event in xml_events(xml) {
        match event {
            Event::Start(s) if s.name().as_ref() == b"text" => current = Some(Vec::new()),
            Event::Start(s) if s.name().as_ref() == b"tspan" => {
                if let Some(parts) = current.as_mut() {
                    parts.push(String::new());
                }
            }
            Event::End(e) if e.name().as_ref() == b"text" => {
                if let Some(parts) = current.take() {
                    texts.push(parts.join(" "));
                }
            }
            Event::Text(t) => append(&mut current, &t.decode().unwrap()),
            Event::GeneralRef(r) => {
                // quick-xml reports references apart from the text around them.
                let c = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => match r.decode().unwrap().as_ref() {
                        "amp" => "&".to_string(),
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "quot" => "\"".to_string(),
                        "apos" => "'".to_string(),
                        other => panic!("unexpected entity &{other};"),
                    },
                };
                append(&mut current, &c);
            }
            _ => {}
        }
    }
    texts
}

#[test]
fn svg_of_both_examples_matches_the_fixtures_and_is_valid_xml() {
    for name in ["current", "proposed"] {
        let svg = export_example(name, "svg", &[], &format!("{name}.svg"));
        let elements = element_names(&svg);
        assert_eq!(elements.first().map(String::as_str), Some("svg"));
        assert!(elements.iter().any(|e| e == "pattern"), "legacy hatching");
        assert!(elements.iter().any(|e| e == "marker"), "arrow heads");
        let labels = svg_labels(&svg);
        let map = load(name);
        assert!(labels.contains(&map.name), "title {:?}", map.name);
        for stream in &map.streams {
            assert!(labels.contains(&stream.name), "stream {:?}", stream.name);
        }
        for team in &map.teams {
            assert!(
                labels.iter().any(|l| l.starts_with(&team.name)),
                "legend lacks {:?}",
                team.name
            );
        }
        assert!(labels.contains(&"sync call".to_string()));
    }
}

#[test]
fn svg_of_one_stream_matches_the_fixture_and_shows_only_its_steps() {
    let svg = export_example(
        "current",
        "svg",
        &["--stream", "retail-onboarding"],
        "current.retail-onboarding.svg",
    );
    let map = load("current");
    let stream = map.stream("retail-onboarding").unwrap();
    let mut drawn: Vec<String> = svg
        .match_indices(r#"<g id="svc-"#)
        .map(|(i, m)| {
            let rest = &svg[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect();
    drawn.sort();
    let mut steps: Vec<String> = stream.steps.iter().map(|s| s.service.to_string()).collect();
    steps.sort();
    assert_eq!(drawn, steps);
    assert_eq!(svg.matches(r#"class="stream""#).count(), 1);
    let between_steps = map
        .links
        .iter()
        .filter(|l| stream.has_step(&l.from) && stream.has_step(&l.to))
        .count();
    assert_eq!(svg.matches(r#"<g class="link "#).count(), between_steps);
    let labels = svg_labels(&svg);
    assert!(labels.contains(&stream.name));
    assert!(!labels.iter().any(|l| l == "Order a debit card"));
}

#[test]
fn an_empty_map_and_unplaced_services_export_cleanly() {
    let empty = Map::default();
    let svg = export::svg(&empty, &[], None);
    assert_eq!(element_names(&svg).first().map(String::as_str), Some("svg"));
    assert!(svg_labels(&svg).contains(&"Value stream map".to_string()));
    check_with_graphviz(&export::dot(&empty, &[]));
    assert!(export::mermaid(&empty, &[]).starts_with("flowchart LR\n"));
    assert!(export::markdown_report(&empty, &[], None).contains("The map has no teams."));

    let mut map = load("current");
    for s in &mut map.services {
        s.x = None;
        s.y = None;
    }
    let f = findings(&map);
    let svg = export::svg(&map, &f, None);
    element_names(&svg);
    assert_eq!(svg.matches(r#"<g id="svc-"#).count(), map.services.len());

    let missing = Id::new("no-such-stream").unwrap();
    let svg = export::svg(&map, &f, Some(&missing));
    assert_eq!(svg.matches(r#"<g id="svc-"#).count(), 0);
    assert!(svg.contains("Value stream no-such-stream is not in this map"));
}

#[test]
fn markdown_of_both_examples_matches_the_fixtures() {
    let current = export_example("current", "markdown", &[], "current.md");
    assert!(current.starts_with("# Retail bank onboarding, current state\n"));
    assert!(current.contains("## Value streams"));
    assert!(
        current.contains(
            "| Onboard a new retail customer | New retail customer | Customer Onboarding |"
        )
    );
    assert!(
        current.contains(
            "#### `two-pizza`: An end-to-end change to the stream needs too many teams (4)"
        )
    );
    assert!(current.contains("**Fix:** "));
    assert!(current.contains("— **allowed**: Read-only, kept for the record-retention obligation"));
    assert!(!current.contains("→ Retail bank onboarding, proposed"));
    // The proposal, reviewed with the diff from today's map appended.
    let before = onboarding("current");
    let proposed = export_example(
        "proposed",
        "markdown",
        &["--compare", &before],
        "proposed.md",
    );
    assert!(proposed.contains(
        "\n## Retail bank onboarding, current state → Retail bank onboarding, proposed\n"
    ));
}

#[test]
fn mermaid_of_both_examples_matches_the_fixtures() {
    for name in ["current", "proposed"] {
        let mmd = export_example(name, "mermaid", &[], &format!("{name}.mmd"));
        assert!(mmd.starts_with("flowchart LR\n"));
        let map = load(name);
        let subgraphs = mmd.matches("\n    subgraph ").count();
        let ends = mmd.matches("\n    end\n").count();
        assert_eq!(subgraphs, ends);
        assert!(subgraphs > 0 && subgraphs <= map.teams.len());
        for line in mmd.lines() {
            assert_eq!(
                line.matches('"').count() % 2,
                0,
                "unbalanced quotes: {line}"
            );
        }
    }
}

#[test]
fn dot_of_both_examples_matches_the_fixtures() {
    for name in ["current", "proposed"] {
        let dot = export_example(name, "dot", &[], &format!("{name}.dot"));
        assert!(dot.starts_with("digraph \"vsmap\" {\n"));
        assert!(dot.contains("subgraph \"cluster_"));
        assert!(dot.contains("constraint=false"));
        check_with_graphviz(&dot);
    }
}

/// Runs `dot -Tsvg` on the output when Graphviz is installed.
fn check_with_graphviz(dot: &str) -> Option<String> {
    let found = Command::new("which")
        .arg("dot")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        println!("note: Graphviz `dot` is not installed; not checking that it accepts the output");
        return None;
    }
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dot");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "dot -Tsvg refused the output: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).trim().is_empty(),
        "dot -Tsvg warned: {}",
        stderr(&out)
    );
    Some(stdout(&out))
}

#[test]
fn exports_are_deterministic() {
    let map = load("current");
    let f = findings(&map);
    let id = Id::new("debit-card").unwrap();
    assert_eq!(export::svg(&map, &f, None), export::svg(&map, &f, None));
    assert_eq!(
        export::svg(&map, &f, Some(&id)),
        export::svg(&map, &f, Some(&id))
    );
    assert_eq!(
        export::markdown_report(&map, &f, None),
        export::markdown_report(&map, &f, None)
    );
    assert_eq!(export::mermaid(&map, &f), export::mermaid(&map, &f));
    assert_eq!(export::dot(&map, &f), export::dot(&map, &f));
}

/// The current example with three services renamed.
fn renamed(names: &[(&str, &str)]) -> Map {
    let mut map = load("current");
    for (id, name) in names {
        map.services
            .iter_mut()
            .find(|s| s.id.as_str() == *id)
            .unwrap()
            .name = (*name).to_string();
    }
    map
}

const SPECIAL: &str = "A & B <c> \"d\" 'e'";
const SCRIPT: &str = "<script>alert(1)</script>";
const EVIL: &str = "\"]; evil";

fn hostile() -> Map {
    let mut map = renamed(&[
        ("audit-trail", SPECIAL),
        ("api-gateway", SCRIPT),
        ("web-banking", EVIL),
    ]);
    map.teams[0].name = EVIL.into();
    map.streams[0].name = SCRIPT.into();
    map.links[0].label = EVIL.into();
    map
}

#[test]
fn svg_keeps_a_label_with_every_special_character_intact() {
    let map = renamed(&[("audit-trail", SPECIAL)]);
    let svg = export::svg(&map, &findings(&map), None);
    let labels = svg_labels(&svg);
    assert!(
        labels.iter().any(|l| l == SPECIAL),
        "no <text> reads {SPECIAL:?}"
    );
}

#[test]
fn hostile_names_stay_inert_text_in_svg() {
    let map = hostile();
    let f = findings(&map);
    for stream in [None, Some(Id::new("business-kyc").unwrap())] {
        let svg = export::svg(&map, &f, stream.as_ref());
        let elements = element_names(&svg);
        assert!(
            !elements.iter().any(|e| e == "script"),
            "a <script> element"
        );
        assert!(!svg.contains("<script"));
        if stream.is_none() {
            let labels = svg_labels(&svg);
            for name in [SCRIPT, EVIL, SPECIAL] {
                assert!(labels.iter().any(|l| l == name), "{name:?} not a label");
            }
        }
    }
}

#[test]
fn hostile_names_stay_inert_text_in_markdown() {
    let map = hostile();
    let md = export::markdown_report(&map, &findings(&map), None);
    assert!(!md.contains("<script"), "raw HTML in the report");
    assert!(md.contains("&lt;script>alert(1)&lt;/script>"));
    assert!(
        md.contains("| 1 | \"\\]; evil | Choose product | frontend | Digital Channels |"),
        "{md}"
    );
}

#[test]
fn hostile_names_stay_one_label_in_mermaid() {
    let map = hostile();
    let mmd = export::mermaid(&map, &findings(&map));
    assert!(!mmd.contains("<script"));
    assert!(!mmd.contains(EVIL));
    assert!(mmd.contains("    s_api_gateway{{\"#lt;script#gt;alert(1)#lt;/script#gt;\"}}\n"));
    assert!(mmd.contains("    s_web_banking[/\"#quot;]; evil\"/]\n"));
    assert!(mmd.contains("subgraph t_accounts[\"#quot;]; evil · stream-aligned\"]\n"));
    assert!(mmd.contains("-->|\"#quot;]; evil\"| "));
    for line in mmd.lines() {
        assert_eq!(
            line.matches('"').count() % 2,
            0,
            "unbalanced quotes: {line}"
        );
    }
}

#[test]
fn hostile_names_stay_one_label_in_dot() {
    let map = hostile();
    let dot = export::dot(&map, &findings(&map));
    assert!(dot.contains("\"web-banking\" [label=\"\\\"]; evil\", shape=tab"));
    assert!(dot.contains("graph [label=\"\\\"]; evil (stream-aligned)\""));
    if let Some(svg) = check_with_graphviz(&dot) {
        // Graphviz drew each name as one label.
        assert!(!element_names(&svg).iter().any(|e| e == "script"));
        let labels = svg_labels(&svg);
        for name in [SCRIPT, EVIL, SPECIAL] {
            assert!(labels.iter().any(|l| l == name), "{name:?} not a label");
        }
    }
}

#[test]
fn cli_writes_every_format_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = onboarding("current");
    for (format, ext) in [
        ("svg", "svg"),
        ("markdown", "md"),
        ("mermaid", "mmd"),
        ("dot", "dot"),
    ] {
        let target = dir.path().join(format!("map.{ext}"));
        std::fs::write(&target, "old").unwrap();
        let out = vsmap(&[
            "export",
            &file,
            "--format",
            format,
            "--today",
            TODAY,
            "-o",
            target.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(out.stdout.is_empty(), "-o writes nothing to stdout");
        let written = std::fs::read_to_string(&target).unwrap();
        let printed = vsmap(&["export", &file, "--format", format, "--today", TODAY]);
        assert_eq!(written, stdout(&printed), "{format}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".vsmap-save-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn cli_refuses_stream_and_compare_where_they_do_not_apply() {
    let file = onboarding("current");
    let out = vsmap(&[
        "export",
        &file,
        "--format",
        "markdown",
        "--stream",
        "debit-card",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--stream works only with --format svg"));
    assert!(out.stdout.is_empty());

    let out = vsmap(&["export", &file, "--format", "svg", "--stream", "no-such"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("no stream \"no-such\""), "{err}");
    assert!(err.contains("business-kyc, debit-card, retail-onboarding, savings-account"));

    let out = vsmap(&["export", &file, "--format", "svg", "--stream", "Not An Id"]);
    assert_eq!(out.status.code(), Some(2));

    let out = vsmap(&["export", &file, "--format", "dot", "--compare", &file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--compare works only with --format markdown"));
}

#[test]
fn cli_exits_2_when_a_file_does_not_load() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.vsmap.json");
    let target = dir.path().join("out.svg");
    let out = vsmap(&[
        "export",
        missing.to_str().unwrap(),
        "--format",
        "svg",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.vsmap.json"));
    assert!(!target.exists(), "nothing written");

    let broken = dir.path().join("broken.vsmap.json");
    std::fs::write(&broken, "{").unwrap();
    let out = vsmap(&[
        "export",
        &onboarding("current"),
        "--format",
        "markdown",
        "--compare",
        broken.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("broken.vsmap.json"));

    let out = vsmap(&["export", &onboarding("current"), "--format", "png"]);
    assert_eq!(out.status.code(), Some(2), "clap refuses an unknown format");
}

#[test]
fn teams_svg_of_both_examples_matches_the_fixtures_with_a_block_per_team() {
    for name in ["current", "proposed"] {
        let svg = export_example(name, "svg", &["--teams"], &format!("{name}.teams.svg"));
        assert_eq!(element_names(&svg).first().map(String::as_str), Some("svg"));
        let map = load(name);
        for team in &map.teams {
            assert!(
                svg.contains(&format!(r#"<g class="team team-{}">"#, team.id)),
                "no block for {}",
                team.id
            );
        }
        let overview = vsmap::overview::TeamOverview::laid_out(&map, &findings(&map));
        assert_eq!(
            svg.matches(r#"<g class="interaction">"#).count(),
            overview.arrows.len()
        );
        assert!(!overview.arrows.is_empty());
    }
}

#[test]
fn teams_works_only_with_svg() {
    let file = onboarding("current");
    let out = vsmap(&["export", &file, "--format", "markdown", "--teams"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--teams works only with --format svg"),
        "{}",
        stderr(&out)
    );
}
