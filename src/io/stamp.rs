//! What a map file looked like when it was opened or saved, so that a save
//! does not silently clobber a change made meanwhile by another editor or a
//! `git pull`.

use std::path::Path;
use std::time::UNIX_EPOCH;

use super::read::{LoadErrorKind, read_limited};

/// A file's size, modification time and a hash of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileStamp {
    /// Size in bytes.
    pub len: u64,
    /// Modification time as (seconds, nanoseconds) since the Unix epoch, where
    /// the file system has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<(u64, u32)>,
    /// FNV-1a hash of the bytes: stable across builds, since stamps are kept
    /// in recovery files that a later version of vsmap reads.
    pub hash: u64,
}

/// How a file on disk compares with a stamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskState {
    /// The same bytes as when stamped.
    Same,
    /// Different bytes, or a file that can no longer be read.
    Changed,
    /// The file is gone.
    Missing,
}

impl FileStamp {
    /// The stamp of `bytes`, just read from or written to a file with `meta`.
    pub fn of(bytes: &[u8], meta: Option<&std::fs::Metadata>) -> FileStamp {
        FileStamp {
            len: bytes.len() as u64,
            modified: meta.and_then(modified),
            hash: fnv1a(bytes),
        }
    }

    /// Reads a file and stamps it (refusing files over the map size limit).
    pub fn read(path: &Path) -> Result<FileStamp, LoadErrorKind> {
        let meta = std::fs::metadata(path)?;
        let bytes = read_limited(path)?;
        Ok(FileStamp::of(&bytes, Some(&meta)))
    }

    /// Compares the file at `path` with this stamp. Cheap when the size and
    /// time are unchanged; otherwise the file is read and its bytes compared,
    /// so a `touch` or a checkout of the same content is not a change.
    pub fn check(&self, path: &Path) -> DiskState {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return DiskState::Missing,
            // Unreadable: nobody can tell, so the user is asked rather than
            // the file overwritten unseen.
            Err(_) => return DiskState::Changed,
        };
        if meta.len() == self.len && self.modified.is_some() && modified(&meta) == self.modified {
            return DiskState::Same;
        }
        match read_limited(path) {
            Ok(bytes) if bytes.len() as u64 == self.len && fnv1a(&bytes) == self.hash => {
                DiskState::Same
            }
            _ => DiskState::Changed,
        }
    }
}

fn modified(meta: &std::fs::Metadata) -> Option<(u64, u32)> {
    let since = meta
        .modified()
        .ok()?
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    Some((since.as_secs(), since.subsec_nanos()))
}

/// 64-bit FNV-1a: fixed by its specification, unlike the standard library's
/// hasher, whose algorithm may change between Rust releases.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    #[test]
    fn fnv1a_matches_its_specification() {
        // Test vectors of the FNV reference.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn a_rewrite_is_seen_and_a_touch_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.vsmap.json");
        std::fs::write(&path, b"one").unwrap();
        let stamp = FileStamp::read(&path).unwrap();
        assert_eq!(stamp.check(&path), DiskState::Same);

        // Same bytes, new time (a checkout, a touch): not a change.
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(SystemTime::now() + std::time::Duration::from_secs(5))
            .unwrap();
        drop(file);
        assert_eq!(stamp.check(&path), DiskState::Same);

        // Same size, other bytes: a change.
        std::fs::write(&path, b"two").unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(SystemTime::now() + std::time::Duration::from_secs(9))
            .unwrap();
        drop(file);
        assert_eq!(stamp.check(&path), DiskState::Changed);

        std::fs::remove_file(&path).unwrap();
        assert_eq!(stamp.check(&path), DiskState::Missing);
    }
}
