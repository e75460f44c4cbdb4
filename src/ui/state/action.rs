//! Every change of application state the UI can ask for, as data.
//!
//! Panels, dialogs, the canvas and the presentation read the state and
//! return [`Action`]s; [`crate::ui::app`] applies them, in order, at the end
//! of the frame. Nothing else writes application state, so every change can
//! be traced to one action and one place.

use std::path::PathBuf;

use super::command::UICommand;
use super::compare::CompareMode;
use super::fixes::FixRef;
use super::import::{CatalogOptions, ImportSource};
use super::panels::{FindingsFilter, PanelVisibility, Section};
use super::selection::{FindingKey, Selection};
use super::view::ViewSettings;
use crate::diff::ChangeRef;
use crate::edit::Edit;
use crate::io::import::structurizr::Level;
use crate::model::Id;

/// A change of state asked for by the UI.
#[derive(Debug, Clone)]
pub enum Action {
    /// A command without arguments.
    Command(UICommand),
    /// Edits to apply as one undoable step, and what to select afterwards.
    Edit {
        /// Label for the Edit menu ("Rename Signup API").
        label: String,
        /// The edits.
        edits: Vec<Edit>,
        /// The selection after the edit, if it should change.
        select: Option<Selection>,
    },
    /// Change the selection.
    Select(Selection),
    /// Toggle a service in the selection (Ctrl-click).
    ToggleService(Id),
    /// Select a finding's subjects, dim the rest, unfold its explanation and
    /// bring it into view; on the unfolded finding, fold it.
    FocusFinding(FindingKey),
    /// A change clicked in the changes panel: select what it is about (the
    /// link itself for a link, its ghost in the overlay when it was
    /// removed), show it, and have the inspector describe the change.
    FocusChange {
        /// The change.
        change: crate::diff::ChangeRef,
        /// How the panel words it.
        text: String,
        /// The services it is about.
        services: Vec<Id>,
        /// Whether it removes something (only the overlay still shows it).
        removal: bool,
    },
    /// The pointer is on a finding in the findings panel (or on none): the
    /// canvas halos its subjects while it stays there.
    HoverFinding(Option<FindingKey>),
    /// Select every service a team owns.
    SelectOwnedBy(Id),
    /// Add a service at a canvas position and start naming it.
    AddServiceAt(f64, f64),
    /// Bring these services into view.
    Reveal(Vec<Id>),
    /// Open a file (asking about unsaved changes first).
    OpenPath(PathBuf),
    /// Save to a path.
    SaveTo(PathBuf),
    /// Show or hide panels.
    SetPanels(PanelVisibility),
    /// Change what the canvas draws besides the services (View menu).
    SetView(ViewSettings),
    /// Filter the outline.
    SetOutlineQuery(String),
    /// Fold or unfold one of the outline's lists.
    ToggleOutlineFold(Section),
    /// Filter the findings panel.
    SetFindingsFilter(FindingsFilter),
    /// While comparing, show the other map, the open one, or both.
    SetCompareMode(CompareMode),
    /// While comparing, make the open map as the compared map is for one
    /// change (or every change of an element), as one undoable step.
    Revert {
        /// The change, as the diff from the compared map to the open one lists it.
        change: ChangeRef,
        /// Label for the Edit menu.
        label: String,
    },
    /// Move through the presentation, or leave it.
    Present(PresentStep),
    /// Start asking for the reason to allow a finding.
    AskAllow(FindingKey),
    /// Close a dialog without doing what it offers (Cancel, Escape, a click
    /// outside, its close button).
    Close(Dialog),
    /// An answer given in a dialog.
    Answer(Answer),
    /// Tell the user something in the status bar (why a click did nothing).
    Status(String),
    /// The pointer is on a fix in a Fix menu (or on none): preview it.
    PreviewFix(Option<FixRef>),
    /// Apply a fix as one undoable step (or, for a fix that asks for text,
    /// open its field for typing).
    ApplyFix(FixRef),
    /// The inspector has focused the field a fix asked the user to type into.
    FieldFocused,
    /// Compare the open map with the file as it was at a commit (File ▸ Map
    /// history): the commit, and the file's path in it.
    CompareWithRevision(String, String),
}

/// A step through the presentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresentStep {
    /// The next slide.
    Next,
    /// The previous slide.
    Previous,
    /// The first slide.
    First,
    /// The last slide.
    Last,
    /// Leave the presentation.
    Stop,
}

/// The dialogs, prompts and small windows, each of which Escape closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    /// An error message.
    Error,
    /// Unsaved changes would be lost.
    Unsaved,
    /// The reason to allow a finding.
    Allow,
    /// Save found the file changed on disk.
    Conflict,
    /// The file changed on disk: reload it?
    Reload,
    /// A path typed by hand, where no file dialog can be shown.
    PathField,
    /// The command palette.
    Palette,
    /// The list of keyboard shortcuts.
    Shortcuts,
    /// About vsmap.
    About,
    /// The options of a catalog import.
    ImportCatalog,
    /// The level of a workspace import.
    ImportLevel,
    /// The report of an import.
    ImportReport,
    /// The rules a drafted proposal fixes.
    Draft,
    /// The open file's history in git.
    History,
    /// The offer to restore a crashed editor's changes (closing it keeps the
    /// copy for the next start).
    Restore,
}

/// What to do once unsaved changes are dealt with.
#[derive(Debug, Clone, PartialEq)]
pub enum AfterPrompt {
    /// Start a new map.
    New,
    /// Show the open dialog.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// Open the example map.
    OpenExample,
    /// Ask for a catalog or workspace to import (File ▸ Import).
    Import(ImportSource),
    /// Import this catalog folder (dropped on the window).
    ImportPath(ImportSource, PathBuf),
    /// Draft a proposal from the fixes of these rules' findings, and
    /// compare it with the open map.
    DraftProposal(std::collections::BTreeSet<String>),
    /// Close the window.
    Quit,
}

/// An answer given in a dialog.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Unsaved changes: save them first, then carry on.
    SaveFirst,
    /// Unsaved changes: drop them and carry on.
    Discard,
    /// The allow reason as typed so far.
    AllowReason(String),
    /// Allow the finding with the reason typed.
    Allow,
    /// The path field's text as typed so far.
    PathText(String),
    /// Use the path typed.
    SubmitPath,
    /// The palette's filter as typed so far.
    PaletteQuery(String),
    /// Highlight the palette's entry at this position among the matches.
    PaletteHighlight(usize),
    /// Restore a crashed editor's changes.
    Restore,
    /// Save a crashed editor's changes to another file.
    SaveRecoveredAs,
    /// Delete a crashed editor's changes.
    DiscardRecovered,
    /// The file changed on disk: overwrite it.
    Overwrite,
    /// The file changed on disk: save to another file.
    SaveElsewhere,
    /// The file changed on disk: ask to confirm dropping the changes and
    /// reloading it (`true`), or go back to the choices (`false`).
    ConfirmReload(bool),
    /// Drop the unsaved changes and load the file as it is on disk.
    Reload,
    /// Import the catalog again with these options.
    CatalogOptions(CatalogOptions),
    /// Choose the level a workspace is imported at.
    ImportLevel(Level),
    /// Leave the elements with this tag out of the workspace's import
    /// (`true`) or take them back (`false`), and import it again.
    ExcludeTag(String, bool),
    /// Open the import as previewed.
    Import,
    /// Choose (`true`) or leave out (`false`) a rule's findings in the
    /// proposal to draft.
    DraftRule(String, bool),
    /// Draft the proposal from the rules chosen.
    Draft,
}
