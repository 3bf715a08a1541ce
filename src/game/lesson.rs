//! A lesson being played or reviewed: which part, what the student has done (`Attempt`), the clock, and
//! the pages around the crises (start, quiz, finish). The report is built headless from the attempt.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;

use crate::lesson::play::{Attempt, QuizAnswer, build_report, is_correct, parse_seed};
use crate::lesson::report::{LessonReport, reports_dir};
use crate::lesson::{LessonDef, Moment};

use super::save::{LessonKeeping, LessonProgress};
pub use super::state::LessonPage;
use super::state::{Catalog, Screen, Session, StartLevel};

pub fn plugin(app: &mut App) {
    app.init_resource::<LessonCatalog>()
        .insert_resource(LessonKeeping { progress, restore, clear })
        .add_systems(Startup, (scan_lessons, open_from_options).chain().after(super::state::scan_levels))
        .add_message::<LessonCommand>()
        .add_systems(Update, lesson_commands.in_set(super::GameSystems::Commands))
        .add_systems(OnEnter(Screen::Menu), leave_for_menu)
        .add_systems(Update, tick_clock.run_if(resource_exists::<ActiveLesson>));
}

/// `--report FILE` opens a report; `--lesson ID` a lesson's start page.
fn open_from_options(world: &mut World) {
    let opts = world.resource::<super::GameOptions>().clone();
    if let Some(path) = &opts.report {
        open_report(world, path);
    } else if let Some(id) = &opts.lesson {
        let i = world
            .resource::<LessonCatalog>()
            .entries
            .iter()
            .position(|(p, l)| l.as_ref().is_ok_and(|l| &l.id == id) || p.to_string_lossy() == id.as_str());
        match i {
            Some(i) => {
                open(world, i);
                if let (Some(code), Some(mut l)) = (&opts.class_seed, world.get_resource_mut::<ActiveLesson>()) {
                    l.attempt.seed_code = code.clone();
                    l.attempt.seed = parse_seed(code);
                }
                if let Some(l) = world.get_resource::<ActiveLesson>() {
                    info!("lesson {id} opened, class seed {}", l.attempt.seed_code);
                }
            }
            None => error!("no lesson `{id}` in {}", crate::lesson::lessons_dir().display()),
        }
    }
}

/// The lessons the menu offers.
#[derive(Resource, Default)]
pub struct LessonCatalog {
    pub entries: Vec<(PathBuf, Result<Arc<LessonDef>, String>)>,
    /// Reports found in the reports folder, newest first.
    pub reports: Vec<PathBuf>,
}

impl LessonCatalog {
    /// A lesson that loads, by id (its file stem).
    pub fn find(&self, id: &str) -> Option<Arc<LessonDef>> {
        self.entries.iter().find_map(|(_, d)| d.as_ref().ok().filter(|d| d.id == id).cloned())
    }
}

#[derive(Resource, Debug, Clone)]
pub struct ActiveLesson {
    pub def: Arc<LessonDef>,
    pub attempt: Attempt,
    /// The part being played.
    pub part: usize,
    pub page: LessonPage,
    /// Seconds spent since the lesson began.
    pub seconds: f64,
    /// `seconds` when the current part began.
    pub part_began: f64,
    pub began: bool,
    /// Quiz answers chosen but not yet checked.
    pub drafts: std::collections::BTreeMap<String, QuizAnswer>,
    /// Questions whose answer was checked: the explanation shows and the answer is locked.
    pub checked: BTreeSet<String>,
    /// Guiding questions closed.
    pub dismissed: BTreeSet<usize>,
    /// The report once built, and where it was saved.
    pub report: Option<LessonReport>,
    pub saved: Option<(PathBuf, PathBuf)>,
    /// Loaded from a report, for a debrief in front of the class: nothing changes.
    pub review: bool,
}

impl ActiveLesson {
    pub fn new(def: Arc<LessonDef>) -> Self {
        let seed_code = def.seed.clone().unwrap_or_else(|| "1".into());
        let attempt = Attempt { lesson: def.id.clone(), seed: parse_seed(&seed_code), seed_code, ..Default::default() };
        ActiveLesson {
            def,
            attempt,
            part: 0,
            page: LessonPage::Start,
            seconds: 0.0,
            part_began: 0.0,
            began: false,
            drafts: default(),
            checked: default(),
            dismissed: default(),
            report: None,
            saved: None,
            review: false,
        }
    }

    /// A lesson reviewed from a saved report.
    pub fn review(def: Arc<LessonDef>, report: LessonReport) -> Self {
        let mut a = ActiveLesson::new(def);
        a.attempt = report.attempt.clone();
        a.checked = a.attempt.quiz.keys().cloned().collect();
        a.dismissed = (0..a.def.guiding.len()).collect();
        a.page = LessonPage::Finish;
        a.report = Some(report);
        a.review = true;
        a
    }

    pub fn minutes(&self) -> u32 {
        (self.seconds / 60.0).floor() as u32
    }

    /// Minutes spent in the current part.
    pub fn part_minutes(&self) -> u32 {
        ((self.seconds - self.part_began).max(0.0) / 60.0).floor() as u32
    }

    /// The moment of the current part that guiding questions wait for.
    pub fn moment(world: &World) -> Option<Moment> {
        let screen = *world.resource::<State<Screen>>().get();
        match screen {
            Screen::Briefing => Some(Moment::Briefing),
            Screen::Debrief => Some(Moment::Debrief),
            Screen::Playing => {
                use super::state::TurnPhase;
                let phase = world.get_resource::<State<TurnPhase>>().map(|p| *p.get());
                let log = world.get_resource::<crate::sim::RunLog>()?;
                if phase == Some(TurnPhase::Votes) && !log.votes.is_empty() {
                    return Some(Moment::FirstVote);
                }
                if phase == Some(TurnPhase::Orders) {
                    let turn = world.get_resource::<crate::sim::Calendar>()?.turn;
                    return Some(Moment::Turn(turn as u32 + 1));
                }
                None
            }
            _ => None,
        }
    }
}

fn scan_lessons(mut cat: ResMut<LessonCatalog>, opts: Res<super::GameOptions>) {
    let mut dirs = vec![crate::lesson::lessons_dir()];
    dirs.extend(super::state::user_levels_dir().map(|d| d.join("lessons")));
    dirs.extend(opts.level_dirs.iter().map(|d| d.join("lessons")));
    for dir in dirs {
        for path in crate::lesson::lesson_files(&dir) {
            let l = crate::lesson::load(&path).map(Arc::new);
            cat.entries.push((path, l));
        }
    }
    refresh_reports(&mut cat);
}

pub fn refresh_reports(cat: &mut LessonCatalog) {
    cat.reports = crate::files::newest_first(&reports_dir(), "json");
}

fn tick_clock(time: Res<Time<Real>>, mut l: ResMut<ActiveLesson>) {
    if l.began && !l.review && l.page != LessonPage::Finish {
        l.seconds += time.delta_secs_f64();
    }
}

/// Opens a lesson's start page.
pub fn open(world: &mut World, i: usize) {
    let Some((_, Ok(def))) = world.resource::<LessonCatalog>().entries.get(i).cloned() else { return };
    world.insert_resource(ActiveLesson::new(def));
    world.resource_mut::<NextState<Screen>>().set(Screen::Lesson);
}

/// Starts a part of the lesson: its level, the lesson's role, the class seed.
fn start_part(world: &mut World, k: usize, replay: Vec<Vec<crate::level::Order>>, screen: Screen) {
    let Some(lesson) = world.get_resource::<ActiveLesson>() else { return };
    let Some(part) = lesson.def.parts.get(k) else { return };
    let level = part.level.clone();
    let role = level.states[part.role].id.clone();
    let seed = lesson.attempt.seed;
    let path = world
        .resource::<Catalog>()
        .find(&level.id)
        .map(|e| e.path.clone())
        .unwrap_or_else(|| crate::files::levels_dir().join(format!("{}.ron", level.id)));
    let mut l = world.resource_mut::<ActiveLesson>();
    l.part = k;
    l.part_began = l.seconds;
    world.write_message(StartLevel {
        level,
        path,
        seed,
        role: Some(role),
        replay,
        screen,
        campaign: false,
        credibility: None,
        lessons: Default::default(),
        eras: vec![],
    });
}

pub fn begin(world: &mut World) {
    let Some(mut l) = world.get_resource_mut::<ActiveLesson>() else { return };
    l.attempt.seed = parse_seed(&l.attempt.seed_code);
    l.began = true;
    start_part(world, 0, vec![], Screen::Briefing);
}

/// After a part's debrief: keep its orders, then the next part or the quiz.
pub fn next(world: &mut World) {
    let orders = world.get_resource::<Session>().map(|s| s.orders.clone()).unwrap_or_default();
    let Some(mut l) = world.get_resource_mut::<ActiveLesson>() else { return };
    if l.review {
        l.page = LessonPage::Finish;
        world.resource_mut::<NextState<Screen>>().set(Screen::Lesson);
        return;
    }
    let k = l.part;
    if l.attempt.parts.len() <= k {
        l.attempt.parts.resize(k + 1, vec![]);
    }
    l.attempt.parts[k] = orders;
    if k + 1 < l.def.parts.len() {
        start_part(world, k + 1, vec![], Screen::Briefing);
    } else {
        l.page = LessonPage::Quiz;
        world.resource_mut::<NextState<Screen>>().set(Screen::Lesson);
    }
}

pub fn check_answer(world: &mut World, id: &str) {
    let Some(mut l) = world.get_resource_mut::<ActiveLesson>() else { return };
    if l.review || l.checked.contains(id) {
        return;
    }
    let Some(a) = l.drafts.get(id).cloned() else { return };
    l.attempt.quiz.insert(id.to_string(), a);
    l.checked.insert(id.to_string());
}

/// Whether a checked answer is right.
pub fn answer_right(l: &ActiveLesson, id: &str) -> Option<bool> {
    let q = l.def.quiz.iter().find(|q| q.id == id)?;
    l.attempt.quiz.get(id).map(|a| is_correct(&q.answer, a))
}

/// Builds the report from the attempt, replaying every part headless.
pub fn finish(world: &mut World) {
    let Some(mut l) = world.get_resource_mut::<ActiveLesson>() else { return };
    l.attempt.minutes = l.minutes();
    if !l.review {
        let r = build_report(&l.def, &l.attempt);
        l.report = Some(r);
    }
    l.page = LessonPage::Finish;
}

/// On the finish page, rebuilds the report (after a save is loaded).
pub fn finish_if_finishing(world: &mut World) {
    if world.get_resource::<ActiveLesson>().is_some_and(|l| l.page == LessonPage::Finish) {
        finish(world);
    }
}

/// What a save keeps of the lesson under way: its answers and notes, and where the student is.
fn progress(world: &World) -> Option<LessonProgress> {
    world.get_resource::<ActiveLesson>().filter(|l| l.began && !l.review).map(|l| LessonProgress {
        lesson: l.def.id.clone(),
        attempt: l.attempt.clone(),
        part: l.part,
        page: l.page,
        // The quiz and finish pages come after the crises; before them the student is in one.
        in_crisis: l.page == LessonPage::Start,
        checked: l.checked.clone(),
        dismissed: l.dismissed.clone(),
        seconds: l.seconds,
        part_began: l.part_began,
    })
}

/// Puts a saved lesson back where the student was; `Ok(true)` when that was in one of its crises.
fn restore(world: &mut World, p: LessonProgress, name: &str) -> Result<bool, String> {
    let def = world
        .resource::<LessonCatalog>()
        .find(&p.lesson)
        .ok_or_else(|| format!("{name}: the lesson `{}` is no longer installed", p.lesson))?;
    let mut l = ActiveLesson::new(def);
    if p.part >= l.def.parts.len() {
        return Err(format!("{name}: the save is at part {} of a lesson with {} parts", p.part + 1, l.def.parts.len()));
    }
    (l.attempt, l.part, l.page, l.checked, l.dismissed, l.seconds, l.part_began, l.began) =
        (p.attempt, p.part, p.page, p.checked, p.dismissed, p.seconds, p.part_began, true);
    world.insert_resource(l);
    if !p.in_crisis {
        finish_if_finishing(world);
        world.resource_mut::<NextState<Screen>>().set(Screen::Lesson);
    }
    Ok(p.in_crisis)
}

fn clear(world: &mut World) {
    world.remove_resource::<ActiveLesson>();
}

/// Keeps the lesson's progress in the autosave after every answer and page.
pub fn autosave(world: &mut World) {
    let Some(l) = world.get_resource::<ActiveLesson>().filter(|l| l.began && !l.review) else { return };
    let Some(session) = world.get_resource::<Session>() else { return };
    // Between parts the session is still the last part's until the next one starts: its first turn saves.
    let current = l.page != LessonPage::Start || l.def.parts.get(l.part).is_some_and(|p| p.level.id == session.level_id);
    if current {
        super::save::autosave(world);
    }
}

pub fn save_report(world: &mut World) {
    finish(world);
    let Some(l) = world.get_resource::<ActiveLesson>() else { return };
    let Some(r) = l.report.clone() else { return };
    let msg = match r.save(&reports_dir()) {
        Ok(paths) => {
            world.resource_mut::<ActiveLesson>().saved = Some(paths.clone());
            refresh_reports(&mut world.resource_mut::<LessonCatalog>());
            // In a page, the student also gets the report as files, to hand in as on the desktop.
            #[cfg(target_arch = "wasm32")]
            super::web::download(&[paths.1.clone(), paths.0.clone()]);
            format!("Report saved:\n{}\n{}", paths.0.display(), paths.1.display())
        }
        Err(e) => format!("The report could not be saved in {}: {e}. Nothing was lost; try again.", reports_dir().display()),
    };
    world.write_message(super::state::Notice(msg));
}

/// Loads a report for a debrief in front of the class.
pub fn open_report(world: &mut World, path: &std::path::Path) {
    let result = LessonReport::load(path).and_then(|r| {
        let def = world
            .resource::<LessonCatalog>()
            .find(&r.lesson)
            .ok_or_else(|| format!("{}: the lesson `{}` is not installed", path.display(), r.lesson))?;
        Ok((def, r))
    });
    match result {
        Ok((def, r)) => {
            world.insert_resource(ActiveLesson::review(def, r));
            world.resource_mut::<NextState<Screen>>().set(Screen::Lesson);
        }
        Err(e) => {
            world.write_message(super::state::Notice(e));
        }
    }
}

/// In a reviewed report: replays a part with the student's orders and opens its debrief.
pub fn review_part(world: &mut World, k: usize) {
    let Some(l) = world.get_resource::<ActiveLesson>() else { return };
    let orders = l.attempt.parts.get(k).cloned().unwrap_or_default();
    start_part(world, k, orders, Screen::Debrief);
}

/// What the student does on a lesson's pages.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum LessonCommand {
    /// Open the lesson at this index of the catalog on its start page.
    Open(usize),
    Student(String),
    Seed(String),
    Begin,
    /// Leave a part's debrief: the next part, the quiz, or back to a reviewed report.
    Next,
    QuizDraft(String, QuizAnswer),
    QuizCheck(String),
    Finish,
    DebriefAnswer(usize, String),
    Note(usize, String),
    DismissGuiding(usize),
    SaveReport,
    OpenReport(PathBuf),
    ReviewPart(usize),
}

/// Entering the menu ends a lesson; the autosave keeps it to resume (F9). (At start, before any lesson is
/// open, there is nothing to end.)
fn leave_for_menu(world: &mut World) {
    autosave(world);
    world.remove_resource::<ActiveLesson>();
}

fn lesson_commands(world: &mut World, mut cursor: Local<bevy::ecs::message::MessageCursor<LessonCommand>>) {
    let asked: Vec<LessonCommand> = cursor.read(world.resource::<Messages<LessonCommand>>()).cloned().collect();
    for c in asked {
        lesson_command(world, c);
    }
}

fn lesson_command(world: &mut World, c: LessonCommand) {
    match c {
        LessonCommand::Open(i) => open(world, i),
        LessonCommand::Student(n) => with_lesson(world, |l| l.attempt.student = n),
        LessonCommand::Seed(c) => with_lesson(world, |l| l.attempt.seed_code = c),
        LessonCommand::Begin => begin(world),
        LessonCommand::Next => {
            next(world);
            autosave(world);
        }
        LessonCommand::QuizDraft(id, a) => with_lesson(world, |l| {
            if !l.checked.contains(&id) {
                l.drafts.insert(id, a);
            }
        }),
        LessonCommand::QuizCheck(id) => {
            check_answer(world, &id);
            autosave(world);
        }
        LessonCommand::Finish => {
            finish(world);
            autosave(world);
        }
        LessonCommand::DebriefAnswer(i, t) => {
            with_lesson(world, |l| {
                if l.attempt.debrief.len() <= i {
                    l.attempt.debrief.resize(i + 1, String::new());
                }
                l.attempt.debrief[i] = t;
            });
            finish(world);
            autosave(world);
        }
        LessonCommand::Note(i, t) => with_lesson(world, |l| {
            l.attempt.notes.insert(i, t);
        }),
        LessonCommand::DismissGuiding(i) => with_lesson(world, |l| {
            l.dismissed.insert(i);
        }),
        LessonCommand::SaveReport => save_report(world),
        LessonCommand::OpenReport(p) => open_report(world, &p),
        LessonCommand::ReviewPart(k) => review_part(world, k),
    }
}

/// Changes the lesson being played (not one under review).
fn with_lesson(world: &mut World, f: impl FnOnce(&mut ActiveLesson)) {
    if let Some(mut l) = world.get_resource_mut::<ActiveLesson>()
        && !l.review
    {
        f(&mut l);
    }
}
