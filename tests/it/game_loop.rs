//! The play loop without a window: screens, turn phases, orders sent as messages, autosave and resume.

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;

use collective_security::game::save::SaveDir;
use collective_security::game::state::{self, EndTurn, Screen, Session, StartLevel, TurnPhase};
use collective_security::game::{GameOptions, ui::UiState};
use collective_security::level::Order;
use collective_security::sim::{Calendar, RunLog};

use crate::support::*;

fn app(dir: &std::path::Path) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin))
        .insert_resource(GameOptions::default())
        .insert_resource(SaveDir(dir.to_path_buf()))
        .init_resource::<UiState>()
        .add_plugins(collective_security::sim::plugin)
        .add_plugins(state::plugin);
    app.update();
    app
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

fn start(app: &mut App, replay: Vec<Vec<Order>>) {
    let level = shipped("korea_1950");
    app.world_mut().write_message(StartLevel { level, path: level_path("korea_1950"), seed: 9, role: Some("IND".into()), replay, screen: Screen::Briefing, campaign: false, credibility: None, lessons: Default::default() });
    app.update();
    app.update();
}

#[test]
fn a_turn_goes_from_orders_through_votes_and_the_player_orders_reach_the_simulation() {
    let dir = std::env::temp_dir().join(format!("cs-loop-{}", std::process::id()));
    let mut app = app(&dir);
    start(&mut app, vec![]);
    assert_eq!(screen(&app), Screen::Briefing);
    app.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Playing);
    app.update();
    assert_eq!(*app.world().resource::<State<TurnPhase>>().get(), TurnPhase::Orders);
    app.world_mut().resource_mut::<Session>().pending.push(Order::Propose { body: collective_security::level::BodyKind::SecurityCouncil, measure: collective_security::level::Measure::Condemn, under: Default::default() });
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
    let dir = std::env::temp_dir().join(format!("cs-loop2-{}", std::process::id()));
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
