//! The Graphviz DOT export.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::display_text::one_line;
use crate::analysis::Finding;
use crate::analysis::marks::Marks;
use crate::model::{Id, LinkKind, Map, Service, ServiceKind};
use crate::palette::{self, hex};

/// A Graphviz `digraph` of the map, laid out left to right.
///
/// Each team that owns services is a `cluster_<team id>` subgraph tinted in
/// the team's colour; services are nodes filled with their team's colour
/// (grey and marked "(no owner)" when unowned), shaped by kind: rounded box
/// (service), tab (frontend), hexagon (gateway), cylinder (datastore),
/// diagonal-cornered box (legacy), inverted house, a shield (ACL), dashed
/// box (external). Links are edges: sync solid, event dashed, data dotted
/// and thicker, labelled. Each value stream is a chain of thick edges in its
/// colour with `constraint=false` (so streams do not distort the layout)
/// from a start node carrying the stream's name through its steps, each
/// labelled with the stage it enters. Services and links that live findings
/// name get a border or line in the worst severity's colour and the
/// findings in their tooltip.
///
/// Every id and label is quoted, with `"` and `\` escaped and control
/// characters dropped, so any name stays one label.
pub fn dot(map: &Map, findings: &[Finding]) -> String {
    let marks = Marks::new(findings);
    let colors = palette::TeamColors::of(map);
    let ink = hex(palette::LIGHT_INK);
    let mut out = String::with_capacity(16 * 1024);
    let _ = writeln!(out, "digraph \"vsmap\" {{");
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, newrank=true, label={}, labelloc=t, labeljust=l, fontname=\"Helvetica\", fontsize=20, fontcolor=\"{ink}\", bgcolor=\"{}\", nodesep=0.35, ranksep=0.8];",
        q(&map.name),
        hex(palette::LIGHT_CANVAS)
    );
    let _ = writeln!(
        out,
        "  node [fontname=\"Helvetica\", fontsize=11, shape=box, style=\"rounded,filled\", color=\"{ink}\", penwidth=1, margin=\"0.15,0.06\"];"
    );
    let _ = writeln!(
        out,
        "  edge [fontname=\"Helvetica\", fontsize=9, color=\"{ink}\", fontcolor=\"{}\", arrowsize=0.7];",
        hex(palette::LIGHT_MUTED)
    );

    let mut by_team: BTreeMap<&Id, Vec<&Service>> = BTreeMap::new();
    let mut top_level = Vec::new();
    for s in &map.services {
        match s.owner.as_ref().filter(|t| map.team(t.as_str()).is_some()) {
            Some(t) => by_team.entry(t).or_default().push(s),
            None => top_level.push(s),
        }
    }
    for team in &map.teams {
        let Some(members) = by_team.get(&team.id) else {
            continue;
        };
        let fill = colors.get(&team.id).unwrap_or(palette::LIGHT_UNOWNED);
        let _ = writeln!(out, "  subgraph {} {{", q(&format!("cluster_{}", team.id)));
        let _ = writeln!(
            out,
            "    graph [label={}, style=\"rounded,filled\", fillcolor=\"{}\", color=\"{}\", fontsize=12, fontcolor=\"{ink}\"];",
            q(&format!("{} ({})", team.name, team.team_type.as_str())),
            hex(palette::lighten(fill, 0.8)),
            hex(fill)
        );
        for s in members {
            let _ = writeln!(out, "    {}", node(map, &colors, &marks, s));
        }
        let _ = writeln!(out, "  }}");
    }
    for s in top_level {
        let _ = writeln!(out, "  {}", node(map, &colors, &marks, s));
    }

    for link in &map.links {
        let (Some(from), Some(to)) = (
            map.service(link.from.as_str()),
            map.service(link.to.as_str()),
        ) else {
            continue;
        };
        let mut attrs = vec![match link.kind {
            LinkKind::Sync => "style=solid".to_string(),
            LinkKind::Event => "style=dashed".to_string(),
            LinkKind::Data => "style=dotted, penwidth=2".to_string(),
        }];
        if !link.label.trim().is_empty() {
            attrs.push(format!("label={}", q(&link.label)));
        }
        let mut tooltip = vec![format!(
            "{} → {} ({})",
            from.name,
            to.name,
            link.kind.as_str()
        )];
        if !link.label.is_empty() {
            tooltip.push(link.label.clone());
        }
        if let Some(mark) = marks.pair(&link.from, &link.to) {
            attrs.push(format!(
                "color=\"{}\"",
                hex(palette::severity_color(mark.worst))
            ));
            if link.kind != LinkKind::Data {
                attrs.push("penwidth=1.6".into());
            }
            tooltip.extend(
                mark.findings
                    .iter()
                    .map(|f| format!("{} {}: {}", f.severity, f.rule, f.message)),
            );
        }
        attrs.push(format!("tooltip={}", q_lines(&tooltip)));
        let _ = writeln!(
            out,
            "  {} -> {} [{}];",
            q(link.from.as_str()),
            q(link.to.as_str()),
            attrs.join(", ")
        );
    }

    for (k, stream) in map.streams.iter().enumerate() {
        let color = palette::stream_color(k, stream);
        let c = hex(color);
        let start = format!("stream:{}", stream.id);
        let mut tooltip = vec![format!("Value stream: {}", stream.name)];
        if !stream.customer.is_empty() {
            tooltip.push(format!("Customer: {}", stream.customer));
        }
        let _ = writeln!(
            out,
            "  {} [label={}, shape=cds, style=filled, fillcolor=\"{c}\", color=\"{}\", fontcolor=\"{}\", tooltip={}];",
            q(&start),
            q(&stream.name),
            hex(palette::darken(color, 0.2)),
            hex(palette::text_color_on(color)),
            q_lines(&tooltip)
        );
        let mut from = start;
        for step in &stream.steps {
            if map.service(step.service.as_str()).is_none() {
                continue;
            }
            let label = if step.stage.trim().is_empty() {
                String::new()
            } else {
                // An external label: Graphviz 2.43 fails to route some
                // clustered graphs when constraint=false edges carry labels.
                format!(", xlabel={}", q(&step.stage))
            };
            let _ = writeln!(
                out,
                "  {} -> {} [color=\"{c}\", fontcolor=\"{c}\", penwidth=3, constraint=false, arrowhead=vee{label}];",
                q(&from),
                q(step.service.as_str())
            );
            from = step.service.to_string();
        }
    }
    let _ = writeln!(out, "}}");
    out
}

/// One service node with its attributes.
fn node(map: &Map, colors: &palette::TeamColors, marks: &Marks<'_>, s: &Service) -> String {
    let team = s.owner.as_ref().and_then(|t| map.team(t.as_str()));
    let fill = colors.owner(s.owner.as_ref());
    let (shape, style, fill) = match s.kind {
        ServiceKind::Service => ("box", "rounded,filled", fill),
        ServiceKind::Frontend => ("tab", "filled", fill),
        ServiceKind::Gateway => ("hexagon", "filled", fill),
        ServiceKind::Datastore => ("cylinder", "filled", fill),
        ServiceKind::Legacy => ("box", "filled,diagonals", fill),
        ServiceKind::Acl => ("invhouse", "filled", fill),
        ServiceKind::External => ("box", "rounded,filled,dashed", palette::lighten(fill, 0.55)),
    };
    let mut label = esc(&s.name);
    if team.is_none() && s.kind != ServiceKind::External {
        label.push_str("\\n(no owner)");
    }
    let mut attrs = vec![
        format!("label=\"{label}\""),
        format!("shape={shape}"),
        format!("style=\"{style}\""),
        format!("fillcolor=\"{}\"", hex(fill)),
        format!("fontcolor=\"{}\"", hex(palette::text_color_on(fill))),
    ];
    let owner = match (team, &s.owner) {
        (Some(t), _) => format!("owned by {}", t.name),
        (None, Some(t)) => format!("owned by {t}"),
        (None, None) => "no owner".to_string(),
    };
    let mut tooltip = vec![format!("{} ({}), {owner}", s.name, s.kind.label())];
    if !s.description.is_empty() {
        tooltip.push(s.description.clone());
    }
    if let Some(mark) = marks.subject(&s.id) {
        attrs.push(format!(
            "color=\"{}\"",
            hex(palette::severity_color(mark.worst))
        ));
        attrs.push("penwidth=2.5".into());
        tooltip.extend(
            mark.findings
                .iter()
                .map(|f| format!("{} {}: {}", f.severity, f.rule, f.message)),
        );
    }
    attrs.push(format!("tooltip={}", q_lines(&tooltip)));
    format!("{} [{}];", q(s.id.as_str()), attrs.join(", "))
}

/// Text for inside a DOT double-quoted string: `\` and `"` escaped (so no
/// Graphviz escape sequence like `\N` or `\l` can come out of user text),
/// control characters as spaces.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c => out.push(c),
        }
    }
    out
}

/// A quoted DOT string.
fn q(s: &str) -> String {
    format!("\"{}\"", esc(s))
}

/// A quoted DOT string of several lines (joined by Graphviz's `\n`).
fn q_lines(lines: &[String]) -> String {
    let parts: Vec<String> = lines.iter().map(|l| esc(l)).collect();
    format!("\"{}\"", parts.join("\\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_and_escaped() {
        assert_eq!(q("\"]; evil"), "\"\\\"]; evil\"");
        assert_eq!(q("a\\b\nc"), "\"a\\\\b c\"");
    }
}
