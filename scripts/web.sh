#!/usr/bin/env bash
# Builds the game for the web into web/dist/: index.html, the optimised .wasm and its JavaScript glue. The
# levels, lessons and map are inside the .wasm. Any static web server can serve the folder, or a folder on
# a school's intranet. `scripts/web.sh --serve [PORT]` builds, then serves it on http://localhost:PORT/
# (8080 by default). `--dev` skips the size optimiser (8 minutes on 2 cores): a bundle twice as large, for
# trying a change. Nothing is fetched from elsewhere: no fonts, scripts or analytics.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/web-deps.sh

serve=0
port=8080
optimise=1
while [ $# -gt 0 ]; do
    case "$1" in
        --serve) serve=1; if [[ "${2:-}" =~ ^[0-9]+$ ]]; then port="$2"; shift; fi ;;
        --dev) optimise=0 ;;
        *) echo "usage: scripts/web.sh [--dev] [--serve [PORT]]" >&2; exit 2 ;;
    esac
    shift
done

cargo build --release --locked --target wasm32-unknown-unknown --bin collective-security
dist=web/dist
rm -rf "$dist"
mkdir -p "$dist"
wasm-bindgen --target web --no-typescript --out-dir "$dist" --out-name collective-security \
    "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/collective-security.wasm"
# Smaller and often faster: binaryen's size optimiser over wasm-bindgen's output.
[ "$optimise" = 1 ] && web/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$dist/collective-security_bg.wasm" -o "$dist/collective-security_bg.wasm"
cp web/index.html "$dist/"
raw=$(du -cb "$dist"/* | tail -1 | cut -f1)
gz=$(for f in "$dist"/*; do gzip -9c "$f" | wc -c; done | awk '{s += $1} END {print s}')
echo "web/dist: $((raw / 1024)) KiB raw, $((gz / 1024)) KiB gzipped"

if [ "$serve" = 1 ]; then
    echo "serving web/dist on http://localhost:$port/ (Ctrl-C stops)"
    exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dist"
fi
