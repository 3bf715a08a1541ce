//! Colours: the Okabe–Ito palette, distinguishable with the common forms of colour-blindness.

use bevy_egui::egui::Color32;

pub const ORANGE: Color32 = Color32::from_rgb(0xE6, 0x9F, 0x00);
pub const SKY: Color32 = Color32::from_rgb(0x56, 0xB4, 0xE9);
pub const GREEN: Color32 = Color32::from_rgb(0x00, 0x9E, 0x73);
pub const YELLOW: Color32 = Color32::from_rgb(0xF0, 0xE4, 0x42);
pub const BLUE: Color32 = Color32::from_rgb(0x00, 0x72, 0xB2);
pub const VERMILLION: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);
pub const PURPLE: Color32 = Color32::from_rgb(0xCC, 0x79, 0xA7);
pub const GREY: Color32 = Color32::from_rgb(0x9A, 0x9A, 0x9A);
pub const LAND_NONE: Color32 = Color32::from_rgb(0xF2, 0xF0, 0xEA);
pub const SEA: [f32; 3] = [0.80, 0.87, 0.91];

/// Muted colours for the political map, so the aggressor and the victim stand out.
const POLITICAL: [Color32; 10] = [
    Color32::from_rgb(0xB7, 0xC9, 0xA8),
    Color32::from_rgb(0xE3, 0xC5, 0x9B),
    Color32::from_rgb(0xD4, 0xBC, 0x9C),
    Color32::from_rgb(0xA9, 0xC8, 0xC6),
    Color32::from_rgb(0xD9, 0xB8, 0xB8),
    Color32::from_rgb(0xC9, 0xC2, 0x95),
    Color32::from_rgb(0xC8, 0xC4, 0x8E),
    Color32::from_rgb(0xD6, 0xC0, 0xD9),
    Color32::from_rgb(0xBF, 0xD4, 0x9F),
    Color32::from_rgb(0xD8, 0xCB, 0xB0),
];

pub fn political(ix: usize) -> Color32 {
    POLITICAL[(ix * 7 + 3) % POLITICAL.len()]
}

/// The colour of each way a crisis ends, in every chart and marker.
pub fn outcome(o: crate::level::OutcomeKind) -> Color32 {
    use crate::level::OutcomeKind::*;
    match o {
        Deterred => GREEN,
        Reversed => BLUE,
        Halted => SKY,
        Frozen => YELLOW,
        AggressorPrevails => VERMILLION,
    }
}

/// Bloc colours.
pub const BLOCS: [Color32; 5] = [BLUE, ORANGE, GREEN, PURPLE, YELLOW];

/// A sequential scale (light to dark blue) for power.
pub fn power(t: f32) -> Color32 {
    let t = t.clamp(0.0, 1.0);
    let lerp = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * t) as u8;
    Color32::from_rgb(lerp(0xEF, 0x08), lerp(0xF3, 0x30), lerp(0xFF, 0x6B))
}

pub fn mix(a: Color32, b: Color32, t: f32) -> Color32 {
    let t = t.clamp(0.0, 1.0);
    let m = |x: u8, y: u8| (x as f32 + (y as f32 - x as f32) * t) as u8;
    Color32::from_rgb(m(a.r(), b.r()), m(a.g(), b.g()), m(a.b(), b.b()))
}

/// The sea, as Bevy draws it: the map's clear colour and the screen's stand-in for one.
pub fn sea() -> bevy::color::Color {
    bevy::color::Color::srgb(SEA[0], SEA[1], SEA[2])
}

pub fn to_bevy(c: Color32) -> bevy::color::Color {
    bevy::color::Color::srgb_u8(c.r(), c.g(), c.b())
}
