//! Playing the same seeds with and without each candidate cause, spread over every core, and naming the
//! causes whose removal moves the explained result.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bevy::prelude::*;
use serde::Serialize;

use crate::level::{LevelDef, Order, OutcomeKind, StateIx};
use crate::sim::core::{Crisis, MeasuresInForce, Policy};
use crate::sim::explain::mechanism_results;
use crate::sim::runner::{RunSetup, Simulation};
use crate::sim::text::{body_name, measure_name};
use crate::sim::trace::{Mechanism, RunLog};

use super::{Cause, Intervention, MIN_EFFECT, OrderKind, RuleChange, can_be_cause};

/// Where the player's orders come from in the re-runs.
#[derive(Clone, Debug)]
pub enum PlanOrders {
    /// A strategy gives them, as in `simulate --policy`.
    Policy(Policy),
    /// The orders a person gave, turn by turn, replayed; none after the last.
    Replay(Vec<Vec<Order>>),
}

/// What is explained, and over which seeds.
#[derive(Clone)]
pub struct Plan {
    pub level: Arc<LevelDef>,
    pub role: StateIx,
    pub seed: u64,
    pub runs: usize,
    pub orders: PlanOrders,
    /// Stop after this turn: the causes of what has happened so far in a crisis still under way.
    pub until: Option<usize>,
    /// Credibility and lessons carried in from earlier crises of a campaign.
    pub carried: (Option<crate::sim::core::Credibility>, crate::sim::runner::Lessons),
}

/// The result with a cause removed: the outcome shares, or the mechanism's success share.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(untagged)]
pub enum Without {
    Outcomes(BTreeMap<OutcomeKind, f64>),
    Success(f64),
}

/// One measured cause of one result, in the `causes` array of `simulate --explain --json`.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct MeasuredCause {
    pub mechanism: Mechanism,
    pub cause: String,
    pub label: String,
    /// The sentence without the result's name, for a panel that already shows it.
    #[serde(skip)]
    pub short: String,
    pub without: Without,
    /// The share of the explained result with the cause, and without it.
    pub was: f64,
    pub now: f64,
    /// Signed change in the share of the explained result when the cause is removed, −1 to 1.
    pub effect: f64,
}

/// What one run came to: its outcome and whether each mechanism it tried worked.
#[derive(Clone, Debug, Default)]
struct RunResult {
    outcome: Option<OutcomeKind>,
    mechanisms: Vec<(Mechanism, bool)>,
}

impl RunResult {
    /// Whether the run shows `result`: the outcome, or the mechanism's success or failure.
    fn shows(&self, result: &Explained) -> bool {
        match result.mechanism {
            Mechanism::Outcome => self.outcome == result.outcome,
            m => self.mechanisms.iter().any(|x| x.0 == m && x.1) == result.succeeded,
        }
    }
    fn succeeded(&self, m: Mechanism) -> bool {
        self.mechanisms.iter().any(|x| x.0 == m && x.1)
    }
}

/// A result to explain: an outcome, or one mechanism's success or failure.
#[derive(Clone, Copy, Debug)]
pub struct Explained {
    pub mechanism: Mechanism,
    pub outcome: Option<OutcomeKind>,
    pub succeeded: bool,
}

/// One re-run setup: the level it plays and what it changes inside the simulation.
struct Job {
    cause: Option<Cause>,
    level: Arc<LevelDef>,
    intervention: Intervention,
}

/// Plays one seed of a plan under one job.
fn play(sim: &mut Simulation, plan: &Plan, job: &Job, k: usize) -> RunResult {
    sim.app.insert_resource(job.intervention);
    let policy = match &plan.orders {
        PlanOrders::Policy(p) => Some(*p),
        PlanOrders::Replay(_) => None,
    };
    sim.start(&RunSetup {
        level: job.level.clone(),
        seed: plan.seed.wrapping_add(k as u64),
        role: Some(plan.role),
        policy,
        credibility: plan.carried.0,
        lessons: plan.carried.1,
    });
    let last = plan.until.unwrap_or(usize::MAX - 1);
    for t in 0..=job.level.turns.len().min(last) {
        if let PlanOrders::Replay(orders) = &plan.orders {
            for o in orders.get(t).into_iter().flatten().filter(|o| job.intervention.keeps(plan.role, o)) {
                sim.order(o.clone());
            }
        }
        if sim.step() {
            break;
        }
    }
    result_of(sim.app.world_mut())
}

fn result_of(world: &mut World) -> RunResult {
    let crisis = world.query::<&Crisis>().iter(world).next().cloned();
    let log = world.resource::<RunLog>();
    let mif = world.resource::<MeasuresInForce>();
    let mechanisms = crisis.map(|c| mechanism_results(log, mif, &c)).unwrap_or_default();
    RunResult { outcome: log.outcome.map(|o| o.0), mechanisms }
}

/// Runs every job on every seed of the plan, split over the cores; the same whatever their number.
async fn run_jobs(plan: &Plan, jobs: &[Job], progress: &AtomicUsize) -> Vec<Vec<RunResult>> {
    let total = jobs.len() * plan.runs;
    let mut out: Vec<Vec<RunResult>> = jobs.iter().map(|_| vec![RunResult::default(); plan.runs]).collect();
    let done = crate::sim::parallel::in_batches(total, Simulation::lean, |sim, range| {
        range
            .map(|i| {
                let r = play(sim, plan, &jobs[i / plan.runs], i % plan.runs);
                progress.fetch_add(1, Ordering::Relaxed);
                (i, r)
            })
            .collect::<Vec<_>>()
    })
    .await;
    for (i, r) in done.into_iter().flatten() {
        out[i / plan.runs][i % plan.runs] = r;
    }
    out
}

/// The candidate causes in a run's full record: the factors its decisions weighed, the rules its votes
/// met, the level's dated events, the theatre's seasons that fell on the turns played, the aggressor's limited
/// aims, the states whose
/// ballots decided a vote, and the orders given by the player's state (and, under the historical strategy,
/// by every playable state).
pub fn candidates(level: &LevelDef, log: &RunLog, plan: &Plan) -> Vec<Cause> {
    let mut out: Vec<Cause> = Vec::new();
    let mut factors: Vec<_> =
        log.decisions.iter().flat_map(|d| d.factors.iter()).filter(|f| f.weight.abs() > 1e-4 && can_be_cause(f.id)).map(|f| f.id).collect();
    factors.sort();
    factors.dedup();
    out.extend(factors.into_iter().map(Cause::Factor));
    let voted = |rule: fn(&crate::level::VotingRule) -> bool| log.votes.iter().any(|v| level.body(v.body).is_some_and(|b| rule(&b.rule)));
    if voted(|r| matches!(r, crate::level::VotingRule::Qualified { veto: true, .. })) {
        out.push(Cause::Rule(RuleChange::NoVeto));
    }
    if voted(|r| *r == crate::level::VotingRule::Unanimity) {
        out.push(Cause::Rule(RuleChange::MajorityForUnanimity));
    }
    if log.votes.iter().any(|v| v.absent > 0) {
        out.push(Cause::Rule(RuleChange::AbsenceAsNo));
    }
    let played = log.control.len().max(1);
    out.extend(
        level
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.turn < played && e.effect != crate::level::EventEffect::News)
            .map(|(i, _)| Cause::Event(i)),
    );
    out.extend(season_candidates(level, played));
    if level.crisis.aim < 1.0 {
        out.push(Cause::Aims);
    }
    let mut deciders: Vec<StateIx> = log.votes.iter().flat_map(|v| v.decisive.iter()).filter_map(|id| level.state_ix(id)).collect();
    deciders.sort();
    deciders.dedup();
    out.extend(deciders.into_iter().map(Cause::Ballots));
    out.extend(order_candidates(level, log, plan, played));
    out
}

/// The theatre's seasons that would slow the front on some day of the turns played.
fn season_candidates(level: &LevelDef, played: usize) -> Vec<Cause> {
    let start = level.turns[0].date.days();
    let end = crate::sim::core::turn_days(level, played.min(level.turns.len()) - 1).1;
    let slowed = |s: &crate::level::Season| crate::sim::conflict::season_pace(std::slice::from_ref(s), start, end).0 < 1.0;
    level.crisis.seasons.iter().enumerate().filter(|(_, s)| slowed(s)).map(|(i, _)| Cause::Season(i)).collect()
}

fn order_candidates(level: &LevelDef, log: &RunLog, plan: &Plan, played: usize) -> Vec<Cause> {
    let mut given: Vec<(StateIx, OrderKind)> = log.player_orders.iter().flatten().map(|o| (plan.role, OrderKind::of(o))).collect();
    if matches!(plan.orders, PlanOrders::Policy(Policy::Historical)) {
        for p in &level.playable {
            given.extend(p.historical.iter().take(played).flatten().map(|o| (p.state, OrderKind::of(o))));
        }
    }
    given.retain(|g| g.1 != OrderKind::Wait);
    given.sort();
    given.dedup();
    given.into_iter().map(|(s, k)| Cause::Orders(s, k)).collect()
}

/// How a result reads in a sentence, with its share: "the aggressor prevails in 40 % of runs". A mechanism's
/// failure reads as a failure, so that the share and its change speak of the same thing.
fn result_phrase(r: &Explained) -> String {
    if !r.succeeded && r.mechanism != Mechanism::Outcome {
        return failure_phrase(r.mechanism);
    }
    match r.mechanism {
        Mechanism::Outcome => match r.outcome {
            Some(OutcomeKind::Deterred) => "the aggressor is deterred".into(),
            Some(OutcomeKind::Halted) => "the aggressor is halted".into(),
            Some(OutcomeKind::Reversed) => "the aggression is reversed".into(),
            Some(OutcomeKind::AggressorPrevails) => "the aggressor prevails".into(),
            Some(OutcomeKind::Frozen) => "the conflict is frozen".into(),
            None => "the crisis is still open".into(),
        },
        Mechanism::Vote(b, m) => format!("{} adopted in the {}", measure_name(m), body_name(b)),
        Mechanism::Sanctions => "sanctions work".into(),
        Mechanism::Enforcement => "the coalition pushes the aggressor back".into(),
        Mechanism::Appeasement => "concessions buy peace".into(),
        Mechanism::Peacekeeping => "peacekeepers deploy".into(),
        Mechanism::Deterrence => "the aggressor is stopped short of its prize".into(),
    }
}

fn failure_phrase(m: Mechanism) -> String {
    match m {
        Mechanism::Outcome => String::new(),
        Mechanism::Vote(b, m) => format!("{} fails in the {}", measure_name(m), body_name(b)),
        Mechanism::Sanctions => "sanctions fail".into(),
        Mechanism::Enforcement => "the coalition does not push the aggressor back".into(),
        Mechanism::Appeasement => "concessions do not buy peace".into(),
        Mechanism::Peacekeeping => "no peacekeepers deploy".into(),
        Mechanism::Deterrence => "the aggressor is not stopped short of its prize".into(),
    }
}

fn pct(x: f64) -> String {
    format!("{:.0} %", 100.0 * x)
}

/// Share of runs showing the result, and of the mechanism succeeding (or of each outcome).
fn shares(runs: &[RunResult], r: &Explained) -> (f64, Without) {
    let n = runs.len().max(1) as f64;
    let result = runs.iter().filter(|x| x.shows(r)).count() as f64 / n;
    let without = match r.mechanism {
        Mechanism::Outcome => Without::Outcomes(
            OutcomeKind::ALL.into_iter().map(|o| (o, round(runs.iter().filter(|x| x.outcome == Some(o)).count() as f64 / n))).collect(),
        ),
        m => Without::Success(round(runs.iter().filter(|x| x.succeeded(m)).count() as f64 / n)),
    };
    (result, without)
}

/// Whether the paired change is larger than chance: at least twice its standard error over the seeds.
fn beyond_chance(base: &[RunResult], other: &[RunResult], r: &Explained) -> bool {
    let d: Vec<f64> = base.iter().zip(other).map(|(a, b)| f64::from(u8::from(b.shows(r))) - f64::from(u8::from(a.shows(r)))).collect();
    let n = d.len().max(2) as f64;
    let mean = d.iter().sum::<f64>() / n;
    let var = d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    mean.abs() >= 2.0 * (var / n).sqrt()
}

/// The results a full run shows, to be explained: its outcome (if it ended) and every mechanism it tried.
pub fn results_of(log: &RunLog, world_mechanisms: &[(Mechanism, bool)]) -> Vec<Explained> {
    let mut out: Vec<Explained> = Vec::new();
    if let Some((o, _)) = log.outcome {
        out.push(Explained { mechanism: Mechanism::Outcome, outcome: Some(o), succeeded: true });
    }
    out.extend(world_mechanisms.iter().map(|&(m, s)| Explained { mechanism: m, outcome: None, succeeded: s }));
    out
}

/// What most of the runs show: the most frequent outcome, and each mechanism tried in at least a tenth of
/// the runs with its more frequent result.
fn typical_results(runs: &[RunResult]) -> Vec<Explained> {
    let mut out = Vec::new();
    let n = runs.len().max(1);
    let modal = OutcomeKind::ALL.into_iter().max_by_key(|o| (runs.iter().filter(|r| r.outcome == Some(*o)).count(), std::cmp::Reverse(*o)));
    if runs.iter().any(|r| r.outcome.is_some()) {
        out.push(Explained { mechanism: Mechanism::Outcome, outcome: modal, succeeded: true });
    }
    let mut tried: BTreeMap<Mechanism, (usize, usize)> = BTreeMap::new();
    for (m, ok) in runs.iter().flat_map(|r| r.mechanisms.iter()) {
        let e = tried.entry(*m).or_default();
        e.0 += 1;
        e.1 += usize::from(*ok);
    }
    out.extend(tried.into_iter().filter(|(_, (t, _))| *t * 10 >= n).map(|(m, (t, ok))| Explained {
        mechanism: m,
        outcome: None,
        succeeded: 2 * ok >= t,
    }));
    out
}

/// Measures the causes of `results` (or, when `None`, of what most runs show) over the plan's seeds: every
/// candidate is removed in turn and the same seeds played again. Returns the named causes (effect at least
/// [`MIN_EFFECT`] and beyond chance), the largest first within each result. `progress` counts runs done,
/// out of [`runs_needed`].
pub fn measure_causes(plan: &Plan, candidates: &[Cause], results: Option<&[Explained]>, progress: &AtomicUsize) -> Vec<MeasuredCause> {
    crate::sim::parallel::wait(measure_causes_async(plan, candidates, results, progress))
}

/// [`measure_causes`] as background work, which in the browser gives the page back between batches of runs.
pub async fn measure_causes_async(
    plan: &Plan,
    candidates: &[Cause],
    results: Option<&[Explained]>,
    progress: &AtomicUsize,
) -> Vec<MeasuredCause> {
    let mut jobs = vec![Job { cause: None, level: plan.level.clone(), intervention: Intervention::default() }];
    jobs.extend(candidates.iter().map(|&c| Job {
        cause: Some(c),
        level: c.edit_level(&plan.level).map_or_else(|| plan.level.clone(), Arc::new),
        intervention: c.intervention(),
    }));
    let runs = run_jobs(plan, &jobs, progress).await;
    let typical;
    let results = match results {
        Some(r) => r,
        None => {
            typical = typical_results(&runs[0]);
            &typical
        }
    };
    let mut out = Vec::new();
    for r in results {
        let (was, before) = shares(&runs[0], r);
        let mut found: Vec<MeasuredCause> = jobs
            .iter()
            .zip(&runs)
            .skip(1)
            .filter_map(|(job, rs)| {
                let cause = job.cause?;
                let (now, without) = shares(rs, r);
                let effect = now - was;
                (effect.abs() >= MIN_EFFECT && beyond_chance(&runs[0], rs, r)).then(|| named(plan, cause, r, (was, &before), now, without))
            })
            .collect();
        found.sort_by(|a, b| b.effect.abs().total_cmp(&a.effect.abs()).then_with(|| a.cause.cmp(&b.cause)));
        out.extend(found);
    }
    out
}

/// A cause as the player reads it: the result explained (a mechanism's success, or its failure), its share
/// without the cause and with it, so that the signed effect shown beside it is the change of that share.
fn named(plan: &Plan, cause: Cause, r: &Explained, (was, before): (f64, &Without), now: f64, without: Without) -> MeasuredCause {
    let what = cause.label(&plan.level);
    let mut label = format!("{what}: {} in {} of runs (was {})", result_phrase(r), pct(now), pct(was));
    if let Some((o, b, n)) = moved(r, before, &without) {
        label.push_str(&format!("; {} in {} (was {})", outcome_word(o), pct(n), pct(b)));
    }
    let verb = match (r.mechanism, r.succeeded) {
        (Mechanism::Outcome, _) => result_phrase(r),
        (Mechanism::Vote(..), true) => "adopted".into(),
        (Mechanism::Vote(..), false) => "not adopted".into(),
        (_, true) => "worked".into(),
        (_, false) => "failed".into(),
    };
    let short = format!("{what}: {verb} in {} of runs (was {})", pct(now), pct(was));
    MeasuredCause {
        mechanism: r.mechanism,
        cause: cause.id(&plan.level),
        label,
        short,
        without,
        was: round(was),
        now: round(now),
        effect: round(now - was),
    }
}

/// Where the runs went, for an outcome: the other outcome whose share moved most the other way (gained what
/// the explained outcome lost, or lost what it gained), with its share before and after.
fn moved(r: &Explained, before: &Without, after: &Without) -> Option<(OutcomeKind, f64, f64)> {
    let (Without::Outcomes(b), Without::Outcomes(a)) = (before, after) else { return None };
    let explained = r.outcome?;
    let sign = (a.get(&explained)? - b.get(&explained)?).signum();
    OutcomeKind::ALL
        .into_iter()
        .filter(|o| *o != explained)
        .filter_map(|o| Some((o, *b.get(&o)?, *a.get(&o)?)))
        .filter(|(_, b, a)| -sign * (a - b) >= MIN_EFFECT)
        .max_by(|x, y| (-sign * (x.2 - x.1)).total_cmp(&(-sign * (y.2 - y.1))))
}

/// An outcome in a word or two, after the explained result's sentence.
fn outcome_word(o: OutcomeKind) -> &'static str {
    match o {
        OutcomeKind::Deterred => "deterred",
        OutcomeKind::Halted => "halted",
        OutcomeKind::Reversed => "reversed",
        OutcomeKind::AggressorPrevails => "the aggressor prevails",
        OutcomeKind::Frozen => "frozen",
    }
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Plays the plan's first seed in full, for its record: where the candidate causes come from.
pub fn sample_run(plan: &Plan) -> (RunLog, Vec<(Mechanism, bool)>) {
    let mut sim = Simulation::new();
    let job = Job { cause: None, level: plan.level.clone(), intervention: Intervention::default() };
    let first = play(&mut sim, plan, &job, 0);
    (sim.log().clone(), first.mechanisms)
}

/// The causes of what most runs of the plan show, with candidates from its first seed: what the command
/// line's `simulate --explain` prints.
pub fn explain_plan(plan: &Plan, progress: &AtomicUsize) -> Vec<MeasuredCause> {
    let (log, _) = sample_run(plan);
    let cands = candidates(&plan.level, &log, plan);
    measure_causes(plan, &cands, None, progress)
}

/// How many runs [`explain_plan`] will play, for a progress bar: known once the candidates are.
pub fn runs_needed(candidates: usize, runs: usize) -> usize {
    (candidates + 1) * runs
}
