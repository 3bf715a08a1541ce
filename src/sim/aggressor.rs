//! The aggressor decides from the response it expects: attack or hold back (deterrence), proceed,
//! escalate, accept terms or withdraw; and whether to stay in an institution that condemned it.

use bevy::prelude::*;

use crate::level::{BlocKind, Measure};

use super::core::*;
use super::intervention::Intervention;
use super::trace::{DecisionKind, Factor, FactorId as F, Factors, RunLog};

pub fn plugin(app: &mut App) {
    app.add_systems(Turn, (aggressor_decides, leave_institution).chain().in_set(TurnSystems::Aggressor));
}

/// Share of the aggressor's forces in the theatre that a complete blockade of its supply line takes away.
pub const BLOCKADE_CUT: f32 = 0.8;
/// Supply-line length (km) at which a blockade's grip is half what it would be on an endless line.
pub const SUPPLY_KM: f32 = 1000.0;
/// Share of the aggressor's forces in the theatre that full sanctions pressure takes away (spares, credit).
pub const SANCTIONS_CUT: f32 = 0.5;
/// Share of the aggressor's forces in the theatre that denying all their fuel takes away: without fuel, lorries,
/// aircraft and ships stop (the author's judgement, as for the blockade).
pub const FUEL_CUT: f32 = 0.8;
/// Score above which a threatening aggressor attacks, and above which an attacking one escalates.
pub const ATTACK_ABOVE: f32 = 0.25;
pub const ESCALATE_ABOVE: f32 = 1.0;
/// Weight of each channel of force or pressure at full strength: forces in the theatre and on their way,
/// pacts, sanctions. Each enters as `-DETERRENCE * x / (a + x)` against the aggressor's own forces `a`.
pub const DETERRENCE: f32 = 1.5;
/// Escalation throws in reserves: readiness grows by this share a turn, up to this multiple of the level's.
pub const ESCALATION_STEP: f32 = 0.15;
pub const ESCALATION_CAP: f32 = 1.5;
/// Score at or below which the aggressor withdraws rather than accepting a cease-fire where it stands.
pub const WITHDRAW_BELOW: f32 = -0.6;
/// Weight of forces sent but not yet arrived, against forces in the theatre, in the aggressor's reckoning.
pub const ON_THE_WAY: f32 = 0.25;

/// Arms sent to the victim count up to this multiple of its own forces in the theatre: weapons need crews
/// trained to use them, so arms can double a victim's strength but never stand in for its army (the author's
/// judgement; Ukraine's firepower grew about that much with the deliveries of 2022).
pub const ARMS_ABSORB: f32 = 2.0;

/// Power each side has in the theatre by `day`: the aggressor's (cut by sanctions and blockade) with its
/// friends', and the victim's with the arms it was sent (the coalition's is added by callers).
pub fn theatre_strength(crisis: &Crisis, mif: &MeasuresInForce, draws: &Draws, day: i32, nations: &Query<NationQuery>) -> (f32, f32) {
    let side =
        |e: Entity, readiness: f32| nations.get(e).map(|n| n.2.cinc * projection(n.3.km_theatre, n.2.cinc) * readiness).unwrap_or(0.0);
    let allies: f32 = mif.aggressor_allies.iter().map(|(_, c)| c).sum();
    let a = side(crisis.aggressor, crisis.aggressor_readiness * draws.fortune_aggressor) * logistics(mif) + allies;
    let own = side(crisis.victim, crisis.victim_readiness * draws.fortune_victim);
    (a, own + mif.arms_in_use(day).min(ARMS_ABSORB * own))
}

/// Weight of the risk of nuclear escalation: against sending forces to fight a nuclear power without a treaty
/// that obliges it, and for an aggressor, against attacking a state that a nuclear power is pledged to defend.
pub const NUCLEAR_RISK: f32 = 1.0;
/// What a friend's vote to reproach the aggressor weighs, per unit of ties and of power over the aggressor's:
/// words, not money (Kunz, 1991: the American votes of 2 November 1956 did not stop the landings; the run on
/// sterling and the withheld IMF drawing of 6 November did). A friend's sanctions weigh as sanctions.
pub const PATRON_VOTE: f32 = 0.3;

/// How firmly the firmest pact covering the victim that includes a nuclear power is held (0 if none).
pub fn nuclear_pact(crisis: &Crisis, mif: &MeasuresInForce, blocs: &Query<&Bloc>, nations: &Query<NationQuery>) -> f32 {
    // Only a commitment made before the crisis carries the nuclear risk: a guarantee given during it, before the
    // attack or after, is not believed to extend to nuclear war (Glenn Snyder's stability-instability paradox, 1965;
    // Britain's own bombs did not deter Argentina in 1982, nor America's North Korea in 1950). A nuclear power
    // that is the aggressor's ally threatens it as far as their alliance leaves it free to (`allied_shield`).
    let free = |m: &Entity| 1.0 - allied_shield(blocs.iter(), (crisis.victim, crisis.aggressor), *m);
    let nuclear = |m: &&Entity| protector(crisis, **m) && nations.get(**m).is_ok_and(|n| n.3.nuclear);
    blocs
        .iter()
        .filter(|b| standing_nuclear(b, crisis, mif, nations))
        .map(|b| b.cohesion * b.members.iter().filter(nuclear).map(free).fold(0.0, f32::max))
        .fold(0.0, f32::max)
}

/// How far fighting the aggressor risks war with a nuclear power: in full if it holds nuclear weapons itself, and
/// as firmly as the firmest pact binding a nuclear power to its side is held if it does not (the Soviet-Vietnamese
/// treaty of November 1978 stood behind Vietnam in Cambodia; China's war of February 1979 stayed short and near its
/// own border). A pact that also covers the victim binds no one to the aggressor's side.
pub fn nuclear_shadow(crisis: &Crisis, blocs: &Query<&Bloc>, nations: &Query<NationQuery>) -> f32 {
    if nations.get(crisis.aggressor).is_ok_and(|n| n.3.nuclear) {
        return 1.0;
    }
    let nuclear = |m: &Entity| protector(crisis, *m) && nations.get(*m).is_ok_and(|n| n.3.nuclear);
    blocs
        .iter()
        .filter(|b| b.members.contains(&crisis.aggressor) || b.protects == Some(crisis.aggressor))
        .filter(|b| !b.covers(crisis.victim, crisis.aggressor) && b.members.iter().any(nuclear))
        .map(|b| b.cohesion)
        .fold(0.0, f32::max)
}

/// A member of a pact covering the victim who may fight for it: neither the victim itself nor the aggressor (a
/// guarantor of a settlement may be the one that breaks it: Turkey, guarantor of Cyprus's constitution by the
/// treaty of 1960, invaded in 1974).
fn protector(crisis: &Crisis, m: Entity) -> bool {
    m != crisis.victim && m != crisis.aggressor
}

/// A pact covering the victim, made before the crisis (not a guarantee given during it), with a nuclear power
/// among the victim's protectors.
fn standing_nuclear(b: &Bloc, crisis: &Crisis, mif: &MeasuresInForce, nations: &Query<NationQuery>) -> bool {
    let given_now = b.kind == BlocKind::Guarantee && b.members.iter().all(|m| mif.crisis_guarantors.contains(m));
    b.covers(crisis.victim, crisis.aggressor)
        && !given_now
        && b.members.iter().any(|m| protector(crisis, *m) && nations.get(*m).is_ok_and(|n| n.3.nuclear))
}

/// The share of its forces in the theatre the aggressor can keep supplied, under sanctions and blockade.
/// It also sets the pace of its advance: an army short of fuel and shells does not move.
pub fn logistics(mif: &MeasuresInForce) -> f32 {
    (1.0 - SANCTIONS_CUT * mif.pressure) * (1.0 - FUEL_CUT * mif.fuel_denied) * (1.0 - BLOCKADE_CUT * mif.blockade)
}

/// The power the aggressor expects pacts and guarantees of the victim to bring, each weighed by how firmly the
/// pact is held: a member that has sent forces threatens with the power that has not yet arrived, weighed as its
/// pledge and never less than forces on their way (`ON_THE_WAY`), so that
/// sending forces under a pact never weakens its deterrence (what has arrived counts as forces in the theatre;
/// see `pledged_on_way`). A pact deters by denial with the power its members can bring to the theatre; one made before the crisis with a nuclear power among the victim's protectors
/// deters by punishment, with its members' whole power: it threatens a war the aggressor cannot win, wherever
/// the local balance stands (Glenn Snyder, *Deterrence and Defense*, 1961; Thomas Schelling, *Arms and
/// Influence*, 1966, on forces that stand as a tripwire).
pub fn pact_threat(crisis: &Crisis, mif: &MeasuresInForce, day: i32, blocs: &Query<&Bloc>, nations: &Query<NationQuery>) -> f32 {
    pacts(crisis, mif, day, blocs, nations).power
}

/// The pacts protecting the victim as the aggressor weighs them: the power their members would bring, and how
/// firm they are (their cohesion, weighed by the power each brings).
#[derive(Clone, Copy, Default)]
pub struct Pacts {
    pub power: f32,
    pub firmness: f32,
}

pub fn pacts(crisis: &Crisis, mif: &MeasuresInForce, day: i32, blocs: &Query<&Bloc>, nations: &Query<NationQuery>) -> Pacts {
    let (mut power, mut firm_power) = (0.0, 0.0);
    for b in blocs.iter().filter(|b| b.covers(crisis.victim, crisis.aggressor)) {
        let firm = |m: Entity| if b.obliges(m, |x| mif.in_coalition(x)) { 1.0 } else { 0.5 };
        let punishes = standing_nuclear(b, crisis, mif, nations);
        let reach = |km: f32, cinc: f32| if punishes { 1.0 } else { projection(km, cinc) };
        // A member that has sent forces counts what has not yet arrived as its pledge, never for less than
        // forces on their way: sending them never weakens the pact, nor multiplies it.
        let held = |m: Entity| {
            let pledge = b.cohesion * firm(m);
            if mif.in_coalition(m) { pledge.max(ON_THE_WAY) } else { pledge }
        };
        // A member held at home by threats closer to it pledges what it can spare (a nuclear threat is whole).
        let spare = |i: &Interests| if punishes { 1.0 } else { super::interest::free_of_other_threats(i) };
        // A member allied to the aggressor pledges only as far as its alliance leaves it free to fight it.
        let free = |m: Entity| 1.0 - allied_shield(blocs.iter(), (crisis.victim, crisis.aggressor), m);
        let p: f32 = b
            .members
            .iter()
            .filter(|m| protector(crisis, **m))
            .filter_map(|m| nations.get(*m).ok())
            .map(|n| free(n.0) * held(n.0) * (n.2.cinc * reach(n.3.km_theatre, n.2.cinc) * spare(n.3) - mif.arrived_of(n.0, day)).max(0.0))
            .sum();
        power += p;
        firm_power += p * b.cohesion;
    }
    Pacts { power, firmness: if power > 0.0 { firm_power / power } else { 0.0 } }
}

/// How much the pacts protecting the victim weigh against going on: their power against the aggressor's in the
/// theatre, as far as it believes their members will fight. A pledge is a promise to send forces: the aggressor
/// may doubt it (its drawn `doubt`, until a defeat teaches it), the less the firmer the pact, and a promise
/// doubted is worth that much less however great the power behind it (Kim and Stalin reckoned in 1950 that the
/// United States would not fight for Korea; no one has doubted NATO's Article 5 enough to attack a member).
pub fn pact_deterrence(pacts: Pacts, a: f32, doubt: f32) -> f32 {
    let belief = 1.0 - doubt * (1.0 - pacts.firmness);
    DETERRENCE * belief * pacts.power / (a + pacts.power).max(1e-6)
}

/// Forces arrived in the theatre from members of pacts covering the victim.
fn pledged_arrived(crisis: &Crisis, mif: &MeasuresInForce, day: i32, blocs: &Query<&Bloc>) -> f32 {
    let pledged = |e: Entity| blocs.iter().any(|b| b.covers(crisis.victim, crisis.aggressor) && b.members.contains(&e));
    mif.coalition.iter().filter(|c| pledged(c.state)).map(|c| c.arrived(day)).sum()
}

/// Forces on their way from members of pacts covering the victim: counted in the pact's threat, not again as
/// forces on their way.
fn pledged_on_way(crisis: &Crisis, mif: &MeasuresInForce, day: i32, blocs: &Query<&Bloc>) -> f32 {
    let pledged = |e: Entity| blocs.iter().any(|b| b.covers(crisis.victim, crisis.aggressor) && b.members.contains(&e));
    mif.coalition.iter().filter(|c| pledged(c.state)).map(|c| (c.cinc - c.arrived(day)).max(0.0)).sum()
}

/// The threat behind the institution's verdicts, 0 to 1, until it acts on them: the power of the members
/// that voted for them (see `MeasuresInForce::backing`), less those already sending forces, counted like forces
/// on their way (`ON_THE_WAY`: nothing has been sent yet) and believed as far as the institution is credible and
/// the aggressor does not doubt that forces will fight, against the aggressor's own in the theatre. It weighs on
/// a small aggressor facing great powers (Greece withdrew from Bulgaria within days of the League Council's demand
/// of October 1925; Peru let a League commission take over Leticia in 1933) and little on one strong where it
/// fights; none on a nuclear power, whom no member will fight
/// without a treaty that obliges it. Once the institution imposes sanctions or authorises force, what is done
/// counts, not what might be (sanctions states impose on their own leave the threat standing); once other
/// states' forces fight beside the victim, the threat fades by the share
/// their power bears to the aggressor's in the theatre, gone once they match it.
pub fn verdict_threat(crisis: &Crisis, mif: &MeasuresInForce, credibility: f32, belief: f32, a: f32, nations: &Query<NationQuery>) -> f32 {
    verdict_threat_with(crisis, mif, &[], credibility, belief, a, nations)
}

/// The same threat were a vote with these backers adopted too (what an aggressor weighs as it answers a demand).
pub fn verdict_threat_with(
    crisis: &Crisis,
    mif: &MeasuresInForce,
    vote: &[(Entity, f32)],
    credibility: f32,
    belief: f32,
    a: f32,
    nations: &Query<NationQuery>,
) -> f32 {
    // Sanctions states impose on their own are not the institution acting on its verdict.
    let acted = (mif.sanctions.is_some() && !mif.national_sanctions) || mif.force_authorised;
    if acted || nations.get(crisis.aggressor).is_ok_and(|n| n.3.nuclear) {
        return 0.0;
    }
    // Forces already fighting beside the victim are no longer a threat but a war, counted as forces: the threat
    // fades as their power nears the aggressor's own, and a token force leaves it standing.
    let fighting: f32 = mif.coalition.iter().filter(|c| c.state != crisis.victim).map(|c| c.cinc).sum();
    let standing = (1.0 - fighting / a.max(1e-6)).clamp(0.0, 1.0);
    let backing = mif.backing_held_back_with(vote) * standing * ON_THE_WAY * credibility * belief;
    if backing > 0.0 { backing / (a + backing).max(1e-6) } else { 0.0 }
}

/// Ground beyond its own line above which an aggressor seeks a cease-fire where it stands before withdrawing.
pub const HELD_GROUND: f32 = 0.02;

/// Ground lost from its furthest advance that teaches an aggressor its enemies will fight.
pub const TAUGHT_BY_LOSS: f32 = 0.1;

/// How far the aggressor discounts the forces sent against it: its drawn doubt, until it has once been thrown
/// back `TAUGHT_BY_LOSS` from its furthest advance (what the fighting taught it, it does not forget).
pub fn doubt(crisis: &Crisis, draws: &Draws, log: &RunLog) -> f32 {
    if crisis.taught || thrown_back(crisis, log) >= TAUGHT_BY_LOSS { 0.0 } else { draws.doubt }
}

/// Ground lost again since its furthest advance.
fn thrown_back(crisis: &Crisis, log: &RunLog) -> f32 {
    log.control.iter().copied().fold(crisis.control, f32::max) - crisis.control
}

/// Share of its furthest advance that, lost again in the fighting, makes a retreat a rout.
pub const ROUTED: f32 = 0.3;

/// Whether the fighting has thrown the aggressor back by `ROUTED` of the ground it had gained at its furthest.
fn routed(crisis: &Crisis, log: &RunLog) -> bool {
    let furthest = log.control.iter().copied().fold(crisis.control, f32::max);
    thrown_back(crisis, log) >= ROUTED * (furthest - crisis.start_control).max(0.0)
}

/// The aggressor's reckoning this turn, factor by factor: what it wants, what it faces, what it has won.
fn aggressor_factors(
    crisis: &Crisis,
    mif: &MeasuresInForce,
    draws: &Draws,
    day: i32,
    politics: f32,
    credibility: f32,
    tension: &WorldTension,
    log: &RunLog,
    nations: &Query<NationQuery>,
    blocs: &Query<&Bloc>,
) -> Factors {
    let (a, d) = theatre_strength(crisis, mif, draws, day, nations);
    // Until they have beaten it in the field, it may doubt that the forces sent against it will fight.
    let belief = 1.0 - doubt(crisis, draws, log);
    let pact = pacts(crisis, mif, day, blocs, nations);
    // The forces of a pact's members that have arrived are believed as the pact is: arriving never weakens it.
    let (in_theatre, under_pact) = (mif.coalition_in_theatre(day), pledged_arrived(crisis, mif, day, blocs));
    let pact_belief = 1.0 - (1.0 - belief) * (1.0 - pact.firmness);
    let coalition = (in_theatre - under_pact).max(0.0) * belief + under_pact * pact_belief;
    let on_way = (mif.coalition_on_way(day) - pledged_on_way(crisis, mif, day, blocs)).max(0.0) * ON_THE_WAY * belief;
    let want = (crisis.appetite + draws.resolve).clamp(0.0, 1.0);
    let mut f: Factors = smallvec::smallvec![Factor::new(F::Appetite, want)];
    // Behind a consented peace force too: the force freezes the line and removes no one, so the ground held and
    // the forces that hold it still count (UNFICYP on Cyprus's line from 1974); the aggressor goes when the
    // pressure outweighs them (Suez, December 1956).
    f.push(Factor::new(F::LocalBalance, prospect((a - d) / (a + d).max(1e-6), want)));
    if coalition > 0.0 {
        f.push(Factor::new(F::CoalitionInTheatre, -coalition_weight(coalition, a)));
    }
    if on_way > 0.0 {
        f.push(Factor::new(F::ForcesOnTheWay, -DETERRENCE * on_way / (a + on_way).max(1e-6)));
    }
    if pact.power > 0.0 {
        f.push(Factor::new(F::BlocDeterrence, -pact_deterrence(pact, a, 1.0 - belief)));
    }
    let threat = verdict_threat(crisis, mif, credibility, belief, a, nations);
    if threat > 0.0 {
        f.push(Factor::new(F::VerdictBacking, -DETERRENCE * threat));
    }
    let nuclear = nuclear_pact(crisis, mif, blocs, nations);
    if nuclear > 0.0 {
        f.push(Factor::new(F::NuclearRisk, -NUCLEAR_RISK * nuclear));
    }
    if mif.pressure > 0.0 {
        f.push(Factor::new(F::SanctionsPressure, -DETERRENCE * mif.pressure));
    }
    // A blockade of its supply line and an embargo on its fuel both starve its armies of what they run on.
    let starved = 1.0 - (1.0 - mif.blockade) * (1.0 - mif.fuel_denied);
    if starved > 0.0 {
        f.push(Factor::new(F::SupplyCut, -starved));
    }
    f.extend(political_pressure(log, crisis, nations));
    if crisis.losses.0 > 0.0 {
        let (cinc, km) = nations.get(crisis.aggressor).map_or((1.0, 0.0), |n| (n.2.cinc, n.3.km_theatre));
        f.push(Factor::new(F::WarCosts, -war_cost(crisis, cinc, km)));
    }
    if mif.concessions > 0 {
        f.push(Factor::new(F::Concessions, 0.1 * mif.concessions as f32));
    }
    // At war, terms on the table offer a way out: it can stop where it stands without losing face, the more
    // readily the nearer the war is to a stalemate that hurts both sides (I. William Zartman, *Ripe for
    // Resolution*, 1985): one winning has no need of them, one beaten stops without them.
    if mif.terms > 0.0 && crisis.attacked && crisis.settled.is_none() {
        let whole = (a - d - coalition) / (a + d + coalition).max(1e-6);
        f.push(Factor::new(F::TermsOffered, -mif.terms * (1.0 - whole.abs())));
    }
    if crisis.attacked && lost_in_the_crisis(crisis) > 0.0 {
        f.push(Factor::new(F::PrizeHeld, 0.3 * lost_in_the_crisis(crisis)));
    }
    if tension.arms_race > 0.0 {
        f.push(Factor::new(F::ArmsRace, -0.2 * tension.arms_race));
    }
    f.push(Factor::new(F::DomesticPolitics, politics));
    f
}

/// The ground the aggressor took in this crisis: what it would give up by obeying, and the victim by signing where
/// the lines stand. What it held before (by treaty or an earlier war, the level's `held_before`) is not at stake.
pub fn lost_in_the_crisis(crisis: &Crisis) -> f32 {
    (crisis.control - crisis.start_control).max(0.0)
}

/// The ground a victim offered a cease-fire would still want back: what the aggressor took in this crisis, less
/// what the victim itself offered to give up for peace (`MeasuresInForce::offered_line`).
fn to_win_back(crisis: &Crisis, offered: Option<f32>) -> f32 {
    (crisis.control - offered.unwrap_or(0.0).max(crisis.start_control)).max(0.0)
}

/// The balance of forces as the aggressor weighs it. A winning balance is worth as much as it wants the prize:
/// the chance of winning times the value of winning (Bruce Bueno de Mesquita, *The War Trap*, 1981), so an army
/// that could win but whose government hardly wants the prize is not driven on by the odds alone. A losing
/// balance counts in full: defeat costs the army, whatever the prize was worth.
pub fn prospect(balance: f32, want: f32) -> f32 {
    if balance > 0.0 { balance * want } else { balance }
}

/// What the aggressor reads when it reckons outside its own turn (as it answers a demand): the measures in force,
/// the run's draws, the day, the institution's credibility, world tension and the run's log.
pub struct Reading<'a> {
    pub mif: &'a MeasuresInForce,
    pub draws: &'a Draws,
    pub day: i32,
    pub credibility: f32,
    pub tension: &'a WorldTension,
    pub log: &'a RunLog,
}

/// The aggressor's score of going on, as it would reckon it now, its domestic politics aside.
pub fn reckoning(crisis: &Crisis, r: &Reading, nations: &Query<NationQuery>, blocs: &Query<&Bloc>) -> f32 {
    aggressor_factors(crisis, r.mif, r.draws, r.day, 0.0, r.credibility, r.tension, r.log, nations, blocs).iter().map(|f| f.weight).sum()
}

fn aggressor_decides(
    level: Res<Level>,
    cal: Res<Calendar>,
    mif: Res<MeasuresInForce>,
    tension: Res<WorldTension>,
    cred: Res<Credibility>,
    draws: Res<Draws>,
    iv: Res<Intervention>,
    rng: Res<SimRng>,
    mut log: ResMut<RunLog>,
    mut crisis: Single<&mut Crisis>,
    nations: Query<NationQuery>,
    blocs: Query<&Bloc>,
) {
    // The turn's own draw: the same whatever happened before (`SimRng::keyed`).
    let politics = draws.politics * rng.keyed(cal.turn, DrawFor::Politics, 0);
    let date = level.0.turns[cal.turn].date;
    let (_, day) = turn_days(&level.0, cal.turn);
    crisis.taught |= thrown_back(&crisis, &log) >= TAUGHT_BY_LOSS;
    match crisis.settled {
        None => {}
        // Behind a cease-fire line it keeps weighing whether to stay or to go (Suez, November 1956).
        Some(AggressorChoice::AcceptTerms) => {
            let f = aggressor_factors(
                &crisis,
                &mif,
                &draws,
                day,
                politics,
                cred.of(level.0.institution.kind),
                &tension,
                &log,
                &nations,
                &blocs,
            );
            let bar = if obeys_demand(&mif, &f, &iv) { 0.0 } else { WITHDRAW_BELOW };
            // A punitive aggressor holding its aim goes home of its own will; any other goes under the pressure.
            let home = crisis.punitive && aim_held(&crisis);
            let choice = if home || iv.score(&f) <= bar { AggressorChoice::Withdraw } else { AggressorChoice::AcceptTerms };
            crisis.content = if choice == AggressorChoice::Withdraw { home } else { crisis.content };
            let id = nations.get(crisis.aggressor).map(|n| n.1.id.clone()).unwrap_or_default();
            log.decide(cal.turn, &id, DecisionKind::Aggressor { choice }, f);
            if choice == AggressorChoice::Withdraw {
                crisis.settled = Some(choice);
                crisis.control = crisis.control.min(crisis.start_control);
                log.news(cal.turn, date, format!("{} withdraws behind its own lines", name_of(&nations, crisis.aggressor)), false);
            }
            return;
        }
        Some(_) => return,
    }
    let f = aggressor_factors(&crisis, &mif, &draws, day, politics, cred.of(level.0.institution.kind), &tension, &log, &nations, &blocs);
    let (a, d) = theatre_strength(&crisis, &mif, &draws, day, &nations);
    let coalition = mif.coalition_in_theatre(day);
    let word = InstitutionsWord {
        condemned: mif.has(Measure::Condemn) || mif.has(Measure::NonRecognition),
        cease_fire_called: mif.has(Measure::CeaseFire),
        credibility: cred.of(level.0.institution.kind),
        terms: mif.terms,
        offered: mif.offered_line,
    };
    let s = iv.score(&f);
    let mut choice = choice_by_score(&crisis, s);
    // Stopping under a demand to withdraw that power it believes stands behind, it goes home rather than hold a
    // line of its own choosing (Greece left Bulgaria within the League Council's sixty hours, October 1925).
    // However far below 0 it falls: the harder the pressure, the surer it goes.
    let obeys = matches!(choice, AggressorChoice::AcceptTerms | AggressorChoice::Withdraw) && obeys_demand(&mif, &f, &iv);
    if obeys {
        choice = AggressorChoice::Withdraw;
    }
    // An army in the field that has not been routed does not simply march home: it first seeks a cease-fire
    // where it stands, and withdraws from behind a cease-fire line (Suez 1956) or once the fighting has thrown
    // it back by `ROUTED` of its gains (Iraq on 26 February 1991, North Korea after Inchon). Behind peace-
    // keepers it needs no cease-fire of its own: it may go at once. Once its offer has been refused, it does not beg
    // again: still at or below `WITHDRAW_BELOW`, it goes home (the Soviet Union, refused any settlement that left
    // its army in Afghanistan, agreed at Geneva in April 1988 to leave).
    let offers_terms = choice == AggressorChoice::Withdraw
        && !obeys
        && !crisis.holding
        && crisis.control > crisis.start_control + HELD_GROUND
        && !routed(&crisis, &log)
        && !mif.peacekeepers;
    if offers_terms {
        choice = AggressorChoice::AcceptTerms;
    }
    // Holding all it set out to take, it presses no further: it offers a cease-fire where it stands (again each
    // turn the victim refuses: a standing offer, not a plea), or, if it came to punish, goes home whatever else
    // weighs on it.
    // Before a shot, holding its aim, it holds back for want of a reason to attack, not for fear.
    let content = aim_held(&crisis)
        && if crisis.attacked {
            crisis.punitive || matches!(choice, AggressorChoice::Proceed | AggressorChoice::Escalate)
        } else {
            s > ATTACK_ABOVE
        };
    crisis.content = content;
    let content = content && crisis.attacked;
    let offers_terms = if content { !crisis.punitive } else { offers_terms };
    if content {
        choice = if crisis.punitive { AggressorChoice::Withdraw } else { AggressorChoice::AcceptTerms };
        let a = name_of(&nations, crisis.aggressor);
        if crisis.punitive {
            log.news(cal.turn, date, format!("{a} declares its aims achieved and withdraws to its own lines"), false);
        } else if !crisis.holding {
            log.news(cal.turn, date, format!("{a} holds what it set out to take and offers a cease-fire where its forces stand"), false);
        }
    }
    // Behind a consented peace force the choice is to stay where it stands or to go.
    if mif.peacekeepers && matches!(choice, AggressorChoice::Proceed | AggressorChoice::Escalate) {
        choice = AggressorChoice::AcceptTerms;
    }
    let id = nations.get(crisis.aggressor).map(|n| n.1.id.clone()).unwrap_or_default();
    log.decide(cal.turn, &id, DecisionKind::Aggressor { choice }, f);
    // A cease-fire takes two: the victim weighs the ground it would give up against the force behind it.
    if choice == AggressorChoice::AcceptTerms && !mif.peacekeepers {
        // The share of the forces in the theatre on the victim's side: its hope of retaking what it would give up.
        let sides = Sides { own: (d + coalition) / (a + d + coalition).max(1e-6), coalition: coalition / (a + coalition).max(1e-6) };
        let victim = nations.get(crisis.victim).map(|n| (n.2.cinc, n.3.commitment)).unwrap_or((1.0, 0.0));
        let g = cease_fire_factors(&crisis, victim, sides, word);
        let accepts = iv.score(&g) > 0.0;
        let vid = nations.get(crisis.victim).map(|n| n.1.id.clone()).unwrap_or_default();
        log.decide(cal.turn, &vid, DecisionKind::CeaseFire { accepts }, g);
        if !accepts {
            choice = AggressorChoice::Proceed;
            // One that offered terms rather than go holds where it stands: the fighting goes on, its advance not.
            crisis.holding = offers_terms;
            log.news(
                cal.turn,
                date,
                format!("{} rejects a cease-fire on the aggressor's terms; the fighting goes on", name_of(&nations, crisis.victim)),
                false,
            );
        }
    }
    carry_out(&mut crisis, choice, offers_terms, s, mif.peacekeepers, &level.0, (cal.turn, date), &mut log, &nations);
}

/// How much the coalition's forces in the theatre weigh on the aggressor, against its own forces `a` there:
/// in its reckoning of the war and in its answer to a peace force alike.
pub fn coalition_weight(coalition: f32, a: f32) -> f32 {
    DETERRENCE * coalition / (a + coalition).max(1e-6)
}

/// What the aggressor's losses so far weigh on it, against the army it committed to the war: half a point per
/// army as large as that, at most 1 (the army it went to war with, `start_readiness`: reserves thrown in later do
/// not make past losses lighter). A state that threw in all it had (a readiness of 1 or more, as far as its
/// power reaches the theatre) weighs them against its whole strength; a great power that sent part of its army
/// against that part (the Soviet Union counted the Winter War's dead against the tenth of the Red Army it sent,
/// and made peace in March 1940 short of the whole of Finland).
pub fn war_cost(crisis: &Crisis, cinc: f32, km: f32) -> f32 {
    let committed = cinc * (projection(km, cinc) * crisis.start_readiness).min(1.0);
    (0.5 * crisis.losses.0 / committed.max(1e-6)).min(1.0)
}

/// Whether an aggressor with limited aims (the level's `aim` below 1) holds all it set out to take.
pub fn aim_held(crisis: &Crisis) -> bool {
    crisis.aim < 1.0 && crisis.control >= crisis.aim - 1e-4
}

/// Whether the aggressor stands under the institution's demand to withdraw (an adopted `Condemn`) with power
/// behind it that it believes (the factor of the verdict's backing weighs on it, and no re-run has set it aside):
/// then, once it chooses to stop, it obeys the demand and withdraws, rather than offering a cease-fire where it
/// stands.
fn obeys_demand(mif: &MeasuresInForce, f: &[Factor], iv: &Intervention) -> bool {
    mif.offered_line.is_none()
        && mif.has(Measure::Condemn)
        && iv.neutral != Some(F::VerdictBacking)
        && f.iter().any(|x| x.id == F::VerdictBacking && x.weight < 0.0)
}

/// The aggressor's choice by its score: before a shot, attack or hold; at war, escalate, press on, seek
/// terms where it stands or withdraw.
fn choice_by_score(crisis: &Crisis, s: f32) -> AggressorChoice {
    if !crisis.attacked {
        // Nothing left to fight for once the claim has been handed over.
        if s > ATTACK_ABOVE && crisis.control < crisis.aim.min(0.75) { AggressorChoice::Attack } else { AggressorChoice::Hold }
    } else if s > ESCALATE_ABOVE {
        AggressorChoice::Escalate
    } else if s > 0.0 {
        AggressorChoice::Proceed
    } else if s > WITHDRAW_BELOW {
        AggressorChoice::AcceptTerms
    } else {
        AggressorChoice::Withdraw
    }
}

/// How much a victim with more than half the forces in the theatre on its side holds out against a cease-fire,
/// per share of the forces above half (`WINNING_SIDE` × 0.25 at three to one).
pub const WINNING_SIDE: f32 = 2.0;

/// What the victim weighs before a cease-fire where the aggressor stands: the ground it would give up
/// against the share of the force in the theatre that is on its side, its losses, the institution's word.
fn cease_fire_factors(crisis: &Crisis, (own, commitment): (f32, f32), sides: Sides, word: InstitutionsWord) -> Vec<Factor> {
    let mut f = vec![
        Factor::new(F::Consent, 0.3),
        // The ground it would give up, as far as it could hope to win it back: the share of the forces in the
        // theatre on its side. A victim that cannot retake its ground signs where the lines stand (Peru at
        // Itamaraty, 1995; Azerbaijan at Bishkek, 1994); one with the stronger side behind it fights on.
        Factor::new(F::PrizeHeld, -2.0 * to_win_back(crisis, word.offered) * sides.own),
        // A side that is winning expects to lose little more by fighting on, and holds out for better terms than
        // the lines of the day (Donald Wittman, "How a War Ends", *Journal of Conflict Resolution* 23, 1979;
        // Dan Reiter, *How Wars End*, 2009, ch. 2): Iran refused every cease-fire once it had the upper hand in 1981.
        // It weighs so wherever there is ground to win back, however little (India would not stop at Kargil in
        // 1999 while Pakistan held the heights): a hundredth of the contested ground or more in full.
        Factor::new(F::LocalBalance, -WINNING_SIDE * (sides.own - 0.5).max(0.0) * (100.0 * to_win_back(crisis, word.offered)).min(1.0)),
        Factor::new(F::CoalitionInTheatre, -sides.coalition),
        Factor::new(F::WarCosts, (0.5 * crisis.losses.1 / own.max(1e-6)).min(0.5)),
        Factor::new(F::Condemnation, if word.condemned { -0.2 } else { 0.0 }),
    ];
    // A victim that trusts the institution heeds its call to stop, as far as it trusts it.
    if word.cease_fire_called {
        f.push(Factor::new(F::CeaseFireCalled, 0.5 * commitment * word.credibility));
    }
    // A mediator stands behind the terms (or they are its own offer), weighed as the aggressor weighs them: the
    // more, the nearer the war is to a stalemate.
    if word.terms > 0.0 {
        f.push(Factor::new(F::TermsOffered, word.terms * (1.0 - (2.0 * sides.own - 1.0).abs())));
    }
    f
}

/// How the forces in the theatre stand for a victim offered a cease-fire: the share of them on its side, its own
/// and the coalition's (`own`), and the coalition's against the aggressor's (`coalition`).
#[derive(Clone, Copy)]
struct Sides {
    own: f32,
    coalition: f32,
}

/// What has been said: whether the institution condemned the aggressor, whether it called on both sides to
/// cease fire, how far it is trusted, the standing of the terms on the table (`MeasuresInForce::terms`), and the
/// line the victim itself offered peace on.
#[derive(Clone, Copy)]
struct InstitutionsWord {
    condemned: bool,
    cease_fire_called: bool,
    credibility: f32,
    terms: f32,
    /// The line the victim offered peace on, if it did.
    offered: Option<f32>,
}

/// The aggressor's choice carried out on the crisis, with the newswire's line.
fn carry_out(
    crisis: &mut Crisis,
    choice: AggressorChoice,
    offers_terms: bool,
    s: f32,
    peacekeepers: bool,
    level: &crate::level::LevelDef,
    (turn, date): (usize, crate::level::Date),
    log: &mut RunLog,
    nations: &Query<NationQuery>,
) {
    match choice {
        AggressorChoice::Attack => {
            crisis.attacked = true;
            crisis.fighting = true;
            log.news(turn, date, format!("{} attacks in {}", name_of(nations, crisis.aggressor), crisis.theatre), false);
        }
        AggressorChoice::Hold => {}
        AggressorChoice::Proceed | AggressorChoice::Escalate => {
            crisis.fighting = true;
            // Pressing on again, of its own will, after a refused offer.
            if !offers_terms && crisis.settled.is_none() && s > 0.0 {
                crisis.holding = false;
            }
        }
        AggressorChoice::AcceptTerms if peacekeepers => crisis.fighting = false,
        AggressorChoice::AcceptTerms => {
            crisis.fighting = false;
            crisis.settled = Some(choice);
            // The victim has accepted it too (a refusal turns the choice back into pressing on).
            let (a, v) = (name_of(nations, crisis.aggressor), name_of(nations, crisis.victim));
            log.news(turn, date, format!("{a} offers and {v} accepts a cease-fire where the forces stand"), false);
        }
        AggressorChoice::Withdraw => {
            crisis.fighting = false;
            crisis.settled = Some(choice);
            // Back to the line it held before the crisis, not beyond: what it held by treaty or an earlier war it keeps.
            crisis.control = crisis.control.min(crisis.start_control);
            log.news(turn, date, format!("{} withdraws its forces", name_of(nations, crisis.aggressor)), false);
        }
    }
    // Escalation throws in reserves, up to half again the forces it started with.
    if choice == AggressorChoice::Escalate {
        let cap = level.crisis.aggressor_readiness * ESCALATION_CAP;
        crisis.aggressor_readiness = (crisis.aggressor_readiness * (1.0 + ESCALATION_STEP)).min(cap);
    }
}

/// An aggressor condemned by its own institution weighs leaving it (Japan, March 1933).
fn leave_institution(
    mut commands: Commands,
    level: Res<Level>,
    cal: Res<Calendar>,
    cred: Res<Credibility>,
    mut mif: ResMut<MeasuresInForce>,
    mut log: ResMut<RunLog>,
    iv: Res<Intervention>,
    crisis: Single<&Crisis>,
    nations: Query<NationQuery>,
) {
    let condemned = mif.adopted.iter().any(|(_, m, t)| matches!(m, Measure::Condemn | Measure::NonRecognition) && *t == cal.turn);
    let Ok((e, n, _, int, member)) = nations.get(crisis.aggressor) else { return };
    if !condemned || !member || mif.aggressor_left {
        return;
    }
    let kind = level.0.institution.kind;
    let f = vec![
        Factor::new(F::Condemnation, 0.4),
        Factor::new(F::PrizeHeld, 0.4 * lost_in_the_crisis(&crisis)),
        Factor::new(F::Appetite, 0.3 * crisis.appetite),
        Factor::new(F::FaithInInstitution, -int.commitment * cred.of(kind) * 1.5),
        // Many left the League; no state has left the UN for good (Indonesia came back within two years).
        Factor::new(F::Isolation, if kind == crate::level::InstitutionKind::UnitedNations { -0.8 } else { -0.1 }),
    ];
    let leaves = iv.score(&f) > 0.5;
    log.decide(cal.turn, &n.id, DecisionKind::LeaveInstitution { leaves }, f);
    if leaves {
        mif.aggressor_left = true;
        commands.entity(e).remove::<Member>();
        let date = level.0.turns[cal.turn].date;
        log.news(cal.turn, date, format!("{} walks out and gives notice of leaving the {}", n.name, level.0.institution.name), false);
    }
}

/// What the world's verdict costs the aggressor: a condemnation, the wider the dearer and the more so for a
/// state that cares for the institution; and friends who vote against it, who weigh far more than enemies
/// (the United States at Suez). A call on both sides to cease fire names no aggressor: defying it costs half
/// a condemnation, and friends who vote for it do not oppose the aggressor.
/// Used for its decisions to fight on and to consent to peacekeepers.
pub fn political_pressure(log: &RunLog, crisis: &Crisis, nations: &Query<NationQuery>) -> Factors {
    let mut f = Factors::new();
    let weight_of = |v: &crate::sim::trace::VoteRecord| if v.adopted { reproach(v.motion) } else { 0.0 };
    let breadth = log.votes.iter().map(|v| weight_of(v) * v.yes as f32 / (v.yes + v.no + v.abstain).max(1) as f32).fold(0.0f32, f32::max);
    if breadth <= 0.0 {
        return f;
    }
    let care = nations.get(crisis.aggressor).map(|n| n.3.commitment).unwrap_or(0.0);
    f.push(Factor::new(F::Condemnation, -breadth * (0.1 + care)));
    let own = nations.get(crisis.aggressor).map(|n| n.2.cinc).unwrap_or(1.0).max(1e-6);
    // Did this state vote for an adopted motion that names the aggressor? A call on both sides to cease fire
    // opposes no one: Iraq's friends voted for S/RES/479. Only the aggressor's few friends are looked up. A ballot names its state with the run's own shared id, so the
    // pointer usually answers; the bytes settle the rest (compared inline: ids are three letters, and a call
    // to memcmp costs more than the comparison).
    let same = |a: &std::sync::Arc<str>, b: &std::sync::Arc<str>| std::sync::Arc::ptr_eq(a, b) || a.bytes().eq(b.bytes());
    let voted_for = |id: &std::sync::Arc<str>| {
        log.votes
            .iter()
            .filter(|v| weight_of(v) >= 1.0)
            .any(|v| v.ballots.iter().any(|b| b.1 == crate::sim::trace::Ballot::Yes && same(&b.0, id)))
    };
    let weight: f32 = nations
        .iter()
        .filter(|n| n.3.ties_aggressor >= 0.3 && voted_for(&n.1.id))
        .map(|n| n.3.ties_aggressor * (n.2.cinc / own).min(5.0) * PATRON_VOTE)
        .sum();
    if weight > 0.0 {
        f.push(Factor::new(F::AlliesOppose, -weight.min(2.0)));
    }
    f
}

/// How far an adopted motion reproaches the aggressor: fully when it names it, half when it calls on both
/// sides to stop.
fn reproach(m: Measure) -> f32 {
    match m {
        Measure::Condemn | Measure::NonRecognition => 1.0,
        Measure::CeaseFire => 0.5,
        _ => 0.0,
    }
}

/// A state's name, for the newswire.
fn name_of(nations: &Query<NationQuery>, e: Entity) -> String {
    nations.get(e).map(|n| n.1.name.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use bevy::ecs::system::RunSystemOnce;

    use crate::sim::testing::{state, tiny};
    use crate::sim::trace::DecisionKind;
    use bevy::prelude::{Query, Res, ResMut, Single};

    use super::NationQuery;
    use crate::sim::{AggressorChoice, Calendar, Contingent, Crisis, Draws, MeasuresInForce, RunLog};

    #[test]
    fn a_condemned_aggressor_weighs_walking_out_and_one_never_condemned_stays_without_asking() {
        let leaves_after = |condemned: bool| {
            let mut sim = tiny();
            let agg = state(&mut sim, "AGG");
            let world = sim.world_mut();
            if condemned {
                world.resource_mut::<MeasuresInForce>().adopted.push((
                    crate::level::BodyKind::SecurityCouncil,
                    crate::level::Measure::Condemn,
                    0,
                ));
            }
            world.run_system_once(super::leave_institution).unwrap();
            world.flush();
            let asked = world.resource::<RunLog>().decisions.iter().any(|d| matches!(d.decision, DecisionKind::LeaveInstitution { .. }));
            let left = world.resource::<MeasuresInForce>().aggressor_left;
            assert_eq!(world.get::<crate::sim::Member>(agg).is_none(), left, "a state that leaves is no longer a member");
            (asked, left)
        };
        assert_eq!(leaves_after(false), (false, false));
        let (asked, _) = leaves_after(true);
        assert!(asked, "the condemnation makes it weigh leaving");
    }

    /// The aggressor's choice on the first turn, with `coalition` power already in the theatre against it.
    fn choice_facing(coalition: f32) -> AggressorChoice {
        let mut sim = tiny();
        let great = state(&mut sim, "GRT");
        let world = sim.world_mut();
        let day = crate::sim::turn_days(&world.resource::<crate::sim::Level>().0, world.resource::<Calendar>().turn).0;
        if coalition > 0.0 {
            let arrived = Contingent { state: great, cinc: coalition, sent: day - 100, lead: 0.0, days: 1.0 };
            world.resource_mut::<MeasuresInForce>().coalition.push(arrived);
        }
        chosen(world)
    }

    /// The aggressor's choice on the first turn, wanting the prize `appetite`, against a victim it far outnumbers.
    fn choice_wanting(appetite: f32) -> AggressorChoice {
        let mut sim = tiny();
        let world = sim.world_mut();
        let mut draws = world.resource_mut::<Draws>();
        (draws.resolve, draws.politics) = (0.0, 0.0);
        let mut crisis = world.query::<&mut Crisis>().single_mut(world).unwrap();
        (crisis.appetite, crisis.victim_readiness, crisis.control) = (appetite, 0.1, 0.0);
        chosen(world)
    }

    fn chosen(world: &mut bevy::prelude::World) -> AggressorChoice {
        world.run_system_once(super::aggressor_decides).unwrap();
        let log = world.resource::<RunLog>();
        log.decisions
            .iter()
            .rev()
            .find_map(|d| match d.decision {
                DecisionKind::Aggressor { choice } => Some(choice),
                _ => None,
            })
            .expect("the aggressor decided")
    }

    #[test]
    fn an_aggressor_unopposed_presses_on_and_one_facing_overwhelming_forces_stops() {
        assert!(matches!(choice_facing(0.0), AggressorChoice::Proceed | AggressorChoice::Escalate));
        assert!(matches!(choice_facing(1.0), AggressorChoice::AcceptTerms | AggressorChoice::Withdraw));
    }

    #[test]
    fn a_victim_that_cannot_win_back_its_ground_signs_where_the_lines_stand_and_one_that_can_fights_on() {
        let mut sim = tiny();
        let world = sim.world_mut();
        let mut crisis = world.query::<&Crisis>().single(world).unwrap().clone();
        crisis.control = 0.3;
        let word = super::InstitutionsWord { condemned: false, cease_fire_called: false, credibility: 0.5, terms: 0.0, offered: None };
        let accepts = |own: f32| {
            let f = super::cease_fire_factors(&crisis, (0.01, 0.5), super::Sides { own, coalition: 0.0 }, word);
            f.iter().map(|x| x.weight).sum::<f32>() > 0.0
        };
        assert!(accepts(0.3), "a third of the forces in the theatre on its side: it signs (Peru at Itamaraty, 1995)");
        assert!(!accepts(0.8), "the stronger side behind it: it fights on to win its ground back");
    }

    #[test]
    fn a_winning_victim_holds_out_for_a_little_lost_ground_and_signs_once_none_is_left() {
        let mut sim = tiny();
        let world = sim.world_mut();
        let mut crisis = world.query::<&Crisis>().single(world).unwrap().clone();
        // Two to one on its side, and losses it feels (Iran in September 1981).
        (crisis.start_control, crisis.losses.1) = (0.0, 0.0026);
        let word = super::InstitutionsWord { condemned: false, cease_fire_called: false, credibility: 0.5, terms: 0.0, offered: None };
        let accepts = |crisis: &Crisis| {
            let f = super::cease_fire_factors(crisis, (0.01, 0.5), super::Sides { own: 0.66, coalition: 0.0 }, word);
            f.iter().map(|x| x.weight).sum::<f32>() > 0.0
        };
        crisis.control = 0.14;
        assert!(!accepts(&crisis), "a seventh of its ground still held, and the war going its way: it fights on");
        crisis.control = 0.0;
        assert!(accepts(&crisis), "back on its own line, it has nothing left to win back");
        // Five to one on its side and a sliver of its ground held (India at Kargil, June 1999).
        crisis.control = 0.015;
        let f = super::cease_fire_factors(&crisis, (0.01, 0.5), super::Sides { own: 0.83, coalition: 0.0 }, word);
        assert!(f.iter().map(|x| x.weight).sum::<f32>() < 0.0, "however little is held, a victim that is winning fights on: {f:?}");
    }

    #[test]
    fn a_great_power_feels_its_losses_against_the_army_it_sent_and_a_small_state_against_all_it_has() {
        let mut sim = tiny();
        let world = sim.world_mut();
        let mut crisis = world.query::<&Crisis>().single(world).unwrap().clone();
        crisis.losses.0 = 0.005;
        // The Soviet Union against Finland: CINC 0.14 next door, a tenth of the Red Army sent.
        crisis.start_readiness = 0.1;
        let great = super::war_cost(&crisis, 0.14, 300.0);
        assert!((great - 0.5 * 0.005 / (0.14 * 0.1 * super::projection(300.0, 0.14))).abs() < 1e-4, "{great}");
        assert!(great > 10.0 * 0.5 * 0.005 / 0.14 - 1e-4, "ten times what its whole power would feel");
        // A small state that threw in all it had (readiness above 1) weighs them against its whole strength.
        crisis.start_readiness = 2.0;
        assert!((super::war_cost(&crisis, 0.01, 300.0) - 0.25).abs() < 1e-4);
    }

    #[test]
    fn a_doubted_pledge_deters_less_however_great_the_power_behind_it_and_a_firm_pact_is_hardly_doubted() {
        let pact = |firmness| super::Pacts { power: 100.0, firmness };
        let sure = super::pact_deterrence(pact(0.5), 1.0, 0.0);
        let loose = super::pact_deterrence(pact(0.5), 1.0, 0.6);
        let firm = super::pact_deterrence(pact(0.9), 1.0, 0.6);
        assert!(loose < 0.75 * sure, "a hundred times the aggressor's power, half-believed: {loose} against {sure}");
        assert!(firm > 0.9 * sure, "a firm alliance is hardly doubted: {firm} against {sure}");
    }

    /// The aggressor's factors as it would reckon them now, on the first day, its domestic politics aside.
    fn reckon(world: &mut bevy::prelude::World) -> crate::sim::trace::Factors {
        world
            .run_system_once(
                |c: Single<&Crisis>,
                 mif: Res<MeasuresInForce>,
                 draws: Res<Draws>,
                 t: Res<crate::sim::WorldTension>,
                 log: Res<RunLog>,
                 n: Query<NationQuery>,
                 b: Query<&crate::sim::Bloc>| super::aggressor_factors(&c, &mif, &draws, 0, 0.0, 0.5, &t, &log, &n, &b),
            )
            .unwrap()
    }

    #[test]
    fn terms_on_the_table_weigh_on_an_aggressor_near_a_stalemate_and_hardly_on_one_that_is_winning() {
        let weight_of_terms = |aggressor: f32, victim: f32| {
            let mut sim = tiny();
            let world = sim.world_mut();
            world.resource_mut::<MeasuresInForce>().terms = 0.25;
            {
                let mut c = world.query::<&mut Crisis>().single_mut(world).unwrap();
                (c.aggressor_readiness, c.victim_readiness, c.attacked, c.fighting) = (aggressor, victim, true, true);
            }
            reckon(world).iter().find(|x| x.id == super::F::TermsOffered).map_or(0.0, |x| x.weight)
        };
        let (even, winning) = (weight_of_terms(1.0, 1.0), weight_of_terms(20.0, 0.05));
        assert!(even < -0.15, "near a stalemate a way out counts: {even}");
        assert!(winning > -0.05, "winning, it has no need of one: {winning}");
    }

    #[test]
    fn behind_peacekeepers_an_aggressor_still_weighs_the_ground_it_holds_and_the_forces_that_hold_it() {
        // A peace force freezes the line and removes no one (UNFICYP on Cyprus's line from August 1974): the
        // aggressor reckons with what it would give up by leaving as it does behind any cease-fire line.
        let reckoned = |peacekeepers: bool| {
            let mut sim = tiny();
            let world = sim.world_mut();
            world.resource_mut::<MeasuresInForce>().peacekeepers = peacekeepers;
            {
                let mut c = world.query::<&mut Crisis>().single_mut(world).unwrap();
                (c.start_control, c.control, c.attacked, c.fighting) = (0.0, 0.5, true, !peacekeepers);
            }
            let f = reckon(world);
            let weight = |id| f.iter().find(|x| x.id == id).map(|x| x.weight);
            (weight(super::F::PrizeHeld), weight(super::F::LocalBalance))
        };
        let (behind_the_force, at_war) = (reckoned(true), reckoned(false));
        assert!(behind_the_force.0.is_some_and(|w| w > 0.1), "half the ground held is worth keeping: {behind_the_force:?}");
        assert!(behind_the_force.1.is_some(), "and it reckons whether it could hold it");
        assert_eq!(behind_the_force, at_war, "the same reckoning as on a line without peacekeepers");
    }

    #[test]
    fn a_victim_that_offered_ground_for_peace_does_not_count_it_as_ground_to_win_back() {
        let mut sim = tiny();
        let world = sim.world_mut();
        let mut crisis = world.query::<&Crisis>().single(world).unwrap().clone();
        (crisis.start_control, crisis.control) = (0.0, 0.3);
        let accepts = |offered: Option<f32>| {
            let word = super::InstitutionsWord { condemned: false, cease_fire_called: false, credibility: 0.5, terms: 0.4, offered };
            let f = super::cease_fire_factors(&crisis, (0.01, 0.5), super::Sides { own: 0.7, coalition: 0.0 }, word);
            f.iter().map(|x| x.weight).sum::<f32>() > 0.0
        };
        assert!(!accepts(None), "three tenths of its ground taken, the war going its way: it fights on");
        assert!(accepts(Some(0.3)), "the line it offered itself (Finland at Moscow, 1940): it signs");
    }

    #[test]
    fn an_aggressor_that_withdraws_keeps_what_it_held_before_the_crisis() {
        let mut sim = tiny();
        let world = sim.world_mut();
        {
            let mut crisis = world.query::<&mut Crisis>().single_mut(world).unwrap();
            (crisis.start_control, crisis.control, crisis.attacked, crisis.fighting) = (0.4, 0.6, true, true);
        }
        let date = world.resource::<crate::sim::Level>().0.turns[0].date;
        world
            .run_system_once(
                move |mut c: Single<&mut Crisis>, level: Res<crate::sim::Level>, mut log: ResMut<RunLog>, n: Query<NationQuery>| {
                    super::carry_out(&mut c, AggressorChoice::Withdraw, false, -1.0, false, &level.0, (0, date), &mut log, &n);
                },
            )
            .unwrap();
        let crisis = world.query::<&Crisis>().single(world).unwrap();
        assert_eq!(crisis.control, 0.4, "back to the line of before the crisis, not beyond it");
    }

    /// The aggressor's choice on the first turn, wanting the prize in full and far the stronger, holding 0.3 of
    /// the claim and meaning to take `aim` of it.
    fn choice_aiming_at(aim: f32) -> AggressorChoice {
        choice_aiming_at_with(aim, false)
    }

    /// The same, the aggressor meaning to punish and go home (`punitive`) or to keep what it takes.
    fn choice_aiming_at_with(aim: f32, punitive: bool) -> AggressorChoice {
        let mut sim = tiny();
        let world = sim.world_mut();
        let mut draws = world.resource_mut::<Draws>();
        (draws.resolve, draws.politics) = (0.0, 0.0);
        let mut crisis = world.query::<&mut Crisis>().single_mut(world).unwrap();
        (crisis.appetite, crisis.victim_readiness, crisis.control, crisis.aim, crisis.punitive) = (1.0, 0.1, 0.3, aim, punitive);
        chosen(world)
    }

    #[test]
    fn an_aggressor_that_came_to_punish_goes_home_once_it_holds_its_aim_and_not_before() {
        assert_eq!(choice_aiming_at_with(0.3, true), AggressorChoice::Withdraw, "its lesson taught, it withdraws (China, March 1979)");
        let short = choice_aiming_at_with(0.5, true);
        assert!(matches!(short, AggressorChoice::Proceed | AggressorChoice::Escalate), "short of its aim it presses on: {short:?}");
    }

    #[test]
    fn an_aggressor_holding_all_it_set_out_to_take_offers_a_cease_fire_where_it_stands_and_one_wanting_more_presses_on() {
        for aim in [1.0, 0.5] {
            let c = choice_aiming_at(aim);
            assert!(matches!(c, AggressorChoice::Proceed | AggressorChoice::Escalate), "aiming at {aim}, holding 0.3: {c:?}");
        }
        assert_eq!(choice_aiming_at(0.3), AggressorChoice::AcceptTerms, "it holds its aim: it presses no further");
    }

    #[test]
    fn a_punitive_aggressor_holding_its_aim_goes_home_even_when_pressed_rather_than_offer_a_cease_fire() {
        let mut sim = tiny();
        let great = state(&mut sim, "GRT");
        let world = sim.world_mut();
        let day = crate::sim::turn_days(&world.resource::<crate::sim::Level>().0, world.resource::<Calendar>().turn).0;
        let arrived = Contingent { state: great, cinc: 1.0, sent: day - 100, lead: 0.0, days: 1.0 };
        world.resource_mut::<MeasuresInForce>().coalition.push(arrived);
        let mut crisis = world.query::<&mut Crisis>().single_mut(world).unwrap();
        (crisis.control, crisis.aim, crisis.punitive) = (0.3, 0.3, true);
        assert_eq!(chosen(world), AggressorChoice::Withdraw, "its lesson taught, it does not bargain for the ground");
        assert!(world.query::<&Crisis>().single(world).unwrap().content, "it went of its own will");
    }

    #[test]
    fn a_guarantor_allied_to_the_aggressor_pledges_only_what_the_alliance_leaves_it_free_to_fight() {
        let pledged = |pact: &str| {
            let mut sim = tiny();
            let (agg, vic, grt) = (state(&mut sim, "AGG"), state(&mut sim, "VIC"), state(&mut sim, "GRT"));
            let world = sim.world_mut();
            let bloc = |id: &str, kind, members: Vec<_>, protects| crate::sim::Bloc {
                id: id.into(),
                name: id.into(),
                kind,
                members,
                protects,
                against: None,
                cohesion: 0.8,
                area: vec![],
                after: None,
                in_region: true,
            };
            match pact {
                // A regional pact of which both parties are members binds its members to the victim, not to the aggressor.
                "regional" => world.spawn(bloc("regional", crate::level::BlocKind::CollectiveDefence, vec![grt, agg, vic], None)),
                _ => world.spawn(bloc("guarantee", crate::level::BlocKind::Guarantee, vec![grt, agg], Some(vic))),
            };
            if pact == "allied" {
                world.spawn(bloc("alliance", crate::level::BlocKind::CollectiveDefence, vec![grt, agg], None));
            }
            world
                .run_system_once(|c: Single<&Crisis>, mif: Res<MeasuresInForce>, b: Query<&crate::sim::Bloc>, n: Query<NationQuery>| {
                    super::pact_threat(&c, &mif, 0, &b, &n)
                })
                .unwrap()
        };
        let (free, allied) = (pledged("guarantee"), pledged("allied"));
        assert!(free > 0.0, "a guarantor bound to no one else pledges its power");
        assert_eq!(pledged("regional"), free, "the pact weighed does not shield the aggressor from itself");
        assert!((allied - free * 0.2).abs() < 1e-6, "an ally of the aggressor at cohesion 0.8 pledges a fifth: {allied} of {free}");
    }

    #[test]
    fn an_army_that_could_win_does_not_press_on_for_a_prize_its_government_does_not_want() {
        assert!(matches!(choice_wanting(1.0), AggressorChoice::Proceed | AggressorChoice::Escalate));
        assert!(!matches!(choice_wanting(0.0), AggressorChoice::Proceed | AggressorChoice::Escalate), "the odds alone do not drive it on");
    }
}
