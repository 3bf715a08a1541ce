//! Nothing crashes or leaks: a fuzzing run over the level checker, hostile files, and a soak of the campaign.

use rand::{RngExt, SeedableRng, rngs::StdRng};

use collective_security::level;

use crate::support::Scratch;
use collective_security::sim::runner::RunSetup;
use collective_security::sim::{Policy, Simulation};

/// 100,000 generated and mutated inputs: byte flips, deletions, insertions of RON punctuation, splices of
/// two places of the file, and truncations. The checker must answer every one without panicking.
#[test]
fn a_hundred_thousand_mutated_level_files_never_panic_the_checker() {
    let seed_text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/levels/examples/leticia_1932.ron")).unwrap();
    let base = seed_text.as_bytes();
    let mut rng = StdRng::seed_from_u64(2026);
    let mut accepted = 0;
    // Developers run longer: CS_FUZZ_ITERATIONS=10000000 cargo test --release --test it hundred_thousand
    let n: u64 = std::env::var("CS_FUZZ_ITERATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    for _ in 0..n {
        let mut b = base.to_vec();
        for _ in 0..rng.random_range(1..6) {
            if b.is_empty() {
                break;
            }
            let i = rng.random_range(0..b.len());
            match rng.random_range(0..5) {
                0 => b[i] = rng.random_range(0..=255),
                1 => {
                    b.remove(i);
                }
                2 => b.insert(i, b"()[]{},:\"0.-eZ_/*r#"[rng.random_range(0..19)]),
                3 => {
                    let j = rng.random_range(0..b.len());
                    let len = rng.random_range(0..64).min(b.len() - i.max(j));
                    let chunk: Vec<u8> = b[j..j + len].to_vec();
                    b.splice(i..i, chunk);
                }
                _ => b.truncate(i),
            }
        }
        let text = String::from_utf8_lossy(&b);
        if level::check_source(&text).is_ok() {
            accepted += 1;
        }
    }
    assert!(accepted < n, "most mutations are refused with an error");
}

#[test]
fn an_empty_a_huge_and_a_deeply_nested_file_each_get_a_clear_error() {
    let empty = level::check_source("").err().unwrap();
    assert!(empty[0].message.contains("empty"));
    let huge = "Level(".to_string() + &" ".repeat(50 * 1024 * 1024);
    let e = level::check_source(&huge).err().unwrap();
    assert!(e[0].message.contains("at most"), "{}", e[0].message);
    let deep = "Level(id: ".to_string() + &"[".repeat(100_000) + &"]".repeat(100_000) + ")";
    let e = level::check_source(&deep).err().unwrap();
    assert!(e[0].line >= 1 && !e[0].message.is_empty());
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect();
    let dir = Scratch::new("bytes");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("random.ron");
    std::fs::write(&p, bytes).unwrap();
    assert!(level::check_file(&p).is_err());
}

fn resident_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = s.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4)
}

/// The whole campaign, every policy, many seeds, in one long-lived simulation: no panic, flat memory.
#[test]
fn the_campaign_played_over_many_seeds_keeps_memory_flat() {
    let levels: Vec<_> =
        collective_security::files::shipped_levels().iter().map(|p| std::sync::Arc::new(level::load(p).unwrap())).collect();
    let mut sim = Simulation::new();
    let policies = [Policy::Historical, Policy::Appease, Policy::Alliance, Policy::Collective];
    let mut play = |rounds: u64| {
        for seed in 0..rounds {
            for l in &levels {
                sim.start(&RunSetup {
                    level: l.clone(),
                    seed,
                    role: None,
                    policy: Some(policies[(seed % 4) as usize]),
                    credibility: None,
                    lessons: Default::default(),
                });
                sim.run_to_end();
                assert!(sim.log().outcome.is_some());
            }
        }
    };
    play(8);
    let before = resident_kb();
    play(40);
    let after = resident_kb();
    if let (Some(b), Some(a)) = (before, after) {
        assert!(a < b + 16 * 1024, "memory grew from {b} kB to {a} kB over 320 more runs");
    }
    // A headless run never calls `App::update`: each start must forget the states the runs before it despawned.
    let world = sim.world();
    let nation = world.component_id::<collective_security::sim::Nation>().unwrap();
    let remembered = world.removed_components().get(nation).map_or(0, |m| m.len());
    let most = levels.iter().map(|l| l.states.len()).max().unwrap();
    assert!(remembered <= most, "the world still remembers {remembered} despawned states after 384 runs");
}

#[test]
fn a_variant_that_extends_a_path_outside_the_level_folders_is_refused_with_its_line() {
    let src = "// What if\nVariant(\n    extends: \"../../etc/secret\",\n    id: \"x\",\n    name: \"x\",\n    summary: \"x\",\n)\n";
    let errs = level::check_source(src).err().expect("refused");
    let e = errs.iter().find(|d| d.message.contains("is not a level id")).unwrap_or_else(|| panic!("{errs:?}"));
    assert_eq!(e.line, 3, "{e:?}");
}

#[test]
fn a_group_that_claims_more_states_than_any_assembly_seats_is_an_error_not_an_overflow() {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/levels/ukraine_2022.ron")).unwrap();
    let forged = src.replacen("count: 34,", "count: 4000000000,", 1);
    assert_ne!(src, forged);
    let errs = level::check_source(&forged).err().expect("refused");
    assert!(errs.iter().any(|d| d.message.contains("at most 250")), "{errs:?}");
}

#[cfg(unix)]
#[test]
fn a_link_to_an_endless_device_or_a_fifo_in_the_levels_folder_is_refused_before_reading() {
    let dir = Scratch::new("hostile");
    std::fs::create_dir_all(&dir).unwrap();
    let zero = dir.join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let e = level::load(&zero).unwrap_err();
    assert!(e.contains("not a regular file"), "{e}");
    let fifo = dir.join("fifo.ron");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().map(|s| s.success()).unwrap_or(false);
    if made {
        let e = level::load(&fifo).unwrap_err();
        assert!(e.contains("not a regular file"), "{e}");
    }
}

#[test]
fn a_level_with_thousands_of_turns_and_repeated_playable_states_is_refused_quickly() {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/levels/korea_1950.ron")).unwrap();
    let turns: String = (0..5000).map(|k| format!("(date: \"{}-01-01\", label: \"t\"),", 2000 + k)).collect();
    let forged = src.replacen("turns: [", &format!("turns: [{turns}"), 1);
    let play = forged.find("playable: [").unwrap() + "playable: [".len();
    let end = forged[play..].find("),\n        (").unwrap() + play + 2;
    let one = forged[play..end].to_string();
    let forged = format!("{}{}{}", &forged[..play], one.repeat(40), &forged[play..]);
    let started = std::time::Instant::now();
    let errs = level::check_source(&forged).err().expect("refused");
    assert!(
        errs.iter().any(|d| d.message.contains("at most 60 turns")),
        "{:?}",
        errs.iter().map(|d| &d.message).take(5).collect::<Vec<_>>()
    );
    assert!(errs.iter().any(|d| d.message.contains("playable twice") || d.message.contains("at most 20 playable")));
    assert!(started.elapsed().as_secs() < 20, "validation took {:?}", started.elapsed());
}

/// One structured change to a level: a number of a state, of the crisis or of the institution set to a value
/// in range, at its edge, out of range, or not a number; a list cut short; a party or a group size changed.
fn mutate(raw: &mut level::RawLevel, rng: &mut StdRng) {
    const VALUES: [f32; 12] = [-1e9, -1.0, -0.01, 0.0, 0.25, 0.5, 1.0, 1.01, 3.0, 1e9, f32::NAN, f32::INFINITY];
    let v = VALUES[rng.random_range(0..VALUES.len())];
    let n = raw.states.len().max(1);
    let s = rng.random_range(0..n);
    match rng.random_range(0..14) {
        0 => raw.states[s].cinc = v,
        1 => raw.states[s].ties_aggressor = v,
        2 => raw.states[s].ties_victim = v,
        3 => raw.states[s].trade_aggressor = v,
        4 => raw.states[s].oil_aggressor = v,
        5 => raw.states[s].commitment = v,
        6 => raw.crisis.appetite = v,
        7 => raw.crisis.aggressor_readiness = v,
        8 => raw.crisis.oil_imported = v,
        9 => raw.crisis.control = v,
        10 => raw.institution.credibility = v,
        11 => raw.turns.truncate(rng.random_range(0..raw.turns.len().max(1))),
        12 => raw.states[s].count = [0, 1, 7, u32::MAX][rng.random_range(0..4)],
        _ => std::mem::swap(&mut raw.crisis.aggressor, &mut raw.crisis.victim),
    }
}

/// Levels generated by structured changes to the shipped ones are either refused, every error located, or
/// accepted and then played to the end under every strategy without a panic or a number out of range.
#[test]
fn generated_levels_are_refused_with_a_location_or_play_to_the_end() {
    let ids = ["manchuria_1931", "abyssinia_1935", "munich_1938", "korea_1950", "suez_1956", "kuwait_1990", "crimea_2014", "ukraine_2022"];
    let bases: Vec<level::RawLevel> = ids.iter().map(|id| crate::support::raw(id)).collect();
    let mut rng = StdRng::seed_from_u64(1931);
    let (mut accepted, mut refused) = (0, 0);
    let mut sim = Simulation::new();
    sim.set_lean(true);
    let n: usize = std::env::var("CS_FUZZ_LEVELS").ok().and_then(|v| v.parse().ok()).unwrap_or(400);
    for case in 0..n {
        let mut raw = bases[case % bases.len()].clone();
        for _ in 0..rng.random_range(1..4) {
            mutate(&mut raw, &mut rng);
        }
        let text = ron::ser::to_string_pretty(&raw, Default::default()).unwrap();
        match level::check_source(&text) {
            Err(errs) => {
                refused += 1;
                let bad = errs.iter().filter(|d| d.severity == level::Severity::Error);
                bad.for_each(|d| assert!(d.line > 0 && d.col > 0, "case {case}: an error without a place: {d:?}"));
            }
            Ok(checked) => {
                accepted += 1;
                let level = std::sync::Arc::new(checked.level);
                for (k, policy) in [Policy::Historical, Policy::Appease, Policy::Alliance, Policy::Collective].into_iter().enumerate() {
                    let setup = RunSetup {
                        level: level.clone(),
                        seed: k as u64,
                        role: None,
                        policy: Some(policy),
                        credibility: None,
                        lessons: Default::default(),
                    };
                    sim.start(&setup);
                    sim.run_to_end();
                    let control = sim.log().control.last().copied().unwrap_or(0.0);
                    assert!((0.0..=1.0).contains(&control), "case {case}: control {control}");
                    assert!(sim.log().outcome.is_some(), "case {case}: the run ends with an outcome");
                }
            }
        }
    }
    assert!(accepted > n / 10 && refused > n / 10, "{accepted} accepted, {refused} refused of {n}");
}

#[test]
fn a_region_with_more_corners_than_the_map_triangulates_at_once_and_a_nan_location_are_refused_at_their_lines() {
    let src = std::fs::read_to_string(crate::support::level_path("munich_1938")).unwrap();
    let corners: Vec<String> =
        (0..=level::validate::MAX_REGION_CORNERS).map(|i| format!("({:.3}, 50.0)", 12.0 + i as f32 * 0.001)).collect();
    let huge = src.replacen("polygon: [(12.1, 50.3),", &format!("polygon: [{}, (12.1, 50.3),", corners.join(", ")), 1);
    let e = level::check_source(&huge).err().expect("a 2,000-corner polygon is refused");
    let line = huge.lines().position(|l| l.contains("name: \"Sudetenland\"")).unwrap() + 1;
    assert!(e.iter().any(|d| d.line == line && d.message.contains("corners")), "{e:?}");
    let at = src.find("location: (").unwrap();
    let end = at + src[at..].find(')').unwrap() + 1;
    let nan = format!("{}location: (NaN, 50.0){}", &src[..at], &src[end..]);
    let e = level::check_source(&nan).err().expect("a NaN location is refused");
    let line = nan.lines().position(|l| l.contains("location: (NaN")).unwrap() + 1;
    assert!(e.iter().any(|d| d.line == line), "{e:?}");
}

#[test]
fn a_recorded_vote_in_a_body_the_level_lacks_or_with_more_ballots_than_seats_is_refused_at_its_line() {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/levels/korea_1950.ron")).unwrap();
    let line_of = |text: &str, needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    // The Council of 1950 had eleven seats: a tally of twelve ballots cannot be right.
    let forged = src.replacen("tally: \"9–0–1\"", "tally: \"9–0–3\"", 1);
    assert_ne!(src, forged);
    let errs = level::check_source(&forged).err().expect("refused");
    let e = errs.iter().find(|d| d.message.contains("has 11 seats")).unwrap_or_else(|| panic!("{errs:?}"));
    assert_eq!(e.line, line_of(&forged, "tally: \"9–0–3\""), "{e:?}");
    // A level of the League has no Security Council to have voted in.
    let forged = src.replacen("(turn: 1, body: SecurityCouncil, measure: Condemn", "(turn: 1, body: LeagueCouncil, measure: Condemn", 1);
    assert_ne!(src, forged);
    let errs = level::check_source(&forged).err().expect("refused");
    assert!(errs.iter().any(|d| d.message.contains("`LeagueCouncil` is not defined")), "{errs:?}");
}

#[test]
fn an_assembly_tally_counts_the_states_that_joined_by_its_turn_and_no_more() {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/levels/korea_1950.ron")).unwrap();
    // Indonesia joined the United Nations on 28 September 1950: the Assembly of February 1951 had sixty seats.
    assert!(src.contains("tally: \"44–7–9\""), "A/RES/498 (V) is in the level");
    level::check_source(&src).expect("the shipped level is valid");
    // Sixty ballots in the Assembly of June 1950, before Indonesia joined (turn 7's vote moved to turn 1), are one too many.
    let forged = src.replacen("(turn: 7, body: GeneralAssembly, measure: Condemn", "(turn: 1, body: GeneralAssembly, measure: Condemn", 1);
    assert_ne!(src, forged);
    let errs = level::check_source(&forged).err().expect("refused");
    assert!(errs.iter().any(|d| d.message.contains("counts 60 ballots, but the GeneralAssembly has 59 seats")), "{errs:?}");
}
