//! Structured fuzzing with proptest: generated levels, variants, lessons, saves and reports are either refused
//! with a located error or accepted and played to the end. Nothing panics, hangs or allocates without bound.
//!
//! CI runs `FUZZ_CASES` cases of each (48 unless set); `scripts/soak.sh` runs a million in all and reports the
//! time and the peak memory.

use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};

use collective_security::game::save;
use collective_security::game::state::Session;
use collective_security::lesson::{self, report::LessonReport};
use collective_security::level::{self, BodyKind, Diagnostic, LevelDef, Measure, Order, Procedure, RawLevel};
use collective_security::sim::runner::RunSetup;
use collective_security::sim::{Policy, Simulation};

use crate::support::*;

const LEVELS: [&str; 8] =
    ["abyssinia_1935", "crimea_2014", "korea_1950", "kuwait_1990", "manchuria_1931", "munich_1938", "suez_1956", "ukraine_2022"];
/// Ids a modder might write: real ones of several eras, and wrong ones.
const IDS: [&str; 14] = ["USA", "SUN", "GBR", "FRA", "CHN", "KOR", "PRK", "UKR", "RUS", "nato", "ZZZ", "", "usa", "../x"];

/// `FUZZ_CASES` cases (48 unless set) from the seed `FUZZ_SEED` (1931 unless set): CI draws the same files
/// every time, and a soak can draw others.
fn runner() -> TestRunner {
    let env = |k: &str| std::env::var(k).ok().and_then(|s| s.parse().ok());
    let (cases, seed) = (env("FUZZ_CASES").unwrap_or(48), env("FUZZ_SEED").unwrap_or(1931));
    TestRunner::new(Config { cases: cases as u32, rng_seed: RngSeed::Fixed(seed), failure_persistence: None, ..Config::default() })
}

/// Runs `test` over `strategy` and fails with proptest's smallest failing case. `test` says whether the file
/// was accepted: a fuzzer whose files are all refused, or all accepted, tests only one side of the checks.
fn fuzz<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> Result<bool, TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let counts = std::cell::Cell::new((0usize, 0usize));
    let mut r = runner();
    let cases = r.config().cases;
    let counted = |v| {
        let accepted = test(v)?;
        let (a, b) = counts.get();
        counts.set(if accepted { (a + 1, b) } else { (a, b + 1) });
        Ok(())
    };
    if let Err(e) = r.run(&strategy, counted) {
        panic!("{e}");
    }
    let (accepted, refused) = counts.get();
    assert!(cases < 32 || (accepted > 0 && refused > 0), "{accepted} accepted and {refused} refused of {cases}");
}

/// Numbers as a hand-edited file may hold them: ordinary, out of range, or not numbers at all.
fn number() -> impl Strategy<Value = f32> {
    prop_oneof![
        4 => -0.5f32..1.5,
        1 => any::<f32>(),
        1 => Just(f32::NAN),
        1 => Just(f32::INFINITY),
        1 => Just(1e30f32),
    ]
}

fn id() -> impl Strategy<Value = String> {
    prop::sample::select(IDS.to_vec()).prop_map(str::to_string)
}

/// Every diagnostic names a line and column in the file.
fn located(src: &str, diags: &[Diagnostic]) -> Result<(), TestCaseError> {
    prop_assert!(!diags.is_empty(), "refused without a reason");
    let lines = src.lines().count().max(1);
    for d in diags {
        prop_assert!(d.line >= 1 && d.line <= lines + 1 && d.col >= 1, "not located in the file: {d:?}");
    }
    Ok(())
}

/// Plays an accepted level to its end under a policy and returns the outcome's control.
fn plays(level: Arc<LevelDef>, seed: u64, k: usize) -> Result<(), TestCaseError> {
    let policy = [Policy::Appease, Policy::Alliance, Policy::Collective, Policy::Historical][k % 4];
    let role = level.playable.get(k % level.playable.len().max(1)).map(|p| level.states[p.state].id.clone());
    let turns = level.turns.len();
    let r = play(level, seed, policy, role.as_deref());
    prop_assert!(r.outcome.turns >= 1 && r.outcome.turns <= turns, "{} turns of {turns}", r.outcome.turns);
    prop_assert!((0.0..=1.0).contains(&r.outcome.control));
    Ok(())
}

// ---- levels ----

/// One edit a modder (or an attacker) might make to a level.
#[derive(Debug, Clone)]
enum Edit {
    StateNumber(usize, u8, f32),
    Count(usize, u32),
    Crisis(u8, f32),
    RepeatPlayable(usize),
    Turns(usize),
    Polygon(usize),
    Rename(usize, String),
    Bloc(Vec<String>, f32),
    DropState(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), 0u8..9, number()).prop_map(|(i, f, v)| Edit::StateNumber(i, f, v)),
        1 => (any::<usize>(), prop_oneof![Just(u32::MAX), Just(0u32), 1u32..300]).prop_map(|(i, c)| Edit::Count(i, c)),
        3 => (0u8..9, number()).prop_map(|(f, v)| Edit::Crisis(f, v)),
        1 => (0usize..400).prop_map(Edit::RepeatPlayable),
        1 => prop_oneof![0usize..3, 50usize..3000].prop_map(Edit::Turns),
        1 => prop_oneof![0usize..4, 1000usize..60_000].prop_map(Edit::Polygon),
        1 => (any::<usize>(), id()).prop_map(|(i, s)| Edit::Rename(i, s)),
        1 => (prop::collection::vec(id(), 0..4), number()).prop_map(|(m, c)| Edit::Bloc(m, c)),
        1 => any::<usize>().prop_map(Edit::DropState),
    ]
}

fn apply(raw: &mut RawLevel, e: &Edit) {
    let n = raw.states.len().max(1);
    match e {
        Edit::StateNumber(i, f, v) => {
            let Some(s) = raw.states.get_mut(i % n) else { return };
            let field = [
                &mut s.cinc,
                &mut s.ties_aggressor,
                &mut s.ties_victim,
                &mut s.trade_aggressor,
                &mut s.oil_aggressor,
                &mut s.interest,
                &mut s.distraction,
                &mut s.domestic,
                &mut s.commitment,
            ];
            *field.into_iter().nth(*f as usize % 9).unwrap() = *v;
        }
        Edit::Count(i, c) => raw.states.get_mut(i % n).into_iter().for_each(|s| s.count = *c),
        Edit::Crisis(f, v) => {
            let c = &mut raw.crisis;
            match f % 9 {
                0 => c.appetite = *v,
                1 => c.aggressor_readiness = *v,
                2 => c.victim_readiness = *v,
                3 => c.control = *v,
                4 => c.self_defence = *v,
                5 => c.location = (*v, c.location.1),
                6 => c.area_km2 = Some(*v),
                7 => c.uncertainty.fortune = *v,
                _ => c.concession = *v,
            }
        }
        Edit::RepeatPlayable(k) => {
            if let Some(p) = raw.playable.first().cloned() {
                raw.playable.extend(std::iter::repeat_n(p, *k));
            }
        }
        Edit::Turns(k) => {
            if let Some(t) = raw.turns.first().cloned() {
                raw.turns = vec![t; *k];
            }
        }
        Edit::Polygon(k) => {
            let ring: Vec<(f32, f32)> = (0..*k).map(|j| ((j as f32 * 0.37).sin() * 5.0, (j as f32 * 0.11).cos() * 5.0)).collect();
            match raw.map.regions.first_mut() {
                Some(r) => r.polygon = ring,
                None => raw.map.regions.push(level::RawRegion {
                    name: "R".into(),
                    polygon: ring,
                    held_by: raw.crisis.victim.clone(),
                    theatre: true,
                }),
            }
        }
        Edit::Rename(i, s) => raw.states.get_mut(i % n).into_iter().for_each(|st| st.id = s.clone()),
        Edit::Bloc(members, c) => raw.blocs.push(level::RawBloc {
            id: "fuzz".into(),
            name: "A fuzzed pact".into(),
            kind: level::BlocKind::CollectiveDefence,
            members: members.clone(),
            protects: None,
            against: None,
            cohesion: *c,
            area: None,
            after: None,
            region: None,
        }),
        Edit::DropState(i) => {
            if !raw.states.is_empty() {
                raw.states.remove(i % n);
            }
        }
    }
}

#[test]
fn generated_levels_are_refused_at_a_line_or_play_to_their_end() {
    let raws: Vec<RawLevel> = LEVELS.iter().map(|id| raw(id)).collect();
    let strategy = (0..LEVELS.len(), prop::collection::vec(edit(), 1..5), any::<u64>(), any::<usize>());
    fuzz(strategy, |(k, edits, seed, pick)| {
        let mut raw = raws[k].clone();
        edits.iter().for_each(|e| apply(&mut raw, e));
        let src = ron::ser::to_string_pretty(&raw, ron::ser::PrettyConfig::default()).unwrap();
        match level::check_source(&src) {
            Ok(c) => plays(Arc::new(c.level), seed, pick).map(|_| true),
            Err(d) => located(&src, &d).map(|_| false),
        }
    });
}

// ---- variants ----

fn order() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "Rearm",
        "Concede",
        "Intervene",
        "ArmVictim",
        "Blockade",
        "Sanction(oil: true)",
        "JoinBloc(\"nato\")",
        "JoinBloc(\"\")",
        "Propose(body: SecurityCouncil, measure: AuthoriseForce)",
        "Wait",
    ])
    .prop_map(str::to_string)
}

/// One field of a variant, as MODDING.md documents it, with any ids and numbers.
fn variant_field() -> impl Strategy<Value = String> {
    let ids = || prop::collection::vec(id(), 0..3).prop_map(|v| format!("{v:?}"));
    prop_oneof![
        ids().prop_map(|v| format!("join: {v}")),
        ids().prop_map(|v| format!("leave: {v}")),
        (id(), number(), number())
            .prop_map(|(s, a, b)| format!("state_changes: [StateChange(id: {s:?}, cinc: Some({a:?}), ties_victim: Some({b:?}))]")),
        (id(), ids(), number(), ids(), id()).prop_map(|(b, j, c, area, after)| format!(
            "bloc_changes: [BlocChange(id: {b:?}, join: {j}, cohesion: Some({c:?}), area: Some({area}), after: Some({after:?}))]"
        )),
        (number(), number(), number()).prop_map(|(a, r, f)| format!(
            "crisis_changes: CrisisChange(appetite: {a:?}, aggressor_readiness: {r:?}, uncertainty: (fortune: {f:?}))"
        )),
        (0u32..20, any::<bool>())
            .prop_map(|(v, veto)| format!("rules: [RuleChange(body: SecurityCouncil, rule: Qualified(votes: {v}, veto: {veto}))]")),
        any::<bool>().prop_map(|b| format!("uniting_for_peace: Some({b})")),
        (id(), 0usize..12, prop::collection::vec(order(), 0..3))
            .prop_map(|(s, t, o)| format!("add_orders: [AddOrders(state: {s:?}, turn: {t}, orders: [{}])]", o.join(", "))),
        (id(), 0usize..12).prop_map(|(s, t)| format!("drop_orders: [DropOrders(state: {s:?}, turn: Some({t}))]")),
        prop::sample::select(vec!["Boycott", "Return", "News", "Nothing"]).prop_map(|e| format!("drop_events: [{e:?}]")),
        (id(), prop::sample::select(vec!["1950-06-20", "1931-13-40", "2022-02-24", ""]))
            .prop_map(|(s, d)| format!("add_events: [(date: {d:?}, kind: Return(state: {s:?}, body: SecurityCouncil), text: \"back\")]")),
        (ids(), number()).prop_map(|(m, c)| format!(
            "add_blocs: [Bloc(id: \"pact\", name: \"A pact\", kind: CollectiveDefence, members: {m}, cohesion: {c:?})]"
        )),
    ]
}

#[test]
fn generated_variants_are_refused_at_a_line_or_play_to_their_end() {
    let bases = prop::sample::select(
        LEVELS.iter().copied().chain(["../../etc/passwd", "/etc/hostname", "campaign", "nowhere", ""]).collect::<Vec<_>>(),
    );
    let strategy = (bases, prop::collection::vec(variant_field(), 0..5), any::<u64>(), any::<usize>());
    fuzz(strategy, |(base, fields, seed, pick)| {
        let body: String = fields.iter().map(|f| format!("    {f},\n")).collect();
        let src = format!("Variant(\n    extends: {base:?},\n    id: \"v\",\n    name: \"v\",\n    summary: \"v\",\n{body})\n");
        match level::check_source(&src) {
            Ok(c) => plays(Arc::new(c.level), seed, pick).map(|_| true),
            Err(d) => located(&src, &d).map(|_| false),
        }
    });
}

// ---- lessons ----

/// A lesson's text with one of its numbers, or one of its lines, changed.
fn mutate_text(src: &str, at: usize, what: u8, number: &str) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let i = at % lines.len().max(1);
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    match what % 3 {
        0 => {
            // The first run of digits at or after the line: minutes, points, turns, a part's index.
            if let Some((j, l)) = out.iter().enumerate().skip(i).find(|(_, l)| l.chars().any(|c| c.is_ascii_digit())) {
                let start = l.find(|c: char| c.is_ascii_digit()).unwrap();
                let end = l[start..].find(|c: char| !c.is_ascii_digit()).map_or(l.len(), |e| start + e);
                out[j] = format!("{}{number}{}", &l[..start], &l[end..]);
            }
        }
        1 => {
            out.remove(i);
        }
        _ => out.insert(i, out[i].clone()),
    }
    out.join("\n")
}

#[test]
fn generated_lessons_are_refused_at_a_line_or_their_crises_play_to_their_end() {
    let dir = lesson::lessons_dir();
    let files: Vec<(std::path::PathBuf, String)> =
        lesson::lesson_files(&dir).into_iter().map(|p| (p.clone(), std::fs::read_to_string(&p).unwrap())).collect();
    assert!(!files.is_empty(), "the shipped lessons are found");
    let numbers = prop::sample::select(vec!["0", "18446744073709551615", "4294967296", "99999", "-1", "1e9", "3"]);
    let strategy = (0..files.len(), prop::collection::vec((any::<usize>(), any::<u8>(), numbers), 1..4), any::<u64>());
    fuzz(strategy, |(k, edits, seed)| {
        let (path, text) = &files[k];
        let src = edits.iter().fold(text.clone(), |s, (at, what, n)| mutate_text(&s, *at, *what, n));
        let known = lesson::known_levels(path);
        let find = |id: &str| lesson::find_level(path, id);
        match lesson::validate::check_source("fuzz", &src, &known, &find) {
            Ok((def, _)) => {
                for p in &def.parts {
                    let mut sim = Simulation::new();
                    let setup = RunSetup {
                        level: p.level.clone(),
                        seed,
                        role: Some(p.role),
                        policy: Some(Policy::Collective),
                        credibility: None,
                        lessons: Default::default(),
                    };
                    sim.start(&setup);
                    sim.run_to_end();
                    prop_assert!(sim.log().outcome.is_some(), "{} ends", p.level.id);
                }
                Ok(true)
            }
            Err(d) => located(&src, &d).map(|_| false),
        }
    });
}

// ---- saves ----

fn any_order() -> impl Strategy<Value = Order> {
    prop_oneof![
        Just(Order::Concede),
        Just(Order::Mediate),
        Just(Order::Guarantee),
        Just(Order::Rearm),
        id().prop_map(Order::JoinBloc),
        Just(Order::Intervene),
        Just(Order::ArmVictim),
        Just(Order::Blockade),
        any::<bool>().prop_map(|oil| Order::Sanction { oil }),
        (
            prop::sample::select(vec![BodyKind::SecurityCouncil, BodyKind::GeneralAssembly, BodyKind::LeagueCouncil]),
            prop::sample::select(vec![
                Measure::Condemn,
                Measure::Sanctions,
                Measure::AuthoriseForce,
                Measure::Peacekeeping,
                Measure::Referral
            ])
        )
            .prop_map(|(body, measure)| Order::Propose { body, measure, under: Procedure::default() }),
        Just(Order::Wait),
    ]
}

fn session(level_id: &str, seed: u64, role: String, orders: Vec<Vec<Order>>) -> Session {
    let path = level_path(level_id);
    let text = format!("(level_id: {level_id:?}, level_path: {:?}, seed: {seed}, role: {role:?}, orders: [])", path.display().to_string());
    let mut s: Session = ron::from_str(&text).unwrap();
    s.orders = orders;
    s
}

/// Replays a loaded save's orders from its seed, as the game does when it resumes one.
fn replays(file: &save::SaveFile) -> Result<(), TestCaseError> {
    let s = &file.session;
    let Some(id) = LEVELS.iter().find(|l| **l == s.level_id) else { return Ok(()) };
    let level = shipped(id);
    let role = level.state_ix(&s.role).filter(|r| level.playable.iter().any(|p| p.state == *r));
    let mut sim = Simulation::new();
    sim.start(&RunSetup { level: level.clone(), seed: s.seed, role, policy: None, credibility: None, lessons: Default::default() });
    for t in 0..=level.turns.len() {
        s.orders.get(t).into_iter().flatten().for_each(|o| sim.order(o.clone()));
        if sim.step() {
            break;
        }
    }
    prop_assert!(sim.log().outcome.is_some(), "the replay ends");
    Ok(())
}

#[test]
fn generated_saves_are_refused_with_a_reason_or_replay_to_their_end() {
    let orders = prop::collection::vec(prop::collection::vec(any_order(), 0..4), 0..12);
    let cut = prop_oneof![3 => Just(None), 1 => any::<usize>().prop_map(Some)];
    let format = prop_oneof![3 => Just(None), 1 => prop::sample::select(vec!["0", "2", "4", "99999999999"]).prop_map(Some)];
    let strategy = (0..LEVELS.len(), any::<u64>(), id(), orders, cut, format);
    fuzz(strategy, |(k, seed, role, orders, cut, format)| {
        let role = if role == "USA" { "USA".to_string() } else { role };
        let mut text = save::to_text(&session(LEVELS[k], seed, role, orders)).unwrap();
        if let Some(f) = format {
            text = text.replacen(&format!("format: {}", save::SAVE_FORMAT), &format!("format: {f}"), 1);
        }
        if let Some(at) = cut {
            let mut at = at % text.len().max(1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.truncate(at);
        }
        match save::from_text("fuzz.ron", &text) {
            Ok(file) => replays(&file).map(|_| true),
            Err(e) => {
                prop_assert!(e.starts_with("fuzz.ron"), "the reason names the file: {e}");
                Ok(false)
            }
        }
    });
}

// ---- reports ----

#[test]
fn generated_reports_are_read_or_refused_at_a_line() {
    let l = lesson::shipped("why_the_league_failed").unwrap();
    let a = lesson::play::attempt_by_policy(&l, "Ada", "LEAGUE31", Policy::Collective);
    let json = lesson::play::build_report(&l, &a).to_json();
    let numbers = prop::sample::select(vec!["0", "18446744073709551615", "-1", "1e400", "null", "\"x\"", "[]"]);
    let strategy = prop::collection::vec((any::<usize>(), any::<u8>(), numbers), 1..4);
    fuzz(strategy, |edits| {
        let src = edits.iter().fold(json.clone(), |s, (at, what, n)| mutate_text(&s, *at, *what, n));
        match LessonReport::from_json("r.json", &src) {
            Ok(r) => {
                prop_assert!(!r.to_markdown().is_empty());
                prop_assert!(LessonReport::from_json("again.json", &r.to_json()).is_ok(), "what was read writes back");
                Ok(true)
            }
            Err(e) => {
                let at = e.strip_prefix("r.json:").and_then(|r| r.split(':').next()).and_then(|l| l.parse::<usize>().ok());
                prop_assert!(at.is_some_and(|l| l >= 1), "the error names its line: {e}");
                Ok(false)
            }
        }
    });
}

#[test]
fn the_fuzzers_reach_both_sides_of_every_check() {
    // A fuzzer that only ever sees refusals (or only acceptances) tests nothing: the unchanged shipped files
    // are accepted, and the generators' hostile numbers are refused.
    for id in LEVELS {
        let src = std::fs::read_to_string(level_path(id)).unwrap();
        assert!(level::check_source(&src).is_ok(), "{id} is accepted");
        let mut r = raw(id);
        apply(&mut r, &Edit::Crisis(0, f32::NAN));
        let bad = ron::ser::to_string_pretty(&r, ron::ser::PrettyConfig::default()).unwrap();
        let d = level::check_source(&bad).err().unwrap_or_else(|| panic!("{id}: a NaN appetite is refused"));
        assert!(d.iter().all(|d| d.line >= 1), "{d:?}");
    }
    assert!(Path::new("scripts/soak.sh").exists(), "the soak script is where the README says");
}
