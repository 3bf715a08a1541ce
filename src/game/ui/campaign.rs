//! The campaign debrief: after the last era, each institution's credibility and world tension across the
//! century, with the outcome of each era and the strategy the player followed in it.

use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};

use crate::game::state::{EraMark, Session};
use crate::game::theme;
use crate::lesson::Strategy;
use crate::level::InstitutionKind;

/// The era just played, as the campaign remembers it.
pub fn era_mark(w: &World) -> Option<EraMark> {
    let session = w.get_resource::<Session>()?;
    let level = w.get_resource::<crate::sim::Level>()?;
    let outcome = w.get_resource::<crate::sim::RunLog>()?.outcome?.0;
    let cred = w.get_resource::<crate::sim::Credibility>()?;
    let tension = w.get_resource::<crate::sim::WorldTension>()?.tension;
    let authorised = w.get_resource::<crate::sim::MeasuresInForce>().is_some_and(|m| m.force_authorised);
    // Each institution is charted in the eras it met: the League until 1946, the UN from 1945.
    let kind = level.0.institution.kind;
    let met = |k: InstitutionKind| (kind == k).then_some(cred.of(k));
    Some(EraMark {
        level: level.0.id.clone(),
        name: level.0.name.clone(),
        role: session.role.clone(),
        outcome,
        strategy: main_strategy(&session.orders, authorised),
        league: met(InstitutionKind::League),
        un: met(InstitutionKind::UnitedNations),
        tension,
        orders: session.orders.clone(),
        seed: session.seed,
    })
}

/// The strategy most of the orders followed: `mixed` on a tie, `none` without orders.
fn main_strategy(orders: &[Vec<crate::level::Order>], authorised: bool) -> String {
    let mut n = [0usize; 3];
    for s in orders.iter().flat_map(|os| Strategy::of_turn(os, authorised, authorised)) {
        n[Strategy::ALL.iter().position(|x| *x == s).unwrap_or(0)] += 1;
    }
    let max = n.iter().copied().max().unwrap_or(0);
    let top: Vec<Strategy> = Strategy::ALL.iter().zip(n).filter(|(_, c)| *c == max && max > 0).map(|(s, _)| *s).collect();
    match top[..] {
        [] => "none".into(),
        [one] => one.id().into(),
        _ => "mixed".into(),
    }
}

/// Credibility of the League and the UN and world tension, era by era, with the outcomes as markers.
pub fn century_chart(ui: &mut egui::Ui, eras: &[EraMark]) {
    ui.heading("The century");
    ui.label(
        RichText::new("Each institution's credibility and world tension at the end of each era; the dot is how the era ended.").weak(),
    );
    let width = ui.available_width().min(620.0);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 190.0), egui::Sense::hover());
    let text = ui.visuals().text_color();
    let p = ui.painter_at(rect);
    let frame = super::widgets::PlotFrame::new(
        &p,
        egui::Rect::from_min_max(rect.min + egui::vec2(34.0, 8.0), rect.max - egui::vec2(8.0, 40.0)),
        eras.len(),
        &[0.0, 0.5, 1.0],
    );
    let (plot, x, y) = (frame.plot, |i| frame.x(i), |v| frame.y(v));
    series(&p, eras, &x, &y, |e| Some(e.tension), theme::ORANGE);
    series(&p, eras, &x, &y, |e| e.league, theme::BLUE);
    series(&p, eras, &x, &y, |e| e.un, theme::SKY);
    for (i, e) in eras.iter().enumerate() {
        p.circle_filled(egui::pos2(x(i), plot.bottom() + 10.0), 6.0, theme::outcome(e.outcome));
        p.text(
            egui::pos2(x(i), plot.bottom() + 20.0),
            egui::Align2::CENTER_TOP,
            short_name(&e.name),
            egui::FontId::proportional(10.0),
            text,
        );
    }
    ui.horizontal_wrapped(|ui| {
        for (label, c) in [("League credibility", theme::BLUE), ("UN credibility", theme::SKY), ("world tension", theme::ORANGE)] {
            let (r, _) = ui.allocate_exact_size(egui::vec2(14.0, 4.0), egui::Sense::hover());
            ui.painter().rect_filled(r, 0.0, c);
            ui.label(label);
        }
    });
    egui::Grid::new("eras").striped(true).show(ui, |ui| {
        for e in eras {
            let (r, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().circle_filled(r.center(), 5.0, theme::outcome(e.outcome));
            ui.label(&e.name);
            ui.label(e.outcome.id().replace('_', " "));
            ui.label(RichText::new(format!("your strategy: {}", e.strategy)).weak());
            ui.end_row();
        }
    });
}

fn short_name(name: &str) -> String {
    name.split_whitespace().last().map_or_else(String::new, |year| {
        let first = name.split_whitespace().next().unwrap_or("");
        format!("{first} {year}")
    })
}

fn series(
    p: &egui::Painter,
    eras: &[EraMark],
    x: &dyn Fn(usize) -> f32,
    y: &dyn Fn(f32) -> f32,
    v: impl Fn(&EraMark) -> Option<f32>,
    c: egui::Color32,
) {
    let mut line: Vec<egui::Pos2> = Vec::new();
    for (i, e) in eras.iter().enumerate() {
        if let Some(val) = v(e) {
            let pt = egui::pos2(x(i), y(val));
            line.push(pt);
            p.circle_filled(pt, 3.0, c);
        }
    }
    if line.len() > 1 {
        p.add(egui::Shape::line(line, egui::Stroke::new(2.0, c)));
    }
}

/// Seeds over which the campaign report measures what each era's legacy did to the later ones.
pub const LEGACY_RUNS: usize = 100;

/// The campaign report being written in the background.
#[derive(Resource, Default)]
pub struct ReportTask(Option<bevy::tasks::Task<Result<std::path::PathBuf, String>>>);

impl ReportTask {
    pub fn running(&self) -> bool {
        self.0.is_some()
    }
}

pub fn plugin(app: &mut App) {
    app.init_resource::<ReportTask>()
        .add_message::<WriteCampaignReport>()
        .add_systems(Update, super::when_sent::<WriteCampaignReport>(start_report).in_set(crate::game::GameSystems::Commands))
        .add_systems(Update, poll_report.in_set(crate::game::GameSystems::Background));
}

/// The player asks for the campaign report, written in the background.
#[derive(Message, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteCampaignReport;

fn poll_report(mut task: ResMut<ReportTask>, mut ui: ResMut<super::UiState>) {
    if let Some(t) = &mut task.0
        && let Some(r) = bevy::tasks::block_on(bevy::tasks::poll_once(t))
    {
        ui.message = Some(match r {
            Ok(dir) => format!("Campaign report saved in {}", dir.display()),
            Err(e) => format!("Could not save the campaign report: {e}"),
        });
        task.0 = None;
    }
}

/// Starts writing the campaign report: the eras played, and what each era's legacy did to the later ones,
/// measured by replaying the player's own orders era by era over the same seeds without it.
pub fn start_report(world: &mut World) {
    if world.resource::<ReportTask>().running() {
        return;
    }
    let Some(session) = world.get_resource::<Session>() else { return };
    let mut eras = session.eras.clone();
    eras.extend(era_mark(world));
    let catalog = world.resource::<crate::game::state::Catalog>();
    let stages: Vec<crate::sim::campaign::Stage> = eras
        .iter()
        .filter_map(|e| {
            let level = catalog.find(&e.level)?.level.clone().ok()?;
            let role = level.state_ix(&e.role);
            Some(crate::sim::campaign::Stage { level, role, policy: None, replay: Some(e.orders.clone()) })
        })
        .collect();
    // The replays start where the campaign did: each later era's seed follows from the first's.
    let seed = eras.first().map_or(session.seed, |e| e.seed);
    let dir = crate::files::data_dir().unwrap_or_else(std::env::temp_dir).join("reports").join(format!("campaign-seed{seed}"));
    let task = bevy::tasks::AsyncComputeTaskPool::get().spawn(async move {
        let legacies = crate::sim::campaign::legacy::legacy_causes(&stages, crate::sim::Policy::Historical, seed, LEGACY_RUNS, true);
        crate::sim::campaign::report::save(&dir, "The century: a campaign", &eras, &legacies, LEGACY_RUNS)
            .map(|_| dir)
            .map_err(|e| e.to_string())
    });
    world.resource_mut::<ReportTask>().0 = Some(task);
}
