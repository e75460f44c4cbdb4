//! Reading and writing map files: the versioned format, its error messages,
//! the canonical (git-friendly) form and atomic saving; importers from other
//! tools (`import`).

mod atomic;
mod format;
pub mod import;

pub use atomic::write_atomic;
pub use format::{
    CURRENT_VERSION, FORMAT_NAME, MAX_LISTED_PROBLEMS, ParseError, from_json, parse_date,
    to_canonical_json,
};

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::model::Map;

/// Largest map file accepted; checked before anything is parsed.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The file name suffix of map files.
pub const EXTENSION: &str = ".vsmap.json";

/// What went wrong reading a map file.
#[derive(Debug, thiserror::Error)]
pub enum LoadErrorKind {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The file is over [`MAX_FILE_BYTES`].
    #[error(
        "the file is {size} bytes; maps larger than {MAX_FILE_BYTES} bytes (64 MiB) are refused"
    )]
    TooLarge {
        /// The file's size in bytes.
        size: u64,
    },
    /// The content is not a valid map.
    #[error(transparent)]
    Parse(#[from] ParseError),
}

/// A map file that could not be loaded: which file, and why.
#[derive(Debug, thiserror::Error)]
pub struct LoadError {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub kind: LoadErrorKind,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.kind)
    }
}

/// A map file that could not be saved. The previous file is left intact.
#[derive(Debug, thiserror::Error)]
#[error("{}: cannot save: {source}", path.display())]
pub struct SaveError {
    /// The target file.
    pub path: PathBuf,
    /// Why.
    #[source]
    pub source: std::io::Error,
}

/// Reads, parses and validates a map file.
pub fn load_file(path: &Path) -> Result<Map, LoadError> {
    let error = |kind: LoadErrorKind| LoadError {
        path: path.to_path_buf(),
        kind,
    };
    let bytes = read_limited(path).map_err(error)?;
    from_json(&bytes).map_err(|e| error(e.into()))
}

/// Reads a file, refusing it before reading when it is over the size limit.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, LoadErrorKind> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadErrorKind::TooLarge { size });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // The file may grow between the check and the read: never read past the limit.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadErrorKind::TooLarge {
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Writes the map in canonical form, atomically: either the old file or the
/// complete new one is on disk at every moment.
pub fn save_file(map: &Map, path: &Path) -> Result<(), SaveError> {
    write_atomic(path, to_canonical_json(map).as_bytes()).map_err(|source| SaveError {
        path: path.to_path_buf(),
        source,
    })
}
