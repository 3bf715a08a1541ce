//! Conflict and outcome: seeded fighting from the power each side brings to the theatre,
//! friends of the aggressor who step in, and the five ways a crisis ends.

use bevy::prelude::*;

use crate::level::{Date, Measure, OutcomeKind, Season};

use super::aggressor::{logistics, theatre_strength};
use super::core::*;
use super::intervention::Intervention;
use super::trace::{DecisionKind, Factor, FactorId as F, RunLog};

pub fn plugin(app: &mut App) {
    app.add_systems(Turn, (aggressor_allies_intervene, seasons_slow_the_front, fight).chain().in_set(TurnSystems::Conflict))
        .add_systems(Turn, advance.in_set(TurnSystems::Outcome));
}

/// How far the front can move in one turn.
pub const FRONT_SPEED: f32 = 0.45;
/// Random swing of the front per turn.
pub const FRONT_NOISE: f32 = 0.06;
/// Strength multiplier of an aggressor holding lines it has had a full turn to fortify.
pub const FORTIFIED: f32 = 1.5;
/// Days of campaigning in which the front moves its full pace: a turn moves it in proportion to its days,
/// up to `SPAN_CAP` times (an offensive reaches its culminating point, and the next turn decides anew).
pub const FRONT_DAYS: f32 = 14.0;
pub const SPAN_CAP: f32 = 1.0;
/// The theatre's area at which the front moves its nominal pace; a theatre `k` times larger is crossed
/// `√k` times slower (between `SIZE_MIN` and `SIZE_MAX` times the pace).
pub const AREA_REF_KM2: f32 = 100_000.0;
/// Calibrated, not measured: the floor that lets the two vast theatres of the calibration levels be crossed
/// in about the time they took, with the fortune of the campaign drawn around it. Japan's army held most of
/// Manchuria's railway zone within five months of Mukden (Harbin, 5 February 1932); Italy's took Addis Ababa
/// seven months after crossing the Mareb (5 May 1936). At 0.5 Italy held all of Ethiopia by March 1936 in
/// every run, whatever the fortune; with no floor it rarely reaches Addis Ababa before the rains.
pub const SIZE_MIN: f32 = 0.35;
pub const SIZE_MAX: f32 = 1.0;

/// A friend of the aggressor steps in when a coalition pushes towards its border (China, October 1950): once
/// the coalition has thrown the aggressor back to its own line, whether the aggressor still fights there or has
/// been driven from the victim's ground and withdrawn. Then the war goes on, the aggressor beside its friend
/// (Whiting, *China Crosses the Yalu*, 1960: China entered as United Nations forces crossed the 38th parallel
/// after the North's rout). Forces whose government holds them at the line (`HoldAtTheLine`) threaten no one.
fn aggressor_allies_intervene(
    level: Res<Level>,
    cal: Res<Calendar>,
    rng: Res<SimRng>,
    mut mif: ResMut<MeasuresInForce>,
    mut log: ResMut<RunLog>,
    draws: Res<Draws>,
    iv: Res<Intervention>,
    mut crisis: Single<&mut Crisis>,
    nations: Query<NationQuery>,
    order: Res<Nations>,
) {
    let (_, day) = turn_days(&level.0, cal.turn);
    let coalition = mif.coalition_in_theatre(day);
    let driven_out = crisis.settled == Some(AggressorChoice::Withdraw) && crisis.gained;
    // Only once the coalition has cleared the victim's ground and stands at the aggressor's own line.
    if !(crisis.fighting || driven_out) || coalition <= 0.0 || crisis.control > crisis.start_control + 0.02 {
        return;
    }
    let (a, _) = theatre_strength(&crisis, &mif, &draws, day, &nations);
    let onward: f32 = mif.coalition.iter().filter(|c| !mif.held_at_line.contains(&c.state)).map(|c| c.arrived(day)).sum();
    let pressing = onward / (coalition + a).max(1e-6);
    let date = level.0.turns[cal.turn].date;
    // In the states' own order, each with its own draw (`SimRng::keyed`).
    for (e, n, cap, int, _) in order.in_order(&nations, |n| n.1.ix) {
        if e == crisis.aggressor || e == crisis.victim || int.ties_aggressor < 0.5 || mif.aggressor_allies.iter().any(|(a, _)| *a == e) {
            continue;
        }
        let near = projection(int.km_theatre, 0.0);
        let f = friend_factors(int, near, pressing, rng.keyed(cal.turn, DrawFor::Friends, n.ix.0));
        let c = if iv.score(&f) > 0.6 { cap.cinc * 0.3 * near } else { 0.0 };
        log.decide(cal.turn, &n.id, DecisionKind::Intervene { cinc: c }, f);
        if c > 0.0 {
            mif.aggressor_allies.push((e, c));
            log.news(cal.turn, date, format!("{} intervenes on the aggressor's side", n.name), false);
            if crisis.settled.is_some() {
                // The withdrawal is undone: the aggressor's army fights on beside its friend.
                (crisis.settled, crisis.fighting, crisis.holding) = (None, true, false);
                log.news(cal.turn, date, "The war goes on from the line where it began".to_string(), false);
            }
        }
    }
}

/// A friend's reasons to step in: its ties, the coalition pressing towards its border, what holds it back.
fn friend_factors(int: &Interests, near: f32, pressing: f32, noise: f32) -> Vec<Factor> {
    vec![
        Factor::new(F::TiesToAggressor, int.ties_aggressor * 0.6),
        Factor::new(F::ThreatAtBorder, near * pressing * 1.2),
        Factor::new(F::DomesticConstraints, -int.domestic),
        Factor::new(F::OtherThreats, -int.distraction * 0.6),
        Factor::new(F::Distance, -0.5 * (1.0 - near)),
        Factor::new(F::DomesticPolitics, 0.04 * noise),
    ]
}

fn fight(
    level: Res<Level>,
    cal: Res<Calendar>,
    draws: Res<Draws>,
    rng: Res<SimRng>,
    mif: Res<MeasuresInForce>,
    mut crisis: Single<&mut Crisis>,
    nations: Query<NationQuery>,
) {
    // The turn's own draw: the same whatever happened before (`SimRng::keyed`).
    let luck = FRONT_NOISE * rng.keyed(cal.turn, DrawFor::Luck, 0);
    if !crisis.fighting || mif.peacekeepers {
        return;
    }
    let (start, day) = turn_days(&level.0, cal.turn);
    let span = ((day - start) as f32 / FRONT_DAYS).clamp(0.0, SPAN_CAP);
    let size = (AREA_REF_KM2 / level.0.crisis.area_km2.max(1.0)).sqrt().clamp(SIZE_MIN, SIZE_MAX);
    let (a, d) = theatre_strength(&crisis, &mif, &draws, day, &nations);
    let d = d + mif.coalition_in_theatre(day);
    let balance = front_balance(a, d, crisis.control <= crisis.dug_in + 0.02);
    // An advance needs supplies; a retreat does not wait for them.
    let pace = if balance > 0.0 { logistics(&mif) * advance_fortune(&draws, balance) } else { 1.0 };
    let season = season_pace(&level.0.crisis.seasons, start, day).0;
    let mut swing = (FRONT_SPEED * balance * pace + luck) * size * span * season;
    // An aggressor holding where it stands after a refused offer defends its line and no longer advances.
    if crisis.holding {
        swing = swing.min(0.0);
    }
    // An aggressor with limited aims advances no further than its aim (Turkey's second offensive of August 1974
    // stopped on the Attila line it was ordered to): what it holds beyond it already, it keeps.
    if swing > 0.0 && crisis.aim < 1.0 {
        swing = swing.min((crisis.aim - crisis.control).max(0.0));
    }
    // Ground the aggressor held before the crisis is dug in: it is retaken at half the pace.
    if swing < 0.0 && crisis.control <= crisis.start_control + 0.05 {
        swing *= 0.5;
    }
    crisis.control = (crisis.control + swing).clamp(0.0, 1.0);
    crisis.gained |= crisis.control > crisis.start_control + 0.01;
    if span >= 1.0 {
        crisis.dug_in = crisis.control;
    }
    crisis.losses.0 += 0.1 * d * span;
    crisis.losses.1 += 0.1 * a * span;
}

/// The balance of forces that moves the front, from −1 (the victim's) to 1 (the aggressor's). Lines the aggressor
/// has held through a full turn (`dug_in`) are fortified: it defends them at `FORTIFIED` times its strength. They
/// slow its retreat or stop it; they never carry it forward against a stronger enemy.
pub fn front_balance(a: f32, d: f32, dug_in: bool) -> f32 {
    let balance = (a - d) / (a + d).max(1e-6);
    if balance < 0.0 && dug_in { ((a * FORTIFIED - d) / (a * FORTIFIED + d).max(1e-6)).min(0.0) } else { balance }
}

/// The fortune of an advance. Where the two sides are matched, fortune moves the front through the balance
/// of their strengths; where one is far stronger, the balance hardly moves with it, and the run of the
/// campaign sets how fast the stronger side wins: its commanders, its roads, the enemy's skill (De Bono's
/// cautious advance into Tigray before Badoglio's drive of 1936; the Ethiopian Christmas offensive). The pace
/// takes the aggressor's fortune over the victim's in the share `balance²` that the balance no longer carries
/// (the balance's own sensitivity to fortune, `(1 − balance²) / 2`, falls to nothing as it nears 1).
/// Arithmetic only, so that every platform computes the same bytes.
pub fn advance_fortune(draws: &Draws, balance: f32) -> f32 {
    1.0 + (campaign_fortune(draws) - 1.0) * balance * balance
}

/// The aggressor's battlefield fortune over the victim's, within `FORTUNE_MIN..=FORTUNE_MAX`.
pub fn campaign_fortune(draws: &Draws) -> f32 {
    (draws.fortune_aggressor / draws.fortune_victim.max(0.05)).clamp(FORTUNE_MIN, FORTUNE_MAX)
}

/// Bounds of the fortune of an advance: a level's `fortune` range may reach 1, which leaves a side with no
/// fortune at all; the advance still moves at no less than half and no more than twice its pace. The default
/// range (0.25) never reaches them (0.6 to 1.67).
pub const FORTUNE_MIN: f32 = 0.5;
pub const FORTUNE_MAX: f32 = 2.0;

/// The pace the theatre's seasons leave the front over the days `start..end` (the mean of its days' paces,
/// 1 where no season slows it), with the season that slows it most.
pub fn season_pace(seasons: &[Season], start: i32, end: i32) -> (f32, Option<&Season>) {
    if seasons.is_empty() || end <= start {
        return (1.0, None);
    }
    let mut sum = 0.0;
    let mut worst: Option<&Season> = None;
    for day in start..end {
        let date = Date::from_days(day);
        let here = seasons.iter().filter(|s| s.covers((date.month, date.day))).min_by(|a, b| a.pace.total_cmp(&b.pace));
        sum += here.map_or(1.0, |s| s.pace);
        if here.is_some_and(|s| worst.is_none_or(|w| s.pace < w.pace)) {
            worst = here;
        }
    }
    (sum / (end - start) as f32, worst)
}

/// The newswire says when a season slows the fighting.
fn seasons_slow_the_front(
    level: Res<Level>,
    cal: Res<Calendar>,
    mif: Res<MeasuresInForce>,
    crisis: Single<&Crisis>,
    mut log: ResMut<RunLog>,
) {
    if !crisis.fighting || mif.peacekeepers {
        return;
    }
    let (start, day) = turn_days(&level.0, cal.turn);
    if let (pace, Some(season)) = season_pace(&level.0.crisis.seasons, start, day) {
        let text = format!("{}: the front moves at {:.0}% of its pace this turn", season.name, pace * 100.0);
        log.news(cal.turn, level.0.turns[cal.turn].date, text, false);
    }
}

/// Ends the turn: records the front, moves the calendar, and on the last turn decides the outcome.
pub fn advance(
    level: Res<Level>,
    mut cal: ResMut<Calendar>,
    mut cred: ResMut<Credibility>,
    mif: Res<MeasuresInForce>,
    mut tension: ResMut<WorldTension>,
    mut log: ResMut<RunLog>,
    mut commands: Commands,
    crisis: Single<&Crisis>,
) {
    log.control.push(crisis.control);
    if crisis.fighting {
        tension.tension = (tension.tension + 0.05).min(1.0);
    }
    // Every dated turn is played: a settled crisis still meets in the institution's bodies.
    if cal.turn + 1 < level.0.turns.len() {
        cal.turn += 1;
        return;
    }
    cal.finished = true;
    let result = classify(&crisis, &mif);
    let turns = cal.turn + 1;
    log.outcome = Some((result, turns));
    // Institutions are judged by results: a body that acted and failed loses trust.
    let acted = mif.adopted.iter().any(|(_, m, _)| *m != Measure::Enquiry);
    let k = level.0.institution.kind;
    let c = cred.of_mut(k);
    // An aggressor that went home of its own will, its punitive aims achieved, was not the body's success.
    let went_home = crisis.went_home();
    match result {
        OutcomeKind::AggressorPrevails if acted => *c = (*c - 0.15).max(0.0),
        OutcomeKind::AggressorPrevails => *c = (*c - 0.05).max(0.0),
        OutcomeKind::Deterred | OutcomeKind::Reversed if acted && !went_home => *c = (*c + 0.1).min(1.0),
        _ => {}
    }
    commands.insert_resource(Outcome { result, turns });
}

/// The outcome from where the crisis stands.
pub fn classify(crisis: &Crisis, mif: &MeasuresInForce) -> OutcomeKind {
    if !crisis.attacked {
        // Without a shot: it was handed what it claimed (Munich), it holds part of it (handed over, or held when
        // the level opens: a settlement without a war, as a cease-fire is one by arms), or it held back.
        return if crisis.control >= 0.75 {
            OutcomeKind::AggressorPrevails
        } else if super::aggressor::lost_in_the_crisis(crisis) > super::aggressor::HELD_GROUND {
            OutcomeKind::Halted
        } else {
            OutcomeKind::Deterred
        };
    }
    match crisis.settled {
        // Withdrawing before it took any ground is being deterred; after, or once thrown back behind its own line,
        // being reversed.
        Some(AggressorChoice::Withdraw) if !crisis.gained && crisis.control >= crisis.start_control - 0.01 => return OutcomeKind::Deterred,
        Some(AggressorChoice::Withdraw) => return OutcomeKind::Reversed,
        _ => {}
    }
    // Reversed: thrown back to the line it held before the crisis.
    if crisis.control <= crisis.start_control + 0.01 {
        OutcomeKind::Reversed
    } else if crisis.control >= 0.75 {
        OutcomeKind::AggressorPrevails
    } else if crisis.settled.is_some() || mif.peacekeepers {
        OutcomeKind::Halted
    } else {
        OutcomeKind::Frozen
    }
}

#[cfg(test)]
mod tests {
    use bevy::ecs::system::RunSystemOnce;

    use crate::sim::Crisis;
    use crate::sim::testing::tiny;

    /// The contested ground held after one turn of fighting with these readinesses.
    fn after_a_turn(aggressor: f32, victim: f32) -> f32 {
        after_a_turn_aiming_at(aggressor, victim, 1.0)
    }

    /// The same, for an aggressor that means to take `aim` of the contested ground.
    fn after_a_turn_aiming_at(aggressor: f32, victim: f32, aim: f32) -> f32 {
        let mut sim = tiny();
        let world = sim.world_mut();
        let mut q = world.query::<&mut Crisis>();
        let mut c = q.single_mut(world).unwrap();
        (c.aggressor_readiness, c.victim_readiness, c.fighting, c.control, c.aim) = (aggressor, victim, true, 0.3, aim);
        world.run_system_once(super::fight).unwrap();
        let mut q = world.query::<&Crisis>();
        q.single(world).unwrap().control
    }

    #[test]
    fn fortified_lines_slow_a_retreat_but_never_carry_the_aggressor_forward_against_a_stronger_enemy() {
        // A fifth weaker than the enemy: in the open it is pushed back; on its fortified line it holds.
        let (open, fortified) = (super::front_balance(1.0, 1.2, false), super::front_balance(1.0, 1.2, true));
        assert!(open < 0.0 && fortified > open, "its fortifications slow its retreat: {open} → {fortified}");
        assert!(fortified <= 0.0, "they do not carry it forward: {fortified}");
        assert!(super::front_balance(0.5, 1.2, true) < 0.0, "far weaker, it is pushed back even there");
        assert_eq!(super::front_balance(1.5, 1.2, true), super::front_balance(1.5, 1.2, false), "stronger, it advances as anywhere");
    }

    #[test]
    fn rains_over_the_whole_turn_stop_the_front_and_half_a_turn_of_them_slows_it() {
        let rains = |pace| crate::level::Season { name: "The rains".into(), from: (1, 1), to: (1, 31), pace };
        let mut sim = tiny();
        let world = sim.world_mut();
        let mut level = (*world.resource::<crate::sim::Level>().0).clone();
        level.crisis.seasons = vec![rains(0.0)];
        world.insert_resource(crate::sim::Level(std::sync::Arc::new(level)));
        let mut q = world.query::<&mut Crisis>();
        let mut c = q.single_mut(world).unwrap();
        (c.aggressor_readiness, c.victim_readiness, c.fighting, c.control) = (5.0, 0.2, true, 0.3);
        world.run_system_once(super::fight).unwrap();
        assert_eq!(q.single(world).unwrap().control, 0.3, "nothing moves in the rains");
        let d = |s| crate::level::Date::parse(s).unwrap().days();
        let half = [rains(0.5)];
        let (pace, worst) = super::season_pace(&half, d("1950-01-17"), d("1950-02-16"));
        assert!((pace - 0.75).abs() < 0.01, "15 days of rains at half pace in 30: {pace}");
        assert_eq!(worst.map(|s| s.name.as_str()), Some("The rains"));
        let winter = crate::level::Season { name: "Winter".into(), from: (12, 1), to: (2, 28), pace: 0.0 };
        assert_eq!(super::season_pace(&[winter], d("1950-01-01"), d("1950-01-11")).0, 0.0, "a season over the new year");
    }

    #[test]
    fn the_newswire_names_the_season_that_slows_the_fighting() {
        let mut sim = tiny();
        let world = sim.world_mut();
        let mut level = (*world.resource::<crate::sim::Level>().0).clone();
        level.crisis.seasons = vec![crate::level::Season { name: "The winter".into(), from: (12, 1), to: (1, 15), pace: 0.2 }];
        world.insert_resource(crate::sim::Level(std::sync::Arc::new(level)));
        world.query::<&mut Crisis>().single_mut(world).unwrap().fighting = true;
        world.run_system_once(super::seasons_slow_the_front).unwrap();
        let news: Vec<&str> = world.resource::<crate::sim::RunLog>().news.iter().map(|n| n.text.as_str()).collect();
        // 15 of the turn's 31 days (1 to 15 January) at a fifth of the pace: (15 × 0.2 + 16) / 31 = 61%.
        assert_eq!(news, ["The winter: the front moves at 61% of its pace this turn"]);
    }

    #[test]
    fn a_friend_of_the_aggressor_weighs_stepping_in_at_the_line_and_less_when_the_coalition_holds_there() {
        let weighed = |held: bool| {
            let mut sim = tiny();
            let (vic, grt) = (crate::sim::testing::state(&mut sim, "VIC"), crate::sim::testing::state(&mut sim, "GRT"));
            let world = sim.world_mut();
            world.get_mut::<crate::sim::Interests>(grt).unwrap().ties_aggressor = 0.9;
            let day = crate::sim::turn_days(&world.resource::<crate::sim::Level>().0, 0).0;
            let mut mif = world.resource_mut::<crate::sim::MeasuresInForce>();
            mif.coalition.push(crate::sim::Contingent { state: vic, cinc: 0.05, sent: day - 100, lead: 0.0, days: 1.0 });
            if held {
                mif.held_at_line.push(vic);
            }
            let mut q = world.query::<&mut Crisis>();
            let mut c = q.single_mut(world).unwrap();
            (c.fighting, c.control) = (true, c.start_control);
            world.run_system_once(super::aggressor_allies_intervene).unwrap();
            let log = world.resource::<crate::sim::RunLog>();
            let d = log.decisions.iter().find(|d| d.actor == "GRT").expect("the friend weighed stepping in");
            assert!(matches!(d.decision, crate::sim::trace::DecisionKind::Intervene { .. }));
            d.score
        };
        assert!(weighed(false) > weighed(true), "a coalition pressing on threatens its border more than one holding at the line");
    }

    #[test]
    fn the_calendar_moves_on_each_turn_and_the_last_turn_decides_the_outcome() {
        let mut sim = tiny();
        let world = sim.world_mut();
        world.run_system_once(super::advance).unwrap();
        assert_eq!(world.resource::<crate::sim::Calendar>().turn, 1, "the first of two turns moves the calendar on");
        assert!(world.get_resource::<crate::sim::Outcome>().is_none(), "and decides nothing");
        world.run_system_once(super::advance).unwrap();
        assert!(world.resource::<crate::sim::Calendar>().finished);
        let o = world.resource::<crate::sim::Outcome>();
        assert_eq!((o.result, o.turns), (crate::level::OutcomeKind::Frozen, 2), "held short of 75%, not settled: frozen");
        assert_eq!(world.resource::<crate::sim::RunLog>().control, vec![0.3, 0.3], "the front is recorded each turn");
    }

    /// How the tiny world's crisis, set up by `setup`, would be classified with the aggressor holding `control`.
    fn ends_from(setup: impl Fn(&mut Crisis)) -> impl Fn(f32) -> crate::level::OutcomeKind {
        let mut sim = tiny();
        let world = sim.world_mut();
        let mut crisis = world.query::<&Crisis>().single(world).unwrap().clone();
        setup(&mut crisis);
        let mif = crate::sim::MeasuresInForce::default();
        move |control: f32| super::classify(&Crisis { control, ..crisis.clone() }, &mif)
    }

    #[test]
    fn without_a_shot_the_whole_claim_handed_over_prevails_part_of_it_is_a_settlement_and_none_is_deterrence() {
        let ends = ends_from(|crisis| (crisis.attacked, crisis.start_control) = (false, 0.0));
        use crate::level::OutcomeKind::*;
        assert_eq!(ends(0.8), AggressorPrevails, "the Sudetenland handed over at Munich");
        assert_eq!(ends(0.6), Halted, "more than half of its claim, without a war: not deterred");
        assert_eq!(ends(0.0), Deterred, "nothing taken and nothing given");
    }

    #[test]
    fn an_aggressor_that_withdraws_having_taken_nothing_was_deterred_and_one_thrown_back_behind_its_own_line_was_reversed() {
        let ends = ends_from(|crisis| {
            (crisis.attacked, crisis.start_control, crisis.gained) = (true, 0.2, false);
            crisis.settled = Some(crate::sim::AggressorChoice::Withdraw);
        });
        use crate::level::OutcomeKind::*;
        assert_eq!(ends(0.2), Deterred, "it went home from its own line, having taken nothing");
        assert_eq!(ends(0.07), Reversed, "the war threw it back behind its own line before it went (Karabakh's ground held before)");
    }

    #[test]
    fn the_front_moves_towards_the_stronger_side() {
        assert!(after_a_turn(5.0, 0.2) > 0.35, "the stronger aggressor advances");
        assert!(after_a_turn(0.2, 5.0) < 0.25, "the stronger victim throws it back");
    }

    #[test]
    fn an_aggressor_with_limited_aims_advances_no_further_than_its_aim_and_keeps_what_it_held_beyond() {
        assert!(after_a_turn(5.0, 0.2) > 0.36, "unchecked, it would go on");
        assert!((after_a_turn_aiming_at(5.0, 0.2, 0.35) - 0.35).abs() < 1e-6, "it stops on its line");
        assert!((after_a_turn_aiming_at(5.0, 0.2, 0.2) - 0.3).abs() < 1e-6, "ground beyond its aim it already held, it keeps");
        assert!(after_a_turn_aiming_at(0.2, 5.0, 0.35) < 0.25, "a stronger victim still throws it back");
    }
}
