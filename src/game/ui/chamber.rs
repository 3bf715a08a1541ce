//! The chamber: a tally board with every member's ballot, the reason on hover, vetoes and absences marked,
//! and whether the motion passed under the body's rules.

use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};

use crate::game::theme;
use crate::level::VotingRule;
use crate::sim::{Ballot, Level, RunLog};

use super::{Outbox, UiState, cmd, widgets};

/// The vote the chamber shows, if it is open.
pub fn shown(w: &World) -> Option<&crate::sim::VoteRecord> {
    let i = w.resource::<UiState>().chamber?;
    w.get_resource::<RunLog>()?.votes.get(i)
}

pub fn chamber(ctx: &egui::Context, w: &World, tiles: &super::layout::Layout, actions: &mut Outbox) {
    let (Some(v), Some(log), Some(level)) = (shown(w), w.get_resource::<RunLog>(), w.get_resource::<Level>()) else { return };
    let l = &level.0;
    let mut open = true;
    // The title stays short and the motion wraps below it, so that the window fits a narrow tile.
    let window = egui::Window::new(widgets::body_name(v.body)).id(egui::Id::new("chamber")).default_width(520.0);
    tiles.place(super::layout::Slot::Chamber, window, |w| w.default_pos([360.0, 60.0])).open(&mut open).show(ctx, |ui| {
        ui.label(RichText::new(widgets::measure_name(v.motion)).strong());
        ui.label(format!("{} · proposed by {} · turn {}", v.date, v.proposer, v.turn));
        ui.label(RichText::new(rule_text(l.body(v.body).map(|b| b.rule), v.procedural)).weak());
        ui.horizontal_wrapped(|ui| {
            ui.heading(format!("{}–{}–{}", v.yes, v.no, v.abstain));
            ui.label(format!("({} absent)", v.absent));
            let verdict = if v.adopted {
                RichText::new("ADOPTED").color(theme::BLUE)
            } else if !v.vetoed_by.is_empty() {
                RichText::new(format!("VETOED by {}", v.vetoed_by.join(", "))).color(theme::VERMILLION)
            } else {
                RichText::new("NOT ADOPTED").color(theme::VERMILLION)
            };
            ui.heading(verdict.strong());
        });
        if !v.decisive.is_empty() {
            ui.label(format!("Decided by: {}", v.decisive.join(", ")));
        }
        egui::CollapsingHeader::new("Why? Measured causes").id_salt("chamber_causes").show(ui, |ui| {
            super::causes::list(ui, w, crate::sim::Mechanism::Vote(v.body, v.motion), actions);
        });
        ui.separator();
        ballots_grid(ui, l, log, v);
        ui.label(RichText::new("★ permanent member · ✔ yes · ✖ no · – abstain · ○ absent").weak());
    });
    if !open {
        actions.send(cmd::PanelCommand::Chamber(None));
    }
}

/// The voting rule in words, as it applied to this vote.
fn rule_text(rule: Option<VotingRule>, procedural: bool) -> String {
    match rule {
        Some(VotingRule::Unanimity) if procedural => "Unanimity of members present".to_string(),
        Some(VotingRule::Unanimity) => {
            "Unanimity of members present (Covenant Art. 5); under Art. 15 the parties' votes are not counted".to_string()
        }
        Some(VotingRule::Qualified { votes, veto }) => format!(
            "{votes} votes needed{}",
            if veto && !procedural {
                "; a permanent member's no is a veto, its abstention or absence is not"
            } else if procedural {
                "; procedural: no veto"
            } else {
                ""
            }
        ),
        Some(VotingRule::TwoThirds) => "Two-thirds of members present and voting; abstentions do not count".to_string(),
        Some(VotingRule::Majority) => "A majority of members present and voting".to_string(),
        None => String::new(),
    }
}

/// Every member's ballot, a divided group's split, and on hover the factors behind it.
fn ballots_grid(ui: &mut egui::Ui, l: &crate::level::LevelDef, log: &RunLog, v: &crate::sim::VoteRecord) {
    let permanent: Vec<crate::level::StateIx> = l.body(v.body).map(|b| b.permanent.clone()).unwrap_or_default();
    // Long group names and divided ballots scroll sideways inside the window rather than widen it.
    egui::ScrollArea::both().max_height(360.0).show(ui, |ui| {
        egui::Grid::new("ballots").num_columns(4).striped(true).show(ui, |ui| {
            for (k, (id, b)) in v.ballots.iter().enumerate() {
                let ix = l.state_ix(id);
                let name = ix.map(|i| l.states[i].name.clone()).unwrap_or_else(|| id.to_string());
                let (mark, color) = widgets::ballot_mark(*b);
                let is_perm = ix.is_some_and(|i| permanent.contains(&i));
                ui.label(if is_perm { RichText::new(format!("★ {name}")).strong() } else { RichText::new(name) });
                let extra = if v.vetoed_by.iter().any(|x| **x == **id) { " VETO" } else { "" };
                // A group whose members divide shows how they divided, in the colour of its most common ballot.
                let divided = v.divided.iter().find(|d| d.0 == *id).map(|(_, split)| divided_text(split));
                let resp = match &divided {
                    Some(text) => {
                        ui.colored_label(color, text).on_hover_text("Its members differ in their alignment: each voted by its own ties")
                    }
                    None => ui.colored_label(color, format!("{mark}{extra}")),
                };
                if let Some(d) = v.decision_ix.get(k).copied().flatten().and_then(|d| log.decisions.get(d)) {
                    let resp = resp.on_hover_ui(|ui| {
                        ui.label(format!("score {:+.2} (yes at ≥ 0, no at ≤ −0.45)", d.score));
                        if *b == Ballot::Absent {
                            ui.label("Absent: this is how it would have voted had it been there.");
                        }
                        widgets::decision_bars(ui, &d.factors);
                    });
                    ui.label(RichText::new("why?").weak()).on_hover_text("Hover the ballot to see the factors behind it");
                    let _ = resp;
                } else {
                    ui.label("");
                }
                ui.label(if is_perm { "permanent" } else { "" });
                ui.end_row();
            }
        });
    });
}

/// A divided group's ballots: "31 yes · 12 abstain · 3 absent".
fn divided_text(s: &crate::sim::Split) -> String {
    let parts = [(s.yes, "yes"), (s.no, "no"), (s.abstain, "abstain"), (s.absent, "absent")];
    parts.iter().filter(|p| p.0 > 0).map(|(n, w)| format!("{n} {w}")).collect::<Vec<_>>().join(" · ")
}
