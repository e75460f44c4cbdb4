//! Positions from columns and orders. A column is as wide as its widest box,
//! with a fixed gap to the next. Within a column the order is kept and boxes
//! keep a minimum distance, and each node is pulled towards the weighted mean
//! height of its neighbours in the column before (a sweep left to right),
//! after (right to left), then both: the closest fit with the order and the
//! distances kept is an isotonic regression (pool adjacent violators), so
//! chains come out straight wherever nothing is in the way.

use super::footprint::Spacing;
use super::layers::Columns;

/// Rounds of a left-to-right and a right-to-left sweep.
const ROUNDS: usize = 6;
/// How much a node with no neighbour on the side looked at holds its place.
const IDLE_WEIGHT: f64 = 0.05;
/// Gap between a placeholder and its neighbour in a column, where the other
/// is a placeholder too, or a box.
const PLACEHOLDER_GAP: f64 = 10.0;
/// See [`PLACEHOLDER_GAP`].
const PLACEHOLDER_BOX_GAP: f64 = 20.0;

/// The center of every node, real and placeholder.
pub(super) fn coordinates(
    columns: &Columns,
    layers: &[Vec<usize>],
    spacing: &Spacing,
) -> Vec<(f64, f64)> {
    let n = columns.column.len();
    let mut succ: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    let mut pred: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for e in &columns.edges {
        succ[e.from].push((e.to, e.weight as f64));
        pred[e.to].push((e.from, e.weight as f64));
    }
    // The smallest distance between the centers of a node and the next one
    // down its column.
    let distance = |a: usize, b: usize| {
        let gap = match (a < columns.real, b < columns.real) {
            (true, true) => spacing.box_gap,
            (false, false) => PLACEHOLDER_GAP,
            _ => PLACEHOLDER_BOX_GAP,
        };
        (columns.sizes[a].1 + columns.sizes[b].1) / 2.0 + gap
    };
    let offsets: Vec<Vec<f64>> = layers
        .iter()
        .map(|layer| {
            let mut at = 0.0;
            let mut out = Vec::with_capacity(layer.len());
            for (i, &u) in layer.iter().enumerate() {
                if i > 0 {
                    at += distance(layer[i - 1], u);
                }
                out.push(at);
            }
            out
        })
        .collect();

    let mut y = vec![0.0_f64; n];
    for (layer, offs) in layers.iter().zip(&offsets) {
        let middle = offs.last().copied().unwrap_or(0.0) / 2.0;
        for (&u, &o) in layer.iter().zip(offs) {
            y[u] = o - middle;
        }
    }
    for _ in 0..ROUNDS {
        for c in 0..layers.len() {
            fit(&layers[c], &offsets[c], &[&pred], &mut y);
        }
        for c in (0..layers.len()).rev() {
            fit(&layers[c], &offsets[c], &[&succ], &mut y);
        }
    }
    // Last, each column settles between both of its sides.
    for c in 0..layers.len() {
        fit(&layers[c], &offsets[c], &[&pred, &succ], &mut y);
    }

    let mut x = vec![0.0_f64; columns.count];
    let mut left = 0.0;
    for (c, layer) in layers.iter().enumerate() {
        let width = layer
            .iter()
            .map(|&u| columns.sizes[u].0)
            .fold(0.0, f64::max);
        x[c] = left + width / 2.0;
        left += width + spacing.column_gap;
    }
    (0..n).map(|u| (x[columns.column[u]], y[u])).collect()
}

/// Moves one column's nodes as close as the order and distances allow to
/// the weighted mean height of their neighbours on `sides`.
fn fit(layer: &[usize], offsets: &[f64], sides: &[&[Vec<(usize, f64)>]], y: &mut [f64]) {
    if layer.is_empty() {
        return;
    }
    // With z = y - offset the constraints become "z never decreases".
    let mut targets = Vec::with_capacity(layer.len());
    let mut weights = Vec::with_capacity(layer.len());
    for (&u, &o) in layer.iter().zip(offsets) {
        let (sum, weight) = sides
            .iter()
            .flat_map(|side| side[u].iter())
            .fold((0.0, 0.0), |(s, w), &(v, x)| (s + y[v] * x, w + x));
        if weight > 0.0 {
            targets.push(sum / weight - o);
            weights.push(weight);
        } else {
            targets.push(y[u] - o);
            weights.push(IDLE_WEIGHT);
        }
    }
    let z = isotonic(&targets, &weights);
    for ((&u, &o), zi) in layer.iter().zip(offsets).zip(z) {
        y[u] = zi + o;
    }
}

/// The non-decreasing sequence closest to `targets` in weighted squares.
fn isotonic(targets: &[f64], weights: &[f64]) -> Vec<f64> {
    // Blocks of pooled values: (weighted sum, weight, count).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(targets.len());
    for (&t, &w) in targets.iter().zip(weights) {
        blocks.push((t * w, w, 1));
        while blocks.len() >= 2 {
            let (s1, w1, c1) = blocks[blocks.len() - 1];
            let (s0, w0, c0) = blocks[blocks.len() - 2];
            if s0 / w0 <= s1 / w1 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (s0 + s1, w0 + w1, c0 + c1);
        }
    }
    blocks
        .iter()
        .flat_map(|&(s, w, c)| std::iter::repeat_n(s / w, c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isotonic_pools_what_is_out_of_order() {
        assert_eq!(isotonic(&[1.0, 3.0, 2.0], &[1.0; 3]), [1.0, 2.5, 2.5]);
        assert_eq!(isotonic(&[0.0, 1.0], &[1.0; 2]), [0.0, 1.0]);
        assert_eq!(isotonic(&[4.0, 0.0], &[3.0, 1.0]), [3.0, 3.0]);
    }
}
