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

impl Imported {
    /// Lays out the services the source placed nowhere or on top of one
    /// another with `tidy`, which returns how many it moved, and makes the
    /// report say so: "placed as in the source" counts only the services
    /// that kept the source's position. A workspace exported with automatic
    /// layout stores every element at 0,0; its services are laid out, not
    /// "placed as in the source".
    pub fn lay_out_with(&mut self, tidy: impl FnOnce(&mut Map) -> usize) {
        let had: usize = self
            .map
            .services
            .iter()
            .filter(|s| s.x.is_some() && s.y.is_some())
            .count();
        let before: Vec<(Option<f64>, Option<f64>)> =
            self.map.services.iter().map(|s| (s.x, s.y)).collect();
        tidy(&mut self.map);
        let moved_placed = self
            .map
            .services
            .iter()
            .zip(&before)
            .filter(|(s, (x, y))| x.is_some() && y.is_some() && (s.x, s.y) != (*x, *y))
            .count();
        self.report.positioned = had - moved_placed;
        self.report.laid_out = self.map.services.len() - self.report.positioned;
    }
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
    /// Services placed where the source put them.
    pub positioned: usize,
    /// Services laid out because the source gave them no position, or one
    /// shared with another service (see [`Imported::lay_out_with`]).
    pub laid_out: usize,
    /// Entities or elements left out on purpose, grouped by kind and reason.
    pub skipped: Vec<Skipped>,
    /// References that could not be resolved and entries that could not be
    /// read, each with its place.
    pub issues: Vec<ImportIssue>,
    /// Entities (or elements) defined again; the first definition is kept.
    pub duplicates: Vec<ImportIssue>,
    /// The tags the source's elements carry (the format's own aside), so
    /// that one marking a future state can be left out next time.
    pub source_tags: Vec<String>,
    /// What else the import did that the map alone does not say, a sentence
    /// each.
    pub remarks: Vec<String>,
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
        if self.laid_out > 0 {
            writeln!(
                f,
                "{} laid out: the source gave {} no position, or one shared with another service.",
                plural(self.laid_out, "service"),
                if self.laid_out == 1 { "it" } else { "them" }
            )?;
        }
        for remark in &self.remarks {
            writeln!(f, "{remark}")?;
        }
        if !self.source_tags.is_empty() {
            writeln!(
                f,
                "Tags in the source: {} (leave elements out with --exclude-tag TAG).",
                self.source_tags.join(", ")
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
        if !self.duplicates.is_empty() {
            writeln!(f, "Defined twice ({}):", self.duplicates.len())?;
            for issue in &self.duplicates {
                writeln!(f, "  {issue}")?;
            }
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
