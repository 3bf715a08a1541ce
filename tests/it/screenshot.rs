//! The game renders: a screenshot of the map under a display (Xvfb in CI) is not blank and shows the map.

use std::path::PathBuf;
use std::process::Command;

use bevy::asset::RenderAssetUsages;
use bevy::image::{CompressedImageFormats, Image, ImageSampler, ImageType};

fn has_display() -> bool {
    std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some()
}

fn shoot(name: &str, args: &[&str]) -> Option<Image> {
    if !has_display() {
        eprintln!("skipped: no display (scripts/test.sh runs the tests under Xvfb)");
        return None;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    let out = Command::new(env!("CARGO_BIN_EXE_collective-security"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("--screenshot")
        .arg(&path)
        .args(args)
        .output()
        .unwrap();
    let _ = std::fs::write(path.with_extension("log"), &out.stderr);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&path).expect("the screenshot was written");
    Some(
        Image::from_buffer(
            &bytes,
            ImageType::Extension("png"),
            CompressedImageFormats::NONE,
            true,
            ImageSampler::Default,
            RenderAssetUsages::default(),
        )
        .unwrap(),
    )
}

/// Share of pixels close to a colour.
fn share(img: &Image, rgb: [u8; 3], tol: i32) -> f64 {
    let data = img.data.as_ref().unwrap();
    let px = data.chunks(4);
    let n = data.len() / 4;
    let hits = px.filter(|p| (0..3).all(|i| (p[i] as i32 - rgb[i] as i32).abs() <= tol)).count();
    hits as f64 / n as f64
}

fn distinct_colours(img: &Image) -> usize {
    let mut v: Vec<[u8; 3]> = img.data.as_ref().unwrap().chunks(4).step_by(7).map(|p| [p[0] & 0xF0, p[1] & 0xF0, p[2] & 0xF0]).collect();
    v.sort();
    v.dedup();
    v.len()
}

#[test]
fn the_map_screenshot_is_not_blank_and_shows_sea_land_and_panels() {
    let Some(img) = shoot("korea_map.png", &["--level", "korea_1950", "--turn", "2", "--panel", "map"]) else { return };
    assert_eq!((img.width(), img.height()), (1280, 720));
    assert!(distinct_colours(&img) > 40, "a blank or flat image");
    let sea = share(&img, [204, 222, 232], 6);
    assert!(sea > 0.08, "the sea covers part of the map ({sea:.3})");
    // The victim, South Korea, in sky blue and the aggressor in vermillion are on screen.
    assert!(share(&img, [0xD5, 0x5E, 0x00], 30) > 0.0005, "the aggressor is visible");
    // egui's dark panels take part of the window.
    assert!(share(&img, [27, 27, 27], 6) > 0.05, "the panels are drawn");
}

#[test]
fn the_map_is_coloured_on_the_first_turn_before_any_turn_is_played() {
    let Some(img) = shoot("korea_first_turn.png", &["--level", "korea_1950", "--turn", "0", "--panel", "map"]) else { return };
    assert!(share(&img, [0xD5, 0x5E, 0x00], 30) > 0.0005, "the aggressor is coloured");
    assert!(share(&img, [0x56, 0xB4, 0xE9], 30) > 0.0002, "the victim is coloured");
}

#[test]
fn the_debrief_screenshot_renders() {
    let Some(img) = shoot("manchuria_debrief.png", &["--level", "manchuria_1931", "--turn", "7", "--panel", "debrief"]) else { return };
    assert!(distinct_colours(&img) > 20);
}

/// Runs the frame benchmark in a mode; it ends by checking the picture drawn in part against a full redraw.
fn bench(args: &[&str]) -> Option<String> {
    if !has_display() {
        eprintln!("skipped: no display (scripts/test.sh runs the tests under Xvfb)");
        return None;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_collective-security"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--level", "korea_1950", "--bench-frames", "40"])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    Some(stdout)
}

#[test]
fn redrawing_only_what_the_pointer_changed_gives_the_picture_a_full_redraw_gives() {
    let Some(out) = bench(&["--hover"]) else { return };
    assert!(out.contains("drawing in part checked"), "{out}");
}

#[test]
fn dragging_the_map_without_drawing_it_again_gives_the_picture_a_full_redraw_gives() {
    let Some(out) = bench(&["--pan"]) else { return };
    assert!(out.contains("drawing in part checked"), "{out}");
    // The drag went past the margin drawn around the map at least once, and most frames were drawn in part.
    assert!(out.contains("in part"), "{out}");
}

/// Windows of a screenshot and the map's area between the panels, from the layout file beside it.
fn windows(name: &str, args: &[&str]) -> Option<(Vec<[f32; 4]>, [f32; 4], [f32; 4])> {
    shoot(name, args)?;
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots").join(name).with_extension("layout.json");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let rect = |x: &serde_json::Value| -> [f32; 4] { std::array::from_fn(|i| x[i].as_f64().unwrap() as f32) };
    let wins = v["windows"].as_array().unwrap().iter().map(rect).collect();
    Some((wins, rect(&v["map_area"]), rect(&v["screen"])))
}

#[test]
fn the_crisis_windows_never_overlap_each_other_or_the_panels_at_either_screen_size() {
    let inside = |a: [f32; 4], b: [f32; 4]| a[0] >= b[0] - 0.5 && a[1] >= b[1] - 0.5 && a[2] <= b[2] + 0.5 && a[3] <= b[3] + 0.5;
    let apart = |a: [f32; 4], b: [f32; 4]| a[2] <= b[0] + 0.5 || b[2] <= a[0] + 0.5 || a[3] <= b[1] + 0.5 || b[3] <= a[1] + 0.5;
    let cases = [("1280x720", "chamber"), ("1280x720", "whatif"), ("1280x720", "table"), ("1280x720", "votes"), ("1920x1080", "table")];
    for (size, panel) in cases {
        let name = format!("layout-{panel}-{size}.png");
        let Some((wins, map, screen)) = windows(&name, &["--level", "korea_1950", "--turn", "2", "--size", size, "--panel", panel]) else {
            return;
        };
        assert!(wins.len() >= 2, "{name}: the panel's window and the legend: {wins:?}");
        for (i, a) in wins.iter().enumerate() {
            assert!(inside(*a, screen), "{name}: window {a:?} runs off the screen {screen:?}");
            assert!(inside(*a, map), "{name}: window {a:?} covers a panel (the map's area is {map:?})");
            for b in &wins[i + 1..] {
                assert!(apart(*a, *b), "{name}: windows {a:?} and {b:?} overlap");
            }
        }
    }
}
