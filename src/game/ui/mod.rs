//! The egui panels: one system per screen, run only in its state, then the windows over every screen. Each
//! draws from a read-only view of the world and sends the player's commands as typed messages (`cmd`),
//! handled by the systems of the features they belong to.

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
pub mod whatifs;
pub mod widgets;

use bevy::prelude::*;
use bevy_egui::{EguiContext, EguiPrimaryContextPass, PrimaryEguiContext, egui};

pub use super::map::{MapArea, pointer_on_map};
use super::map::{MapMode, MapView};
use super::state::{Screen, TurnPhase};

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
        .add_plugins(whatifs::plugin)
        .add_plugins(campaign::plugin)
        .add_message::<PanelCommand>()
        .add_plugins(draw_systems)
        .add_systems(Update, shortcuts.in_set(crate::game::GameSystems::Input))
        .add_systems(Update, panel_commands.in_set(crate::game::GameSystems::Commands))
        .add_systems(Update, show_notices.in_set(crate::game::GameSystems::Background));
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

/// The player's commands from the panels and the keyboard, each a typed message handled by the system of
/// the feature it belongs to. A panel draws from a read-only world and puts its commands in an [`Outbox`].
pub mod cmd {
    pub use super::PanelCommand;
    pub use super::campaign::WriteCampaignReport;
    pub use super::causes::MeasureCauses;
    pub use super::debrief::WhatIfCommand;
    pub use super::whatifs::PlayHistoriansWhatIfs;
    pub use crate::game::lesson::LessonCommand;
    pub use crate::game::map::MapCommand;
    pub use crate::game::save::SaveCommand;
    pub use crate::game::state::{Draft, EndTurn, Navigate, StartLevel};
}

/// The commands the panels give while they are drawn, written as messages once drawing is done.
#[derive(Default)]
pub struct Outbox(Vec<Box<dyn FnOnce(&mut World) + Send + Sync>>);

impl Outbox {
    pub fn send<M: Message>(&mut self, m: M) {
        self.0.push(Box::new(move |w: &mut World| {
            w.write_message(m);
        }));
    }

    /// Writes the commands, in the order given, and asks for a frame to handle them.
    pub fn deliver(self, world: &mut World) {
        if self.0.is_empty() {
            return;
        }
        for write in self.0 {
            write(world);
        }
        world.write_message(bevy::window::RequestRedraw);
    }
}

/// A system that runs `start` in a frame where the message `M` was sent: background work the player asks for.
pub fn when_sent<M: Message>(start: fn(&mut World)) -> impl FnMut(&mut World, Local<bevy::ecs::message::MessageCursor<M>>) {
    move |world: &mut World, mut cursor: Local<bevy::ecs::message::MessageCursor<M>>| {
        if cursor.read(world.resource::<Messages<M>>()).count() > 0 {
            start(world);
        }
    }
}

/// The player changes what the panels show.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum PanelCommand {
    /// Show this vote of the run log in the chamber, or close it.
    Chamber(Option<usize>),
    /// Open the glossary at a topic, or toggle it.
    Glossary(Option<usize>),
    Scale(f32),
    Message(Option<String>),
    /// Open or close the table of states.
    Table,
    TableSort(table::Column, bool),
    MenuLevel(usize),
    MenuRole(usize),
    MenuSeed(String),
    /// Ask (true) or stop asking whether to leave the lesson.
    ConfirmLeave(bool),
}

/// The features' notices, shown one at a time (the last one sent).
fn show_notices(mut notices: MessageReader<crate::game::state::Notice>, mut u: ResMut<UiState>) {
    if let Some(n) = notices.read().last() {
        u.message = Some(n.0.clone());
    }
}

fn panel_commands(mut asked: MessageReader<PanelCommand>, mut u: ResMut<UiState>) {
    for c in asked.read() {
        match c.clone() {
            PanelCommand::Chamber(c) => u.chamber = c,
            PanelCommand::Glossary(Some(i)) => {
                u.glossary = true;
                u.glossary_topic = i;
            }
            PanelCommand::Glossary(None) => u.glossary = !u.glossary,
            PanelCommand::Scale(s) => u.scale = s.clamp(0.6, 2.5),
            PanelCommand::Message(m) => u.message = m,
            PanelCommand::Table => u.table = !u.table,
            PanelCommand::TableSort(c, d) => u.table_sort = (c, d),
            PanelCommand::MenuLevel(i) => {
                u.menu_level = i;
                u.menu_role = 0;
            }
            PanelCommand::MenuRole(i) => u.menu_role = i,
            PanelCommand::MenuSeed(seed) => u.menu_seed = seed,
            PanelCommand::ConfirmLeave(b) => u.confirm_leave = b,
        }
    }
}

/// Time spent building the panels since the start, for the frame benchmark.
#[derive(Resource, Default, Debug)]
pub struct PanelTime {
    pub nanos: u64,
}

/// What the panels of this frame share: egui's context, the map's area and the tiles of the floating
/// windows, which the screen's panels lay out and the windows drawn over every screen use.
#[derive(Resource, Default)]
struct Frame {
    ctx: Option<egui::Context>,
    map_area: Option<egui::Rect>,
    tiles: layout::Layout,
    started: Option<bevy::platform::time::Instant>,
}

/// Draws the panels: the screen's own (one system per screen, run only in its state), then the windows that
/// can open over any screen. Each draws from a read-only world and sends the player's commands as messages.
fn draw_systems(app: &mut App) {
    app.init_resource::<Frame>().init_resource::<PanelTime>().add_systems(
        EguiPrimaryContextPass,
        (
            begin_frame,
            draw_menu.run_if(in_state(Screen::Menu)),
            draw_briefing.run_if(in_state(Screen::Briefing)),
            draw_crisis.run_if(in_state(Screen::Playing)),
            draw_debrief.run_if(in_state(Screen::Debrief)),
            draw_lesson.run_if(in_state(Screen::Lesson)),
            draw_windows,
        )
            .chain(),
    );
}

fn begin_frame(world: &mut World) {
    let started = bevy::platform::time::Instant::now();
    let ctx = world.query_filtered::<&mut EguiContext, With<PrimaryEguiContext>>().iter_mut(world).next().map(|mut c| c.get_mut().clone());
    if let Some(ctx) = &ctx {
        let mut ui_state = world.resource_mut::<UiState>();
        if ui_state.scale != ui_state.applied_scale {
            ctx.set_zoom_factor(ui_state.scale);
            ui_state.applied_scale = ui_state.scale;
        }
    }
    world.insert_resource(Frame { ctx, map_area: Some(egui::Rect::NOTHING), tiles: default(), started: Some(started) });
}

/// Runs `draw` with this frame's context, then sends the commands it gave.
fn with_frame(world: &mut World, draw: impl FnOnce(&egui::Context, &World, &mut Outbox, &mut Frame)) {
    let mut frame = world.remove_resource::<Frame>().unwrap_or_default();
    let mut out = Outbox::default();
    if let Some(ctx) = frame.ctx.clone() {
        draw(&ctx, world, &mut out, &mut frame);
    }
    world.insert_resource(frame);
    out.deliver(world);
}

/// Runs `draw` on the screen's root area, below the floating windows.
fn paint(world: &mut World, draw: impl FnOnce(&mut egui::Ui, &egui::Context, &World, &mut Outbox, &mut Frame)) {
    with_frame(world, |ctx, w, out, frame| {
        let builder = egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(ctx.viewport_rect());
        let mut root = egui::Ui::new(ctx.clone(), "root".into(), builder);
        draw(&mut root, ctx, w, out, frame);
    });
}

fn draw_menu(world: &mut World) {
    paint(world, |root, _, w, out, _| menu::menu(root, w, out));
}

fn draw_briefing(world: &mut World) {
    paint(world, |root, ctx, w, out, frame| {
        hud::top_bar(root, w, out);
        menu::briefing(ctx, w, out);
        frame.map_area = Some(root.available_rect_before_wrap());
    });
}

fn draw_crisis(world: &mut World) {
    let forecasts = orders::forecasts(world);
    paint(world, |root, ctx, w, out, frame| {
        hud::top_bar(root, w, out);
        orders::crisis_panel(root, w, forecasts.as_slice(), out);
        inspector::inspector(root, w, out);
        hud::newswire(root, w);
        timeline::strip(root, w, out);
        let area = root.available_rect_before_wrap();
        let phase = w.get_resource::<State<TurnPhase>>().map(|s| *s.get());
        frame.tiles = layout::Layout::tile(area, &open_windows(w, phase));
        hud::map_overlay(ctx, w, area, out);
        hud::legend(ctx, w, &frame.tiles, out);
        if let Some(phase) = phase {
            hud::phase_window(ctx, w, phase, &frame.tiles, out);
        }
        chamber::chamber(ctx, w, &frame.tiles, out);
        frame.map_area = Some(area);
    });
}

fn draw_debrief(world: &mut World) {
    paint(world, |root, ctx, w, out, frame| {
        hud::top_bar(root, w, out);
        debrief::debrief(root, w, out);
        chamber::chamber(ctx, w, &frame.tiles, out);
    });
}

fn draw_lesson(world: &mut World) {
    paint(world, |root, _, w, out, _| {
        hud::top_bar(root, w, out);
        lesson::page(root, w, out);
    });
}

/// The windows over every screen: the table, the what-if and a guiding question where a crisis is shown,
/// the glossary, the level file's errors, the question before leaving a lesson, and notices.
fn draw_windows(world: &mut World) {
    let screen = *world.resource::<State<Screen>>().get();
    let mut started = None;
    let mut map_area = None;
    with_frame(world, |ctx, w, out, frame| {
        if matches!(screen, Screen::Playing | Screen::Debrief | Screen::Briefing) {
            table::table(ctx, w, &frame.tiles, out);
            debrief::whatif_window(ctx, w, &frame.tiles, out);
            lesson::guiding(ctx, w, &frame.tiles, out);
        }
        glossary::glossary(ctx, w, out);
        level_errors(ctx, w);
        confirm_leave(ctx, w, out);
        notice(ctx, w, out);
        (started, map_area) = (frame.started, frame.map_area);
    });
    world.resource_mut::<MapArea>().0 = map_area;
    if let Some(t) = started {
        world.resource_mut::<PanelTime>().nanos += t.elapsed().as_nanos() as u64;
    }
}

fn level_errors(ctx: &egui::Context, w: &World) {
    let Some(r) = w.get_resource::<crate::game::reload::Reload>().filter(|r| !r.errors.is_empty()) else { return };
    egui::Window::new("The level file has errors").anchor(egui::Align2::RIGHT_TOP, [-8.0, 40.0]).collapsible(true).show(ctx, |ui| {
        ui.label("The last good version keeps running. Fix the file and it reloads by itself.");
        for e in &r.errors {
            ui.label(egui::RichText::new(e).monospace().color(crate::game::theme::VERMILLION));
        }
    });
}

fn confirm_leave(ctx: &egui::Context, w: &World, out: &mut Outbox) {
    if !w.resource::<UiState>().confirm_leave {
        return;
    }
    egui::Window::new("Leave the lesson?").collapsible(false).resizable(false).anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(ctx, |ui| {
        ui.label("Your answers and notes so far are kept in the autosave: \"Load the last save (F9)\" in the menu resumes the lesson where it was.");
        ui.horizontal(|ui| {
            let stay = ui.button("Stay in the lesson");
            if ui.memory(|m| m.focused().is_none()) {
                stay.request_focus();
            }
            if stay.clicked() {
                out.send(cmd::PanelCommand::ConfirmLeave(false));
            }
            if ui.button("Leave for the menu").clicked() {
                out.send(cmd::PanelCommand::ConfirmLeave(false));
                out.send(cmd::Navigate::Screen(Screen::Menu));
            }
        });
    });
}

fn notice(ctx: &egui::Context, w: &World, out: &mut Outbox) {
    let Some(msg) = &w.resource::<UiState>().message else { return };
    egui::Window::new("Notice").collapsible(false).anchor(egui::Align2::CENTER_TOP, [0.0, 60.0]).show(ctx, |ui| {
        ui.label(msg);
        if ui.button("OK").clicked() {
            out.send(cmd::PanelCommand::Message(None));
        }
    });
}

/// Keyboard shortcuts for the common actions.
/// F12: a picture of the screen for a report or a slide, in the data folder. The notice comes once the picture
/// is taken, so that it is not in the picture.
fn screenshot_to_data_folder(world: &mut World) {
    let dir = crate::files::data_dir().map_or_else(|| "screenshots".into(), |d| d.join("screenshots"));
    let _ = crate::files::create_dir_all(&dir);
    let stamp = crate::files::now_ms();
    let path = dir.join(format!("screen-{stamp}.png"));
    let notice = format!("Screenshot saved to {}", path.display());
    world
        .spawn(bevy::render::view::screenshot::Screenshot::primary_window())
        .observe(bevy::render::view::screenshot::save_to_disk(path))
        .observe(move |_: On<bevy::render::view::screenshot::ScreenshotCaptured>, mut ui: ResMut<UiState>| {
            ui.message = Some(notice.clone());
        });
}

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
    let mut actions = Outbox::default();
    for k in pressed {
        match k {
            KeyCode::Digit1 => actions.send(cmd::MapCommand::Mode(MapMode::Political)),
            KeyCode::Digit2 => actions.send(cmd::MapCommand::Mode(MapMode::Blocs)),
            KeyCode::Digit3 => actions.send(cmd::MapCommand::Mode(MapMode::Membership)),
            KeyCode::Digit4 => actions.send(cmd::MapCommand::Mode(MapMode::Stance)),
            KeyCode::Digit5 => actions.send(cmd::MapCommand::Mode(MapMode::Power)),
            KeyCode::F1 => actions.send(cmd::PanelCommand::Glossary(None)),
            KeyCode::F12 => screenshot_to_data_folder(world),
            KeyCode::F5 => actions.send(cmd::SaveCommand::Save),
            KeyCode::F9 => actions.send(cmd::SaveCommand::LoadNewest),
            KeyCode::Escape => {
                actions.send(cmd::PanelCommand::ConfirmLeave(false));
                // Esc also leaves keyboard focus, so that Enter ends the turn again.
                if let Some(ctx) = &ctx {
                    ctx.memory_mut(|m| m.stop_text_input());
                }
                actions.send(cmd::WhatIfCommand::Close);
                actions.send(cmd::PanelCommand::Chamber(None));
                actions.send(cmd::MapCommand::Select(None));
            }
            KeyCode::Equal if ctrl => actions.send(cmd::PanelCommand::Scale(world.resource::<UiState>().scale + 0.1)),
            KeyCode::Minus if ctrl => actions.send(cmd::PanelCommand::Scale(world.resource::<UiState>().scale - 0.1)),
            // A focused button takes Enter itself (keyboard navigation with Tab).
            KeyCode::Enter | KeyCode::NumpadEnter if focused => {}
            KeyCode::F6 if screen == Screen::Playing => actions.send(cmd::WhatIfCommand::FromNow),
            KeyCode::F7 if matches!(screen, Screen::Playing | Screen::Debrief | Screen::Briefing) => actions.send(cmd::PanelCommand::Table),
            // Ctrl+C copies selected text instead.
            KeyCode::KeyC if !ctrl && screen == Screen::Debrief => actions.send(cmd::WhatIfCommand::Compare),
            KeyCode::Enter
                if screen == Screen::Lesson
                    && world
                        .get_resource::<crate::game::lesson::ActiveLesson>()
                        .is_some_and(|l| l.page == crate::game::lesson::LessonPage::Start) =>
            {
                actions.send(cmd::LessonCommand::Begin)
            }
            KeyCode::Enter if screen == Screen::Playing && phase == Some(TurnPhase::Orders) => actions.send(cmd::EndTurn),
            KeyCode::Enter if screen == Screen::Playing => actions.send(match phase {
                Some(TurnPhase::Votes) => cmd::Navigate::Phase(TurnPhase::Resolution),
                Some(TurnPhase::Resolution) => cmd::Navigate::Phase(TurnPhase::Report),
                _ => hud::next_after_report(world),
            }),
            KeyCode::Enter if screen == Screen::Briefing => actions.send(cmd::Navigate::Screen(Screen::Playing)),
            KeyCode::Enter if screen == Screen::Debrief && world.contains_resource::<crate::game::lesson::ActiveLesson>() => {
                actions.send(cmd::LessonCommand::Next)
            }
            _ => {}
        }
    }
    actions.deliver(world);
}
