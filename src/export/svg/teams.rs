//! The team interaction graph as a standalone SVG (`vsmap export --format
//! svg --teams`): the picture of View ▸ Teams, for a slide or a wiki.
//!
//! Each team is a `<g class="team team-ID">` (the unowned services
//! `<g class="team unowned">`) holding its block and caption; each arrow a
//! `<g class="interaction">` holding its route, head and label, so that a
//! stylesheet can pick them out as it does services and links in the map's
//! SVG. The geometry is [`TeamOverview::laid_out`], the canvas' own.

use std::fmt::Write as _;

use super::attrs::n;
use super::text::esc;
use crate::analysis::Finding;
use crate::export::display_text::one_line;
use crate::geometry::{NODE_HEIGHT, Point, Rect, longest_segment, pt};
use crate::model::Map;
use crate::overview::{TeamOverview, arrow_width};
use crate::palette::{
    LIGHT_CANVAS, LIGHT_INK, LIGHT_MUTED, LIGHT_UNOWNED, hex, severity_color, text_color_on,
};
use crate::text::{elide_to_width, text_width, wrap_name};

/// Space around the graph.
const MARGIN: f64 = 40.0;
/// Height of the title above the graph.
const TITLE_BAND: f64 = 36.0;
/// Font sizes of a block's name and its second line, and of arrow labels.
const TITLE_SIZE: f64 = 13.0;
const SUBTITLE_SIZE: f64 = 10.5;
const LABEL_SIZE: f64 = 10.5;

/// The team interaction graph of `map`, its blocks and arrows marked with
/// the worst of `findings`. Deterministic: the same map and findings give
/// the same bytes.
pub fn teams_svg(map: &Map, findings: &[Finding]) -> String {
    let overview = TeamOverview::laid_out(map, findings);
    let mut bounds = overview.bounds();
    if !bounds.is_positive() {
        bounds = Rect::around(pt(0.0, 0.0), 200.0, NODE_HEIGHT);
    }
    let min = pt(bounds.min.x - MARGIN, bounds.min.y - MARGIN - TITLE_BAND);
    let (w, h) = (
        bounds.w() + 2.0 * MARGIN,
        bounds.h() + 2.0 * MARGIN + TITLE_BAND,
    );
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{} {} {} {}" width="{}" height="{}" font-family="Inter, Helvetica, Arial, sans-serif">"#,
        n(min.x),
        n(min.y),
        n(w),
        n(h),
        n(w),
        n(h)
    );
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
        n(min.x),
        n(min.y),
        n(w),
        n(h),
        hex(LIGHT_CANVAS)
    );
    let _ = writeln!(
        out,
        r#"<text x="{}" y="{}" font-size="16" font-weight="bold" fill="{}">{} · teams and their interactions</text>"#,
        n(min.x + MARGIN / 2.0),
        n(min.y + 26.0),
        hex(LIGHT_INK),
        esc(&one_line(&map.name))
    );
    blocks(map, &overview, &mut out);
    arrows(&overview, &mut out);
    let _ = writeln!(out, "</svg>");
    out
}

fn blocks(map: &Map, overview: &TeamOverview, out: &mut String) {
    let colors = &overview.colors;
    let _ = writeln!(out, r#"<g class="teams">"#);
    for block in &overview.blocks {
        let node = &overview.graph.nodes[block.node];
        let fill = node
            .team
            .as_ref()
            .and_then(|id| colors.get(id))
            .unwrap_or(LIGHT_UNOWNED);
        let class = match &node.team {
            Some(id) => format!("team team-{id}"),
            None => "team unowned".to_string(),
        };
        let title = one_line(overview.title(map, block.node));
        let subtitle = overview.subtitle(map, block.node);
        let (stroke, width) = match node.worst {
            Some(s) => (severity_color(s), 2.5),
            None => (LIGHT_INK, 1.0),
        };
        let r = &block.rect;
        let c = r.center();
        let ink = hex(text_color_on(fill));
        let _ = writeln!(
            out,
            r#"<g class="{class}"><title>{}</title>"#,
            esc(&format!("{title}\n{subtitle}"))
        );
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="8" fill="{}" stroke="{}" stroke-width="{}"/>"#,
            n(r.min.x),
            n(r.min.y),
            n(r.w()),
            n(r.h()),
            hex(fill),
            hex(stroke),
            n(width)
        );
        // The name on up to two lines, then the type and size on one.
        let room = r.w() - 16.0;
        let lines = wrap_name(&title, room, TITLE_SIZE, 2).lines;
        let line_height = TITLE_SIZE + 2.0;
        let total = line_height * lines.len() as f64 + SUBTITLE_SIZE + 2.0;
        let mut y = c.y - total / 2.0 + TITLE_SIZE;
        for line in &lines {
            let _ = writeln!(
                out,
                r#"<text x="{}" y="{}" text-anchor="middle" font-size="{}" font-weight="bold" fill="{ink}">{}</text>"#,
                n(c.x),
                n(y),
                n(TITLE_SIZE),
                esc(line)
            );
            y += line_height;
        }
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" text-anchor="middle" font-size="{}" fill="{ink}">{}</text>"#,
            n(c.x),
            n(y + 1.0),
            n(SUBTITLE_SIZE),
            esc(&elide_to_width(&subtitle, room, SUBTITLE_SIZE))
        );
        let _ = writeln!(out, "</g>");
    }
    let _ = writeln!(out, "</g>");
}

fn arrows(overview: &TeamOverview, out: &mut String) {
    let _ = writeln!(out, r#"<g class="interactions" fill="none">"#);
    // Labels go where they cover no block and no label placed before them.
    let mut taken: Vec<Rect> = overview.blocks.iter().map(|b| b.rect).collect();
    for arrow in &overview.arrows {
        let e = &overview.graph.edges[arrow.edge];
        let count = overview.weight(arrow.edge);
        let width = arrow_width(count);
        let color = e.worst.map_or(LIGHT_INK, severity_color);
        let label = overview.arrow_label(arrow.edge);
        let points = &arrow.points;
        let [.., before, end] = points[..] else {
            continue;
        };
        let d = pt(end.x - before.x, end.y - before.y);
        let len = (d.x * d.x + d.y * d.y).sqrt().max(1e-9);
        let dir = pt(d.x / len, d.y / len);
        let head = (4.0 + width * 1.5).min(len * 0.6);
        let base = pt(end.x - dir.x * head, end.y - dir.y * head);
        let normal = pt(-dir.y * head * 0.55, dir.x * head * 0.55);
        let mut path = String::new();
        for (i, q) in points[..points.len() - 1]
            .iter()
            .chain(std::iter::once(&base))
            .enumerate()
        {
            let _ = write!(
                path,
                "{}{} {}",
                if i == 0 { "M" } else { " L" },
                n(q.x),
                n(q.y)
            );
        }
        let _ = writeln!(
            out,
            r#"<g class="interaction"><title>{}</title>"#,
            esc(&label)
        );
        let _ = writeln!(
            out,
            r#"<path d="{path}" stroke="{}" stroke-width="{}"/>"#,
            hex(color),
            n(width)
        );
        let _ = writeln!(
            out,
            r#"<polygon points="{},{} {},{} {},{}" fill="{}"/>"#,
            n(end.x),
            n(end.y),
            n(base.x + normal.x),
            n(base.y + normal.y),
            n(base.x - normal.x),
            n(base.y - normal.y),
            hex(color)
        );
        // The whole wording where the route has room for it, else the count.
        let count_text = count.to_string();
        let shown = [label.as_str(), count_text.as_str()]
            .into_iter()
            .find_map(|text| {
                let width = text_width(text, LABEL_SIZE);
                let at = label_place(points, width)?;
                let area = Rect::around(
                    pt(at.x, at.y - LABEL_SIZE / 2.0),
                    width + 4.0,
                    LABEL_SIZE + 4.0,
                );
                (!taken.iter().any(|r| r.overlaps(&area))).then_some((at, text, area))
            });
        if let Some((at, text, area)) = shown {
            taken.push(area);
            let _ = writeln!(
                out,
                r#"<text x="{}" y="{}" text-anchor="middle" font-size="{}" fill="{}" stroke="{}" stroke-width="3" paint-order="stroke">{}</text>"#,
                n(at.x),
                n(at.y - 3.0),
                n(LABEL_SIZE),
                hex(LIGHT_MUTED),
                hex(LIGHT_CANVAS),
                esc(text)
            );
        }
        let _ = writeln!(out, "</g>");
    }
    let _ = writeln!(out, "</g>");
}

/// The middle of the longest segment, if it is horizontal and long enough
/// to carry a label `width` wide with room at both ends.
fn label_place(points: &[Point], width: f64) -> Option<Point> {
    let i = longest_segment(points)?;
    let (a, b) = (points[i], points[i + 1]);
    let horizontal = (a.y - b.y).abs() < 0.5;
    (horizontal && (b - a).len() >= width + 24.0).then(|| (a + b) * 0.5)
}
