#!/usr/bin/env python3
"""Converts Natural Earth country shapes (TopoJSON from the npm package `world-atlas`) into the game's map asset.

    scripts/convert_map.sh            # fetches world-atlas@2 with npm and runs this script

Output: assets/map/world.json, with every country's polygons already projected (Equal Earth) and
triangulated (earcut), so the game only builds meshes. Natural Earth is public domain.
"""
import json, math, sys

import mapbox_earcut as earcut
import numpy as np
import pycountry

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon, lat):
    lam, phi = math.radians(lon), math.radians(lat)
    t = math.asin(M * math.sin(phi))
    t2 = t * t
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(t) / (3 * (9 * A4 * t6 * t2 + 7 * A3 * t6 + 3 * A2 * t2 + A1))
    y = t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs, idxs):
    out = []
    for i in idxs:
        pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        out.extend(pts if not out else pts[1:])
    return out


# Natural Earth ids that ISO 3166 numeric does not cover, or that world-atlas leaves blank.
SPECIAL = {"Kosovo": "XKX", "N. Cyprus": "CYN", "Somaliland": "SOL", "Taiwan": "TWN", "Siachen Glacier": "IND", "Indian Ocean Ter.": "AUS", "Ashmore and Cartier Is.": "AUS"}


def iso3(num, name):
    if name in SPECIAL:
        return SPECIAL[name]
    try:
        return pycountry.countries.get(numeric=num).alpha_3
    except Exception:
        return None


def unwrap(ring):
    """Makes longitudes continuous across the antimeridian (a jump of more than 180 degrees is a wrap)."""
    out = [ring[0]]
    for lon, lat in ring[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while lon - prev < -180:
            lon += 360
        out.append((lon, lat))
    return out


def clip(ring, keep):
    """Sutherland-Hodgman clipping of a ring against a vertical line; `keep(lon)` is the side kept."""
    edge = 180.0 if keep(170.0) and not keep(190.0) or keep(190.0) and not keep(170.0) else -180.0
    out = []
    n = len(ring)
    for i in range(n):
        a, b = ring[i], ring[(i + 1) % n]
        ia, ib = keep(a[0]), keep(b[0])
        if ia:
            out.append(a)
        if ia != ib:
            t = (edge - a[0]) / (b[0] - a[0])
            out.append((edge, a[1] + t * (b[1] - a[1])))
    return out


def split_antimeridian(ring):
    """A ring that crosses the antimeridian becomes one ring on each side, cut along it."""
    r = unwrap(ring)
    lo, hi = min(p[0] for p in r), max(p[0] for p in r)
    if lo >= -180 and hi <= 180:
        return [ring]
    parts = []
    if hi > 180:
        parts.append(clip(r, lambda x: x <= 180))
        parts.append([(x - 360, y) for x, y in clip(r, lambda x: x >= 180)])
    else:
        parts.append(clip(r, lambda x: x >= -180))
        parts.append([(x + 360, y) for x, y in clip(r, lambda x: x <= -180)])
    return [p for p in parts if len(p) >= 3]


def simplify(ring, tol):
    """Douglas-Peucker on a closed ring (projected units): drops points the eye cannot see at the game's zoom."""
    if len(ring) < 8:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = ring[a], ring[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy) or 1e-12
        best, idx = -1.0, None
        for i in range(a + 1, b):
            px, py = ring[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm > 1e-12 else math.hypot(px - ax, py - ay)
            if d > best:
                best, idx = d, i
        if idx is not None and best > tol:
            keep[idx] = True
            stack.append((a, idx))
            stack.append((idx, b))
    out = [p for p, k in zip(ring, keep) if k]
    return out if len(out) >= 4 else ring


TOLERANCE = 0.0006


def main(src, dst):
    topo = json.load(open(src))
    arcs = decode_arcs(topo)
    out = []
    for g in topo["objects"]["countries"]["geometries"]:
        name = g["properties"]["name"]
        code = iso3(g.get("id"), name)
        if code is None:
            print(f"skipped {name} ({g.get('id')})", file=sys.stderr)
            continue
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        shapes = []
        # Polygons crossing the antimeridian (Russia, Fiji, the Aleutians) are cut along it.
        cut = []
        for poly in polys:
            geo = [ring(arcs, r) for r in poly]
            pieces = split_antimeridian(geo[0])
            cut.extend([[p] + (geo[1:] if len(pieces) == 1 else []) for p in pieces])
        for geo in cut:
            rings = [simplify([equal_earth(lon, lat) for lon, lat in r], TOLERANCE) for r in geo]
            rings = [r[:-1] if len(r) > 1 and r[0] == r[-1] else r for r in rings]
            rings = [r for r in rings if len(r) >= 3]
            if not rings:
                continue
            verts = np.array([p for r in rings for p in r], dtype=np.float64).reshape(-1, 2)
            ends = np.cumsum([len(r) for r in rings]).astype(np.uint32)
            tris = earcut.triangulate_float64(verts, ends).tolist()
            flat = [round(v, 5) for p in verts.tolist() for v in p]
            shapes.append({"points": flat, "rings": ends.tolist(), "triangles": tris})
        if shapes:
            out.append({"id": code, "name": name, "shapes": shapes})
    out.sort(key=lambda c: c["id"])
    json.dump({"source": "Natural Earth 1:50m via world-atlas 2 (public domain)", "projection": "equal_earth", "countries": out}, open(dst, "w"), separators=(",", ":"))
    print(f"{len(out)} countries written to {dst}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
