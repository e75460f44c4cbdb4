//! A diff as ordinary [`Edit`]s: [`MapDiff::to_edits`], and
//! [`MapDiff::apply`] built on it.
//!
//! A diff and an undoable user action then speak one vocabulary: taking a
//! proposed change into the open map is an action like any other, with an
//! exact undo. The edits are planned on a copy of the map, each applied as
//! soon as it is made, so that every one is checked by the same rules as a
//! user's edit, positions are those of the map as it then is, and a refusal
//! is explained from the map that refused it (see [`super::error`]).
//!
//! The order makes each edit's references hold when it is applied, and lets
//! an id leave one list and arrive in another (a removed service's id reused
//! by an added stream): first what goes away loses what refers to it and
//! goes (links, streams, steps, services), then teams arrive, owners move and
//! teams go, then services, links, steps and streams arrive, and the map's
//! own fields change last.

use std::collections::HashMap;

use rustc_hash::FxHashSet;
use serde::Serialize;
use serde_json::Value;

use super::error::{DiffError, refused};
use super::fields::{
    FieldOf, allow_key, allow_value, parse, same_position, service_field, setting_value,
    stages_value, step_times_value, steps_value, stream_field, team_field, text, text_value,
    times_value, with_setting,
};
use super::model::{Changed, EntityDiff, FieldChange, MapDiff, Relabel};
use crate::edit::{Edit, MapField, ServiceField, StepTimes, apply_all};
use crate::model::{Allow, Id, Link, Map, Service, Step, Stream, Team};

impl MapDiff {
    /// The edits that turn `base` into the diff's other map: `base` is the
    /// map the diff was made from, or any map on which the diff's old values
    /// hold. Applied in order (with [`crate::edit::apply_all`] or as one
    /// action of a [`History`](crate::edit::History)), they give the map
    /// [`MapDiff::apply`] gives, and their inverses give `base` back.
    ///
    /// Fails when an element or link the diff removes or changes is missing
    /// or one it adds is there, a value is not the old value the diff
    /// expects, an edit is refused (a partial diff, see [`MapDiff::only`],
    /// may leave out a change another depends on: the error names what
    /// stands in the way), or the result would not be a valid map. The
    /// edits returned always leave a valid map.
    pub fn to_edits(&self, base: &Map) -> Result<Vec<Edit>, DiffError> {
        let mut plan = Plan {
            map: base.clone(),
            edits: Vec::new(),
        };
        plan.diff(self)?;
        let problems = crate::model::validate(&plan.map, crate::analysis::is_rule_id);
        if !problems.is_empty() {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            return Err(DiffError::Invalid(list.join("; ")));
        }
        Ok(plan.edits)
    }

    /// Applies the diff to `before`: the map that [`MapDiff::to_edits`]'s
    /// edits make of it, its lists in canonical order (as a loaded file has
    /// them). Applying `diff(a, b)` to `a` gives a map whose canonical file
    /// equals `b`'s. Fails as [`MapDiff::to_edits`] does.
    pub fn apply(&self, before: &Map) -> Result<Map, DiffError> {
        let edits = self.to_edits(before)?;
        let mut map = before.clone();
        // `to_edits` applied these very edits to a copy of `before`, so they
        // apply; should that ever break, the error is reported, not hidden.
        apply_all(&mut map, edits).map_err(|e| DiffError::Refused {
            action: "apply the diff".into(),
            reason: e.to_string(),
        })?;
        canonical_order(&mut map);
        map.share_ids();
        Ok(map)
    }
}

/// Teams, services and streams by id, links and allow entries as files list
/// them. Steps keep their order, which is meaningful, and positions their
/// exact values.
pub(super) fn canonical_order(map: &mut Map) {
    map.teams.sort_by(|a, b| a.id.cmp(&b.id));
    map.services.sort_by(|a, b| a.id.cmp(&b.id));
    map.streams.sort_by(|a, b| a.id.cmp(&b.id));
    map.links.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    map.allow.sort_by(|a, b| allow_key(a).cmp(&allow_key(b)));
}

/// The edits planned so far, and the map as they leave it.
struct Plan {
    map: Map,
    edits: Vec<Edit>,
}

/// How the planner reaches one sort of element (teams, services, streams).
struct Sort<T, F> {
    /// "team", "service" or "stream".
    what: &'static str,
    list: fn(&Map) -> &Vec<T>,
    id: fn(&T) -> &Id,
    /// Whether two versions are the same as the file writes them.
    same: fn(&T, &T) -> bool,
    /// A field's value now and its new value as an edit's field.
    field: fn(&T, &str, &Value) -> Option<FieldOf<F>>,
    set: fn(Id, F) -> Edit,
    insert: fn(usize, T) -> Edit,
    remove: fn(Id) -> Edit,
}

const TEAMS: Sort<Team, crate::edit::TeamField> = Sort {
    what: "team",
    list: |m| &m.teams,
    id: |t| &t.id,
    same: |a, b| a == b,
    field: team_field,
    set: Edit::SetTeam,
    insert: Edit::InsertTeam,
    remove: Edit::RemoveTeam,
};

const SERVICES: Sort<Service, ServiceField> = Sort {
    what: "service",
    list: |m| &m.services,
    id: |s| &s.id,
    // Positions as the file writes them: rounded.
    same: |a, b| {
        a.id == b.id
            && a.name == b.name
            && a.kind == b.kind
            && a.owner == b.owner
            && a.description == b.description
            && same_position((a.x, a.y), (b.x, b.y))
    },
    field: service_field,
    set: Edit::SetService,
    insert: Edit::InsertService,
    remove: Edit::RemoveService,
};

const STREAMS: Sort<Stream, crate::edit::StreamField> = Sort {
    what: "stream",
    list: |m| &m.streams,
    id: |s| &s.id,
    same: |a, b| a == b,
    field: stream_field,
    set: Edit::SetStream,
    insert: Edit::InsertStream,
    remove: Edit::RemoveStream,
};

/// A field's value now must be the one the change expects.
fn expect(subject: &str, change: &FieldChange, now: Value) -> Result<(), DiffError> {
    if now == change.before {
        Ok(())
    } else {
        Err(DiffError::Conflict {
            subject: subject.to_string(),
            field: change.field.clone(),
            expected: change.before.clone(),
            found: now,
        })
    }
}

fn bad_value(subject: &str, field: &str, message: String) -> DiffError {
    DiffError::BadValue {
        subject: subject.to_string(),
        field: field.to_string(),
        message,
    }
}

/// An element as JSON, for an error message only.
fn as_json(element: &impl Serialize) -> Value {
    serde_json::to_value(element).unwrap_or(Value::Null)
}

fn link_name(from: &Id, to: &Id, kind: crate::model::LinkKind) -> String {
    format!("{from} -> {to} ({})", kind.as_str())
}

impl Plan {
    /// Applies `edit` to the map and keeps it, or says in words why the map
    /// refuses it.
    fn push(&mut self, edit: Edit) -> Result<(), DiffError> {
        match edit.clone().apply(&mut self.map) {
            Ok(_) => {
                self.edits.push(edit);
                Ok(())
            }
            Err(error) => Err(refused(&self.map, &edit, error)),
        }
    }

    fn diff(&mut self, diff: &MapDiff) -> Result<(), DiffError> {
        // What goes away, and what refers to it first.
        for link in &diff.links.removed {
            self.remove_link(link)?;
        }
        for relabel in &diff.links.relabeled {
            self.relabel(relabel)?;
        }
        self.remove_all(&STREAMS, &diff.streams)?;
        let mut paths = Vec::new();
        for changed in &diff.streams.changed {
            if let Some(steps) = self.new_steps(changed)? {
                self.remove_steps_leaving(&changed.id, &steps)?;
                paths.push((changed.id.clone(), steps));
            }
        }
        self.remove_all(&SERVICES, &diff.services)?;
        // Teams arrive and change, owners move, teams go.
        self.add_all(&TEAMS, &diff.teams)?;
        self.change_all(&TEAMS, &diff.teams, &[])?;
        self.change_all(&SERVICES, &diff.services, &[])?;
        for m in &diff.moved {
            self.move_service(&m.id, m.before, m.after)?;
        }
        self.change_all(&STREAMS, &diff.streams, &["steps", "stages", "times"])?;
        self.remove_all(&TEAMS, &diff.teams)?;
        // What arrives.
        self.add_all(&SERVICES, &diff.services)?;
        for link in &diff.links.added {
            self.add_link(link)?;
        }
        for (stream, steps) in &paths {
            self.arrange_steps(stream, steps)?;
        }
        self.add_all(&STREAMS, &diff.streams)?;
        for change in &diff.map {
            self.set_map(change)?;
        }
        Ok(())
    }

    /// The element of this sort with this id.
    fn find<T, F>(&self, sort: &Sort<T, F>, id: &Id) -> Result<&T, DiffError> {
        (sort.list)(&self.map)
            .iter()
            .find(|t| (sort.id)(t) == id)
            .ok_or_else(|| DiffError::Missing {
                what: sort.what,
                id: id.clone(),
            })
    }

    fn remove_all<T: Serialize, F>(
        &mut self,
        sort: &Sort<T, F>,
        diff: &EntityDiff<T>,
    ) -> Result<(), DiffError> {
        for removed in &diff.removed {
            let id = (sort.id)(removed);
            let current = self.find(sort, id)?;
            if !(sort.same)(current, removed) {
                return Err(DiffError::Conflict {
                    subject: format!("{} \"{id}\"", sort.what),
                    field: "(the whole element)".into(),
                    expected: as_json(removed),
                    found: as_json(current),
                });
            }
            self.push((sort.remove)(id.clone()))?;
        }
        Ok(())
    }

    /// Adds elements where a canonical list keeps them (by id).
    fn add_all<T: Clone, F>(
        &mut self,
        sort: &Sort<T, F>,
        diff: &EntityDiff<T>,
    ) -> Result<(), DiffError> {
        for added in &diff.added {
            let id = (sort.id)(added);
            let list = (sort.list)(&self.map);
            if list.iter().any(|t| (sort.id)(t) == id) {
                return Err(DiffError::AlreadyThere {
                    what: sort.what,
                    id: id.clone(),
                });
            }
            let at = list.partition_point(|t| (sort.id)(t) < id);
            self.push((sort.insert)(at, added.clone()))?;
        }
        Ok(())
    }

    /// One edit per changed field, `skip` apart.
    fn change_all<T, F>(
        &mut self,
        sort: &Sort<T, F>,
        diff: &EntityDiff<T>,
        skip: &[&str],
    ) -> Result<(), DiffError> {
        for changed in &diff.changed {
            let subject = format!("{} \"{}\"", sort.what, changed.id);
            for change in changed
                .changes
                .iter()
                .filter(|c| !skip.contains(&c.field.as_str()))
            {
                let element = self.find(sort, &changed.id)?;
                let Some((now, set)) = (sort.field)(element, &change.field, &change.after) else {
                    let message = format!("a {} has no such field", sort.what);
                    return Err(bad_value(&subject, &change.field, message));
                };
                expect(&subject, change, now)?;
                let set = set.map_err(|m| bad_value(&subject, &change.field, m))?;
                self.push((sort.set)(changed.id.clone(), set))?;
            }
        }
        Ok(())
    }

    fn move_service(
        &mut self,
        id: &Id,
        before: (Option<f64>, Option<f64>),
        after: (Option<f64>, Option<f64>),
    ) -> Result<(), DiffError> {
        let service = self
            .map
            .service(id.as_str())
            .ok_or_else(|| DiffError::Missing {
                what: "service",
                id: id.clone(),
            })?;
        if !same_position((service.x, service.y), before) {
            let pos = |p: (Option<f64>, Option<f64>)| serde_json::json!([p.0, p.1]);
            return Err(DiffError::Conflict {
                subject: format!("service \"{id}\""),
                field: "position".into(),
                expected: pos(before),
                found: pos((service.x, service.y)),
            });
        }
        self.push(Edit::SetService(
            id.clone(),
            ServiceField::Position(after.0, after.1),
        ))
    }

    fn remove_link(&mut self, link: &Link) -> Result<(), DiffError> {
        if !self.map.links.iter().any(|l| l == link) {
            return Err(DiffError::MissingLink(link_name(
                &link.from, &link.to, link.kind,
            )));
        }
        self.push(Edit::RemoveLink(
            link.from.clone(),
            link.to.clone(),
            link.kind,
        ))
    }

    fn relabel(&mut self, r: &Relabel) -> Result<(), DiffError> {
        let name = link_name(&r.from, &r.to, r.kind);
        let link = self
            .map
            .links
            .iter()
            .find(|l| l.key() == (&r.from, &r.to, r.kind))
            .ok_or_else(|| DiffError::MissingLink(name.clone()))?;
        if link.label != r.before {
            return Err(DiffError::Conflict {
                subject: format!("link {name}"),
                field: "label".into(),
                expected: Value::from(r.before.as_str()),
                found: Value::from(link.label.as_str()),
            });
        }
        self.push(Edit::SetLinkLabel(
            r.from.clone(),
            r.to.clone(),
            r.kind,
            r.after.clone(),
        ))
    }

    /// Adds a link where a canonical list keeps it.
    fn add_link(&mut self, link: &Link) -> Result<(), DiffError> {
        if self.map.links.iter().any(|l| l.key() == link.key()) {
            return Err(DiffError::LinkThere(link_name(
                &link.from, &link.to, link.kind,
            )));
        }
        let at = self
            .map
            .links
            .partition_point(|l| l.sort_key() < link.sort_key());
        self.push(Edit::InsertLink(at, link.clone()))
    }

    /// The steps a changed stream ends with, if its steps or stages change:
    /// the new path (or the current one), each step labelled with its new
    /// stage (or its current one). Checks both old values.
    fn new_steps(&self, changed: &Changed) -> Result<Option<Vec<Step>>, DiffError> {
        let (path, stages) = (changed.field("steps"), changed.field("stages"));
        let times = changed.field("times");
        if path.is_none() && stages.is_none() && times.is_none() {
            return Ok(None);
        }
        let stream = self
            .map
            .stream(changed.id.as_str())
            .ok_or_else(|| DiffError::Missing {
                what: "stream",
                id: changed.id.clone(),
            })?;
        let subject = format!("stream \"{}\"", changed.id);
        let ids: Vec<Id> = match path {
            Some(change) => {
                expect(&subject, change, steps_value(stream))?;
                let ids: Vec<Id> =
                    parse(&change.after).map_err(|m| bad_value(&subject, "steps", m))?;
                let unique: FxHashSet<&Id> = ids.iter().collect();
                if unique.len() != ids.len() {
                    let message = "a service may appear once per stream".to_string();
                    return Err(bad_value(&subject, "steps", message));
                }
                ids
            }
            None => stream.steps.iter().map(|s| s.service.clone()).collect(),
        };
        let labels: HashMap<String, String> = match stages {
            Some(change) => {
                expect(&subject, change, stages_value(stream))?;
                parse(&change.after).map_err(|m| bad_value(&subject, "stages", m))?
            }
            None => stream
                .steps
                .iter()
                .map(|s| (s.service.to_string(), s.stage.clone()))
                .collect(),
        };
        let timed: HashMap<String, Value> = match times {
            Some(change) => {
                expect(&subject, change, times_value(stream))?;
                parse(&change.after).map_err(|m| bad_value(&subject, "times", m))?
            }
            None => stream
                .steps
                .iter()
                .map(|s| (s.service.to_string(), step_times_value(s)))
                .collect(),
        };
        let mut steps = Vec::with_capacity(ids.len());
        for service in ids {
            let mut step = Step::at(service);
            step.stage = labels
                .get(step.service.as_str())
                .cloned()
                .unwrap_or_default();
            if let Some(value) = timed.get(step.service.as_str()) {
                let t: StepTimes = parse(value).map_err(|m| bad_value(&subject, "times", m))?;
                (step.work, step.wait, step.complete_accurate) =
                    (t.work, t.wait, t.complete_accurate);
            }
            steps.push(step);
        }
        Ok(Some(steps))
    }

    fn stream_steps(&self, stream: &Id) -> Result<&[Step], DiffError> {
        match self.map.stream(stream.as_str()) {
            Some(s) => Ok(&s.steps),
            None => Err(DiffError::Missing {
                what: "stream",
                id: stream.clone(),
            }),
        }
    }

    /// Removes the steps on services that `steps` does not pass through,
    /// from the last, so that earlier positions stay valid.
    fn remove_steps_leaving(&mut self, stream: &Id, steps: &[Step]) -> Result<(), DiffError> {
        let staying: FxHashSet<&Id> = steps.iter().map(|s| &s.service).collect();
        let leaving: Vec<usize> = (self.stream_steps(stream)?.iter().enumerate())
            .filter(|(_, s)| !staying.contains(&s.service))
            .map(|(at, _)| at)
            .collect();
        for at in leaving.into_iter().rev() {
            self.push(Edit::RemoveStep(stream.clone(), at))?;
        }
        Ok(())
    }

    /// Makes a stream's steps `steps`, once the steps leaving are gone:
    /// position by position, a step already on the stream moves there,
    /// another is inserted there, and a stage that differs is set.
    ///
    /// Before position `at` is handled, the stream's first `at` steps are
    /// `steps[..at]`; services are unique on a stream, so a step found on it
    /// for position `at` is at `at` or after.
    fn arrange_steps(&mut self, stream: &Id, steps: &[Step]) -> Result<(), DiffError> {
        for (at, step) in steps.iter().enumerate() {
            let current = self.stream_steps(stream)?;
            let found = current
                .iter()
                .position(|s| s.service == step.service)
                .map(|from| {
                    let now = &current[from];
                    let times = StepTimes::of(step);
                    (
                        from,
                        now.stage != step.stage,
                        (StepTimes::of(now) != times).then_some(times),
                    )
                });
            match found {
                Some((from, restage, retime)) => {
                    if from != at {
                        self.push(Edit::MoveStep(stream.clone(), from, at))?;
                    }
                    if restage {
                        self.push(Edit::SetStepStage(stream.clone(), at, step.stage.clone()))?;
                    }
                    if let Some(times) = retime {
                        self.push(Edit::SetStepTimes(stream.clone(), at, times))?;
                    }
                }
                None => self.push(Edit::InsertStep(stream.clone(), at, step.clone()))?,
            }
        }
        Ok(())
    }

    fn set_map(&mut self, change: &FieldChange) -> Result<(), DiffError> {
        let subject = "the map";
        let bad = |message: String| bad_value(subject, &change.field, message);
        let map = &self.map;
        let edit =
            match change.field.as_str() {
                "name" => {
                    expect(subject, change, text_value(&map.name))?;
                    MapField::Name(text(&change.after).map_err(bad)?)
                }
                "description" => {
                    expect(subject, change, text_value(&map.description))?;
                    MapField::Description(text(&change.after).map_err(bad)?)
                }
                "reviewed" => {
                    let now = map
                        .reviewed
                        .map_or(Value::Null, |d| Value::from(d.to_string()));
                    expect(subject, change, now)?;
                    MapField::Reviewed(match &change.after {
                        Value::Null => None,
                        Value::String(s) => Some(crate::io::parse_date(s).ok_or_else(|| {
                            bad(format!("{s:?} is not a day written as YYYY-MM-DD"))
                        })?),
                        other => return Err(bad(format!("expected a date, found {other}"))),
                    })
                }
                "allow" => {
                    expect(subject, change, allow_value(&map.allow))?;
                    let entries: Vec<Allow> = match &change.after {
                        Value::Null => Vec::new(),
                        v => parse(v).map_err(bad)?,
                    };
                    return self.set_allow(entries);
                }
                field => {
                    let key = field.strip_prefix("settings.");
                    let value = key
                        .and_then(|key| setting_value(&map.settings, key))
                        .ok_or_else(|| bad("not a field of the map".into()))?;
                    expect(subject, change, value)?;
                    let key = key.unwrap_or_default();
                    let settings =
                        with_setting(&map.settings, key, change.after.clone()).map_err(bad)?;
                    MapField::Settings(settings)
                }
            };
        self.push(Edit::SetMap(edit))
    }

    /// Makes the allow entries those of `arriving` (as a multiset): entries
    /// not among them go, from the last, and the others arrive where a
    /// canonical list keeps them.
    fn set_allow(&mut self, mut arriving: Vec<Allow>) -> Result<(), DiffError> {
        let mut leaving = Vec::new();
        for (at, entry) in self.map.allow.iter().enumerate() {
            match arriving.iter().position(|a| a == entry) {
                Some(i) => {
                    arriving.swap_remove(i);
                }
                None => leaving.push(at),
            }
        }
        for at in leaving.into_iter().rev() {
            self.push(Edit::RemoveAllow(at))?;
        }
        arriving.sort_by(|a, b| allow_key(a).cmp(&allow_key(b)));
        for entry in arriving {
            let at = self
                .map
                .allow
                .partition_point(|a| allow_key(a) < allow_key(&entry));
            self.push(Edit::InsertAllow(at, entry))?;
        }
        Ok(())
    }
}
