//! The state inspector: power, memberships, blocs, interests, stance, and the factors behind its last decision.

use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};

use crate::game::map::MapView;
use crate::sim::{Bloc, Body, Capability, DecisionKind, Interests, Level, Member, Nation, RunLog, Stance};

use super::{Outbox, cmd, hud::stance_text, widgets};

pub fn inspector(root: &mut egui::Ui, w: &World, actions: &mut Outbox) {
    let (Some(view), Some(level)) = (w.get_resource::<MapView>(), w.get_resource::<Level>()) else { return };
    let Some(ix) = view.selected else { return };
    let l = &level.0;
    let Some(mut q) = w.try_query::<(Entity, &Nation, &Capability, &Interests, &Stance, Has<Member>)>() else { return };
    let Some((e, n, cap, int, stance, member)) = q.iter(w).find(|x| x.1.ix == ix) else { return };
    egui::Panel::right("inspector").resizable(true).default_size(300.0).show(root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(&*n.name);
                if ui.small_button("✖").on_hover_text("Close (Esc)").clicked() {
                    actions.send(cmd::MapCommand::Select(None));
                }
            });
            ui.label(RichText::new(&*n.id).monospace());
            egui::Grid::new("facts").num_columns(2).striped(true).show(ui, |ui| {
                ui.label("Power (CINC)").on_hover_text("Composite Index of National Capability: share of the world's military spending, troops, iron and steel, energy and population (COW NMC 6.0)");
                ui.label(format!("{:.4}", cap.cinc)).on_hover_text(format!("level data: {:.5}", l.states[ix].cinc));
                ui.end_row();
                ui.label("Distance to the theatre");
                ui.label(format!("{:.0} km", int.km_theatre)).on_hover_text("From its capital; power projected falls with distance");
                ui.end_row();
                ui.label(format!("Member of the {}", l.institution.name));
                ui.label(if member { "yes" } else { "no" });
                ui.end_row();
                ui.label("Stance");
                ui.label(stance_text(*stance));
                ui.end_row();
                for (label, v, hint) in [
                    ("Ties to the aggressor", int.ties_aggressor, "−1 hostile … 1 close ally"),
                    ("Ties to the victim", int.ties_victim, "−1 hostile … 1 close ally"),
                    ("Trade with the aggressor", int.trade_aggressor, "share of the aggressor's trade"),
                    ("Oil to the aggressor", int.oil_aggressor, "share of the aggressor's oil imports"),
                    ("Stake in the theatre", int.interest, "0 … 1"),
                    ("Other threats", int.distraction, "0 … 1"),
                    ("Domestic constraints", int.domestic, "0 … 1"),
                    ("Faith in the institution", int.commitment, "0 … 1"),
                ] {
                    ui.label(label);
                    ui.label(format!("{v:.2}")).on_hover_text(hint);
                    ui.end_row();
                }
                ui.label("Non-aligned");
                ui.label(if int.non_aligned { "yes" } else { "no" });
                ui.end_row();
            });
            if let Some(mut bq) = w.try_query::<&Body>() {
                let seats: Vec<&str> = bq.iter(w).filter(|b| b.members.contains(&e) && !b.kind.is_assembly()).map(|b| if b.permanent.contains(&e) { "permanent seat" } else { "elected seat" }).collect();
                if !seats.is_empty() {
                    ui.label(format!("Council: {}", seats.join(", ")));
                }
            }
            if let Some(mut bq) = w.try_query::<&Bloc>() {
                for b in bq.iter(w).filter(|b| b.members.contains(&e) || b.protects == Some(e)) {
                    ui.label(format!("Bloc: {} (cohesion {:.2})", b.name, b.cohesion));
                }
            }
            if let Some(log) = w.get_resource::<RunLog>() {
                decisions(ui, log, n);
            }
        });
    });
}

/// The state's last decisions, newest first, each with its score and factors.
fn decisions(ui: &mut egui::Ui, log: &RunLog, n: &Nation) {
    ui.separator();
    ui.strong("Its decisions and why");
    let mine: Vec<_> = log.decisions.iter().filter(|d| *d.actor == *n.id).collect();
    if mine.is_empty() {
        ui.label(RichText::new("no decision yet").weak());
    }
    for d in mine.iter().rev().take(6) {
        let title = match &d.decision {
            DecisionKind::Vote { body, measure, ballot } => format!(
                "turn {}: {} in the {} — {}",
                d.turn + 1,
                widgets::measure_name(*measure),
                widgets::body_name(*body),
                widgets::ballot_mark(*ballot).0
            ),
            other => format!(
                "turn {}: {}",
                d.turn + 1,
                serde_json::to_value(other)
                    .ok()
                    .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_string))
                    .unwrap_or_default()
            ),
        };
        // A header that wraps, so that a long motion does not widen the panel over the map.
        let id = ui.make_persistent_id((d.turn, &d.actor, format!("{:?}", d.decision)));
        let mut state = egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), id, false);
        let clicked = ui
            .horizontal(|ui| {
                state.show_toggle_button(ui, egui::collapsing_header::paint_default_icon);
                ui.add(egui::Label::new(title).wrap().sense(egui::Sense::click())).clicked()
            })
            .inner;
        if clicked {
            state.toggle(ui);
        }
        state.show_body_unindented(ui, |ui| {
            ui.label(format!("score {:+.2}", d.score));
            widgets::decision_bars(ui, &d.factors);
        });
    }
}
