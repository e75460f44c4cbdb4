//! How egui_graphs draws a service and a link, with culling and level of
//! detail (labels dropped when too small to read, blocks for nodes far out),
//! and the layout that keeps the map's positions.

use std::sync::Arc;

use egui::epaint::TextShape;
use egui::text::LayoutJob;
use egui::{Color32, FontId, Pos2, Rect, Shape, Stroke, Vec2, pos2, vec2};
use egui_graphs::{
    DisplayEdge, DisplayNode, DrawContext, EdgeProps, Layout, LayoutState, Node, NodeProps,
};
use petgraph::{Directed, csr::DefaultIx};

use super::space::distance_to_segment;
use crate::geometry::{NodeBox, Point, ROUTE_CORNER, Route, node_box};
use crate::model::{LinkKind, ServiceKind};
use crate::ui::shapes::{self, NODE_SIZE, NodeLook};

/// Below this on-screen node width, nodes are drawn as plain blocks.
const BLOCK_BELOW_PX: f32 = 28.0;
/// Below this zoom, labels are dropped (they would be unreadably small).
pub const MIN_LABEL_ZOOM: f32 = 0.3;
/// Below this zoom, where services would be dots, a team's services and
/// the links between owned services give way to the team overview: a block
/// per team in its zone's place and aggregated links (`teams.rs`).
pub const OVERVIEW_BELOW_ZOOM: f32 = BLOCK_BELOW_PX / crate::geometry::NODE_WIDTH as f32;

/// Whether the canvas shows the team overview at `zoom`: far enough out,
/// and there are teams to draw.
pub fn shows_team_overview(zoom: f32, map: &crate::model::Map) -> bool {
    zoom < OVERVIEW_BELOW_ZOOM && !map.teams.is_empty()
}

/// What a node needs to draw itself.
///
/// egui_graphs clones both end nodes of every edge on every frame, so the
/// parts that do not change between frames sit behind one shared pointer:
/// a clone is a reference count, not a copy of the look and name.
#[derive(Debug, Clone)]
pub struct NodeData {
    /// Position of the service in `map.services`.
    pub service: usize,
    /// Whether the service's owner is a team of the map: then the team's
    /// block stands for it in the far-out overview.
    pub in_zone: bool,
    parts: Arc<NodeParts>,
}

/// The name, kind, box and look of a node.
#[derive(Debug, Clone)]
struct NodeParts {
    name: Arc<str>,
    kind: ServiceKind,
    /// The box of the name and kind at zoom 1 and the name's lines
    /// ([`crate::geometry::node_box`], as the SVG export draws them).
    label: Arc<NodeBox>,
    look: NodeLook,
}

/// A link's route on the canvas: the router's, rounded and in egui's types.
#[derive(Debug, Clone)]
pub struct EdgeRoute {
    /// The rounded route as a polyline, in canvas coordinates.
    pub points: Arc<[Pos2]>,
    /// Its longest straight segment, where the label goes.
    pub longest: [Pos2; 2],
    /// The centres of the two services it was routed for: while a drag
    /// moves either, the link is drawn straight until the map follows.
    pub ends: [Pos2; 2],
    /// The bounding box of `points`.
    pub bounds: Rect,
}

impl EdgeRoute {
    /// The canvas form of `route`, routed for services centred at `ends`;
    /// `None` for an empty route.
    pub fn new(route: &Route, ends: [Pos2; 2]) -> Option<EdgeRoute> {
        let to_pos = |q: Point| pos2(q.x as f32, q.y as f32);
        let points: Arc<[Pos2]> = route
            .flattened(ROUTE_CORNER)
            .into_iter()
            .map(to_pos)
            .collect();
        let (a, b) = route.longest_segment()?;
        Some(EdgeRoute {
            bounds: Rect::from_points(&points),
            points,
            longest: [to_pos(a), to_pos(b)],
            ends,
        })
    }
}

/// What a link needs to draw itself.
#[derive(Debug, Clone)]
pub struct EdgeData {
    /// Position of the link in `map.links`.
    pub link: usize,
    /// Kind (decides the line style).
    pub kind: LinkKind,
    /// Its route, once routed.
    pub route: Option<EdgeRoute>,
    /// What flows over it (drawn along it when zoomed in; may be empty).
    pub label: Arc<str>,
    /// The canvas colour, behind its label.
    pub backing: Color32,
    /// Line colour.
    pub color: Color32,
    /// Finding halo colour.
    pub halo: Option<Color32>,
    /// Selected.
    pub selected: bool,
    /// Selection colour.
    pub selection: Color32,
    /// Not drawn, nor hit (View ▸ links).
    pub hidden: bool,
}

/// The node display: the shape of the service's kind.
#[derive(Debug, Clone)]
pub struct ServiceDisplay {
    data: NodeData,
    pos: Pos2,
}

impl From<NodeProps<NodeData>> for ServiceDisplay {
    fn from(props: NodeProps<NodeData>) -> Self {
        ServiceDisplay {
            pos: props.location(),
            data: props.payload,
        }
    }
}

impl ServiceDisplay {
    fn size(&self) -> Vec2 {
        vec2(
            self.data.label().width as f32,
            self.data.label().height as f32,
        )
    }

    fn canvas_rect(&self) -> Rect {
        Rect::from_center_size(self.pos, self.size())
    }
}

impl NodeData {
    /// The node of service `service`, named `name`, of `kind`, its box and
    /// lines worked out, in a plain look until restyled.
    pub fn new(service: usize, name: &str, kind: ServiceKind, look: NodeLook) -> NodeData {
        NodeData {
            service,
            in_zone: false,
            parts: Arc::new(NodeParts {
                name: name.into(),
                kind,
                label: Arc::new(node_box(kind, name)),
                look,
            }),
        }
    }

    /// The service's kind (decides the shape).
    pub fn kind(&self) -> ServiceKind {
        self.parts.kind
    }

    /// The box of the name and kind at zoom 1, and the name's lines.
    pub fn label(&self) -> &NodeBox {
        &self.parts.label
    }

    /// Colours and marks.
    pub fn look(&self) -> &NodeLook {
        &self.parts.look
    }

    /// The look, to change in place (unshared first if another clone holds it).
    pub fn look_mut(&mut self) -> &mut NodeLook {
        &mut Arc::make_mut(&mut self.parts).look
    }

    /// Takes a new name, kind and look, working the box out again only when
    /// the name or kind changed, and unsharing the parts only when anything
    /// did (a restyle of a large map touches every node, most unchanged).
    pub fn restyle(&mut self, name: &str, kind: ServiceKind, look: NodeLook) {
        let parts = &self.parts;
        if *parts.name != *name || parts.kind != kind {
            self.parts = Arc::new(NodeParts {
                name: name.into(),
                kind,
                label: Arc::new(node_box(kind, name)),
                look,
            });
        } else if parts.look != look {
            Arc::make_mut(&mut self.parts).look = look;
        }
    }
}

impl DisplayNode<NodeData, EdgeData, Directed, DefaultIx> for ServiceDisplay {
    fn closest_boundary_point(&self, dir: Vec2) -> Pos2 {
        // egui_graphs asks this of every node on every frame (straight up and
        // down, for the graph's bounds): `boundary_point` answers that without
        // a polygon.
        shapes::boundary_point(self.data.kind(), self.canvas_rect(), dir)
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        let zoom = ctx.meta.zoom;
        let rect =
            Rect::from_center_size(ctx.meta.canvas_to_screen_pos(self.pos), self.size() * zoom);
        // Culling: egui_graphs draws every node; what is off screen costs nothing here.
        if !ctx.painter.clip_rect().intersects(rect.expand(16.0)) {
            return Vec::new();
        }
        if zoom < OVERVIEW_BELOW_ZOOM && self.data.in_zone {
            return Vec::new();
        }
        let look = self.data.look();
        if rect.width() < BLOCK_BELOW_PX {
            // Far out: a block in the team colour, ringed in the finding's colour.
            let fill = if look.dimmed {
                look.fill.gamma_multiply(0.25)
            } else {
                look.fill
            };
            let mut out = Vec::with_capacity(2);
            // Square corners: a rounded rect of a few pixels looks the same
            // and costs a polygon to tessellate.
            if let Some(halo) = look.halo {
                out.push(Shape::rect_filled(rect.expand(3.0), 0.0, halo));
            }
            out.push(Shape::rect_filled(rect, 0.0, fill));
            return out;
        }
        let show_label = zoom >= MIN_LABEL_ZOOM;
        shapes::service_shapes(
            ctx.ctx,
            self.data.kind(),
            rect,
            zoom,
            &self.data.label().lines,
            show_label,
            look,
        )
    }

    fn update(&mut self, state: &NodeProps<NodeData>) {
        self.pos = state.location();
        self.data.clone_from(&state.payload);
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        // egui_graphs asks every node on every frame the pointer is over the
        // canvas: the box first, the outline (a polygon) only inside it.
        let rect = self.canvas_rect();
        rect.contains(pos) && shapes::contains(self.data.kind(), rect, pos)
    }
}

/// The edge display: an arrow styled by link kind.
#[derive(Debug, Clone)]
pub struct LinkDisplay {
    data: EdgeData,
}

impl From<EdgeProps<EdgeData>> for LinkDisplay {
    fn from(props: EdgeProps<EdgeData>) -> Self {
        LinkDisplay {
            data: props.payload,
        }
    }
}

/// A node of the canvas's graph.
pub type CanvasNode = Node<NodeData, EdgeData, Directed, DefaultIx, ServiceDisplay>;
/// The canvas's graph type.
pub type CanvasGraph =
    egui_graphs::Graph<NodeData, EdgeData, Directed, DefaultIx, ServiceDisplay, LinkDisplay>;

/// Where a link runs, in canvas coordinates: border to border, nudged
/// sideways by kind so that a sync and an event link between the same two
/// services do not overlap.
fn link_segment(kind: LinkKind, start: &CanvasNode, end: &CanvasNode) -> (Pos2, Pos2) {
    let dir = (end.location() - start.location()).normalized();
    let a = start.display().closest_boundary_point(dir);
    let b = end.display().closest_boundary_point(-dir);
    offset_by_kind(kind, dir, a, b)
}

/// Where a link meets the box of a node centred at `center`, leaving in
/// direction `dir`: the exact kind outline is invisible far out, and its
/// polygon is the costliest part of drawing thousands of links.
fn box_boundary(center: Pos2, dir: Vec2) -> Pos2 {
    let half = NODE_SIZE / 2.0;
    let tx = if dir.x.abs() > f32::EPSILON {
        half.x / dir.x.abs()
    } else {
        f32::INFINITY
    };
    let ty = if dir.y.abs() > f32::EPSILON {
        half.y / dir.y.abs()
    } else {
        f32::INFINITY
    };
    let t = tx.min(ty);
    if t.is_finite() {
        center + dir * t
    } else {
        center
    }
}

/// The segment shifted sideways by kind, so that a sync call and an event
/// between the same services do not overlap.
fn offset_by_kind(kind: LinkKind, dir: Vec2, a: Pos2, b: Pos2) -> (Pos2, Pos2) {
    let side = match kind {
        LinkKind::Sync => 0.0,
        LinkKind::Event => 7.0,
        LinkKind::Data => -7.0,
    };
    let normal = vec2(-dir.y, dir.x) * side;
    (a + normal, b + normal)
}

/// Below this zoom, links are drawn as plain segments.
const PLAIN_LINK_ZOOM: f32 = 0.3;
/// From this zoom on, links' labels are drawn along them.
pub const LINK_LABEL_ZOOM: f32 = 0.8;

impl LinkDisplay {
    /// The route to draw, unless a drag has moved either end since it was
    /// routed.
    fn current_route(&self, start: &CanvasNode, end: &CanvasNode) -> Option<&EdgeRoute> {
        self.data
            .route
            .as_ref()
            .filter(|r| r.ends == [start.location(), end.location()])
    }
}

/// A stroked polyline; a plain segment for two points (cheaper to
/// tessellate, and far out every link is one).
fn stroke_line(points: Vec<Pos2>, stroke: Stroke) -> Shape {
    match points[..] {
        [a, b] => Shape::line_segment([a, b], stroke),
        _ => Shape::line(points, stroke),
    }
}

/// The label of a link along its longest segment (turned with a vertical
/// one), on a backing so that it reads over other lines.
fn label_shapes(
    ctx: &DrawContext,
    route: &EdgeRoute,
    text: &str,
    color: Color32,
    backing: Color32,
) -> Vec<Shape> {
    let zoom = ctx.meta.zoom;
    let [a, b] = route.longest.map(|p| ctx.meta.canvas_to_screen_pos(p));
    let mid = a + (b - a) * 0.5;
    if !ctx.painter.clip_rect().contains(mid) {
        return Vec::new();
    }
    let size = (10.5 * zoom).clamp(8.0, 24.0);
    let mut job = LayoutJob::simple_singleline(
        crate::text::elide(text, 80).into_owned(),
        FontId::proportional(size),
        color,
    );
    job.wrap.max_width = (b - a).length().max(size * 4.0);
    job.wrap.max_rows = 1;
    let galley = ctx.ctx.fonts_mut(|f| f.layout_job(job));
    let g = galley.size();
    let vertical = (a.x - b.x).abs() < 0.5;
    let (back, pos, angle) = if vertical {
        (
            Rect::from_center_size(mid, vec2(g.y, g.x)),
            pos2(mid.x - g.y / 2.0, mid.y + g.x / 2.0),
            -std::f32::consts::FRAC_PI_2,
        )
    } else {
        (Rect::from_center_size(mid, g), mid - g / 2.0, 0.0)
    };
    vec![
        Shape::rect_filled(back.expand(2.0), 3.0, backing.gamma_multiply(0.9)),
        Shape::Text(TextShape::new(pos, galley, color).with_angle(angle)),
    ]
}

impl DisplayEdge<NodeData, EdgeData, Directed, DefaultIx, ServiceDisplay> for LinkDisplay {
    fn shapes(&mut self, start: &CanvasNode, end: &CanvasNode, ctx: &DrawContext) -> Vec<Shape> {
        let zoom = ctx.meta.zoom;
        let aggregated =
            zoom < OVERVIEW_BELOW_ZOOM && start.payload().in_zone && end.payload().in_zone;
        if self.data.hidden || aggregated {
            return Vec::new();
        }
        let (from, to) = (start.location(), end.location());
        let route = self
            .current_route(start, end)
            .filter(|_| zoom >= PLAIN_LINK_ZOOM);
        // Cull on the centres (or the route's box) first: cheap, and most
        // links of a large map are off screen when zoomed in.
        let (area, reach) = match route {
            Some(r) => (r.bounds, 12.0),
            None => (
                Rect::from_two_pos(from, to),
                NODE_SIZE.max_elem() * zoom / 2.0 + 12.0,
            ),
        };
        if !ctx.painter.clip_rect().intersects(
            Rect::from_two_pos(
                ctx.meta.canvas_to_screen_pos(area.min),
                ctx.meta.canvas_to_screen_pos(area.max),
            )
            .expand(reach),
        ) {
            return Vec::new();
        }
        let line: Vec<Pos2> = match route {
            Some(r) => r
                .points
                .iter()
                .map(|&p| ctx.meta.canvas_to_screen_pos(p))
                .collect(),
            None => {
                let (a, b) = if zoom < PLAIN_LINK_ZOOM {
                    let dir = (to - from).normalized();
                    offset_by_kind(
                        self.data.kind,
                        dir,
                        box_boundary(from, dir),
                        box_boundary(to, -dir),
                    )
                } else {
                    link_segment(self.data.kind, start, end)
                };
                vec![
                    ctx.meta.canvas_to_screen_pos(a),
                    ctx.meta.canvas_to_screen_pos(b),
                ]
            }
        };
        let [.., before, b] = line[..] else {
            return Vec::new();
        };
        let d = &self.data;
        let width = (1.6 * zoom).clamp(0.6, 3.0);
        let color = if d.selected { d.selection } else { d.color };
        let mut out = Vec::new();
        if let Some(halo) = d.halo {
            out.push(stroke_line(
                line.clone(),
                Stroke::new(width + 7.0 * zoom.min(1.5), halo.gamma_multiply(0.45)),
            ));
        }
        // Arrow heads only when there is room to see them; the line stops
        // where the head starts.
        let last = (b - before).length();
        let size = (9.0 * zoom).clamp(4.0, 14.0);
        let arrow = (line.len() > 2 || last > 14.0) && last > size && zoom > 0.15;
        let mut shaft = line;
        let dir = (b - before) / last.max(f32::EPSILON);
        if arrow && let Some(end) = shaft.last_mut() {
            *end = b - dir * size * 0.8;
        }
        match d.kind {
            // Far out, dashes and dots shrink to noise that costs thousands of
            // shapes: every kind becomes one segment, told apart by strength.
            _ if zoom < PLAIN_LINK_ZOOM => {
                // Fainter the further out, so that thousands of links read as
                // a haze behind the services rather than a wall in front.
                let fade = (zoom / PLAIN_LINK_ZOOM).clamp(0.15, 1.0);
                let strength = fade
                    * match d.kind {
                        LinkKind::Sync => 1.0,
                        LinkKind::Event => 0.6,
                        LinkKind::Data => 0.4,
                    };
                out.push(stroke_line(
                    shaft,
                    Stroke::new(width, color.gamma_multiply(strength)),
                ));
            }
            LinkKind::Sync => out.push(stroke_line(shaft, Stroke::new(width, color))),
            LinkKind::Event => {
                let dash = (8.0 * zoom).max(2.0);
                out.extend(Shape::dashed_line(
                    &shaft,
                    Stroke::new(width, color),
                    dash,
                    dash * 0.7,
                ));
            }
            LinkKind::Data => {
                let spacing = (6.0 * zoom).max(2.5);
                out.extend(Shape::dotted_line(&shaft, color, spacing, width * 1.2));
            }
        }
        if arrow {
            let back = b - dir * size;
            let normal = vec2(-dir.y, dir.x) * size * 0.5;
            out.push(Shape::convex_polygon(
                vec![b, back + normal, back - normal],
                color,
                Stroke::NONE,
            ));
        }
        if zoom >= LINK_LABEL_ZOOM
            && !d.label.trim().is_empty()
            && let Some(route) = route
        {
            out.extend(label_shapes(ctx, route, &d.label, color, d.backing));
        }
        out
    }

    fn update(&mut self, state: &EdgeProps<EdgeData>) {
        self.data.clone_from(&state.payload);
    }

    fn is_inside(&self, start: &CanvasNode, end: &CanvasNode, pos: Pos2) -> bool {
        if self.data.hidden {
            return false;
        }
        // Asked of every link on every frame the pointer is over the canvas:
        // a bounding box first, the segments only near it.
        match self.current_route(start, end) {
            Some(r) => {
                r.bounds.expand(6.0).contains(pos)
                    && r.points
                        .windows(2)
                        .any(|w| distance_to_segment(pos, w[0], w[1]) < 6.0)
            }
            None => {
                let near = Rect::from_two_pos(start.location(), end.location())
                    .expand(NODE_SIZE.max_elem() / 2.0 + 6.0);
                if !near.contains(pos) {
                    return false;
                }
                let (a, b) = link_segment(self.data.kind, start, end);
                distance_to_segment(pos, a, b) < 6.0
            }
        }
    }
}

/// The layout state of [`KeepPositions`]: nothing to keep.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct KeepPositionsState;

impl LayoutState for KeepPositionsState {}

/// A layout that never moves a node: positions come from the map.
#[derive(Debug, Default)]
pub struct KeepPositions;

impl Layout<KeepPositionsState> for KeepPositions {
    fn from_state(_: KeepPositionsState) -> impl Layout<KeepPositionsState> {
        KeepPositions
    }

    fn next<N, E, Ty, Ix, Dn, De>(
        &mut self,
        _: &mut egui_graphs::Graph<N, E, Ty, Ix, Dn, De>,
        _: &egui::Ui,
    ) where
        N: Clone,
        E: Clone,
        Ty: petgraph::EdgeType,
        Ix: petgraph::stable_graph::IndexType,
        Dn: DisplayNode<N, E, Ty, Ix>,
        De: DisplayEdge<N, E, Ty, Ix, Dn>,
    {
    }

    fn state(&self) -> KeepPositionsState {
        KeepPositionsState
    }
}
