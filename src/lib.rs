//! Collective Security: a strategy game about why collective security works or fails.
//!
//! The library exports plugins; `main.rs` parses the command line.
//! - [`level`]: the RON level format, its one validator, and the typed level.
//! - [`sim`]: the headless simulation, one plugin per mechanism.
//! - [`cli`]: the `check`, `simulate` and `bench` subcommands.

pub mod cli;
pub mod level;
pub mod sim;
