//! The channels through which every mechanism reaches the aggressor, recorded at the end of each turn:
//! forces in the theatre and on their way, pacts, sanctions and their leaks, the blockade, arms, trust and
//! appetite. The JSON report carries them and the panels draw them, so a player can see why it went on or
//! stopped.

use bevy::prelude::*;

use super::aggressor::{doubt, pact_threat, theatre_strength, verdict_threat};
use super::conflict::advance;
use super::core::*;
use super::trace::{Channels, DecisionKind, RunLog, keeps_whole_log};

pub fn plugin(app: &mut App) {
    app.add_systems(Turn, record_channels.run_if(keeps_whole_log).in_set(TurnSystems::Outcome).before(advance));
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
    let (start, day) = turn_days(&level.0, cal.turn);
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
        pact_threat: r4(pact_threat(&crisis, &mif, day, &blocs, &nations)),
        verdict_threat: r4(verdict_threat(
            &crisis,
            &mif,
            cred.of(level.0.institution.kind),
            1.0 - doubt(&crisis, &draws, &log),
            a,
            &nations,
        )),
        arms_arrived: r4(mif.arms_arrived(day)),
        sanctions_pressure: r4(mif.pressure),
        sanctions_leakage: r4(trace.map_or(0.0, |t| t.leakage)),
        sanctions_cost: r4(trace.map_or(0.0, |t| t.costs.iter().map(|c| c.1).sum())),
        fuel_denied: r4(mif.fuel_denied),
        blockade: r4(mif.blockade),
        terms: r4(mif.terms),
        credibility: r4(cred.of(level.0.institution.kind)),
        commitment: r4(blocs.iter().filter(|b| b.covers(crisis.victim, crisis.aggressor)).map(|b| b.cohesion).fold(0.0, f32::max)),
        resolve: r4((crisis.appetite + draws.resolve).clamp(0.0, 1.0)),
        doubt: r4(doubt(&crisis, &draws, &log)),
        control: r4(crisis.control),
        season_pace: r4(super::conflict::season_pace(&level.0.crisis.seasons, start, day).0),
        campaign_fortune: r4(super::conflict::campaign_fortune(&draws)),
        choice,
    };
    log.channels.push(c);
}

/// Rounded to four places, and never a negative zero.
fn r4(x: f32) -> f32 {
    (x * 10_000.0).round() / 10_000.0 + 0.0
}

#[cfg(test)]
mod tests {
    use bevy::ecs::system::RunSystemOnce;

    use crate::sim::testing::tiny;
    use crate::sim::{Crisis, MeasuresInForce, RunLog};

    #[test]
    fn each_turn_records_what_reaches_the_aggressor_as_the_report_shows_it() {
        let mut sim = tiny();
        let world = sim.world_mut();
        world.resource_mut::<MeasuresInForce>().pressure = 0.25;
        let mut draws = world.resource_mut::<crate::sim::core::Draws>();
        (draws.fortune_aggressor, draws.fortune_victim) = (1.2, 0.8);
        world.run_system_once(super::record_channels).unwrap();
        let log = world.resource::<RunLog>();
        assert_eq!(log.channels.len(), 1);
        let c = &log.channels[0];
        assert_eq!((c.turn, c.control, c.sanctions_pressure, c.season_pace), (0, 0.3, 0.25, 1.0));
        assert!(c.aggressor_forces > 0.0 && c.victim_forces > 0.0, "both sides have forces in the theatre");
        assert_eq!(c.campaign_fortune, 1.5, "the aggressor's fortune over the victim's");
    }

    #[test]
    fn a_many_run_comparison_keeps_no_channels() {
        let turn = |lean: bool| {
            let mut sim = tiny();
            sim.set_lean(lean);
            let world = sim.world_mut();
            world.query::<&mut Crisis>().single_mut(world).unwrap().fighting = true;
            sim.step();
            sim.log().channels.len()
        };
        assert_eq!((turn(true), turn(false)), (0, 1), "a turn played leanly records no channels; a full one records its turn");
    }
}
