//! Explanation: for each mechanism tried, whether it worked and why, ranked by contribution and
//! naming the decisive actors. Built only from the recorded decisions and tallies.

use std::collections::BTreeMap;

use bevy::prelude::*;

use crate::level::OutcomeKind;

use super::core::*;
use super::trace::{Ballot, Decision, DecisionKind, ExplainedFactor, Explanation, Factor, FactorId as F, Mechanism, RunLog, VoteRecord};

pub fn plugin(app: &mut App) {
    app.add_systems(Turn, explain_run.run_if(super::trace::keeps_whole_log).after(super::conflict::advance).in_set(TurnSystems::Outcome));
}

const TOP: usize = 6;

/// Sums factors by id and ranks them by absolute weight.
pub fn rank<'a>(factors: impl IntoIterator<Item = &'a Factor>) -> Vec<ExplainedFactor> {
    rank_scaled(factors, 1.0)
}

fn rank_scaled<'a>(factors: impl IntoIterator<Item = &'a Factor>, scale: f32) -> Vec<ExplainedFactor> {
    let mut sum: BTreeMap<F, f32> = BTreeMap::new();
    for f in factors {
        *sum.entry(f.id).or_default() += f.weight * scale;
    }
    let mut v: Vec<ExplainedFactor> = sum
        .into_iter()
        .filter(|(_, w)| w.abs() > 1e-4)
        .map(|(id, weight)| ExplainedFactor { id, label: id.label(), weight: round(weight) })
        .collect();
    v.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()).then(a.id.cmp(&b.id)));
    v.truncate(TOP);
    v
}

fn round(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

fn explain_run(cal: Res<Calendar>, mif: Res<MeasuresInForce>, crisis: Single<&Crisis>, mut log: ResMut<RunLog>) {
    // Many-run measurements count outcomes and mechanisms, never these per-run explanations.
    if !cal.finished || !log.explanation.is_empty() {
        return;
    }
    let ex = explain(&log, &mif, &crisis);
    log.explanation = ex;
}

/// Builds the explanation of a finished run.
pub fn explain(log: &RunLog, mif: &MeasuresInForce, crisis: &Crisis) -> Vec<Explanation> {
    // Every vote: why it passed or failed.
    let mut out: Vec<Explanation> = log.votes.iter().map(|v| explain_vote(log, v)).collect();
    explain_sanctions(&mut out, log, mif, crisis);
    explain_enforcement(&mut out, log, mif, crisis);
    explain_appeasement(&mut out, mif, crisis);
    explain_peacekeeping(&mut out, log, mif);
    explain_deterrence(&mut out, log, crisis);
    out
}

/// Why a vote passed or failed: the factors of those who carried it, or of those who blocked it, and the rule
/// where it decided.
fn explain_vote(log: &RunLog, v: &VoteRecord) -> Explanation {
    let decision = |i: usize| v.decision_ix[i].and_then(|d| log.decisions.get(d));
    let mut deciders = v.decisive.len();
    let (factors, decisive): (Vec<&Factor>, Vec<String>) = if v.adopted {
        // Why the others carried it: the victim's own ballot for its cause is no reason of theirs.
        let carried: Vec<&Decision> = v
            .ballots
            .iter()
            .enumerate()
            .filter(|(_, b)| b.1 == Ballot::Yes)
            .filter_map(|(i, _)| decision(i))
            .filter(|d| !d.factors.iter().any(|f| f.id == F::VictimsCause))
            .collect();
        deciders = carried.len();
        let yes: Vec<&Factor> = carried.iter().flat_map(|d| d.factors.iter()).collect();
        let mut dec = v.decisive.clone();
        if dec.is_empty() {
            dec.push(v.proposer.clone());
        }
        (yes, dec)
    } else if !v.decisive.is_empty() {
        let blockers: Vec<&Factor> = v
            .ballots
            .iter()
            .enumerate()
            .filter(|(_, b)| v.decisive.iter().any(|d| **d == *b.0))
            .filter_map(|(i, _)| decision(i))
            .flat_map(|d| d.factors.iter())
            .collect();
        (blockers, v.decisive.clone())
    } else {
        // Not enough votes: why the others held back.
        let held: Vec<usize> =
            v.ballots.iter().enumerate().filter(|(_, b)| matches!(b.1, Ballot::No | Ballot::Abstain)).map(|(i, _)| i).collect();
        deciders = held.len();
        let f = held.iter().filter_map(|&i| decision(i)).flat_map(|d| d.factors.iter()).collect();
        (f, held.iter().map(|&i| v.ballots[i].0.to_string()).collect())
    };
    let scale = 1.0 / deciders.max(1) as f32;
    let mut all: Vec<Factor> = factors.into_iter().map(|f| Factor::new(f.id, f.weight * scale)).collect();
    // The rule itself counts where it decided: a veto, a broken unanimity, an absence, a missing vote.
    all.extend(v.rule_factors.iter().filter(|f| match f.id {
        F::Veto | F::Absence => true,
        F::Unanimity | F::Majority => !v.adopted && f.weight < 0.0,
        _ => false,
    }));
    Explanation { mechanism: Mechanism::Vote(v.body, v.motion), succeeded: v.adopted, factors: rank(&all), decisive }
}

/// Sanctions: coverage against leakage, exemptions and delay.
fn explain_sanctions(out: &mut Vec<Explanation>, log: &RunLog, mif: &MeasuresInForce, crisis: &Crisis) {
    let good = good_end(log, crisis);
    if let Some(t) = &mif.sanctions_trace {
        let aggressor_felt = sanctions_felt(log);
        let factors = vec![
            Factor::new(F::Compliance, t.coverage),
            Factor::new(F::Leakage, -t.coverage * t.leakage),
            Factor::new(F::OilExempt, -t.oil_exempt),
            Factor::new(F::Delay, -(1.0 - t.bite) * t.coverage),
            Factor::new(F::SanctionsPressure, aggressor_felt),
        ];
        let mut decisive: Vec<String> = t.leakers.iter().filter(|l| l.1 > 0.05).map(|l| l.0.clone()).collect();
        // A state that both leaked trade and declined the sanctions is named once.
        for d in &t.defectors {
            if !decisive.contains(&d.0) {
                decisive.push(d.0.clone());
            }
        }
        out.push(Explanation {
            mechanism: Mechanism::Sanctions,
            succeeded: sanctions_worked(good, aggressor_felt),
            factors: rank(&factors),
            decisive,
        });
    }
}

/// The coalition in the field: who came, who stayed home.
fn explain_enforcement(out: &mut Vec<Explanation>, log: &RunLog, mif: &MeasuresInForce, crisis: &Crisis) {
    let contributions: Vec<&Decision> = log.decisions.iter().filter(|d| matches!(d.decision, DecisionKind::Contribute { .. })).collect();
    if !contributions.is_empty() || !mif.coalition.is_empty() {
        // Why states came or stayed home, for the average decider, and how the two sides' forces compared.
        let n = contributions.len().max(1) as f32;
        let mut f: Vec<Factor> =
            contributions.iter().flat_map(|d| d.factors.iter().map(move |x| Factor::new(x.id, x.weight / n))).collect();
        let allies: f32 = mif.aggressor_allies.iter().map(|a| a.1).sum();
        let coalition: f32 = mif.coalition.iter().map(|c| c.cinc).sum();
        let total = (coalition + allies).max(1e-6);
        f.push(Factor::new(F::CoalitionInTheatre, coalition / total));
        if allies > 0.0 {
            f.push(Factor::new(F::ThreatAtBorder, -allies / total));
        }
        let mut decisive: Vec<(String, f32)> = contributions
            .iter()
            .map(|d| (d.actor.clone(), if let DecisionKind::Contribute { cinc } = d.decision { cinc } else { 0.0 }))
            .collect();
        decisive.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut names: Vec<String> = decisive.iter().filter(|d| d.1 > 0.0).take(3).map(|d| d.0.clone()).collect();
        // A free rider would have come had others not carried the burden; the strongest decide first.
        if let Some(fr) = contributions.iter().find(|d| d.score <= 0.0 && d.score + free_ride(d) > 0.0) {
            names.push(fr.actor.clone());
        }
        out.push(Explanation {
            mechanism: Mechanism::Enforcement,
            succeeded: enforcement_worked(log, mif, crisis),
            factors: rank(&f),
            decisive: names,
        });
    }
}

/// Appeasement: did concessions buy peace or feed the appetite?
fn explain_appeasement(out: &mut Vec<Explanation>, mif: &MeasuresInForce, crisis: &Crisis) {
    if mif.concessions > 0 {
        let f = vec![
            Factor::new(F::Concessions, 0.1 * mif.concessions as f32),
            Factor::new(F::Appetite, crisis.appetite),
            Factor::new(F::PrizeHeld, crisis.control),
        ];
        out.push(Explanation {
            mechanism: Mechanism::Appeasement,
            succeeded: appeasement_worked(crisis),
            factors: rank(&f),
            decisive: vec![],
        });
    }
}

/// Peacekeeping: consent decides.
fn explain_peacekeeping(out: &mut Vec<Explanation>, log: &RunLog, mif: &MeasuresInForce) {
    let consents: Vec<&Decision> = log.decisions.iter().filter(|d| matches!(d.decision, DecisionKind::Consent { .. })).collect();
    if !consents.is_empty() {
        let refused: Vec<String> =
            consents.iter().filter(|d| matches!(d.decision, DecisionKind::Consent { given: false })).map(|d| d.actor.clone()).collect();
        out.push(Explanation {
            mechanism: Mechanism::Peacekeeping,
            succeeded: mif.peacekeepers,
            factors: rank(consents.iter().flat_map(|d| d.factors.iter())),
            decisive: refused,
        });
    }
}

/// Deterrence: the aggressor's own last decision, factor by factor.
fn explain_deterrence(out: &mut Vec<Explanation>, log: &RunLog, crisis: &Crisis) {
    if let Some(d) = last_aggressor(log) {
        out.push(Explanation {
            mechanism: Mechanism::Deterrence,
            succeeded: deterrence_worked(d, log, crisis),
            factors: rank(&d.factors),
            decisive: vec![d.actor.clone()],
        });
    }
}

fn sanctions_felt(log: &RunLog) -> f32 {
    last_aggressor(log).map(|d| d.factors.iter().filter(|f| f.id == F::SanctionsPressure).map(|f| f.weight).sum::<f32>()).unwrap_or(0.0)
}

/// A crisis that ended well: deterred, reversed, or halted by a cease-fire (not by concessions without a shot, which
/// is appeasement's doing), and not by the aggressor's own limited aims: stopping, or going home, once it held all
/// it set out to take is no one's success (`Crisis::content`).
fn good_end(log: &RunLog, crisis: &Crisis) -> bool {
    match log.outcome.map(|o| o.0) {
        _ if crisis.content => false,
        Some(OutcomeKind::Deterred | OutcomeKind::Reversed) => true,
        Some(OutcomeKind::Halted) => crisis.attacked,
        _ => false,
    }
}

/// Sanctions worked when the crisis ended well and the aggressor felt them.
fn sanctions_worked(good: bool, felt: f32) -> bool {
    good && felt <= -0.3
}

/// Enforcement worked when the coalition pushed the aggressor back, or reversed its gains; forces sent before any
/// attack worked when none came (Britain's landing in Kuwait, July 1961).
fn enforcement_worked(log: &RunLog, mif: &MeasuresInForce, crisis: &Crisis) -> bool {
    let pushed_back = mif.control_when_coalition_formed.is_some_and(|c0| crisis.control < c0);
    let end = log.outcome.map(|o| o.0);
    let kept_the_peace = !crisis.attacked && end == Some(OutcomeKind::Deterred);
    // An aggressor that went home of its own will, its aims achieved, was not undone by the coalition.
    !crisis.went_home() && (pushed_back || kept_the_peace || end == Some(OutcomeKind::Reversed))
}

/// Concessions bought peace when there was no attack, or a cease-fire short of most of the prize.
fn appeasement_worked(crisis: &Crisis) -> bool {
    let bought_peace = !crisis.attacked || matches!(crisis.settled, Some(AggressorChoice::AcceptTerms));
    bought_peace && crisis.control < 0.75
}

fn deterred(d: &Decision) -> bool {
    matches!(
        d.decision,
        DecisionKind::Aggressor { choice: AggressorChoice::Hold | AggressorChoice::AcceptTerms | AggressorChoice::Withdraw }
    )
}

/// Whether each mechanism tried in a run worked, from what even a lean log keeps (votes, the aggressor's
/// decisions, the outcome) and the measures in force: what many-run measurements of causes count.
pub fn mechanism_results(log: &RunLog, mif: &MeasuresInForce, crisis: &Crisis) -> Vec<(Mechanism, bool)> {
    let mut out: Vec<(Mechanism, bool)> = Vec::new();
    for v in &log.votes {
        let m = Mechanism::Vote(v.body, v.motion);
        match out.iter_mut().find(|x| x.0 == m) {
            Some(x) => x.1 |= v.adopted,
            None => out.push((m, v.adopted)),
        }
    }
    if mif.sanctions_trace.is_some() {
        out.push((Mechanism::Sanctions, sanctions_worked(good_end(log, crisis), sanctions_felt(log))));
    }
    if !mif.coalition.is_empty() {
        out.push((Mechanism::Enforcement, enforcement_worked(log, mif, crisis)));
    }
    if mif.concessions > 0 {
        out.push((Mechanism::Appeasement, appeasement_worked(crisis)));
    }
    if mif.peacekeepers {
        out.push((Mechanism::Peacekeeping, true));
    }
    if let Some(d) = last_aggressor(log) {
        out.push((Mechanism::Deterrence, deterrence_worked(d, log, crisis)));
    }
    out
}

/// Deterrence worked when the aggressor's last decision was to stop and the crisis ended well: it never attacked, a
/// cease-fire, or back behind its line. Stopping with what it came for (Munich, 1938) or still holding the
/// victim's ground in a war that goes on (frozen) is not being deterred, nor is stopping, of its own will, once it
/// holds all it set out to take (its score of going on still above 0: Russia in Georgia, August 2008).
fn deterrence_worked(d: &Decision, log: &RunLog, crisis: &Crisis) -> bool {
    deterred(d) && good_end(log, crisis)
}

/// The heaviest factor of the aggressor's last decision: what the deterrence explanation ranks first.
pub fn deciding_factor(log: &RunLog) -> Option<F> {
    last_aggressor(log).and_then(|d| rank(&d.factors).first().map(|f| f.id))
}

fn free_ride(d: &Decision) -> f32 {
    d.factors.iter().filter(|f| f.id == F::FreeRiding).map(|f| -f.weight).sum()
}

fn last_aggressor(log: &RunLog) -> Option<&Decision> {
    log.decisions.iter().rev().find(|d| matches!(d.decision, DecisionKind::Aggressor { .. }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tiny world's crisis, after an attack or not, with this aim, holding 0.3 of the claim.
    fn crisis(attacked: bool, aim: f32) -> Crisis {
        let mut sim = crate::sim::testing::tiny();
        let world = sim.world_mut();
        let mut crisis = world.query::<&Crisis>().single(world).unwrap().clone();
        (crisis.attacked, crisis.aim, crisis.control) = (attacked, aim, 0.3);
        crisis
    }

    /// Whether deterrence worked in a run whose aggressor last chose to stop where it stood, with a score of going
    /// on of `score`, holding 0.3 of the claim and meaning to take `aim`, and that ended so.
    fn deterrence_after_stopping_with(end: OutcomeKind, score: f32, aim: f32) -> bool {
        let mut log = RunLog::default();
        log.decide(3, "AGG", DecisionKind::Aggressor { choice: AggressorChoice::AcceptTerms }, vec![Factor::new(F::Appetite, score)]);
        log.outcome = Some((end, 4));
        let d = last_aggressor(&log).unwrap();
        let mut c = crisis(true, aim);
        c.content = aim < 1.0 && score > 0.0;
        deterrence_worked(d, &log, &c)
    }

    fn deterrence_after_stopping(end: OutcomeKind) -> bool {
        deterrence_after_stopping_with(end, -0.1, 1.0)
    }

    #[test]
    fn a_punitive_war_whose_aggressor_went_home_of_its_own_will_is_no_success_of_sanctions_or_enforcement() {
        let log = RunLog { outcome: Some((OutcomeKind::Reversed, 4)), ..Default::default() };
        let mut c = crisis(true, 0.3);
        let mif = MeasuresInForce::default();
        assert!(good_end(&log, &c) && enforcement_worked(&log, &mif, &c), "thrown back: the coalition's doing");
        (c.punitive, c.content) = (true, true);
        assert!(!good_end(&log, &c), "it went home with its lesson taught: nothing undid it");
        assert!(!enforcement_worked(&log, &mif, &c));
    }

    #[test]
    fn an_aggressor_that_stops_of_its_own_will_holding_all_it_set_out_to_take_was_not_deterred() {
        assert!(!deterrence_after_stopping_with(OutcomeKind::Halted, 0.5, 0.3), "it still wanted to go on: its aims stopped it");
        assert!(deterrence_after_stopping_with(OutcomeKind::Halted, -0.1, 0.3), "its reckoning told it to stop: deterred");
        assert!(deterrence_after_stopping_with(OutcomeKind::Halted, 0.5, 1.0), "without limited aims a stop is the reckoning's");
    }

    #[test]
    fn forces_sent_before_any_attack_worked_when_none_came_and_failed_when_the_war_came_and_went_on() {
        let mut sim = crate::sim::testing::tiny();
        let world = sim.world_mut();
        let mut crisis = world.query::<&Crisis>().single(world).unwrap().clone();
        let mif = MeasuresInForce { control_when_coalition_formed: Some(crisis.control), ..Default::default() };
        let worked = |crisis: &Crisis, end: OutcomeKind| {
            let log = RunLog { outcome: Some((end, 4)), ..Default::default() };
            enforcement_worked(&log, &mif, crisis)
        };
        crisis.attacked = false;
        assert!(worked(&crisis, OutcomeKind::Deterred), "no attack came while the forces stood there");
        crisis.attacked = true;
        assert!(!worked(&crisis, OutcomeKind::Frozen), "the war came and the line did not move");
        assert!(!worked(&crisis, OutcomeKind::Deterred), "the war came: the aggressor's retreat was not the forces' doing");
    }

    #[test]
    fn an_aggressor_handed_part_of_its_claim_without_a_shot_was_appeased_not_deterred() {
        let mut log = RunLog::default();
        log.decide(3, "AGG", DecisionKind::Aggressor { choice: AggressorChoice::Hold }, vec![Factor::new(F::Appetite, 0.5)]);
        log.outcome = Some((OutcomeKind::Halted, 4));
        let d = last_aggressor(&log).unwrap();
        assert!(!deterrence_worked(d, &log, &crisis(false, 1.0)), "halted by concessions, no war");
        assert!(deterrence_worked(d, &log, &crisis(true, 1.0)), "halted by a cease-fire after the war");
    }

    #[test]
    fn an_aggressor_that_stops_but_keeps_the_victims_ground_in_a_war_that_goes_on_was_not_deterred() {
        assert!(deterrence_after_stopping(OutcomeKind::Halted), "a cease-fire that holds is deterrence at work");
        assert!(!deterrence_after_stopping(OutcomeKind::Frozen), "a war that goes on with its ground held is not");
        assert!(!deterrence_after_stopping(OutcomeKind::AggressorPrevails), "stopping with the prize is not (Munich)");
    }
}
