//! The report built from what a student did in a lesson (`Attempt`, in `attempt.rs`) by replaying every
//! part headless: the same lesson, seed and orders give the same report, byte for byte.

use crate::level::{Order, OutcomeKind, VotingRule};
use crate::sim::runner::RunSetup;
use crate::sim::{Calendar, MeasuresInForce, Simulation, text};

pub use super::attempt::{Attempt, CauseRecord, CompareRecord, QuizAnswer};
use super::report::*;
use super::{Answer, Condition, LessonDef, Strategy};

/// The order a student sees a question's options in: shuffled per student from the class seed, so that
/// neighbours do not share the position of the right answer and no position is always right. Answers
/// keep the options' own numbers, so marking never depends on the order.
pub fn option_order(seed: u64, student: &str, question: &str, n: usize) -> Vec<usize> {
    let key = crate::files::fnv1a(format!("{student}\u{0}{question}").as_bytes());
    let mut g = crate::sim::SplitMix64::new(seed ^ key);
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (g.next_u64() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// A seed typed as a number, or as a short code (letters and digits, case ignored) hashed to a number.
pub fn parse_seed(s: &str) -> u64 {
    let t = s.trim();
    t.parse().unwrap_or_else(|_| crate::files::fnv1a(t.to_uppercase().as_bytes()))
}

/// Whether an answer is right: the chosen option, or a short answer with a word from every keyword group.
pub fn is_correct(answer: &Answer, given: &QuizAnswer) -> bool {
    match (answer, given) {
        (Answer::Choice(_, right), QuizAnswer::Choice(k)) => right == k,
        (Answer::Short(groups, _), QuizAnswer::Text(t)) => {
            let text = format!(" {} ", words(t));
            groups.iter().all(|g| {
                g.iter().any(|w| {
                    let k = words(w);
                    !k.is_empty() && (text.contains(&format!(" {k} ")) || (k.chars().count() >= 4 && text.contains(&format!(" {k}"))))
                })
            })
        }
        _ => false,
    }
}

/// Lower-case words separated by single spaces: punctuation does not count.
fn words(s: &str) -> String {
    s.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn r3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// An attempt whose orders a strategy gives in every part (quiz unanswered): for a teacher's preview, a
/// sample report, or tests.
pub fn attempt_by_policy(lesson: &LessonDef, student: &str, seed_code: &str, policy: crate::sim::Policy) -> Attempt {
    let seed = parse_seed(seed_code);
    let mut sim = Simulation::new();
    let parts = lesson
        .parts
        .iter()
        .map(|p| {
            sim.start(&RunSetup {
                level: p.level.clone(),
                seed,
                role: Some(p.role),
                policy: Some(policy),
                credibility: None,
                lessons: Default::default(),
            });
            sim.run_to_end();
            sim.log().player_orders.clone()
        })
        .collect();
    Attempt { lesson: lesson.id.clone(), student: student.to_string(), seed_code: seed_code.to_string(), seed, parts, ..Default::default() }
}

/// Replays one part with the student's orders and reports it.
fn play_part(sim: &mut Simulation, lesson: &LessonDef, k: usize, orders: &[Vec<Order>], seed: u64) -> PartReport {
    let part = &lesson.parts[k];
    let l = &part.level;
    sim.start(&RunSetup { level: l.clone(), seed, role: Some(part.role), policy: None, credibility: None, lessons: Default::default() });
    let mut turns = Vec::new();
    for (t, os) in orders.iter().enumerate() {
        if sim.world().resource::<Calendar>().finished {
            break;
        }
        let authorised = sim.world().resource::<MeasuresInForce>().force_authorised;
        for o in os {
            sim.order(o.clone());
        }
        sim.step();
        let granted = sim.world().resource::<MeasuresInForce>().force_authorised;
        turns.push(TurnChoice {
            turn: t + 1,
            date: l.turns.get(t).map(|d| d.date.to_string()).unwrap_or_default(),
            orders: os.iter().map(text::order_text).collect(),
            strategies: Strategy::of_turn(os, authorised, granted).collect(),
        });
    }
    let log = sim.log();
    let name = |id: &str| l.state_ix(id).map(|ix| l.states[ix].name.clone()).unwrap_or_else(|| id.to_string());
    let votes = log
        .votes
        .iter()
        .map(|v| {
            let unanimity = l.body(v.body).is_some_and(|b| b.rule == VotingRule::Unanimity);
            VoteLine {
                turn: v.turn,
                date: v.date.to_string(),
                body: text::body_name(v.body).to_string(),
                motion: text::measure_name(v.motion).to_string(),
                proposer: name(&v.proposer),
                yes: v.yes,
                no: v.no,
                abstain: v.abstain,
                absent: v.absent,
                adopted: v.adopted,
                vetoed_by: v.vetoed_by.iter().map(|s| name(s)).collect(),
                blocked_by_unanimity: unanimity && !v.adopted && v.yes > v.no,
            }
        })
        .collect();
    let explanations = log
        .explanation
        .iter()
        .map(|e| ExplanationLine {
            mechanism: text::mechanism_title(e.mechanism),
            succeeded: e.succeeded,
            decisive: e.decisive.iter().map(|s| name(s)).collect(),
            factors: e.factors.iter().take(5).map(|f| (f.label.to_string(), r3(f.weight))).collect(),
        })
        .collect();
    PartReport {
        level: l.id.clone(),
        name: l.name.clone(),
        role: l.states[part.role].id.clone(),
        role_name: l.states[part.role].name.clone(),
        finished: log.outcome.is_some(),
        turns,
        votes,
        outcome: log.outcome.map(|(o, _)| o.id().to_string()),
        outcome_text: log.outcome.map(|(o, _)| text::outcome_text(o).to_string()).unwrap_or_else(|| "not finished".into()),
        control: r3(log.control.last().copied().unwrap_or(l.crisis.control)),
        control_by_turn: log.control.iter().map(|c| r3(*c)).collect(),
        explanations,
        history: format!("{}. {}", text::outcome_text(l.history.outcome), l.history.summary),
    }
}

/// The report of an attempt: every part replayed, the quiz marked, the objectives checked against the runs.
pub fn build_report(lesson: &LessonDef, attempt: &Attempt) -> LessonReport {
    let mut sim = Simulation::new();
    let parts: Vec<PartReport> = attempt
        .parts
        .iter()
        .enumerate()
        .take(lesson.parts.len())
        .map(|(k, orders)| play_part(&mut sim, lesson, k, orders, attempt.seed))
        .collect();
    let quiz: Vec<QuizResult> = lesson.quiz.iter().map(|q| quiz_result(q, attempt)).collect();
    let objectives: Vec<ObjectiveResult> = lesson
        .objectives
        .iter()
        .map(|o| {
            let evidence = evidence(lesson, attempt, &parts, &quiz, &o.when);
            ObjectiveResult {
                id: o.id.clone(),
                text: o.text.clone(),
                badge: o.badge.clone(),
                points: o.points,
                met: evidence.is_some(),
                evidence: evidence.unwrap_or_default(),
            }
        })
        .collect();
    let add = |a: u32, b: u32| a.saturating_add(b);
    let score = quiz.iter().map(|q| q.points).chain(objectives.iter().filter(|o| o.met).map(|o| o.points)).fold(0, add);
    let max_score = quiz.iter().map(|q| q.max_points).chain(objectives.iter().map(|o| o.points)).fold(0, add);
    LessonReport {
        format: REPORT_FORMAT,
        lesson: lesson.id.clone(),
        title: lesson.title.clone(),
        student: attempt.student.clone(),
        seed_code: attempt.seed_code.clone(),
        seed: attempt.seed,
        minutes: attempt.minutes,
        time_budget: lesson.minutes,
        parts,
        quiz,
        objectives,
        score,
        max_score,
        notes: lesson
            .guiding
            .iter()
            .enumerate()
            .filter_map(|(i, g)| attempt.notes.get(&i).map(|a| Note { question: g.text.clone(), answer: a.clone() }))
            .collect(),
        debrief: lesson
            .debrief
            .iter()
            .enumerate()
            .map(|(i, q)| Note { question: q.clone(), answer: attempt.debrief.get(i).cloned().unwrap_or_default() })
            .collect(),
        comparisons: attempt.comparisons.clone(),
        attempt: attempt.clone(),
    }
}

/// One question as the student answered it, with the right answer and the options in the order shown.
fn quiz_result(q: &super::RawQuestion, attempt: &Attempt) -> QuizResult {
    let given = attempt.quiz.get(&q.id);
    let answer = match (given, &q.answer) {
        (Some(QuizAnswer::Choice(k)), Answer::Choice(opts, _)) => opts.get(*k).cloned().unwrap_or_default(),
        (Some(QuizAnswer::Text(t)), _) => t.clone(),
        _ => String::new(),
    };
    let correct = given.is_some_and(|g| is_correct(&q.answer, g));
    let right = match &q.answer {
        Answer::Choice(opts, k) => opts.get(*k).cloned().unwrap_or_default(),
        Answer::Short(_, model) => model.clone(),
    };
    QuizResult {
        id: q.id.clone(),
        concept: q.concept.clone(),
        question: q.text.clone(),
        answered: given.is_some(),
        answer,
        correct,
        right_answer: right,
        points: if correct { q.points } else { 0 },
        max_points: q.points,
        short: matches!(q.answer, Answer::Short(..)),
        explanation: q.explanation.clone(),
        shown: match &q.answer {
            Answer::Choice(opts, _) => {
                option_order(attempt.seed, &attempt.student, &q.id, opts.len()).into_iter().filter_map(|k| opts.get(k).cloned()).collect()
            }
            Answer::Short(..) => vec![],
        },
    }
}

/// Why an objective counts as met, from the runs and answers; `None` when it is not.
fn evidence(lesson: &LessonDef, attempt: &Attempt, parts: &[PartReport], quiz: &[QuizResult], when: &Condition) -> Option<String> {
    match when {
        Condition::Used(s) => parts.iter().find_map(|p| {
            p.turns.iter().find(|t| t.strategies.contains(s)).map(|t| format!("{}, turn {}: {}", p.name, t.turn, t.orders.join("; ")))
        }),
        Condition::Tabled(m) => {
            let name = text::measure_name(*m);
            parts.iter().find_map(|p| {
                p.votes
                    .iter()
                    .find(|v| v.motion == name && v.proposer == p.role_name)
                    .map(|v| format!("{}: {} in the {} on {}", p.name, v.motion, v.body, v.date))
            })
        }
        Condition::SawVeto => parts.iter().find_map(|p| {
            p.votes
                .iter()
                .find(|v| !v.vetoed_by.is_empty())
                .map(|v| format!("{}: {} vetoed by {} on {}", p.name, v.motion, v.vetoed_by.join(", "), v.date))
        }),
        Condition::SawUnanimityBlock => parts.iter().find_map(|p| {
            p.votes
                .iter()
                .find(|v| v.blocked_by_unanimity)
                .map(|v| format!("{}: {} failed {}–{}–{} under unanimity on {}", p.name, v.motion, v.yes, v.no, v.abstain, v.date))
        }),
        Condition::SawAdopted(b) => {
            let body = text::body_name(*b);
            parts.iter().find_map(|p| {
                p.votes
                    .iter()
                    .find(|v| v.adopted && v.body == body)
                    .map(|v| format!("{}: {} adopted {}–{}–{} on {}", p.name, v.motion, v.yes, v.no, v.abstain, v.date))
            })
        }
        Condition::Ended(level, outcomes) => {
            let p = parts.iter().find(|p| &p.level == level)?;
            let o = p.outcome.as_deref()?;
            outcomes.iter().any(|k| k.id() == o).then(|| format!("{}: {}", p.name, p.outcome_text))
        }
        Condition::Mastered(c) => {
            let qs: Vec<&QuizResult> = quiz.iter().filter(|q| &q.concept == c).collect();
            (!qs.is_empty() && qs.iter().all(|q| q.correct)).then(|| format!("{} of {} questions on {c} right", qs.len(), qs.len()))
        }
        Condition::Compared => {
            attempt.comparisons.first().map(|c| format!("compared the three strategies over {} runs each in {}", c.runs, c.level))
        }
        Condition::Reflected => (!lesson.debrief.is_empty()
            && lesson.debrief.iter().enumerate().all(|(i, _)| attempt.debrief.get(i).is_some_and(|a| !a.trim().is_empty())))
        .then(|| format!("answered all {} debrief questions", lesson.debrief.len())),
        Condition::Finished => (parts.len() == lesson.parts.len() && parts.iter().all(|p| p.finished))
            .then(|| format!("played all {} crises to the end", parts.len())),
    }
}

impl OutcomeKind {
    /// Every outcome, for counting.
    pub fn ids() -> impl Iterator<Item = &'static str> {
        OutcomeKind::ALL.into_iter().map(|o| o.id())
    }
}
