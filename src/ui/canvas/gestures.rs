//! What the pointer or keyboard is in the middle of on the canvas: a box
//! selection, a link being drawn, a service being renamed, a context menu.
//! One at a time: each starts only when nothing else is under way, so that
//! (for instance) a press that ends a rename commits it before anything new
//! begins.

use egui::Pos2;

use crate::model::Id;

/// A gesture in progress on the canvas.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Gesture {
    /// Nothing under way.
    #[default]
    Idle,
    /// Shift-drag on empty canvas: selecting the services in a box.
    BoxSelect {
        /// Where the drag started, on screen.
        start: Pos2,
    },
    /// Alt-drag from a service: drawing a link to another.
    Link {
        /// The service it starts from, by index in `map.services`.
        from: usize,
    },
    /// The inline field renaming a service.
    Renaming {
        /// The service.
        id: Id,
        /// The name as typed so far.
        text: String,
        /// Whether the field has taken the focus (it does once, selecting
        /// the whole name so that typing replaces it).
        focused: bool,
    },
    /// The right-click menu.
    ContextMenu {
        /// Where it opened, on screen.
        screen: Pos2,
        /// The same point on the canvas (where "Add service here" adds).
        canvas: Pos2,
        /// The service it is about, by index in `map.services`.
        target: Option<usize>,
    },
}

impl Gesture {
    /// Whether a drag (box or link) is under way: the graph view must not
    /// pan or move nodes meanwhile.
    pub fn is_drag(&self) -> bool {
        matches!(self, Gesture::BoxSelect { .. } | Gesture::Link { .. })
    }

    /// Whether Escape belongs to the gesture (it cancels a rename or closes
    /// the context menu) rather than to the editor.
    pub fn wants_escape(&self) -> bool {
        matches!(self, Gesture::Renaming { .. } | Gesture::ContextMenu { .. })
    }
}
