//! Where the floating windows of a crisis go: tiled inside the map's area, between the side panels, so that
//! no window covers a panel or another window and none runs off the screen, at any window size. Windows that
//! fit side by side get columns, left to right in a fixed order; otherwise they share the area's height in
//! rows. A window smaller than its tile hugs the tile's outer edge and scrolls when its content is taller.

use bevy_egui::egui::{self, Align2, Pos2, Rect, Vec2};

/// The floating windows of the crisis screen, in the order their tiles run from left to right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The turn's own window: the votes, what happened, the report.
    Turn,
    Chamber,
    WhatIf,
    Table,
    /// A lesson's guiding question.
    Guiding,
    /// The map's legend and modes.
    Legend,
}

impl Slot {
    /// The width the window would like and the least it can do with (egui points).
    fn widths(self) -> (f32, f32) {
        match self {
            Slot::Turn => (460.0, 300.0),
            Slot::Chamber => (520.0, 340.0),
            Slot::WhatIf => (420.0, 300.0),
            Slot::Table => (760.0, 400.0),
            Slot::Guiding => (320.0, 240.0),
            Slot::Legend => (200.0, 190.0),
        }
    }
}

/// Space between tiles and around them.
pub const GAP: f32 = 8.0;
/// The legend's height with its arrows and rings folded (egui points).
const LEGEND_HEIGHT: f32 = 330.0;
/// The legend's row when windows share the height: its map modes, scrolling to the rest.
const LEGEND_ROW: f32 = 180.0;

/// The tiles of one frame. Empty outside the crisis screen: the windows keep their own places there.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    area: Option<Rect>,
    tiles: Vec<(Slot, Rect)>,
}

impl Layout {
    /// Tiles for the open windows inside `area`.
    pub fn tile(area: Rect, open: &[Slot]) -> Layout {
        let inner = area.shrink(GAP);
        let mut order = open.to_vec();
        order.sort_by_key(|s| *s as u8);
        order.dedup();
        let n = order.len() as f32;
        let least: f32 = order.iter().map(|s| s.widths().1).sum::<f32>() + GAP * (n - 1.0).max(0.0);
        let tiles = if order.is_empty() {
            vec![]
        } else if least <= inner.width() {
            columns(inner, &order, least)
        } else {
            rows(inner, &order)
        };
        Layout { area: Some(area), tiles }
    }

    /// The tile of a window, if the layout places it.
    pub fn rect(&self, slot: Slot) -> Option<Rect> {
        self.tiles.iter().find(|(s, _)| *s == slot).map(|(_, r)| *r)
    }

    /// Places a window in its tile; outside the crisis screen, `elsewhere` places it as before.
    pub fn place<'a>(
        &self,
        slot: Slot,
        w: egui::Window<'a>,
        elsewhere: impl FnOnce(egui::Window<'a>) -> egui::Window<'a>,
    ) -> egui::Window<'a> {
        let Some(r) = self.rect(slot) else { return elsewhere(w) };
        let at_right = self.area.is_some_and(|a| r.right() >= a.right() - GAP - 0.5);
        let (pivot, pos) = match (slot, at_right) {
            (Slot::Legend, _) => (Align2::RIGHT_BOTTOM, r.right_bottom()),
            (_, true) => (Align2::RIGHT_TOP, r.right_top()),
            _ => (Align2::LEFT_TOP, r.left_top()),
        };
        // The title bar and frame come on top of the content's size. The legend keeps its own height where
        // its tile has room for it, and scrolls only in a short tile.
        // The long windows scroll; the turn's window, a guiding question and the legend take their content's
        // height, and the legend scrolls too when its tile is short.
        let scroll = matches!(slot, Slot::Chamber | Slot::WhatIf | Slot::Table) || r.height() < LEGEND_HEIGHT;
        let w = w.pivot(pivot).fixed_pos(pos).max_size(r.size() - Vec2::new(16.0, 40.0)).constrain_to(r).vscroll(scroll);
        // As tall as its content up to the tile (the table keeps the size the player gives it).
        if slot == Slot::Table { w } else { w.resizable([true, false]) }
    }
}

/// Side by side: each window gets its least width and a share of what is left, up to the width it likes.
fn columns(inner: Rect, order: &[Slot], least: f32) -> Vec<(Slot, Rect)> {
    let mut spare = inner.width() - least;
    let mut widths: Vec<f32> = order.iter().map(|s| s.widths().1).collect();
    for (w, s) in widths.iter_mut().zip(order) {
        let more = (s.widths().0 - *w).min(spare);
        *w += more;
        spare -= more;
    }
    // What is still spare widens the windows other than the legend, which keeps to the right edge.
    let wide = order.iter().filter(|s| **s != Slot::Legend).count().max(1) as f32;
    for (w, s) in widths.iter_mut().zip(order) {
        if *s != Slot::Legend {
            *w += spare / wide;
        }
    }
    let mut x = inner.left();
    let last = order.len() - 1;
    order
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (s, w))| {
            if i == last {
                x = inner.right() - w;
            }
            let r = Rect::from_min_size(Pos2::new(x, inner.top()), Vec2::new(w, inner.height()));
            x += w + GAP;
            (*s, r)
        })
        .collect()
}

/// One above the other, each as wide as the area: the legend takes at most `LEGEND_ROW` (it scrolls), the
/// others share the rest of the height.
fn rows(inner: Rect, order: &[Slot]) -> Vec<(Slot, Rect)> {
    let n = order.len() as f32;
    let free = inner.height() - GAP * (n - 1.0);
    let legend = if order.contains(&Slot::Legend) && n > 1.0 { LEGEND_ROW.min(free / n) } else { 0.0 };
    let others = (order.len() - usize::from(legend > 0.0)) as f32;
    let h = (free - legend) / others.max(1.0);
    let mut y = inner.top();
    order
        .iter()
        .map(|s| {
            let height = if *s == Slot::Legend && legend > 0.0 { legend } else { h };
            let r = Rect::from_min_size(Pos2::new(inner.left(), y), Vec2::new(inner.width(), height));
            y += height + GAP;
            (*s, r)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn disjoint_and_inside(area: Rect, l: &Layout) {
        for (i, (a, ra)) in l.tiles.iter().enumerate() {
            assert!(area.contains_rect(*ra), "{a:?} {ra:?} leaves {area:?}");
            for (b, rb) in &l.tiles[i + 1..] {
                assert!(!ra.intersects(*rb), "{a:?} {ra:?} and {b:?} {rb:?} overlap");
            }
        }
    }

    #[test]
    fn windows_that_fit_side_by_side_get_columns_with_the_legend_at_the_right() {
        let area = Rect::from_min_max(Pos2::new(492.0, 28.0), Pos2::new(1280.0, 525.0));
        let l = Layout::tile(area, &[Slot::Legend, Slot::Chamber]);
        disjoint_and_inside(area, &l);
        let (c, g) = (l.rect(Slot::Chamber).unwrap(), l.rect(Slot::Legend).unwrap());
        assert!(c.right() < g.left(), "the chamber left of the legend");
        assert_eq!(g.right(), area.right() - GAP, "the legend keeps to the right edge");
        assert!(c.width() >= 340.0, "{c:?}");
    }

    #[test]
    fn windows_too_wide_to_sit_side_by_side_share_the_height() {
        let area = Rect::from_min_max(Pos2::new(492.0, 28.0), Pos2::new(980.0, 525.0));
        let l = Layout::tile(area, &[Slot::WhatIf, Slot::Legend, Slot::Table]);
        disjoint_and_inside(area, &l);
        let t = l.rect(Slot::Table).unwrap();
        assert_eq!(t.width(), area.width() - 2.0 * GAP, "each row as wide as the area");
    }

    #[test]
    fn no_open_window_means_no_tile() {
        let area = Rect::from_min_max(Pos2::ZERO, Pos2::new(800.0, 600.0));
        assert!(Layout::tile(area, &[]).tiles.is_empty());
        assert!(Layout::default().rect(Slot::Legend).is_none());
    }
}
