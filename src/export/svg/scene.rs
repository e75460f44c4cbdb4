//! The layout of the picture: which services, links and streams are drawn,
//! where, and the bounding box of it all. Writing the markup is
//! [`super::render`]'s job.

use super::style::{
    OVERHANG, STREAM_CORNER, STREAM_LABEL_SIZE, STREAM_SPACING, STREAM_WIDTH, ZONE_LABEL_SIZE,
};
use super::text::text_width;
use crate::analysis::Finding;
use crate::analysis::marks::Marks;
use crate::export::display_text::one_line;
use crate::export::layout::positions;
use crate::geometry::{
    NODE_HEIGHT, NODE_WIDTH, Point, Rect, Route, RouteBox, RouteLink, Router, TransitStyle, Zone,
    node_rect, pt, stream_steps, team_zones, transit_lines, zone_caption,
};
use crate::model::{Id, Link, Map, Service, Stream};
use crate::palette::{self, Rgb};

/// A stream as drawn: its colour, its line, its stops and where its name goes.
pub(super) struct StreamLine<'a> {
    /// The stream.
    pub(super) stream: &'a Stream,
    /// Its line's colour.
    pub(super) color: Rgb,
    /// Its line through the steps, beside other streams where they share a segment.
    pub(super) path: Vec<Point>,
    /// Where the line meets each step's box.
    pub(super) stops: Vec<Point>,
    /// Top-left corner and width of its name, above its first step.
    pub(super) label: Option<(Point, f64)>,
}

/// A link as drawn.
pub(super) struct LinkLine<'a> {
    /// The link.
    pub(super) link: &'a Link,
    /// Its route around the boxes it does not join, from its source's
    /// border to its target's (the canvas draws the same).
    pub(super) route: Route,
}

/// What the picture shows, laid out.
pub(super) struct Scene<'a> {
    /// The map drawn.
    pub(super) map: &'a Map,
    /// Every finding, allowed ones included (the legend counts them).
    pub(super) findings: &'a [Finding],
    /// The live findings by the services and links they name.
    pub(super) marks: Marks<'a>,
    /// Node rectangles by position in `map.services`.
    pub(super) rects: Vec<Rect>,
    /// Which services are drawn.
    pub(super) shown: Vec<bool>,
    /// The streams drawn, in drawing order.
    pub(super) streams: Vec<StreamLine<'a>>,
    /// The links drawn, both ends shown.
    pub(super) links: Vec<LinkLine<'a>>,
    /// The zones of the teams owning services drawn, in drawing order.
    pub(super) zones: Vec<Zone>,
    /// The stream the picture is about.
    pub(super) focus: Option<&'a Stream>,
    /// The stream asked for, when the map does not have it.
    pub(super) missing: Option<&'a Id>,
    /// Bounding box of what is drawn of the map.
    pub(super) content: Rect,
    /// The fill of every team.
    pub(super) team_colors: palette::TeamColors,
    /// Put before every element id the picture defines and refers to, so
    /// that two pictures in one page (the interactive page's before and
    /// after) keep their ids apart; empty in a standalone SVG.
    pub(super) id_prefix: &'a str,
    /// Whether the picture has its title block (the map's name and what is
    /// shown); a page that places the picture under its own title leaves it out.
    pub(super) titled: bool,
}

impl<'a> Scene<'a> {
    /// The layout of `map` (or of its `stream`) with `findings` marked.
    pub(super) fn new(map: &'a Map, findings: &'a [Finding], stream: Option<&'a Id>) -> Scene<'a> {
        let focus = stream.and_then(|id| map.stream(id.as_str()));
        let missing = stream.filter(|_| focus.is_none());
        let centers: Vec<Point> = positions(map).into_iter().map(|(x, y)| pt(x, y)).collect();
        let shown: Vec<bool> = map
            .services
            .iter()
            .map(|s| match (stream, focus) {
                (None, _) => true,
                (Some(_), Some(f)) => f.has_step(&s.id),
                (Some(_), None) => false,
            })
            .collect();
        // Only the services drawn are laid out (a name's lines are the cost);
        // the others' boxes are never read.
        let rects: Vec<Rect> = map
            .services
            .iter()
            .zip(&centers)
            .zip(&shown)
            .map(|((s, &c), &shown)| {
                if shown {
                    node_rect(s.kind, &s.name, c)
                } else {
                    Rect::NOTHING
                }
            })
            .collect();
        let index = map.service_indices();

        let mut content = Rect::NOTHING;
        for (r, _) in rects.iter().zip(&shown).filter(|(_, s)| **s) {
            content.include_rect(&r.shrink(-OVERHANG));
        }

        let links = routed_links(map, &rects, &shown, &index);
        for line in &links {
            content.include_rect(&line.route.bounds());
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
        let steps = stream_steps(map, drawn.iter().map(|(_, s)| *s));
        let style = TransitStyle {
            spacing: STREAM_SPACING,
            corner: STREAM_CORNER,
        };
        let mut streams = Vec::new();
        for (&(k, s), line) in drawn.iter().zip(transit_lines(&steps, &rects, style)) {
            for q in line.path.iter().chain(&line.stops) {
                content.include_rect(&Rect::around(*q, STREAM_WIDTH * 3.0, STREAM_WIDTH * 3.0));
            }
            // The name above the first step's box, stacked over the names of
            // streams listed before that start there too.
            let label = line.name_anchor.map(|anchor| {
                let top = anchor.y - 8.0 - 18.0 * (line.name_rank as f64 + 1.0) + 2.0;
                let at = pt(anchor.x, top);
                let w = text_width(&one_line(&s.name), STREAM_LABEL_SIZE);
                content.include_rect(&Rect::from_min_size(
                    pt(at.x - 3.0, at.y - 1.0),
                    w + 6.0,
                    18.0,
                ));
                (at, w)
            });
            streams.push(StreamLine {
                stream: s,
                color: palette::stream_color(k, s),
                path: line.path,
                stops: line.stops,
                label,
            });
        }

        // Zones of the services drawn only: an empty box adds nothing.
        let drawn_rects: Vec<Rect> = rects
            .iter()
            .zip(&shown)
            .map(|(r, &s)| if s { *r } else { Rect::NOTHING })
            .collect();
        let zones = team_zones(map, &drawn_rects);
        for z in &zones {
            content.include_rect(&z.rect);
            let caption = one_line(&zone_caption(&map.teams[z.team]));
            let w = text_width(&caption, ZONE_LABEL_SIZE);
            content.include(pt(z.label_at.x + w, z.label_at.y));
        }

        if content.is_empty() {
            content = Rect::from_min_size(pt(0.0, 0.0), NODE_WIDTH, NODE_HEIGHT);
        }
        Scene {
            map,
            findings,
            marks: Marks::new(findings),
            rects,
            shown,
            streams,
            links,
            zones,
            focus,
            missing,
            content,
            team_colors: palette::TeamColors::of(map),
            id_prefix: "",
            titled: true,
        }
    }

    /// The fill of a service: its team's colour, or grey.
    pub(super) fn fill(&self, s: &Service) -> Rgb {
        self.team_colors.owner(s.owner.as_ref())
    }

    /// Whether a finding concerns what the picture shows.
    pub(super) fn in_view(&self, f: &Finding) -> bool {
        match (self.focus, self.missing) {
            (None, None) => true,
            (Some(s), _) => f.subjects.iter().any(|id| id == &s.id || s.has_step(id)),
            (None, Some(_)) => false,
        }
    }
}

/// The links with both ends shown, each with its route among the services
/// shown (hidden services are no obstacles: they are not drawn).
fn routed_links<'a>(
    map: &'a Map,
    rects: &[Rect],
    shown: &[bool],
    index: &rustc_hash::FxHashMap<&Id, usize>,
) -> Vec<LinkLine<'a>> {
    // Router positions of the shown services, by position in `map.services`.
    let mut slot = vec![usize::MAX; rects.len()];
    let mut boxes = Vec::new();
    for (i, s) in map.services.iter().enumerate() {
        if shown[i] {
            slot[i] = boxes.len();
            boxes.push(RouteBox {
                rect: rects[i],
                kind: s.kind,
            });
        }
    }
    let mut drawn = Vec::new();
    let mut ends = Vec::new();
    for link in &map.links {
        let (Some(&a), Some(&b)) = (index.get(&link.from), index.get(&link.to)) else {
            continue;
        };
        if shown[a] && shown[b] {
            drawn.push(link);
            ends.push(RouteLink {
                from: slot[a],
                to: slot[b],
            });
        }
    }
    let router = Router::new(&boxes, &ends);
    drawn
        .into_iter()
        .zip(router.routes())
        .map(|(link, route)| LinkLine {
            link,
            route: route.clone(),
        })
        .collect()
}
