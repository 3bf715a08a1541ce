//! Strategies that give the player's orders in headless runs: appease, alliance, collective action, or history's own.

use bevy::prelude::*;

use crate::level::{LevelDef, Measure, Order};

use super::core::*;
use super::institution::next_motion;
use super::intervention::Intervention;
use super::trace::{DecisionKind, RunLog};

pub fn plugin(app: &mut App) {
    app.add_systems(
        Turn,
        ((plan_orders, victim_mobilises_as_recorded).chain().in_set(TurnSystems::Plan), record_player_orders.in_set(TurnSystems::Orders)),
    );
}

/// A victim that the player does not lead mobilises when its record says it did, whoever the player leads and
/// whether a strategy or a person gives the player's orders: no third state's policy decided whether Czechoslovakia
/// mobilised in September 1938 or Ukraine in February 2022. Its appeals and its forces it decides for itself
/// (`sponsor_motions`, the coalition's decisions); `--policy historical` already gives every playable state's
/// record, and a victim that is not playable keeps the readiness its level gives it.
fn victim_mobilises_as_recorded(
    level: Res<Level>,
    cal: Res<Calendar>,
    role: Res<PlayerRole>,
    crisis: Single<&Crisis>,
    nations: Res<Nations>,
    iv: Res<Intervention>,
    mut out: MessageWriter<OrderIssued>,
) {
    if role.state == crisis.victim || role.policy == Some(Policy::Historical) {
        return;
    }
    let Some(p) = level.0.playable.iter().find(|p| nations.0[p.state] == crisis.victim) else { return };
    let recorded = p.historical.get(cal.turn).is_some_and(|orders| orders.contains(&Order::Rearm));
    if recorded && iv.keeps(p.state, &Order::Rearm) {
        out.write(OrderIssued { state: crisis.victim, order: Order::Rearm });
    }
}

/// Keeps the player's orders of the turn in the log, whoever gave them: reports and replays read them.
fn record_player_orders(mut orders: MessageReader<OrderIssued>, role: Res<PlayerRole>, cal: Res<Calendar>, mut log: ResMut<RunLog>) {
    let turn = cal.turn;
    if log.player_orders.len() <= turn {
        log.player_orders.resize(turn + 1, vec![]);
    }
    for o in orders.read().filter(|o| o.state == role.state) {
        log.player_orders[turn].push(o.order.clone());
    }
}

/// Supply-line length (km) beyond which the alliance strategy blockades the aggressor.
pub const BLOCKADE_WORTH_KM: f32 = 1500.0;
/// A theatre this far from the victim's capital is reached by an expedition, not by the army at home (a
/// judgement: beyond the distance at which a blockade is worth its risk, the sea lines are long).
pub const EXPEDITION_KM: f32 = BLOCKADE_WORTH_KM;

fn plan_orders(
    level: Res<Level>,
    cal: Res<Calendar>,
    role: Res<PlayerRole>,
    mif: Res<MeasuresInForce>,
    log: Res<RunLog>,
    crisis: Single<&Crisis>,
    blocs: Query<&Bloc>,
    members: Query<(), With<Member>>,
    nations: Res<Nations>,
    iv: Res<Intervention>,
    interests: Query<&Interests>,
    mut out: MessageWriter<OrderIssued>,
) {
    let Some(policy) = role.policy else { return };
    let lvl = &level.0;
    let t = cal.turn;
    let live = crisis.settled.is_none();
    let orders = match policy {
        Policy::Historical => {
            // History as it went: every playable state gives the orders it gave, whoever the player leads.
            let attacked = attacked_on(&log);
            for p in &lvl.playable {
                let orders = p.historical.get(t).cloned().unwrap_or_default();
                let held = held_for_the_attack(&p.historical, attacked, t, &orders);
                for order in held.into_iter().chain(orders).filter(|o| iv.keeps(p.state, o)) {
                    out.write(OrderIssued { state: nations.0[p.state], order });
                }
            }
            vec![]
        }
        // A victim does not mediate in its own war: it yields from the first turn.
        Policy::Appease if live => vec![if t == 0 && role.state != crisis.victim { Order::Mediate } else { Order::Concede }],
        Policy::Alliance if live && role.state == crisis.victim => {
            let victim_km = interests.get(crisis.victim).ok().map(|i| i.km_theatre);
            victim_alliance(&crisis, t, victim_km, !lvl.crisis.landlocked)
        }
        Policy::Alliance if live => alliance(&crisis, t, role.state, &blocs, !lvl.crisis.landlocked),
        // After a cease-fire the collective strategy still works for peacekeepers.
        Policy::Collective if live || crisis.settled == Some(AggressorChoice::AcceptTerms) => {
            collective(lvl, &mif, &log, &crisis, &role, members.get(role.state).is_ok())
        }
        _ => vec![],
    };
    for order in orders.into_iter().filter(|o| iv.keeps(role.ix, o)) {
        out.write(OrderIssued { state: role.state, order });
    }
}

/// The turn on whose end the aggressor attacked, in a level opened before the first shot (a what-if of a warning,
/// Munich, Ukraine 2022): its attack may come later than it did in history, or earlier.
fn attacked_on(log: &RunLog) -> Option<usize> {
    log.decisions.iter().find(|d| matches!(d.decision, DecisionKind::Aggressor { choice: AggressorChoice::Attack })).map(|d| d.turn)
}

/// The motions naming the aggressor that a government's record gave on or before the turn of the attack, out of
/// order then for want of an aggression: it tables them once the attack has come, as late as it came and turn
/// for turn, from the first turn its record named the aggressor (the Council met on the day Kuwait and Korea were
/// invaded, and went on from there), never beside the same motion of the turn's own record (`now`).
fn held_for_the_attack(record: &[Vec<Order>], attacked: Option<usize>, t: usize, now: &[Order]) -> Vec<Order> {
    let naming = |turn: usize| record[turn].iter().filter(|o| matches!(o, Order::Propose { measure, .. } if measure.against_aggressor()));
    let Some(a) = attacked.filter(|a| *a < record.len()) else { return vec![] };
    let Some(first) = (0..=a).find(|turn| naming(*turn).next().is_some()) else { return vec![] };
    // The record's turns `first..=a` are played on the turns after the attack, `a + 1` on.
    match t.checked_sub(a + 1 - first) {
        Some(shifted) if (first..=a).contains(&shifted) => naming(shifted).filter(|o| !now.contains(o)).cloned().collect(),
        _ => vec![],
    }
}

/// The victim's own alliance strategy is to mobilise and resist, and to send an expedition where the theatre
/// lies far from home (Britain to the Falklands, 1982): it cannot guarantee or arm itself.
fn victim_alliance(crisis: &Crisis, t: usize, victim_km: Option<f32>, by_sea: bool) -> Vec<Order> {
    let mut orders = Vec::new();
    if t == 0 {
        orders.push(Order::Rearm);
    }
    let far = victim_km.is_some_and(|km| km > EXPEDITION_KM);
    if far && (crisis.fighting || !crisis.attacked) {
        orders.push(Order::Intervene);
    }
    if by_sea && crisis.fighting && crisis.supply_km > BLOCKADE_WORTH_KM {
        orders.push(Order::Blockade);
    }
    orders
}

/// A third state's alliance strategy: rearm, guarantee or join the victim's bloc, send forces and arms, and
/// blockade where the aggressor's supply line runs far by sea (`by_sea`: the theatre is not landlocked).
fn alliance(crisis: &Crisis, t: usize, player: Entity, blocs: &Query<&Bloc>, by_sea: bool) -> Vec<Order> {
    let mut orders = Vec::new();
    if t == 0 {
        orders.push(Order::Rearm);
        let protected = blocs.iter().any(|b| b.members.contains(&crisis.victim) || b.protects == Some(crisis.victim));
        if !protected {
            orders.push(Order::Guarantee);
        }
    }
    if let Some(b) = blocs.iter().find(|b| b.members.contains(&crisis.victim) && !b.members.contains(&player)) {
        orders.push(Order::JoinBloc(b.id.clone()));
    }
    // Forces go to the victim before the attack too, to deny the aggressor a quick victory.
    if crisis.fighting || !crisis.attacked {
        orders.push(Order::Intervene);
    }
    if crisis.fighting {
        orders.push(Order::ArmVictim);
        // A blockade is worth its risk only where the aggressor's supply line runs far by sea.
        if by_sea && crisis.supply_km > BLOCKADE_WORTH_KM {
            orders.push(Order::Blockade);
        }
    }
    orders
}

/// The collective strategy: the institution's next motion, sanctions of one's own where it cannot or will
/// not impose them, and forces under its authority that restore the line the aggression crossed, no more.
fn collective(lvl: &LevelDef, mif: &MeasuresInForce, log: &RunLog, crisis: &Crisis, role: &PlayerRole, member: bool) -> Vec<Order> {
    let mut orders = Vec::new();
    if member && let Some((body, measure, under)) = next_motion(lvl, mif, log, crisis) {
        orders.push(Order::Propose { body, measure, under });
    }
    // Outside the institution, or when it has condemned the aggressor but cannot or will not impose
    // sanctions, a member carries out the verdict with sanctions of its own (the United States in 1956).
    let condemned = log.votes.iter().any(|v| v.adopted && matches!(v.motion, Measure::Condemn | Measure::NonRecognition));
    if crisis.fighting && mif.sanctions.is_none() && (!member || condemned) {
        orders.push(Order::Sanction { oil: true });
    }
    // Forces are ordered with the request for the authority to use them, and go the moment it is granted, held
    // at the line (the United States had its forces ready in the Gulf as it sought S/RES/678): not a turn, and
    // months, behind the institution. Refused, they stay home.
    let seeking = orders.iter().any(Order::asks_authority_for_force);
    if (mif.force_authorised || seeking) && crisis.fighting {
        orders.push(Order::Intervene);
        if !mif.held_at_line.contains(&role.state) {
            orders.push(Order::HoldAtTheLine);
        }
    }
    orders
}

#[cfg(test)]
mod tests {
    use bevy::ecs::message::Messages;
    use bevy::ecs::system::RunSystemOnce;

    use crate::level::Order;
    use crate::sim::testing::{state, tiny};
    use crate::sim::{OrderIssued, PlayerRole, Policy, RunLog};

    #[test]
    fn the_appeasement_strategy_mediates_first_in_the_players_name() {
        let mut sim = tiny();
        let grt = state(&mut sim, "GRT");
        let world = sim.world_mut();
        world.resource_mut::<PlayerRole>().policy = Some(Policy::Appease);
        world.run_system_once(super::plan_orders).unwrap();
        let sent: Vec<OrderIssued> = world.resource::<Messages<OrderIssued>>().iter_current_update_messages().cloned().collect();
        assert_eq!(sent.len(), 1);
        assert_eq!((sent[0].state, &sent[0].order), (grt, &Order::Mediate));
    }

    #[test]
    fn a_victim_playing_appeasement_yields_from_the_first_turn_rather_than_mediate_in_its_own_war() {
        let mut sim = tiny();
        let vic = state(&mut sim, "VIC");
        let world = sim.world_mut();
        let ix = world.get::<crate::sim::Nation>(vic).unwrap().ix;
        *world.resource_mut::<PlayerRole>() = PlayerRole { state: vic, ix, policy: Some(Policy::Appease) };
        world.run_system_once(super::plan_orders).unwrap();
        let sent: Vec<OrderIssued> = world.resource::<Messages<OrderIssued>>().iter_current_update_messages().cloned().collect();
        assert_eq!(sent.iter().map(|o| (o.state, &o.order)).collect::<Vec<_>>(), [(vic, &Order::Concede)]);
    }

    #[test]
    fn a_person_playing_gets_no_orders_from_a_strategy() {
        let mut sim = tiny();
        let world = sim.world_mut();
        world.run_system_once(super::plan_orders).unwrap();
        assert_eq!(world.resource::<Messages<OrderIssued>>().iter_current_update_messages().count(), 0);
    }

    #[test]
    fn only_the_players_own_orders_are_recorded_as_the_players() {
        let mut sim = tiny();
        let (grt, vic) = (state(&mut sim, "GRT"), state(&mut sim, "VIC"));
        let world = sim.world_mut();
        world.write_message(OrderIssued { state: grt, order: Order::Guarantee });
        world.write_message(OrderIssued { state: vic, order: Order::Rearm });
        world.run_system_once(super::record_player_orders).unwrap();
        assert_eq!(world.resource::<RunLog>().player_orders, vec![vec![Order::Guarantee]]);
    }

    fn propose(measure: crate::level::Measure) -> Order {
        Order::Propose { body: crate::level::BodyKind::SecurityCouncil, measure, under: Default::default() }
    }

    #[test]
    fn the_verdicts_of_a_record_wait_for_a_late_attack_and_keep_their_pace_after_it() {
        use crate::level::Measure;
        // Kuwait's record: the call on the day, then the embargo and non-recognition, then force.
        let record = vec![
            vec![propose(Measure::Condemn)],
            vec![propose(Measure::OilSanctions), propose(Measure::NonRecognition), Order::Intervene],
            vec![propose(Measure::Sanctions)],
            vec![propose(Measure::AuthoriseForce)],
        ];
        let held = |attacked, t: usize| super::held_for_the_attack(&record, attacked, t, &record[t]);
        // The attack at the end of turn 1: the record's turns 0 and 1 come on turns 2 and 3, beside their own.
        assert_eq!(held(Some(1), 1), vec![], "before the attack, nothing is tabled");
        assert_eq!(held(Some(1), 2), vec![propose(Measure::Condemn)]);
        assert_eq!(held(Some(1), 3), vec![propose(Measure::OilSanctions), propose(Measure::NonRecognition)], "forces are no motion");
        // An attack on the first turn: the call comes the turn after; no attack, no verdicts.
        assert_eq!(held(Some(0), 1), vec![propose(Measure::Condemn)]);
        assert_eq!(held(Some(0), 2), vec![]);
        assert!((0..4).all(|t| held(None, t).is_empty()));
        // A motion the turn's own record gives is not tabled twice.
        assert_eq!(super::held_for_the_attack(&record, Some(1), 2, &[propose(Measure::Condemn)]), vec![]);
    }
}
