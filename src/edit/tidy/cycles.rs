//! Breaking cycles: the layout reads left to right, so every edge must point
//! right, and a cycle cannot. Some edges are turned round; which ones comes
//! from the greedy feedback arc set of Eades, Lin and Smyth, weighted, so the
//! edges turned weigh little (a stream's order beats a sync call, which beats
//! an event). Ties go to the lower index, so the result never varies.

use std::collections::{BTreeMap, BTreeSet};

use super::graph::Edge;

/// The edges of an `n`-node graph turned so that none closes a cycle, with
/// opposite edges merged into one (weights summed), sorted by (from, to).
pub(super) fn acyclic(n: usize, edges: &[Edge]) -> Vec<Edge> {
    let rank = feedback_order(n, edges);
    let mut merged: BTreeMap<(usize, usize), u64> = BTreeMap::new();
    for e in edges {
        let key = if rank[e.from] < rank[e.to] {
            (e.from, e.to)
        } else {
            (e.to, e.from)
        };
        *merged.entry(key).or_default() += e.weight;
    }
    merged
        .into_iter()
        .map(|((from, to), weight)| Edge { from, to, weight })
        .collect()
}

/// A rank for every node such that few (light) edges go from a higher rank
/// to a lower one: sinks are taken off the end, sources off the front, and
/// when neither is left, the node whose outgoing weight most exceeds its
/// incoming weight goes to the front.
fn feedback_order(n: usize, edges: &[Edge]) -> Vec<usize> {
    let mut succ: Vec<Vec<(usize, u64)>> = vec![Vec::new(); n];
    let mut pred: Vec<Vec<(usize, u64)>> = vec![Vec::new(); n];
    let (mut out_deg, mut in_deg) = (vec![0_usize; n], vec![0_usize; n]);
    let (mut out_w, mut in_w) = (vec![0_i64; n], vec![0_i64; n]);
    for e in edges {
        succ[e.from].push((e.to, e.weight));
        pred[e.to].push((e.from, e.weight));
        out_deg[e.from] += 1;
        in_deg[e.to] += 1;
        // Weights are sums of small constants over a bounded map.
        out_w[e.from] += e.weight as i64;
        in_w[e.to] += e.weight as i64;
    }
    // Candidates, smallest key first: the largest surplus of outgoing weight,
    // then the lowest index.
    let key = |u: usize, out_w: &[i64], in_w: &[i64]| (in_w[u] - out_w[u], u);
    let mut candidates: BTreeSet<(i64, usize)> = (0..n).map(|u| key(u, &out_w, &in_w)).collect();
    let mut removed = vec![false; n];
    // Stacks of nodes that became sinks or sources; checked when popped.
    let mut sinks: Vec<usize> = (0..n).rev().filter(|&u| out_deg[u] == 0).collect();
    let mut sources: Vec<usize> = (0..n).rev().filter(|&u| in_deg[u] == 0).collect();
    let mut front = Vec::with_capacity(n);
    let mut back = Vec::new();

    while !candidates.is_empty() {
        let next = if let Some(u) = sinks.pop() {
            if removed[u] {
                continue;
            }
            back.push(u);
            u
        } else if let Some(u) = sources.pop() {
            if removed[u] {
                continue;
            }
            front.push(u);
            u
        } else {
            // Non-empty: checked by the loop.
            let Some(&(_, u)) = candidates.first() else {
                break;
            };
            front.push(u);
            u
        };
        removed[next] = true;
        candidates.remove(&key(next, &out_w, &in_w));
        for &(v, w) in &succ[next] {
            if removed[v] {
                continue;
            }
            candidates.remove(&key(v, &out_w, &in_w));
            in_deg[v] -= 1;
            in_w[v] -= w as i64;
            candidates.insert(key(v, &out_w, &in_w));
            if in_deg[v] == 0 {
                sources.push(v);
            }
        }
        for &(v, w) in &pred[next] {
            if removed[v] {
                continue;
            }
            candidates.remove(&key(v, &out_w, &in_w));
            out_deg[v] -= 1;
            out_w[v] -= w as i64;
            candidates.insert(key(v, &out_w, &in_w));
            if out_deg[v] == 0 {
                sinks.push(v);
            }
        }
    }
    let mut rank = vec![0; n];
    for (r, &u) in front.iter().chain(back.iter().rev()).enumerate() {
        rank[u] = r;
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(from: usize, to: usize, weight: u64) -> Edge {
        Edge { from, to, weight }
    }

    /// Whether the edges have a topological order.
    fn is_acyclic(n: usize, edges: &[Edge]) -> bool {
        let mut indeg = vec![0; n];
        for x in edges {
            indeg[x.to] += 1;
        }
        let mut ready: Vec<usize> = (0..n).filter(|&u| indeg[u] == 0).collect();
        let mut seen = 0;
        while let Some(u) = ready.pop() {
            seen += 1;
            for x in edges.iter().filter(|x| x.from == u) {
                indeg[x.to] -= 1;
                if indeg[x.to] == 0 {
                    ready.push(x.to);
                }
            }
        }
        seen == n
    }

    #[test]
    fn a_cycle_loses_its_lightest_edge() {
        let out = acyclic(3, &[e(0, 1, 4), e(1, 2, 4), e(2, 0, 1)]);
        assert_eq!(out, [e(0, 1, 4), e(0, 2, 1), e(1, 2, 4)]);
    }

    #[test]
    fn opposite_edges_merge_the_heavier_way() {
        let out = acyclic(2, &[e(0, 1, 1), e(1, 0, 4)]);
        assert_eq!(out, [e(1, 0, 5)]);
    }

    #[test]
    fn random_graphs_come_out_acyclic() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |m: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % m as u64) as usize
        };
        for _ in 0..50 {
            let n = 2 + next(30);
            let edges: Vec<Edge> = (0..next(90))
                .map(|_| e(next(n), next(n), 1 + next(4) as u64))
                .filter(|x| x.from != x.to)
                .collect();
            let out = acyclic(n, &edges);
            assert!(is_acyclic(n, &out), "{edges:?}");
            assert_eq!(out, acyclic(n, &edges));
        }
    }
}
