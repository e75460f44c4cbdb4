//! Plane geometry of a map's drawing, free of any GUI type: the node box
//! (tall enough for its name's lines), the one outline of each service
//! kind, hit tests, where links meet a border, offset outlines for halos
//! and selection rings, hatching, the parts of a frontend's screen, where
//! labels go, team zones, the streams' transit lines and the routes of
//! links around the boxes they do not join.
//!
//! The canvas (`ui::shapes`, converting to egui's types at its edge) and the
//! SVG export both draw from here, so a shape is written once. Everything is
//! in f64 (see [`Point`] for why). This file only declares the parts and
//! re-exports them; each part imports its siblings directly.

mod hatch;
mod hit;
mod label_area;
mod node_box;
mod outline;
mod point;
mod polygon;
mod polyline;
mod rect;
mod route;
mod screen;
mod transit;
mod zones;

#[cfg(test)]
mod tests;

pub use hatch::hatch_segments;
pub use hit::{boundary_point, contains};
pub use label_area::{LabelArea, label_area};
pub use node_box::{
    LABEL_LINE, LABEL_SIZE, MAX_HEIGHT, MAX_LABEL_LINES, NodeBox, lines_height, node_box,
    node_rect, node_size,
};
pub use outline::{
    NODE_HEIGHT, NODE_WIDTH, Outline, cap_radius, corner_radius, hexagon_inset, shield_curve,
};
pub use point::{Point, cross, pt};
pub use polygon::{convex_contains, offset_convex, ray_exit};
pub use polyline::offset_polyline;
pub use rect::Rect;
pub use route::{
    Piece, ROUTE_CORNER, ROUTE_MARGIN, Route, RouteBox, RouteLink, Router, Side, longest_segment,
    map_route_boxes, map_route_input,
};
pub use screen::{ScreenParts, screen_parts};
pub use transit::{MAX_SIDE_BY_SIDE, TransitLine, TransitStyle, stream_steps, transit_lines};
pub use zones::{
    ZONE_CLEARANCE, ZONE_LABEL_BAND, ZONE_LABEL_INSET, ZONE_PADDING, Zone, team_zones, zone_around,
    zone_caption, zones_overlap,
};
