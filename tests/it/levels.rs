//! Modders get every problem in a file, each with its place and a suggestion.

use collective_security::level::{self, Severity};

use crate::support::*;

fn errors(src: &str) -> Vec<level::Diagnostic> {
    match level::check_source(src) {
        Ok(_) => vec![],
        Err(d) => d.into_iter().filter(|d| d.severity == Severity::Error).collect(),
    }
}

fn korea_src() -> String {
    std::fs::read_to_string(level_path("korea_1950")).unwrap()
}

#[test]
fn every_shipped_level_passes_the_validator() {
    for p in collective_security::files::shipped_levels() {
        if let Err(e) = level::check_file(&p) {
            panic!("{}: {:?}", p.display(), e);
        }
    }
}

#[test]
fn a_misspelt_state_id_names_its_line_and_the_nearest_valid_id() {
    let src = korea_src().replacen("victim: \"KOR\"", "victim: \"KORR\"", 1);
    let e = errors(&src);
    assert_eq!(e.len(), 1, "{e:?}");
    let line = src.lines().position(|l| l.contains("victim: \"KORR\"")).unwrap() + 1;
    assert_eq!(e[0].line, line);
    assert_eq!(e[0].col, src.lines().nth(line - 1).unwrap().find("\"KORR\"").unwrap() + 1);
    assert_eq!(e[0].suggestion.as_deref(), Some("did you mean `KOR`?"));
}

#[test]
fn all_errors_in_a_file_are_reported_not_only_the_first() {
    let src = korea_src()
        .replacen("victim: \"KOR\"", "victim: \"KORR\"", 1)
        .replacen("date: \"1950-06-27\", label", "date: \"1950-06-20\", label", 1)
        .replacen("cinc: 0.28444", "cinc: 1.5", 1);
    let e = errors(&src);
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(e.iter().any(|d| d.message.contains("dates out of order")));
    assert!(e.iter().any(|d| d.message.contains("out of range")));
}

#[test]
fn a_misspelt_enum_variant_lists_the_allowed_values_and_suggests_one() {
    let src = korea_src().replacen("kind: UnitedNations", "kind: UnitedNatons", 1);
    let e = errors(&src);
    assert_eq!(e.len(), 1);
    assert!(e[0].message.contains("`League`, `UnitedNations`"), "{}", e[0].message);
    assert_eq!(e[0].suggestion.as_deref(), Some("did you mean `UnitedNations`?"));
    assert!(e[0].line > 1);
}

#[test]
fn a_vote_threshold_no_membership_could_reach_is_an_error() {
    let src = korea_src().replacen("Qualified(votes: 7, veto: true)", "Qualified(votes: 12, veto: true)", 1);
    let e = errors(&src);
    assert!(e.iter().any(|d| d.message.contains("12 votes can never be reached by a body of 11 seats")), "{e:?}");
}

#[test]
fn a_state_seated_twice_is_an_error() {
    let src: String = korea_src()
        .lines()
        .map(|l| if l.contains("kind: SecurityCouncil") { l.replacen("\"ECU\"", "\"CUB\"", 1) } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(errors(&src).iter().any(|d| d.message.contains("seated twice")));
}

#[test]
fn an_empty_file_and_random_bytes_get_clear_errors() {
    assert!(errors("")[0].message.contains("empty"));
    let e = errors("Level(id: \"x\", \u{1}\u{2}");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].line, 1);
}

#[test]
fn the_committed_field_reference_is_what_the_code_generates() {
    let generated = collective_security::level::reference::markdown();
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/LEVEL_REFERENCE.md")).unwrap_or_default();
    assert!(generated == committed, "docs/LEVEL_REFERENCE.md is stale: run `collective-security docs > docs/LEVEL_REFERENCE.md`");
    for field in ["ties_aggressor", "concession", "count", "uniting_for_peace", "enquiry_turns", "carry_credibility"] {
        assert!(generated.contains(&format!("`{field}`")), "{field} is documented");
    }
}

#[test]
fn the_walk_through_example_level_checks_and_plays() {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("levels/examples/leticia_1932.ron");
    let level = std::sync::Arc::new(collective_security::level::load(&p).unwrap());
    let r = crate::support::play(level, 1, collective_security::sim::Policy::Historical, None);
    assert!(r.votes.iter().any(|v| v.motion == "peacekeeping"));
}

#[test]
fn a_what_if_variant_changes_only_what_it_names() {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("levels/examples/ukraine_2022_no_veto.ron");
    let level = std::sync::Arc::new(collective_security::level::load(&p).unwrap());
    assert_eq!(level.id, "ukraine_2022_no_veto");
    assert_eq!(level.states.len(), shipped("ukraine_2022").states.len());
    let r = crate::support::play(level, 1, collective_security::sim::Policy::Historical, None);
    assert!(r.votes[0].adopted && r.votes[0].vetoed_by.is_empty(), "without the veto the Council's draft passes");
    let oil =
        collective_security::level::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("levels/examples/abyssinia_1935_oil.ron"))
            .unwrap();
    let usa = oil.state_ix("USA").unwrap();
    assert!(oil.institution.members.contains(&usa), "the United States joins the League");
}

#[test]
fn a_variant_naming_an_unknown_state_gets_its_line_and_a_suggestion() {
    let src = "Variant(\n    extends: \"korea_1950\",\n    id: \"k\",\n    name: \"k\",\n    summary: \"s\",\n    join: [\"PRKK\"],\n)";
    let e = level::check_source(src).err().unwrap();
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!((e[0].line, e[0].col), (6, 12));
    assert_eq!(e[0].suggestion.as_deref(), Some("did you mean `PRK`?"));
}

#[test]
fn warnings_have_ids_and_a_file_can_silence_them() {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/levels/examples/leticia_1932.ron")).unwrap();
    let odd = src.replacen("State(id: \"MEX\"", "State(id: \"Mex\"", 1).replace("\"MEX\"", "\"Mex\"");
    let w = level::check_source(&odd).unwrap().warnings;
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].code, Some("W001-not-iso"));
    assert!(w[0].render("x.ron").contains("warning[W001-not-iso]"));
    let allowed = odd.replacen("    sources: [", "    allow: [\"W001-not-iso\"],\n    sources: [", 1);
    assert!(level::check_source(&allowed).unwrap().warnings.is_empty());
    let typo = odd.replacen("    sources: [", "    allow: [\"W001-not-isso\"],\n    sources: [", 1);
    let e = errors(&typo);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].suggestion.as_deref(), Some("did you mean `W001-not-iso`?"));
}

#[test]
fn a_correlates_of_war_code_is_not_taken_for_an_iso_code_and_the_iso_code_it_hides_is_named() {
    // Bulgaria is `BUL` to the Correlates of War and `BGR` to ISO: a modder copying NMC's codes is told at the
    // state, and a reference written in ISO's code finds the state the level calls otherwise.
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/levels/examples/leticia_1932.ron")).unwrap();
    let cow = src.replacen("State(id: \"MEX\", name: \"Mexico\"", "State(id: \"BUL\", name: \"Bulgaria\"", 1).replace("\"MEX\"", "\"BGR\"");
    let e = errors(&cow);
    assert!(!e.is_empty() && e.iter().all(|d| d.message.starts_with("unknown state `BGR`")), "{e:?}");
    let hint = "did you mean `BUL`? (`BGR` is the ISO code of Bulgaria, whom this level calls `BUL`)";
    assert!(e.iter().all(|d| d.suggestion.as_deref() == Some(hint)), "{e:?}");
    let fixed = cow.replace("\"BGR\"", "\"BUL\"");
    let w = level::check_source(&fixed).unwrap().warnings;
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].code, Some("W001-not-iso"));
    assert!(w[0].message.contains("`BUL` is not an ISO 3166 alpha-3 code: ISO gives Bulgaria `BGR`"), "{}", w[0].message);
}

#[test]
fn a_council_member_misspelt_is_one_error_not_also_a_tally_too_large_for_the_council() {
    // Crimea's Council has 15 seats and its draft of 15 March 2014 counted 15 ballots (13–1–1).
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/levels/crimea_2014.ron")).unwrap();
    let council = src.find("kind: SecurityCouncil").unwrap();
    let (head, tail) = src.split_at(council);
    let tail = tail.replacen("\"ARG\"", "\"ARGG\"", 1);
    let e = errors(&format!("{head}{tail}"));
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].message.starts_with("unknown state `ARGG`"), "{e:?}");
}

#[test]
fn several_misspelt_fields_variants_and_a_missing_field_are_all_reported_at_once() {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/levels/examples/leticia_1932.ron"))
        .unwrap()
        .replacen("ties_victim: 0.2, interest: 0.4, commitment: 0.0", "ties_vctim: 0.2, interest: 0.4, commitment: 0.0", 1)
        .replacen("kind: League,", "kind: Leage,", 1)
        .replacen("        theatre: \"Leticia\",\n", "", 1)
        .replacen("rule: Unanimity", "rule: Unanimty", 1);
    let e = errors(&src);
    let found: Vec<&str> = e.iter().filter_map(|d| d.suggestion.as_deref()).collect();
    assert_eq!(e.len(), 4, "{e:#?}");
    for s in ["did you mean `ties_victim`?", "did you mean `League`?", "did you mean `Unanimity`?", "add `theatre: ...`"] {
        assert!(found.contains(&s), "{s} in {found:?}");
    }
    assert!(e.windows(2).all(|w| (w[0].line, w[0].col) <= (w[1].line, w[1].col)), "in file order");
}

#[test]
fn a_variant_can_add_an_event_and_a_bloc_and_a_bad_one_is_placed_at_its_own_line() {
    // The Soviet delegate back in his seat before the invasion: the Council cannot act in June 1950.
    let src = "Variant(\n    extends: \"korea_1950\",\n    id: \"k\",\n    name: \"k\",\n    summary: \"s\",\n    add_events: [\n        (date: \"1950-06-20\", kind: Return(state: \"SUN\", body: SecurityCouncil), text: \"The Soviet delegate returns\"),\n    ],\n    add_blocs: [\n        Bloc(id: \"pact\", name: \"A Pacific pact\", kind: CollectiveDefence, members: [\"USA\", \"KOR\"], cohesion: 0.8),\n    ],\n)";
    let level = std::sync::Arc::new(level::check_source(src).unwrap_or_else(|e| panic!("{e:?}")).level);
    assert!(level.blocs.iter().any(|b| b.id == "pact"), "the pact is in the level");
    let r = crate::support::play(level, 1, collective_security::sim::Policy::Historical, None);
    assert!(r.votes.iter().any(|v| !v.vetoed_by.is_empty()), "the returned delegate vetoes");
    let bad = src.replace("Return(state: \"SUN\"", "Return(state: \"SUNN\"");
    let e = level::check_source(&bad).err().unwrap();
    assert!(e.iter().any(|d| d.line == 7 && d.path.starts_with("add_events[0]")), "{e:?}");
}

#[test]
fn a_misjudgement_range_outside_zero_to_one_is_refused_at_its_line() {
    let src = korea_src().replacen("oil_imported: 0.0,", "oil_imported: 0.0,\n        uncertainty: (misjudgement: 1.5),", 1);
    let e = errors(&src);
    assert_eq!(e.len(), 1, "{e:?}");
    let line = src.lines().position(|l| l.contains("misjudgement: 1.5")).unwrap() + 1;
    assert_eq!(e[0].line, line, "{e:?}");
    assert_eq!(e[0].col, src.lines().nth(line - 1).unwrap().find("1.5").unwrap() + 1, "{e:?}");
}

#[test]
fn an_aim_short_of_the_ground_the_aggressor_held_before_is_refused_at_its_line_and_one_within_is_kept() {
    let with_aim = |aim: &str| {
        korea_src().replacen("oil_imported: 0.0,", &format!("oil_imported: 0.0,\n        held_before: Some(0.05),\n        aim: {aim},"), 1)
    };
    let src = with_aim("Some(0.02)");
    let e = errors(&src);
    assert_eq!(e.len(), 1, "{e:?}");
    let line = src.lines().position(|l| l.contains("aim: Some(0.02)")).unwrap() + 1;
    assert_eq!((e[0].line, e[0].path.as_str()), (line, "crisis.aim"), "{e:?}");
    assert!(e[0].message.contains("held before the crisis (0.05)"), "{e:?}");
    let level = level::check_source(&with_aim("Some(0.4)")).unwrap().level;
    assert_eq!(level.crisis.aim, 0.4);
    assert_eq!(level::check_source(&korea_src()).unwrap().level.crisis.aim, 1.0, "left out, it wants all it claims");
    let held = korea_src().replacen("oil_imported: 0.0,", "oil_imported: 0.0,\n        aim: Some(0.03),", 1);
    let w = level::check_source(&held).unwrap().warnings;
    assert!(w.iter().any(|d| d.code == Some("W008-aim-already-held") && d.message.contains("offers a cease-fire at once")), "{w:?}");
    let punitive = korea_src().replacen("oil_imported: 0.0,", "oil_imported: 0.0,\n        punitive: true,", 1);
    let e = errors(&punitive);
    assert!(e.len() == 1 && e[0].path == "crisis.punitive" && e[0].message.contains("needs an `aim`"), "{e:?}");
}

#[test]
fn a_season_on_a_day_that_does_not_exist_or_with_a_negative_pace_is_refused_at_its_line() {
    let season = "\n        seasons: [(name: \"Rains\", from: (2, 30), to: (9, 15), pace: -0.5)],";
    let src = korea_src().replacen("oil_imported: 0.0,", &format!("oil_imported: 0.0,{season}"), 1);
    let e = errors(&src);
    assert_eq!(e.len(), 2, "{e:?}");
    let line = src.lines().position(|l| l.contains("seasons: [(name")).unwrap() + 1;
    assert!(e.iter().all(|d| d.line == line), "{e:?}");
    assert!(e.iter().any(|d| d.path == "crisis.seasons[0].from" && d.message.contains("(2, 30) is not a day of the year")), "{e:?}");
    assert!(!e.iter().any(|d| d.message.contains("2000")), "no invented year in the message: {e:?}");
    assert!(e.iter().any(|d| d.path == "crisis.seasons[0].pace"), "{e:?}");
}

#[test]
fn a_variant_may_write_an_optional_change_with_or_without_some() {
    // MODDING.md writes `crisis_changes` as `CrisisChange(appetite: Some(0.6), ...)`; a modder copying it
    // must not be told "expected option", whichever of the two spellings they use at either level.
    let plain = "Variant(extends: \"korea_1950\", id: \"k\", name: \"k\", summary: \"s\",\n    crisis_changes: CrisisChange(appetite: 0.3, uncertainty: (fortune: 0.4)),\n)";
    let wrapped = plain.replace(
        "CrisisChange(appetite: 0.3, uncertainty: (fortune: 0.4))",
        "Some(CrisisChange(appetite: Some(0.3), uncertainty: Some((fortune: 0.4))))",
    );
    for src in [plain.to_string(), wrapped] {
        let level = level::check_source(&src).unwrap_or_else(|e| panic!("{src}: {e:?}")).level;
        assert_eq!(level.crisis.appetite, 0.3, "{src}");
        assert_eq!(level.crisis.uncertainty.fortune, 0.4, "{src}");
    }
}

#[test]
fn a_variants_out_of_range_change_is_reported_at_its_own_line_not_the_first() {
    let src = "Variant(extends: \"munich_1938\", id: \"m\", name: \"m\", summary: \"s\",\n    bloc_changes: [BlocChange(id: \"franco_czech\", cohesion: 1.5)],\n    crisis_changes: CrisisChange(appetite: 2.0),\n)";
    let e = level::check_source(src).err().expect("out-of-range changes are refused");
    assert_eq!(e.len(), 2, "{e:?}");
    assert_eq!((e[0].line, e[1].line), (2, 3), "in file order, each at its own line: {e:?}");
    assert!(e[1].message.contains("crisis.appetite"), "it names the field of the level: {}", e[1].message);
}

#[test]
fn a_variant_change_that_changes_nothing_is_warned_of_and_a_turn_past_the_end_is_refused() {
    // Britain's only order is on turn 1 (turns count from 1).
    let src = "Variant(extends: \"munich_1938\", id: \"m\", name: \"m\", summary: \"s\",\n    drop_events: [\"Boycott\"],\n    drop_orders: [DropOrders(state: \"GBR\", turn: 2)],\n)";
    let w = level::check_source(src).unwrap_or_else(|e| panic!("{e:?}")).warnings;
    let idle: Vec<usize> = w.iter().filter(|d| d.code == Some("nothing_dropped")).map(|d| d.line).collect();
    assert_eq!(idle, vec![2, 3], "the Boycott no one makes and the orders Britain never gave, each at its line: {w:?}");
    let late = src.replace("turn: 2)", "turn: 40)");
    let e = level::check_source(&late).err().expect("a turn past the level's end is refused");
    assert!(e.iter().any(|d| d.line == 3 && d.message.contains("turn 40 does not exist")), "{e:?}");
    let stranger = src.replace("state: \"GBR\"", "state: \"DEU\"");
    let e = level::check_source(&stranger).err().expect("the aggressor is not playable");
    assert!(e[0].message.contains("GBR") && e[0].message.contains("FRA"), "the error lists who is playable: {}", e[0].message);
}

/// The bloc `bloc` of `base` after a variant changes it with `change` (`cohesion: 0.9` and whatever is added).
fn bloc_after(base: &str, bloc: &str, change: &str) -> collective_security::level::BlocDef {
    let src = format!(
        "Variant(extends: \"{base}\", id: \"v\", name: \"v\", summary: \"s\",\n    bloc_changes: [BlocChange(id: \"{bloc}\", cohesion: 0.9{change})],\n)"
    );
    let l = level::check_source(&src).unwrap_or_else(|e| panic!("{e:?}")).level;
    l.blocs.into_iter().find(|b| b.id == bloc).unwrap()
}

/// The errors of a Munich variant with these bloc changes and membership changes.
fn munich_variant_errors(changes: &str) -> Vec<level::Diagnostic> {
    let src = format!("Variant(extends: \"munich_1938\", id: \"m\", name: \"m\", summary: \"s\",\n{changes}\n)");
    level::check_source(&src).err().unwrap_or_default()
}

#[test]
fn a_variant_that_joins_a_member_or_makes_a_stranger_leave_is_told_so_at_that_entry() {
    let e = munich_variant_errors("    bloc_changes: [BlocChange(id: \"franco_czech\", join: [\"FRA\"], leave: [\"GBR\"])],");
    let paths: Vec<&str> = e.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["bloc_changes[0].join[0]", "bloc_changes[0].leave[0]"], "{e:?}");
    assert!(e.iter().all(|d| d.line == 2), "{e:?}");
    assert!(e[0].message.contains("already a member") && e[1].message.contains("not a member"), "{e:?}");
    let e = munich_variant_errors("    join: [\"GBR\"],\n    leave: [\"USA\"],");
    let paths: Vec<&str> = e.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["join[0]", "leave[0]"], "Britain is in the League and the United States never was: {e:?}");
    assert!(munich_variant_errors("    leave: [\"NZL\"],").is_empty(), "a member may leave");
}

#[test]
fn a_variant_that_empties_a_bloc_is_told_to_set_its_cohesion_to_zero_instead() {
    let e = munich_variant_errors("    bloc_changes: [BlocChange(id: \"franco_czech\", leave: [\"FRA\", \"CSK\"])],");
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!((e[0].path.as_str(), e[0].line), ("bloc_changes[0].leave", 2), "{e:?}");
    assert!(e[0].message.contains("cohesion"), "{}", e[0].message);
}

#[test]
fn a_variant_may_allow_a_warning_and_a_misspelt_one_is_refused_at_its_line() {
    let late = "    add_events: [(date: \"1939-06-01\", kind: News, text: \"Too late\")],";
    let src = |allow: &str| format!("Variant(extends: \"munich_1938\", id: \"m\", name: \"m\", summary: \"s\",\n{late}\n{allow}\n)");
    let w = level::check_source(&src("")).unwrap_or_else(|e| panic!("{e:?}")).warnings;
    assert!(w.iter().any(|d| d.code == Some("W004-event-never-happens")), "{w:?}");
    let w = level::check_source(&src("    allow: [\"W004-event-never-happens\"],")).unwrap_or_else(|e| panic!("{e:?}")).warnings;
    assert!(!w.iter().any(|d| d.code == Some("W004-event-never-happens")), "allowed: {w:?}");
    let e = level::check_source(&src("    allow: [\"W004-event-never-happen\"],")).err().expect("an unknown warning id is refused");
    assert_eq!((e[0].path.as_str(), e[0].line), ("allow[0]", 3), "{e:?}");
    assert_eq!(e[0].suggestion.as_deref(), Some("did you mean `W004-event-never-happens`?"));
}

#[test]
fn an_order_given_twice_in_a_turn_is_refused_at_its_second_entry() {
    let src = korea_src();
    let at = src.find("orders: [").expect("korea has orders") + "orders: [".len();
    let twice = format!("{}Rearm, Rearm, {}", &src[..at], &src[at..]);
    let e = errors(&twice);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].message.contains("given twice"), "{e:?}");
    let line = twice[..at].lines().count();
    assert_eq!((e[0].line, e[0].col), (line, twice.lines().nth(line - 1).unwrap().rfind("Rearm").unwrap() + 1), "{e:?}");
}

#[test]
fn a_recorded_vote_no_state_tables_is_warned_of_in_a_level_but_not_in_a_what_if_that_drops_it() {
    let src = korea_src();
    let first = src.find("Propose(").expect("korea has motions");
    let end = first + src[first..].find(')').unwrap() + 1;
    let untabled = format!("{}Rearm{}", &src[..first], &src[end..]);
    let w = level::check_source(&untabled).unwrap_or_else(|e| panic!("{e:?}")).warnings;
    assert!(w.iter().any(|d| d.code == Some("W007-vote-without-motion")), "{w:?}");
    assert!(
        !level::check_source(&src).unwrap().warnings.iter().any(|d| d.code == Some("W007-vote-without-motion")),
        "the shipped level tables them"
    );
    let dropped =
        "Variant(extends: \"korea_1950\", id: \"k\", name: \"k\", summary: \"s\",\n    drop_orders: [DropOrders(state: \"USA\")],\n)";
    let w = level::check_source(dropped).unwrap_or_else(|e| panic!("{e:?}")).warnings;
    assert!(!w.iter().any(|d| d.code == Some("W007-vote-without-motion")), "the what-if is the point: {w:?}");
}

#[test]
fn a_bloc_without_members_is_refused_at_its_line() {
    let src = korea_src();
    let at = src.find("blocs: [").map(|i| i + "blocs: [".len()).expect("korea has blocs");
    let empty = format!(
        "{}\n        (id: \"empty\", name: \"Nobody's pact\", kind: Alliance, members: [], cohesion: 0.5),{}",
        &src[..at],
        &src[at..]
    );
    let e = errors(&empty);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].message.contains("no members"), "{e:?}");
    assert_eq!(e[0].line, empty.lines().position(|l| l.contains("Nobody's pact")).unwrap() + 1, "{e:?}");
}

#[test]
fn a_variant_that_writes_after_none_removes_the_wait_and_one_that_leaves_it_out_keeps_it() {
    assert!(bloc_after("munich_1938", "soviet_czech", "").after.is_some(), "left out, the Soviet Union still waits for France");
    assert_eq!(bloc_after("munich_1938", "soviet_czech", ", after: None").after, None, "written out, the wait is gone");
}

#[test]
fn a_variant_that_writes_region_none_removes_the_treaty_region_and_one_that_leaves_it_out_keeps_it() {
    assert!(bloc_after("suez_1956", "nato", "").region.is_some(), "left out, NATO still stops at the Tropic of Cancer");
    assert_eq!(bloc_after("suez_1956", "nato", ", region: None").region, None, "written out, the region is gone");
}

#[test]
fn a_level_whose_id_is_not_its_file_name_is_warned_of() {
    let dir = Scratch::new("id-stem");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("my_crisis.ron");
    std::fs::write(&p, korea_src()).unwrap();
    let w = level::check_file(&p).unwrap_or_else(|e| panic!("{e:?}")).warnings;
    let d = w.iter().find(|d| d.code == Some("id_not_file_name")).expect("a warning about the id");
    assert!(d.message.contains("korea_1950") && d.message.contains("my_crisis"), "{}", d.message);
    assert!(d.line > 0, "at the id's line");
}

/// The one error a variant gets for `order` written as its only historical order, at the order's word.
fn the_error_for_an_order(order: &str) -> level::Diagnostic {
    let src = format!(
        "Variant(extends: \"korea_1950\", id: \"k\", name: \"k\", summary: \"s\",\n    add_orders: [AddOrders(state: \"USA\", turn: 1, orders: [{order}])],\n)"
    );
    let e = level::check_source(&src).err().unwrap_or_else(|| panic!("`{order}` is refused"));
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!((e[0].line, e[0].col), (2, 60), "at the word itself: {e:?}");
    e.into_iter().next().unwrap()
}

#[test]
fn a_choice_that_takes_no_values_written_with_some_is_named_with_a_fix() {
    let e = the_error_for_an_order("Blockade(oil: true)");
    assert!(e.message.contains("`Blockade` takes no values"), "{}", e.message);
    assert_eq!(e.suggestion.as_deref(), Some("write `Blockade` alone"));
}

#[test]
fn the_field_reference_shows_each_field_with_an_example_of_its_own_type() {
    let md = collective_security::level::reference::markdown();
    let row = |section: &str, field: &str| {
        let part = &md[md.find(&format!("## {section}\n")).unwrap()..];
        let part = &part[..part[3..].find("\n## ").map_or(part.len(), |i| i + 3)];
        part.lines().find(|l| l.starts_with(&format!("| `{field}` |"))).unwrap_or_else(|| panic!("{section}.{field}")).to_string()
    };
    assert!(row("State", "id").contains("`id: \"PRK\"`"), "a state's id, not the level's: {}", row("State", "id"));
    assert!(row("Bloc", "kind").contains("`kind: CollectiveDefence`"), "a bloc kind, not a body kind: {}", row("Bloc", "kind"));
    assert!(row("Region", "theatre").contains("`theatre: true`"), "{}", row("Region", "theatre"));
    assert!(row("History", "votes").contains("`votes: [("), "{}", row("History", "votes"));
    assert!(!md.contains("## Added"), "only types read from files are in the reference");
    assert!(md.lines().filter(|l| l.starts_with("| `")).all(|l| l.ends_with(" |")), "every row on one line");
}

#[test]
fn a_treaty_region_that_is_empty_or_off_the_globe_is_refused_at_its_line() {
    let src = "Variant(extends: \"ukraine_2022\", id: \"u\", name: \"u\", summary: \"s\",\n    bloc_changes: [BlocChange(id: \"nato\", join: [\"UKR\"], region: ((45.0, 23.4), (-170.0, 85.0)))],\n)";
    let e = level::check_source(src).err().expect("west of east is refused");
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].line, 2, "at the variant's own line: {e:?}");
    assert!(e[0].message.contains("west below east"), "{}", e[0].message);
    let off = src.replace("((45.0, 23.4), (-170.0, 85.0))", "((-170.0, 23.4), (45.0, 95.0))");
    let e = level::check_source(&off).err().expect("a latitude of 95 is refused");
    assert!(e[0].message.contains("out of range"), "{e:?}");
    let fine = src.replace("((45.0, 23.4), (-170.0, 85.0))", "((-170.0, 23.4), (45.0, 85.0))");
    let l = level::check_source(&fine).unwrap_or_else(|e| panic!("{e:?}")).level;
    let nato = l.blocs.iter().find(|b| b.id == "nato").unwrap();
    assert!(nato.in_region(l.crisis.location), "Ukraine lies north of the Tropic and west of 45° E");
}

/// Asks a type, through serde, for the names it reads: serde hands a struct's fields, or an enum's
/// choices, to the deserializer before it reads anything, and the probe stops there.
mod probe {
    use serde::de::{self, Deserializer, Visitor};

    #[derive(Debug)]
    pub struct Found(pub Option<(&'static str, Vec<&'static str>, bool)>);

    impl std::fmt::Display for Found {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{:?}", self.0)
        }
    }
    impl std::error::Error for Found {}
    impl de::Error for Found {
        fn custom<T: std::fmt::Display>(_: T) -> Self {
            Found(None)
        }
    }

    pub struct Probe;

    impl<'de> Deserializer<'de> for Probe {
        type Error = Found;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Found> {
            Err(Found(None))
        }
        fn deserialize_struct<V: Visitor<'de>>(self, name: &'static str, fields: &'static [&'static str], _: V) -> Result<V::Value, Found> {
            Err(Found(Some((name, fields.to_vec(), false))))
        }
        fn deserialize_enum<V: Visitor<'de>>(self, name: &'static str, variants: &'static [&'static str], _: V) -> Result<V::Value, Found> {
            Err(Found(Some((name, variants.to_vec(), true))))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map identifier ignored_any
        }
    }

    /// The RON name and the fields or choices serde reads for `T`.
    pub fn names<'de, T: serde::Deserialize<'de>>() -> (&'static str, Vec<&'static str>, bool) {
        match T::deserialize(Probe) {
            Err(Found(Some(found))) => found,
            other => panic!("{} is not read as a struct or an enum: {:?}", std::any::type_name::<T>(), other.err()),
        }
    }
}

#[test]
fn the_schema_that_checks_and_documents_files_names_exactly_the_fields_and_choices_serde_reads() {
    use collective_security::lesson::raw as lesson;
    use collective_security::level::{campaign, raw, variant};
    // Every raw type read from a file, by hand; the assertion below fails if the schema has one more.
    let read = [
        ("InstitutionKind", probe::names::<raw::InstitutionKind>()),
        ("RawLevel", probe::names::<raw::RawLevel>()),
        ("RawTurn", probe::names::<raw::RawTurn>()),
        ("RawState", probe::names::<raw::RawState>()),
        ("BlocKind", probe::names::<raw::BlocKind>()),
        ("RawBloc", probe::names::<raw::RawBloc>()),
        ("RawInstitution", probe::names::<raw::RawInstitution>()),
        ("BodyKind", probe::names::<raw::BodyKind>()),
        ("VotingRule", probe::names::<raw::VotingRule>()),
        ("RawBody", probe::names::<raw::RawBody>()),
        ("RawCrisis", probe::names::<raw::RawCrisis>()),
        ("Season", probe::names::<raw::Season>()),
        ("Uncertainty", probe::names::<raw::Uncertainty>()),
        ("RawEvent", probe::names::<raw::RawEvent>()),
        ("EventKind", probe::names::<raw::EventKind>()),
        ("RawPlayable", probe::names::<raw::RawPlayable>()),
        ("RawChoice", probe::names::<raw::RawChoice>()),
        ("Measure", probe::names::<raw::Measure>()),
        ("Procedure", probe::names::<raw::Procedure>()),
        ("Order", probe::names::<raw::Order>()),
        ("OutcomeKind", probe::names::<raw::OutcomeKind>()),
        ("RawHistory", probe::names::<raw::RawHistory>()),
        ("RecordedVote", probe::names::<raw::RecordedVote>()),
        ("RawMap", probe::names::<raw::RawMap>()),
        ("RawRegion", probe::names::<raw::RawRegion>()),
        ("RawVariant", probe::names::<variant::RawVariant>()),
        ("DropOrders", probe::names::<variant::DropOrders>()),
        ("BlocChange", probe::names::<variant::BlocChange>()),
        ("CrisisChange", probe::names::<variant::CrisisChange>()),
        ("StateChange", probe::names::<variant::StateChange>()),
        ("RuleChange", probe::names::<variant::RuleChange>()),
        ("AddOrders", probe::names::<variant::AddOrders>()),
        ("RawCampaign", probe::names::<campaign::RawCampaign>()),
        ("RawLesson", probe::names::<lesson::RawLesson>()),
        ("RawPart", probe::names::<lesson::RawPart>()),
        ("RawObjective", probe::names::<lesson::RawObjective>()),
        ("Condition", probe::names::<lesson::Condition>()),
        ("Strategy", probe::names::<lesson::Strategy>()),
        ("RawGuiding", probe::names::<lesson::RawGuiding>()),
        ("Moment", probe::names::<lesson::Moment>()),
        ("RawQuestion", probe::names::<lesson::RawQuestion>()),
        ("Answer", probe::names::<lesson::Answer>()),
    ];
    let schema = collective_security::level::reference::names();
    let documented: Vec<&str> = schema.iter().map(|s| s.0.as_str()).collect();
    let probed: Vec<&str> = read.iter().map(|r| r.0).collect();
    assert_eq!(documented, probed, "the schema's types and the types read from files");
    for ((raw, ron, fields, is_enum), (_, (name, serde_fields, serde_enum))) in schema.iter().zip(&read) {
        assert_eq!((ron.as_str(), *is_enum), (*name, *serde_enum), "{raw}: its name in RON and its kind");
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        assert_eq!(fields, *serde_fields, "{raw}: the fields or choices the schema checks are those serde reads");
    }
}

#[test]
fn every_measure_is_named_in_json_by_serdes_snake_case_of_its_variant() {
    use collective_security::level::raw::Measure;
    let (_, variants, _) = probe::names::<Measure>();
    assert!(variants.len() >= 10, "{variants:?}");
    for v in variants {
        let m: Measure = serde_json::from_str(&format!("\"{v}\"")).unwrap();
        let snake: String = v.chars().enumerate().fold(String::new(), |mut s, (i, c)| {
            if c.is_uppercase() && i > 0 {
                s.push('_');
            }
            s.push(c.to_ascii_lowercase());
            s
        });
        assert_eq!(m.id(), snake, "{v}");
    }
}

#[test]
fn a_recorded_vote_whose_named_states_contradict_the_tally_or_the_council_is_refused_where_it_is_written() {
    let good = "tally: \"9–1–1\", no: [\"SUN\"], vetoed_by: [\"SUN\"]";
    let bad = "tally: \"9–1–1\", no: [\"SUN\", \"IND\"], abstain: [\"IND\", \"KOR\"], vetoed_by: [\"SUN\", \"EGY\"]";
    let src =
        korea_src().replace(good, bad).replace("document: \"draft S/1653\", adopted: false", "document: \"draft S/1653\", adopted: true");
    assert_ne!(src, korea_src(), "the vote to spoil is in the level");
    let e = level::check_source(&src).err().expect("the record contradicts itself");
    let says = |part: &str| e.iter().find(|d| d.message.contains(part)).unwrap_or_else(|| panic!("nothing says `{part}`: {e:?}"));
    for part in [
        "`IND` is already listed under `no`",
        "a veto is a vote against: list `EGY` under `no` too",
        "a vetoed motion is not adopted",
        "2 ballots are named under `no`, but the tally `9–1–1` counts 1",
        "`KOR` holds no seat in the SecurityCouncil",
        "`EGY` could not veto in the SecurityCouncil",
    ] {
        assert!(says(part).line > 150, "{part}: at the vote's own line, not the file's start: {e:?}");
    }
    let warned = |part: &str| says(part).severity == collective_security::level::Severity::Warning;
    assert!(
        warned("`KOR` holds no seat") && warned("`EGY` could not veto"),
        "a record outside the body is a warning: a what-if may change the body"
    );
}

#[test]
fn a_choice_that_takes_values_written_alone_is_named_with_the_values_it_takes() {
    let e = the_error_for_an_order("Sanction");
    assert!(e.message.contains("`Sanction` takes values in brackets"), "{}", e.message);
    assert_eq!(e.suggestion.as_deref(), Some("write `Sanction(oil: bool)`"));
}

#[test]
fn a_league_tally_of_two_numbers_may_name_its_abstainers() {
    let level = std::fs::read_to_string(level_path("manchuria_1931")).unwrap();
    let src = level.replacen("tally: \"42–1–1 (Siam abstaining)\"", "tally: \"42–1, Siam abstaining\"", 1);
    assert_ne!(src, level, "the Assembly's report of 1933 is in the level");
    level::check_source(&src).unwrap_or_else(|e| panic!("a two-number tally says nothing of abstentions: {e:?}"));
}

#[test]
fn a_what_if_that_takes_a_state_off_the_council_keeps_the_councils_real_record() {
    let src = "Variant(extends: \"korea_1950\", id: \"k\", name: \"k\", summary: \"Yugoslavia outside the UN.\", leave: [\"YUG\"])";
    let checked = level::check_source(src).unwrap_or_else(|e| panic!("the 9–1–1 of a Council of eleven is history, not an error: {e:?}"));
    assert!(!checked.level.institution.members.iter().any(|&m| checked.level.keys[m.0].id.as_ref() == "YUG"), "Yugoslavia has left");
    let council = "\"NOR\", \"YUG\"], permanent";
    let plain = korea_src().replacen(council, "\"NOR\"], permanent", 1);
    assert_ne!(plain, korea_src(), "the Council's seats are in the level");
    let e = level::check_source(&plain).err().expect("in a level of its own, a Council of ten cannot cast eleven ballots");
    assert!(e.iter().any(|d| d.message.contains("counts 11 ballots, but the SecurityCouncil has 10 seats")), "{e:?}");
}

#[test]
fn a_recorded_ballot_naming_a_state_inside_a_group_is_told_which_group_holds_it() {
    // Albania is one of the 36 European states of Crimea 2014's group `XEV`: a modder naming it among the
    // recorded no votes is told so, not offered the nearest id.
    let src = std::fs::read_to_string(level_path("crimea_2014")).unwrap().replacen("no: [\"ARM\", \"BLR\"", "no: [\"ALB\", \"BLR\"", 1);
    let e = errors(&src);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].message.starts_with("unknown state `ALB`"), "{}", e[0].message);
    let hint = e[0].suggestion.as_deref().unwrap_or_default();
    assert!(hint.starts_with("`ALB` is drawn on the map as part of `XEV` and is not listed alone"), "{hint}");
}

#[test]
fn a_victim_ordered_to_arm_or_guarantee_itself_is_refused_at_its_line() {
    let e =
        the_one_error_in_crimea("historical: [],", "historical: [(turn: 1, orders: [Rearm, ArmVictim])],", "orders: [Rearm, ArmVictim]");
    assert!(e.message.starts_with("the victim cannot arm or guarantee itself"), "{}", e.message);
}

#[test]
fn a_variant_can_make_a_concession_hand_over_less_of_the_claim() {
    // Historians ask what a smaller concession at Munich would have left Czechoslovakia: the variant's
    // `concession` replaces the level's share of the claim each concession hands over.
    let src =
        "Variant(extends: \"munich_1938\", id: \"m\", name: \"m\", summary: \"s\",\n    crisis_changes: CrisisChange(concession: 0.4),\n)";
    let level = level::check_source(src).unwrap_or_else(|e| panic!("{e:?}")).level;
    assert_eq!((shipped("munich_1938").crisis.concession, level.crisis.concession), (1.0, 0.4));
    let bad = src.replace("0.4", "1.5");
    let e = errors(&bad);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].line, 2, "placed at the variant's own field: {e:?}");
}

#[test]
fn an_order_taken_back_on_a_turn_the_level_does_not_have_is_refused_at_its_line() {
    // `withheld` is written by a variant's `drop_orders`, but a level may carry it too: its turns are checked
    // like history's.
    let e = the_one_error_in_crimea(
        "historical: [],",
        "historical: [],\n            withheld: [(turn: 9, orders: [Intervene])],",
        "withheld: [(turn: 9",
    );
    assert!(e.message.starts_with("turn 9 does not exist: expected 1 to 6"), "{}", e.message);
}

/// Crimea 2014 with its first `from` replaced by `to`: its one error, which must stand on the line holding `at`.
fn the_one_error_in_crimea(from: &str, to: &str, at: &str) -> level::Diagnostic {
    let src = std::fs::read_to_string(level_path("crimea_2014")).unwrap().replacen(from, to, 1);
    let mut e = errors(&src);
    assert_eq!(e.len(), 1, "{e:?}");
    let line = src.lines().position(|l| l.contains(at)).unwrap() + 1;
    assert_eq!(e[0].line, line);
    e.remove(0)
}

#[test]
fn a_value_of_the_wrong_kind_names_its_field_and_what_the_field_takes() {
    let src = std::fs::read_to_string("levels/suez_1956.ron").unwrap();
    let bad = src.replacen("nuclear: true", "nuclear: 1", 1);
    let e = level::check_source(&bad).err().expect("a number for a yes/no is refused");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].message.contains("for `nuclear`"), "{}", e[0].message);
    assert_eq!(e[0].suggestion.as_deref(), Some("`nuclear` takes true/false"));
}

#[test]
fn a_choice_whose_values_are_written_without_names_is_told_the_names() {
    let e = the_error_for_an_order("Propose(SecurityCouncil, Condemn)");
    assert!(e.message.contains("`Propose` takes its values by name"), "{}", e.message);
    assert!(e.suggestion.as_deref().is_some_and(|s| s.contains("body:") && s.contains("measure:")), "{:?}", e.suggestion);
}

#[test]
fn a_field_written_in_the_wrong_place_is_told_where_it_belongs() {
    let src = std::fs::read_to_string("levels/suez_1956.ron").unwrap();
    let bad = src.replacen("self_defence:", "misjudgment: 0.1, self_defence:", 1);
    let e = level::check_source(&bad).err().expect("a field of another type is refused");
    let d = e.iter().find(|d| d.message.contains("unknown field `misjudgment`")).unwrap_or_else(|| panic!("{e:?}"));
    assert_eq!(d.suggestion.as_deref(), Some("`misjudgement` is a field of `Uncertainty`, written inside `uncertainty: (...)`"));
}

#[test]
fn text_written_without_quotes_is_told_to_put_them() {
    let src = std::fs::read_to_string("levels/suez_1956.ron").unwrap();
    let bad = src.replacen("name: \"Egypt\"", "name: Egypt", 1);
    let e = level::check_source(&bad).err().expect("bare text is refused");
    assert!(e[0].message.contains("for `name`"), "{}", e[0].message);
    assert_eq!(e[0].suggestion.as_deref(), Some("`name` takes text in double quotes"));
}

#[test]
fn a_correlates_of_war_code_is_told_the_iso_code_the_level_uses() {
    let src = std::fs::read_to_string("levels/suez_1956.ron").unwrap();
    let bad = src.replacen("aggressor: \"GBR\"", "aggressor: \"UKG\"", 1);
    let e = level::check_source(&bad).err().expect("a COW code is refused");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].suggestion.as_deref().is_some_and(|s| s.starts_with("did you mean `GBR`?") && s.contains("Correlates of War")),
        "{:?}",
        e[0].suggestion
    );
}

#[test]
fn a_turn_with_an_impossible_date_is_one_error_not_also_events_that_never_happen() {
    let src = std::fs::read_to_string("levels/korea_1950.ron").unwrap();
    // An event between the last two turns happens at the last; with that turn's date wrong, it is not known.
    let bad = src.replacen("date: \"1953-07-27\"", "date: \"1953-07-32\"", 1).replacen("date: \"1950-09-28\"", "date: \"1952-01-01\"", 1);
    assert_eq!(bad.matches("1953-07-32").count() + bad.matches("1952-01-01").count(), 2, "both dates are in the file");
    let e = level::check_source(&bad).err().expect("an impossible date is refused");
    assert!(e.iter().all(|d| !d.message.contains("never happens")), "{e:?}");
}

#[test]
fn a_variant_drops_orders_by_turns_counted_from_one_as_the_level_gives_them() {
    let base = std::fs::read_to_string("levels/crimea_2014.ron").unwrap();
    let turns = base.split("turns:").nth(1).unwrap().split("],").next().unwrap().matches("date:").count() as u32;
    let variant = |turn: u32| {
        format!(
            "Variant(extends: \"crimea_2014\", id: \"v\", name: \"v\", summary: \"s\", drop_orders: [DropOrders(state: \"USA\", turn: Some({turn}))])"
        )
    };
    assert!(level::check_source(&variant(turns)).is_ok(), "the last turn ({turns}) can be named");
    let zero = level::check_source(&variant(0)).err().expect("turn 0 does not exist");
    assert!(zero[0].message.contains(&format!("expected 1 to {turns}")), "{}", zero[0].message);
    assert!(level::check_source(&variant(turns + 1)).is_err(), "past the last turn");
}

#[test]
fn a_variant_that_changes_what_only_a_level_may_is_told_so() {
    let src =
        "Variant(extends: \"crimea_2014\", id: \"v\", name: \"v\", summary: \"s\", crisis_changes: CrisisChange(area_km2: Some(100.0)))";
    let e = level::check_source(src).err().expect("a variant cannot change the theatre's area");
    let hint = e[0].suggestion.as_deref().unwrap_or_default();
    assert!(hint.starts_with("a variant cannot change `area_km2`"), "{hint}");
}

#[test]
fn a_victim_ordered_to_mediate_in_its_own_war_is_refused_at_its_line() {
    let e = the_one_error_in_crimea("historical: [],", "historical: [(turn: 1, orders: [Rearm, Mediate])],", "orders: [Rearm, Mediate]");
    assert!(e.message.starts_with("the victim does not mediate in its own war"), "{}", e.message);
}

#[test]
fn a_correlates_of_war_code_for_a_state_named_as_in_its_era_is_told_its_iso_code_at_the_definition() {
    // Ceylon is `SRI` to the Correlates of War and `LKA` to ISO; its old name is not in ISO's list.
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/levels/examples/leticia_1932.ron")).unwrap();
    let cow = src.replacen("State(id: \"MEX\", name: \"Mexico\"", "State(id: \"SRI\", name: \"Ceylon\"", 1).replace("\"MEX\"", "\"SRI\"");
    let w = level::check_source(&cow).unwrap().warnings;
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].message.contains("`SRI` is not an ISO 3166 alpha-3 code: it is a Correlates of War code; ISO's is `LKA`"),
        "{}",
        w[0].message
    );
}

#[test]
fn shares_of_the_aggressors_trade_that_add_up_to_more_than_all_of_it_are_refused_at_the_largest_naming_each() {
    let src = korea_src();
    let line_of = |src: &str, id: &str| src.lines().position(|l| l.contains(&format!("State(id: \"{id}\""))).unwrap() + 1;
    let bad = src
        .replacen("State(id: \"GBR\", name: \"United Kingdom\",", "State(id: \"GBR\", name: \"United Kingdom\", trade_aggressor: 0.3,", 1)
        .replacen("State(id: \"FRA\", name: \"France\",", "State(id: \"FRA\", name: \"France\", trade_aggressor: 0.7,", 1);
    let e = errors(&bad);
    let e: Vec<_> = e.iter().filter(|d| d.message.contains("aggressor's trade")).collect();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].message.contains("add up to 2.00") && e[0].message.contains("(SUN 0.8, FRA 0.7, GBR 0.3, CHN 0.2)"), "{}", e[0].message);
    assert_eq!(e[0].line, line_of(&bad, "SUN"), "pointed at the largest share");
}

#[test]
fn a_territory_the_map_cannot_draw_is_refused_at_its_line_and_a_former_state_is_named() {
    let src = korea_src();
    let line = src.lines().position(|l| l.contains("territories: [(\"RUS\", \"SUN\")")).unwrap() + 1;
    let with = |code: &str| errors(&src.replacen("territories: [(\"RUS\", \"SUN\")", &format!("territories: [(\"{code}\", \"SUN\")"), 1));
    let former = with("SUN");
    assert_eq!(former.len(), 1, "{former:?}");
    assert!(
        former[0].message.contains("`SUN` is a former code (USSR") && former[0].message.contains("each modern country"),
        "{}",
        former[0].message
    );
    assert_eq!(former[0].line, line);
    let unknown = with("QQQ");
    assert!(unknown.len() == 1 && unknown[0].message.contains("`QQQ` is not an ISO 3166-1 alpha-3 code"), "{unknown:?}");
    assert!(with("CYN").is_empty(), "Northern Cyprus: not ISO's, but drawn on the map");
    assert!(with("TUV").is_empty(), "Tuvalu: ISO's, too small to draw, harmless");
}
