//! What the router is given for a map: a box per service and its links by
//! position, the same for the canvas and the SVG export so that both route
//! alike.

use super::router::{RouteBox, RouteLink};
use crate::geometry::node_box::node_rect;
use crate::geometry::point::pt;
use crate::model::Map;

/// The boxes of `map.services` centred at `centers` (by position), and one
/// router link per map link, in order; a link naming a service the map does
/// not have points past the boxes, and the router leaves it unrouted.
pub fn map_route_input(map: &Map, centers: &[(f64, f64)]) -> (Vec<RouteBox>, Vec<RouteLink>) {
    let index = map.service_indices();
    let boxes = map_route_boxes(map, centers);
    let missing = usize::MAX;
    let links = map
        .links
        .iter()
        .map(|l| RouteLink {
            from: index.get(&l.from).copied().unwrap_or(missing),
            to: index.get(&l.to).copied().unwrap_or(missing),
        })
        .collect();
    (boxes, links)
}

/// The boxes of `map.services` centred at `centers` (by position), each as
/// tall as its name needs: what an
/// edit that keeps the links gives [`super::Router::update`].
pub fn map_route_boxes(map: &Map, centers: &[(f64, f64)]) -> Vec<RouteBox> {
    map.services
        .iter()
        .zip(centers)
        .map(|(s, &(x, y))| RouteBox {
            rect: node_rect(s.kind, &s.name, pt(x, y)),
            kind: s.kind,
        })
        .collect()
}
