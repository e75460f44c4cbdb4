//! File dialogs, run off the UI thread so the window never freezes, and
//! injectable so tests can answer them.

use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use super::state::{ImportSource, PendingPick, PickOutcome, PickPurpose};

/// Shows file dialogs.
pub trait FilePicker {
    /// Starts a dialog; `suggested` is the file name proposed for saving.
    fn pick(&self, purpose: PickPurpose, suggested: &str, ctx: &egui::Context) -> PendingPick;
}

/// Native dialogs through `rfd`, each on its own thread.
pub struct RfdPicker;

/// A dialog that returns nothing faster than this was never shown (a portal
/// that is registered but broken): no person cancels a dialog that quickly.
const FASTEST_HUMAN_CANCEL: Duration = Duration::from_millis(250);

/// Whether a native file dialog can appear at all. On Linux, rfd talks to
/// the desktop portal over the D-Bus session bus, or runs `zenity`; with
/// neither, it returns nothing at once, which must not look like a cancel.
fn dialog_possible() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let has_session_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    let has_zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()));
    has_session_bus || has_zenity
}

impl FilePicker for RfdPicker {
    fn pick(&self, purpose: PickPurpose, suggested: &str, ctx: &egui::Context) -> PendingPick {
        if !dialog_possible() {
            return PendingPick::answered(purpose, PickOutcome::Unavailable);
        }
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let suggested = suggested.to_string();
        std::thread::spawn(move || {
            let dialog = rfd::FileDialog::new()
                .add_filter("Value stream map", &["json"])
                .add_filter("All files", &["*"]);
            let started = Instant::now();
            let chosen = match purpose {
                PickPurpose::Open => dialog.set_title("Open map").pick_file(),
                PickPurpose::Compare => dialog.set_title("Compare with map").pick_file(),
                PickPurpose::Save => dialog
                    .set_title("Save map")
                    .set_file_name(&suggested)
                    .save_file(),
                PickPurpose::SaveRecovered => dialog
                    .set_title("Save recovered map")
                    .set_file_name(&suggested)
                    .save_file(),
                PickPurpose::Export(_) => rfd::FileDialog::new()
                    .set_title("Export")
                    .set_file_name(&suggested)
                    .save_file(),
                PickPurpose::Import(ImportSource::Backstage) => rfd::FileDialog::new()
                    .set_title("Import Backstage catalog: choose its folder")
                    .pick_folder(),
                PickPurpose::Timings => rfd::FileDialog::new()
                    .set_title("Import step timings")
                    .add_filter("Step timings (CSV)", &["csv"])
                    .add_filter("All files", &["*"])
                    .pick_file(),
                PickPurpose::Import(ImportSource::Structurizr) => rfd::FileDialog::new()
                    .set_title("Import Structurizr workspace")
                    .add_filter("Structurizr workspace (JSON or DSL)", &["json", "dsl"])
                    .add_filter("All files", &["*"])
                    .pick_file(),
            };
            let outcome = match chosen {
                Some(path) => PickOutcome::Chosen(path),
                None if started.elapsed() < FASTEST_HUMAN_CANCEL => PickOutcome::Unavailable,
                None => PickOutcome::Cancelled,
            };
            let _ = tx.send(outcome);
            // Wake the UI, which draws nothing while idle.
            ctx.request_repaint();
        });
        PendingPick::new(purpose, rx)
    }
}

/// A picker that answers from a list, for tests.
#[derive(Default)]
pub struct ScriptedPicker {
    /// Answers given in order; once empty, dialogs are cancelled.
    pub answers: std::rc::Rc<std::cell::RefCell<std::collections::VecDeque<PickOutcome>>>,
}

impl FilePicker for ScriptedPicker {
    fn pick(&self, purpose: PickPurpose, _suggested: &str, _ctx: &egui::Context) -> PendingPick {
        let outcome = self
            .answers
            .borrow_mut()
            .pop_front()
            .unwrap_or(PickOutcome::Cancelled);
        PendingPick::answered(purpose, outcome)
    }
}
