//! Automatic layout: "lanes by stream".
//!
//! A value stream map is read along its streams: each stream is a customer
//! journey that flows from service to service. Laying every stream out as its
//! own horizontal lane, its steps left to right in order, makes each journey
//! readable as one row. A service that several streams pass through is placed
//! *between* the lanes of those streams, so shared services — the coupling the
//! analysis rules warn about — stand out as the nodes that straddle lanes.
//! Services on no stream are parked in a lane of their own at the bottom,
//! where they are easy to find and do not disturb the journeys.
//!
//! The layout only computes positions; the caller turns them into edits (so
//! an arrange is one undoable action like any other).

use std::collections::HashMap;

use crate::model::Map;

/// Horizontal distance between consecutive columns, and vertical between lanes.
pub const COLUMN_GAP: f64 = 220.0;
/// Vertical distance between consecutive lanes.
pub const LANE_GAP: f64 = 140.0;

/// The footprint of a service box that the layout keeps clear of others.
const BOX_WIDTH: f64 = 160.0;
/// See [`BOX_WIDTH`].
const BOX_HEIGHT: f64 = 70.0;
/// How far a colliding service is moved down per try: half a lane, so it can
/// sit in the gap between two lanes.
const NUDGE: f64 = LANE_GAP / 2.0;
/// Downward nudges tried before moving a column right: more would drag a
/// shared service far from the lanes it belongs to.
const MAX_NUDGES: u32 = 2;
/// Services on no stream per row of the bottom lane, so the lane does not
/// grow wider than a typical map.
const PER_ROW: usize = 8;

/// "Lanes by stream": each stream a horizontal lane, its steps left to right in step order;
/// a service on several streams sits between their lanes (at the average y of its streams' lanes,
/// nudged so it does not overlap anything); services on no stream go in a lane of their own at the bottom.
/// Returns one position (x, y) per service, in the order of `map.services`. Deterministic.
///
/// Details:
/// - Lanes follow the order of `map.streams`; lane `k` is at `y = k * LANE_GAP`.
///   Steps naming unknown services are skipped, and a stream with no known
///   step gets no lane (an empty lane would only be a gap).
/// - Columns (`x = column * COLUMN_GAP`) are a longest-path layering of the
///   constraints "step i is left of step i+1" over all streams, so every
///   stream reads strictly left to right. On a stream that shares nothing
///   upstream, a service's column is its step index; a shared service pushes
///   the steps after it right. When two streams order services oppositely,
///   the earlier stream wins and the later constraint is ignored.
/// - Shared y positions are rounded to whole numbers, as files store them.
/// - Every service is treated as a 160 x 70 box; a box that would overlap one
///   already placed moves down by half a lane (up to twice), then right by a
///   column, until it is free. Services on one stream are placed first, so
///   the lanes themselves stay put and only shared services move.
pub fn lanes(map: &Map) -> Vec<(f64, f64)> {
    let n = map.services.len();
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(n);
    for (i, service) in map.services.iter().enumerate() {
        // Should ids repeat (validation reports that), steps refer to the
        // first; the duplicate is laid out as a service on no stream.
        index.entry(service.id.as_str()).or_insert(i);
    }

    let paths = stream_paths(map, &index);
    let columns = columns(&paths, n);

    let mut lane_y_sum = vec![0.0_f64; n];
    let mut lane_count = vec![0_u32; n];
    for (lane, path) in paths.iter().enumerate() {
        let y = lane as f64 * LANE_GAP;
        for &s in path {
            lane_y_sum[s] += y;
            lane_count[s] += 1;
        }
    }

    let mut positions = vec![(0.0, 0.0); n];
    let mut grid = Grid::default();
    // Single-stream services first: they form the lanes, and placed first
    // they never move (two of them can only collide when a broken cycle left
    // two steps of one stream in the same column). Shared services then fit
    // themselves around the lanes, in map order so the result is stable.
    for shared in [false, true] {
        for s in 0..n {
            let count = lane_count[s];
            if count == 0 || (count >= 2) != shared {
                continue;
            }
            let x = columns[s] as f64 * COLUMN_GAP;
            let y = (lane_y_sum[s] / f64::from(count)).round();
            positions[s] = grid.place(x, y);
        }
    }

    // The bottom lane starts below the last stream lane, or below whatever a
    // nudge pushed lower still, so it never mixes with the streams.
    let top = match grid.max_y {
        Some(max_y) => (paths.len() as f64 * LANE_GAP).max(max_y + LANE_GAP),
        None => 0.0,
    };
    let unstreamed = (0..n).filter(|&s| lane_count[s] == 0);
    for (i, s) in unstreamed.enumerate() {
        let x = (i % PER_ROW) as f64 * COLUMN_GAP;
        let y = top + (i / PER_ROW) as f64 * LANE_GAP;
        // The rows are spaced wider than a box and lie below everything
        // placed so far, so this never moves; going through the grid keeps
        // the no-overlap guarantee in one place.
        positions[s] = grid.place(x, y);
    }
    fold_into_bands(&mut positions);
    positions
}

/// Width to height the folded layout aims at: a window's shape.
const ASPECT: f64 = 1.6;
/// Horizontal gap between two bands of a folded layout.
const BAND_GAP: f64 = 2.0 * COLUMN_GAP;

/// Cuts a layout much taller than wide (hundreds of lanes, or thousands of
/// services on no stream) into bands of whole rows set side by side, so
/// that it fills a window instead of being a sliver when fitted. Rows stay
/// whole and in order, top to bottom then left to right, so every lane
/// still reads left to right; nothing overlaps, as each band is moved as a
/// block into a column of its own. A layout near the window's shape is left
/// as it is.
fn fold_into_bands(positions: &mut [(f64, f64)]) {
    let Some((min_x, max_x, min_y, max_y)) = bounds(positions) else {
        return;
    };
    let width = max_x - min_x + BOX_WIDTH;
    let height = max_y - min_y + BOX_HEIGHT;
    // K bands of a W x H layout make one K W wide and H / K high.
    let bands = (height * ASPECT / width).sqrt().round();
    if bands < 2.0 {
        return;
    }
    let mut rows: Vec<f64> = positions.iter().map(|p| p.1).collect();
    rows.sort_by(f64::total_cmp);
    rows.dedup();
    // Each band starts at the first row at or below its share of the height.
    let share = height / bands;
    let mut starts = vec![rows[0]];
    for &y in &rows {
        if let Some(&start) = starts.last()
            && y - start >= share
        {
            starts.push(y);
        }
    }
    for p in positions.iter_mut() {
        let band = starts.partition_point(|&start| start <= p.1) - 1;
        p.0 += band as f64 * (width + BAND_GAP);
        p.1 -= starts[band] - min_y;
    }
}

/// The extent of the positions, if there are any.
fn bounds(positions: &[(f64, f64)]) -> Option<(f64, f64, f64, f64)> {
    let first = positions.first()?;
    Some(positions.iter().fold(
        (first.0, first.0, first.1, first.1),
        |(x0, x1, y0, y1), &(x, y)| (x0.min(x), x1.max(x), y0.min(y), y1.max(y)),
    ))
}

/// Each stream with at least one known step as the service indices of its
/// steps, in order. Unknown services are skipped, and a service repeated in
/// one stream (invalid, but possible in a hand-edited file) keeps only its
/// first step, so no stream constrains a service against itself.
fn stream_paths(map: &Map, index: &HashMap<&str, usize>) -> Vec<Vec<usize>> {
    // The number of the stream that last took each service: a per-stream
    // "seen" set without clearing anything between streams.
    let mut taken_by = vec![usize::MAX; map.services.len()];
    let mut paths = Vec::new();
    for (k, stream) in map.streams.iter().enumerate() {
        let mut path = Vec::with_capacity(stream.steps.len());
        for step in &stream.steps {
            let Some(&s) = index.get(step.service.as_str()) else {
                continue;
            };
            if taken_by[s] != k {
                taken_by[s] = k;
                path.push(s);
            }
        }
        if !path.is_empty() {
            paths.push(path);
        }
    }
    paths
}

/// The column of every service: the longest path to it over the constraints
/// "each step precedes the next", added stream by stream in order.
///
/// Columns are kept up to date as constraints arrive, which both yields the
/// final layering and makes cycle checks cheap: a constraint `a -> b` with
/// `col[a] < col[b]` cannot close a cycle (anything reaching `a` has a smaller
/// column than `a`), so only the others need a search, and that search can
/// skip every service whose column is not below `a`'s.
fn columns(paths: &[Vec<usize>], n: usize) -> Vec<usize> {
    let mut col = vec![0_usize; n];
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut search = Search::new(n);
    let mut stack = Vec::new();
    for path in paths {
        for pair in path.windows(2) {
            let &[a, b] = pair else { continue };
            if successors[a].contains(&b) {
                continue;
            }
            if col[a] >= col[b] {
                if search.reaches(&successors, &col, b, a) {
                    // An earlier stream already put `b` before `a`; keeping
                    // that order and dropping this one breaks the cycle the
                    // same way every time.
                    continue;
                }
                col[b] = col[a] + 1;
                stack.push(b);
                // Push everything downstream of `b` right as needed. The
                // accepted constraints form a DAG, so this ends.
                while let Some(u) = stack.pop() {
                    let next = col[u] + 1;
                    for &v in &successors[u] {
                        if col[v] < next {
                            col[v] = next;
                            stack.push(v);
                        }
                    }
                }
            }
            successors[a].push(b);
        }
    }
    col
}

/// Reusable scratch space for reachability searches, so each search costs
/// only what it visits.
struct Search {
    seen: Vec<bool>,
    visited: Vec<usize>,
    stack: Vec<usize>,
}

impl Search {
    fn new(n: usize) -> Search {
        Search {
            seen: vec![false; n],
            visited: Vec::new(),
            stack: Vec::new(),
        }
    }

    /// Whether `to` can be reached from `from` over `successors`, given
    /// columns consistent with them (every constraint goes to a higher
    /// column) and `col[from] <= col[to]`.
    fn reaches(
        &mut self,
        successors: &[Vec<usize>],
        col: &[usize],
        from: usize,
        to: usize,
    ) -> bool {
        let mut found = false;
        self.stack.push(from);
        self.seen[from] = true;
        self.visited.push(from);
        while let Some(u) = self.stack.pop() {
            if u == to {
                found = true;
                break;
            }
            for &v in &successors[u] {
                // Anything at or right of `to`'s column (other than `to`)
                // cannot lead back to it.
                if !self.seen[v] && (v == to || col[v] < col[to]) {
                    self.seen[v] = true;
                    self.visited.push(v);
                    self.stack.push(v);
                }
            }
        }
        for v in self.visited.drain(..) {
            self.seen[v] = false;
        }
        self.stack.clear();
        found
    }
}

/// The boxes placed so far, hashed by box-sized cells so a collision check
/// looks at nine cells instead of every service.
///
/// Two boxes whose positions fall in one cell would be less than a box apart
/// on both axes, i.e. overlap; since placed boxes never overlap, each cell
/// holds at most one.
#[derive(Default)]
struct Grid {
    cells: HashMap<(i64, i64), (f64, f64)>,
    /// The lowest position placed (largest y), if any.
    max_y: Option<f64>,
}

impl Grid {
    fn cell(x: f64, y: f64) -> (i64, i64) {
        // `as` saturates; positions are far inside i64 anyway.
        (
            (x / BOX_WIDTH).floor() as i64,
            (y / BOX_HEIGHT).floor() as i64,
        )
    }

    /// Whether a box at (x, y) would overlap none placed. Boxes that only
    /// touch do not overlap.
    fn is_free(&self, x: f64, y: f64) -> bool {
        let (cx, cy) = Grid::cell(x, y);
        for dx in -1..=1_i64 {
            for dy in -1..=1_i64 {
                let key = (cx.saturating_add(dx), cy.saturating_add(dy));
                if let Some(&(ox, oy)) = self.cells.get(&key)
                    && (ox - x).abs() < BOX_WIDTH
                    && (oy - y).abs() < BOX_HEIGHT
                {
                    return false;
                }
            }
        }
        true
    }

    /// Places a box at (x, y) or, if taken, at the first free spot trying
    /// half a lane down (twice), then the same from one column right, and so
    /// on. Returns where it went.
    fn place(&mut self, x: f64, y: f64) -> (f64, f64) {
        let mut cx = x;
        // Ends: finitely many boxes are placed, so some column to the right
        // is free.
        loop {
            for k in 0..=MAX_NUDGES {
                let cy = y + f64::from(k) * NUDGE;
                if self.is_free(cx, cy) {
                    self.cells.insert(Grid::cell(cx, cy), (cx, cy));
                    self.max_y = Some(self.max_y.map_or(cy, |m| m.max(cy)));
                    return (cx, cy);
                }
            }
            cx += COLUMN_GAP;
        }
    }
}

/// Lays out an imported map: the lanes layout for every service when any
/// lacks a position (positions from the source and from the layout would
/// overlap), nothing when the source placed them all. Services are laid
/// out in order of owner so each team's services sit together.
pub fn arrange_unplaced(map: &mut Map) {
    if map.services.iter().all(|s| s.x.is_some() && s.y.is_some()) {
        return;
    }
    // Lanes puts services on no stream in rows in map order; ordering by
    // owner first keeps a team's services next to each other.
    let mut by_owner = map.clone();
    by_owner
        .services
        .sort_by(|a, b| (&a.owner, &a.id).cmp(&(&b.owner, &b.id)));
    let positions = lanes(&by_owner);
    let placed: HashMap<_, _> = by_owner
        .services
        .iter()
        .map(|s| s.id.clone())
        .zip(positions)
        .collect();
    for service in &mut map.services {
        if let Some(&(x, y)) = placed.get(&service.id) {
            service.x = Some(x);
            service.y = Some(y);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_map::MapBuilder;
    use crate::model::{Id, Service, ServiceKind, Step, Stream};
    use std::path::Path;

    /// Positions by service id, for readable assertions.
    fn at(map: &Map, positions: &[(f64, f64)], id: &str) -> (f64, f64) {
        let i = map
            .services
            .iter()
            .position(|s| s.id.as_str() == id)
            .unwrap();
        positions[i]
    }

    fn overlap(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < BOX_WIDTH && (a.1 - b.1).abs() < BOX_HEIGHT
    }

    /// Checks every pair of boxes.
    fn assert_no_overlap_all_pairs(positions: &[(f64, f64)]) {
        for i in 0..positions.len() {
            for j in i + 1..positions.len() {
                assert!(
                    !overlap(positions[i], positions[j]),
                    "services {i} and {j} overlap at {:?} and {:?}",
                    positions[i],
                    positions[j]
                );
            }
        }
    }

    /// Same check for big maps: sorted by x, only pairs less than a box
    /// apart horizontally can overlap.
    fn assert_no_overlap_sweep(positions: &[(f64, f64)]) {
        let mut order: Vec<usize> = (0..positions.len()).collect();
        order.sort_by(|&a, &b| positions[a].0.total_cmp(&positions[b].0));
        for (k, &i) in order.iter().enumerate() {
            for &j in &order[k + 1..] {
                if positions[j].0 - positions[i].0 >= BOX_WIDTH {
                    break;
                }
                assert!(
                    !overlap(positions[i], positions[j]),
                    "services {i} and {j} overlap"
                );
            }
        }
    }

    /// A tiny deterministic generator (xorshift), so tests need no crate.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    /// `services` services `s0`…, and `streams` streams of 3–12 distinct
    /// steps; a quarter of the steps go to the first `hubs` services so
    /// plenty of services are shared.
    fn random_map(seed: u64, services: usize, hubs: usize, streams: usize, pool: usize) -> Map {
        let mut rng = Rng(seed);
        let mut map = Map::default();
        for i in 0..services {
            map.services.push(Service {
                id: Id::new(format!("s{i}")).unwrap(),
                name: format!("S{i}"),
                kind: ServiceKind::Service,
                owner: None,
                x: None,
                y: None,
                description: String::new(),
            });
        }
        for k in 0..streams {
            let len = 3 + rng.below(10);
            let mut steps: Vec<usize> = Vec::new();
            while steps.len() < len {
                let s = if rng.below(4) == 0 {
                    rng.below(hubs)
                } else {
                    rng.below(pool)
                };
                if !steps.contains(&s) {
                    steps.push(s);
                }
            }
            map.streams.push(Stream {
                id: Id::new(format!("stream{k}")).unwrap(),
                name: format!("Stream {k}"),
                owner: None,
                customer: String::new(),
                description: String::new(),
                color: None,
                steps: steps
                    .into_iter()
                    .map(|s| Step {
                        service: Id::new(format!("s{s}")).unwrap(),
                        stage: String::new(),
                        work: None,
                        wait: None,
                        complete_accurate: None,
                    })
                    .collect(),
            });
        }
        map
    }

    #[test]
    fn an_empty_map_has_no_positions() {
        assert!(lanes(&Map::default()).is_empty());
    }

    #[test]
    fn a_single_stream_runs_left_to_right_on_one_lane() {
        let map = MapBuilder::new()
            .sa("t")
            .svc("c", "t")
            .svc("a", "t")
            .svc("b", "t")
            .stream("s", Some("t"), &["a", "b", "c"])
            .build();
        let p = lanes(&map);
        assert_eq!(at(&map, &p, "a"), (0.0, 0.0));
        assert_eq!(at(&map, &p, "b"), (COLUMN_GAP, 0.0));
        assert_eq!(at(&map, &p, "c"), (2.0 * COLUMN_GAP, 0.0));
    }

    #[test]
    fn a_shared_service_sits_between_its_streams_lanes() {
        let map = MapBuilder::new()
            .sa("t")
            .svc("a1", "t")
            .svc("a2", "t")
            .svc("b1", "t")
            .svc("b2", "t")
            .svc("shared", "t")
            .stream("a", Some("t"), &["a1", "shared", "a2"])
            .stream("b", Some("t"), &["b1", "shared", "b2"])
            .build();
        let p = lanes(&map);
        assert_eq!(at(&map, &p, "a1"), (0.0, 0.0));
        assert_eq!(at(&map, &p, "b1"), (0.0, LANE_GAP));
        assert_eq!(at(&map, &p, "shared"), (COLUMN_GAP, LANE_GAP / 2.0));
        assert_eq!(at(&map, &p, "a2"), (2.0 * COLUMN_GAP, 0.0));
        assert_eq!(at(&map, &p, "b2"), (2.0 * COLUMN_GAP, LANE_GAP));
    }

    #[test]
    fn a_shared_service_steps_aside_from_a_lane_it_is_not_on() {
        // `shared` is on lanes 0 and 2, so its mean is lane 1, where `b1`
        // already sits in the same column.
        let map = MapBuilder::new()
            .sa("t")
            .svc("a0", "t")
            .svc("b0", "t")
            .svc("b1", "t")
            .svc("c0", "t")
            .svc("shared", "t")
            .stream("a", Some("t"), &["a0", "shared"])
            .stream("b", Some("t"), &["b0", "b1"])
            .stream("c", Some("t"), &["c0", "shared"])
            .build();
        let p = lanes(&map);
        assert_eq!(at(&map, &p, "b1"), (COLUMN_GAP, LANE_GAP));
        let (x, y) = at(&map, &p, "shared");
        assert_eq!(x, COLUMN_GAP);
        assert!(
            y > 0.0 && y < 2.0 * LANE_GAP,
            "{y} is not between lanes a and c"
        );
        assert_no_overlap_all_pairs(&p);
    }

    #[test]
    fn a_shared_service_pushes_later_steps_right() {
        // `hub` is step 2 of `b`, so it cannot be left of column 2, and `a`
        // must keep reading left to right after it.
        let map = MapBuilder::new()
            .sa("t")
            .svc("hub", "t")
            .svc("a1", "t")
            .svc("b0", "t")
            .svc("b1", "t")
            .stream("a", Some("t"), &["hub", "a1"])
            .stream("b", Some("t"), &["b0", "b1", "hub"])
            .build();
        let p = lanes(&map);
        assert_eq!(at(&map, &p, "hub").0, 2.0 * COLUMN_GAP);
        assert_eq!(at(&map, &p, "a1"), (3.0 * COLUMN_GAP, 0.0));
    }

    #[test]
    fn many_shared_services_never_overlap() {
        for seed in 1..=20 {
            let map = random_map(seed, 60, 6, 25, 50);
            let p = lanes(&map);
            assert_eq!(p.len(), map.services.len());
            assert_no_overlap_all_pairs(&p);
        }
    }

    #[test]
    fn columns_increase_along_every_stream_when_streams_agree() {
        for seed in 1..=20 {
            let mut map = random_map(seed, 80, 8, 30, 70);
            // Sorting each stream's steps by service number makes all
            // streams agree on the order, so no constraint is dropped.
            let number = |step: &Step| step.service.as_str()[1..].parse::<usize>().unwrap();
            for stream in &mut map.streams {
                stream.steps.sort_by_key(number);
            }
            let index = map
                .services
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.as_str(), i))
                .collect();
            let paths = stream_paths(&map, &index);
            let col = columns(&paths, map.services.len());
            for path in &paths {
                assert!(
                    path.windows(2).all(|w| col[w[0]] < col[w[1]]),
                    "{seed}: {path:?}"
                );
            }
        }
    }

    #[test]
    fn services_on_no_stream_go_below_left_to_right_in_rows_of_eight() {
        let mut b = MapBuilder::new()
            .sa("t")
            .svc("a", "t")
            .svc("b", "t")
            .svc("c", "t")
            .stream("one", Some("t"), &["a", "b"])
            .stream("two", Some("t"), &["c", "b"]);
        for i in 0..10 {
            b = b.svc(&format!("free{i}"), "t");
        }
        let map = b.build();
        let p = lanes(&map);
        let lowest_streamed = ["a", "b", "c"]
            .iter()
            .map(|s| at(&map, &p, s).1)
            .fold(f64::MIN, f64::max);
        let free: Vec<(f64, f64)> = (0..10).map(|i| at(&map, &p, &format!("free{i}"))).collect();
        assert!(free.iter().all(|&(_, y)| y > lowest_streamed));
        assert_eq!(free[0], (0.0, 2.0 * LANE_GAP));
        assert_eq!(free[7], (7.0 * COLUMN_GAP, 2.0 * LANE_GAP));
        assert_eq!(free[8], (0.0, 3.0 * LANE_GAP));
        assert_eq!(free[9], (COLUMN_GAP, 3.0 * LANE_GAP));
        assert_no_overlap_all_pairs(&p);
    }

    #[test]
    fn a_map_without_streams_is_all_bottom_lane_from_the_top() {
        let map = MapBuilder::new()
            .sa("t")
            .svc("a", "t")
            .svc("b", "t")
            .build();
        assert_eq!(lanes(&map), vec![(0.0, 0.0), (COLUMN_GAP, 0.0)]);
    }

    #[test]
    fn arrange_unplaced_keeps_a_fully_placed_map_and_groups_by_owner_otherwise() {
        let placed = MapBuilder::new()
            .sa("t")
            .svc("a", "t")
            .svc("b", "t")
            .with(|m| {
                for (i, s) in m.services.iter_mut().enumerate() {
                    s.x = Some(500.0 + i as f64);
                    s.y = Some(-7.0);
                }
            })
            .build();
        let mut same = placed.clone();
        arrange_unplaced(&mut same);
        assert_eq!(same, placed, "positions from the source are kept");

        // One position missing: everything is laid out, a team's services
        // next to each other even where their ids interleave.
        let mut map = MapBuilder::new()
            .sa("x")
            .sa("y")
            .svc("a", "y")
            .svc("b", "x")
            .svc("c", "y")
            .with(|m| m.services[0].x = Some(1.0))
            .build();
        arrange_unplaced(&mut map);
        let p = |id: &str| {
            let s = map.service(id).unwrap();
            (s.x.unwrap(), s.y.unwrap())
        };
        assert_eq!(p("b"), (0.0, 0.0), "owner x first");
        assert_eq!(p("a"), (COLUMN_GAP, 0.0));
        assert_eq!(p("c"), (2.0 * COLUMN_GAP, 0.0));
    }

    #[test]
    fn the_layout_is_deterministic() {
        let map = random_map(7, 200, 10, 40, 150);
        let first = lanes(&map);
        assert_eq!(first, lanes(&map));
        assert_eq!(first, lanes(&map.clone()));
    }

    #[test]
    fn opposite_orders_do_not_loop_and_the_first_stream_wins() {
        let map = MapBuilder::new()
            .sa("t")
            .svc("x", "t")
            .svc("y", "t")
            .svc("z", "t")
            .stream("forward", Some("t"), &["x", "y", "z"])
            .stream("backward", Some("t"), &["z", "y", "x"])
            .build();
        let p = lanes(&map);
        let (x, y, z) = (at(&map, &p, "x"), at(&map, &p, "y"), at(&map, &p, "z"));
        assert!(x.0 < y.0 && y.0 < z.0, "{p:?}");
        assert_no_overlap_all_pairs(&p);
    }

    #[test]
    fn unknown_steps_and_empty_streams_are_skipped() {
        let map = MapBuilder::new()
            .sa("t")
            .svc("a", "t")
            .svc("b", "t")
            .svc("c", "t")
            .stream("empty", Some("t"), &[])
            .stream("ghosts", Some("t"), &["a"])
            .stream("main", Some("t"), &["b", "c"])
            .with(|m| {
                let ghost = Step {
                    service: Id::new("ghost").unwrap(),
                    stage: String::new(),
                    work: None,
                    wait: None,
                    complete_accurate: None,
                };
                m.streams[1].steps.insert(0, ghost.clone());
                m.streams[2].steps.insert(1, ghost);
                // A repeated step (invalid) must not constrain `b` against itself.
                let again = m.streams[2].steps[0].clone();
                m.streams[2].steps.push(again);
            })
            .build();
        let p = lanes(&map);
        // The empty stream takes no lane; the ghost takes no column.
        assert_eq!(at(&map, &p, "a"), (0.0, 0.0));
        assert_eq!(at(&map, &p, "b"), (0.0, LANE_GAP));
        assert_eq!(at(&map, &p, "c"), (COLUMN_GAP, LANE_GAP));
    }

    #[test]
    fn the_example_maps_have_no_overlapping_boxes() {
        for name in ["onboarding-current", "onboarding-proposed"] {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("assets/examples")
                .join(format!("{name}.vsmap.json"));
            let map = crate::io::load_file(&path).unwrap();
            let p = lanes(&map);
            assert_eq!(p.len(), map.services.len(), "{name}");
            assert_no_overlap_all_pairs(&p);
        }
    }

    #[test]
    fn a_large_map_is_laid_out_without_overlaps() {
        // The size the layout must handle quickly: 10,000 services and 300
        // streams of 3–12 steps, with heavy sharing through 40 hubs.
        let map = random_map(42, 10_000, 40, 300, 3_000);
        let start = std::time::Instant::now();
        let p = lanes(&map);
        let elapsed = start.elapsed();
        eprintln!("lanes() on 10,000 services / 300 streams: {elapsed:?}");
        assert_eq!(p.len(), 10_000);
        assert_no_overlap_sweep(&p);
    }

    #[test]
    fn a_tall_layout_is_folded_into_bands_near_a_window_s_shape() {
        let map = random_map(7, 5_000, 20, 400, 1_000);
        let p = lanes(&map);
        let (x0, x1, y0, y1) = bounds(&p).unwrap();
        let aspect = (x1 - x0 + BOX_WIDTH) / (y1 - y0 + BOX_HEIGHT);
        assert!((0.8..=3.2).contains(&aspect), "width / height {aspect}");
        assert_no_overlap_sweep(&p);
    }

    #[test]
    fn a_layout_near_a_window_s_shape_is_not_folded() {
        let mut p = vec![(0.0, 0.0), (COLUMN_GAP, 0.0), (0.0, LANE_GAP)];
        let before = p.clone();
        fold_into_bands(&mut p);
        assert_eq!(p, before);
        // Forty rows of one column: folded into bands side by side.
        let mut tall: Vec<(f64, f64)> = (0..40).map(|i| (0.0, f64::from(i) * LANE_GAP)).collect();
        fold_into_bands(&mut tall);
        let (x0, x1, y0, y1) = bounds(&tall).unwrap();
        assert!(x1 - x0 > 0.0 && y1 - y0 < 39.0 * LANE_GAP, "{tall:?}");
        assert_no_overlap_all_pairs(&tall);
        // Rows stay in order: top to bottom, then band by band.
        let order: Vec<usize> = {
            let mut o: Vec<usize> = (0..40).collect();
            o.sort_by(|&a, &b| {
                tall[a]
                    .0
                    .total_cmp(&tall[b].0)
                    .then(tall[a].1.total_cmp(&tall[b].1))
            });
            o
        };
        assert_eq!(order, (0..40).collect::<Vec<_>>());
    }
}
