//! The glossary's entries: the concepts of the game in a student's words, and the primary sources (the
//! Covenant, the Charter, resolution 377 A) quoted with their citations. The game's glossary (F1) and the
//! teacher's materials read them from here.

/// Each entry: its title, and its text. Entries whose title begins "Source:" quote a primary source.
pub const TOPICS: &[(&str, &str)] = &[
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
        "Art. 39: the Security Council determines any threat to the peace, breach of the peace or act of aggression. Art. 40: provisional measures. Art. 41: measures without force (sanctions). Art. 42: action by air, sea or land forces. Arts. 43–47: forces to be made available by special agreements, and the Military Staff Committee (the agreements were never concluded). Arts. 48–50: members carry out the Council's decisions and help one another, and a state hurt by sanctions may consult the Council. Art. 51: the inherent right of individual or collective self-defence until the Council acts.",
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
    (
        "Restoring the line, or carrying the war further",
        "Collective security aims to undo an aggression: resolution 83 of June 1950 asked members 'to repel the armed attack'. Carrying the war into the aggressor's own territory is a further aim, and it can bring in the aggressor's friends. In October 1950 United Nations forces crossed the 38th parallel; China, which had warned through India that it would not stand aside, entered the war, and the fighting went on for almost three years. In the game, the order 'Restore the line, no more' keeps your forces at the line where the aggression began.",
    ),
    (
        "A call to cease fire",
        "Charter Art. 40: before deciding on measures, the Security Council may call upon the parties to comply with provisional measures, without prejudice to their rights, claims or position. A call on both sides to cease fire names no aggressor, so friends of either side can vote for it, and an aggressor holding ground often accepts it at once: it keeps what it holds. Iraq accepted resolution 479 of September 1980 and Iran rejected it, because it did not ask Iraq to withdraw; the war went on for eight years. A call that also demands withdrawal is stronger: in October 1925 the League Council demanded that Greece and Bulgaria withdraw behind their frontiers within sixty hours, and Greece, facing Britain, France and Italy on the Council, did. In the game: the motion Call on both sides to cease fire; the victim weighs it by its faith in the institution when it decides on a cease-fire.",
    ),
    (
        "Source: the Covenant, Arts. 10, 11, 16",
        "Primary source: the Covenant of the League of Nations (1919).\n\nArt. 10: \"The Members of the League undertake to respect and preserve as against external aggression the territorial integrity and existing political independence of all Members of the League.\"\n\nArt. 11: \"Any war or threat of war, whether immediately affecting any of the Members of the League or not, is hereby declared a matter of concern to the whole League, and the League shall take any action that may be deemed wise and effectual to safeguard the peace of nations.\"\n\nArt. 16: \"Should any Member of the League resort to war in disregard of its covenants under Articles 12, 13 or 15, it shall ipso facto be deemed to have committed an act of war against all other Members of the League, which hereby undertake immediately to subject it to the severance of all trade or financial relations…\"",
    ),
    (
        "Source: the Charter, Arts. 2(4), 27(3), 39, 41, 42, 51",
        "Primary source: the Charter of the United Nations (1945; Art. 27 as amended in 1965).\n\nArt. 2(4): \"All Members shall refrain in their international relations from the threat or use of force against the territorial integrity or political independence of any state…\"\n\nArt. 27(3): \"Decisions of the Security Council on all other matters shall be made by an affirmative vote of nine members including the concurring votes of the permanent members…\"\n\nArt. 39: \"The Security Council shall determine the existence of any threat to the peace, breach of the peace, or act of aggression…\"\n\nArt. 41: measures \"not involving the use of armed force… may include complete or partial interruption of economic relations…\"\n\nArt. 42: \"…it may take such action by air, sea, or land forces as may be necessary to maintain or restore international peace and security.\"\n\nArt. 51: \"Nothing in the present Charter shall impair the inherent right of individual or collective self-defence if an armed attack occurs against a Member of the United Nations, until the Security Council has taken measures necessary to maintain international peace and security.\"",
    ),
    (
        "Source: resolution 377 A (V), 1950",
        "Primary source: General Assembly resolution 377 A (V), 'Uniting for peace', 3 November 1950.\n\n\"…if the Security Council, because of lack of unanimity of the permanent members, fails to exercise its primary responsibility for the maintenance of international peace and security in any case where there appears to be a threat to the peace, breach of the peace, or act of aggression, the General Assembly shall consider the matter immediately with a view to making appropriate recommendations to Members for collective measures, including in the case of a breach of the peace or act of aggression the use of armed force when necessary…\"",
    ),
];
