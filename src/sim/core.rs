//! Components, resources and messages shared by every mechanism, and the ordered turn phases.

use std::sync::Arc;

use bevy::prelude::*;
use rand::{SeedableRng, rngs::StdRng};
use serde::Serialize;

use crate::level::{BlocKind, BodyKind, InstitutionKind, LevelDef, Measure, Order, OutcomeKind, Procedure, StateIx, VotingRule};


/// One run of the `Turn` schedule plays one turn.
#[derive(bevy::ecs::schedule::ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct Turn;

/// The phases of a turn, in the order they run. Every mechanism puts its systems in one of these.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TurnSystems {
    /// Dated events that really happened (a boycott, a return).
    Events,
    /// The player's state plans its orders: a policy in headless runs, a person in the game.
    Plan,
    /// The player's orders (from the UI or a policy) take effect.
    Orders,
    /// Other states decide on guarantees, blocs and which motions to table.
    Diplomacy,
    /// Bodies vote on the motions tabled this turn.
    Votes,
    /// Adopted measures are carried out: sanctions, coalitions, peacekeepers.
    Measures,
    /// The aggressor weighs the response it faces and decides.
    Aggressor,
    /// Fighting in the theatre.
    Conflict,
    /// The calendar advances; the crisis may end.
    Outcome,
}


// ---------- entities ----------

/// A state of the era.
#[derive(Component, Debug, Clone)]
pub struct Nation {
    pub ix: StateIx,
    pub id: String,
    pub name: String,
    /// States this entity stands for (a regional group casts this many ballots).
    pub count: u32,
}

/// Material power (CINC) now; it grows with rearmament and an aggressor's gains.
#[derive(Component, Debug, Clone, Copy)]
pub struct Capability {
    pub cinc: f32,
}

/// Where a state stands relative to the crisis, from the level's data.
#[derive(Component, Debug, Clone, Copy)]
pub struct Interests {
    pub ties_aggressor: f32,
    pub ties_victim: f32,
    pub trade_aggressor: f32,
    pub oil_aggressor: f32,
    pub interest: f32,
    pub distraction: f32,
    pub domestic: f32,
    pub commitment: f32,
    pub non_aligned: bool,
    /// Kilometres from the capital to the theatre.
    pub km_theatre: f32,
    /// Kilometres from the capital to the aggressor's capital.
    pub km_aggressor: f32,
}

#[derive(Component, Debug)]
pub struct Aggressor;
#[derive(Component, Debug)]
pub struct Victim;
/// The state the player leads.
#[derive(Component, Debug)]
pub struct Player;
/// A member of the era's institution.
#[derive(Component, Debug)]
pub struct Member;

/// A state's public stance on the crisis, from its last ballot or decision.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    SupportsAction,
    Opposes,
    Abstains,
    #[default]
    Neutral,
}

/// A bloc or pact.
#[derive(Component, Debug, Clone)]
pub struct Bloc {
    pub id: String,
    pub name: String,
    pub kind: BlocKind,
    pub members: Vec<Entity>,
    pub protects: Option<Entity>,
    pub against: Option<Entity>,
    pub cohesion: f32,
}

/// An organ of the institution.
#[derive(Component, Debug, Clone)]
pub struct Body {
    pub kind: BodyKind,
    pub rule: VotingRule,
    pub members: Vec<Entity>,
    pub permanent: Vec<Entity>,
    /// Members staying away (a boycott) until they return.
    pub boycotting: Vec<Entity>,
    /// Members without instructions this turn.
    pub uninstructed: Vec<Entity>,
}

/// The crisis: who, where, and how it stands.
#[derive(Component, Debug, Clone)]
pub struct Crisis {
    pub aggressor: Entity,
    pub victim: Entity,
    pub theatre: String,
    pub claim: String,
    /// Credibility of the aggressor's self-defence claim now.
    pub self_defence: f32,
    pub appetite: f32,
    pub aggressor_readiness: f32,
    pub victim_readiness: f32,
    /// Share of the contested ground the aggressor holds.
    pub control: f32,
    /// Share of the claim one concession hands over.
    pub concession: f32,
    pub start_control: f32,
    /// Whether fighting is under way.
    pub fighting: bool,
    /// Whether the aggressor ever attacked.
    pub attacked: bool,
    /// Set when the aggressor accepts terms or withdraws.
    pub settled: Option<AggressorChoice>,
    /// Power the aggressor's side lost so far and power the defenders lost (CINC-turns).
    pub losses: (f32, f32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AggressorChoice {
    Attack,
    Hold,
    Proceed,
    Escalate,
    AcceptTerms,
    Withdraw,
}

// ---------- resources ----------

/// The level being played.
#[derive(Resource, Clone)]
pub struct Level(pub Arc<LevelDef>);

/// Date and turn. `turn` is the index of the turn being played.
#[derive(Resource, Debug, Clone, Default)]
pub struct Calendar {
    pub turn: usize,
    pub finished: bool,
}

/// The one source of randomness. Same seed, same draws.
#[derive(Resource)]
pub struct SimRng {
    pub seed: u64,
    pub rng: StdRng,
}

impl SimRng {
    pub fn new(seed: u64) -> Self {
        SimRng { seed, rng: StdRng::seed_from_u64(seed) }
    }
    /// A uniform draw in [-1, 1).
    pub fn signed(&mut self) -> f32 {
        use rand::RngExt;
        self.rng.random_range(-1.0f32..1.0)
    }
}

#[derive(Resource, Debug, Clone, Copy, Serialize)]
pub struct WorldTension {
    pub tension: f32,
    pub arms_race: f32,
}

/// Trust in each institution (carried from era to era in a campaign).
#[derive(Resource, Debug, Clone, Copy, Serialize)]
pub struct Credibility {
    pub league: f32,
    pub un: f32,
}

impl Credibility {
    pub fn of(&self, kind: InstitutionKind) -> f32 {
        match kind {
            InstitutionKind::League => self.league,
            InstitutionKind::UnitedNations => self.un,
        }
    }
    pub fn of_mut(&mut self, kind: InstitutionKind) -> &mut f32 {
        match kind {
            InstitutionKind::League => &mut self.league,
            InstitutionKind::UnitedNations => &mut self.un,
        }
    }
}

/// The strategy the player's state follows when orders come from a policy rather than a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    Appease,
    Alliance,
    Collective,
    Historical,
}

impl Policy {
    pub fn name(self) -> &'static str {
        match self {
            Policy::Appease => "appease",
            Policy::Alliance => "alliance",
            Policy::Collective => "collective",
            Policy::Historical => "historical",
        }
    }
}

/// Who the player is and, when a policy plays for them, which.
#[derive(Resource, Debug, Clone)]
pub struct PlayerRole {
    pub state: Entity,
    pub ix: StateIx,
    /// `None` when a person gives the orders.
    pub policy: Option<Policy>,
}

/// Everything adopted and carried out so far in this crisis.
#[derive(Resource, Debug, Clone, Default)]
pub struct MeasuresInForce {
    /// Measures adopted, by body, with the turn adopted.
    pub adopted: Vec<(BodyKind, Measure, usize)>,
    /// Whether the question has gone to the General Assembly under Uniting for Peace.
    pub referred: bool,
    pub uniting_for_peace: bool,
    /// Sanctions: the turn they started and whether oil is included.
    pub sanctions: Option<(usize, bool)>,
    /// Turns of sanctions pressure so far and its current strength, 0 to 1.
    pub pressure: f32,
    /// Force authorised by the institution.
    pub force_authorised: bool,
    /// Contributions to the coalition fighting for the victim: (state, CINC committed at the theatre, turn committed).
    pub coalition: Vec<(Entity, f32, usize)>,
    /// States fighting on the aggressor's side: (state, CINC committed).
    pub aggressor_allies: Vec<(Entity, f32)>,
    /// Peacekeepers deployed (with consent).
    pub peacekeepers: bool,
    /// Concessions made to the aggressor.
    pub concessions: u32,
    /// Guarantees given this crisis (guarantor, turn).
    pub guarantees: Vec<(Entity, usize)>,
    /// The aggressor has left the institution.
    pub aggressor_left: bool,
    /// Turn the enquiry was adopted.
    pub enquiry: Option<usize>,
    /// How the sanctions worked in the last turn they were in force.
    pub sanctions_trace: Option<SanctionsTrace>,
    /// The player leads forces into the theatre (with or without the institution's authority).
    pub player_intervenes: bool,
    /// Sanctions started by the player's own decision rather than a vote.
    pub national_sanctions: bool,
    /// Aggressor's control when the coalition first fought.
    pub control_when_coalition_formed: Option<f32>,
}

/// The parts of sanctions pressure, for the explanation.
#[derive(Debug, Clone, Default)]
pub struct SanctionsTrace {
    /// Share of the aggressor's trade cut by members who comply.
    pub coverage: f32,
    /// Share of that cut made up through states that do not sanction.
    pub leakage: f32,
    /// Pressure lost because oil was exempted.
    pub oil_exempt: f32,
    /// How far the sanctions have bitten yet, 0 to 1.
    pub bite: f32,
    /// Largest leaks: non-sanctioning states and their capacity to substitute.
    pub leakers: Vec<(String, f32)>,
    /// Members who complied least, weighted by their trade.
    pub defectors: Vec<(String, f32)>,
    /// Cost to each sanctioner (share of the aggressor's trade they gave up).
    pub costs: Vec<(String, f32)>,
}

/// How much a state complies with sanctions in force, 0 to 1.
#[derive(Component, Debug, Clone, Copy)]
pub struct Sanctioning(pub f32);

/// Turns for a contribution to reach the theatre in full: coalitions form late.
pub const DEPLOY_TURNS: f32 = 3.0;

impl MeasuresInForce {
    pub fn has(&self, m: Measure) -> bool {
        self.adopted.iter().any(|(_, a, _)| *a == m)
    }
    /// Coalition power arrived in the theatre by `turn`.
    pub fn coalition_in_theatre(&self, turn: usize) -> f32 {
        self.coalition.iter().map(|&(_, c, t)| c * ((turn + 1 - t) as f32 / DEPLOY_TURNS).min(1.0)).sum()
    }
    pub fn in_coalition(&self, e: Entity) -> bool {
        self.coalition.iter().any(|c| c.0 == e)
    }
}

/// Tunable weights of the national-interest model. Documented defaults; a test or a mod may change them.
#[derive(Resource, Debug, Clone, Serialize)]
pub struct Weights {
    pub commitment: f32,
    pub ties_victim: f32,
    pub ties_aggressor: f32,
    pub trade_cost: f32,
    pub oil_cost: f32,
    pub fear: f32,
    pub stake: f32,
    pub distraction: f32,
    pub domestic: f32,
    pub non_aligned: f32,
    pub self_defence: f32,
    pub noise: f32,
    pub yes_threshold: f32,
    pub no_threshold: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            commitment: 1.3,
            ties_victim: 0.6,
            ties_aggressor: 0.9,
            trade_cost: 1.5,
            oil_cost: 2.0,
            fear: 0.9,
            stake: 0.4,
            distraction: 0.6,
            domestic: 1.0,
            non_aligned: 0.7,
            self_defence: 0.6,
            noise: 0.04,
            yes_threshold: 0.0,
            no_threshold: -0.45,
        }
    }
}

// ---------- messages ----------

/// An order from the player's state: sent by the UI, or by a policy in headless runs.
#[derive(Message, Debug, Clone)]
pub struct OrderIssued {
    pub state: Entity,
    pub order: Order,
}

/// A motion put to a body this turn.
#[derive(Message, Debug, Clone)]
pub struct MotionTabled {
    pub body: BodyKind,
    pub measure: Measure,
    pub under: Procedure,
    pub proposer: Entity,
}

/// Lookup from level index to entity, for systems that follow the level's references.
#[derive(Resource, Debug, Clone, Default)]
pub struct Nations(pub Vec<Entity>);

/// Final outcome once the crisis ends.
#[derive(Resource, Debug, Clone, Copy, Serialize)]
pub struct Outcome {
    pub result: OutcomeKind,
    pub turns: usize,
}

/// Great-circle distance in km between two (lon, lat) points.
pub fn km_between(a: (f32, f32), b: (f32, f32)) -> f32 {
    let (lon1, lat1) = (a.0.to_radians() as f64, a.1.to_radians() as f64);
    let (lon2, lat2) = (b.0.to_radians() as f64, b.1.to_radians() as f64);
    let h = ((lat2 - lat1) / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    (2.0 * 6371.0 * h.sqrt().asin()) as f32
}

/// Share of a state's power it can bring to bear at a distance (Boulding's loss-of-strength gradient):
/// 1 at home, 1/2 at 2,500 km for a small state; great powers, with navies and airlift, reach further.
pub fn projection(km: f32, cinc: f32) -> f32 {
    let reach = 2500.0 * (1.0 + 20.0 * cinc);
    1.0 / (1.0 + km / reach)
}

/// Everything a system needs to know about one state, read together.
pub type NationQuery<'a> = (Entity, &'a Nation, &'a Capability, &'a Interests, Has<Member>);
