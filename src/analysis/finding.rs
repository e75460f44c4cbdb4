//! What analysis reports: a [`Finding`] and its [`Severity`]. A leaf that
//! the rules, the UI, the CLI, diff and export all read.

use std::fmt;

use serde::Serialize;

use crate::model::Id;

/// How serious a finding is. Orders from most to least serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks the flow of a stream; fails `check` by default.
    Error,
    /// A likely anti-pattern worth fixing.
    Warning,
    /// Worth knowing about.
    Info,
}

impl Severity {
    /// Every severity, most serious first.
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// The identifier used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One anti-pattern found in a map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The id of the rule that fired.
    pub rule: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// The ids involved: the primary subject first, the rest sorted.
    pub subjects: Vec<Id>,
    /// What was found, naming things by their display names.
    pub message: String,
    /// How to fix it.
    pub hint: &'static str,
    /// Whether an `allow` entry of the map accepts it.
    pub allowed: bool,
}

impl Finding {
    /// The primary subject, if the finding has any.
    pub fn primary(&self) -> Option<&Id> {
        self.subjects.first()
    }

    /// The order findings are listed in: severity, rule, subjects.
    pub fn sort_key(&self) -> (Severity, &'static str, &[Id]) {
        (self.severity, self.rule, &self.subjects)
    }

    /// The identity used to match findings across two maps: rule and subjects.
    pub fn key(&self) -> (&'static str, &[Id]) {
        (self.rule, &self.subjects)
    }
}

/// Counts findings by severity, leaving allowed ones out.
pub fn count_by_severity<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> [usize; 3] {
    let mut counts = [0; 3];
    for f in findings.into_iter().filter(|f| !f.allowed) {
        counts[f.severity as usize] += 1;
    }
    counts
}
