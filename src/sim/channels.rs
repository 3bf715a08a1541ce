//! The channels through which every mechanism reaches the aggressor, recorded at the end of each turn:
//! forces in the theatre and on their way, pacts, sanctions and their leaks, the blockade, arms, trust and
//! appetite. The JSON report carries them and the panels draw them, so a player can see why it went on or
//! stopped.

use bevy::prelude::*;
use serde::Serialize;

use super::aggressor::{doubt, pact_threat, theatre_strength};
use super::conflict::advance;
use super::core::*;
use super::trace::{DecisionKind, RunLog};

pub fn plugin(app: &mut App) {
    app.add_systems(Turn, record_channels.in_set(TurnSystems::Outcome).before(advance));
}

/// The state of each channel at the end of one turn. Power is in CINC as it counts in the theatre.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Channels {
    pub turn: usize,
    /// The aggressor's forces in the theatre, after sanctions and blockade, with its friends'.
    pub aggressor_forces: f32,
    /// The victim's forces, with the arms that reached it.
    pub victim_forces: f32,
    /// Forces of others fighting for the victim that have arrived.
    pub coalition_in_theatre: f32,
    /// Forces sent that are still on their way.
    pub coalition_on_the_way: f32,
    /// What pacts and guarantees of the victim threaten, weighed by their cohesion.
    pub pact_threat: f32,
    /// Arms sent to the victim that have arrived.
    pub arms_arrived: f32,
    /// Sanctions pressure on the aggressor, 0 to 1.
    pub sanctions_pressure: f32,
    /// Share of the sanctions' cut that leaks through those who do not apply them.
    pub sanctions_leakage: f32,
    /// What the sanctions cost those who apply them (shares of the aggressor's trade given up).
    pub sanctions_cost: f32,
    /// Share of the aggressor's fuel an oil embargo denies it.
    pub fuel_denied: f32,
    /// Share of the aggressor's supply to the theatre the blockade cuts.
    pub blockade: f32,
    /// The institution's credibility.
    pub credibility: f32,
    /// How firmly the pacts covering the victim are held (the strongest), 0 if none.
    pub commitment: f32,
    /// The aggressor's appetite, with this run's draw of its resolve.
    pub resolve: f32,
    /// How far the aggressor discounts the forces sent against it, doubting they will fight (0 once they
    /// have thrown it back).
    pub doubt: f32,
    /// Share of the contested ground the aggressor holds.
    pub control: f32,
    /// What the aggressor decided this turn, if it decided.
    pub choice: Option<AggressorChoice>,
}

fn record_channels(
    level: Res<Level>,
    cal: Res<Calendar>,
    cred: Res<Credibility>,
    draws: Res<Draws>,
    mif: Res<MeasuresInForce>,
    mut log: ResMut<RunLog>,
    crisis: Single<&Crisis>,
    nations: Query<NationQuery>,
    blocs: Query<&Bloc>,
) {
    if log.lean {
        return;
    }
    let (_, day) = turn_days(&level.0, cal.turn);
    let (a, d) = theatre_strength(&crisis, &mif, &draws, day, &nations);
    let choice = log.decisions.iter().rev().take_while(|d| d.turn == cal.turn).find_map(|d| match d.decision {
        DecisionKind::Aggressor { choice } => Some(choice),
        _ => None,
    });
    let trace = mif.sanctions_trace.as_ref();
    let c = Channels {
        turn: cal.turn,
        aggressor_forces: r4(a),
        victim_forces: r4(d),
        coalition_in_theatre: r4(mif.coalition_in_theatre(day)),
        coalition_on_the_way: r4(mif.coalition_on_way(day)),
        pact_threat: r4(pact_threat(&crisis, &mif, &blocs, &nations)),
        arms_arrived: r4(mif.arms_arrived(day)),
        sanctions_pressure: r4(mif.pressure),
        sanctions_leakage: r4(trace.map_or(0.0, |t| t.leakage)),
        sanctions_cost: r4(trace.map_or(0.0, |t| t.costs.iter().map(|c| c.1).sum())),
        fuel_denied: r4(mif.fuel_denied),
        blockade: r4(mif.blockade),
        credibility: r4(cred.of(level.0.institution.kind)),
        commitment: r4(blocs.iter().filter(|b| b.covers(crisis.victim, crisis.aggressor)).map(|b| b.cohesion).fold(0.0, f32::max)),
        resolve: r4((crisis.appetite + draws.resolve).clamp(0.0, 1.0)),
        doubt: r4(doubt(&crisis, &draws, &log)),
        control: r4(crisis.control),
        choice,
    };
    log.channels.push(c);
}

/// Rounded to four places, and never a negative zero.
fn r4(x: f32) -> f32 {
    (x * 10_000.0).round() / 10_000.0 + 0.0
}
