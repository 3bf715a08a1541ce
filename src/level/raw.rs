//! Raw level types: exactly what a `levels/*.ron` file holds, before validation.
//!
//! Every field here is documented because `MODDING.md` is written from these types.
//! Ids are plain strings; the validator turns them into indices.

use serde::{Deserialize, Serialize};

/// Which world institution the era has.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InstitutionKind {
    /// The League of Nations (1920–1946): unanimity, each member decides its own sanctions.
    League,
    /// The United Nations (1945–): Security Council with the veto, General Assembly.
    UnitedNations,
}

/// A whole level: one crisis of one era.
#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "Level")]
pub struct RawLevel {
    /// File stem, for example `"korea_1950"`.
    pub id: String,
    /// Title shown in menus.
    pub name: String,
    /// One paragraph that sets the scene (no outcome in it).
    pub summary: String,
    /// Dated turns, in order. Each turn is one round of orders, votes, measures and fighting.
    pub turns: Vec<RawTurn>,
    /// Initial world tension, 0 (calm) to 1 (war expected everywhere).
    #[serde(default)]
    pub tension: f32,
    /// Every state that matters to the votes or the fighting.
    pub states: Vec<RawState>,
    /// Alliances, pacts, guarantees and collective-defence organisations in force.
    #[serde(default)]
    pub blocs: Vec<RawBloc>,
    /// The world institution of the era and its organs.
    pub institution: RawInstitution,
    /// The crisis: who attacks whom, why, where.
    pub crisis: RawCrisis,
    /// Things that really happened on a date, whatever anyone chooses (a boycott, a return).
    #[serde(default)]
    pub events: Vec<RawEvent>,
    /// States a player can lead, each with its historical choices.
    pub playable: Vec<RawPlayable>,
    /// Who controls which territory in the level's year, for the map.
    #[serde(default)]
    pub map: RawMap,
    /// What really happened. Shown only as history, never read by the model.
    pub history: RawHistory,
    /// Where the figures come from.
    pub sources: Vec<String>,
    /// Warning ids this file accepts, silenced in `check` (for example `["W001-not-iso"]`).
    #[serde(default)]
    pub allow: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "Turn")]
pub struct RawTurn {
    /// ISO date, `"1931-10-24"`.
    pub date: String,
    /// Short label for the turn.
    #[serde(default)]
    pub label: String,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "State")]
pub struct RawState {
    /// ISO 3166-1 alpha-3, or ISO 3166-3 for former states (`SUN`, `YUG`, `CSK`); `TWN` for the Republic of China.
    pub id: String,
    pub name: String,
    /// Longitude and latitude of the capital, in degrees.
    pub capital: (f32, f32),
    /// Composite Index of National Capability (COW NMC 6.0) in the level's year; shares sum to about 1.
    pub cinc: f32,
    /// Alignment with the aggressor, -1 (hostile) to 1 (close ally): ideology, treaties, friendship.
    #[serde(default)]
    pub ties_aggressor: f32,
    /// Alignment with the victim, -1 to 1.
    #[serde(default)]
    pub ties_victim: f32,
    /// Share of the aggressor's foreign trade that passes through this state, 0 to 1.
    #[serde(default)]
    pub trade_aggressor: f32,
    /// Share of the aggressor's oil imports that this state supplies, 0 to 1.
    #[serde(default)]
    pub oil_aggressor: f32,
    /// Stake in the theatre (colonial, regional, economic interests), 0 to 1.
    #[serde(default)]
    pub interest: f32,
    /// Other threats that distract this state from the crisis, 0 to 1.
    #[serde(default)]
    pub distraction: f32,
    /// Domestic constraints on using force (pacifism, depression, war-weariness), 0 to 1.
    #[serde(default)]
    pub domestic: f32,
    /// Faith in the institution and its rules, 0 to 1.
    #[serde(default = "half")]
    pub commitment: f32,
    /// Stays out of blocs and away from measures led by one camp (non-alignment).
    #[serde(default)]
    pub non_aligned: bool,
    /// Holds nuclear weapons on the level's date (a fact: the USSR from August 1949, Britain from 1952). Others
    /// weigh the risk of escalation before they send forces against it.
    #[serde(default)]
    pub nuclear: bool,
    /// How many member states this entry stands for. Above 1 it is a regional group with a real count
    /// (for example the 27 other African members) that casts that many identical ballots in an assembly.
    #[serde(default = "one_state")]
    pub count: u32,
    /// For a group: how far its members' alignment differs, the standard deviation of their ties to the victim
    /// less their ties to the aggressor, around the group's (`scripts/un_affinity.py` measures it from the UN
    /// roll calls). Each member then attends and votes by its own ties, and the group splits its ballots. 0:
    /// every member votes alike.
    #[serde(default)]
    pub spread: f32,
}

fn one_state() -> u32 {
    1
}

fn three() -> u32 {
    3
}

fn half() -> f32 {
    0.5
}

/// What kind of pact a bloc is.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlocKind {
    /// A standing collective-defence organisation (NATO): an attack on one is an attack on all members.
    CollectiveDefence,
    /// An alliance aimed at a named enemy.
    Alliance,
    /// A mutual-defence pact between two or a few states.
    MutualDefence,
    /// A one-sided guarantee of a state by others.
    Guarantee,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "Bloc")]
pub struct RawBloc {
    pub id: String,
    pub name: String,
    pub kind: BlocKind,
    /// States bound to defend (for a guarantee: the guarantors). Outside the treaty's area and region a member
    /// is not obliged, but it may follow its pact's strongest member into a war that member leads.
    pub members: Vec<String>,
    /// For a guarantee: the guaranteed state.
    #[serde(default)]
    pub protects: Option<String>,
    /// The enemy it is aimed at, if any.
    #[serde(default)]
    pub against: Option<String>,
    /// How firmly members honour it, 0 to 1.
    #[serde(default = "half")]
    pub cohesion: f32,
    /// The treaty area: the states whose territory an attack on obliges the members (NATO's Article 6).
    /// Left out, it is every member's territory; a guarantee covers the state it `protects`.
    #[serde(default)]
    pub area: Option<Vec<String>>,
    /// A state whose fighting for the victim the obligation waits for (the Soviet-Czechoslovak treaty of 1935
    /// bound the USSR only once France had come to Czechoslovakia's aid).
    #[serde(default)]
    pub after: Option<String>,
    /// The treaty's region on the globe, `((west, south), (east, north))` in degrees of longitude and
    /// latitude: the crisis's `location` must lie inside it for the members to be obliged, whoever the victim
    /// is (NATO's Article 6 stops at the Tropic of Cancer, 23.4° N: no obligation in the South Atlantic).
    /// Left out, anywhere.
    #[serde(default)]
    pub region: Option<((f32, f32), (f32, f32))>,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "Institution")]
pub struct RawInstitution {
    pub kind: InstitutionKind,
    pub name: String,
    /// Trust that its decisions will be carried out, 0 to 1. A campaign carries it from era to era.
    pub credibility: f32,
    /// Member states on the level's start date.
    pub members: Vec<String>,
    /// Its organs.
    pub bodies: Vec<RawBody>,
    /// Whether the General Assembly can act when the Council is blocked (from 3 November 1950).
    #[serde(default)]
    pub uniting_for_peace: bool,
    /// Turns a commission of enquiry takes to report; its findings weaken a false claim of self-defence.
    #[serde(default = "three")]
    pub enquiry_turns: u32,
}

/// Which organ a body is; decides the body's id in output.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BodyKind {
    LeagueCouncil,
    LeagueAssembly,
    SecurityCouncil,
    GeneralAssembly,
}

impl BodyKind {
    pub fn id(self) -> &'static str {
        match self {
            BodyKind::LeagueCouncil => "league_council",
            BodyKind::LeagueAssembly => "league_assembly",
            BodyKind::SecurityCouncil => "security_council",
            BodyKind::GeneralAssembly => "general_assembly",
        }
    }
    pub fn institution(self) -> InstitutionKind {
        match self {
            BodyKind::LeagueCouncil | BodyKind::LeagueAssembly => InstitutionKind::League,
            _ => InstitutionKind::UnitedNations,
        }
    }
    pub fn is_assembly(self) -> bool {
        matches!(self, BodyKind::LeagueAssembly | BodyKind::GeneralAssembly)
    }
}

/// How a body decides.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub enum VotingRule {
    /// League Covenant Art. 5: every member present agrees. Under Art. 15 the parties' votes are not counted.
    Unanimity,
    /// `votes` yes needed; with `veto`, a permanent member's no blocks a substantive decision
    /// (its abstention or absence does not). Procedural decisions need the same votes and cannot be vetoed.
    Qualified { votes: u32, veto: bool },
    /// Two-thirds of members present and voting (abstentions not counted).
    TwoThirds,
    /// More yes than no among members present and voting.
    Majority,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "Body")]
pub struct RawBody {
    pub kind: BodyKind,
    pub rule: VotingRule,
    /// Seats; empty means every member of the institution (an assembly).
    #[serde(default)]
    pub members: Vec<String>,
    /// Permanent members (their no is a veto where the rule has one).
    #[serde(default)]
    pub permanent: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "Crisis")]
pub struct RawCrisis {
    pub aggressor: String,
    pub victim: String,
    /// Name of the theatre, for example `"Manchuria"`.
    pub theatre: String,
    /// Longitude and latitude of the theatre's centre.
    pub location: (f32, f32),
    /// The aggressor's claim or pretext, in its own words.
    pub claim: String,
    /// How believable the aggressor's claim of self-defence is to others, 0 to 1. It makes the aggressor harder to name.
    #[serde(default)]
    pub self_defence: f32,
    /// Share of the aggressor's oil, its armies' fuel, that it imports, 0 to 1. An oil embargo that holds stops that share of its advance.
    #[serde(default)]
    pub oil_imported: f32,
    /// Whether the theatre is reached only overland, with no sea route a navy could close (Hungary 1956,
    /// Afghanistan 1979). A blockade then closes nothing: it cannot be ordered, and no strategy tries it.
    #[serde(default)]
    pub landlocked: bool,
    /// Whether the crisis opens with an attack already under way (`true`) or a threat that can still be deterred.
    #[serde(default = "yes")]
    pub attack_under_way: bool,
    /// The aggressor's appetite: how much it wants the prize, 0 to 1.
    pub appetite: f32,
    /// Readiness of each side's forces in the theatre (surprise, equipment, training), multiplying power. 1 is ordinary.
    #[serde(default = "one")]
    pub aggressor_readiness: f32,
    #[serde(default = "one")]
    pub victim_readiness: f32,
    /// Share of the contested territory the aggressor holds at the start, 0 to 1, including what an attack
    /// under way has already taken.
    #[serde(default)]
    pub control: f32,
    /// Share of the contested territory the aggressor held before the crisis began, by treaty or an earlier
    /// war (Crimea and part of the Donbas before February 2022), 0 to `control`. Reversing the aggression
    /// means throwing it back to this line, and an aggressor that withdraws goes back to it; only the ground
    /// beyond it is at stake in a cease-fire. Left out: 0 when `attack_under_way` (what it holds, the attack
    /// took), else `control`.
    #[serde(default)]
    pub held_before: Option<f32>,
    /// The share of the contested territory the aggressor's government means to take, `held_before` to 1. Left
    /// out, 1: it wants all it claims. An aggressor that holds its aim presses no further: it offers a cease-fire
    /// where its forces stand and, refused, holds its line; it may still be thrown back, or withdraw under
    /// pressure (Russia in Georgia, August 2008: its forces stopped at Gori and left undisputed Georgia by
    /// October, keeping South Ossetia and Abkhazia; Asmus, *A Little War that Shook the World*, 2010).
    #[serde(default)]
    pub aim: Option<f32>,
    /// Whether the aggressor means to punish, not to keep: holding its `aim`, it declares its aims achieved and
    /// withdraws to the line it held before, rather than offering a cease-fire where it stands (China in Vietnam,
    /// February–March 1979: it announced on 5 March, as its troops took Lang Son, that its "lesson" had been taught, and was back
    /// across the border by 16 March; Xiaoming Zhang, *Deng Xiaoping's Long War*, 2015). Needs an `aim`.
    #[serde(default)]
    pub punitive: bool,
    /// Share of the claim one concession hands over (Munich handed over all of the Sudetenland: 1.0).
    #[serde(default = "concession")]
    pub concession: f32,
    /// Area of the contested ground in km², from an atlas. The front moves faster across a small theatre than
    /// a vast one. Left out, it is computed from the map's theatre regions, or taken as 100,000 km².
    #[serde(default)]
    pub area_km2: Option<f32>,
    /// How uncertain what decided the crisis was: the ranges of the run's seeded draws (see MODEL.md).
    #[serde(default)]
    pub uncertainty: Uncertainty,
    /// Seasons that slow campaigning in the theatre (rains, mud, snow), at most 12. Left out: none.
    #[serde(default)]
    pub seasons: Vec<Season>,
}

/// A season that slows the armies in the theatre each year, from one day of the year to another (it may
/// run over the new year). In a turn, the front moves at the mean pace of the turn's days.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields, rename = "Season")]
pub struct Season {
    /// What slows the armies, for the newswire, for example `"The kiremt rains"`.
    pub name: String,
    /// Its first day, as `(month, day)`: `(6, 15)` is 15 June.
    pub from: (u8, u8),
    /// Its last day, as `(month, day)`.
    pub to: (u8, u8),
    /// The pace of the front in the season, from 0 (nothing moves) to 1 (no slower).
    pub pace: f32,
}

impl Season {
    /// Whether the day of the year `(month, day)` falls in the season.
    pub fn covers(&self, md: (u8, u8)) -> bool {
        if self.from <= self.to { self.from <= md && md <= self.to } else { md >= self.from || md <= self.to }
    }
}

/// The half-widths of the seeded draws of a run, each a uniform draw in `[-x, x]` (all 0 to 1).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields, rename = "Uncertainty")]
pub struct Uncertainty {
    /// The aggressor's resolve around its `appetite` (how much risk its leaders accept).
    #[serde(default = "resolve_range")]
    pub resolve: f32,
    /// The aggressor's domestic politics, redrawn each turn (army against cabinet, a leader's health).
    #[serde(default = "politics_range")]
    pub politics: f32,
    /// Battlefield fortune: each side's readiness is multiplied by `1 ± fortune`, drawn once per run; where one
    /// side is far stronger, the aggressor's fortune over the victim's also sets the pace of its advance.
    #[serde(default = "fortune_range")]
    pub fortune: f32,
    /// How much sanctions leak beyond what trade figures predict: leakage is multiplied by `1 ± leakage`.
    #[serde(default = "leakage_range")]
    pub leakage: f32,
    /// How long forces take to arrive: transit time is multiplied by `1 ± arrival`.
    #[serde(default = "arrival_range")]
    pub arrival: f32,
    /// How far the aggressor may doubt that the forces sent against it will fight: it discounts them by a
    /// share drawn once per run from 0 to `misjudgement` (the pledges of pacts protecting the victim the less, the
    /// higher their cohesion), until a defeat in the field teaches it otherwise.
    #[serde(default = "misjudgement_range")]
    pub misjudgement: f32,
}

fn resolve_range() -> f32 {
    0.2
}
fn politics_range() -> f32 {
    0.15
}
fn fortune_range() -> f32 {
    0.25
}
fn leakage_range() -> f32 {
    0.3
}
fn arrival_range() -> f32 {
    0.3
}
fn misjudgement_range() -> f32 {
    0.6
}

impl Uncertainty {
    /// Each range by its field name, in the order the run draws them.
    pub fn ranges(&self) -> [(&'static str, f32); 6] {
        [
            ("resolve", self.resolve),
            ("politics", self.politics),
            ("fortune", self.fortune),
            ("leakage", self.leakage),
            ("arrival", self.arrival),
            ("misjudgement", self.misjudgement),
        ]
    }
}

impl Default for Uncertainty {
    fn default() -> Self {
        Uncertainty {
            resolve: resolve_range(),
            politics: politics_range(),
            fortune: fortune_range(),
            leakage: leakage_range(),
            arrival: arrival_range(),
            misjudgement: misjudgement_range(),
        }
    }
}

fn concession() -> f32 {
    0.15
}

fn yes() -> bool {
    true
}
fn one() -> f32 {
    1.0
}

/// Events that really happened on their date, whatever the player does.
#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "Event")]
pub struct RawEvent {
    pub date: String,
    pub kind: EventKind,
    /// What the newswire says.
    pub text: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum EventKind {
    /// A member stays away from a body from this date (the USSR from January 1950).
    Boycott { state: String, body: BodyKind },
    /// A boycotting member comes back (the USSR on 1 August 1950).
    Return { state: String, body: BodyKind },
    /// A delegation has no instructions and does not vote this turn.
    NoInstructions { state: String, body: BodyKind },
    /// A state joins the institution (Turkey and Iraq joined the League in 1932).
    Join { state: String },
    /// The General Assembly gains the Uniting for Peace procedure without a vote in this level.
    UnitingForPeace,
    /// News only; changes nothing in the model.
    News,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "Playable")]
pub struct RawPlayable {
    pub state: String,
    /// One line on the role: what this state wants.
    pub role: String,
    /// Orders given in history, by turn (1-based).
    #[serde(default)]
    pub historical: Vec<RawChoice>,
    /// Orders history gave that a what-if takes back (a variant's `drop_orders` writes them here): from its turn
    /// on, the state does not send forces (`Intervene`) or arms (`ArmVictim`) of its own accord either, unless an
    /// order of the same kind is given again.
    #[serde(default)]
    pub withheld: Vec<RawChoice>,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "Choice")]
pub struct RawChoice {
    pub turn: u32,
    pub orders: Vec<Order>,
}

/// A measure an institution can vote on.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Measure {
    /// Send a commission of enquiry (Lytton, 1931).
    Enquiry,
    /// Name a breach of the peace, call for a cease-fire and withdrawal.
    Condemn,
    /// Refuse to recognise what force has gained (Stimson doctrine, 1932–33).
    NonRecognition,
    /// Economic sanctions, oil exempted (League 1935).
    Sanctions,
    /// Economic sanctions including oil.
    OilSanctions,
    /// Call on members to furnish military assistance to the victim (S/RES/83, 678).
    AuthoriseForce,
    /// Put the forces under one unified command led by a great power (S/RES/84).
    UnifiedCommand,
    /// Procedural: refer the question to an emergency special session of the Assembly (Uniting for Peace).
    Referral,
    /// A peacekeeping force: needs the consent of the parties, uses force only in self-defence.
    Peacekeeping,
    /// Give the General Assembly the Uniting for Peace procedure (resolution 377 A (V), 3 November 1950).
    UnitingForPeace,
    /// Call on both sides to cease fire where they stand, naming neither as the aggressor and asking no
    /// withdrawal (S/RES/479 on Iran and Iraq, 1980).
    CeaseFire,
}

/// Under which article a League member brings the matter.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Procedure {
    /// The body's ordinary rule (Art. 11 in the League: the parties vote and count).
    #[default]
    Ordinary,
    /// League Covenant Art. 15: the parties' votes are not counted.
    Art15,
}

/// What the player's state orders in a turn.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum Order {
    /// Accept part of the aggressor's claim to buy time (appeasement).
    Concede,
    /// Offer mediation between the parties.
    Mediate,
    /// Guarantee the victim's independence.
    Guarantee,
    /// Raise military spending (arms race).
    Rearm,
    /// Join a bloc by id.
    JoinBloc(String),
    /// Send forces to the theatre, with or without an institution's authority.
    Intervene,
    /// Send arms, money and intelligence to the victim, without fighting: they reach the theatre over time
    /// and add to the victim's strength.
    ArmVictim,
    /// Close the sea routes to the theatre to the aggressor (a naval blockade; closing a canal). It weakens the
    /// aggressor's forces in the theatre the more, the longer its supply line; the aggressor may answer with war.
    Blockade,
    /// Apply sanctions of your own.
    Sanction { oil: bool },
    /// Keep your forces at the line where the aggression began once they have thrown the aggressor back to it,
    /// instead of carrying the war into its territory: the aggressor's friends then see no threat at their
    /// border (the choice the United States did not make in October 1950).
    HoldAtTheLine,
    /// Put a measure to a body of the institution.
    Propose {
        body: BodyKind,
        measure: Measure,
        #[serde(default)]
        under: Procedure,
    },
    /// Do nothing this turn.
    Wait,
}

impl Order {
    /// Whether the order asks the institution for the authority to use force: forces ordered in the same turn
    /// wait on its answer.
    pub fn asks_authority_for_force(&self) -> bool {
        matches!(self, Order::Propose { measure: Measure::AuthoriseForce, .. })
    }
    /// Whether the victim itself may give the order: it does not arm or guarantee itself, nor mediate in its own
    /// war. The checker refuses the others in a level, and the orders panel does not offer them.
    pub fn open_to_the_victim(&self) -> bool {
        !matches!(self, Order::ArmVictim | Order::Guarantee | Order::Mediate)
    }
}

/// The five ways a crisis can end.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OutcomeKind {
    /// The aggressor never attacked and was handed nothing, or withdrew before taking any ground.
    Deterred,
    /// The fighting stopped (a cease-fire, peacekeepers), or concessions settled the crisis without a war, with the
    /// aggressor short of its claim.
    Halted,
    /// The aggressor ended on the line it held before the crisis, thrown back or having withdrawn after
    /// taking ground.
    Reversed,
    /// The aggressor got what it wanted.
    AggressorPrevails,
    /// Lines froze with no settlement.
    Frozen,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "History")]
pub struct RawHistory {
    pub outcome: OutcomeKind,
    /// What happened, with dates. Shown as history only.
    pub summary: String,
    /// Recorded votes, for the fidelity table.
    #[serde(default)]
    pub votes: Vec<RecordedVote>,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "Vote")]
pub struct RecordedVote {
    /// Turn (1-based) at which the vote falls in this level.
    pub turn: u32,
    pub body: BodyKind,
    pub measure: Measure,
    /// As recorded, for example `"S/RES/82"`.
    pub document: String,
    pub adopted: bool,
    /// Yes–No–Abstain as recorded, for example `"9–0–1"`.
    pub tally: String,
    #[serde(default)]
    pub no: Vec<String>,
    #[serde(default)]
    pub abstain: Vec<String>,
    #[serde(default)]
    pub absent: Vec<String>,
    #[serde(default)]
    pub vetoed_by: Vec<String>,
    pub source: String,
    /// `true` for a vote never used to set any number of the model or of a level: the fidelity table reports
    /// such votes apart, as prediction rather than fit.
    #[serde(default)]
    pub held_out: bool,
}

impl OutcomeKind {
    pub const ALL: [OutcomeKind; 5] =
        [OutcomeKind::Deterred, OutcomeKind::Halted, OutcomeKind::Reversed, OutcomeKind::AggressorPrevails, OutcomeKind::Frozen];
    /// The name used in JSON output and on screen.
    pub fn id(self) -> &'static str {
        match self {
            OutcomeKind::Deterred => "deterred",
            OutcomeKind::Halted => "halted",
            OutcomeKind::Reversed => "reversed",
            OutcomeKind::AggressorPrevails => "aggressor_prevails",
            OutcomeKind::Frozen => "frozen",
        }
    }
}

impl Measure {
    /// The name used in JSON output (serde's snake case of the variant).
    pub fn id(self) -> &'static str {
        use Measure::*;
        match self {
            Enquiry => "enquiry",
            Condemn => "condemn",
            NonRecognition => "non_recognition",
            Sanctions => "sanctions",
            OilSanctions => "oil_sanctions",
            AuthoriseForce => "authorise_force",
            UnifiedCommand => "unified_command",
            Referral => "referral",
            Peacekeeping => "peacekeeping",
            UnitingForPeace => "uniting_for_peace",
            CeaseFire => "cease_fire",
        }
    }

    /// Whether the measure calls the aggressor to account: a verdict, sanctions or force; not an enquiry, a
    /// procedural step, a peace force that needs its consent or a call on both sides that names no aggressor.
    pub fn against_aggressor(self) -> bool {
        use Measure::*;
        matches!(self, Condemn | NonRecognition | Sanctions | OilSanctions | AuthoriseForce | UnifiedCommand)
    }
}

/// The map of the era: modern country shapes given to the states that held them, and regions no modern
/// border outlines (Manchuria), drawn from polygons over the modern shapes.
#[derive(Serialize, Deserialize, Clone, Debug, Default)]
#[serde(deny_unknown_fields, rename = "Map")]
pub struct RawMap {
    /// `(modern ISO 3166-1 alpha-3, id of the state that held it)`, for example `("KAZ", "SUN")`.
    /// A modern country whose code is a state of the level is that state's, unless listed here. A former
    /// state's code (`CSK`, `YUG`) is refused: list the modern countries it covered (`CZE`, `SVK`). The map's
    /// own codes for states ISO does not list are drawn too: Kosovo `XKX`, Northern Cyprus `CYN`, Somaliland `SOL`.
    #[serde(default)]
    pub territories: Vec<(String, String)>,
    #[serde(default)]
    pub regions: Vec<RawRegion>,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "Region")]
pub struct RawRegion {
    pub name: String,
    /// Longitude and latitude of each corner, in order.
    pub polygon: Vec<(f32, f32)>,
    /// The state holding it when the level starts.
    pub held_by: String,
    /// Whether this is the contested ground of the crisis: it takes the aggressor's colour as the aggressor's control grows.
    #[serde(default)]
    pub theatre: bool,
}

/// Yes, no and abstentions from a recorded tally such as `"7–2–2"` or `"13–1"`; `None` when it gives no numbers.
pub fn parse_tally(t: &str) -> Option<(u32, u32, u32)> {
    let head = t.split([',', '(', ';']).next()?;
    let nums: Vec<u32> = head.split(['–', '-', '—']).map(str::trim).map(|x| x.parse::<u32>()).collect::<Result<_, _>>().ok()?;
    match nums[..] {
        [y, n] => Some((y, n, 0)),
        [y, n, a] => Some((y, n, a)),
        _ => None,
    }
}
