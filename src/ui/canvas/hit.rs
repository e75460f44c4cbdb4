//! What is under a point of the screen: a service (by its kind's outline)
//! or a link (within a few pixels of its route).

use egui::{Pos2, Rect, Vec2};

use super::space::{Transform, display_positions, distance_to_segment};
use crate::geometry::{Router, pt};
use crate::model::Map;
use crate::ui::shapes;

/// How far from a link's line, in screen pixels, a point still hits it.
const LINK_TOLERANCE_PX: f32 = 6.0;

/// The service under a screen position, by index in `map.services`
/// (topmost = last drawn).
pub fn service_at(map: &Map, transform: &Transform, screen: Pos2) -> Option<usize> {
    let p = transform.to_canvas(screen);
    let positions = display_positions(map);
    // Every box is NODE_WIDTH wide and at most MAX_HEIGHT tall: most services
    // are rejected without measuring their names.
    let reach = Vec2::new(
        crate::geometry::NODE_WIDTH as f32,
        crate::geometry::MAX_HEIGHT as f32,
    ) / 2.0;
    (0..map.services.len()).rev().find(|&i| {
        let s = &map.services[i];
        let off = p - positions[i];
        if off.x.abs() > reach.x || off.y.abs() > reach.y {
            return false;
        }
        shapes::contains(
            s.kind,
            Rect::from_center_size(positions[i], shapes::node_size(s.kind, &s.name)),
            p,
        )
    })
}

/// The link under a screen position, by index in `map.links`: along its
/// route when `routes` has one for it (routed for this map), else along the
/// line between its services' centres.
pub fn link_at(
    map: &Map,
    routes: Option<&Router>,
    transform: &Transform,
    screen: Pos2,
) -> Option<usize> {
    let positions = display_positions(map);
    let index = map.service_indices();
    let tolerance = LINK_TOLERANCE_PX / transform.zoom;
    let p = transform.to_canvas(screen);
    let q = pt(f64::from(p.x), f64::from(p.y));
    map.links.iter().enumerate().position(|(i, l)| {
        let route = routes
            .and_then(|r| r.route(i))
            .filter(|r| !r.points.is_empty());
        match (route, index.get(&l.from), index.get(&l.to)) {
            (Some(route), _, _) => route.distance_to(q) < f64::from(tolerance),
            (None, Some(&a), Some(&b)) => {
                distance_to_segment(p, positions[a], positions[b]) < tolerance
            }
            _ => false,
        }
    })
}
