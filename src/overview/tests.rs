//! Tests of the team overview: blocks, arrows and their wording.

use super::*;
use crate::analysis::TeamGraph;
use crate::geometry::{Point, Rect, node_rect, pt};
use crate::model::Map;
use crate::model::test_map::MapBuilder;
use crate::model::{LinkKind, ServiceKind};

/// Two stream-aligned teams and a platform: web (team a) calls api (b),
/// which publishes to ledger (c); a stream runs web → api → ledger.
fn three_teams() -> Map {
    MapBuilder::new()
        .sa("a")
        .sa("b")
        .platform("c")
        .svc("web", "a")
        .svc("web2", "a")
        .svc("api", "b")
        .svc("ledger", "c")
        .service("lost", ServiceKind::Service, None)
        .link("web", "api", LinkKind::Sync)
        .link("web2", "api", LinkKind::Sync)
        .link("api", "ledger", LinkKind::Event)
        .link("ledger", "lost", LinkKind::Data)
        .stream("s", None, &["web", "api", "ledger"])
        .build()
}

fn rects_at(map: &Map, centers: &[(f64, f64)]) -> Vec<Rect> {
    map.services
        .iter()
        .zip(centers)
        .map(|(s, &(x, y))| node_rect(s.kind, &s.name, pt(x, y)))
        .collect()
}

#[test]
fn at_zones_gives_each_owning_team_its_zone_and_arrows_between_borders() {
    let map = three_teams();
    let centers = [
        (0.0, 0.0),
        (0.0, 150.0),
        (400.0, 0.0),
        (800.0, 0.0),
        (800.0, 400.0),
    ];
    let rects = rects_at(&map, &centers);
    let o = TeamOverview::at_zones(&map, &rects, &[]);
    // Teams a, b, c own services; the unowned service gets no block.
    assert_eq!(
        o.blocks.iter().map(|b| b.node).collect::<Vec<_>>(),
        vec![0, 1, 2]
    );
    // a's block holds both its services.
    assert!(o.blocks[0].rect.contains(pt(0.0, 0.0)));
    assert!(o.blocks[0].rect.contains(pt(0.0, 150.0)));
    // a -> b and b -> c have arrows; c -> unowned has none (no block).
    let ends: Vec<(usize, usize)> = o
        .arrows
        .iter()
        .map(|a| (o.graph.edges[a.edge].from, o.graph.edges[a.edge].to))
        .collect();
    assert_eq!(ends, vec![(0, 1), (1, 2)]);
    // Each arrow starts on its source's border and ends on its target's.
    for a in &o.arrows {
        let e = &o.graph.edges[a.edge];
        let (from, to) = (&o.blocks[e.from].rect, &o.blocks[e.to].rect);
        let (p, q) = (a.points[0], a.points[a.points.len() - 1]);
        assert!(on_border(from, p), "{p:?} not on {from:?}");
        assert!(on_border(to, q), "{q:?} not on {to:?}");
    }
}

fn on_border(r: &Rect, q: Point) -> bool {
    let near = |a: f64, b: f64| (a - b).abs() < 1e-6;
    let inside_x = q.x >= r.min.x - 1e-6 && q.x <= r.max.x + 1e-6;
    let inside_y = q.y >= r.min.y - 1e-6 && q.y <= r.max.y + 1e-6;
    (inside_x && (near(q.y, r.min.y) || near(q.y, r.max.y)))
        || (inside_y && (near(q.x, r.min.x) || near(q.x, r.max.x)))
}

#[test]
fn wording_of_blocks_and_arrows() {
    let map = three_teams();
    let o = TeamOverview::laid_out(&map, &[]);
    assert_eq!(o.title(&map, 0), map.teams[0].name);
    assert_eq!(o.subtitle(&map, 0), "Stream-aligned · 2 services");
    assert_eq!(o.title(&map, 3), TeamGraph::UNOWNED);
    assert_eq!(o.subtitle(&map, 3), "1 service");
    let ab = o
        .graph
        .edges
        .iter()
        .position(|e| (e.from, e.to) == (0, 1))
        .unwrap();
    assert_eq!(o.arrow_label(ab), "2 sync · 1 handoff");
    let bc = o
        .graph
        .edges
        .iter()
        .position(|e| (e.from, e.to) == (1, 2))
        .unwrap();
    assert_eq!(o.arrow_label(bc), "1 event · 1 handoff");
}

#[test]
fn laid_out_reads_left_to_right_without_overlaps() {
    let map = three_teams();
    let o = TeamOverview::laid_out(&map, &[]);
    assert_eq!(o.blocks.len(), 4, "every node, the unowned one too");
    for (i, a) in o.blocks.iter().enumerate() {
        for b in &o.blocks[i + 1..] {
            let apart = a.rect.max.x <= b.rect.min.x
                || b.rect.max.x <= a.rect.min.x
                || a.rect.max.y <= b.rect.min.y
                || b.rect.max.y <= a.rect.min.y;
            assert!(apart, "{a:?} overlaps {b:?}");
        }
    }
    // The stream and the calls go a -> b -> c -> the unowned service: four
    // columns, set in two rows to fit a window, read row by row.
    let at = |n: usize| o.blocks[n].rect.center();
    assert!(at(0).x < at(1).x && at(0).y == at(1).y, "{:?}", o.blocks);
    assert!(at(2).x < at(3).x && at(2).y == at(3).y, "{:?}", o.blocks);
    assert!(at(1).y < at(2).y, "{:?}", o.blocks);
    // One routed arrow per edge, none through a block it does not join.
    assert_eq!(o.arrows.len(), o.graph.edges.len());
    for a in &o.arrows {
        let e = &o.graph.edges[a.edge];
        for b in &o.blocks {
            if b.node == e.from || b.node == e.to {
                continue;
            }
            let inner = b.rect.shrink(1.0);
            for w in a.points.windows(2) {
                assert!(
                    !segment_meets(&inner, w[0], w[1]),
                    "arrow {:?} crosses block {}",
                    a.points,
                    b.node
                );
            }
        }
    }
}

/// Whether the segment p-q meets `r` (sampled finely: routes are short).
fn segment_meets(r: &Rect, p: Point, q: Point) -> bool {
    (0..=200).any(|i| {
        let t = f64::from(i) / 200.0;
        r.contains(pt(p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t))
    })
}

#[test]
fn laid_out_is_deterministic() {
    let map = three_teams();
    assert_eq!(
        TeamOverview::laid_out(&map, &[]),
        TeamOverview::laid_out(&map, &[])
    );
}

#[test]
fn straight_between_overlapping_blocks_is_none() {
    let a = Rect::around(pt(0.0, 0.0), 100.0, 100.0);
    let b = Rect::around(pt(20.0, 0.0), 100.0, 100.0);
    assert_eq!(straight_between(&a, &b), None);
    let c = Rect::around(pt(300.0, 0.0), 100.0, 100.0);
    assert_eq!(
        straight_between(&a, &c),
        Some(vec![pt(50.0, 0.0), pt(250.0, 0.0)])
    );
}

#[test]
fn block_at_finds_the_block_under_a_point() {
    let map = three_teams();
    let o = TeamOverview::laid_out(&map, &[]);
    let c = o.blocks[2].rect.center();
    assert_eq!(o.block_at(c).map(|b| b.node), Some(2));
    let far = pt(o.bounds().max.x + 100.0, 0.0);
    assert_eq!(o.block_at(far), None);
}
