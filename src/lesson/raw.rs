//! The lesson format (`levels/lessons/*.ron`), as written by a teacher. Checked by `validate`, documented
//! by `collective-security docs` from these doc comments.

use serde::{Deserialize, Serialize};

use crate::level::{BodyKind, Measure, OutcomeKind};

/// A lesson: the crises a student plays in one class period, the questions asked on the way, a quiz, and
/// points for the objectives the student's own runs show were met.
#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "Lesson")]
pub struct RawLesson {
    /// Title shown in the lesson menu and on every report.
    pub title: String,
    /// What the lesson is about, for the teacher and the student, in a paragraph.
    pub summary: String,
    /// Minutes the whole lesson is meant to take, quiz included: a class period, 30 to 45 (outside that, a warning).
    pub minutes: u32,
    /// The seed suggested for the whole class, a number or a short code, written `Some("LEAGUE31")`; the teacher may give another.
    #[serde(default)]
    pub seed: Option<String>,
    /// What the student should be able to do or explain by the end, each worth points when met.
    pub objectives: Vec<RawObjective>,
    /// The crises played, in order, each with the state the student leads.
    pub parts: Vec<RawPart>,
    /// Questions shown during play, each at its moment.
    #[serde(default)]
    pub guiding: Vec<RawGuiding>,
    /// The quiz after the crises.
    pub quiz: Vec<RawQuestion>,
    /// Questions for the debrief, answered in writing in the report.
    #[serde(default)]
    pub debrief: Vec<String>,
}

/// One crisis of a lesson.
#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "Part")]
pub struct RawPart {
    /// The level's id: a file stem in `levels/`.
    pub level: String,
    /// The state the student leads: a state id of that level with a `playable` entry.
    pub role: String,
    /// Minutes for this part, within the lesson's.
    pub minutes: u32,
}

/// A learning objective and what in the student's runs shows it was met.
#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "Objective")]
pub struct RawObjective {
    /// Unique within the lesson; reports and the class summary use it.
    pub id: String,
    /// The objective as the student reads it.
    pub text: String,
    /// Points awarded when it is met.
    pub points: u32,
    /// The badge's name, shown when it is met.
    pub badge: String,
    /// What meets it: read from the student's own runs and answers, never scripted.
    pub when: Condition,
}

/// What meets an objective.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum Condition {
    /// The student gave at least one order of this strategy in any part.
    Used(Strategy),
    /// The student tabled this measure in any body.
    Tabled(Measure),
    /// A motion in one of the lesson's crises fell to a veto.
    SawVeto,
    /// A motion with more votes for than against fell because the body required unanimity.
    SawUnanimityBlock,
    /// A motion was adopted in this body.
    SawAdopted(BodyKind),
    /// This part's crisis (a level id of the lesson) ended in one of these outcomes.
    Ended(String, Vec<OutcomeKind>),
    /// Every quiz question that tests this concept was answered correctly.
    Mastered(String),
    /// The student compared the three strategies over many seeds (the what-if comparison).
    Compared,
    /// The student wrote an answer to every debrief question.
    Reflected,
    /// The student played every part to its end.
    Finished,
}

/// The three strategies the game offers.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Strategy {
    /// Concede or mediate.
    Appeasement,
    /// Guarantee, rearm, join a bloc, send forces without an institution's authority.
    Alliance,
    /// Propose measures to the institution, apply sanctions, fight under its authority.
    Collective,
}

/// A question shown during play, to think about before deciding.
#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "Guiding")]
pub struct RawGuiding {
    /// The part's level id.
    pub level: String,
    /// When it appears.
    pub at: Moment,
    /// The question.
    pub text: String,
}

/// When a guiding question appears.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moment {
    /// On the briefing, before the first turn.
    Briefing,
    /// When the orders of this turn (counted from 1) are given.
    Turn(u32),
    /// After the first vote of the crisis.
    FirstVote,
    /// On the crisis's debrief.
    Debrief,
}

/// A quiz question.
#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "Question")]
pub struct RawQuestion {
    /// Unique within the lesson; the class summary counts answers by it.
    pub id: String,
    /// The concept it tests (`unanimity`, `veto`, ...); the class summary groups results by it.
    pub concept: String,
    /// The question.
    pub text: String,
    /// The kind of answer and what counts as right.
    pub answer: Answer,
    /// Shown once the student has answered: why the right answer is right.
    pub explanation: String,
    /// Points for a right answer.
    #[serde(default = "one")]
    pub points: u32,
}

fn one() -> u32 {
    1
}

/// How a quiz question is answered.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub enum Answer {
    /// Multiple choice: the options, and the position (from 0) of the right one.
    Choice(Vec<String>, usize),
    /// Short answer: right when it contains a word from every group (a keyword of four letters or more also matches words it begins, `veto` matches `vetoed`; shorter ones match whole words only); the model answer is shown after. The teacher reviews it.
    Short(Vec<Vec<String>>, String),
}
