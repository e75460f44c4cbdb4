//! Canvas space: where services sit on the canvas and how the canvas maps
//! to the screen, shared by drawing, hit testing and the camera.

use egui::{Pos2, Rect, Vec2, pos2};

use crate::model::Map;
use crate::ui::shapes::NODE_SIZE;

/// Canvas to screen: `screen = canvas * zoom + offset`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transform {
    /// Zoom factor.
    pub zoom: f32,
    /// Screen position of the canvas origin.
    pub offset: Vec2,
}

impl Default for Transform {
    fn default() -> Self {
        Transform {
            zoom: 1.0,
            offset: Vec2::ZERO,
        }
    }
}

impl Transform {
    /// Canvas to screen.
    pub fn to_screen(&self, p: Pos2) -> Pos2 {
        (p.to_vec2() * self.zoom + self.offset).to_pos2()
    }

    /// Screen to canvas.
    pub fn to_canvas(&self, p: Pos2) -> Pos2 {
        ((p.to_vec2() - self.offset) / self.zoom).to_pos2()
    }
}

/// Where each service is drawn: its map position, or a spot in a row below
/// the map for services the file gives no position.
pub fn display_positions(map: &Map) -> Vec<Pos2> {
    map.display_positions()
        .into_iter()
        .map(|(x, y)| pos2(x as f32, y as f32))
        .collect()
}

/// The boxes of `map`'s services centred at `positions` (one per service, in
/// map order), each as tall as its name needs, in the geometry's terms (for
/// the team zones and stream lines drawn from them).
pub fn service_boxes(map: &crate::model::Map, positions: &[Pos2]) -> Vec<crate::geometry::Rect> {
    positions
        .iter()
        .zip(&map.services)
        .map(|(p, s)| {
            let center = crate::geometry::pt(f64::from(p.x), f64::from(p.y));
            crate::geometry::node_rect(s.kind, &s.name, center)
        })
        .collect()
}

/// The bounds of services centred at `positions`, in canvas coordinates.
pub fn bounds_of(positions: impl IntoIterator<Item = Pos2>) -> Rect {
    positions.into_iter().fold(Rect::NOTHING, |b, p| {
        b.union(Rect::from_center_size(p, NODE_SIZE))
    })
}

/// The distance from `p` to the segment from `a` to `b`.
pub fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() > 0.0 {
        ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (a + ab * t).distance(p)
}
