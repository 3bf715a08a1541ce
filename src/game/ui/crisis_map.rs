//! The crisis drawn on the map, from the simulation's own state: arrows from the states that send forces to
//! the theatre, sized by force (solid once arrived, faint while on their way), thinner arrows for arms, the
//! aggressor's friends in its colour; rings round the states that apply sanctions, dashed round those that
//! leak; a gauge of the aggressor's hold round the front; and the peacekeepers' badge where they deploy.
//! Each element says what it is when the pointer rests on it.

use bevy::prelude::*;
use bevy_egui::egui::{self, Color32, Pos2, Stroke};

use crate::game::theme;
use crate::level::{LevelDef, StateIx};
use crate::sim::{Crisis, MeasuresInForce, Nation, Sanctioning};

/// Something drawn on the map that answers the pointer: where it is, and what it says.
pub struct Mark {
    pub hit: Hit,
    pub text: String,
    /// The state a click on it opens in the inspector.
    pub state: Option<StateIx>,
}

pub enum Hit {
    Segment(Pos2, Pos2),
    Ring(Pos2, f32),
}

impl Hit {
    /// Distance from the pointer to the drawn element, in points.
    fn distance(&self, p: Pos2) -> f32 {
        match *self {
            Hit::Segment(a, b) => {
                let ab = b - a;
                let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
                (a + ab * t - p).length()
            }
            Hit::Ring(c, r) => ((p - c).length() - r).abs(),
        }
    }
}

/// The mark under the pointer, if any is within a few points.
pub fn hovered(marks: &[Mark], pointer: Pos2) -> Option<&Mark> {
    marks.iter().map(|m| (m.hit.distance(pointer), m)).filter(|(d, _)| *d < 6.0).min_by(|a, b| a.0.total_cmp(&b.0)).map(|(_, m)| m)
}

/// Where a state's capital and the theatre are on screen.
pub struct Places<'a> {
    pub capital: &'a dyn Fn(StateIx) -> Option<Pos2>,
    pub front: Option<Pos2>,
}

/// Draws the crisis layer and returns its marks, for the tooltip.
pub fn draw(painter: &egui::Painter, w: &World, l: &LevelDef, at: &Places, day: i32) -> Vec<Mark> {
    let mut marks = Vec::new();
    let Some(mif) = w.get_resource::<MeasuresInForce>() else { return marks };
    let ix_of = |e: Entity| w.get::<Nation>(e).map(|n| n.ix);
    sanctions(painter, w, l, at, mif, &mut marks);
    if let Some(front) = at.front {
        let biggest = mif.coalition.iter().chain(&mif.arms).map(|c| c.cinc).fold(1e-6, f32::max);
        for (c, arms) in mif.coalition.iter().map(|c| (c, false)).chain(mif.arms.iter().map(|c| (c, true))) {
            let Some(ix) = ix_of(c.state) else { continue };
            let Some(from) = (at.capital)(ix) else { continue };
            let arrived = if c.cinc > 0.0 { c.arrived(day) / c.cinc } else { 1.0 };
            let width = if arms { 1.5 } else { 2.0 + 6.0 * (c.cinc / biggest).sqrt() };
            let colour = if arms { theme::GREEN } else { theme::BLUE };
            arrow(painter, from, front, width, colour.gamma_multiply(0.35 + 0.65 * arrived));
            let name = &l.states[ix].name;
            let what = if arms { "arms and aid for the victim" } else { "forces sent to the theatre" };
            marks.push(Mark {
                hit: Hit::Segment(from, front),
                text: format!("{name}: {what}, {:.1} thousandths of world power, {:.0}% arrived", c.cinc * 1000.0, arrived * 100.0),
                state: Some(ix),
            });
        }
        for (e, cinc) in &mif.aggressor_allies {
            let Some(ix) = ix_of(*e) else { continue };
            let Some(from) = (at.capital)(ix) else { continue };
            arrow(painter, from, front, 2.0 + 6.0 * (cinc / biggest).sqrt().min(1.0), theme::VERMILLION);
            let name = &l.states[ix].name;
            marks.push(Mark {
                hit: Hit::Segment(from, front),
                text: format!("{name}: forces sent to fight on the aggressor's side"),
                state: Some(ix),
            });
        }
        front_gauge(painter, w, l, front, mif, &mut marks);
    }
    marks
}

/// Points on an arc round `c` of radius `r`, from the top clockwise over `share` of the circle.
fn arc(c: Pos2, r: f32, share: f32, steps: usize) -> Vec<Pos2> {
    (0..=steps)
        .map(|k| {
            let a = -std::f32::consts::FRAC_PI_2 + std::f32::consts::TAU * share * k as f32 / steps as f32;
            c + egui::vec2(a.cos(), a.sin()) * r
        })
        .collect()
}

/// An arrow from `from` to just short of `to`.
fn arrow(painter: &egui::Painter, from: Pos2, to: Pos2, width: f32, colour: Color32) {
    let v = to - from;
    let len = v.length();
    if len < 20.0 {
        return;
    }
    let dir = v / len;
    let tip = to - dir * 14.0;
    let head = (4.0 + width * 1.5).min(len / 3.0);
    let side = egui::vec2(-dir.y, dir.x) * head * 0.6;
    painter.line_segment([from, tip - dir * head * 0.8], Stroke::new(width, colour));
    painter.add(egui::Shape::convex_polygon(vec![tip, tip - dir * head + side, tip - dir * head - side], colour, Stroke::NONE));
}

/// Rings round those applying sanctions (thicker the more they comply) and dashed rings round the leaks.
fn sanctions(painter: &egui::Painter, w: &World, l: &LevelDef, at: &Places, mif: &MeasuresInForce, marks: &mut Vec<Mark>) {
    if mif.sanctions.is_none() {
        return;
    }
    let Some(mut q) = w.try_query::<(&Nation, &Sanctioning)>() else { return };
    for (n, s) in q.iter(w).filter_map(|(n, s)| s.0.filter(|c| *c > 0.05).map(|c| (n, c))) {
        let Some(p) = (at.capital)(n.ix) else { continue };
        painter.circle_stroke(p, 7.0, Stroke::new(1.0 + 2.5 * s, theme::GREEN));
        marks.push(Mark {
            hit: Hit::Ring(p, 7.0),
            text: format!("{}: applies the sanctions ({:.0}% compliance)", n.name, s * 100.0),
            state: Some(n.ix),
        });
    }
    for (id, _) in mif.sanctions_trace.iter().flat_map(|t| &t.leakers) {
        let Some(ix) = l.state_ix(id) else { continue };
        let Some(p) = (at.capital)(ix) else { continue };
        painter.extend(egui::Shape::dashed_line(&arc(p, 8.0, 1.0, 24), Stroke::new(2.0, theme::ORANGE), 3.0, 3.0));
        marks.push(Mark {
            hit: Hit::Ring(p, 8.0),
            text: format!("{}: outside the sanctions, trades around them", l.states[ix].name),
            state: Some(ix),
        });
    }
}

/// The aggressor's hold as an arc round the front, and the peacekeepers' badge when they are there.
fn front_gauge(painter: &egui::Painter, w: &World, l: &LevelDef, front: Pos2, mif: &MeasuresInForce, marks: &mut Vec<Mark>) {
    let Some(c) = w.try_query::<&Crisis>().and_then(|mut q| q.iter(w).next().cloned()) else { return };
    let r = 11.0;
    painter.circle_stroke(front, r, Stroke::new(4.0, Color32::from_white_alpha(200)));
    let n = (48.0 * c.control).ceil() as usize;
    if n > 0 {
        painter.add(egui::Shape::line(arc(front, r, c.control, n), Stroke::new(4.0, theme::VERMILLION)));
    }
    marks.push(Mark {
        hit: Hit::Ring(front, r),
        text: format!("The aggressor holds {:.0}% of {}", c.control * 100.0, c.theatre),
        state: Some(l.crisis.aggressor),
    });
    if mif.peacekeepers {
        let badge = egui::Rect::from_center_size(front + egui::vec2(0.0, -24.0), egui::vec2(26.0, 15.0));
        painter.rect_filled(badge, 3.0, theme::SKY);
        painter.text(badge.center(), egui::Align2::CENTER_CENTER, "UN", egui::FontId::proportional(11.0), Color32::WHITE);
        marks.push(Mark {
            hit: Hit::Ring(badge.center(), 8.0),
            text: "A UN peacekeeping force, deployed with the host state's consent, stands between the armies".into(),
            state: None,
        });
    }
}

/// What the arrows and rings mean, each beside its symbol.
pub fn legend(ui: &mut egui::Ui) {
    let rows: [(u8, Color32, &str); 7] = [
        (0, theme::BLUE, "forces sent to the theatre (faint: on their way)"),
        (0, theme::GREEN, "arms and aid sent to the victim"),
        (0, theme::VERMILLION, "forces fighting on the aggressor's side"),
        (1, theme::GREEN, "applies the sanctions (thicker: complies more)"),
        (2, theme::ORANGE, "outside the sanctions, trades around them"),
        (3, theme::VERMILLION, "the aggressor's hold on the contested ground"),
        (4, theme::VERMILLION, "ground the aggressor holds (hatched) and the front line"),
    ];
    for (kind, colour, text) in rows {
        ui.horizontal(|ui| {
            let (r, _) = ui.allocate_exact_size(egui::vec2(18.0, 14.0), egui::Sense::hover());
            let p = ui.painter();
            match kind {
                0 => arrow(p, r.left_center(), r.right_center() + egui::vec2(14.0, 0.0), 2.0, colour),
                1 => {
                    p.circle_stroke(r.center(), 5.0, Stroke::new(2.0, colour));
                }
                2 => p.extend(egui::Shape::dashed_line(&arc(r.center(), 5.0, 1.0, 12), Stroke::new(2.0, colour), 2.0, 2.0)),
                4 => {
                    for k in 0..3 {
                        let x = r.left() + 2.0 + 4.0 * k as f32;
                        p.line_segment([egui::pos2(x, r.bottom()), egui::pos2(x + 6.0, r.top())], Stroke::new(1.0, colour));
                    }
                    p.line_segment(
                        [egui::pos2(r.left() + 13.0, r.bottom()), egui::pos2(r.left() + 13.0, r.top())],
                        Stroke::new(2.5, colour),
                    );
                }
                _ => {
                    p.circle_stroke(r.center(), 5.0, Stroke::new(2.5, Color32::from_white_alpha(200)));
                    p.add(egui::Shape::line(arc(r.center(), 5.0, 0.5, 8), Stroke::new(2.5, colour)));
                }
            }
            ui.label(text);
        });
    }
}
