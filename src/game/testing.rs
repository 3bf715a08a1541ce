//! App builders for tests of the game's flow without a window: screens, turns, lessons and saves, with the
//! simulation and the panels' state but no renderer, as Bevy's own tests build their apps.

use std::path::Path;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;

use super::GameOptions;
use super::save::SaveDir;
use super::ui::UiState;

/// The game's flow headless, with `opts` and saves in `saves`: the simulation, screens and turns, lessons,
/// saves and the what-if comparison. Two frames have run, so the options' level or lesson is open.
pub fn headless(opts: GameOptions, saves: &Path) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin))
        .insert_resource(opts)
        .insert_resource(SaveDir(saves.to_path_buf()))
        .init_resource::<UiState>()
        .add_plugins(crate::sim::plugin)
        .add_plugins((super::state::plugin, super::lesson::plugin, super::save::plugin, super::ui::debrief::plugin));
    app.update();
    app.update();
    app
}
