//! A map's history in git: each commit that changed the file (following
//! renames that kept the content), newest first, with the map's findings
//! and flow figures at that version, so a quarterly review sees whether the
//! architecture drifts.
//!
//! The repository is read with `gix`, not by running `git`. A version that
//! does not load is listed with its error. Versions with the same content
//! (a revert) are analysed once.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Serialize;

use crate::analysis::{analyze_on, count_by_severity};

/// Why the history cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// The file is in no git repository.
    #[error("{}: not in a git repository", .0.display())]
    NotInRepository(PathBuf),
    /// `--since` names nothing the repository knows.
    #[error("unknown revision {0:?}")]
    UnknownRevision(String),
    /// The repository could not be read.
    #[error("{}: cannot read the repository: {message}", path.display())]
    Repository {
        /// The file asked about.
        path: PathBuf,
        /// What gix said.
        message: String,
    },
}

/// One stream at one version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StreamAt {
    /// Its id.
    pub id: String,
    /// Teams an end-to-end change involves.
    pub teams: usize,
    /// Handoffs between teams.
    pub handoffs: usize,
    /// Lead time in minutes, where the steps are timed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_time_minutes: Option<u64>,
}

/// The map at one commit that changed it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Version {
    /// The commit, in hex.
    pub commit: String,
    /// The commit's day (the committer's time, in its own offset), YYYY-MM-DD.
    pub date: String,
    /// The author's name.
    pub author: String,
    /// The first line of the message.
    pub subject: String,
    /// The file's path at this commit (renames change it).
    pub path: String,
    /// Findings by severity (allowed ones left out): error, warning, info.
    pub counts: BTreeMap<&'static str, usize>,
    /// Findings by rule (allowed ones left out).
    pub rules: BTreeMap<&'static str, usize>,
    /// Each stream's figures.
    pub streams: Vec<StreamAt>,
    /// Why this version does not load, if it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// What a version's analysis gives (kept per blob).
#[derive(Clone)]
struct Analysed {
    counts: BTreeMap<&'static str, usize>,
    rules: BTreeMap<&'static str, usize>,
    streams: Vec<StreamAt>,
    error: Option<String>,
}

fn analyse(bytes: &[u8], today: Date) -> Analysed {
    // As on disk, a version of 64 MiB or more is refused unread.
    let parsed = if bytes.len() as u64 >= crate::io::MAX_FILE_BYTES {
        Err(format!(
            "the file is {} bytes; files of 64 MiB or more are refused",
            bytes.len()
        ))
    } else {
        crate::io::from_json(bytes).map_err(|e| e.to_string())
    };
    match parsed {
        Err(e) => Analysed {
            counts: BTreeMap::new(),
            rules: BTreeMap::new(),
            streams: Vec::new(),
            error: Some(e),
        },
        Ok(map) => {
            let findings = analyze_on(&map, today);
            let c = count_by_severity(&findings);
            let counts = BTreeMap::from([("error", c[0]), ("warning", c[1]), ("info", c[2])]);
            let mut rules = BTreeMap::new();
            for f in findings.iter().filter(|f| !f.allowed) {
                *rules.entry(f.rule).or_default() += 1;
            }
            let figures = crate::analysis::flow::all_flow_figures(&map, &findings);
            let mut streams: Vec<StreamAt> = map
                .streams
                .iter()
                .zip(figures)
                .map(|(k, f)| StreamAt {
                    id: k.id.to_string(),
                    teams: f.teams,
                    handoffs: f.handoffs,
                    lead_time_minutes: f.is_measured().then_some(f.lead_time_minutes),
                })
                .collect();
            streams.sort_by(|a, b| a.id.cmp(&b.id));
            Analysed {
                counts,
                rules,
                streams,
                error: None,
            }
        }
    }
}

/// The repository `file` is in.
fn discover(file: &Path) -> Result<gix::Repository, HistoryError> {
    let absolute = std::path::absolute(file).map_err(|e| repo_error(file, &e))?;
    let dir = absolute.parent().unwrap_or(Path::new("/"));
    gix::discover(dir).map_err(|_| HistoryError::NotInRepository(file.to_path_buf()))
}

/// What the repository said, about `file`.
fn repo_error(file: &Path, e: &dyn std::fmt::Display) -> HistoryError {
    HistoryError::Repository {
        path: file.to_path_buf(),
        message: e.to_string(),
    }
}

/// The map `file` was at `commit`, under `path` (a [`Version`]'s): what
/// "Compare with this revision" opens as Before.
pub fn map_at(file: &Path, commit: &str, path: &str) -> Result<crate::model::Map, HistoryError> {
    let repo_error = |e: &dyn std::fmt::Display| repo_error(file, e);
    let repo = discover(file)?;
    let id = repo
        .rev_parse_single(commit)
        .map_err(|_| HistoryError::UnknownRevision(commit.to_string()))?;
    let commit = id
        .object()
        .map_err(|e| repo_error(&e))?
        .try_into_commit()
        .map_err(|e| repo_error(&e))?;
    let tree = commit.tree().map_err(|e| repo_error(&e))?;
    let entry = tree
        .lookup_entry_by_path(path)
        .map_err(|e| repo_error(&e))?
        .ok_or_else(|| repo_error(&format!("{path} is not in that commit")))?;
    let object = entry.object().map_err(|e| repo_error(&e))?;
    crate::io::from_json(&object.data)
        .map_err(|e| repo_error(&format!("{path} at {commit}: {e}", commit = id)))
}

/// The versions of `file` newest first, back to (not including) `since`.
pub fn history(
    file: &Path,
    since: Option<&str>,
    today: Date,
) -> Result<Vec<Version>, HistoryError> {
    let repo_error = |e: &dyn std::fmt::Display| repo_error(file, e);
    let repo = discover(file)?;
    let absolute = std::path::absolute(file).map_err(|e| repo_error(&e))?;
    let dir = absolute.parent().unwrap_or(Path::new("/"));
    let workdir = repo
        .workdir()
        .ok_or_else(|| HistoryError::NotInRepository(file.to_path_buf()))?;
    let workdir = workdir.canonicalize().map_err(|e| repo_error(&e))?;
    let canonical = dir
        .canonicalize()
        .map_err(|e| repo_error(&e))?
        .join(absolute.file_name().unwrap_or_default());
    let relative = canonical
        .strip_prefix(&workdir)
        .map_err(|_| HistoryError::NotInRepository(file.to_path_buf()))?;
    let mut path = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    let stop = match since {
        Some(rev) => Some(
            repo.rev_parse_single(rev)
                .map_err(|_| HistoryError::UnknownRevision(rev.to_string()))?
                .detach(),
        ),
        None => None,
    };
    let head = repo.head_commit().map_err(|e| repo_error(&e))?;
    let walk = repo
        .rev_walk([head.id])
        .first_parent_only()
        .all()
        .map_err(|e| repo_error(&e))?;
    let blob_at = |commit: &gix::Commit<'_>, path: &str| -> Option<gix::ObjectId> {
        let tree = commit.tree().ok()?;
        let entry = tree.lookup_entry_by_path(path).ok()??;
        entry.mode().is_blob().then(|| entry.object_id())
    };
    let mut cache: HashMap<gix::ObjectId, Analysed> = HashMap::new();
    let mut versions = Vec::new();
    for info in walk {
        let info = info.map_err(|e| repo_error(&e))?;
        if Some(info.id) == stop {
            break;
        }
        let commit = info.object().map_err(|e| repo_error(&e))?;
        let Some(blob) = blob_at(&commit, &path) else {
            continue;
        };
        let parent = commit
            .parent_ids()
            .next()
            .and_then(|id| id.object().ok())
            .map(|o| o.into_commit());
        let before = parent.as_ref().and_then(|p| blob_at(p, &path));
        if before == Some(blob) {
            continue;
        }
        let analysed = match cache.get(&blob) {
            Some(a) => a.clone(),
            None => {
                let object = repo.find_object(blob).map_err(|e| repo_error(&e))?;
                let a = analyse(&object.data, today);
                cache.insert(blob, a.clone());
                a
            }
        };
        let author = commit
            .author()
            .map(|a| a.name.to_string())
            .unwrap_or_default();
        let subject = commit
            .message()
            .map(|m| m.summary().to_string())
            .unwrap_or_default();
        let date = commit
            .time()
            .ok()
            .and_then(|t| jiff::Timestamp::from_second(t.seconds + i64::from(t.offset)).ok())
            .map(|ts| ts.to_zoned(jiff::tz::TimeZone::UTC).date().to_string())
            .unwrap_or_default();
        versions.push(Version {
            commit: info.id.to_string(),
            date,
            author,
            subject,
            path: path.clone(),
            counts: analysed.counts,
            rules: analysed.rules,
            streams: analysed.streams,
            error: analysed.error,
        });
        // Added at this commit: was it renamed from a file with the same content?
        if before.is_none()
            && let Some(parent) = &parent
            && let Ok(tree) = parent.tree()
            && let Ok(files) = tree.traverse().breadthfirst.files()
            && let Some(from) = files.iter().find(|f| f.oid == blob)
        {
            path = from.filepath.to_string();
        }
    }
    Ok(versions)
}
