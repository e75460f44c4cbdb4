//! The order within each column, chosen to make few edges cross: a first
//! order by depth-first search from the left, then sweeps that sort each
//! column by the barycenter of its neighbours in the column before (or
//! after), keeping the best order seen, then transposition of neighbours
//! while a swap removes crossings.

use super::layers::Columns;

/// Sweeps (one left to right, one right to left) tried at most.
const MAX_SWEEPS: usize = 24;
/// Sweeps without improvement after which ordering stops.
const PATIENCE: usize = 4;
/// Passes of transposition over all columns at most.
const MAX_TRANSPOSE_PASSES: usize = 8;

/// The nodes of each column, top to bottom.
pub(super) fn order(columns: &Columns) -> Vec<Vec<usize>> {
    let n = columns.column.len();
    let mut succ: Vec<Vec<(usize, u64)>> = vec![Vec::new(); n];
    let mut pred: Vec<Vec<(usize, u64)>> = vec![Vec::new(); n];
    for e in &columns.edges {
        succ[e.from].push((e.to, e.weight));
        pred[e.to].push((e.from, e.weight));
    }
    let mut layers = first_order(columns, &succ);
    let mut pos = vec![0_usize; n];
    set_positions(&layers, &mut pos);
    let mut best = layers.clone();
    let mut best_crossings = crossings(&layers, &succ, &pos);
    let mut since_best = 0;
    for sweep in 0..MAX_SWEEPS {
        if best_crossings == 0 || since_best >= PATIENCE {
            break;
        }
        if sweep % 2 == 0 {
            for layer in layers.iter_mut().skip(1) {
                sort_by_barycenter(layer, &pred, &mut pos);
            }
        } else {
            for c in (0..layers.len().saturating_sub(1)).rev() {
                sort_by_barycenter(&mut layers[c], &succ, &mut pos);
            }
        }
        let now = crossings(&layers, &succ, &pos);
        if now < best_crossings {
            best_crossings = now;
            best = layers.clone();
            since_best = 0;
        } else {
            since_best += 1;
        }
    }
    set_positions(&best, &mut pos);
    transpose(&mut best, &succ, &pred, &mut pos);
    best
}

/// Columns filled in depth-first order from the nodes in index order: a
/// node's successors come right after it, so chains start out level.
fn first_order(columns: &Columns, succ: &[Vec<(usize, u64)>]) -> Vec<Vec<usize>> {
    let n = columns.column.len();
    let mut layers = vec![Vec::new(); columns.count];
    let mut seen = vec![false; n];
    let mut stack = Vec::new();
    for root in 0..n {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        stack.push(root);
        while let Some(u) = stack.pop() {
            layers[columns.column[u]].push(u);
            for &(v, _) in succ[u].iter().rev() {
                if !seen[v] {
                    seen[v] = true;
                    stack.push(v);
                }
            }
        }
    }
    layers
}

fn set_positions(layers: &[Vec<usize>], pos: &mut [usize]) {
    for layer in layers {
        for (i, &u) in layer.iter().enumerate() {
            pos[u] = i;
        }
    }
}

/// Sorts a column by the weighted mean position of each node's neighbours
/// (given by `side`); a node without any keeps its place as its key.
fn sort_by_barycenter(layer: &mut [usize], side: &[Vec<(usize, u64)>], pos: &mut [usize]) {
    let mut keyed: Vec<(f64, usize, usize)> = layer
        .iter()
        .map(|&u| {
            let (sum, weight) = side[u].iter().fold((0.0, 0.0), |(s, w), &(v, x)| {
                (s + pos[v] as f64 * x as f64, w + x as f64)
            });
            let key = if weight > 0.0 {
                sum / weight
            } else {
                pos[u] as f64
            };
            (key, pos[u], u)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for (i, &(_, _, u)) in keyed.iter().enumerate() {
        layer[i] = u;
        pos[u] = i;
    }
}

/// Pairs of edges that cross, over all pairs of neighbouring columns.
pub(super) fn crossings(layers: &[Vec<usize>], succ: &[Vec<(usize, u64)>], pos: &[usize]) -> u64 {
    let mut total = 0;
    for c in 0..layers.len().saturating_sub(1) {
        let mut ends: Vec<(usize, usize)> = layers[c]
            .iter()
            .flat_map(|&u| succ[u].iter().map(move |&(v, _)| (pos[u], pos[v])))
            .collect();
        ends.sort_unstable();
        total += inversions(&ends, layers[c + 1].len());
    }
    total
}

/// Pairs i < j with `ends[i].1 > ends[j].1`, counted with a Fenwick tree
/// over the `width` positions of the right column.
fn inversions(ends: &[(usize, usize)], width: usize) -> u64 {
    let mut tree = vec![0_u64; width + 1];
    let mut total = 0_u64;
    for (seen, &(_, to)) in (0_u64..).zip(ends) {
        // Entries at or left of `to` so far.
        let mut at_or_left = 0;
        let mut i = to + 1;
        while i > 0 {
            at_or_left += tree[i];
            i &= i - 1;
        }
        total += seen - at_or_left;
        let mut i = to + 1;
        while i <= width {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    total
}

/// Crossings between the edges of `u` and of `v` on one side when `u` is
/// above `v`: pairs of neighbours with `u`'s below `v`'s.
fn pair_crossings(u: usize, v: usize, side: &[Vec<(usize, u64)>], pos: &[usize]) -> u64 {
    let mut a: Vec<usize> = side[u].iter().map(|&(x, _)| pos[x]).collect();
    let mut b: Vec<usize> = side[v].iter().map(|&(x, _)| pos[x]).collect();
    a.sort_unstable();
    b.sort_unstable();
    let mut count = 0;
    let mut j = 0;
    for &p in &a {
        while j < b.len() && b[j] < p {
            j += 1;
        }
        count += j as u64;
    }
    count
}

/// Swaps neighbours in a column while that removes crossings.
fn transpose(
    layers: &mut [Vec<usize>],
    succ: &[Vec<(usize, u64)>],
    pred: &[Vec<(usize, u64)>],
    pos: &mut [usize],
) {
    for _ in 0..MAX_TRANSPOSE_PASSES {
        let mut improved = false;
        for layer in layers.iter_mut() {
            for i in 0..layer.len().saturating_sub(1) {
                let (u, v) = (layer[i], layer[i + 1]);
                let now = pair_crossings(u, v, pred, pos) + pair_crossings(u, v, succ, pos);
                let swapped = pair_crossings(v, u, pred, pos) + pair_crossings(v, u, succ, pos);
                if swapped < now {
                    layer.swap(i, i + 1);
                    pos[u] = i + 1;
                    pos[v] = i;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::tidy::graph::Edge;
    use crate::edit::tidy::layers::columns;

    fn e(from: usize, to: usize) -> Edge {
        Edge::unit(from, to)
    }

    #[test]
    fn inversions_count_crossing_pairs() {
        assert_eq!(inversions(&[(0, 1), (1, 0)], 2), 1);
        assert_eq!(inversions(&[(0, 0), (1, 1)], 2), 0);
        assert_eq!(inversions(&[(0, 2), (1, 1), (2, 0)], 3), 3);
    }

    #[test]
    fn a_crossing_that_can_go_goes() {
        // 0 -> 3, 1 -> 2 with 2 above 3 first: one crossing, avoidable.
        let c = columns(&[(1.0, 1.0); 4], &[e(0, 3), e(1, 2)]);
        let layers = order(&c);
        let mut pos = vec![0; 4];
        set_positions(&layers, &mut pos);
        let mut succ = vec![Vec::new(); 4];
        for x in &c.edges {
            succ[x.from].push((x.to, 1));
        }
        assert_eq!(crossings(&layers, &succ, &pos), 0, "{layers:?}");
    }
}
