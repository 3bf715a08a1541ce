//! The egui panels. One exclusive system draws them all from a read-only view of the world and collects
//! the player's actions, which are applied afterwards as messages and state changes.

pub mod campaign;
pub mod causes;
pub mod chamber;
pub mod crisis_map;
pub mod debrief;
pub mod glossary;
pub mod hold;
pub mod hud;
pub mod inspector;
pub mod layout;
pub mod lesson;
pub mod menu;
pub mod orders;
pub mod table;
pub mod timeline;
pub mod widgets;

use bevy::prelude::*;
use bevy_egui::{EguiContext, EguiPrimaryContextPass, PrimaryEguiContext, egui};

use crate::level::Order;

pub use super::map::{MapArea, pointer_on_map};
use super::map::{MapMode, MapView};
use super::state::{EndTurn, Screen, Session, StartLevel, TurnPhase};

pub fn plugin(app: &mut App) {
    // egui's shader with its colour conversions per vertex rather than per pixel (see the file).
    let _ = app.world_mut().resource_mut::<Assets<bevy::shader::Shader>>().insert(
        bevy_egui::render::EGUI_SHADER_HANDLE.id(),
        bevy::shader::Shader::from_wgsl(include_str!("egui_fast.wgsl"), "src/game/ui/egui_fast.wgsl"),
    );
    app.init_resource::<UiState>()
        .init_resource::<MapArea>()
        .add_plugins(debrief::plugin)
        .add_plugins(causes::plugin)
        .add_plugins(campaign::plugin)
        .add_systems(EguiPrimaryContextPass, draw_ui)
        .add_systems(Update, shortcuts);
}

/// What the panels show, apart from the simulation.
#[derive(Resource, Debug)]
pub struct UiState {
    pub glossary: bool,
    pub glossary_topic: usize,
    /// Index into the run log's votes of the vote shown in the chamber.
    pub chamber: Option<usize>,
    pub scale: f32,
    pub applied_scale: f32,
    /// Menu choices.
    pub menu_level: usize,
    pub menu_role: usize,
    pub menu_seed: String,
    pub message: Option<String>,
    /// The sortable table of states is open, sorted by this column (descending when true).
    pub table: bool,
    pub table_sort: (table::Column, bool),
    /// Asking whether to leave the lesson for the menu.
    pub confirm_leave: bool,
}

impl Default for UiState {
    fn default() -> Self {
        UiState {
            glossary: false,
            glossary_topic: 0,
            chamber: None,
            scale: 1.0,
            applied_scale: 0.0,
            menu_level: 0,
            menu_role: 0,
            menu_seed: "1931".into(),
            message: None,
            table: false,
            table_sort: (table::Column::Power, true),
            confirm_leave: false,
        }
    }
}

/// The floating windows open on the crisis screen this frame, for the layout to tile.
fn open_windows(w: &World, phase: Option<TurnPhase>) -> Vec<layout::Slot> {
    use layout::Slot;
    let all = [
        (phase.is_some_and(|p| p != TurnPhase::Orders), Slot::Turn),
        (chamber::shown(w).is_some(), Slot::Chamber),
        (w.resource::<debrief::Comparison>().window, Slot::WhatIf),
        (table::shown(w), Slot::Table),
        (lesson::guiding_shown(w), Slot::Guiding),
        (w.contains_resource::<MapView>(), Slot::Legend),
    ];
    all.into_iter().filter(|(open, _)| *open).map(|(_, s)| s).collect()
}

/// What the player did in the panels this frame.
#[derive(Debug, Clone)]
pub enum Action {
    Start(StartLevel),
    Screen(Screen),
    Phase(TurnPhase),
    AddOrder(Order),
    RemoveOrder(usize),
    EndTurn,
    Mode(MapMode),
    Select(Option<crate::level::StateIx>),
    Chamber(Option<usize>),
    Glossary(Option<usize>),
    Scale(f32),
    Save,
    Load,
    /// Load one saved game, chosen in the menu.
    LoadFile(std::path::PathBuf),
    Message(Option<String>),
    Compare,
    /// Write the campaign report, in the background.
    CampaignReport,
    /// Measure the causes of what has happened so far, in the background.
    Causes,
    MenuLevel(usize),
    MenuRole(usize),
    MenuSeed(String),
    /// Run the what-if comparison from the turns played so far.
    WhatIf,
    CloseWhatIf,
    Table,
    TableSort(table::Column, bool),
    OpenLesson(usize),
    LessonStudent(String),
    LessonSeed(String),
    LessonBegin,
    /// Leave a part's debrief: the next part, the quiz, or back to a reviewed report.
    LessonNext,
    QuizDraft(String, crate::lesson::play::QuizAnswer),
    QuizCheck(String),
    LessonFinish,
    DebriefAnswer(usize, String),
    Note(usize, String),
    DismissGuiding(usize),
    SaveReport,
    OpenReport(std::path::PathBuf),
    ReviewPart(usize),
    ConfirmLeave(bool),
}

/// Time spent building the panels, for the frame benchmark.
pub static UI_NANOS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn draw_ui(world: &mut World) {
    let started = std::time::Instant::now();
    draw_ui_inner(world);
    UI_NANOS.fetch_add(started.elapsed().as_nanos() as u64, std::sync::atomic::Ordering::Relaxed);
}

fn draw_ui_inner(world: &mut World) {
    let Some(ctx) =
        world.query_filtered::<&mut EguiContext, With<PrimaryEguiContext>>().iter_mut(world).next().map(|mut c| c.get_mut().clone())
    else {
        return;
    };
    {
        let mut ui_state = world.resource_mut::<UiState>();
        if ui_state.scale != ui_state.applied_scale {
            ctx.set_zoom_factor(ui_state.scale);
            ui_state.applied_scale = ui_state.scale;
        }
    }
    let screen = *world.resource::<State<Screen>>().get();
    let forecasts = if screen == Screen::Playing { orders::forecasts(world) } else { Default::default() };
    let mut actions = Vec::new();
    let mut map_area = Some(egui::Rect::NOTHING);
    let mut tiles = layout::Layout::default();
    {
        let w: &World = world;
        let mut root = egui::Ui::new(
            ctx.clone(),
            "root".into(),
            egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(ctx.viewport_rect()),
        );
        match screen {
            Screen::Menu => menu::menu(&mut root, w, &mut actions),
            Screen::Briefing => {
                hud::top_bar(&mut root, w, &mut actions);
                menu::briefing(&ctx, w, &mut actions);
                map_area = Some(root.available_rect_before_wrap());
            }
            Screen::Playing => {
                hud::top_bar(&mut root, w, &mut actions);
                orders::crisis_panel(&mut root, w, forecasts.as_slice(), &mut actions);
                inspector::inspector(&mut root, w, &mut actions);
                hud::newswire(&mut root, w);
                timeline::strip(&mut root, w, &mut actions);
                let area = root.available_rect_before_wrap();
                let phase = w.get_resource::<State<TurnPhase>>().map(|s| *s.get());
                tiles = layout::Layout::tile(area, &open_windows(w, phase));
                hud::map_overlay(&ctx, w, area, &mut actions);
                hud::legend(&ctx, w, &tiles, &mut actions);
                if let Some(phase) = phase {
                    hud::phase_window(&ctx, w, phase, &tiles, &mut actions);
                }
                chamber::chamber(&ctx, w, &tiles, &mut actions);
                map_area = Some(area);
            }
            Screen::Debrief => {
                hud::top_bar(&mut root, w, &mut actions);
                debrief::debrief(&mut root, w, &mut actions);
                chamber::chamber(&ctx, w, &tiles, &mut actions);
            }
            Screen::Lesson => {
                hud::top_bar(&mut root, w, &mut actions);
                lesson::page(&mut root, w, &mut actions);
            }
        }
        if matches!(screen, Screen::Playing | Screen::Debrief | Screen::Briefing) {
            table::table(&ctx, w, &tiles, &mut actions);
            debrief::whatif_window(&ctx, w, &tiles, &mut actions);
            lesson::guiding(&ctx, w, &tiles, &mut actions);
        }
        glossary::glossary(&ctx, w, &mut actions);
        if let Some(r) = w.get_resource::<crate::game::reload::Reload>()
            && !r.errors.is_empty()
        {
            egui::Window::new("The level file has errors").anchor(egui::Align2::RIGHT_TOP, [-8.0, 40.0]).collapsible(true).show(
                &ctx,
                |ui| {
                    ui.label("The last good version keeps running. Fix the file and it reloads by itself.");
                    for e in &r.errors {
                        ui.label(egui::RichText::new(e).monospace().color(crate::game::theme::VERMILLION));
                    }
                },
            );
        }
        if w.resource::<UiState>().confirm_leave {
            egui::Window::new("Leave the lesson?").collapsible(false).resizable(false).anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(&ctx, |ui| {
                ui.label("Your answers and notes so far are kept in the autosave: \"Load the last save (F9)\" in the menu resumes the lesson where it was.");
                ui.horizontal(|ui| {
                    let stay = ui.button("Stay in the lesson");
                    if ui.memory(|m| m.focused().is_none()) {
                        stay.request_focus();
                    }
                    if stay.clicked() {
                        actions.push(Action::ConfirmLeave(false));
                    }
                    if ui.button("Leave for the menu").clicked() {
                        actions.push(Action::ConfirmLeave(false));
                        actions.push(Action::Screen(Screen::Menu));
                    }
                });
            });
        }
        if let Some(msg) = &w.resource::<UiState>().message {
            egui::Window::new("Notice").collapsible(false).anchor(egui::Align2::CENTER_TOP, [0.0, 60.0]).show(&ctx, |ui| {
                ui.label(msg);
                if ui.button("OK").clicked() {
                    actions.push(Action::Message(None));
                }
            });
        }
    }
    world.resource_mut::<MapArea>().0 = map_area;
    apply(world, actions);
}

pub fn apply(world: &mut World, actions: Vec<Action>) {
    for a in actions {
        match a {
            Action::Start(s) => {
                world.write_message(s);
            }
            Action::Screen(s) => {
                if s == Screen::Menu {
                    // Leaving for the menu ends a lesson; the autosave keeps it to resume (F9).
                    crate::game::lesson::autosave(world);
                    world.remove_resource::<crate::game::lesson::ActiveLesson>();
                }
                world.resource_mut::<NextState<Screen>>().set(s)
            }
            Action::Phase(p) => world.resource_mut::<NextState<TurnPhase>>().set(p),
            Action::AddOrder(o) => {
                if let Some(mut s) = world.get_resource_mut::<Session>()
                    && !s.pending.contains(&o)
                {
                    s.pending.push(o);
                }
            }
            Action::RemoveOrder(i) => {
                if let Some(mut s) = world.get_resource_mut::<Session>()
                    && i < s.pending.len()
                {
                    s.pending.remove(i);
                }
            }
            Action::EndTurn => {
                world.write_message(EndTurn);
            }
            Action::Mode(m) => world.resource_mut::<MapView>().mode = m,
            Action::Select(s) => world.resource_mut::<MapView>().selected = s,
            Action::Chamber(c) => world.resource_mut::<UiState>().chamber = c,
            Action::Glossary(t) => {
                let mut u = world.resource_mut::<UiState>();
                match t {
                    Some(i) => {
                        u.glossary = true;
                        u.glossary_topic = i;
                    }
                    None => u.glossary = !u.glossary,
                }
            }
            Action::Scale(s) => world.resource_mut::<UiState>().scale = s.clamp(0.6, 2.5),
            Action::Save => super::save::save_now(world),
            Action::Load => super::save::load_autosave(world),
            Action::LoadFile(p) => {
                if let Err(e) = super::save::load(world, &p) {
                    world.resource_mut::<UiState>().message = Some(e);
                }
            }
            Action::MenuLevel(i) => {
                let mut u = world.resource_mut::<UiState>();
                u.menu_level = i;
                u.menu_role = 0;
            }
            Action::MenuRole(i) => world.resource_mut::<UiState>().menu_role = i,
            Action::MenuSeed(seed) => world.resource_mut::<UiState>().menu_seed = seed,
            Action::Message(m) => world.resource_mut::<UiState>().message = m,
            Action::Compare => debrief::start_comparison(world, false),
            Action::Causes => causes::start(world),
            Action::CampaignReport => campaign::start_report(world),
            Action::WhatIf => {
                world.resource_mut::<debrief::Comparison>().window = true;
                debrief::start_comparison(world, true);
            }
            Action::CloseWhatIf => world.resource_mut::<debrief::Comparison>().window = false,
            Action::Table => {
                let mut u = world.resource_mut::<UiState>();
                u.table = !u.table;
            }
            Action::TableSort(c, d) => world.resource_mut::<UiState>().table_sort = (c, d),
            Action::OpenLesson(i) => crate::game::lesson::open(world, i),
            Action::LessonStudent(n) => with_lesson(world, |l| l.attempt.student = n),
            Action::LessonSeed(c) => with_lesson(world, |l| l.attempt.seed_code = c),
            Action::LessonBegin => crate::game::lesson::begin(world),
            Action::LessonNext => {
                crate::game::lesson::next(world);
                crate::game::lesson::autosave(world);
            }
            Action::QuizDraft(id, a) => with_lesson(world, |l| {
                if !l.checked.contains(&id) {
                    l.drafts.insert(id, a);
                }
            }),
            Action::QuizCheck(id) => {
                crate::game::lesson::check_answer(world, &id);
                crate::game::lesson::autosave(world);
            }
            Action::LessonFinish => {
                crate::game::lesson::finish(world);
                crate::game::lesson::autosave(world);
            }
            Action::DebriefAnswer(i, t) => {
                with_lesson(world, |l| {
                    if l.attempt.debrief.len() <= i {
                        l.attempt.debrief.resize(i + 1, String::new());
                    }
                    l.attempt.debrief[i] = t;
                });
                crate::game::lesson::finish(world);
                crate::game::lesson::autosave(world);
            }
            Action::Note(i, t) => with_lesson(world, |l| {
                l.attempt.notes.insert(i, t);
            }),
            Action::DismissGuiding(i) => with_lesson(world, |l| {
                l.dismissed.insert(i);
            }),
            Action::SaveReport => crate::game::lesson::save_report(world),
            Action::OpenReport(p) => crate::game::lesson::open_report(world, &p),
            Action::ReviewPart(k) => crate::game::lesson::review_part(world, k),
            Action::ConfirmLeave(b) => world.resource_mut::<UiState>().confirm_leave = b,
        }
    }
}

fn with_lesson(world: &mut World, f: impl FnOnce(&mut crate::game::lesson::ActiveLesson)) {
    if let Some(mut l) = world.get_resource_mut::<crate::game::lesson::ActiveLesson>()
        && !l.review
    {
        f(&mut l);
    }
}

/// Keyboard shortcuts for the common actions.
fn shortcuts(world: &mut World) {
    let keys = world.resource::<ButtonInput<KeyCode>>();
    let ctrl = keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]);
    let pressed: Vec<KeyCode> = keys.get_just_pressed().copied().collect();
    let ctx = world.query_filtered::<&mut EguiContext, With<PrimaryEguiContext>>().iter_mut(world).next().map(|mut c| c.get_mut().clone());
    let (typing, focused) =
        ctx.as_ref().map(|ctx| (ctx.egui_wants_keyboard_input(), ctx.memory(|m| m.focused().is_some()))).unwrap_or_default();
    // While a text field or widget has the keyboard, only the function keys, which type nothing, act.
    let pressed: Vec<KeyCode> = if typing {
        pressed
            .into_iter()
            .filter(|k| matches!(k, KeyCode::F1 | KeyCode::F5 | KeyCode::F6 | KeyCode::F7 | KeyCode::F9 | KeyCode::F12))
            .collect()
    } else {
        pressed
    };
    let screen = *world.resource::<State<Screen>>().get();
    let phase = world.get_resource::<State<TurnPhase>>().map(|s| *s.get());
    let mut actions = Vec::new();
    for k in pressed {
        match k {
            KeyCode::Digit1 => actions.push(Action::Mode(MapMode::Political)),
            KeyCode::Digit2 => actions.push(Action::Mode(MapMode::Blocs)),
            KeyCode::Digit3 => actions.push(Action::Mode(MapMode::Membership)),
            KeyCode::Digit4 => actions.push(Action::Mode(MapMode::Stance)),
            KeyCode::Digit5 => actions.push(Action::Mode(MapMode::Power)),
            KeyCode::F1 => actions.push(Action::Glossary(None)),
            KeyCode::F12 => {
                // A picture of the screen for a report or a slide, in the data folder.
                let dir = crate::files::data_dir().map_or_else(|| "screenshots".into(), |d| d.join("screenshots"));
                let _ = std::fs::create_dir_all(&dir);
                let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0);
                let path = dir.join(format!("screen-{stamp}.png"));
                // The notice comes once the picture is taken, so that it is not in the picture.
                let notice = format!("Screenshot saved to {}", path.display());
                world
                    .spawn(bevy::render::view::screenshot::Screenshot::primary_window())
                    .observe(bevy::render::view::screenshot::save_to_disk(path))
                    .observe(move |_: On<bevy::render::view::screenshot::ScreenshotCaptured>, mut ui: ResMut<UiState>| {
                        ui.message = Some(notice.clone());
                    });
            }
            KeyCode::F5 => actions.push(Action::Save),
            KeyCode::F9 => actions.push(Action::Load),
            KeyCode::Escape => {
                actions.push(Action::ConfirmLeave(false));
                // Esc also leaves keyboard focus, so that Enter ends the turn again.
                if let Some(ctx) = &ctx {
                    ctx.memory_mut(|m| m.stop_text_input());
                }
                actions.push(Action::CloseWhatIf);
                actions.push(Action::Chamber(None));
                actions.push(Action::Select(None));
            }
            KeyCode::Equal if ctrl => actions.push(Action::Scale(world.resource::<UiState>().scale + 0.1)),
            KeyCode::Minus if ctrl => actions.push(Action::Scale(world.resource::<UiState>().scale - 0.1)),
            // A focused button takes Enter itself (keyboard navigation with Tab).
            KeyCode::Enter | KeyCode::NumpadEnter if focused => {}
            KeyCode::F6 if screen == Screen::Playing => actions.push(Action::WhatIf),
            KeyCode::F7 if matches!(screen, Screen::Playing | Screen::Debrief | Screen::Briefing) => actions.push(Action::Table),
            // Ctrl+C copies selected text instead.
            KeyCode::KeyC if !ctrl && screen == Screen::Debrief => actions.push(Action::Compare),
            KeyCode::Enter
                if screen == Screen::Lesson
                    && world
                        .get_resource::<crate::game::lesson::ActiveLesson>()
                        .is_some_and(|l| l.page == crate::game::lesson::LessonPage::Start) =>
            {
                actions.push(Action::LessonBegin)
            }
            KeyCode::Enter if screen == Screen::Playing => actions.push(match phase {
                Some(TurnPhase::Orders) => Action::EndTurn,
                Some(TurnPhase::Votes) => Action::Phase(TurnPhase::Resolution),
                Some(TurnPhase::Resolution) => Action::Phase(TurnPhase::Report),
                _ => hud::next_after_report(world),
            }),
            KeyCode::Enter if screen == Screen::Briefing => actions.push(Action::Screen(Screen::Playing)),
            KeyCode::Enter if screen == Screen::Debrief && world.contains_resource::<crate::game::lesson::ActiveLesson>() => {
                actions.push(Action::LessonNext)
            }
            _ => {}
        }
    }
    apply(world, actions);
}
