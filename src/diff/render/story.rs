//! What the two human renderings say, and in which order: the story of a
//! diff, told once for both and laid out by a [`Layout`] (the terminal's in
//! `text`, markdown's in `markdown`).
//!
//! The order: the verdict (findings resolved and introduced, counts by
//! severity), ownership moves, the changes to the map, teams, services,
//! streams and links, the findings resolved, introduced and remaining, each
//! stream's flow figures before and after, the prose that changed, and (only
//! when asked) services moved on the canvas. Every piece of user text goes
//! through [`Layout::esc`], so that neither rendering can be steered by it.

use std::fmt::Write as _;

use serde_json::Value;

use super::summary::{change_summary, verdict_with};
use crate::analysis::flow::FlowFigures;
use crate::analysis::plural;
use crate::analysis::times::format_minutes;
use crate::diff::fields::step_times_text;
use crate::diff::findings::FindingList;
use crate::diff::model::{Changed, EntityDiff, FieldChange, MapDiff, StreamFlow};
use crate::diff::steps::{ids_of, step_changes_of};
use crate::model::{Allow, Id, Link, Service, Stream, Team};

/// One row of a table of changes: what changed, how, and the values.
pub(super) struct Row {
    /// The element, as [`Layout::subject`] names it.
    pub(super) subject: String,
    /// "added", "removed", a field, or "allow added" / "allow removed".
    pub(super) change: String,
    /// The value before.
    pub(super) before: String,
    /// The value after.
    pub(super) after: String,
}

/// One changed link: from, to, the change ("changed kind", "relabelled",
/// "added" or "removed"), and the link before and after.
pub(super) type LinkRow = (String, String, &'static str, String, String);

/// A column of the flow table: its header and how to read it.
type Figure = (&'static str, fn(&FlowFigures) -> String);

/// How a rendering lays out the story: escaping and symbols, and the shape
/// of each section. Implemented by the terminal text and by markdown.
pub(super) trait Layout {
    /// User text made safe to print.
    fn esc(&self, s: &str) -> String;
    /// Between a value before and after.
    fn arrow(&self) -> &'static str;
    /// An absent value.
    fn none(&self) -> &'static str;
    /// A rule id or other identifier of ours.
    fn code(&self, s: &str) -> String;
    /// Text stressed within a sentence.
    fn emphasis(&self, s: &str) -> String;
    /// Starts a section.
    fn heading(&self, out: &mut String, title: &str);
    /// The title, the verdict and the summary of changes, at the top.
    fn title(&self, out: &mut String, title: &str, verdict: &str, summary: &str);
    /// One ownership move, a sentence.
    fn owner_move(&self, out: &mut String, sentence: &str);
    /// The name an element is listed under (`name` is escaped).
    fn subject(&self, name: String, id: &Id) -> String;
    /// Between the steps of a path.
    fn path_separator(&self) -> &'static str;
    /// A step that was added (`mark` "+") or removed ("-") in a path.
    fn marked_step(&self, name: String, mark: &str) -> String;
    /// The change column of a row of step changes, e.g. "added X; reordered".
    fn steps_change(&self, what: &str) -> String;
    /// The rows of changes of teams, services or streams (`what` names
    /// one: "team", "service", "stream").
    fn rows(&self, out: &mut String, what: &str, rows: Vec<Row>);
    /// The name the map's own changes are listed under.
    fn map_subject(&self) -> &'static str;
    /// The rows of the map's own changes.
    fn map_rows(&self, out: &mut String, rows: Vec<Row>);
    /// A link's kind and label, for one side of a change.
    fn link_end(&self, link: &Link) -> String;
    /// The rows of link changes, in order.
    fn links(&self, out: &mut String, rows: Vec<LinkRow>);
    /// A finding's message with a note ("allowed", "newly allowed", …).
    fn noted(&self, message: &mut String, note: &str);
    /// Findings as rows of severity, rule and message.
    fn findings(&self, out: &mut String, rows: Vec<Vec<String>>);
    /// The flow table: per stream its name, then each figure before and after.
    fn flow(&self, out: &mut String, headers: &[&str], rows: Vec<Vec<String>>);
    /// The name a description change is listed under; `what` says which
    /// sort of element it is (" (team)", " (stream)", "" for a service).
    fn prose_subject(&self, name: String, id: &Id, what: &str) -> String;
    /// The description changes, at the end (`title` counts them).
    fn prose(&self, out: &mut String, title: &str, rows: Vec<Row>);
    /// Services moved: name, position before, position after.
    fn moves(&self, out: &mut String, title: &str, rows: Vec<Vec<String>>);
}

/// Appends one line.
pub(super) fn line(out: &mut String, s: &str) {
    out.push_str(s);
    out.push('\n');
}

/// Renders `diff` in `layout`. `include_moves` adds the services moved on
/// the canvas.
pub(super) fn render(diff: &MapDiff, layout: &impl Layout, include_moves: bool) -> String {
    Story {
        diff,
        layout,
        out: String::new(),
    }
    .tell(include_moves)
}

/// Which sort of element a row is about, for field display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    Team,
    Service,
    Stream,
}

/// Rendering order of fields: identity first, prose last.
fn field_rank(field: &str) -> usize {
    const ORDER: [&str; 12] = [
        "name", "type", "kind", "owner", "customer", "members", "color", "steps", "stages",
        "times", "reviewed", "allow",
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

struct Story<'a, L> {
    diff: &'a MapDiff,
    layout: &'a L,
    out: String,
}

impl<L: Layout> Story<'_, L> {
    fn tell(mut self, include_moves: bool) -> String {
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

    fn map_name(&self, name: &str) -> String {
        if name.trim().is_empty() {
            "(unnamed map)".into()
        } else {
            self.layout.esc(name)
        }
    }

    fn title(&mut self) {
        let (before, after) = self.diff.map_names();
        let title = format!(
            "{} {} {}",
            self.map_name(before),
            self.layout.arrow(),
            self.map_name(after)
        );
        let verdict = verdict_with(self.diff, self.layout.arrow());
        let summary = change_summary(self.diff);
        self.layout.title(&mut self.out, &title, &verdict, &summary);
    }

    /// A display name, escaped.
    fn name(&self, id: &Id) -> String {
        self.layout.esc(self.diff.name_of(id))
    }

    /// The name an element is listed under.
    fn subject(&self, id: &Id) -> String {
        self.layout.subject(self.name(id), id)
    }

    fn owner_moves(&mut self) {
        let moves = self.diff.owner_moves();
        if moves.is_empty() {
            return;
        }
        self.layout
            .heading(&mut self.out, &format!("Ownership moves ({})", moves.len()));
        for m in &moves {
            let sort = if self.diff.streams.changes_of(m.id.as_str()).is_some()
                && self.diff.services.changes_of(m.id.as_str()).is_none()
            {
                "Stream "
            } else {
                ""
            };
            let name = self.layout.emphasis(&self.layout.esc(&m.name));
            let (from, to) = (self.layout.esc(&m.from_name), self.layout.esc(&m.to_name));
            let sentence = match (&m.from, &m.to) {
                (None, _) => format!("{sort}{name}, unowned before, moved to {to}"),
                (_, None) => format!("{sort}{name} is left without an owner (was {from})"),
                _ => format!("{sort}{name} moved from {from} to {to}"),
            };
            self.layout.owner_move(&mut self.out, &sentence);
        }
    }

    /// A field's value for display; `after` picks the side for team names.
    fn value(&self, field: &str, v: &Value, after: bool) -> String {
        let layout = self.layout;
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
                layout.esc(name.as_deref().unwrap_or(id))
            }
            (_, Value::Null) => layout.none().into(),
            (_, Value::String(s)) => layout.esc(s),
            (_, Value::Number(_) | Value::Bool(_)) => v.to_string(),
            (_, other) => layout.esc(&other.to_string()),
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
                (Sort::Stream, "times") => {
                    if let Some(row) = self.times_row(subject, c, f) {
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
            return self.layout.none().into();
        }
        ids.iter()
            .map(|id| {
                let name = self.name(id);
                if marked.contains(id) {
                    self.layout.marked_step(name, mark)
                } else {
                    name
                }
            })
            .collect::<Vec<_>>()
            .join(self.layout.path_separator())
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
        let before = ids_of(&f.before);
        let after = ids_of(&f.after);
        Row {
            subject: subject.to_string(),
            change: self.layout.steps_change(&what.join("; ")),
            before: self.path(&before, &changes.removed, "-"),
            after: self.path(&after, &changes.added, "+"),
        }
    }

    /// Times that changed on steps present on both sides (the times of
    /// added and removed steps go with them).
    fn times_row(&self, subject: &str, c: &Changed, f: &FieldChange) -> Option<Row> {
        self.per_step_row(subject, c, f, "times", "; ", &|v| step_times_text(v))
    }

    /// Stage labels that changed on steps present on both sides (the
    /// stages of added and removed steps go with them).
    fn stages_row(&self, subject: &str, c: &Changed, f: &FieldChange) -> Option<Row> {
        let label = |v: Option<&Value>| match v.and_then(Value::as_str) {
            Some(s) => format!("\"{}\"", self.layout.esc(s)),
            None => "no stage".into(),
        };
        self.per_step_row(subject, c, f, "stages", ", ", &label)
    }

    /// A row of a per-step field (`stages`, `times`: service id to value)
    /// listing the steps present on both sides whose value changed, each
    /// as `show` words it.
    fn per_step_row(
        &self,
        subject: &str,
        c: &Changed,
        f: &FieldChange,
        change: &str,
        separator: &str,
        show: &dyn Fn(Option<&Value>) -> String,
    ) -> Option<Row> {
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
            let name = self.name(&id);
            b.push(format!("{name}: {}", show(old)));
            a.push(format!("{name}: {}", show(new)));
        }
        (!b.is_empty()).then(|| Row {
            subject: subject.to_string(),
            change: change.into(),
            before: b.join(separator),
            after: a.join(separator),
        })
    }

    fn entities<T>(
        &mut self,
        title: &str,
        what: &str,
        sort: Sort,
        diff: &EntityDiff<T>,
        id: fn(&T) -> &Id,
        summary: fn(&Self, &T, bool) -> String,
    ) {
        // Rows grouped per element, elements sorted by display name.
        let mut groups: Vec<(&str, &Id, Vec<Row>)> = Vec::new();
        for t in &diff.added {
            let row = Row {
                subject: self.subject(id(t)),
                change: "added".into(),
                before: self.layout.none().into(),
                after: summary(self, t, true),
            };
            groups.push((self.diff.name_of(id(t)), id(t), vec![row]));
        }
        for t in &diff.removed {
            let row = Row {
                subject: self.subject(id(t)),
                change: "removed".into(),
                before: summary(self, t, false),
                after: self.layout.none().into(),
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
        self.layout.heading(&mut self.out, title);
        self.layout.rows(&mut self.out, what, rows);
    }

    fn map_section(&mut self) {
        let mut rows = Vec::new();
        let subject = self.layout.map_subject();
        let mut changes: Vec<&FieldChange> = self
            .diff
            .map_changes()
            .iter()
            .filter(|f| !is_prose(&f.field))
            .collect();
        changes.sort_by_key(|f| (field_rank(&f.field), f.field.clone()));
        for f in changes {
            if f.field == "allow" {
                rows.extend(self.allow_rows(subject, f));
            } else {
                rows.push(Row {
                    subject: subject.to_string(),
                    change: f.field.clone(),
                    before: self.value(&f.field, &f.before, false),
                    after: self.value(&f.field, &f.after, true),
                });
            }
        }
        if rows.is_empty() {
            return;
        }
        self.layout.heading(&mut self.out, "Map");
        self.layout.map_rows(&mut self.out, rows);
    }

    /// Allow entries added and removed, one row each.
    fn allow_rows(&self, subject: &str, f: &FieldChange) -> Vec<Row> {
        let entries =
            |v: &Value| -> Vec<Allow> { serde_json::from_value(v.clone()).unwrap_or_default() };
        let (before, after) = (entries(&f.before), entries(&f.after));
        let layout = self.layout;
        let describe = |a: &Allow, after: bool| {
            let on = match &a.subject {
                Some(id) => {
                    let name = if after {
                        self.diff.name_after(id)
                    } else {
                        self.diff.name_before(id)
                    };
                    format!(" on {}", layout.esc(name.unwrap_or(id.as_str())))
                }
                None => String::new(),
            };
            format!(
                "{}{on}: {}",
                layout.code(&layout.esc(&a.rule)),
                layout.esc(&a.reason)
            )
        };
        let mut rows = Vec::new();
        for a in before.iter().filter(|a| !after.contains(a)) {
            rows.push(Row {
                subject: subject.to_string(),
                change: "allow removed".into(),
                before: describe(a, false),
                after: layout.none().into(),
            });
        }
        for a in after.iter().filter(|a| !before.contains(a)) {
            rows.push(Row {
                subject: subject.to_string(),
                change: "allow added".into(),
                before: layout.none().into(),
                after: describe(a, true),
            });
        }
        rows
    }

    fn links(&mut self) {
        let links = &self.diff.links;
        let layout = self.layout;
        let mut rows: Vec<LinkRow> = Vec::new();
        let none = layout.none().to_string();
        for (r, a) in links.kind_changes() {
            rows.push((
                self.name(&r.from),
                self.name(&r.to),
                "changed kind",
                layout.link_end(r),
                layout.link_end(a),
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
                layout.link_end(&link(&r.before)),
                layout.link_end(&link(&r.after)),
            ));
        }
        for a in links.only_added() {
            rows.push((
                self.name(&a.from),
                self.name(&a.to),
                "added",
                none.clone(),
                layout.link_end(a),
            ));
        }
        for r in links.only_removed() {
            rows.push((
                self.name(&r.from),
                self.name(&r.to),
                "removed",
                layout.link_end(r),
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
        layout.heading(&mut self.out, "Links");
        layout.links(&mut self.out, rows);
    }

    fn finding_rows(&self, findings: FindingList<'_>, notes: &[String]) -> Vec<Vec<String>> {
        findings
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let mut message = self.layout.esc(&f.message);
                let note = notes
                    .get(i)
                    .filter(|n| !n.is_empty())
                    .cloned()
                    .or_else(|| f.allowed.then(|| "allowed".to_string()));
                if let Some(note) = note {
                    self.layout.noted(&mut message, &note);
                }
                vec![f.severity.to_string(), self.layout.code(f.rule), message]
            })
            .collect()
    }

    fn finding_list(&mut self, title: &str, findings: FindingList<'_>, notes: &[String]) {
        if findings.is_empty() {
            return;
        }
        self.layout
            .heading(&mut self.out, &format!("{title} ({})", findings.len()));
        let rows = self.finding_rows(findings, notes);
        self.layout.findings(&mut self.out, rows);
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
        pick: fn(&FlowFigures) -> String,
    ) -> String {
        let show = |f: Option<&FlowFigures>| f.map_or_else(|| self.layout.none().to_string(), pick);
        format!("{} {} {}", show(before), self.layout.arrow(), show(after))
    }

    fn flow(&mut self) {
        if self.diff.streams_flow.is_empty() {
            return;
        }
        self.layout.heading(&mut self.out, "Flow per stream");
        let mut figures: Vec<Figure> = vec![
            ("teams", |f| f.teams.to_string()),
            ("other teams", |f| f.other_teams.to_string()),
            ("handoffs", |f| f.handoffs.to_string()),
            ("findings", |f| f.findings.to_string()),
        ];
        // Times only where a map times its steps: a diff of untimed maps
        // reads as it always did.
        let measured = self.diff.streams_flow.iter().any(|s| {
            s.before.as_ref().is_some_and(FlowFigures::is_measured)
                || s.after.as_ref().is_some_and(FlowFigures::is_measured)
        });
        if measured {
            figures.extend([
                (
                    "lead time",
                    (|f| format_minutes(f.lead_time_minutes)) as fn(&FlowFigures) -> String,
                ),
                ("flow efficiency", |f| {
                    f.flow_efficiency_percent
                        .map_or_else(|| "not measured".into(), |p| format!("{p} %"))
                }),
                ("longest handoff wait", |f| {
                    f.longest_handoff_wait_minutes
                        .map_or_else(|| "not measured".into(), format_minutes)
                }),
            ]);
        }
        let mut streams: Vec<&StreamFlow> = self.diff.streams_flow.iter().collect();
        streams.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
        let rows: Vec<Vec<String>> = streams
            .into_iter()
            .map(|s| {
                let mut row = vec![self.layout.esc(&s.name)];
                for &(_, pick) in &figures {
                    row.push(self.figure(s.before.as_ref(), s.after.as_ref(), pick));
                }
                row
            })
            .collect();
        let headers: Vec<&str> = figures.iter().map(|(h, _)| *h).collect();
        self.layout.flow(&mut self.out, &headers, rows);
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
                rows.push(Row {
                    subject: self.layout.prose_subject(self.name(&c.id), &c.id, what),
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
        self.layout.prose(&mut self.out, &title, rows);
    }

    fn moves(&mut self) {
        if self.diff.moved.is_empty() {
            return;
        }
        let title = format!("Moved on the canvas ({})", self.diff.moved.len());
        let position = |p: (Option<f64>, Option<f64>)| {
            let n =
                |v: Option<f64>| v.map_or_else(|| "auto".to_string(), |v| format!("{}", v.round()));
            format!("({}, {})", n(p.0), n(p.1))
        };
        let rows: Vec<Vec<String>> = self
            .diff
            .moved
            .iter()
            .map(|m| vec![self.subject(&m.id), position(m.before), position(m.after)])
            .collect();
        self.layout.moves(&mut self.out, &title, rows);
    }
}

fn team_summary<L: Layout>(_: &Story<'_, L>, t: &Team, _after: bool) -> String {
    let mut s = t.team_type.as_str().to_string();
    if let Some(n) = t.members {
        let _ = write!(s, ", {}", plural(n as usize, "member"));
    }
    s
}

fn owner_value(owner: &Option<Id>) -> Value {
    owner
        .as_ref()
        .map_or(Value::Null, |o| Value::from(o.as_str()))
}

fn service_summary<L: Layout>(story: &Story<'_, L>, s: &Service, after: bool) -> String {
    let owner = story.value("owner", &owner_value(&s.owner), after);
    if s.owner.is_some() {
        format!("{}, owned by {owner}", s.kind.as_str())
    } else {
        format!("{}, {owner}", s.kind.as_str())
    }
}

fn stream_summary<L: Layout>(story: &Story<'_, L>, s: &Stream, after: bool) -> String {
    let owner = story.value("owner", &owner_value(&s.owner), after);
    let ids: Vec<Id> = s.steps.iter().map(|s| s.service.clone()).collect();
    let owned = if s.owner.is_some() {
        format!("owned by {owner}")
    } else {
        owner
    };
    format!("{owned}; {}", story.path(&ids, &[], ""))
}
