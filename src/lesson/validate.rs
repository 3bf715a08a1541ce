//! The one validator of lesson files, used by the game, `check` and the test over every shipped lesson.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::level::diagnostics::did_you_mean;
use crate::level::spans::{Pos, SpanIndex};
use crate::level::{Diagnostic, InstitutionKind, LevelDef, Measure};

use super::{Answer, Condition, LessonDef, Part, RawLesson};

/// Minutes of a class period: a lesson outside this range gets a warning.
pub const CLASS_PERIOD: (u32, u32) = (30, 45);

/// Parses and checks a lesson. `known` are the level ids that exist; `find` loads one.
pub fn check_source(
    id: &str,
    src: &str,
    known: &[String],
    find: &dyn Fn(&str) -> Option<Arc<LevelDef>>,
) -> Result<(LessonDef, Vec<Diagnostic>), Vec<Diagnostic>> {
    if src.trim().is_empty() {
        return Err(vec![Diagnostic::error("", "the file is empty: expected `Lesson(...)`").at(Pos { line: 1, col: 1 })]);
    }
    if src.len() > crate::level::MAX_LEVEL_BYTES {
        return Err(vec![Diagnostic::error("", "the file is too large for a lesson").at(Pos { line: 1, col: 1 })]);
    }
    let raw: RawLesson = match crate::level::ron_options().from_str(src) {
        Ok(r) => r,
        Err(e) => {
            let first = crate::level::from_ron_error(src, &e);
            let mut all = crate::level::structure::check(src, "RawLesson");
            if !all.iter().any(|d| d.line == first.line) {
                all.push(first);
                all.sort_by_key(|d| (d.line, d.col));
            }
            return Err(all);
        }
    };
    let spans = SpanIndex::build(src);
    match validate(id, &raw, known, find) {
        Ok((l, w)) => Ok((l, w.into_iter().map(|d| d.locate(&spans)).collect())),
        Err(errs) => Err(errs.into_iter().map(|d| d.locate(&spans)).collect()),
    }
}

/// The checks on a parsed lesson; every problem is reported, not only the first.
pub fn validate(
    id: &str,
    raw: &RawLesson,
    known: &[String],
    find: &dyn Fn(&str) -> Option<Arc<LevelDef>>,
) -> Result<(LessonDef, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut errs = Vec::new();
    let mut warnings = Vec::new();
    if raw.parts.is_empty() {
        errs.push(Diagnostic::error(
            "parts",
            "a lesson needs at least one part: `parts: [Part(level: \"korea_1950\", role: \"usa\", minutes: 20)]`",
        ));
    }
    let parts = check_parts(raw, known, find, &mut errs);
    check_minutes(raw, &mut errs, &mut warnings);
    check_objectives(raw, &parts, &mut errs);
    check_guiding(raw, &parts, &mut errs);
    check_quiz(raw, &mut errs, &mut warnings);
    if !errs.is_empty() {
        return Err(errs);
    }
    let def = LessonDef {
        id: id.to_string(),
        title: raw.title.clone(),
        summary: raw.summary.clone(),
        minutes: raw.minutes,
        seed: raw.seed.clone(),
        objectives: raw.objectives.clone(),
        parts,
        guiding: raw.guiding.clone(),
        quiz: raw.quiz.clone(),
        debrief: raw.debrief.clone(),
    };
    warnings.extend(super::timing::over_time(&def));
    Ok((def, warnings))
}

/// Each part: a level that exists and loads, a playable role, some minutes.
fn check_parts(raw: &RawLesson, known: &[String], find: &dyn Fn(&str) -> Option<Arc<LevelDef>>, errs: &mut Vec<Diagnostic>) -> Vec<Part> {
    let mut parts = Vec::new();
    for (i, p) in raw.parts.iter().enumerate() {
        if !known.contains(&p.level) {
            errs.push(
                Diagnostic::error(format!("parts[{i}].level"), format!("no level `{}`", p.level))
                    .suggest(did_you_mean(&p.level, known.iter().map(|s| s.as_str()))),
            );
            continue;
        }
        let Some(level) = find(&p.level) else {
            errs.push(Diagnostic::error(
                format!("parts[{i}].level"),
                format!("the level `{}` does not load: run `collective-security check levels/{}.ron`", p.level, p.level),
            ));
            continue;
        };
        let playable: Vec<&str> = level.playable.iter().map(|x| level.states[x.state].id.as_str()).collect();
        match level.state_ix(&p.role) {
            Some(ix) if level.playable(ix).is_some() => parts.push(Part { level: level.clone(), role: ix, minutes: p.minutes }),
            _ => errs.push(
                Diagnostic::error(
                    format!("parts[{i}].role"),
                    format!("`{}` is not a playable state of `{}`: playable are {}", p.role, p.level, playable.join(", ")),
                )
                .suggest(did_you_mean(&p.role, playable.iter().copied())),
            ),
        }
        if p.minutes == 0 {
            errs.push(Diagnostic::error(format!("parts[{i}].minutes"), "a part needs at least one minute"));
        }
    }
    parts
}

/// The parts fit the lesson's time, and the lesson fits a class period.
fn check_minutes(raw: &RawLesson, errs: &mut Vec<Diagnostic>, warnings: &mut Vec<Diagnostic>) {
    let part_minutes: u32 = raw.parts.iter().fold(0u32, |a, p| a.saturating_add(p.minutes));
    if part_minutes > raw.minutes {
        errs.push(Diagnostic::error("minutes", format!("the parts take {part_minutes} minutes, more than the lesson's {}", raw.minutes)));
    }
    if raw.minutes < CLASS_PERIOD.0 || raw.minutes > CLASS_PERIOD.1 {
        warnings.push(Diagnostic::warning(
            "minutes",
            format!("{} minutes does not fit a class period ({} to {})", raw.minutes, CLASS_PERIOD.0, CLASS_PERIOD.1),
        ));
    }
}

/// Objectives: unique ids, points in range, conditions the lesson's crises and quiz can meet.
fn check_objectives(raw: &RawLesson, parts: &[Part], errs: &mut Vec<Diagnostic>) {
    let levels: Vec<&str> = raw.parts.iter().map(|p| p.level.as_str()).collect();
    let concepts: BTreeSet<&str> = raw.quiz.iter().map(|q| q.concept.as_str()).collect();
    let kinds: BTreeSet<InstitutionKind> = parts.iter().map(|p| p.level.institution.kind).collect();
    let mut ids = BTreeSet::new();
    for (i, o) in raw.objectives.iter().enumerate() {
        if !ids.insert(o.id.as_str()) {
            errs.push(Diagnostic::error(format!("objectives[{i}].id"), format!("objective `{}` is defined twice", o.id)));
        }
        if o.points == 0 || o.points > 100 {
            errs.push(Diagnostic::error(format!("objectives[{i}].points"), "an objective is worth 1 to 100 points"));
        }
        match &o.when {
            Condition::Ended(level, outcomes) => {
                if !levels.contains(&level.as_str()) {
                    errs.push(
                        Diagnostic::error(format!("objectives[{i}].when"), format!("`{level}` is not a part of this lesson"))
                            .suggest(did_you_mean(level, levels.iter().copied())),
                    );
                }
                if outcomes.is_empty() {
                    errs.push(Diagnostic::error(format!("objectives[{i}].when"), "name at least one outcome"));
                }
            }
            Condition::Mastered(c) if !concepts.contains(c.as_str()) => {
                errs.push(
                    Diagnostic::error(format!("objectives[{i}].when"), format!("no quiz question tests the concept `{c}`"))
                        .suggest(did_you_mean(c, concepts.iter().copied())),
                );
            }
            Condition::Tabled(m) if !parts.is_empty() && !kinds.iter().any(|k| tableable(*k, *m)) => {
                errs.push(Diagnostic::error(
                    format!("objectives[{i}].when"),
                    format!("no institution of this lesson's crises can vote on `{m:?}`"),
                ));
            }
            Condition::Reflected if raw.debrief.is_empty() => {
                errs.push(Diagnostic::error(format!("objectives[{i}].when"), "`Reflected` needs debrief questions"));
            }
            _ => {}
        }
    }
}

/// Guiding questions: in a part of the lesson, at one of its turns.
fn check_guiding(raw: &RawLesson, parts: &[Part], errs: &mut Vec<Diagnostic>) {
    let levels: Vec<&str> = raw.parts.iter().map(|p| p.level.as_str()).collect();
    for (i, g) in raw.guiding.iter().enumerate() {
        match raw.parts.iter().position(|p| p.level == g.level) {
            None => errs.push(
                Diagnostic::error(format!("guiding[{i}].level"), format!("`{}` is not a part of this lesson", g.level))
                    .suggest(did_you_mean(&g.level, levels.iter().copied())),
            ),
            Some(k) => {
                if let (super::Moment::Turn(n), Some(part)) = (g.at, parts.iter().find(|p| p.level.id == raw.parts[k].level))
                    && (n == 0 || n as usize > part.level.turns.len())
                {
                    errs.push(Diagnostic::error(
                        format!("guiding[{i}].at"),
                        format!("`{}` has turns 1 to {}", g.level, part.level.turns.len()),
                    ));
                }
            }
        }
    }
}

/// Quiz questions: unique ids, answers that can be right, and a fair spread of right options.
fn check_quiz(raw: &RawLesson, errs: &mut Vec<Diagnostic>, warnings: &mut Vec<Diagnostic>) {
    let mut qids = BTreeSet::new();
    for (i, q) in raw.quiz.iter().enumerate() {
        if !qids.insert(q.id.as_str()) {
            errs.push(Diagnostic::error(format!("quiz[{i}].id"), format!("question `{}` is defined twice", q.id)));
        }
        match &q.answer {
            Answer::Choice(options, correct) => {
                if options.len() < 2 {
                    errs.push(Diagnostic::error(format!("quiz[{i}].answer"), "a multiple-choice question needs at least two options"));
                }
                if *correct >= options.len() {
                    errs.push(Diagnostic::error(
                        format!("quiz[{i}].answer"),
                        format!("the right option is {correct}, but options are numbered 0 to {}", options.len().saturating_sub(1)),
                    ));
                }
            }
            Answer::Short(groups, model) => {
                if groups.is_empty() || groups.iter().any(|g| g.is_empty() || g.iter().any(|w| w.trim().is_empty())) {
                    errs.push(Diagnostic::error(
                        format!("quiz[{i}].answer"),
                        "a short answer needs keyword groups, each with at least one word",
                    ));
                }
                if model.trim().is_empty() {
                    errs.push(Diagnostic::error(format!("quiz[{i}].answer"), "give a model answer, shown after answering"));
                }
            }
        }
    }
    if raw.quiz.is_empty() {
        warnings.push(Diagnostic::warning("quiz", "the lesson has no quiz questions"));
    }
    if let Some(w) = longest_is_right(&raw.quiz) {
        warnings.push(w);
    }
}

/// Whether an institution of this kind votes on this measure.
fn tableable(kind: InstitutionKind, m: Measure) -> bool {
    crate::sim::institution::motions(kind).iter().any(|x| x.1 == m)
}

/// A fair quiz does not let a student score by picking the longest option: warns when the right option is
/// the strictly longest in more than a third of the multiple-choice questions.
pub fn longest_is_right(quiz: &[super::raw::RawQuestion]) -> Option<Diagnostic> {
    let choice: Vec<(&Vec<String>, usize)> =
        quiz.iter().filter_map(|q| if let Answer::Choice(o, k) = &q.answer { Some((o, *k)) } else { None }).collect();
    let longest = choice
        .iter()
        .filter(|(o, k)| {
            let len = |s: &String| s.chars().count();
            o.get(*k).is_some_and(|right| o.iter().enumerate().all(|(j, x)| j == *k || len(x) < len(right)))
        })
        .count();
    (3 * longest > choice.len() && !choice.is_empty()).then(|| {
        Diagnostic::warning(
            "quiz",
            format!(
                "the right option is the longest in {longest} of {} multiple-choice questions: a student can score by picking the longest",
                choice.len()
            ),
        )
    })
}
