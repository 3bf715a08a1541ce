#!/usr/bin/env bash
# Builds and runs every test with the no-optimisation `ci` profile (one build, reused by all tests).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
cargo test --profile ci --locked "$@"
