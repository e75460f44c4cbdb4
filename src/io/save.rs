//! Saving a map file: its canonical form, replaced atomically.

use std::path::{Path, PathBuf};

use super::atomic::write_atomic;
use super::format::to_canonical_json;
use super::stamp::FileStamp;
use crate::model::Map;

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
