//! The panels around the canvas, one per file.

pub mod changes;
pub mod findings;
pub mod inspector;
pub mod menu_bar;
pub mod outline;
pub mod status_bar;
pub mod timeline;
pub mod toolbar;
