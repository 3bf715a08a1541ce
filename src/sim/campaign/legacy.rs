//! The causes that carried over: what each era's legacy did to the later ones, measured by playing the
//! campaign again over the same seeds with that era's legacy removed (it hands on what it received).

use serde::Serialize;

use crate::level::{InstitutionKind, OutcomeKind};

use super::{Era, Stage, play_without};
use crate::sim::core::Policy;
use crate::sim::runner::Simulation;

/// A named legacy moves a later credibility or the last era's outcome share by at least this much.
pub const MIN_LEGACY: f64 = 0.05;

/// One era's legacy, measured on one later result.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LegacyCause {
    /// The era whose legacy is removed, and the later era it is measured on (level ids).
    pub era: String,
    pub later: String,
    /// `credibility` (of the later era's institution as it began) or `outcome` (share of the last era's most
    /// frequent outcome).
    pub what: &'static str,
    pub with: f64,
    pub without: f64,
    pub effect: f64,
    pub label: String,
}

/// What the measurement compares in one campaign run: each era's starting credibility in its own
/// institution, and the last era's outcome.
fn readings(stages: &[Stage], eras: &[Era]) -> (Vec<f64>, Option<OutcomeKind>) {
    let cred = stages
        .iter()
        .zip(eras)
        .map(|(s, e)| {
            let c = e.carried_in.credibility(&s.level);
            f64::from(if s.level.institution.kind == InstitutionKind::League { c.league } else { c.un })
        })
        .collect();
    (cred, eras.last().map(|e| e.outcome))
}

/// Plays the campaign over `runs` seeds as it is and once without each era's legacy, and names the
/// legacies that move a later result by [`MIN_LEGACY`] or more, the largest first.
pub fn legacy_causes(stages: &[Stage], policy: Policy, seed: u64, runs: usize, carry: bool) -> Vec<LegacyCause> {
    let mut sim = Simulation::new();
    sim.set_lean(true);
    let n = runs.max(1) as f64;
    let mut play_all = |neutral: Option<usize>| -> Vec<(Vec<f64>, Option<OutcomeKind>)> {
        (0..runs as u64).map(|k| readings(stages, &play_without(&mut sim, stages, policy, seed.wrapping_add(k), carry, neutral))).collect()
    };
    let base = play_all(None);
    let last = stages.len().saturating_sub(1);
    let modal = OutcomeKind::ALL.into_iter().max_by_key(|o| (base.iter().filter(|b| b.1 == Some(*o)).count(), std::cmp::Reverse(*o)));
    let mean = |rs: &[(Vec<f64>, Option<OutcomeKind>)], j: usize| rs.iter().map(|r| r.0[j]).sum::<f64>() / n;
    let share = |rs: &[(Vec<f64>, Option<OutcomeKind>)]| rs.iter().filter(|r| r.1 == modal).count() as f64 / n;
    let mut out = Vec::new();
    for k in 0..last {
        let without = play_all(Some(k));
        for j in k + 1..stages.len() {
            let (w, wo) = (mean(&base, j), mean(&without, j));
            out.push(cause(stages, k, j, "credibility", w, wo, modal));
        }
        out.push(cause(stages, k, last, "outcome", share(&base), share(&without), modal));
    }
    out.retain(|c| c.effect.abs() >= MIN_LEGACY);
    out.sort_by(|a, b| b.effect.abs().total_cmp(&a.effect.abs()).then_with(|| a.era.cmp(&b.era)).then_with(|| a.later.cmp(&b.later)));
    out
}

fn cause(stages: &[Stage], k: usize, j: usize, what: &'static str, with: f64, without: f64, modal: Option<OutcomeKind>) -> LegacyCause {
    let r = |x: f64| (x * 1000.0).round() / 1000.0;
    let (era, later) = (&stages[k].level, &stages[j].level);
    let label = if what == "outcome" {
        let o = modal.map_or("as it did", |o| o.id());
        format!(
            "Without the legacy of {}: {} would end {} in {:.0} % of runs, not {:.0} %",
            era.name,
            later.name,
            o.replace('_', " "),
            100.0 * without,
            100.0 * with
        )
    } else {
        let inst = if later.institution.kind == InstitutionKind::League { "League's" } else { "UN's" };
        format!(
            "Without the legacy of {}: the {inst} credibility as {} began would have been {:.0} %, not {:.0} %",
            era.name,
            later.name,
            100.0 * without,
            100.0 * with
        )
    };
    LegacyCause { era: era.id.clone(), later: later.id.clone(), what, with: r(with), without: r(without), effect: r(without - with), label }
}
