//! The canvas: services, links and streams drawn with `egui_graphs`.
//!
//! Three things here are not plain `GraphView` use, each for a reason:
//! - **Positions are the map's.** [`KeepPositions`] is a layout that never
//!   moves a node (egui_graphs' default random layout would), and drags are
//!   written back to the map as one undoable edit when the drag ends.
//! - **Idle costs nothing.** `GraphView::show` requests a repaint on every
//!   call. The canvas calls it only on frames with input over the canvas or a
//!   change to draw, keeps the shapes it painted, and replays them on other
//!   frames. The repaint it asked for is therefore answered by one replayed
//!   frame, after which the app sleeps until the next input.
//! - **Culling and level of detail.** Nodes and links off screen produce no
//!   shapes; labels disappear when too small to read and nodes become plain
//!   blocks when zoomed far out, so large maps stay fast.

use std::collections::{BTreeSet, HashMap};

use egui::epaint::ClippedShape;
use egui::{Color32, Pos2, Rect, Sense, Shape, Stroke, Vec2, pos2, vec2};
use egui_graphs::{
    DisplayEdge, DisplayNode, DrawContext, EdgeProps, ForceAlgorithm, FruchtermanReingold,
    GraphChange, GraphView, Layout, LayoutState, MetadataFrame, Node, NodeProps,
    SettingsInteraction, SettingsNavigation, SettingsStyle,
};
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableGraph};
use petgraph::{Directed, csr::DefaultIx};

use super::app::{Action, Selection, name_of};
use super::document::Document;
use super::shapes::{self, NODE_SIZE, NodeLook};
use super::theme::{STREAM_PALETTE, Theme, color32, team_fill};
use crate::edit::{Edit, ServiceField, ops};
use crate::model::{Id, LinkKind, Map, ServiceKind};

mod display;
mod overlays;
mod streams;
mod style;

use display::*;
pub use display::{EdgeData, LinkDisplay, NodeData, ServiceDisplay};
pub use display::{KeepPositions, KeepPositionsState};
use streams::*;
pub use style::display_positions;
use style::*;

/// The egui_graphs id of the canvas view (its zoom and pan live under it).
const VIEW_ID: &str = "vsmap-canvas";
/// Below this on-screen node width, nodes are drawn as plain blocks.
const BLOCK_BELOW_PX: f32 = 28.0;
/// Below this zoom, labels are dropped (they would be unreadably small).
const MIN_LABEL_ZOOM: f32 = 0.3;
/// Zoom limits.
const MIN_ZOOM: f32 = 0.002;
const MAX_ZOOM: f32 = 4.0;

/// Vertical wheel movement this frame, in points (egui's smoothed scroll
/// would keep the app repainting for a while after the wheel stops).
fn wheel_delta(i: &egui::InputState) -> f32 {
    i.raw
        .events
        .iter()
        .map(|e| match e {
            egui::Event::MouseWheel { unit, delta, .. } => match unit {
                egui::MouseWheelUnit::Point => delta.y,
                egui::MouseWheelUnit::Line => delta.y * 40.0,
                egui::MouseWheelUnit::Page => delta.y * 400.0,
            },
            _ => 0.0,
        })
        .sum()
}

/// How long an animated camera move takes.
const CAMERA_SECONDS: f64 = 0.45;

/// An animated move of the view, from one zoom and pan to another.
#[derive(Debug, Clone, Copy)]
struct CameraMove {
    start: f64,
    from: (f32, Vec2),
    to: (f32, Vec2),
}

/// The zoom a reveal from far out lands on: names are drawn and a service's
/// neighbourhood stays in view.
const REVEAL_ZOOM: f32 = 0.6;

/// Canvas to screen: `screen = canvas * zoom + offset`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transform {
    /// Zoom factor.
    pub zoom: f32,
    /// Screen position of the canvas origin.
    pub offset: Vec2,
}

impl Default for Transform {
    fn default() -> Self {
        Transform {
            zoom: 1.0,
            offset: Vec2::ZERO,
        }
    }
}

impl Transform {
    /// Canvas to screen.
    pub fn to_screen(&self, p: Pos2) -> Pos2 {
        (p.to_vec2() * self.zoom + self.offset).to_pos2()
    }

    /// Screen to canvas.
    pub fn to_canvas(&self, p: Pos2) -> Pos2 {
        ((p.to_vec2() - self.offset) / self.zoom).to_pos2()
    }
}

/// What the canvas looked like when its shapes were captured.
#[derive(Clone, PartialEq)]
struct LookKey {
    revision: u64,
    selection: Selection,
    focus: Option<BTreeSet<Id>>,
    dark: bool,
}

/// The canvas and its view state.
pub struct Canvas {
    graph: Option<CanvasGraph>,
    /// Graph node of each service, by position in `map.services`.
    nodes: Vec<NodeIndex>,
    edges: Vec<EdgeIndex>,
    built_revision: Option<u64>,
    /// The services and links (ids, in order) the graph was built from: an
    /// edit that keeps them (a rename, an owner, a move) restyles the graph
    /// instead of rebuilding it.
    built_structure: Option<u64>,
    look: Option<LookKey>,
    /// Shapes of the last live frame, replayed on idle frames.
    replay: Vec<ClippedShape>,
    replay_rect: Rect,
    replay_ppp: f32,
    /// The widget id of the graph view, registered on replayed frames too.
    view_widget: Option<egui::Id>,
    /// Live frames in a row with the same canvas rectangle.
    stable_frames: u8,
    force_live: bool,
    pending_fit: bool,
    pending_zoom: Option<f32>,
    pending_reveal: Option<Rect>,
    /// Canvas to screen, as of the last frame.
    pub transform: Transform,
    /// The canvas' screen rectangle, as of the last frame.
    pub rect: Rect,
    renaming: Option<(Id, String, bool)>,
    box_start: Option<Pos2>,
    link_from: Option<usize>,
    context_menu: Option<(Pos2, Pos2, Option<usize>)>,
    /// Room to leave free at each side when framing (min: left/top,
    /// max: right/bottom), for cards drawn over the canvas.
    pub frame_insets: Rect,
    /// Frame these canvas bounds next, animated or not.
    pending_frame: Option<(Rect, bool)>,
    camera: Option<CameraMove>,
    /// Which document the canvas shows (0 the open map, 1 the compared map,
    /// 2 the overlay); set by the app before drawing.
    pub source: u8,
    /// Diff marks to draw instead of finding halos (the compare overlay).
    pub diff_marks: Option<std::sync::Arc<crate::ui::compare::DiffMarks>>,
    /// Frames drawn by calling `GraphView::show`.
    pub live_frames: u64,
    /// Frames drawn by replaying the last shapes.
    pub replayed_frames: u64,
}

impl Default for Canvas {
    fn default() -> Self {
        Canvas {
            graph: None,
            nodes: Vec::new(),
            edges: Vec::new(),
            built_revision: None,
            built_structure: None,
            look: None,
            replay: Vec::new(),
            replay_rect: Rect::NOTHING,
            replay_ppp: 0.0,
            view_widget: None,
            stable_frames: 0,
            force_live: true,
            pending_fit: true,
            pending_zoom: None,
            pending_reveal: None,
            transform: Transform::default(),
            rect: Rect::NOTHING,
            renaming: None,
            box_start: None,
            link_from: None,
            context_menu: None,
            frame_insets: Rect::ZERO,
            pending_frame: None,
            camera: None,
            source: 0,
            diff_marks: None,
            live_frames: 0,
            replayed_frames: 0,
        }
    }
}

impl Canvas {
    /// The shapes the canvas painted on its last live frame, and where.
    pub fn painted(&self) -> (&[ClippedShape], Rect) {
        (&self.replay, self.replay_rect)
    }

    /// Fits the whole map on the next frame.
    pub fn request_fit(&mut self) {
        self.pending_fit = true;
        self.stable_frames = 0;
        self.force_live = true;
    }

    /// Zooms around the view centre on the next frame.
    pub fn zoom_by(&mut self, factor: f32) {
        self.pending_zoom = Some(self.pending_zoom.unwrap_or(1.0) * factor);
        self.force_live = true;
    }

    /// Forgets the view and the graph (a new document).
    pub fn reset_view(&mut self) {
        self.graph = None;
        self.built_revision = None;
        self.look = None;
        self.renaming = None;
        self.request_fit();
    }

    /// Starts inline renaming of a service.
    pub fn start_rename(&mut self, id: Id, name: String) {
        self.renaming = Some((id, name, false));
        self.force_live = true;
    }

    /// The view centre in canvas coordinates.
    pub fn view_center(&self) -> (f64, f64) {
        let c = self.transform.to_canvas(self.rect.center());
        (f64::from(c.x), f64::from(c.y))
    }

    /// Pans (and zooms out if needed) to show these services.
    pub fn reveal(&mut self, map: &Map, ids: &[Id]) {
        let positions = display_positions(map);
        let mut bounds = Rect::NOTHING;
        for (i, s) in map.services.iter().enumerate() {
            if ids.contains(&s.id) {
                bounds = bounds.union(Rect::from_center_size(positions[i], NODE_SIZE));
            }
        }
        if bounds.is_positive() {
            self.pending_reveal = Some(bounds);
            self.stable_frames = 0;
            self.force_live = true;
        }
    }

    /// Fits the view to these services (or the whole map when empty), with
    /// a smooth camera move when `animate`.
    pub fn frame_services(&mut self, map: &Map, ids: &[Id], animate: bool) {
        let positions = display_positions(map);
        let bounds = map
            .services
            .iter()
            .enumerate()
            .filter(|(_, s)| ids.is_empty() || ids.contains(&s.id))
            .fold(Rect::NOTHING, |b, (i, _)| {
                b.union(Rect::from_center_size(positions[i], NODE_SIZE))
            });
        if bounds.is_positive() {
            self.pending_frame = Some((bounds, animate));
            self.stable_frames = 0;
            self.force_live = true;
        }
    }

    /// Whether a camera move is under way.
    pub fn is_animating(&self) -> bool {
        self.camera.is_some()
    }

    /// Screen position of a service's centre as of the last frame (for tests
    /// and tools that need to point at a node).
    pub fn screen_pos_of(&self, map: &Map, id: &str) -> Option<Pos2> {
        let i = map.services.iter().position(|s| s.id.as_str() == id)?;
        Some(self.transform.to_screen(display_positions(map)[i]))
    }

    /// Positions from egui_graphs' force-directed layout, scaled to the map's spacing.
    pub fn force_directed_positions(&self, map: &Map) -> Vec<(Id, f64, f64)> {
        let mut graph = build_graph(map, &Theme::LIGHT, &Selection::None, None, &[]).0;
        let mut algorithm = FruchtermanReingold::default();
        let view = Rect::from_min_size(Pos2::ZERO, vec2(1000.0, 1000.0));
        for _ in 0..400 {
            algorithm.step(&mut graph, view);
        }
        let raw: Vec<Pos2> = (0..map.services.len())
            .map(|i| {
                graph
                    .node(NodeIndex::new(i))
                    .map_or(Pos2::ZERO, |n| n.location())
            })
            .collect();
        let bounds = Rect::from_points(&raw);
        // Spread to roughly the room nodes need: about 230 x 140 per service.
        let n = (map.services.len().max(1) as f32).sqrt();
        let target = vec2(230.0 * n * 1.3, 140.0 * n * 1.3);
        let scale = vec2(
            target.x / bounds.width().max(1.0),
            target.y / bounds.height().max(1.0),
        );
        map.services
            .iter()
            .zip(raw)
            .map(|(s, p)| {
                let q = (p - bounds.min) * scale;
                (s.id.clone(), f64::from(q.x), f64::from(q.y))
            })
            .collect()
    }

    /// Brings the egui_graphs graph up to date with the document: rebuilt
    /// after an edit, restyled after a change of selection, focus or theme.
    /// Returns whether anything changed, so that the next frame is drawn live.
    /// The canvas calls it at the start of every frame; it is public so that
    /// the cost of an edit can be measured without drawing.
    pub fn sync(
        &mut self,
        doc: &Document,
        selection: &Selection,
        focus: Option<&BTreeSet<Id>>,
        theme: &Theme,
    ) -> bool {
        let map = doc.map();
        // Which document is shown matters too: comparing switches between three.
        let build_key = doc.revision() ^ (u64::from(self.source) << 56);
        if self.built_revision != Some(build_key) || self.graph.is_none() {
            let structure = structure_key(map, self.source);
            match &mut self.graph {
                Some(graph) if self.built_structure == Some(structure) => {
                    place_nodes(graph, &self.nodes, map);
                }
                _ => {
                    let (graph, nodes, edges) =
                        build_graph(map, theme, selection, focus, doc.findings());
                    self.graph = Some(graph);
                    self.nodes = nodes;
                    self.edges = edges;
                    self.built_structure = Some(structure);
                }
            }
            self.built_revision = Some(build_key);
            self.look = None;
        }
        let look = LookKey {
            revision: build_key,
            selection: selection.clone(),
            focus: focus.cloned(),
            dark: theme.dark,
        };
        let restyle = self.look.as_ref() != Some(&look);
        if restyle {
            if let Some(graph) = &mut self.graph {
                // Diff marks replace the findings' halos and badges, so the
                // findings are not marked on the graph at all.
                let findings = match &self.diff_marks {
                    Some(_) => &[][..],
                    None => doc.findings(),
                };
                restyle_graph(
                    graph,
                    &self.nodes,
                    &self.edges,
                    map,
                    theme,
                    selection,
                    focus,
                    findings,
                );
                if let Some(marks) = &self.diff_marks {
                    apply_diff_marks(graph, &self.nodes, &self.edges, map, theme, marks);
                }
            }
            self.look = Some(look);
        }
        restyle
    }

    /// Draws the canvas; returns the actions the user asked for.
    pub fn canvas_ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &Document,
        selection: &Selection,
        focus: Option<&BTreeSet<Id>>,
        theme: &Theme,
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        let rect = ui.available_rect_before_wrap();
        let ctx = ui.ctx().clone();
        let ppp = ctx.pixels_per_point();

        let restyle = self.sync(doc, selection, focus, theme);

        let (pointer, input_here, any_down) = ctx.input(|i| {
            let pos = i.pointer.latest_pos();
            let over = pos.is_some_and(|p| rect.contains(p));
            // Any pointer event counts, including the first move onto the
            // canvas (whose delta is zero).
            let activity = i.raw.events.iter().any(|e| {
                matches!(
                    e,
                    egui::Event::PointerMoved(_)
                        | egui::Event::PointerButton { .. }
                        | egui::Event::MouseWheel { .. }
                        | egui::Event::Zoom(_)
                        | egui::Event::Touch { .. }
                )
            });
            (pos, over && activity, i.pointer.any_down())
        });
        let dragging = self
            .graph
            .as_ref()
            .is_some_and(|g| g.dragged_node().is_some())
            || self.box_start.is_some()
            || self.link_from.is_some();
        let live = restyle
            || self.force_live
            || input_here
            || (any_down && dragging)
            || self.replay.is_empty()
            || self.replay_rect != rect
            || self.replay_ppp != ppp;

        if live {
            self.live_frames += 1;
            self.force_live = false;
            self.live_frame(ui, rect, doc, selection, focus, theme, &mut actions);
        } else {
            self.replayed_frames += 1;
            // Register the view's widget as GraphView would, so that a press
            // arriving on the next frame is attributed to it.
            match self.view_widget {
                Some(id) => {
                    ui.interact(rect, id, Sense::click_and_drag());
                }
                None => {
                    ui.allocate_rect(rect, Sense::click_and_drag());
                }
            }
            let layer = ui.layer_id();
            let shapes = self.replay.clone();
            ctx.graphics_mut(|g| {
                let list = g.entry(layer);
                for s in shapes {
                    list.add(s.clip_rect, s.shape);
                }
            });
        }

        self.overlays_ui(ui, doc, theme, pointer, &mut actions);
        actions
    }

    #[allow(clippy::too_many_arguments)]
    fn live_frame(
        &mut self,
        ui: &mut egui::Ui,
        rect: Rect,
        doc: &Document,
        selection: &Selection,
        focus: Option<&BTreeSet<Id>>,
        theme: &Theme,
        actions: &mut Vec<Action>,
    ) {
        let ctx = ui.ctx().clone();
        let map = doc.map();
        let layer = ui.layer_id();
        let first_shape = ctx.graphics(|g| g.get(layer).map_or(0, |l| l.next_idx().0));
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, theme.canvas);
        // Stream lines go behind the nodes; they are drawn after the view so
        // that they follow nodes being dragged this very frame.
        let streams_slot = painter.add(Shape::Noop);

        let modifiers = ctx.input(|i| i.modifiers);
        let pressed_at = ctx.input(|i| {
            if i.pointer.primary_pressed() {
                i.pointer.interact_pos()
            } else {
                None
            }
        });
        // Alt-drag from a service draws a link; Shift-drag on empty canvas selects a box.
        if let Some(p) = pressed_at.filter(|p| rect.contains(*p)) {
            let under = self.service_at(map, p);
            if modifiers.alt && under.is_some() {
                self.link_from = under;
            } else if modifiers.shift && under.is_none() {
                self.box_start = Some(p);
            }
        }

        let mut meta = MetadataFrame::new(Some(VIEW_ID.to_string())).load(ui);
        self.apply_pending_view(&mut meta, rect, map, &ctx);
        meta.save(ui);

        let interactions = SettingsInteraction::new()
            .with_dragging_enabled(self.link_from.is_none() && self.box_start.is_none())
            .with_hover_enabled(true)
            .with_node_clicking_enabled(true)
            .with_node_selection_enabled(false)
            .with_edge_clicking_enabled(true)
            .with_edge_selection_enabled(false);
        let navigation = SettingsNavigation::new()
            .with_zoom_and_pan_enabled(self.box_start.is_none() && self.link_from.is_none())
            .with_fit_to_screen_enabled(false)
            .with_zoom_speed(0.1);
        let style = SettingsStyle::new().with_labels_always(true);

        let Some(graph) = &mut self.graph else { return };
        let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect));
        let response = GraphView::<KeepPositionsState, KeepPositions>::new()
            .with_interactions(&interactions)
            .with_navigations(&navigation)
            .with_styles(&style)
            .with_id(Some(VIEW_ID.to_string()))
            .show(&mut child, graph);

        let meta = MetadataFrame::new(Some(VIEW_ID.to_string())).load(ui);
        self.transform = Transform {
            zoom: meta.zoom,
            offset: meta.pan + rect.min.to_vec2(),
        };
        self.rect = rect;

        // Node drags move every selected node together; the map changes once, when the drag ends.
        let mut clicked_something = false;
        for change in &response.changes {
            match change {
                GraphChange::NodeMoved { node, delta, .. } => {
                    let moved = node.index();
                    let Some(i) = self.nodes.iter().position(|n| n.index() == moved) else {
                        continue;
                    };
                    if selection.has_service(&map.services[i].id) {
                        for (j, s) in map.services.iter().enumerate() {
                            if j != i
                                && selection.has_service(&s.id)
                                && let Some(n) = graph.node_mut(self.nodes[j])
                            {
                                n.set_location(n.location() + *delta);
                            }
                        }
                    }
                }
                GraphChange::NodeDragEnded { node } => {
                    let Some(i) = self.nodes.iter().position(|n| n == node) else {
                        continue;
                    };
                    let id = &map.services[i].id;
                    let group: Vec<usize> = if selection.has_service(id) {
                        (0..map.services.len())
                            .filter(|&j| selection.has_service(&map.services[j].id))
                            .collect()
                    } else {
                        vec![i]
                    };
                    let moves: Vec<(Id, f64, f64)> = group
                        .iter()
                        .filter_map(|&j| {
                            let p = graph.node(self.nodes[j])?.location();
                            Some((map.services[j].id.clone(), f64::from(p.x), f64::from(p.y)))
                        })
                        .collect();
                    let edits = ops::move_services(map, &moves);
                    if !edits.is_empty() {
                        let label = match group.as_slice() {
                            [one] => format!("Move {}", map.services[*one].name),
                            _ => format!("Move {} services", group.len()),
                        };
                        actions.push(Action::Edit {
                            label,
                            edits,
                            select: None,
                        });
                    }
                }
                GraphChange::NodeClicked { node } => {
                    clicked_something = true;
                    if let Some(i) = self.nodes.iter().position(|n| n == node) {
                        let id = map.services[i].id.clone();
                        actions.push(if modifiers.command || modifiers.ctrl {
                            Action::ToggleService(id)
                        } else {
                            Action::Select(Selection::Services(vec![id]))
                        });
                    }
                }
                GraphChange::NodeDoubleClicked { node } => {
                    clicked_something = true;
                    if let Some(i) = self.nodes.iter().position(|n| n == node) {
                        self.renaming = Some((
                            map.services[i].id.clone(),
                            map.services[i].name.clone(),
                            false,
                        ));
                    }
                }
                GraphChange::EdgeClicked { edge } => {
                    clicked_something = true;
                    if let Some(l) = self.edges.iter().position(|e| e == edge) {
                        let link = &map.links[l];
                        actions.push(Action::Select(Selection::Link(
                            link.from.clone(),
                            link.to.clone(),
                            link.kind,
                        )));
                    }
                }
                _ => {}
            }
        }
        let positions: Vec<Pos2> = self
            .nodes
            .iter()
            .map(|n| graph.node(*n).map_or(Pos2::ZERO, |n| n.location()))
            .collect();
        let resp = &response.response;
        self.view_widget = Some(resp.id);
        if let Some(p) = resp
            .hover_pos()
            .or(resp.interact_pointer_pos())
            .filter(|_| !clicked_something)
        {
            if resp.double_clicked() && self.service_at(map, p).is_none() {
                let c = self.transform.to_canvas(p);
                actions.push(Action::AddServiceAt(f64::from(c.x), f64::from(c.y)));
            } else if resp.clicked()
                && !(modifiers.command || modifiers.ctrl)
                && self.service_at(map, p).is_none()
            {
                actions.push(Action::Select(Selection::None));
                self.context_menu = None;
            }
        }
        if resp.secondary_clicked()
            && let Some(p) = resp.interact_pointer_pos()
        {
            self.context_menu = Some((p, self.transform.to_canvas(p), self.service_at(map, p)));
        }

        self.finish_gestures(&ctx, map, selection, actions);
        // Wheel zoom without Ctrl (egui_graphs zooms only on Ctrl+wheel and pinch).
        let scroll: f32 = ctx.input(|i| {
            if i.modifiers.command || i.modifiers.ctrl {
                0.0
            } else {
                wheel_delta(i)
            }
        });
        if scroll != 0.0 && resp.hovered() {
            self.pending_zoom = Some((1.0 + scroll * 0.0015).clamp(0.5, 2.0));
            self.force_live = true;
            ctx.request_repaint();
        }

        painter.set(
            streams_slot,
            Shape::Vec(stream_shapes(
                &ctx,
                map,
                &positions,
                &self.transform,
                focus,
                selection,
                theme,
                rect,
            )),
        );
        if map.services.is_empty() {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Double-click to add a service",
                egui::FontId::proportional(16.0),
                theme.muted,
            );
        }

        // Keep what was painted, to replay on idle frames.
        self.replay = ctx.graphics(|g| {
            g.get(layer)
                .map(|l| l.all_entries().skip(first_shape).cloned().collect())
                .unwrap_or_default()
        });
        self.replay_rect = rect;
        self.replay_ppp = ctx.pixels_per_point();
    }

    fn apply_pending_view(
        &mut self,
        meta: &mut MetadataFrame,
        rect: Rect,
        map: &Map,
        ctx: &egui::Context,
    ) {
        let size = rect.size();
        // Panels around the canvas may still be settling their widths after a
        // selection; fit and reveal wait until the canvas keeps its size.
        self.stable_frames = if self.rect == rect {
            self.stable_frames.saturating_add(1)
        } else {
            0
        };
        let pending =
            self.pending_fit || self.pending_reveal.is_some() || self.pending_frame.is_some();
        if pending && self.stable_frames < 2 {
            self.force_live = true;
            return;
        }
        if self.pending_fit {
            self.pending_fit = false;
            let positions = display_positions(map);
            let bounds = positions.iter().fold(Rect::NOTHING, |b, p| {
                b.union(Rect::from_center_size(*p, NODE_SIZE))
            });
            if bounds.is_positive() {
                fit(meta, size, bounds.expand(40.0));
            }
        }
        if let Some(bounds) = self.pending_reveal.take() {
            let visible = Rect::from_min_size((-meta.pan / meta.zoom).to_pos2(), size / meta.zoom);
            // Zoomed out past the labels, a service "in view" is a dot among
            // thousands: revealing it zooms in until its name is drawn.
            let too_small = meta.zoom < MIN_LABEL_ZOOM;
            if !visible.contains_rect(bounds) || too_small {
                let zoom = if too_small { REVEAL_ZOOM } else { meta.zoom };
                let mut target = meta.clone();
                if bounds.width() * zoom < size.x * 0.9 && bounds.height() * zoom < size.y * 0.9 {
                    target.zoom = zoom;
                    target.pan = size * 0.5 - bounds.center().to_vec2() * zoom;
                } else {
                    fit(&mut target, size, bounds.expand(60.0));
                }
                // A pan at the same zoom is a small step; a zoom from an
                // overview into one service is followed more easily moving.
                let animate = target.zoom != meta.zoom;
                self.move_camera(ctx, meta, &target, animate);
            }
        }
        if let Some((bounds, animate)) = self.pending_frame.take() {
            // Frame into the part of the canvas that overlays leave free.
            let free = Rect::from_min_max(
                Pos2::new(self.frame_insets.min.x, self.frame_insets.min.y),
                Pos2::new(
                    size.x - self.frame_insets.max.x,
                    size.y - self.frame_insets.max.y,
                ),
            );
            let mut target = meta.clone();
            fit(
                &mut target,
                free.size().max(Vec2::splat(50.0)),
                bounds.expand(40.0),
            );
            target.pan += free.min.to_vec2();
            self.move_camera(ctx, meta, &target, animate);
        }
        if let Some(camera) = &self.camera {
            // Smooth camera moves repaint only while they move.
            let t =
                ((ctx.input(|i| i.time) - camera.start) / CAMERA_SECONDS).clamp(0.0, 1.0) as f32;
            let eased = t * t * (3.0 - 2.0 * t);
            meta.zoom = camera.from.0 + (camera.to.0 - camera.from.0) * eased;
            meta.pan = camera.from.1 + (camera.to.1 - camera.from.1) * eased;
            if t < 1.0 {
                self.force_live = true;
                ctx.request_repaint();
            } else {
                self.camera = None;
            }
        }
        if let Some(factor) = self.pending_zoom.take() {
            let anchor = ctx
                .input(|i| i.pointer.hover_pos())
                .filter(|p| rect.contains(*p))
                .unwrap_or(rect.center())
                - rect.min;
            let new_zoom = (meta.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
            meta.pan = anchor - (anchor - meta.pan) * (new_zoom / meta.zoom);
            meta.zoom = new_zoom;
        }
    }

    /// Moves the view to `target`'s zoom and pan: at once, or as a smooth
    /// camera move that the following frames play.
    fn move_camera(
        &mut self,
        ctx: &egui::Context,
        meta: &mut MetadataFrame,
        target: &MetadataFrame,
        animate: bool,
    ) {
        if animate {
            self.camera = Some(CameraMove {
                start: ctx.input(|i| i.time),
                from: (meta.zoom, meta.pan),
                to: (target.zoom, target.pan),
            });
        } else {
            (meta.zoom, meta.pan) = (target.zoom, target.pan);
        }
    }

    fn finish_gestures(
        &mut self,
        ctx: &egui::Context,
        map: &Map,
        selection: &Selection,
        actions: &mut Vec<Action>,
    ) {
        let (released, pos, modifiers) = ctx.input(|i| {
            (
                i.pointer.primary_released(),
                i.pointer.interact_pos(),
                i.modifiers,
            )
        });
        if !released {
            return;
        }
        if let (Some(start), Some(end)) = (self.box_start.take(), pos) {
            let area = Rect::from_two_pos(
                self.transform.to_canvas(start),
                self.transform.to_canvas(end),
            );
            let positions = display_positions(map);
            let mut ids: Vec<Id> = if modifiers.command || modifiers.ctrl {
                selection.services().to_vec()
            } else {
                Vec::new()
            };
            for (i, s) in map.services.iter().enumerate() {
                if area.contains(positions[i]) && !ids.contains(&s.id) {
                    ids.push(s.id.clone());
                }
            }
            actions.push(Action::Select(if ids.is_empty() {
                Selection::None
            } else {
                Selection::Services(ids)
            }));
        }
        if let (Some(from), Some(end)) = (self.link_from.take(), pos)
            && let Some(to) = self.service_at(map, end)
        {
            let (from, to) = (&map.services[from].id, &map.services[to].id);
            let edits = ops::add_link(map, from, to, LinkKind::Sync);
            if !edits.is_empty() {
                let label = format!("Link {} -> {}", name_of(map, from), name_of(map, to));
                let select = Selection::Link(from.clone(), to.clone(), LinkKind::Sync);
                actions.push(Action::Edit {
                    label,
                    edits,
                    select: Some(select),
                });
            }
        }
    }

    /// The service under a screen position (topmost = last drawn).
    fn service_at(&self, map: &Map, screen: Pos2) -> Option<usize> {
        let p = self.transform.to_canvas(screen);
        let positions = display_positions(map);
        (0..map.services.len()).rev().find(|&i| {
            shapes::contains(
                map.services[i].kind,
                Rect::from_center_size(positions[i], NODE_SIZE),
                p,
            )
        })
    }
}

fn fit(meta: &mut MetadataFrame, size: Vec2, bounds: Rect) {
    let zoom = (size.x / bounds.width())
        .min(size.y / bounds.height())
        .clamp(MIN_ZOOM, MAX_ZOOM.min(1.5));
    meta.zoom = zoom;
    meta.pan = size * 0.5 - bounds.center().to_vec2() * zoom;
}
