//! The lesson's pages: the start page (objectives, time, name, class seed), the quiz, the finish page
//! (score, badges, debrief questions, saving the report), a reviewed report, and the guiding questions
//! shown during play.

use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};

use crate::game::lesson::{ActiveLesson, LessonPage, answer_right};
use crate::game::theme;
use crate::lesson::play::QuizAnswer;
use crate::lesson::{Answer, Moment};

use super::{Outbox, cmd};

pub fn page(root: &mut egui::Ui, w: &World, actions: &mut Outbox) {
    let Some(l) = w.get_resource::<ActiveLesson>() else { return };
    egui::CentralPanel::default().show(root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.set_max_width(860.0);
            match l.page {
                LessonPage::Start => start(ui, l, actions),
                LessonPage::Quiz => quiz(ui, l, actions),
                LessonPage::Finish => finish(ui, l, actions),
            }
        });
    });
}

fn start(ui: &mut egui::Ui, l: &ActiveLesson, actions: &mut Outbox) {
    let d = &l.def;
    ui.heading(RichText::new(&d.title).size(26.0));
    ui.label(&d.summary);
    ui.add_space(6.0);
    ui.label(RichText::new(format!("Time: {} minutes", d.minutes)).strong())
        .on_hover_text("The crises, the quiz and the debrief together fit one class period");
    for (k, p) in d.parts.iter().enumerate() {
        ui.label(format!("{}. {} — you lead {} ({} min)", k + 1, p.level.name, p.level.states[p.role].name, p.minutes));
    }
    ui.label(format!(
        "Then a quiz of {} questions ({} min left for it and the debrief).",
        d.quiz.len(),
        d.minutes.saturating_sub(d.parts.iter().map(|p| p.minutes).sum())
    ));
    ui.add_space(6.0);
    ui.heading("Objectives");
    for o in &d.objectives {
        ui.label(format!("• {} — {} point{}, badge “{}”", o.text, o.points, if o.points == 1 { "" } else { "s" }, o.badge));
    }
    ui.add_space(8.0);
    egui::Grid::new("who").num_columns(2).show(ui, |ui| {
        ui.label("Your name");
        let mut name = l.attempt.student.clone();
        let resp = ui.add(egui::TextEdit::singleline(&mut name).hint_text("as it should appear on the report"));
        // The name field takes the keyboard when the page opens: type, Tab to the seed, Tab to Begin.
        let once = egui::Id::new(("lesson-name-focus", d.id.as_str()));
        if !ui.data(|m| m.get_temp::<bool>(once).unwrap_or(false)) {
            resp.request_focus();
            ui.data_mut(|m| m.insert_temp(once, true));
        }
        if resp.changed() {
            actions.send(cmd::LessonCommand::Student(name));
        }
        ui.end_row();
        ui.label("Class seed").on_hover_text(
            "The teacher gives the whole class one seed: everyone plays the same world, and the same choices give the same draws.",
        );
        let mut seed = l.attempt.seed_code.clone();
        if ui.add(egui::TextEdit::singleline(&mut seed).hint_text("a number or a short code")).changed() {
            actions.send(cmd::LessonCommand::Seed(seed));
        }
        ui.end_row();
    });
    ui.label(RichText::new(format!("seed number {}", crate::lesson::play::parse_seed(&l.attempt.seed_code))).weak());
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button(RichText::new("Begin the lesson (Enter)").strong()).clicked() {
            actions.send(cmd::LessonCommand::Begin);
        }
        if ui.button("Back to the menu").clicked() {
            actions.send(cmd::Navigate::Screen(crate::game::state::Screen::Menu));
        }
    });
}

fn quiz(ui: &mut egui::Ui, l: &ActiveLesson, actions: &mut Outbox) {
    let d = &l.def;
    ui.heading(format!("Quiz: {}", d.title));
    ui.label(RichText::new("Choose or write an answer, then check it: the explanation appears and the answer is kept for your report. Tab moves between answers, Space chooses.").weak());
    for (n, q) in d.quiz.iter().enumerate() {
        ui.add_space(8.0);
        ui.group(|ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("{}. {}", n + 1, q.text)).strong());
                ui.label(RichText::new(format!("[{}]", q.concept.replace('_', " "))).weak())
                    .on_hover_text("The concept this question tests");
            });
            let checked = l.checked.contains(&q.id);
            let draft = l.attempt.quiz.get(&q.id).or_else(|| l.drafts.get(&q.id));
            match &q.answer {
                Answer::Choice(options, _) => {
                    let order = crate::lesson::play::option_order(l.attempt.seed, &l.attempt.student, &q.id, options.len());
                    for (shown, k) in order.into_iter().enumerate() {
                        let Some(o) = options.get(k) else { continue };
                        let selected = draft == Some(&QuizAnswer::Choice(k));
                        let resp = ui.add_enabled(!checked, egui::RadioButton::new(selected, o));
                        if shown == 0 {
                            focus_once(ui, &resp, &l.def.id);
                        }
                        if resp.clicked() {
                            actions.send(cmd::LessonCommand::QuizDraft(q.id.clone(), QuizAnswer::Choice(k)));
                        }
                    }
                }
                Answer::Short(..) => {
                    let mut t = match draft {
                        Some(QuizAnswer::Text(t)) => t.clone(),
                        _ => String::new(),
                    };
                    let resp = ui.add_enabled(
                        !checked,
                        egui::TextEdit::multiline(&mut t).desired_rows(2).desired_width(f32::INFINITY).hint_text("a sentence or two"),
                    );
                    focus_once(ui, &resp, &l.def.id);
                    if resp.changed() {
                        actions.send(cmd::LessonCommand::QuizDraft(q.id.clone(), QuizAnswer::Text(t)));
                    }
                }
            }
            if checked {
                let right = answer_right(l, &q.id).unwrap_or(false);
                let (mark, color) = if right { ("✔ Right", theme::BLUE) } else { ("✖ Not quite", theme::VERMILLION) };
                ui.label(RichText::new(mark).color(color).strong());
                match &q.answer {
                    Answer::Choice(options, k) => {
                        ui.label(format!("The answer: {}", options.get(*k).map(String::as_str).unwrap_or("")));
                    }
                    Answer::Short(_, model) => {
                        ui.label(format!("A model answer: {model}"));
                        ui.label(RichText::new("Short answers are marked by keywords; your teacher reviews them.").weak());
                    }
                }
                ui.label(&q.explanation);
            } else if ui.add_enabled(draft.is_some(), egui::Button::new("Check the answer")).clicked() {
                actions.send(cmd::LessonCommand::QuizCheck(q.id.clone()));
            }
        });
    }
    ui.add_space(10.0);
    let done = d.quiz.iter().filter(|q| l.checked.contains(&q.id)).count();
    ui.label(format!("{done} of {} answered", d.quiz.len()));
    if ui.button(RichText::new("Finish: score, badges and debrief").strong()).clicked() {
        actions.send(cmd::LessonCommand::Finish);
    }
}

/// Gives the keyboard to the quiz's first open answer when the quiz opens, so that Tab starts there rather
/// than on the top bar's buttons.
fn focus_once(ui: &egui::Ui, resp: &egui::Response, lesson: &str) {
    let once = egui::Id::new(("quiz-focus", lesson));
    if resp.enabled() && !ui.data(|m| m.get_temp::<bool>(once).unwrap_or(false)) {
        resp.request_focus();
        ui.data_mut(|m| m.insert_temp(once, true));
    }
}

fn finish(ui: &mut egui::Ui, l: &ActiveLesson, actions: &mut Outbox) {
    let d = &l.def;
    let Some(r) = &l.report else {
        ui.label("Building the report…");
        return;
    };
    if l.review {
        ui.heading(format!("Report of {}: {}", if r.student.is_empty() { "a student" } else { &r.student }, r.title));
    } else {
        ui.heading(format!("{}: the end of the lesson", d.title));
    }
    ui.label(format!("Class seed {} · {} of {} minutes", r.seed_code, r.minutes, r.time_budget));
    ui.label(RichText::new(format!("Score: {} of {}", r.score, r.max_score)).size(20.0).strong())
        .on_hover_text("Quiz points for right answers, plus the points of every objective met");
    ui.horizontal_wrapped(|ui| {
        for o in r.objectives.iter().filter(|o| o.met) {
            ui.label(RichText::new(format!("★ {}", o.badge)).color(theme::BLUE).strong()).on_hover_text(&o.evidence);
        }
    });
    ui.add_space(6.0);
    ui.heading("Objectives");
    for o in &r.objectives {
        let (mark, color) = if o.met { ("✔", theme::BLUE) } else { ("○", theme::GREY) };
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(color, format!("{mark} {} ({} point{})", o.text, o.points, if o.points == 1 { "" } else { "s" }));
            if o.met {
                ui.label(RichText::new(&o.evidence).weak());
            }
        });
    }
    ui.add_space(6.0);
    ui.heading("The crises");
    for (k, p) in r.parts.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{} as {}: {}", p.name, p.role_name, p.outcome_text));
            if l.review && ui.button("Open its debrief").on_hover_text("Replays the student's orders with the class seed").clicked() {
                actions.send(cmd::LessonCommand::ReviewPart(k));
            }
        });
    }
    let right = r.quiz.iter().filter(|q| q.correct).count();
    ui.label(format!("Quiz: {right} of {} right", r.quiz.len()));
    if l.review {
        for q in &r.quiz {
            ui.label(format!("{} {}", if q.correct { "✔" } else { "✖" }, q.question));
            ui.label(RichText::new(format!("    answer: {}", if q.answer.is_empty() { "(none)" } else { &q.answer })).weak());
        }
    }
    ui.add_space(6.0);
    ui.heading("Debrief");
    for (i, q) in d.debrief.iter().enumerate() {
        ui.label(RichText::new(q).strong());
        let mut t = l.attempt.debrief.get(i).cloned().unwrap_or_default();
        if l.review {
            ui.label(if t.trim().is_empty() { "(no answer)" } else { t.as_str() });
        } else if ui.add(egui::TextEdit::multiline(&mut t).desired_rows(3).desired_width(f32::INFINITY)).changed() {
            actions.send(cmd::LessonCommand::DebriefAnswer(i, t));
        }
    }
    if !r.notes.is_empty() {
        egui::CollapsingHeader::new("Notes written during play").show(ui, |ui| {
            for n in &r.notes {
                ui.label(RichText::new(&n.question).italics());
                ui.label(&n.answer);
            }
        });
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if !l.review && ui.button(RichText::new("Save the report (Markdown and JSON)").strong()).clicked() {
            actions.send(cmd::LessonCommand::SaveReport);
        }
        if ui.button("Back to the menu").clicked() {
            actions.send(cmd::Navigate::Screen(crate::game::state::Screen::Menu));
        }
    });
    if let Some((md, json)) = &l.saved {
        ui.label(RichText::new(format!("Saved: {}  and  {}", md.display(), json.display())).color(theme::BLUE));
    }
}

/// The guiding questions of this moment, each with a place for a note.
/// The guiding questions shown now, with the moment they belong to.
fn guiding_open(w: &World) -> Option<(Moment, Vec<(usize, &crate::lesson::RawGuiding)>)> {
    let l = w.get_resource::<ActiveLesson>()?;
    if l.review || !l.began {
        return None;
    }
    let moment = ActiveLesson::moment(w)?;
    let open: Vec<(usize, &crate::lesson::RawGuiding)> =
        l.def.guiding_at(l.part, moment).filter(|(i, _)| !l.dismissed.contains(i)).collect();
    (!open.is_empty()).then_some((moment, open))
}

/// Whether a guiding question is on screen.
pub fn guiding_shown(w: &World) -> bool {
    guiding_open(w).is_some()
}

pub fn guiding(ctx: &egui::Context, w: &World, tiles: &super::layout::Layout, actions: &mut Outbox) {
    let (Some((moment, open)), Some(l)) = (guiding_open(w), w.get_resource::<ActiveLesson>()) else { return };
    // Over the map's lower left, clear of the turn's windows at the top and the legend on the right.
    let anchor = if moment == Moment::Debrief { egui::Align2::RIGHT_BOTTOM } else { egui::Align2::LEFT_BOTTOM };
    let offset = if moment == Moment::Debrief { [-12.0, -12.0] } else { [490.0, -130.0] };
    let window = egui::Window::new("Think about it").default_width(320.0);
    let window = tiles.place(super::layout::Slot::Guiding, window, |w| w.anchor(anchor, offset));
    window.collapsible(true).resizable(false).show(ctx, |ui| {
        ui.label(RichText::new("A question from your lesson. A note here goes into your report.").weak());
        for (i, g) in open {
            ui.separator();
            ui.label(RichText::new(&g.text).strong());
            let mut t = l.attempt.notes.get(&i).cloned().unwrap_or_default();
            if ui.add(egui::TextEdit::multiline(&mut t).desired_rows(2).desired_width(300.0).hint_text("your note (optional)")).changed() {
                actions.send(cmd::LessonCommand::Note(i, t));
            }
            if ui.small_button("Done").clicked() {
                actions.send(cmd::LessonCommand::DismissGuiding(i));
            }
        }
    });
}
