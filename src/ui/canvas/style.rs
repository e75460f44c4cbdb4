//! Building the egui_graphs graph from the map, and styling it: team
//! colours, finding halos and badges, dimming, the compare overlay.

use super::*;

/// Where each service is drawn: its map position, or a spot in a row below
/// the map for services the file gives no position.
pub fn display_positions(map: &Map) -> Vec<Pos2> {
    map.display_positions()
        .into_iter()
        .map(|(x, y)| pos2(x as f32, y as f32))
        .collect()
}

pub(super) fn build_graph(
    map: &Map,
    theme: &Theme,
    selection: &Selection,
    focus: Option<&BTreeSet<Id>>,
    findings: &[crate::analysis::Finding],
) -> (CanvasGraph, Vec<NodeIndex>, Vec<EdgeIndex>) {
    let mut g: StableGraph<NodeData, EdgeData, Directed, DefaultIx> =
        StableGraph::with_capacity(map.services.len(), map.links.len());
    let positions = display_positions(map);
    let mut index: HashMap<&Id, NodeIndex> = HashMap::with_capacity(map.services.len());
    let mut nodes = Vec::with_capacity(map.services.len());
    for (i, s) in map.services.iter().enumerate() {
        let n = g.add_node(NodeData {
            service: i,
            name: s.name.as_str().into(),
            kind: s.kind,
            look: plain_look(),
        });
        index.insert(&s.id, n);
        nodes.push(n);
    }
    let mut edges = Vec::with_capacity(map.links.len());
    for (l, link) in map.links.iter().enumerate() {
        if let (Some(&a), Some(&b)) = (index.get(&link.from), index.get(&link.to)) {
            edges.push(g.add_edge(
                a,
                b,
                EdgeData {
                    link: l,
                    kind: link.kind,
                    color: theme.ink,
                    halo: None,
                    selected: false,
                    selection: theme.selection,
                },
            ));
        }
    }
    let mut graph: CanvasGraph = egui_graphs::to_graph_custom(
        &g,
        |node: &mut Node<NodeData, EdgeData, Directed, DefaultIx, ServiceDisplay>| {
            let i = node.payload().service;
            node.set_location(positions[i]);
            node.set_label(node.payload().name.to_string());
        },
        |_| {},
    );
    restyle_graph(
        &mut graph, &nodes, &edges, map, theme, selection, focus, findings,
    );
    (graph, nodes, edges)
}

/// A fingerprint of what the graph's nodes and edges stand for: the service
/// ids and the links, in order, and which document is shown.
pub(super) fn structure_key(map: &Map, source: u8) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    source.hash(&mut h);
    map.services.len().hash(&mut h);
    for s in &map.services {
        s.id.as_str().hash(&mut h);
    }
    for l in &map.links {
        (l.from.as_str(), l.to.as_str(), l.kind).hash(&mut h);
    }
    h.finish()
}

/// Moves every node to its service's position and label (after an edit that
/// kept the structure).
pub(super) fn place_nodes(graph: &mut CanvasGraph, nodes: &[NodeIndex], map: &Map) {
    for ((s, &n), p) in map.services.iter().zip(nodes).zip(display_positions(map)) {
        if let Some(node) = graph.node_mut(n) {
            node.set_location(p);
            if node.label() != s.name {
                node.set_label(s.name.clone());
            }
        }
    }
}

/// Updates colours, halos, badges and dimming without rebuilding the graph.
#[allow(clippy::too_many_arguments)]
pub(super) fn restyle_graph(
    graph: &mut CanvasGraph,
    nodes: &[NodeIndex],
    edges: &[EdgeIndex],
    map: &Map,
    theme: &Theme,
    selection: &Selection,
    focus: Option<&BTreeSet<Id>>,
    findings: &[crate::analysis::Finding],
) {
    // Worst severity and count of the live findings naming each subject.
    let marks = crate::analysis::marks::Marks::new(findings);
    // Teams by id: a linear search per service would make a restyle of an
    // organisation quadratic.
    let teams: HashMap<&Id, &crate::model::Team> = map.teams.iter().map(|t| (&t.id, t)).collect();
    for (i, s) in map.services.iter().enumerate() {
        let team = s.owner.as_ref().and_then(|t| teams.get(t).copied());
        let fill = team.map_or(theme.unowned, team_fill);
        let mark = marks.subject(&s.id);
        let look = NodeLook {
            fill,
            stroke: Stroke::new(1.0, theme.ink),
            text_color: shapes::text_color_on(shapes::body_fill(s.kind, fill)),
            dimmed: focus.is_some_and(|f| !f.contains(&s.id)),
            selected: selection.has_service(&s.id),
            selection_color: theme.selection,
            unowned: team.is_none() && s.kind != ServiceKind::External,
            halo: mark.map(|m| theme.severity(m.worst)),
            badge: mark.map(|m| (m.findings.len(), theme.severity(m.worst))),
        };
        if let Some(node) = graph.node_mut(nodes[i]) {
            node.set_selected(look.selected);
            // Names rarely change: no allocation per service per restyle.
            if *node.payload().name != *s.name {
                node.payload_mut().name = s.name.as_str().into();
            }
            node.payload_mut().kind = s.kind;
            node.payload_mut().look = look;
        }
    }
    for (l, link) in map.links.iter().enumerate() {
        let Some(&e) = edges.get(l) else { continue };
        let dim = focus.is_some_and(|f| !(f.contains(&link.from) && f.contains(&link.to)));
        let selected = *selection == Selection::Link(link.from.clone(), link.to.clone(), link.kind);
        if let Some(edge) = graph.edge_mut(e) {
            let data = edge.payload_mut();
            data.color = if dim {
                theme.ink.gamma_multiply(0.2)
            } else {
                theme.ink
            };
            data.halo = marks
                .pair(&link.from, &link.to)
                .map(|m| theme.severity(m.worst));
            data.selected = selected;
            data.selection = theme.selection;
        }
    }
}

pub(super) fn plain_look() -> NodeLook {
    NodeLook {
        fill: Color32::GRAY,
        stroke: Stroke::new(1.0, Color32::DARK_GRAY),
        text_color: Color32::BLACK,
        dimmed: false,
        selected: false,
        selection_color: Color32::LIGHT_BLUE,
        unowned: false,
        halo: None,
        badge: None,
    }
}

/// Colours the overlay of a comparison: added green, removed as red ghosts,
/// changed amber, ownership moves ringed in the previous owner's colour.
pub(super) fn apply_diff_marks(
    graph: &mut CanvasGraph,
    nodes: &[NodeIndex],
    edges: &[EdgeIndex],
    map: &Map,
    theme: &Theme,
    marks: &crate::ui::compare::DiffMarks,
) {
    use crate::ui::compare::Mark;
    for (i, s) in map.services.iter().enumerate() {
        let Some(node) = graph.node_mut(nodes[i]) else {
            continue;
        };
        let look = &mut node.payload_mut().look;
        look.badge = None;
        look.halo = None;
        match marks.service(&s.id) {
            Some(Mark::Added) => look.halo = Some(theme.added),
            Some(Mark::Removed) => {
                look.halo = Some(theme.removed);
                look.dimmed = true;
            }
            Some(Mark::Changed) => look.badge = Some((1, theme.changed)),
            Some(Mark::OwnerMoved(from)) => {
                let old = from.as_ref().and_then(|t| map.team(t.as_str()));
                look.halo = Some(old.map_or(theme.unowned, team_fill));
                look.badge = Some((1, theme.changed));
            }
            None => {}
        }
    }
    for (l, link) in map.links.iter().enumerate() {
        let Some(edge) = edges.get(l).and_then(|e| graph.edge_mut(*e)) else {
            continue;
        };
        let data = edge.payload_mut();
        data.halo = None;
        match marks.link(link) {
            Some(Mark::Added) => data.color = theme.added,
            Some(Mark::Removed) => data.color = theme.removed.gamma_multiply(0.6),
            _ => {}
        }
    }
}
