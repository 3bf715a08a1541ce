//! Screenshots and the frame benchmark. The plan of a picture or a benchmark is plain data, part of the game's
//! options; the systems that take them are the harness in `tools`, built with the `dev-tools` feature only,
//! so that the game a class installs carries none of it.

use bevy::platform::time::Instant;
use std::path::PathBuf;

use super::map::MapMode;

#[cfg(feature = "dev-tools")]
mod tools;
#[cfg(all(feature = "dev-tools", feature = "partial-redraw"))]
mod verify;
#[cfg(feature = "dev-tools")]
pub use tools::{baseline_plugin, plugin};

/// Which panel a screenshot shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Panel {
    #[default]
    Map,
    Menu,
    Chamber,
    Inspector,
    Debrief,
    Glossary,
    Briefing,
    /// The votes of the last turn played.
    Votes,
    /// The turn report: the aggressor's decision and why.
    Report,
    /// The sortable table of states.
    Table,
    /// The what-if comparison from the turn reached.
    Whatif,
    /// A lesson's start page (with --lesson).
    Lesson,
    /// A lesson's quiz, two questions answered (with --lesson).
    Quiz,
    /// A lesson's finish page after a preview run (with --lesson).
    Finish,
    /// Playing a lesson's first crisis at --turn, with its guiding question (with --lesson).
    Guiding,
    /// The debrief of the level as the campaign's last era, the earlier eras played as history went.
    Campaign,
}

impl Panel {
    /// Panels of a lesson's pages, which need no level started.
    pub fn is_lesson_page(self) -> bool {
        matches!(self, Panel::Lesson | Panel::Quiz | Panel::Finish | Panel::Guiding)
    }
}

#[derive(Debug, Clone)]
pub struct ScreenshotPlan {
    pub path: PathBuf,
    /// Turns to play (with the historical orders of the player's state) before the picture.
    pub turn: usize,
    pub panel: Panel,
    pub mode: MapMode,
}

/// What the harness is asked to do; empty (the default) in play.
#[derive(Debug, Clone, Default)]
pub struct Harness {
    /// Render one frame, save it and exit.
    pub screenshot: Option<ScreenshotPlan>,
    /// Measure this many frames and exit.
    pub bench_frames: Option<u32>,
    /// With `bench_frames`: an empty window with egui only, the baseline.
    pub baseline: bool,
    /// With `bench_frames`: drag the map across the window.
    pub pan: bool,
    /// With `bench_frames`: sweep the pointer over the panels and the map.
    pub hover: bool,
    /// The student's name on a lesson's pages in a picture.
    pub student: String,
    /// When the process started, for the time to the first frame.
    pub started: Option<Instant>,
}

impl Harness {
    /// Whether the window draws for the harness (continuously) rather than for a player.
    pub fn active(&self) -> bool {
        self.screenshot.is_some() || self.bench_frames.is_some()
    }
}
