//! Everything downstream of loading, run on a map that loaded: shared by the
//! property tests in `tests/hostile_input.rs` and the fuzz target in
//! `fuzz/fuzz_targets/load_map.rs` (which includes this file by path), so
//! both check the same invariants. Panics on any broken one.

use vsmap::analysis::analyze_on;
use vsmap::diff::{diff, render};
use vsmap::export::{dot, markdown_report, mermaid, svg};
use vsmap::io::{from_json, parse_date, to_canonical_json};
use vsmap::model::Map;

/// Loads `bytes`; on success runs [`downstream`], on failure checks that the
/// error says where. Returns whether the bytes loaded.
pub fn load_and_use(bytes: &[u8]) -> bool {
    match from_json(bytes) {
        Ok(map) => {
            downstream(&map);
            true
        }
        Err(e) => {
            check_error(&e);
            false
        }
    }
}

/// A load error must say what and where: a field path, a line, or the
/// header problem, never an empty or placeless message.
pub fn check_error(e: &vsmap::io::ParseError) {
    use vsmap::io::ParseError;
    let message = e.to_string();
    assert!(!message.trim().is_empty(), "empty message for {e:?}");
    assert!(
        message.len() < 20_000,
        "a {} byte message: {}…",
        message.len(),
        message.chars().take(300).collect::<String>()
    );
    match e {
        ParseError::Syntax {
            line,
            column,
            message,
        }
        | ParseError::Field {
            line,
            column,
            message,
            ..
        } => {
            assert!(*line >= 1 && *column >= 1, "no position in {e:?}");
            assert!(!message.trim().is_empty(), "{e:?}");
        }
        ParseError::Invalid(problems) => {
            assert!(!problems.is_empty());
            for p in problems {
                assert!(!p.path.is_empty() && !p.message.is_empty(), "{p:?}");
            }
        }
        ParseError::NotAMap { found } | ParseError::BadVersion { found } => {
            assert!(!found.is_empty())
        }
        ParseError::NewerVersion { version } => assert!(*version > 1),
    }
    if let ParseError::Field { path, .. } = e {
        assert!(!path.is_empty(), "{e:?}");
    }
}

/// Analysis, the canonical save and its reload, the diff both ways and its
/// application, and every exporter, on a map that loaded.
pub fn downstream(map: &Map) {
    let today = parse_date("2026-11-24").expect("a valid date");
    let findings = analyze_on(map, today);

    // Saving gives a file that loads back to the same map, byte for byte.
    let canonical = to_canonical_json(map);
    let again = from_json(canonical.as_bytes())
        .unwrap_or_else(|e| panic!("the saved form does not load: {e}\n{canonical}"));
    assert_eq!(
        to_canonical_json(&again),
        canonical,
        "load + save is not stable"
    );
    let mut sorted = map.clone();
    sorted.canonicalize();
    assert_eq!(again, sorted, "the saved form loads as another map");

    // The diff from nothing builds the map; with itself it is empty.
    let empty = Map::default();
    let from_nothing = diff(&empty, map, today);
    let built = from_nothing
        .apply(&empty)
        .unwrap_or_else(|e| panic!("the diff from an empty map does not apply: {e}"));
    assert_eq!(to_canonical_json(&built), canonical);
    assert_eq!(from_nothing.reversed(), diff(map, &empty, today));
    let same = diff(map, &again, today);
    assert!(
        same.teams.is_empty() && same.services.is_empty() && same.streams.is_empty(),
        "a map differs from its own saved form"
    );
    for d in [&from_nothing, &same] {
        render::text(d, true);
        render::markdown(d, true);
        render::json(d, true);
    }

    // Every exporter, the SVG also for each stream (a few at most).
    well_formed_xml(&svg(map, &findings, None));
    for stream in map.streams.iter().take(3) {
        well_formed_xml(&svg(map, &findings, Some(&stream.id)));
    }
    markdown_report(map, &findings, Some(&from_nothing));
    mermaid(map, &findings);
    dot(map, &findings);
}

/// Panics unless `xml` is well-formed: whatever a file holds, the SVG export
/// opens in a browser.
pub fn well_formed_xml(xml: &str) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Text(t)) => {
                if let Err(e) = t.decode() {
                    panic!("undecodable text at byte {}: {e}", reader.buffer_position());
                }
            }
            Ok(_) => {}
            Err(e) => panic!("invalid XML at byte {}: {e}", reader.buffer_position()),
        }
    }
    assert_eq!(depth, 0, "unclosed elements");
}
