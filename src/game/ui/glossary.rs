//! The glossary, reachable from every screen (F1), with the seed essay's distinctions.

use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};

use super::{Action, UiState};

pub const TOPICS: [(&str, &str); 12] = [
    (
        "Collective security",
        "A system in which states agree that an attack on one is an attack on all, and act together against any aggressor, through an organisation such as the League of Nations or the United Nations. It is universal: the enemy is not named in advance, and any state can appeal. It assumes that the aggressor can be identified, and that states will put the common duty above their national interest; both assumptions often fail.",
    ),
    (
        "Collective defence",
        "An alliance of a few states for their own defence against a known enemy, such as NATO. It protects its members only. Nehru held it contradicts collective security: joining a bloc shows no faith in the UN. The United States held there is no contradiction, since Article 51 keeps the right of collective self-defence.",
    ),
    (
        "Balance of power",
        "States rely on their own strength and on ad hoc alliances to check a rising power. It works through the great powers, defends only chosen frontiers, and comes late and uncertainly: it took years to combine against Napoleon. Collective security has been called the balance of power institutionalised.",
    ),
    (
        "Appeasement",
        "Meeting an aggressor's demands to keep the peace. It lowers tension at once and buys time, but it raises the aggressor's appetite and power, and every later commitment is believed less.",
    ),
    (
        "Chapter VII and Articles 39 to 51",
        "Art. 39: the Security Council determines any threat to the peace, breach of the peace or act of aggression. Art. 40: provisional measures. Art. 41: measures without force (sanctions). Art. 42: action by air, sea or land forces. Arts. 43–50: forces and their direction. Art. 51: the inherent right of individual or collective self-defence until the Council acts.",
    ),
    (
        "The veto",
        "In the Security Council a substantive decision needs the concurring votes of the permanent members: one 'no' from China, France, the USSR/Russia, the UK or the US blocks it. In practice an abstention or an absence does not: in June 1950 the USSR's absence let the Council act on Korea. Procedural decisions cannot be vetoed.",
    ),
    (
        "League rules",
        "The Council and the Assembly decided by unanimity of members present (Art. 5). Under Art. 15 the parties' votes were not counted. Art. 16 deemed an aggressor at war with all members, but each member decided its own sanctions.",
    ),
    (
        "Uniting for Peace",
        "General Assembly resolution 377 A (V), 3 November 1950: when the Council fails for lack of unanimity of the permanent members, the Assembly can meet in emergency special session and recommend collective measures by a two-thirds majority of members present and voting. The USSR never accepted it as lawful.",
    ),
    (
        "Peacekeeping",
        "Not in the Charter. Unarmed observer missions came first (UNTSO in Palestine, 1948; UNMOGIP in Kashmir, 1949); UNEF at Suez (1956) was the first armed UN force. Three principles: consent of the host state (UNEF deployed in Egypt with Egypt's consent; Israel refused it on its side), impartiality, force only in self-defence. The host can end its consent, as Egypt did in 1967.",
    ),
    (
        "Non-alignment",
        "Staying out of the military blocs of the Cold War while supporting the UN's collective security. India's policy under Nehru, and the aim of the Non-Aligned Movement.",
    ),
    (
        "Sanctions and leakage",
        "Sanctions bite only if the aggressor cannot trade around them. States outside the institution, or members that do not comply, let trade leak; exempting essential goods (oil in 1935) keeps the aggressor going.",
    ),
    (
        "Free-riding",
        "In a coalition each member is tempted to let others carry the burden. The strongest decide first; the rest may stay home when enough have come.",
    ),
];

pub fn glossary(ctx: &egui::Context, w: &World, actions: &mut Vec<Action>) {
    let ui_state = w.resource::<UiState>();
    if !ui_state.glossary {
        return;
    }
    let mut open = true;
    egui::Window::new("Glossary").open(&mut open).default_width(560.0).show(ctx, |ui| {
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                for (i, (t, _)) in TOPICS.iter().enumerate() {
                    if ui.selectable_label(ui_state.glossary_topic == i, *t).clicked() {
                        actions.push(Action::Glossary(Some(i)));
                    }
                }
            });
            ui.separator();
            ui.vertical(|ui| {
                let (t, body) = TOPICS[ui_state.glossary_topic.min(TOPICS.len() - 1)];
                ui.heading(t);
                ui.label(RichText::new(body).size(15.0));
            });
        });
    });
    if !open {
        actions.push(Action::Glossary(None));
    }
}
