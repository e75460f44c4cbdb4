//! What an import gives back: the map, and the report of what it counted,
//! skipped and could not resolve, written for people by `Display`.

use std::fmt;
use std::path::PathBuf;

use crate::analysis::plural;
use crate::model::Map;

/// A map made by an importer, and what the import could not use.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The imported map: valid, canonical order, positions only where the
    /// source gave them.
    pub map: Map,
    /// What was imported, skipped and left unresolved.
    pub report: ImportReport,
}

/// What an import did: counts, what it skipped and why, and every
/// reference it could not resolve. Lists are sorted. `Display` writes it for
/// people.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// What was imported, e.g. "Backstage catalog".
    pub source: String,
    /// How many files were read.
    pub files: usize,
    /// Teams in the map.
    pub teams: usize,
    /// Services in the map.
    pub services: usize,
    /// Links in the map.
    pub links: usize,
    /// Streams in the map.
    pub streams: usize,
    /// Services that got a position from the source.
    pub positioned: usize,
    /// Entities or elements left out on purpose, grouped by kind and reason.
    pub skipped: Vec<Skipped>,
    /// References that could not be resolved and entries that could not be
    /// read, each with its place.
    pub issues: Vec<ImportIssue>,
}

/// Entities of one kind left out for one reason.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    /// The kind, e.g. `location` or `resource (type s3-bucket)`.
    pub kind: String,
    /// Why they were left out.
    pub reason: String,
    /// Their references, sorted.
    pub entities: Vec<String>,
}

/// One thing in the source the import could not use: an unknown owner, a
/// dangling dependency, an entity without a name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ImportIssue {
    /// The file it is in.
    pub file: PathBuf,
    /// The entity or element, e.g. `component:default/payments`.
    pub entity: String,
    /// The field, e.g. `spec.dependsOn[1]`.
    pub field: String,
    /// What is wrong, naming the value.
    pub message: String,
}

impl fmt::Display for ImportIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} {}: {}",
            self.file.display(),
            self.entity,
            self.field,
            self.message
        )
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Imported {} from {}: {}, {}, {}, {}.",
            self.source,
            plural(self.files, "file"),
            plural(self.teams, "team"),
            plural(self.services, "service"),
            plural(self.links, "link"),
            plural(self.streams, "stream"),
        )?;
        if self.positioned > 0 {
            writeln!(
                f,
                "{} placed as in the source.",
                plural(self.positioned, "service")
            )?;
        }
        for s in &self.skipped {
            writeln!(
                f,
                "Skipped {} ({}): {}: {}",
                s.kind,
                s.entities.len(),
                s.reason,
                abbreviate(&s.entities, 5)
            )?;
        }
        if !self.issues.is_empty() {
            writeln!(f, "Not resolved ({}):", self.issues.len())?;
            for issue in &self.issues {
                writeln!(f, "  {issue}")?;
            }
        }
        Ok(())
    }
}

/// "a, b, c and 4 more".
fn abbreviate(items: &[String], shown: usize) -> String {
    if items.len() <= shown {
        return items.join(", ");
    }
    format!(
        "{} and {} more",
        items[..shown].join(", "),
        items.len() - shown
    )
}
