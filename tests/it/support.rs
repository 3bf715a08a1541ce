//! App builders and level helpers shared by the tests.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use collective_security::level::{self, LevelDef, RawLevel};
use collective_security::sim::report::RunReport;
use collective_security::sim::runner::RunSetup;
use collective_security::sim::{Policy, Simulation};

/// A folder of its own for one test, absent at the start (the test creates it) and removed with everything in it when the test ends,
/// pass or fail: no test leaves files behind in the system's temporary folder.
pub struct Scratch(PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Self {
        // Tests run on several threads at once: each folder is numbered, so two never share one.
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("cs-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Scratch(dir)
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn level_path(id: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("levels").join(format!("{id}.ron"))
}

pub fn raw(id: &str) -> RawLevel {
    let src = std::fs::read_to_string(level_path(id)).unwrap();
    collective_security::level::ron_options().from_str(&src).unwrap()
}

pub fn typed(raw: &RawLevel) -> Arc<LevelDef> {
    Arc::new(level::validate::validate(raw).unwrap_or_else(|e| panic!("invalid test level: {e:?}")).0)
}

pub fn shipped(id: &str) -> Arc<LevelDef> {
    Arc::new(level::load(&level_path(id)).unwrap())
}

/// Plays a level to the end headless and returns the report.
pub fn play(level: Arc<LevelDef>, seed: u64, policy: Policy, role: Option<&str>) -> RunReport {
    let role = role.map(|r| level.state_ix(r).unwrap());
    let mut sim = Simulation::new();
    sim.start(&RunSetup { level, seed, role, policy: Some(policy), credibility: None, lessons: Default::default() });
    sim.run_to_end();
    RunReport::from_sim(&sim, policy.name())
}

/// Share of runs over `n` seeds whose outcome satisfies `pred`.
pub fn share(level: Arc<LevelDef>, n: u64, policy: Policy, role: Option<&str>, pred: impl Fn(&RunReport) -> bool) -> f64 {
    let role_ix = role.map(|r| level.state_ix(r).unwrap());
    let mut sim = Simulation::new();
    let mut hits = 0;
    for seed in 0..n {
        sim.start(&RunSetup {
            level: level.clone(),
            seed,
            role: role_ix,
            policy: Some(policy),
            credibility: None,
            lessons: Default::default(),
        });
        sim.run_to_end();
        if pred(&RunReport::from_sim(&sim, policy.name())) {
            hits += 1;
        }
    }
    hits as f64 / n as f64
}

pub fn ballot<'a>(r: &'a RunReport, turn: usize, body: &str, state: &str) -> &'a str {
    let v = r.votes.iter().find(|v| v.turn == turn && v.body == body).unwrap_or_else(|| panic!("no {body} vote in turn {turn}"));
    match v.ballots[state] {
        collective_security::sim::Ballot::Yes => "yes",
        collective_security::sim::Ballot::No => "no",
        collective_security::sim::Ballot::Abstain => "abstain",
        collective_security::sim::Ballot::Absent => "absent",
    }
}
