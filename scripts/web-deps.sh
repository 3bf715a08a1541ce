#!/usr/bin/env bash
# What the web build needs, installed when missing (sourced by web.sh and web-test.sh): the wasm32 target,
# wasm-bindgen's command line at the very version Cargo.lock holds (the two must match), binaryen's wasm-opt
# and playwright-core from the npm registry (web/package-lock.json; Debian's wasm-opt is too old for the
# reference types Rust emits), and for the browser test, Debian's Chromium.
set -euo pipefail

need_wasm_bindgen=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$need_wasm_bindgen" ]; then
    cargo install wasm-bindgen-cli --version "$need_wasm_bindgen"
fi
[ -x web/node_modules/.bin/wasm-opt ] || (cd web && npm ci --no-audit --no-fund --silent)
if [ "${CS_WEB_BROWSER:-0}" = 1 ] && ! command -v chromium >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium
fi
