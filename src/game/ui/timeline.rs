//! The crisis over time, in the debrief: the aggressor's hold on the contested ground turn by turn, each
//! vote as a marker (a click opens it in the chamber), the measures in force as bands, and the player's
//! orders under their turn.

use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};

use crate::game::state::Session;
use crate::game::theme;
use crate::level::Measure;
use crate::sim::{Level, MeasuresInForce, RunLog};

use super::{Outbox, cmd};

/// Measures drawn as bands, from the turn they were adopted to the end.
const BANDS: [(&str, &[Measure], egui::Color32); 3] = [
    ("sanctions", &[Measure::Sanctions, Measure::OilSanctions], theme::ORANGE),
    ("force authorised", &[Measure::AuthoriseForce, Measure::UnifiedCommand], theme::BLUE),
    ("peacekeepers", &[Measure::Peacekeeping], theme::GREEN),
];

pub fn chart(ui: &mut egui::Ui, w: &World, actions: &mut Outbox) {
    let (Some(level), Some(log)) = (w.get_resource::<Level>(), w.get_resource::<RunLog>()) else { return };
    let turns = level.0.turns.len().max(1);
    ui.heading("The crisis, turn by turn");
    let width = ui.available_width().min(900.0);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 160.0), egui::Sense::hover());
    let p = ui.painter_at(rect);
    let area = egui::Rect::from_min_max(rect.min + egui::vec2(40.0, 6.0), egui::pos2(rect.max.x - 8.0, rect.min.y + 96.0));
    let frame = super::widgets::PlotFrame::new(&p, area, turns, &[0.0, 0.75, 1.0]);
    let (plot, x, y) = (frame.plot, |t| frame.x(t), |v| frame.y(v));
    // The line at which the aggressor prevails.
    p.line_segment(
        [egui::pos2(plot.left(), y(0.75)), egui::pos2(plot.right(), y(0.75))],
        egui::Stroke::new(1.0, theme::mix(theme::VERMILLION, theme::GREY, 0.5)),
    );
    hold_line(&p, log, &x, &y, 2.5);
    bands(&p, w, plot, &x);
    let text = ui.visuals().text_color();
    let session = w.get_resource::<Session>();
    for t in 0..turns {
        let label = level.0.turns[t].date.to_string();
        p.text(
            egui::pos2(x(t), plot.bottom() + 27.0),
            egui::Align2::CENTER_TOP,
            &label[..7.min(label.len())],
            egui::FontId::proportional(10.0),
            text,
        );
        let n = session.and_then(|s| s.orders.get(t)).map_or(0, Vec::len);
        if n > 0 {
            p.text(
                egui::pos2(x(t), plot.bottom() + 40.0),
                egui::Align2::CENTER_TOP,
                format!("{n} order{}", if n > 1 { "s" } else { "" }),
                egui::FontId::proportional(10.0),
                theme::GREY,
            );
        }
    }
    votes(ui, log, plot, &x, actions);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("— the aggressor's hold on the contested ground (it prevails at 75 %)").color(theme::VERMILLION));
        for (name, _, c) in BANDS {
            let (r, _) = ui.allocate_exact_size(egui::vec2(14.0, 5.0), egui::Sense::hover());
            ui.painter().rect_filled(r, 1.0, c);
            ui.label(name);
        }
        ui.label(RichText::new("votes: ✔ adopted · ✖ failed · V vetoed (click to open)").weak());
    });
}

/// The aggressor's hold turn by turn: a line of `width` with a dot on each turn.
fn hold_line(p: &egui::Painter, log: &RunLog, x: &dyn Fn(usize) -> f32, y: &dyn Fn(f32) -> f32, width: f32) {
    let line: Vec<egui::Pos2> = log.control.iter().enumerate().map(|(t, c)| egui::pos2(x(t), y(*c))).collect();
    if line.len() > 1 {
        p.add(egui::Shape::line(line.clone(), egui::Stroke::new(width, theme::VERMILLION)));
    }
    for pt in &line {
        p.circle_filled(*pt, width + 0.5, theme::VERMILLION);
    }
}

/// The measures in force as bands under the plot, from the turn they were adopted.
fn bands(p: &egui::Painter, w: &World, plot: egui::Rect, x: &dyn Fn(usize) -> f32) {
    let Some(mif) = w.get_resource::<MeasuresInForce>() else { return };
    for (k, (_, measures, c)) in BANDS.iter().enumerate() {
        if let Some(t) = mif.adopted.iter().filter(|a| measures.contains(&a.1)).map(|a| a.2).min() {
            let top = plot.bottom() + 4.0 + 7.0 * k as f32;
            let r = egui::Rect::from_min_max(egui::pos2(x(t) - 6.0, top), egui::pos2(plot.right(), top + 5.0));
            p.rect_filled(r, 1.0, *c);
        }
    }
}

/// Each vote as a clickable marker above its turn.
fn votes(ui: &mut egui::Ui, log: &RunLog, plot: egui::Rect, x: &dyn Fn(usize) -> f32, actions: &mut Outbox) {
    let mut per_turn = std::collections::BTreeMap::<usize, usize>::new();
    for (i, v) in log.votes.iter().enumerate() {
        let t = v.turn.saturating_sub(1);
        let k = per_turn.entry(t).or_default();
        let pos = egui::pos2(x(t) - 8.0 + 9.0 * *k as f32, plot.top() + 8.0);
        *k += 1;
        let (mark, c) = if v.adopted {
            ("✔", theme::BLUE)
        } else if !v.vetoed_by.is_empty() {
            ("V", theme::VERMILLION)
        } else {
            ("✖", theme::ORANGE)
        };
        let r = egui::Rect::from_center_size(pos, egui::vec2(10.0, 12.0));
        let resp = ui.interact(r, ui.id().with(("vote", i)), egui::Sense::click());
        ui.painter().text(pos, egui::Align2::CENTER_CENTER, mark, egui::FontId::proportional(12.0), c);
        let tip = format!(
            "{} — {}: {}",
            crate::sim::text::body_name(v.body),
            crate::sim::text::measure_name(v.motion),
            if v.adopted { "adopted" } else { "not adopted" }
        );
        if resp.on_hover_text(tip).clicked() {
            actions.send(cmd::PanelCommand::Chamber(Some(i)));
        }
    }
}

/// The same crisis as a strip along the bottom of the map while it is played: the aggressor's hold turn by
/// turn, each vote as a marker that opens it in the chamber, the measures in force as bands, and the turn
/// now being played.
pub fn strip(root: &mut egui::Ui, w: &World, actions: &mut Outbox) {
    let (Some(level), Some(log)) = (w.get_resource::<Level>(), w.get_resource::<RunLog>()) else { return };
    let turns = level.0.turns.len().max(1);
    let now = w.get_resource::<crate::sim::Calendar>().map_or(0, |c| c.turn);
    egui::Panel::bottom("timeline").resizable(false).exact_size(74.0).show(root, |ui| {
        let width = ui.available_width();
        let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 68.0), egui::Sense::hover());
        let p = ui.painter_at(rect);
        let area = egui::Rect::from_min_max(rect.min + egui::vec2(40.0, 4.0), egui::pos2(rect.max.x - 8.0, rect.min.y + 30.0));
        let frame = super::widgets::PlotFrame::new(&p, area, turns, &[0.75]);
        let (plot, x, y) = (frame.plot, |t| frame.x(t), |v| frame.y(v));
        let played = egui::Rect::from_min_max(egui::pos2(x(now) - plot.width() / turns as f32 / 2.0, plot.top()), egui::pos2(x(now) + plot.width() / turns as f32 / 2.0, plot.bottom()));
        p.rect_filled(played, 0.0, theme::GREY.gamma_multiply(0.25));
        hold_line(&p, log, &x, &y, 2.0);
        bands(&p, w, plot, &x);
        for t in 0..turns {
            let label = level.0.turns[t].date.to_string();
            // Under the bands of the measures in force.
            p.text(egui::pos2(x(t), plot.bottom() + 4.0 + 7.0 * BANDS.len() as f32), egui::Align2::CENTER_TOP, &label[..7.min(label.len())], egui::FontId::proportional(10.0), ui.visuals().weak_text_color());
        }
        votes(ui, log, plot, &x, actions);
        ui.interact(plot, ui.id().with("strip"), egui::Sense::hover())
            .on_hover_text("The aggressor's hold turn by turn (it prevails at 75 %), the votes (click one to open it), and the measures in force: sanctions, force authorised, peacekeepers.");
    });
}
