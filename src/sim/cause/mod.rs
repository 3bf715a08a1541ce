//! Causes measured by intervention. A candidate cause (a factor, a voting rule, a dated event, one state's
//! ballots, one state's orders) is neutralised and the same seeds are played again; a cause is named only
//! when its removal changes the explained result by at least [`MIN_EFFECT`]. Nothing here names a level,
//! a state or a crisis: the candidates come from what the run itself recorded.

pub mod measure;

use bevy::prelude::*;

use crate::level::{EventEffect, LevelDef, Season, StateIx, VotingRule};

use super::text::body_name;
use super::trace::FactorId;

pub use super::intervention::{Intervention, OrderKind};
pub use measure::{
    Explained, MeasuredCause, Plan, PlanOrders, Without, candidates, explain_plan, measure_causes, measure_causes_async, results_of,
    runs_needed, sample_run,
};

pub fn plugin(app: &mut App) {
    app.init_resource::<Intervention>();
}

/// A named cause moves the explained result by at least this much (a share of runs, 0 to 1).
pub const MIN_EFFECT: f64 = 0.05;

/// A change to the rules of the institution's bodies, tested as a cause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleChange {
    /// No permanent member's no is a veto.
    NoVeto,
    /// A simple majority of those voting decides where unanimity did.
    MajorityForUnanimity,
    /// An absent member counts as voting no.
    AbsenceAsNo,
}

/// One candidate cause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cause {
    /// A factor, weighed as zero by every state.
    Factor(FactorId),
    /// A voting rule replaced by its alternative.
    Rule(RuleChange),
    /// A dated event of the level (its index in the level's events), removed.
    Event(usize),
    /// A season of the theatre that slows the fighting (its index in the crisis's seasons), removed.
    Season(usize),
    /// The aggressor's limited aims (the level's `aim`), widened to all it claims.
    Aims,
    /// One state's ballots, reversed.
    Ballots(StateIx),
    /// One state's orders of one kind, never given.
    Orders(StateIx, OrderKind),
}

/// Factors that are the model's bookkeeping rather than causes: a party votes on its own case, a sponsor
/// for its own draft, a government follows its own orders (tested as orders instead), the rule's own
/// counts (tested as rules instead), and the sanctions' accounting shown in the sanctions panel.
const NOT_CAUSES: [FactorId; 12] = [
    FactorId::OwnCause,
    FactorId::VictimsCause,
    FactorId::OwnMotion,
    FactorId::PlayerOrder,
    FactorId::Majority,
    FactorId::Veto,
    FactorId::Unanimity,
    FactorId::Absence,
    FactorId::Compliance,
    FactorId::Leakage,
    FactorId::OilExempt,
    FactorId::Delay,
];

/// Whether a factor may be named as a cause at all.
pub fn can_be_cause(f: FactorId) -> bool {
    !NOT_CAUSES.contains(&f)
}

impl Cause {
    /// A stable id, as in the JSON `causes` array.
    pub fn id(self, level: &LevelDef) -> String {
        match self {
            Cause::Factor(f) => format!("factor:{}", serde_plain(&f)),
            Cause::Rule(RuleChange::NoVeto) => "rule:no_veto".into(),
            Cause::Rule(RuleChange::MajorityForUnanimity) => "rule:majority_for_unanimity".into(),
            Cause::Rule(RuleChange::AbsenceAsNo) => "rule:absence_as_no".into(),
            Cause::Event(i) => {
                level.events.get(i).map_or_else(|| format!("event:{i}"), |e| format!("event:{}:{}", e.date, event_kind(&e.effect)))
            }
            Cause::Season(i) => {
                level.crisis.seasons.get(i).map_or_else(|| format!("season:{i}"), |s| format!("season:{:02}-{:02}", s.from.0, s.from.1))
            }
            Cause::Aims => "aims:limited".into(),
            Cause::Ballots(s) => format!("ballots:{}", level.states[s].id),
            Cause::Orders(s, k) => format!("orders:{}:{}", level.states[s].id, k.id()),
        }
    }

    /// The counterfactual in words: "Without the veto", "Had Italy voted the other way".
    pub fn label(self, level: &LevelDef) -> String {
        let name = |s: StateIx| level.states[s].name.clone();
        match self {
            Cause::Factor(f) => format!("Without “{}”", f.label()),
            Cause::Rule(RuleChange::NoVeto) => "Without the veto".into(),
            Cause::Rule(RuleChange::MajorityForUnanimity) => "Had a majority sufficed where unanimity was the rule".into(),
            Cause::Rule(RuleChange::AbsenceAsNo) => "Had an absence counted as a vote against".into(),
            Cause::Event(i) => {
                level.events.get(i).map_or_else(|| "Without a dated event".into(), |e| event_label(level, &e.effect, &e.date.to_string()))
            }
            Cause::Season(i) => level.crisis.seasons.get(i).map_or_else(|| "Without a season".into(), season_label),
            Cause::Aims => format!("Had {} wanted all it claimed", name(level.crisis.aggressor)),
            Cause::Ballots(s) => format!("Had {} voted the other way, or attended where it stayed away", name(s)),
            Cause::Orders(s, k) => order_label(&name(s), k),
        }
    }

    /// What the re-run changes inside the simulation.
    pub fn intervention(self) -> Intervention {
        match self {
            Cause::Factor(f) => Intervention { neutral: Some(f), ..default() },
            Cause::Rule(RuleChange::AbsenceAsNo) => Intervention { absence_as_no: true, ..default() },
            Cause::Ballots(s) => Intervention { reversed: Some(s), ..default() },
            Cause::Orders(s, k) => Intervention { dropped: Some((s, k)), ..default() },
            Cause::Rule(_) | Cause::Event(_) | Cause::Season(_) | Cause::Aims => Intervention::default(),
        }
    }

    /// The level the re-run plays, where the cause is a rule, an event or a season; `None` where the level is
    /// unchanged.
    pub fn edit_level(self, level: &LevelDef) -> Option<LevelDef> {
        let mut l = level.clone();
        match self {
            Cause::Rule(RuleChange::NoVeto) => {
                for b in &mut l.institution.bodies {
                    if let VotingRule::Qualified { votes, .. } = b.rule {
                        b.rule = VotingRule::Qualified { votes, veto: false };
                    }
                }
            }
            Cause::Rule(RuleChange::MajorityForUnanimity) => {
                for b in &mut l.institution.bodies {
                    if b.rule == VotingRule::Unanimity {
                        b.rule = VotingRule::Majority;
                    }
                }
            }
            Cause::Event(i) if i < l.events.len() => {
                l.events.remove(i);
            }
            Cause::Season(i) if i < l.crisis.seasons.len() => {
                l.crisis.seasons.remove(i);
            }
            Cause::Aims if l.crisis.aim < 1.0 => l.crisis.aim = 1.0,
            _ => return None,
        }
        Some(l)
    }
}

fn serde_plain(f: &FactorId) -> String {
    serde_json::to_value(f).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn event_kind(e: &EventEffect) -> &'static str {
    match e {
        EventEffect::Boycott { .. } => "boycott",
        EventEffect::Return { .. } => "return",
        EventEffect::NoInstructions { .. } => "no_instructions",
        EventEffect::Join { .. } => "join",
        EventEffect::UnitingForPeace => "uniting_for_peace",
        EventEffect::News => "news",
    }
}

fn event_label(level: &LevelDef, e: &EventEffect, date: &str) -> String {
    let name = |s: StateIx| level.states[s].name.clone();
    match *e {
        EventEffect::Boycott { state, body } => format!("Without {}'s boycott of the {} ({date})", name(state), body_name(body)),
        EventEffect::Return { state, body } => format!("Without {}'s return to the {} ({date})", name(state), body_name(body)),
        EventEffect::NoInstructions { state, body } => {
            format!("Had {}'s delegate in the {} had instructions ({date})", name(state), body_name(body))
        }
        EventEffect::Join { state } => format!("Had {} not joined the {} ({date})", name(state), level.institution.name),
        EventEffect::UnitingForPeace => format!("Without the Uniting for Peace resolution ({date})"),
        EventEffect::News => format!("Without the news of {date}"),
    }
}

/// "Without the kiremt rains (15 June to 15 September)".
fn season_label(s: &Season) -> String {
    const MONTHS: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let day = |(m, d): (u8, u8)| format!("{d} {}", MONTHS.get(usize::from(m).wrapping_sub(1)).unwrap_or(&"?"));
    let name = s.name.strip_prefix("The ").map_or_else(|| s.name.clone(), |rest| format!("the {rest}"));
    format!("Without {name} ({} to {})", day(s.from), day(s.to))
}

fn order_label(name: &str, k: OrderKind) -> String {
    use OrderKind::*;
    let what = match k {
        Concede => "made no concessions",
        Mediate => "offered no mediation",
        Guarantee => "given no guarantee to the victim",
        Rearm => "not rearmed",
        JoinBloc => "not joined the victim's bloc",
        Intervene => "sent no forces",
        ArmVictim => "sent no arms to the victim",
        Blockade => "not blockaded the aggressor",
        Sanction => "imposed no sanctions of its own",
        HoldAtTheLine => "carried the war across the line where it began",
        Propose => "tabled no motions",
        Wait => "not waited",
    };
    format!("Had {name} {what}")
}
