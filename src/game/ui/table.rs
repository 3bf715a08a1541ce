//! The map's information as a table of states, sortable by any column and usable from the keyboard:
//! Tab moves between the column headers and the rows, Space or Enter sorts or selects.

use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};

use crate::game::map::MapView;
use crate::level::BodyKind;
use crate::sim::{
    Aggressor, Bloc, Body, Calendar, Capability, Crisis, Interests, Level, MeasuresInForce, Member, Nation, Player, Sanctioning, Stance,
    Victim,
};

use super::{Outbox, UiState, cmd, hud::stance_text};

/// The table's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    #[default]
    State,
    Power,
    Member,
    Seat,
    Blocs,
    Stance,
    Acts,
    Distance,
}

const COLUMNS: [(Column, &str, &str); 8] = [
    (Column::State, "State", "The state, and its part in the crisis"),
    (Column::Power, "Power", "Share of world military-industrial capability (CINC)"),
    (Column::Member, "Member", "Member of the League or the UN in this crisis"),
    (Column::Seat, "Seat", "Its seat in the Council: permanent (with a veto where the rules give one) or elected"),
    (Column::Blocs, "Blocs", "Alliances and pacts it belongs to"),
    (Column::Stance, "Stance", "Its stance on collective action now"),
    (Column::Acts, "In the crisis", "What the map draws for it: forces or arms sent, sanctions applied or leaked, the ground held"),
    (Column::Distance, "Distance", "Kilometres from its capital to the theatre"),
];

/// One row.
pub struct Row {
    pub ix: crate::level::StateIx,
    pub name: String,
    pub role: &'static str,
    pub power: f32,
    pub member: bool,
    pub seat: &'static str,
    pub blocs: String,
    pub stance: Stance,
    /// What it is doing in the crisis, as the map draws it.
    pub acts: String,
    pub km: f32,
}

/// What a state is doing in the crisis, in the words of the map's tooltips: forces and arms sent (with the
/// share arrived), sanctions applied or traded around, forces fighting for the aggressor, the ground held.
fn acts(w: &World, e: Entity, id: &str, day: i32) -> String {
    let mut out = Vec::new();
    if let Some(mif) = w.get_resource::<MeasuresInForce>() {
        let arrived = |c: &crate::sim::Contingent| if c.cinc > 0.0 { c.arrived(day) / c.cinc * 100.0 } else { 100.0 };
        if let Some(c) = mif.coalition.iter().find(|c| c.state == e) {
            out.push(format!("forces sent ({:.0}% arrived)", arrived(c)));
        }
        if let Some(c) = mif.arms.iter().find(|c| c.state == e) {
            out.push(format!("arms sent ({:.0}% arrived)", arrived(c)));
        }
        if mif.aggressor_allies.iter().any(|(a, _)| *a == e) {
            out.push("fights for the aggressor".into());
        }
        if mif.sanctions_trace.iter().flat_map(|t| &t.leakers).any(|(l, _)| &**l == id) {
            out.push("trades around the sanctions".into());
        }
        if mif.sanctions.is_some()
            && let Some(s) = w.get::<Sanctioning>(e).and_then(|s| s.0).filter(|s| *s > 0.05)
        {
            out.push(format!("applies sanctions ({:.0}%)", s * 100.0));
        }
    }
    if w.get::<Aggressor>(e).is_some()
        && let Some(c) = w.try_query::<&Crisis>().and_then(|mut q| q.iter(w).next().cloned())
    {
        out.push(format!("holds {:.0}% of {}", c.control * 100.0, c.theatre));
    }
    out.join("; ")
}

pub fn rows(w: &World) -> Vec<Row> {
    let day = match (w.get_resource::<Level>(), w.get_resource::<Calendar>()) {
        (Some(l), Some(c)) => crate::sim::turn_days(&l.0, c.turn.min(l.0.turns.len() - 1)).0,
        _ => 0,
    };
    let Some(mut q) =
        w.try_query::<(Entity, &Nation, &Capability, &Interests, &Stance, Has<Member>, Has<Aggressor>, Has<Victim>, Has<Player>)>()
    else {
        return vec![];
    };
    let bodies: Vec<&Body> = w.try_query::<&Body>().map(|mut q| q.iter(w).collect()).unwrap_or_default();
    let blocs: Vec<&Bloc> = w.try_query::<&Bloc>().map(|mut q| q.iter(w).collect()).unwrap_or_default();
    q.iter(w)
        .map(|(e, n, c, i, s, member, agg, vic, player)| {
            let council = bodies.iter().find(|b| matches!(b.kind, BodyKind::SecurityCouncil | BodyKind::LeagueCouncil));
            let seat = match council {
                Some(b) if b.permanent.contains(&e) => "permanent",
                Some(b) if b.members.contains(&e) => "elected",
                _ => "",
            };
            let role = if agg {
                "aggressor"
            } else if vic {
                "victim"
            } else if player {
                "you"
            } else {
                ""
            };
            Row {
                ix: n.ix,
                name: String::from(&*n.name),
                role,
                power: c.cinc,
                member,
                seat,
                blocs: blocs.iter().filter(|b| b.members.contains(&e)).map(|b| b.name.clone()).collect::<Vec<_>>().join(", "),
                stance: *s,
                acts: acts(w, e, &n.id, day),
                km: i.km_theatre,
            }
        })
        .collect()
}

fn sort(rows: &mut [Row], col: Column, descending: bool) {
    rows.sort_by(|a, b| {
        let o = match col {
            Column::State => a.name.cmp(&b.name),
            Column::Power => a.power.total_cmp(&b.power),
            Column::Member => a.member.cmp(&b.member),
            Column::Seat => a.seat.cmp(b.seat),
            Column::Blocs => a.blocs.cmp(&b.blocs),
            Column::Stance => (a.stance as u8).cmp(&(b.stance as u8)),
            Column::Acts => a.acts.cmp(&b.acts),
            Column::Distance => a.km.total_cmp(&b.km),
        };
        if descending { o.reverse() } else { o }.then(a.name.cmp(&b.name))
    });
}

/// Whether the table of states is open.
pub fn shown(w: &World) -> bool {
    w.resource::<UiState>().table && w.contains_resource::<Level>()
}

pub fn table(ctx: &egui::Context, w: &World, tiles: &super::layout::Layout, actions: &mut Outbox) {
    if !shown(w) {
        return;
    }
    let ui_state = w.resource::<UiState>();
    let (col, desc) = ui_state.table_sort;
    let selected = w.get_resource::<MapView>().and_then(|v| v.selected);
    let mut rows = rows(w);
    sort(&mut rows, col, desc);
    let mut open = true;
    let window = egui::Window::new("States (F7)").default_size([640.0, 420.0]);
    let window = tiles.place(super::layout::Slot::Table, window, |w| w.default_pos([360.0, 80.0]));
    // Its columns scroll sideways in a narrow tile rather than run off the screen.
    window.hscroll(true).open(&mut open).show(ctx, |ui| {
        ui.label(RichText::new("Click a heading (or Tab to it and press Space) to sort; select a row to inspect the state.").weak());
        egui::ScrollArea::vertical().show(ui, |ui| {
            egui::Grid::new("states").striped(true).num_columns(COLUMNS.len()).show(ui, |ui| {
                for (c, name, hint) in COLUMNS {
                    let arrow = if c == col { if desc { " ⬇" } else { " ⬆" } } else { "" };
                    if ui.button(RichText::new(format!("{name}{arrow}")).strong()).on_hover_text(hint).clicked() {
                        actions.send(cmd::PanelCommand::TableSort(c, if c == col { !desc } else { matches!(c, Column::Power) }));
                    }
                }
                ui.end_row();
                for r in &rows {
                    let label = if r.role.is_empty() { r.name.clone() } else { format!("{} ({})", r.name, r.role) };
                    if ui.selectable_label(selected == Some(r.ix), label).clicked() {
                        actions.send(cmd::MapCommand::Select(Some(r.ix)));
                    }
                    ui.label(format!("{:.1}%", r.power * 100.0));
                    ui.label(if r.member { "✔ member" } else { "– outside" });
                    ui.label(r.seat);
                    ui.label(&r.blocs);
                    ui.label(stance_text(r.stance));
                    ui.label(&r.acts);
                    ui.label(format!("{:.0} km", r.km));
                    ui.end_row();
                }
            });
        });
    });
    if !open {
        actions.send(cmd::PanelCommand::Table);
    }
}
