//! Arrange ▸ Force-directed: egui_graphs' Fruchterman-Reingold layout run
//! on the map's graph, scaled to the room services need on the canvas.

use egui::{Pos2, Rect, vec2};
use egui_graphs::{ForceAlgorithm, FruchtermanReingold};
use petgraph::stable_graph::NodeIndex;

use super::graph::build_graph;
use crate::model::{Id, Map};

/// Steps of the force simulation: enough for maps of a few hundred services
/// to settle.
const STEPS: usize = 400;

/// Positions from egui_graphs' force-directed layout, scaled to the map's spacing.
pub fn force_directed_positions(map: &Map) -> Vec<(Id, f64, f64)> {
    let mut graph = build_graph(map).0;
    let mut algorithm = FruchtermanReingold::default();
    let view = Rect::from_min_size(Pos2::ZERO, vec2(1000.0, 1000.0));
    for _ in 0..STEPS {
        algorithm.step(&mut graph, view);
    }
    let raw: Vec<Pos2> = (0..map.services.len())
        .map(|i| {
            graph
                .node(NodeIndex::new(i))
                .map_or(Pos2::ZERO, |n| n.location())
        })
        .collect();
    let bounds = Rect::from_points(&raw);
    // Spread to roughly the room nodes need: about 230 x 140 per service.
    let n = (map.services.len().max(1) as f32).sqrt();
    let target = vec2(230.0 * n * 1.3, 140.0 * n * 1.3);
    let scale = vec2(
        target.x / bounds.width().max(1.0),
        target.y / bounds.height().max(1.0),
    );
    map.services
        .iter()
        .zip(raw)
        .map(|(s, p)| {
            let q = (p - bounds.min) * scale;
            (s.id.clone(), f64::from(q.x), f64::from(q.y))
        })
        .collect()
}
