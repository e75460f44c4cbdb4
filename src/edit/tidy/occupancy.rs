//! What is already on the map when services are placed one by one: the
//! boxes (in a grid of cells, so a check looks at a few cells rather than
//! every service) and each team's zone, and the search for the free spot
//! nearest to where a service would like to be.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::footprint::{SERVICES, ZONE_PADDING};
use crate::geometry::{Rect, pt};

/// Side of a grid cell: about a box and its gaps.
const CELL: f64 = 200.0;
/// Horizontal gap kept between a placed box and any other.
const SIDE_GAP: f64 = 30.0;
/// Steps of the search, across and down: spots tried are on a grid this fine.
const STEP: (f64, f64) = (40.0, 25.0);
/// Rings of the search after which a spot that would make team zones overlap
/// is taken anyway (a zone hemmed in by others cannot grow without).
const ZONE_RINGS: i64 = 24;

/// The boxes and zones placed so far.
#[derive(Debug, Default)]
pub(super) struct Occupancy {
    /// Each box grown by half the gaps, so two grown boxes that do not
    /// overlap are a gap apart.
    boxes: Vec<Rect>,
    /// Indices into `boxes` by the cells each grown box touches. Only looked
    /// up, never iterated, so its order cannot leak.
    cells: FxHashMap<(i64, i64), Vec<usize>>,
    /// Each team's services' bounding box, by owner id.
    teams: BTreeMap<String, Rect>,
}

/// A box grown by half the gaps kept around it.
fn grown(center: (f64, f64), size: (f64, f64)) -> Rect {
    Rect::around(
        pt(center.0, center.1),
        size.0 + SIDE_GAP,
        size.1 + SERVICES.box_gap,
    )
}

/// The cells a rectangle touches.
fn cells_of(r: &Rect) -> impl Iterator<Item = (i64, i64)> {
    // `as` saturates; positions are far inside i64.
    let (x0, x1) = (
        (r.min.x / CELL).floor() as i64,
        (r.max.x / CELL).floor() as i64,
    );
    let (y0, y1) = (
        (r.min.y / CELL).floor() as i64,
        (r.max.y / CELL).floor() as i64,
    );
    (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
}

/// A zone: a team's services' bounding box plus the zone padding.
fn zone(r: &Rect) -> Rect {
    r.shrink(-ZONE_PADDING)
}

impl Occupancy {
    /// Records a box of `size` at `center`, owned by `owner`.
    pub fn add(&mut self, center: (f64, f64), size: (f64, f64), owner: Option<&str>) {
        let r = grown(center, size);
        let k = self.boxes.len();
        for cell in cells_of(&r) {
            self.cells.entry(cell).or_default().push(k);
        }
        self.boxes.push(r);
        if let Some(owner) = owner {
            self.teams
                .entry(owner.to_string())
                .or_insert(Rect::NOTHING)
                .include_rect(&Rect::around(pt(center.0, center.1), size.0, size.1));
        }
    }

    /// Whether a box of `size` at `center` keeps its gaps to every box.
    pub fn is_free(&self, center: (f64, f64), size: (f64, f64)) -> bool {
        let r = grown(center, size);
        cells_of(&r).all(|cell| {
            self.cells
                .get(&cell)
                .is_none_or(|ks| ks.iter().all(|&k| !self.boxes[k].overlaps(&r)))
        })
    }

    /// Whether a box of `owner` at `center` lets zones stay apart: no zone
    /// of another team newly overlaps the owner's zone grown to hold it, or,
    /// for a service of no team, the box itself.
    fn keeps_zones(&self, center: (f64, f64), size: (f64, f64), owner: Option<&str>) -> bool {
        let this = Rect::around(pt(center.0, center.1), size.0, size.1);
        let (before, after) = match owner {
            Some(owner) => {
                let before = self.teams.get(owner).map(zone);
                let mut grown = self.teams.get(owner).copied().unwrap_or(Rect::NOTHING);
                grown.include_rect(&this);
                (before, zone(&grown))
            }
            None => (None, this),
        };
        self.teams
            .iter()
            .filter(|(team, _)| Some(team.as_str()) != owner)
            .all(|(_, r)| {
                let other = zone(r);
                !after.overlaps(&other) || before.is_some_and(|b| b.overlaps(&other))
            })
    }

    /// The free spot nearest `wanted` (on a grid of steps around it) for a
    /// box of `size` owned by `owner`: one that keeps its gaps and, if one is
    /// near, keeps team zones apart.
    pub fn nearest_free(
        &self,
        wanted: (f64, f64),
        size: (f64, f64),
        owner: Option<&str>,
    ) -> (f64, f64) {
        // Ends: finitely many boxes are recorded, so some ring lies beyond
        // all of them and every spot on it is free.
        for ring in 0_i64.. {
            let zones = ring < ZONE_RINGS;
            let mut best: Option<(f64, (f64, f64))> = None;
            for (i, j) in ring_steps(ring) {
                let spot = (wanted.0 + i as f64 * STEP.0, wanted.1 + j as f64 * STEP.1);
                let d = (spot.0 - wanted.0).hypot(spot.1 - wanted.1);
                if best.is_some_and(|(b, _)| b <= d) {
                    continue;
                }
                if self.is_free(spot, size) && (!zones || self.keeps_zones(spot, size, owner)) {
                    best = Some((d, spot));
                }
            }
            if let Some((_, spot)) = best {
                return spot;
            }
        }
        wanted
    }
}

/// The grid steps at distance `ring` (in the maximum norm) from the center,
/// in a fixed order.
pub(super) fn ring_steps(ring: i64) -> impl Iterator<Item = (i64, i64)> {
    (-ring..=ring).flat_map(move |i| {
        (-ring..=ring)
            .filter(move |&j| i.abs() == ring || j.abs() == ring)
            .map(move |j| (i, j))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_spot_sends_the_next_box_to_the_nearest_free_one() {
        let mut o = Occupancy::default();
        o.add((0.0, 0.0), (150.0, 60.0), Some("a"));
        assert!(!o.is_free((10.0, 10.0), (150.0, 60.0)));
        let spot = o.nearest_free((0.0, 0.0), (150.0, 60.0), Some("a"));
        assert!(o.is_free(spot, (150.0, 60.0)));
        assert!(spot.1.abs() >= 100.0 || spot.0.abs() >= 180.0, "{spot:?}");
    }

    #[test]
    fn a_box_of_another_team_stays_out_of_a_zone() {
        let mut o = Occupancy::default();
        o.add((0.0, 0.0), (150.0, 60.0), Some("a"));
        o.add((0.0, 200.0), (150.0, 60.0), Some("a"));
        // Free of boxes, but inside team a's zone.
        assert!(o.is_free((0.0, 100.0), (150.0, 60.0)));
        let spot = o.nearest_free((0.0, 100.0), (150.0, 60.0), Some("b"));
        assert!(o.keeps_zones(spot, (150.0, 60.0), Some("b")));
        assert_ne!(spot, (0.0, 100.0));
    }
}
