//! The graph the layout works on: nodes with a size, and weighted directed
//! edges. Built here from a map, where the weight says how strongly an edge
//! should read left to right: consecutive stream steps most, then sync calls,
//! then events and data.

use std::collections::BTreeMap;

use crate::model::{LinkKind, Map};

/// Weight of "this step comes before the next" in a stream.
const STEP_WEIGHT: u64 = 4;
/// Weight of a sync call: the caller reads before the called.
const SYNC_WEIGHT: u64 = 2;
/// Weight of an event or data link: a weaker hint.
const OTHER_WEIGHT: u64 = 1;

/// A directed edge with a weight; never a loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Edge {
    /// Where the edge starts.
    pub from: usize,
    /// Where it ends.
    pub to: usize,
    /// How much it matters.
    pub weight: u64,
}

#[cfg(test)]
impl Edge {
    /// An edge of weight 1, for tests.
    pub fn unit(from: usize, to: usize) -> Edge {
        Edge {
            from,
            to,
            weight: 1,
        }
    }
}

/// Nodes (by index, with their width and height) and edges, at most one per
/// ordered pair of nodes, sorted.
#[derive(Debug, Clone, Default)]
pub(super) struct Graph {
    /// Width and height of each node.
    pub sizes: Vec<(f64, f64)>,
    /// The edges, sorted by (from, to), weights of repeats summed.
    pub edges: Vec<Edge>,
}

impl Graph {
    /// A graph of these nodes and edges: loops dropped, repeats merged.
    pub fn new(sizes: Vec<(f64, f64)>, edges: impl IntoIterator<Item = Edge>) -> Graph {
        let mut merged: BTreeMap<(usize, usize), u64> = BTreeMap::new();
        for e in edges {
            if e.from != e.to {
                *merged.entry((e.from, e.to)).or_default() += e.weight;
            }
        }
        Graph {
            sizes,
            edges: merged
                .into_iter()
                .map(|((from, to), weight)| Edge { from, to, weight })
                .collect(),
        }
    }

    /// How many nodes.
    pub fn len(&self) -> usize {
        self.sizes.len()
    }
}

/// The edges of a map between services (by index in `map.services`): every
/// pair of consecutive known steps of a stream, and every link. References
/// to unknown services are skipped; not merged (see [`Graph::new`]).
pub(super) fn map_edges(map: &Map) -> Vec<Edge> {
    let index = map.service_indices();
    let mut edges = Vec::with_capacity(map.links.len() + map.services.len());
    for stream in &map.streams {
        let steps: Vec<usize> = stream
            .steps
            .iter()
            .filter_map(|s| index.get(&s.service).copied())
            .collect();
        for pair in steps.windows(2) {
            edges.push(Edge {
                from: pair[0],
                to: pair[1],
                weight: STEP_WEIGHT,
            });
        }
    }
    for link in &map.links {
        if let (Some(&from), Some(&to)) = (index.get(&link.from), index.get(&link.to)) {
            let weight = match link.kind {
                LinkKind::Sync => SYNC_WEIGHT,
                LinkKind::Event | LinkKind::Data => OTHER_WEIGHT,
            };
            edges.push(Edge { from, to, weight });
        }
    }
    edges
}
