//! MODEL.md describes the model a teacher reads and a modder predicts from: every parameter it lists exists in
//! the simulation's source with the value it gives.

use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_parameter_in_model_md_exists_in_the_code_with_the_value_it_gives() {
    let doc = std::fs::read_to_string(root().join("MODEL.md")).unwrap();
    let table = doc.split("## Parameters").nth(1).expect("MODEL.md has a Parameters section");
    let mut checked = 0;
    for line in table.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (name, value, file) = (cells[1].trim_matches('`'), cells[2], cells[3]);
        if !name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') {
            continue; // the draws' table: checked below
        }
        let src = std::fs::read_to_string(root().join("src/sim").join(file)).unwrap_or_else(|_| panic!("{name}: no src/sim/{file}"));
        let decl = src
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("pub const {name}:")))
            .unwrap_or_else(|| panic!("{name} is not a constant of src/sim/{file}"));
        let code = decl.split('=').nth(1).unwrap().trim().trim_end_matches(';').replace('_', "");
        let (a, b): (f64, f64) = (code.parse().unwrap(), value.parse().unwrap());
        assert!((a - b).abs() < 1e-9, "{name} is {code} in the code and {value} in MODEL.md");
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} parameters checked");
}

#[test]
fn the_draws_model_md_lists_have_the_defaults_it_gives() {
    let doc = std::fs::read_to_string(root().join("MODEL.md")).unwrap();
    let u = collective_security::level::Uncertainty::default();
    for (name, v) in u.ranges() {
        assert!(doc.contains(&format!("| `{name}` | {v} |")), "MODEL.md gives the default range of `{name}` as {v}");
    }
}

#[test]
fn the_lean_log_of_many_run_comparisons_gives_the_same_outcomes_as_a_full_run() {
    use collective_security::sim::runner::RunSetup;
    use collective_security::sim::{Policy, Simulation};
    for id in ["munich_1938", "ukraine_2022", "suez_1956"] {
        let level = crate::support::shipped(id);
        let (mut full, mut lean) = (Simulation::new(), Simulation::new());
        lean.set_lean(true);
        for seed in 0..20 {
            for policy in [Policy::Historical, Policy::Alliance, Policy::Collective] {
                let setup = RunSetup {
                    level: level.clone(),
                    seed,
                    role: None,
                    policy: Some(policy),
                    credibility: None,
                    lessons: Default::default(),
                };
                full.start(&setup);
                full.run_to_end();
                lean.start(&setup);
                lean.run_to_end();
                assert_eq!(full.log().outcome, lean.log().outcome, "{id} seed {seed} {policy:?}");
                assert!(lean.log().news.is_empty() && !full.log().news.is_empty());
            }
        }
    }
}

#[test]
fn a_simulation_that_plays_many_runs_carries_nothing_from_one_run_into_the_next() {
    use collective_security::sim::runner::{Lessons, RunSetup};
    use collective_security::sim::trace::DecisionKind;
    use collective_security::sim::{Policy, Simulation};
    // One simulation plays runs of several levels, for every playable state in turn and with the lessons of
    // earlier eras changing, as a campaign's and a comparison's many runs do; each run must come out as it does
    // in a simulation that never played before.
    // Manchuria: Japan walks out of the League, and the next run must find it a member again.
    let levels = ["korea_1950", "munich_1938", "manchuria_1931", "kuwait_1990"].map(crate::support::shipped);
    let mut reused = Simulation::lean();
    let aggressor_choices = |sim: &Simulation| -> Vec<(usize, String, f32)> {
        sim.log()
            .decisions
            .iter()
            .filter(|d| matches!(d.decision, DecisionKind::Aggressor { .. }))
            .map(|d| (d.turn, format!("{:?}", d.decision), d.score))
            .collect()
    };
    let mut compared = 0;
    // Runs of one level follow each other (the simulation keeps its states' entities for the next run of the same
    // level), and the levels come back after others.
    for (k, level) in levels.iter().chain(levels.iter().take(2)).enumerate() {
        for seed in 0..6u64 {
            let roles = &level.playable;
            let policy = [Policy::Historical, Policy::Appease, Policy::Alliance, Policy::Collective][(seed as usize + k) % 4];
            let setup = RunSetup {
                level: level.clone(),
                seed,
                role: Some(roles[(seed as usize / 2) % roles.len()].state),
                policy: Some(policy),
                credibility: None,
                lessons: Lessons { appetite: 0.05 * (k as f32 - 2.0), tension: 0.0, faith: 0.1 * (seed as f32 - 3.0) },
            };
            reused.start(&setup);
            reused.run_to_end();
            let mut fresh = Simulation::lean();
            fresh.start(&setup);
            fresh.run_to_end();
            assert_eq!(reused.log().outcome, fresh.log().outcome, "{} seed {seed} {policy:?}", level.id);
            assert_eq!(aggressor_choices(&reused), aggressor_choices(&fresh), "{} seed {seed} {policy:?}", level.id);
            let tallies = |sim: &Simulation| sim.log().votes.iter().map(|v| (v.yes, v.no, v.abstain)).collect::<Vec<_>>();
            assert_eq!(tallies(&reused), tallies(&fresh), "{} seed {seed} {policy:?}", level.id);
            compared += 1;
        }
    }
    assert_eq!(compared, 36);
}
