//! The world map: Natural Earth countries as meshes, coloured by the chosen map mode from the simulation's
//! state; pan, zoom, hover and click.

pub mod geometry;

use bevy::asset::RenderAssetUsages;
use bevy::camera::RenderTarget;
use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll};
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::{EguiContexts, egui, egui::Color32};
use serde::Deserialize;

use crate::level::{BlocKind, LevelDef, StateIx};
use crate::sim::{Bloc, Body, Crisis, Level, Member, Nation, Stance};

use super::state::{InCrisis, LevelStarts, Session};
use super::theme;
use geometry::{Shape, ear_clip, project};

/// The part of the window the map shows through, between the panels (egui points): `None` before the first
/// frame, an empty rectangle on screens that cover the map.
#[derive(Resource, Default, Debug)]
pub struct MapArea(pub Option<egui::Rect>);

/// Whether the pointer is on the map rather than on a panel or window.
pub fn pointer_on_map(ctx: &egui::Context, area: &MapArea) -> bool {
    let Some(pos) = ctx.input(|i| i.pointer.latest_pos()) else { return false };
    let in_area = area.0.is_none_or(|r| r.contains(pos));
    let on_background = ctx.layer_id_at(pos).is_none_or(|l| l.order == egui::Order::Background);
    in_area && on_background
}

/// The camera that draws the window: the map's image and egui.
#[derive(Component)]
pub struct ScreenCamera;

pub fn plugin(app: &mut App) {
    app.init_resource::<MapView>()
        .add_systems(Startup, (load_world, spawn_camera))
        .add_message::<MapCommand>()
        .add_systems(Update, map_commands.in_set(super::GameSystems::Commands))
        .add_systems(Update, (spawn_regions.run_if(in_state(InCrisis)), assign_holders, recolor).chain().in_set(super::GameSystems::Map))
        // The map takes the pointer and the keys only where it is shown.
        .add_systems(
            Update,
            (camera_controls, pick)
                .chain()
                .after(recolor)
                .in_set(super::GameSystems::Map)
                .run_if(in_state(super::state::Screen::Playing).or_else(in_state(super::state::Screen::Briefing))),
        )
        .init_resource::<MapFrame>()
        .add_systems(PostUpdate, (cache_map, show_map).chain().in_set(MapSystems))
        // Before visibility is worked out, so that showing or hiding the map's quad takes effect this frame.
        .configure_sets(PostUpdate, MapSystems.before(bevy::camera::visibility::VisibilitySystems::VisibilityPropagate));
}

/// Shows the map's image where the map shows in the window, pixel for pixel, or hides it behind a screen
/// that covers it. The partial redraw, where it is built in, then cuts the quad to what must be drawn again.
fn show_map(frame: Res<MapFrame>, window: Single<&Window, With<PrimaryWindow>>, sprite: Single<SpriteParts, With<MapSprite>>) {
    let (mut sprite, mut tf, mut gt, mut vis) = sprite.into_inner();
    let shown = if frame.shown {
        let rect = Some(Rect::from_corners(frame.image, frame.image + frame.screen.size()));
        if sprite.rect != rect {
            sprite.rect = rect;
        }
        place(&mut tf, &mut gt, &mut sprite, frame.screen, window.physical_size().as_vec2(), window.scale_factor());
        Visibility::Inherited
    } else {
        Visibility::Hidden
    };
    if *vis != shown {
        *vis = shown;
    }
}

/// A sprite's parts that placing it on the screen changes.
pub type SpriteParts<'a> = (&'a mut Sprite, &'a mut Transform, &'a mut GlobalTransform, &'a mut Visibility);

/// Places a sprite over a rectangle of the window given in pixels (y down from the top left). The
/// sprites have no parent, and transforms may already have been propagated this frame: the global
/// transform is set too, so that the quad is where it must be in this very frame.
pub fn place(tf: &mut Transform, gt: &mut GlobalTransform, sprite: &mut Sprite, r: Rect, window: Vec2, scale: f32) {
    let c = r.center();
    let at = Vec3::new((c.x - window.x / 2.0) / scale, (window.y / 2.0 - c.y) / scale, tf.translation.z);
    if tf.translation != at {
        tf.translation = at;
        *gt = GlobalTransform::from(*tf);
    }
    let size = Some(r.size() / scale);
    if sprite.custom_size != size {
        sprite.custom_size = size;
    }
}

/// The camera that draws the map. It draws into an image that the screen shows, and only while the view,
/// the colours or the shapes change (and for a moment after, while shaders compile): a still map costs
/// one textured quad per frame, not thousands of triangles and border lines.
#[derive(Component)]
pub struct MapCamera;

/// The quad that shows the map's image on the screen, under the panels.
#[derive(Component)]
pub struct MapSprite;

/// Where the map shows on the screen this frame and what its camera does; the still-screen check acts on
/// it, and the overlay and the pointer turn screen pixels into map points with it.
#[derive(Resource, Default, Debug, Clone, Copy)]
pub struct MapFrame {
    /// The map's camera draws this frame (the screen must then be drawn again where the map shows).
    pub drawing: bool,
    /// The screen shows part of the map (no screen covers it).
    pub shown: bool,
    /// The part of the window the map shows in, in pixels from the top left.
    pub screen: Rect,
    /// The pixel of the map's image shown at the top left of `screen`.
    pub image: Vec2,
    /// How far the image reaches past the map's part of the window on each side, in pixels: panning shows
    /// more of it without drawing the map again.
    pub margin: Vec2,
}

impl MapFrame {
    /// The map point under a pixel of the window (the camera's own transform, not the image's, decides).
    pub fn to_world(&self, camera: &Camera, transform: &GlobalTransform, px: Vec2) -> Option<Vec2> {
        camera.viewport_to_world_2d(transform, px + self.margin).ok()
    }
    /// The pixel of the window where a map point shows.
    pub fn to_screen(&self, camera: &Camera, transform: &GlobalTransform, p: Vec2) -> Option<Vec2> {
        camera.world_to_viewport(transform, p.extend(0.0)).ok().map(|v| v - self.margin)
    }
}

/// The player changes what the map shows.
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapCommand {
    Mode(MapMode),
    /// Select a state (its inspector opens), or none.
    Select(Option<StateIx>),
}

fn map_commands(mut asked: MessageReader<MapCommand>, view: Option<ResMut<MapView>>) {
    let Some(mut view) = view else { return };
    for c in asked.read() {
        match *c {
            MapCommand::Mode(m) => view.mode = m,
            MapCommand::Select(s) => view.selected = s,
        }
    }
}

/// The map's systems that run after the frame's changes: the still-screen check runs after them.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct MapSystems;

/// The map's image and what it holds.
#[derive(Resource)]
struct MapCache {
    image: Handle<Image>,
    size: UVec2,
    /// Frames the camera keeps drawing after shapes or colours change.
    awake: u32,
    /// The view the image was drawn for: the camera's place and scale, and the map's part of the window.
    drawn: Option<(Vec2, f32, Rect)>,
}

/// Frames the map camera keeps drawing after its shapes or colours change, or after the last pipeline
/// compiles: the render world runs a frame behind and learns of a new shape's pipeline a frame after that.
/// Counted in frames, not seconds: on a busy software renderer one frame can last longer than a second.
/// Panning and zooming need no new pipelines and draw once.
const AWAKE_FRAMES: u32 = 4;

/// The margin drawn around the map's part of the window, as a share of the window's size.
const MARGIN_SHARE: f32 = 0.2;

/// The screen's layer: the map's image and egui. The map's own meshes are on layer 0.
pub const SCREEN_LAYER: usize = 1;

/// The map's modes, each with its legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MapMode {
    #[default]
    Political,
    Blocs,
    Membership,
    Stance,
    Power,
}

impl MapMode {
    pub const ALL: [MapMode; 5] = [MapMode::Political, MapMode::Blocs, MapMode::Membership, MapMode::Stance, MapMode::Power];
    pub fn label(self) -> &'static str {
        match self {
            MapMode::Political => "Political",
            MapMode::Blocs => "Blocs and alliances",
            MapMode::Membership => "Membership and seats",
            MapMode::Stance => "Stance on the crisis",
            MapMode::Power => "Power (CINC)",
        }
    }

    /// The categories the mode colours, in the words of its legend. The blocs mode lists the colours its
    /// blocs take in turn (the legend names each bloc of the level).
    pub fn palette(self) -> Vec<(Color32, &'static str)> {
        match self {
            MapMode::Political => vec![
                (theme::VERMILLION, "aggressor"),
                (theme::SKY, "victim"),
                (theme::political(0), "other states (own colour)"),
                (theme::LAND_NONE, "not in this crisis"),
            ],
            MapMode::Blocs => vec![
                (theme::BLOCS[0], "first bloc"),
                (theme::BLOCS[1], "second bloc"),
                (theme::BLOCS[2], "third bloc"),
                (theme::mix(theme::BLOCS[0], Color32::WHITE, 0.45), "guaranteed state"),
                (theme::LAND_NONE, "in no bloc"),
            ],
            MapMode::Membership => vec![
                (theme::BLUE, "permanent member"),
                (theme::GREEN, "elected council seat"),
                (theme::SKY, "member"),
                (theme::GREY, "not a member"),
            ],
            MapMode::Stance => vec![
                (theme::BLUE, "✔ supports action"),
                (theme::ORANGE, "✖ opposes"),
                (theme::YELLOW, "– abstains"),
                (theme::GREY, "○ neutral"),
                (theme::VERMILLION, "aggressor"),
                (theme::SKY, "victim"),
            ],
            MapMode::Power => {
                vec![(theme::power(1.0), "strongest"), (theme::power(0.5), "1% of the strongest"), (theme::power(0.0), "weakest")]
            }
        }
    }
}

/// What the map shows and what the pointer is on.
#[derive(Resource, Debug, Default)]
pub struct MapView {
    pub mode: MapMode,
    /// State under the pointer, and the map shape's name.
    pub hovered: Option<(Option<StateIx>, String)>,
    pub selected: Option<StateIx>,
    /// Set when the asset failed to load: the game goes on without a map.
    pub error: Option<String>,
    drag: f32,
}

/// One modern country's geometry.
pub struct MapCountry {
    pub iso3: String,
    pub name: String,
    pub shapes: Vec<Shape>,
    /// Its vertices in the one mesh that fills every country.
    pub verts: std::ops::Range<usize>,
    /// The state of the level that holds it.
    pub holder: Option<StateIx>,
    /// The colour it is drawn in now.
    pub shown: Option<Color32>,
}

/// Every country is filled by one mesh with a colour per vertex: one draw call for the whole world.
#[derive(Resource, Default)]
pub struct WorldMap {
    pub countries: Vec<MapCountry>,
    pub fill: Handle<Mesh>,
    pub vertices: usize,
}

/// The one mesh that fills every modern country.
#[derive(Component)]
struct WorldFill;

/// Which state of the level holds this region.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct Holder(pub Option<StateIx>);

/// A region of the level drawn over the modern shapes (Manchuria).
#[derive(Component)]
pub struct RegionShape {
    pub index: usize,
    pub shape: Shape,
}

#[derive(Component, Clone, Copy, PartialEq)]
struct ShownColor(Color32);

#[derive(Deserialize)]
struct WorldFile {
    countries: Vec<CountryFile>,
}
#[derive(Deserialize)]
struct CountryFile {
    id: String,
    name: String,
    shapes: Vec<ShapeFile>,
}
#[derive(Deserialize)]
struct ShapeFile {
    points: Vec<f32>,
    rings: Vec<u32>,
    triangles: Vec<u32>,
}

pub use crate::files::assets_dir;

fn linear(c: Color32) -> [f32; 4] {
    theme::to_bevy(c).to_linear().to_f32_array()
}

fn mesh(positions: Vec<[f32; 3]>, indices: Vec<u32>) -> Mesh {
    Mesh::new(PrimitiveTopology::TriangleList, RenderAssetUsages::default())
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
        .with_inserted_indices(Indices::U32(indices))
}

fn load_world(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut view: ResMut<MapView>,
) {
    let path = assets_dir().join("map").join("world.json");
    let file: WorldFile = match crate::files::read_capped(&path, 16 << 20)
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
    {
        Ok(f) => f,
        Err(e) => {
            let msg = format!("{}: {e}. The map is missing; run scripts/convert_map.sh to rebuild it.", path.display());
            error!("{msg}");
            view.error = Some(msg);
            commands.insert_resource(WorldMap::default());
            return;
        }
    };
    let mut world = WorldMap::default();
    let mut borders_pos: Vec<[f32; 3]> = Vec::new();
    let mut borders_idx: Vec<u32> = Vec::new();
    let mut positions: Vec<[f32; 3]> = Vec::new();
    let mut indices: Vec<u32> = Vec::new();
    for c in file.countries {
        let first = positions.len();
        let mut shapes = Vec::new();
        for s in c.shapes {
            let base = positions.len() as u32;
            let pts: Vec<Vec2> = s.points.chunks(2).map(|p| Vec2::new(p[0], p[1]) * geometry::MAP_SCALE).collect();
            positions.extend(pts.iter().map(|p| [p.x, p.y, 0.0]));
            indices.extend(s.triangles.iter().map(|t| t + base));
            let shape = Shape::new(pts, s.rings.iter().map(|&r| r as usize).collect());
            for ring in shape.rings() {
                outline(ring, &mut borders_pos, &mut borders_idx);
            }
            shapes.push(shape);
        }
        world.countries.push(MapCountry { iso3: c.id, name: c.name, shapes, verts: first..positions.len(), holder: None, shown: None });
    }
    world.vertices = positions.len();
    let colors = vec![linear(theme::LAND_NONE); positions.len()];
    let fill = meshes.add(mesh(positions, indices).with_inserted_attribute(Mesh::ATTRIBUTE_COLOR, colors));
    world.fill = fill.clone();
    commands.spawn((Mesh2d(fill), MeshMaterial2d(materials.add(ColorMaterial::from(Color::WHITE))), Transform::default(), WorldFill));
    let border_color = materials.add(ColorMaterial::from(Color::srgba(0.25, 0.25, 0.3, 0.9)));
    commands.spawn((Mesh2d(meshes.add(lines(borders_pos, borders_idx))), MeshMaterial2d(border_color), Transform::from_xyz(0.0, 0.0, 2.0)));
    commands.insert_resource(world);
}

/// A ring as line segments: borders stay one pixel wide at every zoom, and cost little to draw.
fn outline(ring: &[Vec2], pos: &mut Vec<[f32; 3]>, idx: &mut Vec<u32>) {
    let base = pos.len() as u32;
    let n = ring.len() as u32;
    pos.extend(ring.iter().map(|p| [p.x, p.y, 0.0]));
    for i in 0..n {
        idx.extend([base + i, base + (i + 1) % n]);
    }
}

fn lines(positions: Vec<[f32; 3]>, indices: Vec<u32>) -> Mesh {
    Mesh::new(PrimitiveTopology::LineList, RenderAssetUsages::RENDER_WORLD)
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
        .with_inserted_indices(Indices::U32(indices))
}

fn margin_for(window: UVec2) -> UVec2 {
    (window.as_vec2() * MARGIN_SHARE).round().as_uvec2()
}

fn spawn_camera(mut commands: Commands, mut images: ResMut<Assets<Image>>, window: Single<&Window, With<PrimaryWindow>>) {
    let sea = theme::sea();
    let win = window.physical_size().max(UVec2::ONE);
    let size = win + 2 * margin_for(win);
    let mut image = Image::new_target_texture(size.x, size.y, bevy::render::render_resource::TextureFormat::Rgba8UnormSrgb, None);
    // The image is shown pixel for pixel: the nearest texel is exact and cheapest.
    image.sampler = bevy::image::ImageSampler::nearest();
    let image = images.add(image);
    commands.spawn((
        Camera2d,
        MapCamera,
        // Multisampling costs most on software renderers; the map's flat colours do not need it.
        Msaa::Off,
        Camera { clear_color: ClearColorConfig::Custom(sea), order: 0, ..default() },
        RenderTarget::from(image.clone()),
        Projection::Orthographic(OrthographicProjection { scale: 1.0, ..OrthographicProjection::default_2d() }),
        Transform::from_xyz(0.0, 20.0, 0.0),
    ));
    // The screen: the map's image, with egui drawn over it.
    commands.spawn((
        Camera2d,
        Msaa::Off,
        Camera { clear_color: ClearColorConfig::Custom(sea), order: 1, ..default() },
        bevy::camera::visibility::RenderLayers::layer(SCREEN_LAYER),
        bevy_egui::PrimaryEguiContext,
        ScreenCamera,
    ));
    // `show_map` places this quad; the partial redraw cuts it to what must be drawn.
    commands.spawn((
        Sprite { image: image.clone(), ..default() },
        bevy::camera::visibility::RenderLayers::layer(SCREEN_LAYER),
        Visibility::Hidden,
        MapSprite,
    ));
    commands.insert_resource(MapCache { image, size, awake: AWAKE_FRAMES, drawn: None });
}

/// Draws the map into its image when its shapes, colours, scale or place in the window change, or when
/// panning has gone past the margin drawn around it; otherwise a pan shows another part of the image. The
/// camera sleeps while the map is still.
fn cache_map(
    mut cache: ResMut<MapCache>,
    window: Single<&Window, With<PrimaryWindow>>,
    mut images: ResMut<Assets<Image>>,
    camera: Single<(&mut Camera, &Transform, &Projection), With<MapCamera>>,
    mut meshes: MessageReader<AssetEvent<Mesh>>,
    mut materials: MessageReader<AssetEvent<ColorMaterial>>,
    added: Query<(), Added<Mesh2d>>,
    mut removed: RemovedComponents<Mesh2d>,
    area: Res<MapArea>,
    mut contexts: EguiContexts,
    mut frame: ResMut<MapFrame>,
    pipelines: Res<super::pipelines::Pipelines>,
) {
    let (mut cam, tf, proj) = camera.into_inner();
    let scale = match proj {
        Projection::Orthographic(o) => o.scale,
        _ => 1.0,
    };
    let ppp = contexts.ctx_mut().map(|c| c.pixels_per_point()).unwrap_or(1.0);
    let win = window.physical_size();
    let screen = map_screen(area.0, ppp, win.as_vec2());
    let margin = margin_for(win);
    let size = win + 2 * margin;
    let mut changed = !added.is_empty();
    changed |= meshes.read().count() > 0;
    changed |= materials.read().count() > 0;
    changed |= removed.read().count() > 0;
    if size != cache.size && win.x > 0 && win.y > 0 {
        if let Some(mut img) = images.get_mut(&cache.image) {
            img.resize(bevy::render::render_resource::Extent3d { width: size.x, height: size.y, depth_or_array_layers: 1 });
        }
        cache.size = size;
        changed = true;
    }
    if changed {
        // The image no longer shows the map: draw it again, now or as soon as the map shows.
        cache.awake = AWAKE_FRAMES;
        cache.drawn = None;
    }
    if pipelines.waiting() > 0 {
        // Shapes whose pipelines are still compiling are missing from the image: keep drawing.
        cache.awake = AWAKE_FRAMES;
    }
    let at = tf.translation.truncate();
    let m = margin.as_vec2();
    let shift = shift_since_drawn(cache.drawn, screen, at, scale, m);
    let draw = screen.is_some() && (cache.awake > 0 || shift.is_none());
    if let (true, Some(s)) = (draw, screen) {
        // The camera draws the map's part of the window and the margin around it, centred on the view.
        let viewport =
            bevy::camera::Viewport { physical_position: s.min.as_uvec2(), physical_size: s.size().as_uvec2() + 2 * margin, ..default() };
        if cam
            .viewport
            .as_ref()
            .is_none_or(|v| v.physical_position != viewport.physical_position || v.physical_size != viewport.physical_size)
        {
            cam.viewport = Some(viewport);
        }
        cache.drawn = Some((at, scale, s));
    }
    if cam.is_active != draw {
        cam.is_active = draw;
    }
    let shift = if draw { Vec2::ZERO } else { shift.unwrap_or_default() };
    *frame = MapFrame {
        drawing: draw,
        shown: screen.is_some(),
        screen: screen.unwrap_or_default(),
        image: screen.map(|s| s.min + m + shift).unwrap_or_default(),
        margin: m,
    };
    // Frames awake count only while the map is drawn: a change made while a screen covers the map is drawn
    // in full when it shows again.
    if draw {
        cache.awake = cache.awake.saturating_sub(1);
    }
}

/// The part of the window, in physical pixels, that the map shows in: all of it before the panels have said,
/// none when they cover it.
fn map_screen(area: Option<egui::Rect>, ppp: f32, full: Vec2) -> Option<Rect> {
    match area {
        None => Some(Rect::from_corners(Vec2::ZERO, full)),
        Some(r) if r.width() <= 0.0 || r.height() <= 0.0 => None,
        Some(r) => Some(Rect::from_corners(
            (Vec2::new(r.min.x, r.min.y) * ppp).round().max(Vec2::ZERO),
            (Vec2::new(r.max.x, r.max.y) * ppp).round().min(full),
        )),
    }
    .filter(|r| r.width() >= 1.0 && r.height() >= 1.0)
}

/// How far the view has moved since the image was drawn, in whole pixels (the image's y runs down); `None` when
/// the image cannot show it (another scale or place on the screen, or past its margin).
fn shift_since_drawn(drawn: Option<(Vec2, f32, Rect)>, screen: Option<Rect>, at: Vec2, scale: f32, m: Vec2) -> Option<Vec2> {
    match (drawn, screen) {
        (Some((drawn_at, drawn_scale, drawn_screen)), Some(s)) if drawn_scale == scale && drawn_screen == s => {
            let d = ((at - drawn_at) / scale * Vec2::new(1.0, -1.0)).round();
            (d.x.abs() <= m.x && d.y.abs() <= m.y).then_some(d)
        }
        _ => None,
    }
}

/// When a level starts, its regions are drawn over the modern shapes and the camera turns to the theatre.
fn spawn_regions(
    mut commands: Commands,
    session: Option<Res<Session>>,
    camera: Single<(&mut Transform, &mut Projection), With<MapCamera>>,
    old: Query<Entity, With<RegionShape>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    starts: Res<LevelStarts>,
    mut seen: Local<u64>,
) {
    let Some(level) = session.as_ref().and_then(|s| s.level.clone()) else { return };
    let new = std::mem::replace(&mut *seen, starts.0) != starts.0;
    // Built again for a new level, or on coming back to the crisis's screens, which took the old ones away.
    if !new && !old.is_empty() {
        return;
    }
    for e in &old {
        commands.entity(e).despawn();
    }
    if new {
        let (mut tf, mut proj) = camera.into_inner();
        let (lon, lat) = level.crisis.location;
        let focus = project(lon, lat);
        // The theatre in the middle of the map's part of the window.
        tf.translation = Vec3::new(focus.x, focus.y, tf.translation.z);
        if let Projection::Orthographic(o) = &mut *proj {
            o.scale = 0.45;
        }
    }
    for (i, r) in level.map.regions.iter().enumerate() {
        let pts: Vec<Vec2> = r.polygon.iter().map(|&(lon, lat)| project(lon, lat)).collect();
        let tris = ear_clip(&pts);
        let positions = pts.iter().map(|p| [p.x, p.y, 0.0]).collect();
        let mut bp = Vec::new();
        let mut bi = Vec::new();
        outline(&pts, &mut bp, &mut bi);
        let material = materials.add(ColorMaterial::from(theme::to_bevy(theme::LAND_NONE)));
        let n = pts.len();
        commands
            .spawn((
                Mesh2d(meshes.add(mesh(positions, tris))),
                MeshMaterial2d(material),
                Transform::from_xyz(0.0, 0.0, 1.0),
                RegionShape { index: i, shape: Shape::new(pts, vec![n]) },
                Holder(Some(r.held_by)),
                DespawnOnExit(InCrisis),
            ))
            .with_child((
                Mesh2d(meshes.add(lines(bp, bi))),
                MeshMaterial2d(materials.add(ColorMaterial::from(Color::srgba(0.15, 0.1, 0.1, 0.9)))),
                Transform::from_xyz(0.0, 0.0, 1.5),
            ));
    }
}

/// Gives each modern country to the state of the level that held it.
fn assign_holders(session: Option<Res<Session>>, mut map: ResMut<WorldMap>, starts: Res<LevelStarts>, mut seen: Local<u64>) {
    let Some(level) = session.as_ref().and_then(|s| s.level.clone()) else { return };
    if std::mem::replace(&mut *seen, starts.0) == starts.0 {
        return;
    }
    for c in &mut map.countries {
        c.holder = level.map.holder(&level.states, &c.iso3);
        // Coloured again with the new holders.
        c.shown = None;
    }
}

/// The colour of a state in the current mode.
pub fn state_color(
    mode: MapMode,
    ix: StateIx,
    level: &LevelDef,
    nations: &[(StateIx, Entity)],
    q: &ColorQuery,
    blocs: &[Bloc],
    bodies: &[Body],
    crisis: Option<&Crisis>,
) -> Color32 {
    let Some(&(_, e)) = nations.iter().find(|n| n.0 == ix) else { return theme::LAND_NONE };
    let Ok((cap, stance, member)) = q.get(e) else { return theme::LAND_NONE };
    let is_aggressor = crisis.is_some_and(|c| c.aggressor == e);
    let is_victim = crisis.is_some_and(|c| c.victim == e);
    match mode {
        MapMode::Political => {
            if is_aggressor {
                theme::VERMILLION
            } else if is_victim {
                theme::SKY
            } else {
                theme::political(ix.0)
            }
        }
        MapMode::Blocs => {
            let defence: Vec<&Bloc> = blocs.iter().filter(|b| b.members.contains(&e) || b.protects == Some(e)).collect();
            match defence.first() {
                Some(b) => {
                    let i = blocs.iter().position(|x| x.id == b.id).unwrap_or(0);
                    let c = theme::BLOCS[i % theme::BLOCS.len()];
                    if b.kind == BlocKind::Guarantee && b.protects == Some(e) { theme::mix(c, Color32::WHITE, 0.45) } else { c }
                }
                None => theme::LAND_NONE,
            }
        }
        MapMode::Membership => {
            let permanent = bodies.iter().any(|b| b.permanent.contains(&e));
            let council = bodies.iter().any(|b| !b.kind.is_assembly() && b.members.contains(&e));
            if permanent {
                theme::BLUE
            } else if council {
                theme::GREEN
            } else if member {
                theme::SKY
            } else {
                theme::GREY
            }
        }
        MapMode::Stance => {
            if is_aggressor {
                return theme::VERMILLION;
            }
            if is_victim {
                return theme::SKY;
            }
            match stance {
                Stance::SupportsAction => theme::BLUE,
                Stance::Opposes => theme::ORANGE,
                Stance::Abstains => theme::YELLOW,
                Stance::Neutral => theme::GREY,
            }
        }
        MapMode::Power => {
            let max = level.states.iter().map(|s| s.cinc).fold(0.0f32, f32::max).max(1e-6);
            let t = ((cap.cinc / max).max(1e-4).log10() + 4.0) / 4.0;
            theme::power(t)
        }
    }
}

type RegionView<'a> = (Entity, &'a Holder, &'a MeshMaterial2d<ColorMaterial>, &'a RegionShape, Option<&'a ShownColor>);

pub type ColorQuery<'w, 's> = Query<'w, 's, (&'static crate::sim::Capability, &'static Stance, Has<Member>)>;

/// What the colours depend on: the mode, the selected state, the log's progress, and how many states,
/// crises, blocs and bodies the simulation has spawned (a level's first colours may come before they do).
type ColorKey = (MapMode, Option<StateIx>, usize, usize, [usize; 4]);

fn recolor(
    view: Res<MapView>,
    level: Option<Res<Level>>,
    q: ColorQuery,
    nations: Query<(Entity, &Nation)>,
    blocs: Query<&Bloc>,
    bodies: Query<&Body>,
    crisis: Query<&Crisis>,
    mut map: ResMut<WorldMap>,
    mut regions: Query<RegionView>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut commands: Commands,
    (log, session): (Option<Res<crate::sim::RunLog>>, Option<Res<Session>>),
    added: Query<(), Added<RegionShape>>,
    mut last: Local<Option<ColorKey>>,
    mut fill: Query<&mut Mesh2d, With<WorldFill>>,
) {
    let Some(level) = level else { return };
    // Colours change only with the view, a new level, or a new turn's decisions: not every frame.
    let key = (
        view.mode,
        view.selected,
        log.as_ref().map_or(0, |l| l.decisions.len()),
        log.as_ref().map_or(0, |l| l.control.len()),
        [nations.iter().len(), crisis.iter().len(), blocs.iter().len(), bodies.iter().len()],
    );
    // A new level, or its shapes built again on coming back to its screens.
    let fresh_level = session.is_some_and(|s| s.is_added()) || level.is_changed() || !added.is_empty();
    if *last == Some(key) && !fresh_level && map.countries.iter().all(|c| c.shown.is_some()) {
        return;
    }
    *last = Some(key);
    let palette = Palette {
        view: &view,
        level: &level.0,
        idx: nations.iter().map(|(e, n)| (n.ix, e)).collect(),
        q: &q,
        blocs: blocs.iter().cloned().collect(),
        bodies: bodies.iter().cloned().collect(),
        crisis: crisis.single().ok(),
    };
    paint_countries(&mut map, &palette, &mut meshes, &mut fill);
    for (e, holder, mat, region, shown) in &mut regions {
        let Some(r) = level.0.map.regions.get(region.index) else { continue };
        let c = palette.color(holder.0, r.theatre);
        if shown.is_some_and(|s| s.0 == c) {
            continue;
        }
        if let Some(mut m) = materials.get_mut(&mat.0) {
            m.color = theme::to_bevy(c);
        }
        commands.entity(e).insert(ShownColor(c));
    }
}

/// What the map's colours are drawn from this frame.
struct Palette<'a, 'w, 's> {
    view: &'a MapView,
    level: &'a LevelDef,
    idx: Vec<(StateIx, Entity)>,
    q: &'a ColorQuery<'w, 's>,
    blocs: Vec<Bloc>,
    bodies: Vec<Body>,
    crisis: Option<&'a Crisis>,
}

impl Palette<'_, '_, '_> {
    /// The colour of ground held by `holder`, in the aggressor's colour as far as it controls it if `contested`.
    fn color(&self, holder: Option<StateIx>, contested: bool) -> Color32 {
        let view = self.view;
        let mut c = match holder {
            Some(ix) => state_color(view.mode, ix, self.level, &self.idx, self.q, &self.blocs, &self.bodies, self.crisis),
            None => theme::LAND_NONE,
        };
        // The contested ground takes the aggressor's colour as its control grows.
        if let Some(cr) = self.crisis
            && contested
            && view.mode == MapMode::Political
        {
            c = theme::mix(c, theme::VERMILLION, cr.control * 0.85);
        }
        if view.selected.is_some() && holder == view.selected {
            c = theme::mix(c, Color32::WHITE, 0.35);
        }
        c
    }
}

/// Colours the world's countries, building a new mesh only when a colour changed.
fn paint_countries(map: &mut WorldMap, palette: &Palette, meshes: &mut Assets<Mesh>, fill: &mut Query<&mut Mesh2d, With<WorldFill>>) {
    let level = palette.level;
    let theatre_region = level.map.regions.iter().any(|r| r.theatre);
    let wanted: Vec<Color32> =
        map.countries.iter().map(|c| palette.color(c.holder, !theatre_region && c.holder == Some(level.crisis.victim))).collect();
    if map.countries.iter().zip(&wanted).all(|(c, w)| c.shown == Some(*w)) {
        return;
    }
    let mut colors = vec![[0.0f32; 4]; map.vertices];
    for (c, colour) in map.countries.iter_mut().zip(&wanted) {
        c.shown = Some(*colour);
        colors[c.verts.clone()].fill(linear(*colour));
    }
    // A new mesh rather than the old one changed in place: a change made in the frame the mesh was
    // created in could be missed by the render world, leaving the first turn uncoloured.
    if let Some(mesh) = meshes.get(&map.fill).cloned() {
        let fresh = meshes.add(mesh.with_inserted_attribute(Mesh::ATTRIBUTE_COLOR, colors));
        for mut m in fill.iter_mut() {
            m.0 = fresh.clone();
        }
        map.fill = fresh;
    }
}

fn camera_controls(
    mut contexts: EguiContexts,
    keys: Res<ButtonInput<KeyCode>>,
    buttons: Res<ButtonInput<MouseButton>>,
    motion: Res<AccumulatedMouseMotion>,
    scroll: Res<AccumulatedMouseScroll>,
    time: Res<Time>,
    window: Single<&Window, With<PrimaryWindow>>,
    camera: Single<(&Camera, &GlobalTransform, &mut Transform, &mut Projection), With<MapCamera>>,
    mut view: ResMut<MapView>,
    area: Res<MapArea>,
    frame: Res<MapFrame>,
) {
    let (egui_pointer, egui_keys) =
        contexts.ctx_mut().map(|c| (!pointer_on_map(c, &area), c.egui_wants_keyboard_input())).unwrap_or((false, false));
    let (cam, gt, mut tf, mut proj) = camera.into_inner();
    // Work on copies and write back only what moved: a still camera must not look changed, or the map's
    // image would be redrawn every frame.
    let Projection::Orthographic(ortho) = &*proj else { return };
    let mut scale = ortho.scale;
    let mut pos = tf.translation;
    let speed = 500.0 * scale * time.delta_secs();
    if !egui_keys {
        let mut d = Vec2::ZERO;
        if keys.any_pressed([KeyCode::ArrowLeft, KeyCode::KeyA]) {
            d.x -= 1.0;
        }
        if keys.any_pressed([KeyCode::ArrowRight, KeyCode::KeyD]) {
            d.x += 1.0;
        }
        if keys.any_pressed([KeyCode::ArrowUp, KeyCode::KeyW]) {
            d.y += 1.0;
        }
        if keys.any_pressed([KeyCode::ArrowDown, KeyCode::KeyS]) {
            d.y -= 1.0;
        }
        pos += (d * speed).extend(0.0);
    }
    let cursor = window.cursor_position();
    let mut zoom = 1.0;
    if !egui_pointer && scroll.delta.y != 0.0 {
        zoom = (1.0 - scroll.delta.y.clamp(-5.0, 5.0) * 0.1).max(0.2);
    }
    if !egui_keys {
        if keys.any_pressed([KeyCode::Equal, KeyCode::NumpadAdd]) {
            zoom *= 1.0 - 1.5 * time.delta_secs();
        }
        if keys.any_pressed([KeyCode::Minus, KeyCode::NumpadSubtract]) {
            zoom *= 1.0 + 1.5 * time.delta_secs();
        }
    }
    if zoom != 1.0 {
        let before = cursor.and_then(|c| frame.to_world(cam, gt, c * window.scale_factor()));
        let new_scale = (scale * zoom).clamp(0.08, 1.6);
        let applied = new_scale / scale;
        scale = new_scale;
        // Zoom around the cursor: the point under it stays under it.
        if let Some(p) = before {
            let cam_pos = pos.truncate();
            pos = (p + (cam_pos - p) * applied).extend(pos.z);
        }
    }
    if buttons.pressed(MouseButton::Left) && !egui_pointer {
        let d = motion.delta;
        view.drag += d.length();
        pos.x -= d.x * scale;
        pos.y += d.y * scale;
    }
    pos.x = pos.x.clamp(-700.0, 700.0);
    pos.y = pos.y.clamp(-350.0, 350.0);
    if pos != tf.translation {
        tf.translation = pos;
    }
    if scale != ortho.scale
        && let Projection::Orthographic(o) = &mut *proj
    {
        o.scale = scale;
    }
}

/// Hover and click: the state under the pointer.
fn pick(
    mut contexts: EguiContexts,
    buttons: Res<ButtonInput<MouseButton>>,
    window: Single<&Window, With<PrimaryWindow>>,
    camera: Single<(&Camera, &GlobalTransform), With<MapCamera>>,
    map: Res<WorldMap>,
    regions: Query<(&RegionShape, &Holder)>,
    session: Option<Res<Session>>,
    mut view: ResMut<MapView>,
    area: Res<MapArea>,
    frame: Res<MapFrame>,
) {
    let over_ui = contexts.ctx_mut().map(|c| !pointer_on_map(c, &area)).unwrap_or(true);
    let (cam, gt) = *camera;
    let world_pos = window.cursor_position().and_then(|c| frame.to_world(cam, gt, c * window.scale_factor()));
    let level = session.as_ref().and_then(|s| s.level.clone());
    view.hovered = None;
    if let (Some(p), false) = (world_pos, over_ui) {
        if let Some((r, h)) = regions.iter().find(|(r, _)| r.shape.contains(p)) {
            let name = level.as_ref().and_then(|l| l.map.regions.get(r.index)).map(|x| x.name.clone()).unwrap_or_default();
            view.hovered = Some((h.0, name));
        } else if let Some(c) = map.countries.iter().find(|c| c.shapes.iter().any(|s| s.contains(p))) {
            view.hovered = Some((c.holder, c.name.clone()));
        }
    }
    if buttons.just_pressed(MouseButton::Left) {
        view.drag = 0.0;
    }
    if buttons.just_released(MouseButton::Left) && view.drag < 4.0 && !over_ui {
        view.selected = view.hovered.as_ref().and_then(|h| h.0);
    }
}
