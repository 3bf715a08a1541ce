//! Voting rules of the League and the UN, as pure functions over ballots.

use crate::level::VotingRule;
use crate::sim::trace::{Ballot, Factor, FactorId, Split};

/// One seat's ballot as the rule sees it.
#[derive(Debug, Clone, Copy)]
pub struct Seat {
    pub ballot: Ballot,
    pub permanent: bool,
    /// A party to the dispute (its vote is not counted under League Art. 15).
    pub party: bool,
    /// The ballots this seat casts: one, or one for each member of a regional group.
    pub votes: Split,
}

#[derive(Debug, Clone)]
pub struct Tally {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    pub absent: u32,
    pub adopted: bool,
    /// Seats (indices) whose no was a veto.
    pub vetoes: Vec<usize>,
    /// Seats (indices) whose no broke unanimity.
    pub blockers: Vec<usize>,
    /// Why the rule gave this result.
    pub factors: Vec<Factor>,
}

/// Applies a body's rule. `procedural` decisions cannot be vetoed; `parties_excluded` drops the parties' votes (Art. 15).
pub fn tally(rule: VotingRule, seats: &[Seat], procedural: bool, parties_excluded: bool) -> Tally {
    let mut t = Tally { yes: 0, no: 0, abstain: 0, absent: 0, adopted: false, vetoes: vec![], blockers: vec![], factors: vec![] };
    for s in seats {
        t.yes += s.votes.yes;
        t.no += s.votes.no;
        t.abstain += s.votes.abstain;
        t.absent += s.votes.absent;
    }
    let counted = |s: &Seat| !(parties_excluded && s.party);
    match rule {
        VotingRule::Unanimity => {
            let yes = seats.iter().filter(|s| counted(s)).map(|s| s.votes.yes).sum::<u32>();
            // One member against breaks unanimity, within a group too.
            t.blockers = seats.iter().enumerate().filter(|(_, s)| counted(s) && s.votes.no > 0).map(|(i, _)| i).collect();
            t.adopted = yes > 0 && t.blockers.is_empty();
            if !t.blockers.is_empty() {
                t.factors.push(Factor::new(FactorId::Unanimity, -(t.blockers.len() as f32)));
            } else {
                t.factors.push(Factor::new(FactorId::Unanimity, yes as f32));
            }
        }
        VotingRule::Qualified { votes, veto } => {
            let enough = t.yes >= votes;
            if veto && !procedural {
                t.vetoes = seats.iter().enumerate().filter(|(_, s)| s.permanent && s.ballot == Ballot::No).map(|(i, _)| i).collect();
            }
            t.adopted = enough && t.vetoes.is_empty();
            t.factors.push(Factor::new(FactorId::Majority, t.yes as f32 - votes as f32));
            if !t.vetoes.is_empty() {
                t.factors.push(Factor::new(FactorId::Veto, -(t.vetoes.len() as f32)));
            }
        }
        VotingRule::TwoThirds => {
            // two-thirds of members present and voting: abstentions do not count
            let voting = t.yes + t.no;
            t.adopted = voting > 0 && 3 * t.yes >= 2 * voting;
            t.factors.push(Factor::new(FactorId::Majority, t.yes as f32 - (2 * voting).div_ceil(3) as f32));
        }
        VotingRule::Majority => {
            t.adopted = t.yes > t.no;
            t.factors.push(Factor::new(FactorId::Majority, t.yes as f32 - t.no as f32));
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ballot::*;

    fn seats(b: &[(Ballot, bool)]) -> Vec<Seat> {
        b.iter().map(|&(ballot, permanent)| Seat { ballot, permanent, party: false, votes: Split::all(ballot, 1) }).collect()
    }
    const SC_1950: VotingRule = VotingRule::Qualified { votes: 7, veto: true };
    const SC_1966: VotingRule = VotingRule::Qualified { votes: 9, veto: true };

    #[test]
    fn a_permanent_members_no_vetoes_a_substantive_resolution() {
        let mut b = vec![(Yes, true); 4];
        b.push((No, true));
        b.extend([(Yes, false); 6]);
        let t = tally(SC_1950, &seats(&b), false, false);
        assert!(!t.adopted);
        assert_eq!(t.vetoes, vec![4]);
        assert_eq!((t.yes, t.no), (10, 1));
    }

    #[test]
    fn a_permanent_members_abstention_does_not_block_a_resolution() {
        let mut b = vec![(Yes, true); 4];
        b.push((Abstain, true));
        b.extend([(Yes, false); 6]);
        assert!(tally(SC_1950, &seats(&b), false, false).adopted);
    }

    #[test]
    fn a_permanent_members_absence_does_not_block_a_resolution() {
        // S/RES/82: 9-0-1 with the USSR absent
        let mut b = vec![(Yes, true); 4];
        b.push((Absent, true));
        b.extend([(Yes, false); 5]);
        b.push((Abstain, false));
        let t = tally(SC_1950, &seats(&b), false, false);
        assert!(t.adopted);
        assert_eq!((t.yes, t.no, t.abstain, t.absent), (9, 0, 1, 1));
    }

    #[test]
    fn a_procedural_vote_cannot_be_vetoed() {
        // S/RES/2623: 11-1-3 with Russia against, adopted
        let mut b = vec![(Yes, true); 3];
        b.push((No, true));
        b.push((Abstain, true));
        b.extend([(Yes, false); 8]);
        b.extend([(Abstain, false); 2]);
        let s = seats(&b);
        assert!(tally(SC_1966, &s, true, false).adopted);
        assert!(!tally(SC_1966, &s, false, false).adopted, "the same ballots on a substantive draft are vetoed");
    }

    #[test]
    fn seven_votes_were_needed_in_an_eleven_seat_council() {
        let mut b = vec![(Yes, true); 5];
        b.push((Yes, false));
        b.extend([(Abstain, false); 5]);
        assert!(!tally(SC_1950, &seats(&b), false, false).adopted, "six yes is not enough");
        b[5 + 1].0 = Yes;
        assert!(tally(SC_1950, &seats(&b), false, false).adopted);
    }

    #[test]
    fn one_member_against_breaks_league_unanimity() {
        let mut b = vec![(Yes, false); 13];
        b.push((No, false));
        let t = tally(VotingRule::Unanimity, &seats(&b), false, false);
        assert!(!t.adopted);
        assert_eq!(t.blockers, vec![13]);
    }

    #[test]
    fn under_article_15_the_parties_votes_are_not_counted() {
        let mut s = seats(&[(Yes, false), (Yes, false), (Abstain, false)]);
        s.push(Seat { ballot: No, permanent: false, party: true, votes: Split::all(No, 1) });
        assert!(tally(VotingRule::Unanimity, &s, false, true).adopted);
        assert!(!tally(VotingRule::Unanimity, &s, false, false).adopted, "under Art. 11 the party's no blocks");
    }

    #[test]
    fn abstentions_do_not_break_unanimity_but_someone_must_vote_yes() {
        assert!(tally(VotingRule::Unanimity, &seats(&[(Yes, false), (Abstain, false)]), false, false).adopted);
        assert!(!tally(VotingRule::Unanimity, &seats(&[(Abstain, false), (Absent, false)]), false, false).adopted);
    }

    #[test]
    fn a_regional_group_casts_as_many_ballots_as_it_has_members() {
        let s = vec![
            Seat { ballot: Yes, permanent: false, party: false, votes: Split::all(Yes, 28) },
            Seat { ballot: No, permanent: false, party: false, votes: Split::all(No, 15) },
        ];
        let t = tally(VotingRule::TwoThirds, &s, false, false);
        assert_eq!((t.yes, t.no), (28, 15));
        assert!(!t.adopted, "28 of 43 is short of two thirds");
    }

    #[test]
    fn a_group_whose_members_divide_counts_each_ballot_and_one_no_among_them_breaks_unanimity() {
        let divided = Split { yes: 20, no: 1, abstain: 5, absent: 2 };
        let s = vec![Seat { ballot: Yes, permanent: false, party: false, votes: divided }];
        let t = tally(VotingRule::Unanimity, &s, false, false);
        assert_eq!((t.yes, t.no, t.abstain, t.absent), (20, 1, 5, 2));
        assert!(!t.adopted, "one member against breaks unanimity");
        assert!(tally(VotingRule::TwoThirds, &s, false, false).adopted);
    }

    #[test]
    fn two_thirds_counts_only_members_present_and_voting() {
        // A/RES/ES-11/1: 141-5-35 with 12 absent passes easily
        let mut b = vec![(Yes, false); 141];
        b.extend([(No, false); 5]);
        b.extend([(Abstain, false); 35]);
        b.extend([(Absent, false); 12]);
        assert!(tally(VotingRule::TwoThirds, &seats(&b), false, false).adopted);
        // 10 yes, 6 no: 10/16 < 2/3 fails however many abstain
        let mut c = vec![(Yes, false); 10];
        c.extend([(No, false); 6]);
        c.extend([(Abstain, false); 50]);
        assert!(!tally(VotingRule::TwoThirds, &seats(&c), false, false).adopted);
        // exactly two thirds passes
        let mut d = vec![(Yes, false); 10];
        d.extend([(No, false); 5]);
        assert!(tally(VotingRule::TwoThirds, &seats(&d), false, false).adopted);
    }
}
