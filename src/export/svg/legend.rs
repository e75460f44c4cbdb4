//! The legend below the picture: the teams of the services shown, the link
//! kinds, and the findings by severity, each with a swatch drawn as in the
//! picture, flowing into rows.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::attrs::n;
use super::scene::Scene;
use super::style::{ARROW, MARGIN, link_style};
use super::text::{esc, text_width};
use crate::analysis::{Finding, Severity, count_by_severity, plural};
use crate::export::display_text::one_line;
use crate::geometry::{Point, pt};
use crate::model::{Id, LinkKind, ServiceKind};
use crate::palette::{self, Rgb, hex};

/// A legend entry: a swatch drawn at a point, then a text.
enum Swatch {
    /// A team's fill.
    Team(Rgb),
    /// The fill and mark of services without an owner.
    Unowned,
    /// A link of a kind, with its arrow.
    Link(LinkKind),
    /// A finding's halo in a severity's colour.
    Severity(Severity),
    /// Findings allowed by the map (not marked in the picture).
    Allowed,
}

/// The legend below the map, `width` wide from `(x, y)`; returns the
/// markup and its height.
pub(super) fn legend(scene: &Scene<'_>, x: f64, y: f64, width: f64) -> (String, f64) {
    let mut rows: Vec<(&str, Vec<(Swatch, String)>)> = Vec::new();

    // Teams of the services drawn (all teams for the whole map), by name.
    let owners: BTreeSet<&Id> = scene
        .map
        .services
        .iter()
        .zip(&scene.shown)
        .filter(|(_, shown)| **shown)
        .filter_map(|(s, _)| s.owner.as_ref())
        .collect();
    let mut teams: Vec<_> = scene
        .map
        .teams
        .iter()
        .filter(|t| scene.focus.is_none() && scene.missing.is_none() || owners.contains(&t.id))
        .collect();
    teams.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    let mut team_items: Vec<(Swatch, String)> = teams
        .iter()
        .map(|t| {
            (
                Swatch::Team(
                    scene
                        .team_colors
                        .get(&t.id)
                        .unwrap_or(palette::LIGHT_UNOWNED),
                ),
                format!(
                    "{} ({})",
                    one_line(&t.name),
                    t.team_type.label().to_lowercase()
                ),
            )
        })
        .collect();
    let unowned = scene
        .map
        .services
        .iter()
        .zip(&scene.shown)
        .any(|(s, shown)| {
            *shown
                && s.kind != ServiceKind::External
                && s.owner
                    .as_ref()
                    .and_then(|t| scene.map.team(t.as_str()))
                    .is_none()
        });
    if unowned {
        team_items.push((Swatch::Unowned, "no owner".into()));
    }
    if !team_items.is_empty() {
        rows.push(("Teams", team_items));
    }
    rows.push((
        "Links",
        vec![
            (Swatch::Link(LinkKind::Sync), "sync call".into()),
            (Swatch::Link(LinkKind::Event), "event".into()),
            (Swatch::Link(LinkKind::Data), "data access".into()),
        ],
    ));
    let relevant: Vec<Finding> = scene
        .findings
        .iter()
        .filter(|f| scene.in_view(f))
        .cloned()
        .collect();
    let counts = count_by_severity(&relevant);
    let mut finding_items: Vec<(Swatch, String)> = Severity::ALL
        .iter()
        .map(|&s| {
            let word = match s {
                Severity::Error => plural(counts[0], "error"),
                Severity::Warning => plural(counts[1], "warning"),
                Severity::Info => format!("{} info", counts[2]),
            };
            (Swatch::Severity(s), word)
        })
        .collect();
    let allowed = relevant.iter().filter(|f| f.allowed).count();
    if allowed > 0 {
        finding_items.push((Swatch::Allowed, format!("{allowed} allowed (not marked)")));
    }
    rows.push(("Findings", finding_items));

    let mut out = String::new();
    let _ = writeln!(out, r#"<g class="legend" font-size="11.5">"#);
    let _ = writeln!(
        out,
        r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#e4e4de"/>"##,
        n(x),
        n(y - MARGIN / 2.0),
        n(x + width),
        n(y - MARGIN / 2.0)
    );
    let indent = 72.0;
    let row_h = 22.0;
    let mut cy = y + 8.0;
    for (heading, items) in rows {
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" font-weight="bold" fill="{}">{heading}</text>"#,
            n(x),
            n(cy + 4.0),
            hex(palette::LIGHT_MUTED)
        );
        let mut cx = x + indent;
        for (swatch, text) in items {
            let sw = swatch_width(&swatch);
            let w = sw + 6.0 + text_width(&text, 11.5);
            if cx > x + indent && cx + w > x + width {
                cx = x + indent;
                cy += row_h;
            }
            draw_swatch(&mut out, &swatch, pt(cx, cy), scene.id_prefix);
            let _ = writeln!(
                out,
                r#"<text x="{}" y="{}" fill="{}">{}</text>"#,
                n(cx + sw + 6.0),
                n(cy + 4.0),
                hex(palette::LIGHT_INK),
                esc(&text)
            );
            cx += w + 18.0;
        }
        cy += row_h;
    }
    let _ = writeln!(out, "</g>");
    (out, cy - y)
}

/// How wide a swatch is drawn.
fn swatch_width(s: &Swatch) -> f64 {
    match s {
        Swatch::Link(_) => 34.0,
        _ => 16.0,
    }
}

/// A legend swatch with its left end at `at.x`, centred on `at.y`.
fn draw_swatch(out: &mut String, s: &Swatch, at: Point, id_prefix: &str) {
    let ink = hex(palette::LIGHT_INK);
    match s {
        Swatch::Team(c) => {
            let _ = writeln!(
                out,
                r#"<rect x="{}" y="{}" width="16" height="11" rx="2" fill="{}" stroke="{ink}" stroke-width="0.8"/>"#,
                n(at.x),
                n(at.y - 5.5),
                hex(*c)
            );
        }
        Swatch::Unowned => {
            let _ = writeln!(
                out,
                r##"<rect x="{}" y="{}" width="16" height="11" rx="2" fill="{}" stroke="{ink}" stroke-width="0.8"/><text x="{}" y="{}" text-anchor="middle" font-size="9" font-weight="bold" fill="#282828">?</text>"##,
                n(at.x),
                n(at.y - 5.5),
                hex(palette::LIGHT_UNOWNED),
                n(at.x + 8.0),
                n(at.y + 3.2)
            );
        }
        Swatch::Link(kind) => {
            let style = link_style(*kind);
            let _ = writeln!(
                out,
                r#"<path d="M{},{y} L{},{y}" stroke="{ink}"{style} marker-end="url(#{id_prefix}arrow)"/>"#,
                n(at.x),
                n(at.x + 34.0 - ARROW),
                y = n(at.y)
            );
        }
        Swatch::Severity(sev) => {
            let c = hex(palette::severity_color(*sev));
            let _ = writeln!(
                out,
                r#"<circle cx="{x}" cy="{y}" r="7.5" fill="{c}" fill-opacity="0.3"/><circle cx="{x}" cy="{y}" r="4.5" fill="{c}"/>"#,
                x = n(at.x + 8.0),
                y = n(at.y)
            );
        }
        Swatch::Allowed => {
            let _ = writeln!(
                out,
                r#"<circle cx="{}" cy="{}" r="4.5" fill="none" stroke="{}" stroke-width="1.2"/>"#,
                n(at.x + 8.0),
                n(at.y),
                hex(palette::LIGHT_MUTED)
            );
        }
    }
}
