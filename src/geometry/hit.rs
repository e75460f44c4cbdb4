//! Where a node is: whether a point hits it, and where a link towards it
//! meets its border. Both follow the node's [`Outline`].

use super::outline::Outline;
use super::point::Point;
use super::polygon::{convex_contains, ray_exit};
use super::rect::Rect;
use crate::model::ServiceKind;

/// Whether `pos` is inside the node of `kind` whose box is `rect`.
///
/// The whole box, except for the hexagon (gateway) and the shield (ACL),
/// whose empty corners are large enough to click beside the shape; the
/// small rounded corners and a cylinder's cap corners stay part of the
/// target, which makes nodes easier to grab.
pub fn contains(kind: ServiceKind, rect: &Rect, pos: Point) -> bool {
    if !rect.contains(pos) {
        return false;
    }
    match kind {
        ServiceKind::Gateway | ServiceKind::Acl => {
            convex_contains(&Outline::of(kind, *rect).polygon(), pos)
        }
        _ => true,
    }
}

/// Where a ray from the centre of `rect` in direction `dir` leaves the
/// outline of `kind`: where a link arrow ends at the border.
///
/// A zero or non-finite `dir`, or a non-finite `rect`, gives the centre.
pub fn boundary_point(kind: ServiceKind, rect: &Rect, dir: Point) -> Point {
    let center = rect.center();
    if !dir.is_finite() || dir.len() <= 1e-9 || !rect.is_finite() {
        return center;
    }
    ray_exit(&Outline::of(kind, *rect).polygon(), center, dir).map_or(center, |t| center + dir * t)
}
