//! Exports of a map for slides, documents and code review, generated from the
//! model (never a screenshot), each with every user string escaped for its
//! target:
//!
//! - [`svg()`]: a standalone SVG 1.1 picture of the whole map or of one
//!   stream that looks like the canvas in its light theme (shapes by kind,
//!   team colours, streams as transit lines, finding halos and badges), with
//!   a title and a legend; text stays text.
//! - [`markdown_report`]: a review report for git hosting sites: streams with
//!   their flow figures, teams and what they own, every finding with its
//!   explanation and fix, and optionally the diff to another map.
//! - [`mermaid`]: a Mermaid flowchart that renders inline in pull requests
//!   and wikis.
//! - [`dot`]: a Graphviz digraph.
//!
//! Every exporter is deterministic: the same map and findings give the same
//! bytes.

mod dot;
mod markdown;
mod mermaid;
mod svg;

pub use dot::dot;
pub use markdown::markdown_report;
pub use mermaid::mermaid;
pub use svg::svg;

use crate::model::{Id, Map};

/// Where each service of `map.services` is drawn, by position in that list:
/// its own `x`, `y`, or, for a service the file gives no position, a spot in
/// rows of eight below the lowest placed service (the canvas' rule).
pub fn positions(map: &Map) -> Vec<(f64, f64)> {
    map.display_positions()
}

pub(crate) use crate::analysis::marks::{Mark, Marks};

/// User text on one line: control characters (newlines, tabs) become spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The display name of a team id (the id itself when the map has no such team).
fn team_name<'a>(map: &'a Map, id: &'a Id) -> &'a str {
    map.team(id.as_str())
        .map_or(id.as_str(), |t| t.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ServiceKind;
    use crate::model::test_map::MapBuilder;

    #[test]
    fn services_without_positions_go_in_rows_below_the_map() {
        let mut map = MapBuilder::new()
            .service("a", ServiceKind::Service, None)
            .service("b", ServiceKind::Service, None)
            .service("c", ServiceKind::Service, None)
            .build();
        map.services[0].x = Some(10.0);
        map.services[0].y = Some(40.0);
        map.services[2].y = Some(100.0);
        assert_eq!(
            positions(&map),
            [(10.0, 40.0), (0.0, 260.0), (200.0, 260.0)]
        );
        map.services.truncate(2);
        map.services[0].y = None;
        assert_eq!(positions(&map), [(0.0, 0.0), (200.0, 0.0)]);
    }
}
