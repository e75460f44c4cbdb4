//! Fixes in the editor as state: the fix under the pointer in a Fix menu,
//! previewed (what it would add, remove and re-point, drawn as a ghost over
//! the canvas, and what it does to the findings), the field a fix asked the
//! user to type into, and the Draft proposal dialog.

use std::collections::BTreeSet;

use super::revision::Revision;
use super::selection::FindingKey;
use crate::fix::{FindingDelta, FixField};
use crate::model::{Id, LinkKind, ServiceKind};

/// One fix of one finding: the finding, and the fix's place in the list
/// [`crate::fix::fixes_for`] gives for it (the map has not changed since,
/// or the preview is dropped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixRef {
    /// The finding.
    pub finding: FindingKey,
    /// Which of its fixes.
    pub index: usize,
}

/// A fix previewed: worked out once when the pointer reaches it in a menu.
#[derive(Debug, Clone)]
pub struct FixPreview {
    /// Which fix.
    pub fix: FixRef,
    /// The map it was worked out on.
    pub revision: Revision,
    /// What it does to the findings, or why it cannot be applied.
    pub delta: Result<FindingDelta, String>,
    /// What the canvas draws for it.
    pub ghost: Ghost,
}

/// A point on the canvas.
pub type CanvasPoint = (f64, f64);

/// What a fix changes, in canvas coordinates, for the canvas to draw over
/// the map.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ghost {
    /// Services it adds: name, kind and where they would be drawn.
    pub services: Vec<(String, ServiceKind, CanvasPoint)>,
    /// Links it adds (or re-points to).
    pub added_links: Vec<GhostLink>,
    /// Links it removes (or re-points away): struck out along their routes.
    pub removed_links: Vec<GhostLink>,
    /// Services whose owner or step it changes, haloed.
    pub changed: BTreeSet<Id>,
    /// What it does to the findings, worded ("If applied, it resolves 3,
    /// introduces 1 warning: …"), or why it cannot be applied: what every
    /// Fix menu says of it.
    pub summary: String,
}

/// The field a fix asked the user to type into; the inspector focuses it
/// once and says so.
pub type FieldToType = FixField;

/// A link a fix adds or removes.
#[derive(Debug, Clone, PartialEq)]
pub struct GhostLink {
    /// Its ends' centres.
    pub ends: (CanvasPoint, CanvasPoint),
    /// Its kind.
    pub kind: LinkKind,
    /// Its ends' ids: a removed link is found in the map, to strike out the
    /// route it is drawn along.
    pub services: (Id, Id),
}

/// File ▸ Draft proposal from fixes: which rules' findings to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftDialog {
    /// Each rule with findings that have a fix: its id, how many findings,
    /// and whether it is chosen.
    pub rules: Vec<(&'static str, usize, bool)>,
}

impl DraftDialog {
    /// The chosen rules.
    pub fn chosen(&self) -> BTreeSet<String> {
        self.rules
            .iter()
            .filter(|(_, _, chosen)| *chosen)
            .map(|(rule, _, _)| rule.to_string())
            .collect()
    }
}
