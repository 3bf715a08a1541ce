//! The glossary, reachable from every screen (F1), with the seed essay's distinctions.

use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};

use super::{Outbox, UiState, cmd};

pub use crate::lesson::glossary::TOPICS;

pub fn glossary(ctx: &egui::Context, w: &World, actions: &mut Outbox) {
    let ui_state = w.resource::<UiState>();
    if !ui_state.glossary {
        return;
    }
    let mut open = true;
    egui::Window::new("Glossary").open(&mut open).default_width(560.0).show(ctx, |ui| {
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                for (i, (t, _)) in TOPICS.iter().enumerate() {
                    if ui.selectable_label(ui_state.glossary_topic == i, *t).clicked() {
                        actions.send(cmd::PanelCommand::Glossary(Some(i)));
                    }
                }
            });
            ui.separator();
            ui.vertical(|ui| {
                let (t, body) = TOPICS[ui_state.glossary_topic.min(TOPICS.len() - 1)];
                ui.heading(t);
                // The primary sources run longer than the window: they scroll.
                egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
                    ui.label(RichText::new(body).size(15.0));
                });
            });
        });
    });
    if !open {
        actions.send(cmd::PanelCommand::Glossary(None));
    }
}
