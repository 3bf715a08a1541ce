//! What one re-run changes to test a candidate cause: a factor set to neutral for every state, one state's
//! ballots reversed, absence counted as a no, one state's orders of one kind withdrawn. Rule and event
//! changes edit a copy of the level instead (see `Cause::edit_level` in the `cause` module).

use bevy::prelude::*;
use serde::Serialize;

use crate::level::{Order, StateIx};
use crate::sim::trace::{Ballot, Factor, FactorId};

/// The kind of an order, without its arguments: what "without your blockade" withdraws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderKind {
    Concede,
    Mediate,
    Guarantee,
    Rearm,
    JoinBloc,
    Intervene,
    ArmVictim,
    Blockade,
    Sanction,
    HoldAtTheLine,
    Propose,
    Wait,
}

impl OrderKind {
    pub fn of(o: &Order) -> OrderKind {
        match o {
            Order::Concede => OrderKind::Concede,
            Order::Mediate => OrderKind::Mediate,
            Order::Guarantee => OrderKind::Guarantee,
            Order::Rearm => OrderKind::Rearm,
            Order::JoinBloc(_) => OrderKind::JoinBloc,
            Order::Intervene => OrderKind::Intervene,
            Order::ArmVictim => OrderKind::ArmVictim,
            Order::Blockade => OrderKind::Blockade,
            Order::Sanction { .. } => OrderKind::Sanction,
            Order::HoldAtTheLine => OrderKind::HoldAtTheLine,
            Order::Propose { .. } => OrderKind::Propose,
            Order::Wait => OrderKind::Wait,
        }
    }
    /// Stable id, as in JSON.
    pub fn id(self) -> &'static str {
        use OrderKind::*;
        match self {
            Concede => "concede",
            Mediate => "mediate",
            Guarantee => "guarantee",
            Rearm => "rearm",
            JoinBloc => "join_bloc",
            Intervene => "intervene",
            ArmVictim => "arm_victim",
            Blockade => "blockade",
            Sanction => "sanction",
            HoldAtTheLine => "hold_at_the_line",
            Propose => "propose",
            Wait => "wait",
        }
    }
}

/// The change a re-run makes inside the simulation. The default changes nothing: every ordinary run has it.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq)]
pub struct Intervention {
    /// A factor weighed as zero in every decision of every state.
    pub neutral: Option<FactorId>,
    /// A state whose every ballot goes the other way: no for yes, yes for no or an abstention, and present,
    /// voting as it wished, where it stayed away.
    pub reversed: Option<StateIx>,
    /// An absent member's ballot counts as a no (the Soviet reading of Article 27 in 1950).
    pub absence_as_no: bool,
    /// A state's orders of one kind are never given.
    pub dropped: Option<(StateIx, OrderKind)>,
}

impl Intervention {
    /// The score a decision compares with its thresholds: the sum of its factors, less any neutralised one.
    pub fn score(&self, factors: &[Factor]) -> f32 {
        factors.iter().filter(|f| Some(f.id) != self.neutral).map(|f| f.weight).sum()
    }
    /// The ballot a state casts, given the one it wanted and whether it stayed away.
    pub fn ballot(&self, state: StateIx, wanted: Ballot, away: bool) -> Ballot {
        if self.reversed != Some(state) {
            return if away { Ballot::Absent } else { wanted };
        }
        match wanted {
            _ if away => wanted,
            Ballot::Yes => Ballot::No,
            Ballot::No | Ballot::Abstain | Ballot::Absent => Ballot::Yes,
        }
    }
    /// Whether `state` still gives `order`.
    pub fn keeps(&self, state: StateIx, order: &Order) -> bool {
        self.dropped != Some((state, OrderKind::of(order)))
    }
    /// Whether `state` does without what orders of this kind do, even where it would decide it for itself:
    /// "had it sent no forces" means no forces, not forces it chose to send unordered.
    pub fn withholds(&self, state: StateIx, kind: OrderKind) -> bool {
        self.dropped == Some((state, kind))
    }
}
