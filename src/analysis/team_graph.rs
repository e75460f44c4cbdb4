//! The map seen one level up: teams as nodes, and between two teams the
//! links and stream handoffs that cross their boundary.
//!
//! At organisation scale a picture of 5,000 services says nothing; the
//! picture of 600 teams and who depends on whom is the one Team Topologies
//! draws. The canvas shows it when zoomed out past the point where services
//! become dots, and View ▸ Teams shows it on its own. It is derived, never
//! stored: one pass over the services, the links and the streams' steps.
//!
//! Services without an owner count as one pseudo-team ([`TeamGraph::UNOWNED`])
//! so that their links are not silently dropped from the overview.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use super::finding::{Finding, Severity};
use crate::model::{Id, LinkKind, Map};

/// One team (or the unowned services) as a node of the overview.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamNode {
    /// The team's id; `None` for the services without an owner.
    pub team: Option<Id>,
    /// The positions in `map.services` of the team's services, in map order.
    pub services: Vec<usize>,
    /// The worst live finding naming one of its services, if any.
    pub worst: Option<Severity>,
}

/// What crosses from one team to another.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TeamEdge {
    /// Index of the source team in [`TeamGraph::nodes`].
    pub from: usize,
    /// Index of the target team in [`TeamGraph::nodes`].
    pub to: usize,
    /// Links from a service of `from` to a service of `to`, per kind
    /// (in the order of [`LinkKind::ALL`]).
    pub links: [usize; 3],
    /// Stream steps whose next step is owned by `to` (a handoff).
    pub handoffs: usize,
    /// The worst live finding that names a link of this edge (both ends).
    pub worst: Option<Severity>,
}

impl TeamEdge {
    /// All links of every kind.
    pub fn link_count(&self) -> usize {
        self.links.iter().sum()
    }
}

/// Teams and what crosses between them. Nodes come in the map's team order,
/// then the unowned services if there are any; edges sorted by `(from, to)`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TeamGraph {
    /// One node per team of the map (even a team with no services), then one
    /// for the unowned services if any exist.
    pub nodes: Vec<TeamNode>,
    /// One edge per ordered pair of different teams with at least one link or
    /// handoff between them.
    pub edges: Vec<TeamEdge>,
}

impl TeamGraph {
    /// The label the overview gives the unowned services.
    pub const UNOWNED: &'static str = "No owner";

    /// The name of node `node`: its team's name, or [`TeamGraph::UNOWNED`].
    pub fn name<'m>(&self, map: &'m Map, node: usize) -> &'m str {
        self.nodes
            .get(node)
            .and_then(|n| n.team.as_ref())
            .and_then(|id| map.team(id.as_str()))
            .map_or(TeamGraph::UNOWNED, |t| t.name.as_str())
    }

    /// The overview of `map`, its nodes marked with the worst of the live
    /// (not allowed) `findings`.
    pub fn new(map: &Map, findings: &[Finding]) -> TeamGraph {
        let mut team_ix: HashMap<&Id, usize> = HashMap::default();
        let mut nodes: Vec<TeamNode> = Vec::with_capacity(map.teams.len() + 1);
        for team in &map.teams {
            team_ix.entry(&team.id).or_insert(nodes.len());
            nodes.push(TeamNode {
                team: Some(team.id.clone()),
                services: Vec::new(),
                worst: None,
            });
        }
        // A service's node: its owner's, or the unowned node (made when first
        // needed) for no owner or an owner the map does not have.
        let mut unowned: Option<usize> = None;
        let mut node_of: Vec<usize> = Vec::with_capacity(map.services.len());
        let mut service_ix: HashMap<&Id, usize> = HashMap::default();
        for (i, s) in map.services.iter().enumerate() {
            let node = match s.owner.as_ref().and_then(|o| team_ix.get(o)) {
                Some(&n) => n,
                None => *unowned.get_or_insert_with(|| {
                    nodes.push(TeamNode {
                        team: None,
                        services: Vec::new(),
                        worst: None,
                    });
                    nodes.len() - 1
                }),
            };
            nodes[node].services.push(i);
            node_of.push(node);
            service_ix.insert(&s.id, i);
        }

        let node_by_id = |id: &Id| service_ix.get(id).map(|&i| node_of[i]);
        let mut edges: BTreeMap<(usize, usize), TeamEdge> = BTreeMap::new();
        for link in &map.links {
            let (Some(from), Some(to)) = (node_by_id(&link.from), node_by_id(&link.to)) else {
                continue;
            };
            if from != to {
                let kind = LinkKind::ALL
                    .iter()
                    .position(|&k| k == link.kind)
                    .unwrap_or(0);
                edge(&mut edges, from, to).links[kind] += 1;
            }
        }
        for stream in &map.streams {
            let owners: Vec<usize> = stream
                .steps
                .iter()
                .filter_map(|step| node_by_id(&step.service))
                .collect();
            for pair in owners.windows(2) {
                if pair[0] != pair[1] {
                    edge(&mut edges, pair[0], pair[1]).handoffs += 1;
                }
            }
        }

        for f in findings.iter().filter(|f| !f.allowed) {
            for subject in &f.subjects {
                if let Some(n) = node_by_id(subject) {
                    let worst = &mut nodes[n].worst;
                    *worst = Some(worst.map_or(f.severity, |w| w.min(f.severity)));
                }
            }
            if let [a, b] = &f.subjects[..]
                && let (Some(from), Some(to)) = (node_by_id(a), node_by_id(b))
                && let Some(e) = edges.get_mut(&(from, to))
            {
                e.worst = Some(e.worst.map_or(f.severity, |w| w.min(f.severity)));
            }
        }

        TeamGraph {
            nodes,
            edges: edges.into_values().collect(),
        }
    }
}

/// The edge `from → to`, made empty when first needed.
fn edge(edges: &mut BTreeMap<(usize, usize), TeamEdge>, from: usize, to: usize) -> &mut TeamEdge {
    edges.entry((from, to)).or_insert_with(|| TeamEdge {
        from,
        to,
        ..TeamEdge::default()
    })
}

#[cfg(test)]
mod tests {
    use super::TeamGraph;
    use crate::analysis::analyze;
    use crate::model::test_map::MapBuilder;
    use crate::model::{LinkKind, ServiceKind};

    #[test]
    fn links_and_handoffs_between_teams_are_counted_once_per_direction() {
        let m = MapBuilder::new()
            .sa("pay")
            .sa("id")
            .svc("a", "pay")
            .svc("b", "pay")
            .svc("c", "id")
            .service("d", ServiceKind::Service, None)
            .link("a", "b", LinkKind::Sync)
            .link("a", "c", LinkKind::Sync)
            .link("b", "c", LinkKind::Event)
            .link("c", "a", LinkKind::Data)
            .link("d", "a", LinkKind::Sync)
            .stream("s", Some("pay"), &["a", "b", "c", "a"])
            .build();
        let g = TeamGraph::new(&m, &[]);

        assert_eq!(g.nodes.len(), 3, "two teams and the unowned services");
        assert_eq!(g.nodes[0].services, vec![0, 1]);
        assert_eq!(g.nodes[2].team, None);
        assert_eq!(g.nodes[2].services, vec![3]);
        let pairs: Vec<(usize, usize, [usize; 3], usize)> = g
            .edges
            .iter()
            .map(|e| (e.from, e.to, e.links, e.handoffs))
            .collect();
        assert_eq!(
            pairs,
            vec![
                (0, 1, [1, 1, 0], 1),
                (1, 0, [0, 0, 1], 1),
                (2, 0, [1, 0, 0], 0)
            ],
            "a→b stays inside pay; the handoffs b→c and c→a cross"
        );
        assert_eq!(g.edges[0].link_count(), 2);
    }

    #[test]
    fn nodes_and_edges_carry_the_worst_live_finding() {
        let m = MapBuilder::new()
            .sa("pay")
            .sa("id")
            .svc("a", "pay")
            .svc("c", "id")
            .link("a", "c", LinkKind::Sync)
            .link("c", "a", LinkKind::Sync)
            .build();
        let findings = analyze(&m);
        let g = TeamGraph::new(&m, &findings);
        let worst_live = findings
            .iter()
            .filter(|f| !f.allowed)
            .map(|f| f.severity)
            .min();
        assert!(
            worst_live.is_some(),
            "a sync cycle across teams is a finding"
        );
        assert_eq!(g.nodes.iter().filter_map(|n| n.worst).min(), worst_live);
    }

    #[test]
    fn a_team_without_services_is_a_node_and_unowned_appears_only_when_needed() {
        let m = MapBuilder::new()
            .sa("pay")
            .sa("idle")
            .svc("a", "pay")
            .build();
        let g = TeamGraph::new(&m, &[]);
        assert_eq!(g.nodes.len(), 2);
        assert!(g.nodes[1].services.is_empty());
        assert!(g.nodes.iter().all(|n| n.team.is_some()));
        assert!(g.edges.is_empty());
    }
}
