//! The Markdown review report.

use std::fmt::Write as _;

use super::display_text::team_name;
use std::collections::HashMap;

use crate::analysis::flow::{FlowFigures, all_flow_figures, stream_teams};
use crate::analysis::times::{format_minutes, percent_down};
use crate::analysis::{Finding, Severity, count_by_severity, join_names, plural, rule};
use crate::diff::MapDiff;
use crate::diff::render::escape_markdown;
use crate::model::{Id, Map, Stream};

/// A review report in Markdown (CommonMark with GitHub's tables), for git
/// hosting sites and review documents.
///
/// It has the map's name, description and review date; per value stream its
/// customer, owner, description, steps with their owning teams and its flow
/// figures (teams, other teams, handoffs, findings); the teams with their
/// type, members and what each owns; every finding grouped by severity and
/// rule, with the rule's title, explanation and fix, allowed ones marked
/// with their reason; and, given a `diff`, the diff section of
/// [`crate::diff::render::markdown`]. User text is escaped so that it renders
/// as itself.
pub fn markdown_report(map: &Map, findings: &[Finding], diff: Option<&MapDiff>) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let title = if map.name.trim().is_empty() {
        "Value stream map".to_string()
    } else {
        inline(&map.name)
    };
    let _ = writeln!(out, "# {title}");
    if !map.description.trim().is_empty() {
        out.push('\n');
        out.push_str(&block(&map.description));
    }
    out.push('\n');
    let reviewed = map
        .reviewed
        .map_or_else(|| "never".to_string(), |d| d.to_string());
    let _ = writeln!(
        out,
        "**Reviewed:** {reviewed} · {} · {} · {} · {}  ",
        plural(map.teams.len(), "team"),
        plural(map.services.len(), "service"),
        plural(map.links.len(), "link"),
        plural(map.streams.len(), "stream"),
    );
    let _ = writeln!(out, "**Findings:** {}", finding_counts(findings));

    streams(&mut out, map, findings);
    teams(&mut out, map);
    findings_section(&mut out, map, findings);

    if let Some(diff) = diff {
        out.push('\n');
        out.push_str(&crate::diff::render::markdown(diff, false));
    }
    out
}

/// User text inside a line: escaped, on one line, `#` escaped too so that it
/// cannot close a heading.
fn inline(s: &str) -> String {
    escape_markdown(s.trim()).replace('#', "\\#")
}

/// User prose as paragraphs, one per line of the text; a paragraph cannot
/// start a heading, list, quote, table or code block.
fn block(s: &str) -> String {
    let mut out = String::new();
    for line in s.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut text = inline(line);
        let starts_block = text.starts_with(['>', '-', '+', '=', '#']);
        if starts_block {
            text.insert(0, '\\');
        } else {
            // "1. x" or "1) x" would start an ordered list.
            let digits = text.chars().take_while(char::is_ascii_digit).count();
            if digits > 0 && text[digits..].starts_with(['.', ')']) {
                text.insert(digits, '\\');
            }
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&text);
        out.push('\n');
    }
    out
}

/// "4 errors, 30 warnings, 8 info (1 allowed)".
fn finding_counts(findings: &[Finding]) -> String {
    let [e, w, i] = count_by_severity(findings);
    let mut s = format!("{}, {}, {i} info", plural(e, "error"), plural(w, "warning"));
    let allowed = findings.iter().filter(|f| f.allowed).count();
    if allowed > 0 {
        let _ = write!(s, " ({allowed} allowed)");
    }
    s
}

fn streams(out: &mut String, map: &Map, findings: &[Finding]) {
    if map.streams.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## Value streams");
    // Every stream's figures in one pass over the findings: the table and
    // each stream's section both show them.
    let figures_of: HashMap<&Id, FlowFigures> = map
        .streams
        .iter()
        .map(|s| &s.id)
        .zip(all_flow_figures(map, findings))
        .collect();
    let mut streams: Vec<(&Stream, &FlowFigures)> = map
        .streams
        .iter()
        .filter_map(|s| Some((s, figures_of.get(&s.id)?)))
        .collect();
    streams.sort_by(|(a, _), (b, _)| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    let owner_of = |s: &Stream| {
        s.owner
            .as_ref()
            .map_or_else(|| "nobody".to_string(), |t| inline(team_name(map, t)))
    };
    let _ = writeln!(
        out,
        "\n| stream | customer | owner | teams | other teams | handoffs | findings |"
    );
    let _ = writeln!(out, "|---|---|---|---:|---:|---:|---:|");
    for &(s, f) in &streams {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            inline(&s.name),
            if s.customer.trim().is_empty() {
                "—".to_string()
            } else {
                inline(&s.customer)
            },
            owner_of(s),
            f.teams,
            f.other_teams,
            f.handoffs,
            f.findings
        );
    }
    for (s, figures) in streams {
        let _ = writeln!(out, "\n### {}\n", inline(&s.name));
        let customer = if s.customer.trim().is_empty() {
            "—".to_string()
        } else {
            inline(&s.customer)
        };
        let _ = writeln!(out, "**Customer:** {customer} · **Owner:** {}", owner_of(s));
        if !s.description.trim().is_empty() {
            out.push('\n');
            out.push_str(&block(&s.description));
        }
        if !s.steps.is_empty() {
            let _ = writeln!(out, "\n| # | step | stage | kind | team | wait | work |");
            let _ = writeln!(out, "|---:|---|---|---|---|---|---|");
            for (k, step) in s.steps.iter().enumerate() {
                let service = map.service(step.service.as_str());
                let name = service.map_or_else(|| step.service.to_string(), |x| x.name.clone());
                let kind = service.map_or("", |x| x.kind.as_str());
                let team = service
                    .and_then(|x| x.owner.as_ref())
                    .map_or_else(|| "*no owner*".to_string(), |t| inline(team_name(map, t)));
                let stage = if step.stage.trim().is_empty() {
                    String::new()
                } else {
                    inline(&step.stage)
                };
                let show =
                    |d: Option<crate::model::Duration>| d.map_or(String::new(), |d| d.to_string());
                let _ = writeln!(
                    out,
                    "| {} | {} | {stage} | {kind} | {team} | {} | {} |",
                    k + 1,
                    inline(&name),
                    show(step.wait),
                    show(step.work)
                );
            }
        }
        let teams: Vec<String> = stream_teams(map, s).iter().map(|t| inline(t)).collect();
        let _ = writeln!(
            out,
            "\n**Flow:** {} ({} besides the owner), {}, {}.",
            plural(figures.teams, "team"),
            figures.other_teams,
            plural(figures.handoffs, "handoff"),
            plural(figures.findings, "finding"),
        );
        let times = crate::analysis::times::stream_times(map, s);
        if let Some(efficiency) = times.flow_efficiency {
            let longest = times
                .boundaries
                .iter()
                .filter_map(|b| b.wait_minutes)
                .max()
                .map_or_else(String::new, |w| {
                    format!(", the longest wait at a handoff {}", format_minutes(w))
                });
            let _ = writeln!(
                out,
                "**Time:** lead time {} ({} of work, {} of waiting), flow efficiency {} %, %C&A {:.0} %{longest}.",
                format_minutes(times.lead_time_minutes),
                format_minutes(times.work_minutes),
                format_minutes(times.wait_minutes),
                percent_down(efficiency),
                times.complete_accurate * 100.0,
            );
        }
        if !teams.is_empty() {
            let _ = writeln!(out, "A change involves {}.", join_names(&teams));
        }
    }
}

fn teams(out: &mut String, map: &Map) {
    let _ = writeln!(out, "\n## Teams\n");
    if map.teams.is_empty() {
        let _ = writeln!(out, "The map has no teams.");
    } else {
        let _ = writeln!(out, "| team | type | members | streams | services |");
        let _ = writeln!(out, "|---|---|---:|---|---|");
        let mut teams: Vec<_> = map.teams.iter().collect();
        teams.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
        for t in teams {
            let mut streams: Vec<String> = map
                .streams
                .iter()
                .filter(|s| s.owner.as_ref() == Some(&t.id))
                .map(|s| inline(&s.name))
                .collect();
            streams.sort();
            let mut services: Vec<String> = map
                .services
                .iter()
                .filter(|s| s.owner.as_ref() == Some(&t.id))
                .map(|s| format!("{} ({})", inline(&s.name), s.kind.as_str()))
                .collect();
            services.sort();
            let members = t.members.map_or_else(|| "—".to_string(), |m| m.to_string());
            let or_none = |v: Vec<String>| {
                if v.is_empty() {
                    "—".to_string()
                } else {
                    v.join(", ")
                }
            };
            let _ = writeln!(
                out,
                "| {} | {} | {members} | {} | {} |",
                inline(&t.name),
                t.team_type.label(),
                or_none(streams),
                or_none(services)
            );
        }
    }
    let mut unowned: Vec<String> = map
        .services
        .iter()
        .filter(|s| s.owner.is_none())
        .map(|s| format!("{} ({})", inline(&s.name), s.kind.as_str()))
        .collect();
    unowned.sort();
    if !unowned.is_empty() {
        let _ = writeln!(
            out,
            "\n**Services without an owner:** {}",
            unowned.join(", ")
        );
    }
    let mut unowned_streams: Vec<String> = map
        .streams
        .iter()
        .filter(|s| s.owner.is_none())
        .map(|s| inline(&s.name))
        .collect();
    unowned_streams.sort();
    if !unowned_streams.is_empty() {
        let _ = writeln!(
            out,
            "\n**Streams without an owner:** {}",
            unowned_streams.join(", ")
        );
    }
}

fn findings_section(out: &mut String, map: &Map, findings: &[Finding]) {
    let _ = writeln!(out, "\n## Findings\n");
    if findings.is_empty() {
        let _ = writeln!(out, "No findings.");
        return;
    }
    let _ = writeln!(out, "{}.", finding_counts(findings));
    for severity in Severity::ALL {
        let of: Vec<&Finding> = findings.iter().filter(|f| f.severity == severity).collect();
        if of.is_empty() {
            continue;
        }
        let heading = match severity {
            Severity::Error => "Errors",
            Severity::Warning => "Warnings",
            Severity::Info => "Info",
        };
        let _ = writeln!(out, "\n### {heading} ({})", of.len());
        // By rule, in the order the findings come (sorted by rule already).
        let mut rules: Vec<&'static str> = of.iter().map(|f| f.rule).collect();
        rules.sort_unstable();
        rules.dedup();
        for id in rules {
            let of_rule: Vec<&&Finding> = of.iter().filter(|f| f.rule == id).collect();
            match rule(id) {
                Some(r) => {
                    let _ = writeln!(out, "\n#### `{id}`: {} ({})\n", r.title, of_rule.len());
                    let _ = writeln!(out, "{}\n", r.explanation);
                    let _ = writeln!(out, "**Fix:** {}\n", r.hint);
                }
                None => {
                    let _ = writeln!(out, "\n#### `{id}` ({})\n", of_rule.len());
                }
            }
            for f in of_rule {
                let message = inline(&f.message);
                if f.allowed {
                    let reason = crate::analysis::allow_reason(&map.allow, f)
                        .map_or_else(String::new, |r| format!(": {}", inline(r)));
                    let _ = writeln!(out, "- {message} — **allowed**{reason}");
                } else {
                    let _ = writeln!(out, "- {message}");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_cannot_start_blocks() {
        assert_eq!(
            block("# title\n- item\n1. first\n> quote"),
            "\\# title\n\n\\- item\n\n1\\. first\n\n\\> quote\n"
        );
        assert_eq!(inline("a <b> | c"), "a &lt;b> \\| c");
    }
}
