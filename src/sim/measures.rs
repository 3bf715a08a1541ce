//! Carrying out what was decided: sanctions that each member applies as it sees fit and that leak
//! through non-members; coalitions in which each state weighs its duty against its cost and free-rides
//! when it can; peacekeepers who deploy only with the parties' consent.

use bevy::prelude::*;

use crate::level::{BlocKind, InstitutionKind, Measure, Order};

use super::core::*;
use super::interest::{self, View};
use super::trace::{DecisionKind, Factor, FactorId, RunLog, score};

pub fn plugin(app: &mut App) {
    app.add_systems(Turn, (national_sanctions.in_set(TurnSystems::Orders), (apply_sanctions, form_coalition, deploy_peacekeepers).chain().in_set(TurnSystems::Measures)));
}

/// How much of the diverted trade one unit of CINC outside the sanctions can take up.
pub const LEAK_PER_CINC: f32 = 3.0;
/// Turns before sanctions bite fully.
pub const SANCTIONS_DELAY: f32 = 2.0;
/// Share of pressure left when oil, the essential import, is exempted.
pub const WITHOUT_OIL: f32 = 0.55;

fn national_sanctions(mut orders: MessageReader<OrderIssued>, cal: Res<Calendar>, mut mif: ResMut<MeasuresInForce>, mut commands: Commands) {
    for o in orders.read() {
        if let Order::Sanction { oil } = o.order {
            commands.entity(o.state).insert(Sanctioning(1.0));
            if mif.sanctions.is_none() {
                mif.sanctions = Some((cal.turn, oil));
                mif.national_sanctions = true;
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn apply_sanctions(
    mut commands: Commands,
    level: Res<Level>,
    cal: Res<Calendar>,
    cred: Res<Credibility>,
    weights: Res<Weights>,
    role: Res<PlayerRole>,
    mut rng: ResMut<SimRng>,
    mut mif: ResMut<MeasuresInForce>,
    mut log: ResMut<RunLog>,
    crisis: Single<&Crisis>,
    nations: Query<(NationQuery, Option<&Sanctioning>)>,
) {
    let Some((start, oil)) = mif.sanctions else { return };
    let kind = level.0.institution.kind;
    let agg_cinc = nations.get(crisis.aggressor).map(|n| n.0.2.cinc).unwrap_or(0.0);
    // The UN Council's measures bind every member; the League left each member to decide (Art. 16).
    let binding = kind == InstitutionKind::UnitedNations && !mif.national_sanctions;
    let mut coverage = 0.0;
    let mut outside = 0.0;
    let mut trace = SanctionsTrace::default();
    for ((e, nation, cap, int, member), current) in &nations {
        if e == crisis.aggressor || e == crisis.victim {
            continue;
        }
        let compliance = if let Some(c) = current {
            c.0
        } else if e == role.state && role.policy.is_some() {
            // A policy player applies what its institution decided.
            if member && !mif.national_sanctions { 1.0 } else { 0.0 }
        } else if (member && !mif.national_sanctions) || (mif.national_sanctions && int.ties_victim > 0.3) {
            // Sanctions voted by the institution are for members to apply; sanctions begun by one state
            // are joined by the victim's friends who choose to.
            let view = View { own_cinc: cap.cinc, aggressor_cinc: agg_cinc, credibility: cred.of(kind), self_defence: crisis.self_defence, noise: rng.signed() };
            let factors = interest::compliance_factors(int, &view, oil, binding, &weights);
            let c = (0.5 + score(&factors)).clamp(0.0, 1.0);
            log.decide(cal.turn, &nation.id, DecisionKind::Sanctions { compliance: c }, factors);
            c
        } else {
            0.0
        };
        if current.is_none() && (member || compliance > 0.0) {
            commands.entity(e).insert(Sanctioning(compliance));
        }
        let traded = int.trade_aggressor + if oil { int.oil_aggressor } else { 0.0 };
        coverage += compliance * int.trade_aggressor;
        if oil {
            coverage += compliance * int.oil_aggressor;
        }
        if compliance > 0.0 {
            trace.costs.push((nation.id.clone(), compliance * traded));
        }
        if compliance < 0.5 && member && traded > 0.0 {
            trace.defectors.push((nation.id.clone(), (1.0 - compliance) * traded));
        }
        if compliance < 0.1 {
            let cap_leak = cap.cinc * LEAK_PER_CINC * (1.0 - int.ties_victim.max(0.0));
            outside += cap_leak;
            trace.leakers.push((nation.id.clone(), cap_leak));
        }
    }
    let denom = if oil { 2.0 } else { 1.0 };
    trace.coverage = (coverage / denom).min(1.0);
    trace.leakage = outside.min(0.9);
    trace.bite = ((cal.turn - start) as f32 / SANCTIONS_DELAY).min(1.0);
    let oil_factor = if oil { 1.0 } else { WITHOUT_OIL };
    let full = trace.coverage * (1.0 - trace.leakage);
    trace.oil_exempt = full * (1.0 - oil_factor);
    mif.pressure = full * oil_factor * trace.bite;
    trace.leakers.sort_by(|a, b| b.1.total_cmp(&a.1));
    trace.leakers.truncate(3);
    trace.defectors.sort_by(|a, b| b.1.total_cmp(&a.1));
    trace.defectors.truncate(3);
    mif.sanctions_trace = Some(trace);
}

/// States decide whether to send forces: under the institution's authority, under a bloc's obligation,
/// or behind the player's ad hoc coalition. The strongest decide first; the rest can pass the buck.
#[allow(clippy::too_many_arguments)]
fn form_coalition(
    level: Res<Level>,
    cal: Res<Calendar>,
    cred: Res<Credibility>,
    weights: Res<Weights>,
    role: Res<PlayerRole>,
    mut rng: ResMut<SimRng>,
    mut mif: ResMut<MeasuresInForce>,
    mut log: ResMut<RunLog>,
    crisis: Single<&Crisis>,
    blocs: Query<&Bloc>,
    nations: Query<NationQuery>,
) {
    if !crisis.fighting {
        return;
    }
    let protecting: Vec<&Bloc> = blocs
        .iter()
        .filter(|b| {
            b.protects == Some(crisis.victim) || (b.kind != BlocKind::Guarantee && b.members.contains(&crisis.victim) && b.against.is_none_or(|a| a == crisis.aggressor))
        })
        .collect();
    let authorised = mif.force_authorised;
    if !authorised && protecting.is_empty() && !mif.player_intervenes {
        return;
    }
    let kind = level.0.institution.kind;
    let Ok(agg) = nations.get(crisis.aggressor) else { return };
    let needed = agg.2.cinc * projection(agg.3.km_theatre, agg.2.cinc) * crisis.aggressor_readiness * 1.5;
    let mut committed: f32 = mif.coalition.iter().map(|c| c.1).sum();
    let mut order: Vec<_> = nations.iter().filter(|n| n.0 != crisis.aggressor && n.0 != crisis.victim && !mif.in_coalition(n.0)).collect();
    order.sort_by(|a, b| b.2.cinc.total_cmp(&a.2.cinc).then(a.1.ix.cmp(&b.1.ix)));
    for (e, nation, cap, int, member) in order {
        let noise = rng.signed();
        let c = if e == role.state && role.policy.is_some() {
            let c = if mif.player_intervenes { cap.cinc * 0.3 } else { 0.0 };
            if c > 0.0 {
                log.decide(cal.turn, &nation.id, DecisionKind::Contribute { cinc: c }, vec![Factor::new(FactorId::PlayerOrder, 1.0)]);
            }
            c
        } else {
            let obligation: f32 = protecting.iter().filter(|b| b.members.contains(&e)).map(|b| b.cohesion).fold(0.0, f32::max);
            let eligible = obligation > 0.0 || (authorised && member) || (mif.player_intervenes && int.ties_victim > 0.3);
            if !eligible {
                continue;
            }
            let view = View { own_cinc: cap.cinc, aggressor_cinc: agg.2.cinc, credibility: cred.of(kind), self_defence: crisis.self_defence, noise };
            let burden = committed / needed.max(1e-6);
            let factors = interest::contribution_factors(int, &view, authorised && member, obligation, burden, &weights);
            let s = score(&factors);
            let c = if s > 0.0 { cap.cinc * (0.1 + s).min(0.4) } else { 0.0 };
            log.decide(cal.turn, &nation.id, DecisionKind::Contribute { cinc: c }, factors);
            c
        };
        if c > 0.0 {
            let arrives = c * projection(int.km_theatre, cap.cinc);
            mif.coalition.push((e, arrives, cal.turn));
            committed += arrives;
        }
    }
    if !mif.coalition.is_empty() && mif.control_when_coalition_formed.is_none() {
        mif.control_when_coalition_formed = Some(crisis.control);
    }
}

/// Peacekeepers deploy only if both parties consent; either can withdraw consent later.
#[allow(clippy::too_many_arguments)]
fn deploy_peacekeepers(
    level: Res<Level>,
    cal: Res<Calendar>,
    mut mif: ResMut<MeasuresInForce>,
    mut log: ResMut<RunLog>,
    mut crisis: Single<&mut Crisis>,
    nations: Query<NationQuery>,
) {
    if !mif.has(Measure::Peacekeeping) {
        return;
    }
    let date = level.0.turns[cal.turn].date;
    let coalition = mif.coalition_in_theatre(cal.turn);
    let pressure: Vec<Factor> = super::aggressor::political_pressure(&log, &crisis, &nations).into_iter().map(|x| Factor::new(x.id, -x.weight)).collect();
    let mut consents = true;
    for (party, aggressor) in [(crisis.aggressor, true), (crisis.victim, false)] {
        let Ok((_, n, ..)) = nations.get(party) else { continue };
        let factors = if aggressor {
            // The aggressor accepts a force that shields it when it is losing or squeezed.
            vec![
                Factor::new(FactorId::PrizeHeld, -crisis.control * 0.8),
                Factor::new(FactorId::SanctionsPressure, mif.pressure),
                Factor::new(FactorId::CoalitionInTheatre, coalition * 20.0),
                Factor::new(FactorId::WarCosts, crisis.losses.0 * 5.0),
                Factor::new(FactorId::Appetite, -crisis.appetite * 0.5),
                Factor::new(FactorId::Consent, 0.2),
            ]
            .into_iter()
            .chain(pressure.iter().copied())
            .collect()
        } else {
            // The host accepts a force on its soil when it needs it to stop the fighting or to see the invader out.
            vec![Factor::new(FactorId::VictimsCause, 0.3 + crisis.control * 0.5), Factor::new(FactorId::Consent, -0.1)]
        };
        let given = score(&factors) > 0.0;
        log.decide(cal.turn, &n.id, DecisionKind::Consent { given }, factors);
        consents &= given;
    }
    if consents && !mif.peacekeepers {
        mif.peacekeepers = true;
        crisis.fighting = false;
        log.news(cal.turn, date, "Peacekeepers deploy with the consent of both parties; they may use force only in self-defence", false);
    } else if !consents && mif.peacekeepers {
        mif.peacekeepers = false;
        log.news(cal.turn, date, "Consent withdrawn: the peacekeepers must leave", false);
    }
}
