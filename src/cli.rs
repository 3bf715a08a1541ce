//! The command line: `check`, `simulate`, `bench`. Its output formats are a contract other tools rely on.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::Instant;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::level::{self, LevelDef, Severity};
use crate::sim::cause;
use crate::sim::report::RunReport;
use crate::sim::runner::RunSetup;
use crate::sim::{Policy, Simulation};

#[derive(Parser, Debug)]
#[command(name = "collective-security", version, about = "A strategy game about why collective security works or fails, 1931–2022")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub game: GameArgs,
}

/// Options of the game window (used when no subcommand is given).
#[derive(clap::Args, Debug, Default)]
pub struct GameArgs {
    /// Start straight into a level (file or shipped id), skipping the menu.
    #[arg(long)]
    pub level: Option<String>,
    /// The state to lead.
    #[arg(long = "as")]
    pub role: Option<String>,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Also offer the levels in this folder (mods); repeatable.
    #[arg(long = "levels")]
    pub levels: Vec<PathBuf>,
    /// Window size, WIDTHxHEIGHT.
    #[arg(long, default_value = "1280x720")]
    pub size: String,
    /// Open a student's lesson report (JSON) for a debrief in front of the class.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// With --screenshot: open this shipped lesson first (its start page, or with --panel quiz/finish).
    #[arg(long)]
    pub lesson: Option<String>,
    /// Draw every frame in full, without the partial redraw (to measure what it saves).
    #[arg(long)]
    pub no_partial_redraw: bool,
    #[cfg(feature = "dev-tools")]
    #[command(flatten)]
    pub harness: HarnessArgs,
}

/// The harness's options (built with the `dev-tools` feature only).
#[cfg(feature = "dev-tools")]
#[derive(clap::Args, Debug, Default)]
pub struct HarnessArgs {
    /// Render one frame, save it as PNG and exit.
    #[arg(long)]
    pub screenshot: Option<PathBuf>,
    /// With --screenshot: turns to play with the historical orders first.
    #[arg(long, default_value_t = 1)]
    pub turn: usize,
    /// With --screenshot: the panel to show.
    #[arg(long, value_enum, default_value_t = crate::game::capture::Panel::Map)]
    pub panel: crate::game::capture::Panel,
    /// With --screenshot: map mode, 1 political, 2 blocs, 3 membership, 4 stance, 5 power.
    #[arg(long, default_value_t = 1)]
    pub mode: usize,
    /// With --screenshot of a lesson's pages: the student's name shown on them.
    #[arg(long, default_value = "")]
    pub student: String,
    /// Time N frames with the map and panels open, print median and 95th percentile, and exit.
    #[arg(long)]
    pub bench_frames: Option<u32>,
    /// With --bench-frames: drag the map steadily across the window, turning back every 100 frames.
    #[arg(long)]
    pub pan: bool,
    /// With --bench-frames: sweep the pointer over the panels and the map, lighting buttons and tooltips.
    #[arg(long)]
    pub hover: bool,
    /// With --bench-frames: an empty window with egui only, the baseline.
    #[arg(long)]
    pub baseline: bool,
}

#[cfg(feature = "dev-tools")]
impl HarnessArgs {
    /// The harness's plan; a picture or a benchmark needs a level (Korea 1950 unless one is given).
    fn harness(self, level: &mut Option<String>, started: std::time::Instant) -> crate::game::capture::Harness {
        use crate::game::capture::{Harness, Panel, ScreenshotPlan};
        let needs_level = self.bench_frames.is_some()
            || self.screenshot.as_ref().is_some_and(|_| self.panel != Panel::Menu && !self.panel.is_lesson_page());
        if needs_level && level.is_none() {
            *level = Some("korea_1950".to_string());
        }
        let mode = crate::game::map::MapMode::ALL.get(self.mode.saturating_sub(1)).copied().unwrap_or_default();
        let (turn, panel) = (self.turn, self.panel);
        Harness {
            screenshot: self.screenshot.map(|path| ScreenshotPlan { path, turn, panel, mode }),
            bench_frames: self.bench_frames,
            baseline: self.baseline,
            pan: self.pan,
            hover: self.hover,
            student: self.student,
            started: Some(started),
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check level files: every error as `path:line:col: error: message`; exit 1 if any file has an error.
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print the diagnostics as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Play a level headless and print what happened and why.
    Simulate {
        /// A level file, or the id of a shipped level (`korea_1950`).
        level: String,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The strategy of the player's state; the others decide for themselves.
        #[arg(long, value_enum, default_value_t = Policy::Historical)]
        policy: Policy,
        /// The player's state (default: the level's first playable state). For `simulate campaign`, one
        /// per era in order, separated by commas; `-` or a missing one takes the era's first playable state.
        #[arg(long = "as", value_delimiter = ',')]
        role: Vec<String>,
        /// Play K runs with seeds seed, seed+1, … and print the share of each outcome.
        #[arg(long)]
        runs: Option<u64>,
        /// Measure the causes: replay the same seeds with each candidate cause removed, and name those that
        /// change the result by 5 points or more (over the `--runs` seeds, or 200 for a single run).
        #[arg(long)]
        explain: bool,
        #[arg(long)]
        json: bool,
        /// For `simulate campaign`: write the campaign report (Markdown, SVG chart, JSON) into this folder,
        /// with what each era's legacy did to the later ones over the `--runs` seeds (100 if not given).
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Compare the shipped levels and those held out whole, played as history went, with the record (docs/FIDELITY.md).
    Fidelity {
        /// Seeds per level: a recorded fact matches when it comes out in every seed.
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=10_000))]
        seeds: u64,
        /// Level files to compare instead (a modder's own, with its recorded votes and outcome).
        levels: Vec<PathBuf>,
    },
    /// Print the level format's field reference, generated from the code (docs/LEVEL_REFERENCE.md).
    Docs,
    /// Gather students' lesson reports (JSON, or folders of them) into a class summary: Markdown on
    /// standard output, and `class-summary.md` and `class-summary.csv` in `--out`.
    ClassReport {
        #[arg(required = true)]
        reports: Vec<PathBuf>,
        /// Folder for class-summary.md and class-summary.csv.
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
    /// Write a lesson's teacher materials: a teacher's guide and a student handout, as Markdown and as HTML
    /// that prints on A4 and Letter, with each crisis's map as SVG.
    Teacher {
        /// A lesson file, or the id of a shipped lesson (`why_the_league_failed`).
        lesson: String,
        /// Folder for the files.
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
    /// Play a lesson headless with one strategy in every part and write its report (a teacher's preview).
    Lesson {
        /// A lesson file, or the id of a shipped lesson (`why_the_league_failed`).
        lesson: String,
        /// The class seed: a number or a short code.
        #[arg(long)]
        seed: Option<String>,
        #[arg(long, value_enum, default_value_t = Policy::Collective)]
        policy: Policy,
        #[arg(long, default_value = "preview")]
        student: String,
        /// Folder for the report's .md and .json.
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
    /// Measure full seeded runs per second for each level, on one core.
    Bench {
        /// Level files or ids (default: every shipped level).
        levels: Vec<String>,
        #[arg(long, default_value_t = 2000)]
        runs: u64,
    },
}

/// Runs the command line; returns the process exit code. `started` is when the process started (the
/// frame benchmark reports the time to the first frame from it).
pub fn run(cli: Cli, started: std::time::Instant) -> i32 {
    match cli.command {
        Some(Command::Check { paths, json }) => check(&paths, json),
        Some(Command::Simulate { level, seed, policy, role, runs, explain, json, report }) => {
            let done = if level == "campaign" || level.ends_with("campaign.ron") {
                match report {
                    Some(dir) => campaign_report(&level, seed, policy, &role, runs, &dir),
                    None => simulate_campaign(&level, seed, policy, &role, runs, json),
                }
            } else {
                simulate(&level, seed, policy, role.first().map(String::as_str), Many { runs, explain }, json)
            };
            match done {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("{e}");
                    2
                }
            }
        }
        Some(Command::Fidelity { seeds, levels }) => {
            let (shipped, held) =
                if levels.is_empty() { (crate::files::shipped_levels(), crate::files::held_out_levels()) } else { (levels, vec![]) };
            match crate::sim::fidelity::table(&shipped, &held, seeds) {
                Ok(t) => {
                    print!("{t}");
                    0
                }
                Err(e) => {
                    eprintln!("{e}");
                    2
                }
            }
        }
        Some(Command::Docs) => {
            print!("{}", level::reference::markdown());
            0
        }
        Some(Command::Bench { levels, runs }) => match bench(&levels, runs) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("{e}");
                2
            }
        },
        Some(Command::ClassReport { reports, out }) => class_report(&reports, &out),
        Some(Command::Teacher { lesson, out }) => match teacher(&lesson, &out) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("{e}");
                2
            }
        },
        Some(Command::Lesson { lesson, seed, policy, student, out }) => {
            match lesson_preview(&lesson, seed.as_deref(), policy, &student, &out) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("{e}");
                    2
                }
            }
        }
        None => run_game(cli.game, started),
    }
}

fn run_game(g: GameArgs, started: std::time::Instant) -> i32 {
    let size = g.size.split_once('x').and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)));
    let Some(size) = size else {
        eprintln!("--size: expected WIDTHxHEIGHT, for example 1280x720, found `{}`", g.size);
        return 2;
    };
    #[allow(unused_mut)]
    let mut level = g.level;
    #[cfg(feature = "dev-tools")]
    let harness = g.harness.harness(&mut level, started);
    #[cfg(not(feature = "dev-tools"))]
    let (harness, _) = (crate::game::capture::Harness::default(), started);
    let opts = crate::game::GameOptions {
        level,
        role: g.role,
        seed: g.seed,
        level_dirs: g.levels,
        size,
        harness,
        report: g.report,
        lesson: g.lesson,
        class_seed: None,
        full_redraw: g.no_partial_redraw,
    };
    match crate::game::run(opts) {
        bevy::app::AppExit::Success => 0,
        bevy::app::AppExit::Error(c) => c.get() as i32,
    }
}

#[derive(Serialize)]
struct FileReport {
    path: String,
    ok: bool,
    diagnostics: Vec<level::Diagnostic>,
}

fn check(paths: &[PathBuf], json: bool) -> i32 {
    let mut files = Vec::new();
    let mut estimates = Vec::new();
    for p in expand(paths) {
        let name = p.display().to_string();
        let is_campaign = p.file_stem().is_some_and(|s| s == "campaign");
        let diags = if is_campaign {
            let known: Vec<String> =
                crate::files::shipped_levels().iter().filter_map(|l| l.file_stem().map(|s| s.to_string_lossy().into_owned())).collect();
            match crate::files::read_text(&p) {
                Ok(src) => level::campaign::check_campaign(&src, &known).err().unwrap_or_default(),
                Err(e) => vec![level::Diagnostic::error("", format!("cannot read the file: {e}"))],
            }
        } else if crate::lesson::is_lesson_file(&p) {
            match crate::lesson::check_file(&p) {
                Ok((def, w)) => {
                    estimates.push(format!("{name}: {}", crate::lesson::timing::estimate(&def).line(def.minutes)));
                    w
                }
                Err(d) => d,
            }
        } else {
            match level::check_file(&p) {
                Ok(c) => c.warnings,
                Err(d) => d,
            }
        };
        let ok = !diags.iter().any(|d| d.severity == Severity::Error);
        files.push(FileReport { path: name, ok, diagnostics: diags });
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&files).expect("diagnostics serialize"));
    } else {
        for f in &files {
            for d in &f.diagnostics {
                println!("{}", d.render(&f.path));
            }
        }
        estimates.iter().for_each(|e| println!("{e}"));
        let bad = files.iter().filter(|f| !f.ok).count();
        // On standard output after the diagnostics, so that the two never interleave.
        println!("{} file(s) checked, {} with errors", files.len(), bad);
    }
    if files.iter().all(|f| f.ok) { 0 } else { 1 }
}

fn class_report(paths: &[PathBuf], out: &Path) -> i32 {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            files.extend(crate::files::files_with_extension(p, "json"));
        } else if p.extension().is_some_and(|x| x == "md") {
            files.push(p.with_extension("json"));
        } else {
            files.push(p.clone());
        }
    }
    let mut read = Vec::new();
    let mut unreadable = Vec::new();
    for f in &files {
        match crate::lesson::report::LessonReport::load(f) {
            Ok(r) => read.push((f.display().to_string(), r)),
            Err(e) => {
                eprintln!("{e} (left out of the summary)");
                unreadable.push((f.display().to_string(), e));
            }
        }
    }
    if read.is_empty() {
        eprintln!("no report could be read: pass the students' .json reports or a folder of them");
        return 1;
    }
    let (reports, flagged) = crate::lesson::class::sort_verified(read);
    for (f, why) in &flagged {
        eprintln!("{f}: {why} (left out of the summary)");
    }
    let mut summary = crate::lesson::class::summarise(&reports);
    summary.flagged = unreadable.into_iter().chain(flagged).collect();
    let md = summary.to_markdown();
    print!("{md}");
    let written = std::fs::create_dir_all(out)
        .and_then(|_| crate::files::write_atomic(&out.join("class-summary.md"), &md))
        .and_then(|_| crate::files::write_atomic(&out.join("class-summary.csv"), &summary.to_csv()));
    match written {
        Ok(()) => {
            eprintln!(
                "{} report(s) of {} summarised: {} and {}",
                reports.len(),
                files.len(),
                out.join("class-summary.md").display(),
                out.join("class-summary.csv").display()
            );
            0
        }
        Err(e) => {
            eprintln!("cannot write the summary into {}: {e}", out.display());
            1
        }
    }
}

fn teacher(name: &str, out: &Path) -> Result<(), String> {
    let lesson = crate::lesson::by_name(name)?;
    for path in crate::lesson::teacher::write(&lesson, out, &crate::files::assets_dir())? {
        println!("{}", path.display());
    }
    Ok(())
}

fn lesson_preview(name: &str, seed: Option<&str>, policy: Policy, student: &str, out: &Path) -> Result<(), String> {
    let lesson = crate::lesson::by_name(name)?;
    let seed = seed.map(str::to_string).or_else(|| lesson.seed.clone()).unwrap_or_else(|| "1".into());
    let attempt = crate::lesson::play::attempt_by_policy(&lesson, student, &seed, policy);
    let report = crate::lesson::play::build_report(&lesson, &attempt);
    let (md, json) = report.save(out).map_err(|e| format!("cannot write the report into {}: {e}", out.display()))?;
    println!("{}\n{}", md.display(), json.display());
    Ok(())
}

/// Directories stand for the `.ron` files in them.
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            out.extend(crate::files::ron_files(p));
        } else {
            out.push(p.clone());
        }
    }
    out
}

#[derive(Serialize)]
struct Shares {
    level: String,
    seed: u64,
    policy: String,
    role: String,
    runs: u64,
    outcome_shares: BTreeMap<&'static str, f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    causes: Option<Vec<cause::MeasuredCause>>,
}

fn setup_for(level: Arc<LevelDef>, seed: u64, policy: Policy, role: Option<&str>) -> Result<RunSetup, String> {
    let role = match role {
        None => None,
        Some(id) => match level.state_ix(id) {
            Some(ix) if ix != level.crisis.aggressor => Some(ix),
            Some(_) => return Err(format!("`{id}` is the aggressor; the player leads a state that responds to the crisis")),
            None => {
                let hint = level::diagnostics::did_you_mean(id, level.states.iter().map(|s| s.id.as_str())).unwrap_or_default();
                return Err(format!("no state `{id}` in {} {hint}", level.id));
            }
        },
    };
    Ok(RunSetup { level, seed, role, policy: Some(policy), credibility: None, lessons: Default::default() })
}

/// How many runs `simulate` plays, and whether it measures causes.
struct Many {
    runs: Option<u64>,
    explain: bool,
}

/// Seeds over which a single run's causes are measured.
const CAUSE_RUNS: usize = 200;

fn simulate(level: &str, seed: u64, policy: Policy, role: Option<&str>, many: Many, json: bool) -> Result<(), String> {
    let level = Arc::new(crate::level::resolve(level)?);
    let setup = setup_for(level.clone(), seed, policy, role)?;
    let role_ix = setup.role.unwrap_or_else(|| level.default_role());
    let role_id = level.states[role_ix].id.clone();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let plan = |runs: usize| cause::Plan {
        level: level.clone(),
        role: role_ix,
        seed,
        runs,
        orders: cause::PlanOrders::Policy(policy),
        until: None,
        carried: Default::default(),
    };
    if let Some(k) = many.runs {
        let shares = crate::sim::compare::outcome_shares(&setup, k as usize);
        let shares = shares.into_iter().map(|(o, f)| (o.id(), f)).collect();
        let causes = many.explain.then(|| cause::explain_plan(&plan(k as usize), &AtomicUsize::new(0)));
        let s =
            Shares { level: level.id.clone(), seed, policy: policy.name().into(), role: role_id, runs: k, outcome_shares: shares, causes };
        if json {
            writeln!(out, "{}", serde_json::to_string(&s).map_err(|e| e.to_string())?).ok();
        } else {
            let runs = if k == 1 { "1 run".to_string() } else { format!("{k} runs") };
            writeln!(out, "{} as {} with policy {}, {runs} from seed {}:", s.level, s.role, s.policy, seed).ok();
            for (o, f) in &s.outcome_shares {
                writeln!(out, "  {:<20} {:>5.1}%", o, f * 100.0).ok();
            }
            print_causes(&mut out, s.causes.as_deref(), k as usize);
        }
        return Ok(());
    }
    let mut sim = Simulation::new();
    sim.start(&setup);
    sim.run_to_end();
    let report = RunReport::from_sim(&sim, policy.name());
    let causes = many.explain.then(|| {
        let p = plan(CAUSE_RUNS);
        let log = sim.log();
        let results = cause::results_of(log, &report_mechanisms(&sim));
        cause::measure_causes(&p, &cause::candidates(&level, log, &p), Some(&results), &AtomicUsize::new(0))
    });
    if json {
        let mut v = serde_json::to_value(&report).map_err(|e| e.to_string())?;
        if let (Some(c), Some(obj)) = (causes, v.as_object_mut()) {
            obj.insert("causes".into(), serde_json::to_value(c).map_err(|e| e.to_string())?);
        }
        writeln!(out, "{v}").ok();
    } else {
        print_report(&mut out, &report);
        print_causes(&mut out, causes.as_deref(), CAUSE_RUNS);
    }
    Ok(())
}

/// The campaign's levels, in order, with the player's state in each (`-` or none: the first playable).
fn campaign_stages(name: &str, roles: &[String]) -> Result<(Vec<crate::sim::campaign::Stage>, bool), String> {
    let path = if name == "campaign" { crate::files::levels_dir().join("campaign.ron") } else { PathBuf::from(name) };
    let src = crate::files::read_text(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_else(crate::files::levels_dir);
    let known: Vec<String> =
        crate::files::level_files(&dir).iter().filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned())).collect();
    let raw = level::campaign::check_campaign(&src, &known)
        .map_err(|errs| errs.iter().map(|d| d.render(&path.display().to_string())).collect::<Vec<_>>().join("\n"))?;
    if roles.len() > raw.levels.len() {
        return Err(format!("{} roles given for a campaign of {} eras", roles.len(), raw.levels.len()));
    }
    let mut stages = Vec::new();
    for (i, id) in raw.levels.iter().enumerate() {
        let level = Arc::new(level::load(&dir.join(format!("{id}.ron")))?);
        let role = match roles.get(i).map(String::as_str) {
            None | Some("-") => None,
            Some(r) => setup_for(level.clone(), 0, Policy::Historical, Some(r))?.role,
        };
        stages.push(crate::sim::campaign::Stage { level, role, policy: None, replay: None });
    }
    Ok((stages, raw.carry_credibility))
}

/// Plays the campaign with one seed and writes its report, with the legacies measured over `runs` seeds.
fn campaign_report(name: &str, seed: u64, policy: Policy, roles: &[String], runs: Option<u64>, dir: &Path) -> Result<(), String> {
    use crate::sim::campaign;
    let (stages, carry) = campaign_stages(name, roles)?;
    let runs = runs.unwrap_or(100) as usize;
    let mut sim = Simulation::new();
    let eras = campaign::play(&mut sim, &stages, policy, seed, carry);
    let marks: Vec<campaign::EraMark> = eras.iter().zip(&stages).map(|(e, s)| e.mark(&s.level.name, policy.name())).collect();
    let legacies = campaign::legacy::legacy_causes(&stages, policy, seed, runs, carry);
    let title = format!("The century, played with the {} strategy (seed {seed})", policy.name());
    let written =
        campaign::report::save(dir, &title, &marks, &legacies, runs).map_err(|e| format!("cannot write into {}: {e}", dir.display()))?;
    for p in written {
        println!("{}", p.display());
    }
    Ok(())
}

fn simulate_campaign(name: &str, seed: u64, policy: Policy, roles: &[String], runs: Option<u64>, json: bool) -> Result<(), String> {
    use crate::sim::campaign;
    let (stages, carry) = campaign_stages(name, roles)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let show = |c: &campaign::Carried| {
        let cred = |x: Option<f32>| x.map_or("—".to_string(), |v| format!("{:.0}%", 100.0 * v));
        format!(
            "League {} · UN {} · appetite {:+.2} · tension {:.2} · faith {:+.2}",
            cred(c.league),
            cred(c.un),
            c.appetite,
            c.tension,
            c.faith
        )
    };
    if let Some(k) = runs {
        for e in &campaign::shares(&stages, policy, seed, k as usize, carry) {
            if json {
                writeln!(out, "{}", serde_json::to_string(e).map_err(|e| e.to_string())?).ok();
            } else {
                let shares: Vec<String> =
                    e.outcome_shares.iter().filter(|(_, v)| **v > 0.0).map(|(o, v)| format!("{o} {:.0}%", 100.0 * v)).collect();
                writeln!(
                    out,
                    "{} as {} ({}): {}\n    carried out, on average: {}",
                    e.level,
                    e.role,
                    e.policy,
                    shares.join(", "),
                    show(&e.carried_out)
                )
                .ok();
            }
        }
        return Ok(());
    }
    let mut sim = Simulation::new();
    for e in campaign::play(&mut sim, &stages, policy, seed, carry) {
        if json {
            writeln!(out, "{}", serde_json::to_string(&e).map_err(|e| e.to_string())?).ok();
        } else {
            writeln!(
                out,
                "{} as {} ({}): {}\n    in:  {}\n    out: {}",
                e.level,
                e.role,
                e.policy,
                e.outcome.id(),
                show(&e.carried_in),
                show(&e.carried_out)
            )
            .ok();
        }
    }
    Ok(())
}

/// Whether each mechanism of a finished run worked, as the many-run measurement counts it.
fn report_mechanisms(sim: &Simulation) -> Vec<(crate::sim::Mechanism, bool)> {
    let w = sim.world();
    let Some(crisis) = w.iter_entities().find_map(|e| e.get::<crate::sim::Crisis>()) else { return vec![] };
    crate::sim::explain::mechanism_results(w.resource(), w.resource(), crisis)
}

fn print_causes(out: &mut impl Write, causes: Option<&[cause::MeasuredCause]>, runs: usize) {
    let Some(causes) = causes else { return };
    writeln!(out, "\nCauses, measured by removing each over the same {runs} seeds").ok();
    if causes.is_empty() {
        writeln!(out, "  no single cause moves any result by 5 points or more").ok();
    }
    let mut last = None;
    for c in causes {
        if last != Some(c.mechanism) {
            writeln!(out, "  {}", crate::sim::text::mechanism_title(c.mechanism)).ok();
            last = Some(c.mechanism);
        }
        writeln!(out, "    {:+5.0}  {}", 100.0 * c.effect, c.label).ok();
    }
}

fn print_report(out: &mut impl Write, r: &RunReport) {
    writeln!(out, "{} — playing {} with policy {} (seed {})", r.level, r.role, r.policy, r.seed).ok();
    writeln!(out, "\nNewswire").ok();
    for n in &r.news {
        writeln!(out, "  {} {}{}", n.date, if n.history { "[history] " } else { "" }, n.text).ok();
    }
    writeln!(out, "\nVotes").ok();
    for v in &r.votes {
        let against: Vec<&str> = v.ballots.iter().filter(|b| *b.1 == crate::sim::Ballot::No).map(|b| b.0.as_str()).collect();
        writeln!(
            out,
            "  {} {:<17} {:<16} {:>3}–{}–{} ({} absent) {}{}",
            v.date,
            v.body,
            v.motion,
            v.yes,
            v.no,
            v.abstain,
            v.absent,
            if v.adopted { "adopted" } else { "not adopted" },
            if v.vetoed_by.is_empty() {
                if against.is_empty() { String::new() } else { format!("; against: {}", against.join(", ")) }
            } else {
                format!("; veto: {}", v.vetoed_by.join(", "))
            }
        )
        .ok();
    }
    writeln!(
        out,
        "\nOutcome: {} after {} turns (aggressor holds {:.0}% of the contested ground)",
        r.outcome.result,
        r.outcome.turns,
        r.outcome.control * 100.0
    )
    .ok();
    writeln!(out, "\nWhy").ok();
    for e in &r.explanation {
        writeln!(
            out,
            "  {} — {}{}",
            e.mechanism.id(),
            if e.succeeded { "worked" } else { "failed" },
            if e.decisive.is_empty() { String::new() } else { format!("; decided by {}", e.decisive.join(", ")) }
        )
        .ok();
        for f in e.factors.iter().take(4) {
            writeln!(out, "      {:+.2}  {}", f.weight, f.label).ok();
        }
    }
}

fn bench(levels: &[String], runs: u64) -> Result<(), String> {
    let paths: Vec<String> =
        if levels.is_empty() { crate::files::shipped_levels().iter().map(|p| p.display().to_string()).collect() } else { levels.to_vec() };
    // One core, as the Monte Carlo runs each thread: the lean log that outcome shares need.
    let mut sim = Simulation::new();
    sim.set_lean(true);
    println!("{:<20} {:>8} {:>12} {:>12}", "level", "runs", "seconds", "runs/s");
    for l in paths {
        let level = Arc::new(crate::level::resolve(&l)?);
        let policies = [Policy::Historical, Policy::Appease, Policy::Alliance, Policy::Collective];
        let t = Instant::now();
        for k in 0..runs {
            let setup = RunSetup {
                level: level.clone(),
                seed: k,
                role: None,
                policy: Some(policies[(k % 4) as usize]),
                credibility: None,
                lessons: Default::default(),
            };
            sim.start(&setup);
            sim.run_to_end();
        }
        let secs = t.elapsed().as_secs_f64();
        println!("{:<20} {:>8} {:>12.3} {:>12.0}", level.id, runs, secs, runs as f64 / secs);
    }
    Ok(())
}
