//! Where each value of a RON file sits: a path such as `states[3].cinc` maps to its line and column.
//!
//! serde forgets positions once a file is deserialized; the validator reports problems by path,
//! and this index turns each path back into `line:col` for the error message.

use std::collections::HashMap;

/// Line and column, both 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// A parenthesised group with named fields: its path, where it opens, and each field name with its place.
pub type Group = (String, Pos, Vec<(String, Pos)>);

#[derive(Default, Debug)]
pub struct SpanIndex {
    map: HashMap<String, Pos>,
    /// Bare identifiers given as values (enum variants), by path.
    pub idents: Vec<(String, String, Pos)>,
    /// Paths of every parenthesised group with named fields (a struct or struct variant), with the names given.
    pub groups: Vec<Group>,
}

impl SpanIndex {
    /// Builds the index. Malformed input yields a partial index; syntax errors are ron's to report.
    pub fn build(src: &str) -> Self {
        let mut p = Scanner { chars: src.chars().collect(), i: 0, line: 1, col: 1, out: HashMap::new(), idents: vec![], groups: vec![] };
        p.value(String::new(), 0);
        SpanIndex { map: p.out, idents: p.idents, groups: p.groups }
    }

    /// Position of the value at `path`, or of its nearest recorded ancestor.
    /// Whether the file gives this exact path.
    pub fn has(&self, path: &str) -> bool {
        self.map.contains_key(path)
    }

    pub fn locate(&self, path: &str) -> Pos {
        let mut p = path;
        loop {
            if let Some(pos) = self.map.get(p) {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.map.get("").copied().unwrap_or(Pos { line: 1, col: 1 }),
            }
        }
    }
}

struct Scanner {
    chars: Vec<char>,
    i: usize,
    line: usize,
    col: usize,
    out: HashMap<String, Pos>,
    idents: Vec<(String, String, Pos)>,
    groups: Vec<Group>,
}

const MAX_DEPTH: usize = 128;

impl Scanner {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }
    fn pos(&self) -> Pos {
        Pos { line: self.line, col: self.col }
    }
    fn skip_ws(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_whitespace() => {
                    self.bump();
                }
                Some('/') if self.chars.get(self.i + 1) == Some(&'/') => {
                    while let Some(c) = self.bump() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                Some('/') if self.chars.get(self.i + 1) == Some(&'*') => {
                    self.bump();
                    self.bump();
                    let mut depth = 1;
                    while depth > 0 {
                        match self.bump() {
                            None => return,
                            Some('*') if self.peek() == Some('/') => {
                                self.bump();
                                depth -= 1;
                            }
                            Some('/') if self.peek() == Some('*') => {
                                self.bump();
                                depth += 1;
                            }
                            _ => {}
                        }
                    }
                }
                _ => return,
            }
        }
    }
    fn ident(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' || c == '#' {
                s.push(c);
                self.bump();
            } else {
                break;
            }
        }
        s
    }
    fn string(&mut self) -> String {
        let mut s = String::new();
        self.bump(); // opening quote
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    if let Some(e) = self.bump() {
                        s.push(e);
                    }
                }
                '"' => break,
                c => s.push(c),
            }
        }
        s
    }
    fn raw_string(&mut self) {
        self.bump(); // r
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.bump(); // "
        'outer: while let Some(c) = self.bump() {
            if c == '"' {
                for _ in 0..hashes {
                    if self.peek() != Some('#') {
                        continue 'outer;
                    }
                    self.bump();
                }
                return;
            }
        }
    }

    fn value(&mut self, path: String, depth: usize) {
        self.skip_ws();
        let here = self.pos();
        self.out.entry(path.clone()).or_insert(here);
        if depth > MAX_DEPTH {
            self.i = self.chars.len();
            return;
        }
        match self.peek() {
            Some('"') => {
                self.string();
            }
            Some('r') if matches!(self.chars.get(self.i + 1), Some('"') | Some('#')) => self.raw_string(),
            Some('\'') => self.char_literal(),
            Some('[') => self.list(&path, depth),
            Some('{') => self.map(&path, depth),
            Some('(') => self.group(&path, depth),
            Some(c) if c.is_alphabetic() || c == '_' => {
                let at = self.pos();
                let name = self.ident();
                if name != "Some" && name != "None" && name != "true" && name != "false" {
                    self.idents.push((path.clone(), name, at));
                }
                self.skip_ws();
                if self.peek() == Some('(') {
                    self.group(&path, depth);
                }
            }
            Some(_) => {
                // number, sign or stray character
                while let Some(c) = self.peek() {
                    if c.is_alphanumeric() || matches!(c, '.' | '-' | '+' | '_') {
                        self.bump();
                    } else {
                        break;
                    }
                }
            }
            None => {}
        }
    }

    /// `'c'`, with its escapes.
    fn char_literal(&mut self) {
        self.bump();
        while let Some(c) = self.bump() {
            if c == '\\' {
                self.bump();
            } else if c == '\'' {
                break;
            }
        }
    }

    /// `[ ... ]`: each element at `path[n]`.
    fn list(&mut self, path: &str, depth: usize) {
        self.bump();
        let mut n = 0;
        loop {
            self.skip_ws();
            match self.peek() {
                None => return,
                Some(']') => {
                    self.bump();
                    return;
                }
                Some(',') => {
                    self.bump();
                }
                _ => {
                    let before = self.i;
                    self.value(format!("{path}[{n}]"), depth + 1);
                    n += 1;
                    if self.i == before {
                        self.bump();
                    }
                }
            }
        }
    }

    /// `{ ... }`: string keys at `path.key`, other keys and their values at `path.?`.
    fn map(&mut self, path: &str, depth: usize) {
        self.bump();
        loop {
            self.skip_ws();
            match self.peek() {
                None => return,
                Some('}') => {
                    self.bump();
                    return;
                }
                Some(',') => {
                    self.bump();
                }
                Some('"') => {
                    let key = self.string();
                    self.skip_ws();
                    if self.peek() == Some(':') {
                        self.bump();
                    }
                    self.value(format!("{path}.{key}"), depth + 1);
                }
                _ => {
                    let before = self.i;
                    self.value(format!("{path}.?"), depth + 1);
                    self.skip_ws();
                    if self.peek() == Some(':') {
                        self.bump();
                        self.value(format!("{path}.?"), depth + 1);
                    }
                    if self.i == before {
                        self.bump();
                    }
                }
            }
        }
    }

    /// `( ... )`: named fields `a: 1, b: 2` or positional values.
    fn group(&mut self, path: &str, depth: usize) {
        let start = self.pos();
        self.bump();
        let mut n = 0;
        let mut names: Vec<(String, Pos)> = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                None => return,
                Some(')') => {
                    self.bump();
                    if !names.is_empty() {
                        self.groups.push((path.to_string(), start, names));
                    }
                    return;
                }
                Some(',') => {
                    self.bump();
                }
                Some(c) if c.is_alphabetic() || c == '_' => {
                    // field name or positional identifier value
                    let save = (self.i, self.line, self.col);
                    let name_pos = self.pos();
                    let name = self.ident();
                    self.skip_ws();
                    if self.peek() == Some(':') && self.chars.get(self.i + 1) != Some(&':') {
                        self.bump();
                        let field_path = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
                        self.out.entry(format!("{field_path}@name")).or_insert(name_pos);
                        names.push((name.clone(), name_pos));
                        self.value(field_path, depth + 1);
                    } else {
                        (self.i, self.line, self.col) = save;
                        self.value(format!("{path}[{n}]"), depth + 1);
                        n += 1;
                    }
                }
                _ => {
                    let before = self.i;
                    self.value(format!("{path}[{n}]"), depth + 1);
                    n += 1;
                    if self.i == before {
                        self.bump();
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_find_their_lines() {
        let src = "Level(\n  id: \"x\",\n  states: [\n    State(id: \"FRA\"),\n    State(id: \"GBR\", cinc: 0.1),\n  ],\n)";
        let idx = SpanIndex::build(src);
        assert_eq!(idx.locate("id"), Pos { line: 2, col: 7 });
        assert_eq!(idx.locate("states[1].id"), Pos { line: 5, col: 15 });
        assert_eq!(idx.locate("states[1].cinc"), Pos { line: 5, col: 28 });
        // an unknown path falls back to its nearest ancestor
        assert_eq!(idx.locate("states[1].missing"), Pos { line: 5, col: 5 });
    }
}
