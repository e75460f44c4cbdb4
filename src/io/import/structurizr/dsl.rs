//! The Structurizr DSL (`workspace.dsl`), read into the same workspace the
//! JSON importer reads, so both map alike.
//!
//! A hand-written recursive descent over a small lexer: the DSL is line
//! based (a statement ends at the end of its line, a block is `{` … `}`),
//! and a hand-written reader gives every error its file, line and column,
//! included files too, without pulling in a parser framework for a grammar
//! of a dozen statements.
//!
//! Read: `workspace`, `model`, `views`; `person`, `softwareSystem`,
//! `container`, `component` (name, description, technology, tags, and
//! `description`, `technology`, `tags`, `properties`, `perspectives` inside
//! their block); `group`; relationships inside and outside elements
//! (`a -> b "description" "technology" "tags"`, `-> b` and `this -> b`
//! from the element whose block it is in); `!identifiers hierarchical`;
//! `!include` of local files (relative to the including file, at most
//! [`MAX_INCLUDE_DEPTH`] deep; a URL is reported, not fetched); `dynamic`
//! views. Everything else (`!docs`, `!adrs`, deployment, styles, themes,
//! `!script`, `!plugin`, other views) is skipped and counted in the report.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::{Element, Perspective, Relationship, RelationshipView, View, Workspace};
use crate::io::import::error::ImportError;

/// Deepest chain of `!include`s followed.
const MAX_INCLUDE_DEPTH: usize = 8;
/// Most elements, relationships and views a workspace may declare.
const MAX_STATEMENTS: usize = 200_000;

/// What reading a DSL workspace gives besides the workspace: what it
/// skipped, by keyword, and the includes it did not follow.
#[derive(Debug, Default)]
pub(super) struct DslNotes {
    /// Statements skipped, by keyword, with how many.
    pub(super) skipped: BTreeMap<String, usize>,
    /// `!include`s not followed (URLs), as written.
    pub(super) not_fetched: Vec<String>,
    /// Files read: the workspace, what it extends and what it includes.
    pub(super) files: usize,
}

/// Whether `bytes` look like the DSL: after comments and blank space, the
/// word `workspace` (or a directive such as `!identifiers` before it).
pub(super) fn looks_like_dsl(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let mut lexer = Lexer::new(text);
    loop {
        match lexer.next_token() {
            Ok(Some(Token {
                kind: Kind::EndOfLine,
                ..
            })) => continue,
            Ok(Some(Token {
                kind: Kind::Word(w),
                ..
            })) => return w.eq_ignore_ascii_case("workspace") || w.starts_with('!'),
            _ => return false,
        }
    }
}

/// Reads the DSL workspace in `bytes` (from `path`; includes are read from
/// the disk relative to it).
pub(super) fn parse(path: &Path, bytes: &[u8]) -> Result<(Workspace, DslNotes), ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::Malformed {
        path: path.to_path_buf(),
        location: None,
        message: format!("not UTF-8 text (byte {})", e.valid_up_to()),
    })?;
    let mut reader = Reader {
        workspace: Workspace::default(),
        notes: DslNotes {
            files: 1,
            ..DslNotes::default()
        },
        names: HashMap::new(),
        archetypes: HashMap::new(),
        hierarchical: false,
        next_id: 0,
        statements: 0,
    };
    let tokens = tokenize(path, text)?;
    let mut parser = Parser {
        path: path.to_path_buf(),
        tokens,
        at: 0,
        depth: 0,
    };
    reader.file(&mut parser)?;
    Ok((reader.workspace, reader.notes))
}

// ---------------------------------------------------------------------------
// Tokens.

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// A bare word: a keyword, an identifier, `->`, `=`.
    Word(String),
    /// A quoted string, unquoted.
    Text(String),
    Open,
    Close,
    EndOfLine,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    line: usize,
    column: usize,
}

struct Lexer<'t> {
    chars: std::iter::Peekable<std::str::CharIndices<'t>>,
    line: usize,
    column: usize,
}

impl<'t> Lexer<'t> {
    fn new(text: &'t str) -> Lexer<'t> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Lexer {
            chars: text.char_indices().peekable(),
            line: 1,
            column: 1,
        }
    }

    fn bump(&mut self) -> Option<char> {
        let (_, c) = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn peek(&mut self) -> Option<char> {
        self.chars.peek().map(|(_, c)| *c)
    }

    /// The next token, `None` at the end; an unterminated string or comment
    /// is an error with the place it started.
    fn next_token(&mut self) -> Result<Option<Token>, (usize, usize, String)> {
        loop {
            let (line, column) = (self.line, self.column);
            let Some(c) = self.peek() else {
                return Ok(None);
            };
            let token = |kind| Ok(Some(Token { kind, line, column }));
            match c {
                '\n' => {
                    self.bump();
                    return token(Kind::EndOfLine);
                }
                c if c.is_whitespace() => {
                    self.bump();
                }
                '#' => self.skip_line(),
                '/' => {
                    self.bump();
                    match self.peek() {
                        Some('/') => self.skip_line(),
                        Some('*') => {
                            self.bump();
                            let mut last = ' ';
                            loop {
                                let Some(c) = self.bump() else {
                                    return Err((line, column, "a comment is not closed".into()));
                                };
                                if last == '*' && c == '/' {
                                    break;
                                }
                                last = c;
                            }
                        }
                        _ => return token(Kind::Word(self.word("/"))),
                    }
                }
                '\\' => {
                    // A line continued on the next.
                    self.bump();
                    while self.peek().is_some_and(|c| c != '\n' && c.is_whitespace()) {
                        self.bump();
                    }
                    if self.peek() == Some('\n') {
                        self.bump();
                    }
                }
                '{' => {
                    self.bump();
                    return token(Kind::Open);
                }
                '}' => {
                    self.bump();
                    return token(Kind::Close);
                }
                '"' => {
                    self.bump();
                    let mut text = String::new();
                    loop {
                        match self.bump() {
                            None | Some('\n') => {
                                return Err((line, column, "a string is not closed".into()));
                            }
                            Some('"') => break,
                            Some('\\') => match self.bump() {
                                Some('n') => text.push('\n'),
                                Some(c) => text.push(c),
                                None => {
                                    return Err((line, column, "a string is not closed".into()));
                                }
                            },
                            Some(c) => text.push(c),
                        }
                    }
                    return token(Kind::Text(text));
                }
                _ => return token(Kind::Word(self.word(""))),
            }
        }
    }

    /// A bare word starting with `start`: up to blank space, a brace or a quote.
    fn word(&mut self, start: &str) -> String {
        let mut word = start.to_string();
        while let Some(c) = self.peek() {
            if c.is_whitespace() || matches!(c, '{' | '}' | '"') {
                break;
            }
            word.push(c);
            self.bump();
        }
        word
    }

    fn skip_line(&mut self) {
        while self.peek().is_some_and(|c| c != '\n') {
            self.bump();
        }
    }
}

fn tokenize(path: &Path, text: &str) -> Result<Vec<Token>, ImportError> {
    let mut lexer = Lexer::new(text);
    let mut out = Vec::new();
    loop {
        match lexer.next_token() {
            Ok(Some(t)) => out.push(t),
            Ok(None) => break,
            Err((line, column, message)) => {
                return Err(ImportError::Malformed {
                    path: path.to_path_buf(),
                    location: Some((line, column)),
                    message,
                });
            }
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Statements.

/// The tokens of one file and where the reading is.
struct Parser {
    path: PathBuf,
    tokens: Vec<Token>,
    at: usize,
    /// How deep in `!include`s this file is.
    depth: usize,
}

/// One statement: its words and strings up to the end of the line, and
/// whether it opens a block.
struct Statement {
    words: Vec<Kind>,
    line: usize,
    column: usize,
    opens: bool,
}

impl Statement {
    /// The `i`th part as text (a word or a string).
    fn text(&self, i: usize) -> Option<&str> {
        match self.words.get(i)? {
            Kind::Word(w) | Kind::Text(w) => Some(w),
            _ => None,
        }
    }

    /// The statement's keyword, after an `identifier =` if any.
    fn keyword(&self) -> String {
        let at = match self.words.get(1) {
            Some(Kind::Word(eq)) if eq == "=" => 2,
            _ => 0,
        };
        self.text(at).unwrap_or("").to_lowercase()
    }
}

impl Parser {
    fn error(&self, line: usize, column: usize, message: impl Into<String>) -> ImportError {
        ImportError::Malformed {
            path: self.path.clone(),
            location: Some((line, column)),
            message: message.into(),
        }
    }

    /// The next statement of the block, `None` at its `}` (consumed) or at
    /// the end of the file.
    fn statement(&mut self) -> Result<Option<Statement>, ImportError> {
        while matches!(
            self.tokens.get(self.at),
            Some(Token {
                kind: Kind::EndOfLine,
                ..
            })
        ) {
            self.at += 1;
        }
        let Some(first) = self.tokens.get(self.at) else {
            return Ok(None);
        };
        if first.kind == Kind::Close {
            self.at += 1;
            return Ok(None);
        }
        let (line, column) = (first.line, first.column);
        let mut words = Vec::new();
        let mut opens = false;
        while let Some(t) = self.tokens.get(self.at) {
            match &t.kind {
                Kind::EndOfLine => {
                    self.at += 1;
                    break;
                }
                Kind::Open => {
                    self.at += 1;
                    opens = true;
                    break;
                }
                // A `}` on the statement's line closes the block after it.
                Kind::Close => break,
                other => {
                    words.push(other.clone());
                    self.at += 1;
                }
            }
        }
        Ok(Some(Statement {
            words,
            line,
            column,
            opens,
        }))
    }

    /// Skips the rest of a block whose `{` was read.
    fn skip_block(&mut self, line: usize, column: usize) -> Result<(), ImportError> {
        let mut depth = 1usize;
        while let Some(t) = self.tokens.get(self.at) {
            self.at += 1;
            match t.kind {
                Kind::Open => depth += 1,
                Kind::Close => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        Err(self.error(line, column, "this block is not closed (no matching })"))
    }
}

/// How an element statement names and tags what it makes: its identifier
/// (`id = …`), and the tags of the archetype it was written with.
struct Made {
    identifier: Option<String>,
    tags: Vec<String>,
}

/// Where a statement sits: the element whose block it is in, if any.
#[derive(Clone, Copy)]
enum Scope {
    /// A file's top, a `workspace` block or `views`: outside the model.
    Workspace,
    /// The `model` block (or a group in it).
    Model,
    /// Inside a software system (its index among the systems).
    System(usize),
    /// Inside a container (system and container indices).
    Container(usize, usize),
    /// Inside a component, or a person (no children).
    Leaf,
}

/// The scope inside the block of the element in `slot`.
fn scope_of(slot: Slot) -> Scope {
    match slot {
        Slot::System(i) => Scope::System(i),
        Slot::Container(i, c) => Scope::Container(i, c),
        Slot::Person(_) | Slot::Component(..) => Scope::Leaf,
    }
}

/// An element's place in the workspace being built.
#[derive(Clone, Copy, Debug)]
enum Slot {
    Person(usize),
    System(usize),
    Container(usize, usize),
    Component(usize, usize, usize),
}

struct Reader {
    workspace: Workspace,
    notes: DslNotes,
    /// Archetypes (lower case): the kind each stands for (`group`,
    /// `container`, …, after following archetypes of archetypes) and the
    /// tags it adds.
    archetypes: HashMap<String, (String, Vec<String>)>,
    /// Identifiers (lower case; hierarchical ones as `a.b`) to element ids.
    names: HashMap<String, (String, Slot)>,
    hierarchical: bool,
    next_id: usize,
    statements: usize,
}

impl Reader {
    fn skip(&mut self, keyword: &str) {
        *self.notes.skipped.entry(keyword.to_string()).or_default() += 1;
    }

    fn new_id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}{}", self.next_id)
    }

    fn count(&mut self, p: &Parser, s: &Statement) -> Result<(), ImportError> {
        self.statements += 1;
        if self.statements > MAX_STATEMENTS {
            return Err(p.error(s.line, s.column, "more statements than a map can show"));
        }
        Ok(())
    }

    /// A whole file: directives and the `workspace` block.
    fn file(&mut self, p: &mut Parser) -> Result<(), ImportError> {
        while let Some(s) = p.statement()? {
            self.count(p, &s)?;
            match s.keyword().as_str() {
                "workspace" => {
                    // `workspace extends FILE`: that workspace first, then
                    // this one's additions.
                    let extends = s.text(1).is_some_and(|w| w.eq_ignore_ascii_case("extends"));
                    if extends {
                        let Some(base) = s.text(2) else {
                            return Err(p.error(s.line, s.column, "extends needs a file"));
                        };
                        if let Some(mut inner) = self.open_include(p, &s, base)? {
                            self.file(&mut inner)?;
                        }
                        if s.opens {
                            self.workspace_block(p)?;
                        }
                        continue;
                    }
                    let rest = self.leading_strings(&s, 1);
                    if let Some(name) = rest.first() {
                        self.workspace.name = name.clone();
                    }
                    if let Some(description) = rest.get(1) {
                        self.workspace.description = description.clone();
                    }
                    if s.opens {
                        self.workspace_block(p)?;
                    }
                }
                // An included file may hold what a workspace block holds.
                _ => self.workspace_statement(p, &s)?,
            }
        }
        Ok(())
    }

    /// The texts of a statement from part `from` on, up to a `{`.
    fn leading_strings(&self, s: &Statement, from: usize) -> Vec<String> {
        (from..s.words.len())
            .filter_map(|i| s.text(i).map(str::to_string))
            .collect()
    }

    fn workspace_block(&mut self, p: &mut Parser) -> Result<(), ImportError> {
        while let Some(s) = p.statement()? {
            self.count(p, &s)?;
            self.workspace_statement(p, &s)?;
        }
        Ok(())
    }

    /// One statement of a `workspace` block: `model`, `views`, `name`,
    /// `description`, a directive, or something skipped.
    fn workspace_statement(&mut self, p: &mut Parser, s: &Statement) -> Result<(), ImportError> {
        match s.keyword().as_str() {
            "model" if s.opens => self.model_block(p, Scope::Model, None),
            "views" if s.opens => self.views_block(p),
            "name" => {
                if let Some(n) = s.text(1) {
                    self.workspace.name = n.to_string();
                }
                Ok(())
            }
            "description" => {
                if let Some(d) = s.text(1) {
                    self.workspace.description = d.to_string();
                }
                Ok(())
            }
            _ => self.directive_or_skip(p, s, Scope::Workspace, None),
        }
    }

    /// `!identifiers`, `!include`, or a statement skipped (with its block).
    fn directive_or_skip(
        &mut self,
        p: &mut Parser,
        s: &Statement,
        scope: Scope,
        this: Option<(String, Slot)>,
    ) -> Result<(), ImportError> {
        let keyword = s.keyword();
        match keyword.as_str() {
            "!identifiers" => {
                self.hierarchical = s
                    .text(1)
                    .is_some_and(|v| v.eq_ignore_ascii_case("hierarchical"));
                Ok(())
            }
            "!include" => self.include(p, s, scope, this),
            _ => {
                self.skip(&keyword);
                if s.opens {
                    p.skip_block(s.line, s.column)?;
                }
                Ok(())
            }
        }
    }

    /// `!include FILE`: the file's statements read here, as if written in
    /// place. A URL is reported, not fetched.
    fn include(
        &mut self,
        p: &mut Parser,
        s: &Statement,
        scope: Scope,
        this: Option<(String, Slot)>,
    ) -> Result<(), ImportError> {
        let Some(target) = s.text(1) else {
            return Err(p.error(s.line, s.column, "!include needs a file"));
        };
        let Some(mut inner) = self.open_include(p, s, target)? else {
            return Ok(());
        };
        match scope {
            // Outside the model: a whole workspace, or a part of one.
            Scope::Workspace => self.file(&mut inner),
            _ => self.model_block(&mut inner, scope, this),
        }
    }

    /// The tokens of the file `target` names, relative to the file being
    /// read; `None` for a URL (reported, not fetched) or a folder.
    fn open_include(
        &mut self,
        p: &Parser,
        s: &Statement,
        target: &str,
    ) -> Result<Option<Parser>, ImportError> {
        if target.contains("://") {
            self.notes.not_fetched.push(target.to_string());
            return Ok(None);
        }
        if p.depth >= MAX_INCLUDE_DEPTH {
            return Err(p.error(
                s.line,
                s.column,
                format!("!include nested more than {MAX_INCLUDE_DEPTH} deep"),
            ));
        }
        let path = p.path.parent().unwrap_or(Path::new(".")).join(target);
        if path.is_dir() {
            self.skip("!include of a folder");
            return Ok(None);
        }
        let bytes = crate::io::import::read::read_import_file(&path)?;
        self.notes.files += 1;
        let text = std::str::from_utf8(&bytes).map_err(|e| ImportError::Malformed {
            path: path.clone(),
            location: None,
            message: format!("not UTF-8 text (byte {})", e.valid_up_to()),
        })?;
        Ok(Some(Parser {
            tokens: tokenize(&path, text)?,
            path,
            at: 0,
            depth: p.depth + 1,
        }))
    }

    /// The statements of `model`, `group` or an element's block.
    fn model_block(
        &mut self,
        p: &mut Parser,
        scope: Scope,
        this: Option<(String, Slot)>,
    ) -> Result<(), ImportError> {
        while let Some(s) = p.statement()? {
            self.count(p, &s)?;
            // `id = kind …`
            let (identifier, from) = match (s.text(0), s.words.get(1)) {
                (Some(id), Some(Kind::Word(eq))) if eq == "=" => (Some(id.to_string()), 2),
                _ => (None, 0),
            };
            let written = s.text(from).unwrap_or("").to_lowercase();
            // An archetype stands for its kind, with its tags.
            let (keyword, archetype_tags) = match self.archetypes.get(&written) {
                Some((kind, tags)) => (kind.clone(), tags.clone()),
                None => (written, Vec::new()),
            };
            let arrow = s
                .words
                .iter()
                .position(|w| matches!(w, Kind::Word(a) if a == "->"));
            if let Some(arrow) = arrow {
                self.relationship(p, &s, arrow, this.as_ref())?;
                if s.opens {
                    p.skip_block(s.line, s.column)?;
                }
                continue;
            }
            // `!ref name { … }` (or `!element`): more of an element
            // defined before, read in its block.
            if matches!(keyword.as_str(), "!ref" | "!element") && s.opens {
                let target = s.text(from + 1).unwrap_or("");
                let Some((id, slot)) = self.resolve(target, this.as_ref()) else {
                    return Err(p.error(
                        s.line,
                        s.column,
                        format!("no element is called {target:?} here"),
                    ));
                };
                let key = self
                    .names
                    .iter()
                    .find(|(_, (i, _))| *i == id)
                    .map(|(k, _)| k.clone())
                    .unwrap_or_default();
                let inner = scope_of(slot);
                self.model_block(p, inner, Some((key, slot)))?;
                continue;
            }
            if keyword == "archetypes" && s.opens {
                self.archetypes_block(p)?;
                continue;
            }
            // An element made from an archetype carries the archetype's tags.
            let made = Made {
                identifier,
                tags: archetype_tags,
            };
            match (keyword.as_str(), scope) {
                // `enterprise` is the older form of a group around systems.
                ("group" | "enterprise", _) => {
                    if s.opens {
                        self.model_block(p, scope, this.clone())?;
                    }
                }
                ("person", Scope::Model) | ("softwaresystem", Scope::Model) => {
                    let slot = if keyword == "person" {
                        self.workspace.model.people.push(Element::default());
                        Slot::Person(self.workspace.model.people.len() - 1)
                    } else {
                        self.workspace
                            .model
                            .software_systems
                            .push(Element::default());
                        Slot::System(self.workspace.model.software_systems.len() - 1)
                    };
                    self.element(p, &s, from, slot, made, None)?;
                }
                ("container", Scope::System(sys)) => {
                    let system = &mut self.workspace.model.software_systems[sys];
                    system.containers.push(Element::default());
                    let slot = Slot::Container(sys, system.containers.len() - 1);
                    self.element(p, &s, from, slot, made, this.as_ref())?;
                }
                ("component", Scope::Container(sys, c)) => {
                    let container = &mut self.workspace.model.software_systems[sys].containers[c];
                    container.components.push(Element::default());
                    let slot = Slot::Component(sys, c, container.components.len() - 1);
                    self.element(p, &s, from, slot, made, this.as_ref())?;
                }
                ("description" | "technology" | "tags" | "tag" | "url", _)
                | ("properties" | "perspectives", _)
                    if this.is_some() =>
                {
                    let slot = this.as_ref().map(|t| t.1);
                    self.element_field(p, &s, &keyword, slot)?;
                }
                _ => self.directive_or_skip(p, &s, scope, this.clone())?,
            }
        }
        Ok(())
    }

    /// `archetypes { name = kind { tag "…" … } }`: names for kinds of
    /// element with tags of their own.
    fn archetypes_block(&mut self, p: &mut Parser) -> Result<(), ImportError> {
        while let Some(s) = p.statement()? {
            self.count(p, &s)?;
            let (Some(name), Some(Kind::Word(eq)), Some(base)) =
                (s.text(0), s.words.get(1), s.text(2))
            else {
                if s.opens {
                    p.skip_block(s.line, s.column)?;
                }
                continue;
            };
            if eq != "=" {
                if s.opens {
                    p.skip_block(s.line, s.column)?;
                }
                continue;
            }
            let base = base.to_lowercase();
            let (kind, mut tags) = self
                .archetypes
                .get(&base)
                .cloned()
                .unwrap_or((base, Vec::new()));
            if s.opens {
                while let Some(inner) = p.statement()? {
                    self.count(p, &inner)?;
                    if matches!(inner.keyword().as_str(), "tag" | "tags") {
                        tags.extend(self.leading_strings(&inner, 1));
                    }
                    if inner.opens {
                        p.skip_block(inner.line, inner.column)?;
                    }
                }
            }
            self.archetypes.insert(name.to_lowercase(), (kind, tags));
        }
        Ok(())
    }

    /// The element in `slot`, mutable.
    fn slot_mut(&mut self, slot: Slot) -> &mut Element {
        let model = &mut self.workspace.model;
        match slot {
            Slot::Person(i) => &mut model.people[i],
            Slot::System(s) => &mut model.software_systems[s],
            Slot::Container(s, c) => &mut model.software_systems[s].containers[c],
            Slot::Component(s, c, k) => &mut model.software_systems[s].containers[c].components[k],
        }
    }

    /// `[id =] kind name [description] [technology] [tags] [{ … }]`.
    fn element(
        &mut self,
        p: &mut Parser,
        s: &Statement,
        from: usize,
        slot: Slot,
        made: Made,
        parent: Option<&(String, Slot)>,
    ) -> Result<(), ImportError> {
        let Made {
            identifier,
            tags: archetype_tags,
        } = made;
        let parts = self.leading_strings(s, from + 1);
        let Some(name) = parts.first().cloned() else {
            return Err(p.error(
                s.line,
                s.column,
                format!("{} needs a name", s.text(from).unwrap_or("")),
            ));
        };
        let has_technology = matches!(slot, Slot::Container(..) | Slot::Component(..));
        let id = self.new_id("e");
        let builtin = match slot {
            Slot::Person(_) => "Element,Person",
            Slot::System(_) => "Element,Software System",
            Slot::Container(..) => "Element,Container",
            Slot::Component(..) => "Element,Component",
        };
        let mut tags = builtin.to_string();
        let tag_part = if has_technology { 3 } else { 2 };
        for extra in archetype_tags
            .iter()
            .chain(parts.get(tag_part))
            .filter(|t| !t.trim().is_empty())
        {
            tags.push(',');
            tags.push_str(extra);
        }
        {
            let element = self.slot_mut(slot);
            element.id = id.clone();
            element.name = name;
            element.description = parts.get(1).cloned().unwrap_or_default();
            element.tags = tags;
        }
        if let Some(identifier) = identifier {
            let key = match (self.hierarchical, parent) {
                (true, Some((parent_key, _))) => format!("{parent_key}.{identifier}"),
                _ => identifier,
            };
            self.names.insert(key.to_lowercase(), (id.clone(), slot));
            if s.opens {
                let scope = scope_of(slot);
                return self.model_block(p, scope, Some((key.to_lowercase(), slot)));
            }
        } else if s.opens {
            let scope = scope_of(slot);
            // Under its parent, so that names relative to the parent
            // resolve inside its block too.
            let key = match parent {
                Some((parent_key, _)) => format!("{parent_key}.#{id}"),
                None => format!("#{id}"),
            };
            self.names.insert(key.clone(), (id, slot));
            return self.model_block(p, scope, Some((key, slot)));
        }
        Ok(())
    }

    /// `description`, `technology`, `tags`, `properties { … }`,
    /// `perspectives { … }` inside an element's block.
    fn element_field(
        &mut self,
        p: &mut Parser,
        s: &Statement,
        keyword: &str,
        slot: Option<Slot>,
    ) -> Result<(), ImportError> {
        let Some(slot) = slot else { return Ok(()) };
        match keyword {
            "description" => {
                let d = s.text(1).unwrap_or("").to_string();
                self.slot_mut(slot).description = d;
            }
            "tags" | "tag" => {
                let extra: Vec<String> = self.leading_strings(s, 1);
                let element = self.slot_mut(slot);
                for t in extra {
                    element.tags.push(',');
                    element.tags.push_str(&t);
                }
            }
            "properties" | "perspectives" if s.opens => {
                while let Some(entry) = p.statement()? {
                    self.count(p, &entry)?;
                    if entry.opens {
                        p.skip_block(entry.line, entry.column)?;
                    }
                    let (Some(key), Some(value)) = (entry.text(0), entry.text(1)) else {
                        continue;
                    };
                    let (key, value) = (key.to_string(), value.to_string());
                    let element = self.slot_mut(slot);
                    if keyword == "properties" {
                        element
                            .properties
                            .insert(key, serde_json::Value::String(value));
                    } else {
                        let third = entry.text(2).unwrap_or("").to_string();
                        element.perspectives.push(Perspective {
                            name: key,
                            description: value,
                            value: third,
                        });
                    }
                }
            }
            _ => {
                if s.opens {
                    p.skip_block(s.line, s.column)?;
                }
            }
        }
        Ok(())
    }

    /// The element an identifier names, seen from the block of `this`:
    /// `this`, a hierarchical name relative to the enclosing elements, or a
    /// global one.
    fn resolve(&self, name: &str, this: Option<&(String, Slot)>) -> Option<(String, Slot)> {
        let name = name.to_lowercase();
        if name == "this" {
            let (key, _) = this?;
            return self.names.get(key).cloned();
        }
        if let Some((key, _)) = this {
            // Relative to each enclosing element, innermost first.
            let mut prefix = key.as_str();
            loop {
                if let Some(found) = self.names.get(&format!("{prefix}.{name}")) {
                    return Some(found.clone());
                }
                match prefix.rfind('.') {
                    Some(i) => prefix = &prefix[..i],
                    None => break,
                }
            }
        }
        self.names.get(&name).cloned()
    }

    /// `a -> b [description] [technology] [tags]`, or `-> b …` from `this`.
    fn relationship(
        &mut self,
        p: &Parser,
        s: &Statement,
        arrow: usize,
        this: Option<&(String, Slot)>,
    ) -> Result<(), ImportError> {
        let source = match arrow {
            0 => "this",
            1 => s.text(0).unwrap_or(""),
            _ => {
                return Err(p.error(
                    s.line,
                    s.column,
                    "a relationship is written `source -> destination \"description\"`",
                ));
            }
        };
        let Some(destination) = s.text(arrow + 1) else {
            return Err(p.error(
                s.line,
                s.column,
                "a relationship needs a destination after ->",
            ));
        };
        let unknown = |what: &str| {
            p.error(
                s.line,
                s.column,
                format!("no element is called {what:?} here (a relationship names elements defined before it)"),
            )
        };
        let (from, from_slot) = self.resolve(source, this).ok_or_else(|| unknown(source))?;
        let (to, _) = self
            .resolve(destination, this)
            .ok_or_else(|| unknown(destination))?;
        let parts = self.leading_strings(s, arrow + 2);
        let tags = parts.get(2).cloned().unwrap_or_default();
        let asynchronous = tags
            .split(',')
            .any(|t| t.trim().eq_ignore_ascii_case("asynchronous"));
        let id = self.new_id("r");
        let relationship = Relationship {
            id,
            source_id: from.clone(),
            destination_id: to,
            description: parts.first().cloned().unwrap_or_default(),
            interaction_style: if asynchronous {
                "Asynchronous".into()
            } else {
                String::new()
            },
        };
        self.slot_mut(from_slot).relationships.push(relationship);
        Ok(())
    }

    /// `views { … }`: dynamic views are read, the rest skipped and counted.
    fn views_block(&mut self, p: &mut Parser) -> Result<(), ImportError> {
        while let Some(s) = p.statement()? {
            self.count(p, &s)?;
            match s.keyword().as_str() {
                "dynamic" if s.opens => self.dynamic_view(p, &s)?,
                _ => self.directive_or_skip(p, &s, Scope::Workspace, None)?,
            }
        }
        Ok(())
    }

    /// `dynamic scope [key] [description] { a -> b "what" … }`: each
    /// interaction names the model relationship between the two elements.
    fn dynamic_view(&mut self, p: &mut Parser, s: &Statement) -> Result<(), ImportError> {
        let parts = self.leading_strings(s, 1);
        let mut view = View {
            key: parts.get(1).cloned().unwrap_or_default(),
            description: parts.get(2).cloned().unwrap_or_default(),
            ..View::default()
        };
        let mut order = 0;
        while let Some(step) = p.statement()? {
            self.count(p, &step)?;
            let arrow = step
                .words
                .iter()
                .position(|w| matches!(w, Kind::Word(a) if a == "->"));
            match (arrow, step.keyword().as_str()) {
                (Some(1), _) => {
                    let (Some(a), Some(b)) = (step.text(0), step.text(2)) else {
                        continue;
                    };
                    let (from, to) = match (self.resolve(a, None), self.resolve(b, None)) {
                        (Some(from), Some(to)) => (from.0, to.0),
                        _ => {
                            return Err(p.error(
                                step.line,
                                step.column,
                                format!("no elements called {a:?} and {b:?} to interact"),
                            ));
                        }
                    };
                    // A response goes back along the relationship it answers.
                    let found = self
                        .relationship_between(&from, &to)
                        .or_else(|| self.relationship_between(&to, &from));
                    order += 1;
                    match found {
                        Some(id) => view.relationships.push(RelationshipView {
                            id,
                            order: order.to_string(),
                            description: step.text(3).unwrap_or("").to_string(),
                        }),
                        None => self
                            .skip("dynamic view interaction without a relationship in the model"),
                    }
                }
                (_, "title") => view.title = step.text(1).unwrap_or("").to_string(),
                (_, "description") => view.description = step.text(1).unwrap_or("").to_string(),
                (_, keyword) => {
                    if !matches!(keyword, "autolayout" | "autoLayout") {
                        self.skip(&format!("dynamic view {keyword}"));
                    }
                    if step.opens {
                        p.skip_block(step.line, step.column)?;
                    }
                }
            }
        }
        self.workspace.views.dynamic_views.push(view);
        Ok(())
    }

    /// The id of the first model relationship from `from` to `to`.
    fn relationship_between(&self, from: &str, to: &str) -> Option<String> {
        let model = &self.workspace.model;
        let all = model
            .people
            .iter()
            .chain(model.software_systems.iter().flat_map(|s| {
                std::iter::once(s).chain(
                    s.containers
                        .iter()
                        .flat_map(|c| std::iter::once(c).chain(c.components.iter())),
                )
            }));
        all.flat_map(|e| &e.relationships)
            .find(|r| r.source_id == from && r.destination_id == to)
            .map(|r| r.id.clone())
    }
}
