//! Saves never lose or half-load a game: atomic writes, a format version, clear errors, exact resume.

use collective_security::game::save::{SAVE_FORMAT, from_text, to_text, write_atomic};
use collective_security::game::state::Session;
use collective_security::level::{BodyKind, Measure, Order, Procedure};
use collective_security::sim::Simulation;
use collective_security::sim::runner::RunSetup;

use crate::support::*;

fn session() -> Session {
    Session {
        level_id: "korea_1950".into(),
        level_path: level_path("korea_1950"),
        seed: 42,
        role: "IND".into(),
        orders: vec![
            vec![Order::Mediate],
            vec![],
            vec![Order::Propose { body: BodyKind::SecurityCouncil, measure: Measure::Peacekeeping, under: Procedure::Ordinary }],
        ],
        pending: vec![Order::Rearm],
        campaign: true,
        credibility: Some((0.4, 0.7)),
        lessons: Default::default(),
        eras: vec![],
        level: None,
    }
}

#[test]
fn a_save_reads_back_as_it_was_written() {
    let text = to_text(&session()).unwrap();
    let back = from_text("save.ron", &text).unwrap();
    assert_eq!(back.format, SAVE_FORMAT);
    assert_eq!(back.session.orders, session().orders);
    assert_eq!((back.session.seed, back.session.role.as_str()), (42, "IND"));
}

#[test]
fn a_truncated_or_corrupt_save_is_refused_with_its_line_and_column() {
    let text = to_text(&session()).unwrap();
    let cut = &text[..text.len() / 2];
    let Err(e) = from_text("save.ron", cut) else { panic!("a truncated save is refused") };
    assert!(e.starts_with("save.ron:") && e.contains("damaged"), "{e}");
    assert!(from_text("save.ron", "\u{0}\u{1}garbage").is_err());
    assert!(from_text("save.ron", "").is_err());
}

#[test]
fn a_save_of_another_format_is_refused_not_half_loaded() {
    let text = to_text(&session()).unwrap().replacen(&format!("format: {SAVE_FORMAT}"), "format: 999", 1);
    let e = from_text("old.ron", &text).err().unwrap();
    assert!(e.contains("format 999"), "{e}");
}

#[test]
fn saves_are_written_atomically_over_the_old_file() {
    let dir = Scratch::new("save");
    let p = dir.join("autosave.ron");
    write_atomic(&p, "first").unwrap();
    write_atomic(&p, "second").unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "second");
    let mut left: Vec<String> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    assert_eq!(left, ["autosave.ron"], "no temporary file (autosave.ron.tmp) is left behind");
}

#[test]
fn replaying_the_saved_orders_resumes_exactly_where_the_game_was() {
    let level = shipped("korea_1950");
    let s = session();
    let play = |turns: usize| {
        let mut sim = Simulation::new();
        sim.start(&RunSetup {
            level: level.clone(),
            seed: s.seed,
            role: level.state_ix(&s.role),
            policy: None,
            credibility: None,
            lessons: Default::default(),
        });
        for orders in s.orders.iter().take(turns) {
            for o in orders {
                sim.order(o.clone());
            }
            sim.step();
        }
        sim
    };
    // The original game, then a loaded one: same orders, same seed, same world and the same next draw.
    let mut a = play(3);
    let mut b = play(3);
    assert_eq!(serde_json::to_string(a.log()).unwrap(), serde_json::to_string(b.log()).unwrap());
    a.step();
    b.step();
    assert_eq!(serde_json::to_string(a.log()).unwrap(), serde_json::to_string(b.log()).unwrap());
}

#[test]
fn a_save_from_a_newer_game_with_fields_this_one_does_not_know_is_refused_for_its_format_not_as_damaged() {
    let newer = SAVE_FORMAT + 1;
    let text = to_text(&session()).unwrap().replacen(&format!("format: {SAVE_FORMAT}"), &format!("format: {newer}"), 1).replacen(
        "seed:",
        "weather: Sunny, seed:",
        1,
    );
    let e = from_text("new.ron", &text).err().unwrap();
    assert!(e.contains(&format!("format {newer}")) && !e.contains("damaged"), "{e}");
}

#[test]
fn saved_games_are_listed_newest_first_and_the_autosave_is_one_slot_among_them() {
    use collective_security::game::save::saved_games;
    let dir = Scratch::new("slots");
    write_atomic(&dir.join("korea_1950-seed1-turn3.ron"), "x").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    write_atomic(&dir.join("autosave.ron"), "y").unwrap();
    let names: Vec<String> = saved_games(&dir).iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["autosave.ron", "korea_1950-seed1-turn3.ron"], "the player's own save survives the next autosave");
}
