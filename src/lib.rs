//! Collective Security: a strategy game about why collective security works or fails.
//!
//! The library exports plugins; `main.rs` parses the command line.
//! - [`level`]: the RON level format, its one validator, and the typed level.
//! - [`lesson`]: lessons for the classroom: the lesson format, reports and the class summary.
//! - [`sim`]: the headless simulation, one plugin per mechanism.
//! - [`game`]: the game on screen (map, egui panels, play loop, saves, screenshots).
//! - [`cli`]: the command line: the game, and the `check`, `simulate` and `bench` subcommands.

pub mod cli;
pub mod files;
pub mod game;
pub mod geo;
pub mod lesson;
pub mod level;
pub mod sim;
