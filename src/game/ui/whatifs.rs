//! The historians' what-ifs beside the debrief: each variant of this crisis in `levels/whatif/` (the United
//! States in the League in 1931, the Soviet Union back in the Council in June 1950, Ukraine inside NATO), played
//! as history went over the same seeds as the crisis itself, its outcome shares set beside the crisis's. What-ifs,
//! not history: each file names the claim it tests and its source. Computed in the background; the window never
//! waits on it.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, block_on, poll_once};
use bevy_egui::egui::{self, RichText};

use crate::game::state::Session;
use crate::level::OutcomeKind;
use crate::sim::Level;

use super::{Outbox, cmd};

pub fn plugin(app: &mut App) {
    app.init_resource::<HistoriansWhatIfs>()
        .add_message::<PlayHistoriansWhatIfs>()
        .add_systems(Update, super::when_sent::<PlayHistoriansWhatIfs>(start).in_set(crate::game::GameSystems::Commands))
        .add_systems(Update, poll.in_set(crate::game::GameSystems::Background));
}

/// The debrief asks for this crisis's what-ifs to be played, in the background.
#[derive(Message, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlayHistoriansWhatIfs;

/// Seeds over which the crisis and each of its what-ifs are played.
pub const WHATIF_RUNS: usize = 200;

/// One line of the comparison: the crisis as the level has it, or one of its what-ifs.
#[derive(Clone, Debug)]
pub struct WhatIfLine {
    pub name: String,
    pub summary: String,
    /// The what-if's file, shown so that a teacher can open it and read the claim and its source; `None` for
    /// the crisis itself.
    pub file: Option<String>,
}

/// The crisis and its what-ifs, and the background task that plays them.
#[derive(Resource, Default)]
pub struct HistoriansWhatIfs {
    task: Option<Task<Vec<BTreeMap<OutcomeKind, f64>>>>,
    pub progress: Arc<AtomicUsize>,
    pub total: usize,
    /// The crisis first, then each what-if, in file order.
    pub lines: Vec<WhatIfLine>,
    pub shares: Option<Vec<BTreeMap<OutcomeKind, f64>>>,
    /// Level and seed the lines are for.
    pub key: Option<(String, u64)>,
    /// The level as it was played: a level edited and reloaded under the same id is played again.
    played: Option<Arc<crate::level::LevelDef>>,
}

impl HistoriansWhatIfs {
    /// Whether the lines (played or under way) are for the crisis in the world.
    pub fn current(&self, w: &World) -> bool {
        let same_level = match (&self.played, w.get_resource::<Level>()) {
            (Some(played), Some(level)) => Arc::ptr_eq(played, &level.0),
            _ => false,
        };
        same_level && self.key.is_some() && self.key == key_now(w)
    }
}

fn key_now(w: &World) -> Option<(String, u64)> {
    Some((w.get_resource::<Level>()?.0.id.clone(), w.get_resource::<Session>()?.seed))
}

/// Loads the what-ifs of the crisis in the world from the shipped `levels/whatif/` and starts playing them
/// with the crisis itself, unless that is done or under way. A what-if that no longer loads is left out.
fn start(world: &mut World) {
    let key = key_now(world);
    let Some((id, seed)) = key.clone() else { return };
    if world.resource::<HistoriansWhatIfs>().current(world) {
        return;
    }
    let base = world.resource::<Level>().0.clone();
    let mut levels = vec![base.clone()];
    let mut lines = vec![WhatIfLine { name: format!("{}, as the level has it", base.name), summary: String::new(), file: None }];
    for (path, v) in crate::level::variant::variants_of(&id, &crate::files::levels_dir().join("whatif")) {
        let Ok(level) = crate::level::load(&path) else { continue };
        levels.push(Arc::new(level));
        let file = path.strip_prefix(crate::files::levels_dir()).map(|p| format!("levels/{}", p.display())).ok();
        lines.push(WhatIfLine { name: v.name, summary: v.summary, file });
    }
    let mut h = world.resource_mut::<HistoriansWhatIfs>();
    h.key = key;
    h.played = Some(base);
    h.shares = None;
    h.lines = lines;
    if levels.len() < 2 {
        h.task = None;
        return;
    }
    h.progress = Arc::new(AtomicUsize::new(0));
    h.total = WHATIF_RUNS * levels.len();
    let progress = h.progress.clone();
    h.task = Some(
        AsyncComputeTaskPool::get().spawn(async move { crate::sim::compare::as_history_went(levels, seed, WHATIF_RUNS, progress).await }),
    );
}

fn poll(mut h: ResMut<HistoriansWhatIfs>) {
    if let Some(task) = &mut h.task
        && let Some(r) = block_on(poll_once(task))
    {
        info!("what if: the crisis and {} what-ifs played over {WHATIF_RUNS} seeds each", r.len().saturating_sub(1));
        h.shares = Some(r);
        h.task = None;
    }
}

/// The debrief's section: the crisis and each what-if, their outcome shares as bars. Nothing for a crisis that
/// has no what-ifs.
pub fn section(ui: &mut egui::Ui, w: &World, actions: &mut Outbox) {
    let h = w.resource::<HistoriansWhatIfs>();
    if !h.current(w) {
        actions.send(cmd::PlayHistoriansWhatIfs);
        return;
    }
    if h.lines.len() < 2 {
        return;
    }
    ui.heading("What historians ask");
    ui.label(RichText::new("What-ifs, not history").color(crate::game::theme::PURPLE));
    ui.label(
        RichText::new(format!(
            "Each changes one thing the historians argue about; its file names the claim and the source. Every \
             state plays its recorded orders, over the same {WHATIF_RUNS} seeds as the crisis itself."
        ))
        .weak(),
    );
    match &h.shares {
        Some(shares) => {
            for (line, s) in h.lines.iter().zip(shares) {
                ui.label(RichText::new(&line.name).strong());
                if !line.summary.is_empty() {
                    ui.label(RichText::new(&line.summary).weak());
                }
                super::debrief::shares_bar(ui, s);
                if let Some(file) = &line.file {
                    ui.label(RichText::new(file).small().weak());
                }
            }
            super::debrief::outcome_legend(ui);
        }
        None => {
            let done = h.progress.load(Ordering::Relaxed);
            ui.add(egui::ProgressBar::new(done as f32 / h.total.max(1) as f32).text(format!("playing {done} of {} runs", h.total)));
        }
    }
}
