//! What-if variants: a file that extends a shipped level and changes only what it names
//! (a state joins the institution, oil is added to the sanctions, a rule of the Council changes).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::diagnostics::{Diagnostic, did_you_mean};
use super::raw::*;
use super::spans::SpanIndex;
use super::validate::WARNINGS;

/// A what-if variant of another level.
#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "Variant")]
pub struct RawVariant {
    /// The level it changes, by file stem: the file beside the variant, else in `levels/` under the current
    /// directory, else among the shipped levels; for example `"abyssinia_1935"`.
    pub extends: String,
    /// Its own id (file stem).
    pub id: String,
    pub name: String,
    /// What is different, in one paragraph.
    pub summary: String,
    /// States that join the institution from the start.
    #[serde(default)]
    pub join: Vec<String>,
    /// States that are not members.
    #[serde(default)]
    pub leave: Vec<String>,
    /// Changes to states' figures; fields left out keep the base level's values.
    #[serde(default)]
    pub state_changes: Vec<StateChange>,
    /// New rules for bodies.
    #[serde(default)]
    pub rules: Vec<RuleChange>,
    /// Orders added to a playable state's historical choices.
    #[serde(default)]
    pub add_orders: Vec<AddOrders>,
    /// Dated events of the base level to drop, by kind name (`"Boycott"`, `"Return"`, `"NoInstructions"`, `"Join"`, `"News"`).
    #[serde(default)]
    pub drop_events: Vec<String>,
    /// Changes to blocs: how firmly they are held, who is in them, the area they cover.
    #[serde(default)]
    pub bloc_changes: Vec<BlocChange>,
    /// Blocs added, written as in a level (`Bloc(id: ..., name: ..., kind: CollectiveDefence, members: [...])`):
    /// a pact that was never signed.
    #[serde(default)]
    pub add_blocs: Vec<RawBloc>,
    /// Dated events added, written as in a level (`(date: "1950-06-20", kind: Return(state: "SUN", body:
    /// SecurityCouncil), text: "...")`): a delegate who came back sooner, a state that joined earlier.
    #[serde(default)]
    pub add_events: Vec<RawEvent>,
    /// Changes to the crisis: the aggressor's appetite, each side's readiness, the claim's credibility.
    #[serde(default)]
    pub crisis_changes: Option<CrisisChange>,
    /// Historical orders removed: a playable state that chose otherwise (France does not concede at Munich).
    #[serde(default)]
    pub drop_orders: Vec<DropOrders>,
    /// Whether the General Assembly may act under Uniting for Peace from the start (it was adopted in
    /// November 1950).
    #[serde(default)]
    pub uniting_for_peace: Option<bool>,
    /// Warnings the variant accepts, as a level's `allow` (`W004-event-never-happens` for an event it adds
    /// after the last turn on purpose); the base level's stay allowed.
    #[serde(default)]
    pub allow: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "DropOrders")]
pub struct DropOrders {
    /// A playable state of the base level.
    pub state: String,
    /// The turn whose orders are dropped, counted from 1 as the level's `historical` orders are; left out, every
    /// turn's.
    #[serde(default)]
    pub turn: Option<u32>,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "BlocChange")]
pub struct BlocChange {
    /// The bloc's id in the base level.
    pub id: String,
    /// How firmly members honour it, 0 to 1.
    #[serde(default)]
    pub cohesion: Option<f32>,
    /// States that join the bloc (Ukraine in NATO).
    #[serde(default)]
    pub join: Vec<String>,
    /// States that leave it.
    #[serde(default)]
    pub leave: Vec<String>,
    /// A new treaty area; `area: None`, written out, removes the base level's (every member is covered).
    #[serde(default)]
    pub area: Option<Vec<String>>,
    /// A member whose fighting first the others' obligation waits for; `after: None`, written out, removes the
    /// wait of the base level (left out, it stays).
    #[serde(default)]
    pub after: Option<String>,
    /// A new treaty region, `((west, south), (east, north))`; `region: None`, written out, removes the base
    /// level's (the treaty obliges wherever the crisis lies).
    #[serde(default)]
    pub region: Option<((f32, f32), (f32, f32))>,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default)]
#[serde(deny_unknown_fields, rename = "CrisisChange")]
pub struct CrisisChange {
    /// The aggressor's appetite, 0 to 1.
    #[serde(default)]
    pub appetite: Option<f32>,
    /// Readiness of the aggressor's forces in the theatre.
    #[serde(default)]
    pub aggressor_readiness: Option<f32>,
    /// Readiness of the victim's forces.
    #[serde(default)]
    pub victim_readiness: Option<f32>,
    /// How believable the aggressor's claim of self-defence is, 0 to 1.
    #[serde(default)]
    pub self_defence: Option<f32>,
    /// Share of the aggressor's oil that it imports, 0 to 1.
    #[serde(default)]
    pub oil_imported: Option<f32>,
    /// New ranges for the run's seeded draws.
    #[serde(default)]
    pub uncertainty: Option<Uncertainty>,
    /// The theatre's seasons, in place of the base level's (`Some([])`: campaigning in every season).
    #[serde(default)]
    pub seasons: Option<Vec<Season>>,
    /// Whether the crisis opens with the attack under way: `Some(false)` opens it before the first shot, so
    /// that the aggressor decides whether to attack at all (what a deterrent in place before the crisis asks).
    #[serde(default)]
    pub attack_under_way: Option<bool>,
    /// Share of the contested ground the aggressor holds when the level opens, 0 to 1 (with
    /// `attack_under_way: Some(false)`, what it held before the crisis).
    #[serde(default)]
    pub control: Option<f32>,
    /// Share of the claim one concession by the victim hands over, 0 to 1; a third state's hands over that
    /// times its leverage, `max(ties_victim, 0) + interest` (at most 1). Munich's is 1.0.
    #[serde(default)]
    pub concession: Option<f32>,
    /// The share of the claim the aggressor means to take, from the ground it held before the crisis to 1
    /// (`Some(1.0)`: all it claims). What-ifs of war aims: an aggressor that wanted less, or more.
    #[serde(default)]
    pub aim: Option<f32>,
    /// Whether the aggressor, holding its aim, goes home (`Some(true)`) or keeps what it took (`Some(false)`).
    #[serde(default)]
    pub punitive: Option<bool>,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "StateChange")]
pub struct StateChange {
    pub id: String,
    #[serde(default)]
    pub ties_aggressor: Option<f32>,
    #[serde(default)]
    pub ties_victim: Option<f32>,
    #[serde(default)]
    pub trade_aggressor: Option<f32>,
    #[serde(default)]
    pub oil_aggressor: Option<f32>,
    #[serde(default)]
    pub commitment: Option<f32>,
    #[serde(default)]
    pub domestic: Option<f32>,
    #[serde(default)]
    pub distraction: Option<f32>,
    /// Stake in the theatre, 0 to 1.
    #[serde(default)]
    pub interest: Option<f32>,
    /// Power (CINC).
    #[serde(default)]
    pub cinc: Option<f32>,
    /// Holds nuclear weapons.
    #[serde(default)]
    pub nuclear: Option<bool>,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "RuleChange")]
pub struct RuleChange {
    pub body: BodyKind,
    pub rule: VotingRule,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "AddOrders")]
pub struct AddOrders {
    pub state: String,
    pub turn: u32,
    pub orders: Vec<Order>,
}

/// Whether a source is a variant rather than a whole level.
pub fn is_variant(src: &str) -> bool {
    src.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("//")).is_some_and(|l| l.starts_with("Variant("))
}

/// The what-if variants in `dir` that extend the level `id`, in file order, with their files: the historians'
/// what-ifs a debrief sets beside the crisis. A file that is not a variant, or cannot be read or parsed, is left
/// out here (`check` says why).
pub fn variants_of(id: &str, dir: &Path) -> Vec<(PathBuf, RawVariant)> {
    crate::files::ron_files(dir)
        .into_iter()
        .filter_map(|path| {
            let src = crate::files::read_text(&path).ok()?;
            let v: RawVariant = is_variant(&src).then(|| super::ron_options().from_str(&src).ok()).flatten()?;
            (v.extends == id).then_some((path, v))
        })
        .collect()
}

/// The file of the level `extends` names: beside the variant, else in `levels/`.
fn find_base(extends: &str, dir: Option<&Path>, levels_dir: &Path) -> Option<PathBuf> {
    let candidates = [dir.map(|d| d.join(format!("{extends}.ron"))), Some(levels_dir.join(format!("{extends}.ron")))];
    candidates.into_iter().flatten().find(|p| crate::files::exists(p))
}

/// The file of the level a variant file extends, so that an edit to it can be noticed too; `None` for a whole
/// level, or a file that cannot be read or parsed (its own check reports why).
pub fn base_file(path: &Path) -> Option<PathBuf> {
    let src = crate::files::read_text(path).ok()?;
    if !is_variant(&src) {
        return None;
    }
    let v: RawVariant = super::ron_options().from_str(&src).ok()?;
    let plain = !v.extends.is_empty() && v.extends.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    plain.then(|| find_base(&v.extends, path.parent(), &crate::files::levels_dir())).flatten()
}

/// Reads the base level and applies the variant, with warnings about changes that change nothing. Errors and
/// warnings point into the variant file.
pub fn apply(v: &RawVariant, src: &str, dir: Option<&Path>, levels_dir: &Path) -> Result<(RawLevel, Vec<Diagnostic>), Vec<Diagnostic>> {
    let spans = SpanIndex::build(src);
    let mut base = load_base(v, dir, levels_dir, &spans)?;
    let errs = check_changes(v, &base, &spans);
    if !errs.is_empty() {
        return Err(errs);
    }
    let warnings = idle_changes(v, &base, &spans);
    merge(v, &mut base, &spans);
    // A what-if is not history: the record stays, but the fidelity table does not judge variants.
    Ok((base, warnings))
}

/// The level a variant extends: a plain id, found beside the variant or among the shipped levels, a whole
/// level and not another variant.
fn load_base(v: &RawVariant, dir: Option<&Path>, levels_dir: &Path, spans: &SpanIndex) -> Result<RawLevel, Vec<Diagnostic>> {
    // A plain level id: never a path that reaches outside the level folders.
    if v.extends.is_empty() || !v.extends.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return Err(vec![
            Diagnostic::error(
                "extends",
                format!(
                    "`{}` is not a level id: give the id of a level beside this file or in levels/ (letters, digits, `_` and `-`)",
                    v.extends
                ),
            )
            .locate(spans),
        ]);
    }
    let Some(base_path) = find_base(&v.extends, dir, levels_dir) else {
        let known: Vec<String> = crate::files::ron_files(levels_dir)
            .into_iter()
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect();
        return Err(vec![
            Diagnostic::error("extends", format!("no level `{}` to extend", v.extends))
                .suggest(did_you_mean(&v.extends, known.iter().map(|s| s.as_str())))
                .locate(spans),
        ]);
    };
    let base_src = crate::files::read_text(&base_path)
        .map_err(|e| vec![Diagnostic::error("extends", format!("cannot read {}: {e}", base_path.display())).locate(spans)])?;
    if is_variant(&base_src) {
        return Err(vec![Diagnostic::error("extends", "a variant extends a whole level, not another variant").locate(spans)]);
    }
    super::ron_options().from_str(&base_src).map_err(|e| {
        vec![Diagnostic::error("extends", format!("the base level {} does not parse: {}", base_path.display(), e.code)).locate(spans)]
    })
}

/// Every change must name what the base level has: its states, playable states, bodies, blocs, turns and
/// kinds of events. Every mistake is reported, each at its own field.
fn check_changes(v: &RawVariant, base: &RawLevel, spans: &SpanIndex) -> Vec<Diagnostic> {
    let ids: Vec<String> = base.states.iter().map(|s| s.id.clone()).collect();
    let mut errs = Vec::new();
    let check = |path: String, id: &str, errs: &mut Vec<Diagnostic>| {
        if !ids.iter().any(|i| i == id) {
            errs.push(
                Diagnostic::error(path, format!("unknown state `{id}` in the base level `{}`", v.extends))
                    .suggest(did_you_mean(id, ids.iter().map(|s| s.as_str())))
                    .locate(spans),
            );
        }
    };
    for (i, id) in v.join.iter().enumerate() {
        check(format!("join[{i}]"), id, &mut errs);
    }
    for (i, id) in v.leave.iter().enumerate() {
        check(format!("leave[{i}]"), id, &mut errs);
    }
    let what = format!("the institution in `{}`", v.extends);
    errs.extend(membership_changes("", (&v.join, &v.leave), &base.institution.members, &what, base, spans));
    for (i, c) in v.state_changes.iter().enumerate() {
        check(format!("state_changes[{i}].id"), &c.id, &mut errs);
    }
    for (i, a) in v.allow.iter().enumerate().filter(|(_, a)| !WARNINGS.contains(&a.as_str())) {
        errs.push(
            Diagnostic::error(format!("allow[{i}]"), format!("unknown warning id `{a}`: expected one of {}", WARNINGS.join(", ")))
                .suggest(did_you_mean(a, WARNINGS))
                .locate(spans),
        );
    }
    check_orders_and_rules(v, base, spans, &mut errs);
    check_bloc_changes(v, base, spans, &check, &mut errs);
    check_drops(v, base, spans, &mut errs);
    errs
}

/// A state that is not playable in the base level, with the nearest playable one.
fn not_playable(v: &RawVariant, playable: &[&str], spans: &SpanIndex, path: String, state: &str) -> Diagnostic {
    Diagnostic::error(path, format!("`{state}` is not playable in `{}`: its playable states are {}", v.extends, playable.join(", ")))
        .suggest(did_you_mean(state, playable.iter().copied()))
        .locate(spans)
}

/// Orders added for playable states of the base level, and rules for its bodies.
fn check_orders_and_rules(v: &RawVariant, base: &RawLevel, spans: &SpanIndex, errs: &mut Vec<Diagnostic>) {
    let playable: Vec<&str> = base.playable.iter().map(|p| p.state.as_str()).collect();
    for (i, a) in v.add_orders.iter().enumerate() {
        if !playable.contains(&a.state.as_str()) {
            errs.push(not_playable(v, &playable, spans, format!("add_orders[{i}].state"), &a.state));
        }
    }
    for (i, r) in v.rules.iter().enumerate() {
        if !base.institution.bodies.iter().any(|b| b.kind == r.body) {
            errs.push(Diagnostic::error(format!("rules[{i}].body"), format!("`{}` has no {:?}", v.extends, r.body)).locate(spans));
        }
    }
}

/// Orders dropped for playable states of the base level, within its turns; events of known kinds.
fn check_drops(v: &RawVariant, base: &RawLevel, spans: &SpanIndex, errs: &mut Vec<Diagnostic>) {
    let playable: Vec<&str> = base.playable.iter().map(|p| p.state.as_str()).collect();
    for (i, d) in v.drop_orders.iter().enumerate() {
        if !playable.contains(&d.state.as_str()) {
            errs.push(not_playable(v, &playable, spans, format!("drop_orders[{i}].state"), &d.state));
        }
        // Turns are counted from 1, as a level's `historical` orders and `add_orders` count them.
        if let Some(t) = d.turn.filter(|t| *t == 0 || *t as usize > base.turns.len()) {
            errs.push(
                Diagnostic::error(
                    format!("drop_orders[{i}].turn"),
                    format!("turn {t} does not exist in `{}`: expected 1 to {}", v.extends, base.turns.len()),
                )
                .locate(spans),
            );
        }
    }
    const KINDS: [&str; 6] = ["Boycott", "Return", "NoInstructions", "Join", "UnitingForPeace", "News"];
    for (i, k) in v.drop_events.iter().enumerate() {
        if !KINDS.contains(&k.as_str()) {
            errs.push(
                Diagnostic::error(format!("drop_events[{i}]"), format!("unknown event kind `{k}`: expected one of {}", KINDS.join(", ")))
                    .suggest(did_you_mean(k, KINDS))
                    .locate(spans),
            );
        }
    }
}

/// Bloc changes: blocs of the base level, states of the base level.
fn check_bloc_changes(
    v: &RawVariant,
    base: &RawLevel,
    spans: &SpanIndex,
    check: &dyn Fn(String, &str, &mut Vec<Diagnostic>),
    errs: &mut Vec<Diagnostic>,
) {
    for (i, b) in v.bloc_changes.iter().enumerate() {
        if !base.blocs.iter().any(|x| x.id == b.id) {
            let known: Vec<&str> = base.blocs.iter().map(|x| x.id.as_str()).collect();
            errs.push(
                Diagnostic::error(format!("bloc_changes[{i}].id"), format!("no bloc `{}` in `{}`", b.id, v.extends))
                    .suggest(did_you_mean(&b.id, known))
                    .locate(spans),
            );
        }
        for (j, id) in b.join.iter().enumerate() {
            check(format!("bloc_changes[{i}].join[{j}]"), id, errs);
        }
        for (j, id) in b.leave.iter().enumerate() {
            check(format!("bloc_changes[{i}].leave[{j}]"), id, errs);
        }
        for (j, id) in b.area.iter().flatten().enumerate() {
            check(format!("bloc_changes[{i}].area[{j}]"), id, errs);
        }
        if let Some(id) = &b.after {
            check(format!("bloc_changes[{i}].after"), id, errs);
        }
        if let Some(base_bloc) = base.blocs.iter().find(|x| x.id == b.id) {
            check_bloc_members(i, b, base, base_bloc, spans, errs);
        }
    }
}

/// Who joins must not be in already, who leaves must be in, and a bloc keeps a member (the state its obligation
/// waits `after` may be outside it: France, for the Soviet-Czechoslovak treaty of 1935).
fn check_bloc_members(i: usize, b: &BlocChange, level: &RawLevel, base: &RawBloc, spans: &SpanIndex, errs: &mut Vec<Diagnostic>) {
    let p = format!("bloc_changes[{i}]");
    errs.extend(membership_changes(&format!("{p}."), (&b.join, &b.leave), &base.members, &format!("bloc `{}`", b.id), level, spans));
    let kept = base.members.iter().chain(&b.join).any(|m| !b.leave.contains(m));
    if !kept && !b.leave.is_empty() {
        errs.push(
            Diagnostic::error(
                format!("{p}.leave"),
                format!("every member leaves bloc `{}`: to remove a pact, set its `cohesion` to 0.0", b.id),
            )
            .locate(spans),
        );
    }
}

/// `join` names states not yet in `what`, `leave` states in it, each reported at its own entry (`prefix`
/// names the change, empty for the institution). A state the base level lacks is reported once, as unknown.
fn membership_changes(
    prefix: &str,
    change: (&[String], &[String]),
    members: &[String],
    what: &str,
    base: &RawLevel,
    spans: &SpanIndex,
) -> Vec<Diagnostic> {
    let known = |id: &&String| base.states.iter().any(|s| &s.id == *id);
    let mut errs = Vec::new();
    for (j, id) in change.0.iter().enumerate().filter(|(_, id)| members.contains(id)) {
        errs.push(Diagnostic::error(format!("{prefix}join[{j}]"), format!("`{id}` is already a member of {what}")).locate(spans));
    }
    for (j, id) in change.1.iter().enumerate().filter(|(_, id)| known(id) && !members.contains(id)) {
        errs.push(
            Diagnostic::error(format!("{prefix}leave[{j}]"), format!("`{id}` is not a member of {what}, so it cannot leave")).locate(spans),
        );
    }
    errs
}

/// The base level with the variant's changes made.
fn merge(v: &RawVariant, base: &mut RawLevel, spans: &SpanIndex) {
    // A what-if keeps the record of the real bodies: where it changes a body, the record may name states
    // outside it or count more ballots than it now has seats.
    let outside = super::validate::W_RECORD_OUTSIDE_BODY;
    // Nor is a recorded vote whose motion the what-if drops (no state tables it) a slip: it is the what-if.
    let dropped = super::validate::W_VOTE_WITHOUT_MOTION;
    for a in v.allow.iter().map(String::as_str).chain([outside, dropped]) {
        if !base.allow.iter().any(|b| b == a) {
            base.allow.push(a.into());
        }
    }
    base.id = v.id.clone();
    base.name = v.name.clone();
    base.summary = format!("{} What if: {}", base.summary, v.summary);
    for id in &v.join {
        if !base.institution.members.contains(id) {
            base.institution.members.push(id.clone());
        }
    }
    base.institution.members.retain(|m| !v.leave.contains(m));
    for b in &mut base.institution.bodies {
        b.members.retain(|m| !v.leave.contains(m));
        if let Some(r) = v.rules.iter().find(|r| r.body == b.kind) {
            b.rule = r.rule;
        }
    }
    for c in &v.state_changes {
        if let Some(s) = base.states.iter_mut().find(|s| s.id == c.id) {
            let set = |to: &mut f32, from: Option<f32>| {
                if let Some(x) = from {
                    *to = x;
                }
            };
            set(&mut s.ties_aggressor, c.ties_aggressor);
            set(&mut s.ties_victim, c.ties_victim);
            set(&mut s.trade_aggressor, c.trade_aggressor);
            set(&mut s.oil_aggressor, c.oil_aggressor);
            set(&mut s.commitment, c.commitment);
            set(&mut s.domestic, c.domestic);
            set(&mut s.distraction, c.distraction);
            set(&mut s.interest, c.interest);
            set(&mut s.cinc, c.cinc);
            if let Some(n) = c.nuclear {
                s.nuclear = n;
            }
        }
    }
    apply_blocs(base, &v.bloc_changes, spans);
    if let Some(c) = &v.crisis_changes {
        apply_crisis(&mut base.crisis, c);
    }
    for d in &v.drop_orders {
        if let Some(p) = base.playable.iter_mut().find(|p| p.state == d.state) {
            let (dropped, kept) = std::mem::take(&mut p.historical).into_iter().partition(|c| d.turn.is_none_or(|t| t == c.turn));
            p.historical = kept;
            p.withheld.extend::<Vec<RawChoice>>(dropped);
        }
    }
    if let Some(u) = v.uniting_for_peace {
        base.institution.uniting_for_peace = u;
    }
    for a in &v.add_orders {
        if let Some(p) = base.playable.iter_mut().find(|p| p.state == a.state) {
            p.historical.push(RawChoice { turn: a.turn, orders: a.orders.clone() });
        }
    }
    base.events.retain(|e| !v.drop_events.iter().any(|d| d == kind_name(&e.kind)));
    base.events.extend(v.add_events.iter().cloned());
    base.blocs.extend(v.add_blocs.iter().cloned());
}

/// An event kind's name, as `drop_events` writes it.
fn kind_name(kind: &EventKind) -> &'static str {
    match kind {
        EventKind::Boycott { .. } => "Boycott",
        EventKind::Return { .. } => "Return",
        EventKind::NoInstructions { .. } => "NoInstructions",
        EventKind::Join { .. } => "Join",
        EventKind::UnitingForPeace => "UnitingForPeace",
        EventKind::News => "News",
    }
}

/// Changes that would silently change nothing in the base level: events it does not have, orders it does
/// not give.
fn idle_changes(v: &RawVariant, base: &RawLevel, spans: &SpanIndex) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, k) in v.drop_events.iter().enumerate() {
        if !base.events.iter().any(|e| kind_name(&e.kind) == k) {
            out.push(
                Diagnostic::warning(format!("drop_events[{i}]"), format!("`{}` has no `{k}` event: nothing is dropped", v.extends))
                    .code("nothing_dropped")
                    .locate(spans),
            );
        }
    }
    for (i, d) in v.drop_orders.iter().enumerate() {
        let Some(p) = base.playable.iter().find(|p| p.state == d.state) else { continue };
        if !p.historical.iter().any(|c| d.turn.is_none_or(|t| t == c.turn)) {
            let when = d.turn.map_or("on any turn".to_string(), |t| format!("on turn {t}"));
            out.push(
                Diagnostic::warning(
                    format!("drop_orders[{i}]"),
                    format!("`{}` gives no historical orders {when} in `{}`: nothing is dropped", d.state, v.extends),
                )
                .code("nothing_dropped")
                .locate(spans),
            );
        }
    }
    out
}

/// A bloc's changes. `after: None`, `area: None` or `region: None`, written out, removes the base level's
/// wait, treaty area or region; left out, it stays.
fn apply_blocs(base: &mut RawLevel, changes: &[BlocChange], spans: &SpanIndex) {
    for (i, c) in changes.iter().enumerate() {
        let Some(b) = base.blocs.iter_mut().find(|b| b.id == c.id) else { continue };
        if let Some(x) = c.cohesion {
            b.cohesion = x;
        }
        for id in &c.join {
            if !b.members.contains(id) {
                b.members.push(id.clone());
            }
        }
        b.members.retain(|m| !c.leave.contains(m));
        let written = |field: &str| spans.has(&format!("bloc_changes[{i}].{field}"));
        if c.area.is_some() || written("area") {
            b.area = c.area.clone();
        }
        if c.after.is_some() || written("after") {
            b.after = c.after.clone();
        }
        if c.region.is_some() || written("region") {
            b.region = c.region;
        }
    }
}

fn apply_crisis(crisis: &mut RawCrisis, c: &CrisisChange) {
    for (to, from) in [
        (&mut crisis.appetite, c.appetite),
        (&mut crisis.aggressor_readiness, c.aggressor_readiness),
        (&mut crisis.victim_readiness, c.victim_readiness),
        (&mut crisis.self_defence, c.self_defence),
        (&mut crisis.oil_imported, c.oil_imported),
        (&mut crisis.control, c.control),
        (&mut crisis.concession, c.concession),
    ] {
        if let Some(x) = from {
            *to = x;
        }
    }
    if let Some(u) = c.uncertainty {
        crisis.uncertainty = u;
    }
    if let Some(s) = &c.seasons {
        crisis.seasons = s.clone();
    }
    if let Some(a) = c.attack_under_way {
        crisis.attack_under_way = a;
    }
    if c.aim.is_some() {
        crisis.aim = c.aim;
    }
    if let Some(p) = c.punitive {
        crisis.punitive = p;
    }
}

/// Where the entries a variant added begin in the merged level's lists.
pub struct Added {
    pub events: usize,
    pub blocs: usize,
}

impl Added {
    /// A diagnostic of the merged level: one about an added event or bloc is renamed to the variant's own
    /// field and placed at its line; the others are placed at the variant's first line.
    pub fn locate(&self, d: Diagnostic, spans: &SpanIndex) -> Diagnostic {
        for (list, field, first) in [("events", "add_events", self.events), ("blocs", "add_blocs", self.blocs)] {
            let Some(rest) = d.path.strip_prefix(list).and_then(|r| r.strip_prefix('[')) else { continue };
            let Some((ix, tail)) = rest.split_once(']') else { continue };
            if let Some(k) = ix.parse::<usize>().ok().and_then(|i| i.checked_sub(first)) {
                let path = format!("{field}[{k}]{tail}");
                let mut d = d;
                d.path = path;
                return d.locate(spans);
            }
        }
        changed_by(d, spans)
    }
}

/// The variant's fields that change each part of the level, in the order to look for them.
const CHANGED_BY: [(&str, &[&str]); 6] = [
    ("crisis", &["crisis_changes"]),
    ("states", &["state_changes", "join", "leave"]),
    ("blocs", &["bloc_changes", "join", "leave"]),
    ("institution", &["rules", "uniting_for_peace", "leave", "join"]),
    ("playable", &["add_orders", "drop_orders"]),
    ("events", &["drop_events", "add_events"]),
];

/// A problem in the merged level that the variant's own text does not hold is placed at the variant's field
/// that changed that part of the level (`crisis.appetite` at `crisis_changes.appetite`), and says where in
/// the level it lies. Only a problem no field of the variant touches stays at its first line.
fn changed_by(mut d: Diagnostic, spans: &SpanIndex) -> Diagnostic {
    let (head, tail) = d.path.split_once(['.', '[']).map_or((d.path.as_str(), ""), |(h, _)| (h, &d.path[h.len()..]));
    let Some((_, fields)) = CHANGED_BY.iter().find(|(part, _)| *part == head) else {
        return d.at(crate::level::spans::Pos { line: 1, col: 1 });
    };
    let exact = fields.iter().map(|f| format!("{f}{tail}")).find(|p| spans.has(p));
    let Some(field) = exact.or_else(|| fields.iter().find(|f| spans.has(f)).map(|f| f.to_string())) else {
        return d.at(crate::level::spans::Pos { line: 1, col: 1 });
    };
    d.message = format!("{} (`{}` of the level as this variant changes it)", d.message, d.path);
    d.path = field;
    d.line = 0;
    d.locate(spans)
}
