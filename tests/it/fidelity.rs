//! The calibration votes of shared/data/history.md come out of the states' own decisions.

use collective_security::sim::Policy;
use collective_security::sim::runner::RunSetup;

use crate::support::*;

#[test]
fn manchuria_the_council_deadline_fails_because_japan_alone_votes_against() {
    for seed in 0..20 {
        let r = play(shipped("manchuria_1931"), seed, Policy::Historical, None);
        let v = r.votes.iter().find(|v| v.turn == 1).unwrap();
        assert_eq!((v.body, v.motion, v.adopted), ("league_council", "condemn", false));
        assert_eq!((v.yes, v.no), (13, 1), "seed {seed}");
        assert_eq!(ballot(&r, 1, "league_council", "JPN"), "no");
        assert_eq!(v.decisive, vec!["JPN".to_string()]);
    }
}

#[test]
fn manchuria_the_lytton_commission_is_sent_unanimously_with_japans_vote() {
    let r = play(shipped("manchuria_1931"), 7, Policy::Historical, None);
    let v = r.votes.iter().find(|v| v.turn == 2).unwrap();
    assert_eq!((v.motion, v.adopted, v.no, v.abstain), ("enquiry", true, 0, 0));
    assert_eq!(ballot(&r, 2, "league_council", "JPN"), "yes");
}

#[test]
fn manchuria_the_assembly_adopts_non_recognition_with_japan_against_and_siam_abstaining() {
    let mut japan_holds_manchuria = 0;
    for seed in 0..20 {
        let r = play(shipped("manchuria_1931"), seed, Policy::Historical, None);
        let v = r.votes.iter().find(|v| v.turn == 6).unwrap();
        assert_eq!((v.body, v.motion), ("league_assembly", "non_recognition"));
        assert!(v.adopted, "the parties' votes do not count under Article 15");
        assert_eq!(ballot(&r, 6, "league_assembly", "JPN"), "no");
        assert_eq!(ballot(&r, 6, "league_assembly", "THA"), "abstain");
        assert_eq!((v.yes, v.no, v.abstain), (42, 1, 1), "seed {seed}");
        japan_holds_manchuria += usize::from(r.outcome.result == "aggressor_prevails");
        // Japan gave notice on 27 March 1933, holding all of Manchuria. Its choice weighs the prize it holds:
        // in a run where its campaign went slower and it holds less, it may stay.
        let whole = r.channels.last().unwrap().control >= 0.99;
        let leaves = r.news.iter().any(|n| n.text.contains("gives notice of leaving"));
        assert!(leaves || !whole, "Japan holds all of Manchuria and stays in the League, seed {seed}");
    }
    // The Kwantung Army's campaign is a draw of fortune: history's outcome is the most frequent, not certain.
    assert!(japan_holds_manchuria > 10, "Japan holds Manchuria in only {japan_holds_manchuria} of 20 runs");
}

#[test]
fn korea_the_council_acts_only_because_the_ussr_is_absent() {
    for seed in 0..20 {
        let r = play(shipped("korea_1950"), seed, Policy::Historical, None);
        let sc: Vec<_> = r.votes.iter().filter(|v| v.body == "security_council").collect();
        let t = |i: usize| (sc[i].motion, sc[i].yes, sc[i].no, sc[i].abstain, sc[i].adopted);
        assert_eq!(t(0), ("condemn", 9, 0, 1, true), "S/RES/82, seed {seed}");
        assert_eq!(t(1), ("authorise_force", 7, 1, 0, true), "S/RES/83, seed {seed}");
        assert_eq!(t(2), ("unified_command", 7, 0, 3, true), "S/RES/84, seed {seed}");
        assert_eq!(ballot(&r, 1, "security_council", "YUG"), "abstain");
        assert_eq!(ballot(&r, 2, "security_council", "YUG"), "no");
        for s in ["EGY", "IND", "YUG"] {
            assert_eq!(ballot(&r, 3, "security_council", s), "abstain");
        }
        for turn in 1..=3 {
            assert_eq!(ballot(&r, turn, "security_council", "SUN"), "absent");
        }
        assert!(sc[0].decisive.contains(&"SUN".to_string()), "the explanation names the absent USSR as decisive");
        // Once back, the USSR blocks the Council.
        let after = sc.iter().find(|v| v.turn == 5).unwrap();
        assert!(!after.adopted);
        assert_eq!(after.vetoed_by, vec!["SUN".to_string()]);
    }
}

#[test]
fn korea_the_blocked_council_leads_to_uniting_for_peace() {
    let r = play(shipped("korea_1950"), 3, Policy::Historical, None);
    let v = r.votes.iter().find(|v| v.motion == "uniting_for_peace").unwrap();
    assert_eq!(v.body, "general_assembly");
    assert!(v.adopted);
    for s in ["SUN", "UKR", "BYS", "POL", "CSK"] {
        assert_eq!(v.ballots[s], collective_security::sim::Ballot::No, "{s}");
    }
}

#[test]
fn kuwait_the_council_condemns_embargoes_and_authorises_force_with_the_recorded_dissent() {
    // Every verdict in every run; every recorded ballot in nearly every run (a state at the margin can tip by chance).
    let mut exact = 0;
    for seed in 0..20 {
        let r = play(shipped("kuwait_1990"), seed, Policy::Historical, None);
        let t = |turn: usize| {
            let v = r.votes.iter().find(|v| v.turn == turn).unwrap();
            (v.motion, v.yes, v.no, v.abstain, v.adopted)
        };
        assert!(t(1).4 && t(2).4 && t(4).4, "S/RES/660, 661 and 678 are adopted, seed {seed}");
        let same = t(1) == ("condemn", 14, 0, 0, true)
            && ballot(&r, 1, "security_council", "YEM") == "absent"
            && t(2) == ("oil_sanctions", 13, 0, 2, true)
            && (ballot(&r, 2, "security_council", "CUB"), ballot(&r, 2, "security_council", "YEM")) == ("abstain", "abstain")
            && t(4) == ("authorise_force", 12, 2, 1, true)
            && (
                ballot(&r, 4, "security_council", "CUB"),
                ballot(&r, 4, "security_council", "YEM"),
                ballot(&r, 4, "security_council", "CHN"),
            ) == ("no", "no", "abstain");
        exact += same as usize;
    }
    assert!(exact >= 18, "the recorded tallies and ballots of 660, 661 and 678 in {exact} of 20 runs");
}

#[test]
fn played_as_history_went_each_level_most_often_ends_as_history_ended() {
    for (id, outcome) in [
        ("manchuria_1931", "aggressor_prevails"),
        ("abyssinia_1935", "aggressor_prevails"),
        ("munich_1938", "aggressor_prevails"),
        ("korea_1950", "reversed"),
        ("suez_1956", "reversed"),
        ("kuwait_1990", "reversed"),
        ("crimea_2014", "aggressor_prevails"),
        ("ukraine_2022", "frozen"),
    ] {
        // History is the most frequent outcome, not the only one: the rest is what the dice could have done.
        let level = shipped(id);
        let setup =
            RunSetup { level, seed: 0, role: None, policy: Some(Policy::Historical), credibility: None, lessons: Default::default() };
        let shares = collective_security::sim::compare::outcome_shares(&setup, 200);
        let count = |o: &str| shares.iter().find(|(k, _)| k.id() == o).map_or(0.0, |(_, v)| *v);
        let modal = ["deterred", "halted", "reversed", "aggressor_prevails", "frozen"]
            .into_iter()
            .max_by(|a, b| count(a).total_cmp(&count(b)))
            .unwrap();
        assert_eq!(modal, outcome, "{id}: {outcome} in {:.2} of 200 runs, {modal} in {:.2}", count(outcome), count(modal));
    }
}

#[test]
fn ukraine_the_veto_blocks_the_council_the_assembly_condemns_by_a_large_majority_and_the_war_goes_on() {
    let mut exact = 0;
    for seed in 0..10 {
        let r = play(shipped("ukraine_2022"), seed, Policy::Historical, None);
        let sc: Vec<_> = r.votes.iter().filter(|v| v.body == "security_council").collect();
        assert_eq!((sc[0].motion, sc[0].yes, sc[0].no, sc[0].abstain, sc[0].adopted), ("condemn", 11, 1, 3, false), "seed {seed}");
        assert_eq!(sc[0].vetoed_by, vec!["RUS".to_string()]);
        for s in ["CHN", "IND", "ARE"] {
            assert_eq!(ballot(&r, 2, "security_council", s), "abstain");
        }
        assert_eq!((sc[1].motion, sc[1].procedural, sc[1].adopted), ("referral", true, true), "a procedural vote cannot be vetoed");
        let ga = r.votes.iter().find(|v| v.body == "general_assembly").unwrap();
        assert!(ga.adopted);
        let no: Vec<&str> = ga.ballots.iter().filter(|b| *b.1 == collective_security::sim::Ballot::No).map(|b| b.0.as_str()).collect();
        // Cuba sits near the line between abstaining and voting against: it may tip by chance.
        exact += (no == ["BLR", "ERI", "PRK", "RUS", "SYR"]) as usize;
        assert!(
            no.len() <= 6 && ["BLR", "ERI", "PRK", "RUS", "SYR"].iter().all(|s| no.contains(s)),
            "the five against, as recorded: {no:?}"
        );
        // The groups are defined by region and alignment, not fitted to this tally: a large majority with many
        // abstentions, as recorded, not the exact count (the runs give 125 to 146 yes; the 12 recorded absences
        // are not reproduced, see docs/FIDELITY.md).
        assert!(
            ga.yes >= 120 && ga.abstain >= 5 * ga.no && ga.yes.abs_diff(141) <= 20,
            "{}–{}–{} with {} absent; recorded 141–5–35 with 12 absent",
            ga.yes,
            ga.no,
            ga.abstain,
            ga.absent
        );
        assert_ne!(r.outcome.result, "aggressor_prevails", "seed {seed}: the war goes on, or Russia is pushed back");
    }
    assert!(exact >= 8, "exactly the five recorded states vote against in {exact} of 10 runs");
}

#[test]
fn the_committed_fidelity_table_is_what_the_code_generates() {
    use collective_security::files::{held_out_levels, shipped_levels};
    let generated = collective_security::sim::fidelity::table(&shipped_levels(), &held_out_levels(), 10).unwrap();
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/FIDELITY.md")).unwrap_or_default();
    assert!(generated == committed, "docs/FIDELITY.md is stale: run `collective-security fidelity > docs/FIDELITY.md`");
    let held_out = generated.lines().find(|l| l.starts_with("| held out |")).expect("held-out votes reported apart");
    let count: usize = held_out.split('|').nth(2).unwrap().trim().parse().unwrap();
    let calibration = generated.lines().find(|l| l.starts_with("| calibration |")).expect("calibration votes reported");
    let fitted: usize = calibration.split('|').nth(2).unwrap().trim().parse().unwrap();
    assert!(3 * count >= count + fitted, "at least a third of the recorded votes are held out: {held_out}");
    assert!(generated.contains("| hungary_1956 | outcome | held out |"), "a whole level's outcome is reported as held out");
}

#[test]
fn a_level_held_out_whole_marks_every_vote_held_out_and_stays_out_of_the_campaign() {
    use collective_security::files::{held_out_levels, shipped_levels};
    let held = held_out_levels();
    assert!(!held.is_empty(), "at least one whole level is held out");
    for p in &held {
        let level = collective_security::level::load(p).unwrap();
        assert!(!level.history.votes.is_empty(), "{}: a held-out level has recorded votes to predict", p.display());
        assert!(level.history.votes.iter().all(|v| v.held_out), "{}: every vote of a held-out level is held out", p.display());
        assert!(shipped_levels().iter().all(|s| s.file_name() != p.file_name()), "{} is not also a shipped level", p.display());
    }
}

#[test]
fn a_recorded_tally_is_read_as_yes_no_abstain_and_a_council_checks_every_member() {
    use collective_security::sim::Ballot;
    use collective_security::sim::fidelity::{checked_ballots, parse_tally};
    assert_eq!(parse_tally("7–2–2"), Some((7, 2, 2)));
    assert_eq!(parse_tally("13–1"), Some((13, 1, 0)));
    assert_eq!(parse_tally("141–5–35, 12 absent"), Some((141, 5, 35)));
    assert_eq!(parse_tally("unanimous"), None);
    let korea = crate::support::shipped("korea_1950");
    let s82 = korea.history.votes.iter().find(|v| v.document == "S/RES/82").unwrap();
    let checked = checked_ballots(&korea, s82);
    assert_eq!(checked.len(), 11, "every seat of the 1950 Council is checked");
    assert!(checked.contains(&("SUN".into(), Ballot::Absent)) && checked.contains(&("YUG".into(), Ballot::Abstain)));
    assert_eq!(checked.iter().filter(|c| c.1 == Ballot::Yes).count(), 9, "those the record does not name voted yes");
}

#[test]
fn the_groups_of_the_un_era_are_those_the_roll_call_script_derived_and_their_members_divide() {
    for (id, years) in [("crimea_2014", "2011 2013"), ("ukraine_2022", "2017 2019")] {
        let derived = std::fs::read_to_string(format!("{}/data/un-affinity/{id}.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
        assert!(derived.contains(&format!("un_affinity.py levels/{id}.ron {years}")), "{id}: generated from the years before");
        let level = std::fs::read_to_string(level_path(id)).unwrap();
        let entries = |text: &str| -> Vec<String> {
            text.lines()
                .map(str::trim)
                .filter(|l| l.starts_with("State(id: \"X"))
                .map(|l| l.split(", cinc").next().unwrap().to_string())
                .collect()
        };
        let (in_level, in_data) = (entries(&level), entries(&derived));
        assert!(in_level.len() >= 5, "{id}: {in_level:?}");
        assert_eq!(in_level, in_data, "{id}: the level's groups are the script's, with their names, regions and places");
        for line in level.lines().filter(|l| l.trim_start().starts_with("State(id: \"X")) {
            let tail = |key: &str| line.split(key).nth(1).map(|t| t.split([',', ')']).next().unwrap().trim().to_string());
            let ties = (tail("ties_aggressor: "), tail("ties_victim: "), tail("spread: "));
            let same = derived.lines().find(|d| d.contains(line.split(", cinc").next().unwrap().trim())).unwrap();
            for (k, v) in [("ties_aggressor: ", &ties.0), ("ties_victim: ", &ties.1), ("spread: ", &ties.2)] {
                assert!(same.contains(&format!("{k}{}", v.as_deref().unwrap())), "{id}: {k} of {line} differs from the data");
            }
        }
    }
    let r = play(shipped("crimea_2014"), 1, Policy::Historical, None);
    let ga = r.votes.iter().find(|v| v.body == "general_assembly").unwrap();
    assert!(!ga.divided.is_empty(), "some groups of many members split their ballots");
    let level = shipped("crimea_2014");
    for (g, split) in &ga.divided {
        let count = level.states[level.state_ix(g).unwrap()].count;
        assert_eq!(split.yes + split.no + split.abstain + split.absent, count, "{g}: every member casts one ballot");
    }
}

/// A level held out whole takes its numbers from the data by rule: every tie in the level is the one the
/// Assembly's roll calls give in the affinity script's committed output (`data/un-affinity/ID.md`), for each
/// state named alone (but one with too few roll calls, whose ties the treaty in force sets, as the level says)
/// and for each group the script formed. A group the level merged with members that have no record is one
/// the script gave no ties.
#[test]
fn a_level_held_out_whole_takes_every_tie_from_the_roll_calls_by_the_scripts_rule() {
    use collective_security::files::held_out_levels;
    for p in held_out_levels() {
        let level = collective_security::level::load(&p).unwrap();
        let md = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/un-affinity").join(format!("{}.md", level.id)),
        )
        .unwrap_or_else(|e| panic!("{}: the script's output is committed: {e}", level.id));
        let ties = |id: &str| level.states.iter().find(|s| s.id == id).map(|s| (s.ties_aggressor, s.ties_victim));
        let near = |x: f32, y: f32| (x - y).abs() < 0.006;
        let mut checked = 0;
        let named = md.split("## States named alone").nth(1).expect("the script lists the states named alone");
        for row in named.lines().filter(|l| l.starts_with("| ")) {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            if cells[1] == "state" || cells[1].contains("too few") {
                continue;
            }
            let rule: (f32, f32) = (cells[4].parse().unwrap(), cells[5].parse().unwrap());
            let got = ties(cells[1]).unwrap_or_else(|| panic!("{}: {} is named in the script's output", level.id, cells[1]));
            assert!(near(got.0, rule.0) && near(got.1, rule.1), "{}: {} has ties {got:?}, the rule {rule:?}", level.id, cells[1]);
            checked += 1;
        }
        checked += groups_from_the_roll_calls(&level.id, &md, ties);
        assert!(checked >= 15, "{}: only {checked} states checked against the roll calls", level.id);
    }
}

/// Checks every group the affinity script wrote against the level: each is there with the rule's ties, or,
/// where the roll calls measured no tie, may be merged into another. Returns how many groups it checked.
fn groups_from_the_roll_calls(level: &str, md: &str, ties: impl Fn(&str) -> Option<(f32, f32)>) -> usize {
    let number = |line: &str, field: &str| -> f32 {
        let at = line.find(field).map_or("0", |i| line[i + field.len()..].split([',', ')']).next().unwrap());
        at.trim().parse().unwrap()
    };
    let near = |x: f32, y: f32| (x - y).abs() < 0.006;
    let groups = md.split("```ron").nth(1).and_then(|b| b.split("```").next()).expect("the script writes its groups");
    let mut checked = 0;
    for line in groups.lines().filter(|l| l.trim_start().starts_with("State(")) {
        let id = line.split("id: \"").nth(1).and_then(|r| r.split('"').next()).unwrap();
        let rule = (number(line, "ties_aggressor: "), number(line, "ties_victim: "));
        match ties(id) {
            Some(got) => assert!(near(got.0, rule.0) && near(got.1, rule.1), "{level}: group {id} has {got:?}, the rule {rule:?}"),
            None => assert!(rule == (0.0, 0.0), "{level}: group {id} of the script is missing from the level"),
        }
        checked += 1;
    }
    checked
}

/// A shipped level of the UN era whose Assembly votes by groups takes every group's ties from the roll calls,
/// by the script's committed output; where the roll calls cannot measure ties, the output says why.
#[test]
fn a_shipped_level_with_assembly_groups_takes_their_ties_from_the_roll_calls() {
    let mut levels_with_groups = 0;
    for p in collective_security::files::shipped_levels() {
        let level = collective_security::level::load(&p).unwrap();
        let un = level.institution.kind == collective_security::level::InstitutionKind::UnitedNations;
        let md = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/un-affinity").join(format!("{}.md", level.id)),
        );
        if !un {
            continue;
        }
        let md = md.unwrap_or_else(|e| panic!("{}: the affinity script's output for a UN level is committed: {e}", level.id));
        if !level.states.iter().any(|s| s.count > 1) {
            continue;
        }
        let ties = |id: &str| level.states.iter().find(|s| s.id == id).map(|s| (s.ties_aggressor, s.ties_victim));
        let checked = groups_from_the_roll_calls(&level.id, &md, ties);
        assert!(checked >= 5, "{}: only {checked} groups checked against the roll calls", level.id);
        levels_with_groups += 1;
    }
    assert!(levels_with_groups >= 3, "only {levels_with_groups} shipped levels have assembly groups");
}
