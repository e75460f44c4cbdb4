//! What `vsmap check` found, independent of how it is written: every file it
//! was given, in order, with its findings, or why it did not load. The
//! writers (`text`, `json`, `sarif`) read only this.

use std::path::PathBuf;

use crate::analysis::{Finding, count_by_severity};

/// The result of a whole check: one entry per file given, in the order given.
pub(super) struct CheckReport {
    /// Each file's result.
    pub files: Vec<FileReport>,
}

/// The result of checking one file.
pub(super) struct FileReport {
    /// The file as given on the command line.
    pub file: PathBuf,
    /// Its findings, or the message saying why it did not load.
    pub outcome: Result<Checked, String>,
}

/// A file that loaded: its text (for locations) and its findings.
pub(super) struct Checked {
    /// The file's text, to find the line a finding is about.
    pub text: String,
    /// Every finding, allowed ones included, in the rules' order.
    pub findings: Vec<Finding>,
    /// The map's `allow` entries, to say why an allowed finding is allowed.
    pub allows: Vec<crate::model::Allow>,
}

impl CheckReport {
    /// The files that loaded, with their results, in order.
    pub fn checked(&self) -> impl Iterator<Item = (&PathBuf, &Checked)> {
        self.files
            .iter()
            .filter_map(|f| f.outcome.as_ref().ok().map(|c| (&f.file, c)))
    }
}

impl Checked {
    /// Findings by severity: errors, warnings, infos (allowed ones included).
    pub fn counts(&self) -> [usize; 3] {
        count_by_severity(&self.findings)
    }

    /// How many findings are allowed.
    pub fn allowed(&self) -> usize {
        self.findings.iter().filter(|f| f.allowed).count()
    }

    /// Why an allowed finding is allowed (see [`crate::analysis::allow_reason`]);
    /// empty when no entry accepts it.
    pub fn allow_reason(&self, finding: &Finding) -> &str {
        crate::analysis::allow_reason(&self.allows, finding).unwrap_or_default()
    }
}
