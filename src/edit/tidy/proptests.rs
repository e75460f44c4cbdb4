//! Property tests over random maps: after a tidy no two boxes overlap and no
//! two team zones do; after a plain tidy every service that had a place
//! (and was not stacked on another's) still has it, and the services placed
//! overlap nothing.

use proptest::prelude::*;

use super::tests::{overlapping, overlapping_zones};
use super::*;
use crate::model::{Id, Link, LinkKind, Map, Service, ServiceKind, Step, Stream, Team, TeamType};

/// A random map: services with an owner among a few teams (or none) and a
/// position (or none, or a point shared with others), random links and a
/// stream or two.
fn maps() -> impl Strategy<Value = Map> {
    let service = (
        prop::option::weighted(0.8, 0..4_usize),
        prop::option::weighted(0.6, (0..12_i32, 0..12_i32)),
    );
    (
        prop::collection::vec(service, 1..30),
        prop::collection::vec((0..30_usize, 0..30_usize, 0..3_usize), 0..50),
        prop::collection::vec(prop::collection::vec(0..30_usize, 0..6), 0..3),
    )
        .prop_map(|(services, links, streams)| {
            let n = services.len();
            let id = |i: usize| Id::new(format!("s{i:02}")).unwrap();
            Map {
                teams: (0..4)
                    .map(|t| Team {
                        id: Id::new(format!("t{t}")).unwrap(),
                        name: format!("Team {t}"),
                        team_type: TeamType::StreamAligned,
                        members: None,
                        color: None,
                    })
                    .collect(),
                services: services
                    .iter()
                    .enumerate()
                    .map(|(i, (owner, at))| Service {
                        id: id(i),
                        name: format!("S {i}"),
                        kind: ServiceKind::Service,
                        owner: owner.map(|t| Id::new(format!("t{t}")).unwrap()),
                        // Coarse points, so stacks and overlaps happen.
                        x: at.map(|(x, _)| f64::from(x) * 100.0),
                        y: at.map(|(_, y)| f64::from(y) * 50.0),
                        description: String::new(),
                    })
                    .collect(),
                links: links
                    .iter()
                    .filter(|(a, b, _)| a % n != b % n)
                    .map(|&(a, b, k)| Link {
                        from: id(a % n),
                        to: id(b % n),
                        kind: LinkKind::ALL[k],
                        label: String::new(),
                    })
                    .collect(),
                streams: streams
                    .iter()
                    .enumerate()
                    .map(|(k, steps)| Stream {
                        id: Id::new(format!("flow{k}")).unwrap(),
                        name: format!("Flow {k}"),
                        owner: None,
                        customer: String::new(),
                        description: String::new(),
                        color: None,
                        steps: steps
                            .iter()
                            .map(|&s| Step {
                                service: id(s % n),
                                stage: String::new(),
                                work: None,
                                wait: None,
                                complete_accurate: None,
                            })
                            .collect(),
                    })
                    .collect(),
                ..Map::default()
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn tidy_all_overlaps_nothing_and_keeps_zones_apart(map in maps()) {
        let at = tidy(&map, Scope::All);
        prop_assert_eq!(at.len(), map.services.len());
        prop_assert_eq!(overlapping(&map, &at, &vec![true; at.len()]), vec![]);
        prop_assert_eq!(overlapping_zones(&map, &at), Vec::<(String, String)>::new());
        prop_assert_eq!(&at, &tidy(&map, Scope::All));
    }

    #[test]
    fn a_plain_tidy_keeps_the_pinned_and_places_the_rest_clear(map in maps()) {
        let at = tidy(&map, Scope::Unplaced);
        let mut seen = std::collections::BTreeSet::new();
        let mut moved = vec![false; at.len()];
        for (i, s) in map.services.iter().enumerate() {
            match (s.x, s.y) {
                // Ids are in order, so the first at a point is the first by id.
                (Some(x), Some(y)) if seen.insert((x as i64, y as i64)) => {
                    prop_assert_eq!(at[i], (x, y));
                }
                _ => moved[i] = true,
            }
        }
        prop_assert_eq!(overlapping(&map, &at, &moved), vec![]);
    }
}
