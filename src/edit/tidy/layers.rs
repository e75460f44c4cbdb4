//! Columns: every edge of the acyclic graph goes from a column to one further
//! right. A node's column is the longest path to it, and a node nothing
//! points to moves right up to just before the first node it points to, so
//! a lone caller sits next to what it calls instead of at the far left.
//! Edges longer than one column are split by placeholders, one per column
//! crossed, so that ordering and coordinates give them a lane, unless they
//! cross more than [`MAX_SPAN`] columns: such an edge (a team called from
//! all over a big organisation) would add a placeholder to most columns and
//! make ordering slow for no gain, so it only shapes the columns.

use std::collections::VecDeque;

use super::footprint::PLACEHOLDER_HEIGHT;
use super::graph::Edge;

/// The most columns an edge may cross and still get placeholders.
const MAX_SPAN: usize = 8;

/// A graph whose edges each join neighbouring columns: the real nodes first
/// (same indices as the input), then the placeholders.
#[derive(Debug, Clone)]
pub(super) struct Columns {
    /// The column of every node, real and placeholder.
    pub column: Vec<usize>,
    /// How many columns.
    pub count: usize,
    /// Width and height of every node; placeholders are zero wide.
    pub sizes: Vec<(f64, f64)>,
    /// How many nodes are real (the others are placeholders).
    pub real: usize,
    /// Edges from column `c` to `c + 1`, a long edge's weight on every piece.
    pub edges: Vec<Edge>,
}

/// Columns for an acyclic graph of nodes of these sizes.
pub(super) fn columns(sizes: &[(f64, f64)], dag: &[Edge]) -> Columns {
    let n = sizes.len();
    let column = longest_path(n, dag);
    let mut sizes = sizes.to_vec();
    let mut all = column.clone();
    let mut edges = Vec::with_capacity(dag.len());
    for e in dag
        .iter()
        .filter(|e| column[e.to] - column[e.from] <= MAX_SPAN)
    {
        let mut from = e.from;
        for c in column[e.from] + 1..column[e.to] {
            let placeholder = all.len();
            all.push(c);
            sizes.push((0.0, PLACEHOLDER_HEIGHT));
            edges.push(Edge {
                from,
                to: placeholder,
                weight: e.weight,
            });
            from = placeholder;
        }
        edges.push(Edge {
            from,
            to: e.to,
            weight: e.weight,
        });
    }
    let count = all.iter().max().map_or(0, |&c| c + 1);
    Columns {
        column: all,
        count,
        sizes,
        real: n,
        edges,
    }
}

/// The longest-path column of each node, then nodes with no incoming edge
/// moved right next to their nearest successor.
fn longest_path(n: usize, dag: &[Edge]) -> Vec<usize> {
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indeg = vec![0_usize; n];
    for e in dag {
        succ[e.from].push(e.to);
        indeg[e.to] += 1;
    }
    let mut column = vec![0_usize; n];
    let mut topo = Vec::with_capacity(n);
    let mut ready: VecDeque<usize> = (0..n).filter(|&u| indeg[u] == 0).collect();
    let mut remaining = indeg.clone();
    while let Some(u) = ready.pop_front() {
        topo.push(u);
        for &v in &succ[u] {
            column[v] = column[v].max(column[u] + 1);
            remaining[v] -= 1;
            if remaining[v] == 0 {
                ready.push_back(v);
            }
        }
    }
    // Sources, latest first, so a source feeding another source's successor
    // sees it already moved.
    for &u in topo.iter().rev() {
        if indeg[u] == 0
            && let Some(nearest) = succ[u].iter().map(|&v| column[v]).min()
        {
            column[u] = nearest - 1;
        }
    }
    column
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(from: usize, to: usize) -> Edge {
        Edge::unit(from, to)
    }

    #[test]
    fn every_edge_spans_one_column_after_splitting() {
        // 0 -> 1 -> 2 -> 3 and a shortcut 0 -> 3.
        let dag = [e(0, 1), e(0, 3), e(1, 2), e(2, 3)];
        let c = columns(&[(1.0, 1.0); 4], &dag);
        assert_eq!(&c.column[..4], [0, 1, 2, 3]);
        assert_eq!(c.column.len(), 6, "two placeholders for the shortcut");
        assert!(
            c.edges
                .iter()
                .all(|x| c.column[x.to] == c.column[x.from] + 1)
        );
    }

    #[test]
    fn a_lone_caller_sits_next_to_what_it_calls() {
        // 0 -> 1 -> 2 -> 3, and 4 calls only 3.
        let dag = [e(0, 1), e(1, 2), e(2, 3), e(4, 3)];
        let c = columns(&[(1.0, 1.0); 5], &dag);
        assert_eq!(c.column[4], 2);
        assert_eq!(c.column.len(), 5, "no placeholder needed");
    }
}
