//! Files beside the game: the player's data folder, atomic writes, level files in a folder, and the
//! text fingerprint that saves and class seeds share. No Bevy here: the command line uses it too.
//!
//! Every file the game reads or writes goes through here. On the desktop that is the file system
//! (`native`); in the browser (`web`) the shipped levels, lessons and map are built into the program and
//! what the player writes (saves, reports) lives in the page's local storage, under the same paths.

use std::path::{Path, PathBuf};

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
use native as platform;
#[cfg(target_arch = "wasm32")]
pub mod web;
#[cfg(target_arch = "wasm32")]
use web as platform;

pub use platform::{create_dir_all, exists, modified_ms, now_ms, write_atomic};

/// The player's data folder: `$XDG_DATA_HOME/collective-security`, else `~/.local/share/collective-security`.
#[cfg(not(target_arch = "wasm32"))]
pub fn data_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(base.join("collective-security"))
}

/// The player's data folder in the browser: a prefix of the page's local storage.
#[cfg(target_arch = "wasm32")]
pub fn data_dir() -> Option<PathBuf> {
    Some(web_data_dir())
}

/// The player's data folder in the browser (see [`storage_key`]).
pub fn web_data_dir() -> PathBuf {
    PathBuf::from("collective-security")
}

/// The key of the page's local storage that holds the file `path` in the browser: this game's prefix, so
/// that other pages of the same site are left alone, then the path with forward slashes. The page's own
/// script (`web/index.html`) writes a dropped level under the same key.
pub fn storage_key(path: &Path) -> String {
    let p = path.to_string_lossy().replace('\\', "/");
    format!("collective-security:{}", p.trim_start_matches("./"))
}

/// The `.ron` files directly in `dir`, sorted; none when it cannot be read.
pub fn ron_files(dir: &Path) -> Vec<PathBuf> {
    files_with_extension(dir, "ron")
}

/// The files with extension `ext` directly in `dir`, sorted; none when it cannot be read.
pub fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = platform::list(dir).into_iter().filter(|p| p.extension().is_some_and(|x| x == ext)).collect();
    v.sort();
    v
}

/// The level files in `dir`: its `.ron` files but the campaign.
pub fn level_files(dir: &Path) -> Vec<PathBuf> {
    ron_files(dir).into_iter().filter(|p| p.file_stem().is_some_and(|s| s != "campaign")).collect()
}

/// FNV-1a of some bytes: a stable fingerprint of a level's text, or a class seed's code.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(1469598103934665603u64, |h, b| (h ^ *b as u64).wrapping_mul(1099511628211))
}

/// Where shipped levels live.
pub fn levels_dir() -> PathBuf {
    let local = PathBuf::from("levels");
    if cfg!(target_arch = "wasm32") || local.is_dir() { local } else { Path::new(env!("CARGO_MANIFEST_DIR")).join("levels") }
}

/// The shipped level files (not the campaign or lessons).
pub fn shipped_levels() -> Vec<PathBuf> {
    level_files(&levels_dir())
}

/// Levels held out whole (`levels/heldout/`): written after the model and never used to set any number, they
/// measure how well it predicts a crisis it was not fitted to. They are not in the campaign.
pub fn held_out_levels() -> Vec<PathBuf> {
    level_files(&levels_dir().join("heldout"))
}

/// The largest file the game reads: levels, variants, lessons, saves and reports are all far smaller.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a whole file of at most `max` bytes, refusing before reading what is not a regular file (a FIFO
/// or a device such as `/dev/zero` behind a link) and never reading more than `max + 1` bytes.
pub fn read_capped(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    platform::read_capped(path, max)
}

/// The same, as UTF-8 text.
pub fn read_text(path: &Path) -> std::io::Result<String> {
    String::from_utf8(read_capped(path, MAX_FILE_BYTES)?)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "the file is not valid UTF-8 text"))
}

/// Where the game's assets are: next to the working directory, or the source tree.
pub fn assets_dir() -> PathBuf {
    let local = PathBuf::from("assets");
    if cfg!(target_arch = "wasm32") || local.join("map").is_dir() {
        local
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets")
    }
}

/// The files with extension `ext` directly in `dir`, newest first (by when they were last written).
pub fn newest_first(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<(u64, PathBuf)> = files_with_extension(dir, ext).into_iter().map(|p| (modified_ms(&p).unwrap_or(0), p)).collect();
    v.sort_by_key(|b| std::cmp::Reverse(b.0));
    v.into_iter().map(|x| x.1).collect()
}
