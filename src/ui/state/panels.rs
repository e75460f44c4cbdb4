//! What the panels around the canvas show: which are open, and how the
//! outline and the findings are filtered.

/// Which panels are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PanelVisibility {
    /// The outline on the left.
    pub outline: bool,
    /// The inspector on the right.
    pub inspector: bool,
    /// The findings at the bottom.
    pub findings: bool,
}

impl Default for PanelVisibility {
    fn default() -> Self {
        PanelVisibility {
            outline: true,
            inspector: true,
            findings: true,
        }
    }
}

/// One of the outline's three lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// Value streams.
    Streams,
    /// Teams.
    Teams,
    /// Services.
    Services,
}

impl Section {
    /// The lists, in the outline's order.
    pub const ALL: [Section; 3] = [Section::Streams, Section::Teams, Section::Services];

    /// The list's heading.
    pub fn title(self) -> &'static str {
        match self {
            Section::Streams => "Streams",
            Section::Teams => "Teams",
            Section::Services => "Services",
        }
    }
}

/// The outline's search text and folded lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutlineFilter {
    /// The search text.
    pub query: String,
    /// Lists folded away, by [`Section`].
    pub folded: [bool; 3],
}

/// Filter state of the findings panel.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindingsFilter {
    /// Severities hidden.
    pub hidden: [bool; 3],
    /// Only this rule, if set.
    pub rule: Option<&'static str>,
}
