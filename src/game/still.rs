//! A still screen is not drawn again. When egui's output, the map and the window are the same as on the
//! frame before, the screen's camera keeps last frame's picture (no clear, no map quad, no egui meshes)
//! and only presents it; anything that changes redraws everything for a few frames. On a software
//! renderer this is the difference between a reading player's screen costing a full repaint per frame
//! and costing a copy.

use std::hash::{Hash, Hasher};

use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::{EguiPostUpdateSet, EguiRenderOutput, egui};

use super::theme;

pub fn plugin(app: &mut App) {
    app.init_resource::<Still>().add_systems(
        PostUpdate,
        // Before visibility is worked out, so that hiding the map's quad takes effect this frame.
        keep_still.after(EguiPostUpdateSet::ProcessOutput).after(super::map::MapSystems).before(bevy::camera::visibility::VisibilitySystems::VisibilityPropagate),
    );
    app.configure_sets(PostUpdate, super::map::MapSystems.before(bevy::camera::visibility::VisibilitySystems::VisibilityPropagate));
}

/// The camera that draws the window: the map's image and egui.
#[derive(Component)]
pub struct ScreenCamera;

/// What the last frame drew, and how many more frames to draw in full.
#[derive(Resource, Default)]
pub struct Still {
    last: u64,
    size: UVec2,
    /// Frames still to draw in full after the last change (the render world runs a frame behind).
    redraw: u32,
    /// Frames kept as they were, for the benchmark's report.
    pub kept: u64,
    pub drawn: u64,
}

/// Frames drawn in full after any change.
const REDRAW_FRAMES: u32 = 3;

/// A fingerprint of everything egui will paint; `None` when a paint callback makes it unknowable.
fn fingerprint(jobs: &[egui::ClippedPrimitive]) -> Option<u64> {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for job in jobs {
        let r = job.clip_rect;
        [r.min.x, r.min.y, r.max.x, r.max.y].map(f32::to_bits).hash(&mut h);
        match &job.primitive {
            egui::epaint::Primitive::Mesh(m) => {
                m.texture_id.hash(&mut h);
                m.indices.hash(&mut h);
                for v in &m.vertices {
                    [v.pos.x, v.pos.y, v.uv.x, v.uv.y].map(f32::to_bits).hash(&mut h);
                    v.color.to_array().hash(&mut h);
                }
            }
            // A paint callback draws what it likes: never keep a frame that has one.
            egui::epaint::Primitive::Callback(_) => return None,
        }
    }
    Some(h.finish())
}

fn keep_still(
    mut still: ResMut<Still>,
    window: Single<&Window, With<PrimaryWindow>>,
    screen: Single<(&mut Camera, &mut EguiRenderOutput), With<ScreenCamera>>,
    mut sprite: Single<&mut Visibility, With<super::map::MapSprite>>,
    map: Res<super::map::MapFrame>,
) {
    let (mut cam, mut out) = screen.into_inner();
    let size = window.physical_size();
    let print = fingerprint(&out.paint_jobs);
    let textures = !out.textures_delta.set.is_empty() || !out.textures_delta.free.is_empty();
    let changed = print.is_none_or(|p| p != still.last) || textures || map.drawing || size != still.size;
    still.last = print.unwrap_or(0);
    still.size = size;
    if changed {
        still.redraw = REDRAW_FRAMES;
    }
    let draw = still.redraw > 0;
    if draw {
        still.redraw -= 1;
        still.drawn += 1;
    } else {
        still.kept += 1;
        // Keep last frame's picture: nothing of egui's is drawn over it.
        out.paint_jobs.clear();
    }
    // Clear and draw in full, or load last frame's picture and draw nothing over it.
    let clear = if draw { ClearColorConfig::Custom(Color::srgb(theme::SEA[0], theme::SEA[1], theme::SEA[2])) } else { ClearColorConfig::None };
    if std::mem::discriminant(&cam.clear_color) != std::mem::discriminant(&clear) {
        cam.clear_color = clear;
    }
    // This system alone shows or hides the map's quad: where the map shows, and only on frames drawn.
    let vis = if draw && map.shown { Visibility::Inherited } else { Visibility::Hidden };
    if **sprite != vis {
        **sprite = vis;
    }
}
