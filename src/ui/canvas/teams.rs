//! The team overview on the canvas ([`crate::overview`]): a block per team
//! and one arrow per pair of teams, its width growing with what crosses and
//! its colour the worst finding on it.
//!
//! Drawn in two places: behind the streams when zoomed out past
//! [`OVERVIEW_BELOW_ZOOM`](super::display::OVERVIEW_BELOW_ZOOM), in the
//! zones' places, and on its own in View ▸ Teams (`teams_view.rs`). The
//! overview is derived from the map, the positions and the findings, so it
//! is kept per shown revision ([`OverviewCache`]) rather than rebuilt on
//! every frame of a 10,000-service map.

use egui::epaint::TextShape;
use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, CornerRadius, FontId, Pos2, Rect, Shape, Stroke, StrokeKind, vec2};

use super::space::{Transform, service_boxes};
use crate::geometry::{self, Point};
use crate::model::Map;
use crate::overview::{TeamOverview, arrow_width};
use crate::ui::shapes::text_color_on;
use crate::ui::state::{CanvasSource, Revision, Selection, Shown};
use crate::ui::theme::{Theme, rgb};

/// Below this zoom, arrows carry no label.
const MIN_ARROW_LABEL_ZOOM: f32 = 0.45;

/// Which overview of which shown map a cache holds.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Blocks in the zones' places.
    AtZones,
    /// The team interaction graph laid out on its own.
    LaidOut,
}

/// The last overview computed, with what it was computed for.
#[derive(Default)]
pub(super) struct OverviewCache {
    key: Option<(CanvasSource, Revision, Kind)>,
    overview: TeamOverview,
}

impl OverviewCache {
    /// The overview of the shown map with each team's block in its zone's
    /// place, for services at their map positions.
    pub(super) fn at_zones(&mut self, shown: &Shown) -> &TeamOverview {
        self.get(shown, Kind::AtZones)
    }

    /// The team interaction graph of the shown map, laid out on its own.
    pub(super) fn laid_out(&mut self, shown: &Shown) -> &TeamOverview {
        self.get(shown, Kind::LaidOut)
    }

    /// The team interaction graph last laid out, if the Teams view drew it.
    pub(super) fn last_laid_out(&self) -> Option<&TeamOverview> {
        matches!(self.key, Some((_, _, Kind::LaidOut))).then_some(&self.overview)
    }

    fn get(&mut self, shown: &Shown, kind: Kind) -> &TeamOverview {
        let key = (shown.source, shown.doc.revision(), kind);
        if self.key != Some(key) {
            let map = shown.doc.map();
            // The compare overlay marks changes, not findings.
            let findings = match shown.marks {
                Some(_) => &[][..],
                None => shown.doc.findings(),
            };
            self.overview = match kind {
                Kind::AtZones => {
                    let positions = super::space::display_positions(map);
                    let rects = service_boxes(map, &positions);
                    TeamOverview::at_zones(map, &rects, findings)
                }
                Kind::LaidOut => TeamOverview::laid_out(map, findings),
            };
            self.key = Some(key);
        }
        &self.overview
    }
}

/// What the overview is drawn with.
pub(super) struct OverviewView<'a> {
    pub map: &'a Map,
    pub overview: &'a TeamOverview,
    pub transform: &'a Transform,
    pub selection: &'a Selection,
    pub clip: Rect,
    /// How arrows are drawn and labelled.
    pub arrows: ArrowStyle,
}

/// How the overview's arrows are drawn.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum ArrowStyle {
    /// Faint and unlabelled, under the map's own marks (far out on the
    /// canvas, where hundreds of them meet).
    Faint,
    /// Solid, with their wording ("3 sync · 1 handoff") where it fits and
    /// their count where only that fits (the Teams view).
    Labelled,
    /// Solid, with their count where it fits.
    Counted,
}

fn to_pos(q: Point) -> Pos2 {
    Pos2::new(q.x as f32, q.y as f32)
}

/// The blocks, then the arrows over them, then the arrows' labels.
pub(super) fn overview_shapes(ctx: &egui::Context, v: &OverviewView, theme: &Theme) -> Vec<Shape> {
    let t = v.transform;
    let colors = &v.overview.colors;
    let graph = &v.overview.graph;
    let mut out = Vec::new();
    let mut texts = Vec::new();
    // Where labels may not go: blocks, and labels placed before.
    let mut taken: Vec<Rect> = Vec::new();
    // Labels are read at a block's own size or more; further out they are
    // a carpet of text.
    let labels = v.arrows != ArrowStyle::Faint && t.zoom >= MIN_ARROW_LABEL_ZOOM;
    let selected_team = match v.selection {
        Selection::Team(id) => Some(id),
        _ => None,
    };
    for block in &v.overview.blocks {
        let rect = Rect::from_min_max(
            t.to_screen(to_pos(block.rect.min)),
            t.to_screen(to_pos(block.rect.max)),
        );
        if !v.clip.intersects(rect) {
            continue;
        }
        taken.push(rect);
        let node = &graph.nodes[block.node];
        let fill = node
            .team
            .as_ref()
            .and_then(|id| colors.get(id))
            .map_or(theme.unowned, rgb);
        let corner = CornerRadius::same((rect.height() * 0.12).clamp(2.0, 12.0) as u8);
        out.push(Shape::rect_filled(rect, corner, fill.gamma_multiply(0.9)));
        let border = match node.worst {
            Some(s) => Stroke::new(2.5, theme.severity(s)),
            None => Stroke::new(1.0, theme.ink.gamma_multiply(0.6)),
        };
        out.push(Shape::rect_stroke(rect, corner, border, StrokeKind::Inside));
        if node.team.is_some() && node.team.as_ref() == selected_team {
            out.push(Shape::rect_stroke(
                rect.expand(3.0),
                corner,
                Stroke::new(3.0, theme.selection),
                StrokeKind::Outside,
            ));
        }
        texts.extend(block_caption(ctx, v, block.node, rect, fill));
    }
    for arrow in &v.overview.arrows {
        let edge = &graph.edges[arrow.edge];
        let mut points: Vec<Pos2> = arrow
            .points
            .iter()
            .map(|&q| t.to_screen(to_pos(q)))
            .collect();
        let bounds = Rect::from_points(&points);
        if points.len() < 2 || !v.clip.intersects(bounds.expand(8.0)) {
            continue;
        }
        let width = arrow_width(v.overview.weight(arrow.edge)) as f32;
        // Arrows both ways between two teams are set apart, each to its right.
        if arrow.both_ways && points.len() == 2 {
            let dir = (points[1] - points[0]).normalized();
            let right = vec2(-dir.y, dir.x) * (width / 2.0 + 2.0);
            for p in &mut points {
                *p += right;
            }
        }
        let faint = v.arrows == ArrowStyle::Faint;
        let color = match edge.worst {
            Some(s) if faint => theme.severity(s).gamma_multiply(0.6),
            Some(s) => theme.severity(s),
            None if faint => theme.ink.gamma_multiply(0.3),
            None => theme.ink.gamma_multiply(0.75),
        };
        let (Some(&end), Some(&before)) = (points.last(), points.get(points.len() - 2)) else {
            continue;
        };
        let head = (4.0 + width * 1.5).min((end - before).length() * 0.6);
        let dir = (end - before).normalized();
        let base = end - dir * head;
        let mut shaft = points.clone();
        if let Some(last) = shaft.last_mut() {
            *last = base;
        }
        // A plain segment where it is one: far out there are thousands,
        // and a segment tessellates for a fraction of a path's cost.
        let stroke = Stroke::new(width, color);
        out.push(match shaft[..] {
            [a, b] => Shape::line_segment([a, b], stroke),
            _ => Shape::line(shaft, stroke),
        });
        let normal = vec2(-dir.y, dir.x) * (head * 0.55);
        out.push(Shape::convex_polygon(
            vec![end, base + normal, base - normal],
            color,
            Stroke::NONE,
        ));
        if labels && let Some(i) = crate::geometry::longest_segment(&arrow.points) {
            let segment = (points[i], points[i + 1]);
            texts.extend(arrow_label(
                ctx, v, arrow.edge, segment, color, theme, &mut taken,
            ));
        }
    }
    out.extend(texts);
    out
}

/// The block's name, and its type and size when there is room; nothing on
/// a block too small to read.
fn block_caption(
    ctx: &egui::Context,
    v: &OverviewView,
    node: usize,
    rect: Rect,
    fill: Color32,
) -> Vec<Shape> {
    let size = (rect.height() * 0.2).clamp(0.0, 15.0);
    if size < 8.0 || rect.width() < 40.0 {
        return Vec::new();
    }
    let ink = text_color_on(fill);
    let mut job = LayoutJob::simple(
        v.overview.title(v.map, node).to_string(),
        FontId::proportional(size),
        ink,
        rect.width() - 12.0,
    );
    job.wrap = TextWrapping {
        max_width: rect.width() - 12.0,
        max_rows: 2,
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    job.halign = egui::Align::Center;
    let title = ctx.fonts_mut(|f| f.layout_job(job));
    let sub_size = (size * 0.8).max(8.0);
    let subtitle = (rect.height() > title.size().y + sub_size * 2.2).then(|| {
        let mut job = LayoutJob::simple_singleline(
            v.overview.subtitle(v.map, node),
            FontId::proportional(sub_size),
            ink.gamma_multiply(0.85),
        );
        job.wrap = TextWrapping::truncate_at_width(rect.width() - 12.0);
        job.halign = egui::Align::Center;
        ctx.fonts_mut(|f| f.layout_job(job))
    });
    let total = title.size().y + subtitle.as_ref().map_or(0.0, |g| g.size().y + 2.0);
    let top = rect.center().y - total / 2.0;
    let mut out = Vec::new();
    let sub_top = top + title.size().y + 2.0;
    out.push(Shape::galley(
        Pos2::new(rect.center().x, top),
        title,
        Color32::PLACEHOLDER,
    ));
    if let Some(sub) = subtitle {
        out.push(Shape::galley(
            Pos2::new(rect.center().x, sub_top),
            sub,
            Color32::PLACEHOLDER,
        ));
    }
    out
}

/// The arrow's label at the middle of `segment` (its longest), on a backing:
/// the full wording when asked and it fits, the count otherwise; nothing
/// on an arrow too short to carry it.
fn arrow_label(
    ctx: &egui::Context,
    v: &OverviewView,
    edge: usize,
    (a, b): (Pos2, Pos2),
    color: Color32,
    theme: &Theme,
    taken: &mut Vec<Rect>,
) -> Vec<Shape> {
    let length = (b - a).length();
    if length < 28.0 {
        return Vec::new();
    }
    let e = &v.overview.graph.edges[edge];
    let full = v.overview.arrow_label(edge);
    let font = FontId::proportional(11.0);
    let fits = |text: &str| {
        let g = ctx.fonts_mut(|f| f.layout_no_wrap(text.to_string(), font.clone(), color));
        (g.size().x + 8.0 < length).then_some(g)
    };
    let count = (e.link_count() + e.handoffs).to_string();
    let mid = a + (b - a) * 0.5;
    let free = |g: &std::sync::Arc<egui::Galley>| {
        let back = Rect::from_center_size(mid, g.size()).expand(2.0);
        !taken.iter().any(|r| r.intersects(back))
    };
    let galley = if v.arrows == ArrowStyle::Labelled {
        fits(&full)
            .filter(free)
            .or_else(|| fits(&count).filter(free))
    } else {
        fits(&count).filter(free)
    };
    let Some(galley) = galley else {
        return Vec::new();
    };
    let back = Rect::from_center_size(mid, galley.size()).expand(2.0);
    taken.push(back);
    vec![
        Shape::rect_filled(back, 3.0, theme.canvas.gamma_multiply(0.92)),
        Shape::Text(TextShape::new(back.min + vec2(2.0, 2.0), galley, color)),
    ]
}

/// The team under a screen point, by the block drawn there.
pub(super) fn team_at(overview: &TeamOverview, t: &Transform, p: Pos2) -> Option<usize> {
    let c = t.to_canvas(p);
    overview
        .block_at(geometry::pt(f64::from(c.x), f64::from(c.y)))
        .map(|b| b.node)
}

/// A hover text for a block: name, type, size and worst finding.
pub(super) fn block_tooltip(map: &Map, overview: &TeamOverview, node: usize) -> String {
    let mut text = format!(
        "{}\n{}",
        overview.title(map, node),
        overview.subtitle(map, node)
    );
    if let Some(worst) = overview.graph.nodes.get(node).and_then(|n| n.worst) {
        text.push_str(&format!("\nWorst finding: {}", worst.as_str()));
    }
    text.push_str("\nDouble-click to show its services");
    text
}
