//! A structural check of a whole file against the level schema, so that a file with several misspelt
//! fields, missing fields or unknown enum variants gets all of them reported at once, not only the first
//! that the RON parser stops at.

use super::diagnostics::{Diagnostic, did_you_mean};
use super::reference::{Item, schema};
use super::spans::SpanIndex;

/// The element type inside `Vec<…>` or `Option<…>`, or the type itself.
fn inner(ty: &str) -> &str {
    let t = ty.trim();
    for w in ["Vec<", "Option<"] {
        if let Some(rest) = t.strip_prefix(w) {
            return inner(rest.strip_suffix('>').unwrap_or(rest));
        }
    }
    t
}

/// The Rust type at a path like `states[3].capital`, walking the schema from `root`. `None` where the
/// path leaves the schema, for example positional values inside an enum's tuple variant (`Used(Collective)`).
fn type_at<'a>(items: &'a [Item], root: &'a str, path: &str) -> Option<&'a str> {
    // The declared type, with its `Vec<…>` or `Option<…>` wrapper still on.
    let mut ty: &str = root;
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            rest = &r[end + 1..];
            // Indexing steps into a list; anything else indexed is a tuple variant's contents.
            let t = ty.trim();
            let t = t.strip_prefix("Option<").and_then(|x| x.strip_suffix('>')).unwrap_or(t);
            ty = t.strip_prefix("Vec<").and_then(|x| x.strip_suffix('>'))?;
            continue;
        }
        let r = rest.strip_prefix('.').unwrap_or(rest);
        let end = r.find(['.', '[']).unwrap_or(r.len());
        let field = &r[..end];
        rest = &r[end..];
        let item = items.iter().find(|i| i.raw == inner(ty) && !i.is_enum)?;
        ty = &item.fields.iter().find(|f| f.name == field)?.ty;
    }
    Some(inner(ty))
}

/// Every unknown field, missing required field and unknown enum variant in the file.
pub fn check(src: &str, root: &str) -> Vec<Diagnostic> {
    let items = schema();
    let spans = SpanIndex::build(src);
    let mut out = Vec::new();
    for (path, pos, names) in &spans.groups {
        let Some(ty) = type_at(items, root, path) else { continue };
        let Some(item) = items.iter().find(|i| i.raw == ty && !i.is_enum) else { continue };
        let known: Vec<&str> = item.fields.iter().map(|f| f.name.as_str()).collect();
        for (name, npos) in names {
            if !known.contains(&name.as_str()) {
                out.push(
                    Diagnostic::error(
                        format!("{path}.{name}"),
                        format!(
                            "unknown field `{name}` in `{}`: expected one of {}",
                            item.name,
                            known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                        ),
                    )
                    .suggest(did_you_mean(name, known.iter().copied()).or_else(|| super::field_of_another_type(name, &item.name)))
                    .at(*npos),
                );
            }
        }
        for f in item.fields.iter().filter(|f| f.default.is_none() && !f.ty.starts_with("Option<")) {
            if !names.iter().any(|(n, _)| *n == f.name) {
                out.push(
                    Diagnostic::error(path.clone(), format!("missing required field `{}` in `{}`", f.name, item.name))
                        .suggest(Some(format!("add `{}: ...`", f.name)))
                        .at(*pos),
                );
            }
        }
    }
    for (path, ident, pos) in &spans.idents {
        let Some(ty) = type_at(items, root, path) else { continue };
        let Some(item) = items.iter().find(|i| i.raw == ty && i.is_enum) else { continue };
        let variants: Vec<&str> = item.fields.iter().map(|f| f.name.as_str()).collect();
        if !variants.contains(&ident.as_str()) {
            out.push(
                Diagnostic::error(
                    path.clone(),
                    format!(
                        "unknown variant `{ident}` of `{}`: expected one of {}",
                        item.name,
                        variants.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
                    ),
                )
                .suggest(did_you_mean(ident, variants.iter().copied()))
                .at(*pos),
            );
        }
    }
    out.sort_by_key(|d| (d.line, d.col));
    out
}
