//! Importers: maps made from what organisations already keep, a Backstage
//! software catalog ([`backstage`]) or a Structurizr workspace
//! ([`structurizr`]).
//!
//! Importers are pure: files (or bytes) in, an [`Imported`] map and its
//! [`ImportReport`] out. They never fail on a reference they cannot resolve;
//! they list it in the report and leave the map without it, so that the
//! anti-pattern rules can flag what is missing (an unowned service, say).
//! They fail, with the file and the place, only on input they cannot read.
//! Positions are left to the caller (the lanes layout of `edit::arrange`
//! gives a readable one) except where the source has its own: importers do
//! not depend on `edit`.
//!
//! Output is deterministic: the same input gives the same map and report
//! whatever order files are given or found in.

pub mod backstage;
pub mod structurizr;
mod yaml;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Id, Link, LinkKind, Map, Problem};

/// Files of this size or more are refused before they are read.
pub const MAX_IMPORT_FILE_BYTES: u64 = super::MAX_FILE_BYTES;
/// Most files one import reads: a folder with more is not a catalog.
pub const MAX_IMPORT_FILES: usize = 10_000;
/// Most entities (or elements) one import takes.
pub const MAX_IMPORT_ENTITIES: usize = 100_000;
/// Longest name kept from the source; longer ones are cut (a hostile file
/// must not make the map unwieldy).
const MAX_NAME_CHARS: usize = 200;
/// Longest description kept from the source.
const MAX_DESCRIPTION_CHARS: usize = 2_000;

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
            crate::analysis::plural(self.files, "file"),
            crate::analysis::plural(self.teams, "team"),
            crate::analysis::plural(self.services, "service"),
            crate::analysis::plural(self.links, "link"),
            crate::analysis::plural(self.streams, "stream"),
        )?;
        if self.positioned > 0 {
            writeln!(
                f,
                "{} placed as in the source.",
                crate::analysis::plural(self.positioned, "service")
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

/// Why an import failed: the input could not be read as a whole. Problems
/// with single entries are [`ImportIssue`]s, not errors.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A file or folder could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A file is [`MAX_IMPORT_FILE_BYTES`] or larger.
    #[error(
        "{}: the file is {size} bytes; files of 64 MiB ({MAX_IMPORT_FILE_BYTES} bytes) or more are refused",
        path.display()
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes (at least the limit).
        size: u64,
    },
    /// Not well-formed YAML or JSON, or not the shape the format needs.
    /// Written `file:line:column: message`, as compilers do.
    #[error("{}{}: {message}", path.display(), place(*location))]
    Malformed {
        /// The file.
        path: PathBuf,
        /// 1-based line and column, when known.
        location: Option<(usize, usize)>,
        /// What is wrong.
        message: String,
    },
    /// YAML aliases expand the file past a sane size ("billion laughs").
    #[error(
        "{}: refused: its YAML aliases expand it past {limit} nodes and bytes, far beyond the file's own size (a \"billion laughs\" file?)",
        path.display()
    )]
    AliasExpansion {
        /// The file.
        path: PathBuf,
        /// The bound that was reached.
        limit: u64,
    },
    /// More files than [`MAX_IMPORT_FILES`].
    #[error(
        "more than {MAX_IMPORT_FILES} files to import; point the import at the catalog's folder"
    )]
    TooManyFiles,
    /// More entities than [`MAX_IMPORT_ENTITIES`].
    #[error("more than {MAX_IMPORT_ENTITIES} entities; a map of that size would be unreadable")]
    TooManyEntities,
    /// The paths name no file to import.
    #[error("no {what} found in {}", list_paths(paths))]
    NothingFound {
        /// What was looked for, e.g. "*.yaml or *.yml files".
        what: &'static str,
        /// The paths given.
        paths: Vec<PathBuf>,
    },
    /// The importer built a map that does not validate: a bug in vsmap.
    #[error("the imported map is not valid (a bug in vsmap, please report it): {}", list_problems(.0))]
    Invalid(Vec<Problem>),
}

fn place(location: Option<(usize, usize)>) -> String {
    match location {
        Some((line, column)) => format!(":{line}:{column}"),
        None => String::new(),
    }
}

fn list_paths(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    names.join(", ")
}

fn list_problems(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
    lines.join("; ")
}

/// Reads a file to import, refusing it unread when it is
/// [`MAX_IMPORT_FILE_BYTES`] or larger.
pub fn read_import_file(path: &Path) -> Result<Vec<u8>, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size >= MAX_IMPORT_FILE_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            size,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // The file may grow between the check and the read: never read past the limit.
    file.take(MAX_IMPORT_FILE_BYTES)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 >= MAX_IMPORT_FILE_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Cuts text to `max` characters, marking the cut.
fn clip(text: &str, max: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// A display name from the source, cut to a sane length.
fn clip_name(text: &str) -> String {
    clip(text, MAX_NAME_CHARS)
}

/// A description from the source, cut to a sane length.
fn clip_description(text: &str) -> String {
    clip(text, MAX_DESCRIPTION_CHARS)
}

/// Checks the map an importer built, puts it in canonical order and fills
/// the report's counts from it.
/// Links found so far, by identity, with the labels that named them.
type LinkSet = BTreeMap<(Id, Id, LinkKind), BTreeSet<String>>;

/// Records a link with its label (if any); a link from a service to itself
/// is left out.
fn add_link(links: &mut LinkSet, from: &Id, to: &Id, kind: LinkKind, label: String) {
    if from == to {
        // A component that consumes its own API, or depends on itself.
        return;
    }
    let labels = links.entry((from.clone(), to.clone(), kind)).or_default();
    if !label.is_empty() {
        labels.insert(label);
    }
}

/// The map's links, in identity order, each with its labels joined by ", ".
fn into_links(links: LinkSet) -> Vec<Link> {
    links
        .into_iter()
        .map(|((from, to, kind), labels)| Link {
            from,
            to,
            kind,
            label: labels.into_iter().collect::<Vec<_>>().join(", "),
        })
        .collect()
}

fn finish(mut map: Map, mut report: ImportReport) -> Result<Imported, ImportError> {
    map.canonicalize();
    let problems = crate::model::validate(&map, crate::analysis::is_rule_id);
    if !problems.is_empty() {
        return Err(ImportError::Invalid(problems));
    }
    map.share_ids();
    report.teams = map.teams.len();
    report.services = map.services.len();
    report.links = map.links.len();
    report.streams = map.streams.len();
    report.positioned = map
        .services
        .iter()
        .filter(|s| s.x.is_some() && s.y.is_some())
        .count();
    for s in &mut report.skipped {
        s.entities.sort();
        s.entities.dedup();
    }
    report.skipped.sort();
    report.issues.sort();
    report.issues.dedup();
    Ok(Imported { map, report })
}
