//! The SVG export: the canvas in its light theme, drawn from the model.
//!
//! The shapes come from [`crate::geometry`], the same outlines, node size
//! and label areas the canvas draws: 150×60 nodes centred on their
//! positions, links from border to border nudged sideways by kind, team
//! zones behind everything, streams as transit lines side by side where
//! they share a segment, with stops and named at their start, finding
//! halos and count badges. On top of the canvas' picture come a title and a
//! legend, and `<title>` tooltips on every service and link.
//!
//! This file only declares the parts: [`scene`] lays the picture out,
//! [`render`] writes it, with [`node`], [`legend`], [`badges`], [`zones`] and
//! [`tooltips`] for the pieces and [`attrs`], [`outline`], [`style`] and
//! [`text`] as the leaves they share. [`teams`] draws the team interaction
//! graph on its own.

mod attrs;
mod badges;
mod legend;
mod node;
mod outline;
mod render;
mod scene;
mod style;
mod teams;
mod text;
mod tooltips;
mod zones;

pub(super) use attrs::{n, without_prolog};
pub use render::{svg, svg_sized, svg_with_id_prefix};
pub(super) use style::FONT;
pub use teams::teams_svg;
pub(super) use text::esc;
