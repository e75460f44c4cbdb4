//! Who moves in a tidy, and where services without a place go. Tidy all
//! lays out every service. A plain tidy keeps every service that has a
//! position, except that of services stacked on one point only the first
//! by id keeps it; the others are placed among them: next to the placed
//! services they are linked to, or their team's, as the full layout would
//! have them, at the nearest spot that overlaps nothing; services with
//! neither are laid out together below the map. Add and Paste use the same
//! search for a free spot.

use std::collections::BTreeMap;

use super::footprint::box_size;
use super::graph::map_edges;
use super::occupancy::{Occupancy, ring_steps};
use super::teams::arrange;
use crate::model::{Id, Map, Service};

/// Space left between the map and services laid out below it.
const BELOW_GAP: f64 = 120.0;
/// Steps of the search for a free place for pasted services.
const PASTE_STEP: f64 = 40.0;

/// Which services a tidy moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Only services without a position, and services stacked on a point
    /// another service (earlier by id) holds.
    Unplaced,
    /// Every service.
    All,
}

/// The position of every service after a tidy, by index in `map.services`,
/// rounded to whole numbers as files store them. Deterministic.
pub fn tidy(map: &Map, scope: Scope) -> Vec<(f64, f64)> {
    let pinned = match scope {
        Scope::All => vec![false; map.services.len()],
        Scope::Unplaced => pinned(map),
    };
    let positions = if pinned.iter().all(|&p| !p) {
        arrange(map)
    } else {
        place_among(map, &pinned)
    };
    positions
        .into_iter()
        .map(|(x, y)| (x.round(), y.round()))
        .collect()
}

/// Tidies `map` in place; returns how many services moved.
pub fn tidy_map(map: &mut Map, scope: Scope) -> usize {
    let positions = tidy(map, scope);
    let mut moved = 0;
    for (s, (x, y)) in map.services.iter_mut().zip(positions) {
        if s.x != Some(x) || s.y != Some(y) {
            s.x = Some(x);
            s.y = Some(y);
            moved += 1;
        }
    }
    moved
}

/// Which services keep their position in a plain tidy: those with a finite
/// one, save all but the first by id of services on one point.
fn pinned(map: &Map) -> Vec<bool> {
    let mut pinned = vec![false; map.services.len()];
    let mut placed: Vec<(f64, f64, &Id, usize)> = map
        .services
        .iter()
        .enumerate()
        .filter_map(|(i, s)| match (s.x, s.y) {
            (Some(x), Some(y)) if x.is_finite() && y.is_finite() => Some((x, y, &s.id, i)),
            _ => None,
        })
        .collect();
    placed.sort_by(|a, b| {
        a.0.total_cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then(a.2.cmp(b.2))
            .then(a.3.cmp(&b.3))
    });
    for (k, p) in placed.iter().enumerate() {
        let stacked = k > 0 && placed[k - 1].0 == p.0 && placed[k - 1].1 == p.1;
        pinned[p.3] = !stacked;
    }
    pinned
}

/// Positions with the pinned services where they are and the others placed.
fn place_among(map: &Map, pinned: &[bool]) -> Vec<(f64, f64)> {
    let n = map.services.len();
    let sizes: Vec<(f64, f64)> = map.services.iter().map(box_size).collect();
    let owner = |i: usize| map.services[i].owner.as_ref().map(Id::as_str);
    let mut at: Vec<Option<(f64, f64)>> = (0..n)
        .map(|i| {
            let s = &map.services[i];
            pinned[i].then(|| (s.x.unwrap_or(0.0), s.y.unwrap_or(0.0)))
        })
        .collect();
    let mut room = Occupancy::default();
    for i in (0..n).filter(|&i| pinned[i]) {
        if let Some(c) = at[i] {
            room.add(c, sizes[i], owner(i));
        }
    }

    let mut neighbours: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for e in map_edges(map) {
        if e.from != e.to {
            neighbours[e.from].push((e.to, e.weight as f64));
            neighbours[e.to].push((e.from, e.weight as f64));
        }
    }
    let mut team_placed: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for i in (0..n).filter(|&i| pinned[i]) {
        if let Some(o) = owner(i) {
            team_placed.entry(o).or_default().push(i);
        }
    }
    // Services with nothing placed to go by are laid out on their own.
    let detached: Vec<usize> = (0..n)
        .filter(|&i| {
            !pinned[i]
                && neighbours[i].iter().all(|&(v, _)| !pinned[v])
                && owner(i).is_none_or(|o| !team_placed.contains_key(o))
        })
        .collect();
    let ideal = arrange(map);

    if !detached.is_empty() {
        let below = below_the_map(map, &detached, &at, &sizes);
        for (&i, c) in detached.iter().zip(below) {
            at[i] = Some(c);
            room.add(c, sizes[i], owner(i));
        }
    }

    // The others in the full layout's reading order, so a chain grows from
    // its placed end.
    let mut rest: Vec<usize> = (0..n).filter(|&i| at[i].is_none()).collect();
    rest.sort_by(|&a, &b| {
        ideal[a]
            .0
            .total_cmp(&ideal[b].0)
            .then(ideal[a].1.total_cmp(&ideal[b].1))
            .then(a.cmp(&b))
    });
    for u in rest {
        // Where the full layout has it relative to what is placed: its
        // placed neighbours, or else its team's placed services.
        let mut sum = (0.0, 0.0, 0.0);
        for &(v, w) in &neighbours[u] {
            if let Some(p) = at[v] {
                sum.0 += w * (p.0 + ideal[u].0 - ideal[v].0);
                sum.1 += w * (p.1 + ideal[u].1 - ideal[v].1);
                sum.2 += w;
            }
        }
        if sum.2 == 0.0 {
            for &m in owner(u)
                .and_then(|o| team_placed.get(o))
                .into_iter()
                .flatten()
            {
                if let Some(p) = at[m] {
                    sum.0 += p.0 + ideal[u].0 - ideal[m].0;
                    sum.1 += p.1 + ideal[u].1 - ideal[m].1;
                    sum.2 += 1.0;
                }
            }
        }
        let wanted = if sum.2 > 0.0 {
            (sum.0 / sum.2, sum.1 / sum.2)
        } else {
            ideal[u]
        };
        let spot = room.nearest_free(wanted, sizes[u], owner(u));
        at[u] = Some(spot);
        room.add(spot, sizes[u], owner(u));
        if let Some(o) = owner(u) {
            team_placed.entry(o).or_default().push(u);
        }
    }
    // Every service is pinned, detached or in the rest, so all have a spot.
    at.into_iter().map(|p| p.unwrap_or((0.0, 0.0))).collect()
}

/// The services `which`, laid out as a map of their own, set below the
/// placed ones (left-aligned with them).
fn below_the_map(
    map: &Map,
    which: &[usize],
    at: &[Option<(f64, f64)>],
    sizes: &[(f64, f64)],
) -> Vec<(f64, f64)> {
    let keep: std::collections::HashSet<&Id> = which.iter().map(|&i| &map.services[i].id).collect();
    let part = Map {
        services: which.iter().map(|&i| map.services[i].clone()).collect(),
        links: map
            .links
            .iter()
            .filter(|l| keep.contains(&l.from) && keep.contains(&l.to))
            .cloned()
            .collect(),
        streams: map
            .streams
            .iter()
            .map(|s| {
                let mut s = s.clone();
                s.steps.retain(|step| keep.contains(&step.service));
                s
            })
            .collect(),
        ..Map::default()
    };
    let laid = arrange(&part);
    let (mut left, mut bottom) = (f64::INFINITY, f64::NEG_INFINITY);
    for (p, &(w, h)) in at.iter().zip(sizes) {
        if let Some((x, y)) = p {
            left = left.min(x - w / 2.0);
            bottom = bottom.max(y + h / 2.0);
        }
    }
    let (left, top) = if left.is_finite() {
        (left, bottom + BELOW_GAP)
    } else {
        (0.0, 0.0)
    };
    laid.into_iter().map(|(x, y)| (left + x, top + y)).collect()
}

/// The free spot nearest `wanted` for `service` (about to be added to
/// `map`): a place that overlaps no placed service and, if one is near,
/// keeps team zones apart. Rounded.
pub fn free_spot(map: &Map, service: &Service, wanted: (f64, f64)) -> (f64, f64) {
    let room = occupancy(map);
    let owner = service.owner.as_ref().map(Id::as_str);
    let (x, y) = room.nearest_free(wanted, box_size(service), owner);
    (x.round(), y.round())
}

/// A box as its center and its size.
pub type CenterAndSize = ((f64, f64), (f64, f64));

/// The offset nearest `wanted` by which boxes (center and size) can be
/// added to `map` without overlapping any placed service: where Paste puts
/// a group of services, keeping their shape.
pub fn free_offset(map: &Map, boxes: &[CenterAndSize], wanted: (f64, f64)) -> (f64, f64) {
    let room = occupancy(map);
    // Ends: the placed services are finitely many, so far enough every
    // offset is free.
    for ring in 0_i64.. {
        for (i, j) in ring_steps(ring) {
            let offset = (
                (wanted.0 + i as f64 * PASTE_STEP).round(),
                (wanted.1 + j as f64 * PASTE_STEP).round(),
            );
            if boxes
                .iter()
                .all(|&((x, y), size)| room.is_free((x + offset.0, y + offset.1), size))
            {
                return offset;
            }
        }
    }
    wanted
}

/// The boxes and zones of the services of `map` that have a position.
fn occupancy(map: &Map) -> Occupancy {
    let mut room = Occupancy::default();
    for s in &map.services {
        if let (Some(x), Some(y)) = (s.x, s.y) {
            room.add((x, y), box_size(s), s.owner.as_ref().map(Id::as_str));
        }
    }
    room
}
