//! The `<title>` tooltips of the picture: what a service, a link or a
//! stream is, and the findings about it, as plain lines (escaped by the
//! caller).

use crate::analysis::marks::Mark;
use crate::export::display_text::team_name;
use crate::model::{Id, Link, Map, Service, Stream};

/// A service's name, kind, owner, description and findings.
pub(super) fn service_tooltip(map: &Map, s: &Service, mark: Option<&Mark<'_>>) -> String {
    let owner = match &s.owner {
        Some(t) => match map.team(t.as_str()) {
            Some(team) => format!("owned by {} ({})", team.name, team.team_type.as_str()),
            None => format!("owned by {t}"),
        },
        None => "no owner".to_string(),
    };
    let mut lines = vec![format!("{} — {}, {owner}", s.name, s.kind.label())];
    if !s.description.is_empty() {
        lines.push(s.description.clone());
    }
    push_findings(&mut lines, mark);
    lines.join("\n")
}

/// A link's ends, kind, label and findings.
pub(super) fn link_tooltip(map: &Map, link: &Link, mark: Option<&Mark<'_>>) -> String {
    let name = |id: &Id| {
        map.service(id.as_str())
            .map_or_else(|| id.to_string(), |s| s.name.clone())
    };
    let mut head = format!(
        "{} → {} ({})",
        name(&link.from),
        name(&link.to),
        link.kind.as_str()
    );
    if !link.label.is_empty() {
        head.push_str(": ");
        head.push_str(&link.label);
    }
    let mut lines = vec![head];
    push_findings(&mut lines, mark);
    lines.join("\n")
}

/// A stream's name, customer, owner and description.
pub(super) fn stream_tooltip(map: &Map, s: &Stream) -> String {
    let mut lines = vec![format!("Value stream: {}", s.name)];
    if !s.customer.is_empty() {
        lines.push(format!("Customer: {}", s.customer));
    }
    if let Some(owner) = &s.owner {
        lines.push(format!("Owner: {}", team_name(map, owner)));
    }
    if !s.description.is_empty() {
        lines.push(s.description.clone());
    }
    lines.join("\n")
}

/// The findings of a mark as tooltip lines, after a blank line.
fn push_findings(lines: &mut Vec<String>, mark: Option<&Mark<'_>>) {
    if let Some(mark) = mark {
        lines.push(String::new());
        for f in &mark.findings {
            lines.push(format!("{} {}: {}", f.severity, f.rule, f.message));
        }
    }
}
