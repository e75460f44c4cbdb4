//! Importing a Backstage software catalog: `catalog-info.yaml` files (any
//! number of YAML documents each) into teams, services, links and,
//! optionally, draft streams.
//!
//! | Backstage | vsmap |
//! |---|---|
//! | `Group` | team: name from `metadata.title`, `spec.profile.displayName` or `metadata.name`; type from `spec.type` ([`team_type`]); members counted from `spec.members` and the users whose `spec.memberOf` names it |
//! | `Component` | service: `spec.type` `website` (or `frontend`, `web`, `mobile`, `mobile-app`) → frontend, `gateway` / `api-gateway` → gateway, `legacy` → legacy, anything else → service; `library` is skipped unless asked for; `spec.owner` → owner |
//! | `Resource` of `spec.type` `database` (or `db`, `datastore`) | datastore service; other resources are skipped |
//! | `spec.dependsOn` | `sync` link to a component, `data` link to a datastore (`spec.dependencyOf` the same, reversed) |
//! | `spec.consumesApis` / `spec.providesApis` | `sync` link from each consumer to each provider of the API, labelled with the API's name |
//! | `System` | with `systems_as_streams`, a draft stream of its components in dependency order, owned by the system's owner; else skipped |
//! | `User` | not on the map; an owner `user:x` means the first group in the user's `spec.memberOf` |
//! | anything else (`Domain`, `Location`, `Template`, …) | skipped |
//!
//! Entity references are read as Backstage reads them: `[kind:][namespace/]name`,
//! the namespace defaulting to the referring entity's own (normally
//! `default`), kind, namespace and name compared case-insensitively. Where a
//! field has no default kind (`dependsOn`), a bare name is looked up among
//! components, then resources, then APIs.
//!
//! The entry points are here; the work is split by stage, each file
//! importing only the stages it builds on: `discover` finds the files, `entity` and
//! `catalog` read entities and look references up, `roles` decides what
//! each becomes and its id, `owners`, `links` and `streams` resolve the
//! relations, `build` puts the map together, and `notes` collects what the
//! report says besides the map.

mod build;
mod catalog;
mod discover;
mod entity;
mod links;
mod notes;
mod options;
mod org_units;
mod owners;
mod roles;
mod streams;

use std::path::PathBuf;

pub use build::{component_kind, team_type};
pub use discover::find_catalog_files;
pub use options::BackstageOptions;

use crate::io::import::assemble::finish;
use crate::io::import::error::{ImportError, MAX_IMPORT_ENTITIES};
use crate::io::import::read::read_import_file;
use crate::io::import::report::{ImportReport, Imported, Skipped};
use crate::io::import::yaml::{Node, YamlError, load_documents};
use catalog::Catalog;
use notes::Notes;

/// One catalog file's content, for importing what is already in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogFile {
    /// Where it came from; names the file in messages and decides the order
    /// files are read in.
    pub path: PathBuf,
    /// Its bytes (UTF-8 YAML, any number of documents).
    pub bytes: Vec<u8>,
}

/// Finds, reads and imports the catalog at `paths`: YAML files, or folders
/// searched recursively for `*.yaml` and `*.yml` (see [`find_catalog_files`]).
pub fn import_paths(
    paths: &[PathBuf],
    options: &BackstageOptions,
) -> Result<Imported, ImportError> {
    let files = find_catalog_files(paths)?;
    let sources = files
        .into_iter()
        .map(|path| {
            let bytes = read_import_file(&path)?;
            Ok(CatalogFile { path, bytes })
        })
        .collect::<Result<Vec<_>, ImportError>>()?;
    import_files(&sources, options)
}

/// Imports catalog files already read. Files are taken in path order (a
/// path given twice is read once), so the result does not depend on the
/// order of `files`.
pub fn import_files(
    files: &[CatalogFile],
    options: &BackstageOptions,
) -> Result<Imported, ImportError> {
    let mut sorted: Vec<&CatalogFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    sorted.dedup_by(|a, b| a.path == b.path);

    let mut documents = Vec::with_capacity(sorted.len());
    for file in &sorted {
        let nodes = load_documents(&file.bytes).map_err(|e| match e {
            YamlError::Syntax { location, message } => ImportError::Malformed {
                path: file.path.clone(),
                location,
                message: format!("malformed YAML: {message}"),
            },
            YamlError::Expansion { limit } => ImportError::AliasExpansion {
                path: file.path.clone(),
                limit,
            },
        })?;
        documents.push((file.path.as_path(), nodes));
    }
    let mut catalog = Catalog::default();
    let mut notes = Notes::default();
    for (path, nodes) in &documents {
        // Backstage's entities API answers with a JSON array of entities:
        // a document that is a list holds entities, numbered in order.
        let entities: Vec<&Node> = nodes
            .iter()
            .flat_map(|node| match node {
                Node::Seq(items) => items.iter().collect(),
                other => vec![other],
            })
            .collect();
        for (i, node) in entities.into_iter().enumerate() {
            catalog.add(&mut notes, path, i + 1, node);
            if catalog.entities.len() > MAX_IMPORT_ENTITIES {
                return Err(ImportError::TooManyEntities);
            }
        }
    }
    let map = catalog.build(options, &mut notes);
    let report = ImportReport {
        source: "Backstage catalog".into(),
        files: sorted.len(),
        skipped: notes
            .skipped
            .into_iter()
            .map(|((kind, reason), entities)| Skipped {
                kind,
                reason,
                entities,
            })
            .collect(),
        issues: notes.issues,
        duplicates: notes.duplicates,
        remarks: if notes.subcomponents > 0 {
            std::iter::once(format!(
                "{} tied to {} parent: a link from the parent labelled \"subcomponent\", and the parent's team as owner where none is named.",
                crate::analysis::plural(notes.subcomponents, "subcomponent"),
                if notes.subcomponents == 1 {
                    "its"
                } else {
                    "their"
                }
            ))
            .chain(notes.remarks)
            .collect()
        } else {
            notes.remarks
        },
        ..ImportReport::default()
    };
    finish(map, report)
}

#[cfg(test)]
mod tests;
