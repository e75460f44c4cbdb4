//! A map file's bytes, read without ever holding more than the size limit,
//! and the ways reading a map file can fail.

use std::io::Read;
use std::path::Path;

use super::format::ParseError;

/// Largest map file accepted; checked before anything is parsed.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

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
