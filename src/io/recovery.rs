//! Recovery copies of unsaved maps, so that a crash (the process killed, the
//! machine off, a panic) loses at most the last autosave interval.
//!
//! Each running editor is a [`Session`] in a recovery folder in the user's
//! data folder (never next to the user's own file): while its map has
//! unsaved changes it keeps `session-ID.vsmap.json`, an ordinary canonical
//! map that `vsmap` itself can open, and `session-ID.meta.json`, which says
//! which file the changes belong to and when they were written. A third file,
//! `session-ID.lock`, is held locked for as long as the session runs; the
//! operating system releases the lock when the process ends, however it
//! ends, so at start-up a copy whose lock can be taken belongs to an editor
//! that is gone ([`RecoveryStore::orphans`]). Two windows therefore never
//! write each other's copies, and one never offers another's live work.
//!
//! A clean exit removes its session's files ([`Session::end`]).
//!
//! [`CrashGuard`] holds the latest unsaved map where a panic hook can reach
//! it, so that a panic writes the map before the process goes.

use std::collections::BTreeSet;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, TryLockError};

use super::atomic::write_atomic;
use super::format::to_canonical_json;
use super::load::{LoadError, load_file};
use super::read::read_limited;
use super::stamp::FileStamp;
use crate::model::Map;

/// Environment variable naming the data folder to use instead of the
/// platform's (recovery copies go to its `recovery` subfolder). For tests,
/// and for running several independent editors side by side.
pub const DATA_DIR_ENV: &str = "VSMAP_DATA_DIR";

/// Most recovery copies offered at start-up; a folder filled by something
/// else must not flood the editor with prompts.
pub const MAX_OFFERED: usize = 20;

/// Most folder entries looked at when searching for recovery copies.
const MAX_DIR_ENTRIES: usize = 10_000;

/// Where a copy whose lock cannot be examined (a file system without locks)
/// is taken for abandoned, on systems without `/proc`: it is older than this.
const STALE_WITHOUT_LOCKS: std::time::Duration = std::time::Duration::from_secs(10 * 60);

const PREFIX: &str = "session-";
const MAP_SUFFIX: &str = ".vsmap.json";
const META_SUFFIX: &str = ".meta.json";
const LOCK_SUFFIX: &str = ".lock";
const META_FORMAT: &str = "vsmap-recovery";

/// The recovery folder: `$VSMAP_DATA_DIR/recovery` if that is set, else the
/// platform's data folder for vsmap plus `recovery` (Linux
/// `$XDG_DATA_HOME/vsmap` or `~/.local/share/vsmap`; macOS
/// `~/Library/Application Support/vsmap`; Windows `%APPDATA%\vsmap\data`).
/// `None` where the platform names no home folder.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("recovery"));
    }
    directories::ProjectDirs::from("", "", "vsmap").map(|d| d.data_dir().join("recovery"))
}

/// What a recovery copy is taken from: the unsaved map and the file it
/// belongs to.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The map with its unsaved changes.
    pub map: Map,
    /// The user's file the changes belong to (`None`: never saved).
    pub original: Option<PathBuf>,
    /// That file as it was when opened or last saved, so that restoring and
    /// saving can tell whether it changed on disk since.
    pub original_stamp: Option<FileStamp>,
}

/// The sidecar of a recovery copy.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Meta {
    format: String,
    pid: u32,
    /// RFC 3339.
    saved_at: String,
    name: String,
    /// `None` also for a path that is not valid UTF-8 (JSON cannot hold it):
    /// such a copy is restored as a map never saved, and asks where to go.
    #[serde(default)]
    original: Option<String>,
    #[serde(default)]
    original_stamp: Option<FileStamp>,
}

/// A recovery copy left by an editor that is no longer running.
#[derive(Debug, Clone)]
pub struct RecoveryEntry {
    /// The copy: a canonical map file.
    pub file: PathBuf,
    /// The user's file the changes belong to (`None`: never saved, or unknown).
    pub original: Option<PathBuf>,
    /// That file as the crashed editor last knew it.
    pub original_stamp: Option<FileStamp>,
    /// The map's name.
    pub name: String,
    /// When the copy was written.
    pub saved_at: jiff::Timestamp,
    /// The process that wrote it, if known.
    pub pid: Option<u32>,
    id: String,
    /// The dead session's lock, held while the copy is offered so that a
    /// second editor starting at the same moment does not offer it too.
    _claim: Option<Arc<File>>,
}

impl RecoveryEntry {
    /// When the copy was written, in local time ("2026-11-24 14:32").
    pub fn saved_at_local(&self) -> String {
        self.saved_at
            .to_zoned(jiff::tz::TimeZone::system())
            .strftime("%Y-%m-%d %H:%M")
            .to_string()
    }

    /// Loads the copied map (with the same limits and checks as any file).
    pub fn load(&self) -> Result<Map, LoadError> {
        load_file(&self.file)
    }
}

/// The folder holding recovery copies.
#[derive(Debug, Clone)]
pub struct RecoveryStore {
    dir: PathBuf,
}

impl RecoveryStore {
    /// A store in `dir` (created when the first session starts).
    pub fn new(dir: impl Into<PathBuf>) -> RecoveryStore {
        RecoveryStore { dir: dir.into() }
    }

    /// The store in [`default_dir`].
    pub fn from_env() -> Option<RecoveryStore> {
        default_dir().map(RecoveryStore::new)
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, id: &str, suffix: &str) -> PathBuf {
        self.dir.join(format!("{PREFIX}{id}{suffix}"))
    }

    /// Starts this process's session: creates the folder and takes the
    /// session's lock.
    pub fn start_session(&self) -> io::Result<Session> {
        std::fs::create_dir_all(&self.dir)?;
        let pid = std::process::id();
        // The pid alone may be reused after a reboot; the time makes the id
        // unique, and tells sessions of one process (tests) apart.
        let nanos = jiff::Timestamp::now().as_nanosecond();
        let mut n = 0u32;
        loop {
            let id = if n == 0 {
                format!("{pid}-{nanos:x}")
            } else {
                format!("{pid}-{nanos:x}-{n}")
            };
            let lock_path = self.path(&id, LOCK_SUFFIX);
            match File::options()
                .read(true)
                .write(true)
                .create_new(true)
                .open(&lock_path)
            {
                Ok(lock) => {
                    // A file system without locks still gets recovery copies;
                    // `orphans` then falls back on the process id and age.
                    let _ = lock.try_lock();
                    return Ok(Session {
                        store: self.clone(),
                        id,
                        _lock: lock,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 100 => n += 1,
                Err(e) => return Err(e),
            }
        }
    }

    /// The copies of editors that are no longer running, newest first, at
    /// most [`MAX_OFFERED`]. Leftovers of dead sessions with nothing to
    /// recover are removed on the way. Unreadable entries are skipped.
    pub fn orphans(&self) -> Vec<RecoveryEntry> {
        let Ok(read) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let ids: BTreeSet<String> = read
            .take(MAX_DIR_ENTRIES)
            .flatten()
            .filter_map(|e| {
                e.file_name()
                    .to_str()
                    .and_then(session_id)
                    .map(String::from)
            })
            .collect();
        let mut out = Vec::new();
        for id in ids {
            let lock_path = self.path(&id, LOCK_SUFFIX);
            let claim = match File::options().read(true).write(true).open(&lock_path) {
                Ok(lock) => match lock.try_lock() {
                    Ok(()) => Some(Arc::new(lock)),
                    Err(std::fs::TryLockError::WouldBlock) => continue, // a running editor
                    Err(std::fs::TryLockError::Error(_)) => {
                        let meta = read_meta(&self.path(&id, META_SUFFIX));
                        if !dead_without_locks(meta.as_ref()) {
                            continue;
                        }
                        None
                    }
                },
                Err(e) if e.kind() == io::ErrorKind::NotFound => None,
                Err(_) => continue,
            };
            let file = self.path(&id, MAP_SUFFIX);
            if !file.is_file() {
                // A dead session that had nothing unsaved.
                let _ = std::fs::remove_file(self.path(&id, META_SUFFIX));
                let _ = std::fs::remove_file(&lock_path);
                continue;
            }
            let meta = read_meta(&self.path(&id, META_SUFFIX));
            let saved_at = meta
                .as_ref()
                .and_then(|m| m.saved_at.parse().ok())
                .or_else(|| {
                    let modified = std::fs::metadata(&file).ok()?.modified().ok()?;
                    jiff::Timestamp::try_from(modified).ok()
                })
                .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
            let entry = match meta {
                Some(m) => RecoveryEntry {
                    file,
                    original: m.original.map(PathBuf::from),
                    original_stamp: m.original_stamp,
                    name: m.name,
                    saved_at,
                    pid: Some(m.pid),
                    id,
                    _claim: claim,
                },
                // Killed between writing the copy and its sidecar: the copy
                // is still worth offering.
                None => RecoveryEntry {
                    file,
                    original: None,
                    original_stamp: None,
                    name: "an unsaved map".into(),
                    saved_at,
                    pid: None,
                    id,
                    _claim: claim,
                },
            };
            out.push(entry);
        }
        out.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then_with(|| a.id.cmp(&b.id)));
        out.truncate(MAX_OFFERED);
        out
    }

    /// Deletes a recovery copy with its sidecar and lock.
    pub fn remove(&self, entry: &RecoveryEntry) -> io::Result<()> {
        remove_if_present(&entry.file)?;
        remove_if_present(&self.path(&entry.id, META_SUFFIX))?;
        remove_if_present(&self.path(&entry.id, LOCK_SUFFIX))
    }
}

/// The session id in a recovery folder entry's name, if it is one of ours.
fn session_id(name: &str) -> Option<&str> {
    let rest = name.strip_prefix(PREFIX)?;
    let id = [MAP_SUFFIX, META_SUFFIX, LOCK_SUFFIX]
        .iter()
        .find_map(|suffix| rest.strip_suffix(suffix))?;
    let valid =
        !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-');
    valid.then_some(id)
}

fn read_meta(path: &Path) -> Option<Meta> {
    let bytes = read_limited(path).ok()?;
    let meta: Meta = serde_json::from_slice(&bytes).ok()?;
    (meta.format == META_FORMAT).then_some(meta)
}

/// Whether a session whose lock cannot be examined is gone: on Linux, its
/// process is not running; elsewhere, its copy is older than
/// [`STALE_WITHOUT_LOCKS`] (an editor left alone with unsaved changes for
/// longer may then be offered to another one: it keeps its own copy).
fn dead_without_locks(meta: Option<&Meta>) -> bool {
    let Some(meta) = meta else {
        return true;
    };
    if cfg!(target_os = "linux") {
        return !Path::new(&format!("/proc/{}", meta.pid)).exists();
    }
    meta.saved_at
        .parse::<jiff::Timestamp>()
        .ok()
        .and_then(|t| jiff::Timestamp::now().duration_since(t).try_into().ok())
        .is_none_or(|age: std::time::Duration| age > STALE_WITHOUT_LOCKS)
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// This process's place in the recovery folder. Dropping it (a panic, a
/// kill) leaves its copy for the next start; [`Session::end`] removes it.
#[derive(Debug)]
pub struct Session {
    store: RecoveryStore,
    id: String,
    _lock: File,
}

impl Session {
    /// The store the session is in.
    pub fn store(&self) -> &RecoveryStore {
        &self.store
    }

    /// The session's recovery copy (present only while there is one).
    pub fn map_file(&self) -> PathBuf {
        self.store.path(&self.id, MAP_SUFFIX)
    }

    fn meta_file(&self) -> PathBuf {
        self.store.path(&self.id, META_SUFFIX)
    }

    /// Writes the recovery copy of `snapshot`, atomically: the copy first,
    /// then its sidecar. Refuses to write over the user's own file.
    pub fn write(&self, snapshot: &Snapshot, now: jiff::Timestamp) -> io::Result<PathBuf> {
        let file = self.map_file();
        if let Some(original) = &snapshot.original
            && same_file(original, &file)
        {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the map is open from the recovery copy itself; save it elsewhere",
            ));
        }
        write_atomic(&file, to_canonical_json(&snapshot.map).as_bytes())?;
        let meta = Meta {
            format: META_FORMAT.into(),
            pid: std::process::id(),
            saved_at: now.to_string(),
            name: snapshot.map.name.clone(),
            original: snapshot
                .original
                .as_ref()
                .and_then(|p| p.to_str().map(String::from)),
            original_stamp: snapshot.original_stamp.clone(),
        };
        let json = serde_json::to_vec_pretty(&meta).map_err(io::Error::other)?;
        write_atomic(&self.meta_file(), &json)?;
        Ok(file)
    }

    /// Removes the recovery copy (the map was saved, or its changes undone).
    pub fn clear(&self) -> io::Result<()> {
        remove_if_present(&self.map_file())?;
        remove_if_present(&self.meta_file())
    }

    /// A clean exit: removes the copy, its sidecar and the lock file.
    pub fn end(&self) -> io::Result<()> {
        self.clear()?;
        remove_if_present(&self.store.path(&self.id, LOCK_SUFFIX))
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (a.canonicalize(), b.canonicalize()),
            (Ok(x), Ok(y)) if x == y
        )
}

struct Shared {
    session: Session,
    snapshot: Mutex<Option<Snapshot>>,
    panicked: AtomicBool,
}

/// The unsaved map, kept where a panic hook can write it. The app updates it
/// after every change while there are unsaved changes; autosave and the hook
/// write it through the same [`Session`].
#[derive(Clone)]
pub struct CrashGuard {
    shared: Arc<Shared>,
}

impl CrashGuard {
    /// A guard writing into `session`.
    pub fn new(session: Session) -> CrashGuard {
        CrashGuard {
            shared: Arc::new(Shared {
                session,
                snapshot: Mutex::new(None),
                panicked: AtomicBool::new(false),
            }),
        }
    }

    /// The session written to.
    pub fn session(&self) -> &Session {
        &self.shared.session
    }

    /// Replaces the snapshot (`None`: nothing unsaved).
    pub fn set(&self, snapshot: Option<Snapshot>) {
        // A panic while the lock was held left the snapshot whole (it is
        // only ever replaced): poisoning does not matter here.
        *self
            .shared
            .snapshot
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = snapshot;
    }

    /// Writes the snapshot now, if there is one; returns the copy's path.
    pub fn write(&self) -> io::Result<Option<PathBuf>> {
        let snapshot = self
            .shared
            .snapshot
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match snapshot.as_ref() {
            Some(s) => self
                .shared
                .session
                .write(s, jiff::Timestamp::now())
                .map(Some),
            None => Ok(None),
        }
    }

    /// Drops the snapshot and removes the recovery copy.
    pub fn clear(&self) -> io::Result<()> {
        self.set(None);
        self.shared.session.clear()
    }

    /// What the panic hook calls: writes the snapshot without ever waiting
    /// for the lock (a panic while it is held, on this thread, would
    /// deadlock), and marks the session so that no clean exit removes the
    /// copy afterwards. Returns the copy and the map's name when written.
    pub fn write_for_panic(&self) -> Option<(PathBuf, String)> {
        self.shared.panicked.store(true, Ordering::SeqCst);
        let snapshot = match self.shared.snapshot.try_lock() {
            Ok(guard) => guard,
            Err(TryLockError::Poisoned(p)) => p.into_inner(),
            // Held: the panic struck while the snapshot was being replaced
            // or written, and the previous autosave is what there is.
            Err(TryLockError::WouldBlock) => return None,
        };
        let s = snapshot.as_ref()?;
        self.shared
            .session
            .write(s, jiff::Timestamp::now())
            .ok()
            .map(|file| (file, s.map.name.clone()))
    }

    /// Whether a panic has been seen (its copy must outlive the process).
    pub fn panicked(&self) -> bool {
        self.shared.panicked.load(Ordering::SeqCst)
    }

    /// A clean exit: removes the session's files, unless a panic left a copy
    /// to recover.
    pub fn end(&self) -> io::Result<()> {
        if self.panicked() {
            return Ok(());
        }
        self.set(None);
        self.shared.session.end()
    }

    /// Installs a panic hook that first writes the snapshot, says where, and
    /// then runs the hook that was installed before (which prints the panic).
    pub fn install_panic_hook(&self) {
        let guard = self.clone();
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if let Some((file, name)) = guard.write_for_panic() {
                eprintln!(
                    "vsmap: the unsaved changes to \"{}\" were written to {}; the next start offers to restore them.",
                    crate::model::limits::shorten(&name, 80),
                    file.display()
                );
            }
            previous(info);
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(name: &str) -> Map {
        Map {
            name: name.into(),
            ..Default::default()
        }
    }

    fn snapshot(name: &str, original: Option<&Path>) -> Snapshot {
        Snapshot {
            map: map(name),
            original: original.map(Path::to_path_buf),
            original_stamp: None,
        }
    }

    #[test]
    fn a_running_sessions_copy_is_not_offered_and_a_dead_ones_is() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path().join("recovery"));
        let original = dir.path().join("mine.vsmap.json");
        let alive = store.start_session().unwrap();
        let file = alive
            .write(&snapshot("Mine", Some(&original)), jiff::Timestamp::now())
            .unwrap();
        assert!(file.starts_with(store.dir()));
        assert!(!original.exists(), "never written over the user's file");
        assert!(
            store.orphans().is_empty(),
            "the copy of a running editor is its own"
        );

        // Dropping the session is what a kill does: the lock goes, the copy stays.
        drop(alive);
        let orphans = store.orphans();
        assert_eq!(orphans.len(), 1);
        let entry = &orphans[0];
        assert_eq!(entry.name, "Mine");
        assert_eq!(entry.original.as_deref(), Some(original.as_path()));
        assert_eq!(entry.pid, Some(std::process::id()));
        assert_eq!(entry.load().unwrap().name, "Mine");
        store.remove(entry).unwrap();
        let left: Vec<_> = std::fs::read_dir(store.dir()).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn orphans_come_newest_first_and_a_clean_end_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path());
        let t0: jiff::Timestamp = "2026-11-24T10:00:00Z".parse().unwrap();
        for (i, name) in ["old", "new", "middle"].into_iter().enumerate() {
            let s = store.start_session().unwrap();
            let at = t0 + jiff::SignedDuration::from_mins([0, 20, 10][i]);
            s.write(&snapshot(name, None), at).unwrap();
        }
        let names: Vec<String> = store.orphans().into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["new", "middle", "old"]);

        let clean = store.start_session().unwrap();
        clean.write(&snapshot("x", None), t0).unwrap();
        clean.end().unwrap();
        drop(clean);
        assert_eq!(store.orphans().len(), 3, "a clean exit leaves no copy");
    }

    #[test]
    fn a_session_that_died_with_nothing_unsaved_is_tidied_away() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path());
        let s = store.start_session().unwrap();
        s.write(&snapshot("x", None), jiff::Timestamp::now())
            .unwrap();
        s.clear().unwrap();
        drop(s);
        assert!(store.orphans().is_empty());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_copy_without_its_sidecar_is_still_offered() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path());
        let s = store.start_session().unwrap();
        s.write(&snapshot("Half", None), jiff::Timestamp::now())
            .unwrap();
        std::fs::remove_file(s.meta_file()).unwrap();
        drop(s);
        let orphans = store.orphans();
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphans[0].load().unwrap().name, "Half");
        assert!(
            store.orphans().is_empty(),
            "while offered, the copy is claimed: a second editor does not offer it too"
        );
        drop(orphans);
        // Files that are not ours are left alone.
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        std::fs::write(dir.path().join("session-XYZ.lock"), "x").unwrap();
        assert_eq!(store.orphans().len(), 1);
    }

    #[test]
    fn the_recovery_copy_is_never_the_users_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path());
        let s = store.start_session().unwrap();
        let own = s.map_file();
        assert!(
            s.write(&snapshot("x", Some(&own)), jiff::Timestamp::now())
                .is_err()
        );
    }

    #[test]
    fn a_panic_writes_the_unsaved_map_before_the_previous_hook_runs() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path());
        let guard = CrashGuard::new(store.start_session().unwrap());
        guard.set(Some(snapshot("Unsaved work", None)));
        guard.install_panic_hook();
        let result = std::panic::catch_unwind(|| panic!("a bug in the UI"));
        // Put the default hook back (this drops ours and the one it chained),
        // so no later test's panic writes into this test's folder.
        drop(std::panic::take_hook());
        assert!(result.is_err());
        assert!(guard.panicked());
        let copy = guard.session().map_file();
        assert_eq!(
            crate::io::load_file(&copy).unwrap().name,
            "Unsaved work",
            "the hook wrote the map"
        );
        guard.end().unwrap();
        assert!(copy.exists(), "after a panic, the copy outlives the exit");
    }

    #[test]
    fn the_panic_hook_never_waits_for_the_snapshot_lock() {
        let dir = tempfile::tempdir().unwrap();
        let guard = CrashGuard::new(RecoveryStore::new(dir.path()).start_session().unwrap());
        guard.set(Some(snapshot("x", None)));
        let held = guard.shared.snapshot.lock().unwrap();
        assert_eq!(guard.write_for_panic(), None);
        drop(held);
        assert!(guard.write_for_panic().is_some());
    }
}
