//! Which dialogs are open, and what they hold (the text typed into them,
//! the choice they wait for). Escape closes the topmost one.

use std::path::{Path, PathBuf};

use super::action::{AfterPrompt, Dialog};
use super::file_dialog::PickPurpose;
use super::import::ImportDialogs;
use super::revision::Revision;
use super::selection::FindingKey;

/// A path typed by hand, for when no file dialog can be shown.
#[derive(Debug, Clone)]
pub struct PathField {
    /// What the path is for.
    pub purpose: PickPurpose,
    /// The text typed so far.
    pub text: String,
    /// When the field was opened: its text field takes the focus once per opening.
    pub opened: Revision,
}

impl PathField {
    /// A field prefilled with a path (the current file, or a suggested name).
    pub fn new(purpose: PickPurpose, current: Option<&Path>) -> PathField {
        let text = current.map(|p| p.display().to_string()).unwrap_or_default();
        PathField {
            purpose,
            text,
            opened: Revision::next(),
        }
    }
}

/// The file a typed path names: `~` and `~/…` in the home folder, a
/// relative path in `base` (the open map's folder) when there is one, as
/// a shell would. Only `~` alone or followed by a separator is expanded:
/// `~name` is another user's home, which is left as typed.
pub fn resolve_typed_path(text: &str, home: Option<&Path>, base: Option<&Path>) -> PathBuf {
    let text = text.trim();
    let rest = text
        .strip_prefix('~')
        .filter(|r| r.is_empty() || r.starts_with(std::path::is_separator));
    let path = match (rest, home) {
        (Some(r), Some(home)) => home.join(r.trim_start_matches(std::path::is_separator)),
        _ => PathBuf::from(text),
    };
    match base {
        Some(base) if path.is_relative() => base.join(path),
        _ => path,
    }
}

/// The command palette's input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Palette {
    /// Filter text.
    pub query: String,
    /// Highlighted entry, among those matching the filter.
    pub highlighted: usize,
}

/// Asking why a finding is acceptable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowDialog {
    /// The finding to allow.
    pub finding: FindingKey,
    /// The reason typed so far.
    pub reason: String,
}

/// A save that would overwrite a file changed on disk.
#[derive(Debug, Clone)]
pub struct Conflict {
    /// The file.
    pub path: PathBuf,
    /// What the save was for (quitting, opening another map…).
    pub after: Option<AfterPrompt>,
    /// Reload was clicked: asking to confirm that the changes go.
    pub confirm_reload: bool,
}

/// Which dialogs are open, with their inputs.
#[derive(Default)]
pub struct Dialogs {
    /// An error message to show.
    pub error: Option<String>,
    /// Unsaved changes would be lost by this.
    pub unsaved: Option<AfterPrompt>,
    /// Asking for the reason to allow a finding.
    pub allow: Option<AllowDialog>,
    /// Save found the file changed on disk.
    pub conflict: Option<Conflict>,
    /// The file changed on disk while nothing was unsaved: reload it?
    pub reload: Option<PathBuf>,
    /// The typed-path fallback.
    pub path_field: Option<PathField>,
    /// The command palette.
    pub palette: Option<Palette>,
    /// The shortcut list.
    pub shortcuts: bool,
    /// About vsmap.
    pub about: bool,
    /// File ▸ Import's options, level choice and report.
    pub import: ImportDialogs,
    /// File ▸ Draft proposal from fixes: the rules to fix.
    pub draft: Option<super::fixes::DraftDialog>,
    /// File ▸ Map history: the open file's versions in git, or why there are none.
    pub history: Option<HistoryWindow>,
}

/// The open file's history in git, as File ▸ Map history shows it.
#[derive(Debug, Clone)]
pub struct HistoryWindow {
    /// The file.
    pub file: PathBuf,
    /// Its versions, newest first, or why they cannot be read.
    pub versions: Result<Vec<crate::history::Version>, String>,
}

impl Dialogs {
    /// The dialog Escape closes: the one drawn on top. Modal prompts come
    /// before the windows they may have been opened over.
    pub fn topmost(&self) -> Option<Dialog> {
        [
            (self.error.is_some(), Dialog::Error),
            (self.unsaved.is_some(), Dialog::Unsaved),
            (self.conflict.is_some(), Dialog::Conflict),
            (self.reload.is_some(), Dialog::Reload),
            (self.allow.is_some(), Dialog::Allow),
            (self.path_field.is_some(), Dialog::PathField),
            (self.import.report.is_some(), Dialog::ImportReport),
            (self.import.level.is_some(), Dialog::ImportLevel),
            (self.import.catalog.is_some(), Dialog::ImportCatalog),
            (self.draft.is_some(), Dialog::Draft),
            (self.palette.is_some(), Dialog::Palette),
            (self.shortcuts, Dialog::Shortcuts),
            (self.history.is_some(), Dialog::History),
            (self.about, Dialog::About),
        ]
        .into_iter()
        .find_map(|(open, dialog)| open.then_some(dialog))
    }

    /// Whether a modal dialog is open: while one is, the editor's shortcuts
    /// do nothing (the dialog has the keyboard) and Escape closes it.
    pub fn modal_open(&self) -> bool {
        self.topmost()
            .is_some_and(|d| !matches!(d, Dialog::Shortcuts | Dialog::About | Dialog::History))
    }

    /// Whether any dialog or window is open.
    pub fn any_open(&self) -> bool {
        self.topmost().is_some()
    }

    /// Closes one dialog, dropping what it held.
    pub fn close(&mut self, dialog: Dialog) {
        match dialog {
            Dialog::Error => self.error = None,
            Dialog::Unsaved => self.unsaved = None,
            Dialog::Allow => self.allow = None,
            Dialog::Conflict => self.conflict = None,
            Dialog::Reload => self.reload = None,
            Dialog::PathField => self.path_field = None,
            Dialog::Palette => self.palette = None,
            Dialog::Draft => self.draft = None,
            Dialog::Shortcuts => self.shortcuts = false,
            Dialog::About => self.about = false,
            Dialog::History => self.history = None,
            Dialog::ImportCatalog => self.import.catalog = None,
            Dialog::ImportLevel => self.import.level = None,
            Dialog::ImportReport => self.import.report = None,
            // The restore offers are the recovery's; the app closes those.
            Dialog::Restore => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_path_expands_the_home_folder_and_starts_in_the_map_s_folder() {
        let home = Path::new("/home/ada");
        let base = Path::new("/work/maps");
        let r = |t: &str| resolve_typed_path(t, Some(home), Some(base));
        assert_eq!(
            r("~/proposed-v2.vsmap.json"),
            home.join("proposed-v2.vsmap.json")
        );
        assert_eq!(r("  ~  "), home.to_path_buf());
        assert_eq!(r("v2.vsmap.json"), base.join("v2.vsmap.json"));
        assert_eq!(r("/tmp/x.json"), PathBuf::from("/tmp/x.json"));
        // Another user's home and a tilde inside a name are left as typed.
        assert_eq!(r("~bob/x.json"), base.join("~bob/x.json"));
        assert_eq!(r("a~/x.json"), base.join("a~/x.json"));
        // Without a home or a map folder, the path is taken as typed.
        assert_eq!(resolve_typed_path("~/x", None, None), PathBuf::from("~/x"));
    }
}
