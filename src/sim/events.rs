//! Dated events that really happened: boycotts, returns, delegations without instructions.

use bevy::prelude::*;

use crate::level::EventEffect;

use super::core::*;
use super::trace::RunLog;

pub fn plugin(app: &mut App) {
    app.add_systems(Turn, apply_events.in_set(TurnSystems::Events));
}

fn apply_events(
    mut commands: Commands,
    level: Res<Level>,
    cal: Res<Calendar>,
    nations: Res<Nations>,
    mut bodies: Query<&mut Body>,
    mut mif: ResMut<MeasuresInForce>,
    mut log: ResMut<RunLog>,
) {
    for mut b in &mut bodies {
        b.uninstructed.clear();
    }
    for ev in level.0.events.iter().filter(|e| e.turn == cal.turn) {
        let with_body = |bodies: &mut Query<&mut Body>, kind, f: &mut dyn FnMut(&mut Body)| {
            for mut b in bodies.iter_mut() {
                if b.kind == kind {
                    f(&mut b);
                }
            }
        };
        match ev.effect {
            EventEffect::Boycott { state, body } => with_body(&mut bodies, body, &mut |b| {
                if !b.boycotting.contains(&nations.0[state]) {
                    b.boycotting.push(nations.0[state]);
                }
            }),
            EventEffect::Return { state, body } => with_body(&mut bodies, body, &mut |b| b.boycotting.retain(|e| *e != nations.0[state])),
            EventEffect::NoInstructions { state, body } => with_body(&mut bodies, body, &mut |b| b.uninstructed.push(nations.0[state])),
            EventEffect::Join { state } => {
                commands.entity(nations.0[state]).insert(Member);
                for mut b in bodies.iter_mut() {
                    if b.kind.is_assembly() && !b.members.contains(&nations.0[state]) {
                        b.members.push(nations.0[state]);
                    }
                }
            }
            EventEffect::UnitingForPeace => mif.uniting_for_peace = true,
            EventEffect::News => {}
        }
        log.news(cal.turn, ev.date, ev.text.clone(), true);
    }
}

/// A body as it will sit when this turn's dated events have happened (a boycott begins, a delegate
/// returns or has no instructions): what the forecast before the turn must count.
pub fn as_it_will_sit(body: &Body, level: &crate::level::LevelDef, turn: usize, nations: &Nations) -> Body {
    let mut b = body.clone();
    b.uninstructed.clear();
    for ev in level.events.iter().filter(|e| e.turn == turn) {
        match ev.effect {
            EventEffect::Boycott { state, body } if body == b.kind && !b.boycotting.contains(&nations.0[state]) => {
                b.boycotting.push(nations.0[state])
            }
            EventEffect::Return { state, body } if body == b.kind => b.boycotting.retain(|e| *e != nations.0[state]),
            EventEffect::NoInstructions { state, body } if body == b.kind => b.uninstructed.push(nations.0[state]),
            _ => {}
        }
    }
    b
}
