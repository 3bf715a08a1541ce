//! For the web build only: lists the shipped levels, lessons and the world map, which `files::web` builds
//! into the program (a browser has no folder beside the game). The desktop reads them from disk.

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=levels");
    println!("cargo::rerun-if-changed=assets/map");
    let web = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut files = vec![];
    if web {
        walk(&root, Path::new("levels"), &mut files);
        files.push(PathBuf::from("assets/map/world.json"));
    }
    files.sort();
    let mut out = String::from("pub static EMBEDDED: &[(&str, &str)] = &[\n");
    for f in &files {
        let rel = f.to_string_lossy().replace('\\', "/");
        let abs = root.join(f);
        let _ = writeln!(out, "    ({rel:?}, include_str!({:?})),", abs.to_string_lossy());
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
    map_codes(&root);
}

/// The codes of the countries the world map draws, sorted, for the level checker: a territory it cannot draw is
/// a modder's slip, named at its line.
fn map_codes(root: &Path) {
    let json = std::fs::read_to_string(root.join("assets/map/world.json")).expect("the world map is in assets/map");
    let mut codes: Vec<&str> = json.split("\"id\":\"").skip(1).filter_map(|rest| rest.get(..3)).collect();
    codes.sort_unstable();
    codes.dedup();
    let list: String = codes.iter().map(|c| format!("{c:?}, ")).collect();
    let out = format!("/// The codes of the countries the world map draws, sorted.\npub static MAP_CODES: &[&str] = &[{list}];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("map_codes.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

/// The `.ron` files under `root/rel`, as paths relative to `root`.
fn walk(root: &Path, rel: &Path, files: &mut Vec<PathBuf>) {
    let Ok(dir) = std::fs::read_dir(root.join(rel)) else { return };
    for e in dir.flatten() {
        let name = rel.join(e.file_name());
        if e.path().is_dir() {
            walk(root, &name, files);
        } else if name.extension().is_some_and(|x| x == "ron") {
            files.push(name);
        }
    }
}
