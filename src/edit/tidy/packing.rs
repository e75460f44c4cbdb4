//! Shapes of the whole: parts of a graph with nothing between them are set
//! side by side in rows (shelves) rather than in one long row, and a part
//! that came out much wider than tall (a long chain of columns) or much
//! taller than wide (a few crowded columns) is cut into pieces set in rows or
//! side by side. Either way the picture's aspect stays near [`ASPECT`], so a
//! fitted overview uses the window instead of showing a sliver.

/// The width-to-height ratio aimed at.
pub(super) const ASPECT: f64 = 1.6;
/// A part is cut when its aspect is more than this many times [`ASPECT`]
/// or less than its inverse.
const CUT_BEYOND: f64 = 1.4;

/// The box around nodes given by center and size: (left, top, right, bottom).
pub(super) fn bounds(centers: &[(f64, f64)], sizes: &[(f64, f64)]) -> (f64, f64, f64, f64) {
    let mut b = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    for (&(x, y), &(w, h)) in centers.iter().zip(sizes) {
        b.0 = b.0.min(x - w / 2.0);
        b.1 = b.1.min(y - h / 2.0);
        b.2 = b.2.max(x + w / 2.0);
        b.3 = b.3.max(y + h / 2.0);
    }
    if b.0 > b.2 { (0.0, 0.0, 0.0, 0.0) } else { b }
}

/// Moves the nodes so their box starts at (0, 0); returns its width and height.
pub(super) fn to_origin(centers: &mut [(f64, f64)], sizes: &[(f64, f64)]) -> (f64, f64) {
    let (l, t, r, b) = bounds(centers, sizes);
    for c in centers.iter_mut() {
        c.0 -= l;
        c.1 -= t;
    }
    (r - l, b - t)
}

/// Cuts a part of at least `min_nodes` nodes that is far from [`ASPECT`]
/// into pieces (by position, so nodes of one piece keep their places
/// relative to each other) and sets the pieces in rows or side by side,
/// `gap` apart. Returns the new size.
pub(super) fn wrap(
    centers: &mut [(f64, f64)],
    sizes: &[(f64, f64)],
    gap: f64,
    min_nodes: usize,
) -> (f64, f64) {
    let (w, h) = to_origin(centers, sizes);
    if w <= 0.0 || h <= 0.0 || centers.len() < min_nodes {
        return (w, h);
    }
    let aspect = w / h;
    if aspect > ASPECT * CUT_BEYOND {
        // k rows of width w / k and height h: aspect w / (k² h).
        let pieces = (aspect / ASPECT).sqrt().ceil().max(2.0);
        cut(centers, sizes, w / pieces, gap, true);
    } else if aspect < 1.0 / (ASPECT * CUT_BEYOND) {
        let pieces = (ASPECT / aspect).sqrt().ceil().max(2.0);
        cut(centers, sizes, h / pieces, gap, false);
    }
    to_origin(centers, sizes)
}

/// Cuts along x (`across` true: pieces become rows) or y (pieces become
/// columns side by side) every `length`, by each node's center.
fn cut(centers: &mut [(f64, f64)], sizes: &[(f64, f64)], length: f64, gap: f64, across: bool) {
    let along = |c: (f64, f64)| if across { c.0 } else { c.1 };
    let piece_of: Vec<usize> = centers
        .iter()
        .map(|&c| (along(c) / length).floor().max(0.0) as usize)
        .collect();
    let pieces = piece_of.iter().max().map_or(0, |&p| p + 1);
    let mut offset = 0.0;
    for p in 0..pieces {
        let members: Vec<usize> = (0..centers.len()).filter(|&i| piece_of[i] == p).collect();
        if members.is_empty() {
            continue;
        }
        let mine: Vec<(f64, f64)> = members.iter().map(|&i| centers[i]).collect();
        let their: Vec<(f64, f64)> = members.iter().map(|&i| sizes[i]).collect();
        let (l, t, r, b) = bounds(&mine, &their);
        for &i in &members {
            if across {
                centers[i].0 -= l;
                centers[i].1 += offset - t;
            } else {
                centers[i].0 += offset - l;
                centers[i].1 -= t;
            }
        }
        offset += if across { b - t } else { r - l } + gap;
    }
}

/// Top-left corners for blocks of these sizes set in rows, in the order
/// given, each row as wide as makes the whole about [`ASPECT`], `gap` apart.
pub(super) fn shelves(blocks: &[(f64, f64)], gap: f64) -> Vec<(f64, f64)> {
    let area: f64 = blocks.iter().map(|&(w, h)| (w + gap) * (h + gap)).sum();
    let widest = blocks.iter().map(|b| b.0).fold(0.0, f64::max);
    let row_width = (area * ASPECT).sqrt().max(widest);
    let mut out = Vec::with_capacity(blocks.len());
    let (mut x, mut y, mut row_height) = (0.0, 0.0, 0.0_f64);
    for &(w, h) in blocks {
        if x > 0.0 && x + w > row_width {
            x = 0.0;
            y += row_height + gap;
            row_height = 0.0;
        }
        out.push((x, y));
        x += w + gap;
        row_height = row_height.max(h);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_row_is_wrapped_into_rows() {
        let sizes = vec![(100.0, 50.0); 60];
        let mut centers: Vec<(f64, f64)> = (0..60).map(|i| (i as f64 * 150.0, 0.0)).collect();
        let (w, h) = wrap(&mut centers, &sizes, 30.0, 40);
        let aspect = w / h;
        assert!((0.5..=3.0).contains(&aspect), "{w} x {h}");
    }

    #[test]
    fn shelves_make_a_block_not_a_row() {
        let corners = shelves(&[(100.0, 100.0); 16], 10.0);
        let right = corners.iter().map(|c| c.0 + 100.0).fold(0.0, f64::max);
        let bottom = corners.iter().map(|c| c.1 + 100.0).fold(0.0, f64::max);
        assert!(
            (0.5..=3.0).contains(&(right / bottom)),
            "{right} x {bottom}"
        );
    }
}
