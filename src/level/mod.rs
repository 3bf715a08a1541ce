//! Levels: RON files deserialized into raw types, checked by one validator, turned into a typed level.

pub mod campaign;
pub mod date;
pub mod diagnostics;
pub mod iso;
pub mod raw;
pub mod reference;
pub mod spans;
pub mod structure;
pub mod typed;
pub mod validate;
pub mod variant;

use std::path::Path;

pub use date::Date;
pub use diagnostics::{Diagnostic, Severity};
pub use raw::*;
pub use typed::*;

use diagnostics::did_you_mean;
use spans::{Pos, SpanIndex};

/// Files larger than this are refused before parsing.
pub const MAX_LEVEL_BYTES: usize = 4 * 1024 * 1024;

/// A checked level and the warnings it raised.
pub struct Checked {
    pub level: LevelDef,
    pub warnings: Vec<Diagnostic>,
}

/// How every data file (level, variant, campaign, lesson) is read: nesting is bounded, and an optional value
/// may be written plainly (`area_km2: 27000.0`) or as `Some(27000.0)`, as a modder finds most natural.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_recursion_limit(64).with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses and validates level source text. Every diagnostic carries its line and column.
pub fn check_source(src: &str) -> Result<Checked, Vec<Diagnostic>> {
    check_source_in(src, None)
}

/// The same, for a file in `dir`: a what-if variant finds the level it extends beside it or in `levels/`.
pub fn check_source_in(src: &str, dir: Option<&Path>) -> Result<Checked, Vec<Diagnostic>> {
    if variant::is_variant(src) {
        let v: variant::RawVariant = ron_options().from_str(src).map_err(|e| vec![from_ron_error(src, &e)])?;
        let (raw, own) = variant::apply(&v, src, dir, &crate::files::levels_dir())?;
        // The merged level is checked like any other. A problem in what the variant added is placed in the
        // variant's own text; the rest come from the base level.
        let added = variant::Added { events: raw.events.len() - v.add_events.len(), blocs: raw.blocs.len() - v.add_blocs.len() };
        let spans = SpanIndex::build(src);
        return validate::validate(&raw)
            .map(|(level, warnings)| Checked {
                level,
                warnings: own.into_iter().chain(warnings.into_iter().map(|x| added.locate(x, &spans))).collect(),
            })
            .map_err(|d| {
                let mut d: Vec<Diagnostic> = d.into_iter().map(|x| added.locate(x, &spans)).collect();
                d.sort_by_key(|x| (x.line, x.col));
                d
            });
    }
    if src.len() > MAX_LEVEL_BYTES {
        return Err(vec![
            Diagnostic::error("", format!("the file is {} bytes; a level may be at most {MAX_LEVEL_BYTES}", src.len()))
                .at(Pos { line: 1, col: 1 }),
        ]);
    }
    if src.trim().is_empty() {
        return Err(vec![Diagnostic::error("", "the file is empty: expected `Level(...)`").at(Pos { line: 1, col: 1 })]);
    }
    let raw: RawLevel = match ron_options().from_str(src) {
        Ok(r) => r,
        Err(e) => {
            // The parser stops at the first problem; the structural check finds the others too.
            let first = from_ron_error(src, &e);
            let mut all = structure::check(src, "RawLevel");
            if !all.iter().any(|d| d.line == first.line) {
                all.push(first);
                all.sort_by_key(|d| (d.line, d.col));
            }
            return Err(all);
        }
    };
    let spans = SpanIndex::build(src);
    match validate::validate(&raw) {
        Ok((level, warnings)) => Ok(Checked { level, warnings: warnings.into_iter().map(|d| d.locate(&spans)).collect() }),
        Err(all) => Err(all.into_iter().map(|d| d.locate(&spans)).collect()),
    }
}

/// Reads, parses and validates a level file.
pub fn check_file(path: &Path) -> Result<Checked, Vec<Diagnostic>> {
    let bytes = crate::files::read_capped(path, crate::files::MAX_FILE_BYTES)
        .map_err(|e| vec![Diagnostic::error("", format!("cannot read the file: {e}")).at(Pos { line: 1, col: 1 })])?;
    let src = String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(upto);
        let line = text.matches('\n').count() + 1;
        let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        vec![Diagnostic::error("", "the file is not valid UTF-8 text").at(Pos { line, col })]
    })?;
    let mut checked = check_source_in(&src, path.parent())?;
    let stem = path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
    if checked.level.id != stem {
        let d = Diagnostic::warning(
            "id",
            format!(
                "the id `{}` is not the file's name `{stem}`: variants, campaigns and lessons find a level by its file's name",
                checked.level.id
            ),
        );
        checked.warnings.push(d.code("id_not_file_name").locate(&SpanIndex::build(&src)));
    }
    Ok(checked)
}

/// Loads a level by file path, for the simulation.
pub fn load(path: &Path) -> Result<LevelDef, String> {
    check_file(path).map(|c| c.level).map_err(|errs| {
        let name = path.display().to_string();
        errs.iter().map(|d| d.render(&name)).collect::<Vec<_>>().join("\n")
    })
}

pub(crate) fn from_ron_error(src: &str, e: &ron::error::SpannedError) -> Diagnostic {
    use ron::Error as E;
    let pos = Pos { line: e.span.start.line.max(1), col: e.span.start.col.max(1) };
    let wants_bracket = e.code.to_string().contains("opening");
    if let Some(d) = values_given_to_a_bare_name(src, pos)
        .or_else(|| wants_bracket.then(|| no_values_given_to_a_name_that_takes_them(src, pos)).flatten())
    {
        return d;
    }
    let (message, suggestion) = match &e.code {
        E::NoSuchEnumVariant { expected, found, outer } => (
            format!(
                "unknown variant `{found}`{}: expected one of {}",
                outer.as_deref().map(|o| format!(" of `{o}`")).unwrap_or_default(),
                list(expected)
            ),
            did_you_mean(found, expected.iter().copied()),
        ),
        E::NoSuchStructField { expected, found, outer } => (
            format!(
                "unknown field `{found}`{}: expected one of {}",
                outer.as_deref().map(|o| format!(" in `{o}`")).unwrap_or_default(),
                list(expected)
            ),
            did_you_mean(found, expected.iter().copied()).or_else(|| field_of_another_type(found, outer.as_deref().unwrap_or(""))),
        ),
        E::MissingStructField { field, outer } => (
            format!("missing required field `{field}`{}", outer.as_deref().map(|o| format!(" in `{o}`")).unwrap_or_default()),
            Some(format!("add `{field}: ...`")),
        ),
        E::ExpectedMapColon if let Some(d) = values_without_names(src, pos) => return d,
        other => match field_before(src, pos) {
            Some((field, ty)) if is_a_kind_of_value(other) => {
                let ty = if ty == "text" { "text in double quotes".to_string() } else { ty };
                (format!("{other} for `{field}`"), (!ty.is_empty()).then(|| format!("`{field}` takes {ty}")))
            }
            _ => (format!("{other}"), None),
        },
    };
    Diagnostic::error("", message).at(pos).suggest(suggestion)
}

/// An unknown field that is (or nearly is) a field of another type: where it belongs (`misjudgement` is written
/// inside a crisis's `uncertainty: (...)`, not in the crisis itself).
pub(crate) fn field_of_another_type(found: &str, outer: &str) -> Option<String> {
    let schema = reference::schema();
    // A variant's change to a crisis, a state or a bloc (`CrisisChange`) names only what a variant may change.
    if let Some(base) = outer.strip_suffix("Change")
        && schema.iter().any(|i| i.name == base && i.fields.iter().any(|f| f.name == found))
    {
        return Some(format!("a variant cannot change `{found}`: it is the level's own; `{outer}` lists what a variant may change"));
    }
    let all = schema.iter().filter(|i| !i.is_enum).flat_map(|i| i.fields.iter().map(move |f| (i, f)));
    let exact = all.clone().find(|(_, f)| f.name == found);
    // Inside a variant's change, only an exact name: a near one is more likely a slip for a field it has.
    let near = || {
        let near = diagnostics::nearest(found, all.clone().map(|(_, f)| f.name.as_str()))?;
        all.clone().find(|(_, f)| f.name == near)
    };
    let (owner, field) = exact.or_else(|| if outer.ends_with("Change") { None } else { near() })?;
    let holder = schema.iter().flat_map(|i| &i.fields).find(|f| f.ty.split(|c: char| !c.is_alphanumeric()).any(|w| w == owner.raw));
    let inside = holder
        .map(|h| {
            let list = h.ty.contains("Vec<");
            format!(", written inside `{}: {}`", h.name, if list { format!("[{}(...)]", owner.name) } else { "(...)".into() })
        })
        .unwrap_or_default();
    Some(format!("`{}` is a field of `{}`{inside}", field.name, owner.name))
}

/// An error that says the value is of the wrong kind (a number where true/false goes), not a slip of syntax.
fn is_a_kind_of_value(e: &ron::Error) -> bool {
    use ron::Error as E;
    matches!(
        e,
        E::ExpectedArray
            | E::ExpectedBoolean
            | E::ExpectedFloat
            | E::ExpectedInteger
            | E::ExpectedOption
            | E::ExpectedString
            | E::ExpectedChar
            | E::ExpectedMap
            | E::ExpectedUnit
    )
}

/// A choice whose values are written without their names (`Propose(LeagueCouncil, Condemn)`): the parser says
/// it expected a colon; the modder needs the names the values take.
fn values_without_names(src: &str, pos: Pos) -> Option<Diagnostic> {
    let upto: String = src.lines().nth(pos.line - 1)?.chars().take(pos.col.saturating_sub(1)).collect();
    let (word, col, named) = choice_opened_in(&upto)?;
    let takes = named.first().filter(|_| named.iter().all(|f| f.ty.contains(':')))?;
    Some(
        Diagnostic::error("", format!("`{word}` takes its values by name"))
            .at(Pos { line: pos.line, col })
            .suggest(Some(format!("write `{word}{}`", reference::ron_type(&takes.ty)))),
    )
}

/// The choice whose bracket is the last one opened in `upto` (`Propose` in `orders: [Propose(SecurityCouncil`):
/// its name, the column it starts at, and every choice of that name in the format.
fn choice_opened_in(upto: &str) -> Option<(&str, usize, Vec<&'static reference::Field>)> {
    let open = upto.rfind('(')?;
    let word_start = last_word_start(&upto[..open]);
    let word = &upto[word_start..open];
    let named = reference::schema().iter().filter(|i| i.is_enum).flat_map(|i| &i.fields).filter(|f| f.name == word).collect();
    Some((word, upto[..word_start].chars().count() + 1, named))
}

/// The field whose value sits at `pos` (`nuclear: 1` → `nuclear`), with its type as the reference gives it,
/// so that "Expected boolean" says which field wanted one.
fn field_before(src: &str, pos: Pos) -> Option<(String, String)> {
    let line = src.lines().nth(pos.line - 1)?;
    let upto: String = line.chars().take(pos.col.saturating_sub(1)).collect();
    let colon = upto.trim_end().strip_suffix(':').or_else(|| upto.rfind(':').map(|i| &upto[..i]))?;
    let before = colon.trim_end();
    let word = &before[last_word_start(before)..];
    if word.is_empty() || word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let ty = reference::schema().iter().flat_map(|i| &i.fields).find(|f| f.name == word).map(|f| reference::ron_type(&f.ty));
    Some((word.to_string(), ty.unwrap_or_default()))
}

/// A choice written with values in brackets that takes none (`Blockade(oil: true)`): the parser only says
/// "Expected comma" somewhere inside the brackets; the modder needs to hear which word takes no values.
fn values_given_to_a_bare_name(src: &str, pos: Pos) -> Option<Diagnostic> {
    let upto: String = src.lines().nth(pos.line - 1)?.chars().take(pos.col).collect();
    let (word, col, named) = choice_opened_in(&upto)?;
    // Only where no choice of that name anywhere takes values.
    named.first().filter(|_| named.iter().all(|f| f.ty.is_empty()))?;
    Some(
        Diagnostic::error("", format!("`{word}` takes no values in brackets"))
            .at(Pos { line: pos.line, col })
            .suggest(Some(format!("write `{word}` alone"))),
    )
}

/// A choice that takes values written alone (`Sanction`): the parser says it expected an opening bracket just
/// after the word; the modder needs the values it takes.
fn no_values_given_to_a_name_that_takes_them(src: &str, pos: Pos) -> Option<Diagnostic> {
    let line = src.lines().nth(pos.line - 1)?;
    let upto: String = line.chars().take(pos.col.saturating_sub(1)).collect();
    let before = upto.trim_end();
    let word_start = last_word_start(before);
    let word = &before[word_start..];
    let named: Vec<_> = reference::schema().iter().filter(|i| i.is_enum).flat_map(|i| &i.fields).filter(|f| f.name == word).collect();
    let takes = named.first().filter(|_| !word.is_empty() && named.iter().all(|f| !f.ty.is_empty()))?;
    let col = upto[..word_start].chars().count() + 1;
    Some(
        Diagnostic::error("", format!("`{word}` takes values in brackets"))
            .at(Pos { line: pos.line, col })
            .suggest(Some(format!("write `{word}{}`", takes.ty))),
    )
}

/// Where the last word of `s` begins, in bytes: after the last character that cannot be part of a name,
/// whatever its width (a dash in a tally is three bytes).
fn last_word_start(s: &str) -> usize {
    s.char_indices().rev().find(|(_, c)| !(c.is_alphanumeric() || *c == '_')).map_or(0, |(i, c)| i + c.len_utf8())
}

fn list(items: &[&str]) -> String {
    items.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
}

/// A level by path or by shipped id.
pub fn resolve(name: &str) -> Result<LevelDef, String> {
    let p = std::path::Path::new(name);
    let path = if crate::files::exists(p) { p.to_path_buf() } else { crate::files::levels_dir().join(format!("{name}.ron")) };
    if !crate::files::exists(&path) {
        let shipped = crate::files::shipped_levels();
        let ids: Vec<String> = shipped.iter().filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned())).collect();
        let hint = diagnostics::did_you_mean(name, ids.iter().map(|s| s.as_str()))
            .unwrap_or_else(|| format!("shipped levels: {}", ids.join(", ")));
        return Err(format!("no level `{name}`: not a file and not a shipped level ({hint})"));
    }
    load(&path)
}
