//! The mouse wheel, read from the frame's raw events: the map's canvas and
//! the Teams view zoom with it.

/// Vertical wheel movement this frame, in points (egui's smoothed scroll
/// would keep the app repainting for a while after the wheel stops).
pub(super) fn wheel_delta(i: &egui::InputState) -> f32 {
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
