#!/usr/bin/env bash
# Runs the game (any arguments go to it), for example:
#   scripts/play.sh                                   the menu
#   scripts/play.sh --level korea_1950 --as IND       straight into a crisis
#   scripts/play.sh simulate manchuria_1931 --policy collective --as GBR   headless, on the terminal
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
cargo run --release --locked -- "$@"
