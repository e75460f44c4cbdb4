//! The edits behind each user action: small functions that look at the map
//! and return the [`Edit`]s to apply as one transaction. They never change
//! the map themselves.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::edit::{Edit, ServiceField, StreamField};
use crate::model::{
    Allow, Id, Link, LinkKind, Map, Service, ServiceKind, Step, Stream, Team, TeamType,
};

/// A new service named `name` at `pos`, with a fresh id derived from the name.
pub fn add_service(
    map: &Map,
    name: &str,
    kind: ServiceKind,
    owner: Option<Id>,
    pos: (f64, f64),
) -> (Id, Vec<Edit>) {
    let id = map.new_id(name);
    let service = Service {
        id: id.clone(),
        name: name.to_string(),
        kind,
        owner,
        x: Some(pos.0.round()),
        y: Some(pos.1.round()),
        description: String::new(),
    };
    (id, vec![Edit::InsertService(map.services.len(), service)])
}

/// Deletes services together with their links and their steps in streams.
pub fn delete_services(map: &Map, ids: &BTreeSet<Id>) -> Vec<Edit> {
    let mut edits = Vec::new();
    for stream in &map.streams {
        // Remove from the back so earlier positions stay valid.
        for (at, step) in stream.steps.iter().enumerate().rev() {
            if ids.contains(&step.service) {
                edits.push(Edit::RemoveStep(stream.id.clone(), at));
            }
        }
    }
    for link in &map.links {
        if ids.contains(&link.from) || ids.contains(&link.to) {
            edits.push(Edit::RemoveLink(
                link.from.clone(),
                link.to.clone(),
                link.kind,
            ));
        }
    }
    for service in &map.services {
        if ids.contains(&service.id) {
            edits.push(Edit::RemoveService(service.id.clone()));
        }
    }
    edits
}

/// A link from `from` to `to`; nothing if it exists or would be a self-link.
pub fn add_link(map: &Map, from: &Id, to: &Id, kind: LinkKind) -> Vec<Edit> {
    if from == to || map.links.iter().any(|l| l.key() == (from, to, kind)) {
        return Vec::new();
    }
    let link = Link {
        from: from.clone(),
        to: to.clone(),
        kind,
        label: String::new(),
    };
    vec![Edit::InsertLink(map.links.len(), link)]
}

/// Replaces a link by one with another direction or kind, keeping its label.
/// Nothing if the replacement already exists.
pub fn replace_link(map: &Map, link: &Link, from: &Id, to: &Id, kind: LinkKind) -> Vec<Edit> {
    if from == to || map.links.iter().any(|l| l.key() == (from, to, kind)) {
        return Vec::new();
    }
    let new = Link {
        from: from.clone(),
        to: to.clone(),
        kind,
        label: link.label.clone(),
    };
    vec![
        Edit::RemoveLink(link.from.clone(), link.to.clone(), link.kind),
        Edit::InsertLink(map.links.len().saturating_sub(1), new),
    ]
}

/// A new team with a fresh id.
pub fn add_team(map: &Map, name: &str, team_type: TeamType) -> (Id, Vec<Edit>) {
    let id = map.new_id(name);
    let team = Team {
        id: id.clone(),
        name: name.to_string(),
        team_type,
        members: None,
        color: None,
    };
    (id, vec![Edit::InsertTeam(map.teams.len(), team)])
}

/// Deletes a team; what it owned becomes unowned.
pub fn delete_team(map: &Map, team: &Id) -> Vec<Edit> {
    let mut edits = set_owner(
        map,
        map.services
            .iter()
            .filter(|s| s.owner.as_ref() == Some(team))
            .map(|s| &s.id),
        None,
    );
    for stream in map
        .streams
        .iter()
        .filter(|s| s.owner.as_ref() == Some(team))
    {
        edits.push(Edit::SetStream(stream.id.clone(), StreamField::Owner(None)));
    }
    edits.push(Edit::RemoveTeam(team.clone()));
    edits
}

/// Gives every listed service the owner `owner` (skipping those that have it).
pub fn set_owner<'a>(
    map: &Map,
    services: impl IntoIterator<Item = &'a Id>,
    owner: Option<Id>,
) -> Vec<Edit> {
    services
        .into_iter()
        .filter(|id| map.service(id.as_str()).is_some_and(|s| s.owner != owner))
        .map(|id| Edit::SetService(id.clone(), ServiceField::Owner(owner.clone())))
        .collect()
}

/// A new stream through `steps` in order (duplicates and unknown ids skipped).
pub fn add_stream(map: &Map, name: &str, steps: &[Id], owner: Option<Id>) -> (Id, Vec<Edit>) {
    let id = map.new_id(name);
    let mut seen = BTreeSet::new();
    let steps = steps
        .iter()
        .filter(|s| map.service(s.as_str()).is_some() && seen.insert((*s).clone()))
        .map(|s| Step {
            service: s.clone(),
            stage: String::new(),
            work: None,
            wait: None,
            complete_accurate: None,
        })
        .collect();
    let stream = Stream {
        id: id.clone(),
        name: name.to_string(),
        owner,
        customer: String::new(),
        description: String::new(),
        color: Some(color_of(crate::palette::new_stream_color(map))),
        steps,
    };
    (id, vec![Edit::InsertStream(map.streams.len(), stream)])
}

/// A palette colour as the file stores it.
fn color_of((r, g, b): crate::palette::Rgb) -> crate::model::Color {
    crate::model::Color { r, g, b }
}

/// Records that a finding is accepted, with a reason.
pub fn allow(map: &Map, rule: &str, subject: Option<Id>, reason: &str) -> Vec<Edit> {
    vec![Edit::InsertAllow(
        map.allow.len(),
        Allow {
            rule: rule.to_string(),
            subject,
            reason: reason.to_string(),
        },
    )]
}

/// Moves services to new positions (rounded), skipping those that stay put.
pub fn move_services(map: &Map, moves: &[(Id, f64, f64)]) -> Vec<Edit> {
    let positions: HashMap<&Id, (Option<f64>, Option<f64>)> =
        map.services.iter().map(|s| (&s.id, (s.x, s.y))).collect();
    moves
        .iter()
        .filter_map(|(id, x, y)| {
            let new = (Some(x.round()), Some(y.round()));
            match positions.get(id) {
                Some(old) if *old != new => Some(Edit::SetService(
                    id.clone(),
                    ServiceField::Position(new.0, new.1),
                )),
                _ => None,
            }
        })
        .collect()
}

/// Services and the links between them, as copied to the clipboard.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Fragment {
    /// The copied services.
    pub services: Vec<Service>,
    /// Links whose both ends were copied.
    pub links: Vec<Link>,
}

/// What Copy puts on the clipboard: the services and the links among them.
pub fn copy(map: &Map, ids: &BTreeSet<Id>) -> Fragment {
    Fragment {
        services: map
            .services
            .iter()
            .filter(|s| ids.contains(&s.id))
            .cloned()
            .collect(),
        links: map
            .links
            .iter()
            .filter(|l| ids.contains(&l.from) && ids.contains(&l.to))
            .cloned()
            .collect(),
    }
}

/// Pastes a fragment shifted by `offset`, with fresh ids; owners that do not
/// exist in this map are dropped. Returns the new ids (in fragment order).
pub fn paste(map: &Map, fragment: &Fragment, offset: (f64, f64)) -> (Vec<Id>, Vec<Edit>) {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut renamed: BTreeMap<&Id, Id> = BTreeMap::new();
    let mut edits = Vec::new();
    for (n, s) in fragment.services.iter().enumerate() {
        let id = crate::model::slug_id(&s.name, |c| map.id_in_use(c) || taken.contains(c));
        taken.insert(id.to_string());
        renamed.insert(&s.id, id.clone());
        let owner = s.owner.clone().filter(|t| map.team(t.as_str()).is_some());
        let service = Service {
            id,
            owner,
            x: Some(s.x.unwrap_or(0.0) + offset.0),
            y: Some(s.y.unwrap_or(0.0) + offset.1),
            ..s.clone()
        };
        edits.push(Edit::InsertService(map.services.len() + n, service));
    }
    let mut n = 0;
    for link in &fragment.links {
        if let (Some(from), Some(to)) = (renamed.get(&link.from), renamed.get(&link.to))
            && from != to
        {
            edits.push(Edit::InsertLink(
                map.links.len() + n,
                Link {
                    from: from.clone(),
                    to: to.clone(),
                    ..link.clone()
                },
            ));
            n += 1;
        }
    }
    let ids = fragment
        .services
        .iter()
        .filter_map(|s| renamed.get(&s.id).cloned())
        .collect();
    (ids, edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;
    use crate::model::test_map::MapBuilder;

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }

    fn sample() -> Map {
        MapBuilder::new()
            .sa("a")
            .svc("x", "a")
            .svc("y", "a")
            .svc("z", "a")
            .link("x", "y", LinkKind::Sync)
            .link("y", "z", LinkKind::Event)
            .stream("s", Some("a"), &["x", "y", "z"])
            .build()
    }

    #[test]
    fn deleting_a_service_takes_its_links_and_steps_and_undo_restores_all() {
        let mut map = sample();
        let before = map.clone();
        let mut history = History::new();
        let edits = delete_services(&map, &BTreeSet::from([id("y")]));
        history.apply(&mut map, "Delete Svc y", edits).unwrap();
        assert!(map.service("y").is_none());
        assert!(map.links.is_empty());
        assert_eq!(map.streams[0].steps.len(), 2);
        assert!(crate::model::validate(&map, |_| true).is_empty());
        assert_eq!(
            history.undo(&mut map).map(|a| a.label).as_deref(),
            Some("Delete Svc y")
        );
        assert_eq!(map, before);
    }

    #[test]
    fn new_ids_come_from_names_and_avoid_collisions() {
        let map = sample();
        let (new, _) = add_service(&map, "X", ServiceKind::Service, None, (0.0, 0.0));
        assert_eq!(new.as_str(), "x-2");
        let (team, _) = add_team(&map, "A", TeamType::Platform);
        assert_eq!(team.as_str(), "a-2");
    }

    #[test]
    fn a_failing_edit_leaves_the_map_unchanged() {
        let mut map = sample();
        let before = map.clone();
        let mut history = History::new();
        let mut edits = add_link(&map, &id("z"), &id("x"), LinkKind::Data);
        edits.push(Edit::RemoveService(id("x"))); // still referenced: fails
        assert!(history.apply(&mut map, "bad", edits).is_err());
        assert_eq!(map, before);
        assert_eq!(history.undo_label(), None);
    }

    #[test]
    fn reversing_and_rekinding_links_keeps_the_label() {
        let mut map = sample();
        map.links[0].label = "create".into();
        let link = map.links[0].clone();
        let edits = replace_link(&map, &link, &link.to, &link.from, LinkKind::Event);
        let mut history = History::new();
        history.apply(&mut map, "Reverse", edits).unwrap();
        assert!(map.links.iter().any(|l| l.from == "y"
            && l.to == "x"
            && l.kind == LinkKind::Event
            && l.label == "create"));
        assert!(
            replace_link(
                &map,
                &map.links[0].clone(),
                &id("y"),
                &id("y"),
                LinkKind::Sync
            )
            .is_empty()
        );
    }

    #[test]
    fn deleting_a_team_unowns_what_it_owned() {
        let mut map = sample();
        let edits = delete_team(&map, &id("a"));
        History::new()
            .apply(&mut map, "Delete team", edits)
            .unwrap();
        assert!(map.teams.is_empty());
        assert!(map.services.iter().all(|s| s.owner.is_none()));
        assert!(map.streams[0].owner.is_none());
    }

    #[test]
    fn copy_and_paste_duplicates_services_with_the_links_between_them() {
        let mut map = sample();
        let fragment = copy(&map, &BTreeSet::from([id("x"), id("y")]));
        assert_eq!(fragment.links.len(), 1);
        let (ids, edits) = paste(&map, &fragment, (40.0, 40.0));
        History::new().apply(&mut map, "Paste", edits).unwrap();
        assert_eq!(ids, [id("svc-x"), id("svc-y")]);
        assert!(
            map.links
                .iter()
                .any(|l| l.from == "svc-x" && l.to == "svc-y")
        );
        assert!(crate::model::validate(&map, |_| true).is_empty());
    }

    #[test]
    fn streams_are_created_in_click_order_without_duplicates() {
        let mut map = sample();
        let (sid, edits) = add_stream(
            &map,
            "New flow",
            &[id("z"), id("x"), id("z")],
            Some(id("a")),
        );
        History::new().apply(&mut map, "New stream", edits).unwrap();
        let steps: Vec<&str> = map
            .stream(sid.as_str())
            .unwrap()
            .steps
            .iter()
            .map(|s| s.service.as_str())
            .collect();
        assert_eq!(steps, ["z", "x"]);
    }

    #[test]
    fn every_new_stream_gets_a_colour_no_other_stream_is_drawn_in() {
        let mut map = crate::io::load_file(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("assets/examples/onboarding-current.vsmap.json"),
        )
        .unwrap();
        let first = map.services[0].id.clone();
        for k in 0..20 {
            let (sid, edits) = add_stream(
                &map,
                &format!("Flow {k}"),
                std::slice::from_ref(&first),
                None,
            );
            History::new().apply(&mut map, "New stream", edits).unwrap();
            let colors: Vec<crate::palette::Rgb> = map
                .streams
                .iter()
                .enumerate()
                .map(|(i, s)| crate::palette::stream_color(i, s))
                .collect();
            let mine = map.streams.iter().position(|s| s.id == sid).unwrap();
            let clashes = colors.iter().filter(|&&c| c == colors[mine]).count();
            // Sixteen colours (the examples' four streams take four of the
            // palette's): sixteen streams before a colour must repeat.
            if map.streams.len() <= 16 {
                assert_eq!(clashes, 1, "stream {k}: {:?}", colors[mine]);
            }
            assert!(
                map.streams[mine].color.is_some(),
                "the colour is the stream's own"
            );
        }
    }

    #[test]
    fn moves_are_rounded_and_skip_unmoved_services() {
        let mut map = sample();
        map.services[0].x = Some(10.0);
        map.services[0].y = Some(10.0);
        let edits = move_services(&map, &[(id("x"), 10.2, 9.8), (id("y"), 5.6, 1.0)]);
        assert_eq!(
            edits,
            [Edit::SetService(
                id("y"),
                ServiceField::Position(Some(6.0), Some(1.0))
            )]
        );
    }
}
