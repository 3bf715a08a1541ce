//! Fidelity: each level played with the historical choices, set against the record, fact by fact.
//! The table in docs/FIDELITY.md is this module's output, never written by hand.

use std::fmt::Write;
use std::path::PathBuf;
use std::sync::Arc;

use crate::level::{self, LevelDef, RecordedVote};

use super::report::{RunReport, VoteReport};
use super::runner::RunSetup;
use super::{Ballot, Policy, Simulation};

/// One recorded fact and how often the simulation reproduced it.
pub struct Row {
    pub level: String,
    pub fact: String,
    pub recorded: String,
    pub simulated: String,
    /// Seeds whose verdict (or outcome) was the recorded one.
    pub matched: u64,
    /// Seeds in which every checked ballot also agreed with the record (votes only).
    pub strict: u64,
    /// Checked ballots reproduced, and checked, over all seeds (votes only).
    pub ballots: (u64, u64),
    /// Seed 0's tally against the recorded one: the sum of the differences in yes, no and abstentions.
    pub tally_diff: Option<u32>,
    pub seeds: u64,
    /// A vote never used to set any number (`held_out` in the level), or the outcome (`None`).
    pub held_out: Option<bool>,
    /// The row's level is held out whole (`levels/heldout/`): written after the model, never fitted.
    pub whole_level_held_out: bool,
}

fn runs(level: &Arc<LevelDef>, seeds: u64) -> Vec<RunReport> {
    let mut sim = Simulation::new();
    (0..seeds)
        .map(|seed| {
            sim.start(&RunSetup {
                level: level.clone(),
                seed,
                role: None,
                policy: Some(Policy::Historical),
                credibility: None,
                lessons: Default::default(),
            });
            sim.run_to_end();
            RunReport::from_sim(&sim, "historical")
        })
        .collect()
}

fn who(v: &VoteReport, b: Ballot) -> Vec<String> {
    let mut x: Vec<String> = v.ballots.iter().filter(|(_, bb)| **bb == b).map(|(id, _)| id.clone()).collect();
    x.sort();
    x
}

/// Whether a simulated vote matches the record: the verdict, and every state the record names against,
/// abstaining, absent or vetoing voted that way.
pub fn vote_matches(rec: &RecordedVote, v: &VoteReport) -> bool {
    let named = |ids: &[String], b: Ballot| ids.iter().all(|id| v.ballots.get(id) == Some(&b));
    v.adopted == rec.adopted
        && named(&rec.no, Ballot::No)
        && named(&rec.abstain, Ballot::Abstain)
        && named(&rec.absent, Ballot::Absent)
        && rec.vetoed_by.iter().all(|id| v.vetoed_by.contains(id))
}

/// The ballots a record lets us check, with the ballot it gives each: in a council every member (those it
/// does not name voted yes), in an assembly only the states it names.
pub fn checked_ballots(level: &LevelDef, rec: &RecordedVote) -> Vec<(String, Ballot)> {
    let named = |id: &str| {
        if rec.no.iter().any(|x| x == id) {
            Some(Ballot::No)
        } else if rec.abstain.iter().any(|x| x == id) {
            Some(Ballot::Abstain)
        } else if rec.absent.iter().any(|x| x == id) {
            Some(Ballot::Absent)
        } else {
            None
        }
    };
    match level.body(rec.body) {
        Some(b) if !rec.body.is_assembly() => {
            b.members.iter().map(|&m| (level.states[m].id.clone(), named(&level.states[m].id).unwrap_or(Ballot::Yes))).collect()
        }
        _ => rec.no.iter().chain(&rec.abstain).chain(&rec.absent).filter_map(|id| named(id).map(|b| (id.clone(), b))).collect(),
    }
}

pub use crate::level::raw::parse_tally;

/// The most states a simulated ballot list names in the table: the Soviet bloc's ten votes against fit, a list of
/// fifty does not.
const MAX_NAMED: usize = 10;

fn vote_row(level: &LevelDef, rec: &RecordedVote, reports: &[RunReport], seeds: u64) -> Row {
    let found: Vec<Option<&VoteReport>> = reports
        .iter()
        .map(|r| r.votes.iter().find(|v| v.turn == rec.turn as usize && v.body == rec.body.id() && v.motion == rec.measure.id()))
        .collect();
    let checked = checked_ballots(level, rec);
    let agree = |v: &VoteReport| checked.iter().filter(|(id, b)| v.ballots.get(id) == Some(b)).count() as u64;
    let matched = found.iter().filter(|v| v.is_some_and(|v| v.adopted == rec.adopted)).count() as u64;
    // A record of no votes against (or no abstentions) rules out any simulated one, named or not.
    let none_where_none =
        |v: &VoteReport| parse_tally(&rec.tally).is_none_or(|(_, n, a)| (n > 0 || v.no == 0) && (a > 0 || v.abstain == 0));
    let strict =
        found.iter().filter(|v| v.is_some_and(|v| vote_matches(rec, v) && agree(v) == checked.len() as u64 && none_where_none(v))).count()
            as u64;
    let ballots = (found.iter().map(|v| v.map_or(0, agree)).sum(), checked.len() as u64 * seeds);
    let first = found.first().copied().flatten();
    let tally_diff = parse_tally(&rec.tally).zip(first).map(|((y, n, a), v)| y.abs_diff(v.yes) + n.abs_diff(v.no) + a.abs_diff(v.abstain));
    let simulated = match first {
        Some(v) => {
            let mut s = format!("{}–{}–{}, {}", v.yes, v.no, v.abstain, if v.adopted { "adopted" } else { "not adopted" });
            for (label, b) in [("no", Ballot::No), ("abstain", Ballot::Abstain), ("absent", Ballot::Absent)] {
                let ids = who(v, b);
                if !ids.is_empty() && ids.len() <= MAX_NAMED {
                    let _ = write!(s, "; {label}: {}", ids.join(", "));
                }
            }
            s
        }
        None => "no such vote".into(),
    };
    let mut recorded = format!("{}, {}", rec.tally, if rec.adopted { "adopted" } else { "not adopted" });
    for (label, ids) in [("no", &rec.no), ("abstain", &rec.abstain), ("absent", &rec.absent)] {
        if !ids.is_empty() {
            let _ = write!(recorded, "; {label}: {}", ids.join(", "));
        }
    }
    let fact = format!("{} ({})", rec.document, rec.body.id());
    Row {
        level: level.id.clone(),
        fact,
        recorded,
        simulated,
        matched,
        strict,
        ballots,
        tally_diff,
        seeds,
        held_out: Some(rec.held_out),
        whole_level_held_out: false,
    }
}

/// Seeds over which the outcome is counted: an outcome that history shares with others needs more than the
/// votes do to say which is the most frequent.
pub const OUTCOME_SEEDS: u64 = 200;

pub fn rows(level: &Arc<LevelDef>, seeds: u64) -> Vec<Row> {
    let reports = runs(level, seeds);
    let mut out: Vec<Row> = level.history.votes.iter().map(|rec| vote_row(level, rec, &reports, seeds)).collect();
    out.push(outcome_row(level));
    out
}

/// The recorded outcome against the outcomes of `OUTCOME_SEEDS` runs played as history went.
fn outcome_row(level: &Arc<LevelDef>) -> Row {
    let setup = RunSetup {
        level: level.clone(),
        seed: 0,
        role: None,
        policy: Some(Policy::Historical),
        credibility: None,
        lessons: Default::default(),
    };
    let shares = super::compare::outcome_shares(&setup, OUTCOME_SEEDS as usize);
    let count = |o: level::OutcomeKind| (shares.get(&o).copied().unwrap_or(0.0) * OUTCOME_SEEDS as f64).round() as u64;
    let common =
        level::OutcomeKind::ALL.into_iter().fold(level::OutcomeKind::ALL[0], |best, o| if count(o) > count(best) { o } else { best });
    let hits = count(level.history.outcome);
    Row {
        level: level.id.clone(),
        fact: "outcome".into(),
        recorded: level.history.outcome.id().into(),
        simulated: format!("{} (most often)", common.id()),
        matched: hits,
        strict: hits,
        ballots: (0, 0),
        tally_diff: None,
        seeds: OUTCOME_SEEDS,
        held_out: None,
        whole_level_held_out: false,
    }
}

fn share(r: &Row, n: u64) -> String {
    if n == r.seeds {
        "yes".into()
    } else if n == 0 {
        "no".into()
    } else {
        format!("{n} of {}", r.seeds)
    }
}

/// The summary of one group of votes: verdicts and strict matches in every seed, and the ballots reproduced.
fn summary(label: &str, rows: &[&Row]) -> String {
    let n = rows.len();
    let verdicts = rows.iter().filter(|r| r.matched == r.seeds).count();
    let strict = rows.iter().filter(|r| r.strict == r.seeds).count();
    let (hit, of) = rows.iter().fold((0, 0), |a, r| (a.0 + r.ballots.0, a.1 + r.ballots.1));
    let acc = if of == 0 { "—".into() } else { format!("{:.0}%", 100.0 * hit as f64 / of as f64) };
    format!("| {label} | {n} | {verdicts} | {strict} | {acc} |")
}

/// The Markdown table for the shipped levels and the levels held out whole (`held`), whose every row is held out.
pub fn table(paths: &[PathBuf], held: &[PathBuf], seeds: u64) -> Result<String, String> {
    let mut all = Vec::new();
    for (p, whole) in paths.iter().map(|p| (p, false)).chain(held.iter().map(|p| (p, true))) {
        let level = Arc::new(level::load(p)?);
        if whole && level.history.votes.iter().any(|v| !v.held_out) {
            return Err(format!("{}: a level held out whole marks every recorded vote `held_out: true`", p.display()));
        }
        all.extend(rows(&level, seeds).into_iter().map(|r| Row { whole_level_held_out: whole, ..r }));
    }
    let mut s = String::new();
    let _ = writeln!(s, "# Fidelity\n");
    // The shipped table is a generated file; a modder's own levels are only tabulated.
    let origin = if held.is_empty() {
        format!("Tabulated by `collective-security fidelity LEVEL... --seeds {seeds}` for the levels given.")
    } else {
        format!("Generated by `collective-security fidelity --seeds {seeds}`; do not edit.")
    };
    let _ = writeln!(
        s,
        "{origin} Each level is played with `--policy historical` (every playable state gives the orders it gave in history; all other decisions are the model's own) over seeds 0 to {} for the votes, and 0 to {} for the outcome.\n",
        seeds - 1,
        OUTCOME_SEEDS - 1
    );
    let _ = writeln!(
        s,
        "A vote's **verdict** matches when it is adopted or not as recorded. It matches **strictly** when, besides, every ballot the record lets us check agrees: in a council every member (a member the record does not name voted yes), in an assembly every state the record names as voting no, abstaining or absent; and where the recorded tally has no votes against (or no abstentions), the simulated one has none either. **Ballots** is the share of those checked ballots reproduced, over all seeds. **Tally** is seed 0's difference from the recorded yes, no and abstentions, summed. An assembly's record names few states: its ballots say little about the others.\n"
    );
    let _ = writeln!(
        s,
        "**Held-out** votes (`held_out: true` in the level) were never used to set any number of the model or of a level; every other vote was available when the model and the levels' numbers were set (calibration). The held-out rows are the model's prediction, the calibration rows its fit. Levels held out whole (`levels/heldout/`, outside the campaign) were written after the model from data by rule and never changed once simulated: all their rows, the outcome included, are prediction.\n"
    );
    let _ = writeln!(s, "| votes | count | verdict right in every seed | strict in every seed | ballots reproduced |");
    let _ = writeln!(s, "|---|---|---|---|---|");
    let votes: Vec<&Row> = all.iter().filter(|r| r.held_out.is_some()).collect();
    let group = |h: bool| votes.iter().copied().filter(|r| r.held_out == Some(h)).collect::<Vec<_>>();
    let _ = writeln!(s, "{}", summary("calibration", &group(false)));
    let _ = writeln!(s, "{}", summary("held out", &group(true)));
    let outcomes = |whole: bool| all.iter().filter(|r| r.held_out.is_none() && r.whole_level_held_out == whole).collect::<Vec<_>>();
    let modal = |rows: &[&Row]| rows.iter().filter(|r| r.simulated.starts_with(&r.recorded)).count();
    let (shipped, held) = (outcomes(false), outcomes(true));
    let _ = write!(s, "\nOutcomes: the recorded outcome is the most frequent in {} of {} levels", modal(&shipped), shipped.len());
    if held.is_empty() {
        let _ = writeln!(s, ".\n");
    } else {
        let _ = writeln!(s, ", and in {} of {} held out whole (`levels/heldout/`).\n", modal(&held), held.len());
    }
    let _ = writeln!(s, "| level | recorded fact | set | record | simulated (seed 0) | verdict | strict | ballots | tally |");
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|---|");
    for r in &all {
        let set = match (r.held_out, r.whole_level_held_out) {
            (Some(true), _) | (None, true) => "held out",
            (Some(false), _) => "calibration",
            (None, false) => "outcome",
        };
        let ballots = if r.ballots.1 == 0 { "—".to_string() } else { format!("{:.0}%", 100.0 * r.ballots.0 as f64 / r.ballots.1 as f64) };
        let tally = r.tally_diff.map_or("—".into(), |d| d.to_string());
        let strict = if r.held_out.is_some() { share(r, r.strict) } else { "—".into() };
        let _ = writeln!(
            s,
            "| {} | {} | {set} | {} | {} | {} | {strict} | {ballots} | {tally} |",
            r.level,
            r.fact,
            r.recorded,
            r.simulated,
            share(r, r.matched)
        );
    }
    Ok(s)
}
