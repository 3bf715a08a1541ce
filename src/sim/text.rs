//! The words for the model's ids: bodies, measures, orders, outcomes, mechanisms. Shared by the panels,
//! the reports and the command line, so that a report says what the screen said.

use crate::level::Order;

pub fn outcome_text(o: crate::level::OutcomeKind) -> &'static str {
    use crate::level::OutcomeKind::*;
    match o {
        Deterred => "Deterred: the aggressor never attacked and was handed nothing, or withdrew before taking any ground",
        Halted => "Halted: the fighting stopped, or concessions settled the crisis without a war, with the aggressor short of its claim",
        Reversed => "Reversed: the aggressor ended on the line it held before the crisis, thrown back or withdrawn",
        AggressorPrevails => "The aggressor prevails: it got what it wanted",
        Frozen => "Frozen: the lines froze with no settlement",
    }
}

/// The aggressor's limited aims in words, for a level that gives them (`aim` below 1): what the player weighs.
pub fn aim_text(aggressor: &str, aim: f32, punitive: bool) -> Option<String> {
    let then = if punitive { "it withdraws to its own lines, its aims achieved" } else { "it offers a cease-fire where its forces stand" };
    (aim < 1.0).then(|| format!("{aggressor} means to hold {:.0}% of the contested ground, no more: holding that, {then}.", aim * 100.0))
}

pub fn measure_name(m: crate::level::Measure) -> &'static str {
    use crate::level::Measure::*;
    match m {
        Enquiry => "Commission of enquiry",
        Condemn => "Call for a cease-fire and withdrawal",
        NonRecognition => "Refuse to recognise the conquest",
        Sanctions => "Economic sanctions (oil exempted)",
        OilSanctions => "Economic sanctions with oil",
        AuthoriseForce => "Authorise force (assistance to the victim)",
        UnifiedCommand => "Unified command",
        Referral => "Refer to the Assembly (procedural)",
        Peacekeeping => "Peacekeeping force (consent needed)",
        UnitingForPeace => "Uniting for Peace",
        CeaseFire => "Call on both sides to cease fire",
    }
}

pub fn body_name(b: crate::level::BodyKind) -> &'static str {
    use crate::level::BodyKind::*;
    match b {
        LeagueCouncil => "League Council",
        LeagueAssembly => "League Assembly",
        SecurityCouncil => "Security Council",
        GeneralAssembly => "General Assembly",
    }
}

pub fn order_text(o: &Order) -> String {
    match o {
        Order::Concede => "Concede part of the claim".into(),
        Order::Mediate => "Offer mediation".into(),
        Order::Guarantee => "Guarantee the victim".into(),
        Order::Rearm => "Rearm".into(),
        Order::JoinBloc(b) => format!("Join {b}"),
        Order::Intervene => "Send forces".into(),
        Order::ArmVictim => "Arm the victim".into(),
        Order::Blockade => "Blockade the sea routes".into(),
        Order::Sanction { oil } => format!("Own sanctions{}", if *oil { " with oil" } else { "" }),
        Order::HoldAtTheLine => "Hold at the line".into(),
        Order::Propose { body, measure, .. } => format!("Propose in the {}: {}", body_name(*body), measure_name(*measure)),
        Order::Wait => "Wait".into(),
    }
}

pub fn mechanism_title(m: crate::sim::Mechanism) -> String {
    use crate::sim::Mechanism::*;
    match m {
        Outcome => "How the crisis ended".into(),
        Vote(body, measure) => format!("{} in the {}", measure_name(measure), body_name(body)),
        Sanctions => "Sanctions".into(),
        Enforcement => "Enforcement by a coalition".into(),
        Appeasement => "Appeasement".into(),
        Peacekeeping => "Peacekeeping".into(),
        Deterrence => "Deterrence: the aggressor's last decision".into(),
    }
}

pub fn choice_text(c: crate::sim::AggressorChoice) -> &'static str {
    use crate::sim::AggressorChoice::*;
    match c {
        Attack => "attack",
        Hold => "hold back",
        Proceed => "press on",
        Escalate => "escalate",
        AcceptTerms => "accept a cease-fire",
        Withdraw => "withdraw",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_player_is_told_the_share_an_aggressor_with_limited_aims_means_to_take_and_nothing_when_it_wants_all() {
        assert_eq!(super::aim_text("Russia", 1.0, false), None);
        let told = super::aim_text("Russia", 0.18, false).unwrap();
        assert!(told.starts_with("Russia means to hold 18% of the contested ground") && told.contains("cease-fire"), "{told}");
        assert!(super::aim_text("China", 0.15, true).unwrap().contains("withdraws to its own lines"));
    }
}
