//! Screens, turn phases and the session: which level, which state, which seed, and the orders given.

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::level::{self, LevelDef, Order};
use crate::sim::runner::{RunSetup, start_run};
use crate::sim::{Calendar, OrderIssued, Turn};

use super::GameOptions;

pub fn plugin(app: &mut App) {
    super::order_sets(app);
    app.init_state::<Screen>()
        .add_sub_state::<TurnPhase>()
        .add_computed_state::<InCrisis>()
        .init_resource::<Catalog>()
        .init_resource::<LevelStarts>()
        .add_message::<StartLevel>()
        .add_message::<EndTurn>()
        .add_message::<TurnPlayed>()
        .add_message::<Notice>()
        // The window's, for a headless app too (the game's flow asks for a frame when the screen changes).
        .add_message::<bevy::window::RequestRedraw>()
        .add_message::<Navigate>()
        .add_message::<Draft>()
        .add_systems(Startup, (scan_levels, start_from_options).chain())
        .add_systems(Update, (navigate, draft).in_set(super::GameSystems::Commands))
        .add_systems(Update, (start_level, end_turn).chain().in_set(super::GameSystems::Flow))
        .add_systems(Last, redraw_for_a_change_of_screen);
}

/// A screen or phase asked for this frame comes into force in the next: a reactive window must draw it.
fn redraw_for_a_change_of_screen(
    screen: Res<NextState<Screen>>,
    phase: Option<Res<NextState<TurnPhase>>>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let screen_pending = !matches!(*screen, NextState::Unchanged);
    let phase_pending = phase.is_some_and(|p| !matches!(*p, NextState::Unchanged));
    if screen_pending || phase_pending {
        redraw.write(bevy::window::RequestRedraw);
    }
}

/// The player moves to another screen or turn phase.
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Navigate {
    Screen(Screen),
    Phase(TurnPhase),
}

/// The player drafts the turn's orders before ending it.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum Draft {
    Add(Order),
    /// Withdraw the pending order at this index.
    Remove(usize),
}

fn navigate(mut asked: MessageReader<Navigate>, mut screen: ResMut<NextState<Screen>>, mut phase: ResMut<NextState<TurnPhase>>) {
    for n in asked.read() {
        match *n {
            Navigate::Screen(s) => screen.set(s),
            Navigate::Phase(p) => phase.set(p),
        }
    }
}

fn draft(mut asked: MessageReader<Draft>, session: Option<ResMut<Session>>) {
    let Some(mut s) = session else { return };
    for d in asked.read() {
        match d {
            Draft::Add(o) if !s.pending.contains(o) => s.pending.push(o.clone()),
            Draft::Remove(i) if *i < s.pending.len() => {
                s.pending.remove(*i);
            }
            _ => {}
        }
    }
}

/// The screens of the game.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Menu,
    Briefing,
    Playing,
    Debrief,
    /// A lesson's pages around its crises: start, quiz, finish or a reviewed report.
    Lesson,
}

/// The screens that show a crisis's world, from its briefing to its debrief: the map's shapes of the level
/// live as long as one of them is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InCrisis;

impl ComputedStates for InCrisis {
    type SourceStates = Screen;
    /// From one of its screens to another is no exit: the shapes stay.
    const ALLOW_SAME_STATE_TRANSITIONS: bool = false;
    fn compute(screen: Screen) -> Option<Self> {
        matches!(screen, Screen::Briefing | Screen::Playing | Screen::Debrief).then_some(InCrisis)
    }
}

/// How many levels have been started: each start (a new game, the next crisis, a loaded save, a reload) is a
/// new number, so a feature that builds something for a level knows when to build it again.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LevelStarts(pub u64);

/// Phases of a turn on screen: the player gives orders, watches the votes, sees what happened, reads the report.
#[derive(SubStates, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[source(Screen = Screen::Playing)]
pub enum TurnPhase {
    #[default]
    Orders,
    Votes,
    Resolution,
    Report,
}

/// A level the menu can offer.
#[derive(Clone, Debug)]
pub struct CatalogEntry {
    pub path: PathBuf,
    pub id: String,
    pub name: String,
    /// From a user folder rather than the shipped levels.
    pub is_mod: bool,
    pub level: Result<Arc<LevelDef>, String>,
}

#[derive(Resource, Default)]
pub struct Catalog {
    pub entries: Vec<CatalogEntry>,
    /// The level ids of `levels/campaign.ron`, read once with the levels.
    pub campaign_order: Option<Vec<String>>,
    /// What is wrong with `levels/campaign.ron`, located: the menu shows it beside the campaign.
    pub campaign_error: Option<String>,
}

impl Catalog {
    /// The campaign: the order of `levels/campaign.ron`, or else the shipped crises in the order of history.
    pub fn campaign(&self) -> Vec<&CatalogEntry> {
        let order = self.campaign_order.as_ref();
        let mut v: Vec<&CatalogEntry> = self.entries.iter().filter(|e| !e.is_mod && e.level.is_ok()).collect();
        match order {
            Some(order) => {
                v.retain(|e| order.contains(&e.id));
                v.sort_by_key(|e| order.iter().position(|o| *o == e.id));
            }
            None => v.sort_by_key(|e| e.level.as_ref().map(|l| l.turns[0].date).ok()),
        }
        v
    }

    pub fn find(&self, name: &str) -> Option<&CatalogEntry> {
        self.entries.iter().find(|e| e.id == name || e.path.to_string_lossy() == name)
    }
}

/// The platform's data folder for user levels: `$XDG_DATA_HOME/collective-security/levels`.
pub fn user_levels_dir() -> Option<PathBuf> {
    crate::files::data_dir().map(|d| d.join("levels"))
}

pub fn scan_levels(mut catalog: ResMut<Catalog>, opts: Res<GameOptions>) {
    let path = crate::files::levels_dir().join("campaign.ron");
    let known: Vec<String> = crate::files::level_files(&crate::files::levels_dir())
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    match crate::files::read_text(&path).map_err(|e| format!("{}: {e}", path.display())).and_then(|src| {
        crate::level::campaign::check_campaign(&src, &known)
            .map_err(|errs| errs.iter().map(|d| d.render(&path.display().to_string())).collect::<Vec<_>>().join("\n"))
    }) {
        Ok(c) => catalog.campaign_order = Some(c.levels),
        Err(e) => {
            error!("{e}");
            catalog.campaign_error = Some(e);
        }
    }
    let mut dirs: Vec<(PathBuf, bool)> = vec![(crate::files::levels_dir(), false)];
    dirs.extend(user_levels_dir().map(|d| (d, true)));
    dirs.extend(opts.level_dirs.iter().map(|d| (d.clone(), true)));
    for (dir, is_mod) in dirs {
        for path in crate::files::level_files(&dir) {
            let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let level = level::load(&path).map(Arc::new);
            let name = level.as_ref().map(|l| l.name.clone()).unwrap_or_else(|_| id.clone());
            catalog.entries.push(CatalogEntry { path, id, name, is_mod, level });
        }
    }
    let own: Vec<&CatalogEntry> = catalog.entries.iter().filter(|e| e.is_mod).collect();
    for e in own.iter().filter(|e| e.level.is_err()) {
        warn!("{}: this level of your own does not load:\n{}", e.path.display(), e.level.as_ref().err().map_or("", |s| s.as_str()));
    }
    let broken = own.iter().filter(|e| e.level.is_err()).count();
    info!("levels: {} shipped, {} of your own ({broken} with errors)", catalog.entries.len() - own.len(), own.len());
}

/// What the player is playing: everything needed to replay it exactly.
#[derive(Resource, Clone, Debug, Serialize, Deserialize)]
pub struct Session {
    pub level_id: String,
    pub level_path: PathBuf,
    pub seed: u64,
    pub role: String,
    /// Orders given, turn by turn, in the order they were given.
    pub orders: Vec<Vec<Order>>,
    /// Orders chosen for the current turn, not yet sent.
    #[serde(default)]
    pub pending: Vec<Order>,
    /// Playing the campaign: the next crisis follows the debrief, with the institutions' credibility carried.
    #[serde(default)]
    pub campaign: bool,
    /// Credibility the level started with (carried from earlier crises of a campaign).
    #[serde(default)]
    pub credibility: Option<(f32, f32)>,
    /// Lessons the level started with (from earlier crises of a campaign).
    #[serde(default)]
    pub lessons: crate::sim::runner::Lessons,
    /// The campaign's earlier eras, in order: what the campaign debrief charts.
    #[serde(default)]
    pub eras: Vec<EraMark>,
    #[serde(skip)]
    pub level: Option<Arc<LevelDef>>,
}

/// Ask to start (or restart) a level.
#[derive(Message, Clone, Debug)]
pub struct StartLevel {
    pub level: Arc<LevelDef>,
    pub path: PathBuf,
    pub seed: u64,
    pub role: Option<String>,
    /// Orders to replay before play resumes (a loaded save).
    pub replay: Vec<Vec<Order>>,
    pub screen: Screen,
    pub campaign: bool,
    /// League and UN credibility carried in from earlier crises.
    pub credibility: Option<(f32, f32)>,
    /// What earlier crises of the campaign taught.
    pub lessons: crate::sim::runner::Lessons,
    /// The campaign's eras played before this one.
    pub eras: Vec<EraMark>,
}

pub use crate::sim::campaign::EraMark;

/// The player ends the turn with the pending orders.
#[derive(Message, Clone, Debug, Default)]
pub struct EndTurn;

/// A notice for the player from any feature (a game saved, a file that could not be read); the panels show it.
#[derive(Message, Clone, Debug, PartialEq, Eq)]
pub struct Notice(pub String);

/// A turn has been played with the player's orders (the autosave follows it).
#[derive(Message, Clone, Copy, Debug, Default)]
pub struct TurnPlayed;

fn start_from_options(opts: Res<GameOptions>, catalog: Res<Catalog>, mut start: MessageWriter<StartLevel>) {
    let Some(name) = &opts.level else { return };
    let entry = catalog.find(name);
    let (level, path) = match entry {
        Some(CatalogEntry { level: Ok(l), path, .. }) => (l.clone(), path.clone()),
        _ => match crate::level::resolve(name) {
            Ok(l) => (Arc::new(l), PathBuf::from(name)),
            Err(e) => {
                error!("{e}");
                return;
            }
        },
    };
    start.write(StartLevel {
        level,
        path,
        seed: opts.seed,
        role: opts.role.clone(),
        replay: vec![],
        screen: if opts.harness.screenshot.is_some() { Screen::Playing } else { Screen::Briefing },
        campaign: false,
        credibility: None,
        lessons: Default::default(),
        eras: vec![],
    });
}

/// Spawns the level's world, replays any saved orders, and moves to the asked screen.
fn start_level(world: &mut World) {
    let msgs: Vec<StartLevel> = world.resource_mut::<Messages<StartLevel>>().drain().collect();
    let Some(m) = msgs.into_iter().last() else { return };
    let role_ix = m.role.as_deref().and_then(|r| m.level.state_ix(r)).filter(|&ix| ix != m.level.crisis.aggressor);
    let credibility = m.credibility.map(|(league, un)| crate::sim::Credibility { league, un });
    let setup = RunSetup { level: m.level.clone(), seed: m.seed, role: role_ix, policy: None, credibility, lessons: m.lessons };
    start_run(world, &setup);
    let role = m.level.states[role_ix.unwrap_or_else(|| m.level.default_role())].id.clone();
    let mut session = Session {
        level_id: m.level.id.clone(),
        level_path: m.path.clone(),
        seed: m.seed,
        role,
        orders: vec![],
        pending: vec![],
        campaign: m.campaign,
        credibility: m.credibility,
        lessons: m.lessons,
        eras: m.eras.clone(),
        level: Some(m.level.clone()),
    };
    for orders in m.replay {
        if world.resource::<Calendar>().finished {
            break;
        }
        play_turn(world, &orders);
        session.orders.push(orders);
    }
    let finished = world.resource::<Calendar>().finished;
    // A new session, not a changed one: removing the old first marks it added, so the map redraws its
    // regions and holders for the new level.
    world.remove_resource::<Session>();
    world.insert_resource(session);
    world.resource_mut::<LevelStarts>().0 += 1;
    world.resource_mut::<NextState<Screen>>().set(if finished { Screen::Debrief } else { m.screen });
}

/// Sends the orders and plays one turn of the simulation.
pub fn play_turn(world: &mut World, orders: &[Order]) {
    let state = world.resource::<crate::sim::PlayerRole>().state;
    for o in orders {
        world.write_message(OrderIssued { state, order: o.clone() });
    }
    world.run_schedule(Turn);
}

fn end_turn(world: &mut World) {
    let ended = world.resource_mut::<Messages<EndTurn>>().drain().count() > 0;
    if !ended || !world.contains_resource::<Session>() || world.resource::<Calendar>().finished {
        return;
    }
    let orders = std::mem::take(&mut world.resource_mut::<Session>().pending);
    play_turn(world, &orders);
    world.resource_mut::<Session>().orders.push(orders);
    world.resource_mut::<NextState<TurnPhase>>().set(TurnPhase::Votes);
    world.write_message(TurnPlayed);
}

/// The pages of a lesson outside the crises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum LessonPage {
    /// Objectives, time, name and class seed.
    #[default]
    Start,
    Quiz,
    /// Score, badges, debrief questions, saving the report.
    Finish,
}
