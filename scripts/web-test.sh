#!/usr/bin/env bash
# The web build tested in a real browser: builds web/dist (scripts/web.sh), serves it on localhost, and runs
# web/test/browser-test.mjs in headless Chromium with a software GL. It checks the first frame, plays a turn
# from the keyboard, looks at a screenshot, reads the vote from the console and times a map drag. The
# screenshot, the console and the numbers go to target/web-test/. `--no-build` tests the bundle as it is;
# `--dev` builds it without the size optimiser (scripts/web.sh --dev).
set -euo pipefail
cd "$(dirname "$0")/.."
export CS_WEB_BROWSER=1
source scripts/web-deps.sh
case "${1:-}" in
    --no-build) ;;
    --dev) scripts/web.sh --dev ;;
    *) scripts/web.sh ;;
esac
out="${CARGO_TARGET_DIR:-target}/web-test"
mkdir -p "$out"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory web/dist >"$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
sleep 1
node web/test/browser-test.mjs "http://127.0.0.1:$port/index.html" "$(realpath "$out")"
