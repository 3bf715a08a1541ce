#!/usr/bin/env python3
"""Ties to the aggressor and to the victim from UN General Assembly roll calls, and assembly groups by region
and alignment, for a level of the UN era.

    pip install pyreadr pandas pycountry pycountry-convert
    git clone https://github.com/dgrtwo/unvotes   # data/un_votes.rda, data/un_roll_calls.rda (1946-2019)
    scripts/un_affinity.py levels/crimea_2014.ron 2011 2013 unvotes/data > data/un-affinity/crimea_2014.md

The rule, the same for every level:
- A member's **agreement** with a state is the mean, over the roll calls of the years given (the sessions before
  the crisis), of 1 - |a - b| with yes = 1, abstain = 0.5, no = 0, over the roll calls both voted on.
- Its **ties** to the aggressor (and to the victim) are `clamp(2.5 x (agreement - median), -1, 1)`, the median
  being every member's agreement with that state: a member that agrees with it 20 points more often than the
  median member has ties of 0.5. The factor 2.5 is a judgement, chosen so that the groups' ties have the range
  of the hand-set ties they replace (a NATO member's ties to Russia in 2014 were judged -0.2 to -0.4).
- Members the level does not name alone are grouped by **region** (continent: Africa, the Americas,
  Asia-Pacific with Oceania, Europe) and **alignment**: closer to the aggressor than to the victim in the same
  roll calls, or not. Never by their vote on the crisis.
- A member with fewer than MIN_CALLS roll calls in those years has no measurable ties: its ties are 0, and the
  members left so are grouped by region apart from the others. If the victim is one of them, every tie to it
  is 0, and alignment is agreeing with the aggressor more than the median member does. So too when the victim
  agreed with the aggressor on SATELLITE (90%) of the roll calls or more: a satellite's delegation voting with its
  patron leaves a record that cannot tell the two apart. If the aggressor is one of them (the People's Republic
  of China before 1971), every tie to it is 0, and alignment is agreeing with the victim no more than the median
  member does; if both are, the script says so and makes no groups. Before 1991 the data's codes for the Soviet Union,
  Yugoslavia, Czechoslovakia and Byelorussia are read as SUN, YUG, CSK and BYS, and East Germany's and South
  Yemen's (DD, YD) as DDR and YMD.
- A group's ties are its members' mean; its `spread` is the standard deviation of their ties to the victim less
  their ties to the aggressor; it is non-aligned when most of its members belong to the Non-Aligned Movement of
  the time: before 1961 the Bandung states outside any Western pact, to 1969 the states at the Cairo summit of
  1964, later the members listed in 2012.

The output is Markdown: the groups as RON `State` entries to paste into the level, then every member's figures,
then the states the level names alone, whose ties are the author's judgement, beside what the roll calls give
them: their ties by the rule above, and their **side** on the roll calls where the aggressor and the victim
voted apart (agreement with the victim less agreement with the aggressor, -1 to 1). It measures how far the
roll calls could stand in for the judgement.
The states the level names alone are its `State` entries above the last comment naming this script before the
first of the script's groups (its ids, X with region and alignment, and a `count`); below that comment an entry
is the script's own only as the script writes one, a group of one, and any other is read as named alone, with a
note on stderr. The script knows no state's capital: it places a group of one at its region's point, and says so on
stderr; put the state's own capital in the level.
Deterministic: the same data give the same bytes.
"""
import statistics
import sys

import pandas as pd
import pycountry
import pycountry_convert as pcc
import pyreadr

K = 2.5
# The map draws modern countries: a former member's territory is drawn as the modern countries it became. East
# Germany and South Yemen became parts of countries drawn whole (DEU, YEM), so they are drawn with those.
SUCCESSORS = {
    "BYS": ["BLR"],
    "CSK": ["CZE", "SVK"],
    "YUG": ["SRB", "HRV", "SVN", "BIH", "MKD", "MNE"],
    "SCG": ["SRB", "MNE"],
    "SUN": ["RUS", "UKR", "BLR", "MDA", "EST", "LVA", "LTU", "GEO", "ARM", "AZE", "KAZ", "UZB", "TKM", "KGZ", "TJK"],
    "DDR": [],
    "YMD": [],
}
# Members of the Non-Aligned Movement (ISO 3166 alpha-3) as listed at its 16th summit, Tehran 2012, with
# Azerbaijan (2011); membership changed little between 2011 and 2022.
NAM = set("""
DZA AGO BEN BWA BFA BDI CMR CPV CAF TCD COM COG COD CIV DJI EGY GNQ ERI ETH GAB GMB GHA GIN GNB KEN LSO LBR LBY
MDG MWI MLI MRT MUS MAR MOZ NAM NER NGA RWA STP SEN SYC SLE SOM ZAF SDN SWZ TZA TGO TUN UGA ZMB ZWE
AFG BHR BGD BTN BRN KHM IND IDN IRN IRQ JOR KWT LAO LBN MYS MDV MNG MMR NPL PRK OMN PAK PHL QAT SAU SGP LKA SYR
THA TLS TKM ARE UZB VNM YEM AZE FJI PNG VUT
ATG BHS BRB BLZ BOL CHL COL CUB DMA DOM ECU GRD GTM GUY HTI HND JAM NIC PAN PER KNA LCA VCT SUR TTO VEN BLR
""".split())
# Before 1961 there was no Non-Aligned Movement: its forerunners were the states at the Asian-African
# Conference of Bandung (April 1955) that belonged to no Western pact (SEATO 1954, the Baghdad Pact 1955).
BANDUNG = set("AFG MMR KHM LKA EGY ETH IND IDN JOR LAO LBN LBR LBY NPL SAU SYR YEM".split())
# From 1961 to the Lusaka summit of 1970: the states at the second summit, Cairo, October 1964, as its
# declaration names them (UN document A/5763, 29 October 1964), less Angola's government in exile.
CAIRO_1964 = set("""
AFG DZA MMR BDI KHM CMR CAF LKA TCD COG CUB CYP BEN ETH GHA GIN IND IDN IRQ MRT JOR KEN KWT LAO LBN LBR LBY
MWI MLI MAR NPL NGA SAU SEN SLE SOM SDN SYR TGO TUN UGA EGY TZA YEM YUG ZMB
""".split())
# A victim whose delegation agreed with the aggressor's on this share of the roll calls or more (a satellite
# voting with its patron) has a record that cannot tell the two apart: it is read as no record.
SATELLITE = 0.9


def non_aligned(y1):
    """The non-aligned states of the years up to y1."""
    return BANDUNG if y1 < 1961 else CAIRO_1964 if y1 < 1970 else NAM
REGIONS = {
    "AF": ("F", "African", (20.0, 5.0)),
    "NA": ("M", "American", (-70.0, 0.0)),
    "SA": ("M", "American", (-70.0, 0.0)),
    "AS": ("S", "Asia-Pacific", (100.0, 10.0)),
    "OC": ("S", "Asia-Pacific", (100.0, 10.0)),
    "EU": ("E", "European", (15.0, 50.0)),
}
# Codes of the roll-call data that are not ISO 3166-1 alpha-2 of a current state.
OLD = {"YU": "SRB"}
# Before 1991 the same codes stand for states that have since dissolved, named as the game's levels name them:
# the Soviet Union, Yugoslavia, Czechoslovakia and the Byelorussian SSR (the Ukrainian SSR keeps UKR).
COLD_WAR = {"RU": "SUN", "YU": "YUG", "CS": "CSK", "BY": "BYS"}
# States that no longer exist and have no current ISO alpha-2 code: East Germany (1973-1990) and South Yemen
# (1967-1990), under the codes ISO 3166-3 withdrew and the alpha-3 codes the game's checker knows.
GONE = {"DD": "DDR", "YD": "YMD"}
# Members whose continent pycountry-convert does not know.
MISSING = {"SRB": "EU", "TLS": "AS", "SUN": "EU", "YUG": "EU", "CSK": "EU", "BYS": "EU", "DDR": "EU", "YMD": "AS"}
# A state that cast fewer roll-call votes than this in the years given has no measurable ties. Ties to it are
# 0 for every member (Hungary, admitted in December 1955, had cast six before its revolution of October 1956);
# its own are 0 too, and it is grouped apart, by region, with the others whose record is as short.
MIN_CALLS = 20
# Rows the data leave without a code.
UNCODED = {"Yemen Arab Republic": "YEM", "Federal Republic of Germany": "DEU"}


def level_states(path):
    """(named ids, aggressor, victim, their CINC, {id: (CINC, line)} of the entries that may be this script's groups
    of one) read from the level's RON text."""
    import re

    text = open(path, encoding="utf-8").read()

    def at(i):
        """path:line:column of the text's i-th character."""
        line, col = text.count("\n", 0, i) + 1, i - text.rfind("\n", 0, i)
        return f"{path}:{line}:{col}"

    crisis = re.search(r"\bcrisis:\s*\(", text)
    if crisis is None:
        extends = re.search(r'\bextends:\s*"([^"]*)"', text)
        sys.exit(f"{path}: no `crisis`: the script needs its aggressor and victim" + (
            f"; this is a variant of {extends.group(1)}: run it on that level" if extends else ""))
    parties = []
    for role in ("aggressor", "victim"):
        m = re.compile(rf'\b{role}:\s*"([A-Z]{{3}})"').search(text, crisis.end())
        if m is None:
            sys.exit(f"{at(crisis.start())}: the crisis names no {role} (`{role}: \"ABC\"`)")
        parties.append(m.group(1))
    agg, vic = parties
    # The script's groups are the entries with its ids (X, region, alignment) and a count. Its earlier output begins
    # at the last comment naming it above the first of them: below that, an entry is the script's only as it writes
    # one, a group of one (main reads any other as named alone). No such group: every entry is the author's.
    first = re.search(r'State\(id: "X[EFMS][AVN]"[^\n]*count:', text)
    marks = list(re.finditer(r"//[^\n]*scripts/un_affinity\.py", text[:first.start()])) if first else []
    mark = marks[-1].start() if marks else len(text)
    named, cinc, own = [], 0.0, {}
    for m in re.finditer(r'State\(id: "([A-Z]{3})"([^\n]*)', text):
        if "count:" not in m.group(2):
            c = re.search(r"cinc: ([0-9.]+)", m.group(2))
            if c is None:
                sys.exit(f"{at(m.start())}: {m.group(1)} has no cinc")
            if m.start() < mark or m.group(1) in (agg, vic):
                named.append(m.group(1))
                cinc += float(c.group(1))
            else:
                own[m.group(1)] = (float(c.group(1)), at(m.start()))
    return named, agg, vic, cinc, own


def iso3(a2, cold_war=False):
    if cold_war and a2 in COLD_WAR:
        return COLD_WAR[a2]
    if a2 in OLD:
        return OLD[a2]
    if a2 in GONE:
        return GONE[a2]
    c = pycountry.countries.get(alpha_2=a2)
    return c.alpha_3 if c else None


def region(a3):
    try:
        return REGIONS[pcc.country_alpha2_to_continent_code(pycountry.countries.get(alpha_3=a3).alpha_2)]
    except (KeyError, AttributeError):
        return REGIONS[MISSING[a3]] if a3 in MISSING else None


def agreements(rda, y0, y1):
    votes = pyreadr.read_r(f"{rda}/un_votes.rda")["un_votes"]
    calls = pyreadr.read_r(f"{rda}/un_roll_calls.rda")["un_roll_calls"]
    years = pd.to_datetime(calls["date"]).dt.year
    ids = calls[(years >= y0) & (years <= y1)]["rcid"]
    v = votes[votes["rcid"].isin(ids)].copy()
    v["iso3"] = [iso3(str(c), y1 < 1991) if pd.notna(c) else UNCODED.get(str(n)) for c, n in zip(v["country_code"], v["country"])]
    v["x"] = v["vote"].astype(str).map({"yes": 1.0, "abstain": 0.5, "no": 0.0})
    table = v.dropna(subset=["iso3"]).pivot_table(index="rcid", columns="iso3", values="x", aggfunc="mean")
    names = {r.iso3: str(r.country) for r in v.dropna(subset=["iso3"]).drop_duplicates("iso3").itertuples()}
    if y1 < 1991:
        names.update({"SUN": "the Soviet Union", "YUG": "Yugoslavia", "CSK": "Czechoslovakia", "BYS": "Byelorussia"})
        names.update({"DDR": "East Germany", "YMD": "South Yemen"})
    return table, names, len(ids)


def ties(table, state):
    agree = (1.0 - table.sub(table[state], axis=0).abs()).mean()
    if table[state].count() < MIN_CALLS:
        return agree, {c: 0.0 for c in agree.index}
    med = agree.median()
    short = table.count() < MIN_CALLS
    # A member that shares no roll call with `state` has no agreement to measure (nan): no tie, never a full one.
    return agree, {c: 0.0 if short[c] or pd.isna(a) else max(-1.0, min(1.0, K * (a - med))) for c, a in agree.items()}


def hand_ties(path, state):
    """The ties the level's author set for a state named alone (0 where left out)."""
    import re

    line = re.search(r'State\(id: "%s"[^\n]*' % state, open(path, encoding="utf-8").read()).group(0)
    get = lambda f: float(m.group(1)) if (m := re.search(f + r": (-?[0-9.]+)", line)) else 0.0
    return get("ties_aggressor"), get("ties_victim")


def sides(table, agg, vic):
    """Each member's side on the roll calls that split the aggressor and the victim: + with the victim."""
    split = table[(table[agg] - table[vic]).abs() >= 0.5]
    with_v = 1.0 - split.sub(split[vic], axis=0).abs()
    with_a = 1.0 - split.sub(split[agg], axis=0).abs()
    return (with_v - with_a).mean(), len(split)


def print_named(path, named, table, ta, tv, agg, vic):
    side, n = sides(table, agg, vic)
    print(f"\n## States named alone: the level's judgement beside the roll calls\n")
    print(f"Side: on the {n} roll calls where {agg} and {vic} voted apart, + with {vic}, - with {agg}.\n")
    print("| state | level ties_aggressor | level ties_victim | roll-call ties_aggressor | roll-call ties_victim | side |")
    print("|---|---|---|---|---|---|")
    for c in named:
        if c in (agg, vic) or c not in table.columns:
            continue
        ha, hv = hand_ties(path, c)
        calls = table[c].count()
        note = f" ({calls} roll calls: too few)" if calls < MIN_CALLS else ""
        # A member absent from every one of those roll calls has no side on them (the mean of none is nan).
        side_c = "—" if not n else f"{side[c]:+.2f}" if pd.notna(side[c]) else "no record (voted in none)"
        print(f"| {c}{note} | {ha:.2f} | {hv:.2f} | {ta[c]:.2f} | {tv[c]:.2f} | {side_c} |")


def map_territories(groups, members):
    """The modern countries drawn in each group's colour: a former member as the countries it became, unless one of
    them sits in the Assembly itself (Ukraine beside the Soviet Union) or is drawn already."""
    drawn, out = set(), []
    for k in sorted(groups):
        if len(groups[k][2]) < 2:
            continue
        for m in groups[k][2]:
            for t in SUCCESSORS.get(m, [m]):
                if t not in drawn and (t == m or t not in members):
                    drawn.add(t)
                    out.append(f'("{t}", "X{k[0]}{k[1]}")')
    return out


def no_record(path, y0, y1, calls, agg, vic, table):
    """Neither party cast enough roll calls to measure ties to: the script says so and makes no groups."""
    print(f"# Assembly groups and ties for `{path}` from UN roll calls {y0}-{y1}\n")
    print(f"Generated by `scripts/un_affinity.py {path} {y0} {y1} DATA` from dgrtwo/unvotes ({calls} roll calls).\n")
    print(f"{agg} and {vic} cast fewer than {MIN_CALLS} of them: neither was a member of the United Nations in those "
          "years, or not long enough. The roll calls measure no member's agreement with either party, so no tie can be "
          "taken from them: every tie in the level is the author's judgement, with its source.")


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    path, y0, y1, rda = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    named, agg, vic, named_cinc, own = level_states(path)
    table, names, calls = agreements(rda, y0, y1)
    if agg not in table.columns and vic not in table.columns:
        no_record(path, y0, y1, calls, agg, vic, table)
        return
    for s in (agg, vic):
        if s not in table.columns:
            # A party that was not a member (East Timor, 1975; the People's Republic of China to 1971) cast none:
            # it has no record, like a member with too few.
            table[s] = float("nan")
            names[s] = s
    agree_a, ta = ties(table, agg)
    agree_v, tv = ties(table, vic)
    by_aggressor = table[agg].count() >= MIN_CALLS
    satellite = by_aggressor and table[vic].count() >= MIN_CALLS and agree_a[vic] >= SATELLITE
    measured = table[vic].count() >= MIN_CALLS and not satellite
    if not measured:
        tv = {c: 0.0 for c in tv}
    if not measured and not by_aggressor:
        no_record(path, y0, y1, calls, agg, vic, table)
        return

    def place(c):
        """A grouped member's group key, and whether it is closer to the aggressor."""
        # Without the victim's record, closer to the aggressor than the median member is; without the aggressor's,
        # no closer to the victim than the median member is.
        closer = (agree_a[c] > agree_v[c] if measured else ta[c] > 0) if by_aggressor else tv[c] <= 0
        return (region(c)[0], "N" if table[c].count() < MIN_CALLS else "A" if closer else "V"), closer

    # An entry below the comment that marks the script's earlier output is the script's only if the script would
    # write it so, as a group of one; one that would share its group is the author's, named alone.
    keys = {c: place(c)[0] for c in table.columns if c not in named and c not in (agg, vic) and region(c)}
    for c, (cinc, where) in own.items():
        if c in keys and list(keys.values()).count(keys[c]) > 1:
            print(f"{where}: {c} is below the comment naming scripts/un_affinity.py but is not one of its groups: "
                  "read as named alone (put that comment just above the groups)", file=sys.stderr)
            named.append(c)
            named_cinc += cinc
    rows, groups = [], {}
    for c in sorted(table.columns):
        reg = region(c)
        if c in named or c in (agg, vic):
            rows.append((c, names[c], reg[1] if reg else "?", "named alone"))
            continue
        if reg is None:
            rows.append((c, names[c], "?", "no region: left out"))
            continue
        key, closer = place(c)
        groups.setdefault(key, (reg, closer, []))[2].append(c)
        rows.append((c, names[c], reg[1], "X" + key[0] + key[1]))
    agg_name, vic_name = names[agg], names[vic]
    print(f"# Assembly groups and ties for `{path}` from UN roll calls {y0}-{y1}\n")
    print(f"Generated by `scripts/un_affinity.py {path} {y0} {y1} DATA` from dgrtwo/unvotes ({calls} roll calls).\n")
    if not by_aggressor:
        print(f"{agg} voted in {table[agg].count()} of them, fewer than {MIN_CALLS}: every tie to it is 0, "
              f"and a group's alignment is whether its members agree with {vic} more than the median member does.\n")
    elif table[vic].count() < MIN_CALLS:
        print(f"{vic} voted in {table[vic].count()} of them, fewer than {MIN_CALLS}: every tie to it is 0, and a group's "
              f"alignment is whether its members agree with {agg} more than the median member does.\n")
    elif satellite:
        print(f"{vic} agreed with {agg} on {agree_a[vic]:.0%} of them, {SATELLITE:.0%} or more: its record cannot tell "
              f"the two apart, so every tie to it is 0, and a group's alignment is whether its members agree with "
              f"{agg} more than the median member does.\n")
    grouped = sum(len(g[2]) for g in groups.values())
    print("## Groups (RON)\n")
    print(f"CINC: what the states named alone leave ({1 - named_cinc:.4f}), shared by head count: a judgement.\n")
    print("```ron")
    for key in sorted(groups):
        reg, closer, members = groups[key]
        n = len(members)
        gta = statistics.fmean(ta[m] for m in members)
        gtv = statistics.fmean(tv[m] for m in members)
        spread = statistics.pstdev([tv[m] - ta[m] for m in members]) if n > 1 else 0.0
        nam = sum(m in non_aligned(y1) for m in members) * 2 > n
        cinc = max(0.0, 1 - named_cinc) * n / grouped
        side = agg_name if closer else vic_name
        lon, lat = reg[2]
        if n == 1:
            # The script knows no state's capital: a group of one is placed at its region's point, like a group.
            print(f"{path}: {members[0]} ({names[members[0]]}) is a group of one, placed at the {reg[1]} region's "
                  f"point ({lon}, {lat}): put its own capital in the level", file=sys.stderr)
        what = f"states aligned with {side} in the Assembly"
        if key[1] == "N":
            what = f"members with fewer than {MIN_CALLS} roll calls in the Assembly"
        elif not by_aggressor:
            what = f"states {'not ' if closer else ''}aligned with {vic_name} in the Assembly"
        elif not measured:
            what = f"states {'' if closer else 'not '}aligned with {agg_name} in the Assembly"
        head = f'State(id: "{members[0]}", name: "{names[members[0]]}"' if n == 1 else (
            f'State(id: "X{key[0]}{key[1]}", name: "{reg[1]} {what}, {y0}–{y1 % 100:02} ({n})"'
        )
        tail = "" if n == 1 else f" count: {n}, spread: {spread:.2f},"
        print(
            f"        {head}, capital: ({lon}, {lat}), cinc: {cinc:.4f}, ties_aggressor: {gta:.2f}, "
            f"ties_victim: {gtv:.2f}, commitment: 0.65,{' non_aligned: true,' if nam else ''}{tail}".rstrip(",") + "),"
        )
        print(f"        // {' '.join(members)}")
    print("```\n\nMap territories (modern countries drawn in a group's colour):\n\n```ron")
    print(", ".join(map_territories(groups, table.columns)))
    print("```\n\n## Every member\n")
    print(f"| state | name | region | agreement with {agg} | with {vic} | ties_aggressor | ties_victim | in |")
    print("|---|---|---|---|---|---|---|---|")
    for c, name, reg, where in rows:
        print(f"| {c} | {name} | {reg} | {agree_a[c]:.3f} | {agree_v[c]:.3f} | {ta[c]:.2f} | {tv[c]:.2f} | {where} |")
    print_named(path, named, table, ta, tv, agg, vic)


if __name__ == "__main__":
    main()
