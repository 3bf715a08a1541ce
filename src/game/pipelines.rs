//! How many render pipelines are still compiling: until they are ready, what uses them is missing from the
//! picture, so the map and the screen keep being drawn, and a screenshot waits.

use bevy::prelude::*;

pub fn plugin(app: &mut App) {
    // The render world counts; the main world reads the count through the shared atomic.
    let pipelines = Pipelines::default();
    if let Some(render_app) = app.get_sub_app_mut(bevy::render::RenderApp) {
        render_app
            .insert_resource(pipelines.clone())
            .add_systems(bevy::render::Render, count_pipelines.in_set(bevy::render::RenderSystems::Cleanup));
    }
    app.insert_resource(pipelines);
}

/// How many render pipelines are waiting to compile, as the render world last counted them.
#[derive(Resource, Clone, Default)]
pub struct Pipelines(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl Pipelines {
    pub fn waiting(&self) -> usize {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

fn count_pipelines(cache: Res<bevy::render::render_resource::PipelineCache>, pipelines: Res<Pipelines>) {
    pipelines.0.store(cache.waiting_pipelines().count(), std::sync::atomic::Ordering::Relaxed);
}
