//! Many seeded runs, spread over every core: the outcome shares of one setup, and the three strategies
//! compared from a point of the crisis. Each thread has its own simulation; seeds are split into contiguous
//! ranges and the counts added, so the result is the same whatever the number of cores.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::level::StateIx;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::level::{LevelDef, Order, OutcomeKind};

use super::core::{PlayerRole, Policy};
use super::runner::{RunSetup, Simulation};
use super::trace::FactorId;

/// Outcome shares per strategy, and the factors that most often decided the aggressor's last choice.
#[derive(Clone, Debug)]
pub struct StrategyResult {
    pub policy: Policy,
    pub shares: BTreeMap<OutcomeKind, f64>,
    pub deciding: Vec<(FactorId, usize)>,
}

/// What a batch of runs counted.
#[derive(Default)]
struct Counts {
    outcomes: BTreeMap<OutcomeKind, usize>,
    deciding: BTreeMap<FactorId, usize>,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        for (k, v) in other.outcomes {
            *self.outcomes.entry(k).or_default() += v;
        }
        for (k, v) in other.deciding {
            *self.deciding.entry(k).or_default() += v;
        }
    }
    fn shares(&self, runs: usize) -> BTreeMap<OutcomeKind, f64> {
        OutcomeKind::ALL.into_iter().map(|o| (o, *self.outcomes.get(&o).unwrap_or(&0) as f64 / runs.max(1) as f64)).collect()
    }
}

/// Runs `f` on seeds `0..runs` split over the cores, each thread with its own simulation, and adds the counts.
async fn spread(runs: usize, f: impl Fn(&mut Simulation, usize, &mut Counts) + Sync) -> Counts {
    let mut total = Counts::default();
    for c in super::parallel::in_batches(runs, Simulation::lean, |sim, range| {
        let mut c = Counts::default();
        for k in range {
            f(sim, k, &mut c);
        }
        c
    })
    .await
    {
        total.add(c);
    }
    total
}

/// Shares of each outcome over `runs` seeds from `setup.seed`.
pub fn outcome_shares(setup: &RunSetup, runs: usize) -> BTreeMap<OutcomeKind, f64> {
    let counts = super::parallel::wait(spread(runs, |sim, k, c| {
        sim.start(&RunSetup { seed: setup.seed.wrapping_add(k as u64), ..setup.clone() });
        sim.run_to_end();
        if let Some((o, _)) = sim.log().outcome {
            *c.outcomes.entry(o).or_default() += 1;
        }
    }));
    counts.shares(runs)
}

/// Outcome shares as history went (every playable state's recorded orders) of each of `levels`, a crisis and
/// its what-if variants, over the same `runs` seeds from `seed`: common random numbers, so that what differs
/// between them is the what-if's own doing. Background work, as [`compare`].
pub async fn as_history_went(
    levels: Vec<Arc<LevelDef>>,
    seed: u64,
    runs: usize,
    progress: Arc<AtomicUsize>,
) -> Vec<BTreeMap<OutcomeKind, f64>> {
    let mut out = Vec::with_capacity(levels.len());
    for level in levels {
        let counts = spread(runs, |sim, k, c| {
            sim.start(&RunSetup {
                level: level.clone(),
                seed: seed.wrapping_add(k as u64),
                role: None,
                policy: Some(Policy::Historical),
                credibility: None,
                lessons: Default::default(),
            });
            sim.run_to_end();
            if let Some((o, _)) = sim.log().outcome {
                *c.outcomes.entry(o).or_default() += 1;
            }
            progress.fetch_add(1, Ordering::Relaxed);
        })
        .await;
        out.push(counts.shares(runs));
    }
    out
}

/// Plays the level under each strategy over many seeds. The player's orders in `prefix` are replayed first,
/// turn by turn, so the comparison starts from that point of the crisis. Background work: in the browser it
/// gives the page back between batches of runs; elsewhere `parallel::wait` waits for it.
pub async fn compare(
    level: Arc<LevelDef>,
    role: StateIx,
    seed: u64,
    prefix: &[Vec<Order>],
    runs: usize,
    progress: Arc<AtomicUsize>,
) -> Vec<StrategyResult> {
    let mut out = Vec::with_capacity(3);
    for policy in [Policy::Appease, Policy::Alliance, Policy::Collective] {
        let counts = spread(runs, |sim, k, c| {
            let first = if prefix.is_empty() { Some(policy) } else { None };
            sim.start(&RunSetup {
                level: level.clone(),
                seed: seed.wrapping_add(k as u64),
                role: Some(role),
                policy: first,
                credibility: None,
                lessons: Default::default(),
            });
            for orders in prefix {
                for o in orders {
                    sim.order(o.clone());
                }
                if sim.step() {
                    break;
                }
            }
            sim.app.world_mut().resource_mut::<PlayerRole>().policy = Some(policy);
            sim.run_to_end();
            let log = sim.log();
            if let Some((o, _)) = log.outcome {
                *c.outcomes.entry(o).or_default() += 1;
            }
            if let Some(top) = super::explain::deciding_factor(log) {
                *c.deciding.entry(top).or_default() += 1;
            }
            progress.fetch_add(1, Ordering::Relaxed);
        })
        .await;
        let mut d: Vec<(FactorId, usize)> = counts.deciding.iter().map(|(k, v)| (*k, *v)).collect();
        d.sort_by_key(|x| std::cmp::Reverse(x.1));
        d.truncate(3);
        out.push(StrategyResult { policy, shares: counts.shares(runs), deciding: d });
    }
    out
}
