#!/usr/bin/env bash
# Installs the Debian packages the project needs, when they are missing. Sourced by play.sh and test.sh.
# Bevy's Linux packages (ALSA, udev, Wayland, xkbcommon, X11), and for tests and screenshots without a
# display, Xvfb with Mesa's software Vulkan.
set -euo pipefail

CS_PACKAGES=(pkg-config libasound2-dev libudev-dev libwayland-dev libxkbcommon-dev libx11-dev libxcursor-dev libxrandr-dev libxi-dev libvulkan1 mesa-vulkan-drivers xvfb xauth)

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
