//! The play's journal in the game's log: when the first frame is drawn, then after each played turn one
//! line per vote held and one for the outcome. A teacher's console, a bug report, or the web page's test
//! can follow a game without the screen.

use bevy::prelude::*;

use super::state::TurnPlayed;
use crate::sim::RunLog;
use crate::sim::text::{body_name, measure_name, outcome_text};

pub fn plugin(app: &mut App) {
    app.init_resource::<Journaled>()
        .add_systems(Update, write_journal.in_set(super::GameSystems::Background))
        .add_systems(Last, first_frame);
}

fn first_frame(mut said: Local<bool>, time: Res<Time<Real>>) {
    if !*said {
        *said = true;
        info!("first frame, {:.0} ms after start", time.elapsed_secs_f64() * 1000.0);
    }
}

/// How many of the run's votes the journal has written, and whether it wrote the outcome.
#[derive(Resource, Default)]
struct Journaled {
    votes: usize,
    outcome: bool,
}

fn write_journal(mut played: MessageReader<TurnPlayed>, log: Option<Res<RunLog>>, mut done: ResMut<Journaled>) {
    if played.read().count() == 0 {
        return;
    }
    let Some(log) = log else { return };
    if log.votes.len() < done.votes || log.outcome.is_none() && done.outcome {
        // A new level or a replay began.
        *done = Journaled::default();
    }
    for v in &log.votes[done.votes..] {
        let verdict = if v.adopted {
            "adopted"
        } else if v.vetoed_by.is_empty() {
            "rejected"
        } else {
            "vetoed"
        };
        info!(
            "vote, {}: {} in the {}: {verdict} ({} yes, {} no, {} abstain, {} absent)",
            v.date,
            measure_name(v.motion),
            body_name(v.body),
            v.yes,
            v.no,
            v.abstain,
            v.absent
        );
    }
    done.votes = log.votes.len();
    if let (Some((o, _)), false) = (log.outcome, done.outcome) {
        info!("outcome: {}", outcome_text(o));
        done.outcome = true;
    }
}
