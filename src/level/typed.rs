//! The typed level: ids resolved to indices, dates parsed, events placed on turns.
//! Only the validator builds it, so everything in it is known to be consistent.

use super::date::Date;
use super::raw::*;

/// A state of a level: its place in [`LevelDef::states`]. A type of its own, so that a state can never be
/// confused with a turn, a count or another list's index; lists of the level's states are indexed by it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct StateIx(pub usize);

impl<T> std::ops::Index<StateIx> for [T] {
    type Output = T;
    fn index(&self, ix: StateIx) -> &T {
        &self[ix.0]
    }
}

impl<T> std::ops::Index<StateIx> for Vec<T> {
    type Output = T;
    fn index(&self, ix: StateIx) -> &T {
        &self[ix.0]
    }
}

impl<T> std::ops::IndexMut<StateIx> for Vec<T> {
    fn index_mut(&mut self, ix: StateIx) -> &mut T {
        &mut self[ix.0]
    }
}

#[derive(Clone, Debug)]
pub struct LevelDef {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub turns: Vec<TurnDef>,
    pub tension: f32,
    pub states: Vec<RawState>,
    /// What every run needs of each state, worked out once: shared names and distances.
    pub keys: Vec<StateKeys>,
    pub blocs: Vec<BlocDef>,
    pub institution: InstitutionDef,
    pub crisis: CrisisDef,
    pub events: Vec<EventDef>,
    pub playable: Vec<PlayableDef>,
    pub map: MapDef,
    pub history: RawHistory,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct MapDef {
    /// Modern country code to the state that held it.
    pub territories: Vec<(String, StateIx)>,
    pub regions: Vec<RegionDef>,
}

#[derive(Clone, Debug)]
pub struct RegionDef {
    pub name: String,
    pub polygon: Vec<(f32, f32)>,
    pub held_by: StateIx,
    pub theatre: bool,
}

/// Area of the contested ground when a level gives neither an area nor a theatre region.
pub const DEFAULT_AREA_KM2: f32 = 100_000.0;

/// Area in km² of a polygon of (longitude, latitude) points on the sphere.
pub fn polygon_km2(poly: &[(f32, f32)]) -> f32 {
    const R: f64 = 6371.0;
    let n = poly.len();
    let mut sum = 0.0f64;
    for i in 0..n {
        let (l1, p1) = (poly[i].0 as f64, poly[i].1 as f64);
        let (l2, p2) = (poly[(i + 1) % n].0 as f64, poly[(i + 1) % n].1 as f64);
        sum += (l2 - l1).to_radians() * (2.0 + p1.to_radians().sin() + p2.to_radians().sin());
    }
    (sum.abs() * R * R / 2.0) as f32
}

impl MapDef {
    /// Who held a modern country in this level, if anyone in it did.
    pub fn holder(&self, level_states: &[RawState], iso3: &str) -> Option<StateIx> {
        self.territories.iter().find(|t| t.0 == iso3).map(|t| t.1).or_else(|| level_states.iter().position(|s| s.id == iso3).map(StateIx))
    }
}

#[derive(Clone, Debug)]
pub struct TurnDef {
    pub date: Date,
    pub label: String,
}

#[derive(Clone, Debug)]
pub struct BlocDef {
    pub id: String,
    pub name: String,
    pub kind: BlocKind,
    pub members: Vec<StateIx>,
    pub protects: Option<StateIx>,
    pub against: Option<StateIx>,
    pub cohesion: f32,
    /// States whose territory the treaty covers (empty: every member's).
    pub area: Vec<StateIx>,
    /// A member that must fight first before the others are obliged.
    pub after: Option<StateIx>,
    /// The treaty's region, `((west, south), (east, north))`; `None`: anywhere.
    pub region: Option<((f32, f32), (f32, f32))>,
}

impl BlocDef {
    /// Whether a place (longitude, latitude) lies in the treaty's region.
    pub fn in_region(&self, (lon, lat): (f32, f32)) -> bool {
        self.region.is_none_or(|((w, s), (e, n))| (w..=e).contains(&lon) && (s..=n).contains(&lat))
    }
}

#[derive(Clone, Debug)]
pub struct InstitutionDef {
    pub kind: InstitutionKind,
    pub name: String,
    pub credibility: f32,
    pub members: Vec<StateIx>,
    pub bodies: Vec<BodyDef>,
    pub uniting_for_peace: bool,
    pub enquiry_turns: u32,
}

#[derive(Clone, Debug)]
pub struct BodyDef {
    pub kind: BodyKind,
    pub rule: VotingRule,
    pub members: Vec<StateIx>,
    pub permanent: Vec<StateIx>,
}

#[derive(Clone, Debug)]
pub struct CrisisDef {
    pub aggressor: StateIx,
    pub victim: StateIx,
    pub theatre: String,
    pub location: (f32, f32),
    pub claim: String,
    pub self_defence: f32,
    pub oil_imported: f32,
    pub landlocked: bool,
    pub attack_under_way: bool,
    pub appetite: f32,
    pub aggressor_readiness: f32,
    pub victim_readiness: f32,
    pub control: f32,
    /// The line the aggressor held before the crisis: reversing it means throwing it back here.
    pub held_before: f32,
    /// The share of the contested territory the aggressor means to take (1: all it claims).
    pub aim: f32,
    /// Whether, holding its aim, it goes home rather than keep what it took.
    pub punitive: bool,
    pub concession: f32,
    /// Area of the contested ground, km² (given, or computed from the theatre regions).
    pub area_km2: f32,
    pub uncertainty: Uncertainty,
    /// Seasons that slow campaigning in the theatre.
    pub seasons: Vec<Season>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EventEffect {
    Boycott { state: StateIx, body: BodyKind },
    Return { state: StateIx, body: BodyKind },
    NoInstructions { state: StateIx, body: BodyKind },
    Join { state: StateIx },
    UnitingForPeace,
    News,
}

#[derive(Clone, Debug)]
pub struct EventDef {
    /// Index of the turn at whose start it happens (the first turn on or after its date).
    pub turn: usize,
    pub date: Date,
    pub effect: EventEffect,
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct PlayableDef {
    pub state: StateIx,
    pub role: String,
    /// Orders by turn index; empty where history gives none.
    pub historical: Vec<Vec<Order>>,
    /// Orders a what-if took back, by turn index (see `RawPlayable::withheld`).
    pub withheld: Vec<Vec<Order>>,
}

impl LevelDef {
    /// Whether `state`'s government took back, by `turn`, an order that `like` matches, and gave none like it
    /// again since: then it does not do of its own accord what that order would have done.
    pub fn withholds(&self, state: StateIx, turn: usize, like: impl Fn(&Order) -> bool) -> bool {
        self.playable.iter().filter(|p| p.state == state).any(|p| {
            let taken_back = p.withheld.iter().take(turn + 1).rposition(|o| o.iter().any(&like));
            let given = p.historical.iter().take(turn + 1).rposition(|o| o.iter().any(&like));
            taken_back.is_some_and(|t| given.is_none_or(|g| g < t))
        })
    }
    /// Every state with its index, in order.
    pub fn each_state(&self) -> impl Iterator<Item = (StateIx, &RawState)> {
        self.states.iter().enumerate().map(|(i, s)| (StateIx(i), s))
    }
    pub fn state_ix(&self, id: &str) -> Option<StateIx> {
        self.states.iter().position(|s| s.id == id).map(StateIx)
    }
    pub fn body(&self, kind: BodyKind) -> Option<&BodyDef> {
        self.institution.bodies.iter().find(|b| b.kind == kind)
    }
    pub fn playable(&self, state: StateIx) -> Option<&PlayableDef> {
        self.playable.iter().find(|p| p.state == state)
    }
    /// The role a run takes when none is asked for: the first playable state.
    pub fn default_role(&self) -> StateIx {
        self.playable[0].state
    }
}

/// What every run of a level needs of each state, worked out once when the level is loaded: its id and name
/// to share between runs without copying, and its capital's distances to the theatre and to the aggressor.
#[derive(Clone, Debug)]
pub struct StateKeys {
    pub id: std::sync::Arc<str>,
    pub name: std::sync::Arc<str>,
    pub km_theatre: f32,
    pub km_aggressor: f32,
}

impl StateKeys {
    pub fn of(states: &[RawState], theatre: (f32, f32), aggressor: StateIx) -> Vec<StateKeys> {
        let agg = states[aggressor].capital;
        states
            .iter()
            .map(|s| StateKeys {
                id: s.id.as_str().into(),
                name: s.name.as_str().into(),
                km_theatre: crate::geo::km_between(s.capital, theatre),
                km_aggressor: crate::geo::km_between(s.capital, agg),
            })
            .collect()
    }
}
