//! [`Edit`]: one primitive change to a map as data, and applying it.
//!
//! Applying an edit returns its exact inverse, so that undo and redo are
//! just more edits (see [`super::history`]) and a sequence of edits can be
//! rolled back ([`apply_all`]). An edit is checked before it changes
//! anything (see [`super::check`]): a refused edit leaves the map as it was.

use super::check::{self, EditError, link_position, position};
use crate::model::limits::{MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::model::{
    Allow, Color, Duration, Id, Link, LinkKind, Map, Service, ServiceKind, Settings, Step, Stream,
    Team, TeamType,
};
use jiff::civil::Date;

/// A change to one field of a service.
#[derive(Debug, Clone, PartialEq)]
pub enum ServiceField {
    /// Display name.
    Name(String),
    /// Kind.
    Kind(ServiceKind),
    /// Owning team.
    Owner(Option<Id>),
    /// Description.
    Description(String),
    /// Canvas position.
    Position(Option<f64>, Option<f64>),
}

/// A change to one field of a team.
#[derive(Debug, Clone, PartialEq)]
pub enum TeamField {
    /// Display name.
    Name(String),
    /// Team Topologies type.
    Type(TeamType),
    /// Head count.
    Members(Option<u32>),
    /// Colour.
    Color(Option<Color>),
}

/// A change to one field of a stream (steps have their own edits).
#[derive(Debug, Clone, PartialEq)]
pub enum StreamField {
    /// Display name.
    Name(String),
    /// Owning team.
    Owner(Option<Id>),
    /// Customer.
    Customer(String),
    /// Description.
    Description(String),
    /// Line colour.
    Color(Option<Color>),
}

/// The times of one step: what [`Edit::SetStepTimes`] sets. Read from a
/// diff's `times` as the file writes them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepTimes {
    /// Hands-on time.
    #[serde(default)]
    pub work: Option<Duration>,
    /// Time queued before the step.
    #[serde(default)]
    pub wait: Option<Duration>,
    /// %C&A, 0 to 100.
    #[serde(default)]
    pub complete_accurate: Option<u8>,
}

impl StepTimes {
    /// The times a step carries.
    pub fn of(step: &Step) -> StepTimes {
        StepTimes {
            work: step.work,
            wait: step.wait,
            complete_accurate: step.complete_accurate,
        }
    }
}

/// A change to one field of the map itself.
#[derive(Debug, Clone, PartialEq)]
pub enum MapField {
    /// Display name.
    Name(String),
    /// Description.
    Description(String),
    /// Last review date.
    Reviewed(Option<Date>),
    /// Rule thresholds.
    Settings(Settings),
}

/// One primitive change to a map. Applying it returns its inverse.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Insert a team at a position of `teams`.
    InsertTeam(usize, Team),
    /// Remove a team that nothing refers to.
    RemoveTeam(Id),
    /// Change a team field.
    SetTeam(Id, TeamField),
    /// Insert a service at a position of `services`.
    InsertService(usize, Service),
    /// Remove a service that no link or step refers to.
    RemoveService(Id),
    /// Change a service field.
    SetService(Id, ServiceField),
    /// Insert a link at a position of `links`.
    InsertLink(usize, Link),
    /// Remove the link (from, to, kind).
    RemoveLink(Id, Id, LinkKind),
    /// Change a link's label.
    SetLinkLabel(Id, Id, LinkKind, String),
    /// Insert a stream at a position of `streams`.
    InsertStream(usize, Stream),
    /// Remove a stream.
    RemoveStream(Id),
    /// Change a stream field.
    SetStream(Id, StreamField),
    /// Insert a step into a stream at a position.
    InsertStep(Id, usize, Step),
    /// Remove the step at a position of a stream.
    RemoveStep(Id, usize),
    /// Move a stream's step from one position to another.
    MoveStep(Id, usize, usize),
    /// Change the stage label of the step at a position of a stream.
    SetStepStage(Id, usize, String),
    /// Change the times of the step at a position of a stream.
    SetStepTimes(Id, usize, StepTimes),
    /// Insert an allow entry at a position.
    InsertAllow(usize, Allow),
    /// Remove the allow entry at a position.
    RemoveAllow(usize),
    /// Change a field of the map.
    SetMap(MapField),
}

impl Edit {
    /// Applies the edit and returns its inverse. On error the map is unchanged.
    pub fn apply(self, map: &mut Map) -> Result<Edit, EditError> {
        self.check_bounds()?;
        match &self {
            Edit::SetTeam(_, TeamField::Name(n))
            | Edit::SetService(_, ServiceField::Name(n))
            | Edit::SetStream(_, StreamField::Name(n)) => check::name_given(n)?,
            Edit::InsertTeam(_, Team { name, .. })
            | Edit::InsertService(_, Service { name, .. })
            | Edit::InsertStream(_, Stream { name, .. }) => check::name_given(name)?,
            // Allow entries are validated against the rule registry on load.
            Edit::InsertAllow(_, allow) if !crate::analysis::is_rule_id(&allow.rule) => {
                return Err(EditError::UnknownRule(allow.rule.clone()));
            }
            _ => {}
        }
        Ok(match self {
            Edit::InsertTeam(i, team) => {
                check::insert_at(i, map.teams.len())?;
                check::new_id(map, &team.id)?;
                let id = team.id.clone();
                map.teams.insert(i, team);
                Edit::RemoveTeam(id)
            }
            Edit::RemoveTeam(id) => {
                let i = position(&map.teams, &id, |t| &t.id)?;
                let owns = map.services.iter().any(|s| s.owner.as_ref() == Some(&id))
                    || map.streams.iter().any(|s| s.owner.as_ref() == Some(&id));
                if owns {
                    return Err(EditError::StillReferenced(id));
                }
                Edit::InsertTeam(i, map.teams.remove(i))
            }
            Edit::SetTeam(id, field) => {
                let i = position(&map.teams, &id, |t| &t.id)?;
                let team = &mut map.teams[i];
                let old = match field {
                    TeamField::Name(v) => TeamField::Name(std::mem::replace(&mut team.name, v)),
                    TeamField::Type(v) => {
                        TeamField::Type(std::mem::replace(&mut team.team_type, v))
                    }
                    TeamField::Members(v) => {
                        TeamField::Members(std::mem::replace(&mut team.members, v))
                    }
                    TeamField::Color(v) => TeamField::Color(std::mem::replace(&mut team.color, v)),
                };
                Edit::SetTeam(id, old)
            }
            Edit::InsertService(i, service) => {
                check::insert_at(i, map.services.len())?;
                check::new_id(map, &service.id)?;
                check::team(map, &service.owner)?;
                let id = service.id.clone();
                map.services.insert(i, service);
                Edit::RemoveService(id)
            }
            Edit::RemoveService(id) => {
                let i = position(&map.services, &id, |s| &s.id)?;
                let referenced = map.links.iter().any(|l| l.from == id || l.to == id)
                    || map.streams.iter().any(|s| s.has_step(&id));
                if referenced {
                    return Err(EditError::StillReferenced(id));
                }
                Edit::InsertService(i, map.services.remove(i))
            }
            Edit::SetService(id, field) => {
                let i = position(&map.services, &id, |s| &s.id)?;
                if let ServiceField::Owner(owner) = &field {
                    check::team(map, owner)?;
                }
                let s = &mut map.services[i];
                let old = match field {
                    ServiceField::Name(v) => ServiceField::Name(std::mem::replace(&mut s.name, v)),
                    ServiceField::Kind(v) => ServiceField::Kind(std::mem::replace(&mut s.kind, v)),
                    ServiceField::Owner(v) => {
                        ServiceField::Owner(std::mem::replace(&mut s.owner, v))
                    }
                    ServiceField::Description(v) => {
                        ServiceField::Description(std::mem::replace(&mut s.description, v))
                    }
                    ServiceField::Position(x, y) => {
                        let old = ServiceField::Position(s.x, s.y);
                        (s.x, s.y) = (x, y);
                        old
                    }
                };
                Edit::SetService(id, old)
            }
            Edit::InsertLink(i, link) => {
                check::insert_at(i, map.links.len())?;
                let bad = link.from == link.to
                    || map.links.iter().any(|l| l.key() == link.key())
                    || map.service(link.from.as_str()).is_none()
                    || map.service(link.to.as_str()).is_none();
                if bad {
                    return Err(EditError::BadLink {
                        from: link.from,
                        to: link.to,
                        kind: link.kind.as_str(),
                    });
                }
                let inverse = Edit::RemoveLink(link.from.clone(), link.to.clone(), link.kind);
                map.links.insert(i, link);
                inverse
            }
            Edit::RemoveLink(from, to, kind) => {
                let i = link_position(map, &from, &to, kind)?;
                Edit::InsertLink(i, map.links.remove(i))
            }
            Edit::SetLinkLabel(from, to, kind, label) => {
                let i = link_position(map, &from, &to, kind)?;
                let old = std::mem::replace(&mut map.links[i].label, label);
                Edit::SetLinkLabel(from, to, kind, old)
            }
            Edit::InsertStream(i, stream) => {
                check::insert_at(i, map.streams.len())?;
                check::new_id(map, &stream.id)?;
                check::team(map, &stream.owner)?;
                if let Some(step) = stream
                    .steps
                    .iter()
                    .find(|s| map.service(s.service.as_str()).is_none())
                {
                    return Err(EditError::UnknownId(step.service.clone()));
                }
                let id = stream.id.clone();
                map.streams.insert(i, stream);
                Edit::RemoveStream(id)
            }
            Edit::RemoveStream(id) => {
                let i = position(&map.streams, &id, |s| &s.id)?;
                Edit::InsertStream(i, map.streams.remove(i))
            }
            Edit::SetStream(id, field) => {
                let i = position(&map.streams, &id, |s| &s.id)?;
                if let StreamField::Owner(owner) = &field {
                    check::team(map, owner)?;
                }
                let s = &mut map.streams[i];
                let old = match field {
                    StreamField::Name(v) => StreamField::Name(std::mem::replace(&mut s.name, v)),
                    StreamField::Owner(v) => StreamField::Owner(std::mem::replace(&mut s.owner, v)),
                    StreamField::Customer(v) => {
                        StreamField::Customer(std::mem::replace(&mut s.customer, v))
                    }
                    StreamField::Description(v) => {
                        StreamField::Description(std::mem::replace(&mut s.description, v))
                    }
                    StreamField::Color(v) => StreamField::Color(std::mem::replace(&mut s.color, v)),
                };
                Edit::SetStream(id, old)
            }
            Edit::InsertStep(id, at, step) => {
                let i = position(&map.streams, &id, |s| &s.id)?;
                if map.service(step.service.as_str()).is_none() {
                    return Err(EditError::UnknownId(step.service));
                }
                let stream = &mut map.streams[i];
                check::insert_at(at, stream.steps.len())?;
                if stream.has_step(&step.service) {
                    return Err(EditError::DuplicateStep {
                        stream: id,
                        service: step.service,
                    });
                }
                stream.steps.insert(at, step);
                Edit::RemoveStep(id, at)
            }
            Edit::RemoveStep(id, at) => {
                let i = position(&map.streams, &id, |s| &s.id)?;
                let steps = &mut map.streams[i].steps;
                if at >= steps.len() {
                    return Err(EditError::OutOfRange(at));
                }
                let step = steps.remove(at);
                Edit::InsertStep(id, at, step)
            }
            Edit::MoveStep(id, from, to) => {
                let i = position(&map.streams, &id, |s| &s.id)?;
                let steps = &mut map.streams[i].steps;
                if from >= steps.len() || to >= steps.len() {
                    return Err(EditError::OutOfRange(from.max(to)));
                }
                let step = steps.remove(from);
                steps.insert(to, step);
                Edit::MoveStep(id, to, from)
            }
            Edit::SetStepStage(id, at, stage) => {
                let i = position(&map.streams, &id, |s| &s.id)?;
                let step = (map.streams[i].steps.get_mut(at)).ok_or(EditError::OutOfRange(at))?;
                let old = std::mem::replace(&mut step.stage, stage);
                Edit::SetStepStage(id, at, old)
            }
            Edit::SetStepTimes(id, at, times) => {
                let i = position(&map.streams, &id, |s| &s.id)?;
                let step = (map.streams[i].steps.get_mut(at)).ok_or(EditError::OutOfRange(at))?;
                let old = StepTimes::of(step);
                (step.work, step.wait, step.complete_accurate) =
                    (times.work, times.wait, times.complete_accurate);
                Edit::SetStepTimes(id, at, old)
            }
            Edit::InsertAllow(i, allow) => {
                check::insert_at(i, map.allow.len())?;
                map.allow.insert(i, allow);
                Edit::RemoveAllow(i)
            }
            Edit::RemoveAllow(i) => {
                if i >= map.allow.len() {
                    return Err(EditError::OutOfRange(i));
                }
                Edit::InsertAllow(i, map.allow.remove(i))
            }
            Edit::SetMap(field) => Edit::SetMap(match field {
                MapField::Name(v) => MapField::Name(std::mem::replace(&mut map.name, v)),
                MapField::Description(v) => {
                    MapField::Description(std::mem::replace(&mut map.description, v))
                }
                MapField::Reviewed(v) => {
                    MapField::Reviewed(std::mem::replace(&mut map.reviewed, v))
                }
                MapField::Settings(v) => {
                    MapField::Settings(std::mem::replace(&mut map.settings, v))
                }
            }),
        })
    }

    /// Whether the edit changes the shape of the map's graph: it inserts or
    /// removes a service (a node) or a link (an edge). Views that index the
    /// graph by service and link rebuild after a structural edit and update
    /// in place after any other.
    ///
    /// Steps and teams are not structural: a stream is a path laid over
    /// services that exist either way, and a team is a grouping of services
    /// by owner, so adding or removing either changes how nodes are drawn
    /// and grouped, never which nodes and edges there are. A relabelled link
    /// keeps its key, so it is not structural either.
    pub fn is_structural(&self) -> bool {
        matches!(
            self,
            Edit::InsertService(..)
                | Edit::RemoveService(_)
                | Edit::InsertLink(..)
                | Edit::RemoveLink(..)
        )
    }

    /// Texts and positions must stay within what the file format accepts, so
    /// that an edited map always saves to a file that loads.
    fn check_bounds(&self) -> Result<(), EditError> {
        let name = |s: &str| check::length("a name", s, MAX_NAME_CHARS);
        let label = |s: &str| check::length("a label", s, MAX_NAME_CHARS);
        let text = |s: &str| check::length("a description", s, MAX_TEXT_CHARS);
        let percent = |p: Option<u8>| match p {
            Some(p) if p > 100 => Err(EditError::NotAPercentage(p)),
            _ => Ok(()),
        };
        match self {
            Edit::InsertTeam(_, t) => name(&t.name),
            Edit::SetTeam(_, TeamField::Name(n)) => name(n),
            Edit::InsertService(_, s) => {
                name(&s.name)?;
                text(&s.description)?;
                check::coordinate(s.x)?;
                check::coordinate(s.y)
            }
            Edit::SetService(_, ServiceField::Name(n)) => name(n),
            Edit::SetService(_, ServiceField::Description(d)) => text(d),
            Edit::SetService(_, ServiceField::Position(x, y)) => {
                check::coordinate(*x)?;
                check::coordinate(*y)
            }
            Edit::InsertLink(_, l) => label(&l.label),
            Edit::SetLinkLabel(_, _, _, l) => label(l),
            Edit::InsertStream(_, s) => {
                name(&s.name)?;
                label(&s.customer)?;
                text(&s.description)?;
                s.steps.iter().try_for_each(|step| {
                    label(&step.stage)?;
                    percent(step.complete_accurate)
                })
            }
            Edit::SetStream(_, StreamField::Name(n)) => name(n),
            Edit::SetStream(_, StreamField::Customer(c)) => label(c),
            Edit::SetStream(_, StreamField::Description(d)) => text(d),
            Edit::InsertStep(_, _, step) => {
                label(&step.stage)?;
                percent(step.complete_accurate)
            }
            Edit::SetStepTimes(_, _, times) => percent(times.complete_accurate),
            Edit::SetStepStage(_, _, stage) => label(stage),
            Edit::InsertAllow(_, a) => text(&a.reason),
            Edit::SetMap(MapField::Name(n)) => name(n),
            Edit::SetMap(MapField::Description(d)) => text(d),
            _ => Ok(()),
        }
    }
}

/// Applies edits in order; if one fails, undoes those already applied and
/// returns the error, so the map is exactly as before. On success returns
/// the inverses in the order they must be applied to undo.
pub fn apply_all(map: &mut Map, edits: Vec<Edit>) -> Result<Vec<Edit>, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply(map) {
            Ok(inverse) => inverses.push(inverse),
            Err(e) => {
                rollback(map, inverses);
                return Err(e);
            }
        }
    }
    inverses.reverse();
    Ok(inverses)
}

fn rollback(map: &mut Map, mut inverses: Vec<Edit>) {
    while let Some(inverse) = inverses.pop() {
        // An inverse of an edit that just succeeded always applies: it
        // restores exactly the state the edit started from.
        let _ = inverse.apply(map);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_map::MapBuilder;

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }

    #[test]
    fn every_edit_is_refused_cleanly_when_its_target_is_missing() {
        let map = MapBuilder::new()
            .sa("a")
            .svc("x", "a")
            .stream("s", Some("a"), &["x"])
            .build();
        let bad = [
            Edit::RemoveTeam(id("nope")),
            Edit::RemoveTeam(id("a")),
            Edit::SetService(id("nope"), ServiceField::Name("n".into())),
            Edit::SetService(id("x"), ServiceField::Owner(Some(id("ghost")))),
            Edit::RemoveService(id("x")),
            Edit::RemoveLink(id("x"), id("x"), LinkKind::Sync),
            Edit::InsertStep(
                id("s"),
                0,
                Step {
                    service: id("x"),
                    stage: String::new(),
                    work: None,
                    wait: None,
                    complete_accurate: None,
                },
            ),
            Edit::InsertStep(
                id("s"),
                5,
                Step {
                    service: id("x"),
                    stage: String::new(),
                    work: None,
                    wait: None,
                    complete_accurate: None,
                },
            ),
            Edit::RemoveStep(id("s"), 3),
            Edit::SetStepStage(id("s"), 1, "Check".into()),
            Edit::SetStepStage(id("nope"), 0, "Check".into()),
            Edit::MoveStep(id("s"), 0, 2),
            Edit::RemoveAllow(0),
            Edit::InsertService(9, map.services[0].clone()),
        ];
        for edit in bad {
            let mut m = map.clone();
            assert!(edit.clone().apply(&mut m).is_err(), "{edit:?} should fail");
            assert_eq!(m, map, "{edit:?} changed the map");
        }
    }

    #[test]
    fn edits_that_would_make_the_map_unloadable_are_refused() {
        let map = MapBuilder::new()
            .sa("a")
            .svc("x", "a")
            .stream("s", Some("a"), &["x"])
            .build();
        let refused = [
            Edit::SetTeam(id("a"), TeamField::Name("  ".into())),
            Edit::SetStream(id("s"), StreamField::Name(String::new())),
            Edit::SetService(id("x"), ServiceField::Name(" ".into())),
            Edit::SetService(
                id("x"),
                ServiceField::Name("n".repeat(crate::model::limits::MAX_NAME_CHARS + 1)),
            ),
            Edit::SetService(
                id("x"),
                ServiceField::Description("d".repeat(crate::model::limits::MAX_TEXT_CHARS + 1)),
            ),
            Edit::SetService(id("x"), ServiceField::Position(Some(f64::NAN), Some(0.0))),
            Edit::SetService(id("x"), ServiceField::Position(Some(0.0), Some(-1e8))),
            Edit::SetLinkLabel(id("x"), id("x"), LinkKind::Sync, "l".repeat(5000)),
            Edit::SetStepStage(id("s"), 0, "l".repeat(5000)),
            Edit::SetMap(MapField::Name("m".repeat(1001))),
            Edit::InsertAllow(
                0,
                Allow {
                    rule: "unused-allow".into(),
                    subject: None,
                    reason: "r".into(),
                },
            ),
        ];
        for edit in refused {
            let mut m = map.clone();
            assert!(edit.clone().apply(&mut m).is_err(), "{edit:?}");
            assert_eq!(m, map);
            // Whatever the editor accepts saves to a file that loads.
            assert!(crate::model::validate(&m, crate::analysis::is_rule_id).is_empty());
        }
    }

    #[test]
    fn a_step_stage_is_set_and_its_inverse_restores_it() {
        let mut map = MapBuilder::new()
            .sa("a")
            .svc("x", "a")
            .svc("y", "a")
            .stream("s", Some("a"), &["x", "y"])
            .build();
        let before = map.clone();
        let inverse = Edit::SetStepStage(id("s"), 1, "Check".into())
            .apply(&mut map)
            .unwrap();
        assert_eq!(map.streams[0].steps[1].stage, "Check");
        assert_eq!(inverse, Edit::SetStepStage(id("s"), 1, String::new()));
        inverse.apply(&mut map).unwrap();
        assert_eq!(map, before);
    }

    #[test]
    fn only_services_and_links_inserted_or_removed_are_structural() {
        let map = MapBuilder::new()
            .sa("a")
            .svc("x", "a")
            .svc("y", "a")
            .link("x", "y", LinkKind::Sync)
            .stream("s", Some("a"), &["x"])
            .build();
        let structural = [
            Edit::InsertService(
                0,
                Service {
                    id: id("z"),
                    ..map.services[0].clone()
                },
            ),
            Edit::RemoveService(id("x")),
            Edit::InsertLink(0, map.links[0].clone()),
            Edit::RemoveLink(id("x"), id("y"), LinkKind::Sync),
        ];
        assert!(structural.iter().all(Edit::is_structural));
        let not = [
            Edit::SetService(id("x"), ServiceField::Name("X".into())),
            Edit::SetService(id("x"), ServiceField::Position(Some(1.0), None)),
            Edit::SetLinkLabel(id("x"), id("y"), LinkKind::Sync, "calls".into()),
            Edit::InsertTeam(0, map.teams[0].clone()),
            Edit::RemoveTeam(id("a")),
            Edit::RemoveStep(id("s"), 0),
            Edit::MoveStep(id("s"), 0, 0),
            Edit::RemoveStream(id("s")),
            Edit::RemoveAllow(0),
            Edit::SetMap(MapField::Name("M".into())),
        ];
        assert!(!not.iter().any(Edit::is_structural));
        // An edit's inverse is structural exactly when the edit is.
        let mut m = map.clone();
        let inverse = Edit::RemoveLink(id("x"), id("y"), LinkKind::Sync)
            .apply(&mut m)
            .unwrap();
        assert!(inverse.is_structural());
    }
}
