//! The student's report: JSON for tools (and to load back into the game), Markdown to read and print.

use std::fmt::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Strategy;
use super::attempt::{Attempt, CompareRecord};

/// Bumped when the report's JSON changes in a way older readers cannot follow.
pub const REPORT_FORMAT: u32 = 1;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct LessonReport {
    pub format: u32,
    pub lesson: String,
    pub title: String,
    pub student: String,
    pub seed_code: String,
    pub seed: u64,
    /// Minutes spent, and the lesson's time budget.
    pub minutes: u32,
    pub time_budget: u32,
    pub parts: Vec<PartReport>,
    pub quiz: Vec<QuizResult>,
    pub objectives: Vec<ObjectiveResult>,
    pub score: u32,
    pub max_score: u32,
    /// Notes written to the guiding questions during play.
    pub notes: Vec<Note>,
    /// The debrief questions and the student's answers.
    pub debrief: Vec<Note>,
    pub comparisons: Vec<CompareRecord>,
    /// What the student did, to replay the runs when the report is loaded back.
    pub attempt: Attempt,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PartReport {
    pub level: String,
    pub name: String,
    pub role: String,
    pub role_name: String,
    pub finished: bool,
    pub turns: Vec<TurnChoice>,
    pub votes: Vec<VoteLine>,
    /// The outcome's id (`reversed`, ...), `None` when the crisis was not played to its end.
    pub outcome: Option<String>,
    pub outcome_text: String,
    /// Share of the contested ground the aggressor held at the end.
    pub control: f32,
    /// The same at the end of each turn: the timeline's line.
    #[serde(default)]
    pub control_by_turn: Vec<f32>,
    /// Why each mechanism worked or failed, as the debrief showed it: the top factors and their weights.
    pub explanations: Vec<ExplanationLine>,
    /// What happened in history (not the simulation).
    pub history: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct TurnChoice {
    pub turn: usize,
    pub date: String,
    pub orders: Vec<String>,
    pub strategies: Vec<Strategy>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct VoteLine {
    pub turn: usize,
    pub date: String,
    pub body: String,
    pub motion: String,
    pub proposer: String,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    pub absent: u32,
    pub adopted: bool,
    pub vetoed_by: Vec<String>,
    /// More for than against, lost because the body needed unanimity.
    pub blocked_by_unanimity: bool,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ExplanationLine {
    pub mechanism: String,
    pub succeeded: bool,
    pub decisive: Vec<String>,
    pub factors: Vec<(String, f32)>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct QuizResult {
    pub id: String,
    pub concept: String,
    pub question: String,
    pub answered: bool,
    pub answer: String,
    pub correct: bool,
    pub right_answer: String,
    pub points: u32,
    pub max_points: u32,
    /// A short answer, marked by keywords: the teacher reviews it.
    pub short: bool,
    pub explanation: String,
    /// The options in the order this student saw them.
    #[serde(default)]
    pub shown: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ObjectiveResult {
    pub id: String,
    pub text: String,
    pub badge: String,
    pub points: u32,
    pub met: bool,
    /// What in the runs or answers met it.
    pub evidence: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Note {
    pub question: String,
    pub answer: String,
}

impl LessonReport {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report serializes")
    }

    /// Reads a report; errors name the line and column.
    pub fn from_json(name: &str, text: &str) -> Result<LessonReport, String> {
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("{name}:{}:{}: error: not a report: {e}", e.line(), e.column()))?;
        match v.get("format").and_then(|f| f.as_u64()) {
            Some(f) if f == REPORT_FORMAT as u64 => {}
            Some(f) => return Err(format!("{name}:1:1: error: report format {f}; this game reads format {REPORT_FORMAT}")),
            None => return Err(format!("{name}:1:1: error: not a lesson report (no `format` field)")),
        }
        serde_json::from_str(text).map_err(|e| format!("{name}:{}:{}: error: {e}", e.line(), e.column()))
    }

    pub fn load(path: &Path) -> Result<LessonReport, String> {
        let text = crate::files::read_text(path).map_err(|e| format!("{}: error: cannot read: {e}", path.display()))?;
        Self::from_json(&path.display().to_string(), &text)
    }

    /// The file name both versions share: `lesson-student-seed`.
    pub fn file_stem(&self) -> String {
        let clean = |s: &str| {
            s.chars()
                .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
                .collect::<String>()
                .trim_matches('-')
                .to_string()
        };
        let student = clean(&self.student);
        format!("{}-{}-{}", self.lesson, if student.is_empty() { "student".into() } else { student }, clean(&self.seed_code))
    }

    /// The file of a part's timeline chart, beside the report.
    pub fn timeline_name(&self, p: &PartReport) -> String {
        format!("{}-{}.svg", self.file_stem(), p.level)
    }

    /// Writes `STEM.md` and `STEM.json` into `dir`, atomically, with each part's timeline as
    /// `STEM-LEVEL.svg`; returns the two paths.
    pub fn save(&self, dir: &Path) -> std::io::Result<(std::path::PathBuf, std::path::PathBuf)> {
        let stem = self.file_stem();
        let md = dir.join(format!("{stem}.md"));
        let json = dir.join(format!("{stem}.json"));
        write_atomic(&md, &self.to_markdown())?;
        write_atomic(&json, &self.to_json())?;
        for p in &self.parts {
            write_atomic(&dir.join(self.timeline_name(p)), &timeline_svg(p))?;
        }
        Ok((md, json))
    }

    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "# {} — report of {}\n", self.title, if self.student.is_empty() { "a student" } else { &self.student });
        let _ = writeln!(s, "- Lesson: `{}`", self.lesson);
        let _ = writeln!(s, "- Class seed: **{}** (number {})", self.seed_code, self.seed);
        let _ = writeln!(s, "- Time: {} of {} minutes", self.minutes, self.time_budget);
        let _ = writeln!(s, "- Score: **{} of {}**", self.score, self.max_score);
        let badges: Vec<&str> = self.objectives.iter().filter(|o| o.met).map(|o| o.badge.as_str()).collect();
        let _ = writeln!(s, "- Badges: {}\n", if badges.is_empty() { "none".to_string() } else { badges.join(", ") });
        for p in &self.parts {
            self.md_part(&mut s, p);
        }
        self.md_comparisons(&mut s);
        self.md_quiz(&mut s);
        self.md_objectives_notes_debrief(&mut s);
        s
    }

    /// A crisis of the lesson: the outcome, the choices turn by turn, the votes, the causes and history.
    fn md_part(&self, s: &mut String, p: &PartReport) {
        let _ = writeln!(s, "## {} — as {}\n", p.name, p.role_name);
        let _ = writeln!(
            s,
            "**Outcome (simulation):** {}. The aggressor held {:.0}% of the contested ground at the end.\n",
            p.outcome_text,
            p.control * 100.0
        );
        let _ = writeln!(s, "![The crisis turn by turn: the aggressor's hold and the votes]({})\n", self.timeline_name(p));
        let _ = writeln!(s, "### Choices, turn by turn\n");
        let _ = writeln!(s, "| turn | date | orders | strategy |");
        let _ = writeln!(s, "|---|---|---|---|");
        for t in &p.turns {
            let strat: Vec<&str> = t.strategies.iter().map(|x| x.id()).collect();
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                t.turn,
                t.date,
                if t.orders.is_empty() { "none".into() } else { t.orders.join("; ") },
                strat.join(", ")
            );
        }
        md_votes(s, p);
        if let Some(c) = self.attempt.causes.iter().rev().find(|c| c.level == p.level) {
            let _ = writeln!(s, "### Measured causes\n");
            let _ = writeln!(
                s,
                "Each cause was removed in turn and the same {} seeds played again with the student's orders; listed where the result changed by 5 points or more.\n",
                c.runs
            );
            for (result, found) in &c.causes {
                let _ = writeln!(s, "- **{result}**");
                for (label, effect) in found.iter().take(4) {
                    let _ = writeln!(s, "  - {:+.0} points: {label}", 100.0 * effect);
                }
            }
            let _ = writeln!(s);
        }
        let _ = writeln!(s, "### What the deciding states weighed\n");
        let _ = writeln!(
            s,
            "This run's own record: the factors of the states that decided each mechanism, with their weights. The measured causes above are what changed the result.\n"
        );
        for e in &p.explanations {
            let factors: Vec<String> = e.factors.iter().map(|(l, w)| format!("{l} {w:+.2}")).collect();
            let decided = if e.decisive.is_empty() { String::new() } else { format!(" Decided by {}.", e.decisive.join(", ")) };
            let _ =
                writeln!(s, "- **{}** — {}.{} {}", e.mechanism, if e.succeeded { "worked" } else { "failed" }, decided, factors.join("; "));
        }
        let _ = writeln!(s, "\n**History (not the simulation):** {}\n", p.history);
    }

    fn md_comparisons(&self, s: &mut String) {
        if !self.comparisons.is_empty() {
            let _ = writeln!(s, "## What-if comparisons\n");
            for c in &self.comparisons {
                let _ = writeln!(s, "{} from turn {}, {} runs per strategy:\n", c.level, c.from_turn + 1, c.runs);
                let _ = writeln!(s, "| strategy | {} |", crate::level::OutcomeKind::ids().collect::<Vec<_>>().join(" | "));
                let _ = writeln!(s, "|---|{}", "---|".repeat(5));
                for (strategy, shares) in &c.shares {
                    let cells: Vec<String> = crate::level::OutcomeKind::ids()
                        .map(|o| format!("{:.0}%", shares.get(o).copied().unwrap_or(0.0) * 100.0))
                        .collect();
                    let _ = writeln!(s, "| {strategy} | {} |", cells.join(" | "));
                }
                let _ = writeln!(s);
            }
        }
    }

    fn md_quiz(&self, s: &mut String) {
        let _ = writeln!(s, "## Quiz\n");
        for (i, q) in self.quiz.iter().enumerate() {
            let mark = if !q.answered {
                "not answered"
            } else if q.correct {
                "right"
            } else {
                "wrong"
            };
            let _ = writeln!(s, "{}. {} *({})*", i + 1, q.question, q.concept);
            let _ = writeln!(
                s,
                "   - Answer: {} — **{mark}**, {} of {} point(s){}",
                if q.answer.is_empty() { "—" } else { &q.answer },
                q.points,
                q.max_points,
                if q.short { " (marked by keywords; for the teacher to review)" } else { "" }
            );
            let _ = writeln!(s, "   - Right answer: {}", q.right_answer);
            let _ = writeln!(s, "   - Why: {}", q.explanation);
        }
    }

    fn md_objectives_notes_debrief(&self, s: &mut String) {
        let _ = writeln!(s, "\n## Objectives\n");
        for o in &self.objectives {
            let _ = writeln!(
                s,
                "- [{}] {} ({} point{}, badge “{}”){}",
                if o.met { "x" } else { " " },
                o.text,
                o.points,
                if o.points == 1 { "" } else { "s" },
                o.badge,
                if o.met { format!(": {}", o.evidence) } else { String::new() }
            );
        }
        if !self.notes.is_empty() {
            let _ = writeln!(s, "\n## Notes during play\n");
            for n in &self.notes {
                let _ = writeln!(s, "- *{}*\n  {}", n.question, n.answer);
            }
        }
        let _ = writeln!(s, "\n## Debrief\n");
        for n in &self.debrief {
            let _ = writeln!(s, "**{}**\n\n{}\n", n.question, if n.answer.trim().is_empty() { "(no answer)" } else { n.answer.trim() });
        }
    }
}

/// The votes of a crisis as a table.
fn md_votes(s: &mut String, p: &PartReport) {
    let _ = writeln!(s, "\n### Votes\n");
    if p.votes.is_empty() {
        let _ = writeln!(s, "No body voted.\n");
    } else {
        let _ = writeln!(s, "| date | body | motion | proposer | yes–no–abstain (absent) | result |");
        let _ = writeln!(s, "|---|---|---|---|---|---|");
        for v in &p.votes {
            let result = if v.adopted {
                "adopted".to_string()
            } else if !v.vetoed_by.is_empty() {
                format!("vetoed by {}", v.vetoed_by.join(", "))
            } else if v.blocked_by_unanimity {
                "failed: unanimity".into()
            } else {
                "not adopted".into()
            };
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {}–{}–{} ({}) | {} |",
                v.date, v.body, v.motion, v.proposer, v.yes, v.no, v.abstain, v.absent, result
            );
        }
        let _ = writeln!(s);
    }
}

pub use crate::files::write_atomic;

/// Where the game saves reports: `reports/` in the player's data folder.
pub fn reports_dir() -> std::path::PathBuf {
    crate::files::data_dir().map_or_else(|| "reports".into(), |d| d.join("reports"))
}

/// A part's timeline as SVG: the aggressor's hold on the contested ground turn by turn, the line at which it
/// prevails, and each vote as a marker (adopted, failed, vetoed) above its turn.
pub fn timeline_svg(p: &PartReport) -> String {
    let n = p.turns.len().max(p.control_by_turn.len()).max(1);
    let (w, left, top, plot_h) = (640.0, 40.0, 24.0, 140.0);
    let x = |t: usize| left + (w - left - 16.0) * (t as f64 + 0.5) / n as f64;
    let y = |v: f32| top + plot_h * (1.0 - f64::from(v.clamp(0.0, 1.0)));
    let mut s =
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"210\" font-family=\"sans-serif\" font-size=\"11\">\n");
    let _ =
        writeln!(s, "<rect x=\"{left}\" y=\"{top}\" width=\"{}\" height=\"{plot_h}\" fill=\"white\" stroke=\"#999\"/>", w - left - 16.0);
    let (right, prevail) = (w - 16.0, y(0.75));
    let _ =
        writeln!(s, "<line x1=\"{left}\" x2=\"{right}\" y1=\"{prevail}\" y2=\"{prevail}\" stroke=\"#D55E00\" stroke-dasharray=\"4 3\"/>");
    for v in [0.0f32, 0.75, 1.0] {
        let _ = writeln!(s, "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{:.0}%</text>", left - 4.0, y(v) + 4.0, v * 100.0);
    }
    let pts: Vec<String> = p.control_by_turn.iter().enumerate().map(|(t, c)| format!("{:.1},{:.1}", x(t), y(*c))).collect();
    let _ = writeln!(s, "<polyline fill=\"none\" stroke=\"#D55E00\" stroke-width=\"2.5\" points=\"{}\"/>", pts.join(" "));
    let mut seen = std::collections::BTreeMap::<usize, usize>::new();
    for v in &p.votes {
        let t = v.turn.saturating_sub(1);
        let k = seen.entry(t).or_default();
        let (mark, colour) = if v.adopted {
            ("✔", "#0072B2")
        } else if !v.vetoed_by.is_empty() {
            ("V", "#D55E00")
        } else {
            ("✖", "#E69F00")
        };
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{}\" fill=\"{colour}\" text-anchor=\"middle\">{mark}<title>{}: {}</title></text>",
            x(t) - 6.0 + 10.0 * *k as f64,
            top - 8.0,
            v.body,
            v.motion
        );
        *k += 1;
    }
    for (t, turn) in p.turns.iter().enumerate() {
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            x(t),
            top + plot_h + 16.0,
            &turn.date[..7.min(turn.date.len())]
        );
    }
    let _ =
        writeln!(s, "<text x=\"{left}\" y=\"200\">— the aggressor's hold (it prevails at 75 %) · ✔ adopted · ✖ failed · V vetoed</text>");
    s.push_str("</svg>\n");
    s
}
