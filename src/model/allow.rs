//! Findings a map accepts on purpose.

use serde::{Deserialize, Serialize};

use super::id::Id;
use super::limits::{MAX_TEXT_CHARS, Noun};

/// A finding accepted on purpose: still listed, but it does not fail `check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    /// The rule id the exception is for.
    pub rule: String,
    /// The primary subject it is for; absent, it allows every finding of the rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Id>,
    /// Why the finding is accepted (required, not blank).
    #[schemars(length(max = MAX_TEXT_CHARS), regex(pattern = r"\S"))]
    pub reason: String,
}

impl Noun for Allow {
    const PLURAL: &'static str = "allow entries";
}
