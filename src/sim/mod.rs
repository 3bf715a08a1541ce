//! The simulation: states, blocs and institutions as entities; one plugin per mechanism; no window,
//! renderer or egui, so it runs under `MinimalPlugins` in tests and on the command line.

pub mod aggressor;
pub mod alliance;
pub mod appeasement;
pub mod campaign;
pub mod cause;
pub mod channels;
pub mod compare;
pub mod conflict;
pub mod core;
pub mod events;
pub mod explain;
pub mod fidelity;
pub mod institution;
pub mod interest;
pub mod intervention;
pub mod measures;
pub mod parallel;
pub mod policy;
pub mod report;
pub mod runner;
pub mod text;
pub mod trace;

use bevy::ecs::schedule::{Schedule, SingleThreadedExecutor};
use bevy::prelude::*;

pub use self::core::*;
pub use runner::Simulation;
pub use trace::*;

/// Everything the simulation needs, headless.
pub fn plugin(app: &mut App) {
    let mut turn = Schedule::new(Turn);
    turn.set_executor(SingleThreadedExecutor::new());
    app.add_schedule(turn)
        .add_message::<OrderIssued>()
        .add_message::<MotionTabled>()
        .init_resource::<Weights>()
        .init_resource::<RunLog>()
        .init_resource::<MeasuresInForce>()
        .init_resource::<Calendar>()
        .insert_resource(SimRng::new(0))
        .init_resource::<Draws>()
        .configure_sets(
            Turn,
            (
                TurnSystems::Events,
                TurnSystems::Plan,
                TurnSystems::Orders,
                TurnSystems::Diplomacy,
                TurnSystems::Votes,
                TurnSystems::Measures,
                TurnSystems::Aggressor,
                TurnSystems::Conflict,
                TurnSystems::Outcome,
            )
                .chain(),
        )
        .add_plugins((
            events::plugin,
            policy::plugin,
            appeasement::plugin,
            alliance::plugin,
            institution::plugin,
            measures::plugin,
            aggressor::plugin,
            cause::plugin,
            conflict::plugin,
            explain::plugin,
            channels::plugin,
        ))
        .add_systems(Turn, age_messages.after(TurnSystems::Outcome));
}

/// Messages live for the turn that sent them and the next, as in Bevy's own frame loop.
fn age_messages(mut orders: ResMut<Messages<OrderIssued>>, mut motions: ResMut<Messages<MotionTabled>>) {
    orders.update();
    motions.update();
}

// Last in the file: the layers test reads a module's source up to its first `#[cfg(test)]`.
#[cfg(test)]
pub(crate) mod testing;
