//! The game in a browser page: how it starts from the page's address, and what the page does instead of
//! the desktop's files (see `files::web`). A link such as
//! `index.html?lesson=why_the_league_failed&seed=LEAGUE31` opens a lesson with the class seed filled in;
//! `?level=korea_1950&role=USA&seed=1950` opens a crisis (the seed a number or a class's code).

use super::GameOptions;

/// The options of a game started from the page's address.
pub fn options_from_page() -> GameOptions {
    let p = crate::files::web::page_parameter;
    GameOptions {
        level: p("level"),
        role: p("role"),
        seed: p("seed").map_or(1, |s| crate::lesson::play::parse_seed(&s)),
        lesson: p("lesson"),
        class_seed: p("seed"),
        size: (1280, 720),
        // The page's canvas is not kept between frames, so every frame is drawn in full.
        full_redraw: true,
        ..Default::default()
    }
}

/// Hands a written report to the student as downloads, beside the copy kept in the page's storage.
pub fn download(paths: &[std::path::PathBuf]) {
    for path in paths {
        let Ok(text) = crate::files::read_text(path) else { continue };
        let name = path.file_name().map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
        let mime = if name.ends_with(".json") { "application/json" } else { "text/markdown" };
        if let Err(e) = crate::files::web::download(&name, mime, &text) {
            bevy::log::warn!("{name}: {e}");
        }
    }
}
