//! Small shared widgets: factor bars, ballot marks, outcome names.

pub use crate::sim::text::{body_name, measure_name, outcome_text};
use bevy_egui::egui::{self, Color32, RichText, Sense, Ui, vec2};

use crate::game::theme;
use crate::sim::{Ballot, ExplainedFactor, Factor};

/// A bar per factor: blue to the right for what pushed towards the decision, orange to the left against.
pub fn factor_bars(ui: &mut Ui, factors: &[ExplainedFactor]) {
    let max = factors.iter().map(|f| f.weight.abs()).fold(0.0f32, f32::max).max(1e-6);
    for f in factors {
        bar(ui, f.label, f.weight, max);
    }
}

/// The same for raw factors of one decision, ranked.
pub fn decision_bars(ui: &mut Ui, factors: &[Factor]) {
    let mut v: Vec<&Factor> = factors.iter().filter(|f| f.weight.abs() > 1e-3).collect();
    v.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
    let max = v.iter().map(|f| f.weight.abs()).fold(0.0f32, f32::max).max(1e-6);
    for f in v {
        bar(ui, f.id.label(), f.weight, max);
    }
}

fn bar(ui: &mut Ui, label: &str, weight: f32, max: f32) {
    ui.horizontal(|ui| {
        let width = 120.0;
        let (rect, resp) = ui.allocate_exact_size(vec2(width, 14.0), Sense::hover());
        let mid = rect.center().x;
        let len = weight.abs() / max * (width / 2.0 - 2.0);
        let (x0, x1, color) = if weight >= 0.0 { (mid, mid + len, theme::BLUE) } else { (mid - len, mid, theme::ORANGE) };
        let p = ui.painter();
        p.rect_filled(egui::Rect::from_min_max(egui::pos2(x0, rect.top() + 2.0), egui::pos2(x1, rect.bottom() - 2.0)), 2.0, color);
        p.line_segment([egui::pos2(mid, rect.top()), egui::pos2(mid, rect.bottom())], (1.0, Color32::GRAY));
        resp.on_hover_text(format!("{weight:+.3}: weight of this factor in the decision (positive pushes towards it)"));
        ui.label(RichText::new(format!("{weight:+.2}")).monospace());
        ui.label(label);
    });
}

/// A ballot as a coloured symbol, readable without colour too.
pub fn ballot_mark(b: Ballot) -> (&'static str, Color32) {
    match b {
        Ballot::Yes => ("✔ yes", theme::BLUE),
        Ballot::No => ("✖ no", theme::VERMILLION),
        Ballot::Abstain => ("– abstain", theme::ORANGE),
        Ballot::Absent => ("○ absent", theme::GREY),
    }
}

/// A chart's plotting area: `n` evenly spaced columns and a 0–1 scale, framed, with the scale's ticks labelled.
pub struct PlotFrame {
    pub plot: egui::Rect,
    n: usize,
}

impl PlotFrame {
    pub fn new(p: &egui::Painter, plot: egui::Rect, n: usize, ticks: &[f32]) -> Self {
        let f = PlotFrame { plot, n: n.max(1) };
        p.rect_stroke(plot, 0.0, egui::Stroke::new(1.0, theme::GREY), egui::StrokeKind::Inside);
        for &v in ticks {
            let at = egui::pos2(plot.left() - 4.0, f.y(v));
            p.text(at, egui::Align2::RIGHT_CENTER, format!("{:.0}%", v * 100.0), egui::FontId::proportional(10.0), theme::GREY);
        }
        f
    }
    /// The centre of column `i`.
    pub fn x(&self, i: usize) -> f32 {
        self.plot.left() + self.plot.width() * (i as f32 + 0.5) / self.n as f32
    }
    /// The height of a value on the 0–1 scale.
    pub fn y(&self, v: f32) -> f32 {
        self.plot.bottom() - self.plot.height() * v.clamp(0.0, 1.0)
    }
}
