//! The aggressor's hold drawn on the contested ground: hatching over the share it holds, advancing from the
//! side where its own land is nearest, and the front line where the hatching stops. The line eases to its new
//! place when a turn ends.

use bevy::prelude::*;
use bevy_egui::egui::{self, Pos2, Stroke};

use crate::game::map::{RegionShape, WorldMap};
use crate::game::theme;
use crate::level::LevelDef;

/// Space between hatching lines, in points.
const SPACING: f32 = 7.0;
/// Most hatching lines drawn in a frame (a 1920-point diagonal at `SPACING` needs about 390).
const MAX_LINES: usize = 600;
/// Seconds the front line takes to move to its new place after a turn.
const EASE_S: f32 = 0.8;

/// The contested ground's outline rings, in map coordinates: the level's theatre regions where it has them,
/// else the modern countries its victim holds.
pub fn theatre_rings(w: &World, l: &LevelDef) -> Vec<Vec<Vec2>> {
    let mut rings = Vec::new();
    if let Some(mut q) = w.try_query::<&RegionShape>() {
        for r in q.iter(w).filter(|r| l.map.regions.get(r.index).is_some_and(|d| d.theatre)) {
            split(&r.shape, &mut rings);
        }
    }
    if rings.is_empty()
        && let Some(map) = w.get_resource::<WorldMap>()
    {
        for c in map.countries.iter().filter(|c| c.holder == Some(l.crisis.victim)) {
            c.shapes.iter().for_each(|s| split(s, &mut rings));
        }
    }
    rings
}

/// Where the aggressor's advance starts: the point of its own land nearest the contested ground's middle (its
/// border with the victim, or the coast it comes from), in map coordinates; `None` if it holds no land drawn.
pub fn advance_origin(w: &World, l: &LevelDef, rings: &[Vec<Vec2>]) -> Option<Vec2> {
    let points: Vec<Vec2> = rings.iter().flatten().copied().collect();
    if points.is_empty() {
        return None;
    }
    let middle = points.iter().copied().sum::<Vec2>() / points.len() as f32;
    let own = Some(l.crisis.aggressor);
    let mut shapes: Vec<&crate::game::map::geometry::Shape> = Vec::new();
    if let Some(map) = w.get_resource::<WorldMap>() {
        shapes.extend(map.countries.iter().filter(|c| c.holder == own).flat_map(|c| &c.shapes));
    }
    if let Some(mut q) = w.try_query::<&RegionShape>() {
        shapes.extend(q.iter(w).filter(|r| l.map.regions.get(r.index).map(|d| d.held_by) == own).map(|r| &r.shape));
    }
    shapes.iter().flat_map(|s| s.points.iter().copied()).min_by(|a, b| a.distance_squared(middle).total_cmp(&b.distance_squared(middle)))
}

fn split(shape: &crate::game::map::geometry::Shape, rings: &mut Vec<Vec<Vec2>>) {
    let mut start = 0;
    for &end in &shape.ring_ends {
        rings.push(shape.points[start..end].to_vec());
        start = end;
    }
}

/// Hatches the share `control` of the rings nearest `from` (where the aggressor's advance starts) and draws the
/// front line across them; `id` keeps the eased share between frames. Returns the front line's pieces.
pub fn draw(painter: &egui::Painter, rings: &[Vec<Pos2>], from: Pos2, control: f32, id: egui::Id) -> Vec<(Pos2, Pos2)> {
    let points: Vec<Pos2> = rings.iter().flatten().copied().collect();
    if points.len() < 3 {
        return Vec::new();
    }
    let shown = painter.ctx().animate_value_with_time(id, control, EASE_S);
    let centre = points.iter().fold(egui::Vec2::ZERO, |a, p| a + p.to_vec2()) / points.len() as f32;
    let axis = (centre.to_pos2() - from).normalized();
    let axis = if axis.is_finite() && axis.length() > 0.5 { axis } else { egui::vec2(1.0, 0.0) };
    let along = |p: Pos2| p.to_vec2().dot(axis);
    let (lo, hi) = points.iter().fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(along(*p)), b.max(along(*p))));
    if shown <= 0.002 || hi - lo < 1.0 {
        return Vec::new();
    }
    let front = lo + shown * (hi - lo);
    let colour = theme::VERMILLION.gamma_multiply(0.7);
    // Lines at 45° to the screen, each cut to the inside of the rings and to the held side of the front.
    let normal = egui::vec2(1.0, 1.0).normalized();
    let k = |p: Pos2| p.to_vec2().dot(normal);
    let (k0, k1) = points.iter().fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(k(*p)), b.max(k(*p))));
    // Only the lines that cross the visible part of the map, whatever the zoom: at most `MAX_LINES` of them.
    let view = painter.clip_rect();
    let corners = [view.left_top(), view.right_top(), view.left_bottom(), view.right_bottom()];
    let (v0, v1) = corners.iter().fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(k(*p)), b.max(k(*p))));
    let (k0, k1) = (((k0.max(v0) / SPACING).floor()) * SPACING, k1.min(v1));
    let lines = (((k1 - k0) / SPACING).max(0.0) as usize).min(MAX_LINES);
    for i in 1..=lines {
        let k = k0 + i as f32 * SPACING;
        for (a, b) in inside(rings, normal, k) {
            if let Some((a, b)) = clip(a, b, |p| front - along(p)) {
                painter.line_segment([a, b], Stroke::new(1.0, colour));
            }
        }
    }
    let line = inside(rings, axis, front);
    for (a, b) in &line {
        painter.line_segment([*a, *b], Stroke::new(2.5, theme::VERMILLION));
    }
    line
}

/// The pieces of the line `p · n = k` inside the rings (even-odd rule).
fn inside(rings: &[Vec<Pos2>], n: egui::Vec2, k: f32) -> Vec<(Pos2, Pos2)> {
    let dir = egui::vec2(-n.y, n.x);
    let mut hits: Vec<f32> = Vec::new();
    for ring in rings {
        for (i, &a) in ring.iter().enumerate() {
            let b = ring[(i + 1) % ring.len()];
            let (da, db) = (a.to_vec2().dot(n) - k, b.to_vec2().dot(n) - k);
            if (da < 0.0) != (db < 0.0) {
                let p = a + (b - a) * (da / (da - db));
                hits.push(p.to_vec2().dot(dir));
            }
        }
    }
    hits.sort_by(f32::total_cmp);
    let at = |t: f32| (n * k + dir * t).to_pos2();
    hits.chunks_exact(2).map(|c| (at(c[0]), at(c[1]))).collect()
}

/// The part of the segment where `side` is at least 0 (`side` is linear along the segment).
fn clip(a: Pos2, b: Pos2, side: impl Fn(Pos2) -> f32) -> Option<(Pos2, Pos2)> {
    let (sa, sb) = (side(a), side(b));
    match (sa >= 0.0, sb >= 0.0) {
        (true, true) => Some((a, b)),
        (false, false) => None,
        (true, false) => Some((a, a + (b - a) * (sa / (sa - sb)))),
        (false, true) => Some((a + (b - a) * (sa / (sa - sb)), b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square() -> Vec<Vec<Pos2>> {
        vec![vec![egui::pos2(0.0, 0.0), egui::pos2(100.0, 0.0), egui::pos2(100.0, 100.0), egui::pos2(0.0, 100.0)]]
    }

    #[test]
    fn a_line_across_a_square_is_cut_at_its_sides() {
        let pieces = inside(&square(), egui::vec2(0.0, 1.0), 50.0);
        assert_eq!(pieces.len(), 1);
        let (a, b) = pieces[0];
        assert!((a.x - b.x).abs() > 99.0 && (a.y - 50.0).abs() < 1e-3, "{a:?} {b:?}");
    }

    #[test]
    fn half_the_ground_held_puts_the_front_line_across_the_middle_from_the_aggressors_side() {
        let ctx = egui::Context::default();
        let mut line = Vec::new();
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            line = draw(ui.painter(), &square(), egui::pos2(-200.0, 50.0), 0.5, egui::Id::new("t"));
        });
        out.textures_delta.clear();
        assert_eq!(line.len(), 1);
        assert!(line.iter().all(|(a, b)| (a.x - 50.0).abs() < 1e-3 && (b.x - 50.0).abs() < 1e-3), "{line:?}");
    }

    #[test]
    fn a_segment_is_clipped_to_the_held_side_of_the_front() {
        let (a, b) = clip(egui::pos2(0.0, 0.0), egui::pos2(100.0, 0.0), |p| 30.0 - p.x).unwrap();
        assert!(a.x == 0.0 && (b.x - 30.0).abs() < 1e-3, "{a:?} {b:?}");
        assert!(clip(egui::pos2(40.0, 0.0), egui::pos2(100.0, 0.0), |p| 30.0 - p.x).is_none());
    }
}
