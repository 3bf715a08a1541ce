//! Carrying out what was decided: sanctions that each member applies as it sees fit and that leak
//! through non-members; coalitions in which each state weighs its duty against its cost and free-rides
//! when it can; peacekeepers who deploy only with the parties' consent.

use bevy::prelude::*;

use crate::level::{BlocKind, InstitutionKind, Measure, Order, StateIx};

use super::aggressor::{DETERRENCE, NUCLEAR_RISK, SUPPLY_KM};
use super::alliance::ARMS_SHARE;
use super::core::*;
use super::interest::{self, View};
use super::intervention::{Intervention, OrderKind};
use super::trace::{DecisionKind, Factor, FactorId, Factors, RunLog};

pub fn plugin(app: &mut App) {
    app.add_systems(
        Turn,
        (
            national_sanctions.in_set(TurnSystems::Orders),
            (
                apply_sanctions.run_if(sanctions_in_force),
                form_coalition,
                send_arms,
                enforce_blockade.run_if(blockading),
                deploy_peacekeepers.run_if(peacekeepers_voted),
            )
                .chain()
                .in_set(TurnSystems::Measures),
        ),
    );
}

/// Run conditions: most turns of most runs have no sanctions, blockade or peacekeepers to carry out, and a
/// condition costs less than a system's parameters.
fn sanctions_in_force(mif: Res<MeasuresInForce>) -> bool {
    mif.sanctions.is_some()
}
fn blockading(mif: Res<MeasuresInForce>) -> bool {
    !mif.blockaders.is_empty()
}
fn peacekeepers_voted(mif: Res<MeasuresInForce>) -> bool {
    mif.has(Measure::Peacekeeping)
}

/// How much of the diverted trade one unit of CINC outside the sanctions can take up.
pub const LEAK_PER_CINC: f32 = 3.0;
/// Turns before sanctions bite fully.
pub const SANCTIONS_DELAY: f32 = 2.0;
/// Share of pressure left when oil, the essential import, is exempted.
pub const WITHOUT_OIL: f32 = 0.55;
/// How much more oil a supplier outside an embargo can sell, as a multiple of what it sold: American oil
/// shipments to Italy roughly tripled in the last months of 1935 (H. Feis, Seen from E.A., 1947; G. W. Baer,
/// Test Case, 1976). Oil can be replaced only by those who sell it, not by any large economy.
pub const OIL_SURGE: f32 = 2.0;
/// The largest share of a cut that states outside the sanctions can make up.
pub const MAX_LEAK: f32 = 0.9;

fn national_sanctions(
    mut orders: MessageReader<OrderIssued>,
    level: Res<Level>,
    cal: Res<Calendar>,
    mut mif: ResMut<MeasuresInForce>,
    mut log: ResMut<RunLog>,
    mut sanctioning: Query<(&Nation, &mut Sanctioning)>,
) {
    for o in orders.read() {
        if let Order::Sanction { oil } = o.order {
            if let Ok((nation, mut s)) = sanctioning.get_mut(o.state) {
                s.0 = Some(1.0);
                let what = if oil { "its trade with the aggressor, oil included" } else { "its trade with the aggressor" };
                log.news(cal.turn, level.0.turns[cal.turn].date, format!("{} cuts {what}", nation.name), false);
            }
            if mif.sanctions.is_none() {
                mif.sanctions = Some((cal.turn, oil));
                mif.national_sanctions = true;
            }
        }
    }
}

fn apply_sanctions(
    level: Res<Level>,
    cal: Res<Calendar>,
    cred: Res<Credibility>,
    weights: Res<Weights>,
    role: Res<PlayerRole>,
    draws: Res<Draws>,
    rng: Res<SimRng>,
    mut mif: ResMut<MeasuresInForce>,
    mut log: ResMut<RunLog>,
    crisis: Single<&Crisis>,
    mut nations: Query<(NationQuery, &mut Sanctioning)>,
    order: Res<Nations>,
    iv: Res<Intervention>,
) {
    let Some((start, oil)) = mif.sanctions else { return };
    let kind = level.0.institution.kind;
    let agg_cinc = nations.get(crisis.aggressor).map(|n| n.0.2.cinc).unwrap_or(0.0);
    // The UN Council's measures bind every member; the League left each member to decide (Art. 16).
    let binding = kind == InstitutionKind::UnitedNations && !mif.national_sanctions;
    // Who gave up what, and who leaked, are for the panels and reports: many-run comparisons skip them.
    let mut cut = Cut { detail: !log.lean, ..default() };
    let mut trace = SanctionsTrace::default();
    let redecide = std::mem::take(&mut mif.sanctions_redecide);
    // In the states' own order, each with its own draw, whatever the world ran before (`SimRng::keyed`).
    for ((e, nation, cap, int, member), mut decided) in order.in_order(nations.iter_mut(), |n| n.0.1.ix) {
        if e == crisis.aggressor || e == crisis.victim {
            continue;
        }
        // Members decide anew when the institution takes sanctions over; an outsider keeps its own choice.
        let current = decided.0.filter(|_| !(redecide && member));
        // Each state's own draw for the turn (`SimRng::keyed`): who the player leads never shifts the draws.
        let compliance = if let Some(c) = current {
            c
        } else if e == role.state && role.policy != Some(Policy::Historical) {
            // A player applies what its institution decided.
            if member && !mif.national_sanctions { 1.0 } else { 0.0 }
        } else if (member && !mif.national_sanctions) || (mif.national_sanctions && int.ties_victim > 0.3) {
            // Sanctions voted by the institution are for members to apply; sanctions begun by one state
            // are joined by the victim's friends who choose to.
            let noise = rng.keyed(cal.turn, DrawFor::Sanctions, nation.ix.0);
            let view =
                View { own_cinc: cap.cinc, aggressor_cinc: agg_cinc, credibility: cred.of(kind), self_defence: crisis.self_defence, noise };
            let factors = interest::compliance_factors(int, &view, oil, binding, &weights);
            let c = (0.5 + iv.score(&factors)).clamp(0.0, 1.0);
            log.decide(cal.turn, &nation.id, DecisionKind::Sanctions { compliance: c }, factors);
            c
        } else {
            0.0
        };
        if current.is_none() && (member || compliance > 0.0) {
            decided.0 = Some(compliance);
        }
        cut.add(&mut trace, &nation.id, cap.cinc, int, member, compliance, oil, draws.leakage);
    }
    cut.finish(&mut trace, oil, ((cal.turn - start) as f32 / SANCTIONS_DELAY).min(1.0));
    mif.pressure = cut.pressure(oil) * trace.bite;
    mif.fuel_denied = cut.fuel_denied() * level.0.crisis.oil_imported * trace.bite;
    mif.sanctions_trace = Some(trace);
}

/// What sanctions cut from the aggressor's trade and oil, and what states outside them can make up.
#[derive(Default)]
struct Cut {
    /// Shares of the aggressor's trade and oil that complying states give up.
    trade: f32,
    oil: f32,
    /// What states outside the sanctions can substitute: general trade by their economic weight, oil only by
    /// those who already sell it, raising their sales.
    trade_leak: f32,
    oil_leak: f32,
    /// Whether to name each sanctioner's cost, the defectors and the leaks in the trace.
    detail: bool,
}

impl Cut {
    #[allow(clippy::too_many_arguments)]
    fn add(&mut self, trace: &mut SanctionsTrace, id: &str, cinc: f32, int: &Interests, member: bool, c: f32, oil: bool, draw: f32) {
        let traded = int.trade_aggressor + if oil { int.oil_aggressor } else { 0.0 };
        self.trade += c * int.trade_aggressor;
        if oil {
            self.oil += c * int.oil_aggressor;
        }
        if c > 0.0 && self.detail {
            trace.costs.push((id.to_string(), c * traded));
        }
        if c < 0.5 && member && traded > 0.0 && self.detail {
            trace.defectors.push((id.to_string(), (1.0 - c) * traded));
        }
        if c < 0.1 {
            let trade = cinc * LEAK_PER_CINC * (1.0 - int.ties_victim.max(0.0)) * draw;
            let oil = if oil { int.oil_aggressor * OIL_SURGE * draw } else { 0.0 };
            self.trade_leak += trade;
            self.oil_leak += oil;
            if self.detail {
                trace.leakers.push((id.to_string(), trade + oil));
            }
        }
    }

    /// The share of each cut that states outside make up, capped at `MAX_LEAK`.
    fn leaks(&self) -> (f32, f32) {
        let oil = if self.oil > 0.0 { (self.oil_leak / self.oil).min(MAX_LEAK) } else { 0.0 };
        (self.trade_leak.min(MAX_LEAK), oil)
    }

    /// Share of the oil the aggressor bought that no longer reaches it.
    fn fuel_denied(&self) -> f32 {
        self.oil.min(1.0) * (1.0 - self.leaks().1)
    }

    /// Pressure at full bite: trade and oil weigh alike; without oil only `WITHOUT_OIL` of it remains.
    fn pressure(&self, oil: bool) -> f32 {
        let (tl, ol) = self.leaks();
        let trade = self.trade.min(1.0) * (1.0 - tl);
        if oil { (trade + self.oil.min(1.0) * (1.0 - ol)) / 2.0 } else { trade * WITHOUT_OIL }
    }

    fn finish(&self, trace: &mut SanctionsTrace, oil: bool, bite: f32) {
        let coverage = if oil { (self.trade.min(1.0) + self.oil.min(1.0)) / 2.0 } else { self.trade.min(1.0) };
        let full = self.pressure(oil) / if oil { 1.0 } else { WITHOUT_OIL };
        trace.coverage = coverage;
        trace.leakage = if coverage > 0.0 { 1.0 - full / coverage } else { self.leaks().0 };
        trace.oil_exempt = if oil { 0.0 } else { full * (1.0 - WITHOUT_OIL) };
        trace.bite = bite;
        trace.leakers.sort_by(|a, b| b.1.total_cmp(&a.1));
        trace.leakers.truncate(3);
        trace.defectors.sort_by(|a, b| b.1.total_cmp(&a.1));
        trace.defectors.truncate(3);
    }
}

/// Extra share of its power a state sends at full exposure to the aggressor (see `interest::exposure`).
pub const EXPOSED_SHARE: f32 = 0.5;
/// Score above which the aggressor answers a blockade with war on the blockaders.
pub const BLOCKADE_WAR_ABOVE: f32 = 0.3;
/// Score above which a friend of the victim sends it arms.
pub const ARMS_ABOVE: f32 = 0.6;
/// Share of its power a state sends when its government orders forces to the theatre.
pub const INTERVENE_SHARE: f32 = 0.3;
/// The share of its power a government that orders forces can send and keep there: what its public will pay
/// for grows with its stake in the theatre, its ties to the victim, and the treaty that obliges it (a pact
/// held with `obligation` cohesion is a stake as firm as that), and shrinks with its ties to the aggressor and the threats that hold its forces at home (`can_spare`).
pub fn order_share(int: &Interests, obligation: f32) -> f32 {
    INTERVENE_SHARE * (0.4 + 0.6 * int.interest.max(int.ties_victim).max(obligation).clamp(0.0, 1.0)) * interest::can_spare(int)
}

/// Score at which a state deciding for itself sends all that an order would.
pub const RESOLVED_AT: f32 = 0.3;
/// The share a state sends by its own decision, with score `s > 0`: as it grows more resolved, up to what its
/// government would send by an order and never more, so that an order history gave and a variant drops never
/// leaves the state sending more of its own accord.
pub fn own_share(int: &Interests, obligation: f32, s: f32) -> f32 {
    order_share(int, obligation) * ((0.1 + s) / (0.1 + RESOLVED_AT)).min(1.0)
}

/// States decide whether to send forces: under the institution's authority, under a bloc's obligation,
/// or behind governments other than the victim that ordered forces (an ad hoc coalition). The strongest decide first; the rest
/// can pass the buck. What they send arrives over the days its distance takes.
fn form_coalition(
    level: Res<Level>,
    cal: Res<Calendar>,
    cred: Res<Credibility>,
    weights: Res<Weights>,
    role: Res<PlayerRole>,
    draws: Res<Draws>,
    rng: Res<SimRng>,
    mut mif: ResMut<MeasuresInForce>,
    mut log: ResMut<RunLog>,
    crisis: Single<&Crisis>,
    blocs: Query<&Bloc>,
    nations: Query<NationQuery>,
    iv: Res<Intervention>,
) {
    // Forces that waited on the institution's answer go if it granted the authority, and stay home if not.
    for e in std::mem::take(&mut mif.awaiting_authority) {
        if mif.force_authorised && !mif.intervening.contains(&e) {
            mif.intervening.push(e);
        }
    }
    // Before the first shot only governments that ordered forces deploy them (to the victim, at its
    // invitation: deterrence by denial); once fighting starts everyone with a reason decides.
    if !crisis.fighting && (crisis.attacked || mif.intervening.is_empty()) {
        return;
    }
    let covering: Vec<&Bloc> =
        if crisis.fighting { blocs.iter().filter(|b| b.covers(crisis.victim, crisis.aggressor)).collect() } else { vec![] };
    if !mif.force_authorised && covering.is_empty() && mif.intervening.is_empty() {
        return;
    }
    let Ok(agg) = nations.get(crisis.aggressor) else { return };
    let (start, _) = turn_days(&level.0, cal.turn);
    let needed = agg.2.cinc * projection(agg.3.km_theatre, agg.2.cinc) * crisis.aggressor_readiness * 1.5;
    // Those leading the effort (governments that ordered forces, states whose forces are already on their way)
    // count with the power they can bring to the theatre, as the aggressor does.
    let mut leaders: Vec<Entity> = mif.intervening.iter().chain(mif.coalition.iter().map(|c| &c.state)).copied().collect();
    leaders.sort_unstable();
    leaders.dedup();
    let lead: f32 = leaders
        .iter()
        .filter_map(|e| nations.get(*e).ok())
        .map(|n| n.2.cinc * projection(n.3.km_theatre, n.2.cinc) * n.3.ties_victim.max(0.0))
        .sum();
    // Before the first shot only governments that ordered forces deploy them; an ally follows into a war.
    let led = if crisis.fighting { pacts_led(&blocs, &leaders, &crisis, &nations) } else { vec![] };
    let ctx = CoalitionCtx {
        authorised: mif.force_authorised,
        nuclear: super::aggressor::nuclear_shadow(&crisis, &blocs, &nations),
        lead: lead / (agg.2.cinc * projection(agg.3.km_theatre, agg.2.cinc)).max(1e-6),
        credibility: cred.of(level.0.institution.kind),
    };
    let mut committed: f32 = mif.coalition.iter().map(|c| c.cinc).sum();
    // The victim joins only with an expedition it ordered (its army at home fights in the theatre anyway).
    let mut joined: Vec<Entity> = mif.coalition.iter().map(|c| c.state).collect();
    joined.sort_unstable();
    let deciding =
        |e: Entity| e != crisis.aggressor && (e != crisis.victim || mif.intervening.contains(&e)) && joined.binary_search(&e).is_err();
    let mut deciders = Vec::with_capacity(level.0.states.len());
    deciders.extend(nations.iter().filter(|n| deciding(n.0)));
    for (e, nation, cap, int, member) in strongest_first(&deciders, |n| (n.2.cinc, n.1.ix)) {
        if iv.withholds(nation.ix, OrderKind::Intervene) || level.0.withholds(nation.ix, cal.turn, |o| *o == Order::Intervene) {
            continue;
        }
        let view = |noise| View {
            own_cinc: cap.cinc,
            aggressor_cinc: agg.2.cinc,
            credibility: ctx.credibility,
            self_defence: crisis.self_defence,
            noise,
        };
        // A state the aggressor threatens at home fights with more of its strength: it fights for itself, with
        // what other threats leave it free to send.
        let for_itself = EXPOSED_SHARE * interest::exposure(int, &view(0.0)) * interest::free_of_other_threats(int);
        let obligation = covering.iter().filter(|b| b.obliges(e, |x| mif.in_coalition(x))).map(|b| b.cohesion).fold(0.0, f32::max);
        let c = if mif.intervening.contains(&e) {
            let c = cap.cinc * (order_share(int, obligation) + for_itself);
            log.decide(cal.turn, &nation.id, DecisionKind::Contribute { cinc: c }, vec![Factor::new(FactorId::PlayerOrder, 1.0)]);
            c
        } else if e == role.state && role.policy != Some(Policy::Historical) {
            // The player's forces go by its orders only, whether a person or a strategy gives them.
            continue;
        } else {
            // An ad hoc coalition forms behind a government that sent forces to the victim, not behind the
            // victim's own expedition: its war is not a lead for others to follow.
            let ad_hoc = crisis.fighting && mif.intervening.iter().any(|&x| x != crisis.victim) && int.ties_victim > 0.3;
            let solidarity = if obligation > 0.0 { 0.0 } else { ally_leading(&led, e) };
            if obligation <= 0.0 && solidarity <= 0.0 && !(ctx.authorised && member && crisis.fighting) && !ad_hoc {
                continue;
            }
            // Its own keyed draw (`SimRng::keyed`), drawn only by a state that weighs sending forces.
            let view = view(rng.keyed(cal.turn, DrawFor::Forces, nation.ix.0));
            // What its forces could be, whatever its will to send them (its ties and stake are factors of their own).
            let own = cap.cinc * projection(int.km_theatre, cap.cinc) * INTERVENE_SHARE / needed.max(1e-6);
            let burden = interest::Burden { carried: committed / needed.max(1e-6), own: own.min(1.0) };
            let mut factors = coalition_factors(int, &view, &ctx, member, obligation, burden, &weights);
            if solidarity > 0.0 {
                follow_the_protector(&mut factors, solidarity);
            }
            let s = iv.score(&factors);
            let c = if s > 0.0 { cap.cinc * (own_share(int, obligation, s) + for_itself) } else { 0.0 };
            log.decide(cal.turn, &nation.id, DecisionKind::Contribute { cinc: c }, factors);
            c
        };
        if c > 0.0 {
            let arrives = c * projection(int.km_theatre, cap.cinc);
            let sent = Contingent::sent(e, arrives, start, int.km_theatre, &draws);
            if !log.lean {
                log.news(cal.turn, level.0.turns[cal.turn].date, forces_sent(&nation.name, &crisis.theatre, &sent), false);
            }
            mif.coalition.push(sent);
            committed += arrives;
        }
    }
    if !mif.coalition.is_empty() && mif.control_when_coalition_formed.is_none() {
        mif.control_when_coalition_formed = Some(crisis.control);
    }
}

/// The pacts whose protector, their strongest member (between equals, the first in the level), leads the
/// coalition (its forces ordered or sent), with that protector. The victim protects no one here (its allies
/// answer by their treaty), and a pact the aggressor belongs to draws no one against it: a member does not fight
/// its ally.
fn pacts_led<'a>(blocs: &'a Query<&Bloc>, leaders: &[Entity], crisis: &Crisis, nations: &Query<NationQuery>) -> Vec<(&'a Bloc, Entity)> {
    let rank = |e: &Entity| nations.get(*e).map(|n| (n.2.cinc, std::cmp::Reverse(n.1.ix.0))).ok();
    let protector = |b: &Bloc| b.members.iter().copied().max_by(|x, y| rank(x).partial_cmp(&rank(y)).unwrap_or(std::cmp::Ordering::Equal));
    blocs
        .iter()
        .filter(|b| b.kind != BlocKind::Guarantee && !b.members.contains(&crisis.aggressor))
        .filter_map(|b| protector(b).map(|p| (b, p)))
        .filter(|(_, p)| *p != crisis.victim && leaders.contains(p))
        .collect()
}

/// How firmly `state` is bound to a protector that leads the coalition, outside any obligation: the cohesion of
/// the firmest such pact it belongs to, 0 if none.
fn ally_leading(led: &[(&Bloc, Entity)], state: Entity) -> f32 {
    led.iter().filter(|(b, p)| *p != state && b.members.contains(&state)).map(|(b, _)| b.cohesion).fold(0.0, f32::max)
}

/// A state whose protector leads the coalition follows it: it weighs the lead, and it does not free-ride on the
/// protector whose commitment it fears to lose (Snyder's abandonment), as far as their pact is firm.
fn follow_the_protector(factors: &mut Factors, cohesion: f32) {
    for f in factors.iter_mut().filter(|f| f.id == FactorId::FreeRiding) {
        f.weight *= 1.0 - cohesion;
    }
    factors.push(Factor::new(FactorId::AllySolidarity, SOLIDARITY * cohesion));
}

/// What its protector's lead weighs on a state no pact obliges to follow it, per unit of the pact's cohesion: half a
/// treaty obligation (judgement). Allies follow their protector out of the treaty area to keep it committed to
/// their own defence (Glenn Snyder, "The Security Dilemma in Alliance Politics", 1984: the fear of abandonment;
/// W. Stueck, *The Korean War: An International History*, 1995, on why Britain, Canada and the Benelux states sent
/// forces to Korea).
pub const SOLIDARITY: f32 = 0.5;

/// The states deciding, the strongest first and, between equals, in the level's order. Each state's index is
/// its own, so the order is total: sorted by integer keys, as a many-run comparison does every turn.
fn strongest_first<T: Copy>(items: &[T], power_and_ix: impl Fn(&T) -> (f32, StateIx)) -> impl Iterator<Item = T> + '_ {
    let mut keys: Vec<(u32, StateIx, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (power, ix) = power_and_ix(t);
            // The order-preserving unsigned image of the float's total order, complemented: strongest first.
            (!((total_order_key(power) as u32) ^ 0x8000_0000), ix, i)
        })
        .collect();
    keys.sort_unstable();
    keys.into_iter().map(move |(_, _, i)| items[i])
}

/// An integer that orders floats as `f32::total_cmp` does, quicker to compare in a sort.
fn total_order_key(x: f32) -> i32 {
    let bits = x.to_bits() as i32;
    bits ^ (((bits >> 31) as u32) >> 1) as i32
}

/// The newswire's line for forces sent, with when the first and the last of them arrive.
fn forces_sent(name: &str, theatre: &str, c: &Contingent) -> String {
    format!("{name} sends forces to {theatre} (first in {:.0} days, all in {:.0})", c.lead, c.days)
}

/// What every state deciding on forces this turn shares.
struct CoalitionCtx {
    authorised: bool,
    /// How far fighting the aggressor risks a nuclear war: 1 if it holds nuclear weapons, else the cohesion of its
    /// pact with a nuclear power (`aggressor::nuclear_shadow`).
    nuclear: f32,
    /// Power those already leading the effort (governments that ordered forces, states whose forces are on their
    /// way) bring to the theatre, weighed by their ties to the victim, against the power the aggressor brings there.
    lead: f32,
    credibility: f32,
}

/// A state's reasons to send forces, with the risk of fighting a nuclear power and, for a state no pact obliges,
/// the weight of those who lead it.
fn coalition_factors(
    int: &Interests,
    view: &View,
    ctx: &CoalitionCtx,
    member: bool,
    obligation: f32,
    burden: interest::Burden,
    w: &Weights,
) -> Factors {
    let mut f = interest::contribution_factors(int, view, ctx.authorised && member, obligation, burden, w);
    if ctx.nuclear > 0.0 {
        // A treaty obligation is the commitment made in advance that outweighs the fear (Schelling).
        f.push(Factor::new(FactorId::NuclearRisk, -NUCLEAR_RISK * ctx.nuclear * (1.0 - obligation)));
    }
    if obligation <= 0.0 {
        // The institution's authority already draws a member in; a lead weaker than the aggressor still holds it
        // back: an authorisation no great power carries out is a war few will start (Claude, *Power and
        // International Relations*, 1962, on collective security's dependence on the great powers).
        let lead = coalition_lead(ctx.lead);
        let lead = if ctx.authorised && member { lead.min(0.0) } else { lead };
        f.push(Factor::new(FactorId::CoalitionLead, lead));
    }
    f
}

/// How far those leading a coalition draw in a state no pact obliges: `−LEAD_RISK` behind no one, `+0.25` behind leaders
/// who bring to the theatre as much power as the aggressor does. States join the side likely to win (Stephen Walt,
/// *The Origins of Alliances*, 1987): an unobliged state following a lead weaker than the aggressor joins a war it
/// may lose (none followed Ethiopia's friends in 1935; thirty-four states followed the United States in 1990).
pub fn coalition_lead(lead: f32) -> f32 {
    (0.25 + LEAD_RISK) * lead.clamp(0.0, 1.0) - LEAD_RISK
}

/// What following no one into a war costs a state no pact obliges, deciding to send forces.
pub const LEAD_RISK: f32 = 0.5;

/// The blockade's grip on the aggressor's supply, and the aggressor's answer: accept it, or go to war with
/// the blockaders (the risk Britain and France would not run over the Suez Canal in 1935).
fn enforce_blockade(
    level: Res<Level>,
    cal: Res<Calendar>,
    draws: Res<Draws>,
    rng: Res<SimRng>,
    mut mif: ResMut<MeasuresInForce>,
    mut tension: ResMut<WorldTension>,
    mut log: ResMut<RunLog>,
    crisis: Single<&Crisis>,
    nations: Query<NationQuery>,
    iv: Res<Intervention>,
) {
    if mif.blockaders.is_empty() {
        return;
    }
    let noise = draws.politics * rng.keyed(cal.turn, DrawFor::Blockade, 0);
    let Ok(agg) = nations.get(crisis.aggressor) else { return };
    let navies: f32 =
        mif.blockaders.iter().filter_map(|e| nations.get(*e).ok()).map(|n| n.2.cinc * projection(n.3.km_theatre, n.2.cinc)).sum();
    let own = agg.2.cinc * projection(crisis.supply_km, agg.2.cinc);
    let contest = navies / (navies + own).max(1e-6);
    mif.blockade = contest * crisis.supply_km / (crisis.supply_km + SUPPLY_KM);
    if mif.blockade_war || !crisis.attacked || crisis.settled.is_some() {
        return;
    }
    let f = vec![
        Factor::new(FactorId::Appetite, 0.5 * (crisis.appetite + draws.resolve)),
        Factor::new(FactorId::SupplyCut, mif.blockade),
        Factor::new(FactorId::SeaPower, -DETERRENCE * contest),
        Factor::new(FactorId::DomesticPolitics, noise),
    ];
    let war = iv.score(&f) > BLOCKADE_WAR_ABOVE;
    log.decide(cal.turn, &agg.1.id, DecisionKind::AnswerBlockade { war }, f);
    if war {
        mif.blockade_war = true;
        tension.tension = (tension.tension + 0.15).min(1.0);
        let (start, _) = turn_days(&level.0, cal.turn);
        for e in mif.blockaders.clone() {
            if let Ok((_, _, cap, int, _)) = nations.get(e)
                && !mif.in_coalition(e)
            {
                // The fleet is already at sea: it fights at once, with what it can bring to the theatre.
                let cinc = cap.cinc * order_share(int, 0.0) * projection(int.km_theatre, cap.cinc);
                mif.coalition.push(Contingent { state: e, cinc, sent: start, lead: 0.0, days: MOBILISE_DAYS });
            }
        }
        let date = level.0.turns[cal.turn].date;
        log.news(cal.turn, date, format!("{} answers the blockade with war on the blockading powers", agg.1.name), false);
    }
}

/// While the victim fights, its friends decide whether to send it arms: more readily the more power already
/// stands behind it.
fn send_arms(
    level: Res<Level>,
    cal: Res<Calendar>,
    draws: Res<Draws>,
    role: Res<PlayerRole>,
    rng: Res<SimRng>,
    mut mif: ResMut<MeasuresInForce>,
    mut log: ResMut<RunLog>,
    crisis: Single<&Crisis>,
    nations: Query<NationQuery>,
    order: Res<Nations>,
    iv: Res<Intervention>,
) {
    if !crisis.fighting {
        return;
    }
    let Ok(agg) = nations.get(crisis.aggressor) else { return };
    let (start, _) = turn_days(&level.0, cal.turn);
    // A lead is followed as far as the leader is committed to the victim.
    let backing: f32 = mif.arms.iter().filter_map(|c| nations.get(c.state).ok()).map(|n| n.2.cinc * n.3.ties_victim.max(0.0)).sum::<f32>()
        / agg.2.cinc.max(1e-6);
    for (e, nation, cap, int, _) in order.in_order(&nations, |n| n.1.ix) {
        let policy_player = e == role.state && role.policy != Some(Policy::Historical);
        if e == crisis.aggressor || e == crisis.victim || policy_player || int.ties_victim <= 0.3 || mif.arms.iter().any(|c| c.state == e) {
            continue;
        }
        if iv.withholds(nation.ix, OrderKind::ArmVictim) || level.0.withholds(nation.ix, cal.turn, |o| *o == Order::ArmVictim) {
            continue;
        }
        // Its own keyed draw: drawn only by a state that decides, and the same whoever else did.
        let noise = rng.keyed(cal.turn, DrawFor::Arms, nation.ix.0);
        let mut f: Factors = smallvec::smallvec![
            Factor::new(FactorId::TiesToVictim, int.ties_victim),
            Factor::new(FactorId::CoalitionLead, 0.5 * backing.min(1.0) - 0.25),
            Factor::new(FactorId::DomesticConstraints, -0.3 * int.domestic),
            Factor::new(FactorId::OtherThreats, -0.3 * int.distraction),
            Factor::new(FactorId::DomesticPolitics, 0.1 * noise),
        ];
        if int.ties_aggressor != 0.0 {
            f.push(Factor::new(
                if int.ties_aggressor < 0.0 { FactorId::HostilityToAggressor } else { FactorId::TiesToAggressor },
                -0.5 * int.ties_aggressor,
            ));
        }
        if int.non_aligned {
            f.push(Factor::new(FactorId::NonAlignment, -0.7));
        }
        let sends = iv.score(&f) > ARMS_ABOVE;
        let cinc = if sends { cap.cinc * ARMS_SHARE * interest::can_spare(int) } else { 0.0 };
        log.decide(cal.turn, &nation.id, DecisionKind::Arm { cinc }, f);
        if sends {
            mif.arms.push(Contingent::sent(e, cinc, start, int.km_theatre, &draws));
            if !log.lean {
                log.news(cal.turn, level.0.turns[cal.turn].date, format!("{} sends arms to the victim", nation.name), false);
            }
        }
    }
}

/// Peacekeepers deploy only if both parties consent; either can withdraw consent later.
fn deploy_peacekeepers(
    level: Res<Level>,
    cal: Res<Calendar>,
    mut mif: ResMut<MeasuresInForce>,
    mut log: ResMut<RunLog>,
    mut crisis: Single<&mut Crisis>,
    nations: Query<NationQuery>,
    iv: Res<Intervention>,
    draws: Res<Draws>,
    cred: Res<Credibility>,
) {
    if !mif.has(Measure::Peacekeeping) {
        return;
    }
    let date = level.0.turns[cal.turn].date;
    let (_, day) = turn_days(&level.0, cal.turn);
    let coalition = mif.coalition_in_theatre(day);
    let (a, _) = super::aggressor::theatre_strength(&crisis, &mif, &draws, day, &nations);
    let belief = 1.0 - super::aggressor::doubt(&crisis, &draws, &log);
    let threat = super::aggressor::verdict_threat(&crisis, &mif, cred.of(level.0.institution.kind), belief, a, &nations);
    let pressure: Vec<Factor> =
        super::aggressor::political_pressure(&log, &crisis, &nations).into_iter().map(|x| Factor::new(x.id, -x.weight)).collect();
    let mut consents = true;
    for (party, aggressor) in [(crisis.aggressor, true), (crisis.victim, false)] {
        let Ok((_, n, cap, int, _)) = nations.get(party) else { continue };
        let factors = if aggressor {
            // The aggressor accepts a force that shields it when it is losing or squeezed: the coalition against
            // it and its losses weigh as in its reckoning of the war (`aggressor.rs`), against the army it committed.
            vec![
                Factor::new(FactorId::PrizeHeld, -crisis.control * 0.8),
                Factor::new(FactorId::SanctionsPressure, mif.pressure),
                Factor::new(FactorId::CoalitionInTheatre, super::aggressor::coalition_weight(coalition, a)),
                Factor::new(FactorId::WarCosts, super::aggressor::war_cost(&crisis, cap.cinc, int.km_theatre)),
                Factor::new(FactorId::Appetite, -crisis.appetite * 0.5),
                Factor::new(FactorId::Consent, 0.2),
            ]
            .into_iter()
            // The threat behind the institution's verdict: a peace force is a way out from under it.
            .chain((threat > 0.0).then(|| Factor::new(FactorId::VerdictBacking, threat)))
            .chain(pressure.iter().copied())
            .collect()
        } else {
            // The host accepts a force on its soil when it needs it to stop the fighting or to see the invader out.
            vec![Factor::new(FactorId::VictimsCause, 0.3 + crisis.control * 0.5), Factor::new(FactorId::Consent, -0.1)]
        };
        let given = iv.score(&factors) > 0.0;
        log.decide(cal.turn, &n.id, DecisionKind::Consent { given }, factors);
        consents &= given;
    }
    if consents && !mif.peacekeepers {
        mif.peacekeepers = true;
        crisis.fighting = false;
        log.news(cal.turn, date, "Peacekeepers deploy on the host state's soil with its consent, and the aggressor stands down before them; they may use force only in self-defence", false);
    } else if !consents && mif.peacekeepers {
        mif.peacekeepers = false;
        log.news(cal.turn, date, "Consent withdrawn: the peacekeepers must leave", false);
    }
}

#[cfg(test)]
mod tests {
    use bevy::ecs::system::RunSystemOnce;

    use crate::level::{BodyKind, Measure, Order};
    use crate::sim::intervention::{Intervention, OrderKind};
    use crate::sim::testing::{state, tiny};
    use crate::sim::trace::DecisionKind;
    use crate::sim::{Crisis, MeasuresInForce, Nation, OrderIssued, RunLog, Sanctioning};

    /// The tiny world with the great power, the player's state, playing as history went: it decides by its
    /// own interest where it has no orders, as every state the player does not lead.
    fn by_interest() -> crate::sim::runner::Simulation {
        let mut sim = tiny();
        sim.world_mut().resource_mut::<crate::sim::PlayerRole>().policy = Some(crate::sim::Policy::Historical);
        sim
    }

    /// That world with the fighting begun.
    fn at_war() -> crate::sim::runner::Simulation {
        let mut sim = by_interest();
        let world = sim.world_mut();
        let mut q = world.query::<&mut Crisis>();
        let mut c = q.single_mut(world).unwrap();
        (c.fighting, c.attacked) = (true, true);
        sim
    }

    #[test]
    fn the_strongest_decide_first_in_the_order_total_cmp_gives_even_for_zero_and_odd_powers() {
        let powers = [0.2, 0.0, -0.0, 1e-9, 0.05, f32::INFINITY, 0.2, 3.0e-3];
        let mut by_cmp: Vec<(usize, f32)> = powers.iter().copied().enumerate().collect();
        let by_key: Vec<usize> = super::strongest_first(&by_cmp, |&(i, x)| (x, crate::level::StateIx(i))).map(|p| p.0).collect();
        by_cmp.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        assert_eq!(by_cmp.iter().map(|p| p.0).collect::<Vec<_>>(), by_key);
    }

    /// The kinds of decision `who` made this turn.
    fn decided(world: &bevy::prelude::World, who: &str) -> Vec<DecisionKind> {
        world.resource::<RunLog>().decisions.iter().filter(|d| d.actor == who).map(|d| d.decision.clone()).collect()
    }

    #[test]
    fn a_state_that_orders_sanctions_of_its_own_applies_them_in_full_and_opens_national_sanctions() {
        let mut sim = tiny();
        let grt = state(&mut sim, "GRT");
        let world = sim.world_mut();
        world.write_message(OrderIssued { state: grt, order: Order::Sanction { oil: true } });
        world.run_system_once(super::national_sanctions).unwrap();
        world.flush();
        assert_eq!(world.get::<Sanctioning>(grt).and_then(|s| s.0), Some(1.0));
        let mif = world.resource::<MeasuresInForce>();
        assert_eq!(mif.sanctions, Some((0, true)), "sanctions with oil, from this turn");
        assert!(mif.national_sanctions, "begun by a state, not voted");
    }

    #[test]
    fn members_decide_how_far_they_apply_the_institutions_sanctions_and_the_trace_says_what_bit() {
        let mut sim = by_interest();
        let world = sim.world_mut();
        world.resource_mut::<MeasuresInForce>().sanctions = Some((0, false));
        world.run_system_once(super::apply_sanctions).unwrap();
        assert!(decided(world, "GRT").iter().any(|d| matches!(d, DecisionKind::Sanctions { .. })), "the member decided");
        assert!(decided(world, "AGG").is_empty() && decided(world, "VIC").is_empty(), "the parties do not sanction");
        assert!(world.resource::<MeasuresInForce>().sanctions_trace.is_some(), "what the sanctions cut is traced");
    }

    #[test]
    fn a_member_weighs_joining_an_authorised_coalition_and_sends_forces_only_by_its_own_choice() {
        let mut sim = at_war();
        let world = sim.world_mut();
        world.resource_mut::<MeasuresInForce>().force_authorised = true;
        world.run_system_once(super::form_coalition).unwrap();
        let sent = world.resource::<MeasuresInForce>().coalition.len();
        let cinc = decided(world, "GRT").iter().find_map(|d| if let DecisionKind::Contribute { cinc } = d { Some(*cinc) } else { None });
        let cinc = cinc.expect("the great power decided whether to contribute");
        assert_eq!(sent, usize::from(cinc > 0.0), "forces are sent exactly when it chose to send them");
        assert!(decided(world, "AGG").is_empty(), "the aggressor never joins the coalition against itself");
    }

    #[test]
    fn without_authority_a_pact_or_an_order_no_one_sends_forces() {
        let mut sim = at_war();
        let world = sim.world_mut();
        world.run_system_once(super::form_coalition).unwrap();
        assert!(world.resource::<MeasuresInForce>().coalition.is_empty());
        assert!(world.resource::<RunLog>().decisions.is_empty());
    }

    #[test]
    fn a_friend_of_the_victim_weighs_sending_arms_unless_its_arms_are_withheld() {
        let mut sim = at_war();
        let grt = state(&mut sim, "GRT");
        let world = sim.world_mut();
        world.run_system_once(super::send_arms).unwrap();
        assert!(decided(world, "GRT").iter().any(|d| matches!(d, DecisionKind::Arm { .. })), "its ties to the victim make it weigh it");
        let mut sim = at_war();
        let world = sim.world_mut();
        let ix = world.get::<Nation>(grt).unwrap().ix;
        world.insert_resource(Intervention { dropped: Some((ix, OrderKind::ArmVictim)), ..Default::default() });
        world.run_system_once(super::send_arms).unwrap();
        assert!(decided(world, "GRT").is_empty(), "withheld, it does not even weigh it");
        assert!(world.resource::<MeasuresInForce>().arms.is_empty());
    }

    #[test]
    fn a_blockade_cuts_the_aggressors_supply_and_the_aggressor_decides_whether_to_answer_it_with_war() {
        let mut sim = at_war();
        let grt = state(&mut sim, "GRT");
        let world = sim.world_mut();
        let mut q = world.query::<&mut Crisis>();
        q.single_mut(world).unwrap().supply_km = 2000.0;
        world.resource_mut::<MeasuresInForce>().blockaders = vec![grt];
        world.run_system_once(super::enforce_blockade).unwrap();
        assert!(world.resource::<MeasuresInForce>().blockade > 0.0, "the navy cuts part of the supply");
        assert!(decided(world, "AGG").iter().any(|d| matches!(d, DecisionKind::AnswerBlockade { .. })));
    }

    /// The weight of the aggressor's war costs in its consent to a peace force, with these losses behind it.
    fn losses_weigh_on_consent(losses: f32) -> f32 {
        losses_of_an_army_weigh_on_consent(losses, 10.0)
    }

    /// The same, for an aggressor that committed `readiness` of its strength to the war.
    fn losses_of_an_army_weigh_on_consent(losses: f32, readiness: f32) -> f32 {
        let mut sim = at_war();
        let world = sim.world_mut();
        world.resource_mut::<MeasuresInForce>().adopted.push((BodyKind::SecurityCouncil, Measure::Peacekeeping, 0));
        let mut q = world.query::<&mut Crisis>();
        let mut crisis = q.single_mut(world).unwrap();
        (crisis.losses.0, crisis.start_readiness) = (losses, readiness);
        world.run_system_once(super::deploy_peacekeepers).unwrap();
        let consent = world.resource::<RunLog>().decisions.iter().find(|d| d.actor == "AGG").expect("the aggressor is asked").clone();
        consent.factors.iter().find(|f| f.id == crate::sim::trace::FactorId::WarCosts).map_or(0.0, |f| f.weight)
    }

    #[test]
    fn an_aggressor_weighs_its_losses_against_the_army_it_committed_when_it_answers_a_peace_force() {
        // The tiny aggressor's power is 0.01, all of it thrown in: losing 0.01 is losing an army as large as its
        // whole strength, which weighs as in its reckoning of the war (0.5 per whole strength), not as a hundredth
        // of a point.
        assert!((losses_weigh_on_consent(0.01) - 0.5).abs() < 1e-4, "{}", losses_weigh_on_consent(0.01));
        assert!((losses_weigh_on_consent(0.1) - 1.0).abs() < 1e-4, "at most 1");
        // Having sent a fifth of its strength, it feels the same losses against that fifth.
        let part = losses_of_an_army_weigh_on_consent(0.001, 0.2);
        assert!(part > 4.0 * losses_weigh_on_consent(0.001), "{part}");
    }

    #[test]
    fn peacekeepers_deploy_only_when_both_parties_consent_and_then_the_fighting_stops() {
        let mut sim = at_war();
        let world = sim.world_mut();
        world.resource_mut::<MeasuresInForce>().adopted.push((BodyKind::SecurityCouncil, Measure::Peacekeeping, 0));
        world.run_system_once(super::deploy_peacekeepers).unwrap();
        let consent =
            |who| decided(world, who).iter().find_map(|d| if let DecisionKind::Consent { given } = d { Some(*given) } else { None });
        let (a, v) = (consent("AGG").expect("the aggressor is asked"), consent("VIC").expect("the victim is asked"));
        let fighting = world.query::<&Crisis>().single(world).unwrap().fighting;
        assert_eq!(world.resource::<MeasuresInForce>().peacekeepers, a && v);
        assert_eq!(fighting, !(a && v), "the fighting stops exactly when the force deploys");
    }
}
