//! The egui_graphs graph of the shown map: built when services or links
//! are inserted or removed, moved and relabelled after other edits, and
//! restyled (team colours, finding halos and badges, dimming, the compare
//! overlay's marks) when the selection, the focus or the theme changes.

use std::collections::{BTreeSet, HashMap};
use std::time::{Duration, Instant};

use egui::{Color32, Pos2, Stroke};
use egui_graphs::Node;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableGraph};
use petgraph::{Directed, csr::DefaultIx};

use super::display::{CanvasGraph, EdgeData, EdgeRoute, NodeData, ServiceDisplay};
use super::space::display_positions;
use crate::analysis::Finding;
use crate::geometry::{Router, map_route_boxes, map_route_input};
use crate::model::{Id, Map, ServiceKind};
use crate::ui::shapes::{self, ChangeTag, NodeLook};
use crate::ui::state::{CanvasSource, DiffMarks, Mark, Revision, Selection, Shown, ViewSettings};
use crate::ui::theme::{Theme, team_fill};

/// How long one sync spends on routes that are still pending.
const ROUTE_BUDGET: Duration = Duration::from_millis(6);

/// What the graph was last styled for.
#[derive(Clone, PartialEq)]
struct LookKey {
    source: CanvasSource,
    revision: Revision,
    selection: Selection,
    focus: Option<BTreeSet<Id>>,
    highlight: bool,
    hovered: Option<BTreeSet<Id>>,
    /// Whether changes are tagged (see [`Shown::changes`]).
    changes: bool,
    /// Any toggle of the View menu: besides hiding links, each changes
    /// what the next frame draws, so it must be drawn live.
    view: ViewSettings,
    dark: bool,
}

/// The graph the canvas shows, with what it was built and styled from.
#[derive(Default)]
pub struct GraphCache {
    /// The graph; `None` until the first frame.
    pub graph: Option<CanvasGraph>,
    /// Graph node of each service, by position in `map.services`.
    pub nodes: Vec<NodeIndex>,
    /// Graph edge of each link, by position in `map.links`.
    edges: Vec<EdgeIndex>,
    /// The document and structure revision the graph was built from.
    structure: Option<(CanvasSource, Revision)>,
    /// The document revision the nodes were placed and labelled for.
    placed: Option<(CanvasSource, Revision)>,
    /// The links' routes, for the positions the nodes were placed at.
    router: Option<Router>,
    look: Option<LookKey>,
    /// What egui_graphs is given below the overview zoom: the services no
    /// team block stands for, the links that touch them and those links'
    /// other ends (drawn by their blocks). egui_graphs visits every node and
    /// edge of its graph on every frame, cloning both ends of each edge, so
    /// handing it a 10,000-service map to draw a few hundred team blocks
    /// costs most of a frame. Built from [`GraphCache::graph`] on first use
    /// after any change to it ([`GraphCache::refresh_far`]).
    pub far: Option<CanvasGraph>,
}

impl GraphCache {
    /// Brings the graph up to date with what is shown: rebuilt when services
    /// or links were inserted or removed (or another document is shown),
    /// moved and relabelled after other edits, restyled after a change of
    /// selection, focus or theme. Returns whether anything changed.
    pub fn sync(&mut self, shown: &Shown, theme: &Theme) -> bool {
        let changed = self.sync_whole(shown, theme);
        if changed {
            self.far = None;
        }
        changed
    }

    /// [`GraphCache::sync`] of the whole graph.
    fn sync_whole(&mut self, shown: &Shown, theme: &Theme) -> bool {
        let doc = shown.doc;
        let map = doc.map();
        let selection: &Selection = &shown.selection;
        let focus = shown.focus.as_ref();
        let structure = (shown.source, doc.structure_revision());
        let placed = (shown.source, doc.revision());
        // Routing a large map whole takes seconds: each sync routes for at
        // most this long, and the rest settles over the next frames.
        let deadline = Instant::now() + ROUTE_BUDGET;
        let mut routed = false;
        if self.structure != Some(structure) || self.graph.is_none() {
            let (mut graph, nodes, edges) = build_graph(map);
            let centers = map.display_positions();
            let (boxes, links) = map_route_input(map, &centers);
            let mut router = Router::unrouted(&boxes, &links);
            let done = router.route_pending(Some(deadline));
            set_routes(&mut graph, &edges, &router, &centers, done);
            self.graph = Some(graph);
            self.router = Some(router);
            self.nodes = nodes;
            self.edges = edges;
            self.structure = Some(structure);
            self.placed = Some(placed);
            self.look = None;
        } else if self.placed != Some(placed) {
            if let Some(graph) = &mut self.graph {
                place_nodes(graph, &self.nodes, map);
                if let Some(router) = &mut self.router {
                    // Only the routes the edit affects are recomputed: those
                    // of the moved services now, those passing near them
                    // with the pending ones below.
                    let centers = map.display_positions();
                    let changed = router.update_deferred(&map_route_boxes(map, &centers));
                    set_routes(graph, &self.edges, router, &centers, changed);
                }
            }
            self.placed = Some(placed);
            self.look = None;
        } else if let (Some(graph), Some(router)) = (&mut self.graph, &mut self.router)
            && router.pending() > 0
        {
            let centers = map.display_positions();
            let done = router.route_pending(Some(deadline));
            routed = !done.is_empty();
            set_routes(graph, &self.edges, router, &centers, done);
        }
        let look = LookKey {
            source: shown.source,
            revision: doc.revision(),
            selection: selection.clone(),
            focus: focus.cloned(),
            highlight: shown.highlight_findings,
            hovered: shown.hovered.clone(),
            changes: shown.changes.is_some(),
            view: shown.view,
            dark: theme.dark,
        };
        if self.look.as_ref() == Some(&look) {
            return routed;
        }
        if let Some(graph) = &mut self.graph {
            // Diff marks replace the findings' halos and badges, so the
            // findings are not marked on the graph at all.
            let findings = match shown.marks {
                Some(_) => &[][..],
                None => doc.findings(),
            };
            let style = Style {
                map,
                theme,
                selection,
                focus,
                findings,
                highlight: shown.highlight_findings,
                hovered: shown.hovered.as_ref(),
                view: &shown.view,
            };
            restyle_graph(graph, &self.nodes, &self.edges, &style);
            if let Some(marks) = shown.marks {
                apply_diff_marks(graph, &self.nodes, &self.edges, map, theme, marks);
            }
            if let Some(marks) = shown.changes {
                tag_changes(graph, &self.nodes, map, theme, marks);
            }
        }
        self.look = Some(look);
        true
    }

    /// Builds [`GraphCache::far`] from the whole graph, unless it is up to date.
    pub fn refresh_far(&mut self) {
        if self.far.is_none()
            && let Some(whole) = &self.graph
        {
            self.far = Some(far_part(whole));
        }
    }

    /// Whether some links still wait for their routes (drawn straight
    /// until then): the canvas asks for another frame.
    pub fn routes_pending(&self) -> bool {
        self.router.as_ref().is_some_and(|r| r.pending() > 0)
    }

    /// The links' routes (by position in `map.links`), once the graph is built.
    pub fn router(&self) -> Option<&Router> {
        self.router.as_ref()
    }

    /// Forgets the graph: the next frame builds it afresh.
    pub fn clear(&mut self) {
        *self = GraphCache::default();
    }
}

/// What a restyle colours the graph by.
struct Style<'a> {
    map: &'a Map,
    theme: &'a Theme,
    selection: &'a Selection,
    focus: Option<&'a BTreeSet<Id>>,
    findings: &'a [Finding],
    /// Halo every element with findings, not only the selected ones.
    highlight: bool,
    /// The subjects of the finding under the pointer in the findings panel.
    hovered: Option<&'a BTreeSet<Id>>,
    view: &'a ViewSettings,
}

/// A graph of the map's services and links, placed, unstyled.
pub(super) fn build_graph(map: &Map) -> (CanvasGraph, Vec<NodeIndex>, Vec<EdgeIndex>) {
    let mut g: StableGraph<NodeData, EdgeData, Directed, DefaultIx> =
        StableGraph::with_capacity(map.services.len(), map.links.len());
    let positions = display_positions(map);
    let mut index: HashMap<&Id, NodeIndex> = HashMap::with_capacity(map.services.len());
    let mut nodes = Vec::with_capacity(map.services.len());
    for (i, s) in map.services.iter().enumerate() {
        let n = g.add_node(NodeData::new(i, &s.name, s.kind, plain_look()));
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
                    route: None,
                    label: link.label.as_str().into(),
                    backing: Color32::WHITE,
                    color: Color32::GRAY,
                    halo: None,
                    selected: false,
                    selection: Color32::LIGHT_BLUE,
                    hidden: false,
                },
            ));
        }
    }
    let graph: CanvasGraph = egui_graphs::to_graph_custom(
        &g,
        |node: &mut Node<NodeData, EdgeData, Directed, DefaultIx, ServiceDisplay>| {
            let i = node.payload().service;
            // No egui_graphs label: the display draws the name from
            // `NodeData`, and egui_graphs clones every node (label included)
            // twice per edge on every frame.
            node.set_location(positions[i]);
        },
        |_| {},
    );
    (graph, nodes, edges)
}

/// The part of `whole` drawn below the overview zoom: the nodes not in a
/// team's zone, the edges with such an end, and those edges' other ends;
/// payloads, places and selection as in `whole`.
fn far_part(whole: &CanvasGraph) -> CanvasGraph {
    let mut g: StableGraph<NodeData, EdgeData, Directed, DefaultIx> = StableGraph::new();
    let mut index: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut place: HashMap<usize, (Pos2, bool)> = HashMap::new();
    let mut take = |g: &mut StableGraph<NodeData, EdgeData, Directed, DefaultIx>, n: NodeIndex| {
        let node = whole.node(n)?;
        Some(*index.entry(n).or_insert_with(|| {
            place.insert(node.payload().service, (node.location(), node.selected()));
            g.add_node(node.payload().clone())
        }))
    };
    for (n, node) in whole.nodes_iter() {
        if !node.payload().in_zone {
            take(&mut g, n);
        }
    }
    for (e, edge) in whole.edges_iter() {
        let Some((a, b)) = whole.edge_endpoints(e) else {
            continue;
        };
        let in_zone = |n| whole.node(n).is_some_and(|n| n.payload().in_zone);
        if in_zone(a) && in_zone(b) {
            continue;
        }
        if let (Some(a), Some(b)) = (take(&mut g, a), take(&mut g, b)) {
            g.add_edge(a, b, edge.payload().clone());
        }
    }
    egui_graphs::to_graph_custom(
        &g,
        |node: &mut Node<NodeData, EdgeData, Directed, DefaultIx, ServiceDisplay>| {
            if let Some(&(at, selected)) = place.get(&node.payload().service) {
                node.set_location(at);
                node.set_selected(selected);
            }
        },
        |_| {},
    )
}

/// Gives the edges of `links` (positions in `map.links`) their routes.
fn set_routes(
    graph: &mut CanvasGraph,
    edges: &[EdgeIndex],
    router: &Router,
    centers: &[(f64, f64)],
    links: impl IntoIterator<Item = usize>,
) {
    let at = |i: usize| {
        centers
            .get(i)
            .map_or(Pos2::ZERO, |&(x, y)| Pos2::new(x as f32, y as f32))
    };
    for l in links {
        let Some(edge) = edges.get(l).and_then(|&e| graph.edge_mut(e)) else {
            continue;
        };
        let Some(route) = router.route(l) else {
            continue;
        };
        let Some(link) = router.link(l) else {
            continue;
        };
        edge.payload_mut().route = EdgeRoute::new(route, [at(link.from), at(link.to)]);
    }
}

/// Moves every node to its service's position (after an edit that kept the
/// structure).
fn place_nodes(graph: &mut CanvasGraph, nodes: &[NodeIndex], map: &Map) {
    for (&n, p) in nodes.iter().zip(display_positions(map)) {
        if let Some(node) = graph.node_mut(n) {
            node.set_location(p);
        }
    }
}

/// Updates colours, halos, badges and dimming without rebuilding the graph.
fn restyle_graph(graph: &mut CanvasGraph, nodes: &[NodeIndex], edges: &[EdgeIndex], style: &Style) {
    let Style {
        map,
        theme,
        selection,
        focus,
        findings,
        highlight,
        hovered,
        view,
    } = *style;
    // Halos only where the eye is: the selection, the unfolded finding's
    // subjects (the focus, unless a stream is what is focused), the
    // hovered finding's, or everything when asked; the badges mark every
    // element with findings.
    let finding_focus = focus.filter(|_| !matches!(selection, Selection::Stream(_)));
    let in_finding = |id: &Id| {
        finding_focus.is_some_and(|f| f.contains(id)) || hovered.is_some_and(|h| h.contains(id))
    };
    let haloed = |id: &Id| highlight || selection.has_service(id) || in_finding(id);
    let selected_stream = match selection {
        Selection::Stream(id) => map.stream(id.as_str()),
        _ => None,
    };
    // Worst severity and count of the live findings naming each subject.
    let marks = crate::analysis::marks::Marks::new(findings);
    // Teams by id: a linear search per service would make a restyle of an
    // organisation quadratic.
    let teams: HashMap<&Id, &crate::model::Team> = map.teams.iter().map(|t| (&t.id, t)).collect();
    let colors = crate::palette::TeamColors::of(map);
    for (i, s) in map.services.iter().enumerate() {
        let team = s.owner.as_ref().and_then(|t| teams.get(t).copied());
        let fill = team.map_or(theme.unowned, |t| {
            colors
                .get(&t.id)
                .map_or(theme.unowned, crate::ui::theme::rgb)
        });
        let mark = marks.subject(&s.id);
        let look = NodeLook {
            fill,
            stroke: Stroke::new(1.0, theme.ink),
            text_color: shapes::text_color_on(shapes::body_fill(s.kind, fill)),
            dimmed: focus.is_some_and(|f| !f.contains(&s.id)),
            selected: selection.has_service(&s.id),
            selection_color: theme.selection,
            unowned: team.is_none() && s.kind != ServiceKind::External,
            halo: mark
                .filter(|_| haloed(&s.id))
                .map(|m| theme.severity(m.worst)),
            badge: mark.map(|m| (m.findings.len(), theme.severity(m.worst))),
            change: None,
        };
        if let Some(node) = graph.node_mut(nodes[i]) {
            node.set_selected(look.selected);
            node.payload_mut().restyle(&s.name, s.kind, look);
            node.payload_mut().in_zone = team.is_some();
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
            let link_haloed =
                highlight || selected || (in_finding(&link.from) && in_finding(&link.to));
            data.halo = marks
                .pair(&link.from, &link.to)
                .filter(|_| link_haloed)
                .map(|m| theme.severity(m.worst));
            data.selected = selected;
            data.selection = theme.selection;
            data.hidden = !view.shows_link(link, selected_stream);
            data.backing = theme.canvas;
            if *data.label != *link.label {
                data.label = link.label.as_str().into();
            }
        }
    }
}

fn plain_look() -> NodeLook {
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
        change: None,
    }
}

/// The tag a service's diff mark gives it, and its colour.
fn change_tag(mark: &Mark, theme: &Theme) -> (ChangeTag, Color32) {
    match mark {
        Mark::Added => (ChangeTag::Added, theme.added),
        Mark::Removed => (ChangeTag::Removed, theme.removed),
        Mark::Changed => (ChangeTag::Changed, theme.changed),
        Mark::OwnerMoved(_) => (ChangeTag::OwnerMoved, theme.changed),
    }
}

/// Tags each service a comparison changed (see [`ChangeTag`]) that is not
/// dimmed, leaving the rest of its look as the findings and the focus made
/// it.
fn tag_changes(
    graph: &mut CanvasGraph,
    nodes: &[NodeIndex],
    map: &Map,
    theme: &Theme,
    marks: &DiffMarks,
) {
    for (i, s) in map.services.iter().enumerate() {
        let Some(node) = graph.node_mut(nodes[i]) else {
            continue;
        };
        let tag = marks.service(&s.id).map(|m| change_tag(m, theme));
        // Only where the eye is: a dimmed service's change is not the
        // slide's story.
        let look = node.payload_mut().look_mut();
        look.change = tag.filter(|_| !look.dimmed);
    }
}

/// Colours the overlay of a comparison: added green, removed as red ghosts,
/// changed amber, ownership moves ringed in the previous owner's colour.
fn apply_diff_marks(
    graph: &mut CanvasGraph,
    nodes: &[NodeIndex],
    edges: &[EdgeIndex],
    map: &Map,
    theme: &Theme,
    marks: &DiffMarks,
) {
    for (i, s) in map.services.iter().enumerate() {
        let Some(node) = graph.node_mut(nodes[i]) else {
            continue;
        };
        let look = node.payload_mut().look_mut();
        look.badge = None;
        look.halo = None;
        let mark = marks.service(&s.id);
        look.change = mark.map(|m| change_tag(m, theme));
        match mark {
            Some(Mark::Added) => look.halo = Some(theme.added),
            Some(Mark::Removed) => {
                look.halo = Some(theme.removed);
                look.dimmed = true;
            }
            Some(Mark::Changed) => {}
            Some(Mark::OwnerMoved(from)) => {
                let old = from.as_ref().and_then(|t| map.team(t.as_str()));
                look.halo = Some(old.map_or(theme.unowned, |t| team_fill(map, t)));
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
