//! The game on screen: the world map of each era, egui panels that explain, and the play loop.
//! It only reads the simulation's components and log, and sends the player's orders as messages.

pub mod capture;
pub mod clipboard;
pub mod colour_vision;
pub mod journal;
pub mod lesson;
pub mod map;
pub mod pipelines;
pub mod reload;
pub mod save;
pub mod state;
#[cfg(feature = "partial-redraw")]
pub mod still;
pub mod testing;
pub mod theme;
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy_egui::EguiPlugin;

/// The game's systems in `Update`, in the order they run each frame: the keyboard's shortcuts, then the
/// handlers of the player's commands (typed messages from the panels and the keyboard), then the play's
/// flow (starting a level, ending a turn), then the polls of background work, then the map.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GameSystems {
    Input,
    Commands,
    Flow,
    Background,
    Map,
}

/// Orders the game's system sets: one list for the whole app (added by `state::plugin`, which every game
/// app starts from).
pub fn order_sets(app: &mut App) {
    use GameSystems::*;
    app.configure_sets(Update, (Input, Commands, Flow, Background, Map).chain());
}

/// How the game was started from the command line.
#[derive(Resource, Clone, Debug, Default)]
pub struct GameOptions {
    /// Start straight into this level (id or path), skipping the menu.
    pub level: Option<String>,
    pub role: Option<String>,
    pub seed: u64,
    /// Extra folders of user levels (mods).
    pub level_dirs: Vec<PathBuf>,
    pub size: (u32, u32),
    /// Screenshots and the frame benchmark (the `dev-tools` harness); empty in play.
    pub harness: capture::Harness,
    /// Open this lesson report at start.
    pub report: Option<PathBuf>,
    /// Open this lesson at start.
    pub lesson: Option<String>,
    /// The class seed filled in on that lesson's start page (the web page's `?seed=`).
    pub class_seed: Option<String>,
    /// Draw every frame in full: no partial redraw (to measure what it saves).
    pub full_redraw: bool,
}

/// The game's window: on the desktop of the size asked for; in a page, the page's canvas `#game`, filling
/// the space the page gives it.
fn window((w, h): (u32, u32)) -> Window {
    Window {
        title: "Collective Security".into(),
        resolution: WindowResolution::new(w, h).with_scale_factor_override(1.0),
        #[cfg(target_arch = "wasm32")]
        canvas: Some("#game".into()),
        #[cfg(target_arch = "wasm32")]
        fit_canvas_to_parent: true,
        ..default()
    }
}

/// Runs the game window.
pub fn run(opts: GameOptions) -> AppExit {
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin { primary_window: Some(window(opts.size)), ..default() }))
        .add_plugins(EguiPlugin::default());
    // A turn-based game need not redraw sixty times a second: on input, else ten times a second while
    // focused (the background comparison's progress bar) and once a second when not. Screenshots and the
    // frame benchmark draw continuously.
    if !opts.harness.active() {
        use bevy::winit::{UpdateMode, WinitSettings};
        use std::time::Duration;
        app.insert_resource(WinitSettings {
            focused_mode: UpdateMode::reactive(Duration::from_millis(100)),
            unfocused_mode: UpdateMode::reactive_low_power(Duration::from_secs(1)),
        });
    }
    #[cfg(feature = "dev-tools")]
    if opts.harness.baseline {
        app.insert_resource(opts).add_plugins(capture::baseline_plugin);
        return app.run();
    }
    // The game puts egui on the screen's camera itself (the map's camera draws into an image).
    app.world_mut().resource_mut::<bevy_egui::EguiGlobalSettings>().auto_create_primary_context = false;
    app.insert_resource(opts).add_plugins(crate::sim::plugin).add_plugins((
        state::plugin,
        lesson::plugin,
        pipelines::plugin,
        map::plugin,
        ui::plugin,
        save::plugin,
        clipboard::plugin,
        journal::plugin,
    ));
    // Only what changed is drawn again: on a software renderer, the difference between a smooth and a sluggish
    // game (`--no-partial-redraw` turns it off at run time; built without the feature, the game draws every
    // frame).
    #[cfg(feature = "partial-redraw")]
    app.add_plugins(still::plugin);
    // Hot reload watches the level's file: on the desktop only, where a modder edits it.
    #[cfg(not(target_arch = "wasm32"))]
    app.add_plugins(reload::plugin);
    #[cfg(feature = "dev-tools")]
    app.add_plugins(capture::plugin);
    app.run()
}
