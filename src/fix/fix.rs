//! [`Fix`]: one named way to resolve one finding, as edits.

use crate::edit::Edit;
use crate::model::Id;

/// One named way to resolve one finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// The rule of the finding it is offered for.
    pub rule: &'static str,
    /// The finding's subjects (with `rule`, the finding's key).
    pub subjects: Vec<Id>,
    /// What it does, naming things by their display names: "Put an
    /// anti-corruption layer, Core Banking ACL, in front of Core Banking".
    pub title: String,
    /// The edits, in the order they apply to the map the fix was made for.
    /// Empty for a fix that asks the user to type ([`Fix::field`]).
    pub edits: Vec<Edit>,
    /// What the fix deletes of what the user wrote, said before it is
    /// applied ("the service Fax Gateway"); empty when it deletes nothing.
    pub removes: Vec<String>,
    /// The field the user should type into instead of an edit: a
    /// placeholder text would be no fix.
    pub field: Option<FixField>,
}

/// A field a fix opens for typing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixField {
    /// A stream's description.
    StreamDescription(Id),
    /// A stream's customer.
    StreamCustomer(Id),
}

impl Fix {
    /// A fix made of edits.
    pub(super) fn edits(
        rule: &'static str,
        subjects: &[Id],
        title: String,
        edits: Vec<Edit>,
    ) -> Fix {
        Fix {
            rule,
            subjects: subjects.to_vec(),
            title,
            edits,
            removes: Vec::new(),
            field: None,
        }
    }

    /// Whether applying it changes the map (a fix that opens a field does not).
    pub fn changes_map(&self) -> bool {
        !self.edits.is_empty()
    }
}
