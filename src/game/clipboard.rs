//! Copy, cut and paste in the text fields (a student's name, notes, debrief answers): Ctrl+C, Ctrl+X and
//! Ctrl+V (Cmd on a Mac) reach egui as its clipboard events, and the text egui copies goes to the system
//! clipboard. bevy_egui's own clipboard is left off: it would bring second copies of crates Bevy already uses.

use bevy::prelude::*;
use bevy_egui::egui;
use bevy_egui::input::{EguiInputEvent, ModifierKeysState};
use bevy_egui::{EguiInputSet, EguiOutput, EguiPostUpdateSet, PrimaryEguiContext};

/// Where copied text goes and pasted text comes from.
pub trait Backend {
    fn get(&mut self) -> Option<String>;
    fn set(&mut self, text: &str);
}

/// A clipboard in memory: where the system has none (a test, a machine without a display).
#[derive(Default)]
pub struct Memory(pub Option<String>);

impl Backend for Memory {
    fn get(&mut self) -> Option<String> {
        self.0.clone()
    }
    fn set(&mut self, text: &str) {
        self.0 = Some(text.to_string());
    }
}

#[cfg(not(any(target_arch = "wasm32", target_os = "macos")))]
struct System(arboard::Clipboard);

#[cfg(not(any(target_arch = "wasm32", target_os = "macos")))]
impl Backend for System {
    fn get(&mut self) -> Option<String> {
        self.0.get_text().ok()
    }
    fn set(&mut self, text: &str) {
        if let Err(e) = self.0.set_text(text) {
            warn!("could not copy to the clipboard: {e}");
        }
    }
}

/// The system clipboard where there is one, else one in memory.
fn system() -> Box<dyn Backend> {
    #[cfg(not(any(target_arch = "wasm32", target_os = "macos")))]
    if let Ok(c) = arboard::Clipboard::new() {
        return Box::new(System(c));
    }
    Box::new(Memory::default())
}

/// The game's clipboard. Not `Send`: the system clipboard stays on the main thread.
pub struct Clipboard(pub Box<dyn Backend>);

pub fn plugin(app: &mut App) {
    app.insert_non_send(Clipboard(system()))
        .add_systems(PreUpdate, shortcuts.after(EguiInputSet::ReadBevyMessages).before(EguiInputSet::WriteEguiEvents))
        .add_systems(PostUpdate, copied.after(EguiPostUpdateSet::ProcessOutput));
}

/// The egui event for `key` pressed with the command modifier (Ctrl, or Cmd on a Mac): copy, cut, or paste
/// what the clipboard holds. `None` for any other key, or a paste with nothing to paste.
pub fn event_for(key: KeyCode, command: bool, clip: &mut dyn Backend) -> Option<egui::Event> {
    if !command {
        return None;
    }
    match key {
        KeyCode::KeyC => Some(egui::Event::Copy),
        KeyCode::KeyX => Some(egui::Event::Cut),
        KeyCode::KeyV => clip.get().filter(|t| !t.is_empty()).map(egui::Event::Paste),
        _ => None,
    }
}

/// The texts egui asked to copy in one frame's output.
pub fn copied_texts(out: &egui::PlatformOutput) -> Vec<&str> {
    out.commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) if !t.is_empty() => Some(t.as_str()),
            _ => None,
        })
        .collect()
}

fn shortcuts(
    keys: Res<ButtonInput<KeyCode>>,
    modifiers: Res<ModifierKeysState>,
    mut clip: NonSendMut<Clipboard>,
    context: Query<Entity, With<PrimaryEguiContext>>,
    mut events: MessageWriter<EguiInputEvent>,
) {
    let Ok(context) = context.single() else { return };
    let command = modifiers.to_egui_modifiers().command;
    for key in keys.get_just_pressed() {
        if let Some(event) = event_for(*key, command, clip.0.as_mut()) {
            events.write(EguiInputEvent { context, event });
        }
    }
}

fn copied(output: Query<&EguiOutput, With<PrimaryEguiContext>>, mut clip: NonSendMut<Clipboard>) {
    for out in &output {
        for text in copied_texts(&out.platform_output) {
            clip.0.set(text);
        }
    }
}
