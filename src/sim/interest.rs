//! National interest: every state's decisions as weighted sums of named factors from the level's data.

use crate::level::Measure;

use super::core::{Interests, Weights, projection};
use super::trace::{Factor, FactorId as F, Factors};

/// How far a measure goes, 0 (talk) to 1 (war).
pub fn severity(m: Measure) -> f32 {
    match m {
        Measure::Enquiry => 0.05,
        Measure::Condemn => 0.35,
        Measure::NonRecognition => 0.45,
        Measure::Sanctions => 0.6,
        Measure::OilSanctions => 0.75,
        Measure::AuthoriseForce => 0.9,
        Measure::UnifiedCommand => 0.5,
        Measure::Referral => 0.5,
        Measure::Peacekeeping => 0.25,
        Measure::UnitingForPeace => 0.4,
        Measure::CeaseFire => 0.15,
    }
}

/// Whether a measure names the aggressor as such.
pub fn names_aggressor(m: Measure) -> bool {
    !matches!(m, Measure::Enquiry | Measure::Peacekeeping | Measure::Referral | Measure::UnitingForPeace | Measure::CeaseFire)
}

pub fn is_military(m: Measure) -> bool {
    matches!(m, Measure::AuthoriseForce | Measure::UnifiedCommand)
}

pub fn is_economic(m: Measure) -> bool {
    matches!(m, Measure::Sanctions | Measure::OilSanctions)
}

/// The world as one state sees it when it decides.
#[derive(Debug, Clone, Copy)]
pub struct View {
    /// Its own CINC.
    pub own_cinc: f32,
    /// The aggressor's CINC.
    pub aggressor_cinc: f32,
    /// Trust in the institution.
    pub credibility: f32,
    /// Credibility of the aggressor's self-defence claim.
    pub self_defence: f32,
    /// Seeded draw in [-1, 1).
    pub noise: f32,
}

/// What a government's ties to the aggressor leave of the forces or arms it can send against it: a war on a friend
/// finds little support at home (India, Russia's partner, in 2022; France, courting Italy, in 1935).
pub fn against_a_friend(int: &Interests) -> f32 {
    1.0 - int.ties_aggressor.clamp(0.0, 1.0)
}

/// What a government can spare for the victim, of the forces or arms it would send: what its ties to the aggressor
/// leave (`against_a_friend`), less as far as threats closer to home hold its forces there (`distraction`: Britain,
/// at war with Germany, sent Finland volunteers and a few guns in 1940, not an army).
pub fn can_spare(int: &Interests) -> f32 {
    against_a_friend(int) * free_of_other_threats(int)
}

/// The share of its forces that threats closer to home (`distraction`) leave a government free to send abroad.
pub fn free_of_other_threats(int: &Interests) -> f32 {
    1.0 - int.distraction.clamp(0.0, 1.0)
}

/// How exposed a state is to the aggressor's reprisal: the aggressor's power that can reach its capital
/// (falling with the square of distance) against its own power and the shelter of the wider world.
pub fn exposure(i: &Interests, v: &View) -> f32 {
    let reach = v.aggressor_cinc / (1.0 + (i.km_aggressor / REPRISAL_KM).powi(2));
    reach / (reach + v.own_cinc + SHELTER)
}

/// Distance at which the aggressor's reach for reprisal halves.
pub const REPRISAL_KM: f32 = 1500.0;
/// The shelter every state draws from others' power, in CINC.
pub const SHELTER: f32 = 0.01;

/// The factors of a ballot on a measure, for a state that is neither party.
pub fn ballot_factors(i: &Interests, v: &View, m: Measure, w: &Weights) -> Factors {
    let sev = severity(m);
    let mut f = Factors::new();
    f.push(Factor::new(F::FaithInInstitution, w.commitment * i.commitment * v.credibility * (0.6 + sev * 0.4)));
    // A call on both sides takes neither's part: friends of either have nothing to defend (S/RES/479 passed
    // unanimously, Iraq's friends and Iran's foes alike).
    let takes_sides = m != Measure::CeaseFire;
    if i.ties_victim != 0.0 && takes_sides {
        f.push(Factor::new(F::TiesToVictim, w.ties_victim * i.ties_victim * (0.5 + sev)));
    }
    if i.ties_aggressor != 0.0 && takes_sides {
        f.push(Factor::new(ties_id(i.ties_aggressor), -w.ties_aggressor * i.ties_aggressor * (0.5 + sev)));
    }
    if i.trade_aggressor > 0.0 {
        let k = if is_economic(m) { 1.0 } else { 0.15 };
        f.push(Factor::new(F::TradeAtRisk, -w.trade_cost * i.trade_aggressor * k));
    }
    if m == Measure::OilSanctions && i.oil_aggressor > 0.0 {
        f.push(Factor::new(F::OilAtRisk, -w.oil_cost * i.oil_aggressor));
    }
    let exp = exposure(i, v);
    if exp > 0.0 && m != Measure::Enquiry {
        f.push(Factor::new(F::FearOfAggressor, -w.fear * sev * exp));
    }
    if i.interest > 0.0 {
        f.push(Factor::new(F::StakeInTheatre, w.stake * i.interest * (0.5 + sev)));
    }
    if i.distraction > 0.0 {
        f.push(Factor::new(F::OtherThreats, -w.distraction * i.distraction * sev));
    }
    if i.domestic > 0.0 && (is_military(m) || is_economic(m)) {
        let k = if is_military(m) { 1.0 } else { 0.3 };
        f.push(Factor::new(F::DomesticConstraints, -w.domestic * i.domestic * sev * k));
    }
    if i.non_aligned {
        let nf = match m {
            Measure::AuthoriseForce => -w.non_aligned * 0.7,
            Measure::UnifiedCommand => -w.non_aligned * 0.45,
            Measure::Peacekeeping | Measure::Enquiry | Measure::CeaseFire => w.non_aligned * 0.4,
            // Economic war led by one camp: the non-aligned hesitate.
            Measure::Sanctions | Measure::OilSanctions => -w.non_aligned * 0.2,
            _ => 0.0,
        };
        if nf != 0.0 {
            f.push(Factor::new(F::NonAlignment, nf));
        }
    }
    if names_aggressor(m) && v.self_defence > 0.0 {
        f.push(Factor::new(F::SelfDefenceClaim, -w.self_defence * v.self_defence));
    }
    f.push(Factor::new(F::DomesticPolitics, w.noise * v.noise));
    f
}

/// The factors of a party's ballot: the aggressor against, the victim for (both like an enquiry).
pub fn party_ballot_factors(aggressor: bool, m: Measure) -> Factors {
    match (aggressor, m) {
        (true, Measure::Enquiry) => smallvec::smallvec![Factor::new(F::EnquiryBuysTime, 0.6)],
        (true, Measure::Peacekeeping) => smallvec::smallvec![Factor::new(F::OwnCause, -0.3)],
        // Iraq accepted S/RES/479 at once (Iran refused it: it asked no withdrawal).
        (true, Measure::CeaseFire) => smallvec::smallvec![Factor::new(F::KeepsItsGains, 0.6)],
        (true, _) => smallvec::smallvec![Factor::new(F::OwnCause, -3.0)],
        (false, _) => smallvec::smallvec![Factor::new(F::VictimsCause, 3.0)],
    }
}

/// Whether a member attends an assembly: it stays away when the question barely touches it.
pub fn attendance(i: &Interests, v: &View) -> f32 {
    i.commitment * v.credibility + i.interest + i.ties_victim.abs() + i.ties_aggressor.abs()
}

/// Minimum attendance score for an assembly member to come and vote.
pub const ATTEND: f32 = 0.3;

/// The factors of a member's compliance with sanctions (each member decides its own, League Art. 16).
pub fn compliance_factors(i: &Interests, v: &View, oil: bool, binding: bool, w: &Weights) -> Factors {
    let mut f = Factors::new();
    let duty = if binding { 1.0 } else { 0.7 };
    f.push(Factor::new(F::FaithInInstitution, w.commitment * i.commitment * v.credibility * duty));
    if i.ties_victim != 0.0 {
        f.push(Factor::new(F::TiesToVictim, w.ties_victim * i.ties_victim * 0.5));
    }
    if i.ties_aggressor != 0.0 {
        f.push(Factor::new(ties_id(i.ties_aggressor), -w.ties_aggressor * i.ties_aggressor));
    }
    // What it gives up weighs by the aggressor's economy against its own: the American oil that was four-fifths
    // of Japan's imports was a small part of American sales.
    let dependence = (v.aggressor_cinc / v.own_cinc.max(1e-6)).min(1.0);
    if i.trade_aggressor > 0.0 {
        f.push(Factor::new(F::TradeAtRisk, -w.trade_cost * i.trade_aggressor * dependence));
    }
    if oil && i.oil_aggressor > 0.0 {
        f.push(Factor::new(F::OilAtRisk, -w.oil_cost * i.oil_aggressor * dependence));
    }
    if i.distraction > 0.0 {
        f.push(Factor::new(F::OtherThreats, -w.distraction * i.distraction * 0.5));
    }
    let exp = exposure(i, v);
    if exp > 0.0 {
        f.push(Factor::new(F::FearOfAggressor, -w.fear * 0.5 * exp));
    }
    f.push(Factor::new(F::DomesticPolitics, w.noise * v.noise));
    f
}

/// The burden of a coalition as a state deciding to join it sees it: the share of the force needed that others
/// already carry (`carried`), and the share its own forces would be (`own`, at most 1).
#[derive(Debug, Clone, Copy, Default)]
pub struct Burden {
    pub carried: f32,
    pub own: f32,
}

/// What a small state's contribution to a coalition is worth to it: at most `SMALL_SHARE` against joining when its
/// forces would be nothing of what is needed, nothing once they would be `SIGNIFICANT_SHARE` of it.
pub const SMALL_SHARE: f32 = 0.3;
/// The share of the needed force at which a state's own forces count in full.
pub const SIGNIFICANT_SHARE: f32 = 0.2;

/// The factors of a decision to send forces to the theatre against the aggressor, with the burden as the state
/// sees it: what others already carry, and what its own forces would be.
pub fn contribution_factors(i: &Interests, v: &View, authorised: bool, bloc_obligation: f32, burden: Burden, w: &Weights) -> Factors {
    let mut f = Factors::new();
    if authorised {
        f.push(Factor::new(F::Legitimacy, w.commitment * i.commitment * v.credibility * 0.6));
    }
    if bloc_obligation > 0.0 {
        f.push(Factor::new(F::BlocObligation, bloc_obligation));
    }
    if i.ties_victim != 0.0 {
        f.push(Factor::new(F::TiesToVictim, w.ties_victim * i.ties_victim));
    }
    if i.ties_aggressor != 0.0 {
        f.push(Factor::new(ties_id(i.ties_aggressor), -w.ties_aggressor * i.ties_aggressor));
    }
    if i.interest > 0.0 {
        f.push(Factor::new(F::StakeInTheatre, w.stake * i.interest * 1.2));
    }
    if i.domestic > 0.0 {
        f.push(Factor::new(F::DomesticConstraints, -w.domestic * i.domestic));
    }
    if i.distraction > 0.0 {
        f.push(Factor::new(F::OtherThreats, -w.distraction * i.distraction));
    }
    f.push(Factor::new(F::Distance, -0.3 * (1.0 - projection(i.km_theatre, 0.0))));
    if i.non_aligned {
        f.push(Factor::new(F::NonAlignment, -w.non_aligned));
    }
    // Olson and Zeckhauser, "An Economic Theory of Alliances" (1966): the small free-ride on the large. A state
    // whose forces would count for much feels others' effort less, and one whose forces would count for little
    // sees little reason to send them at all, unless a treaty binds it: a pact is the commitment made in advance
    // that overcomes the calculation (Schelling).
    let weight = (burden.own / SIGNIFICANT_SHARE).min(1.0);
    if burden.carried > 0.0 {
        f.push(Factor::new(F::FreeRiding, -0.5 * burden.carried.min(2.0) * (1.0 - burden.own.min(1.0))));
    }
    if weight < 1.0 && bloc_obligation <= 0.0 {
        f.push(Factor::new(F::SmallShare, -SMALL_SHARE * (1.0 - weight)));
    }
    let exp = exposure(i, v);
    if exp > 0.0 {
        f.push(Factor::new(F::FearOfAggressor, -w.fear * 0.3 * exp));
    }
    f.push(Factor::new(F::DomesticPolitics, w.noise * v.noise));
    f
}

/// Ties to the aggressor read as friendship when positive and as hostility when negative.
fn ties_id(t: f32) -> F {
    if t < 0.0 { F::HostilityToAggressor } else { F::TiesToAggressor }
}
