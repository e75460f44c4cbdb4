//! [`Conflict`]: one place where both sides changed the same thing
//! differently, and what each side had.

use std::fmt;

use serde_json::Value;

/// A place both sides changed differently; the merge kept ours.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Where: `services[kyc].name`, `streams[onboarding].steps`, `links[web -> api (sync)]`.
    pub place: String,
    /// Ours (`Null`: deleted or absent).
    pub ours: Value,
    /// Theirs (`Null`: deleted or absent).
    pub theirs: Value,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |v: &Value| match v {
            Value::Null => "deleted".to_string(),
            v => crate::model::limits::shorten(&v.to_string(), 200),
        };
        write!(
            f,
            "{}: ours {}, theirs {}",
            self.place,
            show(&self.ours),
            show(&self.theirs)
        )
    }
}
