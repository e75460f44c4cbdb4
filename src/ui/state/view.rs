//! What the canvas draws besides the services: which links, the streams,
//! the team zones and the links' labels. The app remembers these across
//! runs, as it does the panels.

use crate::model::{Link, Stream};

/// Which links the canvas draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum LinksShown {
    /// Every link.
    #[default]
    All,
    /// Only the links between two steps of the selected stream (none while
    /// no stream is selected).
    SelectedStream,
    /// No link.
    None,
}

impl LinksShown {
    /// The choices, in the View menu's order.
    pub const ALL: [LinksShown; 3] = [
        LinksShown::All,
        LinksShown::SelectedStream,
        LinksShown::None,
    ];

    /// The label in the View menu.
    pub fn label(self) -> &'static str {
        match self {
            LinksShown::All => "All links",
            LinksShown::SelectedStream => "Links of the selected stream",
            LinksShown::None => "No links",
        }
    }

    /// The next choice, round the list (the palette's "Links shown" command).
    pub fn next(self) -> LinksShown {
        match self {
            LinksShown::All => LinksShown::SelectedStream,
            LinksShown::SelectedStream => LinksShown::None,
            LinksShown::None => LinksShown::All,
        }
    }
}

/// The app's colours (View ▸ Theme): the system's choice, or light or
/// dark whatever it says. The light theme is the exported SVG's look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    /// Light or dark as the system is.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    /// egui's preference for this choice.
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// The View menu's toggles of what the canvas draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ViewSettings {
    /// Which links are drawn.
    pub links: LinksShown,
    /// Whether value streams are drawn as transit lines.
    pub streams: bool,
    /// Whether each team's services sit on a tinted, labelled zone.
    pub team_zones: bool,
    /// Whether link labels are drawn along their links (when zoomed in far
    /// enough to read them).
    pub link_labels: bool,
    /// Whether the canvas shows the team interaction graph on its own
    /// (View ▸ Teams) instead of the services.
    pub teams_view: bool,
}

impl ViewSettings {
    /// Whether `link` is drawn while `selected` is the selected stream (if any).
    pub fn shows_link(&self, link: &Link, selected: Option<&Stream>) -> bool {
        match self.links {
            LinksShown::All => true,
            LinksShown::None => false,
            LinksShown::SelectedStream => {
                selected.is_some_and(|s| s.has_step(&link.from) && s.has_step(&link.to))
            }
        }
    }
}

impl Default for ViewSettings {
    fn default() -> Self {
        ViewSettings {
            links: LinksShown::All,
            streams: true,
            team_zones: true,
            link_labels: true,
            teams_view: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_survive_a_round_trip_and_missing_fields_take_their_defaults() {
        let set = ViewSettings {
            links: LinksShown::SelectedStream,
            streams: false,
            team_zones: false,
            link_labels: false,
            teams_view: true,
        };
        let text = serde_json::to_string(&set).unwrap();
        assert_eq!(serde_json::from_str::<ViewSettings>(&text).unwrap(), set);
        // Settings saved by an older version lack newer fields.
        let old: ViewSettings = serde_json::from_str(r#"{"streams":false}"#).unwrap();
        assert_eq!(
            old,
            ViewSettings {
                streams: false,
                ..ViewSettings::default()
            }
        );
    }

    #[test]
    fn links_shown_follow_the_choice_and_the_selected_stream() {
        use crate::model::{LinkKind, ServiceKind};
        let map = crate::model::test_map::MapBuilder::new()
            .service("a", ServiceKind::Service, None)
            .service("b", ServiceKind::Service, None)
            .service("c", ServiceKind::Service, None)
            .link("a", "b", LinkKind::Sync)
            .link("b", "c", LinkKind::Sync)
            .stream("s", None, &["a", "b"])
            .build();
        let stream = map.streams.first();
        let shown = |links, selected| -> Vec<bool> {
            let view = ViewSettings {
                links,
                ..ViewSettings::default()
            };
            map.links
                .iter()
                .map(|l| view.shows_link(l, selected))
                .collect()
        };
        assert_eq!(shown(LinksShown::All, None), [true, true]);
        assert_eq!(shown(LinksShown::None, stream), [false, false]);
        assert_eq!(shown(LinksShown::SelectedStream, stream), [true, false]);
        assert_eq!(shown(LinksShown::SelectedStream, None), [false, false]);
    }

    #[test]
    fn the_links_choice_cycles_through_every_choice() {
        let mut seen = vec![LinksShown::All];
        while seen.len() < 4 {
            seen.push(seen[seen.len() - 1].next());
        }
        assert_eq!(seen[..3], LinksShown::ALL);
        assert_eq!(seen[3], LinksShown::All);
    }
}
