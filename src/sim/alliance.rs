//! Alliance and balance of power: guarantees, blocs, rearmament and the arms race,
//! ad hoc coalitions that form late, and collective-defence blocs that protect only their members.

use bevy::prelude::*;

use crate::level::{BlocKind, Order};

use super::core::*;
use super::trace::RunLog;

pub fn plugin(app: &mut App) {
    app.add_systems(Turn, (apply_alliance_orders.in_set(TurnSystems::Orders), arms_race.in_set(TurnSystems::Diplomacy)));
}

/// Growth of a state's power from one turn of rearmament.
pub const REARM: f32 = 0.08;
/// Growth of the victim's readiness in the theatre from one turn of mobilisation, and its ceiling (times the level's).
pub const MOBILISE: f32 = 0.5;
pub const MOBILISE_CAP: f32 = 3.0;
/// Share of a supplier's power that its arms, money and intelligence add to the victim's forces.
pub const ARMS_SHARE: f32 = 0.1;

fn apply_alliance_orders(
    mut orders: MessageReader<OrderIssued>,
    mut commands: Commands,
    level: Res<Level>,
    cal: Res<Calendar>,
    mut crisis: Single<&mut Crisis>,
    mut caps: Query<&mut Capability>,
    mut blocs: Query<&mut Bloc>,
    mut tension: ResMut<WorldTension>,
    mut mif: ResMut<MeasuresInForce>,
    mut log: ResMut<RunLog>,
    names: Query<&Nation>,
    kms: Query<&Interests>,
    draws: Res<Draws>,
) {
    let date = level.0.turns[cal.turn].date;
    let orders: Vec<OrderIssued> = orders.read().cloned().collect();
    // Forces ordered with a request for the authority to use them wait on the institution's answer.
    let asks_authority = |e: Entity| orders.iter().any(|o| o.state == e && o.order.asks_authority_for_force());
    for o in &orders {
        // The victim fights with its own forces (`Rearm` mobilises them, `Intervene` sends an expedition to a
        // theatre far from home): it does not guarantee or arm itself.
        if o.state == crisis.victim && matches!(o.order, Order::Guarantee | Order::ArmVictim) {
            continue;
        }
        let who = names.get(o.state).map(|n| n.id.clone()).unwrap_or_default();
        let name = names.get(o.state).map(|n| n.name.to_string()).unwrap_or_default();
        match &o.order {
            Order::Rearm => {
                if let Ok(mut c) = caps.get_mut(o.state) {
                    c.cinc *= 1.0 + REARM;
                }
                if o.state == crisis.victim {
                    mobilise(&mut crisis, level.0.crisis.victim_readiness);
                }
                tension.arms_race = (tension.arms_race + 0.1).min(1.0);
                tension.tension = (tension.tension + 0.05).min(1.0);
                log.news(cal.turn, date, format!("{name} rearms"), false);
            }
            Order::Guarantee => {
                // The aggressor believes a guarantee as far as the guarantor's own interests back it; every
                // concession made before it cuts its credibility.
                let cohesion = kms.get(o.state).map_or(0.5, |i| guarantee_credibility(i, mif.concessions));
                commands.spawn(guarantee(&who, o.state, &crisis, cohesion));
                mif.guarantees.push((o.state, cal.turn));
                mif.crisis_guarantors.push(o.state);
                tension.tension = (tension.tension + 0.05).min(1.0);
                log.news(cal.turn, date, format!("{name} guarantees the victim's independence"), false);
            }
            Order::JoinBloc(id) => {
                for mut b in &mut blocs {
                    if &b.id == id && !b.members.contains(&o.state) {
                        b.members.push(o.state);
                        log.news(cal.turn, date, format!("{name} joins {}", b.name), false);
                    }
                }
            }
            // A government's order commits its forces, whoever gives it: the player, or a playable state as
            // history went. Other states decide for themselves.
            Order::Intervene if !mif.intervening.contains(&o.state) && asks_authority(o.state) && !mif.force_authorised => {
                mif.awaiting_authority.push(o.state);
            }
            Order::Intervene if !mif.intervening.contains(&o.state) => mif.intervening.push(o.state),
            Order::HoldAtTheLine if !mif.held_at_line.contains(&o.state) => {
                mif.held_at_line.push(o.state);
                log.news(cal.turn, date, format!("{name} orders its forces to stop at the line where the aggression began"), false);
            }
            Order::Blockade if level.0.crisis.landlocked => {
                log.news(cal.turn, date, format!("{name} has no sea route to close: {} is reached overland", crisis.theatre), false);
            }
            Order::Blockade if !mif.blockaders.contains(&o.state) => {
                mif.blockaders.push(o.state);
                tension.tension = (tension.tension + 0.05).min(1.0);
                log.news(cal.turn, date, format!("{name} closes the sea routes to {} to the aggressor", crisis.theatre), false);
            }
            Order::ArmVictim if !mif.arms.iter().any(|c| c.state == o.state) => {
                let cinc = caps.get(o.state).map(|c| c.cinc).unwrap_or(0.0) * ARMS_SHARE;
                let cinc = cinc * kms.get(o.state).map_or(1.0, super::interest::can_spare);
                let km = kms.get(o.state).map(|i| i.km_theatre).unwrap_or(0.0);
                let (sent, _) = turn_days(&level.0, cal.turn);
                mif.arms.push(Contingent::sent(o.state, cinc, sent, km, &draws));
                log.news(cal.turn, date, format!("{name} sends arms to the victim"), false);
            }
            _ => {}
        }
    }
}

/// A victim that rearms mobilises and resists in the theatre, up to `MOBILISE_CAP` times the level's readiness
/// (China's Northeastern Army withdrew under orders of non-resistance in 1931; Ukraine's forces in Crimea were
/// ordered not to fight).
fn mobilise(crisis: &mut Crisis, level_readiness: f32) {
    crisis.victim_readiness = (crisis.victim_readiness * (1.0 + MOBILISE)).min(level_readiness * MOBILISE_CAP);
}

/// A guarantee as a bloc of one: its giver pledged to the victim against the aggressor, wherever the crisis lies.
fn guarantee(who: &str, state: Entity, crisis: &Crisis, cohesion: f32) -> Bloc {
    Bloc {
        id: format!("guarantee_{who}"),
        name: format!("{who}'s guarantee"),
        kind: BlocKind::Guarantee,
        members: vec![state],
        protects: Some(crisis.victim),
        against: Some(crisis.aggressor),
        cohesion,
        area: vec![],
        after: None,
        in_region: true,
    }
}

/// Credibility of a guarantee from a state with no ties, stake or constraints.
pub const GUARANTEE_BASE: f32 = 0.3;

/// How far a guarantee is believed, 0.1 to 0.9: ties to the victim and a stake in the theatre back it;
/// friendship with the aggressor, domestic constraints and earlier concessions undermine it.
pub fn guarantee_credibility(i: &Interests, concessions: u32) -> f32 {
    let c = GUARANTEE_BASE + 0.5 * i.ties_victim - 0.5 * i.ties_aggressor.max(0.0) + 0.3 * i.interest
        - 0.2 * i.domestic
        - 0.1 * concessions as f32;
    c.clamp(0.1, 0.9)
}

/// An arms race feeds on itself: the aggressor matches rearmament by others.
fn arms_race(tension: Res<WorldTension>, crisis: Single<&Crisis>, mut caps: Query<&mut Capability>) {
    if tension.arms_race > 0.0
        && let Ok(mut c) = caps.get_mut(crisis.aggressor)
    {
        c.cinc *= 1.0 + REARM * tension.arms_race * 0.5;
    }
}

#[cfg(test)]
mod tests {
    use bevy::ecs::system::RunSystemOnce;

    use crate::level::{BlocKind, Order};
    use crate::sim::testing::{state, tiny};
    use crate::sim::{Bloc, MeasuresInForce, OrderIssued};

    /// The guarantees and arms in the world after `who` gives these orders.
    fn after(who: &str, orders: &[Order]) -> (usize, usize) {
        let mut sim = tiny();
        let e = state(&mut sim, who);
        let world = sim.world_mut();
        for o in orders {
            world.write_message(OrderIssued { state: e, order: o.clone() });
        }
        world.run_system_once(super::apply_alliance_orders).unwrap();
        world.flush();
        let mut blocs = world.query::<&Bloc>();
        let guarantees = blocs.iter(world).filter(|b| b.kind == BlocKind::Guarantee).count();
        (guarantees, world.resource::<MeasuresInForce>().arms.len())
    }

    #[test]
    fn in_an_arms_race_the_aggressor_matches_the_rearmament_of_others_and_without_one_it_does_not() {
        let cinc_after = |race: f32| {
            let mut sim = tiny();
            let agg = state(&mut sim, "AGG");
            let world = sim.world_mut();
            world.resource_mut::<crate::sim::WorldTension>().arms_race = race;
            world.run_system_once(super::arms_race).unwrap();
            world.get::<crate::sim::Capability>(agg).unwrap().cinc
        };
        assert_eq!(cinc_after(0.0), 0.01);
        assert!((cinc_after(1.0) - 0.01 * (1.0 + super::REARM * 0.5)).abs() < 1e-7);
    }

    #[test]
    fn a_third_state_can_guarantee_and_arm_the_victim_but_the_victim_cannot_guarantee_or_arm_itself() {
        assert_eq!(after("GRT", &[Order::Guarantee, Order::ArmVictim]), (1, 1));
        assert_eq!(after("VIC", &[Order::Guarantee, Order::ArmVictim]), (0, 0));
    }
}
