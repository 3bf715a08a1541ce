import sys; sys.path.insert(0, '/tmp/gen')
from common import *
S = []
A = S.append
A(state("PRK","North Korea",125.75,39.02,0.00267, commitment=0.0, note="aggressor; armed and trained by the USSR"))
A(state("KOR","South Korea",126.98,37.57,0.00474, commitment=0.8, note="victim; not a UN member"))
A(state("USA","United States",-77.04,38.9,0.28444, tv=0.8, interest=0.8, distraction=0.2, domestic=0.2, commitment=0.7, note="permanent member"))
A(state("GBR","United Kingdom",-0.13,51.51,0.06135, tv=0.5, interest=0.3, distraction=0.35, domestic=0.3, commitment=0.65, note="permanent member"))
A(state("FRA","France",2.35,48.86,0.03322, tv=0.5, interest=0.2, distraction=0.5, domestic=0.3, commitment=0.6, note="permanent member; at war in Indochina"))
A(state("TWN","China (Republic of China)",121.56,25.03,0.00478, ta=-0.8, tv=0.7, interest=0.5, distraction=0.6, commitment=0.7, note="holds the China seat; CINC of the Taiwan government"))
A(state("SUN","Soviet Union",37.62,55.75,0.1806, ta=0.9, tv=-0.6, trade=0.8, interest=0.8, distraction=0.3, domestic=0.4, commitment=0.2, note="permanent member; boycotting the Council since January 1950 over the China seat"))
A(state("CHN","People's Republic of China",116.4,39.9,0.1185, ta=0.9, tv=-0.7, trade=0.2, interest=0.9, distraction=0.3, domestic=0.2, commitment=0.0, note="not seated in the UN"))
# elected members of the Council, 1950
A(state("CUB","Cuba",-82.37,23.11,0.00168, tv=0.4, commitment=0.6, note="Council"))
A(state("ECU","Ecuador",-78.47,-0.18,0.00071, tv=0.4, commitment=0.6, note="Council"))
A(state("EGY","Egypt",31.24,30.04,0.00548, distraction=0.3, commitment=0.6, na=True, note="Council"))
A(state("IND","India",77.21,28.61,0.04956, tv=0.1, domestic=0.4, commitment=0.65, na=True, note="Council"))
A(state("NOR","Norway",10.75,59.91,0.00121, tv=0.3, domestic=0.3, commitment=0.8, note="Council"))
A(state("YUG","Yugoslavia",20.46,44.79,0.00822, ta=0.25, distraction=0.3, commitment=0.5, na=True, note="Council; communist but expelled from the Cominform in 1948"))
# Soviet bloc
for t in [("UKR","Ukrainian SSR",30.52,50.45),("BYS","Byelorussian SSR",27.56,53.9)]:
    A(state(t[0],t[1],t[2],t[3],0.0, ta=0.9, tv=-0.6, commitment=0.2, note="UN member inside the USSR: no separate CINC"))
A(state("POL","Poland",21.01,52.23,0.01693, ta=0.7, tv=-0.5, commitment=0.25))
A(state("CSK","Czechoslovakia",14.42,50.09,0.01247, ta=0.7, tv=-0.5, commitment=0.25))
# Western Europe and the Commonwealth
for t in [("NLD","Netherlands",4.9,52.37,0.00812,0.4,0.7),("BEL","Belgium",4.35,50.85,0.00822,0.4,0.7),("LUX","Luxembourg",6.13,49.61,0.00257,0.3,0.7),
          ("DNK","Denmark",12.57,55.68,0.00173,0.3,0.75),("SWE","Sweden",18.07,59.33,0.00495,0.1,0.75),("ISL","Iceland",-21.94,64.15,0.00001,0.2,0.7),
          ("GRC","Greece",23.73,37.98,0.00355,0.4,0.65),("TUR","Turkey",32.85,39.93,0.0102,0.5,0.65),
          ("CAN","Canada",-75.7,45.42,0.01261,0.5,0.7),("AUS","Australia",149.13,-35.28,0.00684,0.5,0.7),("NZL","New Zealand",174.78,-41.29,0.00073,0.5,0.7),
          ("ZAF","South Africa",28.19,-25.75,0.00505,0.3,0.55)]:
    A(state(t[0],t[1],t[2],t[3],t[4], tv=t[5], commitment=t[6]))
# Asia and the Middle East
A(state("PHL","Philippines",120.98,14.6,0.00324, tv=0.5, interest=0.2, commitment=0.65))
A(state("THA","Thailand",100.5,13.76,0.00316, tv=0.4, commitment=0.6))
A(state("PAK","Pakistan",73.05,33.68,0.01128, tv=0.1, commitment=0.55))
A(state("MMR","Burma",96.17,16.84,0.00216, commitment=0.55, na=True))
A(state("AFG","Afghanistan",69.17,34.53,0.00161, commitment=0.45, na=True))
A(state("IDN","Indonesia",106.85,-6.21,0.01793, commitment=0.5, na=True, note="joins the UN 28 September 1950"))
A(state("IRN","Iran",51.39,35.69,0.0062, tv=0.2, commitment=0.55))
A(state("IRQ","Iraq",44.37,33.31,0.00131, tv=0.1, commitment=0.5))
A(state("SYR","Syria",36.29,33.51,0.00115, commitment=0.45))
A(state("LBN","Lebanon",35.5,33.89,0.00036, tv=0.1, commitment=0.55))
A(state("SAU","Saudi Arabia",46.72,24.69,0.00138, tv=0.1, commitment=0.45))
A(state("YEM","Yemen",44.21,15.35,0.00052, commitment=0.35))
A(state("ISR","Israel",35.21,31.77,0.00133, tv=0.2, commitment=0.6))
A(state("ETH","Ethiopia",38.75,9.03,0.00231, tv=0.3, commitment=0.7))
A(state("LBR","Liberia",-10.8,6.3,0.00013, tv=0.3, commitment=0.55))
# the Americas
for t in [("ARG","Argentina",-58.38,-34.6,0.008,0.1,0.5),("BOL","Bolivia",-68.15,-16.5,0.00055,0.3,0.55),("BRA","Brazil",-47.88,-15.79,0.01274,0.3,0.6),
          ("CHL","Chile",-70.67,-33.45,0.0021,0.3,0.6),("COL","Colombia",-74.07,4.71,0.00263,0.4,0.6),("CRI","Costa Rica",-84.09,9.93,0.00007,0.3,0.6),
          ("DOM","Dominican Republic",-69.93,18.49,0.0005,0.3,0.55),("SLV","El Salvador",-89.19,13.69,0.00028,0.3,0.55),("GTM","Guatemala",-90.51,14.63,0.00064,0.2,0.55),
          ("HTI","Haiti",-72.34,18.54,0.00037,0.3,0.55),("HND","Honduras",-87.21,14.07,0.00015,0.3,0.55),("MEX","Mexico",-99.13,19.43,0.0067,0.2,0.6),
          ("NIC","Nicaragua",-86.25,12.13,0.00021,0.3,0.55),("PAN","Panama",-79.52,8.98,0.00015,0.3,0.55),("PRY","Paraguay",-57.58,-25.26,0.00033,0.3,0.55),
          ("PER","Peru",-77.04,-12.05,0.00174,0.3,0.6),("URY","Uruguay",-56.16,-34.9,0.00078,0.3,0.6),("VEN","Venezuela",-66.9,10.48,0.00408,0.3,0.55)]:
    A(state(t[0],t[1],t[2],t[3],t[4], tv=t[5], commitment=t[6]))
ids_all = [l.split('id: "')[1].split('"')[0] for l in S]
non_members = {"PRK","KOR","CHN","IDN"}
members = [i for i in ids_all if i not in non_members]
assert len(members) == 59, len(members)
council = ["TWN","FRA","GBR","USA","SUN","CUB","ECU","EGY","IND","NOR","YUG"]
out = f'''// Korea 1950: the Security Council acts while the USSR is away, and is blocked once it returns.
// Power: COW National Material Capabilities 6.0 (CINC, 1950). Ties, interests, distractions, domestic
// constraints and commitment are the level author's judgements from the sources below.
Level(
    id: "korea_1950",
    name: "Korea 1950",
    summary: "At dawn on 25 June 1950 the army of North Korea, armed by the Soviet Union, crosses the 38th parallel into the South. The Security Council of eleven meets the same day. The Soviet Union has stayed away since January in protest that the Republic of China, not the People's Republic, holds China's seat. The United States brings the question to the Council.",
    turns: [
        (date: "1950-06-25", label: "Invasion; the Council meets"),
        (date: "1950-06-27", label: "Assistance to the Republic of Korea"),
        (date: "1950-07-07", label: "A unified command"),
        (date: "1950-08-01", label: "The Soviet delegate returns"),
        (date: "1950-09-06", label: "The Council again"),
        (date: "1950-11-03", label: "Uniting for Peace"),
        (date: "1951-02-01", label: "Winter war"),
        (date: "1953-07-27", label: "Armistice talks end"),
    ],
    tension: 0.5,
    states: [
{chr(10).join(S)}
    ],
    blocs: [],
    institution: (
        kind: UnitedNations,
        name: "United Nations",
        credibility: 0.7,
        members: {ids(members)},
        bodies: [
            (kind: SecurityCouncil, rule: Qualified(votes: 7, veto: true), members: {ids(council)}, permanent: ["TWN", "FRA", "GBR", "USA", "SUN"]),
            (kind: GeneralAssembly, rule: TwoThirds),
        ],
        uniting_for_peace: false,
    ),
    crisis: (
        aggressor: "PRK",
        victim: "KOR",
        theatre: "Korean peninsula",
        location: (127.5, 37.0),
        claim: "South Korean forces attacked first across the 38th parallel; the North counter-attacks to unify the country",
        self_defence: 0.3,
        attack_under_way: true,
        appetite: 1.0,
        aggressor_readiness: 4.0,
        victim_readiness: 0.5,
        control: 0.05,
    ),
    events: [
        (date: "1950-01-13", kind: Boycott(state: "SUN", body: SecurityCouncil), text: "The Soviet delegate walks out of the Security Council over China's seat"),
        (date: "1950-06-25", kind: News, text: "North Korean forces cross the 38th parallel"),
        (date: "1950-06-27", kind: NoInstructions(state: "EGY", body: SecurityCouncil), text: "Egypt's delegate has no instructions and does not vote"),
        (date: "1950-06-27", kind: NoInstructions(state: "IND", body: SecurityCouncil), text: "India's delegate has no instructions and does not vote"),
        (date: "1950-08-01", kind: Return(state: "SUN", body: SecurityCouncil), text: "The Soviet delegate returns to the Council and takes the chair"),
        (date: "1950-09-15", kind: News, text: "Landing at Inchon (UNVERIFIED date in the source table)"),
        (date: "1950-09-28", kind: Join(state: "IDN"), text: "Indonesia joins the United Nations"),
    ],
    playable: [
        (
            state: "USA",
            role: "United States: the leading power of the West, with troops in Japan, resolved that aggression must not pay.",
            historical: [
                (turn: 1, orders: [Propose(body: SecurityCouncil, measure: Condemn)]),
                (turn: 2, orders: [Propose(body: SecurityCouncil, measure: AuthoriseForce), Intervene]),
                (turn: 3, orders: [Propose(body: SecurityCouncil, measure: UnifiedCommand), Intervene]),
                (turn: 4, orders: [Intervene]),
                (turn: 5, orders: [Propose(body: SecurityCouncil, measure: Condemn), Intervene]),
                (turn: 6, orders: [Propose(body: GeneralAssembly, measure: UnitingForPeace), Intervene]),
                (turn: 7, orders: [Intervene]),
                (turn: 8, orders: [Intervene]),
            ],
        ),
        (
            state: "IND",
            role: "India: newly independent and non-aligned, on the Council, for the UN's authority but against blocs.",
            historical: [
                (turn: 3, orders: [Mediate]),
                (turn: 6, orders: [Mediate]),
            ],
        ),
    ],
    history: (
        outcome: Reversed,
        summary: "The Council condemned the attack on 25 June (S/RES/82, 9–0–1), recommended assistance to the Republic of Korea on 27 June (S/RES/83, 7–1–0) and put the forces under a unified command led by the United States on 7 July (S/RES/84, 7–0–3), all while the Soviet Union was absent. The USSR returned on 1 August and the Council was blocked from then on; on 3 November 1950 the General Assembly adopted Uniting for Peace. Forces of sixteen states fought under the UN flag; after the Inchon landing they drove the North back, China intervened from October, and the armistice of 27 July 1953 left the line close to where the war began: the invasion was undone, but no peace was made.",
        votes: [
            (turn: 1, body: SecurityCouncil, measure: Condemn, document: "S/RES/82", adopted: true, tally: "9–0–1", abstain: ["YUG"], absent: ["SUN"], source: "UN records; FRUS 1950 vol. VII"),
            (turn: 2, body: SecurityCouncil, measure: AuthoriseForce, document: "S/RES/83", adopted: true, tally: "7–1–0", no: ["YUG"], absent: ["EGY", "IND", "SUN"], source: "UN records"),
            (turn: 3, body: SecurityCouncil, measure: UnifiedCommand, document: "S/RES/84", adopted: true, tally: "7–0–3", abstain: ["EGY", "IND", "YUG"], absent: ["SUN"], source: "FRUS 1950 vol. VII"),
            (turn: 5, body: SecurityCouncil, measure: Condemn, document: "draft S/1653", adopted: false, tally: "9–1–1 (UNVERIFIED)", no: ["SUN"], vetoed_by: ["SUN"], source: "UN Security Council records, 496th meeting (UNVERIFIED)"),
            (turn: 6, body: GeneralAssembly, measure: UnitingForPeace, document: "A/RES/377 A (V)", adopted: true, tally: "52–5–2", no: ["SUN", "UKR", "BYS", "POL", "CSK"], abstain: ["IND", "ARG"], source: "UN General Assembly records, 302nd plenary meeting"),
        ],
    ),
    sources: [
        "Correlates of War Project, National Material Capabilities v6.0 (Singer, Bremer and Stuckey 1972; Singer 1987): CINC for 1950",
        "UN Security Council resolutions 82, 83 and 84 (1950) and meeting records",
        "Foreign Relations of the United States, 1950, vol. VII: Korea",
        "UN General Assembly resolution 377 A (V), Uniting for Peace, 3 November 1950",
        "Council seats and UN membership: shared/data/history.md, section 3",
    ],
)
'''
open('/work/main/levels/korea_1950.ron','w').write(out)
