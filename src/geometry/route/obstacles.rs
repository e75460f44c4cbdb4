//! A bucket grid of the service boxes, inflated by the routing margin: which
//! boxes a segment, a rectangle or a point meets, without looking at the
//! thousands of boxes far away.
//!
//! Cells are kept in a hash map keyed by cell coordinates, so that a map
//! spread over huge coordinates costs memory only where boxes are. A query
//! that would walk more cells than the grid holds walks the occupied cells
//! instead, so far-apart coordinates cannot make a query run for ever.

use rustc_hash::FxHashMap;

use crate::geometry::point::Point;
use crate::geometry::rect::Rect;

/// Side of a grid cell: a little more than a node, so a box sits in few cells.
const CELL: f64 = 256.0;
/// Most cells a box is listed in; larger boxes go in the `big` list.
const MAX_CELLS: i128 = 64;
/// How far inside a box's border a point must be to count as inside it:
/// routes may run along an inflated border.
const INSIDE: f64 = 1e-6;

/// The inflated boxes by grid cell.
#[derive(Debug, Clone, Default)]
pub(super) struct ObstacleIndex {
    /// The inflated box of each service, `None` for a box that is not finite
    /// or has no area (it obstructs nothing).
    boxes: Vec<Option<Rect>>,
    /// Service positions by cell.
    cells: FxHashMap<(i64, i64), Vec<u32>>,
    /// Services whose boxes cover too many cells to list in each: every
    /// query looks at them.
    big: Vec<u32>,
}

/// The cell holding a coordinate (saturating far out).
fn cell_of(v: f64) -> i64 {
    (v / CELL).floor() as i64
}

/// Whether `r` is a usable obstacle.
fn usable(r: &Rect) -> bool {
    r.is_finite() && r.is_positive()
}

impl ObstacleIndex {
    /// An index of `boxes` (already inflated).
    pub(super) fn new(boxes: &[Rect]) -> ObstacleIndex {
        let mut index = ObstacleIndex {
            boxes: vec![None; boxes.len()],
            cells: FxHashMap::default(),
            big: Vec::new(),
        };
        for (i, r) in boxes.iter().enumerate() {
            index.set(i, *r);
        }
        index
    }

    /// The inflated box of service `i`, if it obstructs.
    pub(super) fn get(&self, i: usize) -> Option<Rect> {
        self.boxes.get(i).copied().flatten()
    }

    /// Moves service `i`'s box to `r` (inflated).
    pub(super) fn set(&mut self, i: usize, r: Rect) {
        let id = i as u32;
        if let Some(old) = self.get(i) {
            self.big.retain(|&j| j != id);
            for key in cells_of(&old).into_iter().flatten() {
                if let Some(list) = self.cells.get_mut(&key) {
                    list.retain(|&j| j != id);
                    if list.is_empty() {
                        self.cells.remove(&key);
                    }
                }
            }
        }
        let Some(slot) = self.boxes.get_mut(i) else {
            return;
        };
        *slot = usable(&r).then_some(r);
        if slot.is_some() {
            match cells_of(&r) {
                Some(keys) => keys.for_each(|key| self.cells.entry(key).or_default().push(id)),
                None => self.big.push(id),
            }
        }
    }

    /// Calls `f` with every service whose box may meet `area` (each possibly
    /// more than once, in no particular order); stops when `f` returns true
    /// and returns whether it did.
    fn any_near(&self, area: &Rect, mut f: impl FnMut(usize, &Rect) -> bool) -> bool {
        if !area.is_finite() || area.is_empty() {
            return false;
        }
        let (x0, x1) = (cell_of(area.min.x), cell_of(area.max.x));
        let (y0, y1) = (cell_of(area.min.y), cell_of(area.max.y));
        let walk = (x1 as i128 - x0 as i128 + 1) * (y1 as i128 - y0 as i128 + 1);
        let mut visit = |list: &[u32]| {
            list.iter().any(|&j| {
                let j = j as usize;
                // Every listed service has a box (`set` lists only those).
                self.boxes[j].is_some_and(|b| f(j, &b))
            })
        };
        if visit(&self.big) {
            return true;
        }
        if walk > self.cells.len() as i128 {
            let (xs, ys) = (x0..=x1, y0..=y1);
            return self
                .cells
                .iter()
                .filter(|(k, _)| xs.contains(&k.0) && ys.contains(&k.1))
                .any(|(_, list)| visit(list));
        }
        (x0..=x1).any(|x| (y0..=y1).any(|y| self.cells.get(&(x, y)).is_some_and(|l| visit(l))))
    }

    /// Whether the open segment from `a` to `b` (axis-aligned) passes
    /// through the inside of a box other than those `ignore` names.
    pub(super) fn blocks(&self, a: Point, b: Point, ignore: &[usize]) -> bool {
        let seg = Rect::from_min_max(
            Point {
                x: a.x.min(b.x),
                y: a.y.min(b.y),
            },
            Point {
                x: a.x.max(b.x),
                y: a.y.max(b.y),
            },
        );
        self.any_near(&seg, |j, r| {
            !ignore.contains(&j)
                && seg.min.x < r.max.x - INSIDE
                && seg.max.x > r.min.x + INSIDE
                && seg.min.y < r.max.y - INSIDE
                && seg.max.y > r.min.y + INSIDE
        })
    }

    /// Whether `p` is inside a box other than those `ignore` names.
    pub(super) fn inside(&self, p: Point, ignore: &[usize]) -> bool {
        let at = Rect::from_min_max(p, p);
        self.any_near(&at, |j, r| !ignore.contains(&j) && strictly_inside(r, p))
    }

    /// The services whose boxes meet `area`, sorted.
    pub(super) fn within(&self, area: &Rect) -> Vec<usize> {
        let mut out = Vec::new();
        self.any_near(area, |j, r| {
            if r.min.x <= area.max.x
                && r.max.x >= area.min.x
                && r.min.y <= area.max.y
                && r.max.y >= area.min.y
            {
                out.push(j);
            }
            false
        });
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Whether `p` is inside `r`, not on its border.
pub(super) fn strictly_inside(r: &Rect, p: Point) -> bool {
    p.x > r.min.x + INSIDE
        && p.x < r.max.x - INSIDE
        && p.y > r.min.y + INSIDE
        && p.y < r.max.y - INSIDE
}

/// The cells a box covers, or `None` when they are too many to list.
fn cells_of(r: &Rect) -> Option<impl Iterator<Item = (i64, i64)>> {
    let (x0, x1) = (cell_of(r.min.x), cell_of(r.max.x));
    let (y0, y1) = (cell_of(r.min.y), cell_of(r.max.y));
    let count = (x1 as i128 - x0 as i128 + 1) * (y1 as i128 - y0 as i128 + 1);
    (count <= MAX_CELLS).then(|| (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::point::pt;

    #[test]
    fn segments_meet_boxes_inside_not_on_their_border() {
        let mut index = ObstacleIndex::new(&[
            Rect::from_min_max(pt(0.0, 0.0), pt(100.0, 50.0)),
            Rect::from_min_max(pt(1000.0, 0.0), pt(1100.0, 50.0)),
        ]);
        assert!(index.blocks(pt(-10.0, 20.0), pt(500.0, 20.0), &[]));
        assert!(!index.blocks(pt(-10.0, 20.0), pt(500.0, 20.0), &[0]));
        assert!(!index.blocks(pt(-10.0, 50.0), pt(500.0, 50.0), &[]));
        assert!(index.inside(pt(1050.0, 25.0), &[]));
        assert_eq!(
            index.within(&Rect::from_min_max(pt(50.0, 0.0), pt(1000.0, 1.0))),
            [0, 1]
        );
        index.set(0, Rect::from_min_max(pt(0.0, 500.0), pt(100.0, 550.0)));
        assert!(!index.blocks(pt(-10.0, 20.0), pt(500.0, 20.0), &[]));
        assert!(index.blocks(pt(50.0, 0.0), pt(50.0, 1e9), &[]));
    }

    #[test]
    fn far_apart_boxes_do_not_make_queries_walk_empty_cells() {
        let index = ObstacleIndex::new(&[
            Rect::from_min_max(pt(-1e300, 0.0), pt(-1e300 + 1e290, 50.0)),
            Rect::from_min_max(pt(1e300, 0.0), pt(1e300 + 1e290, 50.0)),
        ]);
        assert!(index.blocks(pt(-1e301, 20.0), pt(1e301, 20.0), &[]));
    }
}
