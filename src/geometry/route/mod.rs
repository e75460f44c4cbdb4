//! Routes of links around the service boxes they do not join: orthogonal
//! polylines with rounded corners, leaving and entering at ports spread
//! along the sides of their boxes, parallel links side by side, each ending
//! square to its target's border so that its arrow head sits on it.
//!
//! One router serves the canvas (drawing and hit tests, converting to
//! egui's types at its edge) and the SVG export, so the two draw the same
//! lines. It is kept between edits: [`Router::update`] reroutes only the
//! links an edit affects. This file only declares the parts and re-exports
//! them; each part imports its siblings directly.

mod obstacles;
mod of_map;
mod parallel;
mod ports;
mod router;
mod search;
mod shape;

#[cfg(test)]
mod tests;

pub use of_map::{map_route_boxes, map_route_input};
pub use ports::Side;
pub use router::{ROUTE_CORNER, ROUTE_MARGIN, RouteBox, RouteLink, Router};
pub use shape::{Piece, Route, longest_segment};
