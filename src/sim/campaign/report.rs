//! The campaign report a teacher can hand out: the century's chart as an SVG image, a Markdown page with
//! the eras, the player's strategies and the legacies that carried over, and the same as JSON.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::level::OutcomeKind;

use super::EraMark;
use super::legacy::LegacyCause;

#[derive(Serialize)]
pub struct CampaignReport<'a> {
    pub format: u32,
    pub eras: &'a [EraMark],
    pub legacies: &'a [LegacyCause],
}

/// The outcome's colour, as the game's charts draw it (Okabe–Ito).
fn colour(o: OutcomeKind) -> &'static str {
    match o {
        OutcomeKind::Deterred => "#009E73",
        OutcomeKind::Reversed => "#0072B2",
        OutcomeKind::Halted => "#56B4E9",
        OutcomeKind::Frozen => "#F0E442",
        OutcomeKind::AggressorPrevails => "#D55E00",
    }
}

/// The century's chart: each institution's credibility in its eras, world tension, and each era's outcome.
pub fn svg(eras: &[EraMark]) -> String {
    let (w, h, left, top, plot_h) = (720.0, 272.0, 50.0, 20.0, 170.0);
    let step = (w - left - 20.0) / eras.len().max(1) as f64;
    let x = |i: usize| left + step * (i as f64 + 0.5);
    let y = |v: f32| top + plot_h * (1.0 - f64::from(v.clamp(0.0, 1.0)));
    let mut s =
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"11\">\n");
    let _ =
        writeln!(s, "<rect x=\"{left}\" y=\"{top}\" width=\"{}\" height=\"{plot_h}\" fill=\"white\" stroke=\"#999\"/>", w - left - 20.0);
    for v in [0.0f32, 0.5, 1.0] {
        let _ = writeln!(s, "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{:.0}%</text>", left - 4.0, y(v) + 4.0, v * 100.0);
    }
    let series = |s: &mut String, pick: &dyn Fn(&EraMark) -> Option<f32>, c: &str| {
        let pts: Vec<String> = eras.iter().enumerate().filter_map(|(i, e)| pick(e).map(|v| format!("{:.1},{:.1}", x(i), y(v)))).collect();
        let _ = writeln!(s, "<polyline fill=\"none\" stroke=\"{c}\" stroke-width=\"2\" points=\"{}\"/>", pts.join(" "));
    };
    series(&mut s, &|e| Some(e.tension), "#E69F00");
    series(&mut s, &|e| e.league, "#0072B2");
    series(&mut s, &|e| e.un, "#56B4E9");
    for (i, e) in eras.iter().enumerate() {
        let _ = writeln!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{}\" r=\"6\" fill=\"{}\"><title>{}</title></circle>",
            x(i),
            top + plot_h + 14.0,
            colour(e.outcome),
            e.outcome.id()
        );
        // The name above its year, so that neighbours never run into each other.
        let (name, year) = e.name.rsplit_once(' ').unwrap_or((e.name.as_str(), ""));
        let _ = writeln!(
            s,
            "<text x=\"{0:.1}\" y=\"{1}\" text-anchor=\"middle\">{2}<tspan x=\"{0:.1}\" dy=\"13\">{3}</tspan></text>",
            x(i),
            top + plot_h + 34.0,
            xml(name),
            xml(year)
        );
    }
    let legend = [("League credibility", "#0072B2"), ("UN credibility", "#56B4E9"), ("world tension", "#E69F00")];
    for (k, (label, c)) in legend.iter().enumerate() {
        let lx = left + 170.0 * k as f64;
        let _ = writeln!(
            s,
            "<rect x=\"{lx}\" y=\"{}\" width=\"14\" height=\"4\" fill=\"{c}\"/><text x=\"{}\" y=\"{}\">{label}</text>",
            h - 12.0,
            lx + 18.0,
            h - 8.0
        );
    }
    s.push_str("</svg>\n");
    s
}

fn xml(t: &str) -> String {
    t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The Markdown page, with the chart as the image `svg_name` beside it.
pub fn markdown(title: &str, eras: &[EraMark], legacies: &[LegacyCause], runs: usize, svg_name: &str) -> String {
    let mut s = format!("# {title}\n\n![The century: credibility, tension and outcomes]({svg_name})\n\n");
    let _ = writeln!(s, "| era | outcome | strategy | League | UN | tension |\n|---|---|---|---|---|---|");
    let pct = |v: Option<f32>| v.map_or("—".to_string(), |v| format!("{:.0}%", v * 100.0));
    for e in eras {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {:.0}% |",
            e.name,
            e.outcome.id().replace('_', " "),
            e.strategy,
            pct(e.league),
            pct(e.un),
            e.tension * 100.0
        );
    }
    let _ = writeln!(s, "\n## What carried over\n");
    let _ = writeln!(
        s,
        "Each era's legacy was removed in turn (it hands on what it received) and the campaign played again over the same {runs} seeds; listed where a later result moved by 5 points or more.\n"
    );
    if legacies.is_empty() {
        let _ = writeln!(s, "No era's legacy moved a later result by 5 points or more.");
    }
    for l in legacies.iter().take(12) {
        let _ = writeln!(s, "- {} ({:+.0} points)", l.label, 100.0 * l.effect);
    }
    s
}

/// Writes `campaign-report.md`, `campaign-report.svg` and `campaign-report.json` into `dir`.
pub fn save(dir: &Path, title: &str, eras: &[EraMark], legacies: &[LegacyCause], runs: usize) -> std::io::Result<Vec<PathBuf>> {
    let (md, svg_path, json) = (dir.join("campaign-report.md"), dir.join("campaign-report.svg"), dir.join("campaign-report.json"));
    crate::files::write_atomic(&svg_path, &svg(eras))?;
    crate::files::write_atomic(&md, &markdown(title, eras, legacies, runs, "campaign-report.svg"))?;
    let report = CampaignReport { format: 1, eras, legacies };
    crate::files::write_atomic(&json, &serde_json::to_string_pretty(&report).map_err(std::io::Error::other)?)?;
    Ok(vec![md, svg_path, json])
}
