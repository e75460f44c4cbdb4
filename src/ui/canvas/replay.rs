//! Idle frames cost nothing: the shapes of the last live frame, kept and
//! painted again.
//!
//! `GraphView::show` requests a repaint on every call. The canvas calls it
//! only on frames with input over the canvas or a change to draw, keeps the
//! shapes it painted, and replays them on other frames. The repaint it asked
//! for is therefore answered by one replayed frame, after which the app
//! sleeps until the next input.

use egui::epaint::ClippedShape;
use egui::{LayerId, Rect, Sense};

/// The shapes of the last live frame, and where they were painted.
#[derive(Default)]
pub struct Replay {
    shapes: Vec<ClippedShape>,
    rect: Option<Rect>,
    ppp: f32,
    /// The widget id of the graph view, registered on replayed frames too.
    view_widget: Option<egui::Id>,
    /// Frames drawn by calling `GraphView::show`.
    pub live_frames: u64,
    /// Frames drawn by replaying the last shapes.
    pub replayed_frames: u64,
}

impl Replay {
    /// Whether the last shapes can stand for a frame of `rect` at this
    /// pixel density.
    pub fn can_replay(&self, rect: Rect, ppp: f32) -> bool {
        !self.shapes.is_empty() && self.rect == Some(rect) && self.ppp == ppp
    }

    /// The index where the shapes this live frame paints on `layer` will start.
    pub fn start(ctx: &egui::Context, layer: LayerId) -> usize {
        ctx.graphics(|g| g.get(layer).map_or(0, |l| l.next_idx().0))
    }

    /// Keeps what a live frame painted on `layer` from `first` on.
    pub fn capture(
        &mut self,
        ctx: &egui::Context,
        layer: LayerId,
        first: usize,
        rect: Rect,
        view_widget: egui::Id,
    ) {
        self.shapes = ctx.graphics(|g| {
            g.get(layer)
                .map(|l| l.all_entries().skip(first).cloned().collect())
                .unwrap_or_default()
        });
        self.rect = Some(rect);
        self.ppp = ctx.pixels_per_point();
        self.view_widget = Some(view_widget);
        self.live_frames += 1;
    }

    /// Paints the kept shapes again, and registers the view's widget as
    /// `GraphView` would, so that a press arriving on the next frame is
    /// attributed to it.
    pub fn replay(&mut self, ui: &mut egui::Ui, rect: Rect) {
        match self.view_widget {
            Some(id) => {
                ui.interact(rect, id, Sense::click_and_drag());
            }
            None => {
                ui.allocate_rect(rect, Sense::click_and_drag());
            }
        }
        let layer = ui.layer_id();
        let shapes = self.shapes.clone();
        ui.ctx().graphics_mut(|g| {
            let list = g.entry(layer);
            for s in shapes {
                list.add(s.clip_rect, s.shape);
            }
        });
        self.replayed_frames += 1;
    }

    /// The shapes of the last live frame, and where.
    pub fn painted(&self) -> (&[ClippedShape], Rect) {
        (&self.shapes, self.rect.unwrap_or(Rect::NOTHING))
    }
}
