import sys; sys.path.insert(0, '/tmp/gen')
from common import *
S = []
# id, name, lon, lat, cinc(NMC 6.0, 1931), then judgements
# great powers and parties
S.append(state("JPN","Japan",139.69,35.69,0.04114, commitment=0.3, note="aggressor: the Kwantung Army staged the Mukden incident"))
S.append(state("CHN","China",118.8,32.06,0.12544, commitment=0.8, note="victim; Nanjing government"))
S.append(state("GBR","United Kingdom",-0.13,51.51,0.07821, ta=0.15, tv=0.1, trade=0.07, interest=0.5, distraction=0.45, domestic=0.6, commitment=0.6))
S.append(state("FRA","France",2.35,48.86,0.06472, ta=0.15, tv=0.05, trade=0.02, interest=0.3, distraction=0.5, domestic=0.4, commitment=0.6))
S.append(state("ITA","Italy",12.5,41.9,0.03289, ta=0.05, trade=0.01, interest=0.05, distraction=0.2, domestic=0.2, commitment=0.5))
S.append(state("DEU","Germany",13.4,52.52,0.07011, ta=0.05, tv=0.05, trade=0.03, interest=0.05, distraction=0.3, domestic=0.5, commitment=0.5))
S.append(state("USA","United States",-77.04,38.9,0.21602, ta=0.0, tv=0.25, trade=0.35, oil=0.8, interest=0.4, domestic=0.8, commitment=0.3, note="not a member; Stimson doctrine of non-recognition"))
S.append(state("SUN","Soviet Union",37.62,55.75,0.15811, ta=-0.3, tv=0.1, trade=0.02, oil=0.05, interest=0.5, distraction=0.5, domestic=0.3, commitment=0.0, note="not a member until 1934"))
# Council members 1931-32 (non-permanent)
S.append(state("ESP","Spain",-3.7,40.42,0.0146, commitment=0.8, note="Council; Madariaga"))
S.append(state("IRL","Irish Free State",-6.26,53.35,0.00135, commitment=0.85, note="Council"))
S.append(state("NOR","Norway",10.75,59.91,0.00142, commitment=0.85, note="Council"))
S.append(state("POL","Poland",21.01,52.23,0.02181, distraction=0.4, commitment=0.65, note="Council"))
S.append(state("YUG","Yugoslavia",20.46,44.79,0.0069, commitment=0.65, note="Council"))
S.append(state("GTM","Guatemala",-90.51,14.63,0.00058, commitment=0.6, note="Council"))
S.append(state("PAN","Panama",-79.52,8.98,0.00006, commitment=0.6, note="Council"))
S.append(state("PER","Peru",-77.04,-12.05,0.00147, distraction=0.3, commitment=0.6, note="Council; Leticia dispute with Colombia from 1932"))
# Asian and Pacific members near Japan
S.append(state("THA","Siam",100.5,13.76,0.00346, ta=0.35, trade=0.02, interest=0.1, commitment=0.4, note="small neighbour wary of Japan"))
S.append(state("IRN","Persia",51.39,35.69,0.0034, commitment=0.6))
S.append(state("IND","India",77.21,28.61,0.0, tv=0.1, trade=0.05, interest=0.2, commitment=0.6, note="British India: a League member, not an independent state in COW (no CINC)"))
S.append(state("AUS","Australia",149.13,-35.28,0.00597, ta=0.05, trade=0.03, interest=0.3, commitment=0.6))
S.append(state("NZL","New Zealand",174.78,-41.29,0.00073, interest=0.1, commitment=0.7))
S.append(state("CAN","Canada",-75.7,45.42,0.00919, trade=0.02, commitment=0.6))
S.append(state("ZAF","South Africa",28.19,-25.75,0.00347, commitment=0.6))
# Europe
for t in [("NLD","Netherlands",4.9,52.37,0.00607,dict(trade=0.04,oil=0.1,interest=0.3,commitment=0.75)),
          ("BEL","Belgium",4.35,50.85,0.01599,dict(trade=0.01,commitment=0.75)),
          ("LUX","Luxembourg",6.13,49.61,0.0052,dict(commitment=0.7)),
          ("CHE","Switzerland",7.45,46.95,0.00205,dict(trade=0.01,commitment=0.75)),
          ("SWE","Sweden",18.07,59.33,0.00546,dict(commitment=0.85)),
          ("DNK","Denmark",12.57,55.68,0.00229,dict(commitment=0.85)),
          ("FIN","Finland",24.94,60.17,0.00214,dict(commitment=0.75)),
          ("EST","Estonia",24.75,59.44,0.00086,dict(commitment=0.7)),
          ("LVA","Latvia",24.11,56.95,0.00158,dict(commitment=0.7)),
          ("LTU","Lithuania",23.9,54.9,0.00113,dict(commitment=0.7)),
          ("CSK","Czechoslovakia",14.42,50.09,0.01428,dict(commitment=0.85)),
          ("AUT","Austria",16.37,48.21,0.00535,dict(commitment=0.6)),
          ("HUN","Hungary",19.04,47.5,0.00498,dict(commitment=0.5)),
          ("ROU","Romania",26.1,44.43,0.01026,dict(commitment=0.7)),
          ("BGR","Bulgaria",23.32,42.7,0.00173,dict(commitment=0.55)),
          ("GRC","Greece",23.73,37.98,0.00394,dict(commitment=0.7)),
          ("ALB","Albania",19.82,41.33,0.00049,dict(commitment=0.3)),
          ("PRT","Portugal",-9.14,38.72,0.00332,dict(commitment=0.6)),
         ]:
    S.append(state(t[0],t[1],t[2],t[3],t[4],**t[5]))
# Latin America: several stayed away from Geneva (arrears, the Chaco and Leticia wars)
for t in [("ARG","Argentina",-58.38,-34.6,0.00747,dict(commitment=0.1, note="absent from the Assembly until 1933")),
          ("CHL","Chile",-70.67,-33.45,0.00256,dict(commitment=0.5)),
          ("COL","Colombia",-74.07,4.71,0.00171,dict(commitment=0.6)),
          ("CUB","Cuba",-82.37,23.11,0.0018,dict(commitment=0.3)),
          ("MEX","Mexico",-99.13,19.43,0.0065,dict(commitment=0.6)),
          ("URY","Uruguay",-56.16,-34.9,0.00107,dict(commitment=0.3)),
          ("VEN","Venezuela",-66.9,10.48,0.00095,dict(commitment=0.35)),
          ("BOL","Bolivia",-68.15,-16.5,0.00071,dict(distraction=0.8, commitment=0.1, note="Chaco war with Paraguay")),
          ("PRY","Paraguay",-57.58,-25.26,0.00034,dict(distraction=0.8, commitment=0.1, note="Chaco war with Bolivia")),
          ("DOM","Dominican Republic",-69.93,18.49,0.00024,dict(commitment=0.15)),
          ("HTI","Haiti",-72.34,18.54,0.0001,dict(commitment=0.15, note="not in NMC for 1931; token figure")),
          ("HND","Honduras",-87.21,14.07,0.00019,dict(commitment=0.1)),
          ("NIC","Nicaragua",-86.25,12.13,0.00017,dict(commitment=0.1)),
          ("SLV","El Salvador",-89.19,13.69,0.00026,dict(commitment=0.1)),
          ("LBR","Liberia",-10.8,6.3,0.00025,dict(commitment=0.15)),
          ("ETH","Ethiopia",38.75,9.03,0.00507,dict(commitment=0.7)),
          ("TUR","Turkey",32.85,39.93,0.00749,dict(commitment=0.55, note="joins the League 18 July 1932")),
          ("IRQ","Iraq",44.37,33.31,0.0008,dict(commitment=0.5, note="joins 3 October 1932; not in NMC before independence, token figure")),
         ]:
    kw = t[5]; note = kw.pop("note", None)
    S.append(state(t[0],t[1],t[2],t[3],t[4],note=note,**kw))

ids_all = [l.split('id: "')[1].split('"')[0] for l in S]
non_members = {"USA","SUN","TUR","IRQ"}
members = [i for i in ids_all if i not in non_members]
assert len(members) == 55, len(members)
council = ["GBR","FRA","ITA","DEU","JPN","CHN","ESP","IRL","NOR","POL","YUG","GTM","PAN","PER"]
out = f'''// Manchuria 1931–1933: the League of Nations and the Mukden incident.
// Power: COW National Material Capabilities 6.0 (CINC, 1931). Ties, trade shares, interests,
// distractions, domestic constraints and commitment are the level author's judgements from the sources below.
Level(
    id: "manchuria_1931",
    name: "Manchuria 1931",
    summary: "On 18 September 1931 officers of Japan's Kwantung Army blow up a stretch of the South Manchuria Railway near Mukden, blame Chinese soldiers, and seize the city. Within weeks Japanese troops spread across Manchuria. China appeals to the League of Nations under Article 11 of the Covenant. Japan, a permanent member of the Council, says it acts in self-defence. The United States, outside the League, watches.",
    turns: [
        (date: "1931-10-24", label: "The Council sets a deadline for withdrawal"),
        (date: "1931-12-10", label: "A commission of enquiry"),
        (date: "1932-01-07", label: "Non-recognition notes; Shanghai"),
        (date: "1932-03-09", label: "Manchukuo proclaimed"),
        (date: "1932-10-02", label: "The Lytton Report"),
        (date: "1933-02-24", label: "The Assembly judges"),
        (date: "1933-05-31", label: "Tanggu Truce"),
    ],
    tension: 0.3,
    states: [
{chr(10).join(S)}
    ],
    blocs: [],
    institution: (
        kind: League,
        name: "League of Nations",
        credibility: 0.7,
        members: {ids(members)},
        bodies: [
            (kind: LeagueCouncil, rule: Unanimity, members: {ids(council)}, permanent: ["GBR", "FRA", "ITA", "DEU", "JPN"]),
            (kind: LeagueAssembly, rule: Unanimity),
        ],
        enquiry_turns: 3,
    ),
    crisis: (
        aggressor: "JPN",
        victim: "CHN",
        theatre: "Manchuria",
        location: (123.4, 41.8),
        claim: "Chinese troops blew up the railway at Mukden; Japan acts in self-defence to protect its nationals and treaty rights",
        self_defence: 0.3,
        attack_under_way: true,
        appetite: 0.8,
        aggressor_readiness: 2.5,
        victim_readiness: 0.15,
        control: 0.1,
    ),
    events: [
        (date: "1931-09-18", kind: News, text: "Mukden incident: the Kwantung Army blows up the railway and blames China (it was staged)"),
        (date: "1931-09-21", kind: News, text: "China appeals to the League under Article 11"),
        (date: "1932-01-07", kind: News, text: "US Secretary of State Stimson: the United States will not recognise changes brought about by force"),
        (date: "1932-03-09", kind: News, text: "Puyi installed as head of the puppet state of Manchukuo"),
        (date: "1932-07-18", kind: Join(state: "TUR"), text: "Turkey joins the League of Nations"),
        (date: "1932-10-02", kind: Join(state: "IRQ"), text: "Iraq joins the League of Nations (3 October)"),
        (date: "1932-10-02", kind: News, text: "The Lytton Report is published"),
    ],
    playable: [
        (
            state: "CHN",
            role: "China: divided and at war with the Communists at home, it puts its faith in the League rather than fight Japan alone.",
            historical: [
                (turn: 1, orders: [Propose(body: LeagueCouncil, measure: Condemn)]),
                (turn: 2, orders: [Propose(body: LeagueCouncil, measure: Enquiry)]),
                (turn: 6, orders: [Propose(body: LeagueAssembly, measure: NonRecognition, under: Art15)]),
            ],
        ),
        (
            state: "GBR",
            role: "Britain: the League's leading member, with an empire in Asia, a navy stretched thin and an economy in depression.",
            historical: [
                (turn: 2, orders: [Propose(body: LeagueCouncil, measure: Enquiry)]),
                (turn: 6, orders: [Propose(body: LeagueAssembly, measure: NonRecognition, under: Art15)]),
            ],
        ),
    ],
    history: (
        outcome: AggressorPrevails,
        summary: "Japan kept Manchuria. On 24 October 1931 the Council's call to withdraw by 16 November failed because Japan voted against it. On 10 December the Council sent the Lytton Commission, which Japan itself proposed. Manchukuo was proclaimed in March 1932. On 24 February 1933 the Assembly adopted the report built on the Lytton findings and refused to recognise Manchukuo, with Japan against and Siam abstaining; the Japanese delegation walked out and Japan gave notice of withdrawal on 27 March 1933. No sanctions were ever applied. The Tanggu Truce of 31 May 1933 left Japan in control.",
        votes: [
            (turn: 1, body: LeagueCouncil, measure: Condemn, document: "Council draft resolution of 24 October 1931 (withdrawal by 16 November)", adopted: false, tally: "13–1 (UNVERIFIED)", no: ["JPN"], source: "League document 'Appeal by the Chinese Government'; AJIL 1933 note"),
            (turn: 2, body: LeagueCouncil, measure: Enquiry, document: "Council resolution of 10 December 1931 (Lytton Commission)", adopted: true, tally: "unanimous", source: "League document 'Appeal by the Chinese Government'"),
            (turn: 6, body: LeagueAssembly, measure: NonRecognition, document: "Assembly report under Article 15 §4, 24 February 1933", adopted: true, tally: "42–1–1 (UNVERIFIED; press reported 49–1)", no: ["JPN"], abstain: ["THA"], source: "Survey of International Affairs 1933; contemporary press"),
        ],
    ),
    sources: [
        "Correlates of War Project, National Material Capabilities v6.0 (Singer, Bremer and Stuckey 1972; Singer 1987): CINC for 1931",
        "League of Nations, Appeal by the Chinese Government (Council and Assembly records, 1931–1933)",
        "Report of the Commission of Enquiry (Lytton Report), League of Nations, 1932",
        "Survey of International Affairs 1933",
        "Membership of the League: shared/data/history.md, section 3",
    ],
)
'''
open('/work/main/levels/manchuria_1931.ron','w').write(out)
