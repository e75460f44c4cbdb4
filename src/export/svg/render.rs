//! Writing the picture's markup from its [`Scene`]: the frame, title and
//! definitions, then streams, links, services, badges and stream names in
//! drawing order, then the legend.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::attrs::{hatch_id, n, points_attr};
use super::badges::badge;
use super::legend::legend;
use super::node::service;
use super::scene::Scene;
use super::style::{
    ARROW, FONT, LINK_LABEL_SIZE, LINK_WIDTH, MARGIN, MIN_WIDTH, STREAM_LABEL_SIZE, STREAM_WIDTH,
    TITLE_H, link_style,
};
use super::text::{esc, text_width};
use super::tooltips::{link_tooltip, stream_tooltip};
use crate::analysis::{Finding, plural};
use crate::export::display_text::{map_title, one_line, team_name};
use crate::geometry::{Piece, ROUTE_CORNER, Route};
use crate::model::{Id, Map, ServiceKind};
use crate::palette::{self, Rgb, hex};

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
    Scene::new(map, findings, stream).render().0
}

/// [`svg`] without its title block (a page that places it has its own
/// title), with the picture's width and height.
pub fn svg_sized(map: &Map, findings: &[Finding], stream: Option<&Id>) -> (String, f64, f64) {
    let mut scene = Scene::new(map, findings, stream);
    scene.titled = false;
    scene.render()
}

/// [`svg`] of the whole map with `id_prefix` before every element id it
/// defines and refers to, for a page that holds two pictures (the
/// interactive page's before and after) whose ids must not clash.
pub fn svg_with_id_prefix(map: &Map, findings: &[Finding], id_prefix: &str) -> String {
    let mut scene = Scene::new(map, findings, None);
    scene.id_prefix = id_prefix;
    scene.render().0
}

impl Scene<'_> {
    /// The whole document, with its width and height.
    fn render(&self) -> (String, f64, f64) {
        let mut out = String::with_capacity(64 * 1024);
        let title = map_title(self.map);
        let subtitle = self.subtitle();

        // Frame: title above the content, legend below, centred horizontally.
        let title_w = if self.titled {
            text_width(&title, 22.0).max(text_width(&subtitle, 12.5))
        } else {
            0.0
        };
        let width = (self.content.w() + 2.0 * MARGIN)
            .max(MIN_WIDTH)
            .max(title_w + 2.0 * MARGIN);
        let vx = self.content.center().x - width / 2.0;
        let vy = self.content.min.y - MARGIN - if self.titled { TITLE_H } else { 0.0 };
        let legend_top = self.content.max.y + MARGIN;
        let (legend, legend_h) = legend(self, vx + MARGIN, legend_top, width - 2.0 * MARGIN);
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
        self.zones(&mut out);
        self.stream_lines(&mut out);
        self.link_lines(&mut out);
        self.services(&mut out);
        self.link_badges(&mut out);
        self.stream_stops(&mut out);
        self.stream_labels(&mut out);

        // Title block.
        if self.titled {
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
        }
        out.push_str(&legend);
        out.push_str("</svg>\n");
        (out, width, height)
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

    /// The arrow head and one hatch pattern per fill of a legacy service.
    fn defs(&self, out: &mut String) {
        let _ = writeln!(out, "<defs>");
        let _ = writeln!(
            out,
            r#"<marker id="{p}arrow" viewBox="0 0 {a} {a}" refX="0" refY="{h}" markerWidth="{a}" markerHeight="{a}" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L{a},{h} L0,{a} z" fill="{ink}"/></marker>"#,
            a = n(ARROW),
            h = n(ARROW / 2.0),
            ink = hex(palette::LIGHT_INK),
            p = self.id_prefix,
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
                r#"<pattern id="{p}{id}" patternUnits="userSpaceOnUse" width="8" height="8"><path d="M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6" stroke="{c}" stroke-width="1"/></pattern>"#,
                p = self.id_prefix,
                id = hatch_id(fill),
                c = hex(palette::darken(fill, 0.3))
            );
        }
        let _ = writeln!(out, "</defs>");
    }

    /// The streams' lines, behind the links and services (over the zones).
    fn stream_lines(&self, out: &mut String) {
        let _ = writeln!(out, r#"<g class="streams" fill="none">"#);
        for line in &self.streams {
            let _ = writeln!(
                out,
                r#"<g id="{}stream-{}" class="stream" data-id="{}"><title>{}</title>"#,
                self.id_prefix,
                line.stream.id,
                line.stream.id,
                esc(&stream_tooltip(self.map, line.stream))
            );
            if line.path.len() > 1 {
                let _ = writeln!(
                    out,
                    r#"<polyline points="{}" stroke="{}" stroke-opacity="0.9" stroke-width="{}" stroke-linejoin="round" stroke-linecap="round"/>"#,
                    points_attr(&line.path),
                    hex(line.color),
                    n(STREAM_WIDTH)
                );
            }
            let _ = writeln!(out, "</g>");
        }
        let _ = writeln!(out, "</g>");
    }

    /// A ring at each stream's stops, where its line meets a step's box,
    /// over the services so that no stop hides behind one.
    fn stream_stops(&self, out: &mut String) {
        let _ = writeln!(
            out,
            r#"<g class="stream-stops" fill="{}" stroke-width="{}">"#,
            hex(palette::LIGHT_CANVAS),
            n(STREAM_WIDTH * 0.6)
        );
        for line in &self.streams {
            for q in &line.stops {
                let _ = writeln!(
                    out,
                    r#"<circle cx="{}" cy="{}" r="{}" stroke="{}"/>"#,
                    n(q.x),
                    n(q.y),
                    n(STREAM_WIDTH * 1.1),
                    hex(line.color)
                );
            }
        }
        let _ = writeln!(out, "</g>");
    }

    /// Each stream's name at its start, on a backing, over everything.
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

    /// The links as arrows styled by kind along their routes, with their
    /// finding halos and labels.
    fn link_lines(&self, out: &mut String) {
        let ink = hex(palette::LIGHT_INK);
        let _ = writeln!(out, r#"<g class="links" fill="none">"#);
        for line in &self.links {
            let link = line.link;
            let mark = self.marks.pair(&link.from, &link.to);
            let _ = writeln!(
                out,
                r#"<g class="link {}" data-from="{}" data-to="{}"><title>{}</title>"#,
                link.kind.as_str(),
                link.from,
                link.to,
                esc(&link_tooltip(self.map, link, mark))
            );
            let pts = &line.route.points;
            if let [.., before, last] = pts.as_slice() {
                if let Some(mark) = mark {
                    let _ = writeln!(
                        out,
                        r#"<path d="{}" stroke="{}" stroke-opacity="0.45" stroke-width="{}" stroke-linecap="round" stroke-linejoin="round"/>"#,
                        path_d(&line.route),
                        hex(palette::severity_color(mark.worst)),
                        n(LINK_WIDTH + 7.0)
                    );
                }
                // The line stops where the arrow head starts; the head reaches the border.
                let arrow = (*last - *before).len() > ARROW + 2.0;
                let mut shaft = line.route.clone();
                if arrow && let Some(end) = shaft.points.last_mut() {
                    *end = *last - (*last - *before).norm() * ARROW;
                }
                let _ = writeln!(
                    out,
                    r#"<path d="{}" stroke="{ink}"{}{}/>"#,
                    path_d(&shaft),
                    link_style(link.kind),
                    if arrow {
                        format!(r#" marker-end="url(#{}arrow)""#, self.id_prefix)
                    } else {
                        String::new()
                    }
                );
                if !link.label.trim().is_empty() {
                    link_label(out, &line.route, &one_line(&link.label));
                }
            }
            let _ = writeln!(out, "</g>");
        }
        let _ = writeln!(out, "</g>");
    }

    /// One count badge per pair of services that findings name as a link,
    /// on the route of the pair's first link, a third of the way along.
    fn link_badges(&self, out: &mut String) {
        let _ = writeln!(out, r#"<g class="link-badges">"#);
        let mut seen = BTreeSet::new();
        for line in &self.links {
            let link = line.link;
            if !seen.insert((&link.from, &link.to)) {
                continue;
            }
            if let Some(mark) = self.marks.pair(&link.from, &link.to)
                && let Some(at) = line.route.point_along(1.0 / 3.0)
            {
                badge(out, at, mark.findings.len(), mark.worst, true);
            }
        }
        let _ = writeln!(out, "</g>");
    }

    /// The nodes of the services shown.
    fn services(&self, out: &mut String) {
        let _ = writeln!(out, r#"<g class="services">"#);
        for (i, s) in self.map.services.iter().enumerate() {
            if self.shown[i] {
                service(out, self, s, &self.rects[i]);
            }
        }
        let _ = writeln!(out, "</g>");
    }
}

/// The `d` attribute of a route: lines, and quadratic curves at the corners.
fn path_d(route: &Route) -> String {
    let Some((start, pieces)) = route.rounded(ROUTE_CORNER) else {
        return String::new();
    };
    let mut d = format!("M{},{}", n(start.x), n(start.y));
    for piece in pieces {
        match piece {
            Piece::Line(q) => {
                let _ = write!(d, " L{},{}", n(q.x), n(q.y));
            }
            Piece::Quad(c, e) => {
                let _ = write!(d, " Q{},{} {},{}", n(c.x), n(c.y), n(e.x), n(e.y));
            }
        }
    }
    d
}

/// A link's label along its route: centred on its longest segment (turned
/// with a vertical one), on a backing so that it reads over other lines.
fn link_label(out: &mut String, route: &Route, text: &str) {
    let Some((a, b)) = route.longest_segment() else {
        return;
    };
    let mid = (a + b) * 0.5;
    let w = text_width(text, LINK_LABEL_SIZE);
    let h = LINK_LABEL_SIZE + 4.0;
    // Drawn about the origin, then moved (and turned) into place: the
    // simplest transform for every SVG reader.
    let turn = if a.x == b.x { " rotate(-90)" } else { "" };
    let _ = writeln!(
        out,
        r#"<g class="link-label" transform="translate({} {}){turn}"><rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}" fill-opacity="0.9" stroke="none"/><text x="0" y="{}" text-anchor="middle" font-size="{}" fill="{}" stroke="none">{}</text></g>"#,
        n(mid.x),
        n(mid.y),
        n(-w / 2.0 - 3.0),
        n(-h / 2.0),
        n(w + 6.0),
        n(h),
        hex(palette::LIGHT_CANVAS),
        n(LINK_LABEL_SIZE * 0.35),
        n(LINK_LABEL_SIZE),
        hex(palette::LIGHT_MUTED),
        esc(text)
    );
}
