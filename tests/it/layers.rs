//! The crate's layers point one way: `files` and `geo` ← `level` ← `sim` ← `lesson` ← `game` ← `cli`. Inside a
//! layer, the modules that still import each other in a circle are listed below, to be untangled; a new circle
//! fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each layer, lowest first; a module may use only those of lower rank (and itself).
const LAYERS: [(&str, u8); 7] = [("files", 0), ("geo", 0), ("level", 1), ("sim", 2), ("lesson", 3), ("game", 4), ("cli", 5)];

/// Imports between sibling modules that lie on a circle today. Remove an entry when its circle is broken;
/// never add one.
const KNOWN_CIRCLES: [(&str, &str); KNOWN] = [];
const KNOWN: usize = 0;

/// Every module of the crate (`["game", "map"]`) with its source, tests left out.
fn modules() -> BTreeMap<Vec<String>, String> {
    let mut out = BTreeMap::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut dirs = vec![root.clone()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
                continue;
            }
            if p.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let rel = p.strip_prefix(&root).unwrap().with_extension("");
            let mut path: Vec<String> = rel.iter().map(|c| c.to_string_lossy().into_owned()).collect();
            if path.last().is_some_and(|l| l == "mod") {
                path.pop();
            }
            if path == ["lib"] || path == ["main"] {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
            out.insert(path, code);
        }
    }
    out
}

/// The paths a module's code names: `crate::a::b` and `super::b` (resolved).
fn references(module: &[String], code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (prefix, base) in [("crate::", vec![]), ("super::", module[..module.len().saturating_sub(1)].to_vec())] {
        for (i, _) in code.match_indices(prefix) {
            if code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let rest = &code[i + prefix.len()..];
            let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
            let mut path = base.clone();
            path.extend(rest[..end].split("::").filter(|s| !s.is_empty()).map(str::to_string));
            out.push(path);
        }
    }
    out
}

/// The module a path lands in, at the depth the rules speak of: a layer's direct child, or the layer itself.
fn node(mods: &BTreeMap<Vec<String>, String>, path: &[String]) -> Vec<String> {
    if path.len() >= 2 && mods.contains_key(&path[..2]) { path[..2].to_vec() } else { path[..1.min(path.len())].to_vec() }
}

fn imports() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mods = modules();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (m, code) in &mods {
        for r in references(m, code) {
            let (a, b) = (node(&mods, m), node(&mods, &r));
            if a != b && mods.contains_key(&b[..1]) {
                edges.entry(a).or_default().insert(b);
            }
        }
    }
    edges
}

fn reaches(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>, from: &[String], to: &[String]) -> bool {
    let (mut seen, mut todo) = (BTreeSet::new(), vec![from.to_vec()]);
    while let Some(x) = todo.pop() {
        if x == to {
            return true;
        }
        if seen.insert(x.clone()) {
            todo.extend(edges.get(&x).into_iter().flatten().cloned());
        }
    }
    false
}

#[test]
fn no_layer_uses_a_layer_above_it() {
    let rank = |m: &str| LAYERS.iter().find(|(n, _)| *n == m).map(|(_, r)| *r).unwrap_or_else(|| panic!("module `{m}` has no layer"));
    let mut wrong = Vec::new();
    for (a, targets) in imports() {
        for b in targets.iter().filter(|b| b[0] != a[0] && rank(&b[0]) >= rank(&a[0])) {
            wrong.push(format!("{} uses {}", a.join("::"), b.join("::")));
        }
    }
    assert!(wrong.is_empty(), "imports against the layers: {wrong:#?}");
}

#[test]
fn no_new_circle_of_imports_appears_between_modules() {
    let edges = imports();
    let mut circles = BTreeSet::new();
    for (a, targets) in &edges {
        for b in targets.iter().filter(|b| reaches(&edges, b, a)) {
            circles.insert((a.join("::"), b.join("::")));
        }
    }
    let known: BTreeSet<(String, String)> = KNOWN_CIRCLES.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    let new: Vec<_> = circles.difference(&known).collect();
    assert!(new.is_empty(), "new circles of imports (a uses b, and b reaches back to a): {new:#?}");
    let broken: Vec<_> = known.difference(&circles).collect();
    assert!(broken.is_empty(), "these circles are broken: remove them from KNOWN_CIRCLES: {broken:#?}");
    assert!(!circles.iter().any(|(a, b)| a.starts_with("game::map") && b.starts_with("game::still")), "the map and the partial redraw");
}
