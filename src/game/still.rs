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

/// A fast fingerprint of everything egui will paint.
fn fingerprint(jobs: &[egui::ClippedPrimitive]) -> Option<u64> {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut acc: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |x: u64| acc = (acc ^ x).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(5);
    for job in jobs {
        let r = job.clip_rect;
        mix(((r.min.x.to_bits() as u64) << 32) | r.min.y.to_bits() as u64);
        mix(((r.max.x.to_bits() as u64) << 32) | r.max.y.to_bits() as u64);
        match &job.primitive {
            egui::epaint::Primitive::Mesh(m) => {
                m.texture_id.hash(&mut h);
                mix(m.indices.len() as u64);
                for pair in m.indices.chunks(2) {
                    mix(((pair[0] as u64) << 32) | pair.get(1).copied().unwrap_or(0) as u64);
                }
                for v in &m.vertices {
                    mix(((v.pos.x.to_bits() as u64) << 32) | v.pos.y.to_bits() as u64);
                    mix(((v.uv.x.to_bits() as u64) << 32) | v.uv.y.to_bits() as u64);
                    mix(u32::from_le_bytes(v.color.to_array()) as u64);
                }
            }
            // A paint callback draws what it likes: never keep a frame that has one.
            egui::epaint::Primitive::Callback(_) => return None,
        }
    }
    Some(acc ^ h.finish())
}

#[allow(clippy::type_complexity)]
fn keep_still(
    mut still: ResMut<Still>,
    window: Single<&Window, With<PrimaryWindow>>,
    screen: Single<(&mut Camera, &mut EguiRenderOutput), With<ScreenCamera>>,
    mut sprite: Query<&mut Visibility, With<super::map::MapSprite>>,
    map_awake: Res<super::map::MapAwake>,
) {
    let (mut cam, mut out) = screen.into_inner();
    let size = window.physical_size();
    let print = fingerprint(&out.paint_jobs);
    let textures = !out.textures_delta.set.is_empty() || !out.textures_delta.free.is_empty();
    let changed = print.is_none_or(|p| p != still.last) || textures || map_awake.0 || size != still.size;
    still.last = print.unwrap_or(0);
    still.size = size;
    if changed {
        still.redraw = REDRAW_FRAMES;
    }
    let sea = ClearColorConfig::Custom(Color::srgb(theme::SEA[0], theme::SEA[1], theme::SEA[2]));
    if still.redraw > 0 {
        still.redraw -= 1;
        still.drawn += 1;
        if !matches!(cam.clear_color, ClearColorConfig::Custom(_)) {
            cam.clear_color = sea;
        }
    } else {
        // Keep last frame's picture: load instead of clear, and draw nothing over it.
        still.kept += 1;
        if !matches!(cam.clear_color, ClearColorConfig::None) {
            cam.clear_color = ClearColorConfig::None;
        }
        out.paint_jobs.clear();
        for mut v in &mut sprite {
            if *v != Visibility::Hidden {
                *v = Visibility::Hidden;
            }
        }
    }
}
