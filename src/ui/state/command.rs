//! Every user action as one enum: menus, keyboard shortcuts and the command
//! palette all produce [`UICommand`]s, which the app applies in one place.

use egui::{Key, KeyboardShortcut, Modifiers};
use strum::IntoEnumIterator;

/// A user action that needs no further arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum UICommand {
    /// Start a new, empty map.
    New,
    /// Open a map file.
    Open,
    /// Open the example map.
    OpenExample,
    /// Import a Backstage catalog's folder as a new map.
    ImportBackstage,
    /// Import a Structurizr workspace (JSON or DSL) as a new map.
    ImportStructurizr,
    /// Fill the open map's steps with times from a CSV.
    ImportTimings,
    /// Save to the current file (or ask for one).
    Save,
    /// Save to a new file.
    SaveAs,
    /// Export the map as SVG.
    ExportSvg,
    /// Export the selected stream as SVG.
    ExportStreamSvg,
    /// Export a Markdown review report.
    ExportMarkdown,
    /// Export a Mermaid flowchart.
    ExportMermaid,
    /// Export Graphviz DOT.
    ExportDot,
    /// Export one self-contained interactive HTML page (with the compare
    /// view's before and changes when comparing).
    ExportHtml,
    /// Export the presentation as a PDF deck (before and after when comparing).
    ExportPdf,
    /// Export the current view as PNG.
    ExportPng,
    /// Export the current view as PNG at twice the pixel density.
    ExportPng2x,
    /// Compare the open map with another map.
    CompareWith,
    /// Draft a proposed map from the fixes of the open map's findings, and
    /// compare the two.
    DraftProposal,
    /// The open file's history in git, with its findings over time.
    History,
    /// Stop comparing.
    CloseCompare,
    /// Quit the app.
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Copy the selected services.
    Copy,
    /// Cut the selected services.
    Cut,
    /// Paste services from the clipboard.
    Paste,
    /// Delete the selection.
    Delete,
    /// Select every service.
    SelectAll,
    /// Clear the selection and any focus.
    SelectNone,
    /// Add a service in the middle of the view.
    AddService,
    /// Link the two selected services.
    LinkSelected,
    /// Create a stream through the selected services, in click order.
    StreamFromSelection,
    /// Add a team.
    AddTeam,
    /// Fit the whole map in the view.
    Fit,
    /// Zoom in.
    ZoomIn,
    /// Zoom out.
    ZoomOut,
    /// Draw all links, those of the selected stream, or none (in turn).
    CycleLinksShown,
    /// Show or hide the value streams' lines.
    ToggleStreams,
    /// Show or hide the team zones.
    ToggleTeamZones,
    /// Show or hide the links' labels.
    ToggleLinkLabels,
    /// Show the team interaction graph instead of the services, or back.
    ToggleTeamsView,
    /// Show or hide the outline.
    ToggleOutline,
    /// Show or hide the inspector.
    ToggleInspector,
    /// Show or hide the findings.
    ToggleFindings,
    /// Halo every element with findings on the canvas, not only the
    /// selected finding's subjects and the selection.
    HighlightFindings,
    /// Present the map full screen, stream by stream.
    Present,
    /// Present in the other theme than the app's (a bright room washes out
    /// dark slides; a dark one is glared by light ones).
    PresentOtherTheme,
    /// Colours as the system has them.
    ThemeSystem,
    /// Light colours, as the exported SVG.
    ThemeLight,
    /// Dark colours.
    ThemeDark,
    /// Place new, unplaced and stacked services with the layered layout.
    Tidy,
    /// Lay out every service with the layered layout.
    TidyAll,
    /// Arrange services in lanes by stream.
    ArrangeLanes,
    /// Untangle with egui_graphs' force-directed layout.
    ArrangeForce,
    /// Open the command palette.
    Palette,
    /// List the keyboard shortcuts.
    Shortcuts,
    /// About vsmap.
    About,
}

impl UICommand {
    /// Every command, in the order the palette and help list them (the
    /// order of the enum: a new command cannot be left out).
    pub fn all() -> impl Iterator<Item = UICommand> {
        UICommand::iter()
    }

    /// The export this command starts, if it is one.
    pub fn export_format(self) -> Option<super::export_format::ExportFormat> {
        use super::export_format::ExportFormat as F;
        Some(match self {
            UICommand::ExportSvg => F::Svg,
            UICommand::ExportStreamSvg => F::StreamSvg,
            UICommand::ExportMarkdown => F::Markdown,
            UICommand::ExportMermaid => F::Mermaid,
            UICommand::ExportDot => F::Dot,
            UICommand::ExportHtml => F::Html,
            UICommand::ExportPdf => F::Pdf,
            UICommand::ExportPng => F::Png,
            UICommand::ExportPng2x => F::Png2x,
            _ => return None,
        })
    }

    /// What this command imports, if it is an import.
    pub fn import_source(self) -> Option<super::import::ImportSource> {
        use super::import::ImportSource as S;
        match self {
            UICommand::ImportBackstage => Some(S::Backstage),
            UICommand::ImportStructurizr => Some(S::Structurizr),
            _ => None,
        }
    }

    /// The label in menus and the palette.
    pub fn label(self) -> &'static str {
        match self {
            UICommand::New => "New map",
            UICommand::Open => "Open…",
            UICommand::OpenExample => "Open example map",
            UICommand::ImportBackstage => "Import Backstage catalog…",
            UICommand::ImportStructurizr => "Import Structurizr workspace…",
            UICommand::ImportTimings => "Import step timings…",
            UICommand::Save => "Save",
            UICommand::SaveAs => "Save as…",
            UICommand::ExportSvg => "Export SVG of the map…",
            UICommand::ExportStreamSvg => "Export SVG of the selected stream…",
            UICommand::ExportMarkdown => "Export Markdown review report…",
            UICommand::ExportMermaid => "Export Mermaid flowchart…",
            UICommand::ExportDot => "Export Graphviz DOT…",
            UICommand::ExportHtml => "Export interactive page…",
            UICommand::ExportPdf => "Export presentation as PDF…",
            UICommand::ExportPng => "Export PNG of the current view…",
            UICommand::ExportPng2x => "Export PNG of the current view at 2x…",
            UICommand::CompareWith => "Compare with…",
            UICommand::DraftProposal => "Draft proposal from fixes…",
            UICommand::History => "Map history…",
            UICommand::CloseCompare => "Stop comparing",
            UICommand::Quit => "Quit",
            UICommand::Undo => "Undo",
            UICommand::Redo => "Redo",
            UICommand::Copy => "Copy",
            UICommand::Cut => "Cut",
            UICommand::Paste => "Paste",
            UICommand::Delete => "Delete selection",
            UICommand::SelectAll => "Select all",
            UICommand::SelectNone => "Select none",
            UICommand::AddService => "Add service",
            UICommand::LinkSelected => "Link selected services",
            UICommand::StreamFromSelection => "New stream from selection",
            UICommand::AddTeam => "Add team",
            UICommand::Fit => "Fit map to window",
            UICommand::ZoomIn => "Zoom in",
            UICommand::ZoomOut => "Zoom out",
            UICommand::CycleLinksShown => "Links shown: all, selected stream's, none",
            UICommand::ToggleStreams => "Show value streams",
            UICommand::ToggleTeamZones => "Show team zones",
            UICommand::ToggleLinkLabels => "Show link labels",
            UICommand::ToggleTeamsView => "Teams view",
            UICommand::ToggleOutline => "Show outline",
            UICommand::ToggleInspector => "Show inspector",
            UICommand::ToggleFindings => "Show findings",
            UICommand::HighlightFindings => "Highlight findings",
            UICommand::Present => "Present",
            UICommand::PresentOtherTheme => "Present in the other theme",
            UICommand::ThemeSystem => "Theme: follow the system",
            UICommand::ThemeLight => "Theme: light",
            UICommand::ThemeDark => "Theme: dark",
            UICommand::Tidy => "Tidy",
            UICommand::TidyAll => "Tidy all",
            UICommand::ArrangeLanes => "Lanes by stream",
            UICommand::ArrangeForce => "Force-directed",
            UICommand::Palette => "Command palette…",
            UICommand::Shortcuts => "Keyboard shortcuts",
            UICommand::About => "About vsmap",
        }
    }

    /// The keyboard shortcut, if any. Ctrl means Cmd on macOS.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = |k| Some(KeyboardShortcut::new(Modifiers::COMMAND, k));
        let cmd_shift = |k| {
            Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                k,
            ))
        };
        let plain = |k| Some(KeyboardShortcut::new(Modifiers::NONE, k));
        match self {
            UICommand::New => cmd(Key::N),
            UICommand::Open => cmd(Key::O),
            UICommand::Save => cmd(Key::S),
            UICommand::SaveAs => cmd_shift(Key::S),
            UICommand::Quit => cmd(Key::Q),
            UICommand::Undo => cmd(Key::Z),
            UICommand::Redo => cmd_shift(Key::Z),
            UICommand::Copy => cmd(Key::C),
            UICommand::Cut => cmd(Key::X),
            UICommand::Paste => cmd(Key::V),
            UICommand::Delete => plain(Key::Delete),
            UICommand::SelectAll => cmd(Key::A),
            UICommand::SelectNone => plain(Key::Escape),
            UICommand::AddService => plain(Key::N),
            UICommand::LinkSelected => plain(Key::L),
            UICommand::StreamFromSelection => plain(Key::S),
            UICommand::AddTeam => plain(Key::T),
            UICommand::Fit => plain(Key::F),
            UICommand::ZoomIn => plain(Key::Plus),
            UICommand::ZoomOut => plain(Key::Minus),
            UICommand::ToggleOutline => cmd(Key::Num1),
            UICommand::ToggleInspector => cmd(Key::Num2),
            UICommand::ToggleFindings => cmd(Key::Num3),
            UICommand::ArrangeLanes => cmd_shift(Key::L),
            UICommand::ArrangeForce => None,
            UICommand::Tidy => cmd_shift(Key::T),
            UICommand::TidyAll => None,
            UICommand::Present => plain(Key::F5),
            UICommand::PresentOtherTheme => Some(KeyboardShortcut::new(Modifiers::SHIFT, Key::F5)),
            UICommand::Palette => cmd(Key::P),
            UICommand::Shortcuts => plain(Key::F1),
            UICommand::ExportSvg => cmd(Key::E),
            UICommand::ToggleTeamsView => cmd_shift(Key::M),
            UICommand::CycleLinksShown
            | UICommand::ToggleStreams
            | UICommand::ToggleTeamZones
            | UICommand::ToggleLinkLabels => None,
            UICommand::OpenExample
            | UICommand::ThemeSystem
            | UICommand::ThemeLight
            | UICommand::ThemeDark
            | UICommand::HighlightFindings
            | UICommand::ImportBackstage
            | UICommand::ImportStructurizr
            | UICommand::ImportTimings
            | UICommand::About
            | UICommand::CompareWith
            | UICommand::DraftProposal
            | UICommand::History
            | UICommand::CloseCompare
            | UICommand::ExportStreamSvg
            | UICommand::ExportMarkdown
            | UICommand::ExportMermaid
            | UICommand::ExportDot
            | UICommand::ExportHtml
            | UICommand::ExportPdf
            | UICommand::ExportPng
            | UICommand::ExportPng2x => None,
        }
    }

    /// Extra shortcuts that also trigger the command (Ctrl+Y redoes, = zooms in, Backspace deletes).
    pub fn alternate_shortcuts(self) -> &'static [KeyboardShortcut] {
        const REDO: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)];
        const ZOOM_IN: [KeyboardShortcut; 1] =
            [KeyboardShortcut::new(Modifiers::NONE, Key::Equals)];
        const DELETE: [KeyboardShortcut; 1] =
            [KeyboardShortcut::new(Modifiers::NONE, Key::Backspace)];
        match self {
            UICommand::Redo => &REDO,
            UICommand::ZoomIn => &ZOOM_IN,
            UICommand::Delete => &DELETE,
            _ => &[],
        }
    }

    /// Commands whose shortcuts a text field needs for itself (select all,
    /// clipboard, undo): while typing they edit the text, not the map.
    pub fn is_text_editing(self) -> bool {
        matches!(
            self,
            UICommand::SelectAll
                | UICommand::Copy
                | UICommand::Cut
                | UICommand::Paste
                | UICommand::Undo
                | UICommand::Redo
        )
    }

    /// Whether the shortcut is a bare key, which must not fire while typing.
    pub fn is_bare_key(self) -> bool {
        self.shortcut().is_some_and(|s| s.modifiers.is_none())
    }

    /// The shortcut as text for menus and help, e.g. "Ctrl+Shift+S".
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcut()
            .map(|s| ctx.format_shortcut(&s))
            .unwrap_or_default()
    }

    /// Reads this frame's key presses and returns the commands they trigger.
    /// Bare-key shortcuts are ignored while a text field has focus. Escape
    /// is not read here: what it closes depends on what is open
    /// ([`crate::ui::keys`]).
    pub fn from_input(ctx: &egui::Context) -> Vec<UICommand> {
        let typing = ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input();
        let mut out = Vec::new();
        ctx.input_mut(|input| {
            // Longer shortcuts first, so Ctrl+Shift+S is not taken as Ctrl+S.
            let mut commands: Vec<UICommand> = UICommand::all().collect();
            commands.sort_by_key(|c| {
                std::cmp::Reverse(c.shortcut().map_or(0, |s| {
                    usize::from(s.modifiers.shift)
                        + usize::from(s.modifiers.alt)
                        + usize::from(s.modifiers.command || s.modifiers.ctrl)
                }))
            });
            for command in commands {
                if command == UICommand::SelectNone {
                    continue;
                }
                if typing && (command.is_bare_key() || command.is_text_editing()) {
                    continue;
                }
                let shortcuts = command
                    .shortcut()
                    .into_iter()
                    .chain(command.alternate_shortcuts().iter().copied());
                for shortcut in shortcuts {
                    if input.consume_shortcut(&shortcut) {
                        out.push(command);
                    }
                }
            }
        });
        out
    }
}
