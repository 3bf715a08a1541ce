//! Teacher materials for a lesson (`collective-security teacher LESSON --out DIR`): a teacher's guide (learning
//! outcomes, a plan for one period and for two, the answer key, a rubric for the debrief, vocabulary, a note
//! on teaching live conflicts) and a student handout (each crisis's map, timeline and recorded votes, and the
//! primary sources), each as Markdown and as HTML that prints on A4 and Letter.

pub mod doc;
pub mod map;

use std::path::{Path, PathBuf};

use doc::{Block, Doc};

use super::LessonDef;
use super::raw::Answer;
use super::timing;
use crate::level::{InstitutionKind, LevelDef};
use crate::sim::text::{body_name, measure_name};

/// A class period, in minutes, that the plans fill.
pub const PERIOD: u32 = 45;

fn part_title(l: &LevelDef, role: crate::level::StateIx) -> String {
    format!("{}, as {}", l.name, l.states[role].name)
}

/// The one-period plan: (start minute, end minute, what the class does). Parts keep their minutes unless the
/// period is too short for them, when they shrink in proportion.
pub fn one_period(lesson: &LessonDef) -> Vec<(u32, u32, String)> {
    let est = timing::estimate(lesson);
    let (intro, quiz) = (5, (est.quiz.ceil() as u32 + 2).max(5));
    let debrief = (est.debrief.ceil() as u32).clamp(5, 10);
    let room = PERIOD.saturating_sub(intro + quiz + debrief);
    let want: u32 = lesson.parts.iter().map(|p| p.minutes).sum();
    let mut plan = vec![(
        0,
        intro,
        format!("Introduce the lesson: read its summary aloud, give the class seed {}, hand out the handout.", seed(lesson)),
    )];
    let mut t = intro;
    for p in &lesson.parts {
        let m = if want > room { (p.minutes * room / want.max(1)).max(1) } else { p.minutes };
        plan.push((t, t + m, format!("Play {}. Stop at each guiding question for a one-line answer.", part_title(&p.level, p.role))));
        t += m;
    }
    plan.push((t, t + quiz, "The quiz, in the game; each answer is explained once checked.".into()));
    t += quiz;
    plan.push((t, PERIOD, "Debrief: the written questions, then two or three students read their answers to the class.".into()));
    plan
}

/// The two-period plan: context and the first crisis, then the second crisis, the what-if and the quiz.
pub fn two_periods(lesson: &LessonDef) -> [Vec<(u32, u32, String)>; 2] {
    let (first, rest) = lesson.parts.split_at(1.min(lesson.parts.len()));
    let mut one = vec![
        (0, 5, format!("Introduce the lesson and give the class seed {}.", seed(lesson))),
        (5, 15, "Read the handout together: the timeline, the map and the primary sources.".into()),
    ];
    let mut t = 15;
    for p in first {
        let m = (p.minutes + 5).min(PERIOD - t - 5);
        one.push((t, t + m, format!("Play {}; then open the what-if panel and compare the strategies.", part_title(&p.level, p.role))));
        t += m;
    }
    one.push((t, PERIOD, "Discuss: which choice mattered most, and why? Students note their answer for next time.".into()));
    let mut two = vec![(0, 5, "Recap: what happened in the first crisis, and why.".to_string())];
    let mut t = 5;
    // What the recap, the quiz and at least five minutes of debrief leave, shared by the remaining crises.
    let share = (PERIOD - 5 - 8 - 5) / rest.len().max(1) as u32;
    for p in rest {
        let m = (p.minutes + 5).min(share);
        two.push((t, t + m, format!("Play {}; compare the strategies in the what-if panel.", part_title(&p.level, p.role))));
        t += m;
    }
    two.push((t, t + 8, "The quiz, in the game.".into()));
    two.push((t + 8, PERIOD, "Written debrief, then a class discussion from the class summary (`class-report`).".into()));
    [one, two]
}

fn seed(lesson: &LessonDef) -> String {
    lesson.seed.clone().unwrap_or_else(|| "of your choice".into())
}

fn plan_table(plan: &[(u32, u32, String)]) -> Block {
    Block::Table(vec!["Minutes".into(), "Activity".into()], plan.iter().map(|(a, b, w)| vec![format!("{a}–{b}"), w.clone()]).collect())
}

fn answer_key(lesson: &LessonDef) -> Vec<Block> {
    let mut b = vec![Block::Heading(1, "Answer key".into())];
    for (i, q) in lesson.quiz.iter().enumerate() {
        b.push(Block::Heading(2, format!("{}. {} ({} point{})", i + 1, q.text, q.points, if q.points == 1 { "" } else { "s" })));
        match &q.answer {
            Answer::Choice(options, k) => b.push(Block::List(
                options.iter().enumerate().map(|(j, o)| if j == *k { format!("{o} (right)") } else { o.clone() }).collect(),
            )),
            Answer::Short(groups, model) => {
                b.push(Block::Para(format!("Model answer: {model}")));
                let words: Vec<String> = groups.iter().map(|g| g.join(" / ")).collect();
                b.push(Block::Para(format!(
                    "Marked right when the answer has a word from each group: {}. Review it yourself.",
                    words.join("; ")
                )));
            }
        }
        b.push(Block::Para(format!("Why: {}", q.explanation)));
    }
    b
}

fn rubric(lesson: &LessonDef) -> Vec<Block> {
    let rows = [
        [
            "Evidence from the run",
            "Cites votes, outcomes or channels from the student's own run, with turns or numbers",
            "Mentions what happened in the run in general terms",
            "No reference to the run",
        ],
        [
            "History",
            "Places the run beside what happened, with dates, and notes where they differ",
            "Mentions what happened, without comparing",
            "Confuses the run with history, or errors of fact",
        ],
        [
            "Concepts",
            "Uses the lesson's terms (see the vocabulary) correctly and explains them",
            "Uses the terms with minor slips",
            "Terms missing or misused",
        ],
        [
            "Argument",
            "Takes a position and weighs at least one objection",
            "Takes a position without weighing objections",
            "Describes without answering the question",
        ],
    ];
    vec![
        Block::Heading(1, "Rubric for the debrief answers".into()),
        Block::Para("Each debrief question is marked on four criteria, 2, 1 or 0 points each:".into()),
        Block::List(lesson.debrief.clone()),
        Block::Table(
            vec!["Criterion".into(), "2 points".into(), "1 point".into(), "0 points".into()],
            rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect(),
        ),
    ]
}

/// The lesson's whole text, lower case, to find which glossary entries it uses.
fn lesson_text(lesson: &LessonDef) -> String {
    let mut t = lesson.summary.clone();
    lesson.quiz.iter().for_each(|q| t += &format!(" {} {}", q.text, q.explanation));
    lesson.guiding.iter().for_each(|g| t += &format!(" {}", g.text));
    lesson.debrief.iter().for_each(|d| t += &format!(" {d}"));
    lesson.objectives.iter().for_each(|o| t += &format!(" {}", o.text));
    t.to_lowercase()
}

/// The glossary entries the lesson's text uses (its title, or a word of five letters or more of it, found in
/// the lesson's text), primary sources apart.
pub fn vocabulary(lesson: &LessonDef) -> Vec<(&'static str, &'static str)> {
    let text = lesson_text(lesson);
    super::glossary::TOPICS
        .iter()
        .filter(|(t, _)| !t.starts_with("Source:"))
        .filter(|(t, _)| {
            let title = t.to_lowercase();
            text.contains(&title) || title.split_whitespace().filter(|w| w.len() >= 5).any(|w| text.contains(w.trim_end_matches('s')))
        })
        .copied()
        .collect()
}

fn live_conflicts(lesson: &LessonDef) -> Block {
    let recent: Vec<String> =
        lesson.parts.iter().filter(|p| p.level.turns.first().is_some_and(|t| t.date.year >= 2000)).map(|p| p.level.name.clone()).collect();
    let mut t = String::from(
        "Some students may have family, friends or roots in the states of these crises, on either side. Agree ground rules first: we discuss governments' decisions, not peoples; we quote sources; no one is asked to speak for a nation. The game models choices and their consequences; it does not judge the people who lived them, and the outcomes it shows are possibilities, not predictions.",
    );
    if !recent.is_empty() {
        t += &format!(
            " {} concern a conflict that is not over: keep to what is documented, say when sources disagree, and avoid turning the class into a debate about current events that students cannot check.",
            recent.join(" and ")
        );
    }
    Block::Para(t)
}

/// The teacher's guide.
pub fn guide(lesson: &LessonDef) -> Doc {
    let est = timing::estimate(lesson);
    let mut b = vec![
        Block::Para(lesson.summary.clone()),
        Block::List(lesson.parts.iter().map(|p| format!("{} ({} minutes)", part_title(&p.level, p.role), p.minutes)).collect()),
        Block::Para(format!(
            "Stated length: {} minutes. {}. Class seed: {}.",
            lesson.minutes,
            capitalise(&est.line(lesson.minutes)),
            seed(lesson)
        )),
        Block::Heading(1, "Learning outcomes".into()),
        Block::List(
            lesson.objectives.iter().map(|o| format!("{} ({} point{})", o.text, o.points, if o.points == 1 { "" } else { "s" })).collect(),
        ),
        Block::Heading(1, format!("Plan for one period of {PERIOD} minutes")),
        plan_table(&one_period(lesson)),
        Block::Heading(1, "Plan for two periods".into()),
    ];
    let [p1, p2] = two_periods(lesson);
    b.extend([Block::Heading(2, "First period".into()), plan_table(&p1), Block::Heading(2, "Second period".into()), plan_table(&p2)]);
    b.extend(answer_key(lesson));
    b.extend(rubric(lesson));
    b.push(Block::Heading(1, "Vocabulary".into()));
    b.push(Block::Table(
        vec!["Term".into(), "Meaning".into()],
        vocabulary(lesson).iter().map(|(t, m)| vec![t.to_string(), m.to_string()]).collect(),
    ));
    b.push(Block::Heading(1, "Teaching conflicts that touch students' lives".into()));
    b.push(live_conflicts(lesson));
    b.push(Block::Heading(1, "Running the lesson".into()));
    b.push(Block::Steps(vec![
        format!("Each student opens Lessons in the game's menu, chooses “{}”, types a name and the class seed {}.", lesson.title, seed(lesson)),
        "Reports are saved as Markdown and JSON in the reports folder shown at the end.".into(),
        "Collect the JSON files and run `collective-security class-report FOLDER --out summary.md` for the class summary; altered reports are flagged.".into(),
    ]));
    Doc { title: format!("{}: teacher's guide", lesson.title), blocks: b }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

/// Each part's timeline: its turns and its dated news, in order.
fn timeline(l: &LevelDef) -> Block {
    let mut rows: Vec<(crate::level::Date, String)> = l.turns.iter().map(|t| (t.date, t.label.clone())).collect();
    rows.extend(l.events.iter().filter(|e| !e.text.is_empty()).map(|e| (e.date, e.text.clone())));
    rows.sort_by_key(|r| r.0);
    rows.dedup();
    Block::Table(vec!["Date".into(), "Event".into()], rows.into_iter().map(|(d, t)| vec![d.to_string(), t]).collect())
}

fn votes(l: &LevelDef) -> Block {
    if l.history.votes.is_empty() {
        return Block::Para("No vote was recorded in this crisis: the institution was not asked to act.".into());
    }
    let rows = l
        .history
        .votes
        .iter()
        .map(|v| {
            let date = l.turns.get(v.turn.saturating_sub(1) as usize).map_or(String::new(), |t| t.date.to_string());
            let result = if !v.vetoed_by.is_empty() {
                "vetoed"
            } else if v.adopted {
                "adopted"
            } else {
                "failed"
            };
            vec![date, body_name(v.body).into(), v.document.clone(), measure_name(v.measure).into(), v.tally.clone(), result.into()]
        })
        .collect();
    Block::Table(["Date", "Body", "Document", "Measure", "Tally", "Result"].map(String::from).to_vec(), rows)
}

/// The primary sources for the institutions of the lesson's crises.
fn sources(lesson: &LessonDef) -> Vec<Block> {
    let kinds: Vec<InstitutionKind> = lesson.parts.iter().map(|p| p.level.institution.kind).collect();
    let wanted = |title: &str| {
        (kinds.contains(&InstitutionKind::League) && title.contains("Covenant"))
            || (kinds.contains(&InstitutionKind::UnitedNations) && (title.contains("Charter") || title.contains("377")))
    };
    let mut b = vec![Block::Heading(1, "Primary sources".into())];
    for (title, text) in super::glossary::TOPICS.iter().filter(|(t, _)| t.starts_with("Source:") && wanted(t)) {
        b.push(Block::Heading(2, title.trim_start_matches("Source:").trim().to_string()));
        b.push(Block::Quote(text.to_string()));
    }
    b
}

/// The map's file name for a part.
pub fn map_name(lesson: &LessonDef, level: &LevelDef) -> String {
    format!("{}-{}-map.svg", lesson.id, level.id)
}

/// The student handout.
pub fn handout(lesson: &LessonDef) -> Doc {
    let mut b = vec![Block::Para(lesson.summary.clone())];
    for (i, p) in lesson.parts.iter().enumerate() {
        let l = &p.level;
        if i > 0 {
            b.push(Block::PageBreak);
        }
        b.push(Block::Heading(1, format!("Part {}: {}", i + 1, part_title(l, p.role))));
        b.push(Block::Para(l.summary.clone()));
        if let Some(pl) = l.playable.iter().find(|x| x.state == p.role) {
            b.push(Block::Para(format!("You lead {}", pl.role)));
        }
        b.push(Block::Image(map_name(lesson, l), format!("Map of {} in {}", l.crisis.theatre, l.name)));
        b.push(Block::Heading(2, "Timeline".into()));
        b.push(timeline(l));
        b.push(Block::Heading(2, "The votes on record".into()));
        b.push(votes(l));
    }
    b.push(Block::PageBreak);
    b.extend(sources(lesson));
    Doc { title: format!("{}: student handout", lesson.title), blocks: b }
}

/// Writes the guide and the handout (Markdown and HTML) and each part's map into `dir`; returns the paths.
pub fn write(lesson: &LessonDef, dir: &Path, assets: &Path) -> Result<Vec<PathBuf>, String> {
    crate::files::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut written = Vec::new();
    let mut put = |name: String, text: &str| -> Result<(), String> {
        let path = dir.join(name);
        crate::files::write_atomic(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
        Ok(())
    };
    for (stem, d) in [("teacher-guide", guide(lesson)), ("student-handout", handout(lesson))] {
        put(format!("{}-{stem}.md", lesson.id), &d.markdown())?;
        put(format!("{}-{stem}.html", lesson.id), &d.html())?;
    }
    for p in &lesson.parts {
        put(map_name(lesson, &p.level), &map::svg(&p.level, assets)?)?;
    }
    Ok(written)
}
