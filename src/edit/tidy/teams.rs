//! The two levels: each team's services laid out as a cluster of their own,
//! then the clusters (and each service of no team, alone) laid out as boxes,
//! with the links between them summed. Clusters are as big as their services'
//! box plus a zone's padding on every side and never overlap, so the team
//! zones drawn around them do not either.

use std::collections::BTreeMap;

use super::footprint::{CLUSTERS, SERVICES, ZONE_PADDING, box_size};
use super::graph::{Edge, Graph, map_edges};
use super::layered::layout;
use crate::model::Map;

/// The center of every service of the map, by index, with the picture's box
/// starting at (0, 0).
pub(super) fn arrange(map: &Map) -> Vec<(f64, f64)> {
    let n = map.services.len();
    let sizes: Vec<(f64, f64)> = map.services.iter().map(box_size).collect();
    let edges = map_edges(map);

    // Groups: teams by owner id (in id order), then each service of no team.
    let mut by_owner: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut alone = Vec::new();
    for (i, s) in map.services.iter().enumerate() {
        match &s.owner {
            Some(owner) => by_owner.entry(owner.as_str()).or_default().push(i),
            None => alone.push(i),
        }
    }
    let mut groups: Vec<(Vec<usize>, f64)> = by_owner
        .into_values()
        .map(|members| (members, ZONE_PADDING))
        .collect();
    groups.extend(alone.into_iter().map(|i| (vec![i], 0.0)));
    let mut group_of = vec![0; n];
    let mut local = vec![0; n];
    for (g, (members, _)) in groups.iter().enumerate() {
        for (k, &i) in members.iter().enumerate() {
            group_of[i] = g;
            local[i] = k;
        }
    }

    // Within each group.
    let mut inner: Vec<Vec<Edge>> = vec![Vec::new(); groups.len()];
    let mut between = Vec::new();
    for e in &edges {
        let (a, b) = (group_of[e.from], group_of[e.to]);
        if a == b {
            inner[a].push(Edge {
                from: local[e.from],
                to: local[e.to],
                weight: e.weight,
            });
        } else {
            between.push(Edge {
                from: a,
                to: b,
                weight: e.weight,
            });
        }
    }
    let clusters: Vec<_> = groups
        .iter()
        .zip(inner)
        .map(|((members, _), edges)| {
            let graph = Graph::new(members.iter().map(|&i| sizes[i]).collect(), edges);
            layout(&graph, &SERVICES)
        })
        .collect();

    // The groups on the map.
    let outer = Graph::new(
        groups
            .iter()
            .zip(&clusters)
            .map(|((_, pad), c)| (c.width + 2.0 * pad, c.height + 2.0 * pad))
            .collect(),
        between,
    );
    let placed = layout(&outer, &CLUSTERS);
    let mut centers = vec![(0.0, 0.0); n];
    for (g, ((members, pad), cluster)) in groups.iter().zip(&clusters).enumerate() {
        let (cx, cy) = placed.centers[g];
        let (w, h) = outer.sizes[g];
        let (left, top) = (cx - w / 2.0 + pad, cy - h / 2.0 + pad);
        for (&i, &(x, y)) in members.iter().zip(&cluster.centers) {
            centers[i] = (left + x, top + y);
        }
    }
    centers
}
