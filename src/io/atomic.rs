//! Atomic file replacement: a temporary file in the target's folder, flushed
//! and synced, then renamed over the target.
//!
//! On Windows a rename over a file another program holds open (a virus
//! scanner, a search indexer, a preview) is refused for as long as it holds
//! it, usually a moment: the rename is tried again for about a second and a
//! half before the save is reported as refused, with what to do.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use tempfile::{NamedTempFile, PersistError};

/// The pauses before each new try of a refused rename, in milliseconds.
#[cfg(windows)]
const RETRY_PAUSES_MS: &[u64] = &[10, 20, 50, 100, 200, 400, 800];
/// Elsewhere a rename over an open file is not refused: no retries.
#[cfg(not(windows))]
const RETRY_PAUSES_MS: &[u64] = &[];

/// Replaces `path` with `bytes` so that a crash at any moment leaves either
/// the old complete file or the new complete file, never a mix. An existing
/// target keeps its permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // Saving through a symbolic link writes the file it points to, and
    // keeps the link (renaming over the link would replace it).
    let resolved;
    let path = if path.is_symlink() {
        resolved = std::fs::canonicalize(path)?;
        resolved.as_path()
    } else {
        path
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".vsmap-save-").suffix(".tmp");
    // A new file gets the usual permissions (0666 less the umask), not the
    // temporary file's private 0600, which would survive the rename.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.flush()?;
    if let Ok(meta) = std::fs::metadata(path) {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    temp.as_file().sync_all()?;
    // On error the temporary file is removed when `PersistError` drops.
    persist_retrying(temp, path, RETRY_PAUSES_MS, |temp, path| {
        temp.persist(path).map(drop)
    })?;
    sync_dir(dir);
    Ok(())
}

/// Renames `temp` over `path` with `persist`, trying again after each of
/// `pauses_ms` while the rename is refused (permission denied: on Windows,
/// the target is open in another program). A rename still refused after
/// the last pause says so and what to do.
fn persist_retrying(
    temp: NamedTempFile,
    path: &Path,
    pauses_ms: &[u64],
    persist: impl Fn(NamedTempFile, &Path) -> Result<(), PersistError>,
) -> std::io::Result<()> {
    let mut temp = temp;
    for pause in pauses_ms {
        match persist(temp, path) {
            Ok(()) => return Ok(()),
            Err(e) if e.error.kind() == std::io::ErrorKind::PermissionDenied => {
                temp = e.file;
                std::thread::sleep(Duration::from_millis(*pause));
            }
            Err(e) => return Err(e.error),
        }
    }
    persist(temp, path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::PermissionDenied && !pauses_ms.is_empty() {
            let waited: u64 = pauses_ms.iter().sum();
            std::io::Error::new(
                e.error.kind(),
                format!(
                    "the file could not be replaced for {:.1} s, probably because another program has it open ({}); close it there and save again",
                    waited as f64 / 1000.0,
                    e.error
                ),
            )
        } else {
            e.error
        }
    })
}

/// Makes the rename itself durable. Best effort: some file systems refuse to
/// sync a directory, and the data is already safe in the renamed file.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A rename refused `refusals` times, then done for real.
    fn refused_then_done(
        refusals: usize,
        tries: &Cell<usize>,
    ) -> impl Fn(NamedTempFile, &Path) -> Result<(), PersistError> + '_ {
        move |temp, path| {
            tries.set(tries.get() + 1);
            if tries.get() <= refusals {
                Err(PersistError {
                    error: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
                    file: temp,
                })
            } else {
                temp.persist(path).map(drop)
            }
        }
    }

    #[test]
    fn a_refused_rename_is_tried_again_and_then_explained() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("m.vsmap.json");
        std::fs::write(&target, b"old").unwrap();
        let temp = || {
            let mut t = NamedTempFile::new_in(dir.path()).unwrap();
            t.write_all(b"new").unwrap();
            t
        };
        // Refused twice, then the file is replaced.
        let tries = Cell::new(0);
        persist_retrying(temp(), &target, &[1, 1, 1], refused_then_done(2, &tries)).unwrap();
        assert_eq!(tries.get(), 3);
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        // Refused every time: the old file stays, the error says what to do,
        // and no temporary file is left behind.
        std::fs::write(&target, b"old").unwrap();
        let tries = Cell::new(0);
        let err =
            persist_retrying(temp(), &target, &[1, 2], refused_then_done(99, &tries)).unwrap_err();
        assert_eq!(tries.get(), 3);
        assert_eq!(err.kind(), std::io::ErrorKind::PermissionDenied);
        assert!(
            err.to_string().contains("another program has it open")
                && err.to_string().contains("close it there and save again"),
            "{err}"
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("m.vsmap.json");
        std::fs::write(&target, b"old").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_get_ordinary_permissions_and_existing_ones_keep_theirs() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("new.vsmap.json");
        write_atomic(&fresh, b"x").unwrap();
        let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert_ne!(
            mode, 0o600,
            "a new map must be readable like any file the user creates"
        );
        assert_eq!(mode & 0o400, 0o400);
        let kept = dir.path().join("kept.vsmap.json");
        std::fs::write(&kept, b"old").unwrap();
        std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&kept, b"new").unwrap();
        assert_eq!(
            std::fs::metadata(&kept).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[cfg(unix)]
    #[test]
    fn saving_through_a_symlink_writes_its_target_and_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.vsmap.json");
        let link = dir.path().join("link.vsmap.json");
        std::fs::write(&target, b"old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(link.is_symlink(), "the link is still a link");
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }

    #[test]
    fn a_failed_save_reports_and_leaves_everything_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-dir").join("m.vsmap.json");
        assert!(write_atomic(&missing, b"new").is_err());
        // A target that is a folder cannot be replaced by a file: the rename
        // fails, the folder stays, and the temporary file is cleaned up.
        let folder = dir.path().join("taken");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("inside"), b"keep").unwrap();
        assert!(write_atomic(&folder, b"new").is_err());
        assert_eq!(std::fs::read(folder.join("inside")).unwrap(), b"keep");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("taken")]);
    }
}
