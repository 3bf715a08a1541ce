//! The command line is a contract other tools rely on.

use std::process::Command;

use crate::support::Scratch;

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_collective-security")).current_dir(env!("CARGO_MANIFEST_DIR")).args(args).output().unwrap()
}

#[test]
fn check_passes_every_shipped_level_lesson_and_example() {
    let out = cli(&["check", "levels", "levels/lessons", "levels/examples", "levels/heldout"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn check_reports_a_broken_level_with_path_line_and_column_and_exits_1() {
    let dir = Scratch::new("cli");
    std::fs::create_dir_all(&dir).unwrap();
    let src = std::fs::read_to_string("levels/korea_1950.ron").unwrap().replacen("aggressor: \"PRK\"", "aggressor: \"PRKK\"", 1);
    let p = dir.join("broken.ron");
    std::fs::write(&p, src).unwrap();
    let out = cli(&["check", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().find(|l| l.contains("unknown state `PRKK`")).expect(&text);
    assert!(line.starts_with(&format!("{}:", p.display())));
    let rest: Vec<&str> = line[p.display().to_string().len() + 1..].splitn(3, ':').collect();
    assert!(rest[0].parse::<usize>().unwrap() > 1 && rest[1].parse::<usize>().unwrap() > 1, "{line}");
    assert!(line.contains("error:") && line.contains("did you mean `PRK`?"), "{line}");
}

#[test]
fn simulate_json_carries_the_contract_fields() {
    let out = cli(&["simulate", "korea_1950", "--seed", "4", "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for k in ["level", "seed", "policy", "outcome", "votes", "explanation"] {
        assert!(v.get(k).is_some(), "missing {k}");
    }
    assert!(["deterred", "halted", "reversed", "aggressor_prevails", "frozen"].contains(&v["outcome"]["result"].as_str().unwrap()));
    assert!(v["outcome"]["turns"].as_u64().unwrap() > 0);
    let vote = &v["votes"][0];
    for k in ["turn", "date", "body", "motion", "procedural", "yes", "no", "abstain", "absent", "adopted", "vetoed_by", "ballots"] {
        assert!(vote.get(k).is_some(), "vote missing {k}");
    }
    assert_eq!(vote["date"], "1950-06-25");
    assert_eq!(vote["ballots"]["SUN"], "absent");
    let e = &v["explanation"][0];
    for k in ["mechanism", "succeeded", "factors"] {
        assert!(e.get(k).is_some(), "explanation missing {k}");
    }
    for k in ["id", "label", "weight"] {
        assert!(e["factors"][0].get(k).is_some(), "factor missing {k}");
    }
}

#[test]
fn the_same_level_seed_policy_and_role_give_byte_identical_output() {
    let a = cli(&["simulate", "manchuria_1931", "--seed", "11", "--policy", "collective", "--as", "GBR", "--json"]);
    let b = cli(&["simulate", "manchuria_1931", "--seed", "11", "--policy", "collective", "--as", "GBR", "--json"]);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn runs_print_outcome_shares_that_sum_to_one() {
    let out = cli(&["simulate", "korea_1950", "--policy", "alliance", "--runs", "20", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["runs"], 20);
    let sum: f64 = v["outcome_shares"].as_object().unwrap().values().map(|x| x.as_f64().unwrap()).sum();
    assert!((sum - 1.0).abs() < 1e-9);
}

#[test]
fn an_unknown_role_is_refused_with_a_suggestion() {
    let out = cli(&["simulate", "korea_1950", "--as", "USAA"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `USA`?"));
}

#[test]
fn lesson_writes_a_report_a_teacher_can_preview() {
    let dir = Scratch::new("cli-lesson");
    let out = cli(&["lesson", "why_the_league_failed", "--policy", "appease", "--student", "Preview", "--out", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json = dir.join("why_the_league_failed-preview-league31.json");
    let report = collective_security::lesson::report::LessonReport::load(&json).unwrap();
    assert_eq!(report.parts.len(), 2);
    assert!(
        report.parts.iter().all(|p| p
            .turns
            .iter()
            .flat_map(|t| &t.strategies)
            .all(|s| *s == collective_security::lesson::Strategy::Appeasement))
    );
    assert!(std::fs::read_to_string(dir.join("why_the_league_failed-preview-league31.md")).unwrap().contains("Class seed: **LEAGUE31**"));
}

#[test]
fn simulate_explain_json_adds_causes_with_mechanism_cause_label_without_and_effect() {
    let out = cli(&["simulate", "korea_1950", "--runs", "20", "--explain", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let causes = v["causes"].as_array().expect("a top-level causes array");
    assert!(!causes.is_empty());
    for c in causes {
        for field in ["mechanism", "cause", "label"] {
            assert!(c[field].is_string(), "{field} in {c}");
        }
        assert!(c["without"].is_object() || c["without"].is_number(), "{c}");
        let e = c["effect"].as_f64().unwrap();
        assert!((-1.0..=1.0).contains(&e) && e.abs() >= 0.05, "{c}");
    }
    assert!(causes.iter().any(|c| c["mechanism"] == "outcome" && c["without"].is_object()), "the outcome is explained with its shares");
}

#[test]
fn fidelity_tabulates_a_modders_own_level_and_only_it() {
    let out = cli(&["fidelity", "--seeds", "2", "levels/heldout/falklands_1982.ron"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| level") && !l.starts_with("| votes")).collect();
    let levels: std::collections::BTreeSet<&str> =
        rows.iter().filter_map(|r| r.split('|').nth(1)).map(str::trim).filter(|l| l.contains('_')).collect();
    assert_eq!(levels.into_iter().collect::<Vec<_>>(), ["falklands_1982"], "{text}");
    assert!(text.contains("S/RES/502") && text.contains("| outcome |"), "the file's vote and outcome: {text}");
    assert!(
        !text.contains("do not edit") && !text.contains("held out whole (`levels/heldout/`)."),
        "a modder's table is not the shipped file: {text}"
    );
    assert_eq!(cli(&["fidelity", "--seeds", "0"]).status.code(), Some(2), "no seeds is refused, not a panic");
}
