//! The main menu (campaign, single crisis, mods, load) and the briefing.

use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};

use crate::game::state::{Catalog, Screen, StartLevel};
use crate::game::theme;

use super::{Outbox, UiState, cmd};

pub fn menu(root: &mut egui::Ui, w: &World, actions: &mut Outbox) {
    let catalog = w.resource::<Catalog>();
    let ui_state = w.resource::<UiState>();
    egui::CentralPanel::default().show(root, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(12.0);
            ui.heading(RichText::new("Collective Security").size(30.0));
            ui.label("Why collective security works or fails, from Manchuria 1931 to Ukraine 2022");
        });
        ui.add_space(12.0);
        ui.columns(2, |cols| {
            let ui = &mut cols[0];
            crises(ui, catalog, ui_state, actions);
            ui.add_space(8.0);
            campaign(ui, catalog, ui_state, actions);
            ui.add_space(8.0);
            lessons(ui, w, actions);
            ui.add_space(8.0);
            saves(ui, w, actions);
            ui.add_space(12.0);
            how_to_play(ui);
            chosen_crisis(&mut cols[1], catalog, ui_state, actions);
        });
    });
}

/// Every level found, shipped or the player's own, in the order of history; a level that does not load says so.
fn crises(ui: &mut egui::Ui, catalog: &Catalog, ui_state: &UiState, actions: &mut Outbox) {
    ui.heading("Crises");
    let mut sorted: Vec<(usize, &crate::game::state::CatalogEntry)> = catalog.entries.iter().enumerate().collect();
    sorted.sort_by_key(|(_, e)| e.level.as_ref().map(|l| l.turns[0].date).ok());
    for (i, e) in sorted {
        ui.horizontal(|ui| {
            let label = format!("{}{}", e.name, if e.is_mod { "  [mod]" } else { "" });
            let selected = ui_state.menu_level == i;
            match &e.level {
                Ok(_) => {
                    if ui.selectable_label(selected, label).clicked() {
                        actions.send(cmd::PanelCommand::MenuLevel(i));
                    }
                }
                Err(err) => {
                    ui.colored_label(theme::VERMILLION, format!("{label}: does not load")).on_hover_text(err);
                }
            }
        });
    }
    if catalog.entries.is_empty() {
        ui.colored_label(theme::VERMILLION, "No levels found. Run the game from the project folder, or pass --levels DIR.");
    }
}

/// The eight crises in order, each era's institutions carrying their credibility into the next.
fn campaign(ui: &mut egui::Ui, catalog: &Catalog, ui_state: &UiState, actions: &mut Outbox) {
    if let Some(e) = &catalog.campaign_error {
        ui.colored_label(
            crate::game::theme::VERMILLION,
            format!("The campaign file has a problem; the crises follow the order of history instead.\n{e}"),
        );
    }
    let campaign = catalog.campaign();
    if let Some(first) = campaign.first()
        && let Ok(level) = &first.level
    {
        let names: Vec<&str> = campaign.iter().map(|e| e.name.as_str()).collect();
        if ui
            .button(RichText::new("Play the campaign").strong())
            .on_hover_text(format!("{}: the institutions' credibility carries from crisis to crisis", names.join(", then ")))
            .clicked()
        {
            actions.send(StartLevel {
                level: level.clone(),
                path: first.path.clone(),
                seed: parse_seed(&ui_state.menu_seed),
                role: None,
                replay: vec![],
                screen: Screen::Briefing,
                campaign: true,
                credibility: None,
                lessons: Default::default(),
                eras: vec![],
            });
        }
    }
}

/// The lessons, and the students' reports a teacher can open.
fn lessons(ui: &mut egui::Ui, w: &World, actions: &mut Outbox) {
    ui.heading("Lessons");
    let lessons = w.resource::<crate::game::lesson::LessonCatalog>();
    for (i, (path, l)) in lessons.entries.iter().enumerate() {
        match l {
            Ok(l) => {
                let parts: Vec<&str> = l.parts.iter().map(|p| p.level.name.as_str()).collect();
                if ui
                    .button(format!("{} ({} min)", l.title, l.minutes))
                    .on_hover_text(format!("{}\n\n{}", l.summary, parts.join(", then ")))
                    .clicked()
                {
                    actions.send(cmd::LessonCommand::Open(i));
                }
            }
            Err(e) => {
                ui.colored_label(theme::VERMILLION, format!("{}: does not load", path.display())).on_hover_text(e);
            }
        }
    }
    if !lessons.reports.is_empty() {
        egui::CollapsingHeader::new(format!("Open a student's report ({})", lessons.reports.len())).show(ui, |ui| {
            for p in lessons.reports.iter().take(40) {
                let name = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                if ui.button(name).on_hover_text(p.display().to_string()).clicked() {
                    actions.send(cmd::LessonCommand::OpenReport(p.clone()));
                }
            }
        });
    }
}

/// The saved games, and the glossary.
fn saves(ui: &mut egui::Ui, w: &World, actions: &mut Outbox) {
    if ui.button("Load the last save (F9)").clicked() {
        actions.send(cmd::SaveCommand::LoadNewest);
    }
    let saves = w.get_resource::<crate::game::save::SavedGames>().map(|s| s.0.as_slice()).unwrap_or_default();
    if !saves.is_empty() {
        egui::CollapsingHeader::new(format!("Saved games ({})", saves.len())).show(ui, |ui| {
            for p in saves.iter().take(20) {
                let name = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                if ui.button(name).on_hover_text(p.display().to_string()).clicked() {
                    actions.send(cmd::SaveCommand::Load(p.clone()));
                }
            }
        });
    }
    if ui.button("Glossary (F1)").clicked() {
        actions.send(cmd::PanelCommand::Glossary(None));
    }
}

fn how_to_play(ui: &mut egui::Ui) {
    ui.heading("How to play");
    ui.label("Each turn, choose orders in the crisis panel on the left, under appeasement, alliance or collective action; hover a motion to see how each member is expected to vote and why. End the turn with Enter. Watch the votes in the chamber, read what happened, and at the end the debrief explains why each mechanism worked or failed.");
    ui.label(RichText::new("Keys: Enter end turn / continue · 1–5 map modes · arrows or WASD pan · +/− zoom · F1 glossary · F5 save · F6 what if · F7 table of states · F9 load · F12 screenshot · Tab and Space to reach any button · Esc close · Ctrl +/− text size").weak());
}

/// The crisis chosen in the list: its summary, the state to lead, the seed, and the button to play it.
fn chosen_crisis(ui: &mut egui::Ui, catalog: &Catalog, ui_state: &UiState, actions: &mut Outbox) {
    let Some(entry) = catalog.entries.get(ui_state.menu_level) else { return };
    let Ok(level) = &entry.level else { return };
    ui.heading(&level.name);
    ui.label(&level.summary);
    ui.separator();
    ui.strong("Lead");
    for (k, p) in level.playable.iter().enumerate() {
        let s = &level.states[p.state];
        if ui
            .radio(ui_state.menu_role == k, if p.role.starts_with(&s.name) { p.role.clone() } else { format!("{} — {}", s.name, p.role) })
            .clicked()
        {
            actions.send(cmd::PanelCommand::MenuRole(k));
        }
    }
    ui.horizontal(|ui| {
        ui.label("Seed").on_hover_text(
            "A teacher gives one seed to the whole class: the same seed and the same choices give the same world and the same draws.",
        );
        let mut seed = ui_state.menu_seed.clone();
        if ui.text_edit_singleline(&mut seed).changed() {
            actions.send(cmd::PanelCommand::MenuSeed(seed));
        }
    });
    let seed = parse_seed(&ui_state.menu_seed);
    if ui.button(RichText::new("Play this crisis").strong()).clicked() {
        let role = level.playable.get(ui_state.menu_role).map(|p| level.states[p.state].id.clone());
        actions.send(StartLevel {
            level: level.clone(),
            path: entry.path.clone(),
            seed,
            role,
            replay: vec![],
            screen: Screen::Briefing,
            campaign: false,
            credibility: None,
            lessons: Default::default(),
            eras: vec![],
        });
    }
}

pub use crate::lesson::play::parse_seed;

pub fn briefing(ctx: &egui::Context, w: &World, actions: &mut Outbox) {
    let (Some(level), Some(role)) = (w.get_resource::<crate::sim::Level>(), w.get_resource::<crate::sim::PlayerRole>()) else { return };
    let l = &level.0;
    egui::Window::new("Briefing").anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).collapsible(false).resizable(false).default_width(560.0).show(ctx, |ui| {
        ui.heading(&l.name);
        ui.label(&l.summary);
        ui.separator();
        ui.label(RichText::new(format!("You lead {}.", l.states[role.ix].name)).strong());
        if let Some(p) = l.playable(role.ix) {
            ui.label(&p.role);
        }
        ui.label(format!("The aggressor's claim: “{}”", l.crisis.claim));
        if let Some(aim) = crate::sim::text::aim_text(&l.states[l.crisis.aggressor].name, l.crisis.aim, l.crisis.punitive) {
            ui.label(aim);
        }
        ui.label(format!("{} turns, from {} to {}.", l.turns.len(), l.turns[0].date, l.turns[l.turns.len() - 1].date));
        ui.label(RichText::new("Choose orders under appeasement, alliance or collective action, then end the turn. Every other state decides by its own interest; hover any number for its meaning, and press F1 for the glossary.").weak());
        if ui.button(RichText::new("Begin (Enter)").strong()).clicked() {
            actions.send(cmd::Navigate::Screen(Screen::Playing));
        }
    });
}
