//! What the editor's UI tests share: the app in a kittest harness with
//! real frame pacing and a file picker the test answers.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use egui_kittest::Harness;
use vsmap::ui::app::VsmapApp;
use vsmap::ui::files::ScriptedPicker;
use vsmap::ui::state::Document;
use vsmap::ui::state::PickOutcome;

/// What the file picker will answer, in order.
pub type Answers = Rc<RefCell<VecDeque<PickOutcome>>>;

/// The editor on `doc`, after `setup`, one frame run; the picker answers
/// from the returned queue.
pub fn editor_harness(
    doc: Document,
    setup: impl FnOnce(&mut VsmapApp) + 'static,
) -> (Harness<'static, VsmapApp>, Answers) {
    let answers: Answers = Rc::default();
    let picker = ScriptedPicker {
        answers: answers.clone(),
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        // Real frame pacing: egui's double-click window is 0.3 s.
        .with_step_dt(1.0 / 60.0)
        // Panels settle their widths over a few frames after a selection.
        .with_max_steps(60)
        .build_eframe(move |_cc| {
            let mut app = VsmapApp::with_document(doc);
            app.set_picker(Box::new(picker));
            setup(&mut app);
            app
        });
    // The canvas routes links a few milliseconds per frame until they are
    // all routed (seconds for a large map in a debug build): let it finish
    // before the test looks.
    harness.step();
    while harness.state().canvas().routes_pending() {
        harness.step();
    }
    harness.run();
    (harness, answers)
}

/// The editor on the proposed example map (open, editable), compared with
/// the current one through File ▸ Compare with….
pub fn comparing_the_examples() -> Harness<'static, VsmapApp> {
    use egui_kittest::kittest::Queryable;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let proposed = root.join("assets/examples/onboarding-proposed.vsmap.json");
    let current = root.join("assets/examples/onboarding-current.vsmap.json");
    let doc = Document::new(
        vsmap::io::load_file(&proposed).expect("the proposed example loads"),
        Some(proposed),
    );
    let (mut h, answers) = editor_harness(doc, |_| {});
    answers.borrow_mut().push_back(PickOutcome::Chosen(current));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Compare with").click();
    h.run();
    h
}
