//! Pure painting helpers: turn one service node into egui [`Shape`]s.
//!
//! Nothing here owns a `Ui` or a `Painter`: [`service_shapes`] returns the
//! shapes and the caller adds them (e.g. `painter.extend(shapes)`). Every kind
//! has a convex outline, which [`contains`] and [`boundary_point`] use for hit
//! testing and for ending link arrows at the border, and which the selection
//! outline and the finding halo follow.

use egui::epaint::RectShape;
use egui::text::{LayoutJob, TextWrapping};
use egui::{
    Align2, Color32, Context, CornerRadius, FontId, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2,
    pos2, vec2,
};

use crate::model::ServiceKind;

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
}

/// Canvas size of a node at zoom 1.0.
pub const NODE_SIZE: Vec2 = vec2(150.0, 60.0);

/// Most characters of a label laid out on the canvas. A node shows well
/// under 100 at any zoom (150 points wide, the font at least 9 points), and
/// a name may have 1,000 ([`crate::model::limits::MAX_NAME_CHARS`]): the
/// rest is cut before layout instead of being measured and elided on every
/// redraw.
pub const MAX_LABEL_CHARS: usize = 200;

/// `s` cut to at most `max` characters, with "…" when cut: for names shown
/// where a file could make them arbitrarily long.
pub fn elide(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &s[..end]).into(),
        None => s.into(),
    }
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

/// Near-black or near-white, whichever reads better on `fill` (by perceived luminance).
pub fn text_color_on(fill: Color32) -> Color32 {
    let [r, g, b, _] = fill.to_srgba_unmultiplied();
    let luminance = (0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b)) / 255.0;
    if luminance > 0.55 {
        Color32::from_gray(20)
    } else {
        Color32::from_gray(245)
    }
}

/// The colour the body of `kind` is actually filled with, given the node's
/// fill: the same, except a lighter, semi-transparent one for external systems.
///
/// Pick the label colour with `text_color_on(body_fill(kind, fill))`.
pub fn body_fill(kind: ServiceKind, fill: Color32) -> Color32 {
    match kind {
        ServiceKind::External => lighten(fill, 0.55).gamma_multiply(0.8),
        _ => fill,
    }
}

/// Shapes for one node whose bounding box on screen is `rect`.
///
/// `label` is drawn centred in the node's body, truncated with an ellipsis to
/// fit the width, and only when `show_label` is true. `zoom` scales stroke
/// widths and the font size (13 pt at zoom 1, clamped to 9..=32 pt).
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
    label: &str,
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
    let outer = outline(kind, rect);

    if let Some(color) = look.halo {
        for &(offset, alpha) in &HALO_RINGS {
            let ring = offset_convex(&outer, offset * deco);
            let stroke = Stroke::new(HALO_WIDTH * deco, dim(color.gamma_multiply(alpha)));
            out.push(Shape::closed_line(ring, stroke));
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

    if show_label && !label.is_empty() {
        let size = (13.0 * zoom).clamp(9.0, 32.0);
        let max_width = label_area.area.width().max(1.0);
        let color = dim(look.text_color);
        let galley = layout_line(ctx, label, FontId::proportional(size), color, max_width);
        let pos = Align2::CENTER_CENTER
            .anchor_size(label_area.area.center(), galley.size())
            .min;
        if let Some(backing) = label_area.backing {
            let back = Rect::from_min_size(pos, galley.size())
                .expand(2.0 * zoom)
                .intersect(rect);
            out.push(Shape::rect_filled(back, 3.0 * zoom, dim(backing)));
        }
        out.push(Shape::galley(pos, galley, color));
    }

    if look.selected {
        let ring = offset_convex(&outer, SELECTION_GAP);
        let stroke = Stroke::new(SELECTION_WIDTH * zoom, dim(look.selection_color));
        out.push(Shape::closed_line(ring, stroke));
    }

    if look.unowned {
        push_unowned_mark(ctx, &mut out, rect.left_top(), deco, &dim);
    }

    if let Some((count, color)) = look.badge {
        push_badge(ctx, &mut out, rect.right_top(), deco, count, color, &dim);
    }

    out
}

/// Whether `pos` (screen) is inside the node's shape.
///
/// The bounding box, except for the hexagon (gateway) and the shield (ACL),
/// whose empty corners are outside.
pub fn contains(kind: ServiceKind, rect: Rect, pos: Pos2) -> bool {
    if !rect.contains(pos) {
        return false;
    }
    match kind {
        ServiceKind::Gateway | ServiceKind::Acl => convex_contains(&outline(kind, rect), pos),
        _ => true,
    }
}

/// Where a ray from the centre of `rect` in direction `dir` leaves the node's
/// outline (screen coordinates); used to end link arrows at the border.
///
/// A zero or non-finite `dir` gives the centre.
pub fn boundary_point(kind: ServiceKind, rect: Rect, dir: Vec2) -> Pos2 {
    let center = rect.center();
    if !dir.is_finite() || dir.length_sq() <= f32::EPSILON || !rect.is_finite() {
        return center;
    }
    let points = outline(kind, rect);
    let mut best: Option<f32> = None;
    for (i, &a) in points.iter().enumerate() {
        let b = points[(i + 1) % points.len()];
        let edge = b - a;
        let denom = cross(dir, edge);
        if denom.abs() <= f32::EPSILON {
            continue;
        }
        let to_a = a - center;
        let t = cross(to_a, edge) / denom;
        let s = cross(to_a, dir) / denom;
        if t >= 0.0 && (-1e-4..=1.0 + 1e-4).contains(&s) {
            best = Some(best.map_or(t, |old: f32| old.max(t)));
        }
    }
    best.map_or(center, |t| center + dir * t)
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
        let pad = 6.0 * self.zoom;
        let fill = (self.dim)(self.fill);
        let stroke = Stroke::new(self.stroke.width, (self.dim)(self.stroke.color));
        // Polygons are stroked on their centre line: inset them so the stroke stays inside.
        let inner = rect.shrink(stroke.width / 2.0);
        let plain = LabelArea {
            area: rect.shrink2(vec2(pad, 0.0)),
            backing: None,
        };
        match kind {
            ServiceKind::Service => {
                let radius = corner_radius(kind, rect);
                out.push(RectShape::new(rect, radius, fill, stroke, StrokeKind::Inside).into());
                plain
            }
            ServiceKind::Frontend => self.push_frontend(out, fill, stroke),
            ServiceKind::Gateway => {
                out.push(Shape::convex_polygon(hexagon(inner), fill, stroke));
                let inset = hexagon_inset(rect);
                LabelArea {
                    area: rect.shrink2(vec2(inset * 0.6 + pad * 0.5, 0.0)),
                    backing: None,
                }
            }
            ServiceKind::Datastore => {
                out.push(Shape::convex_polygon(cylinder(inner), fill, stroke));
                let ry = cap_radius(inner);
                let cap_center = pos2(inner.center().x, inner.top() + ry);
                let cap_radius = vec2(inner.width() / 2.0, ry);
                let cap_fill = (self.dim)(lighten(self.fill, 0.3));
                out.push(Shape::ellipse_filled(cap_center, cap_radius, cap_fill));
                out.push(Shape::ellipse_stroke(cap_center, cap_radius, stroke));
                let top = inner.top() + 2.0 * ry;
                let bottom = inner.bottom() - ry * 0.5;
                LabelArea {
                    area: Rect::from_x_y_ranges(
                        rect.left() + pad..=rect.right() - pad,
                        top..=bottom.max(top),
                    ),
                    backing: None,
                }
            }
            ServiceKind::Legacy => {
                let radius = corner_radius(kind, rect);
                out.push(Shape::rect_filled(rect, radius, fill));
                let hatch = Stroke::new((self.zoom).max(0.5), (self.dim)(darken(self.fill, 0.3)));
                let clip = rect.shrink(stroke.width + 1.5 * self.zoom);
                for [a, b] in hatch_segments(clip, 8.0 * self.zoom) {
                    out.push(Shape::line_segment([a, b], hatch));
                }
                out.push(Shape::rect_stroke(rect, radius, stroke, StrokeKind::Inside));
                LabelArea {
                    area: plain.area,
                    backing: Some(self.fill),
                }
            }
            ServiceKind::Acl => {
                out.push(Shape::convex_polygon(shield(inner), fill, stroke));
                let emblem = shield(inner.shrink(4.0 * self.zoom));
                let emblem_stroke = Stroke::new(
                    (self.zoom).max(0.5),
                    (self.dim)(self.stroke.color.gamma_multiply(0.45)),
                );
                out.push(Shape::closed_line(emblem, emblem_stroke));
                LabelArea {
                    area: Rect::from_x_y_ranges(
                        rect.left() + pad + 4.0 * self.zoom..=rect.right() - pad - 4.0 * self.zoom,
                        rect.top()..=rect.top() + rect.height() * 0.72,
                    ),
                    backing: None,
                }
            }
            ServiceKind::External => {
                let radius = corner_radius(kind, rect);
                let light = (self.dim)(body_fill(kind, self.fill));
                out.push(Shape::rect_filled(rect, radius, light));
                let mut perimeter = rounded_rect_points(inner, radius);
                if let Some(&first) = perimeter.first() {
                    perimeter.push(first);
                }
                let dash = (6.0 * self.zoom).max(1.0);
                let gap = (4.0 * self.zoom).max(1.0);
                Shape::dashed_line_many(&perimeter, stroke, dash, gap, out);
                plain
            }
        }
    }

    /// A "screen": a window with a darker title bar, on a small stand.
    fn push_frontend(&self, out: &mut Vec<Shape>, fill: Color32, stroke: Stroke) -> LabelArea {
        let rect = self.rect;
        let h = rect.height();
        let w = rect.width();
        let pad = 6.0 * self.zoom;
        let radius = corner_radius(ServiceKind::Frontend, rect);
        let base_h = 0.05 * h;
        let screen = Rect::from_min_max(rect.min, pos2(rect.right(), rect.bottom() - 0.16 * h));

        // Stand: a neck and a foot, centred below the screen.
        let stand = (self.dim)(darken(self.fill, 0.45));
        let neck = Rect::from_center_size(
            pos2(rect.center().x, (screen.bottom() + rect.bottom()) / 2.0),
            vec2(0.06 * w, rect.bottom() - screen.bottom()),
        );
        out.push(Shape::rect_filled(neck, 0.0, stand));
        let foot = Rect::from_min_max(
            pos2(rect.center().x - 0.15 * w, rect.bottom() - base_h),
            pos2(rect.center().x + 0.15 * w, rect.bottom()),
        );
        out.push(Shape::rect_filled(foot, base_h / 2.0, stand));

        // Screen, title bar, then the outline on top of both.
        out.push(Shape::rect_filled(screen, radius, fill));
        let bar_h = 0.2 * h;
        let bar = Rect::from_min_max(screen.min, pos2(screen.right(), screen.top() + bar_h));
        let r = radius.round().clamp(0.0, 255.0) as u8;
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
        for i in 0..3 {
            let x = bar.left() + bar_h * 0.6 + i as f32 * bar_h * 0.45;
            if x + bar_h * 0.15 < bar.right() {
                out.push(Shape::circle_filled(
                    pos2(x, bar.center().y),
                    bar_h * 0.14,
                    dot,
                ));
            }
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
        LabelArea {
            area: Rect::from_x_y_ranges(
                screen.left() + pad..=screen.right() - pad,
                bar.bottom()..=screen.bottom(),
            ),
            backing: None,
        }
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
    let text = if count > 99 {
        "99+".to_owned()
    } else {
        count.to_string()
    };
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
// Geometry. Outlines are convex and run clockwise on screen (y grows down).

/// The convex outline of `kind` filling `rect`.
fn outline(kind: ServiceKind, rect: Rect) -> Vec<Pos2> {
    match kind {
        ServiceKind::Service
        | ServiceKind::Frontend
        | ServiceKind::Legacy
        | ServiceKind::External => rounded_rect_points(rect, corner_radius(kind, rect)),
        ServiceKind::Gateway => hexagon(rect),
        ServiceKind::Datastore => cylinder(rect),
        ServiceKind::Acl => shield(rect),
    }
}

/// Corner radius of the rectangular kinds.
fn corner_radius(kind: ServiceKind, rect: Rect) -> f32 {
    let factor = if kind == ServiceKind::Legacy {
        0.04
    } else {
        0.1
    };
    // `CornerRadius` stores whole points; keep the outline in step with it.
    (rect.height() * factor).round().clamp(0.0, 255.0)
}

/// A rounded rectangle's perimeter, each corner as a short arc.
fn rounded_rect_points(rect: Rect, radius: f32) -> Vec<Pos2> {
    let r = radius
        .min(rect.width() / 2.0)
        .min(rect.height() / 2.0)
        .max(0.0);
    if r < 0.5 {
        return vec![
            rect.left_top(),
            rect.right_top(),
            rect.right_bottom(),
            rect.left_bottom(),
        ];
    }
    use std::f32::consts::{FRAC_PI_2, PI};
    let corners = [
        (pos2(rect.left() + r, rect.top() + r), PI),
        (pos2(rect.right() - r, rect.top() + r), PI + FRAC_PI_2),
        (pos2(rect.right() - r, rect.bottom() - r), 0.0),
        (pos2(rect.left() + r, rect.bottom() - r), FRAC_PI_2),
    ];
    const STEPS: usize = 6;
    let mut points = Vec::with_capacity(4 * (STEPS + 1));
    for (center, start) in corners {
        for i in 0..=STEPS {
            let angle = start + FRAC_PI_2 * i as f32 / STEPS as f32;
            points.push(center + Vec2::angled(angle) * r);
        }
    }
    points
}

/// How far the hexagon's top and bottom edges are set in from the sides.
fn hexagon_inset(rect: Rect) -> f32 {
    (rect.height() / (2.0 * 3f32.sqrt())).min(rect.width() / 2.0)
}

/// A hexagon with points at the middle of the left and right sides.
fn hexagon(rect: Rect) -> Vec<Pos2> {
    let inset = hexagon_inset(rect);
    let cy = rect.center().y;
    vec![
        pos2(rect.left(), cy),
        pos2(rect.left() + inset, rect.top()),
        pos2(rect.right() - inset, rect.top()),
        pos2(rect.right(), cy),
        pos2(rect.right() - inset, rect.bottom()),
        pos2(rect.left() + inset, rect.bottom()),
    ]
}

/// Vertical radius of the cylinder's elliptical caps.
fn cap_radius(rect: Rect) -> f32 {
    (rect.height() * 0.14).clamp(0.0, rect.height() / 2.0)
}

/// A cylinder's silhouette: the top half of the top cap, the sides, the
/// bottom half of the bottom cap.
fn cylinder(rect: Rect) -> Vec<Pos2> {
    use std::f32::consts::PI;
    const STEPS: usize = 16;
    let ry = cap_radius(rect);
    let radius = vec2(rect.width() / 2.0, ry);
    let top = pos2(rect.center().x, rect.top() + ry);
    let bottom = pos2(rect.center().x, rect.bottom() - ry);
    let mut points = Vec::with_capacity(2 * (STEPS + 1));
    for (center, start) in [(top, PI), (bottom, 0.0)] {
        for i in 0..=STEPS {
            let angle = start + PI * i as f32 / STEPS as f32;
            points.push(center + Vec2::angled(angle) * radius);
        }
    }
    points
}

/// A shield: flat top, straight sides going down, then curving in to a point
/// at the bottom centre.
fn shield(rect: Rect) -> Vec<Pos2> {
    const STEPS: usize = 12;
    let shoulder = rect.top() + rect.height() * 0.4;
    let p0 = pos2(rect.right(), shoulder);
    let p1 = pos2(rect.right(), shoulder + (rect.bottom() - shoulder) * 0.3);
    let p2 = pos2(rect.center().x, rect.bottom());
    let right: Vec<Pos2> = (0..=STEPS)
        .map(|i| {
            let t = i as f32 / STEPS as f32;
            let u = 1.0 - t;
            (p0.to_vec2() * (u * u) + p1.to_vec2() * (2.0 * u * t) + p2.to_vec2() * (t * t))
                .to_pos2()
        })
        .collect();
    let mirror = |p: Pos2| pos2(rect.left() + rect.right() - p.x, p.y);
    let mut points = Vec::with_capacity(2 * STEPS + 3);
    points.push(rect.left_top());
    points.push(rect.right_top());
    points.extend(right.iter().copied());
    points.extend(right.iter().rev().skip(1).map(|&p| mirror(p)));
    points
}

/// Line segments of "/" hatching with the given spacing, clipped to `rect`.
fn hatch_segments(rect: Rect, spacing: f32) -> Vec<[Pos2; 2]> {
    let mut segments = Vec::new();
    if !rect.is_positive() || !spacing.is_finite() || spacing < 1.0 {
        return segments;
    }
    // Lines x + y = c; c runs over the rectangle's corners' range.
    let first = rect.left() + rect.top();
    let last = rect.right() + rect.bottom();
    let mut c = first + spacing / 2.0;
    while c < last {
        let x0 = (c - rect.bottom()).max(rect.left());
        let x1 = (c - rect.top()).min(rect.right());
        if x1 - x0 > 0.5 {
            segments.push([pos2(x0, c - x0), pos2(x1, c - x1)]);
        }
        c += spacing;
    }
    segments
}

/// 2-D cross product.
fn cross(a: Vec2, b: Vec2) -> f32 {
    a.x * b.y - a.y * b.x
}

/// `points` without consecutive (and wrap-around) near-duplicates.
fn dedup(points: &[Pos2]) -> Vec<Pos2> {
    let mut out: Vec<Pos2> = Vec::with_capacity(points.len());
    for &p in points {
        if out.last().is_none_or(|&q| q.distance_sq(p) > 1e-6) {
            out.push(p);
        }
    }
    while out.len() > 1
        && out
            .first()
            .zip(out.last())
            .is_some_and(|(a, b)| a.distance_sq(*b) <= 1e-6)
    {
        out.pop();
    }
    out
}

/// Whether `pos` is inside (or on) a clockwise convex polygon.
fn convex_contains(points: &[Pos2], pos: Pos2) -> bool {
    let points = dedup(points);
    if points.len() < 3 {
        return false;
    }
    (0..points.len()).all(|i| {
        let a = points[i];
        let b = points[(i + 1) % points.len()];
        cross(b - a, pos - a) >= -1e-3
    })
}

/// The outward offset of a clockwise convex polygon by `distance`, with
/// rounded corners (the boundary of its Minkowski sum with a disc).
fn offset_convex(points: &[Pos2], distance: f32) -> Vec<Pos2> {
    let points = dedup(points);
    let n = points.len();
    if n < 3 {
        return points;
    }
    let normal = |a: Pos2, b: Pos2| {
        let e = b - a;
        vec2(e.y, -e.x).normalized()
    };
    let max_step = std::f32::consts::PI / 12.0;
    let mut out = Vec::with_capacity(n * 2);
    for i in 0..n {
        let prev = points[(i + n - 1) % n];
        let p = points[i];
        let next = points[(i + 1) % n];
        let n1 = normal(prev, p);
        let n2 = normal(p, next);
        let a1 = n1.angle();
        let mut delta = n2.angle() - a1;
        while delta > std::f32::consts::PI {
            delta -= std::f32::consts::TAU;
        }
        while delta <= -std::f32::consts::PI {
            delta += std::f32::consts::TAU;
        }
        let steps = (delta.abs() / max_step).ceil() as usize;
        if steps <= 1 {
            let mid = (n1 + n2).normalized();
            out.push(p + mid * distance);
        } else {
            for k in 0..=steps {
                let angle = a1 + delta * k as f32 / steps as f32;
                out.push(p + Vec2::angled(angle) * distance);
            }
        }
    }
    out
}

/// `color` moved towards black by `t`, keeping its alpha.
fn darken(color: Color32, t: f32) -> Color32 {
    let k = (1.0 - t).clamp(0.0, 1.0);
    let scale = |v: u8| (f32::from(v) * k).round() as u8;
    Color32::from_rgba_premultiplied(
        scale(color.r()),
        scale(color.g()),
        scale(color.b()),
        color.a(),
    )
}

/// `color` moved towards white by `t`, keeping its alpha.
fn lighten(color: Color32, t: f32) -> Color32 {
    let t = t.clamp(0.0, 1.0);
    let a = f32::from(color.a());
    let scale = |v: u8| {
        let v = f32::from(v);
        (v + (a - v).max(0.0) * t).round() as u8
    };
    Color32::from_rgba_premultiplied(
        scale(color.r()),
        scale(color.g()),
        scale(color.b()),
        color.a(),
    )
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
                            ..look()
                        };
                        let shapes = service_shapes(
                            ctx,
                            kind,
                            rect,
                            zoom,
                            "A rather long service name that will not fit",
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
                let hidden = service_shapes(ctx, kind, rect, 1.0, "Payments", false, &look());
                assert!(labels(&hidden).is_empty(), "{kind:?}");
                let shown = service_shapes(ctx, kind, rect, 1.0, "Payments", true, &look());
                assert_eq!(labels(&shown), ["Payments"], "{kind:?}");
                let long = "x".repeat(200);
                let shapes = service_shapes(ctx, kind, rect, 1.0, &long, true, &look());
                let text = shapes.iter().find_map(|s| match s {
                    Shape::Text(t) => Some(t.galley.clone()),
                    _ => None,
                });
                let galley = text.expect("label drawn");
                assert!(galley.elided, "{kind:?}");
                assert!(galley.size().x <= rect.width(), "{kind:?}");
            }
        });
    }

    #[test]
    fn a_label_of_a_thousand_characters_is_cut_before_layout() {
        assert_eq!(elide("short", 10), "short");
        assert_eq!(elide("ééééé", 3), "ééé…");
        let long = "W".repeat(crate::model::limits::MAX_NAME_CHARS);
        with_ctx(|ctx| {
            let shapes = service_shapes(
                ctx,
                ServiceKind::Service,
                node_rect(4.0),
                4.0,
                &long,
                true,
                &look(),
            );
            let texts = labels(&shapes);
            let [text] = texts.as_slice() else {
                panic!("one label: {texts:?}");
            };
            // What was laid out: the name cut, not all 1,000 characters
            // (the galley then elides it further to the node's width).
            assert_eq!(text.chars().count(), MAX_LABEL_CHARS + 1);
            assert!(text.ends_with('…'));
        });
    }

    #[test]
    fn badge_and_unowned_mark_have_text() {
        with_ctx(|ctx| {
            let look = NodeLook {
                unowned: true,
                badge: Some((3, Color32::RED)),
                ..look()
            };
            let shapes = service_shapes(
                ctx,
                ServiceKind::Service,
                node_rect(1.0),
                1.0,
                "",
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
    fn hatching_stays_inside() {
        let rect = node_rect(1.0);
        let segments = hatch_segments(rect, 8.0);
        assert!(segments.len() > 10);
        for [a, b] in segments {
            assert!(rect.expand(1e-3).contains(a) && rect.expand(1e-3).contains(b));
            assert!(((a.x + a.y) - (b.x + b.y)).abs() < 1e-3);
        }
    }

    #[test]
    fn degenerate_input_does_not_panic() {
        with_ctx(|ctx| {
            let empty = Rect::from_min_size(pos2(0.0, 0.0), Vec2::ZERO);
            for kind in ServiceKind::ALL {
                assert!(service_shapes(ctx, kind, empty, 1.0, "x", true, &look()).is_empty());
                let _ = service_shapes(ctx, kind, node_rect(1.0), f32::NAN, "x", true, &look());
                let _ = boundary_point(kind, empty, vec2(1.0, 0.0));
                let _ = contains(kind, empty, pos2(0.0, 0.0));
            }
        });
    }
}
