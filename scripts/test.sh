#!/usr/bin/env bash
# Checks formatting and lints, then builds and runs every test with the no-optimisation `ci` profile (one
# build, reused by all tests).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
# The harness (screenshots, frame benchmark) is built in, for the tests that take pictures.
# The gates first: formatting (instant) and every clippy lint as an error, on the library, binary and tests.
cargo fmt --check
cargo clippy --profile ci --locked --all-targets --features dev-tools -- -D warnings
# The game builds without the partial redraw too (it then draws every frame): its lints, a check only.
cargo clippy --profile ci --locked --no-default-features --features dev-tools --lib --bin collective-security -- -D warnings
# The web build compiles from the same source: its lints too (a check, no code generated; scripts/web-test.sh
# builds the page and tests it in a browser).
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
cargo clippy --profile ci --locked --target wasm32-unknown-unknown --lib --bin collective-security -- -D warnings
# The screenshot tests need a display: without one, run everything under a virtual X server.
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
    exec xvfb-run -a -s "-screen 0 1280x720x24" cargo test --profile ci --locked --features dev-tools "$@"
fi
cargo test --profile ci --locked --features dev-tools "$@"
