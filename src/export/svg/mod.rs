//! The SVG export: the canvas in its light theme, drawn from the model.
//!
//! The geometry follows the canvas (`ui::shapes` and `ui::canvas`) without
//! depending on it: 150×60 nodes centred on their positions, the same
//! outline per kind, links from border to border nudged sideways by kind,
//! streams as transit lines offset side by side and named at their start,
//! finding halos and count badges. On top of the canvas' picture come a
//! title and a legend, and `<title>` tooltips on every service and link.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::ops::{Add, Mul, Sub};

use super::{Mark, Marks, one_line, positions, team_name};
use crate::analysis::{Finding, Severity, count_by_severity, plural};
use crate::model::{Id, Link, LinkKind, Map, Service, ServiceKind, Stream};
use crate::palette::{self, Rgb, hex};

mod draw;
mod geometry;
mod text;

use draw::*;
use geometry::*;
use text::*;

/// Size of a service node, as on the canvas at zoom 1.
const NODE_W: f64 = 150.0;
const NODE_H: f64 = 60.0;
/// Space around the content, the title and the legend.
const MARGIN: f64 = 32.0;
/// Height of the title block above the content.
const TITLE_H: f64 = 58.0;
/// Narrowest picture (a one-stream view of two services still gets a legend that reads).
const MIN_WIDTH: f64 = 640.0;
/// How far decorations (halo, badges, marks) reach outside a node.
const OVERHANG: f64 = 12.0;
/// Font size of node labels.
const LABEL_SIZE: f64 = 13.0;
/// Line height of node labels.
const LABEL_LINE: f64 = 15.0;
/// Font of every text.
const FONT: &str = "Helvetica, Arial, sans-serif";
/// Stream lines: width, spacing between parallel lines, label size.
const STREAM_WIDTH: f64 = 4.5;
const STREAM_SPACING: f64 = 6.0;
const STREAM_LABEL_SIZE: f64 = 12.0;
/// Link lines: width, arrow head length.
const LINK_WIDTH: f64 = 1.6;
const ARROW: f64 = 9.0;
/// Halo rings around a node: (stroke width, opacity), widest first. Stacked,
/// they give the canvas' three rings (opacity .55, .3, .14 from inside out).
const HALO: [(f64, f64); 3] = [(20.5, 0.14), (14.5, 0.19), (8.5, 0.36)];

/// A standalone SVG 1.1 picture of the map, or of one stream of it.
///
/// With `stream`, only the stream's steps and the links between them are
/// drawn, with the stream's line, and the picture is fitted to them; a
/// stream id the map does not have gives a picture with no services that
/// says so in its subtitle. Without, the whole map is drawn.
///
/// Services are drawn at their positions (services without one in rows
/// below the map, as the editor places them), shaped by kind and filled with
/// their team's colour; unowned ones are grey with a "?" mark. Links are
/// arrows styled by kind, streams coloured lines behind the services, and
/// every service or link that live (not allowed) `findings` name gets a halo
/// in the worst severity's colour and a count badge. A title (the map's
/// name) and a legend (team colours, link kinds, severities) frame it. Every
/// label is a `<text>` element; every user string is XML-escaped; services
/// and links carry `<title>` tooltips with their details and findings.
pub fn svg(map: &Map, findings: &[Finding], stream: Option<&Id>) -> String {
    Scene::new(map, findings, stream).render()
}

// ---------------------------------------------------------------------------
// The scene.

/// A stream as drawn: its colour, its shifted points and where its name goes.
struct StreamLine<'a> {
    stream: &'a Stream,
    color: Rgb,
    points: Vec<P>,
    label: Option<(P, f64)>,
}

/// A link as drawn.
struct LinkLine<'a> {
    link: &'a Link,
    from: P,
    to: P,
}

/// A legend entry: a swatch drawn at a point, then a text.
enum Swatch {
    Team(Rgb),
    Unowned,
    Link(LinkKind),
    Severity(Severity),
    Allowed,
}

struct Scene<'a> {
    map: &'a Map,
    findings: &'a [Finding],
    marks: Marks<'a>,
    /// Node rectangles by position in `map.services`.
    rects: Vec<R>,
    /// Which services are drawn.
    shown: Vec<bool>,
    streams: Vec<StreamLine<'a>>,
    links: Vec<LinkLine<'a>>,
    /// The stream the picture is about.
    focus: Option<&'a Stream>,
    /// The stream asked for, when the map does not have it.
    missing: Option<&'a Id>,
    /// Bounding box of what is drawn of the map.
    content: R,
}

impl<'a> Scene<'a> {
    fn new(map: &'a Map, findings: &'a [Finding], stream: Option<&'a Id>) -> Scene<'a> {
        let focus = stream.and_then(|id| map.stream(id.as_str()));
        let missing = stream.filter(|_| focus.is_none());
        let centers: Vec<P> = positions(map).into_iter().map(|(x, y)| p(x, y)).collect();
        let rects: Vec<R> = centers
            .iter()
            .map(|&c| R::around(c, NODE_W, NODE_H))
            .collect();
        let shown: Vec<bool> = map
            .services
            .iter()
            .map(|s| match (stream, focus) {
                (None, _) => true,
                (Some(_), Some(f)) => f.has_step(&s.id),
                (Some(_), None) => false,
            })
            .collect();
        let index: HashMap<&Id, usize> = map
            .services
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.id, i))
            .collect();

        let mut content = R::NOTHING;
        for (r, _) in rects.iter().zip(&shown).filter(|(_, s)| **s) {
            content.include_rect(&r.shrink(-OVERHANG));
        }

        let mut links = Vec::new();
        for link in &map.links {
            let (Some(&a), Some(&b)) = (index.get(&link.from), index.get(&link.to)) else {
                continue;
            };
            if !(shown[a] && shown[b]) {
                continue;
            }
            let (ka, kb) = (map.services[a].kind, map.services[b].kind);
            let dir = (centers[b] - centers[a]).norm();
            let start = boundary_point(ka, &rects[a], dir);
            let end = boundary_point(kb, &rects[b], dir * -1.0);
            let side = match link.kind {
                LinkKind::Sync => 0.0,
                LinkKind::Event => 7.0,
                LinkKind::Data => -7.0,
            };
            let normal = dir.perp() * side;
            let (from, to) = (start + normal, end + normal);
            content.include(from);
            content.include(to);
            links.push(LinkLine { link, from, to });
        }

        let drawn: Vec<(usize, &Stream)> = match (stream, focus) {
            (None, _) => map.streams.iter().enumerate().collect(),
            (Some(_), Some(f)) => map
                .streams
                .iter()
                .enumerate()
                .filter(|(_, s)| s.id == f.id)
                .collect(),
            (Some(_), None) => Vec::new(),
        };
        let count = drawn.len() as f64;
        let mut streams = Vec::new();
        let mut labels_at: BTreeMap<usize, f64> = BTreeMap::new();
        for (slot, &(k, s)) in drawn.iter().enumerate() {
            let color = palette::stream_color(k, s);
            let shift = (slot as f64 - (count - 1.0) / 2.0) * STREAM_SPACING;
            let steps: Vec<usize> = s
                .steps
                .iter()
                .filter_map(|st| index.get(&st.service).copied())
                .collect();
            let base: Vec<P> = steps.iter().map(|&i| centers[i]).collect();
            let points = offset_line(&base, shift);
            for q in &points {
                content.include_rect(&R::around(*q, STREAM_WIDTH * 3.0, STREAM_WIDTH * 3.0));
            }
            let label = match (steps.first(), points.first()) {
                (Some(&first), Some(&start)) => {
                    let stacked = labels_at.entry(first).or_insert(0.0);
                    let top = start.y - NODE_H / 2.0 - 8.0 - 16.0 - *stacked;
                    *stacked += 18.0;
                    let at = p(start.x - NODE_W / 2.0, top);
                    let w = text_width(&one_line(&s.name), STREAM_LABEL_SIZE);
                    content.include_rect(&R::from_min_size(
                        p(at.x - 3.0, at.y - 1.0),
                        w + 6.0,
                        18.0,
                    ));
                    Some((at, w))
                }
                _ => None,
            };
            streams.push(StreamLine {
                stream: s,
                color,
                points,
                label,
            });
        }

        if content.is_empty() {
            content = R::from_min_size(p(0.0, 0.0), NODE_W, NODE_H);
        }
        Scene {
            map,
            findings,
            marks: Marks::new(findings),
            rects,
            shown,
            streams,
            links,
            focus,
            missing,
            content,
        }
    }

    fn render(&self) -> String {
        let mut out = String::with_capacity(64 * 1024);
        let title = one_line(&self.map.name);
        let title = if title.trim().is_empty() {
            "Value stream map".to_string()
        } else {
            title
        };
        let subtitle = self.subtitle();

        // Frame: title above the content, legend below, centred horizontally.
        let title_w = text_width(&title, 22.0).max(text_width(&subtitle, 12.5));
        let width = (self.content.w() + 2.0 * MARGIN)
            .max(MIN_WIDTH)
            .max(title_w + 2.0 * MARGIN);
        let vx = self.content.center().x - width / 2.0;
        let vy = self.content.min.y - MARGIN - TITLE_H;
        let legend_top = self.content.max.y + MARGIN;
        let (legend, legend_h) = self.legend(vx + MARGIN, legend_top, width - 2.0 * MARGIN);
        let height = legend_top + legend_h + MARGIN - vy;

        let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
        let _ = writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}" height="{h}" viewBox="{x} {y} {w} {h}" font-family="{FONT}">"#,
            w = n(width),
            h = n(height),
            x = n(vx),
            y = n(vy),
        );
        let _ = writeln!(out, "<title>{}</title>", esc(&title));
        if !subtitle.is_empty() {
            let _ = writeln!(out, "<desc>{}</desc>", esc(&subtitle));
        }
        self.defs(&mut out);
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
            n(vx),
            n(vy),
            n(width),
            n(height),
            hex(palette::LIGHT_CANVAS)
        );
        self.stream_lines(&mut out);
        self.link_lines(&mut out);
        self.services(&mut out);
        self.link_badges(&mut out);
        self.stream_labels(&mut out);

        // Title block.
        let _ = writeln!(out, r#"<g class="title">"#);
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" font-size="22" font-weight="bold" fill="{}">{}</text>"#,
            n(vx + MARGIN),
            n(vy + MARGIN + 16.0),
            hex(palette::LIGHT_INK),
            esc(&title)
        );
        if !subtitle.is_empty() {
            let _ = writeln!(
                out,
                r#"<text x="{}" y="{}" font-size="12.5" fill="{}">{}</text>"#,
                n(vx + MARGIN),
                n(vy + MARGIN + 37.0),
                hex(palette::LIGHT_MUTED),
                esc(&subtitle)
            );
        }
        let _ = writeln!(out, "</g>");
        out.push_str(&legend);
        out.push_str("</svg>\n");
        out
    }

    /// The line under the title: what the picture shows.
    fn subtitle(&self) -> String {
        let map = self.map;
        let mut parts = Vec::new();
        if let Some(id) = self.missing {
            parts.push(format!("Value stream {id} is not in this map"));
        } else if let Some(s) = self.focus {
            parts.push(format!("Value stream: {}", one_line(&s.name)));
            if !s.customer.trim().is_empty() {
                parts.push(format!("for {}", one_line(&s.customer)));
            }
            if let Some(owner) = &s.owner {
                parts.push(format!("owned by {}", one_line(team_name(map, owner))));
            }
        } else {
            parts.push(plural(map.teams.len(), "team"));
            parts.push(plural(map.services.len(), "service"));
            parts.push(plural(map.links.len(), "link"));
            parts.push(plural(map.streams.len(), "stream"));
        }
        if let Some(day) = map.reviewed {
            parts.push(format!("reviewed {day}"));
        }
        parts.join(" · ")
    }

    fn defs(&self, out: &mut String) {
        let _ = writeln!(out, "<defs>");
        let _ = writeln!(
            out,
            r#"<marker id="arrow" viewBox="0 0 {a} {a}" refX="0" refY="{h}" markerWidth="{a}" markerHeight="{a}" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L{a},{h} L0,{a} z" fill="{ink}"/></marker>"#,
            a = n(ARROW),
            h = n(ARROW / 2.0),
            ink = hex(palette::LIGHT_INK)
        );
        let hatched: BTreeSet<Rgb> = self
            .map
            .services
            .iter()
            .zip(&self.shown)
            .filter(|(s, shown)| **shown && s.kind == ServiceKind::Legacy)
            .map(|(s, _)| self.fill(s))
            .collect();
        for fill in hatched {
            let _ = writeln!(
                out,
                r#"<pattern id="{id}" patternUnits="userSpaceOnUse" width="8" height="8"><path d="M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6" stroke="{c}" stroke-width="1"/></pattern>"#,
                id = hatch_id(fill),
                c = hex(palette::darken(fill, 0.3))
            );
        }
        let _ = writeln!(out, "</defs>");
    }

    /// The fill of a service: its team's colour, or grey.
    fn fill(&self, s: &Service) -> Rgb {
        palette::owner_color(self.map, s.owner.as_ref())
    }

    fn stream_lines(&self, out: &mut String) {
        let _ = writeln!(out, r#"<g class="streams" fill="none">"#);
        for line in &self.streams {
            let color = hex(line.color);
            let _ = writeln!(
                out,
                r#"<g id="stream-{}" class="stream"><title>{}</title>"#,
                line.stream.id,
                esc(&self.stream_tooltip(line.stream))
            );
            if line.points.len() > 1 {
                let _ = writeln!(
                    out,
                    r#"<polyline points="{}" stroke="{color}" stroke-opacity="0.9" stroke-width="{}" stroke-linejoin="round" stroke-linecap="round"/>"#,
                    points_attr(&line.points),
                    n(STREAM_WIDTH)
                );
            }
            for q in &line.points {
                let _ = writeln!(
                    out,
                    r#"<circle cx="{}" cy="{}" r="{}" fill="{color}" fill-opacity="0.9"/>"#,
                    n(q.x),
                    n(q.y),
                    n(STREAM_WIDTH * 1.2)
                );
            }
            let _ = writeln!(out, "</g>");
        }
        let _ = writeln!(out, "</g>");
    }

    fn stream_labels(&self, out: &mut String) {
        let _ = writeln!(
            out,
            r#"<g class="stream-labels" font-size="{}">"#,
            n(STREAM_LABEL_SIZE)
        );
        for line in &self.streams {
            let Some((at, w)) = line.label else { continue };
            let _ = writeln!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="18" rx="3" fill="{}" fill-opacity="0.85"/>"#,
                n(at.x - 3.0),
                n(at.y - 1.0),
                n(w + 6.0),
                hex(palette::LIGHT_CANVAS)
            );
            let _ = writeln!(
                out,
                r#"<text x="{}" y="{}" fill="{}" font-weight="bold">{}</text>"#,
                n(at.x),
                n(at.y + 12.5),
                hex(palette::darken(line.color, 0.1)),
                esc(&one_line(&line.stream.name))
            );
        }
        let _ = writeln!(out, "</g>");
    }

    fn stream_tooltip(&self, s: &Stream) -> String {
        let mut lines = vec![format!("Value stream: {}", s.name)];
        if !s.customer.is_empty() {
            lines.push(format!("Customer: {}", s.customer));
        }
        if let Some(owner) = &s.owner {
            lines.push(format!("Owner: {}", team_name(self.map, owner)));
        }
        if !s.description.is_empty() {
            lines.push(s.description.clone());
        }
        lines.join("\n")
    }

    fn link_lines(&self, out: &mut String) {
        let ink = hex(palette::LIGHT_INK);
        let _ = writeln!(out, r#"<g class="links" fill="none">"#);
        for line in &self.links {
            let link = line.link;
            let mark = self.marks.pair(&link.from, &link.to);
            let _ = writeln!(
                out,
                r#"<g class="link {}"><title>{}</title>"#,
                link.kind.as_str(),
                esc(&self.link_tooltip(link, mark))
            );
            let (a, b) = (line.from, line.to);
            let len = (b - a).len();
            if let Some(mark) = mark {
                let _ = writeln!(
                    out,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-opacity="0.45" stroke-width="{}" stroke-linecap="round"/>"#,
                    n(a.x),
                    n(a.y),
                    n(b.x),
                    n(b.y),
                    hex(palette::severity_color(mark.worst)),
                    n(LINK_WIDTH + 7.0)
                );
            }
            // The line stops where the arrow head starts; the head reaches the border.
            let arrow = len > 14.0;
            let end = if arrow { b - (b - a).norm() * ARROW } else { b };
            let style = link_style(link.kind);
            let _ = writeln!(
                out,
                r#"<path d="M{},{} L{},{}" stroke="{ink}"{style}{}/>"#,
                n(a.x),
                n(a.y),
                n(end.x),
                n(end.y),
                if arrow {
                    r#" marker-end="url(#arrow)""#
                } else {
                    ""
                }
            );
            let _ = writeln!(out, "</g>");
        }
        let _ = writeln!(out, "</g>");
    }

    fn link_tooltip(&self, link: &Link, mark: Option<&Mark<'_>>) -> String {
        let name = |id: &Id| {
            self.map
                .service(id.as_str())
                .map_or_else(|| id.to_string(), |s| s.name.clone())
        };
        let mut head = format!(
            "{} → {} ({})",
            name(&link.from),
            name(&link.to),
            link.kind.as_str()
        );
        if !link.label.is_empty() {
            head.push_str(": ");
            head.push_str(&link.label);
        }
        let mut lines = vec![head];
        push_findings(&mut lines, mark);
        lines.join("\n")
    }

    /// One count badge per pair of services that findings name as a link.
    fn link_badges(&self, out: &mut String) {
        let _ = writeln!(out, r#"<g class="link-badges">"#);
        let mut seen = BTreeSet::new();
        for line in &self.links {
            let link = line.link;
            if !seen.insert((&link.from, &link.to)) {
                continue;
            }
            if let Some(mark) = self.marks.pair(&link.from, &link.to) {
                let mid = (line.from + line.to) * 0.5;
                badge(out, mid, mark.findings.len(), mark.worst, true);
            }
        }
        let _ = writeln!(out, "</g>");
    }

    fn services(&self, out: &mut String) {
        let _ = writeln!(out, r#"<g class="services">"#);
        for (i, s) in self.map.services.iter().enumerate() {
            if self.shown[i] {
                self.service(out, s, &self.rects[i]);
            }
        }
        let _ = writeln!(out, "</g>");
    }

    fn service_tooltip(&self, s: &Service, mark: Option<&Mark<'_>>) -> String {
        let owner = match &s.owner {
            Some(t) => match self.map.team(t.as_str()) {
                Some(team) => format!("owned by {} ({})", team.name, team.team_type.as_str()),
                None => format!("owned by {t}"),
            },
            None => "no owner".to_string(),
        };
        let mut lines = vec![format!("{} — {}, {owner}", s.name, s.kind.label())];
        if !s.description.is_empty() {
            lines.push(s.description.clone());
        }
        push_findings(&mut lines, mark);
        lines.join("\n")
    }

    fn service(&self, out: &mut String, s: &Service, r: &R) {
        let mark = self.marks.subject(&s.id);
        let fill = self.fill(s);
        let ink = hex(palette::LIGHT_INK);
        let _ = writeln!(
            out,
            r#"<g id="svc-{}" class="service {}"><title>{}</title>"#,
            s.id,
            s.kind.as_str(),
            esc(&self.service_tooltip(s, mark))
        );
        if let Some(mark) = mark {
            let color = hex(palette::severity_color(mark.worst));
            let shape = outline_element(s.kind, r);
            for (width, opacity) in HALO {
                let _ = writeln!(
                    out,
                    r#"<{shape} fill="none" stroke="{color}" stroke-opacity="{}" stroke-width="{}" stroke-linejoin="round"/>"#,
                    n(opacity),
                    n(width)
                );
            }
        }
        let inner = r.shrink(0.5);
        let f = hex(fill);
        let radius = corner_radius(s.kind, r);
        let mut label_area = r.shrink2(6.0, 0.0);
        let mut backing = false;
        let mut text_fill = palette::text_color_on(fill);
        match s.kind {
            ServiceKind::Service => {
                let _ = writeln!(
                    out,
                    r#"<rect {} rx="{}" fill="{f}" stroke="{ink}"/>"#,
                    rect_attrs(&inner),
                    n(radius - 0.5)
                );
            }
            ServiceKind::Frontend => {
                label_area = frontend(out, r, fill);
            }
            ServiceKind::Gateway => {
                let _ = writeln!(
                    out,
                    r#"<polygon points="{}" fill="{f}" stroke="{ink}" stroke-linejoin="round"/>"#,
                    points_attr(&hexagon(&inner))
                );
                label_area = r.shrink2(hexagon_inset(r) * 0.6 + 3.0, 0.0);
            }
            ServiceKind::Datastore => {
                let ry = cap_radius(&inner);
                let rx = inner.w() / 2.0;
                let _ = writeln!(
                    out,
                    r#"<path d="{}" fill="{f}" stroke="{ink}"/>"#,
                    cylinder_path(&inner)
                );
                let _ = writeln!(
                    out,
                    r#"<ellipse cx="{}" cy="{}" rx="{}" ry="{}" fill="{}" stroke="{ink}"/>"#,
                    n(inner.center().x),
                    n(inner.min.y + ry),
                    n(rx),
                    n(ry),
                    hex(palette::lighten(fill, 0.3))
                );
                let top = inner.min.y + 2.0 * ry;
                let bottom = (inner.max.y - ry * 0.5).max(top);
                label_area = R {
                    min: p(r.min.x + 6.0, top),
                    max: p(r.max.x - 6.0, bottom),
                };
            }
            ServiceKind::Legacy => {
                let _ = writeln!(
                    out,
                    r#"<rect {} rx="{}" fill="{f}"/>"#,
                    rect_attrs(r),
                    n(radius)
                );
                let _ = writeln!(
                    out,
                    r#"<rect {} fill="url(#{})"/>"#,
                    rect_attrs(&r.shrink(2.5)),
                    hatch_id(fill)
                );
                let _ = writeln!(
                    out,
                    r#"<rect {} rx="{}" fill="none" stroke="{ink}"/>"#,
                    rect_attrs(&inner),
                    n(radius - 0.5)
                );
                backing = true;
            }
            ServiceKind::Acl => {
                let _ = writeln!(
                    out,
                    r#"<path d="{}" fill="{f}" stroke="{ink}" stroke-linejoin="round"/>"#,
                    shield_path(&inner)
                );
                let _ = writeln!(
                    out,
                    r#"<path d="{}" fill="none" stroke="{ink}" stroke-opacity="0.45"/>"#,
                    shield_path(&inner.shrink(4.0))
                );
                label_area = R {
                    min: p(r.min.x + 10.0, r.min.y),
                    max: p(r.max.x - 10.0, r.min.y + r.h() * 0.72),
                };
            }
            ServiceKind::External => {
                let light = palette::lighten(fill, 0.55);
                text_fill = palette::text_color_on(light);
                let _ = writeln!(
                    out,
                    r#"<rect {} rx="{}" fill="{}" fill-opacity="0.8" stroke="{ink}" stroke-dasharray="6 4"/>"#,
                    rect_attrs(&inner),
                    n(radius - 0.5),
                    hex(light)
                );
            }
        }
        self.label(out, s, &label_area, backing.then_some(fill), text_fill, r);
        if s.owner
            .as_ref()
            .and_then(|t| self.map.team(t.as_str()))
            .is_none()
            && s.kind != ServiceKind::External
        {
            unowned_mark(out, r.min);
        }
        if let Some(mark) = mark {
            badge(
                out,
                p(r.max.x, r.min.y),
                mark.findings.len(),
                mark.worst,
                false,
            );
        }
        let _ = writeln!(out, "</g>");
    }

    fn label(
        &self,
        out: &mut String,
        s: &Service,
        area: &R,
        backing: Option<Rgb>,
        color: Rgb,
        node: &R,
    ) {
        let lines = wrap_label(&s.name, area.w().max(1.0), LABEL_SIZE);
        if lines.iter().all(|l| l.is_empty()) {
            return;
        }
        let c = area.center();
        let total = LABEL_LINE * (lines.len() as f64 - 1.0);
        if let Some(fill) = backing {
            let w = lines
                .iter()
                .map(|l| text_width(l, LABEL_SIZE))
                .fold(0.0, f64::max)
                + 6.0;
            let h = total + LABEL_SIZE + 6.0;
            let mut back = R::around(c, w, h);
            back.min = p(
                back.min.x.max(node.min.x + 2.5),
                back.min.y.max(node.min.y + 2.5),
            );
            back.max = p(
                back.max.x.min(node.max.x - 2.5),
                back.max.y.min(node.max.y - 2.5),
            );
            let _ = writeln!(
                out,
                r#"<rect {} rx="3" fill="{}"/>"#,
                rect_attrs(&back),
                hex(fill)
            );
        }
        let x = n(c.x);
        let first = c.y - total / 2.0 + LABEL_SIZE * 0.35;
        let _ = write!(
            out,
            r#"<text x="{x}" y="{}" text-anchor="middle" font-size="{}" fill="{}">"#,
            n(first),
            n(LABEL_SIZE),
            hex(color)
        );
        if let [only] = lines.as_slice() {
            out.push_str(&esc(only));
        } else {
            for (k, line) in lines.iter().enumerate() {
                let _ = write!(
                    out,
                    r#"<tspan x="{x}" y="{}">{}</tspan>"#,
                    n(first + LABEL_LINE * k as f64),
                    esc(line)
                );
            }
        }
        let _ = writeln!(out, "</text>");
    }

    /// The legend below the map, `width` wide from `(x, y)`; returns the
    /// markup and its height.
    fn legend(&self, x: f64, y: f64, width: f64) -> (String, f64) {
        let mut rows: Vec<(&str, Vec<(Swatch, String)>)> = Vec::new();

        // Teams of the services drawn (all teams for the whole map), by name.
        let owners: BTreeSet<&Id> = self
            .map
            .services
            .iter()
            .zip(&self.shown)
            .filter(|(_, shown)| **shown)
            .filter_map(|(s, _)| s.owner.as_ref())
            .collect();
        let mut teams: Vec<_> = self
            .map
            .teams
            .iter()
            .filter(|t| self.focus.is_none() && self.missing.is_none() || owners.contains(&t.id))
            .collect();
        teams.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
        let mut team_items: Vec<(Swatch, String)> = teams
            .iter()
            .map(|t| {
                (
                    Swatch::Team(palette::team_color(t)),
                    format!(
                        "{} ({})",
                        one_line(&t.name),
                        t.team_type.label().to_lowercase()
                    ),
                )
            })
            .collect();
        let unowned = self.map.services.iter().zip(&self.shown).any(|(s, shown)| {
            *shown
                && s.kind != ServiceKind::External
                && s.owner
                    .as_ref()
                    .and_then(|t| self.map.team(t.as_str()))
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
        let relevant: Vec<Finding> = self
            .findings
            .iter()
            .filter(|f| self.in_view(f))
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
                draw_swatch(&mut out, &swatch, p(cx, cy));
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

    /// Whether a finding concerns what the picture shows.
    fn in_view(&self, f: &Finding) -> bool {
        match (self.focus, self.missing) {
            (None, None) => true,
            (Some(s), _) => f.subjects.iter().any(|id| id == &s.id || s.has_step(id)),
            (None, Some(_)) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(2.345_6), "2.35");
        assert_eq!(n(-12.5), "-12.5");
        assert_eq!(n(f64::NAN), "0");
    }

    #[test]
    fn escaping_covers_markup_and_forbidden_characters() {
        assert_eq!(
            esc("A & B <c> \"d\" 'e'\u{1}"),
            "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos; "
        );
    }

    #[test]
    fn boundary_points_end_on_the_outline() {
        let r = R::around(p(0.0, 0.0), NODE_W, NODE_H);
        let right = boundary_point(ServiceKind::Service, &r, p(1.0, 0.0));
        assert!((right.x - 75.0).abs() < 1e-6 && right.y.abs() < 1e-6);
        let tip = boundary_point(ServiceKind::Gateway, &r, p(-1.0, 0.0));
        assert!((tip.x + 75.0).abs() < 1e-6);
        let point = boundary_point(ServiceKind::Acl, &r, p(0.0, 1.0));
        assert!((point.y - 30.0).abs() < 1e-6);
        assert_eq!(
            boundary_point(ServiceKind::Datastore, &r, p(0.0, 0.0)),
            r.center()
        );
    }

    #[test]
    fn long_labels_wrap_into_two_lines_and_elide() {
        let lines = wrap_label("Account Opening Service", 138.0, LABEL_SIZE);
        assert_eq!(lines, ["Account Opening", "Service"]);
        let long = wrap_label(&"word ".repeat(40), 138.0, LABEL_SIZE);
        assert_eq!(long.len(), 2);
        assert!(long[1].ends_with('…'));
        let one = wrap_label(&"x".repeat(80), 138.0, LABEL_SIZE);
        assert_eq!(one.len(), 2);
        assert!(one.iter().all(|l| text_width(l, LABEL_SIZE) <= 138.0));
        assert_eq!(wrap_label("Web", 138.0, LABEL_SIZE), ["Web"]);
    }

    #[test]
    fn offset_lines_keep_their_length_and_shift_sideways() {
        let line = offset_line(&[p(0.0, 0.0), p(100.0, 0.0)], 6.0);
        assert_eq!(line, [p(0.0, 6.0), p(100.0, 6.0)]);
    }
}
