//! Importing a Backstage software catalog: `catalog-info.yaml` files (any
//! number of YAML documents each) into teams, services, links and,
//! optionally, draft streams.
//!
//! | Backstage | vsmap |
//! |---|---|
//! | `Group` | team: name from `metadata.title`, `spec.profile.displayName` or `metadata.name`; type from `spec.type` ([`team_type`]); members counted from `spec.members` and the users whose `spec.memberOf` names it |
//! | `Component` | service: `spec.type` `website` (or `frontend`, `web`, `mobile`, `mobile-app`) → frontend, `gateway` / `api-gateway` → gateway, `legacy` → legacy, anything else → service; `library` is skipped unless asked for; `spec.owner` → owner |
//! | `Resource` of `spec.type` `database` (or `db`, `datastore`) | datastore service; other resources are skipped |
//! | `spec.dependsOn` | `sync` link to a component, `data` link to a datastore (`spec.dependencyOf` the same, reversed) |
//! | `spec.consumesApis` / `spec.providesApis` | `sync` link from each consumer to each provider of the API, labelled with the API's name |
//! | `System` | with `systems_as_streams`, a draft stream of its components in dependency order, owned by the system's owner; else skipped |
//! | `User` | not on the map; an owner `user:x` means the first group in the user's `spec.memberOf` |
//! | anything else (`Domain`, `Location`, `Template`, …) | skipped |
//!
//! Entity references are read as Backstage reads them: `[kind:][namespace/]name`,
//! the namespace defaulting to the referring entity's own (normally
//! `default`), kind, namespace and name compared case-insensitively. Where a
//! field has no default kind (`dependsOn`), a bare name is looked up among
//! components, then resources, then APIs.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::yaml::{Node, YamlError, load_documents};
use super::{
    ImportError, ImportIssue, ImportReport, Imported, LinkSet, MAX_IMPORT_ENTITIES,
    MAX_IMPORT_FILES, Skipped, add_link, clip_description, clip_name, finish, into_links,
    read_import_file,
};
use crate::model::{
    Id, Link, LinkKind, Map, Service, ServiceKind, Step, Stream, Team, TeamType, slug_id,
};

/// Choices a Backstage import leaves to the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackstageOptions {
    /// The map's name; "Imported Backstage catalog" when `None`.
    pub name: Option<String>,
    /// Import `Component`s of type `library` as services (they are code
    /// that runs inside other services, so they are left out by default).
    pub include_libraries: bool,
    /// Turn each `System` into a draft stream of its components.
    pub systems_as_streams: bool,
}

/// One catalog file's content, for importing what is already in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogFile {
    /// Where it came from; names the file in messages and decides the order
    /// files are read in.
    pub path: PathBuf,
    /// Its bytes (UTF-8 YAML, any number of documents).
    pub bytes: Vec<u8>,
}

/// Finds, reads and imports the catalog at `paths`: YAML files, or folders
/// searched recursively for `*.yaml` and `*.yml` (see [`find_catalog_files`]).
pub fn import_paths(
    paths: &[PathBuf],
    options: &BackstageOptions,
) -> Result<Imported, ImportError> {
    let files = find_catalog_files(paths)?;
    let sources = files
        .into_iter()
        .map(|path| {
            let bytes = read_import_file(&path)?;
            Ok(CatalogFile { path, bytes })
        })
        .collect::<Result<Vec<_>, ImportError>>()?;
    import_files(&sources, options)
}

/// The YAML files at `paths`, sorted and without repeats: a path that is a
/// file is taken whatever its name; a folder is searched recursively for
/// `*.yaml` and `*.yml`, leaving out hidden entries (`.git`) and
/// `node_modules`, and not following links to folders (which could loop).
pub fn find_catalog_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ImportError> {
    let mut found = BTreeSet::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| ImportError::Io {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            walk(path, &mut found, 0)?;
        } else {
            found.insert(path.clone());
        }
        if found.len() > MAX_IMPORT_FILES {
            return Err(ImportError::TooManyFiles);
        }
    }
    if found.is_empty() {
        return Err(ImportError::NothingFound {
            what: "*.yaml or *.yml files",
            paths: paths.to_vec(),
        });
    }
    Ok(found.into_iter().collect())
}

/// Folders nested deeper than this are not searched.
const MAX_FOLDER_DEPTH: usize = 64;

fn walk(dir: &Path, found: &mut BTreeSet<PathBuf>, depth: usize) -> Result<(), ImportError> {
    if depth > MAX_FOLDER_DEPTH {
        return Ok(());
    }
    let io = |source| ImportError::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "node_modules" {
            continue;
        }
        let path = entry.path();
        let file_type = entry.file_type().map_err(io)?;
        if file_type.is_dir() {
            walk(&path, found, depth + 1)?;
        } else if (name.ends_with(".yaml") || name.ends_with(".yml"))
            // A link is taken when it leads to a file, never followed into a folder.
            && std::fs::metadata(&path).is_ok_and(|m| m.is_file())
        {
            found.insert(path);
            if found.len() > MAX_IMPORT_FILES {
                return Err(ImportError::TooManyFiles);
            }
        }
    }
    Ok(())
}

/// Imports catalog files already read. Files are taken in path order (a
/// path given twice is read once), so the result does not depend on the
/// order of `files`.
pub fn import_files(
    files: &[CatalogFile],
    options: &BackstageOptions,
) -> Result<Imported, ImportError> {
    let mut sorted: Vec<&CatalogFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    sorted.dedup_by(|a, b| a.path == b.path);

    let mut documents = Vec::with_capacity(sorted.len());
    for file in &sorted {
        let nodes = load_documents(&file.bytes).map_err(|e| match e {
            YamlError::Syntax { location, message } => ImportError::Malformed {
                path: file.path.clone(),
                location,
                message: format!("malformed YAML: {message}"),
            },
            YamlError::Expansion { limit } => ImportError::AliasExpansion {
                path: file.path.clone(),
                limit,
            },
        })?;
        documents.push((file.path.as_path(), nodes));
    }
    let mut catalog = Catalog::default();
    let mut notes = Notes::default();
    for (path, nodes) in &documents {
        for (i, node) in nodes.iter().enumerate() {
            catalog.add(&mut notes, path, i + 1, node);
            if catalog.entities.len() > MAX_IMPORT_ENTITIES {
                return Err(ImportError::TooManyEntities);
            }
        }
    }
    let map = catalog.build(options, &mut notes);
    let report = ImportReport {
        source: "Backstage catalog".into(),
        files: sorted.len(),
        skipped: notes
            .skipped
            .into_iter()
            .map(|((kind, reason), entities)| Skipped {
                kind,
                reason,
                entities,
            })
            .collect(),
        issues: notes.issues,
        ..ImportReport::default()
    };
    finish(map, report)
}

/// An entity's identity: kind, namespace and name, lower-cased as Backstage
/// compares them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Key {
    kind: String,
    namespace: String,
    name: String,
}

/// One entity as read.
struct Entity<'a> {
    file: &'a Path,
    /// Which YAML document of the file, from 1.
    document: usize,
    /// Kind as Backstage writes it in references (lower case).
    kind: String,
    namespace: String,
    /// The name as written.
    name: String,
    node: &'a Node,
}

impl Entity<'_> {
    /// `component:default/payments`.
    fn reference(&self) -> String {
        format!("{}:{}/{}", self.kind, self.namespace, self.name)
    }

    fn text(&self, path: &[&str]) -> Option<&str> {
        self.node
            .at(path)
            .and_then(Node::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    fn spec_type(&self) -> String {
        self.text(&["spec", "type"]).unwrap_or("").to_lowercase()
    }

    /// `metadata.title`, else the given fallbacks, else `metadata.name`.
    fn display_name(&self, also: &[&[&str]]) -> String {
        let title = std::iter::once(&["metadata", "title"][..])
            .chain(also.iter().copied())
            .find_map(|path| self.text(path));
        clip_name(title.unwrap_or(&self.name))
    }
}

/// A parsed entity reference; `kind` is `None` when the text gave none.
#[derive(Debug, PartialEq, Eq)]
struct Reference {
    kind: Option<String>,
    namespace: String,
    name: String,
}

/// Parses `[kind:][namespace/]name` (lower-cased); `None` for text that is
/// not a reference (an empty part, a stray `:` or `/`).
fn parse_reference(text: &str, own_namespace: &str) -> Option<Reference> {
    let text = text.trim();
    let (kind, rest) = match text.split_once(':') {
        Some((kind, rest)) => (Some(kind.trim().to_lowercase()), rest),
        None => (None, text),
    };
    let (namespace, name) = match rest.split_once('/') {
        Some((namespace, name)) => (namespace.trim().to_lowercase(), name.trim()),
        None => (own_namespace.to_string(), rest.trim()),
    };
    let bad = |s: &str| s.is_empty() || s.contains([':', '/']);
    if kind.as_deref().is_some_and(bad) || bad(&namespace) || bad(name) {
        return None;
    }
    Some(Reference {
        kind,
        namespace,
        name: name.to_lowercase(),
    })
}

/// The result of looking a reference up.
enum Lookup<'c, 'a> {
    Found(&'c Key, &'c Entity<'a>),
    /// Not in the catalog; the text says what was looked for.
    Missing(String),
    NotAReference,
}

/// What a mapped entity becomes in the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Service,
    Team,
    Stream,
}

impl Role {
    fn suffix(self) -> &'static str {
        match self {
            Role::Service => "service",
            Role::Team => "team",
            Role::Stream => "stream",
        }
    }
}

/// Every entity read, by key; nothing changes it once loading is done.
#[derive(Default)]
struct Catalog<'a> {
    entities: BTreeMap<Key, Entity<'a>>,
}

/// What the import reports besides the map.
#[derive(Default)]
struct Notes {
    issues: Vec<ImportIssue>,
    skipped: BTreeMap<(String, String), Vec<String>>,
}

impl Notes {
    fn issue(&mut self, entity: &Entity<'_>, field: impl Into<String>, message: String) {
        self.issues.push(ImportIssue {
            file: entity.file.to_path_buf(),
            entity: entity.reference(),
            field: field.into(),
            message,
        });
    }

    fn skip(&mut self, kind: impl Into<String>, reason: &str, entity: String) {
        self.skipped
            .entry((kind.into(), reason.to_string()))
            .or_default()
            .push(entity);
    }
}

/// The items of a list of references: text items, `None` for anything
/// else. A single text stands for a list of one (lenient where Backstage
/// is strict).
fn list_items(node: Option<&Node>) -> Vec<Option<&str>> {
    match node {
        None | Some(Node::Null) => Vec::new(),
        Some(Node::Seq(items)) => items.iter().map(Node::as_str).collect(),
        Some(Node::Scalar(text)) => vec![Some(text.as_str())],
        Some(Node::Map(_)) => vec![None],
    }
}

impl<'a> Catalog<'a> {
    /// Takes one YAML document: an entity, or something reported.
    fn add(&mut self, notes: &mut Notes, file: &'a Path, number: usize, node: &'a Node) {
        let text = |path: &[&str]| {
            node.at(path)
                .and_then(Node::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let Some(kind) = text(&["kind"]) else {
            notes.skip(
                "YAML document",
                "not a catalog entity (no kind)",
                format!("{} (document {number})", file.display()),
            );
            return;
        };
        let Some(name) = text(&["metadata", "name"]) else {
            notes.issues.push(ImportIssue {
                file: file.to_path_buf(),
                entity: format!("{} (document {number})", kind.to_lowercase()),
                field: "metadata.name".into(),
                message: "missing or not text; the entity is skipped".into(),
            });
            return;
        };
        let entity = Entity {
            file,
            document: number,
            kind: kind.to_lowercase(),
            namespace: text(&["metadata", "namespace"])
                .unwrap_or("default")
                .to_lowercase(),
            name: name.to_string(),
            node,
        };
        let key = Key {
            kind: entity.kind.clone(),
            namespace: entity.namespace.clone(),
            name: entity.name.to_lowercase(),
        };
        if let Some(first) = self.entities.get(&key) {
            let message = format!(
                "defined again in document {number} (first in {}, document {}); the first definition is kept",
                first.file.display(),
                first.document
            );
            notes.issue(&entity, "metadata.name", message);
            return;
        }
        self.entities.insert(key, entity);
    }

    /// Looks a reference up, trying `kinds` in order when the text names no
    /// kind.
    fn lookup(&self, text: &str, own_namespace: &str, kinds: &[&str]) -> Lookup<'_, 'a> {
        let Some(reference) = parse_reference(text, own_namespace) else {
            return Lookup::NotAReference;
        };
        let candidates: Vec<&str> = match &reference.kind {
            Some(kind) => vec![kind.as_str()],
            None => kinds.to_vec(),
        };
        for kind in &candidates {
            let key = Key {
                kind: (*kind).to_string(),
                namespace: reference.namespace.clone(),
                name: reference.name.clone(),
            };
            if let Some((key, entity)) = self.entities.get_key_value(&key) {
                return Lookup::Found(key, entity);
            }
        }
        let tried: Vec<String> = candidates
            .iter()
            .map(|kind| format!("{kind}:{}/{}", reference.namespace, reference.name))
            .collect();
        Lookup::Missing(tried.join(" or "))
    }

    fn of_kind<'s>(&'s self, kind: &'s str) -> impl Iterator<Item = (&'s Key, &'s Entity<'a>)> {
        self.entities.iter().filter(move |(k, _)| k.kind == kind)
    }

    fn build(&self, options: &BackstageOptions, notes: &mut Notes) -> Map {
        let roles = self.roles(options);
        let ids = assign_ids(&self.entities, &roles);
        let user_teams = self.user_teams(&ids);
        let mut map = Map {
            name: options
                .name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map_or_else(|| "Imported Backstage catalog".to_string(), clip_name),
            description: "Imported from a Backstage catalog by `vsmap import backstage`: teams \
                from groups, services from components and databases, links from dependencies \
                and APIs. Check it, then set `reviewed`."
                .into(),
            ..Map::default()
        };
        map.teams = self.teams(&ids);
        map.services = self.services(&ids, &user_teams, notes);
        let providers = self.providers(&ids, notes);
        let mut links = LinkSet::new();
        self.dependencies(&ids, &providers, &mut links, notes);
        self.api_links(&ids, &providers, &mut links, notes);
        map.links = into_links(links);
        if options.systems_as_streams {
            map.streams = self.streams(&ids, &user_teams, &map, notes);
        }
        self.skip_the_rest(&roles, options, notes);
        map
    }

    /// Which entities become what.
    fn roles(&self, options: &BackstageOptions) -> BTreeMap<Key, Role> {
        let mut roles = BTreeMap::new();
        for (key, entity) in &self.entities {
            let role = match entity.kind.as_str() {
                "group" => Some(Role::Team),
                "component" => (entity.spec_type() != "library" || options.include_libraries)
                    .then_some(Role::Service),
                "resource" => is_database(&entity.spec_type()).then_some(Role::Service),
                "system" if options.systems_as_streams => Some(Role::Stream),
                _ => None,
            };
            if let Some(role) = role {
                roles.insert(key.clone(), role);
            }
        }
        roles
    }

    /// The team each user owns through: the first group of its
    /// `spec.memberOf` that exists.
    fn user_teams(&self, ids: &HashMap<Key, Id>) -> HashMap<Key, Id> {
        let mut teams = HashMap::new();
        for (key, user) in self.of_kind("user") {
            for text in list_items(user.node.at(&["spec", "memberOf"]))
                .into_iter()
                .flatten()
            {
                if let Lookup::Found(group, _) = self.lookup(text, &user.namespace, &["group"])
                    && let Some(id) = ids.get(group)
                {
                    teams.insert(key.clone(), id.clone());
                    break;
                }
            }
        }
        teams
    }

    fn teams(&self, ids: &HashMap<Key, Id>) -> Vec<Team> {
        // Members: the users a group lists, and the users that list it.
        let mut members: HashMap<&Key, BTreeSet<String>> = HashMap::new();
        for (key, group) in self.of_kind("group") {
            let listed = members.entry(key).or_default();
            for text in list_items(group.node.at(&["spec", "members"]))
                .into_iter()
                .flatten()
            {
                if let Some(r) = parse_reference(text, &group.namespace) {
                    listed.insert(format!("{}/{}", r.namespace, r.name));
                }
            }
        }
        for (key, user) in self.of_kind("user") {
            for text in list_items(user.node.at(&["spec", "memberOf"]))
                .into_iter()
                .flatten()
            {
                if let Lookup::Found(group, _) = self.lookup(text, &user.namespace, &["group"]) {
                    members
                        .entry(group)
                        .or_default()
                        .insert(format!("{}/{}", key.namespace, key.name));
                }
            }
        }
        let mut teams = Vec::new();
        for (key, group) in self.of_kind("group") {
            let Some(id) = ids.get(key) else { continue };
            let count = members.get(key).map_or(0, BTreeSet::len);
            teams.push(Team {
                id: id.clone(),
                name: group.display_name(&[&["spec", "profile", "displayName"]]),
                team_type: team_type(&group.spec_type()),
                members: (count > 0).then(|| u32::try_from(count).unwrap_or(u32::MAX)),
                color: None,
            });
        }
        teams
    }

    /// Resolves an entity's `spec.owner` to a team, reporting what does not
    /// resolve. A missing owner is not reported: the `unowned-service` rule
    /// flags it.
    fn owner(
        &self,
        entity: &Entity<'_>,
        ids: &HashMap<Key, Id>,
        user_teams: &HashMap<Key, Id>,
        notes: &mut Notes,
    ) -> Option<Id> {
        let node = entity.node.at(&["spec", "owner"])?;
        let Some(text) = node.as_str().map(str::trim).filter(|t| !t.is_empty()) else {
            if *node != Node::Null {
                notes.issue(
                    entity,
                    "spec.owner",
                    "not an entity reference; left unowned".into(),
                );
            }
            return None;
        };
        let message = match self.lookup(text, &entity.namespace, &["group", "user"]) {
            Lookup::Found(key, _) if key.kind == "group" => return ids.get(key).cloned(),
            Lookup::Found(key, _) if key.kind == "user" => match user_teams.get(key) {
                Some(team) => return Some(team.clone()),
                None => format!(
                    "the owner {text:?} is a user in no known group (spec.memberOf); left unowned"
                ),
            },
            Lookup::Found(key, _) => format!(
                "the owner {text:?} is a {}, not a group or a user; left unowned",
                key.kind
            ),
            Lookup::Missing(wanted) => {
                format!("unknown owner {text:?} (no {wanted}); left unowned")
            }
            Lookup::NotAReference => format!("{text:?} is not an entity reference; left unowned"),
        };
        notes.issue(entity, "spec.owner", message);
        None
    }

    fn services(
        &self,
        ids: &HashMap<Key, Id>,
        user_teams: &HashMap<Key, Id>,
        notes: &mut Notes,
    ) -> Vec<Service> {
        let mut services = Vec::new();
        for (key, entity) in &self.entities {
            let kind = match entity.kind.as_str() {
                "component" => component_kind(&entity.spec_type()),
                "resource" => ServiceKind::Datastore,
                _ => continue,
            };
            let Some(id) = ids.get(key) else { continue };
            services.push(Service {
                id: id.clone(),
                name: entity.display_name(&[]),
                kind,
                owner: self.owner(entity, ids, user_teams, notes),
                x: None,
                y: None,
                description: clip_description(
                    entity.text(&["metadata", "description"]).unwrap_or(""),
                ),
            });
        }
        services
    }

    /// The services providing each API (`spec.providesApis`), reporting
    /// references to APIs that do not exist.
    fn providers(&self, ids: &HashMap<Key, Id>, notes: &mut Notes) -> HashMap<Key, BTreeSet<Id>> {
        let mut providers: HashMap<Key, BTreeSet<Id>> = HashMap::new();
        for (key, entity) in self.of_kind("component") {
            let items = list_items(entity.node.at(&["spec", "providesApis"]));
            for (i, item) in items.into_iter().enumerate() {
                let field = format!("spec.providesApis[{i}]");
                match self.lookup_api(item, entity) {
                    Ok(api) => {
                        if let Some(id) = ids.get(key) {
                            providers.entry(api.clone()).or_default().insert(id.clone());
                        }
                    }
                    Err(message) => notes.issue(entity, field, message),
                }
            }
        }
        providers
    }

    fn lookup_api(&self, item: Option<&str>, entity: &Entity<'_>) -> Result<&Key, String> {
        let Some(text) = item else {
            return Err("not an entity reference".into());
        };
        match self.lookup(text, &entity.namespace, &["api"]) {
            Lookup::Found(key, _) if key.kind == "api" => Ok(key),
            Lookup::Found(key, _) => Err(format!("{text:?} is a {}, not an API", key.kind)),
            Lookup::Missing(wanted) => Err(format!("unknown API {text:?} (no {wanted})")),
            Lookup::NotAReference => Err(format!("{text:?} is not an entity reference")),
        }
    }

    /// `spec.dependsOn` and `spec.dependencyOf` of components and resources.
    fn dependencies(
        &self,
        ids: &HashMap<Key, Id>,
        providers: &HashMap<Key, BTreeSet<Id>>,
        links: &mut LinkSet,
        notes: &mut Notes,
    ) {
        for (key, entity) in &self.entities {
            if !matches!(entity.kind.as_str(), "component" | "resource") {
                continue;
            }
            let own = ids.get(key);
            for (field, reversed) in [("dependsOn", false), ("dependencyOf", true)] {
                let items = list_items(entity.node.at(&["spec", field]));
                for (i, item) in items.into_iter().enumerate() {
                    let place = format!("spec.{field}[{i}]");
                    let Some(text) = item else {
                        notes.issue(entity, place, "not an entity reference".into());
                        continue;
                    };
                    let kinds = ["component", "resource", "api"];
                    let (target, target_entity) = match self.lookup(text, &entity.namespace, &kinds)
                    {
                        Lookup::Found(target, target_entity) => (target, target_entity),
                        Lookup::Missing(wanted) => {
                            let message = format!("dangling dependency {text:?} (no {wanted})");
                            notes.issue(entity, place, message);
                            continue;
                        }
                        Lookup::NotAReference => {
                            let message = format!("{text:?} is not an entity reference");
                            notes.issue(entity, place, message);
                            continue;
                        }
                    };
                    // A library or a resource that is not a database is
                    // resolved but not on the map: no link, nothing to report.
                    let Some(own) = own else { continue };
                    let mut add = |other: &Id, kind: LinkKind, label: String| {
                        let (from, to) = if reversed { (other, own) } else { (own, other) };
                        add_link(links, from, to, kind, label);
                    };
                    match target.kind.as_str() {
                        "api" => {
                            let label = target_entity.display_name(&[]);
                            for provider in providers.get(target).into_iter().flatten() {
                                add(provider, LinkKind::Sync, label.clone());
                            }
                        }
                        "component" | "resource" => {
                            let Some(other) = ids.get(target) else { continue };
                            // Depending on a database reads its data.
                            let data = if reversed { key.kind == "resource" } else { target.kind == "resource" };
                            let kind = if data { LinkKind::Data } else { LinkKind::Sync };
                            add(other, kind, String::new());
                        }
                        other => notes.issue(
                            entity,
                            place,
                            format!("{text:?} is a {other}; only components, resources and APIs become links"),
                        ),
                    }
                }
            }
        }
    }

    /// `spec.consumesApis`: a `sync` link from the consumer to each provider.
    fn api_links(
        &self,
        ids: &HashMap<Key, Id>,
        providers: &HashMap<Key, BTreeSet<Id>>,
        links: &mut LinkSet,
        notes: &mut Notes,
    ) {
        for (key, entity) in self.of_kind("component") {
            let items = list_items(entity.node.at(&["spec", "consumesApis"]));
            for (i, item) in items.into_iter().enumerate() {
                let field = format!("spec.consumesApis[{i}]");
                let api = match self.lookup_api(item, entity) {
                    Ok(api) => api,
                    Err(message) => {
                        notes.issue(entity, field, message);
                        continue;
                    }
                };
                let Some(api_providers) = providers.get(api) else {
                    let message = format!(
                        "the API {} has no provider (no component lists it in spec.providesApis)",
                        self.entities
                            .get(api)
                            .map_or_else(String::new, Entity::reference)
                    );
                    notes.issue(entity, field, message);
                    continue;
                };
                let Some(own) = ids.get(key) else { continue };
                let label = self
                    .entities
                    .get(api)
                    .map(|a| a.display_name(&[]))
                    .unwrap_or_default();
                for provider in api_providers {
                    add_link(links, own, provider, LinkKind::Sync, label.clone());
                }
            }
        }
    }

    /// Draft streams: each system's services in dependency order.
    fn streams(
        &self,
        ids: &HashMap<Key, Id>,
        user_teams: &HashMap<Key, Id>,
        map: &Map,
        notes: &mut Notes,
    ) -> Vec<Stream> {
        let mut members: HashMap<&Key, Vec<&Service>> = HashMap::new();
        let services: HashMap<&Id, &Service> = map.services.iter().map(|s| (&s.id, s)).collect();
        for (key, entity) in &self.entities {
            let Some(service) = ids.get(key).and_then(|id| services.get(id)) else {
                continue;
            };
            let Some(text) = entity.text(&["spec", "system"]) else {
                continue;
            };
            match self.lookup(text, &entity.namespace, &["system"]) {
                Lookup::Found(system, _) if system.kind == "system" => {
                    members.entry(system).or_default().push(service);
                }
                Lookup::Found(other, _) => notes.issue(
                    entity,
                    "spec.system",
                    format!("{text:?} is a {}, not a system", other.kind),
                ),
                Lookup::Missing(wanted) => notes.issue(
                    entity,
                    "spec.system",
                    format!("unknown system {text:?} (no {wanted})"),
                ),
                Lookup::NotAReference => notes.issue(
                    entity,
                    "spec.system",
                    format!("{text:?} is not an entity reference"),
                ),
            }
        }
        let mut streams = Vec::new();
        for (key, system) in self.of_kind("system") {
            let Some(id) = ids.get(key) else { continue };
            let Some(steps) = members.get(key).filter(|m| !m.is_empty()) else {
                notes.skip(
                    "system",
                    "no imported component names it in spec.system",
                    system.reference(),
                );
                continue;
            };
            streams.push(Stream {
                id: id.clone(),
                name: system.display_name(&[]),
                owner: self.owner(system, ids, user_teams, notes),
                customer: String::new(),
                description: format!(
                    "Draft imported from the Backstage system {}: its components in dependency \
                     order. Backstage has no value streams, so check the steps, their order and \
                     the customer.",
                    system.reference()
                ),
                color: None,
                steps: dependency_order(steps, &map.links)
                    .into_iter()
                    .map(|service| Step {
                        service,
                        stage: String::new(),
                    })
                    .collect(),
            });
        }
        streams
    }

    /// Reports every entity that is not on the map, by kind and reason.
    fn skip_the_rest(
        &self,
        roles: &BTreeMap<Key, Role>,
        options: &BackstageOptions,
        notes: &mut Notes,
    ) {
        for (key, entity) in &self.entities {
            if roles.contains_key(key) {
                continue;
            }
            let spec_type = entity.spec_type();
            let (kind, reason) = match entity.kind.as_str() {
                "component" => (
                    "component (type library)".to_string(),
                    "libraries run inside other services; include them with --include-libraries (in the editor: Include libraries)",
                ),
                "resource" => (
                    format!(
                        "resource (type {})",
                        if spec_type.is_empty() {
                            "none"
                        } else {
                            &spec_type
                        }
                    ),
                    "only databases become services (datastores)",
                ),
                "api" => (
                    "api".into(),
                    "APIs become links from their consumers to their providers",
                ),
                "user" => (
                    "user".into(),
                    "users count as members of their groups and own through them",
                ),
                "system" if !options.systems_as_streams => (
                    "system".into(),
                    "Backstage has no value streams; --systems-as-streams (in the editor: Draft a stream per system) drafts one per system",
                ),
                "system" => continue,
                other => (other.to_string(), "not mapped"),
            };
            notes.skip(kind, reason, entity.reference());
        }
    }
}

/// Map ids for every mapped entity: the slug of its name; where several
/// entities would share one, the first (services before teams before
/// streams, the `default` namespace first) keeps it and the others are
/// qualified with their namespace (or, in the same namespace, with what they
/// became: `payments-team`), then numbered if still taken.
fn assign_ids(
    entities: &BTreeMap<Key, Entity<'_>>,
    roles: &BTreeMap<Key, Role>,
) -> HashMap<Key, Id> {
    let mut by_slug: BTreeMap<String, Vec<(Role, bool, &Key)>> = BTreeMap::new();
    for (key, role) in roles {
        let Some(entity) = entities.get(key) else {
            continue;
        };
        let slug = slug_id(&entity.name, |_| false).as_str().to_string();
        by_slug
            .entry(slug)
            .or_default()
            .push((*role, entity.namespace != "default", key));
    }
    let mut wanted: Vec<(bool, Role, &Key, String)> = Vec::new();
    for (slug, mut claims) in by_slug {
        claims.sort();
        for (i, (role, other_namespace, key)) in claims.iter().enumerate() {
            let candidate = if i == 0 {
                slug.clone()
            } else if *other_namespace {
                format!("{}-{slug}", key.namespace)
            } else {
                format!("{slug}-{}", role.suffix())
            };
            wanted.push((i > 0, *role, key, candidate));
        }
    }
    // Unqualified names first, so a qualified one never takes a plain one.
    wanted.sort();
    let mut taken = HashSet::new();
    let mut ids = HashMap::new();
    for (_, _, key, candidate) in wanted {
        let id = slug_id(&candidate, |c| taken.contains(c));
        taken.insert(id.as_str().to_string());
        ids.insert(key.clone(), id);
    }
    ids
}

/// The steps of a draft stream: callers before what they call (a
/// topological order of the links among the services), ties and cycles
/// broken by kind (front ends first, datastores last), then id.
fn dependency_order(services: &[&Service], links: &[Link]) -> Vec<Id> {
    let rank = |s: &Service| match s.kind {
        ServiceKind::Frontend => 0,
        ServiceKind::Gateway => 1,
        ServiceKind::Service | ServiceKind::Acl => 2,
        ServiceKind::Legacy => 3,
        ServiceKind::External => 4,
        ServiceKind::Datastore => 5,
    };
    let mut callers: HashMap<&Id, usize> = services.iter().map(|s| (&s.id, 0)).collect();
    let mut callees: HashMap<&Id, Vec<&Id>> = HashMap::new();
    for link in links {
        if callers.contains_key(&link.from) && callers.contains_key(&link.to) {
            *callers.entry(&link.to).or_default() += 1;
            callees.entry(&link.from).or_default().push(&link.to);
        }
    }
    let key_of: HashMap<&Id, (u8, &Id)> =
        services.iter().map(|s| (&s.id, (rank(s), &s.id))).collect();
    let mut remaining: BTreeSet<(u8, &Id)> = key_of.values().copied().collect();
    let mut ready: BTreeSet<(u8, &Id)> = remaining
        .iter()
        .filter(|(_, id)| callers.get(id).is_some_and(|&n| n == 0))
        .copied()
        .collect();
    let mut order = Vec::with_capacity(services.len());
    // The first ready service; in a cycle (none ready), the first left.
    while let Some(next) = ready.pop_first().or_else(|| remaining.first().copied()) {
        remaining.remove(&next);
        for callee in callees.get(next.1).into_iter().flatten() {
            if let Some(n) = callers.get_mut(callee) {
                *n = n.saturating_sub(1);
                if *n == 0
                    && let Some(key) = key_of.get(callee)
                    && remaining.contains(key)
                {
                    ready.insert(*key);
                }
            }
        }
        order.push(next.1.clone());
    }
    order
}

/// The team type a Backstage `spec.type` names, stream-aligned when it
/// names none: `platform`, `enabling`, `complicated-subsystem` (also with
/// `-team`, spaces or underscores), `stream-aligned`, `team`, `squad`, …
pub fn team_type(spec_type: &str) -> TeamType {
    let normalized = spec_type.trim().to_lowercase().replace([' ', '_'], "-");
    let normalized = normalized.strip_suffix("-team").unwrap_or(&normalized);
    match normalized {
        "platform" => TeamType::Platform,
        "enabling" | "enablement" => TeamType::Enabling,
        "complicated-subsystem" | "subsystem" => TeamType::ComplicatedSubsystem,
        _ => TeamType::StreamAligned,
    }
}

/// The service kind a Backstage component `spec.type` names.
pub fn component_kind(spec_type: &str) -> ServiceKind {
    match spec_type.trim().to_lowercase().as_str() {
        "website" | "frontend" | "web" | "mobile" | "mobile-app" => ServiceKind::Frontend,
        "gateway" | "api-gateway" => ServiceKind::Gateway,
        "legacy" => ServiceKind::Legacy,
        _ => ServiceKind::Service,
    }
}

/// Whether a Backstage resource `spec.type` is a database.
fn is_database(spec_type: &str) -> bool {
    matches!(spec_type, "database" | "db" | "datastore")
}

#[cfg(test)]
mod tests;
