//! Reading and writing map files: the versioned format, its error messages,
//! the canonical (git-friendly) form and atomic saving; stamps that tell
//! when a file changed on disk; recovery copies of unsaved maps
//! (`recovery`); importers from other tools (`import`).

mod atomic;
mod format;
pub mod import;
pub mod recovery;
mod stamp;

pub use atomic::write_atomic;
pub use format::{
    CURRENT_VERSION, FORMAT_NAME, MAX_LISTED_PROBLEMS, ParseError, from_json, parse_date,
    to_canonical_json,
};
pub use stamp::{DiskState, FileStamp};

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

/// [`save_file`], returning the stamp of what was written.
pub fn save_file_stamped(map: &Map, path: &Path) -> Result<FileStamp, SaveError> {
    let json = to_canonical_json(map);
    write_atomic(path, json.as_bytes()).map_err(|source| SaveError {
        path: path.to_path_buf(),
        source,
    })?;
    // Without a time the stamp still holds the hash: the next check reads
    // the file and compares bytes.
    Ok(FileStamp::of(
        json.as_bytes(),
        std::fs::metadata(path).ok().as_ref(),
    ))
}
