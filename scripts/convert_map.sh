#!/usr/bin/env bash
# Rebuilds assets/map/world.json from Natural Earth (npm package world-atlas). Needs network, npm and pip;
# the game itself never downloads anything and ships the converted file.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --silent world-atlas@2)
pip install --quiet mapbox-earcut pycountry numpy
python3 scripts/convert_map.py "$work/node_modules/world-atlas/countries-50m.json" assets/map/world.json
