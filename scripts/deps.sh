#!/usr/bin/env bash
# Installs the Debian packages the project needs, when they are missing. Sourced by play.sh and test.sh.
# The headless simulation needs only a C toolchain and pkg-config; the on-screen game adds Bevy's
# Linux packages (ALSA, udev, Wayland, xkbcommon) and, for screenshots without a display, Xvfb with Mesa's Vulkan.
set -euo pipefail

CS_PACKAGES=(pkg-config)

cs_install_missing() {
    local missing=()
    for p in "${CS_PACKAGES[@]}"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    echo "installing missing packages: ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
}

if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo not found: install Rust 1.95 with rustup first" >&2
    exit 1
fi
cs_install_missing
