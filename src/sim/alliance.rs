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

#[allow(clippy::too_many_arguments)]
fn apply_alliance_orders(
    mut orders: MessageReader<OrderIssued>,
    mut commands: Commands,
    level: Res<Level>,
    cal: Res<Calendar>,
    crisis: Single<&Crisis>,
    mut caps: Query<&mut Capability>,
    mut blocs: Query<&mut Bloc>,
    mut tension: ResMut<WorldTension>,
    mut mif: ResMut<MeasuresInForce>,
    mut log: ResMut<RunLog>,
    names: Query<&Nation>,
    player: Res<PlayerRole>,
) {
    let date = level.0.turns[cal.turn].date;
    for o in orders.read() {
        let who = names.get(o.state).map(|n| n.id.clone()).unwrap_or_default();
        match &o.order {
            Order::Rearm => {
                if let Ok(mut c) = caps.get_mut(o.state) {
                    c.cinc *= 1.0 + REARM;
                }
                tension.arms_race = (tension.arms_race + 0.1).min(1.0);
                tension.tension = (tension.tension + 0.05).min(1.0);
                log.news(cal.turn, date, format!("{who} rearms"), false);
            }
            Order::Guarantee => {
                // Credibility of a guarantee suffers from every concession made before it.
                let cohesion = (0.7 - 0.1 * mif.concessions as f32).max(0.1);
                commands.spawn(Bloc {
                    id: format!("guarantee_{who}"),
                    name: format!("{who}'s guarantee"),
                    kind: BlocKind::Guarantee,
                    members: vec![o.state],
                    protects: Some(crisis.victim),
                    against: Some(crisis.aggressor),
                    cohesion,
                });
                mif.guarantees.push((o.state, cal.turn));
                tension.tension = (tension.tension + 0.05).min(1.0);
                log.news(cal.turn, date, format!("{who} guarantees the victim's independence"), false);
            }
            Order::JoinBloc(id) => {
                for mut b in &mut blocs {
                    if &b.id == id && !b.members.contains(&o.state) {
                        b.members.push(o.state);
                        log.news(cal.turn, date, format!("{who} joins {}", b.name), false);
                    }
                }
            }
            // Only the player's own order commits its forces; other states decide for themselves.
            Order::Intervene if o.state == player.state => mif.player_intervenes = true,
            _ => {}
        }
    }
}

/// An arms race feeds on itself: the aggressor matches rearmament by others.
fn arms_race(tension: Res<WorldTension>, crisis: Single<&Crisis>, mut caps: Query<&mut Capability>) {
    if tension.arms_race > 0.0
        && let Ok(mut c) = caps.get_mut(crisis.aggressor)
    {
        c.cinc *= 1.0 + REARM * tension.arms_race * 0.5;
    }
}
