//! Lessons for the classroom: the lesson files, a lesson played headless to its report, the same seed
//! giving the same report, the class summary, and the lesson's pages in the play loop.

use std::collections::BTreeMap;

use crate::support::Scratch;

use bevy::prelude::*;

use collective_security::game::GameOptions;
use collective_security::game::lesson::{ActiveLesson, LessonCatalog, LessonPage};
use collective_security::game::state::{EndTurn, Screen, Session, TurnPhase};
use collective_security::game::ui::cmd::{LessonCommand, Navigate, WhatIfCommand};
use collective_security::lesson::class::summarise;
use collective_security::lesson::play::{Attempt, QuizAnswer, attempt_by_policy, build_report, is_correct};
use collective_security::lesson::report::LessonReport;
use collective_security::lesson::{self, Answer, LessonDef};
use collective_security::sim::{Calendar, Policy};

const SHIPPED: [&str; 4] = ["why_the_league_failed", "veto_and_uniting_for_peace", "security_or_defence", "appeasement_and_the_balance"];

fn league() -> LessonDef {
    lesson::shipped("why_the_league_failed").expect("the shipped lesson loads")
}

/// Right answers to every question of a lesson (short answers: the model answer).
fn right_answers(l: &LessonDef) -> BTreeMap<String, QuizAnswer> {
    l.quiz
        .iter()
        .map(|q| {
            let a = match &q.answer {
                Answer::Choice(_, k) => QuizAnswer::Choice(*k),
                Answer::Short(groups, _) => QuizAnswer::Text(groups.iter().map(|g| g[0].clone()).collect::<Vec<_>>().join(" ")),
            };
            (q.id.clone(), a)
        })
        .collect()
}

#[test]
fn every_shipped_lesson_passes_the_validator_and_fits_a_class_period() {
    for id in SHIPPED {
        let (l, warnings) = lesson::check_file(&lesson::lessons_dir().join(format!("{id}.ron"))).unwrap_or_else(|e| panic!("{id}: {e:?}"));
        assert!(warnings.is_empty(), "{id}: {warnings:?}");
        assert!((30..=45).contains(&l.minutes), "{id} takes {} minutes", l.minutes);
        assert!(l.parts.len() >= 2 && !l.quiz.is_empty() && !l.objectives.is_empty() && !l.debrief.is_empty(), "{id}");
        assert!(
            l.quiz.iter().any(|q| matches!(q.answer, Answer::Short(..))) && l.quiz.iter().any(|q| matches!(q.answer, Answer::Choice(..))),
            "{id} has both kinds of question"
        );
    }
    let files = lesson::lesson_files(&lesson::lessons_dir());
    assert_eq!(files.len(), SHIPPED.len(), "a test names every shipped lesson");
}

#[test]
fn a_lesson_naming_an_unknown_level_or_role_gets_line_column_and_a_suggestion() {
    let src = std::fs::read_to_string(lesson::lessons_dir().join("why_the_league_failed.ron"))
        .unwrap()
        .replacen("level: \"manchuria_1931\"", "level: \"manchuria_1932\"", 1)
        .replace("role: \"ETH\"", "role: \"ET\"");
    let scratch = Scratch::new("lesson");
    let dir = scratch.join("lessons");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("broken.ron");
    std::fs::write(&p, &src).unwrap();
    let errs = lesson::check_file(&p).expect_err("the broken lesson is refused");
    let level = errs.iter().find(|d| d.message.contains("no level `manchuria_1932`")).expect("unknown level named");
    assert_eq!(level.suggestion.as_deref(), Some("did you mean `manchuria_1931`?"));
    let line = src.lines().position(|l| l.contains("manchuria_1932")).unwrap() + 1;
    assert_eq!(level.line, line);
    assert!(level.col > 1);
    let role = errs.iter().find(|d| d.message.contains("`ET` is not a playable state")).expect("unknown role named");
    assert!(role.line > 1, "{role:?}");
}

#[test]
fn a_misspelt_field_in_a_lesson_is_reported_with_the_fields_it_could_be() {
    let src = std::fs::read_to_string(lesson::lessons_dir().join("security_or_defence.ron")).unwrap().replacen(
        "explanation:",
        "explaination:",
        1,
    );
    let errs = lesson::validate::check_source("x", &src, &[], &|_| None).expect_err("refused");
    assert!(
        errs.iter().any(|d| d.message.contains("unknown field `explaination`")
            && d.suggestion.as_deref() == Some("did you mean `explanation`?")
            && d.line > 1),
        "{errs:?}"
    );
}

#[test]
fn a_short_answer_is_right_when_it_has_a_word_from_every_group() {
    let a = Answer::Short(vec![vec!["veto".into(), "vetoed".into()], vec!["permanent".into()]], "model".into());
    assert!(is_correct(&a, &QuizAnswer::Text("A Permanent member VETOED it".into())));
    assert!(!is_correct(&a, &QuizAnswer::Text("it was vetoed".into())));
    let ga = Answer::Short(vec![vec!["ga".into(), "general assembly".into()]], "model".into());
    assert!(!is_correct(&ga, &QuizAnswer::Text("they voted against".into())), "a short keyword matches whole words only");
    assert!(
        is_correct(&ga, &QuizAnswer::Text("the General  Assembly, by two-thirds".into()))
            && is_correct(&ga, &QuizAnswer::Text("to the GA.".into()))
    );
    assert!(!is_correct(&a, &QuizAnswer::Choice(0)));
}

#[test]
fn a_lesson_played_headless_from_its_file_gives_a_full_report() {
    let l = league();
    let mut attempt = attempt_by_policy(&l, "Ada Lovelace", "LEAGUE31", Policy::Collective);
    attempt.quiz = right_answers(&l);
    attempt.debrief = l.debrief.iter().map(|_| "Unanimity let one member block the League.".to_string()).collect();
    attempt.notes.insert(0, "Japan will vote no.".into());
    let r = build_report(&l, &attempt);
    assert_eq!((r.seed_code.as_str(), r.student.as_str(), r.parts.len()), ("LEAGUE31", "Ada Lovelace", 2));
    for p in &r.parts {
        assert!(p.finished && p.outcome.is_some(), "{} was played to its end", p.name);
        assert!(!p.turns.is_empty() && p.turns[0].orders.iter().any(|o| o.contains("Propose")), "choices turn by turn: {:?}", p.turns);
        assert!(p.votes.iter().all(|v| v.yes + v.no + v.abstain + v.absent > 0), "every vote has its tally");
        assert!(!p.explanations.is_empty() && p.explanations.iter().all(|e| !e.factors.is_empty()), "explanations with their factors");
    }
    assert!(r.quiz.iter().all(|q| q.correct && q.answered), "{:?}", r.quiz);
    assert!(r.objectives.iter().find(|o| o.id.contains("reflect")).is_none_or(|o| o.met));
    let quiz_points: u32 = l.quiz.iter().map(|q| q.points).sum();
    let objective_points: u32 = r.objectives.iter().filter(|o| o.met).map(|o| o.points).sum();
    assert_eq!(r.score, quiz_points + objective_points);
    assert!(r.objectives.iter().all(|o| !o.met || !o.evidence.is_empty()), "a met objective says what met it");
    let md = r.to_markdown();
    for needle in [
        "LEAGUE31",
        "Ada Lovelace",
        "## Quiz",
        "Japan will vote no.",
        "Unanimity let one member",
        "History (not the simulation)",
        "| turn | date | orders | strategy |",
    ] {
        assert!(md.contains(needle), "the Markdown report holds {needle}");
    }
    let back = LessonReport::from_json("r.json", &r.to_json()).expect("the JSON reads back");
    assert_eq!(back, r);
}

#[test]
fn the_same_seed_and_choices_give_the_same_report_byte_for_byte() {
    let l = lesson::shipped("veto_and_uniting_for_peace").unwrap();
    let mut a = attempt_by_policy(&l, "Class 4B", "UFP1950", Policy::Collective);
    a.quiz = right_answers(&l);
    let one = build_report(&l, &a).to_json();
    let two = build_report(&l, &a.clone()).to_json();
    assert_eq!(one, two);
    let again = build_report(&l, &attempt_by_policy(&l, "Class 4B", "ufp1950", Policy::Collective));
    assert_eq!(again.seed, build_report(&l, &a).seed, "a seed code is the same whatever its case");
}

#[test]
fn replaying_a_students_orders_ends_the_crisis_as_it_ended_when_played() {
    let l = lesson::shipped("security_or_defence").unwrap();
    for policy in [Policy::Appease, Policy::Collective] {
        let a = attempt_by_policy(&l, "", "7", policy);
        let r = build_report(&l, &a);
        for (k, p) in l.parts.iter().enumerate() {
            let mut sim = collective_security::sim::Simulation::new();
            sim.start(&collective_security::sim::runner::RunSetup {
                level: p.level.clone(),
                seed: a.seed,
                role: Some(p.role),
                policy: Some(policy),
                credibility: None,
                lessons: Default::default(),
            });
            sim.run_to_end();
            let played = sim.log().outcome.map(|o| o.0.id().to_string());
            assert_eq!(r.parts[k].outcome, played, "{} under {policy:?}", p.level.id);
        }
    }
}

#[test]
fn objectives_are_met_by_what_the_student_did_not_by_script() {
    let l = league();
    let appeased = build_report(&l, &attempt_by_policy(&l, "", "LEAGUE31", Policy::Appease));
    let collective = build_report(&l, &attempt_by_policy(&l, "", "LEAGUE31", Policy::Collective));
    let met = |r: &LessonReport, cond: &str| {
        r.objectives.iter().zip(&l.objectives).any(|(o, d)| o.met && format!("{:?}", d.when).starts_with(cond))
    };
    assert!(!met(&appeased, "Used(Collective)") && met(&collective, "Used(Collective)"));
    assert!(!met(&appeased, "Mastered") && !met(&appeased, "Reflected"), "unanswered questions meet nothing");
    assert!(collective.score > appeased.score);
}

/// Reports of a class: `n_appease` students appease, the rest act collectively; the first `n_right` answer every question right.
fn class(n_appease: usize, n_collective: usize, n_right: usize) -> Vec<LessonReport> {
    let l = league();
    (0..n_appease + n_collective)
        .map(|i| {
            let policy = if i < n_appease { Policy::Appease } else { Policy::Collective };
            let mut a: Attempt = attempt_by_policy(&l, &format!("student {i}"), "LEAGUE31", policy);
            if i < n_right {
                a.quiz = right_answers(&l);
            } else if let Some(q) = l.quiz.iter().find(|q| matches!(q.answer, Answer::Choice(..))) {
                let Answer::Choice(_, k) = q.answer else { unreachable!() };
                a.quiz.insert(q.id.clone(), QuizAnswer::Choice(if k == 0 { 1 } else { 0 }));
            }
            build_report(&l, &a)
        })
        .collect()
}

#[test]
fn the_class_summary_of_generated_reports_has_the_right_counts() {
    let reports = class(3, 2, 1);
    let s = summarise(&reports);
    let l = league();
    assert_eq!(s.reports, 5);
    assert_eq!(s.seeds.len(), 1);
    for p in &l.parts {
        let main = &s.main_strategy[&p.level.id];
        assert_eq!(main.get("appeasement"), Some(&3), "{main:?}");
        assert_eq!(main.get("collective"), Some(&2), "{main:?}");
        assert_eq!(s.outcomes[&p.level.id].values().sum::<usize>(), 5);
    }
    let first_choice = l.quiz.iter().find(|q| matches!(q.answer, Answer::Choice(..))).unwrap();
    for q in &s.questions {
        let expected_answered = if q.id == first_choice.id { 5 } else { 1 };
        assert_eq!((q.answered, q.correct), (expected_answered, 1), "{}", q.id);
    }
    let concept = &s.concepts[&first_choice.concept];
    assert!(concept.0 >= 5 && concept.1 >= 1);
    let csv = s.to_csv();
    assert!(csv.lines().any(|r| r == format!("main_strategy,{},appeasement,3,5", l.parts[0].level.id)), "{csv}");
    assert!(csv.lines().any(|r| r == format!("question,{},{},1,5", first_choice.concept, first_choice.id)), "{csv}");
    let md = s.to_markdown();
    assert!(md.contains("## Strategies chosen") && md.contains("## Quiz, per concept") && md.contains("LEAGUE31"));
}

#[test]
fn class_report_gathers_report_files_and_leaves_out_a_corrupt_one_with_its_line() {
    let dir = Scratch::new("class");
    for r in class(1, 1, 1) {
        r.save(&dir).unwrap();
    }
    std::fs::write(dir.join("broken.json"), "{\n  \"format\": 1,\n  \"lesson\": 3\n}").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_collective-security"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["class-report", dir.to_str().unwrap(), "--out", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.json:3:") && err.contains("left out"), "{err}");
    assert!(err.contains("2 report(s) of 3"), "{err}");
    let csv = std::fs::read_to_string(dir.join("class-summary.csv")).unwrap();
    assert!(csv.starts_with("table,group,item,count,of\n") && csv.contains(",appeasement,1,2"), "{csv}");
    assert!(std::fs::read_to_string(dir.join("class-summary.md")).unwrap().contains("Reports: 2"));
}

#[test]
fn a_report_of_another_format_is_refused_with_a_clear_error() {
    let e = LessonReport::from_json("old.json", "{\"format\": 99}").unwrap_err();
    assert!(e.starts_with("old.json:1:1:") && e.contains("format 99"), "{e}");
    let e = LessonReport::from_json("cut.json", "{\"format\": 1, \"lesson\": \"x\",").unwrap_err();
    assert!(e.starts_with("cut.json:1:"), "{e}");
}

#[test]
fn a_what_if_from_the_last_turn_leaves_every_strategy_the_same_outcomes() {
    use collective_security::sim::compare::compare;
    use collective_security::sim::parallel::wait;
    let level = crate::support::shipped("kuwait_1990");
    let role = level.default_role();
    let mut sim = collective_security::sim::Simulation::new();
    sim.start(&collective_security::sim::runner::RunSetup {
        level: level.clone(),
        seed: 3,
        role: Some(role),
        policy: Some(Policy::Collective),
        credibility: None,
        lessons: Default::default(),
    });
    sim.run_to_end();
    let all = sim.log().player_orders.clone();
    let progress = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let from_end = wait(compare(level.clone(), role, 3, &all, 5, progress.clone()));
    assert!(from_end.windows(2).all(|w| w[0].shares == w[1].shares), "nothing is left to change once every turn is played");
    let from_start = wait(compare(level, role, 3, &[], 5, progress.clone()));
    assert_ne!(from_start[0].shares, from_start[2].shares, "from the start, appeasing and acting collectively differ");
    assert_eq!(progress.load(std::sync::atomic::Ordering::Relaxed), 30, "progress counts every run");
}

/// The game's lesson flow without a window: states, the simulation, the lesson and the comparison.
fn lesson_app(lesson: Option<&str>, saves: &std::path::Path) -> App {
    collective_security::game::testing::headless(GameOptions { lesson: lesson.map(str::to_string), ..default() }, saves)
}

fn game_app() -> App {
    scratch_app("lesson-loop")
}

/// A lesson app whose saves go to a folder of its own, removed with the app.
fn scratch_app(name: &str) -> App {
    let dir = Scratch::new(name);
    let mut app = lesson_app(Some("why_the_league_failed"), &dir);
    app.insert_resource(SavesFolder { _dir: dir });
    app
}

/// Keeps a test app's saves folder for as long as the app lives.
#[derive(Resource)]
struct SavesFolder {
    _dir: Scratch,
}

/// The player gives a command, as the panels do, and the game runs two frames.
fn act<M: Message>(app: &mut App, m: M) {
    app.world_mut().write_message(m);
    app.update();
    app.update();
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

#[test]
fn a_lesson_in_the_game_goes_from_its_start_page_through_both_crises_to_the_quiz_and_the_score() {
    let mut app = game_app();
    assert!(!app.world().resource::<LessonCatalog>().entries.is_empty());
    assert_eq!(screen(&app), Screen::Lesson);
    assert_eq!(app.world().resource::<ActiveLesson>().page, LessonPage::Start);
    act(&mut app, LessonCommand::Student("Grace".into()));
    act(&mut app, LessonCommand::Seed("class7".into()));
    act(&mut app, LessonCommand::Begin);
    assert_eq!(screen(&app), Screen::Briefing);
    for part in 0..2 {
        let level = app.world().resource::<Session>().level_id.clone();
        assert_eq!(level, app.world().resource::<ActiveLesson>().def.parts[part].level.id);
        assert_eq!(
            app.world().resource::<Session>().seed,
            collective_security::lesson::play::parse_seed("CLASS7"),
            "every part uses the class seed"
        );
        act(&mut app, Navigate::Screen(Screen::Playing));
        for _ in 0..20 {
            if app.world().resource::<Calendar>().finished {
                break;
            }
            app.world_mut().resource_mut::<Session>().pending.push(collective_security::level::Order::Mediate);
            app.world_mut().write_message(EndTurn);
            app.update();
            app.update();
            assert_ne!(*app.world().resource::<State<TurnPhase>>().get(), TurnPhase::Orders);
        }
        act(&mut app, Navigate::Screen(Screen::Debrief));
        act(&mut app, LessonCommand::Next);
    }
    assert_eq!(screen(&app), Screen::Lesson);
    let l = app.world().resource::<ActiveLesson>();
    assert_eq!(l.page, LessonPage::Quiz);
    assert_eq!(l.attempt.parts.len(), 2);
    assert!(l.attempt.parts.iter().all(|p| p.iter().all(|t| t == &vec![collective_security::level::Order::Mediate])));
    let q = l.def.quiz[0].clone();
    let right = right_answers(&l.def)[&q.id].clone();
    act(&mut app, LessonCommand::QuizDraft(q.id.clone(), right));
    act(&mut app, LessonCommand::QuizCheck(q.id.clone()));
    act(&mut app, LessonCommand::QuizDraft(q.id.clone(), QuizAnswer::Text("changed my mind".into())));
    act(&mut app, LessonCommand::Finish);
    let l = app.world().resource::<ActiveLesson>();
    assert_eq!(l.page, LessonPage::Finish);
    let r = l.report.as_ref().expect("the report is built");
    assert!(r.quiz[0].correct, "a checked answer is locked");
    assert_eq!((r.student.as_str(), r.seed_code.as_str()), ("Grace", "class7"));
    assert!(r.parts.iter().all(|p| p.turns.iter().all(|t| t.strategies == vec![collective_security::lesson::Strategy::Appeasement])));
}

#[test]
fn a_lessons_answers_and_place_survive_a_closed_window_through_the_autosave() {
    let dir = Scratch::new("lesson-save");
    let make = |lesson: Option<&str>| lesson_app(lesson, &dir);
    let mut app = make(Some("veto_and_uniting_for_peace"));
    act(&mut app, LessonCommand::Student("Lin".into()));
    act(&mut app, LessonCommand::Begin);
    act(&mut app, Navigate::Screen(Screen::Playing));
    act(&mut app, LessonCommand::Note(0, "the Soviet seat is empty".into()));
    for _ in 0..2 {
        app.world_mut().write_message(EndTurn);
        app.update();
        app.update();
        act(&mut app, Navigate::Phase(TurnPhase::Orders));
    }
    drop(app);
    let mut app = make(None);
    assert!(!app.world().contains_resource::<ActiveLesson>());
    collective_security::game::save::load_autosave(app.world_mut());
    app.update();
    app.update();
    app.update();
    let l = app.world().resource::<ActiveLesson>();
    assert_eq!((l.def.id.as_str(), l.part, l.attempt.student.as_str()), ("veto_and_uniting_for_peace", 0, "Lin"));
    assert_eq!(l.attempt.notes.get(&0).map(String::as_str), Some("the Soviet seat is empty"));
    assert_eq!(app.world().resource::<Session>().orders.len(), 2, "the crisis resumes where it was");
    assert_eq!(screen(&app), Screen::Playing);
}

#[test]
fn a_what_if_run_during_a_lesson_is_kept_for_the_report_from_the_turn_it_was_asked() {
    let mut app = scratch_app("lesson-whatif");
    act(&mut app, LessonCommand::Begin);
    act(&mut app, Navigate::Screen(Screen::Playing));
    app.world_mut().write_message(EndTurn);
    app.update();
    act(&mut app, WhatIfCommand::FromNow);
    for _ in 0..2000 {
        if !app.world().resource::<ActiveLesson>().attempt.comparisons.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        app.update();
    }
    let l = app.world().resource::<ActiveLesson>();
    let c = l.attempt.comparisons.first().expect("the comparison finished and was kept");
    assert_eq!((c.level.as_str(), c.from_turn, c.runs), ("manchuria_1931", 1, collective_security::game::ui::debrief::COMPARE_RUNS));
    for strategy in ["appease", "alliance", "collective"] {
        let total: f64 = c.shares[strategy].values().sum();
        assert!((total - 1.0).abs() < 1e-9, "{strategy}: shares sum to one");
    }
    let r = build_report(&l.def, &l.attempt);
    assert!(
        r.objectives.iter().zip(&l.def.objectives).any(|(o, d)| d.when == lesson::Condition::Compared && o.met),
        "the what-if meets the objective"
    );
}

#[test]
fn a_report_edited_by_hand_to_claim_full_marks_is_flagged_and_not_counted() {
    let dir = Scratch::new("class-forged");
    let honest = class(1, 1, 0);
    for r in &honest {
        r.save(&dir).unwrap();
    }
    let mut forged = honest[1].clone();
    forged.student = "forger".into();
    forged.attempt.student = "forger".into();
    forged.score = forged.max_score;
    for q in &mut forged.quiz {
        q.correct = true;
    }
    forged.save(&dir).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_collective-security"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["class-report", dir.to_str().unwrap(), "--out", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let md = std::fs::read_to_string(dir.join("class-summary.md")).unwrap();
    assert!(md.contains("Reports: 2"), "only the two honest reports count:\n{md}");
    let flagged = md.split("## Reports not counted").nth(1).expect("a section listing the flagged report");
    assert!(flagged.contains("altered, or made by another version") && flagged.contains("score"), "{flagged}");
    assert!(
        !md.split("## Scores").nth(1).unwrap().split("## Reports not counted").next().unwrap().contains("forger"),
        "the forged score is not listed"
    );
}

#[test]
fn each_student_sees_the_options_in_an_order_of_their_own_and_marking_does_not_depend_on_it() {
    use collective_security::lesson::play::option_order;
    let order = |student: &str| option_order(collective_security::lesson::play::parse_seed("LEAGUE31"), student, "q1", 4);
    let ada = order("Ada");
    let mut sorted = ada.clone();
    sorted.sort();
    assert_eq!(sorted, [0, 1, 2, 3], "a permutation of the options");
    assert_eq!(ada, order("Ada"), "the same student sees the same order again");
    // Over a class, the right option (number 2, say) is not always in the same place.
    let places: std::collections::BTreeSet<usize> =
        (0..30).map(|i| order(&format!("student {i}")).iter().position(|&k| k == 2).unwrap()).collect();
    assert!(places.len() >= 3, "{places:?}");
    // The report records what each student saw, and the mark is the same whatever the order.
    let l = league();
    let mut a = attempt_by_policy(&l, "Ada", "LEAGUE31", Policy::Collective);
    a.quiz = right_answers(&l);
    let r = build_report(&l, &a);
    let choice = r.quiz.iter().find(|q| !q.short).unwrap();
    assert!(choice.correct && choice.shown.contains(&choice.right_answer), "{choice:?}");
}

#[test]
fn check_warns_when_the_right_option_is_the_longest_too_often() {
    use collective_security::lesson::validate::longest_is_right;
    use collective_security::lesson::{Answer, RawQuestion};
    let q = |id: &str, opts: [&str; 3], right: usize| RawQuestion {
        id: id.into(),
        concept: "veto".into(),
        text: "?".into(),
        answer: Answer::Choice(opts.iter().map(|s| s.to_string()).collect(), right),
        explanation: "because".into(),
        points: 1,
    };
    let telling = [
        q("a", ["no", "yes, and a long reason", "maybe"], 1),
        q("b", ["x", "y", "the right one, long"], 2),
        q("c", ["tiny", "short", "mid"], 0),
    ];
    let w = longest_is_right(&telling).expect("a warning");
    assert!(w.message.contains("2 of 3"), "{}", w.message);
    let fair = [q("a", ["no, and a long distractor", "yes", "maybe"], 1), q("b", ["x", "y", "z"], 2), q("c", ["tiny", "short", "mid"], 0)];
    assert!(longest_is_right(&fair).is_none());
}

#[test]
fn a_saved_report_draws_each_crisis_turn_by_turn_beside_the_page_and_keeps_the_data() {
    let dir = Scratch::new("timeline");
    let l = league();
    let r = build_report(&l, &attempt_by_policy(&l, "Ada", "LEAGUE31", Policy::Collective));
    let (md, _) = r.save(&dir).unwrap();
    let page = std::fs::read_to_string(md).unwrap();
    for p in &r.parts {
        assert_eq!(p.control_by_turn.len(), p.turns.len(), "{}: one reading per turn played", p.level);
        let svg_name = r.timeline_name(p);
        assert!(page.contains(&format!("]({svg_name})")), "the page shows {svg_name}");
        let svg = std::fs::read_to_string(dir.join(&svg_name)).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("<polyline"), "{svg_name}");
        assert_eq!(svg.matches("<title>").count(), p.votes.len(), "{svg_name}: a marker per vote");
    }
}

#[test]
fn every_shipped_lesson_is_estimated_to_fit_its_stated_minutes() {
    for id in SHIPPED {
        let l = lesson::shipped(id).unwrap();
        let e = lesson::timing::estimate(&l);
        assert!(e.reading > 5.0 && e.playing > 5.0 && e.quiz > 1.0 && e.debrief > 1.0, "{id}: {e:?}");
        assert!(e.total() <= l.minutes as f32, "{id}: {}", e.line(l.minutes));
    }
}

#[test]
fn check_warns_when_a_lesson_is_likely_to_overrun_its_minutes() {
    let mut l = league();
    // Five more debrief questions take ten more minutes of writing than the lesson's estimate leaves room for.
    let spare = l.minutes as f32 - lesson::timing::estimate(&l).total();
    let extra = (spare / lesson::timing::MINUTES_PER_DEBRIEF).ceil() as usize + 1;
    l.debrief.extend((0..extra).map(|i| format!("Extra question {i}?")));
    let w = lesson::timing::over_time(&l).expect("a warning");
    assert!(w.message.contains("likely to overrun") && w.message.contains(&format!("of {} minutes", l.minutes)), "{}", w.message);
    assert!(lesson::timing::over_time(&league()).is_none());
}

/// The materials of `lesson` written into a fresh folder, and that folder.
fn materials(lesson: &str) -> (LessonDef, Scratch) {
    let l = lesson::shipped(lesson).unwrap();
    let dir = Scratch::new(&format!("teacher-{lesson}"));
    lesson::teacher::write(&l, &dir, &collective_security::files::assets_dir()).unwrap();
    (l, dir)
}

#[test]
fn the_teachers_guide_plans_whole_periods_and_keys_every_answer() {
    let (l, dir) = materials("why_the_league_failed");
    let guide = std::fs::read_to_string(dir.join("why_the_league_failed-teacher-guide.md")).unwrap();
    for q in &l.quiz {
        assert!(guide.contains(&q.text), "the answer key has {}", q.id);
        if let Answer::Choice(options, k) = &q.answer {
            assert!(guide.contains(&format!("- {} (right)", options[*k])), "{} marks its right option", q.id);
        }
    }
    let contiguous =
        |plan: &[(u32, u32, String)]| plan.windows(2).all(|w| w[0].1 == w[1].0) && plan[0].0 == 0 && plan.last().unwrap().1 == 45;
    assert!(contiguous(&lesson::teacher::one_period(&l)), "{:?}", lesson::teacher::one_period(&l));
    assert!(lesson::teacher::two_periods(&l).iter().all(|p| contiguous(p)));
    for heading in ["Learning outcomes", "Rubric for the debrief answers", "Vocabulary", "Teaching conflicts"] {
        assert!(guide.contains(heading), "the guide has {heading}");
    }
    assert!(lesson::teacher::vocabulary(&l).iter().any(|(t, _)| *t == "League rules"), "the vocabulary has the League's rules");
}

#[test]
fn the_handout_has_each_crisis_map_timeline_and_recorded_votes_and_the_primary_sources() {
    let (l, dir) = materials("security_or_defence");
    let handout = std::fs::read_to_string(dir.join("security_or_defence-student-handout.md")).unwrap();
    for p in &l.parts {
        p.level.history.votes.iter().for_each(|v| assert!(handout.contains(&v.document), "{} is in the votes table", v.document));
        p.level.turns.iter().for_each(|t| assert!(handout.contains(&t.label), "the timeline has {}", t.label));
        let map = std::fs::read_to_string(dir.join(lesson::teacher::map_name(&l, &p.level))).unwrap();
        assert!(
            map.starts_with("<svg") && map.contains(&p.level.states[p.level.crisis.aggressor].name) && map.matches("<path").count() > 20
        );
    }
    assert!(handout.contains("Art. 2(4)") && handout.contains("377 A"), "the Charter and Uniting for Peace are quoted");
    assert!(!handout.contains("Covenant of the League"), "no League source in a UN lesson");
    let html = std::fs::read_to_string(dir.join("security_or_defence-student-handout.html")).unwrap();
    assert!(html.contains("@page") && html.contains("break-inside: avoid") && !html.contains("size: A4"), "prints on A4 and Letter");
    assert!(html.contains("&amp;") || !handout.contains('&'), "text is escaped in HTML");
}

#[test]
fn the_teacher_command_writes_six_files_for_a_lesson_of_two_crises() {
    let dir = Scratch::new("teacher-cli");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_collective-security"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["teacher", "appeasement_and_the_balance", "--out", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let listed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(listed.lines().count(), 6, "{listed}");
    assert!(listed.lines().all(|p| std::path::Path::new(p).is_file()));
}

#[test]
fn forces_ordered_with_a_request_for_the_authority_to_use_them_are_collective_action_if_it_is_granted() {
    use collective_security::lesson::Strategy;
    use collective_security::level::{BodyKind, Measure, Order, Procedure};
    let ask = Order::Propose { body: BodyKind::SecurityCouncil, measure: Measure::AuthoriseForce, under: Procedure::Ordinary };
    let granted: Vec<Strategy> = Strategy::of_turn(&[ask.clone(), Order::Intervene], false, true).collect();
    assert_eq!(granted, vec![Strategy::Collective, Strategy::Collective]);
    let refused: Vec<Strategy> = Strategy::of_turn(&[ask, Order::Intervene], false, false).collect();
    assert_eq!(refused, vec![Strategy::Collective], "refused, the forces stay home: only the request counts");
    let alone: Vec<Strategy> = Strategy::of_turn(&[Order::Intervene], false, false).collect();
    assert_eq!(alone, vec![Strategy::Alliance], "forces without the institution's authority are alliance");
}
