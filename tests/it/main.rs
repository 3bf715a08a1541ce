//! Integration tests, in one binary so the crate links once.

mod campaign;
mod causes;
mod cli;
mod drawing;
mod fidelity;
mod fuzz;
mod game_loop;
mod layers;
mod lessons;
mod levels;
mod mechanisms;
mod model;
mod properties;
mod robustness;
mod saves;
// The pictures need the harness (`--features dev-tools`, as scripts/test.sh builds).
#[cfg(feature = "dev-tools")]
mod screenshot;
mod support;
mod web;
mod whatif;
