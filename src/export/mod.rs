//! Exports of a map for slides, documents and code review, generated from the
//! model (never a screenshot), each with every user string escaped for its
//! target:
//!
//! - [`svg()`]: a standalone SVG 1.1 picture of the whole map or of one
//!   stream that looks like the canvas in its light theme (shapes by kind,
//!   team colours, streams as transit lines, finding halos and badges), with
//!   a title and a legend; text stays text. [`teams_svg`] draws the team
//!   interaction graph instead (View ▸ Teams).
//! - [`markdown_report`]: a review report for git hosting sites: streams with
//!   their flow figures, teams and what they own, every finding with its
//!   explanation and fix, and optionally the diff to another map.
//! - [`mermaid`]: a Mermaid flowchart that renders inline in pull requests
//!   and wikis.
//! - [`dot`]: a Graphviz digraph.
//! - [`html()`]: one self-contained interactive page (pan, zoom, hover,
//!   streams and findings highlighted, before / after when comparing) to
//!   send to people who do not have vsmap.
//! - [`pdf()`]: the presentation as a vector PDF deck (a page per stream,
//!   the findings, before / after when comparing), text kept as text.
//!
//! Every exporter is deterministic: the same map and findings give the same
//! bytes. This file only declares the exporters and re-exports their entry
//! points; what they share lives in leaf files they import directly.

mod compared;
mod display_text;
mod dot;
mod html;
mod layout;
mod markdown;
mod mermaid;
mod pdf;
mod svg;

pub use compared::Before;
pub use dot::dot;
pub use html::html;
pub use layout::positions;
pub use markdown::markdown_report;
pub use mermaid::mermaid;
pub use pdf::{PageSize, PdfError, pdf};
pub use svg::{svg, teams_svg};
