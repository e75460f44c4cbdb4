//! Properties of the router on random maps: no route crosses a box that is
//! not one of its ends, routes start and end on their boxes' borders, an
//! incremental update gives exactly the routes of a fresh start, and odd
//! input (self-links, overlapping or non-finite boxes) does not panic.

use proptest::prelude::*;

use super::*;
use crate::geometry::point::{Point, pt};
use crate::geometry::rect::Rect;
use crate::model::ServiceKind;

const KINDS: [ServiceKind; 7] = [
    ServiceKind::Service,
    ServiceKind::Frontend,
    ServiceKind::Gateway,
    ServiceKind::Datastore,
    ServiceKind::Legacy,
    ServiceKind::External,
    ServiceKind::Acl,
];

/// Boxes on a jittered grid of cells, never closer than 40 to each other.
fn boxes(cells: &[(u8, u8, u8)], cols: usize) -> Vec<RouteBox> {
    let mut taken = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for (i, &(jx, jy, k)) in cells.iter().enumerate() {
        let slot = (i * 7 + usize::from(jx) * 3) % (cols * cols * 2);
        if !taken.insert(slot) {
            continue;
        }
        let (cx, cy) = ((slot % cols) as f64, (slot / cols) as f64);
        let min = pt(
            cx * 230.0 + f64::from(jx % 40),
            cy * 140.0 + f64::from(jy % 40),
        );
        out.push(RouteBox {
            rect: Rect::from_min_size(min, 150.0, 60.0),
            kind: KINDS[usize::from(k) % KINDS.len()],
        });
    }
    out
}

fn links(pairs: &[(u8, u8)], n: usize) -> Vec<RouteLink> {
    pairs
        .iter()
        .map(|&(a, b)| RouteLink {
            from: usize::from(a) % n,
            to: usize::from(b) % n,
        })
        .collect()
}

/// Whether the segment from `a` to `b` goes through the inside of `r`.
fn crosses(a: Point, b: Point, r: &Rect) -> bool {
    let e = 0.5;
    a.x.min(b.x) < r.max.x - e
        && a.x.max(b.x) > r.min.x + e
        && a.y.min(b.y) < r.max.y - e
        && a.y.max(b.y) > r.min.y + e
}

fn on_border(q: Point, r: &Rect) -> bool {
    r.shrink(-0.01).contains(q) && !r.shrink(0.01).contains(q)
}

fn check_routes(router: &Router, boxes: &[RouteBox], links: &[RouteLink]) {
    for (l, (route, link)) in router.routes().zip(links).enumerate() {
        let pts = &route.points;
        assert!(pts.len() >= 2, "link {l} has a route");
        for w in pts.windows(2) {
            assert!(
                w[0].x == w[1].x || w[0].y == w[1].y,
                "link {l} is orthogonal"
            );
            for (j, b) in boxes.iter().enumerate() {
                if j != link.from && j != link.to {
                    assert!(
                        !crosses(w[0], w[1], &b.rect),
                        "link {l} crosses box {j}: {pts:?}"
                    );
                }
            }
        }
        let (first, last) = (pts[0], pts[pts.len() - 1]);
        let (a, b) = (&boxes[link.from].rect, &boxes[link.to].rect);
        assert!(
            a.contains(first) && b.contains(last),
            "link {l} ends on its boxes: {pts:?} from {a:?} to {b:?}"
        );
        if boxes[link.to].kind != ServiceKind::Gateway && boxes[link.to].kind != ServiceKind::Acl {
            assert!(on_border(last, b) || boxes[link.to].kind == ServiceKind::Datastore);
        }
        let tail = (last - pts[pts.len() - 2]).len();
        assert!(
            tail >= ROUTE_MARGIN - 1e-9,
            "link {l} ends in a straight run"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn routes_avoid_every_box_but_their_ends(
        cells in prop::collection::vec((any::<u8>(), any::<u8>(), any::<u8>()), 2..40),
        pairs in prop::collection::vec((any::<u8>(), any::<u8>()), 0..80),
    ) {
        let boxes = boxes(&cells, 6);
        let links = links(&pairs, boxes.len());
        let router = Router::new(&boxes, &links);
        check_routes(&router, &boxes, &links);
        let again = Router::new(&boxes, &links);
        prop_assert!(router.routes().eq(again.routes()));
    }

    #[test]
    fn an_update_equals_routing_afresh(
        cells in prop::collection::vec((any::<u8>(), any::<u8>(), any::<u8>()), 2..40),
        pairs in prop::collection::vec((any::<u8>(), any::<u8>()), 0..80),
        moves in prop::collection::vec((any::<u8>(), -900.0..900.0f64, -600.0..600.0f64, any::<bool>()), 1..4),
    ) {
        let boxes = boxes(&cells, 6);
        let links = links(&pairs, boxes.len());
        let mut router = Router::new(&boxes, &links);
        let mut moved = boxes.clone();
        for &(s, dx, dy, grow) in &moves {
            let b = &mut moved[usize::from(s) % boxes.len()];
            b.rect = Rect::from_min_size(
                b.rect.min + pt(dx, dy),
                b.rect.w(),
                if grow { b.rect.h() + 30.0 } else { b.rect.h() },
            );
            router.update(&moved);
            let fresh = Router::new(&moved, &links);
            for (l, (a, b)) in router.routes().zip(fresh.routes()).enumerate() {
                prop_assert_eq!(a, b, "link {}", l);
            }
        }
    }

    /// The editor's way: a deferred update routes the moved boxes' links
    /// now and the rest one link at a time later, and ends where routing
    /// afresh does.
    #[test]
    fn a_deferred_update_settles_where_routing_afresh_does(
        cells in prop::collection::vec((any::<u8>(), any::<u8>(), any::<u8>()), 2..40),
        pairs in prop::collection::vec((any::<u8>(), any::<u8>()), 0..80),
        moves in prop::collection::vec((any::<u8>(), -900.0..900.0f64, -600.0..600.0f64), 1..4),
    ) {
        let boxes = boxes(&cells, 6);
        let links = links(&pairs, boxes.len());
        let mut router = Router::unrouted(&boxes, &links);
        prop_assert_eq!(router.pending(), links.len());
        let mut moved = boxes.clone();
        for &(s, dx, dy) in &moves {
            let i = usize::from(s) % boxes.len();
            moved[i].rect = Rect::from_min_size(moved[i].rect.min + pt(dx, dy), 150.0, 60.0);
            let now = router.update_deferred(&moved);
            // Every link of the moved box that can be drawn is routed now.
            for (l, link) in links.iter().enumerate() {
                if (link.from == i || link.to == i) && router.route(l).is_some_and(|r| !r.points.is_empty()) {
                    prop_assert!(now.contains(&l), "link {} of the moved box waits", l);
                }
            }
            // An expired deadline still routes one link: progress is made.
            let past = std::time::Instant::now();
            if router.pending() > 0 {
                prop_assert_eq!(router.route_pending(Some(past)).len(), 1);
            }
        }
        router.route_pending(None);
        prop_assert_eq!(router.pending(), 0);
        let fresh = Router::new(&moved, &links);
        for (l, (a, b)) in router.routes().zip(fresh.routes()).enumerate() {
            prop_assert_eq!(a, b, "link {}", l);
        }
    }
}

#[test]
fn odd_input_does_not_panic() {
    let b = |x: f64, y: f64| RouteBox {
        rect: Rect::from_min_size(pt(x, y), 150.0, 60.0),
        kind: ServiceKind::Gateway,
    };
    let boxes = [
        b(0.0, 0.0),
        b(10.0, 10.0),
        b(0.0, 0.0),
        b(f64::NAN, 0.0),
        b(1e300, -1e300),
        RouteBox {
            rect: Rect::NOTHING,
            kind: ServiceKind::Service,
        },
    ];
    let mut links = Vec::new();
    for from in 0..7 {
        for to in 0..7 {
            links.push(RouteLink { from, to });
        }
    }
    let mut router = Router::new(&boxes, &links);
    assert_eq!(router.routes().len(), links.len());
    // A self-link loops out of the right side and back into the top.
    let own = router.route(0).expect("routed");
    assert!(own.points.len() >= 4);
    let mut moved = boxes.to_vec();
    moved[1] = b(f64::INFINITY, 0.0);
    router.update(&moved);
    assert!(router.route(1).is_some_and(|r| r.points.is_empty()));
}

#[test]
fn a_box_between_two_services_is_routed_around() {
    let b = |x: f64| RouteBox {
        rect: Rect::from_min_size(pt(x, 0.0), 150.0, 60.0),
        kind: ServiceKind::Service,
    };
    let boxes = [b(0.0), b(200.0), b(400.0)];
    let links = [RouteLink { from: 0, to: 2 }, RouteLink { from: 0, to: 1 }];
    let router = Router::new(&boxes, &links);
    check_routes(&router, &boxes, &links);
    let around = router.route(0).expect("routed");
    assert!(
        around.points.len() > 2,
        "the route bends round the middle box"
    );
    // Two links share the first box's right side: the second leaves below
    // the middle and steps up to the next box's only port.
    let next = router.route(1).expect("routed");
    assert_eq!(next.points.first(), Some(&pt(150.0, 37.0)));
    assert_eq!(next.points.last(), Some(&pt(200.0, 30.0)));
}

#[test]
fn a_long_link_detours_in_a_corridor_and_ignores_boxes_far_from_it() {
    let b = |x: f64, y: f64| RouteBox {
        rect: Rect::from_min_size(pt(x, y), 150.0, 60.0),
        kind: ServiceKind::Service,
    };
    // A link from the top left to the bottom right; a box on the middle of
    // its two-bend shape; a box between its ends but far from that shape.
    let mut boxes = vec![
        b(0.0, 0.0),
        b(3000.0, 2000.0),
        b(1500.0, 1000.0),
        b(300.0, 1700.0),
    ];
    let links = [RouteLink { from: 0, to: 1 }];
    let mut router = Router::new(&boxes, &links);
    check_routes(&router, &boxes, &links);
    let route = router.route(0).expect("routed").clone();
    assert!(route.points.len() > 4, "the route bends round the blocker");
    // Every point stays near the shape, none goes to the far box's side.
    assert!(route.points.iter().all(|p| p.x > 1000.0 || p.y < 400.0));
    boxes[3] = b(360.0, 1650.0);
    assert!(router.update_deferred(&boxes).is_empty());
    assert_eq!(router.pending(), 0, "the far box does not disturb the link");
    assert_eq!(router.route(0), Some(&route));
    // Moving the blocker does.
    boxes[2] = b(1500.0, 1200.0);
    router.update_deferred(&boxes);
    assert_eq!(router.pending(), 1);
}
