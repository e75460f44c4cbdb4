//! The shape of the code, checked: what a reader of the README's
//! Development section is promised.
//!
//! - No file under `src/` imports a file that imports it back, directly or
//!   through others: follow the `use crate::…`, `use super::…`,
//!   `use child::…` lines and inline `crate::…` paths (comments and
//!   `#[cfg(test)] mod tests` blocks left out) and the files form no cycle.
//! - The layers: `model` imports no other part of vsmap; nothing but the
//!   binary imports `cli`, and nothing outside `ui` imports `ui`.
//! - One writer: only `src/ui/app/` holds the editor's state mutably.
//! - Every file says what it is for in its first lines (`//!`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module path (`["ui", "canvas", "camera"]`) for each file under `src/`.
fn modules(src: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            out.insert(parts, path);
        }
    }
    out
}

/// The file's code without comments and without its unit tests: what the
/// library itself imports.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests {") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Paths the code names: each `use` declaration expanded through its braces
/// (`use a::{b, c::d}` gives `a::b` and `a::c::d`), and inline `crate::…`
/// and `super::…` paths.
fn named_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    // A `use` declaration starts a line (after `pub` or `pub(…)`) and runs
    // to its semicolon.
    let mut rest = code;
    while let Some(line_start) = next_use(rest) {
        let declaration = &rest[line_start..];
        let end = declaration.find(';').unwrap_or(declaration.len());
        let tree = declaration[..end].trim_start();
        let tree = tree.split_once("use ").map_or(tree, |(_, t)| t);
        expand(tree, &[], &mut out);
        rest = &declaration[end..];
    }
    for prefix in ["crate::", "super::"] {
        inline_paths(code, prefix, &mut out);
    }
    out
}

/// Paths written inline in code (`crate::io::load_file(…)`,
/// `super::read_limited(…)`), starting with `prefix`.
fn inline_paths(code: &str, prefix: &str, out: &mut Vec<Vec<String>>) {
    let bytes = code.as_bytes();
    let mut i = 0;
    while let Some(at) = code[i..].find(prefix) {
        let start = i + at;
        let word_start = start == 0 || {
            let b = bytes[start - 1];
            !(b.is_ascii_alphanumeric() || b == b'_' || b == b':')
        };
        let end = code[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
            .map_or(code.len(), |e| start + e);
        // `super::{…}` is a use tree, read with its declaration.
        if word_start && end > start + prefix.len() && !code[start..end].ends_with("::") {
            out.push(split(&code[start..end]));
        }
        i = end.max(start + 1);
    }
}

/// Where the next line that declares a `use` starts.
fn next_use(code: &str) -> Option<usize> {
    let mut offset = 0;
    for line in code.split_inclusive('\n') {
        let t = line.trim_start();
        let t = match t.strip_prefix("pub") {
            Some(r) if r.starts_with('(') => r.split_once(')').map_or(r, |(_, r)| r).trim_start(),
            Some(r) => r.trim_start(),
            None => t,
        };
        if t.starts_with("use ") {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

fn split(path: &str) -> Vec<String> {
    path.split("::")
        .map(|p| p.split_whitespace().next().unwrap_or("").to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Expands one `use` tree into full paths.
fn expand(tree: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    match tree.find('{') {
        None => {
            let mut path = prefix.to_vec();
            path.extend(split(tree));
            out.push(path);
        }
        Some(open) => {
            let mut path = prefix.to_vec();
            path.extend(split(tree[..open].trim_end_matches("::")));
            let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
            // Split on top-level commas only.
            let (mut depth, mut last) = (0, 0);
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&inner[last..i], &path, out);
                        last = i + 1;
                    }
                    _ => {}
                }
            }
            if !inner[last..].trim().is_empty() {
                expand(&inner[last..], &path, out);
            }
        }
    }
}

/// The file a path leads into: the longest prefix that is a module.
fn resolve<'a>(
    path: &[String],
    me: &[String],
    children: &BTreeSet<String>,
    modules: &'a BTreeMap<Vec<String>, PathBuf>,
) -> Option<&'a PathBuf> {
    let mut absolute: Vec<String> = match path.first().map(String::as_str) {
        Some("crate") => Vec::new(),
        Some("super") | Some("self") => me.to_vec(),
        Some(first) if children.contains(first) => me.to_vec(),
        _ => return None,
    };
    for (k, part) in path.iter().enumerate() {
        match part.as_str() {
            "crate" if k == 0 => {}
            "super" => {
                absolute.pop();
            }
            "self" | "*" => {}
            other => absolute.push(other.to_string()),
        }
    }
    (0..=absolute.len())
        .rev()
        .find_map(|n| modules.get(&absolute[..n]))
}

/// Each file, with the files it imports.
fn import_graph(src: &Path) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let modules = modules(src);
    let mut graph = BTreeMap::new();
    for (me, path) in &modules {
        let name = path.file_name().unwrap().to_string_lossy();
        let mut edges = BTreeSet::new();
        if name != "tests.rs" && name != "proptests.rs" {
            let code = code_of(&std::fs::read_to_string(path).unwrap());
            let children: BTreeSet<String> = code
                .lines()
                .filter_map(|l| {
                    let l = l.trim();
                    let l = l.strip_prefix("pub ").unwrap_or(l);
                    let l = l.strip_prefix("pub(crate) ").unwrap_or(l);
                    let l = l.strip_prefix("pub(super) ").unwrap_or(l);
                    l.strip_prefix("mod ")?
                        .strip_suffix(';')
                        .map(str::to_string)
                })
                .collect();
            for named in named_paths(&code) {
                if let Some(target) = resolve(&named, me, &children, &modules)
                    && target != path
                {
                    edges.insert(target.clone());
                }
            }
        }
        graph.insert(path.clone(), edges);
    }
    graph
}

/// Groups of files that import each other, directly or through others
/// (Tarjan's strongly connected components, iteratively).
fn cycles(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    let nodes: Vec<&PathBuf> = graph.keys().collect();
    let at: BTreeMap<&PathBuf, usize> = nodes.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let succ: Vec<Vec<usize>> = nodes
        .iter()
        .map(|p| {
            graph[*p]
                .iter()
                .filter_map(|q| at.get(q).copied())
                .collect()
        })
        .collect();
    let n = nodes.len();
    let (mut index, mut low, mut on) = (vec![usize::MAX; n], vec![0; n], vec![false; n]);
    let (mut stack, mut next, mut out) = (Vec::new(), 0, Vec::new());
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0)];
        while let Some(&mut (v, ref mut k)) = work.last_mut() {
            if *k == 0 {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on[v] = true;
            }
            if let Some(&w) = succ[v].get(*k) {
                *k += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut group = Vec::new();
                while let Some(w) = stack.pop() {
                    on[w] = false;
                    group.push(nodes[w].clone());
                    if w == v {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    out.push(group);
                }
            }
        }
    }
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rel(p: &Path) -> String {
    p.strip_prefix(src()).unwrap().display().to_string()
}

#[test]
fn no_file_imports_one_that_imports_it_back() {
    let graph = import_graph(&src());
    let groups: Vec<Vec<String>> = cycles(&graph)
        .iter()
        .map(|g| g.iter().map(|p| rel(p)).collect())
        .collect();
    assert!(groups.is_empty(), "files importing each other: {groups:#?}");
}

#[test]
fn the_cycle_check_finds_a_cycle_and_reads_use_trees() {
    let mut graph: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    let (a, b, c) = (PathBuf::from("a"), PathBuf::from("b"), PathBuf::from("c"));
    graph.insert(a.clone(), [b.clone()].into());
    graph.insert(b.clone(), [c.clone()].into());
    graph.insert(c.clone(), [a.clone()].into());
    assert_eq!(cycles(&graph), vec![vec![a.clone(), b.clone(), c.clone()]]);
    graph.insert(c, BTreeSet::new());
    assert!(cycles(&graph).is_empty());

    let paths = named_paths(
        "use super::{a::B, c::{d, e::F}};\nlet x = crate::model::Map::default();\nsuper::g::h();",
    );
    let paths: BTreeSet<String> = paths.iter().map(|p| p.join("::")).collect();
    let expected: BTreeSet<String> = [
        "super::a::B",
        "super::c::d",
        "super::c::e::F",
        "crate::model::Map::default",
        "super::g::h",
    ]
    .map(String::from)
    .into();
    assert_eq!(paths, expected);
}

/// The top-level parts (`model`, `ui`…) each file imports.
fn layer_imports() -> Vec<(String, String)> {
    let graph = import_graph(&src());
    let part = |p: &Path| {
        rel(p)
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_string()
    };
    let mut out = Vec::new();
    for (file, targets) in &graph {
        for target in targets {
            let (from, to) = (part(file), part(target));
            if from != to {
                out.push((rel(file), to));
            }
        }
    }
    out
}

#[test]
fn the_layers_point_one_way() {
    for (file, to) in layer_imports() {
        let layer = file.split('/').next().unwrap().trim_end_matches(".rs");
        assert!(
            layer != "model",
            "{file} is in model, which imports no other part of vsmap, but imports {to}"
        );
        assert!(
            to != "cli" || layer == "main",
            "{file} imports the command line; only the binary does"
        );
        assert!(
            to != "ui" || layer == "main" || layer == "cli",
            "{file} imports the UI; the core builds without it"
        );
    }
}

#[test]
fn only_the_app_holds_the_editor_state_mutably() {
    let ui = src().join("ui");
    let mut stack = vec![ui.clone()];
    let mut offenders = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path != ui.join("app") {
                    stack.push(path);
                }
                continue;
            }
            let code = code_of(&std::fs::read_to_string(&path).unwrap());
            for needle in [
                "&mut AppState",
                "&mut VsmapApp",
                "&mut self.state",
                "&mut state",
            ] {
                if code.contains(needle) {
                    offenders.push(format!("{}: {needle}", rel(&path)));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "outside src/ui/app, nothing holds the state mutably: {offenders:#?}"
    );
}

#[test]
fn every_file_says_what_it_is_for() {
    let missing: Vec<String> = modules(&src())
        .values()
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            !text.trim_start().starts_with("//!")
        })
        .map(|p| rel(p))
        .collect();
    assert!(
        missing.is_empty(),
        "files without a `//!` first comment: {missing:?}"
    );
}
