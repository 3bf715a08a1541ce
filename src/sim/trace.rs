//! What every decision was made of. Explanations and panels are built from these records only.

use bevy::prelude::*;
use serde::Serialize;

use crate::level::{BodyKind, Date, Measure, OutcomeKind};

/// A named factor in a decision. The label is fixed per id, so text never depends on the outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorId {
    OwnCause,
    VictimsCause,
    EnquiryBuysTime,
    FaithInInstitution,
    TiesToVictim,
    TiesToAggressor,
    HostilityToAggressor,
    PlayerOrder,
    TradeAtRisk,
    OilAtRisk,
    FearOfAggressor,
    StakeInTheatre,
    OtherThreats,
    DomesticConstraints,
    NonAlignment,
    SelfDefenceClaim,
    DomesticPolitics,
    Appetite,
    LocalBalance,
    SanctionsPressure,
    Condemnation,
    CoalitionInTheatre,
    BlocDeterrence,
    WarCosts,
    Concessions,
    Legitimacy,
    FreeRiding,
    Distance,
    BlocObligation,
    AllySolidarity,
    Leakage,
    OilExempt,
    Compliance,
    Delay,
    Consent,
    PrizeHeld,
    ThreatAtBorder,
    Absence,
    Veto,
    Unanimity,
    Majority,
    ArmsRace,
    Isolation,
    AlliesOppose,
    OwnMotion,
    ForcesOnTheWay,
    KeepsItsGains,
    CeaseFireCalled,
    VerdictBacking,
    GoingOn,
    SupplyCut,
    NuclearRisk,
    CoalitionLead,
    SeaPower,
    SmallShare,
    TermsOffered,
}

impl FactorId {
    pub fn label(self) -> &'static str {
        use FactorId::*;
        match self {
            OwnCause => "it is the aggressor: the motion is against it",
            VictimsCause => "it is the victim: the motion is in its defence",
            EnquiryBuysTime => "an enquiry delays action and buys time",
            FaithInInstitution => "faith in the institution and its rules",
            TiesToVictim => "ties to the victim",
            TiesToAggressor => "ties to the aggressor",
            HostilityToAggressor => "hostility to the aggressor",
            PlayerOrder => "its government's order (the player's, or as history went)",
            TradeAtRisk => "trade with the aggressor at risk",
            OilAtRisk => "oil sales to the aggressor at risk",
            FearOfAggressor => "fear of the aggressor's reprisal",
            StakeInTheatre => "its own stake in the theatre",
            OtherThreats => "other threats closer to home",
            DomesticConstraints => "domestic constraints on using force",
            NonAlignment => "non-alignment: stays away from one camp's measures",
            SelfDefenceClaim => "the aggressor's claim of self-defence muddies who is to blame",
            DomesticPolitics => "unpredictable domestic politics",
            Appetite => "appetite for the prize",
            LocalBalance => "balance of forces in the theatre",
            SanctionsPressure => "pressure of sanctions",
            Condemnation => "condemnation by the institution",
            CoalitionInTheatre => "coalition forces in the theatre",
            BlocDeterrence => "a defence pact protecting the victim",
            WarCosts => "losses of the war so far",
            Concessions => "concessions already won",
            Legitimacy => "authority of the institution behind the operation",
            FreeRiding => "others already carry the burden",
            Distance => "distance to the theatre",
            BlocObligation => "treaty obligation to a bloc member",
            AllySolidarity => "its protector, its pact's strongest member, leads the coalition",
            Leakage => "trade leaking through states that do not sanction",
            OilExempt => "oil exempted from the sanctions",
            Compliance => "members carrying out the sanctions",
            Delay => "sanctions take time to bite",
            Consent => "consent of the parties",
            PrizeHeld => "the prize already held",
            ThreatAtBorder => "enemy forces approaching its border",
            Absence => "a member with a veto stayed away",
            Veto => "a permanent member voted no",
            Unanimity => "one member present against is enough to block",
            Majority => "the votes needed",
            ArmsRace => "the arms race",
            Isolation => "isolation outside a universal organisation",
            AlliesOppose => "its own friends and allies condemn it",
            OwnMotion => "it tabled the motion",
            ForcesOnTheWay => "forces on their way to the theatre",
            KeepsItsGains => "a cease-fire where the armies stand leaves it what it holds",
            CeaseFireCalled => "the institution calls on both sides to cease fire",
            VerdictBacking => "the powers behind the institution's verdict",
            GoingOn => "what it reckoned it had to gain by going on, last turn",
            SupplyCut => "supplies or fuel cut off",
            NuclearRisk => "risk of nuclear escalation with a nuclear power",
            CoalitionLead => "the power of those already leading the effort",
            SeaPower => "the blockading navies against its own power",
            SmallShare => "its forces would count for little",
            TermsOffered => "a way out: mediation or the victim's offer",
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Factor {
    pub id: FactorId,
    pub weight: f32,
}

impl Factor {
    pub fn new(id: FactorId, weight: f32) -> Self {
        Factor { id, weight }
    }
}

/// A decision's factors kept inline: most decisions weigh fewer than a dozen, and in many-run comparisons
/// they are read once and dropped.
pub type Factors = smallvec::SmallVec<[Factor; 12]>;

/// A decision's factors, as a `Vec` or inline: only a decision the log keeps turns them into a `Vec`.
pub trait IntoFactors {
    fn into_factors(self) -> Vec<Factor>;
}

impl IntoFactors for Vec<Factor> {
    fn into_factors(self) -> Vec<Factor> {
        self
    }
}

impl IntoFactors for Factors {
    fn into_factors(self) -> Vec<Factor> {
        self.into_vec()
    }
}

/// Sum of factor weights: the score a decision compares with its thresholds.
pub fn score(factors: &[Factor]) -> f32 {
    factors.iter().map(|f| f.weight).sum()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ballot {
    Yes,
    No,
    Abstain,
    Absent,
}

/// The ballots one seat casts: one for a state, one for each member of a group, whose members may divide.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Split {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    pub absent: u32,
}

impl Split {
    /// `n` ballots, all alike.
    pub fn all(ballot: Ballot, n: u32) -> Self {
        let mut s = Split::default();
        s.add(ballot, n);
        s
    }
    pub fn add(&mut self, ballot: Ballot, n: u32) {
        *self.slot(ballot) += n;
    }
    fn slot(&mut self, ballot: Ballot) -> &mut u32 {
        match ballot {
            Ballot::Yes => &mut self.yes,
            Ballot::No => &mut self.no,
            Ballot::Abstain => &mut self.abstain,
            Ballot::Absent => &mut self.absent,
        }
    }
    /// The ballot most of them cast (on a tie, the first of yes, no, abstain, absent).
    pub fn most(&self) -> Ballot {
        let all = [(Ballot::Yes, self.yes), (Ballot::No, self.no), (Ballot::Abstain, self.abstain), (Ballot::Absent, self.absent)];
        all.iter().fold((Ballot::Absent, 0), |best, &(b, n)| if n > best.1 { (b, n) } else { best }).0
    }
    /// Whether the members cast more than one kind of ballot.
    pub fn divided(&self) -> bool {
        [self.yes, self.no, self.abstain, self.absent].iter().filter(|&&n| n > 0).count() > 1
    }
    /// As an absence counted as a no (the Soviet reading of Article 27 in 1950) would count it.
    pub fn absence_as_no(self) -> Self {
        Split { no: self.no + self.absent, absent: 0, ..self }
    }
}

/// What a decision was about.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum DecisionKind {
    Vote {
        body: BodyKind,
        measure: Measure,
        ballot: Ballot,
    },
    Sanctions {
        compliance: f32,
    },
    Contribute {
        cinc: f32,
    },
    HonourBloc {
        bloc: String,
        cinc: f32,
    },
    Intervene {
        cinc: f32,
    },
    Arm {
        cinc: f32,
    },
    AnswerBlockade {
        war: bool,
    },
    /// A host's or the aggressor's consent to a peace force.
    Consent {
        given: bool,
    },
    /// The victim's answer to the aggressor's offer of a cease-fire where its forces stand.
    CeaseFire {
        accepts: bool,
    },
    Aggressor {
        choice: super::core::AggressorChoice,
    },
    LeaveInstitution {
        leaves: bool,
    },
    Sponsor {
        body: BodyKind,
        measure: Measure,
    },
}

/// One decision of one state, with the factors that drove it.
#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    pub turn: usize,
    pub actor: String,
    pub decision: DecisionKind,
    pub score: f32,
    pub factors: Vec<Factor>,
}

/// A vote as the output contract describes it.
#[derive(Debug, Clone, Serialize)]
pub struct VoteRecord {
    pub turn: usize,
    pub date: Date,
    pub body: BodyKind,
    pub motion: Measure,
    pub procedural: bool,
    pub proposer: String,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    pub absent: u32,
    pub adopted: bool,
    pub vetoed_by: Vec<String>,
    /// Members whose ballot decided the result (blockers, or absent members who would have blocked).
    pub decisive: Vec<String>,
    /// Each member's ballot, in the body's seat order (a group's: the one most of its members cast).
    pub ballots: Vec<(std::sync::Arc<str>, Ballot)>,
    /// The groups whose members divided, with each kind of ballot they cast.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub divided: Vec<(std::sync::Arc<str>, Split)>,
    /// Why the rule gave this result.
    pub rule_factors: Vec<Factor>,
    /// Index of each member's decision in `RunLog::decisions` (none for the absent).
    #[serde(skip)]
    pub decision_ix: Vec<Option<usize>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewsItem {
    pub turn: usize,
    pub date: Date,
    pub text: String,
    /// True for events that really happened on that date (scripted by the level), false for the model's own.
    pub history: bool,
}

/// A mechanism the simulation can explain: a vote of a body on a measure, or one of the ways a crisis is
/// settled. Written in JSON as a stable id such as `collective_action:security_council:condemn`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mechanism {
    /// How the crisis ended.
    Outcome,
    /// A motion put to a body: adopted or not.
    Vote(BodyKind, Measure),
    Sanctions,
    Enforcement,
    Appeasement,
    Peacekeeping,
    Deterrence,
}

impl Mechanism {
    /// The stable id used in JSON and reports.
    pub fn id(self) -> String {
        match self {
            Mechanism::Outcome => "outcome".into(),
            Mechanism::Vote(b, m) => format!("collective_action:{}:{}", b.id(), m.id()),
            Mechanism::Sanctions => "sanctions".into(),
            Mechanism::Enforcement => "enforcement".into(),
            Mechanism::Appeasement => "appeasement".into(),
            Mechanism::Peacekeeping => "peacekeeping".into(),
            Mechanism::Deterrence => "deterrence".into(),
        }
    }
}

impl Serialize for Mechanism {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.id())
    }
}

/// Whether one mechanism worked, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub mechanism: Mechanism,
    pub succeeded: bool,
    /// Factors ranked by absolute contribution.
    pub factors: Vec<ExplainedFactor>,
    /// The actors who decided it.
    pub decisive: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExplainedFactor {
    pub id: FactorId,
    pub label: &'static str,
    pub weight: f32,
}

/// A run condition: the run keeps its whole log (not the lean log of many-run comparisons), so the systems
/// that only write what the panels show have something to do.
pub fn keeps_whole_log(log: bevy::prelude::Res<RunLog>) -> bool {
    !log.lean
}

/// Everything that happened in a run, in order.
#[derive(Resource, Debug, Clone, Default, Serialize)]
pub struct RunLog {
    pub decisions: Vec<Decision>,
    pub votes: Vec<VoteRecord>,
    pub news: Vec<NewsItem>,
    pub explanation: Vec<Explanation>,
    pub outcome: Option<(OutcomeKind, usize)>,
    /// Aggressor's control of the theatre at the end of each turn.
    pub control: Vec<f32>,
    /// The channels that reach the aggressor, at the end of each turn.
    pub channels: Vec<Channels>,
    /// The orders of the player's state, turn by turn (from a person or a policy).
    #[serde(skip)]
    pub player_orders: Vec<Vec<crate::level::Order>>,
    /// Keep only what outcome shares need: the aggressor's decisions, the votes and the outcome; no news, no
    /// other decisions, no channels. Many-run comparisons set it; it survives from run to run.
    #[serde(skip)]
    pub lean: bool,
}

impl RunLog {
    pub fn decide(&mut self, turn: usize, actor: &str, decision: DecisionKind, factors: impl IntoFactors) -> usize {
        if self.lean && !matches!(decision, DecisionKind::Aggressor { .. }) {
            return usize::MAX;
        }
        let factors = factors.into_factors();
        let s = score(&factors);
        self.decisions.push(Decision { turn, actor: actor.to_string(), decision, score: s, factors });
        self.decisions.len() - 1
    }
    pub fn news(&mut self, turn: usize, date: Date, text: impl Into<String>, history: bool) {
        if self.lean {
            return;
        }
        self.news.push(NewsItem { turn, date, text: text.into(), history });
    }
}

/// The state of each channel at the end of one turn. Power is in CINC as it counts in the theatre.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Channels {
    pub turn: usize,
    /// The aggressor's forces in the theatre, after sanctions and blockade, with its friends'.
    pub aggressor_forces: f32,
    /// The victim's forces, with the arms that reached it.
    pub victim_forces: f32,
    /// Forces of others fighting for the victim that have arrived.
    pub coalition_in_theatre: f32,
    /// Forces sent that are still on their way.
    pub coalition_on_the_way: f32,
    /// What pacts and guarantees of the victim threaten, weighed by their cohesion.
    pub pact_threat: f32,
    /// The threat behind the institution's verdict against the aggressor's own forces, 0 to 1 (see
    /// `aggressor::verdict_threat`): 0 once the institution acts, and against a nuclear power.
    pub verdict_threat: f32,
    /// Arms sent to the victim that have arrived.
    pub arms_arrived: f32,
    /// Sanctions pressure on the aggressor, 0 to 1.
    pub sanctions_pressure: f32,
    /// Share of the sanctions' cut that leaks through those who do not apply them.
    pub sanctions_leakage: f32,
    /// What the sanctions cost those who apply them (shares of the aggressor's trade given up).
    pub sanctions_cost: f32,
    /// Share of the aggressor's fuel an oil embargo denies it.
    pub fuel_denied: f32,
    /// Share of the aggressor's supply to the theatre the blockade cuts.
    pub blockade: f32,
    /// The standing of the terms on the table once at war (a mediator's good offices, the victim's own offer),
    /// 0 if none (`MeasuresInForce::terms`).
    pub terms: f32,
    /// The institution's credibility.
    pub credibility: f32,
    /// How firmly the pacts covering the victim are held (the strongest), 0 if none.
    pub commitment: f32,
    /// The aggressor's appetite, with this run's draw of its resolve.
    pub resolve: f32,
    /// How far the aggressor discounts the forces sent against it, doubting they will fight (0 once they
    /// have thrown it back).
    pub doubt: f32,
    /// Share of the contested ground the aggressor holds.
    pub control: f32,
    /// The pace the theatre's seasons (rains, mud, snow) leave the front this turn, 1 when none slows it.
    pub season_pace: f32,
    /// The fortune of the aggressor's campaign against the victim's, drawn once per run (1 when even): where
    /// it is far stronger, it sets how fast its advance goes.
    pub campaign_fortune: f32,
    /// What the aggressor decided this turn, if it decided.
    pub choice: Option<super::core::AggressorChoice>,
}
