//! One catalog entity as read, and the entity references that point from
//! one entity to another (`[kind:][namespace/]name`).

use std::path::Path;

use crate::io::import::assemble::clip_name;
use crate::io::import::yaml::Node;

/// An entity's identity: kind, namespace and name, lower-cased as Backstage
/// compares them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct Key {
    pub(super) kind: String,
    pub(super) namespace: String,
    pub(super) name: String,
}

/// One entity as read.
pub(super) struct Entity<'a> {
    /// The file it is in.
    pub(super) file: &'a Path,
    /// Which YAML document of the file, from 1.
    pub(super) document: usize,
    /// Kind as Backstage writes it in references (lower case).
    pub(super) kind: String,
    /// Namespace, lower case; `default` when the entity names none.
    pub(super) namespace: String,
    /// The name as written.
    pub(super) name: String,
    /// The whole YAML document.
    pub(super) node: &'a Node,
}

impl Entity<'_> {
    /// `component:default/payments`.
    pub(super) fn reference(&self) -> String {
        format!("{}:{}/{}", self.kind, self.namespace, self.name)
    }

    /// The trimmed text at `path`, when there is some.
    pub(super) fn text(&self, path: &[&str]) -> Option<&str> {
        self.node
            .at(path)
            .and_then(Node::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// `spec.type`, lower case; empty when there is none.
    pub(super) fn spec_type(&self) -> String {
        self.text(&["spec", "type"]).unwrap_or("").to_lowercase()
    }

    /// `metadata.title`, else the given fallbacks, else `metadata.name`.
    pub(super) fn display_name(&self, also: &[&[&str]]) -> String {
        let title = std::iter::once(&["metadata", "title"][..])
            .chain(also.iter().copied())
            .find_map(|path| self.text(path));
        clip_name(title.unwrap_or(&self.name))
    }
}

/// A parsed entity reference; `kind` is `None` when the text gave none.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Reference {
    pub(super) kind: Option<String>,
    pub(super) namespace: String,
    pub(super) name: String,
}

/// Parses `[kind:][namespace/]name` (lower-cased); `None` for text that is
/// not a reference (an empty part, a stray `:` or `/`).
pub(super) fn parse_reference(text: &str, own_namespace: &str) -> Option<Reference> {
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

/// The items of a list of references: text items, `None` for anything
/// else. A single text stands for a list of one (lenient where Backstage
/// is strict).
pub(super) fn list_items(node: Option<&Node>) -> Vec<Option<&str>> {
    match node {
        None | Some(Node::Null) => Vec::new(),
        Some(Node::Seq(items)) => items.iter().map(Node::as_str).collect(),
        Some(Node::Scalar(text)) => vec![Some(text.as_str())],
        Some(Node::Map(_)) => vec![None],
    }
}
