//! Saves: the session (level, seed, role, orders turn by turn) in RON with a format version, written
//! atomically. Loading replays the orders, so the world and the random draws are exactly where they were.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::state::{Catalog, Screen, Session, StartLevel};

pub fn plugin(app: &mut App) {
    // A test or the command line may have chosen the folder already.
    if !app.world().contains_resource::<SaveDir>() {
        app.insert_resource(SaveDir(saves_dir()));
    }
    app.init_resource::<SavedGames>()
        .add_message::<SaveCommand>()
        .add_systems(OnEnter(Screen::Menu), list_saved_games)
        .add_systems(Update, save_commands.in_set(super::GameSystems::Commands))
        .add_systems(Update, autosave_played.in_set(super::GameSystems::Background));
}

/// The player saves (F5) or loads a game.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum SaveCommand {
    Save,
    /// Load the newest save (F9).
    LoadNewest,
    /// Load one saved game, chosen in the menu.
    Load(PathBuf),
}

fn save_commands(world: &mut World, mut cursor: Local<bevy::ecs::message::MessageCursor<SaveCommand>>) {
    let asked: Vec<SaveCommand> = cursor.read(world.resource::<Messages<SaveCommand>>()).cloned().collect();
    for c in asked {
        match c {
            SaveCommand::Save => save_now(world),
            SaveCommand::LoadNewest => load_autosave(world),
            SaveCommand::Load(p) => {
                if let Err(e) = load(world, &p) {
                    world.write_message(super::state::Notice(e));
                }
            }
        }
    }
}

/// The saved games the menu lists, newest first: read from the saves folder each time the menu opens,
/// never per frame.
#[derive(Resource, Default, Debug)]
pub struct SavedGames(pub Vec<PathBuf>);

fn list_saved_games(dir: Res<SaveDir>, mut saved: ResMut<SavedGames>) {
    saved.0 = saved_games(&dir.0);
}

/// Where saves go: the platform's data folder, or another folder (tests).
#[derive(Resource, Clone, Debug)]
pub struct SaveDir(pub PathBuf);

/// Bumped whenever the save format changes, or a saved game's orders would replay differently (2: the model's
/// draws follow the states' order; 3: the aggressor's doubt of its enemies is drawn; 4: ground an attack took before the level opens counts as
/// taken, not as the line held before the crisis; 5: a guarantee given once the war is under way carries no
/// nuclear risk; 6: a campaign's fortune sets the pace of a winning advance, and vast theatres are crossed at
/// 0.35 of the pace; 7: the power behind the institution's verdict; 8: a state deciding for itself sends no more
/// than an order would; 9: forces sent under a pact, guarantees given in the crisis, allies' verdicts; 10: a
/// winning balance counts times appetite; 11: keyed draws, coalitions' leads and free-riding, forces that wait on
/// an authorisation, withdrawal after a refused offer, a victim's hope of retaking its ground; 12: each era of a campaign draws from its own seed, fear makes a member abstain rather than vote no, a winning victim holds out for its ground, fortified lines never carry an aggressor forward, under unanimity only strong opposition votes no, mediation and a victim's concession at war put terms on the table, a verdict's threat weighs each member's domestic constraints, a pact's pledge and its arrived forces are doubted as far as the pact is loose, a victim does not count ground it offered for peace as ground to win back; 13: allies follow their protector into a coalition and do not free-ride on it, a friend's vote weighs less, an Assembly outside Uniting for Peace threatens no war, sanctions of states' own leave the verdict's threat standing; 14: a member with no stake in the quarrel backs a verdict at half strength, behind a peace force the aggressor still weighs the ground it holds, and one handed part of its claim without a shot ends halted); older saves are refused with a message, never half-loaded.
pub const SAVE_FORMAT: u32 = 14;

#[derive(Serialize, Deserialize)]
pub struct SaveFile {
    pub format: u32,
    /// Hash of the level file's text when saved: a changed level cannot replay the same game.
    pub level_hash: u64,
    pub session: Session,
    /// A lesson under way: its answers and notes, and where the student is.
    #[serde(default)]
    pub lesson: Option<LessonProgress>,
}

/// How a lesson under way goes into a save and comes back from one. The lesson feature registers it, so that
/// saving needs to know nothing of lessons; without it, saves carry no lesson.
#[derive(Resource, Clone, Copy)]
pub struct LessonKeeping {
    /// The progress of the lesson under way, if there is one to keep.
    pub progress: fn(&World) -> Option<LessonProgress>,
    /// Puts a saved lesson back (`name` is the save's, for errors): `Ok(true)` when the student was in one of
    /// its crises, which the save's session then resumes; `Ok(false)` on a page after them.
    pub restore: fn(&mut World, LessonProgress, &str) -> Result<bool, String>,
    /// Ends any lesson under way: a save without one is being loaded.
    pub clear: fn(&mut World),
}

/// What a save keeps of a lesson, so that a crash or a closed window loses no answer.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct LessonProgress {
    pub lesson: String,
    pub attempt: crate::lesson::play::Attempt,
    pub part: usize,
    pub page: super::state::LessonPage,
    /// Whether the student is in a crisis (`false`: on the quiz or finish page).
    pub in_crisis: bool,
    pub checked: std::collections::BTreeSet<String>,
    pub dismissed: std::collections::BTreeSet<usize>,
    pub seconds: f64,
    #[serde(default)]
    pub part_began: f64,
}

pub fn saves_dir() -> PathBuf {
    crate::files::data_dir().map_or_else(|| PathBuf::from("saves"), |d| d.join("saves"))
}

pub fn hash_text(s: &str) -> u64 {
    crate::files::fnv1a(s.as_bytes())
}

pub use crate::files::write_atomic;

pub fn to_text(session: &Session) -> Result<String, String> {
    to_text_with(session, None)
}

pub fn to_text_with(session: &Session, lesson: Option<LessonProgress>) -> Result<String, String> {
    let level_hash = crate::files::read_text(&session.level_path).map(|t| hash_text(&t)).unwrap_or(0);
    let file = SaveFile { format: SAVE_FORMAT, level_hash, session: session.clone(), lesson };
    ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default()).map_err(|e| e.to_string())
}

/// Parses a save; a corrupt, truncated or older file gives a clear error naming line and column.
/// The `format: N` a save declares, read from its text without parsing the rest.
fn format_of(text: &str) -> Option<u32> {
    let rest = &text[text.find("format:")? + "format:".len()..];
    let digits: String = rest.trim_start().chars().take_while(char::is_ascii_digit).take(9).collect();
    digits.parse().ok()
}

pub fn from_text(name: &str, text: &str) -> Result<SaveFile, String> {
    // The format first, before the rest is parsed: a save from a newer game is not "damaged".
    if let Some(format) = format_of(text)
        && format != SAVE_FORMAT
    {
        return Err(format!("{name}: this save has format {format} and this game reads format {SAVE_FORMAT}; it cannot be loaded"));
    }
    let file: SaveFile =
        ron::from_str(text).map_err(|e| format!("{name}:{}:{}: the save is damaged: {}", e.span.start.line, e.span.start.col, e.code))?;
    if file.format != SAVE_FORMAT {
        return Err(format!("{name}: this save has format {} and this game reads format {SAVE_FORMAT}; it cannot be loaded", file.format));
    }
    Ok(file)
}

fn write(world: &mut World, file: &str) -> Result<PathBuf, String> {
    let text = save_text(world)?;
    put(world, file, &text)
}

/// The save's text for the game as it stands.
fn save_text(world: &World) -> Result<String, String> {
    let session = world.get_resource::<Session>().ok_or("nothing to save")?;
    let lesson = world.get_resource::<LessonKeeping>().and_then(|k| (k.progress)(world));
    to_text_with(session, lesson)
}

/// Writes a save's text into `file` in the saves folder.
fn put(world: &World, file: &str, text: &str) -> Result<PathBuf, String> {
    let path = world.get_resource::<SaveDir>().map_or_else(saves_dir, |d| d.0.clone()).join(file);
    write_atomic(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

pub fn autosave(world: &mut World) {
    if let Err(e) = write(world, "autosave.ron") {
        warn!("autosave failed: {e}");
    }
}

/// How many turns back the autosaves reach: a ring of files, `autosave-1.ron` to `autosave-3.ron`.
pub const AUTOSAVE_RING: usize = 3;

/// Every turn played is autosaved.
fn autosave_played(world: &mut World, mut cursor: Local<bevy::ecs::message::MessageCursor<super::state::TurnPlayed>>) {
    if cursor.read(world.resource::<Messages<super::state::TurnPlayed>>()).count() > 0 {
        autosave_turn(world);
    }
}

/// After each turn: the autosave, and the same game in its slot of the ring of the last turns, so that a
/// player who regrets two turns can go back to them from the menu's saved games.
pub fn autosave_turn(world: &mut World) {
    let turn = world.get_resource::<crate::sim::Calendar>().map_or(0, |c| c.turn);
    let ring = format!("autosave-{}.ron", turn % AUTOSAVE_RING + 1);
    let written = save_text(world).and_then(|text| put(world, "autosave.ron", &text).and_then(|_| put(world, &ring, &text)));
    if let Err(e) = written {
        warn!("autosave failed: {e}");
    }
}

/// A save the player asked for (F5): its own file, named by level, seed and turn, that the autosave of the
/// turns that follow never overwrites.
pub fn save_now(world: &mut World) {
    let name = world.get_resource::<Session>().map(|s| {
        let turn = world.get_resource::<crate::sim::Calendar>().map_or(0, |c| c.turn + 1);
        format!("{}-seed{}-turn{turn}.ron", s.level_id, s.seed)
    });
    let msg = match name.ok_or_else(|| "nothing to save".to_string()).and_then(|n| write(world, &n)) {
        Ok(p) => format!("Saved to {}", p.display()),
        Err(e) => format!("Could not save: {e}"),
    };
    world.write_message(super::state::Notice(msg));
}

/// The saves in the saves folder, newest first.
pub fn saved_games(dir: &Path) -> Vec<PathBuf> {
    crate::files::newest_first(dir, "ron")
}

/// Loads the newest save: the autosave, or a save the player made since.
pub fn load_autosave(world: &mut World) {
    let dir = world.get_resource::<SaveDir>().map_or_else(saves_dir, |d| d.0.clone());
    let Some(path) = saved_games(&dir).into_iter().next() else {
        world.write_message(super::state::Notice(format!("No saved game in {}", dir.display())));
        return;
    };
    if let Err(e) = load(world, &path) {
        world.write_message(super::state::Notice(e));
    }
}

pub fn load(world: &mut World, path: &Path) -> Result<(), String> {
    let name = path.display().to_string();
    let text = crate::files::read_text(path).map_err(|e| format!("{name}: {e}"))?;
    let file = from_text(&name, &text)?;
    let s = file.session;
    let keeping = world.get_resource::<LessonKeeping>().copied();
    match (file.lesson, keeping) {
        // On the quiz or the finish page the crises are in the attempt already: there is no game to resume.
        (Some(p), Some(k)) => {
            if !(k.restore)(world, p, &name)? {
                return Ok(());
            }
        }
        (Some(p), None) => return Err(format!("{name}: the save is of the lesson `{}`, and lessons are not available here", p.lesson)),
        (None, Some(k)) => (k.clear)(world),
        (None, None) => {}
    }
    let catalog = world.resource::<Catalog>();
    let entry = catalog
        .entries
        .iter()
        .find(|e| e.path == s.level_path)
        .or_else(|| catalog.find(&s.level_id))
        .ok_or_else(|| format!("{name}: the level `{}` is no longer available", s.level_id))?;
    let level = entry.level.clone().map_err(|e| format!("{name}: its level does not load:\n{e}"))?;
    let entry_path = entry.path.clone();
    let in_campaign = catalog.campaign().iter().any(|e| e.id == s.level_id);
    let now = crate::files::read_text(&entry.path).map(|t| hash_text(&t)).unwrap_or(0);
    if file.level_hash == 0 || now != file.level_hash {
        return Err(format!("{name}: the level `{}` has changed since this game was saved, so it cannot be replayed exactly", s.level_id));
    }
    // A campaign save whose era the campaign file no longer holds resumes as a single crisis, and says so.
    let campaign = s.campaign && in_campaign;
    if s.campaign && !in_campaign {
        world.write_message(super::state::Notice(format!(
            "{name}: `{}` is no longer in the campaign (levels/campaign.ron has changed since this save): it resumes as a single crisis",
            s.level_id
        )));
    }
    world.write_message(StartLevel {
        level,
        path: entry_path,
        seed: s.seed,
        role: Some(s.role),
        replay: s.orders,
        screen: Screen::Playing,
        campaign,
        credibility: s.credibility,
        lessons: s.lessons,
        eras: s.eras.clone(),
    });
    Ok(())
}
