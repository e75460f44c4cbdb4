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
//! position are laid out as lanes ([`crate::edit::arrange::arrange_unplaced`]).
//!
//! Imports run on the UI thread: the realistic test catalog (8 files, 24
//! services) imports in a few milliseconds, and inputs are bounded by the
//! importers' limits; a background thread would add a state to every dialog
//! for no visible gain.

use super::dialogs::confirm_or_cancel_ui;
use std::path::{Path, PathBuf};

use crate::analysis::plural;
use crate::io::import::backstage::{self, BackstageOptions};
use crate::io::import::structurizr::{self, Level, StructurizrOptions};
use crate::io::import::{ImportError, ImportReport, Imported, read_import_file};

use super::app::VsmapApp;
use super::document::Document;

/// What File ▸ Import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportSource {
    /// A Backstage software catalog: a folder searched for `*.yaml` / `*.yml`.
    Backstage,
    /// A Structurizr workspace in its JSON form.
    Structurizr,
}

impl ImportSource {
    /// What is imported, for titles and messages.
    pub fn name(self) -> &'static str {
        match self {
            ImportSource::Backstage => "Backstage catalog",
            ImportSource::Structurizr => "Structurizr workspace",
        }
    }

    /// Whether the dialog chooses a folder rather than a file.
    pub fn picks_folder(self) -> bool {
        self == ImportSource::Backstage
    }
}

/// The import dialogs and what they show (part of [`super::dialogs::Dialogs`]).
#[derive(Default)]
pub struct ImportDialogs {
    /// A catalog imported with the options shown, waiting for the user.
    pub catalog: Option<CatalogChoice>,
    /// A workspace imported at both levels, waiting for the user to choose one.
    pub level: Option<LevelChoice>,
    /// The report of the import just done.
    pub report: Option<ReportDialog>,
}

impl ImportDialogs {
    /// Whether one of them is open.
    pub fn any_open(&self) -> bool {
        self.catalog.is_some() || self.level.is_some() || self.report.is_some()
    }
}

/// A Backstage catalog imported with the options the dialog shows; imported
/// again whenever an option changes, so the preview is what Import opens.
pub struct CatalogChoice {
    /// The catalog folder or file.
    pub path: PathBuf,
    /// Libraries become services too.
    pub include_libraries: bool,
    /// Each System becomes a draft stream.
    pub systems_as_streams: bool,
    /// The import with these options, or why it failed.
    pub imported: Result<Imported, String>,
}

impl CatalogChoice {
    /// Imports the catalog at `path` with both options off.
    pub fn new(path: &Path) -> Result<CatalogChoice, ImportError> {
        let imported = import_backstage(path, false, false)?;
        Ok(CatalogChoice {
            path: path.to_path_buf(),
            include_libraries: false,
            systems_as_streams: false,
            imported: Ok(imported),
        })
    }

    /// Imports again with the current options.
    fn refresh(&mut self) {
        self.imported =
            import_backstage(&self.path, self.include_libraries, self.systems_as_streams)
                .map_err(|e| e.to_string());
    }
}

/// A Structurizr workspace imported at both levels; the error message
/// where a level could not be imported.
pub struct LevelChoice {
    /// The workspace file.
    pub path: PathBuf,
    /// Containers as services.
    pub container: Result<Imported, String>,
    /// Software systems as services.
    pub system: Result<Imported, String>,
    /// The level chosen so far.
    pub level: Level,
}

/// The report shown after an import.
#[derive(Debug, Clone)]
pub struct ReportDialog {
    /// "Imported Backstage catalog".
    pub title: String,
    /// One line: what the map holds and how many references were left unresolved.
    pub summary: String,
    /// The whole report, as `vsmap import` prints it.
    pub text: String,
}

/// Imports the Backstage catalog at `path` (a folder, or one YAML file),
/// naming the map after the catalog's folder.
pub fn import_backstage(
    path: &Path,
    include_libraries: bool,
    systems_as_streams: bool,
) -> Result<Imported, ImportError> {
    let options = BackstageOptions {
        name: catalog_name(path),
        include_libraries,
        systems_as_streams,
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

/// Reads the workspace at `path` once and imports it at both levels; fails
/// only when neither level can be imported.
pub fn import_structurizr(path: &Path) -> Result<LevelChoice, ImportError> {
    let bytes = read_import_file(path)?;
    let at = |level| {
        let options = StructurizrOptions { name: None, level };
        structurizr::import_bytes(path, &bytes, &options)
    };
    match (at(Level::Container), at(Level::System)) {
        (Err(e), Err(_)) => Err(e),
        (container, system) => Ok(LevelChoice {
            path: path.to_path_buf(),
            level: if container.is_ok() {
                Level::Container
            } else {
                Level::System
            },
            container: container.map_err(|e| e.to_string()),
            system: system.map_err(|e| e.to_string()),
        }),
    }
}

/// Imports what the user chose in the dialog for `source`: a catalog opens
/// at once, a workspace first asks for its level. Errors go to the error
/// dialog and leave the open map as it was.
pub fn import_chosen(app: &mut VsmapApp, source: ImportSource, path: &Path) {
    match source {
        ImportSource::Backstage => match CatalogChoice::new(path) {
            Ok(choice) => app.dialogs.import.catalog = Some(choice),
            Err(e) => app.dialogs.error = Some(e.to_string()),
        },
        ImportSource::Structurizr => match import_structurizr(path) {
            Ok(choice) => app.dialogs.import.level = Some(choice),
            Err(e) => app.dialogs.error = Some(e.to_string()),
        },
    }
}

/// Replaces the open map with an imported one: laid out where the source
/// gave no positions, without a file, unsaved; shows the report.
pub fn open_imported(app: &mut VsmapApp, imported: Imported) {
    let Imported { mut map, report } = imported;
    crate::edit::arrange::arrange_unplaced(&mut map);
    let mut doc = Document::new(map, None);
    doc.history.mark_unsaved();
    app.replace_document(doc);
    let summary = summary(&report);
    app.status = summary.clone();
    app.dialogs.import.report = Some(ReportDialog {
        title: format!("Imported {}", report.source),
        summary,
        text: report.to_string(),
    });
}

/// The status line after an import: "Imported 33 entities: 9 teams, 24
/// services, 0 streams; 28 links — 1 unresolved reference".
pub fn summary(report: &ImportReport) -> String {
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

/// Draws the import dialogs: the level choice and the report.
pub fn import_dialogs_ui(app: &mut VsmapApp, ctx: &egui::Context) {
    catalog_ui(app, ctx);
    level_ui(app, ctx);
    report_ui(app, ctx);
}

/// What one level of a workspace gives, for the level choice.
fn level_preview(imported: &Result<Imported, String>) -> String {
    match imported {
        Ok(Imported { report, .. }) => format!(
            "{}, {}, {}",
            plural(report.services, "service"),
            plural(report.links, "link"),
            plural(report.teams, "team"),
        ),
        Err(message) => message.clone(),
    }
}

/// The catalog's options, with what the import gives under them.
fn catalog_ui(app: &mut VsmapApp, ctx: &egui::Context) {
    let Some(choice) = &mut app.dialogs.import.catalog else {
        return;
    };
    let mut done = None;
    let modal = egui::Modal::new(egui::Id::new("import-catalog")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("Import Backstage catalog");
        ui.label(choice.path.display().to_string());
        ui.add_space(4.0);
        let mut changed = ui
            .checkbox(&mut choice.include_libraries, "Include libraries")
            .on_hover_text("Components of type library become services too")
            .changed();
        changed |= ui
            .checkbox(&mut choice.systems_as_streams, "Draft a stream per system")
            .on_hover_text(
                "Backstage has no value streams: each System becomes a draft stream of its \
                 components in dependency order, marked as imported and to be checked",
            )
            .changed();
        if changed {
            choice.refresh();
        }
        ui.indent("catalog-preview", |ui| {
            let preview = match &choice.imported {
                Ok(Imported { report, .. }) => format!(
                    "{}, {}, {}, {}",
                    plural(report.teams, "team"),
                    plural(report.services, "service"),
                    plural(report.links, "link"),
                    plural(report.streams, "stream"),
                ),
                Err(message) => message.clone(),
            };
            ui.label(egui::RichText::new(preview).weak());
        });
        ui.add_space(4.0);
        done = confirm_or_cancel_ui(ui, "Import", choice.imported.is_ok());
    });
    if modal.should_close() && done.is_none() {
        done = Some(false);
    }
    match done {
        Some(true) => {
            if let Some(choice) = app.dialogs.import.catalog.take() {
                match choice.imported {
                    Ok(imported) => open_imported(app, imported),
                    Err(message) => app.dialogs.error = Some(message),
                }
            }
        }
        Some(false) => app.dialogs.import.catalog = None,
        None => {}
    }
}

fn level_ui(app: &mut VsmapApp, ctx: &egui::Context) {
    let Some(choice) = &mut app.dialogs.import.level else {
        return;
    };
    let mut done = None;
    let modal = egui::Modal::new(egui::Id::new("import-level")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("Import Structurizr workspace");
        ui.label(choice.path.display().to_string());
        ui.add_space(4.0);
        ui.label("Which elements become services?");
        for (level, label, imported) in [
            (Level::Container, "Containers", &choice.container),
            (Level::System, "Software systems", &choice.system),
        ] {
            ui.add_enabled_ui(imported.is_ok(), |ui| {
                ui.radio_value(&mut choice.level, level, label);
            });
            ui.indent(label, |ui| {
                ui.label(egui::RichText::new(level_preview(imported)).weak());
            });
        }
        ui.add_space(4.0);
        done = confirm_or_cancel_ui(ui, "Import", true);
    });
    if modal.should_close() && done.is_none() {
        done = Some(false);
    }
    match done {
        Some(true) => {
            if let Some(choice) = app.dialogs.import.level.take() {
                let chosen = match choice.level {
                    Level::Container => choice.container,
                    Level::System => choice.system,
                };
                match chosen {
                    Ok(imported) => open_imported(app, imported),
                    Err(message) => app.dialogs.error = Some(message),
                }
            }
        }
        Some(false) => app.dialogs.import.level = None,
        None => {}
    }
}

fn report_ui(app: &mut VsmapApp, ctx: &egui::Context) {
    let Some(report) = &app.dialogs.import.report else {
        return;
    };
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::new("import-report")).show(ctx, |ui| {
        ui.set_max_width(720.0);
        ui.heading(&report.title);
        ui.label(&report.summary);
        ui.label("The map is not saved yet: Save asks where to put it.");
        ui.add_space(4.0);
        // Long reports scroll; long lines (file paths) wrap.
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                ui.add(egui::Label::new(egui::RichText::new(&report.text).monospace()).wrap());
            });
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            if ui.button("Copy report").clicked() {
                ui.ctx().copy_text(report.text.clone());
            }
            if ui.button("OK").clicked() {
                close = true;
            }
        });
    });
    if close || modal.should_close() {
        app.dialogs.import.report = None;
    }
}
