//! The canvas's camera: canvas-to-screen transform, fitting, revealing and
//! framing, zooming around the pointer, and animated moves between views.
//!
//! Requests (fit, reveal, frame, zoom) are queued and carried out on the
//! next live frame, once the panels around the canvas have settled their
//! size: a fit computed for a canvas about to shrink would be wrong.

use egui::{Pos2, Rect, Vec2};
use egui_graphs::MetadataFrame;

use super::display::MIN_LABEL_ZOOM;
use super::space::Transform;

/// Zoom limits.
const MIN_ZOOM: f32 = 0.002;
const MAX_ZOOM: f32 = 4.0;
/// The zoom a reveal from far out lands on: names are drawn and a service's
/// neighbourhood stays in view.
const REVEAL_ZOOM: f32 = 0.6;
/// How long an animated camera move takes.
const CAMERA_SECONDS: f64 = 0.45;

/// An animated move of the view, from one zoom and pan to another.
#[derive(Debug, Clone, Copy)]
struct CameraMove {
    start: f64,
    from: (f32, Vec2),
    to: (f32, Vec2),
}

/// The view and the moves asked of it.
#[derive(Debug, Clone)]
pub struct Camera {
    /// Canvas to screen, as of the last frame.
    pub transform: Transform,
    /// The canvas' screen rectangle, as of the last frame.
    pub rect: Rect,
    /// Room to leave free at each side when framing (min: left/top,
    /// max: right/bottom), for cards drawn over the canvas.
    pub frame_insets: Rect,
    /// Live frames in a row with the same canvas rectangle.
    stable_frames: u8,
    pending_fit: bool,
    pending_zoom: Option<f32>,
    pending_reveal: Option<Rect>,
    /// Frame these canvas bounds next, animated or not.
    pending_frame: Option<(Rect, bool)>,
    moving: Option<CameraMove>,
}

impl Default for Camera {
    fn default() -> Self {
        Camera {
            transform: Transform::default(),
            rect: Rect::NOTHING,
            frame_insets: Rect::ZERO,
            stable_frames: 0,
            pending_fit: true,
            pending_zoom: None,
            pending_reveal: None,
            pending_frame: None,
            moving: None,
        }
    }
}

impl Camera {
    /// Fits the whole map on the next live frame.
    pub fn request_fit(&mut self) {
        self.pending_fit = true;
        self.stable_frames = 0;
    }

    /// Zooms around the pointer (or the view centre) on the next live frame.
    pub fn zoom_by(&mut self, factor: f32) {
        self.pending_zoom = Some(self.pending_zoom.unwrap_or(1.0) * factor);
    }

    /// Brings these canvas bounds into view, zooming in from far out.
    pub fn reveal(&mut self, bounds: Rect) {
        self.pending_reveal = Some(bounds);
        self.stable_frames = 0;
    }

    /// Fits these canvas bounds into the part of the canvas the insets leave.
    pub fn frame(&mut self, bounds: Rect, animate: bool) {
        self.pending_frame = Some((bounds, animate));
        self.stable_frames = 0;
    }

    /// Whether an animated move is under way.
    pub fn is_moving(&self) -> bool {
        self.moving.is_some()
    }

    /// Whether a request waits for the next live frame.
    pub fn has_pending(&self) -> bool {
        self.pending_fit
            || self.pending_zoom.is_some()
            || self.pending_reveal.is_some()
            || self.pending_frame.is_some()
            || self.moving.is_some()
    }

    /// Carries out what was asked, on the view egui_graphs keeps in `meta`.
    /// `bounds` is the whole map's, in canvas coordinates. Returns whether
    /// another frame is needed (a request waits for the panels to settle,
    /// or a move is under way).
    pub fn apply(
        &mut self,
        meta: &mut MetadataFrame,
        rect: Rect,
        bounds: impl FnOnce() -> Rect,
        ctx: &egui::Context,
    ) -> bool {
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
            return true;
        }
        if self.pending_fit {
            self.pending_fit = false;
            let bounds = bounds();
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
                self.move_to(ctx, meta, &target, animate);
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
            self.move_to(ctx, meta, &target, animate);
        }
        let mut again = false;
        if let Some(moving) = &self.moving {
            // Smooth camera moves repaint only while they move.
            let t =
                ((ctx.input(|i| i.time) - moving.start) / CAMERA_SECONDS).clamp(0.0, 1.0) as f32;
            let eased = t * t * (3.0 - 2.0 * t);
            meta.zoom = moving.from.0 + (moving.to.0 - moving.from.0) * eased;
            meta.pan = moving.from.1 + (moving.to.1 - moving.from.1) * eased;
            if t < 1.0 {
                again = true;
                ctx.request_repaint();
            } else {
                self.moving = None;
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
        again
    }

    /// Moves the view to `target`'s zoom and pan: at once, or as a smooth
    /// camera move that the following frames play.
    fn move_to(
        &mut self,
        ctx: &egui::Context,
        meta: &mut MetadataFrame,
        target: &MetadataFrame,
        animate: bool,
    ) {
        if animate {
            self.moving = Some(CameraMove {
                start: ctx.input(|i| i.time),
                from: (meta.zoom, meta.pan),
                to: (target.zoom, target.pan),
            });
        } else {
            (meta.zoom, meta.pan) = (target.zoom, target.pan);
        }
    }

    /// The view centre in canvas coordinates.
    pub fn center(&self) -> Pos2 {
        self.transform.to_canvas(self.rect.center())
    }
}

/// Zooms and pans `meta` so that `bounds` fills a view of `size`.
fn fit(meta: &mut MetadataFrame, size: Vec2, bounds: Rect) {
    let zoom = (size.x / bounds.width())
        .min(size.y / bounds.height())
        .clamp(MIN_ZOOM, MAX_ZOOM.min(1.5));
    meta.zoom = zoom;
    meta.pan = size * 0.5 - bounds.center().to_vec2() * zoom;
}
