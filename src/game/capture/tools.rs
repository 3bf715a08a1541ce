//! The harness (feature `dev-tools`): `--screenshot` renders one frame of a chosen level, turn and panel,
//! saves it and exits; `--bench-frames` times frames with the whole map and the panels open, and prints the
//! median and 95th percentile.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{Panel, ScreenshotPlan};
use crate::game::GameOptions;
use crate::game::map::{MapMode, MapView};
use crate::game::state::{Screen, Session, TurnPhase, play_turn};
use crate::game::ui::UiState;
use crate::sim::{Calendar, PlayerRole};

#[derive(Resource, Default)]
struct Capture {
    frames: u32,
    prepared: bool,
    shot: bool,
    saved: Arc<AtomicBool>,
    times: Vec<f32>,
    first_frame: Option<f32>,
    /// After the timing: the check that drawing in part left the picture a full redraw gives.
    #[cfg(feature = "partial-redraw")]
    verify: super::verify::Verify,
}

pub fn plugin(app: &mut App) {
    let harness = (prepare, shoot, bench).chain();
    #[cfg(feature = "partial-redraw")]
    let harness = harness.before(crate::game::still::show_for_screenshots);
    app.init_resource::<Capture>().add_systems(Last, harness);
}

/// The baseline for the frame benchmark: an empty window with one egui window.
pub fn baseline_plugin(app: &mut App) {
    app.init_resource::<Capture>()
        .add_systems(Startup, |mut commands: Commands| {
            // The same camera settings as the game's, so that the difference is the game's own content.
            commands.spawn((Camera2d, Msaa::Off));
        })
        .add_systems(EguiPrimaryContextPass, |mut contexts: EguiContexts| -> Result {
            egui::Window::new("Baseline").show(contexts.ctx_mut()?, |ui| ui.label("empty window with egui"));
            Ok(())
        })
        .add_systems(Last, bench);
}

/// Plays to the asked turn and opens the asked panel.
fn prepare(world: &mut World) {
    let opts = world.resource::<GameOptions>();
    let plan = match (&opts.harness.screenshot, opts.harness.bench_frames) {
        (Some(p), _) => p.clone(),
        // The benchmark shows the whole map with the crisis panel, the inspector and the chamber open.
        (None, Some(_)) => ScreenshotPlan { path: PathBuf::new(), turn: 2, panel: Panel::Chamber, mode: MapMode::Political },
        _ => return,
    };
    if world.resource::<Capture>().prepared {
        return;
    }
    world.resource_mut::<MapView>().mode = plan.mode;
    if plan.panel == Panel::Guiding {
        // Begin the lesson; its first crisis then starts like any level.
        if let Some(l) = world.get_resource::<crate::game::lesson::ActiveLesson>()
            && !l.began
        {
            let student = world.resource::<GameOptions>().harness.student.clone();
            world.resource_mut::<crate::game::lesson::ActiveLesson>().attempt.student = student;
            crate::game::lesson::begin(world);
            return;
        }
    } else if plan.panel.is_lesson_page() {
        prepare_lesson(world, plan.panel);
        return;
    }
    if plan.panel == Panel::Menu {
        world.resource_mut::<Capture>().prepared = true;
        return;
    }
    // Wait for the level to start.
    let Some(level) = world.get_resource::<Session>().and_then(|s| s.level.clone()) else { return };
    let role = world.resource::<PlayerRole>().ix;
    for t in 0..plan.turn.min(level.turns.len()) {
        if world.resource::<Calendar>().finished {
            break;
        }
        let orders = level.playable(role).and_then(|p| p.historical.get(t).cloned()).unwrap_or_default();
        play_turn(world, &orders);
        world.resource_mut::<Session>().orders.push(orders);
    }
    if plan.panel == Panel::Campaign {
        earlier_eras(world, &level.id);
    }
    let finished = world.resource::<Calendar>().finished;
    let screen = match plan.panel {
        Panel::Briefing => Screen::Briefing,
        Panel::Debrief | Panel::Campaign => Screen::Debrief,
        _ if finished => Screen::Debrief,
        _ => Screen::Playing,
    };
    world.resource_mut::<NextState<Screen>>().set(screen);
    let last_vote = world.resource::<crate::sim::RunLog>().votes.len().checked_sub(1);
    match plan.panel {
        Panel::Chamber => {
            world.resource_mut::<UiState>().chamber = last_vote;
            world.resource_mut::<MapView>().selected = Some(level.crisis.victim);
        }
        Panel::Inspector => world.resource_mut::<MapView>().selected = Some(level.playable.get(1).map_or(level.crisis.victim, |p| p.state)),
        Panel::Glossary => world.resource_mut::<UiState>().glossary = true,
        Panel::Table => world.resource_mut::<UiState>().table = true,
        Panel::Whatif => {
            world.write_message(crate::game::ui::cmd::WhatIfCommand::FromNow);
        }
        _ => {}
    }
    let mut cap = world.resource_mut::<Capture>();
    cap.prepared = true;
    cap.frames = 0;
}

/// Marks the session as a campaign whose earlier eras (those before `level` in the campaign) were played
/// headless as history went, so that the debrief shows the century.
fn earlier_eras(world: &mut World, level: &str) {
    let catalog = world.resource::<crate::game::state::Catalog>();
    let campaign = catalog.campaign();
    let before: Vec<crate::sim::campaign::Stage> = campaign
        .iter()
        .take_while(|e| e.id != level)
        .filter_map(|e| e.level.clone().ok())
        .map(|l| crate::sim::campaign::Stage { level: l, role: None, policy: None, replay: None })
        .collect();
    let names: Vec<String> = before.iter().map(|s| s.level.name.clone()).collect();
    let mut sim = crate::sim::Simulation::new();
    let eras = crate::sim::campaign::play(&mut sim, &before, crate::sim::Policy::Historical, 1, true);
    let marks = eras.iter().zip(names).map(|(e, name)| e.mark(&name, "as history went")).collect();
    let mut session = world.resource_mut::<Session>();
    session.campaign = true;
    session.eras = marks;
}

/// Opens the lesson's page; for the quiz and finish pages, plays a preview with the collective strategy
/// and answers the first questions.
fn prepare_lesson(world: &mut World, panel: Panel) {
    use crate::lesson::play::{QuizAnswer, attempt_by_policy};
    let Some(l) = world.get_resource::<crate::game::lesson::ActiveLesson>() else { return };
    let def = l.def.clone();
    let mut l = l.clone();
    let student = world.resource::<GameOptions>().harness.student.clone();
    l.attempt.student = student.clone();
    if panel != Panel::Lesson {
        l.attempt = attempt_by_policy(&def, &student, &l.attempt.seed_code, crate::sim::Policy::Collective);
        l.began = true;
        l.seconds = 60.0 * (def.minutes as f64 - 6.0);
        for (k, q) in def.quiz.iter().enumerate().take(2) {
            let a = match &q.answer {
                crate::lesson::Answer::Choice(_, right) => QuizAnswer::Choice(if k == 0 { *right } else { (*right + 1) % 2 }),
                crate::lesson::Answer::Short(_, model) => QuizAnswer::Text(model.clone()),
            };
            l.attempt.quiz.insert(q.id.clone(), a);
            l.checked.insert(q.id.clone());
        }
        l.page = crate::game::lesson::LessonPage::Quiz;
    }
    let finish = panel == Panel::Finish;
    if finish {
        l.attempt.debrief = def
            .debrief
            .iter()
            .map(|_| "Unanimity let one member stop the League; the great powers put their own interests first.".to_string())
            .collect();
    }
    world.insert_resource(l);
    if finish {
        crate::game::lesson::finish(world);
    }
    let mut cap = world.resource_mut::<Capture>();
    cap.prepared = true;
    cap.frames = 0;
}

/// Beside a screenshot, where its windows and the map's area lie (egui points), for the test that no two
/// windows overlap and none covers a panel.
fn write_layout(path: &std::path::Path, ctx: &bevy_egui::egui::Context, area: &crate::game::map::MapArea) {
    use bevy_egui::egui::{Order, Rect};
    let corners = |r: Rect| [r.min.x, r.min.y, r.max.x, r.max.y];
    let windows: Vec<[f32; 4]> = ctx.memory(|m| {
        let mut layers: Vec<_> = m.areas().visible_layer_ids().into_iter().filter(|l| l.order == Order::Middle).collect();
        layers.sort_by_key(|l| l.id.value());
        layers.iter().filter_map(|l| m.area_rect(l.id)).map(corners).collect()
    });
    let json = serde_json::json!({
        "screen": corners(ctx.content_rect()),
        "map_area": area.0.map(corners),
        "windows": windows,
    });
    if let Err(e) = std::fs::write(path, json.to_string()) {
        eprintln!("cannot write {}: {e}", path.display());
    }
}

fn shoot(
    mut commands: Commands,
    opts: Res<GameOptions>,
    mut cap: ResMut<Capture>,
    mut exit: MessageWriter<AppExit>,
    phase: Option<ResMut<NextState<TurnPhase>>>,
    cmp: Res<crate::game::ui::debrief::Comparison>,
    causes: Res<crate::game::ui::causes::Causes>,
    pipelines: Option<Res<crate::game::pipelines::Pipelines>>,
    mut contexts: bevy_egui::EguiContexts,
    area: Res<crate::game::map::MapArea>,
) {
    let Some(plan) = &opts.harness.screenshot else { return };
    if !cap.prepared {
        return;
    }
    // The what-if picture waits for the comparison to finish.
    if plan.panel == Panel::Whatif && cmp.running() && cap.frames >= 30 {
        return;
    }
    // The debrief waits for its measured causes and its comparison.
    if plan.panel == Panel::Debrief && (causes.running() || cmp.running()) && cap.frames >= 30 {
        return;
    }
    cap.frames += 1;
    // Turn phases exist only once the playing screen is entered.
    if cap.frames == 5
        && let Some(mut phase) = phase
    {
        match plan.panel {
            Panel::Votes => phase.set(TurnPhase::Votes),
            Panel::Report => phase.set(TurnPhase::Report),
            _ => {}
        }
    }
    // Let the map load, egui lay out its panels, the phase settle and every pipeline compile (on a busy
    // software renderer that can take many frames) before the picture.
    let compiling = pipelines.is_some_and(|p| p.waiting() > 0);
    if cap.frames >= 40 && !cap.shot && (!compiling || cap.frames >= 300) {
        cap.shot = true;
        if let Ok(ctx) = contexts.ctx_mut() {
            write_layout(&plan.path.with_extension("layout.json"), ctx, &area);
        }
        let saved = cap.saved.clone();
        commands.spawn(Screenshot::primary_window()).observe(save_to_disk(plan.path.clone())).observe(
            move |_: On<bevy::render::view::screenshot::ScreenshotCaptured>| {
                saved.store(true, Ordering::SeqCst);
            },
        );
    }
    if cap.shot && cap.saved.load(Ordering::SeqCst) && (plan.path.exists() || cap.frames > 400) {
        if plan.path.exists() {
            info!("screenshot saved to {}", plan.path.display());
            exit.write(AppExit::Success);
        } else {
            error!("screenshot could not be saved to {}", plan.path.display());
            exit.write(AppExit::error());
        }
    }
    if cap.frames > 600 {
        error!("screenshot timed out");
        exit.write(AppExit::error());
    }
}

fn bench(
    opts: Res<GameOptions>,
    time: Res<Time<Real>>,
    mut cap: ResMut<Capture>,
    mut exit: MessageWriter<AppExit>,
    mut camera: Query<(&mut Transform, &Projection), With<crate::game::map::MapCamera>>,
    mut window: Query<&mut Window, With<bevy::window::PrimaryWindow>>,
    #[cfg(feature = "partial-redraw")] mut still: Option<ResMut<crate::game::still::Still>>,
    panels: Option<Res<crate::game::ui::PanelTime>>,
    #[cfg(feature = "partial-redraw")] mut commands: Commands,
) {
    let Some(n) = opts.harness.bench_frames else { return };
    #[cfg(feature = "partial-redraw")]
    if !matches!(cap.verify, super::verify::Verify::Timing) {
        super::verify::verify(&mut cap.verify, &mut commands, still.as_deref_mut(), &mut exit);
        return;
    }
    if cap.prepared {
        drive_input(&opts, &cap, &mut camera, &mut window);
    }
    if cap.first_frame.is_none()
        && let Some(s) = opts.harness.started.as_ref()
    {
        cap.first_frame = Some(s.elapsed().as_secs_f32() * 1000.0);
    }
    if !opts.harness.baseline && !cap.prepared {
        return;
    }
    cap.frames += 1;
    if cap.frames <= 30 {
        return; // warm-up
    }
    cap.times.push(time.delta_secs() * 1000.0);
    if cap.times.len() as u32 >= n {
        print_frame_times(&opts, &cap, panels.as_deref());
        #[cfg(feature = "partial-redraw")]
        if let Some(s) = still.as_deref() {
            let pixels = window.single().map(|w| w.physical_width() as f64 * w.physical_height() as f64).unwrap_or(1.0);
            super::verify::print_drawn(s, pixels);
            cap.verify = super::verify::Verify::Settle(0);
            return;
        }
        exit.write(AppExit::Success);
    }
}

/// What the benchmark asks of the player's hand: a steady drag across the map, as a player pans to another
/// theatre (8 pixels a frame, turning back every 100 frames), or the pointer sweeping the window in rows,
/// 9 pixels a frame, over buttons, panels and the map.
fn drive_input(
    opts: &GameOptions,
    cap: &Capture,
    camera: &mut Query<(&mut Transform, &Projection), With<crate::game::map::MapCamera>>,
    window: &mut Query<&mut Window, With<bevy::window::PrimaryWindow>>,
) {
    if opts.harness.pan
        && let Ok((mut tf, proj)) = camera.single_mut()
    {
        let scale = if let Projection::Orthographic(o) = proj { o.scale } else { 1.0 };
        let dir = if (cap.frames / 100).is_multiple_of(2) { 1.0 } else { -1.0 };
        tf.translation.x += dir * 8.0 * scale;
    }
    if opts.harness.hover
        && let Ok(mut w) = window.single_mut()
    {
        let size = w.size();
        let step = cap.frames as f32 * 9.0;
        let row = (step / (size.x - 40.0)).floor();
        w.set_cursor_position(Some(Vec2::new(20.0 + step % (size.x - 40.0), 40.0 + (row * 53.0) % (size.y - 80.0))));
    }
}

/// The benchmark's result: the frame times' median, p95, p99 and worst, the first frame, and for the game
/// (not the empty window) the panels' CPU time.
fn print_frame_times(opts: &GameOptions, cap: &Capture, panels: Option<&crate::game::ui::PanelTime>) {
    let mut t = cap.times.clone();
    t.sort_by(f32::total_cmp);
    let at = |q: f32| t[((t.len() as f32 * q) as usize).min(t.len() - 1)];
    let case = if opts.harness.baseline {
        "baseline: empty window with egui"
    } else if opts.harness.pan {
        "map and panels, dragging the map"
    } else if opts.harness.hover {
        "map and panels, pointer moving over them"
    } else {
        "map and panels, still"
    };
    println!(
        "{} frames ({case}): median {:.2} ms, p95 {:.2} ms (p99 {:.1}, worst {:.1}); first frame {:.0} ms after start",
        t.len(),
        t[t.len() / 2],
        at(0.95),
        at(0.99),
        t[t.len() - 1],
        cap.first_frame.unwrap_or(0.0)
    );
    if opts.harness.baseline {
        return;
    }
    println!(
        "  of which building the egui panels on the CPU: {:.2} ms per frame",
        panels.map_or(0, |p| p.nanos) as f64 / 1e6 / (cap.frames as f64)
    );
}
