//! Where a service a fix adds is drawn: near the services it serves, on a
//! spot no other service covers, so a drafted proposal reads without a
//! Tidy.

use crate::model::{Id, MAX_COORDINATE, Map};

/// How far apart two services' centres must be to not overlap (a box is
/// about 150 by 60, with a margin).
const CLEAR_X: f64 = 180.0;
const CLEAR_Y: f64 = 90.0;

/// A free spot near the centre of `near` (their display positions),
/// avoiding the map's services and `taken`; `None` when none of `near` is
/// drawn anywhere (then the editor places the service).
pub(super) fn free_spot_near(map: &Map, near: &[&Id], taken: &[(f64, f64)]) -> Option<(f64, f64)> {
    let positions = map.display_positions();
    let anchors: Vec<(f64, f64)> = near
        .iter()
        .filter_map(|id| map.services.iter().position(|s| &s.id == *id))
        .map(|i| positions[i])
        .collect();
    if anchors.is_empty() {
        return None;
    }
    let n = anchors.len() as f64;
    let centre = (
        anchors.iter().map(|p| p.0).sum::<f64>() / n,
        anchors.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let free = |p: (f64, f64)| {
        positions
            .iter()
            .chain(taken)
            .all(|q| (p.0 - q.0).abs() >= CLEAR_X || (p.1 - q.1).abs() >= CLEAR_Y)
    };
    // Rings of spots around the centre, nearest first: below, above, then
    // to the sides, so a new service sits in the flow it joins.
    for ring in 1..=12 {
        let r = ring as f64;
        let offsets = [
            (0.0, r * 110.0),
            (0.0, -r * 110.0),
            (r * 200.0, 0.0),
            (-r * 200.0, 0.0),
            (r * 200.0, r * 110.0),
            (-r * 200.0, r * 110.0),
            (r * 200.0, -r * 110.0),
            (-r * 200.0, -r * 110.0),
        ];
        for (dx, dy) in offsets {
            let p = ((centre.0 + dx).round(), (centre.1 + dy).round());
            if p.0.abs() <= MAX_COORDINATE && p.1.abs() <= MAX_COORDINATE && free(p) {
                return Some(p);
            }
        }
    }
    let below = (centre.0.round(), (centre.1 + 13.0 * 110.0).round());
    (below.1.abs() <= MAX_COORDINATE).then_some(below)
}
