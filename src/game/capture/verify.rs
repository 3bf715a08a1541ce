//! The frame benchmark's check of the partial redraw (feature `partial-redraw`): after the timing, with nothing
//! moving, the picture drawn in part must be the one a full redraw gives, pixel for pixel.

use std::sync::Arc;

use bevy::prelude::*;
use bevy::render::view::screenshot::Screenshot;

use crate::game::still::Still;

/// How the partial redraw drew the benchmark's frames.
pub fn print_drawn(s: &Still, window_pixels: f64) {
    let share = if s.partial > 0 { s.partial_pixels as f64 / s.partial as f64 / window_pixels.max(1.0) * 100.0 } else { 0.0 };
    println!(
        "  frames drawn in full: {}; in part (where they changed, {share:.0}% of the window on average): {}; kept as they were: {}",
        s.drawn, s.partial, s.kept
    );
}

/// The stages of the check after the timing.
#[derive(Default)]
pub enum Verify {
    #[default]
    Timing,
    /// Waiting for the screen to be still, then for the picture drawn in part.
    Settle(u32),
    Partial(Arc<std::sync::Mutex<Option<Image>>>),
    /// Drawing everything again, then waiting for that picture.
    Full(Image, u32),
    Redrawn(Image, Arc<std::sync::Mutex<Option<Image>>>),
}

/// Takes a picture of the window into a slot.
fn picture(commands: &mut Commands) -> Arc<std::sync::Mutex<Option<Image>>> {
    let slot = Arc::new(std::sync::Mutex::new(None));
    let put = slot.clone();
    commands.spawn(Screenshot::primary_window()).observe(move |ev: On<bevy::render::view::screenshot::ScreenshotCaptured>| {
        if let Ok(mut s) = put.lock() {
            *s = Some(ev.image.clone());
        }
    });
    slot
}

fn taken(slot: &Arc<std::sync::Mutex<Option<Image>>>) -> Option<Image> {
    slot.lock().ok().and_then(|mut s| s.take())
}

/// How many distinct colours a picture has (a blank one has one or two).
fn distinct(img: &Image) -> usize {
    let mut v: Vec<[u8; 3]> =
        img.data.as_deref().unwrap_or_default().chunks(4).step_by(7).map(|p| [p[0] & 0xF0, p[1] & 0xF0, p[2] & 0xF0]).collect();
    v.sort_unstable();
    v.dedup();
    v.len()
}

/// Pixels that differ between two pictures, and the first of them.
fn differences(a: &Image, b: &Image) -> (usize, Option<(u32, u32)>) {
    let (Some(da), Some(db)) = (&a.data, &b.data) else { return (usize::MAX, None) };
    if a.size() != b.size() || da.len() != db.len() {
        return (usize::MAX, None);
    }
    let w = a.width().max(1);
    let mut first = None;
    let mut n = 0;
    for (i, (pa, pb)) in da.chunks(4).zip(db.chunks(4)).enumerate() {
        if pa[..3] != pb[..3] {
            n += 1;
            first.get_or_insert((i as u32 % w, i as u32 / w));
        }
    }
    (n, first)
}

/// After the timing, with nothing moving: the picture drawn in part must be the picture a full redraw
/// gives, pixel for pixel. A difference is a drawing bug, and the benchmark fails with it.
pub fn verify(stage: &mut Verify, commands: &mut Commands, still: Option<&mut Still>, exit: &mut MessageWriter<AppExit>) {
    let Some(still) = still else { return };
    match std::mem::take(stage) {
        Verify::Timing => {}
        Verify::Settle(waited) => {
            // Tooltips fade in and out after the pointer stops: wait until a few frames in a row are kept.
            if still.quiet() >= 5 {
                *stage = Verify::Partial(picture(commands));
            } else if waited > 600 {
                println!("  the screen never settled: drawing in part not checked");
                exit.write(AppExit::Success);
            } else {
                *stage = Verify::Settle(waited + 1);
            }
        }
        Verify::Partial(slot) => match taken(&slot) {
            Some(img) => {
                still.redraw_all();
                *stage = Verify::Full(img, 0);
            }
            None => *stage = Verify::Partial(slot),
        },
        Verify::Full(img, waited) => {
            *stage =
                if still.quiet() >= 3 || waited > 30 { Verify::Redrawn(img, picture(commands)) } else { Verify::Full(img, waited + 1) };
        }
        Verify::Redrawn(partial, slot) => match taken(&slot) {
            Some(full) => match differences(&partial, &full) {
                _ if distinct(&partial) < 20 => {
                    println!("  the picture is blank: drawing not checked");
                    exit.write(AppExit::error());
                }
                (0, _) => {
                    println!("  drawing in part checked: the picture is the one a full redraw gives, pixel for pixel");
                    exit.write(AppExit::Success);
                }
                (n, first) => {
                    println!("  drawing in part left {n} pixels unlike a full redraw (first at {first:?})");
                    for (name, img) in [("partial", partial), ("full", full)] {
                        if let Ok(rgb) = img.try_into_dynamic() {
                            let path = std::env::temp_dir().join(format!("collective-security-{name}.png"));
                            if rgb.to_rgb8().save(&path).is_ok() {
                                println!("  saved {}", path.display());
                            }
                        }
                    }
                    exit.write(AppExit::error());
                }
            },
            None => *stage = Verify::Redrawn(partial, slot),
        },
    }
}
