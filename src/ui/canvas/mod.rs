//! The canvas: services, links and streams drawn with `egui_graphs`.
//!
//! The contract of every view: `canvas_ui` reads what is shown and returns
//! [`Action`]s; it changes no application state. What the canvas keeps is
//! its own: the graph built from the map (`graph.rs`), the camera
//! (`camera.rs`), the gesture under way (`gestures.rs`) and the shapes of the
//! last live frame (`replay.rs`).
//!
//! Three things here are not plain `GraphView` use, each for a reason:
//! - **Positions are the map's.** [`KeepPositions`] is a layout that never
//!   moves a node (egui_graphs' default random layout would), and drags are
//!   written back to the map as one undoable edit when the drag ends.
//! - **Idle costs nothing.** Frames without input or change replay the last
//!   live frame's shapes (`replay.rs`).
//! - **Culling and level of detail.** Nodes and links off screen produce no
//!   shapes; labels disappear when too small to read and nodes become plain
//!   blocks when zoomed far out, so large maps stay fast.

mod camera;
mod display;
mod fix_ghost;
mod force;
mod gestures;
mod graph;
mod hit;
mod overlays;
mod replay;
mod space;
mod streams;
mod teams;
mod teams_view;
mod wheel;
mod zones;

pub use display::{
    CanvasGraph, EdgeData, KeepPositions, KeepPositionsState, LinkDisplay, NodeData, ServiceDisplay,
};
pub use force::force_directed_positions;
pub use space::{Transform, display_positions};

use egui::epaint::ClippedShape;
use egui::{Pos2, Rect, Shape};
use egui_graphs::{
    GraphChange, GraphView, MetadataFrame, SettingsInteraction, SettingsNavigation, SettingsStyle,
};

use crate::edit::ops;
use crate::model::{Id, LinkKind, Map};
use crate::ui::state::{Action, Selection, Shown, name_of};
use crate::ui::theme::Theme;
use camera::Camera;
use display::shows_team_overview;
use gestures::Gesture;
use graph::GraphCache;
use hit::service_at;
use overlays::{Overlay, overlays_ui};
use replay::Replay;
use space::bounds_of;
use streams::{StreamView, stream_shapes};
use teams::{ArrowStyle, OverviewCache, OverviewView, block_tooltip, overview_shapes, team_at};
use teams_view::TeamsView;
use wheel::wheel_delta;
use zones::zone_shapes;

/// The egui_graphs id of the canvas view (its zoom and pan live under it).
const VIEW_ID: &str = "vsmap-canvas";

/// The canvas and its view state.
#[derive(Default)]
pub struct Canvas {
    graph: GraphCache,
    camera: Camera,
    gesture: Gesture,
    replay: Replay,
    /// The team overview last drawn (far out, or in the Teams view).
    overview: OverviewCache,
    /// View ▸ Teams' camera.
    teams_view: TeamsView,
    /// Draw the next frame live (a request, or a gesture that ended).
    force_live: bool,
}

impl Canvas {
    /// Canvas to screen, as of the last frame.
    pub fn transform(&self) -> Transform {
        self.camera.transform
    }

    /// The canvas' screen rectangle, as of the last frame.
    pub fn rect(&self) -> Rect {
        self.camera.rect
    }

    /// Keeps room free at each side when framing (min: left/top, max:
    /// right/bottom), for cards drawn over the canvas.
    pub fn set_frame_insets(&mut self, insets: Rect) {
        self.camera.frame_insets = insets;
    }

    /// The shapes the canvas painted on its last live frame, and where.
    pub fn painted(&self) -> (&[ClippedShape], Rect) {
        self.replay.painted()
    }

    /// Frames drawn by calling `GraphView::show`.
    pub fn live_frames(&self) -> u64 {
        self.replay.live_frames
    }

    /// Frames drawn by replaying the last shapes.
    pub fn replayed_frames(&self) -> u64 {
        self.replay.replayed_frames
    }

    /// Fits the whole map on the next frame.
    pub fn request_fit(&mut self) {
        self.camera.request_fit();
        self.teams_view.request_fit();
        self.force_live = true;
    }

    /// Zooms around the pointer (or the view centre) on the next frame.
    pub fn zoom_by(&mut self, factor: f32) {
        self.camera.zoom_by(factor);
        self.force_live = true;
    }

    /// Forgets the view, the graph and any gesture (a new document).
    pub fn reset_view(&mut self) {
        self.graph.clear();
        self.gesture = Gesture::Idle;
        self.request_fit();
    }

    /// Starts inline renaming of a service.
    pub fn start_rename(&mut self, id: Id, name: String) {
        self.gesture = Gesture::Renaming {
            id,
            text: name,
            focused: false,
        };
        self.force_live = true;
    }

    /// Whether Escape belongs to the canvas (its context menu or rename field).
    pub fn wants_escape(&self) -> bool {
        self.gesture.wants_escape()
    }

    /// Whether the context menu is open.
    pub fn has_context_menu(&self) -> bool {
        matches!(self.gesture, Gesture::ContextMenu { .. })
    }

    /// The view centre in canvas coordinates.
    pub fn view_center(&self) -> (f64, f64) {
        let c = self.camera.center();
        (f64::from(c.x), f64::from(c.y))
    }

    /// Pans (and zooms in from an overview, or out) to show these services.
    pub fn reveal(&mut self, map: &Map, ids: &[Id]) {
        let positions = display_positions(map);
        let bounds = bounds_of(
            map.services
                .iter()
                .zip(&positions)
                .filter(|(s, _)| ids.contains(&s.id))
                .map(|(_, p)| *p),
        );
        if bounds.is_positive() {
            self.camera.reveal(bounds);
            self.force_live = true;
        }
    }

    /// Fits the view to these services (or the whole map when empty), with
    /// a smooth camera move when `animate`.
    pub fn frame_services(&mut self, map: &Map, ids: &[Id], animate: bool) {
        self.frame_services_of(&[(map, ids)], animate);
    }

    /// Fits the view to services of several maps at once (each with its
    /// ids, or all of its services when empty): one camera for a stream
    /// before and after, so that what did not move stays put on screen.
    pub fn frame_services_of(&mut self, parts: &[(&Map, &[Id])], animate: bool) {
        let mut bounds = Rect::NOTHING;
        for (map, ids) in parts {
            let positions = display_positions(map);
            bounds = bounds.union(bounds_of(
                map.services
                    .iter()
                    .zip(&positions)
                    .filter(|(s, _)| ids.is_empty() || ids.contains(&s.id))
                    .map(|(_, p)| *p),
            ));
        }
        if bounds.is_positive() {
            self.camera.frame(bounds, animate);
            self.force_live = true;
        }
    }

    /// Whether a camera move is under way.
    pub fn is_animating(&self) -> bool {
        self.camera.is_moving()
    }

    /// Screen position of a service's centre as of the last frame (for tests
    /// and tools that need to point at a node).
    pub fn screen_pos_of(&self, map: &Map, id: &str) -> Option<Pos2> {
        let i = map.services.iter().position(|s| s.id.as_str() == id)?;
        Some(self.camera.transform.to_screen(display_positions(map)[i]))
    }

    /// The box of a service on screen as of the last frame: what a slide's
    /// callouts and cards keep clear of.
    pub fn screen_rect_of(&self, map: &Map, id: &str) -> Option<Rect> {
        let i = map.services.iter().position(|s| s.id.as_str() == id)?;
        let s = &map.services[i];
        let (x, y) = map.display_positions()[i];
        let r = crate::geometry::node_rect(s.kind, &s.name, crate::geometry::pt(x, y));
        let t = &self.camera.transform;
        let corner = |p: crate::geometry::Point| t.to_screen(Pos2::new(p.x as f32, p.y as f32));
        Some(Rect::from_two_pos(corner(r.min), corner(r.max)))
    }

    /// Where the Teams view drew a team's block on its last frame (for tests
    /// and tools that need to point at a team).
    pub fn team_block_on_screen(&self, team: &str) -> Option<Rect> {
        let overview = self.overview.last_laid_out()?;
        let t = self.teams_view.transform()?;
        let block = overview.blocks.iter().find(|b| {
            overview.graph.nodes[b.node]
                .team
                .as_ref()
                .is_some_and(|id| id.as_str() == team)
        })?;
        let at = |q: crate::geometry::Point| t.to_screen(Pos2::new(q.x as f32, q.y as f32));
        Some(Rect::from_min_max(at(block.rect.min), at(block.rect.max)))
    }

    /// Whether some links still wait for their routes: they settle a few
    /// milliseconds per frame after a map opens or an edit.
    pub fn routes_pending(&self) -> bool {
        self.graph.routes_pending()
    }

    /// Brings the egui_graphs graph up to date with what is shown. Returns
    /// whether anything changed, so that the next frame is drawn live. The
    /// canvas calls it at the start of every frame; it is public so that the
    /// cost of an edit can be measured without drawing.
    pub fn sync(&mut self, shown: &Shown, theme: &Theme) -> bool {
        self.graph.sync(shown, theme)
    }

    /// Draws the canvas; returns the actions the user asked for.
    pub fn canvas_ui(&mut self, ui: &mut egui::Ui, shown: &Shown, theme: &Theme) -> Vec<Action> {
        if shown.view.teams_view {
            // The map's canvas is drawn live again when the view returns,
            // and no gesture of it (a context menu, a rename) outlives it.
            self.force_live = true;
            self.gesture = Gesture::Idle;
            let overview = self.overview.laid_out(shown);
            return self.teams_view.teams_view_ui(ui, shown, overview, theme);
        }
        let mut actions = Vec::new();
        let rect = ui.available_rect_before_wrap();
        let ctx = ui.ctx().clone();
        let ppp = ctx.pixels_per_point();
        let changed = self.sync(shown, theme);
        if self.graph.routes_pending() {
            ctx.request_repaint();
        }

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
            .graph
            .as_ref()
            .is_some_and(|g| g.dragged_node().is_some())
            || self.gesture.is_drag();
        let live = changed
            || self.force_live
            || self.camera.has_pending()
            || input_here
            || (any_down && dragging)
            || !self.replay.can_replay(rect, ppp);

        if live {
            self.force_live = false;
            self.live_frame(ui, rect, shown, theme, &mut actions);
        } else {
            self.replay.replay(ui, rect);
        }

        let overlay = Overlay {
            doc: shown.doc,
            stream: match &*shown.selection {
                Selection::Stream(id) => shown.doc.map().stream(id.as_str()),
                _ => None,
            },
            view: shown.view,
            transform: self.camera.transform,
            rect: self.camera.rect,
            routes: self.graph.router(),
            layer: ui.layer_id(),
            far_out: shows_team_overview(self.camera.transform.zoom, shown.doc.map()),
            ghost: shown.ghost,
        };
        if let Some(ghost) = shown.ghost {
            let routes = self.graph.router();
            fix_ghost::fix_ghost_ui(
                ui,
                shown.doc.map(),
                ghost,
                routes,
                self.camera.transform,
                theme,
            );
        }
        if overlays_ui(
            ui,
            &overlay,
            &mut self.gesture,
            theme,
            pointer,
            &mut actions,
        ) {
            self.force_live = true;
        }
        actions
    }

    fn live_frame(
        &mut self,
        ui: &mut egui::Ui,
        rect: Rect,
        shown: &Shown,
        theme: &Theme,
        actions: &mut Vec<Action>,
    ) {
        let ctx = ui.ctx().clone();
        let map = shown.doc.map();
        let selection: &Selection = &shown.selection;
        let layer = ui.layer_id();
        let first_shape = Replay::start(&ctx, layer);
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, theme.canvas);
        // Team zones, then stream lines, go behind the nodes; they are drawn
        // after the view so that they follow nodes being dragged this very frame.
        let zones_slot = painter.add(Shape::Noop);
        let streams_slot = painter.add(Shape::Noop);

        let modifiers = ctx.input(|i| i.modifiers);
        let pressed_at = ctx.input(|i| {
            if i.pointer.primary_pressed() {
                i.pointer.interact_pos()
            } else {
                None
            }
        });
        // Alt-drag from a service draws a link; Shift-drag on empty canvas
        // selects a box. Neither starts while another gesture is under way.
        if let Some(p) = pressed_at.filter(|p| rect.contains(*p))
            && self.gesture == Gesture::Idle
        {
            let under = service_at(map, &self.camera.transform, p);
            match under {
                Some(from) if modifiers.alt => self.gesture = Gesture::Link { from },
                None if modifiers.shift => self.gesture = Gesture::BoxSelect { start: p },
                _ => {}
            }
        }

        let mut meta = MetadataFrame::new(Some(VIEW_ID.to_string())).load(ui);
        let again = self
            .camera
            .apply(&mut meta, rect, || bounds_of(display_positions(map)), &ctx);
        if again {
            self.force_live = true;
        }
        // Far out, services under a team's block are not dragged: the
        // block stands for them.
        let far_out = shows_team_overview(meta.zoom, map);
        meta.save(ui);

        let drag = self.gesture.is_drag();
        let interactions = SettingsInteraction::new()
            .with_dragging_enabled(!drag && !far_out)
            .with_hover_enabled(true)
            .with_node_clicking_enabled(true)
            .with_node_selection_enabled(false)
            .with_edge_clicking_enabled(true)
            .with_edge_selection_enabled(false);
        let navigation = SettingsNavigation::new()
            .with_zoom_and_pan_enabled(!drag)
            .with_fit_to_screen_enabled(false)
            .with_zoom_speed(0.1);
        let style = SettingsStyle::new().with_labels_always(true);

        // Far out, egui_graphs is handed only what it draws there (see
        // `GraphCache::far`); not while it drags a node of the whole graph.
        let far_graph = far_out
            && self
                .graph
                .graph
                .as_ref()
                .is_some_and(|g| g.dragged_node().is_none());
        if far_graph {
            self.graph.refresh_far();
        }
        let shown_graph = if far_graph {
            self.graph.far.as_mut()
        } else {
            self.graph.graph.as_mut()
        };
        let Some(graph) = shown_graph else {
            return;
        };
        let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect));
        let response = GraphView::<KeepPositionsState, KeepPositions>::new()
            .with_interactions(&interactions)
            .with_navigations(&navigation)
            .with_styles(&style)
            .with_id(Some(VIEW_ID.to_string()))
            .show(&mut child, graph);

        let meta = MetadataFrame::new(Some(VIEW_ID.to_string())).load(ui);
        self.camera.transform = Transform {
            zoom: meta.zoom,
            offset: meta.pan + rect.min.to_vec2(),
        };
        self.camera.rect = rect;
        let transform = self.camera.transform;
        let overview_zoom = shows_team_overview(transform.zoom, map);
        // Taken out of `self` while borrowed, and put back at the end.
        let mut overview_cache = std::mem::take(&mut self.overview);
        let overview = if overview_zoom {
            Some(overview_cache.at_zones(shown))
        } else {
            None
        };
        let pointer_at = response
            .response
            .hover_pos()
            .or(response.response.interact_pointer_pos());
        // Far out, a team's block takes clicks for the services it covers.
        let block_under = overview.and_then(|o| pointer_at.and_then(|p| team_at(o, &transform, p)));

        let nodes = &self.graph.nodes;
        let mut clicked_something = false;
        for change in &response.changes {
            if block_under.is_some()
                && matches!(
                    change,
                    GraphChange::NodeClicked { .. }
                        | GraphChange::NodeDoubleClicked { .. }
                        | GraphChange::EdgeClicked { .. }
                )
            {
                clicked_something = true;
                continue;
            }
            match change {
                // Nodes are not dragged far out, and the far graph's indices
                // are not the whole graph's.
                GraphChange::NodeMoved { .. } | GraphChange::NodeDragEnded { .. } if far_graph => {}
                // Node drags move every selected node together; the map
                // changes once, when the drag ends.
                GraphChange::NodeMoved { node, delta, .. } => {
                    let moved = node.index();
                    let Some(i) = nodes.iter().position(|n| n.index() == moved) else {
                        continue;
                    };
                    if selection.has_service(&map.services[i].id) {
                        for (j, s) in map.services.iter().enumerate() {
                            if j != i
                                && selection.has_service(&s.id)
                                && let Some(n) = graph.node_mut(nodes[j])
                            {
                                n.set_location(n.location() + *delta);
                            }
                        }
                    }
                }
                GraphChange::NodeDragEnded { node } => {
                    let Some(i) = nodes.iter().position(|n| n == node) else {
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
                            let p = graph.node(nodes[j])?.location();
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
                    if let Some(i) = graph.node(*node).map(|n| n.payload().service) {
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
                    if let Some(i) = graph.node(*node).map(|n| n.payload().service)
                        && self.gesture == Gesture::Idle
                    {
                        self.gesture = Gesture::Renaming {
                            id: map.services[i].id.clone(),
                            text: map.services[i].name.clone(),
                            focused: false,
                        };
                    }
                }
                GraphChange::EdgeClicked { edge } => {
                    clicked_something = true;
                    if let Some(link) = graph
                        .edge(*edge)
                        .and_then(|e| map.links.get(e.payload().link))
                    {
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
        // Where the services are drawn: nodes being dragged included.
        let whole = self.graph.graph.as_ref();
        let positions: Vec<Pos2> = nodes
            .iter()
            .map(|&n| {
                whole
                    .and_then(|g| g.node(n))
                    .map_or(Pos2::ZERO, |n| n.location())
            })
            .collect();
        let resp = &response.response;
        let view_widget = resp.id;
        if let (Some(o), Some(node)) = (overview, block_under) {
            let team = o.graph.nodes.get(node).and_then(|n| n.team.clone());
            if resp.double_clicked() {
                actions.push(Action::Reveal(o.service_ids(map, node)));
            } else if (resp.clicked() || clicked_something)
                && let Some(id) = team
            {
                actions.push(Action::Select(Selection::Team(id)));
            }
            resp.clone().on_hover_text(block_tooltip(map, o, node));
            clicked_something = true;
        }
        if let Some(p) = resp
            .hover_pos()
            .or(resp.interact_pointer_pos())
            .filter(|_| !clicked_something)
        {
            let on_service = service_at(map, &transform, p).is_some();
            if resp.double_clicked() && !on_service {
                let c = transform.to_canvas(p);
                actions.push(Action::AddServiceAt(f64::from(c.x), f64::from(c.y)));
            } else if resp.clicked() && !(modifiers.command || modifiers.ctrl) && !on_service {
                actions.push(Action::Select(Selection::None));
            }
        }
        if resp.secondary_clicked()
            && let Some(p) = resp.interact_pointer_pos()
            && matches!(self.gesture, Gesture::Idle | Gesture::ContextMenu { .. })
        {
            self.gesture = Gesture::ContextMenu {
                screen: p,
                canvas: transform.to_canvas(p),
                target: service_at(map, &transform, p),
            };
        }

        self.finish_drag(&ctx, map, selection, actions);
        // Wheel zoom without Ctrl (egui_graphs zooms only on Ctrl+wheel and pinch).
        let scroll: f32 = ctx.input(|i| {
            if i.modifiers.command || i.modifiers.ctrl {
                0.0
            } else {
                wheel_delta(i)
            }
        });
        if scroll != 0.0 && resp.hovered() {
            self.zoom_by((1.0 + scroll * 0.0015).clamp(0.5, 2.0));
            ctx.request_repaint();
        }

        if let Some(o) = overview {
            let view = OverviewView {
                map,
                overview: o,
                transform: &transform,
                selection,
                clip: rect,
                arrows: ArrowStyle::Faint,
            };
            painter.set(zones_slot, Shape::Vec(overview_shapes(&ctx, &view, theme)));
        } else if shown.view.team_zones {
            let zones = zone_shapes(&ctx, map, &positions, &transform, theme, rect);
            painter.set(zones_slot, Shape::Vec(zones));
        }
        // Far out, a hundred streams through thousands of services hide the
        // teams; only the selected stream is drawn, across the blocks.
        let streams_shown =
            shown.view.streams && (overview.is_none() || matches!(selection, Selection::Stream(_)));
        if streams_shown {
            let view = StreamView {
                map,
                positions: &positions,
                transform: &transform,
                focus: shown.focus.as_ref(),
                selection,
                clip: rect,
            };
            let streams = stream_shapes(&ctx, &view, theme);
            painter.set(streams_slot, Shape::Vec(streams.behind));
            // Stops and names over the nodes and links.
            painter.add(Shape::Vec(streams.over));
        }
        if map.services.is_empty() {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Double-click to add a service",
                egui::FontId::proportional(16.0),
                theme.muted,
            );
        }

        self.overview = overview_cache;
        // Keep what was painted, to replay on idle frames.
        self.replay
            .capture(&ctx, layer, first_shape, rect, view_widget);
    }

    /// Ends a box selection or a link drawn with Alt when the button is released.
    fn finish_drag(
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
        if !released || !self.gesture.is_drag() {
            return;
        }
        let gesture = std::mem::take(&mut self.gesture);
        let Some(end) = pos else {
            return;
        };
        let transform = self.camera.transform;
        match gesture {
            Gesture::BoxSelect { start } => {
                let area = Rect::from_two_pos(transform.to_canvas(start), transform.to_canvas(end));
                let positions = display_positions(map);
                let mut ids: Vec<Id> = if modifiers.command || modifiers.ctrl {
                    selection.services().to_vec()
                } else {
                    Vec::new()
                };
                for (s, p) in map.services.iter().zip(&positions) {
                    if area.contains(*p) && !ids.contains(&s.id) {
                        ids.push(s.id.clone());
                    }
                }
                actions.push(Action::Select(Selection::of_services(ids)));
            }
            Gesture::Link { from } => {
                let Some(to) = service_at(map, &transform, end) else {
                    return;
                };
                let (Some(from), Some(to)) = (map.services.get(from), map.services.get(to)) else {
                    return;
                };
                let (from, to) = (&from.id, &to.id);
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
            _ => {}
        }
    }
}
