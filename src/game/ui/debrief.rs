//! The debrief: the outcome and its cost; for each mechanism tried, why it worked or failed (factor bars from
//! the traces); the three strategies compared over many seeds, computed in the background; the historians'
//! what-ifs of the crisis (`whatifs`); and history.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, block_on, poll_once};
use bevy_egui::egui::{self, RichText};

use crate::game::state::{Screen, Session};
use crate::game::theme;
use crate::level::{LevelDef, OutcomeKind};
use crate::sim::{Explanation, Level, PlayerRole, Policy, RunLog};

use super::{Outbox, cmd, widgets};
pub use crate::sim::text::mechanism_title;

pub fn plugin(app: &mut App) {
    app.init_resource::<Comparison>()
        .add_message::<WhatIfCommand>()
        .add_systems(Update, what_if_commands.in_set(crate::game::GameSystems::Commands))
        .add_systems(Update, poll_comparison.in_set(crate::game::GameSystems::Background));
}

/// The player asks for a what-if comparison, or closes its window.
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhatIfCommand {
    /// The three strategies over many seeds, from the start (the debrief's comparison).
    Compare,
    /// The what-if window, comparing from the turns played so far.
    FromNow,
    Close,
}

fn what_if_commands(world: &mut World, mut cursor: Local<bevy::ecs::message::MessageCursor<WhatIfCommand>>) {
    let asked: Vec<WhatIfCommand> = cursor.read(world.resource::<Messages<WhatIfCommand>>()).copied().collect();
    for c in asked {
        match c {
            WhatIfCommand::Compare => start_comparison(world, false),
            WhatIfCommand::FromNow => {
                world.resource_mut::<Comparison>().window = true;
                start_comparison(world, true);
            }
            WhatIfCommand::Close => world.resource_mut::<Comparison>().window = false,
        }
    }
}

/// Runs per strategy in the comparison.
pub const COMPARE_RUNS: usize = 100;

pub use crate::sim::compare::{StrategyResult, compare};

#[derive(Resource, Default)]
pub struct Comparison {
    task: Option<Task<Vec<StrategyResult>>>,
    pub progress: Arc<AtomicUsize>,
    pub total: usize,
    pub result: Option<Vec<StrategyResult>>,
    /// Level, seed and turns already played that the result is for.
    pub key: Option<(String, u64, usize)>,
    /// Turns played before the strategies take over (0: from the start).
    pub from_turn: usize,
    /// Show the what-if window.
    pub window: bool,
}

impl Comparison {
    pub fn running(&self) -> bool {
        self.task.is_some()
    }
}

/// The comparison as a lesson report keeps it.
pub fn record(level: &str, from_turn: usize, runs: usize, results: &[StrategyResult]) -> crate::lesson::play::CompareRecord {
    crate::lesson::play::CompareRecord {
        level: level.to_string(),
        from_turn,
        runs,
        shares: results
            .iter()
            .map(|r| (r.policy.name().to_string(), r.shares.iter().map(|(o, v)| (o.id().to_string(), *v)).collect()))
            .collect(),
        deciding: results
            .iter()
            .map(|r| (r.policy.name().to_string(), r.deciding.iter().map(|(f, n)| (f.label().to_string(), *n)).collect()))
            .collect(),
    }
}

/// Starts the comparison in the background: from the start of the crisis, or (`from_now`) from the turns
/// the player has already played, with their orders.
/// The strategy a policy plays, as the crisis panel names it.
pub fn policy_title(p: Policy) -> &'static str {
    match p {
        Policy::Appease => "Appeasement",
        Policy::Alliance => "Alliance and balance of power",
        Policy::Collective => "Collective action",
        Policy::Historical => "As history went",
    }
}

pub fn start_comparison(world: &mut World, from_now: bool) {
    let (Some(level), Some(role), Some(session)) =
        (world.get_resource::<Level>(), world.get_resource::<PlayerRole>(), world.get_resource::<Session>())
    else {
        return;
    };
    let prefix: Vec<Vec<crate::level::Order>> = if from_now { session.orders.clone() } else { vec![] };
    let (level, role, seed) = (level.0.clone(), role.ix, session.seed);
    let key = Some((level.id.clone(), seed, prefix.len()));
    let mut c = world.resource_mut::<Comparison>();
    if c.task.is_some() || (c.result.is_some() && c.key == key) {
        return;
    }
    c.progress = Arc::new(AtomicUsize::new(0));
    c.total = COMPARE_RUNS * 3;
    c.result = None;
    c.key = key;
    c.from_turn = prefix.len();
    let progress = c.progress.clone();
    c.task = Some(AsyncComputeTaskPool::get().spawn(async move { compare(level, role, seed, &prefix, COMPARE_RUNS, progress).await }));
}

fn poll_comparison(mut c: ResMut<Comparison>, lesson: Option<ResMut<crate::game::lesson::ActiveLesson>>) {
    if let Some(task) = &mut c.task
        && let Some(r) = block_on(poll_once(task))
    {
        if let (Some(mut lesson), Some((level, _, from))) = (lesson, c.key.clone())
            && !lesson.review
        {
            lesson.attempt.comparisons.push(record(&level, from, COMPARE_RUNS, &r));
        }
        info!("what if: the three strategies compared over {COMPARE_RUNS} seeds each");
        c.result = Some(r);
        c.task = None;
    }
}

/// The what-if window: the three strategies from this point of the crisis.
pub fn whatif_window(ctx: &egui::Context, w: &World, tiles: &super::layout::Layout, actions: &mut Outbox) {
    let cmp = w.resource::<Comparison>();
    if !cmp.window {
        return;
    }
    let mut open = true;
    let window = egui::Window::new("What if…").default_width(420.0);
    let window = tiles.place(super::layout::Slot::WhatIf, window, |w| w.anchor(egui::Align2::RIGHT_BOTTOM, [-8.0, -8.0]));
    window.open(&mut open).show(ctx, |ui| {
        let turn = w.get_resource::<crate::sim::Calendar>().map_or(0, |c| c.turn);
        ui.label(format!(
            "Your orders of the {} turn(s) played, then each strategy to the end, over {COMPARE_RUNS} seeds each.",
            cmp.from_turn
        ));
        comparison_body(ui, cmp);
        ui.separator();
        ui.label(RichText::new("What decided the aggressor's course so far, measured on your own orders:").strong());
        super::causes::list(ui, w, crate::sim::Mechanism::Deterrence, actions);
        if !cmp.running() && cmp.key.as_ref().is_none_or(|k| k.2 != turn) && ui.button("Compare from this turn").clicked() {
            actions.send(cmd::WhatIfCommand::FromNow);
        }
    });
    if !open {
        actions.send(cmd::WhatIfCommand::Close);
    }
}

fn comparison_body(ui: &mut egui::Ui, cmp: &Comparison) {
    match (&cmp.result, cmp.task.is_some()) {
        (Some(r), _) => strategy_chart(ui, r),
        (None, true) => {
            let done = cmp.progress.load(Ordering::Relaxed);
            ui.add(egui::ProgressBar::new(done as f32 / cmp.total.max(1) as f32).text(format!("playing {done} of {} runs", cmp.total)));
        }
        (None, false) => {
            ui.label("Not compared yet.");
        }
    }
}

pub fn debrief(root: &mut egui::Ui, w: &World, actions: &mut Outbox) {
    let (Some(level), Some(log)) = (w.get_resource::<Level>(), w.get_resource::<RunLog>()) else { return };
    let l = &level.0;
    let cmp = w.resource::<Comparison>();
    let in_lesson = w.contains_resource::<crate::game::lesson::ActiveLesson>();
    let from_start = cmp.key.as_ref().is_some_and(|k| k.0 == l.id && k.2 == 0);
    // In a lesson the student asks for the comparison; elsewhere it starts by itself.
    if !in_lesson && cmp.task.is_none() && !from_start {
        actions.send(cmd::WhatIfCommand::Compare);
    }
    if !w.resource::<super::causes::Causes>().current(w) {
        actions.send(cmd::MeasureCauses);
    }
    egui::CentralPanel::default().show(root, |ui| {
        // A solid scroll bar takes its own room, and a margin keeps the right column's text clear of it.
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::vertical().show(ui, |ui| {
            egui::Frame::NONE.inner_margin(egui::Margin { right: 14, ..egui::Margin::ZERO }).show(ui, |ui| {
                debrief_header(ui, w, l, log, actions);
                super::timeline::chart(ui, w, actions);
                ui.separator();
                ui.columns(2, |cols| {
                    why_it_ended(&mut cols[0], w, l, log, actions);
                    strategies_and_history(&mut cols[1], w, l, cmp, from_start, actions);
                });
                ui.separator();
                debrief_footer(ui, w, actions);
            });
        });
    });
}

/// The outcome in words and, after the campaign's last era, the century at a glance.
fn debrief_header(ui: &mut egui::Ui, w: &World, l: &LevelDef, log: &RunLog, actions: &mut Outbox) {
    ui.heading(format!("Debrief: {}", l.name));
    if let Some((o, turns)) = log.outcome {
        ui.label(RichText::new(widgets::outcome_text(o)).size(18.0).strong());
        ui.label(format!(
            "after {turns} turns; the aggressor holds {:.0}% of the contested ground.",
            log.control.last().copied().unwrap_or(0.0) * 100.0
        ));
    }
    if let Some(session) = w.get_resource::<Session>()
        && session.campaign
        && next_in_campaign(w).is_none()
    {
        let mut eras = session.eras.clone();
        eras.extend(super::campaign::era_mark(w));
        super::campaign::century_chart(ui, &eras);
        let busy = w.resource::<super::campaign::ReportTask>().running();
        if ui.add_enabled(!busy, egui::Button::new("Save the campaign report (Markdown, SVG chart, JSON)")).clicked() {
            actions.send(cmd::WriteCampaignReport);
        }
        ui.separator();
    }
}

/// The measured causes of the outcome, then each mechanism's with what its deciding states weighed.
fn why_it_ended(ui: &mut egui::Ui, w: &World, l: &LevelDef, log: &RunLog, actions: &mut Outbox) {
    ui.heading("Why it ended this way");
    ui.label(
        RichText::new(format!(
            "Causes measured by removing each over the same {} seeds, with your orders replayed.",
            super::causes::CAUSE_RUNS
        ))
        .weak(),
    );
    super::causes::list(ui, w, crate::sim::Mechanism::Outcome, actions);
    ui.separator();
    ui.heading("Why each mechanism worked or failed");
    for (i, e) in log.explanation.iter().enumerate() {
        let (mark, color) = if e.succeeded { ("✔ worked", theme::BLUE) } else { ("✖ failed", theme::VERMILLION) };
        egui::CollapsingHeader::new(RichText::new(format!("{} — {mark}", mechanism_title(e.mechanism))).color(color))
            .id_salt(i)
            .default_open(i < 3)
            .show(ui, |ui| mechanism_body(ui, w, l, log, (i, e), actions));
    }
}

fn mechanism_body(ui: &mut egui::Ui, w: &World, l: &LevelDef, log: &RunLog, (i, e): (usize, &Explanation), actions: &mut Outbox) {
    super::causes::list(ui, w, e.mechanism, actions);
    if !e.decisive.is_empty() {
        let names: Vec<String> =
            e.decisive.iter().map(|id| l.state_ix(id).map(|ix| l.states[ix].name.clone()).unwrap_or(id.clone())).collect();
        ui.label(format!("Decided by: {}", names.join(", ")));
    }
    egui::CollapsingHeader::new("What the deciding states weighed (this run's record)").id_salt(("weights", i)).show(ui, |ui| {
        widgets::factor_bars(ui, &e.factors);
    });
    if let Some(vi) = log.votes.iter().position(|v| crate::sim::Mechanism::Vote(v.body, v.motion) == e.mechanism)
        && ui.small_button("Open the chamber").clicked()
    {
        actions.send(cmd::PanelCommand::Chamber(Some(vi)));
    }
}

/// The three strategies over many seeds, the historians' what-ifs, then what happened in history, labelled as
/// history.
fn strategies_and_history(ui: &mut egui::Ui, w: &World, l: &LevelDef, cmp: &Comparison, from_start: bool, actions: &mut Outbox) {
    ui.heading("The three strategies, over many seeds");
    ui.label(RichText::new("From the same start, the player's state following each strategy; other states decide as always.").weak());
    if from_start || cmp.running() {
        comparison_body(ui, cmp);
    } else if ui
        .button("Compare the three strategies (C)")
        .on_hover_text(format!("{COMPARE_RUNS} runs per strategy, in the background"))
        .clicked()
    {
        actions.send(cmd::WhatIfCommand::Compare);
    }
    ui.separator();
    super::whatifs::section(ui, w, actions);
    ui.separator();
    ui.heading("What happened in history");
    ui.label(RichText::new("History, not the simulation:").color(theme::PURPLE));
    ui.label(widgets::outcome_text(l.history.outcome));
    ui.label(&l.history.summary);
    for v in &l.history.votes {
        ui.label(format!(
            "• {} ({}): {} — {}",
            v.document,
            widgets::body_name(v.body),
            if v.adopted { "adopted" } else { "not adopted" },
            v.tally
        ))
        .on_hover_text(&v.source);
    }
    egui::CollapsingHeader::new("Sources").show(ui, |ui| {
        for s in &l.sources {
            ui.label(format!("• {s}"));
        }
    });
}

/// Back to the menu, and on to the lesson's next part or the campaign's next crisis.
fn debrief_footer(ui: &mut egui::Ui, w: &World, actions: &mut Outbox) {
    ui.horizontal(|ui| {
        if ui.button("Back to the menu").clicked() {
            actions.send(cmd::Navigate::Screen(Screen::Menu));
        }
        if let Some(lesson) = w.get_resource::<crate::game::lesson::ActiveLesson>() {
            let label = if lesson.review {
                "Back to the report (Enter)".to_string()
            } else if let Some(p) = lesson.def.parts.get(lesson.part + 1) {
                format!("Next part of the lesson: {} (Enter)", p.level.name)
            } else {
                "To the quiz (Enter)".to_string()
            };
            if ui.button(RichText::new(label).strong()).clicked() {
                actions.send(cmd::LessonCommand::Next);
            }
        } else if let Some(next) = next_in_campaign(w)
            && ui.button(RichText::new(format!("Next crisis: {}", next.level.name)).strong()).clicked()
        {
            actions.send(next);
        }
    });
}

fn strategy_chart(ui: &mut egui::Ui, results: &[StrategyResult]) {
    for r in results {
        ui.label(RichText::new(policy_title(r.policy)).strong());
        shares_bar(ui, &r.shares);
    }
    outcome_legend(ui);
}

/// The outcomes in the order the bars stack them, with their colours.
fn outcome_colors() -> [(OutcomeKind, egui::Color32); 5] {
    [OutcomeKind::Deterred, OutcomeKind::Reversed, OutcomeKind::Halted, OutcomeKind::Frozen, OutcomeKind::AggressorPrevails]
        .map(|o| (o, theme::outcome(o)))
}

/// One bar of outcome shares, each outcome's segment labelled with its percentage where it has the room.
pub fn shares_bar(ui: &mut egui::Ui, shares: &std::collections::BTreeMap<OutcomeKind, f64>) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(ui.available_width().min(360.0), 18.0), egui::Sense::hover());
    let mut x = rect.left();
    for (o, c) in outcome_colors() {
        let share = *shares.get(&o).unwrap_or(&0.0) as f32;
        let wdt = share * rect.width();
        if wdt > 0.0 {
            let seg = egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(wdt, rect.height()));
            ui.painter().rect_filled(seg, 0.0, c);
            if wdt > 28.0 {
                ui.painter().text(
                    seg.center(),
                    egui::Align2::CENTER_CENTER,
                    format!("{:.0}%", share * 100.0),
                    egui::FontId::proportional(11.0),
                    egui::Color32::BLACK,
                );
            }
            x += wdt;
        }
    }
}

/// The colours of the outcomes, as the bars use them.
pub fn outcome_legend(ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        for (o, c) in outcome_colors() {
            let (r, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(r, 2.0, c);
            ui.label(o.id().replace('_', " "));
        }
    });
}

/// The next crisis of the campaign, with the credibility of institutions already met carried forward.
fn next_in_campaign(w: &World) -> Option<crate::game::state::StartLevel> {
    let session = w.get_resource::<Session>()?;
    if !session.campaign {
        return None;
    }
    let catalog = w.resource::<crate::game::state::Catalog>();
    let campaign = catalog.campaign();
    let here = campaign.iter().position(|e| e.id == session.level_id)?;
    let next = campaign.get(here + 1)?;
    let level = next.level.clone().ok()?;
    let cred = w.get_resource::<crate::sim::Credibility>()?;
    let seen = |k: crate::level::InstitutionKind| campaign[..=here].iter().any(|e| e.level.as_ref().is_ok_and(|l| l.institution.kind == k));
    let league = if seen(crate::level::InstitutionKind::League) { cred.league } else { level.institution.credibility };
    let un = if seen(crate::level::InstitutionKind::UnitedNations) { cred.un } else { level.institution.credibility };
    // What the lessons are drawn from (the sim's resources: absent, no next era).
    w.get_resource::<crate::sim::RunLog>()?.outcome?;
    w.get_resource::<crate::sim::WorldTension>()?;
    w.get_resource::<crate::sim::MeasuresInForce>()?;
    let mut eras = session.eras.clone();
    eras.extend(super::campaign::era_mark(w));
    let mut lessons = session.lessons.after_run(w);
    // Faith is faith in an institution: a new one (the UN after the League) starts without the old one's losses.
    if level.institution.kind != w.get_resource::<crate::sim::Level>()?.0.institution.kind {
        lessons.faith = 0.0;
    }
    Some(crate::game::state::StartLevel {
        level,
        path: next.path.clone(),
        seed: crate::sim::core::next_era_seed(session.seed),
        role: None,
        replay: vec![],
        screen: Screen::Briefing,
        campaign: true,
        credibility: Some((league, un)),
        lessons,
        eras,
    })
}
