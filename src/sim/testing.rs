//! A tiny world for the simulation's system tests, as Bevy's own tests build one: three states (an
//! aggressor, its victim and one great power), one Council, two turns. A test sets up the case on it and
//! runs the one system it tests.

use std::sync::Arc;

use bevy::prelude::*;

use super::runner::{RunSetup, Simulation};

const TINY: &str = r#"Level(
    id: "tiny",
    name: "Tiny",
    summary: "Three states and a Council.",
    turns: [(date: "1950-01-01", label: "One"), (date: "1950-02-01", label: "Two")],
    tension: 0.2,
    states: [
        State(id: "AGG", name: "Aggressor", capital: (0.0, 0.0), cinc: 0.01, commitment: 0.2),
        State(id: "VIC", name: "Victim", capital: (2.0, 0.0), cinc: 0.01, commitment: 0.8),
        State(id: "GRT", name: "Great Power", capital: (20.0, 10.0), cinc: 0.2, ties_victim: 0.6, interest: 0.5, commitment: 0.6),
    ],
    institution: (
        kind: UnitedNations,
        name: "United Nations",
        credibility: 0.6,
        members: ["AGG", "VIC", "GRT"],
        bodies: [(kind: SecurityCouncil, rule: Majority, members: ["AGG", "VIC", "GRT"])],
    ),
    crisis: (
        aggressor: "AGG",
        victim: "VIC",
        theatre: "the border",
        location: (1.0, 0.0),
        area_km2: Some(10000.0),
        claim: "a test",
        attack_under_way: true,
        appetite: 0.5,
        aggressor_readiness: 1.0,
        victim_readiness: 1.0,
        control: 0.3,
    ),
    playable: [(state: "GRT", role: "The great power.", historical: [])],
    history: (outcome: Reversed, summary: "None: a test world."),
    sources: ["none: a test world"],
)"#;

/// The tiny world, started with seed 1 and no player strategy.
pub(crate) fn tiny() -> Simulation {
    let checked = crate::level::check_source(TINY).unwrap_or_else(|e| panic!("the tiny level: {e:?}"));
    let mut sim = Simulation::new();
    let setup = RunSetup { level: Arc::new(checked.level), seed: 1, role: None, policy: None, credibility: None, lessons: default() };
    sim.start(&setup);
    sim
}

/// The entity of the state with this id.
pub(crate) fn state(sim: &mut Simulation, id: &str) -> Entity {
    let world = sim.world_mut();
    let mut q = world.query::<(Entity, &super::Nation)>();
    q.iter(world).find(|(_, n)| &*n.id == id).map(|(e, _)| e).unwrap_or_else(|| panic!("no state {id}"))
}
