//! Colour vision deficiency: how the map's colours look under protanopia, deuteranopia and tritanopia
//! (Machado, Oliveira and Fernandes 2009, severity 1, applied in linear sRGB), and how far apart two
//! colours are to the eye (CIEDE2000, Sharma, Wu and Dalal 2005).

use bevy_egui::egui::Color32;

/// The three dichromacies the map is checked under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deficiency {
    Protanopia,
    Deuteranopia,
    Tritanopia,
}

impl Deficiency {
    pub const ALL: [Deficiency; 3] = [Deficiency::Protanopia, Deficiency::Deuteranopia, Deficiency::Tritanopia];
    fn matrix(self) -> [[f64; 3]; 3] {
        match self {
            Deficiency::Protanopia => [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
            Deficiency::Deuteranopia => [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
            Deficiency::Tritanopia => [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
        }
    }
}

fn to_linear(c: u8) -> f64 {
    let x = f64::from(c) / 255.0;
    if x <= 0.04045 { x / 12.92 } else { ((x + 0.055) / 1.055).powf(2.4) }
}

fn to_srgb(x: f64) -> u8 {
    let x = x.clamp(0.0, 1.0);
    let v = if x <= 0.0031308 { 12.92 * x } else { 1.055 * x.powf(1.0 / 2.4) - 0.055 };
    (v * 255.0).round() as u8
}

/// The colour as a person with the deficiency sees it.
pub fn simulate(c: Color32, d: Deficiency) -> Color32 {
    let rgb = [to_linear(c.r()), to_linear(c.g()), to_linear(c.b())];
    let m = d.matrix();
    let out: Vec<u8> = m.iter().map(|row| to_srgb(row.iter().zip(rgb).map(|(a, b)| a * b).sum())).collect();
    Color32::from_rgb(out[0], out[1], out[2])
}

/// CIE L*a*b* (D65) of an sRGB colour.
fn lab(c: Color32) -> [f64; 3] {
    let (r, g, b) = (to_linear(c.r()), to_linear(c.g()), to_linear(c.b()));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| if t > 216.0 / 24389.0 { t.cbrt() } else { (24389.0 / 27.0 * t + 16.0) / 116.0 };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// CIEDE2000 colour difference: about 1 is just noticeable, 10 or more is plainly different.
pub fn delta_e2000(c1: Color32, c2: Color32) -> f64 {
    let ([l1, a1, b1], [l2, a2, b2]) = (lab(c1), lab(c2));
    let c_bar = ((a1 * a1 + b1 * b1).sqrt() + (a2 * a2 + b2 * b2).sqrt()) / 2.0;
    let g = 0.5 * (1.0 - (c_bar.powi(7) / (c_bar.powi(7) + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = ((a1p * a1p + b1 * b1).sqrt(), (a2p * a2p + b2 * b2).sqrt());
    let hue = |b: f64, a: f64| if a == 0.0 && b == 0.0 { 0.0 } else { b.atan2(a).to_degrees().rem_euclid(360.0) };
    let (h1, h2) = (hue(b1, a1p), hue(b2, a2p));
    let dl = l2 - l1;
    let dc = c2p - c1p;
    let dh = if c1p * c2p == 0.0 {
        0.0
    } else if (h2 - h1).abs() <= 180.0 {
        h2 - h1
    } else if h2 - h1 > 180.0 {
        h2 - h1 - 360.0
    } else {
        h2 - h1 + 360.0
    };
    let dhh = 2.0 * (c1p * c2p).sqrt() * (dh.to_radians() / 2.0).sin();
    let l_bar = (l1 + l2) / 2.0;
    let cp_bar = (c1p + c2p) / 2.0;
    let hp_bar = if c1p * c2p == 0.0 {
        h1 + h2
    } else if (h1 - h2).abs() <= 180.0 {
        (h1 + h2) / 2.0
    } else if h1 + h2 < 360.0 {
        (h1 + h2 + 360.0) / 2.0
    } else {
        (h1 + h2 - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * (hp_bar - 30.0).to_radians().cos()
        + 0.24 * (2.0 * hp_bar).to_radians().cos()
        + 0.32 * (3.0 * hp_bar + 6.0).to_radians().cos()
        - 0.20 * (4.0 * hp_bar - 63.0).to_radians().cos();
    let d_theta = 30.0 * (-((hp_bar - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cp_bar.powi(7) / (cp_bar.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cp_bar;
    let sh = 1.0 + 0.015 * cp_bar * t;
    let rt = -(2.0 * d_theta).to_radians().sin() * rc;
    ((dl / sl).powi(2) + (dc / sc).powi(2) + (dhh / sh).powi(2) + rt * (dc / sc) * (dhh / sh)).sqrt()
}

/// The smallest difference between two categories of a palette, as seen with normal vision and under each
/// deficiency, with the pair that comes closest.
pub fn closest_pair(palette: &[(Color32, &str)]) -> (f64, String) {
    let mut best = (f64::MAX, String::new());
    let views: [Option<Deficiency>; 4] = [None, Some(Deficiency::Protanopia), Some(Deficiency::Deuteranopia), Some(Deficiency::Tritanopia)];
    for v in views {
        let seen = |c: Color32| v.map_or(c, |d| simulate(c, d));
        for (i, a) in palette.iter().enumerate() {
            for b in &palette[i + 1..] {
                let d = delta_e2000(seen(a.0), seen(b.0));
                if d < best.0 {
                    best = (d, format!("{} / {} ({})", a.1, b.1, v.map_or("normal vision".to_string(), |d| format!("{d:?}"))));
                }
            }
        }
    }
    best
}
