//! Appeasement: concessions buy time and lower tension now, but feed the aggressor's appetite and power
//! and cut the credibility of every commitment made afterwards.

use bevy::prelude::*;

use crate::level::Order;

use super::core::*;
use super::trace::RunLog;

pub fn plugin(app: &mut App) {
    app.add_systems(Turn, apply_concessions.in_set(TurnSystems::Orders));
}

/// How much one concession changes things (the ground handed over is the level's `concession`).
pub const CONCESSION_APPETITE: f32 = 0.12;
pub const CONCESSION_POWER: f32 = 0.05;
pub const CONCESSION_CREDIBILITY: f32 = 0.08;
pub const CONCESSION_TENSION: f32 = 0.08;
/// The standing of a mediator as strong as the aggressor and not hostile to it: the way out its good offices
/// offer an aggressor at war (Kyle Beardsley, *The Mediation Dilemma*, 2011: mediation makes agreements more
/// likely, the more so the more leverage the mediator has).
pub const MEDIATION: f32 = 0.25;
/// The standing of a victim's own offer of peace on the ground it concedes, once the war is under way (Finland
/// at Moscow, March 1940).
pub const VICTIM_TERMS: f32 = 0.4;

/// A mediator's standing with the aggressor: `MEDIATION` times the square root of its power over the
/// aggressor's (up to 1), less as far as it is hostile to the aggressor (a mediator the aggressor sees as its
/// enemy's friend offers it no way out it trusts).
pub fn mediation_standing(cinc: f32, aggressor_cinc: f32, ties_aggressor: f32) -> f32 {
    MEDIATION * (cinc / aggressor_cinc.max(1e-6)).min(1.0).sqrt() * (1.0 + ties_aggressor.min(0.0))
}

/// How much of the claim a third state's concession can hand over: as much as the victim depends on it, its
/// ties to the victim and its stake in the theatre (France, Czechoslovakia's ally, could abandon it at Munich;
/// a distant state's recognition hands over nothing). The victim's own concession hands over the full share.
pub fn leverage(i: &Interests) -> f32 {
    (i.ties_victim.max(0.0) + i.interest).clamp(0.0, 1.0)
}

fn apply_concessions(
    mut orders: MessageReader<OrderIssued>,
    level: Res<Level>,
    cal: Res<Calendar>,
    mut crisis: Single<&mut Crisis>,
    mut caps: Query<&mut Capability>,
    mut blocs: Query<&mut Bloc>,
    mut tension: ResMut<WorldTension>,
    mut cred: ResMut<Credibility>,
    mut mif: ResMut<MeasuresInForce>,
    mut log: ResMut<RunLog>,
    interests: Query<&Interests>,
    names: Query<&Nation>,
) {
    let date = level.0.turns[cal.turn].date;
    // Concessions made in the same turn are one settlement (the Hoare–Laval plan was Britain's and France's;
    // Munich, four powers'): it hands over the claim once, with the leverage of the state that has most.
    let (before, mut most) = (crisis.control, 0.0f32);
    for o in orders.read() {
        let name = || names.get(o.state).map(|n| n.name.to_string()).unwrap_or_default();
        match o.order {
            // An aggressor that holds all it means to take is offered nothing by a concession: it asks no more.
            Order::Concede if super::aggressor::aim_held(&crisis) => {
                log.news(
                    cal.turn,
                    date,
                    format!("{} has nothing left to concede: the aggressor holds all it means to take", name()),
                    false,
                );
            }
            Order::Concede => {
                mif.concessions += 1;
                let leverage = if o.state == crisis.victim { 1.0 } else { interests.get(o.state).map_or(0.0, leverage) };
                most = most.max(leverage);
                // No one hands over more than the aggressor means to take (its `aim`; one that holds it already is
                // offered nothing, above).
                crisis.control = crisis.control.max((before + crisis.concession * most).min(crisis.aim));
                crisis.appetite = (crisis.appetite + CONCESSION_APPETITE).min(1.0);
                if let Ok(mut c) = caps.get_mut(crisis.aggressor) {
                    c.cinc *= 1.0 + CONCESSION_POWER;
                }
                tension.tension = (tension.tension - CONCESSION_TENSION).max(0.0);
                let k = level.0.institution.kind;
                *cred.of_mut(k) = (cred.of(k) - CONCESSION_CREDIBILITY).max(0.0);
                for mut b in &mut blocs {
                    b.cohesion = (b.cohesion - CONCESSION_CREDIBILITY).max(0.0);
                }
                log.news(cal.turn, date, format!("{} concedes part of the aggressor's claim to keep the peace", name()), false);
                // At war, the victim's concession is an offer of peace on that ground.
                if o.state == crisis.victim && crisis.attacked && crisis.settled.is_none() {
                    mif.terms = mif.terms.max(VICTIM_TERMS);
                    mif.offered_line = Some(mif.offered_line.unwrap_or(0.0).max(crisis.control));
                }
            }
            Order::Mediate => {
                tension.tension = (tension.tension - CONCESSION_TENSION / 2.0).max(0.0);
                crisis.appetite = (crisis.appetite + CONCESSION_APPETITE / 3.0).min(1.0);
                log.news(cal.turn, date, format!("{} offers to mediate between the parties", name()), false);
                let party = o.state == crisis.victim || o.state == crisis.aggressor;
                if crisis.attacked && !party {
                    let cinc = |e| caps.get(e).map_or(0.0, |c| c.cinc);
                    let ties = interests.get(o.state).map_or(0.0, |i| i.ties_aggressor);
                    mif.terms = mif.terms.max(mediation_standing(cinc(o.state), cinc(crisis.aggressor), ties));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use bevy::ecs::system::RunSystemOnce;

    use crate::level::{InstitutionKind, Order};
    use crate::sim::testing::{state, tiny};
    use crate::sim::{Credibility, Crisis, OrderIssued};

    /// The crisis and the institution's trust before and after these states concede in one turn.
    fn concede(by: &[&str]) -> ((Crisis, f32), (Crisis, f32)) {
        concede_to_an_aim(by, 1.0)
    }

    /// The same, to an aggressor that means to take `aim` of its claim.
    fn concede_to_an_aim(by: &[&str], aim: f32) -> ((Crisis, f32), (Crisis, f32)) {
        let mut sim = tiny();
        let states: Vec<_> = by.iter().map(|id| state(&mut sim, id)).collect();
        let world = sim.world_mut();
        world.query::<&mut Crisis>().single_mut(world).unwrap().aim = aim;
        let read = |world: &mut bevy::prelude::World| {
            let crisis = world.query::<&Crisis>().single(world).unwrap().clone();
            (crisis, world.resource::<Credibility>().of(InstitutionKind::UnitedNations))
        };
        let before = read(world);
        for s in states {
            world.write_message(OrderIssued { state: s, order: Order::Concede });
        }
        world.run_system_once(super::apply_concessions).unwrap();
        (before, read(world))
    }

    #[test]
    fn no_one_hands_an_aggressor_more_than_it_means_to_take_nor_feeds_it_once_it_holds_that() {
        // An aim it already holds (none of the claim beyond what it has).
        let ((before, _), (after, _)) = concede_to_an_aim(&["VIC"], 0.0);
        assert!((after.control - before.control).abs() < 1e-6, "nothing handed over");
        assert_eq!((after.appetite, after.concession), (before.appetite, before.concession), "nothing conceded, nothing fed");
        let aim = before.control + 0.5 * before.concession;
        let ((_, _), (short, _)) = concede_to_an_aim(&["VIC"], aim);
        assert!((short.control - aim).abs() < 1e-6, "handed its aim and no more: {} for {aim}", short.control);
    }

    #[test]
    fn a_victim_that_concedes_at_war_offers_peace_on_that_ground_and_one_before_the_war_offers_none() {
        let offered = |at_war: bool| {
            let mut sim = tiny();
            let vic = state(&mut sim, "VIC");
            let world = sim.world_mut();
            world.query::<&mut Crisis>().single_mut(world).unwrap().attacked = at_war;
            world.write_message(OrderIssued { state: vic, order: Order::Concede });
            world.run_system_once(super::apply_concessions).unwrap();
            let mif = world.resource::<crate::sim::MeasuresInForce>();
            (mif.terms, mif.offered_line.is_some())
        };
        assert_eq!(offered(true), (super::VICTIM_TERMS, true), "Finland at Moscow, March 1940");
        assert_eq!(offered(false), (0.0, false), "before a shot, a concession is appeasement, not terms of peace");
    }

    #[test]
    fn a_mediator_weighs_by_its_power_beside_the_aggressors_and_not_at_all_if_it_is_its_enemy() {
        let great = super::mediation_standing(0.2, 0.01, 0.0);
        assert_eq!(great, super::MEDIATION, "a great power not hostile to the aggressor: full standing");
        let small = super::mediation_standing(0.0025, 0.01, 0.0);
        assert!((small - super::MEDIATION / 2.0).abs() < 1e-6, "a quarter of its power, half the standing: {small}");
        assert_eq!(super::mediation_standing(0.2, 0.01, -1.0), 0.0, "its enemy's friend offers it no way out");
    }

    #[test]
    fn a_concession_hands_over_ground_feeds_the_appetite_and_costs_the_institution_trust() {
        let ((before, trust), (after, now)) = concede(&["VIC"]);
        assert!((after.control - before.control - before.concession).abs() < 1e-6, "the victim hands over the level's share");
        assert!((after.appetite - before.appetite - super::CONCESSION_APPETITE).abs() < 1e-6);
        assert!((trust - now - super::CONCESSION_CREDIBILITY).abs() < 1e-6, "trust {trust} → {now}");
    }

    #[test]
    fn two_states_conceding_in_the_same_turn_hand_over_the_claim_once_but_each_pays_for_it() {
        // The victim and a great power with full leverage over it (ties 0.6 and a stake of 0.5).
        let ((before, trust), (after, now)) = concede(&["VIC", "GRT"]);
        let handed = after.control - before.control;
        assert!((handed - before.concession).abs() < 1e-6, "one settlement hands over {}, not {handed}", before.concession);
        assert!((after.appetite - before.appetite - 2.0 * super::CONCESSION_APPETITE).abs() < 1e-6, "each concession feeds the appetite");
        assert!((trust - now - 2.0 * super::CONCESSION_CREDIBILITY).abs() < 1e-6, "each costs trust: {trust} → {now}");
    }
}
