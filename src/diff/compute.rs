//! Computing a [`MapDiff`]: elements are matched by walking both maps in id
//! order at once (a merge), so a diff costs one pass over each map plus work
//! for what changed, not a search or a tree insertion per element.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::sync::Arc;

use jiff::civil::Date;
use rustc_hash::FxHashMap;
use serde::Serialize;
use serde_json::Value;

use super::fields::{
    allow_value, same_position, stages_value, steps_value, text_value, times_value,
};
use super::findings::FindingsDiff;
use super::model::{
    Changed, EntityDiff, FieldChange, LinkDiff, MapDiff, Moved, Relabel, StreamFlow,
};
use crate::analysis::flow::{FlowFigures, all_flow_figures};
use crate::analysis::{Finding, analyze_on};
use crate::model::{Id, Link, Map, Service, Stream, Team, same_text};

/// Compares two maps; findings are computed as of `today`.
///
/// This analyses both maps first. A caller that already has their findings
/// (the editor always does) calls [`diff_analyzed`] instead.
pub fn diff(before: &Map, after: &Map, today: Date) -> MapDiff {
    let before_findings = analyze_on(before, today).into();
    let after_findings = analyze_on(after, today).into();
    diff_analyzed(before, &before_findings, after, &after_findings)
}

/// Compares two maps whose findings are known: `before_findings` and
/// `after_findings` are the findings of `before` and `after` (as
/// [`analyze_on`] returns them; any order is accepted). The diff shares them.
pub fn diff_analyzed(
    before: &Map,
    before_findings: &Arc<[Finding]>,
    after: &Map,
    after_findings: &Arc<[Finding]>,
) -> MapDiff {
    let baseline = Baseline::new(before, before_findings);
    diff_with_baseline(before, before_findings, &baseline, after, after_findings)
}

/// What a diff works out about one of its two maps on its own: the editor
/// compares one fixed map with the open one on every edit, and works these
/// out once rather than on every edit (each is a pass over the whole map,
/// and flow figures a walk of every stream).
#[derive(Debug, Clone)]
pub struct Baseline {
    /// The flow figures of each stream, in map order.
    flow: Vec<FlowFigures>,
    /// Positions of the teams, services, streams, links and findings, each
    /// in the order that the diff walks them.
    teams: Vec<usize>,
    services: Vec<usize>,
    streams: Vec<usize>,
    links: Vec<usize>,
    findings: Vec<usize>,
}

impl Baseline {
    /// What a diff needs of `map`, whose findings are `findings`.
    pub fn new(map: &Map, findings: &[Finding]) -> Baseline {
        Baseline {
            flow: all_flow_figures(map, findings),
            teams: sorted_order(&map.teams, &by_id(|t: &Team| &t.id)),
            services: sorted_order(&map.services, &by_id(|s: &Service| &s.id)),
            streams: sorted_order(&map.streams, &by_id(|s: &Stream| &s.id)),
            links: sorted_order(&map.links, &by_link_key),
            findings: sorted_order(findings, &by_finding_key),
        }
    }
}

/// [`diff_analyzed`] given also `before`'s [`Baseline`], which must have
/// been made from `before` and `before_findings` as they are now.
pub fn diff_with_baseline(
    before: &Map,
    before_findings: &Arc<[Finding]>,
    baseline: &Baseline,
    after: &Map,
    after_findings: &Arc<[Finding]>,
) -> MapDiff {
    let findings = match_findings(before_findings, &baseline.findings, after_findings);

    let flow_after = all_flow_figures(after, after_findings);
    let mut streams_flow = Vec::new();
    match_by_key(
        (&before.streams, &baseline.streams),
        &after.streams,
        by_id(|s: &Stream| &s.id),
        |matched| {
            let stream = match matched {
                Matched::Added(a) | Matched::Both(_, a) => &after.streams[a],
                Matched::Removed(b) => &before.streams[b],
            };
            let (b, a) = matched.positions();
            streams_flow.push(StreamFlow {
                id: stream.id.clone(),
                name: stream.name.clone(),
                before: b.map(|b| baseline.flow[b].clone()),
                after: a.map(|a| flow_after[a].clone()),
            });
        },
    );

    // Services are walked once for both their changes and their moves.
    let mut moved = Vec::new();
    let services = entity_diff_and(
        (&before.services, &baseline.services),
        &after.services,
        |s| &s.id,
        service_changes,
        |b, a| record_move(b, a, &mut moved),
    );
    let mut diff = MapDiff {
        teams: entity_diff(
            (&before.teams, &baseline.teams),
            &after.teams,
            |t| &t.id,
            team_changes,
        ),
        services,
        streams: entity_diff(
            (&before.streams, &baseline.streams),
            &after.streams,
            |s| &s.id,
            stream_changes,
        ),
        links: link_diff((&before.links, &baseline.links), &after.links),
        moved,
        findings,
        streams_flow,
        map: map_changes(before, after),
        map_names: (before.name.clone(), after.name.clone()),
        names: FxHashMap::default(),
    };
    diff.names = names_of(&diff, before, after);
    diff
}

/// The display names, before and after, of every team, service and stream
/// the diff mentions: the elements added, removed, changed and moved, the
/// ends of changed links, and every id in a changed field's values (owners,
/// steps, stage keys, allow subjects). Unchanged elements are not named: an
/// organisation's map has thousands.
fn names_of(
    diff: &MapDiff,
    before: &Map,
    after: &Map,
) -> FxHashMap<Id, (Option<String>, Option<String>)> {
    let mut wanted: Wanted<'_> = FxHashMap::default();
    fn want<'a>(out: &mut Wanted<'a>, s: &'a str) {
        out.entry(s).or_default();
    }
    fn strings_in<'a>(value: &'a Value, out: &mut Wanted<'a>) {
        match value {
            Value::String(s) => want(out, s),
            Value::Array(items) => items.iter().for_each(|v| strings_in(v, out)),
            Value::Object(fields) => {
                for (key, v) in fields {
                    want(out, key);
                    strings_in(v, out);
                }
            }
            _ => {}
        }
    }
    fn entities<'a, T>(d: &'a EntityDiff<T>, id: fn(&T) -> &Id, out: &mut Wanted<'a>) {
        for t in d.added.iter().chain(&d.removed) {
            want(out, id(t).as_str());
        }
        for c in &d.changed {
            want(out, c.id.as_str());
            for f in &c.changes {
                strings_in(&f.before, out);
                strings_in(&f.after, out);
            }
        }
    }
    entities(&diff.teams, |t| &t.id, &mut wanted);
    entities(&diff.services, |s| &s.id, &mut wanted);
    entities(&diff.streams, |s| &s.id, &mut wanted);
    for f in &diff.map {
        strings_in(&f.before, &mut wanted);
        strings_in(&f.after, &mut wanted);
    }
    for link in diff.links.added.iter().chain(&diff.links.removed) {
        want(&mut wanted, link.from.as_str());
        want(&mut wanted, link.to.as_str());
    }
    for r in &diff.links.relabeled {
        want(&mut wanted, r.from.as_str());
        want(&mut wanted, r.to.as_str());
    }
    for m in &diff.moved {
        want(&mut wanted, m.id.as_str());
    }

    // One lookup per element of either map; names are copied only for
    // the elements wanted.
    for (map, is_after) in [(before, false), (after, true)] {
        let elements = map
            .teams
            .iter()
            .map(|t| (&t.id, &t.name))
            .chain(map.services.iter().map(|s| (&s.id, &s.name)))
            .chain(map.streams.iter().map(|s| (&s.id, &s.name)));
        for (id, name) in elements {
            if let Some(named) = wanted.get_mut(id.as_str()) {
                named.id = Some(id);
                *(if is_after {
                    &mut named.after
                } else {
                    &mut named.before
                }) = Some(name);
            }
        }
    }
    let mut names = FxHashMap::default();
    names.reserve(wanted.len());
    names.extend(
        (wanted.into_values())
            .filter_map(|n| Some((n.id?.clone(), (n.before.cloned(), n.after.cloned())))),
    );
    names
}

/// The texts a diff mentions that may be ids, each with the element of
/// either map that has it as its id and that element's names.
type Wanted<'a> = FxHashMap<&'a str, Named<'a>>;

/// An element found by a wanted id, and its name in each map it is in.
#[derive(Default)]
struct Named<'a> {
    id: Option<&'a Id>,
    before: Option<&'a String>,
    after: Option<&'a String>,
}

/// An element of either map, matched with the element of the other map
/// that has the same key; positions are into the `before` and `after` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Matched {
    /// Only in `before`.
    Removed(usize),
    /// Only in `after`.
    Added(usize),
    /// In both.
    Both(usize, usize),
}

impl Matched {
    /// The positions in `before` and in `after`.
    fn positions(self) -> (Option<usize>, Option<usize>) {
        match self {
            Matched::Removed(b) => (Some(b), None),
            Matched::Added(a) => (None, Some(a)),
            Matched::Both(b, a) => (Some(b), Some(a)),
        }
    }
}

/// The positions of `items` in ascending order. Maps loaded from canonical
/// files are already in that order, and then nothing is sorted.
fn sorted_order<T>(items: &[T], cmp: &impl Fn(&T, &T) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    if !items.windows(2).all(|w| cmp(&w[0], &w[1]).is_le()) {
        order.sort_by(|&a, &b| cmp(&items[a], &items[b]));
    }
    order
}

/// Walks `before` and `after` in ascending order (by `cmp`, which compares
/// keys; `before` comes with its order, as [`sorted_order`] gives it) together, calling `visit` for each element with its partner of the
/// same key, if any. Equal keys within one list (not in a valid map) pair up
/// in order.
fn match_by_key<T>(
    (before, old): (&[T], &[usize]),
    after: &[T],
    cmp: impl Fn(&T, &T) -> Ordering,
    mut visit: impl FnMut(Matched),
) {
    let new = sorted_order(after, &cmp);
    let (mut i, mut j) = (0, 0);
    loop {
        let matched = match (old.get(i), new.get(j)) {
            (Some(&b), Some(&a)) => match cmp(&before[b], &after[a]) {
                Ordering::Less => Matched::Removed(b),
                Ordering::Greater => Matched::Added(a),
                Ordering::Equal => Matched::Both(b, a),
            },
            (Some(&b), None) => Matched::Removed(b),
            (None, Some(&a)) => Matched::Added(a),
            (None, None) => return,
        };
        let (b, a) = matched.positions();
        i += usize::from(b.is_some());
        j += usize::from(a.is_some());
        visit(matched);
    }
}

/// Orders elements by id.
fn by_id<T>(id: fn(&T) -> &Id) -> impl Fn(&T, &T) -> Ordering {
    move |a, b| id(a).cmp(id(b))
}

/// Pairs findings by (rule, subjects), as multisets in analysis order.
fn match_findings(
    before: &Arc<[Finding]>,
    before_order: &[usize],
    after: &Arc<[Finding]>,
) -> FindingsDiff {
    let mut diff = FindingsDiff::new(Arc::clone(before), Arc::clone(after));
    match_by_key((before, before_order), after, by_finding_key, |matched| {
        diff.push(matched.positions())
    });
    diff
}

/// Orders findings by (rule, subjects). Severity is the rule's, so analysis
/// order sorts by this too.
fn by_finding_key(a: &Finding, b: &Finding) -> Ordering {
    a.sort_key().cmp(&b.sort_key())
}

/// Orders links as files list them.
fn by_link_key(a: &Link, b: &Link) -> Ordering {
    a.sort_key().cmp(&b.sort_key())
}

/// Matches elements by id; `changes` compares two versions of one element.
/// Each list comes out sorted by id.
fn entity_diff<T: Clone + PartialEq>(
    before: (&[T], &[usize]),
    after: &[T],
    id: fn(&T) -> &Id,
    changes: fn(&T, &T) -> Vec<FieldChange>,
) -> EntityDiff<T> {
    entity_diff_and(before, after, id, changes, |_, _| {})
}

/// [`entity_diff`], calling `both` with each element in both maps, in id
/// order, on the same walk.
fn entity_diff_and<T: Clone + PartialEq>(
    (before, order): (&[T], &[usize]),
    after: &[T],
    id: fn(&T) -> &Id,
    changes: fn(&T, &T) -> Vec<FieldChange>,
    mut both: impl FnMut(&T, &T),
) -> EntityDiff<T> {
    let mut diff = EntityDiff::default();
    match_by_key((before, order), after, by_id(id), |matched| match matched {
        Matched::Removed(b) => diff.removed.push(before[b].clone()),
        Matched::Added(a) => diff.added.push(after[a].clone()),
        Matched::Both(b, a) => {
            let (b, a) = (&before[b], &after[a]);
            both(b, a);
            // Most elements of a large map are unchanged: compare them
            // directly before serialising any field.
            if a != b {
                let changes = changes(b, a);
                if !changes.is_empty() {
                    diff.changed.push(Changed {
                        id: id(b).clone(),
                        changes,
                    });
                }
            }
        }
    });
    diff
}

fn link_diff((before, order): (&[Link], &[usize]), after: &[Link]) -> LinkDiff {
    let mut diff = LinkDiff::default();
    match_by_key(
        (before, order),
        after,
        by_link_key,
        |matched| match matched {
            Matched::Removed(b) => diff.removed.push(before[b].clone()),
            Matched::Added(a) => diff.added.push(after[a].clone()),
            Matched::Both(b, a) => {
                let (b, a) = (&before[b], &after[a]);
                if !same_text(&a.label, &b.label) {
                    diff.relabeled.push(Relabel {
                        from: b.from.clone(),
                        to: b.to.clone(),
                        kind: b.kind,
                        before: b.label.clone(),
                        after: a.label.clone(),
                    });
                }
            }
        },
    );
    diff
}

/// Records `before`'s move to `after`'s position, if the file would write
/// another position.
fn record_move(before: &Service, after: &Service, moved: &mut Vec<Moved>) {
    if !same_position((before.x, before.y), (after.x, after.y)) {
        moved.push(Moved {
            id: before.id.clone(),
            before: (before.x, before.y),
            after: (after.x, after.y),
        });
    }
}

/// The element's file-format object (empty on the impossible failure).
fn object_of(value: &impl Serialize) -> serde_json::Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(object)) => object,
        _ => serde_json::Map::new(),
    }
}

/// The fields of two file-format objects that differ, skipping `skip`.
fn field_changes(
    before: &impl Serialize,
    after: &impl Serialize,
    skip: &[&str],
) -> Vec<FieldChange> {
    let (old, new) = (object_of(before), object_of(after));
    let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    keys.into_iter()
        .filter(|k| !skip.contains(&k.as_str()))
        .filter_map(|k| {
            let b = old.get(k).cloned().unwrap_or(Value::Null);
            let a = new.get(k).cloned().unwrap_or(Value::Null);
            (b != a).then(|| FieldChange {
                field: k.clone(),
                before: b,
                after: a,
            })
        })
        .collect()
}

fn team_changes(before: &Team, after: &Team) -> Vec<FieldChange> {
    field_changes(before, after, &["id"])
}

/// The fields of a service that differ, positions apart (see `moved`), as
/// [`field_changes`] would list them. Written out: a diff of two
/// organisations' maps meets hundreds of changed services, and serialising
/// both whole versions of each would outweigh comparing them. The destructuring has no
/// `..`, so a field added to `Service` does not compile until it is here.
fn service_changes(before: &Service, after: &Service) -> Vec<FieldChange> {
    let Service {
        id: _,
        name,
        kind,
        owner,
        x: _,
        y: _,
        description,
    } = after;
    let mut changes = Vec::new();
    let mut push = |field: &str, before: Value, after: Value| {
        changes.push(FieldChange {
            field: field.into(),
            before,
            after,
        });
    };
    // In field-name order.
    if !same_text(&before.description, description) {
        push(
            "description",
            text_value(&before.description),
            text_value(description),
        );
    }
    if before.kind != *kind {
        push("kind", before.kind.as_str().into(), kind.as_str().into());
    }
    if !same_text(&before.name, name) {
        push("name", before.name.as_str().into(), name.as_str().into());
    }
    if before.owner != *owner {
        let value = |o: &Option<Id>| o.as_ref().map_or(Value::Null, |id| id.as_str().into());
        push("owner", value(&before.owner), value(owner));
    }
    changes
}

fn stream_changes(before: &Stream, after: &Stream) -> Vec<FieldChange> {
    let mut changes = field_changes(before, after, &["id", "steps"]);
    for (field, value) in [
        ("stages", stages_value as fn(&Stream) -> Value),
        ("steps", steps_value),
        ("times", times_value),
    ] {
        let (b, a) = (value(before), value(after));
        if b != a {
            changes.push(FieldChange {
                field: field.into(),
                before: b,
                after: a,
            });
        }
    }
    changes.sort_by(|a, b| a.field.cmp(&b.field));
    changes
}

fn map_changes(before: &Map, after: &Map) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    let mut push = |field: String, b: Value, a: Value| {
        if b != a {
            changes.push(FieldChange {
                field,
                before: b,
                after: a,
            });
        }
    };
    push(
        "name".into(),
        text_value(&before.name),
        text_value(&after.name),
    );
    push(
        "description".into(),
        text_value(&before.description),
        text_value(&after.description),
    );
    let date = |d: Option<Date>| d.map_or(Value::Null, |d| Value::from(d.to_string()));
    push(
        "reviewed".into(),
        date(before.reviewed),
        date(after.reviewed),
    );
    push(
        "allow".into(),
        allow_value(&before.allow),
        allow_value(&after.allow),
    );
    for change in field_changes(&before.settings, &after.settings, &[]) {
        push(
            format!("settings.{}", change.field),
            change.before,
            change.after,
        );
    }
    changes.sort_by(|a, b| a.field.cmp(&b.field));
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ServiceKind;

    #[test]
    fn service_changes_list_what_serialising_both_versions_would() {
        let id = |s: &str| Id::new(s).unwrap();
        let base = Service {
            id: id("s"),
            name: "S".into(),
            kind: ServiceKind::Service,
            owner: Some(id("a")),
            x: Some(1.0),
            y: None,
            description: String::new(),
        };
        let variants: Vec<Service> = vec![
            base.clone(),
            Service {
                name: "T".into(),
                ..base.clone()
            },
            Service {
                name: String::new(),
                ..base.clone()
            },
            Service {
                kind: ServiceKind::Legacy,
                ..base.clone()
            },
            Service {
                owner: None,
                ..base.clone()
            },
            Service {
                owner: Some(id("b")),
                ..base.clone()
            },
            Service {
                description: "Text".into(),
                ..base.clone()
            },
            Service {
                x: None,
                y: Some(4.0),
                ..base.clone()
            },
            Service {
                name: "U".into(),
                kind: ServiceKind::Gateway,
                owner: None,
                description: "Other".into(),
                ..base.clone()
            },
        ];
        for a in &variants {
            for b in &variants {
                assert_eq!(
                    service_changes(a, b),
                    field_changes(a, b, &["id", "x", "y"]),
                    "{a:?} -> {b:?}"
                );
            }
        }
        assert_eq!(service_changes(&variants[0], &variants[8]).len(), 4);
    }
}
