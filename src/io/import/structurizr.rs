//! Importing a Structurizr workspace (its JSON form): software systems or
//! containers into services, relationships into links, owners into teams,
//! positions from the views.
//!
//! | Structurizr | vsmap |
//! |---|---|
//! | software system (`--level system`) or container (`--level container`) | service; at container level a system without containers is one service itself |
//! | tags `Database` / `Datastore` | datastore; `External` tag or `location: External` → external; `Web Browser`, `Mobile App`, `Frontend` → frontend; `Gateway` → gateway; `Legacy` → legacy; `ACL` → acl; else service |
//! | property or perspective `Owner` (else `Team`) | owner: a team per distinct name (stream-aligned); a container without one takes its system's |
//! | relationship | link from source to destination (components and containers count as the element at the chosen level that holds them); `interactionStyle: Asynchronous` → `event`, else `sync`; the description is the label |
//! | relationships with people, inside one element, or (at container level) naming a software system that has containers | skipped and counted |
//! | positions | from the first view that shows the element, in the order system landscape, system context, container, component, dynamic, deployment views |
//!
//! Unknown fields are ignored: workspaces carry much more than a map needs.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use super::assemble::{LinkSet, add_link, clip_description, clip_name, finish, into_links};
use super::error::{ImportError, MAX_IMPORT_ENTITIES};
use super::read::read_import_file;
use super::report::{ImportIssue, ImportReport, Imported, Skipped};
use crate::model::{
    Id, LinkKind, MAX_COORDINATE, Map, Service, ServiceKind, Step, Stream, Team, TeamType, slug_id,
};

/// Which elements become services.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Level {
    /// Software systems.
    #[default]
    System,
    /// Containers (and software systems that have none).
    Container,
}

/// Choices a Structurizr import leaves to the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StructurizrOptions {
    /// The map's name; the workspace's name when `None`.
    pub name: Option<String>,
    /// Which elements become services.
    pub level: Level,
    /// Elements tagged with any of these (compared without case; a
    /// container or component of a tagged system too) are left out, with
    /// their relationships: `Future State` keeps a target architecture off
    /// a map of what runs today.
    pub exclude_tags: Vec<String>,
}

/// Reads and imports a workspace JSON file.
pub fn import_path(path: &Path, options: &StructurizrOptions) -> Result<Imported, ImportError> {
    let bytes = read_import_file(path)?;
    import_bytes(path, &bytes, options)
}

/// Imports a workspace already read, JSON or DSL (told apart by content,
/// not by the file's name); `path` names it in messages and is where a DSL
/// workspace's `!include`s are found.
pub fn import_bytes(
    path: &Path,
    bytes: &[u8],
    options: &StructurizrOptions,
) -> Result<Imported, ImportError> {
    let first = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    let (workspace, notes) = if dsl::looks_like_dsl(bytes) {
        let (workspace, notes) = dsl::parse(path, bytes)?;
        (workspace, Some(notes))
    } else if first == Some(&b'{') {
        (parse(path, bytes)?, None)
    } else {
        return Err(ImportError::Malformed {
            path: path.to_path_buf(),
            location: Some((1, 1)),
            message: "neither a Structurizr workspace in JSON (which starts with {) nor in the \
                DSL (which starts with workspace)"
                .into(),
        });
    };
    let (map, mut report) = build(path, &workspace, options)?;
    let files = notes.as_ref().map_or(1, |n| n.files);
    if let Some(notes) = notes {
        if !notes.skipped.is_empty() {
            report.skipped.push(Skipped {
                kind: "DSL statement".into(),
                reason: "not mapped (documentation, decisions, deployment, styles, themes, scripts, plugins, other views)".into(),
                entities: notes
                    .skipped
                    .iter()
                    .map(|(keyword, n)| format!("{keyword} ({n})"))
                    .collect(),
            });
        }
        if !notes.not_fetched.is_empty() {
            report.skipped.push(Skipped {
                kind: "!include of a URL".into(),
                reason: "not fetched: vsmap reads local files only".into(),
                entities: notes.not_fetched,
            });
        }
    }
    report.source = format!(
        "Structurizr workspace ({} level)",
        match options.level {
            Level::System => "software system",
            Level::Container => "container",
        }
    );
    report.files = files;
    finish(map, report)
}

fn parse(path: &Path, bytes: &[u8]) -> Result<Workspace, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let malformed = |e: &serde_json::Error, message: String| ImportError::Malformed {
        path: path.to_path_buf(),
        location: Some((e.line(), e.column())),
        message,
    };
    let workspace: Workspace = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.inner();
        let message = without_position(&inner.to_string());
        match inner.classify() {
            serde_json::error::Category::Data => {
                malformed(inner, format!("{}: {message}", e.path()))
            }
            _ => malformed(inner, format!("malformed JSON: {message}")),
        }
    })?;
    de.end().map_err(|e| {
        malformed(
            &e,
            format!("malformed JSON: {}", without_position(&e.to_string())),
        )
    })?;
    Ok(workspace)
}

/// serde_json appends " at line L column C"; the error reports the place.
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

mod dsl;

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Workspace {
    name: String,
    description: String,
    model: Model,
    views: Views,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Model {
    people: Vec<Element>,
    software_systems: Vec<Element>,
}

/// A person, software system, container or component: the fields any of
/// them may have.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Element {
    #[serde(deserialize_with = "text_or_number")]
    id: String,
    name: String,
    description: String,
    tags: String,
    location: String,
    properties: BTreeMap<String, serde_json::Value>,
    perspectives: Vec<Perspective>,
    relationships: Vec<Relationship>,
    containers: Vec<Element>,
    components: Vec<Element>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Perspective {
    name: String,
    description: String,
    value: String,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Relationship {
    #[serde(deserialize_with = "text_or_number")]
    id: String,
    #[serde(deserialize_with = "text_or_number")]
    source_id: String,
    #[serde(deserialize_with = "text_or_number")]
    destination_id: String,
    description: String,
    interaction_style: String,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Views {
    system_landscape_views: Vec<View>,
    system_context_views: Vec<View>,
    container_views: Vec<View>,
    component_views: Vec<View>,
    dynamic_views: Vec<View>,
    deployment_views: Vec<View>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct View {
    key: String,
    title: String,
    description: String,
    elements: Vec<ElementView>,
    /// In a dynamic view: the interactions, each with its place in the story.
    relationships: Vec<RelationshipView>,
}

/// One interaction of a dynamic view: a model relationship, its order
/// ("1", "2", "2.1") and what it does in this story.
#[derive(Deserialize, Default)]
#[serde(default)]
struct RelationshipView {
    #[serde(deserialize_with = "text_or_number")]
    id: String,
    #[serde(deserialize_with = "text_or_number")]
    order: String,
    description: String,
}

/// An interaction's order as numbers, "2.1" → [2, 1]; what does not read
/// as numbers sorts last, in view order.
fn order_key(order: &str) -> Vec<u64> {
    let parts: Option<Vec<u64>> = order.split('.').map(|p| p.trim().parse().ok()).collect();
    parts.unwrap_or_else(|| vec![u64::MAX])
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ElementView {
    #[serde(deserialize_with = "text_or_number")]
    id: String,
    x: Option<f64>,
    y: Option<f64>,
}

/// Ids are strings in Structurizr's JSON; some tools write numbers.
fn text_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum TextOrNumber {
        Text(String),
        Number(serde_json::Number),
    }
    Ok(match TextOrNumber::deserialize(d)? {
        TextOrNumber::Text(s) => s,
        TextOrNumber::Number(n) => n.to_string(),
    })
}

/// What an element is in the workspace.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ElementKind {
    Person,
    System,
    Container,
    Component,
}

/// An element with where it sits and how to name it in messages.
struct Placed<'w> {
    element: &'w Element,
    kind: ElementKind,
    /// The software system it belongs to (itself for a system).
    system: &'w Element,
    /// The container it belongs to (itself for a container).
    container: Option<&'w Element>,
    /// Its JSON path, e.g. `model.softwareSystems[2].containers[0]`.
    path: String,
}

impl Placed<'_> {
    fn label(&self) -> String {
        let kind = match self.kind {
            ElementKind::Person => "person",
            ElementKind::System => "softwareSystem",
            ElementKind::Container => "container",
            ElementKind::Component => "component",
        };
        format!("{kind} {:?} (id {})", self.element.name, self.element.id)
    }
}

/// Why a relationship end has no service.
enum NoService {
    Person,
    SystemWithContainers,
    Excluded,
    Unknown,
}

/// Structurizr's own tags, which every element or relationship of a kind
/// carries: not worth listing as the workspace's tags.
const BUILT_IN_TAGS: [&str; 8] = [
    "element",
    "software system",
    "container",
    "component",
    "person",
    "relationship",
    "synchronous",
    "asynchronous",
];

/// An element's tags, trimmed, in their spelling.
fn tags_of(element: &Element) -> impl Iterator<Item = &str> {
    element
        .tags
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

fn build<'w>(
    path: &Path,
    workspace: &'w Workspace,
    options: &StructurizrOptions,
) -> Result<(Map, ImportReport), ImportError> {
    let mut report = ImportReport::default();
    let mut issues = Vec::new();
    let issue = |entity: String, field: String, message: String| ImportIssue {
        file: path.to_path_buf(),
        entity,
        field,
        message,
    };

    // Every element by id; the first of a repeated id is kept.
    let mut elements: Vec<Placed<'_>> = Vec::new();
    for (i, person) in workspace.model.people.iter().enumerate() {
        elements.push(Placed {
            element: person,
            kind: ElementKind::Person,
            system: person,
            container: None,
            path: format!("model.people[{i}]"),
        });
    }
    for (i, system) in workspace.model.software_systems.iter().enumerate() {
        let system_path = format!("model.softwareSystems[{i}]");
        for (j, container) in system.containers.iter().enumerate() {
            let container_path = format!("{system_path}.containers[{j}]");
            for (k, component) in container.components.iter().enumerate() {
                elements.push(Placed {
                    element: component,
                    kind: ElementKind::Component,
                    system,
                    container: Some(container),
                    path: format!("{container_path}.components[{k}]"),
                });
            }
            elements.push(Placed {
                element: container,
                kind: ElementKind::Container,
                system,
                container: Some(container),
                path: container_path,
            });
        }
        elements.push(Placed {
            element: system,
            kind: ElementKind::System,
            system,
            container: None,
            path: system_path,
        });
    }
    if elements.len() > MAX_IMPORT_ENTITIES {
        return Err(ImportError::TooManyEntities);
    }
    // Left out by --exclude-tag: the element, or the system or container
    // holding it, carries an excluded tag.
    fn excluded_tag<'e>(element: &'e Element, exclude: &[String]) -> Option<&'e str> {
        tags_of(element).find(|t| exclude.iter().any(|x| x.trim().eq_ignore_ascii_case(t)))
    }
    let exclude = options.exclude_tags.as_slice();
    let excluded = |p: &Placed<'w>| -> Option<&'w str> {
        excluded_tag(p.element, exclude)
            .or_else(|| p.container.and_then(|c| excluded_tag(c, exclude)))
            .or_else(|| excluded_tag(p.system, exclude))
    };
    // The tags the workspace uses, for the report (those of Structurizr's
    // own aside), so that a future-state tag is found to exclude.
    let mut used_tags: BTreeSet<String> = BTreeSet::new();
    for placed in &elements {
        for t in tags_of(placed.element) {
            if !BUILT_IN_TAGS.contains(&t.to_lowercase().as_str()) {
                used_tags.insert(t.to_string());
            }
        }
    }
    report.source_tags = used_tags.into_iter().collect();
    let mut left_out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut by_id: HashMap<&str, &Placed<'_>> = HashMap::new();
    for placed in &elements {
        if by_id.contains_key(placed.element.id.as_str()) {
            issues.push(issue(
                placed.label(),
                format!("{}.id", placed.path),
                format!(
                    "the id {:?} is used twice; the first element keeps it",
                    placed.element.id
                ),
            ));
            continue;
        }
        by_id.insert(placed.element.id.as_str(), placed);
    }

    // The elements that become services, in a stable order: by name, then id.
    let is_service = |p: &Placed<'_>| match (options.level, p.kind) {
        (Level::System, ElementKind::System) => true,
        (Level::Container, ElementKind::Container) => true,
        (Level::Container, ElementKind::System) => p.element.containers.is_empty(),
        _ => false,
    };
    let mut service_elements: Vec<&Placed<'_>> = elements
        .iter()
        .filter(|p| {
            is_service(p)
                && by_id
                    .get(p.element.id.as_str())
                    .is_some_and(|q| std::ptr::eq(*q, *p))
        })
        .filter(|p| match excluded(p) {
            Some(tag) => {
                left_out
                    .entry(tag.to_string())
                    .or_default()
                    .push(p.element.name.clone());
                false
            }
            None => true,
        })
        .collect();
    service_elements.sort_by(|a, b| {
        (a.element.name.to_lowercase(), &a.element.id)
            .cmp(&(b.element.name.to_lowercase(), &b.element.id))
    });

    let mut taken: HashSet<String> = HashSet::new();
    let mut service_ids: HashMap<&str, Id> = HashMap::new();
    for placed in &service_elements {
        let id = slug_id(&placed.element.name, |c| taken.contains(c));
        taken.insert(id.as_str().to_string());
        service_ids.insert(placed.element.id.as_str(), id);
    }

    // Owners, and a team per owner name.
    let owner_of = |placed: &Placed<'_>| {
        owner_name(placed.element).or_else(|| match placed.kind {
            ElementKind::Container => owner_name(placed.system),
            _ => None,
        })
    };
    let owner_names: BTreeSet<String> = service_elements
        .iter()
        .filter_map(|p| owner_of(p))
        .collect();
    let mut team_ids: BTreeMap<String, Id> = BTreeMap::new();
    let mut teams = Vec::new();
    for name in owner_names {
        let base = slug_id(&name, |_| false);
        let id = if taken.contains(base.as_str()) {
            slug_id(&format!("{name} team"), |c| taken.contains(c))
        } else {
            base
        };
        taken.insert(id.as_str().to_string());
        teams.push(Team {
            id: id.clone(),
            name: clip_name(&name),
            team_type: TeamType::StreamAligned,
            members: None,
            color: None,
        });
        team_ids.insert(name, id);
    }

    // Positions: the first view that shows the element.
    let views = &workspace.views;
    let mut positions: HashMap<&str, (f64, f64)> = HashMap::new();
    for view in [
        &views.system_landscape_views,
        &views.system_context_views,
        &views.container_views,
        &views.component_views,
        &views.dynamic_views,
        &views.deployment_views,
    ]
    .into_iter()
    .flatten()
    {
        for e in &view.elements {
            if let (Some(x), Some(y)) = (e.x, e.y)
                && x.abs() <= MAX_COORDINATE
                && y.abs() <= MAX_COORDINATE
            {
                positions.entry(e.id.as_str()).or_insert((x, y));
            }
        }
    }

    // A workspace exported with automatic layout stores every element at
    // one point: that is no position at all, and none is kept (the caller
    // lays the services out). Elements without a position leave the others'
    // alone.
    let mut points = service_elements
        .iter()
        .filter_map(|p| positions.get(p.element.id.as_str()));
    let all_on_one_point = match points.next() {
        Some(first) => {
            let mut rest = points.peekable();
            rest.peek().is_some() && rest.all(|p| p == first)
        }
        None => false,
    };
    if all_on_one_point {
        positions.clear();
    }

    let mut services = Vec::new();
    for placed in &service_elements {
        let Some(id) = service_ids.get(placed.element.id.as_str()) else {
            continue;
        };
        let position = positions.get(placed.element.id.as_str());
        services.push(Service {
            id: id.clone(),
            name: if placed.element.name.trim().is_empty() {
                format!("Element {}", clip_name(&placed.element.id))
            } else {
                clip_name(&placed.element.name)
            },
            kind: service_kind(placed.element),
            owner: owner_of(placed).and_then(|name| team_ids.get(&name).cloned()),
            x: position.map(|p| p.0),
            y: position.map(|p| p.1),
            description: clip_description(&placed.element.description),
        });
    }

    // The service an element counts as at the chosen level.
    let service_of = |id: &str| -> Result<&Id, NoService> {
        let placed = by_id.get(id).ok_or(NoService::Unknown)?;
        if excluded(placed).is_some() {
            return Err(NoService::Excluded);
        }
        let holder = match (options.level, placed.kind) {
            (_, ElementKind::Person) => return Err(NoService::Person),
            (Level::System, _) => placed.system,
            (Level::Container, ElementKind::System) => {
                if !placed.element.containers.is_empty() {
                    return Err(NoService::SystemWithContainers);
                }
                placed.system
            }
            (Level::Container, _) => placed.container.unwrap_or(placed.system),
        };
        service_ids
            .get(holder.id.as_str())
            .ok_or(NoService::Unknown)
    };

    let kinds: HashMap<&Id, ServiceKind> = services.iter().map(|s| (&s.id, s.kind)).collect();
    let mut links = LinkSet::new();
    let mut with_people = Vec::new();
    let mut between_systems = Vec::new();
    let mut internal = Vec::new();
    let mut with_excluded = Vec::new();
    for placed in &elements {
        for (r, relationship) in placed.element.relationships.iter().enumerate() {
            let field = format!("{}.relationships[{r}]", placed.path);
            // A skipped relationship is named by its elements' names (an
            // element's id is a number nobody reads).
            let element_name = |id: &str| {
                by_id
                    .get(id)
                    .map(|p| p.element.name.trim())
                    .filter(|n| !n.is_empty())
                    .map_or_else(|| format!("element {id}"), str::to_string)
            };
            let name = || {
                format!(
                    "{} -> {}",
                    element_name(&relationship.source_id),
                    element_name(&relationship.destination_id)
                )
            };
            let ends = [
                ("sourceId", &relationship.source_id),
                ("destinationId", &relationship.destination_id),
            ]
            .map(|(f, id)| (f, id, service_of(id)));
            let mut resolved = Vec::new();
            let mut skipped = false;
            for (end_field, id, service) in ends {
                match service {
                    Ok(service) => resolved.push(service),
                    Err(NoService::Person) => {
                        with_people.push(name());
                        skipped = true;
                    }
                    Err(NoService::SystemWithContainers) => {
                        between_systems.push(name());
                        skipped = true;
                    }
                    Err(NoService::Excluded) => {
                        with_excluded.push(name());
                        skipped = true;
                    }
                    Err(NoService::Unknown) => {
                        issues.push(issue(
                            placed.label(),
                            format!("{field}.{end_field}"),
                            format!("no element has the id {id:?}; the relationship is left out"),
                        ));
                        skipped = true;
                    }
                }
                if skipped {
                    break;
                }
            }
            let [from, to] = resolved[..] else { continue };
            if from == to {
                internal.push(name());
                continue;
            }
            // Reading or writing a datastore is a data link, as the
            // Backstage importer makes it, so data-silo can fire.
            let into_datastore = kinds.get(to) == Some(&ServiceKind::Datastore);
            let kind = if relationship
                .interaction_style
                .eq_ignore_ascii_case("asynchronous")
            {
                LinkKind::Event
            } else if into_datastore {
                LinkKind::Data
            } else {
                LinkKind::Sync
            };
            add_link(
                &mut links,
                from,
                to,
                kind,
                clip_name(&relationship.description),
            );
        }
    }
    for (entities, kind, reason) in [
        (with_people, "relationship", "people are not on the map"),
        (
            between_systems,
            "relationship",
            "names a software system that has containers; its containers' relationships are imported (--level system imports systems)",
        ),
        (internal, "relationship", "inside one service at this level"),
        (
            with_excluded,
            "relationship",
            "names an element left out with --exclude-tag",
        ),
    ] {
        if !entities.is_empty() {
            report.skipped.push(Skipped {
                kind: kind.into(),
                reason: reason.into(),
                entities,
            });
        }
    }
    for (tag, entities) in left_out {
        report.skipped.push(Skipped {
            kind: "element".into(),
            reason: format!("tagged {tag:?}, left out with --exclude-tag"),
            entities,
        });
    }
    let people: Vec<String> = workspace
        .model
        .people
        .iter()
        .map(|p| p.name.clone())
        .collect();
    if !people.is_empty() {
        report.skipped.push(Skipped {
            kind: "person".into(),
            reason: "people are not on the map".into(),
            entities: people,
        });
    }

    // Each dynamic view is a story of interactions: a value stream whose
    // steps are the services it passes through, in order. A service the
    // story comes back to keeps the step where it first appears (a stream
    // passes through a service once).
    let relationships: HashMap<&str, &Relationship> = elements
        .iter()
        .flat_map(|p| &p.element.relationships)
        .filter(|r| !r.id.is_empty())
        .map(|r| (r.id.as_str(), r))
        .collect();
    let mut streams = Vec::new();
    let mut stream_ids: HashSet<String> = HashSet::new();
    let mut revisits = Vec::new();
    let mut too_short = Vec::new();
    for (v, view) in workspace.views.dynamic_views.iter().enumerate() {
        let name = [view.title.trim(), view.key.trim()]
            .into_iter()
            .find(|n| !n.is_empty())
            .map_or_else(|| format!("Dynamic view {}", v + 1), clip_name);
        let mut interactions: Vec<(Vec<u64>, usize, &RelationshipView)> = view
            .relationships
            .iter()
            .enumerate()
            .map(|(i, r)| (order_key(&r.order), i, r))
            .collect();
        interactions.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        let mut steps: Vec<Step> = Vec::new();
        let mut came_back = false;
        for (_, _, interaction) in interactions {
            let Some(r) = relationships.get(interaction.id.as_str()) else {
                continue;
            };
            let what = if interaction.description.trim().is_empty() {
                &r.description
            } else {
                &interaction.description
            };
            for (end, stage) in [(&r.source_id, ""), (&r.destination_id, what.as_str())] {
                let Ok(service) = service_of(end) else {
                    continue;
                };
                match steps.iter().position(|s| &s.service == service) {
                    Some(at) => came_back |= at + 1 != steps.len(),
                    None => steps.push(Step {
                        service: service.clone(),
                        stage: clip_stage(stage),
                        work: None,
                        wait: None,
                        complete_accurate: None,
                    }),
                }
            }
        }
        if steps.len() < 2 {
            too_short.push(name);
            continue;
        }
        if came_back {
            revisits.push(name.clone());
        }
        let id = slug_id(&name, |c| taken.contains(c) || stream_ids.contains(c));
        stream_ids.insert(id.as_str().to_string());
        streams.push(Stream {
            id,
            name,
            owner: None,
            customer: String::new(),
            description: clip_description(&view.description),
            color: None,
            steps,
        });
    }
    if !streams.is_empty() {
        report.remarks.push(format!(
            "{} from dynamic views, owned by nobody: drafts to check.",
            crate::analysis::plural(streams.len(), "stream")
        ));
    }
    if !revisits.is_empty() {
        report.remarks.push(format!(
            "Back to an earlier service in {}: the service keeps the step where it first appears.",
            revisits.join(", ")
        ));
    }
    if !too_short.is_empty() {
        report.skipped.push(Skipped {
            kind: "dynamic view".into(),
            reason: "passes through fewer than two services at this level".into(),
            entities: too_short,
        });
    }

    let level = match options.level {
        Level::System => "software system",
        Level::Container => "container",
    };
    let map = Map {
        name: options
            .name
            .as_deref()
            .or(Some(workspace.name.as_str()))
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map_or_else(|| "Imported Structurizr workspace".to_string(), clip_name),
        description: clip_description(&format!(
            "Imported from the Structurizr workspace {} at the {level} level by `vsmap import structurizr`. {}",
            path.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            workspace.description
        )),
        teams,
        services,
        links: into_links(links),
        streams,
        ..Map::default()
    };
    report.issues = issues;
    Ok((map, report))
}

/// The owner an element names: a property `Owner` (else `Team`), any case,
/// else a perspective of that name (its value, else its description).
fn owner_name(element: &Element) -> Option<String> {
    let non_empty = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    for wanted in ["owner", "team"] {
        let property = element
            .properties
            .iter()
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(wanted))
            .and_then(|(_, v)| v.as_str())
            .and_then(non_empty);
        let perspective = || {
            element
                .perspectives
                .iter()
                .find(|p| p.name.trim().eq_ignore_ascii_case(wanted))
                .and_then(|p| non_empty(&p.value).or_else(|| non_empty(&p.description)))
        };
        if let Some(owner) = property.or_else(perspective) {
            return Some(owner);
        }
    }
    None
}

/// The service kind an element's tags and location name.
fn service_kind(element: &Element) -> ServiceKind {
    let tags: HashSet<String> = element
        .tags
        .split(',')
        .map(|t| t.trim().to_lowercase())
        .collect();
    let has = |names: &[&str]| names.iter().any(|n| tags.contains(*n));
    if element.location.eq_ignore_ascii_case("external") || has(&["external", "external system"]) {
        ServiceKind::External
    } else if has(&["database", "datastore", "data store"]) {
        ServiceKind::Datastore
    } else if has(&[
        "web browser",
        "mobile app",
        "frontend",
        "single-page application",
    ]) {
        ServiceKind::Frontend
    } else if has(&["gateway", "api gateway"]) {
        ServiceKind::Gateway
    } else if has(&["legacy", "legacy system"]) {
        ServiceKind::Legacy
    } else if has(&["acl", "anti-corruption layer"]) {
        ServiceKind::Acl
    } else {
        ServiceKind::Service
    }
}

/// A step's stage from an interaction's description, cut short: it labels
/// the step on the canvas.
fn clip_stage(text: &str) -> String {
    const MAX_STAGE_CHARS: usize = 60;
    let text = text.trim();
    match text.char_indices().nth(MAX_STAGE_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}
