//! Team zones: the tinted, labelled area each team's services sit on, so
//! that ownership and every handoff across a team boundary read at a glance.
//!
//! A zone is the bounding box of the team's service boxes, padded on every
//! side and with a band at the top for its caption (the team's name and
//! Team Topologies type). A box rather than a tighter hull because the
//! layered layout keeps a team's services together in a band or cluster,
//! where the box is the shape a reader expects and where two teams' boxes
//! are disjoint when their clusters are at least [`ZONE_CLEARANCE`] apart.
//! When a user drags services so that zones overlap, the zones still come
//! out whole: the renderers draw them translucent, largest first, so both
//! tints and both captions stay visible. The canvas and the SVG export both
//! draw from here.

use std::collections::HashMap;

use super::point::{Point, pt};
use super::rect::Rect;
use crate::model::{Map, Team};

/// Space between a team's outermost service boxes and its zone's border.
pub const ZONE_PADDING: f64 = 24.0;
/// Extra height at the top of a zone that holds its caption.
pub const ZONE_LABEL_BAND: f64 = 20.0;
/// Where the caption starts, from the zone's top-left corner.
pub const ZONE_LABEL_INSET: Point = pt(10.0, 5.0);
/// The smallest gap between two teams' service boxes (horizontally, and
/// vertically where the lower team's caption band counts too) at which their
/// zones do not overlap: what a layout must leave between team clusters.
pub const ZONE_CLEARANCE: Point = pt(2.0 * ZONE_PADDING, 2.0 * ZONE_PADDING + ZONE_LABEL_BAND);

/// One team's zone.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    /// The team, by position in `map.teams`.
    pub team: usize,
    /// The area, in the same coordinates as the service boxes.
    pub rect: Rect,
    /// Top-left corner of the caption.
    pub label_at: Point,
}

/// The zones of the teams that own at least one service, in drawing order:
/// largest first, so that where zones overlap the smaller one lies on top;
/// ties in team order. `rects` are the service boxes by position in
/// `map.services`.
pub fn team_zones(map: &Map, rects: &[Rect]) -> Vec<Zone> {
    let teams: HashMap<&str, usize> = map
        .teams
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut bounds = vec![Rect::NOTHING; map.teams.len()];
    for (s, r) in map.services.iter().zip(rects) {
        if let Some(&t) = s.owner.as_ref().and_then(|o| teams.get(o.as_str())) {
            bounds[t].include_rect(r);
        }
    }
    let mut zones: Vec<Zone> = bounds
        .into_iter()
        .enumerate()
        .filter(|(_, b)| !b.is_empty() && b.is_finite())
        .map(|(team, b)| zone_around(team, &b))
        .collect();
    zones.sort_by(|a, b| {
        area(&b.rect)
            .total_cmp(&area(&a.rect))
            .then(a.team.cmp(&b.team))
    });
    zones
}

/// The zone of a team whose service boxes span `bounds`.
pub fn zone_around(team: usize, bounds: &Rect) -> Zone {
    let rect = Rect::from_min_max(
        pt(
            bounds.min.x - ZONE_PADDING,
            bounds.min.y - ZONE_PADDING - ZONE_LABEL_BAND,
        ),
        pt(bounds.max.x + ZONE_PADDING, bounds.max.y + ZONE_PADDING),
    );
    Zone {
        team,
        rect,
        label_at: rect.min + ZONE_LABEL_INSET,
    }
}

/// A zone's caption: the team's name and its Team Topologies type.
pub fn zone_caption(team: &Team) -> String {
    format!("{} · {}", team.name, team.team_type.label())
}

/// Whether two zones share more than a border.
pub fn zones_overlap(a: &Zone, b: &Zone) -> bool {
    a.rect.min.x < b.rect.max.x
        && b.rect.min.x < a.rect.max.x
        && a.rect.min.y < b.rect.max.y
        && b.rect.min.y < a.rect.max.y
}

fn area(r: &Rect) -> f64 {
    r.w() * r.h()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::{NODE_HEIGHT, NODE_WIDTH};
    use crate::model::test_map::MapBuilder;
    use crate::model::{ServiceKind, TeamType};

    fn boxes(map: &Map) -> Vec<Rect> {
        map.display_positions()
            .into_iter()
            .map(|(x, y)| Rect::around(pt(x, y), NODE_WIDTH, NODE_HEIGHT))
            .collect()
    }

    fn placed(map: &mut Map, at: &[(f64, f64)]) {
        for (s, &(x, y)) in map.services.iter_mut().zip(at) {
            s.x = Some(x);
            s.y = Some(y);
        }
    }

    #[test]
    fn a_zone_pads_its_services_and_holds_its_caption_at_the_top_left() {
        let mut map = MapBuilder::new()
            .team("t", TeamType::StreamAligned)
            .service("a", ServiceKind::Service, Some("t"))
            .service("b", ServiceKind::Service, Some("t"))
            .build();
        placed(&mut map, &[(0.0, 0.0), (300.0, 100.0)]);
        let zones = team_zones(&map, &boxes(&map));
        assert_eq!(zones.len(), 1);
        let z = &zones[0];
        let (hw, hh) = (NODE_WIDTH / 2.0, NODE_HEIGHT / 2.0);
        assert_eq!(z.rect.min.x, -hw - ZONE_PADDING);
        assert_eq!(z.rect.max.x, 300.0 + hw + ZONE_PADDING);
        assert_eq!(z.rect.max.y, 100.0 + hh + ZONE_PADDING);
        assert_eq!(z.rect.min.y, -hh - ZONE_PADDING - ZONE_LABEL_BAND);
        assert_eq!(z.label_at, z.rect.min + ZONE_LABEL_INSET);
        // The caption sits above the top row of boxes, inside the zone.
        assert!(z.label_at.y + 14.0 < -hh && z.rect.contains(z.label_at));
        assert_eq!(zone_caption(&map.teams[0]), "Team t · Stream-aligned");
    }

    #[test]
    fn clusters_apart_by_the_clearance_give_disjoint_zones() {
        let mut map = MapBuilder::new()
            .team("left", TeamType::StreamAligned)
            .team("right", TeamType::StreamAligned)
            .team("below", TeamType::StreamAligned)
            .service("a", ServiceKind::Service, Some("left"))
            .service("b", ServiceKind::Service, Some("left"))
            .service("c", ServiceKind::Service, Some("right"))
            .service("d", ServiceKind::Service, Some("below"))
            .build();
        let gap_x = NODE_WIDTH + ZONE_CLEARANCE.x;
        let gap_y = NODE_HEIGHT + ZONE_CLEARANCE.y;
        placed(
            &mut map,
            &[(0.0, 0.0), (0.0, 90.0), (gap_x, 0.0), (0.0, 90.0 + gap_y)],
        );
        let zones = team_zones(&map, &boxes(&map));
        assert_eq!(zones.len(), 3);
        for (i, a) in zones.iter().enumerate() {
            for b in &zones[i + 1..] {
                assert!(!zones_overlap(a, b), "{a:?} overlaps {b:?}");
            }
        }
        // A step closer, and they touch.
        placed(&mut map, &[(0.0, 0.0), (0.0, 90.0), (gap_x - 1.0, 0.0)]);
        let zones = team_zones(&map, &boxes(&map));
        let by_team = |t: usize| zones.iter().find(|z| z.team == t).unwrap();
        assert!(zones_overlap(by_team(0), by_team(1)));
    }

    #[test]
    fn unowned_services_and_teams_without_services_have_no_zone_and_order_is_by_size() {
        let mut map = MapBuilder::new()
            .team("big", TeamType::StreamAligned)
            .team("empty", TeamType::StreamAligned)
            .team("small", TeamType::StreamAligned)
            .service("a", ServiceKind::Service, Some("small"))
            .service("b", ServiceKind::Service, Some("big"))
            .service("c", ServiceKind::Service, Some("big"))
            .service("d", ServiceKind::Service, None)
            .build();
        placed(
            &mut map,
            &[(100.0, 100.0), (0.0, 0.0), (400.0, 300.0), (900.0, 900.0)],
        );
        let zones = team_zones(&map, &boxes(&map));
        let teams: Vec<&str> = zones
            .iter()
            .map(|z| map.teams[z.team].id.as_str())
            .collect();
        // Overlapping zones both come out, the larger first (drawn below).
        assert_eq!(teams, ["big", "small"]);
        assert!(zones_overlap(&zones[0], &zones[1]));
        assert_eq!(team_zones(&map, &boxes(&map)), zones);
    }
}
