//! Components, resources and messages shared by every mechanism, and the ordered turn phases.

use std::sync::Arc;

use bevy::prelude::*;
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
    /// Shared with the level and every run of it: a run clones a pointer, not the text.
    pub id: std::sync::Arc<str>,
    pub name: std::sync::Arc<str>,
    /// States this entity stands for (a regional group casts this many ballots).
    pub count: u32,
    /// How far a group's members differ in their ties (victim less aggressor): see `RawState::spread`.
    pub spread: f32,
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
    /// Holds nuclear weapons.
    pub nuclear: bool,
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
    /// States whose territory the treaty covers (empty: every member's).
    pub area: Vec<Entity>,
    /// A state that must fight for the victim before the members are obliged.
    pub after: Option<Entity>,
    /// Whether the crisis lies inside the treaty's region (always, for a treaty without one).
    pub in_region: bool,
}

impl Bloc {
    /// Whether an attack on `victim` by `aggressor` falls under the treaty: a guarantee of the victim, or a
    /// pact of which the victim is a member, inside the treaty area and region, and not aimed at someone else.
    pub fn covers(&self, victim: Entity, aggressor: Entity) -> bool {
        if self.protects == Some(victim) {
            return true;
        }
        self.kind != BlocKind::Guarantee
            && self.in_region
            && self.members.contains(&victim)
            && (self.area.is_empty() || self.area.contains(&victim))
            && self.against.is_none_or(|a| a == aggressor)
    }
    /// Whether `member` is obliged now, given who is already fighting for the victim.
    pub fn obliges(&self, member: Entity, fighting: impl Fn(Entity) -> bool) -> bool {
        self.members.contains(&member) && self.after.is_none_or(|a| a == member || fighting(a))
    }
}

/// How far the aggressor's own pacts keep `member` from fighting it, 0 to 1: the cohesion of the firmest pact
/// that binds the two as allies (a member does not fight its ally) or covers the aggressor against `member` (one
/// the pact is aimed at would fight the whole pact). A guarantee binds its guarantors to the state they guarantee,
/// not to each other, and a pact that covers the victim against this aggressor binds its members to the victim
/// (a regional pact of which both parties are members). Turkey in 1974 was a NATO ally of Britain, a guarantor of Cyprus by the treaty of 1960, and
/// covered by NATO against the Soviet Union: neither threatened it with war (the Commons Select Committee on Cyprus,
/// report of 1976, on Britain's refusal to act under the treaty).
pub fn allied_shield<'a>(blocs: impl IntoIterator<Item = &'a Bloc>, (victim, aggressor): (Entity, Entity), member: Entity) -> f32 {
    blocs
        .into_iter()
        .filter(|b| b.kind != BlocKind::Guarantee && b.members.contains(&aggressor) && !b.covers(victim, aggressor))
        .filter(|b| b.members.contains(&member) || b.covers(aggressor, member))
        .map(|b| b.cohesion)
        .fold(0.0, f32::max)
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
    /// Kilometres from the aggressor's capital to the theatre: the supply line a blockade can cut.
    pub supply_km: f32,
    pub aggressor_readiness: f32,
    /// Its readiness when the crisis opened (the level's): the army it committed to the war, against which it
    /// weighs its losses however many reserves it throws in later.
    pub start_readiness: f32,
    pub victim_readiness: f32,
    /// Share of the contested ground the aggressor holds.
    pub control: f32,
    /// Share of the claim one concession hands over.
    pub concession: f32,
    /// The line held before the crisis (the level's `held_before`): reversing the aggression means reaching it.
    pub start_control: f32,
    /// The share of the claim the aggressor means to take (the level's `aim`; 1: all of it).
    pub aim: f32,
    /// Whether, holding its aim, it goes home (the level's `punitive`).
    pub punitive: bool,
    /// Whether it last stopped because it held all it set out to take, not by its reckoning of the war.
    pub content: bool,
    /// The line the aggressor has fortified: what it held at the end of its last full-length turn.
    pub dug_in: f32,
    /// Whether the aggressor ever took ground beyond where it started.
    pub gained: bool,
    /// Whether fighting is under way.
    pub fighting: bool,
    /// Whether the aggressor ever attacked.
    pub attacked: bool,
    /// Set when the aggressor accepts terms or withdraws.
    pub settled: Option<AggressorChoice>,
    /// Power the aggressor's side lost so far and power the defenders lost (CINC-turns).
    pub losses: (f32, f32),
    /// Whether the fighting has taught the aggressor that its enemies fight: its doubt is gone for good.
    pub taught: bool,
    /// Whether it offered a cease-fire the victim refused: it holds where it stands and no longer advances.
    pub holding: bool,
}

impl Crisis {
    /// Whether it went home of its own will, its punitive aims achieved: then no one's sanctions, force or
    /// deterrence undid it, and the institution earns no credit for it.
    pub fn went_home(&self) -> bool {
        self.content && self.punitive
    }
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

/// The one source of randomness, seeded by the run's seed. Same seed, same draws. The run's opening
/// uncertainties come from one stream, in a fixed order (`Draws::draw`); every later draw is keyed by what it is
/// for, the turn and the state (`keyed`, `ballot`), and computed from the seed alone. A change in how a crisis
/// unfolds (a motion dropped, sanctions lifted, a state that stops deciding) therefore never shifts another draw,
/// so runs compared over the same seeds differ only by what changed and what followed from it.
#[derive(Resource)]
pub struct SimRng {
    /// Private: the keyed streams below are mixed from it once (`SimRng::new`); read it with `seed()`.
    seed: u64,
    opening: SplitMix64,
    /// The first mix of the keyed and the ballots' streams, which every keyed draw starts from: computed once.
    keyed_base: u64,
    ballots_base: u64,
}

/// SplitMix64 (Steele, Lea and Flood 2014; the generator Java's `SplittableRandom` uses): a 64-bit state
/// advanced by a constant and mixed. Written out here, with no library behind it, so that the same seed
/// gives the same draws on every build, platform and version of the game.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A uniform draw in [-1, 1) from the top 24 bits: exact in `f32`, the same everywhere.
    pub fn signed(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u32 << 23) as f32 - 1.0
    }
}

/// Mixed into the seed of the opening stream.
const DYNAMICS_STREAM: u64 = 0xD1B5_4A32_D192_ED03;
/// Mixed into the seed of the dynamics' keyed draws, so that no keyed draw starts where the opening stream does.
const KEYED_STREAM: u64 = 0x5851_F42D_4C95_7F2D;
/// Mixed into the seed of the ballots' keyed draws, apart from the dynamics'.
const BALLOTS_STREAM: u64 = 0x8CB9_2BA7_2F3D_8DD7;
/// Mixed into a campaign era's seed to give the next era's.
const ERAS_STREAM: u64 = 0x2545_F491_4F6C_DD1D;

/// The seed of a campaign's next crisis, from the seed of the one just played. Each era draws its own fortune:
/// with one seed for all, every era's aggressor would have drawn the same resolve and the same luck. The first
/// era keeps the campaign's seed, so a class that plays it alone sees the same run.
pub fn next_era_seed(seed: u64) -> u64 {
    SplitMix64::new(seed ^ ERAS_STREAM).next_u64()
}

impl SimRng {
    pub fn new(seed: u64) -> Self {
        SimRng {
            seed,
            opening: SplitMix64::new(SplitMix64::new(seed ^ DYNAMICS_STREAM).next_u64()),
            keyed_base: SplitMix64::new(seed ^ KEYED_STREAM).next_u64(),
            ballots_base: SplitMix64::new(seed ^ BALLOTS_STREAM).next_u64(),
        }
    }
    /// The run's seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }
    /// The next uniform draw in [-1, 1) of the opening stream: the run's opening uncertainties (`Draws`).
    pub fn opening(&mut self) -> f32 {
        self.opening.signed()
    }
    /// A uniform draw in [-1, 1) for one purpose, on one turn, for one state (or 0): a stream of its own, the
    /// same whatever was drawn before. So a change in what happens (sanctions lifted, a state that joins the
    /// coalition and stops deciding) never shifts another draw, and runs compared over the same seeds differ
    /// only by what changed and what followed from it.
    pub fn keyed(&self, turn: usize, what: DrawFor, state: usize) -> f32 {
        Self::draw_for(self.keyed_base, [turn as u64, what as u64, state as u64, 0])
    }
    /// A uniform draw in [-1, 1) for one member's ballot on one motion (a body and a measure, on one turn): the
    /// same whatever was voted before, so a motion dropped or added never shifts another ballot's draw.
    pub fn ballot(&self, turn: usize, body: BodyKind, measure: Measure, state: usize) -> f32 {
        Self::draw_for(self.ballots_base, [turn as u64, body as u64, measure as u64, state as u64])
    }
    /// `base` is the stream's first mix of the seed (`SplitMix64::new(seed ^ stream).next_u64()`).
    fn draw_for(base: u64, parts: [u64; 4]) -> f32 {
        let mut h = base;
        for part in parts {
            h = SplitMix64::new(h ^ part).next_u64();
        }
        SplitMix64::new(h).signed()
    }
}

/// What a keyed draw of the dynamics is for (`SimRng::keyed`). The numbers are part of every draw's key: they
/// never change, so that a new kind of draw never shifts the old ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub enum DrawFor {
    /// Each state's compliance with sanctions.
    Sanctions = 1,
    /// Each state's decision to send forces.
    Forces = 2,
    /// The aggressor's answer to a blockade.
    Blockade = 3,
    /// Each friend of the victim's decision to send arms.
    Arms = 4,
    /// The aggressor's domestic politics.
    Politics = 5,
    /// Each friend of the aggressor's decision to step in.
    Friends = 6,
    /// The front's luck.
    Luck = 7,
}

/// What this run drew at its start, in this order, from the one RNG (ranges: the level's `uncertainty`).
#[derive(Resource, Debug, Clone, Copy, Default, Serialize)]
pub struct Draws {
    /// Added to the aggressor's appetite to give its resolve.
    pub resolve: f32,
    /// Multipliers of each side's readiness: battlefield fortune.
    pub fortune_aggressor: f32,
    pub fortune_victim: f32,
    /// Multiplier of sanctions leakage.
    pub leakage: f32,
    /// Multiplier of forces' transit time.
    pub arrival: f32,
    /// Half-width of the aggressor's domestic politics, drawn anew each turn.
    pub politics: f32,
    /// The share by which the aggressor discounts the forces sent against it, until they defeat it.
    pub doubt: f32,
}

impl Draws {
    /// Draws a run's uncertainties in a fixed order.
    pub fn draw(rng: &mut SimRng, u: &crate::level::Uncertainty) -> Draws {
        let resolve = u.resolve * rng.opening();
        let fortune_aggressor = 1.0 + u.fortune * rng.opening();
        let fortune_victim = 1.0 + u.fortune * rng.opening();
        let leakage = 1.0 + u.leakage * rng.opening();
        let arrival = 1.0 + u.arrival * rng.opening();
        let doubt = u.misjudgement * (rng.opening() + 1.0) * 0.5;
        Draws { resolve, fortune_aggressor, fortune_victim, leakage, arrival, politics: u.politics, doubt }
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
    /// Share of the aggressor's fuel that an oil embargo denies it, 0 to 1 (its imported share, less leaks).
    pub fuel_denied: f32,
    /// Set when the institution takes over sanctions that states had begun on their own: each decides anew.
    pub sanctions_redecide: bool,
    /// Force authorised by the institution.
    pub force_authorised: bool,
    /// Forces sent to fight for the victim, each on its way or arrived.
    pub coalition: Vec<Contingent>,
    /// Arms sent to the victim, each on its way or arrived.
    pub arms: Vec<Contingent>,
    /// States whose government ordered forces to the theatre (the player, or a playable state as history went).
    pub intervening: Vec<Entity>,
    /// States whose government ordered forces in the turn it asked the institution for the authority to use them:
    /// they go if the institution grants it that turn, and stay home if it does not.
    pub awaiting_authority: Vec<Entity>,
    /// States blockading the aggressor's sea routes to the theatre.
    pub blockaders: Vec<Entity>,
    /// How much of the aggressor's supply to the theatre the blockade cuts, 0 to 1.
    pub blockade: f32,
    /// The aggressor answered the blockade with war on the blockaders.
    pub blockade_war: bool,
    /// States fighting on the aggressor's side: (state, CINC committed).
    pub aggressor_allies: Vec<(Entity, f32)>,
    /// States whose forces stop at the line where the aggression began (`HoldAtTheLine`).
    pub held_at_line: Vec<Entity>,
    /// Peacekeepers deployed (with consent).
    pub peacekeepers: bool,
    /// Concessions made to the aggressor.
    pub concessions: u32,
    /// The standing of the terms on the table once the war is under way: a mediator's good offices, or the
    /// victim's own offer of the ground it concedes (0 without). A way out for the aggressor, a guarantee of the
    /// terms for the victim.
    pub terms: f32,
    /// The line the victim itself offered peace on (the share of the ground the aggressor held once the victim
    /// conceded at war): an aggressor that stops takes that peace, even under a demand to withdraw (the victim has
    /// settled what the demand was made for), and the victim does not count the ground it offered as ground to win
    /// back.
    pub offered_line: Option<f32>,
    /// Guarantees given this crisis (guarantor, turn).
    pub guarantees: Vec<(Entity, usize)>,
    /// Guarantors who gave their guarantee during the crisis, before the attack or after: not believed to risk
    /// nuclear war, nor to punish with their whole power (Janice Gross Stein, 1992: no threat without forces in
    /// place was credible to Iraq in 1990).
    pub crisis_guarantors: Vec<Entity>,
    /// The aggressor has left the institution.
    pub aggressor_left: bool,
    /// Turn the enquiry was adopted.
    pub enquiry: Option<usize>,
    /// How the sanctions worked in the last turn they were in force.
    pub sanctions_trace: Option<SanctionsTrace>,
    /// Sanctions started by the player's own decision rather than a vote.
    pub national_sanctions: bool,
    /// Aggressor's control when the coalition first fought.
    pub control_when_coalition_formed: Option<f32>,
    /// The power behind the institution's verdicts: what each member that voted for a motion against the
    /// aggressor (a condemnation, non-recognition, sanctions, force) could bring to the theatre, weighed by its
    /// faith in the institution; its largest in any vote.
    pub backing: Vec<(Entity, f32)>,
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

/// How much a state complies with sanctions in force, 0 to 1, once it has decided; `None` before.
///
/// Every state has one from the start: most decide on the same turn, and giving each the component then
/// would move every state's row, run after run of a many-run comparison.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct Sanctioning(pub Option<f32>);

/// Days to ready a force before it sails or marches.
pub const MOBILISE_DAYS: f32 = 10.0;
/// Kilometres a force and its supplies cover in a day, by sea or rail, on average.
pub const KM_PER_DAY: f32 = 100.0;
/// Days between arms arriving and soldiers able to fight with them (the author's judgement: Ukrainian crews
/// trained three weeks on HIMARS in June 2022 and five to eight weeks on Leopard 2 tanks in 2023; simpler
/// weapons take less, a whole new arm of service much more).
pub const ARMS_TRAINING_DAYS: i32 = 42;
/// Days a turn lasts when no later turn dates its end (the last turn).
pub const LAST_TURN_DAYS: i32 = 30;

/// Forces or arms sent to the theatre: they arrive over the days their distance takes.
#[derive(Debug, Clone, Copy)]
pub struct Contingent {
    pub state: Entity,
    /// Power (CINC) it adds in the theatre once it has all arrived.
    pub cinc: f32,
    /// Day it was sent (see `Date::days`).
    pub sent: i32,
    /// Days before its first elements arrive.
    pub lead: f32,
    /// Days it takes to arrive in full.
    pub days: f32,
}

impl Contingent {
    /// Sent on day `sent` to a theatre `km` away: its first elements land after the voyage of the first
    /// ships, the rest in a stream until all have arrived (`transit`).
    pub fn sent(state: Entity, cinc: f32, sent: i32, km: f32, draws: &Draws) -> Self {
        let (lead, days) = transit(km, draws);
        Contingent { state, cinc, sent, lead, days }
    }
    /// Power arrived by `day`: none before the first elements land, then a steady stream until all have.
    pub fn arrived(&self, day: i32) -> f32 {
        let stream = (self.days - self.lead).max(1.0);
        self.cinc * ((day - self.sent) as f32 - self.lead).clamp(0.0, stream) / stream
    }
}

/// Kilometres the first ships or trains of a force cover in a day: a troopship at 11 to 12 knots.
pub const VOYAGE_KM_PER_DAY: f32 = 500.0;

/// Days before the first elements of a state's forces reach a theatre `km` away, and days until all have,
/// with the run's arrival draw. Between the two, ports, ships and depots move the whole force as fast as they
/// can (`transit_days`).
pub fn transit(km: f32, draws: &Draws) -> (f32, f32) {
    ((MOBILISE_DAYS + km / VOYAGE_KM_PER_DAY) * draws.arrival, transit_days(km, draws))
}

/// Days for all of a state's forces to reach a theatre `km` away, with the run's arrival draw.
pub fn transit_days(km: f32, draws: &Draws) -> f32 {
    (MOBILISE_DAYS + km / KM_PER_DAY) * draws.arrival
}

/// The day a turn starts and the day it ends (the next turn's date).
pub fn turn_days(level: &LevelDef, turn: usize) -> (i32, i32) {
    let start = level.turns[turn].date.days();
    let end = level.turns.get(turn + 1).map_or(start + LAST_TURN_DAYS, |t| t.date.days());
    (start, end)
}

impl MeasuresInForce {
    pub fn has(&self, m: Measure) -> bool {
        self.adopted.iter().any(|(_, a, _)| *a == m)
    }
    /// Coalition power arrived in the theatre by `day`.
    pub fn coalition_in_theatre(&self, day: i32) -> f32 {
        self.coalition.iter().map(|c| c.arrived(day)).sum()
    }
    /// Coalition power sent but not yet arrived by `day`.
    pub fn coalition_on_way(&self, day: i32) -> f32 {
        self.coalition.iter().map(|c| (c.cinc - c.arrived(day)).max(0.0)).sum()
    }
    /// Arms arrived with the victim by `day`.
    pub fn arms_arrived(&self, day: i32) -> f32 {
        self.arms.iter().map(|c| c.arrived(day)).sum()
    }
    /// Arms the victim's soldiers have learnt to use by `day`: those that arrived `ARMS_TRAINING_DAYS` before.
    pub fn arms_in_use(&self, day: i32) -> f32 {
        self.arms_arrived(day - ARMS_TRAINING_DAYS)
    }
    /// Power `e` has in the theatre by `day`.
    pub fn arrived_of(&self, e: Entity, day: i32) -> f32 {
        self.coalition.iter().filter(|c| c.state == e).map(|c| c.arrived(day)).sum()
    }
    pub fn in_coalition(&self, e: Entity) -> bool {
        self.coalition.iter().any(|c| c.state == e)
    }

    /// What the members behind the institution's verdicts could still bring against the aggressor: those whose
    /// forces are already sent count as the coalition, not as a threat.
    pub fn backing_held_back(&self) -> f32 {
        self.backing_held_back_with(&[])
    }

    /// The same, were a vote with these backers adopted too: each member counts at its largest.
    pub fn backing_held_back_with(&self, vote: &[(Entity, f32)]) -> f32 {
        let largest = |e: Entity, b: f32| vote.iter().filter(|v| v.0 == e).fold(b, |m, v| m.max(v.1));
        let old = self.backing.iter().map(|&(e, b)| (e, largest(e, b)));
        let new = vote.iter().filter(|v| !self.backing.iter().any(|b| b.0 == v.0)).copied();
        old.chain(new).filter(|(e, _)| !self.in_coalition(*e)).map(|(_, b)| b).sum()
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

impl Nations {
    /// A query's states in the level's order, the order every decision follows, read in one pass over the query:
    /// quicker than looking each state up by its entity, which many-run comparisons do every turn.
    pub fn in_order<T>(&self, items: impl IntoIterator<Item = T>, ix: impl Fn(&T) -> StateIx) -> impl Iterator<Item = T> {
        let mut slots: Vec<Option<T>> = std::iter::repeat_with(|| None).take(self.0.len()).collect();
        for t in items {
            if let Some(slot) = slots.get_mut(ix(&t).0) {
                *slot = Some(t);
            }
        }
        slots.into_iter().flatten()
    }
}

/// Final outcome once the crisis ends.
#[derive(Resource, Debug, Clone, Copy, Serialize)]
pub struct Outcome {
    pub result: OutcomeKind,
    pub turns: usize,
}

pub use crate::geo::km_between;

/// Share of a state's power it can bring to bear at a distance (Boulding's loss-of-strength gradient):
/// 1 at home, 1/2 at 2,500 km for a small state; great powers, with navies and airlift, reach further.
pub fn projection(km: f32, cinc: f32) -> f32 {
    let reach = PROJECTION_KM * (1.0 + PROJECTION_GROWTH * cinc);
    1.0 / (1.0 + km / reach)
}

/// Distance (km) at which a small state brings half its power to bear.
pub const PROJECTION_KM: f32 = 2500.0;
/// How much further reach grows with power: a state with CINC 0.05 reaches twice as far.
pub const PROJECTION_GROWTH: f32 = 20.0;

/// Everything a system needs to know about one state, read together.
pub type NationQuery<'a> = (Entity, &'a Nation, &'a Capability, &'a Interests, Has<Member>);
