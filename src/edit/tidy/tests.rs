//! Tidy on hand-made and generated maps: flows left to right, teams apart,
//! nothing overlapping, pinned services kept, the same bytes every time.

use super::*;
use crate::generate::{GenerateOptions, generate};
use crate::model::test_map::MapBuilder;
use crate::model::{Map, Service};

/// Whether two services' boxes at these centers share an area.
pub(super) fn boxes_overlap(a: &Service, pa: (f64, f64), b: &Service, pb: (f64, f64)) -> bool {
    let ((wa, ha), (wb, hb)) = (box_size(a), box_size(b));
    (pa.0 - pb.0).abs() < (wa + wb) / 2.0 && (pa.1 - pb.1).abs() < (ha + hb) / 2.0
}

/// Pairs of services (by index) whose boxes overlap, among pairs where `a`
/// is one of `which`; sweeps by x so big maps are cheap.
pub(super) fn overlapping(map: &Map, at: &[(f64, f64)], which: &[bool]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..at.len()).collect();
    order.sort_by(|&a, &b| at[a].0.total_cmp(&at[b].0));
    let widest = map
        .services
        .iter()
        .map(|s| box_size(s).0)
        .fold(0.0, f64::max);
    let mut out = Vec::new();
    for (k, &i) in order.iter().enumerate() {
        for &j in &order[k + 1..] {
            if at[j].0 - at[i].0 >= widest {
                break;
            }
            if (which[i] || which[j])
                && boxes_overlap(&map.services[i], at[i], &map.services[j], at[j])
            {
                out.push((i.min(j), i.max(j)));
            }
        }
    }
    out
}

/// Each team's zone: its services' bounding box plus the padding.
pub(super) fn zones(map: &Map, at: &[(f64, f64)]) -> Vec<(String, [f64; 4])> {
    let mut by: std::collections::BTreeMap<String, [f64; 4]> = Default::default();
    for (s, &(x, y)) in map.services.iter().zip(at) {
        if let Some(o) = &s.owner {
            let (w, h) = box_size(s);
            let z = by.entry(o.to_string()).or_insert([
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ]);
            z[0] = z[0].min(x - w / 2.0 - ZONE_PADDING);
            z[1] = z[1].min(y - h / 2.0 - ZONE_PADDING);
            z[2] = z[2].max(x + w / 2.0 + ZONE_PADDING);
            z[3] = z[3].max(y + h / 2.0 + ZONE_PADDING);
        }
    }
    by.into_iter().collect()
}

/// Pairs of teams whose zones overlap.
pub(super) fn overlapping_zones(map: &Map, at: &[(f64, f64)]) -> Vec<(String, String)> {
    let z = zones(map, at);
    let mut out = Vec::new();
    for (i, (a, ra)) in z.iter().enumerate() {
        for (b, rb) in &z[i + 1..] {
            if ra[0] < rb[2] && rb[0] < ra[2] && ra[1] < rb[3] && rb[1] < ra[3] {
                out.push((a.clone(), b.clone()));
            }
        }
    }
    out
}

/// Services of one team `t`, with sync calls between them.
fn one_team(ids: &[&str], calls: &[(&str, &str)]) -> Map {
    let mut b = MapBuilder::new().sa("t");
    for id in ids {
        b = b.svc(id, "t");
    }
    for (from, to) in calls {
        b = b.link(from, to, crate::model::LinkKind::Sync);
    }
    b.build()
}

fn pos(map: &Map, at: &[(f64, f64)], id: &str) -> (f64, f64) {
    at[map.services.iter().position(|s| s.id == id).unwrap()]
}

fn aspect(map: &Map, at: &[(f64, f64)]) -> f64 {
    let mut b = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for (s, &(x, y)) in map.services.iter().zip(at) {
        let (w, h) = box_size(s);
        b = [
            b[0].min(x - w / 2.0),
            b[1].min(y - h / 2.0),
            b[2].max(x + w / 2.0),
            b[3].max(y + h / 2.0),
        ];
    }
    (b[2] - b[0]) / (b[3] - b[1])
}

#[test]
fn a_chain_reads_left_to_right_on_one_line() {
    let map = one_team(&["a", "b", "c"], &[("c", "b"), ("b", "a")]);
    let at = tidy(&map, Scope::All);
    let (a, b, c) = (
        pos(&map, &at, "a"),
        pos(&map, &at, "b"),
        pos(&map, &at, "c"),
    );
    assert!(c.0 < b.0 && b.0 < a.0, "{at:?}");
    assert!(a.1 == b.1 && b.1 == c.1, "straight: {at:?}");
}

#[test]
fn a_stream_beats_a_call_against_it() {
    let map = MapBuilder::new()
        .sa("t")
        .svc("a", "t")
        .svc("b", "t")
        .link("b", "a", crate::model::LinkKind::Sync)
        .stream("s", Some("t"), &["a", "b"])
        .build();
    let at = tidy(&map, Scope::All);
    assert!(pos(&map, &at, "a").0 < pos(&map, &at, "b").0, "{at:?}");
}

#[test]
fn teams_sit_in_clusters_whose_zones_do_not_overlap() {
    let map = generate(&GenerateOptions::with_services(400));
    let at = tidy(&map, Scope::All);
    assert_eq!(overlapping(&map, &at, &vec![true; at.len()]), []);
    assert_eq!(overlapping_zones(&map, &at), Vec::<(String, String)>::new());
}

#[test]
fn the_examples_come_out_without_overlaps() {
    for name in ["onboarding-current", "onboarding-proposed"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/examples")
            .join(format!("{name}.vsmap.json"));
        let map = crate::io::load_file(&path).unwrap();
        let at = tidy(&map, Scope::All);
        assert_eq!(overlapping(&map, &at, &vec![true; at.len()]), [], "{name}");
        assert_eq!(
            overlapping_zones(&map, &at),
            Vec::<(String, String)>::new(),
            "{name}"
        );
        // A placed map is left alone by a plain tidy.
        let kept = tidy(&map, Scope::Unplaced);
        let before: Vec<(f64, f64)> = map
            .services
            .iter()
            .map(|s| (s.x.unwrap(), s.y.unwrap()))
            .collect();
        assert_eq!(kept, before, "{name}");
    }
}

#[test]
fn the_same_map_gives_the_same_bytes() {
    let map = generate(&GenerateOptions::with_services(300));
    let mut a = map.clone();
    let mut b = map.clone();
    tidy_map(&mut a, Scope::All);
    tidy_map(&mut b, Scope::All);
    assert_eq!(
        crate::io::to_canonical_json(&a),
        crate::io::to_canonical_json(&b)
    );
    // And tidying a tidy map changes nothing.
    assert_eq!(tidy_map(&mut a, Scope::All), 0);
}

#[test]
fn a_big_organisation_is_a_block_not_a_sliver() {
    let map = generate(&GenerateOptions::with_services(5_000));
    let at = tidy(&map, Scope::All);
    let ratio = aspect(&map, &at);
    assert!((0.5..=3.0).contains(&ratio), "aspect {ratio}");
    assert_eq!(overlapping(&map, &at, &vec![true; at.len()]), []);
}

#[test]
fn unconnected_services_make_a_grid_not_a_row() {
    let mut b = MapBuilder::new();
    for i in 0..60 {
        b = b.service(
            &format!("s{i:02}"),
            crate::model::ServiceKind::Service,
            None,
        );
    }
    let map = b.build();
    let at = tidy(&map, Scope::All);
    let ratio = aspect(&map, &at);
    assert!((0.5..=3.0).contains(&ratio), "aspect {ratio}");
}

#[test]
fn stacked_services_are_spread_and_the_first_keeps_its_point() {
    let mut map = MapBuilder::new()
        .sa("t")
        .svc("a", "t")
        .svc("b", "t")
        .svc("c", "t")
        .svc("d", "t")
        .link("a", "b", crate::model::LinkKind::Sync)
        .build();
    for s in &mut map.services {
        s.x = Some(0.0);
        s.y = Some(0.0);
    }
    let at = tidy(&map, Scope::Unplaced);
    assert_eq!(pos(&map, &at, "a"), (0.0, 0.0));
    assert_eq!(overlapping(&map, &at, &vec![true; at.len()]), []);
    // b is linked to a, so it goes right of it.
    assert!(pos(&map, &at, "b").0 > 0.0, "{at:?}");
}

#[test]
fn a_new_service_is_placed_next_to_what_it_calls_and_the_rest_stays() {
    let mut map = one_team(&["a", "b", "new"], &[("a", "b"), ("b", "new")]);
    tidy_map(&mut map, Scope::All);
    let before: Vec<_> = map.services.iter().map(|s| (s.x, s.y)).collect();
    let i = map.services.iter().position(|s| s.id == "new").unwrap();
    map.services[i].x = None;
    map.services[i].y = None;
    let at = tidy(&map, Scope::Unplaced);
    for (k, s) in map.services.iter().enumerate() {
        if k != i {
            assert_eq!((s.x, s.y), before[k]);
            assert_eq!(Some(at[k]), s.x.zip(s.y));
        }
    }
    assert!(at[i].0 > pos(&map, &at, "b").0, "{at:?}");
    assert_eq!(overlapping(&map, &at, &vec![true; at.len()]), []);
}

#[test]
fn free_spots_and_offsets_overlap_nothing() {
    let mut map = generate(&GenerateOptions::with_services(60));
    tidy_map(&mut map, Scope::All);
    let taken = (map.services[0].x.unwrap(), map.services[0].y.unwrap());
    let mut new = map.services[0].clone();
    new.id = crate::model::Id::new("brand-new").unwrap();
    let spot = free_spot(&map, &new, taken);
    new.x = Some(spot.0);
    new.y = Some(spot.1);
    map.services.push(new);
    let at: Vec<_> = map
        .services
        .iter()
        .map(|s| (s.x.unwrap(), s.y.unwrap()))
        .collect();
    let mut which = vec![false; at.len()];
    which[at.len() - 1] = true;
    assert_eq!(overlapping(&map, &at, &which), []);

    let boxes: Vec<_> = map.services[..3]
        .iter()
        .map(|s| ((s.x.unwrap(), s.y.unwrap()), box_size(s)))
        .collect();
    let (dx, dy) = free_offset(&map, &boxes, (40.0, 40.0));
    for ((x, y), size) in &boxes {
        let moved = (x + dx, y + dy);
        for (s, &p) in map.services.iter().zip(&at) {
            let (w, h) = box_size(s);
            assert!(
                (moved.0 - p.0).abs() >= (w + size.0) / 2.0
                    || (moved.1 - p.1).abs() >= (h + size.1) / 2.0
            );
        }
    }
}
