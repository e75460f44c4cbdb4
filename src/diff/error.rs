//! [`DiffError`]: why a diff, or a part of one, does not turn into edits of
//! a map, in words a person can act on.
//!
//! Most reasons are found before any edit is made (an element or link is
//! missing or already there, a value is not the one the diff expects).
//! The rest come from an edit that the map refuses, typically because a
//! partial diff leaves out a change that this one depends on; those are
//! worded here from the edit and the map it was refused on, naming what
//! still stands in the way (`"kyc" is still a step of stream "onboarding"`).

use serde_json::Value;

use crate::edit::{Edit, EditError, ServiceField, StreamField};
use crate::model::{Id, Map};

/// Why a diff does not apply to a map: the map is not the one the diff was
/// made from, the diff is partial and leaves out a change another depends
/// on, or the result would not be a valid map.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DiffError {
    /// An element the diff removes or changes is not in the map.
    #[error("no {what} \"{id}\" in the map")]
    Missing {
        /// "team", "service" or "stream".
        what: &'static str,
        /// Its id.
        id: Id,
    },
    /// An element the diff adds is already in the map.
    #[error("{what} \"{id}\" is already in the map")]
    AlreadyThere {
        /// "team", "service" or "stream".
        what: &'static str,
        /// Its id.
        id: Id,
    },
    /// A value in the map is not the old value the diff expects.
    #[error("{subject}: {field} is {found}, but the diff expects {expected}")]
    Conflict {
        /// What the field belongs to, e.g. `service "kyc"` or `the map`.
        subject: String,
        /// The field.
        field: String,
        /// The old value the diff expects.
        expected: Value,
        /// The value in the map.
        found: Value,
    },
    /// A link the diff removes or relabels is not in the map.
    #[error("no link {0} in the map")]
    MissingLink(String),
    /// A link the diff adds is already in the map.
    #[error("link {0} is already in the map")]
    LinkThere(String),
    /// A new value does not fit its field.
    #[error("{subject}: cannot set {field}: {message}")]
    BadValue {
        /// What the field belongs to.
        subject: String,
        /// The field.
        field: String,
        /// Why.
        message: String,
    },
    /// The map refuses one of the edits the diff turns into, e.g. removing
    /// a service that a step the diff leaves in place still passes through.
    #[error("cannot {action}: {reason}")]
    Refused {
        /// What the edit would do, e.g. `remove service "kyc"`.
        action: String,
        /// What stands in the way, e.g. `"kyc" is still a step of stream "onboarding"`.
        reason: String,
    },
    /// The result breaks the map's rules (e.g. a step on a removed service).
    #[error("the result is not a valid map: {0}")]
    Invalid(String),
}

/// `edit`, refused by `map` with `error`, in words.
pub(super) fn refused(map: &Map, edit: &Edit, error: EditError) -> DiffError {
    let reason = match &error {
        EditError::StillReferenced(id) => {
            still_referenced(map, id).unwrap_or_else(|| error.to_string())
        }
        EditError::UnknownId(id) if owner_named(edit) == Some(id) => {
            format!("there is no team \"{id}\"")
        }
        EditError::UnknownId(id) => format!("there is no service \"{id}\""),
        EditError::BadLink { from, to, .. } if from == to => {
            "a link may not join a service to itself".into()
        }
        EditError::BadLink { from, to, .. } => match [from, to]
            .into_iter()
            .find(|id| map.service(id.as_str()).is_none())
        {
            Some(id) => format!("there is no service \"{id}\""),
            None => "the link is already there".into(),
        },
        _ => error.to_string(),
    };
    DiffError::Refused {
        action: action(edit),
        reason,
    }
}

/// The team an edit makes an owner, if it makes one.
fn owner_named(edit: &Edit) -> Option<&Id> {
    match edit {
        Edit::InsertService(_, s) => s.owner.as_ref(),
        Edit::InsertStream(_, s) => s.owner.as_ref(),
        Edit::SetService(_, ServiceField::Owner(owner))
        | Edit::SetStream(_, StreamField::Owner(owner)) => owner.as_ref(),
        _ => None,
    }
}

/// The first thing in `map` that refers to the team or service `id`.
fn still_referenced(map: &Map, id: &Id) -> Option<String> {
    if let Some(s) = map.services.iter().find(|s| s.owner.as_ref() == Some(id)) {
        return Some(format!("team \"{id}\" still owns service \"{}\"", s.id));
    }
    if let Some(s) = map.streams.iter().find(|s| s.owner.as_ref() == Some(id)) {
        return Some(format!("team \"{id}\" still owns stream \"{}\"", s.id));
    }
    if let Some(l) = map.links.iter().find(|l| &l.from == id || &l.to == id) {
        let (other, direction) = if &l.from == id {
            (&l.to, "to")
        } else {
            (&l.from, "from")
        };
        return Some(format!(
            "\"{id}\" still has a {} link {direction} \"{other}\"",
            l.kind.as_str()
        ));
    }
    let stream = map.streams.iter().find(|s| s.has_step(id))?;
    Some(format!(
        "\"{id}\" is still a step of stream \"{}\"",
        stream.id
    ))
}

/// What an edit does, in words.
fn action(edit: &Edit) -> String {
    let link = |from: &Id, to: &Id, kind: crate::model::LinkKind| {
        format!("the {} link from \"{from}\" to \"{to}\"", kind.as_str())
    };
    match edit {
        Edit::InsertTeam(_, t) => format!("add team \"{}\"", t.id),
        Edit::RemoveTeam(id) => format!("remove team \"{id}\""),
        Edit::SetTeam(id, _) => format!("change team \"{id}\""),
        Edit::InsertService(_, s) => format!("add service \"{}\"", s.id),
        Edit::RemoveService(id) => format!("remove service \"{id}\""),
        Edit::SetService(id, ServiceField::Owner(_)) => {
            format!("change the owner of service \"{id}\"")
        }
        Edit::SetService(id, _) => format!("change service \"{id}\""),
        Edit::InsertLink(_, l) => format!("add {}", link(&l.from, &l.to, l.kind)),
        Edit::RemoveLink(from, to, kind) => format!("remove {}", link(from, to, *kind)),
        Edit::SetLinkLabel(from, to, kind, _) => format!("relabel {}", link(from, to, *kind)),
        Edit::InsertStream(_, s) => format!("add stream \"{}\"", s.id),
        Edit::RemoveStream(id) => format!("remove stream \"{id}\""),
        Edit::SetStream(id, StreamField::Owner(_)) => {
            format!("change the owner of stream \"{id}\"")
        }
        Edit::SetStream(id, _) => format!("change stream \"{id}\""),
        Edit::InsertStep(stream, _, step) => {
            format!("add \"{}\" to stream \"{stream}\"", step.service)
        }
        Edit::RemoveStep(stream, at) => format!("remove step {at} of stream \"{stream}\""),
        Edit::MoveStep(stream, ..) => format!("reorder the steps of stream \"{stream}\""),
        Edit::SetStepStage(stream, at, _) => {
            format!("change the stage of step {at} of stream \"{stream}\"")
        }
        Edit::SetStepTimes(stream, at, _) => {
            format!("change the times of step {at} of stream \"{stream}\"")
        }
        Edit::InsertAllow(_, a) => format!("allow \"{}\"", a.rule),
        Edit::RemoveAllow(_) => "remove an allow entry".into(),
        Edit::SetMap(_) => "change the map".into(),
    }
}
