//! Top bar, newswire, map labels and tooltip, legend, and the turn-phase window.

use bevy::prelude::*;
use bevy_egui::egui::{self, Color32, RichText};

use crate::game::map::{MapMode, MapView, geometry::project};
use crate::game::state::{Screen, Session, TurnPhase};
use crate::game::theme;
use crate::level::{LevelDef, StateIx};
use crate::sim::{Calendar, Credibility, Crisis, DecisionKind, Level, Nation, PlayerRole, RunLog, Stance, WorldTension};

use super::layout::{Layout, Slot};
use super::{Outbox, UiState, cmd, widgets};
pub use crate::sim::text::choice_text;

pub fn top_bar(root: &mut egui::Ui, w: &World, actions: &mut Outbox) {
    egui::Panel::top("top").show(root, |ui| {
        // The labels wrap within the width the buttons leave, so nothing overlaps at any size.
        const BUTTONS: f32 = 450.0;
        ui.horizontal(|ui| {
            let width = (ui.available_width() - BUTTONS).max(200.0);
            ui.allocate_ui_with_layout(
                egui::vec2(width, 0.0),
                egui::Layout::left_to_right(egui::Align::Center).with_main_wrap(true),
                |ui| {
                    ui.set_min_width(width);
                    top_labels(ui, w);
                },
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Glossary (F1)").clicked() {
                    actions.send(cmd::PanelCommand::Glossary(None));
                }
                let screen = *w.resource::<State<Screen>>().get();
                if matches!(screen, Screen::Playing | Screen::Debrief | Screen::Briefing)
                    && ui.button("States (F7)").on_hover_text("The map's information as a sortable table").clicked()
                {
                    actions.send(cmd::PanelCommand::Table);
                }
                if screen == Screen::Playing
                    && ui
                        .button("What if? (F6)")
                        .on_hover_text("Replay this crisis from here under each strategy, over many seeds")
                        .clicked()
                {
                    actions.send(cmd::WhatIfCommand::FromNow);
                }
                let scale = w.resource::<UiState>().scale;
                if ui.small_button("A+").on_hover_text("Larger text (Ctrl +)").clicked() {
                    actions.send(cmd::PanelCommand::Scale(scale + 0.1));
                }
                if ui.small_button("A−").on_hover_text("Smaller text (Ctrl −)").clicked() {
                    actions.send(cmd::PanelCommand::Scale(scale - 0.1));
                }
                if w.contains_resource::<Session>() && ui.button("Save (F5)").clicked() {
                    actions.send(cmd::SaveCommand::Save);
                }
                if *w.resource::<State<Screen>>().get() != Screen::Menu && ui.button("Menu").clicked() {
                    // Leaving a lesson asks first: a stray click or key should not end it.
                    let in_lesson = w.get_resource::<crate::game::lesson::ActiveLesson>().is_some_and(|l| l.began && !l.review);
                    if in_lesson {
                        actions.send(cmd::PanelCommand::ConfirmLeave(true));
                    } else {
                        actions.send(cmd::Navigate::Screen(Screen::Menu));
                    }
                }
            });
        });
    });
}

fn top_labels(ui: &mut egui::Ui, w: &World) {
    if !w.contains_resource::<Level>() {
        ui.heading("Collective Security");
    }
    if let (Some(level), Some(cal)) = (w.get_resource::<Level>(), w.get_resource::<Calendar>()) {
        let l = &level.0;
        let turn = cal.turn.min(l.turns.len() - 1);
        ui.label(RichText::new("|").weak());
        ui.label(RichText::new(&l.name).strong()).on_hover_text(&l.summary);
        ui.label(RichText::new("|").weak());
        ui.label(format!("{}", l.turns[turn].date)).on_hover_text(&l.turns[turn].label);
        ui.label(format!("turn {}/{}", (turn + 1).min(l.turns.len()), l.turns.len()))
            .on_hover_text("Each turn is one dated round of orders, votes, measures and fighting");
        if let Some(role) = w.get_resource::<PlayerRole>() {
            ui.label(RichText::new("|").weak());
            ui.label(format!("You lead {}", l.states[role.ix].name));
        }
        if let Some(c) = w.get_resource::<Credibility>() {
            ui.label(RichText::new("|").weak());
            let v = c.of(l.institution.kind);
            ui.label(format!("{} credibility {:.0}%", l.institution.name, v * 100.0))
                .on_hover_text("Trust that the institution's decisions will be carried out. It weighs on every member's faith in it, and carries from era to era.");
        }
        if let Some(t) = w.get_resource::<WorldTension>() {
            ui.label(format!("tension {:.0}%", t.tension * 100.0))
                .on_hover_text("World tension: rises with fighting and rearmament, falls with concessions");
            if t.arms_race > 0.0 {
                ui.label(format!("arms race {:.0}%", t.arms_race * 100.0)).on_hover_text("Rearmament feeds the aggressor's own");
            }
        }
        if let Some(session) = w.get_resource::<Session>() {
            ui.label(RichText::new("|").weak());
            let code = w
                .get_resource::<crate::game::lesson::ActiveLesson>()
                .map(|l| l.attempt.seed_code.clone())
                .unwrap_or_else(|| session.seed.to_string());
            ui.label(format!("seed {code}"))
                .on_hover_text("The class seed: the same seed and the same choices give the same world and the same draws");
        }
        ui.label(RichText::new("|").weak());
        ui.label(format!("score {}", score(w))).on_hover_text("Score: +10 per turn the aggressor holds less than half the contested ground, +5 per measure adopted, −20 if the aggressor prevails");
    }
    if let Some(l) = w.get_resource::<crate::game::lesson::ActiveLesson>()
        && l.began
        && !l.review
    {
        ui.label(RichText::new("|").weak());
        let in_part = l.page == crate::game::lesson::LessonPage::Start;
        let budget = l.def.parts.get(l.part).map_or(0, |p| p.minutes);
        let over = l.minutes() > l.def.minutes || (in_part && l.part_minutes() > budget);
        let t = if in_part {
            RichText::new(format!(
                "part {} of {}: {} min of {} · lesson {} of {}",
                l.part + 1,
                l.def.parts.len(),
                l.part_minutes(),
                budget,
                l.minutes(),
                l.def.minutes
            ))
        } else {
            RichText::new(format!("lesson {} min of {}", l.minutes(), l.def.minutes))
        };
        ui.label(if over { t.color(theme::VERMILLION) } else { t })
            .on_hover_text(format!("{}: the time each part and the whole lesson are meant to take; red when over", l.def.title));
    }
}

/// A simple score the player can watch: from the log, never from outcome-fitted text.
pub fn score(w: &World) -> i32 {
    let Some(log) = w.get_resource::<RunLog>() else { return 0 };
    let held = log.control.iter().filter(|c| **c < 0.5).count() as i32 * 10;
    let adopted = log.votes.iter().filter(|v| v.adopted).count() as i32 * 5;
    let lost = if log.outcome.is_some_and(|o| o.0 == crate::level::OutcomeKind::AggressorPrevails) { 20 } else { 0 };
    held + adopted - lost
}

pub fn newswire(root: &mut egui::Ui, w: &World) {
    let Some(log) = w.get_resource::<RunLog>() else { return };
    let turn = w.get_resource::<Calendar>().map(|c| c.turn).unwrap_or(0);
    egui::Panel::bottom("news").resizable(true).default_size(120.0).show(root, |ui| {
        // Wrapped, so that a narrow panel (the inspector open beside it) is never widened past what shows.
        ui.horizontal_wrapped(|ui| {
            ui.strong("Newswire");
            ui.label(RichText::new("[history] marks events that really happened on that date; the rest comes from the simulation").weak());
        });
        egui::ScrollArea::vertical().stick_to_bottom(true).auto_shrink([false, false]).show(ui, |ui| {
            for n in &log.news {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(n.date.to_string()).monospace());
                    if n.history {
                        ui.label(RichText::new("[history]").color(theme::PURPLE));
                    }
                    let t = RichText::new(&n.text);
                    ui.label(if n.turn + 1 >= turn { t.strong() } else { t });
                });
            }
        });
    });
}

fn to_screen(cam: &MapCam, p: Vec2) -> Option<egui::Pos2> {
    cam.2.to_screen(&cam.0, &cam.1, p).map(|v| egui::pos2(v.x / cam.3, v.y / cam.3))
}

/// Where a label of `size` beside the point `p` goes: right of it, else left, above or below, inside `area`
/// and clear of every rectangle already `placed` (which it joins). `None`: no room, the label is left out.
pub fn place_label(p: egui::Pos2, size: egui::Vec2, area: egui::Rect, placed: &mut Vec<egui::Rect>) -> Option<egui::Rect> {
    let tries = [
        p + egui::vec2(4.0, -size.y / 2.0),
        p + egui::vec2(-4.0 - size.x, -size.y / 2.0),
        p + egui::vec2(-size.x / 2.0, -4.0 - size.y),
        p + egui::vec2(-size.x / 2.0, 4.0),
    ];
    let free = tries
        .into_iter()
        .map(|pos| egui::Rect::from_min_size(pos, size).expand(1.5))
        .find(|r| area.contains_rect(*r) && placed.iter().all(|o| !o.intersects(*r)))?;
    placed.push(free);
    Some(free)
}

/// Labels of key states, the aggressor, the victim and the front, drawn over the map; and the hover tooltip.
/// The map's crisis layer, the labels of the states that matter, and the tooltips under the pointer.
pub fn map_overlay(ctx: &egui::Context, w: &World, map_rect: egui::Rect, actions: &mut Outbox) {
    let (Some(level), Some(view)) = (w.get_resource::<Level>(), w.get_resource::<MapView>()) else { return };
    let l = &level.0;
    let painter = ctx.layer_painter(egui::LayerId::background()).with_clip_rect(map_rect);
    let crisis = w.try_query::<&Crisis>().and_then(|mut q| q.iter(w).next().cloned());
    let stances: Vec<(StateIx, Stance)> =
        w.try_query::<(&Nation, &Stance)>().map(|mut q| q.iter(w).map(|(n, s)| (n.ix, *s)).collect()).unwrap_or_default();
    let Some(frame) = w.get_resource::<crate::game::map::MapFrame>().copied() else { return };
    let Some(cam) = w
        .try_query_filtered::<(&Camera, &GlobalTransform), With<crate::game::map::MapCamera>>()
        .and_then(|mut q| q.iter(w).next().map(|(c, g)| (c.clone(), *g, frame, ctx.pixels_per_point())))
    else {
        return;
    };
    // Labels keep clear of the map's legend window (where it stood last frame).
    let legend = ctx.memory(|m| m.area_rect(egui::Id::new(LEGEND_ID)));
    // The front first: it is the crisis, and its label is reserved before any state's.
    let front = front_label(&painter, &cam, l, crisis.as_ref(), legend, map_rect);
    let marks = crisis_marks(&painter, w, l, &cam, crisis.as_ref(), front.as_ref().map(|f| f.0));
    let mut placed: Vec<egui::Rect> = front.iter().map(|(_, pos, g)| egui::Rect::from_min_size(*pos, g.size()).expand(2.0)).collect();
    placed.extend(legend);
    let role = w.get_resource::<PlayerRole>().map(|r| r.ix);
    for (_, _, p, text, color) in state_labels(&painter, &cam, l, view.mode, &stances, role) {
        painter.circle_filled(p, 2.5, color);
        let galley = painter.layout_no_wrap(text, egui::FontId::proportional(12.0), color);
        if let Some(r) = place_label(p, galley.size(), map_rect, &mut placed) {
            painter.rect_filled(r, 2.0, Color32::from_white_alpha(170));
            painter.galley(r.min + egui::vec2(1.5, 1.5), galley, color);
        }
    }
    if let Some((_, pos, galley)) = front {
        painter.rect_filled(
            egui::Rect::from_min_size(pos, galley.size()).expand(2.0),
            3.0,
            Color32::from_rgba_unmultiplied(255, 240, 230, 220),
        );
        painter.galley(pos, galley, Color32::BLACK);
    }
    map_tooltips(ctx, w, l, view, &stances, &marks, actions);
}

type MapCam = (Camera, GlobalTransform, crate::game::map::MapFrame, f32);
type FrontLabel = (egui::Pos2, egui::Pos2, std::sync::Arc<egui::Galley>);

/// The front's place and its label, set to the left of the front where the legend would cover it, and inside the map.
fn front_label(
    painter: &egui::Painter,
    cam: &MapCam,
    l: &LevelDef,
    crisis: Option<&Crisis>,
    legend: Option<egui::Rect>,
    map_rect: egui::Rect,
) -> Option<FrontLabel> {
    let c = crisis?;
    let p = to_screen(cam, project(l.crisis.location.0, l.crisis.location.1))?;
    let fighting = if c.fighting { ", fighting" } else { "" };
    let long = format!("Front, {}: aggressor holds {:.0}%{fighting}", c.theatre, c.control * 100.0);
    let short = format!("Front: {:.0}%{fighting}", c.control * 100.0);
    // To the right of the front, else to its left, clear of the legend and inside the map; where the long
    // label fits neither, the short one.
    let fits = |r: egui::Rect| map_rect.contains_rect(r) && !legend.is_some_and(|l| l.intersects(r.expand(2.0)));
    let mut last = None;
    for text in [long, short] {
        let galley = painter.layout_no_wrap(text, egui::FontId::proportional(13.0), Color32::BLACK);
        let right = p + egui::vec2(14.0, 6.0);
        let left = p + egui::vec2(-14.0 - galley.size().x, 6.0);
        if let Some(pos) = [right, left].into_iter().find(|at| fits(egui::Rect::from_min_size(*at, galley.size()))) {
            return Some((p, pos, galley));
        }
        last = Some(galley);
    }
    // Nowhere clear: inside the map at least.
    let galley = last?;
    let x = (p.x + 14.0).min(map_rect.right() - galley.size().x - 3.0).max(map_rect.left() + 3.0);
    Some((p, egui::pos2(x, p.y + 6.0), galley))
}

/// The crisis under the labels: the aggressor's hold hatched on the contested ground, then forces, arms,
/// sanctions, the front's gauge and peacekeepers; returns what the pointer can hover.
fn crisis_marks(
    painter: &egui::Painter,
    w: &World,
    l: &LevelDef,
    cam: &MapCam,
    crisis: Option<&Crisis>,
    front: Option<egui::Pos2>,
) -> Vec<super::crisis_map::Mark> {
    let day = w.get_resource::<crate::sim::Calendar>().map_or(0, |c| crate::sim::turn_days(l, c.turn.min(l.turns.len() - 1)).0);
    let capital = |ix: StateIx| to_screen(cam, project(l.states[ix].capital.0, l.states[ix].capital.1));
    let mut front_line = Vec::new();
    if let Some(c) = crisis {
        let ground = super::hold::theatre_rings(w, l);
        let origin = super::hold::advance_origin(w, l, &ground).and_then(|p| to_screen(cam, p));
        let rings: Vec<Vec<egui::Pos2>> = ground.iter().map(|r| r.iter().filter_map(|p| to_screen(cam, *p)).collect()).collect();
        if let Some(from) = origin.or_else(|| capital(l.crisis.aggressor)) {
            front_line = super::hold::draw(painter, &rings, from, c.control, egui::Id::new("aggressor_hold"));
        }
    }
    let places = super::crisis_map::Places { capital: &capital, front };
    let mut marks = super::crisis_map::draw(painter, w, l, &places, day);
    if let Some(c) = crisis {
        marks.extend(front_line.into_iter().map(|(a, b)| super::crisis_map::Mark {
            hit: super::crisis_map::Hit::Segment(a, b),
            text: format!(
                "The front in {}: the aggressor holds {:.0}% (hatched from its side, a sketch of the line)",
                c.theatre,
                c.control * 100.0
            ),
            state: Some(l.crisis.aggressor),
        }));
    }
    marks
}

/// The states labelled on the map, in the order they claim room: the parties, the player, the council, then
/// power. In the stance mode every state that took a position carries its symbol, not only its colour.
fn state_labels(
    painter: &egui::Painter,
    cam: &MapCam,
    l: &LevelDef,
    mode: MapMode,
    stances: &[(StateIx, Stance)],
    role: Option<StateIx>,
) -> Vec<(StateIx, u8, egui::Pos2, String, Color32)> {
    let max = l.states.iter().map(|s| s.cinc).fold(0.0f32, f32::max);
    let stance_of = |ix: StateIx| stances.iter().find(|x| x.0 == ix).map(|x| x.1);
    let mut labels = Vec::new();
    for (ix, s) in l.each_state() {
        let council = l.institution.bodies.iter().any(|b| !b.kind.is_assembly() && b.members.contains(&ix));
        let key = ix == l.crisis.aggressor || ix == l.crisis.victim || Some(ix) == role || s.cinc > max * 0.12 || council;
        let stance_mark = mode == MapMode::Stance && stance_of(ix).is_some_and(|x| x != Stance::Neutral);
        if !key && !stance_mark {
            continue;
        }
        let Some(p) = to_screen(cam, project(s.capital.0, s.capital.1)) else { continue };
        if !key {
            let (mark, c) = match stance_of(ix) {
                Some(Stance::SupportsAction) => ("✔", theme::BLUE),
                Some(Stance::Opposes) => ("✖", theme::VERMILLION),
                _ => ("–", Color32::from_rgb(0x8A, 0x6D, 0x00)),
            };
            painter.text(p, egui::Align2::CENTER_CENTER, mark, egui::FontId::proportional(11.0), c);
            continue;
        }
        let mut text = s.name.clone();
        if mode == MapMode::Stance {
            let mark = match stance_of(ix) {
                Some(Stance::SupportsAction) => "✔ ",
                Some(Stance::Opposes) => "✖ ",
                Some(Stance::Abstains) => "– ",
                _ => "○ ",
            };
            text = format!("{mark}{text}");
        }
        let color = if ix == l.crisis.aggressor {
            theme::VERMILLION
        } else if ix == l.crisis.victim {
            theme::BLUE
        } else {
            Color32::from_gray(30)
        };
        let rank = if ix == l.crisis.aggressor || ix == l.crisis.victim {
            0
        } else if Some(ix) == role {
            1
        } else if council {
            2
        } else {
            3
        };
        labels.push((ix, rank, p, text, color));
    }
    labels.sort_by(|a, b| a.1.cmp(&b.1).then(l.states[b.0].cinc.total_cmp(&l.states[a.0].cinc)));
    labels
}

/// The tooltip of what the pointer rests on: a mark of the crisis (a click opens its state), else a country.
fn map_tooltips(
    ctx: &egui::Context,
    w: &World,
    l: &LevelDef,
    view: &MapView,
    stances: &[(StateIx, Stance)],
    marks: &[super::crisis_map::Mark],
    actions: &mut Outbox,
) {
    // No tooltip in screenshots: the virtual display's pointer rests in the middle of the map.
    let capturing = w.get_resource::<crate::game::GameOptions>().is_some_and(|o| o.harness.screenshot.is_some());
    let on_map = super::pointer_on_map(ctx, w.resource::<super::MapArea>());
    let pointer = ctx.pointer_hover_pos().filter(|_| on_map && !capturing);
    if let Some(mark) = pointer.and_then(|p| super::crisis_map::hovered(marks, p)) {
        egui::Tooltip::always_open(ctx.clone(), egui::LayerId::background(), egui::Id::new("crisis_tip"), egui::PopupAnchor::Pointer).show(
            |ui| {
                ui.label(&mark.text);
                if mark.state.is_some() {
                    ui.weak("Click to open this state in the inspector");
                }
            },
        );
        // A click on an arrow, a ring or the front opens its state (after the map's own pick, so it wins).
        if let Some(ix) = mark.state
            && ctx.input(|i| i.pointer.primary_clicked())
        {
            actions.send(cmd::MapCommand::Select(Some(ix)));
        }
        return;
    }
    if let Some((holder, name)) = &view.hovered
        && !capturing
        && on_map
    {
        egui::Tooltip::always_open(ctx.clone(), egui::LayerId::background(), egui::Id::new("map_tip"), egui::PopupAnchor::Pointer).show(
            |ui| {
                ui.strong(name);
                match holder {
                    Some(ix) => {
                        let s = &l.states[*ix];
                        if s.name != *name {
                            ui.label(format!("held by {}", s.name));
                        }
                        ui.label(format!("power (CINC) {:.4}", s.cinc));
                        if let Some(st) = stances.iter().find(|x| x.0 == *ix) {
                            ui.label(format!("stance: {}", stance_text(st.1)));
                        }
                        ui.label(RichText::new("click to inspect").weak());
                    }
                    None => {
                        ui.label(RichText::new("not a party to this crisis").weak());
                    }
                }
            },
        );
    }
}

pub fn stance_text(s: Stance) -> &'static str {
    match s {
        Stance::SupportsAction => "supports action",
        Stance::Opposes => "opposes",
        Stance::Abstains => "abstains",
        Stance::Neutral => "neutral",
    }
}

/// Each bloc of the level by name and kind, in the colour the map gives its members; a guaranteed state
/// in the lighter shade of its guarantors' colour.
fn bloc_legend(w: &World) -> Vec<(Color32, String)> {
    use crate::level::BlocKind;
    let blocs: Vec<crate::sim::Bloc> = w.try_query::<&crate::sim::Bloc>().map(|mut q| q.iter(w).cloned().collect()).unwrap_or_default();
    let mut out = Vec::new();
    for (i, b) in blocs.iter().enumerate() {
        let c = theme::BLOCS[i % theme::BLOCS.len()];
        let kind = match b.kind {
            BlocKind::CollectiveDefence => "collective defence",
            BlocKind::Alliance => "alliance",
            BlocKind::MutualDefence => "mutual defence",
            BlocKind::Guarantee => "guarantee",
        };
        out.push((c, format!("{} ({kind})", b.name)));
        if b.kind == BlocKind::Guarantee {
            out.push((theme::mix(c, Color32::WHITE, 0.45), format!("guaranteed by {}", b.name)));
        }
    }
    out
}

/// The id of the map's legend window, whose place the map's labels avoid.
const LEGEND_ID: &str = "map_legend";

pub fn legend(ctx: &egui::Context, w: &World, tiles: &Layout, actions: &mut Outbox) {
    let Some(view) = w.get_resource::<MapView>() else { return };
    let window = egui::Window::new("Map").id(egui::Id::new(LEGEND_ID));
    tiles
        .place(Slot::Legend, window, |w| w.anchor(egui::Align2::RIGHT_BOTTOM, [-8.0, -135.0]))
        .resizable(false)
        .collapsible(true)
        .default_width(190.0)
        .show(ctx, |ui| {
            for (i, m) in MapMode::ALL.iter().enumerate() {
                if ui
                    .selectable_label(view.mode == *m, format!("{} {}", i + 1, m.label()))
                    .on_hover_text(format!("Key {}", i + 1))
                    .clicked()
                {
                    actions.send(cmd::MapCommand::Mode(*m));
                }
            }
            ui.separator();
            let bloc_names = bloc_legend(w);
            let items: Vec<(Color32, &str)> = match view.mode {
                MapMode::Blocs => {
                    let mut v: Vec<(Color32, &str)> = bloc_names.iter().map(|(c, n)| (*c, n.as_str())).collect();
                    v.push((theme::LAND_NONE, "in no bloc"));
                    v
                }
                m => m.palette(),
            };
            for (c, t) in items {
                ui.horizontal(|ui| {
                    let (r, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
                    ui.painter().rect_filled(r, 2.0, c);
                    ui.label(t);
                });
            }
            egui::CollapsingHeader::new("Arrows and rings").default_open(false).show(ui, super::crisis_map::legend);
            if let Some(e) = &view.error {
                ui.colored_label(theme::VERMILLION, e);
            }
            ui.label(RichText::new("drag or arrows: pan · wheel or +/−: zoom").weak());
        });
}

pub fn next_after_report(w: &World) -> cmd::Navigate {
    if w.get_resource::<Calendar>().is_some_and(|c| c.finished) {
        cmd::Navigate::Screen(Screen::Debrief)
    } else {
        cmd::Navigate::Phase(TurnPhase::Orders)
    }
}

/// The window that walks the player through a turn's votes, results and report.
pub fn phase_window(ctx: &egui::Context, w: &World, phase: TurnPhase, tiles: &Layout, actions: &mut Outbox) {
    let place =
        |title: &'static str| tiles.place(Slot::Turn, egui::Window::new(title), |w| w.anchor(egui::Align2::CENTER_TOP, [0.0, 50.0]));
    // The body scrolls inside the tile, with the title and the button below it always in view.
    let body = tiles.rect(Slot::Turn).map_or(f32::INFINITY, |r| (r.height() - 90.0).max(60.0));
    let (Some(log), Some(cal)) = (w.get_resource::<RunLog>(), w.get_resource::<Calendar>()) else {
        return;
    };
    let played = if cal.finished { cal.turn } else { cal.turn.saturating_sub(1) };
    match phase {
        TurnPhase::Orders => {}
        TurnPhase::Votes => {
            let votes: Vec<usize> = log.votes.iter().enumerate().filter(|(_, v)| v.turn == played + 1).map(|(i, _)| i).collect();
            place("Votes this turn").collapsible(false).show(ctx, |ui| {
                if votes.is_empty() {
                    ui.label("No body voted this turn.");
                }
                for i in votes {
                    let v = &log.votes[i];
                    ui.horizontal(|ui| {
                        ui.label(format!(
                            "{}: {} — {}–{}–{}",
                            widgets::body_name(v.body),
                            widgets::measure_name(v.motion),
                            v.yes,
                            v.no,
                            v.abstain
                        ));
                        let verdict = if v.adopted {
                            RichText::new("adopted").color(theme::BLUE)
                        } else {
                            RichText::new("not adopted").color(theme::VERMILLION)
                        };
                        ui.label(verdict.strong());
                        if ui.button("Chamber").clicked() {
                            actions.send(cmd::PanelCommand::Chamber(Some(i)));
                        }
                    });
                }
                if ui.button("Continue (Enter)").clicked() {
                    actions.send(cmd::Navigate::Phase(TurnPhase::Resolution));
                }
            });
        }
        TurnPhase::Resolution => {
            place("What happened").collapsible(false).show(ctx, |ui| {
                egui::ScrollArea::vertical().max_height(body).show(ui, |ui| {
                    for n in log.news.iter().filter(|n| n.turn == played) {
                        ui.label(format!("{} {}", if n.history { "[history]" } else { "•" }, n.text));
                    }
                    if let Some(c) = log.control.get(played) {
                        ui.label(format!("The aggressor holds {:.0}% of the contested ground.", c * 100.0));
                    }
                });
                if ui.button("Continue (Enter)").clicked() {
                    actions.send(cmd::Navigate::Phase(TurnPhase::Report));
                }
            });
        }
        TurnPhase::Report => {
            place("Turn report").collapsible(false).show(ctx, |ui| {
                egui::ScrollArea::vertical().max_height(body).show(ui, |ui| turn_report(ui, w, played, actions));
                let label = if cal.finished { "To the debrief (Enter)" } else { "Next turn (Enter)" };
                if ui.button(label).clicked() {
                    actions.send(next_after_report(w));
                }
            });
        }
    }
}

/// What the aggressor chose in the turn played, and why: factor by factor, channel by channel, and measured.
fn turn_report(ui: &mut egui::Ui, w: &World, played: usize, actions: &mut Outbox) {
    let (Some(log), Some(level)) = (w.get_resource::<RunLog>(), w.get_resource::<Level>()) else { return };
    let agg = &level.0.states[level.0.crisis.aggressor].name;
    if let Some(d) = log.decisions.iter().rev().find(|d| d.turn == played && matches!(d.decision, DecisionKind::Aggressor { .. })) {
        if let DecisionKind::Aggressor { choice } = &d.decision {
            ui.label(RichText::new(format!("{agg} chose to {}", choice_text(*choice))).strong());
        }
        ui.label("Why, factor by factor:");
        widgets::decision_bars(ui, &d.factors);
    }
    if let Some(c) = log.channels.get(played) {
        ui.separator();
        channels_table(ui, c, played.checked_sub(1).and_then(|t| log.channels.get(t)));
    }
    egui::CollapsingHeader::new("What decided the aggressor's course so far (measured)").id_salt("turn_causes").show(ui, |ui| {
        super::causes::list(ui, w, crate::sim::Mechanism::Deterrence, actions);
    });
}

/// How a channel's value reads: thousandths of world power, or a share.
#[derive(Clone, Copy)]
enum Unit {
    Power,
    Share,
}

impl Unit {
    fn show(self, x: f32) -> String {
        match self {
            Unit::Power => format!("{:.1}", (x * 1000.0).max(0.0)),
            Unit::Share => format!("{:.0}%", (x * 100.0).max(0.0)),
        }
    }
}

/// What reached the aggressor at the end of a turn, channel by channel, with the change since the turn before.
pub fn channels_table(ui: &mut egui::Ui, c: &crate::sim::Channels, before: Option<&crate::sim::Channels>) {
    use crate::sim::Channels;
    ui.label(RichText::new("What the aggressor faced").strong());
    type Get = fn(&Channels) -> f32;
    let rows: [(&str, Get, Unit, &str); 17] = [
        (
            "Its forces in the theatre",
            |c| c.aggressor_forces,
            Unit::Power,
            "after sanctions, fuel and blockade, with its friends' (thousandths of world power)",
        ),
        ("The victim's forces", |c| c.victim_forces, Unit::Power, "with the arms that reached it"),
        ("Others' forces arrived", |c| c.coalition_in_theatre, Unit::Power, "forces sent to fight for the victim, in the theatre"),
        ("Forces on their way", |c| c.coalition_on_the_way, Unit::Power, "sent, not yet arrived: distance takes time"),
        (
            "Pacts it must fear",
            |c| c.pact_threat,
            Unit::Power,
            "what pacts and guarantees of the victim could bring, weighed by how firmly they are held",
        ),
        (
            "The powers behind the verdict",
            |c| c.verdict_threat,
            Unit::Share,
            "how far the members that voted to name it could outweigh its forces in the theatre, believed as far as the institution is trusted; until the institution acts, and never against a nuclear power",
        ),
        ("Arms sent to the victim", |c| c.arms_arrived, Unit::Power, "arms, money and intelligence that have arrived"),
        ("Sanctions pressure", |c| c.sanctions_pressure, Unit::Share, "how hard the sanctions bite"),
        ("Sanctions leaking", |c| c.sanctions_leakage, Unit::Share, "share of the cut made up through those who do not sanction"),
        ("Fuel denied", |c| c.fuel_denied, Unit::Share, "share of its armies' fuel an oil embargo keeps from it"),
        ("Blockade", |c| c.blockade, Unit::Share, "share of its supply to the theatre the blockade cuts"),
        (
            "Terms on the table",
            |c| c.terms,
            Unit::Share,
            "the standing of a mediator's good offices (up to 25%) or of the victim's own offer of peace (40%): a way out, weighed the more the nearer the war is to a stalemate",
        ),
        ("Trust in the institution", |c| c.credibility, Unit::Share, "credibility: how far members expect its decisions to be carried out"),
        ("Its resolve", |c| c.resolve, Unit::Share, "its appetite for the prize, with this run's draw of its leaders' resolve"),
        (
            "Its doubt of its enemies",
            |c| c.doubt,
            Unit::Share,
            "how far it discounts the forces sent against it and the pledges of loose pacts, doubting they will fight, until they throw it back",
        ),
        (
            "Its campaign's fortune",
            |c| c.campaign_fortune,
            Unit::Share,
            "its generals, roads and luck against the victim's, drawn once: above 100% a far stronger army advances faster",
        ),
        ("The season's pace", |c| c.season_pace, Unit::Share, "how fast the rains, mud or snow let the front move this turn"),
    ];
    egui::Grid::new("channels").striped(true).show(ui, |ui| {
        for (name, get, unit, hover) in rows {
            let (now, was) = (get(c), before.map_or(get(c), get));
            ui.label(name).on_hover_text(hover);
            ui.label(unit.show(now));
            // The change since the turn before, in the same unit.
            let change = if (now - was).abs() > 1e-4 {
                format!("{}{}", if now > was { "+" } else { "−" }, unit.show((now - was).abs()))
            } else {
                String::new()
            };
            ui.label(RichText::new(change).weak());
            ui.end_row();
        }
    });
}
