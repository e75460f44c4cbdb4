//! A [`MapDiff`] for people and scripts: a terminal summary ([`text`]), a
//! section to paste into a pull request or review document ([`markdown`]),
//! and the full diff as JSON ([`json`]).
//!
//! Both human renderings tell the same story in the same order: the verdict
//! (findings resolved and introduced, counts by severity), ownership moves,
//! the changes to the map, teams, services, streams and links, the findings
//! resolved, introduced and remaining, each stream's flow figures before and
//! after, the prose that changed, and (only when asked) services moved on the
//! canvas. User text is made inert: control characters never reach the
//! terminal, and markdown-significant characters are escaped so that a
//! service named `a|b` or `<script>` stays plain text.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{Changed, EntityDiff, FieldChange, FindingList, MapDiff, Moved, step_changes_of};
use crate::analysis::flow::FlowFigures;
use crate::analysis::plural;
use crate::model::{Allow, Id, Link, Service, Stream, Team};

/// The two human renderings differ only in layout, escaping and arrows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Text,
    Markdown,
}

impl Style {
    /// User text made safe to print.
    fn esc(self, s: &str) -> String {
        match self {
            Style::Text => s
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
            Style::Markdown => escape_markdown(s),
        }
    }

    fn arrow(self) -> &'static str {
        match self {
            Style::Text => "->",
            Style::Markdown => "→",
        }
    }

    /// An absent value.
    fn none(self) -> &'static str {
        match self {
            Style::Text => "(none)",
            Style::Markdown => "—",
        }
    }

    /// A rule id or other identifier of ours.
    fn code(self, s: &str) -> String {
        match self {
            Style::Text => s.to_string(),
            Style::Markdown => format!("`{s}`"),
        }
    }
}

/// Escapes text for markdown (CommonMark and GitHub's extensions) so that it
/// renders as itself inside a line: no emphasis, code, links, HTML, table
/// cells, strikethrough, maths or line breaks can come out of it.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            // `<` starts HTML and autolinks; a `>` alone is harmless inside
            // a line (user text never starts one), so "a -> b" stays as is.
            '<' => out.push_str("&lt;"),
            // Only an `&` that could start an entity needs escaping; a lone
            // "Accounts & Savings" stays readable in the source.
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("&amp;")
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The terminal summary. `include_moves` adds the services moved on the canvas.
pub fn text(diff: &MapDiff, include_moves: bool) -> String {
    Renderer {
        diff,
        style: Style::Text,
        out: String::new(),
    }
    .render(include_moves)
}

/// The review section in markdown, to paste into a pull request or review
/// document. `include_moves` adds the services moved on the canvas.
pub fn markdown(diff: &MapDiff, include_moves: bool) -> String {
    Renderer {
        diff,
        style: Style::Markdown,
        out: String::new(),
    }
    .render(include_moves)
}

/// One line: findings resolved and introduced, then the counts by severity
/// before and after, e.g. "7 findings resolved, 1 introduced; errors 4 -> 0,
/// warnings 9 -> 2, info 3 -> 3".
pub fn verdict(diff: &MapDiff) -> String {
    verdict_with(diff, Style::Text)
}

fn verdict_with(diff: &MapDiff, style: Style) -> String {
    let (before, after) = diff.severity_counts();
    let arrow = style.arrow();
    let mut s = format!(
        "{} resolved, {} introduced; errors {} {arrow} {}, warnings {} {arrow} {}, info {} {arrow} {}",
        plural(diff.findings.resolved.len(), "finding"),
        diff.findings.introduced.len(),
        before[0],
        after[0],
        before[1],
        after[1],
        before[2],
        after[2],
    );
    let (newly, no_longer) = allow_shifts(diff);
    if newly > 0 {
        let _ = write!(s, "; {newly} accepted by a new allow entry");
    }
    if no_longer > 0 {
        let _ = write!(s, "; {no_longer} no longer allowed");
    }
    s
}

/// Remaining findings that became allowed, and ones that stopped being allowed.
fn allow_shifts(diff: &MapDiff) -> (usize, usize) {
    let f = &diff.findings;
    let pairs = || f.remaining_before().into_iter().zip(f.remaining());
    (
        pairs().filter(|(b, a)| !b.allowed && a.allowed).count(),
        pairs().filter(|(b, a)| b.allowed && !a.allowed).count(),
    )
}

/// One line counting the changes, e.g. "1 service added, 1 removed, 4
/// changed; 3 ownership moves; 9 links added, 8 removed, 11 changed kind".
pub fn change_summary(diff: &MapDiff) -> String {
    let mut parts = Vec::new();
    if !diff.map_changes().is_empty() {
        parts.push(format!(
            "{} changed",
            plural(diff.map_changes().len(), "map field")
        ));
    }
    for part in [
        counted("team", &diff.teams),
        counted("service", &diff.services),
        counted("stream", &diff.streams),
    ] {
        if !part.is_empty() {
            parts.push(part);
        }
    }
    let moves = diff.owner_moves().len();
    if moves > 0 {
        parts.push(plural(moves, "ownership move"));
    }
    let kinds = diff.links.kind_changes().len();
    let mut links = Vec::new();
    for (n, verb) in [
        (diff.links.only_added().len(), "added"),
        (diff.links.only_removed().len(), "removed"),
        (kinds, "changed kind"),
        (diff.links.relabeled.len(), "relabelled"),
    ] {
        if n > 0 {
            if links.is_empty() {
                links.push(format!("{} {verb}", plural(n, "link")));
            } else {
                links.push(format!("{n} {verb}"));
            }
        }
    }
    if !links.is_empty() {
        parts.push(links.join(", "));
    }
    if parts.is_empty() {
        "No architectural change.".to_string()
    } else {
        parts.join("; ")
    }
}

/// "1 service added, 1 removed, 4 changed" (parts that are zero left out).
fn counted<T>(what: &str, diff: &EntityDiff<T>) -> String {
    let mut bits = Vec::new();
    for (n, verb) in [
        (diff.added.len(), "added"),
        (diff.removed.len(), "removed"),
        (diff.changed.len(), "changed"),
    ] {
        if n > 0 {
            if bits.is_empty() {
                bits.push(format!("{} {verb}", plural(n, what)));
            } else {
                bits.push(format!("{n} {verb}"));
            }
        }
    }
    bits.join(", ")
}

/// Which sort of element a row is about, for field display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    Team,
    Service,
    Stream,
}

/// One row of a table of changes.
struct Row {
    subject: String,
    change: String,
    before: String,
    after: String,
}

/// Rendering order of fields: identity first, prose last.
fn field_rank(field: &str) -> usize {
    const ORDER: [&str; 11] = [
        "name", "type", "kind", "owner", "customer", "members", "color", "steps", "stages",
        "reviewed", "allow",
    ];
    ORDER
        .iter()
        .position(|f| *f == field)
        .unwrap_or(if field.starts_with("settings.") {
            ORDER.len()
        } else {
            ORDER.len() + 1
        })
}

/// Fields that are prose: shown apart (folded away in markdown).
fn is_prose(field: &str) -> bool {
    field == "description"
}

/// A column of the flow table: its header and how to read it.
type Figure = (&'static str, fn(&FlowFigures) -> usize);

struct Renderer<'a> {
    diff: &'a MapDiff,
    style: Style,
    out: String,
}

impl Renderer<'_> {
    fn render(mut self, include_moves: bool) -> String {
        self.title();
        self.owner_moves();
        self.map_section();
        self.entities(
            "Teams",
            "team",
            Sort::Team,
            &self.diff.teams,
            |t: &Team| &t.id,
            team_summary,
        );
        self.entities(
            "Services",
            "service",
            Sort::Service,
            &self.diff.services,
            |s: &Service| &s.id,
            service_summary,
        );
        self.entities(
            "Streams",
            "stream",
            Sort::Stream,
            &self.diff.streams,
            |s: &Stream| &s.id,
            stream_summary,
        );
        self.links();
        self.findings();
        self.flow();
        self.prose();
        if include_moves {
            self.moves();
        }
        self.out
    }

    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn heading(&mut self, title: &str) {
        match self.style {
            Style::Text => {
                self.line("");
                self.line(title);
            }
            Style::Markdown => {
                self.line("");
                self.line(&format!("### {title}"));
                self.line("");
            }
        }
    }

    fn table(&mut self, header: &[&str], rows: &[Vec<String>]) {
        match self.style {
            Style::Markdown => {
                self.line(&format!("| {} |", header.join(" | ")));
                self.line(&format!("|{}", "---|".repeat(header.len())));
                for row in rows {
                    let cells: Vec<&str> = row
                        .iter()
                        .map(|c| if c.is_empty() { " " } else { c.as_str() })
                        .collect();
                    self.line(&format!("| {} |", cells.join(" | ")));
                }
            }
            Style::Text => {
                for row in rows {
                    self.line(&format!("  {}", row.join("  ")));
                }
            }
        }
    }

    fn map_name(&self, name: &str) -> String {
        if name.trim().is_empty() {
            "(unnamed map)".into()
        } else {
            self.style.esc(name)
        }
    }

    fn title(&mut self) {
        let (before, after) = self.diff.map_names();
        let title = format!(
            "{} {} {}",
            self.map_name(before),
            self.style.arrow(),
            self.map_name(after)
        );
        let verdict = verdict_with(self.diff, self.style);
        let summary = change_summary(self.diff);
        match self.style {
            Style::Text => {
                self.line(&title);
                self.line(&verdict);
                self.line(&summary);
            }
            Style::Markdown => {
                self.line(&format!("## {title}"));
                self.line("");
                self.line(&format!("**{verdict}.**"));
                self.line("");
                self.line(&format!(
                    "{summary}{}",
                    if summary.ends_with('.') { "" } else { "." }
                ));
            }
        }
    }

    /// A display name, escaped.
    fn name(&self, id: &Id) -> String {
        self.style.esc(self.diff.name_of(id))
    }

    fn emphasis(&self, s: &str) -> String {
        match self.style {
            Style::Text => s.to_string(),
            Style::Markdown => format!("**{s}**"),
        }
    }

    fn owner_moves(&mut self) {
        let moves = self.diff.owner_moves();
        if moves.is_empty() {
            return;
        }
        self.heading(&format!("Ownership moves ({})", moves.len()));
        for m in &moves {
            let sort = if self.diff.streams.changes_of(m.id.as_str()).is_some()
                && self.diff.services.changes_of(m.id.as_str()).is_none()
            {
                "Stream "
            } else {
                ""
            };
            let name = self.emphasis(&self.style.esc(&m.name));
            let (from, to) = (self.style.esc(&m.from_name), self.style.esc(&m.to_name));
            let sentence = match (&m.from, &m.to) {
                (None, _) => format!("{sort}{name}, unowned before, moved to {to}"),
                (_, None) => format!("{sort}{name} is left without an owner (was {from})"),
                _ => format!("{sort}{name} moved from {from} to {to}"),
            };
            let bullet = match self.style {
                Style::Text => format!("  {sentence}"),
                Style::Markdown => format!("- {sentence}"),
            };
            self.line(&bullet);
        }
    }

    /// A field's value for display; `after` picks the side for team names.
    fn value(&self, field: &str, v: &Value, after: bool) -> String {
        let style = self.style;
        match (field, v) {
            ("owner", Value::Null) => "no owner".into(),
            ("owner", Value::String(id)) => {
                let name = Id::new(id.as_str()).ok().and_then(|id| {
                    if after {
                        self.diff.name_after(&id)
                    } else {
                        self.diff.name_before(&id)
                    }
                    .map(str::to_string)
                });
                style.esc(name.as_deref().unwrap_or(id))
            }
            (_, Value::Null) => style.none().into(),
            (_, Value::String(s)) => style.esc(s),
            (_, Value::Number(_) | Value::Bool(_)) => v.to_string(),
            (_, other) => style.esc(&other.to_string()),
        }
    }

    fn field_rows(&self, sort: Sort, subject: &str, c: &Changed) -> Vec<Row> {
        let mut changes: Vec<&FieldChange> = c
            .changes
            .iter()
            .filter(|f| f.field != "owner" && !is_prose(&f.field))
            .collect();
        changes.sort_by_key(|f| field_rank(&f.field));
        let mut rows = Vec::new();
        for f in changes {
            match (sort, f.field.as_str()) {
                (Sort::Stream, "steps") => rows.push(self.steps_row(subject, f)),
                (Sort::Stream, "stages") => {
                    if let Some(row) = self.stages_row(subject, c, f) {
                        rows.push(row);
                    }
                }
                _ => rows.push(Row {
                    subject: subject.to_string(),
                    change: f.field.clone(),
                    before: self.value(&f.field, &f.before, false),
                    after: self.value(&f.field, &f.after, true),
                }),
            }
        }
        rows
    }

    /// A stream's steps as a path, with added (or removed) steps marked.
    fn path(&self, ids: &[Id], marked: &[Id], mark: &str) -> String {
        if ids.is_empty() {
            return self.style.none().into();
        }
        let sep = match self.style {
            Style::Text => " > ",
            Style::Markdown => " → ",
        };
        ids.iter()
            .map(|id| {
                let name = self.name(id);
                if !marked.contains(id) {
                    return name;
                }
                match self.style {
                    Style::Text => format!("[{mark} {name}]"),
                    Style::Markdown if mark == "-" => format!("~~{name}~~"),
                    Style::Markdown => format!("**{name}**"),
                }
            })
            .collect::<Vec<_>>()
            .join(sep)
    }

    fn steps_row(&self, subject: &str, f: &FieldChange) -> Row {
        let changes = step_changes_of(f);
        let mut what = Vec::new();
        let names = |ids: &[Id]| {
            ids.iter()
                .map(|id| self.name(id))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !changes.added.is_empty() {
            what.push(format!("added {}", names(&changes.added)));
        }
        if !changes.removed.is_empty() {
            what.push(format!("removed {}", names(&changes.removed)));
        }
        if changes.reordered {
            what.push("reordered".into());
        }
        let before = super::ids_of(&f.before);
        let after = super::ids_of(&f.after);
        let change = match self.style {
            Style::Text => format!("steps ({})", what.join("; ")),
            Style::Markdown => format!("steps: {}", what.join("; ")),
        };
        Row {
            subject: subject.to_string(),
            change,
            before: self.path(&before, &changes.removed, "-"),
            after: self.path(&after, &changes.added, "+"),
        }
    }

    /// Stage labels that changed on steps present on both sides (the
    /// stages of added and removed steps go with them).
    fn stages_row(&self, subject: &str, c: &Changed, f: &FieldChange) -> Option<Row> {
        let (before, after) = (f.before.as_object()?, f.after.as_object()?);
        let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
        keys.sort();
        keys.dedup();
        if let Some(steps) = c.field("steps") {
            let changes = step_changes_of(steps);
            keys.retain(|k| {
                !changes
                    .added
                    .iter()
                    .chain(&changes.removed)
                    .any(|id| id.as_str() == k.as_str())
            });
        }
        let mut b = Vec::new();
        let mut a = Vec::new();
        for key in keys {
            let (old, new) = (before.get(key), after.get(key));
            if old == new {
                continue;
            }
            let Ok(id) = Id::new(key.as_str()) else {
                continue;
            };
            let label = |v: Option<&Value>| match v.and_then(Value::as_str) {
                Some(s) => format!("\"{}\"", self.style.esc(s)),
                None => "no stage".into(),
            };
            let name = self.name(&id);
            b.push(format!("{name}: {}", label(old)));
            a.push(format!("{name}: {}", label(new)));
        }
        (!b.is_empty()).then(|| Row {
            subject: subject.to_string(),
            change: "stages".into(),
            before: b.join(", "),
            after: a.join(", "),
        })
    }

    fn entities<T>(
        &mut self,
        title: &str,
        what: &str,
        sort: Sort,
        diff: &EntityDiff<T>,
        id: fn(&T) -> &Id,
        summary: fn(&Renderer<'_>, &T, bool) -> String,
    ) {
        // Rows grouped per element, elements sorted by display name.
        let mut groups: Vec<(&str, &Id, Vec<Row>)> = Vec::new();
        for t in &diff.added {
            let row = Row {
                subject: self.subject(id(t)),
                change: "added".into(),
                before: self.style.none().into(),
                after: summary(self, t, true),
            };
            groups.push((self.diff.name_of(id(t)), id(t), vec![row]));
        }
        for t in &diff.removed {
            let row = Row {
                subject: self.subject(id(t)),
                change: "removed".into(),
                before: summary(self, t, false),
                after: self.style.none().into(),
            };
            groups.push((self.diff.name_of(id(t)), id(t), vec![row]));
        }
        for c in &diff.changed {
            let rows = self.field_rows(sort, &self.subject(&c.id), c);
            groups.push((self.diff.name_of(&c.id), &c.id, rows));
        }
        groups.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let rows: Vec<Row> = groups.into_iter().flat_map(|(_, _, rows)| rows).collect();
        if rows.is_empty() {
            return;
        }
        self.heading(title);
        self.rows(what, rows);
    }

    /// The name shown for an element in the first column.
    fn subject(&self, id: &Id) -> String {
        match self.style {
            Style::Text => format!("{} [{}]", self.name(id), id),
            Style::Markdown => self.name(id),
        }
    }

    fn rows(&mut self, what: &str, rows: Vec<Row>) {
        match self.style {
            Style::Markdown => {
                let rows: Vec<Vec<String>> = rows
                    .into_iter()
                    .map(|r| vec![r.subject, r.change, r.before, r.after])
                    .collect();
                self.table(&[what, "change", "before", "after"], &rows);
            }
            Style::Text => {
                let arrow = self.style.arrow();
                let mut last = String::new();
                for r in rows {
                    let marker = match r.change.as_str() {
                        "added" => "+",
                        "removed" => "-",
                        _ => "~",
                    };
                    match r.change.as_str() {
                        "added" => self.line(&format!("  + {}: {}", r.subject, r.after)),
                        "removed" => self.line(&format!("  - {}: {}", r.subject, r.before)),
                        change => {
                            if r.subject != last {
                                self.line(&format!("  {marker} {}", r.subject));
                            }
                            if change == "allow added" {
                                self.line(&format!("      + allow {}", r.after));
                            } else if change == "allow removed" {
                                self.line(&format!("      - allow {}", r.before));
                            } else if r.before.chars().count() + r.after.chars().count() > 70 {
                                self.line(&format!("      {change}:"));
                                self.line(&format!("        before: {}", r.before));
                                self.line(&format!("        after:  {}", r.after));
                            } else {
                                self.line(&format!(
                                    "      {change}: {} {arrow} {}",
                                    r.before, r.after
                                ));
                            }
                        }
                    }
                    last = r.subject;
                }
            }
        }
    }

    fn map_section(&mut self) {
        let mut rows = Vec::new();
        let subject = match self.style {
            Style::Text => "the map".to_string(),
            Style::Markdown => "map".to_string(),
        };
        let mut changes: Vec<&FieldChange> = self
            .diff
            .map_changes()
            .iter()
            .filter(|f| !is_prose(&f.field))
            .collect();
        changes.sort_by_key(|f| (field_rank(&f.field), f.field.clone()));
        for f in changes {
            if f.field == "allow" {
                rows.extend(self.allow_rows(&subject, f));
            } else {
                rows.push(Row {
                    subject: subject.clone(),
                    change: f.field.clone(),
                    before: self.value(&f.field, &f.before, false),
                    after: self.value(&f.field, &f.after, true),
                });
            }
        }
        if rows.is_empty() {
            return;
        }
        self.heading("Map");
        match self.style {
            Style::Markdown => {
                let rows: Vec<Vec<String>> = rows
                    .into_iter()
                    .map(|r| vec![r.change, r.before, r.after])
                    .collect();
                self.table(&["field", "before", "after"], &rows);
            }
            Style::Text => self.rows("map", rows),
        }
    }

    /// Allow entries added and removed, one row each.
    fn allow_rows(&self, subject: &str, f: &FieldChange) -> Vec<Row> {
        let entries =
            |v: &Value| -> Vec<Allow> { serde_json::from_value(v.clone()).unwrap_or_default() };
        let (before, after) = (entries(&f.before), entries(&f.after));
        let describe = |a: &Allow, after: bool| {
            let on = match &a.subject {
                Some(id) => {
                    let name = if after {
                        self.diff.name_after(id)
                    } else {
                        self.diff.name_before(id)
                    };
                    format!(" on {}", self.style.esc(name.unwrap_or(id.as_str())))
                }
                None => String::new(),
            };
            format!(
                "{}{on}: {}",
                self.style.code(&self.style.esc(&a.rule)),
                self.style.esc(&a.reason)
            )
        };
        let mut rows = Vec::new();
        for a in before.iter().filter(|a| !after.contains(a)) {
            rows.push(Row {
                subject: subject.to_string(),
                change: "allow removed".into(),
                before: describe(a, false),
                after: self.style.none().into(),
            });
        }
        for a in after.iter().filter(|a| !before.contains(a)) {
            rows.push(Row {
                subject: subject.to_string(),
                change: "allow added".into(),
                before: self.style.none().into(),
                after: describe(a, true),
            });
        }
        rows
    }

    fn link_end(&self, l: &Link) -> String {
        let label = if l.label.is_empty() {
            String::new()
        } else {
            format!(" {}", self.style.esc(&l.label))
        };
        match self.style {
            Style::Text if l.label.is_empty() => l.kind.as_str().to_string(),
            Style::Text => format!("{} \"{}\"", l.kind.as_str(), self.style.esc(&l.label)),
            Style::Markdown => format!("`{}`{}", l.kind.as_str(), label),
        }
    }

    fn links(&mut self) {
        let links = &self.diff.links;
        let mut rows: Vec<(String, String, &str, String, String)> = Vec::new();
        let none = self.style.none().to_string();
        for (r, a) in links.kind_changes() {
            rows.push((
                self.name(&r.from),
                self.name(&r.to),
                "changed kind",
                self.link_end(r),
                self.link_end(a),
            ));
        }
        for r in &links.relabeled {
            let link = |label: &str| Link {
                from: r.from.clone(),
                to: r.to.clone(),
                kind: r.kind,
                label: label.to_string(),
            };
            rows.push((
                self.name(&r.from),
                self.name(&r.to),
                "relabelled",
                self.link_end(&link(&r.before)),
                self.link_end(&link(&r.after)),
            ));
        }
        for a in links.only_added() {
            rows.push((
                self.name(&a.from),
                self.name(&a.to),
                "added",
                none.clone(),
                self.link_end(a),
            ));
        }
        for r in links.only_removed() {
            rows.push((
                self.name(&r.from),
                self.name(&r.to),
                "removed",
                self.link_end(r),
                none.clone(),
            ));
        }
        if rows.is_empty() {
            return;
        }
        // Grouped by change (the order pushed), by name within a group.
        let group = |c: &str| {
            ["changed kind", "relabelled", "added", "removed"]
                .iter()
                .position(|g| *g == c)
        };
        rows.sort_by(|a, b| (group(a.2), &a.0, &a.1).cmp(&(group(b.2), &b.0, &b.1)));
        self.heading("Links");
        match self.style {
            Style::Markdown => {
                let rows: Vec<Vec<String>> = rows
                    .into_iter()
                    .map(|(f, t, c, b, a)| vec![f, t, c.to_string(), b, a])
                    .collect();
                self.table(&["from", "to", "change", "before", "after"], &rows);
            }
            Style::Text => {
                let arrow = self.style.arrow();
                for (f, t, c, b, a) in rows {
                    let line = match c {
                        "added" => format!("  + {f} {arrow} {t}: {a}"),
                        "removed" => format!("  - {f} {arrow} {t}: {b}"),
                        _ => format!("  ~ {f} {arrow} {t}: {c}: {b} {arrow} {a}"),
                    };
                    self.line(&line);
                }
            }
        }
    }

    fn finding_rows(&self, findings: FindingList<'_>, notes: &[String]) -> Vec<Vec<String>> {
        findings
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let mut message = self.style.esc(&f.message);
                let note = notes
                    .get(i)
                    .filter(|n| !n.is_empty())
                    .cloned()
                    .or_else(|| f.allowed.then(|| "allowed".to_string()));
                if let Some(note) = note {
                    match self.style {
                        Style::Text => {
                            let _ = write!(message, " [{note}]");
                        }
                        Style::Markdown => {
                            let _ = write!(message, " _({note})_");
                        }
                    }
                }
                vec![f.severity.to_string(), self.style.code(f.rule), message]
            })
            .collect()
    }

    fn finding_list(&mut self, title: &str, findings: FindingList<'_>, notes: &[String]) {
        if findings.is_empty() {
            return;
        }
        self.heading(&format!("{title} ({})", findings.len()));
        let rows = self.finding_rows(findings, notes);
        match self.style {
            Style::Markdown => self.table(&["severity", "rule", "finding"], &rows),
            Style::Text => {
                for row in rows {
                    self.line(&format!("  {} {}: {}", row[0], row[1], row[2]));
                }
            }
        }
    }

    fn findings(&mut self) {
        let d = self.diff;
        let f = &d.findings;
        self.finding_list("Findings resolved", f.resolved(), &[]);
        self.finding_list("Findings introduced", f.introduced(), &[]);
        let notes: Vec<String> = f
            .remaining_before()
            .into_iter()
            .zip(f.remaining())
            .map(|(b, a)| match (b.allowed, a.allowed) {
                (false, true) => "newly allowed".into(),
                (true, false) => "no longer allowed".into(),
                _ => String::new(),
            })
            .collect();
        self.finding_list("Findings remaining", f.remaining(), &notes);
    }

    fn figure(
        &self,
        before: Option<&FlowFigures>,
        after: Option<&FlowFigures>,
        pick: fn(&FlowFigures) -> usize,
    ) -> String {
        let show = |f: Option<&FlowFigures>| {
            f.map_or_else(|| self.style.none().to_string(), |f| pick(f).to_string())
        };
        format!("{} {} {}", show(before), self.style.arrow(), show(after))
    }

    fn flow(&mut self) {
        if self.diff.streams_flow.is_empty() {
            return;
        }
        self.heading("Flow per stream");
        let figures: [Figure; 4] = [
            ("teams", |f| f.teams),
            ("other teams", |f| f.other_teams),
            ("handoffs", |f| f.handoffs),
            ("findings", |f| f.findings),
        ];
        let mut streams: Vec<&super::StreamFlow> = self.diff.streams_flow.iter().collect();
        streams.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
        let rows: Vec<Vec<String>> = streams
            .into_iter()
            .map(|s| {
                let mut row = vec![self.style.esc(&s.name)];
                for (_, pick) in figures {
                    row.push(self.figure(s.before.as_ref(), s.after.as_ref(), pick));
                }
                row
            })
            .collect();
        match self.style {
            Style::Markdown => {
                let mut header = vec!["stream"];
                header.extend(figures.iter().map(|(h, _)| *h));
                self.table(&header, &rows);
            }
            Style::Text => {
                for row in rows {
                    let parts: Vec<String> = figures
                        .iter()
                        .zip(&row[1..])
                        .map(|((h, _), v)| format!("{h} {v}"))
                        .collect();
                    self.line(&format!("  {}: {}", row[0], parts.join(", ")));
                }
            }
        }
    }

    /// Description changes: prose, shown last (folded away in markdown).
    fn prose(&mut self) {
        let mut rows = Vec::new();
        let d = self.diff;
        for f in d.map_changes().iter().filter(|f| is_prose(&f.field)) {
            rows.push(Row {
                subject: "the map".to_string(),
                change: f.field.clone(),
                before: self.value(&f.field, &f.before, false),
                after: self.value(&f.field, &f.after, true),
            });
        }
        let mut changed: Vec<(&Changed, &str)> = Vec::new();
        changed.extend(d.teams.changed.iter().map(|c| (c, " (team)")));
        changed.extend(d.services.changed.iter().map(|c| (c, "")));
        changed.extend(d.streams.changed.iter().map(|c| (c, " (stream)")));
        changed.sort_by(|a, b| {
            d.name_of(&a.0.id)
                .cmp(d.name_of(&b.0.id))
                .then(a.0.id.cmp(&b.0.id))
        });
        for (c, what) in changed {
            for f in c.changes.iter().filter(|f| is_prose(&f.field)) {
                let subject = match self.style {
                    Style::Text => self.subject(&c.id),
                    Style::Markdown => format!("{}{what}", self.name(&c.id)),
                };
                rows.push(Row {
                    subject,
                    change: f.field.clone(),
                    before: self.value(&f.field, &f.before, false),
                    after: self.value(&f.field, &f.after, true),
                });
            }
        }
        if rows.is_empty() {
            return;
        }
        let title = format!("{} changed", plural(rows.len(), "description"));
        match self.style {
            Style::Text => {
                self.heading(&format!("Descriptions ({})", rows.len()));
                self.rows("element", rows);
            }
            Style::Markdown => {
                self.line("");
                self.line(&format!("<details><summary>{title}</summary>"));
                self.line("");
                let rows: Vec<Vec<String>> = rows
                    .into_iter()
                    .map(|r| vec![r.subject, r.before, r.after])
                    .collect();
                self.table(&["element", "before", "after"], &rows);
                self.line("");
                self.line("</details>");
            }
        }
    }

    fn moves(&mut self) {
        if self.diff.moved.is_empty() {
            return;
        }
        self.heading(&format!("Moved on the canvas ({})", self.diff.moved.len()));
        let position = |p: (Option<f64>, Option<f64>)| {
            let n =
                |v: Option<f64>| v.map_or_else(|| "auto".to_string(), |v| format!("{}", v.round()));
            format!("({}, {})", n(p.0), n(p.1))
        };
        let rows: Vec<Vec<String>> = self
            .diff
            .moved
            .iter()
            .map(|m: &Moved| vec![self.subject(&m.id), position(m.before), position(m.after)])
            .collect();
        match self.style {
            Style::Markdown => self.table(&["service", "before", "after"], &rows),
            Style::Text => {
                let arrow = self.style.arrow();
                for row in rows {
                    self.line(&format!("  {}: {} {arrow} {}", row[0], row[1], row[2]));
                }
            }
        }
    }
}

fn team_summary(_: &Renderer<'_>, t: &Team, _after: bool) -> String {
    let mut s = t.team_type.as_str().to_string();
    if let Some(n) = t.members {
        let _ = write!(s, ", {}", plural(n as usize, "member"));
    }
    s
}

fn service_summary(r: &Renderer<'_>, s: &Service, after: bool) -> String {
    let owner = r.value(
        "owner",
        &s.owner
            .as_ref()
            .map_or(Value::Null, |o| Value::from(o.as_str())),
        after,
    );
    if s.owner.is_some() {
        format!("{}, owned by {owner}", s.kind.as_str())
    } else {
        format!("{}, {owner}", s.kind.as_str())
    }
}

fn stream_summary(r: &Renderer<'_>, s: &Stream, after: bool) -> String {
    let owner = r.value(
        "owner",
        &s.owner
            .as_ref()
            .map_or(Value::Null, |o| Value::from(o.as_str())),
        after,
    );
    let ids: Vec<Id> = s.steps.iter().map(|s| s.service.clone()).collect();
    let owned = if s.owner.is_some() {
        format!("owned by {owner}")
    } else {
        owner
    };
    format!("{owned}; {}", r.path(&ids, &[], ""))
}

fn entity_json<T>(diff: &EntityDiff<T>, id: fn(&T) -> &Id) -> Value {
    json!({
        "added": diff.added.iter().map(|t| id(t).as_str()).collect::<Vec<_>>(),
        "removed": diff.removed.iter().map(|t| id(t).as_str()).collect::<Vec<_>>(),
        "changed": diff.changed.iter().map(|c| json!({
            "id": c.id.as_str(),
            "changes": changes_json(&c.changes),
        })).collect::<Vec<_>>(),
    })
}

fn changes_json(changes: &[FieldChange]) -> Value {
    changes
        .iter()
        .map(|f| json!({"field": f.field, "before": f.before, "after": f.after}))
        .collect()
}

fn figures_json(f: Option<&FlowFigures>) -> Value {
    f.map_or(Value::Null, |f| {
        json!({
            "teams": f.teams,
            "other_teams": f.other_teams,
            "handoffs": f.handoffs,
            "findings": f.findings,
        })
    })
}

/// The full diff for scripts, keys and lists sorted:
/// `{"map": {"before", "after", "changes"}, "teams": {"added": [ids],
/// "removed": [ids], "changed": [{"id", "changes": [{"field", "before",
/// "after"}]}]}, "services": {…}, "streams": {…}, "links": {"added": [links],
/// "removed": [links], "relabeled": [{"from", "to", "kind", "before",
/// "after"}]}, "moved": [ids] (only with `include_moves`), "findings":
/// {"resolved", "introduced", "remaining"} (findings as in `check`'s JSON),
/// "streams_flow": [{"id", "before", "after"}]}`.
pub fn json(diff: &MapDiff, include_moves: bool) -> Value {
    let (before_name, after_name) = diff.map_names();
    let links = |links: &[Link]| serde_json::to_value(links).unwrap_or(Value::Null);
    let mut out = json!({
        "map": {
            "before": before_name,
            "after": after_name,
            "changes": changes_json(diff.map_changes()),
        },
        "teams": entity_json(&diff.teams, |t| &t.id),
        "services": entity_json(&diff.services, |s| &s.id),
        "streams": entity_json(&diff.streams, |s| &s.id),
        "links": {
            "added": links(&diff.links.added),
            "removed": links(&diff.links.removed),
            "relabeled": diff.links.relabeled.iter().map(|r| json!({
                "from": r.from.as_str(),
                "to": r.to.as_str(),
                "kind": r.kind.as_str(),
                "before": r.before,
                "after": r.after,
            })).collect::<Vec<_>>(),
        },
        "findings": {
            "resolved": serde_json::to_value(diff.findings.resolved()).unwrap_or(Value::Null),
            "introduced": serde_json::to_value(diff.findings.introduced()).unwrap_or(Value::Null),
            "remaining": serde_json::to_value(diff.findings.remaining()).unwrap_or(Value::Null),
        },
        "streams_flow": diff.streams_flow.iter().map(|s| json!({
            "id": s.id.as_str(),
            "before": figures_json(s.before.as_ref()),
            "after": figures_json(s.after.as_ref()),
        })).collect::<Vec<_>>(),
    });
    if include_moves && let Value::Object(object) = &mut out {
        object.insert(
            "moved".into(),
            diff.moved
                .iter()
                .map(|m| Value::from(m.id.as_str()))
                .collect(),
        );
    }
    out
}
