//! The web build's page (`web/index.html`, served by `scripts/web.sh`): a classroom's network may allow only
//! the school's own server, and the guard forbids anything fetched from elsewhere.

use std::path::Path;

fn page() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("web/index.html")).expect("web/index.html ships")
}

#[test]
fn the_web_page_fetches_nothing_from_another_site() {
    let page = page();
    for needle in ["http://", "https://", "src=\"//", "href=\"//", "@import", "url("] {
        assert!(!page.contains(needle), "web/index.html refers to another site or stylesheet: `{needle}`");
    }
}

#[test]
fn the_web_page_starts_the_program_that_web_sh_builds_and_draws_into_the_games_canvas() {
    let page = page();
    let script = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/web.sh")).expect("scripts/web.sh ships");
    assert!(script.contains("--out-name collective-security"), "web.sh names its output collective-security");
    assert!(page.contains("./collective-security.js") && page.contains("./collective-security_bg.wasm"));
    // The game's window takes the canvas `#game` (src/game/mod.rs).
    assert!(page.contains("<canvas id=\"game\""));
}

#[test]
fn a_level_added_in_the_page_lands_where_the_game_looks_for_the_players_levels() {
    // The page stores a dropped level under a key of its own; in the browser the game lists the player's
    // levels in `data_dir()/levels` (game::state::user_levels_dir) and reads them from `storage_key`.
    use collective_security::files::{storage_key, web_data_dir};
    let key = storage_key(&web_data_dir().join("levels").join("x.ron"));
    let prefix = key.strip_suffix("x.ron").expect("the key ends with the file's name");
    assert!(page().contains(&format!("const LEVELS = \"{prefix}\";")), "the page writes a player's level under `{prefix}`");
}
