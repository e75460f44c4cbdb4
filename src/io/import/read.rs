//! Reading one source file of an import, refused unread when too large.

use std::io::Read;
use std::path::Path;

use super::error::{ImportError, MAX_IMPORT_FILE_BYTES};

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
