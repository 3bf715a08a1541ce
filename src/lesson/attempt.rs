//! What a student did in a lesson: enough to rebuild the report and to replay every part. Plain records,
//! read by the report (`report.rs`) and built into one by replaying them (`play.rs`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::level::Order;
use crate::sim::text;

/// Everything a student did: enough to rebuild the report and to replay every part.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Attempt {
    /// The lesson's id (its file stem).
    pub lesson: String,
    pub student: String,
    /// The seed as the teacher gave it: a number or a short code.
    pub seed_code: String,
    pub seed: u64,
    /// The orders given, turn by turn, in each part played (in the lesson's order).
    pub parts: Vec<Vec<Vec<Order>>>,
    /// Quiz answers by question id.
    pub quiz: BTreeMap<String, QuizAnswer>,
    /// Notes written to guiding questions, by the question's position in the lesson.
    pub notes: BTreeMap<usize, String>,
    /// Answers to the debrief questions, in order.
    pub debrief: Vec<String>,
    /// What-if comparisons the student ran.
    pub comparisons: Vec<CompareRecord>,
    /// The causes measured in each part's debrief.
    #[serde(default)]
    pub causes: Vec<CauseRecord>,
    /// Minutes spent, as the game's clock measured them.
    pub minutes: u32,
}

/// An answer to a quiz question.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum QuizAnswer {
    /// The position of the option chosen.
    Choice(usize),
    Text(String),
}

/// A what-if comparison: outcome shares by strategy from a point of a crisis.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CompareRecord {
    pub level: String,
    /// Turns already played when the comparison was run (0: from the start).
    pub from_turn: usize,
    pub runs: usize,
    /// Strategy → outcome id → share of runs.
    pub shares: BTreeMap<String, BTreeMap<String, f64>>,
    /// Strategy → the factors that most often decided the aggressor's last choice, with counts.
    pub deciding: BTreeMap<String, Vec<(String, usize)>>,
}

/// The causes measured at the end of one part: each result with the causes whose removal changed it.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct CauseRecord {
    pub level: String,
    /// Seeds over which each cause was removed.
    pub runs: usize,
    /// Result explained (an outcome or a mechanism, in words) → the measured causes' sentences and effects.
    pub causes: Vec<(String, Vec<(String, f64)>)>,
}

impl CauseRecord {
    /// Groups measured causes by the result they explain, in their order.
    pub fn new(level: &str, runs: usize, causes: &[crate::sim::cause::MeasuredCause]) -> CauseRecord {
        let mut out: Vec<(String, Vec<(String, f64)>)> = Vec::new();
        for c in causes {
            let title = text::mechanism_title(c.mechanism);
            if out.last().is_none_or(|l| l.0 != title) {
                out.push((title, vec![]));
            }
            if let Some(l) = out.last_mut() {
                l.1.push((c.label.clone(), c.effect));
            }
        }
        CauseRecord { level: level.to_string(), runs, causes: out }
    }
}
