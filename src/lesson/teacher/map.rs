//! The era's map for the handout: the countries of the game's map asset coloured by who held them in the
//! level, the contested ground hatched, the parties' capitals named. An SVG, so it prints sharp.

use std::fmt::Write;
use std::path::Path;

use bevy::math::Vec2;
use serde::Deserialize;

use super::doc::html_escape as xml;
use crate::geo::{MAP_SCALE, project};
use crate::level::LevelDef;

#[derive(Deserialize)]
struct WorldFile {
    countries: Vec<Country>,
}

#[derive(Deserialize)]
struct Country {
    id: String,
    shapes: Vec<CountryShape>,
}

#[derive(Deserialize)]
struct CountryShape {
    points: Vec<f32>,
    rings: Vec<u32>,
}

/// Reads the game's map asset (`assets/map/world.json`), size-capped like every file.
fn read_world(assets: &Path) -> Result<WorldFile, String> {
    let path = assets.join("map").join("world.json");
    let bytes = crate::files::read_capped(&path, 8 << 20).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

const WIDTH: f32 = 800.0;
const AGGRESSOR: &str = "#c0392b";
const VICTIM: &str = "#2e6da4";
const MEMBER: &str = "#d9d4c3";
const OTHER: &str = "#f2f0ea";
const SEA: &str = "#dfe9f0";

/// The part of the world to draw: the theatre and both parties' capitals, with a margin.
fn frame(level: &LevelDef) -> (Vec2, Vec2) {
    let c = &level.crisis;
    let regions = level.map.regions.iter().filter(|r| r.theatre).flat_map(|r| r.polygon.iter().copied());
    let pts: Vec<Vec2> = [c.location, level.states[c.aggressor].capital, level.states[c.victim].capital]
        .into_iter()
        .chain(regions)
        .map(|(lon, lat)| project(lon, lat))
        .collect();
    let (mut lo, mut hi) = (pts[0], pts[0]);
    for &p in &pts {
        lo = lo.min(p);
        hi = hi.max(p);
    }
    // At least some 1,500 km across, so that a small theatre is seen among its neighbours.
    let centre = (lo + hi) / 2.0;
    let half = ((hi - lo) / 2.0 * 1.3).max(Vec2::splat(0.25 * MAP_SCALE));
    let half = Vec2::new(half.x.max(half.y * 1.4), half.y.max(half.x / 1.4));
    (centre - half, centre + half)
}

/// The SVG of the level's map, or why it could not be drawn.
pub fn svg(level: &LevelDef, assets: &Path) -> Result<String, String> {
    let world = read_world(assets)?;
    let (lo, hi) = frame(level);
    let scale = WIDTH / (hi.x - lo.x);
    let height = (hi.y - lo.y) * scale;
    let at = |p: Vec2| Vec2::new((p.x - lo.x) * scale, (hi.y - p.y) * scale);
    let path = |ring: &mut dyn Iterator<Item = Vec2>| {
        let mut d = String::new();
        for (i, p) in ring.enumerate() {
            let q = at(p);
            let _ = write!(d, "{}{:.1},{:.1} ", if i == 0 { "M" } else { "L" }, q.x, q.y);
        }
        d + "Z "
    };
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height:.0}\" width=\"{WIDTH}\" height=\"{height:.0}\" font-family=\"sans-serif\">\n<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{AGGRESSOR}\" stroke-width=\"2.5\"/></pattern></defs>\n<rect width=\"100%\" height=\"100%\" fill=\"{SEA}\"/>\n"
    );
    for c in &world.countries {
        let fill = match level.map.holder(&level.states, &c.id) {
            Some(ix) if ix == level.crisis.aggressor => AGGRESSOR,
            Some(ix) if ix == level.crisis.victim => VICTIM,
            Some(ix) if level.institution.members.contains(&ix) => MEMBER,
            _ => OTHER,
        };
        let d = country_path(c, lo, hi, &path);
        if !d.is_empty() {
            let _ = writeln!(s, "<path d=\"{d}\" fill=\"{fill}\" stroke=\"#555\" stroke-width=\"0.5\" fill-rule=\"evenodd\"/>");
        }
        // A theatre without regions of its own is the victim's whole country (Ethiopia, Kuwait).
        let whole = !level.map.regions.iter().any(|r| r.theatre) && fill == VICTIM;
        if whole && !d.is_empty() {
            let _ = writeln!(s, "<path d=\"{d}\" fill=\"url(#hatch)\" fill-rule=\"evenodd\"/>");
        }
    }
    for r in level.map.regions.iter().filter(|r| r.theatre) {
        let d = path(&mut r.polygon.iter().map(|&(lon, lat)| project(lon, lat)));
        let _ = writeln!(s, "<path d=\"{d}\" fill=\"url(#hatch)\" stroke=\"{AGGRESSOR}\" stroke-width=\"1.5\"/>");
    }
    capitals(&mut s, level, &at);
    legend(&mut s, level, height);
    s.push_str("</svg>\n");
    Ok(s)
}

/// The outline of a country's rings that reach into the frame.
fn country_path(c: &Country, lo: Vec2, hi: Vec2, path: &dyn Fn(&mut dyn Iterator<Item = Vec2>) -> String) -> String {
    let mut d = String::new();
    for shape in &c.shapes {
        let pts: Vec<Vec2> = shape.points.chunks(2).map(|p| Vec2::new(p[0], p[1]) * MAP_SCALE).collect();
        let mut start = 0;
        for &end in &shape.rings {
            let end = (end as usize).min(pts.len());
            if pts[start.min(end)..end].iter().any(|p| p.x >= lo.x && p.x <= hi.x && p.y >= lo.y && p.y <= hi.y) {
                d += &path(&mut pts[start.min(end)..end].iter().copied());
            }
            start = end;
        }
    }
    d
}

fn capitals(s: &mut String, level: &LevelDef, at: &dyn Fn(Vec2) -> Vec2) {
    let c = &level.crisis;
    let theatre = at(project(c.location.0, c.location.1));
    let _ = writeln!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"15\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#111\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
        theatre.x,
        theatre.y - 10.0,
        xml(&c.theatre)
    );
    for ix in [c.aggressor, c.victim] {
        let st = &level.states[ix];
        let p = at(project(st.capital.0, st.capital.1));
        let _ = writeln!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"#111\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" fill=\"#111\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
            p.x,
            p.y,
            p.x + 6.0,
            p.y + 4.0,
            xml(&st.name)
        );
    }
}

fn legend(s: &mut String, level: &LevelDef, height: f32) {
    let c = &level.crisis;
    let items = [
        (AGGRESSOR.to_string(), format!("{} (the aggressor)", level.states[c.aggressor].name)),
        (VICTIM.to_string(), format!("{} (the victim)", level.states[c.victim].name)),
        (MEMBER.to_string(), format!("members of the {}", level.institution.name)),
        ("url(#hatch)".to_string(), format!("contested: {}", c.theatre)),
    ];
    let y0 = height - 16.0 * items.len() as f32 - 8.0;
    let _ = writeln!(
        s,
        "<rect x=\"6\" y=\"{:.0}\" width=\"330\" height=\"{}\" fill=\"#fff\" opacity=\"0.85\"/>",
        y0 - 4.0,
        16 * items.len() + 8
    );
    for (i, (fill, label)) in items.iter().enumerate() {
        let y = y0 + 16.0 * i as f32;
        let _ = writeln!(
            s,
            "<rect x=\"12\" y=\"{y:.0}\" width=\"12\" height=\"12\" fill=\"{fill}\" stroke=\"#555\"/><text x=\"30\" y=\"{:.0}\" font-size=\"12\">{}</text>",
            y + 10.0,
            xml(label)
        );
    }
}
