//! The overview of a map: its [`TeamGraph`] with a block per team and an
//! arrow per pair of teams, in the zones' places or laid out on their own.

use super::block::{TeamArrow, TeamBlock};
use super::layout::laid_out_blocks;
use crate::analysis::{Finding, TeamGraph};
use crate::geometry::{Point, Rect, pt, team_zones};
use crate::model::{Id, Map};
use crate::palette::TeamColors;

/// Blocks and arrows of a map's teams.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TeamOverview {
    /// The teams and what crosses between them.
    pub graph: TeamGraph,
    /// The blocks, in node order; a node without a block (a team that owns
    /// no service, on the canvas) has none.
    pub blocks: Vec<TeamBlock>,
    /// The arrows, in edge order; an edge whose ends have no block, or whose
    /// blocks overlap so that no line joins their borders, has none.
    pub arrows: Vec<TeamArrow>,
    /// The teams' fills (kept with the overview: a drawing of thousands of
    /// teams asks for them on every frame).
    pub colors: TeamColors,
}

impl TeamOverview {
    /// The overview drawn over the map itself: each team's block is its
    /// zone around `service_rects` (the service boxes, by position in
    /// `map.services`), each arrow a straight line between block borders.
    /// Unowned services have no block; they stay on the canvas as they are.
    pub fn at_zones(map: &Map, service_rects: &[Rect], findings: &[Finding]) -> TeamOverview {
        let graph = TeamGraph::new(map, findings);
        // Zones come by team position; nodes list the teams in map order first.
        let mut rect_of: Vec<Option<Rect>> = vec![None; graph.nodes.len()];
        for zone in team_zones(map, service_rects) {
            if let Some(slot) = rect_of.get_mut(zone.team) {
                *slot = Some(zone.rect);
            }
        }
        let blocks: Vec<TeamBlock> = rect_of
            .iter()
            .enumerate()
            .filter_map(|(node, r)| r.map(|rect| TeamBlock { node, rect }))
            .collect();
        let arrows = graph
            .edges
            .iter()
            .enumerate()
            .filter_map(|(edge, e)| {
                let (a, b) = (rect_of[e.from].as_ref()?, rect_of[e.to].as_ref()?);
                let points = straight_between(a, b)?;
                Some(TeamArrow {
                    edge,
                    points,
                    both_ways: false,
                })
            })
            .collect();
        TeamOverview::new(map, graph, blocks, arrows)
    }

    /// The team interaction graph on its own: every node of the
    /// [`TeamGraph`] (the unowned services as one block) laid out left to
    /// right along the flows, with routed arrows.
    pub fn laid_out(map: &Map, findings: &[Finding]) -> TeamOverview {
        let graph = TeamGraph::new(map, findings);
        let (blocks, arrows) = laid_out_blocks(map, &graph);
        TeamOverview::new(map, graph, blocks, arrows)
    }

    /// The overview of these blocks and arrows, the arrows that have a
    /// partner the other way marked, the teams' colours worked out.
    fn new(
        map: &Map,
        graph: TeamGraph,
        blocks: Vec<TeamBlock>,
        mut arrows: Vec<TeamArrow>,
    ) -> TeamOverview {
        let pairs: std::collections::HashSet<(usize, usize)> = arrows
            .iter()
            .map(|a| (graph.edges[a.edge].from, graph.edges[a.edge].to))
            .collect();
        for a in &mut arrows {
            let e = &graph.edges[a.edge];
            a.both_ways = pairs.contains(&(e.to, e.from));
        }
        TeamOverview {
            colors: TeamColors::of(map),
            graph,
            blocks,
            arrows,
        }
    }

    /// The block under `q`, the last drawn first.
    pub fn block_at(&self, q: Point) -> Option<&TeamBlock> {
        self.blocks.iter().rev().find(|b| b.rect.contains(q))
    }

    /// The area the blocks cover ([`Rect::NOTHING`] without blocks).
    pub fn bounds(&self) -> Rect {
        let mut r = Rect::NOTHING;
        for b in &self.blocks {
            r.include_rect(&b.rect);
        }
        r
    }

    /// The block's title: the team's name, or [`TeamGraph::UNOWNED`].
    pub fn title<'m>(&self, map: &'m Map, node: usize) -> &'m str {
        self.graph.name(map, node)
    }

    /// The ids of the services of node `node`, in map order.
    pub fn service_ids(&self, map: &Map, node: usize) -> Vec<Id> {
        self.graph.nodes.get(node).map_or_else(Vec::new, |n| {
            n.services
                .iter()
                .filter_map(|&i| map.services.get(i).map(|s| s.id.clone()))
                .collect()
        })
    }

    /// How many things cross along edge `edge`: its links and handoffs.
    pub fn weight(&self, edge: usize) -> usize {
        self.graph
            .edges
            .get(edge)
            .map_or(0, |e| e.link_count() + e.handoffs)
    }

    /// The block's second line: the Team Topologies type and how many
    /// services the team owns ("stream-aligned · 12 services").
    pub fn subtitle(&self, map: &Map, node: usize) -> String {
        let Some(n) = self.graph.nodes.get(node) else {
            return String::new();
        };
        let count = match n.services.len() {
            1 => "1 service".to_string(),
            k => format!("{k} services"),
        };
        match n.team.as_ref().and_then(|id| map.team(id.as_str())) {
            Some(team) => format!("{} · {count}", team.team_type.label()),
            None => count,
        }
    }

    /// What an arrow says: its links by kind and its handoffs
    /// ("3 sync · 1 event · 2 handoffs").
    pub fn arrow_label(&self, edge: usize) -> String {
        let Some(e) = self.graph.edges.get(edge) else {
            return String::new();
        };
        let mut parts: Vec<String> = crate::model::LinkKind::ALL
            .iter()
            .zip(e.links)
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| format!("{n} {}", k.as_str()))
            .collect();
        match e.handoffs {
            0 => {}
            1 => parts.push("1 handoff".to_string()),
            n => parts.push(format!("{n} handoffs")),
        }
        parts.join(" · ")
    }
}

/// The segment between the centres of `a` and `b`, cut at both borders;
/// `None` when the borders leave no gap (one block inside or over the other).
pub fn straight_between(a: &Rect, b: &Rect) -> Option<Vec<Point>> {
    let (ca, cb) = (a.center(), b.center());
    let d = cb - ca;
    let len = (d.x * d.x + d.y * d.y).sqrt();
    if len < 1e-9 {
        return None;
    }
    let ta = exit_fraction(a, d);
    let tb = exit_fraction(b, pt(-d.x, -d.y));
    if ta + tb >= 1.0 {
        return None;
    }
    Some(vec![
        pt(ca.x + d.x * ta, ca.y + d.y * ta),
        pt(cb.x - d.x * tb, cb.y - d.y * tb),
    ])
}

/// The fraction of `d` at which a ray from the centre of `r` along `d`
/// leaves `r`.
fn exit_fraction(r: &Rect, d: Point) -> f64 {
    let fx = if d.x.abs() > 1e-12 {
        (r.w() / 2.0) / d.x.abs()
    } else {
        f64::INFINITY
    };
    let fy = if d.y.abs() > 1e-12 {
        (r.h() / 2.0) / d.y.abs()
    } else {
        f64::INFINITY
    };
    fx.min(fy)
}
