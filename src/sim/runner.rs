//! Starting a run from a level and playing it turn by turn, headless.

use std::sync::Arc;

use bevy::prelude::*;

use crate::level::{LevelDef, StateIx};

use super::core::*;
use super::trace::RunLog;

/// A headless simulation: one `App` that can play many runs, one after another.
pub struct Simulation {
    pub app: App,
}

/// What a run starts from.
#[derive(Clone)]
pub struct RunSetup {
    pub level: Arc<LevelDef>,
    pub seed: u64,
    /// The player's state; `None` for the level's default role.
    pub role: Option<StateIx>,
    /// `None` when a person gives the orders.
    pub policy: Option<Policy>,
    /// Credibility carried in from an earlier era, if any.
    pub credibility: Option<Credibility>,
    /// What earlier crises of a campaign taught: an aggressor that succeeded emboldens the next one.
    pub lessons: Lessons,
}

/// What states drew from the crises before this one.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Lessons {
    /// Added to the aggressor's appetite: aggressors that got away with it embolden the next.
    pub appetite: f32,
    /// World tension carried in.
    pub tension: f32,
    /// Faith in collective security: every state's commitment to the institution is multiplied by
    /// `1 + faith`. Aggression that pays erodes it, the essay's "loss of faith"; aggression undone restores it.
    #[serde(default)]
    pub faith: f32,
}

/// How much an aggressor's success emboldens the next (appetite) and erodes faith in collective security.
pub const EMBOLDEN: f32 = 0.1;
pub const FAITH_LOST: f32 = 0.1;

impl Lessons {
    /// The lessons after a crisis that ended with `outcome` and `tension`, on top of earlier ones. `price` is
    /// the sanctions pressure the aggressor bore at the end, 0 to 1: a prize taken at a price emboldens the next
    /// aggressor less (Lawrence Freedman, *Ukraine and the Art of Strategy*, 2019, ch. 9, on what Moscow read
    /// into the West's limited sanctions of 2014).
    pub fn after(self, outcome: crate::level::OutcomeKind, tension: f32, price: f32) -> Lessons {
        use crate::level::OutcomeKind::*;
        let (appetite, faith) = match outcome {
            AggressorPrevails => (EMBOLDEN * (1.0 - price.clamp(0.0, 1.0)), -FAITH_LOST),
            Frozen | Halted => (0.3 * EMBOLDEN, -0.3 * FAITH_LOST),
            Reversed | Deterred => (-EMBOLDEN, 0.5 * FAITH_LOST),
        };
        Lessons {
            appetite: (self.appetite + appetite).clamp(-0.3, 0.3),
            tension: tension * 0.5,
            faith: (self.faith + faith).clamp(-0.5, 0.3),
        }
    }
}

impl Lessons {
    /// The lessons a finished run in `world` leaves on top of these: its outcome, its tension, and the
    /// sanctions pressure the aggressor bore at the end.
    pub fn after_run(self, world: &World) -> Lessons {
        let outcome = world.resource::<super::trace::RunLog>().outcome.map_or(crate::level::OutcomeKind::Frozen, |o| o.0);
        let tension = world.resource::<WorldTension>().tension;
        self.after(outcome, tension, world.resource::<MeasuresInForce>().pressure)
    }
}

impl Default for Simulation {
    fn default() -> Self {
        Self::new()
    }
}

impl Simulation {
    pub fn new() -> Self {
        let mut app = App::new();
        app.add_plugins(MinimalPlugins).add_plugins(super::plugin);
        app.finish();
        app.cleanup();
        Simulation { app }
    }

    /// Clears the world of any earlier run and spawns the level's world.
    pub fn start(&mut self, setup: &RunSetup) {
        let world = self.app.world_mut();
        // A headless simulation never calls `App::update`, which clears the record of removed components: left
        // alone it would grow by every component of every entity each run despawns, run after run. (The game's
        // own frames clear it.)
        world.clear_trackers();
        start_run(world, setup);
    }

    /// A simulation for many-run counts: it keeps only what outcome shares need (see [`RunLog::lean`]).
    pub fn lean() -> Self {
        let mut sim = Simulation::new();
        sim.set_lean(true);
        sim
    }

    /// Keeps only what outcome shares need in the run log (see `RunLog::lean`), for this run and the next.
    pub fn set_lean(&mut self, lean: bool) {
        self.app.world_mut().resource_mut::<RunLog>().lean = lean;
    }

    /// Plays one turn. Returns `true` once the crisis has ended.
    pub fn step(&mut self) -> bool {
        let w = self.app.world_mut();
        if w.resource::<Calendar>().finished {
            return true;
        }
        w.run_schedule(Turn);
        w.resource::<Calendar>().finished
    }

    /// Plays to the end.
    pub fn run_to_end(&mut self) {
        let max = self.app.world().resource::<Level>().0.turns.len() + 1;
        for _ in 0..max {
            if self.step() {
                break;
            }
        }
    }

    pub fn log(&self) -> &RunLog {
        self.app.world().resource::<RunLog>()
    }

    pub fn world(&self) -> &World {
        self.app.world()
    }

    /// The world, to set up a case or run one system on it (the simulation's system tests).
    pub fn world_mut(&mut self) -> &mut World {
        self.app.world_mut()
    }

    /// Sends an order from the player's state, as the UI does.
    pub fn order(&mut self, order: crate::level::Order) {
        let w = self.app.world_mut();
        let state = w.resource::<PlayerRole>().state;
        w.write_message(OrderIssued { state, order });
    }
}

/// Spawns the level's states, blocs, bodies and crisis as entities and resets every resource.
pub fn start_run(world: &mut World, setup: &RunSetup) {
    let lvl = &setup.level;
    // Clear the previous run. A many-run count of the same level keeps its states' entities and sets them
    // anew: despawning and spawning them cost a tenth of a run.
    let lean = world.get_resource::<RunLog>().is_some_and(|l| l.lean);
    world.init_resource::<RunEntities>();
    let kept = world.resource_mut::<RunEntities>().kept.take().filter(|k| lean && Arc::ptr_eq(&k.level, lvl));
    let old: Vec<Entity> = world.resource_scope(|w, mut q: Mut<RunEntities>| {
        q.query.iter(w).filter(|(_, nation)| !(kept.is_some() && *nation)).map(|(e, _)| e).collect()
    });
    for e in old {
        world.despawn(e);
    }
    world.resource_mut::<Messages<OrderIssued>>().clear();
    world.resource_mut::<Messages<MotionTabled>>().clear();

    let role_ix = setup.role.unwrap_or_else(|| lvl.default_role());
    let nations = match kept {
        Some(k) => reset_nations(world, setup, role_ix, k.nations),
        None => spawn_nations(world, setup, role_ix),
    };
    if lean {
        world.resource_mut::<RunEntities>().kept = Some(Kept { level: lvl.clone(), nations: nations.clone() });
    }
    spawn_blocs_and_bodies(world, lvl, &nations);
    // The run's uncertainties, drawn first and in a fixed order.
    let mut rng = SimRng::new(setup.seed);
    let draws = Draws::draw(&mut rng, &lvl.crisis.uncertainty);
    spawn_crisis(world, setup, &nations);
    let mut cred = setup.credibility.unwrap_or(Credibility { league: 0.5, un: 0.5 });
    if setup.credibility.is_none() {
        *cred.of_mut(lvl.institution.kind) = lvl.institution.credibility;
    }
    set(world, PlayerRole { state: nations[role_ix], ix: role_ix, policy: setup.policy });
    set(world, Nations(nations));
    set(world, Level(lvl.clone()));
    set(world, Calendar::default());
    set(world, rng);
    set(world, draws);
    set(world, WorldTension { tension: lvl.tension.max(setup.lessons.tension), arms_race: 0.0 });
    set(world, cred);
    set(world, MeasuresInForce { uniting_for_peace: lvl.institution.uniting_for_peace, ..default() });
    set(world, RunLog { lean, ..default() });
    world.remove_resource::<Outcome>();
}

/// Replaces a resource in place: quicker than inserting it anew, which a many-run comparison does every run.
fn set<R: Resource<Mutability = bevy::ecs::component::Mutable>>(world: &mut World, value: R) {
    match world.get_resource_mut::<R>() {
        Some(mut r) => *r = value,
        None => world.insert_resource(value),
    }
}

/// The entities a run spawns, found again when the next run starts: the query is built once, not every run.
#[derive(Resource)]
pub(crate) struct RunEntities {
    query: QueryState<(Entity, Has<Nation>), Or<(With<Nation>, With<Bloc>, With<Body>, With<Crisis>)>>,
    /// The states' entities of the last lean run, with its level: the next lean run of the same level sets
    /// them anew instead of spawning its own.
    kept: Option<Kept>,
    /// The states' components, to set them anew.
    states: QueryState<(NationBundleMut, Has<Member>, Has<Player>)>,
}

type NationBundleMut = (&'static Nation, &'static mut Capability, &'static mut Interests, &'static mut Stance, &'static mut Sanctioning);

struct Kept {
    level: Arc<LevelDef>,
    nations: Vec<Entity>,
}

impl FromWorld for RunEntities {
    fn from_world(world: &mut World) -> Self {
        RunEntities { query: world.query_filtered(), kept: None, states: world.query() }
    }
}

/// A state as the level names it.
fn nation(lvl: &LevelDef, ix: StateIx, s: &crate::level::RawState) -> Nation {
    Nation { ix, id: lvl.keys[ix].id.clone(), name: lvl.keys[ix].name.clone(), count: s.count, spread: s.spread }
}

/// What a run changes of a state, as the run opens.
fn nation_state(lvl: &LevelDef, ix: StateIx, s: &crate::level::RawState, faith: f32) -> (Capability, Interests, Stance, Sanctioning) {
    (
        Capability { cinc: s.cinc },
        Interests {
            ties_aggressor: s.ties_aggressor,
            ties_victim: s.ties_victim,
            trade_aggressor: s.trade_aggressor,
            oil_aggressor: s.oil_aggressor,
            interest: s.interest,
            distraction: s.distraction,
            domestic: s.domestic,
            commitment: (s.commitment * (1.0 + faith)).clamp(0.0, 1.0),
            non_aligned: s.non_aligned,
            nuclear: s.nuclear,
            km_theatre: lvl.keys[ix].km_theatre,
            km_aggressor: lvl.keys[ix].km_aggressor,
        },
        Stance::default(),
        Sanctioning::default(),
    )
}

/// Every state of the level as an entity, in the level's order, with its place in the crisis.
fn spawn_nations(world: &mut World, setup: &RunSetup, role_ix: StateIx) -> Vec<Entity> {
    let lvl = &setup.level;
    let mut nations = Vec::with_capacity(lvl.states.len());
    for (ix, s) in lvl.each_state() {
        let (cap, int, stance, sanctioning) = nation_state(lvl, ix, s, setup.lessons.faith);
        let nation = (nation(lvl, ix, s), cap, int, stance, sanctioning);
        // Spawned with its membership at once: one archetype move fewer for each member, on every run.
        let mut e = if lvl.institution.members.contains(&ix) { world.spawn((nation, Member)) } else { world.spawn(nation) };
        if ix == lvl.crisis.aggressor {
            e.insert(Aggressor);
        }
        if ix == lvl.crisis.victim {
            e.insert(Victim);
        }
        if ix == role_ix {
            e.insert(Player);
        }
        nations.push(e.id());
    }
    nations
}

/// The states' entities of the last run of the same level, set as `spawn_nations` would spawn them: every
/// component anew, and the markers a run changes (membership, the player) put back.
fn reset_nations(world: &mut World, setup: &RunSetup, role_ix: StateIx, nations: Vec<Entity>) -> Vec<Entity> {
    let lvl = &setup.level;
    let mut markers = Vec::new();
    world.resource_scope(|w, mut q: Mut<RunEntities>| {
        // A state's `Nation` is the level's and no system changes it: kept as it is, its names unshared and
        // shared again for nothing.
        for ((nation, mut cap, mut int, mut stance, mut sanctioning), member, player) in q.states.iter_mut(w) {
            let ix = nation.ix;
            (*cap, *int, *stance, *sanctioning) = nation_state(lvl, ix, &lvl.states[ix.0], setup.lessons.faith);
            let (want_member, want_player) = (lvl.institution.members.contains(&ix), ix == role_ix);
            if member != want_member || player != want_player {
                markers.push((nations[ix.0], want_member, want_player));
            }
        }
    });
    for (e, member, player) in markers {
        let mut e = world.entity_mut(e);
        marker(&mut e, Member, member);
        marker(&mut e, Player, player);
    }
    nations
}

/// Puts a marker on or takes it off, where it is not already so.
fn marker<M: Component>(e: &mut EntityWorldMut, m: M, on: bool) {
    match (e.contains::<M>(), on) {
        (false, true) => {
            e.insert(m);
        }
        (true, false) => {
            e.remove::<M>();
        }
        _ => {}
    }
}

/// The level's blocs and the institution's bodies, their members as the run's entities.
fn spawn_blocs_and_bodies(world: &mut World, lvl: &LevelDef, nations: &[Entity]) {
    let map = |v: &[StateIx]| v.iter().map(|&i| nations[i]).collect::<Vec<_>>();
    for b in &lvl.blocs {
        world.spawn(Bloc {
            id: b.id.clone(),
            name: b.name.clone(),
            kind: b.kind,
            members: map(&b.members),
            protects: b.protects.map(|i| nations[i]),
            against: b.against.map(|i| nations[i]),
            cohesion: b.cohesion,
            area: map(&b.area),
            after: b.after.map(|i| nations[i]),
            in_region: b.in_region(lvl.crisis.location),
        });
    }
    for b in &lvl.institution.bodies {
        world.spawn(Body {
            kind: b.kind,
            rule: b.rule,
            members: map(&b.members),
            permanent: map(&b.permanent),
            boycotting: vec![],
            uninstructed: vec![],
        });
    }
}

/// The crisis as it opens, the aggressor's appetite with what earlier eras taught it.
fn spawn_crisis(world: &mut World, setup: &RunSetup, nations: &[Entity]) {
    let lvl = &setup.level;
    let c = &lvl.crisis;
    let appetite = (c.appetite + setup.lessons.appetite).clamp(0.0, 1.0);
    world.spawn(Crisis {
        aggressor: nations[c.aggressor],
        victim: nations[c.victim],
        theatre: c.theatre.clone(),
        claim: c.claim.clone(),
        self_defence: c.self_defence,
        appetite,
        supply_km: lvl.keys[c.aggressor].km_theatre,
        aggressor_readiness: c.aggressor_readiness,
        start_readiness: c.aggressor_readiness,
        victim_readiness: c.victim_readiness,
        control: c.control,
        concession: c.concession,
        start_control: c.held_before,
        aim: c.aim,
        punitive: c.punitive,
        content: false,
        dug_in: c.control,
        // A level that opens on an attack under way may open on ground it has already taken.
        gained: c.control > c.held_before + 0.01,
        fighting: c.attack_under_way,
        attacked: c.attack_under_way,
        settled: None,
        losses: (0.0, 0.0),
        taught: false,
        holding: false,
    });
}
