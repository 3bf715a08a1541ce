//! The one validator: every check a level must pass, used by the game, `check` and the tests.
//! It reports every problem it finds, then builds the typed level only if there are no errors.

use std::collections::{BTreeSet, HashMap};

use super::date::Date;
use super::diagnostics::{Diagnostic, Severity, did_you_mean};
use super::raw::*;
use super::typed::*;

struct Ctx<'a> {
    allow: &'a [String],
    ids: HashMap<&'a str, StateIx>,
    all_ids: Vec<&'a str>,
    /// Each state's id and name, for hints.
    names: Vec<(&'a str, &'a str)>,
    /// Map territories drawn as part of another state (a group's members), by code: for hints.
    drawn_in: HashMap<&'a str, &'a str>,
    out: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    fn err(&mut self, path: impl Into<String>, msg: impl Into<String>) {
        self.out.push(Diagnostic::error(path, msg));
    }
    /// A warning with its id; a level silences it by listing the id in `allow`.
    fn warn(&mut self, code: &'static str, path: impl Into<String>, msg: impl Into<String>) {
        if !self.allow.iter().any(|a| a == code) {
            self.out.push(Diagnostic::warning(path, msg).code(code));
        }
    }
    /// Resolves a state id, reporting an unknown one with the nearest known id.
    fn state(&mut self, path: impl Into<String>, id: &str) -> Option<StateIx> {
        match self.ids.get(id) {
            Some(ix) => Some(*ix),
            None => {
                let d = Diagnostic::error(path, format!("unknown state `{id}`: expected the id of a state listed in `states`")).suggest(
                    self.inside(id)
                        .or_else(|| self.named_by_iso(id))
                        .or_else(|| self.named_by_cow(id))
                        .or_else(|| did_you_mean(id, self.all_ids.iter().copied())),
                );
                self.out.push(d);
                None
            }
        }
    }
    /// Where `id` is a territory the map draws as part of a state the level lists (a group's member).
    fn inside(&self, id: &str) -> Option<String> {
        let group = self.drawn_in.get(id)?;
        Some(format!(
            "`{id}` is drawn on the map as part of `{group}` and is not listed alone: name `{group}`, or list `{id}` alone in `states` (a recorded ballot names only states listed alone; the tally counts the rest)"
        ))
    }
    /// Where `id` is the ISO code of a state the level lists under another id (`BGR` for its `BUL`, Bulgaria).
    fn named_by_iso(&self, id: &str) -> Option<String> {
        let names = super::iso::names(id)?;
        let (sid, name) = self.names.iter().find(|(_, n)| names.iter().any(|x| x.eq_ignore_ascii_case(n)))?;
        Some(format!("did you mean `{sid}`? (`{id}` is the ISO code of {name}, whom this level calls `{sid}`)"))
    }
    /// Where `id` is the Correlates of War abbreviation of a state the level lists by its ISO code (`HON` for its
    /// `HND`, Honduras): the NMC data modders take power from spells states so.
    fn named_by_cow(&self, id: &str) -> Option<String> {
        let iso = super::iso::iso_of_cow(id).filter(|iso| self.ids.contains_key(*iso))?;
        Some(format!(
            "did you mean `{iso}`? (`{id}` is the Correlates of War code of the state whose ISO code is `{iso}`; levels use ISO codes)"
        ))
    }
    fn range(&mut self, path: String, v: f32, lo: f32, hi: f32) {
        if !v.is_finite() || v < lo || v > hi {
            self.err(path, format!("value {v} out of range: expected a number from {lo} to {hi}"));
        }
    }
    fn date(&mut self, path: String, s: &str) -> Option<Date> {
        match Date::parse(s) {
            Ok(d) => Some(d),
            Err(e) => {
                self.err(path, e);
                None
            }
        }
    }
}

/// The states a bloc's treaty covers: an empty list is refused, since it would oblige no one ever.
fn bloc_area(cx: &mut Ctx, p: &str, b: &RawBloc) -> Vec<StateIx> {
    let Some(area) = &b.area else { return Vec::new() };
    if area.is_empty() {
        cx.err(
            format!("{p}.area"),
            format!("bloc `{}` has an empty treaty area: list the states it covers, or leave `area` out to cover every member", b.id),
        );
    }
    area.iter().enumerate().filter_map(|(j, id)| cx.state(format!("{p}.area[{j}]"), id)).collect()
}

/// A treaty region: real longitudes and latitudes, west of east and south of north.
fn bloc_region(cx: &mut Ctx, p: &str, region: Option<((f32, f32), (f32, f32))>) {
    let Some(((w, s), (e, n))) = region else { return };
    let path = format!("{p}.region");
    for (v, lo, hi) in [(w, -180.0, 180.0), (e, -180.0, 180.0), (s, -90.0, 90.0), (n, -90.0, 90.0)] {
        cx.range(path.clone(), v, lo, hi);
    }
    if w >= e || s >= n {
        cx.err(
            path,
            format!(
                "the region (({w}, {s}), ({e}, {n})) is empty: write ((west, south), (east, north)), west below east and south below north"
            ),
        );
    }
}

/// The area of the map's theatre regions, or the default when there are none.
fn theatre_area(map: &MapDef) -> f32 {
    let a: f32 = map.regions.iter().filter(|r| r.theatre).map(|r| polygon_km2(&r.polygon)).sum();
    if a > 0.0 { a } else { DEFAULT_AREA_KM2 }
}

/// Each range of the run's seeded draws is a half-width from 0 to 1.
fn check_uncertainty(cx: &mut Ctx, u: &Uncertainty) {
    for (name, v) in u.ranges() {
        cx.range(format!("crisis.uncertainty.{name}"), v, 0.0, 1.0);
    }
}

/// At most `MAX_SEASONS` seasons, each named, on days that exist, with a pace from 0 to 1.
fn check_seasons(cx: &mut Ctx, seasons: &[Season]) {
    if seasons.len() > MAX_SEASONS {
        cx.err("crisis.seasons", format!("{} seasons: at most {MAX_SEASONS}", seasons.len()));
        return;
    }
    for (i, s) in seasons.iter().enumerate() {
        let p = format!("crisis.seasons[{i}]");
        if s.name.trim().is_empty() {
            cx.err(format!("{p}.name"), "a season needs a name for the newswire");
        }
        for (field, (month, day)) in [("from", s.from), ("to", s.to)] {
            // A leap year, so that (2, 29) is a day of the year.
            if Date::parse(&format!("2000-{month:02}-{day:02}")).is_err() {
                cx.err(
                    format!("{p}.{field}"),
                    format!("({month}, {day}) is not a day of the year: expected (month 1 to 12, day of that month)"),
                );
            }
        }
        cx.range(format!("{p}.pace"), s.pace, 0.0, 1.0);
    }
}

/// The most seasons a theatre may have.
pub const MAX_SEASONS: usize = 12;

/// Warning ids: a level lists the ones it accepts in `allow` to silence them.
pub const W_NOT_ISO: &str = "W001-not-iso";
pub const W_CINC_SUM: &str = "W002-cinc-sum";
pub const W_VETO_WITHOUT_PERMANENT: &str = "W003-veto-without-permanent";
pub const W_EVENT_NEVER_HAPPENS: &str = "W004-event-never-happens";
pub const W_NO_SOURCES: &str = "W005-no-sources";
pub const W_RECORD_OUTSIDE_BODY: &str = "W006-record-outside-body";
pub const W_VOTE_WITHOUT_MOTION: &str = "W007-vote-without-motion";
pub const W_AIM_ALREADY_HELD: &str = "W008-aim-already-held";
pub const WARNINGS: [&str; 8] = [
    W_NOT_ISO,
    W_CINC_SUM,
    W_VETO_WITHOUT_PERMANENT,
    W_EVENT_NEVER_HAPPENS,
    W_NO_SOURCES,
    W_RECORD_OUTSIDE_BODY,
    W_VOTE_WITHOUT_MOTION,
    W_AIM_ALREADY_HELD,
];

/// Validates a raw level. Returns the typed level and the warnings, or every diagnostic when there is an error.
/// The most turns a level may have (a century in two-year steps), and playable states.
pub const MAX_TURNS: usize = 60;
pub const MAX_PLAYABLE: usize = 20;

/// The most regions a level's map may draw, and corners per region.
pub const MAX_REGIONS: usize = 200;
pub const MAX_REGION_CORNERS: usize = 2000;

/// The most states one group may stand for: more than any assembly has ever seated, so tallies never overflow.
pub const MAX_GROUP: u32 = 250;

/// Checks a raw level: every problem as a located diagnostic, section by section, then the typed level if
/// none of them is an error.
pub fn validate(raw: &RawLevel) -> Result<(LevelDef, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut cx = Ctx {
        allow: &raw.allow,
        ids: HashMap::new(),
        all_ids: raw.states.iter().map(|s| s.id.as_str()).collect(),
        names: raw.states.iter().map(|s| (s.id.as_str(), s.name.as_str())).collect(),
        drawn_in: raw.map.territories.iter().filter(|(t, s)| t != s).map(|(t, s)| (t.as_str(), s.as_str())).collect(),
        out: Vec::new(),
    };
    if raw.id.trim().is_empty() {
        cx.err("id", "the level id is empty: expected the file stem, for example \"korea_1950\"");
    }
    let turns = check_turns(&mut cx, raw);
    check_states(&mut cx, raw);
    let (blocs, bloc_ids) = check_blocs(&mut cx, raw);
    let (inst_members, bodies) = check_institution(&mut cx, raw);
    let (aggressor, victim) = check_crisis(&mut cx, raw);
    let events = check_events(&mut cx, raw, &turns, &bodies, &inst_members);
    let playable = check_playable(&mut cx, raw, &bodies, &bloc_ids, (aggressor, victim));
    check_history(&mut cx, raw, &bodies);
    let map = check_map(&mut cx, raw);
    check_allow_and_sources(&mut cx, raw);
    let has_error = cx.out.iter().any(|d| d.severity == Severity::Error);
    let (false, Some(aggressor), Some(victim)) = (has_error, aggressor, victim) else { return Err(cx.out) };
    let parts = Parts { turns, blocs, inst_members, bodies, aggressor, victim, events, playable, map };
    Ok((assemble(raw, parts), cx.out))
}

/// The typed pieces of a level that passed every check.
struct Parts {
    turns: Vec<TurnDef>,
    blocs: Vec<BlocDef>,
    inst_members: Vec<StateIx>,
    bodies: Vec<BodyDef>,
    aggressor: StateIx,
    victim: StateIx,
    events: Vec<EventDef>,
    playable: Vec<PlayableDef>,
    map: MapDef,
}

/// Whether a state of the level is a group (it votes in assemblies only).
fn is_group(raw: &RawLevel, ix: StateIx) -> bool {
    raw.states[ix].count > 1
}

/// Turns: real dates, strictly in order.
fn check_turns(cx: &mut Ctx, raw: &RawLevel) -> Vec<TurnDef> {
    if raw.turns.len() > MAX_TURNS {
        cx.err("turns", format!("a level has at most {MAX_TURNS} turns"));
    }
    if raw.turns.is_empty() {
        cx.err("turns", "a level needs at least one turn");
    }
    let mut turns = Vec::new();
    for (i, t) in raw.turns.iter().enumerate() {
        if let Some(d) = cx.date(format!("turns[{i}].date"), &t.date) {
            if let Some(prev) = turns.last().map(|t: &TurnDef| t.date)
                && d <= prev
            {
                cx.err(format!("turns[{i}].date"), format!("dates out of order: {d} does not come after the previous turn's {prev}"));
            }
            turns.push(TurnDef { date: d, label: t.label.clone() });
        }
    }
    cx.range("tension".into(), raw.tension, 0.0, 1.0);
    turns
}

/// States: unique ids, groups of a sensible size, numbers in range, shares of trade and oil that add up.
fn check_states<'a>(cx: &mut Ctx<'a>, raw: &'a RawLevel) {
    if raw.states.is_empty() {
        cx.err("states", "a level needs states");
    }
    let mut total_cinc = 0.0;
    for (i, s) in raw.states.iter().enumerate() {
        let p = format!("states[{i}]");
        if cx.ids.insert(s.id.as_str(), StateIx(i)).is_some() {
            cx.err(format!("{p}.id"), format!("state `{}` is listed twice", s.id));
        }
        if s.count == 0 {
            cx.err(format!("{p}.count"), "a group must stand for at least one state");
        }
        if s.count > MAX_GROUP {
            cx.err(format!("{p}.count"), format!("a group stands for at most {MAX_GROUP} states (the UN has 193 members)"));
        }
        if s.count == 1 && !super::iso::is_code(&s.id) {
            let by_name = super::iso::code_of(&s.name).map(|c| format!(": ISO gives {} `{c}`", s.name));
            let by_cow = || super::iso::iso_of_cow(&s.id).map(|c| format!(": it is a Correlates of War code; ISO's is `{c}`"));
            let iso = by_name.or_else(by_cow).unwrap_or_default();
            cx.warn(W_NOT_ISO, format!("{p}.id"), format!("`{}` is not an ISO 3166 alpha-3 code{iso}", s.id));
        }
        cx.range(format!("{p}.spread"), s.spread, 0.0, 2.0);
        if s.spread > 0.0 && s.count == 1 {
            cx.err(format!("{p}.spread"), "`spread` is for a group (`count` above 1): a single state votes as one");
        }
        cx.range(format!("{p}.cinc"), s.cinc, 0.0, 1.0);
        total_cinc += s.cinc;
        cx.range(format!("{p}.ties_aggressor"), s.ties_aggressor, -1.0, 1.0);
        cx.range(format!("{p}.ties_victim"), s.ties_victim, -1.0, 1.0);
        for (name, v) in [
            ("trade_aggressor", s.trade_aggressor),
            ("oil_aggressor", s.oil_aggressor),
            ("interest", s.interest),
            ("distraction", s.distraction),
            ("domestic", s.domestic),
            ("commitment", s.commitment),
        ] {
            cx.range(format!("{p}.{name}"), v, 0.0, 1.0);
        }
        let (lon, lat) = s.capital;
        cx.range(format!("{p}.capital[0]"), lon, -180.0, 180.0);
        cx.range(format!("{p}.capital[1]"), lat, -90.0, 90.0);
    }
    // Pointed at the largest share, which is where a slip (a percentage for a share) usually is.
    let largest = raw.states.iter().enumerate().max_by(|a, b| a.1.cinc.total_cmp(&b.1.cinc));
    if let Some((i, top)) = largest.filter(|_| total_cinc > 1.05) {
        cx.warn(
            W_CINC_SUM,
            format!("states[{i}].cinc"),
            format!(
                "the states' CINC add up to {total_cinc:.3}; shares of the world should sum to at most 1 (the largest is {}'s, {})",
                top.id, top.cinc
            ),
        );
    }
    share_sum(cx, raw, "trade", "trade_aggressor", |s| s.trade_aggressor);
    share_sum(cx, raw, "oil", "oil_aggressor", |s| s.oil_aggressor);
}

/// Refuses shares of the aggressor's trade (or oil) that add up to more than 1, pointed at the largest share
/// and naming the states that hold them, largest first.
fn share_sum(cx: &mut Ctx, raw: &RawLevel, what: &str, field: &str, share: impl Fn(&RawState) -> f32) {
    let total: f32 = raw.states.iter().map(&share).sum();
    if total <= 1.01 {
        return;
    }
    let mut held: Vec<(usize, &RawState)> = raw.states.iter().enumerate().filter(|s| share(s.1) > 0.0).collect();
    held.sort_by(|a, b| share(b.1).total_cmp(&share(a.1)));
    let list: Vec<String> = held.iter().map(|(_, s)| format!("{} {}", s.id, share(s))).collect();
    let at = held.first().map_or("states".to_string(), |(i, _)| format!("states[{i}].{field}"));
    cx.err(at, format!("the shares of the aggressor's {what} add up to {total:.2}; they must sum to at most 1 ({})", list.join(", ")));
}

/// Blocs: unique ids, known members, a guarantee that names whom it protects, a treaty area and region.
fn check_blocs<'a>(cx: &mut Ctx, raw: &'a RawLevel) -> (Vec<BlocDef>, BTreeSet<&'a str>) {
    let mut blocs = Vec::new();
    let mut bloc_ids = BTreeSet::new();
    for (i, b) in raw.blocs.iter().enumerate() {
        let p = format!("blocs[{i}]");
        if !bloc_ids.insert(b.id.as_str()) {
            cx.err(format!("{p}.id"), format!("bloc `{}` is listed twice", b.id));
        }
        let mut members = Vec::new();
        for (j, m) in b.members.iter().enumerate() {
            if let Some(ix) = cx.state(format!("{p}.members[{j}]"), m) {
                if members.contains(&ix) {
                    cx.err(format!("{p}.members[{j}]"), format!("`{m}` is a member of bloc `{}` twice", b.id));
                }
                members.push(ix);
            }
        }
        if b.members.is_empty() {
            cx.err(format!("{p}.members"), format!("bloc `{}` has no members", b.id));
        }
        if members.is_empty() {
            continue;
        }
        let protects = b.protects.as_deref().and_then(|id| cx.state(format!("{p}.protects"), id));
        let against = b.against.as_deref().and_then(|id| cx.state(format!("{p}.against"), id));
        if b.kind == BlocKind::Guarantee && b.protects.is_none() {
            cx.err(format!("{p}.protects"), "a guarantee must name the state it `protects`");
        }
        cx.range(format!("{p}.cohesion"), b.cohesion, 0.0, 1.0);
        let area = bloc_area(cx, &p, b);
        let after = b.after.as_deref().and_then(|id| cx.state(format!("{p}.after"), id));
        bloc_region(cx, &p, b.region);
        blocs.push(BlocDef {
            id: b.id.clone(),
            name: b.name.clone(),
            kind: b.kind,
            members,
            protects,
            against,
            cohesion: b.cohesion,
            area,
            after,
            region: b.region,
        });
    }
    (blocs, bloc_ids)
}

/// The institution and its bodies: members, seats, permanent members, rules that a vote can meet.
fn check_institution(cx: &mut Ctx, raw: &RawLevel) -> (Vec<StateIx>, Vec<BodyDef>) {
    let inst = &raw.institution;
    cx.range("institution.credibility".into(), inst.credibility, 0.0, 1.0);
    let mut inst_members = Vec::new();
    for (j, m) in inst.members.iter().enumerate() {
        if let Some(ix) = cx.state(format!("institution.members[{j}]"), m) {
            if inst_members.contains(&ix) {
                cx.err(format!("institution.members[{j}]"), format!("`{m}` is listed as a member twice"));
            }
            inst_members.push(ix);
        }
    }
    let mut bodies: Vec<BodyDef> = Vec::new();
    for i in 0..inst.bodies.len() {
        let body = check_body(cx, inst, i, &inst_members, &bodies);
        bodies.push(body);
    }
    if bodies.is_empty() {
        cx.err("institution.bodies", "the institution needs at least one body");
    }

    // Groups vote in assemblies only: they hold no council seat, fight no war and are no one's role.
    for (i, b) in bodies.iter().enumerate() {
        if !b.kind.is_assembly() && !raw.institution.bodies[i].members.is_empty() {
            for (j, m) in b.members.iter().enumerate() {
                if is_group(raw, *m) {
                    cx.err(
                        format!("institution.bodies[{i}].members[{j}]"),
                        format!("`{}` is a group of {} states and cannot hold a council seat", raw.states[*m].id, raw.states[*m].count),
                    );
                }
            }
        }
    }
    (inst_members, bodies)
}

/// One body of the institution: its seats, its permanent members, a rule its votes can meet.
fn check_body(cx: &mut Ctx, inst: &RawInstitution, i: usize, inst_members: &[StateIx], before: &[BodyDef]) -> BodyDef {
    let b = &inst.bodies[i];
    let p = format!("institution.bodies[{i}]");
    if b.kind.institution() != inst.kind {
        cx.err(format!("{p}.kind"), format!("`{:?}` is not an organ of the {:?}", b.kind, inst.kind));
    }
    if before.iter().any(|o| o.kind == b.kind) {
        cx.err(format!("{p}.kind"), format!("body `{:?}` is defined twice", b.kind));
    }
    let mut members = Vec::new();
    for (j, m) in b.members.iter().enumerate() {
        if let Some(ix) = cx.state(format!("{p}.members[{j}]"), m) {
            if members.contains(&ix) {
                cx.err(format!("{p}.members[{j}]"), format!("`{m}` is seated twice in {}", b.kind.id()));
            } else if !inst_members.contains(&ix) {
                cx.err(
                    format!("{p}.members[{j}]"),
                    format!("`{m}` holds a seat in {} but is not a member of the {}", b.kind.id(), inst.name),
                );
            }
            members.push(ix);
        }
    }
    if b.members.is_empty() {
        members = inst_members.to_vec();
    }
    let mut permanent = Vec::new();
    for (j, m) in b.permanent.iter().enumerate() {
        if let Some(ix) = cx.state(format!("{p}.permanent[{j}]"), m) {
            if !members.contains(&ix) {
                cx.err(format!("{p}.permanent[{j}]"), format!("permanent member `{m}` must also be listed among the body's members"));
            }
            permanent.push(ix);
        }
    }
    match b.rule {
        VotingRule::Qualified { votes, veto } => {
            if votes == 0 || votes as usize > members.len() {
                cx.err(
                    format!("{p}.rule"),
                    format!(
                        "{votes} votes can never be reached by a body of {} seats: expected from 1 to {}",
                        members.len(),
                        members.len()
                    ),
                );
            }
            if veto && permanent.is_empty() {
                cx.warn(W_VETO_WITHOUT_PERMANENT, format!("{p}.rule"), "the rule has a veto but the body has no permanent members");
            }
        }
        _ if members.is_empty() => cx.err(format!("{p}.members"), "the body has no members, so no vote could pass"),
        _ => {}
    }
    BodyDef { kind: b.kind, rule: b.rule, members, permanent }
}

/// The crisis: two distinct single states, numbers in range.
fn check_crisis(cx: &mut Ctx, raw: &RawLevel) -> (Option<StateIx>, Option<StateIx>) {
    let c = &raw.crisis;
    let aggressor = cx.state("crisis.aggressor", &c.aggressor);
    let victim = cx.state("crisis.victim", &c.victim);
    if aggressor.is_some() && aggressor == victim {
        cx.err("crisis.victim", "the victim cannot be the aggressor");
    }
    for (field, ix) in [("aggressor", aggressor), ("victim", victim)] {
        if ix.is_some_and(|ix| is_group(raw, ix)) {
            cx.err(format!("crisis.{field}"), "a party to the crisis must be a single state, not a group");
        }
    }
    for (name, v) in [
        ("self_defence", c.self_defence),
        ("oil_imported", c.oil_imported),
        ("appetite", c.appetite),
        ("control", c.control),
        ("concession", c.concession),
    ] {
        cx.range(format!("crisis.{name}"), v, 0.0, 1.0);
    }
    if let Some(h) = c.held_before {
        let control = c.control.clamp(0.0, 1.0);
        if !h.is_finite() || !(0.0..=control).contains(&h) {
            cx.err(
                "crisis.held_before",
                format!("value {h} out of range: the ground held before the crisis is from 0 to `control` ({control})"),
            );
        }
    }
    check_aim(cx, c);
    cx.range("crisis.aggressor_readiness".into(), c.aggressor_readiness, 0.0, 10.0);
    cx.range("crisis.victim_readiness".into(), c.victim_readiness, 0.0, 10.0);
    cx.range("crisis.location.0".into(), c.location.0, -180.0, 180.0);
    cx.range("crisis.location.1".into(), c.location.1, -90.0, 90.0);
    check_uncertainty(cx, &c.uncertainty);
    check_seasons(cx, &c.seasons);
    if let Some(a) = c.area_km2 {
        cx.range("crisis.area_km2".into(), a, 100.0, 20_000_000.0);
    }
    (aggressor, victim)
}

/// The aggressor's aim: a share of the claim, not below the line it held before the crisis.
fn check_aim(cx: &mut Ctx, c: &RawCrisis) {
    if c.punitive && c.aim.is_none_or(|a| a >= 1.0) {
        cx.err(
            "crisis.punitive",
            "a punitive war needs an `aim` below 1: the share of the claim the aggressor means to take before it goes home",
        );
    }
    let Some(aim) = c.aim else { return };
    let before = c.held_before.unwrap_or(if c.attack_under_way { 0.0 } else { c.control }).clamp(0.0, 1.0);
    if !aim.is_finite() || aim <= before || aim > 1.0 {
        cx.err(
            "crisis.aim",
            format!(
                "value {aim} out of range: the share of the claim the aggressor means to take is above the ground it held before the crisis ({before}), up to 1"
            ),
        );
    } else if aim <= c.control + 1e-4 {
        let then = if c.punitive { "withdraws" } else { "offers a cease-fire" };
        cx.warn(
            W_AIM_ALREADY_HELD,
            "crisis.aim",
            format!(
                "the aggressor opens holding {} of the claim, all the {aim} it means to take: at war it {then} at once, and before a shot it never attacks",
                c.control
            ),
        );
    }
}

/// Dated events: within the turns, about states and bodies of the level; in the order of their dates.
fn check_events(cx: &mut Ctx, raw: &RawLevel, turns: &[TurnDef], bodies: &[BodyDef], inst_members: &[StateIx]) -> Vec<EventDef> {
    let mut events = Vec::new();
    for (i, e) in raw.events.iter().enumerate() {
        let p = format!("events[{i}]");
        let Some(date) = cx.date(format!("{p}.date"), &e.date) else { continue };
        let turn = turns.iter().position(|t| t.date >= date);
        let Some(turn) = turn else {
            // Where a turn's own date is wrong (already an error), the last turn is not known.
            if turns.len() == raw.turns.len() {
                cx.warn(W_EVENT_NEVER_HAPPENS, format!("{p}.date"), format!("event on {date} falls after the last turn and never happens"));
            }
            continue;
        };
        let body_check = |cx: &mut Ctx, state: &str, body: BodyKind| -> Option<StateIx> {
            let ix = cx.state(format!("{p}.kind.state"), state)?;
            match bodies.iter().find(|b| b.kind == body) {
                None => cx.err(format!("{p}.kind.body"), format!("body `{body:?}` is not defined in this level's institution")),
                Some(b) if !b.members.contains(&ix) => cx.err(format!("{p}.kind.state"), format!("`{state}` has no seat in {}", body.id())),
                _ => {}
            }
            Some(ix)
        };
        let effect = match &e.kind {
            EventKind::Boycott { state, body } => body_check(cx, state, *body).map(|s| EventEffect::Boycott { state: s, body: *body }),
            EventKind::Return { state, body } => body_check(cx, state, *body).map(|s| EventEffect::Return { state: s, body: *body }),
            EventKind::NoInstructions { state, body } => {
                body_check(cx, state, *body).map(|s| EventEffect::NoInstructions { state: s, body: *body })
            }
            EventKind::Join { state } => {
                let ix = cx.state(format!("{p}.kind.state"), state);
                if ix.is_some_and(|ix| inst_members.contains(&ix)) {
                    cx.err(format!("{p}.kind.state"), format!("`{state}` is already a member from the start"));
                }
                ix.map(|s| EventEffect::Join { state: s })
            }
            EventKind::UnitingForPeace => Some(EventEffect::UnitingForPeace),
            EventKind::News => Some(EventEffect::News),
        };
        if let Some(effect) = effect {
            events.push(EventDef { turn, date, effect, text: e.text.clone() });
        }
    }
    // They happen, and reach the newswire, in the order of their dates, wherever the file lists them.
    events.sort_by_key(|e| e.date);
    events
}

/// Playable states and their historical orders.
fn check_playable(
    cx: &mut Ctx,
    raw: &RawLevel,
    bodies: &[BodyDef],
    bloc_ids: &BTreeSet<&str>,
    (aggressor, victim): (Option<StateIx>, Option<StateIx>),
) -> Vec<PlayableDef> {
    let inst = &raw.institution;
    if raw.playable.is_empty() {
        cx.err("playable", "a level needs at least one playable state");
    }
    if raw.playable.len() > MAX_PLAYABLE {
        cx.err("playable", format!("a level has at most {MAX_PLAYABLE} playable states"));
    }
    let mut playable: Vec<PlayableDef> = Vec::new();
    // Limits first: the orders are laid out turn by turn for each playable state.
    let turns_n = raw.turns.len().min(MAX_TURNS);
    for (i, pl) in raw.playable.iter().enumerate().take(MAX_PLAYABLE) {
        let p = format!("playable[{i}]");
        let Some(state) = cx.state(format!("{p}.state"), &pl.state) else { continue };
        if playable.iter().any(|x| x.state == state) {
            cx.err(format!("{p}.state"), format!("`{}` is playable twice", pl.state));
            continue;
        }
        if is_group(raw, state) {
            cx.err(format!("{p}.state"), "a group of states is not playable");
        }
        if Some(state) == aggressor {
            cx.err(format!("{p}.state"), "the aggressor is not playable: the player leads a state that responds to the crisis");
        }
        let mut historical = vec![Vec::new(); turns_n];
        for (j, ch) in pl.historical.iter().enumerate() {
            let cp = format!("{p}.historical[{j}]");
            if ch.turn == 0 || ch.turn as usize > turns_n {
                cx.err(format!("{cp}.turn"), format!("turn {} does not exist: expected 1 to {}", ch.turn, turns_n));
                continue;
            }
            for (k, o) in ch.orders.iter().enumerate() {
                check_order(cx, &format!("{cp}.orders[{k}]"), o, bodies, bloc_ids, inst);
                let earlier = &historical[ch.turn as usize - 1];
                if earlier.contains(o) || ch.orders[..k].contains(o) {
                    cx.err(
                        format!("{cp}.orders[{k}]"),
                        format!("`{o:?}` is given twice in turn {}: an order given twice does nothing more, so give it once", ch.turn),
                    );
                }
                if raw.crisis.landlocked && *o == Order::Blockade {
                    cx.err(
                        format!("{cp}.orders[{k}]"),
                        "the theatre is `landlocked`: no sea route runs to it for a blockade to close (leave the order out, or remove `landlocked` if it is reached by sea)",
                    );
                }
                if Some(state) == victim && !o.open_to_the_victim() {
                    let why = if *o == Order::Mediate {
                        "the victim does not mediate in its own war: `Concede` offers peace on the ground it gives up, and a `Propose` asks the institution to act"
                    } else {
                        "the victim cannot arm or guarantee itself: `Rearm` mobilises its army, and `Intervene` sends an expedition to a theatre far from home"
                    };
                    cx.err(format!("{cp}.orders[{k}]"), why);
                }
            }
            historical[ch.turn as usize - 1].extend(ch.orders.iter().cloned());
        }
        let withheld = withheld_orders(cx, &p, pl, turns_n);
        playable.push(PlayableDef { state, role: pl.role.clone(), historical, withheld });
    }
    playable
}

/// The recorded votes: ids must exist, turns in range, tallies that fit the body.
fn check_history(cx: &mut Ctx, raw: &RawLevel, bodies: &[BodyDef]) {
    for (i, v) in raw.history.votes.iter().enumerate() {
        let p = format!("history.votes[{i}]");
        if v.turn == 0 || v.turn as usize > raw.turns.len() {
            cx.err(format!("{p}.turn"), format!("turn {} does not exist: expected 1 to {}", v.turn, raw.turns.len()));
        }
        for (list, ids) in [("no", &v.no), ("abstain", &v.abstain), ("absent", &v.absent), ("vetoed_by", &v.vetoed_by)] {
            for (j, id) in ids.iter().enumerate() {
                cx.state(format!("{p}.{list}[{j}]"), id);
            }
        }
        recorded_vote_fits_its_body(cx, &p, v, bodies, raw);
        let tabled = |pl: &RawPlayable| {
            pl.historical
                .iter()
                .filter(|c| c.turn == v.turn)
                .flat_map(|c| &c.orders)
                .any(|o| matches!(o, Order::Propose { body, measure, .. } if *body == v.body && *measure == v.measure))
        };
        if !raw.playable.iter().any(tabled) {
            cx.warn(
                W_VOTE_WITHOUT_MOTION,
                format!("{p}.measure"),
                format!(
                    "no playable state tables {:?} in the {} on turn {}, so this vote never comes out: give the state that tabled it a `Propose` order that turn",
                    v.measure,
                    v.body.id(),
                    v.turn
                ),
            );
        }
    }
}

/// Seats the states joining the institution by dated events have taken by the end of a turn (ISO dates compare
/// as strings; a malformed date is reported by the events' own check).
fn joined_by(raw: &RawLevel, turn: u32) -> u64 {
    let Some(end) = raw.turns.get((turn as usize).saturating_sub(1)) else { return 0 };
    let joined = raw.events.iter().filter(|e| e.date <= end.date);
    let states = joined.filter_map(|e| match &e.kind {
        EventKind::Join { state } => raw.states.iter().find(|s| s.id == *state),
        _ => None,
    });
    states.map(|s| u64::from(s.count.max(1))).sum()
}

/// The map: holders must be states of the level; regions need a real, bounded polygon.
fn check_map(cx: &mut Ctx, raw: &RawLevel) -> MapDef {
    let mut map = MapDef::default();
    let mut seen_territory = BTreeSet::new();
    for (i, (iso, holder)) in raw.map.territories.iter().enumerate() {
        let p = format!("map.territories[{i}]");
        if super::iso::is_former(iso) {
            let name = super::iso::names(iso).and_then(|n| n.first()).copied().unwrap_or("a former state");
            cx.err(
                format!("{p}[0]"),
                format!("`{iso}` is a former code ({name}): the map draws modern countries, so give each modern country it covered"),
            );
        } else if super::iso::names(iso).is_none() && !super::iso::on_the_map(iso) {
            cx.err(
                format!("{p}[0]"),
                format!("`{iso}` is not an ISO 3166-1 alpha-3 code of a modern country: the map draws no such territory"),
            );
        }
        if !seen_territory.insert(iso.as_str()) {
            cx.err(format!("{p}[0]"), format!("territory `{iso}` is claimed by two states at once"));
        }
        if let Some(ix) = cx.state(format!("{p}[1]"), holder) {
            map.territories.push((iso.clone(), ix));
        }
    }
    for (i, r) in raw.map.regions.iter().enumerate() {
        let p = format!("map.regions[{i}]");
        if r.polygon.len() < 3 {
            cx.err(format!("{p}.polygon"), "a region needs at least three corners");
        }
        // The map triangulates regions when a level starts: a bounded polygon keeps that instant.
        if r.polygon.len() > MAX_REGION_CORNERS || i >= MAX_REGIONS {
            cx.err(
                format!("{p}.polygon"),
                format!("a level may draw at most {MAX_REGIONS} regions of at most {MAX_REGION_CORNERS} corners each"),
            );
            continue;
        }
        for (j, (lon, lat)) in r.polygon.iter().enumerate() {
            cx.range(format!("{p}.polygon[{j}][0]"), *lon, -180.0, 180.0);
            cx.range(format!("{p}.polygon[{j}][1]"), *lat, -90.0, 90.0);
        }
        if let Some(ix) = cx.state(format!("{p}.held_by"), &r.held_by) {
            map.regions.push(RegionDef { name: r.name.clone(), polygon: r.polygon.clone(), held_by: ix, theatre: r.theatre });
        }
    }
    map
}

/// The warnings a level silences must exist; a level should cite its sources.
fn check_allow_and_sources(cx: &mut Ctx, raw: &RawLevel) {
    for (i, a) in raw.allow.iter().enumerate() {
        if !WARNINGS.contains(&a.as_str()) {
            cx.err(format!("allow[{i}]"), format!("unknown warning id `{a}`: expected one of {}", WARNINGS.join(", ")));
            if let Some(d) = cx.out.last_mut() {
                d.suggestion = did_you_mean(a, WARNINGS);
            }
        }
    }
    if raw.sources.is_empty() {
        cx.warn(W_NO_SOURCES, "sources", "the level cites no sources");
    }
}

/// The typed level from a raw level that passed every check.
fn assemble(raw: &RawLevel, p: Parts) -> LevelDef {
    let (inst, c) = (&raw.institution, &raw.crisis);
    LevelDef {
        id: raw.id.clone(),
        name: raw.name.clone(),
        summary: raw.summary.clone(),
        turns: p.turns,
        tension: raw.tension,
        states: raw.states.clone(),
        keys: StateKeys::of(&raw.states, c.location, p.aggressor),
        blocs: p.blocs,
        institution: InstitutionDef {
            kind: inst.kind,
            name: inst.name.clone(),
            credibility: inst.credibility,
            members: p.inst_members,
            bodies: p.bodies,
            uniting_for_peace: inst.uniting_for_peace,
            enquiry_turns: inst.enquiry_turns,
        },
        crisis: CrisisDef {
            aggressor: p.aggressor,
            victim: p.victim,
            theatre: c.theatre.clone(),
            location: c.location,
            claim: c.claim.clone(),
            self_defence: c.self_defence,
            oil_imported: c.oil_imported,
            landlocked: c.landlocked,
            attack_under_way: c.attack_under_way,
            appetite: c.appetite,
            aggressor_readiness: c.aggressor_readiness,
            victim_readiness: c.victim_readiness,
            control: c.control,
            held_before: c.held_before.unwrap_or(if c.attack_under_way { 0.0 } else { c.control }),
            aim: c.aim.unwrap_or(1.0),
            punitive: c.punitive,
            concession: c.concession,
            area_km2: c.area_km2.unwrap_or_else(|| theatre_area(&p.map)),
            uncertainty: c.uncertainty,
            seasons: c.seasons.clone(),
        },
        events: p.events,
        playable: p.playable,
        map: p.map,
        history: raw.history.clone(),
        sources: raw.sources.clone(),
    }
}

/// The orders a what-if took back, by turn: each on a turn the level has.
fn withheld_orders(cx: &mut Ctx, p: &str, pl: &RawPlayable, turns_n: usize) -> Vec<Vec<Order>> {
    let mut withheld = vec![Vec::new(); turns_n];
    for (j, ch) in pl.withheld.iter().enumerate() {
        if ch.turn == 0 || ch.turn as usize > turns_n {
            cx.err(format!("{p}.withheld[{j}].turn"), format!("turn {} does not exist: expected 1 to {}", ch.turn, turns_n));
            continue;
        }
        withheld[ch.turn as usize - 1].extend(ch.orders.iter().cloned());
    }
    withheld
}

fn check_order(cx: &mut Ctx, path: &str, o: &Order, bodies: &[BodyDef], blocs: &BTreeSet<&str>, inst: &RawInstitution) {
    match o {
        Order::JoinBloc(id) if !blocs.contains(id.as_str()) => {
            let d = Diagnostic::error(path.to_string(), format!("unknown bloc `{id}`: expected the id of a bloc listed in `blocs`"))
                .suggest(did_you_mean(id, blocs.iter().copied()));
            cx.out.push(d);
        }
        Order::Propose { body, measure, under } => {
            if !bodies.iter().any(|b| b.kind == *body) {
                cx.err(format!("{path}.body"), format!("body `{body:?}` is not defined in this level's institution"));
            }
            if *measure == Measure::Referral && *body != BodyKind::SecurityCouncil {
                cx.err(format!("{path}.measure"), "a Referral to the General Assembly is voted by the SecurityCouncil");
            }
            if *measure == Measure::UnitingForPeace && *body != BodyKind::GeneralAssembly {
                cx.err(format!("{path}.body"), "Uniting for Peace is voted by the GeneralAssembly");
            }
            if *under == Procedure::Art15 && inst.kind != InstitutionKind::League {
                cx.err(format!("{path}.under"), "Art15 is a procedure of the League Covenant, not of the UN Charter");
            }
        }
        _ => {}
    }
}

/// A recorded vote was taken in a body the level has, and its tally counts no more ballots than it has seats
/// (fewer where members were absent). An assembly's seats include the states that joined by the vote's turn.
fn recorded_vote_fits_its_body(cx: &mut Ctx, p: &str, v: &super::raw::RecordedVote, bodies: &[BodyDef], raw: &RawLevel) {
    let states = &raw.states;
    let Some(body) = bodies.iter().find(|b| b.kind == v.body) else {
        let body = v.body;
        cx.err(format!("{p}.body"), format!("body `{body:?}` is not defined in this level's institution"));
        return;
    };
    // A member the checker could not find is already reported: the seats it leaves empty are not the record's fault.
    let written = raw.institution.bodies.iter().find(|b| b.kind == v.body).map_or(0, |b| b.members.len());
    if written > body.members.len() {
        return;
    }
    // In u64: counts and tallies come from the file and may be absurd; a count's own limit is checked elsewhere.
    let seats: u64 = body.members.iter().filter_map(|ix| states.get(ix.0)).map(|s| u64::from(s.count.max(1))).sum();
    let seats = seats + if body.kind.is_assembly() { joined_by(raw, v.turn) } else { 0 };
    let counted = super::raw::parse_tally(&v.tally).map(|(y, n, a)| u64::from(y) + u64::from(n) + u64::from(a));
    // A what-if that shrinks a body keeps the real body's record (it allows W006).
    let outside_allowed = cx.allow.iter().any(|a| a == W_RECORD_OUTSIDE_BODY);
    if let Some(ballots) = counted.filter(|b| *b > seats && !outside_allowed) {
        let d = Diagnostic::error(
            format!("{p}.tally"),
            format!("the tally `{}` counts {ballots} ballots, but the {:?} has {seats} seats", v.tally, v.body),
        );
        let hint = "list the members you do not name alone as groups with a `count` (MODDING.md, \"Assembly groups\")";
        cx.out.push(if body.kind.is_assembly() { d.suggest(Some(hint.to_string())) } else { d });
    }
    recorded_ballots_agree(cx, p, v, body, raw);
}

/// The states a record names agree with each other and with the body: none named twice, a veto only on a
/// motion that failed and from a state that voted no (and, warned of, a council's named states hold its seats
/// and a veto comes from a permanent member), and no more ballots named under `no` or `abstain` than the tally counts.
fn recorded_ballots_agree(cx: &mut Ctx, p: &str, v: &super::raw::RecordedVote, body: &BodyDef, raw: &RawLevel) {
    let ix = |id: &str| raw.states.iter().position(|s| s.id == id).map(StateIx);
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for (list, ids) in [("no", &v.no), ("abstain", &v.abstain), ("absent", &v.absent)] {
        for (j, id) in ids.iter().enumerate() {
            if let Some(first) = seen.insert(id.as_str(), list) {
                cx.err(format!("{p}.{list}[{j}]"), format!("`{id}` is already listed under `{first}`: a state casts one ballot"));
            }
            if !body.kind.is_assembly() && ix(id).is_some_and(|i| !body.members.contains(&i)) {
                let msg = format!("`{id}` holds no seat in the {:?} as this level has it: expected one of its `members`", v.body);
                cx.warn(W_RECORD_OUTSIDE_BODY, format!("{p}.{list}[{j}]"), msg);
            }
        }
    }
    // The record is of the real body: a what-if that changes the body keeps the ballots that were cast, so a
    // record outside the body as the level has it is only warned of.
    for (j, id) in v.vetoed_by.iter().enumerate() {
        if ix(id).is_some_and(|i| !body.permanent.contains(&i)) {
            let msg = format!("`{id}` could not veto in the {:?} as this level has it: not one of its `permanent` members", v.body);
            cx.warn(W_RECORD_OUTSIDE_BODY, format!("{p}.vetoed_by[{j}]"), msg);
        }
        if !v.no.contains(id) {
            cx.err(format!("{p}.vetoed_by[{j}]"), format!("a veto is a vote against: list `{id}` under `no` too"));
        }
    }
    if v.adopted && !v.vetoed_by.is_empty() {
        cx.err(format!("{p}.adopted"), "a vetoed motion is not adopted: expected `adopted: false`");
    }
    // Only a tally of yes, no and abstentions counts them all: a League record of two numbers ("42–1, Siam
    // abstaining", or one that leaves out a party's vote) says nothing of the others.
    let three = v.tally.split([',', '(', ';']).next().is_some_and(|h| h.split(['–', '-', '—']).count() == 3);
    let Some((_, no, abstain)) = super::raw::parse_tally(&v.tally).filter(|_| three) else { return };
    let ballots = |ids: &[String]| -> u64 {
        ids.iter().filter_map(|id| raw.states.iter().find(|s| s.id == *id)).map(|s| u64::from(s.count.max(1))).sum()
    };
    for (list, ids, counted) in [("no", &v.no, no), ("abstain", &v.abstain, abstain)] {
        let named = ballots(ids);
        if named > u64::from(counted) {
            cx.err(
                format!("{p}.{list}"),
                format!("{named} ballots are named under `{list}`, but the tally `{}` counts {counted}", v.tally),
            );
        }
    }
}
