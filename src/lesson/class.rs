//! The class summary: many students' reports gathered into counts a teacher can read (Markdown) and
//! analyse (CSV). No account, server or network: just the report files.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::Strategy;
use super::report::LessonReport;

/// Counts over a class's reports.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ClassSummary {
    pub reports: usize,
    pub lessons: BTreeSet<String>,
    pub seeds: BTreeSet<String>,
    /// Level → the strategy each student mostly chose (`mixed` on a tie, `none` with no orders) → students.
    pub main_strategy: BTreeMap<String, BTreeMap<String, usize>>,
    /// Level → strategy → students who used it at least once.
    pub used_strategy: BTreeMap<String, BTreeMap<String, usize>>,
    /// Level → outcome id (`not_finished` when not played to the end) → students.
    pub outcomes: BTreeMap<String, BTreeMap<String, usize>>,
    /// Quiz results per question, in the lesson's order.
    pub questions: Vec<QuestionStat>,
    /// Concept → (answers, right answers).
    pub concepts: BTreeMap<String, (usize, usize)>,
    /// Objective id → (text, students who met it).
    pub objectives: BTreeMap<String, (String, usize)>,
    /// Student, score, maximum, in the order given.
    pub scores: Vec<(String, u32, u32)>,
    /// Reports left out: the file, and why (unreadable, or not what a replay of its attempt gives).
    pub flagged: Vec<(String, String)>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct QuestionStat {
    pub id: String,
    pub concept: String,
    pub question: String,
    pub answered: usize,
    pub correct: usize,
    /// Answer text → students who gave it (multiple choice only).
    pub answers: BTreeMap<String, usize>,
}

/// The strategy a student used most in a part.
pub fn main_strategy(p: &super::report::PartReport) -> String {
    let mut n: BTreeMap<Strategy, usize> = BTreeMap::new();
    for t in &p.turns {
        for s in &t.strategies {
            *n.entry(*s).or_default() += 1;
        }
    }
    let Some(max) = n.values().copied().max() else { return "none".into() };
    let top: Vec<Strategy> = n.iter().filter(|(_, c)| **c == max).map(|(s, _)| *s).collect();
    if top.len() == 1 { top[0].id().into() } else { "mixed".into() }
}

pub fn summarise(reports: &[LessonReport]) -> ClassSummary {
    let mut s = ClassSummary { reports: reports.len(), ..Default::default() };
    for r in reports {
        s.lessons.insert(r.lesson.clone());
        s.seeds.insert(r.seed_code.clone());
        s.scores.push((if r.student.is_empty() { "(no name)".into() } else { r.student.clone() }, r.score, r.max_score));
        for p in &r.parts {
            *s.main_strategy.entry(p.level.clone()).or_default().entry(main_strategy(p)).or_default() += 1;
            let used: BTreeSet<Strategy> = p.turns.iter().flat_map(|t| t.strategies.iter().copied()).collect();
            let e = s.used_strategy.entry(p.level.clone()).or_default();
            for st in Strategy::ALL {
                *e.entry(st.id().into()).or_default() += used.contains(&st) as usize;
            }
            *s.outcomes
                .entry(p.level.clone())
                .or_default()
                .entry(p.outcome.clone().unwrap_or_else(|| "not_finished".into()))
                .or_default() += 1;
        }
        for q in &r.quiz {
            let stat = match s.questions.iter_mut().position(|x| x.id == q.id) {
                Some(i) => &mut s.questions[i],
                None => {
                    s.questions.push(QuestionStat {
                        id: q.id.clone(),
                        concept: q.concept.clone(),
                        question: q.question.clone(),
                        ..Default::default()
                    });
                    s.questions.last_mut().expect("just pushed")
                }
            };
            s.concepts.entry(q.concept.clone()).or_default();
            if q.answered {
                stat.answered += 1;
                stat.correct += q.correct as usize;
                if !q.short {
                    *stat.answers.entry(q.answer.clone()).or_default() += 1;
                }
                let c = s.concepts.entry(q.concept.clone()).or_default();
                c.0 += 1;
                c.1 += q.correct as usize;
            }
        }
        for o in &r.objectives {
            let e = s.objectives.entry(o.id.clone()).or_insert_with(|| (o.text.clone(), 0));
            e.1 += o.met as usize;
        }
    }
    s
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 { "—".into() } else { format!("{:.0}%", a as f64 * 100.0 / b as f64) }
}

impl ClassSummary {
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "# Class summary\n");
        let _ = writeln!(s, "- Reports: {}", self.reports);
        let _ = writeln!(s, "- Lessons: {}", self.lessons.iter().cloned().collect::<Vec<_>>().join(", "));
        let _ = writeln!(
            s,
            "- Seeds: {}{}\n",
            self.seeds.iter().cloned().collect::<Vec<_>>().join(", "),
            if self.seeds.len() > 1 { " (more than one: students did not all play the same world)" } else { "" }
        );
        self.md_strategies(&mut s);
        self.md_outcomes(&mut s);
        self.md_quiz(&mut s);
        let _ = writeln!(s, "\n## Objectives\n");
        for (id, (text, n)) in &self.objectives {
            let _ = writeln!(s, "- `{id}` {text}: {n} of {} students", self.reports);
        }
        let _ = writeln!(s, "\n## Scores\n");
        let _ = writeln!(
            s,
            "Each report's attempt was replayed and its quiz and objectives marked again; only reports that agree are counted.\n"
        );
        for (name, sc, max) in &self.scores {
            let _ = writeln!(s, "- {name}: {sc} of {max}");
        }
        if !self.flagged.is_empty() {
            let _ = writeln!(s, "\n## Reports not counted\n");
            for (file, why) in &self.flagged {
                let _ = writeln!(s, "- {file}: {why}");
            }
        }
        s
    }

    fn md_strategies(&self, s: &mut String) {
        let _ = writeln!(s, "## Strategies chosen\n");
        let _ =
            writeln!(s, "Students by the strategy most of their orders followed, and (in brackets) students who used it at least once.\n");
        let cols = ["appeasement", "alliance", "collective", "mixed", "none"];
        let _ = writeln!(s, "| crisis | {} |", cols.join(" | "));
        let _ = writeln!(s, "|---|{}", "---|".repeat(cols.len()));
        for (level, m) in &self.main_strategy {
            let used = self.used_strategy.get(level);
            let cells: Vec<String> = cols
                .iter()
                .map(|c| {
                    let main = m.get(*c).copied().unwrap_or(0);
                    match used.and_then(|u| u.get(*c)) {
                        Some(u) => format!("{main} ({u})"),
                        None => main.to_string(),
                    }
                })
                .collect();
            let _ = writeln!(s, "| {level} | {} |", cells.join(" | "));
        }
    }

    fn md_outcomes(&self, s: &mut String) {
        let _ = writeln!(s, "\n## Outcomes\n");
        let outs: Vec<&str> = crate::level::OutcomeKind::ids().chain(["not_finished"]).collect();
        let _ = writeln!(s, "| crisis | {} |", outs.join(" | "));
        let _ = writeln!(s, "|---|{}", "---|".repeat(outs.len()));
        for (level, m) in &self.outcomes {
            let cells: Vec<String> = outs.iter().map(|o| m.get(*o).copied().unwrap_or(0).to_string()).collect();
            let _ = writeln!(s, "| {level} | {} |", cells.join(" | "));
        }
    }

    /// The quiz per question, then per concept.
    fn md_quiz(&self, s: &mut String) {
        let _ = writeln!(s, "\n## Quiz, per question\n");
        let _ = writeln!(s, "| question | concept | answered | right | share right | answers given |");
        let _ = writeln!(s, "|---|---|---|---|---|---|");
        for q in &self.questions {
            let given: Vec<String> = q.answers.iter().map(|(a, n)| format!("{a}: {n}")).collect();
            let _ = writeln!(
                s,
                "| {} {} | {} | {} | {} | {} | {} |",
                q.id,
                q.question.replace('|', "/"),
                q.concept,
                q.answered,
                q.correct,
                pct(q.correct, q.answered),
                given.join("; ").replace('|', "/")
            );
        }
        let _ = writeln!(s, "\n## Quiz, per concept\n");
        let _ = writeln!(s, "| concept | answers | right | share right |");
        let _ = writeln!(s, "|---|---|---|---|");
        for (c, (a, r)) in &self.concepts {
            let _ = writeln!(s, "| {c} | {a} | {r} | {} |", pct(*r, *a));
        }
    }

    /// One row per count: `table,group,item,count,of`.
    pub fn to_csv(&self) -> String {
        let mut s = String::from("table,group,item,count,of\n");
        let q = |x: &str| if x.contains([',', '"', '\n']) { format!("\"{}\"", x.replace('"', "\"\"")) } else { x.to_string() };
        let students = |m: &BTreeMap<String, usize>| m.values().sum::<usize>();
        for (level, m) in &self.main_strategy {
            for (k, n) in m {
                let _ = writeln!(s, "main_strategy,{},{},{n},{}", q(level), q(k), students(m));
            }
        }
        for (level, m) in &self.used_strategy {
            let of = self.main_strategy.get(level).map(students).unwrap_or(0);
            for (k, n) in m {
                let _ = writeln!(s, "used_strategy,{},{},{n},{of}", q(level), q(k));
            }
        }
        for (level, m) in &self.outcomes {
            for (k, n) in m {
                let _ = writeln!(s, "outcome,{},{},{n},{}", q(level), q(k), students(m));
            }
        }
        for x in &self.questions {
            let _ = writeln!(s, "question,{},{},{},{}", q(&x.concept), q(&x.id), x.correct, x.answered);
        }
        for (c, (a, r)) in &self.concepts {
            let _ = writeln!(s, "concept,,{},{r},{a}", q(c));
        }
        for (id, (_, n)) in &self.objectives {
            let _ = writeln!(s, "objective,,{},{n},{}", q(id), self.reports);
        }
        for (name, sc, max) in &self.scores {
            let _ = writeln!(s, "score,,{},{sc},{max}", q(name));
        }
        for (file, _) in &self.flagged {
            let _ = writeln!(s, "flagged,,{},0,0", q(file));
        }
        s
    }
}

/// Whether a report says what replaying its stored attempt says: the lesson's parts played again with the
/// student's orders and seed, the quiz and the objectives marked again. `Err` names what differs, for a
/// report edited by hand or made by another version of the game.
pub fn verify(r: &LessonReport) -> Result<(), String> {
    if r.lesson.is_empty() || !r.lesson.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return Err(format!("unknown lesson `{}`: cannot replay it", r.lesson));
    }
    let lesson =
        super::shipped(&r.lesson).map_err(|_| format!("lesson `{}` is not one of this game's lessons: cannot replay it", r.lesson))?;
    if r.attempt.lesson != r.lesson || r.attempt.seed != r.seed {
        return Err("its attempt is for another lesson or seed".into());
    }
    let replay = super::play::build_report(&lesson, &r.attempt);
    let mut differs = Vec::new();
    if (replay.score, replay.max_score) != (r.score, r.max_score) {
        differs.push(format!("score {} of {} stated, {} of {} on replay", r.score, r.max_score, replay.score, replay.max_score));
    }
    if replay.quiz != r.quiz {
        differs.push("quiz answers or marks".into());
    }
    if replay.parts.iter().map(|p| (&p.outcome, p.control)).ne(r.parts.iter().map(|p| (&p.outcome, p.control))) {
        differs.push("outcomes".into());
    }
    if replay.parts != r.parts {
        differs.push("the runs".into());
    }
    if replay.objectives != r.objectives {
        differs.push("objectives".into());
    }
    if r.student != r.attempt.student {
        differs.push("the student's name".into());
    }
    if differs.is_empty() { Ok(()) } else { Err(format!("altered, or made by another version: {}", differs.join("; "))) }
}

/// Reports that passed the replay, and those flagged with their reason.
pub fn sort_verified(reports: Vec<(String, LessonReport)>) -> (Vec<LessonReport>, Vec<(String, String)>) {
    let mut ok = Vec::new();
    let mut flagged = Vec::new();
    for (name, r) in reports {
        match verify(&r) {
            Ok(()) => ok.push(r),
            Err(why) => flagged.push((name, why)),
        }
    }
    (ok, flagged)
}
