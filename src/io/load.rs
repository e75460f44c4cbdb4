//! Loading a map file: read, parse and validate, naming the file in errors.

use std::fmt;
use std::path::{Path, PathBuf};

use super::format::from_json;
use super::read::{LoadErrorKind, read_limited};
use super::stamp::FileStamp;
use crate::model::Map;

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

/// Reads, parses and validates a map file.
pub fn load_file(path: &Path) -> Result<Map, LoadError> {
    let error = |kind: LoadErrorKind| LoadError {
        path: path.to_path_buf(),
        kind,
    };
    let bytes = read_limited(path).map_err(error)?;
    from_json(&bytes).map_err(|e| error(e.into()))
}

/// Reads, parses and validates a map file, and stamps what was read, so a
/// later save can tell whether the file changed on disk meanwhile.
pub fn load_file_stamped(path: &Path) -> Result<(Map, FileStamp), LoadError> {
    let error = |kind: LoadErrorKind| LoadError {
        path: path.to_path_buf(),
        kind,
    };
    // Metadata first: should the file change while it is read, the stamp's
    // time is the older one, and the next check compares the bytes.
    let meta = std::fs::metadata(path).map_err(|e| error(e.into()))?;
    let bytes = read_limited(path).map_err(error)?;
    let map = from_json(&bytes).map_err(|e| error(e.into()))?;
    Ok((map, FileStamp::of(&bytes, Some(&meta))))
}
