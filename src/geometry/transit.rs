//! Value streams drawn like a transit map: each stream a line through its
//! steps along orthogonal routes with rounded corners, streams that share a
//! segment (the same two services, either way round) running side by side
//! at a fixed spacing, a stop where the line meets each step's box, and
//! where the stream's name goes.
//!
//! Why orthogonal: a straight diagonal from centre to centre crosses other
//! boxes and links at odd angles and reads as one more link; a route that
//! leaves a box sideways, turns in the gap between two columns (or rows) and
//! enters the next box sideways runs where a layered layout leaves room.
//! Why side by side per segment: parallel lines show which streams share a
//! handoff, and the offset comes from the segment's own streams, so a
//! stream's line stays close to its services however many streams the map
//! has. The canvas and the SVG export both draw from here, so the two
//! pictures agree.

use std::collections::HashMap;

use super::point::{Point, pt};
use super::rect::Rect;
use crate::model::{Map, Stream};

/// Most streams drawn side by side on one segment; further ones reuse the
/// slots, so that a trunk every stream shares stays a band, not a road.
pub const MAX_SIDE_BY_SIDE: usize = 8;
/// Points each rounded corner is drawn with.
const CORNER_STEPS: usize = 5;

/// One stream's line, in the coordinates of the boxes given.
#[derive(Debug, Clone, PartialEq)]
pub struct TransitLine {
    /// The line through the steps, corners rounded (empty for a stream
    /// without a step drawn).
    pub path: Vec<Point>,
    /// One stop per step (consecutive repeats of a service count once):
    /// where the line enters the step's box, or leaves it at the first step.
    pub stops: Vec<Point>,
    /// Top-left corner of the first step's box, above which the name goes.
    pub name_anchor: Option<Point>,
    /// How many streams listed earlier start at the same service: their
    /// names stack above this one's.
    pub name_rank: usize,
}

/// How the lines are spaced and bent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TransitStyle {
    /// Distance between the centre lines of streams side by side.
    pub spacing: f64,
    /// Radius of the rounded corners.
    pub corner: f64,
}

/// The steps of each of `streams` as positions in `map.services` (steps
/// naming a service the map lacks left out), as [`transit_lines`] takes them.
pub fn stream_steps<'a>(
    map: &Map,
    streams: impl IntoIterator<Item = &'a Stream>,
) -> Vec<Vec<usize>> {
    let index = map.service_indices();
    streams
        .into_iter()
        .map(|s| {
            s.steps
                .iter()
                .filter_map(|st| index.get(&st.service).copied())
                .collect()
        })
        .collect()
}

/// The lines of `streams`, each given as its steps' positions in `rects`
/// (the service boxes), in the same order. Deterministic: the same input
/// gives the same points.
pub fn transit_lines(
    streams: &[Vec<usize>],
    rects: &[Rect],
    style: TransitStyle,
) -> Vec<TransitLine> {
    let steps: Vec<Vec<usize>> = streams
        .iter()
        .map(|s| {
            let mut v: Vec<usize> = s.iter().copied().filter(|&i| i < rects.len()).collect();
            v.dedup();
            v
        })
        .collect();
    // The streams on each segment, in stream order, each once.
    let mut sharing: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (k, s) in steps.iter().enumerate() {
        for w in s.windows(2) {
            let users = sharing.entry(key(w[0], w[1])).or_default();
            if users.last() != Some(&k) && !users.contains(&k) {
                users.push(k);
            }
        }
    }
    let mut starts: HashMap<usize, usize> = HashMap::new();
    steps
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let name_rank = s.first().map_or(0, |&first| {
                let seen = starts.entry(first).or_insert(0);
                *seen += 1;
                *seen - 1
            });
            line_of(k, s, rects, &sharing, style, name_rank)
        })
        .collect()
}

/// The line of stream `k` through `steps`.
fn line_of(
    k: usize,
    steps: &[usize],
    rects: &[Rect],
    sharing: &HashMap<(usize, usize), Vec<usize>>,
    style: TransitStyle,
    name_rank: usize,
) -> TransitLine {
    let mut path: Vec<Point> = Vec::new();
    let mut stops = Vec::with_capacity(steps.len());
    for (j, w) in steps.windows(2).enumerate() {
        let (a, b) = (w[0], w[1]);
        let users = sharing.get(&key(a, b)).map_or(&[][..], Vec::as_slice);
        let slot = users.iter().position(|&u| u == k).unwrap_or(0) % MAX_SIDE_BY_SIDE;
        let count = users.len().clamp(1, MAX_SIDE_BY_SIDE);
        let shift = (slot as f64 - (count as f64 - 1.0) / 2.0) * style.spacing;
        // Routed and shifted from the lower index to the higher, so that the
        // streams of a segment agree on their sides whichever way they run.
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        let mut seg = rounded(
            &offset_orthogonal(&route(&rects[lo], &rects[hi]), shift),
            style.corner,
        );
        if a > b {
            seg.reverse();
        }
        if j == 0 {
            stops.push(border_crossing(seg.iter().copied(), &rects[a]).unwrap_or(seg[0]));
        }
        let end = seg.last().copied().unwrap_or(rects[b].center());
        stops.push(border_crossing(seg.iter().rev().copied(), &rects[b]).unwrap_or(end));
        for q in seg {
            if path.last() != Some(&q) {
                path.push(q);
            }
        }
    }
    if let ([only], true) = (steps, path.is_empty()) {
        let r = &rects[*only];
        stops.push(pt(r.min.x, r.center().y));
    }
    TransitLine {
        path,
        stops,
        name_anchor: steps.first().map(|&i| rects[i].min),
        name_rank,
    }
}

/// A segment's key: its two services, the lower index first.
fn key(a: usize, b: usize) -> (usize, usize) {
    (a.min(b), a.max(b))
}

/// The orthogonal route from the centre of `from` to the centre of `to`:
/// across the gap between them with one turn each side of its middle, or
/// straight when they are level or their boxes overlap.
fn route(from: &Rect, to: &Rect) -> Vec<Point> {
    let (a, b) = (from.center(), to.center());
    let apart_x = from.max.x < to.min.x || to.max.x < from.min.x;
    let apart_y = from.max.y < to.min.y || to.max.y < from.min.y;
    if apart_x && (a.y - b.y).abs() > 1e-9 {
        let mid = if a.x < b.x {
            (from.max.x + to.min.x) / 2.0
        } else {
            (from.min.x + to.max.x) / 2.0
        };
        vec![a, pt(mid, a.y), pt(mid, b.y), b]
    } else if apart_y && !apart_x && (a.x - b.x).abs() > 1e-9 {
        let mid = if a.y < b.y {
            (from.max.y + to.min.y) / 2.0
        } else {
            (from.min.y + to.max.y) / 2.0
        };
        vec![a, pt(a.x, mid), pt(b.x, mid), b]
    } else {
        vec![a, b]
    }
}

/// The polyline moved sideways by `shift` (to the right of the direction of
/// travel on screen), each vertex mitred so that every segment keeps exactly
/// that distance from its original.
fn offset_orthogonal(points: &[Point], shift: f64) -> Vec<Point> {
    let normals: Vec<Point> = points
        .windows(2)
        .map(|w| (w[1] - w[0]).norm().perp())
        .collect();
    points
        .iter()
        .enumerate()
        .map(|(j, &q)| {
            let prev = if j > 0 { normals.get(j - 1) } else { None };
            let next = normals.get(j);
            let n = match (prev, next) {
                (Some(&p), Some(&n)) => {
                    let cos = p.x * n.x + p.y * n.y;
                    // A reversal has no mitre; its corner keeps the incoming normal.
                    if cos > -0.5 {
                        (p + n) * (1.0 / (1.0 + cos))
                    } else {
                        p
                    }
                }
                (Some(&p), None) | (None, Some(&p)) => p,
                (None, None) => Point::ZERO,
            };
            q + n * shift
        })
        .collect()
}

/// The polyline with each inner corner replaced by a curve of radius up to
/// `r` (less where a leg is too short to hold it).
fn rounded(points: &[Point], r: f64) -> Vec<Point> {
    if points.len() < 3 || r <= 0.0 {
        return points.to_vec();
    }
    let mut out = vec![points[0]];
    for w in points.windows(3) {
        let (p, q, s) = (w[0], w[1], w[2]);
        let (d1, d2) = (q - p, s - q);
        let reach = r.min(d1.len() / 2.0).min(d2.len() / 2.0);
        if reach <= 1e-9 {
            out.push(q);
            continue;
        }
        let (a, b) = (q - d1.norm() * reach, q + d2.norm() * reach);
        // A quadratic Bézier from a to b with q as its control point.
        for i in 0..=CORNER_STEPS {
            let t = i as f64 / CORNER_STEPS as f64;
            let u = 1.0 - t;
            out.push(a * (u * u) + q * (2.0 * u * t) + b * (t * t));
        }
    }
    out.push(points[points.len() - 1]);
    out
}

/// Where a line that starts inside `r` first leaves it.
fn border_crossing(points: impl Iterator<Item = Point>, r: &Rect) -> Option<Point> {
    let mut last: Option<Point> = None;
    for q in points {
        match last {
            Some(p) if !r.contains(q) => return Some(exit_point(p, q, r)),
            _ => last = Some(q),
        }
    }
    None
}

/// Where the segment from `p` (inside `r`) to `q` (outside) crosses `r`'s border.
fn exit_point(p: Point, q: Point, r: &Rect) -> Point {
    let d = q - p;
    let mut t: f64 = 1.0;
    for (dv, lo, hi, v) in [(d.x, r.min.x, r.max.x, p.x), (d.y, r.min.y, r.max.y, p.y)] {
        if dv > 0.0 {
            t = t.min((hi - v) / dv);
        } else if dv < 0.0 {
            t = t.min((lo - v) / dv);
        }
    }
    p + d * t.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLE: TransitStyle = TransitStyle {
        spacing: 6.0,
        corner: 10.0,
    };

    fn boxes(centres: &[(f64, f64)]) -> Vec<Rect> {
        centres
            .iter()
            .map(|&(x, y)| Rect::around(pt(x, y), 150.0, 60.0))
            .collect()
    }

    /// The horizontal runs of a path: (y, from x, to x).
    fn horizontal_runs(path: &[Point]) -> Vec<f64> {
        path.windows(2)
            .filter(|w| (w[0].y - w[1].y).abs() < 1e-9 && (w[0].x - w[1].x).abs() > 20.0)
            .map(|w| w[0].y)
            .collect()
    }

    #[test]
    fn streams_sharing_a_segment_run_side_by_side_at_the_spacing() {
        let rects = boxes(&[(0.0, 0.0), (400.0, 0.0), (400.0, 300.0)]);
        // Both run 0 -> 1; the second goes on to 2. One runs the other way.
        let streams = vec![vec![0, 1], vec![0, 1, 2], vec![1, 0]];
        let lines = transit_lines(&streams, &rects, STYLE);
        let ys: Vec<f64> = lines.iter().map(|l| horizontal_runs(&l.path)[0]).collect();
        assert_eq!(ys, [-6.0, 0.0, 6.0]);
        // A segment of its own is not shifted.
        let alone = transit_lines(&[vec![0, 1]], &rects, STYLE);
        assert_eq!(horizontal_runs(&alone[0].path), [0.0]);
        // Same input, same points.
        assert_eq!(transit_lines(&streams, &rects, STYLE), lines);
    }

    #[test]
    fn a_route_turns_in_the_gap_with_rounded_corners_and_stays_parallel() {
        let rects = boxes(&[(0.0, 0.0), (400.0, 200.0)]);
        let lines = transit_lines(&[vec![0, 1], vec![0, 1]], &rects, STYLE);
        for (line, shift) in lines.iter().zip([-3.0, 3.0]) {
            let path = &line.path;
            assert_eq!(path[0], pt(0.0, shift));
            assert_eq!(*path.last().unwrap(), pt(400.0, 200.0 + shift));
            // Every point lies on the route: a horizontal at either end, a
            // vertical in the middle of the gap, or a corner close to both.
            let mid = 200.0 - shift;
            for q in path {
                let on = (q.y - shift).abs() < 1e-9
                    || (q.y - 200.0 - shift).abs() < 1e-9
                    || (q.x - mid).abs() < 1e-9
                    || (q.x - mid).abs() <= STYLE.corner;
                assert!(on, "{q:?} is off the route");
            }
            // No diagonal crosses the gap: it is rounded near its corners only.
            assert!(path.len() > 4);
        }
    }

    #[test]
    fn stops_sit_where_the_line_meets_each_box_and_names_stack() {
        let rects = boxes(&[(0.0, 0.0), (400.0, 0.0), (800.0, 0.0)]);
        let lines = transit_lines(&[vec![0, 1, 2], vec![0, 2], vec![2]], &rects, STYLE);
        assert_eq!(
            lines[0].stops,
            [pt(75.0, 0.0), pt(325.0, 0.0), pt(725.0, 0.0)]
        );
        assert_eq!(lines[0].name_anchor, Some(pt(-75.0, -30.0)));
        assert_eq!((lines[0].name_rank, lines[1].name_rank), (0, 1));
        // A stream of one step has one stop at its box and no line.
        assert!(lines[2].path.is_empty());
        assert_eq!(lines[2].stops, [pt(725.0, 0.0)]);
        assert_eq!(lines[2].name_rank, 0);
    }

    #[test]
    fn repeated_and_missing_steps_are_skipped() {
        let rects = boxes(&[(0.0, 0.0), (400.0, 0.0)]);
        let lines = transit_lines(&[vec![0, 0, 1, 7], vec![]], &rects, STYLE);
        assert_eq!(lines[0].stops.len(), 2);
        assert_eq!(lines[0].path, [pt(0.0, 0.0), pt(400.0, 0.0)]);
        assert!(lines[1].path.is_empty() && lines[1].stops.is_empty());
        assert_eq!(lines[1].name_anchor, None);
    }
}
