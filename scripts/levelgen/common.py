def state(id, name, lon, lat, cinc, ta=0.0, tv=0.0, trade=0.0, oil=0.0, interest=0.0, distraction=0.0, domestic=0.0, commitment=0.5, na=False, note=None):
    parts = [f'id: "{id}"', f'name: "{name}"', f'capital: ({lon}, {lat})', f'cinc: {cinc}']
    for k, v, d in [("ties_aggressor", ta, 0.0), ("ties_victim", tv, 0.0), ("trade_aggressor", trade, 0.0), ("oil_aggressor", oil, 0.0),
                    ("interest", interest, 0.0), ("distraction", distraction, 0.0), ("domestic", domestic, 0.0), ("commitment", commitment, None)]:
        if d is None or v != d:
            parts.append(f"{k}: {v}")
    if na:
        parts.append("non_aligned: true")
    c = f"  // {note}\n" if note else ""
    return c + "        State(" + ", ".join(parts) + "),"
def ids(xs):
    return "[" + ", ".join(f'"{x}"' for x in xs) + "]"
