//! The PDF deck (`vsmap export --format pdf`): its pages counted from the
//! document's page tree, its page size, and its text read back with
//! poppler's `pdftotext` (where installed; `.ci/run` installs it): every
//! stream's name on its page, the findings and, when comparing, before and
//! after and the changes; its outline, a bookmark per part and per stream.
//! Hostile names are text like any other.

mod common;
use common::*;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use vsmap::analysis::{Finding, analyze_on};
use vsmap::diff::diff_analyzed;
use vsmap::export::{self, PageSize};
use vsmap::model::Map;

fn load(name: &str) -> Map {
    vsmap::io::load_file(&example_path(&format!("onboarding-{name}"))).unwrap()
}

fn findings(map: &Map) -> Arc<[Finding]> {
    analyze_on(map, jiff::civil::date(2026, 11, 24)).into()
}

fn deck(after: &Map, before: Option<&Map>, size: PageSize) -> Vec<u8> {
    let fa = findings(after);
    match before {
        None => export::pdf(after, &fa, None, size).expect("the deck is made"),
        Some(before) => {
            let fb = findings(before);
            let diff = diff_analyzed(before, &fb, after, &fa);
            let compared = export::Before {
                map: before,
                findings: &fb,
                diff: &diff,
            };
            export::pdf(after, &fa, Some(compared), size).expect("the deck is made")
        }
    }
}

/// The number in the page tree's `/Count` (pdf-writer writes the page tree
/// uncompressed).
fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    let at = text.find("/Type /Pages").expect("a page tree");
    let rest = &text[at..];
    let count = rest.find("/Count ").expect("a page count") + "/Count ".len();
    rest[count..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

/// Every page's media box, as written.
fn media_boxes(pdf: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/MediaBox [")
        .map(|(at, _)| {
            let rest = &text[at + "/MediaBox [".len()..];
            rest[..rest.find(']').unwrap()].to_string()
        })
        .collect()
}

/// The text of each page, by pdftotext, or `None` where it is not installed.
fn pages_text(pdf: &[u8]) -> Option<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deck.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = match Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
    {
        Ok(out) => out,
        Err(_) => {
            eprintln!(
                "note: pdftotext (poppler-utils) is not installed; the deck's text was not read back"
            );
            return None;
        }
    };
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // pdftotext ends each page with a form feed.
    Some(text.split('\u{c}').map(collapse).collect())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_deck_has_an_overview_a_page_per_stream_and_the_findings() {
    let map = load("current");
    let pdf = deck(&map, None, PageSize::A4);
    assert!(pdf.starts_with(b"%PDF-"));
    let pages = page_count(&pdf);
    // Overview, one per stream, at least one of findings.
    assert!(pages > 1 + map.streams.len(), "{pages} pages");
    let boxes = media_boxes(&pdf);
    assert_eq!(boxes.len(), pages);
    assert!(boxes.iter().all(|b| b == "0 0 841.89 595.28"), "{boxes:?}");
    // The outline lists the parts and every stream, in page order (the
    // document's own title comes after it).
    let raw = String::from_utf8_lossy(&pdf);
    let titles: Vec<&str> = raw
        .match_indices("/Title (")
        .map(|(at, _)| {
            let rest = &raw[at + "/Title (".len()..];
            &rest[..rest.find(')').unwrap()]
        })
        .collect();
    let mut expected = vec!["Overview".to_string()];
    expected.extend(map.streams.iter().map(|s| s.name.clone()));
    expected.push("Findings".into());
    expected.push(map.name.clone());
    assert_eq!(titles, expected);
    assert!(raw.contains("/PageMode /UseOutlines"));
    let Some(text) = pages_text(&pdf) else { return };
    assert!(text[0].contains(&collapse(&map.name)), "{}", text[0]);
    assert!(text[0].contains("24 services"), "{}", text[0]);
    for (k, stream) in map.streams.iter().enumerate() {
        let page = &text[1 + k];
        assert!(
            page.starts_with(&collapse(&stream.name)),
            "page {}: {page}",
            k + 2
        );
        assert!(
            page.contains("Handoffs") && page.contains("Flow efficiency"),
            "{page}"
        );
    }
    let findings_page = &text[1 + map.streams.len()];
    assert!(findings_page.starts_with("Findings"), "{findings_page}");
    assert!(
        findings_page.contains("4 errors, 34 warnings"),
        "{findings_page}"
    );
    assert!(
        text[pages - 1]
            .replace(' ', "")
            .ends_with(&format!("{pages}/{pages}")),
        "the last page's number: {}",
        text[pages - 1]
    );
}

#[test]
fn a_compared_deck_shows_before_and_after_per_stream_and_the_changes() {
    let (before, after) = (load("current"), load("proposed"));
    let pdf = deck(&after, Some(&before), PageSize::Wide);
    let boxes = media_boxes(&pdf);
    assert!(boxes.iter().all(|b| b == "0 0 960 540"), "{boxes:?}");
    let Some(text) = pages_text(&pdf) else { return };
    assert_eq!(
        text.iter().filter(|p| !p.is_empty()).count(),
        page_count(&pdf)
    );
    assert!(text[0].contains("Compared with"), "{}", text[0]);
    // Then the story on one page: each stream's figures, the findings by rule.
    let fb = findings(&before);
    let fa = findings(&after);
    let diff = diff_analyzed(&before, &fb, &after, &fa);
    let summary = &text[1];
    assert!(summary.starts_with("What changes"), "{summary}");
    for stream in &after.streams {
        assert!(summary.contains(&collapse(&stream.name)), "{summary}");
    }
    assert!(summary.contains("12 % -> 55 %"), "{summary}");
    assert!(
        summary.contains(&format!("Resolved ({})", diff.findings.resolved().len())),
        "{summary}"
    );
    for (k, stream) in after.streams.iter().enumerate() {
        let page = &text[2 + k];
        assert!(page.starts_with(&collapse(&stream.name)), "{page}");
        assert!(page.contains("Before") && page.contains("After"), "{page}");
        assert!(page.contains("Flow, before -> after"), "{page}");
    }
    let lines = vsmap::diff::render::review_lines(&diff);
    let changes = text
        .iter()
        .find(|p| p.starts_with(&format!("Changes ({})", lines.len())))
        .expect("a changes page");
    assert!(
        changes.contains(&collapse(&lines[0].text.replace('→', "->"))),
        "{changes}"
    );
}

#[test]
fn hostile_names_are_text_in_the_deck() {
    let mut map = load("current");
    let names = [
        "<script>alert(1)</script>",
        "O'Brien & \"Sons\"",
        "</svg><text>x",
    ];
    for (stream, name) in map.streams.iter_mut().zip(names) {
        stream.name = name.to_string();
    }
    map.services[0].name = names[2].into();
    let pdf = deck(&map, None, PageSize::A4);
    let Some(text) = pages_text(&pdf) else { return };
    for (k, name) in names.iter().enumerate() {
        assert!(
            text[1 + k].starts_with(name),
            "{:?} on page {}: {}",
            name,
            k + 2,
            text[1 + k]
        );
    }
}

#[test]
fn the_decks_text_is_the_same_every_time() {
    let map = load("current");
    let (a, b) = (
        deck(&map, None, PageSize::A4),
        deck(&map, None, PageSize::A4),
    );
    assert_eq!(page_count(&a), page_count(&b));
    if let (Some(ta), Some(tb)) = (pages_text(&a), pages_text(&b)) {
        assert_eq!(ta, tb);
    }
}

#[test]
fn cli_writes_a_deck_and_refuses_page_for_other_formats() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("review.pdf");
    let o = vsmap(&[
        "export",
        &example("onboarding-proposed"),
        "--format",
        "pdf",
        "--page",
        "wide",
        "--compare",
        &example("onboarding-current"),
        "--today",
        TODAY,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let pdf = std::fs::read(&out).unwrap();
    assert!(media_boxes(&pdf).iter().all(|b| b == "0 0 960 540"));
    let o = vsmap(&[
        "export",
        &example("onboarding-current"),
        "--format",
        "svg",
        "--page",
        "a4",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--page works only with --format pdf"),
        "{}",
        stderr(&o)
    );
    assert!(!Path::new(&dir.path().join("x.pdf")).exists());
}
