//! The field reference of the level and campaign formats, generated from the raw types' own source and
//! doc comments, so that the documentation cannot drift from the code (`collective-security docs`). The
//! names it reads are held to serde's own by a test (`tests/it/levels.rs`, which asks each type through
//! serde for the fields and choices it reads), so that reformatting the source cannot silently change what
//! the structural check accepts.

use std::fmt::Write;

/// Shipped files the examples are taken from, so that every example is real and checked.
const EXAMPLES: [&str; 13] = [
    include_str!("../../levels/korea_1950.ron"),
    include_str!("../../levels/abyssinia_1935.ron"),
    include_str!("../../levels/munich_1938.ron"),
    include_str!("../../levels/ukraine_2022.ron"),
    include_str!("../../levels/examples/leticia_1932.ron"),
    include_str!("../../levels/examples/abyssinia_1935_oil.ron"),
    include_str!("../../levels/examples/ukraine_2022_no_veto.ron"),
    include_str!("../../levels/whatif/munich_1938_pacts_honoured.ron"),
    include_str!("../../levels/whatif/crimea_2014_ukraine_in_nato.ron"),
    include_str!("../../levels/whatif/kuwait_1990_no_us_forces.ron"),
    include_str!("../../levels/whatif/suez_1956_no_ufp.ron"),
    include_str!("../../levels/whatif/abyssinia_1935_oil_with_usa.ron"),
    include_str!("../../levels/campaign.ron"),
];

/// The shipped lesson the lesson format's examples come from.
const LESSON_EXAMPLES: [&str; 1] = [include_str!("../../levels/lessons/veto_and_uniting_for_peace.ron")];

/// The first use of `field: value` inside a value of the type `item` in the shipped files, shortened: a
/// state's `id` is a state's, never the level's.
fn example(items: &[Item], item: &Item, field: &str, sources: &[&str]) -> String {
    let found = sources.iter().flat_map(|src| instances(items, item, src, 0)).find_map(|inst| field_value(inst, field));
    let Some(v) = found else { return String::new() };
    // One line, without comments: a list written over many lines is shown by its beginning.
    let v = without_comments(v);
    let v = v.split_whitespace().collect::<Vec<_>>().join(" ").replace("[ ", "[").replace("( ", "(");
    let short: String = v.chars().take(48).collect();
    let short = if short.len() < v.len() { format!("{short}…") } else { short };
    format!("`{field}: {}`", short.replace('|', "\\|"))
}

/// RON text without its `//` comments.
fn without_comments(text: &str) -> String {
    let mut out = String::new();
    lex(text, |_, c, kind| {
        if kind != Lexed::Comment {
            out.push(c);
        }
        true
    });
    out
}

/// The texts inside the brackets of every value of the type `item` in `src`: those written with its name
/// (`State(...)`), else those in the fields of other types that hold it (`events: [(...), ...]`).
fn instances<'a>(items: &[Item], item: &Item, src: &'a str, depth: usize) -> Vec<&'a str> {
    let named = named(src, &item.name);
    if !named.is_empty() || depth > 4 {
        return named;
    }
    let mut out = Vec::new();
    for holder in items.iter().filter(|h| !h.is_enum && h.raw != item.raw) {
        for f in holder.fields.iter().filter(|f| holds(&f.ty, &item.raw)) {
            for inst in instances(items, holder, src, depth + 1) {
                out.extend(field_value(inst, &f.name).into_iter().flat_map(elements));
            }
        }
    }
    out
}

/// Whether a field's type is `raw`, a list of it or an optional one.
fn holds(ty: &str, raw: &str) -> bool {
    let t = ty.trim();
    let t = t.strip_prefix("Option<").and_then(|x| x.strip_suffix('>')).unwrap_or(t);
    let t = t.strip_prefix("Vec<").and_then(|x| x.strip_suffix('>')).unwrap_or(t);
    t == raw
}

/// What a character of RON text is part of.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lexed {
    Code,
    /// A string, its quotes included.
    Str,
    Comment,
}

/// Steps through RON text calling `f(index, char, what it is part of)`; `f` returns false to stop.
fn lex(text: &str, mut f: impl FnMut(usize, char, Lexed) -> bool) {
    let (mut in_str, mut comment, mut escaped) = (false, false, false);
    for (i, c) in text.char_indices() {
        let kind = if comment {
            comment = c != '\n';
            Lexed::Comment
        } else if in_str {
            in_str = escaped || c != '"';
            escaped = !escaped && c == '\\';
            Lexed::Str
        } else if c == '/' && text[i + 1..].starts_with('/') {
            comment = true;
            Lexed::Comment
        } else if c == '"' {
            in_str = true;
            Lexed::Str
        } else {
            Lexed::Code
        };
        if !f(i, c, kind) {
            return;
        }
    }
}

/// Steps through RON text outside strings and comments, calling `f(index, char, depth)`; `f` returns false
/// to stop.
fn scan(text: &str, mut f: impl FnMut(usize, char, i32) -> bool) {
    let mut depth = 0i32;
    lex(text, |i, c, kind| {
        if kind != Lexed::Code {
            return true;
        }
        if matches!(c, ')' | ']') {
            depth -= 1;
        }
        let go_on = f(i, c, depth);
        if matches!(c, '(' | '[') {
            depth += 1;
        }
        go_on
    });
}

/// Whether `text` ends with the whole word `word` (not the end of a longer name).
fn ends_with_word(text: &str, word: &str) -> bool {
    text.strip_suffix(word).is_some_and(|before| !before.ends_with(|p: char| p.is_alphanumeric() || p == '_'))
}

/// The text from just after an opening bracket at `open` to its closing bracket.
fn bracketed(text: &str, open: usize) -> &str {
    let body = &text[open + 1..];
    let mut end = body.len();
    scan(body, |i, c, depth| {
        let closing = depth < 0 && matches!(c, ')' | ']');
        if closing {
            end = i;
        }
        !closing
    });
    &body[..end]
}

/// The contents of every `name(...)` in `text`.
fn named<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    let mut opens = Vec::new();
    scan(text, |i, c, _| {
        if c == '(' && ends_with_word(&text[..i], name) {
            opens.push(i);
        }
        true
    });
    opens.into_iter().map(|i| bracketed(text, i)).collect()
}

/// The value written for `field` directly inside `inst` (not in a value nested in it).
fn field_value<'a>(inst: &'a str, field: &str) -> Option<&'a str> {
    let mut start = None;
    scan(inst, |i, c, depth| {
        let here = depth == 0 && c == ':' && ends_with_word(&inst[..i], field);
        if here {
            start = Some(i + 1);
        }
        !here
    });
    let rest = &inst[start?..];
    let mut end = rest.len();
    scan(rest, |i, c, depth| {
        let stop = (c == ',' && depth == 0) || depth < 0;
        if stop {
            end = i;
        }
        !stop
    });
    Some(rest[..end].trim()).filter(|v| !v.is_empty())
}

/// The values inside a list (`[(...), (...)]`), or the one value itself, each without its brackets and name.
fn elements(value: &str) -> Vec<&str> {
    let v = value.trim();
    let v = v.strip_prefix("Some(").map_or(v, |_| bracketed(v, 4)).trim();
    let mut out = Vec::new();
    if let Some(list) = v.strip_prefix('[').map(|_| bracketed(v, 0)) {
        scan(list, |i, c, depth| {
            if c == '(' && depth == 0 {
                out.push(bracketed(list, i));
            }
            true
        });
    } else if let Some(open) = v.find('(') {
        out.push(bracketed(v, open));
    }
    out
}

const SOURCES: [(&str, &str); 4] = [
    ("level/raw.rs", include_str!("raw.rs")),
    ("level/variant.rs", include_str!("variant.rs")),
    ("level/campaign.rs", include_str!("campaign.rs")),
    ("lesson/raw.rs", include_str!("../lesson/raw.rs")),
];

pub(crate) struct Item {
    /// The Rust type's name (`RawState`).
    pub raw: String,
    /// The name in RON (`State`).
    pub name: String,
    doc: Vec<String>,
    pub fields: Vec<Field>,
    pub is_enum: bool,
}

pub(crate) struct Field {
    pub name: String,
    pub ty: String,
    doc: Vec<String>,
    pub default: Option<String>,
}

/// Every raw type of the level formats, parsed once from their source: the schema the structural check uses.
pub(crate) fn schema() -> &'static [Item] {
    static SCHEMA: std::sync::OnceLock<Vec<Item>> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| SOURCES.iter().flat_map(|(_, src)| parse(src)).collect())
}

/// The schema's names, for the test that holds it to serde's own: for each raw type, its Rust name, its name
/// in RON, and its fields (a struct) or choices (an enum).
pub fn names() -> Vec<(String, String, Vec<String>, bool)> {
    schema().iter().map(|i| (i.raw.clone(), i.name.clone(), i.fields.iter().map(|f| f.name.clone()).collect(), i.is_enum)).collect()
}

fn default_value(src: &str, func: &str) -> String {
    let needle = format!("fn {func}() -> ");
    src.find(&needle)
        .and_then(|i| {
            let body = &src[i..];
            let open = body.find('{')?;
            let close = body.find('}')?;
            Some(body[open + 1..close].trim().to_string())
        })
        .unwrap_or_else(|| func.to_string())
}

fn parse(src: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut doc: Vec<String> = Vec::new();
    let mut rename: Option<String> = None;
    let mut default: Option<String> = None;
    let mut current: Option<Item> = None;
    let mut serde = false;
    for line in src.lines() {
        let t = line.trim();
        if let Some(d) = t.strip_prefix("///") {
            doc.push(d.trim().to_string());
            continue;
        }
        if t.starts_with("#[serde(") {
            if let Some(i) = t.find("rename = \"") {
                rename = t[i + 10..].split('"').next().map(str::to_string);
            }
            if t.contains("default = \"") {
                let f = t.split("default = \"").nth(1).and_then(|x| x.split('"').next()).unwrap_or("");
                default = Some(default_value(src, f));
            } else if t.contains("default") && !t.contains("deny_unknown_fields") {
                default = Some("empty, 0 or false".into());
            }
            continue;
        }
        if t.starts_with("#[derive(") {
            // Only the types read from files are part of the format.
            serde = t.contains("Deserialize");
            continue;
        }
        if t.starts_with("#[") {
            continue;
        }
        if let Some(rest) = t.strip_prefix("pub struct ").or_else(|| t.strip_prefix("pub enum ")).filter(|_| std::mem::take(&mut serde)) {
            let is_enum = t.starts_with("pub enum");
            let raw_name = rest.split([' ', '{']).next().unwrap_or("").to_string();
            let name = rename.take().unwrap_or(raw_name.clone());
            current = Some(Item { raw: raw_name, name, doc: std::mem::take(&mut doc), fields: vec![], is_enum });
            default = None;
            continue;
        }
        if t == "}" {
            if let Some(item) = current.take() {
                items.push(item);
            }
            doc.clear();
            continue;
        }
        if let Some(item) = &mut current {
            if !item.is_enum
                && let Some(rest) = t.strip_prefix("pub ")
            {
                if let Some((name, ty)) = rest.split_once(':') {
                    item.fields.push(Field {
                        name: name.trim().into(),
                        ty: ty.trim().trim_end_matches(',').trim().into(),
                        doc: std::mem::take(&mut doc),
                        default: default.take(),
                    });
                }
            } else if item.is_enum && t.starts_with('}') {
                close_values(item);
            } else if item.is_enum && t.starts_with(|c: char| c.is_ascii_lowercase()) && t.contains(':') {
                // A value of a variant whose values run over several lines (`Propose {`, then `body: BodyKind,`).
                if let Some(last) = item.fields.last_mut().filter(|f| f.ty.ends_with(", ") || f.ty == "(") {
                    last.ty.push_str(t.trim_end_matches(','));
                    last.ty.push_str(", ");
                }
            } else if item.is_enum && !t.is_empty() && !t.starts_with("//") && t.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
                let variant = t.trim_end_matches(',').trim_end_matches('{').trim().split(['(', ' ', '{']).next().unwrap_or("").to_string();
                // A variant's `ty` is empty when it takes no values (`Blockade`), else its values as written
                // in a level (`(oil: bool)`), gathered line by line where they run over several lines.
                let ty = variant_values(t);
                item.fields.push(Field { name: variant, ty, doc: std::mem::take(&mut doc), default: None });
            } else if t.is_empty() {
                doc.clear();
            }
        } else if !t.starts_with("pub fn") && t.is_empty() {
            doc.clear();
        }
    }
    items
}

/// Ends the values of a variant written over several lines: `(body: BodyKind, measure: Measure)`.
fn close_values(item: &mut Item) {
    if let Some(last) = item.fields.last_mut().filter(|f| f.ty.ends_with(", ") || f.ty == "(") {
        last.ty = format!("{})", last.ty.trim_end_matches(", "));
    }
}

/// A variant's values as a level writes them: `Sanction { oil: bool },` gives `(oil: bool)`, `JoinBloc(String),`
/// gives `(String)`, a variant whose values run over several lines `(` (the rest follows), and one without values nothing.
fn variant_values(line: &str) -> String {
    let inline = |open: char, close: char| {
        let (a, b) = (line.find(open)?, line.rfind(close)?);
        (a < b).then(|| format!("({})", line[a + 1..b].trim()))
    };
    if !line.contains(['(', '{']) {
        return String::new();
    }
    // Over several lines: opened here, its values added line by line, closed by `close_values`.
    inline('{', '}').or_else(|| inline('(', ')')).unwrap_or_else(|| "(".into())
}

pub(crate) fn ron_type(ty: &str) -> String {
    ty.replace("RecordedVote", "Vote")
        .replace("Raw", "")
        .replace("Vec<", "list of ")
        .replace("Option<", "optional ")
        .replace('>', "")
        .replace("String", "text")
        .replace("f32", "number")
        .replace("u32", "whole number")
        .replace("bool", "true/false")
        .replace("(number, number)", "(lon, lat)")
}

/// The Markdown reference.
pub fn markdown() -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Level format reference\n");
    let _ = writeln!(
        s,
        "Generated by `collective-security docs` from the level types in `src/level/`; do not edit. A test fails when this file differs from what the code generates. The guide is [MODDING.md](../MODDING.md).\n"
    );
    for (file, src) in SOURCES {
        if file.starts_with("lesson/") {
            let _ = writeln!(s, "# Lesson format reference\n");
            let _ = writeln!(
                s,
                "Lessons live in `levels/lessons/*.ron`; `collective-security check levels/lessons/` checks them. The guide is the Lessons section of [MODDING.md](../MODDING.md).\n"
            );
        }
        for item in parse(src) {
            if item.fields.is_empty() {
                continue;
            }
            let _ = writeln!(s, "## {}{}\n", item.name, if item.is_enum { " (one of)" } else { "" });
            if !item.doc.is_empty() {
                let _ = writeln!(s, "{}\n", item.doc.join(" "));
            }
            if item.is_enum {
                for f in &item.fields {
                    let _ =
                        writeln!(s, "- `{}`{}", f.name, if f.doc.is_empty() { String::new() } else { format!(": {}", f.doc.join(" ")) });
                }
            } else {
                let _ = writeln!(s, "| field | type | required | meaning | example |");
                let _ = writeln!(s, "|---|---|---|---|---|");
                for f in &item.fields {
                    let req = match &f.default {
                        Some(d) => format!("no (default {d})"),
                        None => "yes".into(),
                    };
                    let _ = writeln!(
                        s,
                        "| `{}` | {} | {} | {} | {} |",
                        f.name,
                        ron_type(&f.ty),
                        req,
                        f.doc.join(" "),
                        example(schema(), &item, &f.name, if file.starts_with("lesson/") { &LESSON_EXAMPLES } else { &EXAMPLES })
                    );
                }
            }
            let _ = writeln!(s, "\n(from `src/{file}`)\n");
        }
    }
    s
}
