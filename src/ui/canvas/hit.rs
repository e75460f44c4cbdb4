//! What is under a point of the screen: a service (by its kind's outline)
//! or a link (within a few pixels of its line).

use egui::{Pos2, Rect};

use super::space::{Transform, display_positions, distance_to_segment};
use crate::model::Map;
use crate::ui::shapes;

/// How far from a link's line, in screen pixels, a point still hits it.
const LINK_TOLERANCE_PX: f32 = 6.0;

/// The service under a screen position, by index in `map.services`
/// (topmost = last drawn).
pub fn service_at(map: &Map, transform: &Transform, screen: Pos2) -> Option<usize> {
    let p = transform.to_canvas(screen);
    let positions = display_positions(map);
    (0..map.services.len()).rev().find(|&i| {
        let s = &map.services[i];
        shapes::contains(
            s.kind,
            Rect::from_center_size(positions[i], shapes::node_size(s.kind, &s.name)),
            p,
        )
    })
}

/// The link under a screen position, by index in `map.links`.
pub fn link_at(map: &Map, transform: &Transform, screen: Pos2) -> Option<usize> {
    let positions = display_positions(map);
    let index = map.service_indices();
    let tolerance = LINK_TOLERANCE_PX / transform.zoom;
    let p = transform.to_canvas(screen);
    map.links
        .iter()
        .position(|l| match (index.get(&l.from), index.get(&l.to)) {
            (Some(&a), Some(&b)) => distance_to_segment(p, positions[a], positions[b]) < tolerance,
            _ => false,
        })
}
