//! Writing the page: head with its content security policy, the header and
//! its tools, the picture(s), the side lists (changes, streams, findings),
//! the data block and the script.
//!
//! The lists are written here as markup, so that the page reads (and
//! prints) without its script; the script only adds pan and zoom, hover
//! details and highlighting, reading ids from `data-` attributes and
//! everything else from the data block.

use std::fmt::Write as _;

use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::data::{live, page_data, script_safe_json, tone_word};
use crate::analysis::{Finding, count_by_severity};
use crate::diff::MapDiff;
use crate::diff::render::{review_lines, verdict};
use crate::export::compared::Before;
use crate::export::display_text::{map_title, one_line};
use crate::export::svg::{esc, svg_with_id_prefix, without_prolog};
use crate::model::Map;
use crate::palette::{self, hex};

/// The page's script: pan and zoom, hover, focus and highlight.
const SCRIPT: &str = include_str!("page.js");
/// The page's style, after the theme's colours (see [`style`]).
const STYLE: &str = include_str!("page.css");

/// One self-contained HTML page of the map: the picture the SVG export draws
/// (the canvas' geometry), with an inline script for pan and zoom, hover
/// details, focusing a stream with its flow card and highlighting a
/// finding's subjects; with `before`, a Before / After / Overlay switch and
/// the list of changes.
///
/// Nothing is fetched: the script and style are inline and a
/// Content-Security-Policy allows only them (by hash). Every user string is
/// escaped for where it goes: markup text and attributes by entity, the
/// data block as JSON with `<`, `>` and `&` escaped. Deterministic: the same
/// maps give the same bytes.
pub fn html(map: &Map, findings: &[Finding], before: Option<Before<'_>>) -> String {
    let data = page_data(
        map,
        findings,
        before.as_ref().map(|b| (b.map, b.findings, b.diff)),
    );
    // The two pictures are the page's cost (routing every link): drawn side
    // by side on two threads when comparing.
    let (after_svg, before_svg) = std::thread::scope(|scope| {
        let before_svg = before
            .as_ref()
            .map(|b| scope.spawn(|| svg_with_id_prefix(b.map, b.findings, "before-")));
        let after_svg = svg_with_id_prefix(map, findings, "");
        // A panic in the drawing is a bug; it is passed on as it is.
        let before_svg =
            before_svg.map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        (after_svg, before_svg)
    });
    let style = style();
    let title = map_title(map);
    let mut out = String::with_capacity(256 * 1024);
    let _ = writeln!(out, "<!DOCTYPE html>");
    let _ = writeln!(out, r#"<html lang="en">"#);
    let _ = writeln!(out, "<head>");
    let _ = writeln!(out, r#"<meta charset="utf-8">"#);
    let _ = writeln!(
        out,
        r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src '{}'; style-src '{}'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'">"#,
        csp_hash(SCRIPT),
        csp_hash(&style)
    );
    let _ = writeln!(
        out,
        r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
    );
    let _ = writeln!(
        out,
        r#"<meta name="generator" content="vsmap {}">"#,
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(out, "<title>{}</title>", esc(&title));
    let _ = writeln!(out, "<style>{style}</style>");
    let _ = writeln!(out, "</head>");
    let _ = writeln!(out, r#"<body class="view-after">"#);
    header(&mut out, &title, before.as_ref());
    let _ = writeln!(out, "<main>");
    let _ = writeln!(
        out,
        r#"<section id="viewport" aria-label="The map: drag to pan, scroll to zoom" tabindex="0"><div id="world">"#
    );
    if let Some(svg) = &before_svg {
        let _ = writeln!(
            out,
            r#"<div class="layer" id="layer-before" data-map="before" hidden>"#
        );
        out.push_str(without_prolog(svg));
        let _ = writeln!(out, "</div>");
    }
    let _ = writeln!(
        out,
        r#"<div class="layer" id="layer-after" data-map="after">"#
    );
    out.push_str(without_prolog(&after_svg));
    let _ = writeln!(out, "</div>");
    let _ = writeln!(
        out,
        r#"</div><div id="tip" role="tooltip" hidden></div></section>"#
    );
    let _ = writeln!(out, "<aside>");
    streams(&mut out, map, "after");
    if let Some(b) = &before {
        streams(&mut out, b.map, "before");
        changes(&mut out, b.diff);
    }
    findings_list(&mut out, findings, "after");
    if let Some(b) = &before {
        findings_list(&mut out, b.findings, "before");
    }
    let _ = writeln!(out, "</aside>");
    let _ = writeln!(out, "</main>");
    let _ = writeln!(
        out,
        r#"<script type="application/json" id="vsmap-data">{}</script>"#,
        script_safe_json(&data)
    );
    let _ = writeln!(out, "<script>{SCRIPT}</script>");
    let _ = writeln!(out, "</body>");
    let _ = writeln!(out, "</html>");
    out
}

/// The header: the title, what is compared, and the tools.
fn header(out: &mut String, title: &str, before: Option<&Before<'_>>) {
    let _ = writeln!(out, "<header>");
    let _ = writeln!(out, "<h1>{}</h1>", esc(title));
    if let Some(b) = before {
        let _ = writeln!(
            out,
            r#"<p class="compared">Compared with <cite>{}</cite>: {}</p>"#,
            esc(&map_title(b.map)),
            esc(&verdict(b.diff))
        );
    }
    let _ = writeln!(out, r#"<nav class="tools" aria-label="View">"#);
    if before.is_some() {
        let _ = writeln!(
            out,
            r#"<span class="views" role="group" aria-label="Which map">"#
        );
        for (view, label, pressed) in [
            ("before", "Before", false),
            ("after", "After", true),
            ("overlay", "Overlay", false),
        ] {
            let _ = writeln!(
                out,
                r#"<button type="button" data-view="{view}" aria-pressed="{pressed}">{label}</button>"#
            );
        }
        let _ = writeln!(out, "</span>");
    }
    for (id, label, hint) in [
        ("zoom-out", "\u{2212}", "Zoom out (-)"),
        ("zoom-in", "+", "Zoom in (+)"),
        ("fit", "Fit", "Fit the map (0)"),
        ("clear", "Clear", "Clear the focus (Esc)"),
        ("print", "Print", "Print or save as PDF"),
    ] {
        let _ = writeln!(
            out,
            r#"<button type="button" id="{id}" title="{hint}">{label}</button>"#
        );
    }
    let _ = writeln!(out, "</nav>");
    let _ = writeln!(out, "</header>");
}

/// The changes from the map before, grouped as the compare view lists them.
fn changes(out: &mut String, diff: &MapDiff) {
    let lines = review_lines(diff);
    let _ = writeln!(
        out,
        r#"<details class="changes" open><summary><h2>Changes ({})</h2></summary>"#,
        lines.len()
    );
    if lines.is_empty() {
        let _ = writeln!(out, "<p>The two maps are the same.</p>");
    }
    let mut group = None;
    for (i, line) in lines.iter().enumerate() {
        if group != Some(line.group) {
            if group.is_some() {
                let _ = writeln!(out, "</ol>");
            }
            group = Some(line.group);
            let _ = writeln!(out, "<h3>{}</h3><ol>", line.group.title());
        }
        let services: Vec<&str> = line.services.iter().map(|id| id.as_str()).collect();
        let _ = writeln!(
            out,
            r#"<li class="{tone}"><button type="button" class="change" data-change="{i}" data-services="{}">{}</button></li>"#,
            esc(&services.join(" ")),
            esc(&line.text),
            tone = tone_word(line.tone)
        );
    }
    if group.is_some() {
        let _ = writeln!(out, "</ol>");
    }
    let _ = writeln!(out, "</details>");
}

/// The streams of one map, each a button that focuses it, and the card the
/// script fills with the focused stream's figures.
fn streams(out: &mut String, map: &Map, which: &str) {
    let _ = writeln!(
        out,
        r#"<section class="streams" data-map="{which}"><h2>Value streams ({})</h2>"#,
        map.streams.len()
    );
    if map.streams.is_empty() {
        let _ = writeln!(out, "<p>This map has no value streams.</p>");
    } else {
        let _ = writeln!(out, "<ul>");
        for (i, s) in map.streams.iter().enumerate() {
            let color = hex(palette::stream_color(i, s));
            let customer = one_line(&s.customer);
            let _ = writeln!(
                out,
                r#"<li><button type="button" class="stream-item" data-stream="{}" aria-pressed="false"><svg width="14" height="14" aria-hidden="true"><rect x="1" y="5" width="12" height="4" rx="2" fill="{color}"/></svg> {}</button>{}</li>"#,
                s.id,
                esc(&one_line(&s.name)),
                if customer.trim().is_empty() {
                    String::new()
                } else {
                    format!(r#" <span class="customer">for {}</span>"#, esc(&customer))
                }
            );
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(
        out,
        r#"<div class="card" aria-live="polite" hidden></div></section>"#
    );
}

/// The live findings of one map, worst first as the analysis orders them,
/// each a button that highlights its subjects.
fn findings_list(out: &mut String, findings: &[Finding], which: &str) {
    let live: Vec<&Finding> = live(findings).collect();
    let [errors, warnings, info] = count_by_severity(findings);
    let _ = writeln!(
        out,
        r#"<details class="findings" data-map="{which}" open><summary><h2>Findings ({})</h2></summary><p class="counts">{errors} errors, {warnings} warnings, {info} info</p>"#,
        live.len(),
    );
    if live.is_empty() {
        let _ = writeln!(out, "<p>No findings.</p>");
    } else {
        let _ = writeln!(out, "<ol>");
        for (i, f) in live.iter().enumerate() {
            let subjects: Vec<&str> = f.subjects.iter().map(|id| id.as_str()).collect();
            let _ = writeln!(
                out,
                r#"<li class="{sev}"><button type="button" class="finding" data-finding="{i}" data-subjects="{}"><span class="rule">{} · {}</span> {}</button></li>"#,
                esc(&subjects.join(" ")),
                f.severity.as_str(),
                f.rule,
                esc(&f.message),
                sev = f.severity.as_str()
            );
        }
        let _ = writeln!(out, "</ol>");
    }
    let _ = writeln!(out, "</details>");
}

/// The editor's typeface (Ubuntu Light), included so that the page reads
/// as the editor does on any machine without fetching a font; then the
/// theme's colours as CSS custom properties; then the page's style (which
/// takes every colour from them).
fn style() -> String {
    let [error, warning, info] = palette::LIGHT_SEVERITY;
    let font = base64::engine::general_purpose::STANDARD.encode(epaint_default_fonts::UBUNTU_LIGHT);
    format!(
        "@font-face{{font-family:\"vsmap-ui\";src:url(data:font/ttf;base64,{font}) format(\"truetype\")}}\n:root{{--canvas:{};--ink:{};--muted:{};--unowned:{};--error:{};--warning:{};--info:{}}}\n{STYLE}",
        hex(palette::LIGHT_CANVAS),
        hex(palette::LIGHT_INK),
        hex(palette::LIGHT_MUTED),
        hex(palette::LIGHT_UNOWNED),
        hex(error),
        hex(warning),
        hex(info),
    )
}

/// The `'sha256-…'` source expression that lets exactly `text` run as an
/// inline script or style under the page's Content-Security-Policy.
fn csp_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}
