//! Why an import fails as a whole, and the limits past which it does.

use std::path::PathBuf;

use crate::io::MAX_FILE_BYTES;
use crate::model::Problem;

/// Files of this size or more are refused before they are read.
pub const MAX_IMPORT_FILE_BYTES: u64 = MAX_FILE_BYTES;
/// Most files one import reads: a folder with more is not a catalog.
pub const MAX_IMPORT_FILES: usize = 10_000;
/// Most entities (or elements) one import takes.
pub const MAX_IMPORT_ENTITIES: usize = 100_000;
/// Why an import failed: the input could not be read as a whole. Problems
/// with single entries are [`ImportIssue`](super::report::ImportIssue)s, not errors.
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
