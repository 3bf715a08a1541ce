//! Measured causes in the panels: the debrief, the chamber's "why?", the turn report and the what-if window
//! all show the same list, computed in the background by replaying the player's orders over the same seeds
//! with each candidate cause removed (see `sim::cause`). The window never waits on it.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, block_on, poll_once};
use bevy_egui::egui::{self, RichText};

use crate::game::state::Session;
use crate::game::theme;
use crate::sim::cause::{self, MeasuredCause, Plan, PlanOrders};
use crate::sim::{Calendar, Crisis, Level, MeasuresInForce, Mechanism, PlayerRole, RunLog};

use super::{Outbox, cmd};

pub fn plugin(app: &mut App) {
    app.init_resource::<Causes>()
        .add_message::<MeasureCauses>()
        .add_systems(Update, super::when_sent::<MeasureCauses>(start).in_set(crate::game::GameSystems::Commands))
        .add_systems(Update, poll_causes.in_set(crate::game::GameSystems::Background));
}

/// The player asks to measure the causes of what has happened so far, in the background.
#[derive(Message, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MeasureCauses;

/// Seeds over which the game measures causes: 200 keeps every shipped level under two seconds on two cores.
pub const CAUSE_RUNS: usize = 200;

/// Causes shown per result.
const SHOWN: usize = 4;

/// The measured causes of what has happened so far, and the background task that measures them.
#[derive(Resource, Default)]
pub struct Causes {
    task: Option<Task<Vec<MeasuredCause>>>,
    pub progress: Arc<AtomicUsize>,
    pub total: usize,
    pub result: Option<Vec<MeasuredCause>>,
    /// Level, seed and turns played that the result is for.
    pub key: Option<(String, u64, usize)>,
    /// The result is for a finished crisis.
    pub finished: bool,
}

impl Causes {
    pub fn running(&self) -> bool {
        self.task.is_some()
    }
    /// Whether the result (or the task under way) is for the run as it stands now.
    pub fn current(&self, w: &World) -> bool {
        self.key.is_some() && self.key == key_now(w)
    }
    /// The measured causes of one result, largest first.
    pub fn of(&self, m: Mechanism) -> Vec<&MeasuredCause> {
        self.result.iter().flatten().filter(|c| c.mechanism == m).collect()
    }
}

fn key_now(w: &World) -> Option<(String, u64, usize)> {
    let (level, session, cal) = (w.get_resource::<Level>()?, w.get_resource::<Session>()?, w.get_resource::<Calendar>()?);
    Some((level.0.id.clone(), session.seed, cal.turn + usize::from(cal.finished)))
}

/// Starts measuring the causes of everything the run has shown so far, unless that is done or under way.
pub fn start(world: &mut World) {
    let key = key_now(world);
    if key.is_none() || world.resource::<Causes>().key == key {
        return;
    }
    let Some(job) = prepare(world) else { return };
    let mut c = world.resource_mut::<Causes>();
    c.progress = Arc::new(AtomicUsize::new(0));
    c.total = cause::runs_needed(job.1.len(), CAUSE_RUNS);
    c.result = None;
    c.key = key;
    c.finished = job.0.until.is_none();
    let progress = c.progress.clone();
    let (plan, candidates, results) = job;
    c.task = Some(
        AsyncComputeTaskPool::get().spawn(async move { cause::measure_causes_async(&plan, &candidates, Some(&results), &progress).await }),
    );
}

/// The plan, candidates and results of the run in the world: the player's orders replayed to this turn.
fn prepare(world: &mut World) -> Option<(Plan, Vec<cause::Cause>, Vec<cause::Explained>)> {
    let crisis = world.query::<&Crisis>().iter(world).next()?.clone();
    let (level, role, session, cal) = (
        world.get_resource::<Level>()?,
        world.get_resource::<PlayerRole>()?,
        world.get_resource::<Session>()?,
        world.get_resource::<Calendar>()?,
    );
    let (log, mif) = (world.get_resource::<RunLog>()?, world.get_resource::<MeasuresInForce>()?);
    let carried = (session.credibility.map(|(league, un)| crate::sim::Credibility { league, un }), session.lessons);
    let played = cal.turn;
    let until = (!cal.finished).then(|| played.saturating_sub(1));
    if until.is_some() && played == 0 {
        return None;
    }
    let plan = Plan {
        level: level.0.clone(),
        role: role.ix,
        seed: session.seed,
        runs: CAUSE_RUNS,
        orders: PlanOrders::Replay(session.orders.clone()),
        until,
        carried,
    };
    let candidates = cause::candidates(&level.0, log, &plan);
    let results = cause::results_of(log, &crate::sim::explain::mechanism_results(log, mif, &crisis));
    Some((plan, candidates, results))
}

fn poll_causes(mut c: ResMut<Causes>, lesson: Option<ResMut<crate::game::lesson::ActiveLesson>>) {
    if let Some(task) = &mut c.task
        && let Some(r) = block_on(poll_once(task))
    {
        // A lesson keeps the causes measured at the end of a part for its report.
        if let (Some(mut lesson), Some((level, _, _))) = (lesson, c.key.clone())
            && !lesson.review
            && c.finished
        {
            lesson.attempt.causes.push(crate::lesson::play::CauseRecord::new(&level, CAUSE_RUNS, &r));
        }
        c.result = Some(r);
        c.task = None;
    }
}

/// The measured causes of one result, or a progress bar, or a button that starts the measurement.
pub fn list(ui: &mut egui::Ui, w: &World, m: Mechanism, actions: &mut Outbox) {
    let c = w.resource::<Causes>();
    if !c.current(w) {
        if ui
            .button("Measure the causes")
            .on_hover_text(format!("Replays your orders over {CAUSE_RUNS} seeds with each candidate cause removed, in the background"))
            .clicked()
        {
            actions.send(cmd::MeasureCauses);
        }
        return;
    }
    if c.running() {
        let done = c.progress.load(Ordering::Relaxed);
        ui.add(egui::ProgressBar::new(done as f32 / c.total.max(1) as f32).text(format!("measuring causes: {done} of {} runs", c.total)));
        return;
    }
    let found = c.of(m);
    if found.is_empty() {
        ui.label(RichText::new("No single cause changes this by 5 points or more over the same seeds.").weak());
    }
    for mc in found.into_iter().take(SHOWN) {
        cause_row(ui, mc);
    }
}

/// One cause: a bar for the size of its effect, and the sentence.
fn cause_row(ui: &mut egui::Ui, mc: &MeasuredCause) {
    ui.horizontal_wrapped(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(48.0, 12.0), egui::Sense::hover());
        let len = (mc.effect.abs() as f32).min(1.0) * rect.width();
        let color = if mc.effect < 0.0 { theme::BLUE } else { theme::ORANGE };
        ui.painter().rect_filled(egui::Rect::from_min_size(rect.min, egui::vec2(len.max(2.0), rect.height())), 2.0, color);
        ui.label(RichText::new(format!("{:+.0}", 100.0 * mc.effect)).monospace());
        ui.label(&mc.short).on_hover_text(&mc.label);
    })
    .response
    .on_hover_text(
        "Blue: the result depended on it. Orange: the result came about despite it. Points are the change in the share of runs.",
    );
}
