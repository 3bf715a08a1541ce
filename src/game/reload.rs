//! Hot reload: the level being played is checked again when its file changes, or, for a what-if variant,
//! when the level it extends changes. A broken edit shows its errors in a panel and the last good version
//! keeps running; a good edit restarts the level with the same seed, role and orders. Nothing crashes.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use bevy::platform::time::Instant;

use bevy::prelude::*;

use super::state::{Screen, Session, StartLevel};
use crate::level;

pub fn plugin(app: &mut App) {
    app.init_resource::<Reload>().add_systems(Update, watch_level);
}

#[derive(Resource)]
pub struct Reload {
    /// Errors of the last edit, as `path:line:col: error: …`; empty when the file is good.
    pub errors: Vec<String>,
    /// How often the file is looked at.
    pub interval_secs: f32,
    last: Option<Instant>,
    stamp: Option<(PathBuf, Stamp)>,
    /// The level a variant extends, found again only when the variant's own file changes.
    base: Option<(PathBuf, Option<SystemTime>, Option<PathBuf>)>,
}

/// When the level's file, and the file of the level a variant extends, were last modified.
type Stamp = [Option<SystemTime>; 2];

fn modified(p: &std::path::Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

impl Reload {
    /// The stamp of `path` and of its base, reading the file to find its base only when it changed.
    fn stamp_of(&mut self, path: &std::path::Path) -> Stamp {
        let own = modified(path);
        if !self.base.as_ref().is_some_and(|(p, t, _)| p == path && *t == own) {
            self.base = Some((path.to_path_buf(), own, level::variant::base_file(path)));
        }
        [own, self.base.as_ref().and_then(|b| b.2.as_deref()).and_then(modified)]
    }
}

impl Default for Reload {
    fn default() -> Self {
        Reload { errors: vec![], interval_secs: 1.0, last: None, stamp: None, base: None }
    }
}

fn watch_level(world: &mut World) {
    let now = Instant::now();
    {
        let r = world.resource::<Reload>();
        if r.last.is_some_and(|t| now.duration_since(t).as_secs_f32() < r.interval_secs) {
            return;
        }
    }
    world.resource_mut::<Reload>().last = Some(now);
    let Some(session) = world.get_resource::<Session>() else { return };
    let path = session.level_path.clone();
    let mut reload = world.resource_mut::<Reload>();
    let mtime = reload.stamp_of(&path);
    match &reload.stamp {
        Some((p, t)) if *p == path && *t == mtime => return,
        Some((p, _)) if *p == path => {}
        _ => {
            // A new level: remember its file as it is now.
            reload.stamp = Some((path, mtime));
            reload.errors.clear();
            return;
        }
    }
    reload.stamp = Some((path.clone(), mtime));
    let name = path.display().to_string();
    match level::check_file(&path) {
        Err(diags) => {
            let errors = diags.iter().filter(|d| d.severity == level::Severity::Error).map(|d| d.render(&name)).collect();
            world.resource_mut::<Reload>().errors = errors;
        }
        Ok(checked) => {
            world.resource_mut::<Reload>().errors.clear();
            let s = world.resource::<Session>().clone();
            let screen = *world.resource::<State<Screen>>().get();
            info!("{name} changed: reloading");
            world.write_message(StartLevel {
                level: Arc::new(checked.level),
                path,
                seed: s.seed,
                role: Some(s.role),
                replay: s.orders,
                screen,
                campaign: s.campaign,
                credibility: s.credibility,
                lessons: s.lessons,
                eras: s.eras.clone(),
            });
        }
    }
}
