//! The crisis panel: the three strategies and the concrete orders under each, with what the simulation
//! expects and why, from the same factors the states will decide by.

use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};

use crate::game::state::{Session, TurnPhase};
use crate::game::theme;
use crate::level::{BodyKind, LevelDef, Measure, Order, Procedure};
use crate::sim::institution::{Cast, forecast};
use crate::sim::{Ballot, Bloc, Level, Member, PlayerRole};

use super::{Outbox, cmd, widgets};
pub use crate::sim::text::order_text;

/// What a motion would get if tabled now.
pub struct Forecast {
    pub body: BodyKind,
    pub measure: Measure,
    pub under: Procedure,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    pub absent: u32,
    pub adopted: bool,
    pub vetoes: Vec<String>,
    /// The members against or abstaining, with their strongest reason.
    pub holdouts: Vec<(String, Ballot, &'static str, f32)>,
    /// Why the body cannot take it up now, if it cannot.
    pub out_of_order: Option<&'static str>,
}

fn summarise(body: BodyKind, measure: Measure, under: Procedure, t: crate::sim::institution::rules::Tally, casts: Vec<Cast>) -> Forecast {
    let vetoes = t.vetoes.iter().map(|&i| casts[i].id.to_string()).collect();
    let mut holdouts: Vec<(String, Ballot, &'static str, f32)> = casts
        .iter()
        .filter(|c| matches!(c.ballot, Ballot::No | Ballot::Abstain))
        .map(|c| {
            let top = c.factors.iter().filter(|f| f.weight < 0.0).min_by(|a, b| a.weight.total_cmp(&b.weight));
            (c.id.to_string(), c.ballot, top.map_or("", |f| f.id.label()), top.map_or(0.0, |f| f.weight))
        })
        .collect();
    holdouts.sort_by(|a, b| a.1.cmp(&b.1).reverse().then(a.3.total_cmp(&b.3)));
    Forecast {
        body,
        measure,
        under,
        yes: t.yes,
        no: t.no,
        abstain: t.abstain,
        absent: t.absent,
        adopted: t.adopted,
        vetoes,
        holdouts,
        out_of_order: None,
    }
}

/// Forecasts of the current turn, computed once per turn: the world they read changes only when a turn is played.
#[derive(Resource, Default)]
pub struct ForecastCache {
    key: Option<(String, u64, usize, usize)>,
    pub forecasts: std::sync::Arc<Vec<Forecast>>,
}

/// Forecasts for every motion the player could table now.
pub fn forecasts(world: &mut World) -> std::sync::Arc<Vec<Forecast>> {
    let Some(level) = world.get_resource::<Level>().map(|l| l.0.clone()) else { return Default::default() };
    if world.get_resource::<State<TurnPhase>>().is_none_or(|p| *p.get() != TurnPhase::Orders) {
        return Default::default();
    }
    let key = Some((
        level.id.clone(),
        world.resource::<crate::sim::SimRng>().seed(),
        world.resource::<crate::sim::Calendar>().turn,
        world.resource::<crate::sim::RunLog>().decisions.len(),
    ));
    if let Some(c) = world.get_resource::<ForecastCache>()
        && c.key == key
    {
        return c.forecasts.clone();
    }
    let out = std::sync::Arc::new(compute(world, &level));
    world.insert_resource(ForecastCache { key, forecasts: out.clone() });
    out
}

fn compute(world: &mut World, level: &crate::level::LevelDef) -> Vec<Forecast> {
    let mut out = Vec::new();
    let attacked = world.query::<&crate::sim::Crisis>().iter(world).next().is_none_or(|c| c.attacked);
    for (body, measure, under) in crate::sim::institution::motions(level.institution.kind) {
        if level.body(body).is_none() {
            continue;
        }
        if let Some((t, casts)) = forecast(world, body, measure, under) {
            let mut f = summarise(body, measure, under, t, casts);
            f.out_of_order = world
                .get_resource::<crate::sim::MeasuresInForce>()
                .and_then(|m| crate::sim::institution::admissible(body, measure, m, attacked).err());
            out.push(f);
        }
    }
    out
}

pub fn crisis_panel(root: &mut egui::Ui, w: &World, forecasts: &[Forecast], actions: &mut Outbox) {
    let (Some(level), Some(role), Some(session)) = (w.get_resource::<Level>(), w.get_resource::<PlayerRole>(), w.get_resource::<Session>())
    else {
        return;
    };
    let l = &level.0;
    let phase = w.get_resource::<State<TurnPhase>>().map(|s| *s.get());
    let can_order = phase == Some(TurnPhase::Orders);
    let is_member = w.get::<Member>(role.state).is_some();
    egui::Panel::left("crisis").resizable(true).default_size(330.0).show(root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading("The crisis");
            let (aggressor, victim) = (&l.states[l.crisis.aggressor].name, &l.states[l.crisis.victim].name);
            // "attacks Hungary in Hungary" says nothing twice: a theatre named as the victim is left unsaid.
            let theatre = if l.crisis.theatre == *victim { String::new() } else { format!(" in {}", l.crisis.theatre) };
            ui.label(format!("{aggressor} attacks {victim}{theatre}."));
            ui.label(RichText::new(format!("Its claim: “{}”", l.crisis.claim)).italics());
            if let Some(aim) = crate::sim::text::aim_text(aggressor, l.crisis.aim, l.crisis.punitive) {
                ui.label(RichText::new(aim).weak());
            }
            ui.separator();
            ui.add_enabled_ui(can_order, |ui| {
                egui::CollapsingHeader::new(RichText::new("Appeasement").strong())
                    .default_open(true)
                    .show(ui, |ui| appeasement_orders(ui, w, l, role, actions));
                egui::CollapsingHeader::new(RichText::new("Alliance and balance of power").strong())
                    .default_open(true)
                    .show(ui, |ui| alliance_orders(ui, w, role, actions));
                egui::CollapsingHeader::new(RichText::new(format!("Collective action through the {}", l.institution.name)).strong())
                    .default_open(true)
                    .show(ui, |ui| collective_orders(ui, forecasts, is_member, actions));
            });
            pending_orders(ui, session, can_order, actions);
        });
    });
}

/// Concessions and mediation, with what each costs.
fn appeasement_orders(ui: &mut egui::Ui, w: &World, l: &LevelDef, role: &PlayerRole, actions: &mut Outbox) {
    ui.label(RichText::new("Concessions buy time and lower tension now, but raise the aggressor's appetite and power and cut the credibility of every later commitment.").weak());
    {
        use crate::sim::appeasement::*;
        let victim = w.get::<crate::sim::Victim>(role.state).is_some();
        let concede_leverage = if victim { 1.0 } else { w.get::<crate::sim::Interests>(role.state).map_or(0.0, leverage) };
        let concede = format!(
            "The aggressor gains {:.0}% of its claim, appetite +{CONCESSION_APPETITE:.2} and power +{:.0}%; tension −{:.0} points; the institution's credibility −{:.0} points and every bloc's cohesion −{CONCESSION_CREDIBILITY:.2}.",
            l.crisis.concession * concede_leverage * 100.0,
            CONCESSION_POWER * 100.0,
            CONCESSION_TENSION * 100.0,
            CONCESSION_CREDIBILITY * 100.0
        );
        order_button(ui, actions, Order::Concede, "Concede part of the claim", &concede);
        if !victim || Order::Mediate.open_to_the_victim() {
            let mediate = format!(
                "Tension −{:.0} points; appetite +{:.2}. At war, a way out for the aggressor near a stalemate (up to {:.2}, by your power beside its own).",
                CONCESSION_TENSION * 50.0,
                CONCESSION_APPETITE / 3.0,
                crate::sim::appeasement::MEDIATION
            );
            order_button(ui, actions, Order::Mediate, "Offer mediation", &mediate);
        }
    }
}

/// Guarantees, rearmament, forces, arms, blockade and the blocs the player may join.
fn alliance_orders(ui: &mut egui::Ui, w: &World, role: &PlayerRole, actions: &mut Outbox) {
    ui.label(RichText::new("Coalitions form late and uncertainly; a bloc protects its members and no one else.").weak());
    let victim = w.get::<crate::sim::Victim>(role.state).is_some();
    if !victim || Order::Guarantee.open_to_the_victim() {
        order_button(
            ui,
            actions,
            Order::Guarantee,
            "Guarantee the victim",
            "A guarantee deters if the aggressor believes it; its credibility falls with every concession made before.",
        );
    }
    let rearm = format!("Your power +{:.0}%; the arms race speeds up and the aggressor rearms too.", crate::sim::alliance::REARM * 100.0);
    if victim {
        order_button(ui, actions, Order::Rearm, "Mobilise and resist", &format!("{rearm} Your forces in the theatre fight harder."));
    } else {
        order_button(ui, actions, Order::Rearm, "Rearm", &rearm);
    }
    let send = format!(
        "You send up to {:.0}% of your power: more with your stake in the theatre, your ties to the victim or a pact, less if the aggressor is your friend. Its first elements land after {:.0} days plus a day per {:.0} km, all of it after {:.0} days plus a day per {:.0} km. Friends of the victim may follow, others may free-ride. Ordered in the turn you ask the institution to authorise force, they go only if it does.",
        crate::sim::measures::INTERVENE_SHARE * 100.0,
        crate::sim::MOBILISE_DAYS,
        crate::sim::VOYAGE_KM_PER_DAY,
        crate::sim::MOBILISE_DAYS,
        crate::sim::KM_PER_DAY
    );
    // A victim sends an expedition where the theatre lies far from home (Britain, 1982).
    order_button(ui, actions, Order::Intervene, "Send forces to the theatre", &send);
    if !victim || Order::ArmVictim.open_to_the_victim() {
        let arm = format!(
            "Arms worth up to {:.0}% of your power (less if the aggressor is your friend) reach the victim's forces over the same transit time; no war with the aggressor. Others may follow your lead.",
            crate::sim::alliance::ARMS_SHARE * 100.0
        );
        order_button(ui, actions, Order::ArmVictim, "Arm the victim", &arm);
    }
    // A theatre reached only overland has no sea route to close.
    if !w.get_resource::<crate::sim::Level>().is_some_and(|l| l.0.crisis.landlocked) {
        order_button(
            ui,
            actions,
            Order::Blockade,
            "Blockade the sea routes to the theatre",
            "Cuts the aggressor's forces in the theatre, the more the longer its supply line and the stronger your navy there; the aggressor may answer with war on you.",
        );
    }
    if let Some(mut q) = w.try_query::<&Bloc>() {
        for b in q.iter(w) {
            let aggressors_bloc = w
                .try_query::<(Entity, &crate::sim::Aggressor)>()
                .and_then(|mut q| q.iter(w).next().map(|x| x.0))
                .is_some_and(|agg| b.members.contains(&agg));
            if !b.members.contains(&role.state) && b.kind != crate::level::BlocKind::Guarantee && !aggressors_bloc {
                order_button(
                    ui,
                    actions,
                    Order::JoinBloc(b.id.clone()),
                    &format!("Join {}", b.name),
                    "Membership obliges you to defend its members.",
                );
            }
        }
    }
}

/// The motions the institution could vote on now, each with its forecast, and the orders that carry out its word.
fn collective_orders(ui: &mut egui::Ui, forecasts: &[Forecast], is_member: bool, actions: &mut Outbox) {
    if !is_member {
        ui.label(
            RichText::new("You are not a member: you cannot table motions. You can apply sanctions of your own.").color(theme::VERMILLION),
        );
    }
    for f in forecasts {
        let title = format!("{}: {}", widgets::body_name(f.body), widgets::measure_name(f.measure));
        ui.add_enabled_ui(is_member, |ui| {
            ui.horizontal(|ui| {
                let order = Order::Propose { body: f.body, measure: f.measure, under: f.under };
                let resp = ui.button(&title);
                let verdict = if f.out_of_order.is_some() {
                    RichText::new("out of order").color(theme::GREY).italics()
                } else if f.adopted {
                    RichText::new(format!("expected {}–{}–{} ✔", f.yes, f.no, f.abstain)).color(theme::BLUE)
                } else if !f.vetoes.is_empty() {
                    RichText::new(format!("veto: {}", f.vetoes.join(", "))).color(theme::VERMILLION)
                } else {
                    RichText::new(format!("expected {}–{}–{} ✖", f.yes, f.no, f.abstain)).color(theme::VERMILLION)
                };
                let v = ui.label(verdict);
                if let Some(why) = f.out_of_order {
                    v.on_hover_text(why);
                }
                let resp = resp.on_hover_ui(|ui| {
                    if let Some(why) = f.out_of_order {
                        ui.colored_label(theme::VERMILLION, format!("Out of order now: {why}."));
                    }
                    ui.label(format!(
                        "If tabled now: {} yes, {} no, {} abstain, {} absent. {}",
                        f.yes,
                        f.no,
                        f.abstain,
                        f.absent,
                        if f.adopted { "It would pass." } else { "It would fail." }
                    ));
                    if f.under == Procedure::Art15 {
                        ui.label("Under Article 15 the parties' votes are not counted.");
                    }
                    for (id, b, why, wgt) in f.holdouts.iter().take(8) {
                        let (mark, c) = widgets::ballot_mark(*b);
                        ui.colored_label(c, format!("{id} {mark}: {why} ({wgt:+.2})"));
                    }
                    ui.label(RichText::new("Forecast from each member's factors today, without chance.").weak());
                });
                if resp.clicked() {
                    actions.send(cmd::Draft::Add(order));
                }
            });
        });
    }
    order_button(
        ui,
        actions,
        Order::Sanction { oil: true },
        "Apply your own sanctions, oil included",
        "Your trade with the aggressor stops; others join only if they choose.",
    );
    order_button(
        ui,
        actions,
        Order::HoldAtTheLine,
        "Restore the line, no more",
        "Your forces stop at the line where the aggression began once they have thrown the aggressor back to it. Its friends then see no threat at their border; pressing on may bring them into the war (China, October 1950).",
    );
}

/// The orders drafted for this turn, and the end of the turn.
fn pending_orders(ui: &mut egui::Ui, session: &Session, can_order: bool, actions: &mut Outbox) {
    ui.separator();
    ui.strong("Orders for this turn");
    if session.pending.is_empty() {
        ui.label(RichText::new("none yet: the turn passes without action").weak());
    }
    for (i, o) in session.pending.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(order_text(o));
            if can_order && ui.small_button("✖").on_hover_text("Remove").clicked() {
                actions.send(cmd::Draft::Remove(i));
            }
        });
    }
    if can_order && ui.button(RichText::new("End turn (Enter)").strong()).clicked() {
        actions.send(cmd::EndTurn);
    }
}

fn order_button(ui: &mut egui::Ui, actions: &mut Outbox, order: Order, label: &str, hint: &str) {
    if ui.button(label).on_hover_text(hint).clicked() {
        actions.send(cmd::Draft::Add(order));
    }
}
