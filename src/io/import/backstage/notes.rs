//! What the import reports besides the map: the entities it skipped, by
//! kind and reason, and the references it could not resolve. Gathered while
//! the catalog is read and the map built.

use std::collections::BTreeMap;

use super::entity::Entity;
use crate::io::import::report::ImportIssue;

/// What the import reports besides the map.
#[derive(Default)]
pub(super) struct Notes {
    /// References that did not resolve and entries that could not be read.
    pub(super) issues: Vec<ImportIssue>,
    /// Entities left out, by (kind, reason).
    pub(super) skipped: BTreeMap<(String, String), Vec<String>>,
    /// Entities defined again after their first definition.
    pub(super) duplicates: Vec<ImportIssue>,
    /// Subcomponents tied to their parents.
    pub(super) subcomponents: usize,
    /// What else the report says about the map as a whole.
    pub(super) remarks: Vec<String>,
}

impl Notes {
    /// Reports a problem with one field of an entity.
    pub(super) fn issue(&mut self, entity: &Entity<'_>, field: impl Into<String>, message: String) {
        self.issues.push(ImportIssue {
            file: entity.file.to_path_buf(),
            entity: entity.reference(),
            field: field.into(),
            message,
        });
    }

    /// Reports an entity left out of the map, and why.
    pub(super) fn skip(&mut self, kind: impl Into<String>, reason: &str, entity: String) {
        self.skipped
            .entry((kind.into(), reason.to_string()))
            .or_default()
            .push(entity);
    }
}
