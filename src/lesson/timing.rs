//! How long a lesson takes: what a student reads at `WORDS_PER_MINUTE`, the turns played, the quiz and the
//! debrief. `check` prints the estimate and warns when it exceeds the lesson's stated minutes.

use super::LessonDef;
use super::raw::Answer;
use crate::level::Diagnostic;

/// Reading speed of a secondary-school student reading for understanding (150 words a minute, the figure the
/// issue of honest timing sets; silent reading of informational text by teenagers is usually put at 150 to 200).
pub const WORDS_PER_MINUTE: f32 = 150.0;
/// Seconds a turn takes beyond its reading: choosing orders, watching the vote, looking at the map. The
/// author's judgement from playing the shipped levels at a student's pace; change it here if a class is slower.
pub const SECONDS_PER_TURN: f32 = 45.0;
/// Seconds to answer a quiz question once it is read; a short answer is written, so it takes longer.
pub const SECONDS_PER_CHOICE: f32 = 15.0;
pub const SECONDS_PER_SHORT: f32 = 60.0;
/// Minutes to answer one debrief question in writing.
pub const MINUTES_PER_DEBRIEF: f32 = 2.0;

/// A lesson's estimated minutes, by activity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub reading: f32,
    pub playing: f32,
    pub quiz: f32,
    pub debrief: f32,
}

impl Estimate {
    pub fn total(&self) -> f32 {
        self.reading + self.playing + self.quiz + self.debrief
    }

    /// One line for `check`.
    pub fn line(&self, stated: u32) -> String {
        format!(
            "estimated {:.0} of {stated} minutes: reading {:.0}, playing {:.0}, quiz {:.0}, debrief {:.0}",
            self.total(),
            self.reading,
            self.playing,
            self.quiz,
            self.debrief
        )
    }
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// What the student reads: the lesson, each part's level and role, the history shown in the debrief, the
/// guiding questions and the quiz with its explanations.
fn words_read(l: &LessonDef) -> usize {
    let mut n = words(&l.summary) + l.objectives.iter().map(|o| words(&o.text)).sum::<usize>();
    for p in &l.parts {
        let role = p.level.playable.iter().find(|x| x.state == p.role).map_or(0, |x| words(&x.role));
        let labels: usize = p.level.turns.iter().map(|t| words(&t.label)).sum();
        n += words(&p.level.summary) + role + labels + words(&p.level.history.summary);
    }
    n += l.guiding.iter().map(|g| words(&g.text)).sum::<usize>();
    for q in &l.quiz {
        n += words(&q.text) + words(&q.explanation);
        n += match &q.answer {
            Answer::Choice(options, _) => options.iter().map(|o| words(o)).sum(),
            Answer::Short(_, model) => words(model),
        };
    }
    n + l.debrief.iter().map(|d| words(d)).sum::<usize>()
}

/// The estimate for a lesson.
pub fn estimate(l: &LessonDef) -> Estimate {
    let turns: usize = l.parts.iter().map(|p| p.level.turns.len()).sum();
    let answering: f32 =
        l.quiz.iter().map(|q| if matches!(q.answer, Answer::Choice(..)) { SECONDS_PER_CHOICE } else { SECONDS_PER_SHORT }).sum();
    Estimate {
        reading: words_read(l) as f32 / WORDS_PER_MINUTE,
        playing: turns as f32 * SECONDS_PER_TURN / 60.0,
        quiz: answering / 60.0,
        debrief: l.debrief.len() as f32 * MINUTES_PER_DEBRIEF,
    }
}

/// A warning when the estimate exceeds the lesson's stated minutes.
pub fn over_time(l: &LessonDef) -> Option<Diagnostic> {
    let e = estimate(l);
    (e.total() > l.minutes as f32)
        .then(|| Diagnostic::warning("minutes", format!("the lesson is likely to overrun: {}", e.line(l.minutes))))
}
