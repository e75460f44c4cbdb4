//! A [`MapDiff`](crate::diff::MapDiff) for people and scripts: a terminal
//! summary ([`text`]), a section to paste into a pull request or review
//! document ([`markdown`]), the full diff as JSON ([`json`]), and one line
//! per change, grouped for the compare view ([`review_lines`]).
//!
//! Both human renderings tell the same story in the same order, written
//! once (`story`) and laid out by each (`text`, `markdown`); they open with
//! the one-line summaries of `summary`. User text is made inert: control
//! characters never reach the terminal, and markdown-significant characters
//! are escaped so that a service named `a|b` or `<script>` stays plain text.

mod json;
mod markdown;
mod review;
mod story;
mod summary;
mod text;

pub use json::json;
pub use markdown::{escape_markdown, markdown};
pub use review::{ChangeGroup, ReviewLine, Tone, review_lines};
pub use summary::{change_summary, verdict};
pub use text::text;
