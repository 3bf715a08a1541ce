//! The aggressor decides from the response it expects: attack or hold back (deterrence), proceed,
//! escalate, accept terms or withdraw; and whether to stay in an institution that condemned it.

use bevy::prelude::*;

use crate::level::{BlocKind, Measure};

use super::core::*;
use super::trace::{DecisionKind, Factor, FactorId as F, RunLog, score};

pub fn plugin(app: &mut App) {
    app.add_systems(Turn, (aggressor_decides, leave_institution).chain().in_set(TurnSystems::Aggressor));
}

/// Power each side can bring to the theatre now.
pub fn theatre_strength(crisis: &Crisis, mif: &MeasuresInForce, nations: &Query<NationQuery>) -> (f32, f32) {
    let side = |e: Entity, readiness: f32| nations.get(e).map(|n| n.2.cinc * projection(n.3.km_theatre, n.2.cinc) * readiness).unwrap_or(0.0);
    let allies: f32 = mif.aggressor_allies.iter().map(|(_, c)| c).sum();
    let a = side(crisis.aggressor, crisis.aggressor_readiness) * (1.0 - 0.5 * mif.pressure) + allies;
    let d = side(crisis.victim, crisis.victim_readiness);
    (a, d)
}

#[allow(clippy::too_many_arguments)]
fn aggressor_decides(
    level: Res<Level>,
    cal: Res<Calendar>,
    mif: Res<MeasuresInForce>,
    tension: Res<WorldTension>,
    mut log: ResMut<RunLog>,
    mut crisis: Single<&mut Crisis>,
    nations: Query<NationQuery>,
    blocs: Query<&Bloc>,
) {
    if crisis.settled.is_some() {
        return;
    }
    let date = level.0.turns[cal.turn].date;
    let (a, d) = theatre_strength(&crisis, &mif, &nations);
    let coalition = mif.coalition_in_theatre(cal.turn);
    // Pacts protecting the victim whose members have not yet fought: the response the aggressor expects.
    let pact: f32 = blocs
        .iter()
        .filter(|b| b.protects == Some(crisis.victim) || (b.kind == BlocKind::CollectiveDefence && b.members.contains(&crisis.victim)))
        .map(|b| {
            b.cohesion
                * b.members
                    .iter()
                    .filter(|m| **m != crisis.victim && !mif.in_coalition(**m))
                    .filter_map(|m| nations.get(*m).ok())
                    .map(|n| n.2.cinc * projection(n.3.km_theatre, n.2.cinc))
                    .sum::<f32>()
        })
        .sum();
    let condemned = mif.has(Measure::Condemn) || mif.has(Measure::NonRecognition);
    // Behind a consented peace force the question of staying or going is political: the balance of forces
    // and the ground held stop counting; appetite, pressure, condemnation and allies decide.
    let political = mif.peacekeepers;
    let mut f = vec![Factor::new(F::Appetite, crisis.appetite)];
    if !political {
        f.push(Factor::new(F::LocalBalance, (a - d) / (a + d).max(1e-6)));
    }
    if coalition > 0.0 {
        f.push(Factor::new(F::CoalitionInTheatre, -1.5 * coalition / (a + coalition).max(1e-6)));
    }
    if pact > 0.0 {
        f.push(Factor::new(F::BlocDeterrence, -1.5 * pact / (a + pact).max(1e-6)));
    }
    if mif.pressure > 0.0 {
        f.push(Factor::new(F::SanctionsPressure, -1.5 * mif.pressure));
    }
    f.extend(political_pressure(&log, &crisis, &nations));
    if crisis.losses.0 > 0.0 {
        let own = nations.get(crisis.aggressor).map(|n| n.2.cinc).unwrap_or(1.0);
        f.push(Factor::new(F::WarCosts, (-0.5 * crisis.losses.0 / own.max(1e-6)).max(-1.0)));
    }
    if mif.concessions > 0 {
        f.push(Factor::new(F::Concessions, 0.1 * mif.concessions as f32));
    }
    if crisis.attacked && crisis.control > 0.0 && !political {
        f.push(Factor::new(F::PrizeHeld, 0.3 * crisis.control));
    }
    if tension.arms_race > 0.0 {
        f.push(Factor::new(F::ArmsRace, -0.2 * tension.arms_race));
    }
    let s = score(&f);
    let mut choice = if !crisis.attacked {
        // Nothing left to fight for once the claim has been handed over.
        if s > 0.25 && crisis.control < 0.75 { AggressorChoice::Attack } else { AggressorChoice::Hold }
    } else if s > 1.0 {
        AggressorChoice::Escalate
    } else if s > 0.0 {
        AggressorChoice::Proceed
    } else if s > -0.6 {
        AggressorChoice::AcceptTerms
    } else {
        AggressorChoice::Withdraw
    };
    // Behind a consented peace force the choice is to stay where it stands or to go.
    if mif.peacekeepers && matches!(choice, AggressorChoice::Proceed | AggressorChoice::Escalate) {
        choice = AggressorChoice::AcceptTerms;
    }
    let id = nations.get(crisis.aggressor).map(|n| n.1.id.clone()).unwrap_or_default();
    log.decide(cal.turn, &id, DecisionKind::Aggressor { choice }, f);
    // A cease-fire takes two: the victim weighs the ground it would give up against the force behind it.
    if choice == AggressorChoice::AcceptTerms && !mif.peacekeepers {
        let own = nations.get(crisis.victim).map(|n| n.2.cinc).unwrap_or(1.0).max(1e-6);
        let g = vec![
            Factor::new(F::Consent, 0.3),
            Factor::new(F::PrizeHeld, -2.0 * crisis.control),
            Factor::new(F::CoalitionInTheatre, -coalition / (a + coalition).max(1e-6)),
            Factor::new(F::WarCosts, (0.5 * crisis.losses.1 / own).min(0.5)),
            Factor::new(F::Condemnation, if condemned { -0.2 } else { 0.0 }),
        ];
        let accepts = score(&g) > 0.0;
        let vid = nations.get(crisis.victim).map(|n| n.1.id.clone()).unwrap_or_default();
        log.decide(cal.turn, &vid, DecisionKind::Consent { given: accepts }, g);
        if !accepts {
            choice = AggressorChoice::Proceed;
            log.news(cal.turn, date, format!("{vid} rejects a cease-fire on the aggressor's terms; the fighting goes on"), false);
        }
    }
    match choice {
        AggressorChoice::Attack => {
            crisis.attacked = true;
            crisis.fighting = true;
            log.news(cal.turn, date, format!("{id} attacks in {}", crisis.theatre), false);
        }
        AggressorChoice::Hold => {}
        AggressorChoice::Proceed | AggressorChoice::Escalate => crisis.fighting = true,
        AggressorChoice::AcceptTerms if mif.peacekeepers => crisis.fighting = false,
        AggressorChoice::AcceptTerms => {
            crisis.fighting = false;
            crisis.settled = Some(choice);
            log.news(cal.turn, date, format!("{id} accepts a cease-fire where its forces stand"), false);
        }
        AggressorChoice::Withdraw => {
            crisis.fighting = false;
            crisis.settled = Some(choice);
            crisis.control = 0.0;
            log.news(cal.turn, date, format!("{id} withdraws its forces"), false);
        }
    }
    // Escalation throws in reserves, up to half again the forces it started with.
    if choice == AggressorChoice::Escalate {
        let cap = level.0.crisis.aggressor_readiness * 1.5;
        crisis.aggressor_readiness = (crisis.aggressor_readiness * 1.15).min(cap);
    }
}

/// An aggressor condemned by its own institution weighs leaving it (Japan, March 1933).
#[allow(clippy::too_many_arguments)]
fn leave_institution(
    mut commands: Commands,
    level: Res<Level>,
    cal: Res<Calendar>,
    cred: Res<Credibility>,
    mut mif: ResMut<MeasuresInForce>,
    mut log: ResMut<RunLog>,
    crisis: Single<&Crisis>,
    nations: Query<NationQuery>,
) {
    let condemned = mif.adopted.iter().any(|(_, m, t)| matches!(m, Measure::Condemn | Measure::NonRecognition) && *t == cal.turn);
    let Ok((e, n, _, int, member)) = nations.get(crisis.aggressor) else { return };
    if !condemned || !member || mif.aggressor_left {
        return;
    }
    let kind = level.0.institution.kind;
    let f = vec![
        Factor::new(F::Condemnation, 0.4),
        Factor::new(F::PrizeHeld, 0.4 * crisis.control),
        Factor::new(F::Appetite, 0.3 * crisis.appetite),
        Factor::new(F::FaithInInstitution, -int.commitment * cred.of(kind) * 1.5),
        // Many left the League; no state has left the UN for good (Indonesia came back within two years).
        Factor::new(F::Isolation, if kind == crate::level::InstitutionKind::UnitedNations { -0.8 } else { -0.1 }),
    ];
    let leaves = score(&f) > 0.5;
    log.decide(cal.turn, &n.id, DecisionKind::LeaveInstitution { leaves }, f);
    if leaves {
        mif.aggressor_left = true;
        commands.entity(e).remove::<Member>();
        let date = level.0.turns[cal.turn].date;
        log.news(cal.turn, date, format!("{} walks out and gives notice of leaving the {}", n.name, level.0.institution.name), false);
    }
}

/// What the world's verdict costs the aggressor: a condemnation, the wider the dearer and the more so for a
/// state that cares for the institution; and friends who vote against it, who weigh far more than enemies
/// (the United States at Suez). Used for its decisions to fight on and to consent to peacekeepers.
pub fn political_pressure(log: &RunLog, crisis: &Crisis, nations: &Query<NationQuery>) -> Vec<Factor> {
    let mut f = Vec::new();
    let condemned = log.votes.iter().any(|v| v.adopted && matches!(v.motion, Measure::Condemn | Measure::NonRecognition));
    if !condemned {
        return f;
    }
    let breadth = log
        .votes
        .iter()
        .filter(|v| v.adopted && matches!(v.motion, Measure::Condemn | Measure::NonRecognition))
        .map(|v| v.yes as f32 / (v.yes + v.no + v.abstain).max(1) as f32)
        .fold(0.0f32, f32::max);
    let care = nations.get(crisis.aggressor).map(|n| n.3.commitment).unwrap_or(0.0);
    f.push(Factor::new(F::Condemnation, -breadth * (0.1 + care)));
    let own = nations.get(crisis.aggressor).map(|n| n.2.cinc).unwrap_or(1.0).max(1e-6);
    let mut friends: Vec<&str> = Vec::new();
    for v in log.votes.iter().filter(|v| v.adopted && matches!(v.motion, Measure::Condemn | Measure::NonRecognition)) {
        for (id, b) in &v.ballots {
            if *b == crate::sim::trace::Ballot::Yes && !friends.contains(&id.as_str()) {
                friends.push(id.as_str());
            }
        }
    }
    let weight: f32 = nations
        .iter()
        .filter(|n| friends.contains(&n.1.id.as_str()) && n.3.ties_aggressor >= 0.3)
        .map(|n| n.3.ties_aggressor * (n.2.cinc / own).min(5.0) * 0.6)
        .sum();
    if weight > 0.0 {
        f.push(Factor::new(F::AlliesOppose, -weight.min(2.0)));
    }
    f
}
