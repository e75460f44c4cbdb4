//! Painting one service node as egui [`Shape`]s: the finding halo, the body
//! of its kind, its label, the selection ring, the no-owner mark and the
//! finding-count badge.
//!
//! Nothing here owns a `Ui` or a `Painter`: [`service_shapes`] returns the
//! shapes and the caller adds them (e.g. `painter.extend(shapes)`). The
//! outlines, hit tests, label areas and hatching come from the GUI-free
//! [`crate::geometry`], which the SVG export draws from too; this file only
//! converts between egui's f32 types and the geometry's f64 ones at its
//! edge. The colour maths is [`crate::palette`]'s.

use egui::epaint::RectShape;
use egui::text::{LayoutJob, TextWrapping};
use egui::{
    Align2, Color32, Context, CornerRadius, FontId, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2,
    pos2, vec2,
};

use super::theme::rgb;
use crate::geometry::{self, Outline, Point, pt};
use crate::model::ServiceKind;
use crate::palette::{self, Rgb};
use crate::text::badge_count;

use crate::text::{MAX_LABEL_CHARS, elide};

/// How one service node looks on screen this frame.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeLook {
    /// Fill: the owning team's colour, or grey when the service is unowned.
    pub fill: Color32,
    /// Outline, with its width at zoom 1.0 (it is scaled by the zoom).
    pub stroke: Stroke,
    /// Colour of the label; see [`text_color_on`].
    pub text_color: Color32,
    /// Another stream or finding is focused: draw everything at ~25% opacity.
    pub dimmed: bool,
    /// Draw a thicker highlight outline around the node in [`Self::selection_color`].
    pub selected: bool,
    /// Colour of the selection outline.
    pub selection_color: Color32,
    /// Draw a "no owner" mark (a "?" badge with a dashed rim) at the top-left corner.
    pub unowned: bool,
    /// Severity colour of the worst finding: a soft wide glow around the shape.
    pub halo: Option<Color32>,
    /// Number of findings and badge colour: a small filled badge with the number
    /// at the top-right corner.
    pub badge: Option<(usize, Color32)>,
    /// What a comparison changed, and its colour: a square tag with a sign
    /// at the top-right corner, unlike a finding's round badge.
    pub change: Option<(ChangeTag, Color32)>,
}

/// What a comparison did to a service, as its tag says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeTag {
    /// Added: "+".
    Added,
    /// Removed: "−".
    Removed,
    /// Fields changed: "~".
    Changed,
    /// Moved to another team: "⇄".
    OwnerMoved,
}

impl ChangeTag {
    /// The sign on the tag.
    pub fn sign(self) -> &'static str {
        match self {
            ChangeTag::Added => "+",
            ChangeTag::Removed => "−",
            ChangeTag::Changed => "~",
            ChangeTag::OwnerMoved => "⇄",
        }
    }
}

/// Canvas size of a node at zoom 1.0 ([`geometry::NODE_WIDTH`] by
/// [`geometry::NODE_HEIGHT`]).
pub const NODE_SIZE: Vec2 = vec2(geometry::NODE_WIDTH as f32, geometry::NODE_HEIGHT as f32);

/// Canvas size at zoom 1 of the box of a service of `kind` named `name`
/// ([`geometry::node_size`]: [`NODE_SIZE`], taller for a name that needs it).
pub fn node_size(kind: ServiceKind, name: &str) -> Vec2 {
    let (w, h) = geometry::node_size(kind, name);
    vec2(w as f32, h as f32)
}

/// Opacity factor applied to every colour of a dimmed node.
const DIM_FACTOR: f32 = 0.25;
/// Halo rings: (distance outside the outline, alpha factor), at decoration scale 1.
const HALO_RINGS: [(f32, f32); 3] = [(2.5, 0.55), (5.5, 0.3), (8.5, 0.14)];
/// Width of one halo ring at decoration scale 1.
const HALO_WIDTH: f32 = 3.5;
/// Distance of the selection outline outside the shape, in screen points.
const SELECTION_GAP: f32 = 3.0;
/// Width of the selection outline at zoom 1.
const SELECTION_WIDTH: f32 = 2.5;
/// Radius of the finding-count badge at decoration scale 1.
const BADGE_RADIUS: f32 = 8.0;
/// Radius of the "no owner" mark at decoration scale 1.
const UNOWNED_RADIUS: f32 = 7.0;
/// Extra room for anti-aliasing feathering.
const FEATHER: f32 = 1.0;

/// Scale of decorations (halo, badges) so that they stay visible when zoomed
/// out and do not swamp the node when zoomed in.
fn deco_scale(zoom: f32) -> f32 {
    zoom.clamp(0.5, 2.0)
}

/// A usable zoom: finite and positive.
fn sane_zoom(zoom: f32) -> f32 {
    if zoom.is_finite() && zoom > 0.0 {
        zoom
    } else {
        1.0
    }
}

/// How far (in screen points) the shapes of [`service_shapes`] may reach
/// outside the node's `rect` at this zoom: halo, selection outline, badges.
///
/// Useful for culling and for sizing repaint areas.
pub fn overhang(zoom: f32) -> f32 {
    let zoom = sane_zoom(zoom);
    let deco = deco_scale(zoom);
    let halo = HALO_RINGS
        .iter()
        .map(|&(offset, _)| offset)
        .fold(0.0, f32::max)
        * deco
        + HALO_WIDTH * deco / 2.0;
    let selection = SELECTION_GAP + SELECTION_WIDTH * zoom / 2.0;
    let badge = BADGE_RADIUS * deco + deco;
    let unowned = UNOWNED_RADIUS * deco + deco;
    halo.max(selection).max(badge).max(unowned) + FEATHER
}

/// Near-black or near-white, whichever reads better on `fill`
/// ([`palette::text_color_on`], on the colour without its alpha).
pub fn text_color_on(fill: Color32) -> Color32 {
    rgb(palette::text_color_on(rgb_of(fill)))
}

/// The colour the body of `kind` is actually filled with, given the node's
/// fill ([`palette::body_fill`]): the same, except a lighter, translucent one
/// for external systems.
///
/// Pick the label colour with `text_color_on(body_fill(kind, fill))`.
pub fn body_fill(kind: ServiceKind, fill: Color32) -> Color32 {
    let body = palette::body_fill(kind, rgb_of(fill));
    with_rgb(fill, |_| body.color).gamma_multiply(body.opacity)
}

/// Shapes for one node whose bounding box on screen is `rect`.
///
/// `lines` (the name as [`geometry::node_box`] breaks it, so that the
/// canvas shows the SVG's lines) are drawn centred in the node's body, each
/// truncated with an ellipsis should the canvas' font be wider than the
/// estimate, and only when `show_label` is true. `zoom` scales stroke
/// widths and the font size ([`geometry::LABEL_SIZE`] at zoom 1, clamped to
/// 9..=32 pt).
///
/// Text is laid out with `ctx.fonts_mut(|f| f.layout_job(..))`, so `ctx` must
/// have run at least one pass (true inside any frame), and this must not be
/// called while the context is locked (e.g. from inside `ctx.input(|_| ..)`).
///
/// Everything stays inside `rect.expand(overhang(zoom))`. Returns nothing for
/// an empty or non-finite `rect`.
pub fn service_shapes(
    ctx: &Context,
    kind: ServiceKind,
    rect: Rect,
    zoom: f32,
    lines: &[String],
    show_label: bool,
    look: &NodeLook,
) -> Vec<Shape> {
    let mut out = Vec::new();
    if !rect.is_finite() || !rect.is_positive() {
        return out;
    }
    let zoom = sane_zoom(zoom);
    let deco = deco_scale(zoom);
    let dim = |c: Color32| {
        if look.dimmed {
            c.gamma_multiply(DIM_FACTOR)
        } else {
            c
        }
    };
    let outer = Outline::of(kind, to_rect(rect)).polygon();
    let ring = |distance: f32| to_pos2s(&geometry::offset_convex(&outer, f64::from(distance)));

    if let Some(color) = look.halo {
        for &(offset, alpha) in &HALO_RINGS {
            let stroke = Stroke::new(HALO_WIDTH * deco, dim(color.gamma_multiply(alpha)));
            out.push(Shape::closed_line(ring(offset * deco), stroke));
        }
    }

    let body = Body {
        rect,
        zoom,
        fill: look.fill,
        stroke: Stroke::new(look.stroke.width * zoom, look.stroke.color),
        dim: &dim,
    };
    let label_area = body.push(kind, &mut out);

    if show_label && lines.iter().any(|l| !l.is_empty()) {
        push_label(
            ctx,
            &mut out,
            lines,
            &label_area,
            rect,
            zoom,
            dim(look.text_color),
            &dim,
        );
    }

    if look.selected {
        let stroke = Stroke::new(SELECTION_WIDTH * zoom, dim(look.selection_color));
        out.push(Shape::closed_line(ring(SELECTION_GAP), stroke));
    }

    if look.unowned {
        push_unowned_mark(ctx, &mut out, rect.left_top(), deco, &dim);
    }

    if let Some((count, color)) = look.badge {
        push_badge(ctx, &mut out, rect.right_top(), deco, count, color, &dim);
    }

    if let Some((tag, color)) = look.change {
        push_change_tag(ctx, &mut out, rect.right_top(), deco, tag, color);
    }

    out
}

/// Whether `pos` (screen) is inside the node's shape ([`geometry::contains`]).
pub fn contains(kind: ServiceKind, rect: Rect, pos: Pos2) -> bool {
    geometry::contains(kind, &to_rect(rect), to_point(pos))
}

/// Where a ray from the centre of `rect` in direction `dir` leaves the node's
/// outline (screen coordinates); used to end link arrows at the border
/// ([`geometry::boundary_point`]).
///
/// A zero or non-finite `dir` gives the centre.
pub fn boundary_point(kind: ServiceKind, rect: Rect, dir: Vec2) -> Pos2 {
    // Shorter than this, an f32 direction is rounding noise, not a direction.
    if !dir.is_finite() || dir.length_sq() <= f32::EPSILON || !rect.is_finite() {
        return rect.center();
    }
    // Straight up or down from the centre, every kind's outline meets its
    // box's top or bottom side: the hexagon's flat edges, the cylinder's cap
    // tops and the shield's point are all centred.
    if dir.x == 0.0 {
        return if dir.y < 0.0 {
            rect.center_top()
        } else {
            rect.center_bottom()
        };
    }
    to_pos2(geometry::boundary_point(
        kind,
        &to_rect(rect),
        to_point(dir.to_pos2()),
    ))
}

// ---------------------------------------------------------------------------
// Bodies of the kinds.

/// Where the label goes inside a body.
struct LabelArea {
    /// Centre of the label, and its maximum width.
    area: Rect,
    /// Fill behind the label, for bodies whose pattern would hurt legibility.
    backing: Option<Color32>,
}

/// What every body needs to draw itself.
struct Body<'a> {
    rect: Rect,
    zoom: f32,
    /// Undimmed fill.
    fill: Color32,
    /// Undimmed outline, already scaled by the zoom.
    stroke: Stroke,
    dim: &'a dyn Fn(Color32) -> Color32,
}

impl Body<'_> {
    /// Push the body of `kind`; returns where the label goes.
    fn push(&self, kind: ServiceKind, out: &mut Vec<Shape>) -> LabelArea {
        let rect = self.rect;
        let fill = (self.dim)(self.fill);
        let stroke = Stroke::new(self.stroke.width, (self.dim)(self.stroke.color));
        let area = geometry::label_area(
            kind,
            &to_rect(rect),
            f64::from(self.stroke.width),
            f64::from(self.zoom),
        );
        // Polygons are stroked on their centre line: inset them so the stroke stays inside.
        let inner = rect.shrink(stroke.width / 2.0);
        let radius = geometry::corner_radius(kind, &to_rect(rect)) as f32;
        let outline_in = |r: Rect| to_pos2s(&Outline::of(kind, to_rect(r)).polygon());
        match kind {
            ServiceKind::Service => {
                out.push(RectShape::new(rect, radius, fill, stroke, StrokeKind::Inside).into());
            }
            ServiceKind::Frontend => self.push_frontend(out, fill, stroke),
            ServiceKind::Gateway => {
                out.push(Shape::convex_polygon(outline_in(inner), fill, stroke));
            }
            ServiceKind::Datastore => {
                out.push(Shape::convex_polygon(outline_in(inner), fill, stroke));
                let ry = geometry::cap_radius(&to_rect(inner)) as f32;
                let cap_center = pos2(inner.center().x, inner.top() + ry);
                let cap_radius = vec2(inner.width() / 2.0, ry);
                let cap_fill = (self.dim)(lighten(self.fill, 0.3));
                out.push(Shape::ellipse_filled(cap_center, cap_radius, cap_fill));
                out.push(Shape::ellipse_stroke(cap_center, cap_radius, stroke));
            }
            ServiceKind::Legacy => {
                out.push(Shape::rect_filled(rect, radius, fill));
                let hatch = Stroke::new((self.zoom).max(0.5), (self.dim)(darken(self.fill, 0.3)));
                let clip = rect.shrink(stroke.width + 1.5 * self.zoom);
                let spacing = f64::from(8.0 * self.zoom);
                for [a, b] in geometry::hatch_segments(&to_rect(clip), spacing) {
                    out.push(Shape::line_segment([to_pos2(a), to_pos2(b)], hatch));
                }
                out.push(Shape::rect_stroke(rect, radius, stroke, StrokeKind::Inside));
            }
            ServiceKind::Acl => {
                out.push(Shape::convex_polygon(outline_in(inner), fill, stroke));
                let emblem = outline_in(inner.shrink(4.0 * self.zoom));
                let emblem_stroke = Stroke::new(
                    (self.zoom).max(0.5),
                    (self.dim)(self.stroke.color.gamma_multiply(0.45)),
                );
                out.push(Shape::closed_line(emblem, emblem_stroke));
            }
            ServiceKind::External => {
                let light = (self.dim)(body_fill(kind, self.fill));
                out.push(Shape::rect_filled(rect, radius, light));
                // The whole border, dashed: the rounded box of the outer
                // radius, traced once round and closed.
                let dashed = Outline::RoundedRect {
                    rect: to_rect(inner),
                    radius: f64::from(radius),
                };
                let mut perimeter = to_pos2s(&dashed.polygon());
                if let Some(&first) = perimeter.first() {
                    perimeter.push(first);
                }
                let dash = (6.0 * self.zoom).max(1.0);
                let gap = (4.0 * self.zoom).max(1.0);
                Shape::dashed_line_many(&perimeter, stroke, dash, gap, out);
            }
        }
        LabelArea {
            area: to_egui_rect(&area.area),
            backing: area.backing.then_some(self.fill),
        }
    }

    /// A "screen" ([`geometry::screen_parts`]): a window with a darker title
    /// bar, on a small stand.
    fn push_frontend(&self, out: &mut Vec<Shape>, fill: Color32, stroke: Stroke) {
        let parts = geometry::screen_parts(&to_rect(self.rect));

        // Stand: a neck and a foot, centred below the screen.
        let stand = (self.dim)(darken(self.fill, 0.45));
        out.push(Shape::rect_filled(to_egui_rect(&parts.neck), 0.0, stand));
        out.push(Shape::rect_filled(
            to_egui_rect(&parts.foot),
            parts.foot_radius as f32,
            stand,
        ));

        // Screen, title bar, then the outline on top of both.
        let screen = to_egui_rect(&parts.screen);
        let radius = parts.radius as f32;
        out.push(Shape::rect_filled(screen, radius, fill));
        let bar = to_egui_rect(&parts.bar);
        // The geometry's radius is a whole number of points from 0 to 255.
        let r = parts.radius as u8;
        let bar_radius = CornerRadius {
            nw: r,
            ne: r,
            sw: 0,
            se: 0,
        };
        out.push(Shape::rect_filled(
            bar,
            bar_radius,
            (self.dim)(darken(self.fill, 0.3)),
        ));
        let dot = (self.dim)(lighten(self.fill, 0.55));
        for &center in &parts.dots {
            out.push(Shape::circle_filled(
                to_pos2(center),
                parts.dot_radius as f32,
                dot,
            ));
        }
        out.push(Shape::hline(
            screen.x_range().shrink(stroke.width),
            bar.bottom(),
            Stroke::new(stroke.width * 0.75, stroke.color),
        ));
        out.push(Shape::rect_stroke(
            screen,
            radius,
            stroke,
            StrokeKind::Inside,
        ));
    }
}

/// A name's `lines` centred in the label area, one below the other as in
/// the SVG (its line distance scaled like the font), on the area's backing
/// (kept inside the node's `rect`) when it has one.
///
/// The lines were broken to fit the area at [`geometry::LABEL_SIZE`] at
/// zoom 1. Zoomed out, the font stays large enough to read where the lines
/// leave room, and shrinks towards the drawing's own scale where they do
/// not, so that a line is never cut where the SVG shows it whole.
#[allow(clippy::too_many_arguments)]
fn push_label(
    ctx: &Context,
    out: &mut Vec<Shape>,
    lines: &[String],
    label_area: &LabelArea,
    rect: Rect,
    zoom: f32,
    color: Color32,
    dim: &dyn Fn(Color32) -> Color32,
) {
    let widest = lines
        .iter()
        .map(|l| crate::text::text_width(l, geometry::LABEL_SIZE))
        .fold(0.0, f64::max) as f32;
    let fits = geometry::LABEL_SIZE as f32 * label_area.area.width() / widest.max(1.0);
    let size = (geometry::LABEL_SIZE as f32 * zoom)
        .clamp(9.0, 32.0)
        .min(fits.max(geometry::LABEL_SIZE as f32 * zoom));
    let step = size * (geometry::LABEL_LINE / geometry::LABEL_SIZE) as f32;
    let max_width = label_area.area.width().max(1.0);
    let galleys: Vec<_> = lines
        .iter()
        .map(|line| layout_line(ctx, line, FontId::proportional(size), color, max_width))
        .collect();
    let center = label_area.area.center();
    let first = center.y - step * (galleys.len() as f32 - 1.0) / 2.0;
    let placed: Vec<(Pos2, _)> = galleys
        .into_iter()
        .enumerate()
        .map(|(k, galley)| {
            let at = pos2(center.x, first + step * k as f32);
            (
                Align2::CENTER_CENTER.anchor_size(at, galley.size()).min,
                galley,
            )
        })
        .collect();
    if let Some(backing) = label_area.backing {
        let text = placed.iter().fold(Rect::NOTHING, |b, (pos, galley)| {
            b.union(Rect::from_min_size(*pos, galley.size()))
        });
        let back = text.expand(2.0 * zoom).intersect(rect);
        out.push(Shape::rect_filled(back, 3.0 * zoom, dim(backing)));
    }
    for (pos, galley) in placed {
        out.push(Shape::galley(pos, galley, color));
    }
}

/// The "no owner" mark: a light "?" disc with a dashed rim, centred on `corner`.
fn push_unowned_mark(
    ctx: &Context,
    out: &mut Vec<Shape>,
    corner: Pos2,
    deco: f32,
    dim: &dyn Fn(Color32) -> Color32,
) {
    let radius = UNOWNED_RADIUS * deco;
    out.push(Shape::circle_filled(
        corner,
        radius,
        dim(Color32::from_gray(248)),
    ));
    let mut rim: Vec<Pos2> = (0..=24)
        .map(|i| corner + Vec2::angled(i as f32 / 24.0 * std::f32::consts::TAU) * radius)
        .collect();
    if let Some(&first) = rim.first() {
        rim.push(first);
    }
    let rim_stroke = Stroke::new(1.2 * deco, dim(Color32::from_gray(70)));
    Shape::dashed_line_many(&rim, rim_stroke, 2.5 * deco, 1.8 * deco, out);
    let color = dim(Color32::from_gray(40));
    let galley = layout_line(
        ctx,
        "?",
        FontId::proportional(radius * 1.5),
        color,
        f32::INFINITY,
    );
    let pos = Align2::CENTER_CENTER.anchor_size(corner, galley.size()).min;
    out.push(Shape::galley(pos, galley, color));
}

/// The finding-count badge: a filled pill with the count, its right end on the
/// right edge of the node, centred vertically on `corner`.
fn push_badge(
    ctx: &Context,
    out: &mut Vec<Shape>,
    corner: Pos2,
    deco: f32,
    count: usize,
    color: Color32,
    dim: &dyn Fn(Color32) -> Color32,
) {
    let radius = BADGE_RADIUS * deco;
    let text = badge_count(count);
    let text_color = dim(text_color_on(color));
    let galley = layout_line(
        ctx,
        &text,
        FontId::proportional(radius * 1.2),
        text_color,
        f32::INFINITY,
    );
    let width = (galley.size().x + radius).max(2.0 * radius);
    let right = corner.x + radius;
    let pill = Rect::from_min_max(
        pos2(right - width, corner.y - radius),
        pos2(right, corner.y + radius),
    );
    let outline = Stroke::new(deco, dim(Color32::from_gray(250)));
    out.push(RectShape::new(pill, radius, dim(color), outline, StrokeKind::Inside).into());
    let pos = Align2::CENTER_CENTER
        .anchor_size(pill.center(), galley.size())
        .min;
    out.push(Shape::galley(pos, galley, text_color));
}

/// A change tag: a square (a finding's badge is round) in the change's
/// colour with its sign, centred on `corner`. Never dimmed: a removed
/// service is drawn faint, its tag is what says why.
fn push_change_tag(
    ctx: &Context,
    out: &mut Vec<Shape>,
    corner: Pos2,
    deco: f32,
    tag: ChangeTag,
    color: Color32,
) {
    let half = BADGE_RADIUS * deco;
    let square = Rect::from_center_size(corner, vec2(2.0 * half, 2.0 * half));
    let outline = Stroke::new(deco, Color32::from_gray(250));
    out.push(RectShape::new(square, deco, color, outline, StrokeKind::Inside).into());
    let ink = text_color_on(color);
    let galley = layout_line(
        ctx,
        tag.sign(),
        FontId::proportional(half * 1.6),
        ink,
        f32::INFINITY,
    );
    let pos = Align2::CENTER_CENTER
        .anchor_size(square.center(), galley.size())
        .min;
    out.push(Shape::galley(pos, galley, ink));
}

/// Lay out one line of text, elided with "…" beyond `max_width`.
fn layout_line(
    ctx: &Context,
    text: &str,
    font: FontId,
    color: Color32,
    max_width: f32,
) -> std::sync::Arc<egui::Galley> {
    let text = elide(text, MAX_LABEL_CHARS).into_owned();
    let mut job = LayoutJob::simple_singleline(text, font, color);
    job.wrap = TextWrapping::truncate_at_width(max_width);
    ctx.fonts_mut(|fonts| fonts.layout_job(job))
}

// ---------------------------------------------------------------------------
// The edge between egui's f32 types and the geometry's and palette's.

/// A screen or canvas point in the geometry's f64 (exact).
fn to_point(p: Pos2) -> Point {
    pt(f64::from(p.x), f64::from(p.y))
}

/// A geometry point on screen, rounded to f32.
fn to_pos2(p: Point) -> Pos2 {
    pos2(p.x as f32, p.y as f32)
}

/// Geometry points on screen.
fn to_pos2s(points: &[Point]) -> Vec<Pos2> {
    points.iter().map(|&p| to_pos2(p)).collect()
}

/// An egui rectangle in the geometry's f64 (exact).
fn to_rect(r: Rect) -> geometry::Rect {
    geometry::Rect::from_min_max(to_point(r.min), to_point(r.max))
}

/// A geometry rectangle on screen.
fn to_egui_rect(r: &geometry::Rect) -> Rect {
    Rect::from_min_max(to_pos2(r.min), to_pos2(r.max))
}

/// The colour without its alpha, which the palette's maths works on.
fn rgb_of(c: Color32) -> Rgb {
    let [r, g, b, _] = c.to_srgba_unmultiplied();
    (r, g, b)
}

/// `c` with its red, green and blue changed by `f`, keeping its alpha.
fn with_rgb(c: Color32, f: impl FnOnce(Rgb) -> Rgb) -> Color32 {
    let [_, _, _, a] = c.to_srgba_unmultiplied();
    let (r, g, b) = f(rgb_of(c));
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// [`palette::darken`], keeping the alpha.
fn darken(c: Color32, t: f32) -> Color32 {
    with_rgb(c, |x| palette::darken(x, t))
}

/// [`palette::lighten`], keeping the alpha.
fn lighten(c: Color32, t: f32) -> Color32 {
    with_rgb(c, |x| palette::lighten(x, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look() -> NodeLook {
        NodeLook {
            fill: Color32::from_rgb(70, 130, 200),
            stroke: Stroke::new(1.5, Color32::from_gray(40)),
            text_color: Color32::WHITE,
            dimmed: false,
            selected: false,
            selection_color: Color32::from_rgb(255, 200, 0),
            unowned: false,
            halo: None,
            badge: None,
            change: None,
        }
    }

    /// Run `f` inside a frame, so that fonts exist.
    fn with_ctx(f: impl Fn(&Context)) {
        let ctx = Context::default();
        ctx.run_ui(Default::default(), |ui| f(ui.ctx()))
            .drop_without_applying_deltas();
    }

    fn node_rect(zoom: f32) -> Rect {
        Rect::from_min_size(pos2(100.0, 50.0), NODE_SIZE * zoom)
    }

    /// The lines of a plain service's name.
    fn lines(name: &str) -> Vec<String> {
        geometry::node_box(ServiceKind::Service, name).lines
    }

    fn labels(shapes: &[Shape]) -> Vec<String> {
        shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text(t) => Some(t.galley.text().to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_kind_draws_inside_its_margin() {
        with_ctx(|ctx| {
            for zoom in [0.3, 1.0, 2.5] {
                let rect = node_rect(zoom);
                let allowed = rect.expand(overhang(zoom) + 0.01);
                for kind in ServiceKind::ALL {
                    for full in [false, true] {
                        let look = NodeLook {
                            selected: full,
                            unowned: full,
                            dimmed: full,
                            halo: full.then_some(Color32::RED),
                            badge: full.then_some((123, Color32::RED)),
                            change: None,
                            ..look()
                        };
                        let shapes = service_shapes(
                            ctx,
                            kind,
                            rect,
                            zoom,
                            &lines("A rather long service name that will not fit"),
                            true,
                            &look,
                        );
                        assert!(!shapes.is_empty(), "{kind:?}");
                        for shape in &shapes {
                            let bounds = shape.visual_bounding_rect();
                            assert!(
                                allowed.contains_rect(bounds),
                                "{kind:?} zoom {zoom}: {bounds:?} outside {allowed:?}"
                            );
                        }
                        if !full {
                            // Without decorations the body stays inside the rect.
                            for shape in &shapes {
                                let bounds = shape.visual_bounding_rect();
                                assert!(
                                    rect.expand(0.01).contains_rect(bounds),
                                    "{kind:?} zoom {zoom}: {bounds:?} outside {rect:?}"
                                );
                            }
                        }
                    }
                }
            }
        });
    }

    #[test]
    fn labels_only_when_asked_and_truncated() {
        with_ctx(|ctx| {
            let rect = node_rect(1.0);
            for kind in ServiceKind::ALL {
                let name = lines("Payments");
                let hidden = service_shapes(ctx, kind, rect, 1.0, &name, false, &look());
                assert!(labels(&hidden).is_empty(), "{kind:?}");
                let shown = service_shapes(ctx, kind, rect, 1.0, &name, true, &look());
                assert_eq!(labels(&shown), ["Payments"], "{kind:?}");
                // A long name: the shared function's lines, one galley each,
                // none wider than the node.
                let long = geometry::node_box(kind, &"x".repeat(200));
                let tall = Rect::from_center_size(
                    rect.center(),
                    vec2(long.width as f32, long.height as f32),
                );
                let shapes = service_shapes(ctx, kind, tall, 1.0, &long.lines, true, &look());
                assert_eq!(labels(&shapes), long.lines, "{kind:?}");
                assert!(long.lines.last().is_some_and(|l| l.ends_with('…')));
                for shape in &shapes {
                    if let Shape::Text(t) = shape {
                        assert!(t.galley.size().x <= tall.width(), "{kind:?}");
                    }
                }
            }
        });
    }

    #[test]
    fn lines_are_drawn_one_below_the_other() {
        with_ctx(|ctx| {
            let name = lines("Account Opening Service");
            assert_eq!(name, ["Account Opening", "Service"]);
            let shapes = service_shapes(
                ctx,
                ServiceKind::Service,
                node_rect(1.0),
                1.0,
                &name,
                true,
                &look(),
            );
            let tops: Vec<f32> = shapes
                .iter()
                .filter_map(|s| match s {
                    Shape::Text(t) => Some(t.pos.y),
                    _ => None,
                })
                .collect();
            assert_eq!(tops.len(), 2);
            let step = tops[1] - tops[0];
            assert!((step - geometry::LABEL_LINE as f32).abs() < 1.0, "{step}");
        });
    }

    #[test]
    fn a_label_of_a_thousand_characters_is_cut_before_layout() {
        let long = "W".repeat(crate::model::limits::MAX_NAME_CHARS);
        let b = geometry::node_box(ServiceKind::Service, &long);
        with_ctx(|ctx| {
            let shapes = service_shapes(
                ctx,
                ServiceKind::Service,
                node_rect(4.0),
                4.0,
                &b.lines,
                true,
                &look(),
            );
            let texts = labels(&shapes);
            assert_eq!(texts.len(), geometry::MAX_LABEL_LINES);
            assert!(texts.iter().all(|t| t.chars().count() < 40), "{texts:?}");
            assert!(texts[2].ends_with('…'));
        });
    }

    #[test]
    fn badge_and_unowned_mark_have_text() {
        with_ctx(|ctx| {
            let look = NodeLook {
                unowned: true,
                badge: Some((3, Color32::RED)),
                change: None,
                ..look()
            };
            let shapes = service_shapes(
                ctx,
                ServiceKind::Service,
                node_rect(1.0),
                1.0,
                &[],
                true,
                &look,
            );
            let mut texts = labels(&shapes);
            texts.sort();
            assert_eq!(texts, ["3", "?"]);
        });
    }

    #[test]
    fn contains_centre_but_not_hexagon_corner() {
        let rect = node_rect(1.0);
        for kind in ServiceKind::ALL {
            assert!(contains(kind, rect, rect.center()), "{kind:?}");
            assert!(
                !contains(kind, rect, rect.center() + vec2(0.0, 100.0)),
                "{kind:?}"
            );
        }
        for corner in [
            rect.left_top(),
            rect.right_top(),
            rect.left_bottom(),
            rect.right_bottom(),
        ] {
            let nudged = corner + (rect.center() - corner).normalized() * 2.0;
            assert!(!contains(ServiceKind::Gateway, rect, nudged));
            assert!(contains(ServiceKind::Service, rect, nudged));
        }
        // The shield's bottom corners are empty too.
        assert!(!contains(
            ServiceKind::Acl,
            rect,
            rect.left_bottom() + vec2(3.0, -3.0)
        ));
        assert!(contains(
            ServiceKind::Acl,
            rect,
            rect.left_top() + vec2(3.0, 3.0)
        ));
    }

    #[test]
    fn vertical_boundary_points_are_the_outlines() {
        let rect = node_rect(1.0);
        for kind in ServiceKind::ALL {
            for dir in [vec2(0.0, 1.0), vec2(0.0, -3.0)] {
                let fast = boundary_point(kind, rect, dir);
                let exact = to_pos2(geometry::boundary_point(
                    kind,
                    &to_rect(rect),
                    to_point(dir.to_pos2()),
                ));
                assert!(
                    fast.distance(exact) < 1e-3,
                    "{kind:?} {dir:?}: {fast:?} {exact:?}"
                );
            }
        }
    }

    #[test]
    fn boundary_points_lie_on_the_outline() {
        let rect = node_rect(1.0);
        let right = boundary_point(ServiceKind::Service, rect, vec2(1.0, 0.0));
        assert!((right.x - rect.right()).abs() < 1e-3, "{right:?}");
        assert!((right.y - rect.center().y).abs() < 1e-3, "{right:?}");
        let up = boundary_point(ServiceKind::Service, rect, vec2(0.0, -5.0));
        assert!((up.y - rect.top()).abs() < 1e-3, "{up:?}");
        let tip = boundary_point(ServiceKind::Gateway, rect, vec2(-1.0, 0.0));
        assert!(tip.distance(pos2(rect.left(), rect.center().y)) < 1e-3);
        let point = boundary_point(ServiceKind::Acl, rect, vec2(0.0, 1.0));
        assert!(point.distance(rect.center_bottom()) < 1e-3);
        assert_eq!(
            boundary_point(ServiceKind::Datastore, rect, Vec2::ZERO),
            rect.center()
        );
        for kind in ServiceKind::ALL {
            for i in 0..16 {
                let dir = Vec2::angled(i as f32 / 16.0 * std::f32::consts::TAU);
                let p = boundary_point(kind, rect, dir);
                assert!(rect.expand(1e-3).contains(p), "{kind:?} {dir:?}");
                assert!(p.distance(rect.center()) > 10.0, "{kind:?} {dir:?}");
                // Just inside is inside, just outside is outside.
                assert!(contains(kind, rect, p - dir * 0.5), "{kind:?} {dir:?}");
                if matches!(kind, ServiceKind::Gateway | ServiceKind::Acl) {
                    assert!(!contains(kind, rect, p + dir * 2.0), "{kind:?} {dir:?}");
                }
            }
        }
    }

    #[test]
    fn external_fill_is_lighter_and_translucent() {
        let fill = Color32::from_rgb(20, 40, 120);
        assert_eq!(body_fill(ServiceKind::Service, fill), fill);
        let light = body_fill(ServiceKind::External, fill);
        assert!(light.a() < 255);
        let [r, g, b, _] = light.to_srgba_unmultiplied();
        assert!(r > 20 && g > 40 && b > 120);
        assert!(text_color_on(light).r() < 60);
    }

    #[test]
    fn text_contrast() {
        assert!(text_color_on(Color32::BLACK).r() > 200);
        assert!(text_color_on(Color32::WHITE).r() < 60);
        assert!(text_color_on(Color32::from_rgb(255, 220, 0)).r() < 60);
        assert!(text_color_on(Color32::from_rgb(20, 40, 120)).r() > 200);
    }

    #[test]
    fn degenerate_input_does_not_panic() {
        with_ctx(|ctx| {
            let empty = Rect::from_min_size(pos2(0.0, 0.0), Vec2::ZERO);
            for kind in ServiceKind::ALL {
                assert!(
                    service_shapes(ctx, kind, empty, 1.0, &lines("x"), true, &look()).is_empty()
                );
                let _ = service_shapes(
                    ctx,
                    kind,
                    node_rect(1.0),
                    f32::NAN,
                    &lines("x"),
                    true,
                    &look(),
                );
                let _ = boundary_point(kind, empty, vec2(1.0, 0.0));
                let _ = contains(kind, empty, pos2(0.0, 0.0));
            }
        });
    }
}
