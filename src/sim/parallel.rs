//! Many runs over every core: `0..total` split into one contiguous range per core, each played by a
//! simulation of its own, the results returned in order. The split never changes a result, so the same
//! seeds give the same counts on one core or sixteen.
//!
//! In the browser a page has one thread, shared with the game's frames. There [`in_batches`] plays small
//! ranges one after another and gives the page back between them, so that the window keeps drawing (and
//! the progress bar moves) while a what-if comparison runs.

use std::ops::Range;

/// How many threads a batch of `total` runs uses.
fn threads_for(total: usize) -> usize {
    if cfg!(target_arch = "wasm32") {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get()).min(total.max(1))
}

/// Runs `f` on each core's range of `0..total`, each with a simulation of its own made by `new` (the
/// simulation is a parameter so that this module needs none of the others); the results in order.
pub fn over_cores<S, T: Send>(total: usize, new: impl Fn() -> S + Sync, f: impl Fn(&mut S, Range<usize>) -> T + Sync) -> Vec<T> {
    let threads = threads_for(total);
    let chunk = total.div_ceil(threads.max(1));
    let range = |t: usize| (t * chunk)..((t + 1) * chunk).min(total);
    let run = |t: usize| f(&mut new(), range(t));
    if threads <= 1 {
        return vec![run(0)];
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads).map(|t| s.spawn(move || run(t))).collect();
        handles.into_iter().map(|h| h.join().expect("a simulation thread panicked")).collect()
    })
}

/// How many runs the browser plays before giving the page back: a few milliseconds of work.
#[cfg(target_arch = "wasm32")]
const BATCH: usize = 8;

/// [`over_cores`] as background work. On the desktop it is the same (the game polls it on a thread of the
/// task pool); in the browser it plays [`BATCH`] runs at a time and lets the page draw a frame between.
pub async fn in_batches<S, T: Send>(total: usize, new: impl Fn() -> S + Sync, f: impl Fn(&mut S, Range<usize>) -> T + Sync) -> Vec<T> {
    #[cfg(not(target_arch = "wasm32"))]
    return over_cores(total, new, f);
    #[cfg(target_arch = "wasm32")]
    {
        let mut sim = new();
        let mut out = Vec::with_capacity(total.div_ceil(BATCH));
        for start in (0..total).step_by(BATCH) {
            out.push(f(&mut sim, start..(start + BATCH).min(total)));
            page_turn().await;
        }
        out
    }
}

/// Waits until the browser has had its turn: a zero-delay timer, after which the page may have drawn.
#[cfg(target_arch = "wasm32")]
async fn page_turn() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits for background work where nothing else needs the thread: the command line and the tests.
pub fn wait<F: std::future::Future>(work: F) -> F::Output {
    bevy::tasks::block_on(work)
}
