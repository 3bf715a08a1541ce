//! What-ifs from the historiography: each variant (a file in `levels/whatif/`, whose comment gives the claim
//! and its source, or a change built here with its source) moves the outcome shares the way the claim says,
//! by at least ten points, over the same 200 seeds as the level it changes.

use std::path::PathBuf;
use std::sync::Arc;

use collective_security::level::{self, LevelDef, OutcomeKind, RawChoice, RawLevel};
use collective_security::sim::Policy;
use collective_security::sim::compare::outcome_shares;
use collective_security::sim::runner::RunSetup;

use crate::support::*;

const SEEDS: usize = 200;

fn whatif(id: &str) -> Arc<LevelDef> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("levels/whatif").join(format!("{id}.ron"));
    Arc::new(level::load(&path).unwrap())
}

/// The share of `outcome` over the seeds, playing `role` (the level's first playable state if `None`).
fn share_of(level: &Arc<LevelDef>, policy: Policy, role: Option<&str>, outcome: OutcomeKind) -> f64 {
    let role = role.map(|r| level.state_ix(r).unwrap());
    let setup = RunSetup { level: level.clone(), seed: 1, role, policy: Some(policy), credibility: None, lessons: Default::default() };
    outcome_shares(&setup, SEEDS)[&outcome]
}

/// Asserts that the variant changes the share of `outcome` by at least `min` in the direction of its sign.
fn moves(base: &Arc<LevelDef>, variant: &Arc<LevelDef>, policy: Policy, role: Option<&str>, outcome: OutcomeKind, min: f64) {
    let (b, v) = (share_of(base, policy, role, outcome), share_of(variant, policy, role, outcome));
    let what = format!("{}: {outcome:?} under {policy:?} goes from {b:.2} to {v:.2}", variant.id);
    if min > 0.0 {
        assert!(v - b >= min, "{what}, expected a rise of {min}")
    } else {
        assert!(v - b <= min, "{what}, expected a fall of {}", -min)
    }
}

/// Takes `order` out of `state`'s history, as if it had never been given (not a variant's choice to withhold it).
fn never_ordered(raw: &mut RawLevel, state: &str, order: level::Order) {
    let p = raw.playable.iter_mut().find(|p| p.state == state).unwrap();
    p.historical.iter_mut().for_each(|c| c.orders.retain(|o| *o != order));
}

fn with_orders(mut raw: RawLevel, state: &str, turn: u32, orders: Vec<level::Order>) -> RawLevel {
    raw.playable.iter_mut().find(|p| p.state == state).unwrap().historical.push(RawChoice { turn, orders });
    raw
}

#[test]
fn with_the_ussr_in_its_seat_in_june_1950_the_council_cannot_carry_collective_action_in_korea() {
    moves(&shipped("korea_1950"), &whatif("korea_1950_soviet_present"), Policy::Collective, Some("IND"), OutcomeKind::Reversed, -0.10);
}

#[test]
fn without_uniting_for_peace_in_1956_collective_action_through_the_un_cannot_reverse_suez() {
    moves(&shipped("suez_1956"), &whatif("suez_1956_no_ufp"), Policy::Collective, Some("USA"), OutcomeKind::Reversed, -0.10);
}

#[test]
fn without_american_financial_pressure_britain_and_france_keep_more_of_the_canal_zone() {
    // Kunz, The Economic Diplomacy of the Suez Crisis (1991): the votes of 2 November did not stop the landings;
    // the run on sterling and the withheld IMF drawing did.
    moves(&shipped("suez_1956"), &whatif("suez_1956_no_us_pressure"), Policy::Historical, None, OutcomeKind::Reversed, -0.10);
}

#[test]
fn united_nations_forces_holding_at_the_38th_parallel_keep_china_out_and_restore_the_line_more_often() {
    moves(&shipped("korea_1950"), &whatif("korea_1950_hold_at_the_38th"), Policy::Historical, None, OutcomeKind::Reversed, 0.10);
}

#[test]
fn a_ukraine_inside_nato_before_2022_is_not_invaded() {
    moves(&shipped("ukraine_2022"), &whatif("ukraine_2022_ukraine_in_nato"), Policy::Historical, None, OutcomeKind::Deterred, 0.10);
}

#[test]
fn a_ukraine_inside_nato_in_2014_is_left_alone_more_often_though_russia_holds_the_local_balance() {
    // Article 5 deters by punishment, not by the local balance (Snyder, Deterrence and Defense, 1961); Russia has
    // not attacked the Baltic states, members since 2004, though it could overrun them in days.
    moves(&shipped("crimea_2014"), &whatif("crimea_2014_ukraine_in_nato"), Policy::Historical, None, OutcomeKind::Deterred, 0.10);
}

#[test]
fn nato_forces_in_ukraine_in_2022_would_have_undone_more_of_russias_gains() {
    moves(&shipped("ukraine_2022"), &whatif("ukraine_2022_nato_intervenes"), Policy::Historical, None, OutcomeKind::Reversed, 0.10);
}

#[test]
fn a_russia_seeking_only_the_donbas_in_2022_more_often_ends_the_war_by_a_cease_fire_where_the_lines_stand() {
    moves(&shipped("ukraine_2022"), &whatif("ukraine_2022_donbas_only"), Policy::Historical, None, OutcomeKind::Halted, 0.10);
}

#[test]
fn russia_stopping_at_gori_in_2008_by_its_own_limited_aims_would_have_taken_all_georgia_wanting_all_it_claimed() {
    // The example level of limited aims, written from MODDING.md alone: Russia meant to take South Ossetia and
    // Abkhazia (Asmus, A Little War that Shook the World, 2010); nothing in the level stood between it and Tbilisi.
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("levels/examples/georgia_2008.ron");
    let limited = Arc::new(level::load(&path).unwrap());
    assert!(limited.crisis.aim < 1.0, "the example gives Russia its aim");
    assert!(share_of(&limited, Policy::Historical, None, OutcomeKind::Halted) >= 0.9, "it stops where its aims stop, as in 2008");
    let mut all = (*limited).clone();
    all.crisis.aim = 1.0;
    moves(&limited, &Arc::new(all), Policy::Historical, None, OutcomeKind::AggressorPrevails, 0.50);
}

#[test]
fn a_franco_british_soviet_front_in_1938_denies_germany_the_sudetenland() {
    moves(&shipped("munich_1938"), &whatif("munich_1938_grand_alliance"), Policy::Historical, None, OutcomeKind::AggressorPrevails, -0.10);
}

#[test]
fn france_and_the_ussr_honouring_their_pacts_in_1938_make_collective_action_succeed_more_often() {
    moves(
        &shipped("munich_1938"),
        &whatif("munich_1938_pacts_honoured"),
        Policy::Collective,
        Some("CSK"),
        OutcomeKind::AggressorPrevails,
        -0.10,
    );
}

#[test]
fn a_soviet_union_still_in_the_cold_war_in_1990_blocks_the_council_and_iraq_keeps_kuwait() {
    moves(&shipped("kuwait_1990"), &whatif("kuwait_1990_cold_war"), Policy::Collective, Some("USA"), OutcomeKind::AggressorPrevails, 0.10);
}

#[test]
fn with_the_united_states_in_the_league_in_1931_collective_action_stops_japan_more_often() {
    let usa_in = whatif("manchuria_1931_usa_in_league");
    moves(&shipped("manchuria_1931"), &usa_in, Policy::Collective, Some("CHN"), OutcomeKind::AggressorPrevails, -0.10);
}

#[test]
fn an_oil_embargo_that_america_respects_keeps_italy_from_holding_ethiopia() {
    moves(
        &shipped("abyssinia_1935"),
        &whatif("abyssinia_1935_oil_with_usa"),
        Policy::Historical,
        None,
        OutcomeKind::AggressorPrevails,
        -0.10,
    );
}

#[test]
fn an_oil_embargo_leaked_by_american_oil_does_far_less_than_one_america_respects() {
    let (leaked, respected) = (whatif("abyssinia_1935_oil_sanctions"), whatif("abyssinia_1935_oil_with_usa"));
    moves(&leaked, &respected, Policy::Historical, None, OutcomeKind::AggressorPrevails, -0.10);
}

#[test]
fn the_kiremt_rains_of_june_1936_stop_a_slow_italian_campaign_short_of_the_conquest() {
    // Badoglio raced for Addis Ababa before the kiremt rains would stop his columns until September (Barker,
    // The Civilising Mission, 1968; Mockler, Haile Selassie's War, 1984): a campaign that went slower, under
    // De Bono's caution or against a stiffer defence, would have been caught by them. The same war with no
    // season to wait for leaves Italy holding the conquest more often.
    let with_rains = shipped("abyssinia_1935");
    assert!(!with_rains.crisis.seasons.is_empty(), "the level has its rains");
    let mut dry = (*with_rains).clone();
    dry.crisis.seasons.clear();
    moves(&Arc::new(dry), &with_rains, Policy::Historical, None, OutcomeKind::AggressorPrevails, -0.10);
}

/// The level with the attack not yet begun, and the same with `guarantor` guaranteeing the victim first.
fn before_the_attack(id: &str, guarantor: &str) -> (Arc<LevelDef>, Arc<LevelDef>) {
    let mut raw = raw(id);
    raw.crisis.attack_under_way = false;
    raw.crisis.control = 0.0;
    let guaranteed = with_orders(raw.clone(), guarantor, 1, vec![level::Order::Guarantee]);
    (typed(&raw), typed(&guaranteed))
}

#[test]
fn a_clear_american_guarantee_before_the_attack_deters_north_korea() {
    // Acheson's speech of 12 January 1950 left Korea outside the defence perimeter, argued as a failure of
    // deterrence (Stueck, The Korean War, 1995).
    let (open, guaranteed) = before_the_attack("korea_1950", "USA");
    moves(&open, &guaranteed, Policy::Historical, None, OutcomeKind::Deterred, 0.10);
}

#[test]
fn a_warning_in_words_alone_would_not_have_deterred_iraq_in_1990() {
    // The ambassador's ambiguous words to Saddam Hussein on 25 July 1990 are argued to have invited the attack
    // (Freedman and Karsh, The Gulf Conflict, 1993). Against that: a regime in debt after the war with Iran judged
    // inaction the greater danger, and no threat without forces in place could have been credible enough (Janice
    // Gross Stein, "Deterrence and Compellence in the Gulf, 1990-91", International Security 17(2), 1992). The
    // model sides with Stein: a guarantee given as the crisis opens, with no forces yet in the Gulf, changes little.
    let (open, warned) = before_the_attack("kuwait_1990", "USA");
    let (b, v) = (
        share_of(&open, Policy::Historical, None, OutcomeKind::Deterred),
        share_of(&warned, Policy::Historical, None, OutcomeKind::Deterred),
    );
    assert!(v - b < 0.10, "a guarantee alone deters Iraq in {v:.2} of runs (without it {b:.2})");
    let (b, v) = (
        share_of(&open, Policy::Historical, None, OutcomeKind::Reversed),
        share_of(&warned, Policy::Historical, None, OutcomeKind::Reversed),
    );
    // Within two points: the guarantee changes which allies decide when, so the same seeds play differently.
    assert!(v >= b - 0.02, "a guarantee does not make the invasion harder to undo: reversed {v:.2} with it, {b:.2} without");
}

#[test]
fn ukraine_without_western_arms_in_2022_undoes_less_of_russias_gains() {
    // Western intelligence, arms and money mattered to Ukraine's defence (RUSI, Preliminary Lessons in
    // Conventional Warfighting from Russia's Invasion of Ukraine, 2022). Here no state is a friend close enough
    // to send arms, and the United States sends none.
    let mut raw = raw("ukraine_2022");
    for s in &mut raw.states {
        s.ties_victim = s.ties_victim.min(0.3);
    }
    never_ordered(&mut raw, "USA", level::Order::ArmVictim);
    moves(&shipped("ukraine_2022"), &typed(&raw), Policy::Historical, None, OutcomeKind::Reversed, -0.10);
}

#[test]
fn britain_and_france_standing_by_czechoslovakia_without_conceding_change_munich() {
    // Chamberlain's and Daladier's concessions at Munich handed over the Sudetenland without a shot; had they
    // refused, Germany would have had to fight (W. Murray, The Change in the European Balance of Power, 1984).
    let mut raw = raw("munich_1938");
    raw.playable.iter_mut().for_each(|p| p.historical.iter_mut().for_each(|c| c.orders.retain(|o| *o != level::Order::Concede)));
    moves(&shipped("munich_1938"), &typed(&raw), Policy::Historical, None, OutcomeKind::AggressorPrevails, -0.10);
}

#[test]
fn china_resisting_in_manchuria_with_british_forces_beside_it_stops_japan_more_often() {
    // The Northeastern Army withdrew under a policy of non-resistance (P. Coble, Facing Japan, 1991); Britain's
    // Far Eastern fleet could have stood with it had London chosen to (C. Thorne, The Limits of Foreign
    // Policy, 1972). The alliance strategy played as China, against appeasement.
    let level = shipped("manchuria_1931");
    let (appease, alliance) = (
        share_of(&level, Policy::Appease, Some("CHN"), OutcomeKind::AggressorPrevails),
        share_of(&level, Policy::Alliance, Some("CHN"), OutcomeKind::AggressorPrevails),
    );
    assert!(appease - alliance >= 0.10, "aggressor prevails {appease:.2} when China gives way, {alliance:.2} when it resists");
}

#[test]
fn closing_the_sea_routes_to_italy_in_1935_keeps_it_from_finishing_the_conquest() {
    // Britain would not close the Suez Canal for fear of a naval war (A. Marder, AHR 1970; G. Baer, Test Case,
    // 1976). The alliance strategy played as Britain blockades; against appeasement.
    let level = shipped("abyssinia_1935");
    let (appease, alliance) = (
        share_of(&level, Policy::Appease, Some("GBR"), OutcomeKind::AggressorPrevails),
        share_of(&level, Policy::Alliance, Some("GBR"), OutcomeKind::AggressorPrevails),
    );
    assert!(appease - alliance >= 0.10, "aggressor prevails {appease:.2} under appeasement, {alliance:.2} with the blockade");
}

#[test]
fn every_what_if_file_names_its_claim_and_source_and_checks_clean() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("levels/whatif");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        let src = std::fs::read_to_string(&path).unwrap();
        assert!(src.starts_with("// What if"), "{} opens with its question", path.display());
        assert!(src.contains("Claim:"), "{} states the claim it tests", path.display());
        level::load(&path).unwrap_or_else(|e| panic!("{e}"));
        n += 1;
    }
    assert!(n >= 12, "{n} what-if files");
}

#[test]
fn a_state_whose_order_to_send_forces_is_dropped_never_sends_more_of_its_own_accord() {
    // A modder's what-if of an America slow to commit in Korea drops its orders to send forces. The United
    // States still weighs sending them under the Council's authority, and may; but by its own decision it
    // sends no more than its government's order would, so the what-if never makes the rollback likelier.
    let mut raw = raw("korea_1950");
    never_ordered(&mut raw, "USA", level::Order::Intervene);
    let (b, v) = (
        share_of(&shipped("korea_1950"), Policy::Historical, None, OutcomeKind::Reversed),
        share_of(&typed(&raw), Policy::Historical, None, OutcomeKind::Reversed),
    );
    assert!(v <= b + 0.02, "reversed {v:.2} without the order, {b:.2} with it");
}

#[test]
fn a_gulf_war_without_american_forces_has_none_even_once_the_council_authorises_force() {
    // The variant drops the United States' orders to send forces; its government's choice holds when the
    // Council authorises force in November 1990, so the coalition forms without it.
    let level = whatif("kuwait_1990_no_us_forces");
    for seed in 1..=5 {
        let run = play(level.clone(), seed, Policy::Historical, None);
        let sent = |who: &str| {
            run.decisions.iter().any(|d| {
                d.actor == who && matches!(d.decision, collective_security::sim::trace::DecisionKind::Contribute { cinc } if cinc > 0.0)
            })
        };
        assert!(!sent("USA"), "seed {seed}: the United States sends forces of its own accord");
        assert!(sent("GBR"), "seed {seed}: Britain still decides for itself and comes");
    }
}

#[test]
fn an_america_slow_to_commit_to_korea_restores_the_line_less_often_though_others_take_up_part_of_the_burden() {
    // Truman committed ground forces on 30 June 1950; had he waited until September, the Pusan perimeter
    // would have had to hold without them (R. Appleman, South to the Naktong, North to the Yalu, 1961). The
    // United States' orders of June to August are dropped, its motions tabled all the same, and it is ordered
    // to send forces in September: it does not send them earlier of its own accord. With no one yet carrying the
    // burden the middle powers no longer free-ride on it (Olson and Zeckhauser, "An Economic Theory of
    // Alliances", 1966: the largest ally carries a disproportionate share), and more of them send forces; the
    // small, whose forces would count for little, still do not, unless their protector leads them.
    let src = "Variant(extends: \"korea_1950\", id: \"slow\", name: \"slow\", summary: \"s\",
    drop_orders: [DropOrders(state: \"USA\", turn: Some(2)), DropOrders(state: \"USA\", turn: Some(3)), DropOrders(state: \"USA\", turn: Some(4))],
    add_orders: [
        AddOrders(state: \"USA\", turn: 2, orders: [Propose(body: SecurityCouncil, measure: AuthoriseForce)]),
        AddOrders(state: \"USA\", turn: 3, orders: [Propose(body: SecurityCouncil, measure: UnifiedCommand)]),
    ],
)";
    let slow = Arc::new(level::check_source(src).unwrap_or_else(|e| panic!("{e:?}")).level);
    let others_sending = |level: &Arc<LevelDef>| {
        let mut senders = Vec::new();
        for seed in 1..=10 {
            let run = play(level.clone(), seed, Policy::Historical, None);
            let sent = |d: &&collective_security::sim::trace::Decision| {
                d.actor != "USA" && matches!(d.decision, collective_security::sim::trace::DecisionKind::Contribute { cinc } if cinc > 0.0)
            };
            senders.extend(run.decisions.iter().filter(sent).map(|d| d.actor.to_string()));
        }
        senders
    };
    let (history, without) = (others_sending(&shipped("korea_1950")), others_sending(&slow));
    // Beside the United States its NATO allies follow it, out of the treaty area, to keep it committed to their
    // own defence (Stueck, The Korean War, 1995): they do not free-ride on their protector.
    for ally in ["GBR", "CAN", "NLD"] {
        assert!(history.iter().any(|s| s == ally), "{ally} stays home beside the United States: {history:?}");
    }
    assert!(
        10 * without.len() >= 13 * history.len(),
        "others send forces {} times without the United States, {} beside it",
        without.len(),
        history.len()
    );
    // Panama and Haiti, whose contingents would count for nothing against North Korea's and whom no protector leads,
    // stay home. (Iceland, which had no army, follows the United States with a contingent the size of its CINC:
    // the model does not know a state without armed forces, MODEL.md section 2.)
    assert!(!history.iter().chain(&without).any(|s| s == "PAN" || s == "HTI"), "the small stay home: {without:?}");
    moves(&shipped("korea_1950"), &slow, Policy::Historical, None, OutcomeKind::Reversed, -0.05);
}

/// The debrief sets each shipped what-if beside the crisis it extends, and only there.
#[test]
fn the_debrief_finds_every_shipped_what_if_beside_the_crisis_it_changes() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("levels/whatif");
    let files = collective_security::files::ron_files(&dir);
    let mut found = 0;
    for level in collective_security::files::shipped_levels() {
        let id = level.file_stem().unwrap().to_string_lossy().into_owned();
        for (path, v) in level::variant::variants_of(&id, &dir) {
            assert_eq!(v.extends, id, "{} listed beside {id}", path.display());
            found += 1;
        }
    }
    assert_eq!(found, files.len(), "every file in levels/whatif/ extends one shipped crisis");
    let crimea: Vec<String> = level::variant::variants_of("crimea_2014", &dir).into_iter().map(|(_, v)| v.id).collect();
    assert_eq!(crimea, ["crimea_2014_budapest_guarantee", "crimea_2014_ukraine_in_nato", "crimea_2014_ukraine_resists"]);
}

/// The crisis and its what-ifs are played over the same seeds, so the debrief's bars differ only by what each
/// what-if changed: Crimea with Ukraine inside NATO is deterred in many runs, the crisis itself in none.
#[test]
fn the_debriefs_what_ifs_play_the_crisis_and_each_variant_over_the_same_seeds() {
    let base = shipped("crimea_2014");
    let nato = whatif("crimea_2014_ukraine_in_nato");
    let progress = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let shares = collective_security::sim::parallel::wait(collective_security::sim::compare::as_history_went(
        vec![base.clone(), nato],
        1,
        SEEDS,
        progress.clone(),
    ));
    assert_eq!(progress.load(std::sync::atomic::Ordering::Relaxed), 2 * SEEDS);
    assert_eq!(
        shares[0],
        outcome_shares(
            &RunSetup {
                level: base,
                seed: 1,
                role: None,
                policy: Some(Policy::Historical),
                credibility: None,
                lessons: Default::default()
            },
            SEEDS
        )
    );
    assert!(shares[1][&OutcomeKind::Deterred] >= shares[0][&OutcomeKind::Deterred] + 0.25, "{shares:?}");
}
