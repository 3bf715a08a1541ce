//! The map's projection, shared by the game's map and the printed materials: one formula made the map asset.

use bevy::math::Vec2;

/// World units per projected unit: the whole map is about 1,240 units wide.
pub const MAP_SCALE: f32 = 230.0;

/// Equal Earth projection (Šavrič, Patterson and Jenny 2018) of a longitude and latitude in degrees,
/// in world units. The same formula made the map asset.
pub fn project(lon: f32, lat: f32) -> Vec2 {
    const A1: f64 = 1.340264;
    const A2: f64 = -0.081106;
    const A3: f64 = 0.000893;
    const A4: f64 = 0.003796;
    let m = 3f64.sqrt() / 2.0;
    let (lam, phi) = ((lon as f64).to_radians(), (lat as f64).to_radians());
    let t = (m * phi.sin()).asin();
    let t2 = t * t;
    let t6 = t2 * t2 * t2;
    let x = 2.0 * 3f64.sqrt() * lam * t.cos() / (3.0 * (9.0 * A4 * t6 * t2 + 7.0 * A3 * t6 + 3.0 * A2 * t2 + A1));
    let y = t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    Vec2::new(x as f32, y as f32) * MAP_SCALE
}

/// Great-circle distance in km between two (lon, lat) points.
pub fn km_between(a: (f32, f32), b: (f32, f32)) -> f32 {
    let (lon1, lat1) = (a.0.to_radians() as f64, a.1.to_radians() as f64);
    let (lon2, lat2) = (b.0.to_radians() as f64, b.1.to_radians() as f64);
    let h = ((lat2 - lat1) / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    (2.0 * 6371.0 * h.sqrt().asin()) as f32
}
