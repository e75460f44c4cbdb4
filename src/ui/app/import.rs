//! File ▸ Import: a Backstage catalog (a folder) or a Structurizr workspace
//! (a JSON file) opened as a new map, with the import's report in a dialog.
//!
//! The flow is Open's: the command asks about unsaved changes first, then
//! for the folder or file (or, where no file dialog can be shown, for its
//! path). The open map is replaced only once an import has succeeded; an
//! error (malformed YAML or JSON, a "billion laughs", nothing found) shows
//! the library's message, with the file and line, and leaves it untouched.
//!
//! A Structurizr workspace is imported at both levels as soon as it is
//! chosen, and a small dialog shows what each gives ("Containers: 7
//! services, 9 links") before the user picks one: the level only makes
//! sense once you see what it does to *this* workspace, and the file is
//! read once. Container is preselected: at system level a workspace about
//! one system is a single box.
//!
//! The imported map has no file (Save asks where, suggesting the catalog
//! folder's or the workspace's name) and counts as unsaved, so the
//! unsaved-changes prompt protects it like any edit. Services without a
//! position, or stacked on one point, are placed by [`crate::edit::tidy`].
//!
//! Imports run on the UI thread: inputs are bounded by the importers'
//! limits, and a background thread would add a state to every dialog for
//! no visible gain on catalogs of real size.

use std::collections::BTreeSet;
use std::path::Path;

use crate::analysis::plural;
use crate::io::import::backstage::{self, BackstageOptions};
use crate::io::import::structurizr::{self, Level, StructurizrOptions};
use crate::io::import::{ImportError, ImportReport, Imported, read_import_file};
use crate::ui::state::{CatalogChoice, CatalogOptions, ImportSource, LevelChoice};

/// What an import shows before it opens: a catalog's options, or a
/// workspace's levels.
pub(super) enum Preview {
    /// A catalog, imported with both options off.
    Catalog(Box<CatalogChoice>),
    /// A workspace, imported at both levels.
    Levels(Box<LevelChoice>),
}

/// Imports `source` at `path` for its dialog.
pub(super) fn preview(source: ImportSource, path: &Path) -> Result<Preview, ImportError> {
    Ok(match source {
        ImportSource::Backstage => {
            let options = CatalogOptions::default();
            let imported = import_backstage(path, options)?;
            Preview::Catalog(Box::new(CatalogChoice {
                path: path.to_path_buf(),
                options,
                imported: Ok(imported),
            }))
        }
        ImportSource::Structurizr => {
            Preview::Levels(Box::new(import_structurizr(path, &BTreeSet::new())?))
        }
    })
}

/// Imports the Backstage catalog at `path` (a folder, or one YAML file),
/// naming the map after the catalog's folder.
pub(super) fn import_backstage(
    path: &Path,
    options: CatalogOptions,
) -> Result<Imported, ImportError> {
    let options = BackstageOptions {
        name: catalog_name(path),
        include_libraries: options.include_libraries,
        systems_as_streams: options.systems_as_streams,
    };
    backstage::import_paths(&[path.to_path_buf()], &options)
}

/// The name of the catalog's folder (of a file, the folder it is in).
fn catalog_name(path: &Path) -> Option<String> {
    // "." and "catalog/.." have no name of their own until resolved.
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let folder = if path.is_dir() {
        path.as_path()
    } else {
        path.parent()?
    };
    let name = folder.file_name()?.to_string_lossy().trim().to_string();
    (!name.is_empty()).then_some(name)
}

/// Reads the workspace at `path` once and imports it at both levels,
/// leaving out the elements tagged with one of `excluded`; fails only when
/// neither level can be imported.
pub(super) fn import_structurizr(
    path: &Path,
    excluded: &BTreeSet<String>,
) -> Result<LevelChoice, ImportError> {
    let bytes = read_import_file(path)?;
    let at = |level| {
        let options = StructurizrOptions {
            name: None,
            level,
            exclude_tags: excluded.iter().cloned().collect(),
        };
        structurizr::import_bytes(path, &bytes, &options)
    };
    match (at(Level::Container), at(Level::System)) {
        (Err(e), Err(_)) => Err(e),
        (container, system) => {
            // Both levels read the same elements, so either names the tags.
            let tags = match (&container, &system) {
                (Ok(imported), _) | (_, Ok(imported)) => imported.report.source_tags.clone(),
                _ => Vec::new(),
            };
            Ok(LevelChoice {
                path: path.to_path_buf(),
                tags,
                excluded: excluded.clone(),
                level: if container.is_ok() {
                    Level::Container
                } else {
                    Level::System
                },
                container: container.map_err(|e| e.to_string()),
                system: system.map_err(|e| e.to_string()),
            })
        }
    }
}

impl super::VsmapApp {
    /// Fills the open map's steps with the times of the CSV at `path`, as
    /// one undoable edit; the rows it could not apply are listed in the
    /// report dialog. A file that cannot be read changes nothing.
    pub(super) fn import_timings(&mut self, path: &Path) {
        let map = self.state.doc.map();
        let timings = read_import_file(path)
            .and_then(|bytes| crate::io::import::timings::read_timings(path, &bytes, map));
        let timings = match timings {
            Ok(t) => t,
            Err(e) => {
                self.state.dialogs.error = Some(e.to_string());
                return;
            }
        };
        let edits: Vec<crate::edit::Edit> = timings
            .steps
            .iter()
            .map(|t| {
                crate::edit::Edit::SetStepTimes(
                    t.stream.clone(),
                    t.step,
                    crate::edit::StepTimes {
                        work: t.work,
                        wait: t.wait,
                        complete_accurate: t.complete_accurate,
                    },
                )
            })
            .collect();
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        self.apply_edit(&format!("Import step timings from {name}"), edits, None);
        let summary = format!(
            "Filled {} from {name}; {} skipped",
            plural(timings.steps.len(), "step"),
            plural(timings.skipped.len(), "row")
        );
        self.state.status = summary.clone();
        if !timings.skipped.is_empty() {
            self.state.dialogs.import.report = Some(crate::ui::state::ReportDialog {
                title: "Imported step timings".into(),
                summary,
                text: timings.skipped.join("\n"),
                new_map: false,
            });
        }
    }
}

/// The status line after an import: "Imported 33 entities: 9 teams, 24
/// services, 0 streams; 28 links — 1 unresolved reference".
pub(super) fn summary(report: &ImportReport) -> String {
    let entities = report.teams + report.services + report.streams;
    let unresolved = match report.issues.len() {
        0 => "every reference resolved".to_string(),
        n => plural(n, "unresolved reference"),
    };
    format!(
        "Imported {} {}: {}, {}, {}; {} — {unresolved}",
        entities,
        if entities == 1 { "entity" } else { "entities" },
        plural(report.teams, "team"),
        plural(report.services, "service"),
        plural(report.streams, "stream"),
        plural(report.links, "link"),
    )
}
