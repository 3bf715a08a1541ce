//! Only what changed is drawn again. Each frame, egui's paint jobs are compared with the frame before's,
//! and the map tells whether its picture moved; the union of those changes is the frame's damage. The
//! screen's camera keeps last frame's picture (it loads instead of clearing) and draws again only inside
//! the damage: the map's quad is cut to it, egui's clip rectangles are cut to it, and a sea-coloured quad
//! under them stands in for the clear. A still screen costs a copy to the window; a button lit under the
//! pointer, a ticking clock or a tooltip costs their own few pixels, not a full repaint. On a software
//! renderer that is the difference between a smooth and a sluggish game.

use std::hash::{Hash, Hasher};

use bevy::camera::CameraOutputMode;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::{EguiPostUpdateSet, EguiRenderOutput, egui};

use super::map::{MapFrame, MapSprite, SCREEN_LAYER, ScreenCamera, SpriteParts, place};
use super::pipelines::Pipelines;
use super::theme;

pub fn plugin(app: &mut App) {
    let always_full = app.world().get_resource::<super::GameOptions>().is_some_and(|o| o.full_redraw);
    app.insert_resource(Still { always_full, ..default() }).add_systems(Startup, spawn_background).add_systems(
        PostUpdate,
        // Before visibility is worked out, so that hiding the map's quad takes effect this frame.
        keep_still
            .after(EguiPostUpdateSet::ProcessOutput)
            .after(super::map::MapSystems)
            .before(bevy::camera::visibility::VisibilitySystems::VisibilityPropagate),
    );
    app.add_systems(Last, show_for_screenshots);
}

/// The sea-coloured quad drawn under the damage where the map does not cover it, in place of a clear.
#[derive(Component)]
struct ScreenBackground;

/// What the frames before drew, and the counts the frame benchmark reports.
#[derive(Resource, Default)]
pub struct Still {
    /// Last frame's paint jobs, and a hash of each.
    jobs: Vec<egui::ClippedPrimitive>,
    hashes: Vec<u64>,
    size: UVec2,
    /// Where the map's picture was on the screen last frame, and where in its image.
    map: Option<(Rect, Vec2)>,
    /// The damage of the last frames, drawn again too: the picture kept may be a frame or two behind.
    recent: [Option<Rect>; HISTORY],
    /// Frames still to draw in full (the first frames, and after the window's size changes).
    full: u32,
    /// Frames drawn in full, drawn in part, and kept as they were.
    pub drawn: u64,
    pub partial: u64,
    pub kept: u64,
    /// Pixels drawn again in the frames drawn in part.
    pub partial_pixels: u64,
    /// Frames in a row kept as they were.
    quiet: u32,
    /// Seconds since the window was last given a picture.
    unshown: f32,
    /// Every frame drawn in full (`--no-partial-redraw`).
    pub always_full: bool,
}

impl Still {
    /// Frames in a row in which nothing changed.
    pub fn quiet(&self) -> u32 {
        self.quiet
    }
    /// Draws the next frames in full, as at the start.
    pub fn redraw_all(&mut self) {
        self.full = FULL_FRAMES;
    }
}

/// How many earlier frames' damage each frame draws again.
const HISTORY: usize = 2;

/// Frames drawn in full at the start and after a resize.
const FULL_FRAMES: u32 = 3;

/// Above this share of the window, a frame is drawn in full: cutting saves nothing.
const FULL_SHARE: f32 = 0.8;

/// A window that keeps its picture is still given it again this often (seconds), in case the system
/// lost it: an X11 desktop without a compositor forgets what another window covered.
const SHOW_AGAIN: f32 = 1.0;

fn spawn_background(mut commands: Commands) {
    commands.spawn((
        Sprite::from_color(theme::sea(), Vec2::ONE),
        bevy::camera::visibility::RenderLayers::layer(SCREEN_LAYER),
        Transform::from_xyz(0.0, 0.0, -1.0),
        Visibility::Hidden,
        ScreenBackground,
    ));
}

/// A hash of one paint job; `None` for a paint callback, which draws what it likes.
fn job_hash(job: &egui::ClippedPrimitive) -> Option<u64> {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let r = job.clip_rect;
    [r.min.x, r.min.y, r.max.x, r.max.y].map(f32::to_bits).hash(&mut h);
    let egui::epaint::Primitive::Mesh(m) = &job.primitive else { return None };
    m.texture_id.hash(&mut h);
    m.indices.hash(&mut h);
    for v in &m.vertices {
        [v.pos.x, v.pos.y, v.uv.x, v.uv.y].map(f32::to_bits).hash(&mut h);
        v.color.to_array().hash(&mut h);
    }
    Some(h.finish())
}

fn mesh(job: &egui::ClippedPrimitive) -> Option<&egui::Mesh> {
    match &job.primitive {
        egui::epaint::Primitive::Mesh(m) => Some(m),
        egui::epaint::Primitive::Callback(_) => None,
    }
}

/// Where a job paints: its vertices' bounds within its clip rectangle.
fn bounds(job: &egui::ClippedPrimitive) -> egui::Rect {
    let Some(m) = mesh(job) else { return job.clip_rect };
    let r = m.vertices.iter().fold(egui::Rect::NOTHING, |r, v| r.union(egui::Rect::from_min_max(v.pos, v.pos)));
    r.intersect(job.clip_rect)
}

/// The area where two versions of one job differ. Egui paints in order, so a change is one run of
/// triangles: the triangles that match from the start and from the end are the same, and the damage is the
/// bounds of those between, in both versions.
fn mesh_damage(a: &egui::ClippedPrimitive, b: &egui::ClippedPrimitive) -> egui::Rect {
    let (Some(ma), Some(mb)) = (mesh(a), mesh(b)) else { return a.clip_rect.union(b.clip_rect) };
    let tri = |m: &egui::Mesh, t: usize| -> Option<[egui::epaint::Vertex; 3]> {
        let i = m.indices.get(3 * t..3 * t + 3)?;
        Some([*m.vertices.get(i[0] as usize)?, *m.vertices.get(i[1] as usize)?, *m.vertices.get(i[2] as usize)?])
    };
    let (ta, tb) = (ma.indices.len() / 3, mb.indices.len() / 3);
    let n = ta.min(tb);
    let same = |x: Option<[egui::epaint::Vertex; 3]>, y: Option<[egui::epaint::Vertex; 3]>| x.is_some() && x == y;
    let head = (0..n).take_while(|&t| same(tri(ma, t), tri(mb, t))).count();
    let tail = (0..n - head).take_while(|&i| same(tri(ma, ta - 1 - i), tri(mb, tb - 1 - i))).count();
    let mut d = egui::Rect::NOTHING;
    for (m, count) in [(ma, ta), (mb, tb)] {
        for t in head..count - tail {
            for v in tri(m, t).into_iter().flatten() {
                d = d.union(egui::Rect::from_min_max(v.pos, v.pos));
            }
        }
    }
    d.intersect(a.clip_rect.union(b.clip_rect))
}

/// The area where egui's new paint jobs differ from the old, in points (`Rect::NOTHING` when none).
fn egui_damage(old: &[egui::ClippedPrimitive], old_hashes: &[u64], new: &[egui::ClippedPrimitive], new_hashes: &[u64]) -> egui::Rect {
    let n = old_hashes.len().min(new_hashes.len());
    let head = (0..n).take_while(|&i| old_hashes[i] == new_hashes[i]).count();
    let tail = (0..n - head).take_while(|&i| old_hashes[old_hashes.len() - 1 - i] == new_hashes[new_hashes.len() - 1 - i]).count();
    let (om, nm) = (&old[head..old.len() - tail], &new[head..new.len() - tail]);
    let texture = |j: &egui::ClippedPrimitive| mesh(j).map(|m| m.texture_id);
    let paired = om.len() == nm.len() && om.iter().zip(nm).all(|(a, b)| a.clip_rect == b.clip_rect && texture(a) == texture(b));
    if paired {
        om.iter().zip(nm).fold(egui::Rect::NOTHING, |d, (a, b)| d.union(mesh_damage(a, b)))
    } else {
        om.iter().chain(nm).fold(egui::Rect::NOTHING, |d, j| d.union(bounds(j)))
    }
}

/// The area where two frames of egui paint jobs differ, in points (`Rect::NOTHING` when none); a paint
/// callback, which draws what it likes, makes it everything.
pub fn damage(old: &[egui::ClippedPrimitive], new: &[egui::ClippedPrimitive]) -> egui::Rect {
    let hashes = |jobs: &[egui::ClippedPrimitive]| jobs.iter().map(job_hash).collect::<Option<Vec<u64>>>();
    match (hashes(old), hashes(new)) {
        (Some(a), Some(b)) => egui_damage(old, &a, new, &b),
        _ => egui::Rect::EVERYTHING,
    }
}

fn union(a: Option<Rect>, b: Option<Rect>) -> Option<Rect> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.union(b)),
        (a, b) => a.or(b),
    }
}

fn keep_still(
    mut still: ResMut<Still>,
    window: Single<&Window, With<PrimaryWindow>>,
    screen: Single<(&mut Camera, &mut EguiRenderOutput), With<ScreenCamera>>,
    map_sprite: Single<SpriteParts, With<MapSprite>>,
    background: Single<SpriteParts, (With<ScreenBackground>, Without<MapSprite>)>,
    map: Res<MapFrame>,
    mut contexts: bevy_egui::EguiContexts,
    time: Res<Time<Real>>,
    pipelines: Res<Pipelines>,
    mut occluded: MessageReader<bevy::window::WindowOccluded>,
    mut focused: MessageReader<bevy::window::WindowFocused>,
) {
    let (mut cam, mut out) = screen.into_inner();
    let size = window.physical_size();
    let full_rect = Rect::from_corners(Vec2::ZERO, size.as_vec2());
    let ppp = contexts.ctx_mut().map(|c| c.pixels_per_point()).unwrap_or(1.0);
    let (draw, map_now) = damage_of_frame(&mut still, &out, &map, size, ppp, pipelines.waiting() > 0);
    let draw = draw.map(|r| r.intersect(full_rect)).filter(|r| r.width() > 0.0 && r.height() > 0.0);
    let full = still.always_full
        || still.full > 0
        || draw.is_some_and(|r| r.width() * r.height() >= FULL_SHARE * full_rect.width() * full_rect.height());
    still.full = still.full.saturating_sub(1);
    still.quiet = if full || draw.is_some() { 0 } else { still.quiet + 1 };
    let (clear, map_part, back_part) = frame_parts(&mut still, &mut out, full, draw, map_now, ppp);
    if std::mem::discriminant(&cam.clear_color) != std::mem::discriminant(&clear) {
        cam.clear_color = clear;
    }
    // A window uncovered or brought to the front may have lost its picture: give it again at once.
    let uncovered = occluded.read().count() + focused.read().count() > 0;
    let output = window_output(&mut still, full || draw.is_some(), time.delta_secs(), uncovered);
    if std::mem::discriminant(&cam.output_mode) != std::mem::discriminant(&output) {
        cam.output_mode = output;
    }
    // This system alone places, shows and hides the map's quad and the sea under the damage.
    let (mut sprite, mut sprite_tf, mut sprite_gt, mut sprite_vis) = map_sprite.into_inner();
    let (mut back, mut back_tf, mut back_gt, mut back_vis) = background.into_inner();
    let scale = window.scale_factor();
    let vis = match (map_part, map_now) {
        (Some(part), Some((screen, image))) => {
            let rect = Some(Rect::from_corners(image + (part.min - screen.min), image + (part.max - screen.min)));
            if sprite.rect != rect {
                sprite.rect = rect;
            }
            place(&mut sprite_tf, &mut sprite_gt, &mut sprite, part, size.as_vec2(), scale);
            Visibility::Inherited
        }
        _ => Visibility::Hidden,
    };
    if *sprite_vis != vis {
        *sprite_vis = vis;
    }
    let vis = match back_part {
        Some(r) => {
            place(&mut back_tf, &mut back_gt, &mut back, r, size.as_vec2(), scale);
            Visibility::Inherited
        }
        None => Visibility::Hidden,
    };
    if *back_vis != vis {
        *back_vis = vis;
    }
}

/// Where this frame differs from the last, with the last frames' damage (the picture kept may be a frame or
/// two behind), and where the map's picture shows now. Keeps this frame's jobs for the next.
fn damage_of_frame(
    still: &mut Still,
    out: &EguiRenderOutput,
    map: &MapFrame,
    size: UVec2,
    ppp: f32,
    compiling: bool,
) -> (Option<Rect>, Option<(Rect, Vec2)>) {
    // What egui changed.
    let hashes: Option<Vec<u64>> = out.paint_jobs.iter().map(job_hash).collect();
    let textures = !out.textures_delta.set.is_empty() || !out.textures_delta.free.is_empty();
    if size != still.size || textures || hashes.is_none() || compiling {
        still.full = FULL_FRAMES;
    }
    let hashes = hashes.unwrap_or_default();
    let d = egui_damage(&still.jobs, &still.hashes, &out.paint_jobs, &hashes);
    let mut damage = d.is_positive().then(|| {
        let r = Rect::from_corners(Vec2::new(d.min.x, d.min.y) * ppp, Vec2::new(d.max.x, d.max.y) * ppp);
        Rect::from_corners(r.min.floor() - 1.0, r.max.ceil() + 1.0)
    });
    // What the map changed: its picture, or where it shows.
    let map_now = map.shown.then_some((map.screen, map.image));
    if map_now != still.map {
        damage = union(damage, union(still.map.map(|m| m.0), map_now.map(|m| m.0)));
    } else if map.drawing
        && let Some((r, _)) = map_now
    {
        damage = union(damage, Some(r));
    }
    still.map = map_now;
    // Equal hashes mean the same jobs: most frames keep the copy they have.
    if hashes != still.hashes || out.paint_jobs.len() != still.jobs.len() {
        still.jobs = out.paint_jobs.clone();
        still.hashes = hashes;
    }
    still.size = size;
    let mut draw = damage;
    for r in still.recent {
        draw = union(draw, r);
    }
    still.recent.rotate_right(1);
    still.recent[0] = damage;
    (draw, map_now)
}

/// What this frame draws: everything, only the damage (egui's jobs cut to it, the map's picture and the sea
/// under it), or nothing, keeping last frame's picture.
fn frame_parts(
    still: &mut Still,
    out: &mut EguiRenderOutput,
    full: bool,
    draw: Option<Rect>,
    map_now: Option<(Rect, Vec2)>,
    ppp: f32,
) -> (ClearColorConfig, Option<Rect>, Option<Rect>) {
    if full {
        still.drawn += 1;
        (ClearColorConfig::Custom(theme::sea()), map_now.map(|m| m.0), None)
    } else if let Some(r) = draw {
        still.partial += 1;
        still.partial_pixels += (r.width() * r.height()) as u64;
        // Egui draws only inside the damage.
        let clip = egui::Rect::from_min_max(egui::pos2(r.min.x / ppp, r.min.y / ppp), egui::pos2(r.max.x / ppp, r.max.y / ppp));
        out.paint_jobs.retain_mut(|j| {
            j.clip_rect = j.clip_rect.intersect(clip);
            j.clip_rect.is_positive()
        });
        let on_map = map_now.map(|m| m.0.intersect(r)).filter(|m| m.width() > 0.0 && m.height() > 0.0);
        // The sea under the damage, unless the map's picture covers all of it.
        let covered = on_map.is_some_and(|m| m == r);
        (ClearColorConfig::None, on_map, (!covered).then_some(r))
    } else {
        still.kept += 1;
        // Keep last frame's picture: nothing of egui's is drawn over it.
        out.paint_jobs.clear();
        (ClearColorConfig::None, None, None)
    }
}

/// A kept frame is not even given to the window, which still shows it: no copy to the window, no present. The
/// camera stays active, so that its picture stays in memory. It is given again now and then, at once when the
/// window was uncovered, and for screenshots (`show_for_screenshots`).
fn window_output(still: &mut Still, drawn: bool, seconds: f32, uncovered: bool) -> CameraOutputMode {
    still.unshown += seconds;
    if uncovered {
        still.unshown = SHOW_AGAIN;
    }
    let show = drawn || still.unshown >= SHOW_AGAIN;
    if show {
        still.unshown = 0.0;
    }
    if show { CameraOutputMode::default() } else { CameraOutputMode::Skip }
}

/// A screenshot needs the window's picture even when the frame is kept. Running in `Last`, this sees every
/// screenshot asked for this frame (systems that take one in `Last` run before it).
pub fn show_for_screenshots(
    screenshots: Query<(), With<bevy::render::view::screenshot::Screenshot>>,
    mut screen: Single<&mut Camera, With<ScreenCamera>>,
) {
    if !screenshots.is_empty() && matches!(screen.output_mode, CameraOutputMode::Skip) {
        screen.output_mode = CameraOutputMode::default();
    }
}
