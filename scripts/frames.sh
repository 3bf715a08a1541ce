#!/usr/bin/env bash
# Frame times of the game window, judged against an empty egui window, in one run: the map and panels still,
# with the pointer moving over them and with the map dragged, each with the partial redraw and drawn in full
# every frame (--no-partial-redraw). Release build; under Xvfb when there is no display. FRAMES=300 LEVEL=korea_1950.
set -euo pipefail
cd "$(dirname "$0")/.."
FRAMES="${FRAMES:-300}"
LEVEL="${LEVEL:-korea_1950}"
cargo build --release --locked --features dev-tools --bin collective-security
bin=target/release/collective-security
run() {
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        xvfb-run -a -s "-screen 0 1280x720x24" "$bin" "$@"
    else
        "$bin" "$@"
    fi
}
# "300 frames (...): median 4.00 ms, p95 5.40 ms (...); first frame 177 ms after start" -> "4.00 5.40 177"
measure() { run --bench-frames "$FRAMES" "$@" 2>/dev/null | sed -n 's/.*median \([0-9.]*\) ms, p95 \([0-9.]*\) ms.*first frame \([0-9]*\) ms.*/\1 \2 \3/p' | head -1; }
read -r bm bp bf <<<"$(measure --baseline)"
printf '%-34s %10s %10s %12s\n' "frames ($FRAMES, $LEVEL)" "median ms" "p95 ms" "first frame"
printf '%-34s %10s %10s %12s\n' "empty window with egui" "$bm" "$bp" "${bf} ms"
declare -A p95
for case in still hover pan; do
    flag=""; [ "$case" = still ] || flag="--$case"
    for redraw in partial full; do
        extra=""; [ "$redraw" = full ] && extra="--no-partial-redraw"
        # shellcheck disable=SC2086
        read -r m p f <<<"$(measure --level "$LEVEL" $flag $extra)"
        p95["$case-$redraw"]="$p"
        printf '%-34s %10s %10s %12s\n' "$case, $redraw redraw" "$m" "$p" "${f} ms"
    done
done
python3 - "$bp" "$bf" "${p95[hover-partial]}" "${p95[hover-full]}" "${p95[pan-partial]}" "${p95[pan-full]}" <<'PY'
import sys
bp, bf, hp, hf, pp, pf = map(float, sys.argv[1:])
print(f"drag p95 / empty window p95: {pp / bp:.2f} (goal at most 1.5)")
print(f"partial redraw: pointer p95 {hf:.1f} -> {hp:.1f} ms ({hp / hf:.2f}x), drag p95 {pf:.1f} -> {pp:.1f} ms ({pp / pf:.2f}x)")
print("keep it" if min(hp / hf, pp / pf) <= 0.5 else "it does not halve the p95 of the pointer or the drag")
PY
