#!/usr/bin/env bash
# Runs the game. Until the on-screen game lands, this plays a crisis headless and explains it:
#   scripts/play.sh                       Korea 1950 as the United States, as history went
#   scripts/play.sh simulate manchuria_1931 --policy collective --as GBR
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
if [ $# -eq 0 ]; then
    set -- simulate korea_1950
fi
cargo run --release --locked -- "$@"
