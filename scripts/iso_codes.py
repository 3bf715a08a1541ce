#!/usr/bin/env python3
"""Writes src/level/iso/codes.rs: ISO 3166-1 alpha-3 codes with their names, and the former codes of ISO 3166-3
(SUN, DDR, YUG, CSK...), listed apart too (no modern map draws them), from the `pycountry` package's copy of the ISO tables (pip install pycountry).

Usage: python3 scripts/iso_codes.py > src/level/iso/codes.rs
"""
import pycountry

rows = []
for c in pycountry.countries:
    names = [c.name] + [getattr(c, k) for k in ("common_name", "official_name") if getattr(c, k, None)]
    rows.append((c.alpha_3, names))
former = sorted({c.alpha_3 for c in pycountry.historic_countries} - {c.alpha_3 for c in pycountry.countries})
for c in pycountry.historic_countries:
    rows.append((c.alpha_3, [c.name]))
rows.sort()
print("//! ISO 3166-1 alpha-3 codes, and the former codes of ISO 3166-3, with their names: what warning")
print("//! `W001-not-iso` checks a state's id against. Written by `scripts/iso_codes.py` from pycountry's copy of")
print(f"//! the ISO tables (pycountry {pycountry.__version__ if hasattr(pycountry, '__version__') else ''}); do not edit.")
print()
print("/// `(code, names)`, sorted by code; a code may have more than one name (short, common, official).")
print("pub const CODES: &[(&str, &[&str])] = &[")
for code, names in rows:
    quoted = ", ".join('"' + n.replace('\\', '\\\\').replace('"', '\\"') + '"' for n in dict.fromkeys(names))
    print(f'    ("{code}", &[{quoted}]),')
print("];")
print()
print("/// The former codes of ISO 3166-3, sorted: states that no longer exist, which no modern map draws.")
print("pub const FORMER: &[&str] = &[")
for code in former:
    print(f'    "{code}",')
print("];")
