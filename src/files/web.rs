//! The browser's files. The shipped levels, lessons and world map are built into the program (listed by
//! `build.rs`); what the player writes (saves, autosaves, lesson reports) goes to the page's local storage,
//! one key per path, with the time it was written beside it. A written file shadows a shipped one.
//! Reports can also be handed to the player as a download.

use std::io::{Error, ErrorKind};
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// When each file was written, under its key with this prefix instead of [`super::storage_key`]'s.
const STAMP: &str = "collective-security-written:";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn key(path: &Path) -> String {
    super::storage_key(path)
}

/// A path as the store names it: forward slashes, no leading `./`.
fn norm(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.trim_start_matches("./").to_string()
}

fn embedded(path: &Path) -> Option<&'static str> {
    let p = norm(path);
    EMBEDDED.iter().find(|(k, _)| *k == p).map(|(_, v)| *v)
}

fn stored(path: &Path) -> Option<String> {
    storage()?.get_item(&key(path)).ok()?
}

pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let s = storage().ok_or_else(|| Error::other("this browser keeps no local storage for the page"))?;
    // Local storage writes one item at once: a full store refuses the item and keeps the old one.
    s.set_item(&key(path), text).map_err(|_| Error::other("the browser's storage for this page is full"))?;
    let _ = s.set_item(&format!("{STAMP}{}", norm(path)), &now_ms().to_string());
    Ok(())
}

pub fn create_dir_all(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

/// The files directly in `dir`: the shipped ones and the written ones.
pub fn list(dir: &Path) -> Vec<PathBuf> {
    let d = norm(dir);
    let d = d.trim_end_matches('/');
    let mut names: Vec<String> = EMBEDDED.iter().map(|(k, _)| k.to_string()).collect();
    if let Some(s) = storage() {
        let n = s.length().unwrap_or(0);
        names.extend(
            (0..n)
                .filter_map(|i| s.key(i).ok().flatten())
                .filter_map(|k| k.strip_prefix(&super::storage_key(Path::new(""))).map(str::to_string)),
        );
    }
    let mut v: Vec<PathBuf> =
        names.into_iter().filter(|n| Path::new(n).parent().is_some_and(|p| norm(p) == d)).map(PathBuf::from).collect();
    v.sort();
    v.dedup();
    v
}

pub fn exists(path: &Path) -> bool {
    embedded(path).is_some() || stored(path).is_some()
}

pub fn modified_ms(path: &Path) -> Option<u64> {
    storage()?.get_item(&format!("{STAMP}{}", norm(path))).ok()??.parse().ok()
}

pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

pub fn read_capped(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    let text = stored(path).or_else(|| embedded(path).map(str::to_string));
    let text = text.ok_or_else(|| Error::new(ErrorKind::NotFound, "no such file"))?;
    if text.len() as u64 > max {
        return Err(Error::new(ErrorKind::InvalidData, format!("the file is {} bytes; at most {max} are read", text.len())));
    }
    Ok(text.into_bytes())
}

/// Hands `text` to the player as a file named `name` (the browser's download).
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(|_| "the browser refused the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "the browser refused the file")?;
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no page")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(|_| "no page")?.dyn_into().map_err(|_| "no page")?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The page's address parameter `name` (`index.html?lesson=…&seed=…`).
pub fn page_parameter(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}
