//! The play loop without a window: screens, turn phases, orders sent as messages, autosave and resume.

use bevy::prelude::*;

use collective_security::game::GameOptions;
use collective_security::game::state::{EndTurn, Screen, Session, StartLevel, TurnPhase};
use collective_security::level::Order;
use collective_security::sim::{Calendar, RunLog};

use crate::support::*;

fn app(dir: &std::path::Path) -> App {
    collective_security::game::testing::headless(GameOptions::default(), dir)
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

fn start(app: &mut App, replay: Vec<Vec<Order>>) {
    let level = shipped("korea_1950");
    app.world_mut().write_message(StartLevel {
        level,
        path: level_path("korea_1950"),
        seed: 9,
        role: Some("IND".into()),
        replay,
        screen: Screen::Briefing,
        campaign: false,
        credibility: None,
        lessons: Default::default(),
        eras: vec![],
    });
    app.update();
    app.update();
}

#[test]
fn a_turn_goes_from_orders_through_votes_and_the_player_orders_reach_the_simulation() {
    let dir = Scratch::new("loop");
    let mut app = app(&dir);
    start(&mut app, vec![]);
    assert_eq!(screen(&app), Screen::Briefing);
    app.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Playing);
    app.update();
    assert_eq!(*app.world().resource::<State<TurnPhase>>().get(), TurnPhase::Orders);
    app.world_mut().resource_mut::<Session>().pending.push(Order::Propose {
        body: collective_security::level::BodyKind::SecurityCouncil,
        measure: collective_security::level::Measure::Condemn,
        under: Default::default(),
    });
    app.world_mut().write_message(EndTurn);
    app.update();
    app.update();
    assert_eq!(*app.world().resource::<State<TurnPhase>>().get(), TurnPhase::Votes);
    assert_eq!(app.world().resource::<Calendar>().turn, 1);
    let log = app.world().resource::<RunLog>();
    assert_eq!(log.votes[0].proposer, "IND", "the player's motion was voted");
    assert_eq!(app.world().resource::<Session>().orders.len(), 1);
    assert!(dir.join("autosave.ron").exists(), "every turn is autosaved");
}

#[test]
fn a_loaded_game_replays_its_orders_to_the_same_world() {
    let dir = Scratch::new("loop2");
    let orders = vec![vec![Order::Mediate], vec![Order::Rearm], vec![]];
    let mut a = app(&dir);
    start(&mut a, orders.clone());
    let mut b = app(&dir);
    start(&mut b, orders);
    let la = serde_json::to_string(a.world().resource::<RunLog>()).unwrap();
    let lb = serde_json::to_string(b.world().resource::<RunLog>()).unwrap();
    assert_eq!(la, lb);
    assert_eq!(a.world().resource::<Calendar>().turn, 3);
    assert_eq!(screen(&a), Screen::Briefing);
}

#[test]
fn a_broken_edit_shows_its_errors_and_keeps_the_last_good_level_and_a_fix_reloads_it() {
    use collective_security::game::reload::Reload;
    let dir = Scratch::new("reload");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("korea_1950.ron");
    let good = std::fs::read_to_string(level_path("korea_1950")).unwrap();
    std::fs::write(&path, &good).unwrap();
    let mut app = watched(&dir, &path);
    let before = serde_json::to_string(app.world().resource::<RunLog>()).unwrap();
    // A broken edit: the errors are shown, the game goes on with the old level.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, good.replacen("victim: \"KOR\"", "victim: \"KORR\"", 1)).unwrap();
    filetime_bump(&path);
    app.update();
    let errors = app.world().resource::<Reload>().errors.clone();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("unknown state `KORR`") && errors[0].contains(":"), "{}", errors[0]);
    assert_eq!(serde_json::to_string(app.world().resource::<RunLog>()).unwrap(), before, "the last good version keeps running");
    // The fix: errors clear and the level restarts with the same seed and orders.
    std::fs::write(&path, good.replacen("appetite: 1.0", "appetite: 0.9", 1)).unwrap();
    filetime_bump(&path);
    app.update();
    app.update();
    app.update();
    assert!(app.world().resource::<Reload>().errors.is_empty());
    assert_eq!(app.world().resource::<Session>().orders, vec![vec![Order::Mediate]]);
    assert_eq!(app.world().resource::<Calendar>().turn, 1);
}

#[test]
fn a_variant_reloads_when_the_level_it_extends_is_edited() {
    use collective_security::game::reload::Reload;
    let dir = Scratch::new("reload-base");
    std::fs::create_dir_all(&dir).unwrap();
    let base = dir.join("korea_1950.ron");
    let good = std::fs::read_to_string(level_path("korea_1950")).unwrap();
    std::fs::write(&base, &good).unwrap();
    let path = dir.join("korea_1950_soviet_present.ron");
    let variant = "Variant(extends: \"korea_1950\", id: \"korea_1950_soviet_present\", name: \"Korea 1950: the Soviet delegate in his seat\", summary: \"no walk-out\", drop_events: [\"Boycott\", \"Return\"])";
    std::fs::write(&path, variant).unwrap();
    let mut app = watched(&dir, &path);
    // A broken edit of the base level, not of the variant: its errors show while the variant keeps running.
    std::fs::write(&base, good.replacen("victim: \"KOR\"", "victim: \"KORR\"", 1)).unwrap();
    filetime_bump(&base);
    app.update();
    let errors = app.world().resource::<Reload>().errors.clone();
    assert!(!errors.is_empty(), "an edit of the base level is noticed");
    // The fix reloads the variant with the same seed and orders.
    std::fs::write(&base, &good).unwrap();
    filetime_bump(&base);
    app.update();
    app.update();
    app.update();
    assert!(app.world().resource::<Reload>().errors.is_empty());
    assert_eq!(app.world().resource::<Session>().orders, vec![vec![Order::Mediate]]);
    assert_eq!(app.world().resource::<Calendar>().turn, 1);
}

/// The game playing the level at `path` (seed 3, one mediation replayed) with hot reload looking every frame.
fn watched(dir: &std::path::Path, path: &std::path::Path) -> App {
    use collective_security::game::reload::{self, Reload};
    let mut app = app(dir);
    app.add_plugins(reload::plugin);
    app.world_mut().resource_mut::<Reload>().interval_secs = 0.0;
    let level = std::sync::Arc::new(collective_security::level::load(path).unwrap());
    app.world_mut().write_message(StartLevel {
        level,
        path: path.to_path_buf(),
        seed: 3,
        role: None,
        replay: vec![vec![Order::Mediate]],
        screen: Screen::Playing,
        campaign: false,
        credibility: None,
        lessons: Default::default(),
        eras: vec![],
    });
    app.update();
    app.update();
    app
}

/// Some file systems keep whole-second timestamps: make sure the change is seen.
fn filetime_bump(path: &std::path::Path) {
    let f = std::fs::File::options().append(true).open(path).unwrap();
    let t = std::time::SystemTime::now() + std::time::Duration::from_secs(2 + rand_secs());
    f.set_modified(t).unwrap();
}

fn rand_secs() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(2, Ordering::Relaxed)
}

#[derive(Resource, Default)]
struct NewSessions(usize);

fn count_new_sessions(s: Option<Res<Session>>, mut n: ResMut<NewSessions>) {
    if s.is_some_and(|s| s.is_added()) {
        n.0 += 1;
    }
}

#[test]
fn each_level_started_is_a_new_session_so_the_map_redraws_its_regions() {
    let dir = Scratch::new("loop-new");
    let mut app = app(&dir);
    app.init_resource::<NewSessions>().add_systems(Update, count_new_sessions);
    for id in ["manchuria_1931", "abyssinia_1935"] {
        let level = shipped(id);
        app.world_mut().write_message(StartLevel {
            level,
            path: level_path(id),
            seed: 1,
            role: None,
            replay: vec![],
            screen: Screen::Briefing,
            campaign: true,
            credibility: None,
            lessons: Default::default(),
            eras: vec![],
        });
        app.update();
        app.update();
    }
    assert_eq!(app.world().resource::<NewSessions>().0, 2, "the second crisis is seen as new, not as a change to the first");
}

#[test]
fn the_autosaves_keep_the_last_three_turns_each_in_its_own_file() {
    let dir = Scratch::new("ring");
    let mut app = app(&dir);
    start(&mut app, vec![]);
    app.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Playing);
    app.update();
    for _ in 0..5 {
        app.world_mut().resource_mut::<NextState<TurnPhase>>().set(TurnPhase::Orders);
        app.update();
        app.world_mut().write_message(EndTurn);
        app.update();
        app.update();
    }
    assert_eq!(app.world().resource::<Calendar>().turn, 5);
    let mut turns: Vec<usize> = (1..=3)
        .map(|k| {
            let p = dir.join(format!("autosave-{k}.ron"));
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            collective_security::game::save::from_text("ring", &text).unwrap().session.orders.len()
        })
        .collect();
    turns.sort();
    assert_eq!(turns, [3, 4, 5], "the ring holds the last three turns");
    assert!(dir.join("autosave.ron").exists());
}

#[test]
fn asking_for_the_causes_measures_them_in_the_background_while_the_game_keeps_running() {
    use collective_security::game::ui::causes::{self, Causes};
    use collective_security::game::ui::cmd::MeasureCauses;
    let dir = Scratch::new("loop-causes");
    let mut app = app(&dir);
    app.add_plugins(causes::plugin);
    start(&mut app, vec![vec![], vec![]]);
    app.world_mut().write_message(MeasureCauses);
    app.update();
    assert!(app.world().resource::<Causes>().running(), "the message starts the measurement in the background");
    let mut frames = 0;
    while app.world().resource::<Causes>().result.is_none() && frames < 100_000 {
        app.update();
        frames += 1;
    }
    let c = app.world().resource::<Causes>();
    assert!(c.result.is_some(), "measured within {frames} frames");
    assert!(frames > 1, "the frames went on while it measured");
}

#[test]
fn what_a_crisis_puts_on_the_map_lasts_from_its_briefing_to_its_debrief_and_leaves_with_the_menu() {
    use collective_security::game::state::{InCrisis, LevelStarts};
    let dir = Scratch::new("incrisis");
    let mut app = app(&dir);
    let before = app.world().resource::<LevelStarts>().0;
    start(&mut app, vec![]);
    assert_eq!(app.world().resource::<LevelStarts>().0, before + 1, "a started level is counted once");
    let shape = app.world_mut().spawn(DespawnOnExit(InCrisis)).id();
    for (to, kept) in [(Screen::Playing, true), (Screen::Debrief, true), (Screen::Menu, false)] {
        app.world_mut().resource_mut::<NextState<Screen>>().set(to);
        app.update();
        assert_eq!(app.world().get_entity(shape).is_ok(), kept, "on {to:?}");
    }
    start(&mut app, vec![]);
    assert_eq!(app.world().resource::<LevelStarts>().0, before + 2, "the same level started again is a new start");
}
