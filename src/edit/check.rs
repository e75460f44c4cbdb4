//! The rules every edit keeps, and [`EditError`], the reason one is refused.
//!
//! An edited map must always save to a file that loads: names are not
//! empty, texts and positions stay within what the file format accepts
//! (see [`crate::model::limits`]), ids are unique and references point at
//! elements that exist. These checks look only at the map and at plain
//! values, never at an [`Edit`](super::edit::Edit), so that the code that
//! applies edits can use them without this file depending on it.

use crate::model::MAX_COORDINATE;
use crate::model::{Id, LinkKind, Map};

/// Why an edit could not be applied. The map is left unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No team, service or stream has this id.
    #[error("nothing has the id \"{0}\"")]
    UnknownId(Id),
    /// The id is already used by a team, service or stream.
    #[error("the id \"{0}\" is already in use")]
    DuplicateId(Id),
    /// No such link.
    #[error("no {kind} link from \"{from}\" to \"{to}\"")]
    UnknownLink {
        /// Source.
        from: Id,
        /// Target.
        to: Id,
        /// Kind.
        kind: &'static str,
    },
    /// The link exists already or would join a service to itself.
    #[error(
        "a {kind} link from \"{from}\" to \"{to}\" is not allowed (it exists, or joins a service to itself)"
    )]
    BadLink {
        /// Source.
        from: Id,
        /// Target.
        to: Id,
        /// Kind.
        kind: &'static str,
    },
    /// A position in a list that does not exist.
    #[error("position {0} is out of range")]
    OutOfRange(usize),
    /// The service is already a step of the stream.
    #[error("\"{service}\" is already a step of \"{stream}\"")]
    DuplicateStep {
        /// The stream.
        stream: Id,
        /// The service.
        service: Id,
    },
    /// A name would become empty; maps with empty names do not load.
    #[error("a name must not be empty")]
    EmptyName,
    /// An allow entry for a rule that does not exist (the map would not load).
    #[error("no rule \"{0}\" can be allowed")]
    UnknownRule(String),
    /// A text longer than the file format accepts (see [`crate::model::limits`]).
    #[error("{what} is {chars} characters long; at most {max} are accepted")]
    TooLong {
        /// Which text, e.g. "a name".
        what: &'static str,
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// A position outside the canvas the file format accepts (the value as text).
    #[error("position {0} is outside ±{MAX_COORDINATE}")]
    OffCanvas(String),
    /// A %C&A above 100.
    #[error("{0} is not a percentage (a whole number from 0 to 100)")]
    NotAPercentage(u8),
    /// Something still refers to the element being removed.
    #[error("\"{0}\" is still referred to; remove its links, steps and ownerships first")]
    StillReferenced(Id),
}

/// The position of the element with this id in `items`.
pub(super) fn position<T>(
    items: &[T],
    id: &Id,
    id_of: impl Fn(&T) -> &Id,
) -> Result<usize, EditError> {
    items
        .iter()
        .position(|t| id_of(t) == id)
        .ok_or_else(|| EditError::UnknownId(id.clone()))
}

/// The position of the link (from, to, kind) in the map's links.
pub(super) fn link_position(
    map: &Map,
    from: &Id,
    to: &Id,
    kind: LinkKind,
) -> Result<usize, EditError> {
    map.links
        .iter()
        .position(|l| l.key() == (from, to, kind))
        .ok_or_else(|| EditError::UnknownLink {
            from: from.clone(),
            to: to.clone(),
            kind: kind.as_str(),
        })
}

/// An insertion at `index` into a list of `len` elements (the end included).
pub(super) fn insert_at(index: usize, len: usize) -> Result<(), EditError> {
    if index > len {
        Err(EditError::OutOfRange(index))
    } else {
        Ok(())
    }
}

/// A new element's id, which no team, service or stream may use already.
pub(super) fn new_id(map: &Map, id: &Id) -> Result<(), EditError> {
    if map.id_in_use(id.as_str()) {
        Err(EditError::DuplicateId(id.clone()))
    } else {
        Ok(())
    }
}

/// An owner, which must be a team of the map (or none).
pub(super) fn team(map: &Map, owner: &Option<Id>) -> Result<(), EditError> {
    match owner {
        Some(t) if map.team(t.as_str()).is_none() => Err(EditError::UnknownId(t.clone())),
        _ => Ok(()),
    }
}

/// Names are required by the file format: refuse to empty one, so that an
/// edited map always saves to a file that loads.
pub(super) fn name_given(name: &str) -> Result<(), EditError> {
    if name.trim().is_empty() {
        Err(EditError::EmptyName)
    } else {
        Ok(())
    }
}

/// A text of at most `max` characters; `what` names it in the error.
pub(super) fn length(what: &'static str, s: &str, max: usize) -> Result<(), EditError> {
    // Cheap test first: a string of at most `max` bytes fits.
    if s.len() <= max {
        return Ok(());
    }
    let chars = s.chars().count();
    if chars > max {
        Err(EditError::TooLong { what, chars, max })
    } else {
        Ok(())
    }
}

/// A canvas coordinate the file format accepts (or none).
pub(super) fn coordinate(v: Option<f64>) -> Result<(), EditError> {
    match v {
        Some(v) if !(v.is_finite() && v.abs() <= MAX_COORDINATE) => {
            Err(EditError::OffCanvas(v.to_string()))
        }
        _ => Ok(()),
    }
}
