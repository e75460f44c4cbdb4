//! The team interaction graph laid out on its own (View ▸ Teams).
//!
//! Rather than a second layout algorithm, the teams are handed to the one
//! Arrange ▸ Tidy uses: a stand-in map has one service per team, one link
//! per pair of teams that something crosses between (a `sync` link where a
//! call does, so that calls set the direction as they do for services), and
//! each value stream's steps replaced by the teams that own them. The tidy
//! therefore reads the teams left to right along the streams, keeps chains
//! straight and the picture compact, and is as deterministic as it is.
//! The arrows are routed by the links' router, around the blocks they do
//! not join.

use crate::analysis::TeamGraph;
use crate::edit::tidy::{Scope, tidy};
use crate::geometry::{
    NODE_HEIGHT, NODE_WIDTH, ROUTE_CORNER, Rect, RouteBox, RouteLink, Router, pt,
};
use crate::model::{Id, Link, LinkKind, Map, Service, ServiceKind, Step, Stream};

use super::block::{TeamArrow, TeamBlock};

/// The width-to-height ratio a fitted window has, about.
const ASPECT: f64 = 1.6;
/// How much wider than a service's box a team's block is.
const BLOCK_STRETCH: f64 = 1.3;
/// Space between rows of a long chain set in rows: room for the arrows
/// that run from the end of one row to the next.
const ROW_GAP: f64 = 90.0;

/// The blocks of every node of `graph` (the teams of `map`, then the unowned
/// services if any) laid out left to right, and an arrow per edge routed
/// around the other blocks.
pub fn laid_out_blocks(map: &Map, graph: &TeamGraph) -> (Vec<TeamBlock>, Vec<TeamArrow>) {
    let stand_in = stand_in_map(map, graph);
    // A block is wider than a service's box, for its type and size under
    // its name; the layout is stretched by as much so the gaps between
    // columns keep their room for arrows. A long chain of teams is then set
    // in rows, so that a fitted view shows every name.
    let mut centers: Vec<(f64, f64)> = tidy(&stand_in, Scope::All)
        .into_iter()
        .map(|(x, y)| (x * BLOCK_STRETCH, y))
        .collect();
    let size = (NODE_WIDTH * BLOCK_STRETCH, NODE_HEIGHT);
    set_in_rows(&mut centers, size);
    let blocks: Vec<TeamBlock> = centers
        .iter()
        .enumerate()
        .map(|(node, &(x, y))| TeamBlock {
            node,
            rect: Rect::around(pt(x.round(), y.round()), size.0, size.1),
        })
        .collect();
    let boxes: Vec<RouteBox> = blocks
        .iter()
        .map(|b| RouteBox {
            rect: b.rect,
            kind: ServiceKind::Service,
        })
        .collect();
    let links: Vec<RouteLink> = graph
        .edges
        .iter()
        .map(|e| RouteLink {
            from: e.from,
            to: e.to,
        })
        .collect();
    let router = Router::new(&boxes, &links);
    let arrows = (0..graph.edges.len())
        .filter_map(|edge| {
            let route = router.route(edge)?;
            let points = route.flattened(ROUTE_CORNER);
            (points.len() >= 2).then_some(TeamArrow {
                edge,
                points,
                both_ways: false,
            })
        })
        .collect();
    (blocks, arrows)
}

/// Sets the layout's columns in rows, left to right and row under row, as
/// many rows as bring the whole nearest to the window's shape
/// ([`ASPECT`]); blocks are `size`. Columns are the distinct x of `centers`
/// (the layered layout aligns each layer), so blocks of different columns
/// stay apart and a column is never split.
fn set_in_rows(centers: &mut [(f64, f64)], size: (f64, f64)) {
    let mut xs: Vec<f64> = centers.iter().map(|c| c.0).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    let (top, bottom) = centers
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(t, b), c| {
            (t.min(c.1), b.max(c.1))
        });
    if xs.len() < 2 || !top.is_finite() {
        return;
    }
    let band = bottom - top + size.1;
    let layout = |per_row: usize| {
        let rows = xs.len().div_ceil(per_row);
        let width = (0..rows)
            .map(|r| {
                let first = xs[r * per_row];
                let last = xs[((r + 1) * per_row).min(xs.len()) - 1];
                last - first + size.0
            })
            .fold(0.0, f64::max);
        let height = rows as f64 * band + (rows - 1) as f64 * ROW_GAP;
        (width / height / ASPECT).ln().abs()
    };
    let Some(per_row) = (1..=xs.len())
        .rev()
        .min_by(|&a, &b| layout(a).total_cmp(&layout(b)))
    else {
        return;
    };
    for c in centers.iter_mut() {
        let col = xs.partition_point(|&x| x < c.0);
        let row = col / per_row;
        c.0 -= xs[row * per_row] - xs[0];
        c.1 += row as f64 * (band + ROW_GAP);
    }
}

/// One service per node of `graph`, in node order, and the links and streams
/// of the teams; see the module's documentation.
fn stand_in_map(map: &Map, graph: &TeamGraph) -> Map {
    // "node-N" is a valid id (lowercase letters, digits and a hyphen), so
    // every node gets its service and service i stands for node i, which
    // `laid_out_blocks` relies on; the tests would fail otherwise.
    let id_of = |node: usize| Id::new(format!("node-{node}")).ok();
    let mut out = Map::default();
    for node in 0..graph.nodes.len() {
        let Some(id) = id_of(node) else { continue };
        let name = graph.name(map, node);
        out.services.push(Service {
            id,
            name: name.to_string(),
            kind: ServiceKind::Service,
            owner: None,
            x: None,
            y: None,
            description: String::new(),
        });
    }
    for e in &graph.edges {
        let (Some(from), Some(to)) = (id_of(e.from), id_of(e.to)) else {
            continue;
        };
        // The strongest coupling decides the kind: a call, then an event,
        // then shared data; a pair crossed only by handoffs is a call too
        // (the next step is asked for).
        let kind = LinkKind::ALL
            .iter()
            .zip(e.links)
            .find(|(_, n)| *n > 0)
            .map_or(LinkKind::Sync, |(k, _)| *k);
        out.links.push(Link {
            from,
            to,
            kind,
            label: String::new(),
        });
    }
    let mut node_of_service = std::collections::HashMap::new();
    for (node, n) in graph.nodes.iter().enumerate() {
        for &s in &n.services {
            if let Some(service) = map.services.get(s) {
                node_of_service.insert(&service.id, node);
            }
        }
    }
    for stream in &map.streams {
        let mut steps: Vec<Step> = Vec::new();
        let mut seen: Vec<usize> = Vec::new();
        for step in &stream.steps {
            let Some(&node) = node_of_service.get(&step.service) else {
                continue;
            };
            // A stream that comes back to a team does not add a step: the
            // stand-in's streams are paths through teams.
            if seen.contains(&node) {
                continue;
            }
            seen.push(node);
            if let Some(id) = id_of(node) {
                steps.push(Step {
                    service: id,
                    stage: String::new(),
                    work: None,
                    wait: None,
                    complete_accurate: None,
                });
            }
        }
        if steps.len() >= 2 {
            out.streams.push(Stream {
                id: stream.id.clone(),
                name: stream.name.clone(),
                owner: None,
                customer: String::new(),
                description: String::new(),
                color: None,
                steps,
            });
        }
    }
    out
}
