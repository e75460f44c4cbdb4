//! File ▸ Import as state: what is imported, and the dialogs between
//! choosing the source and opening the map (the catalog's options, the
//! workspace's level, the report). Importing itself is done by the app
//! ([`crate::ui::app`]) when these dialogs are answered.

use std::path::PathBuf;

use crate::io::import::Imported;
use crate::io::import::structurizr::Level;

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

/// The import dialogs and what they show.
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
    /// The options the catalog was imported with.
    pub options: CatalogOptions,
    /// The import with these options, or why it failed.
    pub imported: Result<Imported, String>,
}

/// The choices the catalog dialog offers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CatalogOptions {
    /// Libraries become services too.
    pub include_libraries: bool,
    /// Each System becomes a draft stream.
    pub systems_as_streams: bool,
}

/// A Structurizr workspace imported at both levels; the error message
/// where a level could not be imported. Imported again whenever a tag is
/// left out or taken back, so the preview is what Import opens.
pub struct LevelChoice {
    /// The workspace file.
    pub path: PathBuf,
    /// The tags the workspace's elements carry (Structurizr's own aside),
    /// sorted: what can be left out.
    pub tags: Vec<String>,
    /// The tags whose elements are left out (a future state, say).
    pub excluded: std::collections::BTreeSet<String>,
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
    /// Whether the report is of a new map that has no file yet (an import,
    /// a drafted proposal), which the dialog says; filling the open map's
    /// steps from a timings file is not.
    pub new_map: bool,
}
