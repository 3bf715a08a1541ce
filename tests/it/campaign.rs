//! The campaign remembers: one early choice changes the later crises, in the direction historians argue.

use std::collections::BTreeMap;

use collective_security::level::OutcomeKind;
use collective_security::sim::campaign::{self, Stage};
use collective_security::sim::{Policy, Simulation};

use super::support::{Scratch, shipped};

const RUNS: u64 = 200;

fn stage(id: &str, role: Option<&str>, policy: Option<Policy>) -> Stage {
    let level = shipped(id);
    let role = role.map(|r| level.state_ix(r).unwrap());
    Stage { level, role, policy, replay: None }
}

/// Over `RUNS` seeds: the last era's outcome shares, and the mean credibility (League, UN), appetite and faith
/// that the next-to-last era carried into it.
fn last_era(stages: &[Stage], policy: Policy) -> (BTreeMap<OutcomeKind, f64>, [f32; 4]) {
    last_era_over(stages, policy, RUNS)
}

/// The same over `runs` seeds.
fn last_era_over(stages: &[Stage], policy: Policy, runs: u64) -> (BTreeMap<OutcomeKind, f64>, [f32; 4]) {
    let mut sim = Simulation::new();
    sim.set_lean(true);
    let mut shares: BTreeMap<OutcomeKind, f64> = BTreeMap::new();
    let mut carried = [0.0f32; 4];
    for k in 0..runs {
        let eras = campaign::play(&mut sim, stages, policy, 1 + k, true);
        let last = eras.last().unwrap();
        *shares.entry(last.outcome).or_default() += 1.0 / runs as f64;
        let c = last.carried_in;
        for (slot, x) in carried.iter_mut().zip([c.league.unwrap_or(0.0), c.un.unwrap_or(0.0), c.appetite, c.faith]) {
            *slot += x / runs as f32;
        }
    }
    (shares, carried)
}

fn good(s: &BTreeMap<OutcomeKind, f64>) -> f64 {
    1.0 - s.get(&OutcomeKind::AggressorPrevails).copied().unwrap_or(0.0)
}

fn share(s: &BTreeMap<OutcomeKind, f64>, o: OutcomeKind) -> f64 {
    s.get(&o).copied().unwrap_or(0.0)
}

/// The essay: the UN "was built on that lesson", and its action in Korea gave it the authority the Assembly
/// used in 1956 (Brian Urquhart, *Hammarskjold*, 1972, ch. 7, on UNEF drawing on the Korean precedent).
#[test]
fn korea_undone_under_the_un_makes_its_action_at_suez_more_likely_to_succeed() {
    let with = |p| last_era(&[stage("korea_1950", Some("USA"), Some(p)), stage("suez_1956", Some("USA"), None)], Policy::Collective);
    let (undone, c1) = with(Policy::Historical);
    let (appeased, c0) = with(Policy::Appease);
    assert!(c1[1] > c0[1] + 0.3, "the UN's credibility carried into Suez: {} after Korea undone, {} after Korea appeased", c1[1], c0[1]);
    // American financial and oil pressure forced Britain out largely on its own (D. Kunz, The Economic
    // Diplomacy of the Suez Crisis, 1991): played as history went, Suez is reversed whatever Korea left. The
    // United States at Suez therefore plays the collective strategy, the Assembly's action, which the trust
    // carried from Korea decides.
    let (a, b) = (share(&undone, OutcomeKind::Reversed), share(&appeased, OutcomeKind::Reversed));
    assert!(a >= b + 0.05, "Suez reversed in {a} after Korea undone, {b} after Korea appeased");
}

/// The essay: each success of the institution builds the trust the next one needs; Suez (1956) was the
/// Assembly's proof that it could act (Adam Roberts and Benedict Kingsbury, *United Nations, Divided World*,
/// 2nd ed. 1993, introduction).
#[test]
fn a_un_that_settled_suez_is_trusted_enough_to_reverse_kuwaits_invasion_by_collective_action() {
    let with = |p| last_era(&[stage("suez_1956", Some("USA"), Some(p)), stage("kuwait_1990", Some("USA"), None)], Policy::Collective);
    let (settled, _) = with(Policy::Historical);
    let (appeased, _) = with(Policy::Appease);
    let (a, b) = (good(&settled), good(&appeased));
    assert!(a >= b + 0.2, "Kuwait not lost to the aggressor in {a} after Suez settled by the UN, {b} after Suez appeased");
}

/// Lawrence Freedman, *Ukraine and the Art of Strategy* (2019), on what Moscow learned from the West's
/// response in 2014: a softer answer to Crimea makes the answer to 2022 weaker. The model carries that answer
/// as the UN's credibility and as the price the aggressor paid. Measured since the 2022 Assembly groups were
/// derived from roll calls (200 seeds, the United States in alliance): reversed in 70.5 % after Crimea
/// sanctioned, 71.5 % after Crimea accepted, because the 2014 sanctions were too light to change Russia's
/// appetite and the states that sanction in 2022 decide far from the line. The outcome gap historians argue
/// for is a reported miss; what the model does carry is asserted here.
#[test]
fn sanctioning_crimea_in_2014_leaves_the_un_more_credible_in_2022_and_russia_no_hungrier() {
    let with = |p| last_era(&[stage("crimea_2014", Some("USA"), Some(p)), stage("ukraine_2022", Some("USA"), None)], Policy::Alliance);
    let (sanctioned, c1) = with(Policy::Historical);
    let (accepted, c0) = with(Policy::Appease);
    assert!(c1[1] > c0[1] + 0.2, "the UN's credibility carried into 2022: {} after Crimea sanctioned, {} after accepted", c1[1], c0[1]);
    assert!(c1[2] <= c0[2], "Russia's appetite carried into 2022: {} after sanctions, {} after acceptance", c1[2], c0[2]);
    // Within the noise of 200 seeds, the invasion is not easier to reverse after acceptance than after sanctions.
    let (a, b) = (share(&sanctioned, OutcomeKind::Reversed), share(&accepted, OutcomeKind::Reversed));
    assert!(a >= b - 0.03, "Ukraine reversed in {a} after Crimea sanctioned, {b} after Crimea accepted");
}

/// The essay's thread from 1990 to 2022: an aggression undone teaches aggressors restraint, one that pays
/// emboldens the next (Lawrence Freedman and Efraim Karsh, *The Gulf Conflict 1990–1991*, 1993, conclusion,
/// on the precedent of 1991).
#[test]
fn an_invasion_of_kuwait_undone_leaves_later_aggressors_less_hungry_and_readier_to_stop() {
    // Kuwait played as history went is undone in most runs; paid off, it is not. In 2022, against the United
    // States' collective strategy, a Russia less hungry for its prize more often accepts a cease-fire where the
    // lines stand: the difference is a few points, measured over more seeds than the other legacies. (Deterrence
    // before the invasion is the same channel, but since pledges count only what their members can spare from
    // other threats, Russia is deterred in 1 to 2 % of runs against the alliance strategy, too few to measure it.)
    let with = |p| {
        last_era_over(
            &[
                stage("kuwait_1990", Some("USA"), Some(p)),
                stage("crimea_2014", Some("USA"), Some(Policy::Historical)),
                stage("ukraine_2022", Some("USA"), None),
            ],
            Policy::Collective,
            3 * RUNS,
        )
    };
    let (undone, c1) = with(Policy::Historical);
    let (paid, c0) = with(Policy::Appease);
    assert!(c1[2] < c0[2], "appetite carried into 2022: {} after 1990 undone, {} after 1990 paid", c1[2], c0[2]);
    // More often halted, by more than two standard errors of the difference over these seeds.
    let (a, b) = (share(&undone, OutcomeKind::Halted), share(&paid, OutcomeKind::Halted));
    let se = ((a * (1.0 - a) + b * (1.0 - b)) / (3 * RUNS) as f64).sqrt();
    assert!(a - b > 2.0 * se, "Russia halted in {a} after Kuwait undone, {b} after Kuwait paid (two standard errors: {:.3})", 2.0 * se);
}

#[test]
fn simulate_campaign_plays_the_eight_crises_in_order_and_carries_their_legacy() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_collective-security"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["simulate", "campaign", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let eras: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let ids: Vec<&str> = eras.iter().map(|e| e["level"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["manchuria_1931", "abyssinia_1935", "munich_1938", "korea_1950", "suez_1956", "kuwait_1990", "crimea_2014", "ukraine_2022"]
    );
    for w in eras.windows(2) {
        assert_eq!(
            w[0]["carried_out"],
            w[1]["carried_in"]
                .clone()
                .as_object()
                .map(|o| {
                    let mut o = o.clone();
                    // faith starts afresh with a new institution
                    if w[0]["level"] == "munich_1938" {
                        o.insert("faith".into(), w[0]["carried_out"]["faith"].clone());
                    }
                    serde_json::Value::Object(o)
                })
                .unwrap(),
            "what {} hands on is what {} starts from",
            w[0]["level"],
            w[1]["level"]
        );
    }
    assert!(eras[3]["carried_in"]["un"].is_null() && eras[3]["carried_out"]["un"].is_number(), "the UN is met first in Korea");
}

#[test]
fn the_campaign_report_is_a_page_a_chart_and_data_that_agree() {
    let dir = Scratch::new("campaign-report");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_collective-security"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["simulate", "campaign", "--runs", "10", "--report", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let md = std::fs::read_to_string(dir.join("campaign-report.md")).unwrap();
    let svg = std::fs::read_to_string(dir.join("campaign-report.svg")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("campaign-report.json")).unwrap()).unwrap();
    let eras = json["eras"].as_array().unwrap();
    assert_eq!(eras.len(), 8);
    assert!(md.contains("](campaign-report.svg)") && md.contains("## What carried over"));
    assert_eq!(svg.matches("<circle").count(), 8, "one outcome marker per era");
    for e in eras {
        assert!(md.contains(e["name"].as_str().unwrap()), "the page names every era");
    }
}

#[test]
fn without_the_legacy_of_korea_the_un_begins_suez_with_less_credibility() {
    use collective_security::sim::campaign::legacy::legacy_causes;
    let stages = [stage("korea_1950", Some("USA"), None), stage("suez_1956", Some("USA"), None)];
    let found = legacy_causes(&stages, Policy::Historical, 1, 20, true);
    let c =
        found.iter().find(|c| c.era == "korea_1950" && c.later == "suez_1956" && c.what == "credibility").expect("Korea's legacy is named");
    assert!(c.without < c.with - 0.05, "{c:?}");
    assert!(c.label.starts_with("Without the legacy of Korea 1950"), "{}", c.label);
}

#[test]
fn each_era_of_a_campaign_draws_its_own_fortune_from_the_campaigns_seed() {
    let stages = [stage("manchuria_1931", None, None), stage("abyssinia_1935", None, None), stage("munich_1938", None, None)];
    let mut sim = Simulation::new();
    sim.set_lean(true);
    let eras = campaign::play(&mut sim, &stages, Policy::Historical, 7, true);
    let seeds: Vec<u64> = eras.iter().map(|e| e.seed).collect();
    assert_eq!(seeds[0], 7, "the first crisis is the one a class plays alone with its seed");
    assert_eq!(seeds[1], collective_security::sim::core::next_era_seed(7));
    assert_eq!(seeds[2], collective_security::sim::core::next_era_seed(seeds[1]));
    assert!(seeds[1] != seeds[0] && seeds[2] != seeds[1], "no era repeats another's fortune: {seeds:?}");
    let again = campaign::play(&mut sim, &stages, Policy::Historical, 7, true);
    assert_eq!(again.iter().map(|e| e.seed).collect::<Vec<_>>(), seeds, "the same campaign seed, the same eras");
}
