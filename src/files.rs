//! Files beside the game: the player's data folder, atomic writes, level files in a folder, and the
//! text fingerprint that saves and class seeds share. No Bevy here: the command line uses it too.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The player's data folder: `$XDG_DATA_HOME/collective-security`, else `~/.local/share/collective-security`.
pub fn data_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(base.join("collective-security"))
}

/// Writes `text` to `path` atomically: a temporary file beside it, synced, then renamed over the old one,
/// so that a crash never leaves half a file.
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("{}.tmp", path.extension().and_then(|e| e.to_str()).unwrap_or("")));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

/// The `.ron` files directly in `dir`, sorted; none when it cannot be read.
pub fn ron_files(dir: &Path) -> Vec<PathBuf> {
    files_with_extension(dir, "ron")
}

/// The files with extension `ext` directly in `dir`, sorted; none when it cannot be read.
pub fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
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
    if local.is_dir() { local } else { Path::new(env!("CARGO_MANIFEST_DIR")).join("levels") }
}

/// The shipped level files (not the campaign or lessons).
pub fn shipped_levels() -> Vec<PathBuf> {
    level_files(&levels_dir())
}

/// The largest file the game reads: levels, variants, lessons, saves and reports are all far smaller.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a whole file of at most `max` bytes, refusing before reading what is not a regular file (a FIFO
/// or a device such as `/dev/zero` behind a link) and never reading more than `max + 1` bytes.
pub fn read_capped(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, ErrorKind, Read};
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(Error::new(ErrorKind::InvalidInput, "not a regular file"));
    }
    if meta.len() > max {
        return Err(Error::new(ErrorKind::InvalidData, format!("the file is {} bytes; at most {max} are read", meta.len())));
    }
    let mut buf = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)?.take(max + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > max {
        return Err(Error::new(ErrorKind::InvalidData, format!("the file grew past {max} bytes while read")));
    }
    Ok(buf)
}

/// The same, as UTF-8 text.
pub fn read_text(path: &Path) -> std::io::Result<String> {
    String::from_utf8(read_capped(path, MAX_FILE_BYTES)?)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "the file is not valid UTF-8 text"))
}

/// Where the game's assets are: next to the working directory, or the source tree.
pub fn assets_dir() -> PathBuf {
    let local = PathBuf::from("assets");
    if local.join("map").is_dir() { local } else { PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets") }
}
