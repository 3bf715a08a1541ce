//! The world's shapes: the Equal Earth projection, point-in-polygon tests, and ear clipping for level regions.

use bevy::math::{Rect, Vec2};

pub use crate::geo::{MAP_SCALE, project};

/// A polygon with holes: points, and the end index of each ring.
#[derive(Clone, Debug, Default)]
pub struct Shape {
    pub points: Vec<Vec2>,
    pub ring_ends: Vec<usize>,
    pub bbox: Rect,
}

impl Shape {
    pub fn new(points: Vec<Vec2>, ring_ends: Vec<usize>) -> Self {
        let mut bbox = Rect::new(f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for p in &points {
            bbox.min = bbox.min.min(*p);
            bbox.max = bbox.max.max(*p);
        }
        Shape { points, ring_ends, bbox }
    }

    pub fn rings(&self) -> impl Iterator<Item = &[Vec2]> {
        let mut start = 0;
        self.ring_ends.iter().map(move |&end| {
            let r = &self.points[start..end];
            start = end;
            r
        })
    }

    /// Even-odd rule over all rings, so holes are outside.
    pub fn contains(&self, p: Vec2) -> bool {
        if !self.bbox.contains(p) {
            return false;
        }
        let mut inside = false;
        for ring in self.rings() {
            let n = ring.len();
            let mut j = n - 1;
            for i in 0..n {
                let (a, b) = (ring[i], ring[j]);
                if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
                    inside = !inside;
                }
                j = i;
            }
        }
        inside
    }
}

/// Triangulates a simple polygon (no holes) by ear clipping. Returns indices into `pts`.
pub fn ear_clip(pts: &[Vec2]) -> Vec<u32> {
    let n = pts.len();
    if n < 3 {
        return vec![];
    }
    let area: f32 = (0..n).map(|i| pts[i].perp_dot(pts[(i + 1) % n])).sum();
    let mut idx: Vec<usize> = if area > 0.0 { (0..n).collect() } else { (0..n).rev().collect() };
    let mut out = Vec::with_capacity((n - 2) * 3);
    let mut guard = 0;
    while idx.len() > 3 && guard < n * n {
        guard += 1;
        let m = idx.len();
        let mut clipped = false;
        for k in 0..m {
            let (a, b, c) = (idx[(k + m - 1) % m], idx[k], idx[(k + 1) % m]);
            let (pa, pb, pc) = (pts[a], pts[b], pts[c]);
            if (pb - pa).perp_dot(pc - pb) <= 0.0 {
                continue; // reflex corner
            }
            let inside = idx.iter().any(|&o| o != a && o != b && o != c && in_triangle(pts[o], pa, pb, pc));
            if inside {
                continue;
            }
            out.extend([a as u32, b as u32, c as u32]);
            idx.remove(k);
            clipped = true;
            break;
        }
        if !clipped {
            break;
        }
    }
    if idx.len() == 3 {
        out.extend(idx.iter().map(|&i| i as u32));
    }
    out
}

fn in_triangle(p: Vec2, a: Vec2, b: Vec2, c: Vec2) -> bool {
    let d1 = (b - a).perp_dot(p - a);
    let d2 = (c - b).perp_dot(p - b);
    let d3 = (a - c).perp_dot(p - c);
    d1 >= 0.0 && d2 >= 0.0 && d3 >= 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_projection_keeps_the_equator_flat_and_the_poles_narrow() {
        assert!(project(0.0, 0.0).length() < 1e-4);
        let eq = project(180.0, 0.0);
        let pole = project(180.0, 89.9);
        assert!(eq.y.abs() < 1e-3 && eq.x > 2.6 * MAP_SCALE);
        assert!(pole.x < eq.x * 0.6, "Equal Earth draws the poles as lines shorter than the equator");
    }

    #[test]
    fn ear_clipping_covers_a_concave_polygon_exactly() {
        let pts = [Vec2::new(0., 0.), Vec2::new(4., 0.), Vec2::new(4., 4.), Vec2::new(2., 1.), Vec2::new(0., 4.)];
        let tris = ear_clip(&pts);
        assert_eq!(tris.len(), 9);
        let area: f32 = tris
            .chunks(3)
            .map(|t| (pts[t[1] as usize] - pts[t[0] as usize]).perp_dot(pts[t[2] as usize] - pts[t[0] as usize]).abs() / 2.0)
            .sum();
        assert!((area - 10.0).abs() < 1e-4, "area {area}");
    }

    #[test]
    fn holes_are_outside_a_shape() {
        let outer = [Vec2::new(0., 0.), Vec2::new(10., 0.), Vec2::new(10., 10.), Vec2::new(0., 10.)];
        let hole = [Vec2::new(4., 4.), Vec2::new(6., 4.), Vec2::new(6., 6.), Vec2::new(4., 6.)];
        let s = Shape::new([outer, hole].concat(), vec![4, 8]);
        assert!(s.contains(Vec2::new(1., 1.)));
        assert!(!s.contains(Vec2::new(5., 5.)));
        assert!(!s.contains(Vec2::new(11., 5.)));
    }
}
