//! Every entity of the catalog, by key, and looking references up among
//! them.

use std::collections::BTreeMap;
use std::path::Path;

use super::entity::{Entity, Key, parse_reference};
use super::notes::Notes;
use crate::io::import::report::ImportIssue;
use crate::io::import::yaml::Node;

/// The result of looking a reference up.
pub(super) enum Lookup<'c, 'a> {
    /// The entity, with its key.
    Found(&'c Key, &'c Entity<'a>),
    /// Not in the catalog; the text says what was looked for.
    Missing(String),
    /// The text is not an entity reference at all.
    NotAReference,
}

/// Every entity read, by key; nothing changes it once loading is done.
#[derive(Default)]
pub(super) struct Catalog<'a> {
    pub(super) entities: BTreeMap<Key, Entity<'a>>,
}

impl<'a> Catalog<'a> {
    /// Takes one YAML document: an entity, or something reported.
    pub(super) fn add(&mut self, notes: &mut Notes, file: &'a Path, number: usize, node: &'a Node) {
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
        // A scaffolder template's skeleton (`template/content/catalog-info.yaml`
        // with `${{ values.name }}`) describes entities not made yet.
        if node.contains_text("${{") {
            notes.skip(
                "template skeleton",
                "holds unrendered template expressions (${{ … }}): an entity a scaffolder template would make, not one that exists",
                format!("{} (document {number}: {name})", file.display()),
            );
            return;
        }
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
            notes.duplicates.push(ImportIssue {
                file: entity.file.to_path_buf(),
                entity: entity.reference(),
                field: "metadata.name".into(),
                message,
            });
            return;
        }
        self.entities.insert(key, entity);
    }

    /// Looks a reference up, trying `kinds` in order when the text names no
    /// kind.
    pub(super) fn lookup(&self, text: &str, own_namespace: &str, kinds: &[&str]) -> Lookup<'_, 'a> {
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

    /// The entities of one kind (lower case), in key order.
    pub(super) fn of_kind<'s>(
        &'s self,
        kind: &'s str,
    ) -> impl Iterator<Item = (&'s Key, &'s Entity<'a>)> {
        self.entities.iter().filter(move |(k, _)| k.kind == kind)
    }
}
