//! The router: every link's sides, ports and route, kept so that an edit
//! recomputes only what it affects.
//!
//! A route is a function of its link's ports, its end boxes and the boxes in
//! the area its search looked at (see [`super::search`]); a port is a
//! function of the links on its side and where their other ends are. So when
//! boxes move, only these are recomputed: the ports of every side of a moved
//! box and of the sides its links use at their other ends, then the routes of
//! the links of moved boxes, of the links whose ports changed, and of the
//! links whose search a moved box left or entered (see [`super::search`]). The result is the
//! same, bit for bit, as routing everything afresh (a property test checks).
//!
//! A route depends on no other link's route, so routes can also be computed
//! later, in any order, with the same result: the editor routes a map it
//! opens, and the links an edit disturbs away from the moved services, a
//! few milliseconds per frame ([`Router::unrouted`],
//! [`Router::update_deferred`], [`Router::route_pending`]), so that a
//! 10,000-service map opens and edits at once and its long links settle
//! over the next frames.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use super::obstacles::{ObstacleIndex, strictly_inside};
use super::parallel::middle;
use super::ports::{PortUse, Side, sides, spread};
use super::search::{Ends, Search};
use super::shape::{Route, simplified};
use crate::geometry::outline::Outline;
use crate::geometry::point::{Point, pt};
use crate::geometry::polygon::ray_exit;
use crate::geometry::rect::Rect;
use crate::model::ServiceKind;

/// How far routes keep from boxes they do not join; also the length of the
/// straight run out of and into a box, which holds an arrow head.
pub const ROUTE_MARGIN: f64 = 16.0;
/// Radius of a route's rounded corners, on the canvas and in the SVG.
pub const ROUTE_CORNER: f64 = 8.0;

/// A service as the router sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RouteBox {
    /// Its box.
    pub rect: Rect,
    /// Its kind: where a route ends on its outline.
    pub kind: ServiceKind,
}

/// A link as the router sees it: positions of its two ends in the boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteLink {
    /// The source's position.
    pub from: usize,
    /// The target's position.
    pub to: usize,
}

/// What is kept of one link.
#[derive(Debug, Clone, PartialEq)]
struct LinkState {
    /// The sides used at the source and at the target; `None` for a link
    /// without two drawable ends.
    sides: Option<(Side, Side)>,
    /// The ports on the source's and the target's sides.
    ports: (Point, Point),
    /// The route.
    route: Route,
    /// Every box that could change the route meets one of these.
    reads: Vec<Rect>,
    /// The bounding box of `reads`: most boxes an edit moves miss it.
    area: Rect,
}

/// The routes of a map's links, and what an update needs to keep them right.
#[derive(Debug, Clone)]
pub struct Router {
    boxes: Vec<RouteBox>,
    links: Vec<RouteLink>,
    index: ObstacleIndex,
    /// Links by the services they touch.
    incident: Vec<Vec<usize>>,
    /// For each link: its rank among the links between the same two
    /// services, and how many there are.
    pairs: Vec<(usize, usize)>,
    state: Vec<LinkState>,
    /// Links whose routes are out of date, routed by [`Router::route_pending`].
    pending: BTreeSet<usize>,
}

/// Whether a box can be routed to.
fn drawable(b: &RouteBox) -> bool {
    b.rect.is_finite() && !b.rect.is_empty()
}

impl Router {
    /// Routes every link among `boxes`. Links naming a box that is not
    /// there get an empty route.
    pub fn new(boxes: &[RouteBox], links: &[RouteLink]) -> Router {
        let mut router = Router::unrouted(boxes, links);
        router.route_pending(None);
        router
    }

    /// Links whose routes are still to be computed by [`Router::route_pending`].
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Routes pending links in order until `deadline` (all of them without
    /// one); returns those routed, in order. The result does not depend on
    /// how the work is split.
    pub fn route_pending(&mut self, deadline: Option<Instant>) -> Vec<usize> {
        let mut done = Vec::new();
        while let Some(&l) = self.pending.first() {
            if deadline.is_some_and(|d| Instant::now() >= d) && !done.is_empty() {
                break;
            }
            self.pending.remove(&l);
            self.reroute(l);
            done.push(l);
        }
        done
    }

    /// A router for `boxes` and `links` with sides and ports placed and
    /// every route pending (empty until [`Router::route_pending`]).
    pub fn unrouted(boxes: &[RouteBox], links: &[RouteLink]) -> Router {
        let inflated: Vec<Rect> = boxes.iter().map(|b| b.rect.shrink(-ROUTE_MARGIN)).collect();
        let mut incident = vec![Vec::new(); boxes.len()];
        let mut by_pair: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        for (l, link) in links.iter().enumerate() {
            if link.from < boxes.len() && link.to < boxes.len() {
                incident[link.from].push(l);
                if link.to != link.from {
                    incident[link.to].push(l);
                }
                let key = (link.from.min(link.to), link.from.max(link.to));
                by_pair.entry(key).or_default().push(l);
            }
        }
        let mut pairs = vec![(0, 1); links.len()];
        for list in by_pair.values() {
            for (rank, &l) in list.iter().enumerate() {
                pairs[l] = (rank, list.len());
            }
        }
        let mut router = Router {
            boxes: boxes.to_vec(),
            links: links.to_vec(),
            index: ObstacleIndex::new(&inflated),
            incident,
            pairs,
            state: vec![
                LinkState {
                    sides: None,
                    ports: (Point::ZERO, Point::ZERO),
                    route: Route::default(),
                    reads: Vec::new(),
                    area: Rect::NOTHING,
                };
                links.len()
            ],
            pending: (0..links.len()).collect(),
        };
        for l in 0..links.len() {
            router.state[l].sides = router.sides_of(l);
        }
        let groups: Vec<(usize, Side)> = (0..boxes.len())
            .flat_map(|s| Side::ALL.map(|side| (s, side)))
            .collect();
        router.place_ports(&groups);
        router
    }

    /// The route of each link, by position.
    pub fn routes(&self) -> impl ExactSizeIterator<Item = &Route> {
        self.state.iter().map(|s| &s.route)
    }

    /// The route of link `l`.
    pub fn route(&self, l: usize) -> Option<&Route> {
        self.state.get(l).map(|s| &s.route)
    }

    /// Link `l` as given.
    pub fn link(&self, l: usize) -> Option<RouteLink> {
        self.links.get(l).copied()
    }

    /// The boxes routed around.
    pub fn boxes(&self) -> &[RouteBox] {
        &self.boxes
    }

    /// Moves, resizes or reshapes boxes (the same services, the same links)
    /// and recomputes the routes that depend on what changed. Returns the
    /// links whose routes were recomputed, in order. A different number of
    /// boxes routes everything afresh.
    pub fn update(&mut self, boxes: &[RouteBox]) -> Vec<usize> {
        let mut out = self.update_deferred(boxes);
        out.extend(self.route_pending(None));
        out.sort_unstable();
        out.dedup();
        out
    }

    /// [`Router::update`], routing now only the links of the boxes that
    /// changed (and of those whose ports moved); the other links an update
    /// disturbs become pending. Returns the links routed now, in order.
    pub fn update_deferred(&mut self, boxes: &[RouteBox]) -> Vec<usize> {
        if boxes.len() != self.boxes.len() {
            *self = Router::unrouted(boxes, &self.links.clone());
            return Vec::new();
        }
        let changed: Vec<usize> = (0..boxes.len())
            .filter(|&s| boxes[s] != self.boxes[s])
            .collect();
        if changed.is_empty() {
            return Vec::new();
        }
        let mut dirty = Vec::with_capacity(changed.len() * 2);
        for &s in &changed {
            dirty.push(self.boxes[s].rect.shrink(-ROUTE_MARGIN));
            self.boxes[s] = boxes[s];
            let inflated = boxes[s].rect.shrink(-ROUTE_MARGIN);
            self.index.set(s, inflated);
            dirty.push(inflated);
        }
        // Links to route now: those the user is looking at, at the moved
        // boxes, and those whose ports moved. Links that only pass near
        // wait for `route_pending`.
        let mut redo = vec![false; self.links.len()];
        let mut groups = Vec::new();
        for &s in &changed {
            groups.extend(Side::ALL.map(|side| (s, side)));
            for &l in &self.incident[s] {
                redo[l] = true;
                let link = self.links[l];
                let old = self.state[l].sides;
                let new = self.sides_of(l);
                self.state[l].sides = new;
                for (a, b) in old.into_iter().chain(new) {
                    groups.push((link.from, a));
                    groups.push((link.to, b));
                }
            }
        }
        groups.sort_unstable();
        groups.dedup();
        for l in self.place_ports(&groups) {
            redo[l] = true;
        }
        for (l, st) in self.state.iter().enumerate() {
            if !redo[l]
                && dirty
                    .iter()
                    .any(|d| d.meets(&st.area) && st.reads.iter().any(|r| d.meets(r)))
            {
                self.pending.insert(l);
            }
        }
        let out: Vec<usize> = (0..self.links.len()).filter(|&l| redo[l]).collect();
        for &l in &out {
            self.pending.remove(&l);
            self.reroute(l);
        }
        out
    }

    /// The sides link `l` uses, if both its ends can be drawn.
    fn sides_of(&self, l: usize) -> Option<(Side, Side)> {
        let link = self.links[l];
        let (a, b) = (self.boxes.get(link.from)?, self.boxes.get(link.to)?);
        (drawable(a) && drawable(b)).then(|| sides(&a.rect, &b.rect, link.from == link.to))
    }

    /// Spreads the ports of the links on each of `groups` (service, side);
    /// returns the links whose ports moved.
    fn place_ports(&mut self, groups: &[(usize, Side)]) -> Vec<usize> {
        let mut moved = Vec::new();
        for &(s, side) in groups {
            let Some(b) = self.boxes.get(s).copied() else {
                continue;
            };
            let mut uses: Vec<PortUse> = Vec::new();
            for &l in &self.incident[s] {
                let link = self.links[l];
                let Some((fs, ts)) = self.state[l].sides else {
                    continue;
                };
                if link.from == s && fs == side {
                    let toward = self.boxes[link.to].rect.center();
                    uses.push(PortUse {
                        link: l,
                        toward,
                        at_source: true,
                    });
                }
                if link.to == s && ts == side {
                    let toward = self.boxes[link.from].rect.center();
                    uses.push(PortUse {
                        link: l,
                        toward,
                        at_source: false,
                    });
                }
            }
            for (u, q) in spread(side, &b.rect, &mut uses) {
                let ports = &mut self.state[u.link].ports;
                let slot = if u.at_source {
                    &mut ports.0
                } else {
                    &mut ports.1
                };
                if *slot != q {
                    *slot = q;
                    moved.push(u.link);
                }
            }
        }
        moved.sort_unstable();
        moved.dedup();
        moved
    }

    /// Computes the route of link `l` from its sides and ports.
    fn reroute(&mut self, l: usize) {
        let link = self.links[l];
        let st = &self.state[l];
        let Some((fs, ts)) = st.sides else {
            self.state[l].route = Route::default();
            self.state[l].reads = Vec::new();
            self.state[l].area = Rect::NOTHING;
            return;
        };
        let (a, b) = (self.boxes[link.from], self.boxes[link.to]);
        let (p, q) = st.ports;
        let ends = Ends {
            from: p + fs.outward() * ROUTE_MARGIN,
            from_side: fs,
            to: q + ts.outward() * ROUTE_MARGIN,
            to_side: ts,
        };
        // A stub end inside a box (boxes overlapping, or closer than the
        // margin) would leave no way out: that box may be crossed.
        let mut ignore = Vec::new();
        for end in [ends.from, ends.to] {
            for j in self.index.within(&Rect::from_min_max(end, end)) {
                if self.index.get(j).is_some_and(|r| strictly_inside(&r, end)) {
                    ignore.push(j);
                }
            }
        }
        ignore.sort_unstable();
        ignore.dedup();
        let (rank, count) = self.pairs[l];
        let search = Search {
            index: &self.index,
            ignore: &ignore,
            middle: (link.from != link.to)
                .then(|| middle(&a.rect, fs, &b.rect, ts, rank, count))
                .flatten(),
        };
        let found = search.find(&ends);
        let path = found.points.unwrap_or_else(|| {
            // No way round (the ends walled in): the plain two-bend shape.
            let m = search.middle.unwrap_or((ends.from.x + ends.to.x) / 2.0);
            if fs.is_vertical() {
                vec![ends.from, pt(m, ends.from.y), pt(m, ends.to.y), ends.to]
            } else {
                let m = search.middle.unwrap_or((ends.from.y + ends.to.y) / 2.0);
                vec![ends.from, pt(ends.from.x, m), pt(ends.to.x, m), ends.to]
            }
        });
        let mut points = Vec::with_capacity(path.len() + 2);
        points.push(on_outline(&a, fs, p));
        points.extend(path);
        points.push(on_outline(&b, ts, q));
        let state = &mut self.state[l];
        state.route = Route {
            points: simplified(points),
        };
        state.area = found.reads.iter().fold(Rect::NOTHING, |mut a, r| {
            a.include_rect(r);
            a
        });
        state.reads = found.reads;
    }
}

/// Where a route through `port` (on `side` of the box) meets the outline of
/// the box's kind: the port itself on a rounded rectangle (ports stay clear
/// of its corners), further in on the slanted or curved sides of the other
/// kinds.
fn on_outline(b: &RouteBox, side: Side, port: Point) -> Point {
    match Outline::of(b.kind, b.rect) {
        Outline::RoundedRect { .. } => port,
        outline => {
            let c = b.rect.center();
            let inner = if side.is_vertical() {
                pt(c.x, port.y)
            } else {
                pt(port.x, c.y)
            };
            let q = ray_exit(&outline.polygon(), inner, side.outward())
                .map_or(port, |t| inner + side.outward() * t);
            // The outline lies inside the box; the ray's arithmetic can land
            // a rounding error outside it.
            // (max/min rather than clamp: no panic on a degenerate box.)
            pt(
                q.x.max(b.rect.min.x).min(b.rect.max.x),
                q.y.max(b.rect.min.y).min(b.rect.max.y),
            )
        }
    }
}
