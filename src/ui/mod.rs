//! The desktop editor (eframe/egui, with `egui_graphs` as the canvas).
//!
//! One writer: the views (panels, dialogs, the canvas, the presentation)
//! read the application state ([`state::AppState`]) and return
//! [`state::Action`]s; [`app::VsmapApp`] applies them in one place, at the
//! end of the frame. The map itself only changes through edits in the undo
//! history.

pub mod app;
pub mod canvas;
pub mod dialogs;
pub mod files;
pub mod fix_menu;
pub mod fonts;
pub mod keys;
pub mod offscreen;
pub mod panels;
pub mod present;
pub mod shapes;
pub mod state;
pub mod theme;
pub mod widgets;

use std::path::PathBuf;

/// Opens the editor window on `file`, or on the last file, or on the example.
pub fn run(file: Option<PathBuf>) -> eframe::Result {
    eframe::run_native(
        "vsmap",
        native_options(),
        Box::new(move |cc| Ok(Box::new(app::VsmapApp::new(cc, file)))),
    )
}

/// Opens the editor on `after` (editable), compared with `before` (read-only).
pub fn run_compare(before: PathBuf, after: PathBuf) -> eframe::Result {
    eframe::run_native(
        "vsmap",
        native_options(),
        Box::new(move |cc| {
            let mut app = app::VsmapApp::new(cc, Some(after));
            app.compare_with(&before);
            Ok(Box::new(app))
        }),
    )
}

fn native_options() -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("vsmap")
        .with_app_id("vsmap")
        .with_inner_size([1400.0, 900.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true);
    // The icon is a PNG rendered from `assets/icon/vsmap.svg` and checked in
    // (a test decodes it); should it not decode, the window simply has the
    // desktop's default icon.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(WINDOW_ICON) {
        viewport = viewport.with_icon(icon);
    }
    eframe::NativeOptions {
        viewport,
        ..Default::default()
    }
}

/// The window icon, 256 pixels square.
pub const WINDOW_ICON: &[u8] = include_bytes!("../../assets/icon/vsmap-256.png");
