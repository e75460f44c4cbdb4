//! The path of one link between its two stub ends, around every box in the
//! way: first the few obvious shapes (straight, one bend, two bends through
//! the middle of the gap), checked against the boxes; when all are blocked,
//! a weighted A* search over the sparse grid of box-border coordinates, with
//! a cost for each bend. The search keeps to a corridor along the last
//! obvious shape, then a wider one, and only then looks at the whole
//! rectangle between the ends: a long link detours around what blocks its
//! natural shape instead of wandering, and its route does not depend on
//! the thousands of boxes that lie between its ends but nowhere near it.
//!
//! Every box a search looks at meets one of the rectangles it reports (the
//! two ends, each segment of a shape it checked, the window of a grid
//! search): the route it returns depends on no box that meets none of them,
//! which is what lets an edit reroute only the links whose rectangles a
//! moved box enters or leaves. A long link routed by an obvious shape so
//! reads a few thin strips, not the rectangle between its ends.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap;

use super::obstacles::ObstacleIndex;
use super::ports::Side;
use crate::geometry::point::{Point, pt};
use crate::geometry::rect::Rect;

/// Cost of a bend, in the units of length: a route takes a detour of up to
/// this length to save one.
const BEND: f64 = 40.0;
/// Room around the segments of the last obvious shape that the grid search
/// keeps to first, then widens to (a fixed series, so that what a search
/// reads stays near its link).
const CORRIDORS: [f64; 2] = [160.0, 640.0];
/// How far apart on both axes the ends of a link must be for its search to
/// keep to a corridor; nearer ends search the rectangle between them (with
/// the same room around it), which finds routes with fewer crossings.
const LONG: f64 = 640.0;
/// Room around the two ends that the last grid search may use.
const WINDOW: f64 = 2560.0;
/// How much more the search trusts the distance still to go than the way
/// come: above 1 the search heads for the target instead of weighing every
/// equally long way round (weighted A*).
const GREED: f64 = 1.5;
/// Largest grid searched, in nodes; a wider search gives up.
const MAX_NODES: usize = 400_000;

/// A link's two stub ends: where its route leaves its source's margin and
/// enters its target's.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ends {
    /// The start, on the source's inflated border.
    pub(super) from: Point,
    /// The side the route leaves by.
    pub(super) from_side: Side,
    /// The end, on the target's inflated border.
    pub(super) to: Point,
    /// The side the route enters by.
    pub(super) to_side: Side,
}

/// What a search needs besides the ends.
pub(super) struct Search<'a> {
    /// The boxes, inflated.
    pub(super) index: &'a ObstacleIndex,
    /// Boxes the route may cross (none, or an end box that holds a stub end).
    pub(super) ignore: &'a [usize],
    /// Where the middle segment of a two-bend route goes (the middle of the
    /// gap, shifted for parallel links).
    pub(super) middle: Option<f64>,
}

/// A path found, and where the search looked.
pub(super) struct Found {
    /// From the start stub end to the end stub end; `None` when no path was
    /// found.
    pub(super) points: Option<Vec<Point>>,
    /// Every box that could change the result meets one of these.
    pub(super) reads: Vec<Rect>,
}

/// The bounding box of two points.
fn span(a: Point, b: Point) -> Rect {
    Rect::from_min_max(
        pt(a.x.min(b.x), a.y.min(b.y)),
        pt(a.x.max(b.x), a.y.max(b.y)),
    )
}

impl Search<'_> {
    /// The path from `ends.from` to `ends.to`.
    pub(super) fn find(&self, ends: &Ends) -> Found {
        // The ends: a box holding one is crossed (see `Search::ignore`).
        let mut reads = vec![span(ends.from, ends.from), span(ends.to, ends.to)];
        let candidates = self.candidates(ends);
        for candidate in &candidates {
            let mut free = true;
            for w in candidate.windows(2) {
                reads.push(span(w[0], w[1]));
                if self.index.blocks(w[0], w[1], self.ignore) {
                    free = false;
                    break;
                }
            }
            if free {
                return Found {
                    points: Some(candidate.clone()),
                    reads,
                };
            }
        }
        let between = span(ends.from, ends.to);
        let shape = candidates.last().cloned().unwrap_or_default();
        let long = between.w().min(between.h()) > LONG;
        let areas = CORRIDORS.map(|pad| {
            if long {
                shape
                    .windows(2)
                    .map(|w| span(w[0], w[1]).shrink(-pad))
                    .collect::<Vec<Rect>>()
            } else {
                vec![between.shrink(-pad)]
            }
        });
        let window = vec![between.shrink(-WINDOW)];
        for strips in areas.into_iter().chain([window]) {
            reads.extend_from_slice(&strips);
            if let Some(points) = self.grid_search(ends, &strips) {
                return Found {
                    points: Some(points),
                    reads,
                };
            }
        }
        Found {
            points: None,
            reads,
        }
    }

    /// The obvious shapes, best first.
    fn candidates(&self, e: &Ends) -> Vec<Vec<Point>> {
        let (a, b) = (e.from, e.to);
        let mut out = Vec::new();
        match (e.from_side.is_vertical(), e.to_side.is_vertical()) {
            (true, true) => {
                if a.y == b.y {
                    out.push(vec![a, b]);
                }
                let m = self.middle.unwrap_or((a.x + b.x) / 2.0);
                out.push(vec![a, pt(m, a.y), pt(m, b.y), b]);
            }
            (false, false) => {
                if a.x == b.x {
                    out.push(vec![a, b]);
                }
                let m = self.middle.unwrap_or((a.y + b.y) / 2.0);
                out.push(vec![a, pt(a.x, m), pt(b.x, m), b]);
            }
            (true, false) => out.push(vec![a, pt(b.x, a.y), b]),
            (false, true) => out.push(vec![a, pt(a.x, b.y), b]),
        }
        out
    }

    /// A* over the grid of border coordinates inside `strips` (a corridor of
    /// rectangles that holds both ends), stepping only along the strips.
    fn grid_search(&self, e: &Ends, strips: &[Rect]) -> Option<Vec<Point>> {
        if strips.is_empty() || !strips.iter().all(Rect::is_finite) {
            return None;
        }
        let mut xs = vec![e.from.x, e.to.x];
        let mut ys = vec![e.from.y, e.to.y];
        if let Some(m) = self.middle {
            xs.push(m);
            ys.push(m);
        }
        let mut near = Vec::new();
        for strip in strips {
            xs.extend([strip.min.x, strip.max.x]);
            ys.extend([strip.min.y, strip.max.y]);
            near.extend(self.index.within(strip));
        }
        near.sort_unstable();
        near.dedup();
        let mut bounds = strips[0];
        for strip in strips {
            bounds.include_rect(strip);
        }
        for j in near {
            if self.ignore.contains(&j) {
                continue;
            }
            if let Some(r) = self.index.get(j) {
                xs.extend([r.min.x, r.max.x]);
                ys.extend([r.min.y, r.max.y]);
            }
        }
        let inside_x = |v: &f64| (bounds.min.x..=bounds.max.x).contains(v);
        let inside_y = |v: &f64| (bounds.min.y..=bounds.max.y).contains(v);
        xs.retain(inside_x);
        ys.retain(inside_y);
        xs.sort_by(f64::total_cmp);
        ys.sort_by(f64::total_cmp);
        xs.dedup();
        ys.dedup();
        let (nx, ny) = (xs.len(), ys.len());
        if nx.saturating_mul(ny) > MAX_NODES {
            return None;
        }
        let find = |v: &[f64], q: f64| v.binary_search_by(|a| a.total_cmp(&q)).ok();
        let start = find(&xs, e.from.x)? + nx * find(&ys, e.from.y)?;
        let goal = find(&xs, e.to.x)? + nx * find(&ys, e.to.y)?;
        let grid = Grid {
            xs: &xs,
            ys: &ys,
            strips,
        };
        self.astar(
            &grid,
            start,
            dir_of(e.from_side.outward()),
            goal,
            dir_of(-e.to_side.outward()),
        )
    }

    /// The cheapest path on `grid` from node `start` heading `start_dir` to
    /// node `goal` arriving heading `goal_dir`.
    fn astar(
        &self,
        grid: &Grid,
        start: usize,
        start_dir: usize,
        goal: usize,
        goal_dir: usize,
    ) -> Option<Vec<Point>> {
        let nodes = grid.xs.len() * grid.ys.len();
        let done = nodes * 4;
        // Cost and parent of each state reached, and whether each grid edge
        // is blocked, kept only for what the search touches: a search
        // usually reaches a small part of a grid of up to `MAX_NODES`, and
        // dense arrays of that size cost more to clear than to search.
        let mut reached: FxHashMap<usize, (f64, u32)> = FxHashMap::default();
        let mut blocked: FxHashMap<usize, bool> = FxHashMap::default();
        let cost_of = |reached: &FxHashMap<usize, (f64, u32)>, s: usize| {
            reached.get(&s).map_or(f64::INFINITY, |r| r.0)
        };
        let target = grid.at(goal);
        // The length still to go, weighted by `GREED`, and a bend for each
        // turn no route from here heading `dir` can avoid (a straight step
        // never lowers the count, a turn lowers it by at most the one bend
        // it costs). Without the bends, every state one bend cheaper than
        // the best route ties below it; without the weight, every equally
        // long way round is weighed. Either way the search floods the
        // rectangle between the ends, which on a wide map holds a hundred
        // thousand states. The route found is at most `GREED` times the
        // cheapest's cost.
        let h = |n: usize, dir: usize| {
            let p = grid.at(n);
            let (dx, dy) = (target.x - p.x, target.y - p.y);
            let ahead = match dir {
                0 => dy == 0.0 && dx >= 0.0,
                1 => dy == 0.0 && dx <= 0.0,
                2 => dx == 0.0 && dy >= 0.0,
                _ => dx == 0.0 && dy <= 0.0,
            };
            let turns = if dir == goal_dir {
                if ahead { 0.0 } else { 2.0 }
            } else if dir == reverse(goal_dir) {
                2.0
            } else {
                1.0
            };
            GREED * (dx.abs() + dy.abs()) + turns * BEND
        };
        // Among states as promising, the one furthest along goes first.
        let key = |f: f64, g: f64| (f.to_bits(), u64::MAX - g.to_bits());
        let mut heap = BinaryHeap::new();
        let first = start * 4 + start_dir;
        reached.insert(first, (0.0, u32::MAX));
        heap.push(Reverse((key(h(start, start_dir), 0.0), first)));
        while let Some(Reverse(((f, _), state))) = heap.pop() {
            if state == done {
                break;
            }
            let (node, dir) = (state / 4, state % 4);
            let g = cost_of(&reached, state);
            // Stale entry: a cheaper way here was found after it was pushed.
            if (g + h(node, dir)).to_bits() != f {
                continue;
            }
            if node == goal {
                let total = g + if dir == goal_dir { 0.0 } else { BEND };
                if dir != reverse(goal_dir) && total < cost_of(&reached, done) {
                    reached.insert(done, (total, state as u32));
                    heap.push(Reverse((key(total, total), done)));
                }
                continue;
            }
            for next_dir in 0..4 {
                if next_dir == reverse(dir) {
                    continue;
                }
                let Some(next) = grid.step(node, next_dir) else {
                    continue;
                };
                let slot = node * 4 + next_dir;
                let is_blocked = *blocked.entry(slot).or_insert_with(|| {
                    let mid = (grid.at(node) + grid.at(next)) * 0.5;
                    !grid.in_corridor(mid) || self.index.inside(mid, self.ignore)
                });
                if is_blocked {
                    continue;
                }
                let step = (grid.at(next) - grid.at(node)).len()
                    + if next_dir == dir { 0.0 } else { BEND };
                let to = next * 4 + next_dir;
                let g2 = g + step;
                if g2 < cost_of(&reached, to) {
                    reached.insert(to, (g2, state as u32));
                    heap.push(Reverse((key(g2 + h(next, next_dir), g2), to)));
                }
            }
        }
        let parent_of = |s: usize| reached.get(&s).map_or(u32::MAX, |r| r.1);
        if parent_of(done) == u32::MAX {
            return None;
        }
        let mut out = Vec::new();
        let mut state = parent_of(done) as usize;
        loop {
            out.push(grid.at(state / 4));
            if state == first {
                break;
            }
            state = parent_of(state) as usize;
        }
        out.reverse();
        Some(out)
    }
}

/// The search grid: the crossings of `xs` and `ys`, numbered row by row,
/// walked only inside `strips`.
struct Grid<'a> {
    xs: &'a [f64],
    ys: &'a [f64],
    strips: &'a [Rect],
}

impl Grid<'_> {
    /// Whether `p` lies in the corridor (on a strip's border counts). Every
    /// strip border is a grid line, so a step between neighbouring nodes
    /// lies in the corridor when its middle does.
    fn in_corridor(&self, p: Point) -> bool {
        self.strips
            .iter()
            .any(|r| r.min.x <= p.x && p.x <= r.max.x && r.min.y <= p.y && p.y <= r.max.y)
    }

    /// The point of node `n`.
    fn at(&self, n: usize) -> Point {
        let nx = self.xs.len();
        pt(self.xs[n % nx], self.ys[n / nx])
    }

    /// The next node from `n` heading `dir`, if inside the grid.
    fn step(&self, n: usize, dir: usize) -> Option<usize> {
        let nx = self.xs.len();
        let (x, y) = (n % nx, n / nx);
        match dir {
            0 => (x + 1 < nx).then(|| n + 1),
            1 => (x > 0).then(|| n - 1),
            2 => (y + 1 < self.ys.len()).then(|| n + nx),
            _ => (y > 0).then(|| n - nx),
        }
    }
}

/// Direction number of a unit axis vector: 0 right, 1 left, 2 down, 3 up.
fn dir_of(v: Point) -> usize {
    if v.x > 0.5 {
        0
    } else if v.x < -0.5 {
        1
    } else if v.y > 0.5 {
        2
    } else {
        3
    }
}

/// The opposite direction.
fn reverse(dir: usize) -> usize {
    dir ^ 1
}
