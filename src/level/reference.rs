//! The field reference of the level and campaign formats, generated from the raw types' own source and
//! doc comments, so that the documentation cannot drift from the code (`collective-security docs`).

use std::fmt::Write;

/// Shipped files the examples are taken from, so that every example is real and checked.
const EXAMPLES: [&str; 6] = [
    include_str!("../../levels/korea_1950.ron"),
    include_str!("../../levels/munich_1938.ron"),
    include_str!("../../levels/ukraine_2022.ron"),
    include_str!("../../levels/examples/leticia_1932.ron"),
    include_str!("../../levels/examples/abyssinia_1935_oil.ron"),
    include_str!("../../levels/campaign.ron"),
];

/// The shipped lesson the lesson format's examples come from.
const LESSON_EXAMPLES: [&str; 1] = [include_str!("../../levels/lessons/veto_and_uniting_for_peace.ron")];

/// The first use of `field: value` in a shipped file, shortened.
fn example(field: &str, sources: &[&str]) -> String {
    for src in sources {
        for line in src.lines() {
            let t = line.trim();
            if t.starts_with("//") {
                continue;
            }
            for (i, _) in t.match_indices(&format!("{field}: ")) {
                let before = t[..i].chars().last();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let value = &t[i + field.len() + 2..];
                let mut depth = 0i32;
                let mut end = value.len();
                let mut in_str = false;
                for (j, c) in value.char_indices() {
                    match c {
                        '"' => in_str = !in_str,
                        '(' | '[' if !in_str => depth += 1,
                        ')' | ']' if !in_str => {
                            if depth == 0 {
                                end = j;
                                break;
                            }
                            depth -= 1;
                        }
                        ',' if !in_str && depth == 0 => {
                            end = j;
                            break;
                        }
                        _ => {}
                    }
                }
                let v = value[..end].trim();
                if v.is_empty() {
                    continue;
                }
                let short: String = v.chars().take(48).collect();
                let short = if short.len() < v.len() { format!("{short}…") } else { short };
                return format!("`{field}: {}`", short.replace('|', "\\|"));
            }
        }
    }
    String::new()
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
        if t.starts_with("#[") {
            continue;
        }
        if let Some(rest) = t.strip_prefix("pub struct ").or_else(|| t.strip_prefix("pub enum ")) {
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
            } else if item.is_enum && !t.is_empty() && !t.starts_with("//") && t.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
                let variant = t.trim_end_matches(',').trim_end_matches('{').trim().split(['(', ' ', '{']).next().unwrap_or("").to_string();
                item.fields.push(Field { name: variant, ty: String::new(), doc: std::mem::take(&mut doc), default: None });
            } else if t.is_empty() {
                doc.clear();
            }
        } else if !t.starts_with("pub fn") && t.is_empty() {
            doc.clear();
        }
    }
    items
}

fn ron_type(ty: &str) -> String {
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
                        example(&f.name, if file.starts_with("lesson/") { &LESSON_EXAMPLES } else { &EXAMPLES })
                    );
                }
            }
            let _ = writeln!(s, "\n(from `src/{file}`)\n");
        }
    }
    s
}
