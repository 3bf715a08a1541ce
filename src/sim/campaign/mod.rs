//! The century as one story, played headless: the crises of a campaign in order, each starting from what
//! the last left behind — each institution's credibility, the aggressors' appetite, world tension, and
//! faith in collective security.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::level::{InstitutionKind, LevelDef, OutcomeKind, StateIx};

use super::core::{Credibility, Policy, WorldTension};
use super::runner::{Lessons, RunSetup, Simulation};

pub mod legacy;
pub mod report;

/// One era of a campaign as it ended: what the campaign debrief shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EraMark {
    pub level: String,
    pub name: String,
    /// The player's state (its id).
    #[serde(default)]
    pub role: String,
    pub outcome: OutcomeKind,
    /// The strategy most of the player's orders followed (`mixed`, or `none` without orders).
    pub strategy: String,
    /// Credibility of the League and of the UN (from the first era that met each), and world tension, at
    /// the era's end.
    pub league: Option<f32>,
    pub un: Option<f32>,
    pub tension: f32,
    /// The player's orders in the era, turn by turn: what a later measurement replays.
    #[serde(default)]
    pub orders: Vec<Vec<crate::level::Order>>,
    /// The seed the era was played with (`next_era_seed` of the one before).
    #[serde(default)]
    pub seed: u64,
}

/// What one crisis hands to the next.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Carried {
    /// Credibility of the League and of the UN; `None` for an institution no crisis has met yet.
    pub league: Option<f32>,
    pub un: Option<f32>,
    pub appetite: f32,
    pub tension: f32,
    pub faith: f32,
}

impl Carried {
    fn lessons(&self) -> Lessons {
        Lessons { appetite: self.appetite, tension: self.tension, faith: self.faith }
    }
    /// The credibility a level starts with: what was carried for institutions already met, its own otherwise.
    pub fn credibility(&self, level: &LevelDef) -> Credibility {
        let own = level.institution.credibility;
        let pick = |c: Option<f32>, k: InstitutionKind| c.unwrap_or(if level.institution.kind == k { own } else { 0.5 });
        Credibility { league: pick(self.league, InstitutionKind::League), un: pick(self.un, InstitutionKind::UnitedNations) }
    }
}

/// One era of a campaign run.
#[derive(Clone, Debug, Serialize)]
pub struct Era {
    pub level: String,
    pub role: String,
    pub policy: &'static str,
    pub outcome: OutcomeKind,
    /// The seed the era was played with.
    pub seed: u64,
    /// World tension when the era ended (half of it carries into the next).
    pub tension: f32,
    /// The institution the era met.
    #[serde(skip)]
    pub level_kind: InstitutionKind,
    pub carried_in: Carried,
    pub carried_out: Carried,
}

/// One era's setup: the level, the player's state (`None`: the level's first playable state) and its
/// strategy (`None`: the campaign's).
#[derive(Clone)]
pub struct Stage {
    pub level: Arc<LevelDef>,
    pub role: Option<StateIx>,
    pub policy: Option<Policy>,
    /// Orders a person gave in this era, turn by turn, replayed instead of a strategy's.
    pub replay: Option<Vec<Vec<crate::level::Order>>>,
}

/// Plays the crises in order from one seed (each era its own, `next_era_seed`), carrying each one's legacy into the next.
pub fn play(sim: &mut Simulation, stages: &[Stage], policy: Policy, seed: u64, carry_credibility: bool) -> Vec<Era> {
    play_without(sim, stages, policy, seed, carry_credibility, None)
}

/// The same, with the legacy of era `neutral` removed: it hands on what it received, and its institution's
/// credibility as it stood when the era began.
pub fn play_without(
    sim: &mut Simulation,
    stages: &[Stage],
    policy: Policy,
    seed: u64,
    carry_credibility: bool,
    neutral: Option<usize>,
) -> Vec<Era> {
    let mut carried = Carried::default();
    let mut out = Vec::with_capacity(stages.len());
    let mut last_kind = None;
    let mut seed = seed;
    for (i, st) in stages.iter().enumerate() {
        if i > 0 {
            seed = crate::sim::core::next_era_seed(seed);
        }
        let l = &st.level;
        // Faith is faith in an institution: a new one (the UN after the League) starts without the old one's losses.
        if last_kind.is_some_and(|k| k != l.institution.kind) {
            carried.faith = 0.0;
        }
        last_kind = Some(l.institution.kind);
        let cred = carry_credibility.then(|| carried.credibility(l));
        let policy = st.policy.unwrap_or(policy);
        let strategy = st.replay.is_none().then_some(policy);
        sim.start(&RunSetup { level: l.clone(), seed, role: st.role, policy: strategy, credibility: cred, lessons: carried.lessons() });
        for orders in st.replay.iter().flatten() {
            for o in orders {
                sim.order(o.clone());
            }
            if sim.step() {
                break;
            }
        }
        sim.run_to_end();
        let w = sim.world();
        let outcome = w.resource::<super::trace::RunLog>().outcome.map_or(OutcomeKind::Frozen, |o| o.0);
        let cred = *w.resource::<Credibility>();
        let tension = w.resource::<WorldTension>().tension;
        let lessons = carried.lessons().after_run(w);
        let mut next = Carried { appetite: lessons.appetite, tension: lessons.tension, faith: lessons.faith, ..carried };
        // Without its legacy, an era hands on its institution's credibility as it began.
        let cred = if neutral == Some(i) { carried.credibility(l) } else { cred };
        match l.institution.kind {
            InstitutionKind::League => next.league = Some(cred.league),
            InstitutionKind::UnitedNations => next.un = Some(cred.un),
        }
        if neutral == Some(i) {
            (next.appetite, next.tension, next.faith) = (carried.appetite, carried.tension, carried.faith);
        }
        let role = st.role.unwrap_or_else(|| l.default_role());
        out.push(Era {
            level: l.id.clone(),
            role: l.states[role].id.clone(),
            policy: policy.name(),
            outcome,
            seed,
            tension,
            level_kind: l.institution.kind,
            carried_in: carried,
            carried_out: next,
        });
        carried = next;
    }
    out
}

impl Era {
    /// The era as the campaign debrief and report show it.
    pub fn mark(&self, name: &str, strategy: &str) -> EraMark {
        let own = |k: InstitutionKind, c: Option<f32>| if self.level_kind == k { c } else { None };
        EraMark {
            level: self.level.clone(),
            name: name.to_string(),
            role: self.role.clone(),
            outcome: self.outcome,
            strategy: strategy.to_string(),
            league: own(InstitutionKind::League, self.carried_out.league),
            un: own(InstitutionKind::UnitedNations, self.carried_out.un),
            tension: self.tension,
            orders: vec![],
            seed: self.seed,
        }
    }
}

/// Over many seeds: each era's outcome shares, and the mean of what it carried out.
#[derive(Clone, Debug, Serialize)]
pub struct EraShares {
    pub level: String,
    pub role: String,
    pub policy: &'static str,
    pub runs: usize,
    pub outcome_shares: BTreeMap<&'static str, f64>,
    pub carried_out: Carried,
}

/// Plays the campaign over seeds `seed..seed + runs`, split over the cores (the counts do not depend on how many).
pub fn shares(stages: &[Stage], policy: Policy, seed: u64, runs: usize, carry_credibility: bool) -> Vec<EraShares> {
    if runs == 0 {
        return vec![];
    }
    let all: Vec<Vec<Era>> = crate::sim::parallel::over_cores(runs, Simulation::lean, |sim, range| {
        range.map(|k| play(sim, stages, policy, seed.wrapping_add(k as u64), carry_credibility)).collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    (0..stages.len()).map(|i| era_shares(&all, i, runs)).collect()
}

fn era_shares(all: &[Vec<Era>], i: usize, runs: usize) -> EraShares {
    let n = runs.max(1) as f64;
    let eras: Vec<&Era> = all.iter().map(|r| &r[i]).collect();
    let mean = |f: &dyn Fn(&Carried) -> f32| (eras.iter().map(|e| f64::from(f(&e.carried_out))).sum::<f64>() / n) as f32;
    let some_mean =
        |f: &dyn Fn(&Carried) -> Option<f32>| eras.first().and_then(|e| f(&e.carried_out)).map(|_| mean(&|c| f(c).unwrap_or(0.0)));
    let first = eras[0];
    EraShares {
        level: first.level.clone(),
        role: first.role.clone(),
        policy: first.policy,
        runs,
        outcome_shares: OutcomeKind::ALL.into_iter().map(|o| (o.id(), eras.iter().filter(|e| e.outcome == o).count() as f64 / n)).collect(),
        carried_out: Carried {
            league: some_mean(&|c| c.league),
            un: some_mean(&|c| c.un),
            appetite: mean(&|c| c.appetite),
            tension: mean(&|c| c.tension),
            faith: mean(&|c| c.faith),
        },
    }
}
