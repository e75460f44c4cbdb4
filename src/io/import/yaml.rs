//! Loading YAML (one file, possibly many documents) into a small tree of
//! [`Node`]s, with the expansion of aliases bounded.
//!
//! serde_yaml_ng already refuses documents that jump to aliases more than a
//! hundred times per event, but every jump may copy a large subtree, so a
//! "billion laughs" file of a few kilobytes can still ask for gigabytes
//! before that limit trips. Here every node and every byte of text that is
//! built, through an alias or not, is charged to a budget proportional to
//! the file's size; a file that would build more than that is refused as
//! soon as the budget runs out, having allocated at most the budget.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

/// A YAML value with what importers need and nothing more: scalars as text
/// (numbers and booleans keep their YAML spelling), sequences, and mappings
/// with scalar keys in file order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// `~`, `null` or nothing.
    Null,
    /// Any scalar, as text.
    Scalar(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping; keys that are not scalars are dropped (no catalog field
    /// has one).
    Map(Vec<(String, Node)>),
}

impl Node {
    /// The value of `key` in a mapping; the last one when a key repeats, as
    /// JavaScript-based tools like Backstage read it.
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Follows a path of mapping keys.
    pub(crate) fn at(&self, path: &[&str]) -> Option<&Node> {
        path.iter().try_fold(self, |node, key| node.get(key))
    }

    /// Whether any scalar (or key) in the node holds `needle`.
    pub(crate) fn contains_text(&self, needle: &str) -> bool {
        match self {
            Node::Null => false,
            Node::Scalar(s) => s.contains(needle),
            Node::Seq(items) => items.iter().any(|n| n.contains_text(needle)),
            Node::Map(entries) => entries
                .iter()
                .any(|(k, v)| k.contains(needle) || v.contains_text(needle)),
        }
    }

    /// The text of a scalar.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Node::Scalar(s) => Some(s),
            _ => None,
        }
    }
}

/// Units of budget per byte of file: building more than twice the file (plus
/// [`BASE_BUDGET`]) means aliases are multiplying it.
const BUDGET_PER_BYTE: u64 = 2;
/// Headroom for small files that reuse a block of defaults through anchors.
const BASE_BUDGET: u64 = 1_000_000;

/// Why a YAML file could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum YamlError {
    /// Not well-formed YAML (or too deeply nested).
    Syntax {
        /// 1-based line and column, when the parser knows them.
        location: Option<(usize, usize)>,
        /// What the parser says.
        message: String,
    },
    /// Aliases expand the file past the budget.
    Expansion {
        /// The budget that ran out, in nodes plus bytes of text.
        limit: u64,
    },
}

/// Every document of `bytes` (UTF-8 YAML), in order; empty documents are
/// left out.
pub(crate) fn load_documents(bytes: &[u8]) -> Result<Vec<Node>, YamlError> {
    let limit = BASE_BUDGET.saturating_add((bytes.len() as u64).saturating_mul(BUDGET_PER_BYTE));
    let budget = Budget {
        left: Cell::new(limit),
        exhausted: Cell::new(false),
    };
    let mut documents = Vec::new();
    for document in serde_yaml_ng::Deserializer::from_slice(bytes) {
        match (NodeSeed { budget: &budget }).deserialize(document) {
            Ok(Node::Null) => {}
            Ok(node) => documents.push(node),
            Err(_) if budget.exhausted.get() => return Err(YamlError::Expansion { limit }),
            // serde_yaml_ng's own bound on alias jumps, which the classic
            // billion laughs reaches before the budget does; the error has
            // no variant to match, only this message.
            Err(e) if e.to_string() == "repetition limit exceeded" => {
                return Err(YamlError::Expansion { limit });
            }
            Err(e) => {
                return Err(YamlError::Syntax {
                    location: e.location().map(|l| (l.line(), l.column())),
                    message: strip_position(&e.to_string()),
                });
            }
        }
    }
    Ok(documents)
}

/// serde_yaml_ng appends " at line L column C" to messages that have a
/// place; the caller reports the place in its own words.
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// What is left to build, shared by all documents of a file.
struct Budget {
    left: Cell<u64>,
    exhausted: Cell<bool>,
}

impl Budget {
    fn charge<E: de::Error>(&self, units: u64) -> Result<(), E> {
        match self.left.get().checked_sub(units) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => {
                self.exhausted.set(true);
                Err(E::custom("alias expansion budget exhausted"))
            }
        }
    }
}

#[derive(Clone, Copy)]
struct NodeSeed<'b> {
    budget: &'b Budget,
}

impl<'de> DeserializeSeed<'de> for NodeSeed<'_> {
    type Value = Node;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NodeSeed<'_> {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        self.budget.charge(1)?;
        Ok(Node::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        self.visit_unit()
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        self.scalar(v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        self.scalar(v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        self.scalar(v.to_string())
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
        self.scalar(v.to_string())
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
        self.scalar(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        self.scalar(v.to_string())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        // Charged before the copy is made, so a huge aliased string is
        // refused without being allocated.
        self.budget.charge(1 + v.len() as u64)?;
        Ok(Node::Scalar(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        self.budget.charge(1 + v.len() as u64)?;
        Ok(Node::Scalar(v))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Node, E> {
        self.visit_str(&String::from_utf8_lossy(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        self.budget.charge(1)?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        self.budget.charge(1)?;
        let mut entries = Vec::new();
        while let Some(key) = map.next_key_seed(self)? {
            let value = map.next_value_seed(self)?;
            match key {
                Node::Scalar(k) => entries.push((k, value)),
                Node::Null => entries.push(("null".to_string(), value)),
                Node::Seq(_) | Node::Map(_) => {}
            }
        }
        Ok(Node::Map(entries))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Node, A::Error> {
        // A value with a custom tag (`!Ref name`): the tag means nothing to
        // an importer, the value is kept.
        let (_tag, variant): (de::IgnoredAny, _) = data.variant()?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }
}

impl NodeSeed<'_> {
    fn scalar<E: de::Error>(self, text: String) -> Result<Node, E> {
        self.budget.charge(1 + text.len() as u64)?;
        Ok(Node::Scalar(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Vec<Node>, YamlError> {
        load_documents(text.as_bytes())
    }

    #[test]
    fn documents_scalars_and_mappings_load_in_order() {
        let docs = load("a: 1\nb: [x, true, ~]\n---\n---\nc: {d: e}\n").unwrap();
        assert_eq!(docs.len(), 2, "the empty document is left out");
        assert_eq!(docs[0].get("a").and_then(Node::as_str), Some("1"));
        assert_eq!(
            docs[0].get("b"),
            Some(&Node::Seq(vec![
                Node::Scalar("x".into()),
                Node::Scalar("true".into()),
                Node::Null
            ]))
        );
        assert_eq!(docs[1].at(&["c", "d"]).and_then(Node::as_str), Some("e"));
    }

    #[test]
    fn a_repeated_key_reads_as_its_last_value() {
        let docs = load("a: 1\na: 2\n").unwrap();
        assert_eq!(docs[0].get("a").and_then(Node::as_str), Some("2"));
    }

    #[test]
    fn tagged_values_and_merge_keys_load() {
        let docs = load("a: !Ref x\nbase: &b {k: v}\nc:\n  <<: *b\n").unwrap();
        assert_eq!(docs[0].get("a").and_then(Node::as_str), Some("x"));
        assert!(docs[0].at(&["c", "<<", "k"]).is_some());
    }

    #[test]
    fn malformed_yaml_names_the_line() {
        let err = load("a: 1\nb: [unclosed\nc: 2\n").unwrap_err();
        let YamlError::Syntax { location, message } = err else {
            panic!("{err:?}")
        };
        assert!(location.is_some_and(|(line, _)| line >= 2), "{location:?}");
        assert!(!message.contains(" at line "), "{message}");
    }

    #[test]
    fn a_billion_laughs_is_refused_quickly() {
        let mut text = String::from(
            "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for i in 1..10 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n"
            ));
        }
        let started = std::time::Instant::now();
        let err = load(&text).unwrap_err();
        assert!(matches!(err, YamlError::Expansion { .. }), "{err:?}");
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn a_huge_aliased_string_is_refused() {
        let big = "x".repeat(200_000);
        let mut text = format!("s: &s \"{big}\"\nl: [");
        for _ in 0..100 {
            text.push_str("*s,");
        }
        text.push_str("]\n");
        assert!(matches!(load(&text), Err(YamlError::Expansion { .. })));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let text = "[".repeat(100_000);
        assert!(matches!(load(&text), Err(YamlError::Syntax { .. })));
    }

    #[test]
    fn every_prefix_of_a_file_loads_or_fails_cleanly() {
        let text = "apiVersion: v1\nkind: Component\nmetadata:\n  name: &n a\n  tags: [x, y]\nspec: {owner: *n, \"q\": 'z'}\n---\n- 1\n- {a: b}\n";
        for end in 0..=text.len() {
            let _ = load(&text[..end]);
        }
    }
}
