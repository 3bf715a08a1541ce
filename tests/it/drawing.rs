//! Drawing only what changed: the damage found between two frames of egui's output covers what a player
//! sees change, and little else, so that a lit button or a tooltip does not cost a full repaint.

use bevy_egui::egui;
use collective_security::game::still::damage;

/// A panel of buttons, one of them with a tooltip, laid out by egui with the pointer where asked.
struct Panel {
    ctx: egui::Context,
    time: f64,
}

impl Panel {
    fn new() -> Self {
        let ctx = egui::Context::default();
        ctx.all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
        Panel { ctx, time: 0.0 }
    }

    /// Runs frames with the pointer at `at` until egui's output settles; returns the paint jobs and the
    /// buttons' rectangles.
    fn frame(&mut self, at: egui::Pos2) -> (Vec<egui::ClippedPrimitive>, Vec<egui::Rect>) {
        let mut last = None;
        for _ in 0..8 {
            self.time += 0.5;
            let input = egui::RawInput {
                screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 600.0))),
                time: Some(self.time),
                events: vec![egui::Event::PointerMoved(at)],
                ..Default::default()
            };
            let mut rects = Vec::new();
            let out = self.ctx.run_ui(input, |ui| {
                egui::CentralPanel::default().show(ui, |ui| {
                    for i in 0..6 {
                        let r = ui.button(format!("Security Council: motion number {i}"));
                        let r = if i == 4 { r.on_hover_text("If tabled now: 9 yes, 0 no, 1 abstain. It would pass.") } else { r };
                        rects.push(r.rect);
                    }
                });
            });
            let mut out = out;
            // No renderer here: the font atlas's changes are dropped on purpose.
            out.textures_delta.clear();
            let jobs = self.ctx.tessellate(out.shapes, out.pixels_per_point);
            last = Some((jobs, rects));
        }
        last.unwrap()
    }
}

#[test]
fn a_screen_that_did_not_change_has_nothing_to_draw_again() {
    let mut p = Panel::new();
    let (a, _) = p.frame(egui::pos2(700.0, 500.0));
    let (b, _) = p.frame(egui::pos2(700.0, 500.0));
    assert!(!damage(&a, &b).is_positive(), "{:?}", damage(&a, &b));
}

#[test]
fn a_button_lit_under_the_pointer_is_drawn_again_and_the_other_buttons_are_not() {
    let mut p = Panel::new();
    let (a, rects) = p.frame(egui::pos2(700.0, 500.0));
    let (b, _) = p.frame(rects[2].center());
    let d = damage(&a, &b);
    assert!(d.contains_rect(rects[2].shrink(1.0)), "the lit button {:?} is inside the damage {d:?}", rects[2]);
    for i in [0, 5] {
        assert!(!d.intersects(rects[i].shrink(2.0)), "button {i} {:?} is left alone by the damage {d:?}", rects[i]);
    }
}

#[test]
fn a_tooltip_that_appears_is_drawn_where_it_appears() {
    let mut p = Panel::new();
    let (a, rects) = p.frame(egui::pos2(700.0, 500.0));
    let (b, _) = p.frame(rects[4].center());
    let d = damage(&a, &b);
    assert!(d.contains_rect(rects[4].shrink(1.0)), "the hovered button {:?} is inside the damage {d:?}", rects[4]);
    assert!(d.height() > rects[4].height() * 1.5, "the tooltip below the button is inside the damage {d:?}");
    assert!(!d.intersects(rects[0].shrink(2.0)), "the first button {:?} is left alone by the damage {d:?}", rects[0]);
}

/// Every map mode's categories stay apart under protanopia, deuteranopia and tritanopia (Machado et al.
/// 2009 at full severity), by at least this CIEDE2000 difference: plainly different at a glance.
const MIN_DELTA_E: f64 = 10.0;

#[test]
fn every_map_modes_colours_stay_distinguishable_with_each_form_of_colour_blindness() {
    use collective_security::game::colour_vision::closest_pair;
    use collective_security::game::map::MapMode;
    for mode in MapMode::ALL {
        let palette = mode.palette();
        let (d, pair) = closest_pair(&palette);
        assert!(d >= MIN_DELTA_E, "{}: {pair} differ by only {d:.1} (CIEDE2000)", mode.label());
    }
    // Every state's own colour on the political map stands apart from the aggressor, the victim and the
    // states outside the crisis (the states' own colours need not differ among themselves).
    let political = MapMode::Political.palette();
    for ix in 0..10 {
        let own = collective_security::game::theme::political(ix);
        for fixed in political.iter().filter(|p| p.1 != "other states (own colour)") {
            let (d, pair) = closest_pair(&[(own, "a state's own colour"), *fixed]);
            assert!(d >= MIN_DELTA_E, "political colour {ix}: {pair} differ by only {d:.1}");
        }
    }
}

#[test]
fn the_colour_difference_is_ciede2000_as_published() {
    use bevy_egui::egui::Color32;
    use collective_security::game::colour_vision::{Deficiency, delta_e2000, simulate};
    assert!(delta_e2000(Color32::WHITE, Color32::WHITE).abs() < 1e-9);
    // Black against white is 100 in CIEDE2000.
    assert!((delta_e2000(Color32::BLACK, Color32::WHITE) - 100.0).abs() < 0.5, "{}", delta_e2000(Color32::BLACK, Color32::WHITE));
    // Red and green, far apart to most eyes, nearly meet for a deuteranope.
    let (red, green) = (Color32::from_rgb(0xD0, 0x30, 0x30), Color32::from_rgb(0x30, 0xA0, 0x30));
    let seen = |c| simulate(c, Deficiency::Deuteranopia);
    assert!(
        delta_e2000(red, green) > 3.0 * delta_e2000(seen(red), seen(green)),
        "{} vs {}",
        delta_e2000(red, green),
        delta_e2000(seen(red), seen(green))
    );
}

#[test]
fn map_labels_never_overlap_and_stay_inside_the_map_whatever_is_crowded() {
    use bevy_egui::egui::{Rect, pos2, vec2};
    use collective_security::game::ui::hud::place_label;
    let area = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
    let mut placed = vec![Rect::from_min_size(pos2(190.0, 140.0), vec2(120.0, 16.0))]; // the front's label
    // Forty capitals crowded into a small corner and along the edges.
    let mut shown = 0;
    for k in 0..40 {
        let p = pos2(180.0 + (k % 8) as f32 * 9.0, 130.0 + (k / 8) as f32 * 7.0);
        let edge = pos2(if k % 2 == 0 { 2.0 } else { 398.0 }, 10.0 * k as f32);
        for at in [p, edge] {
            shown += usize::from(place_label(at, vec2(70.0, 14.0), area, &mut placed).is_some());
        }
    }
    assert!(shown > 5, "some labels find room ({shown})");
    for (i, a) in placed.iter().enumerate() {
        assert!(i == 0 || area.contains_rect(*a), "{a:?} leaves the map");
        for b in &placed[i + 1..] {
            assert!(!a.intersects(*b), "{a:?} overlaps {b:?}");
        }
    }
}

/// Plays `level` as history went for `turns` turns and draws its crisis layer: capitals on a circle round
/// the front at the middle of an 800 by 600 screen. Returns the marks and the screen position of each state.
fn crisis_marks(level: &str, turns: usize) -> (Vec<collective_security::game::ui::crisis_map::Mark>, Vec<egui::Pos2>) {
    use collective_security::game::ui::crisis_map::{Places, draw};
    use collective_security::sim::{Policy, Simulation, runner::RunSetup};
    let l = std::sync::Arc::new(
        collective_security::level::load(&collective_security::files::levels_dir().join(format!("{level}.ron"))).unwrap(),
    );
    let mut sim = Simulation::new();
    sim.start(&RunSetup {
        level: l.clone(),
        seed: 1,
        role: None,
        policy: Some(Policy::Historical),
        credibility: None,
        lessons: Default::default(),
    });
    (0..turns).for_each(|_| {
        sim.step();
    });
    let front = egui::pos2(400.0, 300.0);
    let n = l.states.len() as f32;
    let places: Vec<egui::Pos2> =
        (0..l.states.len()).map(|i| front + egui::Vec2::angled(i as f32 / n * std::f32::consts::TAU) * 250.0).collect();
    let ctx = egui::Context::default();
    let mut marks = Vec::new();
    let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
        let capital = |ix: collective_security::level::StateIx| places.get(ix.0).copied();
        let at = Places { capital: &capital, front: Some(front) };
        let day = collective_security::sim::turn_days(&l, turns.min(l.turns.len() - 1)).0;
        marks = draw(ui.painter(), sim.world(), &l, &at, day);
    });
    out.textures_delta.clear();
    (marks, places)
}

#[test]
fn the_map_shows_forces_sent_to_kuwait_and_the_states_applying_sanctions_each_with_what_it_is() {
    use collective_security::game::ui::crisis_map::hovered;
    let (marks, places) = crisis_marks("kuwait_1990", 4);
    let texts: Vec<&str> = marks.iter().map(|m| m.text.as_str()).collect();
    assert!(texts.iter().any(|t| t.starts_with("United States: forces sent to the theatre")), "{texts:#?}");
    assert!(texts.iter().any(|t| t.contains("applies the sanctions")), "{texts:#?}");
    assert!(texts.iter().any(|t| t.starts_with("The aggressor holds")));
    // The pointer halfway along the American arrow reads it.
    let usa = collective_security::level::load(&collective_security::files::levels_dir().join("kuwait_1990.ron"))
        .unwrap()
        .state_ix("USA")
        .unwrap();
    let mid = places[usa] + (egui::pos2(400.0, 300.0) - places[usa]) * 0.5;
    let mark = hovered(&marks, mid).expect("the American arrow answers the pointer");
    assert!(mark.text.starts_with("United States: forces"), "{}", mark.text);
    assert_eq!(mark.state, Some(usa), "a click on the arrow opens the United States in the inspector");
}

#[test]
fn the_map_shows_arms_reaching_ukraine_and_no_forces_of_states_that_sent_none() {
    let (marks, _) = crisis_marks("ukraine_2022", 3);
    let texts: Vec<&str> = marks.iter().map(|m| m.text.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("arms and aid for the victim")), "{texts:#?}");
    assert!(!texts.iter().any(|t| t.starts_with("United States: forces sent")), "the United States sent no forces: {texts:#?}");
}

/// Everything the crisis layer draws is in the table of states too, for keyboard and screen-reader users.
#[test]
fn the_table_of_states_says_what_the_map_draws_for_each_state() {
    use collective_security::sim::{Policy, Simulation, runner::RunSetup};
    let l =
        std::sync::Arc::new(collective_security::level::load(&collective_security::files::levels_dir().join("kuwait_1990.ron")).unwrap());
    let mut sim = Simulation::new();
    sim.start(&RunSetup {
        level: l,
        seed: 1,
        role: None,
        policy: Some(Policy::Historical),
        credibility: None,
        lessons: Default::default(),
    });
    (0..4).for_each(|_| {
        sim.step();
    });
    let rows = collective_security::game::ui::table::rows(sim.world());
    let acts = |name: &str| rows.iter().find(|r| r.name == name).map(|r| r.acts.clone()).unwrap_or_default();
    assert!(acts("United States").contains("forces sent"), "{}", acts("United States"));
    assert!(acts("United States").contains("applies sanctions"), "{}", acts("United States"));
    assert!(acts("Iraq").starts_with("holds "), "{}", acts("Iraq"));
}

/// A student can paste a name into a text field with Ctrl+V, and copy what they wrote with Ctrl+C.
#[test]
fn ctrl_v_pastes_into_a_text_field_and_ctrl_c_copies_its_selection() {
    use bevy::prelude::KeyCode;
    use collective_security::game::clipboard::{Backend, Memory, copied_texts, event_for};
    let mut clip = Memory(Some("Ada Lovelace".into()));
    let ctx = egui::Context::default();
    let id = egui::Id::new("student_name");
    let frame = |events: Vec<egui::Event>, name: &mut String| {
        let input = egui::RawInput { events, ..Default::default() };
        let mut out = ctx.run_ui(input, |ui| {
            ui.add(egui::TextEdit::singleline(name).id(id)).request_focus();
        });
        out.textures_delta.clear();
        out.platform_output
    };
    let mut name = String::new();
    frame(vec![], &mut name);
    let paste = event_for(KeyCode::KeyV, true, &mut clip).expect("Ctrl+V pastes what the clipboard holds");
    frame(vec![paste], &mut name);
    assert_eq!(name, "Ada Lovelace");
    let select_all =
        egui::Event::Key { key: egui::Key::A, physical_key: None, pressed: true, repeat: false, modifiers: egui::Modifiers::COMMAND };
    let copy = event_for(KeyCode::KeyC, true, &mut clip).expect("Ctrl+C copies");
    let out = frame(vec![select_all, copy], &mut name);
    let copied = copied_texts(&out);
    assert_eq!(copied, vec!["Ada Lovelace"]);
    clip.set(copied[0]);
    assert_eq!(clip.get().as_deref(), Some("Ada Lovelace"));
    assert!(event_for(KeyCode::KeyV, false, &mut clip).is_none(), "V without Ctrl is a letter, not a paste");
}
