//! The run as the command line prints it (`simulate --json`): a contract other tools rely on.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::level::{Date, OutcomeKind};

use super::core::*;
use super::runner::Simulation;
use super::trace::{Ballot, Explanation, NewsItem};

#[derive(Serialize)]
pub struct RunReport {
    pub level: String,
    pub seed: u64,
    pub policy: String,
    pub role: String,
    pub outcome: OutcomeReport,
    pub votes: Vec<VoteReport>,
    pub explanation: Vec<Explanation>,
    pub news: Vec<NewsItem>,
    /// Every decision of every state, with its factors.
    pub decisions: Vec<super::trace::Decision>,
    /// Each turn's channels to the aggressor: forces, pacts, sanctions, blockade, arms, trust, appetite.
    pub channels: Vec<super::trace::Channels>,
}

#[derive(Serialize)]
pub struct OutcomeReport {
    pub result: &'static str,
    pub turns: usize,
    /// Share of the contested ground the aggressor holds at the end.
    pub control: f32,
    pub costs: Costs,
}

#[derive(Serialize)]
pub struct Costs {
    /// Power lost in the fighting (CINC-turns) by the aggressor's side and by the defenders.
    pub aggressor_losses: f32,
    pub defender_losses: f32,
    /// Share of the aggressor's trade that sanctioners gave up, summed over them.
    pub sanctions_cost: f32,
    /// The institution's credibility at the end.
    pub credibility: f32,
    pub tension: f32,
}

#[derive(Serialize)]
pub struct VoteReport {
    pub turn: usize,
    pub date: Date,
    pub body: &'static str,
    pub motion: &'static str,
    pub procedural: bool,
    pub proposer: String,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    pub absent: u32,
    pub adopted: bool,
    pub vetoed_by: Vec<String>,
    pub decisive: Vec<String>,
    pub ballots: BTreeMap<String, Ballot>,
    /// The groups whose members divided: each kind of ballot they cast (their entry in `ballots` is the one
    /// most of them cast).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub divided: BTreeMap<String, super::trace::Split>,
}

fn r3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

impl RunReport {
    pub fn from_sim(sim: &Simulation, policy: &str) -> RunReport {
        let w = sim.world();
        let log = sim.log();
        let level = &w.resource::<Level>().0;
        let role = w.resource::<PlayerRole>();
        let mif = w.resource::<MeasuresInForce>();
        let cred = w.resource::<Credibility>();
        let tension = w.resource::<WorldTension>();
        let (result, turns) = log.outcome.unwrap_or((OutcomeKind::Frozen, w.resource::<Calendar>().turn));
        let control = log.control.last().copied().unwrap_or(level.crisis.control);
        let losses = w.iter_entities().find_map(|e| e.get::<Crisis>().map(|c| c.losses)).unwrap_or_default();
        RunReport {
            level: level.id.clone(),
            seed: w.resource::<SimRng>().seed(),
            policy: policy.to_string(),
            role: level.states[role.ix].id.clone(),
            outcome: OutcomeReport {
                result: result.id(),
                turns,
                control: r3(control),
                costs: Costs {
                    aggressor_losses: r3(losses.0),
                    defender_losses: r3(losses.1),
                    sanctions_cost: r3(mif.sanctions_trace.as_ref().map_or(0.0, |t| t.costs.iter().map(|c| c.1).sum())),
                    credibility: r3(cred.of(level.institution.kind)),
                    tension: r3(tension.tension),
                },
            },
            votes: log
                .votes
                .iter()
                .map(|v| VoteReport {
                    turn: v.turn,
                    date: v.date,
                    body: v.body.id(),
                    motion: v.motion.id(),
                    procedural: v.procedural,
                    proposer: v.proposer.clone(),
                    yes: v.yes,
                    no: v.no,
                    abstain: v.abstain,
                    absent: v.absent,
                    adopted: v.adopted,
                    vetoed_by: v.vetoed_by.clone(),
                    decisive: v.decisive.clone(),
                    ballots: v.ballots.iter().map(|(id, b)| (id.to_string(), *b)).collect(),
                    divided: v.divided.iter().map(|(id, s)| (id.to_string(), *s)).collect(),
                })
                .collect(),
            explanation: log.explanation.clone(),
            news: log.news.clone(),
            decisions: log.decisions.clone(),
            channels: log.channels.clone(),
        }
    }
}
