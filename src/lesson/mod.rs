//! Lessons for the classroom: a lesson file names the crises a student plays, the questions asked on the
//! way, a quiz and the objectives; `play` turns what a student did into a report, replayed headless from
//! the seed and the orders; `class` gathers many reports into a class summary.
//!
//! Headless like the simulation: no window, renderer or egui.

pub mod attempt;
pub mod class;
pub mod glossary;
pub mod play;
pub mod raw;
pub mod report;
pub mod teacher;
pub mod timing;
pub mod validate;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use raw::*;

use crate::level::{Diagnostic, LevelDef, Order, StateIx};

/// A checked lesson, its levels loaded.
#[derive(Clone, Debug)]
pub struct LessonDef {
    /// The file stem.
    pub id: String,
    pub title: String,
    pub summary: String,
    pub minutes: u32,
    pub seed: Option<String>,
    pub objectives: Vec<RawObjective>,
    pub parts: Vec<Part>,
    pub guiding: Vec<RawGuiding>,
    pub quiz: Vec<RawQuestion>,
    pub debrief: Vec<String>,
}

/// One crisis of a lesson, its level loaded.
#[derive(Clone, Debug)]
pub struct Part {
    pub level: Arc<LevelDef>,
    pub role: StateIx,
    pub minutes: u32,
}

impl LessonDef {
    /// The guiding questions of a part at a moment.
    pub fn guiding_at(&self, part: usize, at: Moment) -> impl Iterator<Item = (usize, &RawGuiding)> {
        let level = self.parts.get(part).map(|p| p.level.id.clone()).unwrap_or_default();
        self.guiding.iter().enumerate().filter(move |(_, g)| g.level == level && g.at == at)
    }
}

impl Strategy {
    pub const ALL: [Strategy; 3] = [Strategy::Appeasement, Strategy::Alliance, Strategy::Collective];

    /// The strategies of one turn's orders, with force authorised before the turn and after its votes. Forces
    /// ordered with a request for the authority to use them wait on it: collective action if it is granted,
    /// nothing if it is refused (they stay home).
    pub fn of_turn(orders: &[Order], authorised_before: bool, authorised_after: bool) -> impl Iterator<Item = Strategy> + '_ {
        let sought = orders.iter().any(Order::asks_authority_for_force);
        orders.iter().filter_map(move |o| match o {
            Order::Intervene if sought && !authorised_before => authorised_after.then_some(Strategy::Collective),
            _ => Strategy::of(o, authorised_before),
        })
    }

    /// The strategy an order belongs to. Sending forces is collective action once the institution has
    /// authorised force, and alliance or balance of power without it; waiting belongs to none.
    pub fn of(order: &Order, force_authorised: bool) -> Option<Strategy> {
        match order {
            Order::Concede | Order::Mediate => Some(Strategy::Appeasement),
            Order::Guarantee | Order::Rearm | Order::JoinBloc(_) | Order::ArmVictim | Order::Blockade => Some(Strategy::Alliance),
            Order::Intervene => Some(if force_authorised { Strategy::Collective } else { Strategy::Alliance }),
            // Restoring the line the aggression crossed, and no more, is the Charter's aim (S/RES/83: "to repel
            // the armed attack"); carrying the war beyond it is not collective security.
            Order::Sanction { .. } | Order::Propose { .. } | Order::HoldAtTheLine => Some(Strategy::Collective),
            Order::Wait => None,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Strategy::Appeasement => "appeasement",
            Strategy::Alliance => "alliance",
            Strategy::Collective => "collective",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Strategy::Appeasement => "Appeasement",
            Strategy::Alliance => "Alliance and balance of power",
            Strategy::Collective => "Collective action",
        }
    }
}

/// Where shipped lessons live: `levels/lessons/`.
pub fn lessons_dir() -> PathBuf {
    crate::files::levels_dir().join("lessons")
}

/// The lesson files in a folder, sorted.
pub fn lesson_files(dir: &Path) -> Vec<PathBuf> {
    crate::files::ron_files(dir)
}

/// A level a lesson names, looked up beside the lesson's folder (`levels/`) or among the shipped levels.
pub fn find_level(lesson_path: &Path, id: &str) -> Option<Arc<LevelDef>> {
    let beside = lesson_path.parent().and_then(|d| d.parent()).map(|d| d.join(format!("{id}.ron")));
    let path = beside.filter(|p| crate::files::exists(p)).unwrap_or_else(|| crate::files::levels_dir().join(format!("{id}.ron")));
    crate::level::load(&path).ok().map(Arc::new)
}

/// The ids of the levels a lesson in `lesson_path` may name.
pub fn known_levels(lesson_path: &Path) -> Vec<String> {
    let mut dirs = vec![crate::files::levels_dir()];
    if let Some(d) = lesson_path.parent().and_then(|d| d.parent()) {
        dirs.push(d.to_path_buf());
    }
    let mut ids: Vec<String> = dirs
        .iter()
        .flat_map(|d| crate::files::level_files(d))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Whether a file is a lesson: it sits in a `lessons` folder or begins with `Lesson(`.
pub fn is_lesson_file(path: &Path) -> bool {
    path.parent().and_then(|d| d.file_name()).is_some_and(|n| n == "lessons")
        || crate::files::read_text(path).is_ok_and(|s| {
            s.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("//")).is_some_and(|l| l.starts_with("Lesson("))
        })
}

/// Reads and checks a lesson file, with its levels. Every diagnostic carries its line and column.
pub fn check_file(path: &Path) -> Result<(LessonDef, Vec<Diagnostic>), Vec<Diagnostic>> {
    let src = crate::files::read_text(path)
        .map_err(|e| vec![Diagnostic::error("", format!("cannot read the file: {e}")).at(crate::level::spans::Pos { line: 1, col: 1 })])?;
    let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let known = known_levels(path);
    validate::check_source(&id, &src, &known, &|level| find_level(path, level))
}

/// Loads a lesson for the game or a test; errors rendered as `file:line:col: error: ...`.
pub fn load(path: &Path) -> Result<LessonDef, String> {
    check_file(path).map(|c| c.0).map_err(|errs| {
        let name = path.display().to_string();
        errs.iter().map(|d| d.render(&name)).collect::<Vec<_>>().join("\n")
    })
}

/// A lesson from a file path, or else the shipped lesson of that id.
pub fn by_name(name: &str) -> Result<LessonDef, String> {
    let p = Path::new(name);
    if crate::files::exists(p) { load(p) } else { shipped(name) }
}

/// A shipped lesson by id.
pub fn shipped(id: &str) -> Result<LessonDef, String> {
    load(&lessons_dir().join(format!("{id}.ron")))
}
