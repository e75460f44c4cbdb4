//! Finding a catalog's files: the YAML files named, and those in the folders
//! named, searched recursively.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::io::import::error::{ImportError, MAX_IMPORT_FILES};

/// The YAML files at `paths`, sorted and without repeats: a path that is a
/// file is taken whatever its name; a folder is searched recursively for
/// `*.yaml` and `*.yml`, leaving out hidden entries (`.git`) and
/// `node_modules`, and not following links to folders (which could loop).
pub fn find_catalog_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ImportError> {
    let mut found = BTreeSet::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| ImportError::Io {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            walk(path, &mut found, 0)?;
        } else {
            found.insert(path.clone());
        }
        if found.len() > MAX_IMPORT_FILES {
            return Err(ImportError::TooManyFiles);
        }
    }
    if found.is_empty() {
        return Err(ImportError::NothingFound {
            what: "*.yaml or *.yml files",
            paths: paths.to_vec(),
        });
    }
    Ok(found.into_iter().collect())
}

/// Folders nested deeper than this are not searched.
const MAX_FOLDER_DEPTH: usize = 64;

/// Adds the YAML files under `dir` to `found`, `depth` folders down.
fn walk(dir: &Path, found: &mut BTreeSet<PathBuf>, depth: usize) -> Result<(), ImportError> {
    if depth > MAX_FOLDER_DEPTH {
        return Ok(());
    }
    let io = |source| ImportError::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "node_modules" {
            continue;
        }
        let path = entry.path();
        let file_type = entry.file_type().map_err(io)?;
        if file_type.is_dir() {
            walk(&path, found, depth + 1)?;
        } else if (name.ends_with(".yaml") || name.ends_with(".yml"))
            // A link is taken when it leads to a file, never followed into a folder.
            && std::fs::metadata(&path).is_ok_and(|m| m.is_file())
        {
            found.insert(path);
            if found.len() > MAX_IMPORT_FILES {
                return Err(ImportError::TooManyFiles);
            }
        }
    }
    Ok(())
}
