//! View ▸ Teams: the team interaction graph on its own, in place of the
//! services — the picture Team Topologies draws, derived from the map.
//!
//! It has its own camera (pan by dragging, zoom with the wheel, fitted on
//! entry and with F) because its coordinates are the overview's layout, not
//! the map's. It follows the canvas contract: it reads what is shown and
//! returns actions. A click selects a team (the inspector shows it), a
//! double-click leaves the view and zooms the map to the team's services.

use egui::{Pos2, Rect, Sense, vec2};

use super::space::Transform;
use super::teams::{ArrowStyle, OverviewView, block_tooltip, overview_shapes, team_at};
use super::wheel::wheel_delta;
use crate::overview::TeamOverview;
use crate::ui::state::{Action, Selection, Shown, UICommand};
use crate::ui::theme::Theme;

/// Margin kept around the fitted graph, in points.
const FIT_MARGIN: f32 = 48.0;
/// The closest a fit zooms in: a handful of teams stays at a readable size.
const FIT_MAX_ZOOM: f32 = 1.5;

/// The Teams view's camera.
#[derive(Default)]
pub(super) struct TeamsView {
    transform: Option<Transform>,
    fit_requested: bool,
    /// The graph's bounds and the view's rectangle when last drawn, and
    /// whether the camera is still where the last fit put it: an edit that
    /// changes the graph (a team added, renamed, given a service) or a
    /// resized window refits a camera the user has not moved, and leaves
    /// alone one they have.
    drawn: Option<(crate::geometry::Rect, Rect, bool)>,
}

impl TeamsView {
    /// Fits the graph to the view on the next frame.
    pub(super) fn request_fit(&mut self) {
        self.fit_requested = true;
    }

    /// Canvas to screen, as of the last frame drawn.
    pub(super) fn transform(&self) -> Option<Transform> {
        self.transform
    }

    /// Draws the view; returns the actions asked for.
    pub(super) fn teams_view_ui(
        &mut self,
        ui: &mut egui::Ui,
        shown: &Shown,
        overview: &TeamOverview,
        theme: &Theme,
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        let rect = ui.available_rect_before_wrap();
        let map = shown.doc.map();
        let response = ui.interact(rect, ui.id().with("teams-view"), Sense::click_and_drag());
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, theme.canvas);
        let bounds = overview.bounds();
        if !bounds.is_positive() {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "No services yet: the Teams view shows who depends on whom",
                egui::FontId::proportional(16.0),
                theme.muted,
            );
            return actions;
        }
        let to_rect = |r: crate::geometry::Rect| {
            Rect::from_min_max(
                Pos2::new(r.min.x as f32, r.min.y as f32),
                Pos2::new(r.max.x as f32, r.max.y as f32),
            )
        };
        let stale = self
            .drawn
            .is_some_and(|(before, area, fitted)| fitted && (before != bounds || area != rect));
        let refit = self.fit_requested || stale || self.transform.is_none();
        let mut t = match self.transform {
            Some(t) if !refit => t,
            _ => fit(to_rect(bounds), rect),
        };
        self.fit_requested = false;
        let mut fitted = refit || self.drawn.is_some_and(|(_, _, fitted)| fitted);
        if response.dragged() {
            t.offset += response.drag_delta();
            fitted = false;
        }
        let (scroll, pinch) = ui.ctx().input(|i| (wheel_delta(i), i.zoom_delta()));
        let factor = (1.0 + scroll * 0.0015).clamp(0.5, 2.0) * pinch;
        if response.hovered()
            && (factor - 1.0).abs() > 1e-4
            && let Some(p) = response.hover_pos()
        {
            let before = t.to_canvas(p);
            t.zoom = (t.zoom * factor).clamp(0.02, 4.0);
            t.offset = p.to_vec2() - before.to_vec2() * t.zoom;
            fitted = false;
        }
        self.transform = Some(t);
        self.drawn = Some((bounds, rect, fitted));

        let view = OverviewView {
            map,
            overview,
            transform: &t,
            selection: &shown.selection,
            clip: rect,
            arrows: if shown.view.link_labels {
                ArrowStyle::Labelled
            } else {
                ArrowStyle::Counted
            },
        };
        painter.extend(overview_shapes(ui.ctx(), &view, theme));
        let teams = overview.blocks.len();
        let crossings = overview.graph.edges.len();
        let back = UICommand::ToggleTeamsView.shortcut_text(ui.ctx());
        painter.text(
            rect.left_top() + vec2(12.0, 10.0),
            egui::Align2::LEFT_TOP,
            format!(
                "Teams view: {teams} blocks, {crossings} interactions. \
                 Double-click a team to show its services; {back} goes back to the map."
            ),
            egui::FontId::proportional(12.0),
            theme.muted,
        );

        let pointer = response.hover_pos().or(response.interact_pointer_pos());
        let under = pointer.and_then(|p| team_at(overview, &t, p));
        if let Some(node) = under {
            response
                .clone()
                .on_hover_text(block_tooltip(map, overview, node));
        }
        let team_id = |node: usize| overview.graph.nodes.get(node).and_then(|n| n.team.clone());
        if response.double_clicked() {
            if let Some(node) = under {
                let ids = overview.service_ids(map, node);
                let mut back = shown.view;
                back.teams_view = false;
                actions.push(Action::SetView(back));
                if let Some(id) = team_id(node) {
                    actions.push(Action::Select(Selection::Team(id)));
                }
                actions.push(Action::Reveal(ids));
            }
        } else if response.clicked() {
            actions.push(Action::Select(
                under
                    .and_then(team_id)
                    .map_or(Selection::None, Selection::Team),
            ));
        }
        actions
    }
}

/// The transform that shows `bounds` (canvas units) whole in `rect`.
fn fit(bounds: Rect, rect: Rect) -> Transform {
    let room = (rect.size() - vec2(2.0 * FIT_MARGIN, 2.0 * FIT_MARGIN)).max(vec2(1.0, 1.0));
    let zoom = (room.x / bounds.width().max(1.0))
        .min(room.y / bounds.height().max(1.0))
        .min(FIT_MAX_ZOOM);
    Transform {
        zoom,
        offset: rect.center().to_vec2() - bounds.center().to_vec2() * zoom,
    }
}
