//! The one outline of each service kind ([`crate::geometry::Outline`])
//! written as an SVG element, with true arcs and curves where the canvas
//! draws short segments: what a body fills and a halo strokes.

use super::attrs::{n, points_attr, rect_attrs};
use crate::geometry::{Outline, Point, Rect, cap_radius, pt, shield_curve};

/// An element (its name and geometry, without fill or stroke) tracing
/// `outline`, e.g. `rect x="…" … rx="6"`; the caller closes the tag.
pub(super) fn outline_element(outline: &Outline) -> String {
    match outline {
        Outline::RoundedRect { rect, radius } => {
            format!(r#"rect {} rx="{}""#, rect_attrs(rect), n(*radius))
        }
        Outline::Hexagon { .. } => {
            format!(r#"polygon points="{}""#, points_attr(&outline.polygon()))
        }
        Outline::Cylinder { rect } => format!(r#"path d="{}""#, cylinder_path(rect)),
        Outline::Shield { rect } => format!(r#"path d="{}""#, shield_path(rect)),
    }
}

/// A cylinder's silhouette filling `r`: half-ellipse caps joined by the sides.
fn cylinder_path(r: &Rect) -> String {
    let ry = cap_radius(r);
    let rx = r.w() / 2.0;
    format!(
        "M{},{} A{},{} 0 0 1 {},{} L{},{} A{},{} 0 0 1 {},{} Z",
        n(r.min.x),
        n(r.min.y + ry),
        n(rx),
        n(ry),
        n(r.max.x),
        n(r.min.y + ry),
        n(r.max.x),
        n(r.max.y - ry),
        n(rx),
        n(ry),
        n(r.min.x),
        n(r.max.y - ry)
    )
}

/// A shield filling `r`: the flat top, then the right and the mirrored left
/// quadratic curves meeting at the bottom point.
fn shield_path(r: &Rect) -> String {
    let [p0, p1, p2] = shield_curve(r);
    let mirror = |q: Point| pt(r.min.x + r.max.x - q.x, q.y);
    let (m0, m1) = (mirror(p0), mirror(p1));
    format!(
        "M{},{} L{},{} L{},{} Q{},{} {},{} Q{},{} {},{} Z",
        n(r.min.x),
        n(r.min.y),
        n(r.max.x),
        n(r.min.y),
        n(p0.x),
        n(p0.y),
        n(p1.x),
        n(p1.y),
        n(p2.x),
        n(p2.y),
        n(m1.x),
        n(m1.y),
        n(m0.x),
        n(m0.y)
    )
}
