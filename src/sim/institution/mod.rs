//! Collective action through the institution: motions, votes by the body's real rules, and what they set in force.

pub mod rules;

use bevy::prelude::*;

use crate::level::{BodyKind, InstitutionKind, Measure, Procedure, StateIx, VotingRule};
use crate::sim::core::*;
use crate::sim::interest::{self, ATTEND, View};
use crate::sim::intervention::Intervention;
use crate::sim::trace::{Ballot, DecisionKind, Factor, FactorId, Factors, RunLog, Split, VoteRecord};
use rules::{Seat, Tally, tally};

pub fn plugin(app: &mut App) {
    app.add_systems(
        Turn,
        (
            table_player_motions.in_set(TurnSystems::Orders),
            sponsor_motions.in_set(TurnSystems::Diplomacy),
            hold_votes.in_set(TurnSystems::Votes),
            enquiry_reports.in_set(TurnSystems::Diplomacy),
        ),
    );
}

/// The next step on the ladder of collective action, given what has been tried and the bodies the level's
/// institution has. Used by the collective policy and by states that sponsor motions themselves.
pub fn next_motion(
    level: &crate::level::LevelDef,
    mif: &MeasuresInForce,
    log: &RunLog,
    crisis: &Crisis,
) -> Option<(BodyKind, Measure, Procedure)> {
    let kind = level.institution.kind;
    let sits = |b: BodyKind| level.body(b).is_some();
    let fighting = crisis.fighting;
    // A cease-fire holds with the aggressor still on the victim's ground: the moment for peacekeepers.
    let ceasefire =
        crisis.attacked && !fighting && crisis.control > crisis.start_control + 0.01 && crisis.settled != Some(AggressorChoice::Withdraw);
    let tried = |b: BodyKind, m: Measure| log.votes.iter().any(|v| v.body == b && v.motion == m);
    let adopted = |m: Measure| mif.has(m);
    let ladder: &[(BodyKind, Measure, Procedure)] = match kind {
        InstitutionKind::League => &[
            // Under Article 15 the parties' votes do not count; while the aggressor fights, sanctions come before
            // an enquiry, which only buys it time.
            (BodyKind::LeagueCouncil, Measure::Condemn, Procedure::Art15),
            (BodyKind::LeagueAssembly, Measure::Sanctions, Procedure::Art15),
            (BodyKind::LeagueAssembly, Measure::OilSanctions, Procedure::Art15),
            (BodyKind::LeagueAssembly, Measure::NonRecognition, Procedure::Art15),
            (BodyKind::LeagueCouncil, Measure::Enquiry, Procedure::Ordinary),
        ],
        InstitutionKind::UnitedNations => &[
            (BodyKind::SecurityCouncil, Measure::Condemn, Procedure::Ordinary),
            (BodyKind::SecurityCouncil, Measure::OilSanctions, Procedure::Ordinary),
            (BodyKind::SecurityCouncil, Measure::AuthoriseForce, Procedure::Ordinary),
            (BodyKind::SecurityCouncil, Measure::UnifiedCommand, Procedure::Ordinary),
            (BodyKind::GeneralAssembly, Measure::UnitingForPeace, Procedure::Ordinary),
            (BodyKind::SecurityCouncil, Measure::Referral, Procedure::Ordinary),
            (BodyKind::GeneralAssembly, Measure::Condemn, Procedure::Ordinary),
            (BodyKind::GeneralAssembly, Measure::AuthoriseForce, Procedure::Ordinary),
            (BodyKind::SecurityCouncil, Measure::Peacekeeping, Procedure::Ordinary),
            (BodyKind::GeneralAssembly, Measure::Peacekeeping, Procedure::Ordinary),
        ],
    };
    let sc_blocked = log.votes.iter().any(|v| v.body == BodyKind::SecurityCouncil && !v.vetoed_by.is_empty());
    for &(body, m, under) in ladder {
        // Only a body the level has can vote; a referral needs an Assembly to refer to.
        if adopted(m) || tried(body, m) || !sits(body) || (m == Measure::Referral && !sits(BodyKind::GeneralAssembly)) {
            continue;
        }
        match m {
            Measure::AuthoriseForce | Measure::UnifiedCommand | Measure::Sanctions | Measure::OilSanctions if !fighting => continue,
            Measure::UnifiedCommand if !mif.force_authorised => continue,
            Measure::Referral if !(sc_blocked && mif.uniting_for_peace) || mif.referred => continue,
            Measure::UnitingForPeace if !sc_blocked || mif.uniting_for_peace => continue,
            Measure::Peacekeeping if !ceasefire || mif.peacekeepers => continue,
            // After a veto, a good diplomat does not table what the same veto will block: it takes the question
            // to the Assembly where the era allows.
            _ if body == BodyKind::SecurityCouncil && sc_blocked && mif.uniting_for_peace && m != Measure::Referral => continue,
            _ if body == BodyKind::GeneralAssembly && m != Measure::UnitingForPeace && !mif.referred => continue,
            _ => {}
        }
        return Some((body, m, under));
    }
    None
}

/// The player's `Propose` orders become motions.
fn table_player_motions(mut orders: MessageReader<OrderIssued>, mut motions: MessageWriter<MotionTabled>) {
    for o in orders.read() {
        if let crate::level::Order::Propose { body, measure, under } = o.order {
            motions.write(MotionTabled { body, measure, under, proposer: o.state });
        }
    }
}

/// When the player tables nothing, the state most eager for the next step may table it.
fn sponsor_motions(
    mut orders: MessageReader<OrderIssued>,
    mut motions: MessageWriter<MotionTabled>,
    level: Res<Level>,
    cal: Res<Calendar>,
    cred: Res<Credibility>,
    weights: Res<Weights>,
    mif: Res<MeasuresInForce>,
    mut log: ResMut<RunLog>,
    crisis: Single<&Crisis>,
    bodies: Query<&Body>,
    nations: Query<NationQuery, Without<Player>>,
    caps: Query<&Capability>,
    role: Res<PlayerRole>,
    members: Query<(), With<Member>>,
    iv: Res<Intervention>,
) {
    let player_tabled = orders.read().filter(|o| matches!(o.order, crate::level::Order::Propose { .. })).count() > 0;
    // A member victim led by the player brings its own case (Covenant Art. 11 and 15); others wait for its appeal.
    let victim_leads = role.state == crisis.victim && members.get(crisis.victim).is_ok();
    // Under the historical policy the level's playable states table what history tabled.
    let history_leads = role.policy == Some(Policy::Historical);
    if player_tabled || victim_leads || history_leads || !crisis.attacked || crisis.settled.is_some() {
        return;
    }
    let Some((body_kind, measure, under)) = next_motion(&level.0, &mif, &log, &crisis) else { return };
    let Some(body) = bodies.iter().find(|b| b.kind == body_kind) else { return };
    let Ok(agg_cap) = caps.get(crisis.aggressor) else { return };
    // The keenest tables it; between equals, the first in the level (not whichever the query meets first).
    let mut best: Option<(f32, crate::level::StateIx, Entity, Factors)> = None;
    for (e, nation, cap, int, member) in &nations {
        if !member || !body.members.contains(&e) || e == crisis.aggressor || body.boycotting.contains(&e) {
            continue;
        }
        let factors = if e == crisis.victim {
            smallvec::smallvec![Factor::new(FactorId::VictimsCause, 1.0)]
        } else {
            let view = View {
                own_cinc: cap.cinc,
                aggressor_cinc: agg_cap.cinc,
                credibility: cred.of(level.0.institution.kind),
                self_defence: crisis.self_defence,
                noise: 0.0,
            };
            let mut f = interest::ballot_factors(int, &view, measure, &weights);
            // Leading costs more than following: only the keenest table a motion.
            f.push(Factor::new(FactorId::StakeInTheatre, -0.45));
            f
        };
        let s = iv.score(&factors);
        if s > 0.0 && best.as_ref().is_none_or(|(b, ix, _, _)| s > *b || (s == *b && nation.ix < *ix)) {
            best = Some((s, nation.ix, e, factors));
        }
    }
    if let Some((_, _, e, factors)) = best {
        let id = nations.get(e).map(|n| n.1.id.clone()).unwrap_or_default();
        log.decide(cal.turn, &id, DecisionKind::Sponsor { body: body_kind, measure }, factors);
        motions.write(MotionTabled { body: body_kind, measure, under, proposer: e });
    }
}

/// Every motion tabled this turn is put to its body; each member decides by national interest.
fn hold_votes(
    mut motions: MessageReader<MotionTabled>,
    level: Res<Level>,
    cal: Res<Calendar>,
    mut cred: ResMut<Credibility>,
    weights: Res<Weights>,
    rng: Res<SimRng>,
    mut log: ResMut<RunLog>,
    mut mif: ResMut<MeasuresInForce>,
    mut crisis: Single<&mut Crisis>,
    bodies: Query<&Body>,
    nations: Query<NationQuery>,
    mut stances: Query<&mut Stance>,
    iv: Res<Intervention>,
    draws: Res<Draws>,
    (tension, blocs): (Res<WorldTension>, Query<&Bloc>),
) {
    let kind = level.0.institution.kind;
    let date = level.0.turns[cal.turn].date;
    let mut seen: Vec<(BodyKind, Measure)> = Vec::new();
    let motions: Vec<MotionTabled> = motions.read().cloned().collect();
    for motion in motions {
        if seen.contains(&(motion.body, motion.measure)) {
            continue;
        }
        seen.push((motion.body, motion.measure));
        let Some(body) = bodies.iter().find(|b| b.kind == motion.body) else { continue };
        let proposer = nations.get(motion.proposer).map(|n| n.1.id.clone()).unwrap_or_default();
        if let Err(why) = admissible(motion.body, motion.measure, &mif, crisis.attacked) {
            log.news(cal.turn, date, format!("{proposer}'s motion is out of order: {why}"), false);
            continue;
        }
        let procedural = motion.measure == Measure::Referral;
        let parties_excluded = motion.under == Procedure::Art15;
        let agg_cinc = nations.get(crisis.aggressor).map(|n| n.2.cinc).unwrap_or(0.0);
        let ctx = BallotCtx {
            credibility: cred.of(kind),
            self_defence: crisis.self_defence,
            aggressor: crisis.aggressor,
            victim: crisis.victim,
            aggressor_cinc: agg_cinc,
            weights: &weights,
            proposer: Some(motion.proposer),
            intervention: &iv,
        };
        let mut casts = cast_ballots(body, motion.measure, &ctx, &nations, |ix| rng.ballot(cal.turn, motion.body, motion.measure, ix.0));
        // Only a motion that names the aggressor carries power behind it, and only from a body that can call for force.
        let backing = if motion.measure.against_aggressor() && may_call_for_force(kind, motion.body, &mif) {
            verdict_backing(&casts, &nations, &blocs, (crisis.victim, crisis.aggressor))
        } else {
            Vec::new()
        };
        let world = DemandWorld {
            level: &level.0,
            turn: cal.turn,
            credibility: cred.of(kind),
            mif: &mif,
            draws: &draws,
            log: &log,
            tension: &tension,
        };
        answer_demand(&mut casts, motion.measure, &backing, &crisis, &world, (&nations, &blocs));
        let Ballots { seats, ballots, decision_ix, would_block, divided } =
            record_ballots(casts, (cal.turn, body.kind, motion.measure, procedural), &iv, &mut log, &mut stances);
        // Covenant Art. 16: sanctions are each member's own obligation. Members concur or decline, and those who
        // decline (Austria, Hungary and Albania in October 1935) do not apply them: dissent does not block.
        let rule = if kind == InstitutionKind::League && interest::is_economic(motion.measure) { VotingRule::Majority } else { body.rule };
        let t = tally(rule, &seats, procedural, parties_excluded);
        let (t, vetoed_by, decisive) = who_decided(t, &ballots, &would_block);
        let rec = VoteRecord {
            turn: cal.turn + 1,
            date,
            body: body.kind,
            motion: motion.measure,
            procedural,
            proposer: String::from(&*proposer),
            yes: t.yes,
            no: t.no,
            abstain: t.abstain,
            absent: t.absent,
            adopted: t.adopted,
            vetoed_by,
            decisive,
            ballots,
            divided,
            rule_factors: t.factors.clone(),
            decision_ix,
        };
        if !log.lean {
            log.news(cal.turn, date, vote_news(&rec), false);
        }
        if rec.adopted && motion.measure.against_aggressor() {
            add_backing(&mut mif.backing, backing);
        }
        enact(&rec, cal.turn, cred.of_mut(kind), &mut mif, &mut crisis);
        log.votes.push(rec);
    }
}

/// Whether a body's verdict can carry the threat of war: outside Uniting for Peace (the Council's referral, or the
/// resolution adopted in the crisis) the UN General Assembly refers any question on which action is needed to the
/// Council (Charter Art. 11(2)), so its votes carry none (A/RES/3485 on East Timor, 1975).
fn may_call_for_force(kind: InstitutionKind, body: BodyKind, mif: &MeasuresInForce) -> bool {
    kind != InstitutionKind::UnitedNations || body != BodyKind::GeneralAssembly || mif.referred || mif.has(Measure::UnitingForPeace)
}

/// How far a member with no interest in the theatre and no tie to the victim is believed to fight for a verdict,
/// against one with a stake in the quarrel (judgement): a state goes to war for its interests, not for a rule
/// alone (Inis Claude, *Power and International Relations*, 1962, ch. 5; Richard Betts, "Systems for Peace or
/// Causes of War?", *International Security* 17(1), 1992). The United States voted for Resolution 384 on East
/// Timor in December 1975 and never meant to enforce it.
pub const STAKE_BASE: f32 = 0.5;

/// A member's stake in the quarrel, 0 to 1: `STAKE_BASE`, more for its interest in the theatre and its ties to the
/// victim, less for its hostility to the victim (the United States, whose diplomats Iran held hostage, would not
/// have fought for Iran's border in 1980 whatever it voted).
pub(crate) fn stake(i: &crate::sim::Interests) -> f32 {
    (STAKE_BASE + i.interest.max(0.0) + i.ties_victim).clamp(0.0, 1.0)
}

/// The power behind a vote: what each member voting for it could bring to the theatre (its power by
/// Boulding's gradient; a group's in the share of its members who voted yes), weighed by its faith in the
/// institution (`commitment`), by how far its public would let it fight (`1 − domestic`) and by how far it would
/// turn on the aggressor (`1 − ties_aggressor`, for ties above 0): an ally that votes to reproach it presses as a friend (`AlliesOppose`), not with the threat of war;
/// and by its stake in the quarrel (`STAKE_BASE` plus its interest in the theatre and its ties to the victim, at
/// most 1). The parties count for nothing.
fn verdict_backing(casts: &[Cast], nations: &Query<NationQuery>, blocs: &Query<&Bloc>, parties: (Entity, Entity)) -> Vec<(Entity, f32)> {
    casts
        .iter()
        .filter(|c| !c.party && c.votes.yes > 0)
        .filter_map(|c| nations.get(c.entity).ok().map(|n| (c, n)))
        .map(|(c, n)| {
            let count = n.1.count.max(1) as f32;
            let share = c.votes.yes as f32 / count;
            // What it could spare for a war on the aggressor: not on a friend, nor with threats closer to home.
            let hostile = interest::can_spare(n.3) * (1.0 - crate::sim::core::allied_shield(blocs, parties, c.entity));
            // A threat of war from a government its own public would not let fight is little believed.
            let willing = 1.0 - n.3.domestic.clamp(0.0, 1.0);
            let stake = stake(n.3);
            (c.entity, n.2.cinc * share * projection(n.3.km_theatre, n.2.cinc / count) * n.3.commitment * hostile * willing * stake)
        })
        .collect()
}

/// What the aggressor reads as it answers a demand: the level and turn, the institution's credibility, the
/// measures in force, the run's draws and its log.
struct DemandWorld<'a> {
    level: &'a crate::level::LevelDef,
    turn: usize,
    credibility: f32,
    mif: &'a MeasuresInForce,
    draws: &'a Draws,
    log: &'a RunLog,
    tension: &'a WorldTension,
}

/// On a condemnation or non-recognition, the aggressor's seat answers by its reckoning (see `aggressor_answers`):
/// in the vote, and in the forecast the player sees.
fn answer_demand(
    casts: &mut [Cast],
    m: Measure,
    backing: &[(Entity, f32)],
    crisis: &Crisis,
    w: &DemandWorld,
    (nations, blocs): (&Query<NationQuery>, &Query<&Bloc>),
) {
    if !matches!(m, Measure::Condemn | Measure::NonRecognition) {
        return;
    }
    let (_, day) = turn_days(w.level, w.turn);
    let (a, _) = crate::sim::aggressor::theatre_strength(crisis, w.mif, w.draws, day, nations);
    let belief = 1.0 - crate::sim::aggressor::doubt(crisis, w.draws, w.log);
    let threat = crate::sim::aggressor::verdict_threat_with(crisis, w.mif, backing, w.credibility, belief, a, nations);
    let care = nations.get(crisis.aggressor).map_or(0.0, |n| n.3.commitment);
    // Before it has reckoned in the field, it reckons now, as it would this turn (its domestic politics aside).
    let last = last_reckoning(w.log, crisis.aggressor, nations).or_else(|| {
        let now =
            crate::sim::aggressor::Reading { mif: w.mif, draws: w.draws, day, credibility: w.credibility, tension: w.tension, log: w.log };
        Some(crate::sim::aggressor::reckoning(crisis, &now, nations, blocs))
    });
    aggressor_answers(casts, &Demand { aggressor: crisis.aggressor, last, threat, care });
}

/// What an aggressor with a seat weighs as it answers a demand to stop: its last reckoning of going on, the
/// threat were the demand adopted, and how much it cares for the institution whose verdict it would defy.
struct Demand {
    aggressor: Entity,
    last: Option<f32>,
    threat: f32,
    care: f32,
}

/// The aggressor's score the last time it reckoned, if it has.
fn last_reckoning(log: &RunLog, aggressor: Entity, nations: &Query<NationQuery>) -> Option<f32> {
    let id = nations.get(aggressor).ok()?.1.id.clone();
    log.decisions.iter().rev().find(|d| matches!(d.decision, DecisionKind::Aggressor { .. }) && *d.actor == *id).map(|d| d.score)
}

/// An aggressor with a seat votes against a verdict on itself, unless power stands behind the demand (see
/// `aggressor::verdict_threat`): then it answers by its own reckoning. It lets pass a demand it would obey,
/// abstaining rather than voting against itself (Greece accepted the League Council's demand of October 1925
/// and withdrew), and votes against one it means to defy (Japan alone against the Council, 24 October 1931).
/// Its last reckoning (or, before it has reckoned in the field, its reckoning now), less the threat the demand
/// would bring and what defying a verdict the whole body gave would cost it, decides.
fn aggressor_answers(casts: &mut [Cast], d: &Demand) {
    let Some(last) = d.last.filter(|_| d.threat > 0.0) else { return };
    let Some(c) = casts.iter_mut().find(|c| c.entity == d.aggressor && c.wanted == Ballot::No) else { return };
    let factors: Factors = smallvec::smallvec![
        Factor::new(FactorId::GoingOn, -last),
        Factor::new(FactorId::VerdictBacking, crate::sim::aggressor::DETERRENCE * d.threat),
        Factor::new(FactorId::Condemnation, 0.1 + d.care),
    ];
    if factors.iter().map(|f| f.weight).sum::<f32>() >= 0.0 {
        c.wanted = Ballot::Abstain;
        if c.ballot == Ballot::No {
            c.ballot = Ballot::Abstain;
            c.votes = Split::all(Ballot::Abstain, c.votes.yes + c.votes.no + c.votes.abstain);
        }
        c.factors = factors;
    }
}

/// Each member's backing is the largest it gave in any vote.
fn add_backing(all: &mut Vec<(Entity, f32)>, vote: Vec<(Entity, f32)>) {
    for (e, b) in vote {
        match all.iter_mut().find(|x| x.0 == e) {
            Some(x) => x.1 = x.1.max(b),
            None => all.push((e, b)),
        }
    }
}

/// Who decided a vote: those whose veto or dissent stopped it; if it passed only because a member with a veto
/// stayed away, that member, with the absence counted among the rule's factors.
fn who_decided(
    mut t: Tally,
    ballots: &[(std::sync::Arc<str>, Ballot)],
    would_block: &[std::sync::Arc<str>],
) -> (Tally, Vec<String>, Vec<String>) {
    let vetoed_by: Vec<String> = t.vetoes.iter().map(|&i| ballots[i].0.to_string()).collect();
    let mut decisive: Vec<String> =
        if !t.vetoes.is_empty() { vetoed_by.clone() } else { t.blockers.iter().map(|&i| ballots[i].0.to_string()).collect() };
    if t.adopted && !would_block.is_empty() {
        t.factors.push(Factor::new(FactorId::Absence, would_block.len() as f32));
        decisive.extend(would_block.iter().map(|x| x.to_string()));
    }
    (t, vetoed_by, decisive)
}

/// The ballots of one vote as the rules count them, with what the record keeps of each.
struct Ballots {
    seats: Vec<Seat>,
    ballots: Vec<(std::sync::Arc<str>, Ballot)>,
    decision_ix: Vec<Option<usize>>,
    /// Permanent members away who would have voted no: their absence let the motion pass.
    would_block: Vec<std::sync::Arc<str>>,
    divided: Vec<(std::sync::Arc<str>, Split)>,
}

/// Logs each member's decision and moves its stance on the map; a rule change may count an absence as a no.
fn record_ballots(
    casts: Vec<Cast>,
    (turn, body, measure, procedural): (usize, BodyKind, Measure, bool),
    iv: &Intervention,
    log: &mut RunLog,
    stances: &mut Query<&mut Stance>,
) -> Ballots {
    let n = casts.len();
    let mut b = Ballots {
        seats: Vec::with_capacity(n),
        ballots: Vec::with_capacity(n),
        decision_ix: Vec::with_capacity(n),
        would_block: vec![],
        divided: vec![],
    };
    for c in casts {
        if c.away && c.member && c.permanent && c.wanted == Ballot::No && !procedural {
            b.would_block.push(c.id.clone());
        }
        let ix = log.decide(turn, &c.id, DecisionKind::Vote { body, measure, ballot: c.ballot }, c.factors);
        b.decision_ix.push(Some(ix));
        let counted = if iv.absence_as_no && c.ballot == Ballot::Absent { Ballot::No } else { c.ballot };
        let votes = if iv.absence_as_no { c.votes.absence_as_no() } else { c.votes };
        b.seats.push(Seat { ballot: counted, permanent: c.permanent, party: c.party, votes });
        if c.votes.divided() {
            b.divided.push((c.id.clone(), c.votes));
        }
        if let Ok(mut st) = stances.get_mut(c.entity)
            && !c.party
        {
            *st = match c.ballot {
                Ballot::Yes => Stance::SupportsAction,
                Ballot::No => Stance::Opposes,
                Ballot::Abstain => Stance::Abstains,
                Ballot::Absent => *st,
            };
        }
        b.ballots.push((c.id, c.ballot));
    }
    b
}

/// What a vote changes: the institution's credibility, and what an adopted measure puts in force.
fn enact(rec: &VoteRecord, turn: usize, c: &mut f32, mif: &mut MeasuresInForce, crisis: &mut Crisis) {
    if rec.adopted {
        *c = (*c + 0.02).min(1.0);
        mif.adopted.push((rec.body, rec.motion, turn));
        match rec.motion {
            Measure::Enquiry => mif.enquiry = Some(turn),
            Measure::Referral => mif.referred = true,
            Measure::Sanctions | Measure::OilSanctions => {
                let oil = rec.motion == Measure::OilSanctions || mif.sanctions.is_some_and(|s| s.1);
                let start = mif.sanctions.map_or(turn, |s| s.0);
                mif.sanctions = Some((start, oil));
                // Sanctions begun by a few states become the institution's: every member now decides.
                if mif.national_sanctions {
                    mif.national_sanctions = false;
                    mif.sanctions_redecide = true;
                }
            }
            Measure::AuthoriseForce | Measure::UnifiedCommand => mif.force_authorised = true,
            Measure::Condemn | Measure::NonRecognition => crisis.self_defence *= 0.8,
            Measure::Peacekeeping => {}
            Measure::UnitingForPeace => mif.uniting_for_peace = true,
            Measure::CeaseFire => {}
        }
    } else {
        *c = (*c - if rec.vetoed_by.is_empty() { 0.03 } else { 0.05 }).max(0.0);
    }
}

/// The newswire's line for a vote.
fn vote_news(rec: &VoteRecord) -> String {
    let verdict = if rec.adopted {
        "adopted".to_string()
    } else if !rec.vetoed_by.is_empty() {
        format!("vetoed by {}", rec.vetoed_by.join(", "))
    } else {
        "not adopted".to_string()
    };
    let (body, motion) = (crate::sim::text::body_name(rec.body), crate::sim::text::measure_name(rec.motion));
    format!("{body}: {motion}, proposed by {}, {}–{}–{}: {verdict}", rec.proposer, rec.yes, rec.no, rec.abstain)
}

/// A commission of enquiry reports after some turns; its findings weaken the aggressor's claim of self-defence.
fn enquiry_reports(
    level: Res<Level>,
    cal: Res<Calendar>,
    mif: Res<MeasuresInForce>,
    mut crisis: Single<&mut Crisis>,
    mut log: ResMut<RunLog>,
) {
    if let Some(t) = mif.enquiry
        && cal.turn == t + level.0.institution.enquiry_turns as usize
    {
        crisis.self_defence *= 0.4;
        let date = level.0.turns[cal.turn].date;
        log.news(cal.turn, date, "The commission of enquiry reports: the aggressor's claim of self-defence does not stand", false);
    }
}

/// Whether a body may take up a motion now, under the rules of its charter.
pub fn admissible(body: BodyKind, measure: Measure, mif: &MeasuresInForce, attacked: bool) -> Result<(), &'static str> {
    // Before the first shot there is no aggression to condemn, sanction or repel: a warning is given by a
    // guarantee or forces in place, not by a verdict (the Council acted on Korea and Kuwait once they were invaded).
    if !attacked && measure.against_aggressor() {
        return Err("there is no aggression yet: the aggressor has not attacked");
    }
    let collective = matches!(measure, Measure::AuthoriseForce | Measure::UnifiedCommand | Measure::Sanctions | Measure::OilSanctions);
    if body == BodyKind::GeneralAssembly && collective && !(mif.referred && mif.uniting_for_peace) {
        return Err("the Assembly can recommend force or sanctions only after a referral under Uniting for Peace");
    }
    if measure == Measure::Referral && !mif.uniting_for_peace {
        return Err("there is no Uniting for Peace procedure to refer the question under");
    }
    Ok(())
}

/// What a member's ballot depends on besides its own interests.
pub struct BallotCtx<'a> {
    pub credibility: f32,
    pub self_defence: f32,
    pub aggressor: Entity,
    pub victim: Entity,
    pub aggressor_cinc: f32,
    pub weights: &'a Weights,
    /// Who tabled the motion: it votes for its own draft.
    pub proposer: Option<Entity>,
    /// What a re-run that tests a cause changes (nothing in an ordinary run).
    pub intervention: &'a Intervention,
}

/// One member's decision on a motion.
pub struct Cast {
    pub entity: Entity,
    pub id: std::sync::Arc<str>,
    /// What it would vote if present.
    pub wanted: Ballot,
    /// What it did: `Absent` when away.
    pub ballot: Ballot,
    pub factors: Factors,
    pub permanent: bool,
    pub party: bool,
    pub member: bool,
    pub away: bool,
    /// The ballots cast: one for a state, one for each member of a regional group.
    pub votes: Split,
}

/// Every seat's ballot on a motion, each a weighted sum of the member's factors. Used for the vote itself
/// (with seeded noise) and for the forecast the player sees before proposing (without).
pub fn cast_ballots(
    body: &Body,
    measure: Measure,
    ctx: &BallotCtx,
    nations: &Query<NationQuery>,
    noise: impl Fn(StateIx) -> f32,
) -> Vec<Cast> {
    let w = ctx.weights;
    // Where one member's no blocks all, a member casts it only against what it strongly opposes; one that merely
    // disagrees abstains and lets the others act (F. P. Walters, *A History of the League of Nations*, 1952,
    // ch. 4; on 14 December 1939 China, Greece and Yugoslavia abstained on the Soviet Union's expulsion).
    let no_at = no_threshold_under(body.rule, w);
    let mut out = Vec::with_capacity(body.members.len());
    for &m in &body.members {
        let Ok((e, nation, cap, int, member)) = nations.get(m) else { continue };
        let party = e == ctx.aggressor || e == ctx.victim;
        let view = View {
            own_cinc: cap.cinc,
            aggressor_cinc: ctx.aggressor_cinc,
            credibility: ctx.credibility,
            self_defence: ctx.self_defence,
            noise: noise(nation.ix),
        };
        let mut factors = if party {
            interest::party_ballot_factors(e == ctx.aggressor, measure)
        } else {
            interest::ballot_factors(int, &view, measure, w)
        };
        // A state that tables a draft is committed to it: it does not vote against its own motion.
        let own_motion = (ctx.proposer == Some(e) && !party).then(|| Factor::new(FactorId::OwnMotion, 3.0));
        factors.extend(own_motion);
        let wanted = wanted_ballot(ctx.intervention, &factors, (w.yes_threshold, no_at));
        let kept_away = !member || body.boycotting.contains(&e) || body.uninstructed.contains(&e);
        let stays_away = |i: &Interests| kept_away || (body.kind.is_assembly() && !party && interest::attendance(i, &view) < ATTEND);
        let away = stays_away(int);
        let ballot = ctx.intervention.ballot(nation.ix, wanted, away);
        let votes = if nation.spread > 0.0 && body.kind.is_assembly() && !party {
            members_divide(int, nation, |m| {
                let mut own = interest::ballot_factors(m, &view, measure, w);
                own.extend(own_motion);
                let wanted = wanted_ballot(ctx.intervention, &own, (w.yes_threshold, no_at));
                ctx.intervention.ballot(nation.ix, wanted, stays_away(m))
            })
        } else {
            Split::all(ballot, nation.count)
        };
        let ballot = if votes.divided() { votes.most() } else { ballot };
        out.push(Cast {
            entity: e,
            id: nation.id.clone(),
            wanted,
            ballot,
            factors,
            permanent: body.permanent.contains(&e),
            party,
            member,
            away,
            votes,
        });
    }
    out
}

/// The ballot a member's factors call for. Fear of the aggressor's reprisal keeps a member from voting for a
/// measure, never makes it vote for the aggressor: a member that would vote no only out of fear abstains (the
/// Baltic and Scandinavian states on the Soviet Union's expulsion, 14 December 1939; the Central Asian states on
/// A/ES-11/1, 2 March 2022).
fn wanted_ballot(iv: &Intervention, factors: &[Factor], (yes_at, no_at): (f32, f32)) -> Ballot {
    let score = iv.score(factors);
    if score >= yes_at {
        Ballot::Yes
    } else if score <= no_at && opposes_without_fear(iv, factors, no_at) {
        Ballot::No
    } else {
        Ballot::Abstain
    }
}

fn opposes_without_fear(iv: &Intervention, factors: &[Factor], no_at: f32) -> bool {
    if !factors.iter().any(|f| f.id == FactorId::FearOfAggressor) {
        return true;
    }
    let without: Factors = factors.iter().filter(|f| f.id != FactorId::FearOfAggressor).cloned().collect();
    iv.score(&without) <= no_at
}

/// How many times the no threshold a member's score must reach for it to vote no under unanimity.
pub const UNANIMITY_NO: f32 = 2.0;

/// The score at or below which a member votes no under a body's rule.
fn no_threshold_under(rule: VotingRule, w: &Weights) -> f32 {
    if rule == VotingRule::Unanimity { UNANIMITY_NO * w.no_threshold } else { w.no_threshold }
}

/// A group's members, each with its own ties: spread evenly over the band of the uniform distribution whose
/// standard deviation is the group's `spread` (of ties to the victim less ties to the aggressor), around the
/// group's own. `ballot` is what a member with those interests casts.
fn members_divide(group: &Interests, nation: &Nation, mut ballot: impl FnMut(&Interests) -> Ballot) -> Split {
    let mut votes = Split::default();
    let n = nation.count;
    for k in 0..n {
        // Evenly spaced over [-√3, √3]: mean 0, standard deviation 1.
        let z = 3f32.sqrt() * ((2 * k + 1) as f32 / n as f32 - 1.0);
        let half = z * nation.spread / 2.0;
        let member = Interests {
            ties_victim: (group.ties_victim + half).clamp(-1.0, 1.0),
            ties_aggressor: (group.ties_aggressor - half).clamp(-1.0, 1.0),
            ..*group
        };
        votes.add(ballot(&member), 1);
    }
    votes
}

/// The vote the player can expect if it tables `measure` in `body` now: ballots without chance.
pub fn forecast(world: &mut World, body_kind: BodyKind, measure: Measure, under: Procedure) -> Option<(rules::Tally, Vec<Cast>)> {
    // The player would table it.
    let world_player = world.get_resource::<PlayerRole>().map(|r| r.state);
    let mut sys = bevy::ecs::system::SystemState::<(
        Res<Level>,
        Res<Credibility>,
        Res<Weights>,
        Query<&Crisis>,
        Query<&Body>,
        Query<NationQuery>,
        Res<Calendar>,
        Res<Nations>,
        (Res<MeasuresInForce>, Res<Draws>, Res<RunLog>, Res<WorldTension>, Query<&Bloc>),
    )>::new(world);
    let (level, cred, weights, crisis, bodies, nations, cal, index, (mif, draws, log, tension, blocs)) = sys.get(world).ok()?;
    let crisis = crisis.single().ok()?;
    // Counted as the body will sit this turn, after its dated events (a boycott, a return).
    let body = &super::events::as_it_will_sit(bodies.iter().find(|b| b.kind == body_kind)?, &level.0, cal.turn, &index);
    let agg_cinc = nations.get(crisis.aggressor).map(|n| n.2.cinc).unwrap_or(0.0);
    let player = world_player;
    let ctx = BallotCtx {
        credibility: cred.of(level.0.institution.kind),
        self_defence: crisis.self_defence,
        aggressor: crisis.aggressor,
        victim: crisis.victim,
        aggressor_cinc: agg_cinc,
        weights: &weights,
        proposer: player,
        intervention: &Intervention::default(),
    };
    let mut casts = cast_ballots(body, measure, &ctx, &nations, |_| 0.0);
    let w = DemandWorld {
        level: &level.0,
        turn: cal.turn,
        credibility: ctx.credibility,
        mif: &mif,
        draws: &draws,
        log: &log,
        tension: &tension,
    };
    let backing = verdict_backing(&casts, &nations, &blocs, (crisis.victim, crisis.aggressor));
    answer_demand(&mut casts, measure, &backing, crisis, &w, (&nations, &blocs));
    let seats: Vec<Seat> =
        casts.iter().map(|c| Seat { ballot: c.ballot, permanent: c.permanent, party: c.party, votes: c.votes }).collect();
    let t = tally(body.rule, &seats, measure == Measure::Referral, under == Procedure::Art15);
    Some((t, casts))
}

/// The motions an institution of this kind votes on, with the body and procedure each goes to: what the
/// player can table, and what a lesson's objective may ask for.
pub fn motions(kind: InstitutionKind) -> Vec<(BodyKind, Measure, Procedure)> {
    use BodyKind::*;
    use Measure::*;
    match kind {
        InstitutionKind::League => vec![
            (LeagueCouncil, CeaseFire, Procedure::Ordinary),
            (LeagueCouncil, Condemn, Procedure::Ordinary),
            (LeagueCouncil, Enquiry, Procedure::Ordinary),
            (LeagueAssembly, NonRecognition, Procedure::Art15),
            (LeagueAssembly, Sanctions, Procedure::Art15),
            (LeagueAssembly, OilSanctions, Procedure::Art15),
        ],
        InstitutionKind::UnitedNations => vec![
            (SecurityCouncil, CeaseFire, Procedure::Ordinary),
            (SecurityCouncil, Condemn, Procedure::Ordinary),
            (SecurityCouncil, Sanctions, Procedure::Ordinary),
            (SecurityCouncil, OilSanctions, Procedure::Ordinary),
            (SecurityCouncil, AuthoriseForce, Procedure::Ordinary),
            (SecurityCouncil, UnifiedCommand, Procedure::Ordinary),
            (SecurityCouncil, Peacekeeping, Procedure::Ordinary),
            (SecurityCouncil, Referral, Procedure::Ordinary),
            (GeneralAssembly, UnitingForPeace, Procedure::Ordinary),
            (GeneralAssembly, CeaseFire, Procedure::Ordinary),
            (GeneralAssembly, Condemn, Procedure::Ordinary),
            (GeneralAssembly, AuthoriseForce, Procedure::Ordinary),
            (GeneralAssembly, Peacekeeping, Procedure::Ordinary),
        ],
    }
}

#[cfg(test)]
mod tests {
    use bevy::ecs::message::Messages;
    use bevy::ecs::system::RunSystemOnce;

    use crate::level::{BodyKind, Measure, Order, Procedure};
    use crate::sim::testing::{state, tiny};
    use crate::sim::{MotionTabled, OrderIssued};

    #[test]
    fn a_member_with_no_stake_in_the_quarrel_backs_a_verdict_at_half_strength_one_with_a_stake_in_full_and_one_hostile_to_the_victim_not_at_all()
     {
        let mut sim = tiny();
        let world = sim.world_mut();
        let i = *world.query::<&crate::sim::Interests>().iter(world).next().unwrap();
        let with = |interest, ties_victim| super::stake(&crate::sim::Interests { interest, ties_victim, ..i });
        assert_eq!(with(0.0, 0.0), super::STAKE_BASE, "no stake: half");
        assert!((with(0.0, -0.3) - (super::STAKE_BASE - 0.3)).abs() < 1e-6, "cold to the victim: less");
        assert_eq!(with(0.0, -0.8), 0.0, "hostile to the victim: nothing, whatever it voted");
        assert!((with(0.2, 0.0) - (super::STAKE_BASE + 0.2)).abs() < 1e-6, "a stake in the theatre adds to it");
        assert_eq!(with(0.4, 0.3), 1.0, "a stake in the theatre and ties to the victim: in full, never more");
    }

    #[test]
    fn a_state_that_would_vote_no_only_out_of_fear_abstains_and_one_that_sides_with_the_aggressor_votes_no() {
        use crate::sim::trace::{Ballot, Factor, FactorId as F};
        let (iv, w) = (crate::sim::intervention::Intervention::default(), crate::sim::Weights::default());
        let afraid = [Factor::new(F::FearOfAggressor, -0.6), Factor::new(F::TiesToVictim, 0.05)];
        let at = (w.yes_threshold, w.no_threshold);
        assert_eq!(super::wanted_ballot(&iv, &afraid, at), Ballot::Abstain, "the Baltic states on the Soviet expulsion, 1939");
        let friend = [Factor::new(F::FearOfAggressor, -0.3), Factor::new(F::TiesToAggressor, -0.5)];
        assert_eq!(super::wanted_ballot(&iv, &friend, at), Ballot::No, "a friend of the aggressor opposes, fear or not");
    }

    #[test]
    fn where_one_no_blocks_all_a_member_that_merely_disagrees_abstains() {
        use crate::level::VotingRule;
        use crate::sim::trace::{Ballot, Factor, FactorId as F};
        let (iv, w) = (crate::sim::intervention::Intervention::default(), crate::sim::Weights::default());
        let disagrees = [Factor::new(F::TiesToAggressor, -0.6)];
        let under = |rule| super::wanted_ballot(&iv, &disagrees, (w.yes_threshold, super::no_threshold_under(rule, &w)));
        assert_eq!(under(VotingRule::Majority), Ballot::No);
        assert_eq!(under(VotingRule::Unanimity), Ballot::Abstain, "China on the Soviet expulsion, 1939");
        let client = [Factor::new(F::TiesToAggressor, -1.2)];
        let under = |rule| super::wanted_ballot(&iv, &client, (w.yes_threshold, super::no_threshold_under(rule, &w)));
        assert_eq!(under(VotingRule::Unanimity), Ballot::No, "a close client still opposes (Austria and Hungary, 1935)");
    }

    #[test]
    fn a_proposal_ordered_by_a_state_is_tabled_in_its_name_and_other_orders_table_nothing() {
        let mut sim = tiny();
        let grt = state(&mut sim, "GRT");
        let world = sim.world_mut();
        let propose = Order::Propose { body: BodyKind::SecurityCouncil, measure: Measure::Condemn, under: Procedure::Ordinary };
        world.write_message(OrderIssued { state: grt, order: propose });
        world.write_message(OrderIssued { state: grt, order: Order::Guarantee });
        world.run_system_once(super::table_player_motions).unwrap();
        let tabled = world.resource::<Messages<MotionTabled>>();
        let motions: Vec<&MotionTabled> = tabled.iter_current_update_messages().collect();
        assert_eq!(motions.len(), 1, "one motion for one proposal");
        assert_eq!((motions[0].body, motions[0].measure, motions[0].proposer), (BodyKind::SecurityCouncil, Measure::Condemn, grt));
    }
}
