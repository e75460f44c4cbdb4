//! One level of the layout, start to end: the graph split into its
//! connected parts; each part's cycles broken, columns and orders chosen,
//! coordinates computed and, if it came out a sliver, wrapped; then the
//! parts set side by side, largest first.

use super::coordinates::coordinates;
use super::cycles::acyclic;
use super::footprint::Spacing;
use super::graph::{Edge, Graph};
use super::layers::columns;
use super::order::order;
use super::packing::{shelves, to_origin, wrap};

/// Where a level put its nodes: centers, with the box around all of them
/// from (0, 0) to (`width`, `height`).
#[derive(Debug, Clone, Default)]
pub(super) struct Placed {
    /// The center of every node, by index.
    pub centers: Vec<(f64, f64)>,
    /// The width of the box around the nodes.
    pub width: f64,
    /// Its height.
    pub height: f64,
}

/// Lays out a graph.
pub(super) fn layout(graph: &Graph, spacing: &Spacing) -> Placed {
    let n = graph.len();
    let parts = parts(graph);
    let mut centers = vec![(0.0, 0.0); n];
    // Each part: its members, their centers within the part, the part's size.
    type LaidPart = (Vec<usize>, Vec<(f64, f64)>, (f64, f64));
    let mut laid: Vec<LaidPart> = Vec::with_capacity(parts.len());
    for (members, edges) in parts {
        let sizes: Vec<(f64, f64)> = members.iter().map(|&u| graph.sizes[u]).collect();
        let mut local = one_part(&sizes, &edges, spacing);
        let size = wrap(&mut local, &sizes, spacing.part_gap, spacing.min_cut_nodes);
        laid.push((members, local, size));
    }
    // Largest first, so the main flow starts at the top left; the parts came
    // in order of their first node, which breaks ties.
    laid.sort_by(|a, b| (b.2.0 * b.2.1).total_cmp(&(a.2.0 * a.2.1)));
    let blocks: Vec<(f64, f64)> = laid.iter().map(|l| l.2).collect();
    let corners = shelves(&blocks, spacing.part_gap);
    for ((members, local, _), corner) in laid.iter().zip(corners) {
        for (&u, &(x, y)) in members.iter().zip(local) {
            centers[u] = (corner.0 + x, corner.1 + y);
        }
    }
    let (width, height) = to_origin(&mut centers, &graph.sizes);
    Placed {
        centers,
        width,
        height,
    }
}

/// The connected parts: each part's nodes in index order and its edges
/// renumbered to them; parts in order of their first node.
fn parts(graph: &Graph) -> Vec<(Vec<usize>, Vec<Edge>)> {
    let n = graph.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut u: usize) -> usize {
        while parent[u] != u {
            parent[u] = parent[parent[u]];
            u = parent[u];
        }
        u
    }
    for e in &graph.edges {
        let (a, b) = (root(&mut parent, e.from), root(&mut parent, e.to));
        if a != b {
            // The smaller index stays the root, so roots are first nodes.
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut part_of = vec![usize::MAX; n];
    let mut local = vec![0; n];
    let mut parts: Vec<(Vec<usize>, Vec<Edge>)> = Vec::new();
    for u in 0..n {
        let r = root(&mut parent, u);
        if part_of[r] == usize::MAX {
            part_of[r] = parts.len();
            parts.push((Vec::new(), Vec::new()));
        }
        let p = part_of[r];
        part_of[u] = p;
        local[u] = parts[p].0.len();
        parts[p].0.push(u);
    }
    for e in &graph.edges {
        parts[part_of[e.from]].1.push(Edge {
            from: local[e.from],
            to: local[e.to],
            weight: e.weight,
        });
    }
    parts
}

/// The layered pipeline on one connected part: centers of its nodes.
fn one_part(sizes: &[(f64, f64)], edges: &[Edge], spacing: &Spacing) -> Vec<(f64, f64)> {
    if sizes.len() == 1 {
        return vec![(sizes[0].0 / 2.0, sizes[0].1 / 2.0)];
    }
    let dag = acyclic(sizes.len(), edges);
    let cols = columns(sizes, &dag);
    let layers = order(&cols);
    let mut centers = coordinates(&cols, &layers, spacing);
    centers.truncate(sizes.len());
    centers
}
