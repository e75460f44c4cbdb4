//! The desktop editor (eframe/egui, with `egui_graphs` as the canvas).
//!
//! The UI reads state and emits [`app::Action`]s and [`command::UICommand`]s,
//! which [`app::VsmapApp::apply_action`] applies in one place; the map itself
//! only changes through edits in the undo history.

pub mod app;
pub mod canvas;
pub mod command;
pub mod dialogs;
pub mod document;
pub mod files;
pub mod panels;
pub mod shapes;
pub mod theme;

use std::path::PathBuf;

/// Opens the editor window on `file`, or on the last file, or on the example.
pub fn run(file: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("vsmap")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "vsmap",
        options,
        Box::new(move |cc| Ok(Box::new(app::VsmapApp::new(cc, file)))),
    )
}
